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
    Setting,
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
)
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import dues_ledger, history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import BranchInfo, current_branch

OVERRIDES_KEY = "obligation_overrides"
# The obligations issue 20 brought (班子成员讲党课, 学校党建工作会议, 组织设置情况上报): on a
# branch kept here before them they are judged from the day they came (Branch.notice_from,
# set by migration 18), as 党费 is from dues_from; earlier periods are 未在本程序记录
NOTICE_OBLIGATIONS = ("leadership_lecture", "school_party_building", "organisation_report")


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
        if change and item.due_day is not None and "due_day" in change:  # 上报截止日
            item = replace(item, due_day=int(change["due_day"]))  # services.ideology_reviews
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


def branch_facts(*, today: dt.date | None = None, info: BranchInfo | None = None) -> BranchFacts:
    """Everything the engine needs, read once; ``info``: the branch as just read (首页 has
    read it for its first line: not read again)."""
    today = today or dt.date.today()
    branch: Branch | BranchInfo = info if info is not None else current_branch()
    # Every kind's records as the engine counts them: each kind says which (drafts never).
    from jianshi_desktop.services.record_kinds import KINDS  # they build on this module

    records = [fact for kind in KINDS for fact in kind.facts()]
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
        record_starts=_record_starts(records, branch.dues_from),
        leaders=history.leadership_spans(),
        obligation_starts=dict.fromkeys(NOTICE_OBLIGATIONS, branch.notice_from)
        if branch.notice_from is not None
        else {},
    )


def _record_starts(records: list[RecordFact], dues_from: dt.date | None) -> dict[str, dt.date]:
    """党费收缴 is judged from the month the branch began keeping dues here."""
    first = min((r.held_on for r in records if r.record == dues_ledger.RECORD_TYPE), default=None)
    start = dues_ledger.judged_from(first, dues_from)
    return {} if start is None else {dues_ledger.RECORD_TYPE: start}


def _secretary_on(
    spans: tuple[tuple[int, dt.date, dt.date | None], ...], day: dt.date
) -> int | None:
    return BranchFacts(dt.date.min, False, secretaries=spans).secretary_on(day)


def engine(*, today: dt.date | None = None, info: BranchInfo | None = None) -> Engine:
    return Engine(obligations(), branch_facts(today=today, info=info))
