"""``user_action``: the one transaction (and audit row) around every user action.

A full disk, a database busy in another program, a read-only or vanished USB stick
(portable mode keeps the data folder on one) end the action with a :class:`DatabaseError`
in plain Chinese — after the transaction is rolled back, so that nothing of the action
is written and everything saved before stays as it was.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee

from jianshi_desktop.db.database import storage_error
from jianshi_desktop.db.models import AuditLog, database_proxy

log = logging.getLogger(__name__)


@dataclass
class AuditEntry:
    action: str
    entity: str = ""
    entity_id: int | None = None
    summary: str = ""
    detail: dict[str, Any] | None = field(default=None)


@contextmanager
def user_action(action: str, *, entity: str = "", summary: str = "") -> Iterator[AuditEntry]:
    """Run the body in one transaction and add its audit row to the same transaction.

    If the body raises, nothing of it — and no audit row — is written. A disk or busy
    problem (also one met when committing) is raised as a Chinese ``DatabaseError``.
    """
    entry = AuditEntry(action=action, entity=entity, summary=summary)
    try:
        with database_proxy.atomic():
            yield entry
            AuditLog.create(
                action=entry.action,
                entity=entry.entity,
                entity_id=entry.entity_id,
                summary=entry.summary,
                detail=entry.detail,
            )
    except (sqlite3.Error, peewee.DatabaseError, OSError) as exc:
        problem = storage_error(exc, data_root=_data_root())
        if problem is None:
            raise
        log.warning("%s not saved: %s", action, exc, exc_info=exc)
        _end_transaction()
        raise problem from exc


def _data_root() -> Path | None:
    db = database_proxy.obj
    name = getattr(db, "database", None)
    return Path(name).parent if isinstance(name, str) and name != ":memory:" else None


def _end_transaction() -> None:
    """Make sure no half of the action stays open: SQLite may already have rolled the
    transaction back itself (a full disk), or peewee's ROLLBACK may have failed."""
    db = database_proxy.obj
    if db is None or db.is_closed() or db.transaction_depth() > 0:
        return  # inside an outer action: its own transaction ends it
    try:
        connection = db.connection()
        if connection.in_transaction:
            connection.rollback()
    except (sqlite3.Error, peewee.DatabaseError):
        log.warning("Could not roll back after a failed write", exc_info=True)
