"""欠缴党费: who is behind with their dues and what the branch decided (rules.md §3).

A member whose last months over are unpaid is warned at three months (WARN_MONTHS) and, at
six (DECIDE_MONTHS, 党章 art. 9: six consecutive months without dues and without good reason
count as leaving the party), the branch must decide: 有正当理由, 限期补交 or 按自行脱党处理
(by a 支部党员大会). A decision covers the run of unpaid months it was taken on; a payment of
the last month over ends that run, and a new run starts fresh.

What is owed and paid is read from ``services/dues_ledger.py`` (finished collections only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jianshi_desktop.db.models import DuesArrearsDecision, Meeting, Member
from jianshi_desktop.domain import dues
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.dues import DECIDE_MONTHS, WARN_MONTHS
from jianshi_desktop.domain.enums import ArrearsDecision, MemberEventKind
from jianshi_desktop.domain.text import clean
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import dues_ledger, history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.records import tuples

if TYPE_CHECKING:
    from jianshi_desktop.services.reminders import Reminder

AREA = "dues"
MAX_REASON = 300


@dataclass(frozen=True)
class DecisionRow:
    """One recorded decision on a member's run of unpaid months."""

    id: int
    member_id: int
    since_month: dt.date
    months: int
    decided_on: dt.date
    decision: ArrearsDecision
    reason: str
    pay_by: dt.date | None
    meeting_id: int | None

    def covers(self, streak: tuple[dt.date, ...]) -> bool:
        """Whether the run ``streak`` is the one decided on: it began within the months
        decided (months paid since may have shortened it from the front)."""
        if not streak:
            return False
        return self.since_month <= streak[0] < dues.add_months(self.since_month, self.months)

    @property
    def text(self) -> str:
        """「已决定：限期补交（2027年1月31日前）」 and the like, for the list and the member."""
        if self.decision is ArrearsDecision.PAY_BY:
            by = f"（{format_date(self.pay_by)}前）" if self.pay_by else ""
            return f"已决定：限期补交{by}"
        if self.decision is ArrearsDecision.LEAVING:
            return "已决定：按自行脱党处理，待办理除名"
        return "已决定：有正当理由，暂不作处理"


@dataclass(frozen=True)
class MemberArrears:
    """A member in the branch today with months over and unpaid."""

    member_id: int
    name: str
    streak: tuple[dt.date, ...]  # the run of unpaid months ending with the last month over
    unpaid: tuple[dt.date, ...]  # every unpaid month
    owed_fen: int | None  # 应补交 for every unpaid month; None when a base is not set
    level: int  # 0, WARN_MONTHS or DECIDE_MONTHS
    decision: DecisionRow | None  # the latest decision on this run
    paid_through: dt.date | None

    @property
    def months(self) -> int:
        return len(self.streak)

    @property
    def needs_decision(self) -> bool:
        return self.level >= DECIDE_MONTHS and self.decision is None

    @property
    def unpaid_text(self) -> str:
        """「2026年9月—11月」, or 「2026年3月、2026年9月—11月」 when there are gaps."""
        runs: list[list[dt.date]] = []
        for month in self.unpaid:
            if runs and dues.add_months(runs[-1][-1], 1) == month:
                runs[-1].append(month)
            else:
                runs.append([month])
        return "、".join(dues.months_text(run) for run in runs)

    @property
    def state_text(self) -> str:
        """What the list says beside the months: the decision, or what is to be done."""
        if self.decision is not None:
            return self.decision.text
        if self.level >= DECIDE_MONTHS:
            return f"已连续{self.months}个月未交，请作出处理决定"
        if self.level >= WARN_MONTHS:
            return f"已连续{self.months}个月未交，请提醒补交"
        if self.streak:
            return f"{self.months}个月未交"
        return "以前月份未交"


