"""Reporting periods as the command line and the county name them."""

from __future__ import annotations

import datetime as dt

import pytest

from jianshi_desktop.domain.periods import PeriodError, parse_period


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2020Q3", dt.date(2020, 7, 1), dt.date(2020, 9, 30), "2020年第三季度"),
        ("2020q1", dt.date(2020, 1, 1), dt.date(2020, 3, 31), "2020年第一季度"),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), "2020年2月"),
        ("2020-12", dt.date(2020, 12, 1), dt.date(2020, 12, 31), "2020年12月"),
        ("2020H2", dt.date(2020, 7, 1), dt.date(2020, 12, 31), "2020年下半年"),
        ("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020年"),
        (
            "2020-07-15..2020-08-14",
            dt.date(2020, 7, 15),
            dt.date(2020, 8, 14),
            "2020年7月15日至2020年8月14日",
        ),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert parse_period(period.code) == period


@pytest.mark.parametrize("text", ["2020Q5", "2020-13", "第三季度", "2020-02-30..2020-03-01", ""])
def test_bad_periods_say_how_to_write_them(text: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert "2020Q3" in caught.value.message


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period("2020-09-30..2020-07-01")
    assert "早于" in caught.value.message


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        (
            "2020..2026",
            dt.date(2020, 1, 1),
            dt.date(2026, 12, 31),
            "2020年1月1日至2026年12月31日",
        ),
        (
            " 2026-01..2026-03 ",
            dt.date(2026, 1, 1),
            dt.date(2026, 3, 31),
            "2026年1月1日至2026年3月31日",
        ),
        (
            "2026q1..2026q2",
            dt.date(2026, 1, 1),
            dt.date(2026, 6, 30),
            "2026年1月1日至2026年6月30日",
        ),
        (
            "2026..2026Q1",
            dt.date(2026, 1, 1),
            dt.date(2026, 3, 31),
            "2026年1月1日至2026年3月31日",
        ),
        (
            "2026Q1..2026-03",
            dt.date(2026, 1, 1),
            dt.date(2026, 3, 31),
            "2026年1月1日至2026年3月31日",
        ),
        ("2026..2026", dt.date(2026, 1, 1), dt.date(2026, 12, 31), "2026年"),
        (
            "2026-03..2026-04-15",
            dt.date(2026, 3, 1),
            dt.date(2026, 4, 15),
            "2026年3月1日至2026年4月15日",
        ),
    ],
)
def test_ranges_of_short_forms(text: str, start: dt.date, end: dt.date, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert parse_period(period.code) == period


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("2020..2026", "2020-01-01..2026-12-31"),
        ("2026-01..2026-03", "2026-01-01..2026-03-31"),
        ("2025-11..2026-02", "2025-11-01..2026-02-28"),
        ("2026Q1..2026Q2", "2026-01-01..2026-06-30"),
        ("2025Q4..2026Q1", "2025-10-01..2026-03-31"),
        ("2026H1..2026H2", "2026-01-01..2026-12-31"),
        ("2026..2026Q1", "2026-01-01..2026-03-31"),
        ("2026-01..2026Q1", "2026-01-01..2026-03-31"),
    ],
)
def test_a_range_is_the_same_period_as_the_long_form(short: str, long: str) -> None:
    # A report is kept per period code: the same dates written two ways must not give two
    # drafts, two 定稿 or two codes in a package.
    assert parse_period(short) == parse_period(long)


def test_a_year_range_covers_what_the_long_form_covers() -> None:
    short = parse_period("2020..2026")
    assert (short.start, short.end) == (dt.date(2020, 1, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2026..2020", "早于"),
        ("2026-03..2026-01", "早于"),
        ("2020..", "缺少起点或终点"),
        ("..2026", "缺少起点或终点"),
        ("2020..2026-13", "月份“13”不存在"),
        ("2020..明年", "看不懂期间“明年”"),
        ("2020Q7", "第1至第4季度"),
        ("2020H3", "H1"),
        ("2020..2026..2027", "看不懂"),
    ],
)
def test_bad_ranges_are_refused_in_chinese(text: str, said: str) -> None:
    with pytest.raises(PeriodError) as caught:
        parse_period(text)
    assert said in caught.value.message
