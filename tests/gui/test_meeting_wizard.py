"""The 三会一课 wizard, driven like a secretary would: fill step 1, click people in the
attendance list, write speeches and votes, look at the review, click 完成 — then check
what was saved through the service. Data: the demo branch with a year of records.
Chinese text is entered with ``setText`` (``keyClicks`` types ASCII only)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import (
    AttendanceRole,
    MeetingKind,
    MemberEventKind,
    MemberStatus,
    Presence,
    RecordState,
    ResolutionKind,
)
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.domain.procedures import TAG_PARTY_BUILDING
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.meetings.attendance_step import AttachmentsPage, AttendancePage
from jianshi_desktop.gui.meetings.basics import BasicsPage
from jianshi_desktop.gui.meetings.proceedings import ProceedingsPage
from jianshi_desktop.gui.meetings.review import MeetingReviewPage
from jianshi_desktop.gui.meetings.wizard import (
    MeetingWizard,
    new_meeting_wizard,
    open_meeting_wizard,
)
from jianshi_desktop.gui.records.wizard import AMEND_BUTTON, DRAFT_BUTTON, PRINT_BUTTON
from jianshi_desktop.services import history, meetings, members
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.gui import records_helpers as rh

from . import meeting_steps as steps
from .conftest import MessageLog

TODAY = dt.date.today()
NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton
CANCEL = QWizard.WizardButton.CancelButton


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(today=TODAY)
    return store


def make_wizard(
    qtbot: QtBot, store: Store, kind: MeetingKind = MeetingKind.COMMITTEE
) -> MeetingWizard:
    form = meetings.new_meeting_form(kind, on=TODAY)
    wizard = new_meeting_wizard(
        None, form, attachments_dir=store.data.attachments, today=lambda: TODAY
    )
    return show(qtbot, wizard)


def reopen(qtbot: QtBot, store: Store, meeting_id: int, *, amend: bool = False) -> MeetingWizard:
    wizard = open_meeting_wizard(
        None, meeting_id, attachments_dir=store.data.attachments, amend=amend, today=lambda: TODAY
    )
    return show(qtbot, wizard)


def show(qtbot: QtBot, wizard: MeetingWizard) -> MeetingWizard:
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def press(qtbot: QtBot, wizard: MeetingWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def to_review(qtbot: QtBot, wizard: MeetingWizard) -> None:
    """下一步 until the review: the steps with nothing to ask are passed over."""
    for _step in range(len(wizard.pages)):
        if wizard.currentPage() is steps.review(wizard):
            return
        press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.review(wizard)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def add_agenda(qtbot: QtBot, page: BasicsPage, title: str) -> None:
    page.agenda_edit.setText(title)
    click(qtbot, page.add_agenda_button)


def name_of(member_id: int) -> str:
    return dict(meetings.member_choices())[member_id]


def meeting_ids() -> set[int]:
    return {row.id for row in meetings.list_meetings()}


# --- what the secretary sees ------------------------------------------------------------


def test_the_steps_are_listed_once_with_titles_and_chinese_buttons(
    demo: Store, qtbot: QtBot
) -> None:
    wizard = make_wizard(qtbot, demo)
    pages = (BasicsPage, AttendancePage, ProceedingsPage, AttachmentsPage, MeetingReviewPage)
    assert pages == MeetingWizard.PAGES
    # Changed (issue 16): 附件 asks nothing of a new record without any — it is offered on
    # the review instead, and the steps are counted without it
    assert [wizard.page(i).title() for i in wizard.pageIds() if not wizard.skips(i)] == [
        "第1步（共4步）：基本情况",
        "第2步（共4步）：出席情况",
        "第3步（共4步）：会议内容",
        "第4步（共4步）：核对",
    ]
    texts = {
        which: wizard.buttonText(which)
        for which in (
            QWizard.WizardButton.BackButton,
            NEXT,
            FINISH,
            CANCEL,
            DRAFT_BUTTON,
            PRINT_BUTTON,
        )
    }
    # Changed (issue 15): 关闭, not 取消 — closing keeps a draft, as in the other wizards
    assert list(texts.values()) == ["上一步", "下一步", "完成", "关闭", "存为草稿", "完成并打印…"]
    assert not wizard.button(PRINT_BUTTON).isVisible(), "完成并打印 only on the last step"
    assert wizard.windowTitle().startswith("新建会议记录：支委会")


def test_step_one_starts_from_what_the_app_knows(demo: Store, qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, demo)
    page = steps.basics(wizard)
    secretary = meetings.secretary_id(TODAY)
    assert secretary is not None
    assert page.chair_combo.currentText() == name_of(secretary), "the secretary chairs"
    last = max(
        (r for r in meetings.list_meetings() if r.state is not RecordState.DRAFT),
        key=lambda r: (r.held_on, r.id),
    )
    assert page.place_combo.currentText() == last.place, "last place"
    recorder = meetings.load_meeting(last.id).recorder_id
    assert recorder is not None
    assert page.recorder_combo.currentText() == name_of(recorder), "last time's recorder"
    assert page.date_edit.date().toPython() == TODAY
    assert page.date_edit.text() == f"{TODAY.year}年{TODAY.month}月{TODAY.day}日"
    assert page.agenda_box.isVisible() and not page.lecture_box.isVisible()
    assert not page.group_combo.isVisible(), "no group for a committee meeting"
    page.kind_combo.setCurrentIndex(page.kind_combo.findText("党小组会"))
    assert page.group_combo.isVisible()
    page.kind_combo.setCurrentIndex(page.kind_combo.findText("党课"))
    assert page.lecture_box.isVisible() and not page.agenda_box.isVisible()


def test_step_one_refuses_to_go_on_and_says_why_beside_the_fields(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    wizard = make_wizard(qtbot, demo)
    page = steps.basics(wizard)
    page.place_combo.setEditText("  ")
    page.start_edit.setText("16:00")
    page.end_edit.setText("15:00")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is page
    assert rh.field_error(page, "place") == "请填写会议地点。"
    assert rh.field_error(page, "agenda") == "请至少填写一项议题。"
    assert rh.field_error(page, "ends_at") == "结束时间应晚于开始时间，请核对。"
    assert page.errors["place"].text().startswith("！")
    assert shown_messages.shown == [], "beside the fields, never in a pop-up"
    page.place_combo.setEditText("党员活动室")
    assert rh.field_error(page, "place") == "", "re-checked as it is corrected"


# --- journeys -------------------------------------------------------------------------------


def test_a_committee_meeting_from_start_to_finish(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    before = meeting_ids()
    wizard = make_wizard(qtbot, demo)
    basics = steps.basics(wizard)
    basics.start_edit.setText("15:00")
    basics.end_edit.setText("16:30")
    basics.place_combo.setEditText("校长办公室")
    add_agenda(qtbot, basics, "研究本月党建工作安排")
    add_agenda(qtbot, basics, "研究发展党员工作")
    assert steps.agenda_titles(wizard) == ["研究本月党建工作安排", "研究发展党员工作"]
    basics.tag_boxes[TAG_PARTY_BUILDING].setChecked(True)
    press(qtbot, wizard, NEXT)

    assert wizard.currentPage() is steps.attendance(wizard)
    editor = steps.attendance(wizard).editor
    committee = meetings.committee_member_ids(TODAY)
    assert rh.names(editor) == [name_of(i) for i in committee], "the committee"
    away = name_of(committee[1])
    click(qtbot, rh.presence_button(editor, away, Presence.ON_LEAVE))
    assert rh.counts_text(editor).startswith("应到 4 人 ｜ 实到 3 人 ｜ 请假 1 人")
    assert "超过半数，可以表决" in rh.quorum_text(editor)
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.attendance(wizard), "the reason is missing"
    assert rh.row_error(editor, away) == "请填写请假原因"
    rh.reason_edit(editor, away).setText("外出培训")
    press(qtbot, wizard, NEXT)

    proceedings = steps.proceedings(wizard)
    assert wizard.currentPage() is proceedings
    assert [s.heading.text() for s in proceedings.sections] == [
        "议题一：研究本月党建工作安排",
        "议题二：研究发展党员工作",
    ]
    first = proceedings.sections[0]
    click(qtbot, first.add_speech_button)
    speaker = name_of(committee[0])
    first.speeches[0].speaker.setEditText(speaker)
    first.speeches[0].content.setPlainText("本月重点做好主题党日和结对帮扶工作。")
    click(qtbot, first.add_resolution_button)
    resolution = first.resolutions[0]
    resolution.text.setPlainText("同意本月党建工作安排")
    # Changed (issue 16): a 支委会 decides by vote — 进行表决 is ticked already
    assert resolution.vote_check.isChecked(), "a committee's resolution is put to the vote"
    assert resolution.spins["for"].value() == 3, "starts as all present voting yes"
    assert steps.result_text(resolution).startswith("✓ 表决结果：通过。")
    assert "同意3票，超过应到会有表决权人数4人的半数" in steps.result_text(resolution)
    resolution.spins["for"].setValue(2)
    resolution.spins["abstain"].setValue(1)
    assert steps.result_text(resolution).startswith("✗ 表决结果：未通过。"), (
        "half of 4 is not enough"
    )
    resolution.spins["for"].setValue(3)
    assert steps.result_text(resolution).startswith("！票数有误："), "4 votes from 3 present"
    resolution.spins["abstain"].setValue(0)
    assert steps.result_text(resolution).startswith("✓ 表决结果：通过。")
    press(qtbot, wizard, NEXT)

    review = steps.review(wizard)
    assert wizard.currentPage() is review, "附件 passed over: there are none"
    assert review.attach_button.isVisible(), "offered on the review instead"
    assert wizard.button(PRINT_BUTTON).isVisible()
    assert steps.problem_texts(wizard) == []
    summary = steps.review_text(wizard)
    for text in ("校长办公室", "15:00—16:30", f"{away}（外出培训）", "本月重点做好", "通过"):
        assert text in summary
    press(qtbot, wizard, FINISH)

    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.finished_record()
    new = meeting_ids() - before
    assert new == {wizard.record_id}, "one record: the draft became the meeting"
    assert wizard.record_id is not None
    assert MEETING.state(wizard.record_id) == (RecordState.FINISHED, False)
    saved = meetings.load_meeting(wizard.record_id)
    assert (saved.kind, saved.held_on, saved.place) == (
        MeetingKind.COMMITTEE,
        TODAY,
        "校长办公室",
    )
    assert (saved.starts_at, saved.ends_at) == ("15:00", "16:30")
    assert saved.tags == [TAG_PARTY_BUILDING]
    assert [a.title for a in saved.agenda] == ["研究本月党建工作安排", "研究发展党员工作"]
    assert [(s.speaker_id, s.content) for s in saved.agenda[0].speeches] == [
        (committee[0], "本月重点做好主题党日和结对帮扶工作。")
    ]
    (voted,) = saved.resolutions
    assert (voted.text, voted.agenda_index) == ("同意本月党建工作安排", 0)
    assert (voted.votes_for, voted.votes_against, voted.votes_abstain) == (3, 0, 0)
    leave = [a for a in saved.attendance if a.presence is not Presence.PRESENT]
    assert [(a.name, a.presence, a.reason) for a in leave] == [
        (away, Presence.ON_LEAVE, "外出培训")
    ]
    assert shown_messages.shown == []


def test_a_party_lecture_from_start_to_finish(demo: Store, qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, demo, MeetingKind.LECTURE)
    basics = steps.basics(wizard)
    assert basics.lecture_box.isVisible() and not basics.agenda_box.isVisible()
    secretary = meetings.secretary_id(TODAY)
    assert secretary is not None
    assert basics.lecturer_combo.currentText() == name_of(secretary), "the secretary lectures"
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is basics
    assert rh.field_error(basics, "title") == "请填写党课题目。"
    basics.lecture_title_edit.setText("学习党章，做合格党员")
    basics.duration_spin.setValue(60)
    basics.lecturer_combo.setEditText("县委党校刘老师")  # a lecturer from outside
    press(qtbot, wizard, NEXT)
    # the roster's 23 and the 3 the demo's 支部大会 accepted from 发展党员 files
    assert "应到 26 人" in rh.counts_text(steps.attendance(wizard).editor), "all members"
    press(qtbot, wizard, NEXT)
    page = steps.proceedings(wizard)
    assert page.sections == [] and page.summary_edit is not None, "no agenda, a summary"
    page.summary_edit.setPlainText("学习党章总纲和党员的义务、权利。")
    to_review(qtbot, wizard)
    assert "学习党章，做合格党员" in steps.review_text(wizard)
    press(qtbot, wizard, FINISH)

    assert wizard.record_id is not None
    saved = meetings.load_meeting(wizard.record_id)
    assert (saved.kind, saved.title, saved.duration_minutes) == (
        MeetingKind.LECTURE,
        "学习党章，做合格党员",
        60,
    )
    assert (saved.lecturer_id, saved.lecturer_name) == (None, "县委党校刘老师")
    assert saved.summary == "学习党章总纲和党员的义务、权利。"
    assert saved.agenda == []


def test_a_general_assembly_short_of_quorum_records_only_that_no_resolution_was_made(
    demo: Store, qtbot: QtBot
) -> None:
    # 支部工作条例 art. 11, rules.md §7: without more than half of the members with a vote
    # present there is no resolution; the minutes say "未形成决议" and why.
    # Changed (issue 11): this test used to finish with "同意接收张某为预备党员" recorded
    # without a vote and only a warning.
    wizard = make_wizard(qtbot, demo, MeetingKind.GENERAL_ASSEMBLY)
    add_agenda(qtbot, steps.basics(wizard), "讨论接收预备党员")
    press(qtbot, wizard, NEXT)
    form = wizard.form()
    keep = {form.chair_id, form.recorder_id}
    editor = steps.attendance(wizard).editor
    voters = [e for e in editor.entries() if e.has_vote]
    away = [e for e in voters if e.member_id not in keep][: len(voters) // 2 + 1]
    for entry in away:  # more than half of the voters away, not the chair or recorder
        click(qtbot, rh.presence_button(editor, entry.name, Presence.ABSENT))
        rh.reason_edit(editor, entry.name).setText("外出培训")
    assert "未超过半数" in rh.quorum_text(editor)
    press(qtbot, wizard, NEXT)

    page = steps.proceedings(wizard)
    assert wizard.currentPage() is page
    assert page.quorum_label.isVisible() and page.quorum_label.text().startswith("！")
    assert "只记录“未形成决议”及原因" in page.quorum_label.text()
    section = page.sections[0]
    assert not section.add_resolution_button.isVisible(), "no resolution can be added"
    assert page.no_resolution is not None and page.no_resolution.isVisible()
    offered = page.no_resolution.text()
    assert offered.startswith("未形成决议。原因：应到有表决权的党员")
    assert "未超过半数，不能表决和作出决议" in offered
    to_review(qtbot, wizard)
    assert not any(p.is_error for p in meetings.check_meeting(wizard.form(), today=TODAY))
    assert offered in steps.review_text(wizard)
    press(qtbot, wizard, FINISH)
    assert wizard.record_id is not None
    saved = meetings.load_meeting(wizard.record_id)
    assert [(r.text, r.voted) for r in saved.resolutions] == [(offered, False)]


def test_the_chair_on_leave_stops_the_attendance_step_and_an_entrusted_chair_is_named(
    demo: Store, qtbot: QtBot
) -> None:
    # 支部工作条例 ch. 5, rules.md §7: the 书记 chairs; when absent, a 副书记 or a 委员
    # entrusted by the 书记 chairs, and the minutes say 受委托主持. The chair and the
    # recorder are present. Today's code let 曾丽佳 chair while marked 请假.
    wizard = make_wizard(qtbot, demo)
    basics = steps.basics(wizard)
    basics.place_combo.setEditText("校长办公室")
    add_agenda(qtbot, basics, "研究本月党建工作安排")
    committee = meetings.committee_member_ids(TODAY)
    secretary = meetings.secretary_id(TODAY)
    assert secretary is not None and basics.chair_combo.currentData() == secretary
    deputy = next(i for i in committee if i != secretary)
    basics.recorder_combo.setCurrentIndex(basics.recorder_combo.findData(deputy))
    press(qtbot, wizard, NEXT)

    page = steps.attendance(wizard)
    editor = page.editor
    chair = name_of(secretary)
    click(qtbot, rh.presence_button(editor, chair, Presence.ON_LEAVE))
    rh.reason_edit(editor, chair).setText("外出培训")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is page, "the chair is on leave"
    assert f"主持人{chair}在出席情况中是“请假”，不能主持会议" in shown_problem(page.error)

    click(qtbot, wizard.button(QWizard.WizardButton.BackButton))
    assert wizard.currentPage() is basics
    basics.chair_combo.setCurrentIndex(basics.chair_combo.findData(deputy))
    press(qtbot, wizard, NEXT)
    assert editor.entries()[committee.index(secretary)].presence is Presence.ON_LEAVE
    assert page.chair_note.isVisible()
    assert f"由{name_of(deputy)}受委托主持" in page.chair_note.text()
    press(qtbot, wizard, NEXT)
    to_review(qtbot, wizard)
    assert f"{name_of(deputy)}（受委托主持）" in steps.review_text(wizard)
    press(qtbot, wizard, FINISH)
    assert wizard.record_id is not None
    assert records_entrusted(wizard.record_id)


def records_entrusted(meeting_id: int) -> bool:
    from jianshi_desktop.services.documents import minutes_content

    return minutes_content(meeting_id).entrusted_chair


# --- drafts ---------------------------------------------------------------------------------


def test_closing_halfway_keeps_a_draft_that_reopens_with_what_was_typed(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    before = meeting_ids()
    wizard = make_wizard(qtbot, demo)
    basics = steps.basics(wizard)
    basics.place_combo.setEditText("图书室")
    basics.start_edit.setText("14:30")
    add_agenda(qtbot, basics, "研究期末工作")
    press(qtbot, wizard, NEXT)
    assert wizard.record_id is not None, "saved as a draft when moving on"
    editor = steps.attendance(wizard).editor
    away = rh.names(editor)[0]
    click(qtbot, rh.presence_button(editor, away, Presence.ABSENT))
    rh.reason_edit(editor, away).setText("病假")

    press(qtbot, wizard, CANCEL)

    assert not wizard.isVisible()
    assert shown_messages.shown == [], "closed without asking"
    (draft_id,) = meeting_ids() - before
    assert MEETING.state(draft_id) == (RecordState.DRAFT, False)
    again = reopen(qtbot, demo, draft_id)
    assert "（草稿）" in again.windowTitle()
    assert steps.basics(again).place_combo.currentText() == "图书室"
    assert steps.basics(again).start_edit.text() == "14:30"
    assert steps.agenda_titles(again) == ["研究期末工作"]
    press(qtbot, again, NEXT)
    editor = steps.attendance(again).editor
    assert rh.presence_button(editor, away, Presence.ABSENT).isChecked()
    assert rh.reason_edit(editor, away).text() == "病假"
    assert steps.drafts_allowed(again)


def test_a_wizard_closed_untouched_leaves_nothing(demo: Store, qtbot: QtBot) -> None:
    before = meeting_ids()
    wizard = make_wizard(qtbot, demo)
    press(qtbot, wizard, NEXT)
    wizard.back()
    wizard.close()
    assert meeting_ids() == before


def test_a_draft_is_saved_a_moment_after_typing(demo: Store, qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, demo)
    steps.basics(wizard).place_combo.setEditText("会议室二")
    qtbot.waitUntil(lambda: wizard.record_id is not None, timeout=5000)
    assert wizard.record_id is not None
    assert meetings.load_meeting(wizard.record_id).place == "会议室二"
    assert "自动存为草稿" in steps.basics(wizard).footer.text()


def test_store_as_draft_saves_and_closes(demo: Store, qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, demo)
    add_agenda(qtbot, steps.basics(wizard), "研究党费收缴情况")
    press(qtbot, wizard, DRAFT_BUTTON)
    assert not wizard.isVisible()
    assert wizard.record_id is not None
    assert [a.title for a in meetings.load_meeting(wizard.record_id).agenda] == ["研究党费收缴情况"]


def test_changing_the_kind_refreshes_who_is_expected_keeping_marks(
    demo: Store, qtbot: QtBot
) -> None:
    wizard = make_wizard(qtbot, demo)
    add_agenda(qtbot, steps.basics(wizard), "讨论")
    press(qtbot, wizard, NEXT)
    editor = steps.attendance(wizard).editor
    # Changed (issue 11): the one on leave was the first name, the chair, who now must
    # attend (支部工作条例 ch. 5); mark someone who neither chairs nor records.
    form = wizard.form()
    away = next(
        e.name for e in editor.entries() if e.member_id not in (form.chair_id, form.recorder_id)
    )
    click(qtbot, rh.presence_button(editor, away, Presence.ON_LEAVE))
    rh.reason_edit(editor, away).setText("病假")
    wizard.back()
    basics = steps.basics(wizard)
    basics.kind_combo.setCurrentIndex(basics.kind_combo.findText("支部党员大会"))
    press(qtbot, wizard, NEXT)
    assert len(rh.names(editor)) == 26, "now every member is expected"
    assert rh.presence_button(editor, away, Presence.ON_LEAVE).isChecked(), "the mark is kept"
    assert rh.reason_edit(editor, away).text() == "病假"


# --- finished and archived records --------------------------------------------------------


def _first(state: RecordState, *, amended: bool | None = None) -> meetings.MeetingRow:
    rows = [
        r
        for r in meetings.list_meetings()
        if r.state is state and (amended is None or r.amended is amended)
    ]
    assert rows, f"the demo has a {state.label} meeting"
    return rows[0]


def test_an_archived_meeting_opens_read_only(demo: Store, qtbot: QtBot) -> None:
    row = _first(RecordState.ARCHIVED, amended=True)
    wizard = reopen(qtbot, demo, row.id)
    assert wizard.mode == "view"
    assert wizard.currentPage() is steps.review(wizard), "everything on one page"
    assert "（已归档，只能查看）" in wizard.windowTitle()
    # Changed (issue 15): 关闭 is the one close button of every wizard, on every step
    assert wizard.buttonText(CANCEL) == "关闭" and wizard.button(CANCEL).isVisible()
    assert not wizard.button(FINISH).isVisible()
    assert wizard.button(AMEND_BUTTON).isVisible()
    assert not wizard.button(DRAFT_BUTTON).isVisible()
    summary = steps.review_text(wizard)
    assert "更正记录" in summary and "会议地点记录有误" in summary
    assert "地点原为“学校会议室”" in summary, "the original is shown"
    before = meetings.load_meeting(row.id)
    press(qtbot, wizard, CANCEL)
    assert not wizard.isVisible()
    assert meetings.load_meeting(row.id) == before


def test_amending_an_archived_meeting_asks_for_the_reason(demo: Store, qtbot: QtBot) -> None:
    row = _first(RecordState.ARCHIVED, amended=False)
    wizard = reopen(qtbot, demo, row.id)
    press(qtbot, wizard, AMEND_BUTTON)
    assert wizard.mode == "amend"
    assert wizard.currentPage() is steps.basics(wizard)
    assert wizard.windowTitle().startswith("更正：")
    steps.basics(wizard).end_edit.setText("17:40")
    for _step in range(4):
        press(qtbot, wizard, NEXT)
    review = steps.review(wizard)
    assert wizard.buttonText(FINISH) == "保存更正"
    assert review.reason_edit.isVisible()
    press(qtbot, wizard, FINISH)
    assert wizard.isVisible(), "no reason, no amendment"
    assert "请写明更正原因" in review.errors["reason"].text()
    review.reason_edit.setText("结束时间记录有误")
    press(qtbot, wizard, FINISH)
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert meetings.load_meeting(row.id).ends_at == "17:40"
    assert MEETING.state(row.id)[0] is RecordState.ARCHIVED
    (amendment,) = MEETING.amendments(row.id)
    assert amendment.reason == "结束时间记录有误"
    assert amendment.before["ends_at"] == "17:10", "the original is kept"


def test_a_finished_meeting_is_edited_without_drafts_and_asks_before_dropping_changes(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    row = _first(RecordState.FINISHED)
    wizard = reopen(qtbot, demo, row.id)
    assert not steps.drafts_allowed(wizard)
    assert not wizard.button(DRAFT_BUTTON).isVisible()
    steps.basics(wizard).place_combo.setEditText("多功能厅")
    press(qtbot, wizard, CANCEL)
    # Changed (issue 15): the question names the record, as in the other wizards
    asked = shown_messages.shown[-1].text
    assert asked.startswith("放弃对「") and asked.endswith("」的修改？")
    assert wizard.isVisible(), "the default answer keeps editing"
    assert meetings.load_meeting(row.id).place != "多功能厅"
    assert MEETING.state(row.id)[0] is RecordState.FINISHED


def test_a_late_record_is_announced_as_补录(demo: Store, qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, demo)
    basics = steps.basics(wizard)
    old = TODAY - dt.timedelta(days=60)
    basics.date_edit.setDate(QDate(old))
    add_agenda(qtbot, basics, "研究党建工作")
    to_review(qtbot, wizard)
    assert wizard.late_note(wizard.form()).startswith("这次会议已过去60天")
    press(qtbot, wizard, FINISH)
    assert wizard.record_id is not None
    assert MEETING.state(wizard.record_id) == (RecordState.FINISHED, True)


def test_a_future_date_only_warns_on_step_one_but_blocks_finishing(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    wizard = make_wizard(qtbot, demo)
    basics = steps.basics(wizard)
    basics.date_edit.setDate(QDate(TODAY + dt.timedelta(days=7)))
    add_agenda(qtbot, basics, "研究下周工作")
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.attendance(wizard), "a draft may be prepared ahead"
    wizard.back()
    assert basics.errors["held_on"].text().startswith("提示：")
    to_review(qtbot, wizard)
    review = steps.review(wizard)
    assert steps.problem_texts(wizard)[0].startswith("会议日期晚于今天")
    press(qtbot, wizard, FINISH)
    assert wizard.isVisible(), "errors block 完成"
    assert wizard.record_id is not None
    assert MEETING.state(wizard.record_id)[0] is RecordState.DRAFT
    assert shown_messages.shown == []
    # Changed (issue 15): a link beside the problem, as in the other wizards
    assert "回到第1步修改" in review.problems_label.text()
    review.problems_label.linkActivated.emit("0")
    assert wizard.currentPage() is basics, "back to the step that holds the date"


def test_observers_and_attendance_are_saved_with_their_roles(demo: Store, qtbot: QtBot) -> None:
    wizard = make_wizard(qtbot, demo)
    add_agenda(qtbot, steps.basics(wizard), "研究工作")
    press(qtbot, wizard, NEXT)
    editor = steps.attendance(wizard).editor
    editor.observer_combo.setEditText("县教育局王科长")
    click(qtbot, editor.add_observer_button)
    to_review(qtbot, wizard)
    assert "列席" in steps.review_text(wizard)
    press(qtbot, wizard, FINISH)
    assert wizard.record_id is not None
    saved = meetings.load_meeting(wizard.record_id)
    observers = [a for a in saved.attendance if a.role is AttendanceRole.OBSERVER]
    assert [(o.name, o.has_vote) for o in observers] == [("县教育局王科长", False)]
    assert saved.headcount().expected == 4


def test_a_vote_on_admission_counts_the_written_opinions_of_absent_voters(
    demo: Store, qtbot: QtBot
) -> None:
    # 发展党员工作细则（2014）, rules.md §7: absent voters' written opinions count in the
    # per-person vote on 接收预备党员 — never toward the quorum — one per absent voter.
    # Issue 11: they used to be refused as "票数有误".
    wizard = make_wizard(qtbot, demo, MeetingKind.GENERAL_ASSEMBLY)
    add_agenda(qtbot, steps.basics(wizard), "讨论接收预备党员")
    press(qtbot, wizard, NEXT)
    form = wizard.form()
    keep = {form.chair_id, form.recorder_id}
    editor = steps.attendance(wizard).editor
    away = [e for e in editor.entries() if e.has_vote and e.member_id not in keep][:2]
    for entry in away:
        click(qtbot, rh.presence_button(editor, entry.name, Presence.ON_LEAVE))
        rh.reason_edit(editor, entry.name).setText("外出培训")
    press(qtbot, wizard, NEXT)

    section = steps.proceedings(wizard).sections[0]
    click(qtbot, section.add_resolution_button)
    row = section.resolutions[0]
    row.text.setPlainText("同意接收张某为预备党员")
    assert not row.written_box.isVisible(), "a plain resolution takes no written opinions"
    row.kind_combo.setCurrentIndex(row.kind_combo.findData(ResolutionKind.ADMISSION))
    assert row.written_box.isVisible()
    assert "未到会的有表决权党员2人" in row.written_note.text()
    click(qtbot, row.vote_check)
    present = wizard.form().headcount().voters_present
    row.set_votes(present - 1, 1)
    steps.set_written(row, 2, 1)
    assert row.written_note.text().startswith("！")
    assert "超过了未到会的有表决权党员2人" in row.written_note.text()
    assert steps.result_text(row).startswith("！票数有误：")
    steps.set_written(row, 2)
    assert not row.written_note.text().startswith("！")
    assert steps.result_text(row).startswith("✓ 表决结果：通过。")
    assert "书面意见同意2份" in steps.result_text(row)
    row.kind_combo.setCurrentIndex(row.kind_combo.findData(ResolutionKind.GENERAL))
    assert row.written_box.isVisible(), "kept in sight while it holds a number"
    assert "本项决议不计书面意见" in row.written_note.text()
    row.kind_combo.setCurrentIndex(row.kind_combo.findData(ResolutionKind.ADMISSION))
    to_review(qtbot, wizard)
    assert not any(p.is_error for p in meetings.check_meeting(wizard.form(), today=TODAY))
    assert "书面意见 2 份（同意 2 份，反对 0 份）" in steps.review_text(wizard)
    press(qtbot, wizard, FINISH)
    assert wizard.record_id is not None
    (saved,) = meetings.load_meeting(wizard.record_id).resolutions
    assert (saved.kind, saved.votes_for, saved.written_for, saved.written_against) == (
        ResolutionKind.ADMISSION,
        present - 1,
        2,
        0,
    )


def test_the_people_pickers_offer_the_members_of_the_meeting_day(demo: Store, qtbot: QtBot) -> None:
    """rules.md §7: who could chair, record or lecture is read on the meeting day."""

    day = TODAY - dt.timedelta(days=30)
    then = {m.id for m in history.roster_on(day)}
    leaver = max(then)  # a member on the meeting day who leaves afterwards
    members.record_leaving(
        leaver,
        MemberEventKind.TRANSFER_OUT,
        on=TODAY - dt.timedelta(days=5),
        letter_no="建教党转〔2026〕9号",
        counterpart="某中学支部",
        today=TODAY,
    )
    first17 = "42282219990101777"
    newcomer = members.add_member(
        MemberFields(
            name="新党员",
            id_number=first17 + check_char(first17),
            joined_on=TODAY - dt.timedelta(days=10),
            full_member_on=None,
            status=MemberStatus.PROBATIONARY,
        ),
        today=TODAY,
    )
    wizard = make_wizard(qtbot, demo)
    page = steps.basics(wizard)

    def offered(combo: QComboBox) -> set[int]:
        return {combo.itemData(i) for i in range(combo.count())}

    assert newcomer in offered(page.chair_combo) and leaver not in offered(page.chair_combo)
    recorder = page.recorder_combo.currentData()
    page.date_edit.setDate(QDate(day))
    for combo in (page.chair_combo, page.recorder_combo, page.lecturer_combo):
        assert offered(combo) == then, "the members of the meeting day, no one else"
    assert leaver in offered(page.recorder_combo), "left after the meeting: offered"
    assert newcomer not in offered(page.recorder_combo), "joined after the meeting: not"
    if recorder in then:
        assert page.recorder_combo.currentData() == recorder, "a valid pick is kept"
    page.recorder_combo.setCurrentIndex(page.recorder_combo.findData(leaver))
    page.date_edit.setDate(QDate(TODAY))
    assert page.recorder_combo.currentIndex() == -1, "no longer a member: the pick is dropped"
    assert page.chair_combo.currentData() == meetings.secretary_id(TODAY)


def test_looking_through_a_finished_meeting_and_closing_asks_nothing(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    row = next(
        r
        for r in meetings.list_meetings()
        if r.state is RecordState.FINISHED and meetings.load_meeting(r.id).resolutions
    )
    wizard = reopen(qtbot, demo, row.id)
    for _step in range(4):
        press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is steps.review(wizard)
    press(qtbot, wizard, CANCEL)
    assert shown_messages.shown == [], "nothing was changed: nothing to give up"
    assert not wizard.isVisible()


def test_attachments_are_offered_on_the_review_and_their_step_opens_from_there(
    demo: Store, qtbot: QtBot, tmp_path: Path
) -> None:
    wizard = make_wizard(qtbot, demo)
    add_agenda(qtbot, steps.basics(wizard), "研究期末工作")
    to_review(qtbot, wizard)
    review = steps.review(wizard)
    assert wizard.currentPage().title() == "第4步（共4步）：核对"
    click(qtbot, review.attach_button)

    attachments = steps.attachments(wizard)
    assert wizard.currentPage() is attachments
    assert attachments.title() == "第4步（共5步）：附件"
    sheet = tmp_path / "签到表.pdf"
    sheet.write_bytes(b"%PDF-1.4\n")
    assert attachments.editor.add_files([sheet]) == 1
    press(qtbot, wizard, NEXT)
    assert wizard.currentPage() is review
    assert review.title() == "第5步（共5步）：核对"
    assert not review.attach_button.isVisible(), "the step is there now"
    assert "签到表.pdf" in steps.review_text(wizard)
    wizard.back()
    assert wizard.currentPage() is attachments, "上一步 goes back through it"


def test_org_life_and_appraisal_are_no_longer_meeting_tags_but_old_tags_are_kept(
    demo: Store, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    """组织生活会 and 民主评议党员 are records of their own (issue 17): a new meeting does
    not offer them as tags, and a meeting tagged so before keeps its tag when saved again."""
    wizard = make_wizard(qtbot, demo)
    offered = set(steps.basics(wizard).tag_boxes)
    assert offered == {
        TAG_PARTY_BUILDING,
        "学校党建工作会议",
        "意识形态专题研究",
        "通报意识形态工作情况",
    }
    press(qtbot, wizard, CANCEL)  # nothing typed: closes without asking, leaves no draft

    draft = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=TODAY)
    draft.tags = ["组织生活会"]
    draft_id = MEETING.save_draft(draft)
    again = reopen(qtbot, demo, draft_id)
    basics = steps.basics(again)
    basics.tag_boxes[TAG_PARTY_BUILDING].setChecked(True)
    press(qtbot, again, DRAFT_BUTTON)
    assert meetings.load_meeting(draft_id).tags == ["组织生活会", TAG_PARTY_BUILDING]
