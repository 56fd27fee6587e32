"""发展党员 "525": every interval rule of resources/rules/recruitment.json at its boundary —
the day before, the day, the day after. The numbers come from the JSON itself, so a change
of the data changes what is checked."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.recruitment import (
    PROBATION_END,
    FileFacts,
    RecruitmentRulesError,
    load_rules,
    people_problem,
    step_problems,
    training_problem,
)
from jianshi_desktop.paths import resources_dir

TEXT = (resources_dir() / "rules" / "recruitment.json").read_text(encoding="utf-8")
RAW: dict[str, Any] = json.loads(TEXT)
RULES = load_rules(TEXT)
RAW_STEPS: dict[int, dict[str, Any]] = {int(s["no"]): s for s in RAW["steps"]}
ADMISSION = 15  # the 预备期 runs from 支部大会讨论接收
FAR = dt.date(2099, 1, 1)  # "today" far away: no step is in the future
ONE = dt.timedelta(days=1)
days = st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31))
GAPPED = [no for no, raw in sorted(RAW_STEPS.items()) if raw["after"]]


def judge(facts: FileFacts, no: int, on: dt.date, today: dt.date = FAR) -> list[Problem]:
    return step_problems(RULES, facts, no, on, today=today)


def errors(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems if p.is_error]


def warnings(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems if not p.is_error]


def anchors(no: int, base: dt.date) -> FileFacts:
    """A file with every step ``no`` waits for done on ``base`` (the 接收 for a gap from
    the end of the 预备期)."""
    done = {
        ADMISSION if g["step"] == PROBATION_END else int(g["step"]) for g in RAW_STEPS[no]["after"]
    }
    return FileFacts.of([(n, base) for n in sorted(done)])


def anchor_day(gap: dict[str, Any], base: dt.date) -> dt.date:
    return add_months(base, 12) if gap["step"] == PROBATION_END else base  # 预备期 one year


def bounds(no: int, base: dt.date) -> tuple[dt.date, str, dt.date | None, str]:
    """The earliest and latest day of step ``no`` read straight from the JSON."""
    earliest, earliest_rules = dt.date.min, ""
    latest: dt.date | None = None
    latest_rule = ""
    for gap in RAW_STEPS[no]["after"]:
        start = add_months(anchor_day(gap, base), int(gap.get("min_months", 0)))
        if start > earliest:
            earliest, earliest_rules = start, gap["rule"]
        if gap.get("max_months") is not None:
            end = add_months(anchor_day(gap, base), int(gap["max_months"]))
            if latest is None or end < latest:
                latest, latest_rule = end, gap["rule"]
    if RAW_STEPS[no]["name"] == "培养教育考察":
        due = add_months(base, int(RAW["assessment_months"]))
        if latest is None or due < latest:
            latest, latest_rule = due, RAW["assessment_rule"]
    return earliest, earliest_rules, latest, latest_rule


@pytest.mark.parametrize("no", GAPPED)
@given(base=days)
def test_every_gap_at_its_boundary(no: int, base: dt.date) -> None:
    facts = anchors(no, base)
    earliest, rule, latest, late_rule = bounds(no, base)
    before = errors(judge(facts, no, earliest - ONE))
    assert any("太早" in m and rule in m for m in before), before
    assert not errors(judge(facts, no, earliest))
    assert not errors(judge(facts, no, earliest + ONE))
    if latest is None:
        return
    assert not judge(facts, no, latest)
    assert not judge(facts, no, latest - ONE)
    late = judge(facts, no, latest + ONE)
    assert not errors(late)
    assert any("已超过期限" in m and late_rule in m for m in warnings(late)), late


def test_the_boundaries_named_in_the_notice_are_in_the_data() -> None:
    """谈话 within 1 month, ≥1 year as 积极分子, 审批 within 3 months (接收 and 转正),
    转正申请 from a month before the end: the gaps the generic test walks exist."""
    gaps = {(no, g["step"]): g for no, raw in RAW_STEPS.items() for g in raw["after"]}
    assert gaps[(2, 1)]["max_months"] == 1
    assert gaps[(7, 3)]["min_months"] == 12
    assert gaps[(17, 15)]["max_months"] == 3
    assert gaps[(24, 23)]["max_months"] == 3
    assert gaps[(22, PROBATION_END)]["min_months"] == -1
    assert (23, PROBATION_END) in gaps
    assert RAW["assessment_months"] == 6


@given(activist=days, gap_days=st.integers(1, 400))
def test_the_next_assessment_is_due_six_months_after_the_last(
    activist: dt.date, gap_days: int
) -> None:
    last = activist + dt.timedelta(days=gap_days)
    facts = FileFacts.of([(3, activist), (6, last)])
    due = add_months(last, int(RAW["assessment_months"]))
    assert not judge(facts, 6, due)
    assert warnings(judge(facts, 6, due + ONE)) and not errors(judge(facts, 6, due + ONE))
    assert not judge(facts, 6, due - ONE)


@given(joined=days, months=st.integers(6, 12), extra=st.integers(0, 20))
def test_an_extended_probation_moves_the_earliest_full_membership(
    joined: dt.date, months: int, extra: int
) -> None:
    end = add_months(add_months(joined, 12), months) + dt.timedelta(days=extra)
    facts = FileFacts.of([(ADMISSION, joined), (22, joined)], extended_to=end)
    assert facts.probation_end == end
    before = errors(judge(facts, 23, end - ONE))
    assert before and "太早" in before[0]
    assert not errors(judge(facts, 23, end))
    assert not errors(judge(facts, 23, end + ONE))
    # 提出转正申请: no earlier than a month before the extended end
    # (after the 上级党委's 谈话 and 审批 of the admission)
    request = FileFacts.of([(ADMISSION, joined), (16, joined), (17, joined)], extended_to=end)
    start = add_months(end, -1)
    assert errors(judge(request, 22, start - ONE))
    assert not errors(judge(request, 22, start))
    assert not errors(judge(request, 22, start + ONE))


def eighteenth_birthday(birth: dt.date) -> dt.date:
    years = int(RAW["min_age"])
    try:
        return birth.replace(year=birth.year + years)
    except ValueError:  # born on 29 February: of age on 1 March of a common year
        return dt.date(birth.year + years, 3, 1)


@given(birth=st.dates(dt.date(1960, 1, 1), dt.date(2015, 12, 31)))
@example(birth=dt.date(2004, 2, 29))
@example(birth=dt.date(2008, 2, 29))
def test_an_application_before_the_age_of_eighteen_is_refused(birth: dt.date) -> None:
    facts = FileFacts.of([], birth_date=birth)
    birthday = eighteenth_birthday(birth)
    young = errors(judge(facts, 1, birthday - ONE))
    assert young and f"未满{RAW['min_age']}岁" in young[0]
    assert not judge(facts, 1, birthday)
    assert not judge(facts, 1, birthday + ONE)


def test_an_application_without_a_birth_date_only_warns() -> None:
    problems = judge(FileFacts.of([]), 1, dt.date(2026, 3, 1))
    assert not errors(problems)
    assert "出生日期" in warnings(problems)[0]


@pytest.mark.parametrize("no", GAPPED)
def test_a_missing_earlier_step_is_refused_naming_it(no: int) -> None:
    refused = errors(judge(FileFacts.of([]), no, dt.date(2026, 3, 1)))
    assert len(refused) == 1
    for gap in RAW_STEPS[no]["after"]:
        wanted = ADMISSION if gap["step"] == PROBATION_END else int(gap["step"])
        assert f"第{wanted}步“{RAW_STEPS[wanted]['name']}”" in refused[0]


@given(today=days)
def test_a_step_in_the_future_is_refused(today: dt.date) -> None:
    facts = FileFacts.of([(1, dt.date(1999, 1, 1))])
    assert any("晚于今天" in m for m in errors(judge(facts, 2, today + ONE, today)))
    assert not any("晚于今天" in m for m in errors(judge(facts, 2, today, today)))


def test_a_step_done_once_is_refused_the_second_time_but_an_assessment_repeats() -> None:
    facts = FileFacts.of([(1, dt.date(2026, 1, 5)), (2, dt.date(2026, 1, 20))])
    assert any(
        "已在2026年1月20日记录过" in m for m in errors(judge(facts, 2, dt.date(2026, 1, 25)))
    )
    twice = FileFacts.of([(3, dt.date(2026, 1, 5)), (6, dt.date(2026, 3, 1))])
    assert not judge(twice, 6, dt.date(2026, 6, 1))


@given(days_=st.integers(0, 10), hours=st.integers(0, 60))
def test_training_takes_three_days_or_twenty_four_hours(days_: int, hours: int) -> None:
    enough = days_ >= int(RAW["training_min_days"]) or hours >= int(RAW["training_min_hours"])
    problem = training_problem(RULES, days_, hours)
    assert (problem is None) == enough
    if problem is not None:
        assert (
            f"不足{RAW['training_min_days']}天或{RAW['training_min_hours']}学时" in problem.message
        )


def test_training_boundaries() -> None:
    least_days, least_hours = int(RAW["training_min_days"]), int(RAW["training_min_hours"])
    assert training_problem(RULES, least_days - 1, None) is not None
    assert training_problem(RULES, least_days, None) is None
    assert training_problem(RULES, least_days + 1, None) is None
    assert training_problem(RULES, None, least_hours - 1) is not None
    assert training_problem(RULES, None, least_hours) is None
    assert training_problem(RULES, None, least_hours + 1) is None
    assert training_problem(RULES, None, None) is not None


@pytest.mark.parametrize("no", [no for no, raw in sorted(RAW_STEPS.items()) if "people" in raw])
def test_people_counts(no: int) -> None:
    people = RAW_STEPS[no]["people"]
    least, most = int(people["min"]), int(people["max"])
    rule = RULES.step(no)
    assert people_problem(rule, least - 1) is not None
    assert people_problem(rule, least) is None
    assert people_problem(rule, most) is None
    too_many = people_problem(rule, most + 1)
    assert too_many is not None and rule.title in too_many.message


def test_the_people_the_rules_ask_for() -> None:
    assert (RULES.step(9).people.least, RULES.step(9).people.most) == (2, 2)  # type: ignore[union-attr]
    assert (RULES.step(5).people.least, RULES.step(5).people.most) == (1, 2)  # type: ignore[union-attr]
    assert RULES.step(9).people.full_members and RULES.step(5).people.full_members  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        json.dumps({**RAW, "steps": RAW["steps"][:-1]}),
        json.dumps({**RAW, "min_age": "十八"}),
        json.dumps(
            {
                **RAW,
                "steps": [
                    {**s, "after": [{"step": 9, "rule": "x"}]} if s["no"] == 4 else s
                    for s in RAW["steps"]
                ],
            }
        ),
    ],
)
def test_broken_rules_are_named_in_chinese(text: str) -> None:
    with pytest.raises(RecruitmentRulesError) as caught:
        load_rules(text)
    assert "发展党员程序文件" in str(caught.value)
    assert "recruitment.json" in str(caught.value)
