"""组织生活会 (yearly, usually in the fourth quarter): the preparation (学习, 征求意见,
谈心谈话 held beforehand), attendance, 对照检查 per person, 批评与自我批评 and the
整改清单 whose items stay on 首页 until closed.

The lifecycle (draft, finish, archive, 更正 …) is :class:`RecordKind`'s; this module
declares the form, its rules (judged on the meeting's own day, rules.md §7), how it is
written and read, and the 整改 items' own small actions (完成, 撤销完成) and reminders.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from jianshi_desktop.db.models import (
    Attachment,
    Attendance,
    HeartTalk,
    Member,
    OrgLifeMeeting,
    RectificationItem,
)
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    AttendanceRole,
    HeartTalkKind,
    MeetingKind,
    Presence,
    RecordState,
)
from jianshi_desktop.domain.org_life import (
    ItemDue,
    Preparation,
    is_due_soon,
    is_overdue,
    missing_preparation,
    parse_count,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.procedures import TAG_ORG_LIFE
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.meetings import (
    default_place,
    default_recorder,
    expected_attendance,
    secretary_id,
)
from jianshi_desktop.services.records import AttendanceEntry

if TYPE_CHECKING:  # the documents and reminders load when first used
    from jianshi_desktop.documents.org_life import OrgLifeContent, OrgLifeReportContent
    from jianshi_desktop.services.reminders import Reminder

RECORD_TYPE = "org_life_meeting"
AREA = "org_life_meetings"
TAGS = frozenset({TAG_ORG_LIFE})  # the obligation "org_life" counts this tag


@dataclass
class SelfReviewEntry:
    """对照检查 of one person: the text, or the name of a file among the attachments."""

    member_id: int
    text: str = ""
    attachment: str = ""

    @property
    def given(self) -> bool:
        return bool(self.text.strip() or self.attachment)


@dataclass
class CriticismEntry:
    """批评与自我批评: ``by_id`` of ``of_id`` (None: 自我批评), one line."""

    by_id: int | None
    of_id: int | None = None
    text: str = ""


@dataclass
class RectificationEntry:
    """An item of the 整改清单. ``item_id`` is its row once saved: its closing state
    (``closed_on``, ``close_note``, set on the page) is kept when the record is changed."""

    problem: str = ""
    measure: str = ""
    owner_id: int | None = None
    due_on: dt.date | None = None
    item_id: int | None = None
    closed_on: dt.date | None = None
    close_note: str = ""


@dataclass
class OrgLifeMeetingForm:
    held_on: dt.date
    place: str = ""
    theme: str = ""
    chair_id: int | None = None
    recorder_id: int | None = None
    attendance: list[AttendanceEntry] = field(default_factory=list)
    study: str = ""  # 会前学习
    opinions_count: int | str | None = None  # 征求意见 (the text as typed when not a number)
    opinions_source: str = ""
    talk_ids: list[int] = field(default_factory=list)  # 谈心谈话 held beforehand
    self_reviews: list[SelfReviewEntry] = field(default_factory=list)
    criticisms: list[CriticismEntry] = field(default_factory=list)
    rectification: list[RectificationEntry] = field(default_factory=list)
    summary: str = ""
    attachments: list[AttachmentEntry] = field(default_factory=list)


@dataclass(frozen=True)
class OrgLifeMeetingRow:
    id: int
    held_on: dt.date
    theme: str
    place: str
    state: RecordState
    late_entry: bool
    amended: bool
    present: int
    expected: int
    items_open: int
    items_total: int


@dataclass(frozen=True)
class RectificationRow:
    """An 整改 item as the page and 首页 list it."""

    id: int
    meeting_id: int
    meeting: str  # 2026年组织生活会
    held_on: dt.date
    problem: str
    measure: str
    owner: str
    due_on: dt.date | None
    closed_on: dt.date | None
    close_note: str
    overdue: bool


# --- defaults and choices ----------------------------------------------------------------


def new_org_life_meeting_form(*, on: dt.date | None = None) -> OrgLifeMeetingForm:
    """Defaults: today (or ``on``), the usual place, the 书记 of the day in the chair, the
    usual recorder, every member of the day expected."""
    held_on = on or dt.date.today()
    attendance = expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=held_on)
    attending = {a.member_id for a in attendance if a.member_id is not None}
    return OrgLifeMeetingForm(
        held_on=held_on,
        place=default_place(),
        chair_id=secretary_id(held_on),
        recorder_id=default_recorder(held_on, attending),
        attendance=attendance,
    )


def talk_choices(held_on: dt.date) -> list[tuple[int, str]]:
    """The finished 谈心谈话 of ``held_on``'s year up to that day, newest first, as (id,
    label) — never a 提醒谈话 (confidential) nor a draft."""
    names = _names()
    query = (
        HeartTalk.select()
        .where(
            (HeartTalk.state.in_(records.DONE))
            & (HeartTalk.kind != HeartTalkKind.REMINDER)
            & (HeartTalk.confidential == False)  # noqa: E712 (peewee expression)
            & (HeartTalk.held_on >= dt.date(held_on.year, 1, 1))
            & (HeartTalk.held_on <= held_on)
        )
        .order_by(HeartTalk.held_on.desc(), HeartTalk.id.desc())
    )
    choices = []
    for talk in query:
        talkee = names.get(talk.talkee_id or 0, talk.talkee_name)
        topic = f"（{talk.topic}）" if talk.topic else ""
        who = f"{names.get(talk.talker_id, '')}与{talkee}"
        choices.append((talk.id, f"{talk.held_on.month}月{talk.held_on.day}日 {who}{topic}"))
    return choices


def present_ids(attendance: list[AttendanceEntry]) -> list[int]:
    return [
        a.member_id
        for a in attendance
        if a.member_id is not None
        and a.role is AttendanceRole.EXPECTED
        and a.presence is Presence.PRESENT
    ]


def reviewers(held_on: dt.date, attendance: list[AttendanceEntry]) -> list[tuple[int, str]]:
    """Who gives a 对照检查: the committee members of the day, then the other members
    present, as (id, name)."""
    names = _names()
    present = present_ids(attendance)
    committee = [i for i in history.committee_member_ids_on(held_on) if i in present]
    ordered = [*committee, *(i for i in present if i not in committee)]
    return [(i, names.get(i, "")) for i in ordered]


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


# --- the rules ----------------------------------------------------------------------------


def check_org_life_meeting(
    form: OrgLifeMeetingForm, *, today: dt.date | None = None
) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    if form.held_on > today:
        problems.append(
            Problem("held_on", "会议日期晚于今天。会议召开之后再完成记录；现在可以先存为草稿。")
        )
    if not squeeze(form.theme):
        problems.append(Problem("theme", "请填写会议主题。"))
    if not squeeze(form.place):
        problems.append(Problem("place", "请填写会议地点。"))
    if form.chair_id is None:
        problems.append(Problem("chair_id", "请选择主持人。"))
    if form.recorder_id is None:
        problems.append(
            Problem("recorder_id", "没有选择记录人，记录中记录人一栏将空着。", "warning")
        )
    problems += _attendance_problems(form)
    problems += _preparation_problems(form)
    problems += _self_review_problems(form)
    problems += _criticism_problems(form)
    problems += _rectification_problems(form)
    return problems


def _attendance_problems(form: OrgLifeMeetingForm) -> list[Problem]:
    problems = []
    if not form.attendance:
        problems.append(Problem("attendance", "出席名单是空的，请核对党员名册。"))
    for entry in form.attendance:
        if entry.presence is not Presence.PRESENT and not squeeze(entry.reason):
            problems.append(
                Problem("attendance", f"请填写{entry.name}{entry.presence.label}的原因。")
            )
    present = set(present_ids(form.attendance))
    names = _names()
    if form.chair_id is not None and form.attendance and form.chair_id not in present:
        who = names.get(form.chair_id, "主持人")
        problems.append(Problem("chair_id", f"主持人{who}没有标为出席，请核对。"))
    return problems


def _preparation_problems(form: OrgLifeMeetingForm) -> list[Problem]:
    problems = []
    try:
        count = parse_count(form.opinions_count)
    except ValueError:
        problems.append(Problem("opinions_count", "征求意见条数请填写0或正整数，如：12。"))
        count = 0
    prep = Preparation(form.study, count, form.opinions_source, len(form.talk_ids))
    for field_name, message in missing_preparation(prep):
        problems.append(Problem(field_name, message, "warning"))
    offered = {talk_id for talk_id, _label in talk_choices(form.held_on)}
    if any(talk_id not in offered for talk_id in form.talk_ids):
        problems.append(
            Problem(
                "talk_ids",
                "勾选的谈心谈话中有的已不在会议日期之前（或已删除），请重新勾选。",
            )
        )
    return problems


def _self_review_problems(form: OrgLifeMeetingForm) -> list[Problem]:
    problems = []
    given = {r.member_id for r in form.self_reviews if r.given}
    files = {a.file_name for a in form.attachments}
    names = _names()
    for review in form.self_reviews:
        if review.attachment and review.attachment not in files:
            who = names.get(review.member_id, "")
            problems.append(
                Problem(
                    "self_reviews",
                    f"{who}的对照检查材料“{review.attachment}”不在附件中，请重新选择或添加附件。",
                )
            )
    expected = reviewers(form.held_on, form.attendance)
    if expected and not given:
        problems.append(
            Problem(
                "self_reviews",
                "还没有任何人的对照检查。会上每名支委和党员都要对照检查，请逐人填写或附上材料。",
            )
        )
        return problems
    missing = [name for member_id, name in expected if member_id not in given]
    if missing:
        problems.append(
            Problem(
                "self_reviews",
                f"{'、'.join(missing)}还没有对照检查，请补上（出席的支委和党员都要对照检查）。",
                "warning",
            )
        )
    return problems


def _criticism_problems(form: OrgLifeMeetingForm) -> list[Problem]:
    problems = []
    for number, entry in enumerate(form.criticisms, 1):
        if entry.by_id is None:
            problems.append(Problem("criticisms", f"第{number}条批评与自我批评没有选择由谁提出。"))
        if not squeeze(entry.text):
            problems.append(Problem("criticisms", f"第{number}条批评与自我批评没有内容，请填写。"))
    if not form.criticisms:
        problems.append(
            Problem(
                "criticisms",
                "没有记录批评与自我批评。组织生活会上要开展批评和自我批评，请逐条记录。",
                "warning",
            )
        )
    return problems


def _rectification_problems(form: OrgLifeMeetingForm) -> list[Problem]:
    problems = []
    for number, item in enumerate(form.rectification, 1):
        if not squeeze(item.problem):
            problems.append(Problem("rectification", f"整改清单第{number}项没有写存在的问题。"))
        if item.owner_id is None:
            problems.append(Problem("rectification", f"整改清单第{number}项没有选择责任人。"))
        if item.due_on is None:
            problems.append(Problem("rectification", f"整改清单第{number}项没有填写完成时限。"))
        elif item.due_on < form.held_on:
            problems.append(
                Problem(
                    "rectification",
                    f"整改清单第{number}项的完成时限早于会议日期，请改为会后的日期。",
                )
            )
    if not form.rectification:
        problems.append(
            Problem(
                "rectification",
                "没有整改清单。会后要针对查摆出的问题制定整改措施，逐项写明责任人和完成时限。",
                "warning",
            )
        )
    return problems


# --- writing and reading ------------------------------------------------------------------


def write_org_life_meeting(row: OrgLifeMeeting, form: OrgLifeMeetingForm) -> None:
    row.held_on = form.held_on
    row.place = clean(form.place)
    row.theme = clean(form.theme)
    row.chair_id = form.chair_id
    row.recorder_id = form.recorder_id
    row.study = form.study.strip()
    try:
        row.opinions_count = parse_count(form.opinions_count)
    except ValueError:  # a draft keeps going; finishing refuses it
        row.opinions_count = None
    row.opinions_source = clean(form.opinions_source)
    row.talk_ids = list(dict.fromkeys(form.talk_ids))
    row.self_reviews = [
        {"member_id": r.member_id, "text": r.text.strip(), "attachment": r.attachment}
        for r in form.self_reviews
        if r.given
    ]
    row.criticisms = [
        {"by_id": c.by_id, "of_id": c.of_id, "text": clean(c.text)} for c in form.criticisms
    ]
    row.summary = form.summary.strip()
    row.updated_at = records.now()
    row.save()
    records.write_attendance({"org_life_meeting": row}, form.attendance)
    records.replace_attachments({"org_life_meeting": row}, form.attachments)
    _write_items(row, form.rectification)


def _write_items(row: OrgLifeMeeting, entries: list[RectificationEntry]) -> None:
    """The 整改清单: items kept by id (their closing state with them), new ones added,
    the others removed."""
    saved = {
        i.id: i for i in RectificationItem.select().where(RectificationItem.org_life_meeting == row)
    }
    kept: set[int] = set()
    for position, entry in enumerate(entries):
        item = saved.get(entry.item_id or 0)
        if item is None:
            item = RectificationItem(org_life_meeting=row)
        else:
            kept.add(item.id)
        item.position = position
        item.problem = clean(entry.problem)[:300]
        item.measure = entry.measure.strip()
        item.owner_id = entry.owner_id
        item.due_on = entry.due_on
        item.save()
        entry.item_id = item.id
    gone = [i for i in saved if i not in kept]
    if gone:
        RectificationItem.delete().where(RectificationItem.id.in_(gone)).execute()


def load_org_life_meeting(record_id: int) -> OrgLifeMeetingForm:
    row = OrgLifeMeeting.get_by_id(record_id)
    items = (
        RectificationItem.select()
        .where(RectificationItem.org_life_meeting == row)
        .order_by(RectificationItem.position, RectificationItem.id)
    )
    return OrgLifeMeetingForm(
        held_on=row.held_on,
        place=row.place,
        theme=row.theme,
        chair_id=row.chair_id,
        recorder_id=row.recorder_id,
        attendance=records.attendance_of(Attendance.org_life_meeting == row),
        study=row.study,
        opinions_count=row.opinions_count,
        opinions_source=row.opinions_source,
        talk_ids=[int(i) for i in row.talk_ids or []],
        self_reviews=[
            SelfReviewEntry(int(r["member_id"]), r.get("text", ""), r.get("attachment", ""))
            for r in row.self_reviews or []
        ],
        criticisms=[
            CriticismEntry(c.get("by_id"), c.get("of_id"), c.get("text", ""))
            for c in row.criticisms or []
        ],
        rectification=[
            RectificationEntry(
                problem=i.problem,
                measure=i.measure,
                owner_id=i.owner_id,
                due_on=i.due_on,
                item_id=i.id,
                closed_on=i.closed_on,
                close_note=i.close_note,
            )
            for i in items
        ],
        summary=row.summary,
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.org_life_meeting == row)
        ),
    )


def org_life_title(held_on: dt.date) -> str:
    return f"{held_on.year}年组织生活会"


def org_life_meeting_label(form: OrgLifeMeetingForm) -> str:
    return org_life_title(form.held_on)


def org_life_file_name(row: OrgLifeMeeting, _groups: Mapping[int, str]) -> str:
    """「2026年12月组织生活会记录」 (services.documents numbers two in one month)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{row.held_on.year}年{row.held_on.month}月组织生活会记录")


