"""首页's 学习培训 line, under the 发展党员 one: 「学习培训：本年3次，人均14.5学时；20人不足
32学时」 with 查看 (the 学习培训 area). Shown once the branch has recorded a finished
training here; before that it says nothing (the hours may be kept on the county's
platform, and a line of zeros would claim what the data does not show).

Read from the engine 首页 has just built (its records and member history): one query
for the year's hours."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from jianshi_desktop.domain.compliance import Engine
from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.trainings import AREA, year_summary


class TrainingLine(QWidget):
    def __init__(self, parent: QWidget, action_requested: SignalInstance) -> None:
        super().__init__(parent)
        self.setObjectName("trainingLine")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.label.setObjectName("trainingLabel")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QPushButton("查看", self)
        self.button.setToolTip("打开“学习培训”，查看培训记录和每人学时")
        self.button.clicked.connect(lambda: action_requested.emit(Action(AREA)))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_year(self, engine: Engine | None, today: dt.date) -> None:
        """This year's line from ``engine``'s facts; hidden without any training (or
        without figures: ``engine`` None)."""
        summary = (
            None
            if engine is None
            else year_summary(engine.facts.records, engine.facts.member_history, today)
        )
        self.label.setText(summary.text if summary is not None else "")
        self.setVisible(summary is not None)
