"""Opening the one SQLite file safely.

Before anything is written, the file is inspected read-only: it must be SQLite, must be
ours (``application_id``) or empty, must pass ``quick_check``, and must not come from a
newer version of the app. Only then is it opened with WAL, foreign keys and
``synchronous=NORMAL``, backed up if a migration is due, and migrated step by step.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
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
    table_count: int = 0


def _not_ours(path: Path, what: str) -> DatabaseError:
    return DatabaseError(
        f"文件“{path}”{what}，无法作为本程序的数据库打开，文件未做任何改动。",
        hint="如果它是从别处复制来的，请找回原来的数据库文件；也可以把它移到别的文件夹，"
        "再打开程序从头开始。",
    )


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
            f"无法读取数据库文件“{path}”（{exc.strerror or exc}）。",
            hint="请检查文件权限，或确认没有其他程序占用它。",
        ) from exc
    if len(header) == 0:
        return FileInspection(exists=True)  # an empty file: a database never written
    if header != SQLITE_HEADER:
        raise _not_ours(path, "不是数据库文件或已损坏")
    try:
        uri = f"{path.resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
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
        raise _not_ours(path, "已损坏或不是数据库文件") from exc
    if check != "ok":
        log.warning("quick_check of %s: %s", path, check)
        raise DatabaseError(
            f"数据库文件“{path}”已损坏（完整性检查未通过），文件未做任何改动。",
            hint="请从数据文件夹的 backups 子文件夹中找回最近的备份。",
        )
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables > 0):
        raise _not_ours(path, "是其他程序的数据库")
    if user_version > LATEST_VERSION:
        raise DatabaseTooNewError(
            f"数据库文件“{path}”由更新版本的建始支部工作台账写入"
            f"（数据版本 {user_version}，本程序只认识到 {LATEST_VERSION}），文件未做任何改动。",
            hint="请安装最新版本的程序后再打开。",
        )
    return FileInspection(True, user_version, application_id, tables)


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
    path: Path, *, backups_dir: Path | None = None, target: int = LATEST_VERSION
) -> peewee.SqliteDatabase:
    """Open (creating if new) and migrate the database, binding the models to it."""
    info = inspect_file(path)
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, autoconnect=True)
    try:
        db.connect(reuse_if_open=True)
        if info.exists and 0 < info.user_version < target and backups_dir is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_to(db, backups_dir / f"升级前备份-v{info.user_version}-{stamp}.sqlite3")
        migrate(db, target=target)
    except sqlite3.OperationalError as exc:
        db.close()
        raise DatabaseError(
            f"无法写入数据库文件“{path}”（{exc}）。",
            hint="请确认文件没有被其他程序占用、文件夹可写、磁盘还有空间。",
        ) from exc
    except peewee.OperationalError as exc:
        db.close()
        raise DatabaseError(
            f"无法写入数据库文件“{path}”（{exc}）。",
            hint="请确认文件没有被其他程序占用、文件夹可写、磁盘还有空间。",
        ) from exc
    database_proxy.initialize(db)
    return db


def close_database() -> None:
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
