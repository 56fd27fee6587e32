"""The 组织生活会 wizard: 基本情况; 会前准备 (学习, 征求意见, the 谈心谈话 held before,
picked from a checklist); 出席情况; 对照检查, one per committee member and member present
(text, or a file among the attachments); 批评与自我批评, a line each; 整改清单 (problem,
measure, owner, due date); review, then 完成.

Everything is saved through :mod:`services.org_life_meetings` and the kind's lifecycle;
the steps are built in code (``StepPage.body()``), the review from ``ui/org_life_review.ui``.
Members offered are those of the meeting's own day (rules.md §7).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.org_life import parse_count
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.widgets import prepare_error_label, set_role, show_problem
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.gui.records.attendance import AttendanceEditor, merge_attendance
from jianshi_desktop.gui.records.pickers import (
    combo_member,
    fill_member_combo,
    fill_place_combo,
    people_names,
)
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
from jianshi_desktop.gui.theme_days.wizard import attendance_summary
from jianshi_desktop.services.meetings import expected_attendance, member_choices, secretary_id
from jianshi_desktop.services.org_life_meetings import (
    CriticismEntry,
    OrgLifeMeetingForm,
    RectificationEntry,
    SelfReviewEntry,
    present_ids,
    reviewers,
    talk_choices,
)
from jianshi_desktop.services.record_kinds import ORG_LIFE_MEETING

NO_FILE = "（不用附件，直接填写）"
SELF_CRITICISM = "自我批评"


def text_box(lines: int, parent: QWidget | None = None) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    prepare_error_label(label)
    return label


def hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    set_role(label, "hint")
    return label


class OrgLifeStep(StepPage):
    """A step built in code; the wizard's other steps are reached through ``owner``."""

    owner: OrgLifeMeetingWizard

    def field_row(self, form: QFormLayout, text: str, widget: QWidget, field: str) -> QLabel:
        """``widget`` labelled ``text``, its problems shown just under it."""
        box = QWidget(self.ui)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        label = error_label(box)
        column.addWidget(label)
        form.addRow(text, box)
        self.add_field(field, label, widget)
        return label

    def held_on(self) -> dt.date:
        return self.owner.basics.held_on()


# --- step 1 ----------------------------------------------------------------------------------


class BasicsStep(OrgLifeStep):
    step_title = "基本情况"
    subtitle = "组织生活会一般每年召开一次，多在第四季度。主持人和记录人从会议当天在册的党员中选。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.date_edit = QDateEdit(self.ui)
        self.date_edit.setObjectName("dateEdit")
        prepare_date_edit(self.date_edit)
        self.field_row(form, "会议日期：", self.date_edit, "held_on")
        self.place_combo = QComboBox(self.ui)
        self.place_combo.setObjectName("placeCombo")
        self.place_combo.setEditable(True)
        fill_place_combo(self.place_combo)
        self.field_row(form, "会议地点：", self.place_combo, "place")
        self.theme_edit = QLineEdit(self.ui)
        self.theme_edit.setObjectName("themeEdit")
        self.theme_edit.setMaxLength(200)
        self.theme_edit.setPlaceholderText("如：学习贯彻党的二十届四中全会精神专题组织生活会")
        self.field_row(form, "会议主题：", self.theme_edit, "theme")
        self.chair_combo = QComboBox(self.ui)
        self.chair_combo.setObjectName("chairCombo")
        self.field_row(form, "主持人：", self.chair_combo, "chair_id")
        self.recorder_combo = QComboBox(self.ui)
        self.recorder_combo.setObjectName("recorderCombo")
        self.field_row(form, "记录人：", self.recorder_combo, "recorder_id")
        self.body().addLayout(form)
        self.body().addStretch(1)
        for narrow in (self.date_edit, self.chair_combo, self.recorder_combo):
            narrow.setMaximumWidth(260)
        self.names = people_names()
        self._saved: set[int] = set()  # the record's own people, kept even if off the roll
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("theme", self.theme_edit.editingFinished, changed=self.theme_edit.textChanged)
        self.watch("place", self.place_combo.currentTextChanged)
        self.watch("chair_id", self.chair_combo.currentIndexChanged)
        self.watch("recorder_id", self.recorder_combo.currentIndexChanged)

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def _fill_people(self, chair: int | None, recorder: int | None) -> None:
        day = self.held_on()
        choices = member_choices(day)
        ids = {m for m, _n in choices}
        if chair is not None and chair not in ids and chair not in self._saved:
            chair = secretary_id(day)
        if recorder is not None and recorder not in ids and recorder not in self._saved:
            recorder = None
        fill_member_combo(self.chair_combo, choices, self.names, chair)
        fill_member_combo(self.recorder_combo, choices, self.names, recorder)

    def _date_changed(self) -> None:
        self._fill_people(combo_member(self.chair_combo), combo_member(self.recorder_combo))
        self.check({"held_on", "chair_id", "recorder_id"})

    def load(self, form: OrgLifeMeetingForm) -> None:
        self.date_edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.date_edit.blockSignals(False)
        self.place_combo.setCurrentText(form.place)
        self.theme_edit.setText(form.theme)
        self._saved = {i for i in (form.chair_id, form.recorder_id) if i is not None}
        self._fill_people(form.chair_id, form.recorder_id)

    def fill(self, form: OrgLifeMeetingForm) -> None:
        form.held_on = self.held_on()
        form.place = self.place_combo.currentText()
        form.theme = self.theme_edit.text()
        form.chair_id = combo_member(self.chair_combo)
        form.recorder_id = combo_member(self.recorder_combo)


