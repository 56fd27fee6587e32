"""Choosing in a record's wizard: members of the record's own day from a fixed list (chair,
recorder, 主持人, talker), or a member or any name typed (speakers, lecturers, talkees,
people from outside the branch); and the place, one used before or typed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit

from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.services.meetings import known_places
from jianshi_desktop.services.members import list_members


def people_names() -> dict[int, str]:
    """Every member's name by id, those who left included (old records name them)."""
    return {row.id: row.name for row in list_members(include_left=True)}


def person_text(member_id: int | None, name: str, names: dict[int, str]) -> str:
    if squeeze(name):
        return squeeze(name)
    if member_id is not None:
        return names.get(member_id, "")
    return ""


# --- combo boxes of people ---------------------------------------------------------------


def fill_member_combo(
    combo: QComboBox,
    choices: Sequence[tuple[int, str]],
    names: dict[int, str],
    selected: int | None,
    placeholder: str = "请选择",
) -> None:
    """A fixed list of members; one who left but is on an old record is added, marked."""
    combo.blockSignals(True)
    combo.clear()
    for member_id, name in choices:
        combo.addItem(name, member_id)
    if selected is not None and combo.findData(selected) < 0:
        combo.addItem(f"{names.get(selected, '（已删除）')}（已不在册）", selected)
    combo.setPlaceholderText(placeholder)
    combo.setCurrentIndex(combo.findData(selected) if selected is not None else -1)
    combo.blockSignals(False)


def combo_member(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return int(value) if value is not None and combo.currentIndex() >= 0 else None


def fill_person_combo(
    combo: QComboBox,
    choices: Sequence[tuple[int, str]],
    member_id: int | None,
    name: str,
    names: dict[int, str],
) -> None:
    """An editable combo: a member picked from the list, or any name typed."""
    combo.blockSignals(True)
    combo.clear()
    for choice_id, choice_name in choices:
        combo.addItem(choice_name, choice_id)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
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
