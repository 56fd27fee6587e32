"""Start-up: Qt in Chinese, bad data folders refused with a message, the message helper,
the Designer forms, and whole runs of ``run_gui``."""

from __future__ import annotations

import logging
import re
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from jianshi_desktop import crash
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui import app as app_module
from jianshi_desktop.gui.app import BASE_POINT_SIZE, READY_MARKER
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import FormMissingError, load_form
from jianshi_desktop.gui.first_start import FirstStartWizard
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.paths import DATABASE_FILE, resources_dir, ui_dir

from .conftest import BRANCH_NAME, MessageLog, run_app, when_shown

# --- Qt in Chinese --------------------------------------------------------------------------


def test_qt_standard_buttons_are_chinese(gui_app: object) -> None:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "确定"
    message = QMessageBox()
    message.setStandardButtons(QMessageBox.StandardButton.Cancel)
    assert message.button(QMessageBox.StandardButton.Cancel).text() == "取消"
    wizard = QWizard()
    assert wizard.buttonText(QWizard.WizardButton.NextButton).startswith("下一步")
    assert wizard.buttonText(QWizard.WizardButton.FinishButton).startswith("完成")


ENGLISH_WORD = re.compile(r"[A-Za-z]?[a-z]{2,}")  # "Look", "Folder"; not an acronym like PDF


def file_dialog_texts(dialog: QFileDialog) -> list[str]:
    """What Qt's own file dialog shows in words: labels, buttons and their tooltips, the
    column headers, the folder's Type column and the context menus' actions. (Paths, file
    names, sizes and dates are left out: they are the user's, or written as the system's
    locale writes them.)"""
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible():
            texts += [button.text(), button.toolTip()]
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None and view.isVisible()
    model = view.model()
    texts += [
        str(model.headerData(column, Qt.Orientation.Horizontal))
        for column in range(model.columnCount())
    ]
    root = view.rootIndex()
    texts += [str(model.index(row, 2, root).data()) for row in range(model.rowCount(root))]
    texts += [action.text() for action in dialog.findChildren(QAction)]
    types = dialog.findChild(QComboBox, "fileTypeCombo")
    assert types is not None
    texts += [types.itemText(number) for number in range(types.count())]
    return [text for text in texts if text]


def test_qt_file_dialog_is_chinese(gui_app: object, qtbot: QtBot, tmp_path: Path) -> None:
    """Qt's own file dialog (used where the system has none, as on many Linux desktops):
    Chinese everywhere, "Look in" and "Files of type" included (this program's supplement
    to Qt's catalogue, resources/translations/jianshi_qt_zh_CN.ts)."""
    (tmp_path / "一个文件夹").mkdir()
    (tmp_path / "记录.pdf").write_bytes(b"%PDF-1.4")
    dialog = QFileDialog(None, "导出", str(tmp_path), "所有文件 (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    view = dialog.findChild(QTreeView, "treeView")
    assert view is not None
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 2)

    texts = file_dialog_texts(dialog)

    assert {"查找范围(&L)：", "文件类型(&T)：", "文件名(&N)：", "取消"} <= set(texts)
    assert {"名称", "大小", "类型", "修改日期", "文件夹", "新建文件夹(&N)"} <= set(texts)
    assert [text for text in texts if ENGLISH_WORD.search(text)] == []


def test_the_translation_supplement_is_compiled_from_its_source(tmp_path: Path) -> None:
    """resources/translations/jianshi_qt_zh_CN.qm is what lrelease makes of the .ts beside
    it (the .qm is what the program and its bundle load)."""
    import subprocess
    import sys

    folder = resources_dir() / "translations"
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    if not lrelease.exists():
        pytest.skip("pyside6-lrelease is not installed beside this Python")
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [str(lrelease), str(folder / "jianshi_qt_zh_CN.ts"), "-qm", str(fresh)],
        check=True,
        capture_output=True,
    )
    assert fresh.read_bytes() == (folder / "jianshi_qt_zh_CN.qm").read_bytes()


