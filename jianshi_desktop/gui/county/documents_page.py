"""文书 of the county desk, for a period: the 通报 (下行文, drafted from the packages for
the operator to edit), the county summary table, and the matrix workbook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import heading, make_primary, set_role
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.documents.period_picker import PeriodPicker
from jianshi_desktop.gui.documents.rendering import Rendering
from jianshi_desktop.services import county


class CountyDocumentsPage(Page):
    def __init__(
        self,
        data_root: Path,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__("county_documents", parent)
        self.data_root = data_root
        self.today = today
        self.editor: QDialog | None = None  # the 通报 editor open (kept alive while open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(heading("文书", self))
        row = QHBoxLayout()
        row.addWidget(QLabel("期间：", self))
        self.picker = PeriodPicker(self, today=today, kind="quarter", custom=False)
        row.addWidget(self.picker)
        row.addStretch(1)
        layout.addLayout(row)
        self.notice_button = self._section(
            layout,
            "通报",
            "按收到的报送包起草一份通报（下行文，GB/T 9704 格式）：各校的好做法和尚未完成的"
            "事项。草稿由您修改、保存后再打印或保存为 Word。",
            "起草或修改通报…",
        )
        make_primary(self.notice_button)
        self.summary_button = self._section(
            layout,
            "全县汇总表",
            "这一期间各校各项工作的完成情况和组织设置情况，一所学校一行，按校名排列。",
            "预览并打印汇总表…",
        )
        self.workbook_button = self._section(
            layout,
            "各校完成情况工作簿",
            "把“汇总”页的表格导出为 Excel 工作簿（完成情况、未报送、组织设置各一页）。",
            "导出Excel…",
        )
        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "hint")
        layout.addWidget(self.empty_label)
        layout.addStretch(1)
        self.notice_button.clicked.connect(lambda: self.open_notice())
        self.summary_button.clicked.connect(lambda: self.preview_summary())
        self.workbook_button.clicked.connect(lambda: self.export_workbook())

    def _section(self, layout: QVBoxLayout, title: str, text: str, button: str) -> QPushButton:
        box = QGroupBox(title, self)
        inner = QVBoxLayout(box)
        label = QLabel(text, box)
        label.setWordWrap(True)
        set_role(label, "hint")
        inner.addWidget(label)
        row = QHBoxLayout()
        push = QPushButton(button, box)
        row.addWidget(push)
        row.addStretch(1)
        inner.addLayout(row)
        layout.addWidget(box)
        return push

    def refresh(self) -> None:
        has = bool(county.packages(statuses=[county.CURRENT]))
        for button in (self.notice_button, self.summary_button, self.workbook_button):
            button.setEnabled(has)
        self.empty_label.setText(
            "" if has else "还没有导入报送包，暂时没有可以生成的文书。请先到“报送包”导入。"
        )
        self.empty_label.setVisible(not has)

    def period(self) -> ReportPeriod | None:
        return self.picker.period()

    def open_notice(self) -> QDialog | None:
        """The period's 通报 in its editor (the kept text, else a fresh draft)."""
        from jianshi_desktop.gui.county.notice_editor import open_notice_editor

        period = self.period()
        if period is None:
            return None
        self.editor = open_notice_editor(self, period, self.data_root, today=self.today())
        return self.editor

    def preview_summary(self) -> Task[Rendering] | None:
        from jianshi_desktop.gui.county.notice_editor import preview_summary

        period = self.period()
        if period is None:
            return None
        return preview_summary(self, period, self.data_root, today=self.today())

    def ask_export_path(self, suggested: Path) -> Path | None:
        """The save dialog (tests replace this)."""
        from jianshi_desktop.gui.county.matrix_page import XLSX_FILTER
        from jianshi_desktop.gui.documents.preview import ask_save_path

        return ask_save_path(self, "导出Excel", suggested, XLSX_FILTER)

    def export_workbook(self) -> Path | None:
        from jianshi_desktop.gui.county.matrix_page import export_workbook
        from jianshi_desktop.gui.documents.preview import start_folder

        period = self.period()
        if period is None:
            return None
        path = self.ask_export_path(start_folder() / f"{period.label}各校完成情况汇总.xlsx")
        if path is None:
            return None
        if export_workbook(self, period, path, today=self.today()):
            self.status.emit(f"已导出“{path}”。")
            return path
        return None
