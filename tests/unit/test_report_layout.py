"""The report as an upward GB/T 9704-2012 document: 版头 (上行文/下行文), 版记, the first
page's grid, titles and long issuing-body names broken at whole phrases — in the PDF as
measured on the page, and the same in the Word file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pdfplumber = pytest.importorskip("pdfplumber")

from jianshi_desktop.documents.fonts import FontSet, bundled_fonts_dir, find_fonts  # noqa: E402
from jianshi_desktop.documents.layout import OFFICIAL, mm_to_pt  # noqa: E402
from jianshi_desktop.documents.linebreak import title_lines  # noqa: E402
from jianshi_desktop.documents.official import (  # noqa: E402
    MIN_ISSUER_SIZE,
    THICK_RULE_PT,
    THIN_RULE_PT,
    issuer_lines,
    masthead_plan,
)
from jianshi_desktop.documents.records import (  # noqa: E402
    ReportDraft,
    ReportSection,
    report_document,
)
from jianshi_desktop.documents.render_docx import build_docx, release  # noqa: E402
from jianshi_desktop.documents.render_pdf import paginate, render_pdf  # noqa: E402
from jianshi_desktop.errors import ValidationError  # noqa: E402
from jianshi_desktop.services.reports import draft_from_json, draft_to_json  # noqa: E402

BRANCH = "中共建始县高坪镇中心小学支部委员会"
LEFT = mm_to_pt(OFFICIAL.margin_left_mm)
RIGHT = LEFT + OFFICIAL.text_width_pt
TOP = mm_to_pt(OFFICIAL.margin_top_mm)
BOTTOM = TOP + OFFICIAL.text_height_pt
LEADING = OFFICIAL.body_leading_pt
CHAR = OFFICIAL.body_size_pt


@pytest.fixture(scope="module")
def bundled() -> FontSet:
    return find_fonts(bundled_dir=bundled_fonts_dir())


def draft(**changes: Any) -> ReportDraft:
    base = ReportDraft(
        title="关于高坪镇中心小学党支部2026年第三季度党建工作情况的报告",
        recipient="县教育局党委",
        opening="现将我支部2026年第三季度党建工作情况报告如下：",
        sections=[ReportSection("基本情况", "支部现有党员21名，其中预备党员2名。")],
        closing="特此报告。",
        signer=BRANCH,
        issue_date=dt.date(2026, 10, 8),
        issuer=BRANCH,
        document_number="高小支〔2026〕9号",
        masthead_signer="张喆",
    )
    return dataclasses.replace(base, **changes)


def long_draft(paragraphs: int, **changes: Any) -> ReportDraft:
    text = "\n".join(
        "本季度支部按照年度计划开展组织生活，党员参加学习和志愿服务，做到有计划、有记录、有落实。"
        for _ in range(paragraphs)
    )
    return draft(sections=[ReportSection("基本情况", text)], **changes)


@pytest.fixture
def pdf(tmp_path: Path, bundled: FontSet) -> Iterator[Any]:
    opened: list[Any] = []

    def render(report: ReportDraft) -> Any:
        path = tmp_path / f"report-{len(opened)}.pdf"
        render_pdf(report_document(report), path, fonts=bundled)
        document = pdfplumber.open(path)
        opened.append(document)
        return document

    yield render
    for document in opened:
        document.close()


def line_of(page: Any, text: str) -> list[dict[str, Any]]:
    """The characters of the first occurrence of ``text`` on the page, in reading order."""
    chars = sorted(page.chars, key=lambda c: (round(c["top"]), c["x0"]))
    joined = "".join(c["text"] for c in chars)
    start = joined.find(text)
    assert start >= 0, f"{text!r} not on the page: {joined[:200]}"
    return chars[start : start + len(text)]


# -- 版头 ---------------------------------------------------------------------------------
def test_upward_masthead_number_left_and_signer_right_on_one_line(pdf: Any) -> None:
    page = pdf(draft()).pages[0]
    number = line_of(page, "高小支〔2026〕9号")
    label = line_of(page, "签发人：")
    name = line_of(page, "张喆")
    assert number[0]["x0"] == pytest.approx(LEFT + CHAR, abs=0.5)  # indented one character
    assert name[-1]["x1"] == pytest.approx(RIGHT - CHAR, abs=0.5)  # one character from the edge
    assert number[0]["top"] == pytest.approx(label[0]["top"], abs=0.5)
    assert number[0]["top"] == pytest.approx(name[0]["top"], abs=1.0)
    # the name in 楷体 (heading2's face), the label in the body's 仿宋 face
    assert name[0]["fontname"] != label[0]["fontname"]


def test_downward_masthead_number_centred_and_no_signer(pdf: Any) -> None:
    page = pdf(draft(direction="downward")).pages[0]
    number = line_of(page, "高小支〔2026〕9号")
    middle = (number[0]["x0"] + number[-1]["x1"]) / 2
    assert middle == pytest.approx((LEFT + RIGHT) / 2, abs=1.0)
    assert "签发人" not in page.extract_text()
    assert "张喆" not in page.extract_text()


def test_an_upward_report_without_signer_is_asked_for_not_printed_blank() -> None:
    with pytest.raises(ValidationError, match="签发人"):
        report_document(draft(masthead_signer=""))
    assert report_document(draft(masthead_signer="", direction="downward")).masthead is not None
    assert report_document(draft(masthead_signer="", issuer="")).masthead is None  # no 红头


def test_a_long_issuer_goes_onto_two_lines_at_full_size(pdf: Any) -> None:
    issuer = "中共建始县业州镇第二中心小学暨附属幼儿园教职工党支部委员会"
    lines, size, _scale = issuer_lines(issuer + "文件", OFFICIAL)
    assert len(lines) == 2 and "".join(lines) == issuer + "文件"
    assert size >= MIN_ISSUER_SIZE
    page = pdf(draft(issuer=issuer)).pages[0]
    red = [c for c in page.chars if c["size"] > 24]
    assert {round(c["size"], 1) for c in red} == {round(size, 1)}
    assert len({round(c["top"]) for c in red}) == 2
    # a name that fits stays on one line
    assert len(issuer_lines("中共建始县教育局委员会文件", OFFICIAL)[0]) == 1


def test_the_first_page_holds_its_full_lines_below_the_header(pdf: Any) -> None:
    document = pdf(long_draft(12))
    assert len(document.pages) >= 2
    first = document.pages[0]
    plan = masthead_plan(report_document(long_draft(12)).masthead, OFFICIAL)  # type: ignore[arg-type]
    body = sorted({round(c["top"], 1) for c in first.chars if c["size"] == CHAR})
    body = [top for top in body if top > TOP + plan.height]
    rows = [(top - TOP - (LEADING - CHAR) / 2) / LEADING for top in body]
    # every line on the page's 22-line grid, the last in the 22nd row
    assert all(abs(row - round(row)) < 0.05 for row in rows), rows
    assert round(rows[-1]) == 21
    # title (2 lines), one blank line, then body lines down to the bottom: none left empty
    masthead_lines = round(plan.height / plan.leading)  # of the page's grid
    assert len(body) == 22 - masthead_lines - 2 - 1


# -- titles ---------------------------------------------------------------------------------
TITLES = [
    "关于开展“党员先行·关爱学生”结对帮扶活动2026年第三季度工作情况的报告",
    "关于高坪镇中心小学党支部2026年第三季度党建工作情况的报告",
    "关于建始县业州镇第二中心小学党支部开展“党员先行·关爱学生”活动的情况报告",
    "中共建始县高坪镇中心小学支部委员会关于2026年上半年第11次党员大会情况的报告",
]


@pytest.mark.parametrize("title", TITLES)
def test_titles_break_at_whole_phrases_into_a_trapezoid_or_diamond(title: str) -> None:
    lines = title_lines(title, OFFICIAL.title_size_pt, OFFICIAL.text_width_pt)
    assert len(lines) >= 2 and "".join(lines) == title
    for line in lines:
        assert line.count("“") == line.count("”")  # a quoted phrase never broken
    for first, second in itertools.pairwise(lines):
        joint = first[-3:] + "|" + second[:4]
        for phrase in ("2026年", "第三季度", "上半年", "第11次", "2026年第三季度"):
            assert phrase not in (first + second) or phrase in first or phrase in second, joint
        assert not (first[-1].isdigit() and second[0] in "年月日次号")
    lengths = [len(line) for line in lines]
    pairs = list(itertools.pairwise(lengths))
    top = lengths.index(max(lengths))
    assert (
        all(a >= b for a, b in pairs)
        or all(a <= b for a, b in pairs)
        or (all(a <= b for a, b in pairs[:top]) and all(a >= b for a, b in pairs[top:]))
    )


def test_the_title_breaks_as_before_mid_phrase_no_more() -> None:
    lines = title_lines(TITLES[0], OFFICIAL.title_size_pt, OFFICIAL.text_width_pt)
    assert not any(line.endswith("“党员") for line in lines)
    assert not any(line.endswith("2026年") for line in lines)


def test_word_and_pdf_break_the_title_alike(pdf: Any) -> None:
    report = draft(title=TITLES[0])
    built = build_docx(report_document(report))
    try:
        title = next(p for p in built.paragraphs if "党员先行" in p.text)
        word_lines = title.text.split("\n")
    finally:
        release(built)
    page = pdf(report).pages[0]
    big = [c for c in page.chars if c["size"] == OFFICIAL.title_size_pt]
    pdf_lines = [
        "".join(c["text"] for c in sorted(group, key=lambda c: c["x0"]))
        for _top, group in itertools.groupby(
            sorted(big, key=lambda c: (round(c["top"]), c["x0"])), key=lambda c: round(c["top"])
        )
    ]
    assert word_lines == pdf_lines and len(pdf_lines) == 2


# -- 版记 ---------------------------------------------------------------------------------
def rules(page: Any) -> list[tuple[float, float, float]]:
    """Black horizontal rules: (y from the top, width, line width)."""
    found = []
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 0.01 and line["stroking_color"] in (
            (0,),
            (0, 0, 0),
            [0],
            [0, 0, 0],
            0,
        ):
            found.append((line["top"], line["x1"] - line["x0"], line["linewidth"]))
    return sorted(found)


def test_the_colophon_at_the_foot_of_the_last_page(pdf: Any) -> None:
    report = draft(copy_to="县教育局，高坪镇中心学校党总支")
    page = pdf(report).pages[-1]
    copy_to = line_of(page, "抄送：县教育局，高坪镇中心学校党总支。")
    printed_by = line_of(page, BRANCH + "2026年10月8日印发")
    assert copy_to[0]["x0"] == pytest.approx(LEFT + 14, abs=0.5)  # 4号, one character in
    assert copy_to[0]["size"] == pytest.approx(14)
    assert printed_by[0]["x0"] == pytest.approx(LEFT + 14, abs=0.5)
    assert printed_by[-1]["x1"] == pytest.approx(RIGHT - 14, abs=0.5)
    # the 印发 line is the last line of the text block, the 抄送 line above it
    assert printed_by[0]["bottom"] < BOTTOM and printed_by[0]["top"] > BOTTOM - LEADING
    assert copy_to[0]["top"] == pytest.approx(printed_by[0]["top"] - LEADING, abs=0.5)
    found = rules(page)
    assert [round(width) for _y, width, _w in found] == [round(OFFICIAL.text_width_pt)] * 3
    assert [w for _y, _width, w in found] == pytest.approx(
        [THICK_RULE_PT, THIN_RULE_PT, THICK_RULE_PT]
    )
    assert found[-1][0] + THICK_RULE_PT / 2 == pytest.approx(BOTTOM, abs=0.3)
    # 印发机关 and 印发日期 follow the 署名 and 成文日期 unless given
    assert report.colophon is not None
    assert report.colophon.printed_by == BRANCH
    assert report.colophon.printed_on == report.issue_date


def test_without_copy_to_no_copy_to_line(pdf: Any) -> None:
    page = pdf(draft(printed_by="高坪镇中心小学党支部", printed_on=dt.date(2026, 10, 9))).pages[-1]
    text = page.extract_text()
    assert "抄送" not in text
    assert "高坪镇中心小学党支部" in text and "2026年10月9日印发" in text
    assert [w for _y, _width, w in rules(page)] == pytest.approx([THICK_RULE_PT, THICK_RULE_PT])


@pytest.mark.parametrize("own_page", [True, False])
def test_page_number_of_the_colophon_page(own_page: bool, pdf: Any, bundled: FontSet) -> None:
    for paragraphs in range(8, 40):
        laid = paginate(report_document(long_draft(paragraphs)), fonts=bundled)
        if laid.colophon_alone == own_page and laid.pages >= 2:
            break
    else:
        pytest.fail(f"no report length puts the 版记 {'alone' if own_page else 'with text'}")
    document = pdf(long_draft(paragraphs))
    last = document.pages[-1].extract_text()
    assert "印发" in last
    assert ("— " in last) is not own_page  # GB/T 9704 7.5: a 版记 page alone has none
    assert "— 1 —" in document.pages[0].extract_text()


def test_word_has_the_colophon_and_no_footer_on_its_own_page(bundled: FontSet) -> None:
    from docx.oxml.ns import qn

    report = draft(copy_to="县教育局")
    built = build_docx(report_document(report))
    try:
        texts = [p.text for p in built.paragraphs]
        assert any(t.startswith("\t抄送：县教育局。") for t in texts)
        printed = next(p for p in built.paragraphs if p.text.endswith("印发"))
        assert printed.text == f"\t{BRANCH}\t2026年10月8日印发"
        borders = printed._p.pPr.find(qn("w:pBdr"))
        assert borders.find(qn("w:bottom")).get(qn("w:sz")) == "8"  # 0.35 mm
    finally:
        release(built)
    laid = {n: paginate(report_document(long_draft(n))).colophon_alone for n in range(8, 30)}
    shared = next(n for n, alone in laid.items() if not alone)
    built = build_docx(report_document(long_draft(shared)))
    try:
        assert len(built.sections) == 1  # at the foot of the body's last page
    finally:
        release(built)
    built = build_docx(report_document(long_draft(next(n for n, a in laid.items() if a))))
    try:
        assert len(built.sections) == 2
        assert "PAGE" in built.sections[0].footer._element.xml
        assert "PAGE" not in built.sections[1].footer._element.xml
        assert "PAGE" not in built.sections[1].even_page_footer._element.xml
    finally:
        release(built)


def test_word_number_line_follows_the_direction() -> None:
    built = build_docx(report_document(draft()))
    try:
        number = next(p for p in built.paragraphs if p.text.startswith("高小支"))
        assert number.text == "高小支〔2026〕9号\t签发人：张喆"
        assert "LEFT" in str(number.alignment)
    finally:
        release(built)
    built = build_docx(report_document(draft(direction="downward")))
    try:
        number = next(p for p in built.paragraphs if p.text.startswith("高小支"))
        assert number.text == "高小支〔2026〕9号" and "CENTER" in str(number.alignment)
    finally:
        release(built)


# -- the draft as stored --------------------------------------------------------------------
def test_the_new_fields_are_kept_and_old_drafts_still_read() -> None:
    report = draft(
        direction="downward",
        copy_to="县教育局",
        printed_by="高坪镇中心小学党支部",
        printed_on=dt.date(2026, 10, 9),
    )
    assert draft_from_json(draft_to_json(report)) == report
    old = draft_to_json(draft())
    for key in ("direction", "masthead_signer", "copy_to", "printed_by", "printed_on"):
        old.pop(key)
    read = draft_from_json(old)
    # a red masthead saved before the direction was kept printed downward, as it still does
    assert read.direction == "downward" and read.masthead_signer == ""
    assert read.copy_to == "" and read.printed_by == "" and read.printed_on is None
    report_document(read)  # no 签发人 needed: it prints as it did
    old.pop("issuer")
    assert draft_from_json(old).direction == "upward"


def test_the_signature_and_seal_never_stand_on_a_page_without_text(pdf: Any) -> None:
    """When 署名 and 成文日期 do not fit under the text, the text's last line goes with them
    (a page with only the seal on it is not accepted); Word keeps them together too."""
    moved = 0
    for paragraphs in range(8, 26):
        document = pdf(long_draft(paragraphs))
        for page in document.pages:
            text = page.extract_text()
            if BRANCH in text.replace("印发", "") and "2026年10月8日\n" in text + "\n":
                signed = [line for line in text.splitlines() if line.strip() == "2026年10月8日"]
                if signed:
                    assert "特此报告。" in text, paragraphs
                    moved += page.page_number > 1 and "现将" not in text
    assert moved  # some lengths put the signature on a later page: the rule was exercised
    built = build_docx(report_document(draft()))
    try:
        closing = next(p for p in built.paragraphs if p.text == "特此报告。")
        assert closing.paragraph_format.keep_with_next
    finally:
        release(built)
