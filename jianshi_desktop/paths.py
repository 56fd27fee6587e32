"""Where the app keeps its data: one folder, chosen once at start-up.

Precedence, first match wins:

1. ``--data-dir DIR`` on the command line;
2. the environment variable ``JIANSHI_DATA_DIR``;
3. portable mode — a ``portable.txt`` file (or ``--portable``) next to the executable —
   uses ``data/`` beside the executable, so the app runs from a USB stick;
4. the platform's user-data folder (``%LOCALAPPDATA%\\JianshiBranchDesk`` on Windows,
   ``~/.local/share/JianshiBranchDesk`` on Linux).

``--demo`` without an explicit folder uses a ``demo`` sub-folder so that invented data
never mixes with a branch's real records; ``--county`` (县局汇总) likewise a ``county``
sub-folder, so that the packages of every school never mix with a branch's own data.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from jianshi_desktop import APP_ID
from jianshi_desktop.errors import DataDirError

ENV_DATA_DIR = "JIANSHI_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
DATABASE_FILE = "jianshi.sqlite3"


def executable_dir() -> Path:
    """The folder of the running program: the bundle's folder when frozen, else the repo."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The shipped ``resources/`` folder (inside the PyInstaller bundle when frozen)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def ui_dir() -> Path:
    """The Qt Designer forms folder ``ui/``."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "ui"
    return Path(__file__).resolve().parent.parent / "ui"


def is_portable(exe_dir: Path | None = None) -> bool:
    """``portable.txt`` beside the program — or ``portable.txt.txt``, what Windows Explorer
    makes of a new text file named so while it hides known extensions."""
    folder = exe_dir or executable_dir()
    return any((folder / name).is_file() for name in (PORTABLE_MARKER, PORTABLE_MARKER + ".txt"))


def default_data_dir(platform: str | None = None) -> Path:
    """The platform's user-data folder for the app (``platform`` as ``sys.platform`` says).

    Windows: ``%LOCALAPPDATA%\\JianshiBranchDesk`` — the local, not the roaming, profile, as
    the shell reports it; when the shell cannot say, ``LOCALAPPDATA`` or the usual
    ``%USERPROFILE%\\AppData\\Local``. Linux: ``$XDG_DATA_HOME`` or ``~/.local/share``.
    """
    if (sys.platform if platform is None else platform) == "win32":
        from platformdirs.windows import Windows

        try:
            return Path(Windows(APP_ID, appauthor=False, roaming=False).user_data_dir)
        except (OSError, ValueError, NotImplementedError):
            local = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
            return Path(local) / APP_ID
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_ID, appauthor=False, roaming=False))


@dataclass(frozen=True)
class DataDirChoice:
    path: Path
    reason: str  # one of: argument, environment, portable, default — shown in selftest


_chosen: DataDirChoice | None = None


def remember_choice(choice: DataDirChoice | None) -> None:
    """The data folder this run uses, for what must follow it without being handed it
    (the font cache lives in a portable data folder: nothing left on the host PC)."""
    global _chosen
    _chosen = choice


def remembered_choice() -> DataDirChoice | None:
    return _chosen


def choose_data_dir(
    cli_value: str | None = None,
    *,
    portable: bool = False,
    demo: bool = False,
    county: bool = False,
    environ: dict[str, str] | None = None,
    exe_dir: Path | None = None,
    platform: str | None = None,
) -> DataDirChoice:
    """Decide the data folder without touching the disk (``platform``: for tests)."""
    env = os.environ if environ is None else environ
    sub = "county" if county else "demo" if demo else ""  # a folder named outright wins
    if cli_value:
        return DataDirChoice(Path(cli_value).expanduser().resolve(), "argument")
    if env.get(ENV_DATA_DIR):
        return DataDirChoice(Path(env[ENV_DATA_DIR]).expanduser().resolve(), "environment")
    if portable or is_portable(exe_dir):
        base = (exe_dir or executable_dir()) / "data"
        return DataDirChoice(base / sub if sub else base, "portable")
    base = default_data_dir(platform)
    return DataDirChoice(base / sub if sub else base, "default")


@dataclass(frozen=True)
class DataDir:
    """The data folder and the fixed places inside it."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_FILE

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def temp(self) -> Path:
        """Scratch space for half-made files; emptied at every start (never the system temp)."""
        return self.root / "tmp"


def prepare_data_dir(root: Path) -> DataDir:
    """Create the data folder and its sub-folders and prove it is writable.

    Raises :class:`DataDirError` with a Chinese message naming the folder otherwise.
    """
    data = DataDir(root)
    try:
        if root.exists() and not root.is_dir():
            raise DataDirError(
                f"数据文件夹“{root}”是一个文件，不是文件夹。",
                hint="请移走或改名这个同名文件后再打开程序。",
            )
        for folder in (root, data.attachments, data.backups, data.logs, data.temp):
            folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".write-test-", delete=True) as probe:
            probe.write(b"ok")
            probe.flush()
    except DataDirError:
        raise
    except OSError as exc:
        raise DataDirError(
            f"无法在数据文件夹“{root}”中写入文件（{exc.strerror or exc}）。",
            hint="请检查该文件夹的权限和磁盘空间；需要时可请技术人员为程序指定另一个数据文件夹。",
        ) from exc
    clear_temp(data)
    return data


def clear_temp(data: DataDir) -> None:
    """Remove leftovers of an interrupted run: personal data must not lie in temp folders."""
    if not data.temp.is_dir():
        return
    for item in data.temp.iterdir():
        try:
            if item.is_dir():
                import shutil

                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink()
        except OSError:
            pass


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path``'s content as a whole: written under a name of this process and
    thread beside it, then renamed over it (a reader never meets half a file). The scratch
    file is removed when writing fails; the error is the caller's."""
    scratch = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
