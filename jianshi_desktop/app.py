"""Start-up: parse the command line, choose the data folder, run a command or the window.

This module and ``gui/`` are the only places that may import Qt (and this one only
lazily, so that headless commands start fast).

A damaged install never fails silently: a module that cannot be loaded while starting the
window or running a command, PySide6 itself missing, or Qt's platform plugin missing each
give one Chinese message naming what is missing and how to reinstall — in a Qt message
box when Qt works, else without Qt (:func:`install_check.show_native_message`) — and the
message goes to the log (the data folder's, or a fallback one).

One program per data folder (:mod:`instance_lock`): the window holds the folder's lock for
its whole life, and so does every command while it runs — every command opens the data
folder, and opening it empties ``tmp/`` and removes unfinished packages, which must never
happen under a running window. A second start of the window says 程序已在运行, brings the
first window forward (through a local socket, :mod:`gui.single_instance`) and exits 0
without touching anything; a command while the folder is in use says so and exits 1.
Only ``package verify`` may run beside the window (:data:`BESIDE_THE_WINDOW`): it then
leaves the data folder's database alone — it neither reads nor remembers the signing key
(``--accept-new-key`` is refused); it decrypts in memory, never to a file.
``--help`` and ``--version`` end before any of this. Where no lock can be made (a
read-only stick, a file system without locks) the program runs as before.

A full disk, a busy database, a read-only or vanished stick met by a command end it with a
Chinese message and exit code 1, not a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from jianshi_desktop import cli, crash, install_check, instance_lock, logs
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import choose_data_dir, remember_choice

log = logging.getLogger(__name__)

Show = Literal["qt", "native", "stderr"]
# Commands that may run while the window (or another command) uses the data folder.
BESIDE_THE_WINDOW = frozenset({"package verify"})
_keep: list[object] = []  # a QApplication made for a message must outlive its box


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(list(sys.argv[1:] if argv is None else argv))
    crash.install(dialogs=not args.no_crash_dialog)
    try:
        return _run(args)
    except ImportError as exc:
        message = install_check.damaged_install_message(exc)
        if message is None:
            raise
        window = args.command is None
        data_root = getattr(args, "data_root", None)
        report_damaged_install(message, exc, data_root=data_root, show="qt" if window else "stderr")
        if getattr(args, "json", False):
            cli.print_result({"ok": False, "error": message}, as_json=True, lines=())
        return cli.EXIT_PROBLEMS


def _run(args: argparse.Namespace) -> int:
    choice = choose_data_dir(
        args.data_dir, portable=args.portable, demo=args.demo, county=args.county
    )
    remember_choice(choice)
    args.data_root = choice.path
    args.data_reason = choice.reason
    if args.command is None:
        with instance_lock.acquire(choice.path, "window") as lock:
            if not lock.acquired:
                return already_running(choice.path, lock.holder)
            return start_gui(
                choice.path, demo=args.demo, quit_after_ms=args.quit_after, county=args.county
            )
    try:
        with instance_lock.acquire(choice.path, command_name(args)) as lock:
            if not lock.acquired:
                _beside_the_window(args, lock.holder)
            handler: cli.Handler = args.handler
            return handler(args)
    except UserError as exc:
        _report_command_error(args, exc)
        return cli.EXIT_PROBLEMS
    except _storage_errors() as exc:
        problem = _storage_problem(exc, choice.path)
        if problem is not None:
            log.warning("Command stopped: %s", exc, exc_info=exc)
            _report_command_error(args, problem)
            return cli.EXIT_PROBLEMS
        raise  # not a disk or a busy database: a bug, reported as one


def command_name(args: argparse.Namespace) -> str:
    """``roster import``, ``package verify``, ``selftest`` …: the command and its action."""
    words = [str(args.command)]
    for key, value in sorted(vars(args).items()):
        if key.endswith("_command") and key != "command" and isinstance(value, str):
            words.append(value)
    return " ".join(words)


def _beside_the_window(args: argparse.Namespace, holder: instance_lock.Holder) -> None:
    """Let a read-only command run while the data folder is in use (without its database),
    or raise the Chinese "already running" error."""
    message = instance_lock.in_use_message(args.data_root, holder)
    name = command_name(args)
    if name not in BESIDE_THE_WINDOW or getattr(args, "accept_new_key", False):
        raise UserError(
            message, hint="请先关闭程序窗口（或等正在运行的命令完成），再运行这个命令。"
        )
    args.data_root = None  # the database stays the window's
    print(f"注意：{message}这次只校验报送包，不核对、不记住签名密钥。", file=sys.stderr)


def _report_command_error(args: argparse.Namespace, exc: UserError) -> None:
    if getattr(args, "json", False):
        cli.print_result({"ok": False, "error": str(exc)}, as_json=True, lines=())
    else:
        print(f"错误：{exc}", file=sys.stderr)


def _storage_errors() -> tuple[type[Exception], ...]:
    """What a full disk, a busy database, a read-only or vanished stick raise (peewee's
    errors only once a command has loaded peewee; evaluated when an error is matched)."""
    peewee = sys.modules.get("peewee")
    kinds: tuple[type[Exception], ...] = (OSError, sqlite3.Error)
    return (*kinds, peewee.DatabaseError) if peewee is not None else kinds


def _storage_problem(exc: Exception, data_root: Path) -> UserError | None:
    """The Chinese message for one of :func:`_storage_errors`; None when it is not about
    the disk or the database after all."""
    from jianshi_desktop.db.database import storage_error

    return storage_error(exc, data_root=data_root, outcome="命令没有完成")


def already_running(data_root: Path, holder: instance_lock.Holder) -> int:
    """A second start of the window: say 程序已在运行, bring the first window forward, and
    exit 0 without touching the data folder."""
    from jianshi_desktop.gui.single_instance import report_already_running

    return report_already_running(data_root, holder)


def start_gui(
    data_root: Path, *, demo: bool, quit_after_ms: int | None, county: bool = False
) -> int:
    """Run the window, after checking that Qt's platform plugin is there (an ImportError,
    PySide6 or another part missing, is reported by :func:`main`)."""
    problem = qt_platform_problem()
    if problem is not None:  # Qt would abort; no Qt message box is possible either
        report_damaged_install(problem, None, data_root=data_root, show="native")
        return cli.EXIT_PROBLEMS
    from jianshi_desktop.gui.app import run_gui

    return run_gui(data_root, demo=demo, quit_after_ms=quit_after_ms, county=county)


def qt_platform_problem() -> str | None:
    """Why Qt could not open a window (its platform plugin missing), checked before Qt
    tries and aborts the process; None when the plugin is there, or when Qt itself cannot
    be imported (that is reported as a missing module when the window starts)."""
    try:
        from jianshi_desktop.gui.qtcheck import platform_plugin_problem

        return platform_plugin_problem()
    except ImportError:
        return None


def report_damaged_install(
    message: str, exc: BaseException | None, *, data_root: Path | None, show: Show
) -> None:
    """Log ``message`` (with the traceback) and tell the user: in a Qt message box
    (``show="qt"``, when Qt's widgets load), in a message without Qt (``"native"``, also
    the fallback), or on stderr only (``"stderr"``, the commands). With
    ``--no-crash-dialog`` only stderr and the log."""
    where = logs.ensure_log_file(data_root)
    log.critical("%s", message)
    if exc is not None:  # the traceback to the log file only, not to the console
        log.info("What was missing, in detail:", exc_info=exc)
    text = f"{message}详细信息已写入日志文件“{where}”。" if where else message
    if show == "stderr" or not crash.dialogs_enabled():
        print(f"错误：{text}", file=sys.stderr, flush=True)
        return
    if show == "qt" and _qt_message_box(install_check.TITLE, text):
        return
    install_check.show_native_message(install_check.TITLE, text)


def _qt_message_box(title: str, text: str) -> bool:
    """A Qt message box, when Qt's widgets load (the missing part was something else)."""
    try:
        from PySide6.QtWidgets import QApplication, QMessageBox
    except ImportError:  # Qt itself is what is missing
        return False
    with crash.reported() as failure:  # then the message goes without Qt
        if QApplication.instance() is None:
            _keep.append(QApplication([]))
        box = QMessageBox(QMessageBox.Icon.Critical, title, text)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
    if failure.error is not None:
        log.error("Could not show the message in a Qt message box", exc_info=failure.error)
        return False
    return True
