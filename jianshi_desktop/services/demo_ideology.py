"""A year of invented 意识形态风险研判 for the demo branch, made through the real services.

One review a month on the 18th, the committee of the day taking part. Most months find no
risk; three find a 低 or 中 risk, followed up the next month and closed (销号) the month
after. Every review is reported by the 25th except one, reported late; the current
month's stays unreported while its 上报日 is still to come. A month whose 支委会 was a
意识形态专题研究 links the review to it. Deterministic for a given ``today``.
"""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import RiskLevel
from jianshi_desktop.services import ideology_reviews, meetings
from jianshi_desktop.services.ideology_reviews import AreaEntry
from jianshi_desktop.services.record_kinds import IDEOLOGY_REVIEW

PLACE = "学校会议室"
REVIEW_DAY = 18
REPORTED_AFTER = 3  # reported three days after the review (the 21st)
LATE_MONTH = 5  # the sixth month's report went up after the deadline
# month number in the demo year → (area, risk, facts, measures, committee post index)
RISKS: dict[int, tuple[str, RiskLevel, str, str, int]] = {
    2: (
        "校园网络和新媒体",
        RiskLevel.MEDIUM,
        "个别学生在短视频平台转发未经核实的校园传言，在班级群中流传。",
        "信息中心加强校园网和班级群监测；各班主任开展一次网络素养主题班会。",
        1,
    ),
    4: (
        "教师思想动态",
        RiskLevel.LOW,
        "个别教师对新的绩效考核方案有不同看法，在办公室有议论。",
        "校长与相关教师逐一谈心，解释方案的依据，收集修改意见。",
        0,
    ),
    7: (
        "校园舆情",
        RiskLevel.LOW,
        "家长群中有对午餐收费标准的议论。",
        "在校务公开栏和家长群公布收费标准和依据，班主任做好解释。",
        2,
    ),
}
PROGRESS = ("已按措施落实，情况好转，继续观察。", "经复查，问题已解决，没有再出现，予以销号。")


def fill_demo_ideology(*, today: dt.date) -> None:
    months = [add_months(today.replace(day=1), -i) for i in range(11, -1, -1)]
    for number, month in enumerate(months):
        # held at the month's 意识形态专题研究 支委会, if there was one; else on the 18th
        studies = [
            meetings.load_meeting(meeting_id).held_on
            for meeting_id, _label in ideology_reviews.study_meetings(month.year)
        ]
        studied = [d for d in studies if (d.year, d.month) == (month.year, month.month)]
        day = studied[0] if studied else month.replace(day=REVIEW_DAY)
        if day > today:
            continue
        form = ideology_reviews.new_ideology_review_form(on=day)
        form.place = PLACE
        committee = meetings.committee_member_ids(day)
        if number in RISKS and committee:
            area, risk, facts, measures, who = RISKS[number]
            for entry in form.areas:
                if entry.area == area:
                    entry.risk, entry.facts, entry.measures = risk, facts, measures
                    entry.responsible_id = committee[min(who, len(committee) - 1)]
        for follow_up in form.follow_ups:
            found = ideology_reviews.load_ideology_review(follow_up.review_id).held_on
            months_since = (day.year - found.year) * 12 + day.month - found.month
            follow_up.closed = months_since >= 2
            follow_up.progress = PROGRESS[1] if follow_up.closed else PROGRESS[0]
        if number == 0:
            form.areas = [_quiet_note(entry) for entry in form.areas]
        form.meeting_id = next(
            (
                meeting_id
                for meeting_id, _label in ideology_reviews.study_meetings(day.year)
                if meetings.load_meeting(meeting_id).held_on == day
            ),
            None,
        )
        if number in RISKS:
            form.summary = "本月发现的风险已明确责任人和防范措施，下月研判时跟进落实情况。"
        deadline = ideology_reviews.deadline_of(day)
        reported = deadline + dt.timedelta(days=3) if number == LATE_MONTH else None
        reported = reported or day + dt.timedelta(days=REPORTED_AFTER)
        if reported <= today:
            form.reported_on = reported
            IDEOLOGY_REVIEW.finish(form, today=reported)
        else:
            IDEOLOGY_REVIEW.finish(form, today=today)  # held, its 上报日 still to come


def _quiet_note(entry: AreaEntry) -> AreaEntry:
    """An area without risk says what was looked at, as a real review would."""
    if entry.risk is RiskLevel.NONE and entry.area == "宗教渗透":
        entry.facts = "排查了师生参加宗教活动情况，未发现校园传教等问题。"
    return entry
