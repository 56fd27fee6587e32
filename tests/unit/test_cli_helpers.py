"""Helpers the commands share: asking on a terminal and reading a password file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jianshi_desktop import cli
from jianshi_desktop.errors import UserError


def test_no_terminal_when_there_is_no_stdin_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """pythonw on Windows runs with ``sys.stdin`` None: nothing may be asked (nor crash);
    restore and the start-up password then refuse instead."""
    monkeypatch.setattr(sys, "stdin", None)
    assert cli.has_terminal() is False


def test_a_password_file_gives_its_first_line_or_a_chinese_message(tmp_path: Path) -> None:
    good = tmp_path / "pw.txt"
    good.write_text("abcdef12\nignored\n", encoding="utf-8")
    assert cli.read_password_file(str(good)) == "abcdef12"
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"启动密码文件.*第一行是空的"):
        cli.read_password_file(str(empty), what="启动密码")
    with pytest.raises(UserError, match="无法读取密码文件"):
        cli.read_password_file(str(tmp_path / "missing.txt"))
