"""A combo box of people that is searched by typing: characters (``三丰``), pinyin initials
(``zsf`` finds 张三丰) or the start of the pinyin (``zhangs``).

:func:`make_name_search` turns an existing :class:`QComboBox` (one from a ``.ui`` file, say)
into such a combo, once; its items stay the combo's own, so ``findData``, ``itemData`` and
``currentIndex`` keep their meaning. Typing shows a list of the people who match under the
field; a click or Enter picks one (Enter the first shown). Clicking into the field shows the
whole list. With ``strict`` (a fixed list: chair, recorder) the field never keeps text that
is not one of the items: on leaving it, a single match is picked, anything else goes back to
the current pick. Without it (a member or any name typed) a typed name is kept, and only
initials that match exactly one person are replaced by that person.

Nothing here loads pypinyin; the first search does (through
:func:`jianshi_desktop.services.members.name_match_rank`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractProxyModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit

from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.gui.common.widgets import alive
from jianshi_desktop.services.members import name_match_rank

AnyIndex = QModelIndex | QPersistentModelIndex

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class NameFilter(QSortFilterProxyModel):
    """The combo's items whose text matches what was typed (all of them for nothing): those
    it finds from their start first (``l``: 李…, 刘… before 曾丽佳), each part in the combo's
    order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._needle = ""

    @property
    def needle(self) -> str:
        return self._needle

    def set_needle(self, text: str) -> None:
        text = squeeze(text)
        if text == self._needle:
            return
        # Qt 6.10 replaced invalidateFilter() by begin/endFilterChange()
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self._needle = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt before 6.10
            self._needle = text
            self.invalidateFilter()
        self.sort(0 if text else -1)  # -1: the combo's own order

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        text = model.index(source_row, 0, source_parent).data(Qt.ItemDataRole.DisplayRole)
        return name_match_rank(str(text or ""), self._needle) is not None

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        def rank(index: AnyIndex) -> tuple[int, int]:
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            return name_match_rank(text, self._needle) or 0, index.row()

        return rank(left) < rank(right)

    def source_rows(self) -> list[int]:
        """The combo rows shown, in order."""
        return [self.mapToSource(self.index(row, 0)).row() for row in range(self.rowCount())]


