"""PDF files read back with pypdf and pdfplumber: A4, fonts embedded, text inside the text
block, page numbers where GB/T 9704 puts them, the expected text, no stray punctuation, and
(where LibreOffice is installed) the same page count as the Word file."""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pypdf = pytest.importorskip("pypdf")
pdfplumber = pytest.importorskip("pdfplumber")

from jianshi_desktop.documents.fonts import FontSet, bundled_fonts_dir, find_fonts  # noqa: E402
from jianshi_desktop.documents.layout import (  # noqa: E402
    OFFICIAL,
    TABLE_FORM,
    LayoutKind,
    PageLayout,
    mm_to_pt,
)
from jianshi_desktop.documents.linebreak import NO_LINE_START  # noqa: E402
from jianshi_desktop.documents.model import (  # noqa: E402
    Block,
    Cell,
    Cover,
    Document,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    Title,
)
from jianshi_desktop.documents.render_docx import render_docx  # noqa: E402
from jianshi_desktop.documents.render_pdf import PdfResult, render_pdf  # noqa: E402
from tests import document_samples as samples  # noqa: E402

MM = mm_to_pt(1.0)


@pytest.fixture(scope="module")
def bundled() -> FontSet:
    """Only the bundled fonts: the same pages on every machine."""
    return find_fonts(bundled_dir=bundled_fonts_dir())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


SAMPLES = {
    "report": samples.sample_report,
    "minutes": samples.sample_minutes,
    "talk": samples.sample_talk,
    "ledger": lambda: samples.sample_ledger(4),
    "roster": samples.sample_roster,
}


@pytest.fixture(scope="module")
def rendered(folder: Path, bundled: FontSet) -> dict[str, PdfResult]:
    return {
        name: render_pdf(build(), folder / f"{name}.pdf", fonts=bundled)
        for name, build in SAMPLES.items()
    }


def _file(result: PdfResult) -> Path:
    assert result.path is not None
    return result.path


def _layout(name: str) -> PageLayout:
    return OFFICIAL if name == "report" else TABLE_FORM


class _Page:
    """What a test needs of one page, read while the file is open."""

    def __init__(self, page: Any, path: Path) -> None:
        self.path = path
        self.page_number = page.page_number
        self.height = float(page.height)
        self.chars = list(page.chars)
        self.lines = list(page.lines)
        self.text = page.extract_text() or ""

    def extract_text(self) -> str:
        return self.text


_CACHE: dict[tuple[Path, float], list[_Page]] = {}


def _pages(path: Path) -> list[_Page]:
    key = (path, path.stat().st_mtime)
    if key not in _CACHE:
        with pdfplumber.open(str(path)) as pdf:
            _CACHE[key] = [_Page(page, path) for page in pdf.pages]
    return _CACHE[key]


# -- the file --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a4_pages(name: str, rendered: dict[str, PdfResult]) -> None:
    reader = pypdf.PdfReader(str(_file(rendered[name])))
    assert len(reader.pages) == rendered[name].pages
    for page in reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(595.28, abs=0.1)
        assert float(box.height) == pytest.approx(841.89, abs=0.1)


def _font_dicts(reader: Any) -> Iterator[tuple[str, Any]]:
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for key, ref in fonts.get_object().items():
            yield key, ref.get_object()


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_font_is_embedded(name: str, rendered: dict[str, PdfResult]) -> None:
    reader = pypdf.PdfReader(str(_file(rendered[name])))
    seen = 0
    for key, font in _font_dicts(reader):
        seen += 1
        if font.get("/Subtype") == "/Type0":
            font = font["/DescendantFonts"][0].get_object()
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{key} {font.get('/BaseFont')} has no descriptor"
        descriptor = descriptor.get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), key
        assert "STSong" not in str(font.get("/BaseFont"))
    assert seen
    assert rendered[name].missing == ""


