"""Choosing in a record's wizard: members of the record's own day from a fixed list (chair,
recorder, 主持人, talker), or a member or any name typed (speakers, lecturers, talkees,
people from outside the branch); and the place, one used before or typed.

Every list of people is in pinyin order (:func:`order_choices`), those present at the meeting
first when the caller knows them (``present_first``), and is searched by typing characters or
pinyin initials (:mod:`jianshi_desktop.gui.common.name_search`). pypinyin is loaded when the
first list is filled (a wizard opening), never at start."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit

from jianshi_desktop.domain.enums import Presence
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.name_search import make_name_search, name_search_of
from jianshi_desktop.services.meetings import AttendanceEntry, known_places
from jianshi_desktop.services.members import list_members, name_sort_key


def people_names() -> dict[int, str]:
    """Every member's name by id, those who left included (old records name them)."""
    return {row.id: row.name for row in list_members(include_left=True)}


def person_text(member_id: int | None, name: str, names: dict[int, str]) -> str:
    if squeeze(name):
        return squeeze(name)
    if member_id is not None:
        return names.get(member_id, "")
    return ""


def present_members(entries: Iterable[AttendanceEntry]) -> list[int]:
    """The members marked 到会 in an attendance list (列席 included; typed names have no id)."""
    return [
        entry.member_id
        for entry in entries
        if entry.presence is Presence.PRESENT and entry.member_id is not None
    ]


def order_choices(
    choices: Iterable[tuple[int, str]], present_first: Iterable[int] = ()
) -> list[tuple[int, str]]:
    """Those present first, then the rest; each part in pinyin order of the names."""
    present = set(present_first)
    return sorted(choices, key=lambda choice: (choice[0] not in present, name_sort_key(choice[1])))


# --- combo boxes of people ---------------------------------------------------------------


def fill_member_combo(
    combo: QComboBox,
    choices: Sequence[tuple[int, str]],
    names: dict[int, str],
    selected: int | None,
    placeholder: str = "请选择",
    *,
    present_first: Iterable[int] = (),
) -> None:
    """A fixed list of members (those in ``present_first`` first, then by pinyin), searched
    by typing; one who left but is on an old record is added at the end, marked."""
    combo.blockSignals(True)
    make_name_search(combo, strict=True)
    combo.clear()
    for member_id, name in order_choices(choices, present_first):
        combo.addItem(name, member_id)
    if selected is not None and combo.findData(selected) < 0:
        combo.addItem(f"{names.get(selected, '（已删除）')}（已不在册）", selected)
    combo.setPlaceholderText(placeholder)
    combo_line(combo).setPlaceholderText(placeholder)
    combo.setCurrentIndex(combo.findData(selected) if selected is not None else -1)
    combo.blockSignals(False)


def combo_member(combo: QComboBox) -> int | None:
    value = combo.currentData()
    if value is None or combo.currentIndex() < 0:
        return None
    if name_search_of(combo) is not None and not squeeze(combo.currentText()):
        return None  # the pick was rubbed out and the field not left yet
    return int(value)


def fill_person_combo(
    combo: QComboBox,
    choices: Sequence[tuple[int, str]],
    member_id: int | None,
    name: str,
    names: dict[int, str],
    *,
    present_first: Iterable[int] = (),
) -> None:
    """An editable combo: a member picked from the list (those in ``present_first`` first,
    then by pinyin; searched by typing), or any name typed."""
    combo.blockSignals(True)
    make_name_search(combo, strict=False)
    combo.clear()
    for choice_id, choice_name in order_choices(choices, present_first):
        combo.addItem(choice_name, choice_id)
    combo.setCurrentIndex(-1)
    combo.setEditText(person_text(member_id, name, names))
    combo.blockSignals(False)


def combo_person(
    combo: QComboBox, original: tuple[int | None, str] = (None, "")
) -> tuple[int | None, str]:
    """(member id, name) for what the combo shows: a member's name gives the member (and
    no separate name, unless the original had one); anything else is a typed name."""
    text = squeeze(combo.currentText())
    if not text:
        return None, ""
    index = combo.findText(text)
    if index >= 0:
        member_id = int(combo.itemData(index))
        keep = original[1] if original[0] == member_id else ""
        return member_id, keep
    return None, text


def fill_place_combo(combo: QComboBox) -> None:
    """An editable combo of the places used before; a new one is typed."""
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(known_places())


def combo_line(combo: QComboBox) -> QLineEdit:
    line = combo.lineEdit()
    if line is None:
        raise LookupError(f"{combo.objectName()} is not editable")
    return line
