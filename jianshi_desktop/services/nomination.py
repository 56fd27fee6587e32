"""The 推荐材料 (事迹材料) drafted from one year's records, for the secretary to edit.

Only what the records of that year show is said, in plain sentences a secretary can
change: the meetings and other records the branch finished, the obligations the engine
counts as done (all of them only when every item of the year is done), 发展党员, 党费,
awards; for a member, the posts and 职务 held that year, the lectures given, the meetings
attended, talks, training hours, the year's 民主评议 rating, 结对帮扶. A figure that is
zero or unknown is left out rather than printed as 0 or guessed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

from peewee import fn

from jianshi_desktop.db.models import (
    AppraisalRating,
    Attendance,
    CommitteePost,
    CommitteePostHolding,
    DuesCollection,
    DuesPayment,
    HeartTalk,
    LeadershipMember,
    Meeting,
    Member,
    MemberAppraisal,
    PairingHelp,
    PartyGroup,
    Recruitment,
    StudentPairing,
    Training,
)
from jianshi_desktop.domain.compliance import Engine, State, periods_in_year
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    AttendanceRole,
    AwardKind,
    CommitteePostKind,
    MeetingKind,
    Presence,
    RecordState,
)
from jianshi_desktop.services import compliance, history
from jianshi_desktop.services.awards import Nomination, NominationText, award_text, list_awards
from jianshi_desktop.services.branch import branch_as_of
from jianshi_desktop.services.records import tuples

DONE = (RecordState.FINISHED, RecordState.ARCHIVED)
MEETING_ORDER = (
    MeetingKind.GENERAL_ASSEMBLY,
    MeetingKind.COMMITTEE,
    MeetingKind.GROUP,
    MeetingKind.LECTURE,
)


def _kinds() -> dict[str, str]:
    """Registered record types → how the secretary names them (training only when the
    kind is registered)."""
    from jianshi_desktop.services.record_kinds import KINDS

    return {kind.record_type: kind.name for kind in KINDS}


def _span(year: int, today: dt.date) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), today)


def _as_of(year: int, today: dt.date) -> str:
    """「2025年」 for a past year, 「2026年以来（截至12月7日）」 for this one."""
    if year < today.year:
        return f"{year}年"
    return f"{year}年以来（截至{today.month}月{today.day}日）"


def _listed(items: list[str]) -> str:
    return "、".join(items)


def _hours(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text[:-2] if text.endswith(".0") else text


def draft(nomination: Nomination, *, today: dt.date) -> NominationText:
    """A fresh draft of the 推荐材料 for ``nomination`` from its year's records."""
    year = nomination.year
    _, last = _span(year, today)
    names = branch_as_of(last)
    if nomination.member_id is None:
        honour = "红旗党支部" if nomination.kind is AwardKind.RED_FLAG_BRANCH else "先进党组织"
        title = f"关于推荐{names.name}为{year}年度{honour}的事迹材料"
        paragraphs = branch_paragraphs(year, today)
        paragraphs.append(f"特推荐{names.name}为{year}年度{honour}。")
    else:
        member = Member.get_by_id(nomination.member_id)
        honour = "先锋共产党员" if nomination.kind is AwardKind.VANGUARD_MEMBER else "先进个人"
        title = f"关于推荐{member.name}同志为{year}年度{honour}的事迹材料"
        paragraphs = member_paragraphs(member, year, today)
        paragraphs.append(f"特推荐{member.name}同志为{year}年度{honour}。")
    return NominationText(title, paragraphs, names.name, today)


# ---- the branch -----------------------------------------------------------------------