def test_pdffonts_says_embedded(rendered: dict[str, PdfResult]) -> None:
    if shutil.which("pdffonts") is None:
        # CI installs poppler-utils (.ci/run): there a missing pdffonts is a failure.
        assert not os.environ.get("CI"), "CI must have pdffonts (poppler-utils); see .ci/run"
        pytest.skip("pdffonts (poppler-utils) is not installed")
    for result in rendered.values():
        done = subprocess.run(
            ["pdffonts", str(_file(result))], capture_output=True, text=True, check=True, timeout=30
        )
        rows = done.stdout.splitlines()[2:]
        assert rows
        for row in rows:
            parts = row.split()
            assert parts[-5] == "yes", row  # emb
            assert "Type 1" not in row and "STSong" not in row


# -- positions -------------------------------------------------------------------------
# pdfminer (under pdfplumber) applies Tc only *between* the characters of one Tj, so a line
# drawn with reportlab's per-subset font switches looks a few points longer than it is. The
# positions are therefore read with a small interpreter of the content stream that follows
# the PDF specification (advance = width × size + Tc for every glyph, × Tz).


class _Glyph:
    def __init__(self, x0: float, x1: float, baseline: float, size: float) -> None:
        self.x0, self.x1, self.baseline, self.size = x0, x1, baseline, size

    @property
    def top(self) -> float:  # from the top of the page, like pdfplumber
        return 841.89 - (self.baseline + 0.88 * self.size)

    @property
    def bottom(self) -> float:
        return 841.89 - (self.baseline - 0.12 * self.size)


def _glyphs(path: Path) -> list[list[_Glyph]]:
    from pypdf.generic import ContentStream

    reader = pypdf.PdfReader(str(path))
    pages = []
    for page in reader.pages:
        fonts = {
            name: font.get_object()
            for name, font in page["/Resources"].get_object()["/Font"].get_object().items()
        }
        glyphs: list[_Glyph] = []
        ctm = [0.0, 0.0]
        stack: list[list[float]] = []
        tm = [0.0, 0.0]
        char_space = 0.0
        scale = 1.0
        font: Any = None
        size = 0.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append(list(ctm))
            elif operator == b"Q":
                ctm = stack.pop()
            elif operator == b"cm":
                assert float(operands[0]) == 1 and float(operands[3]) == 1  # translations only
                ctm = [ctm[0] + float(operands[4]), ctm[1] + float(operands[5])]
            elif operator == b"Tm":
                tm = [float(operands[4]), float(operands[5])]
            elif operator == b"Tc":
                char_space = float(operands[0])
            elif operator == b"Tz":
                scale = float(operands[0]) / 100
            elif operator == b"BT":
                scale = 1.0
            elif operator == b"Tf":
                font, size = fonts[operands[0]], float(operands[1])
            elif operator == b"Tj":
                raw = getattr(operands[0], "original_bytes", None) or bytes(operands[0])
                first = int(font.get("/FirstChar", 0))
                widths = font["/Widths"]
                for code in raw:
                    advance = float(widths[code - first]) * size / 1000 * scale
                    x = ctm[0] + tm[0]
                    glyphs.append(_Glyph(x, x + advance, ctm[1] + tm[1], size))
                    tm[0] += advance + char_space * scale
        pages.append(glyphs)
    return pages


def _is_page_number(char: dict[str, Any], layout: PageLayout, height: float) -> bool:
    return float(char["top"]) > height - mm_to_pt(layout.margin_bottom_mm) + 2


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_text_line_inside_the_text_block(name: str, rendered: dict[str, PdfResult]) -> None:
    layout = _layout(name)
    left = mm_to_pt(layout.margin_left_mm) - MM
    right = layout.page_width_pt - mm_to_pt(layout.margin_right_mm) + MM
    top = mm_to_pt(layout.margin_top_mm) - MM
    bottom = layout.page_height_pt - mm_to_pt(layout.margin_bottom_mm) + MM
    pages = _glyphs(_file(rendered[name]))
    assert len(pages) == rendered[name].pages
    widest = 0.0
    for number, glyphs in enumerate(pages, 1):
        body = [g for g in glyphs if g.top < bottom]
        assert body or name == "ledger"
        for glyph in body:
            assert left <= glyph.x0 and glyph.x1 <= right, (number, glyph.x0, glyph.x1)
            assert top <= glyph.top and glyph.bottom <= bottom, (number, glyph.top)
            widest = max(widest, glyph.x1)
    # justified lines (and the contents' page numbers) reach the right edge of the text
    # block; in tables, the right edge of the cells (the roster's cells are centred)
    if name != "roster":
        padding = mm_to_pt(layout.cell_padding_mm) if name in ("minutes", "talk") else 0.0
        assert widest == pytest.approx(right - MM - padding, abs=0.5)


