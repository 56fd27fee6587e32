"""``main.py backup list / create / restore`` as a secretary or a support person runs them."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.support import run_main


def members(folder: Path) -> int:
    with sqlite3.connect(folder / "jianshi.sqlite3") as db:
        count = int(db.execute("SELECT count(*) FROM member").fetchone()[0])
    db.close()
    return count


def remove_a_member(folder: Path) -> None:
    with sqlite3.connect(folder / "jianshi.sqlite3") as db:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("DELETE FROM member WHERE id = (SELECT max(id) FROM member)")
    db.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    done = run_main("--data-dir", str(root), "--demo", "backup", "create", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def test_create_and_list(folder: Path) -> None:
    done = run_main("--data-dir", str(folder), "backup", "list", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)["backups"]
    assert len(listed) == 1
    assert listed[0]["reason_label"] == "手动" and listed[0]["database_only"] is False
    assert Path(listed[0]["file"]).is_file()
    text = run_main("--data-dir", str(folder), "backup", "list")
    assert "手动" in text.stdout and Path(listed[0]["file"]).name in text.stdout


def test_restore_with_yes_backs_up_first_and_brings_the_data_back(folder: Path) -> None:
    before = members(folder)
    backup = json.loads(run_main("--data-dir", str(folder), "backup", "list", "--json").stdout)
    file = backup["backups"][0]["file"]
    remove_a_member(folder)
    assert members(folder) == before - 1

    done = run_main(
        "--data-dir", str(folder), "backup", "restore", Path(file).name, "--yes", "--json"
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["before"]["reason_label"] == "恢复前"
    assert members(folder) == before
    assert not Path(f"{folder / 'jianshi.sqlite3'}-wal").exists()
    with sqlite3.connect(result["before"]["file"]) as kept:  # the state before the restore
        assert kept.execute("SELECT count(*) FROM member").fetchone()[0] == before - 1
    kept.close()


def test_restore_without_a_terminal_and_without_yes_is_refused(folder: Path) -> None:
    file = json.loads(run_main("--data-dir", str(folder), "backup", "list", "--json").stdout)
    remove_a_member(folder)
    left = members(folder)
    done = run_main("--data-dir", str(folder), "backup", "restore", file["backups"][0]["file"])
    assert done.returncode == 2
    assert "--yes" in done.stderr and "没有恢复" in done.stderr
    assert members(folder) == left
    assert len(list((folder / "backups").glob("*.sqlite3"))) == 1, "nothing backed up either"


@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
def test_restore_on_a_terminal_asks_first(folder: Path) -> None:
    file = json.loads(run_main("--data-dir", str(folder), "backup", "list", "--json").stdout)
    before = members(folder)
    remove_a_member(folder)
    for answer, restored in ((b"\n", False), ("是\n".encode(), True)):
        leader, follower = os.openpty()
        try:
            os.write(leader, answer)
            done = run_main(
                "--data-dir", str(folder), "backup", "restore", file["backups"][0]["file"],
                stdin=follower,
            )  # fmt: skip
        finally:
            os.close(follower)
            os.close(leader)
        out = done.stdout
        assert "确定恢复吗" in out and "会先备份" in out
        assert done.returncode == (0 if restored else 2), out + done.stderr
        assert members(folder) == (before if restored else before - 1)


def test_a_damaged_database_names_the_command_that_restores_it(folder: Path) -> None:
    database = folder / "jianshi.sqlite3"
    raw = bytearray(database.read_bytes())
    for offset in range(4096 * 2, len(raw) - 4096, 4096):
        raw[offset + 10 : offset + 300] = b"\xa5" * 290
    database.write_bytes(bytes(raw))
    done = run_main("--data-dir", str(folder), "selftest")
    assert done.returncode == 1
    assert "backup restore" in done.stdout + done.stderr
    fixed = run_main("--data-dir", str(folder), "backup", "restore", "--yes", "手动备份-*")
    assert fixed.returncode == 1  # not a file name: says how to find one
    listed = json.loads(run_main("--data-dir", str(folder), "backup", "list", "--json").stdout)
    name = Path(listed["backups"][0]["file"]).name
    fixed = run_main("--data-dir", str(folder), "backup", "restore", name, "--yes")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "原样另存" in fixed.stdout
    assert run_main("--data-dir", str(folder), "selftest").returncode == 0


def test_any_command_makes_the_days_backup_as_the_window_does(tmp_path: Path) -> None:
    """Issue 13: at most daily otherwise, from the window and the CLI alike."""
    root = tmp_path / "data"
    done = run_main(
        "--data-dir", str(root), "--demo", "roster", "export", str(tmp_path / "名册.xlsx")
    )
    assert done.returncode == 0, done.stderr
    listed = json.loads(run_main("--data-dir", str(root), "backup", "list", "--json").stdout)
    assert [b["reason_label"] for b in listed["backups"]] == ["每日自动"]
    again = run_main("--data-dir", str(root), "roster", "export", str(tmp_path / "名册2.xlsx"))
    assert again.returncode == 0, again.stderr
    listed = json.loads(run_main("--data-dir", str(root), "backup", "list", "--json").stdout)
    assert len(listed["backups"]) == 1, "once a day"


def test_an_export_as_the_days_first_command_makes_one_backup_not_two(tmp_path: Path) -> None:
    """The backup before the export counts as the day's: no daily copy just before it."""
    root = tmp_path / "data"
    done = run_main(
        "--data-dir", str(root), "--demo", "package", "export", "--period", "2026-11",
        "--out", str(tmp_path / "stick"), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    listed = run_main("--data-dir", str(root), "backup", "list", "--json")
    reasons = [b["reason"] for b in json.loads(listed.stdout)["backups"]]
    assert reasons == ["export"], reasons
    log = "".join(p.read_text(encoding="utf-8") for p in (root / "logs").glob("*.log*"))
    assert "Backup (export)" in log and "Backup (daily)" not in log, "one copy was made"
