"""The rules a member record must satisfy (花名册 fields), as typed and on save.

``MemberFields`` is what a form or a roster row gives; ``validate_member`` returns every
problem, each naming its field, in plain Chinese that says what to fix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jianshi_desktop.domain.dates import add_years, age_on, format_date
from jianshi_desktop.domain.enums import Gender, MemberStatus
from jianshi_desktop.domain.idcard import IdFacts, parse_id_number
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import invisible_note, normalise_code, squeeze

MIN_AGE_AT_JOINING = 18
PROBATION_YEARS = 1
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")

FIELD_LABELS = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "id_number": "身份证号码",
    "education": "学历",
    "position": "工作岗位/职务",
    "phone": "联系电话",
    "joined_on": "入党时间",
    "full_member_on": "转正时间",
    "status": "人员类别",
    "party_group": "所在党小组",
    "notes": "备注",
}


@dataclass(frozen=True)
class MemberFields:
    name: str
    id_number: str = ""
    gender: Gender | None = None
    ethnicity: str = ""
    birth_date: dt.date | None = None
    education: str = ""
    position: str = ""
    phone: str = ""
    joined_on: dt.date | None = None
    full_member_on: dt.date | None = None
    status: MemberStatus = MemberStatus.FULL
    party_group: str = ""
    notes: str = ""


def normalise_phone(raw: object) -> str:
    """Digits made ASCII (full-width, Arabic-Indic …); spaces, invisible characters and
    dashes inside a mobile number removed."""
    text = normalise_code(raw)
    if text.startswith("+86"):
        text = text[3:]
    compact = text.replace("-", "")
    return compact if compact.startswith("1") else text


def check_phone(phone: str) -> Problem | None:
    phone = normalise_phone(phone)
    if not phone:
        return None
    if phone.startswith("1"):
        if not phone.isdigit():
            return Problem("phone", f"手机号码“{phone}”中有非数字字符，请核对。")
        if not _MOBILE.match(phone):
            return Problem("phone", f"手机号码应为11位数字，“{phone}”是{len(phone)}位，请核对。")
        return None
    if _LANDLINE.match(phone):
        return None
    return Problem(
        "phone", f"联系电话“{phone}”不像手机号码（11位）或座机号码（如 0718-3322123），请核对。"
    )


def expected_full_member_date(joined_on: dt.date) -> dt.date:
    """A probationary member's 转正 is due one year after the 支部大会 accepted them."""
    return add_years(joined_on, PROBATION_YEARS)


MAX_EXTENSION_YEARS = 1  # 党章 art. 7: 延长预备期，但不能超过一年
MAX_PARTY_PROBATION_YEARS = 2  # 党章 art. 40: 留党察看最长不超过两年


def probation_end(joined_on: dt.date, extended_to: dt.date | None = None) -> dt.date:
    """The day the 预备期 ends: a year after joining, or the end a 延长预备期 set."""
    return extended_to or expected_full_member_date(joined_on)


def latest_extension_end(joined_on: dt.date) -> dt.date:
    """党章 art. 7: the probation may be extended, by at most one year."""
    return add_years(expected_full_member_date(joined_on), MAX_EXTENSION_YEARS)


def extension_problem(
    joined_on: dt.date | None,
    decided_on: dt.date,
    ends_on: dt.date,
    *,
    today: dt.date,
    current_end: dt.date | None = None,
) -> Problem | None:
    """What is wrong with 延长预备期 decided on ``decided_on`` until ``ends_on``.

    党章 art. 7 and rules.md §7: decided by resolution, never dated after today; the
    probation is extended (the new end is later than the end so far) by at most one year.
    """
    if decided_on > today:
        return Problem("occurred_on", f"决定日期{format_date(decided_on)}晚于今天，请核对。")
    if joined_on is None:
        return Problem("occurred_on", "没有入党时间，无法计算预备期，请先在党员信息中填写。")
    if decided_on < joined_on:
        return Problem("occurred_on", "决定日期早于入党时间，请核对。")
    current = current_end or expected_full_member_date(joined_on)
    if ends_on <= current:
        return Problem(
            "ends_on",
            f"延长后的预备期满日应晚于原定的{format_date(current)}，请核对。",
        )
    latest = latest_extension_end(joined_on)
    if ends_on > latest:
        return Problem(
            "ends_on",
            f"延长预备期最长一年（党章第七条），预备期最晚到{format_date(latest)}，请核对。",
        )
    return None


def party_probation_problem(
    starts_on: dt.date, ends_on: dt.date, *, today: dt.date
) -> Problem | None:
    """What is wrong with 留党察看 from ``starts_on`` until ``ends_on`` (党章 art. 40: at
    most two years; rules.md §7: never dated after today)."""
    if starts_on > today:
        return Problem("occurred_on", f"开始日期{format_date(starts_on)}晚于今天，请核对。")
    if ends_on <= starts_on:
        return Problem("ends_on", "察看期满日期应晚于开始日期，请核对。")
    if ends_on > add_years(starts_on, MAX_PARTY_PROBATION_YEARS):
        return Problem("ends_on", "留党察看最长不超过两年（党章第四十条），请核对。")
    return None


