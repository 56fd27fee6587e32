"""A damaged install is never silent: a missing module (at start or at first use), PySide6
missing, or Qt's platform plugin missing each end with a Chinese message that names what is
missing and how to reinstall, on stderr (``--no-crash-dialog``, or when no dialog can be
shown) and in the log, and exit code 1.

A module is made "missing" by running main.py under a small wrapper that puts ``None`` in
``sys.modules`` for it, which makes every import of it fail as a deleted one would.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import MAIN_PY, program_env, run_python

WRAPPER = """
import runpy, sys
for name in sys.argv[1].split(","):
    if name:
        sys.modules[name] = None
main = sys.argv[2]
sys.argv = [main, *sys.argv[3:]]
runpy.run_path(main, run_name="__main__")
"""


def run_without(
    hidden: str, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_python("-c", WRAPPER, hidden, str(MAIN_PY), *args, env=program_env(**(env or {})))


def log_text(data: Path) -> str:
    return (data / "logs" / "jianshi.log").read_text(encoding="utf-8")


def assert_names_and_explains(text: str, module: str) -> None:
    assert module in text
    assert "程序文件不完整" in text
    assert "dev.py run" in text  # how to reinstall, from source
    assert "Traceback" not in text


def test_a_module_missing_when_the_window_starts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run_without("peewee", "--no-crash-dialog", "--data-dir", str(data))
    assert done.returncode == 1
    assert_names_and_explains(done.stderr, "peewee")
    assert str(data / "logs" / "jianshi.log") in done.stderr
    log = log_text(data)
    assert "缺少模块“peewee”" in log
    assert "Traceback" in log  # the details are in the log


def test_pyside6_missing_is_told_without_qt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": ""}  # no dialog tool can show: stderr only
    done = run_without("PySide6", "--data-dir", str(data), env=env)
    assert done.returncode == 1
    assert_names_and_explains(done.stderr, "PySide6")
    assert "PySide6" in log_text(data)


def test_a_missing_qt_platform_plugin_is_told_before_qt_aborts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"QT_QPA_PLATFORM": "jianshi-no-such-platform"}
    done = run_without("", "--no-crash-dialog", "--data-dir", str(data), env=env)
    assert done.returncode == 1
    assert "平台插件" in done.stderr and "jianshi-no-such-platform" in done.stderr
    assert "程序文件不完整" in done.stderr
    assert "This application failed to start" not in done.stderr  # Qt never got to abort
    assert "平台插件" in log_text(data)


def test_a_library_missing_at_first_use_names_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    filled = run_without("", "--no-crash-dialog", "--data-dir", str(data), "--demo", "selftest")
    assert filled.returncode == 0, filled.stdout + filled.stderr
    done = run_without(
        "reportlab",
        "--no-crash-dialog",
        "--data-dir",
        str(data),
        "render",
        "roster",
        "--format",
        "pdf",
        "--out",
        str(tmp_path / "out"),
    )
    assert done.returncode == 1
    assert_names_and_explains(done.stderr, "reportlab")
    assert "缺少模块“reportlab" in log_text(data)


def test_selftest_fails_with_a_clear_line_for_a_missing_library(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run_without(
        "cryptography", "--no-crash-dialog", "--data-dir", str(data), "selftest", "--json"
    )
    assert done.returncode == 1, done.stdout + done.stderr
    result = json.loads(done.stdout)
    failed = {c["name"]: c["detail"] for c in result["checks"] if not c["ok"]}
    assert "第三方库" in failed
    assert "cryptography" in failed["第三方库"] and "程序文件不完整" in failed["第三方库"]
    assert "cryptography" in result["libraries"]["failed"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_a_missing_module_of_the_program_itself_at_the_very_start(tmp_path: Path) -> None:
    xdg = tmp_path / "xdg"
    env = {"XDG_DATA_HOME": str(xdg), "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    done = run_without("jianshi_desktop.cli", "--data-dir", str(tmp_path / "data"), env=env)
    assert done.returncode == 1
    assert_names_and_explains(done.stderr, "jianshi_desktop.cli")
    # The data folder is not known yet: the log goes to the default folder's logs/.
    fallback = xdg / "JianshiBranchDesk" / "logs" / "jianshi.log"
    assert "jianshi_desktop.cli" in fallback.read_text(encoding="utf-8")
