"""县局汇总's outputs for a period: the 通报 drafted from the matrix and the organisation
facts for the operator to edit, and the county summary table.

The operator's edited 通报 is kept as a setting keyed by the period's code
(``county_notice:<code>``) until they replace it with a fresh draft (as services.awards
keeps the 推荐材料).
"""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.documents import county as documents_county
from jianshi_desktop.documents.county import NoticeContent
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.documents.model import Document
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import county_aggregate
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.settings import read_value, write_value

TITLE_MAX = 100
NUMBER_MAX = 40
TEXT_MAX = 20000  # each section


def notice_key(period: ReportPeriod) -> str:
    return f"county_notice:{period.code}"


def notice_draft(period: ReportPeriod, *, today: dt.date) -> NoticeContent:
    """A fresh draft of the period's 通报 from the packages received (nothing kept)."""
    packages = county_aggregate.current_packages()
    matrix = county_aggregate.matrix(period, today=today, packages=packages)
    facts = county_aggregate.organisation_facts(today=today, packages=packages)
    return documents_county.draft_notice(matrix, facts, today=today)


def saved_notice(period: ReportPeriod) -> NoticeContent | None:
    """The 通报 the operator kept for the period, or None."""
    return NoticeContent.from_value(read_value(notice_key(period)))


def notice_content(period: ReportPeriod, *, today: dt.date) -> tuple[NoticeContent, bool]:
    """The kept 通报 (True) or a fresh draft (False)."""
    kept = saved_notice(period)
    if kept is not None:
        return kept, True
    return notice_draft(period, today=today), False


def checked_notice(content: NoticeContent) -> NoticeContent:
    """The content as it would be kept and printed, or a ValidationError in Chinese."""
    c = content.cleaned()
    if not c.title:
        raise ValidationError("请填写通报的标题。", field="title")
    if len(c.title) > TITLE_MAX:
        raise ValidationError(f"标题最多{TITLE_MAX}个字。", field="title")
    if len(c.document_number) > NUMBER_MAX:
        raise ValidationError(f"发文字号最多{NUMBER_MAX}个字。", field="document_number")
    if not c.signer:
        raise ValidationError("请填写署名（发文机关）。", field="signer")
    if not (c.overview or c.good or c.problems or c.requirements):
        raise ValidationError("通报的正文是空的，请至少填写一部分。", field="overview")
    for name, heading in documents_county.SECTIONS:
        if len(getattr(c, name)) > TEXT_MAX:
            raise ValidationError(f"“{heading}”最多{TEXT_MAX}个字。", field=name)
    return c


def save_notice(period: ReportPeriod, content: NoticeContent) -> NoticeContent:
    """Keep the edited 通报 (audited) until it is replaced; returns what was kept."""
    kept = checked_notice(content)
    with user_action("save_county_notice", entity="setting") as audit:
        write_value(notice_key(period), kept.as_value())
        audit.summary = f"保存通报：{kept.title}"
    return kept


def notice_document(content: NoticeContent) -> Document:
    """The 通报 as printed (Word, PDF, 打印)."""
    return documents_county.notice_document(checked_notice(content))


def notice_stem(content: NoticeContent) -> str:
    """The file name: the title (关于…的通报)."""
    return safe_file_name(content.title.strip() or "通报")


def summary_document(period: ReportPeriod, *, today: dt.date) -> Document:
    """全县教育系统党支部工作落实情况汇总表 of the period."""
    packages = county_aggregate.current_packages()
    matrix = county_aggregate.matrix(period, today=today, packages=packages)
    facts = county_aggregate.organisation_facts(today=today, packages=packages)
    return documents_county.summary_document(matrix, facts, today=today)


def summary_stem(period: ReportPeriod) -> str:
    return safe_file_name(f"{period.label}全县教育系统党支部工作落实情况汇总表")
