"""Quorum and votes for 三会一课 (支部工作条例 art. 11–12; rules.md §2).

- A 支部党员大会 may vote only when more than half of the members **with a vote**
  (full members) are present; 预备党员 attend but have no vote.
- A 支委会 needs more than half of the committee present.
- A resolution passes when yes-votes exceed half of those **expected** with a vote —
  not half of those present.
- The counts of one vote cannot exceed the voting members present.
- Without quorum there is no resolution: the minutes record "未形成决议" and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jianshi_desktop.domain.enums import MeetingKind, Presence


@dataclass(frozen=True)
class Attendee:
    """One expected person as the attendance step sees them."""

    presence: Presence
    has_vote: bool


@dataclass(frozen=True)
class Headcount:
    expected: int  # 应到
    present: int  # 实到
    on_leave: int
    absent: int
    voters_expected: int
    voters_present: int


def headcount(attendees: list[Attendee]) -> Headcount:
    return Headcount(
        expected=len(attendees),
        present=sum(a.presence is Presence.PRESENT for a in attendees),
        on_leave=sum(a.presence is Presence.ON_LEAVE for a in attendees),
        absent=sum(a.presence is Presence.ABSENT for a in attendees),
        voters_expected=sum(a.has_vote for a in attendees),
        voters_present=sum(a.has_vote and a.presence is Presence.PRESENT for a in attendees),
    )


def needs_quorum(kind: MeetingKind) -> bool:
    """Only the general assembly and the committee meeting decide by vote."""
    return kind in (MeetingKind.GENERAL_ASSEMBLY, MeetingKind.COMMITTEE)


@dataclass(frozen=True)
class Quorum:
    reached: bool
    needed: int  # at least this many present with a vote
    present: int
    message: str


def more_than_half(total: int) -> int:
    """The smallest whole number that is more than half of ``total``."""
    return total // 2 + 1


def quorum(kind: MeetingKind, count: Headcount) -> Quorum:
    """Whether the meeting may pass resolutions, with a sentence for the secretary."""
    if not needs_quorum(kind):
        return Quorum(True, 0, count.present, "本类会议不进行表决，无需核对到会人数。")
    body = "有表决权的党员" if kind is MeetingKind.GENERAL_ASSEMBLY else "支部委员"
    total, present = count.voters_expected, count.voters_present
    if total == 0:
        return Quorum(False, 1, present, f"没有应到会的{body}，不能表决。")
    needed = more_than_half(total)
    if present >= needed:
        return Quorum(
            True,
            needed,
            present,
            f"应到{body}{total}名，实到{present}名，超过半数，可以表决。",
        )
    return Quorum(
        False,
        needed,
        present,
        f"应到{body}{total}名，实到{present}名，未超过半数（至少需{needed}名），"
        "会议可以记录，但不能作出决议。",
    )


NO_RESOLUTION = "未形成决议"


def no_resolution_text(kind: MeetingKind, count: Headcount) -> str:
    """What a meeting without quorum records instead of a resolution, with the reason.

    支部工作条例 art. 11–12 and rules.md §7: no quorum, no resolution; the minutes say
    "未形成决议" and why.
    """
    body = "有表决权的党员" if kind is MeetingKind.GENERAL_ASSEMBLY else "支部委员"
    return (
        f"{NO_RESOLUTION}。原因：应到{body}{count.voters_expected}名，"
        f"实到{count.voters_present}名，未超过半数，不能表决和作出决议。"
    )


def is_no_resolution(text: str) -> bool:
    """A resolution entry that records "未形成决议" with a reason after it."""
    stripped = text.strip()
    return stripped.startswith(NO_RESOLUTION) and bool(
        stripped.removeprefix(NO_RESOLUTION).strip(" 。，,:：;；")
    )


class VoteOutcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NO_QUORUM = "no_quorum"
    INVALID = "invalid"

    @property
    def label(self) -> str:
        return {
            VoteOutcome.PASSED: "通过",
            VoteOutcome.FAILED: "未通过",
            VoteOutcome.NO_QUORUM: "到会人数不足，不能表决",
            VoteOutcome.INVALID: "票数有误",
        }[self]


@dataclass(frozen=True)
class VoteResult:
    outcome: VoteOutcome
    needed: int  # yes-votes needed to pass
    message: str


def vote_result(
    kind: MeetingKind, count: Headcount, *, votes_for: int, against: int, abstain: int
) -> VoteResult:
    """The result of one resolution's vote, and why."""
    needed = more_than_half(count.voters_expected) if count.voters_expected else 1
    if min(votes_for, against, abstain) < 0:
        return VoteResult(VoteOutcome.INVALID, needed, "票数不能是负数。")
    if not quorum(kind, count).reached:
        return VoteResult(VoteOutcome.NO_QUORUM, needed, quorum(kind, count).message)
    cast = votes_for + against + abstain
    if cast > count.voters_present:
        return VoteResult(
            VoteOutcome.INVALID,
            needed,
            f"同意、反对、弃权合计{cast}票，超过了到会的有表决权人数{count.voters_present}人，"
            "请核对。",
        )
    if votes_for >= needed:
        return VoteResult(
            VoteOutcome.PASSED,
            needed,
            f"同意{votes_for}票，超过应到会有表决权人数{count.voters_expected}人的半数，决议通过。",
        )
    return VoteResult(
        VoteOutcome.FAILED,
        needed,
        f"同意{votes_for}票，未超过应到会有表决权人数{count.voters_expected}人的半数"
        f"（至少需{needed}票），决议未通过。",
    )
