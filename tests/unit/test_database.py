"""The data core: opening, migrating, refusing, constraints, one transaction per action."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import peewee
import pytest

from jianshi_desktop.db import models
from jianshi_desktop.db.database import (
    APPLICATION_ID,
    close_database,
    open_database,
    schema_version,
)
from jianshi_desktop.db.migrations import LATEST_VERSION, MIGRATIONS
from jianshi_desktop.errors import DatabaseError, DatabaseTooNewError
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.store import Store


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_migrated_and_tuned(store: Store) -> None:
    db = store.db
    assert schema_version(db) == LATEST_VERSION
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def _tables() -> list[type[models.BaseModel]]:
    """Every model with a table: the subclasses of BaseModel that none subclasses (the
    others, such as the records' common base, have no table of their own)."""
    found: list[type[models.BaseModel]] = []
    bases = [models.BaseModel]
    while bases:
        for model in bases.pop().__subclasses__():
            (bases if model.__subclasses__() else found).append(model)
    return found


def test_migrated_schema_matches_the_models(store: Store) -> None:
    """The migrations are the schema; the models must describe exactly that."""
    assert len(_tables()) > 20 and models.Meeting in _tables()
    for model in _tables():
        table = model._meta.table_name
        rows = store.db.execute_sql(f'PRAGMA table_info("{table}")').fetchall()
        assert rows, f"table {table} missing"
        in_db = {row[1]: (row[3] == 1) for row in rows}  # column → NOT NULL
        in_model = {f.column_name: not f.null for f in model._meta.sorted_fields}
        assert in_db == in_model, table


def test_foreign_keys_are_enforced(store: Store) -> None:
    with pytest.raises(peewee.IntegrityError):
        models.Member.create(branch=9999, name="无此支部")


def _branch() -> models.Branch:
    org = models.Organization.create(name="中共建始县教育局委员会")
    return models.Branch.create(name="测试支部", organization=org, founded_on=dt.date(2010, 1, 1))


def test_migration_from_an_older_schema_keeps_the_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    backups = tmp_path / "backups"
    db = open_database(path, target=1)
    assert schema_version(db) == 1
    branch = _branch()
    models.Member.create(branch=branch, name="张晓明", id_number="11010519491231002X")
    close_database()

    db = open_database(path, backups_dir=backups)
    assert schema_version(db) == LATEST_VERSION
    member = models.Member.get(models.Member.name == "张晓明")
    assert member.branch.name == "测试支部"
    models.Meeting.create(branch=branch, kind="committee", held_on=dt.date(2020, 9, 1))
    close_database()
    saved = list(backups.glob("升级前备份-v1-*.sqlite3"))
    assert len(saved) == 1
    with sqlite3.connect(saved[0]) as copy:
        assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
        assert copy.execute("SELECT name FROM member").fetchall() == [("张晓明",)]


def test_a_branch_kept_before_dues_came_keeps_its_dues_from_that_day(tmp_path: Path) -> None:
    """Migration 15: months before the version that keeps 党费 are 未在本程序记录, not
    overdue — a branch already there is marked with the day; a new branch is not."""
    path = tmp_path / "old.sqlite3"
    open_database(path, target=14)
    _branch()
    close_database()
    open_database(path, backups_dir=tmp_path / "backups")
    assert models.Branch.get().dues_from == dt.date.today()
    close_database()
    open_database(tmp_path / "new.sqlite3")
    _branch()
    assert models.Branch.get().dues_from is None
    close_database()


def test_a_branch_kept_before_the_rest_of_the_notice_is_judged_from_that_day(
    tmp_path: Path,
) -> None:
    """Migration 18: 班子成员讲党课, 学校党建工作会议 and 组织设置情况 are judged from the day
    they came to a branch already kept here; a new branch is judged as usual."""
    path = tmp_path / "old.sqlite3"
    open_database(path, target=17)
    _branch()
    close_database()
    open_database(path, backups_dir=tmp_path / "backups")
    assert models.Branch.get().notice_from == dt.date.today()
    close_database()
    open_database(tmp_path / "new.sqlite3")
    _branch()
    assert models.Branch.get().notice_from is None
    close_database()


def test_every_migration_is_numbered_in_order() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path)
    close_database()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseTooNewError) as caught:
        open_database(path, backups_dir=tmp_path / "b")
    message = str(caught.value)
    assert str(path) in message and "更新版本" in message and "最新版本" in message
    assert _digest(path) == before
    assert not (tmp_path / "b").exists()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "jianshi.sqlite3"
    path.write_bytes("这是一份 Word 文档，不是数据库".encode() * 100)
    before = _digest(path)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert str(path) in str(caught.value)
    assert "不是本程序的数据文件" in str(caught.value)
    assert _digest(path) == before


