"""A damaged install is named and explained: the library list cannot drift from the source,
missing modules and Qt platform plugins become Chinese messages, and the message reaches
the user without Qt (MessageBoxW on Windows, a dialog tool on Linux, stderr always)."""

from __future__ import annotations

import logging
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest

from jianshi_desktop import crash, install_check, logs
from jianshi_desktop.install_check import (
    THIRD_PARTY_MODULES,
    damaged_install_message,
    missing_module,
    platform_plugin_problem,
    reinstall_hint,
    show_native_message,
    wanted_platforms,
)
from tests.import_scan import app_files, imported_modules
from tests.support import detach_log_file

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jianshi_desktop"


def _imported_libraries() -> dict[str, set[str]]:
    """Every library the source imports anywhere (at the top or inside a function), as its
    top-level name, PySide6 by its Qt module; with the files that import it."""
    found: dict[str, set[str]] = {}
    for path, module in app_files():
        for name in imported_modules(path, module):
            parts = name.split(".")
            if parts[0] in sys.stdlib_module_names or parts[0] in ("jianshi_desktop", "__future__"):
                continue
            key = ".".join(parts[:2]) if parts[0] == "PySide6" else parts[0]
            found.setdefault(key, set()).add(str(path.relative_to(ROOT)))
    return found


def _covered() -> set[str]:
    covered = set()
    for name in THIRD_PARTY_MODULES:
        parts = name.split(".")
        covered.add(".".join(parts[:2]) if parts[0] == "PySide6" else parts[0])
    return covered


def test_the_scan_finds_the_libraries() -> None:
    found = _imported_libraries()
    assert {"peewee", "PySide6.QtWidgets", "PySide6.QtCore"} <= set(found)


def test_selftest_imports_every_library_the_source_imports() -> None:
    missing = {
        name: sorted(files)
        for name, files in _imported_libraries().items()
        if name not in _covered()
    }
    assert not missing, (
        f"add these to install_check.THIRD_PARTY_MODULES (selftest imports that list): {missing}"
    )


def test_the_library_list_has_no_duplicates() -> None:
    assert len(set(THIRD_PARTY_MODULES)) == len(THIRD_PARTY_MODULES)


def test_selftest_enumerates_every_module_of_the_source_tree() -> None:
    from jianshi_desktop.selftest import program_modules

    expected = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        expected.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert set(program_modules()) == expected


# --- naming what is missing ----------------------------------------------------------------


def _raise(statement: str) -> ImportError:
    try:
        exec(statement, {})
    except ImportError as exc:
        return exc
    raise AssertionError("no ImportError")


def test_a_missing_module_is_named_with_how_to_reinstall(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cryptography", None)  # as if it were deleted
    exc = _raise("import cryptography")
    assert missing_module(exc) == "cryptography"
    message = damaged_install_message(exc)
    assert message is not None
    assert "cryptography" in message and "程序文件不完整" in message
    assert "dev.py run" in message  # from source


def test_a_missing_module_is_found_behind_another_error() -> None:
    try:
        try:
            import jianshi_no_such_module  # type: ignore[import-not-found]  # noqa: F401
        except ImportError as inner:
            raise RuntimeError("while loading") from inner
    except RuntimeError as exc:
        assert missing_module(exc) == "jianshi_no_such_module"


def test_a_compiled_library_that_fails_to_load_is_named() -> None:
    exc = ImportError("DLL load failed while importing QtWidgets: 找不到指定的模块。")
    assert missing_module(exc) == "QtWidgets"


def test_an_import_error_of_something_else_is_not_an_install_problem() -> None:
    assert (
        damaged_install_message(ImportError("cannot import name 'x' from 'json'", name="json"))
        is None
    )
    assert damaged_install_message(ValueError("no")) is None


def test_the_bundle_says_to_unpack_again_and_the_source_to_run_dev_py() -> None:
    assert "重新解压" in reinstall_hint(frozen=True)
    assert "python3 dev.py run" in reinstall_hint(frozen=False, windows=False)
    assert "py dev.py run" in reinstall_hint(frozen=False, windows=True)
    # dev.py reinstalls only when pyproject.toml changed: a file lost from .venv needs .venv
    # removed first, and the hint says so.
    assert "删除" in reinstall_hint(frozen=False) and ".venv" in reinstall_hint(frozen=False)
    for hint in (reinstall_hint(frozen=True), reinstall_hint(frozen=False)):
        assert "数据" in hint  # the data folder is not touched


def test_the_crash_message_names_a_module_missing_at_first_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "reportlab", None)
    exc = _raise("import reportlab")
    message = crash.crash_message(exc)
    assert "reportlab" in message and "程序文件不完整" in message
    assert "意外错误" not in message
    assert "意外错误" in crash.crash_message(KeyError("x"))


