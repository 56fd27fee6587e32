"""The 三会一课 page: the list of meetings with the demo's year of records, and its actions
(新建, 复制上次, 打开, 归档, 更正, 删除草稿) opening the meeting wizard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import MeetingKind, Presence, RecordState
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.meetings.page import MeetingsPage, row_title
from jianshi_desktop.services import meetings
from jianshi_desktop.services.branch import BranchInfo
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from tests.gui import meeting_steps as steps

from .conftest import MessageLog
from .records_helpers import choose, notice_text, shown_rows, shown_text

TODAY = dt.date.today()


def make_page(qtbot: QtBot, store: Store) -> MeetingsPage:
    page = MeetingsPage(store.data.attachments, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1150, 680)
    page.show()
    return page


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, store: Store) -> MeetingsPage:
    fill_demo(today=TODAY)
    return make_page(qtbot, store)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select(page: MeetingsPage, state: RecordState, kind: MeetingKind | None = None) -> int:
    page.list.choose_year(None)
    for row in shown_rows(page.list):
        if row.state is state and (kind is None or row.kind is kind):
            assert page.list.select_record(row.id)
            return int(row.id)
    raise AssertionError(f"no {state.label} meeting in the list")


def close(wizard: QWizard | None) -> None:
    assert wizard is not None
    wizard.reject()


def test_the_list_shows_the_meetings_with_their_state_in_words(page: MeetingsPage) -> None:
    listing = page.list
    listing.choose_year(None)
    rows = shown_rows(listing)
    assert len(rows) == len(meetings.list_meetings())
    titles = [listing.model.columns[c].title for c in range(listing.model.columnCount())]
    assert titles == ["日期", "类别", "议题或党课题目", "地点", "出席", "状态"]
    states = {shown_text(listing, r, 5) for r in range(len(rows))}
    assert {"草稿", "已完成", "已归档"} <= states
    assert any("补录" in s for s in states) and any("已更正" in s for s in states)
    group_row = next(r for r, row in enumerate(rows) if row.kind is MeetingKind.GROUP)
    assert shown_text(listing, group_row, 1).startswith("党小组会（第")
    assert shown_text(listing, group_row, 4).startswith("实到 ")


def test_filters_by_kind_and_search(page: MeetingsPage) -> None:
    page.list.choose_year(None)
    choose(page.list, "kind", "党课")
    assert {row.kind for row in shown_rows(page.list)} == {MeetingKind.LECTURE}
    choose(page.list, "kind", "全部类型")
    page.list.search_edit.setText("意识形态")
    assert shown_rows(page.list)
    assert all("意识形态" in row.topic for row in shown_rows(page.list))


def test_new_offers_the_four_kinds_and_opens_the_wizard(page: MeetingsPage) -> None:
    menu = page.list.buttons["new"].menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["支委会", "党小组会", "支部党员大会", "党课"]
    menu.actions()[3].trigger()
    wizard = page.wizard
    assert wizard is not None and wizard.isVisible()
    assert steps.basics(wizard).kind() is MeetingKind.LECTURE
    close(wizard)
    assert page.wizard is None


def test_finishing_a_new_meeting_lists_it_and_offers_to_archive(
    page: MeetingsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = page.new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    steps.basics(wizard).agenda_edit.setText("研究期末党建工作")
    click(qtbot, steps.basics(wizard).add_agenda_button)
    for _step in range(3):  # 附件 is passed over: nothing to attach (issue 16)
        click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert page.wizard is None
    selected = page.list.selected_row()
    assert selected is not None and selected.id == wizard.record_id
    assert selected.state is RecordState.FINISHED
    assert "核对无误后可以归档" in notice_text(page.list)

    monkeypatch.setattr(messages, "present", lambda _parent, _message: True)
    *_print_or_save, archive = page.list.notice_buttons
    assert archive.text() == "归档"
    click(qtbot, archive)
    assert MEETING.state(selected.id)[0] is RecordState.ARCHIVED


def test_copy_last_fills_place_and_agenda_with_a_fresh_date(
    page: MeetingsPage, qtbot: QtBot
) -> None:
    source_id = select(page, RecordState.FINISHED, MeetingKind.COMMITTEE)
    source = meetings.load_meeting(source_id)
    click(qtbot, page.list.buttons["copy"])
    wizard = page.wizard
    assert wizard is not None
    basics = steps.basics(wizard)
    assert basics.place_combo.currentText() == source.place
    assert steps.agenda_titles(wizard) == [a.title for a in source.agenda]
    assert basics.held_on() == TODAY != source.held_on
    assert wizard.record_id is None, "a new record"
    form = wizard.form()
    assert form.resolutions == [] and all(
        a.presence is Presence.PRESENT for a in form.attendance
    ), "attendance and votes start afresh"
    close(wizard)


def test_double_click_opens_an_archived_meeting_read_only(page: MeetingsPage, qtbot: QtBot) -> None:
    select(page, RecordState.ARCHIVED)
    index = page.list.table.currentIndex()
    page.list.table.doubleClicked.emit(index)
    wizard = page.wizard
    assert wizard is not None and wizard.mode == "view"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "关闭"
    close(wizard)


def test_amend_opens_the_wizard_for_a_correction(page: MeetingsPage, qtbot: QtBot) -> None:
    select(page, RecordState.ARCHIVED)
    click(qtbot, page.list.buttons["amend"])
    wizard = page.wizard
    assert wizard is not None and wizard.mode == "amend"
    assert wizard.windowTitle().startswith("更正：")
    close(wizard)


def test_a_draft_reopens_where_it_was_left(page: MeetingsPage, qtbot: QtBot) -> None:
    draft_id = select(page, RecordState.DRAFT)
    click(qtbot, page.list.buttons["open"])
    wizard = page.wizard
    assert wizard is not None and wizard.record_id == draft_id
    assert "（草稿）" in wizard.windowTitle()
    assert steps.agenda_titles(wizard) == ["研究年终党建工作总结"]
    close(wizard)


def test_delete_refuses_what_is_not_a_draft(
    page: MeetingsPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    finished_id = select(page, RecordState.FINISHED)
    assert not page.list.buttons["delete"].isEnabled()
    page.list.delete_selected()
    assert "不能删除；只有草稿可以删除" in shown_messages.texts[-1]
    assert finished_id in {row.id for row in meetings.list_meetings()}


def test_delete_a_draft_after_confirming_with_its_name(
    page: MeetingsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft_id = select(page, RecordState.DRAFT)
    row = page.list.selected_row()
    assert row is not None
    asked: list[str] = []

    def answer(_parent: object, message: messages.Message) -> bool:
        asked.append(message.text)
        return True

    monkeypatch.setattr(messages, "present", answer)
    click(qtbot, page.list.buttons["delete"])
    assert asked == [f"删除草稿「{row_title(row)}」？"]
    assert row_title(row) == f"{TODAY.year}年{TODAY.month}月{TODAY.day}日支委会"
    assert draft_id not in {r.id for r in meetings.list_meetings()}


def test_without_meetings_the_page_explains_and_offers_a_first_one(
    gui_app: object, qtbot: QtBot, store: Store, branch: BranchInfo
) -> None:
    page = make_page(qtbot, store)
    assert page.list.stack.currentWidget() is page.list.empty_page
    assert "还没有会议记录" in page.list.empty_notice.text()
    assert page.list.empty_button.text() == "新建一次会议"
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert wizard is not None and steps.basics(wizard).kind() is MeetingKind.COMMITTEE
    close(wizard)


def test_the_main_window_shows_the_page_for_三会一课(main_window: MainWindow) -> None:
    main_window.show_area("meetings")
    assert isinstance(main_window.current_page(), MeetingsPage)
