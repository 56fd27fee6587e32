"""开发者入口 / Developer entry point for 建始支部工作台账.

Standard library only, so that it runs on a fresh machine before anything is installed:
Debian 12 with python3 and python3-venv, or Windows with Python 3.11+ (``py dev.py …``).

    python3 dev.py run [app args…]     set up, then start the app (main.py) with the args
    python3 dev.py test [pytest args…] set up with the test extras, then ruff, mypy, pytest
    python3 dev.py build [--portable]  set up with the build extra, PyInstaller, selftest

Set-up, shared by all three:

1. ``.venv`` in the repository, created when missing or made by another Python version;
2. ``pip install -e .[extras]`` into it, repeated only when pyproject.toml changed or more
   extras are needed (a stamp file in ``.venv`` remembers what was installed);
3. on Linux with dpkg, the Debian packages Qt needs and a CJK font (test and build add
   what PyInstaller needs: binutils, and libpython3.X for Debian's own python3): installed
   with apt-get when running as root, otherwise the exact ``sudo apt-get install …`` line
   is printed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "jianshi-dev-stamp.json"
IS_WINDOWS = os.name == "nt"
MIN_PYTHON = (3, 11)
APP_NAME = "JianshiBranchDesk"

# What Qt's libraries and its xcb platform plugin load, on Debian 12.
QT_DEBIAN_PACKAGES = (
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libglib2.0-0",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
    "libcups2",  # Qt's print support talks to CUPS for the printer list
)
# Without a CJK font every Chinese character shows as a box; Qt still starts.
FONT_DEBIAN_PACKAGES = ("fonts-wqy-zenhei",)


def build_debian_packages() -> tuple[str, ...]:
    """What PyInstaller needs on Debian (for build, and the bundle test in the suite).

    It reads libraries with objdump (binutils) and bundles the Python shared library,
    which Debian's own python3 (under /usr) ships apart, as libpython3.X.
    """
    packages: tuple[str, ...] = ("binutils",)
    if sys.base_prefix == "/usr":
        packages += ("libpython{}.{}".format(*sys.version_info[:2]),)
    return packages


USAGE = """\
用法 / usage:
  python3 dev.py run [程序参数 / app args…]     准备环境并启动程序 / set up and start the app
  python3 dev.py test [pytest 参数 / args…]     准备环境并运行全部检查 / set up, run all checks
  python3 dev.py build [--portable]            打包并自检 / build the bundle and selftest it
