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
from pathlib import Path
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
        "--county",
        action="store_true",
        help="县局汇总：使用县局汇总自己的数据文件夹（默认数据文件夹中的 county 子文件夹），"
        "与支部的数据分开",
    )
    parser.add_argument(
        "--no-crash-dialog", action="store_true", help="出错时只写日志，不弹出对话框（测试用）"
    )
    parser.add_argument(
        "--quit-after",
        metavar="MS",
        type=int,
        default=None,
        help="窗口显示并运行 MS 毫秒后自动关闭，就绪时打印一行 JIANSHI-READY（检查和性能测试用）",
    )
    parser.add_argument(
        "--version", action="version", version=f"{APP_NAME} {__version__}", help="显示版本号并退出"
    )


def _program_name() -> str:
    """``main.py`` from source, ``JianshiBranchDesk`` in the bundle."""
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return name if name and name not in ("-c", "__main__.py") else "main.py"


def build_parser() -> ChineseArgumentParser:
    parser = ChineseArgumentParser(
        prog=_program_name(),
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
            "在不显示窗口的情况下检查数据文件夹、数据库和字体，全部正常时返回 0，发现问题时返回 1。"
        ),
    )
    selftest.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    selftest.set_defaults(handler=_selftest_handler)
    _add_roster_commands(commands)
    from jianshi_desktop.cli_render import add_render_commands

    add_render_commands(commands, ChineseArgumentParser)
    from jianshi_desktop.cli_package import add_package_commands

    add_package_commands(commands, ChineseArgumentParser)
    from jianshi_desktop.cli_county import add_county_commands

    add_county_commands(commands, ChineseArgumentParser)
    from jianshi_desktop.cli_backup import add_backup_commands

    add_backup_commands(commands, ChineseArgumentParser)
    from jianshi_desktop.cli_lock import add_lock_commands

    add_lock_commands(commands, ChineseArgumentParser)
    return parser


def _selftest_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.selftest import run_selftest

    return run_selftest(args)


def _add_roster_commands(commands: Any) -> None:
    roster = commands.add_parser(
        "roster",
        help="花名册：从 Excel 导入党员，或把党员名册导出为 Excel",
        description="从 Excel 花名册（.xlsx）导入党员，或把在册党员导出为花名册。",
    )
    actions = roster.add_subparsers(
        dest="roster_command",
        title="命令",
        metavar="命令",
        parser_class=ChineseArgumentParser,
        required=True,
    )
    importing = actions.add_parser(
        "import",
        help="导入花名册（先检查，再保存没有问题的行）",
        description=(
            "读取花名册（.xlsx），列出新增、更新、无变化的党员和每一个问题（行号、列、说明），"
            "然后在一次操作中保存所有没有问题的行。\n"
            "按身份证号码对应已登记的党员：同一个人只会更新，不会登记两次；"
            "同一个花名册导入两次，第二次不会有任何改动。\n"
            "返回值：0 = 没有问题行；1 = 有问题行（其余行仍已导入，除非 --dry-run）"
            "或无法导入；2 = 命令行有误。"
        ),
    )
    importing.add_argument("file", metavar="FILE", help="花名册工作簿（.xlsx）")
    importing.add_argument(
        "--dry-run", action="store_true", help="只检查并列出结果，不保存任何数据"
    )
    importing.add_argument(
        "--problems-out",
        metavar="FILE",
        help="把有问题的行另存为一个工作簿（.xlsx），改正后可再次导入",
    )
    importing.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    importing.set_defaults(handler=_roster_import_handler)
    exporting = actions.add_parser(
        "export",
        help="把在册党员导出为花名册（.xlsx）",
        description=(
            "把在册党员按常用的花名册格式（标题、表头、每名党员一行）导出为 .xlsx，"
            "可直接打印（A4 横向），也可修改后再导入。"
        ),
    )
    exporting.add_argument("file", metavar="FILE", help="要保存的工作簿（.xlsx），已有的会被替换")
    exporting.add_argument(
        "--mask-ids",
        action="store_true",
        help=(
            "隐去个人信息：身份证号码只显示前6位和后4位，出生日期只到年月，手机号码隐去中间"
            "四位（给别人看的副本；这样的花名册不能用来更新这些信息）"
        ),
    )
    exporting.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    from jianshi_desktop.cli_lock import add_lock_password_option

    add_lock_password_option(exporting)
    exporting.set_defaults(handler=_roster_export_handler)


