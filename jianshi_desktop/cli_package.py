"""``main.py package``: the submission package on the command line.

    package export --period 2020Q3 --out DIR [--password-file F] [--full-ids]
                   [--include-confidential] [--include-students] [--json]
    package verify FILE [--password-file F] [--accept-new-key] [--json]

``verify`` needs no branch: it is what the county side runs on a received package. It
remembers the signing key of each branch in its data folder (when one can be opened) and
refuses a package of a known branch signed by another key, unless announced by the old
key or accepted with ``--accept-new-key`` after a phone call to the branch.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def add_package_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    package = commands.add_parser(
        "package",
        help="报送包：导出一个期间的报送包，或校验收到的报送包",
        description="导出一个期间的报送包（zip，可设密码），或校验一个报送包是否完整、未被改动。",
    )
    actions = package.add_subparsers(
        dest="package_command", title="命令", metavar="命令", parser_class=parser_class
    )
    actions.required = True
    export = actions.add_parser(
        "export",
        help="导出报送包",
        description="把一个期间的文书、台账、数据和附件打成一个报送包。",
    )
    export.add_argument(
        "--period",
        required=True,
        help="期间：2020Q3、2020-09、2020H1、2020 或 2020-07-01..2020-09-30",
    )
    export.add_argument("--out", required=True, metavar="DIR", help="保存到的文件夹（如U盘）")
    export.add_argument(
        "--password-file", metavar="F", help="从文件读取密码（第一行），设置后报送包加密保存"
    )
    export.add_argument(
        "--full-ids", action="store_true", help="花名册包含完整身份证号码（默认隐去中间部分）"
    )
    export.add_argument(
        "--include-confidential", action="store_true", help="包括保密的提醒谈话（默认不包括）"
    )
    export.add_argument(
        "--include-students",
        action="store_true",
        help="包含结对帮扶学生的姓名、帮扶内容和照片（默认只有编号和次数）",
    )
    export.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    from jianshi_desktop.cli_lock import add_lock_password_option

    add_lock_password_option(export)
    export.set_defaults(handler=_export_handler)
    verify = actions.add_parser(
        "verify",
        help="校验报送包",
        description="检查报送包的清单、签名、每个文件的校验值和数据版本。",
    )
    verify.add_argument("file", help="报送包文件")
    verify.add_argument("--password-file", metavar="F", help="从文件读取密码（第一行）")
    verify.add_argument(
        "--accept-new-key",
        action="store_true",
        help="已电话向支部核实后，接受与以前不同的签名密钥（或没有签名的报送包）",
    )
    verify.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    verify.set_defaults(handler=_verify_handler)


def _password(args: argparse.Namespace) -> str:
    from jianshi_desktop import cli

    return cli.read_password_file(args.password_file) if args.password_file else ""


def _export_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.cli_render import _period
    from jianshi_desktop.submission.package import PackageOptions, build_package, plan_package

    password = _password(args)
    store = cli._open_branch_store(args, daily_backup=False)  # the export backs up first
    try:
        if args.full_ids:  # full ID numbers: the 启动密码 when one is set
            from jianshi_desktop.cli_lock import confirm_lock_password

            confirm_lock_password(args, "导出完整身份证号码")
        period = _period(args.period)
        options = PackageOptions(
            full_ids=args.full_ids,
            include_confidential=args.include_confidential,
            include_students=args.include_students,
            password=password,
        )
        plan = plan_package(period, options)
        result = build_package(store.data, period, Path(args.out), options)
    finally:
        store.close()
    lines = [
        f"已生成并校验报送包：{result.path}",
        f"  {len(plan.records)} 份记录，{plan.attachments} 个附件，共 {result.files} 个文件，"
        f"{result.size / (1 << 20):.1f} MB{'，已加密' if result.encrypted else ''}",
        *(f"  注意：{note}" for note in plan.notes),
        "请在电脑上“安全弹出”U盘后再拔出。",
    ]
    cli.print_result(
        {
            "ok": True,
            "file": str(result.path),
            "files": result.files,
            "size": result.size,
            "encrypted": result.encrypted,
            "records": len(plan.records),
            "attachments": plan.attachments,
            "notes": plan.notes,
        },
        as_json=args.json,
        lines=lines,
    )
    return cli.EXIT_OK


def _verify_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.submission.verify import UNSIGNED, verify_package

    root = getattr(args, "data_root", None)
    report = verify_package(Path(args.file), password=_password(args))
    accept = bool(getattr(args, "accept_new_key", False))
    if report.ok and (root is None or not _check_signer_in(Path(root), report, accept)):
        report.notes.append(  # nothing remembered to compare with
            "没有打开数据文件夹，无法和以前收到的报送包核对签名密钥；请和支部报告末尾印的指纹核对。"
            if report.signer is not None
            else f"签名：{UNSIGNED}。无法核对是谁发出的。"
        )
    manifest = report.manifest or {}
    if report.ok:
        lines = [
            f"报送包完整，未被改动：{report.path}",
            f"  支部：{manifest['branch']['name']}；期间：{manifest['period']['label']}；"
            f"生成于 {manifest['created_at']}",
            *([f"  签名指纹：{report.fingerprint}"] if report.fingerprint else []),
            *(f"  {note}" for note in report.notes),
            f"  共 {len(report.files)} 个文件：",
            *(f"    {f['path']}" for f in report.files),
        ]
    else:
        lines = ["报送包校验未通过：", *(f"  ✗ {p}" for p in report.problems)]
        if report.fingerprint:
            lines.append(f"  这个报送包的签名指纹：{report.fingerprint}")
    cli.print_result(report.summary(), as_json=args.json, lines=lines)
    return cli.EXIT_OK if report.ok else cli.EXIT_PROBLEMS


def _check_signer_in(root: Path, report: Any, accept: bool) -> bool:
    """Judge the signer against the keys remembered in the data folder at ``root``;
    False when the folder cannot be opened (the check then remembers nothing)."""
    import logging

    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services.store import open_store
    from jianshi_desktop.submission.signers import check_signer

    try:
        store = open_store(root)
    # a folder that cannot be made, written or opened as ours (open_store says which):
    # the check itself stands; only the memory is missing
    except (UserError, OSError) as exc:
        logging.getLogger(__name__).warning("No data folder to remember keys in: %s", exc)
        return False
    try:
        check_signer(report, accept_new_key=accept)
    finally:
        store.close()
    return True
