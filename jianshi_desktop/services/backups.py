"""Backups of the whole data — the database and the attachments it refers to — and restore.

On disk, inside the data folder's ``backups/``::

    自动备份-20261206-135000.sqlite3   the database, one consistent file (SQLite's backup
    自动备份-20261206-135000.json      API), and its manifest: when, why, which attachments
    导入前备份-20261207-091500.sqlite3
    导入前备份-20261207-091500.json
    attachments/ab/ab12…               every attachment blob once, under its SHA-256,
                                       shared by all backups that refer to it
    损坏的数据-20261208-080000/         a damaged database kept as it was before a restore

The name says why (每日自动/手动/导入前/恢复前/导出前/升级前). A backup is written under
hidden temporary names — the blobs first, then the manifest, the database last — and
becomes visible only when its database is renamed to its final ``.sqlite3`` name: a
half-made backup never looks finished. A ``.sqlite3`` without a manifest is a backup of
the database only (what earlier releases made) and is listed and restorable as well.

Kept: the newest backup of each of the last 7 days that have one, of each of the last 5
weeks and of each of the last 12 months (:func:`kept_backups`); the others go, and a
blob goes once no kept backup refers to it.

Restore (:func:`restore_backup`) backs up the present state first, closes the database,
makes sure no ``-wal``/``-shm`` can be replayed over the restored file, puts the backup's
database in place (copy under a temporary name, then ``os.replace``), restores the
attachments it refers to and reopens the database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import re
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from jianshi_desktop import __version__
from jianshi_desktop.db.database import SQLITE_HEADER, backup_to, inspect_file, open_database
from jianshi_desktop.db.models import database_proxy
from jianshi_desktop.errors import DatabaseError, DatabaseTooNewError, UserError
from jianshi_desktop.paths import DATABASE_FILE, DataDir
from jianshi_desktop.services.attachments import blob_path

log = logging.getLogger(__name__)

DAILY = "daily"
MANUAL = "manual"
IMPORT = "import"
RESTORE = "restore"
EXPORT = "export"
UPGRADE = "upgrade"

REASON_LABELS: dict[str, str] = {
    DAILY: "每日自动",
    IMPORT: "导入前",
    RESTORE: "恢复前",
    EXPORT: "导出前",
    UPGRADE: "升级前",
    MANUAL: "手动",
}
PREFIXES: dict[str, str] = {
    DAILY: "自动备份-",
    MANUAL: "手动备份-",
    IMPORT: "导入前备份-",
    RESTORE: "恢复前备份-",
    EXPORT: "导出前备份-",
    UPGRADE: "升级前备份-",
}
KEEP_DAILY = 7
BEFORE_A_CHANGE = frozenset({IMPORT, RESTORE, EXPORT, UPGRADE})  # kept all 7 days
KEEP_WEEKLY = 5
KEEP_MONTHLY = 12
BLOBS_DIR = "attachments"
DAMAGED_PREFIX = "损坏的数据-"
MANIFEST_FORMAT = 1
STAMP = "%Y%m%d-%H%M%S"
GRACE = dt.timedelta(hours=1)  # what another program may be writing right now stays
RETENTION_TEXT = (
    "程序每天自动备份一次，导入花名册、导出报送包、恢复备份和升级数据之前也会自动备份；"
    "每次备份包括全部数据和用到的附件。保留最近7天每天最新的一份、最近5周每周最新的一份和"
    "最近12个月每月最新的一份；最近7天里导入、导出、恢复和升级之前做的备份都保留。"
    "备份存放在数据文件夹的 backups 子文件夹中。"
)

_NAME = re.compile(
    r"^(?P<prefix>[^\d]*?-(?:v(?P<version>\d+)-)?)(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$"
)
_lock = threading.RLock()  # one backup, prune or restore at a time in this program

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Backup:
    """One finished backup: its database file and what its manifest says."""

    path: Path
    created_at: dt.datetime
    reason: str
    size: int  # the database and the attachments it refers to, in bytes
    attachments: tuple[str, ...] = ()
    attachment_sizes: dict[str, int] = field(default_factory=dict, compare=False)
    has_manifest: bool = False
    schema_version: int | None = None

    @property
    def label(self) -> str:
        return REASON_LABELS.get(self.reason, REASON_LABELS[MANUAL])

    @property
    def manifest(self) -> Path:
        return manifest_of(self.path)

    @property
    def when(self) -> str:
        """``2026年12月6日 13:50``."""
        c = self.created_at
        return f"{c.year}年{c.month}月{c.day}日 {c:%H:%M}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "reason": self.reason,
            "reason_label": self.label,
            "size": self.size,
            "attachments": len(self.attachments),
            "database_only": not self.has_manifest,
            "schema_version": self.schema_version,
        }


@dataclass(frozen=True)
class RestoreResult:
    restored: Backup
    db: peewee.SqliteDatabase  # the reopened database, bound to the models
    before: Backup | None  # the backup of the state before the restore
    kept_damaged: Path | None  # where a database that could not be backed up was kept
    missing_attachments: tuple[str, ...] = ()


class DamagedDatabaseError(DatabaseError):
    """The database fails its integrity check; ``backup`` is the latest good backup."""

    def __init__(self, message: str, *, hint: str = "", backup: Backup | None = None) -> None:
        super().__init__(message, hint=hint)
        self.backup = backup


# --------------------------------------------------------------------------- the files


def manifest_of(database: Path) -> Path:
    return database.with_suffix(".json")


def blobs_dir(data: DataDir) -> Path:
    return data.backups / BLOBS_DIR


def size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _reason_of_name(name: str) -> str:
    for reason, prefix in PREFIXES.items():
        if name.startswith(prefix):
            return reason
    return MANUAL


def _time_of_name(path: Path) -> dt.datetime | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        return dt.datetime.strptime(match["stamp"], STAMP)
    except ValueError:
        return None


def _backup_files(data: DataDir) -> list[Path]:
    if not data.backups.is_dir():
        return []
    return [p for p in data.backups.glob("*.sqlite3") if p.is_file() and not p.name.startswith(".")]


def read_backup(path: Path) -> Backup:
    """The backup whose database is ``path`` (its manifest beside it, if there is one)."""
    manifest = manifest_of(path)
    size = path.stat().st_size
    created = _time_of_name(path)
    if created is None:
        created = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
    try:
        facts = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else None
    except (OSError, ValueError):
        log.warning("Manifest %s cannot be read; the backup counts as database only", manifest)
        facts = None
    if not isinstance(facts, dict):
        match = _NAME.match(path.name)
        version = int(match["version"]) if match and match["version"] else None
        return Backup(path, created, _reason_of_name(path.name), size, schema_version=version)
    sizes = {str(a["sha256"]): int(a["size"]) for a in facts.get("attachments", [])}
    with contextlib.suppress(KeyError, ValueError):
        created = dt.datetime.fromisoformat(str(facts["created_at"]))
    reason = str(facts.get("reason", _reason_of_name(path.name)))
    return Backup(
        path=path,
        created_at=created,
        reason=reason if reason in REASON_LABELS else MANUAL,
        size=size + sum(sizes.values()),
        attachments=tuple(sorted(sizes)),
        attachment_sizes=sizes,
        has_manifest=True,
        schema_version=facts.get("schema_version"),
    )


def list_backups(data: DataDir) -> list[Backup]:
    """Every finished backup, newest first."""
    found: list[Backup] = []
    for path in _backup_files(data):
        try:
            found.append(read_backup(path))
        except OSError:  # went while we looked
            continue
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def latest_backup_time(folder: Path) -> dt.datetime | None:
    """When the newest backup in ``folder`` was made — from the names only, cheap enough
    for start-up."""
    times = []
    for path in folder.glob("*.sqlite3") if folder.is_dir() else ():
        if path.name.startswith("."):
            continue
        when = _time_of_name(path)
        if when is None:
            try:
                when = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
            except OSError:
                continue
        times.append(when)
    return max(times, default=None)


# ---------------------------------------------------------------------------- making


def _fsync(path: Path) -> None:
    try:
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())
    except OSError:  # some file systems (network shares) cannot: the rename still orders
        log.debug("fsync of %s not possible", path)


def _copy_file(source: Path, target: Path, *, sha256: str | None = None) -> bool:
    """Copy under a temporary name, then rename; with ``sha256``, only a copy that has
    exactly that content is put in place (False otherwise)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.part")
    digest = hashlib.sha256()
    try:
        with source.open("rb") as reader, partial.open("wb") as writer:
            while chunk := reader.read(1 << 20):
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        if sha256 is not None and digest.hexdigest() != sha256:
            partial.unlink(missing_ok=True)
            return False
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return True


