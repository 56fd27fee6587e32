"""``main.py county import DIR`` and ``main.py county matrix`` (issue 21), and ``--county``:
the county desk's own data folder."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jianshi_desktop.app import main
from jianshi_desktop.cli import parse
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.paths import choose_data_dir
from jianshi_desktop.services import demo
from jianshi_desktop.services.store import open_store
from jianshi_desktop.submission.package import PackageOptions, build_package

TODAY = dt.date(2026, 11, 26)
PASSWORD = "county-pass-2026"


@dataclass(frozen=True)
class Stick:
    folder: Path  # a school's folder each: July plain, August with a password
    damaged: Path  # a folder with one damaged package
    branch_dir: Path  # the branch's own data folder


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Stick:
    root = tmp_path_factory.mktemp("county-cli")
    branch_dir = root / "branch"
    store = open_store(branch_dir, log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        folder = root / "stick"
        july = build_package(
            store.data, parse_period("2026-07"), folder / "青山湾", PackageOptions(), today=TODAY
        ).path
        build_package(
            store.data,
            parse_period("2026-08"),
            folder / "青山湾" / "加密",
            PackageOptions(password=PASSWORD),
            today=TODAY,
        )
    finally:
        store.close()
    damaged = root / "damaged"
    damaged.mkdir()
    data = bytearray(july.read_bytes())
    data[len(data) // 3] ^= 0xFF
    (damaged / "坏的_报送包.zip").write_bytes(bytes(data))
    return Stick(folder, damaged, branch_dir)


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    out = capsys.readouterr().out
    result = json.loads(out)
    assert isinstance(result, dict)
    return result


def test_import_marks_a_new_folder_and_asks_for_the_password(
    stick: Stick, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = str(tmp_path / "县局汇总")
    assert main(["--data-dir", desk, "county", "import", str(stick.folder)]) == 1
    captured = capsys.readouterr()
    assert "2026年7月：已导入" in captured.out
    assert "设置了密码" in captured.out and "需要密码 1 个" in captured.out
    assert "[1/2]" in captured.err and "Traceback" not in captured.err
    password = tmp_path / "密码.txt"
    password.write_text("别的学校的密码\n" + PASSWORD + "\n", encoding="utf-8")
    code = main(
        ["--data-dir", desk, "county", "import", str(stick.folder), "--password-file",
         str(password), "--json"]
    )  # fmt: skip
    assert code == 0
    result = _json(capsys)
    assert (result["imported"], result["duplicate"], result["needs_password"]) == (1, 1, 0)
    rows = result["results"]
    assert isinstance(rows, list)
    assert {r["period"] for r in rows} == {"2026-07", "2026-08"}
    assert all(r["status"] == "current" for r in rows)
    # a damaged package: refused in Chinese, exit 1
    assert main(["--data-dir", desk, "county", "import", str(stick.damaged)]) == 1
    out = capsys.readouterr().out
    assert "坏的_报送包.zip：未导入。" in out and "未导入 1 个" in out


def test_import_refuses_a_branch_folder_and_says_what_to_do(
    stick: Stick, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    branch = str(stick.branch_dir)
    assert main(["--data-dir", branch, "county", "import", str(stick.folder)]) == 1
    err = capsys.readouterr().err
    assert "是支部的数据文件夹" in err and "--county" in err
    gone = str(tmp_path / "没有这个文件夹")
    assert main(["--data-dir", str(tmp_path / "d"), "county", "import", gone]) == 1
    assert "找不到文件夹" in capsys.readouterr().err
    empty = tmp_path / "空的U盘"
    empty.mkdir()
    assert main(["--data-dir", str(tmp_path / "d"), "county", "import", str(empty)]) == 1
    assert "没有找到报送包" in capsys.readouterr().err


def test_matrix_writes_the_workbook(
    stick: Stick, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = str(tmp_path / "县局汇总")
    july = next(stick.folder.glob("*/*7月*.zip"))
    assert main(["--data-dir", desk, "county", "import", str(july)]) == 0
    capsys.readouterr()
    out = tmp_path / "汇总.xlsx"
    code = main(
        ["--data-dir", desk, "county", "matrix", "--period", "2026-07", "--out", str(out), "--json"]
    )
    assert code == 0
    result = _json(capsys)
    assert result["period_label"] == "2026年7月" and out.is_file()
    schools = result["schools"]
    assert isinstance(schools, list) and len(schools) == 1
    assert not schools[0]["missing"] and schools[0]["packages"]
    book = load_workbook(out)
    assert book.sheetnames == ["工作完成情况", "未报送", "组织设置"]
    # the quarter: August never came
    code = main(["--data-dir", desk, "county", "matrix", "--period", "2026Q3", "--out", str(out)])
    assert code == 0
    text = capsys.readouterr().out
    assert "2026年第三季度" in text and "部分报送 1 所" in text
    # wrong input: Chinese, no traceback
    assert (
        main(["--data-dir", desk, "county", "matrix", "--period", "2026Q5", "--out", str(out)]) == 1
    )
    assert "一年只有第1至第4季度" in capsys.readouterr().err
    bad = str(tmp_path / "汇总.pdf")
    assert main(["--data-dir", desk, "county", "matrix", "--period", "2026", "--out", bad]) == 1
    assert ".xlsx" in capsys.readouterr().err
    fresh = str(tmp_path / "新的")
    assert (
        main(["--data-dir", fresh, "county", "matrix", "--period", "2026", "--out", str(out)]) == 1
    )
    assert "还没有导入过报送包" in capsys.readouterr().err
    branch = str(stick.branch_dir)
    assert (
        main(["--data-dir", branch, "county", "matrix", "--period", "2026", "--out", str(out)]) == 1
    )
    assert "是支部的数据文件夹" in capsys.readouterr().err


def test_county_flag_chooses_its_own_folder(tmp_path: Path) -> None:
    base = choose_data_dir(environ={}, platform="linux")
    county = choose_data_dir(county=True, environ={}, platform="linux")
    assert county.path == base.path / "county" and county.reason == "default"
    portable = choose_data_dir(county=True, portable=True, environ={}, exe_dir=tmp_path)
    assert portable.path == tmp_path / "data" / "county"
    named = choose_data_dir(str(tmp_path / "x"), county=True, environ={})
    assert named.path == (tmp_path / "x").resolve()  # a folder named outright wins
    assert parse(["--county", "county", "import", "E:/"]).county
    with pytest.raises(SystemExit) as stopped:
        parse(["--county", "--demo"])
    assert stopped.value.code == 2


def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse(["county", "import", "--help"])
    text = capsys.readouterr().out
    assert "用法：" in text and "每行一个密码" in text and "--county" in text
