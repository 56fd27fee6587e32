"""Names outside GB2312 print: glyph-by-glyph fallback to the bundled GB 18030 fonts.

Every test here uses ONLY the fonts in ``resources/fonts`` (``find_fonts`` with no Windows
folder and no fontconfig output), so it means the same on a PC with no Chinese font at all.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from jianshi_desktop.documents import render_pdf as render_pdf_module
from jianshi_desktop.documents.fonts import (
    BUNDLED_FAMILIES,
    FontSet,
    bundled_fonts_dir,
    find_fonts,
)
from jianshi_desktop.documents.model import Cell, Document, Heading, Paragraph
from jianshi_desktop.documents.render_pdf import paginate, render_pdf
from tests import document_samples as samples

# Hard names: 喆 堃 赟 are outside GB2312, 䶮 is CJK Ext A (U+4DAE), · joins a Uyghur name
HARD_NAMES = ("张喆", "李堃", "王赟", "郑䶮", "阿依古丽·买买提", "诸葛亮亮")


def bundled_only() -> FontSet:
    return find_fonts(bundled_dir=bundled_fonts_dir())


def hard_names_record() -> Document:
    names = "、".join(HARD_NAMES)
    table = samples.minutes_table("2026年第三季度支部党员大会", samples.dt.date(2026, 9, 28))
    table.rows.insert(3, [Cell("出席人员", label=True), Cell(names, colspan=3)])
    return Document(
        title="支部党员大会会议记录",
        blocks=[
            table,
            Heading(f"{HARD_NAMES[3]}同志发言", number="一、"),
            Paragraph(f"{names}同志（䶮、喆、堃、赟）参加了会议。", role="body"),
            Paragraph(f"记录人：{HARD_NAMES[4]}", role="heading2"),
        ],
        layout="table_form",
        author="中共建始县青山湾小学支部",
    )


def test_the_official_stand_ins_lack_the_hard_names() -> None:
    """The premise: the bundled Song face (title, body) has none of 喆 堃 赟 䶮."""
    fonts = find_fonts(bundled_dir=bundled_fonts_dir())
    from reportlab.pdfbase.ttfonts import TTFont

    body = TTFont("probe-body", str(fonts["body"].face.path))
    assert not [ch for ch in "喆堃赟䶮" if ord(ch) in body.face.charToGlyph]


def test_hard_names_print_with_only_the_bundled_fonts(tmp_path: Path) -> None:
    fonts = find_fonts(bundled_dir=bundled_fonts_dir())
    assert all(choice.face.source == "bundled" for choice in fonts.choices.values())
    result = render_pdf(hard_names_record(), tmp_path / "names.pdf", fonts=fonts)
    assert result.missing == ""
    assert result.pages >= 1
    # a skip on a PC without poppler-utils, a failure in CI (.ci/run installs it)
    from tests.unit.document_helpers import require

    pdftotext, pdffonts = require("pdftotext"), require("pdffonts")
    text = subprocess.run(
        [pdftotext, "-layout", str(result.path), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    flat = "".join(text.split())  # a long name may wrap at the cell's edge
    for name in HARD_NAMES:
        assert name in flat, name
    fonts_used = subprocess.run(
        [pdffonts, str(result.path)], capture_output=True, text=True, check=True
    ).stdout
    assert "WenQuanYi" in fonts_used or "JS-" in fonts_used  # embedded subsets
    rows = fonts_used.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts_used  # all embedded


def test_a_character_no_font_has_is_reported_not_hidden(tmp_path: Path) -> None:
    """An Ext B character (𠀾, outside GB 18030 level 1) is named in ``missing``."""
    fonts = find_fonts(bundled_dir=bundled_fonts_dir())
    document = Document(title="测试", blocks=[Paragraph("王𠀾同志")], layout="official")
    result = paginate(document, fonts=fonts)
    assert result.missing == "𠀾"


def test_fallback_borrows_only_what_the_face_lacks() -> None:
    fonts = find_fonts(bundled_dir=bundled_fonts_dir())
    book = render_pdf_module._FontBook(fonts)
    runs = book.runs("body", "张喆同志")
    assert [piece for _font, piece in runs] == ["张", "喆", "同志"]
    body, borrowed = runs[0][0], runs[1][0]
    assert body is runs[2][0] and borrowed is not body
    assert ord("喆") in borrowed.face.charToGlyph
    assert book.measurer("body", 16)("喆") == pytest.approx(16, abs=1.5)
    assert book.missing == set()


def test_a_rendering_registers_only_the_roles_it_draws() -> None:
    fonts = find_fonts(bundled_dir=bundled_fonts_dir())
    book = render_pdf_module._FontBook(fonts)
    book.runs("body", "正文")
    assert book.roles == {"body"}


# -- the bundled files cover GB 18030 level 1 -------------------------------------------


def gb18030_level1() -> set[str]:
    """Every non-private character of GB 18030's two-byte area (GBK), URO to U+9FA5, Ext A."""
    chars: set[str] = set()
    for high in range(0x81, 0xFF):
        for low in [*range(0x40, 0x7F), *range(0x80, 0xFF)]:
            try:
                ch = bytes([high, low]).decode("gb18030")
            except UnicodeDecodeError:
                continue
            if not 0xE000 <= ord(ch) <= 0xF8FF:
                chars.add(ch)
    chars |= {chr(c) for c in range(0x4E00, 0x9FA6)}
    chars |= {chr(c) for c in range(0x3400, 0x4DB6)}
    return chars


