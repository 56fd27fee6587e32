"""The font resolver and the bundled fonts (fontTools builds the small fake fonts)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath

import pytest

fontTools = pytest.importorskip("fontTools")

from fontTools.fontBuilder import FontBuilder  # type: ignore[import-untyped]  # noqa: E402
from fontTools.pens.t2CharStringPen import T2CharStringPen  # type: ignore[import-untyped]  # noqa: E402
from fontTools.pens.ttGlyphPen import TTGlyphPen  # type: ignore[import-untyped]  # noqa: E402
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]  # noqa: E402

from jianshi_desktop import paths  # noqa: E402
from jianshi_desktop.documents import fonts  # noqa: E402
from jianshi_desktop.documents.fonts import (  # noqa: E402
    BUNDLED_FAMILIES,
    BUNDLED_FILES,
    OFFICIAL_FONTS,
    ROLES,
    bundled_fonts_dir,
    find_fonts,
    read_faces,
    resolve_fonts,
)
from jianshi_desktop.errors import UserError  # noqa: E402
from tests import document_samples as samples  # noqa: E402


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
    for file_name in set(BUNDLED_FILES.values()):  # the faces that serve a role
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
    # GB2312 for the five roles (11.6 MB) and GB 18030 level 1 beyond it (7.9 MB)
    assert total < 20 * 1024 * 1024
    readme = (folder / "README.md").read_text(encoding="utf-8")
    licences = ("ARPHICPL.TXT", "LICENSE-WenQuanYi-ZenHei.txt", "LICENSE-Apache-2.0.txt")
    for file_name in (*BUNDLED_FAMILIES, *licences):
        assert file_name in readme
        assert (folder / file_name).is_file()
    assert (folder / "GPL-2.txt").is_file()
    assert "Apache License" in (folder / "LICENSE-Apache-2.0.txt").read_text(encoding="ascii")
    assert "ARPHIC PUBLIC LICENSE" in (folder / "ARPHICPL.TXT").read_text(encoding="ascii")
    # Arphic licence §2a: a notice of the change inside each modified file
    for file_name in BUNDLED_FAMILIES:
        font = TTFont(folder / file_name, lazy=True)
        assert "subset" in (font["name"].getDebugName(10) or "")
        font.close()


# -- Windows and domestic Linux -----------------------------------------------------------


def test_windows_faces_with_the_platform_faked(
    tmp_path: Path, small_files_count: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows the font folder is read (no fontconfig); 方正小标宋简体 and 黑体 are the
    official faces, 仿宋 and 楷体 keep the style of 仿宋_GB2312 and 楷体_GB2312."""
    windir = tmp_path / "Windows"
    (windir / "Fonts").mkdir(parents=True)
    make_font(windir / "Fonts" / "FZXBSJW.TTF", "方正小标宋简体")
    make_font(windir / "Fonts" / "simfang.ttf", "FangSong")
    make_font(windir / "Fonts" / "simhei.ttf", "SimHei")
    make_font(windir / "Fonts" / "simkai.ttf", "KaiTi")
    make_font(windir / "Fonts" / "simsun.ttf", "SimSun")
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(windir))
    calls: list[object] = []
    monkeypatch.setattr(fonts.subprocess, "run", lambda *a, **k: calls.append(a))
    fonts.clear_cache()
    try:
        found = resolve_fonts()
    finally:
        fonts.clear_cache()
    assert calls == []  # no fc-list on Windows
    assert {role: found[role].face.path.name for role in ROLES} == {
        "title": "FZXBSJW.TTF",
        "body": "simfang.ttf",
        "heading1": "simhei.ttf",
        "heading2": "simkai.ttf",
        "page_number": "simsun.ttf",
    }
    assert not found["title"].substitute and not found["title"].emulate_bold
    assert found["body"].substitute and found["body"].style_kept
    assert found["heading2"].substitute and found["heading2"].style_kept
    # 方正小标宋简体, 黑体 and 宋体 are installed: the notice names only what is missing
    assert found.notice() == (
        "这台电脑缺少部分公文字体（仿宋_GB2312、楷体_GB2312），PDF 中正文用 FangSong 代替"
        "仿宋_GB2312；二级标题用 KaiTi 代替楷体_GB2312。"
    )
    assert found.notice(["title", "heading1"]) == ""
    assert found.notice(["body", "heading2"]).startswith("这台电脑没有安装公文字体，PDF 中")


