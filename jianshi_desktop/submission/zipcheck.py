"""A strict reader of the zip structure of a package, from raw bytes.

``zipfile`` is forgiving: it opens a zip with junk before or after it, keeps only the last
of two members with the same name, ignores a local header that disagrees with the central
directory and does not say whether an entry is a symbolic link. A package from a stranger
is read here instead: the end record, the central directory and every local header are
parsed with :mod:`struct`, and anything our exporter never writes is refused with a plain
message (:class:`ZipProblem`). Member data is read as a stream (:func:`read_member`): at
most one chunk in memory, and never more output than the size the directory declares.
"""

from __future__ import annotations

import functools
import re
import stat
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1 << 20
MAX_ENTRIES = 65_535
MAX_DIRECTORY = 16 << 20  # bytes of central directory (20000 files: about 3 MB)
MAX_COMPONENT_BYTES = 255
MAX_NAME_BYTES = 1024  # a whole path (the exporter: at most 180 characters)
MAX_LEVELS = 16
STORED, DEFLATED = 0, 8
FLAG_ENCRYPTED = 0x0001
FLAG_DESCRIPTOR = 0x0008
FLAG_UTF8 = 0x0800
ALLOWED_FLAGS = FLAG_UTF8 | FLAG_DESCRIPTOR | 0x0006  # 0x0006: deflate level hints
DOS_DIRECTORY = 0x10
WINDOWS_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in "123456789¹²³"),
    *(f"LPT{i}" for i in "123456789¹²³"),
}  # fmt: skip
WINDOWS_FORBIDDEN = set('<>:"|?*\\')
CONTROL = re.compile("[\x00-\x1f\x7f]")

_END = struct.Struct("<4s4H2LH")
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_LOCAL = struct.Struct("<4s5H3L2H")
SIG_END, SIG_END64, SIG_LOCATOR = b"PK\x05\x06", b"PK\x06\x06", b"PK\x06\x07"
SIG_CENTRAL, SIG_LOCAL, SIG_DESCRIPTOR = b"PK\x01\x02", b"PK\x03\x04", b"PK\x07\x08"
AGAIN = "请向报送方重新要一份报送包。"


class ZipProblem(Exception):
    """The package's zip structure is not one our exporter writes; ``str()`` says why."""


@dataclass
class Member:
    name: str
    raw_name: bytes
    method: int
    flags: int
    crc: int
    compressed: int
    size: int
    offset: int  # of the local header
    is_dir: bool
    stamp: tuple[int, int, int] = (0, 0, 0)  # version needed, time, date: as in the local header
    data_offset: int = 0


@dataclass
class Directory:
    members: list[Member]
    problems: list[str]  # names and entry types: all of them, not just the first


def _incomplete(label: str, detail: str) -> ZipProblem:
    return ZipProblem(f"“{label}”不是完整的报送包（{detail}），无法使用。{AGAIN}")


def _damaged(label: str, detail: str) -> ZipProblem:
    return ZipProblem(f"“{label}”的 zip 结构已损坏或被改动（{detail}），无法使用。{AGAIN}")


def _read_exact(handle: BinaryIO, offset: int, size: int) -> bytes:
    handle.seek(offset)
    data = handle.read(size)
    return data if len(data) == size else b""


def read_directory(handle: BinaryIO, file_size: int, label: str) -> Directory:
    """Parse and cross-check the whole structure; :class:`ZipProblem` on the first fault."""
    end_offset = file_size - _END.size
    end = _read_exact(handle, end_offset, _END.size) if end_offset >= 0 else b""
    if not end or end[:4] != SIG_END:
        raise _tail_problem(handle, file_size, label)
    _sig, disk, cd_disk, disk_entries, entries, cd_size, cd_offset, comment = _END.unpack(end)
    if comment:
        raise _incomplete(label, "末尾带有 zip 注释或多余的数据")
    if disk or cd_disk or disk_entries != entries:
        raise _damaged(label, "分卷压缩的 zip，本程序不支持")
    cd_end = end_offset
    if entries == 0xFFFF or cd_size == 0xFFFFFFFF or cd_offset == 0xFFFFFFFF:
        entries, cd_size, cd_offset, cd_end = _zip64_end(handle, end_offset, label)
    if entries > MAX_ENTRIES or cd_size > MAX_DIRECTORY:
        raise _damaged(label, f"文件数超过 {MAX_ENTRIES} 个或目录过大")
    if cd_offset + cd_size != cd_end:
        if cd_offset + cd_size < cd_end:
            raise _incomplete(label, "zip 的开头或中间有多余的数据")
        raise _damaged(label, "中央目录的位置不对")
    members = _central(handle, cd_offset, cd_size, entries, label)
    problems = _name_problems(members)
    _local_headers(handle, members, cd_offset, label)
    return Directory(members, problems)


