"""The demo branch's 发展党员 files (rules.md §4): invented applicants at every stage as of
the day the demo is filled — two 入党申请人 (one still waiting for the 谈话), two 入党积极分子
(one a 教学业务骨干 who may become a 发展对象 next month), a 发展对象 with 入党介绍人 and
training, a 预备党员 accepted a few months ago, one whose 预备期 was extended, one who
became a full member with all 25 steps done, and one who withdrew.

The four decisions (确定入党积极分子, 确定发展对象 in a 支委会; 接收, 转正 in a 支部大会) come
from finished meetings of the demo, as they would in a real branch. Every other step is
written straight into its table (the fill must stay cheap: the tests fill the demo many
times); ``tests/unit/test_recruitment.py`` checks each of them against the "525" rules and
the roster of its day. Deterministic: the same ``today`` gives the same files.
"""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.db.models import Member, Recruitment, RecruitmentStep, RecruitmentStepPerson
from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import MeetingKind, ResolutionKind
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import probation_end
from jianshi_desktop.services import meetings, recruitment
from jianshi_desktop.services.meetings import AgendaEntry, ResolutionEntry
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.recruitment import RecruitmentFields

PLACE = "学校会议室"
TEXTS = {
    ResolutionKind.ACTIVIST: "同意确定{}为入党积极分子",
    ResolutionKind.CANDIDATE: "同意将入党积极分子{}列为发展对象",
    ResolutionKind.ADMISSION: "同意接收{}为中共预备党员",
    ResolutionKind.FULL_MEMBERSHIP: "同意预备党员{}按期转为中共正式党员",
    ResolutionKind.PROBATION_EXTENDED: "同意延长预备党员{}的预备期六个月，继续考察",
}
ASSESSED = "思想上进，积极参加学习，教学工作认真负责。"
TALKERS = ("戴林春", "叶磊丽")
CONTACTS = ("石静超", "周婷国")
INTRODUCERS = ("付红", "严军林")

# name, ID number's first 17 digits (invented; 422822 is 建始县), education, position, 骨干
PEOPLE = {
    "full": ("谭晓蕾", "42282219940316102", "大学本科", "语文教师", True),
    "extended": ("黄志诚", "42282219920708203", "大学本科", "体育教师", False),
    "admitted": ("向雨桐", "42282219960922304", "大学本科", "数学教师", True),
    "candidate": ("田思源", "42282219970411405", "大学本科", "英语教师", False),
    "assessed": ("覃月华", "42282219950127506", "大学专科", "音乐教师", False),
    "backbone": ("邓明辉", "42282219930615607", "硕士研究生", "物理教师、年级组长", True),
    "talked": ("杨春燕", "42282219980503708", "大学本科", "美术教师", False),
    "applied": ("秦浩然", "42282220000218809", "大学本科", "信息技术教师", False),
    "withdrew": ("刘佳慧", "42282219991030900", "大学本科", "科学教师", False),
}


def _open(key: str, applied_on: dt.date, today: dt.date) -> int:
    name, first17, education, position, backbone = PEOPLE[key]
    fields = RecruitmentFields(
        name=name,
        id_number=first17 + check_char(first17),
        ethnicity="土家族" if int(first17[-1]) % 3 == 0 else "汉族",
        education=education,
        position=position,
        phone=f"1397270{first17[-4:]}",
        backbone=backbone,
    )
    return recruitment.new_recruitment(fields, applied_on=applied_on, today=today)


