"""``main.py backup``: the backups on the command line.

    backup list [--json]
    backup create [--json]
    backup restore FILE [--yes] [--json]

``restore`` backs up the present data first. It asks for confirmation on a terminal;
without a terminal (a script) it refuses unless ``--yes`` is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

CONFIRM_WORDS = ("是", "y", "yes", "恢复")


def add_backup_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    backup = commands.add_parser(
        "backup",
        help="备份：列出备份、立即备份，或从备份恢复",
        description=(
            "每个备份包括数据库和它用到的附件，存放在数据文件夹的 backups 子文件夹中。"
            "程序每天自动备份一次，导入、导出报送包、恢复和升级之前也会自动备份。"
        ),
    )
    actions = backup.add_subparsers(
        dest="backup_command", title="命令", metavar="命令", parser_class=parser_class
    )
    actions.required = True
    listing = actions.add_parser(
        "list",
        help="列出所有备份（最新的在前）",
        description="列出所有备份：时间、原因、大小、文件。",
    )
    listing.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    listing.set_defaults(handler=_list_handler)
    create = actions.add_parser(
        "create", help="立即备份", description="立即备份数据库和它用到的附件（原因记为“手动”）。"
    )
    create.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    create.set_defaults(handler=_create_handler)
    restore = actions.add_parser(
        "restore",
        help="从一个备份恢复（先自动备份现在的数据）",
        description=(
            "用一个备份替换现在的数据库和附件。恢复之前，现在的数据会先备份（原因记为“恢复前”），"
            "需要时可以再恢复回来。\n"
            "在终端中运行时会先请你确认；没有终端时（例如在脚本中）必须加 --yes。\n"
            "返回值：0 = 已恢复；1 = 无法恢复；2 = 命令行有误或没有确认。"
        ),
    )
    restore.add_argument(
        "file", metavar="FILE", help="备份的数据库文件（backup list 列出的文件，或它的文件名）"
    )
    restore.add_argument("--yes", action="store_true", help="不再询问，直接恢复")
    restore.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    restore.set_defaults(handler=_restore_handler)


def _list_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.paths import DataDir
    from jianshi_desktop.services.backups import list_backups, size_text

    data = DataDir(Path(args.data_root))  # read only: works on a damaged database too
    found = list_backups(data)
    lines = [f"数据文件夹：{data.root}"]
    if not found:
        lines.append("还没有备份。可以运行“backup create”立即备份。")
    for backup in found:
        extra = "" if backup.has_manifest else "（只有数据库，没有附件）"
        lines.append(
            f"{backup.when}  {backup.label:<4}  {size_text(backup.size):>8}  "
            f"{backup.path.name}{extra}"
        )
    cli.print_result(
        {"ok": True, "folder": str(data.backups), "backups": [b.as_dict() for b in found]},
        as_json=args.json,
        lines=lines,
    )
    return cli.EXIT_OK


def _create_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.services.backups import MANUAL, create_backup, size_text
    from jianshi_desktop.services.store import open_store

    store = open_store(Path(args.data_root))
    try:
        if args.demo:
            from jianshi_desktop.services.demo import ensure_demo

            ensure_demo(store)
        made = create_backup(store.data, MANUAL, db=store.db)
    finally:
        store.close()
    cli.print_result(
        {"ok": True, "backup": made.as_dict()},
        as_json=args.json,
        lines=[f"已备份到 {made.path}（{size_text(made.size)}，{len(made.attachments)} 个附件）"],
    )
    return cli.EXIT_OK


def _confirmed(question: str) -> bool:
    print(question, flush=True)
    try:
        answer = input("确定恢复吗？输入“是”确认，直接回车取消：")
    except EOFError:
        return False
    return answer.strip().lower() in CONFIRM_WORDS


def _restore_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.db.database import close_database
    from jianshi_desktop.paths import DataDir, prepare_data_dir
    from jianshi_desktop.services.backups import (
        DamagedDatabaseError,
        check_restorable,
        find_backup,
        restore_backup,
    )
    from jianshi_desktop.services.store import open_store

    data = DataDir(Path(args.data_root))
    backup = find_backup(data, args.file)
    check_restorable(backup)
    question = (
        f"将用 {backup.when} 的“{backup.label}”备份（{backup.path.name}）替换现在的全部数据。"
        "恢复之前，现在的数据会先备份（“恢复前”），需要时可以再恢复回来。"
    )
    if not args.yes:
        if not cli.has_terminal():
            message = "没有确认，所以没有恢复。在脚本中恢复时请加 --yes。"
            if args.json:
                cli.print_result({"ok": False, "error": message}, as_json=True, lines=())
            else:
                print(f"错误：{message}", file=sys.stderr)
            return cli.EXIT_USAGE
        if not _confirmed(question):
            print("已取消，没有恢复，数据没有改动。")
            return cli.EXIT_USAGE
    try:
        store = open_store(data.root)
    except DamagedDatabaseError as exc:  # kept as it is, then replaced
        print(f"注意：{exc.message}现在的数据库会原样另存后再恢复。", file=sys.stderr)
        prepare_data_dir(data.root)
        close_database()
    else:
        data = store.data
    try:
        result = restore_backup(data, backup)
    finally:
        close_database()
    lines = [f"已从 {backup.when} 的“{backup.label}”备份恢复：{backup.path}"]
    if result.before is not None:
        lines.append(f"恢复前的数据已备份为：{result.before.path}")
    if result.kept_damaged is not None:
        lines.append(f"原来的数据库已原样另存在：{result.kept_damaged}")
    if result.missing_attachments:
        lines.append(f"注意：有 {len(result.missing_attachments)} 个附件在备份中找不到，没有恢复。")
    cli.print_result(
        {
            "ok": True,
            "restored": backup.as_dict(),
            "before": result.before.as_dict() if result.before else None,
            "kept_damaged": str(result.kept_damaged) if result.kept_damaged else None,
            "missing_attachments": list(result.missing_attachments),
        },
        as_json=args.json,
        lines=lines,
    )
    return cli.EXIT_OK
