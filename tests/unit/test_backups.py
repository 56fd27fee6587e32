"""Backups (database + the attachments it refers to), the rule they are kept by, and restore."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.db.database import close_database
from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import backups, demo, meetings, roster
from jianshi_desktop.services.attachments import blob_path, entry_for
from jianshi_desktop.services.backups import Backup
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store, backup_if_due, open_store

TODAY = dt.date(2026, 7, 20)
SAMPLE = Path(__file__).resolve().parents[1] / "data" / "roster-sample.xlsx"


def _photo(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def add_meeting_with(store: Store, tmp_path: Path, *files: Path, on: dt.date) -> int:
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=on)
    form.place, form.recorder_id = "会议室", form.chair_id
    form.agenda = [meetings.AgendaEntry("研究工作")]
    form.attachments = [entry_for(store.data.attachments, f) for f in files]
    return int(MEETING.finish(form, today=on + dt.timedelta(days=1)))


@pytest.fixture
def filled(store: Store, tmp_path: Path) -> Store:
    """The demo branch (members, no records) and a meeting with two attachments."""
    demo.fill_demo(today=TODAY, with_records=False)
    add_meeting_with(
        store,
        tmp_path,
        _photo(tmp_path, "签到表.jpg", b"\xff\xd8sign-in" * 500),
        _photo(tmp_path, "现场照片.jpg", b"\xff\xd8photo" * 800),
        on=dt.date(2026, 7, 5),
    )
    return store


def rows(query: Any) -> list[tuple[object, ...]]:
    return sorted((tuple(row) for row in query.tuples()), key=repr)


def snapshot() -> dict[str, list[tuple[object, ...]]]:
    """What the data is: members, meetings and attachment rows."""
    return {
        "member": rows(models.Member.select()),
        "meeting": rows(models.Meeting.select()),
        "attachment": rows(
            models.Attachment.select(
                models.Attachment.sha256, models.Attachment.file_name, models.Attachment.meeting
            )
        ),
    }


def attachment_bytes(data: DataDir) -> dict[str, bytes]:
    return {
        a.sha256: blob_path(data.attachments, a.sha256).read_bytes()
        for a in models.Attachment.select()
    }


# ---------------------------------------------------------------------------- making


def test_a_backup_holds_the_database_and_the_attachments_it_refers_to(filled: Store) -> None:
    made = backups.create_backup(filled.data, backups.MANUAL)
    assert made.path.parent == filled.data.backups
    assert made.path.name.startswith("手动备份-") and made.has_manifest
    shas = {a.sha256 for a in models.Attachment.select()}
    assert len(shas) == 2 and set(made.attachments) == shas
    for sha in shas:
        kept = blob_path(backups.blobs_dir(filled.data), sha)
        assert kept.read_bytes() == blob_path(filled.data.attachments, sha).read_bytes()
    with sqlite3.connect(made.path) as copy:  # one standalone, consistent file
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert copy.execute("SELECT count(*) FROM member").fetchone()[0] == (
            models.Member.select().count()
        )
        assert copy.execute("SELECT count(*) FROM setting").fetchone()[0] > 0  # the key too
    copy.close()
    facts = json.loads(made.manifest.read_text(encoding="utf-8"))
    assert facts["reason"] == "manual" and facts["missing_attachments"] == []
    assert made.size > made.path.stat().st_size
    assert [b.path for b in backups.list_backups(filled.data)] == [made.path]


def test_attachments_are_kept_once_for_all_backups(filled: Store) -> None:
    first = backups.create_backup(filled.data, backups.MANUAL)
    blob = blob_path(backups.blobs_dir(filled.data), first.attachments[0])
    inode = blob.stat().st_ino
    second = backups.create_backup(filled.data, backups.MANUAL, protect=[first.path])
    assert second.attachments == first.attachments
    assert blob.stat().st_ino == inode, "not copied again"
    assert len(list(backups.blobs_dir(filled.data).glob("*/*"))) == 2


def test_a_half_made_backup_never_looks_finished(
    filled: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def power_cut(*_args: object, **_kwargs: object) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "_copy_file", power_cut)
    with pytest.raises(OSError):
        backups.create_backup(filled.data, backups.MANUAL)
    assert backups.list_backups(filled.data) == []
    assert list(filled.data.backups.glob("*.sqlite3")) == []
    assert list(filled.data.backups.glob("*.json")) == []


def test_a_backup_names_a_missing_attachment_and_still_keeps_the_database(filled: Store) -> None:
    gone = models.Attachment.select().first().sha256
    blob_path(filled.data.attachments, gone).unlink()
    made = backups.create_backup(filled.data, backups.MANUAL)
    assert gone not in made.attachments and len(made.attachments) == 1
    assert json.loads(made.manifest.read_text("utf-8"))["missing_attachments"] == [gone]


# ---------------------------------------------------------------------------- keeping


def fake(name: str, when: dt.datetime) -> Backup:
    return Backup(Path(name), when, backups.DAILY, 1)


def test_the_rule_keeps_7_daily_5_weekly_and_12_monthly() -> None:
    start = dt.datetime(2025, 1, 1, 9, 0)
    made = []
    for day in range(500):  # two a day, every day, for 500 days
        for hour in (9, 17):
            when = start + dt.timedelta(days=day, hours=hour - 9)
            made.append(fake(f"{when:%Y%m%d-%H}", when))
    kept = {p.name for p in backups.kept_backups(made)}
    last = start + dt.timedelta(days=499)
    daily = {f"{last - dt.timedelta(days=d):%Y%m%d}-17" for d in range(7)}
    assert daily <= kept
    newest_of_week: dict[tuple[int, int], str] = {}
    newest_of_month: dict[tuple[int, int], str] = {}
    for backup in made:  # oldest first: the last one written is the newest
        newest_of_week[backup.created_at.isocalendar()[:2]] = backup.path.name
        newest_of_month[(backup.created_at.year, backup.created_at.month)] = backup.path.name
    weekly = {newest_of_week[k] for k in sorted(newest_of_week)[-5:]}
    monthly = {newest_of_month[k] for k in sorted(newest_of_month)[-12:]}
    assert kept == daily | weekly | monthly
    assert all(name.endswith("-17") for name in kept), "the newest of each day"
    assert len(kept) == len(daily | weekly | monthly) <= 24


def test_a_second_restore_or_import_on_one_day_keeps_what_the_first_kept() -> None:
    """Restoring twice in a day made two 恢复前 backups; the second restore must not delete
    the first, or the data from before the first restore is gone for good."""
    day = dt.datetime(2026, 3, 20)

    def made(name: str, hour: int, reason: str, when: dt.datetime = day) -> Backup:
        return Backup(Path(name), when + dt.timedelta(hours=hour), reason, 1)

    today = [
        made("daily", 8, backups.DAILY),
        made("before-first-restore", 9, backups.RESTORE),
        made("before-second-restore", 10, backups.RESTORE),
        made("before-import", 11, backups.IMPORT),
        made("by-hand", 12, backups.MANUAL),
        made("by-hand-later", 13, backups.MANUAL),
    ]
    older = [made(f"day-{n}", 8, backups.DAILY, day - dt.timedelta(days=n)) for n in range(1, 9)]
    long_ago = made("restore-long-ago", 9, backups.RESTORE, day - dt.timedelta(days=8))
    kept = {p.name for p in backups.kept_backups([*today, *older, long_ago])}
    assert {"before-first-restore", "before-second-restore", "before-import"} <= kept
    # other copies of a day, automatic or by hand: the newest of the day is enough
    assert "by-hand-later" in kept and not {"daily", "by-hand"} & kept
    assert "restore-long-ago" not in kept  # older than the 7 days: the usual rule


def test_only_days_that_have_backups_count() -> None:
    days = [dt.datetime(2026, 3, d, 8) for d in (1, 2, 3, 10, 11, 12, 20, 21, 22)]
    kept = backups.kept_backups([fake(f"{d:%d}", d) for d in days])
    # 7 days with backups; then the newest of each week (1 March 2026 is a Sunday, the
    # end of its week; 2 March is not the newest of its week) and of the month
    assert {p.name for p in kept} == {"22", "21", "20", "12", "11", "10", "03", "01"}


def test_pruning_removes_old_backups_and_their_unreferenced_blobs(
    filled: Store, tmp_path: Path
) -> None:
    old = backups.create_backup(filled.data, backups.DAILY, now=dt.datetime(2024, 1, 3, 8))
    # a newer month, with one attachment fewer
    gone = models.Attachment.select().order_by(models.Attachment.id).first()
    only_old = gone.sha256
    gone.delete_instance()
    newer = [
        backups.create_backup(filled.data, backups.DAILY, now=dt.datetime(2025, m, 1, 8))
        for m in range(1, 13)
    ]
    assert old.path not in {b.path for b in backups.list_backups(filled.data)}, "13th month"
    assert not old.manifest.exists()
    blob = blob_path(backups.blobs_dir(filled.data), only_old)
    assert blob.exists(), "within the grace period another program may still need it"
    backups.prune(filled.data, grace=dt.timedelta(0))
    assert not blob.exists()
    assert {b.path for b in backups.list_backups(filled.data)} == {b.path for b in newer}
    for backup in newer:
        for sha in backup.attachments:
            assert blob_path(backups.blobs_dir(filled.data), sha).is_file()


def test_backups_before_an_import_and_an_export_count_as_the_days(filled: Store) -> None:
    morning = backups.create_backup(filled.data, backups.IMPORT, now=dt.datetime(2026, 7, 1, 9))
    evening = backups.create_backup(filled.data, backups.EXPORT, now=dt.datetime(2026, 7, 1, 17))
    listed = backups.list_backups(filled.data)
    # both kept: the morning's is what the data was before the import
    assert [b.path for b in listed] == [evening.path, morning.path]
    assert [b.label for b in listed] == ["导出前", "导入前"]


# ------------------------------------------------------------------------- automatic


def test_the_daily_backup_once_a_day_counting_other_backups(filled: Store) -> None:
    first = backup_if_due(filled)
    assert first is not None and first.name.startswith("自动备份-")
    assert backup_if_due(filled) is None
    assert backups.list_backups(filled.data)[0].label == "每日自动"


def test_an_import_is_backed_up_first(store: Store) -> None:
    create_branch(BranchDraft(name="中共建始县某某小学支部委员会", founded_on=dt.date(2010, 9, 1)))
    before = models.Member.select().count()
    result = roster.apply_import(roster.preview_import(SAMPLE, today=TODAY))
    assert result.added == 23
    made = backups.list_backups(store.data)
    assert [b.reason for b in made] == [backups.IMPORT]
    assert made[0].label == "导入前"
    with sqlite3.connect(made[0].path) as copy:  # the state before the import
        assert copy.execute("SELECT count(*) FROM member").fetchone()[0] == before
    copy.close()


def test_an_import_without_a_backup_changes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo.fill_demo(today=TODAY, with_records=False)
    before = models.Member.select().count()

    def full(*_args: object, **_kwargs: object) -> Backup:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backups, "create_backup", full)
    with pytest.raises(UserError, match="导入之前的自动备份没有完成"):
        roster.apply_import(roster.preview_import(SAMPLE, today=TODAY))
    assert models.Member.select().count() == before


def test_an_export_is_backed_up_first(filled: Store, tmp_path: Path) -> None:
    from jianshi_desktop.domain.periods import parse_period
    from jianshi_desktop.submission.package import PackageOptions, build_package

    build_package(
        filled.data, parse_period("2026-07"), tmp_path / "out", PackageOptions(), today=TODAY
    )
    made = backups.list_backups(filled.data)
    assert [b.label for b in made] == ["导出前"]
    assert len(made[0].attachments) == 2


def test_a_migration_is_backed_up_in_full(tmp_path: Path) -> None:
    from jianshi_desktop.db.database import open_database
    from jianshi_desktop.db.migrations import LATEST_VERSION

    data = DataDir(tmp_path / "old")
    data.root.mkdir()
    open_database(data.database, target=LATEST_VERSION - 1)
    close_database()
    store = open_store(data.root, log_to_file=False)
    try:
        assert store.schema_version == LATEST_VERSION
        made = backups.list_backups(store.data)
        assert [b.label for b in made] == ["升级前"] and made[0].has_manifest
        assert made[0].path.name.startswith(f"升级前备份-v{LATEST_VERSION - 1}-")
        assert made[0].schema_version == LATEST_VERSION - 1
    finally:
        store.close()


# ----------------------------------------------------------------------------- restore


def test_restore_brings_back_the_data_exactly_even_with_a_wal_present(
    filled: Store, tmp_path: Path
) -> None:
    expected = snapshot()
    expected_files = attachment_bytes(filled.data)
    saved = backups.create_backup(filled.data, backups.MANUAL)

    # later work: a member leaves the list, a record and an attachment are added,
    # an attachment file is lost; all of it sits in the -wal (no checkpoint)
    models.Member.delete().where(models.Member.id == models.Member.select().first().id).execute()
    add_meeting_with(
        filled, tmp_path, _photo(tmp_path, "新.jpg", b"new" * 999), on=dt.date(2026, 7, 15)
    )
    lost = next(iter(expected_files))
    blob_path(filled.data.attachments, lost).unlink()
    wal = Path(f"{filled.data.database}-wal")
    assert wal.is_file() and wal.stat().st_size > 0, "the later work is in the -wal"
    assert snapshot() != expected

    result = backups.restore_backup(filled.data, saved)
    filled.db = result.db

    assert not wal.exists() or wal.stat().st_size == 0
    assert snapshot() == expected
    assert attachment_bytes(filled.data) == expected_files  # byte-identical, the lost one too
    assert result.missing_attachments == ()
    # and once more from a fresh start: nothing replays over the restored file
    filled.close()
    reopened = open_store(filled.data.root, log_to_file=False)
    try:
        assert snapshot() == expected
    finally:
        reopened.close()


def test_restore_backs_up_the_present_state_first(filled: Store, tmp_path: Path) -> None:
    saved = backups.create_backup(filled.data, backups.MANUAL, now=dt.datetime(2026, 7, 1, 8))
    add_meeting_with(
        filled, tmp_path, _photo(tmp_path, "后来.jpg", b"later" * 999), on=dt.date(2026, 7, 15)
    )
    present = snapshot()
    result = backups.restore_backup(filled.data, saved)
    assert result.before is not None and result.before.label == "恢复前"
    assert saved.path.exists(), "the backup restored from is not pruned meanwhile"
    assert snapshot() != present
    # and the present state can be brought back from it
    again = backups.restore_backup(filled.data, result.before)
    assert snapshot() == present
    assert again.before is not None


def test_a_backup_of_the_current_release_is_listed_and_restorable(filled: Store) -> None:
    expected = snapshot()
    legacy = filled.data.backups / "自动备份-20260701-080000.sqlite3"
    from jianshi_desktop.db.database import backup_to

    backup_to(filled.db, legacy)  # what the current release makes: the database alone
    models.Member.update(name="改过的名字").execute()
    models.Attachment.delete().execute()
    found = backups.list_backups(filled.data)
    assert [(b.path, b.label, b.has_manifest) for b in found] == [(legacy, "每日自动", False)]
    assert found[0].created_at == dt.datetime(2026, 7, 1, 8, 0)
    backups.restore_backup(filled.data, found[0])
    assert snapshot() == expected


def test_a_damaged_database_is_named_with_the_latest_good_backup(
    filled: Store, tmp_path: Path
) -> None:
    good = backups.create_backup(filled.data, backups.DAILY, now=dt.datetime(2026, 7, 1, 8))
    expected = snapshot()
    path = filled.data.database
    filled.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = bytearray(path.read_bytes())
    for offset in range(4096 * 2, len(raw) - 4096, 4096):  # scribble over every page
        raw[offset + 10 : offset + 200] = os.urandom(190)
    path.write_bytes(bytes(raw))
    assert backups.database_damaged(path)

    with pytest.raises(backups.DamagedDatabaseError) as caught:
        open_store(filled.data.root, log_to_file=False)
    error = caught.value
    assert error.backup is not None and error.backup.path == good.path
    assert "2026年7月1日 08:00" in error.hint
    assert "backup restore" in error.hint and str(good.path) in error.hint

    damaged = hashlib.sha256(path.read_bytes()).hexdigest()
    result = backups.restore_backup(filled.data, good)
    assert result.before is None and result.kept_damaged is not None
    kept = result.kept_damaged / path.name
    assert hashlib.sha256(kept.read_bytes()).hexdigest() == damaged, "kept as it was"
    assert snapshot() == expected


def test_a_damaged_backup_is_refused_and_nothing_changes(filled: Store) -> None:
    made = backups.create_backup(filled.data, backups.MANUAL)
    made.path.write_bytes(b"not a database at all")
    before = snapshot()
    with pytest.raises(UserError, match="不能用来恢复"):
        backups.restore_backup(filled.data, backups.read_backup(made.path))
    assert snapshot() == before
    assert backups.latest_good_backup(filled.data) is None