class NameSearch(QObject):
    """What :func:`make_name_search` installs on a combo (a child of it)."""

    def __init__(self, combo: QComboBox, *, strict: bool) -> None:
        super().__init__(combo)
        self.setObjectName("nameSearch")
        self.combo = combo
        self.strict = strict
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.filter = NameFilter(self)
        self.filter.setSourceModel(combo.model())
        self.completer = QCompleter(self.filter, combo)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        combo.setCompleter(self.completer)
        popup = self.completer.popup()
        if popup is None:  # pragma: no cover - QCompleter makes one
            raise LookupError("the completer has no list")
        self.popup: QAbstractItemView = popup
        self.popup.setAccessibleName("符合的人员")
        self.line = self._line()
        self.line.textEdited.connect(self._edited)
        self.line.editingFinished.connect(self.settle)
        self.line.installEventFilter(self)
        self.popup.installEventFilter(self)  # after QCompleter's own: sees keys first

    def _line(self) -> QLineEdit:
        line = self.combo.lineEdit()
        if line is None:  # pragma: no cover - set editable just above
            raise LookupError("the combo is not editable")
        return line

    # --- typing -----------------------------------------------------------------------------

    def _edited(self, text: str) -> None:
        if not alive(self.combo, self.popup, self.completer):
            return
        self.filter.set_needle(text)
        if self.filter.rowCount() and squeeze(text):
            self.completer.setCompletionPrefix(text)
            self.completer.complete()
        else:
            self.popup.hide()

    def show_all(self, pick: int = -1) -> None:
        """The whole list under the field (a click into it), the row ``pick`` marked (or
        none: Enter must not pick whoever is listed first)."""
        self.filter.set_needle("")
        self.completer.setCompletionPrefix("")
        self.completer.complete()
        completion = self.completer.completionModel()
        selection = self.popup.selectionModel()
        if not isinstance(completion, QAbstractProxyModel) or selection is None:
            return
        marked = QModelIndex()
        if pick >= 0:
            row = self.filter.mapFromSource(self.combo.model().index(pick, 0))
            marked = completion.mapFromSource(row)
        selection.setCurrentIndex(marked, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        if pick >= 0:
            self.line.selectAll()  # marking it wrote the name again

    def matches(self, text: str) -> list[int]:
        """Combo rows matching ``text``, in the combo's order."""
        self.filter.set_needle(text)
        return self.filter.source_rows()

    def _pick_on_enter(self) -> None:
        """Enter with search text: the first person shown (strict) or the only one."""
        current = self.popup.currentIndex()
        completion = self.completer.completionModel()
        if self.popup.isVisible() and current.isValid():
            # one marked in the list: picked now, before the field's own Enter reads it
            if isinstance(completion, QAbstractProxyModel):
                self.popup.hide()
                self._choose(self.filter.mapToSource(completion.mapToSource(current)).row())
            return
        text = squeeze(self.line.text())
        if not text or self.combo.findText(text) >= 0:
            return
        rows = self.matches(text)
        if rows and (self.strict or (len(rows) == 1 and text.isascii())):
            self.popup.hide()
            self._choose(rows[0])

    def settle(self) -> None:
        """Leaving the field: text that is not an item becomes one, or goes (strict)."""
        if not alive(self.combo, self.line, self.popup, self.completer):
            return  # the window is being closed
        self.popup.hide()
        text = squeeze(self.line.text())
        index = self.combo.currentIndex()
        if index >= 0 and text == self.combo.itemText(index):
            return
        if not text:
            if self.strict:
                self.combo.setCurrentIndex(-1)
            return
        exact = self.combo.findText(text)
        if exact >= 0:
            if self.strict:
                self._choose(exact)
            return
        rows = self.matches(text)
        if len(rows) == 1 and (self.strict or text.isascii()):
            self._choose(rows[0])
        elif self.strict:
            self.line.setText(self.combo.itemText(index) if index >= 0 else "")

    def _choose(self, row: int) -> None:
        self.combo.setCurrentIndex(row)
        self.line.setText(self.combo.itemText(row))  # also when the row was already current

    # --- events -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not alive(self.combo, self.line, self.popup, self.completer):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in ENTER_KEYS:
                self._pick_on_enter()
        elif (
            watched is self.line
            and kind == QEvent.Type.MouseButtonRelease
            and self.combo.count()
            and not self.popup.isVisible()
        ):
            self._clicked()
        return False

    def _clicked(self) -> None:
        """A click into the field: everyone (the pick selected, so that typing replaces
        it), or, in the middle of a search, those who match it."""
        text = squeeze(self.line.text())
        pick = self.combo.currentIndex()
        if pick < 0 or self.combo.itemText(pick) != text:
            pick = self.combo.findText(text) if text else -1  # a name typed or set
        if not text or pick >= 0:
            self.line.selectAll()
            self.show_all(pick)
        elif self.matches(text):
            self.completer.setCompletionPrefix(text)
            self.completer.complete()


def make_name_search(combo: QComboBox, *, strict: bool) -> NameSearch:
    """Make ``combo`` searchable by name and pinyin (once; later calls return the same)."""
    found = combo.findChild(NameSearch, "nameSearch", Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(found, NameSearch):
        found.strict = strict
        return found
    return NameSearch(combo, strict=strict)


def name_search_of(combo: QComboBox) -> NameSearch | None:
    found = combo.findChild(NameSearch, "nameSearch", Qt.FindChildOption.FindDirectChildrenOnly)
    return found if isinstance(found, NameSearch) else None
