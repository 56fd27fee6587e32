"""党员先行·关爱学生 结对帮扶: members paired with students in need (the notice 二(三)3),
their help records (a kind of record: :data:`services.record_kinds.PAIRING_HELP`), a
学期小结 per pairing per term, and how far the branch's members are paired.

Student data is sensitive (rules.md §5): a name or the school's code, the class and the
group — never an ID number, never health details. What leaves the data folder is the
pairing's code (S001 …), unless the secretary decides otherwise after a warning
(:func:`package_lists`). A record is judged on its own day (rules.md §7): the member must
belong to the branch on the day the pairing starts; a help must fall within its pairing
and on a day its member belonged to the branch; a member who leaves ends their pairings
that day (:func:`end_pairings_of`). A pairing with a finished help keeps its member and
its student: those helps were theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from jianshi_desktop.db.models import (
    Attachment,
    Member,
    PairingHelp,
    PairingSummary,
    StudentPairing,
)
from jianshi_desktop.domain import history as domain_history
from jianshi_desktop.domain import student_pairing as rules
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import RecordState, StudentNeed
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.student_pairing import Coverage, Term, term_of
from jianshi_desktop.domain.text import clean, squeeze
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch

RECORD_TYPE = "pairing_help"
AREA = "student_pairing"

# the longest text records.json carries (submission/verify.py _STUDENT_PAIRING,
# _PAIRING_HELP) and the columns hold
STUDENT_MAX = 50
CLASS_MAX = 30
PLACE_MAX = 100
TEXT_MAX = 100_000


def too_long(label: str, text: str, limit: int) -> str | None:
    """「班级最多30个字，请改短一些。」 when ``text`` is longer than ``limit``."""
    if len(text) <= limit:
        return None
    return f"{label}最多{limit}个字，请改短一些。"


# --- the pairings ------------------------------------------------------------------------


@dataclass
class PairingEntry:
    """A pairing as the 新建结对/修改 dialog edits it."""

    member_id: int | None
    student: str
    need: StudentNeed | None
    starts_on: dt.date
    class_name: str = ""
    ends_on: dt.date | None = None


@dataclass(frozen=True)
class PairingRow:
    """One pairing on the page."""

    id: int
    member_id: int
    member: str
    student: str
    code: str
    class_name: str
    need: StudentNeed
    starts_on: dt.date
    ends_on: dt.date | None
    helps_this_term: int
    summary_written: bool  # this term's 学期小结
    active: bool  # today

    @property
    def span(self) -> str:
        """「2026年9月1日起」 or 「2026年9月1日—2027年1月31日」."""
        if self.ends_on is None:
            return f"{format_date(self.starts_on)}起"
        return f"{format_date(self.starts_on)}—{format_date(self.ends_on)}"


def _names() -> dict[int, str]:
    return {m.id: m.name for m in Member.select(Member.id, Member.name)}


def pairing_label(pairing: StudentPairing, names: Mapping[int, str] | None = None) -> str:
    """「王芳—S001」: how a pairing is named outside its own page (the student masked)."""
    name = (names or _names()).get(pairing.member_id, "")
    return f"{name}—{pairing.code}"


def check_pairing(entry: PairingEntry, *, pairing_id: int | None = None) -> None:
    """Every rule of a pairing; ValidationError (in Chinese, with the field) for the first
    broken one."""
    problem = rules.student_name_problem(entry.student) or too_long(
        "学生的姓名或编号", clean(entry.student), STUDENT_MAX
    )
    if problem is not None:
        raise ValidationError(problem, field="student")
    if rules.looks_like_id_number(entry.class_name):
        raise ValidationError(rules.ID_NUMBER_REFUSED, field="class_name")
    problem = too_long("班级", clean(entry.class_name), CLASS_MAX)
    if problem is not None:
        raise ValidationError(problem, field="class_name")
    if entry.member_id is None:
        raise ValidationError("请选择结对的党员。", field="member_id")
    if entry.need is None:
        raise ValidationError("请选择学生的类别（学困生、留守儿童等）。", field="need")
    if entry.ends_on is not None and entry.ends_on < entry.starts_on:
        raise ValidationError("结束日期不能早于结对开始的日期。", field="ends_on")
    members = {m.id: m.name for m in history.roster_on(entry.starts_on)}
    if entry.member_id not in members:
        raise ValidationError(
            f"{format_date(entry.starts_on)}这位党员不在本支部的名册上，不能从这天开始结对。"
            "请核对开始日期，或选择当天在册的党员。",
            field="starts_on",
        )
    _check_member_stays(entry, members[entry.member_id], new=pairing_id is None)
    student = squeeze(entry.student).casefold()
    others = StudentPairing.select().where(StudentPairing.member == entry.member_id)
    if pairing_id is not None:
        others = others.where(StudentPairing.id != pairing_id)
    for other in others:
        if squeeze(other.student).casefold() != student:
            continue
        if rules.overlaps((entry.starts_on, entry.ends_on), (other.starts_on, other.ends_on)):
            raise ValidationError(
                f"{members[entry.member_id]}和这名学生已经结对（{other.code}，"
                f"{format_date(other.starts_on)}起），时间不能重叠。需要改动请修改原来的结对。",
                field="student",
            )
    if pairing_id is not None:
        _check_helps_keep_their_people(pairing_id, entry)
        outside = (
            PairingHelp.select(PairingHelp.held_on)
            .where(PairingHelp.pairing == pairing_id)
            .order_by(PairingHelp.held_on)
        )
        for help_row in outside:
            if not rules.active_on(entry.starts_on, entry.ends_on, help_row.held_on):
                raise ValidationError(
                    f"这个结对在{format_date(help_row.held_on)}有帮扶记录，结对时间要包括这一天。",
                    field="ends_on" if help_row.held_on > entry.starts_on else "starts_on",
                )


def _check_member_stays(entry: PairingEntry, name: str, *, new: bool) -> None:
    """A pairing lasts no longer than its member's stay in the branch (the one its first
    day falls in): a member who left ended it that day (:func:`end_pairings_of`)."""
    assert entry.member_id is not None
    facts = history.facts_of(entry.member_id)
    stays = [] if facts is None else facts.in_branch
    for first, last in stays:
        if (first is None or first <= entry.starts_on) and (
            last is not None and entry.starts_on <= last
        ):
            if entry.ends_on is not None and entry.ends_on <= last:
                return
            raise ValidationError(
                f"{name}{format_date(last)}已离开本支部，结对最晚到这一天结束。"
                + ("请在结束日期中选这一天或更早。" if not new else "请选择当天在册的党员。"),
                field="starts_on" if new else "ends_on",
            )


def _check_helps_keep_their_people(pairing_id: int, entry: PairingEntry) -> None:
    """A finished or archived help was the pairing's member's, with its student: changing
    either would reprint, package and export it as another's with no 更正. Drafts follow."""
    pairing = StudentPairing.get_by_id(pairing_id)
    member_changed = entry.member_id != pairing.member_id
    student_changed = clean(entry.student) != pairing.student
    if not (member_changed or student_changed):
        return
    done = PairingHelp.select().where(
        (PairingHelp.pairing == pairing_id) & PairingHelp.state.in_(records.DONE)
    )
    if not done.exists():
        return
    if member_changed:
        raise ValidationError(
            "这个结对已有完成的帮扶记录，那是原来的党员做的，不能改换党员。"
            "如果改由另一名党员帮扶这名学生，请先结束这个结对，再为这名党员新建结对。",
            field="member_id",
        )
    raise ValidationError(
        "这个结对已有完成的帮扶记录，不能改换学生。"
        "如果要帮扶另一名学生，请先结束这个结对，再为那名学生新建结对。",
        field="student",
    )


