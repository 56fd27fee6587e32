"""Documents of the branch's records: content read from the database, built by
``documents.records``, written as Word and PDF with the names a secretary uses
(「2026年11月5日支委会会议记录.docx」).

Confidential talks (提醒谈话) stay out of ledgers unless asked for on purpose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from jianshi_desktop.db.models import (
    Amendment,
    Branch,
    HeartTalk,
    Meeting,
    Member,
    PartyGroup,
    ThemeDay,
)
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.documents.model import Document
from jianshi_desktop.documents.records import (
    AgendaContent,
    MinutesContent,
    RecordNotes,
    ReportDraft,
    ReportSection,
    Speech,
    TalkContent,
    ThemeDayContent,
    ledger_document,
    minutes_document,
    report_document,
    roster_document,
    talk_document,
    theme_day_document,
)
from jianshi_desktop.domain.compliance import State, periods_in_year
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    AttendanceRole,
    MeetingKind,
    MemberState,
    MemberStatus,
    Presence,
    RecordState,
)
from jianshi_desktop.domain.idcard import mask_id_number
from jianshi_desktop.domain.meetings import VoteOutcome
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import compliance, meetings
from jianshi_desktop.services.heart_talks import load_heart_talk
from jianshi_desktop.services.theme_days import load_theme_day, theme_day_attendance

Format = Literal["docx", "pdf", "both"]
RecordType = Literal["meeting", "theme_day", "heart_talk"]
DONE = (RecordState.FINISHED, RecordState.ARCHIVED)


@dataclass(frozen=True)
class RecordRef:
    record_type: RecordType
    id: int
    held_on: dt.date
    line: str  # the contents line: 9月5日 支部委员会会议记录


def _branch() -> Branch:
    branch = Branch.select().order_by(Branch.id).first()
    if branch is None:
        raise UserError("还没有建立支部，请先完成首次设置。")
    return branch


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def _notes(record_type: str, record: Meeting | ThemeDay | HeartTalk) -> RecordNotes:
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
    branch = _branch()
    group = PartyGroup.get_by_id(m.party_group_id).name if m.party_group_id else ""
    kind_label = f"{group}会议" if m.kind is MeetingKind.GROUP and group else m.kind.label
    count = form.headcount()
    resolutions = []
    for res in form.resolutions:
        result = form.vote(res)
        if result is None:
            resolutions.append(res.text)
        else:
            outcome = "通过" if result.outcome is VoteOutcome.PASSED else result.outcome.label
            resolutions.append(
                f"{res.text}（表决：同意{res.votes_for or 0}票，反对{res.votes_against or 0}票，"
                f"弃权{res.votes_abstain or 0}票，{outcome}）"
            )
    return MinutesContent(
        branch=branch.name,
        kind=m.kind.value,
        kind_label=kind_label,
        held_on=m.held_on,
        sequence=_sequence(m) if m.state in DONE else None,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=m.place,
        chair=names.get(m.chair_id or 0, ""),
        recorder=names.get(m.recorder_id or 0, ""),
        expected=count.expected,
        present=count.present,
        absent=_absent(form.attendance),
        observers=tuple(a.name for a in form.attendance if a.role is AttendanceRole.OBSERVER),
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
        notes=_notes("meeting", m),
    )


def theme_day_content(theme_day_id: int) -> ThemeDayContent:
    day = ThemeDay.get_by_id(theme_day_id)
    form = load_theme_day(theme_day_id)
    people = theme_day_attendance(theme_day_id)
    expected = [p for p in people if p.role is AttendanceRole.EXPECTED]
    linked = meetings.meeting_title(day.meeting_id) if day.meeting_id else ""
    return ThemeDayContent(
        branch=_branch().name,
        held_on=day.held_on,
        theme=day.theme,
        form=day.form,
        place=day.place,
        required_items=tuple(form.required_items),
        expected=len(expected),
        present=sum(p.presence is Presence.PRESENT for p in expected),
        absent=_absent(people),
        with_meeting=linked,
        summary=day.summary,
        notes=_notes("theme_day", day),
    )


def talk_content(heart_talk_id: int) -> TalkContent:
    talk = HeartTalk.get_by_id(heart_talk_id)
    form = load_heart_talk(heart_talk_id)
    names = _names()
    return TalkContent(
        branch=_branch().name,
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
        notes=_notes("heart_talk", talk),
    )


class RecordMissing(LookupError):
    """No record of that type with that id."""


def record_document(record_type: RecordType, record_id: int) -> Document:
    model = {"meeting": Meeting, "theme_day": ThemeDay, "heart_talk": HeartTalk}[record_type]
    if model.get_or_none(model.id == record_id) is None:
        raise RecordMissing(record_id)
    if record_type == "meeting":
        return minutes_document(minutes_content(record_id))
    if record_type == "theme_day":
        return theme_day_document(theme_day_content(record_id))
    return talk_document(talk_content(record_id))


def record_file_stem(record_type: RecordType, record_id: int) -> str:
    """「2026年11月5日支委会会议记录」"""
    if record_type == "meeting":
        m = Meeting.get_by_id(record_id)
        label = "记录" if m.kind is MeetingKind.LECTURE else "会议记录"  # 党课 + 记录
        return safe_file_name(f"{meetings.meeting_title(record_id)}{label}")
    if record_type == "theme_day":
        d = ThemeDay.get_by_id(record_id)
        return safe_file_name(f"{d.held_on.year}年{d.held_on.month}月主题党日活动记录")
    t = HeartTalk.get_by_id(record_id)
    return safe_file_name(f"{format_date(t.held_on)}谈心谈话记录")


def records_in(period: ReportPeriod, *, include_confidential: bool = False) -> list[RecordRef]:
    """Finished and archived records of the period, in date order (drafts never)."""
    refs: list[RecordRef] = []
    within = lambda model: (model.held_on >= period.start) & (model.held_on <= period.end)  # noqa: E731
    groups = {g.id: g.name for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
    for m in Meeting.select().where(within(Meeting) & Meeting.state.in_(DONE)):
        group = groups.get(m.party_group_id, "") if m.party_group_id else ""
        what = f"{group}会议记录" if group else f"{m.kind.label}会议记录"
        if m.kind is MeetingKind.LECTURE:
            what = f"党课记录（{m.title}）" if m.title else "党课记录"
        refs.append(RecordRef("meeting", m.id, m.held_on, f"{_md(m.held_on)} {what}"))
    for d in ThemeDay.select().where(within(ThemeDay) & ThemeDay.state.in_(DONE)):
        refs.append(RecordRef("theme_day", d.id, d.held_on, f"{_md(d.held_on)} 主题党日活动记录"))
    for t in HeartTalk.select().where(within(HeartTalk) & HeartTalk.state.in_(DONE)):
        if t.confidential and not include_confidential:
            continue
        refs.append(RecordRef("heart_talk", t.id, t.held_on, f"{_md(t.held_on)} 谈心谈话记录"))
    order = {"meeting": 0, "theme_day": 1, "heart_talk": 2}
    return sorted(refs, key=lambda r: (r.held_on, order[r.record_type], r.id))


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def ledger(
    period: ReportPeriod, *, include_confidential: bool = False, today: dt.date | None = None
) -> Document:
    branch = _branch()
    refs = records_in(period, include_confidential=include_confidential)
    return ledger_document(
        branch=branch.name,
        period_label=period.label,
        made_on=today or dt.date.today(),
        records=[(r.line, record_document(r.record_type, r.id)) for r in refs],
    )


def roster(*, masked: bool = True, today: dt.date | None = None) -> Document:
    query = (
        Member.select()
        .where(Member.state == MemberState.ACTIVE)
        .order_by(Member.joined_on, Member.id)
    )
    groups = {g.id: g.name for g in PartyGroup.select()}

    rows = [
        (
            m.name,
            m.gender.label if m.gender else "",
            f"{m.birth_date:%Y.%m}" if m.birth_date else "",
            (mask_id_number(m.id_number) if masked else m.id_number) if m.id_number else "",
            f"{m.joined_on:%Y.%m.%d}" if m.joined_on else "",
            "正式" if m.status is MemberStatus.FULL else "预备",
            groups.get(m.party_group_id or 0, ""),
        )
        for m in query
    ]
    return roster_document(
        branch=_branch().name, as_of=today or dt.date.today(), rows=rows, masked=masked
    )


def report_draft(period: ReportPeriod, *, today: dt.date | None = None) -> ReportDraft:
    """关于××党支部××党建工作情况的报告, its body started from the figures the app has."""
    today = today or dt.date.today()
    branch = _branch()
    short = branch.name.removeprefix("中共").removesuffix("支部委员会").removesuffix("支部")
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
        )
        .count()
    )
    active = Member.select().where(Member.state == MemberState.ACTIVE)
    full = active.where(Member.status == MemberStatus.FULL).count()
    probationary = active.count() - full
    basics = (
        f"支部现有党员{full + probationary}名，其中正式党员{full}名、预备党员{probationary}名。"
        f"{period.label}，支部召开支部党员大会{counts[MeetingKind.GENERAL_ASSEMBLY]}次、"
        f"支委会{counts[MeetingKind.COMMITTEE]}次、党小组会{counts[MeetingKind.GROUP]}次，"
        f"讲党课{counts[MeetingKind.LECTURE]}次，开展主题党日活动{theme}次，谈心谈话{talks}人次。"
    )
    undone = _shortfalls(period, today)
    problems = (
        "对照上级要求，以下工作尚未完成：" + "；".join(undone) + "。下一步将抓紧落实。"
        if undone
        else "对照上级要求，“三会一课”、主题党日等组织生活均已按要求开展。"
    )
    return ReportDraft(
        title=f"关于{short}党支部{period.label}党建工作情况的报告",
        recipient="县教育局党委",
        opening=(
            f"{period.label}，我支部在县教育局党委的领导下，认真落实“三会一课”等组织生活制度，"
            "现将有关情况报告如下："
        ),
        sections=[
            ReportSection("基本情况", basics),
            ReportSection("主要做法", "（请填写本期间的主要做法和成效。）"),
            ReportSection("存在的问题和下一步打算", problems),
        ],
        closing="特此报告。",
        signer=branch.name,
        issue_date=today,
    )


def _shortfalls(period: ReportPeriod, today: dt.date) -> list[str]:
    """Obligations whose whole period lies in the report's period and were not met."""
    engine = compliance.engine(today=today)
    found = []
    for obligation in engine.obligations:
        if obligation.each == "member":
            continue  # talks are reported as a count above
        for year in range(period.start.year, period.end.year + 1):
            for p in periods_in_year(year, obligation.per):
                if not (period.start <= p.start and p.end <= period.end):
                    continue
                for status in engine.status(obligation, p, today):
                    if status.state is State.OVERDUE:
                        found.append(f"{status.title}（应{status.required}次，已{status.done}次）")
    return found


def report(draft: ReportDraft) -> Document:
    return report_document(draft)


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
    return safe_file_name(f"{_branch().name}{period.label}党建工作台账")


def roster_stem() -> str:
    return safe_file_name(f"{_branch().name}党员花名册")


def report_stem(draft: ReportDraft) -> str:
    return safe_file_name(draft.title)
