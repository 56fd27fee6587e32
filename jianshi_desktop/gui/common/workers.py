"""Work off the GUI thread: the one helper every slow operation goes through.

:func:`run_in_background` runs a callable on a worker thread and delivers its result
(or its exception) on the GUI thread, so the window keeps painting while a workbook is
read, a document rendered or a package written. While it runs:

- the mouse shows the busy cursor at once;
- a small progress window appears only if the work takes longer than about 600 ms
  (fast work shows nothing, so the screen does not flicker);
- if the caller allows it, the window has a 取消 button that sets a flag the work checks
  (:attr:`Progress.cancelled`, :meth:`Progress.check`); the work decides where stopping
  is safe.

The work must not touch widgets. It gets a :class:`Progress` to say how far it is.

Database: peewee's ``SqliteDatabase`` keeps one connection per thread (``thread_safe``,
the default) and opens it on first use (``autoconnect``) with the same file and pragmas,
so services can be called from the work as they are; with WAL a worker reads while the
GUI thread reads too. The worker closes its own connection when the work ends, so no
connection outlives its thread (on Windows an open connection would keep the file busy).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QCursor
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop import crash
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import alive
from jianshi_desktop.services.store import close_thread_connection

log = logging.getLogger(__name__)

T = TypeVar("T")

SHOW_PROGRESS_AFTER_MS = 600
CANCELLING_TEXT = "正在取消，请稍候……"


class Cancelled(Exception):
    """Raised by work that stopped because the user pressed 取消."""


class Progress:
    """What the work sees: the cancel flag and a way to say how far it is.

    Thread-safe: the work calls it on the worker thread; the GUI thread shows it.
    """

    def __init__(self, report: Callable[[str, int, int], None]) -> None:
        self._cancel = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop (call where stopping is safe)."""
        if self._cancel.is_set():
            raise Cancelled

    def update(self, text: str = "", *, done: int = 0, total: int = 0) -> None:
        """Say what is happening (``text``) and how far (``done`` of ``total``; 0 total =
        no count, the bar just moves)."""
        self._report(text, done, total)


class ProgressDialog(QDialog):
    """The small window shown while slow work runs: a line of text, a bar, maybe 取消.

    Closing it (Esc, the window's ×) is the same as 取消 when cancelling is allowed and
    does nothing otherwise: the window goes away when the work ends.
    """

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, *, title: str, text: str, can_cancel: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, can_cancel)
        self.can_cancel = can_cancel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("正") * 24)
        layout.addWidget(self.label)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # no count yet: the bar just moves
        self.bar.setTextVisible(False)
        layout.addWidget(self.bar)
        self.buttons = QDialogButtonBox(self)
        if can_cancel:
            self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)
            self.buttons.rejected.connect(self.reject)
            layout.addWidget(self.buttons)
        else:
            self.buttons.hide()
        self._done = False

    def show_progress(self, text: str, done: int, total: int) -> None:
        if text and self.label.text() != CANCELLING_TEXT and self.label.text() != text:
            self.label.setText(text)
            if self.height() < self.sizeHint().height():  # a longer text wrapped: grow
                self.adjustSize()
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)

    def show_cancelling(self) -> None:
        self.label.setText(CANCELLING_TEXT)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if button is not None:
            button.setEnabled(False)

    def reject(self) -> None:
        if self._done:
            super().reject()
        elif self.can_cancel:
            self.cancel_requested.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._done:
            event.accept()
            return
        event.ignore()
        self.reject()

    def finish(self) -> None:
        """The work ended: close for real."""
        self._done = True
        self.hide()
        self.deleteLater()


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, the slots run on the GUI thread."""

    finished = Signal(object)  # an _Outcome
    progressed = Signal(str, int, int)


class _Outcome:
    __slots__ = ("error", "value")

    def __init__(self, value: Any = None, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error


_running: set[Task[Any]] = set()  # keeps each task alive until it has delivered


class Task(QObject, Generic[T]):
    """One piece of work started by :func:`run_in_background`.

    ``running`` until the outcome is delivered; then ``value``, ``error`` or ``cancelled``
    tell how it ended, and ``done`` is emitted on the GUI thread after the callbacks.
    ``cancel()`` asks the work to stop.
    """

    done = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        work: Callable[[Progress], T],
        *,
        on_success: Callable[[T], None] | None,
        on_failure: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
        title: str,
        text: str,
        failure_title: str,
        can_cancel: bool,
        delay_ms: int,
        busy_cursor: bool = True,
    ) -> None:
        super().__init__()  # no Qt parent: a closed window must not take the task with it
        self.parent_widget = parent
        self._work = work
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._title = title
        self._text = text
        self._failure_title = failure_title
        self._can_cancel = can_cancel
        self._busy_cursor = busy_cursor
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._relay.progressed.connect(self._show_progress)
        self.progress = Progress(self._report)
        self.progress_dialog: ProgressDialog | None = None
        self._last_progress: tuple[str, int, int] | None = None
        self._running = False
        self._cursor = False
        self._thread = threading.Thread(target=self._run, name=f"worker-{title}", daemon=True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max(0, delay_ms))
        self._timer.timeout.connect(self._show_dialog)
        self.value: T | None = None
        self.error: BaseException | None = None
        self.cancelled = False

    # --- GUI thread ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        _running.add(self)
        self._running = True
        if self._busy_cursor:
            QApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
            self._cursor = True
        self._timer.start()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop (it stops where it checks the flag)."""
        if not self._running or self.progress.cancelled:
            return
        log.info("Cancel requested: %s", self._title)
        self.progress.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.show_cancelling()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread has ended (at shutdown, and tests: never while the
        window is in use)."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @Slot()
    def _show_dialog(self) -> None:
        if not self._running:
            return
        parent = self.parent_widget if self.parent_widget and alive(self.parent_widget) else None
        dialog = ProgressDialog(
            parent, title=self._title, text=self._text, can_cancel=self._can_cancel
        )
        dialog.cancel_requested.connect(self.cancel)
        self.progress_dialog = dialog
        if self._last_progress is not None:
            dialog.show_progress(*self._last_progress)
        if self.progress.cancelled:
            dialog.show_cancelling()
        dialog.show()

    @Slot(str, int, int)
    def _show_progress(self, text: str, done: int, total: int) -> None:
        self._last_progress = (text, done, total)
        if self.progress_dialog is not None:
            self.progress_dialog.show_progress(text, done, total)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        self._timer.stop()
        self._running = False
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog = None
        if self._cursor:
            QApplication.restoreOverrideCursor()
            self._cursor = False
        self._relay.deleteLater()
        try:
            self._call_back(outcome)
        finally:
            _running.discard(self)
            self.done.emit()

    def _call_back(self, outcome: _Outcome) -> None:
        parent = self.parent_widget
        if parent is not None and not alive(parent):
            log.info("Work %r ended after its window closed; result dropped", self._title)
            return
        error = outcome.error
        if error is None:
            self.value = outcome.value
            if self._on_success is not None:
                self._on_success(outcome.value)
        elif isinstance(error, Cancelled):
            self.cancelled = True
            log.info("Work %r cancelled", self._title)
            if self._on_cancelled is not None:
                self._on_cancelled()
        else:
            self.error = error
            if self._on_failure is not None:
                self._on_failure(error)
            else:
                messages.show_error(parent, error, title=self._failure_title)

    # --- worker thread ------------------------------------------------------------------

    def _report(self, text: str, done: int, total: int) -> None:
        with contextlib.suppress(RuntimeError):  # the relay is gone: nobody listens any more
            self._relay.progressed.emit(text, done, total)

    def _run(self) -> None:
        outcome = _Outcome()
        try:
            # every failure is delivered to the GUI thread, never lost (crash.reported)
            with crash.reported() as failure:
                outcome = _Outcome(value=self._work(self.progress))
        finally:
            close_thread_connection()
        if failure.error is not None:
            outcome = _Outcome(error=failure.error)
        try:
            self._relay.finished.emit(outcome)
        except RuntimeError:
            log.warning("Work %r ended but could not deliver its result", self._title)


