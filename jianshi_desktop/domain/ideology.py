"""意识形态风险研判: the rules that need no database.

The areas a review goes through (``resources/rules/ideology_areas.json``, read by the
services and handed here as text), what each area's finding must say, the month's 上报
deadline (the 上报截止日 setting, default the 25th) and which risks stay open until a
later review closes them (建教党〔2020〕9号 二(二)3).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jianshi_desktop.domain.enums import RiskLevel
from jianshi_desktop.domain.problems import Problem

DEFAULT_REPORT_DAY = 25
FIRST_REPORT_DAY = 1
LAST_REPORT_DAY = 28  # every month has it
SERIOUS = frozenset({RiskLevel.MEDIUM, RiskLevel.HIGH})


def load_areas(text: str) -> tuple[str, ...]:
    """The area names of the areas document (JSON text with a list ``areas``), each once,
    in order. ValueError (in Chinese) for a document that is not such a list."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"研判领域清单不是有效的 JSON：{exc.msg}") from exc
    areas = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(areas, list) or not areas:
        raise ValueError("研判领域清单中没有“areas”列表，或列表是空的。")
    names: list[str] = []
    for item in areas:
        name = item.strip() if isinstance(item, str) else ""
        if not name:
            raise ValueError("研判领域清单中有空的或不是文字的一项。")
        if name in names:
            raise ValueError(f"研判领域“{name}”在清单中出现了两次。")
        names.append(name)
    return tuple(names)


@dataclass(frozen=True)
class Finding:
    """One area as reviewed: the risk found, the facts, the measures, who is responsible."""

    area: str
    risk: RiskLevel
    facts: str = ""
    measures: str = ""
    responsible: str = ""  # the name; "" when nobody is named


def needs_follow_up(risk: RiskLevel, measures: str) -> bool:
    """A risk stays open until closed: 中/高 always, 低 when measures were taken."""
    return risk in SERIOUS or (risk is not RiskLevel.NONE and bool(measures.strip()))


def finding_problems(findings: Sequence[Finding]) -> list[Problem]:
    """What the areas of one review lack, field ``areas``: none at all, an area twice, a
    中/高 risk without facts, measures or a responsible person (errors); a 低 risk without
    facts (a warning)."""
    if not findings:
        return [
            Problem(
                "areas",
                "没有研判任何领域。请至少填写一个领域的研判情况；没有发现风险的，风险等级选“无”。",
            )
        ]
    problems: list[Problem] = []
    seen: set[str] = set()
    for finding in findings:
        area = finding.area.strip()
        if not area:
            problems.append(Problem("areas", "有一行没有写领域名称，请填写或删去这一行。"))
            continue
        if area in seen:
            problems.append(Problem("areas", f"“{area}”填写了两次，请合并为一行。"))
        seen.add(area)
        level = finding.risk.label
        if finding.risk in SERIOUS:
            missing = [
                what
                for what, text in (
                    ("具体情况", finding.facts),
                    ("防范措施", finding.measures),
                    ("责任人", finding.responsible),
                )
                if not text.strip()
            ]
            if missing:
                problems.append(
                    Problem(
                        "areas",
                        f"“{area}”风险等级为{level}，请写明{'、'.join(missing)}。",
                    )
                )
        elif finding.risk is RiskLevel.LOW and not finding.facts.strip():
            problems.append(
                Problem("areas", f"“{area}”风险等级为低，最好简要写明具体情况。", "warning")
            )
    return problems


def report_deadline(year: int, month: int, report_day: int) -> dt.date:
    """The day the month's review must be reported by (the 上报截止日 of that month)."""
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(max(report_day, 1), last))


def report_day_problem(day: int) -> Problem | None:
    if not FIRST_REPORT_DAY <= day <= LAST_REPORT_DAY:
        return Problem(
            "report_day", f"上报截止日应在每月{FIRST_REPORT_DAY}日到{LAST_REPORT_DAY}日之间。"
        )
    return None