def _tail_problem(handle: BinaryIO, file_size: int, label: str) -> ZipProblem:
    """No end record at the very end: cut off, trailing bytes, a comment, or no zip at all."""
    window = min(file_size, (1 << 16) + _END.size + 1024)
    base = file_size - window
    handle.seek(base)
    tail = handle.read(window)
    at = tail.rfind(SIG_END)
    while at >= 0:
        if at + _END.size <= len(tail):
            fields = _END.unpack_from(tail, at)
            cd_size, cd_offset, comment = fields[5], fields[6], fields[7]
            if cd_offset + cd_size == base + at:  # a real end record, then more bytes
                if at + _END.size + comment == len(tail):
                    return _incomplete(label, "末尾带有 zip 注释")
                return _incomplete(label, "zip 的结尾之后还有多余的数据")
        at = tail.rfind(SIG_END, 0, at)
    return _incomplete(label, "文件不完整、被截断或不是 zip 文件")


def _zip64_end(handle: BinaryIO, end_offset: int, label: str) -> tuple[int, int, int, int]:
    locator_offset = end_offset - _END64_LOCATOR.size
    raw = _read_exact(handle, locator_offset, _END64_LOCATOR.size) if locator_offset > 0 else b""
    if not raw or raw[:4] != SIG_LOCATOR:
        raise _damaged(label, "ZIP64 结尾记录缺失")
    _sig, disk, end64_offset, disks = _END64_LOCATOR.unpack(raw)
    if disk != 0 or disks != 1 or end64_offset + _END64.size != locator_offset:
        raise _damaged(label, "ZIP64 结尾记录的位置不对")
    raw = _read_exact(handle, end64_offset, _END64.size)
    if not raw or raw[:4] != SIG_END64:
        raise _damaged(label, "ZIP64 结尾记录已损坏")
    fields = _END64.unpack(raw)
    record_size, disk, cd_disk, disk_entries, entries, cd_size, cd_offset = (
        fields[1], fields[4], fields[5], fields[6], fields[7], fields[8], fields[9]
    )  # fmt: skip
    if record_size != _END64.size - 12 or disk or cd_disk or disk_entries != entries:
        raise _damaged(label, "ZIP64 结尾记录已损坏")
    return entries, cd_size, cd_offset, end64_offset


def _extra_fields(extra: bytes, label: str) -> dict[int, bytes]:
    fields: dict[int, bytes] = {}
    at = 0
    while at < len(extra):
        if at + 4 > len(extra):
            raise _damaged(label, "附加字段不完整")
        kind, size = struct.unpack_from("<2H", extra, at)
        if at + 4 + size > len(extra) or kind in fields:
            raise _damaged(label, "附加字段不完整或重复")
        fields[kind] = extra[at + 4 : at + 4 + size]
        at += 4 + size
    return fields


def _zip64_values(
    extra: dict[int, bytes], wanted: list[bool], label: str, *, local: bool = False
) -> list[int]:
    """The 8-byte values of the ZIP64 field for those of (size, compressed, offset) wanted."""
    data = extra.get(1, b"")
    count = sum(wanted)
    if local and data and len(data) >= 16:
        count = 2  # a local ZIP64 field holds both sizes
    if len(data) < 8 * count:
        raise _damaged(label, "ZIP64 附加字段不完整")
    return list(struct.unpack_from(f"<{count}Q", data)) if count else []


def _decode_name(raw: bytes, flags: int) -> str | None:
    if flags & FLAG_UTF8:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        return None  # our exporter marks every non-ASCII name as UTF-8


