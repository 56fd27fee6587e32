"""Writing output files safely, and file names Windows and FAT32 USB sticks accept."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
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
_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$", re.IGNORECASE)
MAX_NAME_LENGTH = 100


def safe_file_name(text: str, *, default: str = "未命名") -> str:
    """``text`` as a file name (without folder) that Windows and FAT32 accept.

    ``2020/8/28 支委会: 议题?`` → ``2020-8-28 支委会： 议题？``. Trailing dots and spaces go,
    reserved device names (CON, NUL, COM1 …) get a leading underscore, the result is at
    most 100 characters and never empty.
    """
    name = _CONTROL.sub("", text.translate(_REPLACEMENTS))
    name = re.sub(r"\s+", " ", name).strip().rstrip(". ")
    if len(name) > MAX_NAME_LENGTH:
        name = name[:MAX_NAME_LENGTH].rstrip(". ")
    if _RESERVED.match(name):
        name = "_" + name
    return name or default


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
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=".~" + path.stem[:20], suffix=".part", dir=folder
        )
    except OSError as exc:
        raise UserError(
            f"无法在文件夹“{folder}”中写入文件（{exc.strerror or exc}）。",
            hint="请检查 U 盘是否写保护、磁盘是否已满，或换一个文件夹。",
        ) from exc
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        try:
            os.replace(temp, path)
        except PermissionError as exc:
            raise UserError(
                f"文件“{path.name}”正被其他程序（如 Word、WPS）打开，无法覆盖。",
                hint="请先关闭该文件，或换一个文件名。",
            ) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
