"""发展党员: each applicant's file through the "525" procedure, read and written here.

The rules are in :mod:`jianshi_desktop.domain.recruitment`, the steps in
``resources/rules/recruitment.json``. Pages, the dashboard, reminders, documents and the
package read files through this module; the meeting wizard asks it who is due for a
decision (:func:`due_for`) and, when a meeting is finished, lets it take the steps the
meeting decided (:func:`apply_decisions`).

Four steps are decisions of a meeting, voted per person (rules.md §4, §7): 确定入党积极分子
and 确定发展对象 in a 支委会, 接收 and 转正 in a 支部大会. Inside the period the branch keeps
its records here they are taken only by finishing that meeting; before it (a file begun
on paper) the secretary enters their day by hand.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from jianshi_desktop.db.models import (
    Attachment,
    Meeting,
    Member,
    MemberEvent,
    Recruitment,
    RecruitmentStep,
    RecruitmentStepPerson,
)
from jianshi_desktop.domain import recruitment as rules_
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    Gender,
    MeetingKind,
    MemberEventKind,
    MemberState,
    MemberStatus,
    RecruitmentRole,
    RecruitmentStage,
    ResolutionKind,
)
from jianshi_desktop.domain.idcard import mask_id_number, normalise_id_number
from jianshi_desktop.domain.meetings import COMMITTEE_PERSON_KINDS, VoteOutcome
from jianshi_desktop.domain.members import MemberFields, validate_member
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.recruitment import (
    ADMISSION_STEP,
    FULL_MEMBERSHIP_STEP,
    FileFacts,
    RecruitmentRules,
    StepRule,
    Window,
)
from jianshi_desktop.domain.text import clean
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.paths import resources_dir
from jianshi_desktop.services import history, records
from jianshi_desktop.services.attachments import AttachmentEntry
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch

if TYPE_CHECKING:
    from jianshi_desktop.services.meetings import MeetingForm, ResolutionEntry

ENTITY = "recruitment"  # audit rows

# the meeting each decision belongs to (rules.md §4): the file's step it takes
DECISION_MEETING: Mapping[ResolutionKind, MeetingKind] = {
    ResolutionKind.ACTIVIST: MeetingKind.COMMITTEE,
    ResolutionKind.CANDIDATE: MeetingKind.COMMITTEE,
    ResolutionKind.ADMISSION: MeetingKind.GENERAL_ASSEMBLY,
    ResolutionKind.FULL_MEMBERSHIP: MeetingKind.GENERAL_ASSEMBLY,
    ResolutionKind.PROBATION_EXTENDED: MeetingKind.GENERAL_ASSEMBLY,
    ResolutionKind.PROBATION_CANCELLED: MeetingKind.GENERAL_ASSEMBLY,
}
FILE_DECISIONS = frozenset(
    {ResolutionKind.ACTIVIST, ResolutionKind.CANDIDATE, ResolutionKind.ADMISSION}
)  # about a file (the person is not a member yet)
MEMBER_DECISIONS = frozenset(
    {
        ResolutionKind.FULL_MEMBERSHIP,
        ResolutionKind.PROBATION_EXTENDED,
        ResolutionKind.PROBATION_CANCELLED,
    }
)  # about a 预备党员


@lru_cache(maxsize=1)
def rules() -> RecruitmentRules:
    """The 25 steps of ``resources/rules/recruitment.json``."""
    path = resources_dir() / "rules" / "recruitment.json"
    return rules_.load_rules(path.read_text(encoding="utf-8"))


# ---- the person ----------------------------------------------------------------------------


@dataclass
class RecruitmentFields:
    """The person a file is about, as the 新建 and 修改 forms edit them."""

    name: str
    id_number: str = ""
    gender: Gender | None = None
    ethnicity: str = ""
    birth_date: dt.date | None = None
    education: str = ""
    position: str = ""  # 工作岗位/职务
    phone: str = ""
    backbone: bool = False  # 教学业务骨干
    notes: str = ""

    def as_member_fields(self) -> MemberFields:
        return MemberFields(
            name=self.name,
            id_number=self.id_number,
            gender=self.gender,
            ethnicity=self.ethnicity,
            birth_date=self.birth_date,
            education=self.education,
            position=self.position,
            phone=self.phone,
            notes=self.notes,
        )


def _normalised(fields: RecruitmentFields) -> RecruitmentFields:
    """The person tidied as a member's fields are (services.members), gender and birth
    date taken from a valid ID number."""
    from jianshi_desktop.services.members import normalise_fields, stored_fields

    tidy = stored_fields(normalise_fields(fields.as_member_fields()))
    return replace(
        fields,
        name=tidy.name,
        id_number=tidy.id_number,
        gender=tidy.gender,
        birth_date=tidy.birth_date,
        ethnicity=tidy.ethnicity,
        education=tidy.education,
        position=tidy.position,
        phone=tidy.phone,
        notes=tidy.notes,
    )


def check_person(
    fields: RecruitmentFields,
    *,
    recruitment_id: int | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """The person's fields, checked like a member's (ID check digit, phone, dates); an ID
    number already on another file, or on a member of the branch, is refused."""
    from jianshi_desktop.services.members import member_with_id_number

    party_dates = {"joined_on", "full_member_on", "status", "party_group"}  # not a member yet
    problems = [
        p
        for p in validate_member(fields.as_member_fields(), today=today)
        if p.field not in party_dates
    ]
    number = normalise_id_number(fields.id_number)
    if number and not any(p.field == "id_number" for p in problems):
        other = Recruitment.select().where(Recruitment.id_number == number)
        if recruitment_id is not None:
            other = other.where(Recruitment.id != recruitment_id)
        taken = other.first()
        if taken is not None:
            problems.append(
                Problem(
                    "id_number",
                    f"身份证号码已登记在“{taken.name}”的发展党员档案中，同一个人不能建两份档案。",
                )
            )
        else:
            member = member_with_id_number(number)
            linked = recruitment_id is not None and (
                Recruitment.get_by_id(recruitment_id).member_id == getattr(member, "id", None)
            )
            # a 预备党员 already on the roster may get the file kept on paper until now: its
            # 接收 step, entered by hand, is linked to them (record_step)
            paper = (
                member is not None
                and member.status is MemberStatus.PROBATIONARY
                and not Recruitment.select().where(Recruitment.member == member).exists()
            )
            if member is not None and not linked and not paper:
                problems.append(
                    Problem(
                        "id_number",
                        f"身份证号码已登记在党员“{member.name}”名下：已经是党员的，不用再建发展党员档案。",
                    )
                )
    return problems


def _write_person(row: Recruitment, fields: RecruitmentFields) -> None:
    row.name = fields.name
    row.id_number = fields.id_number or None
    row.gender = fields.gender
    row.ethnicity = fields.ethnicity
    row.birth_date = fields.birth_date
    row.education = fields.education
    row.position = fields.position
    row.phone = fields.phone
    row.backbone = fields.backbone
    row.notes = fields.notes
    row.updated_at = records.now()
    row.save()


def person_fields(recruitment_id: int) -> RecruitmentFields:
    row = Recruitment.get_by_id(recruitment_id)
    return RecruitmentFields(
        name=row.name,
        id_number=row.id_number or "",
        gender=row.gender,
        ethnicity=row.ethnicity,
        birth_date=row.birth_date,
        education=row.education,
        position=row.position,
        phone=row.phone,
        backbone=bool(row.backbone),
        notes=row.notes,
    )


# ---- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepPerson:
    member_id: int
    name: str
    role: RecruitmentRole


@dataclass(frozen=True)
class StepRecord:
    """One step as recorded on a file."""

    id: int
    no: int
    name: str
    done_on: dt.date
    note: str
    meeting_id: int | None
    training_days: int | None
    training_hours: int | None
    people: tuple[StepPerson, ...]
    attachments: int
    meeting_kind: MeetingKind | None = None  # the meeting that took it: 支委会, 支部党员大会

    @property
    def people_text(self) -> str:
        """「培养联系人：王芳、李强」."""
        if not self.people:
            return ""
        role = self.people[0].role.label
        return f"{role}：{'、'.join(p.name for p in self.people)}"


@dataclass(frozen=True)
class RecruitmentRow:
    """One line of the 发展党员 list."""

    id: int
    name: str
    gender: Gender | None
    birth_date: dt.date | None
    position: str
    backbone: bool
    stage: RecruitmentStage
    stage_since: dt.date | None  # the day the person reached the stage
    applied_on: dt.date | None
    next_step: Window | None  # the first of the steps that come next
    overdue: bool  # a step is past the latest day the rules allow
    member_id: int | None
    stopped_on: dt.date | None
    as_of: dt.date  # the day the row was read for ("…起" only for a day still to come)

    @property
    def next_text(self) -> str:
        """「第6步 培养教育考察，2027年3月1日前」 — what comes next, for the list."""
        spot = self.next_step
        if self.stopped_on is not None:
            return f"{format_date(self.stopped_on)}终止培养"
        if spot is None:
            return "已完成全部步骤" if self.stage is RecruitmentStage.FULL else ""
        title = rules().step(spot.no).title
        if spot.latest is not None:
            return f"{title}，{format_date(spot.latest)}前"
        if spot.earliest is not None and spot.earliest > self.as_of:
            return f"{title}，{format_date(spot.earliest)}起"
        return title


@dataclass(frozen=True)
class RecruitmentFile:
    """One person's whole file: the person, the steps with their people, what comes next."""

    row: RecruitmentRow
    fields: RecruitmentFields
    id_number_masked: str
    steps: tuple[StepRecord, ...]
    facts: FileFacts
    next_steps: tuple[Window, ...]
    stop_reason: str

    def steps_of(self, no: int) -> list[StepRecord]:
        return [s for s in self.steps if s.no == no]

    def people(self, role: RecruitmentRole) -> list[StepPerson]:
        """The people named in that role, latest step first (培养联系人 may be changed)."""
        for step in reversed(self.steps):
            found = [p for p in step.people if p.role is role]
            if found:
                return found
        return []


