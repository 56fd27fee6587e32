"""未完成的草稿 (services.drafts): every kind's drafts, named as the kind names them, the
newest change first; finished records and deleted drafts are not drafts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from jianshi_desktop.db.models import (
    DuesCollection,
    HeartTalk,
    IdeologyReview,
    Meeting,
    MemberAppraisal,
    OrganisationReport,
    OrgLifeMeeting,
    PairingHelp,
    ThemeDay,
    Training,
)
from jianshi_desktop.domain.enums import HeartTalkKind, MeetingKind, RecordState, StudentNeed
from jianshi_desktop.services import (
    demo,
    dues,
    heart_talks,
    ideology_reviews,
    meetings,
    member_appraisals,
    org_life_meetings,
    organisation_reports,
    student_pairings,
    theme_days,
    trainings,
)
from jianshi_desktop.services.drafts import unfinished_drafts
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import (
    DUES_COLLECTION,
    HEART_TALK,
    IDEOLOGY_REVIEW,
    KINDS,
    MEETING,
    MEMBER_APPRAISAL,
    ORG_LIFE_MEETING,
    ORGANISATION_REPORT,
    PAIRING_HELP,
    THEME_DAY,
    TRAINING,
)
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def _changed(model: Any, record_id: int, moment: dt.datetime) -> None:
    model.update(updated_at=moment).where(model.id == record_id).execute()


def test_without_a_branch_there_are_no_drafts(store: Store) -> None:
    assert unfinished_drafts() == []


def test_drafts_of_every_kind_are_listed_newest_change_first(branch: Store) -> None:
    meeting = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=dt.date(2026, 11, 3))
    meeting_id = MEETING.save_draft(meeting)
    day_id = THEME_DAY.save_draft(theme_days.new_theme_day_form(on=dt.date(2026, 11, 15)))
    talk = heart_talks.new_heart_talk_form(on=dt.date(2025, 12, 20))
    talk.talkee_id = next(m for m, _ in meetings.member_choices() if m != talk.talker_id)
    talk_id = HEART_TALK.save_draft(talk)
    on = dt.date(2026, 11, 20)
    review_id = IDEOLOGY_REVIEW.save_draft(ideology_reviews.new_ideology_review_form(on=on))
    org_life_id = ORG_LIFE_MEETING.save_draft(org_life_meetings.new_org_life_meeting_form(on=on))
    appraisal_id = MEMBER_APPRAISAL.save_draft(member_appraisals.new_member_appraisal_form(on=on))
    dues_id = DUES_COLLECTION.save_draft(dues.new_dues_collection_form(on=on))
    training_id = TRAINING.save_draft(trainings.new_training_form(on=on))
    report_id = ORGANISATION_REPORT.save_draft(
        organisation_reports.new_organisation_report_form(on=on)
    )
    member = meetings.member_choices(on)[0][0]
    student_pairings.add_pairing(
        student_pairings.PairingEntry(member, "学生甲", StudentNeed.LEARNING, dt.date(2026, 9, 1))
    )
    help_id = PAIRING_HELP.save_draft(student_pairings.new_pairing_help_form(on=on))
    _changed(Meeting, meeting_id, dt.datetime(2026, 11, 25, 9, 30))
    _changed(HeartTalk, talk_id, dt.datetime(2026, 11, 1, 8, 0))
    _changed(ThemeDay, day_id, dt.datetime(2026, 11, 26, 10, 0))
    _changed(IdeologyReview, review_id, dt.datetime(2026, 11, 24, 8, 0))
    _changed(OrgLifeMeeting, org_life_id, dt.datetime(2026, 11, 23, 8, 0))
    _changed(MemberAppraisal, appraisal_id, dt.datetime(2026, 11, 22, 8, 0))
    _changed(DuesCollection, dues_id, dt.datetime(2026, 11, 21, 8, 0))
    _changed(Training, training_id, dt.datetime(2026, 11, 20, 8, 0))
    _changed(OrganisationReport, report_id, dt.datetime(2026, 11, 19, 8, 0))
    _changed(PairingHelp, help_id, dt.datetime(2026, 11, 18, 8, 0))

    drafts = unfinished_drafts()

    assert {d.record_type for d in drafts} == {k.record_type for k in KINDS}
    assert [(d.record_type, d.id) for d in drafts] == [
        ("theme_day", day_id),
        ("meeting", meeting_id),
        ("ideology_review", review_id),
        ("org_life_meeting", org_life_id),
        ("member_appraisal", appraisal_id),
        ("dues_collection", dues_id),
        ("training", training_id),
        ("organisation_report", report_id),
        ("pairing_help", help_id),
        ("heart_talk", talk_id),  # a draft of last year is listed too
    ]
    assert [d.kind_name for d in drafts[2:5]] == ["意识形态研判", "组织生活会", "民主评议党员"]
    assert (drafts[5].kind_name, drafts[5].title) == ("党费收缴", "2026年11月20日党费收缴")
    day, first, talk_draft = drafts[0], drafts[1], drafts[-1]
    assert (first.kind_name, first.area) == ("三会一课", "meetings")
    assert first.title == "2026年11月3日支委会"
    assert first.changed_at == dt.datetime(2026, 11, 25, 9, 30)
    assert first.held_on == dt.date(2026, 11, 3)
    assert first.state is RecordState.DRAFT
    assert (day.kind_name, day.area, day.title) == ("主题党日", "theme_days", "2026年11月主题党日")
    assert talk_draft.kind_name == "谈心谈话" and talk_draft.held_on == dt.date(2025, 12, 20)
    assert talk_draft.title == "2025年12月20日支委与党员谈心谈话", "named without the people"


def test_finished_records_and_deleted_drafts_are_not_listed(branch: Store) -> None:
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 11, 5))
    form.place, form.recorder_id = "会议室", form.chair_id
    form.agenda = [AgendaEntry("学习党章")]
    record_id = MEETING.save_draft(form)
    assert [d.id for d in unfinished_drafts()] == [record_id]
    MEETING.finish(form, record_id=record_id, today=TODAY)
    assert unfinished_drafts() == []
    other = THEME_DAY.save_draft(theme_days.new_theme_day_form(on=dt.date(2026, 11, 15)))
    THEME_DAY.delete_draft(other)
    assert unfinished_drafts() == []


def test_a_confidential_talk_is_listed_without_names(branch: Store) -> None:
    talk = heart_talks.new_heart_talk_form(on=dt.date(2026, 11, 20), kind=HeartTalkKind.REMINDER)
    talked_with = next((m, n) for m, n in meetings.member_choices() if m != talk.talker_id)
    talk.talkee_id = talked_with[0]
    HEART_TALK.save_draft(talk)
    (draft,) = unfinished_drafts()
    assert draft.title == "2026年11月20日提醒谈话"
    assert talked_with[1] not in draft.title
