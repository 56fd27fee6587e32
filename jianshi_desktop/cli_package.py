"""``main.py package``: the submission package on the command line.

    package export --period 2020Q3 --out DIR [--password-file F] [--full-ids]
                   [--include-confidential] [--json]
    package verify FILE [--password-file F] [--json]

``verify`` needs no data folder: it is what the county side runs on a received package.
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
    export.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    export.set_defaults(handler=_export_handler)
    verify = actions.add_parser(
        "verify", help="校验报送包", description="检查报送包的清单、每个文件的校验值和数据版本。"
    )
    verify.add_argument("file", help="报送包文件")
    verify.add_argument("--password-file", metavar="F", help="从文件读取密码（第一行）")
    verify.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    verify.set_defaults(handler=_verify_handler)


def _password(args: argparse.Namespace) -> str:
    from jianshi_desktop.errors import UserError

    if not args.password_file:
        return ""
    try:
        lines = Path(args.password_file).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"无法读取密码文件“{args.password_file}”。") from exc
    if not lines or not lines[0]:
        raise UserError(f"密码文件“{args.password_file}”的第一行是空的。")
    return lines[0]


def _export_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.cli_render import _period
    from jianshi_desktop.submission.package import PackageOptions, build_package, plan_package

    password = _password(args)
    store = cli._open_branch_store(args)
    try:
        period = _period(args.period)
        options = PackageOptions(
            full_ids=args.full_ids,
            include_confidential=args.include_confidential,
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
    from jianshi_desktop.paths import DataDir
    from jianshi_desktop.submission.verify import verify_package

    # an encrypted package is decrypted for the check inside the data folder (tmp/)
    root = getattr(args, "data_root", None)
    scratch = DataDir(Path(root)).temp if root is not None else None
    report = verify_package(Path(args.file), password=_password(args), scratch=scratch)
    manifest = report.manifest or {}
    if report.ok:
        lines = [
            f"报送包完整，未被改动：{report.path}",
            f"  支部：{manifest['branch']['name']}；期间：{manifest['period']['label']}；"
            f"生成于 {manifest['created_at']}",
            f"  共 {len(report.files)} 个文件：",
            *(f"    {f['path']}" for f in report.files),
        ]
    else:
        lines = ["报送包校验未通过：", *(f"  ✗ {p}" for p in report.problems)]
    cli.print_result(report.summary(), as_json=args.json, lines=lines)
    return cli.EXIT_OK if report.ok else cli.EXIT_PROBLEMS
