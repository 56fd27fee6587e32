"""学习培训: the trainings the members attended, with the actions of every record
(记录培训, 复制上次, 打开, 归档, 更正, 删除草稿, 预览, 打印 — :class:`FormRecordsPage`), a
year filter, and 本年学时统计…: each member's hours of the year (chosen in the filter, or
this year) in the preview, to print.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from jianshi_desktop.domain.training import when_text
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.records.list_page import Column, FormRecordsPage, date_column
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.gui.trainings.wizard import TrainingWizard
from jianshi_desktop.services.record_kinds import TRAINING
from jianshi_desktop.services.trainings import (
    TrainingRow,
    list_trainings,
    new_training_form,
    training_facts,
    training_rules,
    year_summary,
)

EMPTY_TEXT = (
    "还没有学习培训记录。\n\n"
    "党员参加的各种培训都可以记在这里：书记、党务干部培训，党员集中轮训，网络培训等。"
    "填写日期、名称、主办单位和学时，勾选参训的党员；学时自动计入每人的本年学时。"
)


def training_name(row: TrainingRow) -> str:
    """How the list names one training (confirmations): 「2026年3月5日全县…培训班」."""
    return f"{when_text(row.held_on, None)}{row.title or '培训'}"


class TrainingsPage(FormRecordsPage):
    KIND = TRAINING
    NOUN = "培训"
    wizard: TrainingWizard | None

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        data_root: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        root = data_root or attachments_dir.parent
        super().__init__("trainings", parent, data_root=root)
        self.data_root = root
        self.attachments_dir = attachments_dir
        self.today = today
        minimum = training_rules().min_hours_per_year
        self.rule_text = f"每次培训的学时计入每名参训党员。要求：{training_rules().source}。"
        self.rule_label = QLabel(self.rule_text, self)
        self.rule_label.setWordWrap(True)
        self.rule_label.setTextFormat(Qt.TextFormat.PlainText)
        self.page_layout.addWidget(self.rule_label)
        self.add_list(
            rows=lambda: list_trainings(),
            columns=(
                date_column("开始日期"),
                Column("培训名称", lambda r: r.title, width=300),
                Column("主办单位", lambda r: r.organiser, width=180),
                Column(
                    "学时",
                    lambda r: r.class_hours,
                    sort_key=lambda r: float(r.class_hours or 0),
                ),
                Column("参训人数", lambda r: f"{r.attendees}人", sort_key=lambda r: r.attendees),
            ),
            title_of=training_name,
            actions=self.record_actions((("记录培训", self.new_training),)),
            empty_text=EMPTY_TEXT,
            empty_action_text="记录一次培训",
            search_hint="培训名称、主办单位、地点",
        )
        self.hours_button = QPushButton("本年学时统计…", self)
        self.hours_button.setObjectName("trainingHoursButton")
        self.hours_button.setToolTip(
            f"每名党员这一年参加培训的次数和学时，以及谁还不足{minimum}学时；可以打印。"
            "上面选了年份的，统计那一年。"
        )
        self.hours_button.clicked.connect(lambda: self.preview_year_hours())
        self.list.add_buttons(self.hours_button)
        self.list.year_combo.currentIndexChanged.connect(lambda _i: self._name_hours_button())
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        summary = year_summary(training_facts(), None, self.today())
        text = f"{summary.text.removeprefix('学习培训：')}。\n" if summary is not None else ""
        self.rule_label.setText(f"{text}{self.rule_text}")

    def chosen_year(self) -> int:
        """The year the filter shows, or this year (「全部年份」)."""
        value = self.list.year_combo.currentData()
        return value if isinstance(value, int) else self.today().year

    def _name_hours_button(self) -> None:
        year = self.chosen_year()
        this_year = year == self.today().year
        self.hours_button.setText("本年学时统计…" if this_year else f"{year}年学时统计…")

    def preview_year_hours(self) -> object:
        """The year's 党员学习培训学时统计 in the preview, to print or save."""
        from jianshi_desktop.documents.trainings import year_hours_document
        from jianshi_desktop.gui.documents.preview import open_preview
        from jianshi_desktop.services.training_documents import (
            year_hours_content,
            year_hours_stem,
        )

        year, today = self.chosen_year(), self.today()
        try:
            content = year_hours_content(year, today=today)
        except UserError as exc:
            messages.show_error(self, exc, title="学时统计")
            return None
        return open_preview(
            self,
            content.title,
            lambda: year_hours_document(content),
            year_hours_stem(year, today),
            self.data_root,
        )

    # --- the wizard -------------------------------------------------------------------------

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> TrainingWizard:
        return TrainingWizard(
            form,
            data_root=self.data_root,
            attachments_dir=self.attachments_dir,
            record_id=record_id,
            mode=mode,
            today=self.today,
            parent=self,
        )

    def new_training(self, on: dt.date | None = None) -> TrainingWizard | None:
        """记录培训: a new training on ``on`` (today)."""
        wizard = self.open_form(new_training_form(on=on or self.today()))
        return wizard if isinstance(wizard, TrainingWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> TrainingWizard | None:
        return self.new_training(on)