def test_a_damaged_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite3"
    open_database(path)
    models.Member.create(branch=_branch(), name="张晓明")
    close_database()
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page after the header
    path.write_bytes(bytes(raw))
    before = _digest(path)
    with pytest.raises(DatabaseError):
        open_database(path)
    assert _digest(path) == before


def test_another_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.close()
    before = _digest(path)
    with pytest.raises(DatabaseError) as caught:
        open_database(path)
    assert "其他程序" in str(caught.value)
    assert _digest(path) == before


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite3"
    path.write_bytes(b"")
    db = open_database(path)
    assert schema_version(db) == LATEST_VERSION
    close_database()


def test_a_failed_action_writes_nothing_not_even_its_audit_row(store: Store) -> None:
    with pytest.raises(RuntimeError), user_action("broken", entity="branch"):
        _branch()
        raise RuntimeError("boom")
    assert models.Branch.select().count() == 0
    assert models.AuditLog.select().count() == 0


def test_a_successful_action_is_audited(store: Store) -> None:
    with user_action("create_test_branch", entity="branch") as audit:
        audit.entity_id = _branch().id
        audit.summary = "建立测试支部"
    row = models.AuditLog.get()
    assert (row.action, row.entity, row.summary) == ("create_test_branch", "branch", "建立测试支部")


def _insert(conn: sqlite3.Connection, table: str, **values: object) -> None:
    """A row written as SQL at an old version: every other NOT NULL column gets ''/0."""
    for _cid, name, kind, notnull, _default, pk in conn.execute(f'PRAGMA table_info("{table}")'):
        if notnull and not pk and name not in values:
            values[name] = 0 if "INT" in kind.upper() else ""
    names = ", ".join(f'"{n}"' for n in values)
    marks = ", ".join("?" for _ in values)
    conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(values.values()))


def _version_5_database(path: Path, *, held_on: list[str]) -> None:
    close_database()
    open_database(path, target=5)
    close_database()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
        _insert(conn, "organization", name="中共建始县教育局委员会", kind="committee")
        _insert(
            conn,
            "branch",
            uid="b1",
            name="测试支部",
            organization_id=1,
            founded_on="2010-03-01",
            theme_day_of_month=1,
            created_at="2026-12-01 08:00:00",
        )
        for n, day in enumerate(held_on, start=1):
            extra = {"kind": "committee"} if n % 2 else {}
            table = "meeting" if n % 2 else "theme_day"
            _insert(conn, table, branch_id=1, held_on=day, state="finished", **extra)


def test_migration_6_keeps_existing_data_judged_from_its_earliest_record(
    tmp_path: Path,
) -> None:
    """Issue 11: a database from before the records-from day judges existing data as
    before: from its earliest record (meeting, theme day or talk, any state)."""
    path = tmp_path / "v5.sqlite3"
    _version_5_database(path, held_on=["2019-05-20", "2018-11-02", "2021-01-05"])
    open_database(path)
    branch = models.Branch.get()
    assert branch.records_from == dt.date(2018, 11, 2)
    assert models.ReminderDismissal.select().count() == 0
    close_database()


def test_migration_6_without_records_judges_from_the_founding(tmp_path: Path) -> None:
    path = tmp_path / "v5-empty.sqlite3"
    _version_5_database(path, held_on=[])
    open_database(path)
    assert models.Branch.get().records_from == dt.date(2010, 3, 1)
    close_database()


def test_a_worker_closing_with_a_transaction_open_is_logged_not_raised(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker thread that ends with a transaction still open (a bug of that worker):
    peewee refuses to close its connection; that is logged, and the thread ends cleanly."""
    import threading

    from jianshi_desktop.services.store import close_thread_connection

    raised: list[BaseException] = []

    def worker() -> None:
        store.db.atomic().__enter__()  # never left: the worker's bug
        try:
            close_thread_connection()
        except BaseException as exc:  # what the worker would have died of
            raised.append(exc)
            raise

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert raised == []
    assert "Could not close a worker thread's database connection" in caplog.text
