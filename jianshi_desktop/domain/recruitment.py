"""发展党员 by the "525" procedure: the 25 steps, the gaps between them, and where a person
stands on a day (rules.md §4; 中国共产党发展党员工作细则 2014).

Pure rules, standard library only. The steps come from ``resources/rules/recruitment.json``
(read by :mod:`jianshi_desktop.services.recruitment` and handed in as text), so a later
rule is a change of data, not of code.

A step is judged on its own day (rules.md §7): "too early" is measured from the earlier
steps' recorded dates and is refused with the rule named; "too late" only warns — the step
happened, and the record must say when.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jianshi_desktop.domain.dates import add_months, age_on, format_date
from jianshi_desktop.domain.enums import (
    RecruitmentActor,
    RecruitmentRole,
    RecruitmentStage,
    ResolutionKind,
)
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.domain.problems import Problem

PROBATION_END = "probation_end"  # a gap measured from the end of the 预备期, not a step
ACTIVIST_STEP = 3  # 确定入党积极分子
CANDIDATE_STEP = 7  # 确定发展对象
ADMISSION_STEP = 15  # 支部大会讨论接收: the 预备期 runs a year from its day
FULL_MEMBERSHIP_STEP = 23  # 支部大会讨论转正
ASSESSMENT_STEP = 6  # 培养教育考察, every six months


class RecruitmentRulesError(ValueError):
    """``recruitment.json`` cannot be used; the message says what to fix (Chinese)."""


@dataclass(frozen=True)
class Gap:
    """A step's bound from an earlier step (or from the end of the 预备期): at least
    ``min_months`` after it, at most ``max_months`` (None: no upper bound)."""

    after: int | str  # a step number, or PROBATION_END
    min_months: int = 0
    max_months: int | None = None
    rule: str = ""


@dataclass(frozen=True)
class PeopleRule:
    role: RecruitmentRole
    least: int
    most: int
    full_members: bool = False  # 正式党员 on the step's day (培养联系人, 入党介绍人)


@dataclass(frozen=True)
class StepRule:
    no: int
    name: str
    stage: RecruitmentStage
    actor: RecruitmentActor
    documents: tuple[str, ...]
    gaps: tuple[Gap, ...]
    repeats: bool = False  # 培养教育考察, 继续教育考察: recorded again and again
    people: PeopleRule | None = None
    decided_by: ResolutionKind | None = None  # taken by a meeting's per-person vote
    training: bool = False  # 集中培训: days or class hours

    @property
    def title(self) -> str:
        """「第7步 确定发展对象」."""
        return f"第{self.no}步 {self.name}"


@dataclass(frozen=True)
class RecruitmentRules:
    source: str
    steps: Mapping[int, StepRule]
    stage_names: Mapping[RecruitmentStage, str]
    min_age: int
    min_age_rule: str
    assessment_months: int
    assessment_rule: str
    training_min_days: int
    training_min_hours: int
    training_rule: str

    def step(self, no: int) -> StepRule:
        return self.steps[no]

    def decided_by(self, kind: ResolutionKind) -> StepRule | None:
        return next((s for s in self.steps.values() if s.decided_by is kind), None)


def _gap(raw: Mapping[str, object]) -> Gap:
    after = raw["step"]
    if not (isinstance(after, int) or after == PROBATION_END):
        raise ValueError(after)
    most = raw.get("max_months")
    return Gap(
        after=after,
        min_months=int(raw.get("min_months", 0)),  # type: ignore[call-overload]
        max_months=None if most is None else int(most),  # type: ignore[call-overload]
        rule=str(raw.get("rule", "")),
    )


def load_rules(text: str) -> RecruitmentRules:
    """The rules of ``recruitment.json`` (text); a broken file is named in Chinese."""
    try:
        data = json.loads(text)
        stage_of = {
            int(no): RecruitmentStage(stage["stage"])
            for stage in data["stages"]
            for no in stage["steps"]
        }
        steps: dict[int, StepRule] = {}
        for raw in data["steps"]:
            no = int(raw["no"])
            people = raw.get("people")
            decided = raw.get("decided_by")
            steps[no] = StepRule(
                no=no,
                name=str(raw["name"]),
                stage=stage_of[no],
                actor=RecruitmentActor(raw["actor"]),
                documents=tuple(str(d) for d in raw.get("documents", ())),
                gaps=tuple(_gap(g) for g in raw.get("after", ())),
                repeats=bool(raw.get("repeats", False)),
                people=None
                if not people
                else PeopleRule(
                    role=RecruitmentRole(people["role"]),
                    least=int(people["min"]),
                    most=int(people["max"]),
                    full_members=bool(people.get("full_members", False)),
                ),
                decided_by=ResolutionKind(decided) if decided else None,
                training=bool(raw.get("training", False)),
            )
        rules = RecruitmentRules(
            source=str(data["source"]),
            steps=steps,
            stage_names={RecruitmentStage(s["stage"]): str(s["name"]) for s in data["stages"]},
            min_age=int(data["min_age"]),
            min_age_rule=str(data["min_age_rule"]),
            assessment_months=int(data["assessment_months"]),
            assessment_rule=str(data["assessment_rule"]),
            training_min_days=int(data["training_min_days"]),
            training_min_hours=int(data["training_min_hours"]),
            training_rule=str(data["training_rule"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise RecruitmentRulesError(
            "发展党员程序文件无法读取，请核对 recruitment.json（或重新安装本程序）"
        ) from exc
    if sorted(steps) != list(range(1, 26)):
        raise RecruitmentRulesError("发展党员程序文件应有第1步到第25步，请核对 recruitment.json")
    for rule in steps.values():
        for gap in rule.gaps:
            if isinstance(gap.after, int) and not 1 <= gap.after < rule.no:
                raise RecruitmentRulesError(
                    f"发展党员程序文件中第{rule.no}步的间隔写得不对，请核对 recruitment.json"
                )
    return rules


# ---- one person's file -------------------------------------------------------------------


@dataclass(frozen=True)
class FileFacts:
    """What the rules read of one person's file: the steps done, each with its days
    (several for a step that repeats), the birth date, and the 预备期's end as extended."""

    done: Mapping[int, tuple[dt.date, ...]]
    birth_date: dt.date | None = None
    extended_to: dt.date | None = None  # 延长预备期: the new end (党章 art. 7)
    stopped_on: dt.date | None = None  # the file was closed (终止培养)

    @staticmethod
    def of(
        steps: Iterable[tuple[int, dt.date]],
        *,
        birth_date: dt.date | None = None,
        extended_to: dt.date | None = None,
        stopped_on: dt.date | None = None,
    ) -> FileFacts:
        done: dict[int, list[dt.date]] = {}
        for no, day in steps:
            done.setdefault(no, []).append(day)
        return FileFacts(
            done={no: tuple(sorted(days)) for no, days in done.items()},
            birth_date=birth_date,
            extended_to=extended_to,
            stopped_on=stopped_on,
        )

    def first(self, no: int) -> dt.date | None:
        days = self.done.get(no)
        return days[0] if days else None

    def last(self, no: int) -> dt.date | None:
        days = self.done.get(no)
        return days[-1] if days else None

    def has(self, no: int, *, by: dt.date | None = None) -> bool:
        day = self.first(no)
        return day is not None and (by is None or day <= by)

    def without(self, no: int, day: dt.date) -> FileFacts:
        """The file as it would be without one record of step ``no`` on ``day`` (a step
        being changed is judged against the others, not against itself)."""
        days = list(self.done.get(no, ()))
        if day in days:
            days.remove(day)
        done = dict(self.done)
        if days:
            done[no] = tuple(days)
        else:
            done.pop(no, None)
        return FileFacts(done, self.birth_date, self.extended_to, self.stopped_on)

    @property
    def probation_end(self) -> dt.date | None:
        """The day the 预备期 ends: a year after the 支部大会 that accepted the person, or
        the end a 延长预备期 set."""
        joined = self.first(ADMISSION_STEP)
        return None if joined is None else probation_end(joined, self.extended_to)

    def stage_on(self, day: dt.date) -> RecruitmentStage | None:
        """Where the person stood on ``day`` (None: no application yet that day)."""
        if not self.has(1, by=day):
            return None
        for no, stage in (
            (FULL_MEMBERSHIP_STEP, RecruitmentStage.FULL),
            (ADMISSION_STEP, RecruitmentStage.PROBATIONARY),
            (CANDIDATE_STEP, RecruitmentStage.CANDIDATE),
            (ACTIVIST_STEP, RecruitmentStage.ACTIVIST),
        ):
            if self.has(no, by=day):
                return stage
        return RecruitmentStage.APPLICANT


