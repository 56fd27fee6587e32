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
from jianshi_desktop.services.reminders import reminders
from jianshi_desktop.services.store import Store


def titles(today: dt.date) -> list[str]:
    return [r.title for r in reminders(today=today)]


@pytest.fixture
def small(store: Store) -> Store:
    create_branch(
        BranchDraft(name="某小学支部", founded_on=dt.date(2015, 1, 1), theme_day_of_month=10)
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
    organization.create_term(elected_on=dt.date(2024, 5, 31))  # ends 2027-05-30
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
    meetings.finish_meeting(form, today=dt.date(2026, 10, 21))
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
    theme_days.finish_theme_day(form, today=dt.date(2026, 11, 11))
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
