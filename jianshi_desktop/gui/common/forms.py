"""Loading the Qt Designer forms in ``ui/``: one helper, one way.

A widget holds its form: ``self.ui = load_form("first_start_branch", self)`` loads
``ui/first_start_branch.ui`` into ``self`` (filling its layout), and
``child(self.ui, QLineEdit, "nameEdit")`` finds a named widget with its type checked, so
that a renamed widget in Designer fails loudly at once instead of later.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QVBoxLayout, QWidget

from jianshi_desktop.errors import UserError
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
    return form


def child(form: QObject, kind: type[T], name: str) -> T:
    """The widget called ``name`` in ``form``; a missing or mistyped one is a bug."""
    found = form.findChild(kind, name)
    if found is None:
        raise LookupError(f"Form {form.objectName()!r} has no {kind.__name__} named {name!r}")
    return found
