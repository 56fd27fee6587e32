"""A database made by release 0.1.0 opens in this version with nothing lost (issue 11:
"a migration turns existing data into history without losing a field, tested on a copy of
a database made by the current release").

The fixture ``tests/data/release-0.1.0-demo.sql`` is the demo database that release wrote
(schema 4, before history spans), kept as SQL text. Here it becomes a data folder, which
the app opens as a secretary's would be after updating: it is upgraded, a copy of the old
file is kept in ``backups/``, and every old row keeps every field — where a field moved
into history (a post's holder, a member's party group), the history says the same.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jianshi_desktop.db.migrations import LATEST_VERSION
from jianshi_desktop.services import compliance, documents, history
from jianshi_desktop.services.store import Store
from tests.support import TEST_DATA, opened

RELEASE_DUMP = TEST_DATA / "release-0.1.0-demo.sql"
RELEASE_SCHEMA = 4
MADE_ON = dt.date(2026, 12, 6)  # the day the release made the demo (its dates follow it)

Rows = dict[str, dict[int, dict[str, Any]]]


def read_rows(path: Path) -> Rows:
    """Every table's rows by id, as plain column → value dicts."""
    with sqlite3.connect(path) as db:
        db.row_factory = sqlite3.Row
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows: Rows = {}
        for table in tables:
            rows[table] = {row["id"]: dict(row) for row in db.execute(f'SELECT * FROM "{table}"')}
    db.close()
    return rows


@pytest.fixture(scope="module")
def release_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("release")
    path = folder / "release.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(RELEASE_DUMP.read_text(encoding="utf-8"))
    db.close()
    return path


@pytest.fixture
def upgraded(release_file: Path, tmp_path: Path) -> Iterator[tuple[Store, Rows]]:
    """The release's data folder opened by this version; with the rows it had before."""
    root = tmp_path / "data"
    root.mkdir()
    (root / "jianshi.sqlite3").write_bytes(release_file.read_bytes())
    before = read_rows(root / "jianshi.sqlite3")
    with opened(root) as store:
        yield store, before


def test_the_fixture_is_the_release_schema_with_its_demo(release_file: Path) -> None:
    with sqlite3.connect(release_file) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == RELEASE_SCHEMA
        columns = {row[1] for row in db.execute('PRAGMA table_info("committee_post")')}
        assert {"member_id", "since", "until"} <= columns  # holders before history spans
        assert db.execute("SELECT count(*) FROM member").fetchone()[0] == 23
    db.close()


def test_opening_it_upgrades_and_keeps_the_old_file_in_backups(
    upgraded: tuple[Store, Rows],
) -> None:
    store, before = upgraded
    assert store.schema_version == LATEST_VERSION
    kept = list(store.data.backups.glob(f"升级前备份-v{RELEASE_SCHEMA}-*.sqlite3"))
    assert len(kept) == 1
    assert read_rows(kept[0]) == before  # the copy is the release's data, untouched


def test_every_old_row_keeps_every_field_that_still_has_a_column(
    upgraded: tuple[Store, Rows],
) -> None:
    store, before = upgraded
    after = read_rows(store.data.database)
    compared = 0
    for table, rows in before.items():
        assert table in after, f"table {table} was dropped"
        for row_id, old in rows.items():
            new = after[table].get(row_id)
            assert new is not None, f"{table} row {row_id} was lost"
            for column, value in old.items():
                if column in new:
                    assert new[column] == value, f"{table}.{column} of row {row_id} changed"
                    compared += 1
    assert compared > 5000  # the whole demo, not a handful of rows


def test_each_post_holder_and_party_group_moved_into_history(
    upgraded: tuple[Store, Rows],
) -> None:
    store, before = upgraded
    after = read_rows(store.data.database)
    terms = before["committee_term"]
    holdings = {
        h["post_id"]: h for h in after["committee_post_holding"].values() if h["valid_to"] is None
    }
    held = [post for post in before["committee_post"].values() if post["member_id"] is not None]
    assert held, "the demo has post holders"
    for post in held:
        holding = holdings[post["id"]]
        assert holding["member_id"] == post["member_id"]
        assert holding["valid_from"] == (post["since"] or terms[post["term_id"]]["starts_on"])
    spans = {span["member_id"]: span for span in after["group_membership"].values()}
    grouped = [m for m in before["member"].values() if m["party_group_id"] is not None]
    assert grouped, "the demo has party groups"
    for member in grouped:
        assert spans[member["id"]]["party_group_id"] == member["party_group_id"]
        assert spans[member["id"]]["valid_to"] is None


def test_the_upgraded_data_answers_as_the_release_showed_it(upgraded: tuple[Store, Rows]) -> None:
    """Today's roster, the posts and every record's document read as before the update."""
    _store, before = upgraded
    active = {m["id"] for m in before["member"].values() if m["state"] == "active"}
    assert {m.id for m in history.roster_on(MADE_ON)} == active
    holders = {p.member_id for p in history.post_holders_on(MADE_ON) if p.member_id}
    assert holders == {p["member_id"] for p in before["committee_post"].values()} - {None}
    engine = compliance.engine(today=MADE_ON)
    assert engine.facts.records  # the demo's records count toward the obligations
    present: dict[int, set[str]] = {}
    for row in before["attendance"].values():
        if row["meeting_id"] and row["role"] == "expected" and row["presence"] == "present":
            present.setdefault(row["meeting_id"], set()).add(row["name"])
    for meeting_id in before["meeting"]:
        content = documents.minutes_content(meeting_id)
        assert set(content.attendees) >= present.get(meeting_id, set()), meeting_id
    for talk_id in before["heart_talk"]:
        assert documents.record_document("heart_talk", talk_id).blocks
