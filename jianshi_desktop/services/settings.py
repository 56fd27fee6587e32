"""Settings declared once each: key, type, default, Chinese label (rules.md "configurable").

Stored in the ``setting`` table; a change is one user action with an audit row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jianshi_desktop.db.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: int
    minimum: int
    maximum: int
    unit: str = ""


COMMITTEE_TERM_YEARS = SettingSpec("committee_term_years", "支部委员会每届任期", 3, 1, 5, "年")
LATE_ENTRY_DAYS = SettingSpec("late_entry_days", "超过多少天补记的记录标为“补录”", 30, 1, 365, "天")


def read_value(key: str) -> Any:
    """The JSON value stored under ``key`` (not a declared setting: kept by a service)."""
    row = Setting.get_or_none(Setting.key == key)
    return None if row is None else row.value


def write_value(key: str, value: Any) -> None:
    """Store ``value`` under ``key``, inside the caller's user action."""
    Setting.insert(key=key, value=value).on_conflict(
        conflict_target=[Setting.key], update={Setting.value: value}
    ).execute()


def get_int(spec: SettingSpec) -> int:
    row = Setting.get_or_none(Setting.key == spec.key)
    return int(row.value) if row is not None else spec.default
