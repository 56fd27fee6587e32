"""build.spec builds a bundle that starts offscreen and passes its own selftest.

One PyInstaller build per test session (about 15 s on two cores, so it runs in the normal
suite); the portable variant is built, since it is the plain bundle plus ``portable.txt``,
and the tests check the bundle with and without that file.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from jianshi_desktop import APP_ID, __version__
from tests.support import ROOT, program_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built bundle folder (the portable variant)."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e .[build])")
    work = tmp_path_factory.mktemp("pyinstaller")
    env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(work / "cache")}
    env.pop("JIANSHI_PORTABLE", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build.spec"),
            "--",
            "--portable",
            "--console",  # the Windows bundle is windowed otherwise and prints nothing
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-6000:]
    folder = work / "dist" / f"{APP_ID}-portable"
    assert folder.is_dir(), done.stderr[-3000:]
    return folder


def executable(folder: Path) -> Path:
    return folder / (APP_ID + (".exe" if sys.platform.startswith("win") else ""))


def run_bundle(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(executable(folder)), "--no-crash-dialog", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=program_env(),
        timeout=120,
        check=False,
    )


def selftest_json(folder: Path, *args: str) -> dict[str, Any]:
    done = run_bundle(folder, *args, "selftest", "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def test_bundle_layout(bundle: Path) -> None:
    assert executable(bundle).is_file()
    assert (bundle / "portable.txt").is_file()
    internal = bundle / "_internal"
    assert (internal / "resources" / "demo").is_dir()
    assert list(internal.rglob("qtbase_zh_CN.qm")), "Qt's Chinese translation is missing"
    # Only Simplified Chinese of Qt's own catalogues is kept.
    assert not list(internal.rglob("qtbase_de.qm"))


def test_bundle_version(bundle: Path) -> None:
    done = run_bundle(bundle, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(__version__)


def test_bundle_selftest_with_data_dir(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "bundle-data"
    done = run_bundle(bundle, "--data-dir", str(data), "selftest")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "自检通过" in done.stdout
    assert "✗" not in done.stdout
    assert (data / "jianshi.sqlite3").is_file()


def test_bundle_selftest_json_demo(bundle: Path, tmp_path: Path) -> None:
    data = tmp_path / "demo-data"
    result = selftest_json(bundle, "--data-dir", str(data), "--demo")
    assert result["ok"] is True
    assert result["frozen"] is True
    assert result["version"] == __version__
    assert Path(result["data_dir"]) == data.resolve()
    assert result["data_dir_reason"] == "argument"
    assert result["branch"]["is_demo"] is True  # the demo data came along in resources/
    assert result["qt"]["translation_loaded"] is True
    assert Path(result["qt"]["translations_dir"]).is_relative_to(bundle.resolve())
    # Every module of the program was found inside the bundle and loads, every library
    # loaded on first use is there, and the main window was built.
    assert result["modules"]["count"] > 50 and result["modules"]["failed"] == {}
    assert result["libraries"]["failed"] == {}
    assert result["main_window"]["ok"] is True


def test_the_bundle_opens_its_window_on_demo_data(bundle: Path, tmp_path: Path) -> None:
    """Not only the selftest: the real window starts, runs its event loop and closes."""
    data = tmp_path / "window-data"
    done = run_bundle(bundle, "--data-dir", str(data), "--demo", "--quit-after", "500")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "JIANSHI-READY" in done.stdout.splitlines()
    assert "Traceback" not in done.stdout + done.stderr
    log = (data / "logs" / "jianshi.log").read_text(encoding="utf-8")
    assert "Traceback" not in log
    assert (data / "window.ini").is_file(), "the window closed as a user closes it"


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the copy is made of symlinks (Linux)"
)
def test_a_bundle_missing_a_library_fails_its_selftest(bundle: Path, tmp_path: Path) -> None:
    """A bundle without cryptography's compiled part (as if PyInstaller had missed it, or a
    user deleted it) fails its selftest with a line that names it."""
    copy = tmp_path / "damaged"
    internal = copy / "_internal"
    internal.mkdir(parents=True)
    for entry in (bundle / "_internal").iterdir():
        if entry.name != "cryptography":
            (internal / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    exe = executable(bundle)
    (copy / exe.name).write_bytes(exe.read_bytes())
    (copy / exe.name).chmod(0o755)
    done = run_bundle(copy, "--data-dir", str(tmp_path / "data"), "selftest")
    assert done.returncode == 1, done.stdout + done.stderr
    [line] = [line for line in done.stdout.splitlines() if "✗ 第三方库" in line]
    assert "cryptography" in line and "重新解压" in line


def test_portable_marker_keeps_data_beside_the_executable(bundle: Path) -> None:
    result = selftest_json(bundle)
    assert result["data_dir_reason"] == "portable"
    assert Path(result["data_dir"]) == (bundle / "data").resolve()
    assert (bundle / "data" / "jianshi.sqlite3").is_file()


@pytest.mark.skipif(
    not sys.platform.startswith("linux"),
    reason="the default folder is redirected to tmp only through XDG variables on Linux",
)
def test_without_marker_the_default_folder_is_used(bundle: Path, tmp_path: Path) -> None:
    copy = tmp_path / "plain"
    # Symlinks keep this cheap; the bundle finds _internal beside the executable.
    copy.mkdir()
    (copy / "_internal").symlink_to(bundle / "_internal", target_is_directory=True)
    exe = executable(bundle)
    (copy / exe.name).write_bytes(exe.read_bytes())
    (copy / exe.name).chmod(0o755)
    result = selftest_json(copy)
    assert result["data_dir_reason"] == "default"
    xdg = Path(os.environ["XDG_DATA_HOME"])
    assert Path(result["data_dir"]) == (xdg / APP_ID).resolve()
