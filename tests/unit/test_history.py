"""Facts as dated history (issue 11): every meeting, rule and reminder asks "as of day D".

rules.md §7: 应到, 有表决权 and the committee of a meeting are those of the meeting day;
a 支委 who leaves leaves the post that day. 党章 art. 40: 预备党员 have no vote.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianshi_desktop.db import models
from jianshi_desktop.db.database import close_database, open_database
from jianshi_desktop.domain.compliance import (
    BranchFacts,
    Engine,
    Obligation,
    Per,
    RecordFact,
    period_of,
)
from jianshi_desktop.domain.enums import (
    CommitteePostKind,
    MeetingKind,
    MemberEventKind,
    MemberStatus,
)
from jianshi_desktop.domain.history import branch_spans
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.services import compliance, history, meetings, members, organization
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.reminders import term_reminders
from jianshi_desktop.services.store import Store, open_store
from tests.committee import create_term
from tests.support import move_to_group


def voter_ids_on(day: dt.date) -> list[int]:
    """Who could vote on ``day`` (党章 art. 40), as the meeting wizard's quorum counts."""
    return [m.id for m in history.roster_on(day) if m.has_vote]


def group_of(member_id: int, day: dt.date) -> int | None:
    """The 党小组 a member belonged to on ``day``, as that day's roster shows it."""
    return next((m.group_id for m in history.roster_on(day) if m.id == member_id), None)


TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2000, 1, 1)))
    return store


def add(
    n: int,
    joined: dt.date = dt.date(2010, 1, 1),
    *,
    full_on: dt.date | None = dt.date(2011, 1, 1),
    group: str = "",
) -> int:
    first17 = f"42282219800101{n:03d}"
    return members.add_member(
        MemberFields(
            name=f"党员{n:02d}",
            id_number=first17 + check_char(first17),
            joined_on=joined,
            full_member_on=full_on,
            status=MemberStatus.FULL if full_on else MemberStatus.PROBATIONARY,
            party_group=group,
        ),
        today=TODAY,
    )


def expected(kind: MeetingKind, on: dt.date, group_id: int | None = None) -> dict[int, bool]:
    """member id → has a vote, as the meeting wizard's defaults give them."""
    entries = meetings.expected_attendance(kind, on=on, party_group_id=group_id)
    return {e.member_id: e.has_vote for e in entries if e.member_id is not None}


# ---- the roster of a day ------------------------------------------------------------------


def test_a_member_who_joined_after_the_day_is_not_expected(branch: Store) -> None:
    """rules.md §7: a member who joined later is not 应到 at an earlier meeting."""
    old = add(1)
    new = add(2, dt.date(2026, 9, 1), full_on=None)
    assert set(expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 6, 30))) == {old}
    assert set(expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 9, 1))) == {old, new}
    assert set(expected(MeetingKind.LECTURE, dt.date(2026, 6, 30))) == {old}


def test_probationary_on_the_day_has_no_vote_even_full_today(branch: Store) -> None:
    """党章 art. 40 and rules.md §7: a 预备党员 then has no vote even if full today — also
    at the 支部大会 that discussed his own 转正 (he becomes full after it)."""
    add(1)
    member = add(2, dt.date(2025, 3, 1), full_on=None)
    members.make_full_member(member, on=dt.date(2026, 3, 10), today=TODAY)
    assert expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2025, 12, 1))[member] is False
    # the 转正 meeting itself: held the day before the 转正 date took effect
    assert expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 3, 9))[member] is False
    assert expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 3, 10))[member] is True
    assert member not in voter_ids_on(dt.date(2026, 3, 9))
    assert member in voter_ids_on(TODAY)


def test_full_member_without_a_date_was_probationary_in_the_first_year() -> None:
    """党章 art. 7: 转正 is no earlier than a year after joining."""
    facts = history.MemberFacts(
        id=1,
        name="甲",
        joined_on=dt.date(2020, 5, 1),
        full_member_on=None,
        probationary_now=False,
        in_branch=branch_spans(dt.date(2020, 5, 1), ()),
    )
    assert facts.status_on(dt.date(2021, 4, 30)) is MemberStatus.PROBATIONARY
    assert facts.status_on(dt.date(2021, 5, 1)) is MemberStatus.FULL
    assert facts.status_on(dt.date(2020, 4, 30)) is None


