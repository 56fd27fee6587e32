"""The 18-digit resident ID number (GB 11643-1999): check digit, birth date, gender."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.domain.text import normalise_code

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_PROVINCES = {
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
    "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
    "63", "64", "65", "71", "81", "82", "83",
}  # fmt: skip
_SHAPE = re.compile(r"^[0-9]{17}[0-9X]$")
# Typed for the check character X: the multiplication sign, Cyrillic and Greek Х/Χ.
_LOOKS_LIKE_X = str.maketrans(dict.fromkeys("×✕хХχΧ", "X"))
FIELD = "id_number"


def normalise_id_number(raw: object) -> str:
    """The number as stored and compared: spaces and invisible characters removed, every
    digit ASCII (full-width ５, Arabic-Indic ٥, mathematical 𝟓 …), ``x`` made ``X``."""
    return normalise_code(raw).translate(_LOOKS_LIKE_X).upper()


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


@dataclass(frozen=True)
class IdFacts:
    number: str
    birth_date: dt.date
    is_male: bool


def mask_id_number(number: str) -> str:
    """Only the first 6 and the last 4 characters shown, every other one a ``*``.

    ``42282219731125116X`` → ``422822********116X`` (the hidden digits are the birth
    date); a 15-digit number → ``422822*****1234``. Spaces and full-width digits are
    tidied first. A malformed number of 10 characters or fewer would show in full, so
    none of it is shown: ``4228221`` → ``*******``.
    """
    text = normalise_id_number(number)
    if len(text) <= 10:
        return "*" * len(text)
    return text[:6] + "*" * (len(text) - 10) + text[-4:]


def parse_id_number(raw: object, *, today: dt.date | None = None) -> IdFacts | Problem:
    """The facts in a valid number, or the first problem in words that say how to fix it."""
    number = normalise_id_number(raw)
    if not number:
        return Problem(FIELD, "请填写18位身份证号码。")
    if len(number) != 18:
        return Problem(FIELD, f"身份证号码应为18位，现在是{len(number)}位，请核对是否多输或漏输。")
    if not _SHAPE.match(number):
        return Problem(FIELD, "身份证号码前17位只能是数字，最后一位是数字或X，请核对。")
    if number[:2] not in _PROVINCES:
        return Problem(FIELD, f"身份证号码开头的地区码“{number[:6]}”不存在，请核对前6位。")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return Problem(
            FIELD, f"身份证号码第7至14位的出生日期“{number[6:14]}”不是有效日期，请核对。"
        )
    today = today or dt.date.today()
    if birth > today or birth.year < 1900:
        return Problem(FIELD, f"身份证号码中的出生日期“{number[6:14]}”不合理，请核对第7至14位。")
    expected = check_char(number[:17])
    if number[17] != expected:
        return Problem(FIELD, f"身份证号码最后一位校验码不正确（应为 {expected}），请核对。")
    return IdFacts(number=number, birth_date=birth, is_male=int(number[16]) % 2 == 1)
