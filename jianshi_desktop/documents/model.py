"""The format-neutral document model: what a page says, not how a renderer draws it.

Builders (from records) make a :class:`Document`; ``render_docx`` and ``render_pdf`` take the
same document and produce the same pages. Text is plain: ``\\n`` inside a text starts a new
line (a title broken by hand) or, in a table cell, a new paragraph.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from jianshi_desktop.documents.layout import (
    LayoutKind,
    PageLayout,
    PageNumbering,
    default_layout,
)
from jianshi_desktop.documents.numbering import HeadingCounter
from jianshi_desktop.domain.dates import format_date

Align = Literal["left", "center", "right", "justify"]
FontRole = Literal["title", "body", "heading1", "heading2", "page_number"]
WidthUnit = Literal["mm", "relative"]


Direction = Literal["upward", "downward"]


@dataclass
class Masthead:
    """版头: 发文机关标志 (red), 发文字号 and the red line.

    ``issuer`` is the full mark, usually ending in 文件 (中共建始县教育局委员会文件); a
    long one goes onto two lines at full size. An upward document (上行文: a report to
    the 党委) has its number on the left, indented one character, and 签发人 on the
    right of the same line; a downward one (下行文) has the number centred and no 签发人.
    ``direction`` None: upward when a ``signer`` is given.
    """

    issuer: str
    document_number: str = ""
    signer: str = ""
    direction: Direction | None = None

    @property
    def upward(self) -> bool:
        if self.direction is None:
            return bool(self.signer)
        return self.direction == "upward"


@dataclass
class Colophon:
    """版记 at the foot of the last page (GB/T 9704 7.4): 抄送 (only when given) and
    印发机关 with 印发日期, between rules as wide as the text block.

    Page number (GB/T 9704-2012 7.5 exempts only a 版记页 preceded by a blank page): a
    版记 that shares the last page with text keeps that page's number; one that does not
    fit under the text goes onto a page of its own, blank above it, and that page alone
    carries no number. No blank page is ever inserted before it."""

    printed_by: str
    printed_on: dt.date | str = ""
    copy_to: str = ""  # 抄送机关, as typed: 县教育局，镇中心学校党总支

    @property
    def copy_to_text(self) -> str:
        """「抄送：县教育局，镇中心学校党总支。」, or "" without 抄送."""
        names = self.copy_to.strip().rstrip("。.，,、；;")
        return f"抄送：{names}。" if names else ""

    @property
    def printed_on_text(self) -> str:
        """「2026年10月8日印发」, or "" without a date."""
        if isinstance(self.printed_on, dt.date):
            return f"{format_date(self.printed_on)}印发"
        return f"{self.printed_on}印发" if self.printed_on else ""


@dataclass
class Title:
    """A centred title (标题 font); a ledger has one per record. ``anchor`` names it for
    the contents list."""

    text: str
    subtitle: str = ""
    anchor: str = ""


@dataclass
class Heading:
    """A heading of level 1–4. ``number`` None → generated (一、 （一） 1. （1）); "" → none."""

    text: str
    level: int = 1
    number: str | None = None
    anchor: str = ""


@dataclass
class Paragraph:
    """Body text. ``indent_chars`` indents the first line (two characters by default)."""

    text: str
    indent_chars: float = 2.0
    align: Align = "justify"
    role: FontRole = "body"
    space_before_lines: int = 0


@dataclass
class Cell:
    """One table cell. Label cells (时间, 地点 …) are centred and shaded lightly."""

    text: str = ""
    colspan: int = 1
    label: bool = False
    align: Align | None = None  # None: centre for labels, justify for content
    indent_chars: float = 0.0
    min_lines: int = 1
    # The row this cell stands in goes onto one page whole (决议, a list of names): it
    # moves to the next page rather than split, unless it is taller than a page. Prose
    # (会议内容) leaves it False and may split between its lines.
    keep_together: bool = False

    @property
    def alignment(self) -> Align:
        if self.align:
            return self.align
        return "center" if self.label else "justify"


@dataclass
class Table:
    """A bordered table. ``widths`` are per column, in mm or relative to the text width
    (scaled down to the text width when wider). The first ``header_rows`` rows repeat at
    the top of every page the table runs onto."""

    rows: list[list[Cell]]
    widths: list[float]
    width_unit: WidthUnit = "relative"
    header_rows: int = 0
    # None: the layout's table size and leading (14 pt on 24 pt); a roster may use 小四 (12)
    text_size_pt: float | None = None
    text_leading_pt: float | None = None

    @property
    def columns(self) -> int:
        return len(self.widths)

    def text_size(self, layout: PageLayout) -> tuple[float, float]:
        """Size and leading (pt) of the cells' text."""
        size = self.text_size_pt or layout.table_size_pt
        if self.text_leading_pt:
            return size, self.text_leading_pt
        if self.text_size_pt:
            return size, round(size * layout.table_leading_pt / layout.table_size_pt, 1)
        return size, layout.table_leading_pt

    @staticmethod
    def row_kept_together(row: list[Cell]) -> bool:
        """Whether ``row`` must not split across pages (a cell of it says so)."""
        return any(cell.keep_together for cell in row)

    def widths_pt(self, text_width_pt: float) -> list[float]:
        if self.width_unit == "mm":
            widths = [w * 72 / 25.4 for w in self.widths]
            total = sum(widths)
            if total > text_width_pt:
                widths = [w * text_width_pt / total for w in widths]
            return widths
        total = sum(self.widths)
        return [w * text_width_pt / total for w in self.widths]

    def check(self) -> None:
        for number, row in enumerate(self.rows, 1):
            spanned = sum(cell.colspan for cell in row)
            if spanned != self.columns:
                raise ValueError(
                    f"table row {number} spans {spanned} columns, the table has {self.columns}"
                )


