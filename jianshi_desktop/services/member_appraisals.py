"""民主评议党员, yearly: each member of the day's 个人自评, the 测评 tallies from the
测评表 handed in and the branch's 综合评定; for 不合格 the reasons and the decision of the
支部党员大会 (rules.md §2, §7). The rules are ``domain.appraisal``, their values
``resources/rules/appraisal.json``.

The members rated are those of the appraisal's own day (``services.history.roster_on``):
a member who joined after it or left before it is not rated.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING

from jianshi_desktop.db.models import (
    AppraisalRating,
    Attachment,
    Meeting,
    Member,
    MemberAppraisal,
    OrgLifeMeeting,
    Setting,
)
from jianshi_desktop.domain.appraisal import (
    AppraisalRules,
    MemberRating,
    any_unqualified,
    check_ratings,
    check_tallies,
    check_voters,
    missing_self_assessments,
    rules_from,
)
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    MeetingKind,
    MemberStatus,
    Rating,
    RecordState,
    UnqualifiedDecision,
)
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.procedures import TAG_APPRAISAL
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.meetings import known_places, meeting_title
from jianshi_desktop.services.settings import read_value, write_value

if TYPE_CHECKING:  # the documents load when one is first printed
    from jianshi_desktop.documents.appraisal import AppraisalContent, BallotContent
    from jianshi_desktop.documents.model import Document

RECORD_TYPE = "member_appraisal"
TAG = TAG_APPRAISAL  # the tag the 民主评议党员 obligation counts (obligations.json)


EXCELLENT_SHARE_KEY = "appraisal_excellent_share_percent"  # the branch's own limit, if set


@cache
def shipped_rules() -> AppraisalRules:
    """The shipped rule values (``resources/rules/appraisal.json``)."""
    path = resources_dir() / "rules" / "appraisal.json"
    with path.open(encoding="utf-8") as handle:
        return rules_from(json.load(handle))


def appraisal_rules() -> AppraisalRules:
    """The rules an appraisal is checked by: the shipped ones, with the share of 优秀 the
    branch set on the 民主评议 page (its county's rule) when it set one."""
    rules = shipped_rules()
    chosen = read_value(EXCELLENT_SHARE_KEY)
    if isinstance(chosen, int) and not isinstance(chosen, bool):
        return replace(rules, excellent_share_percent=chosen)
    return rules


def set_excellent_share(percent: int) -> None:
    """优秀 normally at most ``percent`` % of those appraised (1–100); audited. The shipped
    value again clears the branch's own."""
    if not 1 <= percent <= 100:
        raise ValidationError("优秀比例请填写1到100之间的整数。", field="excellent_share")
    before = appraisal_rules().excellent_share_percent
    if percent == before:
        return
    with user_action("set_appraisal_excellent_share", entity="setting") as audit:
        if percent == shipped_rules().excellent_share_percent:
            Setting.delete().where(Setting.key == EXCELLENT_SHARE_KEY).execute()
        else:
            write_value(EXCELLENT_SHARE_KEY, percent)
        audit.summary = f"民主评议党员优秀比例上限由{before}%改为{percent}%"
        audit.detail = {"excellent_share_percent": percent}


@dataclass
class MemberAppraisalForm:
    held_on: dt.date
    place: str = ""
    voters: int | None = None  # 测评表 handed in
    org_life_meeting_id: int | None = None  # held with this 组织生活会 (same year)
    meeting_id: int | None = None  # the 支部党员大会 that decided on 不合格
    ratings: list[MemberRating] = field(default_factory=list)  # one per member of the day
    summary: str = ""
    attachments: list[AttachmentEntry] = field(default_factory=list)


@dataclass(frozen=True)
class MemberAppraisalRow:
    id: int
    held_on: dt.date
    place: str
    state: RecordState
    late_entry: bool
    amended: bool
    appraised: int
    voters: int | None
    result: str  # 优秀2人 合格9人 …
    with_org_life: str


@dataclass(frozen=True)
class YearRating:
    """A member's 综合评定 of one year (the member page)."""

    year: int
    rating: Rating


# --- the members of the day ----------------------------------------------------------------


def ratings_for_day(day: dt.date, keep: list[MemberRating] | None = None) -> list[MemberRating]:
    """One line per member of ``day`` (rules.md §7), in roster order; a member's line in
    ``keep`` stays as it was. Lines of those who were not members that day are dropped."""
    kept = {entry.member_id: entry for entry in keep or []}
    return [
        kept.get(m.id) or MemberRating(member_id=m.id, name=m.name)
        for m in sorted(history.roster_on(day), key=lambda m: m.id)
    ]


def new_member_appraisal_form(*, on: dt.date | None = None) -> MemberAppraisalForm:
    """Defaults: today (or ``on``), the usual place, the members of that day."""
    held_on = on or dt.date.today()
    places = known_places()
    return MemberAppraisalForm(
        held_on=held_on,
        place=places[0] if places else "",
        ratings=ratings_for_day(held_on),
    )


def _org_life_label(row: OrgLifeMeeting) -> str:
    return f"{format_date(row.held_on)}组织生活会"


def org_life_choices(year: int) -> list[tuple[int, str]]:
    """The finished 组织生活会 of ``year`` an appraisal may be held with."""
    query = (
        OrgLifeMeeting.select(OrgLifeMeeting.id, OrgLifeMeeting.held_on)
        .where(
            OrgLifeMeeting.state.in_(records.DONE)
            & (OrgLifeMeeting.held_on >= dt.date(year, 1, 1))
            & (OrgLifeMeeting.held_on <= dt.date(year, 12, 31))
        )
        .order_by(OrgLifeMeeting.held_on)
    )
    return [(row.id, _org_life_label(row)) for row in query]


def deciding_meeting_choices(day: dt.date) -> list[tuple[int, str]]:
    """The finished 支部党员大会 on or after ``day`` in its year: one may have decided on
    the members rated 不合格."""
    query = (
        Meeting.select(Meeting.id, Meeting.held_on)
        .where(
            (Meeting.kind == MeetingKind.GENERAL_ASSEMBLY)
            & Meeting.state.in_(records.DONE)
            & (Meeting.held_on >= day)
            & (Meeting.held_on <= dt.date(day.year, 12, 31))
        )
        .order_by(Meeting.held_on, Meeting.id)
    )
    return [(row.id, f"{format_date(row.held_on)}支部党员大会") for row in query]


# --- the rules -----------------------------------------------------------------------------


def _check_members(form: MemberAppraisalForm) -> list[Problem]:
    """The lines are the members of the appraisal's day: no one missing, no one else."""
    problems: list[Problem] = []
    roster = {m.id: m.name for m in history.roster_on(form.held_on)}
    listed = {entry.member_id for entry in form.ratings}
    strangers = [entry.name for entry in form.ratings if entry.member_id not in roster]
    if strangers:
        problems.append(
            Problem(
                "ratings",
                f"{'、'.join(strangers)}在{format_date(form.held_on)}不是本支部党员，"
                "不参加这次评议，请从名单中去掉。",
            )
        )
    missing = [name for member_id, name in roster.items() if member_id not in listed]
    if missing and form.ratings:
        problems.append(
            Problem(
                "ratings",
                f"{'、'.join(missing)}是{format_date(form.held_on)}的党员，名单中缺少，请加上。",
            )
        )
    return problems


def _check_links(form: MemberAppraisalForm, rules: AppraisalRules) -> list[Problem]:
    problems: list[Problem] = []
    year = form.held_on.year
    if form.org_life_meeting_id is not None:
        org = OrgLifeMeeting.get_or_none(OrgLifeMeeting.id == form.org_life_meeting_id)
        if org is None:
            problems.append(
                Problem("org_life_meeting_id", "所关联的组织生活会已不存在，请重新选择。")
            )
        elif org.state is RecordState.DRAFT:
            problems.append(
                Problem(
                    "org_life_meeting_id",
                    "所关联的组织生活会还是草稿：请先完成那次组织生活会的记录，或选“不是”。",
                )
            )
        elif org.held_on.year != year:
            problems.append(
                Problem(
                    "org_life_meeting_id",
                    f"所关联的组织生活会是{org.held_on.year}年的，"
                    f"请选择{year}年的组织生活会，或选“不是”。",
                )
            )
    if form.meeting_id is not None:
        meeting = Meeting.get_or_none(Meeting.id == form.meeting_id)
        if meeting is None:
            problems.append(Problem("meeting_id", "所选的支部党员大会记录已不存在，请重新选择。"))
        elif meeting.state is RecordState.DRAFT:
            problems.append(
                Problem(
                    "meeting_id",
                    "所选的支部党员大会记录还是草稿：请先在“三会一课”中完成这次大会的记录。",
                )
            )
        elif (
            meeting.kind is not MeetingKind.GENERAL_ASSEMBLY
            or meeting.held_on < form.held_on
            or meeting.held_on.year != year
        ):
            problems.append(
                Problem(
                    "meeting_id",
                    "作出处理决定的应是评议当天或之后、同一年内召开的支部党员大会，请重新选择。",
                )
            )
    elif any_unqualified(form.ratings):
        problems.append(
            Problem(
                "meeting_id",
                f"有党员评定为不合格，处理决定要由{rules.decided_by}作出："
                "请选择作出决定的支部党员大会记录（先在“三会一课”中记录这次大会）。",
            )
        )
    return problems


def check_member_appraisal(
    form: MemberAppraisalForm, *, today: dt.date | None = None
) -> list[Problem]:
    today = today or dt.date.today()
    rules = appraisal_rules()
    problems: list[Problem] = []
    if form.held_on > today:
        problems.append(
            Problem("held_on", "评议日期晚于今天。评议之后再完成记录；现在可以先存为草稿。")
        )
    if not squeeze(form.place):
        problems.append(Problem("place", "请填写评议地点。"))
    problems += check_voters(form.voters)
    problems += _check_links(form, rules)
    problems += _check_members(form)
    problems += check_tallies(form.ratings, form.voters)
    problems += check_ratings(form.ratings, rules)
    without = missing_self_assessments(form.ratings)
    if without and form.ratings:
        problems.append(
            Problem(
                "ratings",
                f"{'、'.join(without)}没有填写个人自评（交的是书面材料的，可以写“见附件”）。",
                "warning",
            )
        )
    return problems


# --- writing and reading -------------------------------------------------------------------


def write_member_appraisal(row: MemberAppraisal, form: MemberAppraisalForm) -> None:
    row.held_on = form.held_on
    row.place = clean(form.place)
    row.voters = form.voters
    row.org_life_meeting_id = form.org_life_meeting_id
    row.meeting_id = form.meeting_id
    row.summary = form.summary.strip()
    row.updated_at = records.now()
    row.save()
    AppraisalRating.delete().where(AppraisalRating.appraisal == row).execute()
    for position, entry in enumerate(form.ratings):
        unqualified = entry.rating is Rating.UNQUALIFIED
        AppraisalRating.create(
            appraisal=row,
            member=entry.member_id,
            position=position,
            self_assessment=clean(entry.self_assessment),
            tally_excellent=entry.excellent,
            tally_qualified=entry.qualified,
            tally_basically_qualified=entry.basically_qualified,
            tally_unqualified=entry.unqualified,
            rating=entry.rating,
            # reasons and decision belong to 不合格 alone
            reasons=clean(entry.reasons) if unqualified else "",
            decision=entry.decision.value if unqualified and entry.decision else "",
        )
    records.replace_attachments({"member_appraisal": row}, form.attachments)


def _ratings_of(appraisal_id: int) -> list[MemberRating]:
    query = (
        AppraisalRating.select(AppraisalRating, Member.id, Member.name)
        .join(Member)
        .where(AppraisalRating.appraisal == appraisal_id)
        .order_by(AppraisalRating.position, AppraisalRating.id)
    )
    return [
        MemberRating(
            member_id=r.member_id,
            name=r.member.name,
            self_assessment=r.self_assessment,
            excellent=r.tally_excellent,
            qualified=r.tally_qualified,
            basically_qualified=r.tally_basically_qualified,
            unqualified=r.tally_unqualified,
            rating=r.rating,
            reasons=r.reasons,
            decision=UnqualifiedDecision(r.decision) if r.decision else None,
        )
        for r in query
    ]


def load_member_appraisal(appraisal_id: int) -> MemberAppraisalForm:
    row = MemberAppraisal.get_by_id(appraisal_id)
    return MemberAppraisalForm(
        held_on=row.held_on,
        place=row.place,
        voters=row.voters,
        org_life_meeting_id=row.org_life_meeting_id,
        meeting_id=row.meeting_id,
        ratings=_ratings_of(appraisal_id),
        summary=row.summary,
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.member_appraisal == row)
        ),
    )


