"""``main.py county``: the county desk (县局汇总) on the command line.

    county import DIR [--password-file F ...] [--json]
    county matrix --period P --out FILE.xlsx [--late-days N] [--json]

Both work in a county data folder (``--county`` chooses the county desk's own folder;
``--data-dir`` any other). ``import`` marks a new, empty data folder as a county's and
refuses a branch's; ``matrix`` needs a county folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from jianshi_desktop.domain.county import LATE_DAYS

_NOT_COUNTY_HINT = (
    "请用 --county（不要同时给 --data-dir）使用县局汇总自己的数据文件夹，"
    "或用 --data-dir 指定一个县局汇总的（或新的空）数据文件夹。"
)


def add_county_commands(commands: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    county = commands.add_parser(
        "county",
        help="县局汇总：导入各校的报送包，生成全县工作完成情况表",
        description=(
            "县局汇总：把各学校党支部的报送包导入县局汇总的数据文件夹（逐个校验、只读保存），"
            "或生成一个期间的全县工作完成情况表（.xlsx）。\n"
            "请加 --county 使用县局汇总自己的数据文件夹（与支部的数据分开）。"
        ),
    )
    actions = county.add_subparsers(
        dest="county_command", title="命令", metavar="命令", parser_class=parser_class
    )
    actions.required = True
    importing = actions.add_parser(
        "import",
        help="导入一个文件夹（如U盘）中的全部报送包",
        description=(
            "在文件夹 DIR 及其子文件夹中找出全部报送包（.zip、.zip.enc），逐个校验后只读保存到"
            "县局汇总的数据文件夹：校验不通过的不导入并说明原因；同一个文件再导入一次不会重复；"
            "同一学校同一期间较新的报送包取代较旧的（旧的作为历史保存）；签名密钥与以前不同的"
            "单独存放、暂不采用，请电话向学校核实。\n"
            "请加 --county 使用县局汇总自己的数据文件夹；一个新的空数据文件夹会被设为县局汇总用，"
            "支部的数据文件夹不能导入。\n"
            "返回值：0 = 全部导入（或以前已导入）；1 = 有未导入、需要密码或签名不符的报送包；"
            "2 = 命令行有误。"
        ),
    )
    importing.add_argument(
        "folder", metavar="DIR", help="放报送包的文件夹（如U盘），也可以是一个报送包文件"
    )
    importing.add_argument(
        "--password-file",
        metavar="F",
        action="append",
        default=[],
        help="设了密码的报送包的密码：文件中每行一个密码，逐个试用；可以给多个文件",
    )
    importing.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    importing.set_defaults(handler=_import_handler)
    matrix = actions.add_parser(
        "matrix",
        help="生成一个期间的全县工作完成情况表（.xlsx）",
        description=(
            "按已导入的有效报送包，生成一个期间的工作簿：“工作完成情况”（每所学校一行、每项"
            "工作要求一列，如“3/3 已完成”“缺报”）、“未报送”（没有报送或逾期报送的学校）、"
            "“组织设置”（任期将满、职务空缺、党员人数、党费欠缴等）。学校按名称排列，不排名次。"
        ),
    )
    matrix.add_argument(
        "--period",
        required=True,
        help="期间：2026Q3、2026-09、2026H1、2026 或 2026-07-01..2026-09-30",
    )
    matrix.add_argument("--out", required=True, metavar="FILE", help="要保存的工作簿（.xlsx）")
    matrix.add_argument(
        "--late-days",
        type=int,
        default=LATE_DAYS,
        metavar="N",
        help=f"报送包在期间结束 N 天以后生成的算逾期报送（默认 {LATE_DAYS} 天）",
    )
    matrix.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
    matrix.set_defaults(handler=_matrix_handler)


def _open_county_store(args: argparse.Namespace, *, may_mark: bool) -> Any:
    """The data folder, which must be a county's; a new, empty one is made one when
    ``may_mark``."""
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import county
    from jianshi_desktop.services.branch import current_branch_or_none
    from jianshi_desktop.services.store import open_store

    store = open_store(args.data_root)
    try:
        if county.is_county_folder():
            return store
        if current_branch_or_none() is not None:
            raise UserError(
                f"数据文件夹“{args.data_root}”是支部的数据文件夹，不是县局汇总的。",
                hint=_NOT_COUNTY_HINT,
            )
        if not may_mark:
            raise UserError(
                f"数据文件夹“{args.data_root}”还没有导入过报送包。",
                hint="请先用 county import 导入各学校的报送包。" + _NOT_COUNTY_HINT,
            )
        county.make_county_folder()
    except BaseException:
        store.close()
        raise
    return store


def _passwords(args: argparse.Namespace) -> list[str]:
    from jianshi_desktop.errors import UserError

    found: list[str] = []
    for name in args.password_file:
        try:
            lines = Path(name).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"无法读取密码文件“{name}”。") from exc
        found += [line for line in lines if line and line not in found]
    return found


def _progress(what: str, done: int, total: int) -> None:
    print(f"[{done}/{total}] {what}", file=sys.stderr, flush=True)


def _import_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import county
    from jianshi_desktop.submission.county import find_packages, import_packages, is_package_name

    source = Path(args.folder)
    passwords = _passwords(args)
    if source.is_file() and is_package_name(source.name):
        paths = [source]
    elif source.is_dir():
        paths = find_packages(source)
    else:
        raise UserError(f"找不到文件夹“{source}”。", hint="请确认U盘已插好，文件夹的名字没有写错。")
    if not paths:
        raise UserError(
            f"文件夹“{source}”中没有找到报送包（以 .zip 或 .zip.enc 结尾的文件）。",
            hint="请确认选的是放报送包的文件夹（如U盘）。",
        )
    store = _open_county_store(args, may_mark=True)
    try:
        results = import_packages(
            paths, store.data, passwords=passwords, progress=None if args.json else _progress
        )
    finally:
        store.close()
    counts = {o: 0 for o in ("imported", "duplicate", "refused", "needs_password")}
    for result in results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    held = [r for r in results if r.package is not None and r.outcome == "imported"
            and r.package.status == county.HELD]  # fmt: skip
    report = {
        "ok": not (counts["refused"] or counts["needs_password"] or held),
        "data_dir": str(args.data_root),
        "found": len(paths),
        **counts,
        "held": len(held),
        "results": [_result_json(r) for r in results],
    }
    lines = [r.text for r in results]
    lines.append(
        f"共找到 {len(paths)} 个报送包：导入 {counts['imported']} 个"
        + (f"（其中签名不符、暂不采用 {len(held)} 个）" if held else "")
        + f"，以前已导入 {counts['duplicate']} 个，未导入 {counts['refused']} 个"
        + (f"，需要密码 {counts['needs_password']} 个" if counts["needs_password"] else "")
        + "。"
    )
    if held:
        lines.append("签名不符的报送包请先电话向学校核实，再在县局汇总窗口中确认采用。")
    cli.print_result(report, as_json=args.json, lines=lines)
    return cli.EXIT_OK if report["ok"] else cli.EXIT_PROBLEMS


def _result_json(result: Any) -> dict[str, Any]:
    package = result.package
    return {
        "file": str(result.path),
        "outcome": result.outcome,
        "school": package.branch_name if package else None,
        "uid": package.branch_uid if package else None,
        "period": package.period_code if package else None,
        "period_label": package.period_label if package else None,
        "status": package.status if package else None,
        "status_label": package.status_label if package else None,
        "problems": list(result.problems),
        "notes": list(result.notes),
        "text": result.text,
    }


def _matrix_handler(args: argparse.Namespace) -> int:
    from jianshi_desktop import cli
    from jianshi_desktop.cli_render import _period
    from jianshi_desktop.errors import UserError
    from jianshi_desktop.services import county_aggregate

    period = _period(args.period)
    target = Path(args.out)
    if target.suffix.lower() != ".xlsx":
        raise UserError(
            f"文件名“{target.name}”应以 .xlsx 结尾。", hint="请换一个以 .xlsx 结尾的文件名。"
        )
    if not 0 <= args.late_days <= 366:
        raise UserError("--late-days 应是 0 到 366 之间的天数。")
    today = dt.date.today()
    store = _open_county_store(args, may_mark=False)
    try:
        shown, facts = county_aggregate.export_matrix(
            period, target, today=today, late_days=args.late_days
        )
    finally:
        store.close()
    schools = shown.schools
    nothing = [s for s in schools if not s.package_ids]  # 未报送: no package for the period
    partial = [s for s in schools if s.partial]  # 部分报送: part of the period received
    late = [s for s in schools if s.late]
    result = {
        "ok": True,
        "file": str(target),
        "period": period.code,
        "period_label": period.label,
        "late_days": args.late_days,
        "obligations": [{"key": k, "label": label} for k, label in shown.obligations],
        "schools": [
            {
                "uid": s.uid,
                "name": s.name,
                "packages": list(s.package_ids),
                "made_on": s.made_on,
                "missing": s.missing,
                "partial": s.partial,
                "gaps": list(s.gaps),
                "late": s.late,
                "cells": {
                    key: {
                        "required": c.required,
                        "done": c.done,
                        "late_entries": c.late_entries,
                        "state": c.state,
                        "state_label": c.state_label,
                        "periods": list(c.periods),
                        "subjects_short": list(c.subjects_short),
                        "missing_periods": list(c.missing_periods),
                    }
                    for key, c in s.cells.items()
                },
            }
            for s in schools
        ],
        "facts": [
            {
                "uid": f.uid,
                "school": f.school,
                "kind": f.kind,
                "text": f.text,
                "due": f.due.isoformat() if f.due else None,
            }
            for f in facts
        ],
    }
    lines = [
        f"已生成{period.label}全县工作完成情况表：{target}",
        f"  {len(schools)} 所学校：收到报送包 {len(schools) - len(nothing)} 所"
        + (f"（其中部分报送 {len(partial)} 所）" if partial else "")
        + (f"，未报送 {len(nothing)} 所" if nothing else "")
        + (f"，逾期报送 {len(late)} 所" if late else "")
        + "。",
        f"  组织设置情况 {len(facts)} 条。" if facts else "  没有需要关注的组织设置情况。",
    ]
    if not schools:
        lines.append("  还没有导入任何学校的报送包。")
    cli.print_result(result, as_json=args.json, lines=lines)
    return cli.EXIT_OK