def _extensions(member_id: int | None = None, *, by: dt.date | None = None) -> dict[int, dt.date]:
    """services.members.probation_extensions (imported here: members imports this module)."""
    from jianshi_desktop.services.members import probation_extensions

    return probation_extensions(member_id, by=by)


def _facts(
    row: Recruitment,
    steps: Iterable[tuple[int, dt.date]],
    extended: Mapping[int, dt.date],
    *,
    as_of: dt.date | None = None,
) -> FileFacts:
    stopped = row.stopped_on
    if as_of is not None and stopped is not None and stopped > as_of:
        stopped = None  # still on its way on that day
    return FileFacts.of(
        steps,
        birth_date=row.birth_date,
        extended_to=extended.get(row.member_id) if row.member_id else None,
        stopped_on=stopped,
    )


def _row(row: Recruitment, facts: FileFacts, today: dt.date) -> RecruitmentRow:
    stage = facts.stage_on(dt.date.max) or RecruitmentStage.APPLICANT
    since = {
        RecruitmentStage.APPLICANT: 1,
        RecruitmentStage.ACTIVIST: rules_.ACTIVIST_STEP,
        RecruitmentStage.CANDIDATE: rules_.CANDIDATE_STEP,
        RecruitmentStage.PROBATIONARY: ADMISSION_STEP,
        RecruitmentStage.FULL: FULL_MEMBERSHIP_STEP,
    }[stage]
    coming = rules_.next_steps(rules(), facts)
    return RecruitmentRow(
        id=row.id,
        name=row.name,
        gender=row.gender,
        birth_date=row.birth_date,
        position=row.position,
        backbone=bool(row.backbone),
        stage=stage,
        stage_since=facts.first(since),
        applied_on=facts.first(1),
        next_step=coming[0] if coming else None,
        overdue=bool(rules_.overdue(coming, today)),
        member_id=row.member_id,
        stopped_on=facts.stopped_on,
        as_of=today,
    )


def _all_steps() -> dict[int, list[tuple[int, dt.date]]]:
    found: dict[int, list[tuple[int, dt.date]]] = {}
    query = RecruitmentStep.select(
        RecruitmentStep.recruitment, RecruitmentStep.step, RecruitmentStep.done_on
    )
    for recruitment_id, no, day in records.tuples(query):
        found.setdefault(recruitment_id, []).append((no, day))
    return found


