"""A damaged install: name what is missing, say how to reinstall, never stay silent.

Standard library only, so that it works when the libraries it reports are missing.

- :data:`THIRD_PARTY_MODULES` is the one list of the libraries the app loads (many of
  them lazily, on first use); ``selftest`` imports every one of them, and
  ``tests/unit/test_install_check.py`` fails when the source imports a library that is
  not on it.
- :func:`damaged_install_message` turns an ``ImportError`` into one Chinese message that
  names the missing module and how to reinstall (or ``None`` when it is not about a
  missing part of the program).
- :func:`platform_plugin_problem` checks, before Qt is started, that the Qt platform
  plugin exists (Qt would otherwise abort the process with a message in English).
- :func:`show_native_message` shows a message without Qt: ``MessageBoxW`` on Windows, a
  dialog tool (zenity, kdialog, xmessage) on Linux; it is always printed to stderr too.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil  # loaded by Qt's own start anyway
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from jianshi_desktop import APP_NAME

# Every library the program loads, by the module that is imported; several only on first
# use (a document, a roster, a package), so a bundle that lacks them would otherwise fail
# only then. Submodules are named where they load a compiled part.
THIRD_PARTY_MODULES: tuple[str, ...] = (
    "peewee",
    "platformdirs",
    "shiboken6",
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtUiTools",
    "PySide6.QtNetwork",  # gui/single_instance.py: a second start raises the first window
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "pypinyin",
    "openpyxl",
    "docx",
    "reportlab",
    "reportlab.pdfbase.ttfonts",
    "reportlab.platypus",
    "cryptography",
    "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.scrypt",
)

TITLE = "程序文件不完整"


def third_party_roots() -> set[str]:
    """The top-level names of :data:`THIRD_PARTY_MODULES` (``PySide6``, ``peewee`` …)."""
    return {name.split(".")[0] for name in THIRD_PARTY_MODULES}


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def reinstall_hint(*, frozen: bool | None = None, windows: bool | None = None) -> str:
    """How to get the missing files back: the bundle is unpacked again, the source
    checkout's .venv is removed and ``dev.py run`` makes it anew. The data folder is never
    touched."""
    frozen = is_frozen() if frozen is None else frozen
    windows = sys.platform.startswith("win") if windows is None else windows
    if frozen:
        return (
            "请把程序的安装包重新解压（或重新安装）到原来的程序文件夹，替换其中的全部文件，"
            "然后再打开程序。数据保存在数据文件夹中，不受影响。"
        )
    command = "py dev.py run" if windows else "python3 dev.py run"
    # dev.py reinstalls when pyproject.toml changes, not when a file vanished from .venv:
    # removing .venv makes it install everything again.
    return (
        f"请删除程序源代码文件夹中的 .venv 文件夹，再在源代码文件夹中运行“{command}”，"
        "它会重新安装全部组件。数据保存在数据文件夹中，不受影响。"
    )


def missing_module_message(module: str, *, detail: str = "") -> str:
    """The message for one module that cannot be loaded."""
    what = f"缺少模块“{module}”" + (f"（{detail}）" if detail else "")
    return f"{APP_NAME}的程序文件不完整：{what}，程序无法运行这一部分。{reinstall_hint()}"


def _import_errors(exc: BaseException) -> list[ImportError]:
    """``exc`` and the errors it was raised from or during, ImportErrors only."""
    found: list[ImportError] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ImportError):
            found.append(current)
        current = current.__cause__ or current.__context__
    return found


def missing_module(exc: BaseException) -> str | None:
    """The module an ImportError (or an error raised from one) is about, when it is a
    missing or unloadable part of the program: a library of :data:`THIRD_PARTY_MODULES`,
    a module of the program itself, or a compiled library that failed to load."""
    ours = {"jianshi_desktop", *third_party_roots()}
    for error in _import_errors(exc):
        name = error.name or ""
        if isinstance(error, ModuleNotFoundError) and name:
            return name
        if name and name.split(".")[0] in ours:
            return name
        loaded = re.search(r"while importing (\S+?)[:\s]", str(error) + " ")
        if loaded:  # "DLL load failed while importing QtWidgets: …" on Windows
            return loaded.group(1)
    return None


def damaged_install_message(exc: BaseException) -> str | None:
    """One Chinese message for an error that means a part of the program is missing."""
    module = missing_module(exc)
    if module is None:
        return None
    return missing_module_message(module)


# --- the Qt platform plugin ---------------------------------------------------------------

_DEFAULT_PLATFORMS = {"win32": "windows", "darwin": "cocoa"}


def wanted_platforms(
    environ: dict[str, str] | None = None, platform: str | None = None
) -> list[str]:
    """The Qt platform plugins Qt will try: ``QT_QPA_PLATFORM`` (``a;b`` lists several,
    ``name:options`` has options), else the system's own (xcb on Linux)."""
    env = os.environ if environ is None else environ
    value = env.get("QT_QPA_PLATFORM", "").strip()
    if value:
        names = [part.split(":")[0].strip() for part in value.split(";")]
        return [name for name in names if name]
    system = sys.platform if platform is None else platform
    return [_DEFAULT_PLATFORMS.get(system, "xcb")]