def _unique_stem(data: DataDir, prefix: str, when: dt.datetime) -> str:
    stem = f"{prefix}{when:{STAMP}}"
    serial = 1
    candidate = stem
    while (data.backups / f"{candidate}.sqlite3").exists() or (
        data.backups / f"{candidate}.json"
    ).exists():
        serial += 1
        candidate = f"{stem}-{serial}"
    return candidate


def _referred_attachments(database: Path) -> tuple[dict[str, int], int]:
    """Make the copy standalone (no WAL), check it and read which blobs it refers to."""
    conn = sqlite3.connect(database)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DatabaseError(
                "备份出的数据检查有误，这次备份作废。",
                hint="现在的数据可能已损坏：请不要再录入，先在“设置”中恢复最近的备份。",
            )
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment'"
        ).fetchone()
        rows = (
            conn.execute("SELECT sha256, max(size) FROM attachment GROUP BY sha256").fetchall()
            if has_table
            else []
        )
    finally:
        conn.close()
    return {str(sha): int(size or 0) for sha, size in rows}, version


def create_backup(
    data: DataDir,
    reason: str,
    *,
    db: peewee.SqliteDatabase | None = None,
    protect: Iterable[Path] = (),
    now: dt.datetime | None = None,
    schema_from: int | None = None,
) -> Backup:
    """Back up the database (``db``, else the one the models use) and its attachments."""
    source = db if db is not None else database_proxy.obj
    if source is None:
        raise RuntimeError("no database is open")
    when = now or dt.datetime.now()  # to the microsecond: the newest of a day is clear
    prefix = PREFIXES[reason]
    if reason == UPGRADE and schema_from is not None:
        prefix = f"{prefix}v{schema_from}-"
    with _lock:
        data.backups.mkdir(parents=True, exist_ok=True)
        stem = _unique_stem(data, prefix, when)
        target = data.backups / f"{stem}.sqlite3"
        manifest = data.backups / f"{stem}.json"
        partial = data.backups / f".{stem}.sqlite3.making"
        try:
            backup_to(source, partial)
            sizes, version = _referred_attachments(partial)
            blobs = blobs_dir(data)
            missing: list[str] = []
            for sha in sorted(sizes):
                kept = blob_path(blobs, sha)
                if kept.is_file():
                    os.utime(kept)  # in use again: no prune elsewhere takes it now
                    continue
                original = blob_path(data.attachments, sha)
                if not original.is_file() or not _copy_file(original, kept, sha256=sha):
                    log.warning("Attachment %s is missing or damaged; not in the backup", sha)
                    missing.append(sha)
            _fsync(partial)
            facts = {
                "format": MANIFEST_FORMAT,
                "created_at": when.isoformat(timespec="microseconds"),
                "reason": reason,
                "reason_label": REASON_LABELS[reason],
                "app_version": __version__,
                "schema_version": version,
                "database": target.name,
                "database_size": partial.stat().st_size,
                "attachments": [
                    {"sha256": sha, "size": size}
                    for sha, size in sorted(sizes.items())
                    if sha not in missing
                ],
                "missing_attachments": missing,
            }
            manifest_part = data.backups / f".{stem}.json.making"
            manifest_part.write_text(json.dumps(facts, ensure_ascii=False, indent=1), "utf-8")
            _fsync(manifest_part)
            os.replace(manifest_part, manifest)
            os.replace(partial, target)  # now, and only now, the backup is there
        except BaseException:
            for leftover in (partial, data.backups / f".{stem}.json.making"):
                leftover.unlink(missing_ok=True)
            if not target.exists():
                manifest.unlink(missing_ok=True)
            raise
        made = read_backup(target)
        log.info("Backup (%s) written to %s", reason, target)
        try:
            prune(data, protect=[target, *protect])
        except OSError:
            log.exception("Old backups could not all be removed")
        return made