def all_facts() -> list[tuple[Recruitment, FileFacts]]:
    """Every file with its facts (three queries), in the order they were opened."""
    files = list(Recruitment.select().order_by(Recruitment.id))
    steps = _all_steps()
    extended = _extensions() if any(r.member_id for r in files) else {}
    return [(r, _facts(r, steps.get(r.id, ()), extended)) for r in files]


def list_recruitments(
    *, include_closed: bool = False, today: dt.date | None = None
) -> list[RecruitmentRow]:
    """The files, the people still on their way first: without ``include_closed`` a file
    stopped or finished (材料归档 done) is left out."""
    today = today or dt.date.today()
    rows = [_row(r, facts, today) for r, facts in all_facts()]
    if not include_closed:
        rows = [r for r in rows if r.stopped_on is None and not _finished(r)]
    order = list(RecruitmentStage)
    return sorted(rows, key=lambda r: (order.index(r.stage), r.stage_since or dt.date.min, r.id))


def _finished(row: RecruitmentRow) -> bool:
    return row.stage is RecruitmentStage.FULL and row.next_step is None


@dataclass(frozen=True)
class StageCount:
    stage: RecruitmentStage
    count: int
    backbone: int  # of them 教学业务骨干


def pipeline(on: dt.date | None = None) -> list[StageCount]:
    """How many people stood at each stage on ``on`` (申请人, 积极分子, 发展对象, 预备党员),
    and how many of them are 教学业务骨干 — by the files' dates, as of that day."""
    on = on or dt.date.today()
    counts = {s: [0, 0] for s in list(RecruitmentStage)[:4]}
    for row, facts in all_facts():
        if row.stopped_on is not None and row.stopped_on <= on:
            continue
        stage = facts.stage_on(on)
        if stage in counts:
            counts[stage][0] += 1
            counts[stage][1] += int(bool(row.backbone))
    return [StageCount(s, n, b) for s, (n, b) in counts.items()]


def load_file(
    recruitment_id: int, *, today: dt.date | None = None, as_of: dt.date | None = None
) -> RecruitmentFile:
    """One person's file; with ``as_of``, as it stood at the end of that day (a package's
    period): the steps done by then, a stop or 延长预备期 decided by then."""
    today = today or dt.date.today()
    row = Recruitment.get_by_id(recruitment_id)
    query_steps = RecruitmentStep.select().where(RecruitmentStep.recruitment == row)
    if as_of is not None:
        query_steps = query_steps.where(RecruitmentStep.done_on <= as_of)
    step_rows = list(
        query_steps.order_by(RecruitmentStep.done_on, RecruitmentStep.step, RecruitmentStep.id)
    )
    ids = [s.id for s in step_rows]
    people: dict[int, list[StepPerson]] = {}
    query = (
        RecruitmentStepPerson.select(
            RecruitmentStepPerson.step,
            RecruitmentStepPerson.member,
            Member.name,
            RecruitmentStepPerson.role,
        )
        .join(Member)
        .where(RecruitmentStepPerson.step.in_(ids))
        .order_by(RecruitmentStepPerson.id)
    )
    for step_id, member_id, name, role in records.tuples(query):
        people.setdefault(step_id, []).append(StepPerson(member_id, name, role))
    counts: dict[int, int] = {}
    for (step_id,) in records.tuples(
        Attachment.select(Attachment.recruitment_step).where(Attachment.recruitment_step.in_(ids))
    ):
        counts[step_id] = counts.get(step_id, 0) + 1
    facts = _facts(
        row,
        [(s.step, s.done_on) for s in step_rows],
        _extensions(row.member_id, by=as_of) if row.member_id else {},
        as_of=as_of,
    )
    meeting_ids = [s.meeting_id for s in step_rows if s.meeting_id is not None]
    kinds = dict(
        records.tuples(Meeting.select(Meeting.id, Meeting.kind).where(Meeting.id.in_(meeting_ids)))
    )
    steps = tuple(
        StepRecord(
            meeting_kind=kinds.get(s.meeting_id),
            id=s.id,
            no=s.step,
            name=rules().step(s.step).name,
            done_on=s.done_on,
            note=s.note,
            meeting_id=s.meeting_id,
            training_days=s.training_days,
            training_hours=s.training_hours,
            people=tuple(people.get(s.id, ())),
            attachments=counts.get(s.id, 0),
        )
        for s in step_rows
    )
    return RecruitmentFile(
        row=_row(row, facts, today),
        fields=person_fields(recruitment_id),
        id_number_masked=mask_id_number(row.id_number or ""),
        steps=steps,
        facts=facts,
        next_steps=tuple(rules_.next_steps(rules(), facts)),
        stop_reason=row.stop_reason if facts.stopped_on is not None else "",
    )


def file_of_member(member_id: int) -> int | None:
    """The 发展党员 file that made this member, if it was kept here."""
    row = Recruitment.select(Recruitment.id).where(Recruitment.member == member_id).first()
    return None if row is None else int(row.id)


def step_attachments(step_id: int) -> list[AttachmentEntry]:
    """The documents attached to one recorded step (for correcting it)."""
    return records.attachment_entries(
        Attachment.select().where(Attachment.recruitment_step == step_id)
    )


# ---- writing -------------------------------------------------------------------------------


@dataclass
class StepForm:
    """One step as the 记录此步 dialog edits it."""

    no: int
    done_on: dt.date
    note: str = ""
    people: list[int] = field(default_factory=list)  # member ids, in the step's role
    training_days: int | None = None
    training_hours: int | None = None
    attachments: list[AttachmentEntry] = field(default_factory=list)


def meetings_recorded_from() -> dt.date:
    """The first day the branch keeps its meetings here: a step a meeting decides on or
    after it is taken only by finishing that meeting; one before it is typed by hand."""
    branch = current_branch()
    return max(branch.founded_on, branch.records_from or branch.founded_on)


def _meeting_only(rule: StepRule, on: dt.date) -> Problem | None:
    """A step a meeting decides is taken by finishing that meeting while the branch keeps
    its records here; only a day before that (a file begun on paper) is typed by hand."""
    if rule.decided_by is None:
        return None
    start = meetings_recorded_from()
    if on < start:
        return None
    meeting = DECISION_MEETING[rule.decided_by].label
    return Problem(
        "done_on",
        f"{rule.title}由{meeting}表决决定：请在{meeting}记录的决议中选择“{rule.decided_by.label}”"
        f"和此人，会议完成后这一步自动记入档案。（本支部从{format_date(start)}起在本程序记录会议，"
        "此前的可以直接登记。）",
    )


