"""What a review of 发展党员 found, each as the secretary would meet it: a meeting that
extended a probation finished again or corrected, a change made on the 党员 page that must
not lock an unrelated meeting, a branch without a committee, a file begun on paper, a
预备党员 whose probation is cancelled, a decision taken twice, an older record."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from jianshi_desktop.db.models import Branch, Recruitment, Resolution
from jianshi_desktop.documents.recruitment import year_report_draft
from jianshi_desktop.domain.enums import MeetingKind, MemberStatus, RecruitmentStage, ResolutionKind
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history, meetings, members, recruitment
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.recruitment_documents import year_content
from jianshi_desktop.services.store import Store

from .test_recruitment_decisions import (
    NOW,
    ago,
    branch,  # noqa: F401  (the fixture)
    candidate_ready_for_admission,
    decision,
    errors,
    meeting,
    member_named,
    new_file,
    step,
    steps_of,
)


def warnings(form: meetings.MeetingForm) -> list[str]:
    return [p.message for p in meetings.check_meeting(form, today=NOW) if not p.is_error]


def _extension_meeting(day: dt.date) -> tuple[int, int, dt.date]:
    member_id = member_named("马俊")
    facts = history.facts_of(member_id)
    assert facts is not None and facts.joined_on is not None
    new_end = probation_end(facts.joined_on) + dt.timedelta(days=183)
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, day)
    decision(form, ResolutionKind.PROBATION_EXTENDED, member_id=member_id, extended_to=new_end)
    assert errors(form) == []
    return MEETING.finish(form, today=NOW), member_id, new_end


def test_a_meeting_that_extended_a_probation_finishes_again_and_is_corrected(
    branch: Store,  # noqa: F811
) -> None:
    meeting_id, member_id, new_end = _extension_meeting(ago(5))
    saved = meetings.load_meeting(meeting_id)
    assert errors(saved) == []  # judged against the end before this meeting's own decision
    MEETING.finish(saved, record_id=meeting_id, today=NOW)
    MEETING.archive(meeting_id)
    MEETING.amend(meeting_id, replace(saved, place="党员活动室"), reason="地点写错", today=NOW)
    assert members.probation_extensions(member_id) == {member_id: new_end}
    moved = replace(saved.resolutions[0], extended_to=new_end + dt.timedelta(days=30))
    later = replace(saved, resolutions=[moved])
    assert any("已决定把预备期延长至" in e for e in errors(later))  # never taken silently


def test_an_extension_on_the_members_page_locks_no_meeting_of_that_day(
    branch: Store,  # noqa: F811
) -> None:
    day = ago(6)
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, day)
    meeting_id = MEETING.finish(form, today=NOW)
    member_id = member_named("马俊")
    facts = history.facts_of(member_id)
    assert facts is not None and facts.joined_on is not None
    members.extend_probation(
        member_id,
        on=day,
        ends_on=probation_end(facts.joined_on) + dt.timedelta(days=100),
        resolution="支部大会决定延长",
        today=NOW,
    )
    saved = meetings.load_meeting(meeting_id)
    MEETING.finish(replace(saved, place="会议室二"), record_id=meeting_id, today=NOW)
    # and a later meeting extends it again: the event it made is its own
    again = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(2))
    decision(
        again,
        ResolutionKind.PROBATION_EXTENDED,
        member_id=member_id,
        extended_to=probation_end(facts.joined_on) + dt.timedelta(days=200),
    )
    assert errors(again) == []
    again_id = MEETING.finish(again, today=NOW)
    MEETING.finish(meetings.load_meeting(again_id), record_id=again_id, today=NOW)
    assert members.probation_extensions(member_id) == {
        member_id: probation_end(facts.joined_on) + dt.timedelta(days=200)
    }


def test_a_branch_without_a_committee_decides_in_its_general_assembly(
    branch: Store,  # noqa: F811
) -> None:
    Branch.update(has_committee=False).execute()
    file_id = new_file("黄晓燕", ago(200))
    step(file_id, 2, ago(190), people=history_full(ago(190))[:1])
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(100))
    decision(form, ResolutionKind.ACTIVIST, recruitment_id=file_id)
    assert errors(form) == []
    meeting_id = MEETING.finish(form, today=NOW)
    assert steps_of(file_id)[3] == (ago(100), meeting_id)


def history_full(on: dt.date) -> list[int]:
    return [m.id for m in history.roster_on(on) if m.status is MemberStatus.FULL]


def test_a_file_begun_on_paper_makes_its_member_and_full_membership_reaches_the_file(
    branch: Store,  # noqa: F811
) -> None:
    file_id = candidate_ready_for_admission(name="刘芳", earlier=200)
    step(file_id, 15, ago(540))  # before the records kept here: typed by hand
    member_id = Recruitment.get_by_id(file_id).member_id
    assert member_id is not None
    assert [m.id for m in history.roster_on(ago(540)) if m.id == member_id] == [member_id]
    with pytest.raises(ValidationError, match="不能删除"):
        recruitment.delete_step(recruitment.load_file(file_id, today=NOW).steps_of(15)[0].id)
    members.make_full_member(member_id, on=ago(150), today=NOW)  # on the 党员 page
    assert steps_of(file_id)[23] == (ago(150), None)
    assert recruitment.load_file(file_id, today=NOW).row.stage is RecruitmentStage.FULL


def test_a_cancelled_probation_closes_the_file(branch: Store) -> None:  # noqa: F811
    file_id = candidate_ready_for_admission(name="周洁")
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(60))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    MEETING.finish(form, today=NOW)
    member_id = Recruitment.get_by_id(file_id).member_id
    assert member_id is not None
    counts = {c.stage: c.count for c in recruitment.pipeline(ago(30))}
    before = counts[RecruitmentStage.PROBATIONARY]
    members.cancel_probation(member_id, on=ago(20), resolution="支部大会决定取消", today=NOW)
    row = recruitment.load_file(file_id, today=NOW).row
    assert row.stopped_on == ago(20)
    counts = {c.stage: c.count for c in recruitment.pipeline(ago(10))}
    assert counts[RecruitmentStage.PROBATIONARY] == before - 1
    assert file_id not in {r.id for r in recruitment.list_recruitments(today=NOW)}
    with pytest.raises(ValidationError, match="取消预备党员资格"):
        recruitment.resume_recruitment(file_id)


def test_a_decision_taken_cannot_be_taken_again_by_another_meeting(
    branch: Store,  # noqa: F811
) -> None:
    file_id = candidate_ready_for_admission(name="黄晓燕")
    first = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(20))
    decision(first, ResolutionKind.ADMISSION, recruitment_id=file_id)
    MEETING.finish(first, today=NOW)
    second = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(10))
    decision(second, ResolutionKind.ADMISSION, recruitment_id=file_id)
    assert any("已于" in e and "不能再次表决" in e for e in errors(second))


def test_an_older_record_with_a_decision_at_another_meeting_still_finishes(
    branch: Store,  # noqa: F811
) -> None:
    form = meeting(MeetingKind.COMMITTEE, ago(40))
    form.resolutions.append(meetings.ResolutionEntry("同意接收某某为预备党员", 0))
    meeting_id = MEETING.finish(form, today=NOW)
    Resolution.update(kind=ResolutionKind.ADMISSION).execute()  # as an older version kept it
    saved = meetings.load_meeting(meeting_id)
    assert errors(saved) == []
    assert any("应由支部党员大会表决" in w for w in warnings(saved))
    MEETING.finish(saved, record_id=meeting_id, today=NOW)


def test_the_year_report_says_how_many_probationary_members_have_no_file(
    branch: Store,  # noqa: F811
) -> None:
    file_id = candidate_ready_for_admission(name="黄晓燕")
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(20))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    MEETING.finish(form, today=NOW)
    content = year_content(NOW.year, today=NOW)
    on_roster = sum(1 for m in history.roster_on(NOW) if m.status is MemberStatus.PROBATIONARY)
    assert content.roster_probationary == on_roster
    in_files = next(s.count for s in content.stages if s.label == "预备党员")
    assert in_files == 1 < on_roster  # the demo's other 预备党员 came before the files
    standing = year_report_draft(content).sections[0].text
    assert f"党员名册中当天共有预备党员{on_roster}名，其中{on_roster - 1}名" in standing