def date_problems(held_on: dt.date, reported_on: dt.date | None, today: dt.date) -> list[Problem]:
    """研判 not in the future; 上报 not before the 研判 and not in the future."""
    problems: list[Problem] = []
    if held_on > today:
        problems.append(
            Problem("held_on", "研判日期晚于今天。研判之后再完成记录；现在可以先存为草稿。")
        )
    if reported_on is not None:
        if reported_on < held_on:
            problems.append(
                Problem("reported_on", "上报日期早于研判日期，请核对：应在研判之后上报。")
            )
        elif reported_on > today:
            problems.append(Problem("reported_on", "上报日期晚于今天。上报之后再填写上报日期。"))
    return problems


@dataclass(frozen=True)
class ReviewFacts:
    """A finished review as the follow-up rule reads it."""

    id: int
    held_on: dt.date
    findings: tuple[Finding, ...]
    closed: frozenset[tuple[int, str]] = frozenset()  # (review id, area) it closed


@dataclass(frozen=True)
class OpenRisk:
    """A risk of an earlier review not yet closed by a later one."""

    review_id: int
    held_on: dt.date
    area: str
    risk: RiskLevel
    facts: str
    measures: str
    responsible: str


def open_risks(reviews: Iterable[ReviewFacts], *, before: dt.date | None = None) -> list[OpenRisk]:
    """The risks still open: found in a review (held before ``before``, when given) that
    needs following up, and closed by no review. Oldest first."""
    ordered = sorted(reviews, key=lambda r: (r.held_on, r.id))
    closed = {key for review in ordered for key in review.closed}
    found = []
    for review in ordered:
        if before is not None and review.held_on >= before:
            continue
        for finding in review.findings:
            if not needs_follow_up(finding.risk, finding.measures):
                continue
            if (review.id, finding.area) in closed:
                continue
            found.append(
                OpenRisk(
                    review.id,
                    review.held_on,
                    finding.area,
                    finding.risk,
                    finding.facts,
                    finding.measures,
                    finding.responsible,
                )
            )
    return found


def follow_up_problems(entries: Iterable[tuple[str, str, bool]]) -> list[Problem]:
    """(area, progress, closed) of a review's follow-ups: closing needs the progress."""
    problems = []
    for area, progress, closed in entries:
        if closed and not progress.strip():
            problems.append(Problem("follow_ups", f"“{area}”的风险要销号，请写明落实情况。"))
        elif not progress.strip():
            problems.append(
                Problem(
                    "follow_ups",
                    f"前期“{area}”风险的跟进情况没有填写，请简要写明进展。",
                    "warning",
                )
            )
    return problems


def month_state(
    *,
    today: dt.date,
    deadline: dt.date,
    finished: bool,
    reported_on: dt.date | None,
    draft: bool = False,
) -> str:
    """How the month stands, one line for its page: ✓ done, ！ late, or what to do by when."""
    due = f"{deadline.month}月{deadline.day}日"
    if reported_on is not None:
        late = "（晚于截止日）" if reported_on > deadline else ""
        return (
            f"✓ 本月（{deadline.month}月）意识形态风险研判已完成，"
            f"{reported_on.month}月{reported_on.day}日已上报{late}。"
        )
    overdue = today > deadline
    if finished:
        if overdue:
            return (
                f"！本月意识形态风险研判已完成，但还没有上报（截止日{due}已过）。"
                "上报后请登记上报日期。"
            )
        return f"本月意识形态风险研判已完成，请于{due}前上报，上报后登记上报日期。"
    if draft:
        if overdue:
            return f"！本月意识形态风险研判还是草稿，上报截止日{due}已过，请尽快完成并上报。"
        return f"本月意识形态风险研判还是草稿，请完成后于{due}前上报。"
    if overdue:
        return f"！本月意识形态风险研判还没有记录，上报截止日{due}已过。"
    return f"本月意识形态风险研判请于{due}前上报，现在还没有记录。"
