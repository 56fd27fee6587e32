"""Every reminder opens the place to act: a click on 首页 calls ``MainWindow.act``, which
shows the area and asks its page to ``perform`` the command (a dialog, a wizard)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.heart_talks.wizard import HeartTalkWizard
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.meetings.wizard import MeetingWizard
from jianshi_desktop.gui.members.member_dialog import MemberDialog
from jianshi_desktop.gui.members.status_dialogs import FullMemberDialog
from jianshi_desktop.gui.org_life_meetings.wizard import OrgLifeMeetingWizard
from jianshi_desktop.gui.organization.page import ElectionDialog, PickMemberDialog
from jianshi_desktop.gui.records.wizard import DraftWizard
from jianshi_desktop.gui.theme_days.wizard import ThemeDayWizard
from jianshi_desktop.services import demo, members, theme_days
from jianshi_desktop.services.reminders import Action
from jianshi_desktop.services.store import Store
from tests.gui import shown
from tests.gui.shown import reminder_button

FILLED = dt.date(2026, 11, 26)


def open_window(qtbot: QtBot, store: Store, today: dt.date) -> MainWindow:
    demo.fill_demo(today=FILLED, with_records=False)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.home_page.today = lambda: today
    meetings_page = window.page("meetings")
    if hasattr(meetings_page, "today"):
        meetings_page.today = lambda: today  # a wizard's date checks use the same day
    window.show()
    window.home_page.refresh()
    return window


def click_reminder(qtbot: QtBot, window: MainWindow, title: str) -> None:
    button = reminder_button(window.home_page.reminder_list, title)
    qtbot.waitUntil(lambda: button.height() > 0)  # the list is laid out in the event loop
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def opened_windows() -> list[QWidget]:
    """The dialogs and wizards showing now, wherever they come from."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def opened_by_click(qtbot: QtBot, window: MainWindow, title: str) -> QWidget:
    """Click the reminder ``title``; the one dialog or wizard that opened (none: fails)."""
    before = set(opened_windows())
    click_reminder(qtbot, window, title)
    new = [w for w in opened_windows() if w not in before]
    assert len(new) == 1, f"the reminder「{title}」opened {len(new)} windows"
    return new[0]


def wizard_form(wizard: QWidget) -> Any:
    """What the wizard shows now."""
    assert isinstance(wizard, DraftWizard)
    return wizard.form()


@pytest.fixture
def december(gui_app: object, qtbot: QtBot, store: Store) -> MainWindow:
    return open_window(qtbot, store, dt.date(2026, 12, 3))


def test_the_overdue_committee_reminder_opens_a_new_committee_meeting(
    december: MainWindow, qtbot: QtBot
) -> None:
    acted: list[Action] = []
    december.home_page.action_requested.connect(acted.append)
    wizard = opened_by_click(qtbot, december, "2026年11月支委会未召开")
    assert acted and acted[0].command == "new_meeting"
    assert acted[0].params == {"date": "2026-11-30", "kind": "committee"}
    assert december.current_area() == "meetings"
    assert isinstance(wizard, MeetingWizard)
    form = wizard_form(wizard)
    assert form.held_on == dt.date(2026, 11, 30)
    assert form.kind.value == "committee"
    wizard.close()


@pytest.mark.parametrize(
    ("title", "area", "wizard_type", "expected"),
    [
        ("第二党小组：2026年11月党小组会未召开", "meetings", MeetingWizard, {"party_group_id": 2}),
        ("2026年组织生活会尚未开展", "org_life_meetings", OrgLifeMeetingWizard, {}),
        ("2026年11月主题党日未开展", "theme_days", ThemeDayWizard, {}),
        ("今年还有23名党员没有谈心谈话记录", "heart_talks", HeartTalkWizard, {}),
    ],
)
def test_each_record_reminder_opens_its_area_and_a_new_record(
    december: MainWindow,
    qtbot: QtBot,
    title: str,
    area: str,
    wizard_type: type[QWidget],
    expected: dict[str, object],
) -> None:
    acted: list[Action] = []
    december.home_page.action_requested.connect(acted.append)
    wizard = opened_by_click(qtbot, december, title)
    assert december.current_area() == area
    assert acted[0].params.items() >= expected.items()
    assert isinstance(wizard, wizard_type), f"「{title}」opened {type(wizard).__name__}"
    form = wizard_form(wizard)
    asked = dt.date.fromisoformat(str(acted[0].params["date"]))
    if wizard_type is ThemeDayWizard:  # the branch's fixed day of the month named
        assert form.held_on == theme_days.fixed_day(asked.year, asked.month)
        assert wizard.windowTitle() == "2026年11月主题党日（新记录）"
    else:
        assert form.held_on == asked
    if "party_group_id" in expected:
        assert form.party_group_id == expected["party_group_id"]
    if "tag" in expected:
        assert expected["tag"] in form.tags
    wizard.close()


