"""三会一课: the meeting wizard — 基本情况, 出席情况, 会议内容, 附件, 核对.

The wizard edits one :class:`services.meetings.MeetingForm`. The pages are listed in
:attr:`MeetingWizard.PAGES`; each writes its widgets into the form when it is left
(``flush``) and checks its own fields in ``validatePage()`` with
:func:`services.meetings.check_meeting`, showing each problem beside its field.

Drafts: a new record or a draft is saved as a draft (``save_meeting_draft``) when the
user moves between pages, a moment after each edit, on 存为草稿, and when the wizard is
closed or cancelled — without asking, and only once something was entered. 完成 calls
``finish_meeting``; the list then offers to archive. Records that are already finished are
edited without drafts (closing asks before dropping changes); archived records open on
the 核对 page, read-only, with 更正… which turns the wizard into amend mode: nothing is
saved until 保存更正 with a reason (``amend_meeting``).
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar, Literal, TypeVar

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from jianshi_desktop import APP_NAME
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    AttendanceRole,
    MeetingKind,
    Presence,
    RecordState,
    ResolutionKind,
)
from jianshi_desktop.domain.meetings import (
    VoteOutcome,
    is_no_resolution,
    needs_quorum,
    no_resolution_text,
    takes_written_opinions,
    written_opinion_problem,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.procedures import MEETING_TAGS
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.icons import app_icon
from jianshi_desktop.gui.common.widgets import (
    alive,
    make_primary,
    scaled_font,
    set_role,
    show_problem,
    shown_problem,
)
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.gui.records.attendance import AttendanceEditor, merge_attendance
from jianshi_desktop.gui.records.pickers import (
    combo_line,
    combo_member,
    combo_person,
    fill_member_combo,
    fill_person_combo,
    people_names,
    person_text,
)
from jianshi_desktop.services import records
from jianshi_desktop.services.meetings import (
    RECORD_TYPE,
    AgendaEntry,
    MeetingForm,
    ResolutionEntry,
    SpeechEntry,
    amend_meeting,
    check_meeting,
    entrusted_chair,
    expected_attendance,
    finish_meeting,
    known_places,
    load_meeting,
    meeting_state,
    meeting_title,
    member_choices,
    people_present_problems,
    save_meeting_draft,
    secretary_id,
)
from jianshi_desktop.services.organization import GroupRow, list_groups

PageT = TypeVar("PageT", bound=QWizardPage)

log = logging.getLogger(__name__)

Mode = Literal["edit", "view", "amend"]

STEPS = 5
AUTOSAVE_MS = 1500  # a moment after the last edit: a crash loses at most the field typed
MAX_VOTES = 999
NUMBERS = "一二三四五六七八九十"
DRAFT_BUTTON = QWizard.WizardButton.CustomButton1
AMEND_BUTTON = QWizard.WizardButton.CustomButton2

# check_meeting's fields, by the page that edits them
BASIC_FIELDS = (
    "held_on",
    "party_group_id",
    "starts_at",
    "ends_at",
    "place",
    "chair_id",
    "recorder_id",
    "agenda",
    "lecturer",
    "title",
)
PAGE_OF_FIELD = {
    **{name: 0 for name in BASIC_FIELDS},
    "attendance": 1,
    "quorum": 1,
    "resolutions": 2,
}


def ordinal(number: int) -> str:
    """议题一, 议题二 … 议题十, then 议题11."""
    return NUMBERS[number - 1] if 1 <= number <= len(NUMBERS) else str(number)


def _text_box(lines: int, parent: QWidget | None = None) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    height = box.fontMetrics().lineSpacing() * lines + 14
    box.setFixedHeight(height)
    return box


# --- the pages ---------------------------------------------------------------------------


class _Page(QWizardPage):
    """One step: a title that says what it is for, a body, and the draft note below."""

    step: ClassVar[int] = 0
    page_title: ClassVar[str] = ""
    page_subtitle: ClassVar[str] = ""

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setTitle(f"第{self.step}步（共{STEPS}步）：{self.page_title}")
        self.setSubTitle(self.page_subtitle)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(0, 0, 0, 0)
        self.outer.setSpacing(8)
        self.note = QLabel(self)
        self.note.setObjectName("draftNote")
        set_role(self.note, "hint")

    def _end_layout(self) -> None:
        self.outer.addWidget(self.note)

    def _scrolled(self, body: QWidget) -> QScrollArea:
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        return scroll

    def load(self, form: MeetingForm) -> None:
        """Show ``form`` in the widgets."""

    def flush(self, form: MeetingForm) -> None:
        """Write the widgets into ``form``."""

    def cleanupPage(self) -> None:  # going back: keep what was typed
        self.flush(self.owner.form)


class BasicsPage(_Page):
    step = 1
    page_title = "基本情况"
    page_subtitle = "会议类别、时间地点、主持人和记录人，以及要讨论的议题。"

    ERROR_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "dateError",
        "party_group_id": "groupError",
        "starts_at": "timeError",
        "ends_at": "timeError",
        "place": "placeError",
        "chair_id": "chairError",
        "recorder_id": "recorderError",
        "agenda": "agendaError",
        "lecturer": "lecturerError",
        "title": "lectureTitleError",
    }

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        body = QWidget(self)
        self.ui = load_form("meeting_basics", body)
        self.outer.addWidget(self._scrolled(body), 1)
        self._end_layout()
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
        body_layout = ui.layout()
        # 打印会议通知: before the meeting, the notice from what this step holds
        self.notice_row = QWidget(body)
        notice_layout = QHBoxLayout(self.notice_row)
        notice_layout.setContentsMargins(0, 6, 0, 0)
        self.notice_button = QPushButton("打印会议通知…", self.notice_row)
        self.notice_button.setObjectName("noticeButton")
        self.notice_button.setAutoDefault(False)
        self.notice_button.setToolTip(
            "会前把会议通知打印出来，或保存为 PDF、Word 发给党员：时间、地点、议题和参加人员"
            "都取自这一步（先自动存为草稿）"
        )
        notice_hint = QLabel("会前可以打印会议通知，或保存为 PDF、Word 文件发给党员。", body)
        notice_hint.setWordWrap(True)
        set_role(notice_hint, "hint")
        notice_layout.addWidget(self.notice_button)
        notice_layout.addWidget(notice_hint, 1)
        if isinstance(body_layout, QVBoxLayout):
            body_layout.addWidget(self.notice_row)
            body_layout.addStretch(1)  # keep the fields at the top when 议题 is hidden
        self.errors = {field: child(ui, QLabel, name) for field, name in self.ERROR_LABELS.items()}
        for label in self.errors.values():
            show_problem(label, None)
        for hint in ("agendaHint", "tagsHint"):
            set_role(child(ui, QLabel, hint), "hint")
        self.tag_boxes: dict[str, QCheckBox] = {}
        self._agenda: list[AgendaEntry] = []
        self._default_chair: int | None = None
        self._original_tags: list[str] = []
        self._lecturer: tuple[int | None, str] = (None, "")
        self._set_up()

    # --- building -----------------------------------------------------------------------

    def _set_up(self) -> None:
        for kind in MeetingKind:
            self.kind_combo.addItem(kind.label, kind.value)
        self.groups: list[GroupRow] = list_groups()
        for group in self.groups:
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.setPlaceholderText("请选择党小组")
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setMinimumDate(QDate(2000, 1, 1))
        today = self.owner.today()
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

        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.group_combo.currentIndexChanged.connect(lambda _i: self._group_changed())
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.start_edit.editingFinished.connect(lambda: self.check({"starts_at", "ends_at"}))
        self.end_edit.editingFinished.connect(lambda: self.check({"starts_at", "ends_at"}))
        self.start_edit.textEdited.connect(lambda _t: self._edited({"starts_at", "ends_at"}))
        self.end_edit.textEdited.connect(lambda _t: self._edited({"starts_at", "ends_at"}))
        combo_line(self.place_combo).editingFinished.connect(lambda: self.check({"place"}))
        self.place_combo.currentTextChanged.connect(lambda _t: self._edited({"place"}))
        self.chair_combo.currentIndexChanged.connect(lambda _i: self._edited({"chair_id"}))
        self.recorder_combo.currentIndexChanged.connect(lambda _i: self._edited({"recorder_id"}))
        combo_line(self.lecturer_combo).editingFinished.connect(lambda: self.check({"lecturer"}))
        self.lecturer_combo.currentTextChanged.connect(lambda _t: self._edited({"lecturer"}))
        self.lecture_title_edit.editingFinished.connect(lambda: self.check({"title"}))
        self.lecture_title_edit.textEdited.connect(lambda _t: self._edited({"title"}))
        self.duration_spin.valueChanged.connect(lambda _v: self._edited(set()))
        for box in self.tag_boxes.values():
            box.toggled.connect(lambda _c: self._edited(set()))
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
        fill_member_combo(self.chair_combo, owner.choices, owner.names, form.chair_id)
        fill_member_combo(self.recorder_combo, owner.choices, owner.names, form.recorder_id)
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
        self._agenda = form.agenda
        self._fill_agenda_list()
        self._show_kind()

    def flush(self, form: MeetingForm) -> None:
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
        form.agenda = self._agenda

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

    # --- reacting -----------------------------------------------------------------------

    def _show_kind(self) -> None:
        kind = self.kind()
        self.form_layout.setRowVisible(1, kind is MeetingKind.GROUP)
        lecture = kind is MeetingKind.LECTURE
        self.agenda_box.setVisible(not lecture)
        self.lecture_box.setVisible(lecture)
        star = "" if lecture else ' <span style="color:#C8161D;">*</span>'
        self.chair_label.setText(f"主持人{star}")
        self.owner.refresh_title()

    def _kind_changed(self) -> None:
        self.owner.form.kind = self.kind()
        self._show_kind()
        self._update_default_chair()
        self._edited(set())

    def _date_changed(self) -> None:
        """The pickers offer the members of the meeting day (rules.md §7); a person picked
        stays picked while still a member that day."""
        owner = self.owner
        owner.choices = member_choices(self.held_on())
        valid = {member_id for member_id, _name in owner.choices}
        if combo_member(self.chair_combo) == self._default_chair:
            self._default_chair = None  # still following the default: the day's default
            self.chair_combo.setCurrentIndex(-1)
        for combo in (self.chair_combo, self.recorder_combo):
            picked = combo_member(combo)
            fill_member_combo(
                combo, owner.choices, owner.names, picked if picked in valid else None
            )
        lecturer = combo_person(self.lecturer_combo, self._lecturer)
        if lecturer[0] is not None and lecturer[0] not in valid:
            lecturer = (None, "")
        fill_person_combo(self.lecturer_combo, owner.choices, *lecturer, owner.names)
        self._update_default_chair()
        self._edited({"held_on", "chair_id", "recorder_id"})
        self.update_notice_button()

    def update_notice_button(self) -> None:
        """The notice is offered before the meeting (on its day too), while it is planned."""
        owner = self.owner
        self.notice_row.setVisible(owner.drafts_allowed() and self.held_on() >= owner.today())

    def _group_changed(self) -> None:
        self._update_default_chair()
        self._edited({"party_group_id"})

    def _update_default_chair(self) -> None:
        """The chair follows the default (secretary, or the group's leader) until chosen."""
        default = secretary_id(self.held_on())
        if self._is_group():
            group_id = combo_member(self.group_combo)
            leader = next((g.leader_id for g in self.groups if g.id == group_id), None)
            default = leader or default
        current = combo_member(self.chair_combo)
        if current == self._default_chair and default is not None:
            index = self.chair_combo.findData(default)
            if index >= 0:
                self.chair_combo.setCurrentIndex(index)
        self._default_chair = default

    def _edited(self, fields: set[str]) -> None:
        """A field changed: re-check the problems already shown, keep the draft fresh."""
        shown = {f for f in fields if not self.errors[f].isHidden()}
        if shown:
            self.check(shown)
        self.owner.edited()

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

    def agenda_titles(self) -> list[str]:
        return [entry.title for entry in self._agenda]

    def add_agenda(self, title: str) -> bool:
        title = squeeze(title)
        if not title:
            show_problem(self.errors["agenda"], Problem("agenda", "请先在框中输入议题的内容。"))
            return False
        self._agenda.append(AgendaEntry(title=title))
        self._fill_agenda_list(len(self._agenda) - 1)
        self._edited({"agenda"})
        return True

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
        for resolution in self.owner.form.resolutions:
            if resolution.agenda_index == row:
                resolution.agenda_index = target
            elif resolution.agenda_index == target:
                resolution.agenda_index = row
        self._fill_agenda_list(target)
        self._edited(set())

    def remove_selected_agenda(self) -> None:
        row = self.agenda_list.currentRow()
        if row < 0:
            return
        entry = self._agenda[row]
        resolutions = self.owner.form.resolutions
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
        self._edited({"agenda"})

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
        self._edited(set())

    def _update_agenda_buttons(self) -> None:
        row = self.agenda_list.currentRow()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(self._agenda) - 1)
        self.remove_agenda_button.setEnabled(row >= 0)

    # --- checking -----------------------------------------------------------------------

    def check(self, only: set[str] | None = None) -> list[str]:
        """Show the problems of this page's fields (or of ``only``); the fields in error.

        A meeting date later than today is shown as a note only: a draft may be
        prepared ahead; it is an error when finishing.
        """
        if not alive(self, *self.errors.values()):
            return []  # a field left while the wizard is being deleted
        wanted = set(self.ERROR_LABELS) if only is None else only
        labels = {self.ERROR_LABELS[field] for field in wanted}
        found: dict[str, list[Problem]] = {name: [] for name in labels}
        for problem in check_meeting(self.owner.current_form(), today=self.owner.today()):
            name = self.ERROR_LABELS.get(problem.field)
            if name in found:
                if problem.field == "held_on":
                    problem = Problem(problem.field, problem.message, "warning")
                found[name].append(problem)
        wrong: list[str] = []
        for name, problems in found.items():
            field = next(f for f, n in self.ERROR_LABELS.items() if n == name)
            if not problems:
                show_problem(self.errors[field], None)
                continue
            errors = [p for p in problems if p.is_error]
            shown = errors or problems
            joined = "".join(dict.fromkeys(p.message for p in shown))
            show_problem(self.errors[field], Problem(field, joined, shown[0].severity))
            wrong += [p.field for p in errors]
        order = list(self.ERROR_LABELS)
        return sorted(set(wrong), key=order.index)

    def field_error(self, field: str) -> str:
        return shown_problem(self.errors[field])

    def validatePage(self) -> bool:
        self.flush(self.owner.form)
        wrong = self.check()
        focus: dict[str, QWidget] = {
            "party_group_id": self.group_combo,
            "starts_at": self.start_edit,
            "ends_at": self.end_edit,
            "place": self.place_combo,
            "chair_id": self.chair_combo,
            "recorder_id": self.recorder_combo,
            "agenda": self.agenda_edit,
            "lecturer": self.lecturer_combo,
            "title": self.lecture_title_edit,
        }
        if wrong:
            focus.get(wrong[0], self.kind_combo).setFocus()
            return False
        return True


