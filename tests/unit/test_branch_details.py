"""A branch's details after the first start (issue 16): the name must look like a branch's
name, a change is audited, and a rename shows on the documents of later records only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.db.database import close_database, open_database, schema_version
from jianshi_desktop.db.migrations import LATEST_VERSION
from jianshi_desktop.documents.model import Document
from jianshi_desktop.domain.branch import NameSpan, branch_name_problem, name_on
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import demo, documents, meetings
from jianshi_desktop.services.branch import (
    BranchChange,
    BranchDraft,
    branch_as_of,
    branch_info,
    branch_name_on,
    change_branch_details,
    create_branch,
    validate_branch_draft,
)
from jianshi_desktop.services.store import Store

from .document_helpers import BRANCH

TODAY = dt.date(2026, 11, 26)
RENAMED = "中共建始县青山湾九年一贯制学校支部委员会"
RENAMED_ON = dt.date(2026, 9, 1)

# ---- the rule --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "中共建始县花坪小学支部委员会",
        "花坪小学党支部",
        "中共建始县花坪小学党支部",
        "中共花坪小学支部委员会",
        "花坪小学支部",
        "  花坪小学党支部  ",
    ],
)
def test_real_branch_names_are_accepted(name: str) -> None:
    assert branch_name_problem(name) is None


def test_a_school_name_alone_is_refused_with_an_example_made_from_it() -> None:
    assert branch_name_problem("花坪小学") == (
        "请写支部的全称，例如“中共建始县花坪小学支部委员会”或“花坪小学党支部”。"
    )


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("花坪小学支部委员会", "“中共建始县花坪小学支部委员会”"),  # 中共 left out
        ("中共建始县花坪小学党总支", "“中共建始县花坪小学支部委员会”或“花坪小学党支部”"),
        ("花坪小学党总支部", "党总支不是党支部"),  # ends in 支部, still not a branch
        ("中共建始县花坪小学总支部委员会", "“中共建始县花坪小学支部委员会”或“花坪小学党支部”"),
        ("建始县花坪小学", "“中共建始县花坪小学支部委员会”或“花坪小学党支部”"),
        ("支部", "“中共建始县某某小学支部委员会”或“某某小学党支部”"),  # names no school
        ("中共支部委员会", "“中共建始县某某小学支部委员会”"),
    ],
)
def test_names_that_are_not_a_branch_are_refused_with_an_example(name: str, shown: str) -> None:
    problem = branch_name_problem(name)
    assert problem is not None and shown in problem


def test_the_first_start_applies_the_rule() -> None:
    draft = BranchDraft(name="花坪小学", founded_on=dt.date(2010, 9, 1))
    (problem,) = validate_branch_draft(draft, today=TODAY)
    assert problem.field == "name" and "花坪小学党支部" in problem.message


def test_the_name_of_a_day_is_the_latest_begun_by_then() -> None:
    spans = [
        NameSpan("新名支部", "上级", dt.date(2026, 9, 1)),
        NameSpan("旧名支部", "上级", dt.date(2010, 9, 1)),
    ]
    assert name_on(spans, dt.date(2026, 8, 31)) == spans[1]
    assert name_on(spans, dt.date(2026, 9, 1)) == spans[0]
    assert name_on(spans, dt.date(2001, 1, 1)) == spans[1]  # before the founding: the first
    assert name_on([], TODAY) is None


# ---- the service ------------------------------------------------------------------------


@pytest.fixture
def demo_branch(store: Store) -> Iterator[Store]:
    demo.fill_demo(today=TODAY)
    yield store


def _change(**values: object) -> BranchChange:
    info = branch_info()
    assert info is not None
    base = BranchChange(
        name=info.name,
        parent_name=info.parent_name,
        has_committee=info.has_committee,
        theme_day_of_month=info.theme_day_of_month,
        names_from=TODAY,
    )
    return dataclasses.replace(base, **values)  # type: ignore[arg-type]


def test_a_change_is_audited_and_saved(demo_branch: Store) -> None:
    said = change_branch_details(
        _change(name=RENAMED, names_from=RENAMED_ON, theme_day_of_month=20), today=TODAY
    )
    assert said == [
        f"支部名称由“{BRANCH}”改为“{RENAMED}”（自2026年9月1日起）",
        "主题党日由每月15日改为每月20日",
    ]
    row = models.AuditLog.select().order_by(models.AuditLog.id.desc()).get()
    assert row.action == "change_branch_details" and row.entity == "branch"
    assert RENAMED in row.summary and "自2026年9月1日起" in row.summary
    assert row.detail["old"]["name"] == BRANCH and row.detail["new"]["name"] == RENAMED
    info = branch_info()
    assert info is not None and info.name == RENAMED and info.theme_day_of_month == 20


def test_nothing_changed_writes_nothing(demo_branch: Store) -> None:
    before = models.AuditLog.select().count()
    assert change_branch_details(_change(), today=TODAY) == []
    assert models.AuditLog.select().count() == before


def test_a_bad_name_is_refused_and_nothing_is_written(demo_branch: Store) -> None:
    before = models.AuditLog.select().count()
    with pytest.raises(ValidationError) as caught:
        change_branch_details(_change(name="青山湾小学"), today=TODAY)
    assert caught.value.field == "name" and "青山湾小学党支部" in str(caught.value)
    assert models.AuditLog.select().count() == before
    assert branch_name_on(TODAY) == BRANCH


def test_a_new_name_cannot_start_before_the_last_one_nor_after_today(demo_branch: Store) -> None:
    change_branch_details(_change(name=RENAMED, names_from=RENAMED_ON), today=TODAY)
    with pytest.raises(ValidationError, match="上次修改名称"):
        change_branch_details(
            _change(name="青山湾学校党支部", names_from=dt.date(2026, 8, 1)), today=TODAY
        )
    with pytest.raises(ValidationError, match="不能晚于今天"):
        change_branch_details(
            _change(name="青山湾学校党支部", names_from=dt.date(2026, 11, 27)), today=TODAY
        )


def test_a_new_parent_is_dated_too(demo_branch: Store) -> None:
    old_parent = branch_as_of(TODAY).parent_name
    change_branch_details(
        _change(parent_name="中共建始县委教育工作委员会", names_from=RENAMED_ON), today=TODAY
    )
    assert branch_as_of(dt.date(2026, 8, 31)).parent_name == old_parent
    assert branch_as_of(RENAMED_ON).parent_name == "中共建始县委教育工作委员会"
    info = branch_info()
    assert info is not None and info.parent_name == "中共建始县委教育工作委员会"


def _text(value: object) -> str:
    """Every string a document model holds, joined."""
    if isinstance(value, str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return "\n".join(_text(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, list | tuple):
        return "\n".join(_text(item) for item in value)
    return ""


def test_a_rename_shows_on_the_minutes_of_later_meetings_only(demo_branch: Store) -> None:
    rows = sorted(meetings.list_meetings(year=2026), key=lambda r: r.held_on)
    before = next(r for r in reversed(rows) if r.held_on < RENAMED_ON)
    after = next(r for r in rows if r.held_on >= RENAMED_ON)
    change_branch_details(_change(name=RENAMED, names_from=RENAMED_ON), today=TODAY)

    old_doc: Document = documents.record_document("meeting", before.id)
    new_doc: Document = documents.record_document("meeting", after.id)
    assert BRANCH in _text(old_doc) and RENAMED not in _text(old_doc)
    assert RENAMED in _text(new_doc) and BRANCH not in _text(new_doc)
    assert documents.minutes_content(before.id).branch == BRANCH
    assert documents.minutes_content(after.id).branch == RENAMED
    # the 台账 of the third quarter, which ends after the rename, carries the new name
    assert documents.ledger_stem(parse_period("2026Q2")).startswith(BRANCH)
    assert documents.ledger_stem(parse_period("2026Q3")).startswith(RENAMED)
    # the roster of a day before the rename, in the same package, is named the same way
    assert documents.roster_stem(dt.date(2026, 6, 30)).startswith(BRANCH)
    assert documents.roster_stem(TODAY).startswith(RENAMED)
    from openpyxl import load_workbook

    from jianshi_desktop.services.roster import export_roster

    out = demo_branch.data.root / "花名册.xlsx"
    export_roster(out, as_of=dt.date(2026, 6, 30), today=TODAY)
    assert load_workbook(out).active["A1"].value == f"{BRANCH}党员花名册"


def test_correcting_from_the_founding_day_renames_every_document(demo_branch: Store) -> None:
    info = branch_info()
    assert info is not None
    change_branch_details(_change(name=RENAMED, names_from=info.founded_on), today=TODAY)
    first = min(meetings.list_meetings(year=2026), key=lambda r: r.held_on)
    assert documents.minutes_content(first.id).branch == RENAMED
    assert models.BranchNameSpan.select().count() == 1


# ---- migration 11 -----------------------------------------------------------------------


def test_migration_11_keeps_the_name_from_the_founding(tmp_path: Path) -> None:
    path = tmp_path / "v10.sqlite3"
    close_database()
    open_database(path, target=10)
    org = models.Organization.create(name="中共建始县教育局委员会")
    models.Branch.create(name="花坪小学", organization=org, founded_on=dt.date(2010, 3, 1))
    close_database()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 10
    conn.close()

    db = open_database(path, backups_dir=tmp_path / "backups")
    assert schema_version(db) == LATEST_VERSION
    (span,) = models.BranchNameSpan.select()
    assert (span.name, span.parent_name, span.valid_from) == (
        "花坪小学",
        "中共建始县教育局委员会",
        dt.date(2010, 3, 1),
    )
    assert branch_name_on(dt.date(2020, 1, 1)) == "花坪小学"
    # the old name, accepted before the rule, can now be corrected for every document
    change_branch_details(
        BranchChange(
            name="中共建始县花坪小学支部委员会",
            parent_name="中共建始县教育局委员会",
            has_committee=False,
            theme_day_of_month=1,
            names_from=dt.date(2010, 3, 1),
        ),
        today=TODAY,
    )
    assert branch_name_on(dt.date(2010, 3, 1)) == "中共建始县花坪小学支部委员会"
    close_database()


def test_a_new_branch_has_its_name_from_the_founding(store: Store) -> None:
    create_branch(BranchDraft(name="花坪小学党支部", founded_on=dt.date(2010, 9, 1)))
    assert branch_as_of(dt.date(2010, 9, 1)) == NameSpan(
        "花坪小学党支部", "中共建始县教育局委员会", dt.date(2010, 9, 1)
    )
