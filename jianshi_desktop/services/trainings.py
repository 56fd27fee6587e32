"""学习培训: the trainings the branch's members attended (书记、党务干部培训, 党员集中轮训,
网络培训) — who, what, organiser, dates, class hours (学时) and certificates — and each
member's hours in a year against the yearly minimum of ``resources/rules/training.json``.

Each training is judged by the facts of its own first day (rules.md §7): its attendees are
members of the branch that day. Each attendee is credited the training's class hours; a
year's hours count finished and archived trainings only (drafts never), and the members
of that year. The rules needing no database are :mod:`jianshi_desktop.domain.training`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from jianshi_desktop.db.models import Attachment, Attendance, Training
from jianshi_desktop.domain import training as rules_
from jianshi_desktop.domain.compliance import Engine, RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AttendanceRole, Presence, RecordState
from jianshi_desktop.domain.history import MemberFacts
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.domain.training import (
    HoursError,
    TrainingRules,
    days_of,
    format_hours,
    parse_hours,
    too_many_hours,
)
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.records import AttendanceEntry

if TYPE_CHECKING:
    from jianshi_desktop.services.reminders import Reminder

RECORD_TYPE = "training"
AREA = "trainings"
# the longest texts kept: the columns of db.models.Training, and what records.json keeps
# (submission.verify._TRAINING) — a longer text would break every package of its period
TITLE_MAX = 200
ORGANISER_MAX = 100
PLACE_MAX = 100
CONTENT_MAX = 100_000


@cache
def training_rules() -> TrainingRules:
    """The yearly minimum and its source (``resources/rules/training.json``);
    :class:`~jianshi_desktop.domain.training.TrainingRulesError` names a broken file."""
    path = resources_dir() / "rules" / "training.json"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise rules_.TrainingRulesError(
            "找不到学习培训规则文件 training.json，请重新安装本程序"
        ) from exc
    return rules_.load_rules(text)


@dataclass
class TrainingForm:
    held_on: dt.date  # the first day
    ends_on: dt.date | None = None  # the last day; None: one day
    title: str = ""
    organiser: str = ""  # 主办单位
    place: str = ""
    class_hours: str = ""  # 学时 as typed: 「16」「2.5」 (domain.training.parse_hours)
    content: str = ""
    attendance: list[AttendanceEntry] = field(default_factory=list)  # the members who attended
    attachments: list[AttachmentEntry] = field(default_factory=list)  # certificates (证书)


@dataclass(frozen=True)
class TrainingRow:
    id: int
    held_on: dt.date
    ends_on: dt.date | None
    title: str
    organiser: str
    place: str
    class_hours: str
    attendees: int
    state: RecordState
    late_entry: bool
    amended: bool


# --- defaults ---------------------------------------------------------------------------


def known_organisers() -> list[str]:
    """主办单位 used before, most used first (a name typed once is never typed again)."""
    counts: dict[str, int] = {}
    for (name,) in records.tuples(
        Training.select(Training.organiser).where(Training.organiser != "")
    ):
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def attendee_choices(day: dt.date) -> list[tuple[int, str]]:
    """(id, name) of the branch's members on ``day`` (rules.md §7), in roster order."""
    return [(m.id, m.name) for m in sorted(history.roster_on(day), key=lambda m: m.id)]


def attendees(day: dt.date, member_ids: Iterable[int]) -> list[AttendanceEntry]:
    """The attendance lines of ``member_ids`` (those of ``day``'s roster, in roster order)."""
    wanted = set(member_ids)
    return [
        AttendanceEntry(member_id=member_id, name=name)
        for member_id, name in attendee_choices(day)
        if member_id in wanted
    ]


def new_training_form(*, on: dt.date | None = None) -> TrainingForm:
    """Defaults: today (one day), the organiser and place used most; nobody picked yet
    (the members of the day are offered)."""
    day = on or dt.date.today()
    organisers = known_organisers()
    return TrainingForm(
        held_on=day,
        ends_on=day,
        organiser=organisers[0] if organisers else "",
        place="",
    )


def copied_training(old: TrainingForm, on: dt.date | None) -> TrainingForm:
    """复制上次: title, organiser, place, hours, content and the same attendees who are
    members on the new day; the same number of days from ``on`` (today without it)."""
    day = on or dt.date.today()
    length = (old.ends_on - old.held_on) if old.ends_on and old.ends_on >= old.held_on else None
    kept = {e.member_id for e in old.attendance if e.member_id is not None}
    return TrainingForm(
        held_on=day,
        ends_on=day + length if length is not None else day,
        title=old.title,
        organiser=old.organiser,
        place=old.place,
        class_hours=old.class_hours,
        content=old.content,
        attendance=attendees(day, kept),
    )


