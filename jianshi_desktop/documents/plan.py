"""Geometry both renderers share, so that Word and PDF put things in the same places.

Widths here are estimated in ems (a Chinese character or full-width mark is 1 em, anything
else half an em), not measured with a font: Word measures with the reader's fonts, which
the PDF side cannot know, and full-width text is 1 em in every Chinese font.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from jianshi_desktop.documents.layout import PageLayout
from jianshi_desktop.documents.model import Cover, FontRole

ASCENT = 0.88  # the em box of Chinese fonts runs from -0.12 em to 0.88 em around the baseline


def text_em(text: str) -> float:
    """Width of ``text`` in ems: full-width characters 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def heading_role(level: int) -> FontRole:
    """一、 黑体; （一） 楷体; 1. and （1） 仿宋 (GB/T 9704)."""
    return {1: "heading1", 2: "heading2"}.get(level, "body")  # type: ignore[return-value]


MIN_MASTHEAD_SCALE = 0.6


def masthead_size(issuer: str, layout: PageLayout) -> tuple[float, float]:
    """Size (pt) and horizontal scale of the issuer's mark: as large as the layout allows,
    narrowed (down to 60 %) and then made smaller until it fits the text block's width."""
    width = layout.text_width_pt * 0.96
    ems = max(text_em(issuer), 1.0)
    size = layout.masthead_max_size_pt
    scale = min(1.0, width / (ems * size))
    if scale < MIN_MASTHEAD_SCALE:
        scale = MIN_MASTHEAD_SCALE
        size = width / (ems * scale)
    return size, scale


def signature_indents(signer: str, date: str, size: float) -> tuple[float, float]:
    """Right indents (pt) of the signer and the date.

    The date stands four characters from the right with the signer centred above it; a
    signer too long for that stands two characters from the right with the date centred
    under it.
    """
    date_right = 4 * size
    signer_right = date_right + (text_em(date) - text_em(signer)) * size / 2
    if signer_right < 2 * size:
        signer_right = 2 * size
        date_right = signer_right + (text_em(signer) - text_em(date)) * size / 2
    return signer_right, date_right


_GOOD_BREAK_AFTER = set("的于和与及年度部会校镇县区")


def balanced_title(text: str, size: float, width: float) -> str:
    """A long title broken by hand into balanced lines (GB/T 9704: a trapezoid, words kept
    whole): breaks near equal lengths, preferring after 的/于/年/度/部 …, never inside a
    number or before a closing mark. Titles with their own line breaks are kept."""
    from jianshi_desktop.documents.linebreak import NO_LINE_END, NO_LINE_START, tokens

    if "\n" in text or text_em(text) * size <= width:
        return text
    per_line = max(int(width // size), 2)
    items = tokens(text)
    ems = [text_em(t) for t in items]
    total = sum(ems)
    lines = -(-int(total * 2) // (per_line * 2))
    target = total / lines
    breaks: list[int] = []
    start = 0
    for number in range(1, lines):
        goal = target * number
        best: tuple[float, int] | None = None
        used = sum(ems[:start])
        for index in range(start + 1, len(items)):
            before = sum(ems[start:index])
            if before > per_line:
                break
            if items[index][0] in NO_LINE_START or items[index - 1][-1] in NO_LINE_END:
                continue
            last, following = items[index - 1][-1], items[index][0]
            if (last in "—-" and following.isdigit()) or (last.isdigit() and following in "—-"):
                continue  # 2019—2020 stays on one line
            score = abs(used + before - goal)
            if items[index - 1][-1] not in _GOOD_BREAK_AFTER:
                score += 3.0
            if best is None or score < best[0]:
                best = (score, index)
        if best is None:
            return text
        breaks.append(best[1])
        start = best[1]
    if sum(ems[start:]) > per_line:
        return text
    pieces = []
    previous = 0
    for index in [*breaks, len(items)]:
        pieces.append("".join(items[previous:index]))
        previous = index
    return "\n".join(pieces)


@dataclass(frozen=True)
class CoverItem:
    text: str
    role: FontRole
    size: float
    leading: float
    top: float  # from the top of the text block, in points


def cover_plan(cover: Cover, layout: PageLayout) -> list[CoverItem]:
    """The cover's lines: the title a fifth of the way down, the period under it, the
    branch and other lines in the lower third."""
    height = layout.text_height_pt
    items: list[CoverItem] = []
    size = layout.cover_title_size_pt
    leading = size * 1.5
    top = height * 0.2
    for line in cover.title.split("\n"):
        items.append(CoverItem(line, "title", size, leading, top))
        top += leading
    if cover.period:
        sub = layout.cover_subtitle_size_pt
        top += sub
        items.append(CoverItem(cover.period, "heading2", sub, sub * 1.6, top))
    size = layout.cover_line_size_pt
    leading = layout.body_leading_pt
    top = height * 0.66
    for line in [cover.branch, *cover.lines]:
        if line:
            items.append(CoverItem(line, "heading1", size, leading, top))
            top += leading
    return items