def _open_branch_store(args: argparse.Namespace, *, daily_backup: bool = True) -> Any:
    """The opened data folder, with the demo filled in on ``--demo``; a branch must exist.
    ``daily_backup`` False: the command makes its own backup before it changes anything
    (an import, an export), which counts as the day's — not two full copies in a row."""
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services.branch import has_branch
    from jianshi_desktop.services.demo import ensure_demo
    from jianshi_desktop.services.store import backup_if_due, open_store

    store = open_store(args.data_root)
    try:
        if args.demo:
            ensure_demo(store)
        if not has_branch():
            raise UserError(
                f"数据文件夹“{args.data_root}”中还没有建立支部。",
                hint="请先打开程序窗口完成首次设置，或加 --demo 使用演示数据。",
            )
        if daily_backup:
            backup_if_due(store)  # the daily backup, as the window makes it
    except BaseException:
        store.close()
        raise
    return store


def _roster_import_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import roster

    source = Path(args.file)
    problems_out = Path(args.problems_out) if args.problems_out else None
    if problems_out is not None and problems_out.resolve() == source.resolve():
        raise UserError(
            "问题行工作簿不能覆盖原来的花名册。", hint="请给 --problems-out 换一个文件名。"
        )
    store = _open_branch_store(args, daily_backup=args.dry_run)
    try:
        preview = roster.preview_import(source)
        if not args.dry_run:
            roster.apply_import(preview)
        written = 0
        if problems_out is not None and preview.problem_rows:
            written = roster.write_problem_rows(preview, problems_out)
    finally:
        store.close()
    report = _import_report(preview, dry_run=args.dry_run)
    if problems_out is not None:
        report["problems_out"] = str(problems_out) if written else None
    lines = _import_lines(report, problems_out=problems_out if written else None)
    print_result(report, as_json=args.json, lines=lines)
    return EXIT_PROBLEMS if preview.has_errors else EXIT_OK


def _import_report(preview: Any, *, dry_run: bool) -> dict[str, Any]:
    from jianshi_desktop.services.roster import RowAction

    def members(action: RowAction) -> list[dict[str, Any]]:
        return [
            {
                "row": r.row,
                "name": r.fields.name,
                **(
                    {
                        "changes": [
                            {"field": c.field, "label": c.label, "old": c.old, "new": c.new}
                            for c in r.changes
                        ]
                    }
                    if action is RowAction.UPDATE
                    else {}
                ),
            }
            for r in preview.with_action(action)
        ]

    sheet = preview.sheet
    return {
        "ok": not preview.has_errors,
        "dry_run": dry_run,
        "saved": not dry_run,
        "file": str(preview.path),
        "sheet": sheet.sheet,
        "header_row": sheet.header_row,
        "columns": {field: sheet.headers[index] for field, index in sheet.columns.items()},
        "ignored_columns": list(sheet.ignored_columns),
        "counts": preview.counts(),
        "added": members(RowAction.NEW),
        "updated": members(RowAction.UPDATE),
        "unchanged": members(RowAction.UNCHANGED),
        "problem_rows": [r.row for r in preview.problem_rows],
        "problems": [
            {
                "row": p.row,
                "column": p.column,
                "field": p.field,
                "severity": p.severity,
                "message": p.message,
            }
            for p in preview.problems
        ],
        "skipped_lines": [
            {"row": s.row, "text": s.text, "reason": s.reason} for s in sheet.skipped
        ],
    }


def _names(entries: Sequence[dict[str, Any]]) -> str:
    return "、".join(e["name"] for e in entries)


