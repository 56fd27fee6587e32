"""What a submission package reads from the database: the period's finished records, the
names it shows, the drafts it leaves out and the attachments it carries. submission/ asks
here and never the tables itself (design/architecture.md: submission → services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from jianshi_desktop.db.models import Attachment, Member, PartyGroup
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.services.documents import RecordRef, RecordType
from jianshi_desktop.services.record_kinds import KINDS, kind_of
from jianshi_desktop.services.records import DONE

_BATCH = 500  # ids bound in one query, within SQLite's limit of bound values


@dataclass(frozen=True)
class DoneRecord:
    """A finished or archived record of a period, as the package's records.json lists it."""

    id: int
    state: RecordState
    late_entry: bool
    archived_at: dt.datetime | None
    confidential: bool  # a 提醒谈话 kept confidential; always False for other kinds


@dataclass(frozen=True)
class AttachmentFile:
    """One attachment of a record: the file in the data folder and the name it had."""

    id: int
    file_name: str
    sha256: str
    size: int


def done_records(kind: RecordType, period: ReportPeriod) -> list[DoneRecord]:
    """The kind's finished and archived records held within the period, oldest first."""
    record_kind = kind_of(kind)
    model = record_kind.model
    query = (
        model.select()
        .where((model.held_on >= period.start) & (model.held_on <= period.end))
        .where(model.state.in_(DONE))
        .order_by(model.held_on, model.id)
    )
    return [
        DoneRecord(
            id=r.id,
            state=r.state,
            late_entry=bool(r.late_entry),
            archived_at=r.archived_at,
            confidential=record_kind.confidential(r),
        )
        for r in query
    ]


def drafts_in(period: ReportPeriod) -> int:
    """How many records held within the period are still drafts (left out of a package)."""
    return sum(
        model.select()
        .where(
            (model.held_on >= period.start)
            & (model.held_on <= period.end)
            & (model.state == RecordState.DRAFT)
        )
        .count()
        for model in (kind.model for kind in KINDS)
    )


def member_names() -> dict[int, str]:
    """Every member ever kept, by id: records name people who have since left."""
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def group_names() -> dict[int, str]:
    """Every 党小组's name, by id."""
    return {g.id: g.name for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}


def attachments_of(refs: Sequence[RecordRef]) -> list[tuple[RecordRef, AttachmentFile]]:
    """Each record's attachments, in the records' order (a query a kind and 500 records,
    not one a record: the 报送 page plans a package each time it is opened)."""
    held: dict[tuple[str, int], list[AttachmentFile]] = {}
    for kind in (k.record_type for k in KINDS):
        owner = getattr(Attachment, kind)  # each kind's attachments: Attachment.<record_type>
        ids = [ref.id for ref in refs if ref.record_type == kind]
        for start in range(0, len(ids), _BATCH):
            query = Attachment.select().where(owner.in_(ids[start : start + _BATCH]))
            for a in query.order_by(Attachment.id):
                held.setdefault((kind, getattr(a, f"{kind}_id")), []).append(
                    AttachmentFile(id=a.id, file_name=a.file_name, sha256=a.sha256, size=a.size)
                )
    return [(ref, a) for ref in refs for a in held.get((ref.record_type, ref.id), ())]
