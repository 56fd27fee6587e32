"""Setting up and reading the branch (first start, title bar, settings page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from jianshi_desktop.db.models import Branch, BranchCommittee, Member, Organization
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    DEFAULT_PARENT_ORGANIZATION,
    MemberState,
    MemberStatus,
    OrganizationKind,
)
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import records
from jianshi_desktop.services.audit import user_action


@dataclass(frozen=True)
class BranchDraft:
    """What the first-start wizard collects."""

    name: str
    parent_name: str = DEFAULT_PARENT_ORGANIZATION
    founded_on: dt.date | None = None
    has_committee: bool = False
    theme_day_of_month: int = 1
    # 从哪一天开始在本程序记录; None: from the founding (every period judged)
    records_from: dt.date | None = None


@dataclass(frozen=True)
class BranchInfo:
    id: int
    uid: str
    name: str
    parent_name: str
    founded_on: dt.date
    has_committee: bool
    theme_day_of_month: int
    is_demo: bool
    active_members: int
    full_members: int
    probationary_members: int
    records_from: dt.date  # the first day judged: founding, or later if kept here later


def validate_branch_draft(
    draft: BranchDraft, *, today: dt.date | None = None
) -> list[ValidationError]:
    """Every problem with the draft, each naming its field, in the order of the form."""
    today = today or dt.date.today()
    problems: list[ValidationError] = []
    name = draft.name.strip()
    if not name:
        problems.append(
            ValidationError("请填写支部名称，例如“中共建始县某某小学支部委员会”。", field="name")
        )
    elif len(name) > 100:
        problems.append(ValidationError("支部名称太长（最多100个字），请精简。", field="name"))
    if not draft.parent_name.strip():
        problems.append(ValidationError("请填写上级党组织名称。", field="parent_name"))
    if draft.founded_on is None:
        problems.append(ValidationError("请填写支部成立日期。", field="founded_on"))
    elif draft.founded_on > today:
        problems.append(ValidationError("成立日期不能晚于今天，请核对。", field="founded_on"))
    elif draft.founded_on < dt.date(1921, 7, 1):
        problems.append(ValidationError("成立日期早于1921年，请核对。", field="founded_on"))
    problem = _records_from_problem(draft.records_from, draft.founded_on, today)
    if problem is not None:
        problems.append(problem)
    if not 1 <= draft.theme_day_of_month <= 28:
        problems.append(
            ValidationError(
                "主题党日固定日须在每月1日至28日之间，以保证每个月都有这一天。",
                field="theme_day_of_month",
            )
        )
    return problems


def _records_from_problem(
    day: dt.date | None, founded_on: dt.date | None, today: dt.date
) -> ValidationError | None:
    if day is None:
        return None
    if day > today:
        return ValidationError(
            "开始在本程序记录的日期不能晚于今天；以后的工作到时再记即可。", field="records_from"
        )
    if founded_on is not None and day < founded_on:
        return ValidationError(
            "开始在本程序记录的日期不能早于支部成立日期，请核对。", field="records_from"
        )
    return None


def has_branch() -> bool:
    return Branch.select().exists()


def current_branch_or_none() -> Branch | None:
    """The branch this data folder keeps (the first one made), or None before the first
    start. Every service asks here, never the table itself."""
    return Branch.select().order_by(Branch.id).first()


def current_branch() -> Branch:
    """The branch this data folder keeps; refused with a message before the first start."""
    branch = current_branch_or_none()
    if branch is None:
        raise ValidationError("还没有建立支部，请先完成首次设置。")
    return branch


def create_branch(draft: BranchDraft, *, is_demo: bool = False) -> BranchInfo:
    """First start: the parent organisation and the branch, in one transaction."""
    problems = validate_branch_draft(draft)
    if problems:
        raise problems[0]
    if has_branch():
        raise ValidationError("这个数据文件夹里已经建立了支部，不能再建立第二个。")
    assert draft.founded_on is not None
    with user_action("create_branch", entity="branch") as audit:
        parent_name = draft.parent_name.strip()
        parent = Organization.get_or_none(Organization.name == parent_name) or Organization.create(
            name=parent_name, kind=OrganizationKind.COMMITTEE
        )
        branch = Branch.create(
            name=draft.name.strip(),
            organization=parent,
            founded_on=draft.founded_on,
            has_committee=draft.has_committee,
            theme_day_of_month=draft.theme_day_of_month,
            is_demo=is_demo,
            records_from=draft.records_from,
        )
        if draft.has_committee:
            BranchCommittee.create(branch=branch)
        audit.entity_id = branch.id
        audit.summary = f"建立支部“{branch.name}”"
    # the key that signs its packages, made now and kept in the database (the backups
    # carry it); docs/package-format.md, “签名”
    from jianshi_desktop.services import signing_keys

    signing_keys.own_key()
    info = branch_info()
    assert info is not None
    return info


def branch_info() -> BranchInfo | None:
    """The branch and its head counts (two queries), or None before the first start."""
    branch = Branch.select(Branch, Organization).join(Organization).order_by(Branch.id).first()
    if branch is None:
        return None
    counts = {
        MemberStatus(status): count
        for status, count in records.tuples(
            Member.select(Member.status, fn.COUNT(Member.id))
            .where((Member.branch == branch) & (Member.state == MemberState.ACTIVE))
            .group_by(Member.status)
        )
    }
    full = counts.get(MemberStatus.FULL, 0)
    probationary = counts.get(MemberStatus.PROBATIONARY, 0)
    return BranchInfo(
        id=branch.id,
        uid=branch.uid,
        name=branch.name,
        parent_name=branch.organization.name,
        founded_on=branch.founded_on,
        has_committee=branch.has_committee,
        theme_day_of_month=branch.theme_day_of_month,
        is_demo=branch.is_demo,
        active_members=full + probationary,
        full_members=full,
        probationary_members=probationary,
        records_from=max(branch.founded_on, branch.records_from or branch.founded_on),
    )


def change_records_from(day: dt.date, *, today: dt.date | None = None) -> None:
    """设置: the day from which the branch keeps its records here (audited).

    Periods wholly before it show as 未在本程序记录 on 首页, never as overdue."""
    today = today or dt.date.today()
    branch = current_branch()
    problem = _records_from_problem(day, branch.founded_on, today)
    if problem is not None:
        raise problem
    old = max(branch.founded_on, branch.records_from or branch.founded_on)
    with user_action("change_records_from", entity="branch") as audit:
        branch.records_from = day
        branch.save()
        audit.entity_id = branch.id
        audit.summary = f"开始在本程序记录的日期由{format_date(old)}改为{format_date(day)}"
        audit.detail = {"old": old.isoformat(), "new": day.isoformat()}
