"""三会一课: what a meeting record declares — its form, defaults, the rules it is checked
against (quorum, votes, what minutes must contain), how it is written and read back, and
what 复制上次 keeps.

The lifecycle (draft, finish, archive, amend, delete, copy) is the one every kind shares:
``services.record_kinds.MEETING`` (:class:`~jianshi_desktop.services.lifecycle.RecordKind`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from jianshi_desktop.db.models import (
    AgendaItem,
    Attachment,
    Attendance,
    Meeting,
    Member,
    PartyGroup,
    Resolution,
    Speech,
    ThemeDay,
)
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    AttendanceRole,
    CommitteePostKind,
    MeetingKind,
    MemberState,
    Presence,
    RecordState,
    ResolutionKind,
)
from jianshi_desktop.domain.meetings import (
    NO_RESOLUTION,
    Attendee,
    Headcount,
    Quorum,
    VoteOutcome,
    VoteResult,
    decided_by_vote,
    headcount,
    is_no_resolution,
    needs_quorum,
    no_resolution_text,
    quorum,
    vote_result,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.services import history, records, recruitment
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.records import AttendanceEntry

RECORD_TYPE = "meeting"
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


@dataclass
class SpeechEntry:
    speaker_id: int | None
    speaker_name: str
    content: str


@dataclass
class AgendaEntry:
    title: str
    discussion: str = ""
    speeches: list[SpeechEntry] = field(default_factory=list)


@dataclass
class ResolutionEntry:
    text: str
    agenda_index: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    # 接收预备党员, 转正, 延长预备期, 取消预备党员资格, elections: absent voters' written
    # opinions, kept apart from the counts (发展党员工作细则 2014; rules.md §7)
    kind: ResolutionKind = ResolutionKind.GENERAL
    written_for: int | None = None
    written_against: int | None = None
    # whom a per-person decision is about (services.recruitment): the 发展党员 file for
    # 确定入党积极分子, 确定发展对象 and 接收; the 预备党员 for 转正, 延长预备期, 取消资格
    recruitment_id: int | None = None
    member_id: int | None = None
    extended_to: dt.date | None = None  # 延长预备期: the new end of the 预备期

    @property
    def voted(self) -> bool:
        return self.votes_for is not None

    @property
    def written(self) -> int:
        """How many written opinions were counted in this vote."""
        return (self.written_for or 0) + (self.written_against or 0)


@dataclass
class MeetingForm:
    """Everything the meeting wizard edits."""

    kind: MeetingKind
    held_on: dt.date
    party_group_id: int | None = None
    starts_at: str = ""
    ends_at: str = ""
    place: str = ""
    chair_id: int | None = None
    recorder_id: int | None = None
    title: str = ""
    lecturer_id: int | None = None
    lecturer_name: str = ""
    duration_minutes: int | None = None
    tags: list[str] = field(default_factory=list)
    summary: str = ""
    open_items: str = ""
    agenda: list[AgendaEntry] = field(default_factory=list)
    attendance: list[AttendanceEntry] = field(default_factory=list)
    resolutions: list[ResolutionEntry] = field(default_factory=list)
    attachments: list[AttachmentEntry] = field(default_factory=list)

    def attendees(self) -> list[Attendee]:
        return [
            Attendee(a.presence, a.has_vote)
            for a in self.attendance
            if a.role is AttendanceRole.EXPECTED
        ]

    def headcount(self) -> Headcount:
        return headcount(self.attendees())

    def quorum(self) -> Quorum:
        return quorum(self.kind, self.headcount())

    def vote(self, resolution: ResolutionEntry) -> VoteResult | None:
        if not resolution.voted:
            return None
        return vote_result(
            self.kind,
            self.headcount(),
            votes_for=resolution.votes_for or 0,
            against=resolution.votes_against or 0,
            abstain=resolution.votes_abstain or 0,
            resolution=resolution.kind,
            written_for=resolution.written_for or 0,
            written_against=resolution.written_against or 0,
        )


@dataclass(frozen=True)
class MeetingRow:
    """One line of the 三会一课 list."""

    id: int
    kind: MeetingKind
    held_on: dt.date
    topic: str
    group_name: str
    place: str
    state: RecordState
    late_entry: bool
    amended: bool
    present: int
    expected: int


# ---- who is expected ------------------------------------------------------------------


def committee_member_ids(on: dt.date) -> list[int]:
    """The 支委 on ``on``: that day's post holders (services.history)."""
    return history.committee_member_ids_on(on)


