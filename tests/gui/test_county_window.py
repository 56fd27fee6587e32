"""县局汇总's window (issue 21), driven offscreen as an operator at the county would: the
first start choosing 县局汇总, a stick of packages imported with progress (one with a
password), a package signed by another key held apart until 采用, the matrix naming a
school that sent nothing as 缺报, and a school's records and a PDF from its package in
the app's own preview."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.db.models import Branch, Setting
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.county import packages_page
from jianshi_desktop.gui.county.matrix_page import MISSING_TEXT
from jianshi_desktop.gui.county.package_preview import PackagePreviewDialog
from jianshi_desktop.gui.county.packages_page import ACCEPT_TEXT, CHECK_TEXT
from jianshi_desktop.gui.county.window import AREAS, CountyWindow
from jianshi_desktop.gui.first_start import FirstStartWizard, WelcomePage
from jianshi_desktop.services import county, demo, signing_keys
from jianshi_desktop.services.branch import has_branch
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission.county import find_packages, import_packages
from jianshi_desktop.submission.package import PackageOptions, build_package

from .conftest import MessageLog, run_app, visible_windows, when_shown

TODAY = dt.date(2026, 11, 26)
PASSWORD = "huaping2026"
OTHER_SCHOOL = "中共建始县花坪小学支部委员会"
SHOTS = os.environ.get("JIANSHI_SHOTS")  # a folder: the screenshots are kept there


@dataclass(frozen=True)
class Stick:
    """A USB stick: 青山湾 sent July, July again (made a day later) and August signed by a
    key nobody announced; 花坪 sent only August, with a password."""

    folder: Path
    files: int


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Stick:
    root = tmp_path_factory.mktemp("county-stick")
    folder = root / "U盘"
    july, august = parse_period("2026-07"), parse_period("2026-08")
    store = open_store(root / "青山湾", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        build_package(store.data, july, folder / "1", PackageOptions(), today=TODAY)
        later = TODAY + dt.timedelta(days=1)
        build_package(store.data, july, folder / "2", PackageOptions(), today=later)
        Setting.delete().where(Setting.key == signing_keys.OWN_KEY).execute()  # a new PC
        build_package(store.data, august, folder / "3", PackageOptions(), today=TODAY)
    finally:
        store.close()
    store = open_store(root / "花坪", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        Branch.update(name=OTHER_SCHOOL).execute()
        options = PackageOptions(password=PASSWORD)
        build_package(store.data, august, folder / "4 花坪", options, today=TODAY)
    finally:
        store.close()
    return Stick(folder, len(find_packages(folder)))


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        county.make_county_folder()
        yield opened
    finally:
        opened.close()


@pytest.fixture
def window(gui_app: object, qtbot: QtBot, desk: Store) -> CountyWindow:
    shown = CountyWindow(desk)
    qtbot.addWidget(shown)
    shown.resize(1366, 768)
    shown.show()
    return shown


@pytest.fixture
def filled(desk: Store, stick: Stick) -> Store:
    """Every package of the stick imported, the held one accepted after the phone call."""
    import_packages(find_packages(stick.folder), desk.data, passwords=[PASSWORD])
    for held in county.packages(statuses=[county.HELD]):
        county.accept_held(held.id)
    return desk


def shoot(window: CountyWindow, name: str, tmp_path: Path) -> Path:
    QApplication.processEvents()
    folder = Path(SHOTS) if SHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"county-{name}.png"
    assert window.grab().save(str(path))
    return path


def held_buttons(page: QWidget) -> list[QPushButton]:
    """The 「已电话核实，采用」 buttons shown on 报送包."""
    found = page.findChildren(QPushButton)
    return [b for b in found if b.text() == ACCEPT_TEXT and b.isVisible()]


def say_yes(monkeypatch: pytest.MonkeyPatch) -> list[messages.Message]:
    asked: list[messages.Message] = []

    def answer(_parent: object, message: messages.Message) -> bool:
        asked.append(message)
        return True

    monkeypatch.setattr(messages, "present", answer)
    return asked


# --- the first start ----------------------------------------------------------------------


def test_the_first_start_offers_the_county_desk_and_opens_its_window(
    gui_app: object, data_root: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    seen: list[str] = []

    def choose_county(wizard: FirstStartWizard) -> None:
        welcome = wizard.page_of(WelcomePage)
        assert welcome.branch_radio.isChecked(), "the branch stays the default"
        assert "县局汇总" in welcome.county_radio.text()
        welcome.county_radio.setChecked(True)
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert finish.isVisible() and finish.isEnabled(), "no branch pages to go through"
        seen.append("wizard")
        finish.click()

    def close_window(window: CountyWindow) -> None:
        seen.append(window.windowTitle())
        assert [window.navigation.item(i).text() for i in range(4)] == [a.label for a in AREAS]
        assert str(data_root) in window.folder_label.text()
        window.close()

    when_shown(FirstStartWizard, choose_county)
    when_shown(CountyWindow, close_window)
    assert run_app(data_root) == 0
    assert seen == ["wizard", "县局汇总 — 建始支部工作台账"]
    store = open_store(data_root, log_to_file=False)
    try:
        assert county.is_county_folder() and not has_branch()
    finally:
        store.close()

    # the next start opens the county window at once, no wizard
    def close_again(window: CountyWindow) -> None:
        seen.append("again")
        window.close()

    when_shown(CountyWindow, close_again)
    assert run_app(data_root) == 0
    assert seen[-1] == "again"


# --- 报送包 ---------------------------------------------------------------------------------


def test_a_stick_is_imported_with_progress_and_a_held_package_waits_for_the_phone_call(
    window: CountyWindow,
    qtbot: QtBot,
    stick: Stick,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
    tmp_path: Path,
) -> None:
    window.show_area("packages")
    page = window.packages_page
    assert "还没有导入报送包" in page.count_label.text()
    shoot(window, "packages-empty", tmp_path)
    asked: list[int] = []

    def password(count: int) -> str:
        asked.append(count)
        return PASSWORD

    monkeypatch.setattr(page, "ask_password", password)
    steps: list[tuple[str, int, int]] = []
    real = packages_page.import_packages

    def counted(*args: Any, **kwargs: Any) -> Any:
        told = kwargs["progress"]

        def progress(what: str, done: int, total: int) -> None:
            steps.append((what, done, total))
            told(what, done, total)

        return real(*args, **{**kwargs, "progress": progress})

    monkeypatch.setattr(packages_page, "import_packages", counted)
    task = page.import_folder(stick.folder)
    assert task is not None and task.progress.cancelled is False
    qtbot.waitUntil(lambda: any(OTHER_SCHOOL in r.text for r in page.results), timeout=60_000)
    qtbot.waitUntil(lambda: not page.importing(), timeout=60_000)
    assert asked == [1], "one package has a password: asked once, then imported"
    assert steps[0][1:] == (0, stick.files) and steps[stick.files] == ("导入完成", 4, 4)
    assert "正在检查" in steps[1][0]
    lines = [page.result_list.item(i).text() for i in range(page.result_list.count())]
    assert len(lines) == stick.files
    assert sum("已导入" in line for line in lines) == stick.files
    assert any("签名密钥与以前不同" in line and line.startswith("！") for line in lines)
    assert PASSWORD not in str(county.packages()), "the password is never kept"
    assert not page.passwords

    # the held package: at the top, red, with a loud warning and 采用
    assert page.model.item(0, 3).text() == "！签名不符，暂不采用"
    qtbot.waitUntil(lambda: len(held_buttons(page)) == 1)
    (accept,) = held_buttons(page)
    frame = accept.parentWidget()
    assert frame is not None
    warning = frame.findChild(type(page.count_label))
    assert warning is not None and "签名密钥与以前不同" in warning.text()
    shoot(window, "packages-held", tmp_path)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)  # the question says no by default
    assert county.packages(statuses=[county.HELD]), "not taken without a yes"
    assert "电话" in shown_messages.shown[-1].hint
    asked_now = say_yes(monkeypatch)
    (accept,) = held_buttons(page)
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert asked_now and "采用" in asked_now[-1].text
    assert not county.packages(statuses=[county.HELD])
    assert not held_buttons(page)
    superseded = [
        page.model.item(r, 3).text()
        for r in range(page.model.rowCount())
        if page.model.item(r, 3).text() == "已被新包取代"
    ]
    assert len(superseded) == 1, "the older July is kept as history"

    # 花坪's key was seen once: compared with its report before it counts as confirmed
    def checks() -> list[QPushButton]:
        found = page.findChildren(QPushButton)
        return [b for b in found if b.text() == CHECK_TEXT and b.isVisible()]

    qtbot.waitUntil(lambda: len(checks()) == 1)
    qtbot.mouseClick(checks()[0], Qt.MouseButton.LeftButton)
    assert "指纹" in asked_now[-1].text and "报告末尾" in asked_now[-1].hint
    assert all(b.key_confirmed for b in county.branches())
    assert not [b for b in page.findChildren(QPushButton) if b.text() == ACCEPT_TEXT]
    shoot(window, "packages", tmp_path)


def test_a_folder_without_packages_says_so(
    window: CountyWindow, tmp_path: Path, shown_messages: MessageLog
) -> None:
    empty = tmp_path / "空U盘"
    empty.mkdir()
    (empty / "说明.txt").write_text("不是报送包", encoding="utf-8")
    assert window.packages_page.import_folder(empty) is None
    assert "没有报送包" in shown_messages.texts[-1]


# --- 汇总 ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("filled")
def test_the_matrix_names_a_school_that_sent_nothing_as_missing(
    window: CountyWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    window._data_changed()
    window.show_area("matrix")
    page = window.matrix_page
    page.picker.set_period(parse_period("2026-07"))
    # 青山湾's July came in November: sent, but late
    assert page.summary_label.text() == "2026年7月：共2所学校，1所未报送，0所部分报送，1所逾期报送"
    model = page.model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=names.index) and OTHER_SCHOOL in names
    missing = page.row_of(OTHER_SCHOOL)
    cells = [model.index(missing, c).data() for c in range(2, model.columnCount())]
    assert cells and set(cells) == {MISSING_TEXT}
    assert model.index(missing, 1).data() == "！未报送"
    tip = model.index(missing, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "缺报" in tip and OTHER_SCHOOL in tip
    sent = 1 - missing
    shown = [model.index(sent, c).data() for c in range(2, model.columnCount())]
    assert all("/" in text for text in shown), shown
    assert any(text.endswith("✓") for text in shown)
    done = next(c for c in range(2, model.columnCount()) if model.index(sent, c).data()[-1] == "✓")
    assert "已完成" in model.index(sent, done).data(Qt.ItemDataRole.ToolTipRole)
    shoot(window, "matrix", tmp_path)

    # double-click a school: 各校 opens on it
    rect = page.table.visualRect(model.index(missing, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_area() == "schools"
    assert window.school_page.school_box.currentText() == OTHER_SCHOOL


def test_a_school_that_sent_part_of_the_period_is_partial_not_missing(
    window: CountyWindow, desk: Store, stick: Stick, tmp_path: Path
) -> None:
    """Only 青山湾's July package for the third quarter: 部分报送, the cells say what July
    shows and which months did not come — not 「缺报 / 没有收到这一期的报送包」."""
    july = [p for p in find_packages(stick.folder) if p.parent.name == "1"]
    assert len(july) == 1
    import_packages(july, desk.data)
    window._data_changed()
    window.show_area("matrix")
    page = window.matrix_page
    page.picker.set_period(parse_period("2026Q3"))
    assert page.summary_label.text() == (
        "2026年第三季度：共1所学校，0所未报送，1所部分报送，1所逾期报送"
    )
    model = page.model
    sent = model.index(0, 1).data()
    assert sent.startswith("！部分报送") and "缺8、9月" in sent
    cells = [model.index(0, c).data() for c in range(2, model.columnCount())]
    assert cells and all(text.endswith("（缺8、9月）") and "/" in text for text in cells), cells
    tip = model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "没有收到这所学校这一期的报送包" not in tip
    assert "部分缺报" in tip and "已收到：2026年7月" in tip
    assert "没有收到：2026年8月、2026年9月" in tip
    shoot(window, "matrix-partial", tmp_path)


# --- 各校 ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("filled")
def test_a_school_opens_on_its_records_and_a_pdf_of_its_package_in_the_preview(
    window: CountyWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window._data_changed()
    window.show_area("schools")
    page = window.school_page
    page.choose_school(next(b.uid for b in county.branches() if b.name != OTHER_SCHOOL))
    qingshan = page.school_box.currentText()
    assert qingshan != OTHER_SCHOOL
    # its packages with their history, the current one chosen
    statuses = [page.package_model.item(r, 2).text() for r in range(page.package_model.rowCount())]
    assert sorted(statuses) == ["已被新包取代", "有效", "有效"]
    assert page.package is not None and page.package.status == county.CURRENT
    kinds = {page.record_model.item(r, 1).text() for r in range(page.record_model.rowCount())}
    assert page.record_model.rowCount() > 0 and "主题党日" in kinds, kinds
    assert page.tabs.tabText(0) == f"记录（{page.record_model.rowCount()}）"
    shoot(window, "school-records", tmp_path)
    page.tabs.setCurrentIndex(1)
    assert page.documents and all(d.startswith("文书/") for d in page.documents)
    shoot(window, "school-documents", tmp_path)
    before = set((window.store.data.root).rglob("*.pdf"))
    task = page.show_document(page.documents[0])
    assert task is not None
    qtbot.waitUntil(lambda: bool(visible_windows(PackagePreviewDialog)), timeout=20_000)
    (preview,) = visible_windows(PackagePreviewDialog)
    assert preview.page_count() >= 1
    assert not preview.buttons["openWordButton"].isVisible()  # never to another program
    assert not preview.buttons["saveWordButton"].isVisible()
    assert set(window.store.data.root.rglob("*.pdf")) == before, "nothing unpacked"
    preview.resize(1366, 768)
    QApplication.processEvents()
    folder = Path(SHOTS) if SHOTS else tmp_path
    assert preview.grab().save(str(folder / "county-preview.png"))
    preview.close()

    # the school with a password: asked again, never kept
    monkeypatch.setattr(page, "ask_password", lambda: PASSWORD)
    page.choose_school(next(b.uid for b in county.branches() if b.name == OTHER_SCHOOL))
    assert not page.documents and page.unlock_button.isVisibleTo(page)
    assert page.unlock()
    assert page.documents
    page.tabs.setCurrentIndex(2)
    assert page.facts_list.count() >= 1
    shoot(window, "school-facts", tmp_path)


@pytest.mark.usefixtures("filled")
def test_every_area_fits_1366_by_768_and_the_documents_open(
    window: CountyWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window._data_changed()
    for area in AREAS:
        window.show_area(area.key)
        shot = shoot(window, f"area-{area.key}", tmp_path)
        assert shot.stat().st_size > 0
    documents = window.documents_page
    assert documents.notice_button.isEnabled()
    documents.picker.set_period(parse_period("2026-07"))
    editor = documents.open_notice()
    assert editor is not None and editor.isVisible()
    editor.close()
    # 导出Excel… on 汇总: the workbook where the operator saved it
    target = tmp_path / "导出" / "2026年7月各校完成情况汇总.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(window.matrix_page, "ask_export_path", lambda _suggested: target)
    window.show_area("matrix")
    window.matrix_page.picker.set_period(parse_period("2026-07"))
    assert window.matrix_page.choose_export() == target
    assert target.is_file() and target.stat().st_size > 0


def test_an_empty_desk_explains_what_to_do(window: CountyWindow) -> None:
    window.show_area("matrix")
    assert "还没有收到任何学校的报送包" in window.matrix_page.empty_label.text()
    window.show_area("schools")
    assert "还没有导入报送包" in window.school_page.empty_label.text()
    window.show_area("documents")
    assert not window.documents_page.notice_button.isEnabled()


def test_the_selftest_builds_the_county_window_on_a_county_folder(tmp_path: Path) -> None:
    import json

    from tests.support import run_main

    root = tmp_path / "县局"
    opened = open_store(root, log_to_file=False)
    try:
        county.make_county_folder()
    finally:
        opened.close()
    done = run_main("--data-dir", str(root), "selftest", "--json", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["county"] is True
    assert result["main_window"]["title"].startswith("县局汇总")
    assert not (root / "window.ini").exists(), "the selftest leaves no window size behind"


def test_county_on_a_new_folder_opens_the_county_desk_without_asking(tmp_path: Path) -> None:
    """``main.py --county`` on an empty folder: no first-start questions about a branch;
    the folder is the county desk's from then on."""
    import json

    from tests.support import run_main

    root = tmp_path / "新县局"
    started = run_main("--data-dir", str(root), "--county", "--quit-after", "1500", timeout=300)
    assert started.returncode == 0, started.stdout + started.stderr
    assert "JIANSHI-READY" in started.stdout
    done = run_main("--data-dir", str(root), "selftest", "--json", timeout=300)
    assert json.loads(done.stdout)["county"] is True


