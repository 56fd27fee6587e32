"""The package's workbooks besides the 花名册 (which is ``services.roster.export_roster``),
written through :mod:`jianshi_desktop.documents.workbook`: text that looks like a formula
(a 党小组 named ``=HYPERLINK(…)``) stays plain text, and nothing is left in a temp folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jianshi_desktop.documents.workbook import append, new_workbook, save_workbook

COMPLIANCE_HEADERS = ("工作要求", "期间", "对象", "应完成", "已完成", "其中补录", "状态", "依据")
_COMPLIANCE_WIDTHS = (18, 18, 12, 8, 8, 8, 10, 24)
_COMPLIANCE_KEYS = (
    "obligation", "period", "subject", "required", "done", "late_entries", "state_label", "source",
)  # fmt: skip


def compliance_workbook(rows: list[dict[str, Any]], path: Path, title: str) -> None:
    """工作要求完成情况.xlsx: a title row, the header, one row an obligation and period."""
    book = new_workbook()
    sheet = book.active
    sheet.title = "完成情况"
    append(sheet, [title])
    append(sheet, COMPLIANCE_HEADERS)
    for row in rows:
        append(sheet, [row[key] for key in _COMPLIANCE_KEYS])
    for column, width in zip("ABCDEFGH", _COMPLIANCE_WIDTHS, strict=True):
        sheet.column_dimensions[column].width = width
    save_workbook(book, Path(path))
