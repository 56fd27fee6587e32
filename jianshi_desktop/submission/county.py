"""县局汇总: import packages into a county data folder — each verified exactly as the
branch side verifies (verify_package: hostile packages refused the same way), its signer
judged against the key remembered for its branch, then copied read-only into the folder's
``packages/`` and kept with what it says (services/county.py).

Each file is read from the stick once (into memory, or into ``tmp/`` when large). Worker
threads read, hash and verify the next few files while the importing thread keeps each
in turn (the database is touched on that thread only): hashing, reading and inflating run
outside Python's lock, so a two-core PC works on two packages at once.

Nothing from a package is executed or opened outside the app: the stored copy is only
read by this program (its documents through the app's own preview).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import stat
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import county
from jianshi_desktop.submission.verify import VerifyReport, judge_signer, verify_package

PACKAGE_SUFFIXES = (".zip", ".zip.enc")
MAX_FILES = 5000  # packages looked at in one folder (a county has a few hundred schools)
# a package file larger than this is refused before it is copied (a year of a school with
# photos is some hundred MB; verify_package refuses more than 4 GB unpacked anyway)
MAX_PACKAGE_BYTES = 2 << 30
# a package up to this size is read into memory once (a quarter of a school: a few MB);
# a larger one is copied into tmp/. A verified one is written into tmp/ by its worker, so
# only those being checked, or refused, are held: at most workers() + 2, some 200 MB.
IN_MEMORY_BYTES = 32 << 20
# (what, done, total): a line for the progress bar, packages done, packages in all
ImportProgress = Callable[[str, int, int], None]


def packages_dir(data: DataDir) -> Path:
    return data.root / "packages"


def is_package_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(PACKAGE_SUFFIXES) and not lower.startswith(".")


def find_packages(folder: Path) -> list[Path]:
    """The package files in ``folder`` and its sub-folders (a stick with a folder per
    school), sorted, at most MAX_FILES; links are not followed."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if is_package_name(name) and not path.is_symlink() and path.is_file():
                found.append(path)
                if len(found) >= MAX_FILES:
                    return found
    return found


@dataclass
class ImportResult:
    """What became of one file: imported (with its status), already there, or refused."""

    path: Path
    outcome: str  # imported / duplicate / refused / needs_password
    package: county.PackageRow | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """One line for the list after an import."""
        name = self.path.name
        if self.outcome == "imported" and self.package is not None:
            p = self.package
            held = "！签名密钥与以前不同，已单独存放，暂不采用。" if p.status == county.HELD else ""
            older = (
                "（已有更新的同期报送包，这份作为历史保存）"
                if p.status == county.SUPERSEDED
                else ""
            )
            return f"{p.branch_name} {p.period_label}：已导入{older}。{held}"
        if self.outcome == "duplicate" and self.package is not None:
            repaired = "".join(self.notes)
            return (
                f"{name}：以前已导入（{self.package.branch_name} {self.package.period_label}）。"
                f"{repaired}"
            )
        if self.outcome == "needs_password":
            return f"{name}：设置了密码，请输入这所学校告知的密码后再导入。"
        return f"{name}：未导入。{' '.join(self.problems)}"


@dataclass
class _Read:
    """A package as read from the stick, once: its bytes (most packages), or, when it is
    larger than IN_MEMORY_BYTES, its copy in the data folder's ``tmp/`` — either way what
    is verified is exactly what will be kept."""

    sha256: str
    size: int
    content: bytes | None = None
    part: Path | None = None

    def spill(self, data: DataDir, name: str) -> None:
        """Write the bytes into ``tmp/`` (on the worker thread, so that keeping it is
        only a move)."""
        if self.content is None:
            return
        data.temp.mkdir(parents=True, exist_ok=True)
        part = Path(tempfile.mkdtemp(prefix="import-", dir=data.temp)) / name
        self.part = part
        with part.open("xb") as out:
            out.write(self.content)
        self.content = None

    def discard(self) -> None:
        """Forget it (a copy in ``tmp/`` is deleted; one kept was moved away already)."""
        self.content = None
        if self.part is not None:
            self.part.unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                self.part.parent.rmdir()