def backup_before(reason: str) -> Backup | None:
    """The automatic backup before an import or an export, of the database the models use
    (None when that is not a data folder's database, as in some tests). A failure stops
    the work that was to follow: nothing is changed without a backup."""
    db = database_proxy.obj
    if db is None or not db.database or db.database == ":memory:":
        return None
    path = Path(db.database)
    if path.name != DATABASE_FILE:
        return None
    what = REASON_LABELS[reason].removesuffix("前")
    try:
        return create_backup(DataDir(path.parent), reason, db=db)
    except UserError:
        raise
    except (OSError, sqlite3.Error, peewee.DatabaseError) as exc:
        log.exception("Backup before %s failed", reason)
        raise UserError(
            f"{what}之前的自动备份没有完成（{exc}），所以没有{what}，数据没有任何改动。",
            hint="请检查数据文件夹所在的磁盘还有空间、U盘插好，然后再试一次。",
        ) from exc


# --------------------------------------------------------------------------- keeping


def kept_backups(
    backups: Iterable[Backup],
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[Path]:
    """The newest backup of each of the last ``daily`` days that have one, of the last
    ``weekly`` weeks and of the last ``monthly`` months — and, on those ``daily`` days,
    every backup made before a change (恢复前, 导入前, 升级前, 导出前): a second restore or
    import on one day must not remove what the first one kept."""
    newest_first = sorted(backups, key=lambda b: (b.created_at, b.path.name), reverse=True)
    recent_days = list(dict.fromkeys(b.created_at.date() for b in newest_first))[:daily]
    rules: tuple[tuple[Callable[[dt.datetime], object], int], ...] = (
        (lambda t: t.date(), daily),
        (lambda t: t.isocalendar()[:2], weekly),
        (lambda t: (t.year, t.month), monthly),
    )
    keep: set[Path] = set()
    for period_of, count in rules:
        seen: set[object] = set()
        for backup in newest_first:
            period = period_of(backup.created_at)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            keep.add(backup.path)
    keep.update(
        b.path
        for b in newest_first
        if b.reason in BEFORE_A_CHANGE and b.created_at.date() in recent_days
    )
    return keep


def _old(path: Path, grace: dt.timedelta) -> bool:
    try:
        return time.time() - path.stat().st_mtime >= grace.total_seconds()
    except OSError:
        return False


def prune(
    data: DataDir, *, protect: Iterable[Path] = (), grace: dt.timedelta = GRACE
) -> list[Path]:
    """Remove the backups the rule does not keep and the blobs no kept backup refers to;
    the database files removed."""
    with _lock:
        backups = list_backups(data)
        keep = {p.resolve() for p in kept_backups(backups)} | {Path(p).resolve() for p in protect}
        removed: list[Path] = []
        for backup in backups:
            if backup.path.resolve() in keep:
                continue
            backup.path.unlink(missing_ok=True)
            backup.manifest.unlink(missing_ok=True)
            removed.append(backup.path)
            log.info("Old backup %s removed (not kept by the rule)", backup.path.name)
        referred: set[str] = set()
        for backup in backups:
            if backup.path.resolve() in keep:
                referred.update(backup.attachments)
        blobs = blobs_dir(data)
        if blobs.is_dir():
            for blob in blobs.glob("*/*"):
                if blob.name not in referred and blob.is_file() and _old(blob, grace):
                    blob.unlink(missing_ok=True)
        for leftover in data.backups.glob(".*"):  # an interrupted backup
            if leftover.is_file() and _old(leftover, grace):
                leftover.unlink(missing_ok=True)
        for manifest in data.backups.glob("*.json"):  # its database never came
            if not manifest.with_suffix(".sqlite3").exists() and _old(manifest, grace):
                manifest.unlink(missing_ok=True)
        return removed


# ---------------------------------------------------------------------- checking


def database_damaged(path: Path) -> bool:
    """True when ``path`` is there but is not a readable, intact SQLite file (a file held
    by another program, or a disk that is gone, is not damage)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    if not header:
        return False
    if header != SQLITE_HEADER:
        return True
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] != "ok")
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        text = str(exc).lower()
        return "malformed" in text or "not a database" in text
    except sqlite3.DatabaseError:
        return True


def usable(backup: Backup) -> bool:
    try:
        inspect_file(backup.path)
    except (DatabaseError, OSError):
        return False
    return True


def latest_good_backup(data: DataDir) -> Backup | None:
    """The newest backup whose database passes the checks (this version can open it)."""
    return next((b for b in list_backups(data) if usable(b)), None)


def program_name() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else ""
    return (
        name if name and name not in ("-c", "__main__.py") and "pytest" not in name else "main.py"
    )


def restore_command(data: DataDir, backup: Backup) -> str:
    return f'{program_name()} --data-dir "{data.root}" backup restore "{backup.path}"'


def explain_damage(data: DataDir, error: DatabaseError) -> DatabaseError:
    """``error`` as a :class:`DamagedDatabaseError` naming the latest good backup when the
    database is damaged; ``error`` itself otherwise."""
    if not database_damaged(data.database):
        return error
    backup = latest_good_backup(data)
    if backup is None:
        hint = (
            "backups 文件夹中没有可用的备份。请不要再往这个数据文件夹写入，"
            "把整个数据文件夹复制一份保存好，再请技术人员处理。"
        )
    else:
        hint = (
            f"最近的完好备份是 {backup.when} 的“{backup.label}”备份。"
            "打开程序窗口时可以按提示从它恢复；也可以在命令行运行："
            f"{restore_command(data, backup)}"
        )
    return DamagedDatabaseError(error.message, hint=hint, backup=backup)


# ---------------------------------------------------------------------------- restoring


def _keep_damaged(data: DataDir, now: dt.datetime) -> Path | None:
    """Copy the present database files as they are (it cannot be backed up properly)."""
    present = [
        p
        for p in (data.database, *(Path(f"{data.database}{s}") for s in ("-wal", "-shm")))
        if p.is_file()
    ]
    if not present:
        return None
    folder = data.backups / f"{DAMAGED_PREFIX}{now:{STAMP}}"
    serial = 1
    while folder.exists():
        serial += 1
        folder = data.backups / f"{DAMAGED_PREFIX}{now:{STAMP}}-{serial}"
    for path in present:
        _copy_file(path, folder / path.name)
    log.warning("The database that could not be backed up is kept in %s", folder)
    return folder


def _sidecars(database: Path) -> list[Path]:
    return [Path(f"{database}{suffix}") for suffix in ("-wal", "-shm", "-journal")]


def _retire_present(database: Path) -> None:
    """Write the present WAL into the database and remove every side file, so that none
    can ever be replayed over the file that replaces it."""
    if database.is_file():
        try:
            conn = sqlite3.connect(database)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()  # the last connection: SQLite removes -wal and -shm itself
        except sqlite3.Error as exc:  # damaged: it has been kept as it was
            log.warning("Checkpoint of %s before the restore failed: %s", database, exc)
    for side in _sidecars(database):
        try:
            side.unlink(missing_ok=True)
        except OSError as exc:
            raise UserError(
                f"无法移走程序数据的临时文件（{exc.strerror or exc}），没有恢复。",
                hint="请关闭其他正在使用这个数据文件夹的建始支部工作台账（窗口或命令），"
                "再试一次；现在的数据没有改动。",
            ) from exc


def _place_database(data: DataDir, backup: Backup) -> None:
    partial = data.root / f".{DATABASE_FILE}.restoring"
    try:
        _copy_file(backup.path, partial)
        conn = sqlite3.connect(partial)  # standalone: a rollback journal, no WAL of its own
        try:
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
        _retire_present(data.database)
        try:
            os.replace(partial, data.database)
        except OSError as exc:  # Windows: another program still has the file open
            raise UserError(
                f"无法换上备份的数据（{exc.strerror or exc}），没有恢复；现在的数据没有改动。",
                hint="请关闭其他正在使用这个数据文件夹的建始支部工作台账（窗口或命令），再试一次。",
            ) from exc
    finally:
        partial.unlink(missing_ok=True)
        for side in _sidecars(partial):
            side.unlink(missing_ok=True)
    for side in _sidecars(data.database):  # none can be there; none may be replayed
        side.unlink(missing_ok=True)


def _restore_attachments(data: DataDir, backup: Backup) -> tuple[str, ...]:
    missing: list[str] = []
    blobs = blobs_dir(data)
    for sha in backup.attachments:
        present = blob_path(data.attachments, sha)
        size = backup.attachment_sizes.get(sha)
        if present.is_file() and (size is None or present.stat().st_size == size):
            continue
        kept = blob_path(blobs, sha)
        if not kept.is_file() or not _copy_file(kept, present, sha256=sha):
            log.warning("Attachment %s of backup %s is missing", sha, backup.path.name)
            missing.append(sha)
    return tuple(missing)


def check_restorable(backup: Backup) -> None:
    try:
        inspect_file(backup.path)
    except DatabaseError as exc:
        log.warning("Backup %s cannot be restored: %s", backup.path, exc.message)
        why = (
            "它是更新版本的程序做的，本程序不能使用"
            if isinstance(exc, DatabaseTooNewError)
            else "它已损坏或不完整"
        )
        raise UserError(
            f"{backup.when} 的“{backup.label}”备份不能用来恢复：{why}。",
            hint="请选择另一个备份；现在的数据没有改动。",
        ) from exc


def restore_backup(
    data: DataDir,
    backup: Backup,
    *,
    progress: Progress | None = None,
    reopen: Callable[[Path], peewee.SqliteDatabase] | None = None,
) -> RestoreResult:
    """Replace the data with ``backup``'s, after backing up the present state.

    The database the models use, if it is this folder's, is backed up and closed in this
    thread; the caller has closed the connections of every other thread."""
    say = progress or (lambda _text: None)
    with _lock:
        check_restorable(backup)
        db = database_proxy.obj
        ours = (
            db is not None
            and bool(db.database)
            and db.database != ":memory:"
            and Path(db.database).resolve() == data.database.resolve()
        )
        before: Backup | None = None
        kept_damaged: Path | None = None
        say("正在备份现在的数据……")
        if ours and not database_damaged(data.database):
            before = create_backup(data, RESTORE, db=db, protect=[backup.path])
        else:
            kept_damaged = _keep_damaged(data, dt.datetime.now())
        if db is not None:
            db.close()
        say("正在恢复数据……")
        _place_database(data, backup)
        say("正在恢复附件……")
        missing = _restore_attachments(data, backup)
        say("正在重新打开数据……")
        opened = (reopen or _reopen)(data.database)
        log.info(
            "Restored %s (backup of the state before: %s, %d attachments missing)",
            backup.path.name,
            before.path.name if before else kept_damaged,
            len(missing),
        )
        return RestoreResult(backup, opened, before, kept_damaged, missing)


def upgrade_backup_hook(data: DataDir) -> Callable[[peewee.SqliteDatabase, int], object]:
    """For :func:`open_database`: the backup before a migration, a full one."""

    def hook(db: peewee.SqliteDatabase, version: int) -> object:
        return create_backup(data, UPGRADE, db=db, schema_from=version)

    return hook


def _reopen(path: Path) -> peewee.SqliteDatabase:
    data = DataDir(path.parent)
    return open_database(path, backups_dir=data.backups, before_migration=upgrade_backup_hook(data))


def find_backup(data: DataDir, name: str) -> Backup:
    """The backup named by ``name``: a path, or a file name in ``backups/``."""
    candidates = [Path(name), data.backups / name]
    if not name.endswith(".sqlite3"):
        candidates.append(data.backups / f"{name}.sqlite3")
    for candidate in candidates:
        if candidate.is_file():
            return read_backup(candidate.resolve())
    raise UserError(
        f"找不到备份“{name}”。",
        hint="请运行“backup list”查看有哪些备份，再把其中一个文件名写在 restore 后面。",
    )