def _decisions(member_ids: list[int] | None = None) -> dict[int, list[DecisionRow]]:
    """Each member's decisions, the latest first."""
    query = DuesArrearsDecision.select(
        DuesArrearsDecision.id,
        DuesArrearsDecision.member,
        DuesArrearsDecision.since_month,
        DuesArrearsDecision.months,
        DuesArrearsDecision.decided_on,
        DuesArrearsDecision.decision,
        DuesArrearsDecision.reason,
        DuesArrearsDecision.pay_by,
        DuesArrearsDecision.meeting,
    ).order_by(DuesArrearsDecision.decided_on.desc(), DuesArrearsDecision.id.desc())
    if member_ids is not None:
        query = query.where(DuesArrearsDecision.member.in_(member_ids))
    found: dict[int, list[DecisionRow]] = {}
    for row in tuples(query):
        decision = DecisionRow(*row)
        found.setdefault(decision.member_id, []).append(decision)
    return found


def decisions_of(member_id: int) -> list[DecisionRow]:
    """The decisions recorded on ``member_id``'s arrears, the latest first."""
    return _decisions([member_id]).get(member_id, [])


def _paid_through(paid: set[dt.date] | None, elsewhere: dt.date | None) -> dt.date | None:
    months = set(paid or ())
    if elsewhere is not None:
        months.add(dues.month_of(elsewhere))
    return max(months, default=None)


def paid_through(member_id: int) -> dt.date | None:
    """The last month ``member_id`` has paid (here, or elsewhere before a 转入), as its
    first day; None before any payment."""
    paid = dues_ledger.paid_months().get(member_id)
    return _paid_through(paid, dues_ledger.paid_elsewhere_through().get(member_id))


def arrears_list(today: dt.date, snap: dues_ledger.Snapshot | None = None) -> list[MemberArrears]:
    """The members on the roster on ``today`` with months over and unpaid, the longest
    run first. ``snap``: the dues as already read (首页 reads them once)."""
    snap = snap or dues_ledger.snapshot()
    behind = dues_ledger.member_arrears(today, snap)
    if not behind:
        return []
    # a member who left today (转出, 出党 …) was still in the branch today, no longer listed
    tomorrow = today + dt.timedelta(days=1)
    names = {f.id: f.name for f in snap.members if f.id in behind and f.member_on(tomorrow)}
    bases, paid, elsewhere = snap.bases, snap.paid, snap.elsewhere
    decided = _decisions(list(behind))
    found = []
    for member_id, arrears in behind.items():
        if member_id not in names:
            continue
        name = names[member_id]
        owed: int | None = 0
        for month in arrears.unpaid:
            due = dues_ledger.reckon(member_id, name, month, bases.get(member_id)).due_fen
            owed = None if owed is None or due is None else owed + due
        decision = next((d for d in decided.get(member_id, ()) if d.covers(arrears.streak)), None)
        found.append(
            MemberArrears(
                member_id=member_id,
                name=name,
                streak=arrears.streak,
                unpaid=arrears.unpaid,
                owed_fen=owed,
                level=arrears.level,
                decision=decision,
                paid_through=_paid_through(paid.get(member_id), elsewhere.get(member_id)),
            )
        )
    found.sort(key=lambda r: (-r.months, -len(r.unpaid), r.member_id))
    return found


def member_arrears_of(member_id: int, today: dt.date) -> MemberArrears | None:
    return next((r for r in arrears_list(today) if r.member_id == member_id), None)


def member_line(member_id: int, today: dt.date) -> str:
    """The member window's line: 「党费：交至2026年11月」, 「党费：已3个月未交（2026年9月—11月）」
    (with the decision, when there is one); "" while the branch keeps no dues here."""
    if dues_ledger.dues_start() is None:
        return ""
    row = member_arrears_of(member_id, today)
    if row is None:
        through = paid_through(member_id)
        return f"党费：交至{dues.month_label(through)}" if through else ""
    if row.streak:
        text = f"党费：已{row.months}个月未交（{dues.months_text(row.streak)}）"
        earlier = len(row.unpaid) - len(row.streak)
        if earlier:
            text += f"，此前另有{earlier}个月未交"
    else:
        upto = f"交至{dues.month_label(row.paid_through)}，" if row.paid_through else ""
        text = f"党费：{upto}{row.unpaid_text}未交"
    if row.decision is not None:
        text += f"；{row.decision.text}"
    return text


# --- the decision ----------------------------------------------------------------------------


