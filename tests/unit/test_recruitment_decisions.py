"""发展党员 decided in meetings (issue 19): 确定积极分子 and 确定发展对象 in a 支委会,
接收 and 转正 in a 支部党员大会; finishing the meeting takes the step on its day."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from jianshi_desktop.db.models import Branch, Recruitment
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import Gender, MeetingKind, MemberStatus, ResolutionKind
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import demo, documents, history, meetings, members, recruitment
from jianshi_desktop.services.meetings import AgendaEntry, MeetingForm, ResolutionEntry
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.recruitment import RecruitmentFields, StepForm
from jianshi_desktop.services.store import Store

NOW = dt.date.today()  # finishing a meeting takes its steps "today": no day after it
DEMO_DAY = NOW - dt.timedelta(days=60)  # 史刚 joined 380 days before NOW: 预备期 over
RECORDS_FROM = NOW - dt.timedelta(days=300)


def ago(days: int) -> dt.date:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=DEMO_DAY, with_records=False)
    Branch.update(records_from=RECORDS_FROM).execute()  # meetings kept here from then on
    return store


def full_members(on: dt.date) -> list[int]:
    return [m.id for m in history.roster_on(on) if m.status is MemberStatus.FULL]


def new_file(name: str, applied_on: dt.date) -> int:
    fields = RecruitmentFields(
        name=name, gender=Gender.FEMALE, birth_date=dt.date(1998, 3, 4), position="教师"
    )
    return recruitment.new_recruitment(fields, applied_on=applied_on, today=NOW)


def step(file_id: int, no: int, on: dt.date, **more: object) -> None:
    form = StepForm(no=no, done_on=on, **more)  # type: ignore[arg-type]
    recruitment.record_step(file_id, form, today=NOW)


def candidate_ready_for_admission(name: str = "黄晓燕", earlier: int = 0) -> int:
    """A file with steps 1–14 done before the branch kept its meetings here (``earlier``
    days before the usual dates)."""
    file_id = new_file(name, ago(1000 + earlier))
    people = full_members(ago(1000 + earlier))
    step(file_id, 2, ago(990 + earlier), people=people[:1])
    step(file_id, 3, ago(900 + earlier))
    step(file_id, 4, ago(890 + earlier))
    step(file_id, 5, ago(890 + earlier), people=people[1:2])
    step(file_id, 6, ago(700 + earlier))
    step(file_id, 7, ago(500 + earlier))
    step(file_id, 8, ago(495 + earlier))
    step(file_id, 9, ago(490 + earlier), people=people[2:4])
    step(file_id, 10, ago(480 + earlier))
    step(file_id, 11, ago(470 + earlier), training_days=3)
    step(file_id, 12, ago(400 + earlier))
    step(file_id, 13, ago(380 + earlier))
    step(file_id, 14, ago(350 + earlier))
    return file_id


def meeting(kind: MeetingKind, on: dt.date, title: str = "研究发展党员工作") -> MeetingForm:
    form = meetings.new_meeting_form(kind, on=on)
    form.place = "学校会议室"
    form.starts_at, form.ends_at = "15:30", "16:40"
    form.agenda = [AgendaEntry(title)]
    return form


def decision(
    form: MeetingForm, kind: ResolutionKind, *, passed: bool = True, **about: object
) -> ResolutionEntry:
    entry = meetings.new_resolution(form, 0, kind)
    if not passed:
        present = form.headcount().voters_present
        entry.votes_for, entry.votes_against = 1, present - 1
    entry.text = f"{kind.label}的决议"
    for key, value in about.items():
        setattr(entry, key, value)
    form.resolutions.append(entry)
    return entry


def steps_of(file_id: int) -> dict[int, tuple[dt.date, int | None]]:
    found = recruitment.load_file(file_id, today=NOW).steps
    return {s.no: (s.done_on, s.meeting_id) for s in found}


def member_named(name: str) -> int:
    (found,) = [m.id for m in history.member_facts() if m.name == name]
    return found


def errors(form: MeetingForm) -> list[str]:
    return [p.message for p in meetings.check_meeting(form, today=NOW) if p.is_error]


# --- 支委会 -----------------------------------------------------------------------------


def test_a_committee_names_an_activist_on_its_day_and_a_failed_vote_takes_nothing(
    branch: Store,
) -> None:
    first = new_file("黄晓燕", ago(200))
    second = new_file("李文", ago(200))
    for file_id in (first, second):
        step(file_id, 2, ago(190), people=full_members(ago(190))[:1])
    day = ago(100)
    due = recruitment.due_for(ResolutionKind.ACTIVIST, day)
    assert {s.recruitment_id for s in due} == {first, second}
    form = meeting(MeetingKind.COMMITTEE, day)
    decision(form, ResolutionKind.ACTIVIST, recruitment_id=first)
    decision(form, ResolutionKind.ACTIVIST, passed=False, recruitment_id=second)
    assert errors(form) == []
    meeting_id = MEETING.finish(form, today=NOW)
    assert steps_of(first)[3] == (day, meeting_id), "step 3 on the meeting day, linked"
    assert 3 not in steps_of(second), "turned down: no step"


def test_a_committee_cannot_accept_and_a_file_decision_needs_its_person(branch: Store) -> None:
    file_id = candidate_ready_for_admission()
    form = meeting(MeetingKind.COMMITTEE, ago(20))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    decision(form, ResolutionKind.CANDIDATE)
    found = errors(form)
    assert "第1项决议（接收预备党员）应由支部党员大会表决，不是支委会。" in found
    assert "第2项决议（确定发展对象）：请在“表决对象”中选择这项决议是关于谁的。" in found
    with pytest.raises(ValidationError):
        MEETING.finish(form, today=NOW)
    assert 15 not in steps_of(file_id)


def test_naming_a_candidate_too_early_is_refused_with_the_rule(branch: Store) -> None:
    file_id = new_file("黄晓燕", ago(200))
    step(file_id, 2, ago(190), people=full_members(ago(190))[:1])
    first = meeting(MeetingKind.COMMITTEE, ago(150))
    decision(first, ResolutionKind.ACTIVIST, recruitment_id=file_id)
    MEETING.finish(first, today=NOW)
    step(file_id, 6, ago(60))
    assert recruitment.due_for(ResolutionKind.CANDIDATE, ago(20)) == []
    form = meeting(MeetingKind.COMMITTEE, ago(20))
    decision(form, ResolutionKind.CANDIDATE, recruitment_id=file_id)
    (message,) = errors(form)
    assert message.startswith("第1项决议（确定发展对象）：黄晓燕：")
    assert "一年" in message, message


# --- 支部党员大会: 接收 -------------------------------------------------------------------


def test_accepting_makes_a_probationary_member_from_the_meeting_day(branch: Store) -> None:
    file_id = candidate_ready_for_admission()
    day = ago(20)
    (due,) = recruitment.due_for(ResolutionKind.ADMISSION, day)
    assert (due.recruitment_id, due.text) == (file_id, "同意接收黄晓燕为中共预备党员")
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, day, "讨论接收预备党员")
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    assert errors(form) == []
    meeting_id = MEETING.finish(form, today=NOW)

    assert steps_of(file_id)[15] == (day, meeting_id)
    member_id = recruitment.list_recruitments(today=NOW)[0].member_id
    assert member_id is not None and recruitment.file_of_member(member_id) == file_id
    facts = history.facts_of(member_id)
    assert facts is not None and facts.joined_on == day
    assert member_id in {m.id for m in history.roster_on(day)}
    assert member_id not in {m.id for m in history.roster_on(day - dt.timedelta(days=1))}
    (on_day,) = [m for m in history.roster_on(day) if m.id == member_id]
    assert (on_day.status, on_day.has_vote) == (MemberStatus.PROBATIONARY, False)

    MEETING.finish(meetings.load_meeting(meeting_id), record_id=meeting_id, today=NOW)
    assert [m.id for m in history.member_facts() if m.name == "黄晓燕"] == [member_id]
    assert steps_of(file_id)[15] == (day, meeting_id), "finishing again changes nothing"


def test_a_taken_decision_cannot_be_dropped_or_moved(branch: Store) -> None:
    file_id = candidate_ready_for_admission()
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(20))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    meeting_id = MEETING.finish(form, today=NOW)
    saved = meetings.load_meeting(meeting_id)

    dropped = replace(saved, resolutions=[ResolutionEntry("学习发展党员工作细则", 0)])
    with pytest.raises(ValidationError, match="已对黄晓燕作出“接收预备党员”的决定并已生效"):
        MEETING.finish(dropped, record_id=meeting_id, today=NOW)
    moved = replace(saved, held_on=ago(19))
    with pytest.raises(ValidationError, match="会议日期不能再改动"):
        MEETING.finish(moved, record_id=meeting_id, today=NOW)
    assert steps_of(file_id)[15] == (ago(20), meeting_id)


def test_a_draft_takes_nothing(branch: Store) -> None:
    file_id = candidate_ready_for_admission()
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(20))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    MEETING.save_draft(form)
    assert 15 not in steps_of(file_id)
    assert recruitment.list_recruitments(today=NOW)[0].member_id is None


def test_amending_an_archived_meeting_keeps_its_decisions(branch: Store) -> None:
    file_id = candidate_ready_for_admission()
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(20))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    meeting_id = MEETING.finish(form, today=NOW)
    MEETING.archive(meeting_id)
    amended = meetings.load_meeting(meeting_id)
    amended.place = "学校多功能室"
    MEETING.amend(meeting_id, amended, reason="会议地点记错", today=NOW)
    assert steps_of(file_id)[15] == (ago(20), meeting_id)
    assert len([m for m in history.member_facts() if m.name == "黄晓燕"]) == 1


# --- 支部党员大会: 转正, 延长预备期 ------------------------------------------------------


def test_full_membership_on_the_meeting_day(branch: Store) -> None:
    member_id = member_named("史刚")
    facts = history.facts_of(member_id)
    assert facts is not None and facts.joined_on is not None
    day = probation_end(facts.joined_on) + dt.timedelta(days=3)
    assert day <= NOW
    assert member_id in {
        s.member_id for s in recruitment.due_for(ResolutionKind.FULL_MEMBERSHIP, day)
    }
    early = meeting(
        MeetingKind.GENERAL_ASSEMBLY, probation_end(facts.joined_on) - dt.timedelta(days=5)
    )
    decision(early, ResolutionKind.FULL_MEMBERSHIP, member_id=member_id)
    assert any("史刚" in e for e in errors(early)), "not before the 预备期 ends"

    form = meeting(MeetingKind.GENERAL_ASSEMBLY, day, "讨论预备党员转正")
    decision(form, ResolutionKind.FULL_MEMBERSHIP, member_id=member_id)
    assert errors(form) == []
    MEETING.finish(form, today=NOW)
    facts = history.facts_of(member_id)
    assert facts is not None
    assert facts.status_on(day - dt.timedelta(days=1)) is MemberStatus.PROBATIONARY
    assert facts.status_on(day) is MemberStatus.FULL


def test_an_accepted_member_turned_full_gets_step_23_on_the_file(branch: Store) -> None:
    file_id = candidate_ready_for_admission(earlier=200)
    # accepted before the branch kept its meetings here: step 15 typed by hand makes the
    # person a 预备党员 from that day, as a meeting's 接收 would
    step(file_id, 15, ago(540))
    member_id = Recruitment.get_by_id(file_id).member_id
    facts = history.facts_of(member_id)
    assert facts is not None and facts.joined_on == ago(540)
    assert facts.status_on(ago(540)) is MemberStatus.PROBATIONARY
    assert facts.status_on(ago(541)) is None
    day = ago(10)
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, day)
    decision(form, ResolutionKind.FULL_MEMBERSHIP, member_id=member_id)
    # the file's steps before 转正 are judged too (rules.md §4): no 转正申请 yet
    assert any("第22步“提出转正申请”之后" in e for e in errors(form))
    step(file_id, 16, ago(530))
    step(file_id, 17, ago(500))
    step(file_id, 22, ago(180))
    assert errors(form) == []
    meeting_id = MEETING.finish(form, today=NOW)
    assert steps_of(file_id)[23] == (day, meeting_id)


def test_extending_the_probation_moves_its_end(branch: Store) -> None:
    member_id = member_named("马俊")
    facts = history.facts_of(member_id)
    assert facts is not None and facts.joined_on is not None
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(5))
    entry = decision(form, ResolutionKind.PROBATION_EXTENDED, member_id=member_id)
    assert any("延长后的预备期满日期" in e for e in errors(form))
    new_end = probation_end(facts.joined_on) + dt.timedelta(days=183)
    entry.extended_to = new_end
    assert errors(form) == []
    meeting_id = MEETING.finish(form, today=NOW)
    assert members.probation_extensions(member_id) == {member_id: new_end}
    (printed,) = documents.minutes_content(meeting_id).resolutions
    assert printed.startswith(f"延长预备期的决议（预备期延长至{format_date(new_end)}）（表决：")
    entry.text = "同意延长预备党员马俊的预备期"
    assert meetings.resolution_words(entry) == (
        f"同意延长预备党员马俊的预备期至{format_date(new_end)}"
    )


def test_a_member_decision_without_a_member_only_warns(branch: Store) -> None:
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(5))
    decision(form, ResolutionKind.FULL_MEMBERSHIP)
    warnings = [p.message for p in meetings.check_meeting(form, today=NOW) if not p.is_error]
    assert "第1项决议（预备党员转正）没有选择党员：决议只记入会议记录，不会改变党员名册。" in (
        warnings
    )
    assert errors(form) == []


def test_no_one_is_decided_twice(branch: Store) -> None:
    file_id = candidate_ready_for_admission()
    form = meeting(MeetingKind.GENERAL_ASSEMBLY, ago(20))
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    decision(form, ResolutionKind.ADMISSION, recruitment_id=file_id)
    assert errors(form) == ["第2项决议（接收预备党员）：黄晓燕已在前面的决议中表决过。"]
