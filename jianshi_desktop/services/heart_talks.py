"""谈心谈话: talks between committee members, committee member and member, members; and
提醒谈话, which are confidential — kept out of packages and ledgers unless the secretary
decides otherwise. Also who has had no talk this year, and which committee pairs are
still missing."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field, replace

from jianshi_desktop.db.models import Attachment, Branch, HeartTalk, Member
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import HeartTalkKind, RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.meetings import committee_member_ids, known_places, secretary_id

RECORD_TYPE = "heart_talk"


@dataclass
class HeartTalkForm:
    held_on: dt.date
    kind: HeartTalkKind = HeartTalkKind.COMMITTEE_MEMBER
    talker_id: int | None = None
    talkee_id: int | None = None
    talkee_name: str = ""  # someone from outside the branch
    place: str = ""
    topic: str = ""
    talker_said: str = ""
    talkee_said: str = ""
    problems: str = ""
    follow_up: str = ""
    confidential: bool = False
    attachments: list[AttachmentEntry] = field(default_factory=list)


@dataclass(frozen=True)
class HeartTalkRow:
    id: int
    held_on: dt.date
    kind: HeartTalkKind
    talker: str
    talkee: str
    topic: str
    state: RecordState
    late_entry: bool
    amended: bool
    confidential: bool


@dataclass(frozen=True)
class TalkCoverage:
    """What is still missing this year (rules.md §2: ≥1 a year in every pairing)."""

    year: int
    members_without_talk: list[tuple[int, str]]
    committee_pairs_missing: list[tuple[str, str]]


def _branch() -> Branch:
    branch = Branch.select().order_by(Branch.id).first()
    if branch is None:
        raise ValidationError("还没有建立支部，请先完成首次设置。")
    return branch


def new_heart_talk_form(
    *, on: dt.date | None = None, kind: HeartTalkKind = HeartTalkKind.COMMITTEE_MEMBER
) -> HeartTalkForm:
    on = on or dt.date.today()
    _branch()
    places = known_places()
    return HeartTalkForm(
        held_on=on,
        kind=kind,
        talker_id=secretary_id(on),
        place=places[0] if places else "",
        confidential=kind is HeartTalkKind.REMINDER,
    )


def check_heart_talk(form: HeartTalkForm, *, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    if form.held_on > today:
        problems.append(
            Problem("held_on", "谈话日期晚于今天。谈话之后再完成记录；现在可以先存为草稿。")
        )
    if form.talker_id is None:
        problems.append(Problem("talker_id", "请选择谈话人。"))
    if form.talkee_id is None and not squeeze(form.talkee_name):
        problems.append(Problem("talkee", "请选择谈话对象，或填写党外人员的姓名。"))
    if form.talker_id is not None and form.talker_id == form.talkee_id:
        problems.append(Problem("talkee", "谈话人和谈话对象不能是同一个人。"))
    if not squeeze(form.topic):
        problems.append(Problem("topic", "请填写谈话主题。"))
    if not (form.talker_said.strip() or form.talkee_said.strip()):
        problems.append(Problem("talker_said", "请至少记录一方的谈话内容。"))
    # rules.md §7: judged on its own day — both sides were in the branch that day.
    on_day = {m.id for m in history.roster_on(form.held_on)}
    day = format_date(form.held_on)
    if form.talker_id is not None and form.talker_id not in on_day:
        problems.append(
            Problem("talker_id", f"谈话人在{day}不是本支部党员，请核对谈话日期或谈话人。")
        )
    if form.talkee_id is not None and form.talkee_id not in on_day:
        problems.append(
            Problem(
                "talkee",
                f"谈话对象在{day}不是本支部党员，请核对谈话日期；不是本支部党员的，"
                "请按党外人员填写姓名。",
            )
        )
    committee = set(committee_member_ids(form.held_on))
    if form.kind is HeartTalkKind.COMMITTEE_PEERS and not (
        form.talker_id in committee and form.talkee_id in committee
    ):
        problems.append(
            Problem("kind", "“支委之间”的谈话双方都应是支部委员，请核对谈话类型。", "warning")
        )
    return problems


def _write(talk: HeartTalk, form: HeartTalkForm) -> None:
    assert form.talker_id is not None  # checked by the callers, with a message
    talk.held_on = form.held_on
    talk.kind = form.kind
    talk.talker_id = form.talker_id
    talk.talkee_id = form.talkee_id
    talk.talkee_name = squeeze(form.talkee_name) if form.talkee_id is None else ""
    talk.place = clean(form.place)
    talk.topic = clean(form.topic)
    talk.talker_said = form.talker_said.strip()
    talk.talkee_said = form.talkee_said.strip()
    talk.problems = form.problems.strip()
    talk.follow_up = form.follow_up.strip()
    talk.confidential = form.confidential
    talk.updated_at = records.now()
    talk.save()
    records.replace_attachments({"heart_talk": talk}, form.attachments)


def _name(member_id: int | None, fallback: str = "") -> str:
    if member_id is None:
        return fallback
    member = Member.get_or_none(Member.id == member_id)
    return member.name if member is not None else fallback


def _label(form: HeartTalkForm | HeartTalk) -> str:
    talker = _name(form.talker_id)
    talkee = _name(form.talkee_id, form.talkee_name)
    return f"{format_date(form.held_on)}{talker}与{talkee}谈话"


def save_heart_talk_draft(form: HeartTalkForm, *, heart_talk_id: int | None = None) -> int:
    """A draft keeps what is typed; a talk needs a talker even as a draft (the column)."""
    branch = _branch()
    if form.talker_id is None:
        raise ValidationError("请先选择谈话人，再保存草稿。", field="talker_id")
    with user_action("save_heart_talk_draft", entity="heart_talk") as audit:
        talk = (
            HeartTalk(branch=branch)
            if heart_talk_id is None
            else HeartTalk.get_by_id(heart_talk_id)
        )
        records.ensure_draft(talk, f"“{_label(form)}”记录")
        _write(talk, form)
        audit.entity_id = talk.id
        audit.summary = f"保存草稿“{_label(form)}”"
    return int(talk.id)


def finish_heart_talk(
    form: HeartTalkForm, *, heart_talk_id: int | None = None, today: dt.date | None = None
) -> int:
    today = today or dt.date.today()
    records.raise_first_error(check_heart_talk(form, today=today))
    branch = _branch()
    with user_action("finish_heart_talk", entity="heart_talk") as audit:
        talk = (
            HeartTalk(branch=branch)
            if heart_talk_id is None
            else HeartTalk.get_by_id(heart_talk_id)
        )
        records.ensure_editable(talk, f"“{_label(form)}”记录")
        records.mark_finished(talk, held_on=form.held_on, today=today)
        _write(talk, form)
        audit.entity_id = talk.id
        # a confidential talk leaves no names in the audit trail
        audit.summary = (
            "完成一次提醒谈话记录"
            if form.confidential
            else f"完成“{_label(form)}”记录" + ("（补录）" if talk.late_entry else "")
        )
    return int(talk.id)


def load_heart_talk(heart_talk_id: int) -> HeartTalkForm:
    t = HeartTalk.get_by_id(heart_talk_id)
    return HeartTalkForm(
        held_on=t.held_on,
        kind=t.kind,
        talker_id=t.talker_id,
        talkee_id=t.talkee_id,
        talkee_name=t.talkee_name,
        place=t.place,
        topic=t.topic,
        talker_said=t.talker_said,
        talkee_said=t.talkee_said,
        problems=t.problems,
        follow_up=t.follow_up,
        confidential=bool(t.confidential),
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.heart_talk == t)
        ),
    )


def heart_talk_state(heart_talk_id: int) -> tuple[RecordState, bool]:
    t = HeartTalk.get_by_id(heart_talk_id)
    return t.state, bool(t.late_entry)


def archive_heart_talk(heart_talk_id: int) -> None:
    talk = HeartTalk.get_by_id(heart_talk_id)
    with user_action("archive_heart_talk", entity="heart_talk") as audit:
        records.mark_archived(talk, f"“{_label(talk)}”记录")
        audit.entity_id = heart_talk_id
        audit.summary = "归档一次谈心谈话记录"


def amend_heart_talk(
    heart_talk_id: int, form: HeartTalkForm, *, reason: str, today: dt.date | None = None
) -> None:
    talk = HeartTalk.get_by_id(heart_talk_id)
    records.ensure_amendable(talk)
    records.raise_first_error(check_heart_talk(form, today=today))
    before = load_heart_talk(heart_talk_id)
    with user_action("amend_heart_talk", entity="heart_talk") as audit:
        records.record_amendment(
            RECORD_TYPE, heart_talk_id, reason=reason, before=before, after=form
        )
        _write(talk, form)
        audit.entity_id = heart_talk_id
        audit.summary = "更正一次谈心谈话记录"


def delete_heart_talk_draft(heart_talk_id: int) -> None:
    talk = HeartTalk.get_by_id(heart_talk_id)
    records.ensure_deletable(talk, f"“{_label(talk)}”记录")
    with user_action("delete_heart_talk_draft", entity="heart_talk") as audit:
        audit.entity_id = heart_talk_id
        audit.summary = "删除一份谈心谈话草稿"
        talk.delete_instance()


def copy_heart_talk(heart_talk_id: int, *, on: dt.date | None = None) -> HeartTalkForm:
    """复制上次: the same pair, kind, place and topic; contents left to write anew."""
    old = load_heart_talk(heart_talk_id)
    return replace(
        old,
        held_on=on or dt.date.today(),
        talker_said="",
        talkee_said="",
        problems="",
        follow_up="",
        attachments=[],
    )


def list_heart_talks(
    *,
    year: int | None = None,
    kind: HeartTalkKind | None = None,
    state: RecordState | None = None,
    late_only: bool = False,
) -> list[HeartTalkRow]:
    query = HeartTalk.select(  # the columns a row shows, not what was said
        HeartTalk.id,
        HeartTalk.held_on,
        HeartTalk.kind,
        HeartTalk.talker,
        HeartTalk.talkee,
        HeartTalk.talkee_name,
        HeartTalk.topic,
        HeartTalk.state,
        HeartTalk.late_entry,
        HeartTalk.confidential,
    )
    if year is not None:
        query = query.where(
            (HeartTalk.held_on >= dt.date(year, 1, 1))
            & (HeartTalk.held_on <= dt.date(year, 12, 31))
        )
    if kind is not None:
        query = query.where(HeartTalk.kind == kind)
    if state is not None:
        query = query.where(HeartTalk.state == state)
    if late_only:
        query = query.where(HeartTalk.late_entry == True)  # noqa: E712 (peewee expression)
    amended = records.amended_ids(RECORD_TYPE)
    names = {m.id: m.name for m in Member.select(Member.id, Member.name)}
    return [
        HeartTalkRow(
            id=t.id,
            held_on=t.held_on,
            kind=t.kind,
            talker=names.get(t.talker_id, ""),
            talkee=names.get(t.talkee_id or 0, t.talkee_name),
            topic=t.topic,
            state=t.state,
            late_entry=bool(t.late_entry),
            amended=t.id in amended,
            confidential=bool(t.confidential),
        )
        for t in query.order_by(HeartTalk.held_on.desc(), HeartTalk.id.desc())
    ]


def talk_coverage(year: int, *, today: dt.date | None = None) -> TalkCoverage:
    """Members with no talk this year; committee pairs with no 支委之间 talk this year."""
    today = today or dt.date.today()
    talks = list(
        HeartTalk.select().where(
            (HeartTalk.held_on >= dt.date(year, 1, 1))
            & (HeartTalk.held_on <= dt.date(year, 12, 31))
            & (HeartTalk.state != RecordState.DRAFT)
            # rules.md §7: a 提醒谈话 is not a 谈心谈话 and never counts toward coverage
            & (HeartTalk.kind != HeartTalkKind.REMINDER)
        )
    )
    talked = {t.talker_id for t in talks} | {t.talkee_id for t in talks if t.talkee_id}
    # Owed to the members in the branch on the year's last day (today while it runs), as
    # the compliance engine judges it (rules.md §7), not to today's roster.
    on = min(today, dt.date(year, 12, 31))
    without = [(m.id, m.name) for m in history.roster_on(on) if m.id not in talked]
    committee = committee_member_ids(on)
    names = {m.id: m.name for m in Member.select().where(Member.id.in_(committee))}
    pairs_done = {
        frozenset((t.talker_id, t.talkee_id))
        for t in talks
        if t.kind is HeartTalkKind.COMMITTEE_PEERS and t.talkee_id
    }
    missing = [
        (names[a], names[b])
        for a, b in itertools.combinations(committee, 2)
        if frozenset((a, b)) not in pairs_done and a in names and b in names
    ]
    return TalkCoverage(year=year, members_without_talk=without, committee_pairs_missing=missing)
