"""组织设置情况, reported every half year (建教党〔2020〕9号 二(三)2: "每半年将组织设置情况上报
一次"): the organisation as it stood on the report's day, built from its history.

The report's content — the ``snapshot`` — is never typed. It is built from the history as
it stood on ``held_on`` (rules.md §1, §7): the branch's name and 上级党组织 that day, its
form (支部委员会 or only a 书记), the committee term and its posts with the holders of that
day and the vacant ones, the 党小组 with their members, the members by status and the size
rules' warnings. It is built when the form is made, whenever the day changes and when a
draft is written (saved or finished). Once finished, the report is what was sent: saving
it again (filling in 上报日期 or 说明) and 更正 of an archived report keep the stored
snapshot however the organisation or its history changes later; only a change of the
report's day builds it anew, on the new day.

The 党小组 are kept without a dated history of their own: a group's name is today's, and
its 组长 is today's leader, named only when that member was in the group on the report's
day (a leader changed within the group since cannot be told apart; nothing records when).

The obligation counts a report for the half it reports (``half_start``): a report made on
3 July for the first half counts for the first half (its fact carries that half's last
day, :func:`jianshi_desktop.domain.organisation.counted_on`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from jianshi_desktop.db.models import OrganisationReport, PartyGroup
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import add_months, format_date
from jianshi_desktop.domain.enums import MemberStatus, RecordState
from jianshi_desktop.domain.organisation import (
    RE_ELECTION_NOTICE_MONTHS,
    GroupLine,
    OrgSnapshot,
    PostLine,
    TermLine,
    counted_on,
    half_end,
    half_label,
    half_start,
    is_half_start,
    months_left,
    read_snapshot,
    reported_half,
    snapshot_json,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.services import history, organization, records
from jianshi_desktop.services.branch import branch_as_of, current_branch

if TYPE_CHECKING:  # the documents load when a report is first printed
    from jianshi_desktop.documents.organisation_report import OrganisationReportContent

RECORD_TYPE = "organisation_report"
AREA = "organization"
LATE_AFTER_MONTHS = 1  # a report made more than a month after its half is late


# ---- the snapshot: the organisation on the report's day ------------------------------


def build_snapshot(day: dt.date) -> OrgSnapshot:
    """The organisation as it stood on ``day``, from its history (rules.md §1, §7)."""
    names = branch_as_of(day)
    roster = history.roster_on(day)
    full = sum(1 for m in roster if m.status is MemberStatus.FULL)
    term_row = organization.term_on(day)
    term = None
    posts: tuple[PostLine, ...] = ()
    if term_row is not None:
        term = TermLine(
            number=term_row.number,
            elected_on=term_row.elected_on,
            starts_on=term_row.starts_on,
            ends_on=term_row.ends_on,
            months_left=months_left(day, term_row.ends_on),
            ending_soon=term_row.ends_on <= add_months(day, RE_ELECTION_NOTICE_MONTHS),
        )
        posts = tuple(
            PostLine(p.title, p.member_id, p.member_name, p.since, p.by_election)
            for p in term_row.posts
        )
    members_of: dict[int, list[str]] = {}
    in_group: dict[int, int | None] = {}
    for member in roster:
        in_group[member.id] = member.group_id
        if member.group_id is not None:
            members_of.setdefault(member.group_id, []).append(member.name)
    groups = []
    query = PartyGroup.select(PartyGroup.id, PartyGroup.name, PartyGroup.leader).order_by(
        PartyGroup.position, PartyGroup.id
    )
    names_on_day = {m.id: m.name for m in roster}
    for group_id, name, leader_id in records.tuples(query):
        members = members_of.get(group_id)
        if not members:  # a group with nobody in it that day did not exist then
            continue
        # the leader is kept without its history: named only when in the group that day
        leader = names_on_day.get(leader_id, "") if in_group.get(leader_id) == group_id else ""
        groups.append(GroupLine(name, leader, tuple(members)))
    return OrgSnapshot(
        day=day,
        branch=names.name,
        parent=names.parent_name,
        founded_on=current_branch().founded_on,
        has_committee=organization.has_committee_on(day),
        total=len(roster),
        full=full,
        probationary=len(roster) - full,
        term=term,
        posts=posts,
        groups=tuple(groups),
        warnings=tuple(organization.organization_warnings(on=day)),
    )


# ---- the form --------------------------------------------------------------------------


@dataclass
class OrganisationReportForm:
    held_on: dt.date  # the report's day: the organisation as it stood then (截至日期)
    half_start: dt.date  # the first day of the half year reported
    reported_on: dt.date | None = None  # 上报 to the county
    notes: str = ""  # 说明
    # built from history on ``held_on`` (build_snapshot), never typed; stored on finishing
    snapshot: dict[str, Any] = field(default_factory=dict)
    record_id: int | None = None  # the saved record this form is (None: not saved yet)


@dataclass(frozen=True)
class OrganisationReportRow:
    id: int
    held_on: dt.date
    half_start: dt.date
    reported_on: dt.date | None
    state: RecordState
    late_entry: bool
    amended: bool

    @property
    def half(self) -> str:
        return half_label(self.half_start)


def with_snapshot(form: OrganisationReportForm) -> OrganisationReportForm:
    """The form with its snapshot built anew from the history of its day."""
    return replace(form, snapshot=snapshot_of(form.held_on))


def new_organisation_report_form(
    *, on: dt.date | None = None, half: dt.date | None = None
) -> OrganisationReportForm:
    """A new report: today (or ``on``), for ``half`` or the half holding it — the half
    just ended in its first month — with the organisation of that day."""
    day = on or dt.date.today()
    start = half if half is not None else reported_half(day)
    return with_snapshot(OrganisationReportForm(held_on=day, half_start=start))


def half_choices(day: dt.date) -> list[tuple[dt.date, str]]:
    """The halves a report made on ``day`` may be for: the half holding it and the two
    before (a late report), the latest first."""
    start = half_start(day)
    found = [start]
    for _ in range(2):
        found.append(half_start(found[-1] - dt.timedelta(days=1)))
    return [(s, half_label(s)) for s in found]


def _first_of_half(start: dt.date, *, exclude: int | None) -> OrganisationReport | None:
    query = OrganisationReport.select().where(
        (OrganisationReport.half_start == start) & OrganisationReport.state.in_(records.DONE)
    )
    if exclude is not None:
        query = query.where(OrganisationReport.id != exclude)
    return query.order_by(OrganisationReport.held_on, OrganisationReport.id).first()


def check_organisation_report(
    form: OrganisationReportForm, *, today: dt.date | None = None
) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    label = half_label(form.half_start)
    if form.held_on > today:
        problems.append(
            Problem("held_on", "截至日期晚于今天。组织设置情况按已发生的情况填报，请核对日期。")
        )
    if not is_half_start(form.half_start):
        problems.append(Problem("half_start", "请选择所报的半年（上半年或下半年）。"))
        return problems
    end = half_end(form.half_start)
    if form.held_on < form.half_start:
        problems.append(
            Problem(
                "held_on",
                f"截至日期{format_date(form.held_on)}早于{label}的第一天"
                f"（{format_date(form.half_start)}），请改选所报的半年或截至日期。",
            )
        )
    elif form.held_on > add_months(end, LATE_AFTER_MONTHS):
        problems.append(
            Problem(
                "held_on",
                f"截至日期在{label}结束一个多月之后，报告反映的是{format_date(form.held_on)}的"
                "组织设置情况；如确是补报，请在说明中写明。",
                "warning",
            )
        )
    if form.reported_on is not None:
        if form.reported_on < form.held_on:
            problems.append(
                Problem("reported_on", "上报日期早于截至日期，请核对：先有报告，后上报。")
            )
        elif form.reported_on > today:
            problems.append(
                Problem("reported_on", "上报日期晚于今天。上报之后再填写上报日期，现在可以空着。")
            )
    first = _first_of_half(form.half_start, exclude=form.record_id)
    if first is not None:
        state = "已归档" if first.state is RecordState.ARCHIVED else "已完成"
        problems.append(
            Problem(
                "half_start",
                f"{label}的组织设置情况已有一份报告（截至{format_date(first.held_on)}，{state}），"
                "每半年只报一次。要修改请用更正（还没归档的，直接打开那一份修改）。",
            )
        )
    return problems


def _sent_snapshot(row: OrganisationReport, day: dt.date) -> dict[str, Any] | None:
    """What a finished or archived ``row`` stored for ``day`` — what was sent; None for a
    new report, a draft (finishing may mark the row before it is written: its state is
    read from the database) or a report whose day changes."""
    if row.id is None or row.held_on != day or not row.snapshot:
        return None
    stored = OrganisationReport.select(OrganisationReport.state).where(
        OrganisationReport.id == row.id
    )
    return None if stored.scalar() == RecordState.DRAFT else dict(row.snapshot)


def write_organisation_report(row: OrganisationReport, form: OrganisationReportForm) -> None:
    """The form into the row. A draft (saved or finished) gets its snapshot built anew on
    its day; a finished or archived report keeps what was sent when it is saved again
    (上报日期, 说明) or corrected (更正), unless its day changes: then it is built anew on
    the new day."""
    sent = _sent_snapshot(row, form.held_on)
    form.snapshot = sent if sent is not None else snapshot_of(form.held_on)
    row.held_on = form.held_on
    row.half_start = form.half_start
    row.reported_on = form.reported_on
    row.notes = form.notes.strip()
    row.snapshot = form.snapshot
    row.updated_at = records.now()
    row.save()
    form.record_id = row.id


def load_organisation_report(report_id: int) -> OrganisationReportForm:
    row = OrganisationReport.get_by_id(report_id)
    return OrganisationReportForm(
        held_on=row.held_on,
        half_start=row.half_start,
        reported_on=row.reported_on,
        notes=row.notes,
        snapshot=dict(row.snapshot or {}),
        record_id=row.id,
    )


def report_title(start: dt.date) -> str:
    return f"{half_label(start)}组织设置情况"


def organisation_report_label(form: OrganisationReportForm) -> str:
    return report_title(form.half_start)


def copied_organisation_report(
    old: OrganisationReportForm, on: dt.date | None
) -> OrganisationReportForm:
    """复制上次: a new report of ``on`` (today) — the organisation of that day, the half it
    reports; of the old one only the 说明 is kept for editing."""
    fresh = new_organisation_report_form(on=on)
    return replace(fresh, notes=old.notes)


def organisation_report_file_name(row: OrganisationReport, _groups: Mapping[int, str]) -> str:
    """「2026年7月3日 2026年上半年组织设置情况报告表」."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{format_date(row.held_on)} {report_title(row.half_start)}报告表")