def test_county_given_with_a_branchs_folder_says_so_and_the_folder_stays_the_branchs(
    gui_app: object, store: Store, branch: object, tmp_path: Path, shown_messages: MessageLog
) -> None:
    """``--county --data-dir <a branch's folder>``: the operator is told, before the branch's
    window opens, that this is a branch's folder; nothing of it changes. On a new, empty
    folder ``--county`` makes it the desk's without a word."""
    from jianshi_desktop.gui.app import settle_county_folder

    settle_county_folder(store)
    (said,) = shown_messages.texts
    assert "是支部的数据文件夹，不是县局汇总的，下面按支部打开" in said
    assert "--county" in said
    assert not county.is_county_folder() and has_branch()
    store.close()
    empty = open_store(tmp_path / "新县局", log_to_file=False)
    try:
        settle_county_folder(empty)
        assert county.is_county_folder()
        assert len(shown_messages.texts) == 1  # nothing said about the new folder
    finally:
        empty.close()


def seen_schools(count: int, *, held: int = 0) -> list[int]:
    """``count`` schools seen once, each by its own key, not yet compared; the first
    ``held`` of them also with a package signed by another key (held apart)."""
    from jianshi_desktop import signatures
    from jianshi_desktop.db.models import CountyBranch, CountyPackage

    ids = []
    for number in range(count):
        branch = CountyBranch.create(
            uid=f"school-{number}",
            name=f"中共建始县第{number + 1:02d}小学支部委员会",
            public_key=signatures.encode(signatures.new_key().public_key),
        )
        ids.append(branch.id)
        if number < held:
            CountyPackage.create(
                branch=branch,
                period_code="2026-08",
                period_label="2026年8月",
                period_start=dt.date(2026, 8, 1),
                period_end=dt.date(2026, 8, 31),
                created_at="2026-09-02T10:00:00",
                sha256=f"{number:064d}",
                size=1,
                file_name="报送包.zip",
                stored_name=f"{number:064d}.zip",
                status=county.HELD,
            )
    return ids


