"""The Excel 花名册 in the GUI: 导入花名册 (choose, preview, import) and 导出花名册.

Import is the service's two steps with a look in between: :func:`choose_and_preview`
asks for an ``.xlsx`` and reads it off the GUI thread (:func:`services.roster.preview_import`);
a file that cannot be read is a plain message and nothing else happens. The
:class:`RosterImportDialog` then shows what importing would do, row by row, before
anything is saved: 导入 saves the valid rows in one transaction, 另存问题行… writes the
problem rows to a workbook to fix and import again, 取消 saves nothing.

:class:`RosterExportDialog` asks where to save (the branch's name as the file name) and
whether to hide the middle of the ID numbers, and writes off the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QWidget,
)

from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.domain.idcard import mask_id_number
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child
from jianshi_desktop.gui.common.table_models import RowsModel
from jianshi_desktop.gui.common.widgets import ERROR_MARK, WARNING_MARK, scaled_font, set_role
from jianshi_desktop.gui.common.workers import Task, run_in_background
from jianshi_desktop.gui.members.base import FormDialog
from jianshi_desktop.services.branch import branch_info
from jianshi_desktop.services.members import roster_counts
from jianshi_desktop.services.roster import (
    ImportPreview,
    ImportResult,
    PreviewRow,
    RowAction,
    RowProblem,
    apply_import,
    export_roster,
    preview_import,
    write_problem_rows,
)

log = logging.getLogger(__name__)

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
PROBLEM_SUFFIX = "-问题行"
ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_ROWS_LISTED = 8

PROBLEM_BACKGROUND = QColor("#FDECEC")
PROBLEM_TEXT = QColor("#9E1016")
WARNING_TEXT = QColor("#7A4F00")
UPDATE_TEXT = QColor("#1F4E8C")

_last_folder: Path | None = None  # where the last roster came from or went to (this session)


def _remember_folder(path: Path) -> None:
    global _last_folder
    _last_folder = path.parent


def start_folder() -> Path:
    """Where the file dialogs open: the last roster's folder, else 文档."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def with_xlsx(name: str) -> Path:
    """The chosen file name, with ``.xlsx`` added when the user left it out."""
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


# ---------------------------------------------------------------------------- texts


def _rows_text(rows: list[int]) -> str:
    shown = "、".join(str(r) for r in rows[:MAX_ROWS_LISTED])
    more = f"等{len(rows)}行" if len(rows) > MAX_ROWS_LISTED else "行"
    return f"第{shown}{more}"


def summary_text(preview: ImportPreview) -> str:
    """将新增 N 名，更新 N 名，无变化 N 名，有问题 N 行（不会导入）。"""
    counts = preview.counts()
    problem = counts[RowAction.PROBLEM.value]
    return (
        f"将新增 {counts[RowAction.NEW.value]} 名，更新 {counts[RowAction.UPDATE.value]} 名，"
        f"无变化 {counts[RowAction.UNCHANGED.value]} 名，有问题 {problem} 行"
        + ("（不会导入）。" if problem else "。")
    )


def details_text(preview: ImportPreview) -> str:
    """What else the secretary should know: warnings, skipped lines, ignored columns."""
    parts: list[str] = []
    if preview.problem_rows:
        parts.append(
            "有问题的行不会导入，其余的行照常导入。可以点“另存问题行…”把它们存成一个工作簿，"
            "按“问题说明”改好后再导入那个文件。"
        )
    warnings = [p for r in preview.rows if r.action is not RowAction.PROBLEM for p in r.warnings]
    if warnings:
        parts.append(f"另有 {len(warnings)} 条提示，不影响导入，见“说明”一栏。")
    by_reason: dict[str, list[int]] = {}
    for line in preview.sheet.skipped:
        by_reason.setdefault(line.reason, []).append(line.row)
    for reason, rows in by_reason.items():
        parts.append(f"{_rows_text(rows)}是{reason}，不是党员信息，已跳过。")
    ignored = preview.sheet.ignored_columns
    if ignored:
        names = "、".join(f"“{name}”" for name in ignored)
        parts.append(f"{names}列不是花名册的内容，不导入。")
    return "\n".join(parts)