def secretary_id(on: dt.date) -> int | None:
    """The 书记 in office on ``on`` (services.history)."""
    return history.secretary_on(on)


def expected_attendance(
    kind: MeetingKind, *, on: dt.date, party_group_id: int | None = None
) -> list[AttendanceEntry]:
    """应到 on the meeting day ``on`` (rules.md §7): all members (大会, 党课), the
    committee (支委会) or the group (党小组会) as they stood that day, asked of
    services.history — not today's roster.

    Everyone starts as present — a click marks the few who were not. Those who were
    预备党员 that day, or under 留党察看, attend without a vote (党章 art. 40); at a
    支委会 every committee member of that day votes.
    """
    roster = history.roster_on(on)
    if kind is MeetingKind.COMMITTEE:
        by_id = {m.id: m for m in roster}
        members = [by_id[i] for i in history.committee_member_ids_on(on) if i in by_id]
    elif kind is MeetingKind.GROUP:
        if party_group_id is None:
            return []
        members = [m for m in roster if m.group_id == party_group_id]
    else:
        members = roster
    return [
        AttendanceEntry(
            member_id=m.id,
            name=m.name,
            has_vote=kind is MeetingKind.COMMITTEE or m.has_vote,
        )
        for m in members
    ]


def known_places() -> list[str]:
    """Places used before by any kind of record, most used first: offered in every place
    field (a place typed once is never typed again)."""
    from jianshi_desktop.services.record_kinds import KINDS  # the kinds build on this module

    counts: dict[str, int] = {}
    for model in (kind.model for kind in KINDS if hasattr(kind.model, "place")):
        for row in model.select(model.place).where(model.place != ""):
            counts[row.place] = counts.get(row.place, 0) + 1
    return sorted(counts, key=lambda p: (-counts[p], p))


def _last_finished() -> Meeting | None:
    """The meeting recorded last (finished or archived), by its day."""
    return (
        Meeting.select(Meeting.id, Meeting.held_on, Meeting.place, Meeting.recorder)
        .where(Meeting.state != RecordState.DRAFT)
        .order_by(Meeting.held_on.desc(), Meeting.id.desc())
        .first()
    )


def organization_member_on(on: dt.date) -> int | None:
    """The 组织委员 in office on ``on`` (services.history), or None."""
    for post in history.post_holders_on(on):
        if post.kind is CommitteePostKind.ORGANIZATION and post.member_id is not None:
            return post.member_id
    return None


def default_recorder(on: dt.date, attending: set[int]) -> int | None:
    """Who records a meeting on ``on`` unless chosen, among those ``attending`` it (the
    recorder attends): the recorder of the meeting recorded last; else the 组织委员 in
    office that day (who keeps the branch's records); else nobody."""
    last = _last_finished()
    if last is not None and last.recorder_id in attending:
        return int(last.recorder_id)
    organizer = organization_member_on(on)
    return organizer if organizer in attending else None


def default_place() -> str:
    """Where a meeting is held unless typed: where the meeting recorded last was held;
    else the place used most by any kind of record; else nothing."""
    last = _last_finished()
    if last is not None and squeeze(last.place):
        return str(last.place)
    places = known_places()
    return places[0] if places else ""


