"""The open data folder: prepared folder, log file, migrated database, daily backup
(the backups themselves: services/backups.py)."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from jianshi_desktop import logs
from jianshi_desktop.db.database import close_database, open_database, schema_version
from jianshi_desktop.db.models import database_proxy
from jianshi_desktop.errors import DatabaseError, DatabaseTooNewError
from jianshi_desktop.paths import DataDir, prepare_data_dir
from jianshi_desktop.services import backups
from jianshi_desktop.unfinished import clean_pending_parts, remember_part

log = logging.getLogger(__name__)


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
    ``.NAME.part`` on the stick: removed first, while ``tmp/`` still lists it. A damaged
    database raises :class:`backups.DamagedDatabaseError` naming the latest good backup."""
    unreachable = clean_pending_parts(DataDir(root).temp)
    data = prepare_data_dir(root)
    for part in unreachable:  # on a stick not plugged in now: kept on the list
        remember_part(data.temp, part)
    if log_to_file:
        logs.attach_log_file(data.logs)
    try:
        db = open_database(
            data.database,
            backups_dir=data.backups,
            before_migration=backups.upgrade_backup_hook(data),
        )
    except DatabaseTooNewError:
        raise
    except DatabaseError as exc:
        explained = backups.explain_damage(data, exc)
        if explained is exc:
            raise
        raise explained from exc
    store = Store(data=data, db=db, last_backup=latest_backup_time(data.backups))
    log.info("Data folder %s opened", root)
    return store


def latest_backup_time(folder: Path) -> dt.datetime | None:
    return backups.latest_backup_time(folder)


def backup_now(store: Store, *, reason: str = backups.MANUAL) -> Path:
    """A full backup (database and attachments) into ``backups/``; returns its database
    file. Old backups go by the rule of services/backups.py."""
    made = backups.create_backup(store.data, reason, db=store.db)
    store.last_backup = made.created_at.replace(microsecond=0)
    return made.path


def backup_if_due(store: Store, *, every: dt.timedelta | None = None) -> Path | None:
    """The automatic backup: at most once a day (a day with any backup — before an import,
    an export … — has had its backup), only when there is something to keep."""
    from jianshi_desktop.services.branch import has_branch
    from jianshi_desktop.services.county import is_county_folder

    if not has_branch() and not is_county_folder():  # a county desk keeps its packages' data
        return None
    last = latest_backup_time(store.data.backups)
    now = dt.datetime.now()
    if last is not None:
        store.last_backup = last
        if (now - last < every) if every is not None else last.date() == now.date():
            return None
    return backup_now(store, reason=backups.DAILY)


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
    # a transaction left open by the worker (peewee refuses to close then), or SQLite's own
    except (peewee.PeeweeException, sqlite3.Error):
        log.exception("Could not close a worker thread's database connection")