class AttendancePage(_Page):
    step = 2
    page_title = "出席情况"
    page_subtitle = (
        "应到名单已按会议类别从名册中取好。请点选请假或缺席的人并写明原因，有列席的请添加。"
    )

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.editor = AttendanceEditor(self, members=owner.choices)
        self.error = QLabel(self)
        show_problem(self.error, None)
        self.chair_note = QLabel(self)  # 受委托主持, when the secretary is away
        self.chair_note.setWordWrap(True)
        set_role(self.chair_note, "hint")
        self.chair_note.setVisible(False)
        self.outer.addWidget(self.editor, 1)
        self.outer.addWidget(self.chair_note)
        self.outer.addWidget(self.error)
        self._end_layout()
        self._key: tuple[MeetingKind, int | None, dt.date] | None = None
        self.editor.changed.connect(self._edited)

    @staticmethod
    def key_of(form: MeetingForm) -> tuple[MeetingKind, int | None, dt.date]:
        return (form.kind, form.party_group_id, form.held_on)

    def load(self, form: MeetingForm) -> None:
        self.editor.set_kind(form.kind)
        self.editor.set_entries(form.attendance)
        self._key = self.key_of(form)

    def initializePage(self) -> None:
        form = self.owner.form
        self.editor.set_member_choices(self.owner.choices)  # 列席: members of the day
        key = self.key_of(form)
        if key != self._key:  # kind, group or date changed on step 1: who is expected?
            fresh = expected_attendance(
                form.kind, on=form.held_on, party_group_id=form.party_group_id
            )
            self.editor.set_kind(form.kind)
            self.editor.set_entries(merge_attendance(self.editor.entries(), fresh))
            self._key = key
            self.flush(form)
        show_problem(self.error, None)
        self._show_chair_note()

    def flush(self, form: MeetingForm) -> None:
        form.attendance = self.editor.entries()

    def _edited(self) -> None:
        if not self.error.isHidden():
            self.check()
        self._show_chair_note()
        self.owner.edited()

    def _form_now(self) -> MeetingForm:
        return replace(self.owner.form, attendance=self.editor.entries())

    def _show_chair_note(self) -> None:
        """支部工作条例 ch. 5: the 书记 away, the chair is entrusted; the minutes say so."""
        form = self._form_now()
        if form.chair_id is None or not entrusted_chair(form):
            self.chair_note.setVisible(False)
            return
        secretary = secretary_id(form.held_on)
        names = self.owner.names
        self.chair_note.setText(
            f"书记{names.get(secretary or 0, '')}不能到会，由{names.get(form.chair_id, '')}"
            "受委托主持，会议记录中将注明“受委托主持”。"
        )
        self.chair_note.setVisible(True)

    def check(self) -> bool:
        problems = self.editor.validate()
        expected = [e for e in self.editor.entries() if e.role is AttendanceRole.EXPECTED]
        message = ""
        if not expected:
            message = "应到名单是空的，不能继续。请核对党员名册，或回到上一步换一个党小组。"
        elif problems:
            message = f"还有{len(problems)}人没有写明请假或缺席的原因，请在名单中补上。"
        elif not any(e.presence is Presence.PRESENT for e in expected):
            message = "名单中没有人到会，请核对。"
        elif found := people_present_problems(self._form_now()):
            # the chair, the recorder and a lecturer attend (支部工作条例 ch. 5)
            message = found[0].message + "主持人、记录人和讲课人在第1步“基本情况”中选择。"
        show_problem(self.error, Problem("attendance", message) if message else None)
        return not message

    def validatePage(self) -> bool:
        self.flush(self.owner.form)
        return self.check()


