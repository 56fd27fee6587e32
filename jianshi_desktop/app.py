"""Start-up: parse the command line, choose the data folder, run a command or the window.

This module and ``gui/`` are the only places that may import Qt (and this one only
lazily, so that headless commands start fast).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from jianshi_desktop import cli, crash
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import choose_data_dir

log = logging.getLogger(__name__)


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.parse(list(sys.argv[1:] if argv is None else argv))
    crash.install(dialogs=not args.no_crash_dialog)
    choice = choose_data_dir(args.data_dir, portable=args.portable, demo=args.demo)
    args.data_root = choice.path
    args.data_reason = choice.reason
    if args.command is None:
        from jianshi_desktop.gui.app import run_gui

        return run_gui(choice.path, demo=args.demo, quit_after_ms=args.quit_after)
    try:
        handler: cli.Handler = args.handler
        return handler(args)
    except UserError as exc:
        if getattr(args, "json", False):
            cli.print_result({"ok": False, "error": str(exc)}, as_json=True, lines=())
        else:
            print(f"错误：{exc}", file=sys.stderr)
        return cli.EXIT_PROBLEMS
