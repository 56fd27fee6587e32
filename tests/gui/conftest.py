"""GUI fixtures: the application set up as ``run_gui`` sets it up, message boxes recorded
instead of shown, and the wizard and main window built on a fresh data folder."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from jianshi_desktop import crash, logs
from jianshi_desktop.gui.app import create_application
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.first_start import FirstStartWizard
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.services.branch import BranchDraft, BranchInfo, create_branch
from jianshi_desktop.services.store import Store

BRANCH_NAME = "中共建始县业州镇民族实验小学支部委员会"


class MessageLog:
    """Every message the app tried to show, in order."""

    def __init__(self) -> None:
        self.shown: list[messages.Message] = []

    def __call__(self, parent: object, message: messages.Message) -> bool:
        self.shown.append(message)
        return message.default_answer

    @property
    def texts(self) -> list[str]:
        return [f"{m.text}{m.hint}" for m in self.shown]


@pytest.fixture(autouse=True)
def shown_messages(monkeypatch: pytest.MonkeyPatch) -> MessageLog:
    """No test ever blocks on a message box: each is recorded here instead."""
    recorder = MessageLog()
    monkeypatch.setattr(messages, "present", recorder)
    return recorder


@pytest.fixture(autouse=True)
def _event_loops_work() -> None:
    """Waiting (``qtbot.waitUntil``) runs a nested event loop. A test that ran the
    application's own loop (``run_gui`` in test_app.py) leaves a Quit event queued from its
    last closed window; handled later, it sets Qt's quit flag and every nested loop then
    returns at once, so results from worker threads would never arrive. One turn of the
    application loop takes that Quit and clears the flag."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(app.quit)  # quit() does nothing outside exec(): harmless later
    timer.start(0)
    app.exec()
    timer.stop()


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """As the running app does (gui/gc_guard.py): no cyclic collection on a worker thread
    (a preview or a backup running in the background) while a GUI test runs; what the test
    left is collected on this thread when it ends."""
    from PySide6.QtWidgets import QApplication

    from jianshi_desktop.gui.gc_guard import GuiThreadCollector

    if QApplication.instance() is None:  # no Qt yet: nothing to protect
        yield
        return
    collector = GuiThreadCollector()
    yield
    collector.stop()
    collector.deleteLater()


@pytest.fixture(autouse=True)
def _no_leftovers() -> Iterator[None]:
    yield
    crash.set_message_sink(None)
    logs.detach_log_file()
    # Widgets closed by a test are deleted now, not piled up for the rest of the run.
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def gui_app(qapp: object) -> object:
    """The test application with Chinese translation, base font and style sheet."""
    return create_application()


@pytest.fixture
def wizard(gui_app: object, qtbot: QtBot, store: Store) -> FirstStartWizard:
    shown = FirstStartWizard(data_root=store.data.root)
    qtbot.addWidget(shown)
    shown.show()
    return shown


@pytest.fixture
def branch(store: Store) -> BranchInfo:
    return create_branch(
        BranchDraft(
            name=BRANCH_NAME,
            founded_on=dt.date(1998, 9, 10),
            has_committee=True,
            theme_day_of_month=10,
        )
    )


@pytest.fixture
def main_window(gui_app: object, qtbot: QtBot, store: Store, branch: BranchInfo) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window