def org_life_contents_line(_row: OrgLifeMeeting, _groups: Mapping[int, str]) -> str:
    return "组织生活会记录"


def copied_org_life_meeting(old: OrgLifeMeetingForm, on: dt.date | None) -> OrgLifeMeetingForm:
    """复制上次: the place and the source of opinions again; the day's people and nothing
    of last year's 对照检查 or 整改 (each year's are its own)."""
    fresh = new_org_life_meeting_form(on=on)
    return replace(
        fresh,
        place=old.place or fresh.place,
        opinions_source=old.opinions_source,
    )


def list_org_life_meetings(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[OrgLifeMeetingRow]:
    query = records.within(
        OrgLifeMeeting, OrgLifeMeeting.select(), year=year, state=state, late_only=late_only
    )
    amended = records.amended_ids(RECORD_TYPE)
    counts = records.attendance_counts(Attendance.org_life_meeting, query.select(OrgLifeMeeting.id))
    items: dict[int, list[RectificationItem]] = {}
    for item in RectificationItem.select(
        RectificationItem.org_life_meeting, RectificationItem.closed_on
    ):
        items.setdefault(item.org_life_meeting_id, []).append(item)
    rows = []
    for m in query.order_by(OrgLifeMeeting.held_on.desc(), OrgLifeMeeting.id.desc()):
        present, expected = counts.get(m.id, (0, 0))
        own = items.get(m.id, [])
        rows.append(
            OrgLifeMeetingRow(
                id=m.id,
                held_on=m.held_on,
                theme=m.theme,
                place=m.place,
                state=m.state,
                late_entry=bool(m.late_entry),
                amended=m.id in amended,
                present=present,
                expected=expected,
                items_open=sum(i.closed_on is None for i in own),
                items_total=len(own),
            )
        )
    return rows


def org_life_facts() -> list[RecordFact]:
    """The finished 组织生活会, tagged so that the obligation "org_life" counts them."""
    query = OrgLifeMeeting.select(
        OrgLifeMeeting.id, OrgLifeMeeting.held_on, OrgLifeMeeting.late_entry, OrgLifeMeeting.theme
    ).where(OrgLifeMeeting.state.in_(records.DONE))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=held_on,
            tags=TAGS,
            late_entry=bool(late),
            title=title,
        )
        for id_, held_on, late, title in records.tuples(query)
    ]


