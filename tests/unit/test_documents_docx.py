"""Word files read back with python-docx: page, margins, fonts named, fields, tables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from jianshi_desktop.documents.fonts import OFFICIAL_FONTS
from jianshi_desktop.documents.layout import OFFICIAL, TABLE_FORM
from jianshi_desktop.documents.model import Document, Paragraph
from jianshi_desktop.documents.render_docx import _ORDER, STYLE_NAMES, render_docx
from jianshi_desktop.documents.render_pdf import paginate
from tests import document_samples as samples

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("docx")


@pytest.fixture(scope="module")
def report(folder: Path) -> Any:
    return docx.Document(str(render_docx(samples.sample_report(), folder / "报告.docx")))


@pytest.fixture(scope="module")
def minutes(folder: Path) -> Any:
    return docx.Document(str(render_docx(samples.sample_minutes(), folder / "会议记录.docx")))


@pytest.fixture(scope="module")
def ledger(folder: Path) -> Any:
    return docx.Document(str(render_docx(samples.sample_ledger(3), folder / "台账.docx")))


def _all_runs(document: Any) -> Iterator[Any]:
    body = document.element.body
    yield from body.iter(qn("w:r"))
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            if not footer.is_linked_to_previous:
                yield from footer._element.iter(qn("w:r"))


def _text(document: Any) -> str:
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


# -- page ------------------------------------------------------------------------------


def _mm(length: Any) -> float:
    return float(length) / 36000


@pytest.mark.parametrize(("name", "layout"), [("report", OFFICIAL), ("minutes", TABLE_FORM)])
def test_a4_and_the_layout_margins(name: str, layout: Any, request: pytest.FixtureRequest) -> None:
    document = request.getfixturevalue(name)
    for section in document.sections:
        assert _mm(section.page_width) == pytest.approx(210, abs=0.1)
        assert _mm(section.page_height) == pytest.approx(297, abs=0.1)
        assert _mm(section.top_margin) == pytest.approx(layout.margin_top_mm, abs=0.1)
        assert _mm(section.bottom_margin) == pytest.approx(layout.margin_bottom_mm, abs=0.1)
        assert _mm(section.left_margin) == pytest.approx(layout.margin_left_mm, abs=0.1)
        assert _mm(section.right_margin) == pytest.approx(layout.margin_right_mm, abs=0.1)
        # the page number's line box ends 7 mm + one 4号 line below the text block
        expected = layout.margin_bottom_mm - 7 - 14 * 25.4 / 72
        assert _mm(section.footer_distance) == pytest.approx(expected, abs=0.1)


# -- fonts -----------------------------------------------------------------------------


def _fonts(rpr: Any) -> dict[str, str]:
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts is not None
    return {k: fonts.get(qn(f"w:{k}")) for k in ("eastAsia", "ascii", "hAnsi")}


@pytest.mark.parametrize(
    ("key", "font", "size"),
    [
        ("title", "方正小标宋简体", 22),
        ("body", "仿宋_GB2312", 16),
        ("heading1", "黑体", 16),
        ("heading2", "楷体_GB2312", 16),
        ("heading3", "仿宋_GB2312", 16),
        ("heading4", "仿宋_GB2312", 16),
        ("table", "仿宋_GB2312", 14),
        ("page_number", "宋体", 14),
    ],
)
def test_styles_name_the_official_fonts(report: Any, key: str, font: str, size: float) -> None:
    style = report.styles[STYLE_NAMES[key]]
    assert _fonts(style.element.rPr) == {"eastAsia": font, "ascii": font, "hAnsi": font}
    assert style.font.size == Pt(size)
    fmt = style.paragraph_format
    assert fmt.line_spacing_rule is not None and "EXACTLY" in str(fmt.line_spacing_rule)


def test_document_defaults_are_chinese(report: Any) -> None:
    defaults = report.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert _fonts(rpr)["eastAsia"] == "仿宋_GB2312"
    assert rpr.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "0"
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "0"


@pytest.mark.parametrize("name", ["report", "minutes", "ledger"])
def test_every_run_names_an_east_asian_font_and_a_size(
    name: str, request: pytest.FixtureRequest
) -> None:
    document = request.getfixturevalue(name)
    official = set(OFFICIAL_FONTS.values())
    runs = list(_all_runs(document))
    assert len(runs) > 20
    for run in runs:
        rpr = run.find(qn("w:rPr"))
        assert rpr is not None
        fonts = _fonts(rpr)
        assert fonts["eastAsia"] in official and fonts["ascii"] == fonts["eastAsia"]
        assert rpr.find(qn("w:sz")) is not None


def test_runs_of_each_kind_use_their_font_and_size(report: Any) -> None:
    found: dict[str, tuple[str, float]] = {}
    for paragraph in report.paragraphs:
        if paragraph.runs:
            run = paragraph.runs[0]
            found.setdefault(paragraph.text[:6], (_fonts(run._r.rPr)["eastAsia"], run.font.size.pt))
    assert found["关于高坪镇中"] == ("方正小标宋简体", 22)
    assert found["一、基本情况"] == ("黑体", 16)
    assert found["（一）严格落"] == ("楷体_GB2312", 16)
    assert found["1.提前谋划"] == ("仿宋_GB2312", 16)
    assert found["（1）会议记"] == ("仿宋_GB2312", 16)
    assert found["今年第三季度"] == ("仿宋_GB2312", 16)


def test_font_table_names_stand_ins(report: Any) -> None:
    part = next(p for p in report.part.package.parts if str(p.partname) == "/word/fontTable.xml")
    xml = part.blob.decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in xml and 'w:altName w:val="仿宋"' in xml
    assert 'w:name="楷体_GB2312"' in xml and 'w:altName w:val="楷体"' in xml


# -- page numbers ----------------------------------------------------------------------


def _instructions(element: Any) -> str:
    return "".join(t.text for t in element.iter(qn("w:instrText")))


def test_official_odd_and_even_footers(report: Any) -> None:
    settings = report.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = report.sections[0]
    odd = section.footer.paragraphs[0]
    even = section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        assert "PAGE" in _instructions(paragraph._p)
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
    assert "RIGHT" in str(odd.alignment) and odd.paragraph_format.right_indent == Pt(14)
    assert "LEFT" in str(even.alignment) and even.paragraph_format.left_indent == Pt(14)


def test_table_form_page_number_centred(minutes: Any) -> None:
    assert minutes.settings.element.find(qn("w:evenAndOddHeaders")) is None
    footer = minutes.sections[0].footer.paragraphs[0]
    assert "PAGE" in _instructions(footer._p) and "CENTER" in str(footer.alignment)


def test_ledger_cover_has_no_number_and_numbering_restarts(ledger: Any) -> None:
    assert len(ledger.sections) == 2
    cover, body = ledger.sections
    assert cover._sectPr.find(qn("w:footerReference")) is None
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert "PAGE" in _instructions(body.footer._element)


def test_ledger_contents_are_page_references_with_the_pdf_numbers(ledger: Any) -> None:
    pages = paginate(samples.sample_ledger(3)).anchors
    bookmarks = {b.get(qn("w:name")) for b in ledger.element.body.iter(qn("w:bookmarkStart"))}
    entries = [p for p in ledger.paragraphs if "PAGEREF" in _instructions(p._p)]
    assert len(entries) == 3
    for number, paragraph in enumerate(entries, 1):
        instruction = _instructions(paragraph._p)
        assert f"_JS_r{number}" in instruction and f"_JS_r{number}" in bookmarks
        assert paragraph.text.endswith(str(pages[f"r{number}"]))
        assert paragraph.paragraph_format.tab_stops[0].leader is not None


# -- tables and the masthead -----------------------------------------------------------


def test_minutes_table(minutes: Any) -> None:
    table = minutes.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert sum(grid) / 20 == pytest.approx(TABLE_FORM.text_width_pt, abs=1)
    first_row = table._tbl.findall(qn("w:tr"))[0]
    assert first_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    labels = [
        tc
        for tc in table._tbl.iter(qn("w:tc"))
        if tc.find(qn("w:tcPr")).find(qn("w:shd")) is not None
    ]
    label_text = ["".join(t.text for t in tc.iter(qn("w:t"))) for tc in labels]
    for label in (
        "时间",
        "地点",
        "主持人",
        "记录人",
        "缺席人员及原因",
        "列席人员",
        "议题",
        "会议内容",
        "决议",
        "签字",
    ):
        assert label in label_text
    spans = [s.get(qn("w:val")) for s in table._tbl.iter(qn("w:gridSpan"))]
    assert "3" in spans
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders.find(qn("w:insideH")).get(qn("w:val")) == "single"


def test_masthead_red_and_the_red_line(report: Any) -> None:
    issuer = report.paragraphs[0]
    assert issuer.text == "中共建始县高坪镇中心小学支部委员会文件"
    assert str(issuer.runs[0].font.color.rgb) == OFFICIAL.red
    assert issuer.runs[0]._r.rPr.find(qn("w:w")) is not None  # narrowed to fit
    number = report.paragraphs[1]
    # upward (上行文): the number left, 签发人 right on the same line
    assert number.text == "高小支〔2020〕9号\t签发人：张建国"
    assert "LEFT" in str(number.alignment)
    bottom = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert bottom.get(qn("w:color")) == OFFICIAL.red


def test_report_text_and_signature(report: Any) -> None:
    text = _text(report)
    for expected in (
        "县教育局党委：",
        "一、基本情况",
        "（二）扎实开展主题党日活动",
        "2.规范记录",
        "（2）会后三日内",
        "特此报告。",
        "中共建始县高坪镇中心小学支部委员会",
        "2020年8月28日",
    ):
        assert expected in text
    date = next(p for p in report.paragraphs if p.text == "2020年8月28日")
    assert "RIGHT" in str(date.alignment)


def test_official_body_fits_28_characters_a_line(report: Any) -> None:
    spacing = report.styles[STYLE_NAMES["body"]].element.rPr.find(qn("w:spacing"))
    assert int(spacing.get(qn("w:val"))) == -5  # -0.25 pt


def test_every_element_is_in_schema_order(report: Any, minutes: Any, ledger: Any) -> None:
    """Word refuses files whose property elements are out of order."""
    for document in (report, minutes, ledger):
        roots = [document.element, document.styles.element]
        roots += [s.footer._element for s in document.sections]
        for root in roots:
            for parent_name, order in _ORDER.items():
                for parent in root.iter(f"{W}{parent_name}"):
                    names = [c.tag.rsplit("}", 1)[-1] for c in parent]
                    ranks = [order.index(n) for n in names if n in order]
                    assert ranks == sorted(ranks), (parent_name, names)


def test_word_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "x.docx"
    render_docx(Document("标题", [Paragraph("正文")]), target)
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]
    assert docx.Document(str(target)).core_properties.title == "标题"


def test_mm_helper() -> None:
    assert _mm(Mm(37)) == pytest.approx(37)


def test_roster_cells_in_their_own_size_and_header_repeats(folder: Path) -> None:
    roster = docx.Document(str(render_docx(samples.sample_roster(8), folder / "花名册.docx")))
    table = roster.tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert rows[1].find(qn("w:trPr")).find(qn("w:tblHeader")) is None
    run = rows[1].find(qn("w:tc")).find(qn("w:p")).find(qn("w:r"))
    assert run.find(qn("w:rPr")).find(qn("w:sz")).get(qn("w:val")) == "24"  # 12 pt
    spacing = rows[1].find(qn("w:tc")).find(qn("w:p")).find(qn("w:pPr")).find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"


def test_a_written_document_frees_its_memory_without_a_collection(folder: Path) -> None:
    """python-docx's parts refer to each other; left to the cyclic collector, a package
    export's year of records held about 1 MB a document until the end (and in the window
    the collector runs only on the GUI thread). After writing, nothing of it stays."""
    import gc

    from docx.opc.package import OpcPackage

    def alive() -> int:
        return sum(isinstance(o, OpcPackage) for o in gc.get_objects())

    gc.collect()
    before = alive()
    gc.disable()
    try:
        for n in range(3):
            render_docx(samples.sample_minutes(), folder / f"释放{n}.docx")
        assert alive() == before
    finally:
        gc.enable()
