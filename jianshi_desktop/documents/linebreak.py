"""Breaking Chinese text into lines, with the line-start and line-end rules (禁则).

reportlab's ``wordWrap='CJK'`` may start a line with "，" or "。"; this breaker never does
unless a line would otherwise be empty. When the character that would open the next line
is a closing mark (，。、；：？！）》」 …) the breaker moves the last character of the line
down with it, as Word does; an opening mark (（《「“) is never left at a line's end.
"——" and "……" are never split; runs of Latin letters and digits ("2020", "13.5%") stay
whole unless a run alone is wider than the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

NO_LINE_START = frozenset("，。、；：？！）》」』〕】〉〗〙｝”’…‥·・％‰℃°,.;:?!)]}%～〜")
NO_LINE_END = frozenset("（《「『〔【〈〖〘｛“‘([{")
_TOKEN = re.compile(r"——|……|[A-Za-z0-9]+(?:[.,:/%'-][A-Za-z0-9]+)*|[ \t]+|.", re.DOTALL)
_FIT = 0.05  # points of tolerance for rounding


@dataclass(frozen=True)
class Line:
    """One line: its text, its width (each character's advance plus character spacing), its
    indent, and whether it ends a paragraph or a forced break (such lines are not justified)."""

    text: str
    width: float
    last: bool
    indent: float = 0.0


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def break_lines(
    text: str,
    width: float,
    char_width: Callable[[str], float],
    *,
    first_indent: float = 0.0,
    char_space: float = 0.0,
    indent_every_paragraph: bool = False,
) -> list[Line]:
    """Lines of ``text`` no wider than ``width``.

    ``char_width(ch)`` is the advance of one character; ``char_space`` is added after every
    character. ``\\n`` forces a break; the first line is narrower by ``first_indent`` (and
    every line after a ``\\n`` too when ``indent_every_paragraph``).
    """
    lines: list[Line] = []
    widths: dict[str, float] = {}

    def measure(token: str) -> float:
        found = widths.get(token)
        if found is None:
            found = sum(char_width(ch) for ch in token) + char_space * len(token)
            widths[token] = found
        return found

    for number, part in enumerate(text.split("\n")):
        indent = first_indent if number == 0 or indent_every_paragraph else 0.0
        lines.extend(_break_part(part, width, indent, measure))
    return lines


def _break_part(
    text: str, width: float, indent: float, measure: Callable[[str], float]
) -> list[Line]:
    items = tokens(text)
    if not items:
        return [Line("", 0.0, last=True, indent=indent)]
    sizes = [measure(t) for t in items]
    lines: list[Line] = []
    start = 0
    count = len(items)
    while start < count:
        available = width - (indent if not lines else 0.0)
        end = start
        used = 0.0
        while end < count and used + sizes[end] <= available + _FIT:
            used += sizes[end]
            end += 1
        if end == count:
            lines.append(
                _line(items, sizes, start, end, last=True, indent=0.0 if lines else indent)
            )
            break
        if end == start:
            # One token wider than the line: split it into characters.
            chars = list(items[start])
            if len(chars) == 1:
                end = start + 1  # a single character wider than the line: let it overflow
            else:
                items[start : start + 1] = chars
                sizes[start : start + 1] = [measure(c) for c in chars]
                count = len(items)
                continue
        else:
            ruled = _respect_rules(items, start, end)
            # The word to give characters up from: the last one on the line, looking past
            # spaces and past closing marks that cling to it ("2020、" → "2020").
            word = end - 1
            while word > start and (
                items[word].isspace() or (len(items[word]) == 1 and items[word] in NO_LINE_START)
            ):
                word -= 1
            if ruled == end and _breaks_rule(items, end) and len(items[word]) > 1:
                # only one word on the line: give up its last character instead
                chars = list(items[word])
                items[word : word + 1] = chars
                sizes[word : word + 1] = [measure(c) for c in chars]
                count = len(items)
                continue
            end = ruled
        lines.append(_line(items, sizes, start, end, last=False, indent=0.0 if lines else indent))
        start = end
        while start < count and items[start].isspace():
            start += 1
    return lines


def _respect_rules(items: list[str], start: int, end: int) -> int:
    """Move the break back so that the next line does not open with a closing mark and this
    line does not end with an opening mark; give up rather than empty the line."""
    candidate = end
    while candidate > start + 1 and _breaks_rule(items, candidate):
        candidate -= 1
    if _breaks_rule(items, candidate):
        return end
    return candidate


def _breaks_rule(items: list[str], at: int) -> bool:
    """Would a break before ``items[at]`` break a rule (looking past spaces)?"""
    after = at
    while after < len(items) - 1 and items[after].isspace():
        after += 1
    before = at - 1
    while before > 0 and items[before].isspace():
        before -= 1
    return items[after][0] in NO_LINE_START or items[before][-1] in NO_LINE_END


def _line(
    items: list[str], sizes: list[float], start: int, end: int, *, last: bool, indent: float
) -> Line:
    while end > start and items[end - 1].isspace() and not last:
        end -= 1
    text = "".join(items[start:end])
    return Line(text, sum(sizes[start:end]), last=last, indent=indent)
