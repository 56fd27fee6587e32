"""主题党日 and 谈心谈话 through the services their wizards use."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.enums import HeartTalkKind, MeetingKind, Presence, RecordState
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import demo, heart_talks, meetings, theme_days
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import HEART_TALK, MEETING, THEME_DAY
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def test_theme_day_defaults_to_the_fixed_day(branch: Store) -> None:
    form = theme_days.new_theme_day_form()
    today = dt.date.today()
    assert form.held_on == dt.date(today.year, today.month, 15)  # the demo's fixed day
    assert len(form.attendance) == 23
    assert theme_days.required_item_choices()[0] == "重温入党誓词"


def test_theme_day_finishes_with_its_checklist(branch: Store) -> None:
    form = theme_days.new_theme_day_form(on=dt.date(2026, 11, 15))
    form.theme, form.place = "学习党的二十届四中全会精神", "党员活动室"
    form.required_items = ["重温入党誓词", "集中学习"]
    form.attendance[0].presence = Presence.ON_LEAVE
    with pytest.raises(ValidationError) as caught:
        THEME_DAY.finish(form, today=TODAY)
    assert "请假的原因" in caught.value.message
    form.attendance[0].reason = "外出培训"
    day_id = THEME_DAY.finish(form, today=TODAY)
    loaded = theme_days.load_theme_day(day_id)
    assert loaded.required_items == ["重温入党誓词", "集中学习"]
    (row,) = theme_days.list_theme_days(year=2026)
    assert (row.present, row.expected) == (22, 23)


def test_theme_day_with_a_meeting_uses_its_attendance(branch: Store) -> None:
    meeting = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 11, 15))
    meeting.place, meeting.recorder_id = "学校会议室", meeting.chair_id
    meeting.agenda = [AgendaEntry("学习全会精神")]
    # Changed (issue 11): attendance[3] is the chair, who must attend (支部工作条例 ch. 5).
    away = next(a for a in meeting.attendance if a.member_id != meeting.chair_id)
    away.presence, away.reason = Presence.ABSENT, "病假"
    meeting_id = MEETING.finish(meeting, today=TODAY)
    assert theme_days.meetings_on(dt.date(2026, 11, 15))[0][0] == meeting_id
    form = theme_days.new_theme_day_form(on=dt.date(2026, 11, 15))
    form.theme, form.place, form.meeting_id = "学习全会精神", "学校会议室", meeting_id
    form.attendance = []  # not asked twice
    day_id = THEME_DAY.finish(form, today=TODAY)
    people = theme_days.theme_day_attendance(day_id)
    assert len(people) == 23 and sum(p.presence is Presence.ABSENT for p in people) == 1
    assert models.Attendance.select().where(models.Attendance.theme_day == day_id).count() == 0


def test_the_required_items_list_is_editable(branch: Store) -> None:
    theme_days.set_required_item_choices(["重温入党誓词", " 交纳党费 ", "交纳党费", "红色观影"])
    assert theme_days.required_item_choices() == ["重温入党誓词", "交纳党费", "红色观影"]
    with pytest.raises(ValidationError):
        theme_days.set_required_item_choices(["  "])


def talk(**changes: object) -> heart_talks.HeartTalkForm:
    form = heart_talks.new_heart_talk_form(on=dt.date(2026, 10, 9))
    members = meetings.member_choices()
    form.talkee_id = members[1][0]
    form.topic, form.talker_said, form.place = "工作和思想情况", "肯定成绩，指出不足。", "校长室"
    for key, value in changes.items():
        setattr(form, key, value)
    return form


def test_heart_talk_needs_both_sides_and_a_topic(branch: Store) -> None:
    form = talk(topic="", talkee_id=None)
    fields = {p.field for p in heart_talks.check_heart_talk(form, today=TODAY) if p.is_error}
    assert {"topic", "talkee"} <= fields
    with pytest.raises(ValidationError):
        HEART_TALK.finish(form, today=TODAY)
    same = talk()
    same.talkee_id = same.talker_id
    assert any("同一个人" in p.message for p in heart_talks.check_heart_talk(same, today=TODAY))


def test_reminder_talks_are_confidential_and_leave_no_names_in_the_log(branch: Store) -> None:
    form = heart_talks.new_heart_talk_form(on=dt.date(2026, 10, 9), kind=HeartTalkKind.REMINDER)
    assert form.confidential
    form.talkee_id = meetings.member_choices()[5][0]
    form.topic, form.talker_said = "上课迟到问题", "提醒注意。"
    talk_id = HEART_TALK.finish(form, today=TODAY)
    (row,) = heart_talks.list_heart_talks(year=2026)
    assert row.confidential and row.id == talk_id
    summary = models.AuditLog.select().order_by(models.AuditLog.id.desc()).first().summary
    assert "提醒谈话" in summary and row.talkee not in summary


def test_coverage_lists_members_and_committee_pairs_still_missing(branch: Store) -> None:
    before = heart_talks.talk_coverage(2026, today=TODAY)
    assert len(before.members_without_talk) == 23
    committee = meetings.committee_member_ids(TODAY)
    assert len(before.committee_pairs_missing) == len(committee) * (len(committee) - 1) // 2
    HEART_TALK.finish(
        talk(kind=HeartTalkKind.COMMITTEE_PEERS, talker_id=committee[0], talkee_id=committee[1]),
        today=TODAY,
    )
    after = heart_talks.talk_coverage(2026, today=TODAY)
    assert len(after.members_without_talk) == 21
    assert len(after.committee_pairs_missing) == len(before.committee_pairs_missing) - 1


def test_talk_draft_archive_and_amend(branch: Store) -> None:
    draft = HEART_TALK.save_draft(talk(topic=""))
    assert HEART_TALK.state(draft)[0] is RecordState.DRAFT
    done = HEART_TALK.finish(talk(), record_id=draft, today=TODAY)
    assert done == draft
    HEART_TALK.archive(done)
    with pytest.raises(ValidationError):
        HEART_TALK.delete_draft(done)
    HEART_TALK.amend(done, talk(follow_up="下月再谈"), reason="补记后续安排", today=TODAY)
    assert heart_talks.load_heart_talk(done).follow_up == "下月再谈"
    assert heart_talks.list_heart_talks()[0].amended


def test_a_reminder_talk_is_no_heart_to_heart_talk(branch: Store) -> None:
    # rules.md §7 (and the county notice's 四种形态, 建教党〔2020〕9号): a 提醒谈话 is the
    # first form of 监督执纪, not a 谈心谈话; it never counts toward the yearly talk with
    # every member, in compliance or in the coverage shown on the 谈心谈话 page.
    from jianshi_desktop.domain.compliance import Per, period_of
    from jianshi_desktop.services import compliance

    talkee = meetings.member_choices()[5][0]
    reminder = heart_talks.new_heart_talk_form(on=dt.date(2026, 10, 9), kind=HeartTalkKind.REMINDER)
    reminder.talkee_id = talkee
    reminder.topic, reminder.talker_said = "上课迟到问题", "提醒注意。"
    HEART_TALK.finish(reminder, today=TODAY)

    coverage = heart_talks.talk_coverage(2026, today=TODAY)
    assert talkee in {member_id for member_id, _name in coverage.members_without_talk}
    assert len(coverage.members_without_talk) == 23

    engine = compliance.engine(today=TODAY)
    obligation = next(o for o in engine.obligations if o.key == "heart_talk")
    statuses = engine.status(obligation, period_of(TODAY, Per.YEAR), TODAY)
    assert all(s.done == 0 for s in statuses), "nobody has had a 谈心谈话 yet"

    HEART_TALK.finish(talk(talkee_id=talkee), today=TODAY)
    statuses = compliance.engine(today=TODAY).status(obligation, period_of(TODAY, Per.YEAR), TODAY)
    assert sum(s.done for s in statuses if s.subject_id == talkee) == 1
    assert len(statuses) == 23


def test_talk_coverage_of_a_past_year_is_owed_to_that_years_members(branch: Store) -> None:
    # rules.md §7: a period is judged with that period's members — someone who joined this
    # year owes nothing to last year's talks; 2026's list names them.
    from jianshi_desktop.domain.enums import MemberStatus
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.services import members

    last_year = {
        name for _, name in heart_talks.talk_coverage(2025, today=TODAY).members_without_talk
    }
    members.add_member(
        MemberFields(name="新党员", joined_on=TODAY, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )
    after = {name for _, name in heart_talks.talk_coverage(2025, today=TODAY).members_without_talk}
    assert after == last_year and "新党员" not in after
    this_year = heart_talks.talk_coverage(2026, today=TODAY).members_without_talk
    assert "新党员" in {name for _, name in this_year}


def test_a_talk_is_with_members_of_its_own_day(branch: Store) -> None:
    # rules.md §7: a record is judged by the facts of its own day — a member who joined
    # later cannot have been talked with as a branch member before joining.
    from jianshi_desktop.domain.enums import MemberStatus
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.services import members

    newcomer = members.add_member(
        MemberFields(name="新党员", joined_on=TODAY, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )
    earlier = talk(talkee_id=newcomer)  # on 2026-10-09, before the newcomer joined
    problems = heart_talks.check_heart_talk(earlier, today=TODAY)
    assert any(
        p.field == "talkee" and p.is_error and "不是本支部党员" in p.message for p in problems
    )
    with pytest.raises(ValidationError):
        HEART_TALK.finish(earlier, today=TODAY)
    on_the_day = talk(talkee_id=newcomer, held_on=TODAY)
    assert not [p for p in heart_talks.check_heart_talk(on_the_day, today=TODAY) if p.is_error]
