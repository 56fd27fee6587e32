"""The rows of the 会议内容 step: a speech (who spoke and what was said) and a resolution
(its text, the vote or 不表决, written opinions of absent voters, the result)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import MeetingKind, ResolutionKind
from jianshi_desktop.domain.meetings import (
    VoteOutcome,
    decided_by_vote,
    takes_written_opinions,
    written_opinion_problem,
)
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.widgets import set_role, show_problem
from jianshi_desktop.gui.meetings.step import text_box
from jianshi_desktop.gui.records.pickers import (
    combo_line,
    combo_person,
    fill_person_combo,
    present_members,
)
from jianshi_desktop.services import history, members, recruitment
from jianshi_desktop.services.meetings import MeetingForm, ResolutionEntry, SpeechEntry

if TYPE_CHECKING:
    from jianshi_desktop.gui.meetings.proceedings import AgendaSection

MAX_VOTES = 999
EXTENSION_MONTHS = 6  # 延长预备期: half a year to start with (党章 art. 7: at most a year)
PERSON_KINDS = recruitment.FILE_DECISIONS | recruitment.MEMBER_DECISIONS


def fitting_kinds(meeting: MeetingKind) -> list[ResolutionKind]:
    """The resolution kinds a meeting of ``meeting`` may record: 确定入党积极分子 and
    确定发展对象 in a 支委会 (in a 支部党员大会 where the branch has no committee); 接收,
    转正, 延长预备期, 取消资格 and 选举 in a 支部党员大会; 一般事项 everywhere."""
    found = [ResolutionKind.GENERAL]
    for kind in ResolutionKind:
        wanted = recruitment.decision_meetings(kind)  # a branch without a committee: 大会
        if kind is ResolutionKind.ELECTION:
            wanted = frozenset({MeetingKind.GENERAL_ASSEMBLY})
        if meeting in wanted and kind not in found:
            found.append(kind)
    return found


def subject_label(subject: recruitment.Subject) -> str:
    return f"{subject.name}（骨干）" if subject.backbone else subject.name


def subject_key(recruitment_id: int | None, member_id: int | None) -> str:
    """The chooser's data for a person: ``r12`` (a 发展党员 file) or ``m5`` (a member)."""
    return f"r{recruitment_id}" if recruitment_id is not None else f"m{member_id}"


def subject_of(key: object) -> tuple[int | None, int | None]:
    if not isinstance(key, str) or not key[1:].isdigit():
        return (None, None)
    number = int(key[1:])
    return (number, None) if key.startswith("r") else (None, number)


def due_subjects(form: MeetingForm) -> list[recruitment.Subject]:
    """Everyone this meeting may decide about, all fitting kinds (services.recruitment)."""
    found: list[recruitment.Subject] = []
    for kind in fitting_kinds(form.kind):
        if kind in PERSON_KINDS:
            found += recruitment.due_for(kind, form.held_on)
    return found


class SpeechRow(QFrame):
    """One speech: who spoke (a member or a typed name) and what was said."""

    def __init__(self, section: AgendaSection, speech: SpeechEntry) -> None:
        super().__init__(section)
        owner = section.owner
        self.original = (speech.speaker_id, speech.speaker_name)
        self.speaker = QComboBox(self)
        self.speaker.setEditable(True)
        self.speaker.setMinimumContentsLength(7)
        self.speaker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        fill_person_combo(  # those at the meeting first: they are the speakers
            self.speaker,
            owner.choices,
            speech.speaker_id,
            speech.speaker_name,
            owner.names,
            present_first=present_members(owner.work.attendance),
        )
        combo_line(self.speaker).setPlaceholderText("发言人")
        self.speaker.setAccessibleName("发言人")
        self.content = text_box(2, self)
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


