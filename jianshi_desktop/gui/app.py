"""Starting the window: the Qt application, Chinese for Qt's own buttons, the data folder,
the first-start wizard, the main window.

A data folder that cannot be used (not writable, not a database, from a newer version)
gets one clear Chinese message and exit code 1; nothing is overwritten.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QTableView, QWidget

from jianshi_desktop import APP_ID, APP_NAME, __version__, crash
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.icons import app_icon
from jianshi_desktop.gui.gc_guard import GuiThreadCollector
from jianshi_desktop.gui.preload import preload_in_background
from jianshi_desktop.gui.refcount_guard import guard_singletons
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services.branch import has_branch
from jianshi_desktop.services.store import Store, open_store

if TYPE_CHECKING:
    from jianshi_desktop.gui.county.window import CountyWindow

log = logging.getLogger(__name__)

ORGANIZATION_NAME = "Jianshi"  # only names Qt's internal folders; we keep nothing there
BASE_POINT_SIZE = 10.5  # 小五 is too small for many readers
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimSun",
)

# The bundled font the window falls back to when no installed font shows Chinese (a
# GB2312 subset of 文泉驿正黑, see resources/fonts/README.md).
BUNDLED_UI_FONT = "WenQuanYiZenHei-GB2312.ttf"

# Loaded after Qt's own catalogue, so that its few texts win: what qtbase_zh_CN leaves in
# English in Qt's file dialog ("Look in", "Files of type", "Folder"); see its .ts file.
SUPPLEMENT_TRANSLATION = "jianshi_qt_zh_CN"

_translators: list[QTranslator] = []  # installed translators must stay alive
_bundled_family: str | None = None  # the bundled family, once it had to be loaded
_unscaled_font: QFont | None = None  # the application font at the 标准 text size
_text_scale = 1.0  # the text size now (设置 → 文字大小)


def bundled_font_family() -> str | None:
    """The family of the bundled font when :func:`ensure_chinese_font` loaded it."""
    return _bundled_family


def ensure_chinese_font() -> str | None:
    """Load the bundled Chinese font into Qt when no installed family can show Simplified
    Chinese (a bare Linux), so that no text shows as boxes; its family, else None.

    Cheap when a Chinese font is installed: one look at Qt's font database."""
    global _bundled_family
    if _bundled_family is not None:
        return _bundled_family
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return None
    path = resources_dir() / "fonts" / BUNDLED_UI_FONT
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.error("No installed font shows Chinese and the bundled font %s did not load", path)
        return None
    _bundled_family = families[0]
    log.warning("No installed font shows Chinese; using the bundled %s", _bundled_family)
    return _bundled_family


def base_font(current: QFont, *, scale: float = 1.0) -> QFont:
    """The application font: a Chinese family first (the bundled one when it had to be
    loaded), at least 10.5 pt (times ``scale``)."""
    font = QFont(current)
    bundled = [_bundled_family] if _bundled_family else []
    font.setFamilies([*bundled, *CJK_FAMILIES, current.family()])
    size = current.pointSizeF()
    font.setPointSizeF(max(size if size > 0 else 0.0, BASE_POINT_SIZE) * scale)
    return font


def apply_text_scale(scale: float) -> None:
    """Show all text at ``scale`` × the base size, at once, in every open window.

    The application font changes (and with it every widget that follows it); widgets given
    a font of their own (headings, the navigation, bold labels: sizes taken from the
    application font when built) and the row heights of tables grow by the same ratio."""
    global _text_scale, _unscaled_font
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _unscaled_font is None:
        _unscaled_font = base_font(QApplication.font())
    ratio = scale / _text_scale
    if abs(ratio - 1.0) < 1e-6:
        return
    widgets = QApplication.allWidgets()
    own_fonts = [
        (widget, QFont(widget.font()))
        for widget in widgets
        if widget.testAttribute(Qt.WidgetAttribute.WA_SetFont)
    ]
    rows = [
        (table, table.verticalHeader().defaultSectionSize())
        for table in widgets
        if isinstance(table, QTableView)
    ]
    app.setFont(base_font(_unscaled_font, scale=scale))
    # Qt leaves the font of styled widgets already shown as it was: style them again
    app.setStyleSheet(app.styleSheet())
    for widget, font in own_fonts:
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * ratio)
            widget.setFont(font)
    for table, height in rows:
        table.verticalHeader().setDefaultSectionSize(round(height * ratio))
    _text_scale = scale
    for widget in QApplication.allWidgets():  # what measures text itself measures again
        measure = getattr(widget, "text_size_changed", None)
        if callable(measure):
            measure()
    log.info("Text size now %.2f × the base size", scale)


