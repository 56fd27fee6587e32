"""党费 documents read from the database: the month's 党费收缴明细表 (a 党费收缴 record's
own document), the year's 党费收缴情况 and a member's 党费交纳证明 (``documents/dues.py``
builds them).

Each is judged by the facts of its own day (rules.md §7): the members who owed a month
are those of that month (``dues_ledger.members_of_month``), a payment made after the
collection day does not make the month paid in that day's table, and a month before the
branch kept its dues here, or before a member joined, is owed by no one. A month is paid
only through a finished or archived collection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from jianshi_desktop.db.models import DuesBase, DuesCollection, DuesPayment, Member, Transfer
from jianshi_desktop.documents.dues import (
    NOT_DUE,
    UNPAID,
    CertificateContent,
    CollectionContent,
    PaymentLine,
    YearContent,
    YearLine,
    short_day,
)
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.domain import dues
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MemberStatus, TransferDirection
from jianshi_desktop.domain.history import MemberFacts
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import dues_ledger, history
from jianshi_desktop.services.branch import branch_name_on
from jianshi_desktop.services.documents import record_notes
from jianshi_desktop.services.records import DONE, tuples

LEFT_WITHIN_DAYS = 366  # 交纳证明: members who left within the last year are offered too


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def _kind(for_month: dt.date, collected: dt.date) -> str:
    """「补交」 of a month before the one collected, 「预交」 of one after, else ""."""
    if for_month < collected:
        return "补交"
    if for_month > collected:
        return "预交"
    return ""


def _line(
    name: str, due: dues_ledger.MemberDue, recorded_fen: int | None, **rest: object
) -> PaymentLine:
    """A line with the category, base and rate shown only where they give the amount
    recorded (a base changed since would print a base that does not match the line)."""
    if due.category is None or (recorded_fen is not None and due.due_fen != recorded_fen):
        return PaymentLine(name=name, **rest)  # type: ignore[arg-type]
    return PaymentLine(
        name=name,
        category=due.category.label,
        base_fen=due.base_fen,
        rate=due.rate_text,
        **rest,  # type: ignore[arg-type]
    )


# --- 党费收缴明细表 -----------------------------------------------------------------------


def collection_content(collection_id: int) -> CollectionContent:
    """The record as its 明细表 prints it: each payment, then each member who owed the
    month and had not paid it by the collection day (未交), with the record's notes."""
    row = DuesCollection.get_by_id(collection_id)
    names = _names()
    bases = dues_ledger.bases_by_member()
    lines: list[PaymentLine] = []
    paid_here: set[int] = set()
    payments = (
        DuesPayment.select()
        .where(DuesPayment.collection == collection_id)
        .order_by(DuesPayment.position, DuesPayment.id)
    )
    for p in payments:
        name = names.get(p.member_id, "")
        due = dues_ledger.reckon(p.member_id, name, p.for_month, bases.get(p.member_id))
        if p.for_month == row.month:
            paid_here.add(p.member_id)
        lines.append(
            _line(
                name,
                due,
                p.due_fen,
                due_fen=p.due_fen,
                paid_fen=p.paid_fen,
                month=p.for_month,
                kind=_kind(p.for_month, row.month),
                paid_on=p.paid_on,
                method=p.method,
                note=p.note,
            )
        )
    # the month paid before, in another finished collection, by the collection day
    before = {
        paid.member_id: paid
        for paid in dues_ledger.payments(exclude_collection=collection_id)
        if paid.month == row.month and paid.paid_on <= row.held_on
    }
    owing = dues_ledger.members_of_month(row.month)
    for facts in owing:
        if facts.id in paid_here:
            continue
        earlier = before.get(facts.id)
        if earlier is not None:
            how = "预交" if earlier.paid_on < row.month else "交纳"
            lines.append(
                PaymentLine(
                    name=facts.name,
                    month=row.month,
                    note=f"{short_day(earlier.paid_on, row.held_on.year)}已{how}",
                )
            )
            continue
        due = dues_ledger.reckon(facts.id, facts.name, row.month, bases.get(facts.id))
        lines.append(
            _line(
                facts.name,
                due,
                None,
                due_fen=due.due_fen,
                month=row.month,
                note=UNPAID,
            )
        )
    owing_ids = {facts.id for facts in owing}
    return CollectionContent(
        branch=branch_name_on(row.held_on),
        month=row.month,
        held_on=row.held_on,
        lines=tuple(lines),
        owing=len(owing),
        paid_month=len(owing_ids & (paid_here | before.keys())),
        collector=names.get(row.collector_id or 0, ""),
        handed_on=row.handed_on,
        handed_fen=row.handed_fen,
        summary=row.summary,
        notes=record_notes("dues_collection", row),
    )


