"""结对帮扶 documents read from the records: one help record, the year's 结对帮扶登记表 and
the 帮扶记录 of a pairing or a member (documents/student_pairing.py builds them)."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.db.models import Attachment, Member, PairingHelp, StudentPairing
from jianshi_desktop.documents.model import Document
from jianshi_desktop.documents.student_pairing import (
    HelpContent,
    HelpLine,
    HelpsContent,
    PairingHelps,
    RegisterContent,
    RegisterLine,
    SummaryLine,
    helps_document,
    register_document,
)
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import records
from jianshi_desktop.services.branch import branch_name_on
from jianshi_desktop.services.documents import record_notes
from jianshi_desktop.services.student_pairings import RECORD_TYPE, summaries_of


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def help_content(help_id: int) -> HelpContent:
    row = PairingHelp.get_by_id(help_id)
    pairing = StudentPairing.get_by_id(row.pairing_id)
    return HelpContent(
        branch=branch_name_on(row.held_on),
        held_on=row.held_on,
        member=_names().get(pairing.member_id, ""),
        student=pairing.student,
        class_name=pairing.class_name,
        need=pairing.need.label,
        place=row.place,
        content=row.content,
        photos=Attachment.select().where(Attachment.pairing_help == row).count(),
        notes=record_notes(RECORD_TYPE, row),
    )


def pairings_of_year(year: int) -> list[StudentPairing]:
    """The pairings that held on any day of ``year``, by member and start."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    query = StudentPairing.select().where(
        (StudentPairing.starts_on <= end)
        & (StudentPairing.ends_on.is_null() | (StudentPairing.ends_on >= start))
    )
    return list(query.order_by(StudentPairing.member, StudentPairing.starts_on, StudentPairing.id))


def register(year: int) -> Document:
    """结对帮扶登记表 of ``year``; a clear message when the year had no pairing."""
    pairings = pairings_of_year(year)
    if not pairings:
        raise ValidationError(f"{year}年没有结对帮扶，没有登记表可以打印。")
    names = _names()
    content = RegisterContent(
        branch=branch_name_on(min(dt.date(year, 12, 31), dt.date.today())),
        year=year,
        lines=tuple(
            RegisterLine(
                member=names.get(p.member_id, ""),
                student=p.student,
                class_name=p.class_name,
                need=p.need.label,
                starts_on=p.starts_on,
                ends_on=p.ends_on,
            )
            for p in pairings
        ),
    )
    return register_document(content)


def _span(p: StudentPairing) -> str:
    if p.ends_on is None:
        return f"{format_date(p.starts_on)}起"
    return f"{format_date(p.starts_on)}至{format_date(p.ends_on)}"


def helps_record(*, pairing_id: int | None = None, member_id: int | None = None) -> Document:
    """帮扶记录 of one pairing, or of every pairing of one member: the finished helps by date
    and the term summaries."""
    query = StudentPairing.select()
    if pairing_id is not None:
        query = query.where(StudentPairing.id == pairing_id)
    elif member_id is not None:
        query = query.where(StudentPairing.member == member_id)
    pairings = list(query.order_by(StudentPairing.starts_on, StudentPairing.id))
    if not pairings:
        raise ValidationError("没有找到这个结对帮扶。")
    names = _names()
    parts = []
    for p in pairings:
        helps = (
            PairingHelp.select()
            .where((PairingHelp.pairing == p.id) & PairingHelp.state.in_(records.DONE))
            .order_by(PairingHelp.held_on, PairingHelp.id)
        )
        parts.append(
            PairingHelps(
                member=names.get(p.member_id, ""),
                student=p.student,
                class_name=p.class_name,
                need=p.need.label,
                span=_span(p),
                helps=tuple(HelpLine(h.held_on, h.place, h.content) for h in helps),
                summaries=tuple(
                    SummaryLine(s.term.label, s.written_on, s.text) for s in summaries_of(p.id)
                ),
            )
        )
    member = names.get(pairings[0].member_id, "")
    subject = member if pairing_id is None else f"{member}　{pairings[0].student}"
    return helps_document(
        HelpsContent(branch=branch_name_on(dt.date.today()), subject=subject, pairings=tuple(parts))
    )