def end_pairings_of(member_id: int, *, on: dt.date) -> None:
    """The member leaves the branch on ``on``, their last day on the roster (转出, 去世,
    出党, 停止党籍, 取消预备党员资格): each of their pairings still on after that day ends on
    it (``ends_on`` is inclusive); one that would only begin later, with nothing recorded
    on it, is removed. Call inside the leaving's transaction."""
    open_after = StudentPairing.select().where(
        (StudentPairing.member == member_id)
        & (StudentPairing.ends_on.is_null() | (StudentPairing.ends_on > on))
    )
    for pairing in open_after:
        if pairing.starts_on > on:
            helps = PairingHelp.select().where(PairingHelp.pairing == pairing.id)
            summaries = PairingSummary.select().where(PairingSummary.pairing == pairing.id)
            if not helps.exists() and not summaries.exists():
                pairing.delete_instance()
                continue
        pairing.ends_on = max(on, pairing.starts_on)
        pairing.updated_at = records.now()
        pairing.save()


def next_code() -> str:
    """The next free code in the branch: S001, S002 …"""
    branch = current_branch()
    numbers = [
        rules.code_number(code)
        for (code,) in records.tuples(
            StudentPairing.select(StudentPairing.code).where(StudentPairing.branch == branch)
        )
    ]
    return rules.pairing_code(max((n for n in numbers if n is not None), default=0) + 1)