# --- checks -----------------------------------------------------------------------------


def hours_of(form: TrainingForm) -> Decimal | None:
    """The form's class hours, None while they are missing or typed wrong."""
    try:
        return parse_hours(form.class_hours)
    except HoursError:
        return None


def check_training(form: TrainingForm, *, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    ends_on = form.ends_on or form.held_on
    if form.held_on > today:
        problems.append(
            Problem("held_on", "培训日期晚于今天。培训结束之后再完成记录；现在可以先存为草稿。")
        )
    if ends_on < form.held_on:
        problems.append(
            Problem(
                "ends_on",
                f"结束日期（{format_date(ends_on)}）早于开始日期（{format_date(form.held_on)}），"
                "请核对。一天的培训，结束日期与开始日期相同。",
            )
        )
    elif ends_on > today >= form.held_on:
        problems.append(
            Problem(
                "ends_on",
                f"培训到{format_date(ends_on)}才结束。结束之后再完成记录；现在可以先存为草稿。",
            )
        )
    if not squeeze(form.title):
        problems.append(Problem("title", "请填写培训名称，如 全县中小学党组织书记培训班。"))
    problems += _too_long(form)
    if not squeeze(form.organiser):
        problems.append(Problem("organiser", "没有填写主办单位，记录中将不印这一栏。", "warning"))
    try:
        hours = parse_hours(form.class_hours)
    except HoursError as exc:
        problems.append(Problem("class_hours", str(exc)))
    else:
        days = days_of(form.held_on, ends_on)
        if too_many_hours(hours, days):
            span = "一天" if days == 1 else f"{days}天"
            problems.append(
                Problem(
                    "class_hours",
                    f"{span}的培训记了{format_hours(hours)}学时，平均每天超过"
                    f"{rules_.MAX_HOURS_PER_DAY}学时，请核对学时数和培训日期。",
                    "warning",
                )
            )
    if not form.attendance:
        problems.append(Problem("attendance", "请勾选参加这次培训的党员（至少一人）。"))
    roster = {member_id for member_id, _name in attendee_choices(form.held_on)}
    for entry in form.attendance:
        if entry.member_id is None or entry.member_id not in roster:
            problems.append(
                Problem(
                    "attendance",
                    f"{entry.name or '有一人'}在{format_date(form.held_on)}不是本支部党员，"
                    "不能记为参训人员，请从名单中去掉（或核对培训日期）。",
                )
            )
    return problems


def _too_long(form: TrainingForm) -> list[Problem]:
    """A text longer than is kept, measured as it is written (:func:`write_training`)."""
    kept = (
        ("title", "培训名称", clean(form.title), TITLE_MAX),
        ("organiser", "主办单位", clean(form.organiser), ORGANISER_MAX),
        ("place", "地点", clean(form.place), PLACE_MAX),
        ("content", "培训内容", form.content.strip(), CONTENT_MAX),
    )
    return [
        Problem(name, f"{label}太长了（{len(text)}个字），最多{limit}个字，请精简。")
        for name, label, text, limit in kept
        if len(text) > limit
    ]


# --- the row ----------------------------------------------------------------------------


def write_training(row: Training, form: TrainingForm) -> None:
    row.held_on = form.held_on
    row.ends_on = form.ends_on or form.held_on
    row.title = clean(form.title)
    row.organiser = clean(form.organiser)
    row.place = clean(form.place)
    row.class_hours = hours_of(form)  # a draft may have none yet
    row.content = form.content.strip()
    row.updated_at = records.now()
    row.save()
    present = [
        AttendanceEntry(member_id=e.member_id, name=e.name)
        for e in form.attendance
        if e.member_id is not None
    ]
    records.write_attendance({"training": row}, present)
    records.replace_attachments({"training": row}, form.attachments)


def _hours_text(value: Decimal | None) -> str:
    return "" if value is None else format_hours(value)


def load_training(training_id: int) -> TrainingForm:
    row = Training.get_by_id(training_id)
    return TrainingForm(
        held_on=row.held_on,
        ends_on=row.ends_on,
        title=row.title,
        organiser=row.organiser,
        place=row.place,
        class_hours=_hours_text(row.class_hours),
        content=row.content,
        attendance=records.attendance_of(Attendance.training == row),
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.training == row)
        ),
    )


def training_last_day(form: TrainingForm) -> dt.date:
    """The day a training is judged 补录 from: its last day (a month-long course recorded
    the day after it ends is on time)."""
    if form.ends_on is not None and form.ends_on > form.held_on:
        return form.ends_on
    return form.held_on