def check_step(
    recruitment_id: int,
    form: StepForm,
    *,
    step_id: int | None = None,
    today: dt.date | None = None,
    by_meeting: bool = False,
) -> list[Problem]:
    """Whether ``form`` may be recorded on the file: the "525" rules on its day
    (domain.recruitment), the people it names as they stood that day, the training's
    length, and — for a step a meeting decides — that it comes from the meeting."""
    today = today or dt.date.today()
    the_rules = rules()
    rule = the_rules.step(form.no)
    row = Recruitment.get_by_id(recruitment_id)
    facts = _facts(
        row,
        [
            (no, day)
            for id_, no, day in records.tuples(
                RecruitmentStep.select(
                    RecruitmentStep.id, RecruitmentStep.step, RecruitmentStep.done_on
                ).where(RecruitmentStep.recruitment == row)
            )
            if id_ != step_id
        ],
        _extensions(row.member_id) if row.member_id else {},
    )
    problems = rules_.step_problems(the_rules, facts, form.no, form.done_on, today=today)
    if not by_meeting:
        problem = _meeting_only(rule, form.done_on)
        if problem is not None:
            problems.append(problem)
    if rule.people is not None:
        problem = rules_.people_problem(rule, len(set(form.people)))
        if problem is not None:
            problems.append(problem)
        problems.extend(_people_on_day(rule, form.people, form.done_on))
    if rule.training:
        problem = rules_.training_problem(the_rules, form.training_days, form.training_hours)
        if problem is not None:
            problems.append(problem)
    return problems


def _people_on_day(rule: StepRule, member_ids: list[int], on: dt.date) -> list[Problem]:
    """培养联系人 and 入党介绍人 are 正式党员 of the branch on the step's day (rules.md §7)."""
    problems: list[Problem] = []
    for member_id in dict.fromkeys(member_ids):
        facts = history.facts_of(member_id)
        if facts is None:
            continue
        status = facts.status_on(on)
        if status is None:
            problems.append(
                Problem("people", f"{format_date(on)}时{facts.name}不是本支部党员，请核对。")
            )
        elif rule.people and rule.people.full_members and status is not MemberStatus.FULL:
            problems.append(
                Problem(
                    "people",
                    f"{rule.people.role.label}应是正式党员，{format_date(on)}时{facts.name}"
                    f"还是{status.label}，请另选。",
                )
            )
    return problems


def _write_step(row: RecruitmentStep, form: StepForm, meeting: Meeting | None = None) -> None:
    rule = rules().step(form.no)
    row.step = form.no
    row.done_on = form.done_on
    row.note = clean(form.note)
    if meeting is not None:
        row.meeting = meeting
    row.training_days = form.training_days if rule.training else None
    row.training_hours = form.training_hours if rule.training else None
    row.save()
    RecruitmentStepPerson.delete().where(RecruitmentStepPerson.step == row).execute()
    if rule.people is not None:
        for member_id in dict.fromkeys(form.people):
            RecruitmentStepPerson.create(step=row, member=member_id, role=rule.people.role)
    records.replace_attachments({"recruitment_step": row}, form.attachments)


def new_recruitment(
    fields: RecruitmentFields,
    *,
    applied_on: dt.date,
    today: dt.date | None = None,
    attachments: list[AttachmentEntry] | None = None,
) -> int:
    """Open a file with its first step, 递交入党申请书 on ``applied_on``."""
    today = today or dt.date.today()
    fields = _normalised(fields)
    problems = check_person(fields, today=today)
    facts = FileFacts.of((), birth_date=fields.birth_date)
    problems.extend(rules_.step_problems(rules(), facts, 1, applied_on, today=today))
    records.raise_first_error(problems)
    with user_action("new_recruitment", entity=ENTITY) as audit:
        row = Recruitment(branch=current_branch())
        _write_person(row, fields)
        step = RecruitmentStep(recruitment=row)
        _write_step(step, StepForm(no=1, done_on=applied_on, attachments=attachments or []))
        audit.entity_id = row.id
        audit.summary = f"建立“{row.name}”的发展党员档案（{format_date(applied_on)}递交入党申请书）"
    return int(row.id)


def update_person(
    recruitment_id: int, fields: RecruitmentFields, *, today: dt.date | None = None
) -> None:
    fields = _normalised(fields)
    records.raise_first_error(check_person(fields, recruitment_id=recruitment_id, today=today))
    with user_action("update_recruitment", entity=ENTITY) as audit:
        row = Recruitment.get_by_id(recruitment_id)
        _write_person(row, fields)
        audit.entity_id = row.id
        audit.summary = f"修改“{row.name}”的发展党员档案"


def record_step(recruitment_id: int, form: StepForm, *, today: dt.date | None = None) -> int:
    """Record a step taken (a step the rules do not allow yet is refused, naming the
    rule); returns the step's id."""
    records.raise_first_error(check_step(recruitment_id, form, today=today))
    if form.no == ADMISSION_STEP:
        records.raise_first_error(_admission_problems(recruitment_id, form.done_on, today))
    with user_action("record_recruitment_step", entity=ENTITY) as audit:
        row = Recruitment.get_by_id(recruitment_id)
        step = RecruitmentStep(recruitment=row)
        _write_step(step, form)
        if form.no == ADMISSION_STEP and row.member_id is None:
            row.member_id = _admitted_member(row, form.done_on, today)
            row.save()
        member = row.member
        if (
            form.no == FULL_MEMBERSHIP_STEP
            and member is not None
            and member.status is MemberStatus.PROBATIONARY
        ):  # 转正 typed by hand, on paper
            from jianshi_desktop.services.members import make_full_member

            make_full_member(member.id, on=form.done_on, note=form.note, today=today)
        audit.entity_id = row.id
        audit.summary = f"“{row.name}”：{format_date(form.done_on)}{rules().step(form.no).title}"
    return int(step.id)


def _roster_member(row: Recruitment, on: dt.date) -> Member | None:
    """The 预备党员 on the roster a file kept on paper became: by ID number, else by name
    and 入党时间 (none when another file has them)."""
    from jianshi_desktop.services.members import member_with_id_number

    found = member_with_id_number(row.id_number) if row.id_number else None
    if found is None:
        found = (
            Member.select()
            .where((Member.name == row.name) & (Member.joined_on == on))
            .order_by(Member.id)
            .first()
        )
    if found is None or Recruitment.select().where(Recruitment.member == found).exists():
        return None
    return found