def test_bundled_fonts_together_cover_gb18030_level1() -> None:
    ttlib = pytest.importorskip("fontTools.ttLib")
    wanted = gb18030_level1()
    assert len(wanted) > 27_000
    covered: set[int] = set()
    for file_name in BUNDLED_FAMILIES:
        font = ttlib.TTFont(bundled_fonts_dir() / file_name)
        loca = font["loca"]  # an empty outline (a mapped blank) has no bytes in 'glyf'
        order = {name: number for number, name in enumerate(font.getGlyphOrder())}
        covered |= {
            code
            for code, glyph in font.getBestCmap().items()
            if loca[order[glyph] + 1] > loca[order[glyph]]
        }
        font.close()
    missing = sorted(ch for ch in wanted if ord(ch) not in covered and not ch.isspace())
    assert missing == [], "".join(missing[:40])
    # the few drawn for the app: ǹ, the ideographic description characters, 〾
    assert {0x01F9, *range(0x2FF0, 0x2FFC), 0x303E} <= covered
    for name in HARD_NAMES:
        assert all(ord(ch) in covered for ch in name), name


def test_two_files_with_one_postscript_name_stay_apart(tmp_path: Path) -> None:
    """reportlab names embedded fonts after the PostScript name: a second file with the same
    name must not print through the first one's glyphs (that printed 张□)."""
    from jianshi_desktop.documents.fonts import FontFace

    original = bundled_fonts_dir() / "WenQuanYiZenHei-GB2312.ttf"
    copy = tmp_path / "copy.ttf"
    shutil.copyfile(original, copy)
    first = render_pdf_module._register(FontFace("WenQuanYi Zen Hei", original, 0, "bundled"))
    second = render_pdf_module._register(FontFace("WenQuanYi Zen Hei", copy, 0, "bundled"))
    assert first.face.name != second.face.name


# -- what the command line says ----------------------------------------------------------