def _arrears_on(member_id: int, day: dt.date) -> dues.Arrears | None:
    """The member's arrears as they stood on ``day``: the months over that day, less those
    paid on or before it; None when not in the branch that day."""
    start = dues_ledger.dues_start()
    facts = history.facts_of(member_id)
    if start is None or facts is None or not facts.member_on(day):
        return None
    owed = dues_ledger.due_months_of(
        facts,
        start=start,
        through=dues.add_months(dues.month_of(day), -1),
        elsewhere=dues_ledger.paid_elsewhere_through().get(member_id),
    )
    paid = [
        p.month for p in dues_ledger.payments() if p.member_id == member_id and p.paid_on <= day
    ]
    return dues.arrears(owed, paid, today=day)


def six_months_over(since_month: dt.date) -> dt.date:
    """The first day a run of unpaid months that began in ``since_month`` has six months
    over (a month counts once it has ended): a run from June is six months on 1 December."""
    return dues.add_months(since_month, DECIDE_MONTHS)


def deciding_meeting_choices(since_month: dt.date, decided_on: dt.date) -> list[tuple[int, str]]:
    """The finished 支部党员大会 from the day the run has six months over to
    ``decided_on``: one of them decided to treat the member as leaving the party (the same
    meetings 民主评议 offers)."""
    from jianshi_desktop.services.member_appraisals import deciding_meeting_choices as of_year

    first = six_months_over(since_month)
    choices: list[tuple[int, str]] = []
    for year in range(first.year, decided_on.year + 1):
        choices.extend(of_year(first if year == first.year else dt.date(year, 1, 1)))
    if not choices:
        return []
    days = dict(
        tuples(
            Meeting.select(Meeting.id, Meeting.held_on).where(
                Meeting.id.in_([meeting_id for meeting_id, _ in choices])
            )
        )
    )
    return [(meeting_id, label) for meeting_id, label in choices if days[meeting_id] <= decided_on]


def record_decision(
    member_id: int,
    *,
    since_month: dt.date,
    months: int,
    decided_on: dt.date,
    decision: ArrearsDecision,
    reason: str,
    pay_by: dt.date | None = None,
    meeting_id: int | None = None,
    today: dt.date | None = None,
) -> int:
    """Record the branch's decision on a member six months or more without dues (audited);
    a ValidationError (Chinese, naming its field) says what to fix. Returns the id.

    ``since_month`` and ``months``: the run as the secretary saw it; the run as it stood on
    ``decided_on`` (payments made by that day) is what is stored."""
    today = today or dt.date.today()
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise ValidationError("这名党员已不存在，请重新打开党费页面。")
    if decided_on > today:
        raise ValidationError("决定日期晚于今天，请核对。", field="decided_on")
    behind = _arrears_on(member_id, decided_on)
    if behind is None or len(behind.streak) < DECIDE_MONTHS:
        raise ValidationError(
            f"{format_date(decided_on)}{member.name}没有连续{DECIDE_MONTHS}个月未交党费，"
            "不需要作出处理决定。",
            field="decided_on",
            hint="只有连续6个月未交党费的党员才需要支部作出决定；请核对决定日期。",
        )
    if since_month not in behind.streak:
        raise ValidationError(
            f"{member.name}未交党费的月份已有变化"
            f"（{format_date(decided_on)}为{dues.months_text(behind.streak)}），"
            "请关闭窗口重新打开。"
        )
    since_month, months = behind.streak[0], len(behind.streak)  # the run as it stood that day
    reason = clean(reason)
    if len(reason) > MAX_REASON:
        raise ValidationError(f"理由太长（最多{MAX_REASON}个字），请精简。", field="reason")
    if decision is ArrearsDecision.GOOD_REASON and not reason:
        raise ValidationError("请写明正当理由，例如“长期病休，本人已申请缓交”。", field="reason")
    if decision is ArrearsDecision.PAY_BY:
        if pay_by is None:
            raise ValidationError("请填写限期补交的截止日期。", field="pay_by")
        if pay_by <= decided_on:
            raise ValidationError("补交截止日期应晚于决定日期。", field="pay_by")
    else:
        pay_by = None
    if decision is ArrearsDecision.LEAVING:
        allowed = {i for i, _ in deciding_meeting_choices(since_month, decided_on)}
        if meeting_id is None or meeting_id not in allowed:
            raise ValidationError(
                "按自行脱党处理须经支部党员大会讨论决定，请选择作出决定的支部党员大会"
                f"（{format_date(six_months_over(since_month))}以后已完成记录的）。",
                field="meeting_id",
                hint="还没有记录这次支部党员大会的，请先在“三会一课”中记录。",
            )
    else:
        meeting_id = None
    with user_action("dues_arrears_decision", entity="dues_arrears_decision") as audit:
        row = DuesArrearsDecision.create(
            member=member_id,
            since_month=since_month,
            months=months,
            decided_on=decided_on,
            decision=decision,
            reason=reason,
            pay_by=pay_by,
            meeting=meeting_id,
        )
        audit.entity_id = row.id
        audit.summary = (
            f"{member.name}连续{months}个月未交党费（{dues.months_text(behind.streak)}），"
            f"支部决定：{decision.label}"
        )
        audit.detail = {
            "member_id": member_id,
            "since_month": since_month.isoformat(),
            "decision": decision.value,
        }
    return int(row.id)