def _admission_problems(recruitment_id: int, on: dt.date, today: dt.date | None) -> list[Problem]:
    """接收 typed by hand (a file begun on paper): the person is the 预备党员 from that day
    — the one on the roster, whose 入党时间 must be that day, or a new member."""
    from jianshi_desktop.services.members import check_member

    row = Recruitment.get_by_id(recruitment_id)
    if row.member_id is not None:
        return []
    member = _roster_member(row, on)
    if member is None:
        return [
            p for p in check_member(admitted_member_fields(row.id, on), today=today) if p.is_error
        ]
    if member.joined_on != on:
        return [
            Problem(
                "done_on",
                f"党员名册中{member.name}的入党时间是{format_date(member.joined_on)}，"
                "支部大会接收的日期应与它一致，请核对。",
            )
        ]
    return []


def _admitted_member(row: Recruitment, on: dt.date, today: dt.date | None) -> int:
    from jianshi_desktop.services.members import add_member

    member = _roster_member(row, on)
    if member is not None:
        return int(member.id)
    return add_member(
        admitted_member_fields(row.id, on),
        today=max(on, today or dt.date.today()),
        note=f"{format_date(on)}支部党员大会接收为预备党员",
    )


def update_step(step_id: int, form: StepForm, *, today: dt.date | None = None) -> None:
    """Correct a recorded step (its day, people, note, documents); a step a meeting took
    keeps the meeting's day, and so does the 接收 that made a member (their 入党时间)."""
    step = RecruitmentStep.get_by_id(step_id)
    if step.meeting_id is not None and form.done_on != step.done_on:
        raise ValidationError(
            "这一步由会议决定，日期就是会议日期；如会议日期有误，请更正会议记录。"
        )
    member = step.recruitment.member
    if step.step == ADMISSION_STEP and member is not None and form.done_on != member.joined_on:
        raise ValidationError(
            f"接收的日期就是党员名册中{member.name}的入党时间（{format_date(member.joined_on)}）；"
            "如接收日期有误，请先在党员页面改正入党时间。"
        )
    form = replace(form, no=step.step)
    problems = check_step(
        step.recruitment_id,
        form,
        step_id=step_id,
        today=today,
        by_meeting=step.meeting_id is not None or form.done_on == step.done_on,
    )
    records.raise_first_error(problems)
    with user_action("update_recruitment_step", entity=ENTITY) as audit:
        _write_step(step, form)
        audit.entity_id = step.recruitment_id
        audit.summary = f"修改“{step.recruitment.name}”的{rules().step(step.step).title}"


def delete_step(step_id: int) -> None:
    """Remove a step entered by mistake: not one a meeting took, not the application,
    and not one a later step was recorded after."""
    step = RecruitmentStep.get_by_id(step_id)
    title = rules().step(step.step).title
    if step.meeting_id is not None:
        raise ValidationError(f"{title}由会议决定，不能在这里删除；请更正会议记录。")
    if step.step == ADMISSION_STEP and step.recruitment.member_id is not None:
        raise ValidationError(
            f"{title}已使{step.recruitment.name}成为预备党员，不能删除；如有错误，请在党员页面处理。"
        )
    if step.step == 1:
        raise ValidationError(
            "入党申请是档案的第一步，不能删除；如建错了档案，请终止培养并写明原因。"
        )
    others = RecruitmentStep.select(RecruitmentStep.step).where(
        (RecruitmentStep.recruitment == step.recruitment_id) & (RecruitmentStep.id != step.id)
    )
    later = [
        n
        for (n,) in records.tuples(others)
        if any(g.after == step.step for g in rules().step(n).gaps)
        and not (rules().step(step.step).repeats and _has_another(step))
    ]
    if later:
        raise ValidationError(f"{rules().step(later[0]).title}已在这一步之后记录，请先删除它。")
    with user_action("delete_recruitment_step", entity=ENTITY) as audit:
        audit.entity_id = step.recruitment_id
        audit.summary = f"删除“{step.recruitment.name}”的{title}"
        step.delete_instance(recursive=True)


def _has_another(step: RecruitmentStep) -> bool:
    return (
        RecruitmentStep.select()
        .where(
            (RecruitmentStep.recruitment == step.recruitment_id)
            & (RecruitmentStep.step == step.step)
            & (RecruitmentStep.id != step.id)
        )
        .exists()
    )


def stop_recruitment(
    recruitment_id: int, *, on: dt.date, reason: str, today: dt.date | None = None
) -> None:
    """终止培养 (本人撤回申请, 调离, 不再具备条件 …): the file is kept, closed on ``on``."""
    today = today or dt.date.today()
    row = Recruitment.get_by_id(recruitment_id)
    if not clean(reason):
        raise ValidationError("请写明终止培养的原因。", field="reason")
    if on > today:
        raise ValidationError(f"{format_date(on)}晚于今天，请核对。", field="stopped_on")
    if row.member_id is not None:
        raise ValidationError(
            f"“{row.name}”已被接收为预备党员：延长预备期或取消预备党员资格由支部大会决定。"
        )
    last = (
        RecruitmentStep.select(RecruitmentStep.done_on)
        .where(RecruitmentStep.recruitment == row)
        .order_by(RecruitmentStep.done_on.desc())
        .scalar()
    )
    if last is not None and on < last:
        raise ValidationError(
            f"档案中最后一步记录在{format_date(last)}，终止日期不能早于它。", field="stopped_on"
        )
    with user_action("stop_recruitment", entity=ENTITY) as audit:
        row.stopped_on = on
        row.stop_reason = clean(reason)
        row.updated_at = records.now()
        row.save()
        audit.entity_id = row.id
        audit.summary = f"终止培养“{row.name}”：{row.stop_reason}"