def test_a_member_who_left_after_the_day_is_expected_that_day(branch: Store) -> None:
    """rules.md §7: someone who left before is not 应到; someone who left after is."""
    stays = add(1)
    leaves = add(2)
    members.record_leaving(
        leaves,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 10, 15),
        letter_no="建教党转〔2026〕3号",
        counterpart="某中学支部",
        today=TODAY,
    )
    assert set(expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 9, 1))) == {stays, leaves}
    assert set(expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 10, 15))) == {stays, leaves}
    assert set(expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 10, 16))) == {stays}


def test_a_member_who_transferred_in_counts_from_the_transfer() -> None:
    """In the party since 2010, in this branch from the 转入; 恢复在册 undoes a leaving."""
    spans = branch_spans(
        dt.date(2010, 1, 1),
        [
            (MemberEventKind.ADDED, dt.date(2026, 1, 1)),
            (MemberEventKind.TRANSFER_IN, dt.date(2024, 9, 1)),
        ],
    )
    assert spans == ((dt.date(2024, 9, 1), None),)
    spans = branch_spans(
        dt.date(2010, 1, 1),
        [
            (MemberEventKind.DECEASED, dt.date(2024, 1, 1)),
            (MemberEventKind.RESTORED, dt.date(2024, 2, 1)),
            (MemberEventKind.TRANSFER_OUT, dt.date(2025, 1, 1)),
            (MemberEventKind.TRANSFER_IN, dt.date(2025, 6, 1)),
        ],
    )
    assert spans == ((dt.date(2010, 1, 1), dt.date(2025, 1, 1)), (dt.date(2025, 6, 1), None))


# ---- post holders as history --------------------------------------------------------------


def _committee(ids: list[int], starts: dt.date = dt.date(2024, 3, 1)) -> dict[str, int]:
    organization.set_has_committee(True)
    create_term(elected_on=starts)
    term = organization.current_term(today=starts)
    assert term is not None
    posts = {p.post.value: p.id for p in term.posts}
    for post_id, member_id in zip(posts.values(), ids, strict=False):
        organization.set_post_holder(post_id, member_id, since=starts)
    return posts


def test_changing_a_holder_keeps_who_held_the_post_when(branch: Store) -> None:
    """rules.md §7: the 支委 of a meeting are the post holders on that day."""
    ids = [add(n) for n in range(8)]
    posts = _committee(ids[:4])
    organization.set_post_holder(
        posts[CommitteePostKind.PUBLICITY.value], ids[5], since=dt.date(2026, 5, 1)
    )
    assert history.committee_member_ids_on(dt.date(2026, 4, 30)) == ids[:4]
    assert history.committee_member_ids_on(dt.date(2026, 5, 1)) == [ids[0], ids[1], ids[5], ids[3]]
    past = expected(MeetingKind.COMMITTEE, dt.date(2026, 4, 20))
    assert set(past) == set(ids[:4]) and all(past.values())
    assert ids[2] not in expected(MeetingKind.COMMITTEE, TODAY)
    holdings = models.CommitteePostHolding.select().where(
        models.CommitteePostHolding.post == posts[CommitteePostKind.PUBLICITY.value]
    )
    assert [
        (h.member_id, h.valid_from, h.valid_to)
        for h in holdings.order_by(models.CommitteePostHolding.id)
    ] == [
        (ids[2], dt.date(2024, 3, 1), dt.date(2026, 5, 1)),
        (ids[5], dt.date(2026, 5, 1), None),
    ]
    with pytest.raises(Exception, match="不能早于"):
        organization.set_post_holder(
            posts[CommitteePostKind.PUBLICITY.value], ids[6], since=dt.date(2026, 1, 1)
        )


@pytest.mark.parametrize(
    "kind",
    [MemberEventKind.DECEASED, MemberEventKind.MEMBERSHIP_STOPPED, MemberEventKind.LEFT_PARTY],
)
def test_a_committee_member_who_leaves_leaves_the_post(
    branch: Store, kind: MemberEventKind
) -> None:
    """rules.md §7: a 支委 who leaves (转出, 去世, 停止党籍, 出党) leaves the post that day:
    the post is vacant and a 补选 is due [notice]."""
    ids = [add(n) for n in range(8)]
    posts = _committee(ids[:4])
    members.record_leaving(ids[3], kind, on=dt.date(2026, 8, 1), today=TODAY)
    assert ids[3] in {m.id for m in history.roster_on(dt.date(2026, 8, 1))}  # its last day
    assert ids[3] not in {m.id for m in history.roster_on(dt.date(2026, 8, 2))}
    assert history.committee_member_ids_on(dt.date(2026, 7, 31)) == ids[:4]
    assert history.committee_member_ids_on(dt.date(2026, 8, 1)) == ids[:3]
    term = organization.current_term(today=TODAY)
    assert term is not None
    vacant = [p for p in term.posts if p.vacant]
    assert [p.id for p in vacant] == [posts[CommitteePostKind.DISCIPLINE.value]]
    found = [r for r in term_reminders(TODAY) if r.kind == "vacant_post"]
    assert found and found[0].title == "纪检委员职务空缺，需要补选"
    assert any(
        "纪检委员职务空缺" in w.message for w in organization.organization_warnings(today=TODAY)
    )


