"""The branch's organisation: party groups and their leaders, committee terms and posts,
and the size rules of rules.md §1 as warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from jianshi_desktop.db.models import (
    BranchCommittee,
    CommitteePost,
    CommitteeTerm,
    Member,
    PartyGroup,
)
from jianshi_desktop.domain.dates import format_date, term_end
from jianshi_desktop.domain.enums import (
    CommitteePostKind,
    MemberState,
    MemberStatus,
)
from jianshi_desktop.domain.organisation import (
    RE_ELECTION_NOTICE_MONTHS as RE_ELECTION_NOTICE_MONTHS,  # services.reminders reads it here
)
from jianshi_desktop.domain.organisation import (
    OrgWarning,
    TermFacts,
    committee_on,
    size_warnings,
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


def _term_dates(
    elected_on: dt.date, starts_on: dt.date | None, ends_on: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The term's start (the election day unless given) and end (the term length
    setting unless given), checked."""
    starts_on = starts_on or elected_on
    ends_on = ends_on or default_term_end(starts_on)
    if ends_on <= starts_on:
        raise ValidationError("任期结束日期应晚于开始日期，请核对。", field="ends_on")
    if starts_on < elected_on:
        raise ValidationError("任期不能早于选举日期开始，请核对。", field="starts_on")
    return starts_on, ends_on


def _new_term(
    *,
    elected_on: dt.date,
    starts_on: dt.date,
    ends_on: dt.date,
    number: int | None,
) -> CommitteeTerm:
    """The term row (inside the caller's transaction)."""
    branch = current_branch()
    committee = BranchCommittee.get_or_none(BranchCommittee.branch == branch)
    if committee is None:
        committee = BranchCommittee.create(branch=branch)
    return CommitteeTerm.create(
        committee=committee,
        number=number,
        elected_on=elected_on,
        starts_on=starts_on,
        ends_on=ends_on,
    )


# ---- 换届: the election result in one go ----------------------------------------------


@dataclass(frozen=True)
class ElectedPost:
    """One post of an election result and the member elected to it; ``title`` names an
    ``other`` post (统战委员 …)."""

    kind: CommitteePostKind
    member_id: int | None
    title: str = ""

    @property
    def shown(self) -> str:
        title = squeeze(self.title)
        return title if self.kind is CommitteePostKind.OTHER and title else self.kind.label


def posts_to_elect(*, has_committee: bool | None = None) -> tuple[CommitteePostKind, ...]:
    """The posts an election form lists at first: a committee's 书记, 副书记 (optional),
    组织委员, 宣传委员 and 纪检委员; a branch without a committee its 书记 and 副书记."""
    if has_committee is None:
        has_committee = current_branch().has_committee
    if not has_committee:
        return (CommitteePostKind.SECRETARY, CommitteePostKind.DEPUTY_SECRETARY)
    return (
        CommitteePostKind.SECRETARY,
        CommitteePostKind.DEPUTY_SECRETARY,
        *STANDARD_POSTS[1:],
    )


def may_hold_both(first: CommitteePostKind, second: CommitteePostKind) -> bool:
    """一人一般不兼两个委员职务: only the 书记 may also hold an ``other`` post."""
    return {first, second} == {CommitteePostKind.SECRETARY, CommitteePostKind.OTHER}


def eligible_members(day: dt.date) -> list[tuple[int, str]]:
    """Who can be elected on ``day``: the branch's full members with their vote that day
    (党章 art. 40: not under 留党察看; rules.md §7: the facts of the election's own day),
    as (id, name) in roster order."""
    return [
        (member.id, member.name)
        for member in history.roster_on(day)
        if member.status is MemberStatus.FULL and member.has_vote
    ]


def unchosen_message(titles: Sequence[str]) -> str:
    """The problem of posts whose elected member is not chosen."""
    return f"请为{'、'.join(titles)}选定当选的党员。"


def election_problems(
    posts: Sequence[ElectedPost], *, elected_on: dt.date, has_committee: bool | None = None
) -> list[ValidationError]:
    """What stands in the way of recording ``posts`` as elected on ``elected_on``, each
    naming its post (field: the post's place in ``posts``, ``post:<n>``), in order."""
    if has_committee is None:
        has_committee = current_branch().has_committee
    found: list[ValidationError] = []
    eligible = dict(eligible_members(elected_on))
    on_roster = {m.id: m for m in history.roster_on(elected_on)}
    if not any(p.kind is CommitteePostKind.SECRETARY for p in posts):
        found.append(ValidationError("书记是必设职务，请登记当选的书记。", field="post:0"))
    seen: dict[CommitteePostKind, int] = {}
    holders: dict[int, ElectedPost] = {}
    day = format_date(elected_on)
    for n, post in enumerate(posts):
        field = f"post:{n}"
        title = post.shown
        if post.kind is CommitteePostKind.OTHER and not squeeze(post.title):
            found.append(ValidationError("请填写增设职务的名称，例如“统战委员”。", field=field))
        elif post.kind is not CommitteePostKind.OTHER and post.kind in seen:
            found.append(ValidationError(f"{title}只能设一名，请核对。", field=field))
        seen.setdefault(post.kind, n)
        if not has_committee and post.kind not in history.COMMITTEE_ONLY_POSTS:
            found.append(
                ValidationError(
                    f"本支部不设支部委员会，只设书记和副书记，不能设{title}。", field=field
                )
            )
        if post.member_id is None:
            found.append(ValidationError(unchosen_message([title]), field=field))
            continue
        if post.member_id not in eligible:
            member = Member.get_or_none(Member.id == post.member_id)
            name = member.name if member is not None else "所选党员"
            held = on_roster.get(post.member_id)
            if held is None:
                why = f"{day}不在本支部党员名册中"
            elif held.status is MemberStatus.FULL:
                why = f"{day}受留党察看处分，没有被选举权"
            else:
                why = f"{day}是预备党员"
            found.append(ValidationError(f"“{name}”{why}，不能当选{title}。", field=field))
            continue
        other = holders.get(post.member_id)
        if other is not None and not may_hold_both(other.kind, post.kind):
            found.append(
                ValidationError(
                    f"“{eligible[post.member_id]}”已当选{other.shown}，"
                    f"一人一般不兼两个委员职务，请为{title}另选一人。",
                    field=field,
                )
            )
            continue
        holders.setdefault(post.member_id, post)
    return found


