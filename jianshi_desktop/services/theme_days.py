"""主题党日: the monthly theme day on the branch's fixed day, its 规定动作 checklist and
attendance — or the attendance of the meeting it was held with, never asked twice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jianshi_desktop.db.models import Attachment, Attendance, Meeting, PartyGroup, Setting, ThemeDay
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MeetingKind, Presence, RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.procedures import DEFAULT_REQUIRED_ITEMS, THEME_DAY_FORMS
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.meetings import (
    expected_attendance,
    kind_name,
    known_places,
    member_choices,
    secretary_id,
)
from jianshi_desktop.services.records import AttendanceEntry

RECORD_TYPE = "theme_day"
REQUIRED_ITEMS_KEY = "theme_day_required_items"


@dataclass
class ThemeDayForm:
    held_on: dt.date
    theme: str = ""
    form: str = THEME_DAY_FORMS[0]
    required_items: list[str] = field(default_factory=list)  # the 规定动作 done
    place: str = ""
    summary: str = ""
    meeting_id: int | None = None  # held together with this meeting: its attendance counts
    chair_id: int | None = None  # 主持人: a member of the day; None on records from before
    attendance: list[AttendanceEntry] = field(default_factory=list)
    attachments: list[AttachmentEntry] = field(default_factory=list)


@dataclass(frozen=True)
class ThemeDayRow:
    id: int
    held_on: dt.date
    theme: str
    form: str
    place: str
    state: RecordState
    late_entry: bool
    amended: bool
    present: int
    expected: int
    with_meeting: str


def required_item_choices() -> list[str]:
    """The branch's 规定动作 list (editable in settings), defaults from the county."""
    row = Setting.get_or_none(Setting.key == REQUIRED_ITEMS_KEY)
    return list(row.value) if row is not None else list(DEFAULT_REQUIRED_ITEMS)


def set_required_item_choices(items: list[str]) -> None:
    cleaned = list(dict.fromkeys(squeeze(i) for i in items if squeeze(i)))
    if not cleaned:
        raise ValidationError("规定动作清单至少要有一项。")
    with user_action("set_theme_day_items", entity="setting") as audit:
        Setting.insert(key=REQUIRED_ITEMS_KEY, value=cleaned).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: cleaned}
        ).execute()
        audit.summary = "修改主题党日规定动作清单：" + "、".join(cleaned)


def fixed_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, current_branch().theme_day_of_month)


def new_theme_day_form(*, on: dt.date | None = None) -> ThemeDayForm:
    """Defaults: this month's fixed day, the usual place, everyone expected."""
    today = on or dt.date.today()
    held_on = fixed_day(today.year, today.month) if on is None else on
    places = known_places()
    return ThemeDayForm(
        held_on=held_on,
        place=places[0] if places else "",
        required_items=[],
        chair_id=default_chair(held_on),
        attendance=expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=held_on),
    )


def default_chair(day: dt.date) -> int | None:
    """The 书记 in office on ``day``, who usually chairs the theme day; None without one."""
    return secretary_id(day)


def chair_choices(day: dt.date) -> list[tuple[int, str]]:
    """(id, name) of the members of ``day``, for the 主持人 picker (rules.md §7)."""
    return member_choices(day)


