"""The command line: the same services as the window, without one.

``python main.py`` starts the window; ``python main.py COMMAND`` runs a command. Every
command has ``--help``, exits 0 on success, 1 when the work found problems and 2 on
wrong usage, and with ``--json`` prints its result as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from jianshi_desktop import APP_NAME, __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class _ChineseHelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法：")


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese headings and error messages (exit code 2 kept)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelpFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}：命令行有误：{_translate(message)}\n")


def _translate(message: str) -> str:
    replacements = (
        ("the following arguments are required", "缺少必需的参数"),
        ("unrecognized arguments", "无法识别的参数"),
        ("invalid choice", "无效的选项"),
        ("expected one argument", "需要一个值"),
        ("argument ", "参数 "),
        ("choose from", "可选"),
    )
    for english, chinese in replacements:
        message = message.replace(english, chinese)
    return message


Handler = Callable[[argparse.Namespace], int]


def add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="数据文件夹（默认：系统的用户数据文件夹；也可用环境变量 JIANSHI_DATA_DIR 指定）",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="使用演示数据：在空的数据文件夹中填入一个虚构的演示支部",
    )
    parser.add_argument(
        "--portable", action="store_true", help="便携模式：数据保存在程序旁边的 data 文件夹"
    )
    parser.add_argument(
        "--no-crash-dialog", action="store_true", help="出错时只写日志，不弹出对话框（测试用）"
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出"
    )


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog="main.py",
        description=f"{APP_NAME}：学校党支部的三会一课、党员和台账管理。不带命令时打开程序窗口。",
    )
    add_global_options(parser)
    commands = parser.add_subparsers(
        dest="command", title="命令", metavar="命令", parser_class=ChineseArgumentParser
    )

    selftest = commands.add_parser(
        "selftest",
        help="自检：检查数据文件夹、数据库和字体，打印结果",
        description=(
            "在不显示窗口的情况下检查数据文件夹、数据库和字体，"
            "全部正常时返回 0，发现问题时返回 1。"
        ),
    )
    selftest.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    selftest.set_defaults(handler=_selftest_handler)
    return parser


def _selftest_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.selftest import run_selftest

    return run_selftest(args)


def print_result(result: dict[str, Any], *, as_json: bool, lines: Sequence[str]) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=None, default=str))
    else:
        for line in lines:
            print(line)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
