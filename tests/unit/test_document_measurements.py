"""Every document kind measured as the county's desk measures it, and its Word file laid out
by LibreOffice against its PDF.

The documents are made from the demo branch (a 支部党员大会, 支委会, 党小组会 and 党课
record, a 主题党日 and a 谈心谈话 record, the quarter's 台账, the 花名册 and the quarterly
report), the PDFs with the bundled fonts, so that the pages are the same on every machine.
For each kind:

- every page is A4, every font embedded (``pdffonts``);
- every word lies inside the text block (GB/T 9704's for the report, the local margins for
  the table forms), page numbers inside the page below it (``pdftotext -bbox``);
- no line starts with a closing mark or ends with an opening one;
- the Word file, laid out by LibreOffice, has the PDF's pages, and on each page the same
  lines with the same text.

LibreOffice stands in for Word, with the fonts the PDF used (a fontconfig file maps the
names the Word file gives to the bundled files) and after two of its import defects are
undone, where it does not follow what the Word file says and Word does: it ignores
``w:autoSpaceDE``/``w:autoSpaceDN`` = 0 (its DOCX import drops them, so it always adds a
fifth of an em between a Chinese character and a digit or Latin letter), and it reads
``w:overflowPunct`` = 0 upside down (hanging punctuation on). The Word file is therefore
converted to flat ODF first, those two paragraph properties are set as the Word file says
(``style:text-autospace="none"``, ``style:punctuation-wrap="simple"``), and the ODF is
converted to PDF: two ``soffice`` calls for all documents together. A third difference,
that LibreOffice leaves the report's character spacing out after the last character of a
script portion, the PDF meets by measuring its lines as LibreOffice does (``AT_THE_WIDTH``).

LibreOffice (``soffice``) and poppler-utils (``pdffonts``, ``pdftotext``) are needed; CI
installs them (``.ci/run``), and there their absence fails the tests instead of skipping.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from jianshi_desktop.documents.fonts import OFFICIAL_FONTS, FontSet, bundled_fonts_dir, find_fonts
from jianshi_desktop.documents.layout import PageLayout, mm_to_pt
from jianshi_desktop.documents.linebreak import NO_LINE_END, NO_LINE_START
from jianshi_desktop.documents.model import Document, Paragraph
from jianshi_desktop.documents.render_docx import render_docx
from jianshi_desktop.documents.render_pdf import render_pdf
from jianshi_desktop.domain.periods import parse_period

from .document_helpers import require

pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the PDFs back")

TODAY = dt.date(2026, 11, 26)
QUARTER = parse_period("2026Q3")
MM = mm_to_pt(1.0)
A4 = (595.28, 841.89)
MEETINGS = {
    "general_assembly": "支部党员大会",
    "committee": "支委会",
    "group": "党小组",
    "lecture": "党课",
}
KINDS = [*(f"minutes_{kind}" for kind in MEETINGS), "theme_day", "talk", "ledger", "roster"]
KINDS.append("report")


@dataclass
class Made:
    document: Document
    pdf: Path
    docx: Path
    pages: int
    author: str  # whom the files' properties must name: the branch (the report's 署名)


@pytest.fixture(scope="module")
def documents_of_every_kind(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Document, str]]:
    """One document of every kind, made from the demo branch in a data folder of its own,
    with the author its files must name."""
    from jianshi_desktop.services import demo, documents
    from jianshi_desktop.services.store import open_store

    home = tmp_path_factory.mktemp("measure-home")
    made: dict[str, Document] = {}
    with pytest.MonkeyPatch.context() as patch:
        for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "LOCALAPPDATA", "APPDATA"):
            patch.setenv(name, str(home))
        patch.delenv("JIANSHI_DATA_DIR", raising=False)
        store = open_store(home / "data", log_to_file=False)
        try:
            demo.fill_demo(today=TODAY)
            branch = documents.ledger(QUARTER, today=TODAY).author
            refs = documents.records_in(QUARTER)
            for kind, label in MEETINGS.items():
                ref = next(r for r in refs if r.record_type == "meeting" and label in r.line)
                made[f"minutes_{kind}"] = documents.record_document("meeting", ref.id)
            for kind, record_type in (("theme_day", "theme_day"), ("talk", "heart_talk")):
                ref = next(r for r in refs if r.record_type == record_type)
                made[kind] = documents.record_document(ref.record_type, ref.id)
            made["ledger"] = documents.ledger(QUARTER, today=TODAY)
            made["roster"] = documents.roster(today=TODAY)
            draft = documents.report_draft(QUARTER, today=TODAY)
            for section in draft.sections:
                if not section.text:
                    section.text = (
                        "一是坚持每月5日召开支委会、15日开展主题党日，2026年第三季度共组织"
                        "学习12次；二是党员结对帮扶留守儿童36名，家访108人次。"
                    )
            # the full GB/T 9704 form: red masthead (upward), 版记 with 抄送
            draft.issuer, draft.document_number = (
                "中共建始县青山湾小学支部委员会",
                "青小支〔2026〕3号",
            )
            draft.masthead_signer, draft.copy_to = "李明华", "县教育局党委组织科"
            made["report"] = documents.report(draft)
            authors = {name: branch for name in made} | {"report": draft.signer}
        finally:
            store.close()
    assert sorted(made) == sorted(KINDS) and branch
    return {name: (document, authors[name]) for name, document in made.items()}


@pytest.fixture(scope="module")
def bundled() -> FontSet:
    return find_fonts(bundled_dir=bundled_fonts_dir())


@pytest.fixture(scope="module")
def made(
    documents_of_every_kind: dict[str, tuple[Document, str]],
    bundled: FontSet,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Made]:
    folder = tmp_path_factory.mktemp("measured")
    result: dict[str, Made] = {}
    for name, (document, author) in documents_of_every_kind.items():
        pdf = render_pdf(document, folder / f"{name}.pdf", fonts=bundled)
        # the contents' page numbers as the PDF laid them out with these fonts
        docx = render_docx(document, folder / f"{name}.docx", page_numbers=pdf.anchors)
        assert pdf.path is not None
        result[name] = Made(document, pdf.path, docx, pdf.pages, author)
    return result


# Report paragraphs whose second line is as wide as the text block give or take the 0.25 pt
# of character spacing LibreOffice leaves out after the last character of a script portion
# (Chinese before a digit, a digit before Chinese, and the line's last character): with the
# bundled faces a Chinese character is 16 pt, a digit 8 pt, the block 442.25 pt (8845
# twips), the spacing -0.25 pt. The first line holds 26 characters after the indent.
_PHRASE = "支部组织党员开展学习教育活动结对帮扶留守儿童家访谈心谈话"


def _chinese(count: int, start: int = 0) -> str:
    return "".join(_PHRASE[(start + i) % len(_PHRASE)] for i in range(count))


def _at_the_width(second_line: str, rest: str) -> str:
    return _chinese(26) + second_line + rest + "。"


# "1"+8+"2"+8+"3"+8+"4"+2: 442.25 pt with seven portion ends inside the line, 442.5 with
# its last character's: one character too wide for LibreOffice, whatever follows
_SEVEN = "1" + _chinese(8, 1) + "2" + _chinese(8, 2) + "3" + _chinese(8, 3) + "4" + _chinese(2, 4)
AT_THE_WIDTH = [
    _at_the_width(_SEVEN, "5" + _chinese(20, 5)),  # a digit opens the next line
    _at_the_width(_SEVEN, _chinese(20, 5)),  # Chinese goes on
    # five ends inside the line: 442.0 pt, 442.25 with the last character's: it fits
    _at_the_width(_chinese(1) + _SEVEN[1:9] + "22" + _SEVEN[9:], "5" + _chinese(20, 5)),
]


@pytest.fixture(scope="module")
def at_the_width(
    made: dict[str, Made], bundled: FontSet, tmp_path_factory: pytest.TempPathFactory
) -> Made:
    """A report of the paragraphs above, made as ``made`` makes the others."""
    report = made["report"].document
    document = Document(
        title=report.title,
        blocks=[Paragraph(text) for text in AT_THE_WIDTH],
        layout=report.layout,
        author=report.author,
    )
    folder = tmp_path_factory.mktemp("at-the-width")
    pdf = render_pdf(document, folder / "report_at_the_width.pdf", fonts=bundled)
    docx = render_docx(document, folder / "report_at_the_width.docx")
    assert pdf.path is not None
    return Made(document, pdf.path, docx, pdf.pages, report.author)


def _font_config(folder: Path, docx_files: list[Path], fonts: FontSet) -> Path:
    """A fontconfig file under which the names the Word files give resolve to the faces
    the PDFs were made with (by role; other names to the body's face)."""
    by_name = {name: fonts[role].face.family for role, name in OFFICIAL_FONTS.items()}
    names = set(by_name)
    pattern = re.compile(r'w:(?:ascii|hAnsi|eastAsia|cs|name|val)="([^"]+)"')
    for path in docx_files:
        with zipfile.ZipFile(path) as package:
            for part in ("word/fontTable.xml", "word/styles.xml"):
                names.update(pattern.findall(package.read(part).decode("utf-8")))
    names = {n for n in names if re.search(r"[\u4e00-\u9fff]|Song|Fang|Hei|Kai", n)}
    aliases = "".join(
        f"<match target='pattern'><test name='family'><string>{name}</string></test>"
        "<edit name='family' mode='assign' binding='strong'>"
        f"<string>{by_name.get(name, fonts['body'].face.family)}</string></edit></match>"
        for name in sorted(names)
    )
    faces = {str(fonts[role].face.path.parent) for role in OFFICIAL_FONTS}
    config = folder / "fonts.conf"
    config.write_text(
        "<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"
        + "".join(f"<dir>{face}</dir>" for face in sorted(faces))
        + f"<cachedir>{folder / 'fontcache'}</cachedir>"
        + aliases
        + "</fontconfig>",
        encoding="utf-8",
    )
    return config


def _soffice(soffice: str, profile: Path, config: Path, fmt: str, out: Path, *files: Path) -> None:
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")


def as_word_says(flat_odf: str) -> str:
    """Undo LibreOffice's two import defects (see the module's docstring)."""
    return flat_odf.replace(
        'style:text-autospace="ideograph-alpha"', 'style:text-autospace="none"'
    ).replace('style:punctuation-wrap="hanging"', 'style:punctuation-wrap="simple"')


@pytest.fixture(scope="module")
def word_pdfs(
    made: dict[str, Made],
    at_the_width: Made,
    bundled: FontSet,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    """The Word files laid out by LibreOffice, as PDFs (all kinds in one pass)."""
    soffice = require("soffice")
    made = {**made, "report_at_the_width": at_the_width}
    folder = tmp_path_factory.mktemp("libreoffice")
    docx_files = [m.docx for m in made.values()]
    config = _font_config(folder, docx_files, bundled)
    profile = folder / "profile"
    _soffice(soffice, profile, config, "fodt", folder / "flat", *docx_files)
    flats = []
    for name in made:
        flat = folder / "flat" / f"{name}.fodt"
        flat.write_text(as_word_says(flat.read_text(encoding="utf-8")), encoding="utf-8")
        flats.append(flat)
    _soffice(soffice, profile, config, "pdf", folder / "pdf", *flats)
    return {name: folder / "pdf" / f"{name}.pdf" for name in made}


# -- reading a PDF back ------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def bbox_pages(path: Path) -> list[list[list[Word]]]:
    """Pages → lines → words, from ``pdftotext -bbox-layout``."""
    tool = require("pdftotext")
    out = subprocess.run(
        [tool, "-bbox-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout
    root = ElementTree.fromstring(out)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iter(f"{{{ns['x']}}}page"):
        lines = []
        for line in page.iter(f"{{{ns['x']}}}line"):
            words = [
                Word(
                    w.text or "",
                    float(w.get("xMin", 0)),
                    float(w.get("yMin", 0)),
                    float(w.get("xMax", 0)),
                    float(w.get("yMax", 0)),
                )
                for w in line.iter(f"{{{ns['x']}}}word")
            ]
            lines.append(words)
        pages.append(lines)
    return pages


def segments(line: list[Word]) -> Iterator[str]:
    """The runs of a line with no wide gap: one line of one paragraph or table cell."""
    current = ""
    previous: Word | None = None
    for word in sorted(line, key=lambda w: w.x0):
        gap = word.x0 - previous.x1 if previous else 0.0
        if previous and gap > 0.5 * (word.y1 - word.y0):
            yield current
            current = ""
        current += word.text
        previous = word
    if current:
        yield current


_DOTS = re.compile(r"[.·…]{2,}")


def text_lines(path: Path) -> list[list[str]]:
    """Each page's lines as ``pdftotext -layout`` reads them, without spaces, and a dot
    leader (drawn differently by Word and the PDF; two dots where a long line leaves little
    room) as one "…"."""
    tool = require("pdftotext")
    out = subprocess.run(
        [tool, "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [
        [_DOTS.sub("…", re.sub(r"\s+", "", line)) for line in page.splitlines() if line.strip()]
        for page in pages
    ]


def block(layout: PageLayout) -> tuple[float, float, float, float]:
    """The text block (left, top, right, bottom, from the top left), 1 mm of tolerance."""
    return (
        mm_to_pt(layout.margin_left_mm) - MM,
        mm_to_pt(layout.margin_top_mm) - MM,
        layout.page_width_pt - mm_to_pt(layout.margin_right_mm) + MM,
        layout.page_height_pt - mm_to_pt(layout.margin_bottom_mm) + MM,
    )


# -- one test per kind ----------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_a4_pages(kind: str, made: dict[str, Made]) -> None:
    layout = made[kind].document.page_layout
    reader = pypdf.PdfReader(str(made[kind].pdf))
    assert len(reader.pages) == made[kind].pages
    for page in reader.pages:
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx((layout.page_width_pt, layout.page_height_pt), abs=0.1)
        assert sorted(size) == pytest.approx(A4, abs=0.1)


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_embedded(kind: str, made: dict[str, Made]) -> None:
    tool = require("pdffonts")
    out = subprocess.run(
        [tool, str(made[kind].pdf)], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        parts = row.split()
        assert parts[-5] == "yes", row  # the "emb" column


_PAGE_NUMBER = re.compile(r"^[—\-–\d]+$")


@pytest.mark.parametrize("kind", KINDS)
def test_every_word_inside_the_text_block(kind: str, made: dict[str, Made]) -> None:
    layout = made[kind].document.page_layout
    left, top, right, bottom = block(layout)
    pages = bbox_pages(made[kind].pdf)
    assert len(pages) == made[kind].pages
    for number, lines in enumerate(pages, 1):
        for word in (w for line in lines for w in line):
            where = (kind, number, word)
            assert left <= word.x0 and word.x1 <= right, where
            assert top <= word.y0, where
            if word.y1 > bottom:  # only the page number goes below the block
                assert _PAGE_NUMBER.match(word.text), where
                assert word.y1 <= layout.page_height_pt - 10 * MM, where


@pytest.mark.parametrize("kind", KINDS)
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(
    kind: str, made: dict[str, Made]
) -> None:
    for number, lines in enumerate(bbox_pages(made[kind].pdf), 1):
        for line in lines:
            for text in segments(line):
                assert text[0] not in NO_LINE_START, (kind, number, text)
                assert text[-1] not in NO_LINE_END, (kind, number, text)


@pytest.mark.parametrize("kind", KINDS)
def test_word_has_the_pdfs_pages(
    kind: str, made: dict[str, Made], word_pdfs: dict[str, Path]
) -> None:
    assert len(pypdf.PdfReader(str(word_pdfs[kind])).pages) == made[kind].pages


# The report's character spacing (w:spacing -0.25 pt, 28 characters of 三号 a line) is left
# out by LibreOffice after the last character of a script portion, which ends wherever
# Chinese meets a digit or a Latin letter and at a line's end; the PDF adds it after every
# character but measures its lines as LibreOffice does (documents/linebreak.py), so that
# a line LibreOffice finds one character too wide is not set in the PDF either.
# "report_at_the_width": paragraphs at the width, within that difference (see AT_THE_WIDTH).
_LINES = [*KINDS, "report_at_the_width"]


@pytest.mark.parametrize("kind", _LINES)
def test_word_breaks_lines_and_pages_as_the_pdf(
    kind: str, made: dict[str, Made], at_the_width: Made, word_pdfs: dict[str, Path]
) -> None:
    document = at_the_width if kind == "report_at_the_width" else made[kind]
    pdf, word = text_lines(document.pdf), text_lines(word_pdfs[kind])
    flat_pdf = [f"{n}|{line}" for n, page in enumerate(pdf, 1) for line in page]
    flat_word = [f"{n}|{line}" for n, page in enumerate(word, 1) for line in page]
    diff = list(difflib.unified_diff(flat_pdf, flat_word, "PDF", "Word", lineterm="", n=1))
    assert not diff, "\n".join(diff[:40])


def test_word_grid_is_the_reports_22_lines_of_28(made: dict[str, Made]) -> None:
    """The report's Word file: a line grid of 22 lines a page and character spacing that
    fits 28 characters of 三号 a line, as the PDF sets them."""
    layout = made["report"].document.page_layout
    assert layout.chars_per_line == 28 and layout.lines_per_page == 22
    with zipfile.ZipFile(made["report"].docx) as package:
        body = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    grids = re.findall(r"<w:docGrid [^>]*>", body)
    assert grids
    for grid in grids:
        assert 'w:type="lines"' in grid
        pitch = int(re.search(r'w:linePitch="(\d+)"', grid)[1]) / 20  # type: ignore[index]
        assert int(mm_to_pt(layout.text_height_mm) // pitch) == 22
    body_style = re.search(r'<w:style [^>]*w:styleId="文档正文".*?</w:style>', styles)
    assert body_style is not None
    spacing = int(re.search(r'<w:rPr>.*<w:spacing w:val="(-?\d+)"', body_style[0])[1]) / 20  # type: ignore[index]
    assert int(mm_to_pt(layout.text_width_mm) // (layout.body_size_pt + spacing)) == 28


@pytest.mark.parametrize("kind", ["report", "minutes_committee", "roster"])
def test_document_properties_name_the_branch_and_the_app(kind: str, made: dict[str, Made]) -> None:
    import docx

    from jianshi_desktop import APP_NAME

    author = made[kind].author
    assert "支部" in author
    props = docx.Document(str(made[kind].docx)).core_properties
    assert props.author == author
    assert props.last_modified_by == APP_NAME and props.revision == 1
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for stamp in (props.created, props.modified):
        assert stamp is not None
        assert abs((stamp.replace(tzinfo=None) - now).total_seconds()) < 3600
    with zipfile.ZipFile(made[kind].docx) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
    assert f"<Application>{APP_NAME}</Application>" in app and "Microsoft" not in app
    info = pypdf.PdfReader(str(made[kind].pdf)).metadata
    assert info is not None and info.creator == APP_NAME and info.author == author
