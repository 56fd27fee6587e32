"""The 帮扶记录 wizard: the day, the pairing (the member with the student, among the
pairings of that day) and the place; what was done and, if the member took one, a photo;
review, then 完成. A photo is never asked for (力戒形式主义).

Everything is saved through the kind's lifecycle (:data:`services.record_kinds.PAIRING_HELP`);
drafts as the steps change and when the window is closed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtWidgets import QComboBox, QDateEdit, QFormLayout, QLabel

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.gui.common.widgets import error_label, set_role
from jianshi_desktop.gui.records.attachments import ALL_FILTER, IMAGE_FILTER
from jianshi_desktop.gui.records.pickers import combo_line, fill_place_combo
from jianshi_desktop.gui.records.steps import TextAndFilesPage
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_date,
)
from jianshi_desktop.services.record_kinds import PAIRING_HELP
from jianshi_desktop.services.student_pairings import (
    PLACE_MAX,
    PairingHelpForm,
    pairing_choices,
    pairing_labels,
)

PHOTO_BUTTONS: tuple[tuple[str, str, str, AttachmentKind | None], ...] = (
    ("添加照片…", "选择帮扶时拍的照片", f"{IMAGE_FILTER};;{ALL_FILTER}", AttachmentKind.PHOTO),
    ("添加其他材料…", "选择其他材料", f"{ALL_FILTER};;{IMAGE_FILTER}", AttachmentKind.OTHER),
)
NO_PHOTO_NEEDED = (
    "不需要拍照，照片可以不添加。帮扶时拍了照片、又准备用于美篇的，可以用上面的按钮添加；"
    "文件会复制一份保存在数据文件夹中。"
)
NOT_ON_DAY = "（这一天不在结对时间内）"


class HelpBasicsPage(StepPage):
    step_title = "时间和帮扶对象"
    subtitle = "选择帮扶的日期和结对的党员、学生；只列出这一天在结对时间内的结对。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        self.date_edit = QDateEdit(self.ui)
        prepare_date_edit(self.date_edit)
        self.date_edit.setMaximumWidth(240)
        self.date_edit.setAccessibleName("帮扶日期")
        self.pairing_combo = QComboBox(self.ui)
        self.pairing_combo.setAccessibleName("结对的党员和学生")
        self.pairing_combo.setMinimumWidth(360)
        self.place_combo = QComboBox(self.ui)
        self.place_combo.setEditable(True)
        self.place_combo.setAccessibleName("地点")
        fill_place_combo(self.place_combo)
        self.place_combo.setCurrentText("")
        combo_line(self.place_combo).setMaxLength(PLACE_MAX)  # as records.json carries it
        errors = {f: error_label(self.ui) for f in ("held_on", "pairing_id", "place")}
        form.addRow("帮扶日期：", self.date_edit)
        form.addRow("", errors["held_on"])
        form.addRow("党员和学生：", self.pairing_combo)
        form.addRow("", errors["pairing_id"])
        form.addRow("地点（可不填）：", self.place_combo)
        form.addRow("", errors["place"])
        self.hint = QLabel(self.ui)
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        self.body().addLayout(form)
        self.body().addWidget(self.hint)
        self.body().addStretch(1)
        self.add_field("held_on", errors["held_on"], self.date_edit)
        self.add_field("pairing_id", errors["pairing_id"], self.pairing_combo)
        self.add_field("place", errors["place"], self.place_combo)
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("pairing_id", self.pairing_combo.currentIndexChanged)

    def pairing_id(self) -> int | None:
        value = self.pairing_combo.currentData()
        return int(value) if value is not None else None

    def _fill_pairings(self, keep: int | None) -> None:
        choices = pairing_choices(date_of(self.date_edit))
        self.pairing_combo.blockSignals(True)
        self.pairing_combo.clear()
        for pairing_id, label in choices:
            self.pairing_combo.addItem(label, pairing_id)
        if keep is not None and self.pairing_combo.findData(keep) < 0:
            # the record's own pairing, off this day: kept, and the check says why
            self.pairing_combo.addItem(self.owner_label(keep), keep)
        index = self.pairing_combo.findData(keep) if keep is not None else -1
        self.pairing_combo.setCurrentIndex(index)
        self.pairing_combo.setPlaceholderText("请选择" if choices else "这一天没有结对")
        self.pairing_combo.blockSignals(False)
        self.hint.setText(
            ""
            if choices
            else "这一天没有在结对时间内的结对。请核对日期，或先在“关爱学生”页新建结对。"
        )

    def owner_label(self, pairing_id: int) -> str:
        wizard = self.owner
        assert isinstance(wizard, PairingHelpWizard)
        return f"{wizard.pairing_names.get(pairing_id, '（已删除的结对）')}{NOT_ON_DAY}"

    def _date_changed(self) -> None:
        self._fill_pairings(self.pairing_id())
        if not self.owner.loading:
            self.check({"held_on", "pairing_id"})

    def load(self, form: Any) -> None:
        assert isinstance(form, PairingHelpForm)
        self.date_edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.date_edit.blockSignals(False)
        self._fill_pairings(form.pairing_id)
        self.place_combo.setCurrentText(form.place)

    def fill(self, form: Any) -> None:
        assert isinstance(form, PairingHelpForm)
        form.held_on = date_of(self.date_edit)
        form.pairing_id = self.pairing_id()
        form.place = self.place_combo.currentText()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.date_edit.setReadOnly(read_only)


class HelpContentPage(TextAndFilesPage):
    step_title = "帮扶内容"
    subtitle = "写一写这次做了什么：谈心、辅导、家访、生活上的帮助……照片可以不添加。"
    text_label = "帮扶内容："
    placeholder = "如：课后辅导数学，讲解了三道错题；与家长通电话，约定每天检查作业。"
    text_stretch = 2
    files_label = "照片（可不添加）："
    add_buttons = PHOTO_BUTTONS
    files_empty = NO_PHOTO_NEEDED


class HelpReviewPage(ReviewPage):
    form_name = "pairing_help_review"


class PairingHelpWizard(DraftWizard):
    """Records one help. ``form`` from ``new_pairing_help_form``, ``load_pairing_help`` or
    ``PAIRING_HELP.copy_last``; ``record_id`` and ``mode`` for a saved record."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (HelpBasicsPage, HelpContentPage, HelpReviewPage)
    KIND = PAIRING_HELP
    SIZE: ClassVar[tuple[int, int]] = (860, 620)
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "帮扶日期",
        "pairing_id": "帮扶对象",
        "place": "地点",
        "content": "帮扶内容",
        "attachments": "照片",
    }

    def __init__(self, form: Any, **options: Any) -> None:
        # every pairing by id, for a record whose pairing is off its day
        self.pairing_names = pairing_labels()
        super().__init__(form, **options)

    @property
    def basics(self) -> HelpBasicsPage:
        page = self.pages[0]
        assert isinstance(page, HelpBasicsPage)
        return page

    def describe_value(self, key: str, value: object) -> str:
        if key == "held_on" and isinstance(value, str):
            try:
                return format_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        if key == "pairing_id" and isinstance(value, int):
            return self.pairing_names.get(value, "")
        return super().describe_value(key, value)

    def review_html(self, form: Any) -> str:
        assert isinstance(form, PairingHelpForm)
        who = self.basics.pairing_combo.currentText() if form.pairing_id is not None else ""
        files = "、".join(a.file_name for a in form.attachments)
        return review_table(
            [
                ("帮扶日期", format_date(form.held_on)),
                ("党员和学生", who),
                ("地点", form.place.strip() or "—"),
                ("帮扶内容", form.content.strip()),
                ("照片", f"{len(form.attachments)} 个：{files}" if files else "无"),
            ]
        )