def translations_dirs() -> list[str]:
    """Where ``qtbase_zh_CN.qm`` may be: shipped in resources/, else Qt's own folder."""
    return [
        str(resources_dir() / "translations"),
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ]


def install_qt_translation(app: QApplication) -> bool:
    """Qt's standard buttons and dialogs in Chinese (确定, 取消, 下一步 …)."""
    if _translators:
        return True
    locale = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    QLocale.setDefault(locale)
    for folder in translations_dirs():
        translator = QTranslator(app)
        if translator.load("qtbase_zh_CN", folder):
            app.installTranslator(translator)
            _translators.append(translator)
            log.info("Qt translation loaded from %s", folder)
            install_supplement(app)
            return True
    log.warning(
        "qtbase_zh_CN.qm not found in %s; Qt's buttons stay in English", translations_dirs()
    )
    install_supplement(app)
    return False


def install_supplement(app: QApplication) -> bool:
    """This program's Chinese for the texts of Qt's file dialog that Qt's catalogue lacks
    (resources/translations/jianshi_qt_zh_CN.qm); installed last, so it is asked first."""
    folder = resources_dir() / "translations"
    translator = QTranslator(app)
    if not translator.load(SUPPLEMENT_TRANSLATION, str(folder)):
        log.warning("%s.qm not found in %s", SUPPLEMENT_TRANSLATION, folder)
        return False
    app.installTranslator(translator)
    _translators.append(translator)
    return True


def load_style_sheet(app: QApplication) -> None:
    path = resources_dir() / "style.qss"
    try:
        app.setStyleSheet(path.read_text(encoding="utf-8"))
    except OSError:
        log.warning("Style sheet %s not found; using Qt's plain look", path)


def create_application() -> QApplication:
    """The one QApplication (reused when it exists, as in tests), set up for Chinese."""
    guard_singletons()  # before Qt can hand Python its first invalid QVariant
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([APP_NAME])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())
    ensure_chinese_font()
    if _unscaled_font is None:
        app.setFont(base_font(QApplication.font()))
    install_qt_translation(app)
    load_style_sheet(app)
    return app


class _CrashBridge(QObject):
    """Carries crash messages from any thread to a message box on the GUI thread."""

    message = Signal(str)


_bridge: _CrashBridge | None = None


def register_crash_messages(app: QApplication) -> None:
    """Uncaught errors show a short Chinese message (unless --no-crash-dialog)."""
    global _bridge
    if not crash.dialogs_enabled():
        return
    if _bridge is None:
        _bridge = _CrashBridge(app)
        _bridge.message.connect(lambda text: messages.critical(None, text, title="程序出错"))
    crash.set_message_sink(_bridge.message.emit)


def open_data(data_root: Path, *, demo: bool) -> Store | None:
    """Open the data folder (filling the demo when asked); None after telling the user why not.

    A damaged database offers 从最近的备份恢复 (naming its date) besides 退出."""
    from jianshi_desktop.services.backups import DamagedDatabaseError

    try:
        store = open_store(data_root)
    except DamagedDatabaseError as exc:
        from jianshi_desktop.gui.settings.backup import offer_restore_at_start

        if not offer_restore_at_start(data_root, exc):
            return None
        try:
            store = open_store(data_root)
        except UserError as again:
            messages.show_error(None, again, title="无法打开数据")
            return None
    except UserError as exc:
        messages.show_error(None, exc, title="无法打开数据")
        return None
    if demo:
        from jianshi_desktop.services.demo import ensure_demo

        try:
            ensure_demo(store)
        except UserError as exc:
            store.close()
            messages.show_error(None, exc, title="无法打开演示数据")
            return None
    return store


