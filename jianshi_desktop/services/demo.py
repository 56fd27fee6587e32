"""The invented demo branch (``--demo``), shipped in ``resources/demo/``.

Names, ID numbers and phone numbers there are made up. Dates written ``today-320d`` are
relative to the day the demo is filled, so that the demo always shows a probation about
to end and a committee term nearing its end.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from jianshi_desktop.db.models import (
    Branch,
    BranchCommittee,
    CommitteePost,
    CommitteeTerm,
    Member,
    MemberEvent,
    PartyGroup,
    database_proxy,
)
from jianshi_desktop.domain.dates import term_end
from jianshi_desktop.domain.enums import CommitteePostKind, Gender, MemberEventKind, MemberStatus
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import (
    BranchDraft,
    create_branch,
    current_branch_or_none,
    has_branch,
)
from jianshi_desktop.services.demo_awards import fill_demo_awards
from jianshi_desktop.services.demo_organisation_reports import fill_demo_organisation_reports
from jianshi_desktop.services.demo_pairings import fill_demo_pairings
from jianshi_desktop.services.demo_records import fill_demo_records
from jianshi_desktop.services.demo_trainings import fill_demo_trainings
from jianshi_desktop.services.store import Store

_RELATIVE = re.compile(r"^today-(\d+)d$")


def demo_file() -> Path:
    return resources_dir() / "demo" / "demo_branch.json"


def _date(value: str | None, today: dt.date) -> dt.date | None:
    if value is None:
        return None
    match = _RELATIVE.match(value)
    if match:
        return today - dt.timedelta(days=int(match.group(1)))
    return dt.date.fromisoformat(value)


def load_demo_data() -> dict[str, Any]:
    with demo_file().open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def ensure_demo(store: Store, *, today: dt.date | None = None) -> bool:
    """Fill an empty data folder with the demo branch; True if it was filled now.

    A folder that already holds the demo is left as it is; one that holds a real branch
    is refused, so that invented data never mixes with a branch's records.
    """
    existing = current_branch_or_none()
    if existing is not None:
        if existing.is_demo:
            return False
        raise UserError(
            f"数据文件夹“{store.data.root}”中已经有支部“{existing.name}”的真实数据，"
            "不能再填入演示数据。",
            hint="请去掉 --demo，或用 --data-dir 指定一个空文件夹来查看演示。",
        )
    fill_demo(today=today)
    return True


# Tests fill the same demo hundreds of times; they switch this cache on (tests/conftest.py)
# so that a demo made once per (day, with_records) is copied in with SQLite's backup API.
# Off (None) in the app. Only calls with an explicit ``today`` are cached.
TEMPLATE_CACHE: dict[tuple[dt.date, bool], sqlite3.Connection] | None = None


def fill_demo(*, today: dt.date | None = None, with_records: bool = True) -> None:
    """The demo branch and roster, and (``with_records``) a year of records up to today."""
    key = (today, with_records) if today is not None else None
    if TEMPLATE_CACHE is not None and key is not None and not has_branch():
        cached = TEMPLATE_CACHE.get(key)
        if cached is not None:
            cached.backup(database_proxy.connection())
            return
        _fill_demo(today=today, with_records=with_records)
        template = sqlite3.connect(":memory:", check_same_thread=False)
        database_proxy.connection().backup(template)
        TEMPLATE_CACHE[key] = template
        return
    _fill_demo(today=today, with_records=with_records)


def _fill_demo(*, today: dt.date | None, with_records: bool) -> None:
    today = today or dt.date.today()
    data = load_demo_data()
    spec = data["branch"]
    # One transaction: a failure half-way leaves the folder empty, not half a demo.
    with user_action("fill_demo", entity="branch", summary="填入演示数据") as audit:
        create_branch(
            BranchDraft(
                name=spec["name"],
                parent_name=spec["parent_name"],
                founded_on=dt.date.fromisoformat(spec["founded_on"]),
                has_committee=spec["has_committee"],
                theme_day_of_month=spec["theme_day_of_month"],
            ),
            is_demo=True,
        )
        branch = Branch.get(Branch.is_demo == True)  # noqa: E712 (peewee expression)
        audit.entity_id = branch.id
        groups = {
            g["name"]: PartyGroup.create(branch=branch, name=g["name"], position=i)
            for i, g in enumerate(data["groups"])
        }
        members: dict[str, Member] = {}
        for row in data["members"]:
            status = MemberStatus.from_label(row["status"])
            joined = _date(row["joined_on"], today)
            member = Member.create(
                branch=branch,
                name=row["name"],
                gender=Gender.from_label(row["gender"]),
                ethnicity=row["ethnicity"],
                birth_date=_date(row["birth_date"], today),
                id_number=row["id_number"],
                education=row["education"],
                position=row["position"],
                phone=row["phone"],
                joined_on=joined,
                full_member_on=_date(row["full_member_on"], today),
                status=status,
                party_group=groups[row["party_group"]],
            )
            MemberEvent.create(
                member=member, kind=MemberEventKind.ADDED, occurred_on=today, note="演示数据"
            )
            members[member.name] = member
        history.sync_group_spans(on=today)
        for g in data["groups"]:
            groups[g["name"]].leader = members[g["leader"]]
            groups[g["name"]].save()
        term_spec = data.get("committee_term")
        if term_spec:
            committee = BranchCommittee.get(BranchCommittee.branch == branch)
            starts = _date(term_spec["starts_on"], today)
            assert starts is not None
            term = CommitteeTerm.create(
                committee=committee,
                number=term_spec.get("number"),
                elected_on=_date(term_spec["elected_on"], today),
                starts_on=starts,
                ends_on=term_end(starts, term_spec["term_years"]),
            )
            for post in term_spec["posts"]:
                holder = members.get(post["member"]) if post["member"] else None
                created = CommitteePost.create(
                    term=term, post=CommitteePostKind.from_label(post["post"])
                )
                if holder is not None:
                    history.change_post_holder(created.id, holder.id, on=starts)
        if with_records:
            fill_demo_records(today=today)
            fill_demo_awards(today=today)
            fill_demo_pairings(today=today)
            fill_demo_trainings(today=today)
            fill_demo_organisation_reports(today=today)
