"""发展党员 reminders: 谈话 within a month, the half-yearly 考察, 上级党委备案/预审/审批
waiting (审批 within three months), the end of the 预备期 — each on its day, each opening
the person's file, and one reminder per fact."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.db.models import Branch
from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.services import demo, history, recruitment
from jianshi_desktop.services.recruitment import RecruitmentFields, StepForm
from jianshi_desktop.services.reminders import (
    ASSESSMENT_NOTICE_DAYS,
    PROBATION_NOTICE_DAYS,
    Action,
    Reminder,
    recruitment_reminders,
    reminders,
)
from jianshi_desktop.services.store import Store

NOW = dt.date.today()
DEMO_DAY = NOW - dt.timedelta(days=60)
RECORDS_FROM = NOW - dt.timedelta(days=30)  # earlier decisions are typed by hand
ONE = dt.timedelta(days=1)


def ago(days: int) -> dt.date:
    return NOW - dt.timedelta(days=days)


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=DEMO_DAY, with_records=False)
    Branch.update(records_from=RECORDS_FROM).execute()
    return store


def new_file(name: str, applied_on: dt.date, serial: int = 12) -> int:
    first17 = f"42282219950408{serial:03d}"
    fields = RecruitmentFields(name=name, id_number=first17 + check_char(first17))
    return recruitment.new_recruitment(fields, applied_on=applied_on, today=NOW)


def step(file_id: int, no: int, on: dt.date, **more: object) -> None:
    recruitment.record_step(file_id, StepForm(no=no, done_on=on, **more), today=NOW)  # type: ignore[arg-type]


def full(on: dt.date) -> list[int]:
    return [m.id for m in history.roster_on(on) if m.status is MemberStatus.FULL]


def of(kind: str, today: dt.date) -> list[Reminder]:
    return [r for r in recruitment_reminders(today) if r.kind == kind]


def opens(reminder: Reminder, file_id: int) -> bool:
    return reminder.action == Action(
        "recruitment", "open_file", {"recruitment_id": file_id}, reminder.action.label
    )


def activist(applied: dt.date, activist_on: dt.date, serial: int = 12) -> int:
    file_id = new_file("李春梅", applied, serial)
    step(file_id, 2, applied + dt.timedelta(days=10), people=full(applied)[:1])
    step(file_id, 3, activist_on)  # before the records kept here: typed by hand
    return file_id


def test_a_talk_is_due_within_a_month_of_the_application(branch: Store) -> None:
    applied = ago(100)
    file_id = new_file("王小芳", applied)
    due = add_months(applied, 1)
    (first,) = of("recruitment:2", applied)
    assert first.due == due and not first.overdue and opens(first, file_id)
    assert "王小芳" in first.title and "谈话" in first.title
    assert not of("recruitment:2", due)[0].overdue
    late = of("recruitment:2", due + ONE)[0]
    assert late.overdue and "尚未谈话" in late.title
    step(file_id, 2, due + ONE, people=full(applied)[:1])
    assert of("recruitment:2", due + ONE) == []


def test_the_half_yearly_assessment_from_two_weeks_before(branch: Store) -> None:
    file_id = activist(ago(400), ago(360))
    due = add_months(ago(360), 6)
    assert of("recruitment:6", due - dt.timedelta(days=ASSESSMENT_NOTICE_DAYS + 1)) == []
    (soon,) = of("recruitment:6", due - dt.timedelta(days=ASSESSMENT_NOTICE_DAYS))
    assert soon.due == due and not soon.overdue and opens(soon, file_id)
    assert "半年考察" in soon.title
    assert not of("recruitment:6", due)[0].overdue
    assert of("recruitment:6", due + ONE)[0].overdue
    step(file_id, 6, due - dt.timedelta(days=3))
    (next_one,) = of("recruitment:6", NOW)
    assert next_one.due == add_months(due - dt.timedelta(days=3), 6)


def test_the_assessment_stops_once_a_candidate(branch: Store) -> None:
    file_id = activist(ago(900), ago(850))
    step(file_id, 6, ago(700))
    step(file_id, 7, ago(450))
    assert of("recruitment:6", NOW) == []
    (filed,) = of("recruitment:8", NOW)  # 发展对象备案 waiting, since the day it could be
    assert filed.due == ago(450) and not filed.overdue and opens(filed, file_id)


def test_the_parent_committees_steps_wait_and_approval_has_three_months(
    branch: Store,
) -> None:
    file_id = activist(ago(950), ago(900))
    (backing,) = of("recruitment:4", ago(900))
    assert backing.due == ago(900) and not backing.overdue and "上级党委备案" in backing.title
    step(file_id, 4, ago(895))
    step(file_id, 5, ago(890), people=full(ago(890))[:1])
    step(file_id, 6, ago(750))
    step(file_id, 7, ago(500))
    step(file_id, 8, ago(495))
    step(file_id, 9, ago(490), people=full(ago(490))[:2])
    step(file_id, 10, ago(480))
    step(file_id, 11, ago(470), training_days=3)
    step(file_id, 12, ago(460))
    assert [r.due for r in of("recruitment:13", ago(455))] == [ago(460)]
    step(file_id, 13, ago(455))
    step(file_id, 14, ago(450))
    step(file_id, 15, ago(420))
    deadline = add_months(ago(420), 3)
    # the 上级党委 talks with the person before approving: the approval's deadline runs
    (talk,) = of("recruitment:16", deadline)
    assert talk.due == deadline and not talk.overdue and "谈话和审批" in talk.title
    assert of("recruitment:16", deadline + ONE)[0].overdue
    step(file_id, 16, ago(400))
    (approval,) = of("recruitment:17", deadline)
    assert approval.due == deadline and not approval.overdue and opens(approval, file_id)
    late = of("recruitment:17", deadline + ONE)[0]
    assert late.overdue and "已超过三个月期限" in late.title
    step(file_id, 17, deadline + ONE)  # late, with a warning: kept
    assert of("recruitment:17", NOW) == []
    assert [r.due for r in of("recruitment:18", NOW)] == [deadline + ONE]
    # 接收 typed by hand made the person a 预备党员: the end of the 预备期 is the
    # member's one reminder, not the file's as well
    end = probation_end(ago(420))
    notice = end - dt.timedelta(days=PROBATION_NOTICE_DAYS)
    on_notice = reminders(today=notice)
    assert [r.kind for r in on_notice if r.due == end] == ["probation_ending"]
    step(file_id, 22, end - dt.timedelta(days=10))
    step(file_id, 23, end + ONE)  # before the records kept here: the member is full
    deadline = add_months(end + ONE, 3)
    assert not of("recruitment:24", deadline)[0].overdue
    assert of("recruitment:24", deadline + ONE)[0].overdue
    member = history.facts_of(recruitment.load_file(file_id, today=NOW).row.member_id or 0)
    assert member is not None and member.status_on(end + ONE) is MemberStatus.FULL
    assert member.status_on(end) is MemberStatus.PROBATIONARY
    assert not [
        r
        for r in reminders(today=deadline)
        if r.kind.startswith("probation") and member.name in r.title
    ]


def test_a_stopped_file_reminds_of_nothing(branch: Store) -> None:
    file_id = new_file("王小芳", ago(100))
    assert of("recruitment:2", ago(90))
    recruitment.stop_recruitment(file_id, on=ago(90), reason="本人撤回申请", today=NOW)
    assert recruitment_reminders(ago(90)) == []


def test_the_demo_reminds_once_per_fact(store: Store) -> None:
    """The demo's reminders on its day — and the 预备期 of a member who came through a
    file is reminded once, by the member's reminder, not again by the file."""
    today = dt.date(2026, 11, 26)
    demo.fill_demo(today=today)
    found = reminders(today=today)
    kinds = {r.kind for r in found}
    assert {"recruitment:2", "recruitment:6", "recruitment:8"} <= kinds
    rows = {r.name: r for r in recruitment.list_recruitments(include_closed=True, today=today)}
    extended = next(
        r for r in rows.values() if recruitment.load_file(r.id, today=today).facts.extended_to
    )
    end = recruitment.load_file(extended.id, today=today).facts.probation_end
    assert end is not None
    later = reminders(today=end - dt.timedelta(days=10))
    about = [r for r in later if extended.name in r.title and "预备期" in r.title]
    assert [r.kind for r in about] == ["probation_ending"]
    stopped = next(r for r in rows.values() if r.stopped_on is not None)
    assert not [r for r in found if stopped.name in r.title]
