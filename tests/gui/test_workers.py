"""The background-work helper: results and errors arrive on the GUI thread, the progress
window appears only for slow work, 取消 sets the flag, and services that use the database
can run on the worker thread."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.db.models import Member, database_proxy
from jianshi_desktop.domain.enums import MemberStatus
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import workers
from jianshi_desktop.gui.common.workers import Cancelled, Progress, Task, run_in_background
from jianshi_desktop.services import members as svc
from jianshi_desktop.services.branch import BranchInfo
from jianshi_desktop.services.store import close_thread_connection

from .conftest import MessageLog

MAIN = threading.get_ident()


WAIT_MS = 10_000  # a loaded CI machine; the waits end as soon as their condition holds


@pytest.fixture
def window(gui_app: object, qtbot: QtBot) -> QWidget:
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.resize(400, 300)
    shown.show()
    return shown


def finish(qtbot: QtBot, task: Task[Any]) -> None:
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)


def test_a_result_is_delivered_on_the_gui_thread_without_a_progress_window(
    window: QWidget, qtbot: QtBot, shown_messages: MessageLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int]] = []
    windows: list[workers.ProgressDialog] = []

    class Recorded(workers.ProgressDialog):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            windows.append(self)

    monkeypatch.setattr(workers, "ProgressDialog", Recorded)

    def work(progress: Progress) -> int:
        return threading.get_ident()

    task = run_in_background(
        window, work, on_success=lambda value: seen.append((value, threading.get_ident()))
    )
    assert task.running
    assert QApplication.overrideCursor() is not None, "the busy cursor at once"
    finish(qtbot, task)

    ((worker, callback),) = seen
    assert worker != MAIN, "the work ran on another thread"
    assert callback == MAIN, "the result arrived on the GUI thread"
    assert task.value == worker
    assert windows == [], "fast work shows no progress window"
    assert QApplication.overrideCursor() is None
    assert shown_messages.shown == []


def test_quiet_work_shows_no_busy_cursor(
    window: QWidget, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    """Work the user did not ask for (the automatic backup) must not flash a busy cursor."""
    release = threading.Event()
    seen: list[int] = []

    def work(progress: Progress) -> int:
        release.wait(5)
        return 7

    task = run_in_background(window, work, on_success=seen.append, quiet=True)
    assert task.running
    assert QApplication.overrideCursor() is None, "no busy cursor for quiet work"
    release.set()
    finish(qtbot, task)
    assert seen == [7]
    assert QApplication.overrideCursor() is None
    assert shown_messages.shown == []


def test_a_user_error_is_shown_as_its_message_by_default(
    window: QWidget, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    def work(progress: Progress) -> None:
        raise UserError("文件无法读取。", hint="请换一个文件。")

    task = run_in_background(window, work, failure_title="无法导入花名册")
    finish(qtbot, task)
    (message,) = shown_messages.shown
    assert (message.title, message.text, message.hint) == (
        "无法导入花名册",
        "文件无法读取。",
        "请换一个文件。",
    )
    assert isinstance(task.error, UserError)
    assert QApplication.overrideCursor() is None


def test_a_failure_goes_to_on_failure_on_the_gui_thread(window: QWidget, qtbot: QtBot) -> None:
    got: list[tuple[BaseException, int]] = []

    def work(progress: Progress) -> None:
        raise ValueError("boom")

    task = run_in_background(
        window, work, on_failure=lambda exc: got.append((exc, threading.get_ident()))
    )
    finish(qtbot, task)
    ((error, thread),) = got
    assert isinstance(error, ValueError) and thread == MAIN


def test_a_bug_in_the_work_is_logged_and_shown_as_a_bug(
    window: QWidget, qtbot: QtBot, shown_messages: MessageLog, caplog: pytest.LogCaptureFixture
) -> None:
    def work(progress: Progress) -> None:
        raise KeyError("missing")

    task = run_in_background(window, work)
    finish(qtbot, task)
    (message,) = shown_messages.shown
    assert message.title == "程序出错"
    assert "KeyError" not in message.text
    assert any(r.exc_info and r.exc_info[0] is KeyError for r in caplog.records)


def test_slow_work_shows_the_progress_window_with_its_text_and_count(
    window: QWidget, qtbot: QtBot
) -> None:
    release = threading.Event()
    reported = threading.Event()

    def work(progress: Progress) -> str:
        progress.update("正在读取第 3 行……", done=3, total=10)
        reported.set()
        release.wait(5)
        return "好了"

    task = run_in_background(window, work, title="导入花名册", text="正在读取……", delay_ms=50)
    qtbot.waitUntil(
        lambda: task.progress_dialog is not None and task.progress_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    dialog = task.progress_dialog
    assert dialog is not None
    assert dialog.windowTitle() == "导入花名册"
    qtbot.waitUntil(lambda: dialog.label.text() == "正在读取第 3 行……", timeout=WAIT_MS)
    assert (dialog.bar.maximum(), dialog.bar.value()) == (10, 3)
    assert dialog.buttons.isHidden(), "no 取消 unless the caller allows it"
    dialog.reject()  # Esc: nothing happens, the work goes on
    assert dialog.isVisible() and task.running

    release.set()
    finish(qtbot, task)
    assert task.value == "好了"
    assert task.progress_dialog is None
    assert QApplication.overrideCursor() is None


def test_cancel_sets_the_flag_the_work_checks(window: QWidget, qtbot: QtBot) -> None:
    started = threading.Event()
    cancelled: list[int] = []
    succeeded: list[object] = []

    def work(progress: Progress) -> None:
        started.set()
        for _ in range(500):
            progress.check()
            threading.Event().wait(0.01)

    task = run_in_background(
        window,
        work,
        on_success=succeeded.append,
        on_cancelled=lambda: cancelled.append(threading.get_ident()),
        can_cancel=True,
        delay_ms=20,
    )
    qtbot.waitUntil(
        lambda: task.progress_dialog is not None and task.progress_dialog.isVisible(),
        timeout=WAIT_MS,
    )
    dialog = task.progress_dialog
    assert dialog is not None
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert button is not None and button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert task.progress.cancelled
    assert dialog.label.text() == workers.CANCELLING_TEXT
    finish(qtbot, task)
    assert cancelled == [MAIN] and succeeded == []
    assert task.cancelled


def test_nothing_is_delivered_to_a_window_closed_meanwhile(gui_app: object, qtbot: QtBot) -> None:
    release = threading.Event()
    got: list[object] = []
    window = QWidget()
    task = run_in_background(window, lambda _p: release.wait(5), on_success=got.append)
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not workers.alive(window)
    release.set()
    finish(qtbot, task)
    assert got == []
    assert QApplication.overrideCursor() is None


def test_the_database_can_be_used_from_the_worker_thread(
    window: QWidget, qtbot: QtBot, branch: BranchInfo
) -> None:
    """peewee keeps one connection per thread: the worker opens its own on the same file
    (WAL: the GUI thread's connection stays usable), and closes it when the work ends."""
    svc.add_member(MemberFields(name="王芳", joined_on=dt.date(2010, 7, 1)))
    seen: dict[str, object] = {}

    def work(progress: Progress) -> int:
        db = database_proxy.obj
        seen["before"] = db.is_closed()
        seen["count"] = Member.select().count()
        new_id = svc.add_member(
            MemberFields(
                name="李明",
                joined_on=dt.date(2012, 7, 1),
                status=MemberStatus.PROBATIONARY,
            )
        )
        seen["database"] = db.database
        return new_id

    task = run_in_background(window, work)
    finish(qtbot, task)
    assert task.error is None, task.error
    assert seen["before"] is True, "the worker starts without a connection of its own"
    assert seen["count"] == 1, "it reads what the GUI thread wrote"
    assert seen["database"] == database_proxy.obj.database
    assert [m.name for m in svc.list_members()] == ["王芳", "李明"], "GUI thread sees the write"
    assert not database_proxy.obj.is_closed(), "the GUI thread's connection is untouched"


def test_the_worker_closes_its_own_connection(branch: BranchInfo) -> None:
    closed: list[bool] = []

    def in_thread() -> None:
        Member.select().count()
        assert not database_proxy.obj.is_closed()
        close_thread_connection()
        closed.append(database_proxy.obj.is_closed())

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join(5)
    assert closed == [True]
    assert not database_proxy.obj.is_closed(), "only that thread's connection"


def test_cancelled_can_be_raised_by_check() -> None:
    progress = Progress(lambda *_a: None)
    progress.check()
    progress.cancel()
    with pytest.raises(Cancelled):
        progress.check()


def test_work_still_running_is_finished_before_the_data_folder_closes(
    window: QWidget, qtbot: QtBot
) -> None:
    release = threading.Event()
    delivered: list[str] = []

    def slow(progress: Progress) -> str:
        release.wait(5)
        return "读完了"

    task = run_in_background(window, slow, on_success=delivered.append, quiet=True)
    assert not workers.finish_running(timeout=0.05), "still running: said so, not hidden"
    threading.Timer(0.2, release.set).start()
    assert workers.finish_running(timeout=5)
    assert not task.running and delivered == ["读完了"]
