"""A secretary's day (issue 16): a 支委会 with seven people present (the five committee
members and two 列席) and two resolutions, from 新建 on the 三会一课 page to the printed
page — in at most 15 clicks and 6 typed fields.

The branch is set up as a new user sets it up (through the services): a primary school's
branch, the sample roster imported, a five-post committee with its posts held. Then the
real main window is driven with qtbot, and every user action goes through a small counting
wrapper: a mouse click, a pick from a drop-down list or a tick is one click; text typed into
a field is one typed field (clicking into the field to type is part of typing it). The
print dialog's 打印 is a click; the pages go to a PDF file instead of a printer, as in
tests/gui/test_printing.py. The counts are printed (``pytest -s`` shows them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import (
    AttendanceRole,
    CommitteePostKind,
    MeetingKind,
    Presence,
    RecordState,
    ResolutionKind,
)
from jianshi_desktop.domain.meetings import decided_by_vote
from jianshi_desktop.gui.common.name_search import name_search_of
from jianshi_desktop.gui.documents import preview
from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.meetings.page import MeetingsPage
from jianshi_desktop.gui.meetings.wizard import MeetingWizard
from jianshi_desktop.gui.records.attendance import AttendanceEditor
from jianshi_desktop.gui.records.pickers import combo_line, combo_member
from jianshi_desktop.gui.records.wizard import PRINT_BUTTON
from jianshi_desktop.services import history, meetings, members, organization, roster
from jianshi_desktop.services.branch import BranchInfo
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.committee import create_term
from tests.support import ROSTER_SAMPLE

from . import meeting_steps as steps
from .conftest import MessageLog

# the offscreen platform cannot raise a window or grab the keyboard for a drop-down list
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)

TODAY = dt.date.today()
ELECTED = TODAY - dt.timedelta(days=60)
MAX_CLICKS = 15
MAX_TYPED = 6
POSTS = (  # a five-post committee and who holds each post (from the sample roster)
    (CommitteePostKind.SECRETARY, "曾丽佳"),
    (CommitteePostKind.DEPUTY_SECRETARY, "戴林春"),
    (CommitteePostKind.ORGANIZATION, "叶磊丽"),
    (CommitteePostKind.PUBLICITY, "石静超"),
    (CommitteePostKind.DISCIPLINE, "付红"),
)
OBSERVERS = ("冯永", "严军林")  # 列席: two members who are not on the committee


@dataclass
class Counter:
    """What the secretary did: clicks (a click, a pick from a list, a tick) and typed fields."""

    clicks: list[str] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)

    def click(self, qtbot: QtBot, button: QAbstractButton) -> None:
        assert button.isVisible() and button.isEnabled(), f"“{button.text()}” cannot be clicked"
        self.clicks.append(button.text())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def pick_from_menu(self, qtbot: QtBot, button: QPushButton, entry: str) -> None:
        """A button with a menu: a click opens it, a click on ``entry`` chooses."""
        menu = button.menu()
        assert isinstance(menu, QMenu)

        def choose() -> None:
            (action,) = [a for a in menu.actions() if a.text() == entry]
            self.clicks.append(entry)
            qtbot.mouseClick(
                menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
            )

        QTimer.singleShot(50, choose)
        self.click(qtbot, button)  # the menu opens (and runs until the entry is clicked)

    def pick(self, qtbot: QtBot, combo: QComboBox, text: str) -> None:
        """A pick from a drop-down list: a click opens the list, a click on the entry
        chooses (two clicks, as for a menu)."""
        assert combo.isVisible() and combo.isEnabled()
        index = combo.findText(text)
        assert index >= 0, f"{text} is not offered"
        self.clicks.append(f"（打开{combo.accessibleName() or combo.objectName()}列表）")
        self.clicks.append(f"{combo.accessibleName() or combo.objectName()}：{text}")
        combo.showPopup()
        view = combo.view()
        qtbot.waitUntil(view.isVisible)
        view.scrollTo(view.model().index(index, combo.modelColumn()))
        rect = view.visualRect(view.model().index(index, combo.modelColumn()))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: not view.isVisible())

    def type_into(self, qtbot: QtBot, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
        """One typed field: the field is clicked into and the text typed."""
        assert widget.isVisible() and widget.isEnabled()
        self.typed.append(text)
        qtbot.mouseClick(widget.viewport() if isinstance(widget, QPlainTextEdit) else widget,
                         Qt.MouseButton.LeftButton)  # fmt: skip
        widget.setFocus()
        typed = QInputMethodEvent()  # Chinese is typed through the input method
        typed.setCommitString(text)
        QApplication.sendEvent(widget, typed)
        shown = widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()
        assert shown.endswith(text), f"typed {text!r}, the field shows {shown!r}"

    def report(self) -> str:
        return (
            f"从“新建”到打印出来：点击 {len(self.clicks)} 次，输入 {len(self.typed)} 处\n"
            f"  点击：{' → '.join(self.clicks)}\n"
            f"  输入：{' / '.join(self.typed)}"
        )


def observer_added(editor: AttendanceEditor, name: str) -> bool:
    return any(e.name == name and e.role is AttendanceRole.OBSERVER for e in editor.entries())


def member_id(name: str) -> int:
    (found,) = [m.id for m in members.list_members() if m.name == name]
    return found


@pytest.fixture
def school(gui_app: object, store: Store, branch: BranchInfo) -> Store:
    """A primary school's branch as a new user leaves it: the sample roster imported, a
    five-post committee elected two months ago with every post held."""
    roster.apply_import(roster.preview_import(ROSTER_SAMPLE))
    term = create_term(elected_on=ELECTED, posts=tuple(kind for kind, _name in POSTS))
    holders = {p.kind: p.post_id for p in history.holders_of_term(term, ELECTED)}
    for kind, name in POSTS:
        organization.set_post_holder(holders[kind], member_id(name), since=ELECTED)
    return store


@pytest.fixture
def window(school: Store, qtbot: QtBot) -> MainWindow:
    shown = MainWindow(school)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


def printed_to(path: Path, counter: Counter) -> object:
    """The print dialog, answered with 打印 (one click): the pages go to ``path`` as PDF."""

    def ask(parent: QWidget, printer: QPrinter, current_page: int) -> bool:
        counter.clicks.append("打印（打印对话框）")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return True

    return ask


def test_a_committee_meeting_is_recorded_and_printed_in_15_clicks_and_6_typed_fields(
    window: MainWindow,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counter = Counter()
    printed = tmp_path / "支委会会议记录.pdf"
    monkeypatch.setattr(preview, "_printer", None)
    monkeypatch.setattr(preview, "ask_print_options", printed_to(printed, counter))
    window.show_area("meetings")
    page = window.page_of("meetings", MeetingsPage)
    assert page.list.model.rows() == [], "the first meeting of the branch"

    # 新建 → 支委会
    counter.pick_from_menu(qtbot, page.list.buttons["new"], "支委会")
    qtbot.waitUntil(lambda: page.wizard is not None and page.wizard.isVisible())
    wizard = page.wizard
    assert isinstance(wizard, MeetingWizard)

    # 第1步 基本情况: what the app knows is filled in
    basics = steps.basics(wizard)
    assert combo_member(basics.chair_combo) == member_id("曾丽佳"), "the 书记 chairs"
    assert combo_member(basics.recorder_combo) == member_id("叶磊丽"), "the 组织委员 records"
    assert basics.date_edit.date().toPython() == TODAY
    counter.type_into(qtbot, combo_line(basics.place_combo), "学校会议室")
    counter.type_into(qtbot, basics.agenda_edit, "研究本学期发展党员工作")
    counter.click(qtbot, basics.add_agenda_button)
    # the last item is typed and 下一步 pressed without 添加: it is kept, not dropped
    counter.type_into(qtbot, basics.agenda_edit, "研究教师节表彰推荐人选")
    counter.click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert [entry.title for entry in wizard.work.agenda] == [
        "研究本学期发展党员工作",
        "研究教师节表彰推荐人选",
    ]

    # 第2步 出席情况: the committee expected and present; two 列席 picked from the list
    attendance = steps.attendance(wizard)
    assert wizard.currentPage() is attendance
    editor = attendance.editor
    for name in OBSERVERS:
        counter.pick(qtbot, editor.observer_combo, name)
        qtbot.waitUntil(partial(observer_added, editor, name))
    assert editor.counts_label.text().startswith("应到 5 人 ｜ 实到 5 人"), "quorum as you go"
    assert "列席 2 人" in editor.counts_label.text()
    assert "可以表决" in editor.quorum_label.text()
    counter.click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    # 第3步 会议内容: a resolution under each item, put to the vote with 全体同意 already
    proceedings = steps.proceedings(wizard)
    assert wizard.currentPage() is proceedings
    texts = ("同意确定沈敏玉为入党积极分子", "同意推荐叶华静为县级优秀教师")
    for section, text in zip(proceedings.sections, texts, strict=True):
        counter.click(qtbot, section.add_resolution_button)
        (row,) = section.resolutions
        counter.type_into(qtbot, row.text, text)
        assert row.vote_check.isChecked(), "a 支委会 decides by vote"
        assert row.spins["for"].value() == 5
        assert steps.result_text(row).startswith("✓ 表决结果：通过。")
    counter.click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    # 核对, 完成并打印…: 附件 asked nothing (none to add) and was passed over
    assert wizard.currentPage() is steps.review(wizard)
    assert steps.problem_texts(wizard) == []
    counter.click(qtbot, wizard.button(PRINT_BUTTON))

    qtbot.waitUntil(lambda: printed.exists() and printed.stat().st_size > 0, timeout=60_000)
    (dialog,) = [d for d in page.findChildren(PreviewDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: not dialog.busy(), timeout=60_000)
    assert "已送往" in dialog.status_text()
    assert len(PdfReader(printed).pages) >= 1

    print("\n" + counter.report())
    assert wizard.record_id is not None
    assert MEETING.state(wizard.record_id)[0] is RecordState.FINISHED
    saved = meetings.load_meeting(wizard.record_id)
    assert saved.kind is MeetingKind.COMMITTEE and saved.place == "学校会议室"
    observers = [a.name for a in saved.attendance if a.role is AttendanceRole.OBSERVER]
    assert observers == list(OBSERVERS)
    assert sum(a.presence is Presence.PRESENT for a in saved.attendance) == 7
    assert [(r.text, r.votes_for) for r in saved.resolutions] == [(t, 5) for t in texts]
    assert len(counter.clicks) <= MAX_CLICKS, counter.report()
    assert len(counter.typed) <= MAX_TYPED, counter.report()


# --- what the app knows, and what it leaves behind ---------------------------------------------


def finished_meeting(*, recorder: str, place: str, on: dt.date) -> int:
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=on)
    form.recorder_id = member_id(recorder)
    form.place = place
    form.agenda = [meetings.AgendaEntry(title="学习党章")]
    return MEETING.finish(form, today=TODAY)


def test_the_recorder_is_the_last_recorder_or_else_the_organization_member(
    school: Store,
) -> None:
    first = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=TODAY)
    assert first.recorder_id == member_id("叶磊丽"), "the 组织委员 in office that day"
    assert first.chair_id == member_id("曾丽佳"), "the 书记 chairs"
    assert first.place == "", "no place is known yet: nothing is made up"

    finished_meeting(recorder="石静超", place="党员活动室", on=TODAY - dt.timedelta(days=20))
    draft = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=TODAY)
    draft.recorder_id, draft.place = member_id("付红"), "校门口"
    MEETING.save_draft(draft)  # a draft is not what was recorded last

    later = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=TODAY)
    assert later.recorder_id == member_id("石静超"), "last time's recorder"
    assert later.place == "党员活动室", "last time's place"


def test_a_new_meeting_closed_untouched_leaves_no_draft_and_a_touched_one_keeps_it(
    window: MainWindow, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    window.show_area("meetings")
    page = window.page_of("meetings", MeetingsPage)
    counter = Counter()
    counter.pick_from_menu(qtbot, page.list.buttons["new"], "支委会")
    qtbot.waitUntil(lambda: page.wizard is not None and page.wizard.isVisible())
    wizard = page.wizard
    assert wizard is not None
    counter.click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    assert not wizard.isVisible() and page.wizard is None
    assert meetings.list_meetings() == [], "nothing was typed: nothing is kept"
    assert shown_messages.shown == []

    counter.pick_from_menu(qtbot, page.list.buttons["new"], "支委会")
    qtbot.waitUntil(lambda: page.wizard is not None and page.wizard.isVisible())
    wizard = page.wizard
    assert wizard is not None
    counter.type_into(qtbot, steps.basics(wizard).agenda_edit, "研究期末工作")
    counter.click(qtbot, steps.basics(wizard).add_agenda_button)
    counter.click(qtbot, wizard.button(QWizard.WizardButton.CancelButton))
    (row,) = meetings.list_meetings()
    assert row.state is RecordState.DRAFT and row.topic == "研究期末工作", "kept as a draft"


def test_a_resolution_is_put_to_the_vote_from_its_kind_and_can_be_unticked(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.show_area("meetings")
    page = window.page_of("meetings", MeetingsPage)
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    counter = Counter()
    basics = steps.basics(wizard)
    counter.type_into(qtbot, combo_line(basics.place_combo), "学校会议室")
    counter.type_into(qtbot, basics.agenda_edit, "传达县教育局党委会议精神")
    counter.click(qtbot, basics.add_agenda_button)
    for _step in range(2):
        counter.click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    (section,) = steps.proceedings(wizard).sections
    counter.click(qtbot, section.add_resolution_button)
    (row,) = section.resolutions
    assert row.vote_check.isChecked() and row.spins["for"].value() == 5
    counter.click(qtbot, row.vote_check)  # 传达 only: recorded without a vote
    assert steps.result_text(row) == "不表决，只作记录。"
    row.kind_combo.setCurrentIndex(row.kind_combo.findData(ResolutionKind.ELECTION))
    assert row.vote_check.isChecked(), "an election is always put to the vote"

    # at a 党小组会 a resolution is recorded without a vote unless its kind is voted on
    assert not decided_by_vote(MeetingKind.GROUP, ResolutionKind.GENERAL)
    assert decided_by_vote(MeetingKind.GROUP, ResolutionKind.ADMISSION)
    assert decided_by_vote(MeetingKind.GENERAL_ASSEMBLY, ResolutionKind.GENERAL)


def test_the_speakers_are_offered_those_present_first(window: MainWindow, qtbot: QtBot) -> None:
    window.show_area("meetings")
    page = window.page_of("meetings", MeetingsPage)
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    counter = Counter()
    basics = steps.basics(wizard)
    counter.type_into(qtbot, combo_line(basics.place_combo), "学校会议室")
    counter.type_into(qtbot, basics.agenda_edit, "研究期末工作")
    counter.click(qtbot, basics.add_agenda_button)
    counter.click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    editor = steps.attendance(wizard).editor
    committee = {name for _kind, name in POSTS}
    # 列席 searched by initials: “fy”, then a click on 冯永 in the list adds him at once
    line = combo_line(editor.observer_combo)
    qtbot.mouseClick(line, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(line, "fy")
    search = name_search_of(editor.observer_combo)
    assert search is not None
    qtbot.waitUntil(search.popup.isVisible)
    found = search.popup.model().index(0, 0)
    assert found.data() == "冯永"
    qtbot.mouseClick(
        search.popup.viewport(),
        Qt.MouseButton.LeftButton,
        pos=search.popup.visualRect(found).center(),
    )
    qtbot.waitUntil(partial(observer_added, editor, "冯永"))
    assert line.text() == "", "ready for the next one"
    counter.click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    (section,) = steps.proceedings(wizard).sections
    counter.click(qtbot, section.add_speech_button)
    speaker = section.speeches[0].speaker
    first = [speaker.itemText(i) for i in range(6)]
    assert set(first) == committee | {"冯永"}, "the six at the meeting come first"
