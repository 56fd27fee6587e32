"""开发者入口 / Developer entry point for 建始支部工作台账.

Standard library only, so that it runs on a fresh machine before anything is installed:
Debian 12 with python3 and python3-venv, or Windows with Python 3.11+ (``py dev.py …``).

    python3 dev.py run [app args…]     set up, then start the app (main.py) with the args
    python3 dev.py test [pytest args…] set up with the test extras, then ruff, mypy, the
                                       layer contracts (import-linter), dead code (vulture),
                                       pytest, and the app started in a runtime-only venv
    python3 dev.py build [--portable]  set up with the build extra, PyInstaller, selftest

Set-up, shared by all three:

1. ``.venv`` in the repository, created when missing or made by another Python version;
2. ``pip install -e .[extras] -c constraints-dev.txt`` into it, repeated only when
   pyproject.toml or constraints-dev.txt changed or more extras are needed (a stamp file in
   ``.venv`` remembers what was installed); the constraints pin the test and build tools;
3. on Linux with dpkg, the Debian packages Qt needs and a CJK font (test and build add
   what PyInstaller needs: binutils, and libpython3.X for Debian's own python3): installed
   with apt-get when running as root, otherwise the exact ``sudo apt-get install …`` and
   ``su -c 'apt-get install …'`` lines are printed.

``test`` also makes ``.venv-runtime`` with nothing but the runtime dependencies
(``pip install .``, made anew when pyproject.toml changes) and starts the real window in it,
offscreen on a fresh demo data folder, so that an undeclared dependency cannot hide behind
the test tools. At the end it lists the tests pytest skipped, why (a tool such as
LibreOffice or poppler-utils not installed), and the command that installs what they need,
then the expected failures (xfail) with their reasons; not when the arguments ask for a
JUnit report of their own (``--junitxml``).
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
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "jianshi-dev-stamp.json"
# Exact versions of the test and build tools; the runtime dependencies keep their ranges.
CONSTRAINTS = ROOT / "constraints-dev.txt"
# Only the runtime dependencies, to start the app as users install it (cmd_test, step 6).
RUNTIME_VENV = ROOT / ".venv-runtime"
IS_LINUX = sys.platform.startswith("linux")
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


def install_commands(packages: Sequence[str]) -> list[str]:
    """The exact command lines that install ``packages``, the likeliest to work first.

    A Debian installed with a root password has no sudo: then ``su -c`` (root's password)
    comes first. With sudo, ``sudo`` comes first and ``su -c`` is the alternative.
    """
    apt = "apt-get install " + " ".join(packages)
    if is_root():
        return [apt]
    sudo, su = f"sudo {apt}", f"su -c '{apt}'"
    return [sudo, su] if shutil.which("sudo") else [su, sudo]


def install_help(packages: Sequence[str]) -> str:
    """The command lines of :func:`install_commands`, each explained, for printing."""
    commands = install_commands(packages)
    if len(commands) == 1:
        return f"    {commands[0]}\n"
    if shutil.which("sudo"):
        return (
            f"    {commands[0]}\n\n"
            "  或者以 root 身份（输入 root 的密码）/ or as root (asks for root's password):\n"
            f"    {commands[1]}\n"
        )
    return (
        "  本机没有 sudo，请以 root 身份安装（输入 root 的密码）/\n"
        "  sudo is not installed here; install as root (asks for root's password):\n"
        f"    {commands[0]}\n\n"
        "  装好 sudo 并有 sudo 权限时也可以 / or, once sudo is set up for you:\n"
        f"    {commands[1]}\n"
    )


def ensure_system_packages(*, for_build: bool) -> None:
    """On Debian-like Linux: make sure Qt's libraries and a CJK font are installed.

    Missing libraries stop dev.py when they cannot be installed; a missing font only warns.
    """
    if not IS_LINUX:
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
    if any(name in needed for name in missing):
        print(
            "\n缺少程序需要的系统软件包，本命令到此停止。请安装后重新运行本命令：\n"
            "System packages the app needs are missing, so this command stops here.\n"
            "Install them, then run this command again:\n\n" + install_help(missing),
            flush=True,
        )
        raise SystemExit(1)
    print(
        "\n只缺中文字体，本命令继续运行，不必先安装。程序窗口改用程序自带的字体显示汉字，\n"
        "生成的 Word 和 PDF 文书不受影响；要让界面显示效果最好，请（现在或以后）安装字体包：\n"
        "Only the CJK font is missing: this command carries on without it. The window shows\n"
        "Chinese with the program's own font and the Word and PDF documents are unaffected;\n"
        "for the best look, install the font package (now or later):\n\n" + install_help(missing),
        flush=True,
    )
    note("继续 / carrying on")


# --------------------------------------------------------------------------- virtual env


def venv_python(venv: Path = VENV) -> Path:
    if IS_WINDOWS:
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def venv_version(venv: Path = VENV) -> str | None:
    """The "major.minor" of the Python that made ``venv``, or None when it does not run."""
    python = venv_python(venv)
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


def make_venv(venv: Path, why: str) -> None:
    """Make ``venv`` anew with the Python running dev.py."""
    header(f"虚拟环境 / virtual environment ({venv.name})")
    if venv.exists():
        note(f"{venv.name}: {why}，重建 / making it anew")
        try:
            shutil.rmtree(venv)
        except OSError as exc:  # Windows: a program from this venv is still running
            note(
                f"无法删除 {venv}：{exc}。请先关闭本程序和用它打开的窗口，再运行一次。"
                f" / cannot remove {venv}: close the app and anything started from it, retry."
            )
            raise SystemExit(1) from exc
    ensure_venv_support()
    check([sys.executable, "-m", "venv", venv], what="创建虚拟环境 / creating the venv")


def ensure_venv() -> None:
    """Create .venv, or make it anew when it is broken or made by another Python."""
    wanted = "{}.{}".format(*sys.version_info[:2])
    found = venv_version()
    if found == wanted:
        return
    make_venv(VENV, f"由 Python {found or '?'} 创建 / made by Python {found or '?'}")
    STAMP.unlink(missing_ok=True)


def have_ensurepip() -> bool:
    return importlib.util.find_spec("ensurepip") is not None


def ensure_venv_support() -> None:
    """Debian splits ensurepip (which venv needs) off into the package python3-venv."""
    if have_ensurepip() or not shutil.which("apt-get"):
        return
    if is_root():
        apt_install(["python3-venv"])
        return
    print(
        "\n缺少 python3-venv（建立虚拟环境要用），本命令到此停止。请安装后重新运行本命令：\n"
        "python3-venv is missing (it makes the virtual environment), so this command stops\n"
        "here. Install it, then run this command again:\n\n" + install_help(["python3-venv"]),
        flush=True,
    )
    raise SystemExit(1)


def read_stamp(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_project(extras: Sequence[str]) -> None:
    """pip install -e .[extras] -c constraints-dev.txt unless the stamp says it is already
    done for this pyproject.toml and these constraints."""
    digests = {
        "pyproject_sha256": sha256_of(ROOT / "pyproject.toml"),
        "constraints_sha256": sha256_of(CONSTRAINTS),
    }
    stamp = read_stamp(STAMP)
    installed_extras = stamp.get("extras")
    have = set(installed_extras) if isinstance(installed_extras, list) else set()
    if all(stamp.get(key) == value for key, value in digests.items()) and set(extras) <= have:
        return
    # Keep the extras an earlier command installed, so run → test → run installs only once
    # and a changed pyproject.toml brings every installed extra up to date.
    extras = sorted(have | set(extras))
    target = "." + (f"[{','.join(extras)}]" if extras else "")
    header(f"安装项目 / pip install -e {target} -c {CONSTRAINTS.name}")
    started = time.monotonic()
    check(
        [
            venv_python(),
            *("-m", "pip", "install", "--disable-pip-version-check"),
            *("-c", CONSTRAINTS, "-e", target),
        ],
        what="pip install",
    )
    note(f"安装用时 / installed in {time.monotonic() - started:.0f} s")
    STAMP.write_text(
        json.dumps({**digests, "extras": sorted(extras)}, indent=2) + "\n", encoding="utf-8"
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


# --------------------------------------------------------------------------- runtime-only venv

# Imports every module of the repository's package (argv[1] is the repository), so that a
# dependency that only one rarely opened page or command uses cannot go unnoticed.
IMPORT_EVERY_MODULE = """\
import importlib, pkgutil, sys
sys.path.insert(0, sys.argv[1])
import jianshi_desktop
names = [m.name for m in pkgutil.walk_packages(jianshi_desktop.__path__, "jianshi_desktop.")]
for name in names:
    importlib.import_module(name)
print(f"{len(names)} modules imported from {jianshi_desktop.__path__[0]}")
"""
READY_MARKER = "JIANSHI-READY"  # printed by main.py --quit-after once the window runs
RUNTIME_TIMEOUT_S = 300


def ensure_runtime_venv() -> Path:
    """.venv-runtime with nothing but the runtime dependencies: ``pip install .``, no extras,
    no constraints, as users get them. Made anew whenever pyproject.toml changes, so that a
    dependency dropped from it is gone here too. Returns its python."""
    stamp = RUNTIME_VENV / STAMP.name
    digest = sha256_of(ROOT / "pyproject.toml")
    wanted = "{}.{}".format(*sys.version_info[:2])
    if venv_version(RUNTIME_VENV) == wanted and read_stamp(stamp).get("pyproject_sha256") == digest:
        return venv_python(RUNTIME_VENV)
    make_venv(RUNTIME_VENV, "pyproject.toml 改动或未建好 / pyproject.toml changed or unfinished")
    python = venv_python(RUNTIME_VENV)
    check(
        [python, "-m", "pip", "install", "--disable-pip-version-check", "."],
        what="pip install . (只装运行依赖 / runtime dependencies only)",
    )
    stamp.write_text(json.dumps({"pyproject_sha256": digest}, indent=2) + "\n", encoding="utf-8")
    return python


def output_problems(code: int, output: str, *, want_ready: bool) -> list[str]:
    """What is wrong with one run of the app, judged by its exit code and output."""
    problems = []
    if code != 0:
        problems.append(f"退出码 / exit code {code}")
    if "Traceback" in output:
        problems.append("输出中有 Traceback / a traceback in the output")
    if want_ready and READY_MARKER not in output.splitlines():
        problems.append(f"没有打印 {READY_MARKER} / {READY_MARKER} never came")
    return problems


def log_problems(logs: Path) -> list[str]:
    """A traceback in any of the data folder's log files."""
    return [
        f"{path.name} 中有 Traceback / a traceback in {path}"
        for path in sorted(logs.glob("*.log"))
        if "Traceback" in path.read_text(encoding="utf-8", errors="replace")
    ]


def run_captured(cmd: Sequence[str | Path], *, cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run a command, show its output, and return its exit code and output (stdout+stderr)."""
    words = [str(part) for part in cmd]
    print("$ " + " ".join(words), flush=True)
    try:
        result = subprocess.run(
            words,
            cwd=cwd,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=RUNTIME_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as exc:
        partial = exc.stdout or ""
        if isinstance(partial, bytes):
            partial = partial.decode("utf-8", errors="replace")
        print(partial, flush=True)
        return -1, partial + f"\n(no exit within {RUNTIME_TIMEOUT_S} s)"
    print(result.stdout, end="", flush=True)
    return result.returncode, result.stdout


def runtime_only_check() -> list[str]:
    """Start the real app in .venv-runtime, as users install it: import every module, open
    the main window offscreen on a fresh demo data folder (it closes itself), and run
    selftest, all from a folder outside the repository. Returns the problems found."""
    try:
        python = ensure_runtime_venv()
    except SystemExit as exc:
        return [f"建立 {RUNTIME_VENV.name} 失败 / making {RUNTIME_VENV.name} failed ({exc.code})"]
    env = offscreen_env()
    for name in ("PYTHONPATH", "PYTHONHOME", "JIANSHI_DATA_DIR", "JIANSHI_PORTABLE"):
        env.pop(name, None)
    main_py = ROOT / "main.py"
    app: list[str | Path] = [python, main_py, "--no-crash-dialog"]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(
        prefix="jianshi-runtime-", ignore_cleanup_errors=True
    ) as folder:
        work = Path(folder)
        data = work / "demo-data"
        runs: list[tuple[str, list[str | Path], bool]] = [
            ("import", [python, "-c", IMPORT_EVERY_MODULE, ROOT], False),
            (
                "window",
                [*app, "--data-dir", data, "--demo", "--quit-after", "1500"],
                True,
            ),
            (
                "selftest",
                [*app, "--data-dir", data, "selftest"],
                False,
            ),
        ]
        for what, cmd, want_ready in runs:
            code, output = run_captured(cmd, cwd=work, env=env)
            problems += [
                f"{what}: {p}" for p in output_problems(code, output, want_ready=want_ready)
            ]
        problems += log_problems(data / "logs")
    return problems


# --------------------------------------------------------------------------- skipped tests

# A skip reason naming one of these tools: the Debian package that brings it.
SKIP_PACKAGES = (
    (("libreoffice", "soffice"), "libreoffice-writer-nogui"),
    (("poppler", "pdffonts", "pdftotext", "pdftoppm"), "poppler-utils"),
)


def _case_name(case: ElementTree.Element) -> str:
    return f"{case.get('classname', '')}::{case.get('name', '')}"


def read_outcomes(junit: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
    """(skipped, expected failures) from pytest's JUnit XML report, each as (test, reason);
    pytest writes an xfail as ``skipped`` too, with type ``pytest.xfail``. None when there
    is no report (pytest stopped before it ran any test): then nothing is known."""
    try:
        root = ElementTree.parse(junit).getroot()
    except (OSError, ElementTree.ParseError):
        return None
    skips: list[tuple[str, str]] = []
    xfails: list[tuple[str, str]] = []
    for case in root.iter("testcase"):
        skipped = case.find("skipped")
        if skipped is None:
            continue
        reason = (skipped.get("message") or "").strip()
        reason = reason.removeprefix("Skipped: ").strip() or "没有说明原因 / no reason given"
        found = xfails if skipped.get("type") == "pytest.xfail" else skips
        found.append((_case_name(case), reason))
    return skips, xfails


def users_own_report(args: Sequence[str]) -> bool:
    """Whether the arguments ask pytest for a JUnit report of their own (``--junitxml``,
    ``--junit-xml``; not ``--junit-prefix``, which only names the tests in one)."""
    names = ("--junitxml", "--junit-xml")
    return any(arg in names or arg.startswith(tuple(f"{n}=" for n in names)) for arg in args)


def skip_packages(reason: str) -> list[str]:
    """The Debian packages a skip reason asks for."""
    lowered = reason.lower()
    return [pkg for words, pkg in SKIP_PACKAGES if any(w in lowered for w in words)]


def skip_summary(
    skips: Sequence[tuple[str, str]], xfails: Sequence[tuple[str, str]] = ()
) -> list[str]:
    """What the end of ``dev.py test`` says about the tests that did not simply pass or
    fail: how many were skipped, why (grouped by reason, most first) and the command that
    installs what they need; then every expected failure (xfail, a known gap) with its
    reason."""
    lines: list[str] = []
    if not skips:
        lines.append("没有跳过任何测试 / no test was skipped")
    else:
        by_reason: dict[str, int] = {}
        for _test, reason in skips:
            by_reason[reason] = by_reason.get(reason, 0) + 1
        lines.append(f"跳过了 {len(skips)} 个测试 / {len(skips)} tests skipped:")
        packages: list[str] = []
        for reason, count in sorted(by_reason.items(), key=lambda item: (-item[1], item[0])):
            lines.append(f"  {count} 个：{reason}")
            packages += [p for p in skip_packages(reason) if p not in packages]
        if packages:
            lines.append("要运行这些测试，请安装 / to run them, install:")
            lines += [f"    {command}" for command in install_commands(packages)[:1]]
    if xfails:
        lines.append(
            f"预期失败 {len(xfails)} 个（已知的问题）/ {len(xfails)} expected failures (xfail):"
        )
        lines += [f"  {test}：{reason}" for test, reason in sorted(xfails)]
    return lines


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
# `lint-imports` through its Python API: the contracts in pyproject.toml, [tool.importlinter]
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(no_cache=True, no_logo=True))"
)


def cmd_test(args: Sequence[str]) -> int:
    python = set_up(extras=TEST_EXTRAS)
    env = offscreen_env()
    failed: list[str] = []

    header("1/6 ruff check")
    if run([python, "-m", "ruff", "check", "."], env=env) != 0:
        failed.append("ruff")

    header("2/6 mypy")
    if run([python, "-m", "mypy"], env=env) != 0:
        failed.append("mypy")

    header("3/6 import-linter: 分层 / the layers of design/architecture.md")
    if run([python, "-c", LINT_IMPORTS], env=env) != 0:
        failed.append("import-linter")

    header("4/6 vulture: 没有用到的代码 / dead code")
    if run([python, "-m", "vulture"], env=env) != 0:
        failed.append("vulture")

    before = ", ".join(failed) + " 未通过 / failed" if failed else "ruff, mypy, layers, vulture ok"
    header(f"5/6 pytest (QT_QPA_PLATFORM=offscreen; {before})")
    with tempfile.TemporaryDirectory(prefix="jianshi-pytest-") as folder:
        # pytest's JUnit report says which tests were skipped or expected to fail, and why
        # (listed at the end); when the user asks for a report of their own, theirs is the
        # only one and no list is printed (nothing is known about the skips then)
        junit = Path(folder) / "junit.xml"
        own_report = users_own_report(args)
        extra = [] if own_report else [f"--junitxml={junit}"]
        extra += workers(args)
        code = run([python, "-m", "pytest", *extra, *args], env=env)
        outcomes = None if own_report else read_outcomes(junit)
    if code == 5:
        note("pytest 没有收集到任何测试 / pytest collected no tests")
    if code != 0:
        failed.append(f"pytest (exit {code})")

    header(f"6/6 只装运行依赖的环境 / runtime-only venv ({RUNTIME_VENV.name}): 启动程序 / the app")
    started = time.monotonic()
    problems = runtime_only_check()
    for problem in problems:
        note(f"未通过 / FAILED: {problem}")
    if problems:
        failed.append(f"runtime-only venv ({len(problems)})")
    note(f"第 6 步用时 / step 6 took {time.monotonic() - started:.0f} s")

    if outcomes is not None and code != 5:
        header("跳过的测试和预期失败 / skipped tests and expected failures")
        for line in skip_summary(*outcomes):
            print(line, flush=True)
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
    header(f"自检 / selftest and window: {exe.relative_to(ROOT)}")
    problems = bundle_check(exe)
    for problem in problems:
        note(f"未通过 / FAILED: {problem}")
    if problems:
        return 1
    note(f"完成 / done: {folder}")
    return 0


def bundle_check(exe: Path) -> list[str]:
    """The built program as a user starts it: its selftest (which imports every module and
    builds the main window), then the real window on a demo data folder, closing itself.

    The Windows bundle is a windowed program that prints nothing, so there only the exit
    codes and the log count; the log is shown when something failed."""
    env = offscreen_env()
    for name in ("JIANSHI_DATA_DIR", "JIANSHI_PORTABLE"):
        env.pop(name, None)
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="jianshi-bundle-", ignore_cleanup_errors=True) as tmp:
        data = Path(tmp) / "data"
        base: list[str | Path] = [exe, "--no-crash-dialog", "--data-dir", data]
        runs: list[tuple[str, list[str | Path], bool]] = [
            ("selftest", [*base, "--demo", "selftest"], False),
            ("window", [*base, "--quit-after", "1500"], not IS_WINDOWS),
        ]
        for what, cmd, want_ready in runs:
            code, output = run_captured(cmd, cwd=Path(tmp), env=env)
            problems += [
                f"{what}: {p}" for p in output_problems(code, output, want_ready=want_ready)
            ]
        problems += log_problems(data / "logs")
        if problems:
            for log_file in sorted((data / "logs").glob("*.log")):
                header(f"日志 / log: {log_file.name}")
                print(log_file.read_text(encoding="utf-8", errors="replace")[-6000:], flush=True)
    return problems


COMMANDS = {"run": cmd_run, "test": cmd_test, "build": cmd_build}


def workers(args: Sequence[str]) -> list[str]:
    """``-n N`` for pytest-xdist: the tests on up to four cores at once (the suite takes
    half the time on two), unless the arguments choose (``-n 0`` runs them in one process)."""
    chosen = any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args)
    return [] if chosen else ["-n", str(max(1, min(os.cpu_count() or 1, 4)))]


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
