"""The compliance engine: given a branch's facts and a day, what each obligation of
rules.md §2 requires, what is done, which records count, when it is due and its state.

Pure Python. The obligations themselves are data (``resources/rules/obligations.json``,
read by the services); this module only interprets them. Rules applied:

- only finished or archived records count (drafts never); 补录 records count and are
  reported as such;
- a branch owes from its founding: a month or quarter counts only if the branch existed
  on its first day; in the founding year a yearly count is reduced in proportion to the
  months left (never below one);
- a period wholly before the day the branch began keeping its records in the app
  (``records_from``) is 未在本程序记录: never overdue, done once 补录 records make it so;
  a period that straddles that day is judged as usual (earlier records count too);
- a 支委会 is owed only by a branch with a committee; ``each`` repeats an obligation per
  party group (党小组会), per member (谈心谈话: everyone talked with at least once) or
  per 班子成员 (each leader lectures: the leaders in office on the period's last day);
- rules.md §7 "a period is judged with that period's branch form, committee, groups and
  members": when the facts carry their history, a 支委会 is owed in a period only if the
  branch had a committee on some day of it, a 党小组会 only by the groups that existed
  (had a member) on some day of it, and a talk with each member who was in the branch on
  the period's last day (or today, while the period runs) — a member who left during
  the year cannot be talked with any more, one who joined in December still can. So a
  change made today never changes a period that ended before today.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from jianshi_desktop.domain.history import MemberFacts


class Per(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  # 每半年: 组织设置情况 (the notice)
    YEAR = "year"

    @property
    def label(self) -> str:
        return {Per.MONTH: "每月", Per.QUARTER: "每季度", Per.HALF: "每半年", Per.YEAR: "每年"}[
            self
        ]

    @property
    def months(self) -> int:
        return {Per.MONTH: 1, Per.QUARTER: 3, Per.HALF: 6, Per.YEAR: 12}[self]


class State(StrEnum):
    DONE = "done"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    NOT_YET_DUE = "not_yet_due"
    NOT_RECORDED = "not_recorded"  # wholly before the branch kept its records in the app

    @property
    def label(self) -> str:
        return {
            State.DONE: "已完成",
            State.DUE_SOON: "即将到期",
            State.OVERDUE: "已逾期",
            State.NOT_YET_DUE: "未到期",
            State.NOT_RECORDED: "未在本程序记录",
        }[self]

    @property
    def mark(self) -> str:
        """A shape as well as a colour: not everyone tells red from green."""
        return {
            State.DONE: "✓",
            State.DUE_SOON: "…",
            State.OVERDUE: "！",
            State.NOT_YET_DUE: "○",
            State.NOT_RECORDED: "—",
        }[self]

    @property
    def urgency(self) -> int:
        return {
            State.OVERDUE: 0,
            State.DUE_SOON: 1,
            State.NOT_YET_DUE: 2,
            State.NOT_RECORDED: 3,
            State.DONE: 4,
        }[self]


# How close to its end a period is "due soon".
DUE_SOON_DAYS = {
    Per.MONTH: 7,
    Per.QUARTER: 15,
    Per.HALF: 31,
    Per.YEAR: 92,
}  # a year: from the fourth quarter


@dataclass(frozen=True)
class Obligation:
    key: str
    label: str
    record: str  # meeting / theme_day / heart_talk
    per: Per
    count: int
    kind: str | None = None  # a MeetingKind value
    tag: str | None = None  # a meeting tag that counts (研究党建工作 …)
    each: str | None = None  # group / member / leader (班子成员)
    lecturer: str | None = None  # "secretary": only lectures the secretary gave
    needs_committee: bool = False
    configurable: bool = False
    source: str = ""
    usual_kind: str | None = None  # the meeting a tag-only item is usually held at
    # 上报截止日: a monthly item due by this day of its month, done only once reported
    # (意识形态风险研判: RecordFact.reported); None: due by the period's last day
    due_day: int | None = None

    def describe(self) -> str:
        who = {"group": "每个党小组", "member": "每名党员", "leader": "每名班子成员"}.get(
            self.each or "", ""
        )
        report = f"，{self.due_day}日前上报" if self.reports else ""
        return f"{who}{self.per.label}至少{self.count}次{report}"

    @property
    def reports(self) -> bool:
        """Due by a 上报截止日 of its month, and counted only once reported."""
        return self.due_day is not None and self.per is Per.MONTH

    def due_on(self, period: Period) -> dt.date:
        """The day the period's work is due: its 上报截止日, or its last day."""
        if self.due_day is None or self.per is not Per.MONTH:
            return period.end
        return period.start.replace(day=max(1, min(self.due_day, period.end.day)))


