"""党费收缴: a month's collection with everyone paid as due by default, judged on its own
month (who owed it), its checks with the messages the secretary reads, writing it back,
the facts it gives the monthly "dues" obligation, and the list and this month's line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianshi_desktop.db import models
from jianshi_desktop.domain.dues import monthly_due
from jianshi_desktop.domain.enums import DuesCategory, MemberEventKind, MemberStatus, RecordState
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.services import demo, dues, dues_ledger, history, members
from jianshi_desktop.services.dues import DuesCollectionForm, PaymentEntry
from jianshi_desktop.services.record_kinds import DUES_COLLECTION
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 12, 7)
OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)
DEC = dt.date(2026, 12, 1)
BASE_FEN = 540_000  # 5400 元 → 1.5 % of the whole base → 81 元
DUE_FEN = 8_100


def set_base(member_id: int, base_fen: int | None = BASE_FEN, *, year: int = 2026) -> None:
    models.DuesBase.insert(
        member=member_id, year=year, category=DuesCategory.EMPLOYED, base_fen=base_fen
    ).on_conflict_replace().execute()


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    for facts in history.member_facts():
        set_base(facts.id)
    return store


def roster_ids(day: dt.date) -> set[int]:
    return {m.id for m in history.roster_on(day)}


def add_probationary(name: str, accepted_on: dt.date) -> int:
    """A 预备党员 accepted by the 支部大会 on ``accepted_on``, with a base."""
    member_id = members.add_member(
        MemberFields(name=name, joined_on=accepted_on, status=MemberStatus.PROBATIONARY),
        today=TODAY,
    )
    set_base(member_id)
    return member_id


def transfer_out(member_id: int, on: dt.date) -> None:
    members.record_leaving(
        member_id,
        MemberEventKind.TRANSFER_OUT,
        on=on,
        letter_no="建教党转〔2026〕5号",
        counterpart="中共恩施市某学校支部",
        today=TODAY,
    )


def collection(on: dt.date, month: dt.date | None = None) -> DuesCollectionForm:
    return dues.new_dues_collection_form(on=on, month=month)


def messages(form: DuesCollectionForm, *, today: dt.date = TODAY) -> list[str]:
    return [p.message for p in dues.check_dues_collection(form, today=today)]


def errors(form: DuesCollectionForm, *, today: dt.date = TODAY) -> list[str]:
    return [p.message for p in dues.check_dues_collection(form, today=today) if p.is_error]


def payment_of(form: DuesCollectionForm, member_id: int) -> PaymentEntry:
    (found,) = [p for p in form.payments if p.member_id == member_id and p.for_month == form.month]
    return found


# --- the defaults -------------------------------------------------------------------------------


def test_a_new_collection_has_everyone_owing_the_month_paid_as_due(branch: Store) -> None:
    on = dt.date(2026, 11, 20)
    form = collection(on)
    assert form.month == NOV and form.held_on == on
    assert {p.member_id for p in form.payments} == roster_ids(on)
    assert {(p.due_fen, p.paid_fen, p.paid_on, p.method) for p in form.payments} == {
        (DUE_FEN, DUE_FEN, on, "现金")
    }
    assert form.collector_id is not None and form.collector_id == history.secretary_on(on)
    assert form.total_fen == DUE_FEN * len(form.payments)
    assert errors(form) == []
    assert dues.dues_collection_label(form) == "2026年11月党费收缴"


def test_who_owes_is_judged_on_the_month_not_on_today(branch: Store) -> None:
    newcomer = add_probationary("田新芽", dt.date(2026, 11, 15))
    leaver = sorted(roster_ids(OCT))[-1]
    transfer_out(leaver, dt.date(2026, 10, 20))
    november_form = collection(dt.date(2026, 11, 20))
    october_form = collection(dt.date(2026, 11, 20), OCT)
    november = {p.member_id for p in november_form.payments}
    october = {p.member_id for p in october_form.payments}
    owed_october = october | {p.member_id for p in dues.not_paid(october_form, "现金")}
    owed_november = november | {p.member_id for p in dues.not_paid(november_form, "现金")}
    # accepted by the 支部大会 mid-November: owes November, not October
    assert newcomer in november and newcomer not in owed_october
    # transferred out in October: owes October (here; gone on 20 November, so not ticked as
    # paid that day), not November
    assert leaver in owed_october and leaver not in october and leaver not in owed_november
    assert leaver in {p.member_id for p in collection(dt.date(2026, 10, 15)).payments}


def test_a_member_without_a_base_is_left_for_the_secretary(branch: Store) -> None:
    member_id = add_probationary("向无基", dt.date(2026, 6, 1))
    models.DuesBase.delete().where(models.DuesBase.member == member_id).execute()
    form = collection(dt.date(2026, 11, 20))
    entry = payment_of(form, member_id)
    assert (entry.due_fen, entry.paid_fen) == (None, 0)
    assert any("向无基未核定党费基数" in m and "党费基数" in m for m in errors(form))
    entry.paid_fen = 2_000  # typed: still warned that the base is missing
    assert errors(form) == []
    assert any("向无基未核定党费基数" in m for m in messages(form))


def test_a_member_paid_for_already_is_not_asked_again(branch: Store) -> None:
    first = collection(dt.date(2026, 11, 5))
    paid_early = first.payments[0].member_id
    first.payments = first.payments[:1]
    DUES_COLLECTION.finish(first, today=TODAY)
    again = collection(dt.date(2026, 11, 20))
    assert paid_early not in {p.member_id for p in again.payments}
    assert len(again.payments) == len(roster_ids(dt.date(2026, 11, 20))) - 1


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(st.integers(min_value=0, max_value=3_000_000), min_size=1, max_size=40))
def test_the_default_total_is_what_every_member_owes(branch: Store, bases: list[int]) -> None:
    ids = sorted(roster_ids(dt.date(2026, 11, 20)))
    chosen = {member_id: bases[i % len(bases)] for i, member_id in enumerate(ids)}
    for member_id, base_fen in chosen.items():
        set_base(member_id, base_fen)
    table = dues_ledger.table_on(NOV)
    expected = sum(monthly_due(table, DuesCategory.EMPLOYED, b) for b in chosen.values())
    assert collection(dt.date(2026, 11, 20)).total_fen == expected


# --- the checks ---------------------------------------------------------------------------------


def test_a_collection_in_the_future_cannot_be_finished(branch: Store) -> None:
    form = collection(dt.date(2026, 12, 20))
    assert "收缴日期晚于今天。收缴之后再完成记录；现在可以先存为草稿。" in errors(form)


def test_a_month_too_far_ahead_is_warned(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    form.month = dt.date(2027, 7, 1)
    found = [p for p in dues.check_dues_collection(form, today=TODAY) if p.field == "month"]
    assert [(p.message, p.severity) for p in found] == [
        ("2027年7月的党费预交超过6个月，一般不应提前这么多", "warning")
    ]


def test_nobody_paying_is_refused(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    form.payments = []
    assert errors(form) == ["没有任何人交纳党费，请至少勾选一人。"]


def test_a_member_paid_twice_in_the_form_is_refused(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    twice = form.payments[0]
    form.payments.append(PaymentEntry(**vars(twice)))
    assert f"{twice.name}2026年11月的党费登记了两次，请删去一行。" in errors(form)


def test_a_month_paid_in_another_finished_collection_names_it(branch: Store) -> None:
    first = collection(dt.date(2026, 11, 5))
    DUES_COLLECTION.finish(first, today=TODAY)
    form = collection(dt.date(2026, 11, 20))
    form.payments = [PaymentEntry(**vars(first.payments[0]))]
    name = first.payments[0].name
    assert errors(form) == [f"{name}2026年11月的党费已在2026年11月5日的收缴记录中登记。"]


def test_a_payment_after_the_member_left_is_refused(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    leaver = form.payments[-1]
    transfer_out(leaver.member_id, dt.date(2026, 10, 20))
    assert (
        f"{leaver.name}已于2026年10月20日离开本支部（转出等），2026年11月20日不能再在这里交纳党费。"
    ) in errors(form)


def test_a_payment_before_the_member_came_is_refused(branch: Store) -> None:
    newcomer = add_probationary("田新芽", dt.date(2026, 11, 15))
    form = collection(dt.date(2026, 11, 10))
    form.payments.append(
        PaymentEntry(newcomer, "田新芽", NOV, DUE_FEN, DUE_FEN, dt.date(2026, 11, 10), "现金")
    )
    assert "田新芽2026年11月15日才到本支部，2026年11月10日还不能在这里交纳党费。" in errors(form)


def test_a_month_the_member_did_not_owe_here_is_refused_unless_paid_ahead(
    branch: Store,
) -> None:
    newcomer = add_probationary("田新芽", dt.date(2026, 11, 15))
    form = collection(dt.date(2026, 11, 20))
    on = form.held_on
    form.payments.append(PaymentEntry(newcomer, "田新芽", OCT, DUE_FEN, DUE_FEN, on, "现金"))
    assert errors(form) == [
        "田新芽2026年10月不在本支部，不应在这里交纳这个月的党费，请删去这一行。"
    ]
    form.payments[-1] = PaymentEntry(newcomer, "田新芽", DEC, DUE_FEN, DUE_FEN, on, "现金")
    assert errors(form) == []  # 预交 while a member


def test_paying_less_or_more_than_due_is_warned(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    less, more = form.payments[0], form.payments[1]
    less.paid_fen, more.paid_fen = 5_000, 10_000
    warnings = [p.message for p in dues.check_dues_collection(form, today=TODAY) if not p.is_error]
    assert f"{less.name}2026年11月少交31.00元（应交81.00元，实交50.00元）。" in warnings
    assert f"{more.name}2026年11月多交19.00元（应交81.00元，实交100.00元），请核对。" in warnings
    assert errors(form) == []


def test_handing_up_is_checked_against_the_collection(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    form.handed_on, form.handed_fen = dt.date(2026, 11, 19), form.total_fen
    assert errors(form) == ["上缴日期早于收缴日期，请核对。"]
    form.handed_on, form.handed_fen = dt.date(2026, 11, 25), form.total_fen - 100
    assert errors(form) == []
    assert any(m.startswith("上缴金额") and "不一致" in m for m in messages(form))
    form.handed_on = None
    assert errors(form) == ["填写了上缴金额，请同时填写上缴日期。"]


# --- writing, reading, the lifecycle -------------------------------------------------------------


def test_a_collection_is_written_and_read_back_with_its_dues_as_recorded(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    form.payments[0].paid_fen, form.payments[0].method, form.payments[0].note = (
        5_000,
        "微信",
        "余下月底交",
    )
    form.handed_on, form.handed_fen = dt.date(2026, 11, 25), form.total_fen
    record_id = DUES_COLLECTION.finish(form, today=TODAY)
    set_base(form.payments[0].member_id, 300_000)  # a later base changes no past line
    loaded = dues.load_dues_collection(record_id)
    assert loaded.payments == form.payments
    assert (loaded.month, loaded.held_on, loaded.collector_id) == (
        NOV,
        form.held_on,
        form.collector_id,
    )
    assert (loaded.handed_on, loaded.handed_fen) == (form.handed_on, form.handed_fen)
    assert loaded.record_id == record_id


def test_finishing_again_and_amending_are_not_paying_twice(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    record_id = DUES_COLLECTION.finish(form, today=TODAY)
    again = dues.load_dues_collection(record_id)
    assert DUES_COLLECTION.finish(again, record_id=record_id, today=TODAY) == record_id
    DUES_COLLECTION.archive(record_id)
    again.payments[0].paid_fen = 8_000
    DUES_COLLECTION.amend(record_id, again, reason="按收据更正", today=TODAY)
    assert dues.load_dues_collection(record_id).payments[0].paid_fen == 8_000
    assert DUES_COLLECTION.state(record_id)[0] is RecordState.ARCHIVED


def test_only_finished_collections_count_for_the_month(branch: Store) -> None:
    draft_id = DUES_COLLECTION.save_draft(collection(dt.date(2026, 10, 20)))
    assert dues.dues_collection_facts() == []
    # November's dues collected on 3 December count for November
    record_id = DUES_COLLECTION.finish(collection(dt.date(2026, 12, 3), NOV), today=TODAY)
    (fact,) = dues.dues_collection_facts()
    assert (fact.id, fact.record, fact.held_on, fact.title) == (
        record_id,
        "dues_collection",
        NOV,
        "2026年11月党费收缴",
    )
    assert draft_id != record_id


def test_copying_takes_the_next_month_and_never_the_old_amounts(branch: Store) -> None:
    old = collection(dt.date(2026, 11, 20))
    old.payments[0].paid_fen, old.payments[0].method = 1_000, "微信"
    collector = sorted(roster_ids(old.held_on))[-1]
    old.collector_id = collector
    record_id = DUES_COLLECTION.finish(old, today=TODAY)
    copy = DUES_COLLECTION.copy_last(record_id, on=TODAY)
    assert (copy.month, copy.held_on, copy.collector_id) == (DEC, TODAY, collector)
    first = payment_of(copy, old.payments[0].member_id)
    assert (first.for_month, first.paid_fen, first.method) == (DEC, DUE_FEN, "微信")
    assert copy.record_id is None


def test_earlier_unpaid_months_are_offered_as_back_payments(branch: Store) -> None:
    october = collection(dt.date(2026, 10, 20))
    behind = october.payments.pop(0)
    DUES_COLLECTION.finish(october, today=TODAY)
    form = collection(dt.date(2026, 11, 20))
    offered = dues.offered_back_payments(form)
    assert [(p.member_id, p.for_month, p.paid_fen, p.note) for p in offered] == [
        (behind.member_id, OCT, DUE_FEN, "补交")
    ]
    form.payments.extend(offered)
    assert errors(form) == [] and dues.offered_back_payments(form) == []


def test_paying_ahead_is_offered_up_to_the_limit(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    member_id = form.payments[0].member_id
    months = [p.for_month for p in dues.offered_ahead_payments(form, member_id)]
    assert months[0] == DEC and months[-1] == dt.date(2027, 5, 1) and len(months) == 6


# --- the list and this month ---------------------------------------------------------------------


def test_the_list_counts_who_paid_the_month(branch: Store) -> None:
    form = collection(dt.date(2026, 11, 20))
    owing = len(form.payments)
    form.payments.pop()
    form.handed_on, form.handed_fen = dt.date(2026, 11, 25), form.total_fen
    record_id = DUES_COLLECTION.finish(form, today=TODAY)
    (row,) = dues.list_dues_collections(year=2026)
    assert (row.id, row.month, row.paid, row.owing) == (record_id, NOV, owing - 1, owing)
    assert (row.total_fen, row.handed_on) == (DUE_FEN * (owing - 1), dt.date(2026, 11, 25))
    assert dues.list_dues_collections(year=2025) == []


def test_this_month_says_what_is_owed_then_who_has_not_paid(branch: Store) -> None:
    owing = len(roster_ids(TODAY))
    status = dues.month_status(TODAY)
    assert status.text == f"2026年12月党费：尚未收缴（{owing}人应交，共{owing * 81}.00元）"
    assert not status.collected
    form = collection(TODAY)
    missing = form.payments.pop()
    DUES_COLLECTION.finish(form, today=TODAY)
    status = dues.month_status(TODAY)
    assert status.text == (
        f"2026年12月党费已收缴：{owing - 1}人，共{(owing - 1) * 81}.00元；"
        f"未交：{missing.name}；尚未上缴"
    )
    assert status.collected and not status.complete


def test_a_member_who_left_during_the_month_owes_it_but_is_not_ticked_as_paid(
    branch: Store,
) -> None:
    leaver = sorted(roster_ids(NOV))[-1]
    transfer_out(leaver, dt.date(2026, 11, 10))
    form = collection(dt.date(2026, 11, 20))
    assert leaver not in {p.member_id for p in form.payments}
    assert errors(form) == []
    assert leaver in {p.member_id for p in dues.not_paid(form, "现金")}


def test_months_paid_at_the_old_branch_are_neither_offered_nor_taken_again(
    branch: Store,
) -> None:
    member_id = next(iter(roster_ids(TODAY)))
    models.Transfer.create(
        member=member_id,
        direction="in",
        occurred_on=dt.date(2026, 3, 2),
        dues_paid_through=dt.date(2027, 2, 1),  # paid ahead there up to February
    )
    form = collection(dt.date(2026, 12, 5))
    ahead = {p.for_month for p in dues.offered_ahead_payments(form, member_id)}
    assert dt.date(2027, 2, 1) not in ahead and dt.date(2027, 3, 1) in ahead
    name = next(m.name for m in history.roster_on(TODAY) if m.id == member_id)
    form.payments.append(
        PaymentEntry(member_id, name, dt.date(2027, 1, 1), DUE_FEN, DUE_FEN, dt.date(2026, 12, 5))
    )
    assert f"{name}2027年1月的党费已在原单位交纳（交至2027年2月），请删去这一行。" in errors(form)
