"""A row of buttons or filters that wraps onto a second line when the window is narrow
(1024×768, 150 % scaling, the 特大 text size) instead of widening the page past the screen.

:func:`wrap_row` turns a horizontal row loaded from a Designer form into such a row in
place; the widgets keep their names, order and connections.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    """Items left to right, a new line when the next one does not fit; hidden items take
    no room."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    # --- QLayout --------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        """Neither: the row takes the height of its lines, the table below takes the rest."""
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """How tall the row is at ``width``: its lines, one below the other."""
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line (what the row asks for when there is room)."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in shown)
        width += self._spacing * max(len(shown) - 1, 0) + margins.left() + margins.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSize(self) -> QSize:
        """The widest single item: the row never forces the page wider than that."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # --- placing --------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty() and item.widget() is not None]

    def _place(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._shown():
            hint = item.sizeHint().boundedTo(item.maximumSize()).expandedTo(item.minimumSize())
            width = min(hint.width(), max(area.width(), 1))
            if lines[-1] and x + width > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, QSize(width, hint.height())))
            x += width + self._spacing
        y = area.top()
        for line in lines:
            if not line:
                continue
            height = max(size.height() for _item, size in line)
            left = area.left()
            for item, size in line:
                if move:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(left, top), size))
                left += size.width() + self._spacing
            y += height + self._spacing
        used = y - self._spacing - area.top() if any(lines) else 0
        return max(used, 0) + margins.top() + margins.bottom()


def wrap_row(row: QBoxLayout, host: QWidget) -> FlowLayout:
    """Replace the horizontal ``row`` (inside ``host``'s layouts) by a :class:`FlowLayout`
    holding the same widgets in the same order; spacers are dropped. The row's place in
    its parent layout is kept."""
    parent = _parent_layout(host.layout(), row)
    if parent is None:
        raise LookupError(f"{row.objectName()} is not inside {host.objectName()}'s layout")
    name = row.objectName()
    flow = FlowLayout(spacing=max(row.spacing(), 6))
    flow.setObjectName(name)
    while row.count():
        item = row.takeAt(0)
        if item is None:
            break
        widget = item.widget()
        if widget is not None:
            flow.addWidget(widget)
    index = parent.indexOf(row)
    parent.removeItem(row)  # the empty row goes with it (Python held the last reference)
    holder = QWidget(host)
    holder.setObjectName(f"{name}Holder")
    holder.setLayout(flow)
    # as tall as its lines at the width it gets (Preferred: a Fixed or Maximum height
    # would hold it to one line); expandingDirections keeps it from growing taller
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    holder.setSizePolicy(policy)
    parent.insertWidget(index, holder)
    return flow


def _parent_layout(layout: QLayout | None, target: QLayout) -> QBoxLayout | None:
    """The box layout that directly holds ``target``, searched from ``layout`` down
    (through the layouts of child widgets too)."""
    if layout is None:
        return None
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        inner = item.layout()
        if inner is target:
            return layout if isinstance(layout, QBoxLayout) else None
        found = _parent_layout(inner, target) if inner is not None else None
        widget = item.widget()
        if found is None and widget is not None:
            found = _parent_layout(widget.layout(), target)
        if found is not None:
            return found
    return None