# --- the 整改清单 on the page and on 首页 ------------------------------------------------


def rectification_items(
    *, open_only: bool = True, today: dt.date | None = None
) -> list[RectificationRow]:
    """The 整改 items of finished 组织生活会 (drafts are not decided yet), the open ones
    by due date (with ``open_only`` False the closed ones follow, latest first)."""
    today = today or dt.date.today()
    names = _names()
    query = (
        RectificationItem.select(RectificationItem, OrgLifeMeeting)
        .join(OrgLifeMeeting)
        .where(OrgLifeMeeting.state.in_(records.DONE))
    )
    if open_only:
        query = query.where(RectificationItem.closed_on.is_null())
    rows = [
        RectificationRow(
            id=i.id,
            meeting_id=i.org_life_meeting.id,
            meeting=org_life_title(i.org_life_meeting.held_on),
            held_on=i.org_life_meeting.held_on,
            problem=i.problem,
            measure=i.measure,
            owner=names.get(i.owner_id or 0, ""),
            due_on=i.due_on,
            closed_on=i.closed_on,
            close_note=i.close_note,
            overdue=is_overdue(ItemDue(i.due_on, i.closed_on), today),
        )
        for i in query
    ]
    far = dt.date.max
    open_rows = sorted(
        (r for r in rows if r.closed_on is None), key=lambda r: (r.due_on or far, r.id)
    )
    closed = sorted(
        (r for r in rows if r.closed_on is not None),
        key=lambda r: (r.closed_on, r.id),
        reverse=True,
    )
    return [*open_rows, *closed]