def finish_running(timeout: float = 10.0) -> bool:
    """Before the data folder closes: wait, at most ``timeout`` seconds in all, for the
    background work still running (a list reading the database, the daily backup) and
    deliver what ended. A worker still in SQLite while the process shuts down can crash
    it. True when nothing is left running."""
    deadline = time.monotonic() + timeout
    for task in list(_running):
        task.wait(max(0.0, deadline - time.monotonic()))
    QApplication.processEvents()  # the outcomes reach their callbacks (or nobody)
    return not any(task._thread.is_alive() for task in _running)


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Progress], T],
    *,
    on_success: Callable[[T], None] | None = None,
    on_failure: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    title: str = "请稍候",
    text: str = "正在处理，请稍候……",
    failure_title: str = "无法完成操作",
    can_cancel: bool = False,
    delay_ms: int = SHOW_PROGRESS_AFTER_MS,
    quiet: bool = False,
) -> Task[T]:
    """Run ``work(progress)`` on a worker thread; deliver the outcome on the GUI thread.

    ``on_success(value)`` gets the result. A failure goes to ``on_failure(exc)``, or by
    default to :func:`messages.show_error` (a :class:`UserError` shown as it is, anything
    else logged as a bug) titled ``failure_title``. Work that raises :class:`Cancelled`
    calls ``on_cancelled()``; work that returns normally after 取消 counts as done. If
    ``parent`` is closed before the work ends, nothing is called.

    ``title`` and ``text`` are what the progress window says if it appears (after
    ``delay_ms``); ``can_cancel`` gives it a 取消 button.

    ``quiet`` is for work the user did not ask for (the automatic daily backup): no busy
    cursor while it runs, so that the window the user is working in does not flash one;
    the progress window still appears if the work is slow.
    """
    task: Task[T] = Task(
        parent,
        work,
        on_success=on_success,
        on_failure=on_failure,
        on_cancelled=on_cancelled,
        title=title,
        text=text,
        failure_title=failure_title,
        can_cancel=can_cancel,
        delay_ms=delay_ms,
        busy_cursor=not quiet,
    )
    task.start()
    return task