class _SpeechRow(QFrame):
    """One speech: who spoke (a member or a typed name) and what was said."""

    def __init__(self, section: _AgendaSection, speech: SpeechEntry) -> None:
        super().__init__(section)
        owner = section.owner
        self.original = (speech.speaker_id, speech.speaker_name)
        self.speaker = QComboBox(self)
        self.speaker.setEditable(True)
        self.speaker.setMinimumContentsLength(7)
        self.speaker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        fill_person_combo(
            self.speaker, owner.choices, speech.speaker_id, speech.speaker_name, owner.names
        )
        combo_line(self.speaker).setPlaceholderText("发言人")
        self.speaker.setAccessibleName("发言人")
        self.content = _text_box(2, self)
        self.content.setPlainText(speech.content)
        self.content.setPlaceholderText("发言的主要内容")
        self.content.setAccessibleName("发言内容")
        self.remove_button = QPushButton("删除", self)
        self.remove_button.setAutoDefault(False)
        self.error = QLabel(self)
        show_problem(self.error, None)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.addWidget(self.speaker, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.content, 0, 1)
        grid.addWidget(self.remove_button, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.error, 1, 1)
        grid.setColumnStretch(1, 1)
        self.remove_button.clicked.connect(lambda: section.remove_speech(self))
        self.speaker.currentTextChanged.connect(lambda _t: section.owner.edited())
        self.content.textChanged.connect(section.owner.edited)

    def entry(self) -> SpeechEntry | None:
        """The speech, or None for a row left empty."""
        speaker_id, name = combo_person(self.speaker, self.original)
        content = self.content.toPlainText()
        if speaker_id is None and not name and not content.strip():
            return None
        return SpeechEntry(speaker_id, name, content)

    def check(self) -> bool:
        entry = self.entry()
        message = ""
        if entry is not None and not entry.content.strip():
            message = "请写上发言的主要内容，或删除这一条。"
        elif entry is not None and entry.speaker_id is None and not entry.speaker_name:
            message = "请选择或填写发言人。"
        show_problem(self.error, Problem("speech", message) if message else None)
        return not message