def branch_paragraphs(year: int, today: dt.date) -> list[str]:
    first, last = _span(year, today)
    engine = compliance.engine(today=today)
    records = [r for r in engine.facts.records if first <= r.held_on <= last]
    roster = history.roster_on(last)
    paragraphs = []
    if roster:
        probationary = sum(m.status.value == "probationary" for m in roster)
        extra = f"，其中预备党员{probationary}名" if probationary else ""
        day = "现有" if last == today else f"{year}年底有"
        paragraphs.append(f"{branch_as_of(last).name}{day}党员{len(roster)}名{extra}。")
    meetings = Counter(r.kind for r in records if r.record == "meeting")
    held = [
        f"{kind.label}{meetings[kind.value]}次" for kind in MEETING_ORDER if meetings[kind.value]
    ]
    names = {**_kinds(), "pairing_help": "结对帮扶"}  # 「开展结对帮扶3次」, not 帮扶记录
    # each said in its own sentence, or not an activity (组织设置情况 is a report upward)
    apart = ("meeting", "dues_collection", "training", "organisation_report")
    others = Counter(r.record for r in records if r.record not in apart)
    done_others = [f"{names[k]}{n}次" for k, n in others.items() if k in names and n]
    if held or done_others:
        parts = []
        if held:
            parts.append(f"召开{_listed(held)}")
        if done_others:
            parts.append(f"开展{_listed(done_others)}")
        paragraphs.append(f"{_as_of(year, today)}，支部{'，'.join(parts)}，均有记录可查。")
    trainings = _branch_training(first, last) if "training" in names else ""
    if trainings:
        paragraphs.append(trainings)
    obligations = _obligations(engine, year, today)
    if obligations:
        paragraphs.append(obligations)
    growth = _growth(first, last)
    if growth:
        paragraphs.append(growth)
    months = _dues_months(first, last)
    if months:
        paragraphs.append(f"{_as_of(year, today)}，支部收缴党费{months}个月。")
    awards = [r for r in list_awards() if r.year == year]
    if awards:
        won = [f"{r.who if r.member_id is not None else '支部'}获{award_text(r)}" for r in awards]
        paragraphs.append(f"{year}年度，{'；'.join(won)}。")
    return paragraphs


def _obligations(engine: Engine, year: int, today: dt.date) -> str:
    """Those done by name; 全部完成 only when the engine counts every item done (and the
    year is over: a running year's later periods are not done yet)."""
    done, owed = [], 0
    for obligation in engine.obligations:
        statuses = [
            s
            for p in periods_in_year(year, obligation.per)
            if p.start <= today
            for s in engine.status(obligation, p, today)
        ]
        if not statuses:
            continue
        owed += 1
        if all(s.state is State.DONE for s in statuses):
            done.append(obligation.label)
    if not owed or not done:
        return ""
    if len(done) == owed and dt.date(year, 12, 31) <= today:
        return f"按照上级规定，{year}年度{owed}项规定工作全部按要求完成。"
    return (
        f"按照上级规定的{owed}项工作，{_as_of(year, today)}已按要求完成{len(done)}项："
        f"{_listed(done)}。"
    )


def _growth(first: dt.date, last: dt.date) -> str:
    admitted = (
        Recruitment.select(fn.COUNT(Recruitment.id))
        .join(Member, on=(Recruitment.member == Member.id))
        .where(Member.joined_on.between(first, last))
        .scalar()
    )
    full = Member.select().where(Member.full_member_on.between(first, last)).count()
    parts = []
    if admitted:
        parts.append(f"发展党员{admitted}名")
    if full:
        parts.append(f"预备党员转正{full}名")
    return f"{first.year}年{'，'.join(parts)}。" if parts else ""


def _dues_months(first: dt.date, last: dt.date) -> int:
    query = DuesCollection.select(DuesCollection.month).where(
        DuesCollection.month.between(first, last) & DuesCollection.state.in_(DONE)
    )
    return len({month for (month,) in tuples(query)})


