"""党费收缴: one record per month collected (rules.md §3). ``held_on`` is the day of
collection, ``month`` the month collected for; each :class:`PaymentEntry` is one member's
dues for one month paid that day — the month's own, 补交 of earlier months or 预交 of later
ones. A month counts as paid only through a finished (or archived) collection
(``services.dues_ledger``).

A new collection has every member owing the month paid as due, on the collection day, in
the branch's first payment method: the secretary edits only the exceptions. Who owes a
month is judged by that month (``dues_ledger.month_dues``), never by today's roster.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from jianshi_desktop.db.models import (
    Attachment,
    DuesBase,
    DuesCollection,
    DuesPayment,
    Member,
)
from jianshi_desktop.domain import dues
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.dues import add_months, format_yuan, month_label, month_of
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.history import MemberFacts
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import dues_ledger, history, records
from jianshi_desktop.services.attachments import AttachmentEntry

RECORD_TYPE = dues_ledger.RECORD_TYPE
BACK_NOTE = "补交"
AHEAD_NOTE = "预交"


@dataclass
class PaymentEntry:
    """One member's dues for one month, as the form holds it (money in 分)."""

    member_id: int
    name: str
    for_month: dt.date  # the month paid for (its first day)
    due_fen: int | None  # what was due (None: no base to reckon it by)
    paid_fen: int
    paid_on: dt.date
    method: str = ""
    note: str = ""


@dataclass
class DuesCollectionForm:
    held_on: dt.date  # the day of collection
    month: dt.date  # the month collected for (its first day)
    place: str = ""
    collector_id: int | None = None  # 收缴人
    payments: list[PaymentEntry] = field(default_factory=list)
    handed_on: dt.date | None = None  # 上缴 to the 上级党委
    handed_fen: int | None = None
    summary: str = ""
    attachments: list[AttachmentEntry] = field(default_factory=list)
    # the saved record this form is (None: not saved yet) — its own payments are no
    # duplicates when it is finished again or amended
    record_id: int | None = None

    @property
    def total_fen(self) -> int:
        return sum(payment.paid_fen for payment in self.payments)


@dataclass(frozen=True)
class DuesCollectionRow:
    id: int
    held_on: dt.date
    month: dt.date
    state: RecordState
    late_entry: bool
    amended: bool
    paid: int  # members who paid the month's own dues in it
    owing: int  # members who owed the month
    total_fen: int  # everything paid in it (补交 and 预交 included)
    handed_on: dt.date | None
    handed_fen: int | None


# --- the defaults -------------------------------------------------------------------------------


def _paid_for(month: dt.date, exclude: int | None) -> set[int]:
    """The members whose ``month`` is paid in a finished collection (other than ``exclude``)."""
    return {
        paid.member_id for paid in dues_ledger.payments(exclude_collection=exclude, months=[month])
    }


def month_payments(
    month: dt.date, on: dt.date, method: str, *, exclude: int | None = None
) -> list[PaymentEntry]:
    """Every member owing ``month`` and not paid for it yet, paid as due on ``on`` (0 when
    the due cannot be reckoned: no base)."""
    paid = _paid_for(month, exclude)
    return [
        PaymentEntry(
            member_id=due.member_id,
            name=due.name,
            for_month=month,
            due_fen=due.due_fen,
            paid_fen=due.due_fen or 0,
            paid_on=on,
            method=method,
        )
        for due in dues_ledger.month_dues(month)
        if due.member_id not in paid
    ]


def members_on(day: dt.date) -> set[int]:
    """The members in the branch on ``day``: only they can pay that day."""
    return {facts.id for facts in history.member_facts() if facts.member_on(day)}


def new_dues_collection_form(
    *, on: dt.date | None = None, month: dt.date | None = None
) -> DuesCollectionForm:
    """Defaults: collected today (or ``on``) for that day's month (or ``month``), by the
    书记 of the day; every member owing the month paid as due in the first payment method —
    those in the branch on the day (one who left or came later in the month owes it too,
    but pays on another day: the wizard lists them as not paid)."""
    held_on = on or dt.date.today()
    collected_for = month_of(month or held_on)
    methods = dues_ledger.payment_methods()
    present = members_on(held_on)
    return DuesCollectionForm(
        held_on=held_on,
        month=collected_for,
        collector_id=history.secretary_on(held_on),
        payments=[
            entry
            for entry in month_payments(collected_for, held_on, methods[0])
            if entry.member_id in present
        ],
    )


