"""Dates as secretaries write them, and Chinese date formatting.

Accepted: Excel dates (cells or serial numbers), ``1985.03``, ``1985年3月``,
``1985年3月5日``, ``1985-3-5``, ``1985/03/05``, ``19850305``, ``198503``, with full-width
digits and stray spaces. A month without a day is kept as the 1st with
``precision == "month"``. Anything else raises :class:`DateParseError` with a Chinese
message that says how to write it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from jianshi_desktop.domain.text import squeeze, to_half_width

Precision = Literal["day", "month"]
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's 1900 leap bug)
_YMD = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
HOW = "请写成 1985-03-05、1985.03.05 或 1985年3月5日 这样的格式。"


class DateParseError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class FuzzyDate:
    value: dt.date
    precision: Precision = "day"


def _make(year: int, month: int, day: int | None, shown: str) -> FuzzyDate:
    if not 1900 <= year <= 2100:
        raise DateParseError(f"日期“{shown}”的年份{year}不合理，请核对。")
    if not 1 <= month <= 12:
        raise DateParseError(f"日期“{shown}”的月份{month}不存在，请核对。")
    try:
        return FuzzyDate(dt.date(year, month, day or 1), "day" if day else "month")
    except ValueError:
        raise DateParseError(
            f"日期“{shown}”不存在（{year}年{month}月没有{day}日），请核对。"
        ) from None


def _from_number(value: float) -> FuzzyDate:
    shown = f"{value:g}"
    if value == int(value):
        number = int(value)
        text = str(number)
        if len(text) == 8:
            return _make(int(text[:4]), int(text[4:6]), int(text[6:]), text)
        if len(text) == 6:
            return _make(int(text[:4]), int(text[4:]), None, text)
        if 1900 <= number <= 2100:
            raise DateParseError(f"“{text}”只有年份，请补上月份，例如 {text}.03。")
        if 3000 <= number <= 80000:  # an Excel serial number (1908 to 2119)
            return FuzzyDate(_EXCEL_EPOCH + dt.timedelta(days=number))
        raise DateParseError(f"“{text}”不是日期。{HOW}")
    year = int(value)
    if 1900 <= year <= 2100:
        fraction = f"{value:.2f}".split(".")[1]
        if fraction == "10" and f"{value}".endswith(".1"):
            raise DateParseError(
                f"“{shown}”可能是{year}年1月，也可能是{year}年10月"
                f"（Excel 会把 {year}.10 存成 {year}.1），请改写为 {year}-01 或 {year}-10。"
            )
        return _make(year, int(fraction), None, shown)
    raise DateParseError(f"“{shown}”不是日期。{HOW}")


def parse_date(value: object) -> FuzzyDate:
    """Read a date from a cell or a field; raises :class:`DateParseError`."""
    if isinstance(value, dt.datetime):
        return FuzzyDate(value.date())
    if isinstance(value, dt.date):
        return FuzzyDate(value)
    if isinstance(value, bool):
        raise DateParseError(f"“{value}”不是日期。{HOW}")
    if isinstance(value, int | float):
        return _from_number(float(value))
    raw = squeeze(value)
    if not raw:
        raise DateParseError(f"日期是空的。{HOW}")
    text = to_half_width(raw)
    if re.fullmatch(r"\d{8}", text):
        return _make(int(text[:4]), int(text[4:6]), int(text[6:]), raw)
    if re.fullmatch(r"\d{6}", text):
        return _make(int(text[:4]), int(text[4:]), None, raw)
    if re.fullmatch(r"\d{4}", text):
        raise DateParseError(f"“{raw}”只有年份，请补上月份，例如 {text}.03。")
    unified = text.replace("年", "-").replace("月", "-").replace("日", "").replace("号", "")
    unified = re.sub(r"[./\\]", "-", unified).rstrip("-")
    match = _YMD.match(unified)
    if not match:
        raise DateParseError(f"看不懂日期“{raw}”。{HOW}")
    year, month, day = match.groups()
    return _make(int(year), int(month), int(day) if day else None, raw)


def format_date(day: dt.date | None, precision: Precision = "day") -> str:
    """``2020年8月28日`` (GB/T 9704: full year, no zero padding)."""
    if day is None:
        return ""
    if precision == "month":
        return f"{day.year}年{day.month}月"
    return f"{day.year}年{day.month}月{day.day}日"


def add_years(day: dt.date, years: int) -> dt.date:
    """Same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def term_end(starts_on: dt.date, years: int) -> dt.date:
    """The last day of a term of ``years`` years that starts on ``starts_on``.

    A term is ``years`` full years: it ends the day before the same date ``years`` later,
    where the next term starts (2021-07-01 → 2024-06-30; 2001-03-01 → 2004-02-29).
    From 29 February into a common year there is no such date; 民法典 art. 202 (a period
    counted in years ends on the corresponding day, or on the month's last day when there
    is none) makes 28 February the last day: 2024-02-29 → 2027-02-28.
    """
    year = starts_on.year + years
    try:
        next_start = starts_on.replace(year=year)
    except ValueError:  # 29 February, and ``year`` is a common year
        next_start = dt.date(year, 3, 1)
    return next_start - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's last day (31 Aug + 6 → 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
