"""The command line as a user types it: ``python main.py …`` in a fresh process."""

from __future__ import annotations

import subprocess

from jianshi_desktop import APP_NAME, __version__
from tests.support import run_main


def main_py(*args: str) -> subprocess.CompletedProcess[str]:
    """The command line exactly as the user types it."""
    return run_main(*args, as_typed=True)


def test_help_is_in_chinese_and_lists_selftest() -> None:
    done = main_py("--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：")
    assert APP_NAME in done.stdout
    assert "--data-dir" in done.stdout
    assert "selftest" in done.stdout
    assert "自检" in done.stdout
    assert done.stderr == ""


def test_selftest_help_names_json_option() -> None:
    done = main_py("selftest", "--help")
    assert done.returncode == 0, done.stderr
    assert "用法：" in done.stdout
    assert "--json" in done.stdout
    assert "JSON" in done.stdout
    assert "检查数据文件夹" in done.stdout


def test_version() -> None:
    done = main_py("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{APP_NAME} {__version__}"


def test_unknown_command_exits_2_with_chinese_message() -> None:
    done = main_py("nosuchcommand")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "命令行有误" in done.stderr
    assert "nosuchcommand" in done.stderr
    assert "Traceback" not in done.stderr


def test_unknown_option_exits_2_with_chinese_message() -> None:
    done = main_py("selftest", "--no-such-option")
    assert done.returncode == 2
    assert "无法识别的参数" in done.stderr
    assert "Traceback" not in done.stderr
