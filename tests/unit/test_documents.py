"""The document engine without files: numbering, layouts, line breaking, the model, names."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jianshi_desktop.documents.files import atomic_output, safe_file_name
from jianshi_desktop.documents.layout import OFFICIAL, TABLE_FORM, customised, mm_to_pt
from jianshi_desktop.documents.linebreak import NO_LINE_END, NO_LINE_START, break_lines, title_lines
from jianshi_desktop.documents.model import (
    Cell,
    Contents,
    ContentsEntry,
    Document,
    Heading,
    Paragraph,
    SignatureBlock,
    Table,
    Title,
)
from jianshi_desktop.documents.numbering import HeadingCounter, chinese_numeral, heading_number
from jianshi_desktop.documents.official import issuer_lines
from jianshi_desktop.documents.plan import signature_indents, text_em
from jianshi_desktop.documents.records import text_width_em
from jianshi_desktop.errors import UserError, ValidationError
from tests import document_samples as samples

# -- numbering ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (21, "二十一"),
        (90, "九十"),
        (99, "九十九"),
    ],
)
def test_chinese_numerals(number: int, text: str) -> None:
    assert chinese_numeral(number) == text


@pytest.mark.parametrize("number", [0, 100, -1])
def test_chinese_numerals_out_of_range(number: int) -> None:
    with pytest.raises(ValueError):
        chinese_numeral(number)


def test_heading_numbers_of_the_four_levels() -> None:
    assert [heading_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert heading_number(1, 12) == "十二、"
    with pytest.raises(ValueError):
        heading_number(5, 1)


def test_counter_restarts_deeper_levels() -> None:
    counter = HeadingCounter()
    got = [counter.next(level) for level in (1, 2, 3, 3, 4, 2, 3, 1, 2)]
    assert got == ["一、", "（一）", "1.", "2.", "（1）", "（二）", "1.", "二、", "（一）"]


def test_document_numbers_headings_and_titles_restart() -> None:
    document = Document(
        "台账",
        [
            Heading("甲"),
            Heading("乙", level=2),
            Heading("给定", number="附："),
            Heading("丙"),
            Title("第二份记录"),
            Heading("丁"),
            Heading("无号", number=""),
        ],
        show_title=False,
    )
    numbers = [n for b, n in document.numbered_headings() if isinstance(b, Heading)]
    assert numbers == ["一、", "（一）", "附：", "二、", "一、", ""]


# -- layouts -----------------------------------------------------------------------------


def test_table_form_defaults_follow_official_format() -> None:
    layout = TABLE_FORM
    assert (layout.margin_top_mm, layout.margin_bottom_mm) == (25.4, 25.4)
    assert (layout.margin_left_mm, layout.margin_right_mm) == (31.7, 31.7)
    assert (layout.title_size_pt, layout.title_leading_pt) == (22, 36)
    assert (layout.body_size_pt, layout.body_leading_pt) == (16, 31)
    assert layout.first_line_indent_chars == 2
    assert layout.body_char_space_pt == 0


def test_official_layout_is_gbt_9704() -> None:
    layout = OFFICIAL
    assert layout.margin_top_mm == 37 and layout.margin_left_mm == 28
    assert layout.text_width_mm == pytest.approx(156)
    assert layout.text_height_mm == pytest.approx(225)
    assert layout.lines_per_page == 22
    # 28 characters of 3号 fit a line, with Word's 1/20 pt spacing unit
    pitch = layout.body_size_pt + layout.body_char_space_pt
    assert 28 * pitch <= layout.text_width_pt < 29 * pitch
    assert layout.page_number_size_pt == 14 and layout.page_number_gap_mm == 7
    assert layout.page_numbering == "odd_even"


def test_customised_layout_is_checked() -> None:
    layout = customised("table_form", margin_left_mm=25, body_size_pt=15)
    assert layout.margin_left_mm == 25 and layout.body_size_pt == 15
    with pytest.raises(ValidationError, match="上边距"):
        customised("table_form", margin_top_mm=100)
    with pytest.raises(ValidationError, match="行距不能小于"):
        customised("table_form", body_size_pt=20, body_leading_pt=18)
    with pytest.raises(ValidationError):
        customised("table_form", colour=1)


# -- line breaking -----------------------------------------------------------------------


def _width(ch: str) -> float:
    return 16.0 if text_em(ch) == 1.0 else 8.0


def test_no_line_starts_with_closing_punctuation_at_any_position() -> None:
    width = 28 * 16.0
    for mark in "，。、；：？！）》」”":
        for position in range(1, 60):
            text = "党" * position + mark + "建" * 40
            lines = break_lines(text, width, _width)
            assert "".join(line.text for line in lines) == text
            for line in lines[1:]:
                assert line.text[0] not in NO_LINE_START, (mark, position)
            assert all(line.width <= width + 0.05 for line in lines)


def test_opening_marks_never_end_a_line() -> None:
    width = 10 * 16.0
    for position in range(1, 30):
        text = "学" * position + "《中国共产党章程》" + "习" * 20
        for line in break_lines(text, width, _width)[:-1]:
            assert line.text[-1] not in NO_LINE_END


def test_numbers_and_ellipses_stay_whole() -> None:
    lines = break_lines("应缴党员" + "好" * 4 + "3,456.00元……完", 9 * 16.0, _width)
    assert [line.text for line in lines] == ["应缴党员好好好好", "3,456.00元……完"]


def test_first_indent_forced_breaks_and_too_long_words() -> None:
    lines = break_lines("一二三四五六\n七八", 4 * 16.0, _width, first_indent=32.0)
    assert [(line.text, line.indent, line.last) for line in lines] == [
        ("一二", 32.0, False),
        ("三四五六", 0.0, True),
        ("七八", 0.0, True),
    ]
    long = break_lines("A" * 30, 10 * 8.0, _width)
    assert [len(line.text) for line in long] == [10, 10, 10]


_TEXT = st.text(
    alphabet=st.sampled_from(
        list("党建工作会议记录学习") + list("，。、；：？！）》」“”（《") + list("20 ab")
    ),
    min_size=1,
    max_size=200,
)


@settings(max_examples=150, deadline=None)
@given(text=_TEXT, chars=st.integers(min_value=3, max_value=30))
@example(text="000、、", chars=3)  # once found by hypothesis: a number before closing marks
def test_line_breaking_properties(text: str, chars: int) -> None:
    width = chars * 16.0
    lines = break_lines(text, width, _width, first_indent=32.0 if chars > 4 else 0.0)
    joined = "".join(line.text for line in lines)
    assert joined.replace(" ", "") == text.replace(" ", "")
    for before, line in itertools.pairwise(lines):
        if line.text and line.text[0] in NO_LINE_START:
            # only when the previous line has no place where a break keeps the rules
            prev = before.text.replace(" ", "")
            allowed = [
                j
                for j in range(1, len(prev))
                if prev[j] not in NO_LINE_START and prev[j - 1] not in NO_LINE_END
            ]
            assert not allowed, (before.text, line.text)
    for line in lines:
        assert line.width - line.indent <= width + 0.05 or len(line.text) == 1


# -- shared geometry ---------------------------------------------------------------------


def test_signature_centred_over_the_date_four_characters_from_the_right() -> None:
    signer, date = signature_indents("中共××支部委员会", "2020年8月28日", 16)
    assert date == 64
    # centres coincide
    assert signer + text_em("中共××支部委员会") * 8 == pytest.approx(
        date + text_em("2020年8月28日") * 8
    )
    long_signer, long_date = signature_indents(
        "中共建始县高坪镇中心小学支部委员会", "2020年8月28日", 16
    )
    assert long_signer == 32 and long_date > 32


def test_the_issuing_bodys_name_fits_the_text_block() -> None:
    for issuer in ("建始县教育局文件", "中共建始县高坪镇中心小学支部委员会文件", "中" * 40):
        lines, size, scale = issuer_lines(issuer, OFFICIAL)
        assert "".join(lines) == issuer
        assert all(text_em(line) * size * scale <= OFFICIAL.text_width_pt for line in lines)
        assert 0.6 <= scale <= 1.0 and size <= OFFICIAL.masthead_max_size_pt


def test_titles_keep_hand_breaks_and_dated_spans_whole() -> None:
    assert title_lines("短标题", 22, 400) == ["短标题"]
    assert title_lines("手工\n断行", 22, 10) == ["手工", "断行"]
    long = title_lines(
        "中共建始县教育局委员会关于表彰2019—2020年度全县教育系统优秀共产党员的决定", 22, 442
    )
    assert len(long) >= 2 and any("2019—2020" in line for line in long)


@pytest.mark.parametrize(
    ("text", "ems"),
    [("中共", 2.0), ("2026", 2.0), ("“党员”", 4.0), ("阿依古丽·买买提", 8.0), ("A—B", 2.0)],
)
def test_one_measure_of_widths(text: str, ems: float) -> None:
    """Marks of ambiguous width count whole everywhere widths are estimated: titles, the
    版头 and 版记, and the roster's columns measure alike."""
    assert text_em(text) == ems
    assert text_width_em(text) == ems
    assert text_width_em(f"{text}\n中") == max(ems, 1.0)


