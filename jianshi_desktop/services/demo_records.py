"""A year of invented records for the demo branch, made through the real services.

Every kind and state appears: finished and archived meetings of all four kinds, theme
days (one held with a general assembly), heart-to-heart talks (one confidential
reminder), a draft, a 补录 and an amendment — so every screen and document has
something to show. Deterministic: the same ``today`` gives the same records.
"""

from __future__ import annotations

import datetime as dt
import random

from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import HeartTalkKind, MeetingKind, Presence
from jianshi_desktop.domain.procedures import (
    TAG_IDEOLOGY,
    TAG_IDEOLOGY_REPORT,
    TAG_PARTY_BUILDING,
)
from jianshi_desktop.services import heart_talks, meetings, theme_days
from jianshi_desktop.services.demo_appraisal import fill_demo_appraisals
from jianshi_desktop.services.demo_dues import fill_demo_dues
from jianshi_desktop.services.demo_ideology import fill_demo_ideology
from jianshi_desktop.services.demo_org_life import fill_demo_org_life
from jianshi_desktop.services.demo_recruitment import fill_demo_recruitment
from jianshi_desktop.services.meetings import AgendaEntry, MeetingForm, ResolutionEntry, SpeechEntry
from jianshi_desktop.services.organization import list_groups
from jianshi_desktop.services.record_kinds import HEART_TALK, MEETING, THEME_DAY

PLACE = "学校会议室"
COMMITTEE_TOPICS = (
    ("研究本月党建工作安排", "研究确定本月主题党日活动方案"),
    ("分析研判本月意识形态工作情况", "研究“党员先行·关爱学生”结对帮扶工作"),
    ("研究党费收缴情况", "研究发展党员工作"),
)
LECTURES = (
    "学习党章，做合格党员",
    "弘扬教育家精神，办好人民满意的教育",
    "新时代中小学教师职业行为十项准则",
)
THEMES = (
    "重温入党誓词，牢记初心使命",
    "走进敬老院志愿服务",
    "参观红色教育基地",
    "学习党的创新理论",
    "“党员先行·关爱学生”家访活动",
)
REASONS = ("外出培训", "病假", "学校公务", "事假")


def _mark_absences(
    form_attendance: list[meetings.AttendanceEntry],
    rng: random.Random,
    *,
    keep: tuple[int | None, ...] = (),
) -> None:
    """Two people on leave or absent, never those in ``keep`` (the chair, the recorder
    and a lecturer attend: 支部工作条例 ch. 5, rules.md §7)."""
    others = [e for e in form_attendance if e.member_id is None or e.member_id not in keep]
    for entry in rng.sample(others, k=min(2, max(0, len(form_attendance) - 3))):
        entry.presence = rng.choice((Presence.ON_LEAVE, Presence.ABSENT))
        entry.reason = rng.choice(REASONS)


def _finish(form: MeetingForm, *, late: bool = False, archive: bool = False) -> int:
    recorded = form.held_on + dt.timedelta(days=45 if late else 1)
    meeting_id = MEETING.finish(form, today=recorded)
    if archive:
        MEETING.archive(meeting_id)
    return meeting_id


def _meeting(
    kind: MeetingKind, on: dt.date, rng: random.Random, *, group_id: int | None = None
) -> MeetingForm:
    form = meetings.new_meeting_form(kind, on=on, party_group_id=group_id)
    form.place = PLACE if kind is not MeetingKind.GROUP else "党员活动室"
    form.starts_at, form.ends_at = "16:00", "17:10"
    form.recorder_id = form.attendance[-1].member_id if form.attendance else form.chair_id
    _mark_absences(form.attendance, rng, keep=(form.chair_id, form.recorder_id, form.lecturer_id))
    return form