def test_uos_and_kylin_founder_faces(tmp_path: Path) -> None:
    """UOS and Kylin ship Founder's 方正书宋/仿宋/黑体/楷体 (GBK editions); fontconfig lists
    them under their Chinese and their PostScript-style names."""
    shu = make_font(tmp_path / "FZSSK.TTF", "方正书宋_GBK")
    fang = make_font(tmp_path / "FZFSK.TTF", "方正仿宋_GBK")
    hei = make_font(tmp_path / "FZHTK.TTF", "方正黑体_GBK")
    kai = make_font(tmp_path / "FZKTK.TTF", "方正楷体_GBK")
    output = (
        f"{shu}\t0\tFZShuSong-Z01,方正书宋_GBK\n"
        f"{fang}\t0\tFZFangSong-Z02,方正仿宋_GBK\n"
        f"{hei}\t0\tFZHei-B01,方正黑体_GBK\n"
        f"{kai}\t0\tFZKai-Z03,方正楷体_GBK\n"
    )
    found = find_fonts(fontconfig=output, bundled_dir=bundled_fonts_dir())
    assert found["body"].face.path == fang and found["body"].style_kept
    assert found["heading1"].face.path == hei and found["heading1"].style_kept
    assert found["heading2"].face.path == kai and found["heading2"].style_kept
    assert found["title"].face.path == shu
    assert found["title"].emulate_bold and not found["title"].style_kept
    assert found["page_number"].face.path == shu
    assert "标题用 FZShuSong-Z01 代替方正小标宋简体，字体风格不同" in found.notice()
    # 小标宋 under any of its names is the official title face
    xbs = make_font(tmp_path / "xbs.ttf", "FZXiaoBiaoSong-B05S")
    found = find_fonts(fontconfig=f"{xbs}\t0\tFZXiaoBiaoSong-B05S,方正小标宋简体\n{output}")
    assert found["title"].face.path == xbs and not found["title"].substitute


def test_bundled_stand_ins_say_their_style_differs() -> None:
    found = find_fonts(bundled_dir=bundled_fonts_dir())
    assert not found["body"].style_kept and not found["title"].style_kept
    assert found["heading2"].style_kept  # AR PL UKai is a 楷体
    assert "正文用 AR PL UMing CN（程序附带）代替仿宋_GB2312，字体风格不同" in found.notice()
    # none of the official faces is installed: the notice says so, and names no exception
    assert found.notice().startswith("这台电脑没有安装公文字体，PDF 中标题用")


# -- the face cache ----------------------------------------------------------------------


def test_a_later_search_reads_no_font_file_again(
    tmp_path: Path, small_files_count: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    windows = tmp_path / "Fonts"
    windows.mkdir()
    fang = make_font(windows / "simfang.ttf", "FangSong")
    make_font(windows / "simhei.ttf", "SimHei")
    cache_file = tmp_path / "cache" / "fonts.json"
    real_read = fonts.read_faces
    reads: list[str] = []

    def counting_read(path: Path) -> list[fonts.FaceInfo]:
        reads.append(path.name)
        return real_read(path)

    monkeypatch.setattr(fonts, "read_faces", counting_read)

    def search() -> fonts.FontSet:
        cache = fonts.FaceCache(cache_file)
        try:
            return find_fonts(windows_dirs=[windows], bundled_dir=bundled_fonts_dir(), cache=cache)
        finally:
            cache.save()

    first = search()
    assert "simfang.ttf" in reads and cache_file.is_file()
    reads.clear()
    second = search()
    assert reads == [] and second == first

    # a changed file (another size and time) is read again, the others are not
    make_font(fang, "仿宋_GB2312")
    reads.clear()
    third = search()
    assert reads == ["simfang.ttf"]
    assert not third["body"].substitute

    # a damaged cache is a fresh search, and is written anew
    for damage in ("{not json", '{"version": 1, "files": {"x": 5}}', '["a"]', ""):
        cache_file.write_text(damage, encoding="utf-8")
        fourth = search()
        assert fourth == third
        assert json.loads(cache_file.read_text(encoding="utf-8"))["version"] == 1


@pytest.fixture
def untold() -> Iterator[None]:
    """No data folder chosen yet, and the resolver searching afresh; so again after."""
    paths.remember_choice(None)
    fonts.clear_cache()
    yield
    paths.remember_choice(None)
    fonts.clear_cache()


def cached_files(cache: Path) -> dict[str, object]:
    files: dict[str, object] = json.loads(cache.read_text(encoding="utf-8"))["files"]
    return files


def test_the_cache_lives_in_the_user_cache_folder(
    monkeypatch: pytest.MonkeyPatch, untold: None
) -> None:
    home = Path(os.environ["HOME"])
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    resolve_fonts()
    cached = home / ".cache" / "JianshiBranchDesk" / "fonts.json"
    assert fonts.cache_path() == cached
    assert any(name.endswith("ARPLUMingCN-GB2312.ttf") for name in cached_files(cached))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "elsewhere"))
    assert fonts.cache_path() == home / "elsewhere" / "JianshiBranchDesk" / "fonts.json"


