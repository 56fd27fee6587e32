"""党费: what each member owes and has paid, read from the database — the one place the
collections, the bases, the arrears, the documents and the package all ask.

The rules are in ``domain/dues.py``; the rate tables in ``resources/rules/dues_rates.json``.
A month counts as paid only through a finished (or archived) 党费收缴 record: a draft pays
nothing. The branch's dues begin with the month of its first such record — a branch new to
the app does not owe the years before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from jianshi_desktop.db.models import (
    DuesBase,
    DuesCollection,
    DuesPayment,
    Transfer,
)
from jianshi_desktop.domain import dues
from jianshi_desktop.domain.dues import RateTable
from jianshi_desktop.domain.enums import DuesCategory, TransferDirection
from jianshi_desktop.domain.history import MemberFacts
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import history, records, settings
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.records import tuples

RECORD_TYPE = "dues_collection"  # the kind's name (services.dues registers it)
PAYMENT_METHODS_KEY = "dues_payment_methods"
DEFAULT_PAYMENT_METHODS = ("现金", "转账", "微信", "支付宝")


@lru_cache(maxsize=1)
def rate_tables() -> tuple[RateTable, ...]:
    """The rate tables of ``resources/rules/dues_rates.json``, oldest first."""
    path = resources_dir() / "rules" / "dues_rates.json"
    return dues.load_rate_tables(path.read_text(encoding="utf-8"))


def table_on(month: dt.date) -> RateTable:
    return dues.table_on(rate_tables(), month)


# --- payment methods (configurable) ----------------------------------------------------------


def payment_methods() -> list[str]:
    """How dues are paid (现金, 转账, 微信, 支付宝 unless the branch changed the list)."""
    stored = settings.read_value(PAYMENT_METHODS_KEY)
    return list(stored) if stored else list(DEFAULT_PAYMENT_METHODS)


def set_payment_methods(methods: Iterable[str]) -> None:
    cleaned = list(dict.fromkeys(m.strip() for m in methods if m.strip()))
    if not cleaned:
        raise ValidationError("交纳方式至少要有一种。")
    if any(len(m) > 20 for m in cleaned):
        raise ValidationError("每种交纳方式最多20个字。")
    with user_action("set_dues_payment_methods", entity="setting") as audit:
        settings.write_value(PAYMENT_METHODS_KEY, cleaned)
        audit.summary = "修改党费交纳方式：" + "、".join(cleaned)


# --- what a member owes ------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberDue:
    """What one member owes for one month, and how it was reckoned."""

    member_id: int
    name: str
    month: dt.date
    category: DuesCategory | None  # None: no base recorded for that year or any before
    base_fen: int | None
    rate_bp: int | None  # for the categories paying a share
    due_fen: int | None  # None: cannot be reckoned (no base)
    base_year: int | None  # the year whose base was used
    note: str  # 「2027年基数未核定，按2026年计」, 「未核定党费基数」 or ""

    @property
    def rate_text(self) -> str:
        """「1.5%」 for a share; 「定额」 for a fixed amount; "" when unknown."""
        if self.rate_bp is not None:
            return dues.rate_text(self.rate_bp)
        return "定额" if self.category is not None else ""


def bases_by_member() -> dict[int, list[DuesBase]]:
    """Every member's bases, newest year first (one query)."""
    found: dict[int, list[DuesBase]] = {}
    for row in DuesBase.select().order_by(DuesBase.year.desc()):
        found.setdefault(row.member_id, []).append(row)
    return found


def reckon(member_id: int, name: str, month: dt.date, bases: list[DuesBase] | None) -> MemberDue:
    """The month's dues from the member's bases (newest first): the base of the month's
    year, else the latest year before it (the new year's base is not set yet)."""
    chosen = next((b for b in bases or () if b.year <= month.year), None)
    if chosen is None:
        return MemberDue(member_id, name, month, None, None, None, None, None, "未核定党费基数")
    table = table_on(month)
    category = DuesCategory(chosen.category)
    note = "" if chosen.year == month.year else f"{month.year}年基数未核定，按{chosen.year}年计"
    rate_bp: int | None = None
    try:
        due = dues.monthly_due(table, category, chosen.base_fen, chosen.fixed_fen)
        if table.uses_base(category) and chosen.base_fen is not None:
            rate_bp = table.band_for(category, chosen.base_fen).rate_bp
    except dues.DuesInputError as exc:
        return MemberDue(
            member_id, name, month, category, chosen.base_fen, None, None, None, str(exc)
        )
    return MemberDue(
        member_id, name, month, category, chosen.base_fen, rate_bp, due, chosen.year, note
    )


def paid_elsewhere_through() -> dict[int, dt.date]:
    """For members transferred in: the last month paid before they came (their latest 转入)."""
    found: dict[int, dt.date] = {}
    query = (
        Transfer.select(Transfer.member, Transfer.dues_paid_through)
        .where(
            (Transfer.direction == TransferDirection.IN) & Transfer.dues_paid_through.is_null(False)
        )
        .order_by(Transfer.occurred_on, Transfer.id)
    )
    for member_id, through in tuples(query):
        found[member_id] = through
    return found


