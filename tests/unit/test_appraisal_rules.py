"""民主评议党员's rules without the database (domain.appraisal): tallies within the 测评表
handed in, every member rated, 优秀 within the configured share, 不合格 with its reasons
and decision; and the rule values shipped in resources/rules/appraisal.json."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianshi_desktop.domain.appraisal import (
    RATINGS,
    AppraisalRules,
    MemberRating,
    check_ratings,
    check_tallies,
    check_voters,
    leading_rating,
    rules_from,
    share_over,
)
from jianshi_desktop.domain.enums import Rating, UnqualifiedDecision
from jianshi_desktop.paths import resources_dir

tallies = st.tuples(*(st.integers(min_value=0, max_value=40) for _ in range(4)))


def rated(
    name: str = "冯永", tally: tuple[int, int, int, int] = (0, 0, 0, 0), **kw: object
) -> MemberRating:
    entry = MemberRating(1, name, "见附件", *tally)
    for key, value in kw.items():
        setattr(entry, key, value)
    return entry


# --- the tallies -----------------------------------------------------------------------------


@given(tally=tallies, which=st.integers(min_value=0, max_value=3))
def test_a_sum_equal_to_the_voters_is_accepted_one_more_is_refused(
    tally: tuple[int, int, int, int], which: int
) -> None:
    voters = max(sum(tally), 1)
    assert check_tallies([rated(tally=tally)], voters) == []
    more = list(tally)
    more[which] += voters - sum(tally) + 1  # the four together: voters + 1
    (problem,) = check_tallies([rated(tally=tuple(more))], voters)  # type: ignore[arg-type]
    assert problem.is_error and problem.field == "ratings"
    assert problem.message == (
        f"冯永的测评票数合计{voters + 1}票，多于收回的测评表{voters}份，请核对。"
    )


def test_tallies_over_the_voters_say_what_to_fix() -> None:
    (problem,) = check_tallies([rated(tally=(3, 8, 1, 0))], 10)
    assert problem.message == "冯永的测评票数合计12票，多于收回的测评表10份，请核对。"
    assert problem.field == "ratings" and problem.is_error


@pytest.mark.parametrize("index", range(4))
def test_a_negative_tally_is_refused_by_name(index: int) -> None:
    tally = [0, 0, 0, 0]
    tally[index] = -1
    (problem,) = check_tallies([rated(tally=tuple(tally))], 10)  # type: ignore[arg-type]
    assert f"“{RATINGS[index].label}”票数不能是负数" in problem.message


@pytest.mark.parametrize("voters", [None, 0, -3])
def test_voters_missing_or_zero_is_an_error(voters: int | None) -> None:
    (problem,) = check_voters(voters)
    assert problem.field == "voters" and problem.is_error and "测评表" in problem.message
    assert check_voters(1) == []


def test_without_voters_the_tallies_are_not_judged_against_them() -> None:
    assert check_tallies([rated(tally=(30, 0, 0, 0))], None) == []


# --- the 综合评定 -----------------------------------------------------------------------------


def test_every_member_needs_a_rating() -> None:
    problems = check_ratings([rated("冯永"), rated("李红", rating=Rating.QUALIFIED)])
    (problem,) = [p for p in problems if p.is_error]
    assert problem.message == "请为冯永选择综合评定。"


def test_an_empty_list_is_an_error() -> None:
    (problem,) = check_ratings([])
    assert problem.is_error and "没有党员" in problem.message


@pytest.mark.parametrize("appraised", [1, 3, 7, 10, 13, 20, 23, 50])
def test_excellent_at_the_limit_passes_one_more_warns(appraised: int) -> None:
    rules = AppraisalRules(excellent_share_percent=30)
    at_limit = appraised * 30 // 100  # the most within 30 %
    for excellent, warned in ((at_limit, False), (at_limit + 1, True)):
        entries = [
            rated(f"党员{n}", rating=Rating.EXCELLENT if n < excellent else Rating.QUALIFIED)
            for n in range(appraised)
        ]
        warnings = [p for p in check_ratings(entries, rules) if not p.is_error]
        assert bool(warnings) is warned, (appraised, excellent)
        if warned:
            assert f"评为优秀的有{excellent}人" in warnings[0].message
            assert "一般不超过30%" in warnings[0].message


@given(
    excellent=st.integers(min_value=0, max_value=60),
    appraised=st.integers(min_value=1, max_value=60),
    percent=st.integers(min_value=0, max_value=100),
)
def test_the_share_is_exact_in_whole_numbers(excellent: int, appraised: int, percent: int) -> None:
    assert share_over(excellent, appraised, percent) == (excellent / appraised > percent / 100)


def test_unqualified_needs_reasons_and_a_decision() -> None:
    entry = rated(rating=Rating.UNQUALIFIED)
    messages = [p.message for p in check_ratings([entry]) if p.field == "unqualified"]
    assert messages == [
        "冯永评定为不合格，请写明理由。",
        "冯永评定为不合格，请选择支部党员大会作出的处理决定（限期改正、劝其退党或除名）。",
    ]
    entry.reasons, entry.decision = "长期不参加组织生活", UnqualifiedDecision.CORRECT
    assert [p for p in check_ratings([entry]) if p.field == "unqualified"] == []
    entry.reasons = "  "
    assert any("写明理由" in p.message for p in check_ratings([entry]))


def test_reasons_are_asked_only_for_unqualified() -> None:
    for rating in (Rating.EXCELLENT, Rating.QUALIFIED, Rating.BASICALLY_QUALIFIED):
        assert [p for p in check_ratings([rated(rating=rating)]) if p.is_error] == []


@given(tally=tallies)
def test_the_leading_rating_is_the_one_with_the_most_votes(
    tally: tuple[int, int, int, int],
) -> None:
    leading = leading_rating(rated(tally=tally))
    most = max(tally)
    if most == 0 or tally.count(most) > 1:
        assert leading is None  # before any vote, or a tie: the branch decides
    else:
        assert leading is RATINGS[tally.index(most)]


# --- the rule values -----------------------------------------------------------------------


def test_the_shipped_rules_carry_their_source() -> None:
    data = json.loads((resources_dir() / "rules" / "appraisal.json").read_text("utf-8"))
    rules = rules_from(data)
    assert rules.excellent_share_percent == 30
    assert data["excellent_share_percent"]["source"] == "本地通行做法，可修改"
    assert rules.decided_by == "支部党员大会"
    assert data["unqualified"]["decisions"] == [d.label for d in UnqualifiedDecision]
    assert data["ratings"]["value"] == [r.label for r in RATINGS]


@pytest.mark.parametrize("value", [None, "30", -1, 101, True, 12.5])
def test_a_bad_configured_share_keeps_the_default(value: object) -> None:
    assert rules_from({"excellent_share_percent": {"value": value}}).excellent_share_percent == 30


def test_a_configured_share_is_used() -> None:
    rules = rules_from({"excellent_share_percent": {"value": 20, "source": "县里规定"}})
    entries = [
        rated(f"党员{n}", rating=Rating.EXCELLENT if n < 3 else Rating.QUALIFIED) for n in range(10)
    ]
    assert any("一般不超过20%" in p.message for p in check_ratings(entries, rules))
