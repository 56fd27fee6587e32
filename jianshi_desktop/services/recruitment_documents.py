"""发展党员 documents read from the database: a person's 入党积极分子培养教育考察登记 and
发展党员工作全程纪实表, and the year's 发展党员情况 (``documents/recruitment.py`` builds
them). Each prints the file as recorded, on the days recorded (rules.md §7): the counts of
a year are those of 31 December of that year (or of today in a running year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from jianshi_desktop.db.models import Meeting, MemberEvent, Recruitment
from jianshi_desktop.documents import recruitment as build
from jianshi_desktop.documents.files import safe_file_name
from jianshi_desktop.documents.model import Document
from jianshi_desktop.documents.recruitment import (
    Assessment,
    AssessmentContent,
    Count,
    FullRecordContent,
    LaterStep,
    PersonContent,
    RecordLine,
    RecordStage,
    YearReportContent,
)
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import (
    MemberEventKind,
    MemberStatus,
    RecruitmentRole,
    RecruitmentStage,
)
from jianshi_desktop.domain.recruitment import (
    ACTIVIST_STEP,
    ADMISSION_STEP,
    ASSESSMENT_STEP,
    CANDIDATE_STEP,
    FULL_MEMBERSHIP_STEP,
    FileFacts,
    Window,
)
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import history, records, recruitment
from jianshi_desktop.services.branch import branch_name_on
from jianshi_desktop.services.recruitment import RecruitmentFile, StepRecord

LATER_STEPS = range(CANDIDATE_STEP, 12)  # 7–11: 确定发展对象 … 集中培训


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def _person(file: RecruitmentFile, today: dt.date) -> PersonContent:
    f = file.fields
    contacts = file.people(RecruitmentRole.CONTACT)
    stopped = ""
    if file.row.stopped_on is not None:
        stopped = f"{format_date(file.row.stopped_on)}终止培养"
        stopped += f"：{file.stop_reason.strip()}" if file.stop_reason.strip() else "。"
        if not stopped.endswith("。"):
            stopped += "。"
    return PersonContent(
        branch=branch_name_on(today),
        name=f.name,
        gender=f.gender.label if f.gender else "",
        ethnicity=f.ethnicity,
        birth=f.birth_date,
        education=f.education,
        position=f.position,
        backbone=f.backbone,
        applied_on=file.facts.first(1),
        activist_on=file.facts.first(ACTIVIST_STEP),
        candidate_on=file.facts.first(CANDIDATE_STEP),
        contacts="、".join(p.name for p in contacts),
        stopped=stopped,
    )


def _training(step: StepRecord) -> str:
    parts = []
    if step.training_days:
        parts.append(f"{step.training_days}天")
    if step.training_hours:
        parts.append(f"{step.training_hours}学时")
    return "培训" + "、".join(parts) if parts else ""


def _meetings(steps: Iterable[StepRecord]) -> dict[int, str]:
    """「支委会（2026年3月5日）」 of each meeting that took a step."""
    ids = {s.meeting_id for s in steps if s.meeting_id is not None}
    if not ids:
        return {}
    query = Meeting.select(Meeting.id, Meeting.kind, Meeting.held_on).where(Meeting.id.in_(ids))
    return {m.id: f"{m.kind.label}（{format_date(m.held_on)}）" for m in query}


def _load(recruitment_id: int, today: dt.date) -> RecruitmentFile:
    if Recruitment.get_or_none(Recruitment.id == recruitment_id) is None:
        raise UserError("找不到这份发展党员档案，可能已被删除。")
    return recruitment.load_file(recruitment_id, today=today)


# --- 入党积极分子培养教育考察登记 -------------------------------------------------------------


def assessment_content(recruitment_id: int, *, today: dt.date | None = None) -> AssessmentContent:
    day = _today(today)
    file = _load(recruitment_id, day)
    assessments = tuple(
        Assessment(step.done_on, step.note, step.people_text)
        for step in file.steps_of(ASSESSMENT_STEP)
    )
    later: list[LaterStep] = []
    if file.facts.has(CANDIDATE_STEP):
        meetings = _meetings(file.steps)
        for step in file.steps:
            if step.no not in LATER_STEPS:
                continue
            detail = "；".join(
                part
                for part in (
                    meetings.get(step.meeting_id or 0, ""),
                    step.people_text,
                    _training(step),
                    step.note.strip().rstrip("。"),
                )
                if part
            )
            later.append(LaterStep(recruitment.rules().step(step.no).title, step.done_on, detail))
    return AssessmentContent(_person(file, day), assessments, tuple(later))


def assessment_document(recruitment_id: int) -> Document:
    """入党积极分子培养教育考察登记 of a person (engineer A's page calls it)."""
    return build.assessment_document(assessment_content(recruitment_id))


# --- 发展党员工作全程纪实表 ---------------------------------------------------------------


def _window_text(window: Window) -> str:
    title = recruitment.rules().step(window.no).title
    if window.missing:
        return f"下一步是{title}。"
    when = []
    if window.earliest is not None:
        when.append(f"最早{format_date(window.earliest)}")
    if window.latest is not None:
        when.append(f"最迟{format_date(window.latest)}")
    return f"下一步是{title}" + (f"（{'，'.join(when)}）" if when else "") + "。"


def standing_text(file: RecruitmentFile) -> str:
    """Where the file stands, in facts only: its stage since when, and the next step."""
    row = file.row
    if row.stopped_on is not None or file.facts.first(1) is None:
        return ""
    text = f"目前为{row.stage.label}"
    if row.stage_since is not None:
        text += f"（{format_date(row.stage_since)}起）"
    if row.next_step is None:
        return (
            text + "，25个步骤已全部完成。" if row.stage is RecruitmentStage.FULL else text + "。"
        )
    return text + "，" + _window_text(row.next_step)


def full_record_content(
    recruitment_id: int,
    *,
    today: dt.date | None = None,
    as_of: dt.date | None = None,
) -> FullRecordContent:
    """The 纪实表 of a file; with ``as_of`` as it stood at the end of that day (a package's
    period). It prints no ID number or phone, and the birth date by year and month only,
    as the package's 花名册 does."""
    day = _today(today)
    if as_of is not None and as_of < day:
        day = as_of
        if Recruitment.get_or_none(Recruitment.id == recruitment_id) is None:
            raise UserError("找不到这份发展党员档案，可能已被删除。")
        file = recruitment.load_file(recruitment_id, today=day, as_of=as_of)
    else:
        file = _load(recruitment_id, day)
    rules = recruitment.rules()
    meetings = _meetings(file.steps)
    stages: list[RecordStage] = []
    for stage in _stage_groups():
        lines = []
        for no in stage[1]:
            rule = rules.step(no)
            done = file.steps_of(no)
            who = "；".join(
                dict.fromkeys(
                    part
                    for step in done
                    for part in (meetings.get(step.meeting_id or 0, ""), step.people_text)
                    if part
                )
            )
            attached = sum(step.attachments for step in done)
            documents = "、".join(rule.documents)
            if attached:
                documents += f"（附件{attached}个）" if documents else f"附件{attached}个"
            note = "；".join(
                part
                for step in done
                for part in (_training(step), step.note.strip())
                if part and no != ASSESSMENT_STEP
            )
            if no == ASSESSMENT_STEP and done:
                note = f"共{len(done)}次，见考察登记"
            lines.append(
                RecordLine(
                    no=no,
                    name=rule.name,
                    dates=tuple(step.done_on for step in done),
                    who=who,
                    documents=documents,
                    note=note,
                )
            )
        stages.append(RecordStage(stage[0], tuple(lines)))
    person = _person(file, day)
    standing = standing_text(file)
    if as_of is not None and standing.startswith("目前"):
        standing = f"截至{format_date(day)}" + standing.removeprefix("目前")
    return FullRecordContent(person, tuple(stages), standing)


def _stage_groups() -> list[tuple[str, tuple[int, ...]]]:
    """The five stages with their steps, as recruitment.json lists them."""
    rules = recruitment.rules()
    groups: dict[str, list[int]] = {}
    order = list(rules.stage_names)
    for no in sorted(rules.steps):
        groups.setdefault(rules.stage_names[rules.step(no).stage], []).append(no)
    named = [rules.stage_names[stage] for stage in order]
    return [(name, tuple(groups.get(name, ()))) for name in named if name in groups]


def full_record_document(recruitment_id: int) -> Document:
    """发展党员工作全程纪实表 of a person (engineer A's page calls it)."""
    return build.full_record_document(full_record_content(recruitment_id))


def package_files(start: dt.date, end: dt.date) -> list[tuple[int, str]]:
    """The files a package of the period ``start``–``end`` carries a 纪实表 of — those of
    its records.json: the application made by the end, not stopped before the start —
    each with its file name (「张三发展党员工作全程纪实表」, 「（2）」 for a namesake)."""
    found: list[tuple[int, str]] = []
    taken: set[str] = set()
    for row, facts in recruitment.all_facts():
        if not facts.has(1, by=end) or (row.stopped_on is not None and row.stopped_on < start):
            continue
        stem = file_stem(row.id, "full_record")
        number = 2
        unique = stem
        while unique in taken:
            unique, number = f"{stem}（{number}）", number + 1
        taken.add(unique)
        found.append((row.id, unique))
    return found


def package_document(recruitment_id: int, end: dt.date, *, today: dt.date) -> Document:
    """A file's 纪实表 as a package of the period ending ``end`` carries it: as of the
    period's end."""
    return build.full_record_document(
        full_record_content(recruitment_id, today=today, as_of=min(end, today))
    )


def file_stem(recruitment_id: int, what: str) -> str:
    """「张三入党积极分子培养教育考察登记」: ``what`` is "assessment" or "full_record"."""
    name = Recruitment.get_by_id(recruitment_id).name
    title = {
        "assessment": "入党积极分子培养教育考察登记表",
        "full_record": "发展党员工作全程纪实表",
    }
    return safe_file_name(f"{name}{title.get(what, what)}")


# --- 发展党员情况 (yearly) -----------------------------------------------------------------


def _opened_by(facts: FileFacts, day: dt.date) -> bool:
    return facts.has(1, by=day)


def report_years(start: dt.date, end: dt.date) -> list[int]:
    """The years whose 发展党员情况 goes with a package of ``start``–``end``: those ending
    within it in which the branch had a file (opened by 31 December, not stopped before
    1 January)."""
    files = recruitment.all_facts()
    years = []
    for year in range(start.year, end.year + 1):
        last = dt.date(year, 12, 31)
        if not start <= last <= end:
            continue
        if any(
            _opened_by(facts, last)
            and (row.stopped_on is None or row.stopped_on >= dt.date(year, 1, 1))
            for row, facts in files
        ):
            years.append(year)
    return years


def _count(label: str, rows: Iterable[Recruitment], keep: Callable[[Recruitment], bool]) -> Count:
    kept = [row for row in rows if keep(row)]
    return Count(label, len(kept), sum(1 for row in kept if row.backbone))


def year_content(year: int, *, today: dt.date | None = None) -> YearReportContent:
    day = _today(today)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if first > day:
        raise UserError(f"{year}年还没有开始，没有可统计的内容。")
    as_of = min(last, day)
    files = recruitment.all_facts()
    if not any(_opened_by(facts, as_of) for _row, facts in files):
        raise UserError(
            f"截至{format_date(as_of)}还没有发展党员的记录，没有可统计的内容。",
            hint="在“发展党员”页记下递交入党申请书的人后，再生成年度情况。",
        )
    rows = [row for row, _facts in files]
    facts_of = {row.id: facts for row, facts in files}
    stages = tuple(Count(s.stage.label, s.count, s.backbone) for s in recruitment.pipeline(as_of))

    def took(no: int) -> Callable[[Recruitment], bool]:
        return lambda row: any(first <= d <= as_of for d in facts_of[row.id].done.get(no, ()))

    extensions = list(
        records.tuples(
            MemberEvent.select(MemberEvent.member, MemberEvent.occurred_on).where(
                MemberEvent.kind == MemberEventKind.PROBATION_EXTENDED
            )
        )
    )
    extended_members = {member_id for member_id, on in extensions if first <= on <= as_of}
    ever_extended = {member_id for member_id, _on in extensions}
    full = took(FULL_MEMBERSHIP_STEP)
    movements = [
        _count("递交入党申请", rows, took(1)),
        _count("确定为入党积极分子", rows, took(ACTIVIST_STEP)),
        _count("确定为发展对象", rows, took(CANDIDATE_STEP)),
        _count("接收为预备党员", rows, took(ADMISSION_STEP)),
        _count("按期转正", rows, lambda r: full(r) and r.member_id not in ever_extended),
        _count("延长预备期", rows, lambda r: r.member_id in extended_members),
        _count(
            "终止培养",
            rows,
            lambda r: r.stopped_on is not None and first <= r.stopped_on <= as_of,
        ),
    ]
    late = _count("延长预备期后转正", rows, lambda r: full(r) and r.member_id in ever_extended)
    if late.count:
        movements.insert(5, late)
    return YearReportContent(
        branch=branch_name_on(as_of),
        year=year,
        as_of=as_of,
        stages=stages,
        movements=tuple(movements),
        issued_on=day,
        secretary=history.secretary_name_on(as_of),
        roster_probationary=sum(
            1 for m in history.roster_on(as_of) if m.status is MemberStatus.PROBATIONARY
        ),
    )


def year_report_document(year: int, *, today: dt.date | None = None) -> Document:
    """发展党员情况 of ``year`` (the page and the package call it)."""
    return build.year_report_document(year_content(year, today=today))


def year_stem(year: int, today: dt.date | None = None) -> str:
    day = min(_today(today), dt.date(year, 12, 31))
    return safe_file_name(f"{branch_name_on(day)}{year}年度发展党员情况")