class _Demo:
    """The files and the meetings of one fill."""

    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.ids: dict[str, int] = {}
        names = [*TALKERS, *CONTACTS, *INTRODUCERS]
        found = Member.select(Member.id, Member.name).where(Member.name.in_(names))
        self.people = {m.name: int(m.id) for m in found}

    def day(self, months_back: int, day: int) -> dt.date:
        return add_months(self.today.replace(day=1), -months_back).replace(day=day)

    def step(
        self,
        key: str,
        no: int,
        on: dt.date,
        *,
        people: tuple[str, ...] = (),
        note: str = "",
        training_days: int | None = None,
        training_hours: int | None = None,
    ) -> None:
        """A step the branch records by hand, written straight in (the demo fill is one
        audited action; tests/unit/test_recruitment.py checks every step against the
        "525" rules and the people against the roster of the step's day)."""
        row = RecruitmentStep.create(
            recruitment=self.ids[key],
            step=no,
            done_on=on,
            note=note,
            training_days=training_days,
            training_hours=training_hours,
        )
        rule = recruitment.rules().step(no).people
        for name in people:
            assert rule is not None
            RecruitmentStepPerson.create(step=row, member=self.people[name], role=rule.role)

    def decide(
        self,
        kind: MeetingKind,
        on: dt.date,
        topic: str,
        decisions: list[tuple[ResolutionKind, str]],
        *,
        extended_to: dt.date | None = None,
    ) -> None:
        """A finished meeting that decides about each person in ``decisions`` (all present,
        all in favour); finishing it takes the steps (services.recruitment.apply_decisions)."""
        form = meetings.new_meeting_form(kind, on=on)
        form.place, form.starts_at, form.ends_at = PLACE, "16:00", "17:00"
        form.recorder_id = form.attendance[-1].member_id if form.attendance else form.chair_id
        form.agenda = [AgendaEntry(topic)]
        voters = form.headcount().voters_present
        form.resolutions = []
        for resolution, key in decisions:
            member_id = Recruitment.get_by_id(self.ids[key]).member_id
            text = TEXTS[resolution].format(PEOPLE[key][0])
            form.resolutions.append(
                ResolutionEntry(
                    text,
                    0,
                    voters,
                    0,
                    0,
                    kind=resolution,
                    recruitment_id=None if member_id is not None else self.ids[key],
                    member_id=member_id,
                    extended_to=extended_to
                    if resolution is ResolutionKind.PROBATION_EXTENDED
                    else None,
                )
            )
        MEETING.finish(form, today=on + dt.timedelta(days=1))

    def activist_years(self, key: str, first: int, talk: int) -> None:
        """申请 … 确定积极分子 before the committee meeting of month ``first`` (two steps)."""
        self.ids[key] = _open(key, self.day(first, 3), self.today)
        self.step(key, 2, self.day(first, talk), people=TALKERS[:1])

    def after_activist(self, key: str, months: int, assessments: tuple[int, ...]) -> None:
        """备案, 培养联系人, and the half-yearly 考察 of the months given."""
        self.step(key, 4, self.day(months, 28))
        self.step(key, 5, self.day(months - 1, 8), people=CONTACTS)
        self.assess(key, assessments)

    def assess(self, key: str, assessments: tuple[int, ...]) -> None:
        """培养教育考察 on the 20th of the months given (months back)."""
        for back in assessments:
            self.step(key, 6, self.day(back, 20), note=ASSESSED)

    def candidate_steps(self, key: str, months: int, *, filed: bool = True) -> None:
        """After 确定发展对象 in month ``months``: 备案, 介绍人, 政审, 培训."""
        if filed:
            self.step(key, 8, self.day(months, 28))
        self.step(key, 9, self.day(months - 1, 3), people=INTRODUCERS)
        self.step(key, 10, self.day(months - 1, 8))
        self.step(key, 11, self.day(months - 1, 12), training_days=3, training_hours=24)

    def admission_steps(self, key: str, months: int) -> None:
        """支委会审查, 预审, 志愿书 — before the 支部大会 of month ``months``."""
        self.step(key, 12, self.day(months + 1, 16))
        self.step(key, 13, self.day(months + 1, 20))
        self.step(key, 14, self.day(months + 1, 23))

    def probation_steps(self, key: str, months: int, checks: tuple[int, ...]) -> None:
        """After 接收 in month ``months``: 谈话, 审批, 备案, 编入支部, 宣誓, 考察."""
        self.step(key, 16, self.day(months - 1, 6))
        self.step(key, 17, self.day(months - 1, 16))
        self.step(key, 18, self.day(months - 2, 10))
        self.step(key, 19, self.day(months - 2, 12))
        self.step(key, 20, self.day(months - 2, 12))
        for back in checks:
            self.step(key, 21, self.day(back, 10), note="按期参加组织生活，发挥了先锋模范作用。")


