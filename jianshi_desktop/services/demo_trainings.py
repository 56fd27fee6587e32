"""The demo branch's 学习培训: four invented trainings of the last year, made through the
real services — the 书记 at the county's training of branch secretaries, everyone at the
党员集中轮训, a few teachers on an online course, and the committee at a 党务干部 training
(the latest one archived, the oldest with a certificate's name only as its caption).
Deterministic for a given ``today``; a few milliseconds."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.services import history, meetings, trainings
from jianshi_desktop.services.trainings import TrainingForm

COUNTY = "中共建始县教育局委员会"


def _form(
    day: dt.date, days: int, title: str, organiser: str, place: str, hours: str
) -> TrainingForm:
    form = trainings.new_training_form(on=day)
    form.ends_on = day + dt.timedelta(days=days - 1)
    form.title, form.organiser, form.place, form.class_hours = title, organiser, place, hours
    return form


def fill_demo_trainings(*, today: dt.date) -> None:
    from jianshi_desktop.services.record_kinds import TRAINING  # built on this module

    start = today.replace(day=1)
    plans = [
        # months ago, day, days, title, organiser, place, hours, who
        (10, 16, 3, "全县中小学党组织书记培训班", COUNTY, "县委党校", "24", "secretary"),
        (7, 9, 2, "党员集中轮训", "本支部", "学校会议室", "16", "all"),
        (4, 1, 14, "党的创新理论网络专题培训", "湖北省干部在线学习平台", "线上", "12", "some"),
        (1, 20, 1, "党务干部业务培训", COUNTY, "县教育局会议室", "6", "committee"),
    ]
    for months, day_of_month, days, title, organiser, place, hours, who in plans:
        day = add_months(start, -months).replace(day=day_of_month)
        title = f"{day.year}年度{title}" if who == "all" else title
        form = _form(day, days, title, organiser, place, hours)
        if form.ends_on is not None and form.ends_on > today:
            continue
        roster = [m.id for m in history.roster_on(day)]
        if who == "secretary":
            chosen = [m for m in [meetings.secretary_id(day)] if m is not None]
        elif who == "committee":
            chosen = meetings.committee_member_ids(day)
        elif who == "some":
            chosen = roster[::3]
        else:
            chosen = roster[:-2]  # two were away: on leave, on a school trip
        if not chosen:
            continue
        form = trainings.with_attendees(form, chosen)
        form.content = CONTENT.get(who, "")
        finished = form.ends_on or day
        record_id = TRAINING.finish(form, today=finished + dt.timedelta(days=2))
        if months >= 7:
            TRAINING.archive(record_id)


CONTENT = {
    "secretary": "学习《中国共产党支部工作条例（试行）》，交流党支部标准化规范化建设经验；"
    "结业考试合格，取得结业证书。",
    "all": "集中学习党的创新理论和党章党规，观看警示教育片，分组讨论。",
    "some": "在线学习党的创新理论专题课程，完成规定课时和在线测试。",
    "committee": "学习党费收缴、发展党员、组织关系转接等党务工作规定。",
}
