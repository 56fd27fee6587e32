"""The branch's facts for the compliance engine, and the rule set with its overrides.

The shipped obligations live in ``resources/rules/obligations.json``; what a branch
changes (only items marked configurable) is stored as a setting and audited.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from functools import lru_cache
from typing import Any

from jianshi_desktop.db.models import (
    Branch,
    HeartTalk,
    Meeting,
    Member,
    PartyGroup,
    Setting,
    ThemeDay,
)
from jianshi_desktop.domain.compliance import (
    BranchFacts,
    Engine,
    Obligation,
    Per,
    RecordFact,
    load_obligations,
)
from jianshi_desktop.domain.enums import MemberState, RecordState
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.meetings import secretary_id

OVERRIDES_KEY = "obligation_overrides"
COUNTED = (RecordState.FINISHED, RecordState.ARCHIVED)


@lru_cache(maxsize=1)
def shipped_obligations() -> tuple[Obligation, ...]:
    path = resources_dir() / "rules" / "obligations.json"
    with path.open(encoding="utf-8") as handle:
        return tuple(load_obligations(json.load(handle)))


def _overrides() -> dict[str, dict[str, Any]]:
    row = Setting.get_or_none(Setting.key == OVERRIDES_KEY)
    return dict(row.value) if row is not None else {}


def obligations() -> list[Obligation]:
    """The rule set in force: shipped defaults with the branch's own changes."""
    changes = _overrides()
    result = []
    for item in shipped_obligations():
        change = changes.get(item.key)
        if change and item.configurable:
            item = replace(item, per=Per(change["per"]), count=int(change["count"]))
        result.append(item)
    return result


def change_obligation(key: str, *, per: Per, count: int) -> None:
    """Adjust a configurable obligation (e.g. 党课 per quarter → per year); audited."""
    shipped = {o.key: o for o in shipped_obligations()}
    if key not in shipped or not shipped[key].configurable:
        raise ValidationError("这一项是上级规定的要求，不能修改。")
    if not 1 <= count <= 12:
        raise ValidationError("次数应在1到12之间。", field="count")
    current = {o.key: o for o in obligations()}[key]
    with user_action("change_obligation", entity="setting") as audit:
        changes = _overrides()
        if per is shipped[key].per and count == shipped[key].count:
            changes.pop(key, None)
        else:
            changes[key] = {"per": per.value, "count": count}
        Setting.insert(key=OVERRIDES_KEY, value=changes).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: changes}
        ).execute()
        audit.summary = (
            f"“{current.label}”由{current.per.label}{current.count}次改为{per.label}{count}次"
        )
        audit.detail = {"key": key, "per": per.value, "count": count}


def branch_facts(*, today: dt.date | None = None) -> BranchFacts:
    """Everything the engine needs, read once."""
    today = today or dt.date.today()
    branch = Branch.select().order_by(Branch.id).first()
    if branch is None:
        raise ValidationError("还没有建立支部，请先完成首次设置。")
    records: list[RecordFact] = []
    for m in Meeting.select().where(Meeting.state.in_(COUNTED)):
        records.append(
            RecordFact(
                id=m.id,
                record="meeting",
                held_on=m.held_on,
                kind=m.kind.value,
                tags=frozenset(m.tags or ()),
                group_id=m.party_group_id,
                lecturer_id=m.lecturer_id,
                late_entry=bool(m.late_entry),
                title=m.title,
            )
        )
    for day in ThemeDay.select().where(ThemeDay.state.in_(COUNTED)):
        records.append(
            RecordFact(
                id=day.id,
                record="theme_day",
                held_on=day.held_on,
                late_entry=bool(day.late_entry),
                title=day.theme,
            )
        )
    for talk in HeartTalk.select().where(HeartTalk.state.in_(COUNTED)):
        people = {talk.talker_id} | ({talk.talkee_id} if talk.talkee_id else set())
        records.append(
            RecordFact(
                id=talk.id,
                record="heart_talk",
                held_on=talk.held_on,
                kind=talk.kind.value,
                participants=frozenset(people),
                late_entry=bool(talk.late_entry),
                title="提醒谈话（保密）" if talk.confidential else talk.topic,
            )
        )
    groups = tuple((g.id, g.name) for g in PartyGroup.select().order_by(PartyGroup.position))
    members = tuple(
        (m.id, m.name)
        for m in Member.select().where(Member.state == MemberState.ACTIVE).order_by(Member.id)
    )
    return BranchFacts(
        founded_on=branch.founded_on,
        has_committee=bool(branch.has_committee),
        groups=groups,
        members=members,
        secretary_id=secretary_id(today),
        records=tuple(records),
    )


def engine(*, today: dt.date | None = None) -> Engine:
    return Engine(obligations(), branch_facts(today=today))
