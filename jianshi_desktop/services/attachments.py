"""Attachments kept in the data folder under their SHA-256 (content-addressed).

A file the secretary picks is copied in at once — never referenced at its original
path, which may be a USB stick that is gone tomorrow. The same photo added twice is
stored once. Copies go to a temporary name first and are renamed when complete.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.errors import UserError

CHUNK = 1 << 20
MAX_SIZE = 200 * 1024 * 1024  # a 200 MB file is not a scanned sign-in sheet


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    file_name: str
    media_type: str


@dataclass(frozen=True)
class AttachmentEntry:
    """An attachment as a form holds it: a stored file plus what it is."""

    sha256: str
    size: int
    file_name: str
    media_type: str = "application/octet-stream"
    kind: AttachmentKind = AttachmentKind.OTHER
    caption: str = ""


def blob_path(attachments_dir: Path, sha256: str) -> Path:
    return attachments_dir / sha256[:2] / sha256


def guess_kind(file_name: str) -> AttachmentKind:
    media = mimetypes.guess_type(file_name)[0] or ""
    if "签到" in file_name:
        return AttachmentKind.SIGN_IN
    if "通知" in file_name:
        return AttachmentKind.NOTICE
    if "决议" in file_name:
        return AttachmentKind.RESOLUTION
    if media.startswith("image/"):
        return AttachmentKind.PHOTO
    return AttachmentKind.OTHER


def store_file(attachments_dir: Path, source: Path) -> StoredFile:
    """Copy ``source`` into the store (once per content) and describe it."""
    if not source.is_file():
        raise UserError(f"“{source}”不是文件或已不存在，请重新选择。")
    size = source.stat().st_size
    if size > MAX_SIZE:
        raise UserError(
            f"文件“{source.name}”有{size // (1024 * 1024)} MB，太大了。",
            hint="请压缩或缩小后再添加（不超过200 MB）。",
        )
    partial = attachments_dir / f".incoming-{os.getpid()}.part"
    try:
        attachments_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with source.open("rb") as reader, partial.open("wb") as writer:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        sha256 = digest.hexdigest()
        target = blob_path(attachments_dir, sha256)
        if target.is_file() and target.stat().st_size == size:
            partial.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(
            f"无法复制文件“{source.name}”（{exc.strerror or exc}）。",
            hint="请确认文件还在、U盘没有拔出，数据文件夹所在磁盘还有空间。",
        ) from exc
    media = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    return StoredFile(sha256=sha256, size=size, file_name=source.name, media_type=media)


def entry_for(attachments_dir: Path, source: Path, *, caption: str = "") -> AttachmentEntry:
    stored = store_file(attachments_dir, source)
    return AttachmentEntry(
        sha256=stored.sha256,
        size=stored.size,
        file_name=stored.file_name,
        media_type=stored.media_type,
        kind=guess_kind(stored.file_name),
        caption=caption,
    )
