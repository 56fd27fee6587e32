"""The Word renderer (python-docx): the same pages as the PDF, for editing in Word or WPS.

- A4, the layout's margins; the official layout adds Word's document grid (22 lines of 28
  characters) and odd/even footers (``w:evenAndOddHeaders``).
- Every style and every run names the official font in ``w:eastAsia`` as well as
  ``w:ascii``/``w:hAnsi`` (python-docx's ``font.name`` alone sets only the latter), with
  ``w:altName`` stand-ins in the font table (仿宋_GB2312 → 仿宋 …): the reader's Word or
  WPS substitutes what is not installed.
- Fixed line spacing everywhere, widow control off and no hanging punctuation, so that
  lines and pages fall as in the PDF.
- Page numbers "— PAGE —" in the footer; none on a ledger's cover, whose section is
  followed by one that restarts at 1. Contents entries are PAGEREF fields to bookmarks,
  showing the page numbers the PDF layout computed until Word updates them.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.oxml import serialize_part_xml
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph as DocxParagraph

from jianshi_desktop import APP_NAME
from jianshi_desktop.documents.files import atomic_output
from jianshi_desktop.documents.fonts import GB2312_SIGNATURE, OFFICIAL_FONTS, WORD_FONT_TABLE
from jianshi_desktop.documents.layout import PageLayout, PageNumbering, mm_to_pt
from jianshi_desktop.documents.linebreak import balanced_title
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
    colophon_rows,
    masthead_plan,
)
from jianshi_desktop.documents.plan import (
    cover_plan,
    heading_role,
    signature_indents,
    text_em,
)

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
STYLE_NAMES = {
    "title": "文档标题",
    "subtitle": "文档副标题",
    "body": "文档正文",
    "heading1": "文档一级标题",
    "heading2": "文档二级标题",
    "heading3": "文档三级标题",
    "heading4": "文档四级标题",
    "table": "表格文字",
    "page_number": "页码",
    "contents": "目录项",
}


# -- XML helpers -------------------------------------------------------------------------
def set_run_fonts(rpr: Any, name: str) -> None:
    """Name ``name`` for every script of a run or style (``w:rFonts`` of ``rpr``)."""
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)
    fonts.set(qn("w:hint"), "eastAsia")
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


# Word refuses (or "repairs") elements out of their schema order: children are inserted
# where the schema puts them.
_ORDER = {
    "pPr": [
        "pStyle",
        "keepNext",
        "keepLines",
        "pageBreakBefore",
        "framePr",
        "widowControl",
        "numPr",
        "suppressLineNumbers",
        "pBdr",
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ],
    "rPr": [
        "rStyle",
        "rFonts",
        "b",
        "bCs",
        "i",
        "iCs",
        "caps",
        "smallCaps",
        "strike",
        "dstrike",
        "outline",
        "shadow",
        "emboss",
        "imprint",
        "noProof",
        "snapToGrid",
        "vanish",
        "webHidden",
        "color",
        "spacing",
        "w",
        "kern",
        "position",
        "sz",
        "szCs",
        "highlight",
        "u",
        "effect",
        "bdr",
        "shd",
        "fitText",
        "vertAlign",
        "rtl",
        "cs",
        "em",
        "lang",
        "eastAsianLayout",
        "specVanish",
        "oMath",
    ],
    "sectPr": [
        "headerReference",
        "footerReference",
        "footnotePr",
        "endnotePr",
        "type",
        "pgSz",
        "pgMar",
        "paperSrc",
        "pgBorders",
        "lnNumType",
        "pgNumType",
        "cols",
        "formProt",
        "vAlign",
        "noEndnote",
        "titlePg",
        "textDirection",
        "bidi",
        "rtlGutter",
        "docGrid",
        "printerSettings",
        "sectPrChange",
    ],
    "pBdr": ["top", "left", "bottom", "right", "between", "bar"],
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(parent: Any, tag: str) -> Any:
    """The child ``tag`` of ``parent``, created in its schema place if missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    order = _ORDER.get(_local(parent.tag))
    if order:
        rank = order.index(tag.split(":", 1)[1])
        for existing in parent:
            name = _local(existing.tag)
            if name in order and order.index(name) > rank:
                existing.addprevious(element)
                return element
    parent.append(element)
    return element


