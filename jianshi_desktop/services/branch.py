"""Setting up and reading the branch (first start, title bar, settings page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from peewee import fn

from jianshi_desktop.db.models import (
    Branch,
    BranchCommittee,
    BranchNameSpan,
    Member,
    Organization,
)
from jianshi_desktop.domain.branch import MAX_NAME_LENGTH, NameSpan, branch_name_problem, name_on
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
    dues_from: dt.date | None = None  # 党费 kept here from (set when dues came to the app)
    notice_from: dt.date | None = None  # issue 20's obligations judged from (Branch.notice_from)


def validate_branch_draft(
    draft: BranchDraft, *, today: dt.date | None = None
) -> list[ValidationError]:
    """Every problem with the draft, each naming its field, in the order of the form."""
    today = today or dt.date.today()
    problems: list[ValidationError] = []
    problems.extend(_name_problems(draft.name, draft.parent_name))
    if draft.founded_on is None:
        problems.append(ValidationError("请填写支部成立日期。", field="founded_on"))
    elif draft.founded_on > today:
        problems.append(ValidationError("成立日期不能晚于今天，请核对。", field="founded_on"))
    elif draft.founded_on < dt.date(1921, 7, 1):
        problems.append(ValidationError("成立日期早于1921年，请核对。", field="founded_on"))
    problem = _records_from_problem(draft.records_from, draft.founded_on, today)
    if problem is not None:
        problems.append(problem)
    problems.extend(_theme_day_problems(draft.theme_day_of_month))
    return problems


def _name_problems(name: str, parent_name: str) -> list[ValidationError]:
    """The name's (domain.branch's rule) and the parent organisation's problems."""
    problems: list[ValidationError] = []
    problem = branch_name_problem(name)
    if problem is not None:
        problems.append(ValidationError(problem, field="name"))
    parent = parent_name.strip()
    if not parent:
        problems.append(ValidationError("请填写上级党组织名称。", field="parent_name"))
    elif len(parent) > MAX_NAME_LENGTH:
        problems.append(
            ValidationError(
                f"上级党组织名称太长（最多{MAX_NAME_LENGTH}个字），请精简。", field="parent_name"
            )
        )
    return problems


def _theme_day_problems(day_of_month: int) -> list[ValidationError]:
    if 1 <= day_of_month <= 28:
        return []
    return [
        ValidationError(
            "主题党日固定日须在每月1日至28日之间，以保证每个月都有这一天。",
            field="theme_day_of_month",
        )
    ]


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
        BranchNameSpan.create(
            branch=branch, name=branch.name, parent_name=parent_name, valid_from=draft.founded_on
        )
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
        dues_from=branch.dues_from,
        notice_from=branch.notice_from,
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


# ---- the name as of a day; changing the branch's details (设置 › 支部信息) -------------


def name_spans() -> list[NameSpan]:
    """The branch's dated names, oldest first (one query); [] before the first start."""
    branch = current_branch_or_none()
    if branch is None:
        return []
    return [
        NameSpan(name, parent_name, valid_from)
        for name, parent_name, valid_from in records.tuples(
            BranchNameSpan.select(
                BranchNameSpan.name, BranchNameSpan.parent_name, BranchNameSpan.valid_from
            )
            .where(BranchNameSpan.branch == branch)
            .order_by(BranchNameSpan.valid_from)
        )
    ]


def branch_as_of(day: dt.date) -> NameSpan:
    """The branch's name and 上级党组织 on ``day``: what a document of a record dated that
    day prints (a rename shows on later records only). Refused before the first start."""
    branch = current_branch()
    held = name_on(name_spans(), day)
    if held is None:  # a branch written without its history (older test data)
        return NameSpan(branch.name, branch.organization.name, branch.founded_on)
    return held


def branch_name_on(day: dt.date) -> str:
    """The branch's name on ``day`` (see :func:`branch_as_of`)."""
    return branch_as_of(day).name


@dataclass(frozen=True)
class BranchChange:
    """What 设置 › 支部信息 › 修改… collects. ``names_from``: the day from which a new name
    or 上级党组织 is used (the day of the 批复); records dated before it keep the old one.
    The founding day corrects a name written wrong: every document then shows the new one."""

    name: str
    parent_name: str
    has_committee: bool
    theme_day_of_month: int
    names_from: dt.date


def earliest_names_from() -> dt.date:
    """The earliest day a new name may start: the last rename's day (or the founding)."""
    spans = name_spans()
    if spans:
        return spans[-1].valid_from
    return current_branch().founded_on


