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
