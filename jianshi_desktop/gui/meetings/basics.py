"""Step 1 of the meeting wizard, 基本情况: kind, group, day and time, place, chair and
recorder, the agenda (or, for a 党课, the lecture), the tags — and 打印会议通知 before the
meeting."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.procedures import MEETING_TAGS
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child
from jianshi_desktop.gui.common.widgets import set_role, show_problem
from jianshi_desktop.gui.meetings.step import MeetingStep
from jianshi_desktop.gui.records.pickers import (
    combo_line,
    combo_member,
    combo_person,
    fill_member_combo,
    fill_person_combo,
    present_members,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services.meetings import (
    AgendaEntry,
    MeetingForm,
    known_places,
    member_choices,
    secretary_id,
)

if TYPE_CHECKING:
    from jianshi_desktop.gui.meetings.wizard import MeetingWizard


class BasicsPage(MeetingStep):
    form_name = "meeting_basics"
    step_title = "基本情况"
    subtitle = "会议类别、时间地点、主持人和记录人，以及要讨论的议题。"
    SCROLLED = True
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {
        "held_on": ("dateError", "dateEdit"),
        "party_group_id": ("groupError", "groupCombo"),
        "starts_at": ("timeError", "startEdit"),
        "ends_at": ("timeError", "endEdit"),
        "place": ("placeError", "placeCombo"),
        "chair_id": ("chairError", "chairCombo"),
        "recorder_id": ("recorderError", "recorderCombo"),
        "agenda": ("agendaError", "agendaEdit"),
        "lecturer": ("lecturerError", "lecturerCombo"),
        "title": ("lectureTitleError", "lectureTitleEdit"),
    }

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        ui = self.ui
        self.form_layout = child(ui, QFormLayout, "basicForm")
        self.kind_combo = child(ui, QComboBox, "kindCombo")
        self.group_combo = child(ui, QComboBox, "groupCombo")
        self.date_edit = child(ui, QDateEdit, "dateEdit")
        self.start_edit = child(ui, QLineEdit, "startEdit")
        self.end_edit = child(ui, QLineEdit, "endEdit")
        self.place_combo = child(ui, QComboBox, "placeCombo")
        self.chair_combo = child(ui, QComboBox, "chairCombo")
        self.chair_label = child(ui, QLabel, "chairLabel")
        self.recorder_combo = child(ui, QComboBox, "recorderCombo")
        self.agenda_box = child(ui, QGroupBox, "agendaBox")
        self.agenda_list = child(ui, QListWidget, "agendaList")
        self.agenda_edit = child(ui, QLineEdit, "agendaEdit")
        self.add_agenda_button = child(ui, QPushButton, "addAgendaButton")
        self.up_button = child(ui, QPushButton, "upButton")
        self.down_button = child(ui, QPushButton, "downButton")
        self.remove_agenda_button = child(ui, QPushButton, "removeAgendaButton")
        self.lecture_box = child(ui, QGroupBox, "lectureBox")
        self.lecturer_combo = child(ui, QComboBox, "lecturerCombo")
        self.lecture_title_edit = child(ui, QLineEdit, "lectureTitleEdit")
        self.duration_spin = child(ui, QSpinBox, "durationSpin")
        self.tags_grid = child(ui, QGridLayout, "tagsGrid")
        self._add_notice_row()
        for hint in ("agendaHint", "tagsHint"):
            set_role(child(ui, QLabel, hint), "hint")
        self.tag_boxes: dict[str, QCheckBox] = {}
        self._default_chair: int | None = None
        self._original_tags: list[str] = []
        self._lecturer: tuple[int | None, str] = (None, "")
        self._set_up()

    def _add_notice_row(self) -> None:
        """打印会议通知: before the meeting, the notice from what this step holds."""
        self.notice_row = QWidget(self.ui)
        notice_layout = QHBoxLayout(self.notice_row)
        notice_layout.setContentsMargins(0, 6, 0, 0)
        self.notice_button = QPushButton("打印会议通知…", self.notice_row)
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.setAutoDefault(False)
        self.notice_button.setToolTip(
            "会前把会议通知打印出来，或保存为 PDF、Word 发给党员：时间、地点、议题和参加人员"
            "都取自这一步（先自动存为草稿）"
        )
        notice_hint = QLabel("会前可以打印会议通知，或保存为 PDF、Word 文件发给党员。", self.ui)
        notice_hint.setWordWrap(True)
        set_role(notice_hint, "hint")
        notice_layout.addWidget(self.notice_button)
        notice_layout.addWidget(notice_hint, 1)
        body_layout = self.ui.layout()
        if isinstance(body_layout, QVBoxLayout):
            body_layout.addWidget(self.notice_row)
            body_layout.addStretch(1)  # keep the fields at the top when 议题 is hidden

    # --- building -----------------------------------------------------------------------

    def _set_up(self) -> None:
        owner = self.owner
        for kind in MeetingKind:
            self.kind_combo.addItem(kind.label, kind.value)
        for group in owner.groups:
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setPlaceholderText("请选择党小组")
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        today = owner.today()
        self.date_edit.setMaximumDate(QDate(today.year + 1, 12, 31))
        self.date_edit.setMaximumWidth(
            self.date_edit.fontMetrics().horizontalAdvance("2024年12月31日") + 60
        )
        for edit in (self.start_edit, self.end_edit):
            edit.setMaximumWidth(edit.fontMetrics().horizontalAdvance("00:000") + 24)
        self.place_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo_line(self.place_combo).setPlaceholderText("如 学校会议室")
        combo_line(self.place_combo).setMaxLength(60)
        self.lecture_title_edit.setPlaceholderText("如 学习党章，做合格党员")
        combo_line(self.lecturer_combo).setPlaceholderText("选择党员，或输入支部以外讲课人的姓名")
        self.duration_spin.setRange(0, 600)
        self.duration_spin.setSingleStep(10)
        self.duration_spin.setSpecialValueText("未填写")
        self.duration_spin.setSuffix(" 分钟")
        self.agenda_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.agenda_list.setMinimumHeight(110)
        self.agenda_list.setAccessibleName("议题")
        self.add_agenda_button.setAutoDefault(False)
        for button in (self.up_button, self.down_button, self.remove_agenda_button):
            button.setAutoDefault(False)
        for number, tag in enumerate(MEETING_TAGS):
            box = QCheckBox(tag, self.ui)
            self.tags_grid.addWidget(box, number // 2, number % 2)
            self.tag_boxes[tag] = box

        times = {"starts_at", "ends_at"}
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.group_combo.currentIndexChanged.connect(lambda _i: self._group_changed())
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.start_edit.editingFinished.connect(lambda: self.check(times))
        self.end_edit.editingFinished.connect(lambda: self.check(times))
        self.start_edit.textEdited.connect(lambda _t: self.recheck_shown(times))
        self.end_edit.textEdited.connect(lambda _t: self.recheck_shown(times))
        place = combo_line(self.place_combo)
        self.watch("place", place.editingFinished, changed=self.place_combo.currentTextChanged)
        self.chair_combo.currentIndexChanged.connect(lambda _i: self.recheck_shown({"chair_id"}))
        self.recorder_combo.currentIndexChanged.connect(
            lambda _i: self.recheck_shown({"recorder_id"})
        )
        lecturer = combo_line(self.lecturer_combo)
        self.watch(
            "lecturer", lecturer.editingFinished, changed=self.lecturer_combo.currentTextChanged
        )
        title = self.lecture_title_edit
        self.watch("title", title.editingFinished, changed=title.textEdited)
        self.agenda_edit.returnPressed.connect(self.add_agenda_from_edit)
        self.add_agenda_button.clicked.connect(self.add_agenda_from_edit)
        self.up_button.clicked.connect(lambda: self.move_agenda(-1))
        self.down_button.clicked.connect(lambda: self.move_agenda(1))
        self.remove_agenda_button.clicked.connect(self.remove_selected_agenda)
        self.notice_button.clicked.connect(lambda: self.owner.print_notice())
        self.agenda_list.itemChanged.connect(self._agenda_renamed)
        self.agenda_list.currentRowChanged.connect(lambda _r: self._update_agenda_buttons())

    # --- form ↔ widgets ---------------------------------------------------------------

    def load(self, form: MeetingForm) -> None:
        owner = self.owner
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(form.kind.value))
        self.kind_combo.blockSignals(False)
        self.group_combo.blockSignals(True)
        index = self.group_combo.findData(form.party_group_id)
        if form.party_group_id is not None and index < 0:
            self.group_combo.addItem("（已删除的党小组）", form.party_group_id)
            index = self.group_combo.count() - 1
        self.group_combo.setCurrentIndex(index if form.party_group_id is not None else -1)
        self.group_combo.blockSignals(False)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(form.held_on.year, form.held_on.month, form.held_on.day))
        self.date_edit.blockSignals(False)
        self.start_edit.setText(form.starts_at)
        self.end_edit.setText(form.ends_at)
        self.place_combo.blockSignals(True)
        self.place_combo.clear()
        self.place_combo.addItems(known_places())
        self.place_combo.setCurrentIndex(-1)
        self.place_combo.setEditText(form.place)
        self.place_combo.blockSignals(False)
        present = present_members(form.attendance)  # who is expected: the likely chair
        fill_member_combo(
            self.chair_combo, owner.choices, owner.names, form.chair_id, present_first=present
        )
        fill_member_combo(
            self.recorder_combo,
            owner.choices,
            owner.names,
            form.recorder_id,
            present_first=present,
        )
        self._default_chair = form.chair_id
        self._lecturer = (form.lecturer_id, form.lecturer_name)
        fill_person_combo(
            self.lecturer_combo, owner.choices, form.lecturer_id, form.lecturer_name, owner.names
        )
        self.lecture_title_edit.setText(form.title)
        self.duration_spin.blockSignals(True)
        self.duration_spin.setValue(form.duration_minutes or 0)
        self.duration_spin.blockSignals(False)
        self._original_tags = list(form.tags)
        for tag, box in self.tag_boxes.items():
            box.blockSignals(True)
            box.setChecked(tag in form.tags)
            box.blockSignals(False)
        self._fill_agenda_list()
        self._show_kind()

    def fill(self, form: MeetingForm) -> None:
        """The agenda is edited in the working form itself (its sections follow it)."""
        form.kind = self.kind()
        form.party_group_id = combo_member(self.group_combo) if self._is_group() else None
        form.held_on = self.held_on()
        form.starts_at = self.start_edit.text()
        form.ends_at = self.end_edit.text()
        form.place = self.place_combo.currentText()
        form.chair_id = combo_member(self.chair_combo)
        form.recorder_id = combo_member(self.recorder_combo)
        if form.kind is MeetingKind.LECTURE:
            form.lecturer_id, form.lecturer_name = combo_person(self.lecturer_combo, self._lecturer)
            form.title = self.lecture_title_edit.text()
            form.duration_minutes = self.duration_spin.value() or None
        form.tags = self.tags()

    def kind(self) -> MeetingKind:
        return MeetingKind(self.kind_combo.currentData())

    def held_on(self) -> dt.date:
        day = self.date_edit.date()
        return dt.date(day.year(), day.month(), day.day())

    def tags(self) -> list[str]:
        """The ticked tags: those the record had first, in its order, then new ones."""
        ticked = {tag for tag, box in self.tag_boxes.items() if box.isChecked()}
        kept = [t for t in self._original_tags if t in ticked or t not in self.tag_boxes]
        return kept + [t for t in MEETING_TAGS if t in ticked and t not in kept]

    def _is_group(self) -> bool:
        return self.kind() is MeetingKind.GROUP

    @property
    def _agenda(self) -> list[AgendaEntry]:
        return self.owner.work.agenda

    # --- reacting -----------------------------------------------------------------------

    def _show_kind(self) -> None:
        kind = self.kind()
        self.form_layout.setRowVisible(1, kind is MeetingKind.GROUP)
        lecture = kind is MeetingKind.LECTURE
        self.agenda_box.setVisible(not lecture)
        self.lecture_box.setVisible(lecture)
        star = "" if lecture else ' <span style="color:#C8161D;">*</span>'
        self.chair_label.setText(f"主持人{star}")

    def _kind_changed(self) -> None:
        self._show_kind()
        self._update_default_chair()
        self.owner.refresh_title()

    def _date_changed(self) -> None:
        """The pickers offer the members of the meeting day (rules.md §7); a person picked
        stays picked while still a member that day."""
        owner = self.owner
        owner.choices = member_choices(self.held_on())
        valid = {member_id for member_id, _name in owner.choices}
        if combo_member(self.chair_combo) == self._default_chair:
            self._default_chair = None  # still following the default: the day's default
            self.chair_combo.setCurrentIndex(-1)
        present = present_members(owner.work.attendance)
        for combo in (self.chair_combo, self.recorder_combo):
            picked = combo_member(combo)
            fill_member_combo(
                combo,
                owner.choices,
                owner.names,
                picked if picked in valid else None,
                present_first=present,
            )
        lecturer = combo_person(self.lecturer_combo, self._lecturer)
        if lecturer[0] is not None and lecturer[0] not in valid:
            lecturer = (None, "")
        fill_person_combo(self.lecturer_combo, owner.choices, *lecturer, owner.names)
        self._update_default_chair()
        self.recheck_shown({"held_on", "chair_id", "recorder_id"})
        self.update_notice_button()
        owner.refresh_title()

    def update_notice_button(self) -> None:
        """The notice is offered before the meeting (on its day too), while it is planned."""
        owner = self.owner
        planned = owner.mode in (Mode.NEW, Mode.DRAFT)
        self.notice_row.setVisible(planned and self.held_on() >= owner.today())

    def _group_changed(self) -> None:
        self._update_default_chair()
        self.recheck_shown({"party_group_id"})

    def _update_default_chair(self) -> None:
        """The chair follows the default (secretary, or the group's leader) until chosen."""
        default = secretary_id(self.held_on())
        if self._is_group():
            group_id = combo_member(self.group_combo)
            leader = next((g.leader_id for g in self.owner.groups if g.id == group_id), None)
            default = leader or default
        current = combo_member(self.chair_combo)
        if current == self._default_chair and default is not None:
            index = self.chair_combo.findData(default)
            if index >= 0:
                self.chair_combo.setCurrentIndex(index)
        self._default_chair = default

    # --- agenda -------------------------------------------------------------------------

    def _fill_agenda_list(self, select: int = -1) -> None:
        self.agenda_list.blockSignals(True)
        self.agenda_list.clear()
        for entry in self._agenda:
            item = QListWidgetItem(entry.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.agenda_list.addItem(item)
        self.agenda_list.blockSignals(False)
        if 0 <= select < len(self._agenda):
            self.agenda_list.setCurrentRow(select)
        self._update_agenda_buttons()

    def add_agenda(self, title: str) -> bool:
        title = squeeze(title)
        if not title:
            show_problem(self.errors["agenda"], Problem("agenda", "请先在框中输入议题的内容。"))
            return False
        self._agenda.append(AgendaEntry(title=title))
        self._fill_agenda_list(len(self._agenda) - 1)
        self.recheck_shown({"agenda"})
        return True

    def keep_typed(self) -> None:
        if squeeze(self.agenda_edit.text()) and not self.agenda_box.isHidden():
            self.add_agenda_from_edit()

    def add_agenda_from_edit(self) -> None:
        if self.add_agenda(self.agenda_edit.text()):
            self.agenda_edit.clear()
            self.agenda_edit.setFocus()

    def move_agenda(self, step: int) -> None:
        row = self.agenda_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self._agenda):
            return
        agenda = self._agenda
        agenda[row], agenda[target] = agenda[target], agenda[row]
        for resolution in self.owner.work.resolutions:
            if resolution.agenda_index == row:
                resolution.agenda_index = target
            elif resolution.agenda_index == target:
                resolution.agenda_index = row
        self._fill_agenda_list(target)

    def remove_selected_agenda(self) -> None:
        row = self.agenda_list.currentRow()
        if row < 0:
            return
        entry = self._agenda[row]
        resolutions = self.owner.work.resolutions
        attached = [r for r in resolutions if r.agenda_index == row]
        has_content = bool(squeeze(entry.discussion) or entry.speeches or attached)
        if has_content and not messages.ask(
            self,
            f"议题“{entry.title}”下已经记录了讨论、发言或决议，删除议题会把这些内容一并删除。",
            title="删除议题",
            yes_text="删除",
            no_text="保留",
        ):
            return
        del self._agenda[row]
        kept = []
        for resolution in resolutions:
            if resolution.agenda_index == row:
                continue
            if resolution.agenda_index is not None and resolution.agenda_index > row:
                resolution.agenda_index -= 1
            kept.append(resolution)
        resolutions[:] = kept
        self._fill_agenda_list(min(row, len(self._agenda) - 1))
        self.recheck_shown({"agenda"})

    def _agenda_renamed(self, item: QListWidgetItem) -> None:
        row = self.agenda_list.row(item)
        if not 0 <= row < len(self._agenda):
            return
        title = squeeze(item.text())
        if not title:  # emptied: keep the old text; deleting has its own button
            self.agenda_list.blockSignals(True)
            item.setText(self._agenda[row].title)
            self.agenda_list.blockSignals(False)
            return
        self._agenda[row].title = title

    def _update_agenda_buttons(self) -> None:
        read_only = self.owner.mode is Mode.READ_ONLY
        row = self.agenda_list.currentRow()
        self.up_button.setEnabled(row > 0 and not read_only)
        self.down_button.setEnabled(0 <= row < len(self._agenda) - 1 and not read_only)
        self.remove_agenda_button.setEnabled(row >= 0 and not read_only)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.agenda_list.setEnabled(True)  # to scroll through; editing follows the buttons
        triggers = QAbstractItemView.EditTrigger.NoEditTriggers
        if not read_only:
            triggers = (
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
        self.agenda_list.setEditTriggers(triggers)
        self._update_agenda_buttons()
        self.update_notice_button()