def resume_recruitment(recruitment_id: int) -> None:
    """A file stopped by mistake is opened again (not one closed because the 预备党员 it
    made left the branch: that is the member's history, changed on the 党员 page)."""
    row = Recruitment.get_by_id(recruitment_id)
    member = row.member
    if member is not None and member.state is not MemberState.ACTIVE:
        gone = member.state.label.removeprefix("已")
        raise ValidationError(f"“{row.name}”已{gone}，档案随之终止，不能在这里恢复。")
    with user_action("resume_recruitment", entity=ENTITY) as audit:
        row.stopped_on = None
        row.stop_reason = ""
        row.save()
        audit.entity_id = row.id
        audit.summary = f"恢复培养“{row.name}”"


# ---- what the member's changes mean for their file -------------------------------------------


def member_became_full(member_id: int, on: dt.date, note: str = "") -> None:
    """转正 of a member who came through a file here (services.members.make_full_member):
    the file's step 23 is taken that day, by a meeting (which then marks it its own) or
    on the 党员 page."""
    file_id = file_of_member(member_id)
    if file_id is None or _applied_step(file_id, FULL_MEMBERSHIP_STEP) is not None:
        return
    step = RecruitmentStep(recruitment=file_id)
    _write_step(step, StepForm(no=FULL_MEMBERSHIP_STEP, done_on=on, note=note or "转为正式党员"))


def member_left(member_id: int, on: dt.date, why: str) -> None:
    """A 预备党员 who came through a file leaves the branch before 转正 (取消预备党员资格,
    转出, 去世 …): the file closes that day with the reason, so that it no longer counts,
    reminds or waits for steps."""
    row = Recruitment.get_or_none(Recruitment.member == member_id)
    if row is None or row.stopped_on is not None or _applied_step(row.id, FULL_MEMBERSHIP_STEP):
        return
    row.stopped_on = on
    row.stop_reason = why
    row.updated_at = records.now()
    row.save()


# ---- decisions in meetings -----------------------------------------------------------------


@dataclass(frozen=True)
class Subject:
    """Someone a meeting of that day may decide about, with the resolution's usual words."""

    kind: ResolutionKind
    name: str
    recruitment_id: int | None
    member_id: int | None
    text: str
    backbone: bool = False


_TEXTS = {
    ResolutionKind.ACTIVIST: "同意确定{}为入党积极分子",
    ResolutionKind.CANDIDATE: "同意将入党积极分子{}列为发展对象",
    ResolutionKind.ADMISSION: "同意接收{}为中共预备党员",
    ResolutionKind.FULL_MEMBERSHIP: "同意预备党员{}按期转为中共正式党员",
    ResolutionKind.PROBATION_EXTENDED: "同意延长预备党员{}的预备期",
    ResolutionKind.PROBATION_CANCELLED: "取消{}的预备党员资格",
}


def decision_meetings(kind: ResolutionKind) -> frozenset[MeetingKind]:
    """The meetings that may take a per-person decision of ``kind`` (rules.md §4): 确定入党
    积极分子 and 确定发展对象 by the 支委会 — or by the 支部党员大会 in a branch that has
    no committee (发展党员工作细则 2014: 不设支部委员会的由支部大会); the rest by the
    支部党员大会."""
    wanted = DECISION_MEETING.get(kind)
    if wanted is None:
        return frozenset()
    if kind in COMMITTEE_PERSON_KINDS and not current_branch().has_committee:
        return frozenset({wanted, MeetingKind.GENERAL_ASSEMBLY})
    return frozenset({wanted})


def usual_meeting(kind: ResolutionKind) -> MeetingKind:
    """The meeting a new record of a decision of ``kind`` is: the 支委会 (the 支部党员大会
    in a branch without a committee) for 3 and 7, the 支部党员大会 for the rest."""
    allowed = decision_meetings(kind)
    if MeetingKind.GENERAL_ASSEMBLY in allowed:
        return MeetingKind.GENERAL_ASSEMBLY
    return DECISION_MEETING[kind]


def due_for(kind: ResolutionKind, on: dt.date, *, today: dt.date | None = None) -> list[Subject]:
    """The people a meeting on ``on`` may decide about with a resolution of ``kind``: the
    files whose step the rules allow that day, or the 预备党员 of that day (for 转正, those
    whose 预备期 has ended by then and who were not made full on another day)."""
    today = today or dt.date.today()
    if kind in FILE_DECISIONS:
        rule = rules().decided_by(kind)
        assert rule is not None
        found = []
        for row, facts in all_facts():
            if facts.stopped_on is not None and facts.stopped_on < on:
                continue
            problems = rules_.step_problems(rules(), facts, rule.no, on, today=max(today, on))
            if not any(p.is_error for p in problems):
                found.append(
                    Subject(
                        kind,
                        row.name,
                        row.id,
                        None,
                        _TEXTS[kind].format(row.name),
                        bool(row.backbone),
                    )
                )
        return found
    if kind in MEMBER_DECISIONS:
        people = history.member_facts()
        extended = _extensions()
        found = []
        for member in people:
            if member.status_on(on) is not MemberStatus.PROBATIONARY or member.joined_on is None:
                continue
            if member.full_member_on is not None and member.full_member_on != on:
                continue  # made full on another day: nothing to decide here
            end = rules_.probation_end(member.joined_on, extended.get(member.id))
            if kind is ResolutionKind.FULL_MEMBERSHIP and on < end:
                continue
            found.append(
                Subject(kind, member.name, None, member.id, _TEXTS[kind].format(member.name))
            )
        return found
    return []


def _subject_name(entry: ResolutionEntry) -> str:
    if entry.recruitment_id is not None:
        row = Recruitment.get_or_none(Recruitment.id == entry.recruitment_id)
        return row.name if row else ""
    if entry.member_id is not None:
        member = Member.get_or_none(Member.id == entry.member_id)
        return member.name if member else ""
    return ""


def _meeting_words(meeting: Meeting | None, day: dt.date) -> str:
    """「2026年3月5日支委会决定」, or 「2026年3月5日登记」 for a step typed by hand."""
    if meeting is None:
        return f"{format_date(day)}登记"
    return f"{format_date(meeting.held_on)}{meeting.kind.label}决定"


def _moved_words(meeting: Meeting | None, form: MeetingForm) -> str:
    """The end of the refusal: a meeting of the same kind may be this one, its day moved."""
    if meeting is not None and meeting.kind is form.kind:
        return "（如果就是这次会议，会议日期不能再改动）。"
    return "。"


