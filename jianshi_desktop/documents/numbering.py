"""Chinese numerals and the four heading levels of official documents.

GB/T 9704-2012 numbers the levels of a document's structure "一、", "（一）", "1." and
"（1）"; a new higher-level heading restarts the counts below it.
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
HEADING_LEVELS = (1, 2, 3, 4)


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (1 to 99)."""
    if not 1 <= number <= 99:
        raise ValueError(f"chinese_numeral: {number} is outside 1..99")
    tens, units = divmod(number, 10)
    if tens == 0:
        return _DIGITS[units]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[units] if units else "")


def heading_number(level: int, index: int) -> str:
    """The number of the ``index``-th heading (from 1) at ``level``: 一、 （一） 1. （1）."""
    if level == 1:
        return f"{chinese_numeral(index)}、"
    if level == 2:
        return f"（{chinese_numeral(index)}）"
    if level == 3:
        return f"{index}."
    if level == 4:
        return f"（{index}）"
    raise ValueError(f"heading level {level} is outside 1..4")


class HeadingCounter:
    """Counts headings in reading order; a heading restarts the counts of deeper levels."""

    def __init__(self) -> None:
        self._counts = [0, 0, 0, 0]

    def next(self, level: int) -> str:
        if level not in HEADING_LEVELS:
            raise ValueError(f"heading level {level} is outside 1..4")
        self._counts[level - 1] += 1
        for deeper in range(level, 4):
            self._counts[deeper] = 0
        return heading_number(level, self._counts[level - 1])

    def reset(self) -> None:
        self._counts = [0, 0, 0, 0]