def test_the_base_font_is_large_enough_and_chinese_first(gui_app: object) -> None:
    font = QApplication.font()
    assert font.pointSizeF() >= BASE_POINT_SIZE
    assert any("Hei" in family or "YaHei" in family for family in font.families())


# --- the message helper -----------------------------------------------------------------------


def test_show_error_gives_a_user_error_its_own_words(shown_messages: MessageLog) -> None:
    messages.show_error(None, UserError("数据文件夹不可写。", hint="请换一个文件夹。"))
    [shown] = shown_messages.shown
    assert (shown.text, shown.hint) == ("数据文件夹不可写。", "请换一个文件夹。")
    assert shown.level is messages.Level.WARNING


def test_show_error_treats_anything_else_as_a_logged_bug(
    shown_messages: MessageLog, caplog: pytest.LogCaptureFixture
) -> None:
    try:
        raise KeyError("internal detail")
    except KeyError as exc:
        with caplog.at_level(logging.ERROR):
            messages.show_error(None, exc)
    [shown] = shown_messages.shown
    assert shown.level is messages.Level.CRITICAL
    assert "意外错误" in shown.text
    assert "internal detail" not in shown.text and "KeyError" not in shown.text
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_crash_messages_reach_a_message_box(gui_app: object, shown_messages: MessageLog) -> None:
    app_module.register_crash_messages(QApplication.instance())  # type: ignore[arg-type]
    try:
        crash._hook(RuntimeError, RuntimeError("boom"), None)
    finally:
        crash.set_message_sink(None)
    [shown] = shown_messages.shown
    assert "意外错误" in shown.text and "boom" not in shown.text


def test_no_crash_dialog_means_no_sink(
    gui_app: object, monkeypatch: pytest.MonkeyPatch, shown_messages: MessageLog
) -> None:
    monkeypatch.setattr(crash, "dialogs_enabled", lambda: False)
    app_module.register_crash_messages(QApplication.instance())  # type: ignore[arg-type]
    crash._hook(RuntimeError, RuntimeError("boom"), None)
    assert shown_messages.shown == []


# --- the forms ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(ui_dir().glob("*.ui")), ids=lambda p: p.stem)
def test_every_form_loads(gui_app: object, qtbot: QtBot, path: Path) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = load_form(path.stem, host)
    assert form.parent() is host
    layout = host.layout()
    assert layout is not None and layout.indexOf(form) == 0


