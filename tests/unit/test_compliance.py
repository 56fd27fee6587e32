"""The compliance engine on edge dates, and a property: a record never lowers a count."""

from __future__ import annotations

import datetime as dt
import json

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
from jianshi_desktop.paths import resources_dir

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