def test_an_earlier_term_keeps_its_holders(branch: Store) -> None:
    ids = [add(n) for n in range(8)]
    _committee(ids[:4], dt.date(2020, 3, 1))
    _committee(ids[4:], dt.date(2023, 3, 1))
    assert history.secretary_on(dt.date(2021, 1, 1)) == ids[0]
    assert history.secretary_on(dt.date(2024, 1, 1)) == ids[4]
    assert history.secretary_on(dt.date(2019, 1, 1)) is None
    terms = organization.list_terms(today=TODAY)
    assert [p.member_id for p in terms[1].posts] == ids[:4]
    changes = history.committee_changes()  # what the first page judges the form by
    assert [had for since, had in changes if since <= dt.date(2021, 1, 1)][-1]


# ---- 书记讲党课 ------------------------------------------------------------------------------


def _lecture_obligation() -> list[Obligation]:
    return [o for o in compliance.shipped_obligations() if o.lecturer == "secretary"]


def test_secretary_lecture_matches_the_secretary_of_the_lecture_day() -> None:
    """书记讲党课 (支部工作条例 art. 19; rules.md §7): the lecturer was the 书记 on the
    lecture day; an unknown lecturer or a day without a 书记 never matches."""
    obligation = _lecture_obligation()
    assert obligation
    year = period_of(dt.date(2025, 6, 1), Per.YEAR)

    def done(lecturer: int | None, on: dt.date) -> int:
        facts = BranchFacts(
            founded_on=dt.date(2000, 1, 1),
            has_committee=False,
            secretary_id=2,  # today's secretary
            secretaries=((1, dt.date(2020, 1, 1), dt.date(2025, 7, 1)),),
            records=(RecordFact(1, "meeting", on, kind="lecture", lecturer_id=lecturer),),
        )
        status = Engine(obligation, facts).status(obligation[0], year, dt.date(2026, 1, 1))
        return sum(s.done for s in status)

    assert done(1, dt.date(2025, 6, 1)) == 1  # the secretary of that day
    assert done(2, dt.date(2025, 6, 1)) == 0  # today's secretary, not yet then
    assert done(1, dt.date(2025, 8, 1)) == 0  # no secretary that day
    assert done(None, dt.date(2025, 8, 1)) == 0  # unknown lecturer, no secretary: no match


def test_compliance_reads_the_secretary_history(branch: Store) -> None:
    ids = [add(n) for n in range(3)]
    create_term(elected_on=dt.date(2024, 1, 1))
    term = organization.current_term(today=TODAY)
    assert term is not None
    post = term.posts[0].id
    organization.set_post_holder(post, ids[0], since=dt.date(2024, 1, 1))
    organization.set_post_holder(post, ids[1], since=dt.date(2026, 1, 1))
    facts = compliance.branch_facts(today=TODAY)
    assert facts.secretary_on(dt.date(2025, 5, 1)) == ids[0]
    assert facts.secretary_on(dt.date(2026, 5, 1)) == ids[1]
    assert facts.secretary_on(dt.date(2023, 5, 1)) is None


# ---- party groups as history --------------------------------------------------------------


def test_a_group_meeting_expects_the_groups_members_of_that_day(branch: Store) -> None:
    """rules.md §7: a 党小组会 expects the group's members on the meeting day."""
    first = organization.create_group("第一党小组")
    second = organization.create_group("第二党小组")
    a = add(1, group="第一党小组")
    b = add(2, group="第一党小组")
    move_to_group(b, "第二党小组")  # moved today (the real today)
    moved_on = dt.date.today()
    day_before = moved_on - dt.timedelta(days=1)
    assert set(expected(MeetingKind.GROUP, day_before, first)) == {a, b}
    assert set(expected(MeetingKind.GROUP, moved_on, first)) == {a}
    assert set(expected(MeetingKind.GROUP, moved_on, second)) == {b}
    assert group_of(b, dt.date(2015, 1, 1)) == first  # from 入党时间
    assert group_of(b, moved_on) == second


