"""Step 3 of the meeting wizard, 会议内容: per agenda item the discussion, speeches and
resolutions (votes counted as they are entered); for a 党课 its content; 未形成决议 when
the meeting is short of quorum."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind
from jianshi_desktop.domain.meetings import is_no_resolution, needs_quorum, no_resolution_text
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import alive, scaled_font, set_role, show_problem
from jianshi_desktop.gui.meetings.decisions_dialog import (
    NOBODY,
    TITLE,
    USUAL,
    WHY_MISSING,
    DecisionsDialog,
)
from jianshi_desktop.gui.meetings.proceedings_rows import ResolutionRow, SpeechRow, due_subjects
from jianshi_desktop.gui.meetings.step import MeetingStep, ordinal, text_box
from jianshi_desktop.gui.records.pickers import combo_line
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services import recruitment
from jianshi_desktop.services.meetings import (
    AgendaEntry,
    MeetingForm,
    ResolutionEntry,
    SpeechEntry,
    new_resolution,
)

if TYPE_CHECKING:
    from jianshi_desktop.gui.meetings.wizard import MeetingWizard


class AgendaSection(QFrame):
    """One agenda item on the 会议内容 page: discussion, speeches, resolutions."""

    def __init__(
        self,
        page: ProceedingsPage,
        title: str,
        agenda: AgendaEntry | None,
        resolutions: list[ResolutionEntry],
    ) -> None:
        super().__init__(page.sections_box)
        self.setObjectName("agendaSection")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.owner = page.owner
        self.agenda = agenda
        self.speeches: list[SpeechRow] = []
        self.resolutions: list[ResolutionRow] = []
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
            self.discussion = text_box(2, self)
            self.discussion.setPlainText(agenda.discussion)
            self.discussion.setPlaceholderText("会议对这项议题讨论的简要情况")
            self.discussion.setAccessibleName(f"{agenda.title}的讨论情况")
            label.setBuddy(self.discussion)
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

    def add_speech(self, speech: SpeechEntry | None = None) -> SpeechRow:
        row = SpeechRow(self, speech or SpeechEntry(None, "", ""))
        self.speeches.append(row)
        self.speech_box.addWidget(row)
        row.show()  # added to a page already shown
        if speech is None:
            combo_line(row.speaker).setFocus()
        return row

    def remove_speech(self, row: SpeechRow) -> None:
        self.speeches.remove(row)
        row.hide()
        row.deleteLater()

    def add_resolution(self, resolution: ResolutionEntry | None = None) -> ResolutionRow:
        """A saved resolution, or (None) a new one: put to the vote when its kind is decided
        by vote at this meeting, 全体同意 to start (services.meetings.new_resolution)."""
        row = ResolutionRow(self, resolution or new_resolution(self.owner.work))
        self.resolutions.append(row)
        self.resolution_box.addWidget(row)
        row.show()
        if resolution is None:
            row.text.setFocus()
        return row

    def remove_resolution(self, row: ResolutionRow) -> None:
        self.resolutions.remove(row)
        row.hide()
        row.deleteLater()

    def fill(self, form: MeetingForm, index: int | None) -> list[ResolutionEntry]:
        """Write the discussion and speeches into agenda item ``index`` of ``form``; the
        resolutions, for the page to gather."""
        if index is not None and self.discussion is not None and index < len(form.agenda):
            entry = form.agenda[index]
            entry.discussion = self.discussion.toPlainText()
            entry.speeches = [e for row in self.speeches if (e := row.entry()) is not None]
        return [row.entry(index) for row in self.resolutions]


class ProceedingsPage(MeetingStep):
    step_title = "会议内容"
    subtitle = "按议题记录讨论、发言和决议；需要表决的决议填上票数，结果会自动算出。"
    LINKED_FIELDS: ClassVar[frozenset[str]] = frozenset({"resolutions"})

    def __init__(self, owner: MeetingWizard) -> None:
        super().__init__(owner)
        self.quorum_label = QLabel(self.ui)
        self.quorum_label.setObjectName("quorumLabel")
        self.quorum_label.setWordWrap(True)
        self.sections_box = QWidget(self.ui)
        self.body_layout = QVBoxLayout(self.sections_box)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.body_layout.setSpacing(12)
        scroll = QScrollArea(self.ui)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.sections_box)
        self.error = QLabel(self.ui)
        show_problem(self.error, None)
        # 发展党员表决…: one per-person resolution for each person due that the user ticks
        self.decisions_button = QPushButton(f"{TITLE}…", self.ui)
        self.decisions_button.setAutoDefault(False)
        self.decisions_button.setToolTip(
            "列出这次会议可以表决的入党积极分子、发展对象和预备党员，勾选后每人添加一项决议"
        )
        self.decisions_button.clicked.connect(lambda: self.open_decisions())
        self.decisions_dialog: DecisionsDialog | None = None
        body = self.body()
        body.addWidget(self.quorum_label)
        self.decisions_row = QWidget(self.ui)
        row = QHBoxLayout(self.decisions_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.decisions_button)
        hint = QLabel("列出这次会议到期可以表决的人，勾选后每人添加一项决议", self.decisions_row)
        set_role(hint, "hint")
        row.addWidget(hint, 1)
        body.addWidget(self.decisions_row)
        body.addWidget(scroll, 1)
        body.addWidget(self.error)
        self.sections: list[AgendaSection] = []
        self.summary_edit: QPlainTextEdit | None = None
        self.open_items_edit: QPlainTextEdit | None = None
        self.no_resolution: QLabel | None = None  # 未形成决议, when there is no quorum
        self._built = False

    def initializePage(self) -> None:
        self._build(self.owner.work)
        if self.owner.mode is Mode.READ_ONLY:
            self.set_read_only(True)

    def cleanupPage(self) -> None:
        super().cleanupPage()
        self._built = False  # step 1 or 2 may change what it shows: built again on return

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
        self.decisions_row.setVisible(
            form.kind in WHY_MISSING and bool(form.agenda) and not self.without_quorum(form)
        )
        self.setSubTitle("记录党课的主要内容。" if lecture else self.subtitle)
        self._show_quorum(form)
        if lecture:
            label = QLabel("党课主要内容", self.sections_box)
            label.setFont(scaled_font(1.0, bold=True))
            self.summary_edit = QPlainTextEdit(self.sections_box)
            self.summary_edit.setPlainText(form.summary)
            self.summary_edit.setPlaceholderText("讲课的要点、学习的文件，以及大家的体会（可不填）")
            self.summary_edit.setAccessibleName("党课主要内容")
            self.summary_edit.setMinimumHeight(220)
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
            section = AgendaSection(self, title, agenda, [] if no_quorum else mine)
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
            heading = QLabel("决议", self.sections_box)
            heading.setFont(scaled_font(1.0, bold=True))
            self.no_resolution = QLabel(
                no_resolution_text(form.kind, form.headcount()), self.sections_box
            )
            self.no_resolution.setWordWrap(True)
            self.no_resolution.setObjectName("noResolution")
            self.body_layout.addWidget(heading)
            self.body_layout.addWidget(self.no_resolution)
        elif loose:
            section = AgendaSection(self, "其他决议", None, loose)
            self.sections.append(section)
            self.body_layout.addWidget(section)
        label = QLabel("未尽事项（可不填）", self.sections_box)
        label.setFont(scaled_font(1.0, bold=True))
        self.open_items_edit = text_box(2, self.sections_box)
        self.open_items_edit.setPlainText(form.open_items)
        self.open_items_edit.setPlaceholderText("会上没有议定、留待以后办理的事项")
        self.open_items_edit.setAccessibleName("未尽事项")
        label.setBuddy(self.open_items_edit)
        self.body_layout.addWidget(label)
        self.body_layout.addWidget(self.open_items_edit)
        self.body_layout.addStretch(1)
        self._built = True

    def open_decisions(self) -> None:
        """发展党员表决…: the people due for a decision at this meeting and not yet given
        one here, to tick; or, when there are none, why someone may be missing."""
        shown = self.decisions_dialog
        if shown is not None and alive(shown) and shown.isVisible():
            shown.raise_()  # opened already: the same list
            return
        form = self.owner.form()
        taken = {(r.kind, r.recruitment_id, r.member_id) for r in form.resolutions}
        due = [
            s for s in due_subjects(form) if (s.kind, s.recruitment_id, s.member_id) not in taken
        ]
        if not any(s.kind in USUAL for s in due):  # 延长/取消 are never "due"
            messages.information(self, NOBODY, title=TITLE, hint=WHY_MISSING[form.kind])
            return
        dialog = DecisionsDialog(self, due)
        dialog.accepted.connect(lambda: self.add_decisions(dialog.chosen()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.decisions_dialog = dialog
        dialog.open()

    def add_decisions(self, chosen: list[recruitment.Subject]) -> None:
        """One resolution per person chosen, under the agenda item about 发展党员 (else
        the last item), voted as services.meetings.new_resolution starts a vote."""
        sections = [s for s in self.sections if s.agenda is not None] or self.sections
        if not sections or not chosen:
            return
        words = ("发展", "接收", "转正", "预备", "积极分子")
        section = next(
            (s for s in sections if s.agenda and any(w in s.agenda.title for w in words)),
            sections[-1],
        )
        index = self.sections.index(section) if section.agenda is not None else None
        for subject in chosen:
            entry = new_resolution(self.owner.work, index, subject.kind)
            entry.text = subject.text
            entry.recruitment_id = subject.recruitment_id
            entry.member_id = subject.member_id
            section.add_resolution(entry)

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

    def fill(self, form: MeetingForm) -> None:
        if not self._built:
            return
        if self.summary_edit is not None:
            form.summary = self.summary_edit.toPlainText()
            return
        resolutions: list[ResolutionEntry] = []
        for number, section in enumerate(self.sections):
            index = number if section.agenda is not None else None
            resolutions += section.fill(form, index)
        if self.no_resolution is not None:
            resolutions = [ResolutionEntry(no_resolution_text(form.kind, form.headcount()))]
        form.resolutions = resolutions
        if self.open_items_edit is not None:
            form.open_items = self.open_items_edit.toPlainText()

    def validate_more(self) -> bool:
        if self.owner.mode is Mode.READ_ONLY:
            return True
        rows = [row for section in self.sections for row in section.resolutions]
        form = self.owner.form()  # a planned meeting is not held yet: 完成 says so
        today = max(self.owner.today(), form.held_on)
        found = recruitment.decision_problems(form, today=today)
        ok = True
        for number, row in enumerate(rows, start=1):
            mine = [p for p in found if p.message.startswith(f"第{number}项决议（")]
            errors = [p for p in mine if p.is_error]
            ok = row.check((errors or mine)[0] if mine else None) and ok
        for section in self.sections:
            ok = all([speech.check() for speech in section.speeches]) and ok
        show_problem(
            self.error,
            None if ok else Problem("resolutions", "上面有标着！的地方需要改正，改好后才能继续。"),
        )
        return ok