def _sub(parent: Any, tag: str, **attributes: str) -> Any:
    """Append a new child with ``w:`` attributes (for elements built in order)."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    parent.append(element)
    return element


def _twips(points: float) -> str:
    return str(round(points * 20))


def _set_spacing(ppr: Any, *, line: float, before: float = 0.0, after: float = 0.0) -> None:
    spacing = _child(ppr, "w:spacing")
    spacing.set(qn("w:before"), _twips(before))
    spacing.set(qn("w:after"), _twips(after))
    spacing.set(qn("w:line"), _twips(line))
    spacing.set(qn("w:lineRule"), "exact")


def _field(paragraph: DocxParagraph, instruction: str, shown: str, style: _RunStyle) -> None:
    """A complex field (``PAGE``, ``PAGEREF x \\h``) showing ``shown`` until updated."""
    for kind in ("begin", "instr", "separate", "shown", "end"):
        run = paragraph.add_run()
        style.apply(run)
        if kind == "instr":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        elif kind == "shown":
            run.text = shown
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), "separate" if kind == "separate" else kind)
            run._r.append(char)


class _RunStyle:
    def __init__(self, font: str, size: float, color: str = "", scale: float = 1.0) -> None:
        self.font = font
        self.size = size
        self.color = color
        self.scale = scale

    def apply(self, run: Any) -> None:
        run.font.size = Pt(self.size)
        set_run_fonts(run._r.get_or_add_rPr(), self.font)
        if self.color:
            run.font.color.rgb = RGBColor.from_string(self.color)
        if self.scale != 1.0:
            _child(run._r.get_or_add_rPr(), "w:w").set(qn("w:val"), str(round(self.scale * 100)))


def _rule(border: Any, weight: float) -> None:
    """A black paragraph border ``weight`` points wide, drawn on the paragraph's edge."""
    border.set(qn("w:val"), "single")
    border.set(qn("w:sz"), str(max(round(weight * 8), 2)))
    border.set(qn("w:space"), "0")
    border.set(qn("w:color"), "000000")


def _bookmark_name(anchor: str) -> str:
    return "_JS_" + re.sub(r"[^A-Za-z0-9_]", "_", anchor)[:34]


# -- the writer --------------------------------------------------------------------------
@functools.lru_cache(maxsize=8)
def _template(layout: PageLayout, numbering: PageNumbering) -> bytes:
    """python-docx's blank document with our settings, styles and font table for
    ``layout``: the same for every document of that layout, so made once a process and
    each document starts from it (about 20 ms a document otherwise, a third of a record's
    Word file — python-docx finds styles by scanning them all)."""
    blank = Document("", settings=layout, page_numbering=numbering)
    maker = _Writer(blank, {}, template=False)
    maker._settings()
    maker._styles()
    maker._font_table()
    buffer = io.BytesIO()
    maker.doc.save(buffer)
    release(maker.doc)
    return buffer.getvalue()


