"""汇总: the county at a glance for a period — schools (by name, never by score) ×
obligations, each cell what the school's packages say (「3/3 ✓」, 「1/3 ！」), 「1/1（缺8、9月）」
when part of the period was not sent, or 「缺报」 when the county has no data on the item
(no package came, or none carries it); colour, mark and, in the tooltip, the state in
words."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain import periods
from jianshi_desktop.domain.compliance import State
from jianshi_desktop.domain.county import MISSING, PARTIAL, periods_text
from jianshi_desktop.domain.periods import PeriodError, ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, make_primary, prepare_table, set_role
from jianshi_desktop.gui.dashboard.widgets import COLOURS
from jianshi_desktop.gui.documents.period_picker import PeriodPicker
from jianshi_desktop.services import county

if TYPE_CHECKING:
    from jianshi_desktop.domain.county import Cell, Matrix, SchoolRow

log = logging.getLogger(__name__)

MISSING_TEXT = "缺报"
MISSING_COLOURS = ("#FCE3E3", "#A51218")
FIXED_COLUMNS = ("学校", "报送情况")
LEGEND = (
    "　".join(f"{s.mark} {s.label}" for s in State)
    + "　缺报：没有收到这一期的报送包，或报送包中没有这项的情况（不算完成）"
    + "　（缺8、9月）：这几个月的情况没有收到"
)
XLSX_FILTER = "Excel 工作簿 (*.xlsx)"


def state_label(state: str, school: SchoolRow | None = None, cell: Cell | None = None) -> str:
    """The state in words; for 缺报 / 部分缺报 what is missing, when the school and cell
    are given."""
    if state == MISSING and school is not None and school.package_ids:
        return "缺报（收到的报送包中没有这一项这一期的情况，不算完成）"
    if state == MISSING:
        return "缺报（没有收到这所学校这一期的报送包）"
    if state == PARTIAL:
        lacking = periods_text(cell.missing_periods) if cell is not None else ""
        return f"部分缺报（没有收到{lacking}的情况）" if lacking else "部分缺报"
    try:
        return State(state).label
    except ValueError:
        return state


def cell_text(cell: Cell) -> str:
    """「3/3 ✓」, 「1/3 ！」, 「1/1（缺8、9月）」, 「缺报」."""
    if cell.state == MISSING or not cell.has_data:
        return MISSING_TEXT
    try:
        mark = State(cell.state).mark
    except ValueError:
        mark = ""
    text = f"{cell.done}/{cell.required} {mark}".strip()
    if cell.missing_periods:
        text += f"（缺{periods_text(cell.missing_periods)}）"
    return text


def cell_colours(state: str) -> tuple[QColor, QColor]:
    if state in (MISSING, PARTIAL):
        background, text = MISSING_COLOURS
    else:
        try:
            background, text = COLOURS[State(state)]
        except ValueError:
            background, text = COLOURS[None]
    return QColor(background), QColor(text)


def sent_text(school: SchoolRow) -> str:
    if not school.package_ids:
        return "！未报送"
    made = f"（{school.made_on}生成）" if school.made_on else ""
    if school.missing:
        lacking = f"，缺{periods_text(school.gaps)}" if school.gaps else ""
        late = "，逾期" if school.late else ""
        return f"！部分报送{made[:-1]}{lacking}{late}）" if made else f"！部分报送{lacking}"
    if school.late:
        return f"！逾期报送{made}"
    return f"✓ 已报送{made}"


class MatrixModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matrix: Matrix | None = None

    def set_matrix(self, matrix: Matrix | None) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def schools(self) -> tuple[SchoolRow, ...]:
        return tuple(self.matrix.schools) if self.matrix is not None else ()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.schools())

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.matrix is None:
            return 0
        return len(FIXED_COLUMNS) + len(self.matrix.obligations)

    def obligation(self, column: int) -> tuple[str, str] | None:
        if self.matrix is None or column < len(FIXED_COLUMNS):
            return None
        key, label = self.matrix.obligations[column - len(FIXED_COLUMNS)]
        return str(key), str(label)

    def cell(self, row: int, column: int) -> Cell | None:
        obligation = self.obligation(column)
        if obligation is None:
            return None
        return self.schools()[row].cells.get(obligation[0])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(FIXED_COLUMNS):
            return FIXED_COLUMNS[section]
        obligation = self.obligation(section)
        return obligation[1] if obligation else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid():
            return None
        school = self.schools()[index.row()]
        column = index.column()
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return school.name
            return None
        if column == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return sent_text(school)
            if role == Qt.ItemDataRole.ForegroundRole and (school.missing or school.late):
                return QColor(MISSING_COLOURS[1])
            return None
        cell = self.cell(index.row(), column)
        if cell is None:  # 无此项: its packages show the branch did not owe it
            if role == Qt.ItemDataRole.ToolTipRole:
                return "无此项：报送包表明这个支部这一期不承担这项工作（如没有支委会的支部）"
            return "—" if role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(school, column, cell)
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell_colours(cell.state)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return cell_colours(cell.state)[1]
        if role == Qt.ItemDataRole.FontRole and cell.state in (
            MISSING,
            PARTIAL,
            State.OVERDUE.value,
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{school.name}：{cell_text(cell)}，{state_label(cell.state, school, cell)}"
        return None

    def tooltip(self, school: SchoolRow, column: int, cell: Cell) -> str:
        obligation = self.obligation(column)
        label = obligation[1] if obligation else ""
        lines = [f"{school.name} — {label}", f"状态：{state_label(cell.state, school, cell)}"]
        if cell.periods:
            late = f"（其中补录 {cell.late_entries} 次）" if cell.late_entries else ""
            counted = "（只计收到的期间）" if cell.missing_periods else ""
            lines.append(f"应完成 {cell.required} 次，已完成 {cell.done} 次{late}{counted}")
            lines.append("已收到：" + "、".join(str(p) for p in cell.periods))
        if cell.missing_periods and cell.state != MISSING:
            lines.append("没有收到：" + "、".join(str(p) for p in cell.missing_periods))
        if cell.subjects_short:
            lines.append("未完成的：" + "、".join(str(s) for s in cell.subjects_short))
        return "\n".join(lines)


class MatrixPage(Page):
    """``school_requested(uid)``: a school was double-clicked (各校 opens on it)."""

    school_requested = Signal(str)

    def __init__(
        self,
        data_root: Path,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("county_matrix", parent)
        self.data_root = data_root
        self.today = today
        self.stale = True
        self.shown_period: ReportPeriod | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(heading("汇总", self))
        row = QHBoxLayout()
        row.addWidget(QLabel("期间：", self))
        self.picker = PeriodPicker(self, today=today, kind="month", custom=False)
        row.addWidget(self.picker)
        row.addStretch(1)
        self.export_button = QPushButton("导出Excel…", self)
        row.addWidget(self.export_button)
        layout.addLayout(row)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("matrixSummary")
        self.summary_label.setFont(QFont(self.font().family(), -1, QFont.Weight.Bold))
        layout.addWidget(self.summary_label)
        legend = QLabel(LEGEND + "。双击学校查看它的报送包、记录和文书。", self)
        legend.setWordWrap(True)
        set_role(legend, "hint")
        layout.addWidget(legend)
        self.model = MatrixModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("matrixTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = prepare_table(self.table, "各校完成情况")
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setMinimumHeight(260)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        layout.addWidget(self.empty_label)
        make_primary(self.export_button)
        self.picker.changed.connect(self._period_changed)
        self.table.doubleClicked.connect(self._double_clicked)
        self.export_button.clicked.connect(self.choose_export)
        self._start_on_latest()

    def _start_on_latest(self) -> None:
        """The period of the newest package received, so the page opens on something."""
        current = county.packages(statuses=[county.CURRENT])
        if not current:
            return
        try:
            period = periods.parse_period(current[0].period_code)
        except PeriodError:
            return
        if ".." not in period.code:
            self.picker.set_period(period)

    def refresh(self) -> None:
        if not self.stale and self.shown_period == self.picker.period():
            return
        if self.shown_period is None:
            self._start_on_latest()
        self.show_period()

    def _period_changed(self) -> None:
        self.show_period()

    def show_period(self) -> None:
        from jianshi_desktop.services.county_aggregate import matrix

        period = self.picker.period()
        if period is None:
            return
        self.stale = False
        self.shown_period = period
        result = matrix(period, today=self.today())
        self.model.set_matrix(result)
        self.table.resizeColumnsToContents()
        schools = len(result.schools)
        missing = sum(1 for s in result.schools if not s.package_ids)
        partial = sum(1 for s in result.schools if s.package_ids and s.missing)
        late = sum(1 for s in result.schools if s.late and s.package_ids)
        self.summary_label.setText(
            f"{result.period_label}：共{schools}所学校，{missing}所未报送，"
            f"{partial}所部分报送，{late}所逾期报送"
        )
        self.table.setVisible(schools > 0)
        self.empty_label.setVisible(schools == 0)
        self.empty_label.setText(
            "还没有收到任何学校的报送包。请到“报送包”导入各校交来的报送包。" if not schools else ""
        )
        self.export_button.setEnabled(schools > 0)

    def school_at(self, row: int) -> SchoolRow:
        return self.model.schools()[row]

    def row_of(self, name: str) -> int:
        for row, school in enumerate(self.model.schools()):
            if school.name == name:
                return row
        raise LookupError(name)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.school_requested.emit(self.school_at(index.row()).uid)

    # --- 导出Excel… ---------------------------------------------------------------------

    def ask_export_path(self, suggested: Path) -> Path | None:
        """The save dialog (tests replace this)."""
        from jianshi_desktop.gui.documents.preview import ask_save_path

        return ask_save_path(self, "导出Excel", suggested, XLSX_FILTER)

    def choose_export(self) -> Path | None:
        from jianshi_desktop.gui.documents.preview import start_folder

        period = self.shown_period
        if period is None:
            return None
        path = self.ask_export_path(start_folder() / f"{period.label}各校完成情况汇总.xlsx")
        if path is None:
            return None
        return self.export(path)

    def export(self, path: Path) -> Path | None:
        period = self.shown_period
        if period is None or not export_workbook(self, period, path, today=self.today()):
            return None
        self.status.emit(f"已导出“{path}”。")
        return path


def export_workbook(parent: QWidget, period: ReportPeriod, path: Path, *, today: dt.date) -> bool:
    """Write the period's matrix workbook to ``path``; say so, or say why not."""
    from jianshi_desktop.services.county_aggregate import export_matrix

    try:
        export_matrix(period, path, today=today)
    except UserError as exc:
        messages.show_error(parent, exc, title="没有导出")
        return False
    except OSError as exc:
        messages.warning(
            parent,
            f"无法写入“{path}”（{exc.strerror or exc}）。",
            title="没有导出",
            hint="请确认U盘没有拔出、还有空间，或换一个文件夹。",
        )
        return False
    messages.information(parent, f"已导出“{path.name}”。", title="导出Excel", hint=str(path))
    return True