Windows: py dev.py run | py dev.py test | py dev.py build
"""


# --------------------------------------------------------------------------- output


def header(text: str) -> None:
    print(f"\n==== {text} ====", flush=True)


def note(text: str) -> None:
    print(f"dev.py: {text}", flush=True)


def run(cmd: Sequence[str | Path], *, env: dict[str, str] | None = None) -> int:
    """Run a command in the repository, echoing it; return its exit code."""
    words = [str(part) for part in cmd]
    print("$ " + " ".join(words), flush=True)
    return subprocess.call(words, cwd=ROOT, env=env)


def check(cmd: Sequence[str | Path], *, what: str, env: dict[str, str] | None = None) -> None:
    """Run a set-up command and stop dev.py when it fails."""
    code = run(cmd, env=env)
    if code != 0:
        note(f"{what} 失败（退出码 {code}）/ {what} failed (exit code {code})")
        raise SystemExit(code or 1)


# --------------------------------------------------------------------------- Debian packages


def missing_debian_packages(packages: Sequence[str]) -> list[str]:
    """The packages that dpkg does not list as installed (dpkg-query, no root needed)."""
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${db:Status-Abbrev} ${Package}\n", *packages],
        capture_output=True,
        text=True,
        check=False,
    )
    installed = set()
    for line in result.stdout.splitlines():
        status, _, name = line.partition(" ")
        if status.startswith("ii"):
            installed.add(name.strip())
    return [name for name in packages if name not in installed]


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def apt_install(packages: Sequence[str]) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    check(["apt-get", "update"], what="apt-get update", env=env)
    check(
        ["apt-get", "install", "-y", "--no-install-recommends", *packages],
        what="apt-get install",
        env=env,
    )


def ensure_system_packages(*, for_build: bool) -> None:
    """On Debian-like Linux: make sure Qt's libraries and a CJK font are installed.

    Missing libraries stop dev.py when they cannot be installed; a missing font only warns.
    """
    if not sys.platform.startswith("linux"):
        return
    if shutil.which("dpkg-query") is None:
        note(
            "不是 Debian 系统，未检查 Qt 所需的系统库和中文字体。"
            " / not a Debian system: Qt's system libraries and a CJK font were not checked."
        )
        return
    needed = QT_DEBIAN_PACKAGES + (build_debian_packages() if for_build else ())
    wanted = needed + FONT_DEBIAN_PACKAGES
    missing = missing_debian_packages(wanted)
    if not missing:
        return
    header("系统软件包 / Debian packages")
    note("缺少 / missing: " + " ".join(missing))
    if is_root() and shutil.which("apt-get"):
        apt_install(missing)
        still = missing_debian_packages(wanted)
        if still:
            note("安装后仍缺少 / still missing after apt-get: " + " ".join(still))
            raise SystemExit(1)
        return
    line = "sudo apt-get install " + " ".join(missing)
    print(
        "\n请先安装缺少的系统软件包，然后重新运行本命令：\n"
        "Please install the missing system packages, then run this command again:\n\n"
        f"    {line}\n",
        flush=True,
    )
    if any(name in needed for name in missing):
        raise SystemExit(1)
    note("只缺中文字体，继续；汉字可能显示为方框。 / only the CJK font is missing; continuing.")


# --------------------------------------------------------------------------- virtual env


def venv_python() -> Path:
    if IS_WINDOWS:
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def venv_version() -> str | None:
    """The "major.minor" of the Python that made .venv, or None when it does not run."""
    python = venv_python()
    if not python.is_file():
        return None
    try:
        out = subprocess.run(
            [str(python), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return out.strip() or None


def ensure_venv() -> None:
    """Create .venv, or make it anew when it is broken or made by another Python."""
    wanted = "{}.{}".format(*sys.version_info[:2])
    found = venv_version()
    if found == wanted:
        return
    header("虚拟环境 / virtual environment (.venv)")
    if VENV.exists():
        note(f".venv 由 Python {found or '?'} 创建，重建 / .venv is outdated, making it anew")
        shutil.rmtree(VENV)
    # Debian splits ensurepip (which venv needs) off into the package python3-venv.
    if importlib.util.find_spec("ensurepip") is None and shutil.which("apt-get"):
        if is_root():
            apt_install(["python3-venv"])
        else:
            print(
                "\n缺少 python3-venv。请运行 / python3-venv is missing. Please run:\n\n"
                "    sudo apt-get install python3-venv\n",
                flush=True,
            )
            raise SystemExit(1)
    check([sys.executable, "-m", "venv", VENV], what="创建虚拟环境 / creating the venv")
    STAMP.unlink(missing_ok=True)


def read_stamp() -> dict[str, object]:
    try:
        data = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def ensure_project(extras: Sequence[str]) -> None:
    """pip install -e .[extras] unless the stamp says it is already done for this pyproject."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = read_stamp()
    installed_extras = stamp.get("extras")
    have = set(installed_extras) if isinstance(installed_extras, list) else set()
    if stamp.get("pyproject_sha256") == digest and set(extras) <= have:
        return
    # Keep the extras an earlier command installed, so run → test → run installs only once
    # and a changed pyproject.toml brings every installed extra up to date.
    extras = sorted(have | set(extras))
    target = "." + (f"[{','.join(extras)}]" if extras else "")
    header(f"安装项目 / pip install -e {target}")
    started = time.monotonic()
    check(
        [venv_python(), "-m", "pip", "install", "--disable-pip-version-check", "-e", target],
        what="pip install",
    )
    note(f"安装用时 / installed in {time.monotonic() - started:.0f} s")
    STAMP.write_text(
        json.dumps({"pyproject_sha256": digest, "extras": sorted(extras)}, indent=2) + "\n",
        encoding="utf-8",
    )