def test_the_crash_hook_logs_the_missing_module(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    exc = _raise("import openpyxl")
    shown: list[str] = []
    monkeypatch.setattr(crash, "_sink", shown.append)
    monkeypatch.setattr(crash, "_dialogs_enabled", True)
    with caplog.at_level(logging.CRITICAL):
        crash._hook(type(exc), exc, exc.__traceback__)
    assert "openpyxl" in caplog.text and "程序文件不完整" in caplog.text
    [text] = shown
    assert "openpyxl" in text


# --- the Qt platform plugin ------------------------------------------------------------------


def test_the_platform_is_the_systems_unless_qt_qpa_platform_names_one() -> None:
    assert wanted_platforms({}, "linux") == ["xcb"]
    assert wanted_platforms({}, "win32") == ["windows"]
    assert wanted_platforms({"QT_QPA_PLATFORM": "offscreen"}, "linux") == ["offscreen"]
    assert wanted_platforms({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux") == ["wayland", "xcb"]
    assert wanted_platforms({"QT_QPA_PLATFORM": "windows:darkmode=1"}, "win32") == ["windows"]


def test_a_missing_platform_plugin_is_reported(tmp_path: Path) -> None:
    platforms = tmp_path / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqoffscreen.so").write_bytes(b"")
    (platforms / "libqwayland-egl.so").write_bytes(b"")
    (platforms / "qwindows.dll").write_bytes(b"")
    plugins = tmp_path / "plugins"
    assert platform_plugin_problem(plugins, ["offscreen"]) is None
    assert platform_plugin_problem(plugins, ["windows"]) is None
    assert platform_plugin_problem(plugins, ["wayland", "xcb"]) is None
    problem = platform_plugin_problem(plugins, ["xcb"])
    assert problem is not None
    assert "xcb" in problem and str(platforms) in problem and "程序文件不完整" in problem
    assert "平台插件" in problem
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "libqxcb.so").write_bytes(b"")
    assert platform_plugin_problem(plugins, ["xcb"], extra_dirs=[extra]) is None
    assert platform_plugin_problem(tmp_path / "nowhere", ["xcb"]) is not None


# --- telling the user without Qt --------------------------------------------------------------


class _User32:
    def __init__(self) -> None:
        self.calls: list[tuple[object, str, str, int]] = []

    def MessageBoxW(self, owner: object, text: str, title: str, flags: int) -> int:
        self.calls.append((owner, text, title, flags))
        return 1


def test_windows_gets_a_message_box(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user32 = _User32()
    fake_ctypes = types.ModuleType("ctypes")
    fake_ctypes.windll = types.SimpleNamespace(user32=user32)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ctypes", fake_ctypes)
    how = show_native_message("程序文件不完整", "缺少模块“PySide6”。", platform="win32")
    assert how == "MessageBoxW"
    [(owner, text, title, flags)] = user32.calls
    assert owner is None and text == "缺少模块“PySide6”。"
    assert title.startswith("程序文件不完整")
    assert flags & 0x10  # MB_ICONERROR
    assert "PySide6" in capsys.readouterr().err  # and stderr, for a console start


def test_no_dialog_with_no_crash_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    user32 = _User32()
    fake_ctypes = types.ModuleType("ctypes")
    fake_ctypes.windll = types.SimpleNamespace(user32=user32)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "ctypes", fake_ctypes)
    assert show_native_message("t", "x", dialogs=False, platform="win32") == "stderr"
    assert user32.calls == []


def test_linux_uses_a_dialog_tool_when_there_is_a_display(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ran: list[Sequence[str]] = []
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(
        install_check.shutil,
        "which",
        lambda name: f"/usr/bin/{name}" if name == "kdialog" else None,
    )
    how = show_native_message(
        "程序文件不完整", "缺少模块“PySide6”。", platform="linux", runner=ran.append
    )
    assert how == "kdialog"
    [command] = ran
    assert command[0] == "kdialog" and "缺少模块“PySide6”。" in command
    assert "PySide6" in capsys.readouterr().err


def test_linux_without_a_display_prints_only(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[Sequence[str]] = []
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert show_native_message("t", "x", platform="linux", runner=ran.append) == "stderr"
    assert ran == []


# --- the log, before the data folder is known -------------------------------------------------


def test_the_log_falls_back_to_the_default_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file, not a folder")
    detach_log_file()
    try:
        where = logs.ensure_log_file(blocker)
        assert where is not None
        assert where.parent == logs.default_logs_dir()
        assert str(where).startswith(str(Path.home()))  # the test's own home folder
    finally:
        detach_log_file()


def test_the_log_goes_to_the_data_folder_when_it_can(tmp_path: Path) -> None:
    detach_log_file()
    try:
        where = logs.ensure_log_file(tmp_path / "data")
        assert where == tmp_path / "data" / "logs" / logs.LOG_FILE
    finally:
        detach_log_file()
