"""发展党员: the pipeline as of today (申请人, 积极分子, 发展对象, 预备党员, 骨干 marked), the
list of files with each person's stage and next step (overdue ones marked), and each
person's file in its own window (:class:`FileWindow`).

Reminders on 首页 open a file (``open_file`` with ``recruitment_id``) or the new-file dialog
(``new_recruitment``) through :meth:`RecruitmentPage.perform`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import (
    alive,
    make_primary,
    prepare_table,
    set_role,
    style_heading,
)
from jianshi_desktop.gui.recruitment.dialogs import PersonDialog
from jianshi_desktop.gui.recruitment.file_window import OVERDUE_COLOUR, FileWindow, cell
from jianshi_desktop.gui.recruitment.summary import pipeline_text
from jianshi_desktop.services import recruitment as service
from jianshi_desktop.services.recruitment import RecruitmentRow

COLUMNS = ("姓名", "阶段", "教学业务骨干", "申请日期", "进入本阶段", "下一步")
ID_ROLE = Qt.ItemDataRole.UserRole
EMPTY_TEXT = (
    "还没有发展党员档案。\n\n有人递交入党申请书后，点“新建发展档案…”登记此人和申请日期；"
    "之后每做一步就在档案里记录一步，程序会算出下一步最早、最晚什么时候做。"
)


def next_cell(row: RecruitmentRow) -> str:
    text = row.next_text
    return f"已逾期：{text}" if row.overdue and text else text


class RecruitmentPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        data_root: Path,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("recruitment", parent)
        self.attachments_dir = attachments_dir
        self.data_root = data_root
        self.today = today
        self.windows: dict[int, FileWindow] = {}
        self.new_dialog: PersonDialog | None = None
        self.rows: list[RecruitmentRow] = []

        self.page_layout = QVBoxLayout(self)
        heading = QLabel("发展党员", self)
        style_heading(heading)
        self.page_layout.addWidget(heading)
        self.pipeline_label = QLabel(self)
        self.pipeline_label.setObjectName("pipelineLabel")
        self.pipeline_label.setTextFormat(Qt.TextFormat.PlainText)
        self.pipeline_label.setWordWrap(True)
        self.pipeline_label.setAccessibleName("发展党员各阶段人数")
        self.page_layout.addWidget(self.pipeline_label)
        hint = QLabel(
            "按“525”程序：申请入党→确定积极分子→确定发展对象→接收预备党员→转正。★ 为教学业务骨干。",
            self,
        )
        hint.setWordWrap(True)
        set_role(hint, "hint")
        self.page_layout.addWidget(hint)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("新建发展档案…", self)
        make_primary(self.new_button)
        self.new_button.clicked.connect(lambda: self.new_recruitment())
        self.open_button = QPushButton("打开档案", self)
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.closed_box = QCheckBox("显示已终止和已转正", self)
        self.closed_box.toggled.connect(lambda _on: self.refresh())
        # 年度发展党员情况: this year's (so far) or last year's, in the preview
        self.year_button = QPushButton("年度发展党员情况…", self)
        self.year_button.setToolTip("打印或保存某年的发展党员情况报告（各阶段人数和当年各项人数）")
        self.year_menu = QMenu(self.year_button)
        self.year_menu.aboutToShow.connect(self._fill_years)
        self.year_button.setMenu(self.year_menu)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.closed_box)
        buttons.addStretch(1)
        buttons.addWidget(self.year_button)
        self.page_layout.addLayout(buttons)

        self.empty_label = QLabel(EMPTY_TEXT, self)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "notice")
        self.page_layout.addWidget(self.empty_label)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("recruitmentTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        header = prepare_table(self.table, "发展党员名单")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.page_layout.addWidget(self.table, 1)
        self.refresh()

    # --- showing ----------------------------------------------------------------------

    def refresh(self) -> None:
        today = self.today()
        self.pipeline_label.setText(
            f"截至{format_date(today)}：" + pipeline_text(service.pipeline(today))
        )
        self.rows = service.list_recruitments(
            include_closed=self.closed_box.isChecked(), today=today
        )
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        for row in self.rows:
            self._add(row)
        self.empty_label.setVisible(not self.rows and not self.closed_box.isChecked())
        self._selection_changed()
        for window in list(self.windows.values()):  # a meeting finished meanwhile took steps
            if alive(window):
                window.refresh()

    def _add(self, row: RecruitmentRow) -> None:
        at = self.table.rowCount()
        self.table.insertRow(at)
        stage = row.stage.label if row.stopped_on is None else f"{row.stage.label}（已终止）"
        cells = (
            row.name,
            stage,
            "★ 骨干" if row.backbone else "",
            format_date(row.applied_on) if row.applied_on else "",
            format_date(row.stage_since) if row.stage_since else "",
            next_cell(row),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, row.id)
            if text:
                item.setToolTip(text)
            self.table.setItem(at, column, item)
        if row.overdue:
            item = cell(self.table, at, len(COLUMNS) - 1)
            item.setForeground(QBrush(OVERDUE_COLOUR))
        if row.stopped_on is not None:
            for column in range(len(COLUMNS)):
                cell(self.table, at, column).setForeground(QBrush(QColor("#6b6b6b")))

    def _selection_changed(self) -> None:
        self.open_button.setEnabled(self.selected_id() is not None)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return int(cell(self.table, rows[0].row(), 0).data(ID_ROLE))

    def select(self, recruitment_id: int) -> None:
        for at in range(self.table.rowCount()):
            if cell(self.table, at, 0).data(ID_ROLE) == recruitment_id:
                self.table.selectRow(at)
                return

    # --- acting -----------------------------------------------------------------------

    def perform(self, command: str, params: dict[str, object]) -> bool:
        if command == "new_recruitment":
            return self.new_recruitment() is not None
        if command == "open_file":
            recruitment_id = params.get("recruitment_id")
            if isinstance(recruitment_id, int):
                self.select(recruitment_id)
                return self.open_file(recruitment_id) is not None
        return False

    def new_recruitment(self) -> PersonDialog:
        shown = self.new_dialog
        if shown is not None and alive(shown) and shown.isVisible():
            shown.raise_()
            shown.activateWindow()
            return shown
        dialog = PersonDialog(self.attachments_dir, self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._created)
        self.new_dialog = dialog
        open_in_front(dialog)
        return dialog

    def _created(self, recruitment_id: int) -> None:
        self.refresh()
        self.select(recruitment_id)
        self.status.emit("已建立发展党员档案。")

    def open_selected(self) -> FileWindow | None:
        recruitment_id = self.selected_id()
        return None if recruitment_id is None else self.open_file(recruitment_id)

    def open_file(self, recruitment_id: int) -> FileWindow:
        """The file's window, in front (one window a file)."""
        shown = self.windows.get(recruitment_id)
        if shown is not None and alive(shown) and shown.isVisible():
            shown.refresh()
            shown.raise_()
            shown.activateWindow()
            return shown
        window = FileWindow(
            recruitment_id, self.attachments_dir, self.data_root, self, today=self.today
        )
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.changed.connect(self.refresh)
        window.meetings_requested.connect(self.open_meetings)
        window.destroyed.connect(lambda _o=None, i=recruitment_id: self.windows.pop(i, None))
        self.windows[recruitment_id] = window
        window.show()
        window.raise_()
        return window

    def _fill_years(self) -> None:
        self.year_menu.clear()
        year = self.today().year
        for shown in (year, year - 1):
            action = self.year_menu.addAction(f"{shown}年度")
            action.triggered.connect(lambda _c=False, y=shown: self.preview_year(y))

    def preview_year(self, year: int) -> object:
        """The year's 发展党员情况 in the preview (a year without any file is refused there
        with the reason)."""
        from jianshi_desktop.gui.documents.preview import open_preview
        from jianshi_desktop.services.recruitment_documents import (
            year_report_document,
            year_stem,
        )

        today = self.today()
        return open_preview(
            self,
            f"{year}年度发展党员情况",
            lambda: year_report_document(year, today=today),
            year_stem(year, today),
            self.data_root,
        )

    def open_meetings(self, kind: str) -> None:
        """记录一次支委会/支部党员大会…: the main window opens a new meeting of ``kind``
        (a MeetingKind value) on today, in the 三会一课 area."""
        from jianshi_desktop.services.reminders import Action

        act = getattr(self.window(), "act", None)
        if callable(act):
            params = {"date": self.today().isoformat(), "kind": kind}
            act(Action("meetings", "new_meeting", params))
