"""``main.py selftest``: check the data folder, the database, fonts and Qt, without a window.

Prints one line per check (or one JSON object with ``--json``); exit 0 when all pass, 1
when any fails. With ``--demo`` the folder is first filled with the demo branch.
"""

from __future__ import annotations

import argparse
import platform
import sys
from dataclasses import asdict, dataclass
from typing import Any

from jianshi_desktop import APP_NAME, __version__, cli
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import ui_dir

_REASONS = {
    "argument": "命令行 --data-dir 指定",
    "environment": "环境变量 JIANSHI_DATA_DIR 指定",
    "portable": "便携模式",
    "default": "默认位置",
}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str


def run_selftest(args: argparse.Namespace) -> int:
    checks: list[Check] = []
    result: dict[str, Any] = {
        "app": APP_NAME,
        "version": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "data_dir": str(args.data_root),
        "data_dir_reason": args.data_reason,
        "frozen": bool(getattr(sys, "frozen", False)),
    }
    store = None
    from jianshi_desktop.services.store import open_store

    try:
        store = open_store(args.data_root)
        checks.append(
            Check("数据文件夹", True, f"{args.data_root}（{_REASONS[args.data_reason]}），可写")
        )
    except UserError as exc:
        checks.append(Check("数据文件夹和数据库", False, str(exc)))
    if store is not None:
        checks.extend(_database_checks(store, demo=args.demo, result=result))
        store.close()
    checks.extend(_qt_checks(result))
    checks.extend(_pdf_font_checks(result))
    forms = sorted(p.name for p in ui_dir().glob("*.ui"))
    checks.append(
        Check(
            "界面文件",
            bool(forms),
            f"{len(forms)} 个（{ui_dir()}）" if forms else f"{ui_dir()} 中没有界面文件",
        )
    )
    ok = all(c.ok for c in checks)
    result["ok"] = ok
    result["checks"] = [asdict(c) for c in checks]
    lines = [f"{APP_NAME} {__version__} 自检"]
    lines += [f"  {'✓' if c.ok else '✗'} {c.name}：{c.detail}" for c in checks]
    lines.append("自检通过。" if ok else "自检发现问题，请按上面标 ✗ 的说明处理。")
    cli.print_result(result, as_json=args.json, lines=lines)
    return cli.EXIT_OK if ok else cli.EXIT_PROBLEMS


def _database_checks(store: Any, *, demo: bool, result: dict[str, Any]) -> list[Check]:
    from jianshi_desktop.db.database import schema_version
    from jianshi_desktop.db.migrations import LATEST_VERSION
    from jianshi_desktop.services.branch import branch_info
    from jianshi_desktop.services.demo import ensure_demo

    checks: list[Check] = []
    version = schema_version(store.db)
    result["schema_version"] = version
    checks.append(
        Check(
            "数据库",
            version == LATEST_VERSION,
            f"{store.data.database}，数据版本 {version}，完整性检查通过",
        )
    )
    if demo:
        try:
            filled = ensure_demo(store)
            checks.append(Check("演示数据", True, "已填入演示支部" if filled else "演示支部已存在"))
        except UserError as exc:
            checks.append(Check("演示数据", False, str(exc)))
    info = branch_info()
    if info is None:
        result["branch"] = None
        checks.append(Check("支部", True, "尚未建立（第一次打开程序窗口时建立）"))
    else:
        result["branch"] = {
            "name": info.name,
            "uid": info.uid,
            "is_demo": info.is_demo,
            "members": info.active_members,
        }
        demo_ok = not demo or info.active_members > 0
        label = "（演示数据）" if info.is_demo else ""
        checks.append(
            Check(
                "支部",
                demo_ok,
                f"{info.name}{label}，在册党员 {info.active_members} 名",
            )
        )
    return checks


def _pdf_font_checks(result: dict[str, Any]) -> list[Check]:
    """The fonts documents are written with: every one must be embeddable TrueType."""
    from jianshi_desktop.documents.fonts import resolve_fonts

    try:
        fonts = resolve_fonts()
    except UserError as exc:
        return [Check("文书字体", False, str(exc))]
    result["pdf_fonts"] = {role: str(choice.face.path) for role, choice in fonts.choices.items()}
    return [Check("文书字体", True, "；".join(fonts.describe()))]


def _qt_checks(result: dict[str, Any]) -> list[Check]:
    try:
        from jianshi_desktop.gui.qtcheck import inspect_qt

        facts = inspect_qt()
    except Exception as exc:  # a broken Qt install must be reported, not crash the check
        return [Check("Qt 界面库", False, f"无法启动 Qt：{exc}。请按 README 安装系统依赖。")]
    result["qt"] = asdict(facts)
    fonts = facts.chinese_fonts
    return [
        Check("Qt 界面库", True, f"Qt {facts.qt_version}"),
        Check(
            "中文字体",
            bool(fonts),
            f"{len(fonts)} 种，如 {'、'.join(fonts[:3])}"
            if fonts
            else "没有找到能显示中文的字体。Debian/统信/麒麟：请安装 fonts-wqy-zenhei；"
            "Windows 系统自带中文字体。",
        ),
        Check(
            "Qt 中文翻译",
            facts.translation_loaded,
            "已加载（按钮显示为“确定/取消”）"
            if facts.translation_loaded
            else f"在 {facts.translations_dir} 中找不到 qtbase_zh_CN.qm，按钮会显示英文。",
        ),
    ]