def _write(pairing: StudentPairing, entry: PairingEntry) -> None:
    assert entry.need is not None and entry.member_id is not None
    pairing.member_id = entry.member_id
    pairing.student = clean(entry.student)
    pairing.class_name = clean(entry.class_name)
    pairing.need = entry.need
    pairing.starts_on = entry.starts_on
    pairing.ends_on = entry.ends_on
    pairing.updated_at = records.now()
    pairing.save()


def add_pairing(entry: PairingEntry) -> int:
    """新建结对: the pairing with the next code."""
    check_pairing(entry)
    with user_action("add_student_pairing", entity="student_pairing") as audit:
        pairing = StudentPairing(branch=current_branch(), code=next_code())
        _write(pairing, entry)
        audit.entity_id = pairing.id
        audit.summary = (
            f"新建结对帮扶：{pairing_label(pairing)}（{entry.need.label if entry.need else ''}）"
        )
    return int(pairing.id)


def edit_pairing(pairing_id: int, entry: PairingEntry) -> None:
    """修改: the pairing as the secretary corrected it (its code stays)."""
    check_pairing(entry, pairing_id=pairing_id)
    with user_action("edit_student_pairing", entity="student_pairing") as audit:
        pairing = StudentPairing.get_by_id(pairing_id)
        _write(pairing, entry)
        audit.entity_id = pairing_id
        audit.summary = f"修改结对帮扶：{pairing_label(pairing)}"


def end_pairing(pairing_id: int, ends_on: dt.date) -> None:
    """结束结对 on ``ends_on`` (its last day)."""
    entry = load_pairing(pairing_id)
    check_pairing(replace(entry, ends_on=ends_on), pairing_id=pairing_id)
    with user_action("end_student_pairing", entity="student_pairing") as audit:
        pairing = StudentPairing.get_by_id(pairing_id)
        pairing.ends_on = ends_on
        pairing.updated_at = records.now()
        pairing.save()
        audit.entity_id = pairing_id
        audit.summary = f"结束结对帮扶：{pairing_label(pairing)}，{format_date(ends_on)}"


def load_pairing(pairing_id: int) -> PairingEntry:
    p = StudentPairing.get_by_id(pairing_id)
    return PairingEntry(
        member_id=p.member_id,
        student=p.student,
        need=p.need,
        starts_on=p.starts_on,
        class_name=p.class_name,
        ends_on=p.ends_on,
    )


def known_classes() -> list[str]:
    """Classes typed before, most used first (typed once, offered again)."""
    counts: dict[str, int] = {}
    for (name,) in records.tuples(
        StudentPairing.select(StudentPairing.class_name).where(StudentPairing.class_name != "")
    ):
        counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c))


