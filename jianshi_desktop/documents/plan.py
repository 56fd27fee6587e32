"""Geometry both renderers share, so that Word and PDF put things in the same places.

Widths here are estimated in ems by :func:`text_em` (a Chinese character or full-width mark
1 em, anything else half an em), not measured with a font: Word measures with the reader's
fonts, which the PDF side cannot know, and full-width text is 1 em in every Chinese font.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from jianshi_desktop.documents.layout import PageLayout
from jianshi_desktop.documents.model import Cover, FontRole

ASCENT = 0.88  # the em box of Chinese fonts runs from -0.12 em to 0.88 em around the baseline


def text_em(text: str) -> float:
    """Estimated width of ``text`` in ems: the one measure of everything placed by estimate
    (title lines, the 发文机关标志 and the 版记, 署名 and 成文日期, table columns).

    Chinese characters and full-width forms count 1; so do marks of ambiguous width (“ ”
    · — … ①): Chinese fonts set them full width, and counting them whole keeps the estimate
    from falling short, so that a title line never overflows and a name such as
    阿依古丽·买买提 never wraps in its column. Anything else (ASCII letters, digits) ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def heading_role(level: int) -> FontRole:
    """一、 黑体; （一） 楷体; 1. and （1） 仿宋 (GB/T 9704)."""
    return {1: "heading1", 2: "heading2"}.get(level, "body")  # type: ignore[return-value]


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
