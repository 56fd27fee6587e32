"""The demo branch's 组织生活会: one in the fourth quarter of each of the last two years,
with 对照检查 of everyone present, a few lines of 批评与自我批评 and a 整改清单 — the
older year's items mostly closed, one left open past its date (so 首页 shows it), the
recent one's still running. Made through the real services; deterministic."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.domain.enums import Presence
from jianshi_desktop.services import org_life_meetings as olm
from jianshi_desktop.services.record_kinds import ORG_LIFE_MEETING

PLACE = "学校会议室"
THEMES = (
    "学习贯彻党的创新理论，对照党章党规找差距",
    "弘扬教育家精神，争做新时代合格党员",
)
STUDY = (
    "组织全体党员集中学习党章、《中国共产党支部工作条例（试行）》和"
    "《新时代中小学教师职业行为十项准则》，每名党员撰写学习心得。"
)
REVIEWS = (
    "对照党员标准，理论学习不够系统，满足于完成规定篇目；联系教学实际不够。今后每月精读一篇，"
    "并在教研中运用。",
    "工作中有时存在“等靠”思想，主动担当不够；关心后进学生不够细致。今后主动认领任务，"
    "每周至少与一名学困生谈心。",
    "批评与自我批评有顾虑，怕得罪人；参加志愿服务次数偏少。今后敢于直言，每学期参加志愿服务不少于两次。",
    "落实“双减”措施不够到位，作业设计创新不够。今后精简作业，每单元设计一次实践作业。",
)
CRITICISMS = (
    "学习上满足于读原文，结合学校实际谈体会不够。",
    "对青年教师的传帮带还可以更主动一些。",
    "家校沟通方式单一，走访家庭次数偏少。",
)
SELF = "作为党员，带头作用发挥不够，在教研组里示范课上得少。"
ITEMS = (
    ("理论学习联系教学实际不够", "每月一次党员学习分享会，结合课堂教学谈体会"),
    ("关爱留守儿童措施不够细", "建立留守儿童结对台账，党员每人联系两名学生"),
    ("家校沟通渠道单一", "每学期开展一次党员家访周，并开通家长意见箱"),
)


def _q4_days(today: dt.date) -> list[dt.date]:
    """The days of the last two meetings held by ``today``, each on 10 December (early in
    December the year's is still to come)."""
    days = [dt.date(year, 12, 10) for year in range(today.year - 2, today.year + 1)]
    return [day for day in days if day <= today][-2:]


def fill_demo_org_life(*, today: dt.date) -> None:
    days = _q4_days(today)
    for number, day in enumerate(days):
        older = number < len(days) - 1
        form = olm.new_org_life_meeting_form(on=day)
        form.place = PLACE
        form.theme = THEMES[day.year % len(THEMES)]
        form.study = STUDY
        form.opinions_count = 14 if older else 11
        form.opinions_source = "全体教职工、学生家长代表"
        form.talk_ids = [talk_id for talk_id, _label in olm.talk_choices(day)][:4]
        away = [a for a in form.attendance if a.member_id not in (form.chair_id, form.recorder_id)]
        if away:
            away[-1].presence, away[-1].reason = Presence.ON_LEAVE, "外出培训"
        people = olm.reviewers(day, form.attendance)
        form.self_reviews = [
            olm.SelfReviewEntry(member_id, REVIEWS[n % len(REVIEWS)])
            for n, (member_id, _name) in enumerate(people)
        ]
        ids = [member_id for member_id, _name in people]
        form.criticisms = [
            olm.CriticismEntry(ids[(n + 1) % len(ids)], ids[n % len(ids)], text)
            for n, text in enumerate(CRITICISMS)
        ]
        form.criticisms.append(olm.CriticismEntry(ids[0], None, SELF))
        due_days = (40, 90, 180)
        form.rectification = [
            olm.RectificationEntry(
                problem, measure, ids[n % len(ids)], day + dt.timedelta(days=due)
            )
            for n, ((problem, measure), due) in enumerate(zip(ITEMS, due_days, strict=True))
        ]
        form.summary = "会上通报了征求意见情况，逐一开展对照检查和批评与自我批评，明确了整改方向。"
        record_id = ORG_LIFE_MEETING.finish(form, today=day + dt.timedelta(days=2))
        if older:
            ORG_LIFE_MEETING.archive(record_id)
        _close_items(record_id, day, today, all_of_them=older)


def _close_items(record_id: int, day: dt.date, today: dt.date, *, all_of_them: bool) -> None:
    """The items done by ``today``: all of an older year's; of the latest, the first and
    the last — the one in between left open past its date (首页 reminds of it)."""
    saved = olm.load_org_life_meeting(record_id)
    items = [i.item_id for i in saved.rectification if i.item_id is not None]
    done = [
        (items[0], 30, "每月学习分享会已常态化开展。"),
        (items[2], 170, "党员家访周已开展两次，家长意见箱已开通。"),
    ]
    if all_of_them:
        done.append((items[1], 85, "留守儿童结对台账已建立，每名党员联系两名学生。"))
    for item_id, after, note in done:
        closed_on = day + dt.timedelta(days=after)
        if closed_on <= today:
            olm.close_rectification_item(item_id, closed_on, note, today=today)