def fill_demo_records(*, today: dt.date) -> None:
    # first: the members its 支部大会 accept are on the roster of the later records
    fill_demo_recruitment(today=today)
    rng = random.Random(20201)
    groups = list_groups()
    months = [add_months(today.replace(day=1), -i) for i in range(11, -1, -1)]
    archived_before = add_months(today.replace(day=1), -2)
    amended_id: int | None = None
    for month in months:
        archive = month < archived_before
        topics = COMMITTEE_TOPICS[month.month % len(COMMITTEE_TOPICS)]
        day = month.replace(day=5)
        if day <= today:
            form = _meeting(MeetingKind.COMMITTEE, day, rng)
            form.agenda = [
                AgendaEntry(
                    topic,
                    speeches=[SpeechEntry(form.chair_id, "", "提出工作安排，请各位委员发表意见。")],
                )
                for topic in topics
            ]
            if "意识形态" in topics[0]:
                form.tags = [TAG_IDEOLOGY]
            if "党建" in topics[0]:
                form.tags = [TAG_PARTY_BUILDING]
            voters = form.headcount().voters_present
            form.resolutions = [ResolutionEntry(f"同意{topics[1][2:]}", 1, voters, 0, 0)]
            late = month == months[-3]  # one entered long after the fact: 补录
            meeting_id = _finish(form, late=late, archive=archive)
            if archive and amended_id is None:
                amended_id = meeting_id
        for group in groups:
            day = month.replace(day=10)
            if day <= today:
                form = _meeting(MeetingKind.GROUP, day, rng, group_id=group.id)
                form.agenda = [AgendaEntry("学习上级文件精神，交流学习体会")]
                _finish(form, archive=archive)
        if month.month in (3, 6, 9, 12) and month.replace(day=15) <= today:
            day = month.replace(day=15)
            form = _meeting(MeetingKind.GENERAL_ASSEMBLY, day, rng)
            form.agenda = [AgendaEntry("传达学习上级会议精神"), AgendaEntry("通报本季度党建工作")]
            # the year's 意识形态工作情况 told to the members at December's 党员大会
            form.tags = [TAG_PARTY_BUILDING] + ([TAG_IDEOLOGY_REPORT] if month.month == 12 else [])
            assembly_id = _finish(form, archive=archive)
            theme = theme_days.new_theme_day_form(on=day)
            theme.theme, theme.place, theme.meeting_id = THEMES[0], PLACE, assembly_id
            theme.required_items = ["重温入党誓词", "交纳党费", "集中学习"]
            theme.attendance = []
            THEME_DAY.finish(theme, today=day + dt.timedelta(days=1))
            lecture = _meeting(MeetingKind.LECTURE, day.replace(day=20), rng)
            lecture.title = LECTURES[(month.month // 3) % len(LECTURES)]
            lecture.duration_minutes = 60
            if day.replace(day=20) <= today:
                _finish(lecture, archive=archive)
        elif month.replace(day=15) <= today:
            day = month.replace(day=15)
            theme = theme_days.new_theme_day_form(on=day)
            theme.theme = THEMES[month.month % len(THEMES)]
            theme.form = "志愿服务" if "志愿" in theme.theme else "集中学习"
            theme.place = PLACE
            theme.required_items = ["重温入党誓词", "交纳党费"]
            _mark_absences(theme.attendance, rng)
            theme_id = THEME_DAY.finish(theme, today=day + dt.timedelta(days=2))
            if archive:
                THEME_DAY.archive(theme_id)
    _talks(today, rng)
    if amended_id is not None:
        form = meetings.load_meeting(amended_id)
        form.place = "党员活动室"
        MEETING.amend(amended_id, form, reason="会议地点记录有误", today=today)
    draft = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=today)
    draft.agenda = [AgendaEntry("研究年终党建工作总结")]
    MEETING.save_draft(draft)
    fill_demo_org_life(today=today)
    fill_demo_appraisals(today=today)  # after the 组织生活会: held with it
    fill_demo_ideology(today=today)
    fill_demo_dues(today=today)


def _talks(today: dt.date, rng: random.Random) -> None:
    committee = meetings.committee_member_ids(today)
    members = [member_id for member_id, _ in meetings.member_choices()]
    start = add_months(today, -10)
    pairs = [(committee[0], other) for other in committee[1:]]
    pairs += [(committee[i % len(committee)], m) for i, m in enumerate(members[6:14])]
    for n, (talker, talkee) in enumerate(pairs):
        on = start + dt.timedelta(days=17 * n)
        if on > today:
            break
        kind = (
            HeartTalkKind.COMMITTEE_PEERS if talkee in committee else HeartTalkKind.COMMITTEE_MEMBER
        )
        form = heart_talks.new_heart_talk_form(on=on, kind=kind)
        form.talker_id, form.talkee_id, form.place = talker, talkee, "校长室"
        form.topic = "思想和工作情况交流"
        form.talker_said = "肯定了近期工作，希望在班级管理上多下功夫。"
        form.talkee_said = "表示认同，会加强学习，改进工作方法。"
        form.follow_up = "下学期再交流一次。"
        HEART_TALK.finish(form, today=on + dt.timedelta(days=rng.randint(0, 3)))
    reminder = heart_talks.new_heart_talk_form(
        on=today - dt.timedelta(days=20), kind=HeartTalkKind.REMINDER
    )
    reminder.talkee_id, reminder.place = members[-1], "校长室"
    reminder.topic, reminder.talker_said = "工作纪律提醒", "提醒遵守工作纪律，按时到岗。"
    HEART_TALK.finish(reminder, today=today)