def _number_line(page: Any, layout: PageLayout) -> tuple[str, float, float, float]:
    chars = [c for c in page.chars if _is_page_number(c, layout, page.height)]
    assert chars, f"page {page.page_number} has no page number"
    text = "".join(c["text"] for c in chars)
    glyphs = [
        g
        for g in _glyphs(page.path)[page.page_number - 1]
        if g.top > page.height - mm_to_pt(layout.margin_bottom_mm) + 2
    ]
    assert len(glyphs) == len(chars)
    return text, glyphs[0].x0, glyphs[-1].x1, glyphs[0].top


def test_official_page_numbers_odd_right_even_left(rendered: dict[str, PdfResult]) -> None:
    layout = OFFICIAL
    text_left = mm_to_pt(layout.margin_left_mm)
    text_right = layout.page_width_pt - mm_to_pt(layout.margin_right_mm)
    expected_top = layout.page_height_pt - mm_to_pt(layout.margin_bottom_mm) + 7 * MM
    pages = list(_pages(_file(rendered["report"])))
    assert len(pages) >= 2
    for number, page in enumerate(pages, 1):
        text, x0, x1, top = _number_line(page, layout)
        assert text == f"— {number} —"
        assert top == pytest.approx(expected_top, abs=MM)
        one_char = layout.page_number_size_pt
        if number % 2:
            assert x1 == pytest.approx(text_right - one_char, abs=MM)
        else:
            assert x0 == pytest.approx(text_left + one_char, abs=MM)


def test_table_form_page_numbers_centred(rendered: dict[str, PdfResult]) -> None:
    pages = list(_pages(_file(rendered["minutes"])))
    assert len(pages) == 2  # the sample minutes run onto a second page
    for number, page in enumerate(pages, 1):
        text, x0, x1, _top = _number_line(page, TABLE_FORM)
        assert text == f"— {number} —"
        assert (x0 + x1) / 2 == pytest.approx(TABLE_FORM.page_width_pt / 2, abs=MM)


def test_ledger_cover_unnumbered_and_contents_right(rendered: dict[str, PdfResult]) -> None:
    result = rendered["ledger"]
    pages = list(_pages(_file(result)))
    cover = pages[0]
    assert not [c for c in cover.chars if _is_page_number(c, TABLE_FORM, cover.height)]
    assert "党建工作台账" in cover.extract_text()
    contents = pages[1].extract_text()
    for anchor, printed in result.anchors.items():
        index = int(anchor[1:]) - 1
        title_page = pages[printed]  # printed number n is physical page n + 1 (cover)
        assert samples.MEETINGS[index % len(samples.MEETINGS)] in title_page.extract_text()
        assert contents.splitlines()[index + 1].endswith(str(printed))


# -- text ------------------------------------------------------------------------------


def _flat(path: Path) -> str:
    return "".join((page.extract_text() or "").replace("\n", "") for page in _pages(path))


def test_report_text(rendered: dict[str, PdfResult]) -> None:
    text = _flat(_file(rendered["report"])).replace(" ", "")
    for expected in (
        "中共建始县高坪镇中心小学支部委员会文件",
        "高小支〔2020〕9号",
        "关于高坪镇中心小学党支部2020年第三季度党建工作情况的报告",
        "县教育局党委：",
        "一、基本情况",
        "（一）严格落实“三会一课”制度",
        "1.提前谋划，确定议题。",
        "（1）会议记录由组织委员负责",
        "特此报告。",
        "中共建始县高坪镇中心小学支部委员会2020年8月28日",
    ):
        assert expected in text, expected


