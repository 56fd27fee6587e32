"""The compliance engine's answers arranged the way 首页 shows them — no Qt here.

A :class:`Cell` is one obligation in one period (a month, a quarter or the year) with the
status of every subject folded in: 党小组会 is done when every group met, 谈心谈话 when
every member was talked with. :func:`year_table` gives a year as rows of cells (the
year grid; a report can use it as the year's compliance table), :func:`tiles` gives
本月 / 本季度 / 本年.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jianshi_desktop.domain.compliance import (
    Engine,
    Obligation,
    Per,
    Period,
    RecordFact,
    State,
    Status,
    period_of,
    periods_in_year,
)
from jianshi_desktop.domain.dates import add_months, format_date
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.services.record_kinds import kind_of
from jianshi_desktop.services.reminders import Action, late_entry_action

SHOWN_RECORDS = 12  # a tooltip names this many records, then says how many more
SHOWN_NAMES = 20


def worst(states: Iterable[State]) -> State:
    """The state that needs attention first (！ before … before ○ before ✓)."""
    return min(states, key=lambda state: state.urgency)


def short_date(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def record_text(record: RecordFact, groups: Mapping[int, str]) -> str:
    """11月5日 支委会「研究发展党员工作」（补录） — a record as a tooltip names it."""
    if record.record == "meeting":
        name = MeetingKind(record.kind).label if record.kind else "会议"
        if record.kind == MeetingKind.GROUP.value and record.group_id in groups:
            name = f"{name}（{groups[record.group_id or 0]}）"
    else:
        name = kind_of(record.record).name
    title = f"「{record.title}」" if record.title and record.title != name else ""
    late = "（补录）" if record.late_entry else ""
    return f"{short_date(record.held_on)} {name}{title}{late}"


@dataclass(frozen=True)
class Cell:
    """One obligation in one period; ``statuses`` holds one per group or member (or one)."""

    obligation: Obligation
    period: Period
    statuses: tuple[Status, ...]
    today: dt.date
    recorded_from: dt.date | None = None  # the branch keeps its records here from this day

    @property
    def owed(self) -> bool:
        """False before the branch was founded, or for 党小组会 when there are no groups."""
        return bool(self.statuses)

    @property
    def state(self) -> State | None:
        return worst(s.state for s in self.statuses) if self.statuses else None

    @property
    def done(self) -> bool:
        return self.state is State.DONE

    @property
    def future(self) -> bool:
        return self.today < self.period.start

    @property
    def not_recorded(self) -> bool:
        """Wholly before the branch kept its records here (grey, never overdue)."""
        return self.state is State.NOT_RECORDED

    def late_entry(self) -> Action | None:
        """补录 into this cell's period (the usual wizard, dated then), when it is open."""
        if self.state not in (State.NOT_RECORDED, State.OVERDUE):
            return None
        missing = [s for s in self.statuses if s.state is not State.DONE]
        subject_id = missing[0].subject_id if missing else None
        return late_entry_action(self.obligation, self.period, self.today, subject_id)

    @property
    def span(self) -> int:
        """How many months of the year grid the cell covers."""
        return self.period.per.months

    @property
    def first_month(self) -> int:
        return self.period.start.month

    @property
    def per_subject(self) -> bool:
        return self.obligation.each is not None

    @property
    def subjects(self) -> int:
        return len(self.statuses)

    @property
    def subjects_done(self) -> int:
        return sum(s.state is State.DONE for s in self.statuses)

    @property
    def required(self) -> int:
        return self.statuses[0].required if self.statuses else 0

    @property
    def count(self) -> int:
        """Records that count (each once, even if it counts for several subjects)."""
        return len(self.records)

    @property
    def missing(self) -> int:
        """How many more records (one subject) or subjects (each) are needed."""
        if self.per_subject:
            return self.subjects - self.subjects_done
        return max(self.required - self.count, 0)

    @property
    def records(self) -> tuple[RecordFact, ...]:
        found: dict[tuple[str, int], RecordFact] = {}
        for status in self.statuses:
            for record in status.records:
                found.setdefault((record.record, record.id), record)
        return tuple(sorted(found.values(), key=lambda r: (r.held_on, r.id)))

    @property
    def title(self) -> str:
        return f"{self.period.label}{self.obligation.label}"

    @property
    def missing_subjects(self) -> list[str]:
        return [s.subject for s in self.statuses if s.state is not State.DONE]

    def text(self) -> str:
        """What the grid cell says: a mark in a month, a few words across a quarter or year."""
        state = self.state
        if state is None:
            return ""
        mark = state.mark
        if self.span == 1:
            return mark  # a month is narrow: the tooltip says which group is missing
        wide = self.span >= 12
        if self.done:
            if self.obligation.each == "member":
                return f"{mark} 每名党员都已谈到（{self.subjects}人）" if wide else mark
            if self.obligation.each == "group":
                return f"{mark} 各党小组均已完成"
            if self.obligation.each == "leader":
                return f"{mark} 班子成员均已讲（{self.subjects}人）" if wide else mark
            return f"{mark} 已完成（{self.count}次）" if wide else f"{mark} 已完成"
        if self.future:
            return f"{mark} 未到期"
        if self.not_recorded:  # a quarter is too narrow for the words: the legend says
            return f"{mark} {state.label}" if wide else mark
        if self.obligation.each == "member":
            return f"{mark} 已谈{self.subjects_done}人，还差{self.missing}人"
        if self.obligation.each == "group":
            return f"{mark} {self.subjects_done}/{self.subjects}个党小组"
        if self.obligation.each == "leader":  # who has not lectured: the tooltip names them
            return f"{mark} 已讲{self.subjects_done}人，还差{self.missing}人"
        if wide and self.count:
            return f"{mark} 已{self.count}次，还差{self.missing}次"
        return f"{mark} 还差{self.missing}次"

    def item(self) -> str:
        """The obligation as a tile lists what is missing: 党小组会（第二党小组）."""
        label = self.obligation.label
        if self.obligation.each == "member":
            return f"{label}（还差{self.missing}人）"
        if self.obligation.each == "leader":
            return f"{label}（{'、'.join(self.missing_subjects)}）"
        if self.obligation.each == "group":
            names = self.missing_subjects
            if len(names) == self.subjects:
                return label
            return f"{label}（{'、'.join(names)}）"
        if self.required > 1:
            return f"{label}（还差{self.missing}次）"
        return label

    def tooltip(self, groups: Mapping[int, str]) -> str:
        """The records that count (dates, 补录 marked) and what is still missing."""
        obligation = self.obligation
        lines = [self.title, f"要求：{obligation.describe()}（{obligation.source}）"]
        state = self.state
        if state is None:
            why = {"group": "本支部还没有党小组", "leader": "没有登记班子成员"}.get(
                obligation.each or "", "支部成立前"
            )
            lines.append(f"{why}，不计。")
            return "\n".join(lines)
        lines.append(f"情况：{state.mark} {state.label}")
        if self.not_recorded:
            since = f"从{format_date(self.recorded_from)}" if self.recorded_from else "后来才"
            lines.append(f"本支部{since}开始在本程序记录，这一时段的工作记在纸质台账上，不算逾期。")
        if self.future:
            lines.append(f"从{format_date(self.period.start)}开始。")
            return "\n".join(lines)
        if obligation.each == "group":
            for status in self.statuses:
                mark = status.state.mark
                when = "、".join(short_date(r.held_on) for r in status.records)
                did = f"已开{status.done}次（{when}）" if status.done else "还没有记录"
                lines.append(f"{mark} {status.subject}：{did}")
        elif obligation.each == "member":
            lines.append(f"已谈到{self.subjects_done}人，共{self.subjects}人。")
            names = self.missing_subjects
            if names:
                more = f"等{len(names)}人" if len(names) > SHOWN_NAMES else ""
                lines.append(f"还没有谈话记录：{'、'.join(names[:SHOWN_NAMES])}{more}")
        elif obligation.each == "leader":
            lines.append(f"班子成员{self.subjects}人，已讲{self.subjects_done}人。")
            names = self.missing_subjects
            if names:
                lines.append(f"还没有讲党课记录：{'、'.join(names)}")
        elif self.missing:
            lines.append(f"应{self.required}次，已{self.count}次，还差{self.missing}次。")
        records = self.records
        if records:
            lines.append("计入的记录：")
            lines += [f"· {record_text(r, groups)}" for r in records[:SHOWN_RECORDS]]
            if len(records) > SHOWN_RECORDS:
                lines.append(f"……共{len(records)}条")
        elif not self.done and obligation.each != "group":  # groups said so line by line
            lines.append("还没有计入的记录。")
        if self.not_recorded:
            lines.append("如需补录，请双击这个格子。")
        elif not self.done:
            report = "上报" if self.obligation.reports else ""
            lines.append(f"期限：{format_date(self.obligation.due_on(self.period))}{report}")
            if self.state is State.OVERDUE:
                lines.append("如已开展，可双击这个格子补录。")
        return "\n".join(lines)