def not_paid(form: DuesCollectionForm, method: str) -> list[PaymentEntry]:
    """The members owing the form's month who pay for it neither in the form nor in another
    finished collection — as the payments they would be (the wizard's unticked rows)."""
    taken = {p.member_id for p in form.payments if p.for_month == form.month}
    return [
        entry
        for entry in month_payments(form.month, form.held_on, method, exclude=form.record_id)
        if entry.member_id not in taken
    ]


def _entry(
    member_id: int,
    name: str,
    month: dt.date,
    form: DuesCollectionForm,
    note: str,
    bases: dict[int, list[DuesBase]],
    first_method: str,
) -> PaymentEntry:
    due = dues_ledger.reckon(member_id, name, month, bases.get(member_id))
    method = next((p.method for p in form.payments if p.member_id == member_id), first_method)
    return PaymentEntry(
        member_id, name, month, due.due_fen, due.due_fen or 0, form.held_on, method, note
    )


def offered_back_payments(form: DuesCollectionForm) -> list[PaymentEntry]:
    """补交: each member's earlier months still unpaid (by the collection day), not in the
    form yet, as payments as due — for the wizard to add with one click."""
    taken = {(p.member_id, p.for_month) for p in form.payments}
    snap = dues_ledger.snapshot()
    names = {facts.id: facts.name for facts in snap.members}
    method = dues_ledger.payment_methods()[0]
    found: list[PaymentEntry] = []
    for member_id, behind in dues_ledger.member_arrears(form.held_on, snap).items():
        for month in behind.unpaid:
            if month < form.month and (member_id, month) not in taken:
                name = names.get(member_id, "")
                found.append(_entry(member_id, name, month, form, BACK_NOTE, snap.bases, method))
    return found


def back_payment_form(member_id: int, *, on: dt.date) -> DuesCollectionForm:
    """记录补交 for one member behind, outside the monthly collection: a collection on
    ``on`` for the member's latest unpaid month, holding that member's unpaid months — the
    earlier ones as 补交 — and no one else's. It is the collection of a month already over,
    so it never stands for this month's collection (首页 still asks for that one)."""
    behind = dues_ledger.member_arrears(on).get(member_id)
    if behind is None or not behind.unpaid:
        raise ValidationError("这名党员没有欠交的党费。")
    form = new_dues_collection_form(on=on, month=behind.unpaid[-1])
    form.payments = [p for p in form.payments if p.member_id == member_id]
    back = [p for p in offered_back_payments(form) if p.member_id == member_id]
    form.payments = back + form.payments
    return form


def offered_ahead_payments(form: DuesCollectionForm, member_id: int) -> list[PaymentEntry]:
    """预交: the months after the collected month a member may pay ahead, within the rule's
    limit from the collection day, not in the form and not paid yet."""
    name = Member.get_by_id(member_id).name
    table = dues_ledger.table_on(form.month)
    last = add_months(month_of(form.held_on), table.ahead_months)
    taken = {p.for_month for p in form.payments if p.member_id == member_id}
    taken |= dues_ledger.paid_months(exclude_collection=form.record_id).get(member_id, set())
    elsewhere = dues_ledger.paid_elsewhere_through().get(member_id)  # paid before a 转入
    bases, method = dues_ledger.bases_by_member(), dues_ledger.payment_methods()[0]
    return [
        _entry(member_id, name, month, form, AHEAD_NOTE, bases, method)
        for month in dues.months_between(add_months(form.month, 1), last)
        if month not in taken and (elsewhere is None or month > month_of(elsewhere))
    ]


# --- the checks ---------------------------------------------------------------------------------


def _membership_problem(payment: PaymentEntry, facts: MemberFacts | None) -> str | None:
    """A payment dated while the member was not in the branch."""
    if facts is None or facts.member_on(payment.paid_on):
        return None
    starts = [first for first, _last in facts.in_branch if first is not None]
    if not facts.in_branch or all(first > payment.paid_on for first in starts):
        first = min(starts) if starts else None
        since = f"{format_date(first)}才到本支部，" if first is not None else "当时不在本支部，"
        return f"{payment.name}{since}{format_date(payment.paid_on)}还不能在这里交纳党费。"
    ends = [last for _first, last in facts.in_branch if last is not None and last < payment.paid_on]
    left = format_date(max(ends)) if ends else ""
    return (
        f"{payment.name}已于{left}离开本支部（转出等），"
        f"{format_date(payment.paid_on)}不能再在这里交纳党费。"
    )


