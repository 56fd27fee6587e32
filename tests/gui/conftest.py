"""GUI fixtures: the application set up as ``run_gui`` sets it up, message boxes recorded
instead of shown, and the wizard, main window and 党员 page built on a fresh data folder;
helpers to answer a window a call is about to show, and to run ``run_gui`` to its end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop import crash
from jianshi_desktop.gui.app import create_application, run_gui
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.first_start import FirstStartWizard
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.services.branch import BranchInfo, create_branch
from jianshi_desktop.services.store import Store
from tests.support import BRANCH_NAME as BRANCH_NAME  # the GUI tests import it from here
from tests.support import branch_draft, detach_log_file

W = TypeVar("W", bound=QWidget)


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
def _collect_on_the_gui_thread() -> Iterator[None]:
    """As the running app does (gui/gc_guard.py): no cyclic collection on a worker thread
    (a preview or a backup running in the background) while a GUI test runs; what the test
    left is collected on this thread when it ends."""
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
    detach_log_file()
    for watcher in list(_watchers):  # a window the test waited for that never came
        watcher.forget()
    # Widgets closed by a test are deleted now, not piled up for the rest of the run: Qt
    # deletes what was deleteLater()-ed outside any event loop only when sent explicitly.
    if QApplication.instance() is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def gui_app(qapp: object) -> object:
    """The test application with Chinese translation, base font and style sheet."""
    return create_application()


@pytest.fixture
def wizard(
    gui_app: object, qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FirstStartWizard]:
    shown = FirstStartWizard(data_root=store.data.root)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    # the test is over: what it typed is dropped (放弃) instead of asked about
    monkeypatch.setattr(messages, "present", lambda _parent, _message: True)
    shown.close()


@pytest.fixture
def branch(store: Store) -> BranchInfo:
    return create_branch(branch_draft())


@pytest.fixture
def main_window(gui_app: object, qtbot: QtBot, store: Store, branch: BranchInfo) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def members_page(gui_app: object, qtbot: QtBot, branch: BranchInfo) -> MembersPage:
    """The 党员 page on its own, on a branch without members."""
    shown = MembersPage()
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    return shown


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """A click where the user can click: the button must be shown and enabled."""
    assert button.isVisible(), f"{button.text()} is hidden"
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# --- answering a window that a call will show and wait for ---------------------------------


_watchers: list[_WhenShown[Any]] = []


class _WhenShown(QObject, Generic[W]):
    """Watches every widget's Show event for the first window of ``kind``."""

    def __init__(self, kind: type[W], action: Callable[[W], object]) -> None:
        super().__init__()
        self.kind = kind
        self.action = action
        app = QApplication.instance()
        assert app is not None, "no application yet"
        app.installEventFilter(self)
        _watchers.append(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, self.kind):
            self.forget()
            # queued: runs once the loop the window waits in (its exec()) is running
            QTimer.singleShot(0, lambda: self.answer(watched))
        return False

    def answer(self, window: W) -> None:
        try:
            self.action(window)
        except BaseException:
            QApplication.closeAllWindows()  # the call under test returns, not waits forever
            raise

    def forget(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self in _watchers:
            _watchers.remove(self)


def when_shown(kind: type[W], action: Callable[[W], object]) -> None:
    """Do ``action`` with the next window of ``kind`` to show, once the event loop it waits
    in is running: how a test answers a modal dialog, or closes the main window, that the
    call it makes next (``run_gui``, ``dialog.exec()``) shows and waits for. Nothing runs
    when no such window shows during the test."""
    _WhenShown(kind, action)


def visible_windows(kind: type[W]) -> list[W]:
    """The top-level windows of ``kind`` shown now."""
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]


# --- whole runs ---------------------------------------------------------------------------


def run_app(data_root: Path, *, demo: bool = False, quit_after_ms: int | None = None) -> int:
    """``run_gui`` run to its end in this process, as ``main.py`` runs it; its exit code.

    Nothing of the application's loop outlives it, as when the process ends: a Quit event
    still queued (a window closed and ``quit()`` called besides) would be handled by the
    ``processEvents()`` pytest-qt runs after the test, outside any loop, and set Qt's quit
    flag; every nested event loop (each qtbot wait) would then return at once, events
    unhandled, until the application's loop ran again."""
    code = run_gui(data_root, demo=demo, quit_after_ms=quit_after_ms)
    app = QApplication.instance()
    assert app is not None
    QApplication.removePostedEvents(app, QEvent.Type.Quit)
    return code
