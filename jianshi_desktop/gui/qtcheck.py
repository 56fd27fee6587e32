"""Qt-side checks for ``selftest``: a font that shows Chinese, Qt's Chinese translation.

Runs with whatever QGuiApplication exists, or makes an offscreen one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class QtFacts:
    qt_version: str
    chinese_fonts: list[str]
    default_font: str
    translation_loaded: bool
    translations_dir: str


def _ensure_app() -> object:
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["jianshi-selftest"])
    return app


def load_qt_translation() -> tuple[object | None, str]:
    """Qt's own Chinese strings, looked up where the app looks; (translator, folders)."""
    from PySide6.QtCore import QTranslator

    from jianshi_desktop.gui.app import translations_dirs

    folders = translations_dirs()
    for folder in folders:
        translator = QTranslator()
        if translator.load("qtbase_zh_CN", folder):
            return translator, folder
    return None, "、".join(folders)


def inspect_qt() -> QtFacts:
    _ensure_app()
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    font: QFont = QGuiApplication.font()
    translator, folder = load_qt_translation()
    return QtFacts(
        qt_version=qVersion(),
        chinese_fonts=sorted(set(families)),
        default_font=font.family(),
        translation_loaded=translator is not None,
        translations_dir=folder,
    )
