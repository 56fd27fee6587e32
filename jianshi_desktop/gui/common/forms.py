"""Loading the Qt Designer forms in ``ui/``: one helper, one way.

A widget holds its form: ``self.ui = load_form("first_start_branch", self)`` loads
``ui/first_start_branch.ui`` into ``self`` (filling its layout), and
``child(self.ui, QLineEdit, "nameEdit")`` finds a named widget with its type checked, so
that a renamed widget in Designer fails loudly at once instead of later.

Nothing typed is lost quietly: a :class:`GuardedDialog` remembers what its fields held
when it opened and, on 取消, Esc or the window's close button, asks
“放弃已填写的内容？” when they hold something else now (typing and deleting it again
counts as unchanged). Every form loaded here shows its length limits while typing
(:mod:`jianshi_desktop.gui.common.limits`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QShowEvent
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import limits, messages
from jianshi_desktop.paths import ui_dir

T = TypeVar("T", bound=QObject)


class FormMissingError(UserError):
    """A Designer form is missing or unreadable: the installation is incomplete."""


def form_path(name: str) -> Path:
    return ui_dir() / f"{name}.ui"


@cache
def _loader() -> QUiLoader:
    """One loader for every form, made without Designer's plugins.

    A new ``QUiLoader`` loads every plugin in the ``designer`` folders of Qt's library
    paths at once — in PySide6 that is Qt Quick, Qt Designer and the Python plugin, some
    15 MB and tens of milliseconds at start-up for widgets our forms never use (they hold
    standard widgets only). So the loader is made while the library paths are empty."""
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])
    try:
        return QUiLoader()
    finally:
        QCoreApplication.setLibraryPaths(paths)


def load_form(name: str, parent: QWidget) -> QWidget:
    """Load ``ui/<name>.ui`` as a child of ``parent`` and put it into ``parent``'s layout."""
    path = form_path(name)
    if not path.is_file():
        raise FormMissingError(
            f"程序文件不完整：找不到界面文件“{path}”。",
            hint="请重新安装或重新解压本程序。",
        )
    loader = _loader()
    form = loader.load(str(path), parent)
    if form is None:
        raise FormMissingError(
            f"程序文件已损坏：界面文件“{path}”无法读取（{loader.errorString()}）。",
            hint="请重新安装或重新解压本程序。",
        )
    layout = parent.layout()
    if layout is None:
        layout = QVBoxLayout(parent)
        layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(form)
    limits.show_limits(form)
    limits.watch_application()  # and the fields built in code, when they take the focus
    return form


def child(form: QObject, kind: type[T], name: str) -> T:
    """The widget called ``name`` in ``form``; a missing or mistyped one is a bug."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"Form {form.objectName()!r} has no {kind.__name__} named {name!r}")
    return found


# --- nothing typed is lost quietly ---------------------------------------------------------


def input_snapshot(root: QWidget) -> list[object]:
    """What the input fields under ``root`` hold, in a fixed order: text of line edits and
    text boxes, the choice of combo boxes, the value of spin and date boxes, ticks, and
    the lines of lists (a list of items may be edited in place)."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            values.append(widget.text())
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            values.append((widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QAbstractSpinBox):
            values.append(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            values.append([widget.item(row).text() for row in range(widget.count())])
    return values


class OpenedInputs:
    """What the fields of a window held when it first showed, to tell later whether
    anything was typed since: the forms, the first-start wizard and the record windows."""

    def __init__(self, root: QWidget) -> None:
        self.root = root
        self.values: list[object] | None = None

    def shown(self) -> None:
        """The window shows: its fields as they are now count as untouched (first time only)."""
        if self.values is None:
            self.values = input_snapshot(self.root)

    def typed(self) -> bool:
        """True when a field holds something else than when the window first showed."""
        return self.values is not None and input_snapshot(self.root) != self.values

    def forget(self) -> None:
        self.values = None


class GuardedDialog(QDialog):
    """A dialog that asks before throwing away what was typed into it.

    What its fields hold is remembered when it first shows (after it was filled: an
    edited member's details are not "typed"); 取消, Esc and the window's close button all
    end in :meth:`reject`, which asks “放弃已填写的内容？” (放弃 / 继续填写, 继续填写 the
    default) when the fields hold something else now. An untouched dialog closes at once.
    :meth:`discard` closes without asking (the main window does, after asking once for
    everything open)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opened_inputs = OpenedInputs(self)

    def showEvent(self, event: QShowEvent) -> None:
        self.opened_inputs.shown()
        super().showEvent(event)

    def has_typed_input(self) -> bool:
        """True when a field holds something else than when the dialog opened."""
        return self.opened_inputs.typed()

    def reject(self) -> None:
        if self.has_typed_input() and not messages.ask_discard(self, title=self.windowTitle()):
            return
        super().reject()

    def discard(self) -> None:
        """Close, dropping what was typed, without asking."""
        self.opened_inputs.forget()
        super().reject()