def _branch_training(first: dt.date, last: dt.date) -> str:
    query = (
        Training.select(Training.id, Training.class_hours, fn.COUNT(Attendance.id))
        .join(Attendance, on=(Attendance.training == Training.id))
        .where(
            Training.held_on.between(first, last)
            & Training.state.in_(DONE)
            & (Attendance.presence == Presence.PRESENT)
            & Attendance.member.is_null(False)
        )
        .group_by(Training.id)
    )
    rows = list(tuples(query))
    if not rows:
        return ""
    people = sum(n for _, _, n in rows)
    hours = sum((h * n for _, h, n in rows if h is not None), Decimal(0))
    extra = f"，合计{_hours(hours)}学时" if hours else ""
    return f"组织党员参加学习培训{len(rows)}项，共{people}人次{extra}。"


# ---- a member ---------------------------------------------------------------------------


def member_paragraphs(member: Member, year: int, today: dt.date) -> list[str]:
    first, last = _span(year, today)
    paragraphs = []
    intro = [f"{member.name}同志"]
    if member.joined_on is not None:
        intro.append(f"{format_date(member.joined_on, 'month')}加入中国共产党")
    if member.position:
        intro.append(f"工作岗位：{member.position}")
    paragraphs.append(f"{'，'.join(intro)}。")
    roles = _posts(member.id, first, last) + _leadership(member.id, first, last)
    if year == today.year:
        roles += [
            f"{name}组长"
            for (name,) in tuples(
                PartyGroup.select(PartyGroup.name).where(PartyGroup.leader == member.id)
            )
        ]
    if roles:
        paragraphs.append(f"{year}年担任{_listed(roles)}。")
    lectures = list(
        tuples(
            Meeting.select(Meeting.held_on, Meeting.title)
            .where(
                (Meeting.lecturer == member.id)
                & (Meeting.kind == MeetingKind.LECTURE)
                & Meeting.held_on.between(first, last)
                & Meeting.state.in_(DONE)
            )
            .order_by(Meeting.held_on)
        )
    )
    if lectures:
        titles = [f"《{t}》" for _, t in lectures if t]
        named = f"，题目为{''.join(titles)}" if titles else ""
        paragraphs.append(f"{_as_of(year, today)}为党员讲授党课{len(lectures)}次{named}。")
    attended = _attendance(member.id, first, last)
    if attended:
        paragraphs.append(attended)
    talks = _talks(member.id, first, last)
    if talks:
        paragraphs.append(talks)
    kinds = _kinds()
    if "training" in kinds:
        paragraphs.extend(_member_training(member.id, first, last))
    if "pairing_help" in kinds:
        paragraphs.extend(_pairings(member.id, first, last))
    rating = (
        AppraisalRating.select(AppraisalRating.rating)
        .join(MemberAppraisal)
        .where(
            (AppraisalRating.member == member.id)
            & MemberAppraisal.held_on.between(first, last)
            & MemberAppraisal.state.in_(DONE)
            & AppraisalRating.rating.is_null(False)
        )
        .order_by(MemberAppraisal.held_on.desc())
        .first()
    )
    if rating is not None and rating.rating is not None:
        paragraphs.append(f"在{year}年度民主评议党员中被评定为“{rating.rating.label}”。")
    paid = (
        DuesPayment.select(fn.COUNT(fn.DISTINCT(DuesPayment.for_month)))
        .join(DuesCollection)
        .where(
            (DuesPayment.member == member.id)
            & DuesPayment.for_month.between(first, last)
            & DuesCollection.state.in_(DONE)
        )
        .scalar()
    )
    if paid:
        paragraphs.append(f"{_as_of(year, today)}交纳党费{paid}个月。")
    won = [award_text(r) for r in list_awards(member_id=member.id) if r.year < year]
    if won:
        paragraphs.append(f"曾获{'；'.join(won)}。")
    return paragraphs


def _overlaps(start: dt.date, end: dt.date | None, first: dt.date, last: dt.date) -> bool:
    return start <= last and (end is None or end > first)


