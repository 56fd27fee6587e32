"""民主评议党员: the rules of one year's appraisal, without the database (rules.md §2, §7).

Each member of the appraisal's day has a 个人自评, the 测评 tallies from the 测评表 handed
in (优秀/合格/基本合格/不合格 counts) and the branch's 综合评定. The rules checked here are
only those the county's rules state (``resources/rules/appraisal.json``):

- a member's four tallies together never exceed the 测评表 handed in, none is negative;
- every member of the day has a 综合评定;
- 优秀 is normally within a configured share of the members appraised (a warning);
- 不合格 needs the reasons and the decision (限期改正, 劝其退党, 除名) taken by the
  支部党员大会.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jianshi_desktop.domain.enums import Rating, UnqualifiedDecision
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import squeeze

DEFAULT_EXCELLENT_SHARE = 30  # per cent; "本地通行做法，可修改"
SEE_ATTACHMENT = "见附件"  # a 个人自评 handed in on paper

# The ratings in the order the 测评表 prints them (glossary: 优秀, 合格, 基本合格, 不合格).
RATINGS: tuple[Rating, ...] = (
    Rating.EXCELLENT,
    Rating.QUALIFIED,
    Rating.BASICALLY_QUALIFIED,
    Rating.UNQUALIFIED,
)


@dataclass(frozen=True)
class AppraisalRules:
    """The rule values an appraisal is checked by (their sources are in the rule file)."""

    excellent_share_percent: int = DEFAULT_EXCELLENT_SHARE
    decided_by: str = "支部党员大会"


def rules_from(data: Mapping[str, Any]) -> AppraisalRules:
    """The rules of the rule-set document (``appraisal.json``); a value missing or not a
    whole per cent between 0 and 100 keeps the default."""
    share = data.get("excellent_share_percent", {})
    value = share.get("value") if isinstance(share, Mapping) else None
    percent = (
        value
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100
        else DEFAULT_EXCELLENT_SHARE
    )
    unqualified = data.get("unqualified", {})
    unqualified = unqualified if isinstance(unqualified, Mapping) else {}
    return AppraisalRules(
        excellent_share_percent=percent,
        decided_by=str(unqualified.get("decided_by", "") or "支部党员大会"),
    )


@dataclass
class MemberRating:
    """One member's 民主评议: 个人自评, the 测评 tallies, the 综合评定 and, for 不合格, the
    reasons and the 支部党员大会's decision."""

    member_id: int
    name: str
    self_assessment: str = ""
    excellent: int = 0
    qualified: int = 0
    basically_qualified: int = 0
    unqualified: int = 0
    rating: Rating | None = None
    reasons: str = ""
    decision: UnqualifiedDecision | None = None

    def tally(self, rating: Rating) -> int:
        return {
            Rating.EXCELLENT: self.excellent,
            Rating.QUALIFIED: self.qualified,
            Rating.BASICALLY_QUALIFIED: self.basically_qualified,
            Rating.UNQUALIFIED: self.unqualified,
        }[rating]

    @property
    def votes(self) -> int:
        return self.excellent + self.qualified + self.basically_qualified + self.unqualified


def leading_rating(rating: MemberRating) -> Rating | None:
    """The rating with the most votes — what the 综合评定 usually is; None before any vote
    is entered, or when two ratings share the most votes (the branch decides)."""
    counts = [(rating.tally(r), r) for r in RATINGS]
    most = max(count for count, _r in counts)
    if most <= 0:
        return None
    leaders = [r for count, r in counts if count == most]
    return leaders[0] if len(leaders) == 1 else None


def share_over(excellent: int, appraised: int, percent: int) -> bool:
    """Whether ``excellent`` of ``appraised`` members is more than ``percent`` per cent
    (exactly at the limit is within it)."""
    return appraised > 0 and excellent * 100 > percent * appraised


def check_voters(voters: int | None) -> list[Problem]:
    if voters is None or voters <= 0:
        return [
            Problem(
                "voters",
                "请填写收回的测评表份数（至少1份）：它是核对每人测评票数的依据。",
            )
        ]
    return []


def check_tallies(ratings: Sequence[MemberRating], voters: int | None) -> list[Problem]:
    """No tally negative; a member's four tallies together never more than ``voters``."""
    problems: list[Problem] = []
    for entry in ratings:
        negative = [r.label for r in RATINGS if entry.tally(r) < 0]
        if negative:
            which = "、".join(f"“{label}”" for label in negative)
            problems.append(Problem("ratings", f"{entry.name}的{which}票数不能是负数，请改正。"))
            continue
        if voters is not None and voters > 0 and entry.votes > voters:
            problems.append(
                Problem(
                    "ratings",
                    f"{entry.name}的测评票数合计{entry.votes}票，多于收回的测评表{voters}份，"
                    "请核对。",
                )
            )
    return problems


def check_ratings(
    ratings: Sequence[MemberRating], rules: AppraisalRules = AppraisalRules()
) -> list[Problem]:
    """Every member rated; 优秀 within the share (a warning); 不合格 with its reasons and
    decision."""
    problems: list[Problem] = []
    if not ratings:
        problems.append(Problem("ratings", "评议名单是空的：这一天支部没有党员，请核对日期。"))
        return problems
    missing = [entry.name for entry in ratings if entry.rating is None]
    if missing:
        problems.append(Problem("ratings", f"请为{'、'.join(missing)}选择综合评定。"))
    excellent = sum(entry.rating is Rating.EXCELLENT for entry in ratings)
    if share_over(excellent, len(ratings), rules.excellent_share_percent):
        share = round(excellent * 100 / len(ratings))
        problems.append(
            Problem(
                "ratings",
                f"评为优秀的有{excellent}人，占参评党员{len(ratings)}人的{share}%，"
                f"超过一般不超过{rules.excellent_share_percent}%的比例，请核对。",
                "warning",
            )
        )
    for entry in ratings:
        if entry.rating is not Rating.UNQUALIFIED:
            continue
        if not squeeze(entry.reasons):
            problems.append(Problem("unqualified", f"{entry.name}评定为不合格，请写明理由。"))
        if entry.decision is None:
            problems.append(
                Problem(
                    "unqualified",
                    f"{entry.name}评定为不合格，请选择{rules.decided_by}作出的处理决定"
                    "（限期改正、劝其退党或除名）。",
                )
            )
    return problems


def any_unqualified(ratings: Sequence[MemberRating]) -> bool:
    return any(entry.rating is Rating.UNQUALIFIED for entry in ratings)


def missing_self_assessments(ratings: Sequence[MemberRating]) -> list[str]:
    """Names of those without a 个人自评 (neither text nor 见附件)."""
    return [entry.name for entry in ratings if not squeeze(entry.self_assessment)]
