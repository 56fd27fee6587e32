"""The font resolver and the bundled fonts (fontTools builds the small fake fonts)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

fontTools = pytest.importorskip("fontTools")

from fontTools.fontBuilder import FontBuilder  # type: ignore[import-untyped]  # noqa: E402
from fontTools.pens.t2CharStringPen import T2CharStringPen  # type: ignore[import-untyped]  # noqa: E402
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]  # noqa: E402
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # noqa: E402

from jianshi_desktop.documents import fonts, samples  # noqa: E402
from jianshi_desktop.documents.fonts import (  # noqa: E402
    BUNDLED_FAMILIES,
    OFFICIAL_FONTS,
    ROLES,
    bundled_fonts_dir,
    find_fonts,
    read_faces,
    resolve_fonts,
)
from jianshi_desktop.errors import UserError  # noqa: E402


def make_font(path: Path, family: str, *, cff: bool = False, fs_type: int = 0) -> Path:
    """A tiny font with three square glyphs, named ``family``."""
    chars = "中文党"
    builder = FontBuilder(1000, isTTF=not cff)
    names = [".notdef", *(f"uni{ord(c):04X}" for c in chars)]
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"uni{ord(c):04X}" for c in chars})
    if cff:
        strings = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            pen.moveTo((100, 100))
            pen.lineTo((900, 100))
            pen.lineTo((900, 800))
            pen.closePath()
            strings[name] = pen.getCharString()
        builder.setupCFF("FakeCFF", {"FullName": "Fake CFF"}, strings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            pen.moveTo((100, 100))
            pen.lineTo((900, 100))
            pen.lineTo((900, 800))
            pen.closePath()
            glyphs[name] = pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (1000, 100) for name in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(fsType=fs_type)
    builder.setupPost()
    builder.save(str(path))
    return path


@pytest.fixture
def small_files_count(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Windows scan skips files under 1.5 MB (not Chinese fonts); the fakes are tiny."""
    monkeypatch.setattr(fonts, "_MIN_CJK_FILE", 0)


# -- reading files -----------------------------------------------------------------------


def test_reads_family_names_and_outline_kind(tmp_path: Path) -> None:
    ttf = read_faces(make_font(tmp_path / "a.ttf", "仿宋_GB2312"))
    assert ttf[0].families == ("仿宋_GB2312",) and ttf[0].truetype and ttf[0].embeddable
    otf = read_faces(make_font(tmp_path / "b.otf", "Noto Serif CJK SC", cff=True))
    assert otf[0].families == ("Noto Serif CJK SC",) and not otf[0].truetype
    locked = read_faces(make_font(tmp_path / "c.ttf", "锁定", fs_type=2))
    assert not locked[0].embeddable
    (tmp_path / "junk.ttf").write_bytes(b"not a font")
    assert read_faces(tmp_path / "junk.ttf") == []


def test_reads_every_face_of_a_collection() -> None:
    wqy = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if not wqy.is_file():
        pytest.skip("fonts-wqy-zenhei is not installed here")
    faces = read_faces(wqy)
    assert len(faces) == 3 and faces[0].families[0] == "WenQuanYi Zen Hei"
    assert all(face.truetype for face in faces)


# -- the search --------------------------------------------------------------------------


def test_official_windows_fonts_come_first(tmp_path: Path, small_files_count: None) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    make_font(windows / "simfang.ttf", "FangSong")
    make_font(windows / "仿宋_GB2312.ttf", "仿宋_GB2312")
    make_font(windows / "simhei.ttf", "SimHei")
    make_font(windows / "simkai.ttf", "KaiTi")
    make_font(windows / "simsun.ttf", "SimSun")
    found = find_fonts(windows_dirs=[windows], bundled_dir=bundled_fonts_dir())
    assert found["body"].face.path.name == "仿宋_GB2312.ttf"
    assert not found["body"].substitute
    assert found["heading1"].face.family == "SimHei" and not found["heading1"].substitute
    assert found["heading2"].face.family == "KaiTi" and found["heading2"].substitute
    assert found["title"].face.family == "SimSun" and found["title"].emulate_bold
    assert found["page_number"].face.source == "windows"
    assert found.describe()[1] == "正文：仿宋_GB2312"
    assert found.describe()[3] == "二级标题：楷体_GB2312 未安装，使用 KaiTi 代替"


def test_cff_and_locked_fonts_are_never_chosen(tmp_path: Path, small_files_count: None) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    make_font(windows / "fs.otf", "仿宋_GB2312", cff=True)
    make_font(windows / "hei.ttf", "黑体", fs_type=2)
    found = find_fonts(windows_dirs=[windows], bundled_dir=bundled_fonts_dir())
    assert found["body"].face.source == "bundled" and found["body"].substitute
    assert found["heading1"].face.source == "bundled"


