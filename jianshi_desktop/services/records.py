"""The pieces every kind of record uses: the state rules (a draft, finished, archived),
补录, amendments, attachments, attendance counts and the lists' filters. The lifecycle
built from them is :class:`~jianshi_desktop.services.lifecycle.RecordKind`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, TypeVar

import peewee

from jianshi_desktop.db.models import Amendment, Attachment, Attendance
from jianshi_desktop.domain.enums import AttendanceRole, Presence, RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.settings import LATE_ENTRY_DAYS, get_int

QueryT = TypeVar("QueryT", bound="peewee.ModelSelect[Any]")

# What counts, is listed in ledgers and goes into packages: finished and archived records;
# drafts never.
DONE = (RecordState.FINISHED, RecordState.ARCHIVED)


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def is_late(held_on: dt.date, *, recorded_on: dt.date) -> bool:
    """补录: recorded more than the set number of days after the fact."""
    return (recorded_on - held_on).days > get_int(LATE_ENTRY_DAYS)


def ensure_editable(record: Any, what: str) -> None:
    if record.state is RecordState.ARCHIVED:
        raise ValidationError(
            f"{what}已归档，不能直接修改。",
            hint="如需更正，请使用“更正”，写明更正原因；原记录会保留。",
        )


def ensure_draft(record: Any, what: str) -> None:
    """Only a draft is saved as a draft; a finished record is changed through finishing."""
    ensure_editable(record, what)
    if record.id is not None and record.state is not RecordState.DRAFT:
        raise ValidationError(
            f"{what}已完成，不能再存为草稿。",
            hint="修改后请点“完成”保存；系统会重新检查各项要求。",
        )


def ensure_deletable(record: Any, what: str) -> None:
    if record.state is not RecordState.DRAFT:
        raise ValidationError(
            f"{what}已完成，不能删除；只有草稿可以删除。",
            hint="如内容有误，请修改或在归档后更正。",
        )


def mark_finished(record: Any, *, held_on: dt.date, today: dt.date) -> None:
    """A draft (or new record) becomes finished; 补录 is judged once, at this moment."""
    if record.state is RecordState.DRAFT:
        record.state = RecordState.FINISHED
        record.late_entry = is_late(held_on, recorded_on=today)


def mark_archived(record: Any, what: str) -> None:
    if record.state is RecordState.DRAFT:
        raise ValidationError(f"{what}还是草稿，请先完成再归档。")
    if record.state is RecordState.ARCHIVED:
        raise ValidationError(f"{what}已经归档。")
    record.state = RecordState.ARCHIVED
    record.archived_at = now()
    record.updated_at = now()
    record.save()


def raise_first_error(problems: Iterable[Problem]) -> None:
    """A check's first error as a ValidationError naming its field; warnings pass."""
    for problem in problems:
        if problem.is_error:
            raise ValidationError(problem.message, field=problem.field)


def ensure_amendable(record: Any) -> None:
    if record.state is not RecordState.ARCHIVED:
        raise ValidationError("只有已归档的记录需要“更正”；未归档的记录可以直接修改。")


def record_amendment(
    record_type: str, record_id: int, *, reason: str, before: Any, after: Any
) -> None:
    """Keep the record as it was (``before``) and as corrected (``after``) — both the
    form dataclasses — with the reason."""
    if not reason.strip():
        raise ValidationError("请写明更正原因。", field="reason")
    Amendment.create(
        record_type=record_type,
        record_id=record_id,
        reason=reason.strip(),
        before=to_jsonable(asdict(before)),
        after=to_jsonable(asdict(after)),
    )


def amendments(record_type: str, record_id: int) -> list[Amendment]:
    return list(
        Amendment.select()
        .where((Amendment.record_type == record_type) & (Amendment.record_id == record_id))
        .order_by(Amendment.made_at, Amendment.id)
    )


def tuples(query: peewee.Query) -> Iterator[tuple[Any, ...]]:
    """The rows of ``query`` as plain tuples of its columns: much cheaper than model
    objects when a page reads years of records."""
    return iter(query.tuples())


