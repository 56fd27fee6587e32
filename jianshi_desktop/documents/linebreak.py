"""Breaking Chinese text into lines, with the line-start and line-end rules (禁则).

reportlab's ``wordWrap='CJK'`` may start a line with "，" or "。"; this breaker never does
unless a line would otherwise be empty. When the character that would open the next line
is a closing mark (，。、；：？！）》」 …) the breaker moves the last character of the line
down with it, as Word does; an opening mark (（《「“) is never left at a line's end.
"——" and "……" are never split; runs of Latin letters and digits ("2020", "13.5%") stay
whole unless a run alone is wider than the line.

Titles (and long issuing-body names) are broken by :func:`title_lines` at whole phrases:
never inside a quoted phrase, a number with its unit or a Latin word, into the fewest
even lines shaped as a trapezoid or a diamond (GB/T 9704).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from jianshi_desktop.documents.plan import text_em  # the one estimate of widths in ems

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

    # Word and the PDF add ``char_space`` after every character; LibreOffice, which lays out
    # the Word file where Word is not installed, not after the last character of a script
    # portion (Chinese before a digit or a Latin letter, and back, and at a line's end).
    # Lines are measured as LibreOffice measures them, so that it breaks them as the PDF.
    for number, part in enumerate(text.split("\n")):
        indent = first_indent if number == 0 or indent_every_paragraph else 0.0
        lines.extend(_break_part(part, width, indent, measure, -char_space))
    return lines


def _script(ch: str) -> str | None:
    """LibreOffice's script of a character: Latin (letters, digits, "·", "×", "°"), Asian
    (the rest: Chinese, full-width forms, "①", "℃", "Ⅱ", "→", "★"), or none (spaces and
    general punctuation such as —“”…, which take the script of the character before)."""
    code = ord(ch)
    if ch.isspace() or 0x2000 <= code <= 0x206F:
        return None
    return "latin" if code < 0x2000 else "asian"


def _script_changes(items: list[str], at: int) -> bool:
    """Does a new script portion start at ``items[at]`` (Chinese after a digit, a digit or
    a Latin letter after Chinese)?"""
    script = _script(items[at][0])
    if script is None:
        return False
    for index in range(at - 1, -1, -1):
        for ch in reversed(items[index]):
            before = _script(ch)
            if before is not None:
                return before != script
    return False


def _break_part(
    text: str,
    width: float,
    indent: float,
    measure: Callable[[str], float],
    script_change: float = 0.0,
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
        while end < count:
            step = sizes[end]
            if script_change and end > start and _script_changes(items, end):
                step += script_change  # no spacing after the last character of a portion
            # nor after the line's last character, which ends a portion too
            if used + step + script_change > available + _FIT:
                break
            used += step
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


# -- titles: whole phrases, a trapezoid or a diamond (GB/T 9704 7.3.1) ---------------------

# Spans a title line never breaks inside: a quoted or bracketed phrase, and a number with
# its unit ("2026年", "第三季度", "第11次"); runs of these stay together
# ("2026年第三季度", "2026年上半年").
_CN_DIGITS = "〇零一二三四五六七八九十百千两"
_UNIT = (
    "年度|学年|年|上半年|下半年|季度|月份|月|日|号|次|届|批|期|个|名|人|项|条|周年|周|天"
    "|小时|分钟|%|％"
)
_PROTECTED = re.compile(
    r"“[^”]{0,40}”|‘[^’]{0,40}’|《[^》]{0,40}》|（[^）]{0,40}）|\([^)]{0,40}\)"
    r"|〔[^〕]{0,10}〕|「[^」]{0,40}」|『[^』]{0,40}』|【[^】]{0,40}】"
    rf"|(?:第)?(?:\d+(?:[.．]\d+)?|[{_CN_DIGITS}]+)\s*(?:{_UNIT})"
    r"|(?<=年)(?:上半年|下半年|全年)"
    r"|\d+(?:[—\-－~～至]\d+)?(?:[.．:：/]\d+)*"
    r"|[A-Za-z][A-Za-z0-9·.\-]*"
)
# Where a title reads well broken: after these …
_GOOD_AFTER = (
    "关于",
    "的",
    "和",
    "与",
    "及",
    "、",
    "党支部",
    "支部",
    "委员会",
    "党委",
    "党总支",
    "学校",
    "小学",
    "中学",
    "幼儿园",
    "工作",
    "情况",
    "活动",
    "会议",
    "”",
    "》",
    "）",
)
# … and before these.
_GOOD_BEFORE = ("关于", "开展", "召开", "党建", "党员", "落实", "加强", "做好", "进一步")
_WEAK_BREAK = 8.0  # ems of imbalance a break inside an unknown run of characters costs
_SHAPE = 2.0  # ems a shape other than a trapezoid or diamond costs


def title_units(text: str) -> list[str]:
    """``text`` cut where a title line may break: protected spans (quotes, numbers with
    their units, Latin words) whole, every other character alone; a closing mark clings to
    what it closes and an opening mark to what it opens."""
    units: list[str] = []
    position = 0
    spans: list[tuple[int, int]] = []
    for match in _PROTECTED.finditer(text):
        if spans and match.start() == spans[-1][1] and _is_number(text, match):
            spans[-1] = (spans[-1][0], match.end())  # 2026年 + 第三季度
        else:
            spans.append((match.start(), match.end()))
    for start, end in spans:
        units.extend(text[position:start])
        units.append(text[start:end])
        position = end
    units.extend(text[position:])
    merged: list[str] = []
    for unit in units:
        if merged and (unit[0] in NO_LINE_START or merged[-1][-1] in NO_LINE_END):
            merged[-1] += unit
        else:
            merged.append(unit)
    return merged


def _is_number(text: str, match: re.Match[str]) -> bool:
    return match.group(0)[0] not in "“‘《（(〔「『【" and (
        match.group(0)[0].isdigit() or match.group(0)[0] in "第上下全" + _CN_DIGITS
    )


def _break_cost(before: str, after: str) -> float:
    if before.endswith(_GOOD_AFTER) or after.startswith(_GOOD_BEFORE):
        return 0.0
    return _WEAK_BREAK


def title_lines(text: str, size: float, width: float, *, max_lines: int = 4) -> list[str]:
    """A title broken into lines no wider than ``width`` (widths in ems of ``size``): as
    few lines as fit, never inside a quoted phrase, a number with its unit or a Latin
    word; among the ways to break, the one with the best breaks (after 的, 关于, 党支部 …)
    and the most even lines, shaped as a trapezoid (each line no longer than the one
    above, or no shorter) or a diamond. Lines broken by hand (``\\n``) are kept."""
    if "\n" in text:
        return text.split("\n")
    per_line = width / size + 0.01
    if text_em(text) <= per_line:
        return [text]
    units = title_units(text)
    ems = [text_em(u) for u in units]
    total = sum(ems)
    least = max(2, math.ceil(total / per_line - 0.001))
    for count in range(least, max_lines + 1):
        best = best_breaks(units, ems, count, per_line)
        if best is not None:
            return best
    return [line.text for line in break_lines(text, width, lambda ch: text_em(ch) * size)]


def best_breaks(
    units: list[str], ems: list[float], count: int, per_line: float
) -> list[str] | None:
    prefix = [0.0]
    for value in ems:
        prefix.append(prefix[-1] + value)
    n = len(units)
    best: tuple[float, list[int]] | None = None

    def search(start: int, left: int, cuts: list[int], cost: float) -> None:
        nonlocal best
        if left == 1:
            if prefix[n] - prefix[start] > per_line:
                return
            bounds = [0, *cuts, n]
            lengths = [prefix[b] - prefix[a] for a, b in itertools.pairwise(bounds)]
            score = cost + max(lengths) - min(lengths) + _shape_cost(lengths)
            if best is None or score < best[0]:
                best = (score, list(cuts))
            return
        for end in range(start + 1, n):
            if prefix[end] - prefix[start] > per_line:
                break
            step = _break_cost(units[end - 1], units[end])
            search(end, left - 1, [*cuts, end], cost + step)

    search(0, count, [], 0.0)
    if best is None:
        return None
    bounds = [0, *best[1], n]
    return ["".join(units[a:b]) for a, b in itertools.pairwise(bounds)]


def _shape_cost(lengths: list[float]) -> float:
    pairs = list(itertools.pairwise(lengths))
    if all(a >= b for a, b in pairs) or all(a <= b for a, b in pairs):
        return 0.0  # a trapezoid, upright or inverted
    top = lengths.index(max(lengths))
    rising = all(a <= b for a, b in pairs[:top])
    falling = all(a >= b for a, b in pairs[top:])
    return 0.0 if rising and falling else _SHAPE  # a diamond


def balanced_title(text: str, size: float, width: float) -> str:
    """The title as printed: its lines joined by ``\\n`` (see :func:`title_lines`)."""
    return "\n".join(title_lines(text, size, width))
