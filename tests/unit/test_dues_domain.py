"""党费 rules without a database (rules.md §3): the whole base at one rate, money in 分,
months, arrears streaks and the rate tables as data."""

from __future__ import annotations

import datetime as dt
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jianshi_desktop.domain import dues
from jianshi_desktop.domain.enums import DuesCategory
from jianshi_desktop.paths import resources_dir

TABLES = dues.load_rate_tables(
    (resources_dir() / "rules" / "dues_rates.json").read_text(encoding="utf-8")
)
TABLE = TABLES[0]
EMPLOYED_BANDS = ((300_000, 50), (500_000, 100), (1_000_000, 150), (None, 200))


def _yuan(fen: int) -> int:
    return fen * 100


def test_the_rate_applies_to_the_whole_base_never_marginally() -> None:
    assert dues.monthly_due(TABLE, DuesCategory.EMPLOYED, _yuan(5400)) == _yuan(81)
    assert dues.monthly_due(TABLE, DuesCategory.EMPLOYED, _yuan(3000)) == _yuan(15)
    assert dues.monthly_due(TABLE, DuesCategory.EMPLOYED, _yuan(10001)) == 20002
    assert dues.monthly_due(TABLE, DuesCategory.RETIRED, _yuan(6000)) == _yuan(60)


@pytest.mark.parametrize(
    ("base_yuan", "rate_bp"),
    [
        ("3000", 50),
        ("3000.01", 100),
        ("5000", 100),
        ("5000.01", 150),
        ("10000", 150),
        ("10000.01", 200),
    ],
)
def test_each_band_ends_at_its_limit_inclusive(base_yuan: str, rate_bp: int) -> None:
    base = dues.parse_yuan(base_yuan)
    assert TABLE.band_for(DuesCategory.EMPLOYED, base).rate_bp == rate_bp


@given(st.integers(min_value=0, max_value=5_000_000))
def test_employed_dues_are_the_band_rate_of_the_whole_base(base_fen: int) -> None:
    rate = next(bp for limit, bp in EMPLOYED_BANDS if limit is None or base_fen <= limit)
    expected = (Decimal(base_fen) * rate / 10000).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    assert dues.monthly_due(TABLE, DuesCategory.EMPLOYED, base_fen) == int(expected)


@given(st.integers(min_value=0, max_value=3_000_000), st.integers(min_value=1, max_value=500_000))
def test_a_higher_base_within_a_band_never_pays_less(base_fen: int, rise: int) -> None:
    low = dues.monthly_due(TABLE, DuesCategory.EMPLOYED, base_fen)
    high = dues.monthly_due(TABLE, DuesCategory.EMPLOYED, base_fen + rise)
    same_band = TABLE.band_for(DuesCategory.EMPLOYED, base_fen) == TABLE.band_for(
        DuesCategory.EMPLOYED, base_fen + rise
    )
    assert high >= low or not same_band


def test_fixed_categories_pay_their_amount_within_the_range() -> None:
    assert dues.monthly_due(TABLE, DuesCategory.STUDENT, None) == 20
    assert dues.monthly_due(TABLE, DuesCategory.FARMER, None, 50) == 50
    assert dues.check_fixed(TABLE, DuesCategory.FARMER, 100) is None
    assert dues.check_fixed(TABLE, DuesCategory.FARMER, 101) == "农民党员每月交纳0.20元至1.00元"
    assert dues.check_fixed(TABLE, DuesCategory.STUDENT, 30) == "学生党员每月交纳0.20元"


def test_a_share_category_without_a_base_says_what_is_missing() -> None:
    with pytest.raises(dues.DuesInputError, match="在职党员须填写月工资"):
        dues.monthly_due(TABLE, DuesCategory.EMPLOYED, None)


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("1,234.5元", 123450),
        ("￥81", 8100),
        (" 5 400 元 ", 540000),
        ("1，234.56", 123456),
        ("0", 0),
        (81, 8100),
        (81.5, 8150),
        ("人民币100元", 10000),
        (704.45 + 2984.26 + 4442.99 + 4206.17, 1233787),  # a formula's 12337.869999999999
    ],
)
def test_money_is_read_in_the_forms_people_write_it(text: object, fen: int) -> None:
    assert dues.parse_yuan(text) == fen


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("-5", "不能是负数"),
        ("abc", "不是金额"),
        ("12.345", "最多保留两位小数"),
        ("", "请填写"),
        ("1.2.3", "不是金额"),
        (True, "应是数字"),
        ("99999999", "过大"),
        (12.345, "最多保留两位小数"),  # a number with a real third decimal stays refused
    ],
)
def test_bad_money_gets_a_message_that_says_what_to_fix(text: object, message: str) -> None:
    with pytest.raises(dues.DuesInputError, match=message):
        dues.parse_yuan(text, what="基数")


@given(st.integers(min_value=0, max_value=dues.MAX_BASE_FEN))
def test_money_shown_reads_back_the_same(fen: int) -> None:
    shown = dues.format_yuan(fen)
    assert shown.count(".") == 1 and len(shown.split(".")[1]) == 2
    assert dues.parse_yuan(shown) == fen


