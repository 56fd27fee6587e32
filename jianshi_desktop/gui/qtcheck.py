"""Qt-side checks for ``selftest`` and the start-up: a font that shows Chinese, Qt's
Chinese translation, Qt's platform plugin, the main window.

Runs with whatever QApplication exists, or makes one as the window does
(:func:`jianshi_desktop.gui.app.create_application`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from jianshi_desktop import install_check


@dataclass(frozen=True)
class QtFacts:
    qt_version: str
    chinese_fonts: list[str]
    default_font: str
    translation_loaded: bool
    translations_dir: str
    bundled_font: str | None = None  # the bundled family standing in for a missing one


def _ensure_app() -> object:
    from PySide6.QtWidgets import QApplication

    from jianshi_desktop.gui.app import create_application

    app = QApplication.instance()
    return app if app is not None else create_application()


def plugins_dir() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))


def platform_plugin_problem(environ: dict[str, str] | None = None) -> str | None:
    """None when Qt's platform plugin for this system (or ``QT_QPA_PLATFORM``) is there;
    else a Chinese message. Checked before a QApplication exists: without the plugin Qt
    aborts the whole process with an English message."""
    env = os.environ if environ is None else environ
    extra = (
        [Path(env["QT_QPA_PLATFORM_PLUGIN_PATH"])] if env.get("QT_QPA_PLATFORM_PLUGIN_PATH") else []
    )
    extra += [
        Path(folder) / "platforms"
        for folder in env.get("QT_PLUGIN_PATH", "").split(os.pathsep)
        if folder
    ]
    return install_check.platform_plugin_problem(
        plugins_dir(), install_check.wanted_platforms(dict(env)), extra_dirs=extra
    )


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
    from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

    from jianshi_desktop.gui.app import bundled_font_family

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    font: QFont = QGuiApplication.font()
    translator, folder = load_qt_translation()
    return QtFacts(
        qt_version=qVersion(),
        chinese_fonts=sorted(set(families)),
        default_font=QFontInfo(font).family(),
        translation_loaded=translator is not None,
        translations_dir=folder,
        bundled_font=bundled_font_family(),
    )


def build_main_window(data_root: Path, state_dir: Path) -> str:
    """Open the data folder at ``data_root`` (which must hold a branch), build the main
    window and every one of its pages, show it, let it paint, and close it; its title.

    The window's size is saved into ``state_dir``, not into the data folder. Nothing else
    is written: no automatic backup runs."""
    from PySide6.QtWidgets import QApplication

    from jianshi_desktop.gui.common.workers import finish_running
    from jianshi_desktop.gui.main_window import AREAS, MainWindow
    from jianshi_desktop.gui.window_state import window_settings
    from jianshi_desktop.services.store import open_store

    _ensure_app()
    store = open_store(data_root, log_to_file=False)
    try:
        window = MainWindow(store)
        try:
            window.show()
            QApplication.processEvents()
            for area in AREAS:  # every page is built (pages are built on first use)
                window.page(area.key)
                window.show_area(area.key)
                QApplication.processEvents()
            title = window.windowTitle()
        finally:
            window.settings = window_settings(state_dir)
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    finally:
        finish_running()  # a page's background read must not outlive the database
        store.close()
    return title


def build_county_window(data_root: Path, state_dir: Path) -> str:
    """:func:`build_main_window` for a 县局汇总 folder: its own window, every area shown."""
    from PySide6.QtWidgets import QApplication

    from jianshi_desktop.gui.common.workers import finish_running
    from jianshi_desktop.gui.county.window import AREAS, CountyWindow
    from jianshi_desktop.gui.window_state import window_settings
    from jianshi_desktop.services.store import open_store

    _ensure_app()
    store = open_store(data_root, log_to_file=False)
    try:
        window = CountyWindow(store)
        try:
            window.show()
            for area in AREAS:
                window.show_area(area.key)
                QApplication.processEvents()
            title = window.windowTitle()
        finally:
            window.settings = window_settings(state_dir)
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    finally:
        finish_running()
        store.close()
    return title