# ---- migration 5 ------------------------------------------------------------------------------


def test_migration_5_turns_posts_and_groups_into_spans(tmp_path: Path) -> None:
    """A database written by the code before the change (schema 4, rows by SQL)."""
    path = tmp_path / "v4.sqlite3"
    db = open_database(path, target=4)
    statements = [
        "INSERT INTO organization VALUES (1, '县教育局党委', 'committee', NULL)",
        "INSERT INTO branch VALUES (1, 'u1', '某小学支部', 1, '2000-01-01', 1, 1, 0,"
        " '2020-01-01 08:00:00')",
        "INSERT INTO party_group VALUES (1, 1, '第一党小组', 0, NULL)",
        "INSERT INTO member (id, branch_id, name, ethnicity, education, position, phone,"
        " joined_on, full_member_on, status, state, left_on, party_group_id, notes,"
        " created_at, updated_at) VALUES"
        " (1, 1, '甲', '', '', '', '', '2010-01-01', '2011-01-01', 'full', 'active', NULL, 1,"
        " '', '2020-01-01 08:00:00', '2020-01-01 08:00:00'),"
        " (2, 1, '乙', '', '', '', '', NULL, NULL, 'full', 'active', NULL, 1,"
        " '', '2021-06-01 08:00:00', '2021-06-01 08:00:00'),"
        " (3, 1, '丙', '', '', '', '', '2012-01-01', NULL, 'full', 'active', NULL, NULL,"
        " '', '2020-01-01 08:00:00', '2020-01-01 08:00:00')",
        "INSERT INTO branch_committee VALUES (1, 1)",
        "INSERT INTO committee_term VALUES (1, 1, 2, '2024-03-01', '2024-03-01', '2027-02-28',"
        " 0, '备注')",
        "INSERT INTO committee_post VALUES (1, 1, 'secretary', '', 1, '2024-03-05', NULL),"
        " (2, 1, 'organization', '', 3, NULL, NULL),"
        " (3, 1, 'other', '统战委员', NULL, NULL, NULL),"
        " (4, 1, 'publicity', '', 2, '2024-03-01', '2025-01-01')",
    ]
    for sql in statements:
        db.execute_sql(sql)
    close_database()

    db = open_database(path)
    posts = db.execute_sql(
        "SELECT id, term_id, post, title FROM committee_post ORDER BY id"
    ).fetchall()
    assert posts == [
        (1, 1, "secretary", ""),
        (2, 1, "organization", ""),
        (3, 1, "other", "统战委员"),
        (4, 1, "publicity", ""),
    ]
    holdings = db.execute_sql(
        "SELECT post_id, member_id, valid_from, valid_to FROM committee_post_holding"
        " ORDER BY post_id"
    ).fetchall()
    assert holdings == [
        (1, 1, "2024-03-05", None),
        (2, 3, "2024-03-01", None),  # no 任职日期: from the term's start
        (4, 2, "2024-03-01", "2025-01-01"),
    ]
    groups = db.execute_sql(
        "SELECT member_id, party_group_id, valid_from, valid_to FROM group_membership"
        " ORDER BY member_id"
    ).fetchall()
    assert groups == [(1, 1, "2010-01-01", None), (2, 1, "2021-06-01", None)]
    assert history.secretary_on(dt.date(2024, 3, 4)) is None
    assert history.secretary_on(dt.date(2024, 3, 5)) == 1
    assert group_of(1, dt.date(2015, 1, 1)) == 1
    assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    close_database()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)


# ---- property: any day D -----------------------------------------------------------------------