@dataclass(frozen=True)
class YearRow:
    """One obligation across a year: 12, 4 or 1 cells."""

    obligation: Obligation
    cells: tuple[Cell, ...]

    def cell_at(self, month: int) -> Cell:
        """The cell that covers ``month`` (1–12)."""
        for cell in self.cells:
            if cell.first_month <= month < cell.first_month + cell.span:
                return cell
        raise LookupError(month)


def cell(engine: Engine, obligation: Obligation, period: Period, today: dt.date) -> Cell:
    return Cell(
        obligation,
        period,
        tuple(engine.status(obligation, period, today)),
        today,
        engine.facts.recorded_from,
    )


def year_table(engine: Engine, year: int, today: dt.date) -> list[YearRow]:
    """The year's compliance, one row an obligation (rows owed in no period left out)."""
    rows = []
    for obligation in engine.obligations:
        cells = tuple(
            cell(engine, obligation, period, today)
            for period in periods_in_year(year, obligation.per)
        )
        if any(c.owed for c in cells):
            rows.append(YearRow(obligation, cells))
    return rows


def group_names(engine: Engine) -> dict[int, str]:
    return dict(engine.facts.groups)


@dataclass(frozen=True)
class Tile:
    """本月, 本季度 or 本年: what is done, what is still due, in words."""

    heading: str
    period: str
    due: dt.date
    cells: tuple[Cell, ...]
    earlier: tuple[Cell, ...] = ()  # 本月: last month's obligations left undone
    earlier_label: str = ""

    @property
    def state(self) -> State | None:
        """The tile's colour: last month's undone work counts too."""
        states = [c.state for c in (*self.cells, *self.earlier) if c.state is not None]
        return worst(states) if states else None

    @property
    def current_state(self) -> State | None:
        """The headline's mark: this period's work only."""
        states = [c.state for c in self.cells if c.state is not None]
        return worst(states) if states else None

    @property
    def done(self) -> list[Cell]:
        return [c for c in self.cells if c.done]

    @property
    def missing(self) -> list[Cell]:
        return [c for c in self.cells if not c.done]

    def headline(self) -> str:
        if not self.cells:
            return "这一时段没有规定的工作"
        if not self.missing:
            return f"已完成全部 {len(self.cells)} 项"
        return f"已完成 {len(self.done)} 项，还差 {len(self.missing)} 项"

    def missing_line(self) -> str:
        """还差：支委会、意识形态风险研判（11月25日前上报）（11月30日前）: an item due by a
        day of its own (a 上报截止日) says so."""
        if not self.missing:
            return ""
        items = []
        for c in self.missing:
            due = c.obligation.due_on(c.period)
            items.append(f"{c.item()}（{short_date(due)}前上报）" if due != self.due else c.item())
        return f"还差：{'、'.join(items)}（{short_date(self.due)}前）"

    def earlier_line(self) -> str:
        if not self.earlier:
            return ""
        items = "、".join(c.item() for c in self.earlier)
        return f"{State.OVERDUE.mark}{self.earlier_label}未完成：{items}"

    def text(self) -> str:
        """本月：已完成 4 项，还差 2 项（支委会、主题党日） — the tile in one line."""
        mark = self.current_state.mark if self.current_state is not None else ""
        names = "、".join(c.item() for c in self.missing)
        missing = f"（{names}）" if names else ""
        earlier = f"；{self.earlier_line()}" if self.earlier else ""
        return f"{self.heading}：{mark}{self.headline()}{missing}{earlier}"


