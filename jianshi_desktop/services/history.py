"""The one place that answers "as of day D": members, voters, post holders, groups.

Architecture ("Time: every fact has a span") and rules.md §7: a record is read against
the facts of its own day. Meetings, compliance, reminders and pages ask here; nothing
else computes membership. Today's view is "as of today". The pure rules are in
:mod:`jianshi_desktop.domain.history`; this module reads the spans and writes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from jianshi_desktop.db.models import (
    CommitteePost,
    CommitteePostHolding,
    CommitteeTerm,
    GroupMembership,
    LeadershipMember,
    Member,
    MemberEvent,
    PartyGroup,
)
from jianshi_desktop.domain import history
from jianshi_desktop.domain.enums import CommitteePostKind, MemberStatus
from jianshi_desktop.domain.history import MemberFacts, TermSpan, holds
from jianshi_desktop.services.records import tuples

COMMITTEE_ONLY_POSTS = frozenset(
    {CommitteePostKind.SECRETARY, CommitteePostKind.DEPUTY_SECRETARY}
)  # a branch without a committee has a 书记 and perhaps a 副书记 (rules.md §1)


@dataclass(frozen=True)
class MemberOnDay:
    """A member as they stood on a day."""

    id: int
    name: str
    status: MemberStatus
    has_vote: bool
    group_id: int | None


@dataclass(frozen=True)
class PostHolder:
    """Who held a post on a day (``member_id`` None: vacant that day)."""

    post_id: int
    kind: CommitteePostKind
    title: str
    member_id: int | None
    member_name: str
    since: dt.date | None
    by_election: bool = False  # 补选: the post was vacant until ``since`` (rules.md §7)


# ---- reading ---------------------------------------------------------------------------


def member_facts(*, only: int | None = None) -> list[MemberFacts]:
    """Every member ever recorded with their dated facts, by id (two queries); ``only``:
    just that member's (an empty list when there is no such member)."""
    events: dict[int, list[tuple[history.MemberEventKind, dt.date]]] = {}
    probation: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    query = MemberEvent.select(
        MemberEvent.member, MemberEvent.kind, MemberEvent.occurred_on, MemberEvent.ends_on
    )
    if only is not None:
        query = query.where(MemberEvent.member == only)
    ordered = query.order_by(MemberEvent.occurred_on, MemberEvent.id)
    for member_id, kind, day, ends_on in tuples(ordered):
        events.setdefault(member_id, []).append((kind, day))
        if kind is history.MemberEventKind.PARTY_PROBATION:  # 留党察看 (党章 art. 40)
            probation.setdefault(member_id, []).append((day, ends_on))
    rows = Member.select(
        Member.id,
        Member.name,
        Member.joined_on,
        Member.full_member_on,
        Member.status,
        Member.left_on,
    ).order_by(Member.id)
    if only is not None:
        rows = rows.where(Member.id == only)
    return [
        MemberFacts(
            id=id_,
            name=name,
            joined_on=joined,
            full_member_on=full,
            probationary_now=status is MemberStatus.PROBATIONARY,
            in_branch=history.branch_spans(joined, events.get(id_, ()), left),
            party_probation=tuple(probation.get(id_, ())),
        )
        for id_, name, joined, full, status, left in tuples(rows)
    ]


def facts_of(member_id: int) -> MemberFacts | None:
    """One member's dated facts (None for no such member)."""
    return next(iter(member_facts(only=member_id)), None)


def _group_spans() -> dict[int, list[tuple[int, dt.date, dt.date | None]]]:
    spans: dict[int, list[tuple[int, dt.date, dt.date | None]]] = {}
    query = GroupMembership.select(
        GroupMembership.member,
        GroupMembership.party_group,
        GroupMembership.valid_from,
        GroupMembership.valid_to,
    ).order_by(GroupMembership.valid_from, GroupMembership.id)
    for member_id, group_id, start, end in tuples(query):
        spans.setdefault(member_id, []).append((group_id, start, end))
    return spans


def _group_on(spans: list[tuple[int, dt.date, dt.date | None]], day: dt.date) -> int | None:
    found = [group_id for group_id, start, end in spans if holds(start, end, day)]
    return found[-1] if found else None


def roster_on(day: dt.date) -> list[MemberOnDay]:
    """The branch's members on ``day`` with their status, vote and group that day."""
    groups = _group_spans()
    result = []
    for member in history.roster_on(member_facts(), day):
        status = member.status_on(day)
        assert status is not None
        result.append(
            MemberOnDay(
                id=member.id,
                name=member.name,
                status=status,
                has_vote=member.votes_on(day),
                group_id=_group_on(groups.get(member.id, []), day),
            )
        )
    return result