# --- reminders (首页) -----------------------------------------------------------------------


def arrears_reminders(today: dt.date, snap: dues_ledger.Snapshot | None = None) -> list[Reminder]:
    """One reminder per member behind: at three months (提醒补交), at six without a decision
    (作出决定), after a 限期补交 date passed unpaid, and until a member to be treated as
    leaving the party has left the roster."""
    found = []
    for row in arrears_list(today, snap):
        reminder = _reminder(row, today)
        if reminder is not None:
            found.append(reminder)
    return found


def _reminder(row: MemberArrears, today: dt.date) -> Reminder | None:
    from jianshi_desktop.services.reminders import Action, Reminder  # it lists this module

    show = Action(AREA, "show_arrears", {"member_id": row.member_id}, "查看欠缴")
    decide = Action(AREA, "decide_arrears", {"member_id": row.member_id}, "作出决定…")
    owed = f"应补交{dues.format_yuan(row.owed_fen)}元。" if row.owed_fen else ""
    decision = row.decision
    if decision is not None:
        if decision.decision is ArrearsDecision.PAY_BY and decision.pay_by is not None:
            if decision.pay_by >= today:
                return None
            return Reminder(
                "dues_arrears",
                f"{row.name}限期补交党费已到期，仍有{len(row.unpaid)}个月未交",
                f"支部{format_date(decision.decided_on)}决定限期补交，期限"
                f"{format_date(decision.pay_by)}。未交月份：{row.unpaid_text}。{owed}"
                "请督促补交，或由支部作出新的决定。",
                decision.pay_by,
                True,
                decide if row.level >= DECIDE_MONTHS else show,
            )
        if decision.decision is ArrearsDecision.LEAVING:
            return Reminder(
                "dues_arrears",
                f"{row.name}按自行脱党处理，尚未办理除名",
                f"支部党员大会已决定按自行脱党处理（{format_date(decision.decided_on)}）。"
                "请登记出党（党员 › 人员变动）。",
                decision.decided_on,
                True,
                Action(
                    "members",
                    "record_leaving",
                    {"member_id": row.member_id, "kind": MemberEventKind.LEFT_PARTY.value},
                    "登记出党…",
                ),
            )
        return None
    if row.level >= DECIDE_MONTHS:
        return Reminder(
            "dues_arrears",
            f"{row.name}已连续{row.months}个月未交党费，请支部作出处理决定",
            f"未交月份：{dues.months_text(row.streak)}。{owed}党章规定，党员连续六个月不交纳"
            "党费，没有正当理由的，视为自行脱党。请支部决定：有正当理由暂不处理、限期补交，"
            "或提交支部党员大会按自行脱党处理。",
            dues.add_months(row.streak[0], DECIDE_MONTHS),
            True,
            decide,
        )
    if row.level >= WARN_MONTHS:
        return Reminder(
            "dues_arrears",
            f"{row.name}已{row.months}个月未交党费（{dues.months_text(row.streak)}）",
            f"{owed}请提醒本人及时补交。连续六个月不交纳党费的，支部须作出处理决定。",
            dues.add_months(row.streak[0], DECIDE_MONTHS),
            False,
            show,
        )
    return None
