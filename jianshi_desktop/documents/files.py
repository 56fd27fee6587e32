"""Writing output files safely, and file names Windows and FAT32 USB sticks accept."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from jianshi_desktop.errors import UserError

# Characters Windows (and FAT32/exFAT sticks) refuse, replaced by look-alikes a reader
# still understands; control characters are dropped.
_REPLACEMENTS = str.maketrans(
    {
        ":": "：",
        "?": "？",
        "*": "＊",
        '"': "＂",
        "<": "《",
        ">": "》",
        "|": "｜",
        "/": "-",
        "\\": "-",
    }
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Any run of whitespace but the full-width space U+3000, which is kept as it is.
_SPACES = re.compile(r"[^\S\u3000]+")
# Device names Windows reserves in every folder, with any extension and in any case
# ("con.docx", "NUL .txt"); the superscript digits count too.
_RESERVED = re.compile(
    r"^(CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9¹²³]|LPT[0-9¹²³]) *(\..*)?$", re.IGNORECASE
)
MAX_NAME_LENGTH = 100
# Linux file systems (ext4 on Kylin/UOS) take 255 bytes of UTF-8 per name, that is 85
# Chinese characters; 240 leaves room for an ending added later (".docx", "-2.pdf").
MAX_NAME_BYTES = 240
# Windows' MAX_PATH is 260 UTF-16 units including the final NUL. Word and WPS, and Windows
# without the long-path setting (the norm on school PCs), refuse anything longer.
MAX_PATH_LENGTH = 259
ON_WINDOWS = os.name == "nt"
_MIN_STEM = 8  # never shorten a name below this many characters (plus its mark)


def safe_file_name(text: str, *, default: str = "未命名") -> str:
    """``text`` as a file name (without folder) that Windows and FAT32 accept.

    ``2020/8/28 支委会: 议题?`` → ``2020-8-28 支委会： 议题？``. Line breaks and tabs become
    spaces, other control characters go, trailing dots and spaces go, reserved device names
    (CON, NUL, COM1 …, also ``con.docx``) get a leading underscore, full-width characters
    (、，：　) are kept as they are; the result is at most 100 characters and 240 bytes of
    UTF-8 (80 Chinese characters; a long name keeps its ending, such as ``.jpg``) and
    never empty.
    """
    name = _CONTROL.sub("", re.sub(r"[\t\n\r]", " ", text.translate(_REPLACEMENTS)))
    name = _SPACES.sub(" ", name).strip().rstrip(". ")
    if _RESERVED.match(name):
        name = "_" + name
    if len(name) > MAX_NAME_LENGTH or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        stem, suffix = _split_suffix(name)
        stem = stem[: MAX_NAME_LENGTH - len(suffix)]
        while len((stem + suffix).encode("utf-8")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        name = stem.rstrip(". ") + suffix
    return name or default


def path_length(path: Path | str) -> int:
    """The length Windows counts: UTF-16 code units (a rare CJK character may take two)."""
    return len(str(path).encode("utf-16-le")) // 2


def _split_suffix(name: str) -> tuple[str, str]:
    """``报送包.zip.enc`` → (``报送包``, ``.zip.enc``): short ASCII endings stay together."""
    match = re.search(r"((?:\.[A-Za-z0-9]{1,5}){1,2})$", name)
    if not match or match.start() == 0:
        return name, ""
    return name[: match.start()], match.group(1)


def shorten_name(name: str, length: int) -> str:
    """``name`` cut to at most ``length`` characters, the same way every time.

    The ending (``.docx``, ``.zip.enc``) is kept; a shortened stem ends in ``～`` and four
    characters from a hash of the whole name, so two long names that begin alike stay apart.
    """
    if path_length(name) <= length:
        return name
    stem, suffix = _split_suffix(name)
    mark = "～" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:4]
    room = length - path_length(suffix) - len(mark)
    if room < 1:
        raise ValueError(f"{name!r} cannot be shortened to {length} characters")
    cut = ""
    for char in stem:
        if path_length(cut + char) > room:
            break
        cut += char
    return cut.rstrip(". ") + mark + suffix


def fit_file_name(
    folder: Path, name: str, *, reserve: int = 0, limit: int = MAX_PATH_LENGTH
) -> str:
    """``name``, shortened when needed so that ``folder / name`` stays within Windows' limit.

    ``reserve`` is room kept for a longer temporary name beside it (``.name.part``). A
    folder so deep that not even a short name fits is a :class:`UserError`.
    """
    full = path_length(Path(folder).absolute() / name) + reserve
    if full <= limit:
        return name
    length = path_length(name) - (full - limit)
    _stem, suffix = _split_suffix(name)
    if length < _MIN_STEM + 5 + path_length(suffix):
        raise UserError(
            f"文件夹“{folder}”的路径太长，放不下文件“{name}”"
            f"（Windows 的完整路径最多 {limit} 个字符）。",
            hint="请选择层次浅一些的文件夹，例如 U 盘的根目录。",
        )
    return shorten_name(name, length)


def _new_temp_file(folder: Path, stem: str) -> Path:
    """An empty new file ``.~stem….part`` in ``folder``, with the permissions any new file
    gets there (0644 under the usual umask 022: readable by others, like a file saved from
    Word). :func:`tempfile.mkstemp` would make it 0600, and ``os.replace`` keeps that."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        name = f".~{stem[:20]}{secrets.token_hex(4)}.part"
        try:
            handle = os.open(folder / name, flags, 0o666)  # the umask applies
        except FileExistsError:
            continue
        os.close(handle)
        return folder / name
    raise FileExistsError(errno.EEXIST, "no unused temporary name", str(folder))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s folder; on success it replaces ``path``.

    The final name never holds a half-written file: on any error the temporary file is
    removed and the old file (if any) is left as it was. A file kept open by Word or WPS
    on Windows becomes a :class:`UserError` saying so.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise UserError(f"文件夹“{folder}”不存在。", hint="请选择一个已有的文件夹。")
    if ON_WINDOWS and path_length(path.absolute()) > MAX_PATH_LENGTH:
        raise UserError(
            f"文件“{path.name}”的完整路径有 {path_length(path.absolute())} 个字符，"
            f"超过了 Windows 允许的 {MAX_PATH_LENGTH} 个字符，Word、WPS 也无法打开。",
            hint="请选择层次浅一些的文件夹（例如 U 盘的根目录），或把文件名改短。",
        )
    try:
        temp = _new_temp_file(folder, path.stem)
    except OSError as exc:
        raise UserError(
            f"无法在文件夹“{folder}”中写入文件（{exc.strerror or exc}）。",
            hint="请检查 U 盘是否写保护、磁盘是否已满，或换一个文件夹。",
        ) from exc
    try:
        yield temp
        try:
            os.replace(temp, path)
        except PermissionError as exc:
            raise UserError(
                f"文件“{path.name}”正被其他程序（如 Word、WPS）打开，无法覆盖。",
                hint="请先关闭该文件，或换一个文件名。",
            ) from exc
        except OSError as exc:
            raise UserError(
                f"无法把文件“{path.name}”写入文件夹“{folder}”（{exc.strerror or exc}）。",
                hint="请检查 U 盘是否已拔出或写保护，或换一个文件夹、换一个文件名。",
            ) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