READY_MARKER = "JIANSHI-READY"
PRELOAD_AFTER_MS = 200


def quit_when_ready(window: QWidget, after_ms: int) -> None:
    """For checks and the start-up bench: once the event loop runs with the window shown,
    print :data:`READY_MARKER`, then close the window ``after_ms`` later (a normal close)."""

    def ready() -> None:
        print(READY_MARKER, flush=True)
        log.info("Window ready; closing in %d ms (--quit-after)", after_ms)
        QTimer.singleShot(max(after_ms, 0), window.close)

    QTimer.singleShot(0, ready)


def settle_county_folder(store: Store) -> None:
    """``--county``: a new, empty folder becomes the county desk's at once (no question to
    ask); a branch's folder is never made one — the operator is told so, and the branch's
    window opens."""
    from jianshi_desktop.services.county import is_county_folder, make_county_folder

    if not has_branch() and not is_county_folder():
        make_county_folder()
    elif has_branch():
        from jianshi_desktop.gui.common import messages

        messages.warning(
            None,
            f"数据文件夹“{store.data.root}”是支部的数据文件夹，不是县局汇总的，下面按支部打开。",
            hint="县局汇总请只用 --county（不要同时给 --data-dir），"
            "或用 --data-dir 指定一个县局汇总的（或新的空）数据文件夹。",
        )


def run_gui(
    data_root: Path, *, demo: bool, quit_after_ms: int | None = None, county: bool = False
) -> int:
    """Run the window on ``data_root``: 0 when closed normally or first start cancelled.
    ``county`` (``--county``): a new, empty folder becomes the county desk's at once.

    ``quit_after_ms`` (``--quit-after``) closes the window by itself once it has run that
    long, for the start-up checks and the bench."""
    from jianshi_desktop.gui.common.workers import finish_running
    from jianshi_desktop.gui.main_window import MainWindow

    app = create_application()
    register_crash_messages(app)
    from jianshi_desktop.gui.single_instance import start_server  # one window per folder

    start_server(app, data_root)  # a second start asks this one to come forward
    collector = GuiThreadCollector(app)  # Qt objects are collected on this thread only
    try:
        store = open_data(data_root, demo=demo)
        if store is None:
            return 1
        from jianshi_desktop.gui.settings.appearance import apply_stored_text_size

        apply_stored_text_size()  # 设置 → 文字大小, before the first window
        # --- 启动密码: asked now; the idle lock starts when the window shows (gui/lock.py)
        from jianshi_desktop.gui.lock import guard_start

        if not guard_start(app):
            store.close()
            return 0  # 取消: quit, nothing changed
        # --- end of 启动密码
        try:
            from jianshi_desktop.services.county import is_county_folder

            if county:
                settle_county_folder(store)
            if not has_branch() and not is_county_folder():
                from jianshi_desktop.gui.first_start import FirstStartWizard  # first start only

                wizard = FirstStartWizard(data_root=store.data.root)
                if wizard.exec() != QDialog.DialogCode.Accepted:
                    log.info("First start cancelled; nothing saved")
                    return 0
            window: MainWindow | CountyWindow
            if is_county_folder():  # 县局汇总: the county desk's own window
                from jianshi_desktop.gui.county.window import CountyWindow

                window = CountyWindow(store)
            else:
                window = MainWindow(store)
            window.show()
            if quit_after_ms is not None:
                quit_when_ready(window, quit_after_ms)
            window.start_automatic_backup()  # on a worker thread: the window answers
            # the other pages' code, once the first page has painted and while it is read
            QTimer.singleShot(PRELOAD_AFTER_MS, preload_in_background)
            return app.exec()
        finally:
            finish_running()  # no background work still in the database as it closes
            store.close()
    finally:
        collector.stop()
        crash.set_message_sink(None)