# -- the model ---------------------------------------------------------------------------


def test_table_widths_in_mm_and_relative() -> None:
    table = Table([[Cell("a"), Cell("b")]], widths=[1, 3])
    assert table.widths_pt(400) == [100, 300]
    wide = Table([[Cell("a"), Cell("b")]], widths=[100, 100], width_unit="mm")
    assert sum(wide.widths_pt(mm_to_pt(150))) == pytest.approx(mm_to_pt(150))
    narrow = Table([[Cell("a"), Cell("b")]], widths=[20, 30], width_unit="mm")
    assert narrow.widths_pt(1000) == pytest.approx([mm_to_pt(20), mm_to_pt(30)])


def test_document_check_finds_builder_mistakes() -> None:
    bad_span = Document("x", [Table([[Cell("a", colspan=3)]], widths=[1, 1])])
    with pytest.raises(ValueError, match="spans 3"):
        bad_span.check()
    bad_anchor = Document("x", [Contents([ContentsEntry("甲", "nowhere")])])
    with pytest.raises(ValueError, match="no anchor"):
        bad_anchor.check()
    for build in (samples.sample_report, samples.sample_minutes, samples.sample_ledger):
        build().check()


def test_cells_align_labels_centred_and_content_justified() -> None:
    assert Cell("时间", label=True).alignment == "center"
    assert Cell("内容").alignment == "justify"
    assert Cell("内容", align="left").alignment == "left"


