"""导入工资表: choose the school's wage list, see what it would change, then import.

As the roster import (``gui/members/roster_import.py``): the workbook is read off the GUI
thread; a file that cannot be read is a plain message; the preview says row by row what
importing would do (新增, 修改, 不变, 有问题) before anything is saved; 导入 saves the
valid rows, 保存问题行… writes the others to a workbook to fix, 取消 saves nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dues import format_yuan
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import GuardedDialog
from jianshi_desktop.gui.common.widgets import (
    ERROR_MARK,
    make_primary,
    prepare_table,
    scaled_font,
    set_role,
)
from jianshi_desktop.gui.common.workers import Task, run_in_background
from jianshi_desktop.gui.members.roster_import import (
    PROBLEM_BACKGROUND,
    PROBLEM_SUFFIX,
    PROBLEM_TEXT,
    XLSX_FILTER,
    start_folder,
    with_xlsx,
)
from jianshi_desktop.services.dues_bases import (
    WageAction,
    WagePreview,
    WageRow,
    apply_wage_list,
    preview_wage_list,
    write_problem_rows,
)

log = logging.getLogger(__name__)

HEADERS = ("Excel 行号", "姓名", "处理", "原基数（元）", "新基数（元）", "说明")
ROW, NAME, ACTION, OLD, NEW, NOTE = range(6)


def choose_and_preview(
    parent: QWidget, year: int, *, on_preview: Callable[[WagePreview], None]
) -> Task[WagePreview] | None:
    """导入工资表…: ask for a workbook and read it off the GUI thread (None: no file)."""
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        f"选择{year}年的工资表",
        str(start_folder()),
        XLSX_FILTER,
        options=QFileDialog.Option.HideNameFilterDetails,
    )
    if not name:
        return None
    path = Path(name)
    log.info("Previewing wage list %s", path)
    return run_in_background(
        parent,
        lambda _progress: preview_wage_list(path, year),
        on_success=on_preview,
        title="导入工资表",
        text=f"正在读取“{path.name}”……",
        failure_title="无法导入工资表",
    )


def summary_text(preview: WagePreview) -> str:
    counts = preview.counts()
    problem = counts[WageAction.PROBLEM]
    others = counts[WageAction.NOT_MEMBER]
    return (
        f"将新增 {counts[WageAction.NEW]} 名，修改 {counts[WageAction.UPDATE]} 名，"
        f"不变 {counts[WageAction.UNCHANGED]} 名，有问题 {problem} 行"
        + ("（不会导入）" if problem else "")
        + (f"；另有 {others} 人不是本支部党员，已跳过" if others else "")
        + "。"
    )


def note_text(row: WageRow) -> str:
    if row.problems:  # 「岗位工资「两千」不是金额」 names its column already
        return "\n".join(
            f"{ERROR_MARK}{p.message}"
            if p.column and p.message.startswith(p.column)
            else f"{ERROR_MARK}{p.column or '整行'}：{p.message}"
            for p in row.problems
        )
    if row.action is WageAction.UNCHANGED:
        return "与已核定的基数相同"
    if row.action is WageAction.NOT_MEMBER:
        return "工资表中的其他教职工，不导入"
    return f"类别：{row.category.label}"


class WageImportDialog(GuardedDialog):
    """The preview of a wage list: what importing it would do, row by row."""

    def __init__(self, parent: QWidget | None, preview: WagePreview) -> None:
        super().__init__(parent)
        self.preview = preview
        self.result_text = ""
        self.task: Task[int] | None = None
        self.setWindowTitle(f"导入工资表 — {preview.path.name}")
        self.setObjectName("wageImportDialog")
        layout = QVBoxLayout(self)
        parts = "＋".join(f"“{name}”" for name in preview.base_columns)
        how = "列" if len(preview.base_columns) == 1 else "相加"
        intro = QLabel(
            f"文件“{preview.path.name}”，工作表“{preview.sheet}”，表头在第{preview.header_row}行。"
            f"{preview.year}年的月基数按{parts}{how}。下面是导入后的结果，现在还没有保存任何内容。",
            self,
        )
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        self.summary_label = QLabel(summary_text(preview), self)
        self.summary_label.setFont(scaled_font(1.1, bold=True))
        layout.addWidget(self.summary_label)
        if preview.problem_rows:
            details = QLabel(
                "有问题的行不会导入，其余的行照常导入。可以点“保存问题行…”把它们存成一个工作簿，"
                "按“问题说明”改好后再导入那个文件。",
                self,
            )
            details.setWordWrap(True)
            layout.addWidget(details)
        self.table = QTableWidget(len(preview.rows), len(HEADERS), self)
        self.table.setObjectName("wagePreviewTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        header = prepare_table(self.table, "工资表导入预览")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._fill()
        advance = self.fontMetrics().horizontalAdvance
        for column, sample in (
            (ROW, HEADERS[ROW]),
            (NAME, "欧阳明明明"),
            (ACTION, "有问题"),
            (OLD, HEADERS[OLD]),
            (NEW, HEADERS[NEW]),
        ):
            header.resizeSection(column, advance(sample) + 32)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        # rows as tall as their 说明 at the width the column finally gets
        header.sectionResized.connect(lambda column, _old, _new: self._resize_rows(column))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton("导入", QDialogButtonBox.ButtonRole.AcceptRole)
        make_primary(self.import_button)
        counts = preview.counts()
        to_import = counts[WageAction.NEW] + counts[WageAction.UPDATE]
        self.import_button.setEnabled(to_import > 0)
        self.save_problems_button = buttons.addButton(
            "保存问题行…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_problems_button.setEnabled(bool(preview.problem_rows))
        self.save_problems_button.setToolTip(
            "把有问题的行存成一个 Excel 工作簿（带“问题说明”），改好后可以再导入"
        )
        self.save_problems_button.clicked.connect(self.save_problem_rows)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText("取消" if to_import else "关闭")
        if not to_import:
            nothing = QLabel(
                "工资表里的基数与已核定的相同，已是最新，不需要导入。"
                if not preview.problem_rows
                else "没有可以导入的行：每一行都有问题或与已核定的相同。",
                self,
            )
            nothing.setWordWrap(True)
            set_role(nothing, "notice")
            layout.addWidget(nothing)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 900, 600
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def _resize_rows(self, column: int = NOTE) -> None:
        """Rows as tall as their 说明, never lower than a line of the other lists."""
        if column != NOTE:
            return
        table = self.table
        line = table.fontMetrics().height() + 12
        table.resizeRowsToContents()
        for row in range(table.rowCount()):
            if table.rowHeight(row) < line:
                table.setRowHeight(row, line)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._resize_rows()

    def _fill(self) -> None:
        for number, row in enumerate(self.preview.rows):
            texts = {
                ROW: str(row.row),
                NAME: row.name or "（空）",
                ACTION: row.action.label,
                OLD: "" if row.old_base_fen is None else format_yuan(row.old_base_fen),
                NEW: "" if row.base_fen is None else format_yuan(row.base_fen),
                NOTE: note_text(row),
            }
            for column, text in texts.items():
                item = QTableWidgetItem(text)
                if column in (ROW, OLD, NEW):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row.action is WageAction.PROBLEM:
                    item.setBackground(QBrush(PROBLEM_BACKGROUND))
                    if column in (ACTION, NOTE):
                        item.setForeground(QBrush(PROBLEM_TEXT))
                self.table.setItem(number, column, item)

    def save(self) -> None:
        """导入: the new and changed bases, in one action."""
        if not self.import_button.isEnabled():
            return
        try:
            result = apply_wage_list(self.preview)
        except UserError as exc:
            messages.show_error(self, exc, title="导入没有完成")
            return
        self.result_text = result.text
        parent = self.parentWidget()
        self.accept()
        hint = (
            f"有问题的 {result.skipped} 行没有导入；改好后再导入一次即可。"
            if result.skipped
            else ""
        )
        messages.information(parent, result.text, title="导入完成", hint=hint)

    def problem_rows_path(self) -> Path:
        source = self.preview.path
        return source.with_name(f"{source.stem}{PROBLEM_SUFFIX}.xlsx")

    def save_problem_rows(self) -> Task[int] | None:
        """保存问题行…: the problem rows as a workbook, to fix and import again."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "保存问题行",
            str(self.problem_rows_path()),
            XLSX_FILTER,
            options=QFileDialog.Option.HideNameFilterDetails,
        )
        if not name:
            return None
        path = with_xlsx(name)
        if path.resolve() == self.preview.path.resolve():
            messages.warning(
                self,
                "不能把问题行存到原来的工资表上，那样会丢掉其他的行。",
                title="请换一个文件名",
                hint=f"请换一个文件名，例如“{self.problem_rows_path().name}”。",
            )
            return None
        preview = self.preview

        def written(count: int) -> None:
            messages.information(
                self,
                f"已把 {count} 行有问题的内容存到“{path}”。",
                title="问题行已保存",
                hint="请在 Excel 或 WPS 中打开它，按最后一列“问题说明”改好，"
                "保存后点“导入工资表…”导入这个文件。",
            )

        self.task = run_in_background(
            self,
            lambda _progress: write_problem_rows(preview, path),
            on_success=written,
            failure_title="无法保存问题行",
            title="保存问题行",
            text=f"正在保存“{path.name}”……",
        )
        return self.task
