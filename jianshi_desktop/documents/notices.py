"""Builder: the 会议通知 sent before a meeting, from the meeting's own record.

The content is what the meeting's first step holds (time, place, agenda, who is expected,
the chair); ``services.documents.meeting_notice`` fills it from the database, even for a
draft. A notice prints only what is filled: no agenda line without an agenda, no
observers' line without observers. The layout is GB/T 9704's, as for any 通知.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jianshi_desktop.documents.model import Block, Document, Paragraph, SignatureBlock
from jianshi_desktop.documents.numbering import chinese_numeral
from jianshi_desktop.documents.records import group_name
from jianshi_desktop.domain.dates import format_date

WEEKDAYS = "一二三四五六日"


@dataclass(frozen=True)
class MeetingNoticeContent:
    branch: str
    kind: str  # general_assembly / committee / group / lecture
    kind_label: str  # 支部党员大会 / 支委会 / 第一党小组会议 / 党课
    held_on: dt.date
    starts_at: str
    place: str
    issued_on: dt.date
    ends_at: str = ""
    agenda: tuple[str, ...] = ()
    lecturer: str = ""
    lecture_title: str = ""
    attendees: tuple[str, ...] = ()  # 应到, by name
    observers: tuple[str, ...] = ()  # 列席
    # whom to tell of an absence: (role, name), e.g. ("支部书记", "曾丽佳"); ("", "") unknown
    leave_to: tuple[str, str] = ("", "")


def meeting_name(kind: str, kind_label: str) -> str:
    """What the notice calls the meeting: 支部党员大会, 支部委员会会议, 第一党小组会议, 党课."""
    if kind == "committee":
        return "支部委员会会议"
    if kind == "group":
        return f"{group_name(kind_label)}会议"
    return kind_label


def notice_title(content: MeetingNoticeContent) -> str:
    """关于召开支部党员大会的通知; 关于讲授党课的通知."""
    name = meeting_name(content.kind, content.kind_label)
    return "关于讲授党课的通知" if content.kind == "lecture" else f"关于召开{name}的通知"


def _recipients(content: MeetingNoticeContent) -> str:
    if content.kind == "committee":
        return "支部委员会各位委员"
    if content.kind == "group":
        return f"{group_name(content.kind_label)}各位党员"
    return "全体党员"


def notice_when(content: MeetingNoticeContent) -> str:
    """2026年12月15日（星期二）16:00—17:10."""
    day = f"{format_date(content.held_on)}（星期{WEEKDAYS[content.held_on.weekday()]}）"
    if content.starts_at and content.ends_at:
        return f"{day}{content.starts_at}—{content.ends_at}"
    return f"{day}{content.starts_at}"


def notice_document(content: MeetingNoticeContent) -> Document:
    name = meeting_name(content.kind, content.kind_label)
    lecture = content.kind == "lecture"
    start = f"{format_date(content.held_on)}{content.starts_at}"
    opening = (
        f"定于{start}在{content.place}讲授党课。现将有关事项通知如下："
        if lecture
        else f"定于{start}在{content.place}召开{name}。现将有关事项通知如下："
    )
    items: list[str] = [f"时间：{notice_when(content)}", f"地点：{content.place}"]
    if lecture:
        if content.lecturer:
            items.append(f"讲课人：{content.lecturer}")
        if content.lecture_title:
            items.append(f"党课题目：{content.lecture_title}")
    elif content.agenda:
        if len(content.agenda) == 1:
            items.append(f"议题：{content.agenda[0]}")
        else:
            listed = "；".join(f"{n}. {title}" for n, title in enumerate(content.agenda, 1))
            items.append(f"议题：{listed}")
    if content.attendees:
        items.append(f"参加人员：{'、'.join(content.attendees)}（共{len(content.attendees)}人）")
    if content.observers:
        items.append(f"列席人员：{'、'.join(content.observers)}")
    role, person = content.leave_to
    who = f"向{role}{person}" if person else ""
    items.append(f"有关要求：请准时参加。因故不能参加者，请提前{who}请假。")
    blocks: list[Block] = [
        Paragraph(f"{_recipients(content)}：", indent_chars=0),
        Paragraph(opening),
    ]
    blocks.extend(Paragraph(f"{chinese_numeral(n)}、{item}") for n, item in enumerate(items, 1))
    blocks.append(SignatureBlock(content.branch, content.issued_on))
    return Document(
        title=notice_title(content),
        blocks=blocks,
        layout="official",
        author=content.branch,
    )