def _central(
    handle: BinaryIO, cd_offset: int, cd_size: int, entries: int, label: str
) -> list[Member]:
    handle.seek(cd_offset)
    members: list[Member] = []
    consumed = 0
    for _ in range(entries):
        raw = handle.read(_CENTRAL.size)
        if len(raw) < _CENTRAL.size or raw[:4] != SIG_CENTRAL:
            raise _damaged(label, "中央目录已损坏")
        (
            _sig, made_by, needed, flags, method, time, date, crc, compressed, size,
            name_len, extra_len, comment_len, disk, internal, external, offset,
        ) = _CENTRAL.unpack(raw)  # fmt: skip
        variable = handle.read(name_len + extra_len + comment_len)
        consumed += _CENTRAL.size + len(variable)
        if len(variable) < name_len + extra_len + comment_len or consumed > cd_size:
            raise _damaged(label, "中央目录已损坏")
        raw_name = variable[:name_len]
        extra = _extra_fields(variable[name_len : name_len + extra_len], label)
        if comment_len:
            raise _damaged(label, "文件带有注释，本程序生成的报送包没有注释")
        wanted = [size == 0xFFFFFFFF, compressed == 0xFFFFFFFF, offset == 0xFFFFFFFF]
        values = iter(_zip64_values(extra, wanted, label))
        size = next(values) if wanted[0] else size
        compressed = next(values) if wanted[1] else compressed
        offset = next(values) if wanted[2] else offset
        if disk not in (0, 0xFFFF):
            raise _damaged(label, "分卷压缩的 zip，本程序不支持")
        name = _decode_name(raw_name, flags)
        shown = (
            name
            if name is not None and len(name) <= 120 and name.isprintable()
            else _printable(name if name is not None else raw_name.decode("utf-8", "replace"))
        )
        if flags & (FLAG_ENCRYPTED | 0x0040 | 0x2000):
            raise ZipProblem(
                f"报送包中的“{shown}”用旧式 zip 加密（ZipCrypto 等）保护，本程序不支持这种加密，"
                f"已拒绝。本程序生成的报送包有自己的加密方式，{AGAIN}"
            )
        if flags & ~ALLOWED_FLAGS:
            raise ZipProblem(
                f"报送包中的“{shown}”使用了本程序不支持的 zip 功能（标志 0x{flags:04x}），"
                f"已拒绝。{AGAIN}"
            )
        if method not in (STORED, DEFLATED):
            raise ZipProblem(
                f"报送包中的“{shown}”使用了本程序不支持的压缩方式（编号 {method}；"
                f"只支持“存储”和“deflate”），已拒绝。{AGAIN}"
            )
        if method == STORED and compressed != size:
            raise _damaged(label, f"“{shown}”的大小前后不一致")
        # Fields only the directory holds are as our exporter (Python's zipfile) writes them,
        # so that no byte of the package goes unchecked but the permission bits.
        if made_by & 0xFF != needed or made_by >> 8 not in (0, 3) or internal:
            raise _damaged(label, f"“{shown}”的目录记录不是本程序写的格式")
        kind = _entry_kind(made_by, external, raw_name)
        if kind is None:
            raise ZipProblem(
                f"报送包中的“{shown}”不是普通的文件或文件夹（例如符号链接或设备文件），"
                f"已拒绝，未写出任何文件。{AGAIN}"
            )
        if kind == "dir" and size != 0:
            raise _damaged(label, f"文件夹“{shown}”带有内容")
        members.append(
            Member(
                name=name if name is not None else "\0" + shown,  # \0: refused as unsafe
                raw_name=raw_name,
                method=method,
                flags=flags,
                crc=crc,
                compressed=compressed,
                size=size,
                offset=offset,
                is_dir=kind == "dir",
                stamp=(needed, time, date),
            )
        )
    if consumed != cd_size:
        raise _damaged(label, "中央目录的大小不对")
    return members


def _entry_kind(made_by: int, external: int, raw_name: bytes) -> str | None:
    """ "file", "dir", or None for anything else (a link, a device, a pipe)."""
    slash = raw_name.endswith(b"/")
    if external & 0xFFFF not in ((0, DOS_DIRECTORY) if slash else (0,)):
        return None  # DOS attributes: a link (reparse point), hidden, system …
    if made_by >> 8 == 3:  # Unix: the mode is in the high 16 bits
        kind = stat.S_IFMT(external >> 16)
        if kind == stat.S_IFDIR:
            return "dir" if slash else None
        if kind not in (0, stat.S_IFREG):
            return None
        if kind == stat.S_IFREG and slash:
            return None
    if external & DOS_DIRECTORY and not slash:
        return None
    return "dir" if slash else "file"


def _printable(name: str) -> str:
    return "".join(c if c.isprintable() else "�" for c in name[:120])