class ResolutionRow(QFrame):
    """One resolution: its text, and the vote (同意 / 反对 / 弃权) or 不表决, with the result."""

    def __init__(self, section: AgendaSection, resolution: ResolutionEntry) -> None:
        super().__init__(section)
        self.section = section
        self.owner = section.owner
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("resolutionRow")
        self.text = text_box(2, self)
        self.text.setPlainText(resolution.text)
        self.text.setPlaceholderText("决议的内容，如 同意确定张某某为入党积极分子")
        self.text.setAccessibleName("决议内容")
        self.remove_button = QPushButton("删除决议", self)
        self.remove_button.setAutoDefault(False)
        self.vote_check = QCheckBox("进行表决", self)
        self.vote_check.setChecked(resolution.voted)
        self.vote_check.setToolTip("不表决的决议（如传达、部署）只作记录，不写票数。")
        self.spins: dict[str, QSpinBox] = {}
        self.original_written = (resolution.written_for, resolution.written_against)
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
        kinds_shown = fitting_kinds(self.owner.work.kind)
        if resolution.kind not in kinds_shown:  # an old record keeps its kind
            kinds_shown.append(resolution.kind)
        for kind in kinds_shown:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(resolution.kind))
        # whom a per-person decision is about, from those due on the meeting's day
        self.original_subject = (resolution.recruitment_id, resolution.member_id)
        self.person_combo = QComboBox(self)
        self.person_combo.setAccessibleName("表决对象")
        self.person_combo.setMinimumContentsLength(8)
        self.person_label = QLabel("表决对象", self)
        self.person_label.setBuddy(self.person_combo)
        self.extended_edit = QDateEdit(self)
        self.extended_edit.setDisplayFormat("yyyy年M月d日")
        self.extended_edit.setCalendarPopup(True)
        self.extended_edit.setAccessibleName("延长后预备期满日期")
        self.extended_edit.setToolTip("延长预备期最短半年，最长一年")
        self.extended_label = QLabel("延长至", self)
        self.extended_label.setBuddy(self.extended_edit)
        self._extended_to = resolution.extended_to
        if resolution.extended_to is not None:
            day = resolution.extended_to
            self.extended_edit.setDate(QDate(day.year, day.month, day.day))
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
        kinds.addWidget(self.person_label)
        kinds.addWidget(self.person_combo)
        kinds.addWidget(self.extended_label)
        kinds.addWidget(self.extended_edit)
        kinds.addSpacing(10)
        kinds.addWidget(self.written_box, 1)
        kinds.addStretch(0)  # a 支委会 has no written opinions: keep the fields together
        self._fill_people()
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.person_combo.currentIndexChanged.connect(lambda _i: self._person_changed())
        self.extended_edit.dateChanged.connect(lambda _d: self._extended_changed())
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
        written_for, written_against = self._written() if voted else (None, None)
        return ResolutionEntry(
            text=self.text.toPlainText(),
            agenda_index=agenda_index,
            votes_for=self.spins["for"].value() if voted else None,
            votes_against=self.spins["against"].value() if voted else None,
            votes_abstain=self.spins["abstain"].value() if voted else None,
            kind=self.resolution_kind(),
            written_for=written_for,
            written_against=written_against,
            recruitment_id=self.recruitment_id(),
            member_id=self.member_id(),
            extended_to=self.extended_to(),
        )

    def _subject(self) -> tuple[int | None, int | None]:
        if self.resolution_kind() not in PERSON_KINDS:
            return (None, None)
        return subject_of(self.person_combo.currentData())

    def recruitment_id(self) -> int | None:
        return self._subject()[0] if self.resolution_kind() in recruitment.FILE_DECISIONS else None

    def member_id(self) -> int | None:
        kind = self.resolution_kind()
        return self._subject()[1] if kind in recruitment.MEMBER_DECISIONS else None

    def extended_to(self) -> dt.date | None:
        if self.resolution_kind() is not ResolutionKind.PROBATION_EXTENDED:
            return None
        return self._extended_to

    def _fill_people(self) -> None:
        """The person chooser for a per-person kind: who is due for it on the meeting's
        day, and the person the record names (kept even when no longer due)."""
        kind = self.resolution_kind()
        per_person = kind in PERSON_KINDS
        self.person_combo.blockSignals(True)
        self.person_combo.clear()
        if per_person:
            self.person_combo.addItem("请选择", None)
            subjects = recruitment.due_for(kind, self.owner.work.held_on)
            for subject in subjects:
                key = subject_key(subject.recruitment_id, subject.member_id)
                self.person_combo.addItem(subject_label(subject), key)
            wanted = self._wanted_subject(kind)
            if wanted != (None, None):
                index = self.person_combo.findData(subject_key(*wanted))
                if index < 0:
                    self.person_combo.addItem(self._name_of(wanted), subject_key(*wanted))
                    index = self.person_combo.count() - 1
                self.person_combo.setCurrentIndex(index)
        self.person_combo.blockSignals(False)
        self.person_label.setVisible(per_person)
        self.person_combo.setVisible(per_person)
        self._show_extension()

    def _wanted_subject(self, kind: ResolutionKind) -> tuple[int | None, int | None]:
        recruitment_id, member_id = self.original_subject
        if kind in recruitment.FILE_DECISIONS and recruitment_id is not None:
            return (recruitment_id, None)
        if kind in recruitment.MEMBER_DECISIONS and member_id is not None:
            return (None, member_id)
        return (None, None)

    @staticmethod
    def _name_of(subject: tuple[int | None, int | None]) -> str:
        recruitment_id, member_id = subject
        if recruitment_id is not None:
            rows = recruitment.list_recruitments(include_closed=True)
            return next((r.name for r in rows if r.id == recruitment_id), "（已删除）")
        facts = history.facts_of(member_id) if member_id is not None else None
        return facts.name if facts is not None else "（已删除）"

    def _show_extension(self) -> None:
        shown = self.resolution_kind() is ResolutionKind.PROBATION_EXTENDED
        self.extended_label.setVisible(shown)
        self.extended_edit.setVisible(shown)
        member_id = self.member_id()
        if not shown or member_id is None or self._extended_to is not None:
            return
        facts = history.facts_of(member_id)
        if facts is None or facts.joined_on is None:
            return
        end = probation_end(facts.joined_on, members.probation_extensions(member_id).get(member_id))
        day = add_months(end, EXTENSION_MONTHS)
        self.extended_edit.blockSignals(True)
        self.extended_edit.setDate(QDate(day.year, day.month, day.day))
        self.extended_edit.blockSignals(False)
        self._extended_to = day

    def _person_changed(self) -> None:
        """A person chosen: an empty resolution text gets the usual words."""
        subject = self._subject()
        self.original_subject = subject
        if self.resolution_kind() is ResolutionKind.PROBATION_EXTENDED:
            self._extended_to = None  # the default follows the person chosen
        self._show_extension()
        if not squeeze(self.text.toPlainText()):
            for found in recruitment.due_for(self.resolution_kind(), self.owner.work.held_on):
                if (found.recruitment_id, found.member_id) == subject:
                    self.text.setPlainText(found.text)
                    break
        self._changed()

    def _extended_changed(self) -> None:
        day = self.extended_edit.date()
        self._extended_to = dt.date(day.year(), day.month(), day.day())
        self._changed()

    def _written(self) -> tuple[int | None, int | None]:
        """The written opinions (同意, 反对); as the record had them while they show the same
        (0 or not given): an untouched record stays unchanged."""
        values = (self.spins["written_for"].value(), self.spins["written_against"].value())
        original = self.original_written
        return original if values == (original[0] or 0, original[1] or 0) else values

    def resolution_kind(self) -> ResolutionKind:
        kind = self.kind_combo.currentData()  # Qt hands the value back as a plain str
        return ResolutionKind(kind) if kind else ResolutionKind.GENERAL

    def _show_written(self) -> None:
        """The written-opinion fields for per-person votes, with their check beside them."""
        entry = self.entry(None)
        shown = takes_written_opinions(entry.kind) or (
            bool(entry.written) if entry.voted else False
        )
        self.written_box.setVisible(shown)
        if not shown:
            return
        count = self.owner.work.headcount()
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
        self.set_votes(self.owner.work.headcount().voters_present)

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

    def _kind_changed(self) -> None:
        """A kind decided by vote (接收预备党员 …) ticks 进行表决 when the meeting can vote
        (as services.meetings.new_resolution does); the secretary may untick."""
        work = self.owner.work
        votes = decided_by_vote(work.kind, self.resolution_kind()) and work.quorum().reached
        if votes and not self.vote_check.isChecked():
            self.vote_check.setChecked(True)  # 全体同意 to start
        self._fill_people()
        self._changed()

    def _changed(self) -> None:
        self.show_result()
        if not self.error.isHidden():
            self.check()

    def vote_problem(self) -> tuple[str, str]:
        """(the result line, its style role) for the vote as entered."""
        entry = self.entry(None)
        result = self.owner.work.vote(entry)
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

    def check(self, decision: Problem | None = None) -> bool:
        """Show what is wrong with the row: no text, a wrong count, or ``decision`` (the
        per-person check of services.recruitment.decision_problems for this row)."""
        problem: Problem | None = None
        if not squeeze(self.text.toPlainText()):
            problem = Problem("resolutions", "请写上决议的内容，或删除这一项。")
        elif decision is not None:
            problem = decision
        show_problem(self.error, problem)
        _text, role = self.vote_problem()
        return (problem is None or not problem.is_error) and role != "error"