def test_fontconfig_matches_on_linux(tmp_path: Path) -> None:
    kai = make_font(tmp_path / "kai.ttf", "AR PL UKai CN")
    fang = make_font(tmp_path / "fang.ttf", "FangSong")
    noto = make_font(tmp_path / "noto.otf", "Noto Serif CJK SC", cff=True)
    output = (
        f"{noto}\t0\tNoto Serif CJK SC,Noto Serif CJK SC Regular\n"
        f"{kai}\t0\tAR PL UKai CN\n"
        f"{fang}\t0\tFangSong,仿宋\n"
        "garbage line\n"
    )
    found = find_fonts(fontconfig=output, bundled_dir=bundled_fonts_dir())
    assert found["heading2"].face.path == kai and found["heading2"].face.source == "fontconfig"
    assert found["body"].face.path == fang
    assert found["body"].describe() == "正文：仿宋_GB2312 未安装，使用 FangSong 代替"
    assert found["heading1"].face.source == "bundled"


def test_bundled_fonts_serve_every_role_when_nothing_is_installed() -> None:
    found = find_fonts(bundled_dir=bundled_fonts_dir())
    assert {role: found[role].face.family for role in ROLES} == {
        "title": "AR PL UMing CN",
        "body": "AR PL UMing CN",
        "heading1": "WenQuanYi Zen Hei",
        "heading2": "AR PL UKai CN",
        "page_number": "AR PL UMing CN",
    }
    assert all(found[role].substitute for role in ROLES)
    assert found["title"].emulate_bold
    assert (
        found["body"].describe() == "正文：仿宋_GB2312 未安装，使用 AR PL UMing CN（程序附带）代替"
    )
    assert len(found.substitutes) == 5


def test_no_usable_font_is_a_plain_chinese_error(tmp_path: Path) -> None:
    with pytest.raises(UserError) as caught:
        find_fonts(bundled_dir=tmp_path)
    assert "没有找到可以嵌入 PDF 的中文字体" in caught.value.message
    assert "STSong" not in str(caught.value)


def test_resolve_fonts_searches_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real_run = subprocess.run

    def counting_run(*args: object, **kwargs: object) -> object:
        calls.append(args)
        return real_run(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(fonts.subprocess, "run", counting_run)
    fonts.clear_cache()
    try:
        first = resolve_fonts()
        second = resolve_fonts()
    finally:
        fonts.clear_cache()
    assert first is second
    assert len(calls) <= 1
    assert set(first.choices) == set(ROLES)
    for role in ROLES:
        assert first[role].official == OFFICIAL_FONTS[role]


# -- the bundled files -------------------------------------------------------------------


def _gb2312_level1() -> str:
    chars = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def test_bundled_fonts_have_real_glyphs_for_gb2312_level1_and_minutes() -> None:
    level1 = _gb2312_level1()
    assert len(level1) == 3755
    document_text = "".join(
        getattr(block, "text", "")
        for build in (samples.sample_report, samples.sample_minutes)
        for block in build().blocks
    )
    minutes = samples.minutes_table("支部党员大会", samples.dt.date(2020, 8, 28))
    cell_text = "".join(cell.text for row in minutes.rows for cell in row)
    wanted = set(level1 + document_text + cell_text + "〔〕—…“”‘’（）《》：；，。、？！0123456789")
    wanted -= {" ", "\n"}
    for file_name in BUNDLED_FAMILIES:
        font = TTFont(bundled_fonts_dir() / file_name, lazy=True)
        cmap = font.getBestCmap()
        glyf = font["glyf"]
        missing = [ch for ch in wanted if ord(ch) not in cmap]
        assert not missing, (file_name, "".join(sorted(missing))[:40])
        empty = [ch for ch in wanted if glyf[cmap[ord(ch)]].numberOfContours == 0]
        assert not empty, (file_name, "".join(sorted(empty))[:40])
        font.close()


def test_bundled_fonts_are_truetype_small_and_licensed() -> None:
    folder = bundled_fonts_dir()
    total = 0
    for file_name in BUNDLED_FAMILIES:
        path = folder / file_name
        info = read_faces(path)[0]
        assert info.truetype and info.embeddable
        total += path.stat().st_size
    assert total < 15 * 1024 * 1024
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for file_name in (*BUNDLED_FAMILIES, "ARPHICPL.TXT", "LICENSE-WenQuanYi-ZenHei.txt"):
        assert file_name in readme
        assert (folder / file_name).is_file()
    assert (folder / "GPL-2.txt").is_file()
    assert "ARPHIC PUBLIC LICENSE" in (folder / "ARPHICPL.TXT").read_text(encoding="ascii")
    # Arphic licence §2a: a notice of the change inside each modified file
    for file_name in BUNDLED_FAMILIES:
        font = TTFont(folder / file_name, lazy=True)
        assert "subset" in (font["name"].getDebugName(10) or "")
        font.close()
