"""A full disk, a busy database, a read-only or vanished USB stick (issue 13): every write
ends with a Chinese message saying what happened and what to do, after the transaction
rolled back — nothing of the action is written, nothing saved before is lost, and the
next write works. Faults are real where SQLite can make them (``max_page_count`` fills
the "disk", a second connection holds the database) and faked otherwise, always through
the real service calls."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import peewee
import pytest

from jianshi_desktop import app
from jianshi_desktop.db import database, models
from jianshi_desktop.db.database import inspect_file, open_database, storage_error, storage_kind
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import DatabaseError
from jianshi_desktop.services import demo, members, roster
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store, open_store
from tests.unit.test_meetings import committee_form

TODAY = dt.date(2026, 11, 26)
SAMPLE_ROSTER = Path(__file__).resolve().parents[1] / "data" / "roster-sample.xlsx"
SAVED_IS_SAFE = "以前保存的数据没有丢失"


@pytest.fixture(autouse=True)
def _main_leaves_no_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """``app.main`` installs the crash hooks (``--no-crash-dialog``): undone after each test."""
    import threading

    from jianshi_desktop import crash

    monkeypatch.setattr(crash, "_dialogs_enabled", crash.dialogs_enabled())
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def new_member(serial: int = 1) -> MemberFields:
    from jianshi_desktop.domain.idcard import check_char

    first17 = f"42282219880315{serial:03d}"
    return MemberFields(
        name=f"测试党员{serial}",
        id_number=first17 + check_char(first17),
        joined_on=dt.date(2010, 6, 1),
        full_member_on=dt.date(2011, 6, 1),
    )


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY, with_records=False)
    return store


def snapshot() -> dict[str, int]:
    """How many rows the tables a failed action could touch hold."""
    return {
        "member": models.Member.select().count(),
        "meeting": models.Meeting.select().count(),
        "audit": models.AuditLog.select().count(),
        "event": models.MemberEvent.select().count(),
    }


def failing_writes(
    monkeypatch: pytest.MonkeyPatch,
    store: Store,
    error: Callable[[], Exception],
    *,
    after: int = 0,
) -> list[str]:
    """Make the ``after``-th and later INSERT/UPDATE/DELETE of ``store.db`` raise ``error()``."""
    original = store.db.execute_sql
    seen: list[str] = []

    def execute_sql(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        if sql.lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(sql)
            if len(seen) > after:
                raise error()
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(store.db, "execute_sql", execute_sql)
    return seen


FAULTS: dict[str, tuple[Callable[[], Exception], str]] = {
    "full": (lambda: peewee.OperationalError("database or disk is full"), "磁盘空间已满"),
    "busy": (lambda: peewee.OperationalError("database is locked"), "数据正在被另一个程序使用"),
    "readonly": (
        lambda: peewee.OperationalError("attempt to write a readonly database"),
        "只读",
    ),
    "io": (lambda: peewee.OperationalError("disk I/O error"), "U盘可能已被拔出"),
    "enospc": (lambda: OSError(errno.ENOSPC, "No space left on device"), "磁盘空间已满"),
    "erofs": (lambda: OSError(errno.EROFS, "Read-only file system"), "只读"),
    "eio": (lambda: OSError(errno.EIO, "Input/output error"), "U盘可能已被拔出"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_adding_a_member_fails_with_a_chinese_message_and_writes_nothing(
    branch: Store, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    before = snapshot()
    error, words = FAULTS[fault]
    failing_writes(monkeypatch, branch, error, after=1)  # the member row is written
    with pytest.raises(DatabaseError) as caught:
        members.add_member(new_member(), today=TODAY)
    assert words in caught.value.message
    assert "这次的修改没有保存" in caught.value.message
    assert SAVED_IS_SAFE in caught.value.hint and "再试一次" in caught.value.hint
    monkeypatch.undo()
    assert snapshot() == before  # rolled back, earlier data intact
    assert not branch.db.connection().in_transaction and not branch.db.in_transaction()
    members.add_member(new_member(), today=TODAY)  # and the next save works
    assert snapshot()["member"] == before["member"] + 1


def test_a_really_full_database_rolls_back_and_keeps_what_was_saved(branch: Store) -> None:
    members.add_member(new_member(1), today=TODAY)
    before = snapshot()
    pages = branch.db.execute_sql("PRAGMA page_count").fetchone()[0]
    branch.db.execute_sql(f"PRAGMA max_page_count = {pages}")  # the "disk" is full now
    with pytest.raises(DatabaseError) as caught:
        for serial in range(2, 400):  # until a page more is needed
            members.add_member(new_member(serial), today=TODAY)
    assert "磁盘空间已满" in caught.value.message
    after = snapshot()
    # every add before the full one is complete (member, event and audit row together)
    added = after["member"] - before["member"]
    assert after["audit"] - before["audit"] == added
    branch.db.execute_sql(f"PRAGMA max_page_count = {pages * 100}")
    assert branch.db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    members.add_member(new_member(999), today=TODAY)


def test_a_database_held_by_another_program_says_busy(branch: Store) -> None:
    other = sqlite3.connect(branch.data.database, timeout=0.1)
    before = snapshot()
    branch.db.execute_sql("PRAGMA busy_timeout = 100")
    try:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(DatabaseError) as caught:
            members.add_member(new_member(), today=TODAY)
    finally:
        other.rollback()
        other.close()
    assert "数据正在被另一个程序使用" in caught.value.message
    assert "稍等片刻再试一次" in caught.value.hint
    assert snapshot() == before
    members.add_member(new_member(), today=TODAY)


def test_a_failed_commit_rolls_back(branch: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = snapshot()

    def commit() -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(branch.db, "commit", commit)
    with pytest.raises(DatabaseError) as caught:
        members.add_member(new_member(), today=TODAY)
    assert "U盘可能已被拔出" in caught.value.message
    monkeypatch.undo()
    assert snapshot() == before


def test_finishing_a_meeting_on_a_full_disk_saves_nothing(
    branch: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    form = committee_form()
    form.recorder_id = form.chair_id
    before = snapshot()
    written = failing_writes(monkeypatch, branch, FAULTS["full"][0], after=3)
    with pytest.raises(DatabaseError) as caught:
        MEETING.finish(form, today=TODAY)
    assert len(written) == 4  # three writes went through before the disk was full
    assert "磁盘空间已满" in caught.value.message
    monkeypatch.undo()
    assert snapshot() == before
    assert models.Resolution.select().count() == 0
    MEETING.finish(form, today=TODAY)
    assert snapshot()["meeting"] == before["meeting"] + 1


def test_a_roster_import_is_all_or_nothing_on_a_full_disk(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.services.branch import BranchDraft, create_branch

    create_branch(BranchDraft(name="中共建始县某某小学支部委员会", founded_on=dt.date(2010, 9, 1)))
    preview = roster.preview_import(SAMPLE_ROSTER, today=TODAY)
    assert preview.counts()["new"] >= 3
    before = snapshot()
    written = failing_writes(monkeypatch, store, FAULTS["full"][0], after=2)
    with pytest.raises(DatabaseError) as caught:
        roster.apply_import(preview)  # a few multi-row INSERTs: two went through
    assert len(written) == 3 and "磁盘空间已满" in caught.value.message
    monkeypatch.undo()
    assert snapshot() == before  # not one member of the half-done import stays
    roster.apply_import(roster.preview_import(SAMPLE_ROSTER, today=TODAY))
    assert snapshot()["member"] == before["member"] + preview.counts()["new"]


def test_a_vanished_stick_is_told_apart_from_a_missing_file(tmp_path: Path) -> None:
    root = tmp_path / "stick" / "data"
    root.mkdir(parents=True)
    missing = FileNotFoundError(errno.ENOENT, "No such file", str(root / "jianshi.sqlite3"))
    assert storage_kind(missing, data_root=root) is None  # the folder is there: a bug
    shutil.rmtree(tmp_path / "stick")
    problem = storage_error(missing, data_root=root)
    assert problem is not None and "U盘可能已被拔出" in problem.message
    # a roster file open in Excel, or gone, is not the disk's fault
    elsewhere = PermissionError(errno.EACCES, "denied", str(tmp_path / "花名册.xlsx"))
    assert storage_kind(elsewhere, data_root=tmp_path / "data") is None
    inside = PermissionError(errno.EACCES, "denied", str(tmp_path / "data" / "x"))
    assert storage_kind(inside, data_root=tmp_path / "data") == "readonly"
    assert storage_kind(ValueError("database is locked")) is None


def test_other_errors_pass_unchanged(branch: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    failing_writes(monkeypatch, branch, lambda: peewee.OperationalError("no such column: x"))
    with pytest.raises(peewee.OperationalError):
        members.add_member(new_member(), today=TODAY)


@pytest.fixture
def held(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A database another program holds exclusively (and a short wait for it)."""
    path = tmp_path / "data" / "jianshi.sqlite3"
    store = open_store(path.parent, log_to_file=False)
    store.close()
    monkeypatch.setattr(database, "INSPECT_BUSY_SECONDS", 0.1)
    other = sqlite3.connect(path)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE held (x)")
    try:
        yield path
    finally:
        other.rollback()
        other.close()


