"""The demo branch's 结对帮扶: six members each paired with an invented student (学生甲 …,
one of each of the six groups) since the start of this school term, a few helps (one with
the help's place typed once and offered again) and one term summary of last term's
pairing that ended."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.domain.enums import StudentNeed
from jianshi_desktop.domain.student_pairing import term_of
from jianshi_desktop.services import history
from jianshi_desktop.services.student_pairings import (
    PairingEntry,
    add_pairing,
    new_pairing_help_form,
    write_summary,
)

STUDENTS = ("学生甲", "学生乙", "学生丙", "学生丁", "学生戊", "学生己")
CLASSES = ("三年级1班", "四年级2班", "五年级1班", "六年级3班", "二年级2班", "五年级2班")
HELPS = (
    ("学生家中", "家访，了解学生在家学习情况，与奶奶商量每天按时完成作业的办法。"),
    ("学校办公室", "课后辅导数学应用题，讲解了三道错题，布置了两道练习。"),
    ("学校操场", "陪学生谈心，鼓励他参加班级篮球队，学生愿意试一试。"),
)
SUMMARY = (
    "本学期家访2次，课后辅导6次。学生按时交作业的次数明显增多，数学单元测验由不及格提高到"
    "72分。下学期继续关注阅读习惯。"
)


def fill_demo_pairings(*, today: dt.date) -> None:
    from jianshi_desktop.services.record_kinds import PAIRING_HELP  # built on this

    term = term_of(today)
    starts_on = min(term.start, today)
    members = sorted(history.roster_on(starts_on), key=lambda m: m.id)[: len(STUDENTS)]
    ids = []
    for number, (member, need) in enumerate(zip(members, StudentNeed, strict=False)):
        ids.append(
            add_pairing(
                PairingEntry(
                    member_id=member.id,
                    student=STUDENTS[number],
                    need=need,
                    starts_on=starts_on,
                    class_name=CLASSES[number],
                )
            )
        )
    if not ids:
        return
    # last term, the first member's pairing ended with its summary written
    last = term.previous()
    earlier = [m.id for m in history.roster_on(last.start)]
    if members and members[0].id in earlier:
        ended = add_pairing(
            PairingEntry(
                member_id=members[0].id,
                student="学生庚",
                need=StudentNeed.LEFT_BEHIND,
                starts_on=last.start,
                class_name="四年级1班",
                ends_on=last.end,
            )
        )
        write_summary(ended, last, SUMMARY, written_on=last.end, today=today)
    for number, (place, content) in enumerate(HELPS):
        day = starts_on + dt.timedelta(days=10 + 12 * number)
        if day > today:
            break
        form = new_pairing_help_form(on=day, pairing_id=ids[number % len(ids)])
        form.place = place
        form.content = content
        PAIRING_HELP.finish(form, today=day)  # recorded on the day: no 补录 in the demo