class _ResolutionRow(QFrame):
    """One resolution: its text, and the vote (同意 / 反对 / 弃权) or 不表决, with the result."""

    def __init__(self, section: _AgendaSection, resolution: ResolutionEntry) -> None:
        super().__init__(section)
        self.section = section
        self.owner = section.owner
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("resolutionRow")
        self.text = _text_box(2, self)
        self.text.setPlainText(resolution.text)
        self.text.setPlaceholderText("决议的内容，如 同意确定张某某为入党积极分子")
        self.text.setAccessibleName("决议内容")
        self.remove_button = QPushButton("删除决议", self)
        self.remove_button.setAutoDefault(False)
        self.vote_check = QCheckBox("进行表决", self)
        self.vote_check.setChecked(resolution.voted)
        self.vote_check.setToolTip("不表决的决议（如传达、部署）只作记录，不写票数。")
        self.spins: dict[str, QSpinBox] = {}
        votes = QHBoxLayout()
        votes.setSpacing(6)
        votes.addWidget(self.vote_check)
        votes.addSpacing(10)
        values = (resolution.votes_for, resolution.votes_against, resolution.votes_abstain)
        for (key, text), value in zip(
            (("for", "同意"), ("against", "反对"), ("abstain", "弃权")), values, strict=True
        ):
            label = QLabel(text, self)
            spin = QSpinBox(self)
            spin.setRange(0, MAX_VOTES)
            spin.setValue(value or 0)
            spin.setSuffix(" 票")
            spin.setAccessibleName(f"{text}票数")
            label.setBuddy(spin)
            votes.addWidget(label)
            votes.addWidget(spin)
            votes.addSpacing(6)
            self.spins[key] = spin
            spin.valueChanged.connect(lambda _v: self._changed())
        self.all_for_button = QPushButton("全体同意", self)
        self.all_for_button.setAutoDefault(False)
        self.all_for_button.setToolTip("同意票填为到会的有表决权人数，反对、弃权为0")
        votes.addWidget(self.all_for_button)
        votes.addStretch(1)
        # 接收预备党员, 转正, 延长预备期, 取消预备党员资格, elections: voted per person, with
        # absent voters' written opinions counted apart (发展党员工作细则 2014; rules.md §7)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setAccessibleName("决议类别")
        for kind in ResolutionKind:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(resolution.kind))
        kind_label = QLabel("决议类别", self)
        kind_label.setBuddy(self.kind_combo)
        self.written_box = QWidget(self)
        self.written_box.setObjectName("writtenOpinions")
        written = QHBoxLayout(self.written_box)
        written.setContentsMargins(0, 0, 0, 0)
        written.setSpacing(6)
        written.addWidget(QLabel("书面意见", self.written_box))
        for key, text, value in (
            ("written_for", "同意", resolution.written_for),
            ("written_against", "反对", resolution.written_against),
        ):
            label = QLabel(text, self.written_box)
            spin = QSpinBox(self.written_box)
            spin.setRange(0, MAX_VOTES)
            spin.setValue(value or 0)
            spin.setSuffix(" 份")
            spin.setAccessibleName(f"书面意见{text}份数")
            spin.setToolTip(
                "因故不能到会的有表决权党员会前提交的书面意见：计入表决，不计入到会人数"
            )
            label.setBuddy(spin)
            written.addWidget(label)
            written.addWidget(spin)
            self.spins[key] = spin
            spin.valueChanged.connect(lambda _v: self._changed())
        self.written_note = QLabel(self.written_box)
        self.written_note.setObjectName("writtenOpinionCheck")
        self.written_note.setWordWrap(True)
        written.addWidget(self.written_note, 1)
        kinds = QHBoxLayout()
        kinds.setSpacing(6)
        kinds.addWidget(kind_label)
        kinds.addWidget(self.kind_combo)
        kinds.addSpacing(10)
        kinds.addWidget(self.written_box, 1)
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._changed())
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setObjectName("voteResult")
        self.error = QLabel(self)
        show_problem(self.error, None)
        top = QHBoxLayout()
        top.addWidget(self.text, 1)
        top.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(votes)
        layout.addLayout(kinds)
        layout.addWidget(self.result)
        self.vote_check.toggled.connect(self._vote_toggled)
        self.all_for_button.clicked.connect(self.all_for)
        self.text.textChanged.connect(self._changed)
        self.remove_button.clicked.connect(lambda: section.remove_resolution(self))
        self._show_vote_state()
        self.show_result()

    def entry(self, agenda_index: int | None) -> ResolutionEntry:
        voted = self.vote_check.isChecked()
        return ResolutionEntry(
            text=self.text.toPlainText(),
            agenda_index=agenda_index,
            votes_for=self.spins["for"].value() if voted else None,
            votes_against=self.spins["against"].value() if voted else None,
            votes_abstain=self.spins["abstain"].value() if voted else None,
            kind=self.resolution_kind(),
            written_for=self.spins["written_for"].value() if voted else None,
            written_against=self.spins["written_against"].value() if voted else None,
        )

    def resolution_kind(self) -> ResolutionKind:
        kind = self.kind_combo.currentData()  # Qt hands the value back as a plain str
        return ResolutionKind(kind) if kind else ResolutionKind.GENERAL

    def set_written(self, written_for: int, against: int = 0) -> None:
        """Written opinions of absent voters (only for per-person votes, rules.md §7)."""
        self.spins["written_for"].setValue(written_for)
        self.spins["written_against"].setValue(against)

    def _show_written(self) -> None:
        """The written-opinion fields for per-person votes, with their check beside them."""
        entry = self.entry(None)
        shown = takes_written_opinions(entry.kind) or (
            bool(entry.written) if entry.voted else False
        )
        self.written_box.setVisible(shown)
        if not shown:
            return
        count = self.owner.form.headcount()
        problem = written_opinion_problem(
            count,
            entry.kind,
            written_for=entry.written_for or 0,
            written_against=entry.written_against or 0,
        )
        if problem:
            self.written_note.setText(f"！{problem}")
            set_role(self.written_note, "error")
        else:
            self.written_note.setText(
                f"未到会的有表决权党员{count.voters_absent}人，每人至多一份；"
                "计入表决，不计入到会人数。"
            )
            set_role(self.written_note, "hint")

    def set_votes(self, votes_for: int, against: int = 0, abstain: int = 0) -> None:
        self.vote_check.setChecked(True)
        self.spins["for"].setValue(votes_for)
        self.spins["against"].setValue(against)
        self.spins["abstain"].setValue(abstain)

    def all_for(self) -> None:
        self.set_votes(self.owner.form.headcount().voters_present)

    def _vote_toggled(self, checked: bool) -> None:
        if checked and not any(spin.value() for spin in self.spins.values()):
            self.all_for()  # most votes are unanimous: start there, the user corrects
        self._show_vote_state()
        self._changed()

    def _show_vote_state(self) -> None:
        voted = self.vote_check.isChecked()
        for spin in self.spins.values():
            spin.setEnabled(voted)
        self.all_for_button.setEnabled(voted)

    def _changed(self) -> None:
        self.show_result()
        if not self.error.isHidden():
            self.check()
        self.owner.edited()

    def vote_problem(self) -> tuple[str, str]:
        """(the result line, its style role) for the vote as entered."""
        entry = self.entry(None)
        result = self.owner.form.vote(entry)
        if result is None:
            return "不表决，只作记录。", "hint"
        if result.outcome is VoteOutcome.PASSED:
            return f"✓ 表决结果：通过。{result.message}", "ok"
        if result.outcome is VoteOutcome.FAILED:
            return f"✗ 表决结果：未通过。{result.message}", "warning"
        if result.outcome is VoteOutcome.NO_QUORUM:
            return (
                f"！到会人数不足，不能表决。{result.message}请取消“进行表决”，只作记录。",
                "error",
            )
        return f"！票数有误：{result.message}", "error"

    def show_result(self) -> None:
        text, role = self.vote_problem()
        self.result.setText(text)
        set_role(self.result, role)
        self._show_written()

    def result_text(self) -> str:
        return self.result.text()

    def check(self) -> bool:
        message = ""
        if not squeeze(self.text.toPlainText()):
            message = "请写上决议的内容，或删除这一项。"
        show_problem(self.error, Problem("resolutions", message) if message else None)
        _text, role = self.vote_problem()
        return not message and role != "error"