def elect_committee(
    *,
    elected_on: dt.date,
    posts: Sequence[ElectedPost] | Mapping[CommitteePostKind, int | None],
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    number: int | None = None,
    today: dt.date | None = None,
) -> int:
    """登记换届 in one go: a new term (from the election day unless ``starts_on``, for
    the term length setting unless ``ends_on``), its posts and their holders, each
    holding from the election day — one transaction with one audit row.

    Who may be elected is judged on the election day (rules.md §7): a full member of the
    branch that day; one who has left since holds the post until the day they left.
    The first problem found is raised as a :class:`ValidationError` naming its field
    (``elected_on``, ``starts_on``, ``ends_on`` or ``post:<n>``).
    """
    today = today or dt.date.today()
    if isinstance(posts, Mapping):
        posts = [ElectedPost(kind, member_id) for kind, member_id in posts.items()]
    posts = list(posts)
    if elected_on > today:
        raise ValidationError("选举日期晚于今天，请核对。", field="elected_on")
    starts_on, ends_on = _term_dates(elected_on, starts_on, ends_on)
    problems = election_problems(posts, elected_on=elected_on)
    if problems:
        raise problems[0]
    with user_action("elect_committee", entity="committee_term") as audit:
        term = _new_term(elected_on=elected_on, starts_on=starts_on, ends_on=ends_on, number=number)
        elected = []
        for post in posts:
            title = squeeze(post.title) if post.kind is CommitteePostKind.OTHER else ""
            row = CommitteePost.create(term=term, post=post.kind, title=title)
            assert post.member_id is not None  # election_problems refuses an empty post
            history.change_post_holder(row.id, post.member_id, on=elected_on)
            member = Member.get_by_id(post.member_id)
            if member.left_on is not None and member.left_on > elected_on:
                history.end_posts_of(member.id, on=member.left_on)  # left since (§7)
            elected.append(f"{post.shown}{member.name}")
        audit.entity_id = term.id
        audit.summary = (
            f"登记支部委员会换届（选举日期{format_date(elected_on)}，"
            f"任期{format_date(starts_on)}至{format_date(ends_on)}）：" + "，".join(elected)
        )
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
            if clash is not None and not may_hold_both(clash.kind, post.post):
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


def organization_warnings(
    *, today: dt.date | None = None, on: dt.date | None = None
) -> list[OrgWarning]:
    """The size rules (rules.md §1) as warnings. Without ``on``: the organisation as it
    stands (today's members, branch form and the term of ``today``); with ``on``: as it
    stood that day, from its history (rules.md §7 — a 组织设置情况 report of that day)."""
    if on is not None:
        return organization_warnings_on(on)
    today = today or dt.date.today()
    branch = current_branch()
    active = Member.select().where(Member.state == MemberState.ACTIVE)
    term = current_term(today=today)
    return size_warnings(
        day=today,
        total=active.count(),
        full=active.where(Member.status == MemberStatus.FULL).count(),
        has_committee=branch.has_committee,
        term=_term_facts(term),
    )


def _term_facts(term: TermRow | None) -> TermFacts | None:
    if term is None:
        return None
    return TermFacts(term.ends_on, [(p.title, p.vacant) for p in term.posts])


def has_committee_on(day: dt.date) -> bool:
    """Whether the branch had a committee on ``day`` (its form that day, rules.md §7)."""
    return committee_on(
        history.committee_changes(), day, before_first=current_branch().has_committee
    )


def term_on(day: dt.date) -> TermRow | None:
    """The term in office on ``day`` with the holders of that day (None: none yet)."""
    term = history.term_on(day)
    return _term_row(term, day) if term is not None else None


def organization_warnings_on(day: dt.date) -> list[OrgWarning]:
    """The size rules on ``day``: the members, branch form and term of that day."""
    roster = history.roster_on(day)
    return size_warnings(
        day=day,
        total=len(roster),
        full=sum(1 for m in roster if m.status is MemberStatus.FULL),
        has_committee=has_committee_on(day),
        term=_term_facts(term_on(day)),
    )
