"""The organisation's rules that need no database (rules.md §1): the size rules as
warnings, each with what to do, and the half years of 组织设置情况 (the notice: "每半年将
组织设置情况上报一次").

The facts come in as plain values — the counts, the branch form and the term of one day —
so the same rules judge today (组织 page) and the day of a report (rules.md §7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from jianshi_desktop.domain.dates import add_months, format_date
from jianshi_desktop.domain.enums import COMMITTEE_THRESHOLD_FULL_MEMBERS, CommitteePostKind

MAX_BRANCH_MEMBERS = 50  # 支部工作条例 ch. 2
MIN_FULL_MEMBERS = 3  # a branch needs ≥3 full members
COMMITTEE_SIZE = (3, 7)  # 3–5 people, normally no more than 7
RE_ELECTION_NOTICE_MONTHS = 6  # rules.md §1 [notice]: warn 6 months before the term ends


@dataclass(frozen=True)
class OrgWarning:
    message: str
    action: str  # what to do, one sentence


@dataclass(frozen=True)
class TermFacts:
    """The committee term of a day, as the size rules read it: its end and its posts
    as (title, vacant that day)."""

    ends_on: dt.date
    posts: Sequence[tuple[str, bool]]


def size_warnings(
    *,
    day: dt.date,
    total: int,
    full: int,
    has_committee: bool,
    term: TermFacts | None,
) -> list[OrgWarning]:
    """What rules.md §1 finds wrong with the organisation on ``day``: the members (≥3 full,
    ≤50), the branch form (a committee from 7 full members, 3–7 委员), the term (届满, or
    ending within 6 months: 换届 to prepare) and vacant posts (补选)."""
    warnings: list[OrgWarning] = []
    if total == 0:
        warnings.append(OrgWarning("名册中还没有党员。", "请在“党员”页添加党员或导入花名册。"))
    elif full < MIN_FULL_MEMBERS:
        warnings.append(
            OrgWarning(
                f"正式党员只有{full}名，不足{MIN_FULL_MEMBERS}名。",
                "正式党员3人以上才能成立党支部，请与上级党组织联系。",
            )
        )
    if total > MAX_BRANCH_MEMBERS:
        warnings.append(
            OrgWarning(
                f"党员有{total}名，超过{MAX_BRANCH_MEMBERS}名。",
                "党员人数超过50人的，一般应分设党支部，请与上级党组织联系。",
            )
        )
    if full >= COMMITTEE_THRESHOLD_FULL_MEMBERS and not has_committee:
        warnings.append(
            OrgWarning(
                f"正式党员有{full}名（7名及以上），但还没有设立支部委员会。",
                "请按规定选举产生支部委员会，并在本页登记换届。",
            )
        )
    if has_committee and 0 < full < COMMITTEE_THRESHOLD_FULL_MEMBERS:
        warnings.append(
            OrgWarning(
                f"正式党员只有{full}名（不足7名），一般不设支部委员会。",
                "可只设书记一名，必要时设副书记一名。",
            )
        )
    if term is None:
        warnings.append(
            OrgWarning("还没有登记支部委员会的任期和委员。", "请点“登记换届”录入本届支委会。")
            if has_committee
            else OrgWarning("还没有登记支部书记。", "请点“登记书记”录入书记及其任期。")
        )
        return warnings
    if term.ends_on < day:
        warnings.append(
            OrgWarning(
                f"本届支部委员会任期已于{format_date(term.ends_on)}届满。",
                "请及时换届，并登记新一届支委会。",
            )
        )
    elif term.ends_on <= add_months(day, RE_ELECTION_NOTICE_MONTHS):
        warnings.append(
            OrgWarning(
                f"本届支部委员会任期将于{format_date(term.ends_on)}届满。",
                "请提前6个月向上级党组织报告，做好换届准备。",
            )
        )
    for title, vacant in term.posts:
        if vacant:
            warnings.append(OrgWarning(f"{title}职务空缺。", "请及时补选，并在本页登记任职人员。"))
    filled = sum(1 for _title, vacant in term.posts if not vacant)
    low, high = COMMITTEE_SIZE
    if has_committee and filled and not low <= filled <= high:
        warnings.append(
            OrgWarning(
                f"支部委员会现有{filled}名委员。",
                "支部委员会一般由3至5人组成，最多不超过7人。",
            )
        )
    return warnings


def committee_on(
    changes: Sequence[tuple[dt.date, bool]], day: dt.date, *, before_first: bool
) -> bool:
    """Whether the branch had a committee on ``day``: the form of the last change on or
    before it (each term's first day, services.history.committee_changes), else
    ``before_first`` (the branch's setting)."""
    held = before_first
    for start, value in changes:
        if start > day:
            break
        held = value
    return held


def months_left(day: dt.date, ends_on: dt.date) -> int:
    """Whole months from ``day`` until ``ends_on`` (0 once it is less than a month, or
    past)."""
    months = 0
    while add_months(day, months + 1) <= ends_on:
        months += 1
    return months


# ---- the organisation on one day, as a 组织设置情况 report states it ---------------------

SECRETARY = CommitteePostKind.SECRETARY.label  # the report's 填报人 holds it


@dataclass(frozen=True)
class PostLine:
    title: str  # 书记, 组织委员 …
    member_id: int | None  # None: vacant that day
    member: str
    since: dt.date | None  # 任职时间
    by_election: bool = False

    @property
    def vacant(self) -> bool:
        return self.member_id is None


@dataclass(frozen=True)
class TermLine:
    number: int | None  # 第几届 (None: not recorded)
    elected_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    months_left: int  # whole months from the report's day to the end
    ending_soon: bool  # ends within 6 months of the report's day (or has ended)

    @property
    def label(self) -> str:
        return f"第{self.number}届" if self.number else ""


@dataclass(frozen=True)
class GroupLine:
    name: str
    leader: str  # "" without a leader in the group that day
    members: tuple[str, ...]


@dataclass(frozen=True)
class OrgSnapshot:
    """The organisation on ``day``, as a 组织设置情况 report states it."""

    day: dt.date
    branch: str
    parent: str
    founded_on: dt.date | None
    has_committee: bool
    total: int
    full: int
    probationary: int
    term: TermLine | None
    posts: tuple[PostLine, ...]
    groups: tuple[GroupLine, ...]
    warnings: tuple[OrgWarning, ...]

    @property
    def form_text(self) -> str:
        return "设支部委员会" if self.has_committee else "不设支部委员会，只设书记"

    @property
    def secretary(self) -> str:
        """The 书记 of the day, who signs the report as 填报人 ("" when vacant)."""
        for post in self.posts:
            if post.title == SECRETARY and not post.vacant:
                return post.member
        return ""


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def snapshot_json(snapshot: OrgSnapshot) -> dict[str, Any]:
    """The snapshot as stored (``OrganisationReport.snapshot``) and carried in packages."""
    return _jsonable(asdict(snapshot))


def _day(value: object) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


def read_snapshot(data: Mapping[str, Any]) -> OrgSnapshot:
    """A stored snapshot back (see :func:`snapshot_json`)."""
    term = data.get("term")
    day = _day(data.get("day"))
    assert day is not None
    return OrgSnapshot(
        day=day,
        branch=str(data.get("branch", "")),
        parent=str(data.get("parent", "")),
        founded_on=_day(data.get("founded_on")),
        has_committee=bool(data.get("has_committee")),
        total=int(data.get("total", 0)),
        full=int(data.get("full", 0)),
        probationary=int(data.get("probationary", 0)),
        term=None
        if not term
        else TermLine(
            number=term.get("number"),
            elected_on=_day(term["elected_on"]) or day,
            starts_on=_day(term["starts_on"]) or day,
            ends_on=_day(term["ends_on"]) or day,
            months_left=int(term.get("months_left", 0)),
            ending_soon=bool(term.get("ending_soon")),
        ),
        posts=tuple(
            PostLine(
                p["title"],
                p.get("member_id"),
                p.get("member", ""),
                _day(p.get("since")),
                bool(p.get("by_election")),
            )
            for p in data.get("posts", [])
        ),
        groups=tuple(
            GroupLine(g["name"], g.get("leader", ""), tuple(g.get("members", [])))
            for g in data.get("groups", [])
        ),
        warnings=tuple(
            OrgWarning(w["message"], w.get("action", "")) for w in data.get("warnings", [])
        ),
    )


# ---- the half years ----------------------------------------------------------------------


def half_start(day: dt.date) -> dt.date:
    """The first day of the half year that holds ``day`` (1 January or 1 July)."""
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


def half_end(start: dt.date) -> dt.date:
    """The last day of the half year that begins on ``start``."""
    return add_months(start, 6) - dt.timedelta(days=1)


def half_label(start: dt.date) -> str:
    """「2026年上半年」 / 「2026年下半年」."""
    return f"{start.year}年{'上' if start.month <= 6 else '下'}半年"


def previous_half(start: dt.date) -> dt.date:
    return half_start(start - dt.timedelta(days=1))


def reported_half(held_on: dt.date) -> dt.date:
    """The half a report made on ``held_on`` is for, unless chosen: the half that holds
    it — or, in the first month of a half (January, July), the half just ended: a report
    is usually made just after the half it reports."""
    start = half_start(held_on)
    return previous_half(start) if held_on.month == start.month else start


def counted_on(held_on: dt.date, start: dt.date) -> dt.date:
    """The day a report counts on for the obligation: its own day, or — made after the
    half it reports (3 July for the first half) — that half's last day, so that it counts
    for the half it reports, never for the one it was made in."""
    return min(held_on, half_end(start))


def is_half_start(day: dt.date) -> bool:
    return day.day == 1 and day.month in (1, 7)