def meetings_on(day: dt.date) -> list[tuple[int, str]]:
    """Meetings the same day that a theme day may be held together with."""
    query = Meeting.select().where((Meeting.held_on == day) & (Meeting.state != RecordState.DRAFT))
    groups = {g.id: g.name for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
    return [
        (
            m.id,
            f"{format_date(m.held_on)}{kind_name(m.kind, groups.get(m.party_group_id or 0, ''))}",
        )
        for m in query
    ]


def check_theme_day(form: ThemeDayForm, *, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    if form.held_on > today:
        problems.append(
            Problem("held_on", "活动日期晚于今天。活动开展之后再完成记录；现在可以先存为草稿。")
        )
    if not squeeze(form.theme):
        problems.append(Problem("theme", "请填写活动主题。"))
    if not squeeze(form.place):
        problems.append(Problem("place", "请填写活动地点。"))
    if form.chair_id is None:
        problems.append(Problem("chair_id", "没有选择主持人，记录中将不印主持人一栏。", "warning"))
    if form.meeting_id is None:
        if not form.attendance:
            problems.append(Problem("attendance", "参加人员名单是空的，请核对党员名册。"))
        for entry in form.attendance:
            if entry.presence is not Presence.PRESENT and not squeeze(entry.reason):
                problems.append(
                    Problem("attendance", f"请填写{entry.name}{entry.presence.label}的原因。")
                )
    elif Meeting.get_or_none(Meeting.id == form.meeting_id) is None:
        problems.append(Problem("meeting_id", "所关联的会议已不存在，请重新选择。"))
    if not form.required_items:
        problems.append(Problem("required_items", "没有勾选任何规定动作，请核对。", "warning"))
    return problems


def write_theme_day(day: ThemeDay, form: ThemeDayForm) -> None:
    day.held_on = form.held_on
    day.theme = clean(form.theme)
    day.form = squeeze(form.form)
    day.required_items = list(dict.fromkeys(form.required_items))
    day.place = clean(form.place)
    day.summary = form.summary.strip()
    day.meeting_id = form.meeting_id
    day.chair_id = form.chair_id
    day.updated_at = records.now()
    day.save()
    # with a meeting, the meeting's attendance is the record
    records.write_attendance({"theme_day": day}, form.attendance if form.meeting_id is None else [])
    records.replace_attachments({"theme_day": day}, form.attachments)


def theme_day_title(held_on: dt.date) -> str:
    return f"{held_on.year}年{held_on.month}月主题党日"


def theme_day_label(form: ThemeDayForm) -> str:
    return theme_day_title(form.held_on)


def theme_day_file_name(day: ThemeDay, _groups: Mapping[int, str]) -> str:
    """「2026年7月主题党日活动记录」 (services.documents numbers two in one month)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{theme_day_title(day.held_on)}活动记录")


def theme_day_contents_line(_day: ThemeDay, _groups: Mapping[int, str]) -> str:
    return "主题党日活动记录"


def load_theme_day(theme_day_id: int) -> ThemeDayForm:
    day = ThemeDay.get_by_id(theme_day_id)
    return ThemeDayForm(
        held_on=day.held_on,
        theme=day.theme,
        form=day.form,
        required_items=list(day.required_items or []),
        place=day.place,
        summary=day.summary,
        meeting_id=day.meeting_id,
        chair_id=day.chair_id,
        attendance=records.attendance_of(Attendance.theme_day == day),
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.theme_day == day)
        ),
    )


def theme_day_attendance(theme_day_id: int) -> list[AttendanceEntry]:
    """Who attended: its own list, or the linked meeting's."""
    day = ThemeDay.get_by_id(theme_day_id)
    source = (
        Attendance.meeting == day.meeting_id
        if day.meeting_id is not None
        else Attendance.theme_day == day
    )
    return records.attendance_of(source)


def copied_theme_day(old: ThemeDayForm, on: dt.date | None) -> ThemeDayForm:
    """复制上次: the form, place and 规定动作 again; the day's defaults for the rest (this
    month's fixed day without ``on``)."""
    fresh = new_theme_day_form(on=on)
    return replace(
        fresh,
        form=old.form,
        place=old.place or fresh.place,
        required_items=list(old.required_items),
    )


def list_theme_days(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[ThemeDayRow]:
    query = records.within(ThemeDay, ThemeDay.select(), year=year, state=state, late_only=late_only)
    amended = records.amended_ids(RECORD_TYPE)
    # Who attended: the day's own list, or the linked meeting's (theme_day_attendance),
    # counted for every row at once.
    own = records.attendance_counts(Attendance.theme_day, query.select(ThemeDay.id))
    linked = query.select(ThemeDay.meeting).where(ThemeDay.meeting.is_null(False))
    shared = records.attendance_counts(Attendance.meeting, linked)
    kinds: dict[int, MeetingKind] = dict(
        records.tuples(Meeting.select(Meeting.id, Meeting.kind).where(Meeting.id.in_(linked)))
    )
    rows = []
    for day in query.order_by(ThemeDay.held_on.desc(), ThemeDay.id.desc()):
        if day.meeting_id is not None:
            present, expected = shared.get(day.meeting_id, (0, 0))
        else:
            present, expected = own.get(day.id, (0, 0))
        kind = kinds.get(day.meeting_id) if day.meeting_id is not None else None
        rows.append(
            ThemeDayRow(
                id=day.id,
                held_on=day.held_on,
                theme=day.theme,
                form=day.form,
                place=day.place,
                state=day.state,
                late_entry=bool(day.late_entry),
                amended=day.id in amended,
                present=present,
                expected=expected,
                with_meeting=kind.label if kind is not None else "",
            )
        )
    return rows


def theme_day_facts() -> list[RecordFact]:
    """The finished theme days as the compliance engine counts them."""
    query = ThemeDay.select(
        ThemeDay.id, ThemeDay.held_on, ThemeDay.late_entry, ThemeDay.theme
    ).where(ThemeDay.state.in_(records.DONE))
    return [
        RecordFact(id=id_, record=RECORD_TYPE, held_on=held_on, late_entry=bool(late), title=title)
        for id_, held_on, late, title in records.tuples(query)
    ]
