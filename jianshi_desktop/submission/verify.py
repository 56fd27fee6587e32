"""Reading a package: check it before anything of it is believed or written anywhere.

Checks, each named in a clear message: password (when protected), a complete zip, names
that stay inside the folder (no ``../``, no absolute paths, no drive letters), a size
that is not a zip bomb, the manifest and its schema version, and the SHA-256 and size of
every file — nothing missing, nothing extra. Nothing is extracted: files are read from
the archive in memory. The county side builds on this reader.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jianshi_desktop.submission import crypto

FORMAT = "jianshi-submission"
SCHEMA_VERSION = 1
SUPPORTED_SCHEMAS = {1}
MAX_TOTAL = 4 << 30  # 4 GB unpacked
MAX_RATIO = 200  # unpacked / packed, for one member larger than 1 MB
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class VerifyReport:
    path: Path
    ok: bool = False
    encrypted: bool = False
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    files: list[dict[str, Any]] = field(default_factory=list)

    def fail(self, message: str) -> VerifyReport:
        self.problems.append(message)
        self.ok = False
        return self

    def summary(self) -> dict[str, Any]:
        manifest = self.manifest or {}
        return {
            "ok": self.ok,
            "file": str(self.path),
            "encrypted": self.encrypted,
            "problems": self.problems,
            "branch": manifest.get("branch"),
            "period": manifest.get("period"),
            "created_at": manifest.get("created_at"),
            "app_version": manifest.get("app_version"),
            "files": self.files,
        }


def unsafe_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or _DRIVE.match(name) or "\\" in name:
        return True
    return any(part in ("..", "") for part in name.rstrip("/").split("/"))


def _open_bytes(path: Path, password: str, report: VerifyReport) -> bytes | None:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.fail(f"无法读取文件“{path}”（{exc.strerror or exc}）。请确认U盘已插好、文件还在。")
        return None
    if raw[: len(crypto.MAGIC)] != crypto.MAGIC:
        return raw
    report.encrypted = True
    if not password:
        report.fail("这个报送包设置了密码，请输入密码后再校验。")
        return None
    plain = io.BytesIO()
    try:
        crypto.decrypt_file(io.BytesIO(raw), plain, password)
    except crypto.WrongPassword:
        report.fail("密码不正确，无法打开这个报送包。请核对密码（注意大小写）后再试。")
        return None
    except crypto.DamagedContainer:
        report.fail("加密的报送包不完整或已被改动（可能没有写完、被截断或损坏），无法使用。")
        return None
    return plain.getvalue()


def verify_package(path: Path, *, password: str = "") -> VerifyReport:
    report = VerifyReport(path=path)
    if not path.is_file():
        return report.fail(f"找不到文件“{path}”。")
    data = _open_bytes(path, password, report)
    if data is None:
        return report
    # Our packages carry no zip comment: the end record must close the file. Without this
    # check a cut-off package could open as the last .docx inside it (itself a zip).
    if data[-22:-18] != b"PK\x05\x06":
        return report.fail(
            f"“{path.name}”不是完整的报送包（文件不完整、被截断或不是 zip 文件），无法使用。"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return report.fail(
            f"“{path.name}”不是完整的报送包（文件不完整、被截断或不是 zip 文件），无法使用。"
        )
    with archive:
        infos = archive.infolist()
        for info in infos:
            if unsafe_name(info.filename):
                report.fail(
                    f"报送包中有不安全的文件名“{info.filename}”（试图写到文件夹之外），已拒绝，未写出任何文件。"
                )
        total = sum(info.file_size for info in infos)
        bomb = total > MAX_TOTAL or any(
            info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            for info in infos
        )
        if bomb:
            report.fail(
                "报送包解压后的大小远超文件本身（疑似“压缩炸弹”），已拒绝，未写出任何文件。"
            )
        if report.problems:
            return report
        manifest = _manifest(archive, report)
        if manifest is None:
            return report
        report.manifest = manifest
        _check_files(archive, manifest, report)
    report.ok = not report.problems
    return report


def _manifest(archive: zipfile.ZipFile, report: VerifyReport) -> dict[str, Any] | None:
    try:
        raw = archive.read("manifest.json")
    except KeyError:
        report.fail("报送包中没有清单文件 manifest.json，不是本程序生成的报送包。")
        return None
    except (zipfile.BadZipFile, OSError):
        report.fail("报送包中的清单文件已损坏。")
        return None
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        report.fail("报送包中的清单文件 manifest.json 无法读取（格式错误）。")
        return None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        report.fail("清单文件不是本程序的报送包清单。")
        return None
    version = manifest.get("schema_version")
    if version not in SUPPORTED_SCHEMAS:
        report.fail(
            f"报送包的数据版本是 {version}，本程序只认识版本 "
            f"{'、'.join(map(str, sorted(SUPPORTED_SCHEMAS)))}。请用最新版本的程序打开。"
        )
        return None
    if not isinstance(manifest.get("files"), list):
        report.fail("清单文件缺少文件列表。")
        return None
    return manifest


def _check_files(archive: zipfile.ZipFile, manifest: dict[str, Any], report: VerifyReport) -> None:
    listed = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not {"path", "sha256", "size"} <= entry.keys():
            report.fail("清单文件中的文件记录格式不对。")
            return
        listed[entry["path"]] = entry
    present = {info.filename for info in archive.infolist() if not info.is_dir()} - {
        "manifest.json"
    }
    for name in sorted(present - listed.keys()):
        report.fail(f"报送包中多出了清单上没有的文件“{name}”，可能被改动过。")
    for name, entry in listed.items():
        if name not in present:
            report.fail(f"清单上的文件“{name}”不在报送包中。")
            continue
        digest = hashlib.sha256()
        size = 0
        try:
            with archive.open(name) as member:
                while chunk := member.read(1 << 20):
                    digest.update(chunk)
                    size += len(chunk)
        except (zipfile.BadZipFile, OSError, EOFError):
            report.fail(f"文件“{name}”已损坏，无法读取。")
            continue
        if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
            report.fail(f"文件“{name}”与清单不符（内容被改动或损坏）。")
            continue
        report.files.append({"path": name, "size": size, "sha256": entry["sha256"]})
    if "数据/records.json" in listed and not report.problems:
        records = json.loads(archive.read("数据/records.json").decode("utf-8"))
        if records.get("schema_version") not in SUPPORTED_SCHEMAS:
            report.fail(f"记录数据的版本 {records.get('schema_version')} 本程序不认识。")
