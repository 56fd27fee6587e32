"""Facts as dated history: who was in the branch, who could vote, on a given day.

Pure logic behind :mod:`jianshi_desktop.services.history` (architecture: "Time: every
fact has a span"). Inspectors read a record against the facts of its own day
(rules.md §7), so nothing here looks at "today" unless asked about today.

Conventions:
- a member belongs to the branch on day D when they joined on or before D and had not
  left before D (the leaving day itself still counts: the member may attend that day);
- a span stored as ``valid_from``/``valid_to`` holds from ``valid_from`` (inclusive) to
  ``valid_to`` (exclusive, ``None`` while current): a post given up on day D has its new
  holder on D (rules.md §7: a 支委 who leaves leaves the post that day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from jianshi_desktop.domain.enums import MemberEventKind, MemberStatus
from jianshi_desktop.domain.members import expected_full_member_date

LEAVING_EVENTS = frozenset(
    {
        MemberEventKind.TRANSFER_OUT,
        MemberEventKind.MEMBERSHIP_STOPPED,
        MemberEventKind.DECEASED,
        MemberEventKind.LEFT_PARTY,  # 开除党籍, 除名, 退党
        MemberEventKind.PROBATION_CANCELLED,  # 取消预备党员资格: off the roster that day
    }
)

InBranch = tuple[dt.date | None, dt.date | None]  # first and last day, both inclusive


def holds(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    """Whether a ``[valid_from, valid_to)`` span holds on ``day``."""
    return valid_from <= day and (valid_to is None or day < valid_to)


def branch_spans(
    joined_on: dt.date | None,
    events: Iterable[tuple[MemberEventKind, dt.date]],
    left_on: dt.date | None = None,
) -> tuple[InBranch, ...]:
    """The stretches a member was in the branch, from 入党时间 and the history events.

    A member who arrived by 转入 was in the branch from that day, not from joining the
    party; 转出, 停止党籍 and 去世 end a stretch on their day; 恢复在册 undoes the last
    ending (a mistaken status change). ``events`` are in the order they happened.
    """
    spans: list[InBranch] = []
    start: dt.date | None = joined_on
    is_open = True
    arrived = False
    for kind, day in events:
        if kind is MemberEventKind.TRANSFER_IN:
            if not is_open:
                start, is_open = day, True
            elif not spans and not arrived and (start is None or start < day):
                start = day  # in the party before, in this branch from the 转入
            arrived = True
        elif kind in LEAVING_EVENTS and is_open:
            spans.append((start, day))
            is_open = False
        elif kind is MemberEventKind.RESTORED and not is_open and spans:
            start, _ = spans.pop()
            is_open = True
    if is_open:
        spans.append((start, left_on))
    return tuple(spans)


@dataclass(frozen=True)
class MemberFacts:
    """One member's dated facts, enough to answer any "as of day D" question."""

    id: int
    name: str
    joined_on: dt.date | None
    full_member_on: dt.date | None
    probationary_now: bool
    in_branch: tuple[InBranch, ...]
    party_probation: tuple[tuple[dt.date, dt.date | None], ...] = ()  # 留党察看 [from, to)

    def member_on(self, day: dt.date) -> bool:
        return any(
            (first is None or first <= day) and (last is None or day <= last)
            for first, last in self.in_branch
        )

    def status_on(self, day: dt.date) -> MemberStatus | None:
        """预备 or 正式 on ``day``; ``None`` when not in the branch that day.

        党章 art. 7: full from the 转正 date; a full member whose 转正 date is unknown was
        still 预备 during the year after joining.
        """
        if not self.member_on(day):
            return None
        if self.probationary_now:
            return MemberStatus.PROBATIONARY
        if self.full_member_on is not None:
            return MemberStatus.FULL if day >= self.full_member_on else MemberStatus.PROBATIONARY
        if self.joined_on is not None and day < expected_full_member_date(self.joined_on):
            return MemberStatus.PROBATIONARY
        return MemberStatus.FULL

    def votes_on(self, day: dt.date) -> bool:
        """党章 art. 40 and rules.md §7: only full members vote, and not during 留党察看."""
        if self.status_on(day) is not MemberStatus.FULL:
            return False
        return not any(holds(start, end, day) for start, end in self.party_probation)


def roster_on(members: Iterable[MemberFacts], day: dt.date) -> list[MemberFacts]:
    """The members of the branch on ``day``, in the order given."""
    return [m for m in members if m.member_on(day)]


@dataclass(frozen=True)
class TermSpan:
    id: int
    starts_on: dt.date
    ends_on: dt.date


def term_on(terms: Iterable[TermSpan], day: dt.date) -> TermSpan | None:
    """The term in office on ``day``: the latest that had started (a committee whose
    term has run out serves until the next is elected)."""
    started = [t for t in terms if t.starts_on <= day]
    return max(started, key=lambda t: (t.starts_on, t.id)) if started else None