def _done_helps(start: dt.date, end: dt.date) -> dict[int, int]:
    """Finished helps held from ``start`` to ``end``, by pairing."""
    counts: dict[int, int] = {}
    query = PairingHelp.select(PairingHelp.pairing).where(
        (PairingHelp.held_on >= start)
        & (PairingHelp.held_on <= end)
        & PairingHelp.state.in_(records.DONE)
    )
    for (pairing_id,) in records.tuples(query):
        counts[pairing_id] = counts.get(pairing_id, 0) + 1
    return counts


def list_pairings(*, today: dt.date | None = None) -> list[PairingRow]:
    """Every pairing: those on today first, by member, then the ended ones."""
    today = today or dt.date.today()
    term = term_of(today)
    names = _names()
    helps = _done_helps(term.start, term.end)
    written = {
        pairing_id
        for (pairing_id,) in records.tuples(
            PairingSummary.select(PairingSummary.pairing).where(
                PairingSummary.term_start == term.start
            )
        )
    }
    rows = [
        PairingRow(
            id=p.id,
            member_id=p.member_id,
            member=names.get(p.member_id, ""),
            student=p.student,
            code=p.code,
            class_name=p.class_name,
            need=p.need,
            starts_on=p.starts_on,
            ends_on=p.ends_on,
            helps_this_term=helps.get(p.id, 0),
            summary_written=p.id in written,
            active=rules.active_on(p.starts_on, p.ends_on, today),
        )
        for p in StudentPairing.select()
    ]
    return sorted(rows, key=lambda r: (not r.active, r.member_id, r.starts_on, r.id))


def _choice_label(p: StudentPairing, names: Mapping[int, str]) -> str:
    where = f"（{p.class_name}）" if p.class_name else ""
    return f"{names.get(p.member_id, '')} — {p.student}{where}"


def pairing_choices(day: dt.date) -> list[tuple[int, str]]:
    """The pairings on ``day`` for a help record's picker: (id, 「王芳 — 学生甲（三年级2班）」)
    — on the pairings' own page the student is named (the secretary's own data)."""
    names = _names()
    query = StudentPairing.select().where(
        (StudentPairing.starts_on <= day)
        & (StudentPairing.ends_on.is_null() | (StudentPairing.ends_on >= day))
    )
    pairings = list(query.order_by(StudentPairing.member, StudentPairing.code))
    if not pairings:
        return []
    # a member who was not in the branch that day helps no one for it (rules.md §7)
    on_roster = {m.id for m in history.roster_on(day)}
    return [(p.id, _choice_label(p, names)) for p in pairings if p.member_id in on_roster]


def pairing_labels() -> dict[int, str]:
    """Every pairing's picker label by id (a record whose pairing is off its day)."""
    names = _names()
    return {p.id: _choice_label(p, names) for p in StudentPairing.select()}


# --- coverage ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberCoverage:
    member_id: int
    name: str
    pairings: int  # on the day
    helps_this_term: int


@dataclass(frozen=True)
class BranchCoverage:
    day: dt.date
    term: Term
    coverage: Coverage
    helps_this_term: int
    members: tuple[MemberCoverage, ...]

    @property
    def text(self) -> str:
        """「5/12名党员已结对（截至今天）」 (the day named unless it is today)."""
        on = "截至今天" if self.day == dt.date.today() else f"截至{format_date(self.day)}"
        return f"{self.coverage.text}（{on}）"


def coverage_on(day: dt.date) -> BranchCoverage:
    """The members of ``day`` (its roster, rules.md §7) paired on that day, and the
    finished helps of its term up to that day, per member and for the branch."""
    return _coverage(day, list(StudentPairing.select(*_SPAN_COLUMNS)))


_SPAN_COLUMNS = (
    StudentPairing.id,
    StudentPairing.member,
    StudentPairing.starts_on,
    StudentPairing.ends_on,
)


