"""意识形态风险研判: the monthly review of the areas in ``resources/rules/ideology_areas.json``
— for each the risk found (无/低/中/高), the facts, the measures and who is responsible —
with the follow-up of risks still open from earlier months, the day it was reported
(上报) to the 党委, and the 意识形态专题研究 meeting that discussed it, if one did.

The month's obligation is due by the 上报截止日 (a setting, default the 25th) and is done
only once the review is reported (建教党〔2020〕9号 二(二)3). The rules without the
database are :mod:`jianshi_desktop.domain.ideology`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jianshi_desktop.db.models import (
    Attachment,
    Attendance,
    IdeologyReview,
    Meeting,
    Member,
    PartyGroup,
)
from jianshi_desktop.domain import ideology
from jianshi_desktop.domain.compliance import Per, RecordFact, period_of
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MeetingKind, Presence, RecordState, RiskLevel
from jianshi_desktop.domain.ideology import Finding, OpenRisk, ReviewFacts
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import compliance, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.meetings import (
    expected_attendance,
    kind_name,
    known_places,
    member_choices,
    secretary_id,
)
from jianshi_desktop.services.records import AttendanceEntry
from jianshi_desktop.services.settings import read_value, write_value

if TYPE_CHECKING:  # the documents load when one is first printed
    from jianshi_desktop.documents.ideology import (
        IdeologyReviewContent,
        QuarterContent,
        YearContent,
    )

RECORD_TYPE = "ideology_review"
OBLIGATION_KEY = "ideology_review"
STUDY_TAG = "意识形态专题研究"


# --- the form ------------------------------------------------------------------------------


@dataclass
class AreaEntry:
    """One area as reviewed. The responsible person is a member of the day
    (``responsible_id``) or a name typed (someone outside the branch)."""

    area: str
    risk: RiskLevel = RiskLevel.NONE
    facts: str = ""
    measures: str = ""
    responsible_id: int | None = None
    responsible_name: str = ""


@dataclass
class FollowUpEntry:
    """The progress on a risk still open from an earlier review (``review_id``, ``area``);
    ``closed``: 销号, the risk no longer carried into later reviews."""

    review_id: int
    area: str
    progress: str = ""
    closed: bool = False


@dataclass
class IdeologyReviewForm:
    held_on: dt.date
    place: str = ""
    chair_id: int | None = None
    attendance: list[AttendanceEntry] = field(default_factory=list)
    areas: list[AreaEntry] = field(default_factory=list)
    follow_ups: list[FollowUpEntry] = field(default_factory=list)
    summary: str = ""
    reported_on: dt.date | None = None  # 上报 to the 党委
    meeting_id: int | None = None  # the 意识形态专题研究 meeting that discussed it
    attachments: list[AttachmentEntry] = field(default_factory=list)


@dataclass(frozen=True)
class IdeologyReviewRow:
    id: int
    held_on: dt.date
    place: str
    state: RecordState
    late_entry: bool
    amended: bool
    present: int
    expected: int
    highest: RiskLevel
    risks: str  # 校园网络和新媒体（中）、… or ""
    reported_on: dt.date | None
    deadline: dt.date


# --- the areas and the 上报截止日 ------------------------------------------------------------


@lru_cache(maxsize=1)
def area_choices() -> tuple[str, ...]:
    """The areas a review goes through (``resources/rules/ideology_areas.json``)."""
    path = resources_dir() / "rules" / "ideology_areas.json"
    return ideology.load_areas(path.read_text(encoding="utf-8"))


def _obligation_due_day() -> int:
    for obligation in compliance.obligations():
        if obligation.key == OBLIGATION_KEY and obligation.due_day is not None:
            return obligation.due_day
    return ideology.DEFAULT_REPORT_DAY


def report_day() -> int:
    """上报截止日: the day of the month by which the month's review is reported."""
    return _obligation_due_day()


def set_report_day(day: int) -> None:
    """Change the 上报截止日 (1–28); audited. Kept with the obligations' changes, so 首页,
    reminders and the year grid judge the month by it."""
    problem = ideology.report_day_problem(day)
    if problem is not None:
        raise ValidationError(problem.message, field="report_day")
    before = report_day()
    if day == before:
        return
    with user_action("set_ideology_report_day", entity="setting") as audit:
        changes: dict[str, Any] = dict(read_value(compliance.OVERRIDES_KEY) or {})
        shipped = {o.key: o for o in compliance.shipped_obligations()}.get(OBLIGATION_KEY)
        if shipped is not None and shipped.due_day == day:
            changes.pop(OBLIGATION_KEY, None)
        else:
            changes[OBLIGATION_KEY] = {"due_day": day}
        write_value(compliance.OVERRIDES_KEY, changes)
        audit.summary = f"意识形态风险研判上报截止日由每月{before}日改为每月{day}日"
        audit.detail = {"key": OBLIGATION_KEY, "due_day": day}


