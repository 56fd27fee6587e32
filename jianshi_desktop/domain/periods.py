"""Reporting periods as secretaries and the county name them: a month, a quarter, a half
year, a year, or from–to. Parsed from the command line (``2020Q3``) and named in Chinese
(2020年第三季度) for titles and file names."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from jianshi_desktop.domain.dates import format_date

_QUARTERS = "一二三四"


class PeriodError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ReportPeriod:
    start: dt.date
    end: dt.date
    label: str  # 2020年第三季度
    code: str  # 2020Q3 (what the command line takes)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def month(year: int, number: int) -> ReportPeriod:
    return ReportPeriod(
        dt.date(year, number, 1),
        _month_end(year, number),
        f"{year}年{number}月",
        f"{year}-{number:02d}",
    )


def quarter(year: int, number: int) -> ReportPeriod:
    first = (number - 1) * 3 + 1
    return ReportPeriod(
        dt.date(year, first, 1),
        _month_end(year, first + 2),
        f"{year}年第{_QUARTERS[number - 1]}季度",
        f"{year}Q{number}",
    )


def half_year(year: int, number: int) -> ReportPeriod:
    first = 1 if number == 1 else 7
    label = "上半年" if number == 1 else "下半年"
    return ReportPeriod(
        dt.date(year, first, 1), _month_end(year, first + 5), f"{year}年{label}", f"{year}H{number}"
    )


def year(number: int) -> ReportPeriod:
    return ReportPeriod(dt.date(number, 1, 1), dt.date(number, 12, 31), f"{number}年", f"{number}")


def between(start: dt.date, end: dt.date) -> ReportPeriod:
    if end < start:
        raise PeriodError("结束日期早于开始日期，请核对。")
    return ReportPeriod(
        start,
        end,
        f"{format_date(start)}至{format_date(end)}",
        f"{start.isoformat()}..{end.isoformat()}",
    )


HOW = (
    "请写成 2020Q3（季度）、2020-09（月）、2020H1（半年）、2020（年）、"
    "2020-07-01..2020-09-30（起止日期），或用“..”连起两个期间，如 2020..2026、2026-01..2026-03。"
)


def _single(text: str, raw: str) -> ReportPeriod:
    """One period without ``..``: a quarter, half year, month, year or day (a day is a
    period of one day, so that ``2020-07-01..2020-09-30`` is a range like any other)."""
    try:
        if m := re.fullmatch(r"(\d{4})Q([1-4])", raw):
            return quarter(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})Q(\d+)", raw):
            raise PeriodError(f"看不懂期间“{text}”：一年只有第1至第4季度。{HOW}")
        if m := re.fullmatch(r"(\d{4})H([12])", raw):
            return half_year(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})H(\d+)", raw):
            raise PeriodError(f"看不懂期间“{text}”：半年只有 H1（上半年）和 H2（下半年）。{HOW}")
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", raw):
            if not 1 <= int(m[2]) <= 12:
                raise PeriodError(f"月份“{m[2]}”不存在。{HOW}")
            return month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})", raw):
            return year(int(m[1]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            day = dt.date.fromisoformat(raw)
            return ReportPeriod(day, day, format_date(day), day.isoformat())
    except ValueError as exc:
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(f"“{text}”中的日期不存在。{HOW}") from None
    raise PeriodError(f"看不懂期间“{text}”。{HOW}")


def _is_day(period: ReportPeriod) -> bool:
    return period.code == period.start.isoformat()


def parse_period(text: str) -> ReportPeriod:
    """``2020Q3``, ``2020-09``, ``2020H1``, ``2020``, ``2020-07-01..2020-09-30``, and any two
    of these joined by ``..``. A range runs from the first day of its first period to the
    last day of its last and is the very period the long form names: ``2020..2026`` is
    ``2020-01-01..2026-12-31`` (same code, same label), so a report keyed on the period
    has one draft however the dates were written. ``2026..2026Q1`` is 1 January to
    31 March. The same period on both sides (``2026..2026``) is that period (``2026``)."""
    raw = text.strip().upper()
    if ".." not in raw:
        period = _single(text, raw)
        if _is_day(period):  # one day is written as a range: 2020-07-01..2020-07-01
            return between(period.start, period.end)
        return period
    first_text, _, last_text = raw.partition("..")
    if not first_text.strip() or not last_text.strip():
        raise PeriodError(f"“{text}”缺少起点或终点，“..”两边都要写。{HOW}")
    first = _single(first_text.strip(), first_text.strip())
    last = _single(last_text.strip(), last_text.strip())
    if last.end < first.start:
        raise PeriodError(f"“{text}”的结束早于开始，请核对。")
    if first == last and not _is_day(first):
        return first
    return between(first.start, last.end)