def _coverage(day: dt.date, pairings: list[StudentPairing]) -> BranchCoverage:
    term = term_of(day)
    # who was on the roster that day (no group spans needed: a query fewer for 首页)
    roster = domain_history.roster_on(history.member_facts(), day)
    owner = {p.id: p.member_id for p in pairings}
    helps = _done_helps(term.start, min(day, term.end))
    by_member: dict[int, int] = {}
    for pairing_id, count in helps.items():
        member_id = owner[pairing_id]
        by_member[member_id] = by_member.get(member_id, 0) + count
    paired: dict[int, int] = {}
    for p in pairings:
        if rules.active_on(p.starts_on, p.ends_on, day):
            paired[p.member_id] = paired.get(p.member_id, 0) + 1
    members = tuple(
        MemberCoverage(m.id, m.name, paired.get(m.id, 0), by_member.get(m.id, 0))
        for m in sorted(roster, key=lambda m: m.id)
    )
    return BranchCoverage(
        day=day,
        term=term,
        coverage=rules.coverage(set(paired), {m.id for m in roster}),
        helps_this_term=sum(helps.values()),
        members=members,
    )


def dashboard_text(today: dt.date) -> str:
    """首页: 「关爱学生：6/26名党员已结对，本学期帮扶3次」; "" before the first pairing (one
    query then)."""
    pairings = list(StudentPairing.select(*_SPAN_COLUMNS))
    if not pairings:
        return ""
    found = _coverage(today, pairings)
    return f"关爱学生：{found.coverage.text}，本学期帮扶{found.helps_this_term}次"


# --- the term summaries ------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryRow:
    pairing_id: int
    term: Term
    text: str
    written_on: dt.date


def summary_of(pairing_id: int, term: Term) -> SummaryRow | None:
    row = PairingSummary.get_or_none(
        (PairingSummary.pairing == pairing_id) & (PairingSummary.term_start == term.start)
    )
    if row is None:
        return None
    return SummaryRow(pairing_id, term, row.text, row.written_on)


def summaries_of(pairing_id: int) -> list[SummaryRow]:
    query = (
        PairingSummary.select()
        .where(PairingSummary.pairing == pairing_id)
        .order_by(PairingSummary.term_start)
    )
    return [
        SummaryRow(pairing_id, rules.term_starting(s.term_start), s.text, s.written_on)
        for s in query
    ]


def summary_terms(pairing_id: int, *, today: dt.date) -> list[Term]:
    """The terms a summary may be written for: those the pairing held in, up to this
    term, newest first."""
    pairing = StudentPairing.get_by_id(pairing_id)
    terms = []
    term = term_of(min(today, pairing.ends_on or today))
    while term.end >= pairing.starts_on:
        terms.append(term)
        term = term.previous()
    return terms


def write_summary(
    pairing_id: int, term: Term, text: str, *, written_on: dt.date, today: dt.date | None = None
) -> None:
    """写学期小结 (or change it): one per pairing per term."""
    today = today or dt.date.today()
    pairing = StudentPairing.get_by_id(pairing_id)
    body = text.strip()
    if not body:
        raise ValidationError("请写学期小结的内容。", field="text")
    problem = too_long("学期小结", body, TEXT_MAX)
    if problem is not None:
        raise ValidationError(problem, field="text")
    if written_on > today:
        raise ValidationError("小结日期晚于今天，请核对。", field="written_on")
    if not rules.overlaps((term.start, term.end), (pairing.starts_on, pairing.ends_on)):
        raise ValidationError(
            f"这个结对不在{term.label}之内（{format_date(pairing.starts_on)}起），不能写这个学期的小结。",
            field="term",
        )
    with user_action("write_pairing_summary", entity="student_pairing") as audit:
        PairingSummary.insert(
            pairing=pairing_id, term_start=term.start, text=body, written_on=written_on
        ).on_conflict(
            conflict_target=[PairingSummary.pairing, PairingSummary.term_start],
            update={PairingSummary.text: body, PairingSummary.written_on: written_on},
        ).execute()
        audit.entity_id = pairing_id
        audit.summary = f"写学期小结：{pairing_label(pairing)}，{term.label}"


