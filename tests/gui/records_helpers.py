"""What a secretary sees in the record widgets — the attendance list, the list of records, a
wizard's steps — found as a test needs it: by the widgets' object names and accessible
names (what a screen reader reads), not by methods the app itself never calls."""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
    QWizard,
    QWizardPage,
)

from jianshi_desktop.domain.enums import AttendanceRole, Presence
from jianshi_desktop.gui.common.widgets import ERROR_MARK, shown_problem
from jianshi_desktop.gui.records.attendance import PRESENCE_BUTTONS, AttendanceEditor
from jianshi_desktop.gui.records.list_page import ROW_ROLE, RecordListPage
from jianshi_desktop.gui.records.steps import ReviewPage, StepPage

W = TypeVar("W", bound=QWidget)
P = TypeVar("P", bound=QWizardPage)


def named(parent: QWidget, kind: type[W], accessible_name: str) -> W:
    """The one ``kind`` below ``parent`` whose accessible name is ``accessible_name``."""
    found = [w for w in parent.findChildren(kind) if w.accessibleName() == accessible_name]
    if len(found) != 1:
        raise LookupError(f"{len(found)} {kind.__name__} named {accessible_name!r}")
    return found[0]


def child_named(parent: QWidget, kind: type[W], object_name: str) -> W:
    found = parent.findChild(kind, object_name)
    if found is None:
        raise LookupError(object_name)
    return found


# --- the attendance list ------------------------------------------------------------------


def presence_button(editor: AttendanceEditor, who: str, presence: Presence) -> QToolButton:
    """The 到会 / 请假 / 缺席 button of ``who``."""
    return named(editor, QToolButton, f"{who}{dict(PRESENCE_BUTTONS)[presence]}")


def reason_edit(editor: AttendanceEditor, who: str) -> QLineEdit:
    return named(editor, QLineEdit, f"{who}请假或缺席的原因")


def row_error(editor: AttendanceEditor, who: str) -> str:
    """What is said beside ``who``'s reason box, without its mark ("" when nothing)."""
    label = child_named(editor, QLabel, f"reasonError:{who}")
    return "" if label.isHidden() else label.text().removeprefix(ERROR_MARK)


def remove_button(editor: AttendanceEditor, who: str) -> QPushButton:
    return named(editor, QPushButton, f"移除列席人员{who}")


def names(editor: AttendanceEditor, role: AttendanceRole = AttendanceRole.EXPECTED) -> list[str]:
    """The people listed as expected (or, with ``role``, as observers), in order."""
    return [entry.name for entry in editor.entries() if entry.role is role]


def counts_text(editor: AttendanceEditor) -> str:
    return child_named(editor, QLabel, "attendanceCounts").text()


def quorum_text(editor: AttendanceEditor) -> str:
    """The quorum line as shown (without its mark), "" when hidden."""
    label = child_named(editor, QLabel, "quorumLabel")
    return "" if label.isHidden() else label.text()[2:]


def is_read_only(editor: AttendanceEditor) -> bool:
    """Nothing to click: every presence button greyed, no box to add observers."""
    buttons = editor.findChildren(QAbstractButton)
    presence = [b for b in buttons if b.objectName().startswith("presence_")]
    observers = child_named(editor, QComboBox, "observerCombo")
    return all(not b.isEnabled() for b in presence) and not observers.isVisibleTo(editor)


# --- the list of records ---------------------------------------------------------------------


def shown_rows(listing: RecordListPage) -> list[Any]:
    """The records as the table shows them, in order."""
    model = listing.table.model()
    return [model.index(row, 0).data(ROW_ROLE) for row in range(model.rowCount())]


def column_of(listing: RecordListPage, title: str) -> int:
    model = listing.table.model()
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) == title:
            return column
    raise LookupError(title)


def shown_text(listing: RecordListPage, row: int, column: int | str) -> str:
    """The text in the table at ``row`` and ``column`` (its number or its title)."""
    number = column_of(listing, column) if isinstance(column, str) else column
    return str(listing.table.model().index(row, number).data() or "")


def choose(listing: RecordListPage, filter_name: str, label: str) -> None:
    """Pick ``label`` in the filter ``filter_name`` ("kind": 类型, "state": 状态, "year")."""
    combo = child_named(listing, QComboBox, f"{filter_name}Combo")
    index = combo.findText(label)
    if index < 0:
        raise LookupError(label)
    combo.setCurrentIndex(index)


def notice_text(listing: RecordListPage) -> str:
    """The line offered above the list after an action, "" when none is shown."""
    frame = child_named(listing, QFrame, "noticeFrame")
    return "" if frame.isHidden() else child_named(frame, QLabel, "noticeLabel").text()


# --- wizards -------------------------------------------------------------------------------------


def step(wizard: QWizard, kind: type[P]) -> P:
    """The wizard's step of type ``kind``."""
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        if isinstance(page, kind):
            return page
    raise LookupError(kind.__name__)


# --- a wizard's steps ------------------------------------------------------------------------


def field_error(page: StepPage, field: str) -> str:
    """What the step shows beside ``field`` now, without its mark ("" when nothing)."""
    return shown_problem(page.errors[field])


def problems_text(review: ReviewPage) -> str:
    """The review's list of what still needs doing (rich text, as shown)."""
    return review.problems_label.text()