def problem_text(problem: RowProblem) -> str:
    """列名：说明 — errors marked ！, warnings 提示：."""
    mark = ERROR_MARK if problem.is_error else WARNING_MARK
    return f"{mark}{problem.column or '整行'}：{problem.message}"


def note_text(row: PreviewRow) -> str:
    """The 说明 of a row: every problem, or what an update changes."""
    lines = [problem_text(p) for p in row.errors]
    if row.action is RowAction.UPDATE:
        lines += [f"{c.label}：{c.old} → {c.new}" for c in row.changes]
    elif row.action is RowAction.UNCHANGED:
        lines.append("与已登记的信息相同")
    lines += [problem_text(p) for p in row.warnings]
    return "\n".join(lines)


def nothing_to_import_text(preview: ImportPreview) -> str:
    counts = preview.counts()
    if counts[RowAction.NEW.value] or counts[RowAction.UPDATE.value]:
        return ""
    if preview.problem_rows:
        return (
            "没有可以导入的行：每一行都有问题或与已登记的相同。请点“另存问题行…”，"
            "改好后再导入那个文件。"
        )
    return "花名册里的党员信息与已登记的完全相同，不需要导入。"


def result_text(result: ImportResult) -> str:
    return (
        f"花名册已导入：新增 {result.added} 名，更新 {result.updated} 名，"
        f"无变化 {result.unchanged} 名。"
    )


# ---------------------------------------------------------------------------- table


class PreviewModel(RowsModel[PreviewRow]):
    """The preview, one line a row of the workbook, in the workbook's order."""

    ROW, NAME, ID_NUMBER, ACTION, NOTE = range(5)
    HEADERS = ("Excel 行号", "姓名", "身份证号码", "处理", "说明")

    def __init__(self, preview: ImportPreview, parent: QWidget | None = None) -> None:
        super().__init__(preview.rows, parent)
        self.preview = preview
        self._notes = [note_text(row) for row in self._rows]
        id_col = preview.sheet.columns.get("id_number")
        self._ids = [_shown_id(row, id_col) for row in self._rows]
        self._error_icon = problem_icon()
        self._bold = QFont()
        self._bold.setBold(True)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number, column = index.row(), index.column()
        row = self._rows[number]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(number, row, column)
        if role == ACTION_ROLE:
            return row.action.value
        if role == Qt.ItemDataRole.ToolTipRole and column == self.NOTE:
            return self._notes[number] or None
        if role == Qt.ItemDataRole.DecorationRole and column == self.ACTION and row.errors:
            return self._error_icon
        if role == Qt.ItemDataRole.FontRole and column == self.ACTION and row.errors:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole and row.action is RowAction.PROBLEM:
            return QBrush(PROBLEM_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            vertical = Qt.AlignmentFlag.AlignVCenter
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column == self.ROW else Qt.AlignmentFlag.AlignLeft
            )
            return int(vertical | horizontal)
        return None

    def _display(self, number: int, row: PreviewRow, column: int) -> str:
        if column == self.ROW:
            return str(row.row)
        if column == self.NAME:
            return row.fields.name or "（空）"
        if column == self.ID_NUMBER:
            return self._ids[number]
        if column == self.ACTION:
            return row.action.label
        return self._notes[number]

    def _foreground(self, row: PreviewRow, column: int) -> QBrush | None:
        if row.action is RowAction.PROBLEM and column in (self.ACTION, self.NOTE):
            return QBrush(PROBLEM_TEXT)
        if column == self.NOTE and row.warnings:
            return QBrush(WARNING_TEXT)
        if column == self.ACTION and row.action is RowAction.UPDATE:
            return QBrush(UPDATE_TEXT)
        return None