def _cells_now(engine: Engine, today: dt.date, per: Per) -> tuple[Cell, ...]:
    period = period_of(today, per)
    found = (cell(engine, o, period, today) for o in engine.obligations if o.per is per)
    return tuple(c for c in found if c.owed)


def tiles(engine: Engine, today: dt.date) -> list[Tile]:
    """本月 (with last month's undone obligations), 本季度 and 本年; the half year's work
    (组织设置情况) stands in 本年 with its own day (「6月30日前上报」)."""
    last_month = period_of(add_months(today, -1), Per.MONTH)
    earlier = tuple(
        c
        for o in engine.obligations
        if o.per is Per.MONTH
        for c in (cell(engine, o, last_month, today),)
        if c.state is State.OVERDUE
    )
    found = []
    for per, heading in ((Per.MONTH, "本月"), (Per.QUARTER, "本季度"), (Per.YEAR, "本年")):
        period = period_of(today, per)
        found.append(
            Tile(
                heading=heading,
                period=period.label,
                due=period.end,
                cells=_cells_now(engine, today, per)
                + (_cells_now(engine, today, Per.HALF) if per is Per.YEAR else ()),
                earlier=earlier if per is Per.MONTH else (),
                earlier_label=f"{last_month.start.month}月" if per is Per.MONTH else "",
            )
        )
    return found


def all_done_this_month(found: list[Tile]) -> bool:
    """本月工作均已完成: nothing of this month (or last month) is left undone."""
    month = found[0]
    return not month.missing and not month.earlier