@functools.lru_cache(maxsize=4096)  # every package of a county repeats the same names
def unsafe_reason(name: str) -> str | None:
    """Why ``name`` cannot be written as it is on Windows or Linux, or None."""
    if not name or "\0" in name:
        return "含有空字符"
    if name.startswith(("/", "\\")):
        return "是绝对路径"
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        return "带有盘符"
    if "\\" in name:
        return "含有反斜杠"
    parts = name[:-1].split("/") if name.endswith("/") else name.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            return "试图写到文件夹之外" if part == ".." else "含有空的或“.”路径"
        if CONTROL.search(part):
            return "含有控制字符"
        if WINDOWS_FORBIDDEN & set(part):
            return '含有 Windows 不允许的字符（< > : " | ? *）'
        if part.endswith((".", " ")):
            return "以点或空格结尾，Windows 上会变成另一个名称"
        if part.split(".")[0].rstrip(" ").upper() in WINDOWS_RESERVED:
            return f"“{part}”是 Windows 的设备名"
        if len(part.encode("utf-8")) > MAX_COMPONENT_BYTES:
            return f"其中一段超过 {MAX_COMPONENT_BYTES} 字节"
    if len(parts) > MAX_LEVELS or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"路径太长（超过 {MAX_NAME_BYTES} 字节或 {MAX_LEVELS} 层）"
    return None


def _shown(name: str) -> str:
    text = "".join(c if c.isprintable() else "�" for c in name.lstrip("\0"))
    return text if len(text) <= 80 else text[:77] + "…"


def _name_problems(members: list[Member], limit: int = 20) -> list[str]:
    problems: list[str] = []
    seen: dict[str, str] = {}
    files: set[str] = set()
    folders: set[str] = set()
    for member in members:
        reason = unsafe_reason(member.name)
        if reason is not None:
            problems.append(
                f"报送包中有不安全的文件名“{_shown(member.name)}”（{reason}），已拒绝，"
                f"未写出任何文件。{AGAIN}"
            )
            continue
        path = member.name.rstrip("/")
        key = unicodedata.normalize("NFC", path).casefold()
        if key in seen:
            same = seen[key] == path
            problems.append(
                f"报送包中有两个同名的文件“{_shown(path)}”"
                + ("" if same else f"和“{_shown(seen[key])}”（只差大小写，Windows 上是同一个）")
                + f"，不知道哪个是真的，已拒绝。{AGAIN}"
            )
            continue
        seen[key] = path
        (folders if member.is_dir else files).add(key)
        parts = key.split("/")
        folders.update("/".join(parts[:i]) for i in range(1, len(parts)))
        if len(problems) >= limit:
            break
    for clash in sorted(files & folders)[:limit]:
        problems.append(f"报送包中的“{_shown(seen[clash])}”既是文件又是文件夹，已拒绝。{AGAIN}")
    return problems[:limit]


def _local_headers(handle: BinaryIO, members: list[Member], cd_offset: int, label: str) -> None:
    """Each local header agrees with the directory; members follow one another from byte 0
    to the directory without a gap, a prefix or an overlap."""
    expected = 0
    for member in sorted(members, key=lambda m: m.offset):
        if member.offset != expected:
            if member.offset > expected:
                raise _incomplete(label, "zip 的开头或文件之间有多余的数据")
            raise _damaged(label, "文件在 zip 中相互重叠（疑似压缩炸弹）")
        raw = _read_exact(handle, member.offset, _LOCAL.size)
        if not raw or raw[:4] != SIG_LOCAL:
            raise _damaged(label, f"“{_shown(member.name)}”的文件头已损坏")
        (
            _sig, needed, flags, method, time, date, crc, compressed, size, name_len, extra_len,
        ) = _LOCAL.unpack(raw)  # fmt: skip
        variable = handle.read(name_len + extra_len)
        if len(variable) < name_len + extra_len:
            raise _incomplete(label, "文件被截断")
        if variable[:name_len] != member.raw_name or flags != member.flags:
            raise _damaged(label, f"“{_shown(member.name)}”的文件头与目录不一致")
        if method != member.method or (needed, time, date) != member.stamp:
            raise _damaged(label, f"“{_shown(member.name)}”的文件头与目录不一致")
        extra = _extra_fields(variable[name_len:], label)
        if not flags & FLAG_DESCRIPTOR:
            if size == 0xFFFFFFFF or compressed == 0xFFFFFFFF:
                # a local ZIP64 field holds both sizes, so both header fields say so
                # (APPNOTE 4.5.3): one changed alone would otherwise go unnoticed
                if (size, compressed) != (0xFFFFFFFF, 0xFFFFFFFF):
                    raise _damaged(label, f"“{_shown(member.name)}”的文件头与目录不一致")
                values = _zip64_values(extra, [True, True], label, local=True)
                size, compressed = values[0], values[1]
            if (crc, compressed, size) != (member.crc, member.compressed, member.size):
                raise _damaged(label, f"“{_shown(member.name)}”的文件头与目录不一致")
        member.data_offset = member.offset + _LOCAL.size + name_len + extra_len
        expected = member.data_offset + member.compressed
        if flags & FLAG_DESCRIPTOR:
            expected += _descriptor_size(handle, expected, member, label)
        if expected > cd_offset:
            raise _damaged(label, f"“{_shown(member.name)}”超出了文件的范围")
    if expected != cd_offset:
        raise _incomplete(label, "文件之间有多余的数据")


