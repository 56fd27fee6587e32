"""Reminders: each kind, with its date and the place to act."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.domain.enums import MeetingKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.services import demo, meetings, members, organization, theme_days
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.meetings import AgendaEntry
from jianshi_desktop.services.record_kinds import MEETING, THEME_DAY
from jianshi_desktop.services.reminders import reminders
from jianshi_desktop.services.store import Store
from tests.committee import create_term


def titles(today: dt.date) -> list[str]:
    return [r.title for r in reminders(today=today)]


@pytest.fixture
def small(store: Store) -> Store:
    create_branch(
        BranchDraft(
            name="某小学支部",
            founded_on=dt.date(2015, 1, 1),
            theme_day_of_month=10,
            records_from=dt.date(2026, 1, 1),  # kept on paper before: 2025 never reminded
        )
    )
    return store


def add_member(n: int, joined: dt.date, status: MemberStatus = MemberStatus.FULL) -> int:
    first17 = f"42282219800101{n:03d}"
    return members.add_member(
        MemberFields(
            name=f"党员{n}",
            id_number=first17 + check_char(first17),
            joined_on=joined,
            full_member_on=None
            if status is MemberStatus.PROBATIONARY
            else joined.replace(year=joined.year + 1),
            status=status,
        ),
        today=dt.date(2026, 11, 26),
    )


def test_overdue_committee_meeting_opens_a_new_meeting_with_the_date(store: Store) -> None:
    demo.fill_demo(today=dt.date(2026, 11, 26), with_records=False)
    found = reminders(today=dt.date(2026, 12, 3))
    committee = [r for r in found if r.kind == "obligation:committee"]
    assert committee and committee[0].title == "2026年11月支委会未召开"
    assert committee[0].overdue
    action = committee[0].action
    assert (action.area, action.command, action.params["kind"]) == (
        "meetings",
        "new_meeting",
        "committee",
    )
    assert found[0].overdue, "the most urgent first"


def test_term_end_six_months_ahead_and_after(small: Store) -> None:
    organization.set_has_committee(True)
    create_term(elected_on=dt.date(2024, 5, 31))  # ends 2027-05-30
    assert not any("任期将于" in t for t in titles(dt.date(2026, 11, 29)))
    assert any("任期将于2027年5月30日届满" in t for t in titles(dt.date(2026, 11, 30)))
    assert any("任期已届满" in t for t in titles(dt.date(2027, 5, 31)))
    assert any("书记职务空缺" in t for t in titles(dt.date(2026, 11, 30)))


def test_probation_ending_within_sixty_days_and_past(small: Store) -> None:
    add_member(1, dt.date(2026, 1, 20), MemberStatus.PROBATIONARY)
    assert not any("预备期" in t for t in titles(dt.date(2026, 11, 20)))  # 61 days ahead
    assert any("预备期将于2027年1月20日届满" in t for t in titles(dt.date(2026, 11, 21)))
    late = [r for r in reminders(today=dt.date(2027, 1, 21)) if r.kind == "probation_past"]
    assert late and late[0].action.command == "make_full_member"


def test_thirty_days_without_any_record(small: Store) -> None:
    member = add_member(1, dt.date(2010, 1, 1))
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=dt.date(2026, 10, 20))
    form.place, form.recorder_id, form.chair_id = "会议室", member, member
    form.agenda = [AgendaEntry("学习")]
    MEETING.finish(form, today=dt.date(2026, 10, 21))
    assert not any("没有记录组织生活" in t for t in titles(dt.date(2026, 11, 19)))
    assert any("已有31天没有记录组织生活" in t for t in titles(dt.date(2026, 11, 20)))


def test_talks_from_october_only(small: Store) -> None:
    add_member(1, dt.date(2010, 1, 1))
    assert not any("谈心谈话" in t for t in titles(dt.date(2026, 9, 30)))
    assert any("1名党员没有谈心谈话记录" in t for t in titles(dt.date(2026, 10, 1)))


def test_the_months_theme_day_passed_without_a_record(small: Store) -> None:
    add_member(1, dt.date(2010, 1, 1))
    assert not any("主题党日（11月10日）" in t for t in titles(dt.date(2026, 11, 10)))
    found = [r for r in reminders(today=dt.date(2026, 11, 11)) if r.kind == "theme_day_missed"]
    assert found and found[0].action.params["date"] == "2026-11-10"
    form = theme_days.new_theme_day_form(on=dt.date(2026, 11, 10))
    form.theme, form.place = "学习", "会议室"
    THEME_DAY.finish(form, today=dt.date(2026, 11, 11))
    assert not any(r.kind == "theme_day_missed" for r in reminders(today=dt.date(2026, 11, 11)))


def test_org_life_and_appraisal_by_the_fourth_quarter(small: Store) -> None:
    add_member(1, dt.date(2010, 1, 1))
    assert not any("组织生活会" in t for t in titles(dt.date(2026, 9, 30)))
    october = titles(dt.date(2026, 10, 1))
    assert "2026年组织生活会尚未开展" in october
    assert "2026年民主评议党员尚未开展" in october


def test_a_quiet_well_kept_branch_has_few_reminders(store: Store) -> None:
    today = dt.date(2026, 11, 26)
    demo.fill_demo(today=today)
    found = titles(today)
    assert not any("支委会" in t for t in found)  # held every month in the demo
    assert not any("没有记录组织生活" in t for t in found)


# --- issue 11: a branch set up late in the year; last year's undone yearly items -------


def set_up_in_december(store: Store) -> int:
    create_branch(
        BranchDraft(
            name="某小学支部",
            founded_on=dt.date(2015, 1, 1),
            theme_day_of_month=10,
            records_from=dt.date(2026, 12, 1),
        )
    )
    return add_member(1, dt.date(2010, 1, 1))


def test_a_branch_set_up_in_december_is_not_reminded_of_january_to_november(
    store: Store,
) -> None:
    # rules.md §7: a period is judged with that period's facts; before 2026-12-01 the
    # branch kept its records on paper, so nothing before then is overdue or reminded.
    set_up_in_december(store)
    found = reminders(today=dt.date(2026, 12, 6))
    assert not any("11月" in r.title for r in found)
    assert not any(r.kind.startswith("last_year:") for r in found)
    # the year that holds the day is owed as usual (rules.md §2: 组织生活会 ≥1 a year), but
    # January–November were kept on paper: the reminder claims only what the app knows
    titles = {r.title: r for r in found}
    assert "2026年组织生活会尚未开展" not in titles
    reminder = titles["本程序中2026年组织生活会还差1次记录"]
    assert "2026年12月1日以前的工作记在纸质台账上，已经做过的可以补录。" in reminder.detail


def test_a_post_registered_today_is_not_vacant(store: Store) -> None:
    # rules.md §1 / county notice (支委空缺 → 补选 "in time"): only a post without a holder
    # is vacant; one whose holder was registered today (since = today) is filled.
    member = set_up_in_december(store)
    today = dt.date(2026, 12, 6)
    create_term(elected_on=dt.date(2024, 9, 1))
    term = organization.current_term(today=today)
    assert term is not None
    assert any(r.kind == "vacant_post" for r in reminders(today=today))
    organization.set_post_holder(term.posts[0].id, member, since=today)
    assert not any(r.kind == "vacant_post" for r in reminders(today=today))
    assert not any("空缺" in w.message for w in organization.organization_warnings(today=today))
    term = organization.current_term(today=today)
    assert term is not None and not term.posts[0].vacant


def org_life_meeting(member: int, on: dt.date, today: dt.date) -> None:
    form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=on)
    form.place, form.recorder_id, form.chair_id = "会议室", member, member
    form.agenda = [AgendaEntry("组织生活会")]
    form.tags = ["组织生活会"]
    MEETING.finish(form, today=today)


def test_last_years_undone_yearly_items_stay_until_late_entry(store: Store) -> None:
    # rules.md §2: 组织生活会, 民主评议党员, 书记讲党课, 谈心谈话 are owed each year; left
    # undone, they stay among the reminders in the new year until recorded (补录).
    member = set_up_in_december(store)
    january = dt.date(2027, 1, 10)
    found = {r.kind: r for r in reminders(today=january)}
    for key in ("org_life", "appraisal", "secretary_lecture", "heart_talk"):
        assert f"last_year:{key}" in found, key
    org_life = found["last_year:org_life"]
    assert org_life.title == "本程序中2026年组织生活会还差1次记录" and org_life.overdue
    assert org_life.action.label == "补录"
    assert org_life.action.params["date"] == "2026-12-31"
    assert org_life.dismissal is not None
    assert found["last_year:heart_talk"].title == "2026年还有1名党员没有谈心谈话记录"

    org_life_meeting(member, dt.date(2026, 12, 20), january)  # 补录
    assert "last_year:org_life" not in {r.kind for r in reminders(today=january)}


def test_dismissing_last_years_item_needs_a_reason_and_is_audited(store: Store) -> None:
    # county notice (cut busywork): what cannot be entered late is dismissed once, with
    # the reason kept (and audited), not reminded for ever.
    from jianshi_desktop.db.models import AuditLog, ReminderDismissal
    from jianshi_desktop.errors import ValidationError
    from jianshi_desktop.services.reminders import dismiss_reminder

    set_up_in_december(store)
    january = dt.date(2027, 1, 10)
    appraisal = next(r for r in reminders(today=january) if r.kind == "last_year:appraisal")
    assert appraisal.dismissal is not None
    with pytest.raises(ValidationError):
        dismiss_reminder(appraisal.dismissal, "  ", today=january)
    dismiss_reminder(appraisal.dismissal, "已在纸质台账中记录", today=january)
    assert "last_year:appraisal" not in {r.kind for r in reminders(today=january)}
    assert "last_year:org_life" in {r.kind for r in reminders(today=january)}
    row = ReminderDismissal.get()
    assert (row.obligation, row.period_start, row.reason, row.dismissed_on) == (
        "appraisal",
        dt.date(2026, 1, 1),
        "已在纸质台账中记录",
        january,
    )
    audit = AuditLog.select().order_by(AuditLog.id.desc()).first()
    assert audit.action == "dismiss_reminder" and "已在纸质台账中记录" in audit.summary


def test_only_last_year_is_carried_over(store: Store) -> None:
    # Bounded: in 2028, 2026's undone items are no longer reminders (only last year's).
    set_up_in_december(store)
    found = reminders(today=dt.date(2028, 1, 10))
    assert any(r.title.startswith("2027年") for r in found if r.kind.startswith("last_year:"))
    assert not any("2026年" in r.title for r in found)


def test_an_extended_probation_moves_the_reminder(small: Store) -> None:
    """党章 art. 7: after 延长预备期 the probation ends on the new date; the reminder follows."""
    member = add_member(1, dt.date(2025, 11, 20), MemberStatus.PROBATIONARY)
    assert any(r.kind == "probation_past" for r in reminders(today=dt.date(2026, 11, 26)))
    members.extend_probation(
        member,
        on=dt.date(2026, 11, 20),
        ends_on=dt.date(2027, 5, 20),
        resolution="支部党员大会决议延长预备期六个月",
        today=dt.date(2026, 11, 26),
    )
    assert not any("预备期" in t for t in titles(dt.date(2026, 11, 26)))
    assert any("预备期将于2027年5月20日届满" in t for t in titles(dt.date(2027, 4, 1)))
    late = [r for r in reminders(today=dt.date(2027, 5, 21)) if r.kind == "probation_past"]
    assert late and late[0].due == dt.date(2027, 5, 20)


def test_last_half_years_organisation_report_is_reminded_through_the_next_half(
    small: Store,
) -> None:
    """组织设置情况 for 上半年 is often made in July: from 1 July its reminder stays (it still
    counts for 上半年), opening a report dated as of 30 June, until a report is made."""
    add_member(1, dt.date(2000, 7, 1))
    for today in (dt.date(2026, 7, 3), dt.date(2026, 12, 20)):
        found = [r for r in reminders(today=today) if "上半年组织设置情况" in r.title]
        assert [r.title for r in found] == ["2026年上半年组织设置情况上报未完成"]
        assert found[0].action.command == "new_organisation_report"
        assert found[0].action.params["date"] == "2026-06-30"
    # in January it is last year's 下半年 that is reminded
    found = [r.title for r in reminders(today=dt.date(2027, 1, 10)) if "组织设置情况" in r.title]
    assert "2026年下半年组织设置情况上报未完成" in found
