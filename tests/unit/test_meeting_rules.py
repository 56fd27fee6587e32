"""Quorum and votes (rules.md §2), including the property tests the issue asks for."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jianshi_desktop.domain.enums import MeetingKind, Presence
from jianshi_desktop.domain.meetings import (
    Attendee,
    VoteOutcome,
    headcount,
    more_than_half,
    quorum,
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
