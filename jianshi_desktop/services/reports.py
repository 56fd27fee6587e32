"""The period's 党建工作情况报告 kept: its draft saved as it is typed, and its 定稿.

One draft a period (per branch), saved without asking while the editor is open and when
it closes; reopening the period goes on from it. 定稿 (finishing) stores the whole report
as it stands — every part's text, title, 署名, 成文日期 — together with the figures the app
wrote from the records that day (基本情况, 落实组织生活制度情况). A finished report is
never changed afterwards, like an archived record: later changes to the records do not
change it; :func:`figures_changed` tells when today's records would say otherwise, and
:func:`start_new_draft` begins a new draft from today's figures (the 定稿 stays as it was;
finishing the new draft makes it the period's report, the older one is kept).

Every change is one transaction with its audit row (:func:`~.audit.user_action`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from jianshi_desktop.db.models import PeriodReport
from jianshi_desktop.documents.model import Direction, Document
from jianshi_desktop.documents.records import (
    ReportDraft,
    ReportSection,
    signer_missing,
    unfilled_parts,
)
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import documents, history, signing_keys
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch

DRAFT = "draft"
FINISHED = "finished"
CONTENT_VERSION = 2  # 2: the 版头's direction, 签发人 and the 版记


@dataclass(frozen=True)
class SavedDraft:
    """The period's draft as last saved."""

    id: int
    draft: ReportDraft
    saved_at: dt.datetime


@dataclass(frozen=True)
class FinishedReport:
    """A 定稿: the report's text and the figures it stated, as they were that day."""

    id: int
    period_code: str
    period_label: str
    draft: ReportDraft
    figures: dict[str, str]
    finished_at: dt.datetime
    fingerprint: str = ""  # the signing key's, on the day of the 定稿 ("" before they were kept)

    @property
    def finished_on(self) -> dt.date:
        return self.finished_at.date()

    def describe(self) -> str:
        """「2026年10月8日定稿」"""
        return f"{format_date(self.finished_on)}定稿"


# --- the report as JSON ------------------------------------------------------------------


def draft_to_json(draft: ReportDraft) -> dict[str, Any]:
    data = dataclasses.asdict(draft)
    data["issue_date"] = draft.issue_date.isoformat()
    data["printed_on"] = draft.printed_on.isoformat() if draft.printed_on else None
    # not stored: the version says it (a draft saved again is saved as version 2 and, being
    # edited today, prints by today's form)
    del data["colophon_printed"]
    data["version"] = CONTENT_VERSION
    return data


def _version(data: dict[str, Any]) -> int:
    try:
        return int(data.get("version", 1))
    except (TypeError, ValueError):
        return 1


def _direction(data: dict[str, Any]) -> Direction:
    if "direction" not in data:
        return "downward" if str(data.get("issuer", "")).strip() else "upward"
    return "downward" if data["direction"] == "downward" else "upward"