# --- step 2 ----------------------------------------------------------------------------------


class PreparationStep(OrgLifeStep):
    step_title = "会前准备"
    subtitle = (
        "《支部工作条例》要求：会前认真学习，谈心谈话，听取意见。没做的项目会提醒，但不影响存草稿。"
    )
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.study_edit = text_box(4, self.ui)
        self.study_edit.setObjectName("studyEdit")
        self.study_edit.setPlaceholderText(
            "学了什么、怎么学的，如：集中学习党章和《准则》，观看专题片"
        )
        self.field_row(form, "会前学习：", self.study_edit, "study")
        self.count_edit = QLineEdit(self.ui)
        self.count_edit.setObjectName("opinionsCountEdit")
        self.count_edit.setMaxLength(6)
        self.count_edit.setMaximumWidth(120)
        self.count_edit.setPlaceholderText("如：12")
        self.field_row(form, "征求意见（条）：", self.count_edit, "opinions_count")
        self.source_edit = QLineEdit(self.ui)
        self.source_edit.setObjectName("opinionsSourceEdit")
        self.source_edit.setMaxLength(200)
        self.source_edit.setPlaceholderText("向谁征求，如：全体教职工、学生家长、服务对象")
        self.field_row(form, "征求对象：", self.source_edit, "opinions_source")
        self.body().addLayout(form)
        self.body().addWidget(QLabel("会前开展的谈心谈话（勾选）：", self.ui))
        self.talk_list = QListWidget(self.ui)
        self.talk_list.setObjectName("talkList")
        self.talk_list.setMinimumHeight(160)
        self.body().addWidget(self.talk_list, 1)
        self.talk_error = error_label(self.ui)
        self.body().addWidget(self.talk_error)
        self.add_field("talk_ids", self.talk_error, self.talk_list)
        self.talk_hint = hint("", self.ui)
        self.body().addWidget(self.talk_hint)
        self._listed_for: dt.date | None = None
        self.watch("study", changed=self.study_edit.textChanged)
        self.watch(
            "opinions_count", self.count_edit.editingFinished, changed=self.count_edit.textChanged
        )
        self.watch("opinions_source", self.source_edit.editingFinished)
        self.talk_list.itemChanged.connect(lambda _i: self.recheck_shown({"talk_ids"}))

    def checked_talks(self) -> list[int]:
        found = []
        for row in range(self.talk_list.count()):
            item = self.talk_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def _list_talks(self, day: dt.date, checked: list[int]) -> None:
        self.talk_list.blockSignals(True)
        self.talk_list.clear()
        offered = talk_choices(day)
        ids = {talk_id for talk_id, _label in offered}
        gone = [
            (t, "（这次谈话不在会议日期之前或已删除，请取消勾选）") for t in checked if t not in ids
        ]
        for talk_id, label in [*offered, *gone]:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, talk_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = talk_id in checked
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.talk_list.addItem(item)
        self.talk_list.blockSignals(False)
        # nothing to tick: no empty box, the hint says why right under the heading
        self.talk_list.setVisible(self.talk_list.count() > 0)
        self._listed_for = day
        if offered:
            self.talk_hint.setText(
                f"列出的是{day.year}年会议日期以前已完成的谈心谈话（提醒谈话保密，不在此列）。"
            )
        else:
            self.talk_hint.setText(
                f"{day.year}年会议日期以前还没有已完成的谈心谈话记录。请先在“谈心谈话”中记录。"
            )

    def initializePage(self) -> None:
        if self._listed_for != self.held_on():
            self._list_talks(self.held_on(), self.checked_talks())

    def load(self, form: OrgLifeMeetingForm) -> None:
        self.study_edit.setPlainText(form.study)
        count = form.opinions_count
        self.count_edit.setText("" if count is None else str(count))
        self.source_edit.setText(form.opinions_source)
        self._list_talks(form.held_on, list(form.talk_ids))

    def fill(self, form: OrgLifeMeetingForm) -> None:
        form.study = self.study_edit.toPlainText()
        text = self.count_edit.text()
        try:
            form.opinions_count = parse_count(text)
        except ValueError:
            form.opinions_count = text  # refused beside the field
        form.opinions_source = self.source_edit.text()
        form.talk_ids = self.checked_talks()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.talk_list.setEnabled(not read_only)