def pairings_without_summary(term: Term, *, today: dt.date) -> list[int]:
    """The pairings that held in ``term`` (begun by ``today``) with no 学期小结 for it, by
    member."""
    written = {
        pairing_id
        for (pairing_id,) in records.tuples(
            PairingSummary.select(PairingSummary.pairing).where(
                PairingSummary.term_start == term.start
            )
        )
    }
    return [
        p.id
        for p in StudentPairing.select().order_by(StudentPairing.member, StudentPairing.id)
        if p.id not in written
        and rules.overlaps((term.start, term.end), (p.starts_on, p.ends_on))
        and p.starts_on <= today
    ]


def summary_reminders(today: dt.date) -> list[Any]:
    """首页: from a month before a term ends until a month after, how many of its pairings
    have no 学期小结 yet (never how many helps: no check-ins)."""
    from jianshi_desktop.services.reminders import Action, Reminder  # built on the kinds

    term = rules.summary_term_due(today)
    if term is None:
        return []
    lacking = pairings_without_summary(term, today=today)
    if not lacking:
        return []
    return [
        Reminder(
            "pairing_summary",
            f"{term.label}还有{len(lacking)}个结对帮扶没有写学期小结",
            "每个结对每学期写一份小结：帮扶了什么，学生有什么变化。"
            f"请在{format_date(rules.summary_window(term)[1])}前写好。",
            term.end,
            today > term.end,
            Action(AREA, "show_summaries", {"term_start": term.start.isoformat()}, "去写小结"),
        )
    ]


# --- the help records (a kind of record) ----------------------------------------------------


@dataclass
class PairingHelpForm:
    held_on: dt.date
    pairing_id: int | None = None
    place: str = ""
    content: str = ""
    attachments: list[AttachmentEntry] = field(default_factory=list)


@dataclass(frozen=True)
class PairingHelpRow:
    id: int
    held_on: dt.date
    pairing_id: int
    member: str
    student: str
    code: str
    place: str
    content: str
    photos: int
    state: RecordState
    late_entry: bool
    amended: bool


def new_pairing_help_form(
    *, on: dt.date | None = None, pairing_id: int | None = None
) -> PairingHelpForm:
    """Defaults: today, the pairing chosen on the page (or the only one of the day); the
    places used before are offered by the wizard."""
    day = on or dt.date.today()
    choices = [c for c, _label in pairing_choices(day)]
    if pairing_id not in choices:
        pairing_id = choices[0] if len(choices) == 1 else None
    # the place is left to be chosen: a help is as often at the student's home as at school
    return PairingHelpForm(held_on=day, pairing_id=pairing_id)