def deadline_of(day: dt.date, report_day_of_month: int | None = None) -> dt.date:
    """The 上报截止日 of ``day``'s month."""
    chosen = report_day() if report_day_of_month is None else report_day_of_month
    return ideology.report_deadline(day.year, day.month, chosen)


# --- defaults ------------------------------------------------------------------------------


def participants_on(day: dt.date) -> list[AttendanceEntry]:
    """Who takes part by default: the committee of ``day``; a branch without one that
    day, all its members of the day (rules.md §7)."""
    committee = expected_attendance(MeetingKind.COMMITTEE, on=day)
    return committee or expected_attendance(MeetingKind.GENERAL_ASSEMBLY, on=day)


def people_choices(day: dt.date) -> list[tuple[int, str]]:
    """(id, name) of the members of ``day``: chair, participants, responsible persons."""
    return member_choices(day)


def default_chair(day: dt.date) -> int | None:
    return secretary_id(day)


def blank_areas() -> list[AreaEntry]:
    return [AreaEntry(area) for area in area_choices()]


def new_ideology_review_form(*, on: dt.date | None = None) -> IdeologyReviewForm:
    """Defaults: today (or ``on``), the usual place, the 书记 of the day in the chair, the
    committee of the day taking part, one row per area, and the risks still open."""
    held_on = on or dt.date.today()
    places = known_places()
    return IdeologyReviewForm(
        held_on=held_on,
        place=places[0] if places else "",
        chair_id=default_chair(held_on),
        attendance=participants_on(held_on),
        areas=blank_areas(),
        follow_ups=follow_ups_for(held_on),
    )


def copied_ideology_review(old: IdeologyReviewForm, on: dt.date | None) -> IdeologyReviewForm:
    """复制上次: the place and the areas' measures and responsible persons again (the risks
    and facts are this month's to judge); the day's defaults for the rest."""
    fresh = new_ideology_review_form(on=on)
    kept = {entry.area: entry for entry in old.areas}
    areas = [
        replace(
            entry,
            measures=kept[entry.area].measures if entry.area in kept else "",
            responsible_id=kept[entry.area].responsible_id if entry.area in kept else None,
            responsible_name=kept[entry.area].responsible_name if entry.area in kept else "",
        )
        for entry in fresh.areas
    ]
    return replace(fresh, place=old.place or fresh.place, areas=areas)


# --- follow-ups ----------------------------------------------------------------------------


def _finding(entry: Mapping[str, Any], names: Mapping[int, str]) -> Finding:
    responsible_id = entry.get("responsible_id")
    name = squeeze(entry.get("responsible_name", "")) or names.get(int(responsible_id or 0), "")
    return Finding(
        area=str(entry.get("area", "")),
        risk=RiskLevel(entry.get("risk", RiskLevel.NONE.value)),
        facts=str(entry.get("facts", "")),
        measures=str(entry.get("measures", "")),
        responsible=name,
    )


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def review_facts(*, exclude: int | None = None) -> list[ReviewFacts]:
    """The finished reviews as the follow-up rule reads them."""
    names = _names()
    query = IdeologyReview.select(
        IdeologyReview.id, IdeologyReview.held_on, IdeologyReview.areas, IdeologyReview.follow_ups
    ).where(IdeologyReview.state.in_(records.DONE))
    found = []
    for row in query:
        if row.id == exclude:
            continue
        found.append(
            ReviewFacts(
                id=row.id,
                held_on=row.held_on,
                findings=tuple(_finding(a, names) for a in row.areas or []),
                closed=frozenset(
                    (int(f["review_id"]), str(f["area"]))
                    for f in row.follow_ups or []
                    if f.get("closed")
                ),
            )
        )
    return found


def open_risks_before(day: dt.date, *, exclude: int | None = None) -> list[OpenRisk]:
    """The risks found before ``day`` and not yet closed (``exclude``: a review being
    edited, whose own closings do not count)."""
    return ideology.open_risks(review_facts(exclude=exclude), before=day)