def training_label(form: TrainingForm) -> str:
    """「2026年3月5日全县中小学党组织书记培训班」, 「2026年3月5日培训」 without a title."""
    return f"{format_date(form.held_on)}{clean(form.title) or '培训'}"


def training_file_name(row: Training, _groups: Mapping[int, str]) -> str:
    """「2026年3月5日培训记录」 (services.documents numbers two of one day)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{format_date(row.held_on)}培训记录")


def training_contents_line(row: Training, _groups: Mapping[int, str]) -> str:
    return f"培训记录（{row.title}）" if row.title else "培训记录"


def list_trainings(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[TrainingRow]:
    query = records.within(Training, Training.select(), year=year, state=state, late_only=late_only)
    amended = records.amended_ids(RECORD_TYPE)
    counts = records.attendance_counts(Attendance.training, query.select(Training.id))
    return [
        TrainingRow(
            id=row.id,
            held_on=row.held_on,
            ends_on=row.ends_on,
            title=row.title,
            organiser=row.organiser,
            place=row.place,
            class_hours=_hours_text(row.class_hours),
            attendees=counts.get(row.id, (0, 0))[1],
            state=row.state,
            late_entry=bool(row.late_entry),
            amended=row.id in amended,
        )
        for row in query.order_by(Training.held_on.desc(), Training.id.desc())
    ]


def training_facts() -> list[RecordFact]:
    """The finished trainings (no obligation counts them; 首页 and the reminder read them)."""
    query = Training.select(
        Training.id, Training.held_on, Training.late_entry, Training.title
    ).where(Training.state.in_(records.DONE))
    return [
        RecordFact(id=id_, record=RECORD_TYPE, held_on=held_on, late_entry=bool(late), title=title)
        for id_, held_on, late, title in records.tuples(query)
    ]


# --- hours per member -----------------------------------------------------------------------


@dataclass(frozen=True)
class MemberHours:
    """One member's year: the trainings attended and their hours; ``counted``: in the branch
    on the year's last day (today while it runs), so held to the minimum; ``note``: part of
    the year only (「3月5日转入」), as the table prints it."""

    member_id: int
    name: str
    trainings: int
    hours: Decimal
    counted: bool
    note: str = ""


def _year_end(year: int, today: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), today)


def _in_year(facts: MemberFacts, first: dt.date, last: dt.date) -> bool:
    return any(
        (start is None or start <= last) and (end is None or end >= first)
        for start, end in facts.in_branch
    )


def _part_of_year(facts: MemberFacts, first: dt.date, last: dt.date) -> str:
    """「3月5日起在本支部」「9月1日离开本支部」 for a member in the branch part of the year."""
    notes = []
    if not facts.member_on(first):
        starts = [s for s, _e in facts.in_branch if s is not None and first < s <= last]
        if starts:
            notes.append(f"{starts[0].month}月{starts[0].day}日起在本支部")
    if not facts.member_on(last):
        ends = [e for _s, e in facts.in_branch if e is not None and first <= e < last]
        if ends:
            notes.append(f"{ends[-1].month}月{ends[-1].day}日离开本支部")
    return "，".join(notes)


def credited(year: int) -> dict[int, tuple[int, Decimal]]:
    """Each member's (trainings, hours) in ``year``'s finished trainings, in one query."""
    query = (
        Attendance.select(Attendance.member, Training.class_hours)
        .join(Training)
        .where(
            Training.state.in_(records.DONE)
            & (Training.held_on >= dt.date(year, 1, 1))
            & (Training.held_on <= dt.date(year, 12, 31))
            & Attendance.member.is_null(False)
            & (Attendance.presence == Presence.PRESENT)
            & (Attendance.role == AttendanceRole.EXPECTED)
        )
    )
    found: dict[int, tuple[int, Decimal]] = {}
    for member_id, hours in records.tuples(query):
        count, total = found.get(member_id, (0, Decimal(0)))
        found[member_id] = (count + 1, total + (hours or Decimal(0)))
    return found


def hours_by_member(
    year: int,
    *,
    today: dt.date | None = None,
    members: Iterable[MemberFacts] | None = None,
) -> list[MemberHours]:
    """Every member of ``year`` (in the branch on some day of it, up to today) with the
    hours of the year's finished trainings, in roster order (never ranked)."""
    today = today or dt.date.today()
    first, last = dt.date(year, 1, 1), _year_end(year, today)
    if first > today:
        return []
    found = credited(year)
    everyone = history.member_facts() if members is None else members
    lines = []
    for facts in everyone:
        if not _in_year(facts, first, last):
            continue
        count, hours = found.get(facts.id, (0, Decimal(0)))
        lines.append(
            MemberHours(
                member_id=facts.id,
                name=facts.name,
                trainings=count,
                hours=hours,
                counted=facts.member_on(last),
                note=_part_of_year(facts, first, last),
            )
        )
    return lines


