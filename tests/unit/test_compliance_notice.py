"""The obligations issue 20 adds to the engine: the half year (组织设置情况 every half
year), 班子成员讲党课 owed by each leader in office, and 学校党建工作会议 apart from the
branch's 研究党建工作."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

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
MEMBERS = ((10, "甲"), (11, "乙"), (12, "丙"))


def lecture(n: int, on: dt.date, lecturer: int | None) -> RecordFact:
    return RecordFact(id=n, record="meeting", held_on=on, kind="lecture", lecturer_id=lecturer)


def test_a_year_has_two_halves_named_as_a_secretary_says_them() -> None:
    first, second = periods_in_year(2026, Per.HALF)
    assert (first.start, first.end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert (second.start, second.end) == (dt.date(2026, 7, 1), dt.date(2026, 12, 31))
    assert first.label == "2026年上半年" and second.label == "2026年下半年"
    assert period_of(dt.date(2026, 6, 30), Per.HALF) == first
    assert period_of(dt.date(2026, 7, 1), Per.HALF) == second
    assert Per.HALF.label == "每半年"


def test_each_leader_in_office_owes_a_lecture_given_by_themselves() -> None:
    leaders = (
        (10, "甲", dt.date(2020, 1, 1), None),
        (11, "乙", dt.date(2020, 1, 1), None),
        (12, "丙", dt.date(2020, 1, 1), dt.date(2026, 3, 1)),  # no longer a leader
    )
    facts = BranchFacts(
        dt.date(2000, 1, 1),
        True,
        members=MEMBERS,
        secretary_id=10,
        records=(lecture(1, dt.date(2026, 4, 1), 11), lecture(2, dt.date(2026, 5, 1), None)),
        leaders=leaders,
    )
    obligation = BY_KEY["leadership_lecture"]
    year = period_of(dt.date(2026, 1, 1), Per.YEAR)
    statuses = Engine(OBLIGATIONS, facts).status(obligation, year, dt.date(2026, 12, 6))
    by_name = {s.subject: s for s in statuses}
    assert set(by_name) == {"甲", "乙"}  # 丙 left the leadership in March
    assert by_name["乙"].state is State.DONE and by_name["乙"].done == 1
    assert by_name["甲"].state is State.DUE_SOON and by_name["甲"].done == 0
    assert obligation.describe() == "每名班子成员每年至少1次"
    # the same year judged on 1 February: 丙 was still a leader, and owes one too
    early = Engine(OBLIGATIONS, facts).status(obligation, year, dt.date(2026, 2, 1))
    assert {s.subject for s in early} == {"甲", "乙", "丙"}
    # a branch that has marked no leader owes nothing of this kind
    none = replace(facts, leaders=())
    assert Engine(OBLIGATIONS, none).status(obligation, year, dt.date(2026, 12, 6)) == []


def test_the_school_meeting_is_its_own_obligation_apart_from_party_building() -> None:
    tagged = RecordFact(
        id=1,
        record="meeting",
        held_on=dt.date(2026, 3, 1),
        kind="committee",
        tags=frozenset({"研究党建工作"}),
    )
    engine = Engine(OBLIGATIONS, BranchFacts(dt.date(2000, 1, 1), True, records=(tagged,)))
    year = period_of(dt.date(2026, 1, 1), Per.YEAR)
    (school,) = engine.status(BY_KEY["school_party_building"], year, dt.date(2026, 12, 6))
    (branch,) = engine.status(BY_KEY["party_building"], year, dt.date(2026, 12, 6))
    assert school.done == 0 and school.required == 2
    assert branch.done == 1


def test_on_an_upgraded_branch_the_new_obligations_start_on_the_day_they_came() -> None:
    """A branch kept in the app since 2025 upgrades on 7 December 2026: 2025's and the first
    half of 2026's 组织设置情况 and 学校党建工作会议 are 未在本程序记录 (there was no way to
    record them), not overdue; the obligations it had before are judged as ever."""
    upgraded = BranchFacts(
        dt.date(2000, 1, 1),
        True,
        records_from=dt.date(2025, 1, 1),
        obligation_starts=dict.fromkeys(
            ("leadership_lecture", "school_party_building", "organisation_report"),
            dt.date(2026, 12, 7),
        ),
    )
    engine = Engine(OBLIGATIONS, upgraded)
    today = dt.date(2026, 12, 7)
    last_year = period_of(dt.date(2025, 1, 1), Per.YEAR)
    (school,) = engine.status(BY_KEY["school_party_building"], last_year, today)
    (branch,) = engine.status(BY_KEY["party_building"], last_year, today)
    assert school.state is State.NOT_RECORDED
    assert branch.state is State.OVERDUE
    first_half = period_of(dt.date(2026, 3, 1), Per.HALF)
    (report,) = engine.status(BY_KEY["organisation_report"], first_half, today)
    assert report.state is State.NOT_RECORDED
    # the running half straddles the day: judged as usual
    (now,) = engine.status(BY_KEY["organisation_report"], period_of(today, Per.HALF), today)
    assert now.state is State.DUE_SOON