def _owed_problem(
    payment: PaymentEntry, facts: MemberFacts | None, elsewhere: dt.date | None
) -> str | None:
    """A month the member did not owe here, unless it is a 预交 while a member."""
    if facts is None:
        return None
    if elsewhere is not None and payment.for_month <= month_of(elsewhere):
        return (
            f"{payment.name}{month_label(payment.for_month)}的党费已在原单位交纳"
            f"（交至{month_label(elsewhere)}），请删去这一行。"
        )
    if payment.for_month > month_of(payment.paid_on) and facts.member_on(payment.paid_on):
        return None  # 预交 (its limit is a warning of its own)
    owed = dues.due_months(
        facts.in_branch,
        start=payment.for_month,
        through=payment.for_month,
        paid_elsewhere_through=elsewhere,
    )
    if owed:
        return None
    return (
        f"{payment.name}{month_label(payment.for_month)}不在本支部，"
        "不应在这里交纳这个月的党费，请删去这一行。"
    )


def _amount_problems(payment: PaymentEntry) -> list[Problem]:
    who = f"{payment.name}{month_label(payment.for_month)}"
    if payment.paid_fen <= 0:
        if payment.due_fen is None:
            return [
                Problem(
                    "payments",
                    f"{payment.name}未核定党费基数，算不出应交金额：请先在“党费”页的“缴费基数”中填写，"
                    "或直接填写实交金额；没交的取消勾选。",
                )
            ]
        return [Problem("payments", f"请填写{who}的实交金额；没交的取消勾选。")]
    if payment.due_fen is None:
        return [
            Problem(
                "payments",
                f"{payment.name}未核定党费基数，无法核对应交金额，请在“党费”页的“缴费基数”中填写。",
                "warning",
            )
        ]
    if payment.paid_fen < payment.due_fen:
        return [
            Problem(
                "payments",
                f"{who}少交{format_yuan(payment.due_fen - payment.paid_fen)}元"
                f"（应交{format_yuan(payment.due_fen)}元，实交{format_yuan(payment.paid_fen)}元）。",
                "warning",
            )
        ]
    if payment.paid_fen > payment.due_fen:
        return [
            Problem(
                "payments",
                f"{who}多交{format_yuan(payment.paid_fen - payment.due_fen)}元"
                f"（应交{format_yuan(payment.due_fen)}元，实交{format_yuan(payment.paid_fen)}元），"
                "请核对。",
                "warning",
            )
        ]
    return []


def _collection_days(ids: set[int]) -> dict[int, dt.date]:
    query = DuesCollection.select(DuesCollection.id, DuesCollection.held_on).where(
        DuesCollection.id.in_(list(ids))
    )
    return dict(records.tuples(query))