def load_obligations(data: Mapping[str, Any]) -> list[Obligation]:
    """Obligations from the rule-set document (``obligations.json``)."""
    found = []
    for item in data["obligations"]:
        found.append(
            Obligation(
                key=item["key"],
                label=item["label"],
                record=item["record"],
                per=Per(item["per"]),
                count=int(item["count"]),
                kind=item.get("kind"),
                tag=item.get("tag"),
                each=item.get("each"),
                lecturer=item.get("lecturer"),
                needs_committee=bool(item.get("needs_committee", False)),
                configurable=bool(item.get("configurable", False)),
                source=item.get("source", ""),
                usual_kind=item.get("usual_kind"),
                due_day=int(item["due_day"]) if item.get("due_day") is not None else None,
            )
        )
    return found


@dataclass(frozen=True)
class RecordFact:
    """A finished or archived record as the engine sees it."""

    id: int
    record: str
    held_on: dt.date
    kind: str | None = None
    tags: frozenset[str] = frozenset()
    group_id: int | None = None
    lecturer_id: int | None = None
    participants: frozenset[int] = frozenset()
    late_entry: bool = False
    title: str = ""
    reported: bool = True  # 上报 done (a kind with a 上报截止日 says; the others always)


@dataclass(frozen=True)
class BranchFacts:
    founded_on: dt.date
    has_committee: bool
    groups: tuple[tuple[int, str], ...] = ()
    members: tuple[tuple[int, str], ...] = ()  # active members
    secretary_id: int | None = None
    records: tuple[RecordFact, ...] = ()
    records_from: dt.date | None = None  # kept in the app from this day; None: founding
    # who was 书记 when: (member id, from, to) with ``to`` exclusive, None while current
    # (services.history). None: not known as history, ``secretary_id`` stands for any day.
    secretaries: tuple[tuple[int, dt.date, dt.date | None], ...] | None = None
    # rules.md §7, the history behind ``members``, ``groups`` and ``has_committee``; None:
    # not known as history, today's value stands for every period.
    # Every member ever recorded with their spans in the branch (services.history):
    member_history: tuple[MemberFacts, ...] | None = None
    # Each group's life as (group id, first day or None, end exclusive or None):
    group_spans: tuple[tuple[int, dt.date | None, dt.date | None], ...] | None = None
    # When the branch form changed: (from day, had a committee), in date order; before
    # the first change ``has_committee`` holds.
    committee_changes: tuple[tuple[dt.date, bool], ...] | None = None
    # A kind kept in the app from a later day than the branch's records (党费收缴 since the
    # version that brought it, or the branch's first collection if earlier): record type →
    # that day. Its periods wholly before it are 未在本程序记录, never overdue.
    record_starts: Mapping[str, dt.date] = field(default_factory=dict)
    # An obligation kept in the app from a later day than the branch's records (the ones
    # a later version brought, on a branch kept here before it): obligation key → that day
    obligation_starts: Mapping[str, dt.date] = field(default_factory=dict)
    # 班子成员: (member id, name, from, to exclusive or None while current), the school's
    # leaders in the branch and when (the notice 二(一)3: each lectures once a year)
    leaders: tuple[tuple[int, str, dt.date, dt.date | None], ...] = ()

    def leaders_in(self, period: Period, today: dt.date) -> tuple[tuple[int, str], ...]:
        """The leaders a period's lectures are owed by: those in office on its last day,
        or today while it runs (rules.md §7), each once."""
        day = min(period.end, today)
        found: dict[int, str] = {}
        for member_id, name, start, end in self.leaders:
            if start <= day and (end is None or day < end):
                found.setdefault(member_id, name)
        return tuple(found.items())

    def members_in(self, period: Period, today: dt.date) -> tuple[tuple[int, str], ...]:
        """The members a period's talks are owed to: those in the branch on its last day,
        or today while it runs (rules.md §7)."""
        if self.member_history is None:
            return self.members
        day = min(period.end, today)
        return tuple((m.id, m.name) for m in self.member_history if m.member_on(day))

    def groups_in(self, period: Period) -> tuple[tuple[int, str], ...]:
        """The groups that existed on some day of the period (rules.md §7)."""
        if self.group_spans is None:
            return self.groups
        alive = {
            group_id
            for group_id, first, end in self.group_spans
            if (first is None or first <= period.end) and (end is None or period.start < end)
        }
        return tuple(g for g in self.groups if g[0] in alive)

    def committee_in(self, period: Period) -> bool:
        """Whether the branch had a committee on some day of the period (rules.md §7)."""
        if self.committee_changes is None:
            return self.has_committee
        state = self.has_committee
        for day, value in self.committee_changes:
            if day > period.end:
                break
            if day > period.start and state:
                return True
            state = value
        return state

    @property
    def ever_had_committee(self) -> bool:
        changes = self.committee_changes or ()
        return self.has_committee or any(value for _, value in changes)

    def secretary_on(self, day: dt.date) -> int | None:
        """The 书记 in office on ``day`` (rules.md §7: a record is judged by its day)."""
        if self.secretaries is None:
            return self.secretary_id
        for member_id, start, end in self.secretaries:
            if start <= day and (end is None or day < end):
                return member_id
        return None

    @property
    def recorded_from(self) -> dt.date:
        """The first day the app judges: the later of founding and ``records_from``."""
        return max(self.founded_on, self.records_from or self.founded_on)

    def recorded_from_for(self, record: str, obligation: str = "") -> dt.date:
        """The first day the app judges the records of type ``record`` (for the obligation
        of key ``obligation``, if it came to the app later)."""
        starts = [self.recorded_from, self.record_starts.get(record)]
        starts.append(self.obligation_starts.get(obligation))
        return max(day for day in starts if day is not None)


