"""Windows that stay in front of the main window without blocking its close button.

A record window or a form opened with ``QDialog.open()`` is window-modal: Qt then drops
every close request of the main window before any code of ours sees it, so clicking ✕
with a wizard open did nothing at all. :func:`open_in_front` opens the window non-modal
and keeps the modal feel by hand: while it is open, clicks, keys and the wheel aimed at
the windows behind it are swallowed and bring it forward, but the close request reaches
:meth:`MainWindow.closeEvent`, which asks what to do with what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from jianshi_desktop.gui.common.widgets import alive

# What a modal window takes away from the windows behind it; the close request stays.
BLOCKED_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.ContextMenu,
        QEvent.Type.DragEnter,
        QEvent.Type.Drop,
    }
)
BRING_FORWARD = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick})


class _FrontGuard(QObject):
    """Swallows input aimed at ``behind`` while ``dialog`` is shown. It is not the dialog's
    child and reads the dialog only on a click behind it: events keep arriving while a
    dialog is being deleted."""

    def __init__(self, dialog: QDialog, behind: list[QWidget]) -> None:
        super().__init__()
        self.dialog = dialog
        self.behind = behind
        self.active = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self.active:
            return False
        if watched is self.dialog and kind == QEvent.Type.Hide:
            # hidden without finishing: nothing in front any more. (Not on Close: a form
            # asked 放弃已填写的内容？ may stay open, and must keep the window behind locked.)
            self.release()
            return False
        if kind not in BLOCKED_EVENTS or not isinstance(watched, QWidget):
            return False
        if watched.window() not in self.behind:
            return False
        if not alive(self.dialog) or not self.dialog.isVisible():
            # gone without a word (deleted with its page): never lock the window for good
            self.release()
            return False
        if kind in BRING_FORWARD:
            self.dialog.raise_()
            self.dialog.activateWindow()
        return True

    def release(self) -> None:
        if not self.active:
            return
        self.active = False
        _guards.discard(self)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.deleteLater()


_guards: set[_FrontGuard] = set()  # alive while their dialog is open


def windows_behind(dialog: QWidget) -> list[QWidget]:
    """The windows ``dialog`` stands in front of: its parent's window and theirs, up to
    the main window."""
    found: list[QWidget] = []
    parent = dialog.parentWidget()
    while parent is not None:
        window = parent.window()
        if window not in found:
            found.append(window)
        parent = window.parentWidget()
    return found


def open_in_front(dialog: QDialog) -> None:
    """Show ``dialog`` in front of the windows it belongs to, which take no input until it
    closes but can still be closed (the main window then asks about ``dialog``)."""
    app = QApplication.instance()
    behind = windows_behind(dialog)
    if app is None or not behind:
        dialog.open()
        return
    guard = _FrontGuard(dialog, behind)
    _guards.add(guard)
    app.installEventFilter(guard)
    dialog.finished.connect(guard.release)
    dialog.setWindowModality(Qt.WindowModality.NonModal)
    dialog.show()
