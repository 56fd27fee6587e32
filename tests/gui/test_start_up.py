"""Start-up: the window shows its first page quickly and light, every other page is there
when it is first opened, and the daily backup runs behind the window.

The numbers themselves are measured by ``bench/bench_start.py``; here are the properties
that keep them: nothing heavy loaded before it is used, 首页 read with a bounded number of
queries, pages built on their first visit and then filled, the backup off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.common import navigation
from jianshi_desktop.gui.documents.page import DocumentsPage
from jianshi_desktop.gui.heart_talks.page import HeartTalksPage
from jianshi_desktop.gui.main_window import AREAS, BACKUP_FAILED_TEXT, MainWindow
from jianshi_desktop.gui.meetings.page import MeetingsPage
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.gui.organization.page import OrganizationPage
from jianshi_desktop.gui.settings.page import SettingsPage
from jianshi_desktop.gui.submission.page import SubmissionPage
from jianshi_desktop.gui.theme_days.page import ThemeDaysPage
from jianshi_desktop.services import backups, demo
from jianshi_desktop.services.store import Store
from jianshi_desktop.submission import drives
from tests.gui import records_helpers as rh
from tests.gui import shown as on_screen
from tests.support import ROOT, make_demo_folder, program_env, run_python

BACKUP_PREFIX = backups.PREFIXES[backups.DAILY]  # the daily backup's files: 自动备份-…

TODAY = dt.date(2026, 11, 26)
# One read per kind of record (seven since issue 18), the history of the day, the open
# 整改 items and their owners' names, the reminders' settings, and the dues (payments,
# transfers in, bases, decisions on arrears) read once for all their reminders, and the
# 发展党员 files with their steps (issue 19: the reminders' and the pipeline line's): a fixed
# number, never one per record or per member.
# 学习培训 (issue 20): its kind's facts, and the year's hours read once for 首页's line and
# its reminder
# 关爱学生 (issue 20): its kind's facts; 首页's line reads the pairings, the term's helps and
# the day's roster (member events and members) once
# 组织设置情况 (issue 20): its kind's facts; 班子成员 (issue 20): their spans, for the engine
MAX_FIRST_PAGE_QUERIES = 45
# Loaded when first used (a search, a workbook, a document, a package, a preview), never
# to show the window.
HEAVY_MODULES = (
    "pypinyin",
    "openpyxl",
    "reportlab",
    "docx",
    "cryptography",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
)

# The real start (run_gui, the window closing itself once ready), then what it loaded.
START_AND_LIST_MODULES = """
import json, sys
from pathlib import Path
from jianshi_desktop.gui.app import run_gui

code = run_gui(Path(sys.argv[1]), demo=False, quit_after_ms=0)
heavy = json.loads(sys.argv[2])
print(json.dumps({"code": code, "loaded": [m for m in heavy if m in sys.modules]}))
"""


@pytest.fixture
def demo_store(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    return store


@pytest.fixture
def window(gui_app: object, qtbot: QtBot, demo_store: Store) -> MainWindow:
    shown = MainWindow(demo_store)
    qtbot.addWidget(shown)
    shown.show()
    return shown


class QueryCount:
    def __init__(self) -> None:
        self.statements: list[str] = []


@pytest.fixture
def queries(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[QueryCount]:
    """Every SQL statement the GUI thread sends through peewee while the test runs."""
    count = QueryCount()
    execute = demo_store.db.execute_sql

    def counted(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        count.statements.append(sql)
        return execute(sql, params, *args, **kwargs)

    monkeypatch.setattr(demo_store.db, "execute_sql", counted)
    yield count


def test_showing_the_window_loads_nothing_heavy(data_root: Path) -> None:
    make_demo_folder(data_root, today=dt.date.today())
    result = run_python(
        "-c",
        START_AND_LIST_MODULES,
        str(data_root),
        json.dumps(HEAVY_MODULES),
        env=program_env(PYTHONPATH=str(ROOT)),
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 0
    assert outcome["loaded"] == [], "loaded before the user asked for them"
    assert list((data_root / "backups").glob(f"{BACKUP_PREFIX}*.sqlite3")), "the backup ran"


def test_the_first_page_is_read_with_a_bounded_number_of_queries(
    gui_app: object, qtbot: QtBot, demo_store: Store, queries: QueryCount
) -> None:
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    assert on_screen.tile_texts(window.home_page), "首页 is filled"
    assert len(queries.statements) <= MAX_FIRST_PAGE_QUERIES, "\n".join(queries.statements)


def test_only_the_first_page_is_built_at_start_but_every_area_is_listed(
    window: MainWindow,
) -> None:
    assert set(window.pages) == {"home"}
    labels = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert labels == [area.label for area in AREAS]
    assert window.stack.count() == len(AREAS)


def test_each_page_is_filled_on_its_first_visit(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(drives, "removable_drives", lambda **_kw: [])
    for area in AREAS[1:]:
        window.show_area(area.key)
        assert window.current_area() == area.key
        assert window.current_page() is window.pages[area.key]
        shown = window.stack.currentWidget()
        assert shown is not None and shown.isVisible()
    assert on_screen.shown_members(window.page_of("members", MembersPage))
    organization = window.page_of("organization", OrganizationPage)
    assert on_screen.shown_posts(organization) and on_screen.shown_groups(organization)
    assert rh.shown_rows(window.page_of("meetings", MeetingsPage).list)
    assert rh.shown_rows(window.page_of("theme_days", ThemeDaysPage).list)
    assert rh.shown_rows(window.page_of("heart_talks", HeartTalksPage).list)
    assert on_screen.shown_records(window.page_of("documents", DocumentsPage))
    assert on_screen.export_summary(window.page_of("submission", SubmissionPage).export_panel)
    assert on_screen.settings_facts(window.page_of("settings", SettingsPage))["data_folder"]


def test_a_page_built_on_its_first_visit_reads_its_data_once(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    original = MeetingsPage.refresh

    def counted(page: MeetingsPage) -> None:
        calls.append("refresh")
        original(page)

    monkeypatch.setattr(MeetingsPage, "refresh", counted)
    window.show_area("meetings")
    assert calls == ["refresh"]
    window.show_area("home")
    window.show_area("meetings")
    assert calls == ["refresh", "refresh"], "read again on each later visit"


def test_the_daily_backup_runs_behind_the_window_and_the_status_bar_says_so(
    window: MainWindow, qtbot: QtBot, demo_store: Store
) -> None:
    assert window.backup_label.text() == "最近备份：还没有备份"
    task = window.start_automatic_backup()
    assert QApplication.overrideCursor() is None, "no busy cursor flashes after start"
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert list(demo_store.data.backups.glob(f"{BACKUP_PREFIX}*.sqlite3"))
    assert window.statusBar().currentMessage() == "今天的自动备份已完成。"
    assert window.backup_label.text().startswith("最近备份：20")
    again = window.start_automatic_backup()
    qtbot.waitUntil(lambda: not again.running, timeout=30_000)
    assert len(list(demo_store.data.backups.glob(f"{BACKUP_PREFIX}*.sqlite3"))) == 1


def test_a_failed_daily_backup_is_logged_and_mentioned(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(_store: Store) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(navigation, "backup_if_due", broken)
    task = window.start_automatic_backup()
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert window.statusBar().currentMessage() == BACKUP_FAILED_TEXT
    assert window.backup_label.text() == "最近备份：还没有备份"
    failed = [r for r in caplog.records if r.getMessage() == "Automatic backup failed"]
    assert failed and failed[0].exc_info is not None