def follow_ups_for(
    day: dt.date, keep: list[FollowUpEntry] | None = None, *, exclude: int | None = None
) -> list[FollowUpEntry]:
    """A follow-up line for each risk still open before ``day``; what ``keep`` says of one
    (typed already) is kept."""
    typed = {(f.review_id, f.area): f for f in keep or []}
    return [
        typed.get((risk.review_id, risk.area), FollowUpEntry(risk.review_id, risk.area))
        for risk in open_risks_before(day, exclude=exclude)
    ]


def follow_up_origins(entries: list[FollowUpEntry]) -> dict[tuple[int, str], str]:
    """(review id, area) → 「2026年9月研判：风险等级中；具体情况…」: where each came from."""
    ids = {e.review_id for e in entries}
    if not ids:
        return {}
    names = _names()
    found: dict[tuple[int, str], str] = {}
    for row in IdeologyReview.select().where(IdeologyReview.id.in_(list(ids))):
        for entry in row.areas or []:
            finding = _finding(entry, names)
            said = finding.facts.strip().rstrip("。；;")
            done = finding.measures.strip().rstrip("。；;")
            facts = f"；{said}" if said else ""
            measures = f"；措施：{done}" if done else ""
            found[(row.id, finding.area)] = (
                f"{row.held_on.year}年{row.held_on.month}月研判，风险等级{finding.risk.label}"
                f"{facts}{measures}"
            )
    return found


# --- the ideology meetings ------------------------------------------------------------------


def study_meetings(year: int) -> list[tuple[int, str]]:
    """Finished meetings of ``year`` tagged 意识形态专题研究, as (id, 「11月3日支委会」)."""
    query = (
        Meeting.select()
        .where(
            (Meeting.state.in_(records.DONE))
            & (Meeting.held_on >= dt.date(year, 1, 1))
            & (Meeting.held_on <= dt.date(year, 12, 31))
        )
        .order_by(Meeting.held_on, Meeting.id)
    )
    groups = {g.id: g.name for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
    return [
        (
            m.id,
            f"{format_date(m.held_on)}{kind_name(m.kind, groups.get(m.party_group_id or 0, ''))}",
        )
        for m in query
        if STUDY_TAG in (m.tags or [])
    ]


# --- checking ------------------------------------------------------------------------------


def _responsible(entry: AreaEntry, names: Mapping[int, str]) -> str:
    if squeeze(entry.responsible_name):
        return squeeze(entry.responsible_name)
    return names.get(entry.responsible_id or 0, "") if entry.responsible_id else ""


def check_ideology_review(
    form: IdeologyReviewForm, *, today: dt.date | None = None
) -> list[Problem]:
    today = today or dt.date.today()
    problems = ideology.date_problems(form.held_on, form.reported_on, today)
    if not squeeze(form.place):
        problems.append(Problem("place", "请填写研判地点。"))
    # rules.md §7: the people of the record's own day
    of_day = {m for m, _n in people_choices(form.held_on)}
    if form.chair_id is None:
        problems.append(Problem("chair_id", "没有选择主持人，报告中将不写主持人。", "warning"))
    elif form.chair_id not in of_day:
        problems.append(Problem("chair_id", "所选主持人在研判当天不是本支部党员，请重新选择。"))
    if not form.attendance:
        problems.append(Problem("attendance", "参加人员名单是空的，请至少选择一人。"))
    for entry in form.attendance:
        if entry.member_id is not None and entry.member_id not in of_day:
            problems.append(
                Problem("attendance", f"{entry.name}在研判当天不是本支部党员，请从名单中去掉。")
            )
        if entry.presence is not Presence.PRESENT and not squeeze(entry.reason):
            problems.append(
                Problem("attendance", f"请填写{entry.name}{entry.presence.label}的原因。")
            )
    names = _names()
    problems.extend(
        ideology.finding_problems(
            [
                Finding(squeeze(a.area), a.risk, a.facts, a.measures, _responsible(a, names))
                for a in form.areas
            ]
        )
    )
    for area in form.areas:
        picked = area.responsible_id
        if picked is not None and not squeeze(area.responsible_name) and picked not in of_day:
            problems.append(
                Problem(
                    "areas",
                    f"“{area.area}”的责任人{names.get(picked, '')}"
                    "在研判当天不是本支部党员，请重新选择。",
                )
            )
    problems.extend(
        ideology.follow_up_problems((f.area, f.progress, f.closed) for f in form.follow_ups)
    )
    if form.meeting_id is not None and Meeting.get_or_none(Meeting.id == form.meeting_id) is None:
        problems.append(Problem("meeting_id", "所关联的专题研究会议已不存在，请重新选择。"))
    if form.reported_on is None and form.held_on <= today:
        deadline = deadline_of(form.held_on)
        when = f"{deadline.month}月{deadline.day}日"
        late = "，截止日已过" if today > deadline else ""
        problems.append(
            Problem(
                "reported_on",
                f"还没有填写上报日期（本月应于{when}前上报{late}）。上报后请回来登记。",
                "warning",
            )
        )
    return problems


# --- saving and reading --------------------------------------------------------------------


def _area_json(entry: AreaEntry) -> dict[str, Any]:
    return {
        "area": squeeze(entry.area),
        "risk": entry.risk.value,
        "facts": entry.facts.strip(),
        "measures": entry.measures.strip(),
        "responsible_id": None if squeeze(entry.responsible_name) else entry.responsible_id,
        "responsible_name": squeeze(entry.responsible_name),
    }


def write_ideology_review(row: IdeologyReview, form: IdeologyReviewForm) -> None:
    row.held_on = form.held_on
    row.place = clean(form.place)
    row.chair_id = form.chair_id
    row.areas = [_area_json(a) for a in form.areas if squeeze(a.area)]
    row.follow_ups = [
        {
            "review_id": f.review_id,
            "area": f.area,
            "progress": f.progress.strip(),
            "closed": bool(f.closed),
        }
        for f in form.follow_ups
    ]
    row.summary = form.summary.strip()
    row.reported_on = form.reported_on
    row.meeting_id = form.meeting_id
    row.updated_at = records.now()
    row.save()
    records.write_attendance({"ideology_review": row}, form.attendance)
    records.replace_attachments({"ideology_review": row}, form.attachments)


def load_ideology_review(review_id: int) -> IdeologyReviewForm:
    row = IdeologyReview.get_by_id(review_id)
    return IdeologyReviewForm(
        held_on=row.held_on,
        place=row.place,
        chair_id=row.chair_id,
        attendance=records.attendance_of(Attendance.ideology_review == row),
        areas=[
            AreaEntry(
                area=str(a.get("area", "")),
                risk=RiskLevel(a.get("risk", RiskLevel.NONE.value)),
                facts=str(a.get("facts", "")),
                measures=str(a.get("measures", "")),
                responsible_id=a.get("responsible_id"),
                responsible_name=str(a.get("responsible_name", "")),
            )
            for a in row.areas or []
        ],
        follow_ups=[
            FollowUpEntry(
                review_id=int(f["review_id"]),
                area=str(f["area"]),
                progress=str(f.get("progress", "")),
                closed=bool(f.get("closed")),
            )
            for f in row.follow_ups or []
        ],
        summary=row.summary,
        reported_on=row.reported_on,
        meeting_id=row.meeting_id,
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.ideology_review == row)
        ),
    )