def test_a_missing_form_fails_clearly(gui_app: object, qtbot: QtBot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    with pytest.raises(FormMissingError) as caught:
        load_form("no_such_form", host)
    assert "no_such_form.ui" in caught.value.message
    assert "重新安装" in caught.value.hint


# --- run_gui ------------------------------------------------------------------------------


def test_a_garbage_database_is_refused_and_left_untouched(
    gui_app: object, data_root: Path, shown_messages: MessageLog
) -> None:
    data_root.mkdir(parents=True)
    garbage = data_root / DATABASE_FILE
    content = b"This is not a database, it is a letter. \x00\xff" * 200
    garbage.write_bytes(content)

    assert run_app(data_root) == 1

    [shown] = shown_messages.shown
    assert str(garbage) in shown.text
    assert "不是本程序的数据文件" in shown.text
    assert "Traceback" not in shown.text + shown.hint
    assert garbage.read_bytes() == content


def test_a_newer_database_is_refused_with_a_message(
    gui_app: object, data_root: Path, shown_messages: MessageLog
) -> None:
    data_root.mkdir(parents=True)
    path = data_root / DATABASE_FILE
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1246970436")  # 0x4A534244, ours
    conn.execute("PRAGMA user_version = 999")
    conn.execute("CREATE TABLE later_things (id INTEGER)")
    conn.commit()
    conn.close()
    before = path.read_bytes()

    assert run_app(data_root) == 1

    [shown] = shown_messages.shown
    assert "更新版本" in shown.text and str(path) in shown.text
    assert path.read_bytes() == before


def test_a_data_folder_that_is_a_file_is_refused(
    gui_app: object, tmp_path: Path, shown_messages: MessageLog
) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x", encoding="utf-8")

    assert run_app(not_a_folder) == 1

    [shown] = shown_messages.shown
    assert str(not_a_folder) in shown.text
    assert not_a_folder.read_text(encoding="utf-8") == "x"


def test_demo_on_a_real_branch_is_refused(
    gui_app: object, branch_folder: Path, shown_messages: MessageLog
) -> None:
    assert run_app(branch_folder, demo=True) == 1

    [shown] = shown_messages.shown
    assert "演示数据" in shown.text + shown.hint


def _branch_count(data_root: Path) -> int:
    conn = sqlite3.connect(data_root / DATABASE_FILE)
    try:
        return int(conn.execute("SELECT count(*) FROM branch").fetchone()[0])
    finally:
        conn.close()


def test_cancelling_the_first_start_exits_0_with_nothing_saved(
    gui_app: object, data_root: Path, qtbot: QtBot
) -> None:
    seen: list[FirstStartWizard] = []

    def cancel(wizard: FirstStartWizard) -> None:
        seen.append(wizard)
        wizard.reject()

    when_shown(FirstStartWizard, cancel)
    assert run_app(data_root) == 0
    assert len(seen) == 1
    assert _branch_count(data_root) == 0


@pytest.mark.usefixtures("branch_folder")
def test_a_whole_run_opens_the_window_backs_up_and_remembers_it(
    gui_app: object, data_root: Path, qtbot: QtBot
) -> None:
    titles: list[str] = []

    def close_window(window: MainWindow) -> None:
        titles.append(window.windowTitle())
        window.close()

    when_shown(MainWindow, close_window)
    assert run_app(data_root) == 0
    assert titles == [f"{BRANCH_NAME} — 建始支部工作台账"]
    assert list((data_root / "backups").glob("自动备份-*.sqlite3")), "the daily backup ran"
    assert (data_root / "window.ini").is_file()
    assert (data_root / "logs" / "jianshi.log").is_file()


@pytest.mark.usefixtures("branch_folder")
def test_quit_after_closes_the_window_by_itself_and_says_ready(
    gui_app: object, data_root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_app(data_root, quit_after_ms=50) == 0
    assert READY_MARKER in capsys.readouterr().out.splitlines()
    assert (data_root / "window.ini").is_file(), "closed as a user closes it"


# --- a damaged install ----------------------------------------------------------------------


def test_a_module_missing_at_start_is_shown_in_a_qt_message_box(
    gui_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Qt works but another part is missing: a Chinese message box names it (not silence)."""
    from jianshi_desktop import app as start
    from tests.support import detach_log_file

    boxes: list[tuple[str, str, list[str]]] = []

    def record(box: QMessageBox) -> int:
        boxes.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        return 0

    def missing(*_args: object, **_kwargs: object) -> int:
        raise ModuleNotFoundError("No module named 'openpyxl'", name="openpyxl")

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(app_module, "run_gui", missing)
    monkeypatch.setattr(crash, "install", lambda **_kwargs: None)
    monkeypatch.setattr(crash, "dialogs_enabled", lambda: True)
    detach_log_file()
    try:
        assert start.main(["--data-dir", str(tmp_path / "data")]) == 1
    finally:
        detach_log_file()
    [(title, text, buttons)] = boxes
    assert title == "程序文件不完整"
    assert "缺少模块“openpyxl”" in text and "dev.py run" in text
    assert str(tmp_path / "data" / "logs" / "jianshi.log") in text
    assert buttons == ["确定"]
    log_text = (tmp_path / "data" / "logs" / "jianshi.log").read_text(encoding="utf-8")
    assert "openpyxl" in log_text


def test_the_platform_plugin_of_this_qt_is_found() -> None:
    from jianshi_desktop.gui.qtcheck import platform_plugin_problem

    assert platform_plugin_problem({"QT_QPA_PLATFORM": "offscreen"}) is None
    problem = platform_plugin_problem({"QT_QPA_PLATFORM": "no-such-platform"})
    assert problem is not None and "no-such-platform" in problem
