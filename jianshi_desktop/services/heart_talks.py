"""谈心谈话: talks between committee members, committee member and member, members; and
提醒谈话, which are confidential — kept out of packages and ledgers unless the secretary
decides otherwise. Also who has had no talk this year, and which committee pairs are
still missing."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jianshi_desktop.db.models import Attachment, HeartTalk, Member
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import HeartTalkKind, RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.branch import current_branch
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


def new_heart_talk_form(
    *, on: dt.date | None = None, kind: HeartTalkKind = HeartTalkKind.COMMITTEE_MEMBER
) -> HeartTalkForm:
    on = on or dt.date.today()
    current_branch()
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


def write_heart_talk(talk: HeartTalk, form: HeartTalkForm) -> None:
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


def talk_title(held_on: dt.date, talker: str, talkee: str) -> str:
    """2026年3月5日张三与李四谈话 (？ for a side not chosen yet)."""
    return f"{format_date(held_on)}{talker or '？'}与{talkee or '？'}谈话"


def heart_talk_label(form: HeartTalkForm) -> str:
    return talk_title(form.held_on, _name(form.talker_id), _name(form.talkee_id, form.talkee_name))


def heart_talk_anonymous(form: HeartTalkForm) -> str:
    """A confidential talk (提醒谈话) leaves no names in the audit trail."""
    return "一次提醒谈话" if form.confidential else ""


def check_talker_for_draft(form: HeartTalkForm) -> None:
    """A talk needs a talker even as a draft (the column)."""
    if form.talker_id is None:
        raise ValidationError("请先选择谈话人，再保存草稿。", field="talker_id")


def talk_file_name(talk: HeartTalk, _groups: Mapping[int, str]) -> str:
    """「2026年7月5日谈心谈话记录」 (services.documents numbers two on one day)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{format_date(talk.held_on)}谈心谈话记录")


def talkee_of(talk: HeartTalk, names: Mapping[int, str]) -> str:
    """The member (or the person from outside) talked with: tells two talks of a day apart
    in the 文书 list."""
    return names.get(talk.talkee_id or 0, talk.talkee_name)


def talk_contents_line(_talk: HeartTalk, _groups: Mapping[int, str]) -> str:
    return "谈心谈话记录"


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


def copied_heart_talk(old: HeartTalkForm, on: dt.date | None) -> HeartTalkForm:
    """复制上次: the same pair, kind, place and topic (today without ``on``); contents left
    to write anew."""
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
    query = records.within(HeartTalk, query, year=year, state=state, late_only=late_only, kind=kind)
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


def talk_facts() -> list[RecordFact]:
    """The finished talks as the compliance engine counts them. rules.md §7: a 提醒谈话
    (first of the 四种形态) is not a 谈心谈话 and never counts toward the yearly talk with
    every member; a confidential talk is named by no one."""
    query = HeartTalk.select(
        HeartTalk.id,
        HeartTalk.held_on,
        HeartTalk.kind,
        HeartTalk.talker,
        HeartTalk.talkee,
        HeartTalk.late_entry,
        HeartTalk.confidential,
        HeartTalk.topic,
    ).where(HeartTalk.state.in_(records.DONE) & (HeartTalk.kind != HeartTalkKind.REMINDER))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=held_on,
            kind=kind.value,
            participants=frozenset({talker_id} | ({talkee_id} if talkee_id else set())),
            late_entry=bool(late),
            title="提醒谈话（保密）" if confidential else title,
        )
        for id_, held_on, kind, talker_id, talkee_id, late, confidential, title in records.tuples(
            query
        )
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
