"""班子成员: the school's leaders who belong to the branch, with their 职务 and when.

The notice (建教党〔2020〕9号 二(一)3) asks each of them to lecture at least once a year;
the engine reads the spans (:func:`history.leadership_spans`) and owes a 党课 of each
leader in office on a period's last day. Here the secretary marks a member as a leader
from a day, changes the 职务 (one span closes, the next opens the same day) and ends it.
Each change is one audited action; the rules of the record's own day apply (rules.md §7):
the member must be in the branch on the day the 职务 begins. A member who leaves the
branch stops being a leader that day (:func:`history.end_posts_of`); one marked late
(补录) for a member who has left since leads until the day he left.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jianshi_desktop.db.models import LeadershipMember, Member
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.records import tuples

TITLE_MAX = 30
# offered in the dialog (typed titles are kept too): the usual 班子 of a school
COMMON_TITLES = ("校长", "党支部书记兼校长", "副校长", "工会主席", "教务主任", "政教主任")


@dataclass(frozen=True)
class LeaderRow:
    """One span of one leader: ``valid_to`` exclusive (None while in office)."""

    id: int
    member_id: int
    name: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None

    @property
    def current(self) -> bool:
        return self.valid_to is None

    @property
    def until_text(self) -> str:
        """止 as a list shows it: the last day in office (the day before ``valid_to``)."""
        if self.valid_to is None:
            return "至今"
        return format_date(self.valid_to - dt.timedelta(days=1))


def list_leaders() -> list[LeaderRow]:
    """Every span, those in office first (by start), then the earlier ones (latest first)."""
    query = (
        LeadershipMember.select(
            LeadershipMember.id,
            LeadershipMember.member,
            Member.name,
            LeadershipMember.title,
            LeadershipMember.valid_from,
            LeadershipMember.valid_to,
        )
        .join(Member)
        .order_by(LeadershipMember.valid_from, LeadershipMember.id)
    )
    rows = [LeaderRow(*row) for row in tuples(query)]
    current = [r for r in rows if r.current]
    past = sorted((r for r in rows if not r.current), key=lambda r: r.valid_to or r.valid_from)
    return current + past[::-1]


def _title(title: str) -> str:
    cleaned = squeeze(title)
    if not cleaned:
        raise ValidationError("请填写职务，例如“校长”“副校长”。", field="title")
    if len(cleaned) > TITLE_MAX:
        raise ValidationError(f"职务最多{TITLE_MAX}个字，请简写。", field="title")
    return cleaned


def _not_future(on: dt.date, today: dt.date | None) -> None:
    if on > (today or dt.date.today()):
        raise ValidationError("日期晚于今天，请核对。", field="on")


def _in_branch(member: Member, on: dt.date) -> dt.date | None:
    """The day the member left the branch after ``on`` (the span then ends that day, as
    :func:`history.end_leadership_of` ends it on leaving), None while still in it; a
    ValidationError when not in the branch on ``on`` or leaving that very day."""
    facts = history.facts_of(member.id)
    stretch = next(
        (
            (first, last)
            for first, last in (facts.in_branch if facts is not None else ())
            if (first is None or first <= on) and (last is None or on <= last)
        ),
        None,
    )
    if stretch is None:
        raise ValidationError(
            f"{format_date(on)}{member.name}不在本支部，不能从这一天起担任班子成员。请核对日期。",
            field="on",
        )
    left = stretch[1]
    if left is not None and left <= on:
        raise ValidationError(
            f"{member.name}于{format_date(left)}离开本支部，不能从这一天起担任班子成员。"
            "请核对日期。",
            field="on",
        )
    return left


def _overlapping(member_id: int, start: dt.date) -> LeaderRow | None:
    """The member's span that covers ``start`` or begins after it (None: free)."""
    for row in list_leaders():
        if row.member_id != member_id:
            continue
        if row.valid_to is None or row.valid_to > start:
            return row
    return None


def _span_text(row: LeaderRow) -> str:
    if row.valid_to is None:
        return f"{row.title}，{format_date(row.valid_from)}起"
    return f"{row.title}，{format_date(row.valid_from)}至{row.until_text}"


def add_leader(member_id: int, title: str, *, on: dt.date, today: dt.date | None = None) -> int:
    """设为班子成员: ``member_id`` is a leader with ``title`` from ``on``."""
    member = Member.get_by_id(member_id)
    cleaned = _title(title)
    _not_future(on, today)
    left = _in_branch(member, on)
    clash = _overlapping(member_id, on)
    if clash is not None:
        raise ValidationError(
            f"{member.name}在这段时间已是班子成员（{_span_text(clash)}）。"
            "职务有变化请用“修改职务…”。",
            field="member",
        )
    with user_action("add_leader", entity="member") as audit:
        # a member who has left since (entered late) led until the day he left
        span = LeadershipMember.create(member=member, title=cleaned, valid_from=on, valid_to=left)
        audit.entity_id = member.id
        audit.summary = f"{member.name}从{format_date(on)}起担任班子成员（{cleaned}）"
        if left is not None:
            audit.summary += f"，至{format_date(left)}离开本支部"
        audit.detail = _detail(span)
    return int(span.id)


