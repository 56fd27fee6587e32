"""The open data folder: prepared folder, log file, migrated database, daily backup."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from jianshi_desktop import logs
from jianshi_desktop.db.database import backup_to, close_database, open_database, schema_version
from jianshi_desktop.db.models import database_proxy
from jianshi_desktop.paths import DataDir, prepare_data_dir
from jianshi_desktop.unfinished import clean_pending_parts, remember_part

log = logging.getLogger(__name__)

BACKUPS_KEPT = 10
BACKUP_PREFIX = "自动备份-"


@dataclass
class Store:
    data: DataDir
    db: peewee.SqliteDatabase
    last_backup: dt.datetime | None = field(default=None)

    @property
    def schema_version(self) -> int:
        return schema_version(self.db)

    def close(self) -> None:
        close_database()


def open_store(root: Path, *, log_to_file: bool = True) -> Store:
    """Prepare ``root``, log into it, open and migrate its database.

    A package whose writing was cut off (a crash, a power cut) may have left its temporary
    ``.NAME.part`` on the stick: removed first, while ``tmp/`` still lists it."""
    unreachable = clean_pending_parts(DataDir(root).temp)
    data = prepare_data_dir(root)
    for part in unreachable:  # on a stick not plugged in now: kept on the list
        remember_part(data.temp, part)
    if log_to_file:
        logs.attach_log_file(data.logs)
    db = open_database(data.database, backups_dir=data.backups)
    store = Store(data=data, db=db, last_backup=latest_backup_time(data.backups))
    log.info("Data folder %s opened", root)
    return store


def _backups(folder: Path) -> list[Path]:
    """Oldest first."""
    return sorted(folder.glob(f"{BACKUP_PREFIX}*.sqlite3"), key=lambda p: p.stat().st_mtime_ns)


def latest_backup_time(folder: Path) -> dt.datetime | None:
    found = _backups(folder)
    if not found:
        return None
    return dt.datetime.fromtimestamp(found[-1].stat().st_mtime).replace(microsecond=0)


def backup_now(store: Store) -> Path:
    """A consistent copy of the database into ``backups/``; the oldest beyond 10 go."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = store.data.backups / f"{BACKUP_PREFIX}{stamp}.sqlite3"
    serial = 1
    while target.exists():  # two backups in one second keep both
        serial += 1
        target = store.data.backups / f"{BACKUP_PREFIX}{stamp}-{serial}.sqlite3"
    backup_to(store.db, target)
    for old in _backups(store.data.backups)[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    store.last_backup = dt.datetime.now().replace(microsecond=0)
    log.info("Backup written to %s", target)
    return target


def backup_if_due(store: Store, *, every: dt.timedelta = dt.timedelta(days=1)) -> Path | None:
    """The automatic backup: at most once a day, only when there is something to keep."""
    from jianshi_desktop.services.branch import has_branch

    if not has_branch():
        return None
    if store.last_backup and dt.datetime.now() - store.last_backup < every:
        return None
    return backup_now(store)


def close_thread_connection() -> None:
    """Close the calling thread's own database connection, if it opened one.

    peewee keeps one connection per thread; a worker thread closes its own when its
    work ends (the GUI thread's stays open).
    """
    db = database_proxy.obj
    if db is None:
        return
    try:
        if not db.is_closed():
            db.close()
    except Exception:
        log.exception("Could not close a worker thread's database connection")