def validate_branch_change(
    change: BranchChange, *, today: dt.date | None = None
) -> list[ValidationError]:
    """Every problem with ``change``, each naming its field, in the order of the form."""
    today = today or dt.date.today()
    problems = _name_problems(change.name, change.parent_name)
    branch = current_branch()
    renamed = (change.name.strip(), change.parent_name.strip()) != (
        branch.name,
        branch.organization.name,
    )
    earliest = earliest_names_from()
    if renamed and change.names_from > today:
        problems.append(
            ValidationError(
                "新名称的启用日期不能晚于今天；收到批复、开始使用新名称后再修改。",
                field="names_from",
            )
        )
    elif renamed and change.names_from < earliest:
        what = "上次修改名称" if earliest > branch.founded_on else "支部成立"
        problems.append(
            ValidationError(
                f"新名称的启用日期不能早于{what}的日期（{format_date(earliest)}）。",
                field="names_from",
            )
        )
    problems.extend(_theme_day_problems(change.theme_day_of_month))
    return problems


def _form_label(has_committee: bool) -> str:
    return "设支部委员会" if has_committee else "只设书记"


def change_branch_details(change: BranchChange, *, today: dt.date | None = None) -> list[str]:
    """设置 › 支部信息: the branch's name, 上级党组织, 组织形式 and 主题党日, in one audited
    action. A new name or 上级党组织 holds from ``change.names_from``: the documents of
    records dated before it keep the old name. What changed, as sentences ([] when
    nothing did: nothing is written)."""
    problems = validate_branch_change(change, today=today)
    if problems:
        raise problems[0]
    branch = Branch.select(Branch, Organization).join(Organization).order_by(Branch.id).get()
    name, parent_name = change.name.strip(), change.parent_name.strip()
    said: list[str] = []
    if name != branch.name:
        said.append(f"支部名称由“{branch.name}”改为“{name}”")
    if parent_name != branch.organization.name:
        said.append(f"上级党组织由“{branch.organization.name}”改为“{parent_name}”")
    if said:
        said[-1] += f"（自{format_date(change.names_from)}起）"
    if change.has_committee != branch.has_committee:
        said.append(
            f"组织形式由“{_form_label(branch.has_committee)}”"
            f"改为“{_form_label(change.has_committee)}”"
        )
    if change.theme_day_of_month != branch.theme_day_of_month:
        said.append(
            f"主题党日由每月{branch.theme_day_of_month}日改为每月{change.theme_day_of_month}日"
        )
    if not said:
        return []
    detail: dict[str, object] = {
        "old": {
            "name": branch.name,
            "parent_name": branch.organization.name,
            "has_committee": branch.has_committee,
            "theme_day_of_month": branch.theme_day_of_month,
        },
        "new": {
            "name": name,
            "parent_name": parent_name,
            "has_committee": change.has_committee,
            "theme_day_of_month": change.theme_day_of_month,
        },
    }
    with user_action("change_branch_details", entity="branch") as audit:
        if (name, parent_name) != (branch.name, branch.organization.name):
            _rename(branch, name, parent_name, change.names_from)
            detail["names_from"] = change.names_from.isoformat()
        branch.has_committee = change.has_committee
        branch.theme_day_of_month = change.theme_day_of_month
        branch.save()
        if (
            change.has_committee
            and not BranchCommittee.select().where(BranchCommittee.branch == branch).exists()
        ):
            BranchCommittee.create(branch=branch)
        audit.entity_id = branch.id
        audit.summary = "；".join(said)
        audit.detail = detail
    return said


def _rename(branch: Branch, name: str, parent_name: str, names_from: dt.date) -> None:
    """The new name from ``names_from``: a span of its own, or the span that began that
    day corrected. The branch's current name and organisation follow."""
    if not BranchNameSpan.select().where(BranchNameSpan.branch == branch).exists():
        BranchNameSpan.create(  # data written without its history: keep the old name
            branch=branch,
            name=branch.name,
            parent_name=branch.organization.name,
            valid_from=branch.founded_on,
        )
    parent = Organization.get_or_none(Organization.name == parent_name) or Organization.create(
        name=parent_name, kind=OrganizationKind.COMMITTEE
    )
    span = BranchNameSpan.get_or_none(
        (BranchNameSpan.branch == branch) & (BranchNameSpan.valid_from == names_from)
    )
    if span is None:
        BranchNameSpan.create(
            branch=branch, name=name, parent_name=parent_name, valid_from=names_from
        )
    else:
        span.name, span.parent_name = name, parent_name
        span.save()
    branch.name = name
    branch.organization = parent