def check_dues_collection(
    form: DuesCollectionForm, *, today: dt.date | None = None
) -> list[Problem]:
    """Every rule of a collection, judged by the facts of its own day and month."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    if form.held_on > today:
        problems.append(
            Problem("held_on", "收缴日期晚于今天。收缴之后再完成记录；现在可以先存为草稿。")
        )
    table = dues_ledger.table_on(form.month)
    late = dues.check_payment_month(month_of(form.month), paid_on=form.held_on, table=table)
    if late is not None:
        problems.append(Problem("month", late, "warning"))
    if form.collector_id is None:
        problems.append(Problem("collector_id", "没有选择收缴人。", "warning"))
    if not form.payments:
        problems.append(Problem("payments", "没有任何人交纳党费，请至少勾选一人。"))

    facts = {f.id: f for f in history.member_facts()}
    elsewhere = dues_ledger.paid_elsewhere_through()
    earlier = {
        (paid.member_id, paid.month): paid.collection_id
        for paid in dues_ledger.payments(
            exclude_collection=form.record_id,
            months=[month_of(p.for_month) for p in form.payments],
        )
    }
    days = _collection_days(set(earlier.values()))
    seen: set[tuple[int, dt.date]] = set()
    for payment in form.payments:
        key = (payment.member_id, payment.for_month)
        who = f"{payment.name}{month_label(payment.for_month)}的党费"
        if key in seen:
            problems.append(Problem("payments", f"{who}登记了两次，请删去一行。"))
        seen.add(key)
        if key in earlier:
            day = format_date(days.get(earlier[key]))
            problems.append(Problem("payments", f"{who}已在{day}的收缴记录中登记。"))
        member = facts.get(payment.member_id)
        for message in (
            _membership_problem(payment, member),
            _owed_problem(payment, member, elsewhere.get(payment.member_id)),
        ):
            if message is not None:
                problems.append(Problem("payments", message))
        problems.extend(_amount_problems(payment))
        limit = dues.check_payment_month(
            payment.for_month,
            paid_on=payment.paid_on,
            table=dues_ledger.table_on(payment.for_month),
        )
        if limit is not None and payment.for_month != month_of(form.month):
            problems.append(Problem("payments", f"{payment.name}：{limit}", "warning"))

    if form.handed_on is not None:
        if form.handed_on < form.held_on:
            problems.append(Problem("handed_on", "上缴日期早于收缴日期，请核对。"))
        elif form.handed_on > today:
            problems.append(Problem("handed_on", "上缴日期晚于今天。上缴之后再填写。"))
        if form.handed_fen is None:
            problems.append(Problem("handed_fen", "请填写上缴金额。"))
        elif form.handed_fen != form.total_fen:
            problems.append(
                Problem(
                    "handed_fen",
                    f"上缴金额{format_yuan(form.handed_fen)}元与本次收缴合计"
                    f"{format_yuan(form.total_fen)}元不一致，请核对。",
                    "warning",
                )
            )
    elif form.handed_fen is not None:
        problems.append(Problem("handed_on", "填写了上缴金额，请同时填写上缴日期。"))
    # the errors first: a step shows the first problem of a field, and must stop on an error
    return sorted(problems, key=lambda problem: not problem.is_error)


# --- writing and reading ----------------------------------------------------------------------


def write_dues_collection(row: DuesCollection, form: DuesCollectionForm) -> None:
    row.held_on = form.held_on
    row.month = month_of(form.month)
    row.place = clean(form.place)
    row.collector_id = form.collector_id
    row.handed_on = form.handed_on
    row.handed_fen = form.handed_fen if form.handed_on is not None else None
    row.summary = form.summary.strip()
    row.updated_at = records.now()
    row.save()
    form.record_id = row.id  # the form is this record now (its payments are no duplicates)
    DuesPayment.delete().where(DuesPayment.collection == row).execute()
    rows = [
        {
            "collection": row,
            "member": payment.member_id,
            "for_month": month_of(payment.for_month),
            "due_fen": payment.due_fen,
            "paid_fen": payment.paid_fen,
            "paid_on": payment.paid_on,
            "method": clean(payment.method),
            "note": clean(payment.note),
            "position": position,
        }
        for position, payment in enumerate(form.payments)
    ]
    for start in range(0, len(rows), 100):  # a branch's month in one statement or two
        DuesPayment.insert_many(rows[start : start + 100]).execute()
    records.replace_attachments({"dues_collection": row}, form.attachments)


def load_dues_collection(collection_id: int) -> DuesCollectionForm:
    row = DuesCollection.get_by_id(collection_id)
    query = (
        DuesPayment.select()
        .where(DuesPayment.collection == row)
        .order_by(DuesPayment.position, DuesPayment.id)
    )
    names = dict(records.tuples(Member.select(Member.id, Member.name)))
    return DuesCollectionForm(
        held_on=row.held_on,
        month=row.month,
        place=row.place,
        collector_id=row.collector_id,
        payments=[
            PaymentEntry(
                member_id=p.member_id,
                name=names.get(p.member_id, ""),
                for_month=p.for_month,
                due_fen=p.due_fen,
                paid_fen=p.paid_fen,
                paid_on=p.paid_on,
                method=p.method,
                note=p.note,
            )
            for p in query
        ],
        handed_on=row.handed_on,
        handed_fen=row.handed_fen,
        summary=row.summary,
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.dues_collection == row)
        ),
        record_id=row.id,
    )


def dues_collection_title(month: dt.date) -> str:
    return f"{month_label(month)}党费收缴"


def dues_collection_label(form: DuesCollectionForm) -> str:
    """「2026年11月党费收缴」."""
    return dues_collection_title(form.month)


def copied_dues_collection(old: DuesCollectionForm, on: dt.date | None) -> DuesCollectionForm:
    """复制上次: the month after the old one, collected on ``on`` (today), by the same
    collector at the same place; each member in the way they paid last time. The amounts
    are the new month's dues — never what was paid for the old month."""
    held_on = on or dt.date.today()
    fresh = new_dues_collection_form(on=held_on, month=add_months(old.month, 1))
    methods = {p.member_id: p.method for p in old.payments if p.method}
    for payment in fresh.payments:
        payment.method = methods.get(payment.member_id, payment.method)
    if old.collector_id is not None:
        fresh.collector_id = old.collector_id
    fresh.place = old.place
    return fresh