def new_meeting_form(
    kind: MeetingKind, *, on: dt.date | None = None, party_group_id: int | None = None
) -> MeetingForm:
    """Defaults from what the app knows: the secretary (or group leader) chairs, the last
    recorder (or the 组织委员) records, the last place, the roster as the attendance list."""
    on = on or dt.date.today()
    current_branch()
    chair = secretary_id(on)
    if kind is MeetingKind.GROUP and party_group_id is not None:
        group = PartyGroup.get_by_id(party_group_id)
        chair = group.leader_id or chair
    attendance = expected_attendance(kind, on=on, party_group_id=party_group_id)
    attending = {entry.member_id for entry in attendance if entry.member_id is not None}
    form = MeetingForm(
        kind=kind,
        held_on=on,
        party_group_id=party_group_id,
        place=default_place(),
        chair_id=chair,
        recorder_id=default_recorder(on, attending),
        attendance=attendance,
    )
    if kind is MeetingKind.LECTURE:
        form.lecturer_id = chair
    return form


def new_resolution(
    form: MeetingForm,
    agenda_index: int | None = None,
    kind: ResolutionKind = ResolutionKind.GENERAL,
) -> ResolutionEntry:
    """A resolution just added under agenda item ``agenda_index``: put to the vote when its
    kind is decided by vote at this meeting (domain.meetings.decided_by_vote) and the
    meeting has its quorum, starting from everyone present with a vote in favour (全体同意)
    — the secretary corrects the few that differ, or unticks 进行表决."""
    entry = ResolutionEntry(text="", agenda_index=agenda_index, kind=kind)
    if decided_by_vote(form.kind, kind) and form.quorum().reached:
        entry.votes_for = form.headcount().voters_present
        entry.votes_against = 0
        entry.votes_abstain = 0
    return entry


def resolution_words(resolution: ResolutionEntry) -> str:
    """The resolution as the minutes print it: its text, and for a 延长预备期 the new end
    of the 预备期 unless the text says it already."""
    text = resolution.text.strip()
    end = resolution.extended_to
    if resolution.kind is not ResolutionKind.PROBATION_EXTENDED or end is None:
        return text
    when = format_date(end)
    if when in text:
        return text
    return f"{text}至{when}" if text.endswith("预备期") else f"{text}（预备期延长至{when}）"


def copied_meeting(old: MeetingForm, on: dt.date | None) -> MeetingForm:
    """复制上次: the place, people, agenda and tags again, with a fresh date (today without
    ``on``) and that day's attendance."""
    on = on or dt.date.today()
    return replace(
        old,
        held_on=on,
        agenda=[AgendaEntry(title=a.title) for a in old.agenda],
        attendance=expected_attendance(old.kind, on=on, party_group_id=old.party_group_id),
        resolutions=[],
        attachments=[],
        summary="",
        open_items="",
    )


# ---- checking --------------------------------------------------------------------------


