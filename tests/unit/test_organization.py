"""Party groups, committee terms and posts, and the size rules of rules.md §1."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.domain.enums import CommitteePostKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import members
from jianshi_desktop.services import organization as org
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.settings import COMMITTEE_TERM_YEARS, write_value
from jianshi_desktop.services.store import Store
from tests.committee import create_term
from tests.support import move_to_group

TODAY = dt.date(2026, 11, 26)


def add(n: int, *, status: MemberStatus = MemberStatus.FULL) -> int:
    first17 = f"42282219800101{n:03d}"
    return members.add_member(
        MemberFields(
            name=f"党员{n:02d}",
            id_number=first17 + check_char(first17),
            joined_on=dt.date(2010, 1, 1),
            full_member_on=dt.date(2011, 1, 1) if status is MemberStatus.FULL else None,
            status=status,
        ),
        today=TODAY,
    )


@pytest.fixture
def small(store: Store) -> Store:
    create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2008, 9, 1)))
    return store


def messages() -> list[str]:
    return [w.message for w in org.organization_warnings(today=TODAY)]


def test_groups_with_leaders(small: Store) -> None:
    first = add(1)
    group = org.create_group("第一党小组", leader_id=first)
    with pytest.raises(ValidationError):
        org.create_group(" 第一党小组 ")
    (row,) = org.list_groups()
    assert (row.name, row.leader_name, row.member_count) == ("第一党小组", "党员01", 1)
    with pytest.raises(ValidationError) as caught:
        org.delete_group(group)
    assert "还有党员" in caught.value.message
    move_to_group(first, "")
    assert org.list_groups()[0].leader_name == ""  # the leader left the group
    org.delete_group(group)
    assert org.list_groups() == []


def test_seven_full_members_without_a_committee_is_flagged(small: Store) -> None:
    for n in range(6):
        add(n)
    assert not any("没有设立支部委员会" in m for m in messages())
    add(6)
    assert any("7名及以上" in m for m in messages())


def test_a_term_with_vacant_posts_and_ending_soon(small: Store) -> None:
    ids = [add(n) for n in range(7)]
    org.set_has_committee(True)
    term_id = create_term(elected_on=dt.date(2024, 3, 1))
    term = org.current_term(today=TODAY)
    assert term is not None and term.id == term_id
    assert term.ends_on == dt.date(2027, 2, 28)  # three years, each term keeps its own end
    assert [p.post for p in term.posts] == list(org.STANDARD_POSTS)
    assert all(p.vacant for p in term.posts)
    found = messages()
    assert any("书记职务空缺" in m for m in found)
    assert any("将于2027年2月28日届满" in m for m in found)
    secretary = term.posts[0]
    org.set_post_holder(secretary.id, ids[0], since=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError) as caught:
        org.set_post_holder(term.posts[1].id, ids[0])
    assert "已担任书记" in caught.value.message
    term = org.current_term(today=TODAY)
    assert term is not None and term.posts[0].member_name == "党员00"
    assert not any("书记职务空缺" in m for m in messages())


def test_a_branch_without_committee_records_its_secretary(small: Store) -> None:
    secretary = add(1)
    assert any("还没有登记支部书记" in m for m in messages())
    create_term(elected_on=dt.date(2025, 1, 1))
    term = org.current_term(today=TODAY)
    assert term is not None and [p.post for p in term.posts] == [CommitteePostKind.SECRETARY]
    org.set_post_holder(term.posts[0].id, secretary, since=dt.date(2025, 1, 1))
    term = org.current_term(today=TODAY)
    assert term is not None and term.posts[0].since == dt.date(2025, 1, 1)
    assert not any("书记" in m for m in messages())


def test_probationary_members_cannot_hold_posts(small: Store) -> None:
    for n in range(7):
        add(n)
    probationary = add(50, status=MemberStatus.PROBATIONARY)
    create_term(elected_on=dt.date(2025, 1, 1))
    term = org.current_term(today=TODAY)
    assert term is not None
    with pytest.raises(ValidationError) as caught:
        org.set_post_holder(term.posts[0].id, probationary)
    assert "预备党员" in caught.value.message


def test_term_length_follows_the_setting_and_ended_terms_are_flagged(small: Store) -> None:
    write_value(COMMITTEE_TERM_YEARS.key, 5)  # no page changes it yet
    create_term(elected_on=dt.date(2020, 1, 10))
    term = org.current_term(today=TODAY)
    assert term is not None and term.ends_on == dt.date(2025, 1, 9)
    assert any("已于2025年1月9日届满" in m for m in messages())


def test_other_posts_need_a_title_and_the_secretary_stays(small: Store) -> None:
    term_id = create_term(elected_on=dt.date(2025, 1, 1))
    with pytest.raises(ValidationError):
        org.add_post(term_id, CommitteePostKind.OTHER)
    org.add_post(term_id, CommitteePostKind.OTHER, title="统战委员")
    term = org.current_term(today=TODAY)
    assert term is not None and term.posts[-1].title == "统战委员"
    with pytest.raises(ValidationError):
        org.remove_post(term.posts[0].id)


def test_a_committee_member_who_leaves_leaves_the_post_and_the_by_election_is_recorded(
    small: Store,
) -> None:
    """rules.md §7: a 支委 who leaves leaves the post that day; a 补选 is due and, once
    held, is recorded as such with its date. A change without a vacant day is not one."""
    from jianshi_desktop.domain.enums import MemberEventKind
    from jianshi_desktop.services import history

    ids = [add(n) for n in range(7)]
    org.set_has_committee(True)
    create_term(elected_on=dt.date(2024, 3, 1))
    term = org.current_term(today=TODAY)
    assert term is not None
    first, second = term.posts[1], term.posts[2]
    org.set_post_holder(term.posts[0].id, ids[0], since=dt.date(2024, 3, 1))
    org.set_post_holder(first.id, ids[1], since=dt.date(2024, 3, 1))
    org.set_post_holder(second.id, ids[2], since=dt.date(2024, 3, 1))
    left = dt.date(2026, 5, 10)
    members.record_leaving(
        ids[1],
        MemberEventKind.TRANSFER_OUT,
        on=left,
        letter_no="建教党转〔2026〕5号",
        counterpart="某中学支部",
        today=TODAY,
    )
    vacant = {p.post_id: p for p in history.post_holders_on(left)}[first.id]
    assert vacant.member_id is None, "the post is vacant from the day the holder left"
    assert any(f"{first.title}职务空缺" in m for m in messages()), "a 补选 is due"

    filled_on = dt.date(2026, 6, 1)
    org.set_post_holder(first.id, ids[3], since=filled_on)
    org.set_post_holder(second.id, ids[4], since=filled_on)  # 调整分工: no vacant day
    term = org.current_term(today=TODAY)
    assert term is not None
    rows = {p.id: p for p in term.posts}
    assert rows[first.id].by_election and rows[first.id].since == filled_on
    assert rows[first.id].member_name == "党员03"
    assert not rows[second.id].by_election, "no vacancy, no 补选"
    assert not rows[term.posts[0].id].by_election, "elected with the term"
    before = {p.post_id: p for p in history.post_holders_on(dt.date(2026, 5, 1))}
    assert before[first.id].member_id == ids[1] and not before[first.id].by_election
    assert not any(f"{first.title}职务空缺" in m for m in messages())


# --- 换届 in one go ---------------------------------------------------------------------


def test_an_election_records_the_term_posts_and_holders_in_one_audited_step(
    small: Store,
) -> None:
    from jianshi_desktop.db.models import AuditLog

    ids = [add(n) for n in range(7)]
    org.set_has_committee(True)
    before = AuditLog.select().count()
    elected = dt.date(2026, 9, 1)
    term_id = org.elect_committee(
        elected_on=elected,
        number=5,
        posts={
            CommitteePostKind.SECRETARY: ids[0],
            CommitteePostKind.DEPUTY_SECRETARY: ids[1],
            CommitteePostKind.ORGANIZATION: ids[2],
            CommitteePostKind.PUBLICITY: ids[3],
            CommitteePostKind.DISCIPLINE: ids[4],
        },
        today=TODAY,
    )
    term = org.current_term(today=TODAY)
    assert term is not None and term.id == term_id and term.number == 5
    assert (term.elected_on, term.starts_on, term.ends_on) == (
        elected,
        elected,
        dt.date(2029, 8, 31),
    )
    assert [(p.title, p.member_name, p.since) for p in term.posts] == [
        ("书记", "党员00", elected),
        ("副书记", "党员01", elected),
        ("组织委员", "党员02", elected),
        ("宣传委员", "党员03", elected),
        ("纪检委员", "党员04", elected),
    ]
    assert not any(p.by_election for p in term.posts)
    (audit,) = AuditLog.select().where(AuditLog.id > before)  # one row for the lot
    assert audit.action == "elect_committee"
    assert "书记党员00" in audit.summary and "纪检委员党员04" in audit.summary


def test_an_election_is_refused_whole_with_the_post_named(small: Store) -> None:
    ids = [add(n) for n in range(7)]
    probationary = add(50, status=MemberStatus.PROBATIONARY)
    org.set_has_committee(True)
    elected = dt.date(2026, 9, 1)
    cases = [
        (
            [
                org.ElectedPost(CommitteePostKind.SECRETARY, ids[0]),
                org.ElectedPost(CommitteePostKind.ORGANIZATION, ids[0]),
            ],
            "post:1",
            "“党员00”已当选书记，一人一般不兼两个委员职务，请为组织委员另选一人。",
        ),
        (
            [
                org.ElectedPost(CommitteePostKind.SECRETARY, ids[0]),
                org.ElectedPost(CommitteePostKind.PUBLICITY, probationary),
            ],
            "post:1",
            "“党员50”2026年9月1日是预备党员，不能当选宣传委员。",
        ),
        (
            [org.ElectedPost(CommitteePostKind.ORGANIZATION, ids[1])],
            "post:0",
            "书记是必设职务，请登记当选的书记。",
        ),
        (
            [
                org.ElectedPost(CommitteePostKind.SECRETARY, ids[0]),
                org.ElectedPost(CommitteePostKind.OTHER, ids[1], title=" "),
            ],
            "post:1",
            "请填写增设职务的名称，例如“统战委员”。",
        ),
        (
            [
                org.ElectedPost(CommitteePostKind.SECRETARY, ids[0]),
                org.ElectedPost(CommitteePostKind.DISCIPLINE, None),
            ],
            "post:1",
            "请为纪检委员选定当选的党员。",
        ),
    ]
    for posts, field, message in cases:
        with pytest.raises(ValidationError) as caught:
            org.elect_committee(elected_on=elected, posts=posts, today=TODAY)
        assert (caught.value.field, caught.value.message) == (field, message)
    with pytest.raises(ValidationError) as caught:
        org.elect_committee(
            elected_on=TODAY + dt.timedelta(days=1),
            posts={CommitteePostKind.SECRETARY: ids[0]},
            today=TODAY,
        )
    assert caught.value.field == "elected_on"
    assert org.list_terms() == [], "nothing of a refused election is kept"
    # the 书记 may also hold an "other" post, as set_post_holder allows
    org.elect_committee(
        elected_on=elected,
        posts=[
            org.ElectedPost(CommitteePostKind.SECRETARY, ids[0]),
            org.ElectedPost(CommitteePostKind.OTHER, ids[0], title="统战委员"),
        ],
        today=TODAY,
    )
    term = org.current_term(today=TODAY)
    assert term is not None
    assert [(p.title, p.member_name) for p in term.posts] == [
        ("书记", "党员00"),
        ("统战委员", "党员00"),
    ]


def test_who_can_be_elected_is_judged_on_the_election_day(small: Store) -> None:
    from jianshi_desktop.domain.enums import MemberEventKind

    ids = [add(n) for n in range(3)]
    probationary = add(50, status=MemberStatus.PROBATIONARY)
    members.record_leaving(ids[1], MemberEventKind.DECEASED, on=dt.date(2025, 3, 1), today=TODAY)
    members.record_leaving(ids[2], MemberEventKind.DECEASED, on=dt.date(2026, 10, 1), today=TODAY)
    offered = [member_id for member_id, _name in org.eligible_members(dt.date(2026, 9, 1))]
    assert offered == [ids[0], ids[2]], "left before: not offered; left after: offered"
    assert probationary not in offered
    assert ids[1] in [m for m, _n in org.eligible_members(dt.date(2025, 1, 1))]

    org.elect_committee(
        elected_on=dt.date(2026, 9, 1),
        posts={CommitteePostKind.SECRETARY: ids[0], CommitteePostKind.DEPUTY_SECRETARY: ids[2]},
        today=TODAY,
    )
    term = org.current_term(today=TODAY)
    assert term is not None
    deputy = term.posts[1]
    assert deputy.title == "副书记" and deputy.vacant, "who left since left the post that day"
    then = org.current_term(today=dt.date(2026, 9, 30))
    assert then is not None and then.posts[1].member_name == "党员02"


def test_a_member_under_party_probation_cannot_be_elected_while_it_lasts(small: Store) -> None:
    # 党章 art. 40: 留党察看 takes away the right to vote, to elect and to be elected.
    secretary = add(1)
    disciplined = add(2)
    members.record_party_probation(
        disciplined,
        starts_on=dt.date(2026, 3, 1),
        ends_on=dt.date(2027, 3, 1),
        resolution="支部党员大会决议，报上级党委批准",
        today=TODAY,
    )
    offered = [member_id for member_id, _name in org.eligible_members(dt.date(2026, 9, 1))]
    assert secretary in offered and disciplined not in offered
    assert disciplined in [m for m, _n in org.eligible_members(dt.date(2026, 2, 28))]

    with pytest.raises(ValidationError) as refused:
        org.elect_committee(
            elected_on=dt.date(2026, 9, 1),
            posts={
                CommitteePostKind.SECRETARY: secretary,
                CommitteePostKind.DEPUTY_SECRETARY: disciplined,
            },
            today=TODAY,
        )
    assert refused.value.message == (
        "“党员02”2026年9月1日受留党察看处分，没有被选举权，不能当选副书记。"
    )