def _same_meeting(meeting: Meeting | None, form: MeetingForm) -> bool:
    """Whether a decision was taken by this meeting being finished again: a meeting of the
    same kind on the same day (a check has the form, not the record's id)."""
    return meeting is not None and meeting.held_on == form.held_on and meeting.kind is form.kind


def _own_event(member_id: int, kind: ResolutionKind, form: MeetingForm) -> MemberEvent | None:
    """The change this meeting already took for the member, when it is finished again."""
    for event in (
        MemberEvent.select()
        .where((MemberEvent.member == member_id) & (MemberEvent.kind == _EVENT_OF[kind]))
        .order_by(MemberEvent.id.desc())
    ):
        if _same_meeting(event.decided_in, form):
            return event
    return None


def decision_problems(form: MeetingForm, *, today: dt.date | None = None) -> list[Problem]:
    """What is wrong with the meeting's per-person decisions: the right meeting for each,
    the person named, no one decided twice, a decision not taken already elsewhere, and —
    for a decision that passed — the step allowed on the meeting's day (the "525" rules;
    转正 not before the 预备期 ends, with the file's steps before it)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    seen: set[tuple[ResolutionKind, int | None, int | None]] = set()
    for index, entry in enumerate(form.resolutions, start=1):
        kind = entry.kind
        if kind not in DECISION_MEETING:
            continue
        where = f"第{index}项决议（{kind.label}）"
        subject = entry.recruitment_id if kind in FILE_DECISIONS else entry.member_id
        allowed = decision_meetings(kind)
        if form.kind not in allowed:
            wanted = "或".join(k.label for k in sorted(allowed))
            problems.append(
                Problem(
                    "resolutions",
                    f"{where}应由{wanted}表决，不是{form.kind.label}。"
                    + ("" if subject is not None else "决议只记入会议记录。"),
                    # an older record without a person keeps opening and finishing
                    severity="error" if subject is not None else "warning",
                )
            )
            continue
        if subject is None:
            problems.append(_no_subject_problem(kind, where))
            continue
        key = (kind, entry.recruitment_id, entry.member_id)
        name = _subject_name(entry)
        if key in seen:
            problems.append(Problem("resolutions", f"{where}：{name}已在前面的决议中表决过。"))
            continue
        seen.add(key)
        result = form.vote(entry)
        if result is None or result.outcome is not VoteOutcome.PASSED:
            continue
        if kind in FILE_DECISIONS:
            found = _file_decision_problems(form, entry, today)
        else:
            found = _member_decision_problems(form, entry, today)
        problems.extend(
            replace(p, field="resolutions", message=f"{where}：{name}：{p.message}") for p in found
        )
    return problems


def _no_subject_problem(kind: ResolutionKind, where: str) -> Problem:
    if kind in COMMITTEE_PERSON_KINDS:
        return Problem("resolutions", f"{where}：请在“表决对象”中选择这项决议是关于谁的。")
    if kind is ResolutionKind.ADMISSION:  # a file kept on paper, an older record
        return Problem(
            "resolutions",
            f"{where}没有选择发展党员档案：决议只记入会议记录，不会登记新党员。",
            severity="warning",
        )
    return Problem(
        "resolutions",
        f"{where}没有选择党员：决议只记入会议记录，不会改变党员名册。",
        severity="warning",
    )


def _file_decision_problems(
    form: MeetingForm, entry: ResolutionEntry, today: dt.date
) -> list[Problem]:

    rule = rules().decided_by(entry.kind)
    assert rule is not None and entry.recruitment_id is not None
    row = Recruitment.get_or_none(Recruitment.id == entry.recruitment_id)
    if row is None:
        return []
    taken = _applied_step(row.id, rule.no)
    if taken is not None:
        if _same_meeting(taken.meeting, form):
            return []  # this meeting, finished again
        return [
            Problem(
                "resolutions",
                f"{rule.title}已于{_meeting_words(taken.meeting, taken.done_on)}，不能再次表决"
                + _moved_words(taken.meeting, form),
            )
        ]
    found = check_step(
        row.id, StepForm(no=rule.no, done_on=form.held_on), today=today, by_meeting=True
    )
    if entry.kind is ResolutionKind.ADMISSION:
        found.extend(_admission_problems(row.id, form.held_on, today))
    return found


def _member_decision_problems(
    form: MeetingForm, entry: ResolutionEntry, today: dt.date
) -> list[Problem]:
    from jianshi_desktop.domain.members import extension_problem, full_member_date_problem

    kind = entry.kind
    assert entry.member_id is not None
    member = Member.get_or_none(Member.id == entry.member_id)
    if member is None:
        return []
    own = _own_event(member.id, kind, form)
    if own is not None:  # this meeting, finished again
        if kind is ResolutionKind.PROBATION_EXTENDED and entry.extended_to != own.ends_on:
            return [
                Problem(
                    "resolutions",
                    f"这次会议已决定把预备期延长至{format_date(own.ends_on)}，不能再改动；"
                    "如确有错误，请在党员页面处理。",
                )
            ]
        return []
    if kind is not ResolutionKind.PROBATION_EXTENDED:
        earlier = _applied_member_event(member.id, kind)
        if earlier is not None:
            return [
                Problem(
                    "resolutions",
                    f"已于{_meeting_words(earlier.decided_in, earlier.occurred_on)}"
                    f"{kind.label}，不能再次表决" + _moved_words(earlier.decided_in, form),
                )
            ]
    facts = history.facts_of(member.id)
    if facts is None or facts.status_on(form.held_on) is not MemberStatus.PROBATIONARY:
        return [Problem("resolutions", f"{format_date(form.held_on)}时不是预备党员，请核对。")]
    extended = _extensions(member.id, by=form.held_on).get(member.id)
    if kind is ResolutionKind.FULL_MEMBERSHIP:
        problem = full_member_date_problem(
            member.joined_on, form.held_on, today=today, extended_to=extended
        )
        if problem is not None:
            return [problem]
        file_id = file_of_member(member.id)
        if file_id is None or _applied_step(file_id, FULL_MEMBERSHIP_STEP) is not None:
            return []
        step = StepForm(no=FULL_MEMBERSHIP_STEP, done_on=form.held_on)  # the 525 steps before
        return [p for p in check_step(file_id, step, today=today, by_meeting=True) if p.is_error]
    if kind is ResolutionKind.PROBATION_EXTENDED:
        if entry.extended_to is None:
            return [Problem("resolutions", "请填写延长后的预备期满日期（延长半年至一年）。")]
        problem = extension_problem(
            member.joined_on, form.held_on, entry.extended_to, today=today, current_end=extended
        )
        return [] if problem is None else [problem]
    return []


def admitted_member_fields(recruitment_id: int, on: dt.date) -> MemberFields:
    """The member a file becomes when the 支部大会 of ``on`` accepts the person: a
    预备党员 from that day (入党时间), with the person's fields."""
    return replace(
        person_fields(recruitment_id).as_member_fields(),
        joined_on=on,
        status=MemberStatus.PROBATIONARY,
    )