def check_pairing_help(form: PairingHelpForm, *, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    problems: list[Problem] = []
    if form.held_on > today:
        problems.append(
            Problem("held_on", "帮扶日期晚于今天。帮扶之后再完成记录；现在可以先存为草稿。")
        )
    pairing = None if form.pairing_id is None else StudentPairing.get_or_none(id=form.pairing_id)
    if form.pairing_id is None:
        problems.append(Problem("pairing_id", "请选择帮扶的是哪一个结对（党员和学生）。"))
    elif pairing is None:
        problems.append(Problem("pairing_id", "所选的结对已不存在，请重新选择。"))
    elif not rules.active_on(pairing.starts_on, pairing.ends_on, form.held_on):
        span = (
            f"{format_date(pairing.starts_on)}起"
            if pairing.ends_on is None
            else f"{format_date(pairing.starts_on)}至{format_date(pairing.ends_on)}"
        )
        problems.append(
            Problem(
                "pairing_id",
                f"这个结对的时间是{span}，{format_date(form.held_on)}不在其中。"
                "请核对帮扶日期，或选择当天的结对。",
            )
        )
    elif not _member_on(pairing.member_id, form.held_on):
        name = _names().get(pairing.member_id, "结对的党员")
        problems.append(
            Problem(
                "pairing_id",
                f"{format_date(form.held_on)}{name}不在本支部的名册上（已转出或离开），"
                "这一天的帮扶不能记入本支部。请核对帮扶日期。",
            )
        )
    problem = too_long("地点", clean(form.place), PLACE_MAX)
    if problem is not None:
        problems.append(Problem("place", problem))
    if not squeeze(form.content):
        problems.append(Problem("content", "请写一写这次帮扶做了什么。"))
    else:
        problem = too_long("帮扶内容", form.content.strip(), TEXT_MAX)
        if problem is not None:
            problems.append(Problem("content", problem))
    return problems


def _member_on(member_id: int, day: dt.date) -> bool:
    facts = history.facts_of(member_id)
    return facts is not None and facts.member_on(day)


def check_pairing_help_for_draft(form: PairingHelpForm) -> None:
    """Even a draft names its pairing (the column)."""
    if form.pairing_id is None:
        raise ValidationError("请先选择结对的党员和学生，再保存草稿。", field="pairing_id")


def write_pairing_help(row: PairingHelp, form: PairingHelpForm) -> None:
    row.held_on = form.held_on
    if form.pairing_id is not None:  # even a draft names one (check_pairing_help_for_draft)
        row.pairing_id = form.pairing_id
    row.place = clean(form.place)
    row.content = form.content.strip()
    row.updated_at = records.now()
    row.save()
    records.replace_attachments({"pairing_help": row}, form.attachments)


def load_pairing_help(help_id: int) -> PairingHelpForm:
    row = PairingHelp.get_by_id(help_id)
    return PairingHelpForm(
        held_on=row.held_on,
        pairing_id=row.pairing_id,
        place=row.place,
        content=row.content,
        attachments=records.attachment_entries(
            Attachment.select().where(Attachment.pairing_help == row)
        ),
    )


def pairing_help_label(form: PairingHelpForm) -> str:
    """「2026年11月5日帮扶记录（王芳—S001）」: the student by code (titles, audit lines)."""
    pairing = None if form.pairing_id is None else StudentPairing.get_or_none(id=form.pairing_id)
    who = f"（{pairing_label(pairing)}）" if pairing is not None else ""
    return f"{format_date(form.held_on)}帮扶记录{who}"


def copied_pairing_help(old: PairingHelpForm, on: dt.date | None) -> PairingHelpForm:
    """复制上次: the same pairing and place, today (no content, no photos)."""
    fresh = new_pairing_help_form(on=on, pairing_id=old.pairing_id)
    return replace(fresh, place=old.place or fresh.place)


def pairing_help_file_name(row: PairingHelp, _groups: Mapping[int, str]) -> str:
    """「2026年11月5日结对帮扶记录」 (services.documents numbers two on one day)."""
    from jianshi_desktop.documents.files import safe_file_name  # when a file is named

    return safe_file_name(f"{format_date(row.held_on)}结对帮扶记录")


def pairing_help_contents_line(_row: PairingHelp, _groups: Mapping[int, str]) -> str:
    return "结对帮扶记录"


def pairing_help_facts() -> list[RecordFact]:
    """The finished helps (they count as the branch's activity; no obligation counts them)."""
    query = PairingHelp.select(PairingHelp.id, PairingHelp.held_on, PairingHelp.late_entry).where(
        PairingHelp.state.in_(records.DONE)
    )
    return [
        RecordFact(id=id_, record=RECORD_TYPE, held_on=held_on, late_entry=bool(late))
        for id_, held_on, late in records.tuples(query)
    ]


def _photo_counts(ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        query = Attachment.select(Attachment.pairing_help).where(
            Attachment.pairing_help.in_(ids[start : start + 500])
        )
        for (help_id,) in records.tuples(query):
            counts[help_id] = counts.get(help_id, 0) + 1
    return counts


def list_pairing_helps(
    *,
    year: int | None = None,
    state: RecordState | None = None,
    late_only: bool = False,
    pairing_id: int | None = None,
) -> list[PairingHelpRow]:
    query = records.within(
        PairingHelp, PairingHelp.select(), year=year, state=state, late_only=late_only
    )
    if pairing_id is not None:
        query = query.where(PairingHelp.pairing == pairing_id)
    helps = list(query.order_by(PairingHelp.held_on.desc(), PairingHelp.id.desc()))
    pairings = {p.id: p for p in StudentPairing.select()}
    names = _names()
    amended = records.amended_ids(RECORD_TYPE)
    photos = _photo_counts([h.id for h in helps])
    rows = []
    for h in helps:
        p = pairings[h.pairing_id]
        rows.append(
            PairingHelpRow(
                id=h.id,
                held_on=h.held_on,
                pairing_id=h.pairing_id,
                member=names.get(p.member_id, ""),
                student=p.student,
                code=p.code,
                place=h.place,
                content=h.content,
                photos=photos.get(h.id, 0),
                state=h.state,
                late_entry=bool(h.late_entry),
                amended=h.id in amended,
            )
        )
    return rows


# --- the package (records.json version 5) -------------------------------------------------


def package_lists(
    period: ReportPeriod, *, include_students: bool
) -> dict[str, list[dict[str, Any]]]:
    """The period's 结对帮扶 as records.json carries it, in place of the kind's own list:
    codes and counts only — no student's name, class, help content or photo — unless the
    secretary chose 「包含学生姓名、帮扶内容和照片」 after its warning."""
    pairings = {p.id: p for p in StudentPairing.select()}
    helps = list(
        PairingHelp.select()
        .where(
            (PairingHelp.held_on >= period.start)
            & (PairingHelp.held_on <= period.end)
            & PairingHelp.state.in_(records.DONE)
        )
        .order_by(PairingHelp.held_on, PairingHelp.id)
    )
    photos = _photo_counts([h.id for h in helps])
    help_list = []
    counts: dict[int, int] = {}
    for h in helps:
        p = pairings[h.pairing_id]
        counts[p.id] = counts.get(p.id, 0) + 1
        item: dict[str, Any] = {
            "id": h.id,
            "held_on": h.held_on.isoformat(),
            "state": h.state.value,
            "late_entry": bool(h.late_entry),
            "code": p.code,
            "member_id": p.member_id,
            "has_photo": photos.get(h.id, 0) > 0,
        }
        if include_students:
            item["student"] = p.student
            item["place"] = h.place
            item["content"] = h.content
            item["attachments"] = [
                {"file_name": a.file_name, "sha256": a.sha256, "size": a.size, "kind": a.kind.value}
                for a in Attachment.select().where(Attachment.pairing_help == h.id)
            ]
        help_list.append(item)
    pairing_list = []
    for p in sorted(pairings.values(), key=lambda p: (p.code, p.id)):
        if not rules.overlaps((period.start, period.end), (p.starts_on, p.ends_on)):
            continue
        entry: dict[str, Any] = {
            "code": p.code,
            "member_id": p.member_id,
            "need": p.need.value,
            "starts_on": p.starts_on.isoformat(),
            "ends_on": p.ends_on.isoformat() if p.ends_on else None,
            "helps": counts.get(p.id, 0),
        }
        if include_students:
            entry["student"] = p.student
            entry["class_name"] = p.class_name
            entry["summaries"] = [
                {"term": s.term.label, "text": s.text, "written_on": s.written_on.isoformat()}
                for s in summaries_of(p.id)
                if rules.overlaps((period.start, period.end), (s.term.start, s.term.end))
            ]
        pairing_list.append(entry)
    return {"pairing_helps": help_list, "student_pairings": pairing_list}