def test_many_schools_to_compare_are_one_line_that_opens_their_list(
    window: CountyWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """After a new county folder's first stick every school's key is new: one line says how
    many are not compared and opens the list, each school with its own 核对… — the list of
    packages keeps its room. Held packages show a few at a time, the rest said in a line."""
    from jianshi_desktop.gui.county.fingerprints import (
        CHECK_ONE_TEXT,
        CHECKED_TEXT,
        FingerprintsDialog,
    )
    from jianshi_desktop.gui.county.packages_page import CHECK_MANY_TEXT

    ids = seen_schools(50, held=5)  # a county's first stick
    window.show_area("packages")
    page = window.packages_page
    page.refresh()

    def shown(text: str) -> list[QPushButton]:
        return [b for b in page.findChildren(QPushButton) if b.text() == text and b.isVisible()]

    qtbot.waitUntil(lambda: len(shown(CHECK_MANY_TEXT)) == 1)
    assert shown(CHECK_TEXT) == []
    assert len(held_buttons(page)) == 3
    labels = [w.text() for w in page.findChildren(type(page.count_label)) if w.isVisible()]
    assert any("有 50 所学校的签名指纹还没有核对" in t for t in labels), labels
    assert any("另有 2 个签名不符、暂不采用的报送包" in t for t in labels), labels
    # the list of packages starts on the screen (a line per school put it 2,000 px down)
    top = page.table.mapTo(window, QPoint(0, 0)).y()
    assert top + 200 < window.height(), top
    shoot(window, "packages-many-keys", tmp_path)

    asked = say_yes(monkeypatch)
    qtbot.mouseClick(shown(CHECK_MANY_TEXT)[0], Qt.MouseButton.LeftButton)
    (dialog,) = page.findChildren(FingerprintsDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.table.rowCount() == 50
    assert dialog.table.item(0, 0).text() == "中共建始县第01小学支部委员会"
    first = dialog.buttons[0]
    assert first.text() == CHECK_ONE_TEXT
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert "指纹" in asked[-1].text
    assert first.text() == CHECKED_TEXT and not first.isEnabled()
    confirmed = {b.id for b in county.branches() if b.key_confirmed}
    assert confirmed == {ids[0]}
    dialog.reject()
    qtbot.waitUntil(lambda: any("有 49 所学校" in w.text() for w in page.findChildren(QLabel)))


def test_the_county_offers_whole_periods_only(window: CountyWindow) -> None:
    """Packages come a month, a quarter, a half or a year at a time: 汇总 and 文书 offer
    those, not 自定义起止 (any two days), which no package could answer."""
    for picker in (window.matrix_page.picker, window.documents_page.picker):
        box = picker.kind_box
        kinds = [box.itemData(i) for i in range(box.count())]
        assert "custom" not in kinds and {"month", "quarter", "year"} <= set(kinds)
