"""The PDF renderer (reportlab): exact margins, embedded TrueType fonts, no stray punctuation.

Every page is a frame with zero padding at the layout's text block; every text line is
broken by :mod:`~jianshi_desktop.documents.linebreak` (never ``wordWrap='CJK'``, which may
start a line with "，") and drawn on a fixed pitch, the em box centred in the line box. The
fonts come from :func:`~jianshi_desktop.documents.fonts.resolve_fonts` and are embedded (a
character the chosen font lacks is borrowed from another found font; characters no font
has are reported in :attr:`PdfResult.missing`).

A document with a contents list is laid out twice: the first pass finds the page of every
anchored title or heading, the second prints the numbers.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFStream, PDFZCompress
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus import NextPageTemplate as _NextPageTemplate
from reportlab.platypus import PageBreak as _PageBreak
from reportlab.platypus.flowables import PageBreakIfNotEmpty

from jianshi_desktop import APP_NAME
from jianshi_desktop.documents.files import atomic_output
from jianshi_desktop.documents.fonts import FontFace, FontSet, resolve_fonts
from jianshi_desktop.documents.layout import PageLayout, mm_to_pt
from jianshi_desktop.documents.linebreak import Line, balanced_title, break_lines
from jianshi_desktop.documents.model import (
    Align,
    Colophon,
    Contents,
    Cover,
    Document,
    FontRole,
    Heading,
    Masthead,
    PageBreak,
    Paragraph,
    SignatureBlock,
    SignatureLines,
    Table,
    Title,
)
from jianshi_desktop.documents.official import (
    COLOPHON_SIZE_PT,
    THICK_RULE_PT,
    THIN_RULE_PT,
    colophon_height,
    colophon_rows,
    masthead_plan,
)
from jianshi_desktop.documents.plan import (
    ASCENT,
    cover_plan,
    heading_role,
    signature_indents,
)
from jianshi_desktop.errors import UserError

BLACK = HexColor("#000000")
BORDER_PT = 0.5
MIN_SPLIT_LINES = 2  # a table row split across pages keeps at least this many on each


@dataclass
class PdfResult:
    """What :func:`render_pdf` produced: the page count and characters no font could show."""

    path: Path | None
    pages: int
    missing: str = ""
    anchors: dict[str, int] = field(default_factory=dict)
    colophon_page: int | None = None  # the page of the 版记 (numbered from the first sheet)
    colophon_gap: float = 0.0  # points of empty space above it on its page
    colophon_alone: bool = False  # on a page of its own (unnumbered)
    font_notice: str = ""  # the faces that stood in for official fonts (FontSet.notice)


# -- fonts -------------------------------------------------------------------------------
_REGISTERED: dict[str, TTFont] = {}
_FACE_NAMES: dict[bytes, str] = {}  # PostScript name → the face registered under it
# reportlab keeps fonts (and their subsets per document) in process-wide state: one
# rendering at a time, whichever thread asks (the GUI renders off its own thread).
_LOCK = threading.RLock()


def _register(face: FontFace) -> TTFont:
    with _LOCK:
        return _register_locked(face)


def _register_locked(face: FontFace) -> TTFont:
    font = _REGISTERED.get(face.key)
    if font is None:
        name = "JS-" + hashlib.sha1(face.key.encode("utf-8")).hexdigest()[:12]
        try:
            font = TTFont(name, str(face.path), subfontIndex=face.index)
        except (TTFError, OSError) as exc:
            raise UserError(
                f"字体文件“{face.path}”无法用于生成 PDF（{exc}）。",
                hint="请在设置中查看字体情况，或删除、重新安装这个字体。",
            ) from exc
        # reportlab names a PDF's embedded font objects after the face's PostScript name:
        # two files with one name (a subset and its extension, two copies of one font)
        # would share one embedded font, and the second's glyphs would print as boxes.
        own = font.face.name + font.face.subfontNameX
        if _FACE_NAMES.setdefault(own, face.key) != face.key:
            font.face.name += b"-" + name[3:].encode("ascii")
        pdfmetrics.registerFont(font)
        _REGISTERED[face.key] = font
    return font


class _FontBook:
    """The registered fonts of one rendering: widths, and a fallback for missing characters.

    A role's font is registered when the document first draws in it, a fallback face when a
    character is first missing from every face before it (parsing a font takes time).
    """

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._by_role: dict[FontRole, TTFont] = {}
        self._fallbacks: list[TTFont] = []
        self._fallback_faces = list(fonts.fallbacks)
        self._pick: dict[tuple[str, str], TTFont] = {}
        self.missing: set[str] = set()

    def font(self, role: FontRole) -> TTFont:
        found = self._by_role.get(role)
        if found is None:
            found = self._by_role[role] = _register(self.fonts[role].face)
            _DRAWN_ROLES.add(role)
        return found

    @property
    def roles(self) -> frozenset[FontRole]:
        """The roles this rendering drew in."""
        return frozenset(self._by_role)

    def bold(self, role: FontRole) -> bool:
        return self.fonts[role].emulate_bold

    def font_for(self, role: FontRole, ch: str) -> TTFont:
        primary = self._by_role.get(role) or self.font(role)
        if ord(ch) in primary.face.charToGlyph or ch in "\n\t":
            return primary
        key = (primary.fontName, ch)
        found = self._pick.get(key)
        if found is None:
            found = primary
            for other in self._fallback_fonts():
                if ord(ch) in other.face.charToGlyph:
                    found = other
                    break
            else:
                if not ch.isspace():
                    self.missing.add(ch)
                    _MISSING_SEEN.add(ch)
            self._pick[key] = found
        return found

    def _fallback_fonts(self) -> Iterator[TTFont]:
        """The fallback fonts in order, each registered when it is first needed."""
        yield from self._fallbacks
        while self._fallback_faces:
            face = self._fallback_faces.pop(0)
            try:
                font = _register(face)
            except UserError:
                continue
            self._fallbacks.append(font)
            yield font

    def measurer(self, role: FontRole, size: float) -> Callable[[str], float]:
        cache: dict[str, float] = {}
        scale = size / 1000.0

        def width(ch: str) -> float:
            found = cache.get(ch)
            if found is None:
                face = self.font_for(role, ch).face
                found = face.charWidths.get(ord(ch), face.defaultWidth) * scale
                cache[ch] = found
            return found

        return width

    def runs(self, role: FontRole, text: str) -> list[tuple[TTFont, str]]:
        """``text`` cut into pieces drawn with one font each."""
        primary = self._by_role.get(role) or self.font(role)
        glyphs = primary.face.charToGlyph
        if all(ord(ch) in glyphs for ch in text):  # the usual case: one piece
            return [(primary, text)]
        result: list[tuple[TTFont, str]] = []
        for ch in text:
            font = self.font_for(role, ch)
            if result and result[-1][0] is font:
                result[-1] = (font, result[-1][1] + ch)
            else:
                result.append((font, ch))
        return result


# What every PDF of this process drew in and could not show (the command line reports it).
_DRAWN_ROLES: set[FontRole] = set()
_MISSING_SEEN: set[str] = set()


def font_report() -> tuple[frozenset[FontRole], str]:
    """The roles drawn in and the characters no font had, over this process's PDFs."""
    return frozenset(_DRAWN_ROLES), "".join(sorted(_MISSING_SEEN))