def test_masthead_is_red(rendered: dict[str, PdfResult]) -> None:
    page = _pages(_file(rendered["report"]))[0]
    issuer = [c for c in page.chars if c["size"] > 30]
    assert issuer and all(
        tuple(round(v, 2) for v in c["non_stroking_color"]) == (0.9, 0.0, 0.07) for c in issuer
    )
    red_lines = [
        line
        for line in page.lines
        if tuple(round(v, 2) for v in line["stroking_color"]) == (0.9, 0.0, 0.07)
    ]
    assert len(red_lines) == 1
    assert red_lines[0]["x1"] - red_lines[0]["x0"] == pytest.approx(OFFICIAL.text_width_pt, abs=1)


def test_minutes_table_header_repeats_on_the_second_page(rendered: dict[str, PdfResult]) -> None:
    pages = list(_pages(_file(rendered["minutes"])))
    first_lines = [p.extract_text().splitlines() for p in pages]
    assert first_lines[0][0] == "支部党员大会会议记录"
    assert first_lines[1][0].replace(" ", "") == "会议名称2020年第三季度支部党员大会"
    whole = "".join("".join(lines) for lines in first_lines).replace(" ", "")
    for label in (
        "时间",
        "地点",
        "主持人",
        "记录人",
        "应到人数",
        "实到人数",
        "缺席人员及",
        "列席人员",
        "议题",
        "会议内容",
        "决议",
        "签字",
    ):
        assert label in whole


def test_roster_header_row_on_every_page(rendered: dict[str, PdfResult]) -> None:
    pages = _pages(_file(rendered["roster"]))
    assert len(pages) == 3
    for page in pages:
        lines = [line.replace(" ", "") for line in page.extract_text().splitlines()]
        header = "".join(samples.ROSTER_HEADER)
        assert header in lines[:3], lines[:3]
    sizes = {round(c["size"]) for c in pages[1].chars}
    assert sizes == {12, 14}  # 小四 cells, 4号 page number


def test_page_breaks_never_make_blank_pages(tmp_path: Path, bundled: FontSet) -> None:
    document = _breaks()
    result = render_pdf(document, tmp_path / "breaks.pdf", fonts=bundled)
    assert result.pages == 3
    texts = [p.extract_text() for p in _pages(_file(result))]
    assert "甲" in texts[1] and "乙" in texts[2]


def _breaks() -> Document:
    return Document(
        "分页",
        [
            Cover("台账"),
            PageBreak(),
            Title("甲"),
            Paragraph("正文"),
            PageBreak(),
            PageBreak(),
            Title("乙"),
        ],
        show_title=False,
    )


