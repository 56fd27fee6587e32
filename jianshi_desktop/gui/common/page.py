"""What every page of the main window has: a key, ``refresh()`` when it is shown, and
``perform()`` for what a reminder on 首页 asks it to open."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """A page in the main window's stack. ``status`` asks the window to say something."""

    status = Signal(str)
    # True for a page that calls refresh() itself when built: the window, which builds a
    # page on its first visit, then does not read the same data twice.
    filled_when_built: ClassVar[bool] = False

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"page_{key}")

    def refresh(self) -> None:
        """Re-read what the page shows (called each time the page is opened)."""

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """Open what ``command`` names (a reminder's action, e.g. ``new_meeting`` with a
        date) once the page is shown; False when there is nothing special to open."""
        return False
