"""党费 (dues): the rules that need no database (rules.md §3).

Money is integer 分 (fen) everywhere; 元 appear only as text, two decimals. The rate
applies to the **whole** monthly base, never marginally (5400 元 → 1.5 % → 81 元). The
rate tables come from ``resources/rules/dues_rates.json`` (read by the services and handed
here as text), each valid from a month, so a month is reckoned by the table of its own
day. A month is written as the ``datetime.date`` of its first day.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jianshi_desktop.domain.enums import DuesCategory

WARN_MONTHS = 3  # 首页 warns a member this many consecutive months behind
DECIDE_MONTHS = 6  # 党章 art. 9: six months — the branch must decide
FLOAT_SLACK = Decimal("0.0001")  # of a 分: binary noise in a workbook's number
MAX_BASE_FEN = 100_000_000  # 100万元 a month: anything above is a typing slip
SHARE_CATEGORIES = frozenset({DuesCategory.EMPLOYED, DuesCategory.RETIRED})


class DuesInputError(ValueError):
    """Money or a rate table that cannot be read; the message (Chinese) says what to fix."""


# --- months -------------------------------------------------------------------------------


def month_of(day: dt.date) -> dt.date:
    """The month ``day`` falls in, as its first day."""
    return day.replace(day=1)


def add_months(month: dt.date, count: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + count
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every month from ``first`` to ``last``, both included (empty when last < first)."""
    months: list[dt.date] = []
    current = month_of(first)
    end = month_of(last)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def month_label(month: dt.date) -> str:
    return f"{month.year}年{month.month}月"


def months_text(months: Sequence[dt.date]) -> str:
    """「2026年9月—11月」, 「2026年11月」 or 「2025年12月—2026年2月」 for a run of months."""
    if not months:
        return ""
    first, last = months[0], months[-1]
    if first == last:
        return month_label(first)
    if first.year == last.year:
        return f"{month_label(first)}—{last.month}月"
    return f"{month_label(first)}—{month_label(last)}"


# --- money --------------------------------------------------------------------------------

_MONEY = re.compile(r"^\d+(\.\d+)?$")
_NOISE = re.compile(r"[\s,，￥¥]|人民币|元$|圆$")


def parse_yuan(text: object, *, what: str = "金额") -> int:
    """Money as typed or read from a workbook — 「1,234.5元」, 「￥81」, 81, 81.0 — in 分.

    DuesInputError for a negative amount, more than two decimals or anything not a number.
    """
    if isinstance(text, bool):
        raise DuesInputError(f"{what}应是数字，例如 5400 或 5400.50")
    if isinstance(text, int):
        value = Decimal(text)
    elif isinstance(text, float):
        value = Decimal(repr(text))
    else:
        raw = str(text).strip()
        cleaned = _NOISE.sub("", raw)
        cleaned = _NOISE.sub("", cleaned)  # 「1,234.5 元」: the unit, then spaces before it
        if cleaned.startswith("-") or cleaned.startswith("－"):
            raise DuesInputError(f"{what}不能是负数：{raw}")
        if not _MONEY.match(cleaned):
            if not raw:
                raise DuesInputError(f"请填写{what}")
            raise DuesInputError(f"{what}「{raw}」不是金额，请写成数字，例如 5400 或 5400.50")
        value = Decimal(cleaned)
    if value < 0:
        raise DuesInputError(f"{what}不能是负数：{text}")
    fen = value * 100
    if isinstance(text, float) and abs(fen - fen.to_integral_value()) < FLOAT_SLACK:
        # a workbook's formula result (704.45+2984.26+… stored as 12337.869999999999):
        # the 分 it shows, not a third decimal anyone typed
        fen = fen.to_integral_value()
    if fen != fen.to_integral_value():
        raise DuesInputError(f"{what}「{text}」最多保留两位小数（分）")
    if fen > MAX_BASE_FEN:
        raise DuesInputError(f"{what}「{text}」过大，请核对")
    return int(fen)