@dataclass(frozen=True)
class Window:
    """When step ``no`` may be taken: the earlier steps it still waits for, the earliest
    day the rules allow and the latest before it is late, each with the rule that sets it."""

    no: int
    missing: tuple[int, ...] = ()
    earliest: dt.date | None = None
    earliest_rule: str = ""
    latest: dt.date | None = None
    latest_rule: str = ""

    @property
    def open(self) -> bool:
        return not self.missing


def _anchor(facts: FileFacts, after: int | str, *, latest_of: bool) -> dt.date | None:
    if after == PROBATION_END:
        return facts.probation_end
    assert isinstance(after, int)
    return facts.last(after) if latest_of else facts.first(after)


def window(rules: RecruitmentRules, facts: FileFacts, no: int) -> Window:
    """When step ``no`` may be taken, given the file's other steps."""
    rule = rules.step(no)
    missing: list[int] = []
    earliest: dt.date | None = None
    earliest_rule = ""
    latest: dt.date | None = None
    latest_rule = ""
    for gap in rule.gaps:
        # an assessment is due six months after the last one (or the 积极分子 day)
        cycle = no == ASSESSMENT_STEP and gap.after == ACTIVIST_STEP
        base = _anchor(facts, gap.after, latest_of=False)
        if base is None:
            if isinstance(gap.after, int):
                missing.append(gap.after)
            else:
                missing.append(ADMISSION_STEP)
            continue
        start = add_months(base, gap.min_months)
        if earliest is None or start > earliest:
            earliest, earliest_rule = start, gap.rule
        if gap.max_months is not None:
            end = add_months(base, gap.max_months)
            if latest is None or end < latest:
                latest, latest_rule = end, gap.rule
        if cycle:
            last = max(d for d in (facts.last(ASSESSMENT_STEP), base) if d is not None)
            due = add_months(last, rules.assessment_months)
            if latest is None or due < latest:
                latest, latest_rule = due, rules.assessment_rule
    return Window(
        no=no,
        missing=tuple(dict.fromkeys(missing)),
        earliest=earliest,
        earliest_rule=earliest_rule,
        latest=latest,
        latest_rule=latest_rule,
    )


