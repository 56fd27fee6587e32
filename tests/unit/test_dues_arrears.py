"""欠缴党费: who is behind and by how many months, judged by the members of each month and the
finished collections only; the warnings at three and six months on 首页; the branch's
decision at six months with each refusal; a payment ending the run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest

from jianshi_desktop.db.models import (
    AuditLog,
    DuesBase,
    DuesCollection,
    DuesPayment,
    Meeting,
    Transfer,
)
from jianshi_desktop.domain.dues import DECIDE_MONTHS, WARN_MONTHS, months_between
from jianshi_desktop.domain.enums import (
    ArrearsDecision,
    DuesCategory,
    MeetingKind,
    MemberEventKind,
    MemberStatus,
    RecordState,
)
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import dues_arrears as svc
from jianshi_desktop.services import members, reminders
from jianshi_desktop.services.branch import create_branch, current_branch
from jianshi_desktop.services.store import Store
from tests.support import branch_draft

TODAY = dt.date(2026, 12, 7)
JAN = dt.date(2026, 1, 1)
DUE_FEN = 8100  # 5400元 at 1.5 %


def month(number: int) -> dt.date:
    return dt.date(2026, number, 1)


def add(name: str, joined: dt.date = dt.date(2010, 7, 1), **kw: object) -> int:
    fields = MemberFields(name=name, joined_on=joined, **kw)  # type: ignore[arg-type]
    member_id = members.add_member(fields, today=TODAY)
    DuesBase.create(member=member_id, year=2026, category=DuesCategory.EMPLOYED, base_fen=540_000)
    return member_id


def collect(
    for_month: dt.date,
    paid: Iterable[tuple[int, dt.date]],
    *,
    state: RecordState = RecordState.FINISHED,
    held_on: dt.date | None = None,
) -> int:
    """A 党费收缴 of ``for_month`` paying each (member, month) of ``paid``."""
    day = held_on or for_month.replace(day=10)
    row = DuesCollection.create(branch=current_branch(), held_on=day, month=for_month, state=state)
    for position, (member_id, paid_month) in enumerate(paid):
        DuesPayment.create(
            collection=row,
            member=member_id,
            for_month=paid_month,
            due_fen=DUE_FEN,
            paid_fen=DUE_FEN,
            paid_on=day,
            method="现金",
            position=position,
        )
    return int(row.id)


def pay_each_month(last: dt.date, *payers: int) -> None:
    """One collection a month from January to ``last``: each of ``payers`` pays it."""
    for each in months_between(JAN, last):
        collect(each, [(member_id, each) for member_id in payers])


def assembly(on: dt.date, state: RecordState = RecordState.FINISHED) -> int:
    row = Meeting.create(
        branch=current_branch(), held_on=on, state=state, kind=MeetingKind.GENERAL_ASSEMBLY
    )
    return int(row.id)


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(branch_draft())
    return store


def behind(today: dt.date = TODAY) -> dict[str, svc.MemberArrears]:
    return {row.name: row for row in svc.arrears_list(today)}


def titles(today: dt.date = TODAY) -> list[str]:
    return [r.title for r in svc.arrears_reminders(today)]


# --- who is behind -------------------------------------------------------------------------


def test_a_member_paying_every_month_is_never_behind(branch: Store) -> None:
    wang = add("王芳")
    pay_each_month(month(11), wang)
    assert behind() == {}
    assert svc.paid_through(wang) == month(11)
    assert svc.member_line(wang, TODAY) == "党费：交至2026年11月"
    assert titles() == []


def test_nothing_is_behind_before_the_branch_keeps_its_dues_here(branch: Store) -> None:
    feng = add("冯永")
    assert behind() == {} and svc.member_line(feng, TODAY) == ""


def test_three_months_unpaid_warn_in_december_not_yet_in_november(branch: Store) -> None:
    wang, feng = add("王芳"), add("冯永")
    pay_each_month(month(8), wang, feng)
    pay_each_month_from(month(9), month(11), wang)
    # in November only September and October are over: two months, no warning
    november = behind(dt.date(2026, 11, 20))["冯永"]
    assert november.months == 2 and november.level == 0
    assert titles(dt.date(2026, 11, 20)) == []
    row = behind()["冯永"]
    assert row.streak == (month(9), month(10), month(11)) and row.level == WARN_MONTHS
    assert row.owed_fen == 3 * DUE_FEN
    assert row.paid_through == month(8)
    [reminder] = svc.arrears_reminders(TODAY)
    assert reminder.title == "冯永已3个月未交党费（2026年9月—11月）"
    assert "应补交243.00元" in reminder.detail and not reminder.overdue
    assert (reminder.action.command, reminder.action.params) == (
        "show_arrears",
        {"member_id": feng},
    )
    assert svc.member_line(feng, TODAY) == "党费：已3个月未交（2026年9月—11月）"
    assert "王芳" not in behind()


def pay_each_month_from(first: dt.date, last: dt.date, *payers: int) -> None:
    for each in months_between(first, last):
        collect(each, [(member_id, each) for member_id in payers])


def test_six_months_ask_the_branch_for_a_decision_on_home(branch: Store) -> None:
    wang, zhao = add("王芳"), add("赵兵")
    pay_each_month(month(5), wang, zhao)
    pay_each_month_from(month(6), month(11), wang)
    row = behind()["赵兵"]
    assert row.months == 6 and row.level == DECIDE_MONTHS and row.needs_decision
    everything = reminders.reminders(today=TODAY)
    [reminder] = [r for r in everything if r.kind == "dues_arrears"]
    assert reminder.title == "赵兵已连续6个月未交党费，请支部作出处理决定"
    assert reminder.overdue
    assert (reminder.action.command, reminder.action.params) == (
        "decide_arrears",
        {"member_id": zhao},
    )


def test_a_member_who_joined_in_october_owes_nothing_before(branch: Store) -> None:
    wang = add("王芳")
    li = add("李明", joined=dt.date(2026, 10, 15), status=MemberStatus.PROBATIONARY)
    pay_each_month(month(9), wang)
    pay_each_month_from(month(10), month(11), wang, li)
    assert behind() == {}
    assert svc.member_line(li, TODAY) == "党费：交至2026年11月"


def test_a_member_transferred_in_owes_from_the_month_after_paid_elsewhere(branch: Store) -> None:
    wang = add("王芳")
    fields = MemberFields(name="张强", joined_on=dt.date(2005, 6, 1))
    zhang = members.record_transfer_in(
        fields,
        on=dt.date(2026, 8, 20),
        letter_no="建组字12号",
        counterpart="花坪镇中心小学支部",
        today=TODAY,
    )
    Transfer.update(dues_paid_through=month(10)).where(Transfer.member == zhang).execute()
    DuesBase.create(member=zhang, year=2026, category=DuesCategory.EMPLOYED, base_fen=540_000)
    pay_each_month(month(11), wang)
    row = behind()["张强"]
    assert row.unpaid == (month(11),) and row.paid_through == month(10)
    assert svc.paid_through(zhang) == month(10)


def test_a_draft_collection_pays_nothing(branch: Store) -> None:
    wang, feng = add("王芳"), add("冯永")
    pay_each_month(month(8), wang, feng)
    pay_each_month_from(month(9), month(11), wang)
    collect(
        month(12),
        [(feng, month(9)), (feng, month(10)), (feng, month(11))],
        state=RecordState.DRAFT,
        held_on=dt.date(2026, 12, 5),
    )
    assert behind()["冯永"].months == 3


def test_a_payment_of_the_last_month_ends_the_run_and_a_new_one_starts_fresh(
    branch: Store,
) -> None:
    wang, zhao = add("王芳"), add("赵兵")
    pay_each_month(month(5), wang, zhao)
    pay_each_month_from(month(6), month(11), wang)
    svc.record_decision(
        zhao,
        since_month=month(6),
        months=6,
        decided_on=TODAY,
        decision=ArrearsDecision.GOOD_REASON,
        reason="长期病休住院",
        today=TODAY,
    )
    collect(month(12), [(wang, month(12)), (zhao, month(11))], held_on=dt.date(2026, 12, 10))
    later = dt.date(2027, 4, 8)
    row = behind(later)["赵兵"]
    # June–October are still unpaid, but the run is now December–March: decided on no more
    assert row.streak == tuple(months_between(month(12), dt.date(2027, 3, 1)))
    assert row.decision is None and row.level == WARN_MONTHS
    assert len(row.unpaid) == 9
    assert "赵兵已4个月未交党费（2026年12月—2027年3月）" in titles(later)


# --- the decision ----------------------------------------------------------------------------


@pytest.fixture
def zhao(branch: Store) -> int:
    """赵兵, six months behind on TODAY (June–November)."""
    wang, zhao = add("王芳"), add("赵兵")
    pay_each_month(month(5), wang, zhao)
    pay_each_month_from(month(6), month(11), wang)
    return zhao


def decide(member_id: int, **kw: object) -> int:
    values: dict[str, object] = {
        "since_month": month(6),
        "months": 6,
        "decided_on": TODAY,
        "decision": ArrearsDecision.GOOD_REASON,
        "reason": "长期病休住院",
        "today": TODAY,
    }
    values.update(kw)
    return svc.record_decision(member_id, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"decided_on": dt.date(2026, 12, 8)}, "decided_on", "决定日期晚于今天，请核对。"),
        ({"decided_on": dt.date(2026, 11, 30)}, "decided_on", "没有连续6个月未交党费"),
        ({"reason": "  "}, "reason", "请写明正当理由"),
        ({"decision": ArrearsDecision.PAY_BY}, "pay_by", "请填写限期补交的截止日期。"),
        (
            {"decision": ArrearsDecision.PAY_BY, "pay_by": TODAY},
            "pay_by",
            "补交截止日期应晚于决定日期。",
        ),
        ({"decision": ArrearsDecision.LEAVING}, "meeting_id", "须经支部党员大会讨论决定"),
    ],
)
def test_a_decision_that_breaks_a_rule_is_refused_with_what_to_fix(
    zhao: int, change: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        decide(zhao, **change)
    assert caught.value.field == field and message in caught.value.message
    assert svc.decisions_of(zhao) == []


def test_a_member_not_six_months_behind_needs_no_decision(branch: Store) -> None:
    wang, feng = add("王芳"), add("冯永")
    pay_each_month(month(8), wang, feng)
    pay_each_month_from(month(9), month(11), wang)
    with pytest.raises(ValidationError, match="冯永没有连续6个月未交党费"):
        decide(feng, since_month=month(9), months=3)


def test_leaving_needs_a_finished_assembly_from_the_sixth_month_on(zhao: int) -> None:
    too_early = assembly(dt.date(2026, 10, 20))
    # on 2 November June–October are five months over: November is not over yet
    five_months = assembly(dt.date(2026, 11, 2))
    draft = assembly(dt.date(2026, 12, 2), RecordState.DRAFT)
    for meeting_id in (too_early, five_months, draft):
        with pytest.raises(ValidationError, match="请选择作出决定的支部党员大会"):
            decide(zhao, decision=ArrearsDecision.LEAVING, reason="", meeting_id=meeting_id)
    deciding = assembly(dt.date(2026, 12, 3))
    assert [i for i, _ in svc.deciding_meeting_choices(month(6), TODAY)] == [deciding]
    decide(zhao, decision=ArrearsDecision.LEAVING, reason="", meeting_id=deciding)
    [row] = svc.decisions_of(zhao)
    assert row.meeting_id == deciding and row.decision is ArrearsDecision.LEAVING
    # until the member has left the roster, 首页 asks for the 除名
    [reminder] = svc.arrears_reminders(TODAY)
    assert reminder.title == "赵兵按自行脱党处理，尚未办理除名"
    assert (reminder.action.area, reminder.action.command) == ("members", "record_leaving")
    assert reminder.action.params == {"member_id": zhao, "kind": "left_party"}
    members.record_leaving(zhao, MemberEventKind.LEFT_PARTY, on=TODAY, today=TODAY)
    assert svc.arrears_reminders(TODAY) == []


def test_a_decision_quiets_the_six_month_reminder(zhao: int) -> None:
    decide(zhao)
    row = behind()["赵兵"]
    assert row.decision is not None and not row.needs_decision
    assert row.state_text == "已决定：有正当理由，暂不作处理"
    assert titles() == [] and titles(dt.date(2027, 2, 3)) == []
    assert svc.member_line(zhao, TODAY) == (
        "党费：已6个月未交（2026年6月—11月）；已决定：有正当理由，暂不作处理"
    )
    audit = AuditLog.select().where(AuditLog.action == "dues_arrears_decision").get()
    assert "赵兵连续6个月未交党费" in audit.summary


def test_pay_by_reminds_again_once_the_date_has_passed_unpaid(zhao: int) -> None:
    decide(
        zhao,
        decision=ArrearsDecision.PAY_BY,
        reason="",
        pay_by=dt.date(2026, 12, 31),
    )
    assert behind()["赵兵"].state_text == "已决定：限期补交（2026年12月31日前）"
    assert titles(dt.date(2026, 12, 31)) == []
    january = dt.date(2027, 1, 4)
    [reminder] = svc.arrears_reminders(january)
    assert reminder.title == "赵兵限期补交党费已到期，仍有7个月未交"
    assert reminder.overdue and reminder.action.command == "decide_arrears"


def test_a_decision_dated_on_a_past_day_is_judged_by_the_payments_of_that_day(
    zhao: int,
) -> None:
    wang = next(r for r in members.list_members() if r.name == "王芳").id
    # decided on 3 December; on the 5th the member paid June and July
    collect(
        month(12),
        [(wang, month(12)), (zhao, month(6)), (zhao, month(7))],
        held_on=dt.date(2026, 12, 5),
    )
    assert behind()["赵兵"].months == 4
    decide(zhao, since_month=month(8), months=4, decided_on=dt.date(2026, 12, 3))
    [row] = svc.decisions_of(zhao)
    assert (row.since_month, row.months) == (month(6), 6)
    assert behind()["赵兵"].decision == row  # the run it decided on, shortened since
