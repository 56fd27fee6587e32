"""Picking a person in a record's wizard: the list in pinyin order with those present first,
found by typing pinyin initials or characters, and the right member picked after a search."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import AttendanceRole, Presence
from jianshi_desktop.gui.common.name_search import NameSearch, name_search_of
from jianshi_desktop.gui.heart_talks.wizard import HeartTalkWizard
from jianshi_desktop.gui.records.attendance import AttendanceEditor
from jianshi_desktop.gui.records.pickers import (
    combo_line,
    combo_member,
    combo_person,
    fill_member_combo,
    fill_person_combo,
    present_members,
)
from jianshi_desktop.services import heart_talks
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.meetings import AttendanceEntry, member_choices
from jianshi_desktop.services.members import name_initials
from jianshi_desktop.services.store import Store
from tests.support import run_python

MEMBERS = [
    (1, "王芳"),
    (2, "张三丰"),
    (3, "李娜"),
    (4, "曾丽佳"),
    (5, "欧阳娜"),
    (6, "赵敏"),
    (7, "张伟"),
]
NAMES = dict(MEMBERS)

# The list under the field is a popup: the offscreen platform cannot raise it or give it
# the keyboard, and says so.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
ID = {name: number for number, name in MEMBERS}


class Form(QWidget):
    """A combo and a field after it, to leave the combo to."""

    def __init__(self) -> None:
        super().__init__()
        self.combo = QComboBox(self)
        self.after = QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.combo)
        layout.addWidget(self.after)


@pytest.fixture
def form(gui_app: object, qtbot: QtBot) -> Form:
    shown = Form()
    qtbot.addWidget(shown)
    shown.resize(300, 120)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def items(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def search(combo: QComboBox) -> NameSearch:
    found = name_search_of(combo)
    assert found is not None, "the combo is searchable"
    return found


def shown_list(combo: QComboBox) -> list[str]:
    """The names in the list under the field, as the secretary sees them."""
    popup = search(combo).popup
    if not popup.isVisible():
        return []
    model = popup.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def type_into(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Typed as a person types, over what the field shows (a click into it selects it):
    letters key by key, characters committed as a Chinese input method commits them."""
    line = combo_line(combo)
    line.setFocus()
    line.selectAll()
    if text.isascii():
        qtbot.keyClicks(line, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(line, event)


def leave(qtbot: QtBot, form: Form) -> None:
    search(form.combo).popup.hide()
    form.after.setFocus()
    qtbot.waitUntil(form.after.hasFocus)


# --- order ------------------------------------------------------------------------------


def test_members_are_listed_by_pinyin_with_surnames_read_as_surnames(form: Form) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, None)
    assert items(form.combo) == ["李娜", "欧阳娜", "王芳", "曾丽佳", "张三丰", "张伟", "赵敏"]


def test_those_present_come_first_then_the_rest_each_by_pinyin(form: Form) -> None:
    present = [ID["赵敏"], ID["王芳"], ID["李娜"]]
    fill_person_combo(form.combo, MEMBERS, None, "", NAMES, present_first=present)
    assert items(form.combo) == ["李娜", "王芳", "赵敏", "欧阳娜", "曾丽佳", "张三丰", "张伟"]
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["张伟"], present_first=present)
    assert items(form.combo)[:3] == ["李娜", "王芳", "赵敏"]
    assert combo_member(form.combo) == ID["张伟"], "the pick is kept, wherever it is listed"


def test_who_is_present_is_read_from_the_attendance() -> None:
    entries = [
        AttendanceEntry(1, "王芳"),
        AttendanceEntry(2, "张三丰", presence=Presence.ON_LEAVE, reason="出差"),
        AttendanceEntry(3, "李娜", presence=Presence.ABSENT, reason="生病"),
        AttendanceEntry(6, "赵敏", role=AttendanceRole.OBSERVER, has_vote=False),
        AttendanceEntry(None, "县教育局刘老师", role=AttendanceRole.OBSERVER, has_vote=False),
    ]
    assert present_members(entries) == [1, 6]


# --- search -----------------------------------------------------------------------------


