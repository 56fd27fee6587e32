"""Start-up: parse the command line, choose the data folder, run a command or the window.

This module and ``gui/`` are the only places that may import Qt (and this one only
lazily, so that headless commands start fast).

A damaged install never fails silently: a module that cannot be loaded while starting the
window or running a command, PySide6 itself missing, or Qt's platform plugin missing each
give one Chinese message naming what is missing and how to reinstall — in a Qt message
box when Qt works, else without Qt (:func:`install_check.show_native_message`) — and the
message goes to the log (the data folder's, or a fallback one).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from jianshi_desktop import cli, crash, install_check, logs
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import choose_data_dir

log = logging.getLogger(__name__)

Show = Literal["qt", "native", "stderr"]
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
    choice = choose_data_dir(args.data_dir, portable=args.portable, demo=args.demo)
    args.data_root = choice.path
    args.data_reason = choice.reason
    if args.command is None:
        return start_gui(choice.path, demo=args.demo, quit_after_ms=args.quit_after)
    try:
        handler: cli.Handler = args.handler
        return handler(args)
    except UserError as exc:
        if getattr(args, "json", False):
            cli.print_result({"ok": False, "error": str(exc)}, as_json=True, lines=())
        else:
            print(f"错误：{exc}", file=sys.stderr)
        return cli.EXIT_PROBLEMS


def start_gui(data_root: Path, *, demo: bool, quit_after_ms: int | None) -> int:
    """Run the window, after checking that Qt's platform plugin is there (an ImportError,
    PySide6 or another part missing, is reported by :func:`main`)."""
    problem = qt_platform_problem()
    if problem is not None:  # Qt would abort; no Qt message box is possible either
        report_damaged_install(problem, None, data_root=data_root, show="native")
        return cli.EXIT_PROBLEMS
    from jianshi_desktop.gui.app import run_gui

    return run_gui(data_root, demo=demo, quit_after_ms=quit_after_ms)


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
    try:
        if QApplication.instance() is None:
            _keep.append(QApplication([]))
        box = QMessageBox(QMessageBox.Icon.Critical, title, text)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()
    except Exception:
        log.exception("Could not show the message in a Qt message box")
        return False
    return True