class _Writer:
    def __init__(
        self, document: Document, page_numbers: dict[str, int], *, template: bool = True
    ) -> None:
        self.model = document
        self.layout: PageLayout = document.page_layout
        self.pages = page_numbers
        # the settings, styles and font table of this layout, made once (see _template)
        styled = _template(self.layout, document.numbering) if template else None
        self.doc = docx.Document(io.BytesIO(styled) if styled else None)
        self._break_next = False
        self._bookmark_id = 0
        self._last_paragraph: DocxParagraph | None = None
        self._ids: dict[str, str] = {}
        self._after_masthead = 0.0  # from the red line's paragraph down to the title
        self._colophon_alone = False  # the 版记 is a section (and page) of its own

    # -- set-up ----------------------------------------------------------------------
    def setup(self) -> None:
        self._page_setup(self.doc.sections[0])
        props = self.doc.core_properties
        props.title = self.model.title
        props.subject = self.model.subtitle
        props.author = self.model.author or APP_NAME
        props.last_modified_by = APP_NAME
        props.comments = f"由{APP_NAME}生成"
        # python-docx's template says it was made in 2013 by "Microsoft Macintosh Word"
        now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
        props.created = props.modified = now
        props.revision = 1
        self._app_properties()

    def _app_properties(self) -> None:
        """docProps/app.xml: the program that made the file (Word shows it as 应用程序)."""
        for part in self.doc.part.package.parts:
            if str(part.partname) == "/docProps/app.xml":
                root = parse_xml(
                    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                    'extended-properties"><Application/><DocSecurity>0</DocSecurity>'
                    "</Properties>"
                )
                root[0].text = APP_NAME
                part._blob = serialize_part_xml(root)

    def _page_setup(self, section: Any) -> None:
        layout = self.layout
        section.page_width = Mm(layout.page_width_mm)
        section.page_height = Mm(layout.page_height_mm)
        if layout.landscape:  # w:orient, so that Word and printers turn the page
            section.orientation = WD_ORIENT.LANDSCAPE
        section.top_margin = Mm(layout.margin_top_mm)
        section.bottom_margin = Mm(layout.margin_bottom_mm)
        section.left_margin = Mm(layout.margin_left_mm)
        section.right_margin = Mm(layout.margin_right_mm)
        section.header_distance = Mm(min(15.0, layout.margin_top_mm / 2))
        section.footer_distance = Mm(max(layout.footer_distance_mm, 0.0))
        section.gutter = Emu(0)
        sect = section._sectPr
        grid = _child(sect, "w:docGrid")
        grid.set(qn("w:linePitch"), _twips(layout.body_leading_pt))
        if layout.chars_per_line:
            # Word's 文档网格 holds the page's 22 lines (linePitch); the paragraphs do not
            # snap to it (w:snapToGrid 0), their exact line spacing already is the pitch.
            # The 28 characters a line come from w:spacing in the styles, as in the PDF,
            # not from a character grid ("linesAndChars"): LibreOffice rounds such a grid's
            # cell to 15.76 pt, narrows the text block to 28 whole cells and then sets one
            # character fewer on many lines than Word and the PDF do.
            grid.set(qn("w:type"), "lines")

    def _settings(self) -> None:
        settings = self.doc.settings
        if self.model.numbering == "odd_even":
            settings.odd_and_even_pages_header_footer = True
        element = settings.element
        for setting in element.iter(qn("w:compatSetting")):
            if setting.get(qn("w:name")) == "compatibilityMode":
                setting.set(qn("w:val"), "15")  # tables' borders sit on the margin
        lang = element.find(qn("w:themeFontLang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")

    def _styles(self) -> None:
        layout = self.layout
        styles = self.doc.styles
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_run_fonts(rpr, OFFICIAL_FONTS["body"])
        _child(rpr, "w:sz").set(qn("w:val"), str(round(layout.body_size_pt * 2)))
        _child(rpr, "w:szCs").set(qn("w:val"), str(round(layout.body_size_pt * 2)))
        lang = _child(rpr, "w:lang")
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        _set_spacing(ppr, line=layout.body_leading_pt)
        _child(ppr, "w:widowControl").set(qn("w:val"), "0")
        if layout.chars_per_line:  # the grid only describes the page (see _page_setup)
            _child(ppr, "w:snapToGrid").set(qn("w:val"), "0")
        _child(ppr, "w:overflowPunct").set(qn("w:val"), "0")  # no hanging punctuation
        _child(ppr, "w:kinsoku").set(qn("w:val"), "1")
        # no extra space between Chinese and Latin letters or digits: the PDF adds none
        _child(ppr, "w:autoSpaceDE").set(qn("w:val"), "0")
        _child(ppr, "w:autoSpaceDN").set(qn("w:val"), "0")

        normal = styles["Normal"]
        normal.font.size = Pt(layout.body_size_pt)
        if layout.chars_per_line:
            _child(normal.element.get_or_add_pPr(), "w:snapToGrid").set(qn("w:val"), "0")
        set_run_fonts(normal.element.get_or_add_rPr(), OFFICIAL_FONTS["body"])
        body = layout.body_size_pt
        self._style("title", "title", layout.title_size_pt, layout.title_leading_pt, "center")
        self._style(
            "subtitle", "heading2", layout.subtitle_size_pt, layout.body_leading_pt, "center"
        )
        spacing = layout.body_char_space_pt
        self._style(
            "body",
            "body",
            body,
            layout.body_leading_pt,
            "justify",
            indent_chars=layout.first_line_indent_chars,
            char_space=spacing,
        )
        for level in (1, 2, 3, 4):
            self._style(
                f"heading{level}",
                heading_role(level),
                body,
                layout.body_leading_pt,
                "justify",
                indent_chars=layout.first_line_indent_chars,
                outline=level,
                char_space=spacing,
            )
        self._style("table", "body", layout.table_size_pt, layout.table_leading_pt, "justify")
        self._style(
            "page_number",
            "page_number",
            layout.page_number_size_pt,
            layout.page_number_size_pt,
            "center",
        )
        self._style("contents", "body", body, layout.body_leading_pt, "left")

    @property
    def _style_ids(self) -> dict[str, str]:
        if not self._ids:
            self._ids = {k: self.doc.styles[n].style_id for k, n in STYLE_NAMES.items()}
        return self._ids

    def _style(
        self,
        key: str,
        role: FontRole,
        size: float,
        leading: float,
        align: Align,
        *,
        indent_chars: float = 0.0,
        outline: int = 0,
        char_space: float = 0.0,
    ) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        style = self.doc.styles.add_style(STYLE_NAMES[key], WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.doc.styles["Normal"]
        style.quick_style = True
        style.font.size = Pt(size)
        set_run_fonts(style.element.get_or_add_rPr(), OFFICIAL_FONTS[role])
        if char_space:
            _child(style.element.get_or_add_rPr(), "w:spacing").set(qn("w:val"), _twips(char_space))
        fmt = style.paragraph_format
        fmt.alignment = _ALIGN[align]
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(leading)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.widow_control = False
        if self.layout.chars_per_line:  # LibreOffice reads it from styles, not the defaults
            _child(style.element.get_or_add_pPr(), "w:snapToGrid").set(qn("w:val"), "0")
        if indent_chars:
            self._indent_chars(style.element.get_or_add_pPr(), indent_chars, size)
        if outline:
            _child(style.element.get_or_add_pPr(), "w:outlineLvl").set(
                qn("w:val"), str(outline - 1)
            )

    @staticmethod
    def _indent_chars(ppr: Any, chars: float, size: float) -> None:
        ind = _child(ppr, "w:ind")
        ind.set(qn("w:firstLine"), _twips(chars * size))
        ind.set(qn("w:firstLineChars"), str(round(chars * 100)))

    def _font_table(self) -> None:
        part = next(
            p for p in self.doc.part.package.parts if str(p.partname) == "/word/fontTable.xml"
        )
        root = parse_xml(part.blob)
        for name, entry in WORD_FONT_TABLE.items():  # each official font, with its stand-in
            font = _sub(root, "w:font", name=name)
            _sub(font, "w:altName", val=entry.alt_name)
            _sub(font, "w:panose1", val=entry.panose)
            _sub(font, "w:charset", val="86")
            _sub(font, "w:family", val=entry.family)
            _sub(font, "w:pitch", val=entry.pitch)
            _sub(font, "w:sig", **GB2312_SIGNATURE)
        part._blob = serialize_part_xml(root)

    # -- paragraphs ------------------------------------------------------------------
    def paragraph(
        self,
        text: str,
        key: str,
        run_style: _RunStyle,
        *,
        align: Align | None = None,
        indent_chars: float | None = None,
        before: float = 0.0,
        after: float = 0.0,
        keep_with_next: bool = False,
        container: Any = None,
    ) -> DocxParagraph:
        if container is None:
            paragraph = self.doc.add_paragraph()
        else:
            element = OxmlElement("w:p")
            container.append(element)
            paragraph = DocxParagraph(element, self.doc._body)
        # the style by id: python-docx's lookup by name is slow (it scans every style)
        paragraph._p.style = self._style_ids[key]
        if align is not None:
            paragraph.alignment = _ALIGN[align]
        if indent_chars is not None:
            ppr = paragraph._p.get_or_add_pPr()
            if indent_chars:
                self._indent_chars(ppr, indent_chars, run_style.size)
            else:
                ind = _child(ppr, "w:ind")
                ind.set(qn("w:firstLine"), "0")
                ind.set(qn("w:firstLineChars"), "0")
        fmt = paragraph.paragraph_format
        if before:
            fmt.space_before = Pt(before)
        if after:
            fmt.space_after = Pt(after)
        if keep_with_next:
            fmt.keep_with_next = True
        if container is None and self._break_next:
            fmt.page_break_before = True
            self._break_next = False
        for number, line in enumerate(text.split("\n")):
            run = paragraph.add_run(line)
            run_style.apply(run)
            if number:
                run._r.insert(list(run._r).index(run._r.find(qn("w:t"))), OxmlElement("w:br"))
        if container is None:
            self._last_paragraph = paragraph
        return paragraph

    def font(self, role: FontRole, size: float, color: str = "") -> _RunStyle:
        return _RunStyle(OFFICIAL_FONTS[role], size, color)

    def bookmark(self, paragraph: DocxParagraph, anchor: str) -> None:
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), _bookmark_name(anchor))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    # -- blocks ----------------------------------------------------------------------
    def write(self) -> None:
        layout = self.layout
        leading = layout.body_leading_pt
        if self.model.masthead is not None:
            self.masthead(self.model.masthead)
        title_after = leading if layout.kind == "official" else leading * 0.5
        after_masthead = self.model.masthead is not None
        for block, number in self.model.numbered_headings():
            if isinstance(block, Title):
                text = balanced_title(block.text, layout.title_size_pt, layout.text_width_pt)
                before = self._after_masthead if after_masthead else 0.0
                after_masthead = False
                title = self.paragraph(
                    text,
                    "title",
                    self.font("title", layout.title_size_pt),
                    before=before,
                    after=0.0 if block.subtitle else title_after,
                    keep_with_next=True,
                )
                if block.anchor:
                    self.bookmark(title, block.anchor)
                if block.subtitle:
                    self.paragraph(
                        block.subtitle,
                        "subtitle",
                        self.font("heading2", layout.subtitle_size_pt),
                        after=title_after,
                        keep_with_next=True,
                    )
            elif isinstance(block, Heading):
                role = heading_role(block.level)
                heading = self.paragraph(
                    number + block.text,
                    f"heading{block.level}",
                    self.font(role, layout.body_size_pt),
                    keep_with_next=True,
                )
                if block.anchor:
                    self.bookmark(heading, block.anchor)
            elif isinstance(block, Paragraph):
                self.paragraph(
                    block.text,
                    "body",
                    self.font(block.role, layout.body_size_pt),
                    align=block.align,
                    indent_chars=block.indent_chars,
                    before=block.space_before_lines * leading,
                )
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, SignatureBlock):
                self.signature(block)
            elif isinstance(block, SignatureLines):
                self.signature_lines(block)
            elif isinstance(block, PageBreak):
                self._break_next = True
            elif isinstance(block, Cover):
                self.cover(block)
            elif isinstance(block, Contents):
                self.contents(block)
            after_masthead = after_masthead and isinstance(block, Title)
        if self.model.colophon is not None:
            self.colophon(self.model.colophon)
        self.footers()

    def masthead(self, masthead: Masthead) -> None:
        """As the PDF draws it (:func:`~jianshi_desktop.documents.official.masthead_plan`):
        the mark (one line or two), the number (upward: left with 签发人 right; downward:
        centred) with the red line as its bottom border, and the space down to the title
        that ends the masthead on a whole body line."""
        layout = self.layout
        plan = masthead_plan(masthead, layout)
        pitch = plan.pitch
        top = plan.issuer_top - (pitch - plan.size) / 2
        issuer = _RunStyle(OFFICIAL_FONTS["title"], plan.size, layout.red, plan.scale)
        self.paragraph("\n".join(plan.lines), "title", issuer, before=top, keep_with_next=True)
        self._last_paragraph_line(pitch)
        leading = layout.body_leading_pt
        body = layout.body_size_pt
        number_font = self.font("body", body)
        before = plan.number_top - (top + len(plan.lines) * pitch)
        if masthead.upward:
            para = self.paragraph(
                masthead.document_number,
                "body",
                number_font,
                align="left",
                indent_chars=0,
                before=before,
                keep_with_next=True,
            )
            para.paragraph_format.left_indent = Pt(body)
            if masthead.signer:
                stops = para.paragraph_format.tab_stops
                stops.add_tab_stop(Pt(layout.text_width_pt - body - body), WD_TAB_ALIGNMENT.RIGHT)
                tab = para.add_run("\t签发人：")
                number_font.apply(tab)
                signer = para.add_run(masthead.signer)
                self.font("heading2", body).apply(signer)  # the name in 楷体
        else:
            para = self.paragraph(
                masthead.document_number,
                "body",
                number_font,
                align="center",
                indent_chars=0,
                before=before,
                keep_with_next=True,
            )
        # the red line 4 mm below the number's characters
        gap = round(mm_to_pt(4.0) - (leading - body) / 2)
        borders = _child(para._p.get_or_add_pPr(), "w:pBdr")
        bottom = _child(borders, "w:bottom")
        bottom.set(qn("w:val"), "single")
        bottom.set(qn("w:sz"), str(round(layout.red_line_pt * 8)))
        bottom.set(qn("w:space"), str(max(gap, 0)))
        bottom.set(qn("w:color"), layout.red)
        # Word adds the border and its distance to the paragraph's height
        used = plan.number_top + leading + max(gap, 0) + layout.red_line_pt
        self._after_masthead = max(plan.height - used, 0.0)

    def colophon(self, colophon: Colophon) -> None:
        """版记 at the foot of the last page, where the PDF puts it: an empty line as high
        as the space the PDF leaves above it, then 抄送 and 印发 paragraphs whose borders
        are the rules (Word adds a border's width to the paragraph's height: the lines are
        that much lower). On a page of its own it is a section without page numbers."""
        from jianshi_desktop.documents.render_pdf import paginate

        layout = self.layout
        leading = layout.body_leading_pt
        laid = paginate(self.model)
        if laid.colophon_alone:
            self._colophon_section()
        # a point to spare: rounding to Word's twips must not push it over the page
        space = laid.colophon_gap - 1.0
        if space > 0.5:
            spacer = self.paragraph("", "body", self.font("body", 1.0), indent_chars=0)
            _set_spacing(spacer._p.get_or_add_pPr(), line=space)
        size = COLOPHON_SIZE_PT
        font = self.font("body", size)
        parts = colophon_rows(colophon, layout)
        for number, part in enumerate(parts):
            first, last = number == 0, number == len(parts) - 1
            para = self.paragraph("", "body", font, align="left", indent_chars=0)
            for index, row in enumerate(part):
                if index:
                    line_break = para.add_run()
                    font.apply(line_break)
                    line_break.add_break()
                text = "\t" + ("\t" if row.indent_ems else "") + row.left
                font.apply(para.add_run(text + (f"\t{row.right}" if row.right else "")))
            stops = para.paragraph_format.tab_stops
            stops.add_tab_stop(Pt(size))
            if any(row.indent_ems for row in part):
                stops.add_tab_stop(Pt(size + max(r.indent_ems for r in part) * size))
            if any(row.right for row in part):
                stops.add_tab_stop(Pt(layout.text_width_pt - size), WD_TAB_ALIGNMENT.RIGHT)
            borders = _child(para._p.get_or_add_pPr(), "w:pBdr")
            added = 0.0
            if first:
                _rule(_child(borders, "w:top"), THICK_RULE_PT)
                added += THICK_RULE_PT
            weight = THICK_RULE_PT if last else THIN_RULE_PT
            _rule(_child(borders, "w:bottom"), weight)
            added += weight
            _set_spacing(para._p.get_or_add_pPr(), line=leading - added / len(part))

    def _colophon_section(self) -> None:
        """End the body's section at its last paragraph; the 版记 follows on a new page in
        a section of its own (its footers are left empty by :meth:`footers`)."""
        last = self._last_paragraph
        body_sect = self.doc.element.body.find(qn("w:sectPr"))
        if last is None or body_sect is None:
            return
        ended = copy.deepcopy(body_sect)
        ppr = last._p.get_or_add_pPr()
        ppr.replace(_child(ppr, "w:sectPr"), ended)
        _child(body_sect, "w:type").set(qn("w:val"), "nextPage")
        restart = body_sect.find(qn("w:pgNumType"))
        if restart is not None:
            body_sect.remove(restart)
        self._colophon_alone = True

    def _last_paragraph_line(self, line: float) -> None:
        if self._last_paragraph is not None:
            fmt = self._last_paragraph.paragraph_format
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(line)

    def table(self, block: Table) -> None:
        """The table written as XML directly (python-docx's cell API is quadratic)."""
        layout = self.layout
        widths = block.widths_pt(layout.text_width_pt)
        pad_x = mm_to_pt(layout.cell_padding_mm)
        pad_y = mm_to_pt(layout.cell_padding_vertical_mm)
        if self._break_next:
            # a page break before a table: an empty 1 pt paragraph carries it
            holder = self.paragraph("", "body", self.font("body", 1.0))
            holder.paragraph_format.page_break_before = True
            holder.paragraph_format.line_spacing = Pt(1)
        tbl = OxmlElement("w:tbl")
        props = _sub(tbl, "w:tblPr")
        _sub(props, "w:tblW", w=_twips(sum(widths)), type="dxa")
        _sub(props, "w:tblInd", w="0", type="dxa")
        borders = _sub(props, "w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            _sub(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
        _sub(props, "w:tblLayout", type="fixed")
        margins = _sub(props, "w:tblCellMar")
        # Word and LibreOffice add a row's horizontal rule (sz 4: 0.5 pt) to its height; the
        # PDF draws it on the row's edge. Half of it comes off each vertical margin, so that
        # rows are as tall as the PDF's and pages break after the same row.
        inner_y = pad_y - 0.25
        sides = (("top", inner_y), ("left", pad_x), ("bottom", inner_y), ("right", pad_x))
        for side, value in sides:
            _sub(margins, f"w:{side}", w=_twips(value), type="dxa")
        _sub(
            props,
            "w:tblLook",
            val="0000",
            firstRow="0",
            lastRow="0",
            firstColumn="0",
            lastColumn="0",
            noHBand="1",
            noVBand="1",
        )
        grid = _sub(tbl, "w:tblGrid")
        for width in widths:
            _sub(grid, "w:gridCol", w=_twips(width))
        size, leading = block.text_size(layout)
        run_style = self.font("body", size)
        custom = (size, leading) != (layout.table_size_pt, layout.table_leading_pt)
        for number, cells in enumerate(block.rows):
            tr = _sub(tbl, "w:tr")
            tr_props = _sub(tr, "w:trPr")
            lines = max(cell.min_lines for cell in cells)
            height = lines * leading + 2 * pad_y
            if Table.row_kept_together(cells):  # as the PDF: onto the next page whole
                _sub(tr_props, "w:cantSplit")
            _sub(tr_props, "w:trHeight", val=_twips(height), hRule="atLeast")
            if number < block.header_rows:
                _sub(tr_props, "w:tblHeader")
            column = 0
            for cell in cells:
                tc = _sub(tr, "w:tc")
                tc_props = _sub(tc, "w:tcPr")
                span = widths[column : column + cell.colspan]
                _sub(tc_props, "w:tcW", w=_twips(sum(span)), type="dxa")
                if cell.colspan > 1:
                    _sub(tc_props, "w:gridSpan", val=str(cell.colspan))
                if cell.label:
                    _sub(tc_props, "w:shd", val="clear", color="auto", fill=layout.label_shade)
                # as the PDF: a content cell left room to write in starts at the top
                at_top = not cell.label and cell.min_lines > 1
                _sub(tc_props, "w:vAlign", val="top" if at_top else "center")
                for text in cell.text.split("\n"):
                    para = self.paragraph(
                        text,
                        "table",
                        run_style,
                        align=cell.alignment,
                        indent_chars=cell.indent_chars,
                        container=tc,
                    )
                    if custom:
                        para.paragraph_format.line_spacing = Pt(leading)
                column += cell.colspan
        body = self.doc.element.body
        body.find(qn("w:sectPr")).addprevious(tbl)

    def signature(self, block: SignatureBlock) -> None:
        layout = self.layout
        size = layout.body_size_pt
        signer_right, date_right = signature_indents(block.signer, block.date_text, size)
        space = block.space_before_lines
        if space is None:
            space = layout.signature_space_lines
        before = space * layout.body_leading_pt
        font = self.font("body", size)
        if self._last_paragraph is not None:
            # the text's last line goes with the 署名 and date: never a page of seal alone
            self._last_paragraph.paragraph_format.keep_with_next = True
        if block.signer:
            para = self.paragraph(
                block.signer,
                "body",
                font,
                align="right",
                indent_chars=0,
                before=before,
                keep_with_next=bool(block.date_text),
            )
            para.paragraph_format.right_indent = Pt(signer_right)
            before = 0.0
        if block.date_text:
            para = self.paragraph(
                block.date_text, "body", font, align="right", indent_chars=0, before=before
            )
            para.paragraph_format.right_indent = Pt(date_right)

    def signature_lines(self, block: SignatureLines) -> None:
        layout = self.layout
        size = layout.body_size_pt
        per_line = max(block.per_line, 1)
        column = layout.text_width_pt / per_line
        font = self.font("body", size)
        for start in range(0, len(block.labels), per_line):
            para = self.paragraph(
                "",
                "body",
                font,
                align="left",
                indent_chars=0,
                before=layout.body_leading_pt if start == 0 else 0.0,
            )
            for position in range(1, per_line):
                para.paragraph_format.tab_stops.add_tab_stop(Pt(column * position))
            for offset, label in enumerate(block.labels[start : start + per_line]):
                if offset:
                    font.apply(para.add_run("\t"))
                font.apply(para.add_run(f"{label}："))
                room = (column - text_em(label + "：") * size - size * 0.5) / size
                blank = para.add_run("\u3000" * max(min(block.blank_chars, int(room)), 1))
                font.apply(blank)
                blank.font.underline = True

    def cover(self, block: Cover) -> None:
        layout = self.layout
        bottom = 0.0
        for item in cover_plan(block, layout):
            style = _RunStyle(OFFICIAL_FONTS[item.role], item.size)
            para = self.paragraph(
                item.text, "title", style, align="center", before=max(item.top - bottom, 0.0)
            )
            fmt = para.paragraph_format
            fmt.line_spacing = Pt(item.leading)
            bottom = item.top + item.leading
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        _child(section._sectPr, "w:pgNumType").set(qn("w:start"), "1")

    def contents(self, block: Contents) -> None:
        layout = self.layout
        self.paragraph(
            block.title,
            "title",
            self.font("title", layout.title_size_pt),
            after=layout.body_leading_pt * 0.5,
            keep_with_next=True,
        )
        font = self.font("body", layout.body_size_pt)
        for entry in block.entries:
            para = self.paragraph(entry.text, "contents", font, indent_chars=0)
            para.paragraph_format.right_indent = Pt(0)
            para.paragraph_format.tab_stops.add_tab_stop(
                Pt(layout.text_width_pt), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
            )
            font.apply(para.add_run("\t"))
            page = entry.page if entry.page is not None else self.pages.get(entry.anchor)
            _field(para, f"PAGEREF {_bookmark_name(entry.anchor)} \\h", str(page or ""), font)

    def footers(self) -> None:
        numbering = self.model.numbering
        if numbering == "none":
            return
        layout = self.layout
        size = layout.page_number_size_pt
        font = self.font("page_number", size)
        sections = self.doc.sections
        if self._colophon_alone:  # the last section holds only the 版记: no numbers
            for part in (sections[-1].footer, sections[-1].even_page_footer):
                part.is_linked_to_previous = False
        section = sections[-2] if self._colophon_alone else sections[-1]
        if len(sections) > (2 if self._colophon_alone else 1):
            section.footer.is_linked_to_previous = False
            section.even_page_footer.is_linked_to_previous = False
        if numbering == "odd_even":
            self._number(section.footer, font, "right")
            self._number(section.even_page_footer, font, "left")
        else:
            self._number(section.footer, font, "center")

    def _number(self, footer: Any, font: _RunStyle, align: Align) -> None:
        size = font.size
        para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        para.style = self.doc.styles[STYLE_NAMES["page_number"]]
        para.alignment = _ALIGN[align]
        fmt = para.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(size)
        if align == "right":
            fmt.right_indent = Pt(size)
        elif align == "left":
            fmt.left_indent = Pt(size)
        font.apply(para.add_run("— "))
        _field(para, "PAGE", "1", font)
        font.apply(para.add_run(" —"))


def _page_numbers(document: Document) -> dict[str, int]:
    needed = any(
        isinstance(b, Contents) and any(e.page is None for e in b.entries) for b in document.blocks
    )
    if not needed:
        return {}
    from jianshi_desktop.documents.render_pdf import paginate

    return paginate(document).anchors


def build_docx(document: Document, page_numbers: dict[str, int] | None = None) -> Any:
    """The python-docx ``Document`` (not saved)."""
    document.check()
    writer = _Writer(document, _page_numbers(document) if page_numbers is None else page_numbers)
    writer.setup()
    writer.write()
    return writer.doc


def render_docx(
    document: Document, path: Path, *, page_numbers: dict[str, int] | None = None
) -> Path:
    """Write ``document`` as a .docx at ``path`` (via a temporary file in the same folder).

    ``page_numbers`` (anchor → page) fills the contents; by default they are computed by
    laying the document out as the PDF renderer does.
    """
    path = Path(path)
    built = build_docx(document, page_numbers)
    try:
        with atomic_output(path) as temp:
            built.save(str(temp))
    finally:
        release(built)
    return path


def release(built: Any) -> None:
    """Free a python-docx document's memory now. Its package and parts refer to each
    other, so their XML trees (held by lxml outside Python's own accounting) wait for a
    full garbage collection — which may not come for dozens of documents, and in the
    window runs only on the GUI thread. A package export writing a year's records grew by
    about 1 MB a document that way. Cutting the references frees them at once."""
    package = built.part.package
    for part in list(package.iter_parts()):
        part.__dict__.clear()
    package.__dict__.clear()


__all__: Sequence[str] = ("STYLE_NAMES", "build_docx", "render_docx", "set_run_fonts")
