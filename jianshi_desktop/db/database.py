"""Opening the one SQLite file safely.

Before anything is written, the file is inspected read-only: it must be SQLite, must be
ours (``application_id``) or empty, must pass ``quick_check``, and must not come from a
newer version of the app. Only then is it opened with WAL, foreign keys and
``synchronous=NORMAL``, backed up if a migration is due, and migrated step by step.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import peewee

from jianshi_desktop.db.migrations import LATEST_VERSION, MIGRATIONS
from jianshi_desktop.db.models import database_proxy
from jianshi_desktop.errors import DatabaseError, DatabaseTooNewError

log = logging.getLogger(__name__)

APPLICATION_ID = 0x4A534244  # "JSBD": marks the file as ours
SQLITE_HEADER = b"SQLite format 3\x00"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 5000,
}


@dataclass(frozen=True)
class FileInspection:
    exists: bool
    user_version: int = 0
    application_id: int = 0


def _not_ours(path: Path, what: str) -> DatabaseError:
    return DatabaseError(
        f"文件“{path}”{what}，无法打开，文件未做任何改动。",
        hint="如果它是从别处复制来的，请找回原来的数据文件；也可以把它移到别的文件夹，"
        "再打开程序从头开始。",
    )


# What a failed read or write of the data folder means to the user. SQLite's primary
# result codes (``sqlite_errorcode & 0xFF``) and its messages, the errno of an OSError.
_SQLITE_KINDS = {5: "busy", 6: "busy", 8: "readonly", 10: "io", 13: "full", 14: "io"}
_MESSAGE_KINDS = (
    ("database is locked", "busy"),
    ("database table is locked", "busy"),
    ("database is busy", "busy"),
    ("database or disk is full", "full"),
    ("readonly database", "readonly"),
    ("disk i/o error", "io"),
    ("unable to open database file", "io"),
)
_ERRNO_KINDS = {
    errno.ENOSPC: "full",
    getattr(errno, "EDQUOT", errno.ENOSPC): "full",
    errno.EROFS: "readonly",
    errno.EIO: "io",
    errno.ENXIO: "io",
    errno.ENODEV: "io",
}
_WINERROR_KINDS = {112: "full", 19: "readonly", 21: "io", 1167: "io", 23: "io", 1117: "io"}
_SAVED_IS_SAFE = "以前保存的数据没有丢失。"
INSPECT_BUSY_SECONDS = 5.0  # how long the look before opening waits for another program


def storage_kind(exc: BaseException, *, data_root: Path | None = None) -> str | None:
    """``"busy"``, ``"full"``, ``"readonly"`` or ``"io"`` when ``exc`` (or what caused it)
    is the disk or another program, not a bug; None otherwise.

    A missing file or a refused permission counts (as a vanished stick, a read-only
    folder) only inside ``data_root``: a roster file open in Excel is not a broken disk."""
    for link in _chain(exc):
        kind = _kind_of(link, data_root)
        if kind is not None:
            return kind
    return None


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    link: BaseException | None = exc
    while link is not None and link not in seen and len(seen) < 10:
        seen.append(link)
        link = link.__cause__ or link.__context__
    return seen


def _kind_of(exc: BaseException, data_root: Path | None) -> str | None:
    if isinstance(exc, (sqlite3.Error, peewee.DatabaseError)):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int) and (code & 0xFF) in _SQLITE_KINDS:
            return _SQLITE_KINDS[code & 0xFF]
        text = str(exc).lower()
        return next((kind for words, kind in _MESSAGE_KINDS if words in text), None)
    if not isinstance(exc, OSError):
        return None
    winerror = getattr(exc, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINERROR_KINDS:
        return _WINERROR_KINDS[winerror]
    if exc.errno in _ERRNO_KINDS:
        return _ERRNO_KINDS[exc.errno]
    if data_root is None or exc.errno not in (errno.ENOENT, errno.EACCES, errno.EPERM):
        return None
    if exc.errno == errno.ENOENT:
        return "io" if not data_root.is_dir() else None  # the stick is gone
    filename = exc.filename if isinstance(exc.filename, str) else None
    inside = filename is not None and Path(filename).is_relative_to(data_root)
    return "readonly" if inside else None


def storage_error(
    exc: BaseException,
    *,
    data_root: Path | None = None,
    outcome: str = "这次的修改没有保存",
) -> DatabaseError | None:
    """A Chinese ``DatabaseError`` for a disk or busy problem (:func:`storage_kind`): what
    happened, ``outcome``, and what to do; None when ``exc`` is something else. A
    ``DatabaseError`` already in the chain (from a nested action) is returned as it is."""
    for link in _chain(exc):
        if isinstance(link, DatabaseError):
            return link
    kind = storage_kind(exc, data_root=data_root)
    if kind == "busy":
        return DatabaseError(
            f"数据正在被另一个程序使用，{outcome}。",
            hint="请关闭另一个正在运行的建始支部工作台账（窗口或命令），稍等片刻再试一次；"
            + _SAVED_IS_SAFE,
        )
    if kind == "full":
        return DatabaseError(
            f"磁盘空间已满，{outcome}。",
            hint="请删除不需要的文件（或换一个空间足够的U盘）腾出空间，再试一次；" + _SAVED_IS_SAFE,
        )
    if kind == "readonly":
        return DatabaseError(
            f"数据所在的磁盘或文件夹是只读的，{outcome}。",
            hint="如果数据在U盘上，请检查U盘侧面的写保护开关、确认U盘插好，关闭程序再打开后"
            "再试一次；" + _SAVED_IS_SAFE,
        )
    if kind == "io":
        return DatabaseError(
            f"读写磁盘时出错，U盘可能已被拔出或接触不良，{outcome}。",
            hint="请插好U盘（不要在程序运行时拔出），关闭程序后重新打开，再试一次；"
            + _SAVED_IS_SAFE,
        )
    return None


def inspect_file(path: Path) -> FileInspection:
    """Look at the file without changing a byte; raise a ``DatabaseError`` if unusable."""
    if not path.exists():
        return FileInspection(exists=False)
    if path.is_dir():
        raise _not_ours(path, "是一个文件夹")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(
            f"无法读取数据文件“{path}”（{exc.strerror or exc}）。",
            hint="请检查文件权限，或确认没有其他程序占用它。",
        ) from exc
    if len(header) == 0:
        return FileInspection(exists=True)  # an empty file: a database never written
    if header != SQLITE_HEADER:
        raise _not_ours(path, "不是本程序的数据文件或已损坏")
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, timeout=INSPECT_BUSY_SECONDS)
        try:
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        log.warning("Database %s cannot be read: %s", path, exc)
        kind = storage_kind(exc)
        if kind == "busy":  # held by another program: never called damage
            raise DatabaseError(
                f"数据正在被另一个程序使用：数据文件“{path}”暂时无法读取，文件未做任何改动。",
                hint="请先关闭另一个正在运行的建始支部工作台账（窗口或命令），再打开程序。",
            ) from exc
        if kind is not None:  # the disk, not the file: say so, and do not advise moving it
            problem = storage_error(exc, data_root=path.parent, outcome="无法打开数据")
            assert problem is not None
            raise problem from exc
        raise _not_ours(path, "已损坏或不是本程序的数据文件") from exc
    if check != "ok":
        log.warning("quick_check of %s: %s", path, check)
        raise DatabaseError(
            f"数据文件“{path}”已损坏（检查发现内容不完整），文件未做任何改动。",
            hint="请从数据文件夹的 backups 子文件夹中找回最近的备份。",
        )
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables > 0):
        raise _not_ours(path, "是其他程序的数据")
    if user_version > LATEST_VERSION:
        raise DatabaseTooNewError(
            f"数据文件“{path}”由更新版本的建始支部工作台账写入，"
            "本程序打不开，文件未做任何改动。",
            hint="请安装最新版本的程序后再打开。",
        )
    return FileInspection(True, user_version, application_id)


def migrate(db: peewee.SqliteDatabase, *, target: int = LATEST_VERSION) -> list[int]:
    """Run the pending migrations up to ``target``; returns the versions applied."""
    applied: list[int] = []
    current = db.execute_sql("PRAGMA user_version").fetchone()[0]
    for step in MIGRATIONS:
        if step.version <= current or step.version > target:
            continue
        with db.atomic():
            for statement in step.statements():
                db.execute_sql(statement)
            db.execute_sql(f"PRAGMA user_version = {step.version:d}")
            db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID:d}")
        log.info("Database migrated to version %d (%s)", step.version, step.description)
        applied.append(step.version)
    return applied


def schema_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def backup_to(db: peewee.SqliteDatabase, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API (safe while in use)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    dest = sqlite3.connect(partial)
    try:
        db.connection().backup(dest)
    finally:
        dest.close()
    partial.replace(target)
    return target


def open_database(
    path: Path,
    *,
    backups_dir: Path | None = None,
    target: int = LATEST_VERSION,
    before_migration: Callable[[peewee.SqliteDatabase, int], object] | None = None,
) -> peewee.SqliteDatabase:
    """Open (creating if new) and migrate the database, binding the models to it.

    Before a migration the file is backed up: by ``before_migration(db, old_version)``
    when given (the data folder's full backup, services/backups.py), else into
    ``backups_dir`` as a plain copy of the database."""
    info = inspect_file(path)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=True)
    try:
        db.connect(reuse_if_open=True)
        if info.exists and 0 < info.user_version < target:
            try:
                if before_migration is not None:
                    before_migration(db, info.user_version)
                elif backups_dir is not None:
                    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                    backup_to(db, backups_dir / f"升级前备份-v{info.user_version}-{stamp}.sqlite3")
            except DatabaseError:
                db.close()
                raise
        migrate(db, target=target)
    except (sqlite3.OperationalError, peewee.OperationalError, OSError) as exc:
        db.close()
        problem = storage_error(
            exc, data_root=path.parent, outcome=f"无法打开数据文件“{path}”，文件未做任何改动"
        )
        if problem is not None:
            raise problem from exc
        if isinstance(exc, OSError):
            raise
        raise DatabaseError(
            f"无法写入数据文件“{path}”（{exc}）。",
            hint="请确认文件没有被其他程序占用、文件夹可写、磁盘还有空间。",
        ) from exc
    database_proxy.initialize(db)
    return db


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