def _day_or_none(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def draft_from_json(data: dict[str, Any]) -> ReportDraft:
    return ReportDraft(
        title=str(data.get("title", "")),
        recipient=str(data.get("recipient", "")),
        opening=str(data.get("opening", "")),
        sections=[
            ReportSection(
                str(s.get("heading", "")),
                str(s.get("text", "")),
                ask=str(s.get("ask", "")),
                key=str(s.get("key", "")),
            )
            for s in data.get("sections", [])
        ],
        closing=str(data.get("closing", "")),
        signer=str(data.get("signer", "")),
        issue_date=dt.date.fromisoformat(str(data["issue_date"])),
        issuer=str(data.get("issuer", "")),
        document_number=str(data.get("document_number", "")),
        # saved before the direction was kept: a red masthead then printed downward (the
        # number centred, no 签发人)
        direction=_direction(data),
        masthead_signer=str(data.get("masthead_signer", "")),
        copy_to=str(data.get("copy_to", "")),
        printed_by=str(data.get("printed_by", "")),
        printed_on=_day_or_none(data.get("printed_on")),
        # saved before the 版记 (version 1): no 版记, so that a 定稿 prints as it did
        colophon_printed=_version(data) >= CONTENT_VERSION,
    )


# --- reading -----------------------------------------------------------------------------


def _rows(period: ReportPeriod, state: str) -> Any:
    return PeriodReport.select().where(
        (PeriodReport.branch == current_branch())
        & (PeriodReport.period_code == period.code)
        & (PeriodReport.state == state)
    )


def saved_draft(period: ReportPeriod) -> SavedDraft | None:
    """The period's draft as last saved, or None."""
    row = _rows(period, DRAFT).first()
    if row is None:
        return None
    return SavedDraft(row.id, draft_from_json(row.content), row.saved_at)


def _finished(row: PeriodReport) -> FinishedReport:
    return FinishedReport(
        id=row.id,
        period_code=row.period_code,
        period_label=row.period_label,
        draft=draft_from_json(row.content),
        figures={str(k): str(v) for k, v in (row.figures or {}).items()},
        finished_at=row.finished_at or row.saved_at,
        fingerprint=str((row.content or {}).get("fingerprint", "")),
    )


def finished_report(period: ReportPeriod) -> FinishedReport | None:
    """The period's report: its latest 定稿, or None."""
    row = (
        _rows(period, FINISHED)
        .order_by(PeriodReport.finished_at.desc(), PeriodReport.id.desc())
        .first()
    )
    return _finished(row) if row is not None else None


def figures_changed(period: ReportPeriod, report: FinishedReport) -> bool:
    """Whether the records, read again as of the day of the 定稿, give other figures than
    the ones the finished report stated (a record added, finished or corrected since)."""
    return documents.report_figures(period, report.finished_on) != report.figures


def with_todays_figures(draft: ReportDraft, period: ReportPeriod, today: dt.date) -> ReportDraft:
    """The draft's own texts, with the parts the app writes (基本情况, 落实组织生活制度情况)
    written again from today's records and 成文日期 today: a report of today, printed in
    today's form (with the 版记) even when it comes from a 定稿 stored before it had one."""
    figures = documents.report_figures(period, today)
    by_heading = {heading: figures[key] for key, heading in documents.FIGURE_HEADINGS.items()}
    sections = [
        dataclasses.replace(s, text=by_heading[s.heading]) if s.heading in by_heading else s
        for s in draft.sections
    ]
    signer = draft.masthead_signer
    if signer and signer == history.secretary_name_on(draft.issue_date):
        signer = history.secretary_name_on(today)  # the 书记 offered then: today's instead
    return dataclasses.replace(
        draft,
        sections=sections,
        issue_date=today,
        colophon_printed=True,
        masthead_signer=signer,
    )


def with_default_signer(draft: ReportDraft) -> ReportDraft:
    """``draft`` with the 书记 of its 成文日期 as 签发人 when it names none yet."""
    if draft.masthead_signer.strip():
        return draft
    name = history.secretary_name_on(draft.issue_date)
    return dataclasses.replace(draft, masthead_signer=name) if name else draft


def finished_document(report: FinishedReport) -> Document:
    """The 定稿 laid out, from its stored text."""
    return documents.report(report.draft, fingerprint=report.fingerprint)


def finished_stem(report: FinishedReport) -> str:
    return documents.report_stem(report.draft)


# --- changing ----------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def save_report_draft(period: ReportPeriod, draft: ReportDraft) -> dt.datetime:
    """Keep ``draft`` as the period's draft (replacing the one saved before); returns when."""
    with user_action("save_report_draft", entity="period_report") as audit:
        row = _write_draft(period, draft)
        audit.entity_id = row.id
        audit.summary = f"保存报告草稿“{period.label}”"
    return row.saved_at


def _write_draft(period: ReportPeriod, draft: ReportDraft) -> PeriodReport:
    row = _rows(period, DRAFT).first()
    if row is None:
        row = PeriodReport(
            branch=current_branch(),
            period_code=period.code,
            period_label=period.label,
            state=DRAFT,
            figures={},
        )
    row.content = draft_to_json(draft)
    row.saved_at = _now()
    row.save()
    return row


def finish_report(
    period: ReportPeriod, draft: ReportDraft, *, today: dt.date | None = None
) -> FinishedReport:
    """定稿: store the report as it stands with the figures it states today; the period's
    draft becomes this 定稿 (the next draft starts from :func:`start_new_draft`)."""
    today = today or dt.date.today()
    parts = unfilled_parts(draft)
    if parts:
        raise documents.ReportUnfinished(parts)
    if not draft.title.strip() or not any(s.text.strip() for s in draft.sections):
        raise ValidationError("报告的标题或正文还是空的，不能定稿。", hint="请写好后再定稿。")
    if signer_missing(draft):  # never a 定稿 that would print a blank 签发人
        raise ValidationError(
            "上行文的红头要印签发人，还没有填写，不能定稿。",
            field="masthead_signer",
            hint="请填写签发人（一般是支部书记），或改选下行文。",
        )
    branch = current_branch()
    figures = documents.report_figures(period, today)
    # the key the packages of this 定稿 are signed with, made now in a data folder older
    # than signing: a 定稿 stored without it would never print the line to compare with
    fingerprint = signing_keys.ensure_fingerprint()
    at = _now()
    with user_action("finish_report", entity="period_report") as audit:
        row = _rows(period, DRAFT).first()
        if row is None:
            row = PeriodReport(branch=branch, period_code=period.code, period_label=period.label)
        row.state = FINISHED
        row.content = {**draft_to_json(draft), "fingerprint": fingerprint}
        row.figures = figures
        row.saved_at = at
        row.finished_at = at
        row.save()
        audit.entity_id = row.id
        audit.summary = f"报告定稿“{draft.title}”"
        audit.detail = {"period": period.code}
    return _finished(PeriodReport.get_by_id(row.id))


def start_new_draft(period: ReportPeriod, *, today: dt.date | None = None) -> SavedDraft:
    """A new draft from the 定稿's texts with today's figures; the 定稿 stays as it was.
    An existing draft of the period is returned as it is."""
    today = today or dt.date.today()
    kept = saved_draft(period)
    if kept is not None:
        return kept
    report = finished_report(period)
    if report is None:
        raise UserError(f"{period.label}的报告还没有定稿。")
    draft = with_todays_figures(report.draft, period, today)
    with user_action("start_report_draft", entity="period_report") as audit:
        row = _write_draft(period, draft)
        audit.entity_id = row.id
        audit.summary = f"按{format_date(today)}的记录另起报告草稿“{period.label}”"
    return SavedDraft(row.id, draft, row.saved_at)
