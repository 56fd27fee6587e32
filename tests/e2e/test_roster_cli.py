"""``python main.py roster import|export`` as a user types it, in a fresh process."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import open_store
from tests.unit import roster_workbooks as wb

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "data" / "roster-sample.xlsx"


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("JIANSHI_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--no-crash-dialog", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with a branch set up, as after the first start."""
    folder = tmp_path / "data"
    store = open_store(folder, log_to_file=False)
    try:
        create_branch(
            BranchDraft(name="中共建始县某某小学支部委员会", founded_on=dt.date(2010, 9, 1))
        )
    finally:
        store.close()
    return folder


def roster(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return main_py("--data-dir", str(data_dir), "roster", *args)


def as_json(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_import_the_sample_then_again(data_dir: Path) -> None:
    first = roster(data_dir, "import", str(SAMPLE))
    assert first.returncode == 0, first.stderr
    assert "新增 23 名：丁雪艳、冯永" in first.stdout
    assert "导入完成：新增 23 名，更新 0 名，无变化 0 名，有问题未导入 0 行。" in first.stdout

    second = roster(data_dir, "import", str(SAMPLE), "--json")
    assert second.returncode == 0, second.stderr
    report = as_json(second)
    assert report["ok"] is True
    assert report["counts"] == {"new": 0, "update": 0, "unchanged": 23, "problem": 0}
    assert len(report["unchanged"]) == 23  # type: ignore[arg-type]
    assert report["problems"] == []


def test_dry_run_saves_nothing(data_dir: Path) -> None:
    done = roster(data_dir, "import", str(SAMPLE), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "将新增 23 名" in done.stdout
    assert "没有保存任何数据" in done.stdout
    again = as_json(roster(data_dir, "import", str(SAMPLE), "--dry-run", "--json"))
    assert again["counts"] == {"new": 23, "update": 0, "unchanged": 0, "problem": 0}


def test_problem_rows_are_listed_the_rest_imported_exit_1(data_dir: Path, tmp_path: Path) -> None:
    bad = wb.wrong_check(str(wb.person(2)["身份证号码"]))
    right = str(wb.person(2)["身份证号码"])[17]
    source = wb.roster(
        tmp_path / "花名册.xlsx",
        [wb.person(1), wb.person(2, 身份证号码=bad), wb.person(3, 联系电话="1381234567")],
    )
    problems_out = tmp_path / "问题行.xlsx"
    done = roster(data_dir, "import", str(source), "--problems-out", str(problems_out))
    assert done.returncode == 1, done.stderr
    assert "有问题 2 行（未导入，请改正后再导入）：" in done.stdout
    assert (
        f"第4行 身份证号码：身份证号码最后一位校验码不正确（应为 {right}），请核对。" in done.stdout
    )
    assert "第5行 联系电话：手机号码应为11位数字，“1381234567”是10位，请核对。" in done.stdout
    assert "新增 1 名" in done.stdout
    assert f"有问题的行已另存为：{problems_out}" in done.stdout
    sheet = openpyxl.load_workbook(problems_out).active
    assert sheet.max_row == 3

    report = as_json(roster(data_dir, "import", str(source), "--json"))
    assert report["ok"] is False
    assert report["counts"] == {"new": 0, "update": 0, "unchanged": 1, "problem": 2}
    assert {
        "row": 4,
        "column": "身份证号码",
        "field": "id_number",
        "severity": "error",
    }.items() <= (
        report["problems"][0].items()  # type: ignore[index]
    )


def test_export_then_import_back_unchanged(data_dir: Path, tmp_path: Path) -> None:
    assert roster(data_dir, "import", str(SAMPLE)).returncode == 0
    out = tmp_path / "导出花名册.xlsx"
    done = roster(data_dir, "export", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已导出 23 名在册党员到 {out}"
    back = as_json(roster(data_dir, "import", str(out), "--json"))
    assert back["counts"] == {"new": 0, "update": 0, "unchanged": 23, "problem": 0}

    masked = tmp_path / "masked.xlsx"
    report = as_json(roster(data_dir, "export", str(masked), "--mask-ids", "--json"))
    assert report == {"ok": True, "file": str(masked), "members": 23, "masked_ids": True}
    assert openpyxl.load_workbook(masked).active["F3"].value == "422822********116X"


def test_demo_before_the_command(tmp_path: Path) -> None:
    out = tmp_path / "demo.xlsx"
    done = main_py("--data-dir", str(tmp_path / "demo"), "--demo", "roster", "export", str(out))
    assert done.returncode == 0, done.stderr
    assert "已导出 23 名在册党员" in done.stdout
    assert out.is_file()


def test_without_a_branch_exit_1_with_a_chinese_message(tmp_path: Path) -> None:
    done = main_py("--data-dir", str(tmp_path / "empty"), "roster", "import", str(SAMPLE))
    assert done.returncode == 1
    assert "还没有建立支部" in done.stderr
    assert "--demo" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_file_exit_1_and_json_error(data_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken")
    done = roster(data_dir, "import", str(broken))
    assert done.returncode == 1
    assert done.stderr.startswith("错误：无法导入“坏文件.xlsx”")
    assert "Traceback" not in done.stderr
    report = as_json(roster(data_dir, "import", str(broken), "--json"))
    assert report["ok"] is False
    assert "坏文件.xlsx" in str(report["error"])


def test_wrong_usage_exit_2(data_dir: Path) -> None:
    for args in ((), ("import",), ("import", "a.xlsx", "--nope"), ("export",), ("delete",)):
        done = roster(data_dir, *args)
        assert done.returncode == 2, args
        assert "命令行有误" in done.stderr
        assert "Traceback" not in done.stderr


def test_help_is_in_chinese() -> None:
    done = main_py("roster", "import", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：")
    for words in ("--dry-run", "--problems-out", "--json", "不保存任何数据", "返回值"):
        assert words in done.stdout
    top = main_py("--help")
    assert "roster" in top.stdout and "花名册" in top.stdout