def _descriptor_size(handle: BinaryIO, offset: int, member: Member, label: str) -> int:
    raw = _read_exact(handle, offset, 24) or _read_exact(handle, offset, 16)
    for has_sig in (True, False):
        start = 4 if has_sig else 0
        if has_sig and raw[:4] != SIG_DESCRIPTOR:
            continue
        for fmt in ("<3L", "<LQQ"):
            width = struct.calcsize(fmt)
            if len(raw) < start + width:
                continue
            if struct.unpack_from(fmt, raw, start) == (member.crc, member.compressed, member.size):
                return start + width
    raise _damaged(label, f"“{_shown(member.name)}”的数据描述与目录不一致")


class MemberProblem(Exception):
    """A member's data is not what the directory says; ``str()`` says why, in Chinese."""


def read_member(
    handle: BinaryIO,
    member: Member,
    consumed: Callable[[int], None] | None = None,
    *,
    check_crc: bool = True,
) -> Iterator[bytes]:
    """The member's bytes, a chunk at a time: never more than its declared size (a bomb
    stops there), and the CRC, the size and the end of the deflate stream are checked
    (the CRC only with ``check_crc``: a caller that compares a SHA-256 of the bytes with a
    manifest's has no need of it)."""
    handle.seek(member.data_offset)
    remaining = member.compressed
    produced = 0
    crc = 0
    inflater = zlib.decompressobj(-15) if member.method == DEFLATED else None
    too_big = _Worded(
        lambda: (
            f"文件“{_shown(member.name)}”解压后比记录的大小（{member.size} 字节）大"
            f"（疑似“压缩炸弹”），已停止读取并拒绝。{AGAIN}"
        )
    )
    damaged = _Worded(lambda: f"文件“{_shown(member.name)}”已损坏，无法读取。{AGAIN}")
    try:
        while remaining:
            data = handle.read(min(CHUNK, remaining))
            if not data:
                raise damaged
            remaining -= len(data)
            if consumed:
                consumed(len(data))
            if inflater is None:
                pieces: Iterator[bytes] = iter((data,))
            else:
                pieces = _inflate(inflater, data, member.size - produced)
            for piece in pieces:
                produced += len(piece)
                if produced > member.size:
                    raise too_big
                if check_crc:
                    crc = zlib.crc32(piece, crc)
                yield piece
        if inflater is not None:
            if not inflater.eof or inflater.unused_data:
                raise damaged
            if inflater.flush():
                raise too_big
    except zlib.error:
        raise damaged from None
    if produced != member.size:
        shown = _shown(member.name)
        raise MemberProblem(f"文件“{shown}”的实际大小与记录的大小不符，已损坏或被改动。{AGAIN}")
    if check_crc and crc != member.crc:
        raise MemberProblem(f"文件“{_shown(member.name)}”内容对不上，已损坏或被改动。{AGAIN}")


class _Worded(MemberProblem):
    """A problem worded only when it is shown (a package has thousands of members, and
    wording each one's possible problems beforehand cost more than reading it)."""

    def __init__(self, words: Callable[[], str]) -> None:
        super().__init__()
        self.words = words

    def __str__(self) -> str:
        return self.words()


def _inflate(inflater: zlib._Decompress, data: bytes, room: int) -> Iterator[bytes]:
    """Inflate ``data`` in pieces of at most a chunk, stopping just past ``room`` bytes."""
    while data:
        if inflater.eof:
            raise zlib.error("data after the end of the stream")
        piece = inflater.decompress(data, min(CHUNK, max(room, 0) + 1))
        if not piece and len(inflater.unconsumed_tail) == len(data):
            raise zlib.error("no progress")
        data = inflater.unconsumed_tail
        room -= len(piece)
        yield piece
        if room < 0:
            return
