"""党员先行·关爱学生 结对帮扶: the rules that need no database — school terms, coverage
arithmetic, and the check that keeps an ID number out of a student's name.

School terms: 春季学期 1 February – 31 July, 秋季学期 1 August – 31 January, an autumn term
named by the year it starts (「2026年秋季学期」 runs to 31 January 2027). A pairing's 学期小结
is due from a month before its term ends until a month after.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ID_NUMBER_REFUSED = "学生只填姓名或学校的编号，不要填身份证号。"

# 15 digits, or 17 digits and a check character: what an ID number looks like, spaces
# and full-width digits allowed (a pasted number)
_ID_LIKE = re.compile(r"\d{15}|\d{17}[\dXx]")


@dataclass(frozen=True, order=True)
class Term:
    """One school term: its first and last day (inclusive)."""

    start: dt.date
    end: dt.date

    @property
    def spring(self) -> bool:
        return self.start.month == 2

    @property
    def label(self) -> str:
        """「2026年春季学期」, 「2026年秋季学期」 (by the year it starts)."""
        return f"{self.start.year}年{'春季' if self.spring else '秋季'}学期"

    def next(self) -> Term:
        return term_of(self.end + dt.timedelta(days=1))

    def previous(self) -> Term:
        return term_of(self.start - dt.timedelta(days=1))


def term_of(day: dt.date) -> Term:
    """The school term ``day`` falls in."""
    if 2 <= day.month <= 7:
        return Term(dt.date(day.year, 2, 1), dt.date(day.year, 7, 31))
    year = day.year if day.month >= 8 else day.year - 1
    return Term(dt.date(year, 8, 1), dt.date(year + 1, 1, 31))


def term_starting(start: dt.date) -> Term:
    """The term whose first day is ``start`` (as a summary keeps it)."""
    return term_of(start)


def _shift_month(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    # the last days of a longer month land on the shorter month's last day
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def summary_window(term: Term) -> tuple[dt.date, dt.date]:
    """From a month before the term ends until a month after: when its 学期小结 is due."""
    return _shift_month(term.end, -1), _shift_month(term.end, 1)


def summary_term_due(day: dt.date) -> Term | None:
    """The term whose 学期小结 are due on ``day`` (None between the windows)."""
    for term in (term_of(day), term_of(day).previous()):
        start, end = summary_window(term)
        if start <= day <= end:
            return term
    return None


def looks_like_id_number(text: str) -> bool:
    """Whether ``text`` holds what looks like an ID number (15 or 18 characters of digits,
    the last may be X), spaces and full-width digits ignored."""
    plain = "".join(
        chr(ord(c) - 0xFEE0) if "０" <= c <= "９" or c in "Ｘｘ" else c
        for c in text
        if not c.isspace()
    )
    return bool(_ID_LIKE.search(plain))


def student_name_problem(text: str) -> str | None:
    """What is wrong with ``text`` as the student's name or code (None: nothing)."""
    if not text.strip():
        return "请填写学生的姓名或学校的编号。"
    if looks_like_id_number(text):
        return ID_NUMBER_REFUSED
    return None


def pairing_code(number: int) -> str:
    """The code that may leave the data folder: S001, S002 … (S1000 after S999)."""
    return f"S{number:03d}"


def code_number(code: str) -> int | None:
    """S012 → 12; None for a code not of that shape."""
    if len(code) > 1 and code[0] == "S" and code[1:].isdigit():
        return int(code[1:])
    return None


def active_on(starts_on: dt.date, ends_on: dt.date | None, day: dt.date) -> bool:
    """Whether a pairing from ``starts_on`` to ``ends_on`` (inclusive; None: still on) holds
    on ``day``."""
    return starts_on <= day and (ends_on is None or day <= ends_on)


def overlaps(a: tuple[dt.date, dt.date | None], b: tuple[dt.date, dt.date | None]) -> bool:
    """Whether two spans (inclusive ends, None: open) share a day."""
    far = dt.date.max
    return a[0] <= (b[1] or far) and b[0] <= (a[1] or far)


@dataclass(frozen=True)
class Coverage:
    """How many of the members of a day are paired with a student."""

    paired: int
    members: int

    @property
    def text(self) -> str:
        """「5/12名党员已结对」."""
        return f"{self.paired}/{self.members}名党员已结对"


def coverage(paired_ids: set[int], member_ids: set[int]) -> Coverage:
    """Members of the day paired (members no longer on the roster are not counted)."""
    return Coverage(len(paired_ids & member_ids), len(member_ids))
