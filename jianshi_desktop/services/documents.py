"""Documents of the branch's records: content read from the database, built by
``documents.records``, written as Word and PDF with the names a secretary uses
(「2026年11月5日支委会会议记录.docx」).

Confidential talks (提醒谈话) stay out of ledgers unless asked for on purpose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from jianshi_desktop.db.models import (
    Amendment,
    HeartTalk,
    Meeting,
    Member,
    PartyGroup,
    ThemeDay,
)
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.documents.model import Document, Paragraph
from jianshi_desktop.documents.notices import MeetingNoticeContent, notice_document
from jianshi_desktop.documents.records import (
    AgendaContent,
    MinutesContent,
    RecordNotes,
    ReportDraft,
    ReportSection,
    Speech,
    TalkContent,
    ThemeDayContent,
    group_name,
    ledger_document,
    report_document,
    roster_document,
    unfilled_parts,
)
from jianshi_desktop.domain.compliance import Per, Period, State, Status, periods_in_year
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    AttendanceRole,
    HeartTalkKind,
    MeetingKind,
    MemberStatus,
    Presence,
)
from jianshi_desktop.domain.idcard import mask_id_number
from jianshi_desktop.domain.meetings import VoteOutcome, needs_quorum
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import compliance, history, meetings
from jianshi_desktop.services.branch import branch_name_on
from jianshi_desktop.services.heart_talks import load_heart_talk
from jianshi_desktop.services.lifecycle import RecordKind
from jianshi_desktop.services.records import DONE
from jianshi_desktop.services.reminders import Dismissal, dismissals
from jianshi_desktop.services.theme_days import load_theme_day, theme_day_attendance

Format = Literal["docx", "pdf", "both"]
RecordType = str  # a registered kind's record_type (services.record_kinds)


@dataclass(frozen=True)
class RecordRef:
    record_type: RecordType
    id: int
    held_on: dt.date
    line: str  # the contents line: 9月5日 支部委员会会议记录 (…（2） on a clash, as its file)
    # The record's file name without ending (:func:`record_file_stem`), the same in the
    # rendered files, the ledger's contents and the package.
    stem: str = field(default="", compare=False)
    confidential: bool = field(default=False, compare=False)  # a 提醒谈话 kept confidential
    # what tells it apart from a record of the same day on screen (a talk: the member
    # talked with); never printed
    subject: str = field(default="", compare=False)


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def record_notes(record_type: str, record: Any) -> RecordNotes:
    """A record's 补录 and 更正 notes, printed under its content (any kind's row)."""
    amendments = tuple(
        f"{format_date(a.made_at.date())}更正：{a.reason}"
        for a in Amendment.select()
        .where((Amendment.record_type == record_type) & (Amendment.record_id == record.id))
        .order_by(Amendment.made_at)
    )
    return RecordNotes(
        late_entry=bool(record.late_entry),
        recorded_on=record.created_at.date() if record.late_entry else None,
        amendments=amendments,
    )


def _absent(entries: list[meetings.AttendanceEntry]) -> tuple[str, ...]:
    return tuple(
        f"{a.name}（{a.presence.label}：{a.reason}）"
        if a.reason
        else f"{a.name}（{a.presence.label}）"
        for a in entries
        if a.role is AttendanceRole.EXPECTED and a.presence is not Presence.PRESENT
    )


def _sequence(meeting: Meeting) -> int:
    """The n-th finished meeting of its kind (and group) in its year, by date."""
    query = Meeting.select().where(
        (Meeting.kind == meeting.kind)
        & (Meeting.state.in_(DONE))
        & (Meeting.held_on >= dt.date(meeting.held_on.year, 1, 1))
        & (Meeting.held_on <= meeting.held_on)
    )
    if meeting.party_group_id:
        query = query.where(Meeting.party_group == meeting.party_group_id)
    return max(1, query.count())


def minutes_content(meeting_id: int) -> MinutesContent:
    m = Meeting.get_by_id(meeting_id)
    form = meetings.load_meeting(meeting_id)
    names = _names()
    branch_name = branch_name_on(m.held_on)  # a rename shows on later records only
    group = PartyGroup.get_by_id(m.party_group_id).name if m.party_group_id else ""
    kind_label = meetings.kind_name(m.kind, group)
    count = form.headcount()
    resolutions = []
    for res in form.resolutions:
        result = form.vote(res)
        if result is None:
            resolutions.append(meetings.resolution_words(res))
        else:
            outcome = "通过" if result.outcome is VoteOutcome.PASSED else result.outcome.label
            # written opinions of absent voters print apart from the counts (rules.md §7)
            present = "到会" if res.written else ""
            written = (
                f"；书面意见{res.written}份（同意{res.written_for or 0}份，"
                f"反对{res.written_against or 0}份）"
                if res.written
                else ""
            )
            resolutions.append(
                f"{meetings.resolution_words(res)}（表决：{present}同意{res.votes_for or 0}票，"
                f"反对{res.votes_against or 0}票，弃权{res.votes_abstain or 0}票{written}，"
                f"{outcome}）"
            )
    return MinutesContent(
        branch=branch_name,
        kind=m.kind.value,
        kind_label=kind_label,
        held_on=m.held_on,
        sequence=_sequence(m) if m.state in DONE else None,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=m.place,
        chair=names.get(m.chair_id or 0, ""),
        entrusted_chair=bool(m.entrusted_chair),
        recorder=names.get(m.recorder_id or 0, ""),
        expected=count.expected,
        present=count.present,
        absent=_absent(form.attendance),
        observers=tuple(a.name for a in form.attendance if a.role is AttendanceRole.OBSERVER),
        voters_expected=count.voters_expected if needs_quorum(m.kind) else None,
        voters_present=count.voters_present if needs_quorum(m.kind) else None,
        attendees=tuple(
            a.name
            for a in form.attendance
            if a.role is AttendanceRole.EXPECTED and a.presence is Presence.PRESENT
        ),
        agenda=tuple(
            AgendaContent(
                a.title,
                a.discussion,
                tuple(
                    Speech(names.get(s.speaker_id or 0, s.speaker_name), s.content)
                    for s in a.speeches
                ),
            )
            for a in form.agenda
        ),
        resolutions=tuple(resolutions),
        lecturer=names.get(m.lecturer_id or 0, m.lecturer_name),
        lecture_title=m.title,
        duration_minutes=m.duration_minutes,
        summary=m.summary,
        open_items=m.open_items,
        tags=tuple(m.tags or ()),
        notes=record_notes("meeting", m),
    )


def theme_day_content(theme_day_id: int) -> ThemeDayContent:
    day = ThemeDay.get_by_id(theme_day_id)
    form = load_theme_day(theme_day_id)
    people = theme_day_attendance(theme_day_id)
    expected = [p for p in people if p.role is AttendanceRole.EXPECTED]
    linked = meetings.meeting_title(day.meeting_id) if day.meeting_id else ""
    return ThemeDayContent(
        branch=branch_name_on(day.held_on),
        held_on=day.held_on,
        theme=day.theme,
        form=day.form,
        place=day.place,
        chair=_names().get(day.chair_id or 0, "") if day.chair_id else "",
        required_items=tuple(form.required_items),
        expected=len(expected),
        present=sum(p.presence is Presence.PRESENT for p in expected),
        absent=_absent(people),
        with_meeting=linked,
        summary=day.summary,
        notes=record_notes("theme_day", day),
    )


def talk_content(heart_talk_id: int) -> TalkContent:
    talk = HeartTalk.get_by_id(heart_talk_id)
    form = load_heart_talk(heart_talk_id)
    names = _names()
    return TalkContent(
        branch=branch_name_on(talk.held_on),
        held_on=talk.held_on,
        kind_label=talk.kind.label,
        talker=names.get(talk.talker_id, ""),
        talkee=names.get(talk.talkee_id or 0, talk.talkee_name),
        place=talk.place,
        topic=talk.topic,
        talker_said=form.talker_said,
        talkee_said=form.talkee_said,
        problems=form.problems,
        follow_up=form.follow_up,
        confidential=bool(talk.confidential),
        notes=record_notes("heart_talk", talk),
    )


def check_notice_ready(starts_at: str | None, place: str | None) -> None:
    """Raise :class:`UserError` (saying what to fill in first) while a meeting's start time
    or place is empty: a 会议通知 needs both. The wizard asks before it keeps a draft."""
    missing = [
        label
        for label, value in (("开始时间", starts_at), ("地点", place))
        if not (value or "").strip()
    ]
    if missing:
        raise UserError(
            f"这次会议还没有填写{'和'.join(missing)}，不能生成会议通知。",
            hint=f"请先在会议记录的第一步填写{'和'.join(missing)}，再打印会议通知。",
        )


def notice_content(meeting_id: int, *, today: dt.date | None = None) -> MeetingNoticeContent:
    """The 会议通知 of a meeting, draft or not, from what its first step holds. Raises
    :class:`UserError` while the start time or the place is still empty."""
    m = Meeting.get_or_none(Meeting.id == meeting_id)
    if m is None:
        raise RecordMissing(meeting_id)
    check_notice_ready(m.starts_at, m.place)
    form = meetings.load_meeting(meeting_id)
    names = _names()
    group = PartyGroup.get_or_none(PartyGroup.id == m.party_group_id) if m.party_group_id else None
    kind_label = meetings.kind_name(m.kind, group.name if group is not None else "")
    people = form.attendance or meetings.expected_attendance(
        m.kind, on=m.held_on, party_group_id=m.party_group_id
    )
    secretary = meetings.secretary_id(m.held_on)
    leave_to = ("", "")
    if m.chair_id and m.chair_id == secretary:
        leave_to = ("支部书记", names.get(m.chair_id, ""))
    elif m.chair_id and group is not None and group.leader_id == m.chair_id:
        leave_to = ("党小组组长", names.get(m.chair_id, ""))
    elif m.chair_id:
        leave_to = ("会议主持人", names.get(m.chair_id, ""))
    elif secretary:
        leave_to = ("支部书记", names.get(secretary, ""))
    return MeetingNoticeContent(
        branch=branch_name_on(m.held_on),
        kind=m.kind.value,
        kind_label=kind_label,
        held_on=m.held_on,
        starts_at=m.starts_at.strip(),
        ends_at=(m.ends_at or "").strip(),
        place=m.place.strip(),
        issued_on=today or dt.date.today(),
        agenda=tuple(a.title.strip() for a in form.agenda if a.title.strip()),
        lecturer=names.get(m.lecturer_id or 0, m.lecturer_name).strip(),
        lecture_title=(m.title or "").strip(),
        attendees=tuple(a.name for a in people if a.role is AttendanceRole.EXPECTED),
        observers=tuple(a.name for a in people if a.role is AttendanceRole.OBSERVER),
        leave_to=leave_to,
    )


def meeting_notice(meeting_id: int) -> Document:
    """会议通知 (Word and PDF through :func:`write`) of a meeting, before it takes place:
    time, place, agenda, who attends and whom to tell of an absence. Works for a draft;
    raises :class:`UserError` (in Chinese) while the start time or place is empty."""
    return notice_document(notice_content(meeting_id))


def notice_stem(meeting_id: int) -> str:
    """「2026年12月15日支部党员大会会议通知」."""
    m = Meeting.get_by_id(meeting_id)
    group = PartyGroup.get_or_none(PartyGroup.id == m.party_group_id) if m.party_group_id else None
    kind = m.kind.label
    if m.kind is MeetingKind.GROUP:
        kind = group.name if group is not None else group_name(kind)
    noun = "通知" if m.kind is MeetingKind.LECTURE else "会议通知"
    return safe_file_name(f"{format_date(m.held_on)}{kind}{noun}")


class RecordMissing(LookupError):
    """No record of that type with that id."""


def record_document(record_type: RecordType, record_id: int) -> Document:
    """The record as printed; :class:`RecordMissing` when there is no such record."""
    kind = _kind(record_type)
    if kind.model.get_or_none(kind.model.id == record_id) is None:
        raise RecordMissing(record_id)
    return kind.document(record_id)


def _kind(record_type: RecordType) -> RecordKind[Any]:
    # the kinds are registered with the document builders of this module
    from jianshi_desktop.services.record_kinds import kind_of

    try:
        return kind_of(record_type)
    except LookupError:
        raise RecordMissing(record_type) from None


def _kinds() -> tuple[RecordKind[Any], ...]:
    from jianshi_desktop.services.record_kinds import KINDS

    return KINDS


def _month_span(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    start = first.replace(day=1)
    following = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start, following - dt.timedelta(days=1)


def record_stems(wanted: list[tuple[RecordType, int]]) -> dict[tuple[RecordType, int], str]:
    """Each record's unique, stable file name (without ending).

    The name is the date and kind (the kind's ``file_name``); records that share it — two 主题党日
    in one month, two talks on one day, two 支委会 on one day — are numbered by record id
    among the finished and archived records of that name: the lowest id keeps the plain
    name, the next is 「…（2）」, then 「…（3）」. A draft is numbered as if it were finished.
    So the same record has the same name in 文书, in the 台账 and in the 报送包, every time.
    Unknown records raise :class:`RecordMissing`.
    """
    if not wanted:
        return {}
    groups = {g.id: g.name for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
    kinds = {kind.record_type: kind for kind in _kinds()}
    asked: dict[tuple[RecordType, int], Any] = {}
    for record_type, kind in kinds.items():
        ids = sorted({i for t, i in wanted if t == record_type})
        for start in range(0, len(ids), 500):  # within SQLite's limit of bound values
            chunk = ids[start : start + 500]
            for record in kind.naming_rows().where(kind.model.id.in_(chunk)):
                asked[(record_type, record.id)] = record
    for key in wanted:
        if key not in asked:
            raise RecordMissing(key[1])
    first, last = _month_span(
        min(r.held_on for r in asked.values()), max(r.held_on for r in asked.values())
    )
    # Everything that could share a name with an asked record: the same day or month.
    candidates = dict(asked)
    for record_type, kind in kinds.items():
        model = kind.model
        query = kind.naming_rows().where(
            (model.held_on >= first) & (model.held_on <= last) & model.state.in_(DONE)
        )
        for record in query:
            candidates.setdefault((record_type, record.id), record)
    by_name: dict[str, list[tuple[int, int, tuple[RecordType, int]]]] = {}
    bases: dict[tuple[RecordType, int], str] = {}
    for key, record in candidates.items():
        base = kinds[key[0]].file_name(record, groups)
        bases[key] = base
        if key in asked or record.state in DONE:
            by_name.setdefault(base.casefold(), []).append((record.id, kinds[key[0]].order, key))
    stems: dict[tuple[RecordType, int], str] = {}
    for sharing in by_name.values():
        finished = sorted(entry for entry in sharing if candidates[entry[2]].state in DONE)
        for entry in sorted(sharing):
            key = entry[2]
            if key not in asked:
                continue
            ranked = finished if entry in finished else sorted([*finished, entry])
            number = ranked.index(entry) + 1
            stems[key] = bases[key] if number == 1 else f"{bases[key]}（{number}）"
    return stems


def record_file_stem(record_type: RecordType, record_id: int) -> str:
    """「2026年11月5日支委会会议记录」, or 「…（2）」 when another record has the same date
    and kind (:func:`record_stems`)."""
    return record_stems([(record_type, record_id)])[(record_type, record_id)]


def records_in(period: ReportPeriod, *, include_confidential: bool = False) -> list[RecordRef]:
    """Finished and archived records of the period, in date order (drafts never)."""
    refs: list[RecordRef] = []
    groups = {g.id: g.name for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
    names = _names()
    kinds = _kinds()
    for kind in kinds:
        model = kind.model
        query = kind.naming_rows().where(
            (model.held_on >= period.start) & (model.held_on <= period.end) & model.state.in_(DONE)
        )
        for row in query:
            confidential = kind.confidential(row)
            if confidential and not include_confidential:
                continue
            line = f"{_md(row.held_on)} {kind.contents_line(row, groups)}"
            subject = kind.subject(row, names)
            refs.append(
                RecordRef(kind.record_type, row.id, row.held_on, line, "", confidential, subject)
            )
    order = {kind.record_type: kind.order for kind in kinds}
    stems = record_stems([(r.record_type, r.id) for r in refs])
    named = [_named(r, stems[(r.record_type, r.id)]) for r in refs]
    return sorted(named, key=lambda r: (r.held_on, order[r.record_type], r.id))


def _named(ref: RecordRef, stem: str) -> RecordRef:
    """The ref with its file name; a numbered name's 「（2）」 ends its contents line too."""
    line = ref.line
    if stem.endswith("）") and "（" in stem:
        mark = stem[stem.rindex("（") :]
        if mark[1:-1].isdigit():
            line = f"{line}{mark}"
    return replace(ref, line=line, stem=stem)


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def ledger(
    period: ReportPeriod,
    *,
    include_confidential: bool = False,
    today: dt.date | None = None,
    built: Mapping[tuple[RecordType, int], Document] | None = None,
    include_students: bool = True,
) -> Document:
    """The period's 台账. ``built``: record documents already made (a package export has
    just written each one), by record type and id; the others are made here.
    ``include_students``: False leaves out the 结对帮扶记录, which name students (a
    package, unless the secretary chose otherwise). A period that ends a year ends with
    that year's 学时统计 (the ledger's 学习培训 section)."""
    refs = records_in(period, include_confidential=include_confidential)
    if not include_students:
        refs = [r for r in refs if r.record_type != "pairing_help"]
    built = built or {}
    entries = [
        (r.line, built.get((r.record_type, r.id)) or record_document(r.record_type, r.id))
        for r in refs
    ]
    # 学习培训 (issue 20): a 台账 whose period ends a year closes with that year's
    # 党员学习培训学时统计 (each member's hours against the minimum), when it had trainings
    from jianshi_desktop.documents.trainings import year_hours_document
    from jianshi_desktop.services.training_documents import year_hours_content
    from jianshi_desktop.services.trainings import years_ending_within

    for year in years_ending_within(period.start, period.end):
        table = year_hours_document(year_hours_content(year, today=today))
        entries.append((f"{year}年度党员学习培训学时统计", table))
    return ledger_document(
        branch=branch_name_on(period.end),
        period_label=period.label,
        made_on=today or dt.date.today(),
        records=entries,
    )


def roster(
    *, masked: bool = True, today: dt.date | None = None, as_of: dt.date | None = None
) -> Document:
    """The 花名册 of ``as_of`` (default today): the members of that day with their status
    and group then (rules.md §7), in order of joining."""
    day = as_of or today or dt.date.today()
    groups = {g.id: g.name for g in PartyGroup.select()}
    members = sorted(
        history.members_on(day), key=lambda pair: (pair[0].joined_on or dt.date.min, pair[0].id)
    )
    rows = [
        (
            m.name,
            m.gender.label if m.gender else "",
            f"{m.birth_date:%Y.%m}" if m.birth_date else "",
            (mask_id_number(m.id_number) if masked else m.id_number) if m.id_number else "",
            f"{m.joined_on:%Y.%m.%d}" if m.joined_on else "",
            "正式" if on_day.status is MemberStatus.FULL else "预备",
            groups.get(on_day.group_id or 0, ""),
        )
        for m, on_day in members
    ]
    return roster_document(branch=branch_name_on(day), as_of=day, rows=rows, masked=masked)


PRACTICES_ASK = (
    "请写这段时间支部的主要做法和成效：做了哪些工作，有什么特色，取得了什么效果。每一段另起一行。"
)
PLANS_ASK = (
    "请写存在的问题和下一步打算：对照上面“落实组织生活制度情况”中没有完成的事项，"
    "写明原因和准备在什么时间、用什么办法落实。"
)


class ReportUnfinished(UserError):
    """A part the secretary must write is still empty; ``parts`` names them."""

    def __init__(self, parts: list[str]) -> None:
        names = "、".join(f"“{part}”" for part in parts)
        super().__init__(
            f"报告的{names}还没有填写，不能生成。",
            hint="请在“编写报告”中写上这些内容后再预览、打印或保存。",
        )
        self.parts = parts


def report_draft(period: ReportPeriod, *, today: dt.date | None = None) -> ReportDraft:
    """关于××党支部××党建工作情况的报告, its body started from the figures the app has.

    What the app knows it writes (基本情况, 落实组织生活制度情况, from the compliance
    engine's states); what only the secretary knows (主要做法, 问题和打算) is left empty
    and asked for (rules.md §7: a report states all was done only when it was)."""
    today = today or dt.date.today()
    branch_name = branch_name_on(today)  # the branch that issues it
    short = branch_name.removeprefix("中共").removesuffix("支部委员会").removesuffix("支部")
    figures = report_figures(period, today)
    return ReportDraft(
        title=f"关于{short}党支部{period.label}党建工作情况的报告",
        recipient="县教育局党委",
        # no claim of its own ("认真落实…"): what was done is stated in the parts below
        opening=f"现将我支部{period.label}党建工作情况报告如下：",
        sections=[
            ReportSection("基本情况", figures["basics"]),
            ReportSection("主要做法和成效", "", ask=PRACTICES_ASK, key="practices"),
            ReportSection("落实组织生活制度情况", figures["fulfilment"]),
            ReportSection("存在的问题和下一步打算", "", ask=PLANS_ASK, key="plans"),
        ],
        closing="特此报告。",
        signer=branch_name,
        issue_date=today,
        masthead_signer=history.secretary_name_on(today),  # 签发人: the 书记 of the day
    )


FIGURE_HEADINGS = {"basics": "基本情况", "fulfilment": "落实组织生活制度情况"}


def report_figures(period: ReportPeriod, today: dt.date) -> dict[str, str]:
    """The parts of the report the app writes from the records, as of ``today``:
    ``basics`` (基本情况) and ``fulfilment`` (落实组织生活制度情况)."""
    return {"basics": _basics(period, today), "fulfilment": fulfilment(period, today)}


def _basics(period: ReportPeriod, today: dt.date) -> str:
    counts = {k: 0 for k in MeetingKind}
    for m in Meeting.select().where(
        (Meeting.held_on >= period.start)
        & (Meeting.held_on <= period.end)
        & Meeting.state.in_(DONE)
    ):
        counts[m.kind] += 1
    theme = (
        ThemeDay.select()
        .where(
            (ThemeDay.held_on >= period.start)
            & (ThemeDay.held_on <= period.end)
            & ThemeDay.state.in_(DONE)
        )
        .count()
    )
    talks = (
        HeartTalk.select()
        .where(
            (HeartTalk.held_on >= period.start)
            & (HeartTalk.held_on <= period.end)
            & HeartTalk.state.in_(DONE)
            # rules.md §7: a 提醒谈话 is not a 谈心谈话
            & (HeartTalk.kind != HeartTalkKind.REMINDER)
        )
        .count()
    )
    # The members of the period's last day (today while it runs), not today's roster
    # (rules.md §7: a period is judged with that period's members).
    running = _running(period, today)
    as_of = today if running else period.end
    roster = history.roster_on(as_of)
    full = sum(1 for m in roster if m.status is MemberStatus.FULL)
    probationary = len(roster) - full
    when = f"截至{format_date(today)}" if running else period.label
    holding = "现有党员" if running else f"到{format_date(as_of)}有党员"
    basics = (
        f"支部{holding}{full + probationary}名，其中正式党员{full}名、预备党员{probationary}名。"
        f"{when}，支部召开支部党员大会{counts[MeetingKind.GENERAL_ASSEMBLY]}次、"
        f"支委会{counts[MeetingKind.COMMITTEE]}次、党小组会{counts[MeetingKind.GROUP]}次，"
        f"讲党课{counts[MeetingKind.LECTURE]}次，开展主题党日活动{theme}次，谈心谈话{talks}人次。"
    )
    return basics


def _running(period: ReportPeriod, today: dt.date) -> bool:
    return today <= period.end


def _periods_within(period: ReportPeriod, per: Per) -> list[Period]:
    """The obligation's periods (months, quarters, years) lying wholly in the report's."""
    return [
        p
        for year in range(period.start.year, period.end.year + 1)
        for p in periods_in_year(year, per)
        if period.start <= p.start and p.end <= period.end
    ]


def _item(status: Status) -> str:
    """「2026年7月支委会（应1次，已0次，期限2026年7月31日）」"""
    return (
        f"{status.title}（应{status.required}次，已{status.done}次，期限{format_date(status.due)}）"
    )


def _explained(title: str, dismissal: Dismissal, what: str = "没有开展") -> str:
    """「2025年组织生活会没有开展，原因：……（2026年1月5日说明）」"""
    return (
        f"{title}{what}，原因：{dismissal.reason.rstrip('。；;，,')}"
        f"（{format_date(dismissal.dismissed_on)}说明）"
    )


def fulfilment(period: ReportPeriod, today: dt.date) -> str:
    """What every obligation of the period (obligations.json) asked and what was done,
    from the compliance engine's states: "all done" only when every one is done; a
    period still running speaks 截至 today and does not call what is not yet due undone."""
    engine = compliance.engine(today=today)
    running = _running(period, today)
    done: list[str] = []  # 支委会（应3次，已3次）
    late: list[str] = []  # past their end and not done
    pending: list[str] = []  # running, not yet due
    # before the branch (or, for 党费, its dues) was kept here: not judged — (label, from)
    unrecorded: list[tuple[str, dt.date]] = []
    explained: list[str] = []  # last year's items dismissed with a reason (不再提醒)
    reasons = dismissals()
    later = False  # periods not yet begun (the rest of a running year)
    for obligation in engine.obligations:
        statuses = [
            status
            for p in _periods_within(period, obligation.per)
            for status in engine.status(obligation, p, today)
        ]
        later = later or any(s.period.start > today for s in statuses)
        started = [s for s in statuses if s.period.start <= today]
        if not started:
            continue
        if obligation.each == "member":  # 谈心谈话: everyone at least once a year
            for p in sorted({s.period for s in started}, key=lambda p: p.start):
                of_period = [s for s in started if s.period == p]
                if all(s.state is State.NOT_RECORDED for s in of_period):
                    start = engine.facts.recorded_from_for(obligation.record, obligation.key)
                    unrecorded.append((obligation.label, start))
                    continue
                missing = [s.subject for s in of_period if s.state is not State.DONE]
                if not missing:
                    done.append(f"{p.label}{obligation.label}（{len(of_period)}名党员均已谈话）")
                    continue
                names = "、".join(missing)
                overdue_talks = any(s.state is State.OVERDUE for s in of_period)
                dismissal = reasons.get((obligation.key, p.start))
                if overdue_talks and dismissal is not None:
                    explained.append(
                        _explained(
                            f"{p.label}{obligation.label}",
                            dismissal,
                            f"有{len(missing)}名党员没有谈话（{names}）",
                        )
                    )
                    continue
                text = (
                    f"{p.label}{obligation.label}：{len(of_period)}名党员中有{len(missing)}名"
                    f"没有谈话记录（{names}），期限{format_date(p.end)}"
                )
                (late if overdue_talks else pending).append(text)
            continue
        overdue = []  # late, and either unexplained or explained (不再提醒 with a reason)
        for status in (s for s in started if s.state is State.OVERDUE):
            dismissal = (
                reasons.get((obligation.key, status.period.start))
                if obligation.per is Per.YEAR
                else None
            )
            if dismissal is None:
                late.append(_item(status))
            else:
                explained.append(_explained(status.title, dismissal))
            overdue.append(status)
        running_now = [s for s in started if s.state in (State.DUE_SOON, State.NOT_YET_DUE)]
        pending.extend(_item(s) for s in running_now)
        start = engine.facts.recorded_from_for(obligation.record, obligation.key)
        unrecorded.extend(
            (obligation.label, start) for s in started if s.state is State.NOT_RECORDED
        )
        finished = [s for s in started if s.state is State.DONE]
        if finished and not overdue and not running_now:
            required = sum(s.required for s in finished)
            held = sum(s.done for s in finished)
            done.append(f"{obligation.label}（应{required}次，已{held}次）")
        elif finished:  # the rest is listed above as late or running
            required = sum(s.required for s in finished)
            held = sum(s.done for s in finished)
            done.append(f"{obligation.label}（已到期的应{required}次，已{held}次）")
    if not (done or late or pending or unrecorded or explained):
        return f"{period.label}没有需要对照的组织生活制度要求。"
    as_of = format_date(today)
    paragraphs: list[str] = []
    if not (done or late or pending or explained):  # wholly before the branch kept its records here
        starts = sorted({start for _label, start in unrecorded})
        if starts == [engine.facts.recorded_from]:
            return (
                f"本支部从{format_date(starts[0])}开始用本程序记录，{period.label}在此之前，"
                "本程序中没有这一期间的记录，不作对照。"
            )
        return f"{period.label}在本程序开始记录之前。" + _unrecorded_text(
            unrecorded, engine.facts.recorded_from
        )
    if not running:
        if not late and not unrecorded and not explained:
            paragraphs.append(
                f"对照上级要求，{period.label}的各项组织生活制度均已按要求落实：{'、'.join(done)}。"
            )
            return "\n".join(paragraphs)
        if late or explained:
            open_items = len(late) + len(explained)
            paragraphs.append(f"对照上级要求，{period.label}有{open_items}项工作没有按期完成：")
        else:
            paragraphs.append(f"对照上级要求，{period.label}在本程序中记录的工作均已按期完成。")
    else:
        if not late and not pending and not explained:
            rest = f"，{period.label}其余的工作尚未到期" if later else ""
            which = "在本程序中记录的、已到期的工作" if unrecorded else "已到期的各项组织生活制度"
            paragraphs.append(f"{period.label}尚未结束。截至{as_of}，{which}均已按要求落实{rest}。")
        else:
            paragraphs.append(f"{period.label}尚未结束。截至{as_of}，对照上级要求：")
    if late:
        paragraphs.append(f"没有按期完成的：{'；'.join(late)}。")
    paragraphs.extend(f"{text}。" for text in explained)
    if pending:
        paragraphs.append(f"尚未到期、正在进行的：{'；'.join(pending)}。")
    if done:
        paragraphs.append(f"已经完成的：{'、'.join(done)}。")
    if unrecorded:
        paragraphs.append(_unrecorded_text(unrecorded, engine.facts.recorded_from))
    if running and later and (late or pending or explained):
        paragraphs.append(f"{period.label}其余的工作尚未到期。")
    return "\n".join(paragraphs)


def _unrecorded_text(unrecorded: list[tuple[str, dt.date]], branch_from: dt.date) -> str:
    """「本支部从…开始用本程序记录，此前的3项工作…」, and for a kind kept here from a later
    day (党费收缴) its own sentence with its own day."""
    sentences = []
    for start in sorted({start for _label, start in unrecorded}):
        labels = [label for label, day in unrecorded if day == start]
        if start == branch_from:
            sentences.append(
                f"本支部从{format_date(start)}开始用本程序记录，此前的{len(labels)}项工作本程序中"
                "没有记录，不作对照。"
            )
        else:
            names = "、".join(dict.fromkeys(labels))
            sentences.append(
                f"{names}从{start.year}年{start.month}月开始在本程序中记录，此前的"
                f"{len(labels)}项本程序中没有记录，不作对照。"
            )
    return "".join(sentences)


def report(draft: ReportDraft, *, fingerprint: str | None = None) -> Document:
    """The report laid out; never with a part the secretary has still to write.

    It ends with 「报送包签名指纹：…」 so that the county can check a package's signer:
    ``fingerprint`` as the 定稿 stored it (rules.md §7: a finished report shows the key of
    its own day; "" for a 定稿 made before fingerprints were kept: no line), or, for a
    draft (None), the branch's key today. No key, no line: never a placeholder."""
    parts = unfilled_parts(draft)
    if parts:
        raise ReportUnfinished(parts)
    document = report_document(draft)
    shown = current_fingerprint() if fingerprint is None else fingerprint
    if shown:  # as an 附注 (GB/T 9704 7.3.6): under 成文日期, indented, in parentheses
        line = f"（报送包签名指纹：{shown}）"
        document.blocks.append(Paragraph(line, indent_chars=2, align="left", space_before_lines=1))
    return document


def current_fingerprint() -> str:
    """The branch's signing key's fingerprint today; "" when it has none yet."""
    from jianshi_desktop.services import signing_keys

    return signing_keys.fingerprint() or ""


def write(document: Document, folder: Path, stem: str, fmt: Format = "both") -> list[Path]:
    """Write the document under ``folder`` as ``stem``.docx / .pdf; returns the files."""
    # The renderers load python-docx and reportlab: imported on the first document, not
    # when the app starts.
    from jianshi_desktop.documents.render_docx import render_docx
    from jianshi_desktop.documents.render_pdf import render_pdf

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt in ("docx", "both"):
        written.append(render_docx(document, folder / f"{stem}.docx"))
    if fmt in ("pdf", "both"):
        result = render_pdf(document, folder / f"{stem}.pdf")
        written.append(folder / f"{stem}.pdf" if result.path is None else result.path)
    return written


def ledger_stem(period: ReportPeriod) -> str:
    return safe_file_name(f"{branch_name_on(period.end)}{period.label}党建工作台账")


def roster_stem(as_of: dt.date | None = None) -> str:
    """The roster's file name, with the branch's name on the roster's day."""
    return safe_file_name(f"{branch_name_on(as_of or dt.date.today())}党员花名册")


def report_stem(draft: ReportDraft) -> str:
    return safe_file_name(draft.title)