def format_yuan(fen: int) -> str:
    """分 as 元 with two decimals: 8100 → 「81.00」; negative amounts keep their sign."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


# --- rates --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    up_to_fen: int | None  # inclusive; None: no upper limit
    rate_bp: int  # basis points of the whole base (50 = 0.5 %)


@dataclass(frozen=True)
class FixedAmount:
    default_fen: int
    min_fen: int
    max_fen: int


@dataclass(frozen=True)
class RateTable:
    valid_from: dt.date  # a month
    source: str
    bands: Mapping[DuesCategory, tuple[Band, ...]]
    fixed: Mapping[DuesCategory, FixedAmount]
    late_months: int  # 补交 normally reaches this many months back
    ahead_months: int  # 预交 this many ahead

    def band_for(self, category: DuesCategory, base_fen: int) -> Band:
        for band in self.bands[category]:
            if band.up_to_fen is None or base_fen <= band.up_to_fen:
                return band
        raise DuesInputError(f"党费标准中{category.label}的最高一档缺少上限为空的一档")

    def uses_base(self, category: DuesCategory) -> bool:
        return category in self.bands


def _category_name(key: str) -> str:
    """在职 for ``employed``; the key itself for a category this version does not know."""
    try:
        return DuesCategory(key).label
    except ValueError:
        return key


def _table(entry: Mapping[str, object]) -> RateTable:
    try:
        valid_from = month_of(dt.date.fromisoformat(str(entry["valid_from"])))
        bands_data = entry.get("bands", {})
        fixed_data = entry.get("fixed", {})
        assert isinstance(bands_data, dict) and isinstance(fixed_data, dict)
        bands: dict[DuesCategory, tuple[Band, ...]] = {}
        for key, rows in bands_data.items():
            parsed = tuple(
                Band(
                    None
                    if row["up_to_yuan"] is None
                    else int(Decimal(str(row["up_to_yuan"])) * 100),
                    int(row["rate_bp"]),
                )
                for row in rows
            )
            limits = [band.up_to_fen for band in parsed]
            if not parsed or limits[-1] is not None or None in limits[:-1]:
                raise DuesInputError(
                    f"党费标准中「{_category_name(key)}」的最后一档应没有上限，其余各档应有上限"
                )
            if limits[:-1] != sorted({limit for limit in limits[:-1] if limit is not None}):
                raise DuesInputError(f"党费标准中「{_category_name(key)}」的各档上限应从小到大")
            if any(band.rate_bp < 0 for band in parsed):
                raise DuesInputError(f"党费标准中「{_category_name(key)}」的比例不能为负")
            bands[DuesCategory(key)] = parsed
        fixed = {
            DuesCategory(key): FixedAmount(
                int(value["default_fen"]), int(value["min_fen"]), int(value["max_fen"])
            )
            for key, value in fixed_data.items()
        }
        for key, amount in fixed.items():
            if not 0 <= amount.min_fen <= amount.default_fen <= amount.max_fen:
                raise DuesInputError(f"党费标准中「{key.label}」的固定金额范围不对")
        return RateTable(
            valid_from=valid_from,
            source=str(entry.get("source", "")),
            bands=bands,
            fixed=fixed,
            late_months=int(str(entry.get("late_months", 6))),
            ahead_months=int(str(entry.get("ahead_months", 6))),
        )
    except DuesInputError:
        raise
    except (KeyError, TypeError, ValueError, AssertionError, InvalidOperation) as exc:
        when = entry.get("valid_from", "") if isinstance(entry, Mapping) else ""
        raise DuesInputError(
            f"党费标准中起用月份为「{when}」的一套写得不对，请核对 dues_rates.json"
        ) from exc


def load_rate_tables(text: str) -> tuple[RateTable, ...]:
    """The rate tables of ``dues_rates.json`` (text), oldest first. Every category must be
    reckoned by bands or a fixed amount in every table."""
    try:
        data = json.loads(text)
        entries = data["tables"]
    except (ValueError, KeyError, TypeError) as exc:
        raise DuesInputError("党费标准文件无法读取，请核对 dues_rates.json") from exc
    if not isinstance(entries, list) or not entries:
        raise DuesInputError("党费标准文件中没有任何一套标准")
    tables = sorted((_table(entry) for entry in entries), key=lambda table: table.valid_from)
    for table in tables:
        missing = [c.label for c in DuesCategory if c not in table.bands and c not in table.fixed]
        if missing:
            raise DuesInputError(f"党费标准缺少{'、'.join(missing)}的交纳办法")
    return tuple(tables)


def table_on(tables: Sequence[RateTable], month: dt.date) -> RateTable:
    """The table in force in ``month`` (the earliest one for months before them all)."""
    chosen = tables[0]
    for table in tables:
        if table.valid_from <= month:
            chosen = table
    return chosen


def rate_text(rate_bp: int) -> str:
    """50 → 「0.5%」, 150 → 「1.5%」, 100 → 「1%」."""
    value = Decimal(rate_bp) / 100
    text = format(value.normalize(), "f")
    return f"{text}%"


def monthly_due(
    table: RateTable, category: DuesCategory, base_fen: int | None, fixed_fen: int | None = None
) -> int:
    """The month's dues in 分: the band's rate on the whole base, rounded half up to the
    分; or the fixed amount (the branch's choice within the range, else the default)."""
    if table.uses_base(category):
        if base_fen is None:
            raise DuesInputError(f"{category.label}党员须填写月工资（离退休费）基数")
        if base_fen < 0:
            raise DuesInputError("基数不能是负数")
        band = table.band_for(category, base_fen)
        exact = Decimal(base_fen) * band.rate_bp / Decimal(10000)
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    amount = table.fixed[category]
    return amount.default_fen if fixed_fen is None else fixed_fen


def check_fixed(table: RateTable, category: DuesCategory, fixed_fen: int) -> str | None:
    """The message for a fixed amount outside the category's range, or None."""
    if table.uses_base(category):
        return None
    amount = table.fixed[category]
    if amount.min_fen <= fixed_fen <= amount.max_fen:
        return None
    if amount.min_fen == amount.max_fen:
        return f"{category.label}党员每月交纳{format_yuan(amount.min_fen)}元"
    return (
        f"{category.label}党员每月交纳{format_yuan(amount.min_fen)}元至"
        f"{format_yuan(amount.max_fen)}元"
    )


# --- arrears ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arrears:
    """A member's unpaid months: ``streak`` the consecutive run ending with the last month
    that is over (the one the warnings count), ``unpaid`` every unpaid month before."""

    streak: tuple[dt.date, ...]
    unpaid: tuple[dt.date, ...]

    @property
    def level(self) -> int:
        """0, WARN_MONTHS or DECIDE_MONTHS: the warning the streak has reached."""
        if len(self.streak) >= DECIDE_MONTHS:
            return DECIDE_MONTHS
        if len(self.streak) >= WARN_MONTHS:
            return WARN_MONTHS
        return 0


def arrears(due: Iterable[dt.date], paid: Iterable[dt.date], *, today: dt.date) -> Arrears:
    """The months of ``due`` that are over by ``today`` and not in ``paid``.

    A month is over once it has ended: on 7 December, November is the last month that can
    be behind. The streak ends with the last month that is over and was due; a month the
    member was not due (not yet joined, transferred away) breaks no streak — it is simply
    not in ``due``.
    """
    paid_set = set(paid)
    current = month_of(today)
    over = sorted(month for month in set(due) if month < current)
    unpaid = [month for month in over if month not in paid_set]
    streak: list[dt.date] = []
    for month in reversed(over):
        if month in paid_set:
            break
        streak.append(month)
    return Arrears(streak=tuple(reversed(streak)), unpaid=tuple(unpaid))


def due_months(
    spans: Iterable[tuple[dt.date | None, dt.date | None]],
    *,
    start: dt.date,
    through: dt.date,
    paid_elsewhere_through: dt.date | None = None,
) -> list[dt.date]:
    """The months a member owes dues in this branch, from ``start`` (the first month the
    branch keeps its dues here) to ``through``, both months.

    ``spans``: the member's stretches in the branch (first and last day, inclusive, None
    open). A member owes every month in which they were in the branch on any day (预备党员
    from the month of the 支部大会 that accepted them). ``paid_elsewhere_through``: a member
    transferred in owes from the month after their last payment elsewhere.
    """
    months: set[dt.date] = set()
    first_allowed = month_of(start)
    if paid_elsewhere_through is not None:
        first_allowed = max(first_allowed, add_months(month_of(paid_elsewhere_through), 1))
    last = month_of(through)
    for first_day, last_day in spans:
        begin = first_allowed if first_day is None else max(first_allowed, month_of(first_day))
        end = last if last_day is None else min(last, month_of(last_day))
        months.update(months_between(begin, end))
    return sorted(months)


def check_payment_month(month: dt.date, *, paid_on: dt.date, table: RateTable) -> str | None:
    """The warning for a month paid too far ahead (预交) or behind (补交), or None."""
    paid_month = month_of(paid_on)
    if month > add_months(paid_month, table.ahead_months):
        return f"{month_label(month)}的党费预交超过{table.ahead_months}个月，一般不应提前这么多"
    if month < add_months(paid_month, -table.late_months):
        return f"{month_label(month)}的党费补交已超过{table.late_months}个月"
    return None