def test_months_and_their_names() -> None:
    assert dues.add_months(dt.date(2026, 11, 1), 3) == dt.date(2027, 2, 1)
    assert dues.add_months(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
    assert dues.months_between(dt.date(2026, 11, 20), dt.date(2027, 1, 3)) == [
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
    ]
    assert dues.months_text([dt.date(2026, 9, 1), dt.date(2026, 11, 1)]) == "2026年9月—11月"


def _months(first: str, last: str) -> list[dt.date]:
    return dues.months_between(dt.date.fromisoformat(first), dt.date.fromisoformat(last))


def test_the_streak_counts_months_that_are_over() -> None:
    due = _months("2026-01-01", "2026-12-01")
    paid = _months("2026-01-01", "2026-08-01")
    in_november = dues.arrears(due, paid, today=dt.date(2026, 11, 30))
    assert in_november.streak == tuple(_months("2026-09-01", "2026-10-01"))
    assert in_november.level == 0
    in_december = dues.arrears(due, paid, today=dt.date(2026, 12, 1))
    assert len(in_december.streak) == 3 and in_december.level == dues.WARN_MONTHS
    in_march = dues.arrears(due, paid, today=dt.date(2027, 3, 1))
    assert len(in_march.streak) == 4  # December is the last month due here


def test_a_payment_ends_the_streak_but_earlier_gaps_stay_unpaid() -> None:
    due = _months("2026-01-01", "2026-11-01")
    paid = [m for m in due if m.month not in (2, 3, 4, 5, 6, 7)]
    found = dues.arrears(due, paid, today=dt.date(2026, 12, 7))
    assert found.streak == ()
    assert [m.month for m in found.unpaid] == [2, 3, 4, 5, 6, 7]


def test_six_months_unpaid_asks_for_a_decision() -> None:
    due = _months("2026-01-01", "2026-11-01")
    found = dues.arrears(due, _months("2026-01-01", "2026-05-01"), today=dt.date(2026, 12, 7))
    assert len(found.streak) == 6 and found.level == dues.DECIDE_MONTHS


def test_due_months_follow_the_member_in_the_branch() -> None:
    joined = dues.due_months(
        [(dt.date(2026, 10, 20), None)], start=dt.date(2026, 1, 1), through=dt.date(2026, 12, 1)
    )
    assert [m.month for m in joined] == [10, 11, 12]  # 预备党员 from the 支部大会's month
    left = dues.due_months(
        [(None, dt.date(2026, 3, 10))], start=dt.date(2026, 1, 1), through=dt.date(2026, 12, 1)
    )
    assert [m.month for m in left] == [1, 2, 3]
    came = dues.due_months(
        [(dt.date(2026, 5, 8), None)],
        start=dt.date(2026, 1, 1),
        through=dt.date(2026, 8, 1),
        paid_elsewhere_through=dt.date(2026, 6, 1),
    )
    assert [m.month for m in came] == [7, 8]  # from the month after the last paid elsewhere


def test_paying_too_far_ahead_or_behind_warns() -> None:
    paid_on = dt.date(2026, 12, 5)
    assert dues.check_payment_month(dt.date(2027, 6, 1), paid_on=paid_on, table=TABLE) is None
    ahead = dues.check_payment_month(dt.date(2027, 7, 1), paid_on=paid_on, table=TABLE)
    assert ahead is not None and "预交超过6个月" in ahead
    assert dues.check_payment_month(dt.date(2026, 6, 1), paid_on=paid_on, table=TABLE) is None
    behind = dues.check_payment_month(dt.date(2026, 5, 1), paid_on=paid_on, table=TABLE)
    assert behind is not None and "补交已超过6个月" in behind


def test_a_later_rate_table_governs_only_the_months_from_its_day() -> None:
    data = json.loads((resources_dir() / "rules" / "dues_rates.json").read_text(encoding="utf-8"))
    later = json.loads(json.dumps(data["tables"][0]))
    later["valid_from"] = "2030-01-01"
    later["bands"]["employed"][0]["rate_bp"] = 60
    tables = dues.load_rate_tables(json.dumps({"tables": [later, data["tables"][0]]}))
    before = dues.table_on(tables, dt.date(2029, 12, 1))
    after = dues.table_on(tables, dt.date(2030, 1, 1))
    assert dues.monthly_due(before, DuesCategory.EMPLOYED, _yuan(2000)) == _yuan(10)
    assert dues.monthly_due(after, DuesCategory.EMPLOYED, _yuan(2000)) == _yuan(12)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["bands"]["employed"].pop(), "「在职」的最后一档应没有上限"),
        (lambda t: t["bands"].pop("retired"), "缺少离退休的交纳办法"),
        (lambda t: t.pop("valid_from"), "起用月份为「」的一套写得不对"),
        (lambda t: t["bands"]["employed"].reverse(), "应没有上限"),
    ],
)
def test_a_broken_rate_table_is_refused_in_chinese(change: object, message: str) -> None:
    data = json.loads((resources_dir() / "rules" / "dues_rates.json").read_text(encoding="utf-8"))
    assert callable(change)
    change(data["tables"][0])
    with pytest.raises(dues.DuesInputError, match=message):
        dues.load_rate_tables(json.dumps(data))


def test_the_selftest_names_a_broken_rate_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop import selftest
    from jianshi_desktop.services import dues_ledger

    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "dues_rates.json").write_text('{"tables": [{"valid_from": "x"}]}')
    monkeypatch.setattr(dues_ledger, "resources_dir", lambda: tmp_path)
    dues_ledger.rate_tables.cache_clear()
    try:
        broken = selftest._rules_check()
    finally:
        monkeypatch.undo()
        dues_ledger.rate_tables.cache_clear()
    assert not broken.ok
    assert broken.detail == "党费标准中起用月份为「x」的一套写得不对，请核对 dues_rates.json"
    shipped = selftest._rules_check()
    assert shipped.ok and shipped.detail == "1 套，现行标准自2008年4月起"