def _read_in(path: Path, data: DataDir) -> _Read:
    """Read the file once, hashing it: into memory when it is small enough, else copied
    into ``tmp/``; TooLarge for what is no package (a device, a link, over 2 GB)."""
    with path.open("rb") as source:
        info = os.fstat(source.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise TooLarge("这不是一个普通文件（可能是设备或链接），不是报送包。")
        limit = min(IN_MEMORY_BYTES, MAX_PACKAGE_BYTES)
        if info.st_size <= limit:
            content = source.read(limit + 1)
            if len(content) <= limit:  # (not grown since: else copied, and refused if huge)
                return _Read(hashlib.sha256(content).hexdigest(), len(content), content=content)
    return _copy_in(path, data)


def _copy_in(path: Path, data: DataDir) -> _Read:
    """Copy the package into the data folder's ``tmp/`` (emptied at every start, never the
    system's temp folder), hashing it on the way: one read of the stick."""
    data.temp.mkdir(parents=True, exist_ok=True)
    # under its own name (what verify's messages call it), in a folder of its own
    read = _Read("", 0, part=Path(tempfile.mkdtemp(prefix="import-", dir=data.temp)) / path.name)
    assert read.part is not None
    digest = hashlib.sha256()
    try:
        with read.part.open("xb") as out, path.open("rb") as source:
            if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
                raise TooLarge("这不是一个普通文件（可能是设备或链接），不是报送包。")
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
                read.size += len(chunk)
                if read.size > MAX_PACKAGE_BYTES:
                    raise TooLarge(
                        f"文件大于 {MAX_PACKAGE_BYTES >> 30} GB，不是正常的报送包，已停止读取。"
                    )
    except BaseException:
        read.discard()
        raise
    read.sha256 = digest.hexdigest()
    return read


class TooLarge(Exception):
    """A file that is no package: too big, or not a regular file (the message says which)."""


def _intact(stored: Path, sha256: str) -> bool:
    """Whether the kept copy is there with the SHA-256 it was kept under."""
    try:
        digest = hashlib.sha256()
        with stored.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return False
    return digest.hexdigest() == sha256


def _keep_file(read: _Read, original: Path, data: DataDir) -> str:
    """Put the verified package into ``packages/`` as ``<sha256><suffix>``, read-only (a
    damaged copy of the same package there is replaced)."""
    folder = packages_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".zip.enc" if original.name.lower().endswith(".zip.enc") else ".zip"
    name = f"{read.sha256}{suffix}"
    target = folder / name
    part = read.part
    if part is None:  # in memory: written beside its place, then moved there whole
        assert read.content is not None
        part = folder / f".{name}.part"
        part.unlink(missing_ok=True)  # left by a crash
        try:
            with part.open("xb") as out:
                out.write(read.content)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    if target.exists():  # Windows will not replace a read-only file
        os.chmod(target, stat.S_IRUSR | stat.S_IWUSR)
    os.chmod(part, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.replace(part, target)
    return name


def _verified(read: _Read, path: Path, passwords: Sequence[str]) -> VerifyReport:
    """Verify with no password, or each password given until one opens it."""
    where = read.part or path  # in memory, the path only names it

    def verify(password: str = "") -> VerifyReport:
        report = verify_package(where, password=password, content=read.content)
        report.path = path
        return report

    report = verify()
    if report.ok or not report.encrypted:
        return report
    for password in passwords:
        report = verify(password)
        if report.ok or "密码不正确" not in " ".join(report.problems):
            return report
    return report


@dataclass
class _Checked:
    """One file read and checked by a worker, to be kept or forgotten by the importing
    thread — or why not."""

    path: Path
    read: _Read | None = None
    report: VerifyReport | None = None  # None: already imported (not verified again)
    refused: ImportResult | None = None
    known: bool = False  # kept before the import began (not verified again)


def _check(path: Path, data: DataDir, passwords: Sequence[str], known: frozenset[str]) -> _Checked:
    """Read, hash and verify one file (no database: this runs on a worker thread)."""
    try:
        read = _read_in(path, data)
    except TooLarge as exc:
        return _Checked(path, refused=ImportResult(path, "refused", problems=[str(exc)]))
    except OSError as exc:
        problem = f"无法读取或复制（{exc.strerror or exc}）。请确认U盘已插好、磁盘有空间。"
        return _Checked(path, refused=ImportResult(path, "refused", problems=[problem]))
    seen = read.sha256 in known
    try:
        report = None if seen else _verified(read, path, passwords)
        if report is not None and report.ok:
            read.spill(data, path.name)
    except OSError as exc:
        read.discard()
        problem = f"无法复制到数据文件夹（{exc.strerror or exc}）。请检查磁盘空间。"
        return _Checked(path, refused=ImportResult(path, "refused", problems=[problem]))
    except BaseException:
        read.discard()
        raise
    return _Checked(path, read, report, known=seen)


def _keep_checked(
    checked: _Checked, data: DataDir, passwords: Sequence[str], kept: set[str]
) -> ImportResult:
    """Keep what a worker checked (this thread only: the database). ``kept``: the
    SHA-256 kept so far by this import, added to."""
    if checked.refused is not None:
        return checked.refused
    read = checked.read
    assert read is not None
    try:
        result = _import_read(checked, read, data, passwords, kept)
    finally:
        read.discard()  # kept by now (moved or written), or not to be kept
    if result.outcome == "imported":
        kept.add(read.sha256)
    return result


def _import_read(
    checked: _Checked, read: _Read, data: DataDir, passwords: Sequence[str], kept: set[str]
) -> ImportResult:
    path, sha256 = checked.path, read.sha256
    seen = checked.known or sha256 in kept
    known = county.has_package(sha256) if seen else None
    if known is not None:
        # the kept copy gone or damaged: this one (the same bytes) is kept instead
        if not _intact(packages_dir(data) / known.stored_name, sha256):
            try:
                _keep_file(read, path, data)
            except OSError as exc:
                return ImportResult(
                    path, "refused", problems=[f"无法存入数据文件夹（{exc.strerror or exc}）。"]
                )
            return ImportResult(
                path,
                "duplicate",
                package=known,
                notes=["数据文件夹里保存的这一份已损坏，已用这份重新存好。"],
            )
        return ImportResult(path, "duplicate", package=known)
    report = checked.report
    if report is None:  # known when the import began, gone since: verified after all
        report = _verified(read, path, passwords)
    if not report.ok:
        if report.encrypted and any("密码" in p for p in report.problems):
            return ImportResult(path, "needs_password", problems=list(report.problems))
        return ImportResult(path, "refused", problems=list(report.problems))
    assert report.manifest is not None and report.records is not None
    manifest = report.manifest
    uid = str(manifest["branch"]["uid"])
    if not uid.strip():  # an older package without the branch's number: whose is it?
        return ImportResult(
            path,
            "refused",
            problems=[
                "报送包里没有支部的编号，无法确定是哪所学校的（可能是很旧的程序生成的）。"
                "请这所学校用最新版本的程序重新导出。"
            ],
        )
    remember = judge_signer(report, county.known_key(uid) if uid else None)
    held = report.key_question  # signed by another key: kept apart, loudly
    warnings = tuple(report.problems) if held else ()  # kept apart with them, not refused
    period = manifest["period"]
    try:
        start = dt.date.fromisoformat(str(period["start"]))
        end = dt.date.fromisoformat(str(period["end"]))
    except ValueError:
        return ImportResult(
            path, "refused", problems=["报送包清单中的期间日期不是有效的日期，报送包已被改动。"]
        )
    try:
        stored = _keep_file(read, path, data)
    except OSError as exc:
        return ImportResult(
            path,
            "refused",
            problems=[f"无法存入数据文件夹（{exc.strerror or exc}）。请检查磁盘空间。"],
        )
    received = county.Received(
        uid=uid,
        branch_name=str(manifest["branch"]["name"]),
        period_code=str(period["code"]),
        period_label=str(period["label"]),
        period_start=start,
        period_end=end,
        created_at=str(manifest["created_at"]),
        app_version=str(manifest.get("app_version", "")),
        sha256=sha256,
        size=read.size,
        file_name=path.name[:255],
        stored_name=stored,
        encrypted=report.encrypted,
        public_key=None if report.signer is None else report.signer.public_key,
        remember_key=remember,
        held=held,
        notes=tuple(report.notes) + warnings,
        records=report.records_text,
        compliance=report.compliance or [],
    )
    package = county.keep(received)
    return ImportResult(path, "imported", package=package, notes=list(received.notes))


def workers() -> int:
    """Threads that copy, hash and verify while this one keeps (hashing, reading and
    inflating run outside Python's lock, so an old two-core PC reads at full speed)."""
    return max(1, min(4, os.cpu_count() or 1))


def import_packages(
    paths: Iterable[Path],
    data: DataDir,
    *,
    passwords: Sequence[str] = (),
    progress: ImportProgress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[ImportResult]:
    """Import each file in turn (one bad file never stops the others). Worker threads
    read and verify the next few files while this thread keeps each in order — the
    database is only touched here; at most ``workers() + 1`` copies wait in ``tmp/``."""
    todo = list(paths)
    results: list[ImportResult] = []
    known = county.known_hashes()
    kept: set[str] = set()
    ahead = workers()
    with ThreadPoolExecutor(max_workers=ahead, thread_name_prefix="county-import") as pool:
        waiting: deque[Future[_Checked]] = deque()
        following = iter(todo)

        def read_ahead() -> None:
            while len(waiting) <= ahead and (path := next(following, None)) is not None:
                waiting.append(pool.submit(_check, path, data, passwords, known))

        try:
            read_ahead()
            while waiting:
                if cancelled is not None and cancelled():
                    break
                if progress is not None:
                    name = todo[len(results)].name
                    progress(f"正在检查“{name}”……", len(results), len(todo))
                checked = waiting.popleft().result()
                read_ahead()
                results.append(_keep_checked(checked, data, passwords, kept))
        finally:
            for future in waiting:  # cancelled, or a bug: nothing read ahead is left
                # (a worker that failed has discarded its own copy)
                if not future.cancel() and future.exception() is None:
                    read = future.result().read
                    if read is not None:
                        read.discard()
    if progress is not None:
        progress("导入完成", len(results), len(todo))
    return results