def _import_lines(report: dict[str, Any], *, problems_out: Path | None) -> list[str]:
    counts = report["counts"]
    verb = "将" if report["dry_run"] else ""
    lines = [
        f"花名册：{report['file']}（工作表“{report['sheet']}”，表头在第{report['header_row']}行）"
    ]
    if report["ignored_columns"]:
        lines.append(f"未导入的列：{'、'.join(report['ignored_columns'])}")
    lines.append(
        f"{verb}新增 {counts['new']} 名"
        + (f"：{_names(report['added'])}" if report["added"] else "")
    )
    lines.append(f"{verb}更新 {counts['update']} 名" + ("：" if report["updated"] else ""))
    for entry in report["updated"]:
        changes = "；".join(f"{c['label']} {c['old']} → {c['new']}" for c in entry["changes"])
        lines.append(f"  第{entry['row']}行 {entry['name']}：{changes}")
    lines.append(
        f"无变化 {counts['unchanged']} 名"
        + (f"：{_names(report['unchanged'])}" if report["unchanged"] else "")
    )
    errors = [p for p in report["problems"] if p["severity"] == "error"]
    warnings = [p for p in report["problems"] if p["severity"] != "error"]
    if errors:
        lines.append(f"有问题 {counts['problem']} 行（未导入，请改正后再导入）：")
        lines += [f"  第{p['row']}行 {p['column'] or '整行'}：{p['message']}" for p in errors]
    if warnings:
        lines.append("提醒（不影响导入）：")
        lines += [f"  第{p['row']}行 {p['column'] or '整行'}：{p['message']}" for p in warnings]
    for line in report["skipped_lines"]:
        lines.append(f"已跳过第{line['row']}行（{line['reason']}）：{line['text']}")
    if problems_out is not None:
        lines.append(f"有问题的行已另存为：{problems_out}")
    if report["dry_run"]:
        lines.append("试运行（--dry-run）：没有保存任何数据。")
    else:
        lines.append(
            f"导入完成：新增 {counts['new']} 名，更新 {counts['update']} 名，"
            f"无变化 {counts['unchanged']} 名，有问题未导入 {counts['problem']} 行。"
        )
    return lines


def _roster_export_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop.services.roster import export_roster

    target = Path(args.file)
    store = _open_branch_store(args)
    try:
        if not args.mask_ids:  # full personal data: the 启动密码 when one is set
            from jianshi_desktop.cli_lock import confirm_lock_password

            confirm_lock_password(args, "导出完整的花名册")
        count = export_roster(target, mask_ids=args.mask_ids)
    finally:
        store.close()
    result = {"ok": True, "file": str(target), "members": count, "masked_ids": args.mask_ids}
    masked = "（已隐去身份证号码中间部分、出生日和手机号码中间四位）" if args.mask_ids else ""
    print_result(result, as_json=args.json, lines=[f"已导出 {count} 名在册党员到 {target}{masked}"])
    return EXIT_OK


def read_password_file(name: str, *, what: str = "密码") -> str:
    """The first line of a password file (``--password-file``, ``--lock-password-file``);
    :class:`UserError` in Chinese when it cannot be read or the line is empty."""
    from jianshi_desktop.errors import UserError

    try:
        lines = Path(name).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"无法读取{what}文件“{name}”。") from exc
    if not lines or not lines[0]:
        raise UserError(f"{what}文件“{name}”的第一行是空的。")
    return lines[0]


def has_terminal() -> bool:
    """Whether someone can answer a question typed on the terminal (not a script, not
    pythonw on Windows, where ``sys.stdin`` is None)."""
    return sys.stdin is not None and sys.stdin.isatty()


def print_result(result: dict[str, Any], *, as_json: bool, lines: Sequence[str]) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=None, default=str))
    else:
        for line in lines:
            print(line)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.county and args.demo:
        parser.error("--county 不能和 --demo 一起使用（演示数据是一个支部的，县局汇总不含支部）")
    return args
