"""GB/T 9704-2012 geometry both renderers share: the 版头 and the 版记.

Measures are in points from the top of the text block; widths in ems estimated by
:func:`~jianshi_desktop.documents.plan.text_em` (a Chinese character or full-width mark 1,
anything else ½), the measure titles and table columns use too, so that Word and PDF put
the same words on the same lines.

- 版头: the 发文机关标志 in red 小标宋, its top 35 mm below the top of the text block, at
  most ``masthead_max_size_pt`` and narrowed down to 60 %; a name that would have to be
  smaller than :data:`MIN_ISSUER_SIZE` goes onto two (or three) lines instead. Two blank
  lines under it the 发文字号 (upward: left, indented one character, with 「签发人：」 and the
  name in 楷体 on the right, one character from the edge; downward: centred); the red line
  4 mm under the number. The masthead ends on a whole body line, two lines under the red
  line, so that the first page's lines below it stay on the page's 22-line grid down to
  the bottom of the text block.
- 版记: 4号 (14 pt) 仿宋 lines on the body's line pitch, indented one character; 抄送
  (continuation lines aligned after 「抄送：」) above 印发机关 (left) and 印发日期 (right);
  the rules as wide as the text block, the first and last 0.35 mm, the one between
  0.25 mm; the last rule on the bottom edge of the text block.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jianshi_desktop.documents.layout import PageLayout, mm_to_pt
from jianshi_desktop.documents.linebreak import best_breaks, break_lines, title_units
from jianshi_desktop.documents.model import Colophon, Masthead
from jianshi_desktop.documents.plan import text_em

MIN_ISSUER_SCALE = 0.6  # the mark may be narrowed to 60 % of its width
MIN_ISSUER_SIZE = 30.0  # … but not made smaller than this: two lines instead
ISSUER_LINE_PITCH = 1.25  # between the lines of a two-line mark, in sizes
ISSUER_TOP_MM = 35.0
RULE_GAP_MM = 4.0
COLOPHON_SIZE_PT = 14.0
THICK_RULE_PT = mm_to_pt(0.35)
THIN_RULE_PT = mm_to_pt(0.25)


@dataclass(frozen=True)
class MastheadPlan:
    lines: list[str]  # the 发文机关标志, line by line
    size: float
    scale: float  # horizontal scale of the mark's characters (1.0: not narrowed)
    issuer_top: float  # top of the first line's characters
    pitch: float  # from one line of the mark to the next
    number_top: float  # top of the 发文字号's line box (body leading)
    rule_y: float  # the red line's centre
    height: float  # a whole number of body lines
    leading: float  # the body's line pitch


def issuer_lines(issuer: str, layout: PageLayout) -> tuple[list[str], float, float]:
    """The 发文机关标志's lines, size and horizontal scale: one line while it fits at
    :data:`MIN_ISSUER_SIZE` or larger (narrowed to no less than 60 %), else two or three
    lines broken at whole words (after 委员会, 党委, 学校 …) at the size the longest
    line allows, never smaller for being long."""
    width = layout.text_width_pt * 0.96
    largest = layout.masthead_max_size_pt
    units = title_units(issuer)
    ems = [text_em(u) for u in units]
    chosen: tuple[list[str], float] | None = None
    for count in (1, 2, 3):
        if count == 1:
            lines = [issuer]
        else:
            if len(units) < count:
                break
            found = best_breaks(units, ems, count, float("inf"))
            if found is None:
                break
            lines = found
        longest = max(max(text_em(line) for line in lines), 1.0)
        size = min(largest, width / (longest * MIN_ISSUER_SCALE))
        chosen = (lines, size)
        if size >= MIN_ISSUER_SIZE - 0.01:
            break
    assert chosen is not None
    lines, size = chosen
    longest = max(max(text_em(line) for line in lines), 1.0)
    scale = min(1.0, width / (longest * size))
    return lines, size, scale


def masthead_plan(masthead: Masthead, layout: PageLayout) -> MastheadPlan:
    lines, size, scale = issuer_lines(masthead.issuer, layout)
    leading = layout.body_leading_pt
    body = layout.body_size_pt
    top = mm_to_pt(ISSUER_TOP_MM)
    pitch = size * ISSUER_LINE_PITCH
    issuer_bottom = top + (len(lines) - 1) * pitch + size
    number_top = issuer_bottom + 2 * leading
    number_bottom = number_top + (leading + body) / 2
    rule_y = number_bottom + mm_to_pt(RULE_GAP_MM)
    natural = rule_y + layout.red_line_pt / 2 + 2 * leading
    height = math.ceil(natural / leading - 0.02) * leading
    return MastheadPlan(lines, size, scale, top, pitch, number_top, rule_y, height, leading)


@dataclass(frozen=True)
class ColophonRow:
    left: str  # from one character in
    right: str = ""  # ending one character from the right edge
    indent_ems: float = 0.0  # continuation lines of 抄送 start after 「抄送：」


def colophon_rows(colophon: Colophon, layout: PageLayout) -> list[list[ColophonRow]]:
    """The 版记's parts (抄送 when given, then 印发), each as its lines."""
    size = COLOPHON_SIZE_PT
    parts: list[list[ColophonRow]] = []
    copy_to = colophon.copy_to_text
    if copy_to:
        label = "抄送："
        width = layout.text_width_pt - 2 * size - text_em(label) * size
        lines = break_lines(copy_to[len(label) :], width, lambda ch: text_em(ch) * size)
        rows = [ColophonRow(label + lines[0].text)]
        rows.extend(ColophonRow(line.text, indent_ems=text_em(label)) for line in lines[1:])
        parts.append(rows)
    parts.append([ColophonRow(colophon.printed_by, colophon.printed_on_text)])
    return parts


def colophon_height(colophon: Colophon, layout: PageLayout) -> float:
    return sum(len(part) for part in colophon_rows(colophon, layout)) * layout.body_leading_pt
