"""Window size and position, kept in ``window.ini`` inside the data folder.

Never the registry or the user's home: everything the app keeps lives in the one data
folder, so a portable copy on a USB stick remembers its windows too. Each window is keyed
by its class name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

WINDOW_STATE_FILE = "window.ini"


def window_settings(data_root: Path) -> QSettings:
    return QSettings(str(data_root / WINDOW_STATE_FILE), QSettings.Format.IniFormat)


def restore_geometry(widget: QWidget, settings: QSettings) -> bool:
    """Restore ``widget``'s saved geometry; False when none was saved (or it is unusable)."""
    saved = settings.value(f"{type(widget).__name__}/geometry")
    if saved is None:
        return False
    try:
        return bool(widget.restoreGeometry(saved))
    except (TypeError, ValueError):
        return False


def save_geometry(widget: QWidget, settings: QSettings) -> None:
    settings.setValue(f"{type(widget).__name__}/geometry", widget.saveGeometry())
    settings.sync()
