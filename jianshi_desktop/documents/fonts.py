"""Which font file serves each role (标题, 正文, 一级标题, 二级标题, 页码) in a PDF.

Word files only *name* the official fonts (:data:`OFFICIAL_FONTS`); the reader's Word or
WPS substitutes. A PDF must embed its fonts, so :func:`resolve_fonts` finds real files, in
order:

1. the official fonts if installed (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312 — any
   spelling such as 仿宋GB2312 or FangSong_GB2312);
2. the fonts Windows ships (仿宋 simfang.ttf, 黑体 simhei.ttf, 楷体 simkai.ttf, 宋体
   simsun.ttc) and other common near equivalents (华文中宋, 华文仿宋 …);
3. fontconfig matches on Linux (``fc-list``, only where it exists);
4. the free fonts bundled in ``resources/fonts/`` (AR PL UMing, AR PL UKai, WenQuanYi Zen
   Hei, subset to GB2312).

Only TrueType-outline fonts qualify: reportlab cannot embed CFF (``OTTO``) fonts such as
Noto CJK, and its built-in ``STSong-Light`` is never embedded, so neither is ever used.
Fonts whose licence forbids embedding (OS/2 fsType restricted) are skipped too. When
nothing qualifies a :class:`~jianshi_desktop.errors.UserError` says so in Chinese.

The search runs once per process (about a millisecond plus one ``fc-list`` call).
"""

from __future__ import annotations

import functools
import os
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

from jianshi_desktop.documents.model import FontRole
from jianshi_desktop.errors import UserError

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
# Word's font table may name a stand-in for a font that is not installed (w:altName).
WORD_ALT_NAMES: dict[str, str] = {
    "方正小标宋简体": "宋体",
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
}
BUNDLED_FILES: dict[FontRole, str] = {
    "title": "ARPLUMingCN-GB2312.ttf",
    "body": "ARPLUMingCN-GB2312.ttf",
    "heading1": "WenQuanYiZenHei-GB2312.ttf",
    "heading2": "ARPLUKaiCN-GB2312.ttf",
    "page_number": "ARPLUMingCN-GB2312.ttf",
}
BUNDLED_FAMILIES = {
    "ARPLUMingCN-GB2312.ttf": "AR PL UMing CN",
    "ARPLUKaiCN-GB2312.ttf": "AR PL UKai CN",
    "WenQuanYiZenHei-GB2312.ttf": "WenQuanYi Zen Hei",
}


@dataclass(frozen=True)
class _RoleSpec:
    official: tuple[str, ...]
    # (family, emulate bold) in order of preference after the official font.
    substitutes: tuple[tuple[str, bool], ...]
    bold_bundled: bool = False


_SONG = ("AR PL UMing CN", "AR PL SungtiL GB", "AR PL UMing TW", "AR PL Mingti2L Big5")
_SPECS: dict[FontRole, _RoleSpec] = {
    "title": _RoleSpec(
        official=(
            "方正小标宋简体",
            "方正小标宋_GBK",
            "方正小标宋",
            "FZXiaoBiaoSong-B05S",
            "FZXiaoBiaoSong-B05",
        ),
        substitutes=(
            ("华文中宋", False),
            ("STZhongsong", False),
            ("宋体", True),
            ("SimSun", True),
            *((name, True) for name in _SONG),
        ),
        bold_bundled=True,
    ),
    "body": _RoleSpec(
        official=("仿宋_GB2312", "仿宋GB2312", "FangSong_GB2312", "FangSongGB2312"),
        substitutes=(
            ("仿宋", False),
            ("FangSong", False),
            ("华文仿宋", False),
            ("STFangsong", False),
            *((name, False) for name in _SONG),
            ("宋体", False),
            ("SimSun", False),
        ),
    ),
    "heading1": _RoleSpec(
        official=("黑体", "SimHei"),
        substitutes=(
            ("华文黑体", False),
            ("STHeiti", False),
            ("WenQuanYi Zen Hei", False),
            ("WenQuanYi Micro Hei", False),
            ("Droid Sans Fallback", False),
        ),
    ),
    "heading2": _RoleSpec(
        official=("楷体_GB2312", "楷体GB2312", "KaiTi_GB2312", "KaiTiGB2312"),
        substitutes=(
            ("楷体", False),
            ("KaiTi", False),
            ("华文楷体", False),
            ("STKaiti", False),
            ("AR PL UKai CN", False),
            ("AR PL KaitiM GB", False),
            ("LXGW WenKai", False),
            ("霞鹜文楷", False),
        ),
    ),
    "page_number": _RoleSpec(
        official=("宋体", "SimSun"),
        substitutes=(
            ("新宋体", False),
            ("NSimSun", False),
            *((name, False) for name in _SONG),
        ),
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


def face_info(path: Path, index: int = 0) -> FaceInfo | None:
    faces = read_faces(path)
    return faces[index] if 0 <= index < len(faces) else None


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

    def add(self, face: FontFace, names: Iterable[str]) -> None:
        for name in names:
            self.by_name.setdefault(_norm(name), []).append(face)
        self.cjk.append(face)

    def usable(self, face: FontFace) -> bool:
        if face.key not in self.checked:
            info = face_info(face.path, face.index)
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


def _windows_faces(dirs: Iterable[Path]) -> Iterator[tuple[FontFace, tuple[str, ...]]]:
    for folder in dirs:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for path in entries:
            if path.suffix.lower() not in (".ttf", ".ttc", ".otf"):
                continue
            try:
                if path.stat().st_size < _MIN_CJK_FILE:
                    continue
            except OSError:
                continue
            for info in read_faces(path):
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


def resolve_fonts() -> FontSet:
    """The fonts of this computer, found once per process (see the module notes)."""
    return _resolve_cached()


@functools.lru_cache(maxsize=1)
def _resolve_cached() -> FontSet:
    windows = windows_font_dirs() if sys.platform == "win32" else []
    return find_fonts(
        windows_dirs=windows,
        fontconfig=fc_list_output() if sys.platform != "win32" else "",
        bundled_dir=bundled_fonts_dir(),
    )


def clear_cache() -> None:
    """Forget the search (after the user installs a font)."""
    _resolve_cached.cache_clear()


def find_fonts(
    *,
    windows_dirs: Iterable[Path] = (),
    fontconfig: str = "",
    bundled_dir: Path | None = None,
) -> FontSet:
    """The search itself, with its inputs explicit (tests pass their own)."""
    catalogue = _Catalogue()
    for face, names in _windows_faces(windows_dirs):
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
    for name, bold in spec.substitutes:
        face = catalogue.find(name)
        if face:
            return FontChoice(role, official, face, substitute=True, emulate_bold=bold)
    own = bundled.get(BUNDLED_FILES[role])
    if own:
        return FontChoice(role, official, own, substitute=True, emulate_bold=spec.bold_bundled)
    for face in [*bundled.values(), *catalogue.cjk]:
        if catalogue.usable(face):
            return FontChoice(role, official, face, substitute=True)
    raise UserError(
        f"没有找到可以嵌入 PDF 的中文字体"
        f"（{ROLE_LABELS[role]}需要 {official} 或其他 TrueType 字体）。",
        hint="请安装仿宋_GB2312、黑体、楷体等字体，或重新安装本程序以恢复附带的字体。",
    )
