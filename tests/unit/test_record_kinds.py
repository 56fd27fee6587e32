"""Every registered kind of record goes through the one lifecycle alike: draft, finish
(补录 judged then), archive, amend with a reason, delete only a draft, copy the last one,
print, name its file, count toward its obligations.

A kind added to ``services.record_kinds.KINDS`` without a filled-in form here fails
``test_every_kind_is_tried`` — the lifecycle is then tried on it too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.enums import HeartTalkKind, MeetingKind, RecordState
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import (
    compliance,
    demo,
    documents,
    heart_talks,
    meetings,
    records,
    theme_days,
)
from jianshi_desktop.services.lifecycle import RecordKind
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import KINDS, THEME_DAY, kind_of
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)
HELD_ON = dt.date(2026, 11, 20)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def _meeting(on: dt.date) -> Any:
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=on)
    form.place, form.recorder_id = "学校会议室", form.chair_id
    form.agenda = [AgendaEntry("研究本月党建工作")]
    return form


def _theme_day(on: dt.date) -> Any:
    form = theme_days.new_theme_day_form(on=on)
    form.theme, form.place = "学习党的二十届四中全会精神", "党员活动室"
    form.required_items = ["重温入党誓词"]
    return form


def _talk(on: dt.date) -> Any:
    form = heart_talks.new_heart_talk_form(on=on, kind=HeartTalkKind.COMMITTEE_MEMBER)
    form.talkee_id = meetings.member_choices(on)[5][0]
    form.topic, form.talker_said = "思想和工作情况", "交流了近期的工作。"
    return form


def _appraisal(on: dt.date) -> Any:
    from jianshi_desktop.domain.enums import Rating
    from jianshi_desktop.services import member_appraisals

    form = member_appraisals.new_member_appraisal_form(on=on)
    form.place, form.voters = "党员活动室", len(form.ratings)
    for entry in form.ratings:
        entry.self_assessment, entry.qualified, entry.rating = "见附件", 1, Rating.QUALIFIED
    return form


def _org_life(on: dt.date) -> Any:
    from jianshi_desktop.services import org_life_meetings as olm

    form = olm.new_org_life_meeting_form(on=on)
    form.theme, form.place = "学习贯彻党的二十届四中全会精神", "党员活动室"
    people = olm.reviewers(on, form.attendance)
    form.self_reviews = [olm.SelfReviewEntry(i, "对照党章党规查找了差距。") for i, _n in people]
    form.criticisms = [olm.CriticismEntry(people[0][0], None, "学习不够深入。")]
    form.rectification = [olm.RectificationEntry("学习不深入", "每月集中学习", people[0][0], on)]
    return form


def _ideology_review(on: dt.date) -> Any:
    from jianshi_desktop.services import ideology_reviews

    form = ideology_reviews.new_ideology_review_form(on=on)
    form.place, form.reported_on = "党员活动室", on
    return form


def _dues_collection(on: dt.date) -> Any:
    from jianshi_desktop.services import dues

    form = dues.new_dues_collection_form(on=on)
    for payment in form.payments:  # a member without a 党费基数: the amount typed
        payment.paid_fen = payment.paid_fen or 1_000
    return form


def _training(on: dt.date) -> Any:
    from jianshi_desktop.services import trainings

    form = trainings.new_training_form(on=on)
    form.title, form.organiser, form.class_hours = "党员集中轮训", "县教育局党委", "8"
    form.attendance = trainings.attendees(on, [m for m, _n in trainings.attendee_choices(on)])
    return form


def _organisation_report(on: dt.date) -> Any:
    from jianshi_desktop.services import organisation_reports

    return organisation_reports.new_organisation_report_form(on=on)  # built, nothing typed


def _pairing_help(on: dt.date) -> Any:
    from jianshi_desktop.domain.enums import StudentNeed
    from jianshi_desktop.services import student_pairings as sp

    if not sp.pairing_choices(on):  # a member paired since the term began
        member = meetings.member_choices(dt.date(2026, 9, 1))[0][0]
        sp.add_pairing(sp.PairingEntry(member, "学生甲", StudentNeed.LEARNING, dt.date(2026, 9, 1)))
    form = sp.new_pairing_help_form(on=on)
    form.content = "课后辅导数学，讲解了三道错题。"
    return form


# A finished-ready form of each kind, for the day given.
FORMS: dict[str, Callable[[dt.date], Any]] = {
    "meeting": _meeting,
    "theme_day": _theme_day,
    "heart_talk": _talk,
    "ideology_review": _ideology_review,
    "org_life_meeting": _org_life,
    "member_appraisal": _appraisal,
    "dues_collection": _dues_collection,
    "organisation_report": _organisation_report,
    "training": _training,
    "pairing_help": _pairing_help,
}


def test_every_kind_is_tried() -> None:
    assert {kind.record_type for kind in KINDS} == set(FORMS)


def test_every_obligation_names_a_registered_kind() -> None:
    for obligation in compliance.shipped_obligations():
        assert kind_of(obligation.record).record_type == obligation.record


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(LookupError):
        kind_of("dues")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.record_type)
def test_the_lifecycle_serves_every_kind(branch: Store, kind: RecordKind[Any]) -> None:
    form = FORMS[kind.record_type](HELD_ON)
    draft_id = kind.save_draft(form)
    assert kind.state(draft_id) == (RecordState.DRAFT, False)
    audit = models.AuditLog.select().order_by(models.AuditLog.id.desc()).first()
    assert audit.action == f"save_{kind.record_type}_draft" and audit.entity_id == draft_id

    # finished a week after the day: within the late-entry limit, so not 补录
    record_id = kind.finish(form, record_id=draft_id, today=TODAY)
    assert record_id == draft_id
    assert kind.state(record_id) == (RecordState.FINISHED, False)
    with pytest.raises(ValidationError, match="只有草稿可以删除"):
        kind.delete_draft(record_id)
    with pytest.raises(ValidationError, match="不能再存为草稿"):
        kind.save_draft(form, record_id=record_id)

    # it counts, prints and has a file name
    assert any(f.id == record_id for f in kind.facts() if f.record == kind.record_type)
    assert kind.document(record_id).title.endswith(kind.document_name)
    (listed,) = [
        r
        for r in documents.records_in(parse_period("2026-11"))
        if (r.record_type, r.id) == (kind.record_type, record_id)
    ]
    assert listed.stem == documents.record_file_stem(kind.record_type, record_id)
    assert listed.stem.startswith("2026年11月")

    with pytest.raises(ValidationError, match="只有已归档的记录"):
        kind.amend(record_id, form, reason="核对有误")
    kind.archive(record_id)
    assert kind.state(record_id)[0] is RecordState.ARCHIVED
    with pytest.raises(ValidationError, match="已归档"):
        kind.finish(form, record_id=record_id, today=TODAY)
    with pytest.raises(ValidationError, match="更正原因"):
        kind.amend(record_id, form, reason="  ")
    kind.amend(record_id, form, reason="按签到表更正")
    (amendment,) = kind.amendments(record_id)
    assert amendment.reason == "按签到表更正"
    assert record_id in records.amended_ids(kind.record_type)
    assert kind.state(record_id)[0] is RecordState.ARCHIVED

    copy = kind.copy_last(record_id, on=TODAY)
    assert copy.held_on == TODAY and type(copy) is type(form)


def test_a_copy_without_a_day_takes_the_kind_s_day_for_a_new_record(branch: Store) -> None:
    today = dt.date.today()
    for kind in KINDS:
        record_id = kind.finish(FORMS[kind.record_type](HELD_ON), today=TODAY)
        usual = theme_days.fixed_day(today.year, today.month) if kind is THEME_DAY else today
        assert kind.copy_last(record_id).held_on == usual, kind.record_type


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.record_type)
def test_late_entry_is_judged_when_finished(branch: Store, kind: RecordKind[Any]) -> None:
    form = FORMS[kind.record_type](dt.date(2026, 9, 10))
    record_id = kind.finish(form, today=TODAY)
    assert kind.state(record_id) == (RecordState.FINISHED, True)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.record_type)
def test_a_draft_is_deleted_with_nothing_left(branch: Store, kind: RecordKind[Any]) -> None:
    draft_id = kind.save_draft(FORMS[kind.record_type](HELD_ON))
    kind.delete_draft(draft_id)
    assert kind.model.get_or_none(kind.model.id == draft_id) is None
    assert models.Attendance.select().count() == 0
    audit = models.AuditLog.select().order_by(models.AuditLog.id.desc()).first()
    assert audit.action == f"delete_{kind.record_type}_draft"


def test_a_confidential_talk_names_nobody_in_the_audit_trail(branch: Store) -> None:
    kind = kind_of("heart_talk")
    form = heart_talks.new_heart_talk_form(on=HELD_ON, kind=HeartTalkKind.REMINDER)
    form.talkee_id = meetings.member_choices(HELD_ON)[5][0]
    form.topic, form.talker_said = "上课迟到问题", "提醒注意。"
    record_id = kind.finish(form, today=TODAY)
    kind.archive(record_id)
    kind.amend(record_id, form, reason="谈话地点记错")
    talkee = dict(meetings.member_choices(HELD_ON))[form.talkee_id]
    for audit in models.AuditLog.select().where(models.AuditLog.entity == "heart_talk"):
        assert "提醒谈话" in audit.summary and talkee not in audit.summary
        assert "谈话地点记错" not in audit.summary


def test_a_new_record_action_opens_the_kind_s_area_with_what_the_obligation_says() -> None:
    from jianshi_desktop.domain.compliance import Per, Period
    from jianshi_desktop.services.reminders import late_entry_action

    obligations = {o.key: o for o in compliance.shipped_obligations()}
    year = Period(Per.YEAR, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    talk = late_entry_action(obligations["heart_talk"], year, TODAY, subject_id=7)
    assert (talk.area, talk.command) == ("heart_talks", "new_heart_talk")
    assert talk.params == {"date": "2025-12-31", "member_id": 7}
    group = late_entry_action(obligations["group"], year, TODAY, subject_id=3)
    assert (group.area, group.command) == ("meetings", "new_meeting")
    assert group.params == {"date": "2025-12-31", "kind": "group", "party_group_id": 3}


def test_every_kind_has_its_list_in_the_package_schema_verify_checks() -> None:
    from jianshi_desktop.submission.verify import RECORDS_SCHEMA

    lists = {key for key in RECORDS_SCHEMA.fields if key not in ("branch", "period")}
    others = {  # lists of no kind
        "members",
        "schema_version",
        "dues_arrears_decisions",
        "recruitments",
        "student_pairings",
        "awards",
        "leaders",
    }
    assert {kind.package_key for kind in KINDS} | others == lists