def check_meeting(form: MeetingForm, *, today: dt.date | None = None) -> list[Problem]:
    """Every problem that blocks finishing (errors) or deserves a look (warnings)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    add = problems.append
    if form.held_on > today:
        add(Problem("held_on", "会议日期晚于今天。会议开过之后再完成记录；现在可以先存为草稿。"))
    if form.kind is MeetingKind.GROUP and form.party_group_id is None:
        add(Problem("party_group_id", "请选择是哪个党小组的会议。"))
    for name, value in (("starts_at", form.starts_at), ("ends_at", form.ends_at)):
        if value and not _TIME.match(value):
            add(Problem(name, f"时间“{value}”看不懂，请写成 14:30 这样的格式。"))
    both = _TIME.match(form.starts_at) and _TIME.match(form.ends_at)
    if both and _minutes(form.ends_at) <= _minutes(form.starts_at):
        add(Problem("ends_at", "结束时间应晚于开始时间，请核对。"))
    if not squeeze(form.place):
        add(Problem("place", "请填写会议地点。"))
    if form.kind is MeetingKind.LECTURE:
        if form.lecturer_id is None and not squeeze(form.lecturer_name):
            add(Problem("lecturer", "请填写讲课人。"))
        if not squeeze(form.title):
            add(Problem("title", "请填写党课题目。"))
    else:
        if form.chair_id is None:
            add(Problem("chair_id", "请选择主持人。"))
        if not any(squeeze(a.title) for a in form.agenda):
            add(Problem("agenda", "请至少填写一项议题。"))
    if form.recorder_id is None:
        add(Problem("recorder_id", "请选择记录人。"))
    expected = [a for a in form.attendance if a.role is AttendanceRole.EXPECTED]
    if not expected:
        add(Problem("attendance", "应到人员名单是空的，请核对党员名册或所选党小组。"))
    for entry in expected:
        if entry.presence is not Presence.PRESENT and not squeeze(entry.reason):
            add(
                Problem(
                    "attendance",
                    f"请填写{entry.name}{entry.presence.label}的原因。",
                )
            )
    problems.extend(people_present_problems(form))
    count = form.headcount()
    if needs_quorum(form.kind) and expected and not form.quorum().reached:
        problems.extend(_no_quorum_problems(form))
    for index, resolution in enumerate(form.resolutions, start=1):
        if not squeeze(resolution.text):
            add(Problem("resolutions", f"第{index}项决议没有内容，请填写或删除这一项。"))
        result = form.vote(resolution)
        if result is None:
            continue
        if result.outcome is VoteOutcome.INVALID:
            add(Problem("resolutions", f"第{index}项决议：{result.message}"))
        elif result.outcome is VoteOutcome.NO_QUORUM:
            add(
                Problem(
                    "resolutions",
                    f"第{index}项决议：到会人数不足，不能表决。请删去票数，只作记录。",
                )
            )
    if count.present == 0 and expected:
        add(Problem("attendance", "没有人到会，请核对出席情况。"))
    if any(r.kind in recruitment.DECISION_MEETING for r in form.resolutions):
        problems.extend(recruitment.decision_problems(form, today=today))
    return problems


def take_decisions(meeting: Meeting, form: MeetingForm) -> None:
    """A finished meeting's per-person decisions take effect (services.recruitment)."""
    recruitment.apply_decisions(meeting, form)


def _presence(form: MeetingForm, member_id: int | None) -> AttendanceEntry | None:
    """The attendance line of ``member_id`` when they are not present, else None."""
    if member_id is None:
        return None
    for entry in form.attendance:
        if entry.member_id == member_id and entry.presence is not Presence.PRESENT:
            return entry
    return None


def people_present_problems(form: MeetingForm) -> list[Problem]:
    """The chair, the recorder and a lecturer who is a member attend the meeting.

    支部工作条例 ch. 5 (rules.md §7): the 书记 convenes and chairs; when absent, a 副书记 or
    a 委员 entrusted by the 书记 chairs. A record where the chair or the recorder is on
    leave is not a true record of the day.
    """
    found: list[Problem] = []
    chair = _presence(form, form.chair_id)
    if chair is not None:
        found.append(
            Problem(
                "chair_id",
                f"主持人{chair.name}在出席情况中是“{chair.presence.label}”，不能主持会议。"
                "书记不能到会时，由副书记或书记委托的委员主持；请另选到会的主持人，"
                "或改正出席情况。",
            )
        )
    recorder = _presence(form, form.recorder_id)
    if recorder is not None:
        found.append(
            Problem(
                "recorder_id",
                f"记录人{recorder.name}在出席情况中是“{recorder.presence.label}”，不能记录会议。"
                "请另选到会的记录人，或改正出席情况。",
            )
        )
    if form.kind is MeetingKind.LECTURE:
        lecturer = _presence(form, form.lecturer_id)
        if lecturer is not None:
            found.append(
                Problem(
                    "lecturer",
                    f"讲课人{lecturer.name}在出席情况中是“{lecturer.presence.label}”。"
                    "请核对讲课人，或改正出席情况。",
                )
            )
    return found