# --- names ---------------------------------------------------------------------------------


def review_title(held_on: dt.date) -> str:
    return f"{held_on.year}年{held_on.month}月意识形态风险研判"


def ideology_review_label(form: IdeologyReviewForm) -> str:
    return review_title(form.held_on)


def ideology_review_file_name(row: IdeologyReview, _groups: Mapping[int, str]) -> str:
    """「2026年11月意识形态风险研判」 (services.documents numbers two in a month). Not
    named 「…报告」: a package's files with 报告 in their name are the period's report."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(review_title(row.held_on))


def ideology_review_contents_line(_row: IdeologyReview, _groups: Mapping[int, str]) -> str:
    return "意识形态风险研判情况报告"


# --- lists and facts -----------------------------------------------------------------------


def _highest(areas: list[dict[str, Any]]) -> RiskLevel:
    order = list(RiskLevel)
    levels = [RiskLevel(a.get("risk", "none")) for a in areas]
    return max(levels, key=order.index, default=RiskLevel.NONE)


def list_ideology_reviews(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[IdeologyReviewRow]:
    query = records.within(
        IdeologyReview, IdeologyReview.select(), year=year, state=state, late_only=late_only
    )
    amended = records.amended_ids(RECORD_TYPE)
    counts = records.attendance_counts(Attendance.ideology_review, query.select(IdeologyReview.id))
    day = report_day()
    rows = []
    for row in query.order_by(IdeologyReview.held_on.desc(), IdeologyReview.id.desc()):
        present, expected = counts.get(row.id, (0, 0))
        areas = list(row.areas or [])
        rows.append(
            IdeologyReviewRow(
                id=row.id,
                held_on=row.held_on,
                place=row.place,
                state=row.state,
                late_entry=bool(row.late_entry),
                amended=row.id in amended,
                present=present,
                expected=expected,
                highest=_highest(areas),
                risks="、".join(
                    f"{a.get('area', '')}（{RiskLevel(a.get('risk', 'none')).label}）"
                    for a in areas
                    if a.get("risk", "none") != RiskLevel.NONE.value
                ),
                reported_on=row.reported_on,
                deadline=ideology.report_deadline(row.held_on.year, row.held_on.month, day),
            )
        )
    return rows


def ideology_review_facts() -> list[RecordFact]:
    """The finished reviews as the compliance engine counts them: only a reported one
    fulfils its month (the obligation asks for 上报)."""
    query = IdeologyReview.select(
        IdeologyReview.id,
        IdeologyReview.held_on,
        IdeologyReview.late_entry,
        IdeologyReview.reported_on,
    ).where(IdeologyReview.state.in_(records.DONE))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=held_on,
            late_entry=bool(late),
            title=review_title(held_on),
            reported=reported_on is not None,
        )
        for id_, held_on, late, reported_on in records.tuples(query)
    ]


@dataclass(frozen=True)
class MonthState:
    """This month's review as its page and reminders show it."""

    deadline: dt.date
    finished_id: int | None  # the month's finished review (the reported one first)
    reported_on: dt.date | None
    draft_id: int | None

    def text(self, today: dt.date) -> str:
        return ideology.month_state(
            today=today,
            deadline=self.deadline,
            finished=self.finished_id is not None,
            reported_on=self.reported_on,
            draft=self.draft_id is not None,
        )