def organisation_report_contents_line(row: OrganisationReport, _groups: Mapping[int, str]) -> str:
    return f"组织设置情况报告表（{half_label(row.half_start)}）"


def list_organisation_reports(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[OrganisationReportRow]:
    query = records.within(
        OrganisationReport,
        OrganisationReport.select(
            OrganisationReport.id,
            OrganisationReport.held_on,
            OrganisationReport.half_start,
            OrganisationReport.reported_on,
            OrganisationReport.state,
            OrganisationReport.late_entry,
        ),
        year=year,
        state=state,
        late_only=late_only,
    )
    amended = records.amended_ids(RECORD_TYPE)
    return [
        OrganisationReportRow(
            id=r.id,
            held_on=r.held_on,
            half_start=r.half_start,
            reported_on=r.reported_on,
            state=r.state,
            late_entry=bool(r.late_entry),
            amended=r.id in amended,
        )
        for r in query.order_by(OrganisationReport.half_start.desc(), OrganisationReport.id.desc())
    ]


def organisation_report_facts() -> list[RecordFact]:
    """The finished reports as the engine counts them: each in the half it reports (its
    own day, or that half's last day when made after it)."""
    query = OrganisationReport.select(
        OrganisationReport.id,
        OrganisationReport.held_on,
        OrganisationReport.half_start,
        OrganisationReport.late_entry,
    ).where(OrganisationReport.state.in_(records.DONE))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=counted_on(held_on, start),
            late_entry=bool(late),
            title=report_title(start),
        )
        for id_, held_on, start, late in records.tuples(query)
    ]


def organisation_report_content(report_id: int) -> OrganisationReportContent:
    """A saved report as printed: its stored snapshot (what was sent), its half, 说明 and
    its 补录 and 更正 notes."""
    from jianshi_desktop.documents.organisation_report import OrganisationReportContent
    from jianshi_desktop.services.documents import record_notes  # when a report prints

    row = OrganisationReport.get_by_id(report_id)
    return OrganisationReportContent(
        half=half_label(row.half_start),
        snapshot=read_snapshot(row.snapshot),
        notes=row.notes,
        record_notes=record_notes(RECORD_TYPE, row),
    )


def snapshot_of(day: dt.date) -> dict[str, Any]:
    """The organisation of ``day`` as a report stores it (what the wizard shows)."""
    return snapshot_json(build_snapshot(day))