def attendance_counts(owner: peewee.Field, ids: peewee.Query) -> dict[int, tuple[int, int]]:
    """实到 and 应到 of every record ``ids`` selects, in one query: ``owner`` is
    ``Attendance.meeting`` or ``Attendance.theme_day``; a record without anyone expected
    is missing from the answer. (The lists of ten years of records ask once, not once a
    row.)"""
    present = peewee.fn.SUM(peewee.Case(None, [(Attendance.presence == Presence.PRESENT, 1)], 0))
    query = (
        Attendance.select(owner, present, peewee.fn.COUNT(Attendance.id))
        .where(owner.in_(ids) & (Attendance.role == AttendanceRole.EXPECTED))
        .group_by(owner)
    )
    return {
        record_id: (int(came or 0), int(expected)) for record_id, came, expected in tuples(query)
    }


def within(
    model: Any,
    query: QueryT,
    *,
    year: int | None = None,
    state: RecordState | None = None,
    late_only: bool = False,
    kind: object = None,
) -> QueryT:
    """``query`` of ``model``'s records narrowed as the lists filter them: a year, a
    state, 补录 only, a kind (of meeting, of talk)."""
    if year is not None:
        query = query.where(
            (model.held_on >= dt.date(year, 1, 1)) & (model.held_on <= dt.date(year, 12, 31))
        )
    if state is not None:
        query = query.where(model.state == state)
    if late_only:
        query = query.where(model.late_entry == True)  # noqa: E712 (peewee expression)
    if kind is not None:
        query = query.where(model.kind == kind)
    return query


def amended_ids(record_type: str) -> set[int]:
    query = Amendment.select(Amendment.record_id).where(Amendment.record_type == record_type)
    return {row.record_id for row in query}


@dataclass
class AttendanceEntry:
    """One line of a record's attendance: who was expected (or came to observe), and
    whether they came."""

    member_id: int | None
    name: str
    role: AttendanceRole = AttendanceRole.EXPECTED
    presence: Presence = Presence.PRESENT
    reason: str = ""
    has_vote: bool = True


def write_attendance(owner: dict[str, Any], entries: list[AttendanceEntry]) -> None:
    """``owner`` is the foreign key, e.g. ``{"meeting": meeting}``: its list replaced."""
    field_name, record = next(iter(owner.items()))
    Attendance.delete().where(getattr(Attendance, field_name) == record).execute()
    for person in entries:
        Attendance.create(
            member=person.member_id,
            name=squeeze(person.name),
            role=person.role,
            presence=person.presence,
            reason=clean(person.reason),
            has_vote=person.has_vote,
            **owner,
        )


def attendance_of(condition: peewee.Expression) -> list[AttendanceEntry]:
    """The attendance lines ``condition`` selects (``Attendance.meeting == m``), in order."""
    query = Attendance.select().where(condition).order_by(Attendance.id)
    return [
        AttendanceEntry(a.member_id, a.name, a.role, a.presence, a.reason, a.has_vote)
        for a in query
    ]


def replace_attachments(owner: dict[str, Any], entries: list[AttachmentEntry]) -> None:
    """``owner`` is the foreign key, e.g. ``{"meeting": meeting}``."""
    field_name, record = next(iter(owner.items()))
    Attachment.delete().where(getattr(Attachment, field_name) == record).execute()
    for entry in entries:
        Attachment.create(
            sha256=entry.sha256,
            size=entry.size,
            file_name=entry.file_name,
            media_type=entry.media_type,
            kind=entry.kind,
            caption=entry.caption,
            **owner,
        )


def attachment_entries(query: peewee.Query) -> list[AttachmentEntry]:
    return [
        AttachmentEntry(
            sha256=a.sha256,
            size=a.size,
            file_name=a.file_name,
            media_type=a.media_type,
            kind=a.kind,
            caption=a.caption,
        )
        for a in query.order_by(Attachment.id)
    ]


def to_jsonable(value: Any) -> Any:
    """Dataclass dicts with dates and enums, for amendment snapshots."""
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value") and isinstance(getattr(value, "value", None), str):
        return value.value
    return value