def appraisal_title(held_on: dt.date) -> str:
    return f"{held_on.year}年民主评议党员"


def member_appraisal_label(form: MemberAppraisalForm) -> str:
    return appraisal_title(form.held_on)


def member_appraisal_file_name(row: MemberAppraisal, _groups: Mapping[int, str]) -> str:
    """「2026年12月8日民主评议党员结果汇总表」 (services.documents numbers two on one day)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{format_date(row.held_on)}民主评议党员结果汇总表")


def member_appraisal_contents_line(_row: MemberAppraisal, _groups: Mapping[int, str]) -> str:
    return "民主评议党员结果汇总表"


def copied_member_appraisal(old: MemberAppraisalForm, on: dt.date | None) -> MemberAppraisalForm:
    """复制上次: the place again; the members, tallies and ratings of the new day afresh
    (a year's results are never carried into the next)."""
    fresh = new_member_appraisal_form(on=on)
    return replace(fresh, place=old.place or fresh.place)


def _result_text(counts: Mapping[Rating | None, int]) -> str:
    return " ".join(f"{r.label}{counts.get(r, 0)}人" for r in Rating if counts.get(r, 0))


def list_member_appraisals(
    *, year: int | None = None, state: RecordState | None = None, late_only: bool = False
) -> list[MemberAppraisalRow]:
    query = records.within(
        MemberAppraisal, MemberAppraisal.select(), year=year, state=state, late_only=late_only
    )
    amended = records.amended_ids(RECORD_TYPE)
    counts: dict[int, dict[Rating | None, int]] = {}
    for appraisal_id, rating in records.tuples(
        AppraisalRating.select(AppraisalRating.appraisal, AppraisalRating.rating).where(
            AppraisalRating.appraisal.in_(query.select(MemberAppraisal.id))
        )
    ):
        per = counts.setdefault(appraisal_id, {})
        key = Rating(rating) if rating else None
        per[key] = per.get(key, 0) + 1
    org_days = dict(
        records.tuples(OrgLifeMeeting.select(OrgLifeMeeting.id, OrgLifeMeeting.held_on))
    )
    rows = []
    for row in query.order_by(MemberAppraisal.held_on.desc(), MemberAppraisal.id.desc()):
        per = counts.get(row.id, {})
        org_day = org_days.get(row.org_life_meeting_id or 0)
        rows.append(
            MemberAppraisalRow(
                id=row.id,
                held_on=row.held_on,
                place=row.place,
                state=row.state,
                late_entry=bool(row.late_entry),
                amended=row.id in amended,
                appraised=sum(per.values()),
                voters=row.voters,
                result=_result_text(per),
                with_org_life=f"{format_date(org_day)}组织生活会" if org_day else "",
            )
        )
    return rows


def member_appraisal_facts() -> list[RecordFact]:
    """The finished appraisals, tagged 民主评议党员 so that the yearly obligation
    (obligations.json ``appraisal``) counts them beside a meeting so tagged."""
    query = MemberAppraisal.select(
        MemberAppraisal.id, MemberAppraisal.held_on, MemberAppraisal.late_entry
    ).where(MemberAppraisal.state.in_(records.DONE))
    return [
        RecordFact(
            id=id_,
            record=RECORD_TYPE,
            held_on=held_on,
            late_entry=bool(late),
            title=appraisal_title(held_on),
            tags=frozenset({TAG}),
        )
        for id_, held_on, late in records.tuples(query)
    ]


def ratings_of_member(member_id: int) -> list[YearRating]:
    """The member's 综合评定 year by year, newest first, from finished appraisals."""
    query = (
        AppraisalRating.select(MemberAppraisal.held_on, AppraisalRating.rating)
        .join(MemberAppraisal)
        .where(
            (AppraisalRating.member == member_id)
            & MemberAppraisal.state.in_(records.DONE)
            & AppraisalRating.rating.is_null(False)
        )
        .order_by(MemberAppraisal.held_on.desc(), MemberAppraisal.id.desc())
    )
    seen: dict[int, YearRating] = {}
    for held_on, rating in records.tuples(query):
        seen.setdefault(held_on.year, YearRating(held_on.year, Rating(rating)))
    return list(seen.values())


# --- documents -----------------------------------------------------------------------------


def appraisal_content(appraisal_id: int) -> AppraisalContent:
    """The record as the 结果汇总表 and the 情况报告 print it."""
    from jianshi_desktop.documents.appraisal import AppraisalContent, RatingLine
    from jianshi_desktop.services.branch import branch_name_on
    from jianshi_desktop.services.documents import record_notes

    row = MemberAppraisal.get_by_id(appraisal_id)
    ratings = _ratings_of(appraisal_id)
    roster = history.roster_on(row.held_on)
    full = sum(m.status is MemberStatus.FULL for m in roster)
    org = OrgLifeMeeting.get_or_none(OrgLifeMeeting.id == row.org_life_meeting_id)
    deciding = ""
    if row.meeting_id is not None and Meeting.get_or_none(Meeting.id == row.meeting_id):
        deciding = meeting_title(row.meeting_id)
    return AppraisalContent(
        branch=branch_name_on(row.held_on),
        held_on=row.held_on,
        place=row.place,
        voters=row.voters,
        lines=tuple(
            RatingLine(
                name=r.name,
                self_assessment=r.self_assessment,
                tallies=(r.excellent, r.qualified, r.basically_qualified, r.unqualified),
                rating=r.rating.label if r.rating else "",
                reasons=r.reasons,
                decision=r.decision.label if r.decision else "",
            )
            for r in ratings
        ),
        members_full=full,
        members_probationary=len(roster) - full,
        with_org_life=_org_life_label(org) if org is not None else "",
        deciding_meeting=deciding,
        summary=row.summary,
        notes=record_notes(RECORD_TYPE, row),
    )


def ballot_content(appraisal_id: int | None, *, today: dt.date | None = None) -> BallotContent:
    """The 测评表 of a saved appraisal (a draft before the meeting will do): its members,
    its day; without one, the members of today, for this year."""
    from jianshi_desktop.documents.appraisal import BallotContent
    from jianshi_desktop.services.branch import branch_name_on

    if appraisal_id is None:
        day = today or dt.date.today()
        names = tuple(entry.name for entry in ratings_for_day(day))
        return BallotContent(branch=branch_name_on(day), year=day.year, members=names)
    row = MemberAppraisal.get_by_id(appraisal_id)
    names = tuple(entry.name for entry in _ratings_of(appraisal_id))
    return BallotContent(
        branch=branch_name_on(row.held_on),
        year=row.held_on.year,
        members=names,
        held_on=row.held_on,
    )


def ballot_document(appraisal_id: int | None, *, today: dt.date | None = None) -> Document:
    from jianshi_desktop.documents.appraisal import ballot_document as build

    return build(ballot_content(appraisal_id, today=today))


def report_document(appraisal_id: int, *, today: dt.date | None = None) -> Document:
    """民主评议党员情况报告 (GB/T 9704 上行文 to the 县教育局党委) of a finished appraisal,
    dated ``today``, with the 书记 of that day as 签发人."""
    from jianshi_desktop.documents.appraisal import report_draft
    from jianshi_desktop.documents.records import report_document as build

    row = MemberAppraisal.get_by_id(appraisal_id)
    if row.state is RecordState.DRAFT:
        raise UserError(
            "这次民主评议还是草稿，不能生成情况报告。",
            hint="请先打开记录，填好评议结果后点“完成”。",
        )
    issued_on = today or dt.date.today()
    draft = report_draft(
        appraisal_content(appraisal_id),
        issued_on=issued_on,
        secretary=history.secretary_name_on(issued_on),
    )
    return build(draft)


def report_stem(appraisal_id: int) -> str:
    from jianshi_desktop.documents.files import safe_file_name

    row = MemberAppraisal.get_by_id(appraisal_id)
    return safe_file_name(f"{row.held_on.year}年民主评议党员情况报告")


def ballot_stem(appraisal_id: int | None, *, today: dt.date | None = None) -> str:
    from jianshi_desktop.documents.files import safe_file_name

    year = (
        MemberAppraisal.get_by_id(appraisal_id).held_on.year
        if appraisal_id is not None
        else (today or dt.date.today()).year
    )
    return safe_file_name(f"{year}年民主评议党员测评表")