def _segments(page: Any) -> Iterator[str]:
    """Runs of characters on one line with no wide gap: one line of one cell or paragraph."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for char in page.chars:
        rows.setdefault(round(float(char["top"])), []).append(char)
    for chars in rows.values():
        chars.sort(key=lambda c: c["x0"])
        current = chars[0]["text"]
        for before, char in itertools.pairwise(chars):
            if char["x0"] - before["x1"] > char["size"] * 0.5:
                yield current
                current = ""
            current += char["text"]
        yield current


@pytest.mark.parametrize("name", list(SAMPLES))
def test_no_line_starts_with_closing_punctuation(name: str, rendered: dict[str, PdfResult]) -> None:
    for page in _pages(_file(rendered[name])):
        for segment in _segments(page):
            text = segment.strip()
            assert not text or text[0] not in NO_LINE_START, (page.page_number, text)


def test_long_paragraphs_with_punctuation_everywhere(tmp_path: Path, bundled: FontSet) -> None:
    blocks: list[Block] = []
    for position in range(1, 30):
        blocks.append(Heading("标点" + "，" * (position % 3), level=3))
        blocks.append(Paragraph("党" * position + "，。" + "建设，学习；工作：“好”！" * 8))
    kinds: tuple[LayoutKind, ...] = ("official", "table_form")
    for kind in kinds:
        target = tmp_path / f"{kind}.pdf"
        render_pdf(Document("标点", blocks, layout=kind), target, fonts=bundled)
        for page in _pages(target):
            for segment in _segments(page):
                text = segment.strip()
                assert not text or text[0] not in NO_LINE_START, (kind, text)


def test_characters_no_font_has_are_reported(tmp_path: Path, bundled: FontSet) -> None:
    """The bundled fonts draw all of GB 18030 level 1 (张堃 prints); a character beyond it
    (CJK Ext B) is reported, never silently a box."""
    result = render_pdf(
        Document("生僻字", [Paragraph("张堃、王\U0002003e同志")]), tmp_path / "a.pdf", fonts=bundled
    )
    assert result.missing == "\U0002003e"


def test_default_fonts_and_atomic_write(tmp_path: Path) -> None:
    result = render_pdf(samples.sample_talk(), tmp_path / "谈话.pdf")
    assert result.pages == 1 and [p.name for p in tmp_path.iterdir()] == ["谈话.pdf"]


# -- Word and PDF agree ----------------------------------------------------------------


def test_libreoffice_pages_match(tmp_path: Path, rendered: dict[str, PdfResult]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        # CI installs LibreOffice (.ci/run): there a missing soffice is a failure, not a skip.
        assert not os.environ.get("CI"), "CI must have LibreOffice (soffice); see .ci/run"
        pytest.skip("LibreOffice (soffice) is not installed: Word and PDF page counts not compared")
    names = ["report", "minutes", "ledger", "roster", "breaks"]
    expected = {name: result.pages for name, result in rendered.items()}
    expected["breaks"] = 3
    builders = {**SAMPLES, "breaks": _breaks}
    for name in names:
        render_docx(builders[name](), tmp_path / f"{name}.docx")
    out = tmp_path / "lo"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *(str(tmp_path / f"{n}.docx") for n in names),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for name in names:
        pages = len(pypdf.PdfReader(str(out / f"{name}.pdf")).pages)
        assert pages == expected[name], name


# -- a table across pages ----------------------------------------------------------------


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


def _form(fillers: int, last: Cell) -> Document:
    rows = [[Cell("会议名称", label=True), Cell("表头行")]]
    rows += [[Cell(f"第{n}行", label=True), Cell(f"内容{n}")] for n in range(1, fillers + 1)]
    rows.append([Cell("会议内容", label=True), last])
    return Document("跨页表格", [Table(rows, widths=[1, 4], header_rows=1)])


def test_a_rows_blank_room_never_goes_alone_to_the_next_page(
    tmp_path: Path, bundled: FontSet
) -> None:
    """会议内容 keeps six blank lines to write in: when they do not fit, the row ends with
    the page — never a page holding only the repeated header and an empty row."""
    last = Cell("一行字", min_lines=6)
    for fillers in range(14, 34):
        render_pdf(_form(fillers, last), tmp_path / "a.pdf", fonts=bundled)
        texts = _page_texts(tmp_path / "a.pdf")
        for text in texts[1:]:
            assert "内容" in text.replace("会议内容", "") or "一行字" in text, (fillers, text)
        assert "一行字" in "".join(texts)


def test_a_split_row_leaves_at_least_two_lines_on_each_page(
    tmp_path: Path, bundled: FontSet
) -> None:
    lines = "\n".join(f"第{n:02d}段。" for n in range(1, 9))  # eight lines of text
    for fillers in range(14, 34):
        render_pdf(_form(fillers, Cell(lines)), tmp_path / "b.pdf", fonts=bundled)
        texts = _page_texts(tmp_path / "b.pdf")
        for text in texts:
            count = sum(f"第{n:02d}段" in text for n in range(1, 9))
            assert count == 0 or count >= 2, (fillers, count)
