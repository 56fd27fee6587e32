"""Which font file serves each role (标题, 正文, 一级标题, 二级标题, 页码) in a PDF.

Word files only *name* the official fonts (:data:`OFFICIAL_FONTS`, with a stand-in for the
font table in :data:`WORD_FONT_TABLE`); the reader's Word or WPS substitutes. A PDF must
embed its fonts, so :func:`resolve_fonts` finds real files, in order:

1. the official fonts if installed (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312 — any
   spelling such as 仿宋GB2312, FangSong_GB2312 or FZXiaoBiaoSong-B05S);
2. a face of the same style (:attr:`FontChoice.style_kept`): the fonts Windows ships (仿宋
   simfang.ttf, 黑体 simhei.ttf, 楷体 simkai.ttf), the Founder faces UOS and Kylin ship
   (方正仿宋_GBK FZFangSong-Z02, 方正黑体_GBK FZHei-B01, 方正楷体_GBK FZKai-Z03, and their 简体
   …S editions), 华文中宋/华文仿宋/华文楷体;
3. another style (a Song/Ming face for 仿宋, a bold-drawn Song for 小标宋);
4. the free fonts bundled in ``resources/fonts/`` (AR PL UMing, AR PL UKai, WenQuanYi Zen
   Hei, subset to GB2312).

Installed fonts are found in the Windows font folders (on Windows) or with fontconfig
(``fc-list``, elsewhere). Whenever the chosen face lacks a character the PDF borrows it
glyph by glyph from :attr:`FontSet.fallbacks`: the other chosen faces, the bundled fonts —
which together cover GB 18030's level 1 (every hanzi up to U+9FA5, CJK Ext A, the symbols;
``WenQuanYiZenHei-GB18030ext.ttf``, ``DroidSansFallback-GB18030ext.ttf``) — and a few more
installed Chinese fonts.

Only TrueType-outline fonts qualify: reportlab cannot embed CFF (``OTTO``) fonts such as
Noto CJK, and its built-in ``STSong-Light`` is never embedded, so neither is ever used.
Fonts whose licence forbids embedding (OS/2 fsType restricted) are skipped too. When
nothing qualifies a :class:`~jianshi_desktop.errors.UserError` says so in Chinese.

The search runs once per process. What it reads from each font file (family names,
outline kind, embedding licence) is kept in a small cache file (:func:`cache_path`) keyed
by the file's path, size and modification time, so a later process only lists the folders
and compares sizes and times; a damaged or stale cache is ignored and rewritten.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from jianshi_desktop.documents.model import FontRole
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import write_text_atomically

FontSource = Literal["windows", "fontconfig", "bundled"]
ROLES: tuple[FontRole, ...] = ("title", "body", "heading1", "heading2", "page_number")
ROLE_LABELS: dict[FontRole, str] = {
    "title": "标题",
    "body": "正文",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "page_number": "页码",
}
# What Word files name, per role (East Asian, ascii and hAnsi alike).
OFFICIAL_FONTS: dict[FontRole, str] = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}


@dataclass(frozen=True)
class WordFont:
    """What a Word file's font table says about a named font, for a PC that lacks it.

    ``alt_name`` (``w:altName``) is the face Word and WPS look for next — a face every
    Chinese Windows has under that name: 仿宋 for 仿宋_GB2312, 楷体 for 楷体_GB2312, 宋体 for
    方正小标宋简体 (Word cannot embolden a substitute; 宋体 keeps the title's Song style).
    ``panose`` and charset 86 (GB2312) steer Word's own guess when that is missing too.
    """

    alt_name: str
    panose: str
    family: str = "modern"  # Word's own table says modern/fixed for 宋体, 仿宋, 黑体, 楷体
    pitch: str = "fixed"


WORD_FONT_TABLE: dict[str, WordFont] = {
    "方正小标宋简体": WordFont("宋体", "02010600030101010101", "auto", "variable"),
    "仿宋_GB2312": WordFont("仿宋", "02010609060101010101"),
    "黑体": WordFont("SimHei", "02010609060101010101"),
    "楷体_GB2312": WordFont("楷体", "02010609060101010101"),
    "宋体": WordFont("SimSun", "02010600030101010101", "auto", "variable"),
}
# The Unicode ranges and code page (GB2312) a Chinese face covers, as Word writes for 宋体.
GB2312_SIGNATURE = {
    "usb0": "00000003",
    "usb1": "288F0000",
    "usb2": "00000006",
    "usb3": "00000000",
    "csb0": "00040001",
    "csb1": "00000000",
}
BUNDLED_FILES: dict[FontRole, str] = {
    "title": "ARPLUMingCN-GB2312.ttf",
    "body": "ARPLUMingCN-GB2312.ttf",
    "heading1": "WenQuanYiZenHei-GB2312.ttf",
    "heading2": "ARPLUKaiCN-GB2312.ttf",
    "page_number": "ARPLUMingCN-GB2312.ttf",
}
# In this order they lend a character the chosen face lacks: Song first, then Kai, then the
# GB 18030 extension (Hei) and the dozen compatibility ideographs Zen Hei lacks.
BUNDLED_FAMILIES = {
    "ARPLUMingCN-GB2312.ttf": "AR PL UMing CN",
    "ARPLUKaiCN-GB2312.ttf": "AR PL UKai CN",
    "WenQuanYiZenHei-GB2312.ttf": "WenQuanYi Zen Hei",
    "WenQuanYiZenHei-GB18030ext.ttf": "WenQuanYi Zen Hei",
    "DroidSansFallback-GB18030ext.ttf": "Droid Sans Fallback",
}


@dataclass(frozen=True)
class _RoleSpec:
    official: tuple[str, ...]
    # the same style under another name (仿宋 for 仿宋_GB2312): a substitute, style kept
    same_style: tuple[str, ...]
    # (family, emulate bold) of another style, in order of preference
    substitutes: tuple[tuple[str, bool], ...]
    bold_bundled: bool = False


_SONG = ("AR PL UMing CN", "AR PL SungtiL GB", "AR PL UMing TW", "AR PL Mingti2L Big5")
# Founder's free-for-use faces as UOS and Kylin ship them (方正书宋_GBK FZShuSong-Z01 …)
_FOUNDER_SONG = ("方正书宋_GBK", "方正书宋简体", "FZShuSong-Z01", "FZShuSong-Z01S")
_SPECS: dict[FontRole, _RoleSpec] = {
    "title": _RoleSpec(
        official=(
            "方正小标宋简体",
            "方正小标宋_GBK",
            "方正小标宋",
            "小标宋",
            "小标宋体",
            "FZXiaoBiaoSong-B05S",
            "FZXiaoBiaoSong-B05",
            "FZXBSJW--GB1-0",
            "FZXBSK--GBK1-0",
        ),
        same_style=("华文中宋", "STZhongsong"),
        substitutes=(
            *((name, True) for name in _FOUNDER_SONG),
            ("宋体", True),
            ("SimSun", True),
            *((name, True) for name in _SONG),
        ),
        bold_bundled=True,
    ),
    "body": _RoleSpec(
        official=("仿宋_GB2312", "仿宋GB2312", "FangSong_GB2312", "FangSongGB2312"),
        same_style=(
            "仿宋",
            "FangSong",
            "SimFang",
            "方正仿宋_GBK",
            "方正仿宋简体",
            "FZFangSong-Z02",
            "FZFangSong-Z02S",
            "华文仿宋",
            "STFangsong",
        ),
        substitutes=(
            *((name, False) for name in _FOUNDER_SONG),
            *((name, False) for name in _SONG),
            ("宋体", False),
            ("SimSun", False),
        ),
    ),
    "heading1": _RoleSpec(
        official=("黑体", "SimHei"),
        same_style=(
            "方正黑体_GBK",
            "方正黑体简体",
            "FZHei-B01",
            "FZHei-B01S",
            "华文黑体",
            "STHeiti",
            "WenQuanYi Zen Hei",
            "WenQuanYi Micro Hei",
            "Droid Sans Fallback",
        ),
        substitutes=(),
    ),
    "heading2": _RoleSpec(
        official=("楷体_GB2312", "楷体GB2312", "KaiTi_GB2312", "KaiTiGB2312"),
        same_style=(
            "楷体",
            "KaiTi",
            "SimKai",
            "方正楷体_GBK",
            "方正楷体简体",
            "FZKai-Z03",
            "FZKai-Z03S",
            "华文楷体",
            "STKaiti",
            "AR PL UKai CN",
            "AR PL KaitiM GB",
            "LXGW WenKai",
            "霞鹜文楷",
        ),
        substitutes=(),
    ),
    "page_number": _RoleSpec(
        official=("宋体", "SimSun"),
        same_style=("新宋体", "NSimSun", *_FOUNDER_SONG, *_SONG),
        substitutes=(),
    ),
}


# -- reading font files ------------------------------------------------------------------
@dataclass(frozen=True)
class FaceInfo:
    """What the file says about one face: its family names and whether a PDF can embed it."""

    path: Path
    index: int
    families: tuple[str, ...]
    truetype: bool  # 'glyf' outlines (not CFF)
    embeddable: bool  # OS/2 fsType allows embedding


def read_faces(path: Path) -> list[FaceInfo]:
    """Every face of a .ttf/.otf/.ttc file; [] when the file is not a font."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets = struct.unpack(f">{count}I", handle.read(4 * count))
                return [_read_face(handle, path, i, off) for i, off in enumerate(offsets)]
            return [_read_face(handle, path, 0, 0)]
    except (OSError, struct.error, ValueError):
        return []


def _read_face(handle: BinaryIO, path: Path, index: int, offset: int) -> FaceInfo:
    handle.seek(offset)
    version, count = struct.unpack(">4sH", handle.read(6))
    handle.read(6)
    tables: dict[bytes, tuple[int, int]] = {}
    for _ in range(count):
        tag, _checksum, where, length = struct.unpack(">4sIII", handle.read(16))
        tables[tag] = (where, length)
    truetype = version in (b"\x00\x01\x00\x00", b"true") and b"glyf" in tables
    truetype = truetype and b"CFF " not in tables and b"CFF2" not in tables
    embeddable = True
    if b"OS/2" in tables:
        where, length = tables[b"OS/2"]
        if length >= 10:
            handle.seek(where + 8)
            fs_type = struct.unpack(">H", handle.read(2))[0]
            # bit 1 alone: restricted licence embedding (nothing may be embedded)
            embeddable = (fs_type & 0x000F) != 0x0002
    truetype = truetype and b"cmap" in tables and _has_unicode_cmap(handle, *tables[b"cmap"])
    families: tuple[str, ...] = ()
    if b"name" in tables:
        families = _read_names(handle, *tables[b"name"])
    return FaceInfo(path, index, families, truetype, embeddable)


def _has_unicode_cmap(handle: BinaryIO, where: int, length: int) -> bool:
    """reportlab reads only Unicode character maps (Windows 3/1, 3/10 or Unicode 0/*)."""
    handle.seek(where)
    data = handle.read(min(length, 4 + 8 * 64))
    _version, count = struct.unpack(">HH", data[:4])
    for number in range(min(count, 64)):
        platform, encoding = struct.unpack(">HH", data[4 + 8 * number : 8 + 8 * number])
        if platform == 0 or (platform == 3 and encoding in (1, 10)):
            return True
    return False


def _read_names(handle: BinaryIO, where: int, length: int) -> tuple[str, ...]:
    handle.seek(where)
    data = handle.read(length)
    _format, count, storage = struct.unpack(">HHH", data[:6])
    found: list[str] = []
    for number in range(count):
        record = data[6 + 12 * number : 18 + 12 * number]
        platform, encoding, _language, name_id, size, start = struct.unpack(">HHHHHH", record)
        if name_id not in (1, 16):
            continue
        raw = data[storage + start : storage + start + size]
        text = _decode_name(platform, encoding, raw)
        if text and text not in found:
            found.append(text)
    return tuple(found)


def _decode_name(platform: int, encoding: int, raw: bytes) -> str:
    try:
        if platform in (0, 3):
            if platform == 3 and encoding == 3:  # PRC: GB2312 bytes in 16-bit units
                return raw.replace(b"\x00", b"").decode("gbk").strip()
            return raw.decode("utf-16-be").strip()
        if platform == 1:
            return raw.decode("gbk" if encoding == 25 else "mac_roman").strip()
    except UnicodeDecodeError:
        return ""
    return ""


# -- what earlier processes read ------------------------------------------------------
_CACHE_VERSION = 1
CACHE_FILE = "fonts.json"


def cache_path(exe_dir: Path | None = None) -> Path | None:
    r"""The face cache file.

    In portable mode — as the program chose its data folder at start
    (:func:`jianshi_desktop.paths.remember_choice`) or, when it was not
    told, by ``portable.txt`` beside the program as :mod:`jianshi_desktop.paths` reads it —
    ``cache/fonts.json`` inside the data folder. Otherwise ``fonts.json`` in the app's user
    cache folder as platformdirs names it (as it names the data folder):
    ``%LOCALAPPDATA%\JianshiBranchDesk\Cache`` on Windows, ``$XDG_CACHE_HOME/JianshiBranchDesk``
    or ``~/.cache/JianshiBranchDesk`` elsewhere. None where platformdirs cannot say: nothing
    is cached then."""
    from jianshi_desktop import APP_ID
    from jianshi_desktop.paths import (
        ENV_DATA_DIR,
        executable_dir,
        is_portable,
        remembered_choice,
    )

    chosen = remembered_choice()  # as app.py chose it, for the window and every command
    if chosen is not None:
        if chosen.reason == "portable":
            return chosen.path / "cache" / CACHE_FILE
    elif not os.environ.get(ENV_DATA_DIR) and is_portable(exe_dir):
        return (exe_dir or executable_dir()) / "data" / "cache" / CACHE_FILE
    try:
        if sys.platform == "win32":  # the local profile, as for the data folder
            from platformdirs.windows import Windows

            folder = Windows(APP_ID, appauthor=False, roaming=False).user_cache_dir
        else:
            from platformdirs import user_cache_dir

            folder = user_cache_dir(APP_ID, appauthor=False)
    except (ImportError, OSError, ValueError, NotImplementedError, KeyError):
        return None
    return Path(folder) / CACHE_FILE


class FaceCache:
    """:func:`read_faces` remembered per file (path → size, mtime, faces).

    A file whose size or modification time differs is read again; an unreadable, damaged
    or foreign cache file counts as empty. Nothing here ever stops the search.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.changed = False
        if path is not None:
            self.entries = self._load(path)

    @staticmethod
    def _load(path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != _CACHE_VERSION:
            return {}
        files = data.get("files")
        return files if isinstance(files, dict) else {}

    def faces(self, path: Path, stat: os.stat_result | None = None) -> list[FaceInfo]:
        try:
            stat = stat or path.stat()
        except OSError:
            return []
        key = str(path)
        found = self._cached(path, key, stat)
        if found is not None:
            return found
        faces = read_faces(path)
        self.entries[key] = [
            stat.st_size,
            stat.st_mtime_ns,
            [[f.index, list(f.families), f.truetype, f.embeddable] for f in faces],
        ]
        self.changed = True
        return faces

    def _cached(self, path: Path, key: str, stat: os.stat_result) -> list[FaceInfo] | None:
        entry: Any = self.entries.get(key)
        try:
            size, mtime, rows = entry
            if size != stat.st_size or mtime != stat.st_mtime_ns:
                return None
            return [
                FaceInfo(path, int(index), tuple(str(n) for n in names), bool(tt), bool(emb))
                for index, names, tt, emb in rows
            ]
        except (TypeError, ValueError):
            return None

    def save(self) -> None:
        """Write the cache if anything was read afresh (atomically; errors are ignored)."""
        if self.path is None or not self.changed:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps(
                {"version": _CACHE_VERSION, "files": self.entries}, ensure_ascii=False
            )
            write_text_atomically(self.path, text)
            self.changed = False
        except OSError:
            return


# -- finding installed fonts -------------------------------------------------------------
@dataclass(frozen=True)
class FontFace:
    """A face that can be embedded: the file, the face inside a .ttc, where it was found."""

    family: str
    path: Path
    index: int
    source: FontSource

    @property
    def key(self) -> str:
        return f"{self.path}#{self.index}"


@dataclass
class _Catalogue:
    by_name: dict[str, list[FontFace]] = field(default_factory=dict)
    cjk: list[FontFace] = field(default_factory=list)
    checked: dict[str, bool] = field(default_factory=dict)
    cache: FaceCache = field(default_factory=lambda: FaceCache(None))

    def add(self, face: FontFace, names: Iterable[str]) -> None:
        for name in names:
            self.by_name.setdefault(_norm(name), []).append(face)
        self.cjk.append(face)

    def usable(self, face: FontFace) -> bool:
        if face.key not in self.checked:
            faces = self.cache.faces(face.path)
            info = faces[face.index] if 0 <= face.index < len(faces) else None
            self.checked[face.key] = bool(info and info.truetype and info.embeddable)
        return self.checked[face.key]

    def find(self, name: str) -> FontFace | None:
        for face in self.by_name.get(_norm(name), []):
            if self.usable(face):
                return face
        return None


def _norm(name: str) -> str:
    return name.casefold().replace(" ", "").replace("_", "").replace("-", "")


def windows_font_dirs(environ: Mapping[str, str] | None = None) -> list[Path]:
    env = os.environ if environ is None else environ
    dirs = []
    if env.get("WINDIR") or env.get("SystemRoot"):
        dirs.append(Path(env.get("WINDIR") or env["SystemRoot"]) / "Fonts")
    if env.get("LOCALAPPDATA"):
        dirs.append(Path(env["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    return [d for d in dirs if d.is_dir()]


_MAX_EXTRA_FALLBACKS = 6  # other Chinese faces to borrow a rare character from
_MIN_CJK_FILE = 1_500_000  # Chinese fonts are several MB; skip reading the small ones


def _windows_faces(
    dirs: Iterable[Path], cache: FaceCache
) -> Iterator[tuple[FontFace, tuple[str, ...]]]:
    for folder in dirs:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix.lower() not in (".ttf", ".ttc", ".otf"):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if stat.st_size < _MIN_CJK_FILE:
                continue
            for info in cache.faces(path, stat):
                if info.families:
                    face = FontFace(info.families[0], path, info.index, "windows")
                    yield face, info.families


def fc_list_output(timeout: float = 10.0) -> str:
    """``fc-list`` of the Chinese fonts, or "" where fontconfig is absent or fails."""
    exe = shutil.which("fc-list")
    if not exe:
        return ""
    try:
        done = subprocess.run(
            [exe, "--format", "%{file}\\t%{index}\\t%{family}\\n", ":lang=zh"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def _fontconfig_faces(output: str) -> Iterator[tuple[FontFace, tuple[str, ...]]]:
    for line in output.splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[0]:
            continue
        path = Path(parts[0])
        if path.suffix.lower() not in (".ttf", ".ttc", ".otf"):
            continue
        try:
            index = int(parts[1] or 0) & 0xFFFF  # high bits: variable-font instances
        except ValueError:
            index = 0
        names = tuple(n.strip() for n in parts[2].split(",") if n.strip())
        if names:
            yield FontFace(names[0], path, index, "fontconfig"), names


def bundled_fonts_dir() -> Path:
    from jianshi_desktop.paths import resources_dir

    return resources_dir() / "fonts"


# -- the result --------------------------------------------------------------------------
@dataclass(frozen=True)
class FontChoice:
    """The face serving one role, and whether it stands in for the official font."""

    role: FontRole
    official: str
    face: FontFace
    substitute: bool
    emulate_bold: bool = False  # draw a Song stand-in for 小标宋 with a thin outline
    style_kept: bool = True  # 仿宋 for 仿宋_GB2312: same style; a Song face for 仿宋: not

    @property
    def label(self) -> str:
        return ROLE_LABELS[self.role]

    def describe(self) -> str:
        """For the settings page: 正文：仿宋_GB2312 未安装，使用 AR PL UMing CN（程序附带）代替."""
        if not self.substitute:
            return f"{self.label}：{self.official}"
        family = self.face.family
        used = f"{family}（程序附带）" if self.face.source == "bundled" else f"{family} "
        return f"{self.label}：{self.official} 未安装，使用 {used}代替"


@dataclass(frozen=True)
class FontSet:
    """One :class:`FontChoice` per role, plus faces to borrow a missing character from."""

    choices: Mapping[FontRole, FontChoice]
    fallbacks: tuple[FontFace, ...] = ()

    def __getitem__(self, role: FontRole) -> FontChoice:
        return self.choices[role]

    def describe(self) -> list[str]:
        return [self.choices[role].describe() for role in ROLES]

    @property
    def substitutes(self) -> list[FontChoice]:
        return [self.choices[role] for role in ROLES if self.choices[role].substitute]

    def notice(self, roles: Iterable[FontRole] = ROLES) -> str:
        """One plain sentence on the substitutes among ``roles`` ("" when there are none).

        When every role asked for stands in: 这台电脑没有安装公文字体，PDF 中标题用
        AR PL UMing CN（程序附带）代替方正小标宋简体，…; when only some do:
        这台电脑缺少部分公文字体（仿宋_GB2312），PDF 中正文用 FangSong 代替仿宋_GB2312。"""
        asked = set(roles)
        wanted = [role for role in ROLES if role in asked]
        missing = [self.choices[role] for role in wanted if self.choices[role].substitute]
        parts = []
        for choice in missing:
            own = "（程序附带）" if choice.face.source == "bundled" else " "
            style = "" if choice.style_kept else "，字体风格不同"
            parts.append(f"{choice.label}用 {choice.face.family}{own}代替{choice.official}{style}")
        if not parts:
            return ""
        if len(missing) == len(wanted):
            lead = "这台电脑没有安装公文字体"
        else:
            names = "、".join(dict.fromkeys(choice.official for choice in missing))
            lead = f"这台电脑缺少部分公文字体（{names}）"
        return f"{lead}，PDF 中{'；'.join(parts)}。"


def resolve_fonts() -> FontSet:
    """The fonts of this computer, found once per process (see the module notes)."""
    return _resolve_cached()


@functools.lru_cache(maxsize=1)
def _resolve_cached() -> FontSet:
    windows = windows_font_dirs() if sys.platform == "win32" else []
    cache = FaceCache(cache_path())
    try:
        return find_fonts(
            windows_dirs=windows,
            fontconfig=fc_list_output() if sys.platform != "win32" else "",
            bundled_dir=bundled_fonts_dir(),
            cache=cache,
        )
    finally:
        cache.save()


def clear_cache() -> None:
    """Forget the search (after the user installs a font)."""
    _resolve_cached.cache_clear()


def find_fonts(
    *,
    windows_dirs: Iterable[Path] = (),
    fontconfig: str = "",
    bundled_dir: Path | None = None,
    cache: FaceCache | None = None,
) -> FontSet:
    """The search itself, with its inputs explicit (tests pass their own)."""
    catalogue = _Catalogue(cache=cache or FaceCache(None))
    for face, names in _windows_faces(windows_dirs, catalogue.cache):
        catalogue.add(face, names)
    for face, names in _fontconfig_faces(fontconfig):
        catalogue.add(face, names)
    bundled: dict[str, FontFace] = {}
    if bundled_dir is not None:
        for file_name, family in BUNDLED_FAMILIES.items():
            path = bundled_dir / file_name
            if path.is_file():
                face = FontFace(family, path, 0, "bundled")
                if catalogue.usable(face):
                    bundled[file_name] = face
    choices: dict[FontRole, FontChoice] = {}
    for role in ROLES:
        choices[role] = _choose(role, catalogue, bundled)
    fallbacks: dict[str, FontFace] = {}
    for face in [*(c.face for c in choices.values()), *bundled.values()]:
        fallbacks.setdefault(face.key, face)
    files = {face.path for face in fallbacks.values()}
    extra = 0
    for face in catalogue.cjk:
        if extra >= _MAX_EXTRA_FALLBACKS:
            break
        if face.path not in files and catalogue.usable(face):
            fallbacks[face.key] = face
            files.add(face.path)
            extra += 1
    return FontSet(choices, tuple(fallbacks.values()))


def _choose(role: FontRole, catalogue: _Catalogue, bundled: dict[str, FontFace]) -> FontChoice:
    spec = _SPECS[role]
    official = OFFICIAL_FONTS[role]
    for name in spec.official:
        face = catalogue.find(name)
        if face:
            return FontChoice(role, official, face, substitute=False)
    for name in spec.same_style:
        face = catalogue.find(name)
        if face:
            return FontChoice(role, official, face, substitute=True)
    for name, bold in spec.substitutes:
        face = catalogue.find(name)
        if face:
            return FontChoice(
                role, official, face, substitute=True, emulate_bold=bold, style_kept=False
            )
    own = bundled.get(BUNDLED_FILES[role])
    if own:
        kept = own.family in spec.same_style
        return FontChoice(
            role,
            official,
            own,
            substitute=True,
            emulate_bold=spec.bold_bundled,
            style_kept=kept,
        )
    for face in [*bundled.values(), *catalogue.cjk]:
        if catalogue.usable(face):
            return FontChoice(role, official, face, substitute=True, style_kept=False)
    raise UserError(
        f"没有找到可以嵌入 PDF 的中文字体"
        f"（{ROLE_LABELS[role]}需要 {official} 或其他 TrueType 字体）。",
        hint="请安装仿宋_GB2312、黑体、楷体等字体，或重新安装本程序以恢复附带的字体。",
    )
