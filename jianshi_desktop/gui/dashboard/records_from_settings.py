"""设置 › 开始在本程序记录的日期: from which day 首页 judges the branch's work.

Periods wholly before it were kept on paper: 首页 shows them grey as 未在本程序记录,
never overdue and never reminded. A change goes through
``services.branch.change_records_from`` (checked and written to the audit log).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import qdate
from jianshi_desktop.gui.common.widgets import chinese_date, set_role
from jianshi_desktop.services.branch import branch_info, change_records_from

INTRO = (
    "这一天以前的工作记在纸质台账上，“首页”显示为灰色的“未在本程序记录”，"
    "不算逾期，也不提醒；需要时可以在“首页”双击格子补录。修改会记入操作日志。"
)


class RecordsFromSection(QGroupBox):
    """The 开始在本程序记录的日期 group on the settings page."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("从哪一天开始在本程序记录", parent)
        self.setObjectName("recordsFromGroup")
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setMinimumWidth(200)
        self.date_edit.setAccessibleName("开始在本程序记录的日期")
        row.addWidget(self.date_edit)
        self.save_button = QPushButton("保存", self)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.current = QLabel(self)
        set_role(self.current, "hint")
        layout.addWidget(self.current)
        self.refresh()

    def refresh(self) -> None:
        info = branch_info()
        self.setEnabled(info is not None)
        if info is None:
            self.current.setText("建立支部后可以设置。")
            return
        self.date_edit.setMinimumDate(qdate(info.founded_on))
        self.date_edit.setMaximumDate(qdate(dt.date.today()))
        self.date_edit.setDate(qdate(info.records_from))
        self.current.setText(f"目前：从{chinese_date(info.records_from)}开始。")

    def chosen(self) -> dt.date:
        date = self.date_edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def save(self) -> bool:
        day = self.chosen()
        try:
            change_records_from(day)
        except UserError as exc:
            messages.show_error(self, exc, title="没有保存")
            return False
        self.refresh()
        self.status.emit(f"已改为从{chinese_date(day)}开始在本程序记录。")
        return True
