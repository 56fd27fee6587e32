"""One program per data folder (issue 13): the lock file, and how start-up uses it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jianshi_desktop import app, instance_lock
from jianshi_desktop.instance_lock import Holder, acquire

ROOT = Path(__file__).resolve().parents[2]


def read_holder(data_root: Path) -> Holder | None:
    """Who holds the lock on ``data_root`` now, as a second start sees it; None when it is
    free (then the probe's own lock is let go at once)."""
    with acquire(data_root, "probe") as probe:
        return None if probe.acquired else probe.holder


@pytest.fixture(autouse=True)
def _main_leaves_no_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """``app.main`` installs the crash hooks (``--no-crash-dialog``) and, for ``package
    verify`` beside the window, its temp folder: undone after each test."""
    import threading

    from jianshi_desktop import crash

    monkeypatch.setattr(crash, "_dialogs_enabled", crash.dialogs_enabled())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_a_second_lock_on_the_same_folder_is_refused_and_says_who(tmp_path: Path) -> None:
    root = tmp_path / "data"
    with acquire(root, "window") as first:
        assert first.acquired and first.holder.purpose == "window"
        second = acquire(root, "roster import")
        assert not second.acquired
        assert second.holder.pid == os.getpid() and second.holder.is_window
        assert read_holder(root) == first.holder
        with acquire(tmp_path / "other", "window") as other:
            assert other.acquired  # another folder is free
    assert read_holder(root) is None
    again = acquire(root, "roster import")
    assert again.acquired
    assert json.loads(instance_lock.lock_path(root).read_text("utf-8"))["purpose"] == (
        "roster import"
    )
    again.release()
    assert instance_lock.lock_path(root).exists()  # kept: removing it would race


HOLD = """
import sys, time
from pathlib import Path
from jianshi_desktop.instance_lock import acquire
lock = acquire(Path(sys.argv[1]), "window")
print("held" if lock.acquired else "refused", flush=True)
time.sleep(60)
"""


def test_a_killed_program_leaves_no_stale_lock(tmp_path: Path) -> None:
    root = tmp_path / "data"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        refused = acquire(root, "roster import")
        assert not refused.acquired and refused.holder.pid == holder.pid
    finally:
        holder.kill()  # as a crash or a power cut would
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    deadline = time.monotonic() + 5
    while not (lock := acquire(root, "window")).acquired and time.monotonic() < deadline:
        time.sleep(0.05)
    assert lock.acquired  # the stale file does not block
    lock.release()


def test_no_lock_possible_means_no_lock_not_no_program(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    a_file = tmp_path / "data"
    a_file.write_text("x")
    lock = acquire(a_file, "window")  # opening the folder will tell the user
    assert lock.acquired and "going on without one" in caplog.text

    def read_only(path: Path) -> object:
        raise OSError(30, "Read-only file system", str(path))

    caplog.clear()
    monkeypatch.setattr(instance_lock, "_open", read_only)
    lock = acquire(tmp_path / "stick", "window")
    assert lock.acquired and "going on without one" in caplog.text
    assert acquire(tmp_path / "stick", "roster import").acquired  # nothing to be refused by


def test_the_message_names_the_folder_and_the_holder(tmp_path: Path) -> None:
    text = instance_lock.in_use_message(tmp_path, Holder(123, "window", ""))
    assert text.startswith("程序已在运行") and "程序窗口" in text and "123" in text
    text = instance_lock.in_use_message(tmp_path, Holder(5, "roster import", ""))
    assert "命令“roster import”" in text


# ------------------------------------------------------------------ start-up uses it


@pytest.fixture
def in_use(tmp_path: Path) -> tuple[Path, Path]:
    """A data folder whose lock the "window" holds, with a half-made file in ``tmp/``
    (opening the folder would remove it: it must survive a refused command)."""
    root = tmp_path / "data"
    scratch = root / "tmp"
    scratch.mkdir(parents=True)
    marker = scratch / "half-made.docx"
    marker.write_bytes(b"window at work")
    return root, marker


def test_a_second_window_start_exits_0_without_touching_anything(
    in_use: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    root, marker = in_use
    calls: list[object] = []

    def start_gui(*args: object, **kwargs: object) -> int:
        calls.append("start_gui")
        return 0

    def already_running(root: Path, holder: Holder) -> int:
        calls.append((root, holder.purpose))
        return 0

    monkeypatch.setattr(app, "start_gui", start_gui)
    monkeypatch.setattr(app, "already_running", already_running)
    with acquire(root, "window"):
        assert app.main(["--no-crash-dialog", "--data-dir", str(root)]) == 0
    assert calls == [(root, "window")]
    assert marker.is_file() and not (root / "jianshi.sqlite3").exists()
    assert app.main(["--no-crash-dialog", "--data-dir", str(root)]) == 0
    assert calls[-1] == "start_gui"  # free again: the window starts


def test_a_data_changing_command_beside_the_window_exits_1(
    in_use: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, marker = in_use
    workbook = ROOT / "tests" / "data" / "roster-sample.xlsx"
    with acquire(root, "window"):
        code = app.main(
            ["--no-crash-dialog", "--data-dir", str(root), "roster", "import", str(workbook)]
        )
        assert code == 1
        err = capsys.readouterr().err
        assert "程序已在运行" in err and "请先关闭程序窗口" in err
        assert app.main(["--data-dir", str(root), "selftest", "--json"]) == 1
        assert "程序已在运行" in json.loads(capsys.readouterr().out)["error"]
    assert marker.is_file() and not (root / "jianshi.sqlite3").exists()


def test_package_verify_may_run_beside_the_window(
    in_use: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, marker = in_use
    package = tmp_path / "不是报送包.zip"
    package.write_bytes(b"not a zip")
    with acquire(root, "window"):
        code = app.main(["--no-crash-dialog", "--data-dir", str(root), "package", "verify",
                         str(package)])  # fmt: skip
        out, err = capsys.readouterr()
        assert code == 1 and "校验未通过" in out  # it ran: the package is what is wrong
        assert "不核对、不记住签名密钥" in err
        code = app.main(["--no-crash-dialog", "--data-dir", str(root), "package", "verify",
                         str(package), "--accept-new-key"])  # fmt: skip
        assert code == 1 and "程序已在运行" in capsys.readouterr().err  # it would write
    assert marker.is_file() and not (root / "jianshi.sqlite3").exists()


def test_a_command_holds_the_lock_while_it_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    seen: list[Holder | None] = []
    from jianshi_desktop import selftest

    def run_selftest(args: object) -> int:
        seen.append(read_holder(root))
        return 0

    monkeypatch.setattr(selftest, "run_selftest", run_selftest)
    assert app.main(["--no-crash-dialog", "--data-dir", str(root), "selftest"]) == 0
    assert seen[0] is not None and seen[0].purpose == "selftest"
    assert read_holder(root) is None  # released when it ends