def test_signature_dates_in_gbt_form() -> None:
    assert SignatureBlock("支部", dt.date(2020, 8, 8)).date_text == "2020年8月8日"
    assert SignatureBlock("支部", "二〇二〇年八月").date_text == "二〇二〇年八月"


def test_body_blocks_put_the_title_first() -> None:
    document = Document("标题", [Paragraph("正文")], subtitle="副")
    first = document.body_blocks()[0]
    assert isinstance(first, Title) and first.subtitle == "副"
    assert samples.sample_ledger(2).cover_pages == 1
    assert document.cover_pages == 0


# -- files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2020/8/28 支委会: 议题?", "2020-8-28 支委会： 议题？"),
        ('a<b>c|d*e"f\\g', "a《b》c｜d＊e＂f-g"),
        ("会议记录. . ", "会议记录"),
        ("CON", "_CON"),
        ("nul.docx", "_nul.docx"),
        ("\x00\x1f  ", "未命名"),
        ("甲" * 150, "甲" * 80),  # 240 bytes of UTF-8: ext4 takes 255
        ("a" * 150, "a" * 100),
    ],
)
def test_safe_file_name(text: str, name: str) -> None:
    assert safe_file_name(text) == name


def test_atomic_output_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    target = tmp_path / "会议记录.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as temp:
        temp.write_bytes(b"half")
        raise RuntimeError("renderer failed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["会议记录.pdf"]
    with atomic_output(target) as temp:
        assert temp.parent == tmp_path
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["会议记录.pdf"]


def test_atomic_output_into_a_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="不存在"), atomic_output(tmp_path / "无" / "a.pdf"):
        pass
