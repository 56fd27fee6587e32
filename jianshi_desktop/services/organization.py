"""The branch's organisation: party groups and their leaders, committee terms and posts,
and the size rules of rules.md §1 as warnings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jianshi_desktop.db.models import (
    BranchCommittee,
    CommitteePost,
    CommitteeTerm,
    Member,
    PartyGroup,
)
from jianshi_desktop.domain.dates import add_months, format_date, term_end
from jianshi_desktop.domain.enums import (
    COMMITTEE_THRESHOLD_FULL_MEMBERS,
    CommitteePostKind,
    MemberState,
    MemberStatus,
)
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.settings import COMMITTEE_TERM_YEARS, get_int

STANDARD_POSTS = (
    CommitteePostKind.SECRETARY,
    CommitteePostKind.ORGANIZATION,
    CommitteePostKind.PUBLICITY,
    CommitteePostKind.DISCIPLINE,
)
MAX_BRANCH_MEMBERS = 50
MIN_FULL_MEMBERS = 3
RE_ELECTION_NOTICE_MONTHS = 6  # rules.md §1 [notice]: warn 6 months before the term ends


@dataclass(frozen=True)
class GroupRow:
    id: int
    name: str
    leader_id: int | None
    leader_name: str
    member_count: int


@dataclass(frozen=True)
class PostRow:
    id: int
    post: CommitteePostKind
    title: str  # the post's name as shown: 书记, 组织委员, or the title of an ``other`` post
    member_id: int | None
    member_name: str
    since: dt.date | None = None
    by_election: bool = False  # 补选 on ``since``: the post stood vacant until then

    @property
    def vacant(self) -> bool:
        return self.member_id is None


@dataclass(frozen=True)
class TermRow:
    id: int
    number: int | None
    elected_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    is_by_election: bool
    posts: tuple[PostRow, ...]

    @property
    def label(self) -> str:
        numbered = f"第{self.number}届" if self.number else "本届"
        return f"{numbered}（{format_date(self.starts_on)}至{format_date(self.ends_on)}）"


@dataclass(frozen=True)
class OrgWarning:
    message: str
    action: str  # what to do, one sentence


# ---- party groups -------------------------------------------------------------------


def list_groups() -> list[GroupRow]:
    rows = []
    for group in PartyGroup.select().order_by(PartyGroup.position, PartyGroup.id):
        members = Member.select().where(
            (Member.party_group == group) & (Member.state == MemberState.ACTIVE)
        )
        leader = group.leader
        rows.append(
            GroupRow(
                id=group.id,
                name=group.name,
                leader_id=leader.id if leader is not None else None,
                leader_name=leader.name if leader is not None else "",
                member_count=members.count(),
            )
        )
    return rows


def _check_group_name(name: str, *, exclude: int | None = None) -> str:
    name = squeeze(name)
    if not name:
        raise ValidationError("请填写党小组名称，例如“第一党小组”。", field="name")
    clash = PartyGroup.get_or_none(PartyGroup.name == name)
    if clash is not None and clash.id != exclude:
        raise ValidationError(f"已经有名为“{name}”的党小组。", field="name")
    return name


def create_group(name: str, *, leader_id: int | None = None) -> int:
    branch = current_branch()
    name = _check_group_name(name)
    with user_action("create_group", entity="party_group") as audit:
        position = PartyGroup.select().count()
        group = PartyGroup.create(branch=branch, name=name, position=position)
        if leader_id is not None:
            _set_leader(group, leader_id)
        audit.entity_id = group.id
        audit.summary = f"建立党小组“{name}”"
    return int(group.id)


def rename_group(group_id: int, name: str) -> None:
    group = PartyGroup.get_by_id(group_id)
    name = _check_group_name(name, exclude=group_id)
    with user_action("rename_group", entity="party_group") as audit:
        audit.entity_id = group_id
        audit.summary = f"党小组“{group.name}”改名为“{name}”"
        group.name = name
        group.save()


def _set_leader(group: PartyGroup, member_id: int | None) -> None:
    if member_id is not None:
        member = Member.get_by_id(member_id)
        if member.state is not MemberState.ACTIVE:
            raise ValidationError(f"“{member.name}”已不在册，不能担任党小组组长。")
        if member.party_group_id != group.id:  # the leader belongs to the group
            history.set_group(member, group.id, on=dt.date.today())
    group.leader_id = member_id
    group.save()


def set_group_leader(group_id: int, member_id: int | None) -> None:
    group = PartyGroup.get_by_id(group_id)
    with user_action("set_group_leader", entity="party_group") as audit:
        _set_leader(group, member_id)
        audit.entity_id = group_id
        leader = Member.get_by_id(member_id).name if member_id else "（空缺）"
        audit.summary = f"党小组“{group.name}”组长：{leader}"


def delete_group(group_id: int) -> None:
    group = PartyGroup.get_by_id(group_id)
    active = Member.select().where(
        (Member.party_group == group) & (Member.state == MemberState.ACTIVE)
    )
    if active.exists():  # members who left keep their history; their group goes blank
        raise ValidationError(f"党小组“{group.name}”还有党员，请先把他们调到其他党小组，再删除。")
    with user_action("delete_group", entity="party_group") as audit:
        audit.entity_id = group_id
        audit.summary = f"删除党小组“{group.name}”"
        group.delete_instance()


# ---- committee terms and posts ------------------------------------------------------


def _post_title(post: CommitteePost) -> str:
    return post.title if post.post is CommitteePostKind.OTHER and post.title else post.post.label


def _term_row(term: CommitteeTerm, day: dt.date) -> TermRow:
    """A term with its posts and who held each on ``day`` (services.history)."""
    return TermRow(
        id=term.id,
        number=term.number,
        elected_on=term.elected_on,
        starts_on=term.starts_on,
        ends_on=term.ends_on,
        is_by_election=term.is_by_election,
        posts=tuple(
            PostRow(
                id=p.post_id,
                post=p.kind,
                title=p.title,
                member_id=p.member_id,
                member_name=p.member_name,
                since=p.since,
                by_election=p.by_election,
            )
            for p in history.holders_of_term(term.id, day)
        ),
    )


def list_terms(*, today: dt.date | None = None) -> list[TermRow]:
    """Every term, the latest first, with its posts: the term in office shows the
    holders of ``today``, an earlier term those of its last day in office, a later one
    those of its first day."""
    today = today or dt.date.today()
    terms = list(
        CommitteeTerm.select().order_by(CommitteeTerm.starts_on.desc(), CommitteeTerm.id.desc())
    )
    rows = []
    following: CommitteeTerm | None = None
    for term in terms:
        day = today
        if term.starts_on > today:
            day = term.starts_on
        elif following is not None and following.starts_on <= today:
            day = following.starts_on - dt.timedelta(days=1)
        rows.append(_term_row(term, max(day, term.starts_on)))
        following = term
    return rows


def current_term(*, today: dt.date | None = None) -> TermRow | None:
    """The term in office on ``today`` (the latest started on or before it), else the
    earliest one still to come."""
    today = today or dt.date.today()
    term = history.term_on(today)
    if term is not None:
        return _term_row(term, today)
    terms = list_terms(today=today)
    return terms[-1] if terms else None


def default_term_end(starts_on: dt.date) -> dt.date:
    return term_end(starts_on, get_int(COMMITTEE_TERM_YEARS))


def create_term(
    *,
    elected_on: dt.date,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    number: int | None = None,
    posts: tuple[CommitteePostKind, ...] | None = None,
) -> int:
    """换届: a new term with its posts (vacant until holders are set).

    A branch with a committee gets the standard posts; one with only a secretary
    (fewer than 7 full members) gets the 书记 post, so that it too has a secretary
    of record with a term.
    """
    branch = current_branch()
    if posts is None:
        posts = STANDARD_POSTS if branch.has_committee else (CommitteePostKind.SECRETARY,)
    starts_on = starts_on or elected_on
    ends_on = ends_on or default_term_end(starts_on)
    if ends_on <= starts_on:
        raise ValidationError("任期结束日期应晚于开始日期，请核对。", field="ends_on")
    if starts_on < elected_on:
        raise ValidationError("任期不能早于选举日期开始，请核对。", field="starts_on")
    with user_action("create_term", entity="committee_term") as audit:
        committee = BranchCommittee.get_or_none(BranchCommittee.branch == branch)
        if committee is None:
            committee = BranchCommittee.create(branch=branch)
        term = CommitteeTerm.create(
            committee=committee,
            number=number,
            elected_on=elected_on,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        for kind in posts:
            CommitteePost.create(term=term, post=kind)
        audit.entity_id = term.id
        audit.summary = f"登记支部委员会换届（{format_date(starts_on)}至{format_date(ends_on)}）"
    return int(term.id)


def add_post(term_id: int, kind: CommitteePostKind, *, title: str = "") -> int:
    term = CommitteeTerm.get_by_id(term_id)
    title = squeeze(title)
    if kind is CommitteePostKind.OTHER and not title:
        raise ValidationError("请填写这个职务的名称，例如“统战委员”。", field="title")
    with user_action("add_post", entity="committee_post") as audit:
        post = CommitteePost.create(term=term, post=kind, title=title)
        audit.entity_id = post.id
        audit.summary = f"增设职务“{title or kind.label}”"
    return int(post.id)


def remove_post(post_id: int) -> None:
    post = CommitteePost.get_by_id(post_id)
    if post.post is CommitteePostKind.SECRETARY:
        raise ValidationError("书记是必设职务，不能删除；人员变动请直接更换任职人员。")
    with user_action("remove_post", entity="committee_post") as audit:
        audit.entity_id = post_id
        audit.summary = f"撤销职务“{_post_title(post)}”"
        post.delete_instance()


def set_post_holder(post_id: int, member_id: int | None, *, since: dt.date | None = None) -> None:
    """Who holds a post from ``since`` (default today); ``None`` leaves it vacant (补选
    needed). The previous holding ends that day and stays in the history, so the
    holders of any past day are known (rules.md §7)."""
    post = CommitteePost.get_by_id(post_id)
    on = since or dt.date.today()
    latest = history.latest_holding_start(post_id)
    if latest is not None and on < latest:
        raise ValidationError(
            f"{_post_title(post)}在{format_date(latest)}已有任职记录，"
            "新的任职日期不能早于这一天，请核对。",
            field="since",
        )
    with user_action("set_post_holder", entity="committee_post") as audit:
        if member_id is not None:
            member = Member.get_by_id(member_id)
            if member.state is not MemberState.ACTIVE:
                raise ValidationError(f"“{member.name}”已不在册，不能担任支委职务。")
            if member.status is not MemberStatus.FULL:
                raise ValidationError(f"“{member.name}”是预备党员，不能担任支委职务。")
            clash = next(
                (
                    p
                    for p in history.holders_of_term(post.term_id, on)
                    if p.member_id == member_id and p.post_id != post_id
                ),
                None,
            )
            if clash is not None and {clash.kind, post.post} != {
                CommitteePostKind.SECRETARY,
                CommitteePostKind.OTHER,
            }:
                raise ValidationError(
                    f"“{member.name}”已担任{clash.title}，一人一般不兼两个委员职务。"
                )
        filled = member_id is not None and history.fills_vacancy(
            history.holding_spans(post.term_id).get(post_id, []), on
        )
        history.change_post_holder(post_id, member_id, on=on)
        audit.entity_id = post_id
        who = Member.get_by_id(member_id).name if member_id else "空缺"
        how = "补选" if filled else "起"
        audit.summary = f"{_post_title(post)}：{who}（自{format_date(on)}{how}）"


def set_has_committee(value: bool) -> None:
    branch = current_branch()
    with user_action("set_has_committee", entity="branch") as audit:
        branch.has_committee = value
        branch.save()
        if value and not BranchCommittee.select().where(BranchCommittee.branch == branch).exists():
            BranchCommittee.create(branch=branch)
        audit.entity_id = branch.id
        audit.summary = "设支部委员会" if value else "不设支部委员会，只设书记"


# ---- the size rules (rules.md §1) ----------------------------------------------------


def organization_warnings(*, today: dt.date | None = None) -> list[OrgWarning]:
    today = today or dt.date.today()
    branch = current_branch()
    active = Member.select().where(Member.state == MemberState.ACTIVE)
    total = active.count()
    full = active.where(Member.status == MemberStatus.FULL).count()
    warnings: list[OrgWarning] = []
    if total == 0:
        warnings.append(OrgWarning("名册中还没有党员。", "请在“党员”页添加党员或导入花名册。"))
    elif full < MIN_FULL_MEMBERS:
        warnings.append(
            OrgWarning(
                f"正式党员只有{full}名，不足{MIN_FULL_MEMBERS}名。",
                "正式党员3人以上才能成立党支部，请与上级党组织联系。",
            )
        )
    if total > MAX_BRANCH_MEMBERS:
        warnings.append(
            OrgWarning(
                f"党员有{total}名，超过{MAX_BRANCH_MEMBERS}名。",
                "党员人数超过50人的，一般应分设党支部，请与上级党组织联系。",
            )
        )
    if full >= COMMITTEE_THRESHOLD_FULL_MEMBERS and not branch.has_committee:
        warnings.append(
            OrgWarning(
                f"正式党员有{full}名（7名及以上），但还没有设立支部委员会。",
                "请按规定选举产生支部委员会，并在本页登记换届。",
            )
        )
    if branch.has_committee and 0 < full < COMMITTEE_THRESHOLD_FULL_MEMBERS:
        warnings.append(
            OrgWarning(
                f"正式党员只有{full}名（不足7名），一般不设支部委员会。",
                "可只设书记一名，必要时设副书记一名。",
            )
        )
    term = current_term(today=today)
    if term is None:
        warnings.append(
            OrgWarning("还没有登记支部委员会的任期和委员。", "请点“登记换届”录入本届支委会。")
            if branch.has_committee
            else OrgWarning("还没有登记支部书记。", "请点“登记书记”录入书记及其任期。")
        )
    if term is not None:
        filled = [p for p in term.posts if not p.vacant]
        if term.ends_on < today:
            warnings.append(
                OrgWarning(
                    f"本届支部委员会任期已于{format_date(term.ends_on)}届满。",
                    "请及时换届，并登记新一届支委会。",
                )
            )
        elif term.ends_on <= add_months(today, RE_ELECTION_NOTICE_MONTHS):
            warnings.append(
                OrgWarning(
                    f"本届支部委员会任期将于{format_date(term.ends_on)}届满。",
                    "请提前6个月向上级党组织报告，做好换届准备。",
                )
            )
        for post in term.posts:
            if post.vacant:
                warnings.append(
                    OrgWarning(f"{post.title}职务空缺。", "请及时补选，并在本页登记任职人员。")
                )
        if branch.has_committee and filled and not 3 <= len(filled) <= 7:
            warnings.append(
                OrgWarning(
                    f"支部委员会现有{len(filled)}名委员。",
                    "支部委员会一般由3至5人组成，最多不超过7人。",
                )
            )
    return warnings