def members_on(day: dt.date) -> list[tuple[Member, MemberOnDay]]:
    """The members of ``day`` (a roster's date) with their full records, by id: the
    record for the fields that keep no history (name, ID number, phone …), the
    :class:`MemberOnDay` for status and group as they stood that day."""
    on_day = {m.id: m for m in roster_on(day)}
    if not on_day:
        return []
    rows = Member.select().where(Member.id.in_(list(on_day))).order_by(Member.id)
    return [(row, on_day[row.id]) for row in rows]


def full_member_on_as_of(member: Member, day: dt.date) -> dt.date | None:
    """The 转正 date a roster of ``day`` shows: none yet when it came later."""
    full = member.full_member_on
    return full if full is not None and full <= day else None


def term_on(day: dt.date) -> CommitteeTerm | None:
    """The committee term in office on ``day`` (the latest started on or before it)."""
    terms = {t.id: t for t in CommitteeTerm.select()}
    found = history.term_on((TermSpan(t.id, t.starts_on, t.ends_on) for t in terms.values()), day)
    return terms[found.id] if found is not None else None


def holders_of_term(term_id: int, day: dt.date) -> list[PostHolder]:
    """Every post of a term and who held it on ``day``, in the order of the posts (one
    query: the holding of that day joined to each post)."""
    holding = (
        (CommitteePostHolding.post == CommitteePost.id)
        & (CommitteePostHolding.valid_from <= day)
        & (CommitteePostHolding.valid_to.is_null() | (CommitteePostHolding.valid_to > day))
    )
    query = (
        CommitteePost.select(
            CommitteePost.id,
            CommitteePost.post,
            CommitteePost.title,
            CommitteePostHolding.member,
            Member.name,
            CommitteePostHolding.valid_from,
        )
        .join(CommitteePostHolding, peewee.JOIN.LEFT_OUTER, on=holding)
        .join(Member, peewee.JOIN.LEFT_OUTER, on=(CommitteePostHolding.member == Member.id))
        .where(CommitteePost.term == term_id)
    )
    order = {kind: i for i, kind in enumerate(CommitteePostKind)}
    spans = holding_spans(term_id)
    result: dict[int, PostHolder] = {}
    for post_id, kind, title, member_id, name, since in tuples(query):
        kind = CommitteePostKind(kind)
        shown = title if kind is CommitteePostKind.OTHER and title else kind.label
        filled = since is not None and fills_vacancy(spans.get(post_id, []), since)
        result[post_id] = PostHolder(post_id, kind, shown, member_id, name or "", since, filled)
    return sorted(result.values(), key=lambda p: (order[p.kind], p.post_id))


def holding_spans(term_id: int) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """Every holding of the term's posts, by post: (valid_from, valid_to)."""
    query = (
        CommitteePostHolding.select(
            CommitteePostHolding.post,
            CommitteePostHolding.valid_from,
            CommitteePostHolding.valid_to,
        )
        .join(CommitteePost)
        .where(CommitteePost.term == term_id)
    )
    spans: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for post_id, start, end in tuples(query):
        spans.setdefault(post_id, []).append((start, end))
    return spans


def fills_vacancy(spans: list[tuple[dt.date, dt.date | None]], day: dt.date) -> bool:
    """Whether a holding that begins on ``day`` is a 补选 (rules.md §7): the post had a
    holder before and stood vacant the day before (its holder left, or it was left
    vacant). A change of holder without a vacant day is not."""
    before = day - dt.timedelta(days=1)
    had_holder = any(start < day for start, _end in spans)
    return had_holder and not any(holds(start, end, before) for start, end in spans)


def post_holders_on(day: dt.date) -> list[PostHolder]:
    """The posts of the term in office on ``day`` and who held each that day."""
    term = term_on(day)
    return [] if term is None else holders_of_term(term.id, day)


def committee_member_ids_on(day: dt.date) -> list[int]:
    """The 支委 on ``day``: the post holders that day, in post order, each once."""
    ids = [p.member_id for p in post_holders_on(day) if p.member_id is not None]
    return list(dict.fromkeys(ids))


def secretary_on(day: dt.date) -> int | None:
    """The 书记 in office on ``day``, or None when nobody held the post that day."""
    for post in post_holders_on(day):
        if post.kind is CommitteePostKind.SECRETARY and post.member_id is not None:
            return post.member_id
    return None


