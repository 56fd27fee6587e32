"""首页's 关爱学生 line: 「关爱学生：6/26名党员已结对，本学期帮扶3次」 with 查看, which opens
the area. Hidden until the branch has a pairing; counts only (no student is named, and
no member is ranked: 力戒形式主义)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.student_pairings import AREA, dashboard_text


class PairingLine(QWidget):
    """The line; :meth:`refresh` reads it again (首页 calls it with the page's day)."""

    def __init__(self, parent: QWidget, action_requested: SignalInstance) -> None:
        super().__init__(parent)
        self.setObjectName("pairingLine")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QPushButton("查看", self)
        self.button.setToolTip("打开“关爱学生”，查看结对和帮扶记录")
        self.button.clicked.connect(lambda: action_requested.emit(Action(AREA)))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def refresh(self, today: dt.date) -> None:
        text = dashboard_text(today)
        self.label.setText(text)
        self.setVisible(bool(text))