def test_the_talk_reminder_for_one_member_picks_the_member(
    december: MainWindow, qtbot: QtBot
) -> None:
    member = next(m for m in members.list_members() if m.name == "史刚")
    december.act(
        Action("heart_talks", "new_heart_talk", {"date": "2026-12-01", "member_id": member.id})
    )
    wizard = december.page("heart_talks").wizard  # type: ignore[attr-defined]
    assert isinstance(wizard, HeartTalkWizard) and wizard.isVisible()
    assert wizard.basics.talkee_combo.currentText() == "史刚"
    assert wizard.form().talkee_id == member.id
    assert wizard.form().held_on == dt.date(2026, 12, 1)
    wizard.close()


def test_every_reminder_with_something_to_open_opens_it(december: MainWindow, qtbot: QtBot) -> None:
    items = [
        item for item in december.home_page.reminder_list.items if item.reminder.action.command
    ]
    assert len(items) >= 5
    for item in items:
        title = item.reminder.title
        window = opened_by_click(qtbot, december, title)
        assert window.isVisible() and window.parentWidget() is not None, title
        window.close()
        assert not window.isVisible(), title
        december.show_area("home")


def test_a_probation_reminder_opens_the_members_dialog(december: MainWindow, qtbot: QtBot) -> None:
    click_reminder(qtbot, december, "预备期将于2027年1月10日届满")
    assert december.current_area() == "members"
    dialog = december.page("members").dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, MemberDialog) and dialog.isVisible()
    assert dialog.name_edit.text() == "史刚"
    dialog.reject()


def test_a_probation_past_opens_the_full_member_dialog(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    window = open_window(qtbot, store, dt.date(2027, 1, 15))
    click_reminder(qtbot, window, "史刚预备期已满，尚未登记转正")
    page = window.page("members")
    assert window.current_area() == "members"
    dialog = page.dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, FullMemberDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "转正 — 史刚"
    assert page.selected_member().name == "史刚"  # type: ignore[attr-defined]
    dialog.reject()


def test_a_vacant_post_opens_the_change_of_holder(december: MainWindow, qtbot: QtBot) -> None:
    click_reminder(qtbot, december, "青年委员职务空缺")
    assert december.current_area() == "organization"
    dialog = december.page("organization").dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, PickMemberDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "更换任职人员 — 青年委员"
    dialog.reject()


def test_an_ended_term_opens_the_new_term_dialog(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    window = open_window(qtbot, store, dt.date(2027, 5, 1))
    click_reminder(qtbot, window, "支部委员会任期已届满")
    assert window.current_area() == "organization"
    dialog = window.page("organization").dialog  # type: ignore[attr-defined]
    assert isinstance(dialog, ElectionDialog) and dialog.isVisible()
    dialog.reject()


def test_an_action_without_a_command_only_shows_the_area(december: MainWindow) -> None:
    december.act(Action("organization", label="查看组织"))
    assert december.current_area() == "organization"
    assert december.page("organization").dialog is None  # type: ignore[attr-defined]
    december.act(Action("members", "no_such_command", {"member_id": 1}))
    assert december.current_area() == "members"
    assert december.page("members").dialog is None  # type: ignore[attr-defined]


def test_an_unknown_area_is_ignored(december: MainWindow) -> None:
    december.act(Action("county", "import_packages"))  # an area this version lacks
    assert december.current_area() == "home"


def test_a_page_does_nothing_special_by_default(december: MainWindow) -> None:
    assert Page.perform(december.home_page, "anything", {}) is False
    assert shown.settings_page(december).perform("anything", {}) is False
