"""The demo branch's 民主评议党员: one a year for the two years before this one, late in
the fourth quarter, held with that year's 组织生活会 when the demo has one; mostly 合格, a few 优秀
within the share the rules allow."""

from __future__ import annotations

import datetime as dt
import random

from jianshi_desktop.db.models import OrgLifeMeeting
from jianshi_desktop.domain.appraisal import SEE_ATTACHMENT, share_over
from jianshi_desktop.domain.enums import Rating
from jianshi_desktop.services.member_appraisals import (
    appraisal_rules,
    new_member_appraisal_form,
    org_life_choices,
)

PLACE = "学校会议室"
SELF_ASSESSMENTS = (
    "履行党员义务，教学成绩较好，学习还需加强。",
    "积极参加组织生活，带头承担班主任工作。",
    "结对帮扶学生2名，理论学习主动性不够。",
)
SUMMARY = "会前发放测评表，先由党员逐一作个人自评，再开展党员互评，最后无记名民主测评。"


def _appraisal_day(year: int) -> dt.date:
    return dt.date(year, 11, 28)


def fill_demo_appraisals(*, today: dt.date) -> None:
    """An appraisal for each of the two years before ``today``'s (this year's is still to
    come: it is usually held at the year's end); the older one archived."""
    from jianshi_desktop.services.record_kinds import MEMBER_APPRAISAL  # built on this

    rng = random.Random(2025)
    latest = today.year - 1
    for year in (latest - 1, latest):
        # held with that year's 组织生活会, on its day, when the demo has one
        linked = org_life_choices(year)
        org_life = OrgLifeMeeting.get_by_id(linked[0][0]) if linked else None
        day = org_life.held_on if org_life is not None else _appraisal_day(year)
        form = new_member_appraisal_form(on=day)
        if not form.ratings:
            continue
        form.place = org_life.place if org_life is not None and org_life.place else PLACE
        form.summary = SUMMARY
        form.org_life_meeting_id = org_life.id if org_life is not None else None
        voters = max(1, len(form.ratings) - rng.randint(0, 2))
        form.voters = voters
        limit = appraisal_rules().excellent_share_percent
        excellent = max(1, len(form.ratings) // 5)
        while excellent and share_over(excellent, len(form.ratings), limit):
            excellent -= 1
        chosen = set(rng.sample(range(len(form.ratings)), excellent))
        for number, entry in enumerate(form.ratings):
            entry.self_assessment = (
                SELF_ASSESSMENTS[number % len(SELF_ASSESSMENTS)] if number % 4 else SEE_ATTACHMENT
            )
            if number in chosen:
                entry.excellent = voters - rng.randint(0, 2)
                entry.qualified = voters - entry.excellent
                entry.rating = Rating.EXCELLENT
            else:
                entry.excellent = rng.randint(0, 2)
                entry.basically_qualified = rng.randint(0, 1)
                entry.qualified = voters - entry.excellent - entry.basically_qualified
                entry.rating = Rating.QUALIFIED
        record_id = MEMBER_APPRAISAL.finish(form, today=day + dt.timedelta(days=2))
        if year < latest:
            MEMBER_APPRAISAL.archive(record_id)
