"""启动密码 on the command line.

Commands that reveal full personal data (``roster export`` without ``--mask-ids``,
``package export --full-ids``, ``render roster --full-ids``) ask for the password when one
is set: typed on the terminal (not shown), or read from ``--lock-password-file F``.
Without a terminal and without the file they refuse.

    lock reset    取消启动密码（忘记密码时；需要能打开数据文件夹）
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from jianshi_desktop.errors import UserError

OPTION = "--lock-password-file"


def add_lock_password_option(parser: argparse.ArgumentParser) -> None:
    """``--lock-password-file F`` on a command that reveals full personal data."""
    parser.add_argument(
        OPTION,
        metavar="F",
        dest="lock_password_file",
        help="已设置启动密码时：从文件读取启动密码（第一行）；不给时在终端输入",
    )


def confirm_lock_password(args: argparse.Namespace, what: str) -> None:
    """With a 启动密码 set: the password from ``--lock-password-file`` or typed on the
    terminal, else :class:`UserError`. Without one: nothing. Needs the data folder open."""
    from jianshi_desktop import cli
    from jianshi_desktop.services import app_lock

    if not app_lock.is_set():
        return
    name = getattr(args, "lock_password_file", None)
    if name:
        password = cli.read_password_file(name, what="启动密码")
    elif cli.has_terminal():
        try:
            password = getpass.getpass(f"已设置启动密码。{what}需要输入启动密码：")
        except (EOFError, KeyboardInterrupt) as exc:
            raise UserError(f"没有输入启动密码，没有{what}。") from exc
    else:
        raise UserError(
            f"已设置启动密码，{what}需要先输入启动密码，但这里没有可以输入的终端。",
            hint=f"请在命令行窗口中运行，或用 {OPTION} F 从文件读取启动密码。",
        )
    result = app_lock.check(password)
    if not result.ok:
        raise UserError(f"启动密码不对，没有{what}。", hint=result.message)


def add_lock_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    lock = commands.add_parser(
        "lock",
        help="启动密码：忘记时取消",
        description=(
            "启动密码只防止别人坐到电脑前直接翻看，数据本身没有加密；"
            "能打开数据文件夹的人可以用下面的命令取消它。"
        ),
    )
    actions = lock.add_subparsers(
        dest="lock_command", title="命令", metavar="命令", parser_class=parser_class
    )
    actions.required = True
    reset = actions.add_parser(
        "reset",
        help="取消启动密码（忘记密码时）",
        description=(
            "不需要原来的密码，直接取消启动密码，并记入操作日志；之后可以在“设置”中重新设置。"
            "这不是安全措施：能拿到数据文件夹的人本来就能读到数据。"
        ),
    )
    reset.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    reset.set_defaults(handler=_reset_handler)


def _reset_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.services import app_lock
    from jianshi_desktop.services.store import open_store

    store = open_store(args.data_root)
    try:
        removed = app_lock.reset_without_password()
    finally:
        store.close()
    line = "已取消启动密码，可以在“设置”中重新设置。" if removed else "没有设置启动密码，无需取消。"
    cli.print_result({"ok": True, "removed": removed}, as_json=args.json, lines=[line])
    return cli.EXIT_OK