def below_minimum(lines: Iterable[MemberHours], minimum: Decimal) -> list[MemberHours]:
    """Those held to the minimum (in the branch at the year's end) with fewer hours."""
    return [line for line in lines if line.counted and line.hours < minimum]


@dataclass(frozen=True)
class YearSummary:
    """本年 at a glance: trainings, hours per member on average, how many are below."""

    year: int
    trainings: int
    members: int
    average: Decimal
    below: int
    minimum: Decimal

    @property
    def text(self) -> str:
        """「学习培训：本年3次，人均14.5学时；20人不足32学时」."""
        minimum = format_hours(self.minimum)
        tail = f"{self.below}人不足{minimum}学时" if self.below else f"全部达到{minimum}学时"
        return f"学习培训：本年{self.trainings}次，人均{format_hours(self.average)}学时；{tail}"


# 首页 and its reminder read the same engine: the year's hours are read once for both (the
# engine's records, kept here, tell one reading from the next: a new engine, a new read)
_last_summary: list[tuple[object, dt.date, YearSummary | None]] = []


def year_summary(
    facts: Iterable[RecordFact], members: Iterable[MemberFacts] | None, today: dt.date
) -> YearSummary | None:
    """This year's summary from the engine's facts; None when the branch has never recorded
    a training here (then nothing is said: the hours may be kept elsewhere)."""
    for seen, day, summary in _last_summary:
        if seen is facts and day == today:
            return summary
    summary = _summary(list(facts), members, today)
    _last_summary[:] = [(facts, today, summary)]
    return summary


def _summary(
    facts: list[RecordFact], members: Iterable[MemberFacts] | None, today: dt.date
) -> YearSummary | None:
    done = [f for f in facts if f.record == RECORD_TYPE]
    if not done:
        return None
    lines = hours_by_member(today.year, today=today, members=members)
    counted = [line for line in lines if line.counted]
    total = sum((line.hours for line in counted), Decimal(0))
    average = total / len(counted) if counted else Decimal(0)
    minimum = training_rules().min_hours_per_year
    return YearSummary(
        year=today.year,
        trainings=sum(1 for f in done if f.held_on.year == today.year),
        members=len(counted),
        average=average,
        below=len(below_minimum(lines, minimum)),
        minimum=minimum,
    )


def years_ending_within(start: dt.date, end: dt.date) -> list[int]:
    """The years whose 学时统计 goes with a package of ``start``–``end``: those ending within
    it (a December, a fourth quarter, a second half, a year) with a finished training."""
    years = [y for y in range(start.year, end.year + 1) if start <= dt.date(y, 12, 31) <= end]
    if not years:
        return []
    query = Training.select(Training.held_on).where(
        Training.state.in_(records.DONE)
        & (Training.held_on >= dt.date(years[0], 1, 1))
        & (Training.held_on <= dt.date(years[-1], 12, 31))
    )
    kept = {held_on.year for (held_on,) in records.tuples(query)}
    return [y for y in years if y in kept]


def with_attendees(form: TrainingForm, member_ids: Iterable[int]) -> TrainingForm:
    """``form`` with ``member_ids`` (of its day's roster) as its attendees."""
    return replace(form, attendance=attendees(form.held_on, member_ids))


REMINDED_FROM_MONTH = 10  # the year's hours are worth a look from 1 October, not before


def training_reminders(engine: Engine, today: dt.date) -> list[Reminder]:
    """From 1 October: one reminder saying how many members are below the year's minimum
    so far, opening 学习培训 — only for a branch that records its trainings here."""
    from jianshi_desktop.services.reminders import Action, Reminder  # they list this one

    if today.month < REMINDED_FROM_MONTH:
        return []
    summary = year_summary(engine.facts.records, engine.facts.member_history, today)
    if summary is None or not summary.below:
        return []
    rules = training_rules()
    minimum = format_hours(rules.min_hours_per_year)
    return [
        Reminder(
            "training_hours",
            f"本年有{summary.below}名党员学习培训不足{minimum}学时",
            f"截至{format_date(today)}，按已完成的培训记录统计。要求：{rules.source}。"
            "参加了培训还没有记录的，请补记；可在“学习培训”中点“本年学时统计…”查看每人学时。",
            dt.date(today.year, 12, 31),
            False,
            Action(AREA, label="查看"),
        )
    ]
