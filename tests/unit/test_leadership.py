"""班子成员 (the notice 二(一)3): marked from a day with a 职务, changed, ended; each owes a
党课 a year, judged by who led then (rules.md §7); one who leaves the branch stops leading."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db.models import AuditLog, LeadershipMember
from jianshi_desktop.domain.compliance import Per, period_of
from jianshi_desktop.domain.enums import MeetingKind, MemberEventKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import compliance, history, leadership, meetings, members
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.reminders import (
    dismiss_reminder,
    last_year_reminders,
    obligation_reminders,
)
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2000, 1, 1)))
    return store


def add(n: int, joined: dt.date = dt.date(2010, 1, 1)) -> int:
    first17 = f"42282219800101{n:03d}"
    return members.add_member(
        MemberFields(
            name=f"党员{n:02d}",
            id_number=first17 + check_char(first17),
            joined_on=joined,
            full_member_on=joined + dt.timedelta(days=400),
            status=MemberStatus.FULL,
        ),
        today=TODAY,
    )


def lecture(lecturer: int, on: dt.date) -> int:
    form = meetings.new_meeting_form(MeetingKind.LECTURE, on=on)
    form.lecturer_id = lecturer
    form.chair_id = form.recorder_id = lecturer
    form.title = "学习党的二十届四中全会精神"
    form.place = "党员活动室"
    form.starts_at = "15:00"
    return MEETING.finish(form, today=TODAY)


def leaders_on(day: dt.date) -> list[tuple[int, str]]:
    """The 班子成员 in office on ``day``, from the spans the engine reads."""
    return [
        (member_id, name)
        for member_id, name, start, end in history.leadership_spans()
        if start <= day and (end is None or day < end)
    ]


def test_a_leader_is_marked_changed_and_ended_each_audited(branch: Store) -> None:
    head = add(1)
    span = leadership.add_leader(head, "副校长", on=dt.date(2024, 9, 1), today=TODAY)
    assert leadership.leader_line(head, TODAY) == "班子成员：副校长（2024年9月起）"
    new = leadership.change_title(span, "校长", on=dt.date(2026, 3, 1), today=TODAY)
    rows = leadership.list_leaders()
    assert [(r.title, r.valid_from, r.valid_to) for r in rows] == [
        ("校长", dt.date(2026, 3, 1), None),
        ("副校长", dt.date(2024, 9, 1), dt.date(2026, 3, 1)),
    ]
    assert rows[1].until_text == "2026年2月28日"
    assert leaders_on(dt.date(2025, 1, 1)) == [(head, "党员01")]
    leadership.end_leader(new, on=dt.date(2026, 9, 1), today=TODAY)
    assert leadership.leader_line(head, TODAY) == ""
    assert leaders_on(dt.date(2026, 8, 31)) == [(head, "党员01")]
    assert leaders_on(dt.date(2026, 9, 1)) == []
    actions = [a.action for a in AuditLog.select().order_by(AuditLog.id)]
    assert actions[-3:] == ["add_leader", "change_leader_title", "end_leader"]


def test_the_rules_of_the_day_refuse_in_chinese(branch: Store) -> None:
    late = add(2, joined=dt.date(2025, 6, 1))
    with pytest.raises(ValidationError, match="不在本支部"):
        leadership.add_leader(late, "副校长", on=dt.date(2024, 9, 1), today=TODAY)
    with pytest.raises(ValidationError, match="晚于今天"):
        leadership.add_leader(late, "副校长", on=dt.date(2026, 12, 1), today=TODAY)
    with pytest.raises(ValidationError, match="请填写职务"):
        leadership.add_leader(late, "  ", on=dt.date(2025, 9, 1), today=TODAY)
    with pytest.raises(ValidationError, match="职务最多30个字"):  # as records.json keeps
        leadership.add_leader(late, "党" * 31, on=dt.date(2025, 9, 1), today=TODAY)
    span = leadership.add_leader(late, "副校长", on=dt.date(2025, 9, 1), today=TODAY)
    with pytest.raises(ValidationError, match=r"已是班子成员.*修改职务"):
        leadership.add_leader(late, "校长", on=dt.date(2026, 1, 1), today=TODAY)
    with pytest.raises(ValidationError, match="不能早于"):
        leadership.end_leader(span, on=dt.date(2025, 8, 31), today=TODAY)
    with pytest.raises(ValidationError, match="职务没有变化"):
        leadership.change_title(span, "副校长", on=dt.date(2026, 1, 1), today=TODAY)
    assert LeadershipMember.select().count() == 1


def test_ending_on_the_first_day_removes_a_span_entered_by_mistake(branch: Store) -> None:
    head = add(1)
    span = leadership.add_leader(head, "校长", on=dt.date(2026, 9, 1), today=TODAY)
    leadership.end_leader(span, on=dt.date(2026, 9, 1), today=TODAY)
    assert leadership.list_leaders() == []


def test_a_leader_who_leaves_the_branch_stops_leading_that_day(branch: Store) -> None:
    """rules.md §7: like a 支委, a leader who is 转出 leaves the 班子 on that day."""
    add(1)
    head = add(3)
    leadership.add_leader(head, "校长", on=dt.date(2020, 9, 1), today=TODAY)
    members.record_leaving(
        head,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 7, 1),
        letter_no="001",
        counterpart="某中学支部",
        today=TODAY,
    )
    (row,) = leadership.list_leaders()
    assert row.valid_to == dt.date(2026, 7, 1)
    # the 2026 lecture is then no longer owed by him: he was not a leader on its last day
    engine = compliance.engine(today=TODAY)
    owed = next(o for o in engine.obligations if o.key == "leadership_lecture")
    year = period_of(TODAY, Per.YEAR)
    assert engine.status(owed, year, TODAY) == []
    last_year = period_of(dt.date(2025, 6, 1), Per.YEAR)
    assert [s.subject for s in engine.status(owed, last_year, TODAY)] == ["党员03"]


def test_a_leader_entered_late_for_someone_since_gone_ends_the_day_he_left(
    branch: Store,
) -> None:
    """Review finding 5: marked in December from last March, a vice-head who left in
    October was owed a 党课 for ever; the span ends the day he left, as on leaving."""
    add(1)
    vice = add(6)
    left = dt.date(2026, 10, 9)
    members.record_leaving(
        vice,
        MemberEventKind.TRANSFER_OUT,
        on=left,
        letter_no="建组〔2026〕12号",
        counterpart="某小学支部",
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="2026年10月9日离开本支部"):
        leadership.add_leader(vice, "副校长", on=left, today=TODAY)
    leadership.add_leader(vice, "副校长", on=dt.date(2026, 3, 1), today=TODAY)
    (row,) = leadership.list_leaders()
    assert (row.valid_from, row.valid_to) == (dt.date(2026, 3, 1), left)
    assert row.until_text == "2026年10月8日"
    assert leaders_on(dt.date(2026, 10, 8)) == [(vice, "党员06")]
    assert leaders_on(left) == []
    owed = next(
        o for o in compliance.engine(today=TODAY).obligations if o.key == "leadership_lecture"
    )
    for today in (TODAY, dt.date(2027, 6, 1)):
        engine = compliance.engine(today=today)
        assert engine.status(owed, period_of(today, Per.YEAR), today) == [], today


def test_each_leader_who_did_not_lecture_last_year_is_reminded_by_name(branch: Store) -> None:
    """Review finding 10: two leaders without a 党课 last year, one reminder each, each
    opening a 党课 by that leader; 不再提醒 (kept per obligation and year) says it
    covers both, and silences both."""
    today = dt.date(2026, 3, 2)
    head, deputy = add(1), add(2)
    leadership.add_leader(head, "校长", on=dt.date(2024, 9, 1), today=today)
    leadership.add_leader(deputy, "副校长", on=dt.date(2024, 9, 1), today=today)
    found = [
        r
        for r in last_year_reminders(compliance.engine(today=today), today)
        if r.kind == "last_year:leadership_lecture"
    ]
    assert sorted((r.action.params["lecturer_id"], r.title.split("：")[0]) for r in found) == [
        (head, "党员01"),
        (deputy, "党员02"),
    ]
    assert all(r.action.label == "补录" and r.action.params["kind"] == "lecture" for r in found)
    assert all("“不再提醒”对这2名班子成员一并生效（党员01、党员02）" in r.detail for r in found)
    assert found[0].dismissal is not None
    dismiss_reminder(found[0].dismissal, "已在纸质台账中记录", today=today)
    after = last_year_reminders(compliance.engine(today=today), today)
    assert not any(r.kind == "last_year:leadership_lecture" for r in after)


def test_each_leader_owes_a_lecture_he_gave_himself(branch: Store) -> None:
    head, deputy = add(1), add(2)
    leadership.add_leader(head, "校长", on=dt.date(2020, 9, 1), today=TODAY)
    leadership.add_leader(deputy, "副校长", on=dt.date(2024, 9, 1), today=TODAY)
    lecture(head, dt.date(2026, 5, 10))
    engine = compliance.engine(today=TODAY)
    owed = next(o for o in engine.obligations if o.key == "leadership_lecture")
    statuses = engine.status(owed, period_of(TODAY, Per.YEAR), TODAY)
    assert {s.subject: s.done for s in statuses} == {"党员01": 1, "党员02": 0}
    reminders = [r for r in obligation_reminders(engine, TODAY) if "班子成员" in r.title]
    assert [r.action.params.get("lecturer_id") for r in reminders] == [deputy]
    assert reminders[0].action.params["kind"] == "lecture"


def test_the_package_lists_the_spans_overlapping_the_period(branch: Store) -> None:
    head, deputy = add(1), add(2)
    old = leadership.add_leader(head, "副校长", on=dt.date(2020, 9, 1), today=TODAY)
    leadership.end_leader(old, on=dt.date(2025, 9, 1), today=TODAY)
    leadership.add_leader(deputy, "副校长", on=dt.date(2026, 9, 1), today=TODAY)
    assert leadership.leaders_in(dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == [
        {"member_id": deputy, "title": "副校长", "valid_from": "2026-09-01", "valid_to": None}
    ]
    assert [r["member_id"] for r in leadership.leaders_in(dt.date(2025, 7, 1), TODAY)] == [
        head,
        deputy,
    ]