def open_rectification_items(today: dt.date) -> list[RectificationRow]:
    """The open 整改 items, the overdue first (for 首页)."""
    return rectification_items(open_only=True, today=today)


def close_rectification_item(
    item_id: int, on: dt.date, note: str, *, today: dt.date | None = None
) -> None:
    """标记完成: the item closed on ``on`` with what was done (``note``)."""
    today = today or dt.date.today()
    item = RectificationItem.get_or_none(RectificationItem.id == item_id)
    if item is None:
        raise ValidationError("这一项整改已不存在，请刷新列表。")
    meeting = item.org_life_meeting
    if item.closed_on is not None:
        raise ValidationError(f"这一项整改已于{format_date(item.closed_on)}完成。")
    if on > today:
        raise ValidationError("完成日期晚于今天，请填写实际完成的日期。", field="closed_on")
    if on < meeting.held_on:
        raise ValidationError(
            f"完成日期早于组织生活会（{format_date(meeting.held_on)}），请核对。",
            field="closed_on",
        )
    text = clean(note)
    if not text:
        raise ValidationError(
            "请简要写明整改结果，如：已修订作业管理制度并公示。", field="close_note"
        )
    if len(text) > 300:
        raise ValidationError("整改结果最多300个字，请精简。", field="close_note")
    with user_action("close_rectification_item", entity="rectification_item") as audit:
        item.closed_on = on
        item.close_note = text
        item.save()
        audit.entity_id = item.id
        audit.summary = (
            f"{org_life_title(meeting.held_on)}整改事项“{item.problem}”于{format_date(on)}完成"
        )