@dataclass(frozen=True)
class Period:
    per: Per
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if self.per is Per.MONTH:
            return f"{self.start.year}年{self.start.month}月"
        if self.per is Per.QUARTER:
            quarter = "一二三四"[(self.start.month - 1) // 3]
            return f"{self.start.year}年第{quarter}季度"
        if self.per is Per.HALF:
            return f"{self.start.year}年{'上' if self.start.month == 1 else '下'}半年"
        return f"{self.start.year}年"


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def period_of(day: dt.date, per: Per) -> Period:
    if per is Per.MONTH:
        return Period(per, day.replace(day=1), _month_end(day.year, day.month))
    if per is Per.QUARTER:
        first = (day.month - 1) // 3 * 3 + 1
        return Period(per, dt.date(day.year, first, 1), _month_end(day.year, first + 2))
    if per is Per.HALF:
        first = 1 if day.month <= 6 else 7
        return Period(per, dt.date(day.year, first, 1), _month_end(day.year, first + 5))
    return Period(per, dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))


def periods_in_year(year: int, per: Per) -> list[Period]:
    return [period_of(dt.date(year, month, 1), per) for month in range(1, 13, per.months)]


@dataclass(frozen=True)
class Status:
    obligation: Obligation
    period: Period
    subject: str  # the group or member it is about, or ""
    required: int
    done: int
    records: tuple[RecordFact, ...]
    state: State
    subject_id: int | None = None

    @property
    def due(self) -> dt.date:
        return self.obligation.due_on(self.period)

    @property
    def late_entries(self) -> int:
        return sum(r.late_entry for r in self.records)

    @property
    def title(self) -> str:
        """本月支委会, 第一党小组本月党小组会 … for lists and tooltips."""
        subject = f"{self.subject}：" if self.subject else ""
        return f"{subject}{self.period.label}{self.obligation.label}"

    def describe(self) -> str:
        late = f"（其中补录{self.late_entries}次）" if self.late_entries else ""
        return f"{self.title}：应{self.required}次，已{self.done}次{late}，{self.state.label}"


@dataclass
class _Index:
    """Records bucketed by what obligations ask for, sorted by date, for fast counting."""

    by_key: dict[tuple[str, str | None], list[RecordFact]] = field(default_factory=dict)
    by_tag: dict[str, list[RecordFact]] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Iterable[RecordFact]) -> _Index:
        index = cls()
        for record in sorted(records, key=lambda r: (r.held_on, r.id)):
            index.by_key.setdefault((record.record, None), []).append(record)
            if record.kind is not None:
                index.by_key.setdefault((record.record, record.kind), []).append(record)
            for tag in record.tags:
                index.by_tag.setdefault(tag, []).append(record)
        return index

    def between(
        self, records: Sequence[RecordFact], start: dt.date, end: dt.date
    ) -> list[RecordFact]:
        days = [r.held_on for r in records]
        return list(records[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)])