def problem_icon() -> QIcon:
    """The sign beside 有问题 (with the text and the colour: never colour alone)."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def _shown_id(row: PreviewRow, id_col: int | None) -> str:
    """The ID number masked: as read when it is valid, else as typed in the file."""
    number = row.fields.id_number
    if not number and id_col is not None and id_col < len(row.values):
        raw = row.values[id_col]
        number = "" if raw is None else str(raw).strip()
    return mask_id_number(number) if number else ""


class ActionFilter(QSortFilterProxyModel):
    """Shows the rows of one action (新增, 更新 …), or all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action: RowAction | None = None

    def set_action(self, action: RowAction | None) -> None:
        self.beginFilterChange()
        self.action = action
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self.action is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return bool(index.data(ACTION_ROLE) == self.action.value)


# ---------------------------------------------------------------------------- import


def choose_and_preview(
    parent: QWidget, *, on_preview: Callable[[ImportPreview], None]
) -> Task[ImportPreview] | None:
    """导入花名册…: ask for a workbook and read it off the GUI thread.

    ``on_preview`` gets the preview; a file that cannot be read is shown as a message.
    None when the user closed the file dialog.
    """
    name, _filter = QFileDialog.getOpenFileName(
        parent,
        "选择要导入的花名册",
        str(start_folder()),
        XLSX_FILTER,
        options=QFileDialog.Option.HideNameFilterDetails,
    )
    if not name:
        return None
    path = Path(name)
    _remember_folder(path)
    log.info("Previewing roster %s", path)
    return run_in_background(
        parent,
        lambda _progress: preview_import(path),
        on_success=on_preview,
        title="导入花名册",
        text=f"正在读取“{path.name}”……",
        failure_title="无法导入花名册",
    )