# --- 年度党费收缴情况 ---------------------------------------------------------------------


def _year_payments(year: int) -> dict[int, dict[dt.date, tuple[int, int | None]]]:
    """Each member's months of ``year`` paid in finished collections: (paid, due) in 分."""
    query = (
        DuesPayment.select(
            DuesPayment.member, DuesPayment.for_month, DuesPayment.paid_fen, DuesPayment.due_fen
        )
        .join(DuesCollection)
        .where(
            DuesCollection.state.in_(DONE)
            & (DuesPayment.for_month >= dt.date(year, 1, 1))
            & (DuesPayment.for_month <= dt.date(year, 12, 1))
        )
        .order_by(DuesPayment.paid_on, DuesPayment.id)
    )
    found: dict[int, dict[dt.date, tuple[int, int | None]]] = {}
    for member_id, month, paid_fen, due_fen in tuples(query):
        months = found.setdefault(member_id, {})
        paid_before, due_before = months.get(month, (0, None))
        months[month] = (paid_before + paid_fen, due_fen if due_fen is not None else due_before)
    return found


def years_ending_within(start: dt.date, end: dt.date) -> list[int]:
    """The years whose 年度党费收缴情况 goes with a package of ``start``–``end``: those
    ending within it (a December, a fourth quarter, a second half, a year) in which the
    branch kept its dues here."""
    first = dues_ledger.dues_start()
    if first is None:
        return []
    return [
        year
        for year in range(start.year, end.year + 1)
        if start <= dt.date(year, 12, 31) <= end and first.year <= year
    ]


def year_content(year: int, *, today: dt.date | None = None) -> YearContent:
    """Each member who owed or paid dues in ``year``, month by month: the amount paid,
    「未交」 for a month over and unpaid, 「—」 for a month not owed here (before the
    branch's dues began, before joining, after leaving), blank for a month to come."""
    today = today or dt.date.today()
    start = dues_ledger.dues_start()
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 1)
    if start is None or start > last or first > today:
        raise UserError(
            f"{year}年还没有完成的党费收缴记录，没有可统计的内容。",
            hint="在党费页记好并完成每月的收缴后，再打印年度情况。",
        )
    current = dues.month_of(today)
    elsewhere = dues_ledger.paid_elsewhere_through()
    bases = dues_ledger.bases_by_member()
    paid = _year_payments(year)
    months = dues.months_between(first, last)
    lines: list[YearLine] = []
    month_paid = [0] * 12
    for facts in history.member_facts():
        owed = set(
            dues_ledger.due_months_of(
                facts, start=max(start, first), through=last, elsewhere=elsewhere.get(facts.id)
            )
        )
        own = paid.get(facts.id, {})
        if not owed and not own:
            continue
        cells: list[str] = []
        due_fen = paid_fen = behind_fen = 0
        for index, month in enumerate(months):
            if month in own:
                amount, recorded_due = own[month]
                cells.append(dues.format_yuan(amount))
                month_paid[index] += amount
                paid_fen += amount
                if recorded_due is None:
                    recorded_due = _due(facts, month, bases)
                due_fen += recorded_due or 0
            elif month in owed:
                if month < current:
                    cells.append(UNPAID)
                    owing = _due(facts, month, bases) or 0
                    due_fen += owing
                    behind_fen += owing
                else:  # not over yet: neither owed nor behind today
                    cells.append("")
            else:
                cells.append(NOT_DUE)
        lines.append(YearLine(facts.name, tuple(cells), due_fen, paid_fen, behind_fen))
    return YearContent(
        branch=branch_name_on(min(today, dt.date(year, 12, 31))),
        year=year,
        lines=tuple(lines),
        month_paid_fen=tuple(month_paid),
        as_of=today if current <= last else None,
        dues_start=start if start >= first else None,
    )