_DAYS = st.integers(min_value=0, max_value=3000)
_BASE = dt.date(2016, 1, 1)
_member = st.tuples(_DAYS, st.one_of(st.none(), st.integers(365, 900)), st.one_of(st.none(), _DAYS))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(_member, min_size=1, max_size=5), days=st.lists(_DAYS, min_size=1, max_size=4)
)
def test_any_day_the_assembly_expects_that_days_roster(
    people: list[tuple[int, int | None, int | None]], days: list[int]
) -> None:
    """For any day D the 党员大会's 应到 is the roster of D and its voters the full members
    of D (rules.md §7; 党章 art. 40); a new member or a leaving today changes no earlier D."""
    today = _BASE + dt.timedelta(days=3100)
    with tempfile.TemporaryDirectory() as folder:
        opened = open_store(Path(folder) / "data", log_to_file=False)
        try:
            create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2000, 1, 1)))
            branch = models.Branch.get()
            roster: dict[int, tuple[dt.date, dt.date | None, dt.date | None]] = {}
            for n, (joined_at, full_after, left_after) in enumerate(people):
                joined = _BASE + dt.timedelta(days=joined_at)
                full = joined + dt.timedelta(days=full_after) if full_after else None
                left = joined + dt.timedelta(days=left_after) if left_after is not None else None
                member = models.Member.create(
                    branch=branch,
                    name=f"党员{n}",
                    joined_on=joined,
                    full_member_on=full,
                    status=MemberStatus.FULL if full else MemberStatus.PROBATIONARY,
                    state="active" if left is None else "transferred_out",
                    left_on=left,
                )
                if left is not None:
                    models.MemberEvent.create(
                        member=member, kind=MemberEventKind.TRANSFER_OUT, occurred_on=left
                    )
                roster[member.id] = (joined, full, left)

            def oracle(day: dt.date) -> dict[int, bool]:
                return {
                    i: full is not None and full <= day
                    for i, (joined, full, left) in roster.items()
                    if joined <= day and (left is None or day <= left)
                }

            checked = [_BASE + dt.timedelta(days=d) for d in days]
            before = {day: expected(MeetingKind.GENERAL_ASSEMBLY, day) for day in checked}
            for day in checked:
                assert before[day] == oracle(day)
                assert sorted(voter_ids_on(day)) == sorted(
                    i for i, votes in oracle(day).items() if votes
                )
            # today: someone new joins, someone still in the branch leaves
            models.Member.create(branch=branch, name="新党员", joined_on=today)
            staying = [i for i, (_, _, left) in roster.items() if left is None]
            if staying:
                members.record_leaving(staying[0], MemberEventKind.DECEASED, on=today, today=today)
            for day in checked:
                assert expected(MeetingKind.GENERAL_ASSEMBLY, day) == before[day]
        finally:
            opened.close()


# ---- probation: 取消预备党员资格 and 留党察看 (issue 11) ------------------------------------


def test_a_cancelled_probationer_leaves_the_roster_that_day(branch: Store) -> None:
    """党章 art. 7, rules.md §7: after 取消预备党员资格 the member is not 应到; earlier
    meetings (and the deciding one) still expect them, without a vote (预备党员)."""
    stays = add(1)
    member = add(2, dt.date(2025, 3, 1), full_on=None)
    members.cancel_probation(
        member, on=dt.date(2026, 3, 1), resolution="支部党员大会决议", today=TODAY
    )
    assert expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2025, 12, 1)) == {
        stays: True,
        member: False,
    }
    assert member in expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 3, 1))
    assert set(expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 3, 2))) == {stays}
    assert [m.id for m in history.roster_on(TODAY)] == [stays]


def test_party_probation_removes_the_vote_only_while_it_lasts(branch: Store) -> None:
    """党章 art. 40 and rules.md §7: a full member under 留党察看 has no vote during it
    (from its first day until the day it ends), and is still 应到."""
    add(1)
    member = add(2)
    members.record_party_probation(
        member,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 9, 1),
        resolution="支部党员大会决议，报上级党委批准",
        today=TODAY,
    )
    assert member in voter_ids_on(dt.date(2025, 8, 31))
    assert member not in voter_ids_on(dt.date(2025, 9, 1))
    assert member not in voter_ids_on(dt.date(2026, 8, 31))
    assert member in voter_ids_on(dt.date(2026, 9, 1))
    assert expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 1, 5))[member] is False
    assert expected(MeetingKind.GENERAL_ASSEMBLY, dt.date(2026, 10, 5))[member] is True


def test_one_member_s_facts_are_read_alone_and_equal_the_whole_reading(branch: Store) -> None:
    add(1)
    gone = add(2)
    members.record_leaving(gone, MemberEventKind.TRANSFER_OUT, on=dt.date(2026, 3, 2),
                           letter_no="建教党转〔2026〕1号", counterpart="中共某校支部",
                           today=dt.date(2026, 3, 2))  # fmt: skip
    everyone = history.member_facts()
    left = next(f for f in everyone if f.id == gone)
    assert left.in_branch[-1][1] == dt.date(2026, 3, 2)
    assert history.facts_of(gone) == left, "the same spans, read for one member"
    assert history.facts_of(max(f.id for f in everyone) + 1) is None