def secretary_name_on(day: dt.date) -> str:
    """The name of the 书记 in office on ``day`` (the 签发人 a report offers), or "" when
    the post was vacant or no committee is recorded."""
    for post in post_holders_on(day):
        if post.kind is CommitteePostKind.SECRETARY and post.member_name:
            return post.member_name
    return ""


def group_lives() -> list[tuple[int, str, dt.date | None, dt.date | None]]:
    """Every 党小组 in order with its life as (id, name, first day, end exclusive or None
    while it has members), from the membership spans, in one query. A group is taken to
    exist while somebody belongs to it (PartyGroup keeps no dates); a group nobody ever
    belonged to has no first day (None, None)."""
    query = (
        PartyGroup.select(
            PartyGroup.id,
            PartyGroup.name,
            GroupMembership.valid_from,
            GroupMembership.valid_to,
        )
        .join(GroupMembership, peewee.JOIN.LEFT_OUTER)
        .order_by(PartyGroup.position, PartyGroup.id)
    )
    lives: dict[int, tuple[str, dt.date | None, dt.date | None, bool]] = {}
    for group_id, name, start, end in tuples(query):
        if group_id not in lives:
            lives[group_id] = (name, start, end, start is not None)
            continue
        _, first, last, _ = lives[group_id]
        if start is None:
            continue
        first = start if first is None or start < first else first
        last = None if last is None or end is None else max(last, end)
        lives[group_id] = (name, first, last, True)
    return [
        (group_id, name, first, last if spanned else None)
        for group_id, (name, first, last, spanned) in lives.items()
    ]


def leadership_spans() -> tuple[tuple[int, str, dt.date, dt.date | None], ...]:
    """班子成员 with their spans as (member id, name, from, to exclusive or None while
    current), in one query: who led the school when (each lectures once a year)."""
    query = (
        LeadershipMember.select(
            LeadershipMember.member,
            Member.name,
            LeadershipMember.valid_from,
            LeadershipMember.valid_to,
        )
        .join(Member)
        .order_by(LeadershipMember.valid_from, LeadershipMember.id)
    )
    return tuple(tuples(query))


# ---- writing spans ---------------------------------------------------------------------


def change_post_holder(post_id: int, member_id: int | None, *, on: dt.date) -> None:
    """From ``on``, ``member_id`` holds the post (None: vacant). The holding open until
    then ends that day; a holding that began on ``on`` itself is replaced (a same-day
    correction). Call inside the caller's transaction."""
    for holding in CommitteePostHolding.select().where(
        (CommitteePostHolding.post == post_id) & CommitteePostHolding.valid_to.is_null()
    ):
        if holding.valid_from >= on:
            holding.delete_instance()
        else:
            holding.valid_to = on
            holding.save()
    if member_id is not None:
        CommitteePostHolding.create(post=post_id, member=member_id, valid_from=on)


def latest_holding_start(post_id: int) -> dt.date | None:
    """When the post's latest holding began (a new holder cannot start before it)."""
    row = (
        CommitteePostHolding.select(CommitteePostHolding.valid_from)
        .where(CommitteePostHolding.post == post_id)
        .order_by(CommitteePostHolding.valid_from.desc())
        .first()
    )
    return row.valid_from if row is not None else None


def end_posts_of(member_id: int, *, on: dt.date) -> list[int]:
    """A 支委 who leaves the branch leaves every post that day (rules.md §7): the post is
    vacant from ``on`` and a 补选 is due. Returns the posts ended. A 班子成员 stops
    being one that day too (the notice's 班子成员讲党课 is owed by the branch's members),
    and their 结对帮扶 end (student_pairings imports this module: imported here)."""
    end_leadership_of(member_id, on=on)
    from jianshi_desktop.services.student_pairings import end_pairings_of

    end_pairings_of(member_id, on=on)
    ended = []
    for holding in CommitteePostHolding.select().where(
        (CommitteePostHolding.member == member_id)
        & (CommitteePostHolding.valid_from <= on)
        & (CommitteePostHolding.valid_to.is_null() | (CommitteePostHolding.valid_to > on))
    ):
        holding.valid_to = on
        holding.save()
        ended.append(holding.post_id)
    return ended


def end_leadership_of(member_id: int, *, on: dt.date) -> None:
    """The member is no longer a 班子成员 from ``on``: a span open then ends that day; one
    that would only begin on or after it is removed."""
    for span in LeadershipMember.select().where(
        (LeadershipMember.member == member_id)
        & (LeadershipMember.valid_to.is_null() | (LeadershipMember.valid_to > on))
    ):
        if span.valid_from >= on:
            span.delete_instance()
        else:
            span.valid_to = on
            span.save()


