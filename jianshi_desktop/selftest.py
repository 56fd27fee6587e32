"""``main.py selftest``: check the data folder, the database, fonts and Qt, without a window.

Prints one line per check (or one JSON object with ``--json``); exit 0 when all pass, 1
when any fails. With ``--demo`` the folder is first filled with the demo branch.

It also proves the install is complete: every module of the program (pages, wizards,
documents, packages, commands) and every library it loads on first use
(:data:`~jianshi_desktop.install_check.THIRD_PARTY_MODULES`) is imported, Qt's platform
plugin is looked for, and the main window is built, shown and closed on Qt's offscreen
platform — on the data folder's branch, or on a demo branch in a throwaway folder when the
folder has none. The PyInstaller build runs this, so a bundle that lacks a module fails its
own build.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import platform
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jianshi_desktop
from jianshi_desktop import APP_NAME, __version__, cli, crash, install_check
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
    window_env = dict(os.environ)  # what the window would use, before offscreen is forced
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists
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
    has_branch = False
    if store is not None:
        checks.extend(_database_checks(store, demo=args.demo, result=result))
        has_branch = result.get("branch") is not None
        store.close()
    checks.extend(_module_checks(result))
    checks.extend(_qt_checks(result, window_env))
    county = bool(result.get("county"))
    checks.append(
        _main_window_check(args.data_root if has_branch or county else None, result, county=county)
    )
    checks.extend(_pdf_font_checks(result))
    checks.append(_rules_check())
    checks.append(_recruitment_rules_check())
    checks.append(_training_rules_check())
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
    from jianshi_desktop.services.county import is_county_folder

    result["county"] = info is None and is_county_folder()
    if result["county"]:  # 县局汇总: a county desk's folder holds no branch
        result["branch"] = None
        checks.append(Check("用途", True, "县局汇总（汇总各校报送包，不登记支部）"))
    elif info is None:
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


def _rules_check() -> Check:
    """The rule data shipped in resources/rules/ reads: the 党费 rate tables (a later rule
    is a new dated table — a slip in it would stop every dues page)."""
    from jianshi_desktop.domain.dues import DuesInputError
    from jianshi_desktop.services import dues_ledger

    try:
        tables = dues_ledger.rate_tables()
    except (OSError, DuesInputError) as exc:
        return Check("党费交纳标准", False, str(exc))
    latest = tables[-1].valid_from
    return Check(
        "党费交纳标准", True, f"{len(tables)} 套，现行标准自{latest.year}年{latest.month}月起"
    )


def _recruitment_rules_check() -> Check:
    """resources/rules/recruitment.json reads: the 25 steps of 发展党员 ("525")."""
    from jianshi_desktop.domain.recruitment import RecruitmentRulesError
    from jianshi_desktop.services import recruitment

    try:
        rules = recruitment.rules()
    except (OSError, RecruitmentRulesError) as exc:
        return Check("发展党员程序", False, str(exc))
    return Check("发展党员程序", True, f"{len(rules.stage_names)} 个阶段 {len(rules.steps)} 个步骤")


def _training_rules_check() -> Check:
    """resources/rules/training.json reads: the yearly minimum of 学习培训 学时."""
    from jianshi_desktop.domain.training import TrainingRulesError, format_hours
    from jianshi_desktop.services import trainings

    try:
        rules = trainings.training_rules()
    except TrainingRulesError as exc:
        return Check("学习培训学时要求", False, str(exc))
    minimum = format_hours(rules.min_hours_per_year)
    return Check("学习培训学时要求", True, f"每年不少于{minimum}学时")


def _pdf_font_checks(result: dict[str, Any]) -> list[Check]:
    """The fonts documents are written with: every one must be embeddable TrueType."""
    from jianshi_desktop.documents.fonts import resolve_fonts

    try:
        fonts = resolve_fonts()
    except UserError as exc:
        return [Check("文书字体", False, str(exc))]
    result["pdf_fonts"] = {role: str(choice.face.path) for role, choice in fonts.choices.items()}
    return [Check("文书字体", True, "；".join(fonts.describe()))]


def program_modules() -> list[str]:
    """Every module of the program, as the running copy has them (source or bundle)."""
    found = [
        info.name
        for info in pkgutil.walk_packages(
            jianshi_desktop.__path__, "jianshi_desktop.", onerror=lambda _name: None
        )
    ]
    return sorted({"jianshi_desktop", *found})


def _import_all(names: list[str] | tuple[str, ...]) -> dict[str, BaseException]:
    """Import each of ``names``; the ones that failed, with their errors."""
    failed: dict[str, BaseException] = {}
    for name in names:
        with crash.reported() as failure:  # a missing or broken module is what this looks for
            importlib.import_module(name)
        if failure.error is not None:
            failed[name] = failure.error
    return failed


def _missing_line(failed: dict[str, BaseException]) -> str:
    """One line for the failed imports, grouped by what is missing."""
    groups: dict[str, list[str]] = {}
    for name, exc in failed.items():
        missing = install_check.missing_module(exc)
        cause = f"缺少“{missing}”" if missing else f"{type(exc).__name__}: {exc}"
        groups.setdefault(cause, []).append(name)
    parts = []
    for cause, names in groups.items():
        more = f" 等 {len(names)} 个" if len(names) > 3 else ""
        parts.append(f"{cause}，无法载入 {'、'.join(names[:3])}{more}")
    return f"{'；'.join(parts)}。程序文件不完整：{install_check.reinstall_hint()}"


def _errors(failed: dict[str, BaseException]) -> dict[str, str]:
    return {name: f"{type(exc).__name__}: {exc}" for name, exc in failed.items()}


def _module_checks(result: dict[str, Any]) -> list[Check]:
    """Every page, wizard, document, package and command module, and every library the
    program loads on first use, imported now: a missing one fails here, not in use."""
    modules = program_modules()
    failed_modules = _import_all(modules)
    libraries = install_check.THIRD_PARTY_MODULES
    failed_libraries = _import_all(libraries)
    result["modules"] = {"count": len(modules), "failed": _errors(failed_modules)}
    result["libraries"] = {"names": list(libraries), "failed": _errors(failed_libraries)}
    roots = sorted({name.split(".")[0] for name in libraries})
    return [
        Check(
            "程序模块",
            not failed_modules,
            _missing_line(failed_modules) if failed_modules else f"{len(modules)} 个，全部能载入",
        ),
        Check(
            "第三方库",
            not failed_libraries,
            _missing_line(failed_libraries)
            if failed_libraries
            else f"{len(libraries)} 个模块全部能载入（{'、'.join(roots)}）",
        ),
    ]


def _main_window_check(
    data_root: Path | None, result: dict[str, Any], *, county: bool = False
) -> Check:
    """Build, show and close the main window offscreen: on the data folder's branch, or on
    a demo branch in a throwaway folder when the data folder has none (or cannot be used).
    The window's size is kept in a throwaway folder; the data folder gets no window.ini."""
    name = "主窗口"
    with tempfile.TemporaryDirectory(
        prefix="jianshi-selftest-", ignore_cleanup_errors=True
    ) as scratch:
        state_dir = Path(scratch) / "state"
        state_dir.mkdir()
        # every failure becomes a ✗ line, never a traceback
        with crash.reported() as failure:
            from jianshi_desktop.gui.qtcheck import build_county_window, build_main_window

            if data_root is not None and county:  # 县局汇总's own window
                title = build_county_window(data_root, state_dir)
                where = "在县局汇总的数据文件夹上"
            elif data_root is not None:
                title = build_main_window(data_root, state_dir)
                where = "在数据文件夹的支部上"
            else:
                demo_root = Path(scratch) / "demo"
                _fill_demo(demo_root)
                title = build_main_window(demo_root, state_dir)
                where = "数据文件夹中还没有支部，在临时文件夹的演示支部上"
        if (exc := failure.error) is not None:
            result["main_window"] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            message = install_check.damaged_install_message(exc)
            return Check(name, False, message or f"无法建立主窗口：{type(exc).__name__}: {exc}")
    result["main_window"] = {"ok": True, "title": title, "demo_copy": data_root is None}
    return Check(name, True, f"{where}建立、显示并关闭了主窗口（{title}）")