def set_up(extras: Sequence[str]) -> Path:
    """Everything a command needs before it runs; returns the venv's python."""
    if sys.version_info < MIN_PYTHON:
        note("需要 Python 3.11 或更新版本 / Python 3.11 or newer is needed")
        raise SystemExit(1)
    ensure_system_packages(for_build="build" in extras)
    ensure_venv()
    ensure_project(extras)
    return venv_python()


def offscreen_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}


# --------------------------------------------------------------------------- commands


def cmd_run(args: Sequence[str]) -> int:
    python = set_up(extras=())
    command = [str(python), str(ROOT / "main.py"), *args]
    if IS_WINDOWS:
        return subprocess.call(command, cwd=ROOT)
    # Become the app, so that signals and the exit code are its own.
    sys.stdout.flush()
    os.chdir(ROOT)
    os.execv(command[0], command)


# The bundle test (tests/e2e/test_bundle.py) runs in the normal suite, so tests need PyInstaller.
TEST_EXTRAS = ("test", "build")


def cmd_test(args: Sequence[str]) -> int:
    python = set_up(extras=TEST_EXTRAS)
    env = offscreen_env()
    failed: list[str] = []

    header("1/3 ruff check")
    if run([python, "-m", "ruff", "check", "."], env=env) != 0:
        failed.append("ruff")

    header("2/3 mypy")
    if run([python, "-m", "mypy"], env=env) != 0:
        failed.append("mypy")

    before = ", ".join(failed) + " 未通过 / failed" if failed else "ruff, mypy ok"
    header(f"3/3 pytest (QT_QPA_PLATFORM=offscreen; {before})")
    code = run([python, "-m", "pytest", *args], env=env)
    if code == 5:
        note("pytest 没有收集到任何测试 / pytest collected no tests")
    if code != 0:
        failed.append(f"pytest (exit {code})")

    if failed:
        header("未通过 / FAILED: " + ", ".join(failed))
        return 1
    return 0


def cmd_build(args: Sequence[str]) -> int:
    unknown = [arg for arg in args if arg != "--portable"]
    if unknown:
        print(USAGE, file=sys.stderr)
        return 2
    python = set_up(extras=("build",))
    # build.spec also honours JIANSHI_PORTABLE=1; the folder name must follow it.
    portable = "--portable" in args or os.environ.get("JIANSHI_PORTABLE", "") not in ("", "0")
    spec_args = ["--", "--portable"] if portable else []

    header("PyInstaller build.spec")
    started = time.monotonic()
    code = run([python, "-m", "PyInstaller", "--noconfirm", "build.spec", *spec_args])
    if code != 0:
        return code
    note(f"打包用时 / built in {time.monotonic() - started:.0f} s")

    folder = ROOT / "dist" / (APP_NAME + ("-portable" if portable else ""))
    exe = folder / (APP_NAME + (".exe" if IS_WINDOWS else ""))
    header(f"自检 / selftest: {exe.relative_to(ROOT)}")
    with tempfile.TemporaryDirectory(prefix="jianshi-selftest-") as data:
        code = run([exe, "--no-crash-dialog", "--data-dir", data, "selftest"], env=offscreen_env())
    if code == 0:
        note(f"完成 / done: {folder}")
    return code


COMMANDS = {"run": cmd_run, "test": cmd_test, "build": cmd_build}


def main(argv: Sequence[str]) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a Windows console that cannot show Chinese
    if argv and argv[0] in ("-h", "--help"):
        print(USAGE)
        return 0
    if not argv or argv[0] not in COMMANDS:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        return COMMANDS[argv[0]](argv[1:])
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
