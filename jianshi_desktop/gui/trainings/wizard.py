"""The 学习培训 wizard: 基本情况 (dates, name, organiser, place, class hours), 参训人员 (the
members of the training's first day, ticked), 内容和证书 (what was learnt; certificates,
never asked for), review, then 完成.

Everything is saved through :mod:`services.trainings` by the kind's lifecycle; drafts as
the steps change and when the window is closed (:mod:`jianshi_desktop.gui.records.wizard`).
The steps are built in code; the review is ``ui/training_review.ui``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.domain.training import days_of, when_text
from jianshi_desktop.gui.common.widgets import error_label, set_role
from jianshi_desktop.gui.records.attachments import (
    ALL_FILTER,
    SCAN_FILTER,
)
from jianshi_desktop.gui.records.pickers import fill_place_combo, order_choices, people_names
from jianshi_desktop.gui.records.steps import TextAndFilesPage
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    Mode,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_date,
)
from jianshi_desktop.services.record_kinds import TRAINING
from jianshi_desktop.services.records import AttendanceEntry
from jianshi_desktop.services.trainings import (
    ORGANISER_MAX,
    PLACE_MAX,
    TITLE_MAX,
    TrainingForm,
    attendee_choices,
    known_organisers,
    training_rules,
)

MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
NOT_ON_ROLL = "（当天不在本支部）"
CERTIFICATE_BUTTONS: tuple[tuple[str, str, str, AttachmentKind | None], ...] = (
    (
        "添加证书…",
        "选择培训证书或结业证书（扫描件或照片）",
        f"{SCAN_FILTER};;{ALL_FILTER}",
        AttachmentKind.CERTIFICATE,
    ),
    ("添加其他材料…", "选择培训通知、学习材料等", f"{ALL_FILTER};;{SCAN_FILTER}", None),
)
CERTIFICATES_EMPTY = (
    "没有证书也可以。发了培训证书或结业证书的，可以用上面的按钮添加扫描件或照片；"
    "文件会复制一份保存在数据文件夹中。"
)


# --- step 1 --------------------------------------------------------------------------------


class TrainingBasicsPage(StepPage):
    step_title = "基本情况"
    subtitle = "培训的日期、名称、主办单位、地点和学时。一天的培训，结束日期与开始日期相同。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setSpacing(8)
        self.date_edit = QDateEdit(self.ui)
        self.date_edit.setAccessibleName("开始日期")
        prepare_date_edit(self.date_edit)
        self.ends_edit = QDateEdit(self.ui)
        self.ends_edit.setAccessibleName("结束日期")
        prepare_date_edit(self.ends_edit)
        for edit in (self.date_edit, self.ends_edit):
            edit.setMaximumWidth(240)
        self.title_edit = QLineEdit(self.ui)
        self.title_edit.setAccessibleName("培训名称")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.setPlaceholderText("如 全县中小学党组织书记培训班")
        self.organiser_combo = QComboBox(self.ui)
        self.organiser_combo.setAccessibleName("主办单位")
        self.organiser_combo.setEditable(True)
        self.organiser_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.organiser_combo.addItems(known_organisers())
        line = self.organiser_combo.lineEdit()
        if line is not None:
            line.setMaxLength(ORGANISER_MAX)
            line.setPlaceholderText("如 中共建始县教育局委员会")
        self.place_combo = QComboBox(self.ui)
        self.place_combo.setAccessibleName("地点")
        self.place_combo.setEditable(True)
        fill_place_combo(self.place_combo)
        place_line = self.place_combo.lineEdit()
        if place_line is not None:
            place_line.setMaxLength(PLACE_MAX)  # records.json keeps no more
            place_line.setPlaceholderText("如 县委党校；网络培训可填 线上")
        self.hours_edit = QLineEdit(self.ui)
        self.hours_edit.setAccessibleName("学时")
        self.hours_edit.setMaximumWidth(120)
        self.hours_edit.setPlaceholderText("如 16")
        self.days_label = QLabel(self.ui)
        set_role(self.days_label, "hint")
        errors = {
            f: error_label(self.ui)
            for f in ("held_on", "ends_on", "title", "organiser", "place", "class_hours")
        }
        form.addRow("开始日期：", self.date_edit)
        form.addRow("", errors["held_on"])
        ends_row = QHBoxLayout()
        ends_row.addWidget(self.ends_edit)
        ends_row.addWidget(self.days_label, 1)
        form.addRow("结束日期：", ends_row)
        form.addRow("", errors["ends_on"])
        form.addRow("培训名称（必填）：", self.title_edit)
        form.addRow("", errors["title"])
        form.addRow("主办单位：", self.organiser_combo)
        form.addRow("", errors["organiser"])
        form.addRow("地点：", self.place_combo)
        form.addRow("", errors["place"])
        hours_row = QHBoxLayout()
        hours_row.addWidget(self.hours_edit)
        hours_hint = QLabel("学时（必填），每名参训党员都计这些学时", self.ui)
        set_role(hours_hint, "hint")
        hours_row.addWidget(hours_hint, 1)
        form.addRow("学时：", hours_row)
        form.addRow("", errors["class_hours"])
        self.body().addLayout(form)
        self.body().addStretch(1)
        for name, widget in (
            ("held_on", self.date_edit),
            ("ends_on", self.ends_edit),
            ("title", self.title_edit),
            ("organiser", self.organiser_combo),
            ("place", self.place_combo),
            ("class_hours", self.hours_edit),
        ):
            self.add_field(name, errors[name], widget)
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.ends_edit.dateChanged.connect(lambda _d: self._ends_changed())
        self.watch("title", self.title_edit.editingFinished, changed=self.title_edit.textChanged)
        self.watch("organiser", self.organiser_combo.currentTextChanged)
        self.watch("place", self.place_combo.currentTextChanged)
        self.watch(
            "class_hours", self.hours_edit.editingFinished, changed=self.hours_edit.textChanged
        )
        self._held_on = date_of(self.date_edit)

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def _date_changed(self) -> None:
        """The end follows the start while it was the same day or is now before it."""
        day = self.held_on()
        ends = date_of(self.ends_edit)
        if ends == self._held_on or ends < day:
            self.ends_edit.blockSignals(True)
            set_date(self.ends_edit, day)
            self.ends_edit.blockSignals(False)
        self._held_on = day
        self._show_days()
        self.check({"held_on", "ends_on", "class_hours"})

    def _ends_changed(self) -> None:
        self._show_days()
        self.check({"ends_on", "class_hours"})

    def _show_days(self) -> None:
        days = days_of(self.held_on(), date_of(self.ends_edit))
        self.days_label.setText(f"共{days}天" if date_of(self.ends_edit) >= self.held_on() else "")

    def load(self, form: TrainingForm) -> None:
        for edit in (self.date_edit, self.ends_edit):
            edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        set_date(self.ends_edit, form.ends_on or form.held_on)
        for edit in (self.date_edit, self.ends_edit):
            edit.blockSignals(False)
        self._held_on = form.held_on
        self.title_edit.setText(form.title)
        self.organiser_combo.setCurrentText(form.organiser)
        self.place_combo.setCurrentText(form.place)
        self.hours_edit.setText(form.class_hours)
        self._show_days()

    def fill(self, form: TrainingForm) -> None:
        form.held_on = self.held_on()
        form.ends_on = date_of(self.ends_edit)
        form.title = self.title_edit.text()
        form.organiser = self.organiser_combo.currentText()
        form.place = self.place_combo.currentText()
        form.class_hours = self.hours_edit.text().strip()


# --- step 2 --------------------------------------------------------------------------------


class AttendeesPage(StepPage):
    step_title = "参训人员"
    subtitle = "勾选参加这次培训的党员。名单是培训第一天在本支部的党员。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(self.ui)
        self.search_edit.setAccessibleName("查找姓名")
        self.search_edit.setPlaceholderText("输入姓名查找")
        self.search_edit.setClearButtonEnabled(True)
        self.all_button = QPushButton("全部勾选", self.ui)
        self.all_button.setAutoDefault(False)
        self.none_button = QPushButton("全部不选", self.ui)
        self.none_button.setAutoDefault(False)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.all_button)
        row.addWidget(self.none_button)
        self.body().addLayout(row)
        self.list = QListWidget(self.ui)
        self.list.setAccessibleName("参训人员名单")
        # the roll in columns, as on a sign-in sheet: a name a click
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(6)
        self.body().addWidget(self.list, 1)
        self.count_label = QLabel(self.ui)
        set_role(self.count_label, "hint")
        self.body().addWidget(self.count_label)
        error = error_label(self.ui)
        self.body().addWidget(error)
        self.add_field("attendance", error, self.list)
        self.names = people_names()
        self._day: dt.date | None = None
        self.list.itemChanged.connect(lambda _item: self._ticked())
        self.search_edit.textChanged.connect(self._filter)
        self.all_button.clicked.connect(lambda: self.tick_all(True))
        self.none_button.clicked.connect(lambda: self.tick_all(False))

    def _basics(self) -> TrainingBasicsPage:
        page = self.owner.pages[0]
        assert isinstance(page, TrainingBasicsPage)
        return page

    def ticked(self) -> list[int]:
        return [
            int(item.data(MEMBER_ROLE))
            for item in (self.list.item(i) for i in range(self.list.count()))
            if item.checkState() == Qt.CheckState.Checked
        ]

    def show_day(self, day: dt.date, ticked: list[int]) -> None:
        """The members of ``day`` (pinyin order), those in ``ticked`` ticked; one ticked but
        not a member that day is listed at the end, marked, for the check to name."""
        choices = order_choices(attendee_choices(day))
        on_roll = {member_id for member_id, _name in choices}
        read_only = self.owner.mode is Mode.READ_ONLY
        self.list.blockSignals(True)
        self.list.clear()
        off_roll = [
            (m, f"{self.names.get(m, '')}{NOT_ON_ROLL}") for m in ticked if m not in on_roll
        ]
        for member_id, name in [*choices, *off_roll]:
            item = QListWidgetItem(name, self.list)
            item.setData(MEMBER_ROLE, member_id)
            flags = Qt.ItemFlag.ItemIsEnabled
            if not read_only:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            checked = member_id in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self._day = day
        self._filter(self.search_edit.text())
        self._count()

    def tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            if not item.isHidden() and not item.text().endswith(NOT_ON_ROLL):
                item.setCheckState(state)
        self.list.blockSignals(False)
        self._ticked()

    def _filter(self, text: str) -> None:
        wanted = text.strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text())

    def _count(self) -> None:
        self.count_label.setText(f"已勾选 {len(self.ticked())} 人，名单共 {self.list.count()} 人")

    def _ticked(self) -> None:
        self._count()
        self.recheck_shown({"attendance"})

    def initializePage(self) -> None:
        day = self._basics().held_on()
        if day != self._day:
            self.show_day(day, self.ticked())

    def load(self, form: TrainingForm) -> None:
        ticked = [e.member_id for e in form.attendance if e.member_id is not None]
        self.show_day(form.held_on, ticked)

    def fill(self, form: TrainingForm) -> None:
        form.attendance = [
            AttendanceEntry(member_id=m, name=self.names.get(m, "")) for m in self.ticked()
        ]

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.all_button, self.none_button):
            widget.setVisible(not read_only)
        if self._day is not None:
            self.show_day(self._day, self.ticked())


# --- step 3 --------------------------------------------------------------------------------


class ContentPage(TextAndFilesPage):
    step_title = "内容和证书"
    subtitle = "简要记下培训内容。有证书的可以添加扫描件或照片，没有也可以。"
    text_label = "培训内容："
    placeholder = "如 学习《中国共产党支部工作条例（试行）》，交流经验"
    files_label = "证书（可不添加）："
    add_buttons = CERTIFICATE_BUTTONS
    files_empty = CERTIFICATES_EMPTY


class TrainingReviewPage(ReviewPage):
    form_name = "training_review"


# --- the wizard ------------------------------------------------------------------------------


class TrainingWizard(DraftWizard):
    """Records one training. ``form`` from ``new_training_form``, ``load_training`` or
    ``TRAINING.copy_last``; ``record_id`` and ``mode`` for a saved record."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        TrainingBasicsPage,
        AttendeesPage,
        ContentPage,
        TrainingReviewPage,
    )
    KIND = TRAINING
    # a training still running may be kept as a draft through the steps
    LENIENT: ClassVar[frozenset[str]] = frozenset({"held_on", "ends_on"})
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "开始日期",
        "ends_on": "结束日期",
        "title": "培训名称",
        "organiser": "主办单位",
        "place": "地点",
        "class_hours": "学时",
        "content": "培训内容",
        "attendance": "参训人员",
    }

    def describe_value(self, key: str, value: object) -> str:
        if key == "ends_on" and isinstance(value, str):
            try:
                return format_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        if key == "attendance" and isinstance(value, list):
            return "、".join(str(e.get("name", "")) for e in value if isinstance(e, dict))
        return super().describe_value(key, value)

    def review_html(self, form: Any) -> str:
        assert isinstance(form, TrainingForm)
        names = [e.name for e in form.attendance]
        files = "、".join(a.file_name for a in form.attachments)
        minimum = training_rules().min_hours_per_year
        return review_table(
            [
                ("培训时间", when_text(form.held_on, form.ends_on)),
                ("培训名称", form.title.strip()),
                ("主办单位", form.organiser.strip()),
                ("地点", form.place.strip()),
                ("学时", f"{form.class_hours}学时" if form.class_hours else ""),
                ("参训人员", f"{len(names)} 人：{'、'.join(names)}" if names else ""),
                ("培训内容", form.content.strip()),
                ("证书和材料", f"{len(form.attachments)} 个：{files}" if files else "无"),
                ("说明", f"学时计入每名参训党员的本年学时（每年一般不少于{minimum}学时）"),
            ]
        )
