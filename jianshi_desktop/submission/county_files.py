"""县局汇总: the documents inside a stored package (文书/….pdf), read by this program only
— never unpacked to disk, never handed to another program. A stored package was verified
when it was imported; it is read again through the same strict zip reader (bounded: a
member is never read past its declared size, nor past :data:`MAX_DOCUMENT`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from jianshi_desktop.errors import UserError
from jianshi_desktop.submission import crypto, zipcheck

DOCUMENTS_FOLDER = "文书/"
MAX_DOCUMENT = 64 << 20  # bytes of one PDF shown (a year's 台账 is a few MB)


class PasswordNeeded(UserError):
    """The stored package is encrypted and the password given does not open it."""


def _open(handle: BinaryIO, path: Path, password: str) -> tuple[BinaryIO, int]:
    """The zip to read (the decrypted view of an encrypted package) and its size."""
    magic = handle.read(len(crypto.MAGIC))
    handle.seek(0)
    if not magic.startswith(crypto.MAGIC_STEM):
        return handle, os.fstat(handle.fileno()).st_size
    if not password:
        raise PasswordNeeded(
            "这个报送包设置了密码。", hint="请输入这所学校告知的密码（程序不保存密码）。"
        )
    try:
        plain = crypto.open_decrypted(handle, password)
    except crypto.WrongPassword:
        raise PasswordNeeded(
            "密码不正确，打不开这个报送包。", hint="请核对密码（注意大小写）后再试。"
        ) from None
    except crypto.DamagedContainer:
        raise UserError(
            f"保存的报送包“{path.name}”已损坏，无法读取。", hint="请重新导入这所学校的报送包。"
        ) from None
    return plain, plain.seek(0, os.SEEK_END)


def _damaged(path: Path, detail: str) -> UserError:
    return UserError(
        f"保存的报送包“{path.name}”读不出来（{detail}）。",
        hint="请重新导入这所学校的报送包。",
    )


def package_documents(path: Path, *, password: str = "") -> list[str]:
    """The PDF documents in the stored package at ``path`` (paths inside it, in order)."""
    try:
        with path.open("rb") as handle:
            zipped, size = _open(handle, path, password)
            directory = zipcheck.read_directory(zipped, size, path.name)
    except zipcheck.ZipProblem as exc:
        raise _damaged(path, str(exc)) from None
    except crypto.DamagedContainer:
        raise _damaged(path, "加密内容对不上") from None
    except OSError as exc:
        raise _damaged(path, exc.strerror or str(exc)) from None
    return sorted(
        m.name
        for m in directory.members
        if not m.is_dir and m.name.startswith(DOCUMENTS_FOLDER) and m.name.lower().endswith(".pdf")
    )


def read_document(path: Path, name: str, *, password: str = "") -> bytes:
    """The bytes of the document ``name`` of the stored package at ``path``: checked as
    it is read (size, CRC), at most :data:`MAX_DOCUMENT`."""
    if not name.startswith(DOCUMENTS_FOLDER) or not name.lower().endswith(".pdf"):
        raise UserError("只能在程序里查看报送包“文书”中的 PDF 文件。")
    try:
        with path.open("rb") as handle:
            zipped, size = _open(handle, path, password)
            directory = zipcheck.read_directory(zipped, size, path.name)
            member = next((m for m in directory.members if m.name == name), None)
            if member is None or member.is_dir:
                raise UserError(f"报送包里没有“{name}”。")
            if member.size > MAX_DOCUMENT:
                raise UserError(
                    f"“{name}”太大（{member.size // (1 << 20)} MB），程序不显示。",
                    hint="请向这所学校要一份纸质件或较小的文件。",
                )
            return b"".join(zipcheck.read_member(zipped, member))
    except zipcheck.ZipProblem as exc:
        raise _damaged(path, str(exc)) from None
    except zipcheck.MemberProblem as exc:
        raise _damaged(path, str(exc)) from None
    except crypto.DamagedContainer:
        raise _damaged(path, "加密内容对不上") from None
    except OSError as exc:
        raise _damaged(path, exc.strerror or str(exc)) from None
