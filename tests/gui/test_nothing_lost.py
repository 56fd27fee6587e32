"""Nothing lost quietly: a dialog with typed content asks before throwing it away, a
length limit shows while typing, a draft of another year stays in the list, and closing
the main window with a record window open asks first."""

from __future__ import annotations

import datetime as dt

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import MeetingKind, RecordState
from jianshi_desktop.gui.common import limits, messages
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.meetings.page import MeetingsPage
from jianshi_desktop.gui.members.member_dialog import MemberDialog
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.services import drafts, meetings
from jianshi_desktop.services import members as member_service
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.gui import meeting_steps as steps

from .conftest import MessageLog, click
from .records_helpers import shown_rows

TODAY = dt.date.today()


def open_add_dialog(qtbot: QtBot, page: MembersPage) -> MemberDialog:
    """添加党员, as its button does (an empty roster offers it in the middle of the page)."""
    page.add_member()
    dialog = page.dialog
    assert isinstance(dialog, MemberDialog) and dialog.isVisible()
    return dialog


def discard_questions(shown: MessageLog) -> list[messages.Message]:
    return [m for m in shown.shown if m.text == "放弃已填写的内容？"]


def answer_yes(monkeypatch: pytest.MonkeyPatch, shown: MessageLog) -> None:
    """From now on the secretary answers every question with its yes button."""

    def yes(parent: object, message: messages.Message) -> bool:
        shown.shown.append(message)
        return True

    monkeypatch.setattr(messages, "present", yes)


# --- a dialog asks before throwing away what was typed ------------------------------------


