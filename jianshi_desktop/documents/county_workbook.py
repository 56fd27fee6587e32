"""县局汇总's workbook of a period (written through documents/workbook.py: nothing a school
wrote can run as a formula, nothing is left in a temp folder):

- 工作完成情况: one row a school (by name, never by score), one column an obligation; a
  cell says 「3/3 已完成」, 「1/3 已逾期」 with what is not done, 「1/1（缺8、9月）」 when part
  of the period was not sent, or 「缺报」 — the state in words, the colour only a help;
- 未报送: the schools whose package for the period is missing (未报送), covers only part of
  it (部分报送) or came late;
- 组织设置: the organisation facts across the county.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jianshi_desktop.documents.workbook import new_workbook, put, save_workbook
from jianshi_desktop.domain.county import (
    DONE,
    LATE_DAYS,
    MISSING,
    OVERDUE,
    PARTIAL,
    Cell,
    Matrix,
    OrgFact,
    periods_text,
)
from jianshi_desktop.domain.dates import format_date

NO_DATA = "缺报\n（报送包中没有这项的情况）"
NOT_OWED = "无此项"
FACT_KINDS = {
    "term_ending": "换届",
    "vacancy": "职务空缺",
    "size": "组织设置",
    "arrears": "党费",
    "no_report": "组织设置情况报告",
}
# a help, never the only sign
_FILLS = {DONE: "E2EFDA", OVERDUE: "FCE4D6", MISSING: "EDEDED", PARTIAL: "EDEDED"}
_LEGEND = (
    "说明：「3/3 已完成」即应完成3次、已完成3次（每个月、每个党小组分别计算，多开的不抵少开的）；"
    "未完成的注明对象（党小组、党员）和“补录”次数。「缺报」：没有收到这个期间的报送包，或收到的"
    "报送包中没有这项工作的情况（按季度、半年、全年计的工作只在相应期间的报送包中），情况不明，"
    "不算完成。「（缺8、9月）」：只收到其余期间的情况，次数只计收到的。"
    "报送包生成后期间已结束、仍未完成的记为“已逾期”。"
    "学校按名称排列，不排名次。"
)


def cell_text(cell: Cell | None, *, missing: bool = False) -> str:
    """What a matrix cell says, in words."""
    if cell is None and not missing:
        return NOT_OWED  # the school's packages show it did not owe this item
    if cell is None or not cell.has_data:
        return "缺报" if missing else NO_DATA
    text = f"{cell.done}/{cell.required}"
    text += "" if cell.state == PARTIAL else f" {cell.state_label}"
    if cell.missing_periods:
        text += f"（缺{periods_text(cell.missing_periods)}）"
    if cell.subjects_short:
        text += f"\n未完成：{'、'.join(cell.subjects_short)}"
    if cell.late_entries:
        text += f"\n其中补录{cell.late_entries}次"
    return text


def _day_text(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return format_date(dt.date.fromisoformat(iso))
    except ValueError:
        return iso


def submission_rows(
    matrix: Matrix, *, late_days: int = LATE_DAYS
) -> list[tuple[str, str, str, str]]:
    """未报送: (school, 情况, 报送包生成日期, 说明) for each school missing or late."""
    found = []
    for school in matrix.schools:
        made = _day_text(school.made_on)
        if school.missing and not school.package_ids:
            found.append((school.name, "未报送", "", f"没有收到{matrix.period_label}的报送包。"))
            continue
        if school.missing:
            found.append(
                (
                    school.name,
                    "部分报送",
                    made,
                    f"收到的报送包只涵盖{matrix.period_label}的一部分"
                    f"（已收到{len(school.package_ids)}个），"
                    + (
                        f"缺{periods_text(school.gaps)}的报送包。"
                        if school.gaps
                        else "其余期间没有收到。"
                    ),
                )
            )
        if school.late:
            found.append(
                (
                    school.name,
                    "逾期报送",
                    made,
                    f"报送包在其期间结束{late_days}天以后才生成。",
                )
            )
    return found


def _title(sheet: Any, row: int, text: str, width: int) -> None:
    from openpyxl.styles import Alignment, Font

    cell = put(sheet, row, 1, text)
    cell.font = Font(name="宋体", size=14, bold=True)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    sheet.row_dimensions[row].height = 28


class _Styles:
    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        thin = Side(style="thin")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name="宋体")
        self.bold = Font(name="宋体", bold=True)
        self.centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.header_fill = PatternFill("solid", fgColor="F2F2F2")
        self.fills = {state: PatternFill("solid", fgColor=rgb) for state, rgb in _FILLS.items()}

    def header(self, sheet: Any, row: int, values: Sequence[str]) -> None:
        for column, value in enumerate(values, start=1):
            cell = put(sheet, row, column, value)
            cell.font, cell.fill, cell.border, cell.alignment = (
                self.bold,
                self.header_fill,
                self.border,
                self.centre,
            )

    def body(self, sheet: Any, row: int, column: int, value: object, *, left: bool = False) -> Any:
        cell = put(sheet, row, column, value)
        cell.font, cell.border = self.font, self.border
        cell.alignment = self.left if left else self.centre
        return cell


def _page(sheet: Any, *, landscape: bool, title_rows: str) -> None:
    from openpyxl.worksheet.page import PageMargins

    sheet.print_title_rows = title_rows
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.print_options.horizontalCentered = True


def _matrix_sheet(sheet: Any, matrix: Matrix, styles: _Styles, today: dt.date) -> None:
    sheet.title = "工作完成情况"
    width = 2 + len(matrix.obligations)
    _title(sheet, 1, f"{matrix.period_label}各学校党支部工作完成情况", width)
    styles.header(
        sheet, 2, ["学校党支部", "报送包生成日期", *(label for _, label in matrix.obligations)]
    )
    for index, school in enumerate(matrix.schools, start=3):
        styles.body(sheet, index, 1, school.name, left=True)
        if not school.package_ids:
            made = "缺报"
        else:
            made = _day_text(school.made_on)
            notes = ["逾期"] if school.late else []
            notes += ["部分报送"] if school.missing else []
            made += f"\n（{'，'.join(notes)}）" if notes else ""
        styles.body(sheet, index, 2, made)
        for column, (key, _label) in enumerate(matrix.obligations, start=3):
            cell = school.cells.get(key)
            written = styles.body(
                sheet, index, column, cell_text(cell, missing=not school.package_ids)
            )
            fill = styles.fills.get(cell.state if cell else "")
            if fill is not None:
                written.fill = fill
    last = len(matrix.schools) + 3
    if not matrix.schools:
        put(sheet, last, 1, "还没有收到任何学校的报送包。")
        last += 1
    legend = put(sheet, last + 1, 1, _LEGEND)
    legend.alignment = styles.left
    sheet.merge_cells(
        start_row=last + 1, start_column=1, end_row=last + 1, end_column=max(width, 4)
    )
    sheet.row_dimensions[last + 1].height = 60
    put(sheet, last + 2, 1, f"制表日期：{format_date(today)}")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 14
    for column in range(3, width + 1):
        sheet.column_dimensions[sheet.cell(2, column).column_letter].width = 13
    sheet.freeze_panes = "C3"
    _page(sheet, landscape=True, title_rows="1:2")


def _submission_sheet(sheet: Any, matrix: Matrix, styles: _Styles, late_days: int) -> None:
    _title(sheet, 1, f"{matrix.period_label}报送包未报送、逾期报送情况", 4)
    styles.header(sheet, 2, ["学校党支部", "情况", "报送包生成日期", "说明"])
    rows = submission_rows(matrix, late_days=late_days)
    for index, values in enumerate(rows, start=3):
        for column, value in enumerate(values, start=1):
            styles.body(sheet, index, column, value, left=column in (1, 4))
    if not rows and matrix.schools:
        put(sheet, 3, 1, f"各学校党支部{matrix.period_label}的报送包都已收到，没有逾期报送的。")
    put(
        sheet,
        len(rows) + 4,
        1,
        f"逾期：报送包在其期间结束{late_days}天以后生成（按报送包中的生成时间）。",
    )
    for letter, size in zip("ABCD", (28, 16, 16, 48), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.freeze_panes = "A3"
    _page(sheet, landscape=False, title_rows="1:2")


def _facts_sheet(sheet: Any, facts: Sequence[OrgFact], styles: _Styles, today: dt.date) -> None:
    _title(sheet, 1, "各学校党支部组织设置情况", 4)
    styles.header(sheet, 2, ["学校党支部", "类别", "情况", "期限"])
    for index, fact in enumerate(facts, start=3):
        styles.body(sheet, index, 1, fact.school, left=True)
        styles.body(sheet, index, 2, FACT_KINDS.get(fact.kind, fact.kind))
        styles.body(sheet, index, 3, fact.text, left=True)
        styles.body(sheet, index, 4, format_date(fact.due) if fact.due else "")
    if not facts:
        put(sheet, 3, 1, "收到的报送包中没有发现需要关注的组织设置情况。")
    put(
        sheet,
        len(facts) + 4,
        1,
        f"据每所学校有效的报送包（最近的组织设置情况报告和党员名册），截至{format_date(today)}。",
    )
    for letter, size in zip("ABCD", (28, 16, 60, 16), strict=True):
        sheet.column_dimensions[letter].width = size
    sheet.freeze_panes = "A3"
    _page(sheet, landscape=False, title_rows="1:2")


def _book(matrix: Matrix, facts: Sequence[OrgFact], today: dt.date, late_days: int) -> Any:
    book = new_workbook()
    styles = _Styles()
    _matrix_sheet(book.active, matrix, styles, today)
    _submission_sheet(book.create_sheet("未报送"), matrix, styles, late_days)
    _facts_sheet(book.create_sheet("组织设置"), facts, styles, today)
    return book


def matrix_workbook(
    matrix: Matrix,
    facts: Sequence[OrgFact],
    path: Path,
    *,
    today: dt.date,
    late_days: int = LATE_DAYS,
) -> None:
    """Write the workbook to ``path`` (.xlsx; a UserError in Chinese when it cannot)."""
    save_workbook(_book(matrix, facts, today, late_days), Path(path))