class RosterImportDialog(FormDialog):
    """The preview: what importing the workbook will do, row by row; nothing saved yet."""

    form_name = "roster_import_dialog"

    def __init__(self, parent: QWidget | None, preview: ImportPreview) -> None:
        super().__init__(parent)
        self.preview = preview
        self.import_result: ImportResult | None = None
        self.task: Task[Any] | None = None
        self.setWindowTitle(f"导入花名册 — {preview.path.name}")
        sheet = preview.sheet
        self.intro_label = self.label("introLabel")
        self.intro_label.setText(
            f"文件“{preview.path.name}”，工作表“{sheet.sheet}”，表头在第{sheet.header_row}行，"
            f"共 {len(preview.rows)} 行党员信息。下面是导入后的结果，现在还没有保存任何内容。"
        )
        set_role(self.intro_label, "hint")
        self.summary_label = self.label("summaryLabel")
        self.summary_label.setText(summary_text(preview))
        self.summary_label.setFont(scaled_font(1.1, bold=True))
        self.details_label = self.label("detailsLabel")
        details = details_text(preview)
        self.details_label.setText(details)
        self.details_label.setVisible(bool(details))
        self.nothing_label = self.label("nothingLabel")
        nothing = nothing_to_import_text(preview)
        self.nothing_label.setText(nothing)
        self.nothing_label.setVisible(bool(nothing))
        set_role(self.nothing_label, "notice")

        self.model = PreviewModel(preview, self)
        self.proxy = ActionFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = child(self.ui, QTableView, "previewTable")
        self._set_up_table()
        self.filter_buttons = self._set_up_filters()

        self.import_button = self._wire_primary("导入")
        counts = preview.counts()
        to_import = counts[RowAction.NEW.value] + counts[RowAction.UPDATE.value]
        self.import_button.setEnabled(to_import > 0)
        self.import_button.setToolTip(
            f"保存新增的 {counts[RowAction.NEW.value]} 名和更新的 "
            f"{counts[RowAction.UPDATE.value]} 名党员；有问题的行不会导入。"
        )
        self.save_problems_button = self.buttons.addButton(
            "另存问题行…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_problems_button.setEnabled(bool(preview.problem_rows))
        self.save_problems_button.setToolTip(
            "把有问题的行存成一个 Excel 工作簿（带“问题说明”），改好后可以再导入"
        )
        self.save_problems_button.clicked.connect(self.save_problem_rows)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if not to_import:
            self.cancel_button.setText("关闭")
            self.cancel_button.setDefault(True)
        self._fit_to_screen()

    # --- building -----------------------------------------------------------------------

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        table.setAccessibleName("导入预览")
        table.verticalHeader().setVisible(False)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setStretchLastSection(True)
        # Fixed widths from the font, with room to breathe; 说明 takes the rest and wraps.
        advance = table.fontMetrics().horizontalAdvance
        names = [row.fields.name for row in self.preview.rows[:300]]
        widths = {
            PreviewModel.ROW: advance(PreviewModel.HEADERS[0]) + 24,
            PreviewModel.NAME: min(max(advance(n) for n in ["姓名", *names]), advance("正") * 8)
            + 28,
            PreviewModel.ID_NUMBER: advance("422822********116X") + 28,
            PreviewModel.ACTION: advance("有问题") + table.iconSize().width() + 16 + 40,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # Rows are as tall as their 说明 at the width it finally gets.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(30)
        self._rows_timer.timeout.connect(self._resize_rows)
        header.sectionResized.connect(lambda column, _old, _new: self._schedule_rows(column))
        self._line_height = table.fontMetrics().height() + 8
        table.verticalHeader().setDefaultSectionSize(self._line_height)

    def _set_up_filters(self) -> dict[RowAction | None, QPushButton]:
        counts = self.preview.counts()
        group = QButtonGroup(self)  # kept by the dialog, its parent
        group.setExclusive(True)
        buttons: dict[RowAction | None, QPushButton] = {
            None: child(self.ui, QPushButton, "allFilterButton")
        }
        buttons[None].setText(f"全部 {len(self.preview.rows)}")
        for action in RowAction:
            button = child(self.ui, QPushButton, f"{action.value}FilterButton")
            count = counts[action.value]
            button.setText(f"{action.label} {count}")
            if action is RowAction.PROBLEM and count:
                button.setIcon(problem_icon())
            button.setEnabled(count > 0)
            buttons[action] = button
        for shown, button in buttons.items():
            group.addButton(button)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, a=shown: self.show_only(a))
        return buttons

    def _resize_rows(self) -> None:
        """Only rows whose 说明 takes more than one line grow (a 1,000-row roster stays
        quick: most rows are one line)."""
        table = self.table
        width = table.horizontalHeader().sectionSize(PreviewModel.NOTE) - 12
        advance = table.fontMetrics().horizontalAdvance
        for row in range(self.proxy.rowCount()):
            note = str(self.proxy.index(row, PreviewModel.NOTE).data() or "")
            if "\n" in note or advance(note) > width:
                table.resizeRowToContents(row)
            elif table.rowHeight(row) != self._line_height:
                table.setRowHeight(row, self._line_height)

    def _schedule_rows(self, column: int) -> None:
        if column == PreviewModel.NOTE:
            self._rows_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._rows_timer.start()

    def _fit_to_screen(self) -> None:
        """Wide enough for the 说明 column, never larger than the screen (1366×768)."""
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = 1060, 640
        if screen is not None:
            width = min(width, screen.width() - 40)
            height = min(height, screen.height() - 60)
        self.resize(width, height)

    # --- what the user does --------------------------------------------------------------

    def show_only(self, action: RowAction | None) -> None:
        """The filter buttons: only the rows of ``action`` (None: all)."""
        self.filter_buttons[action].setChecked(True)
        self.proxy.set_action(action)
        self._resize_rows()

    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def save(self) -> None:
        """导入: the valid rows in one transaction, off the GUI thread."""
        if self.busy() or not self.import_button.isEnabled():
            return
        self._set_buttons_enabled(False)
        preview = self.preview
        self.task = run_in_background(
            self,
            lambda _progress: apply_import(preview),
            on_success=self._imported,
            on_failure=self._import_failed,
            title="导入花名册",
            text="正在保存党员信息……",
        )

    def _imported(self, result: ImportResult) -> None:
        self.import_result = result
        parent = self.parentWidget()
        self.accept()  # the page reloads the roster now, behind the message
        hint = (
            f"有问题的 {result.skipped} 行没有导入；改好后再导入一次即可，"
            "已导入的党员会显示为“无变化”。"
            if result.skipped
            else ""
        )
        messages.information(parent, result_text(result), title="导入完成", hint=hint)

    def _import_failed(self, exc: BaseException) -> None:
        self._set_buttons_enabled(True)
        messages.show_error(self, exc, title="导入没有完成")

    def _set_buttons_enabled(self, enabled: bool) -> None:
        counts = self.preview.counts()
        can_import = counts[RowAction.NEW.value] + counts[RowAction.UPDATE.value] > 0
        self.import_button.setEnabled(enabled and can_import)
        self.save_problems_button.setEnabled(enabled and bool(self.preview.problem_rows))
        self.cancel_button.setEnabled(enabled)

    def problem_rows_path(self) -> Path:
        source = self.preview.path
        return source.with_name(f"{source.stem}{PROBLEM_SUFFIX}.xlsx")

    def save_problem_rows(self) -> Task[int] | None:
        """另存问题行…: the problem rows as a workbook beside the source, to fix and re-import."""
        if self.busy() or not self.preview.problem_rows:
            return None
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "另存问题行",
            str(self.problem_rows_path()),
            XLSX_FILTER,
            options=QFileDialog.Option.HideNameFilterDetails,
        )
        if not name:
            return None
        path = with_xlsx(name)
        if _same_file(path, self.preview.path):
            messages.warning(
                self,
                "不能把问题行存到原来的花名册上，那样会丢掉其他的行。",
                title="请换一个文件名",
                hint=f"请换一个文件名，例如“{self.problem_rows_path().name}”。",
            )
            return None
        preview = self.preview
        self._set_buttons_enabled(False)

        def written(count: int) -> None:
            self._set_buttons_enabled(True)
            messages.information(
                self,
                f"已把 {count} 行有问题的内容存到“{path}”。",
                title="问题行已保存",
                hint="请在 Excel 或 WPS 中打开它，按最后一列“问题说明”改好，"
                "保存后点“导入花名册…”导入这个文件。",
            )

        def failed(exc: BaseException) -> None:
            self._set_buttons_enabled(True)
            messages.show_error(self, exc, title="无法保存问题行")

        self.task = run_in_background(
            self,
            lambda _progress: write_problem_rows(preview, path),
            on_success=written,
            on_failure=failed,
            title="另存问题行",
            text=f"正在保存“{path.name}”……",
        )
        return self.task

    def reject(self) -> None:
        if self.busy():
            return  # the import runs to its end (one transaction); then the dialog closes
        super().reject()


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False


