"""学习培训: the rules that need no database — class hours (学时) as typed, the days a
training lasts, and the yearly minimum of ``resources/rules/training.json``.

Standard library only. The hours are a :class:`~decimal.Decimal` with at most one decimal
(the model keeps ``Decimal(6,1)``); they are typed as text, so that a slip is told in words.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

MAX_HOURS_PER_DAY = 10  # more than this a day is surely a slip (a day has 8 or so 学时)
MAX_HOURS = Decimal("1000")  # a training of more than 1000 学时 is a slip too


class TrainingRulesError(ValueError):
    """``training.json`` cannot be used; the message says what to fix (Chinese)."""


@dataclass(frozen=True)
class TrainingRules:
    min_hours_per_year: Decimal
    source: str


def load_rules(text: str) -> TrainingRules:
    """The rules of ``training.json`` (text); a broken file is named in Chinese."""
    try:
        data = json.loads(text)
        minimum = Decimal(str(data["min_hours_per_year"]))
        source = str(data["source"]).strip()
    except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
        raise TrainingRulesError(
            "学习培训规则文件无法读取，请核对 training.json（或重新安装本程序）"
        ) from exc
    if not minimum.is_finite() or minimum <= 0 or minimum > MAX_HOURS:
        raise TrainingRulesError(
            "学习培训规则文件中每年最少学时（min_hours_per_year）应为大于0的数，"
            "请核对 training.json"
        )
    return TrainingRules(min_hours_per_year=minimum, source=source)


class HoursError(ValueError):
    """Class hours typed wrong; ``str()`` says how to write them (Chinese)."""


def parse_hours(text: str) -> Decimal:
    """「16」「2.5」「１６」 → Decimal; HoursError with a message saying what to fix."""
    typed = text.strip().replace("．", ".").translate(_FULL_WIDTH_DIGITS)
    typed = typed.removesuffix("学时").strip()
    if not typed:
        raise HoursError("请填写学时数，如 16 或 2.5。")
    try:
        hours = Decimal(typed)
    except InvalidOperation:
        raise HoursError(f"学时“{text.strip()}”不是数字，请填写如 16 或 2.5。") from None
    if not hours.is_finite():
        raise HoursError(f"学时“{text.strip()}”不是数字，请填写如 16 或 2.5。")
    if hours <= 0:
        raise HoursError("学时数应大于0。")
    exponent = hours.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -1:
        raise HoursError("学时最多保留一位小数，如 2.5。")
    if hours > MAX_HOURS:
        raise HoursError(
            f"学时数{format_hours(hours)}太大了，请核对（一次培训一般不超过几十学时）。"
        )
    return hours


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def format_hours(hours: Decimal | int) -> str:
    """16 → 「16」, 2.50 → 「2.5」: as a secretary writes it."""
    value = Decimal(hours).quantize(Decimal("0.1"))
    text = f"{value:f}"
    return text.removesuffix(".0")


def days_of(held_on: dt.date, ends_on: dt.date | None) -> int:
    """How many days a training lasts, its first and last day included (one without an end)."""
    if ends_on is None or ends_on < held_on:
        return 1
    return (ends_on - held_on).days + 1


def too_many_hours(hours: Decimal, days: int) -> bool:
    """More than :data:`MAX_HOURS_PER_DAY` a day on average."""
    return hours > MAX_HOURS_PER_DAY * days


def when_text(held_on: dt.date, ends_on: dt.date | None) -> str:
    """「2026年3月5日」, 「2026年3月5日至7日」, 「2026年3月30日至4月2日」."""
    first = f"{held_on.year}年{held_on.month}月{held_on.day}日"
    if ends_on is None or ends_on <= held_on:
        return first
    if ends_on.year != held_on.year:
        return f"{first}至{ends_on.year}年{ends_on.month}月{ends_on.day}日"
    if ends_on.month != held_on.month:
        return f"{first}至{ends_on.month}月{ends_on.day}日"
    return f"{first}至{ends_on.day}日"