def month_state(day: dt.date) -> MonthState:
    """How ``day``'s month stands: its deadline, its finished (and reported) review."""
    month = period_of(day, Per.MONTH)
    start, end = month.start, month.end
    query = (
        IdeologyReview.select(IdeologyReview.id, IdeologyReview.state, IdeologyReview.reported_on)
        .where((IdeologyReview.held_on >= start) & (IdeologyReview.held_on <= end))
        .order_by(IdeologyReview.held_on, IdeologyReview.id)
    )
    finished = [r for r in query if r.state in records.DONE]
    reported = [r for r in finished if r.reported_on is not None]
    chosen = next(iter(reported or finished), None)
    drafts = [r for r in query if r.state is RecordState.DRAFT]
    return MonthState(
        deadline=deadline_of(day),
        finished_id=chosen.id if chosen is not None else None,
        reported_on=chosen.reported_on if chosen is not None else None,
        draft_id=drafts[0].id if drafts else None,
    )


# --- the documents' content ----------------------------------------------------------------


def review_content(review_id: int) -> IdeologyReviewContent:
    """One review as its 意识形态风险研判情况报告 prints it."""
    from jianshi_desktop.documents.ideology import (
        AreaContent,
        FollowUpContent,
        IdeologyReviewContent,
    )
    from jianshi_desktop.services.branch import branch_as_of
    from jianshi_desktop.services.documents import record_notes

    row = IdeologyReview.get_by_id(review_id)
    form = load_ideology_review(review_id)
    names = _names()
    origins = ideology_origins(form.follow_ups)
    present = [
        a.name for a in form.attendance if a.presence is Presence.PRESENT and squeeze(a.name)
    ]
    absent = [
        f"{a.name}（{a.presence.label}{'：' + a.reason if a.reason else ''}）"
        for a in form.attendance
        if a.presence is not Presence.PRESENT
    ]
    meeting = _meeting_title(row.meeting_id) if row.meeting_id is not None else ""
    branch = branch_as_of(row.held_on)
    return IdeologyReviewContent(
        branch=branch.name,
        parent=branch.parent_name,
        held_on=row.held_on,
        place=row.place,
        chair=names.get(row.chair_id or 0, "") if row.chair_id else "",
        participants=tuple(present),
        absent=tuple(absent),
        areas=tuple(
            AreaContent(
                area=a.area,
                risk=a.risk,
                facts=a.facts,
                measures=a.measures,
                responsible=_responsible(a, names),
            )
            for a in form.areas
        ),
        follow_ups=tuple(
            FollowUpContent(
                area=f.area,
                origin=origins.get((f.review_id, f.area), ("", RiskLevel.NONE))[0],
                risk=origins.get((f.review_id, f.area), ("", RiskLevel.NONE))[1],
                progress=f.progress,
                closed=f.closed,
            )
            for f in form.follow_ups
        ),
        summary=row.summary,
        reported_on=row.reported_on,
        meeting=meeting,
        notes=record_notes(RECORD_TYPE, row),
    )