@pytest.fixture
def fresh_report(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's tally of drawn roles and missing characters, emptied; only the
    bundled fonts."""
    from jianshi_desktop.documents import fonts as fonts_module

    monkeypatch.setattr(render_pdf_module, "_DRAWN_ROLES", set())
    monkeypatch.setattr(render_pdf_module, "_MISSING_SEEN", set())
    monkeypatch.setattr(fonts_module, "resolve_fonts", bundled_only)


def test_the_command_line_names_the_substitutes(
    tmp_path: Path, fresh_report: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from jianshi_desktop import cli, cli_render

    result = render_pdf(hard_names_record(), tmp_path / "names.pdf", fonts=bundled_only())
    assert result.path is not None
    files = [tmp_path / "names.docx", result.path]
    assert cli_render._finish(argparse.Namespace(json=False), "记录", files) == cli.EXIT_OK
    err = capsys.readouterr().err
    # only the bundled fonts: none of the official faces is installed
    assert err.startswith("提示：这台电脑没有安装公文字体，PDF 中标题用 AR PL UMing CN（程序附带）")
    assert "正文用 AR PL UMing CN（程序附带）代替仿宋_GB2312，字体风格不同" in err
    assert "注意" not in err
    assert cli_render._font_notes([tmp_path / "names.docx"]) == cli_render.FontNotes()
    # Word only: nothing to say
    cli_render._finish(argparse.Namespace(json=False), "记录", [tmp_path / "names.docx"])
    assert capsys.readouterr().err == ""


def test_the_command_line_says_which_characters_are_blank(
    tmp_path: Path, fresh_report: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse

    from jianshi_desktop import cli, cli_render

    document = Document(title="测试", blocks=[Paragraph("王𠀾同志")], layout="official")
    result = render_pdf(document, tmp_path / "rare.pdf", fonts=bundled_only())
    assert result.path is not None
    args = argparse.Namespace(json=False)
    assert cli_render._finish(args, "记录", [result.path]) == cli.EXIT_PROBLEMS
    captured = capsys.readouterr()
    assert "已生成记录" in captured.out
    assert "注意：这台电脑上的字体里没有 “𠀾”，PDF 中这些字是空白的。" in captured.err


def test_the_json_result_is_not_ok_when_characters_are_blank(
    tmp_path: Path, fresh_report: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """With --json the one JSON object says what the exit code says: files written, but
    with blanks — the characters and the font notice are in it, nothing on stderr."""
    import argparse
    import json

    from jianshi_desktop import cli, cli_render

    document = Document(title="测试", blocks=[Paragraph("王𠀾同志")], layout="official")
    result = render_pdf(document, tmp_path / "rare.pdf", fonts=bundled_only())
    assert result.path is not None
    args = argparse.Namespace(json=True)
    assert cli_render._finish(args, "记录", [result.path]) == cli.EXIT_PROBLEMS
    captured = capsys.readouterr()
    said = json.loads(captured.out)
    assert said["ok"] is False
    assert said["files"] == [str(result.path)]
    assert said["missing_characters"] == ["𠀾"]
    assert "“𠀾”" in said["error"] and "空白" in said["error"]
    assert said["font_notice"].startswith("这台电脑没有安装公文字体，PDF 中")
    assert "正文用 AR PL UMing CN（程序附带）代替仿宋_GB2312" in said["font_notice"]
    assert captured.err == ""


def test_the_json_result_is_ok_when_every_character_printed(
    tmp_path: Path, fresh_report: None, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse
    import json

    from jianshi_desktop import cli, cli_render

    result = render_pdf(hard_names_record(), tmp_path / "names.pdf", fonts=bundled_only())
    assert result.path is not None
    args = argparse.Namespace(json=True)
    assert cli_render._finish(args, "记录", [result.path]) == cli.EXIT_OK
    said = json.loads(capsys.readouterr().out)
    assert said["ok"] is True and said["missing_characters"] == []
    assert "error" not in said
    assert "正文用 AR PL UMing CN（程序附带）代替仿宋_GB2312" in said["font_notice"]


def test_the_pdf_result_names_the_substitutes_it_drew_in(tmp_path: Path) -> None:
    """For the preview: only the roles the document used (no 一级标题 in this one)."""
    document = Document(title="测试", blocks=[Paragraph("张喆同志")], layout="official")
    result = render_pdf(document, tmp_path / "a.pdf", fonts=bundled_only())
    assert "正文用 AR PL UMing CN（程序附带）代替仿宋_GB2312" in result.font_notice
    assert "一级标题" not in result.font_notice


# -- reportlab's settings ----------------------------------------------------------------


def test_a_rendering_changes_no_process_wide_reportlab_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page streams are Flate-compressed only (not also ASCII85-encoded, reportlab's default)
    without switching ``rl_config.useA85`` for the whole process while a PDF is made."""
    from reportlab import rl_config

    seen: list[int] = []
    show_page = render_pdf_module._Canvas.showPage

    def watching(canvas: render_pdf_module._Canvas) -> None:
        seen.append(rl_config.useA85)
        show_page(canvas)

    monkeypatch.setattr(render_pdf_module._Canvas, "showPage", watching)
    monkeypatch.setattr(rl_config, "useA85", 1)
    result = render_pdf(hard_names_record(), tmp_path / "names.pdf", fonts=bundled_only())
    assert result.path is not None
    assert seen and set(seen) == {1}  # another thread drawing meanwhile sees the default
    data = result.path.read_bytes()
    assert b"/FlateDecode" in data and b"ASCII85Decode" not in data