class _AgendaSection(QFrame):
    """One agenda item on the 会议内容 page: discussion, speeches, resolutions."""

    def __init__(
        self,
        page: ProceedingsPage,
        title: str,
        agenda: AgendaEntry | None,
        resolutions: list[ResolutionEntry],
    ) -> None:
        super().__init__(page.body)
        self.setObjectName("agendaSection")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.owner = page.owner
        self.agenda = agenda
        self.speeches: list[_SpeechRow] = []
        self.resolutions: list[_ResolutionRow] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        self.heading = QLabel(title, self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.heading.setFont(scaled_font(1.1, bold=True))
        set_role(self.heading, "subheading")
        layout.addWidget(self.heading)
        self.discussion: QPlainTextEdit | None = None
        if agenda is not None:
            label = QLabel("讨论情况（可不填）", self)
            self.discussion = _text_box(2, self)
            self.discussion.setPlainText(agenda.discussion)
            self.discussion.setPlaceholderText("会议对这项议题讨论的简要情况")
            self.discussion.setAccessibleName(f"{agenda.title}的讨论情况")
            label.setBuddy(self.discussion)
            self.discussion.textChanged.connect(self.owner.edited)
            layout.addWidget(label)
            layout.addWidget(self.discussion)
            speeches_label = QLabel("发言", self)
            speeches_label.setFont(scaled_font(1.0, bold=True))
            layout.addWidget(speeches_label)
            self.speech_box = QVBoxLayout()
            self.speech_box.setSpacing(6)
            layout.addLayout(self.speech_box)
            self.add_speech_button = QPushButton("添加发言", self)
            self.add_speech_button.setAutoDefault(False)
            self.add_speech_button.clicked.connect(lambda: self.add_speech())
            layout.addWidget(self.add_speech_button, 0, Qt.AlignmentFlag.AlignLeft)
            for speech in agenda.speeches:
                self.add_speech(speech)
        self.resolutions_label = QLabel("决议", self)
        self.resolutions_label.setFont(scaled_font(1.0, bold=True))
        layout.addWidget(self.resolutions_label)
        self.resolution_box = QVBoxLayout()
        self.resolution_box.setSpacing(6)
        layout.addLayout(self.resolution_box)
        self.add_resolution_button = QPushButton("添加决议", self)
        self.add_resolution_button.setAutoDefault(False)
        self.add_resolution_button.clicked.connect(lambda: self.add_resolution())
        layout.addWidget(self.add_resolution_button, 0, Qt.AlignmentFlag.AlignLeft)
        for resolution in resolutions:
            self.add_resolution(resolution)

    def add_speech(self, speech: SpeechEntry | None = None) -> _SpeechRow:
        row = _SpeechRow(self, speech or SpeechEntry(None, "", ""))
        self.speeches.append(row)
        self.speech_box.addWidget(row)
        row.show()  # added to a page already shown
        if speech is None:
            combo_line(row.speaker).setFocus()
            self.owner.edited()
        return row

    def remove_speech(self, row: _SpeechRow) -> None:
        self.speeches.remove(row)
        row.hide()
        row.deleteLater()
        self.owner.edited()

    def add_resolution(self, resolution: ResolutionEntry | None = None) -> _ResolutionRow:
        row = _ResolutionRow(self, resolution or ResolutionEntry(text=""))
        self.resolutions.append(row)
        self.resolution_box.addWidget(row)
        row.show()
        if resolution is None:
            row.text.setFocus()
            self.owner.edited()
        return row

    def remove_resolution(self, row: _ResolutionRow) -> None:
        self.resolutions.remove(row)
        row.hide()
        row.deleteLater()
        self.owner.edited()

    def flush(self, form: MeetingForm, index: int | None) -> list[ResolutionEntry]:
        if self.agenda is not None:
            if self.discussion is not None:
                self.agenda.discussion = self.discussion.toPlainText()
            self.agenda.speeches = [e for row in self.speeches if (e := row.entry()) is not None]
        return [row.entry(index) for row in self.resolutions]

    def check(self) -> bool:
        ok = True
        for speech in self.speeches:
            ok = speech.check() and ok
        for resolution in self.resolutions:
            ok = resolution.check() and ok
        return ok


class ProceedingsPage(_Page):
    step = 3
    page_title = "会议内容"
    page_subtitle = "按议题记录讨论、发言和决议；需要表决的决议填上票数，结果会自动算出。"

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.quorum_label = QLabel(self)
        self.quorum_label.setWordWrap(True)
        self.outer.addWidget(self.quorum_label)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.body_layout.setSpacing(12)
        self.scroll_area = self._scrolled(self.body)
        self.outer.addWidget(self.scroll_area, 1)
        self.error = QLabel(self)
        show_problem(self.error, None)
        self.outer.addWidget(self.error)
        self._end_layout()
        self.sections: list[_AgendaSection] = []
        self.summary_edit: QPlainTextEdit | None = None
        self.open_items_edit: QPlainTextEdit | None = None
        self.no_resolution: QLabel | None = None  # 未形成决议, when there is no quorum
        self._built = False

    def initializePage(self) -> None:
        self._build(self.owner.form)

    def _clear(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.sections = []
        self.summary_edit = None
        self.open_items_edit = None
        self.no_resolution = None

    def _build(self, form: MeetingForm) -> None:
        self._clear()
        show_problem(self.error, None)
        lecture = form.kind is MeetingKind.LECTURE
        self.setSubTitle("记录党课的主要内容。" if lecture else self.page_subtitle)
        self._show_quorum(form)
        if lecture:
            label = QLabel("党课主要内容", self.body)
            label.setFont(scaled_font(1.0, bold=True))
            self.summary_edit = QPlainTextEdit(self.body)
            self.summary_edit.setPlainText(form.summary)
            self.summary_edit.setPlaceholderText("讲课的要点、学习的文件，以及大家的体会（可不填）")
            self.summary_edit.setAccessibleName("党课主要内容")
            self.summary_edit.setMinimumHeight(220)
            self.summary_edit.textChanged.connect(self.owner.edited)
            label.setBuddy(self.summary_edit)
            self.body_layout.addWidget(label)
            self.body_layout.addWidget(self.summary_edit, 1)
            self._built = True
            return
        count = len(form.agenda)
        no_quorum = self.without_quorum(form)
        for number, agenda in enumerate(form.agenda):
            mine = [r for r in form.resolutions if r.agenda_index == number]
            title = f"议题{ordinal(number + 1)}：{agenda.title}"
            section = _AgendaSection(self, title, agenda, [] if no_quorum else mine)
            if no_quorum:  # no resolution can be made: nothing to add under an item
                section.resolutions_label.setVisible(False)
                section.add_resolution_button.setVisible(False)
            self.sections.append(section)
            self.body_layout.addWidget(section)
        loose = [
            r for r in form.resolutions if r.agenda_index is None or not 0 <= r.agenda_index < count
        ]
        if no_quorum:
            # 支部工作条例 art. 11–12, rules.md §7: no quorum, no resolution — only
            # "未形成决议" and why, which is what the wizard records.
            heading = QLabel("决议", self.body)
            heading.setFont(scaled_font(1.0, bold=True))
            self.no_resolution = QLabel(no_resolution_text(form.kind, form.headcount()), self.body)
            self.no_resolution.setWordWrap(True)
            self.no_resolution.setObjectName("noResolution")
            self.body_layout.addWidget(heading)
            self.body_layout.addWidget(self.no_resolution)
        elif loose:
            section = _AgendaSection(self, "其他决议", None, loose)
            self.sections.append(section)
            self.body_layout.addWidget(section)
        label = QLabel("未尽事项（可不填）", self.body)
        label.setFont(scaled_font(1.0, bold=True))
        self.open_items_edit = _text_box(2, self.body)
        self.open_items_edit.setPlainText(form.open_items)
        self.open_items_edit.setPlaceholderText("会上没有议定、留待以后办理的事项")
        self.open_items_edit.setAccessibleName("未尽事项")
        self.open_items_edit.textChanged.connect(self.owner.edited)
        label.setBuddy(self.open_items_edit)
        self.body_layout.addWidget(label)
        self.body_layout.addWidget(self.open_items_edit)
        self.body_layout.addStretch(1)
        self._built = True

    def _show_quorum(self, form: MeetingForm) -> None:
        if not needs_quorum(form.kind) or form.kind is MeetingKind.LECTURE:
            self.quorum_label.setVisible(False)
            return
        found = form.quorum()
        if found.reached:
            self.quorum_label.setText(f"✓ {found.message}")
            set_role(self.quorum_label, "ok")
        else:
            dropped = [r for r in form.resolutions if not is_no_resolution(r.text)]
            note = (
                f"此前填写的{len(dropped)}项决议不能保存。"
                if any(squeeze(r.text) for r in dropped)
                else ""
            )
            self.quorum_label.setText(
                f"！ {found.message}本次会议只记录“未形成决议”及原因（见下方）。{note}"
                "如果出席情况记错了，请回到上一步改正。"
            )
            set_role(self.quorum_label, "warning-item")
        self.quorum_label.setVisible(True)

    @staticmethod
    def without_quorum(form: MeetingForm) -> bool:
        """A 党员大会 or 支委会 short of quorum: it can make no resolution."""
        expected = any(a.role is AttendanceRole.EXPECTED for a in form.attendance)
        return needs_quorum(form.kind) and expected and not form.quorum().reached

    def flush(self, form: MeetingForm) -> None:
        if not self._built:
            return
        if self.summary_edit is not None:
            form.summary = self.summary_edit.toPlainText()
            return
        resolutions: list[ResolutionEntry] = []
        for number, section in enumerate(self.sections):
            index = number if section.agenda is not None else None
            resolutions += section.flush(form, index)
        if self.no_resolution is not None:
            resolutions = [ResolutionEntry(no_resolution_text(form.kind, form.headcount()))]
        form.resolutions = resolutions
        if self.open_items_edit is not None:
            form.open_items = self.open_items_edit.toPlainText()

    def section(self, number: int) -> _AgendaSection:
        return self.sections[number]

    def validatePage(self) -> bool:
        self.flush(self.owner.form)
        ok = all([section.check() for section in self.sections])
        show_problem(
            self.error,
            None if ok else Problem("resolutions", "上面有标着！的地方需要改正，改好后才能继续。"),
        )
        return ok


class AttachmentsPage(_Page):
    step = 4
    page_title = "附件"
    page_subtitle = "会议通知、签到表、现场照片等，有就添加，没有可以直接点“下一步”。"

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.editor = AttachmentsEditor(owner.attachments_dir, self)
        self.outer.addWidget(self.editor, 1)
        self._end_layout()
        self.editor.changed.connect(owner.edited)

    def load(self, form: MeetingForm) -> None:
        self.editor.set_entries(form.attachments)

    def flush(self, form: MeetingForm) -> None:
        form.attachments = self.editor.entries()

    def validatePage(self) -> bool:
        self.flush(self.owner.form)
        return True


class ReviewPage(_Page):
    step = 5
    page_title = "核对"
    page_subtitle = "请从头到尾看一遍。没有问题就点“完成”；还没开完或没想好，可以先存为草稿。"

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.problems_box = QVBoxLayout()
        self.problems_box.setSpacing(4)
        self.outer.addLayout(self.problems_box)
        self.summary = QTextBrowser(self)
        self.summary.setObjectName("meetingSummary")
        self.summary.setOpenLinks(False)
        self.summary.setAccessibleName("会议记录内容")
        self.outer.addWidget(self.summary, 1)
        self.reason_label = QLabel('更正原因 <span style="color:#C8161D;">*</span>', self)
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText("如 会议地点记录有误")
        self.reason_label.setBuddy(self.reason_edit)
        self.reason_error = QLabel(self)
        show_problem(self.reason_error, None)
        reason = QHBoxLayout()
        reason.setSpacing(8)
        reason.addWidget(self.reason_label)
        reason.addWidget(self.reason_edit, 1)
        self.outer.addLayout(reason)
        self.outer.addWidget(self.reason_error)
        self._end_layout()
        self.problem_labels: list[QLabel] = []
        self.problems: list[Problem] = []
        self.reason_edit.textChanged.connect(self._reason_typed)

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        owner = self.owner
        form = owner.current_form()
        amend = owner.mode == "amend"
        view = owner.mode == "view"
        for widget in (self.reason_label, self.reason_edit):
            widget.setVisible(amend)
        self.setTitle(
            "查看会议记录（已归档）"
            if view
            else f"第{self.step}步（共{STEPS}步）：{self.page_title}"
        )
        if not amend:
            show_problem(self.reason_error, None)
        self.setSubTitle(
            "这份记录已归档，只能查看。发现错误时请点“更正…”，写明原因后修改；原记录会保留。"
            if view
            else "改好后写明更正原因，再点“保存更正”。原记录会保留。"
            if amend
            else self.page_subtitle
        )
        self.problems = [] if view else check_meeting(form, today=owner.today())
        self._show_problems(form)
        self.summary.setHtml(summary_html(form, owner.names, owner.group_names, owner.history()))

    def _show_problems(self, form: MeetingForm) -> None:
        while self.problems_box.count():
            item = self.problems_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.problem_labels = []
        if self.owner.mode == "view":
            return
        for problem in self.problems:
            line = QWidget(self)
            row = QHBoxLayout(line)
            row.setContentsMargins(0, 0, 0, 0)
            label = QLabel(line)
            label.setWordWrap(True)
            show_problem(label, problem)
            row.addWidget(label, 1)
            page = PAGE_OF_FIELD.get(problem.field)
            if page is not None:
                go = QPushButton("去修改", line)
                go.setAutoDefault(False)
                go.setAccessibleName(f"去修改：{problem.message}")
                go.clicked.connect(lambda _c=False, p=page: self.owner.go_back_to(p))
                row.addWidget(go, 0, Qt.AlignmentFlag.AlignTop)
            self.problems_box.addWidget(line)
            line.show()
            self.problem_labels.append(label)
        late = self.owner.late_note(form)
        if late:
            note = QLabel(late, self)
            note.setWordWrap(True)
            set_role(note, "hint")
            self.problems_box.addWidget(note)
        if not any(p.is_error for p in self.problems):
            done = "点“保存更正”即可保存。" if self.owner.mode == "amend" else "可以点“完成”。"
            ok = QLabel(f"✓ 必填的内容都已填好，{done}", self)
            set_role(ok, "ok")
            self.problems_box.addWidget(ok)

    def problem_texts(self) -> list[str]:
        return [shown_problem(label) for label in self.problem_labels]

    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def _reason_typed(self) -> None:
        if not self.reason_error.isHidden() and self.reason():
            show_problem(self.reason_error, None)

    def summary_text(self) -> str:
        return self.summary.toPlainText()

    def validatePage(self) -> bool:
        owner = self.owner
        if owner.mode == "view":
            return True
        self.refresh()
        ok = not any(p.is_error for p in self.problems)
        if owner.mode == "amend" and not self.reason():
            show_problem(
                self.reason_error,
                Problem(
                    "reason", "请写明更正原因，例如“会议地点记录有误”。原因会和原记录一起保留。"
                ),
            )
            self.reason_edit.setFocus()
            ok = False
        return ok


# --- the readable summary -----------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _people(entries: list[str]) -> str:
    return "、".join(entries) if entries else "无"


def _chair_text(form: MeetingForm, names: dict[int, str]) -> str:
    if not form.chair_id:
        return "（未填写）"
    name = names.get(form.chair_id, "")
    return f"{name}（受委托主持）" if entrusted_chair(form) else name


def summary_html(
    form: MeetingForm,
    names: dict[int, str],
    group_names: dict[int, str],
    history: Sequence[str] = (),
) -> str:
    """The whole record on one page, in the order of the minutes (rules.md §6)."""
    lecture = form.kind is MeetingKind.LECTURE
    kind = form.kind.label
    if form.kind is MeetingKind.GROUP and form.party_group_id is not None:
        group = group_names.get(form.party_group_id, "")
        kind = f"{kind}（{group}）" if group else kind
    when = format_date(form.held_on)
    if form.starts_at or form.ends_at:
        when += f" {squeeze(form.starts_at)}—{squeeze(form.ends_at)}"
    rows: list[tuple[str, str]] = [
        ("会议类别", kind),
        ("时间", when),
        ("地点", squeeze(form.place) or "（未填写）"),
        ("主持人", _chair_text(form, names)),
        ("记录人", names.get(form.recorder_id, "") if form.recorder_id else "（未填写）"),
    ]
    if lecture:
        lecturer = person_text(form.lecturer_id, form.lecturer_name, names)
        rows += [
            ("讲课人", lecturer or "（未填写）"),
            ("党课题目", squeeze(form.title) or "（未填写）"),
            ("时长", f"{form.duration_minutes} 分钟" if form.duration_minutes else "（未填写）"),
        ]
    if form.tags:
        rows.append(("同时算作", "、".join(form.tags)))
    expected = [a for a in form.attendance if a.role is AttendanceRole.EXPECTED]
    count = form.headcount()
    leave = [f"{a.name}（{squeeze(a.reason) or '未写原因'}）" for a in expected
             if a.presence is Presence.ON_LEAVE]  # fmt: skip
    absent = [f"{a.name}（{squeeze(a.reason) or '未写原因'}）" for a in expected
              if a.presence is Presence.ABSENT]  # fmt: skip
    observers = [a.name for a in form.attendance if a.role is AttendanceRole.OBSERVER]
    rows += [
        ("应到", f"{count.expected} 人"),
        ("实到", f"{count.present} 人"),
        ("请假", _people(leave)),
        ("缺席", _people(absent)),
        ("列席", _people(observers)),
    ]
    parts = ['<table cellspacing="0" cellpadding="3">']
    for label, value in rows:
        parts.append(
            f'<tr><td style="color:#5A5A5A; padding-right:14px;" valign="top">{_e(label)}</td>'
            f"<td>{_e(value)}</td></tr>"
        )
    parts.append("</table>")
    if needs_quorum(form.kind) and expected:
        found = form.quorum()
        mark = "✓" if found.reached else "！"
        colour = "#1E6B35" if found.reached else "#C8161D"
        parts.append(f'<p style="color:{colour};">{mark} {_e(found.message)}</p>')
    if lecture:
        parts.append("<h3>党课主要内容</h3>")
        parts.append(f"<p>{_e(form.summary.strip()) or '（未填写）'}</p>")
    else:
        parts.append("<h3>议题和会议内容</h3>")
        for number, agenda in enumerate(form.agenda):
            parts.append(f"<p><b>议题{ordinal(number + 1)}：{_e(agenda.title)}</b></p>")
            if agenda.discussion.strip():
                parts.append(f"<p>讨论情况：{_e(agenda.discussion.strip())}</p>")
            for speech in agenda.speeches:
                who = person_text(speech.speaker_id, speech.speaker_name, names) or "（未写发言人）"
                parts.append(f"<p>{_e(who)}：{_e(speech.content.strip())}</p>")
            for resolution in form.resolutions:
                if resolution.agenda_index == number:
                    parts.append(_resolution_html(form, resolution))
        count_agenda = len(form.agenda)
        for resolution in form.resolutions:
            index = resolution.agenda_index
            if index is None or not 0 <= index < count_agenda:
                parts.append(_resolution_html(form, resolution))
        if not form.agenda:
            parts.append("<p>（还没有议题）</p>")
        if form.open_items.strip():
            parts.append(f"<h3>未尽事项</h3><p>{_e(form.open_items.strip())}</p>")
    parts.append("<h3>附件</h3>")
    if form.attachments:
        items = []
        for entry in form.attachments:
            caption = f"（{entry.caption.strip()}）" if entry.caption.strip() else ""
            items.append(f"<li>{_e(entry.kind.label)}：{_e(entry.file_name)}{_e(caption)}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    else:
        parts.append("<p>无</p>")
    if history:
        parts.append("<h3>更正记录</h3><ul>")
        parts += [f"<li>{_e(line)}</li>" for line in history]
        parts.append("</ul>")
    return "".join(parts)


CHANGE_LABELS = {
    "kind": "会议类别",
    "held_on": "会议日期",
    "starts_at": "开始时间",
    "ends_at": "结束时间",
    "place": "地点",
    "chair_id": "主持人",
    "recorder_id": "记录人",
    "title": "党课题目",
    "lecturer_name": "讲课人",
    "duration_minutes": "时长",
    "tags": "同时算作",
    "summary": "党课内容",
    "open_items": "未尽事项",
    "agenda": "议题和发言",
    "attendance": "出席情况",
    "resolutions": "决议",
    "attachments": "附件",
}


def amendment_changes(before: object, after: object, names: dict[int, str]) -> str:
    """What an amendment changed, with the original values: 地点原为“学校会议室”."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return ""
    parts = []
    for key, label in CHANGE_LABELS.items():
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if key in ("chair_id", "recorder_id"):
            shown = names.get(old, "") if isinstance(old, int) else ""
        elif isinstance(old, list | dict):
            parts.append(f"{label}有改动")
            continue
        elif key == "held_on" and isinstance(old, str):
            try:
                shown = format_date(dt.date.fromisoformat(old))
            except ValueError:
                shown = old
        elif key == "kind":
            try:
                shown = MeetingKind(str(old)).label
            except ValueError:
                shown = str(old)
        else:
            shown = "" if old is None else str(old)
        parts.append(f"{label}原为“{shown or '（空）'}”")
    return "；".join(parts)


def _resolution_html(form: MeetingForm, resolution: ResolutionEntry) -> str:
    text = _e(resolution.text.strip()) or "（未写内容）"
    result = form.vote(resolution)
    if result is None:
        return f"<p>决议：{text}（不表决）</p>"
    votes = (
        f"同意 {resolution.votes_for or 0} 票，反对 {resolution.votes_against or 0} 票，"
        f"弃权 {resolution.votes_abstain or 0} 票"
    )
    if resolution.written:  # absent voters' written opinions, apart (rules.md §7)
        votes += (
            f"；书面意见 {resolution.written} 份（同意 {resolution.written_for or 0} 份，"
            f"反对 {resolution.written_against or 0} 份）"
        )
    return f"<p>决议：{text}<br>表决：{votes}；结果：<b>{_e(result.outcome.label)}</b></p>"


# --- the wizard ---------------------------------------------------------------------------


class MeetingWizard(QWizard):
    """Records one meeting. ``status`` says what was saved (for the status bar)."""

    PAGES: ClassVar[tuple[type[_Page], ...]] = (
        BasicsPage,
        AttendancePage,
        ProceedingsPage,
        AttachmentsPage,
        ReviewPage,
    )
    status = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        form: MeetingForm,
        attachments_dir: Path,
        meeting_id: int | None = None,
        mode: Mode = "edit",
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meetingWizard")
        self.today = today
        self.attachments_dir = attachments_dir
        self.meeting_id = meeting_id
        self.mode: Mode = mode
        self.form = copy.deepcopy(form)
        self.initial = copy.deepcopy(form)
        self._last_saved = copy.deepcopy(form)
        self.state: RecordState | None = None
        self.late = False
        if meeting_id is not None:
            self.state, self.late = meeting_state(meeting_id)
        if self.state is RecordState.ARCHIVED and mode == "edit":
            self.mode = "view"
        self.saved_id: int | None = None
        self.draft_saved_at: dt.datetime | None = None
        self.names = people_names()
        self.choices = member_choices(form.held_on)  # the meeting day's members (§7)
        self.group_names = {group.id: group.name for group in list_groups()}
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(lambda: self.save_draft(quiet=True))
        self._loading = True

        self.setWindowIcon(app_icon())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setPixmap(QWizard.WizardPixmap.LogoPixmap, QPixmap(app_icon().pixmap(40, 40)))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton2, True)
        self.setOption(QWizard.WizardOption.NoDefaultButton, True)
        self.setButtonText(QWizard.WizardButton.BackButton, "上一步")
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步")
        self.setButtonText(QWizard.WizardButton.CancelButton, "取消")
        self.setButtonText(DRAFT_BUTTON, "存为草稿")
        self.setButtonText(AMEND_BUTTON, "更正…")
        self.button(DRAFT_BUTTON).setToolTip("保存已填的内容，以后在列表中打开继续填写")
        self.button(AMEND_BUTTON).setToolTip("修改已归档的记录：需要写明更正原因，原记录会保留")
        self.customButtonClicked.connect(self._custom_clicked)

        self.pages: list[_Page] = []
        for page_type in self.PAGES:
            page = page_type(self)
            self.pages.append(page)
            self.addPage(page)
        for page in self.pages:
            page.load(self.form)
        self._loading = False
        self._apply_mode()
        self.currentIdChanged.connect(self._page_changed)
        self._size_to_screen()

    # --- modes and looks ---------------------------------------------------------------

    def drafts_allowed(self) -> bool:
        """Only new records and drafts are kept as drafts; finished ones stay finished."""
        return self.mode == "edit" and self.state in (None, RecordState.DRAFT)

    def _apply_mode(self) -> None:
        view = self.mode == "view"
        finish = {"view": "关闭", "amend": "保存更正", "edit": "完成"}[self.mode]
        self.setButtonText(QWizard.WizardButton.FinishButton, finish)
        finish_button = self.button(QWizard.WizardButton.FinishButton)
        if isinstance(finish_button, QPushButton):
            make_primary(finish_button)
        layout = [QWizard.WizardButton.Stretch]
        if self.drafts_allowed():
            layout.insert(0, DRAFT_BUTTON)
        if view:
            layout = [AMEND_BUTTON, QWizard.WizardButton.Stretch, QWizard.WizardButton.FinishButton]
        else:
            layout += [
                QWizard.WizardButton.BackButton,
                QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton,
                QWizard.WizardButton.CancelButton,
            ]
        self.setButtonLayout(layout)
        self.setStartId(self.pageIds()[-1] if view else self.pageIds()[0])
        self.basics_page.update_notice_button()
        note = (
            "随时可以关闭：已填的内容会自动存为草稿，以后在列表中打开继续填写。"
            if self.drafts_allowed()
            else "正在更正已归档的记录：改好后在最后一步写明原因；点“取消”则不作任何修改。"
            if self.mode == "amend"
            else "这份记录已完成：修改后点“完成”保存；点“取消”则不保存这次的修改。"
            if self.mode == "edit"
            else ""
        )
        self._set_note(note)
        self.refresh_title()

    def _set_note(self, text: str) -> None:
        for page in self.pages:
            page.note.setText(text)
            page.note.setVisible(bool(text))

    def refresh_title(self) -> None:
        kind = self.form.kind.label
        if self.meeting_id is None:
            title = f"新建会议记录：{kind}"
        else:
            name = meeting_title(self.meeting_id)
            state = {
                None: "",
                RecordState.DRAFT: "（草稿）",
                RecordState.FINISHED: "（已完成）",
                RecordState.ARCHIVED: "（已归档，只能查看）",
            }[self.state]
            if self.late and state:
                state = state[:-1] + "，补录）"
            title = f"更正：{name}" if self.mode == "amend" else f"{name}{state}"
        self.setWindowTitle(f"{title} — {APP_NAME}")

    def _size_to_screen(self) -> None:
        width, height = 1000, 690
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, available.width() - 20)
            height = min(height, available.height() - 20)
        self.resize(width, height)

    def page_of(self, kind: type[PageT]) -> PageT:
        for page in self.pages:
            if isinstance(page, kind):
                return page
        raise LookupError(kind.__name__)

    @property
    def basics_page(self) -> BasicsPage:
        return self.page_of(BasicsPage)

    @property
    def attendance_page(self) -> AttendancePage:
        return self.page_of(AttendancePage)

    @property
    def proceedings_page(self) -> ProceedingsPage:
        return self.page_of(ProceedingsPage)

    @property
    def attachments_page(self) -> AttachmentsPage:
        return self.page_of(AttachmentsPage)

    @property
    def review_page(self) -> ReviewPage:
        return self.page_of(ReviewPage)

    # --- the form -----------------------------------------------------------------------

    def current_form(self) -> MeetingForm:
        """What the wizard holds now (the current page included), as a copy."""
        page = self.currentPage()
        if isinstance(page, _Page) and not self._loading:
            page.flush(self.form)
        return copy.deepcopy(self.form)

    def has_changes(self) -> bool:
        return self.current_form() != self.initial

    def history(self) -> list[str]:
        """The record's amendments, oldest first (shown on the 核对 page)."""
        if self.meeting_id is None:
            return []
        lines = []
        for amendment in records.amendments(RECORD_TYPE, self.meeting_id):
            when = f"{format_date(amendment.made_at.date())} {amendment.made_at:%H:%M}"
            changes = amendment_changes(amendment.before, amendment.after, self.names)
            lines.append(f"{when}　原因：{amendment.reason}" + (f"。{changes}" if changes else ""))
        return lines

    def late_note(self, form: MeetingForm) -> str:
        if self.state not in (None, RecordState.DRAFT) or form.held_on > self.today():
            return ""
        if not records.is_late(form.held_on, recorded_on=self.today()):
            return ""
        days = (self.today() - form.held_on).days
        return f"这次会议已过去{days}天，完成后会在台账中标为“补录”，如实反映登记时间。"

    # --- drafts -------------------------------------------------------------------------

    def edited(self) -> None:
        """Something was typed or clicked: save a draft a moment later."""
        if not self._loading and self.drafts_allowed():
            self._autosave.start()

    def _page_changed(self, _page_id: int) -> None:
        self.save_draft(quiet=True)

    def save_draft(self, *, quiet: bool = False, even_unchanged: bool = False) -> int | None:
        """Keep what is typed as a draft (once something was entered, or ``even_unchanged``:
        a new meeting's notice needs a record); the draft's id."""
        self._autosave.stop()
        if not self.drafts_allowed():
            return None
        form = self.current_form()
        if form == self._last_saved and not (even_unchanged and self.meeting_id is None):
            return self.meeting_id
        try:
            self.meeting_id = save_meeting_draft(form, meeting_id=self.meeting_id)
        except Exception as exc:
            log.exception("Saving the meeting draft failed")
            self._set_note("！草稿没能自动保存。请点“存为草稿”再试一次；详细信息已写入日志。")
            if not quiet:
                messages.show_error(self, exc, title="草稿没能保存")
            return None
        self._last_saved = form
        self.state = RecordState.DRAFT
        self.saved_id = self.meeting_id
        self.draft_saved_at = dt.datetime.now()
        self._set_note(
            f"草稿已自动保存（{self.draft_saved_at:%H:%M}）。随时可以关闭，以后在列表中打开继续填写。"
        )
        self.refresh_title()
        return self.meeting_id

    def print_notice(self) -> object:
        """打印会议通知…: a missing time or place is said first, in the service's words (and
        nothing is kept); then the draft is kept (the notice is built from the record) and
        the notice built once, on the preview's worker — 打印, 另存为 PDF/Word from there."""
        from jianshi_desktop.gui.documents.preview import BUSY_TEXT, open_preview
        from jianshi_desktop.services import documents as svc

        form = self.current_form()
        try:
            svc.check_notice_ready(form.starts_at, form.place)
        except UserError as exc:
            messages.show_error(self, exc, title="无法生成会议通知")
            return None
        meeting_id = self.save_draft(even_unchanged=True)
        if meeting_id is None:
            return None  # the draft could not be kept: save_draft said why
        try:
            stem = svc.notice_stem(meeting_id)
        except Exception as exc:
            messages.show_error(self, exc, title="无法生成会议通知")
            return None
        task = open_preview(
            self,
            "会议通知",
            lambda: svc.meeting_notice(meeting_id),
            stem,
            self.attachments_dir.parent,
        )
        if task is None:
            self.status.emit(BUSY_TEXT)
        return task

    def _custom_clicked(self, which: int) -> None:
        if which == DRAFT_BUTTON.value:
            if self.save_draft() is not None or self.meeting_id is not None:
                if self.meeting_id is not None:
                    self.status.emit(f"已存为草稿：{meeting_title(self.meeting_id)}。")
                super().reject()
            elif not self.has_changes():
                super().reject()
        elif which == AMEND_BUTTON.value:
            self.start_amending()

    def start_amending(self) -> None:
        """From the read-only view of an archived record to editing a correction."""
        self.mode = "amend"
        self._apply_mode()
        self.restart()

    def go_back_to(self, index: int) -> None:
        """Back to page ``index`` (0 = 基本情况) to correct something."""
        target = self.pageIds()[index]
        while self.currentId() != target and self.currentId() != self.startId():
            self.back()

    # --- closing ------------------------------------------------------------------------

    def reject(self) -> None:
        """取消 or closing: a draft is kept without asking; a finished record's changes
        are dropped only after asking."""
        if self.mode == "view":
            super().reject()
            return
        if self.drafts_allowed():
            saved = self.save_draft(quiet=True)
            if saved is None and self.has_changes():
                if not messages.ask(
                    self,
                    "草稿没能保存。现在关闭，这次填写的内容会丢失。",
                    title="草稿没能保存",
                    yes_text="仍然关闭",
                    no_text="返回",
                ):
                    return
            elif saved is not None:
                self.status.emit(f"已存为草稿：{meeting_title(saved)}。")
            super().reject()
            return
        if self.has_changes() and not messages.ask(
            self,
            "关闭后，这次的修改不会保存。",
            title="放弃修改",
            yes_text="放弃修改并关闭",
            no_text="继续修改",
        ):
            return
        super().reject()

    def accept(self) -> None:
        if self.mode == "view":
            super().accept()
            return
        if not self.validateCurrentPage():  # QWizard checks only in done(): too late here
            return
        form = self.current_form()
        try:
            if self.mode == "amend":
                assert self.meeting_id is not None
                amend_meeting(
                    self.meeting_id, form, reason=self.review_page.reason(), today=self.today()
                )
            else:
                self.meeting_id = finish_meeting(
                    form, meeting_id=self.meeting_id, today=self.today()
                )
        except UserError as exc:
            messages.show_error(self, exc, title="无法保存")
            return
        self._autosave.stop()
        self._last_saved = form
        self.saved_id = self.meeting_id
        name = meeting_title(self.meeting_id)
        if self.mode == "amend":
            self.status.emit(f"已保存对{name}的更正，原记录已保留。")
        else:
            self.state, self.late = meeting_state(self.meeting_id)
            late = "（补录）" if self.late else ""
            self.status.emit(f"已完成{name}的会议记录{late}。")
        super().accept()

    def finished_record(self) -> bool:
        """True after 完成 (not 更正): the list then offers the next step, 归档."""
        return self.result() == QWizard.DialogCode.Accepted and self.mode == "edit"


# --- opening -------------------------------------------------------------------------------


def new_meeting_wizard(
    parent: QWidget | None,
    form: MeetingForm,
    *,
    attachments_dir: Path,
    today: Callable[[], dt.date] = dt.date.today,
) -> MeetingWizard:
    """A wizard for a new record (from 新建 or 复制上次)."""
    return MeetingWizard(parent, form=form, attachments_dir=attachments_dir, today=today)


def open_meeting_wizard(
    parent: QWidget | None,
    meeting_id: int,
    *,
    attachments_dir: Path,
    amend: bool = False,
    today: Callable[[], dt.date] = dt.date.today,
) -> MeetingWizard:
    """A saved record: a draft resumes, a finished one is edited, an archived one is
    shown read-only (or, with ``amend``, opened for a correction)."""
    form = load_meeting(meeting_id)
    state, _late = meeting_state(meeting_id)
    mode: Mode = "amend" if amend and state is RecordState.ARCHIVED else "edit"
    return MeetingWizard(
        parent,
        form=form,
        attachments_dir=attachments_dir,
        meeting_id=meeting_id,
        mode=mode,
        today=today,
    )


__all__ = [
    "MeetingWizard",
    "new_meeting_wizard",
    "open_meeting_wizard",
    "summary_html",
]
