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

import peewee

from jianshi_desktop.db.models import (
    Branch,
    HeartTalk,
    Meeting,
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
from jianshi_desktop.domain.enums import (
    CommitteePostKind,
    HeartTalkKind,
    RecordState,
)
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.records import tuples

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
    # Plain tuples of the columns needed, not model objects: ten years of records are
    # read each time 首页 is shown, so this is most of what the first page costs.
    meetings = Meeting.select(
        Meeting.id,
        Meeting.held_on,
        Meeting.kind,
        Meeting.tags,
        Meeting.party_group,
        Meeting.lecturer,
        Meeting.late_entry,
        Meeting.title,
    ).where(Meeting.state.in_(COUNTED))
    for id_, held_on, kind, tags, group_id, lecturer_id, late, title in tuples(meetings):
        records.append(
            RecordFact(
                id=id_,
                record="meeting",
                held_on=held_on,
                kind=kind.value,
                tags=frozenset(tags or ()),
                group_id=group_id,
                lecturer_id=lecturer_id,
                late_entry=bool(late),
                title=title,
            )
        )
    # theme days and talks in one query (UNION ALL; the first page's query budget)
    none = peewee.Value(None)
    talks = HeartTalk.select(
        peewee.Value("heart_talk"),
        HeartTalk.id,
        HeartTalk.held_on,
        HeartTalk.kind,
        HeartTalk.talker,
        HeartTalk.talkee,
        HeartTalk.late_entry,
        HeartTalk.confidential,
        HeartTalk.topic,
    ).where(
        HeartTalk.state.in_(COUNTED)
        # rules.md §7: a 提醒谈话 (first of the 四种形态) is not a 谈心谈话 and never
        # counts toward the yearly talk with every member.
        & (HeartTalk.kind != HeartTalkKind.REMINDER)
    )
    days = ThemeDay.select(
        peewee.Value("theme_day"),
        ThemeDay.id,
        ThemeDay.held_on,
        none,
        none,
        none,
        ThemeDay.late_entry,
        none,
        ThemeDay.theme,
    ).where(ThemeDay.state.in_(COUNTED))
    for row in tuples(talks + days):
        record, id_, held_on, kind, talker_id, talkee_id, late, confidential, title = row
        if record == "theme_day":
            records.append(
                RecordFact(
                    id=id_, record="theme_day", held_on=held_on, late_entry=bool(late), title=title
                )
            )
            continue
        people = {talker_id} | ({talkee_id} if talkee_id else set())
        records.append(
            RecordFact(
                id=id_,
                record="heart_talk",
                held_on=held_on,
                kind=HeartTalkKind(kind).value,
                participants=frozenset(people),
                late_entry=bool(late),
                title="提醒谈话（保密）" if confidential else title,
            )
        )
    # rules.md §7: a period is judged with that period's members, groups and committee.
    # The spans are read in bulk here (no query per period); the engine answers per period.
    member_history = tuple(history.member_facts())
    members = tuple((m.id, m.name) for m in member_history if m.member_on(today))
    lives = history.group_lives()
    groups = tuple((id_, name) for id_, name, _, _ in lives)
    # a group nobody ever belonged to is known to exist only from today
    group_spans = tuple(
        (id_, today, None) if first is None else (id_, first, end) for id_, _, first, end in lives
    )
    # who was 书记 when (services.history): 书记讲党课 is judged by the lecture day
    secretaries, committee_changes = history.committee_history(CommitteePostKind.SECRETARY)
    return BranchFacts(
        founded_on=branch.founded_on,
        records_from=branch.records_from,
        has_committee=bool(branch.has_committee),
        groups=groups,
        members=members,
        secretary_id=_secretary_on(secretaries, today),
        secretaries=secretaries,
        records=tuple(records),
        member_history=member_history,
        group_spans=group_spans,
        committee_changes=committee_changes,
    )


def _secretary_on(
    spans: tuple[tuple[int, dt.date, dt.date | None], ...], day: dt.date
) -> int | None:
    return BranchFacts(dt.date.min, False, secretaries=spans).secretary_on(day)


def engine(*, today: dt.date | None = None) -> Engine:
    return Engine(obligations(), branch_facts(today=today))