def test_typing_initials_shows_the_person_and_enter_picks_them(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["王芳"])
    type_into(qtbot, form.combo, "zsf")
    assert shown_list(form.combo) == ["张三丰"]
    qtbot.keyClick(search(form.combo).popup, Qt.Key.Key_Return)
    assert form.combo.currentText() == "张三丰"
    assert combo_member(form.combo) == ID["张三丰"]
    assert not search(form.combo).popup.isVisible()


def test_names_found_from_their_start_are_listed_first(form: Form, qtbot: QtBot) -> None:
    """``w``: 王芳 (wf) before 张伟 (zw), though 张伟 is present and listed first."""
    fill_member_combo(form.combo, MEMBERS, NAMES, None, present_first=[ID["张伟"]])
    assert items(form.combo)[0] == "张伟"
    type_into(qtbot, form.combo, "w")
    assert shown_list(form.combo) == ["王芳", "张伟"]
    qtbot.keyClick(search(form.combo).popup, Qt.Key.Key_Return)
    assert combo_member(form.combo) == ID["王芳"]
    qtbot.mouseClick(combo_line(form.combo), Qt.MouseButton.LeftButton)
    assert shown_list(form.combo) == items(form.combo), "everyone again, in the list's order"


def test_a_surname_with_two_readings_is_found_by_either(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, None)
    type_into(qtbot, form.combo, "zlj")
    assert shown_list(form.combo) == ["曾丽佳"]


def test_characters_typed_find_the_person(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, None)
    type_into(qtbot, form.combo, "张")
    assert shown_list(form.combo) == ["张三丰", "张伟"]
    form.combo.lineEdit().clear()  # type: ignore[union-attr]
    type_into(qtbot, form.combo, "三丰")
    assert shown_list(form.combo) == ["张三丰"]
    type_into(qtbot, form.combo, "张伟")
    assert shown_list(form.combo) == ["张伟"]
    qtbot.keyClick(search(form.combo).popup, Qt.Key.Key_Return)
    assert combo_member(form.combo) == ID["张伟"]


def test_a_person_clicked_in_the_searched_list_is_the_one_picked(form: Form, qtbot: QtBot) -> None:
    """The list shown is a part of the combo's; the row clicked must give its own member."""
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["李娜"], present_first=[ID["赵敏"]])
    type_into(qtbot, form.combo, "zh")  # zhao…, zhang…
    assert shown_list(form.combo) == ["赵敏", "张三丰", "张伟"]
    popup = search(form.combo).popup
    second = popup.model().index(2, 0)
    qtbot.mouseClick(
        popup.viewport(), Qt.MouseButton.LeftButton, pos=popup.visualRect(second).center()
    )
    assert form.combo.currentText() == "张伟"
    assert combo_member(form.combo) == ID["张伟"]


def test_clicking_into_the_field_shows_everyone(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["王芳"], present_first=[ID["王芳"]])
    qtbot.mouseClick(combo_line(form.combo), Qt.MouseButton.LeftButton)
    assert shown_list(form.combo) == items(form.combo)
    assert combo_line(form.combo).selectedText() == "王芳", "typing replaces the pick"


def test_clicking_in_then_enter_keeps_the_pick(form: Form, qtbot: QtBot) -> None:
    """The whole list is shown, but Enter does not pick whoever is listed first."""
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["王芳"])
    qtbot.mouseClick(combo_line(form.combo), Qt.MouseButton.LeftButton)
    qtbot.keyClick(search(form.combo).popup, Qt.Key.Key_Return)
    assert combo_member(form.combo) == ID["王芳"]
    assert form.combo.currentText() == "王芳"


def test_tab_after_initials_picks_the_person(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["王芳"])
    type_into(qtbot, form.combo, "zsf")
    assert shown_list(form.combo) == ["张三丰"]
    qtbot.keyClick(search(form.combo).popup, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not combo_line(form.combo).hasFocus())
    assert form.combo.currentText() == "张三丰"
    assert combo_member(form.combo) == ID["张三丰"]


def test_a_fixed_list_keeps_no_text_that_is_not_a_member(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, ID["王芳"])
    combo_line(form.combo).selectAll()
    type_into(qtbot, form.combo, "xyz")
    leave(qtbot, form)
    assert form.combo.currentText() == "王芳", "back to the pick"
    assert combo_member(form.combo) == ID["王芳"]
    combo_line(form.combo).selectAll()
    type_into(qtbot, form.combo, "oyn")
    leave(qtbot, form)
    assert form.combo.currentText() == "欧阳娜", "the only match is picked on leaving"
    assert combo_member(form.combo) == ID["欧阳娜"]
    combo_line(form.combo).clear()
    leave(qtbot, form)
    assert combo_member(form.combo) is None, "rubbed out: nobody"