def _no_quorum_problems(form: MeetingForm) -> list[Problem]:
    """No quorum, no resolution (支部工作条例 art. 11–12; rules.md §7): the only entry
    allowed is "未形成决议" with its reason, and it must be there."""
    message = form.quorum().message
    texts = [squeeze(r.text) for r in form.resolutions if squeeze(r.text)]
    if any(r.voted for r in form.resolutions) or any(not is_no_resolution(t) for t in texts):
        return [
            Problem(
                "resolutions",
                f"{message.removesuffix('会议可以记录，但不能作出决议。')}不能作出决议。"
                f"请删去决议和票数，只记录“{NO_RESOLUTION}”及原因"
                f"（如“{no_resolution_text(form.kind, form.headcount())}”）；"
                "如果出席情况记错了，请先改正。",
            )
        ]
    if not texts:
        return [
            Problem(
                "resolutions",
                f"{message.removesuffix('会议可以记录，但不能作出决议。')}请在决议中记录"
                f"“{no_resolution_text(form.kind, form.headcount())}”。",
            )
        ]
    return [Problem("quorum", message, "warning")]


def entrusted_chair(form: MeetingForm) -> bool:
    """受委托主持: the 书记 of the meeting day was expected but absent, and another
    member chaired (支部工作条例 ch. 5; rules.md §7)."""
    if form.kind not in (MeetingKind.GENERAL_ASSEMBLY, MeetingKind.COMMITTEE):
        return False
    secretary = secretary_id(form.held_on)
    if secretary is None or form.chair_id is None or form.chair_id == secretary:
        return False
    return _presence(form, secretary) is not None


def _minutes(value: str) -> int:
    match = _TIME.match(value)
    assert match is not None
    return int(match.group(1)) * 60 + int(match.group(2))


def _normal_time(value: str) -> str:
    match = _TIME.match(squeeze(value))
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else squeeze(value)


# ---- saving ----------------------------------------------------------------------------


def write_meeting(meeting: Meeting, form: MeetingForm) -> None:
    meeting.kind = form.kind
    meeting.held_on = form.held_on
    meeting.party_group_id = form.party_group_id
    meeting.starts_at = _normal_time(form.starts_at)
    meeting.ends_at = _normal_time(form.ends_at)
    meeting.place = clean(form.place)
    meeting.chair_id = form.chair_id
    meeting.entrusted_chair = entrusted_chair(form)
    meeting.recorder_id = form.recorder_id
    meeting.title = clean(form.title)
    meeting.lecturer_id = form.lecturer_id
    meeting.lecturer_name = squeeze(form.lecturer_name)
    meeting.duration_minutes = form.duration_minutes
    meeting.tags = list(dict.fromkeys(form.tags))
    meeting.summary = form.summary.strip()
    meeting.open_items = form.open_items.strip()
    meeting.updated_at = records.now()
    meeting.save()
    AgendaItem.delete().where(AgendaItem.meeting == meeting).execute()  # speeches cascade
    Resolution.delete().where(Resolution.meeting == meeting).execute()
    Attendance.delete().where(Attendance.meeting == meeting).execute()
    items = []
    for position, entry in enumerate(form.agenda):
        item = AgendaItem.create(
            meeting=meeting,
            position=position,
            title=clean(entry.title),
            discussion=entry.discussion,
        )
        items.append(item)
        for spoken, speech in enumerate(entry.speeches):
            Speech.create(
                agenda_item=item,
                position=spoken,
                speaker=speech.speaker_id,
                speaker_name=squeeze(speech.speaker_name),
                content=speech.content.strip(),
            )
    for position, res in enumerate(form.resolutions):
        result = form.vote(res)
        in_range = res.agenda_index is not None and 0 <= res.agenda_index < len(items)
        Resolution.create(
            meeting=meeting,
            agenda_item=items[res.agenda_index]
            if in_range and res.agenda_index is not None
            else None,
            position=position,
            text=res.text.strip(),
            votes_for=res.votes_for,
            votes_against=res.votes_against,
            votes_abstain=res.votes_abstain,
            kind=res.kind,
            written_for=res.written_for if res.voted else None,
            written_against=res.written_against if res.voted else None,
            passed=None if result is None else result.outcome is VoteOutcome.PASSED,
            recruitment=res.recruitment_id if res.kind in recruitment.FILE_DECISIONS else None,
            member=res.member_id if res.kind in recruitment.MEMBER_DECISIONS else None,
            extended_to=res.extended_to if res.kind is ResolutionKind.PROBATION_EXTENDED else None,
        )
    records.write_attendance({"meeting": meeting}, form.attendance)
    records.replace_attachments({"meeting": meeting}, form.attachments)


