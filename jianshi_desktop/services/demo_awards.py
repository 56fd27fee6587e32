"""Demo: two 班子成员 — a 校长 who lectured this year and a 副校长 who has not yet (so that
首页 shows one lecture missing) — and last year's 先锋共产党员 and 红旗党支部. Written
straight to the tables (a few rows), inside the demo fill's transaction."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.db.models import Award, LeadershipMember, Meeting, Member
from jianshi_desktop.domain.enums import AwardKind, MeetingKind, MemberState, RecordState
from jianshi_desktop.services.awards import default_title
from jianshi_desktop.services.branch import branch_as_of, current_branch


def fill_demo_awards(*, today: dt.date) -> None:
    branch = current_branch()
    first = dt.date(today.year, 1, 1)
    lecturers = [
        m.lecturer_id
        for m in Meeting.select(Meeting.lecturer)
        .where(
            (Meeting.kind == MeetingKind.LECTURE)
            & (Meeting.held_on >= first)
            & (Meeting.state != RecordState.DRAFT)
            & Meeting.lecturer.is_null(False)
        )
        .order_by(Meeting.held_on)
    ]
    active = list(
        Member.select()
        .where((Member.state == MemberState.ACTIVE) & Member.joined_on.is_null(False))
        .order_by(Member.joined_on, Member.id)
    )
    head = next((m for m in active if m.id in lecturers), None)
    deputy = next((m for m in active if m.id not in lecturers and m != head), None)
    since = max(branch.founded_on, today - dt.timedelta(days=800))
    for member, title in ((head, "校长"), (deputy, "副校长")):
        if member is not None:
            start = max(since, member.joined_on or since)
            LeadershipMember.create(member=member, title=title, valid_from=start)
    year = today.year - 1
    if year < branch.founded_on.year:
        return
    granted_on = dt.date(today.year, 1, 10) if dt.date(today.year, 1, 10) <= today else None
    granted_by = branch_as_of(min(granted_on or today, today)).parent_name
    vanguard = deputy or head
    for kind, member in ((AwardKind.RED_FLAG_BRANCH, None), (AwardKind.VANGUARD_MEMBER, vanguard)):
        if kind is AwardKind.VANGUARD_MEMBER and member is None:
            continue
        Award.create(
            branch=branch,
            member=member,
            kind=kind,
            title=default_title(kind, year),
            year=year,
            granted_by=granted_by,
            granted_on=granted_on,
        )