def dues_collection_file_name(row: DuesCollection, _groups: Mapping[int, str]) -> str:
    """「2026年11月党费收缴明细表」 (services.documents numbers two of one month)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{month_label(row.month)}党费收缴明细表")


def dues_collection_contents_line(row: DuesCollection, _groups: Mapping[int, str]) -> str:
    return f"{month_label(row.month)}党费收缴明细表"


def dues_collection_facts() -> list[RecordFact]:
    """The finished collections as the compliance engine counts them: each for the month it
    collected (the "dues" obligation of that month), whatever day it was collected."""
    query = DuesCollection.select(
        DuesCollection.id, DuesCollection.month, DuesCollection.late_entry
    ).where(DuesCollection.state.in_(records.DONE))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=month,
            late_entry=bool(late),
            title=dues_collection_title(month),
        )
        for id_, month, late in records.tuples(query)
    ]


# --- the list and this month --------------------------------------------------------------------


def _owing_counts(months: set[dt.date]) -> dict[dt.date, int]:
    """How many members owed each of ``months`` (judged on that month)."""
    facts = history.member_facts()
    elsewhere = dues_ledger.paid_elsewhere_through()
    return {
        month: sum(
            bool(
                dues.due_months(
                    f.in_branch,
                    start=month,
                    through=month,
                    paid_elsewhere_through=elsewhere.get(f.id),
                )
            )
            for f in facts
        )
        for month in months
    }


def list_dues_collections(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[DuesCollectionRow]:
    query = records.within(
        DuesCollection, DuesCollection.select(), year=year, state=state, late_only=late_only
    )
    rows = list(query.order_by(DuesCollection.month.desc(), DuesCollection.held_on.desc()))
    amended = records.amended_ids(RECORD_TYPE)
    paid: dict[int, tuple[set[int], int]] = {}
    payments = DuesPayment.select(
        DuesPayment.collection, DuesPayment.member, DuesPayment.for_month, DuesPayment.paid_fen
    ).where(DuesPayment.collection.in_([r.id for r in rows]))
    months = {r.id: r.month for r in rows}
    for collection_id, member_id, for_month, paid_fen in records.tuples(payments):
        members, total = paid.get(collection_id, (set(), 0))
        if for_month == months[collection_id]:
            members.add(member_id)
        paid[collection_id] = (members, total + paid_fen)
    owing = _owing_counts({r.month for r in rows})
    return [
        DuesCollectionRow(
            id=r.id,
            held_on=r.held_on,
            month=r.month,
            state=r.state,
            late_entry=bool(r.late_entry),
            amended=r.id in amended,
            paid=len(paid.get(r.id, (set(), 0))[0]),
            owing=owing[r.month],
            total_fen=paid.get(r.id, (set(), 0))[1],
            handed_on=r.handed_on,
            handed_fen=r.handed_fen,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class MonthStatus:
    """This month's dues in one line for the page; ``collected``: a finished collection
    for it; ``complete``: collected from everyone and handed up."""

    text: str
    collected: bool
    complete: bool


def month_status(today: dt.date) -> MonthStatus:
    """「2026年12月党费：尚未收缴（20人应交，共1234.50元）」 or 「2026年12月党费已收缴：19人，
    共1180.00元；未交：冯永；尚未上缴」."""
    month = month_of(today)
    label = month_label(month)
    owed = dues_ledger.month_dues(month)
    done = list(
        DuesCollection.select().where(
            (DuesCollection.month == month) & DuesCollection.state.in_(records.DONE)
        )
    )
    if not done:
        known = sum(d.due_fen for d in owed if d.due_fen is not None)
        unknown = sum(d.due_fen is None for d in owed)
        parts = [f"{len(owed)}人应交"]
        if known or not unknown:
            parts.append(f"共{format_yuan(known)}元")
        if unknown:
            parts.append(f"{unknown}人未核定基数")
        draft = DuesCollection.select().where(
            (DuesCollection.month == month) & (DuesCollection.state == RecordState.DRAFT)
        )
        also = "，已有草稿" if draft.exists() else ""
        return MonthStatus(f"{label}党费：尚未收缴（{'，'.join(parts)}）{also}", False, False)
    ids = [c.id for c in done]
    total = 0
    for (paid_fen,) in records.tuples(
        DuesPayment.select(DuesPayment.paid_fen).where(DuesPayment.collection.in_(ids))
    ):
        total += paid_fen
    paid = _paid_for(month, None)
    owing_ids = {d.member_id for d in owed}
    unpaid = [d.name for d in owed if d.member_id not in paid]
    text = f"{label}党费已收缴：{len(paid & owing_ids)}人，共{format_yuan(total)}元"
    if unpaid:
        text += f"；未交：{'、'.join(unpaid)}"
    handed = [c.handed_on for c in done if c.handed_on is not None]
    if handed and len(handed) == len(done):
        text += f"；已于{max(handed).month}月{max(handed).day}日上缴"
    else:
        text += "；尚未上缴"
    return MonthStatus(text, True, not unpaid and len(handed) == len(done))
