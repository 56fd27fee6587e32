"""The compliance engine on edge dates, and a property: a record never lowers a count."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianshi_desktop.domain.compliance import (
    BranchFacts,
    Engine,
    Per,
    RecordFact,
    State,
    load_obligations,
    period_of,
    periods_in_year,
)
from jianshi_desktop.domain.enums import MemberStatus
from jianshi_desktop.domain.history import MemberFacts
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import compliance, members, organization
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import Store
from tests.committee import create_term
from tests.support import move_to_group

OBLIGATIONS = load_obligations(
    json.loads((resources_dir() / "rules" / "obligations.json").read_text(encoding="utf-8"))
)
BY_KEY = {o.key: o for o in OBLIGATIONS}
GROUPS = ((1, "第一党小组"), (2, "第二党小组"))
MEMBERS = ((10, "甲"), (11, "乙"), (12, "丙"))


def facts(
    *records: RecordFact, founded: dt.date = dt.date(2000, 1, 1), committee: bool = True
) -> BranchFacts:
    return BranchFacts(founded, committee, GROUPS, MEMBERS, secretary_id=10, records=records)


def meeting(n: int, on: dt.date, kind: str, **extra: object) -> RecordFact:
    return RecordFact(id=n, record="meeting", held_on=on, kind=kind, **extra)  # type: ignore[arg-type]


def one(engine: Engine, key: str, on: dt.date, today: dt.date) -> list[State]:
    obligation = BY_KEY[key]
    return [s.state for s in engine.status(obligation, period_of(on, obligation.per), today)]


def test_periods_of_a_leap_year() -> None:
    assert period_of(dt.date(2024, 2, 10), Per.MONTH).end == dt.date(2024, 2, 29)
    q = period_of(dt.date(2024, 9, 30), Per.QUARTER)
    assert (q.start, q.end, q.label) == (
        dt.date(2024, 7, 1),
        dt.date(2024, 9, 30),
        "2024年第三季度",
    )
    assert [p.start.month for p in periods_in_year(2024, Per.QUARTER)] == [1, 4, 7, 10]


def test_last_day_of_a_quarter() -> None:
    engine = Engine(OBLIGATIONS, facts())
    assert one(engine, "general_assembly", dt.date(2020, 9, 30), dt.date(2020, 9, 30)) == [
        State.DUE_SOON
    ]
    assert one(engine, "general_assembly", dt.date(2020, 9, 30), dt.date(2020, 10, 1)) == [
        State.OVERDUE
    ]
    done = Engine(OBLIGATIONS, facts(meeting(1, dt.date(2020, 9, 30), "general_assembly")))
    assert one(done, "general_assembly", dt.date(2020, 9, 30), dt.date(2020, 10, 1)) == [State.DONE]
    assert one(done, "general_assembly", dt.date(2020, 10, 1), dt.date(2020, 10, 1)) == [
        State.NOT_YET_DUE
    ]


def test_group_meetings_are_owed_per_group() -> None:
    engine = Engine(OBLIGATIONS, facts(meeting(1, dt.date(2020, 3, 2), "group", group_id=1)))
    states = one(engine, "group", dt.date(2020, 3, 1), dt.date(2020, 4, 1))
    assert states == [State.DONE, State.OVERDUE]


def test_no_committee_means_no_committee_meeting_is_owed() -> None:
    engine = Engine(OBLIGATIONS, facts(committee=False))
    assert "committee" not in {o.key for o in engine.obligations}


def test_a_branch_founded_in_november_owes_from_its_founding() -> None:
    engine = Engine(OBLIGATIONS, facts(founded=dt.date(2020, 11, 16)))
    today = dt.date(2020, 12, 31)
    assert one(engine, "committee", dt.date(2020, 11, 1), today) == []  # not a full month
    assert one(engine, "committee", dt.date(2020, 12, 1), today) == [State.DUE_SOON]
    assert one(engine, "general_assembly", dt.date(2020, 10, 1), today) == []
    party_building = engine.status(BY_KEY["party_building"], period_of(today, Per.YEAR), today)
    assert party_building[0].required == 1  # 2 a year, two months left → at least one
    assert engine.year(2019, today) == []


def test_secretary_lecture_counts_only_the_secretarys() -> None:
    engine = Engine(
        OBLIGATIONS,
        facts(
            meeting(1, dt.date(2020, 5, 1), "lecture", lecturer_id=11),
            meeting(2, dt.date(2020, 6, 1), "lecture", lecturer_id=10, late_entry=True),
        ),
    )
    (status,) = engine.status(
        BY_KEY["secretary_lecture"], period_of(dt.date(2020, 1, 1), Per.YEAR), dt.date(2020, 7, 1)
    )
    assert status.done == 1 and status.late_entries == 1 and status.state is State.DONE
    (lectures,) = engine.status(
        BY_KEY["lecture"], period_of(dt.date(2020, 5, 1), Per.QUARTER), dt.date(2020, 7, 1)
    )
    assert lectures.done == 2
    assert "其中补录1次" in lectures.describe()


def test_tags_count_toward_other_obligations() -> None:
    engine = Engine(
        OBLIGATIONS,
        facts(
            meeting(1, dt.date(2020, 3, 1), "committee", tags=frozenset({"研究党建工作"})),
            meeting(
                2,
                dt.date(2020, 12, 1),
                "general_assembly",
                tags=frozenset({"研究党建工作", "组织生活会"}),
            ),
        ),
    )
    year = period_of(dt.date(2020, 1, 1), Per.YEAR)
    (pb,) = engine.status(BY_KEY["party_building"], year, dt.date(2020, 12, 31))
    (org,) = engine.status(BY_KEY["org_life"], year, dt.date(2020, 12, 31))
    assert (pb.done, pb.state, org.state) == (2, State.DONE, State.DONE)


def test_talks_are_owed_per_member() -> None:
    talk = RecordFact(
        id=1,
        record="heart_talk",
        held_on=dt.date(2020, 4, 1),
        kind="committee_member",
        participants=frozenset({10, 11}),
    )
    engine = Engine(OBLIGATIONS, facts(talk))
    states = one(engine, "heart_talk", dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert states == [State.DONE, State.DONE, State.DUE_SOON]


def test_a_meeting_on_a_leap_day_counts_for_february() -> None:
    engine = Engine(OBLIGATIONS, facts(meeting(1, dt.date(2024, 2, 29), "committee")))
    assert one(engine, "committee", dt.date(2024, 2, 1), dt.date(2024, 3, 1)) == [State.DONE]
    assert one(engine, "committee", dt.date(2024, 2, 1), dt.date(2024, 2, 23)) == [State.DONE]


kinds = st.sampled_from(["general_assembly", "committee", "group", "lecture"])
days = st.dates(dt.date(2019, 1, 1), dt.date(2021, 12, 31))
records = st.builds(
    RecordFact,
    id=st.integers(1, 10**6),
    record=st.just("meeting"),
    held_on=days,
    kind=kinds,
    tags=st.frozensets(st.sampled_from(["研究党建工作", "组织生活会", "意识形态专题研究"])),
    group_id=st.sampled_from([None, 1, 2]),
    lecturer_id=st.sampled_from([None, 10, 11]),
)


@given(st.lists(records, max_size=30), records, days)
def test_adding_a_record_never_lowers_a_done_count(
    existing: list[RecordFact], extra: RecordFact, today: dt.date
) -> None:
    before = Engine(OBLIGATIONS, facts(*existing)).year(2020, today)
    after = Engine(OBLIGATIONS, facts(*existing, extra)).year(2020, today)
    assert len(before) == len(after)
    for old, new in zip(before, after, strict=True):
        assert new.done >= old.done
        assert new.state.urgency >= old.state.urgency or new.state is State.DONE


# --- issue 11: periods before the branch kept its records in the app -------------------


def kept_from(day: dt.date, *records: RecordFact) -> Engine:
    return Engine(
        OBLIGATIONS,
        BranchFacts(
            dt.date(2015, 1, 1),
            True,
            GROUPS,
            MEMBERS,
            secretary_id=10,
            records=records,
            records_from=day,
        ),
    )


def test_months_wholly_before_the_app_are_not_recorded_never_overdue() -> None:
    # rules.md §7 (a period is judged with that period's facts): before the branch kept its
    # records here they were on paper; the app cannot call them overdue (issue 11).
    engine = kept_from(dt.date(2026, 12, 1))
    today = dt.date(2026, 12, 6)
    for month in range(1, 12):
        assert one(engine, "committee", dt.date(2026, month, 1), today) == [State.NOT_RECORDED]
    assert one(engine, "general_assembly", dt.date(2026, 9, 1), today) == [State.NOT_RECORDED]
    assert one(engine, "committee", dt.date(2026, 12, 1), today) == [State.NOT_YET_DUE]
    assert not [s for s in engine.year(2026, today) if s.state is State.OVERDUE]


def test_a_period_that_straddles_the_day_is_judged_as_usual() -> None:
    # rules.md §2 (组织生活会 ≥1 a year, 支部党员大会 1 a quarter): the year and the quarter
    # that hold the day are owed in full; a record from before the day still counts.
    engine = kept_from(dt.date(2026, 11, 15))
    assert one(engine, "committee", dt.date(2026, 11, 1), dt.date(2026, 12, 1)) == [State.OVERDUE]
    assert one(engine, "org_life", dt.date(2026, 1, 1), dt.date(2027, 1, 1)) == [State.OVERDUE]
    earlier = meeting(1, dt.date(2026, 10, 20), "general_assembly")
    engine = kept_from(dt.date(2026, 11, 15), earlier)
    assert one(engine, "general_assembly", dt.date(2026, 10, 1), dt.date(2027, 1, 1)) == [
        State.DONE
    ]


def test_a_late_entry_before_the_day_makes_its_period_done() -> None:
    # 补录 (glossary: late_entry) fills a grey period: it is done like any other.
    late = meeting(1, dt.date(2026, 3, 5), "committee", late_entry=True)
    engine = kept_from(dt.date(2026, 12, 1), late)
    today = dt.date(2026, 12, 6)
    assert one(engine, "committee", dt.date(2026, 3, 1), today) == [State.DONE]
    assert one(engine, "committee", dt.date(2026, 4, 1), today) == [State.NOT_RECORDED]


def test_no_day_set_means_from_the_founding_as_before() -> None:
    # A database from before migration 6 without records judges from the founding.
    engine = Engine(OBLIGATIONS, facts(founded=dt.date(2026, 3, 1)))
    assert engine.facts.recorded_from == dt.date(2026, 3, 1)
    assert one(engine, "committee", dt.date(2026, 3, 1), dt.date(2026, 12, 6)) == [State.OVERDUE]


# --- issue 11: a period is judged with that period's facts (rules.md §7) ---------------


def person(n: int, joined: dt.date, left: dt.date | None = None) -> MemberFacts:
    return MemberFacts(
        id=n,
        name=f"党员{n}",
        joined_on=joined,
        full_member_on=None,
        probationary_now=False,
        in_branch=((joined, left),),
    )


def talk(n: int, on: dt.date, *people: int) -> RecordFact:
    return RecordFact(
        id=n, record="heart_talk", held_on=on, kind="member_peers", participants=frozenset(people)
    )


def dated_facts(
    people: Sequence[MemberFacts],
    *records: RecordFact,
    group_spans: tuple[tuple[int, dt.date | None, dt.date | None], ...] = (),
    changes: tuple[tuple[dt.date, bool], ...] = (),
) -> BranchFacts:
    return BranchFacts(
        dt.date(2000, 1, 1),
        False,
        GROUPS,
        (),
        records=records,
        member_history=tuple(people),
        group_spans=group_spans,
        committee_changes=changes,
    )


def subjects(engine: Engine, key: str, on: dt.date, today: dt.date) -> list[tuple[str, State]]:
    obligation = BY_KEY[key]
    statuses = engine.status(obligation, period_of(on, obligation.per), today)
    return [(s.subject, s.state) for s in statuses]


def test_talks_are_owed_to_the_members_of_that_year() -> None:
    # rules.md §7: a period is judged with that period's members: owed to those in the
    # branch on the year's last day (today while it runs); one who left in June is not.
    people = [
        person(1, dt.date(2010, 1, 1)),
        person(2, dt.date(2010, 1, 1), left=dt.date(2025, 6, 30)),
        person(3, dt.date(2025, 12, 20)),
    ]
    engine = Engine(OBLIGATIONS, dated_facts(people, talk(1, dt.date(2025, 12, 21), 1, 3)))
    today = dt.date(2026, 3, 1)
    assert subjects(engine, "heart_talk", dt.date(2025, 1, 1), today) == [
        ("党员1", State.DONE),
        ("党员3", State.DONE),
    ]


def test_a_committee_meeting_is_owed_only_while_there_was_a_committee() -> None:
    # rules.md §7 (that period's branch form): a committee from 2026-03-15 owes 支委会 from
    # March (a month it had a committee on some day of), never before.
    engine = Engine(OBLIGATIONS, dated_facts([], changes=((dt.date(2026, 3, 15), True),)))
    today = dt.date(2026, 6, 1)
    assert "committee" in {o.key for o in engine.obligations}
    assert subjects(engine, "committee", dt.date(2026, 2, 1), today) == []
    assert subjects(engine, "committee", dt.date(2026, 3, 1), today) == [("", State.OVERDUE)]
    ended = Engine(
        OBLIGATIONS,
        dated_facts([], changes=((dt.date(2020, 1, 1), True), (dt.date(2026, 3, 15), False))),
    )
    assert subjects(ended, "committee", dt.date(2026, 3, 1), today) == [("", State.OVERDUE)]
    assert subjects(ended, "committee", dt.date(2026, 4, 1), today) == []


def test_a_group_owes_meetings_only_in_the_months_it_existed() -> None:
    # rules.md §7 (that period's groups): group 2 had members from 2026-05-10 only.
    spans = ((1, dt.date(2010, 1, 1), None), (2, dt.date(2026, 5, 10), None))
    engine = Engine(OBLIGATIONS, dated_facts([], group_spans=spans))
    today = dt.date(2026, 6, 1)
    assert [s for s, _ in subjects(engine, "group", dt.date(2026, 4, 1), today)] == ["第一党小组"]
    assert [s for s, _ in subjects(engine, "group", dt.date(2026, 5, 1), today)] == [
        "第一党小组",
        "第二党小组",
    ]


history_days = st.dates(dt.date(2018, 1, 1), dt.date(2021, 12, 31))


@st.composite
def histories(draw: st.DrawFn) -> list[MemberFacts]:
    people = []
    for n in range(draw(st.integers(0, 6))):
        joined = draw(history_days)
        left = draw(st.none() | st.dates(joined, dt.date(2021, 12, 31)))
        people.append(person(n + 1, joined, left))
    return people


def judged_before(engine: Engine, day: dt.date) -> list[tuple[object, ...]]:
    return [
        (s.obligation.key, s.period, s.subject_id, s.required, s.done, s.state)
        for year in (2018, 2019, 2020, 2021)
        for s in engine.year(year, day)
        if s.period.end < day
    ]


@given(
    histories(),
    st.lists(st.builds(talk, st.integers(1, 10**6), history_days, st.integers(1, 8)), max_size=8),
    history_days,
    st.booleans(),
)
def test_a_change_on_a_day_never_changes_a_period_that_ended_before(
    people: list[MemberFacts], talks: list[RecordFact], day: dt.date, joins: bool
) -> None:
    # rules.md §7: a period is judged with that period's members, so a member who joins
    # or leaves on ``day`` leaves every period that ended before it as it was.
    before = Engine(OBLIGATIONS, dated_facts(people, *talks))
    if joins:
        changed = [*people, person(99, day)]
    else:
        still_in = [p for p in people if p.member_on(day)]
        if not still_in:
            return
        gone = still_in[0]
        left = replace(gone, in_branch=((gone.in_branch[0][0], day),))
        changed = [left if p is gone else p for p in people]
    after = Engine(OBLIGATIONS, dated_facts(changed, *talks))
    assert judged_before(before, day) == judged_before(after, day)


# --- the same three cases through the services, against a database ---------------------


def _add_member(n: int, joined: dt.date, status: MemberStatus = MemberStatus.FULL) -> int:
    first17 = f"42282219800101{n:03d}"
    full = status is MemberStatus.FULL
    return members.add_member(
        MemberFields(
            name=f"党员{n}",
            id_number=first17 + check_char(first17),
            joined_on=joined,
            full_member_on=joined.replace(year=joined.year + 1) if full else None,
            status=status,
        ),
        today=dt.date.today(),
    )


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2015, 1, 1)))
    for n in (1, 2, 3):
        _add_member(n, dt.date(2010, 3, 1))
    return store


def _judged(key: str, on: dt.date, today: dt.date) -> list[tuple[str, State]]:
    return subjects(compliance.engine(today=today), key, on, today)


def test_a_member_joining_today_leaves_last_years_talks_as_they_were(branch: Store) -> None:
    # rules.md §7: a period is judged with that period's members.
    today = dt.date.today()
    last_year = dt.date(today.year - 1, 1, 1)
    before = _judged("heart_talk", last_year, today)
    _add_member(4, today, MemberStatus.PROBATIONARY)
    assert _judged("heart_talk", last_year, today) == before
    assert len(before) == 3
    assert "党员4" in [s for s, _ in _judged("heart_talk", today, today)]


def test_a_group_created_today_owes_nothing_for_last_year(branch: Store) -> None:
    # rules.md §7: a period is judged with that period's groups.
    today = dt.date.today()
    december = dt.date(today.year - 1, 12, 1)
    organization.create_group("第一党小组")
    move_to_group(members.list_members()[0].id, "第一党小组")
    assert _judged("group", december, today) == []
    assert [s for s, _ in _judged("group", today, today)] == ["第一党小组"]


def test_a_committee_set_up_today_makes_no_earlier_committee_meeting_due(branch: Store) -> None:
    # rules.md §7: a period is judged with that period's branch form and committee.
    today = dt.date.today()
    create_term(elected_on=dt.date(2021, 1, 1))  # a 书记 only
    assert "committee" not in {o.key for o in compliance.engine(today=today).obligations}
    organization.set_has_committee(True)
    create_term(elected_on=today)
    last_year = dt.date(today.year - 1, today.month, 1)
    assert _judged("committee", last_year, today) == []
    assert len(_judged("committee", today, today)) == 1