@dataclass
class SignatureBlock:
    """署名 and 成文日期: the signing body centred above the date, the date four
    characters from the right (GB/T 9704, with a seal)."""

    signer: str
    date: dt.date | str = ""
    space_before_lines: int | None = None  # None: the layout's signature_space_lines

    @property
    def date_text(self) -> str:
        if isinstance(self.date, dt.date):
            return format_date(self.date)
        return self.date


@dataclass
class SignatureLines:
    """Lines to sign on: ``主持人（签字）：______   记录人（签字）：______``."""

    labels: list[str]
    per_line: int = 2
    blank_chars: int = 6


@dataclass
class PageBreak:
    pass


@dataclass
class Cover:
    """A ledger's cover: big title, branch name, period; no page number."""

    title: str
    branch: str = ""
    period: str = ""
    lines: list[str] = field(default_factory=list)


@dataclass
class ContentsEntry:
    text: str
    anchor: str
    page: int | None = None


@dataclass
class Contents:
    """目录. Page numbers left None are computed by laying the document out (PDF pass)."""

    entries: list[ContentsEntry]
    title: str = "目  录"


Block = (
    Title
    | Heading
    | Paragraph
    | Table
    | SignatureBlock
    | SignatureLines
    | PageBreak
    | Cover
    | Contents
)


@dataclass
class Document:
    """One document: metadata, layout and blocks in reading order.

    ``title`` is the file's title (Word and PDF properties) and, when ``show_title``, is
    printed first (after the masthead) with ``subtitle`` below it.
    """

    title: str
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    layout: LayoutKind = "table_form"
    masthead: Masthead | None = None
    page_numbering: PageNumbering | None = None  # None: the layout's default
    show_title: bool = True
    author: str = ""
    settings: PageLayout | None = None  # None: the defaults of official-format.md
    colophon: Colophon | None = None  # 版记, at the foot of the last page

    @property
    def page_layout(self) -> PageLayout:
        if self.settings is not None:
            return self.settings
        return default_layout(self.layout)

    @property
    def numbering(self) -> PageNumbering:
        return self.page_numbering or self.page_layout.page_numbering

    @property
    def cover_pages(self) -> int:
        """Pages before numbering starts: 1 when the document opens with a cover."""
        return 1 if self.blocks and isinstance(self.blocks[0], Cover) else 0

    def body_blocks(self) -> list[Block]:
        """The blocks as printed: the document title first when shown."""
        blocks: list[Block] = []
        if self.show_title and self.title:
            blocks.append(Title(self.title, self.subtitle))
        blocks.extend(self.blocks)
        return blocks

    def numbered_headings(self) -> Iterator[tuple[Block, str]]:
        """Every block with its heading number ("" for non-headings); titles restart counts."""
        counter = HeadingCounter()
        for block in self.body_blocks():
            if isinstance(block, Title | Cover):
                counter.reset()
                yield block, ""
            elif isinstance(block, Heading):
                number = counter.next(block.level) if block.number is None else block.number
                yield block, number
            else:
                yield block, ""

    def check(self) -> None:
        """Structural errors a builder could make (a bug, not the user's fault)."""
        for block in self.blocks:
            if isinstance(block, Table):
                block.check()
            if isinstance(block, Heading) and block.level not in (1, 2, 3, 4):
                raise ValueError(f"heading level {block.level} is outside 1..4")
        anchors = {b.anchor for b in self.blocks if isinstance(b, Title | Heading) and b.anchor}
        for block in self.blocks:
            if isinstance(block, Contents):
                for entry in block.entries:
                    if entry.anchor not in anchors:
                        raise ValueError(
                            f"contents entry {entry.text!r}: no anchor {entry.anchor!r}"
                        )
