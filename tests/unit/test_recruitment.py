"""发展党员 files (services.recruitment): opening a file, recording, correcting and removing
steps by the "525" rules, the people a step names as they stood that day, stopping a file,
the pipeline on a past day — and the demo's files, which must obey the same rules."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db.models import Branch, Recruitment, RecruitmentStep, RecruitmentStepPerson
from jianshi_desktop.domain import recruitment as rules_
from jianshi_desktop.domain.enums import (
    Gender,
    MeetingKind,
    MemberStatus,
    RecruitmentStage,
    ResolutionKind,
)
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import demo, history, meetings, recruitment
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.recruitment import RecruitmentFields, StepForm
from jianshi_desktop.services.store import Store

NOW = dt.date.today()  # finishing a meeting takes its steps "today"
DEMO_DAY = NOW - dt.timedelta(days=60)  # 史刚 (预备党员) joined 380 days ago, 马俊 260 days ago
RECORDS_FROM = NOW - dt.timedelta(days=30)  # meetings kept here from then on


def ago(days: int) -> dt.date:
    return NOW - dt.timedelta(days=days)


def id_number(birth: dt.date, serial: int = 12) -> str:
    first17 = f"422822{birth:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=DEMO_DAY, with_records=False)
    Branch.update(records_from=RECORDS_FROM).execute()
    return store


def person(
    name: str = "王小芳", birth: dt.date = dt.date(1995, 4, 8), **more: object
) -> RecruitmentFields:
    return RecruitmentFields(name=name, id_number=id_number(birth), position="语文教师", **more)  # type: ignore[arg-type]


def new_file(name: str, applied_on: dt.date, serial: int = 12, **more: object) -> int:
    fields = RecruitmentFields(
        name=name,
        id_number=id_number(dt.date(1995, 4, 8), serial),
        position="教师",
        **more,  # type: ignore[arg-type]
    )
    return recruitment.new_recruitment(fields, applied_on=applied_on, today=NOW)


def step(file_id: int, no: int, on: dt.date, **more: object) -> int:
    return recruitment.record_step(file_id, StepForm(no=no, done_on=on, **more), today=NOW)  # type: ignore[arg-type]


def member_named(name: str) -> int:
    (found,) = [m.id for m in history.member_facts() if m.name == name]
    return found


def full_members(on: dt.date) -> list[int]:
    return [m.id for m in history.roster_on(on) if m.status is MemberStatus.FULL]


def candidate_on_paper(name: str = "李春梅", serial: int = 12) -> int:
    """Steps 1–8 before the branch kept its records here (typed by hand)."""
    file_id = new_file(name, ago(900), serial)
    people = full_members(ago(900))
    step(file_id, 2, ago(890), people=people[:1])
    step(file_id, 3, ago(850))
    step(file_id, 4, ago(845))
    step(file_id, 5, ago(840), people=people[1:3])
    step(file_id, 6, ago(700))
    step(file_id, 6, ago(530))
    step(file_id, 7, ago(450))
    step(file_id, 8, ago(440))
    return file_id


def refused(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    return str(caught.value)


# --- opening a file -----------------------------------------------------------------------


def test_a_new_file_starts_with_the_application(branch: Store) -> None:
    file_id = recruitment.new_recruitment(person(backbone=True), applied_on=ago(10), today=NOW)
    loaded = recruitment.load_file(file_id, today=NOW)
    assert [(s.no, s.done_on) for s in loaded.steps] == [(1, ago(10))]
    assert loaded.row.stage is RecruitmentStage.APPLICANT and loaded.row.backbone
    assert loaded.fields.birth_date == dt.date(1995, 4, 8)  # read from the ID number
    assert loaded.fields.gender is Gender.FEMALE  # the 17th digit, 2, is even
    assert "*" in loaded.id_number_masked and loaded.id_number_masked != loaded.fields.id_number
    assert loaded.next_steps[0].no == 2 and loaded.next_steps[0].latest is not None


def test_an_applicant_under_eighteen_is_refused(branch: Store) -> None:
    birth = ago(18 * 365)  # a few days short of 18
    young = RecruitmentFields(name="小张", id_number=id_number(birth))
    message = refused(recruitment.new_recruitment, young, applied_on=NOW, today=NOW)
    assert "未满18岁" in message
    assert not Recruitment.select().exists()


def test_a_wrong_check_digit_is_refused(branch: Store) -> None:
    number = id_number(dt.date(1995, 4, 8))
    wrong = number[:-1] + ("0" if number[-1] != "0" else "1")
    fields = RecruitmentFields(name="王小芳", id_number=wrong)
    assert "身份证" in refused(recruitment.new_recruitment, fields, applied_on=ago(1), today=NOW)


def test_one_person_one_file_and_no_file_for_a_member(branch: Store) -> None:
    new_file("王小芳", ago(30))
    again = refused(recruitment.new_recruitment, person("王小芳"), applied_on=ago(5), today=NOW)
    assert "同一个人不能建两份档案" in again
    member = RecruitmentFields(name="丁雪艳", id_number="42282219731125116X")
    message = refused(recruitment.new_recruitment, member, applied_on=ago(5), today=NOW)
    assert "已经是党员" in message and "丁雪艳" in message


def test_a_future_application_is_refused(branch: Store) -> None:
    message = refused(
        recruitment.new_recruitment, person(), applied_on=NOW + dt.timedelta(days=1), today=NOW
    )
    assert "晚于今天" in message


# --- steps ----------------------------------------------------------------------------------


def test_a_step_too_early_is_refused_with_the_rule_and_a_late_one_is_kept(branch: Store) -> None:
    file_id = new_file("王小芳", ago(100))
    talker = full_members(ago(60))[:1]
    message = refused(step, file_id, 3, ago(50))
    assert "第2步“党组织派人谈话”" in message
    step_id = step(file_id, 2, ago(60), people=talker)  # later than a month: kept, flagged
    problems = recruitment.check_step(
        file_id, StepForm(2, ago(60), people=talker), step_id=step_id, today=NOW
    )
    assert [p.severity for p in problems] == ["warning"] and "细则第八条" in problems[0].message
    assert recruitment.load_file(file_id, today=NOW).steps[1].people[0].member_id == talker[0]


def test_a_meeting_decides_activists_inside_the_records_and_hand_entry_before(
    branch: Store,
) -> None:
    file_id = new_file("王小芳", ago(100))
    step(file_id, 2, ago(90), people=full_members(ago(90))[:1])
    inside = refused(step, file_id, 3, ago(10))
    assert "支委会" in inside and "会议完成后这一步自动记入档案" in inside
    step(file_id, 3, ago(40))  # before the branch kept its records here: typed by hand
    assert recruitment.load_file(file_id, today=NOW).row.stage is RecruitmentStage.ACTIVIST


def test_people_are_judged_as_they_stood_on_the_steps_day(branch: Store) -> None:
    file_id = candidate_on_paper()
    probationary = member_named("史刚")  # 预备党员 all along
    joined_later = member_named("马俊")  # joined 260 days ago
    full = full_members(ago(400))
    message = refused(step, file_id, 9, ago(100), people=[probationary, full[0]])
    assert "入党介绍人应是正式党员" in message and "史刚" in message and "预备党员" in message
    message = refused(step, file_id, 9, ago(300), people=[joined_later, full[0]])
    assert "马俊" in message and "不是本支部党员" in message
    assert "需要2名入党介绍人" in refused(step, file_id, 9, ago(300), people=full[:1])
    step(file_id, 9, ago(300), people=full[:2])
    assert [
        p.name
        for p in recruitment.load_file(file_id, today=NOW).people(rules_.RecruitmentRole.INTRODUCER)
    ] == [m.name for m in history.member_facts() if m.id in full[:2]]


def test_training_needs_three_days_or_twenty_four_hours(branch: Store) -> None:
    file_id = candidate_on_paper()
    assert "集中培训不足3天或24学时" in refused(step, file_id, 11, ago(300), training_days=2)
    step(file_id, 11, ago(300), training_hours=24)
    (training,) = recruitment.load_file(file_id, today=NOW).steps_of(11)
    assert training.training_hours == 24


def test_correcting_and_removing_steps(branch: Store) -> None:
    file_id = new_file("王小芳", ago(100))
    talker = full_members(ago(90))[:1]
    talk = step(file_id, 2, ago(90), people=talker)
    recruitment.update_step(
        talk, StepForm(2, ago(80), note="在校长室谈话", people=talker), today=NOW
    )
    (changed,) = recruitment.load_file(file_id, today=NOW).steps_of(2)
    assert (changed.done_on, changed.note) == (ago(80), "在校长室谈话")
    (first,) = recruitment.load_file(file_id, today=NOW).steps_of(1)
    assert "不能删除" in refused(recruitment.delete_step, first.id)
    step(file_id, 3, ago(40))
    message = refused(recruitment.delete_step, talk)
    assert "第3步 推荐和确定入党积极分子已在这一步之后记录" in message
    activist = recruitment.load_file(file_id, today=NOW).steps_of(3)[0].id
    recruitment.delete_step(activist)
    recruitment.delete_step(talk)
    assert [s.no for s in recruitment.load_file(file_id, today=NOW).steps] == [1]
    assert not RecruitmentStepPerson.select().exists()


def test_a_step_a_meeting_took_cannot_be_removed_or_moved(branch: Store) -> None:
    file_id = new_file("王小芳", ago(100))
    step(file_id, 2, ago(90), people=full_members(ago(90))[:1])
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=ago(5))
    form.place, form.starts_at, form.ends_at = "学校会议室", "16:00", "17:00"
    form.agenda = [AgendaEntry("研究确定入党积极分子")]
    entry = meetings.new_resolution(form, 0, ResolutionKind.ACTIVIST)
    entry.text, entry.recruitment_id = "同意确定王小芳为入党积极分子", file_id
    form.resolutions.append(entry)
    meeting_id = MEETING.finish(form, today=NOW)
    (taken,) = recruitment.load_file(file_id, today=NOW).steps_of(3)
    assert (taken.done_on, taken.meeting_id) == (ago(5), meeting_id)
    assert "由会议决定" in refused(recruitment.delete_step, taken.id)
    assert "会议日期" in refused(recruitment.update_step, taken.id, StepForm(3, ago(6)))


def test_stopping_and_resuming_a_file(branch: Store) -> None:
    file_id = new_file("王小芳", ago(100))
    step(file_id, 2, ago(90), people=full_members(ago(90))[:1])
    assert "原因" in refused(
        recruitment.stop_recruitment, file_id, on=ago(10), reason=" ", today=NOW
    )
    assert "晚于今天" in refused(
        recruitment.stop_recruitment,
        file_id,
        on=NOW + dt.timedelta(days=1),
        reason="调离",
        today=NOW,
    )
    assert "不能早于它" in refused(
        recruitment.stop_recruitment, file_id, on=ago(95), reason="调离", today=NOW
    )
    recruitment.stop_recruitment(file_id, on=ago(10), reason="本人撤回申请", today=NOW)
    assert recruitment.list_recruitments(today=NOW) == []
    (closed,) = recruitment.list_recruitments(include_closed=True, today=NOW)
    assert closed.stopped_on == ago(10) and closed.next_text.endswith("终止培养")
    assert recruitment.load_file(file_id, today=NOW).stop_reason == "本人撤回申请"
    assert "终止" in refused(step, file_id, 4, ago(5))
    assert recruitment.pipeline(ago(20))[0].count == 1  # before it was stopped
    assert recruitment.pipeline(ago(5))[0].count == 0
    recruitment.resume_recruitment(file_id)
    assert [r.id for r in recruitment.list_recruitments(today=NOW)] == [file_id]


def test_the_pipeline_as_of_a_day(branch: Store) -> None:
    candidate_on_paper(serial=12)
    new_file("赵明", ago(20), 14, backbone=True)  # an applicant, 教学业务骨干

    def counts(on: dt.date) -> dict[RecruitmentStage, tuple[int, int]]:
        return {c.stage: (c.count, c.backbone) for c in recruitment.pipeline(on)}

    assert counts(ago(901))[RecruitmentStage.APPLICANT] == (0, 0)
    assert counts(ago(900))[RecruitmentStage.APPLICANT] == (1, 0)
    assert counts(ago(851))[RecruitmentStage.APPLICANT] == (1, 0)
    assert counts(ago(850))[RecruitmentStage.ACTIVIST] == (1, 0)
    assert counts(ago(450))[RecruitmentStage.CANDIDATE] == (1, 0)
    today = counts(NOW)
    assert today[RecruitmentStage.CANDIDATE] == (1, 0)
    assert today[RecruitmentStage.APPLICANT] == (1, 1)
    assert list(today) == list(RecruitmentStage)[:4]


def test_the_list_puts_the_earliest_stage_first(branch: Store) -> None:
    candidate = candidate_on_paper(serial=12)
    late = new_file("赵明", ago(20), 14)
    early = new_file("孙丽", ago(40), 16)
    rows = recruitment.list_recruitments(today=NOW)
    assert [r.id for r in rows] == [early, late, candidate]
    assert rows[2].stage is RecruitmentStage.CANDIDATE and rows[2].stage_since == ago(450)
    assert rows[0].next_text.startswith("第2步 党组织派人谈话")


# --- the demo -------------------------------------------------------------------------------


def test_the_demo_files_obey_the_rules_on_their_days(store: Store) -> None:
    """Every step of the demo's files is allowed by the "525" rules against the others,
    the people named were members of the right standing that day, and the decisions
    come from the demo's meetings."""
    today = dt.date(2026, 11, 26)
    demo.fill_demo(today=today)
    the_rules = recruitment.rules()
    rows = recruitment.list_recruitments(include_closed=True, today=today)
    stages = [r.stage for r in rows if r.stopped_on is None]
    for stage in RecruitmentStage:
        assert stage in stages
    assert any(r.stopped_on is not None for r in rows)
    assert any(r.backbone and r.stage is RecruitmentStage.ACTIVIST for r in rows)
    for row in rows:
        loaded = recruitment.load_file(row.id, today=today)
        for record in loaded.steps:
            others = loaded.facts.without(record.no, record.done_on)
            problems = rules_.step_problems(
                the_rules, others, record.no, record.done_on, today=today
            )
            assert not [p.message for p in problems if p.is_error], (row.name, record.no)
            rule = the_rules.step(record.no)
            assert (record.meeting_id is not None) == (rule.decided_by is not None), record
            if rule.people is not None:
                assert rules_.people_problem(rule, len(record.people)) is None
                for someone in record.people:
                    facts = history.facts_of(someone.member_id)
                    assert facts is not None
                    status = facts.status_on(record.done_on)
                    assert status is not None
                    if rule.people.full_members:
                        assert status is MemberStatus.FULL
    full = next(r for r in rows if r.stage is RecruitmentStage.FULL)
    assert {s.no for s in recruitment.load_file(full.id, today=today).steps} == set(range(1, 26))
    extended = [
        r
        for r in rows
        if r.stage is RecruitmentStage.PROBATIONARY
        and recruitment.load_file(r.id, today=today).facts.extended_to is not None
    ]
    assert len(extended) == 1
    assert RecruitmentStep.select().where(RecruitmentStep.meeting.is_null(False)).count() >= 10