def _due(facts: MemberFacts, month: dt.date, bases: dict[int, list[DuesBase]]) -> int | None:
    return dues_ledger.reckon(facts.id, facts.name, month, bases.get(facts.id)).due_fen


def year_stem(year: int, today: dt.date | None = None) -> str:
    day = min(today or dt.date.today(), dt.date(year, 12, 31))
    return safe_file_name(f"{branch_name_on(day)}{year}年度党费收缴情况")


# --- 党费交纳证明 -------------------------------------------------------------------------


def _last_day(facts: MemberFacts, today: dt.date) -> dt.date | None:
    """``today`` for a member in the branch; else the last day of their latest stretch
    in it (None: never in it up to today)."""
    if facts.member_on(today):
        return today
    ends = [last for first, last in facts.in_branch if last is not None and last <= today]
    return max(ends) if ends else None


def certificate_members(today: dt.date) -> list[tuple[int, str]]:
    """Whom a 交纳证明 may be printed for: the members of ``today``, then those who left
    within the last year (a 证明 goes with a transfer out), each with how they are shown."""
    here: list[tuple[int, str]] = []
    left: list[tuple[int, str]] = []
    for facts in history.member_facts():
        last = _last_day(facts, today)
        if last is None:
            continue
        if last == today and facts.member_on(today):
            here.append((facts.id, facts.name))
        elif (today - last).days <= LEFT_WITHIN_DAYS:
            left.append((facts.id, f"{facts.name}（{format_date(last)}离开本支部）"))
    return here + left


def _runs(months: Iterable[dt.date]) -> tuple[tuple[dt.date, ...], ...]:
    """Consecutive months grouped: [Mar, Aug, Sep] → ((Mar,), (Aug, Sep))."""
    runs: list[list[dt.date]] = []
    for month in sorted(months):
        if runs and dues.add_months(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return tuple(tuple(run) for run in runs)


def certificate_content(member_id: int, *, today: dt.date | None = None) -> CertificateContent:
    """What the member's 证明 says: the latest month paid and, honestly, any month owed
    before it and not paid; the monthly standard of the member's last month here; the
    organisation transferred to, when recorded. UserError when nothing was ever paid."""
    today = today or dt.date.today()
    facts = history.facts_of(member_id)
    if facts is None:
        raise UserError("找不到这位党员，可能已被删除。")
    paid = dues_ledger.paid_months().get(member_id, set())
    if not paid:
        raise UserError(
            f"{facts.name}还没有交纳党费的记录，无法开具党费交纳证明。",
            hint="已完成的党费收缴记录中有他的交纳后，才能开具证明。",
        )
    through = max(paid)
    start = dues_ledger.dues_start() or min(paid)
    owed = dues_ledger.due_months_of(
        facts,
        start=start,
        through=through,
        elsewhere=dues_ledger.paid_elsewhere_through().get(member_id),
    )
    gaps = _runs(month for month in owed if month not in paid)
    last_day = _last_day(facts, today) or today
    status = facts.status_on(last_day)
    standard = dues_ledger.reckon(
        member_id,
        facts.name,
        dues.month_of(last_day),
        dues_ledger.bases_by_member().get(member_id),
    )
    recipient = ""
    if not facts.member_on(today):
        out = (
            Transfer.select(Transfer.counterpart)
            .where((Transfer.member == member_id) & (Transfer.direction == TransferDirection.OUT))
            .order_by(Transfer.occurred_on.desc(), Transfer.id.desc())
            .first()
        )
        recipient = out.counterpart.strip() if out is not None else ""
    return CertificateContent(
        branch=branch_name_on(today),
        name=facts.name,
        status="预备党员" if status is MemberStatus.PROBATIONARY else "正式党员",
        paid_through=through,
        gaps=gaps,
        monthly_fen=standard.due_fen,
        recipient=recipient,
        issued_on=today,
    )


def certificate_stem(member_id: int) -> str:
    return safe_file_name(f"{_names().get(member_id, '')}党费交纳证明")