def _posts(member_id: int, first: dt.date, last: dt.date) -> list[str]:
    query = (
        CommitteePostHolding.select(
            CommitteePost.post,
            CommitteePost.title,
            CommitteePostHolding.valid_from,
            CommitteePostHolding.valid_to,
        )
        .join(CommitteePost)
        .where(CommitteePostHolding.member == member_id)
        .order_by(CommitteePostHolding.valid_from)
    )
    found: list[str] = []
    for post, title, start, end in tuples(query):
        if not _overlaps(start, end, first, last):
            continue
        kind = CommitteePostKind(post)
        name = title if kind is CommitteePostKind.OTHER and title else kind.label
        name = f"支部{name}" if not name.startswith("支部") else name
        if name not in found:
            found.append(name)
    return found


def _leadership(member_id: int, first: dt.date, last: dt.date) -> list[str]:
    query = LeadershipMember.select(
        LeadershipMember.title, LeadershipMember.valid_from, LeadershipMember.valid_to
    ).where(LeadershipMember.member == member_id)
    found: list[str] = []
    for title, start, end in tuples(query.order_by(LeadershipMember.valid_from)):
        if _overlaps(start, end, first, last) and f"学校{title}" not in found:
            found.append(f"学校{title}")
    return found


def _attendance(member_id: int, first: dt.date, last: dt.date) -> str:
    query = (
        Attendance.select(Attendance.presence)
        .join(Meeting, on=(Attendance.meeting == Meeting.id))
        .where(
            (Attendance.member == member_id)
            & (Attendance.role == AttendanceRole.EXPECTED)
            & Meeting.held_on.between(first, last)
            & Meeting.state.in_(DONE)
        )
    )
    presence = [p for (p,) in tuples(query)]
    if not presence:
        return ""
    present = sum(Presence(p) is Presence.PRESENT for p in presence)
    if present == len(presence):
        return f"{first.year}年应参加的{len(presence)}次支部会议和党课全部出席。"
    return f"{first.year}年应参加支部会议和党课{len(presence)}次，出席{present}次。"


def _talks(member_id: int, first: dt.date, last: dt.date) -> str:
    done = HeartTalk.held_on.between(first, last) & HeartTalk.state.in_(DONE)
    given = HeartTalk.select().where(done & (HeartTalk.talker == member_id)).count()
    if not given:
        return ""
    return f"{first.year}年与党员、同事开展谈心谈话{given}次。"


def _member_training(member_id: int, first: dt.date, last: dt.date) -> list[str]:
    query = (
        Training.select(Training.class_hours)
        .join(Attendance, on=(Attendance.training == Training.id))
        .where(
            (Attendance.member == member_id)
            & (Attendance.presence == Presence.PRESENT)
            & Training.held_on.between(first, last)
            & Training.state.in_(DONE)
        )
    )
    hours = [h for (h,) in tuples(query)]
    if not hours:
        return []
    total = sum((h for h in hours if h is not None), Decimal(0))
    extra = f"，合计{_hours(total)}学时" if total else ""
    return [f"{first.year}年参加学习培训{len(hours)}次{extra}。"]


def _pairings(member_id: int, first: dt.date, last: dt.date) -> list[str]:
    pairings = (
        StudentPairing.select()
        .where(
            (StudentPairing.member == member_id)
            & (StudentPairing.starts_on <= last)
            & (StudentPairing.ends_on.is_null() | (StudentPairing.ends_on >= first))
        )
        .count()
    )
    if not pairings:
        return []
    helps = (
        PairingHelp.select()
        .join(StudentPairing)
        .where(
            (StudentPairing.member == member_id)
            & PairingHelp.held_on.between(first, last)
            & PairingHelp.state.in_(DONE)
        )
        .count()
    )
    extra = f"，记录帮扶{helps}次" if helps else ""
    return [f"参加“党员先行·关爱学生”活动，结对帮扶学生{pairings}名{extra}。"]