def full_member_date_problem(
    joined_on: dt.date | None,
    full_on: dt.date,
    *,
    today: dt.date,
    extended_to: dt.date | None = None,
) -> Problem | None:
    """What is wrong with 转正 on ``full_on``, if anything.

    党章 art. 7 and 发展党员工作细则（2014）art. 31: the probation (预备期) is one year from
    the 支部大会 that accepted the member, and 转正 is discussed when it has ended, so 转正 is
    no earlier than a year after joining — or than the end of an extended probation
    (``extended_to``); a record is never dated after today (rules.md §7).
    """
    if full_on > today:
        return Problem(
            "full_member_on",
            f"转正时间{format_date(full_on)}晚于今天，不能提前登记转正，请核对。",
        )
    if joined_on is None:
        return None
    if full_on <= joined_on:
        return Problem("full_member_on", "转正时间早于入党时间，请核对。")
    if extended_to is not None and full_on < extended_to:
        return Problem(
            "full_member_on",
            f"预备期已延长到{format_date(extended_to)}，转正时间不能早于这一天，请核对。",
        )
    earliest = expected_full_member_date(joined_on)
    if full_on < earliest:
        return Problem(
            "full_member_on",
            f"转正时间距入党不满一年（最早应为{format_date(earliest)}），请核对。",
        )
    return None


def id_facts(fields: MemberFields, *, today: dt.date) -> IdFacts | Problem | None:
    if not fields.id_number:
        return None
    return parse_id_number(fields.id_number, today=today)


_INVISIBLE_CHECKED = ("name", "id_number", "phone")


def invisible_problems(fields: MemberFields) -> list[Problem]:
    """A warning for each typed field that had invisible characters (zero-width space,
    direction marks …): saving removes them, the message names them."""
    found: list[Problem] = []
    for name in _INVISIBLE_CHECKED:
        note = invisible_note(FIELD_LABELS[name], getattr(fields, name))
        if note:
            found.append(Problem(name, note, "warning"))
    return found


def validate_member(fields: MemberFields, *, today: dt.date | None = None) -> list[Problem]:
    """Every problem with a member's fields (errors block saving, warnings do not)."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    name = squeeze(fields.name)
    if not name:
        problems.append(Problem("name", "请填写姓名。"))
    elif len(name) > 20:
        problems.append(Problem("name", "姓名太长，请核对是否把几个人写在了一格里。"))

    facts = id_facts(fields, today=today)
    if facts is None:
        problems.append(
            Problem("id_number", "没有填写身份证号码，将无法按身份证号码核对和更新。", "warning")
        )
    elif isinstance(facts, Problem):
        problems.append(facts)
    else:
        if fields.birth_date and fields.birth_date != facts.birth_date:
            same_month = (fields.birth_date.year, fields.birth_date.month) == (
                facts.birth_date.year,
                facts.birth_date.month,
            )
            if not (same_month and fields.birth_date.day == 1):  # 出生年月 only
                problems.append(
                    Problem(
                        "birth_date",
                        f"出生日期与身份证号码不一致（身份证上是{format_date(facts.birth_date)}），"
                        "请核对。",
                    )
                )
        expected = Gender.MALE if facts.is_male else Gender.FEMALE
        if fields.gender and fields.gender != expected:
            problems.append(
                Problem(
                    "gender",
                    f"性别与身份证号码不一致（身份证号码第17位表示“{expected.label}”），请核对。",
                )
            )

    birth = fields.birth_date or (facts.birth_date if isinstance(facts, IdFacts) else None)
    problem = check_phone(fields.phone)
    if problem:
        problems.append(problem)
    problems.extend(_date_order(fields, birth, today))
    problems.extend(invisible_problems(fields))
    return problems


def _date_order(fields: MemberFields, birth: dt.date | None, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []
    joined, full = fields.joined_on, fields.full_member_on
    for field, day in (("birth_date", birth), ("joined_on", joined)):
        if day and day > today:
            label = FIELD_LABELS[field]
            problems.append(Problem(field, f"{label}{format_date(day)}晚于今天，请核对。"))
    if joined is None:
        problems.append(Problem("joined_on", "请填写入党时间（支部大会接收为预备党员的日期）。"))
    else:
        if birth and joined <= birth:
            problems.append(Problem("joined_on", "入党时间早于出生日期，请核对。"))
        elif birth and age_on(birth, joined) < MIN_AGE_AT_JOINING:
            problems.append(
                Problem(
                    "joined_on",
                    f"入党时未满{MIN_AGE_AT_JOINING}周岁（当时{age_on(birth, joined)}岁），"
                    "请核对入党时间或出生日期。",
                )
            )
    if fields.status is MemberStatus.PROBATIONARY:
        if full:
            problems.append(
                Problem(
                    "full_member_on",
                    "预备党员不应有转正时间；如已转正，请把人员类别改为“正式党员”。",
                )
            )
    elif full:
        problem = full_member_date_problem(joined, full, today=today)
        if problem:
            problems.append(problem)
    elif joined and joined <= today < expected_full_member_date(joined):
        # 党章 art. 7: a member accepted less than a year ago is still 预备党员.
        problems.append(
            Problem(
                "status",
                f"入党不满一年，预备期到{format_date(expected_full_member_date(joined))}才满，"
                "人员类别应为“预备党员”。",
            )
        )
    return problems
