"""One program per data folder: a lock file in the data folder, held while it is in use.

The window holds the lock for its whole life; every command that may change the data
folder holds it while it runs. The lock is the operating system's own (``fcntl.flock`` on
POSIX, ``msvcrt.locking`` on Windows), so it vanishes with the process: a crash, a kill or
a power cut never leaves a stale lock that blocks the next start. The file itself stays
(removing it would let a second program lock a new file while the first still holds the
old one); what it says — who holds it, since when — is only for the message.

When the lock cannot be made at all (a read-only stick, a file system without locks) the
program runs without it: opening the data folder then gives its own clear message, and a
missing lock must never keep a secretary from her records.

Standard library only: this runs at every start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any

log = logging.getLogger(__name__)

LOCK_FILE = ".jianshi.lock"
# Windows locks a byte range, and a locked range cannot be read by others: lock one byte
# far past the few bytes of information, so that a second start can still read them.
_LOCK_OFFSET = 1 << 20


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as it wrote it (for the message only; it may be stale)."""

    pid: int = 0
    purpose: str = ""  # "window" or the command, e.g. "roster import"
    since: str = ""

    @property
    def is_window(self) -> bool:
        return self.purpose == "window"


@dataclass
class InstanceLock:
    """The lock on one data folder; ``acquired`` False when another program holds it."""

    path: Path
    acquired: bool = False
    holder: Holder = field(default_factory=Holder)
    _handle: IO[bytes] | None = None

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        except OSError:
            pass  # closing the file releases it as well
        finally:
            handle.close()
        self.acquired = False

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def lock_path(data_root: Path) -> Path:
    return data_root / LOCK_FILE


def acquire(data_root: Path, purpose: str) -> InstanceLock:
    """Try once to lock ``data_root`` for this process (never waits).

    ``acquired`` tells whether it worked; when another program holds the lock, ``holder``
    says who (as far as it wrote). When no lock can be made here (logged), ``acquired`` is
    True all the same: the caller goes on as if it held it."""
    path = lock_path(data_root)
    try:
        if data_root.exists() and not data_root.is_dir():
            raise NotADirectoryError(str(data_root))  # opening the folder will say so
        data_root.mkdir(parents=True, exist_ok=True)
        handle = _open(path)
    except OSError as exc:
        log.warning("No instance lock in %s (%s); going on without one", data_root, exc)
        return InstanceLock(path, acquired=True)
    try:
        locked = _try_lock(handle)
    except OSError as exc:  # no locks on this file system
        handle.close()
        log.warning("Cannot lock %s (%s); going on without an instance lock", path, exc)
        return InstanceLock(path, acquired=True)
    if not locked:
        holder = _read_holder(handle)
        handle.close()
        log.info(
            "Data folder %s is in use by process %s (%s)", data_root, holder.pid, holder.purpose
        )
        return InstanceLock(path, acquired=False, holder=holder)
    if not _same_file(handle, path):  # removed and made anew between open and lock
        _unlock(handle)
        handle.close()
        return acquire(data_root, purpose)
    me = Holder(os.getpid(), purpose, dt.datetime.now().isoformat(timespec="seconds"))
    _write_holder(handle, me)
    return InstanceLock(path, acquired=True, holder=me, _handle=handle)


def _open(path: Path) -> IO[bytes]:
    binary = getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | binary, 0o644)
        mode = "r+b"
    except OSError as exc:  # a read-only lock file or stick: it still locks when there
        if exc.errno not in (errno.EACCES, errno.EPERM, errno.EROFS) or not path.is_file():
            raise
        fd = os.open(path, os.O_RDONLY | binary)
        mode = "rb"
    return os.fdopen(fd, mode, buffering=0)


def _same_file(handle: IO[bytes], path: Path) -> bool:
    try:
        now = path.stat()
    except OSError:
        return False
    mine = os.fstat(handle.fileno())
    if sys.platform == "win32":  # an open file cannot be removed there
        return True
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        handle.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except PermissionError:  # EACCES: locked by another process
            return False
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(_LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _write_holder(handle: IO[bytes], holder: Holder) -> None:
    if not handle.writable():
        return
    text = json.dumps(
        {"pid": holder.pid, "purpose": holder.purpose, "since": holder.since},
        ensure_ascii=False,
    ).encode("utf-8")
    with contextlib.suppress(OSError):  # only for the message: never worth failing over
        handle.seek(0)
        handle.write(text + b"\n")
        handle.truncate(len(text) + 1)
        handle.flush()


def _read_holder(handle: IO[bytes]) -> Holder:
    try:
        handle.seek(0)
        raw: Any = json.loads(handle.read(4096).decode("utf-8", "replace").strip() or "{}")
    except (OSError, ValueError):
        return Holder()
    if not isinstance(raw, dict):
        return Holder()
    pid = raw.get("pid")
    return Holder(
        pid if isinstance(pid, int) else 0,
        str(raw.get("purpose", "")),
        str(raw.get("since", "")),
    )


def in_use_message(data_root: Path, holder: Holder) -> str:
    """程序已在运行 …: the sentence a command prints when the folder is in use."""
    who = "程序窗口" if holder.is_window or not holder.purpose else f"命令“{holder.purpose}”"
    pid = f"（进程号 {holder.pid}）" if holder.pid else ""
    return f"程序已在运行：数据文件夹“{data_root}”正在被{who}使用{pid}。"
