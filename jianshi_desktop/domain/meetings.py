"""Quorum and votes for 三会一课 (支部工作条例 art. 11–12; rules.md §2).

- A 支部党员大会 may vote only when more than half of the members **with a vote**
  (full members) are present; 预备党员 attend but have no vote.
- A 支委会 needs more than half of the committee present.
- A resolution passes when yes-votes exceed half of those **expected** with a vote —
  not half of those present.
- The counts of one vote cannot exceed the voting members present.
- Without quorum there is no resolution: the minutes record "未形成决议" and why.
- 接收预备党员, 转正, 延长预备期, 取消预备党员资格 and elections are voted per person; the
  written opinions (书面意见) of absent voters count in those votes, never toward the
  quorum, and at most one per absent voter (发展党员工作细则 2014; rules.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from jianshi_desktop.domain.enums import MeetingKind, Presence, ResolutionKind


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

    @property
    def voters_absent(self) -> int:
        """Voters expected but not present (请假 or 缺席): who may send a written opinion."""
        return self.voters_expected - self.voters_present


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


PER_PERSON_KINDS = frozenset(ResolutionKind) - {ResolutionKind.GENERAL}
# decided by the 支委会 about one person (发展党员 steps 3 and 7): voted per person by the
# committee, without the written opinions a 支部党员大会 counts
COMMITTEE_PERSON_KINDS = frozenset({ResolutionKind.ACTIVIST, ResolutionKind.CANDIDATE})


def decided_by_vote(meeting: MeetingKind, resolution: ResolutionKind) -> bool:
    """Whether a resolution of this kind is put to the vote at this kind of meeting: the
    per-person ones (接收预备党员, 转正, 延长预备期, 取消预备党员资格, elections) always,
    and every resolution of a 支部党员大会 or 支委会, which decide by vote (支部工作条例
    art. 11–12). A 传达 or 部署 recorded without a vote is the exception the secretary
    marks by hand."""
    return resolution in PER_PERSON_KINDS or needs_quorum(meeting)


def takes_written_opinions(resolution: ResolutionKind) -> bool:
    """接收预备党员, 转正, 延长预备期, 取消预备党员资格 and elections: voted per person,
    absent voters' written opinions counted (发展党员工作细则 2014; rules.md §7). The
    支委会's 确定入党积极分子 and 确定发展对象 count only the committee members present."""
    return resolution in PER_PERSON_KINDS - COMMITTEE_PERSON_KINDS


def written_opinion_problem(
    count: Headcount, resolution: ResolutionKind, *, written_for: int, written_against: int
) -> str:
    """Why these written opinions cannot be counted, or "" when they can."""
    written = written_for + written_against
    if min(written_for, written_against) < 0:
        return "书面意见份数不能是负数。"
    if written == 0:
        return ""
    if not takes_written_opinions(resolution):
        return (
            "书面意见只计入接收预备党员、预备党员转正、延长预备期、取消预备党员资格"
            "和选举的表决；本项决议不计书面意见，请删去或改选决议类别。"
        )
    if written > count.voters_absent:
        return (
            f"书面意见{written}份，超过了未到会的有表决权党员{count.voters_absent}人；"
            "书面意见只能由因故不能到会的有表决权党员提交，每人一份，请核对。"
        )
    return ""


def vote_result(
    kind: MeetingKind,
    count: Headcount,
    *,
    votes_for: int,
    against: int,
    abstain: int,
    resolution: ResolutionKind = ResolutionKind.GENERAL,
    written_for: int = 0,
    written_against: int = 0,
) -> VoteResult:
    """The result of one resolution's vote, and why.

    Written opinions of absent voters count in per-person votes (发展党员工作细则 2014;
    rules.md §7) but never toward the quorum, which is judged on those present alone.
    """
    needed = more_than_half(count.voters_expected) if count.voters_expected else 1
    if min(votes_for, against, abstain) < 0:
        return VoteResult(VoteOutcome.INVALID, needed, "票数不能是负数。")
    problem = written_opinion_problem(
        count, resolution, written_for=written_for, written_against=written_against
    )
    if problem:
        return VoteResult(VoteOutcome.INVALID, needed, problem)
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
    written = written_for + written_against
    if written:
        in_favour = votes_for + written_for
        tally = f"到会同意{votes_for}票，书面意见同意{written_for}份，合计同意{in_favour}票"
        if in_favour >= needed:
            return VoteResult(
                VoteOutcome.PASSED,
                needed,
                f"{tally}，超过应到会有表决权人数{count.voters_expected}人的半数，决议通过。",
            )
        return VoteResult(
            VoteOutcome.FAILED,
            needed,
            f"{tally}，未超过应到会有表决权人数{count.voters_expected}人的半数"
            f"（至少需{needed}票），决议未通过。",
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
