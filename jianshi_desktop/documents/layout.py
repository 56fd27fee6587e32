"""Page layouts in one place: the local table form and GB/T 9704-2012.

The defaults come from ``official-format.md``:

- ``table_form`` (会议记录, 台账, 花名册): A4, margins 2.54 cm top and bottom, 3.17 cm left
  and right; title 22 pt 小标宋 on a fixed 36 pt line; body 16 pt 仿宋 on a fixed 31 pt line,
  first line indented two characters. Table text is 14 pt on 24 pt (四号: our choice, the
  template names no size for cells).
- ``official`` (报告, 请示, 通知): top 37 mm, left 28 mm, text block 156 × 225 mm; 22 lines
  of 28 characters of 3号 (16 pt) 仿宋; title 2号 (22 pt); page numbers 4号 (14 pt)
  "— 1 —" 7 mm below the text block, odd pages right and even pages left, indented one
  character.

Both renderers read every measure from a :class:`PageLayout`; the settings page changes
the table-form values through :func:`customised`.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any, Literal

from jianshi_desktop.errors import ValidationError

LayoutKind = Literal["table_form", "official"]
PageNumbering = Literal["none", "center", "odd_even"]

PT_PER_MM = 72 / 25.4
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_MM


def pt_to_mm(pt: float) -> float:
    return pt / PT_PER_MM


@dataclass(frozen=True)
class PageLayout:
    """Every measure a renderer needs; millimetres for the page, points for type."""

    kind: LayoutKind
    page_width_mm: float = 210.0
    page_height_mm: float = 297.0
    margin_top_mm: float = 25.4
    margin_bottom_mm: float = 25.4
    margin_left_mm: float = 31.7
    margin_right_mm: float = 31.7
    title_size_pt: float = 22.0
    title_leading_pt: float = 36.0
    subtitle_size_pt: float = 16.0
    body_size_pt: float = 16.0
    body_leading_pt: float = 31.0
    first_line_indent_chars: float = 2.0
    # Characters per line of body text; None lets the font's own width decide.
    chars_per_line: int | None = None
    table_size_pt: float = 14.0
    table_leading_pt: float = 24.0
    cell_padding_mm: float = 1.5
    cell_padding_vertical_mm: float = 1.0
    label_shade: str = "F2F2F2"
    page_numbering: PageNumbering = "center"
    page_number_size_pt: float = 14.0
    page_number_gap_mm: float = 7.0
    masthead_max_size_pt: float = 42.0
    red: str = "E60012"
    red_line_pt: float = 1.5
    signature_space_lines: int = 2
    cover_title_size_pt: float = 36.0
    cover_subtitle_size_pt: float = 22.0
    cover_line_size_pt: float = 16.0

    # -- derived measures ---------------------------------------------------------------
    @property
    def page_width_pt(self) -> float:
        return mm_to_pt(self.page_width_mm)

    @property
    def page_height_pt(self) -> float:
        return mm_to_pt(self.page_height_mm)

    @property
    def text_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm

    @property
    def text_width_pt(self) -> float:
        return mm_to_pt(self.text_width_mm)

    @property
    def text_height_pt(self) -> float:
        return mm_to_pt(self.text_height_mm)

    @property
    def body_char_space_pt(self) -> float:
        """Space added after each body character so that ``chars_per_line`` fit a line.

        Rounded down to Word's unit (1/20 pt, ``w:spacing``): 28 characters of 16 pt in
        156 mm need -0.21 pt, so -0.25 pt. (Word's character grid would do the same, but
        LibreOffice gives a character wider than a grid cell two cells.)
        """
        if not self.chars_per_line:
            return 0.0
        exact = self.text_width_pt / self.chars_per_line - self.body_size_pt
        return math.floor(exact * TWIPS_PER_PT) / TWIPS_PER_PT

    @property
    def page_number_top_mm(self) -> float:
        """Distance from the bottom edge of the page to the top of the page-number line."""
        return self.margin_bottom_mm - self.page_number_gap_mm

    @property
    def footer_distance_mm(self) -> float:
        """Word's footer distance: the page number's line box ends here above the edge."""
        return self.page_number_top_mm - pt_to_mm(self.page_number_size_pt)

    @property
    def lines_per_page(self) -> int:
        return int((self.text_height_pt + 0.01) // self.body_leading_pt)

    @property
    def landscape(self) -> bool:
        """A page wider than high (a wide 花名册): renderers mark it so for printers."""
        return self.page_width_mm > self.page_height_mm


def as_landscape(layout: PageLayout) -> PageLayout:
    """``layout`` turned a quarter: the same margins on a page wider than high."""
    if layout.landscape:
        return layout
    return dataclasses.replace(
        layout, page_width_mm=layout.page_height_mm, page_height_mm=layout.page_width_mm
    )


TABLE_FORM = PageLayout(kind="table_form")

# 225 mm / 22 lines = 28.99 pt; Word stores line pitch in twips, and 579 twips (28.95 pt)
# is the largest pitch at which 22 lines still fit, so both renderers use it.
OFFICIAL = PageLayout(
    kind="official",
    margin_top_mm=37.0,
    margin_bottom_mm=35.0,
    margin_left_mm=28.0,
    margin_right_mm=26.0,
    title_size_pt=22.0,
    title_leading_pt=28.95,
    subtitle_size_pt=16.0,
    body_size_pt=16.0,
    body_leading_pt=28.95,
    chars_per_line=28,
    table_size_pt=14.0,
    table_leading_pt=24.0,
    page_numbering="odd_even",
)


def default_layout(kind: LayoutKind) -> PageLayout:
    return OFFICIAL if kind == "official" else TABLE_FORM


_LIMITS: dict[str, tuple[float, float, str]] = {
    "margin_top_mm": (5, 60, "上边距"),
    "margin_bottom_mm": (5, 60, "下边距"),
    "margin_left_mm": (5, 60, "左边距"),
    "margin_right_mm": (5, 60, "右边距"),
    "title_size_pt": (10, 48, "标题字号"),
    "title_leading_pt": (10, 80, "标题行距"),
    "body_size_pt": (8, 32, "正文字号"),
    "body_leading_pt": (8, 64, "正文行距"),
    "table_size_pt": (8, 32, "表格字号"),
    "table_leading_pt": (8, 64, "表格行距"),
    "first_line_indent_chars": (0, 4, "首行缩进字数"),
}


def customised(kind: LayoutKind, **values: float) -> PageLayout:
    """The default layout of ``kind`` with the settings page's values; checked.

    Raises :class:`ValidationError` (Chinese) for an unknown or unreasonable value.
    """
    base = default_layout(kind)
    for name, value in values.items():
        if name not in _LIMITS:
            raise ValidationError(f"版式设置中没有“{name}”这一项。", field=name)
        low, high, label = _LIMITS[name]
        if not low <= float(value) <= high:
            raise ValidationError(
                f"{label}应在 {low:g} 到 {high:g} 之间，现在是 {value:g}。", field=name
            )
    changes: dict[str, Any] = {k: float(v) for k, v in values.items()}
    layout = dataclasses.replace(base, **changes)
    if layout.body_leading_pt < layout.body_size_pt:
        raise ValidationError("正文行距不能小于正文字号。", field="body_leading_pt")
    if layout.title_leading_pt < layout.title_size_pt:
        raise ValidationError("标题行距不能小于标题字号。", field="title_leading_pt")
    if layout.table_leading_pt < layout.table_size_pt:
        raise ValidationError("表格行距不能小于表格字号。", field="table_leading_pt")
    if layout.text_width_mm < 80 or layout.text_height_mm < 120:
        raise ValidationError("边距太大，页面上留给正文的地方太小了。", field="margin_left_mm")
    return layout
