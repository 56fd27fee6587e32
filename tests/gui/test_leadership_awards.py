"""班子成员 and 评先 as a secretary uses them: the 班子成员… dialog on the 党员 page, the
member window's lines, the reminders that open a 党课 for the leader who owes it and a
支委会 for the 学校党建工作会议, and the 组织 page's 评先表彰 with its 推荐材料."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import AwardKind, MeetingKind
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.meetings.page import MeetingsPage
from jianshi_desktop.gui.members.leaders import LeaderEditDialog, LeadersDialog
from jianshi_desktop.gui.members.member_dialog import MemberDialog
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.gui.organization.awards import AwardDialog, NominationDialog
from jianshi_desktop.gui.organization.page import OrganizationPage
from jianshi_desktop.services import awards, compliance, leadership
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.reminders import obligation_reminders
from jianshi_desktop.services.store import Store
from tests.gui.conftest import click

TODAY = dt.date.today()


def meetings_page(window: MainWindow) -> MeetingsPage:
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    return page


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


@pytest.fixture
def demo(store: Store) -> Store:
    fill_demo(today=TODAY)
    return store


@pytest.fixture
def window(gui_app: object, qtbot: QtBot, demo: Store) -> MainWindow:
    shown = MainWindow(demo)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def test_the_leaders_dialog_marks_and_ends_a_leader(
    gui_app: object, qtbot: QtBot, demo: Store
) -> None:
    page = MembersPage()
    qtbot.addWidget(page)
    page.show()
    click(qtbot, page.leaders_button)
    dialog = page.dialog
    assert isinstance(dialog, LeadersDialog)
    shown = [[cell(dialog.table, r, c) for c in range(2)] for r in range(dialog.table.rowCount())]
    assert [title for _, title in shown] == ["校长", "副校长"]
    assert not dialog.end_button.isEnabled(), "nothing chosen yet"
    click(qtbot, dialog.add_button)
    editor = dialog.editor
    assert isinstance(editor, LeaderEditDialog) and editor.member_combo and editor.title_combo
    taken = {r.member_id for r in leadership.list_leaders()}
    index = next(
        i
        for i in range(editor.member_combo.count())
        if editor.member_combo.itemData(i) not in taken
    )
    editor.member_combo.setCurrentIndex(index)
    name = editor.member_combo.currentText()
    click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    assert editor.error.isVisible() and "请填写职务" in editor.error.text()
    editor.title_combo.setCurrentText("工会主席")
    click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    assert dialog.table.rowCount() == 3
    new = next(r for r in dialog.rows if r.name == name)
    assert (new.title, new.valid_from, new.valid_to) == ("工会主席", TODAY, None)
    # 不再担任 on its first day removes a row entered by mistake
    dialog.select(new.id)
    click(qtbot, dialog.end_button)
    ender = dialog.editor
    assert isinstance(ender, LeaderEditDialog) and ender.title_combo is None
    click(qtbot, ender.buttons.button(ender.buttons.StandardButton.Ok))
    assert dialog.table.rowCount() == 2
    dialog.accept()


def test_the_member_window_says_leader_and_awards(
    gui_app: object, qtbot: QtBot, demo: Store
) -> None:
    deputy = next(r for r in leadership.list_leaders() if r.title == "副校长")
    page = MembersPage()
    qtbot.addWidget(page)
    member_window = page.edit_member(deputy.member_id)
    assert isinstance(member_window, MemberDialog)
    texts = {
        label.objectName(): label.text()
        for label in member_window.findChildren(type(page.counts_label))
    }
    assert (
        texts["leaderLabel"]
        == f"班子成员：副校长（{deputy.valid_from.year}年{deputy.valid_from.month}月起）"
    )
    assert texts["awardsLabel"].startswith(f"获得表彰：{TODAY.year - 1}年度先锋共产党员")
    member_window.reject()


def test_a_leaders_lecture_reminder_opens_a_lecture_by_that_leader(window: MainWindow) -> None:
    engine = compliance.engine(today=TODAY)
    (reminder,) = [r for r in obligation_reminders(engine, TODAY) if "班子成员讲党课" in r.title]
    deputy = next(r for r in leadership.list_leaders() if r.title == "副校长")
    assert reminder.title == f"{deputy.name}：2026年班子成员讲党课尚未完成"
    window.act(reminder.action)
    wizard = meetings_page(window).wizard
    assert wizard is not None
    form = wizard.form()
    assert (form.kind, form.lecturer_id) == (MeetingKind.LECTURE, deputy.member_id)
    wizard.reject()


def test_a_party_building_meeting_reminder_opens_a_committee_with_the_tag(
    window: MainWindow,
) -> None:
    engine = compliance.engine(today=TODAY)
    (reminder,) = [r for r in obligation_reminders(engine, TODAY) if "学校党建工作会议" in r.title]
    window.act(reminder.action)
    wizard = meetings_page(window).wizard
    assert wizard is not None
    form = wizard.form()
    assert form.kind is MeetingKind.COMMITTEE and "学校党建工作会议" in form.tags
    wizard.reject()


def test_the_organisation_page_keeps_awards_and_drafts_a_nomination(
    gui_app: object, qtbot: QtBot, demo: Store
) -> None:
    page = OrganizationPage(demo.data.root)
    qtbot.addWidget(page)
    page.resize(1366, 900)
    page.show()
    section = page.awards
    assert [cell(section.table, r, 1) for r in range(section.table.rowCount())] == [
        f"{TODAY.year - 1}年度红旗党支部",
        f"{TODAY.year - 1}年度先锋共产党员",
    ]
    click(qtbot, section.add_button)
    dialog = section.dialog
    assert isinstance(dialog, AwardDialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(AwardKind.RED_FLAG_BRANCH))
    dialog.year_box.setValue(TODAY.year - 1)
    dialog.save()
    assert "已经登记过" in dialog.error.text(), "the same honour twice is refused"
    dialog.year_box.setValue(TODAY.year)
    assert not dialog.member_combo.isEnabled(), "红旗党支部 is the branch's"
    dialog.save()
    assert section.table.rowCount() == 3
    assert cell(section.table, 0, 1) == f"{TODAY.year}年度红旗党支部"

    click(qtbot, section.draft_button)
    draft = section.dialog
    assert isinstance(draft, NominationDialog)
    draft.choose(AwardKind.RED_FLAG_BRANCH, TODAY.year)
    assert draft.title_edit.text().endswith(f"为{TODAY.year}年度红旗党支部的事迹材料")
    body = draft.body_edit.toPlainText()
    assert "支委会" in body and "全部" not in body, "some obligations of the year are undone"
    draft.body_edit.setPlainText("本支部扎根山区办学。\n" + body)
    assert draft.save()
    nomination = draft.chosen()
    draft.accept()
    kept = awards.saved_nomination(nomination)
    assert kept is not None and kept.paragraphs[0] == "本支部扎根山区办学。"
    again = NominationDialog(page, demo.data.root)
    qtbot.addWidget(again)
    again.choose(AwardKind.RED_FLAG_BRANCH, TODAY.year)
    assert again.body_edit.toPlainText().startswith("本支部扎根山区办学。"), "kept until replaced"
    again.accept()


def test_the_dialogs_take_no_more_text_than_is_kept(
    gui_app: object, qtbot: QtBot, demo: Store
) -> None:
    """Review finding 2's audit: 表彰名称 and 表彰单位 are kept to 100 characters, a 职务
    to 30 (the package's schema); the fields take no more."""
    award = AwardDialog(None)
    qtbot.addWidget(award)
    for edit in (award.title_edit, award.granted_by_edit):
        edit.setText("党" * 120)
        assert len(edit.text()) == awards.TITLE_MAX == awards.GRANTED_BY_MAX == 100
    page = MembersPage()
    qtbot.addWidget(page)
    page.show()
    click(qtbot, page.leaders_button)
    dialog = page.dialog
    assert isinstance(dialog, LeadersDialog)
    click(qtbot, dialog.add_button)
    editor = dialog.editor
    assert isinstance(editor, LeaderEditDialog) and editor.title_combo is not None
    editor.title_combo.setCurrentText("党" * 40)
    assert len(editor.title_combo.currentText()) == leadership.TITLE_MAX == 30
    editor.reject()
    dialog.accept()