def kind_name(kind: MeetingKind, group: str) -> str:
    """支委会; a party group's meeting by its group: 第一党小组会议."""
    return f"{group}会议" if kind is MeetingKind.GROUP and group else kind.label


def meeting_label(form: MeetingForm) -> str:
    """How a secretary names it: 2020年9月15日支委会 (第一党小组会议 for a group)."""
    group = PartyGroup.get_or_none(PartyGroup.id == form.party_group_id)
    return f"{format_date(form.held_on)}{kind_name(form.kind, group.name if group else '')}"


def meeting_file_name(meeting: Meeting, groups: Mapping[int, str]) -> str:
    """「2026年11月5日支委会会议记录」: by date and kind alone (services.documents numbers
    two records that share it)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named
    from jianshi_desktop.documents.records import group_name

    group = groups.get(meeting.party_group_id or 0, "")
    kind = meeting.kind.label
    if meeting.kind is MeetingKind.GROUP:  # 第一党小组 + 会议记录, never 「…会议会议记录」
        kind = group or group_name(kind)
    label = "记录" if meeting.kind is MeetingKind.LECTURE else "会议记录"  # 党课 + 记录
    return safe_file_name(f"{format_date(meeting.held_on)}{kind}{label}")


def meeting_contents_line(meeting: Meeting, groups: Mapping[int, str]) -> str:
    """Its line in a ledger's contents, after the date: 第一党小组会议记录, 党课记录（题目）."""
    if meeting.kind is MeetingKind.LECTURE:
        return f"党课记录（{meeting.title}）" if meeting.title else "党课记录"
    group = groups.get(meeting.party_group_id, "") if meeting.party_group_id else ""
    return f"{group}会议记录" if group else f"{meeting.kind.label}会议记录"


def unlink_theme_days(meeting: Meeting) -> None:
    """A deleted draft meeting leaves the theme days held with it on their own."""
    ThemeDay.update(meeting=None).where(ThemeDay.meeting == meeting).execute()


# ---- reading ---------------------------------------------------------------------------


def load_meeting(meeting_id: int) -> MeetingForm:
    m = Meeting.get_by_id(meeting_id)
    items = list(AgendaItem.select().where(AgendaItem.meeting == m).order_by(AgendaItem.position))
    index = {item.id: i for i, item in enumerate(items)}
    agenda = [
        AgendaEntry(
            title=item.title,
            discussion=item.discussion,
            speeches=[
                SpeechEntry(s.speaker_id, s.speaker_name, s.content)
                for s in Speech.select().where(Speech.agenda_item == item).order_by(Speech.position)
            ],
        )
        for item in items
    ]
    resolutions = [
        ResolutionEntry(
            text=r.text,
            agenda_index=index.get(r.agenda_item_id) if r.agenda_item_id else None,
            votes_for=r.votes_for,
            votes_against=r.votes_against,
            votes_abstain=r.votes_abstain,
            kind=r.kind,
            written_for=r.written_for,
            written_against=r.written_against,
            recruitment_id=r.recruitment_id,
            member_id=r.member_id,
            extended_to=r.extended_to,
        )
        for r in Resolution.select().where(Resolution.meeting == m).order_by(Resolution.position)
    ]
    attendance = records.attendance_of(Attendance.meeting == m)
    return MeetingForm(
        kind=m.kind,
        held_on=m.held_on,
        party_group_id=m.party_group_id,
        starts_at=m.starts_at,
        ends_at=m.ends_at,
        place=m.place,
        chair_id=m.chair_id,
        recorder_id=m.recorder_id,
        title=m.title,
        lecturer_id=m.lecturer_id,
        lecturer_name=m.lecturer_name,
        duration_minutes=m.duration_minutes,
        tags=list(m.tags or []),
        summary=m.summary,
        open_items=m.open_items,
        agenda=agenda,
        attendance=attendance,
        resolutions=resolutions,
        attachments=records.attachment_entries(Attachment.select().where(Attachment.meeting == m)),
    )


