"""Quorum and votes (rules.md §2), including the property tests the issue asks for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jianshi_desktop.domain.enums import MeetingKind, Presence, ResolutionKind
from jianshi_desktop.domain.meetings import (
    Attendee,
    VoteOutcome,
    headcount,
    more_than_half,
    quorum,
    takes_written_opinions,
    vote_result,
)

P, L, A = Presence.PRESENT, Presence.ON_LEAVE, Presence.ABSENT


def people(*spec: tuple[Presence, bool]) -> list[Attendee]:
    return [Attendee(p, v) for p, v in spec]


def test_probationary_members_attend_without_a_vote() -> None:
    # 5 full members (3 present) and 2 probationary members (both present)
    count = headcount(
        people((P, True), (P, True), (P, True), (L, True), (A, True), (P, False), (P, False))
    )
    assert (count.expected, count.present, count.on_leave, count.absent) == (7, 5, 1, 1)
    assert (count.voters_expected, count.voters_present) == (5, 3)
    assert quorum(MeetingKind.GENERAL_ASSEMBLY, count).reached  # 3 > 5/2


def test_exactly_half_is_not_a_quorum() -> None:
    count = headcount(people((P, True), (P, True), (A, True), (L, True)))
    q = quorum(MeetingKind.GENERAL_ASSEMBLY, count)
    assert not q.reached and q.needed == 3
    assert "不能作出决议" in q.message


def test_probationary_presence_does_not_make_a_quorum() -> None:
    count = headcount(people((P, True), (A, True), (A, True), (P, False), (P, False), (P, False)))
    assert not quorum(MeetingKind.GENERAL_ASSEMBLY, count).reached


def test_lectures_and_group_meetings_need_no_quorum() -> None:
    count = headcount(people((A, True), (A, True), (P, True)))
    assert quorum(MeetingKind.LECTURE, count).reached
    assert quorum(MeetingKind.GROUP, count).reached


def test_passing_needs_more_than_half_of_those_expected_not_present() -> None:
    # 9 voters expected, 6 present: 4 yes of 6 present is a majority present, but 4 ≤ 9/2
    count = headcount(people(*([(P, True)] * 6 + [(A, True)] * 3)))
    failed = vote_result(MeetingKind.GENERAL_ASSEMBLY, count, votes_for=4, against=2, abstain=0)
    assert failed.outcome is VoteOutcome.FAILED and failed.needed == 5
    assert "至少需5票" in failed.message
    passed = vote_result(MeetingKind.GENERAL_ASSEMBLY, count, votes_for=5, against=1, abstain=0)
    assert passed.outcome is VoteOutcome.PASSED


def test_votes_cannot_exceed_voters_present() -> None:
    count = headcount(people((P, True), (P, True), (P, True), (P, False)))
    result = vote_result(MeetingKind.GENERAL_ASSEMBLY, count, votes_for=3, against=1, abstain=0)
    assert result.outcome is VoteOutcome.INVALID
    assert "超过了到会的有表决权人数3人" in result.message


def test_no_quorum_means_no_resolution() -> None:
    count = headcount(people((P, True), (A, True), (A, True)))
    result = vote_result(MeetingKind.COMMITTEE, count, votes_for=1, against=0, abstain=0)
    assert result.outcome is VoteOutcome.NO_QUORUM


presences = st.sampled_from([P, L, A])
attendees = st.lists(st.builds(Attendee, presences, st.booleans()), min_size=1, max_size=60)


@given(attendees)
def test_quorum_is_exactly_more_than_half_of_voters(group: list[Attendee]) -> None:
    count = headcount(group)
    reached = quorum(MeetingKind.GENERAL_ASSEMBLY, count).reached
    assert reached == (
        count.voters_expected > 0 and count.voters_present * 2 > count.voters_expected
    )


@given(attendees, st.integers(0, 60), st.integers(0, 60), st.integers(0, 60))
def test_a_passed_vote_always_has_a_majority_of_those_expected(
    group: list[Attendee], yes: int, no: int, abstain: int
) -> None:
    count = headcount(group)
    result = vote_result(
        MeetingKind.GENERAL_ASSEMBLY, count, votes_for=yes, against=no, abstain=abstain
    )
    if result.outcome is VoteOutcome.PASSED:
        assert yes * 2 > count.voters_expected
        assert yes + no + abstain <= count.voters_present
        assert quorum(MeetingKind.GENERAL_ASSEMBLY, count).reached
    if yes + no + abstain > count.voters_present:
        assert result.outcome in (VoteOutcome.INVALID, VoteOutcome.NO_QUORUM)


@given(st.integers(0, 1000))
def test_more_than_half(total: int) -> None:
    needed = more_than_half(total)
    assert needed * 2 > total and (needed - 1) * 2 <= total


# ---- written opinions (书面意见) of absent voters: 发展党员工作细则 2014, rules.md §7 ------


def test_written_opinions_count_in_a_per_person_vote_but_not_in_the_quorum() -> None:
    # 9 voters expected, 5 present, 4 away. Quorum is judged on the 5 present alone:
    # written opinions never make it. 4 yes at the meeting + 1 written yes = 5 > 9/2.
    count = headcount(people(*([(P, True)] * 5 + [(L, True)] * 2 + [(A, True)] * 2)))
    assert count.voters_absent == 4
    assert quorum(MeetingKind.GENERAL_ASSEMBLY, count).present == 5
    result = vote_result(
        MeetingKind.GENERAL_ASSEMBLY,
        count,
        votes_for=4,
        against=1,
        abstain=0,
        resolution=ResolutionKind.ADMISSION,
        written_for=1,
        written_against=1,
    )
    assert result.outcome is VoteOutcome.PASSED and result.needed == 5
    assert "书面意见同意1份，合计同意5票" in result.message
    # without the written yes the same vote fails: 4 ≤ 9/2
    without = vote_result(MeetingKind.GENERAL_ASSEMBLY, count, votes_for=4, against=1, abstain=0)
    assert without.outcome is VoteOutcome.FAILED


def test_written_opinions_do_not_rescue_a_meeting_without_quorum() -> None:
    # 2 of 5 voters present, 3 written opinions: still no quorum, so no resolution
    count = headcount(people((P, True), (P, True), (A, True), (A, True), (L, True)))
    result = vote_result(
        MeetingKind.GENERAL_ASSEMBLY,
        count,
        votes_for=2,
        against=0,
        abstain=0,
        resolution=ResolutionKind.FULL_MEMBERSHIP,
        written_for=3,
    )
    assert result.outcome is VoteOutcome.NO_QUORUM


def test_written_opinions_are_refused_for_a_plain_resolution() -> None:
    count = headcount(people((P, True), (P, True), (P, True), (A, True)))
    result = vote_result(
        MeetingKind.GENERAL_ASSEMBLY,
        count,
        votes_for=3,
        against=0,
        abstain=0,
        resolution=ResolutionKind.GENERAL,
        written_for=1,
    )
    assert result.outcome is VoteOutcome.INVALID
    assert "书面意见只计入接收预备党员、预备党员转正" in result.message


def test_written_opinions_are_refused_beyond_the_absent_voters() -> None:
    # 2 voters away (a probationary member away has no vote and sends no opinion)
    count = headcount(people((P, True), (P, True), (P, True), (A, True), (L, True), (A, False)))
    ok = vote_result(
        MeetingKind.GENERAL_ASSEMBLY,
        count,
        votes_for=3,
        against=0,
        abstain=0,
        resolution=ResolutionKind.ELECTION,
        written_for=2,
    )
    assert ok.outcome is VoteOutcome.PASSED
    too_many = vote_result(
        MeetingKind.GENERAL_ASSEMBLY,
        count,
        votes_for=3,
        against=0,
        abstain=0,
        resolution=ResolutionKind.ELECTION,
        written_for=2,
        written_against=1,
    )
    assert too_many.outcome is VoteOutcome.INVALID
    assert "超过了未到会的有表决权党员2人" in too_many.message


def test_every_per_person_kind_takes_written_opinions() -> None:
    assert not takes_written_opinions(ResolutionKind.GENERAL)
    for kind in (
        ResolutionKind.ADMISSION,
        ResolutionKind.FULL_MEMBERSHIP,
        ResolutionKind.PROBATION_EXTENDED,
        ResolutionKind.PROBATION_CANCELLED,
        ResolutionKind.ELECTION,
    ):
        assert takes_written_opinions(kind)
