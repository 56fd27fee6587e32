"""The data-folder rules: which folder, and what happens when it cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from jianshi_desktop.errors import DataDirError
from jianshi_desktop.paths import (
    ENV_DATA_DIR,
    PORTABLE_MARKER,
    choose_data_dir,
    prepare_data_dir,
)


def test_command_line_wins_over_environment(tmp_path: Path) -> None:
    choice = choose_data_dir(
        str(tmp_path / "cli"), environ={ENV_DATA_DIR: str(tmp_path / "env")}, exe_dir=tmp_path
    )
    assert choice.path == (tmp_path / "cli").resolve()
    assert choice.reason == "argument"


def test_environment_wins_over_portable_and_default(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).write_text("", encoding="utf-8")
    choice = choose_data_dir(None, environ={ENV_DATA_DIR: str(tmp_path / "env")}, exe_dir=tmp_path)
    assert choice.path == (tmp_path / "env").resolve()
    assert choice.reason == "environment"


def test_portable_marker_puts_data_next_to_the_program(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).write_text("", encoding="utf-8")
    choice = choose_data_dir(None, environ={}, exe_dir=tmp_path)
    assert choice.path == tmp_path / "data"
    assert choice.reason == "portable"


def test_default_is_the_platform_user_data_folder(tmp_path: Path) -> None:
    choice = choose_data_dir(None, environ={}, exe_dir=tmp_path)
    assert choice.reason == "default"
    assert choice.path.name == "JianshiBranchDesk"
    assert not str(choice.path).startswith(str(tmp_path))


def test_demo_without_a_folder_never_shares_the_real_one(tmp_path: Path) -> None:
    real = choose_data_dir(None, environ={}, exe_dir=tmp_path)
    demo = choose_data_dir(None, demo=True, environ={}, exe_dir=tmp_path)
    assert demo.path == real.path / "demo"


def test_prepare_creates_the_folders(tmp_path: Path) -> None:
    data = prepare_data_dir(tmp_path / "d")
    for folder in (data.root, data.attachments, data.backups, data.logs, data.temp):
        assert folder.is_dir()
    assert data.database == tmp_path / "d" / "jianshi.sqlite3"


def test_prepare_refuses_a_file_in_the_way_with_a_chinese_message(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DataDirError) as caught:
        prepare_data_dir(blocker)
    assert str(blocker) in str(caught.value)
    assert "不是文件夹" in str(caught.value)
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_prepare_reports_a_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(DataDirError) as caught:
        prepare_data_dir(blocker / "sub")
    message = str(caught.value)
    assert "无法在数据文件夹" in message and "权限和磁盘空间" in message


def test_prepare_reports_a_read_only_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    with pytest.raises(DataDirError) as caught:
        prepare_data_dir(tmp_path / "ro")
    assert "权限" in str(caught.value)


def test_leftover_temp_files_are_removed_at_start(tmp_path: Path) -> None:
    data = prepare_data_dir(tmp_path / "d")
    (data.temp / "half-written.docx").write_bytes(b"secret")
    (data.temp / "job").mkdir()
    (data.temp / "job" / "roster.xlsx").write_bytes(b"secret")
    prepare_data_dir(tmp_path / "d")
    assert list(data.temp.iterdir()) == []


def test_a_file_is_replaced_whole_and_a_failed_write_leaves_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.paths import write_text_atomically

    target = tmp_path / "list.json"
    write_text_atomically(target, "旧")
    write_text_atomically(target, "新的内容")
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["list.json"], "no scratch file left"

    def stick_pulled(source: object, target: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("jianshi_desktop.paths.os.replace", stick_pulled)
    with pytest.raises(OSError):
        write_text_atomically(target, "写到一半")  # the scratch file was written
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "新的内容"
    assert [p.name for p in tmp_path.iterdir()] == ["list.json"]