# ---------------------------------------------------------------------------- export


MASKED_SUFFIX = "（隐去个人信息）"


def default_export_name(*, masked: bool = False) -> str:
    """「<支部名称>党员花名册.xlsx」, safe as a Windows file name; a masked copy is named
    apart, so that it never replaces the full roster by accident."""
    info = branch_info()
    branch = info.name if info is not None else ""
    suffix = MASKED_SUFFIX if masked else ""
    return safe_file_name(f"{branch}党员花名册{suffix}", default="党员花名册") + ".xlsx"


class RosterExportDialog(FormDialog):
    """导出花名册: where to save it, and whether to hide the middle of the ID numbers."""

    form_name = "roster_export_dialog"

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出花名册")
        self.saved_path: Path | None = None
        self.count = 0
        self.task: Task[int] | None = None
        active = roster_counts().active
        intro = self.label("introLabel")
        intro.setText(
            f"把在册的 {active} 名党员导出为 Excel 花名册：标题、表头，每人一行，"
            "可以直接打印，也可以改好后再导入。"
        )
        self.name_edit = child(self.ui, QLineEdit, "nameEdit")
        self.folder_label = self.label("folderLabel")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_button = child(self.ui, QPushButton, "changeButton")
        self.change_button.setAutoDefault(False)
        self.change_button.setToolTip("选择保存的位置和文件名")
        self.change_button.clicked.connect(self.choose_path)
        self.mask_check = child(self.ui, QCheckBox, "maskCheck")
        self.mask_check.toggled.connect(self._mask_toggled)
        set_role(self.label("maskHint"), "hint")
        self.folder = start_folder()
        self._confirmed = False  # the file dialog has asked about replacing the file
        self._named = False  # the user chose a name: 隐去 no longer renames the file
        self.set_path(self.folder / default_export_name(), confirmed=False)
        self.name_edit.textEdited.connect(self._name_edited)
        self.export_button = self._wire_primary("导出")
        self.setMinimumWidth(min(720, self._screen_width() - 40))

    def _screen_width(self) -> int:
        screen = self.screen()
        return screen.availableGeometry().width() if screen is not None else 1366

    def path(self) -> Path:
        """Where the roster goes: the folder, and the name made safe, ending in .xlsx."""
        typed = self.name_edit.text().strip()
        name = typed.removesuffix(".xlsx").removesuffix(".XLSX") if typed else ""
        if not name:
            return self.folder / default_export_name(masked=self.mask_ids())
        return self.folder / (safe_file_name(name) + ".xlsx")

    def set_path(self, path: Path, *, confirmed: bool) -> None:
        self.folder = path.parent
        self.name_edit.setText(path.name)
        self.folder_label.setText(str(self.folder))
        self._confirmed = confirmed

    def _name_edited(self, _text: str) -> None:
        self._named = True
        self._confirmed = False

    def _mask_toggled(self, masked: bool) -> None:
        if not self._named:
            self.set_path(self.folder / default_export_name(masked=masked), confirmed=False)

    def choose_path(self) -> None:
        """更改…: the save dialog (which asks itself before replacing a file)."""
        name, _filter = QFileDialog.getSaveFileName(
            self,
            "导出花名册",
            str(self.path()),
            XLSX_FILTER,
            options=QFileDialog.Option.HideNameFilterDetails,
        )
        if name:
            path = with_xlsx(name)
            self.set_path(path, confirmed=path == Path(name))
            self._named = True

    def mask_ids(self) -> bool:
        return self.mask_check.isChecked()

    def save(self) -> None:
        """导出: write the workbook off the GUI thread, then say where it is."""
        if self.task is not None and self.task.running:
            return
        path = self.path()
        if path.exists() and not self._confirmed:
            replace = messages.ask(
                self,
                f"“{path.name}”已经存在，要用新导出的花名册替换它吗？",
                title="文件已存在",
                yes_text="替换",
                no_text="不替换",
                hint="不替换的话，请点“更改…”换一个文件名。",
            )
            if not replace:
                return
        mask = self.mask_ids()
        from jianshi_desktop.gui.lock import confirm_password  # 启动密码, when one is set

        if not mask and not confirm_password(self, "导出完整的花名册"):
            return
        self.export_button.setEnabled(False)

        def written(count: int) -> None:
            self.saved_path, self.count = path, count
            _remember_folder(path)
            parent = self.parentWidget()
            self.accept()
            masked = "（身份证号码已隐去中间部分）" if mask else ""
            messages.information(
                parent,
                f"已导出 {count} 名党员的花名册{masked}。",
                title="导出完成",
                hint=f"文件保存在：{path}",
            )

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            messages.show_error(self, exc, title="无法导出花名册")

        self.task = run_in_background(
            self,
            lambda _progress: export_roster(path, mask_ids=mask),
            on_success=written,
            on_failure=failed,
            title="导出花名册",
            text=f"正在保存“{path.name}”……",
        )

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            return
        super().reject()
