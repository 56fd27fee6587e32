"""``python main.py roster import|export`` as a user types it, in a fresh process."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import openpyxl

from tests.support import ROSTER_SAMPLE, run_main
from tests.unit import roster_workbooks as wb


def roster(branch_folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_main("--data-dir", str(branch_folder), "roster", *args)


def as_json(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_import_the_sample_then_again(branch_folder: Path) -> None:
    first = roster(branch_folder, "import", str(ROSTER_SAMPLE))
    assert first.returncode == 0, first.stderr
    assert "新增 23 名：丁雪艳、冯永" in first.stdout
    assert "导入完成：新增 23 名，更新 0 名，无变化 0 名，有问题未导入 0 行。" in first.stdout

    second = roster(branch_folder, "import", str(ROSTER_SAMPLE), "--json")
    assert second.returncode == 0, second.stderr
    report = as_json(second)
    assert report["ok"] is True
    assert report["counts"] == {"new": 0, "update": 0, "unchanged": 23, "problem": 0}
    assert len(report["unchanged"]) == 23  # type: ignore[arg-type]
    assert report["problems"] == []


def test_dry_run_saves_nothing(branch_folder: Path) -> None:
    done = roster(branch_folder, "import", str(ROSTER_SAMPLE), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "将新增 23 名" in done.stdout
    assert "没有保存任何数据" in done.stdout
    again = as_json(roster(branch_folder, "import", str(ROSTER_SAMPLE), "--dry-run", "--json"))
    assert again["counts"] == {"new": 23, "update": 0, "unchanged": 0, "problem": 0}


def test_problem_rows_are_listed_the_rest_imported_exit_1(
    branch_folder: Path, tmp_path: Path
) -> None:
    bad = wb.wrong_check(str(wb.person(2)["身份证号码"]))
    right = str(wb.person(2)["身份证号码"])[17]
    source = wb.roster(
        tmp_path / "花名册.xlsx",
        [wb.person(1), wb.person(2, 身份证号码=bad), wb.person(3, 联系电话="1381234567")],
    )
    problems_out = tmp_path / "问题行.xlsx"
    done = roster(branch_folder, "import", str(source), "--problems-out", str(problems_out))
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

    report = as_json(roster(branch_folder, "import", str(source), "--json"))
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


def test_export_then_import_back_unchanged(branch_folder: Path, tmp_path: Path) -> None:
    assert roster(branch_folder, "import", str(ROSTER_SAMPLE)).returncode == 0
    out = tmp_path / "导出花名册.xlsx"
    done = roster(branch_folder, "export", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"已导出 23 名在册党员到 {out}"
    back = as_json(roster(branch_folder, "import", str(out), "--json"))
    assert back["counts"] == {"new": 0, "update": 0, "unchanged": 23, "problem": 0}

    masked = tmp_path / "masked.xlsx"
    report = as_json(roster(branch_folder, "export", str(masked), "--mask-ids", "--json"))
    assert report == {"ok": True, "file": str(masked), "members": 23, "masked_ids": True}
    assert openpyxl.load_workbook(masked).active["F3"].value == "422822********116X"


def test_demo_before_the_command(tmp_path: Path) -> None:
    out = tmp_path / "demo.xlsx"
    done = run_main("--data-dir", str(tmp_path / "demo"), "--demo", "roster", "export", str(out))
    assert done.returncode == 0, done.stderr
    assert "已导出 26 名在册党员" in done.stdout  # 23 on the roster, 3 accepted from files
    assert out.is_file()


def test_without_a_branch_exit_1_with_a_chinese_message(tmp_path: Path) -> None:
    done = run_main("--data-dir", str(tmp_path / "empty"), "roster", "import", str(ROSTER_SAMPLE))
    assert done.returncode == 1
    assert "还没有建立支部" in done.stderr
    assert "--demo" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_broken_file_exit_1_and_json_error(branch_folder: Path, tmp_path: Path) -> None:
    broken = tmp_path / "坏文件.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken")
    done = roster(branch_folder, "import", str(broken))
    assert done.returncode == 1
    assert done.stderr.startswith("错误：无法导入“坏文件.xlsx”")
    assert "Traceback" not in done.stderr
    report = as_json(roster(branch_folder, "import", str(broken), "--json"))
    assert report["ok"] is False
    assert "坏文件.xlsx" in str(report["error"])


def test_wrong_usage_exit_2(branch_folder: Path) -> None:
    for args in ((), ("import",), ("import", "a.xlsx", "--nope"), ("export",), ("delete",)):
        done = roster(branch_folder, *args)
        assert done.returncode == 2, args
        assert "命令行有误" in done.stderr
        assert "Traceback" not in done.stderr


def test_help_is_in_chinese() -> None:
    done = run_main("roster", "import", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("用法：")
    for words in ("--dry-run", "--problems-out", "--json", "不保存任何数据", "返回值"):
        assert words in done.stdout
    top = run_main("--help")
    assert "roster" in top.stdout and "花名册" in top.stdout