def _step_names(rules: RecruitmentRules, numbers: Iterable[int]) -> str:
    return "、".join(f"第{n}步“{rules.step(n).name}”" for n in numbers)


def step_problems(
    rules: RecruitmentRules,
    facts: FileFacts,
    no: int,
    on: dt.date,
    *,
    today: dt.date,
) -> list[Problem]:
    """Whether step ``no`` may be recorded as taken on ``on``: an error for a step the
    rules do not allow yet (an earlier step missing, or too soon after it, named with the
    rule), a warning for one taken later than the rules ask."""
    rule = rules.step(no)
    problems: list[Problem] = []
    if on > today:
        problems.append(Problem("done_on", f"{format_date(on)}晚于今天，做过之后再记录。"))
    if facts.stopped_on is not None and on > facts.stopped_on:
        problems.append(
            Problem(
                "done_on",
                f"培养已于{format_date(facts.stopped_on)}终止，不能再记录后面的步骤。",
            )
        )
    if not rule.repeats and facts.has(no):
        first = facts.first(no)
        problems.append(Problem("done_on", f"{rule.title}已在{format_date(first)}记录过。"))
    if no == 1:
        problems.extend(_age_problems(rules, facts, on))
    spot = window(rules, facts, no)
    if spot.missing:
        problems.append(
            Problem(
                "done_on",
                f"{rule.title}要在{_step_names(rules, spot.missing)}之后进行，请先记录前面的步骤。",
            )
        )
        return problems
    if spot.earliest is not None and on < spot.earliest:
        problems.append(
            Problem(
                "done_on",
                f"{rule.title}最早可在{format_date(spot.earliest)}进行（{spot.earliest_rule}），"
                f"{format_date(on)}太早了。",
            )
        )
    elif spot.latest is not None and on > spot.latest:
        problems.append(
            Problem(
                "done_on",
                f"{rule.title}应在{format_date(spot.latest)}之前进行（{spot.latest_rule}），"
                f"{format_date(on)}已超过期限；如属特殊情况，请在备注中写明原因。",
                severity="warning",
            )
        )
    later = [n for n, days in facts.done.items() if n > no and not rules.step(n).repeats and days]
    after_this = [n for n in later if any(no == g.after for g in rules.step(n).gaps)]
    for n in after_this:
        day = facts.first(n)
        if day is not None and day < on:
            problems.append(
                Problem(
                    "done_on",
                    f"{rules.step(n).title}记录在{format_date(day)}，{rule.title}不能晚于它，请核对。",
                )
            )
    return problems