def list_meetings(
    *,
    year: int | None = None,
    kind: MeetingKind | None = None,
    state: RecordState | None = None,
    late_only: bool = False,
) -> list[MeetingRow]:
    query = Meeting.select(  # the columns a row shows, not the minutes
        Meeting.id,
        Meeting.kind,
        Meeting.held_on,
        Meeting.title,
        Meeting.party_group,
        Meeting.place,
        Meeting.state,
        Meeting.late_entry,
    )
    query = records.within(Meeting, query, year=year, state=state, late_only=late_only, kind=kind)
    amended = records.amended_ids(RECORD_TYPE)
    groups = {g.id: g.name for g in PartyGroup.select()}
    ids = query.select(Meeting.id)
    counts = records.attendance_counts(Attendance.meeting, ids)
    titles: dict[int, list[str]] = {}
    items = (
        AgendaItem.select(AgendaItem.meeting, AgendaItem.title)
        .where(AgendaItem.meeting.in_(ids))
        .order_by(AgendaItem.meeting, AgendaItem.position, AgendaItem.id)
    )
    for meeting_id, title in records.tuples(items):
        titles.setdefault(meeting_id, []).append(title)
    rows = []
    for m in query.order_by(Meeting.held_on.desc(), Meeting.id.desc()):
        present, expected = counts.get(m.id, (0, 0))
        # every 议题: the list's search finds any of them
        topic = m.title or "；".join(titles.get(m.id, ()))
        rows.append(
            MeetingRow(
                id=m.id,
                kind=m.kind,
                held_on=m.held_on,
                topic=topic,
                group_name=groups.get(m.party_group_id or 0, ""),
                place=m.place,
                state=m.state,
                late_entry=bool(m.late_entry),
                amended=m.id in amended,
                present=present,
                expected=expected,
            )
        )
    return rows


def meeting_facts() -> list[RecordFact]:
    """The finished meetings as the compliance engine counts them. Plain tuples of the
    columns needed, not model objects: ten years of records are read each time 首页 is
    shown."""
    query = Meeting.select(
        Meeting.id,
        Meeting.held_on,
        Meeting.kind,
        Meeting.tags,
        Meeting.party_group,
        Meeting.lecturer,
        Meeting.late_entry,
        Meeting.title,
    ).where(Meeting.state.in_(records.DONE))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=held_on,
            kind=kind.value,
            tags=frozenset(tags or ()),
            group_id=group_id,
            lecturer_id=lecturer_id,
            late_entry=bool(late),
            title=title,
        )
        for id_, held_on, kind, tags, group_id, lecturer_id, late, title in records.tuples(query)
    ]


def meeting_title(meeting_id: int) -> str:
    """A saved meeting's name (:func:`meeting_label`)."""
    m = Meeting.get_by_id(meeting_id)
    return meeting_label(MeetingForm(m.kind, m.held_on, party_group_id=m.party_group_id))


def member_choices(on: dt.date | None = None) -> list[tuple[int, str]]:
    """Members for chair/recorder/speaker pickers, as (id, name): the branch's members on
    ``on`` (a record's own day, rules.md §7), or today's active members without a day."""
    if on is not None:
        return [(m.id, m.name) for m in sorted(history.roster_on(on), key=lambda m: m.id)]
    query = Member.select(Member.id, Member.name).where(Member.state == MemberState.ACTIVE)
    return [(m.id, m.name) for m in query.order_by(Member.id)]