def ideology_origins(entries: list[FollowUpEntry]) -> dict[tuple[int, str], tuple[str, RiskLevel]]:
    """(review id, area) → (「2026年9月」, the risk found then)."""
    ids = {e.review_id for e in entries}
    found: dict[tuple[int, str], tuple[str, RiskLevel]] = {}
    if not ids:
        return found
    for row in IdeologyReview.select().where(IdeologyReview.id.in_(list(ids))):
        for entry in row.areas or []:
            found[(row.id, str(entry.get("area", "")))] = (
                f"{row.held_on.year}年{row.held_on.month}月",
                RiskLevel(entry.get("risk", "none")),
            )
    return found


def _meeting_title(meeting_id: int) -> str:
    meeting = Meeting.get_or_none(Meeting.id == meeting_id)
    if meeting is None:
        return ""
    group = ""
    if meeting.party_group_id is not None:
        group = PartyGroup.get_by_id(meeting.party_group_id).name
    return f"{format_date(meeting.held_on)}{kind_name(meeting.kind, group)}"


def _finished_between(start: dt.date, end: dt.date) -> list[IdeologyReview]:
    return list(
        IdeologyReview.select()
        .where(
            (IdeologyReview.state.in_(records.DONE))
            & (IdeologyReview.held_on >= start)
            & (IdeologyReview.held_on <= end)
        )
        .order_by(IdeologyReview.held_on, IdeologyReview.id)
    )


def _month_lines(rows: list[IdeologyReview], day: int) -> list[Any]:
    from jianshi_desktop.documents.ideology import MonthLine

    names = _names()
    lines = []
    for row in rows:
        findings = [_finding(a, names) for a in row.areas or []]
        lines.append(
            MonthLine(
                held_on=row.held_on,
                areas=tuple(f.area for f in findings),
                risks=tuple(f for f in findings if f.risk is not RiskLevel.NONE),
                closed=tuple(str(f["area"]) for f in row.follow_ups or [] if f.get("closed")),
                reported_on=row.reported_on,
                deadline=ideology.report_deadline(row.held_on.year, row.held_on.month, day),
            )
        )
    return lines


def quarter_content(year: int, quarter: int, *, today: dt.date | None = None) -> QuarterContent:
    """The quarter's reviews, month by month, and the risks still open at its end."""
    from jianshi_desktop.documents.ideology import QuarterContent
    from jianshi_desktop.services.branch import branch_as_of

    today = today or dt.date.today()
    first = (quarter - 1) * 3 + 1
    start = dt.date(year, first, 1)
    end = ideology.report_deadline(year, first + 2, 31)
    rows = _finished_between(start, end)
    last = min(end, today)
    still_open = ideology.open_risks(
        [r for r in review_facts() if r.held_on <= last], before=last + dt.timedelta(days=1)
    )
    return QuarterContent(
        branch=branch_as_of(min(end, today)).name,
        year=year,
        quarter=quarter,
        months=tuple(m for m in range(first, first + 3) if dt.date(year, m, 1) <= today),
        lines=tuple(_month_lines(rows, report_day())),
        still_open=tuple(still_open),
        made_on=today,
    )


def year_content(year: int, *, today: dt.date | None = None) -> YearContent:
    """The year's reviews and 意识形态专题研究 meetings, for the yearly 通报."""
    from jianshi_desktop.documents.ideology import StudyMeeting, YearContent
    from jianshi_desktop.services.branch import branch_as_of

    today = today or dt.date.today()
    end = dt.date(year, 12, 31)
    rows = _finished_between(dt.date(year, 1, 1), end)
    last = min(end, today)
    still_open = ideology.open_risks(
        [r for r in review_facts() if r.held_on <= last], before=last + dt.timedelta(days=1)
    )
    studies = []
    for meeting_id, label in study_meetings(year):
        meeting = Meeting.get_by_id(meeting_id)
        topic = squeeze(meeting.title)
        linked = [r.held_on.month for r in rows if r.meeting_id == meeting_id]
        studies.append(StudyMeeting(label=label, topic=topic, review_months=tuple(linked)))
    return YearContent(
        branch=branch_as_of(last).name,
        year=year,
        months_due=tuple(m for m in range(1, 13) if deadline_of(dt.date(year, m, 1)) < today),
        lines=tuple(_month_lines(rows, report_day())),
        still_open=tuple(still_open),
        studies=tuple(studies),
        made_on=today,
    )
