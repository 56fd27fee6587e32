"""Reminders: what the secretary should do next, each with a date and an action.

Computed from the same facts as the dashboard. Each reminder names the place to act
(an ``Action``: an area of the window and what to open there), so that a click on
"本月支委会未召开" opens a new committee-meeting wizard with the date filled. New kinds
(dues, recruitment, ideology reviews) add a function to ``REMINDER_SOURCES``.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from peewee import fn

from jianshi_desktop.db.models import (
    Member,
    ReminderDismissal,
    ThemeDay,
)
from jianshi_desktop.domain import recruitment as recruitment_rules
from jianshi_desktop.domain.compliance import (
    Engine,
    Obligation,
    Per,
    Period,
    State,
    Status,
    period_of,
)
from jianshi_desktop.domain.dates import add_months, format_date
from jianshi_desktop.domain.enums import MeetingKind, MemberState, MemberStatus, RecordState
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import (
    compliance,
    dues_arrears,
    dues_bases,
    dues_ledger,
    org_life_meetings,
    recruitment,
    student_pairings,
    trainings,
)
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch_or_none
from jianshi_desktop.services.members import probation_extensions
from jianshi_desktop.services.organization import RE_ELECTION_NOTICE_MONTHS, current_term

PROBATION_NOTICE_DAYS = 60
SILENT_DAYS = 30
TALKS_FROM_MONTH = 10


@dataclass(frozen=True)
class Action:
    """Where to act: an area of the main window and what to open there."""

    area: str  # members / organization / meetings / theme_days / heart_talks …
    command: str = ""  # new_meeting / new_theme_day / new_heart_talk / make_full_member …
    params: dict[str, Any] = field(default_factory=dict)
    label: str = "去处理"


@dataclass(frozen=True)
class DismissalKey:
    """What a 不再提醒 is about: one obligation in one (last year's) period."""

    obligation: str  # the obligation's key
    period_start: dt.date
    period_end: dt.date
    title: str  # 2025年组织生活会


@dataclass(frozen=True)
class Reminder:
    kind: str
    title: str
    detail: str
    due: dt.date
    overdue: bool
    action: Action
    dismissal: DismissalKey | None = None  # set: the secretary may dismiss it with a reason

    @property
    def urgency(self) -> tuple[int, dt.date]:
        """Overdue first, then by date."""
        return (0 if self.overdue else 1, self.due)


def new_record_action(
    obligation: Obligation, day: dt.date, subject_id: int | None, *, label: str
) -> Action:
    """A new record of the kind ``obligation`` asks for, dated ``day``, in the area that
    lists that kind (``new_<record_type>``), with what the obligation already says."""
    # the kinds are registered with the documents, which read this module's dismissals
    from jianshi_desktop.services.record_kinds import kind_of

    kind = kind_of(obligation.record)
    params: dict[str, Any] = {"date": day.isoformat()}
    if obligation.kind or obligation.usual_kind:
        params["kind"] = obligation.kind or obligation.usual_kind
    if obligation.tag:
        params["tag"] = obligation.tag
    if obligation.each == "group" and subject_id is not None:
        params["party_group_id"] = subject_id
    if obligation.each == "member" and subject_id is not None:
        params["member_id"] = subject_id
    if obligation.each == "leader" and subject_id is not None:
        params["lecturer_id"] = subject_id  # 班子成员讲党课: the leader lectures
    return Action(kind.area, f"new_{kind.record_type}", params, label=label)


def _from_status(status: Status, today: dt.date, recorded_from: dt.date) -> Reminder:
    """The reminder of an obligation not done. A period that began before the branch kept
    its records here may have been done on paper: it says what the app knows, no more."""
    obligation = status.obligation
    missing = status.required - status.done
    overdue = status.state is State.OVERDUE
    on_paper = status.period.start < recorded_from
    paper = ""
    if on_paper:
        title = f"本程序中{status.title}还差{missing}次记录"
        paper = f"{format_date(recorded_from)}以前的工作记在纸质台账上，已经做过的可以补录。"
    elif status.required > 1:
        title = f"{status.title}还差{missing}次"
    else:
        # a meeting is 召开; a 党课 is given (「陈桂：2026年班子成员讲党课尚未完成」)
        verb = "召开" if obligation.record == "meeting" and obligation.kind else "开展"
        if obligation.kind == MeetingKind.LECTURE.value or obligation.per is Per.HALF:
            verb = "完成"  # 「2026年上半年组织设置情况上报尚未完成」
        title = f"{status.title}{'未' if overdue else '尚未'}{verb}"
    return Reminder(
        kind=f"obligation:{obligation.key}",
        title=title,
        detail=f"要求：{obligation.describe()}（{obligation.source}）。"
        f"{'已过期限' if overdue else '期限'}：{format_date(status.due)}。{paper}",
        due=status.due,
        overdue=overdue,
        action=new_record_action(
            obligation, min(today, status.due), status.subject_id, label="新建记录"
        ),
    )


def late_entry_action(
    obligation: Obligation, period: Period, today: dt.date, subject_id: int | None = None
) -> Action:
    """补录: the usual new-record wizard, dated in ``period`` (its last day, or today)."""
    return new_record_action(obligation, min(today, period.end), subject_id, label="补录")


def obligation_reminders(engine: Engine, today: dt.date) -> list[Reminder]:
    found = []
    for status in engine.current(today):
        if status.obligation.each == "member":
            continue  # talks are summarised below, not one line per member
        if status.obligation.reports:
            continue  # 上报 by a day of the month: report_reminders
        if status.state in (State.OVERDUE, State.DUE_SOON):
            found.append(_from_status(status, today, engine.facts.recorded_from))
    # last month left undone is still worth a line, and so is last half year's report
    # (组织设置情况 for a half is often made in the month after it; it still counts)
    last_month = period_of(add_months(today, -1), Per.MONTH)
    last_half = period_of(add_months(today, -6), Per.HALF)
    for obligation in engine.obligations:
        earlier = {Per.MONTH: last_month, Per.HALF: last_half}.get(obligation.per)
        if earlier is not None and not obligation.reports:
            for status in engine.status(obligation, earlier, today):
                if status.state is State.OVERDUE:
                    found.append(_from_status(status, today, engine.facts.recorded_from))
    return found


def dismissed() -> set[tuple[str, dt.date]]:
    """(obligation, period start) of every reminder dismissed with 不再提醒."""
    return {
        (row.obligation, row.period_start)
        for row in ReminderDismissal.select(
            ReminderDismissal.obligation, ReminderDismissal.period_start
        )
    }


@dataclass(frozen=True)
class Dismissal:
    """Why last year's item was not done, as the secretary wrote it, and when."""

    reason: str
    dismissed_on: dt.date


def dismissals() -> dict[tuple[str, dt.date], Dismissal]:
    """(obligation, period start) → the reason and day of every 不再提醒 (the report
    states them: rules.md §7, a report lists what is open and why)."""
    return {
        (row.obligation, row.period_start): Dismissal(row.reason, row.dismissed_on)
        for row in ReminderDismissal.select(
            ReminderDismissal.obligation,
            ReminderDismissal.period_start,
            ReminderDismissal.reason,
            ReminderDismissal.dismissed_on,
        )
    }


LAST_YEAR_HINT = "如果已经开展，请补录；确实无法补录的，可点“不再提醒”并写明原因。"


def last_year_reminders(engine: Engine, today: dt.date) -> list[Reminder]:
    """Last year's yearly obligations left undone stay until 补录 or 不再提醒 (one year only).

    Periods before the branch kept its records here are 未在本程序记录, not overdue,
    and so never come up."""
    last_year = period_of(dt.date(today.year - 1, 1, 1), Per.YEAR)
    undone = [
        (obligation, statuses)
        for obligation in engine.obligations
        if obligation.per is Per.YEAR
        for statuses in (
            [s for s in engine.status(obligation, last_year, today) if s.state is State.OVERDUE],
        )
        if statuses
    ]
    gone = dismissed() if undone else set()  # read only when there is something to filter
    found = []
    for obligation, statuses in undone:
        if (obligation.key, last_year.start) in gone:
            continue
        key = DismissalKey(
            obligation.key,
            last_year.start,
            last_year.end,
            f"{last_year.label}{obligation.label}",
        )
        if obligation.each == "member":
            names = "、".join(s.subject for s in statuses[:8]) + ("等" if len(statuses) > 8 else "")
            reminder = Reminder(
                f"last_year:{obligation.key}",
                f"{last_year.label}还有{len(statuses)}名党员没有谈心谈话记录",
                f"{names}。{LAST_YEAR_HINT}",
                last_year.end,
                True,
                late_entry_action(obligation, last_year, today),
            )
            found.append(replace(reminder, dismissal=key))
            continue
        # one for each subject left undone (each 班子成员 lectures himself), its 补录 for
        # that subject; 不再提醒 is kept per obligation and year, so it covers them all
        together = _dismissed_together(obligation, statuses)
        for status in statuses:
            reminder = _from_status(status, today, engine.facts.recorded_from)
            found.append(
                replace(
                    reminder,
                    kind=f"last_year:{obligation.key}",
                    detail=f"{reminder.detail}{LAST_YEAR_HINT}{together}",
                    action=replace(reminder.action, label="补录"),
                    dismissal=key,
                )
            )
    return found


def _dismissed_together(obligation: Obligation, statuses: list[Status]) -> str:
    """「“不再提醒”对这2名班子成员一并生效（陈桂、李华）。」 when one 不再提醒 covers several."""
    if len(statuses) < 2:
        return ""
    unit = {"leader": "名班子成员", "group": "个党小组"}.get(obligation.each or "", "项")
    names = "、".join(s.subject for s in statuses)
    return f"“不再提醒”对这{len(statuses)}{unit}一并生效（{names}）。"


def dismiss_reminder(key: DismissalKey, reason: str, *, today: dt.date | None = None) -> None:
    """不再提醒: last year's item, with the reason why (audited; the reason is required)."""
    today = today or dt.date.today()
    reason = squeeze(reason)
    if not reason:
        raise ValidationError("请写明不再提醒的原因，例如“已在纸质台账中记录”。", field="reason")
    if len(reason) > 200:
        raise ValidationError("原因太长（最多200个字），请精简。", field="reason")
    if key.period_start.year != today.year - 1:
        raise ValidationError("只能对上一年度未完成的事项选择“不再提醒”。")
    if (key.obligation, key.period_start) in dismissed():
        raise ValidationError(f"“{key.title}”已经设为不再提醒。")
    with user_action("dismiss_reminder", entity="reminder_dismissal") as audit:
        row = ReminderDismissal.create(
            obligation=key.obligation,
            period_start=key.period_start,
            period_end=key.period_end,
            reason=reason,
            dismissed_on=today,
        )
        audit.entity_id = row.id
        audit.summary = f"“{key.title}”不再提醒：{reason}"
        audit.detail = {"obligation": key.obligation, "period": key.period_start.isoformat()}


def term_reminders(today: dt.date) -> list[Reminder]:
    term = current_term(today=today)
    if term is None:
        return []
    found = []
    if term.ends_on < today:
        found.append(
            Reminder(
                "term_ended",
                "支部委员会任期已届满，需要换届",
                f"本届任期于{format_date(term.ends_on)}届满。请按程序换届，并登记新一届支委会。",
                term.ends_on,
                True,
                Action("organization", "new_term", label="登记换届"),
            )
        )
    elif term.ends_on <= add_months(today, RE_ELECTION_NOTICE_MONTHS):
        found.append(
            Reminder(
                "term_ending",
                f"支部委员会任期将于{format_date(term.ends_on)}届满",
                "请提前6个月向上级党组织报告，做好换届准备。",
                term.ends_on,
                False,
                Action("organization", label="查看组织"),
            )
        )
    for post in term.posts:
        if post.vacant:
            found.append(
                Reminder(
                    "vacant_post",
                    f"{post.title}职务空缺，需要补选",
                    "支委出现空缺应及时补选，补选后请登记任职人员。",
                    today,
                    False,
                    Action("organization", "change_holder", {"post_id": post.id}, "登记任职人员"),
                )
            )
    return found


def probation_reminders(today: dt.date) -> list[Reminder]:
    found = []
    query = Member.select().where(
        (Member.state == MemberState.ACTIVE) & (Member.status == MemberStatus.PROBATIONARY)
    )
    extended = probation_extensions()  # 延长预备期 moves the end (党章 art. 7)
    for member in query:
        if member.joined_on is None:
            continue
        due = probation_end(member.joined_on, extended.get(member.id))
        if due < today:
            found.append(
                Reminder(
                    "probation_past",
                    f"{member.name}预备期已满，尚未登记转正",
                    f"预备期于{format_date(due)}届满。请按程序讨论转正（或延长预备期），"
                    "并在党员信息中登记。",
                    due,
                    True,
                    Action("members", "make_full_member", {"member_id": member.id}, "登记转正"),
                )
            )
        elif (due - today).days <= PROBATION_NOTICE_DAYS:
            found.append(
                Reminder(
                    "probation_ending",
                    f"{member.name}预备期将于{format_date(due)}届满",
                    "请提醒本人提出转正申请，并安排支部大会讨论。",
                    due,
                    False,
                    Action("members", "open_member", {"member_id": member.id}, "查看党员"),
                )
            )
    return found


def silence_reminders(today: dt.date) -> list[Reminder]:
    # The latest day of any kind of record, in one query (首页 has a query budget).
    from jianshi_desktop.services.record_kinds import KINDS  # they build on this module

    latest_days = [
        kind.model.select(fn.MAX(kind.model.held_on)).where(kind.model.state != RecordState.DRAFT)
        for kind in KINDS
    ]
    days = [
        day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        for (day,) in functools.reduce(operator.or_, latest_days).tuples()
        if day is not None
    ]
    latest = max(days, default=None)
    branch = current_branch_or_none()
    # Without any record, count from the day the branch was set up in the app, not from
    # its founding decades ago.
    started = branch.created_at.date() if branch is not None else today
    since = latest or started
    if (today - since).days <= SILENT_DAYS:
        return []
    what = f"最近一次记录是{format_date(latest)}" if latest else "还没有任何活动记录"
    return [
        Reminder(
            "silent",
            f"已有{(today - since).days}天没有记录组织生活",
            f"{what}。有的地方把30天没有活动记录的支部列为需要关注的支部。",
            since + dt.timedelta(days=SILENT_DAYS),
            True,
            Action("meetings", "new_meeting", {"date": today.isoformat()}, "记录一次活动"),
        )
    ]


def talk_reminders(engine: Engine, today: dt.date) -> list[Reminder]:
    if today.month < TALKS_FROM_MONTH:
        return []
    statuses = [
        s
        for s in engine.current(today)
        if s.obligation.key == "heart_talk" and s.state is not State.DONE
    ]
    if not statuses:
        return []
    names = "、".join(s.subject for s in statuses[:8]) + ("等" if len(statuses) > 8 else "")
    return [
        Reminder(
            "talks_missing",
            f"今年还有{len(statuses)}名党员没有谈心谈话记录",
            f"{names}。每年应与每名党员至少谈心谈话一次。",
            dt.date(today.year, 12, 31),
            False,
            Action("heart_talks", "new_heart_talk", {"date": today.isoformat()}, "记录谈话"),
        )
    ]


def theme_day_reminders(today: dt.date) -> list[Reminder]:
    branch = current_branch_or_none()
    if branch is None:
        return []
    day = dt.date(today.year, today.month, branch.theme_day_of_month)
    if day >= today or branch.founded_on > day:
        return []
    month_start = today.replace(day=1)
    held = ThemeDay.select().where(
        (ThemeDay.held_on >= month_start)
        & (ThemeDay.held_on <= today)
        & (ThemeDay.state != RecordState.DRAFT)
    )
    if held.exists():
        return []
    return [
        Reminder(
            "theme_day_missed",
            f"本月主题党日（{today.month}月{day.day}日）已过，还没有记录",
            "如果已经开展，请补记；如果还没有开展，请尽快安排。",
            day,
            True,
            Action("theme_days", "new_theme_day", {"date": day.isoformat()}, "记录主题党日"),
        )
    ]


def report_reminders(engine: Engine, today: dt.date) -> list[Reminder]:
    """A monthly item due by a 上报截止日 (意识形态风险研判): this month's, with its deadline,
    until reported — a review held but not reported leaves it open — and last month's if
    it was not reported in time."""
    found = []
    last_month = period_of(add_months(today, -1), Per.MONTH)
    for obligation in engine.obligations:
        if not obligation.reports:
            continue
        for period in (last_month, period_of(today, Per.MONTH)):
            for status in engine.status(obligation, period, today):
                current = period.start <= today <= period.end
                if status.state is State.DONE or status.state is State.NOT_RECORDED:
                    continue
                if not current and status.state is not State.OVERDUE:
                    continue
                found.append(_report_reminder(engine, status, today, current=current))
    return found


def _report_reminder(engine: Engine, status: Status, today: dt.date, *, current: bool) -> Reminder:
    obligation = status.obligation
    due = status.due
    when = f"{due.month}月{due.day}日"
    overdue = status.state is State.OVERDUE
    held = engine.unreported(obligation, status.period)
    name = f"本月{obligation.label}" if current else f"{status.period.label}{obligation.label}"
    if overdue:
        title = f"{name}{'已完成但' if held else ''}未按时上报（截止日{when}）"
    else:
        title = f"{name}请于{when}前上报"
    if held:
        detail = (
            f"{format_date(held[-1].held_on)}已完成研判，还没有登记上报日期。"
            "上报后请打开这次研判，在最后一步填写上报日期。"
        )
        label = "登记上报"
    else:
        detail = "还没有完成的研判记录。"
        label = "新建记录"
    return Reminder(
        kind=f"report:{obligation.key}",
        title=title,
        detail=f"{detail}要求：{obligation.describe()}（{obligation.source}）。"
        f"{'已过期限' if overdue else '期限'}：{format_date(due)}。",
        due=due,
        overdue=overdue,
        action=new_record_action(obligation, min(today, status.period.end), None, label=label),
    )


ReminderSource = Callable[[Engine, dt.date], list[Reminder]]


def dues_reminders(engine: Engine, today: dt.date) -> list[Reminder]:
    """党费: who is behind (services.dues_arrears) and the year's bases not yet set
    (services.dues_bases), from the dues read once and the engine's member history."""
    history = engine.facts.member_history
    first = min(
        (r.held_on for r in engine.facts.records if r.record == dues_ledger.RECORD_TYPE),
        default=None,
    )
    snap = dues_ledger.snapshot(members=history, first_collected=first)
    return [*dues_arrears.arrears_reminders(today, snap), *dues_bases.base_reminders(today, snap)]


ASSESSMENT_NOTICE_DAYS = 14  # 半年考察: reminded from two weeks before it is due
# 上级党委备案、预审、谈话、审批: the branch waits on them
PARENT_STEPS = (4, 8, 13, 16, 17, 18, 24)
APPROVAL_STEP = 17  # 上级党委审批, within three months of 接收: 谈话 (16) comes before it


def recruitment_reminders(today: dt.date) -> list[Reminder]:
    """发展党员 (rules.md §4): 谈话 within a month of an application, the half-yearly
    考察 due, 上级党委备案/预审/谈话/审批 waiting (审批 within three months of 接收). The
    end of the 预备期 is the member's reminder (probation_reminders): every 接收 makes a
    member. Every file read at once (services.recruitment.all_facts)."""
    the_rules = recruitment.rules()
    found: list[Reminder] = []
    for row, facts in recruitment.all_facts():
        if row.stopped_on is not None:
            continue
        action = Action("recruitment", "open_file", {"recruitment_id": row.id}, "打开档案")
        for spot in recruitment_rules.next_steps(the_rules, facts):
            reminder = _recruitment_reminder(row.name, facts, spot, today)
            if reminder is not None:
                found.append(replace(reminder, action=action))
    return found


def _recruitment_reminder(
    name: str,
    facts: recruitment_rules.FileFacts,
    spot: recruitment_rules.Window,
    today: dt.date,
) -> Reminder | None:
    rule = recruitment.rules().step(spot.no)
    kind = f"recruitment:{spot.no}"
    late = spot.latest is not None and spot.latest < today
    deadline = (
        f"{'已过期限' if late else '期限'}：{format_date(spot.latest)}。" if spot.latest else ""
    )
    none = Action("recruitment")
    if spot.no == 2 and spot.latest is not None:
        applied = facts.first(1)
        title = (
            f"{name}递交入党申请已超过一个月，尚未谈话"
            if late
            else f"{name}递交了入党申请，请在{format_date(spot.latest)}前派人谈话"
        )
        detail = f"{format_date(applied)}递交入党申请（{spot.latest_rule}）。{deadline}"
        return Reminder(kind, title, detail, spot.latest, late, none)
    if spot.no == recruitment_rules.ASSESSMENT_STEP and spot.latest is not None:
        if (spot.latest - today).days > ASSESSMENT_NOTICE_DAYS:
            return None
        title = (
            f"{name}的半年考察已超期"
            if late
            else f"{name}的半年考察将于{format_date(spot.latest)}到期"
        )
        detail = f"请记录培养教育考察情况（{spot.latest_rule}）。{deadline}"
        return Reminder(kind, title, detail, spot.latest, late, none)
    if spot.no == APPROVAL_STEP - 1:  # 谈话 before 审批: the approval's deadline runs
        approval = recruitment_rules.window(recruitment.rules(), facts, APPROVAL_STEP)
        spot = replace(spot, latest=approval.latest, latest_rule=approval.latest_rule)
        late = spot.latest is not None and spot.latest < today
        deadline = (
            f"{'已过期限' if late else '期限'}：{format_date(spot.latest)}。" if spot.latest else ""
        )
    if spot.no in PARENT_STEPS:
        since = spot.earliest or today
        if spot.latest is not None:
            what = "上级党委谈话和审批" if spot.no == APPROVAL_STEP - 1 else rule.name
            title = (
                f"{name}的{what}已超过三个月期限"
                if late
                else f"{name}的{what}请在{format_date(spot.latest)}前完成"
            )
        else:
            title = f"{name}的{rule.name}尚未登记"
        detail = (
            f"{rule.title}由上级党委办理（{spot.latest_rule or spot.earliest_rule}），"
            f"办好后请在档案中记录。{deadline}"
        )
        return Reminder(kind, title, detail, spot.latest or since, late, none)
    return None  # the end of the 预备期 is the member's (probation_reminders)


REMINDER_SOURCES: list[ReminderSource] = [
    obligation_reminders,
    lambda _engine, today: term_reminders(today),
    lambda _engine, today: probation_reminders(today),
    lambda _engine, today: silence_reminders(today),
    talk_reminders,
    lambda _engine, today: theme_day_reminders(today),
    report_reminders,
    last_year_reminders,
    lambda _engine, today: org_life_meetings.rectification_reminders(today),
    lambda engine, today: dues_reminders(engine, today),
    lambda _engine, today: recruitment_reminders(today),
    lambda _engine, today: student_pairings.summary_reminders(today),
    trainings.training_reminders,
]


def reminders(*, today: dt.date | None = None, engine: Engine | None = None) -> list[Reminder]:
    """Every reminder, the most urgent first; duplicates of one place to act merged."""
    today = today or dt.date.today()
    engine = engine or compliance.engine(today=today)
    found: list[Reminder] = []
    for source in REMINDER_SOURCES:
        found.extend(source(engine, today))
    unique: dict[tuple[str, str], Reminder] = {}
    for reminder in found:
        unique.setdefault((reminder.kind, reminder.title), reminder)
    return sorted(unique.values(), key=lambda r: r.urgency)
