"""The unfinished drafts of every kind of record, for 首页's 未完成的草稿 and its 继续填写.

Every kind registered in ``services.record_kinds`` is asked alike (a kind added later is
listed too), in one query (首页 has a query budget): a draft is named from its date, its
kind of meeting or talk and its party group, never from the people in it — a 提醒谈话 is
confidential. The newest change comes first.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from peewee import Value

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import HeartTalkKind, MeetingKind, RecordState
from jianshi_desktop.services import records
from jianshi_desktop.services.meetings import kind_name as meeting_name
from jianshi_desktop.services.theme_days import theme_day_title


@dataclass(frozen=True)
class Draft:
    """One unfinished record. ``id``, ``held_on`` and ``state`` are what a record page's
    打开 reads from a row of its list, so a page opens it the same way."""

    record_type: str  # meeting / theme_day / heart_talk …
    id: int
    kind_name: str  # 三会一课 / 主题党日 / 谈心谈话: the page it is kept on
    area: str  # the window's area of that page
    title: str  # 2026年12月3日支委会
    held_on: dt.date
    changed_at: dt.datetime  # when it was last saved
    state: RecordState = RecordState.DRAFT

    @property
    def late_entry(self) -> bool:
        return False  # judged when it is finished, never before

    @property
    def amended(self) -> bool:
        return False


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _moment(value: object) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))


def draft_title(
    record_type: str, kind_name: str, held_on: dt.date, sort: str | None, group: str
) -> str:
    """2026年12月3日支委会, 2026年12月主题党日, 2026年7月5日支委与党员谈心谈话 — as the
    kind's own title names the record, without the names of the people in it."""
    if record_type == "meeting" and sort:
        return f"{format_date(held_on)}{meeting_name(MeetingKind(sort), group)}"
    if record_type == "theme_day":
        return theme_day_title(held_on)
    if record_type == "heart_talk" and sort:
        talk = HeartTalkKind(sort)
        words = talk.label if talk is HeartTalkKind.REMINDER else f"{talk.label}谈心谈话"
        return f"{format_date(held_on)}{words}"
    return f"{format_date(held_on)}{kind_name}"


def _drafts_of(kind: Any) -> Any:
    model = kind.model
    # plain text: one column holds several kinds, no one field may read it back
    sort = model.kind.cast("TEXT") if "kind" in model._meta.fields else Value(None)
    group = model.party_group if "party_group" in model._meta.fields else Value(None)
    return model.select(
        Value(kind.record_type), model.id, model.held_on, model.updated_at, sort, group
    ).where(model.state == RecordState.DRAFT)


def unfinished_drafts(groups: Mapping[int, str] | None = None) -> list[Draft]:
    """Every draft of every kind, the most recently saved first; ``groups`` names the
    party groups (id → name) for a 党小组会."""
    from jianshi_desktop.services.record_kinds import KINDS, kind_of  # built on the services

    groups = groups or {}
    query = functools.reduce(operator.add, [_drafts_of(kind) for kind in KINDS])  # UNION ALL
    found = []
    for record_type, record_id, held_on, changed_at, sort, group_id in records.tuples(query):
        kind = kind_of(str(record_type))
        day = _date(held_on)
        group = groups.get(int(group_id), "") if group_id is not None else ""
        found.append(
            Draft(
                record_type=kind.record_type,
                id=int(record_id),
                kind_name=kind.name,
                area=kind.area,
                title=draft_title(kind.record_type, kind.name, day, sort, group),
                held_on=day,
                changed_at=_moment(changed_at),
            )
        )
    found.sort(key=lambda d: (d.changed_at, d.record_type, d.id), reverse=True)
    return found