# -- text --------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextStyle:
    role: FontRole
    size: float
    leading: float
    align: Align = "justify"
    first_indent: float = 0.0
    left: float = 0.0
    right: float = 0.0
    char_space: float = 0.0
    color: str = "#000000"
    indent_every_paragraph: bool = False


class _Context:
    """What flowables share during one pass: fonts, layout, and the anchors found."""

    def __init__(self, book: _FontBook, layout: PageLayout, cover_pages: int) -> None:
        self.book = book
        self.layout = layout
        self.cover_pages = cover_pages
        self.anchors: dict[str, int] = {}
        self.contents_pages: dict[str, int] = {}
        # the page holding the 版记 (it carries no page number) and the space above it
        self.colophon_page: int | None = None
        self.colophon_gap = 0.0
        self.colophon_alone = False
        self._lines: dict[tuple[str, TextStyle, float], list[Line]] = {}
        self._measurers: dict[tuple[FontRole, float], Callable[[str], float]] = {}
        # False while a pass only finds the pages (anchors, contents): nothing is drawn
        self.drawing = True
        self._colors: dict[str, Any] = {}

    def measure(self, role: FontRole, size: float) -> Callable[[str], float]:
        key = (role, size)
        found = self._measurers.get(key)
        if found is None:
            found = self._measurers[key] = self.book.measurer(role, size)
        return found

    def lines(self, text: str, style: TextStyle, width: float) -> list[Line]:
        key = (text, style, round(width, 2))
        found = self._lines.get(key)
        if found is None:
            found = break_lines(
                text,
                width - style.left - style.right,
                self.measure(style.role, style.size),
                first_indent=style.first_indent,
                char_space=style.char_space,
                indent_every_paragraph=style.indent_every_paragraph,
            )
            self._lines[key] = found
        return found

    def draw_line(
        self, canv: Any, line: Line, style: TextStyle, x: float, baseline: float, width: float
    ) -> None:
        """One line at ``baseline``: aligned within ``width`` (from ``x``), justified if asked."""
        self.draw_lines(canv, [(line, baseline)], style, x, width)

    def draw_lines(
        self,
        canv: Any,
        lines: Sequence[tuple[Line, float]],
        style: TextStyle,
        x: float,
        width: float,
    ) -> None:
        """Lines of one style, each at its baseline, aligned within ``width`` (from ``x``)
        and justified if asked: one text object for all of them (a text object a line,
        with its own graphics state, cost a third of a 100-page ledger's time)."""
        if not self.drawing or not any(line.text for line, _ in lines):
            return
        color = self._colors.get(style.color)
        if color is None:
            color = self._colors[style.color] = HexColor(style.color)
        bold = self.book.bold(style.role)
        canv.saveState()
        canv.setFillColor(color)
        if bold:
            canv.setStrokeColor(color)
            canv.setLineWidth(style.size * 0.03)
        text = canv.beginText()
        if bold:
            text.setTextRenderMode(2)
        font_now: str | None = None  # the font and spacing set so far: set again on change
        space_now: float | None = None
        for line, baseline in lines:
            if not line.text:
                continue
            available = width - style.left - style.right - line.indent
            visible = line.width - style.char_space
            space = style.char_space
            start = x + style.left + line.indent
            count = len(line.text)
            if style.align == "justify" and not line.last and count > 1:
                space += (available - visible) / (count - 1)
            elif style.align == "center":
                start += (available - visible) / 2
            elif style.align == "right":
                start += available - visible
            text.setTextOrigin(start, baseline)
            if space != space_now:
                text.setCharSpace(space)
                space_now = space
            # the pieces follow one another as the PDF advances the text position by each
            # glyph's width and the character spacing: as measured when breaking the line
            for font, piece in self.book.runs(style.role, line.text):
                if font.fontName != font_now:
                    text.setFont(font.fontName, style.size)
                    font_now = font.fontName
                text.textOut(piece)
        canv.drawText(text)
        canv.restoreState()