def fill_demo_recruitment(*, today: dt.date) -> None:
    """The 发展党员 files of the demo as of ``today`` (see the module's note)."""
    demo = _Demo(today)
    d = demo.day
    # 30 months ago: four activists — now a full member, a 预备党员 whose 预备期 was
    # extended, one accepted two months ago and a 发展对象
    early = ("full", "extended", "admitted", "candidate")
    for key, talk in zip(early, (12, 18, 22, 26), strict=True):
        demo.activist_years(key, 31, talk)
    demo.decide(
        MeetingKind.COMMITTEE,
        d(30, 25),
        "研究确定入党积极分子",
        [(ResolutionKind.ACTIVIST, k) for k in early],
    )
    for key in early:
        demo.after_activist(key, 30, (24, 18))
    demo.assess("admitted", (12,))
    demo.assess("candidate", (12,))
    demo.decide(
        MeetingKind.COMMITTEE,
        d(17, 25),
        "研究确定发展对象",
        [(ResolutionKind.CANDIDATE, "full"), (ResolutionKind.CANDIDATE, "extended")],
    )
    for key in ("full", "extended"):
        demo.candidate_steps(key, 17)
        demo.admission_steps(key, 14)
    demo.decide(
        MeetingKind.GENERAL_ASSEMBLY,
        d(14, 25),
        "讨论接收预备党员",
        [(ResolutionKind.ADMISSION, "full"), (ResolutionKind.ADMISSION, "extended")],
    )
    for key in ("full", "extended"):
        demo.probation_steps(key, 14, (9, 6))
    # 11 months ago: two activists (a 骨干 may be a 发展对象 from next month), two 发展对象
    demo.activist_years("backbone", 13, 15)
    demo.activist_years("assessed", 13, 17)
    demo.decide(
        MeetingKind.COMMITTEE,
        d(11, 25),
        "研究发展党员工作",
        [
            (ResolutionKind.ACTIVIST, "backbone"),
            (ResolutionKind.ACTIVIST, "assessed"),
            (ResolutionKind.CANDIDATE, "admitted"),
            (ResolutionKind.CANDIDATE, "candidate"),
        ],
    )
    demo.after_activist("backbone", 11, (5,))
    demo.after_activist("assessed", 11, ())
    demo.step("assessed", 6, add_months(today, -6) + dt.timedelta(days=7), note=ASSESSED)
    demo.candidate_steps("admitted", 11)
    demo.admission_steps("admitted", 3)
    demo.candidate_steps("candidate", 11, filed=False)  # 备案 not recorded yet
    # the withdrawn application
    demo.ids["withdrew"] = _open("withdrew", d(8, 3), today)
    demo.step("withdrew", 2, d(8, 20), people=TALKERS)
    recruitment.stop_recruitment(
        demo.ids["withdrew"], on=d(3, 10), reason="本人撤回申请", today=today
    )
    # the 预备期 of the two accepted 14 months ago ends: one full, one extended; the same
    # 支部大会 accepts a new 预备党员
    ends = probation_end(d(14, 25))
    demo.step("full", 22, add_months(ends, -1) + dt.timedelta(days=3))
    demo.decide(
        MeetingKind.GENERAL_ASSEMBLY,
        ends,
        "讨论预备党员转正和接收预备党员",
        [
            (ResolutionKind.FULL_MEMBERSHIP, "full"),
            (ResolutionKind.PROBATION_EXTENDED, "extended"),
            (ResolutionKind.ADMISSION, "admitted"),
        ],
        extended_to=add_months(ends, 6),
    )
    for no, after in ((16, 5), (17, 10), (18, 15), (19, 15), (20, 15)):
        demo.step("admitted", no, ends + dt.timedelta(days=after))
    demo.step("full", 24, ends + dt.timedelta(days=20))
    demo.step("full", 25, ends + dt.timedelta(days=30))
    # this autumn's applicants
    demo.ids["talked"] = _open("talked", today - dt.timedelta(days=50), today)
    demo.step("talked", 2, today - dt.timedelta(days=40), people=TALKERS)
    demo.ids["applied"] = _open("applied", today - dt.timedelta(days=10), today)