def _applied_step(recruitment_id: int, no: int) -> RecruitmentStep | None:
    return (
        RecruitmentStep.select()
        .where((RecruitmentStep.recruitment == recruitment_id) & (RecruitmentStep.step == no))
        .order_by(RecruitmentStep.done_on, RecruitmentStep.id)
        .first()
    )


_EVENT_OF = {
    ResolutionKind.FULL_MEMBERSHIP: MemberEventKind.BECAME_FULL,
    ResolutionKind.PROBATION_EXTENDED: MemberEventKind.PROBATION_EXTENDED,
    ResolutionKind.PROBATION_CANCELLED: MemberEventKind.PROBATION_CANCELLED,
}


def _applied_member_event(member_id: int, kind: ResolutionKind) -> MemberEvent | None:
    """The member's change of that kind, however it was taken (the latest)."""
    return (
        MemberEvent.select()
        .where((MemberEvent.member == member_id) & (MemberEvent.kind == _EVENT_OF[kind]))
        .order_by(MemberEvent.id.desc())
        .first()
    )


def apply_decisions(meeting: Meeting, form: MeetingForm) -> None:
    """Take the steps a finished meeting decided, once (rules.md §4): a passed 确定入党积极
    分子 or 确定发展对象 records that step on the meeting's day; 接收 records step 15 and
    makes the person a 预备党员 from that day; 转正 makes the member full that day (and
    records step 23 on their file); 延长预备期 and 取消预备党员资格 change the member's
    history. Each change remembers the meeting that took it (``RecruitmentStep.meeting``,
    ``MemberEvent.decided_in``). Called inside the finishing transaction; finishing the
    meeting again changes nothing that was taken, and refuses to drop or move a decision
    already taken."""
    if form.kind not in (MeetingKind.COMMITTEE, MeetingKind.GENERAL_ASSEMBLY):
        return
    passed: set[tuple[ResolutionKind, int]] = set()
    for entry in form.resolutions:
        result = form.vote(entry)
        if entry.kind not in DECISION_MEETING or result is None:
            continue
        if result.outcome is not VoteOutcome.PASSED or form.kind not in decision_meetings(
            entry.kind
        ):
            continue
        subject = entry.recruitment_id if entry.kind in FILE_DECISIONS else entry.member_id
        if subject is None:
            continue
        passed.add((entry.kind, subject))
        _apply(meeting, form, entry, subject)
    _refuse_undone(meeting, form, passed)


def _apply(meeting: Meeting, form: MeetingForm, entry: ResolutionEntry, subject: int) -> None:
    from jianshi_desktop.services import members as members_

    kind, on = entry.kind, form.held_on
    if kind in FILE_DECISIONS:
        rule = rules().decided_by(kind)
        assert rule is not None
        if _applied_step(subject, rule.no) is not None:
            return  # taken when the meeting was first finished
        row = Recruitment.get_by_id(subject)
        step = RecruitmentStep(recruitment=row)
        _write_step(step, StepForm(no=rule.no, done_on=on, note=entry.text.strip()), meeting)
        if kind is ResolutionKind.ADMISSION and row.member_id is None:
            row.member_id = _admitted_member(row, on, None)
            row.save()
        return
    if (
        MemberEvent.select()
        .where(
            (MemberEvent.member == subject)
            & (MemberEvent.kind == _EVENT_OF[kind])
            & (MemberEvent.decided_in == meeting)
        )
        .exists()
    ):
        return  # taken when the meeting was first finished
    if kind is ResolutionKind.PROBATION_EXTENDED:
        assert entry.extended_to is not None  # decision_problems refuses it missing
        members_.extend_probation(subject, on=on, ends_on=entry.extended_to, resolution=entry.text)
    elif kind is ResolutionKind.FULL_MEMBERSHIP:
        members_.make_full_member(subject, on=on, note=entry.text.strip())
        file_id = file_of_member(subject)
        on_file = _applied_step(file_id, FULL_MEMBERSHIP_STEP) if file_id is not None else None
        if on_file is not None:  # written on the file by make_full_member: the meeting took it
            on_file.meeting = meeting
            on_file.note = entry.text.strip()
            on_file.save()
    else:
        members_.cancel_probation(subject, on=on, resolution=entry.text)
    event = _applied_member_event(subject, kind)  # the one just made
    assert event is not None
    event.decided_in = meeting
    event.save()


def _refuse_undone(
    meeting: Meeting, form: MeetingForm, passed: set[tuple[ResolutionKind, int]]
) -> None:
    """A decision this meeting already took stays: finishing it again may not drop it,
    turn it down or move the meeting to another day."""
    taken: list[tuple[ResolutionKind, int, dt.date, str]] = []
    for step in RecruitmentStep.select().where(RecruitmentStep.meeting == meeting):
        kind = rules().step(step.step).decided_by
        if kind in FILE_DECISIONS:  # 转正's step 23 is judged by the member's event
            taken.append((kind, step.recruitment_id, step.done_on, step.recruitment.name))
    for event in MemberEvent.select().where(MemberEvent.decided_in == meeting):
        found = next((k for k, e in _EVENT_OF.items() if e is event.kind), None)
        if found is not None:
            taken.append((found, event.member.id, event.occurred_on, event.member.name))
    for kind, subject, day, name in taken:
        if (kind, subject) not in passed:
            raise ValidationError(
                f"这次会议已对{name}作出“{kind.label}”的决定并已生效，不能删去或改为未通过。",
                hint="如决定确有错误，请写明原因，到发展党员或党员页面处理。",
            )
        if day != form.held_on:
            raise ValidationError(
                f"这次会议已对{name}作出“{kind.label}”的决定，会议日期不能再改动。"
            )