def test_esc_on_a_typed_member_form_asks_and_keeps_the_text(
    members_page: MembersPage,
    qtbot: QtBot,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_add_dialog(qtbot, members_page)
    dialog.name_edit.setText("张三")
    qtbot.keyClicks(dialog.phone_edit, "13800001111")

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    (question,) = discard_questions(shown_messages)
    assert (question.yes_text, question.no_text) == ("放弃", "继续填写")
    assert question.default_answer is False, "继续填写 is the default"
    assert question.title == "添加党员"
    assert dialog.isVisible(), "继续填写 keeps the dialog"
    assert dialog.name_edit.text() == "张三"
    assert dialog.phone_edit.text() == "13800001111"

    answer_yes(monkeypatch, shown_messages)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "放弃 closes it"
    assert member_service.list_members(include_left=True) == [], "nothing saved"


def test_cancel_and_the_close_button_ask_too(
    members_page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    dialog = open_add_dialog(qtbot, members_page)
    dialog.notes_edit.setPlainText("调入本校")

    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    click(qtbot, cancel)
    assert len(discard_questions(shown_messages)) == 1
    assert dialog.isVisible()

    dialog.close()  # the window's close button
    assert len(discard_questions(shown_messages)) == 2
    assert dialog.isVisible()
    assert dialog.notes_edit.toPlainText() == "调入本校"


def test_an_untouched_form_closes_without_asking(
    members_page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    dialog = open_add_dialog(qtbot, members_page)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert shown_messages.shown == []


def test_typing_then_deleting_it_again_counts_as_untouched(
    members_page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    dialog = open_add_dialog(qtbot, members_page)
    qtbot.keyClicks(dialog.phone_edit, "138")
    for _ in range(3):
        qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Backspace)
    assert dialog.phone_edit.text() == ""
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert shown_messages.shown == []


def test_an_edited_member_opens_untouched(
    members_page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    from jianshi_desktop.domain.members import MemberFields

    member = member_service.add_member(
        MemberFields(name="李四", joined_on=dt.date(2010, 6, 1), full_member_on=dt.date(2011, 6, 1))
    )
    members_page.refresh()
    dialog = members_page.edit_member(member)
    assert dialog.name_edit.text() == "李四"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "what was loaded is not typed"
    assert shown_messages.shown == []


# --- length limits while typing -------------------------------------------------------------


def counter(edit: QLineEdit) -> limits.LengthCounter:
    found = limits.counter_of(edit)
    assert found is not None, f"{edit.objectName()} has no counter"
    return found


def test_a_limited_field_counts_near_its_limit_and_says_when_more_was_refused(
    members_page: MembersPage, qtbot: QtBot
) -> None:
    dialog = open_add_dialog(qtbot, members_page)
    edit = dialog.position_edit  # 岗位, at most 60 characters
    assert edit.maxLength() == 60
    assert "最多可填60个字" in edit.toolTip(), "the limit is named before typing"

    qtbot.keyClicks(edit, "a" * 40)
    assert not counter(edit).isVisible(), "no counter far from the limit"
    qtbot.keyClicks(edit, "a" * 10)
    assert counter(edit).isVisible() and counter(edit).text() == "50/60"
    qtbot.keyClicks(edit, "a" * 10)
    assert counter(edit).text() == "60/60"
    assert counter(edit).message() == ""

    qtbot.keyClicks(edit, "b")  # the 61st character
    assert len(edit.text()) == 60
    assert counter(edit).text() == "60/60 已满"
    assert "最多填60个字，多出的字没有填进去" in counter(edit).message()
    note = counter(edit).note_text()
    assert "最多填60个字，多出的字没有填进去" in note, "a note says so under the field"
    counter_box = counter(edit).geometry()
    assert edit.rect().contains(counter_box), "the counter sits inside the field"

    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert counter(edit).text() == "59/60", "shorter again: a plain count"
    assert counter(edit).note_text() == ""


def test_pasting_more_than_fits_is_not_cut_silently(
    members_page: MembersPage, qtbot: QtBot
) -> None:
    dialog = open_add_dialog(qtbot, members_page)
    edit = dialog.position_edit
    edit.insert("一" * 75)  # as a paste does
    assert len(edit.text()) == 60
    assert counter(edit).isVisible() and counter(edit).text() == "60/60 已满"


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(today=TODAY)
    return store


def test_an_agenda_item_over_100_characters_is_not_cut_silently(demo: Store, qtbot: QtBot) -> None:
    page = MeetingsPage(demo.data.attachments, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    edit = steps.basics(wizard).agenda_edit
    assert edit.maxLength() == 100
    qtbot.keyClicks(edit, "x" * 86)
    assert counter(edit).isVisible() and counter(edit).text() == "86/100"
    qtbot.keyClicks(edit, "x" * 15)  # the 101st character
    assert counter(edit).text() == "100/100 已满"
    assert "最多填100个字" in counter(edit).note_text()
    assert len(edit.text()) == 100
    wizard.reject()


# --- a draft of another year stays in the list --------------------------------------------


def test_a_draft_from_last_year_shows_under_this_years_filter(demo: Store, qtbot: QtBot) -> None:
    last_year = dt.date(TODAY.year - 1, 12, 20)
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=last_year)
    draft_id = MEETING.save_draft(form, record_id=None)

    page = MeetingsPage(demo.data.attachments, today=lambda: TODAY)  # as after a restart
    qtbot.addWidget(page)
    page.show()

    assert page.list.year_combo.currentData() == TODAY.year
    shown = {row.id: row for row in shown_rows(page.list)}
    assert draft_id in shown, "the draft is listed under this year"
    assert shown[draft_id].state is RecordState.DRAFT
    assert all(
        row.held_on.year == TODAY.year
        for row in shown.values()
        if row.state is not RecordState.DRAFT
    ), "finished records of other years stay behind the filter"
    assert f"{last_year.year}年" in page.list.model.columns[0].text(shown[draft_id])


# --- closing the main window with a record window open --------------------------------------


def test_closing_the_main_window_with_a_wizard_open_asks_and_keeps_it_on_no(
    main_window: MainWindow, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    main_window.show_area("meetings")
    page = main_window.page_of("meetings", MeetingsPage)
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None and wizard.isVisible()
    steps.basics(wizard).agenda_edit.setText("研究期末工作")

    main_window.close()

    question = shown_messages.shown[-1]
    assert question.text == "还有没填完的记录，关闭程序吗？"
    assert "会存为草稿" in question.hint
    assert (question.yes_text, question.no_text) == ("关闭程序", "继续填写")
    assert main_window.isVisible(), "继续填写 keeps the program open"
    assert wizard.isVisible() and page.wizard is wizard
    assert steps.basics(wizard).agenda_edit.text() == "研究期末工作"


def test_an_open_wizard_leaves_the_close_button_working_but_takes_the_clicks(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    """Qt drops the close request of a window blocked by a modal one before any code sees
    it: the wizard must not block the main window, and still take its clicks."""
    main_window.show_area("meetings")
    page = main_window.page_of("meetings", MeetingsPage)
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None and wizard.isVisible()
    assert QApplication.activeModalWidget() is None, "a modal window swallows the close click"

    navigation = main_window.navigation
    home_row = navigation.visualItemRect(navigation.item(0)).center()
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=home_row)
    assert main_window.current_area() == "meetings", "the window behind took a click"
    assert wizard.isVisible()

    wizard.reject()  # untouched: closes without asking
    qtbot.waitUntil(lambda: not wizard.isVisible())
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=home_row)
    assert main_window.current_area() == "home", "the window takes clicks after the wizard"


def test_a_form_kept_open_on_its_close_button_still_locks_the_window_behind(
    main_window: MainWindow, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    main_window.show_area("members")
    dialog = open_add_dialog(qtbot, main_window.page_of("members", MembersPage))
    dialog.name_edit.setText("张三")
    dialog.close()  # ✕, answered 继续填写 (the default)
    assert discard_questions(shown_messages) and dialog.isVisible()

    navigation = main_window.navigation
    home_row = navigation.visualItemRect(navigation.item(0)).center()
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=home_row)
    assert main_window.current_area() == "members", "the window behind took a click"


@pytest.mark.parametrize("gone", ["hidden", "deleted"])
def test_a_form_gone_without_finishing_never_locks_the_window_for_good(
    main_window: MainWindow, qtbot: QtBot, gone: str
) -> None:
    main_window.show_area("members")
    dialog = open_add_dialog(qtbot, main_window.page_of("members", MembersPage))
    if gone == "hidden":
        dialog.hide()
    else:
        shiboken6.delete(dialog)  # as when its page is deleted under it
    navigation = main_window.navigation
    home_row = navigation.visualItemRect(navigation.item(0)).center()
    qtbot.mouseClick(navigation.viewport(), Qt.MouseButton.LeftButton, pos=home_row)
    assert main_window.current_area() == "home"


def test_closing_the_main_window_on_yes_saves_the_draft_and_closes(
    main_window: MainWindow,
    qtbot: QtBot,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main_window.show_area("meetings")
    page = main_window.page_of("meetings", MeetingsPage)
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    steps.basics(wizard).place_combo.setEditText("图书室")
    steps.basics(wizard).agenda_edit.setText("研究期末工作")  # typed, 添加 not clicked
    answer_yes(monkeypatch, shown_messages)

    main_window.close()

    assert not wizard.isVisible() and not main_window.isVisible()
    assert wizard.record_id is not None, "what was typed is kept as a draft"
    kept = meetings.load_meeting(wizard.record_id)
    assert kept.place == "图书室"
    assert [item.title for item in kept.agenda] == ["研究期末工作"], "the item not added too"
    assert MEETING.state(wizard.record_id)[0] is RecordState.DRAFT


def test_closing_the_main_window_without_anything_open_does_not_ask(
    main_window: MainWindow, shown_messages: MessageLog
) -> None:
    main_window.close()
    assert not main_window.isVisible()
    assert shown_messages.shown == []


def test_closing_the_main_window_with_an_untouched_new_record_does_not_ask(
    main_window: MainWindow, shown_messages: MessageLog
) -> None:
    # nothing typed, nothing to keep: no question, and no draft left behind
    main_window.show_area("meetings")
    wizard = main_window.page_of("meetings", MeetingsPage).new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None and wizard.isVisible()
    main_window.close()
    assert not main_window.isVisible()
    assert shown_messages.shown == []
    assert wizard.record_id is None and drafts.unfinished_drafts() == []


def test_closing_the_main_window_with_a_typed_dialog_asks(
    main_window: MainWindow, shown_messages: MessageLog
) -> None:
    main_window.show_area("members")
    page = main_window.page_of("members", MembersPage)
    dialog = page.add_member()
    dialog.name_edit.setText("王五")

    main_window.close()

    question = shown_messages.shown[-1]
    assert question.text == "还有没填完的内容，关闭程序吗？"
    assert "「添加党员」" in question.hint and "不会保留" in question.hint
    assert main_window.isVisible() and dialog.isVisible()
    assert dialog.name_edit.text() == "王五"


def test_closing_the_main_window_closes_an_untouched_dialog_without_asking(
    main_window: MainWindow, shown_messages: MessageLog
) -> None:
    main_window.show_area("members")
    dialog = main_window.page_of("members", MembersPage).add_member()

    main_window.close()

    assert shown_messages.shown == []
    assert not main_window.isVisible()
    assert not dialog.isVisible(), "no window is left behind to keep the program running"