def _required(obligation: Obligation, period: Period, founded_on: dt.date) -> int:
    """0 when the branch did not yet exist for this period."""
    if founded_on <= period.start:
        return obligation.count
    if founded_on > period.end or obligation.per is not Per.YEAR:
        return 0
    months_left = 12 - founded_on.month + 1
    return max(1, math.ceil(obligation.count * months_left / 12))


def _state(
    required: int,
    done: int,
    period: Period,
    today: dt.date,
    recorded_from: dt.date | None = None,
    due: dt.date | None = None,
) -> State:
    """``due``: a day before the period's end by which it is due (a 上报截止日)."""
    if done >= required:
        return State.DONE
    if recorded_from is not None and period.end < recorded_from:
        return State.NOT_RECORDED  # kept on paper before the app: 补录 or leave it
    last = due or period.end
    if today > last:
        return State.OVERDUE
    if today < period.start:
        return State.NOT_YET_DUE
    if (last - today).days < DUE_SOON_DAYS[period.per]:
        return State.DUE_SOON
    return State.NOT_YET_DUE


class Engine:
    """Evaluate obligations for one set of facts; build once, ask many times."""

    def __init__(self, obligations: Sequence[Obligation], facts: BranchFacts) -> None:
        self.obligations = [
            o for o in obligations if facts.ever_had_committee or not o.needs_committee
        ]
        self.facts = facts
        self.index = _Index.build(facts.records)

    def _candidates(self, obligation: Obligation, period: Period) -> list[RecordFact]:
        if obligation.tag is not None:
            pool = self.index.by_tag.get(obligation.tag, [])
        else:
            pool = self.index.by_key.get((obligation.record, obligation.kind), [])
        found = self.index.between(pool, period.start, period.end)
        if obligation.lecturer == "secretary":
            # 书记讲党课: the lecturer was the 书记 on the lecture day; an unknown lecturer
            # (from outside) or a day without a 书记 never matches (rules.md §7)
            found = [
                r
                for r in found
                if r.lecturer_id is not None and r.lecturer_id == self.facts.secretary_on(r.held_on)
            ]
        return found

    def unreported(self, obligation: Obligation, period: Period) -> list[RecordFact]:
        """The period's records held but not yet reported (上报), for an obligation that
        counts only reported ones."""
        if not obligation.reports:
            return []
        return [r for r in self._candidates(obligation, period) if not r.reported]

    def status(self, obligation: Obligation, period: Period, today: dt.date) -> list[Status]:
        required = _required(obligation, period, self.facts.founded_on)
        if required == 0:
            return []
        if obligation.needs_committee and not self.facts.committee_in(period):
            return []  # rules.md §7: judged with that period's branch form
        records = self._candidates(obligation, period)
        if obligation.reports:  # done once reported (上报), not when merely held
            records = [r for r in records if r.reported]
        subjects: Sequence[tuple[int | None, str]]
        if obligation.each == "group":
            subjects = self.facts.groups_in(period)
        elif obligation.each == "member":
            subjects = self.facts.members_in(period, today)
        elif obligation.each == "leader":
            subjects = self.facts.leaders_in(period, today)
        else:
            subjects = [(None, "")]
        result = []
        for subject_id, subject in subjects:
            if obligation.each == "group":
                counted = tuple(r for r in records if r.group_id == subject_id)
            elif obligation.each == "member":
                counted = tuple(r for r in records if subject_id in r.participants)
            elif obligation.each == "leader":  # 班子成员讲党课: the lectures they gave
                counted = tuple(r for r in records if r.lecturer_id == subject_id)
            else:
                counted = tuple(records)
            done = len(counted)
            result.append(
                Status(
                    obligation=obligation,
                    period=period,
                    subject=subject,
                    subject_id=subject_id,
                    required=required,
                    done=done,
                    records=counted,
                    state=_state(
                        required,
                        done,
                        period,
                        today,
                        self.facts.recorded_from_for(obligation.record, obligation.key),
                        obligation.due_on(period),
                    ),
                )
            )
        return result

    def current(self, today: dt.date, per: Per | None = None) -> list[Status]:
        """The periods that hold ``today``: this month, this quarter, this year."""
        found = []
        for obligation in self.obligations:
            if per is None or obligation.per is per:
                found.extend(self.status(obligation, period_of(today, obligation.per), today))
        return found

    def year(self, year: int, today: dt.date) -> list[Status]:
        """Every period of ``year`` for every obligation (the year grid, the report)."""
        found = []
        for obligation in self.obligations:
            for period in periods_in_year(year, obligation.per):
                found.extend(self.status(obligation, period, today))
        return found
