"""The crash hook, installed first thing by ``main.py`` (standard library only).

An uncaught exception is logged with its traceback (to the rotating log in the data
folder once it is known) and the user sees a short Chinese message instead of a
traceback. The GUI registers how to show that message; with ``--no-crash-dialog``
(tests, CI) it is only logged.

An error that means a part of the program is missing (a module that was not installed or
was deleted, typically a library loaded on first use) says so instead, naming the module
and how to reinstall (:mod:`jianshi_desktop.install_check`).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType

from jianshi_desktop import install_check, logs
from jianshi_desktop.errors import UserError

log = logging.getLogger(__name__)

MessageSink = Callable[[str], None]
_sink: MessageSink | None = None
_dialogs_enabled = True


def crash_message(exc: BaseException) -> str:
    """What the user reads after an unexpected error (or their own error's message)."""
    if isinstance(exc, UserError):
        return str(exc)
    where = logs.current_log_file()
    tail = f"详细信息已写入日志文件“{where}”。" if where else "详细信息已写入日志。"
    damaged = install_check.damaged_install_message(exc)
    if damaged is not None:
        return f"{damaged}{tail}"
    return (
        "程序遇到意外错误，刚才的操作没有完成，已保存的数据不受影响。"
        f"{tail}如果问题反复出现，请把日志文件交给技术支持人员。"
    )


def _hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if isinstance(exc, UserError):
        log.warning("未处理的用户错误: %s", exc)
    elif (damaged := install_check.damaged_install_message(exc)) is not None:
        log.critical("%s", damaged, exc_info=(exc_type, exc, tb))
    else:
        log.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
    if _sink is not None and _dialogs_enabled:
        try:
            _sink(crash_message(exc))
        except Exception:  # the hook must never raise
            log.exception("Could not show the crash message")


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _hook(args.exc_type, args.exc_value, args.exc_traceback)


def install(*, dialogs: bool = True) -> None:
    """Install the hook for the main thread and for worker threads."""
    global _dialogs_enabled
    _dialogs_enabled = dialogs
    logs.configure_console()
    sys.excepthook = _hook
    threading.excepthook = _thread_hook


def set_message_sink(sink: MessageSink | None) -> None:
    """Register how the crash message is shown (the GUI passes a message box)."""
    global _sink
    _sink = sink


def dialogs_enabled() -> bool:
    return _dialogs_enabled


def report_damaged_install(exc: ImportError) -> bool:
    """For ``main.py``: the start-up module itself could not be imported. Log it (to a
    fallback log: the data folder is not known yet) and tell the user without Qt; False
    when ``exc`` is not about a missing part of the program (then it is a bug)."""
    message = install_check.damaged_install_message(exc)
    if message is None:
        return False
    where = logs.ensure_log_file()
    log.critical("%s", message)
    log.info("What was missing, in detail:", exc_info=exc)
    text = f"{message}详细信息已写入日志文件“{where}”。" if where else message
    install_check.show_native_message(install_check.TITLE, text, dialogs=_dialogs_enabled)
    return True


@dataclass
class Failure:
    """What :func:`reported` caught: the error, or None when the block ran through."""

    error: Exception | None = None


@contextmanager
def reported() -> Iterator[Failure]:
    """Run a block whose every failure is to be reported, not raised; the one catch-all
    outside the hook itself (tests/unit/test_code_rules.py allows no other).

    For code whose job is to turn any failure into words for the user: the self-test's
    ✗ lines (a module that does not import, a Qt that does not start) and the message
    box that reports a damaged install. The error is kept in the yielded
    :class:`Failure` for the caller to describe; KeyboardInterrupt and SystemExit pass.

        with crash.reported() as failure:
            importlib.import_module(name)
        if failure.error is not None:
            ...
    """
    failure = Failure()
    try:
        yield failure
    except Exception as exc:  # the purpose: every failure becomes the caller's report
        failure.error = exc