def _age_problems(rules: RecruitmentRules, facts: FileFacts, on: dt.date) -> list[Problem]:
    if facts.birth_date is None:
        return [
            Problem(
                "birth_date",
                f"没有出生日期，无法核对申请时是否年满{rules.min_age}岁；请填写身份证号或出生日期。",
                severity="warning",
            )
        ]
    if age_on(facts.birth_date, on) < rules.min_age:
        return [
            Problem(
                "done_on",
                f"{format_date(on)}申请时未满{rules.min_age}岁（{rules.min_age_rule}），请核对。",
            )
        ]
    return []


def training_problem(
    rules: RecruitmentRules, days: int | None, hours: int | None
) -> Problem | None:
    """集中培训: at least three days or 24 class hours (细则 art. 17)."""
    if days is None and hours is None:
        return Problem("training", "请填写集中培训的天数或学时。")
    if (days or 0) < 0 or (hours or 0) < 0:
        return Problem("training", "培训天数和学时不能是负数。")
    if (days or 0) >= rules.training_min_days or (hours or 0) >= rules.training_min_hours:
        return None
    return Problem(
        "training",
        f"集中培训不足{rules.training_min_days}天或{rules.training_min_hours}学时"
        f"（{rules.training_rule}），请核对或补足培训。",
    )


def people_problem(rule: StepRule, count: int) -> Problem | None:
    """How many people a step names: 1–2 培养联系人, two 入党介绍人, a 谈话人."""
    people = rule.people
    if people is None or people.least <= count <= people.most:
        return None
    role = people.role.label
    if people.least == people.most:
        return Problem("people", f"{rule.title}需要{people.least}名{role}，现在是{count}名。")
    return Problem(
        "people", f"{rule.title}需要{people.least}至{people.most}名{role}，现在是{count}名。"
    )


def next_steps(rules: RecruitmentRules, facts: FileFacts) -> list[Window]:
    """The steps that come next: not done (or, for an assessment, due again — until the
    person is named a 发展对象, after which step 6 may no longer be recorded) and waiting
    on nothing else, each with its earliest and latest day. Empty once 材料归档 is done or
    the file is closed."""
    if facts.stopped_on is not None or facts.has(25):
        return []
    result: list[Window] = []
    for no, rule in sorted(rules.steps.items()):
        if rule.repeats:
            if no == ASSESSMENT_STEP and not facts.has(CANDIDATE_STEP):
                spot = window(rules, facts, no)
                if spot.open:
                    result.append(spot)
            continue
        if facts.has(no):
            continue
        spot = window(rules, facts, no)
        if spot.open:
            result.append(spot)
    return result


def overdue(windows: Iterable[Window], today: dt.date) -> list[Window]:
    return [w for w in windows if w.latest is not None and w.latest < today]