def test_a_database_in_use_is_not_called_damaged(held: Path) -> None:
    with pytest.raises(DatabaseError) as caught:
        inspect_file(held)
    message = str(caught.value)
    assert "数据正在被另一个程序使用" in message
    assert "损坏" not in message and "移到别的文件夹" not in message


def test_opening_a_database_in_use_says_busy_not_damaged(held: Path) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_store(held.parent, log_to_file=False)
    assert "数据正在被另一个程序使用" in str(caught.value)
    assert "损坏" not in str(caught.value)


def test_opening_on_a_full_disk_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def migrate(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "migrate", migrate)
    with pytest.raises(DatabaseError) as caught:
        open_database(tmp_path / "new.sqlite3")
    assert "磁盘空间已满" in caught.value.message and "无法打开数据文件" in caught.value.message


def test_a_command_on_a_full_disk_prints_a_chinese_message(
    branch: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = branch.data.root
    branch.close()

    def apply_import(preview: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(roster, "apply_import", apply_import)
    code = app.main(["--no-crash-dialog", "--data-dir", str(root), "roster", "import",
                     str(SAMPLE_ROSTER)])  # fmt: skip
    assert code == 1
    err = capsys.readouterr().err
    assert "磁盘空间已满" in err and "命令没有完成" in err and "Traceback" not in err
