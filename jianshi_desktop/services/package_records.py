"""What a submission package reads from the database: the period's finished records, the
names it shows, the drafts it leaves out and the attachments it carries. submission/ asks
here and never the tables itself (design/architecture.md: submission → services)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jianshi_desktop.db.models import (
    Attachment,
    DuesArrearsDecision,
    DuesCollection,
    DuesPayment,
    Member,
    PartyGroup,
    RecruitmentStep,
    RecruitmentStepPerson,
)
from jianshi_desktop.domain.enums import RecordState, RecruitmentStage
from jianshi_desktop.domain.idcard import mask_id_number
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.services.documents import RecordRef, RecordType
from jianshi_desktop.services.record_kinds import KINDS, kind_of
from jianshi_desktop.services.records import DONE
from jianshi_desktop.services.recruitment import all_facts

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
        owner = getattr(Attachment, kind, None)  # each kind's attachments: Attachment.<kind>
        if owner is None:  # a kind that has none (组织设置情况: built, never attached)
            continue
        ids = [ref.id for ref in refs if ref.record_type == kind]
        for start in range(0, len(ids), _BATCH):
            query = Attachment.select().where(owner.in_(ids[start : start + _BATCH]))
            for a in query.order_by(Attachment.id):
                held.setdefault((kind, getattr(a, f"{kind}_id")), []).append(
                    AttachmentFile(id=a.id, file_name=a.file_name, sha256=a.sha256, size=a.size)
                )
    return [(ref, a) for ref in refs for a in held.get((ref.record_type, ref.id), ())]


# --- 党费 (records.json version 3) ----------------------------------------------------------


def _month(day: dt.date | None) -> str | None:
    """A month as records.json writes it: 「2026-11」."""
    return None if day is None else f"{day.year:04d}-{day.month:02d}"


def _day(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def dues_lists(period: ReportPeriod) -> dict[str, list[dict[str, Any]]]:
    """The period's 党费 as records.json carries it: each finished or archived 党费收缴
    (held within the period) with its payments, and the branch's decisions on members six
    months behind (decided within the period). Money in 分; members by id and by the name
    the package's members list gives them. No bases, categories or rates as data (the
    明细表 among the package's documents prints them in the county's form, and an amount
    due gives its base away anyway: docs/package-format.md says so)."""
    names = member_names()
    collections = list(
        DuesCollection.select()
        .where(
            (DuesCollection.held_on >= period.start)
            & (DuesCollection.held_on <= period.end)
            & DuesCollection.state.in_(DONE)
        )
        .order_by(DuesCollection.held_on, DuesCollection.id)
    )
    ids = [c.id for c in collections]
    payments: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), _BATCH):
        query = (
            DuesPayment.select()
            .where(DuesPayment.collection.in_(ids[start : start + _BATCH]))
            .order_by(DuesPayment.collection, DuesPayment.position, DuesPayment.id)
        )
        for p in query:
            payments.setdefault(p.collection_id, []).append(
                {
                    "member_id": p.member_id,
                    "member": names.get(p.member_id, ""),
                    "for_month": _month(p.for_month),
                    "due_fen": p.due_fen,
                    "paid_fen": p.paid_fen,
                    "paid_on": _day(p.paid_on),
                    "method": p.method,
                    "note": p.note,
                }
            )
    attachments: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(ids), _BATCH):
        held = Attachment.select().where(
            Attachment.dues_collection.in_(ids[start : start + _BATCH])
        )
        for a in held.order_by(Attachment.id):
            owner: int = a.dues_collection_id  # type: ignore[attr-defined]
            attachments.setdefault(owner, []).append(
                {
                    "file_name": a.file_name,
                    "sha256": a.sha256,
                    "size": a.size,
                    "kind": a.kind.value,
                    "caption": a.caption,
                }
            )
    decisions = (
        DuesArrearsDecision.select()
        .where(
            (DuesArrearsDecision.decided_on >= period.start)
            & (DuesArrearsDecision.decided_on <= period.end)
        )
        .order_by(DuesArrearsDecision.decided_on, DuesArrearsDecision.id)
    )
    return {
        "dues_collections": [
            {
                "id": c.id,
                "state": c.state.value,
                "late_entry": bool(c.late_entry),
                "archived_at": c.archived_at.isoformat() if c.archived_at else None,
                "held_on": _day(c.held_on),
                "place": c.place,
                "month": _month(c.month),
                "collector_id": c.collector_id,
                "collector": names.get(c.collector_id or 0, ""),
                "handed_on": _day(c.handed_on),
                "handed_fen": c.handed_fen,
                "summary": c.summary,
                "payments": payments.get(c.id, []),
                "attachments": attachments.get(c.id, []),
            }
            for c in collections
        ],
        "dues_arrears_decisions": [
            {
                "id": d.id,
                "member_id": d.member_id,
                "member": names.get(d.member_id, ""),
                "since_month": _month(d.since_month),
                "months": d.months,
                "decided_on": _day(d.decided_on),
                "decision": d.decision.value,
                "decision_label": d.decision.label,
                "reason": d.reason,
                "pay_by": _day(d.pay_by),
                "meeting_id": d.meeting_id,
            }
            for d in decisions
        ],
    }


# --- 发展党员 (records.json version 4) ------------------------------------------------------


def recruitment_list(period: ReportPeriod, *, full_ids: bool) -> list[dict[str, Any]]:
    """Each 发展党员 file of the period (its application made by the period's end, not
    stopped before its start) as records.json carries it: the person masked like the
    members (ID number masked unless ``full_ids``; no birth date, no phone, no notes), the
    stage at the period's end and the steps done by then, each with its meeting, its
    people (member ids and roles) and its attachments by name and hash. The attachments'
    files do not go in: an application or a 志愿书 carries the whole ID number, the birth
    date and the phone the package leaves out."""
    files = [
        (row, facts)
        for row, facts in all_facts()
        if facts.has(1, by=period.end)
        and (row.stopped_on is None or row.stopped_on >= period.start)
    ]
    ids = [row.id for row, _facts in files]
    steps: dict[int, list[RecruitmentStep]] = {}
    for start in range(0, len(ids), _BATCH):
        query = RecruitmentStep.select().where(
            RecruitmentStep.recruitment.in_(ids[start : start + _BATCH])
            & (RecruitmentStep.done_on <= period.end)
        )
        for s in query.order_by(RecruitmentStep.done_on, RecruitmentStep.step, RecruitmentStep.id):
            steps.setdefault(s.recruitment_id, []).append(s)
    step_ids = [s.id for found in steps.values() for s in found]
    people: dict[int, list[dict[str, Any]]] = {}
    attachments: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(step_ids), _BATCH):
        batch = step_ids[start : start + _BATCH]
        for p in (
            RecruitmentStepPerson.select()
            .where(RecruitmentStepPerson.step.in_(batch))
            .order_by(RecruitmentStepPerson.id)
        ):
            people.setdefault(p.step_id, []).append(  # type: ignore[attr-defined]
                {"member_id": p.member_id, "role": p.role.value}
            )
        for a in (
            Attachment.select()
            .where(Attachment.recruitment_step.in_(batch))
            .order_by(Attachment.id)
        ):
            attachments.setdefault(a.recruitment_step_id, []).append(  # type: ignore[attr-defined]
                {
                    "file_name": a.file_name,
                    "sha256": a.sha256,
                    "size": a.size,
                    "kind": a.kind.value,
                    "caption": a.caption,
                }
            )
    listed = []
    for row, facts in files:
        stage = facts.stage_on(period.end) or RecruitmentStage.APPLICANT
        # stopped within the period: said; stopped after it: still on its way at its end
        stopped = row.stopped_on if row.stopped_on and row.stopped_on <= period.end else None
        listed.append(
            {
                "id": row.id,
                "name": row.name,
                "gender": row.gender.value if row.gender else None,
                "ethnicity": row.ethnicity,
                "id_number": (row.id_number if full_ids else mask_id_number(row.id_number))
                if row.id_number
                else None,
                "education": row.education,
                "position": row.position,
                "backbone": bool(row.backbone),
                "member_id": row.member_id,
                "stage": stage.value,
                "stopped_on": _day(stopped),
                "stop_reason": row.stop_reason if stopped else "",
                "steps": [
                    {
                        "no": s.step,
                        "done_on": _day(s.done_on),
                        "note": s.note,
                        "meeting_id": s.meeting_id,
                        "training_days": s.training_days,
                        "training_hours": s.training_hours,
                        "people": people.get(s.id, []),
                        "attachments": attachments.get(s.id, []),
                    }
                    for s in steps.get(row.id, [])
                ],
            }
        )
    return listed