def _detail(span: LeadershipMember) -> dict[str, Any]:
    return {
        "span_id": span.id,
        "title": span.title,
        "valid_from": span.valid_from.isoformat(),
        "valid_to": span.valid_to.isoformat() if span.valid_to else None,
    }


def _current(span_id: int) -> tuple[LeadershipMember, Member]:
    span = LeadershipMember.get_or_none(LeadershipMember.id == span_id)
    if span is None:
        raise ValidationError("找不到这条班子成员记录，可能已被删除。请刷新后再试。")
    member = Member.get_by_id(span.member_id)
    if span.valid_to is not None:
        raise ValidationError(
            f"{member.name}已于{format_date(span.valid_to)}不再担任这一职务，只能修改在任的职务。"
        )
    return span, member


def change_title(span_id: int, title: str, *, on: dt.date, today: dt.date | None = None) -> int:
    """修改职务: from ``on`` the leader holds ``title``; the span until then closes that day
    and a new one opens (on the span's own first day: a correction of the title)."""
    span, member = _current(span_id)
    cleaned = _title(title)
    _not_future(on, today)
    if on < span.valid_from:
        raise ValidationError(
            f"{member.name}从{format_date(span.valid_from)}起任{span.title}，"
            "新职务的日期不能早于这一天。",
            field="on",
        )
    if cleaned == span.title:
        raise ValidationError(f"职务没有变化（仍是{cleaned}）。", field="title")
    with user_action("change_leader_title", entity="member") as audit:
        old = span.title
        if on == span.valid_from:
            span.title = cleaned
            span.save()
            new = span
        else:
            left = _in_branch(member, on)
            span.valid_to = on
            span.save()
            new = LeadershipMember.create(
                member=member, title=cleaned, valid_from=on, valid_to=left
            )
        audit.entity_id = member.id
        audit.summary = f"{member.name}的职务从{format_date(on)}起由{old}改为{cleaned}"
        audit.detail = _detail(new)
    return int(new.id)


def end_leader(span_id: int, *, on: dt.date, today: dt.date | None = None) -> None:
    """不再担任: the leader leaves the 班子 on ``on`` (no longer in office that day). The
    span's own first day removes it: it was entered by mistake."""
    span, member = _current(span_id)
    _not_future(on, today)
    if on < span.valid_from:
        raise ValidationError(
            f"{member.name}从{format_date(span.valid_from)}起任{span.title}，"
            "不再担任的日期不能早于这一天。",
            field="on",
        )
    with user_action("end_leader", entity="member") as audit:
        audit.entity_id = member.id
        audit.detail = _detail(span)
        if on == span.valid_from:
            span.delete_instance()
            audit.summary = f"撤销{member.name}担任班子成员（{span.title}）的记录"
        else:
            span.valid_to = on
            span.save()
            audit.summary = f"{member.name}从{format_date(on)}起不再担任{span.title}"


def current_title(member_id: int, day: dt.date) -> tuple[str, dt.date] | None:
    """The member's 职务 in the 班子 on ``day`` and since when, or None."""
    for row in list_leaders():
        in_office = row.valid_from <= day and (row.valid_to is None or day < row.valid_to)
        if row.member_id == member_id and in_office:
            return row.title, row.valid_from
    return None


def leader_line(member_id: int, today: dt.date) -> str:
    """「班子成员：副校长（2024年9月起）」 for the member's window; "" when not a leader."""
    found = current_title(member_id, today)
    if found is None:
        return ""
    title, since = found
    return f"班子成员：{title}（{format_date(since, 'month')}起）"


def leaders_in(start: dt.date, end: dt.date) -> list[dict[str, Any]]:
    """The package's ``leaders``: every span overlapping [start, end] (both inclusive),
    as {member_id, title, valid_from, valid_to (exclusive, null while in office)}."""
    return [
        {
            "member_id": row.member_id,
            "title": row.title,
            "valid_from": row.valid_from.isoformat(),
            "valid_to": row.valid_to.isoformat() if row.valid_to else None,
        }
        for row in sorted(list_leaders(), key=lambda r: (r.valid_from, r.id))
        if row.valid_from <= end and (row.valid_to is None or row.valid_to > start)
    ]


def member_choices(day: dt.date) -> list[tuple[int, str]]:
    """Who may be marked on ``day``: the members in the branch that day, by id."""
    return [(m.id, m.name) for m in history.roster_on(day)]
