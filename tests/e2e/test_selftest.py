"""``main.py selftest`` as a script or a support person would run it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tests.support import run_main


def test_demo_selftest_fills_the_folder_and_passes(tmp_path: Path) -> None:
    folder = tmp_path / "demo-data"
    done = run_main("--data-dir", str(folder), "--demo", "selftest", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["ok"] is True
    assert result["branch"]["is_demo"] is True
    assert result["branch"]["members"] == 26  # 23 on the roster, 3 accepted from files
    assert result["qt"]["translation_loaded"] is True
    assert (folder / "jianshi.sqlite3").is_file()
    assert (folder / "logs" / "jianshi.log").is_file()

    again = run_main("--data-dir", str(folder), "selftest")
    assert again.returncode == 0
    assert "自检通过" in again.stdout
    assert "演示数据" in again.stdout


def test_selftest_loads_every_module_and_builds_the_main_window(tmp_path: Path) -> None:
    folder = tmp_path / "demo-data"
    done = run_main("--data-dir", str(folder), "--demo", "selftest", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    names = [c["name"] for c in result["checks"]]
    for name in ("程序模块", "第三方库", "Qt 平台插件", "主窗口"):
        assert name in names
    assert result["modules"]["count"] > 50 and result["modules"]["failed"] == {}
    assert result["libraries"]["failed"] == {}
    assert "PySide6.QtPdf" in result["libraries"]["names"]
    assert result["main_window"]["ok"] is True
    assert result["main_window"]["demo_copy"] is False
    assert "（演示数据）" in result["main_window"]["title"]

    # The window was built on the folder's branch and changed nothing there.
    database = folder / "jianshi.sqlite3"
    before = hashlib.sha256(database.read_bytes()).hexdigest()
    again = run_main("--data-dir", str(folder), "selftest")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "✓ 主窗口：在数据文件夹的支部上" in again.stdout
    assert hashlib.sha256(database.read_bytes()).hexdigest() == before
    assert not (folder / "window.ini").exists()
    assert not list((folder / "backups").iterdir())  # no automatic backup either


def test_selftest_on_an_empty_folder_passes_without_a_branch(tmp_path: Path) -> None:
    done = run_main("--data-dir", str(tmp_path / "new"), "selftest")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "尚未建立" in done.stdout
    # The main window needs a branch: it is built on a demo branch in a throwaway folder.
    assert "✓ 主窗口：数据文件夹中还没有支部，在临时文件夹的演示支部上" in done.stdout
    assert not (tmp_path / "new" / "window.ini").exists()


def test_selftest_reports_a_broken_database_and_leaves_it(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "jianshi.sqlite3"
    db.write_bytes(b"PK\x03\x04 this is a zip, not a database" * 50)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    done = run_main("--data-dir", str(folder), "selftest")
    assert done.returncode == 1
    assert str(db) in done.stdout
    assert "不是本程序的数据文件" in done.stdout
    assert "Traceback" not in done.stdout + done.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_selftest_reports_a_data_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("x")
    done = run_main("--data-dir", str(blocker), "selftest", "--json")
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["ok"] is False
    assert any("不是文件夹" in c["detail"] for c in result["checks"] if not c["ok"])


def test_demo_is_refused_on_a_real_branch(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    first = run_main("--data-dir", str(folder), "--demo", "selftest")
    assert first.returncode == 0
    # make the branch a real one, as if the secretary had set it up
    import sqlite3

    with sqlite3.connect(folder / "jianshi.sqlite3") as conn:
        conn.execute("UPDATE branch SET is_demo = 0")
    conn.close()
    done = run_main("--data-dir", str(folder), "--demo", "selftest")
    assert done.returncode == 1
    assert "真实数据" in done.stdout