def dues_start() -> dt.date | None:
    """The first month the branch keeps its dues here: the earliest month of a finished
    collection, or None before there is one."""
    first = (
        DuesCollection.select(DuesCollection.month)
        .where(DuesCollection.state.in_(records.DONE))
        .order_by(DuesCollection.month)
        .first()
    )
    return None if first is None else first.month


def judged_from(first_collected: dt.date | None, dues_from: dt.date | None) -> dt.date | None:
    """The first day 党费收缴 is judged: the month of the branch's first collection, or of
    the day dues came to the app (``Branch.dues_from``, set by migration 15 on a branch
    kept here before) if that is earlier — a branch that has not begun still owes from
    then; None when neither is known (a new branch: judged from its records_from)."""
    days = [dues.month_of(day) for day in (first_collected, dues_from) if day is not None]
    return min(days, default=None)


def due_months_of(
    facts: MemberFacts, *, start: dt.date, through: dt.date, elsewhere: dt.date | None
) -> list[dt.date]:
    return dues.due_months(
        facts.in_branch, start=start, through=through, paid_elsewhere_through=elsewhere
    )


def members_of_month(month: dt.date) -> list[MemberFacts]:
    """The members who owe ``month``'s dues: in the branch on any day of it, in roster
    order — and, for a member transferred in, past the months paid elsewhere."""
    elsewhere = paid_elsewhere_through()
    return [
        facts
        for facts in history.member_facts()
        if dues.due_months(
            facts.in_branch,
            start=month,
            through=month,
            paid_elsewhere_through=elsewhere.get(facts.id),
        )
    ]


def month_dues(month: dt.date) -> list[MemberDue]:
    """What each member owing ``month`` owes for it."""
    bases = bases_by_member()
    return [reckon(f.id, f.name, month, bases.get(f.id)) for f in members_of_month(month)]


@dataclass(frozen=True)
class PaidMonth:
    member_id: int
    month: dt.date
    paid_fen: int
    paid_on: dt.date
    method: str
    collection_id: int


def payments(
    *, exclude_collection: int | None = None, months: Iterable[dt.date] | None = None
) -> list[PaidMonth]:
    """Every payment of a finished or archived collection (a draft pays nothing), by date;
    only those for ``months`` when given."""
    query = (
        DuesPayment.select(
            DuesPayment.member,
            DuesPayment.for_month,
            DuesPayment.paid_fen,
            DuesPayment.paid_on,
            DuesPayment.method,
            DuesPayment.collection,
        )
        .join(DuesCollection)
        .where(DuesCollection.state.in_(records.DONE))
        .order_by(DuesPayment.paid_on, DuesPayment.id)
    )
    if exclude_collection is not None:
        query = query.where(DuesCollection.id != exclude_collection)
    if months is not None:
        query = query.where(DuesPayment.for_month.in_(sorted(set(months))))
    return [PaidMonth(*row) for row in tuples(query)]


def paid_months(*, exclude_collection: int | None = None) -> dict[int, set[dt.date]]:
    """The months each member has paid (finished collections only)."""
    found: dict[int, set[dt.date]] = {}
    for paid in payments(exclude_collection=exclude_collection):
        found.setdefault(paid.member_id, set()).add(paid.month)
    return found


@dataclass(frozen=True)
class Snapshot:
    """What 首页 asks of the dues, read once for all its dues reminders (four queries, none
    when the member history and the branch's records are handed in from the engine)."""

    members: tuple[MemberFacts, ...]
    start: dt.date | None  # dues_start()
    paid: dict[int, set[dt.date]]
    elsewhere: dict[int, dt.date]
    bases: dict[int, list[DuesBase]]


def snapshot(
    *, members: Iterable[MemberFacts] | None = None, first_collected: dt.date | None = None
) -> Snapshot:
    """The dues as they stand; ``members`` and ``first_collected`` (the month of the first
    finished collection) when the caller has read them already."""
    return Snapshot(
        members=tuple(history.member_facts() if members is None else members),
        start=dues_start() if members is None else first_collected,
        paid=paid_months(),
        elsewhere=paid_elsewhere_through(),
        bases=bases_by_member(),
    )


def member_arrears(today: dt.date, snap: Snapshot | None = None) -> dict[int, dues.Arrears]:
    """Each member in the branch on ``today`` with months over and unpaid (empty before the
    branch's first collection): the months they owed here, less those paid."""
    snap = snap or snapshot()
    if snap.start is None:
        return {}
    last_over = dues.add_months(dues.month_of(today), -1)
    found: dict[int, dues.Arrears] = {}
    for facts in snap.members:
        if not facts.member_on(today):
            continue
        owed = due_months_of(
            facts, start=snap.start, through=last_over, elsewhere=snap.elsewhere.get(facts.id)
        )
        behind = dues.arrears(owed, snap.paid.get(facts.id, ()), today=today)
        if behind.unpaid:
            found[facts.id] = behind
    return found
