"""Two years of invented 党费 for the demo branch, made through the real services.

Every member's base is typed the first year (the eldest as 离退休, the others 在职) and
carried over the next (沿用上年), with a few rises and the newcomers typed. Dues are
collected on the 15th of each month, mostly by 微信 and in cash, and handed up to the 党委
ten days later — all but the latest month. A newcomer who came after a month's collection
pays that month at the next one (补交). A few late
payers: one member paid two months of last year late (补交) in a later collection; one has
paid nothing for the last three months (首页 warns); one for the last six, on whom the
branch has decided 限期补交; one paid three months ahead (预交). Deterministic for a given
``today``.
"""

from __future__ import annotations

import datetime as dt
import random

from jianshi_desktop.db.models import Member
from jianshi_desktop.domain.dues import add_months, month_of
from jianshi_desktop.domain.enums import ArrearsDecision, DuesCategory
from jianshi_desktop.services import dues, dues_arrears, dues_bases, history
from jianshi_desktop.services.dues import BACK_NOTE, PaymentEntry
from jianshi_desktop.services.record_kinds import DUES_COLLECTION

MONTHS = 24
COLLECTION_DAY = 15
HANDED_AFTER = 10  # days after the collection it goes up to the 党委
METHODS = ("微信", "现金", "微信", "转账")


def _members_throughout(first: dt.date, today: dt.date) -> list[int]:
    """Members in the branch from ``first`` to ``today``, not on the committee: the late
    payers are chosen among them (a 书记 behind with dues would be an odd demo)."""
    committee = set(history.committee_member_ids_on(today))
    return [
        facts.id
        for facts in history.member_facts()
        if facts.member_on(first) and facts.member_on(today) and facts.id not in committee
    ]


def _set_bases(years: range, rng: random.Random) -> None:
    """The first year typed member by member; each later year carried over (沿用上年),
    then typed for those new to the branch and for a few whose pay rose."""
    query = Member.select(Member.id, Member.birth_date).where(Member.birth_date.is_null(False))
    born = [(row.birth_date, row.id) for row in query]
    eldest = min(born)[1] if born else None

    def typed(member_id: int, year: int, base_fen: int) -> None:
        if member_id == eldest:  # a retired teacher still in the school's branch
            dues_bases.set_base(member_id, year, category=DuesCategory.RETIRED, base_fen=460_000)
        else:
            dues_bases.set_base(member_id, year, category=DuesCategory.EMPLOYED, base_fen=base_fen)

    for offset, year in enumerate(years):
        if offset:
            dues_bases.carry_bases(year - 1, year)
        rows = dues_bases.bases_of_year(year)
        for row in rows:
            if row.category is None:  # new to the branch: no base to carry
                typed(row.member_id, year, rng.randrange(380, 880) * 1000)  # 3800–8790 元
        for row in rows[1:6] if offset else []:
            if row.base_fen is not None:  # a rise in pay: about 3 %
                typed(row.member_id, year, row.base_fen * 103 // 100 // 1000 * 1000)


def fill_demo_dues(*, today: dt.date) -> None:
    rng = random.Random(2008)
    current = month_of(today)
    first = add_months(current, -(MONTHS - 1))
    _set_bases(range(first.year, today.year + 1), rng)
    regulars = _members_throughout(first, today)
    if len(regulars) < 4:
        return
    late_payer, six_months, paid_back, ahead = regulars[-1], regulars[-2], regulars[-3], regulars[1]
    skipped = {
        late_payer: {add_months(current, -i) for i in range(1, 4)},
        six_months: {add_months(current, -i) for i in range(1, 7)},
        paid_back: {add_months(current, -14), add_months(current, -13)},
    }
    paid_back_in = add_months(current, -12)
    # the months with a 补交 to take: after a month a member came in after its collection
    back_due = {paid_back_in} | {
        add_months(month_of(first), 1)
        for facts in history.member_facts()
        for first, _last in facts.in_branch
        if first is not None and first.day > COLLECTION_DAY
    }
    ahead_in = add_months(current, -5)
    collections: list[int] = []
    for index in range(MONTHS):
        month = add_months(first, index)
        day = month.replace(day=COLLECTION_DAY)
        if day > today:
            continue
        form = dues.new_dues_collection_form(on=day, month=month)
        method = METHODS[index % len(METHODS)]
        payments: list[PaymentEntry] = []
        for payment in form.payments:
            if month in skipped.get(payment.member_id, set()):
                continue
            payment.method = "现金" if rng.random() < 0.3 else method
            payments.append(payment)
        form.payments = payments
        # a member who came after the last collection day pays that month now (补交); the
        # late payers' months stay unpaid, but the one who paid back does so this month
        offered = dues.offered_back_payments(form) if month in back_due else []
        for back in offered:
            if back.for_month not in skipped.get(back.member_id, set()) or (
                back.member_id == paid_back and month == paid_back_in
            ):
                payments.append(back)
        if month == ahead_in:
            payments.extend(dues.offered_ahead_payments(form, ahead)[:3])
        for payment in payments:
            if payment.note == BACK_NOTE:
                payment.method = "现金"
        if index < MONTHS - 1:
            form.handed_on = day + dt.timedelta(days=HANDED_AFTER)
            form.handed_fen = sum(p.paid_fen for p in payments)
        recorded = form.handed_on or day + dt.timedelta(days=1)  # the 上缴 written as it went
        collections.append(DUES_COLLECTION.finish(form, today=min(recorded, today)))
    for collection_id in collections[:-2]:
        DUES_COLLECTION.archive(collection_id)
    decided_on = min(today, current.replace(day=3))
    behind = dues_arrears.member_arrears_of(six_months, decided_on)
    if behind is not None and behind.needs_decision:
        dues_arrears.record_decision(
            six_months,
            since_month=behind.streak[0],
            months=len(behind.streak),
            decided_on=decided_on,
            decision=ArrearsDecision.PAY_BY,
            reason="外出跟岗学习半年，未能按月交纳，本人承诺返校后一次补齐。",
            pay_by=add_months(current, 1) - dt.timedelta(days=1),
            today=today,
        )