def _fill_demo(root: Path) -> None:
    from jianshi_desktop.services.demo import ensure_demo
    from jianshi_desktop.services.store import open_store

    store = open_store(root, log_to_file=False)
    try:
        ensure_demo(store)
    finally:
        store.close()


def _qt_checks(result: dict[str, Any], window_env: dict[str, str]) -> list[Check]:
    with crash.reported() as failure:  # a broken Qt install is reported, not a crash
        from jianshi_desktop.gui.qtcheck import inspect_qt, platform_plugin_problem

        plugin_problem = platform_plugin_problem(window_env)
        facts = inspect_qt()
    if (exc := failure.error) is not None:
        message = install_check.damaged_install_message(exc)
        return [
            Check(
                "Qt 界面库",
                False,
                message or f"无法启动 Qt：{exc}。请按 README 安装系统依赖。",
            )
        ]
    result["qt"] = asdict(facts)
    platforms = "、".join(install_check.wanted_platforms(window_env))
    fonts = facts.chinese_fonts
    if facts.bundled_font:
        font_line = (
            f"系统没有能显示中文的字体，程序附带的“{facts.bundled_font}”代替"
            "（界面可以正常显示中文）。Debian/统信/麒麟上可安装 fonts-wqy-zenhei。"
        )
    elif fonts:
        font_line = f"{len(fonts)} 种，如 {'、'.join(fonts[:3])}；界面使用 {facts.default_font}"
    else:
        font_line = (
            "没有找到能显示中文的字体，程序附带的字体也无法载入。"
            "Debian/统信/麒麟：请安装 fonts-wqy-zenhei；Windows 系统自带中文字体。"
        )
    return [
        Check("Qt 界面库", True, f"Qt {facts.qt_version}"),
        Check(
            "Qt 平台插件",
            plugin_problem is None,
            plugin_problem
            or f"{platforms} 插件存在（打开程序窗口时使用；自检本身在离屏平台上进行）",
        ),
        Check("中文字体", bool(fonts) or bool(facts.bundled_font), font_line),
        Check(
            "Qt 中文翻译",
            facts.translation_loaded,
            "已加载（按钮显示为“确定/取消”）"
            if facts.translation_loaded
            else f"在 {facts.translations_dir} 中找不到 qtbase_zh_CN.qm，按钮会显示英文。",
        ),
    ]
