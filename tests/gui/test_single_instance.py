"""One window per data folder (issue 13): a second start brings the first window forward
and says 程序已在运行; a write that fails on the disk shows a message box, not a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import peewee
import pytest
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.qtbot import QtBot

from jianshi_desktop import crash
from jianshi_desktop.gui import single_instance
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.instance_lock import Holder
from jianshi_desktop.services.store import Store
from tests.gui.test_members_page import ZHANG_ID, leave, names, open_add_dialog
from tests.support import ROSTER_SAMPLE, run_main, start_main, start_python

from .conftest import MessageLog, click

ASK = """
import sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from jianshi_desktop.gui.single_instance import ask_first_to_raise
app = QCoreApplication([])
print(ask_first_to_raise(Path(sys.argv[1])), flush=True)
"""


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen cannot
def test_a_second_start_brings_the_minimised_window_forward(
    gui_app: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    root = tmp_path / "data"
    root.mkdir()
    server = single_instance.start_server(gui_app, root)
    assert server is not None and server.isListening()
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    try:
        asking = start_python("-c", ASK, str(root), stderr=None)
        qtbot.waitUntil(lambda: asking.poll() is not None, timeout=15000)  # our loop answers
        assert asking.stdout is not None
        assert asking.stdout.read().strip() == "True"
        asking.stdout.close()
        assert not window.isMinimized() and window.isVisible()
    finally:
        single_instance.stop_server()


def test_no_first_window_to_ask_is_no_problem(gui_app: QApplication, tmp_path: Path) -> None:
    assert single_instance.ask_first_to_raise(tmp_path / "nobody") is False


def test_the_second_start_says_so_in_a_message_box(
    gui_app: QApplication,
    tmp_path: Path,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(crash, "_dialogs_enabled", True)
    code = single_instance.report_already_running(tmp_path, Holder(1, "window", ""))
    assert code == 0
    [box] = shown_messages.shown
    assert box.title == "程序已在运行" and box.text.startswith("程序已在运行")
    assert box.level is messages.Level.INFORMATION and "任务栏" in box.hint
    text, hint = single_instance.already_running_message(
        tmp_path, Holder(1, "roster import", ""), raised=False
    )
    assert "命令“roster import”" in text and "完成" in hint


def test_a_full_disk_while_adding_a_member_shows_a_message_not_a_traceback(
    members_page: MembersPage,
    qtbot: QtBot,
    shown_messages: MessageLog,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    original = store.db.execute_sql

    def execute_sql(sql: str, *args: object, **kwargs: object) -> object:
        if sql.lstrip().upper().startswith("INSERT"):
            raise peewee.OperationalError("database or disk is full")
        return original(sql, *args, **kwargs)

    dialog = open_add_dialog(qtbot, members_page)
    dialog.name_edit.setText("张晓明")
    qtbot.keyClicks(dialog.id_edit, ZHANG_ID)
    dialog.dates["joined_on"].edit.setText("2010.06.01")
    leave(dialog, "joined_on")
    dialog.dates["full_member_on"].edit.setText("20110601")
    monkeypatch.setattr(store.db, "execute_sql", execute_sql)
    click(qtbot, dialog.primary_button())
    texts = [f"{m.title} {m.text}{m.hint}" for m in shown_messages.shown]
    assert any("磁盘空间已满" in t and "没有丢失" in t for t in texts), texts
    assert not any("程序出错" in t for t in texts), texts
    assert members_page.dialog is dialog and dialog.isVisible()  # what was typed is still there
    monkeypatch.undo()
    click(qtbot, dialog.primary_button())  # space again: the same form saves
    assert names(members_page) == ["张晓明"]


def test_the_program_runs_once_per_data_folder(tmp_path: Path) -> None:
    """The real thing: a window runs; a second start exits 0 at once, having asked the
    first window forward; a roster import beside it exits 1; both say 程序已在运行."""
    root = tmp_path / "data"
    folder = ("--data-dir", str(root))
    first = start_main(*folder, "--demo", "--quit-after", "20000")
    try:
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "JIANSHI-READY"
        started = time.perf_counter()
        second = run_main(*folder, "--demo", timeout=30)
        assert second.returncode == 0, second.stderr
        assert "程序已在运行" in second.stderr and "调到了最前面" in second.stderr
        assert time.perf_counter() - started < 15
        command = run_main(*folder, "roster", "import", str(ROSTER_SAMPLE), timeout=30)
        assert command.returncode == 1
        assert "程序已在运行" in command.stderr and "Traceback" not in command.stderr
        logs = "".join(p.read_text("utf-8") for p in (root / "logs").glob("*.log*"))
        assert "A second start asked for the window" in logs
    finally:
        first.kill()
        first.wait()
        if first.stdout is not None:
            first.stdout.close()