def _plugin_stem(file_name: str) -> str:
    """``libqxcb.so`` → ``xcb``, ``qwindows.dll`` → ``windows``, ``qwindowsd.dll`` stays."""
    stem = file_name.split(".")[0]
    stem = stem.removeprefix("lib")
    return stem.removeprefix("q")


def platform_plugin_problem(
    plugins_dir: Path,
    platforms: Sequence[str],
    *,
    extra_dirs: Sequence[Path] = (),
) -> str | None:
    """None when one of ``platforms`` has its plugin file in ``plugins_dir/platforms`` (or
    one of ``extra_dirs``); else a Chinese message naming the folder and what is missing."""
    folders = [plugins_dir / "platforms", *extra_dirs]
    present: set[str] = set()
    for folder in folders:
        try:
            present.update(
                _plugin_stem(p.name)
                for p in folder.iterdir()
                if p.suffix in (".so", ".dll", ".dylib")
            )
        except OSError:
            continue
    for name in platforms:
        # wayland's plugins are called wayland-egl and wayland-generic
        if any(stem == name or stem.startswith(f"{name}-") for stem in present):
            return None
    wanted = "、".join(platforms) or "（未知）"
    return (
        f"{APP_NAME}的程序文件不完整：在“{folders[0]}”中找不到 Qt 的平台插件（{wanted}），"
        f"无法打开程序窗口。{reinstall_hint()}"
    )


# --- a message without Qt -----------------------------------------------------------------

Runner = Callable[[Sequence[str]], object]


def _run_dialog(command: Sequence[str]) -> object:
    import subprocess  # only to show a message: not on the normal start path

    return subprocess.run(list(command), check=False, timeout=600)


def show_native_message(
    title: str,
    text: str,
    *,
    dialogs: bool = True,
    platform: str | None = None,
    runner: Runner = _run_dialog,
) -> str:
    """Tell the user without Qt; returns how (``stderr``, ``MessageBoxW``, ``zenity`` …).

    The text always goes to stderr as well (a console start sees it; the Windows bundle
    has none). ``dialogs=False`` (``--no-crash-dialog``) shows no dialog."""
    # sys.stderr is None in the windowed Windows bundle: print raises nothing then, but a
    # closed or broken stream might.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        print(text, file=sys.stderr, flush=True)
    if not dialogs:
        return "stderr"
    import subprocess  # its errors, below: not on the normal start path

    system = sys.platform if platform is None else platform
    try:
        if system.startswith("win"):
            import ctypes

            windll = getattr(ctypes, "windll", None)
            if windll is not None:
                # MB_OK | MB_ICONERROR | MB_SETFOREGROUND
                windll.user32.MessageBoxW(None, text, f"{title} — {APP_NAME}", 0x10 | 0x10000)
                return "MessageBoxW"
            return "stderr"
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return "stderr"
        tools: list[list[str]] = [
            ["zenity", "--error", "--no-markup", f"--title={title}", f"--text={text}"],
            ["kdialog", "--title", title, "--error", text],
            ["xmessage", "-center", "-buttons", "确定:0", f"{title}\n\n{text}"],
        ]
        for command in tools:
            if shutil.which(command[0]):
                runner(command)
                return command[0]
    # a message that cannot be shown must not hide the first problem: no dialog program
    # after all, one that hangs, a Windows without user32, a text it cannot take
    except (OSError, subprocess.SubprocessError, AttributeError, ValueError):
        return "stderr"
    return "stderr"
