"""学习培训 documents read from the database: a training's 培训记录 and the year's
党员学习培训学时统计 (``documents/trainings.py`` builds them)."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.db.models import Attachment, Attendance, Member, Training
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.documents.trainings import (
    HoursLine,
    TrainingContent,
    TrainingLine,
    YearHoursContent,
)
from jianshi_desktop.domain.training import format_hours
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import records
from jianshi_desktop.services.branch import branch_name_on
from jianshi_desktop.services.documents import record_notes
from jianshi_desktop.services.trainings import (
    RECORD_TYPE,
    below_minimum,
    hours_by_member,
    list_trainings,
    training_rules,
)


def training_content(training_id: int) -> TrainingContent:
    row = Training.get_by_id(training_id)
    names = {m.id: m.name for m in Member.select(Member.id, Member.name)}
    attended = records.attendance_of(Attendance.training == row)
    files = Attachment.select().where(Attachment.training == row).order_by(Attachment.id)
    return TrainingContent(
        branch=branch_name_on(row.held_on),
        held_on=row.held_on,
        ends_on=row.ends_on,
        title=row.title,
        organiser=row.organiser,
        place=row.place,
        class_hours="" if row.class_hours is None else format_hours(row.class_hours),
        attendees=tuple(names.get(e.member_id or 0, "") or e.name for e in attended),
        content=row.content,
        certificates=tuple(a.caption or a.file_name for a in files),
        notes=record_notes(RECORD_TYPE, row),
    )


def year_hours_content(year: int, *, today: dt.date | None = None) -> YearHoursContent:
    """Every member of ``year`` with the year's trainings and hours, in roster order; who
    is below the minimum (those in the branch at its end, or today while it runs)."""
    today = today or dt.date.today()
    if dt.date(year, 1, 1) > today:
        raise UserError(f"{year}年还没有开始，没有可统计的学时。")
    rules = training_rules()
    lines = hours_by_member(year, today=today)
    below = {line.member_id for line in below_minimum(lines, rules.min_hours_per_year)}
    done = [r for r in list_trainings(year=year) if r.state in records.DONE]
    return YearHoursContent(
        branch=branch_name_on(min(today, dt.date(year, 12, 31))),
        year=year,
        lines=tuple(
            HoursLine(
                name=line.name,
                trainings=line.trainings,
                hours=line.hours,
                counted=line.counted,
                below=line.member_id in below,
                note=line.note,
            )
            for line in lines
        ),
        trainings=tuple(
            TrainingLine(r.held_on, r.ends_on, r.title, r.organiser, r.class_hours, r.attendees)
            for r in sorted(done, key=lambda r: (r.held_on, r.id))
        ),
        minimum=rules.min_hours_per_year,
        source=rules.source,
        as_of=today if today < dt.date(year, 12, 31) else None,
    )


def year_hours_stem(year: int, today: dt.date | None = None) -> str:
    day = min(today or dt.date.today(), dt.date(year, 12, 31))
    return safe_file_name(f"{branch_name_on(day)}{year}年度党员学习培训学时统计")