def reopen_rectification_item(item_id: int) -> None:
    """撤销完成: an item closed by mistake is open again."""
    item = RectificationItem.get_or_none(RectificationItem.id == item_id)
    if item is None:
        raise ValidationError("这一项整改已不存在，请刷新列表。")
    if item.closed_on is None:
        raise ValidationError("这一项整改还没有标记完成。")
    with user_action("reopen_rectification_item", entity="rectification_item") as audit:
        item.closed_on = None
        item.close_note = ""
        item.save()
        audit.entity_id = item.id
        audit.summary = (
            f"撤销{org_life_title(item.org_life_meeting.held_on)}整改事项“{item.problem}”的完成标记"
        )


def rectification_reminders(today: dt.date) -> list[Reminder]:
    """首页: each open 整改 item past its due date or due within two weeks, and one line
    for the others still open — an item stays on 首页 until it is marked done."""
    from jianshi_desktop.services.reminders import Action, Reminder  # built on the kinds

    found = []
    waiting = []
    for row in open_rectification_items(today):
        due = ItemDue(row.due_on, row.closed_on)
        if row.due_on is None or not (is_overdue(due, today) or is_due_soon(due, today)):
            waiting.append(row)
            continue
        owner = f"（责任人：{row.owner}）" if row.owner else ""
        if row.overdue:
            title = f"整改事项“{row.problem}”已过完成时限{owner}"
        else:
            title = f"整改事项“{row.problem}”将于{format_date(row.due_on)}到期{owner}"
        found.append(
            Reminder(
                "rectification",
                title,
                f"{row.meeting}的整改清单，完成时限{format_date(row.due_on)}。"
                "整改完成后请到“组织生活会”中标记完成。",
                row.due_on,
                row.overdue,
                Action(AREA, "show_rectification", {"item_id": row.id}, "查看整改"),
            )
        )
    if waiting:
        dated = [row.due_on for row in waiting if row.due_on is not None]
        first = min(dated) if dated else today
        names = "、".join(f"“{row.problem}”" for row in waiting[:3])
        more = f"等{len(waiting)}项" if len(waiting) > 3 else ""
        found.append(
            Reminder(
                "rectification",
                f"组织生活会整改清单还有{len(waiting)}项正在整改",
                f"{names}{more}，最早{format_date(first)}到期。整改完成后请到“组织生活会”中标记完成。",
                first,
                False,
                Action(AREA, "show_rectification", {"item_id": waiting[0].id}, "查看整改"),
            )
        )
    return found