def test_on_windows_the_cache_is_in_the_apps_local_cache_folder(
    monkeypatch: pytest.MonkeyPatch, untold: None
) -> None:
    """%LOCALAPPDATA%\\JianshiBranchDesk\\Cache, as platformdirs names it — beside, not
    inside, the data folder %LOCALAPPDATA%\\JianshiBranchDesk."""
    import platformdirs.windows

    local = r"C:\Users\张老师\AppData\Local"
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _name: local)
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    path = fonts.cache_path()
    assert path is not None
    assert PureWindowsPath(str(path)) == PureWindowsPath(
        local, "JianshiBranchDesk", "Cache", "fonts.json"
    )


@pytest.fixture
def program_on_a_stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled program unpacked in a folder (a USB stick), with portable.txt."""
    folder = tmp_path / "stick" / "JianshiBranchDesk-portable"
    folder.mkdir(parents=True)
    exe = folder / "JianshiBranchDesk.exe"
    exe.write_bytes(b"MZ")
    (folder / "portable.txt").write_text("便携模式", encoding="utf-8")
    monkeypatch.setattr(fonts.sys, "frozen", True, raising=False)
    monkeypatch.setattr(fonts.sys, "executable", str(exe))
    return folder.resolve()


def test_a_portable_program_keeps_its_cache_in_its_data_folder(
    program_on_a_stick: Path, untold: None
) -> None:
    host_cache = Path(os.environ["XDG_CACHE_HOME"])
    resolve_fonts()
    cached = program_on_a_stick / "data" / "cache" / "fonts.json"
    assert fonts.cache_path() == cached
    assert any(name.endswith("ARPLUMingCN-GB2312.ttf") for name in cached_files(cached))
    assert not host_cache.exists() or not any(host_cache.rglob("fonts.json"))


def test_the_data_folder_the_program_was_told_decides(tmp_path: Path, untold: None) -> None:
    """``--portable`` without portable.txt: the cache goes with the data; a data folder
    chosen otherwise (``--data-dir``) keeps the user cache folder."""
    stick = tmp_path / "E" / "data"
    paths.remember_choice(paths.DataDirChoice(stick, "portable"))
    resolve_fonts()
    assert fonts.cache_path() == stick / "cache" / "fonts.json"
    assert (stick / "cache" / "fonts.json").is_file()
    assert not any(Path(os.environ["XDG_CACHE_HOME"]).rglob("fonts.json"))
    paths.remember_choice(paths.DataDirChoice(tmp_path / "other", "argument"))
    user = Path(os.environ["XDG_CACHE_HOME"]) / "JianshiBranchDesk" / "fonts.json"
    assert fonts.cache_path() == user


# -- what Word files name ----------------------------------------------------------------


def test_word_file_names_a_stand_in_for_each_official_font(tmp_path: Path) -> None:
    """A PC without 仿宋_GB2312 opens the file in 仿宋 (w:altName), not in whatever it has."""
    import zipfile
    from xml.etree import ElementTree

    from jianshi_desktop.documents.render_docx import render_docx

    path = render_docx(samples.sample_minutes(), tmp_path / "m.docx")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as archive:
        table = ElementTree.fromstring(archive.read("word/fontTable.xml"))
    entries = {font.get(f"{w}name"): font for font in table.iter(f"{w}font")}
    expected = {
        "方正小标宋简体": "宋体",
        "仿宋_GB2312": "仿宋",
        "黑体": "SimHei",
        "楷体_GB2312": "楷体",
        "宋体": "SimSun",
    }
    assert set(OFFICIAL_FONTS.values()) <= set(expected)
    for name, alt in expected.items():
        font = entries[name]
        assert font.find(f"{w}altName").get(f"{w}val") == alt  # type: ignore[union-attr]
        assert font.find(f"{w}charset").get(f"{w}val") == "86"  # type: ignore[union-attr]
        panose = font.find(f"{w}panose1").get(f"{w}val")  # type: ignore[union-attr]
        assert panose is not None and panose.startswith("0201")  # a CJK face
