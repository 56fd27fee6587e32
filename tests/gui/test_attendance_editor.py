"""The shared attendance list, clicked like a secretary would: one click per person, the
reason box only for those absent, observers that never count as expected, live counts
and the quorum line."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, Presence
from jianshi_desktop.gui.records.attendance import AttendanceEditor, merge_attendance
from jianshi_desktop.services.meetings import AttendanceEntry

from .records_helpers import (
    counts_text,
    names,
    presence_button,
    quorum_text,
    reason_edit,
    remove_button,
    row_error,
)

MEMBERS = [(1, "张明"), (2, "李华"), (3, "王芳"), (4, "赵强"), (9, "孙丽")]


def expected(*names: str, no_vote: tuple[str, ...] = ()) -> list[AttendanceEntry]:
    ids = dict((name, number) for number, name in MEMBERS)
    return [AttendanceEntry(ids[n], n, has_vote=n not in no_vote) for n in names]


@pytest.fixture
def editor(gui_app: object, qtbot: QtBot) -> AttendanceEditor:
    shown = AttendanceEditor(members=MEMBERS)
    qtbot.addWidget(shown)
    shown.resize(900, 500)
    shown.set_entries(expected("张明", "李华", "王芳", "赵强"))
    shown.show()
    return shown


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_everyone_starts_present_and_one_click_marks_leave(
    editor: AttendanceEditor, qtbot: QtBot
) -> None:
    assert counts_text(editor) == "应到 4 人 ｜ 实到 4 人 ｜ 请假 0 人 ｜ 缺席 0 人"
    assert presence_button(editor, "李华", Presence.PRESENT).isChecked()
    with qtbot.waitSignal(editor.changed):
        click(qtbot, presence_button(editor, "李华", Presence.ON_LEAVE))
    assert counts_text(editor) == "应到 4 人 ｜ 实到 3 人 ｜ 请假 1 人 ｜ 缺席 0 人"
    assert not presence_button(editor, "李华", Presence.PRESENT).isChecked(), "exclusive"
    click(qtbot, presence_button(editor, "王芳", Presence.ABSENT))
    assert counts_text(editor) == "应到 4 人 ｜ 实到 2 人 ｜ 请假 1 人 ｜ 缺席 1 人"
    click(qtbot, presence_button(editor, "王芳", Presence.PRESENT))
    assert counts_text(editor) == "应到 4 人 ｜ 实到 3 人 ｜ 请假 1 人 ｜ 缺席 0 人"
    marks = {e.name: e.presence for e in editor.entries()}
    assert marks == {
        "张明": Presence.PRESENT,
        "李华": Presence.ON_LEAVE,
        "王芳": Presence.PRESENT,
        "赵强": Presence.PRESENT,
    }


def test_the_reason_box_is_enabled_only_for_leave_or_absence(
    editor: AttendanceEditor, qtbot: QtBot
) -> None:
    reason = reason_edit(editor, "赵强")
    assert not reason.isEnabled()
    click(qtbot, presence_button(editor, "赵强", Presence.ABSENT))
    assert reason.isEnabled()
    assert reason.placeholderText(), "says what to write"
    reason.setText("外出培训")
    assert editor.entries()[3].reason == "外出培训"
    click(qtbot, presence_button(editor, "赵强", Presence.PRESENT))
    assert not reason.isEnabled()
    assert reason.text() == "", "a present person has no reason"
    assert editor.entries()[3].reason == ""


def test_a_missing_reason_is_shown_beside_the_row(editor: AttendanceEditor, qtbot: QtBot) -> None:
    click(qtbot, presence_button(editor, "李华", Presence.ON_LEAVE))
    assert editor.validate() == ["李华：请填写请假原因"]
    assert row_error(editor, "李华") == "请填写请假原因"
    assert row_error(editor, "张明") == ""
    reason_edit(editor, "李华").setText("病假")
    assert row_error(editor, "李华") == "", "cleared as soon as it is typed"
    assert editor.validate() == []


def test_observers_are_added_by_name_and_never_count_as_expected(
    editor: AttendanceEditor, qtbot: QtBot
) -> None:
    editor.observer_combo.setEditText("县教育局王科长")
    click(qtbot, editor.add_observer_button)
    editor.observer_combo.setCurrentIndex(editor.observer_combo.findText("孙丽"))
    click(qtbot, editor.add_observer_button)
    assert names(editor, AttendanceRole.OBSERVER) == ["县教育局王科长", "孙丽"]
    assert counts_text(editor).startswith("应到 4 人 ｜ 实到 4 人")
    assert counts_text(editor).endswith("列席 2 人")
    assert editor.headcount().expected == 4
    observers = [e for e in editor.entries() if e.role is AttendanceRole.OBSERVER]
    assert [(o.member_id, o.name, o.has_vote) for o in observers] == [
        (None, "县教育局王科长", False),
        (9, "孙丽", False),
    ]
    editor.observer_combo.setEditText("张明")
    click(qtbot, editor.add_observer_button)
    assert "张明已在应到名单中" in editor.observer_error.text()
    assert names(editor, AttendanceRole.OBSERVER) == ["县教育局王科长", "孙丽"]
    click(qtbot, remove_button(editor, "县教育局王科长"))
    assert names(editor, AttendanceRole.OBSERVER) == ["孙丽"]
    assert counts_text(editor).endswith("列席 1 人")


def test_entries_come_back_in_the_order_given(gui_app: object, qtbot: QtBot) -> None:
    entries = [
        AttendanceEntry(None, "外来人员", AttendanceRole.OBSERVER, has_vote=False),
        AttendanceEntry(1, "张明", presence=Presence.ABSENT, reason="病假"),
        AttendanceEntry(2, "李华"),
    ]
    editor = AttendanceEditor(members=MEMBERS)
    qtbot.addWidget(editor)
    editor.set_entries(entries)
    assert editor.entries() == entries
    assert names(editor) == ["张明", "李华"]


def test_the_quorum_line_warns_when_a_committee_is_short(
    editor: AttendanceEditor, qtbot: QtBot
) -> None:
    assert quorum_text(editor) == "", "no kind, no quorum line"
    editor.set_kind(MeetingKind.COMMITTEE)
    assert quorum_text(editor) == "应到支部委员4名，实到4名，超过半数，可以表决。"
    click(qtbot, presence_button(editor, "张明", Presence.ON_LEAVE))
    click(qtbot, presence_button(editor, "李华", Presence.ABSENT))
    quorum = editor.quorum()
    assert quorum is not None and not quorum.reached
    assert "未超过半数（至少需3名）" in quorum_text(editor)
    assert editor.quorum_label.text().startswith("！"), "a sign, not only a colour"
    editor.set_kind(MeetingKind.GROUP)
    assert quorum_text(editor) == "", "group meetings do not vote"


def test_probationary_members_are_marked_at_a_general_assembly(
    gui_app: object, qtbot: QtBot
) -> None:
    editor = AttendanceEditor(members=MEMBERS)
    qtbot.addWidget(editor)
    editor.set_kind(MeetingKind.GENERAL_ASSEMBLY)
    editor.set_entries(expected("张明", "李华", "王芳", no_vote=("王芳",)))
    (name,) = [label.text() for label in editor.findChildren(QLabel) if "王芳" in label.text()]
    assert "预备党员，无表决权" in name
    assert quorum_text(editor) == "应到有表决权的党员2名，实到2名，超过半数，可以表决。"


def test_read_only_shows_the_marks_without_changing_them(
    editor: AttendanceEditor, qtbot: QtBot
) -> None:
    click(qtbot, presence_button(editor, "李华", Presence.ON_LEAVE))
    reason_edit(editor, "李华").setText("病假")
    editor.set_read_only(True)
    assert not presence_button(editor, "李华", Presence.PRESENT).isEnabled()
    assert presence_button(editor, "李华", Presence.ON_LEAVE).isChecked()
    assert reason_edit(editor, "李华").isReadOnly()
    assert editor.add_observer_button.isHidden()


def test_merging_a_fresh_expected_list_keeps_the_marks_of_those_still_expected() -> None:
    current = [
        AttendanceEntry(1, "张明", presence=Presence.ON_LEAVE, reason="病假"),
        AttendanceEntry(2, "李华", presence=Presence.ABSENT, reason="事假"),
        AttendanceEntry(None, "来宾", AttendanceRole.OBSERVER, has_vote=False),
        AttendanceEntry(3, "王芳", AttendanceRole.OBSERVER, has_vote=False),
    ]
    fresh = [AttendanceEntry(1, "张明"), AttendanceEntry(3, "王芳"), AttendanceEntry(4, "赵强")]
    merged = merge_attendance(current, fresh)
    assert [(e.name, e.role, e.presence, e.reason) for e in merged] == [
        ("张明", AttendanceRole.EXPECTED, Presence.ON_LEAVE, "病假"),
        ("王芳", AttendanceRole.EXPECTED, Presence.PRESENT, ""),  # now expected, not observer
        ("赵强", AttendanceRole.EXPECTED, Presence.PRESENT, ""),
        ("来宾", AttendanceRole.OBSERVER, Presence.PRESENT, ""),
    ]
