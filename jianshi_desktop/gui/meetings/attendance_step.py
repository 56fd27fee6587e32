"""Steps 2 and 4 of the meeting wizard: 出席情况 (who was expected, who came, who was
away and why, who observed) and 附件."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, Presence
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.widgets import alive, set_role, show_problem
from jianshi_desktop.gui.meetings.step import MeetingStep
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.gui.records.attendance import AttendanceEditor, merge_attendance
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services.meetings import (
    MeetingForm,
    entrusted_chair,
    expected_attendance,
    people_present_problems,
    secretary_id,
)

if TYPE_CHECKING:
    from jianshi_desktop.gui.meetings.wizard import MeetingWizard


class AttendancePage(MeetingStep):
    step_title = "出席情况"
    subtitle = "应到名单已按会议类别从名册中取好。请点选请假或缺席的人并写明原因，有列席的请添加。"
    LINKED_FIELDS: ClassVar[frozenset[str]] = frozenset({"attendance", "quorum"})

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.editor = AttendanceEditor(self.ui, members=owner.choices)
        self.error = QLabel(self.ui)
        self.error.setObjectName("attendanceError")
        show_problem(self.error, None)
        self.chair_note = QLabel(self.ui)  # 受委托主持, when the secretary is away
        self.chair_note.setObjectName("chairNote")
        self.chair_note.setWordWrap(True)
        set_role(self.chair_note, "hint")
        self.chair_note.setVisible(False)
        body = self.body()
        body.addWidget(self.editor, 1)
        body.addWidget(self.chair_note)
        body.addWidget(self.error)
        self._key: tuple[MeetingKind, int | None, dt.date] | None = None
        self.editor.changed.connect(self._edited)
        # 列席: a member picked from the list is added at once (no 添加 click after it)
        self.editor.observer_combo.activated.connect(self._observer_picked)

    @staticmethod
    def key_of(form: MeetingForm) -> tuple[MeetingKind, int | None, dt.date]:
        return (form.kind, form.party_group_id, form.held_on)

    def load(self, form: MeetingForm) -> None:
        self.editor.set_kind(form.kind)
        self.editor.set_entries(form.attendance)
        self._key = self.key_of(form)

    def _observer_picked(self, index: int) -> None:
        """A name picked from the 列席 list is added once the pick has settled (Enter in
        the field adds it through the editor's own 添加, leaving the field empty)."""
        combo = self.editor.observer_combo
        member_id = combo.itemData(index)
        name = combo.itemText(index)

        def add() -> None:
            if not alive(combo) or squeeze(combo.currentText()) != name:
                return
            if self.editor.add_observer(name, member_id):
                combo.setCurrentIndex(-1)
                combo.setEditText("")

        QTimer.singleShot(0, add)

    def initializePage(self) -> None:
        form = self.owner.work
        self.editor.set_member_choices(self.owner.choices)  # 列席: members of the day
        key = self.key_of(form)
        if key != self._key and self.owner.mode is not Mode.READ_ONLY:
            # kind, group or date changed on step 1: who is expected?
            fresh = expected_attendance(
                form.kind, on=form.held_on, party_group_id=form.party_group_id
            )
            self.editor.set_kind(form.kind)
            self.editor.set_entries(merge_attendance(self.editor.entries(), fresh))
            self._key = key
            self.keep()
        show_problem(self.error, None)
        self._show_chair_note()

    def fill(self, form: MeetingForm) -> None:
        form.attendance = self.editor.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.set_read_only(read_only)

    def _edited(self) -> None:
        if not self.error.isHidden():
            self.validate_more()
        self._show_chair_note()

    def _form_now(self) -> MeetingForm:
        return replace(self.owner.work, attendance=self.editor.entries())

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

    def validate_more(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
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


class AttachmentsPage(MeetingStep):
    """附件: nothing to ask of a record being written that has none yet — it is passed
    over, and the review offers 添加附件… (a record that has some shows the step)."""

    step_title = "附件"
    subtitle = "会议通知、签到表、现场照片等，有就添加，没有可以直接点“下一步”。"

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.editor = AttachmentsEditor(owner.attachments_dir, self.ui)
        self.body().addWidget(self.editor, 1)

    def load(self, form: MeetingForm) -> None:
        self.editor.set_entries(form.attachments)

    def nothing_to_ask(self) -> bool:
        return self.owner.mode in (Mode.NEW, Mode.DRAFT) and not self.editor.entries()

    def fill(self, form: MeetingForm) -> None:
        form.attachments = self.editor.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.set_read_only(read_only)
