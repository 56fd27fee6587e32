"""ID numbers, dates, phones and the member rules, as a secretary would type them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianshi_desktop.domain.dates import (
    DateParseError,
    FuzzyDate,
    add_years,
    parse_date,
    term_end,
)
from jianshi_desktop.domain.enums import Gender, MemberStatus
from jianshi_desktop.domain.idcard import (
    IdFacts,
    check_char,
    mask_id_number,
    normalise_id_number,
    parse_id_number,
)
from jianshi_desktop.domain.members import (
    MemberFields,
    check_phone,
    expected_full_member_date,
    normalise_phone,
    validate_member,
)
from jianshi_desktop.domain.problems import Problem

TODAY = dt.date(2026, 11, 26)
GOOD_ID = "42282219731125116X"  # 1973-11-25, female (from the shared sample roster)


def make_id(region: str, birth: dt.date, serial: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{serial:03d}"
    return first17 + check_char(first17)


births = st.dates(min_value=dt.date(1920, 1, 1), max_value=dt.date(2008, 12, 31))
serials = st.integers(min_value=0, max_value=999)


@given(births, serials)
def test_a_number_with_its_check_digit_is_valid(birth: dt.date, serial: int) -> None:
    number = make_id("422822", birth, serial)
    facts = parse_id_number(number, today=TODAY)
    assert isinstance(facts, IdFacts)
    assert facts.birth_date == birth
    assert facts.is_male == (serial % 2 == 1)


@given(births, serials, st.integers(min_value=0, max_value=10))
def test_any_other_check_digit_is_refused_naming_the_right_one(
    birth: dt.date, serial: int, wrong: int
) -> None:
    number = make_id("422822", birth, serial)
    bad_char = "0123456789X"[wrong]
    if bad_char == number[-1]:
        return
    problem = parse_id_number(number[:-1] + bad_char, today=TODAY)
    assert isinstance(problem, Problem)
    assert problem.message == f"身份证号码最后一位校验码不正确（应为 {number[-1]}），请核对。"


@given(births, serials, st.integers(min_value=0, max_value=16), st.integers(1, 9))
def test_a_single_mistyped_digit_is_caught(
    birth: dt.date, serial: int, position: int, delta: int
) -> None:
    number = make_id("422822", birth, serial)
    digits = list(number)
    digits[position] = str((int(digits[position]) + delta) % 10)
    assert isinstance(parse_id_number("".join(digits), today=TODAY), Problem)


def test_lower_case_x_full_width_digits_and_spaces_are_accepted() -> None:
    typed = " ４２２８２２ 1973１１２５116x　"
    assert normalise_id_number(typed) == GOOD_ID
    assert isinstance(parse_id_number(typed, today=TODAY), IdFacts)


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("4228221973112511", "应为18位，现在是16位"),
        ("42282219731125116X1", "现在是19位"),
        ("42282219731125A16X", "前17位只能是数字"),
        ("99282219731125116X", "地区码“992822”不存在"),
        ("422822197313251161", "不是有效日期"),
        ("422822203011251161", "不合理"),
        ("", "请填写18位身份证号码"),
    ],
)
def test_each_wrong_number_says_what_to_fix(typed: str, words: str) -> None:
    problem = parse_id_number(typed, today=TODAY)
    assert isinstance(problem, Problem)
    assert words in problem.message


def test_masking_shows_first_six_and_last_four() -> None:
    assert mask_id_number(GOOD_ID) == "422822********116X"


# ---- dates ---------------------------------------------------------------------------


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_written_form_of_a_day_reads_back(day: dt.date) -> None:
    forms = [
        f"{day:%Y-%m-%d}",
        f"{day.year}-{day.month}-{day.day}",
        f"{day:%Y/%m/%d}",
        f"{day:%Y.%m.%d}",
        f"{day:%Y%m%d}",
        f"{day.year}年{day.month}月{day.day}日",
        f" {day.year} 年 {day.month} 月 {day.day} 日　",
        dt.datetime(day.year, day.month, day.day, 8, 30),
        day,
        int(f"{day:%Y%m%d}"),
    ]
    for form in forms:
        assert parse_date(form) == FuzzyDate(day, "day"), form


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_year_and_month_forms_read_as_the_first_with_month_precision(year: int, month: int) -> None:
    expected = FuzzyDate(dt.date(year, month, 1), "month")
    for form in (
        f"{year}.{month:02d}",
        f"{year}年{month}月",
        f"{year}-{month}",
        f"{year}{month:02d}",
    ):
        assert parse_date(form) == expected, form


@given(st.integers(3000, 60000))
def test_excel_serial_numbers(serial: int) -> None:
    assert parse_date(serial).value == dt.date(1899, 12, 30) + dt.timedelta(days=serial)


def test_excel_known_serial() -> None:
    assert parse_date(43831).value == dt.date(2020, 1, 1)
    assert parse_date(1985.03) == FuzzyDate(dt.date(1985, 3, 1), "month")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("1985-02-30", "1985年2月没有30日"),
        ("2019-02-29", "2019年2月没有29日"),
        ("1985-13-01", "月份13不存在"),
        ("1985", "只有年份"),
        ("上个月", "看不懂日期"),
        ("", "日期是空的"),
        (1985.1, "也可能是1985年10月"),
    ],
)
def test_impossible_dates_say_what_is_wrong(typed: object, words: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(typed)
    assert words in caught.value.message


def test_add_months_clamps_to_the_end_of_the_month() -> None:
    from jianshi_desktop.domain.dates import add_months

    assert add_months(dt.date(2026, 8, 31), 6) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 8, 31), 6) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 11, 26), 6) == dt.date(2027, 5, 26)
    assert add_months(dt.date(2026, 1, 15), -1) == dt.date(2025, 12, 15)


def test_leap_day_plus_a_year() -> None:
    assert add_years(dt.date(2020, 2, 29), 1) == dt.date(2021, 2, 28)
    assert expected_full_member_date(dt.date(2019, 11, 23)) == dt.date(2020, 11, 23)


# A term of N years (中办《关于党的基层组织任期的意见》2018: school branches serve 3 years,
# rules.md §1) ends the day before the same date N years later, where the next term
# starts. From 29 February into a common year 民法典 art. 202 (no corresponding day → the
# month's last day) gives 28 February. Today's code ended a term from 2024-02-29 on
# 2027-02-27, a day early.


def test_a_term_from_the_leap_day_ends_on_28_february() -> None:
    assert term_end(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    assert term_end(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 28)
    assert term_end(dt.date(2024, 3, 1), 3) == dt.date(2027, 2, 28)
    assert term_end(dt.date(2024, 3, 1), 4) == dt.date(2028, 2, 29)
    assert term_end(dt.date(2021, 7, 1), 3) == dt.date(2024, 6, 30)
    assert term_end(dt.date(2001, 3, 1), 3) == dt.date(2004, 2, 29)  # found by hypothesis


@given(
    starts=st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31)),
    years=st.integers(min_value=1, max_value=10),
)
def test_a_term_ends_the_day_before_the_same_date_n_years_later(
    starts: dt.date, years: int
) -> None:
    end = term_end(starts, years)
    try:
        same_date = starts.replace(year=starts.year + years)
    except ValueError:  # 29 February in a common year: the term runs to 28 February
        same_date = dt.date(starts.year + years, 3, 1)
    assert end == same_date - dt.timedelta(days=1)
    # terms follow one another without gap or overlap
    assert term_end(end + dt.timedelta(days=1), years) > end
    assert 365 * years - 1 <= (end - starts).days <= 366 * years


def test_the_default_term_of_a_branch_from_the_leap_day(store: object) -> None:
    from jianshi_desktop.services.organization import default_term_end

    assert default_term_end(dt.date(2024, 2, 29)) == dt.date(2027, 2, 28)


# ---- phones --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["13812345678", "138 1234 5678", "１３８１２３４５６７８", "+8613812345678", "0718-3322123"],
)
def test_good_phones(typed: str) -> None:
    assert check_phone(normalise_phone(typed)) is None


@pytest.mark.parametrize(
    ("typed", "words"), [("1381234567", "11位数字"), ("12345", "11位"), ("abc", "不像手机号码")]
)
def test_bad_phones(typed: str, words: str) -> None:
    problem = check_phone(normalise_phone(typed))
    assert problem is not None and words in problem.message


# ---- a member's fields together --------------------------------------------------------


def member(**changes: object) -> MemberFields:
    base = MemberFields(
        name="丁雪艳",
        id_number=GOOD_ID,
        gender=Gender.FEMALE,
        birth_date=dt.date(1973, 11, 25),
        phone="18392771279",
        joined_on=dt.date(1999, 8, 16),
        full_member_on=dt.date(2000, 8, 16),
        status=MemberStatus.FULL,
    )
    return MemberFields(**{**base.__dict__, **changes})  # type: ignore[arg-type]


def errors(fields: MemberFields) -> dict[str, str]:
    return {p.field: p.message for p in validate_member(fields, today=TODAY) if p.is_error}


def test_a_correct_member_has_no_errors() -> None:
    assert errors(member()) == {}


def test_birth_date_and_gender_must_agree_with_the_id() -> None:
    found = errors(member(birth_date=dt.date(1973, 11, 26), gender=Gender.MALE))
    assert "身份证上是1973年11月25日" in found["birth_date"]
    assert "第17位表示“女”" in found["gender"]


def test_a_birth_month_only_agrees_with_the_id() -> None:
    assert errors(member(birth_date=dt.date(1973, 11, 1))) == {}


def test_dates_must_be_in_order() -> None:
    assert "早于出生日期" in errors(member(joined_on=dt.date(1970, 1, 1)))["joined_on"]
    assert "早于入党时间" in errors(member(full_member_on=dt.date(1999, 1, 1)))["full_member_on"]
    assert "不满一年" in errors(member(full_member_on=dt.date(2000, 3, 1)))["full_member_on"]
    assert (
        "晚于今天"
        in errors(member(joined_on=dt.date(2027, 1, 1), full_member_on=None))["joined_on"]
    )


def test_full_membership_is_a_year_after_joining_and_not_in_the_future() -> None:
    # 党章 art. 7; 发展党员工作细则（2014）art. 31: 转正 once the one-year 预备期 has ended,
    # never dated after today (rules.md §7). A full member without a 转正 date who joined
    # less than a year ago is still a 预备党员.
    recent = TODAY - dt.timedelta(days=12)
    found = errors(member(joined_on=recent, full_member_on=None))
    assert "人员类别应为“预备党员”" in found["status"]
    found = errors(member(full_member_on=TODAY + dt.timedelta(days=1)))
    assert "晚于今天" in found["full_member_on"]
    assert errors(member(joined_on=add_years(TODAY, -1), full_member_on=TODAY)) == {}


def test_at_least_eighteen_at_joining() -> None:
    found = errors(member(joined_on=dt.date(1991, 11, 24), full_member_on=None))
    assert "未满18周岁（当时17岁）" in found["joined_on"]
    assert (
        errors(member(joined_on=dt.date(1991, 11, 25), full_member_on=dt.date(1992, 11, 25))) == {}
    )


def test_a_probationary_member_has_no_full_date() -> None:
    found = errors(member(status=MemberStatus.PROBATIONARY))
    assert "预备党员不应有转正时间" in found["full_member_on"]
    assert errors(member(status=MemberStatus.PROBATIONARY, full_member_on=None)) == {}


def test_missing_id_is_a_warning_not_an_error() -> None:
    problems = validate_member(member(id_number=""), today=TODAY)
    assert [p.severity for p in problems if p.field == "id_number"] == ["warning"]
