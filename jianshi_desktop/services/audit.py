"""``user_action``: the one transaction (and audit row) around every user action."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from jianshi_desktop.db.models import AuditLog, database_proxy


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

    If the body raises, nothing of it — and no audit row — is written.
    """
    entry = AuditEntry(action=action, entity=entity, summary=summary)
    with database_proxy.atomic():
        yield entry
        AuditLog.create(
            action=entry.action,
            entity=entry.entity,
            entity_id=entry.entity_id,
            summary=entry.summary,
            detail=entry.detail,
        )