def set_group(member: Member, group_id: int | None, *, on: dt.date) -> None:
    """From ``on`` the member belongs to ``group_id`` (None: no group); the history span
    and ``Member.party_group`` (today's value) change together. Call inside the caller's
    transaction, after the member is saved."""
    if member.party_group_id != group_id:
        member.party_group_id = group_id
        member.save()
    _move_span(member.id, group_id, on=on)


def _move_span(member_id: int, group_id: int | None, *, on: dt.date) -> None:
    current = (
        GroupMembership.select()
        .where((GroupMembership.member == member_id) & GroupMembership.valid_to.is_null())
        .order_by(GroupMembership.valid_from.desc(), GroupMembership.id.desc())
    )
    for span in current:
        if span.party_group_id == group_id:
            return
        if span.valid_from >= on:
            span.delete_instance()
        else:
            span.valid_to = on
            span.save()
    if group_id is not None:
        GroupMembership.create(member=member_id, party_group=group_id, valid_from=on)


def sync_group_spans(*, on: dt.date) -> None:
    """Bring the group history in line with ``Member.party_group`` for writers that set
    it in bulk (roster import, demo data): a changed group moves on ``on``; a member's
    first group starts at their 入党时间 when it is known and earlier."""
    open_spans = {
        member_id: group_id
        for member_id, group_id in tuples(
            GroupMembership.select(GroupMembership.member, GroupMembership.party_group).where(
                GroupMembership.valid_to.is_null()
            )
        )
    }
    known = {
        member_id
        for (member_id,) in tuples(GroupMembership.select(GroupMembership.member).distinct())
    }
    rows = Member.select(Member.id, Member.party_group, Member.joined_on)
    for member_id, group_id, joined_on in tuples(rows):
        if open_spans.get(member_id) == group_id:
            continue
        start = on
        if member_id not in known and joined_on is not None and joined_on < on:
            start = joined_on
        _move_span(member_id, group_id, on=start)


def committee_changes() -> tuple[tuple[dt.date, bool], ...]:
    """When the branch form changed: each term's first day and whether the branch had a
    committee then (its posts other than 书记/副书记, rules.md §1), in date order; before
    the first term the branch's setting holds."""
    return committee_history(CommitteePostKind.SECRETARY)[1]


def committee_history(
    kind: CommitteePostKind,
) -> tuple[tuple[tuple[int, dt.date, dt.date | None], ...], tuple[tuple[dt.date, bool], ...]]:
    """Who held a post of ``kind`` when, as (member id, from, to) spans with ``to``
    exclusive: each holding clipped to the time its term was in office (until the next
    term began); and :func:`committee_changes`; in one query (the first page reads them
    for compliance, rules.md §7)."""
    query = (
        CommitteeTerm.select(
            CommitteeTerm.id,
            CommitteeTerm.starts_on,
            CommitteePost.post,
            CommitteePostHolding.member,
            CommitteePostHolding.valid_from,
            CommitteePostHolding.valid_to,
            CommitteePostHolding.id,
        )
        .join(CommitteePost, peewee.JOIN.LEFT_OUTER)
        .join(CommitteePostHolding, peewee.JOIN.LEFT_OUTER)
    )
    rows = list(tuples(query))
    starts: dict[int, dt.date] = {}
    committee_terms: set[int] = set()
    holdings = []
    for term_id, starts_on, post, member_id, start, end, holding_id in rows:
        starts[term_id] = starts_on
        if post is not None and CommitteePostKind(post) not in COMMITTEE_ONLY_POSTS:
            committee_terms.add(term_id)
        if post is not None and CommitteePostKind(post) is kind and member_id is not None:
            holdings.append((start, holding_id, term_id, member_id, end))
    terms = sorted(starts.items(), key=lambda t: (t[1], t[0]))
    office: dict[int, tuple[dt.date, dt.date | None]] = {}
    for index, (term_id, starts_on) in enumerate(terms):
        following = terms[index + 1][1] if index + 1 < len(terms) else None
        office[term_id] = (starts_on, following)
    spans = []
    for start, _, term_id, member_id, end in sorted(holdings, key=lambda h: (h[0], h[1])):
        first, last = office[term_id]
        start = max(start, first)
        if last is not None:
            end = last if end is None else min(end, last)
        if end is None or start < end:
            spans.append((member_id, start, end))
    changes = tuple((starts_on, term_id in committee_terms) for term_id, starts_on in terms)
    return tuple(spans), changes