def test_a_name_typed_stays_a_name_and_initials_become_the_member(form: Form, qtbot: QtBot) -> None:
    fill_person_combo(form.combo, MEMBERS, None, "", NAMES)
    type_into(qtbot, form.combo, "县委党校刘老师")
    leave(qtbot, form)
    assert combo_person(form.combo) == (None, "县委党校刘老师")
    combo_line(form.combo).clear()
    type_into(qtbot, form.combo, "zsf")
    leave(qtbot, form)
    assert combo_person(form.combo) == (ID["张三丰"], "")
    combo_line(form.combo).clear()
    type_into(qtbot, form.combo, "张")  # two members: left as typed, nobody guessed
    leave(qtbot, form)
    assert combo_person(form.combo) == (None, "张")


def test_filling_again_keeps_one_search(form: Form, qtbot: QtBot) -> None:
    fill_member_combo(form.combo, MEMBERS, NAMES, None)
    fill_member_combo(form.combo, MEMBERS[:3], NAMES, ID["李娜"])
    assert len(form.combo.findChildren(NameSearch)) == 1
    type_into(qtbot, form.combo, "zsf")
    assert shown_list(form.combo) == ["张三丰"]
    qtbot.keyClick(search(form.combo).popup, Qt.Key.Key_Return)
    assert combo_member(form.combo) == ID["张三丰"]


# --- in a real wizard -------------------------------------------------------------------


def test_the_talkee_is_found_by_initials_in_the_heart_talk_wizard(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    today = dt.date.today()
    fill_demo(today=today, with_records=False)
    wizard = HeartTalkWizard(heart_talks.new_heart_talk_form())
    qtbot.addWidget(wizard)
    wizard.show()
    members = member_choices(today)
    combo = wizard.basics.talkee_combo
    offered = [str(combo.itemText(i)) for i in range(combo.count())]
    assert sorted(offered) == sorted(name for _id, name in members)
    assert offered != [name for _id, name in members], "not in the order of the roster"
    # someone whose initials no one else shares
    counts: dict[str, int] = {}
    for _id, name in members:
        for initials in name_initials(name):
            counts[initials] = counts.get(initials, 0) + 1
    member_id, name, initials = next(
        (i, n, s) for i, n in members for s in sorted(name_initials(n)) if counts[s] == 1
    )
    type_into(qtbot, combo, initials)
    assert name in shown_list(combo)
    qtbot.keyClick(search(combo).popup, Qt.Key.Key_Return)
    assert wizard.basics.talkee() == (member_id, "")


def test_an_observer_is_added_by_initials_and_is_the_member(gui_app: object, qtbot: QtBot) -> None:
    """列席: offered in pinyin order, 欧阳娜 found by ``oyn`` and added with Enter as the
    member she is, not as the letters typed."""
    editor = AttendanceEditor(members=MEMBERS)
    qtbot.addWidget(editor)
    editor.set_entries([AttendanceEntry(ID["王芳"], "王芳"), AttendanceEntry(ID["李娜"], "李娜")])
    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    combo = editor.observer_combo
    assert items(combo) == ["李娜", "欧阳娜", "王芳", "曾丽佳", "张三丰", "张伟", "赵敏"]
    type_into(qtbot, combo, "oyn")
    assert shown_list(combo) == ["欧阳娜"]
    qtbot.keyClick(search(combo).popup, Qt.Key.Key_Return)
    observers = [e for e in editor.entries() if e.role is AttendanceRole.OBSERVER]
    assert [(e.member_id, e.name) for e in observers] == [(ID["欧阳娜"], "欧阳娜")]
    assert combo.currentText() == "", "ready for the next one"


# --- start-up ---------------------------------------------------------------------------


def test_the_pickers_load_no_pinyin_until_a_list_is_filled() -> None:
    code = (
        "import json, sys\n"
        "import jianshi_desktop.gui.records.pickers\n"
        "print(json.dumps('pypinyin' in sys.modules))\n"
    )
    result = run_python("-c", code)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) is False