# --- the documents ------------------------------------------------------------------------


def _absent(entries: list[AttendanceEntry]) -> tuple[str, ...]:
    return tuple(
        f"{a.name}（{a.presence.label}：{a.reason}）"
        if a.reason
        else f"{a.name}（{a.presence.label}）"
        for a in entries
        if a.role is AttendanceRole.EXPECTED and a.presence is not Presence.PRESENT
    )


def _talk_lines(talk_ids: list[int]) -> tuple[str, ...]:
    names = _names()
    query = HeartTalk.select().where(HeartTalk.id.in_(talk_ids)).order_by(HeartTalk.held_on)
    return tuple(
        f"{format_date(t.held_on)} {names.get(t.talker_id, '')}与"
        f"{names.get(t.talkee_id or 0, t.talkee_name)}"
        for t in query
        if not t.confidential and t.kind is not HeartTalkKind.REMINDER
    )


def org_life_content(record_id: int) -> OrgLifeContent:
    """The record as its minutes print it."""
    from jianshi_desktop.documents.org_life import (
        Criticism,
        OrgLifeContent,
        Rectification,
        SelfReview,
    )
    from jianshi_desktop.services.branch import branch_name_on
    from jianshi_desktop.services.documents import record_notes

    row = OrgLifeMeeting.get_by_id(record_id)
    form = load_org_life_meeting(record_id)
    names = _names()
    expected = [a for a in form.attendance if a.role is AttendanceRole.EXPECTED]
    count = row.opinions_count
    return OrgLifeContent(
        branch=branch_name_on(row.held_on),
        held_on=row.held_on,
        theme=row.theme,
        place=row.place,
        chair=names.get(row.chair_id or 0, ""),
        recorder=names.get(row.recorder_id or 0, ""),
        expected=len(expected),
        present=sum(a.presence is Presence.PRESENT for a in expected),
        attendees=tuple(a.name for a in expected if a.presence is Presence.PRESENT),
        absent=_absent(form.attendance),
        observers=tuple(a.name for a in form.attendance if a.role is AttendanceRole.OBSERVER),
        study=row.study,
        opinions_count=count,
        opinions_source=row.opinions_source,
        talks=_talk_lines(form.talk_ids),
        self_reviews=tuple(
            SelfReview(names.get(r.member_id, ""), r.text, r.attachment) for r in form.self_reviews
        ),
        criticisms=tuple(
            Criticism(
                names.get(c.by_id or 0, ""),
                names.get(c.of_id, "") if c.of_id is not None else "",
                c.text,
            )
            for c in form.criticisms
        ),
        rectification=tuple(
            Rectification(
                i.problem, i.measure, names.get(i.owner_id or 0, ""), i.due_on, i.closed_on
            )
            for i in form.rectification
        ),
        summary=row.summary,
        notes=record_notes(RECORD_TYPE, row),
    )


def org_life_report_content(record_id: int, *, on: dt.date | None = None) -> OrgLifeReportContent:
    """The 召开情况报告 of a finished 组织生活会, dated ``on`` (today by default)."""
    from jianshi_desktop.documents.org_life import OrgLifeReportContent
    from jianshi_desktop.services.branch import branch_as_of

    row = OrgLifeMeeting.get_by_id(record_id)
    if row.state is RecordState.DRAFT:
        raise ValidationError("这次组织生活会还是草稿，请先完成记录，再出召开情况报告。")
    on = on or dt.date.today()
    if on < row.held_on:
        raise ValidationError("报告日期早于会议日期，请核对。")
    names = branch_as_of(on)
    return OrgLifeReportContent(
        minutes=org_life_content(record_id),
        recipient=names.parent_name,
        signer=names.name,
        issue_date=on,
    )