def baseline_in(line_top: float, leading: float, size: float) -> float:
    """Baseline (from the top of a line box, downwards) with the em box centred in the box."""
    return line_top + (leading - size) / 2 + ASCENT * size


class TextFlow(Flowable):
    """Lines of one paragraph on a fixed pitch; splits between lines, never inside one."""

    def __init__(
        self,
        ctx: _Context,
        text: str,
        style: TextStyle,
        *,
        space_before: float = 0.0,
        space_after: float = 0.0,
        anchor: str = "",
        lines: list[Line] | None = None,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.text = text
        self.style = style
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.anchor = anchor
        self._given = lines
        self._lines: list[Line] = []
        self._width = 0.0

    def _layout(self, width: float) -> list[Line]:
        if self._given is not None:
            return self._given
        return self.ctx.lines(self.text, self.style, width)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._width = aw
        self._lines = self._layout(aw)
        self.height = len(self._lines) * self.style.leading
        return aw, self.height

    def first_height(self, aw: float) -> float:
        return self.style.leading

    def split(self, aw: float, ah: float) -> list[Flowable]:
        lines = self._layout(aw)
        fit = int((ah + 0.01) // self.style.leading)
        if fit < 1:
            return []
        if fit >= len(lines):
            return [self]
        head = TextFlow(
            self.ctx,
            self.text,
            self.style,
            space_before=self.spaceBefore,
            anchor=self.anchor,
            lines=lines[:fit],
        )
        tail = TextFlow(
            self.ctx, self.text, self.style, space_after=self.spaceAfter, lines=lines[fit:]
        )
        return [head, tail]

    def draw(self) -> None:
        if self.anchor:
            page = self.canv.getPageNumber() - self.ctx.cover_pages
            self.ctx.anchors.setdefault(self.anchor, page)
        top = self.height
        style = self.style
        placed = [
            (line, top - baseline_in(number * style.leading, style.leading, style.size))
            for number, line in enumerate(self._lines)
        ]
        self.ctx.draw_lines(self.canv, placed, style, 0.0, self._width)


class Group(Flowable):
    """Titles and headings kept with the first line (or first rows) of what follows."""

    def __init__(self, head: list[Flowable], following: Flowable) -> None:
        super().__init__()
        self.head = head
        self.following = following
        self.spaceBefore = head[0].getSpaceBefore() if head else 0.0
        self.spaceAfter = following.getSpaceAfter()
        self._placed: list[tuple[Flowable, float, float]] = []

    def _stack(self) -> list[Flowable]:
        return [*self.head, self.following]

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        total = 0.0
        self._placed = []
        for number, item in enumerate(self._stack()):
            before = item.getSpaceBefore() if number else 0.0
            _, height = item.wrap(aw, max(ah - total - before, 0.0))
            total += before
            self._placed.append((item, total, height))
            total += height + (item.getSpaceAfter() if item is not self.following else 0.0)
        self.height = total
        self.width = aw
        return aw, total

    def first_height(self, aw: float) -> float:
        self.wrap(aw, 1e9)
        item, top, _height = self._placed[-1]
        return top + _first_height(item, aw)

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, 1e9)
        last, top, _height = self._placed[-1]
        if top + _first_height(last, aw) > ah + 0.01:
            return []
        parts = last.split(aw, ah - top)
        if not parts:
            return []
        if len(parts) == 1 and parts[0] is last:
            return [self]
        return [_Stack([*self.head, parts[0]]), *parts[1:]]  # one part: it was made to fit

    def draw(self) -> None:
        for item, top, height in self._placed:
            item.drawOn(self.canv, 0, self.height - top - height)


class _Stack(Group):
    """Pieces drawn one under the other that no longer split (the first part of a Group)."""

    def __init__(self, items: list[Flowable]) -> None:
        super().__init__(items[:-1], items[-1])

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []


def _first_height(item: Flowable, aw: float) -> float:
    first = getattr(item, "first_height", None)
    if first is None:
        _, height = item.wrap(aw, 1e9)
        return float(height)
    return float(first(aw))


# -- tables ------------------------------------------------------------------------------
@dataclass
class _CellBox:
    column: int
    span: int
    label: bool
    style: TextStyle
    text: str
    min_lines: int
    lines: list[Line] | None = None


@dataclass
class _Row:
    cells: list[_CellBox]
    split_part: bool = False  # a continuation or a cut row: text at the top
    keep_together: bool = False  # onto the next page whole unless taller than a page


class GridTable(Flowable):
    """A bordered table whose rows split between lines and whose header rows repeat."""

    def __init__(self, ctx: _Context, rows: list[_Row], header: int, widths: list[float]) -> None:
        super().__init__()
        self.ctx = ctx
        self.rows = rows
        self.header = header
        self.widths = widths
        layout = ctx.layout
        self.pad_x = mm_to_pt(layout.cell_padding_mm)
        self.pad_y = mm_to_pt(layout.cell_padding_vertical_mm)
        self._heights: list[float] = []

    @classmethod
    def from_model(cls, ctx: _Context, table: Table, text_width: float) -> GridTable:
        size, leading = table.text_size(ctx.layout)
        rows: list[_Row] = []
        for row in table.rows:
            boxes = []
            column = 0
            for cell in row:
                style = TextStyle(
                    role="body",
                    size=size,
                    leading=leading,
                    align=cell.alignment,
                    first_indent=cell.indent_chars * size,
                    indent_every_paragraph=True,
                )
                boxes.append(
                    _CellBox(column, cell.colspan, cell.label, style, cell.text, cell.min_lines)
                )
                column += cell.colspan
            rows.append(_Row(boxes, keep_together=Table.row_kept_together(row)))
        return cls(ctx, rows, table.header_rows, table.widths_pt(text_width))

    def _cell_width(self, box: _CellBox) -> float:
        return sum(self.widths[box.column : box.column + box.span]) - 2 * self.pad_x

    def _lines(self, box: _CellBox) -> list[Line]:
        if box.lines is None:
            box.lines = self.ctx.lines(box.text, box.style, self._cell_width(box))
        return box.lines

    def _row_lines(self, row: _Row) -> int:
        return max(max(len(self._lines(b)), b.min_lines) for b in row.cells)

    def _row_height(self, row: _Row) -> float:
        leading = row.cells[0].style.leading
        return self._row_lines(row) * leading + 2 * self.pad_y

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._heights = [self._row_height(row) for row in self.rows]
        self.width = sum(self.widths)
        self.height = sum(self._heights)
        return self.width, self.height

    def first_height(self, aw: float) -> float:
        header = sum(self._row_height(r) for r in self.rows[: self.header])
        if len(self.rows) > self.header:
            leading = self.rows[self.header].cells[0].style.leading
            return header + leading + 2 * self.pad_y
        return header

    def split(self, aw: float, ah: float) -> list[Flowable]:
        heights = [self._row_height(row) for row in self.rows]
        header = self.rows[: self.header]
        used = sum(heights[: self.header])
        index = self.header
        while index < len(self.rows) and used + heights[index] <= ah + 0.01:
            used += heights[index]
            index += 1
        if index == len(self.rows):
            return [self] if used <= ah + 0.01 else []  # the header alone does not fit
        row = self.rows[index]
        leading = row.cells[0].style.leading
        fit = int((ah - used - 2 * self.pad_y + 0.01) // leading)
        first_rows = self.rows[:index]
        rest = self.rows[index + 1 :]
        written = max(len(self._lines(b)) for b in row.cells)
        # a row kept together that a fresh page holds (under the repeated header) moves
        # there whole; one taller than a page splits as any other
        whole_page = self.ctx.layout.text_height_pt - sum(heights[: self.header])
        moves_whole = row.keep_together and written * leading + 2 * self.pad_y <= whole_page
        if moves_whole and not (fit >= 1 and written <= fit):
            rest = [row, *rest]
        elif fit >= 1 and written <= fit:
            # only the room left to write in (会议内容's blank lines) does not fit: the row
            # ends with the page, never an empty remainder under a repeated header
            first_rows = [*first_rows, self._shrunk(row, fit)]
        elif fit >= MIN_SPLIT_LINES and written - fit >= MIN_SPLIT_LINES:
            top, bottom = self._cut(row, fit)
            first_rows, rest = [*first_rows, top], [bottom, *rest]
        elif fit >= MIN_SPLIT_LINES and written >= MIN_SPLIT_LINES * 2:
            top, bottom = self._cut(row, written - MIN_SPLIT_LINES)  # two lines go over
            first_rows, rest = [*first_rows, top], [bottom, *rest]
        else:  # no line of a row alone at the foot or the head of a page
            rest = [row, *rest]
        if len(first_rows) <= self.header:
            return []
        first = GridTable(self.ctx, first_rows, self.header, self.widths)
        if not rest:  # the last row ended with the page: no header alone overleaf
            return [first]
        return [first, GridTable(self.ctx, [*header, *rest], self.header, self.widths)]

    def _shrunk(self, row: _Row, lines: int) -> _Row:
        """``row`` with its blank room cut to ``lines`` (all its text still fits)."""
        cells = [
            _CellBox(b.column, b.span, b.label, b.style, b.text, min(b.min_lines, lines), b.lines)
            for b in row.cells
        ]
        return _Row(cells, split_part=row.split_part, keep_together=row.keep_together)

    def _cut(self, row: _Row, fit: int) -> tuple[_Row, _Row]:
        top_cells = []
        bottom_cells = []
        for box in row.cells:
            lines = self._lines(box)
            top_cells.append(
                _CellBox(box.column, box.span, box.label, box.style, box.text, 1, lines[:fit])
            )
            bottom_cells.append(
                _CellBox(box.column, box.span, box.label, box.style, box.text, 1, lines[fit:])
            )
        return _Row(top_cells, split_part=True), _Row(bottom_cells, split_part=True)

    def draw(self) -> None:
        canv = self.canv
        layout = self.ctx.layout
        shade = HexColor("#" + layout.label_shade)
        x_of = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        top = self.height
        canv.saveState()
        canv.setLineWidth(BORDER_PT)
        canv.setStrokeColor(BLACK)
        for row, height in zip(self.rows, self._heights, strict=True):
            bottom = top - height
            for box in row.cells:
                x0, x1 = x_of[box.column], x_of[box.column + box.span]
                if box.label:
                    canv.setFillColor(shade)
                    canv.rect(x0, bottom, x1 - x0, height, stroke=0, fill=1)
                lines = self._lines(box)
                leading = box.style.leading
                block = len(lines) * leading
                # a cut row's text, and a content cell left room to write in (会议内容),
                # start at the top, as on a paper form; other cells are centred vertically
                at_top = row.split_part or (not box.label and box.min_lines > 1)
                first_top = top - self.pad_y if at_top else top - (height - block) / 2
                size = box.style.size
                placed = [
                    (line, first_top - baseline_in(number * leading, leading, size))
                    for number, line in enumerate(lines)
                ]
                self.ctx.draw_lines(
                    canv, placed, box.style, x0 + self.pad_x, x1 - x0 - 2 * self.pad_x
                )
            for box in row.cells:
                x0, x1 = x_of[box.column], x_of[box.column + box.span]
                canv.rect(x0, bottom, x1 - x0, height, stroke=1, fill=0)
            top = bottom
        canv.restoreState()


# -- special blocks ----------------------------------------------------------------------
class MastheadFlow(Flowable):
    """发文机关标志 35 mm below the top of the text block (on two lines when long), 发文字号
    (upward: left, with 签发人 right; downward: centred), the red line; its height a whole
    number of body lines (:func:`~jianshi_desktop.documents.official.masthead_plan`)."""

    def __init__(self, ctx: _Context, masthead: Masthead) -> None:
        super().__init__()
        self.ctx = ctx
        self.masthead = masthead
        self.plan = masthead_plan(masthead, ctx.layout)
        self.height = self.plan.height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        return aw, self.height

    def draw(self) -> None:
        ctx = self.ctx
        layout = ctx.layout
        red = "#" + layout.red
        width = self.width
        self._draw_issuer(red)
        leading = layout.body_leading_pt
        size = layout.body_size_pt
        baseline = self.height - baseline_in(self.plan.number_top, leading, size)
        number = self.masthead.document_number
        if self.masthead.upward:
            left = TextStyle("body", size, leading, align="left", left=size)
            if number:
                ctx.draw_line(
                    self.canv, ctx.lines(number, left, width)[0], left, 0.0, baseline, width
                )
            if self.masthead.signer:
                # 「签发人：」 in 仿宋, the name in 楷体, one character from the right edge
                signer = TextStyle("heading2", size, leading, align="right", right=size)
                name_width = sum(ctx.measure("heading2", size)(ch) for ch in self.masthead.signer)
                label = TextStyle("body", size, leading, align="right", right=size + name_width)
                ctx.draw_line(
                    self.canv, ctx.lines("签发人：", label, width)[0], label, 0.0, baseline, width
                )
                ctx.draw_line(
                    self.canv,
                    ctx.lines(self.masthead.signer, signer, width)[0],
                    signer,
                    0.0,
                    baseline,
                    width,
                )
        elif number:
            centre = TextStyle("body", size, leading, align="center")
            ctx.draw_line(
                self.canv, ctx.lines(number, centre, width)[0], centre, 0.0, baseline, width
            )
        self.canv.saveState()
        self.canv.setStrokeColor(HexColor(red))
        self.canv.setLineWidth(layout.red_line_pt)
        y = self.height - self.plan.rule_y
        self.canv.line(0, y, width, y)
        self.canv.restoreState()

    def _draw_issuer(self, red: str) -> None:
        canv = self.canv
        book = self.ctx.book
        plan = self.plan
        measure = self.ctx.measure("title", plan.size)
        canv.saveState()
        canv.setFillColor(HexColor(red))
        canv.setStrokeColor(HexColor(red))
        canv.setLineWidth(plan.size * 0.03)
        for number, text in enumerate(plan.lines):
            natural = sum(measure(ch) for ch in text)
            x = (self.width - natural * plan.scale) / 2
            top = plan.issuer_top + number * plan.pitch
            y = self.height - top - ASCENT * plan.size
            for font, piece in book.runs("title", text):
                words = canv.beginText(x, y)
                words.setFont(font.fontName, plan.size)
                words.setHorizScale(plan.scale * 100)
                if book.bold("title"):
                    words.setTextRenderMode(2)
                words.textOut(piece)
                canv.drawText(words)
                x += sum(measure(ch) for ch in piece) * plan.scale
        canv.restoreState()


class ColophonFlow(Flowable):
    """版记 at the foot of the page: it takes the rest of the page (or goes onto a new one)
    and draws its lines and rules from the bottom edge of the text block up."""

    def __init__(self, ctx: _Context, colophon: Colophon) -> None:
        super().__init__()
        self.ctx = ctx
        self.colophon = colophon
        self.needed = colophon_height(colophon, ctx.layout)
        # a line clear above it: the seal over 署名 and 成文日期 reaches below the date
        self.room = self.needed + ctx.layout.body_leading_pt
        self.height = self.needed

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        # all the rest of the page when it fits there, else a page of its own
        self.height = max(ah - 0.02, self.needed) if ah >= self.room else self.room
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        ctx = self.ctx
        layout = ctx.layout
        canv = self.canv
        ctx.colophon_page = canv.getPageNumber()
        ctx.colophon_gap = self.height - self.needed
        # a 版记 page of its own carries no page number (GB/T 9704 7.5); one at the foot of
        # the body's last page keeps the page's number
        ctx.colophon_alone = self.height >= layout.text_height_pt - 1.0
        leading = layout.body_leading_pt
        size = COLOPHON_SIZE_PT
        parts = colophon_rows(self.colophon, layout)
        right = TextStyle("body", size, leading, align="right", right=size)
        measure = ctx.measure("body", size)
        top = self.needed  # from the bottom of the flowable, which is the text block's
        rules: list[tuple[float, float]] = [(top - THICK_RULE_PT / 2, THICK_RULE_PT)]
        for number, part in enumerate(parts):
            for row in part:
                baseline = top - baseline_in(0.0, leading, size)
                style = TextStyle(
                    "body", size, leading, align="left", left=size + row.indent_ems * size
                )
                text_width = sum(measure(ch) for ch in row.left)
                ctx.draw_line(
                    canv, Line(row.left, text_width, True), style, 0.0, baseline, self.width
                )
                if row.right:
                    right_width = sum(measure(ch) for ch in row.right)
                    ctx.draw_line(
                        canv, Line(row.right, right_width, True), right, 0.0, baseline, self.width
                    )
                top -= leading
            if number < len(parts) - 1:
                rules.append((top, THIN_RULE_PT))
        # the last rule's lower edge on the bottom edge of the text block
        rules.append((THICK_RULE_PT / 2, THICK_RULE_PT))
        canv.saveState()
        canv.setStrokeColor(BLACK)
        for y, weight in rules:
            canv.setLineWidth(weight)
            canv.line(0, y, self.width, y)
        canv.restoreState()


class CoverFlow(Flowable):
    """A ledger's cover filling the first page."""

    def __init__(self, ctx: _Context, cover: Cover) -> None:
        super().__init__()
        self.ctx = ctx
        self.cover = cover

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        self.height = min(ah, self.ctx.layout.text_height_pt - 1.0)
        return aw, self.height

    def draw(self) -> None:
        ctx = self.ctx
        for item in cover_plan(self.cover, ctx.layout):
            style = TextStyle(item.role, item.size, item.leading, align="center")
            for number, line in enumerate(ctx.lines(item.text, style, self.width)):
                top = item.top + number * item.leading
                baseline = self.height - baseline_in(top, item.leading, item.size)
                ctx.draw_line(self.canv, line, style, 0.0, baseline, self.width)


class ContentsLine(Flowable):
    """One contents entry: text, dot leader, page number at the right edge."""

    def __init__(self, ctx: _Context, text: str, anchor: str, page: int | None) -> None:
        super().__init__()
        self.ctx = ctx
        self.text = text
        self.anchor = anchor
        self.page = page
        layout = ctx.layout
        self.style = TextStyle("body", layout.body_size_pt, layout.body_leading_pt, align="left")

    def _number(self) -> str:
        page = self.page if self.page is not None else self.ctx.contents_pages.get(self.anchor)
        return str(page) if page is not None else ""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        size = self.style.size
        self._lines = self.ctx.lines(self.text, self.style, aw - 3 * size)
        self.height = len(self._lines) * self.style.leading
        return aw, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        ctx = self.ctx
        style = self.style
        size = style.size
        leading = style.leading
        for number, line in enumerate(self._lines):
            baseline = self.height - baseline_in(number * leading, leading, size)
            ctx.draw_line(self.canv, line, style, 0.0, baseline, self.width - 3 * size)
        last = self._lines[-1]
        page = self._number()
        right = TextStyle("body", size, leading, align="right")
        measure = ctx.measure("body", size)
        page_width = sum(measure(c) for c in page)
        dots_from = last.width + size * 0.5
        dots_to = self.width - page_width - size * 0.5
        dot = measure(".") or size * 0.3
        count = max(int((dots_to - dots_from) / (dot * 2)), 0)
        if count:
            leader = TextStyle("body", size, leading, align="left", left=dots_from)
            ctx.draw_line(
                self.canv, Line(" ".join("." * count), 0, True), leader, 0.0, baseline, self.width
            )
        if page:
            ctx.draw_line(self.canv, Line(page, page_width, True), right, 0.0, baseline, self.width)


class SignatureLinesFlow(Flowable):
    """Labels with blank underlined space to sign on, ``per_line`` to a line."""

    def __init__(self, ctx: _Context, block: SignatureLines) -> None:
        super().__init__()
        self.ctx = ctx
        self.block = block
        layout = ctx.layout
        self.style = TextStyle("body", layout.body_size_pt, layout.body_leading_pt, align="left")
        self.spaceBefore = layout.body_leading_pt

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = aw
        rows = math.ceil(len(self.block.labels) / max(self.block.per_line, 1))
        self.height = rows * self.style.leading
        return aw, self.height

    def draw(self) -> None:
        ctx = self.ctx
        style = self.style
        size = style.size
        column = self.width / max(self.block.per_line, 1)
        measure = ctx.measure("body", size)
        for number, label in enumerate(self.block.labels):
            row, col = divmod(number, max(self.block.per_line, 1))
            text = f"{label}："
            baseline = self.height - baseline_in(row * style.leading, style.leading, size)
            x = col * column
            width = sum(measure(c) for c in text)
            ctx.draw_line(self.canv, Line(text, width, True), style, x, baseline, column)
            self.canv.saveState()
            self.canv.setLineWidth(0.6)
            end = min(x + width + self.block.blank_chars * size, x + column - size * 0.5)
            self.canv.line(x + width, baseline - size * 0.15, end, baseline - size * 0.15)
            self.canv.restoreState()


# -- the story ---------------------------------------------------------------------------
def _styles(layout: PageLayout) -> dict[str, TextStyle]:
    body = layout.body_size_pt
    indent = layout.first_line_indent_chars * body
    return {
        "title": TextStyle("title", layout.title_size_pt, layout.title_leading_pt, "center"),
        "subtitle": TextStyle(
            "heading2", layout.subtitle_size_pt, layout.body_leading_pt, "center"
        ),
        "body": TextStyle(
            "body",
            body,
            layout.body_leading_pt,
            "justify",
            indent,
            char_space=layout.body_char_space_pt,
        ),
    }


def _story(document: Document, ctx: _Context) -> list[Flowable]:
    layout = ctx.layout
    styles = _styles(layout)
    text_width = layout.text_width_pt
    leading = layout.body_leading_pt
    story: list[Flowable] = []
    pending: list[Flowable] = []  # titles and headings waiting for what follows

    def add(item: Flowable, *, keep_with_next: bool = False) -> None:
        nonlocal pending
        if keep_with_next:
            pending.append(item)
            return
        if pending:
            story.append(Group(pending, item))
            pending = []
        else:
            story.append(item)

    if document.masthead is not None:
        add(MastheadFlow(ctx, document.masthead))
    title_after = leading if layout.kind == "official" else leading * 0.5
    for block, number in document.numbered_headings():
        if isinstance(block, Title):
            text = balanced_title(block.text, layout.title_size_pt, text_width)
            title = TextFlow(ctx, text, styles["title"], anchor=block.anchor)
            if block.subtitle:
                add(title, keep_with_next=True)
                title = TextFlow(ctx, block.subtitle, styles["subtitle"])
            title.spaceAfter = title_after
            add(title, keep_with_next=True)
        elif isinstance(block, Heading):
            style = TextStyle(
                heading_role(block.level),
                layout.body_size_pt,
                leading,
                "justify",
                layout.first_line_indent_chars * layout.body_size_pt,
                char_space=layout.body_char_space_pt,
            )
            add(TextFlow(ctx, number + block.text, style, anchor=block.anchor), keep_with_next=True)
        elif isinstance(block, Paragraph):
            base = styles["body"]
            style = TextStyle(
                block.role,
                base.size,
                base.leading,
                block.align,
                block.indent_chars * base.size,
                char_space=base.char_space,
            )
            add(TextFlow(ctx, block.text, style, space_before=block.space_before_lines * leading))
        elif isinstance(block, Table):
            add(GridTable.from_model(ctx, block, text_width))
        elif isinstance(block, SignatureBlock):
            carried = _last_line_of(story, ctx) if not pending else []
            _add_signature(add, ctx, block, styles["body"], carried)
        elif isinstance(block, SignatureLines):
            add(SignatureLinesFlow(ctx, block))
        elif isinstance(block, PageBreak):
            # like Word's "page break before": never a blank page
            _flush(story, pending)
            pending = []
            story.append(PageBreakIfNotEmpty())
        elif isinstance(block, Cover):
            story.append(CoverFlow(ctx, block))
            story.append(_NextPageTemplate("body"))
            story.append(_PageBreak())
        elif isinstance(block, Contents):
            contents_title = TextFlow(ctx, block.title, styles["title"])
            contents_title.spaceAfter = leading * 0.5
            add(contents_title, keep_with_next=True)
            for entry in block.entries:
                add(ContentsLine(ctx, entry.text, entry.anchor, entry.page))
    _flush(story, pending)
    if document.colophon is not None:
        story.append(ColophonFlow(ctx, document.colophon))
    return story


def _flush(story: list[Flowable], pending: list[Flowable]) -> None:
    story.extend(pending)


def _last_line_of(story: list[Flowable], ctx: _Context) -> list[Flowable]:
    """The last line of the paragraph before the 署名, taken off ``story`` to go with it:
    the 署名, 成文日期 and seal never stand on a page without a line of the text."""
    last = story[-1] if story else None
    if not isinstance(last, TextFlow):
        return []
    story.pop()
    lines = last._layout(ctx.layout.text_width_pt)
    if len(lines) == 1:
        return [last]
    story.append(
        TextFlow(
            ctx,
            last.text,
            last.style,
            space_before=last.spaceBefore,
            anchor=last.anchor,
            lines=lines[:-1],
        )
    )
    return [TextFlow(ctx, last.text, last.style, space_after=last.spaceAfter, lines=lines[-1:])]


def _add_signature(
    add: Callable[..., None],
    ctx: _Context,
    block: SignatureBlock,
    body: TextStyle,
    carried: list[Flowable] | None = None,
) -> None:
    layout = ctx.layout
    size = layout.body_size_pt
    signer_right, date_right = signature_indents(block.signer, block.date_text, size)
    space = block.space_before_lines
    if space is None:
        space = layout.signature_space_lines
    signer = TextStyle("body", size, body.leading, "right", right=signer_right)
    date = TextStyle("body", size, body.leading, "right", right=date_right)
    items: list[Flowable] = []
    if block.signer:
        items.append(TextFlow(ctx, block.signer, signer, space_before=space * body.leading))
    if block.date_text:
        items.append(
            TextFlow(ctx, block.date_text, date, space_before=0 if items else space * body.leading)
        )
    items = [*(carried or []), *items]
    if len(items) >= 2:
        add(Group(items[:-1], items[-1]))
    elif items:
        add(items[0])


# -- pages -------------------------------------------------------------------------------
class _DocTemplate(BaseDocTemplate):
    def __init__(self, target: Any, document: Document, ctx: _Context) -> None:
        layout = ctx.layout
        super().__init__(
            target,
            pagesize=(layout.page_width_pt, layout.page_height_pt),
            leftMargin=mm_to_pt(layout.margin_left_mm),
            rightMargin=mm_to_pt(layout.margin_right_mm),
            topMargin=mm_to_pt(layout.margin_top_mm),
            bottomMargin=mm_to_pt(layout.margin_bottom_mm),
            title=document.title,
            author=document.author,
            creator=APP_NAME,
            producer=APP_NAME,
            subject=document.subtitle,
            pageCompression=1,
            # reportlab's default Helvetica would be listed, unembedded, on every page
            initialFontName=ctx.book.font("body").fontName,
            initialFontSize=layout.body_size_pt,
        )
        self.ctx = ctx
        self.document = document
        frame = Frame(
            self.leftMargin,
            self.bottomMargin - 0.01,
            self.width,
            self.height + 0.02,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="text",
        )
        # numbered when the page is done: a page holding only the 版记 carries no number
        templates = [PageTemplate("body", [frame], onPageEnd=self._page_number)]
        if document.cover_pages:
            templates.insert(0, PageTemplate("cover", [frame]))
        self.addPageTemplates(templates)

    def _page_number(self, canv: Any, doc: Any) -> None:
        ctx = self.ctx
        layout = ctx.layout
        style = self.document.numbering
        number = canv.getPageNumber() - ctx.cover_pages
        colophon_page = ctx.colophon_alone and ctx.colophon_page == canv.getPageNumber()
        if style == "none" or number < 1 or colophon_page:
            return
        size = layout.page_number_size_pt
        text = f"— {number} —"
        left = mm_to_pt(layout.margin_left_mm)
        width = layout.text_width_pt
        if style == "odd_even":
            align: Align = "right" if number % 2 else "left"
            pstyle = TextStyle("page_number", size, size, align, left=size, right=size)
        else:
            pstyle = TextStyle("page_number", size, size, "center")
        measure = ctx.measure("page_number", size)
        line = Line(text, sum(measure(c) for c in text), True)
        top = mm_to_pt(layout.page_number_top_mm)
        ctx.draw_line(canv, line, pstyle, left, top - ASCENT * size, width)


def _build(document: Document, ctx: _Context, target: Any, *, layout_only: bool = False) -> int:
    """Lay out (and, unless ``layout_only``, draw and write) the document; its page count.

    A layout-only pass breaks the same lines and pages and records the same anchors, but
    draws no text and writes no file: the first of the two passes a contents list needs."""
    with _LOCK:
        template = _DocTemplate(target, document, ctx)
        ctx.drawing = not layout_only
        template._doSave = 0 if layout_only else 1  # reportlab: no canvas.save() at the end
        try:
            template.build(_story(document, ctx), canvasmaker=_Canvas)
        finally:
            ctx.drawing = True
        return int(template.page)


class _Canvas(Canvas):
    """reportlab's canvas, writing each page's Flate-compressed stream as it is, not also
    ASCII85-encoded: reportlab's default (in pure Python: a fifth of a ledger's time, and a
    quarter larger files). That default is the process-wide ``rl_config.useA85``, read when
    the document is written; here each page gets its stream when the canvas adds it, which
    reportlab then keeps, so no setting is changed for any other reportlab user."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        add_page = self._doc.addPage

        def add_flate_page(page: Any) -> None:
            if page.compression and not page.Contents and page.stream:
                stream = PDFStream(content=page.stream, filters=[PDFZCompress])
                stream.__Comment__ = "page stream"
                page.Contents = stream
            add_page(page)

        self._doc.addPage = add_flate_page


def _needs_pages(document: Document) -> bool:
    return any(
        isinstance(b, Contents) and any(e.page is None for e in b.entries) for b in document.blocks
    )


def _context(document: Document, fonts: FontSet | None) -> _Context:
    document.check()
    book = _FontBook(fonts or resolve_fonts())
    return _Context(book, document.page_layout, document.cover_pages)


def paginate(document: Document, *, fonts: FontSet | None = None) -> PdfResult:
    """Lay the document out without writing a file: pages and the page of every anchor."""
    ctx = _context(document, fonts)
    pages = _build(document, ctx, io.BytesIO(), layout_only=True)
    return PdfResult(
        None,
        pages,
        "".join(sorted(ctx.book.missing)),
        dict(ctx.anchors),
        colophon_page=ctx.colophon_page,
        colophon_gap=ctx.colophon_gap,
        colophon_alone=ctx.colophon_alone,
    )


def render_pdf(document: Document, path: Path, *, fonts: FontSet | None = None) -> PdfResult:
    """Write ``document`` as a PDF at ``path`` (via a temporary file in the same folder)."""
    path = Path(path)
    ctx = _context(document, fonts)
    if _needs_pages(document):
        _build(document, ctx, io.BytesIO(), layout_only=True)
        ctx.contents_pages = dict(ctx.anchors)
        ctx.anchors = {}
    with atomic_output(path) as temp:
        pages = _build(document, ctx, str(temp))
    return PdfResult(
        path,
        pages,
        "".join(sorted(ctx.book.missing)),
        dict(ctx.anchors),
        font_notice=ctx.book.fonts.notice(ctx.book.roles),
    )


__all__: Sequence[str] = (
    "GridTable",
    "PdfResult",
    "TextFlow",
    "paginate",
    "render_pdf",
)