# --- step 3 ----------------------------------------------------------------------------------


class AttendanceStep(OrgLifeStep):
    step_title = "出席情况"
    subtitle = "应到人员为会议当天在册的全体党员。点选请假或缺席的人，并写明原因。"

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.editor = AttendanceEditor(self.ui)
        self.body().addWidget(self.editor, 1)
        label = error_label(self.ui)
        self.body().addWidget(label)
        self.add_field("attendance", label, self.editor)
        self.editor.changed.connect(lambda: self.recheck_shown({"attendance"}))

    def initializePage(self) -> None:
        held_on = self.held_on()
        self.editor.set_member_choices(member_choices(held_on))
        if self.owner.mode is not Mode.READ_ONLY:
            fresh = expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=held_on)
            self.editor.set_entries(merge_attendance(self.editor.entries(), fresh))

    def load(self, form: OrgLifeMeetingForm) -> None:
        self.editor.set_member_choices(member_choices(form.held_on))
        self.editor.set_entries(form.attendance)

    def fill(self, form: OrgLifeMeetingForm) -> None:
        form.attendance = self.editor.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.set_read_only(read_only)

    def validate_more(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
        if self.editor.validate():
            show_problem(
                self.errors["attendance"],
                Problem("attendance", "请为请假、缺席的人写明原因（见名单中标出的行）。"),
            )
            return False
        return True


# --- step 4 ----------------------------------------------------------------------------------


class ReviewRow(QFrame):
    """One person's 对照检查: what they said, or their file among the attachments."""

    def __init__(self, member_id: int, name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.member_id = member_id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        top = QHBoxLayout()
        self.name_label = QLabel(name, self)
        self.name_label.setMinimumWidth(90)
        top.addWidget(self.name_label)
        top.addWidget(QLabel("材料：", self))
        self.file_combo = QComboBox(self)
        self.file_combo.setObjectName("fileCombo")
        top.addWidget(self.file_combo, 1)
        layout.addLayout(top)
        self.text_edit = text_box(3, self)
        self.text_edit.setObjectName("reviewEdit")
        self.text_edit.setPlaceholderText(
            f"{name}对照检查的主要内容；交了书面材料的，在上面选择附件"
        )
        layout.addWidget(self.text_edit)

    def set_files(self, files: list[str], chosen: str) -> None:
        self.file_combo.blockSignals(True)
        self.file_combo.clear()
        self.file_combo.addItem(NO_FILE, "")
        for name in [*files, *([chosen] if chosen and chosen not in files else [])]:
            self.file_combo.addItem(name, name)
        index = self.file_combo.findData(chosen)
        self.file_combo.setCurrentIndex(max(index, 0))
        self.file_combo.blockSignals(False)

    def entry(self) -> SelfReviewEntry:
        return SelfReviewEntry(
            self.member_id, self.text_edit.toPlainText(), str(self.file_combo.currentData() or "")
        )


class SelfReviewStep(OrgLifeStep):
    step_title = "对照检查"
    subtitle = (
        "出席的支委和党员每人都要对照检查：填写主要内容，或把书面材料添加为附件后在“材料”中选择。"
    )
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.review_error = error_label(self.ui)
        self.body().addWidget(self.review_error)
        self.rows_box = QWidget(self.ui)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(6)
        self.body().addWidget(self.rows_box)
        self.add_field("self_reviews", self.review_error, self.rows_box)
        self.body().addWidget(QLabel("对照检查材料、会议照片（附件）：", self.ui))
        self.attachments = AttachmentsEditor(owner.attachments_dir, self.ui)
        self.body().addWidget(self.attachments)
        self.rows: list[ReviewRow] = []
        self._kept: dict[int, SelfReviewEntry] = {}
        self._shown_for: tuple[object, ...] = ()
        self.attachments.changed.connect(self._files_changed)

    def _harvest(self) -> None:
        for row in self.rows:
            self._kept[row.member_id] = row.entry()

    def _rebuild(self, people: list[tuple[int, str]]) -> None:
        self._harvest()
        for row in self.rows:
            row.hide()
            row.deleteLater()
        self.rows = []
        names = people_names()
        shown = [*people]
        ids = {i for i, _n in people}
        for member_id, entry in self._kept.items():  # typed for someone no longer listed
            if member_id not in ids and entry.given:
                shown.append((member_id, f"{names.get(member_id, '')}（未标为出席）"))
        files = self.file_names()
        for member_id, name in shown:
            row = ReviewRow(member_id, name, self.rows_box)
            kept = self._kept.get(member_id, SelfReviewEntry(member_id))
            row.text_edit.setPlainText(kept.text)
            row.set_files(files, kept.attachment)
            row.text_edit.setReadOnly(self.owner.mode is Mode.READ_ONLY)
            row.file_combo.setEnabled(self.owner.mode is not Mode.READ_ONLY)
            row.text_edit.textChanged.connect(lambda: self.recheck_shown({"self_reviews"}))
            row.file_combo.currentIndexChanged.connect(
                lambda _i: self.recheck_shown({"self_reviews"})
            )
            self.rows_layout.addWidget(row)
            self.rows.append(row)
        if not shown:
            empty = hint("出席情况中没有标为出席的党员。", self.rows_box)
            self.rows_layout.addWidget(empty)

    def file_names(self) -> list[str]:
        return [a.file_name for a in self.attachments.entries()]

    def _files_changed(self) -> None:
        files = self.file_names()
        for row in self.rows:
            row.set_files(files, str(row.file_combo.currentData() or ""))
        self.recheck_shown({"self_reviews"})

    def initializePage(self) -> None:
        attendance = self.owner.attendance_step.editor.entries()
        key = (self.held_on(), tuple(present_ids(attendance)))
        if key != self._shown_for:
            self._shown_for = key
            self._rebuild(reviewers(self.held_on(), attendance))

    def load(self, form: OrgLifeMeetingForm) -> None:
        self.attachments.set_entries(form.attachments)
        self.rows = []
        self._kept = {r.member_id: r for r in form.self_reviews}
        self._shown_for = (form.held_on, tuple(present_ids(form.attendance)))
        self._rebuild(reviewers(form.held_on, form.attendance))

    def fill(self, form: OrgLifeMeetingForm) -> None:
        form.self_reviews = [row.entry() for row in self.rows if row.entry().given]
        form.attachments = self.attachments.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.attachments.set_read_only(read_only)
        for row in self.rows:
            row.text_edit.setReadOnly(read_only)
            row.file_combo.setEnabled(not read_only)


# --- step 5 ----------------------------------------------------------------------------------


class RowList(QWidget):
    """Rows of a few fields each, with 删除 on every row and 添加 below."""

    def __init__(self, add_text: str, make: Callable[[], QWidget], parent: QWidget) -> None:
        super().__init__(parent)
        self.make = make
        self.rows: list[QWidget] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        layout.addLayout(self.rows_layout)
        self.add_button = QPushButton(add_text, self)
        self.add_button.setObjectName("addRowButton")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row())
        below = QHBoxLayout()
        below.addWidget(self.add_button)
        below.addStretch(1)
        layout.addLayout(below)

    def add_row(self) -> QWidget:
        row = self.make()
        remove = QToolButton(row)
        remove.setText("删除")
        remove.setObjectName("removeButton")
        remove.clicked.connect(lambda: self.remove_row(row))
        row_layout = row.layout()
        if isinstance(row_layout, QHBoxLayout):
            row_layout.addWidget(remove)
        self.rows_layout.addWidget(row)
        self.rows.append(row)
        return row

    def remove_row(self, row: QWidget) -> None:
        if row in self.rows:
            self.rows.remove(row)
            row.hide()
            row.deleteLater()

    def clear(self) -> None:
        for row in list(self.rows):
            self.remove_row(row)


class CriticismRow(QFrame):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.by_combo = QComboBox(self)
        self.by_combo.setObjectName("byCombo")
        self.of_combo = QComboBox(self)
        self.of_combo.setObjectName("ofCombo")
        self.text_edit = QLineEdit(self)
        self.text_edit.setObjectName("criticismEdit")
        self.text_edit.setMaxLength(300)
        self.text_edit.setPlaceholderText("一句话写明意见，如：学习不够深入，联系实际不够")
        layout.addWidget(self.by_combo)
        layout.addWidget(QLabel("对", self))
        layout.addWidget(self.of_combo)
        layout.addWidget(self.text_edit, 1)


class CriticismStep(OrgLifeStep):
    step_title = "批评与自我批评"
    subtitle = "每条一行：谁提出，对谁（对自己选“自我批评”），一句话写明意见。"
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.list = RowList("添加一条", lambda: self._make_row(), self.ui)
        self.body().addWidget(self.list)
        label = error_label(self.ui)
        self.body().addWidget(label)
        self.add_field("criticisms", label, self.list)
        self.body().addWidget(QLabel("会议情况（其他需要记下的，可不填）：", self.ui))
        self.summary_edit = text_box(4, self.ui)
        self.summary_edit.setObjectName("summaryEdit")
        self.body().addWidget(self.summary_edit)
        self.body().addStretch(1)
        self._people: list[tuple[int, str]] = []
        self._present: list[int] = []

    def _make_row(self) -> CriticismRow:
        row = CriticismRow(self.list)
        names = people_names()
        fill_member_combo(
            row.by_combo, self._people, names, None, "谁提出", present_first=self._present
        )
        fill_member_combo(
            row.of_combo, self._people, names, None, "对谁", present_first=self._present
        )
        row.of_combo.insertItem(0, SELF_CRITICISM, None)
        row.of_combo.setCurrentIndex(0)
        row.text_edit.textChanged.connect(lambda _t: self.recheck_shown({"criticisms"}))
        row.by_combo.currentIndexChanged.connect(lambda _i: self.recheck_shown({"criticisms"}))
        return row

    def _people_of(self, held_on: dt.date, present: list[int]) -> None:
        self._people = member_choices(held_on)
        self._present = present

    def initializePage(self) -> None:
        entries = self.owner.attendance_step.editor.entries()
        self._people_of(self.held_on(), present_ids(entries))

    def add(self, entry: CriticismEntry) -> CriticismRow:
        row = self.list.add_row()
        assert isinstance(row, CriticismRow)
        names = people_names()
        for combo, who in ((row.by_combo, entry.by_id), (row.of_combo, entry.of_id)):
            if who is not None and combo.findData(who) < 0:
                combo.addItem(f"{names.get(who, '')}（已不在册）", who)
        row.by_combo.setCurrentIndex(row.by_combo.findData(entry.by_id) if entry.by_id else -1)
        if entry.of_id is not None:
            row.of_combo.setCurrentIndex(row.of_combo.findData(entry.of_id))
        row.text_edit.setText(entry.text)
        return row

    def load(self, form: OrgLifeMeetingForm) -> None:
        self._people_of(form.held_on, present_ids(form.attendance))
        self.list.clear()
        for entry in form.criticisms:
            self.add(entry)
        self.summary_edit.setPlainText(form.summary)

    def fill(self, form: OrgLifeMeetingForm) -> None:
        entries = []
        for row in self.list.rows:
            assert isinstance(row, CriticismRow)
            of = row.of_combo.currentData()
            entries.append(
                CriticismEntry(
                    combo_member(row.by_combo),
                    int(of) if of is not None else None,
                    row.text_edit.text(),
                )
            )
        form.criticisms = entries
        form.summary = self.summary_edit.toPlainText()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.list.add_button.setVisible(not read_only)


# --- step 6 ----------------------------------------------------------------------------------


class ItemRow(QFrame):
    """An 整改 item: problem, measure, owner and due date; its closing state as saved."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.item_id: int | None = None
        self.closed_on: dt.date | None = None
        self.close_note = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        fields = QFormLayout()
        self.problem_edit = QLineEdit(self)
        self.problem_edit.setObjectName("problemEdit")
        self.problem_edit.setMaxLength(300)
        self.problem_edit.setPlaceholderText("查摆出的问题")
        fields.addRow("存在的问题：", self.problem_edit)
        self.measure_edit = QLineEdit(self)
        self.measure_edit.setObjectName("measureEdit")
        self.measure_edit.setPlaceholderText("怎么改")
        fields.addRow("整改措施：", self.measure_edit)
        who = QHBoxLayout()
        self.owner_combo = QComboBox(self)
        self.owner_combo.setObjectName("ownerCombo")
        who.addWidget(self.owner_combo)
        who.addWidget(QLabel("完成时限：", self))
        self.due_edit = QLineEdit(self)
        self.due_edit.setObjectName("dueEdit")
        self.due_button = QToolButton(self)
        self.due = DateInput(self.due_edit, self.due_button)
        self.due.placeholder = "如 2027.03.31"
        self.due_edit.setPlaceholderText("如 2027.03.31")
        who.addWidget(self.due_edit)
        who.addWidget(self.due_button)
        who.addStretch(1)
        fields.addRow("责任人：", who)
        self.state_label = QLabel(self)
        set_role(self.state_label, "hint")
        fields.addRow("", self.state_label)
        layout.addLayout(fields, 1)

    def set_closing(self, closed_on: dt.date | None, note: str) -> None:
        self.closed_on, self.close_note = closed_on, note
        if closed_on is None:
            self.state_label.setText("")
            self.state_label.hide()
        else:
            self.state_label.setText(f"已于{format_date(closed_on)}整改完成：{note}")
            self.state_label.show()

    def entry(self) -> RectificationEntry:
        return RectificationEntry(
            problem=self.problem_edit.text(),
            measure=self.measure_edit.text(),
            owner_id=combo_member(self.owner_combo),
            due_on=self.due.value(),
            item_id=self.item_id,
            closed_on=self.closed_on,
            close_note=self.close_note,
        )


class RectificationStep(OrgLifeStep):
    step_title = "整改清单"
    subtitle = "针对查摆出的问题逐项制定整改措施，写明责任人和完成时限。未完成的整改会在首页提醒。"
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.list = RowList("添加一项整改", lambda: self._make_row(), self.ui)
        self.body().addWidget(self.list)
        label = error_label(self.ui)
        self.body().addWidget(label)
        self.add_field("rectification", label, self.list)
        self.body().addStretch(1)
        self._people: list[tuple[int, str]] = []

    def _make_row(self) -> ItemRow:
        row = ItemRow(self.list)
        fill_member_combo(row.owner_combo, self._people, people_names(), None, "选择责任人")
        row.set_closing(None, "")
        for signal in (row.problem_edit.textChanged, row.due.changed):
            signal.connect(lambda *_a: self.recheck_shown({"rectification"}))
        row.owner_combo.currentIndexChanged.connect(
            lambda _i: self.recheck_shown({"rectification"})
        )
        return row

    def initializePage(self) -> None:
        self._people = member_choices(self.held_on())

    def add(self, entry: RectificationEntry) -> ItemRow:
        row = self.list.add_row()
        assert isinstance(row, ItemRow)
        if entry.owner_id is not None and row.owner_combo.findData(entry.owner_id) < 0:
            name = people_names().get(entry.owner_id, "")
            row.owner_combo.addItem(f"{name}（已不在册）", entry.owner_id)
        row.problem_edit.setText(entry.problem)
        row.measure_edit.setText(entry.measure)
        row.owner_combo.setCurrentIndex(
            row.owner_combo.findData(entry.owner_id) if entry.owner_id is not None else -1
        )
        row.due.set_date(entry.due_on)
        row.item_id = entry.item_id
        row.set_closing(entry.closed_on, entry.close_note)
        return row

    def load(self, form: OrgLifeMeetingForm) -> None:
        self._people = member_choices(form.held_on)
        self.list.clear()
        for entry in form.rectification:
            self.add(entry)

    def fill(self, form: OrgLifeMeetingForm) -> None:
        entries = []
        for row in self.list.rows:
            assert isinstance(row, ItemRow)
            entries.append(row.entry())
        form.rectification = entries

    def validate_more(self) -> bool:
        """A due date typed that is not a date (the form reads it as none): said instead of
        "没有填写完成时限", once the step's other problems are mended."""
        unreadable = []
        for number, row in enumerate(self.list.rows, 1):
            assert isinstance(row, ItemRow)
            if row.due.problem():
                unreadable.append((number, row))
        if not unreadable:
            return True
        taken_as_none = {f"整改清单第{n}项没有填写完成时限。" for n, _row in unreadable}
        errors = {
            p.message
            for p in self.owner.check(self.owner.form())
            if p.is_error and p.field == "rectification"
        }
        if errors - taken_as_none:
            return False  # those are shown first
        number, row = unreadable[0]
        show_problem(
            self.errors["rectification"],
            Problem("rectification", f"整改清单第{number}项的完成时限：{row.due.problem()}"),
        )
        row.due_edit.setFocus()
        return False

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.list.add_button.setVisible(not read_only)


class OrgLifeReviewPage(ReviewPage):
    form_name = "org_life_review"


# --- the wizard ------------------------------------------------------------------------------


class OrgLifeMeetingWizard(DraftWizard):
    """Records one 组织生活会. ``form`` from ``new_org_life_meeting_form``,
    ``load_org_life_meeting`` or ``ORG_LIFE_MEETING.copy_last``."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        BasicsStep,
        PreparationStep,
        AttendanceStep,
        SelfReviewStep,
        CriticismStep,
        RectificationStep,
        OrgLifeReviewPage,
    )
    KIND = ORG_LIFE_MEETING
    SIZE = (960, 700)
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "会议日期",
        "place": "地点",
        "theme": "会议主题",
        "chair_id": "主持人",
        "recorder_id": "记录人",
        "study": "会前学习",
        "opinions_count": "征求意见条数",
        "opinions_source": "征求对象",
        "talk_ids": "会前谈心谈话",
        "attendance": "出席情况",
        "self_reviews": "对照检查",
        "criticisms": "批评与自我批评",
        "rectification": "整改清单",
        "summary": "会议情况",
        "attachments": "附件",
    }

    def __init__(
        self,
        form: OrgLifeMeetingForm,
        *,
        attachments_dir: Path,
        data_root: Path | None = None,
        record_id: int | None = None,
        mode: Mode = Mode.NEW,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            form,
            record_id=record_id,
            mode=mode,
            today=today,
            attachments_dir=attachments_dir,
            data_root=data_root,
            parent=parent,
        )

    @property
    def basics(self) -> BasicsStep:
        page = self.pages[0]
        assert isinstance(page, BasicsStep)
        return page

    @property
    def attendance_step(self) -> AttendanceStep:
        page = self.pages[2]
        assert isinstance(page, AttendanceStep)
        return page

    def review_html(self, form: Any) -> str:
        assert isinstance(form, OrgLifeMeetingForm)
        names = self.basics.names
        talks = dict(talk_choices(form.held_on))
        count = form.opinions_count
        opinions = f"{count}条" if isinstance(count, int) and count else ""
        if opinions and squeeze(form.opinions_source):
            opinions += f"（向{squeeze(form.opinions_source)}征求）"
        reviews = "、".join(
            names.get(r.member_id, "") + (f"（附件 {r.attachment}）" if r.attachment else "")
            for r in form.self_reviews
        )
        criticisms = "；".join(
            f"{names.get(c.by_id or 0, '')}"
            f"{'（自我批评）' if c.of_id is None else '对' + names.get(c.of_id, '')}：{c.text}"
            for c in form.criticisms
        )
        items = "；".join(
            f"{n}. {i.problem}（{names.get(i.owner_id or 0, '无责任人')}，"
            f"{format_date(i.due_on) if i.due_on else '无时限'}）"
            for n, i in enumerate(form.rectification, 1)
        )
        files = "、".join(a.file_name for a in form.attachments)
        return review_table(
            [
                ("会议日期", format_date(form.held_on)),
                ("会议地点", form.place.strip()),
                ("会议主题", form.theme.strip()),
                ("主持人", names.get(form.chair_id or 0, "")),
                ("记录人", names.get(form.recorder_id or 0, "")),
                ("会前学习", form.study.strip()),
                ("征求意见", opinions),
                ("会前谈心谈话", "；".join(talks.get(t, "") for t in form.talk_ids)),
                ("出席情况", attendance_summary(form.attendance)),
                ("对照检查", f"{len(form.self_reviews)}人：{reviews}" if reviews else ""),
                ("批评与自我批评", criticisms),
                ("整改清单", items),
                ("会议情况", form.summary.strip()),
                ("附件", f"{len(form.attachments)} 个：{files}" if files else "无"),
            ]
        )
