"""Nothing cut off on small screens, at 125 % and 150 % scaling and at the larger text sizes;
the 文字大小 setting (标准/大/特大) applies everywhere at once and at every start.

Every main area is opened in the main window on the demo branch (so the lists have rows) at
the room a maximised window has:

- 1024×768 at 100 %: 1024×698 (a 40-pixel taskbar and a 30-pixel title bar off);
- 1366×768 at 125 %: 1093×614 logical pixels, so 1093×544;
- 1920×1080 at 150 %: 1280×720 logical pixels, so 1280×650.

Qt lays a window out in logical pixels and sizes text in points at 96 logical dots per
inch, whatever the scale factor: a window at 150 % is laid out exactly as one at 100 % with
two thirds of the pixels. So the scaled cases run in this process at their logical sizes,
and one run in a child process with ``QT_SCALE_FACTOR=1.5`` (which must be set before Qt
starts) checks that real scaling gives the same result. Each case saves a screenshot of
every area under the test's tmp folder (``--basetemp`` keeps them where you want).

"Cut off" is what Qt would clip: a visible widget reaching outside its parent, except a
page inside a scroll area, which may be taller than the window (it scrolls) but never wider
(nobody finds a button behind a horizontal scroll bar); a button or a one-line label
narrower than its text; a table's 状态 column not wholly inside the table.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.app import apply_text_scale
from jianshi_desktop.gui.common.flow import FlowLayout
from jianshi_desktop.gui.main_window import AREAS, MainWindow
from jianshi_desktop.gui.settings.appearance import (
    TEXT_SIZES,
    apply_stored_text_size,
    stored_text_size,
    text_size_of,
)
from jianshi_desktop.gui.settings.page import SettingsPage
from jianshi_desktop.services.store import Store
from tests.support import ROOT, opened, run_python

DEMO_DAY = dt.date(2026, 12, 6)
TASKBAR_AND_TITLE = 70
CASES = {  # the room of a maximised window, in logical pixels
    "1024x768": QSize(1024, 768 - TASKBAR_AND_TITLE),
    "1366x768-125": QSize(1093, 614 - TASKBAR_AND_TITLE),
    "1920x1080-150": QSize(1280, 720 - TASKBAR_AND_TITLE),
}
STATE = "状态"
DIRECT = Qt.FindChildOption.FindDirectChildrenOnly


# --- what "cut off" means --------------------------------------------------------------------


def _name(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QAbstractButton | QLabel):
        text = f" “{widget.text()[:20]}”"
    return f"{type(widget).__name__} {widget.objectName()!r}{text}"


def _in_scroll_viewport(widget: QWidget) -> QAbstractScrollArea | None:
    """The scroll area whose viewport ``widget`` is the scrolled content of, if any."""
    viewport = widget.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    if isinstance(area, QAbstractScrollArea) and area.viewport() is viewport:
        return area
    return None


def cut_off(window: QWidget) -> list[str]:
    """Every visible widget of ``window`` that is cut off, described."""
    problems: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or widget.width() <= 0:
            continue
        parent = widget.parentWidget()
        assert parent is not None
        area = _in_scroll_viewport(widget)
        geometry = widget.geometry()
        if area is not None:  # scrolled content: as tall as it likes, never wider
            if geometry.width() > parent.width() + 1 and area.horizontalScrollBar().maximum() > 0:
                problems.append(f"{_name(widget)} is wider than {_name(area)} (scrolls sideways)")
            continue
        if not parent.rect().adjusted(-1, -1, 1, 1).contains(geometry):
            problems.append(f"{_name(widget)} {geometry.getRect()} outside {_name(parent)}")
        if isinstance(widget, QAbstractButton | QLabel) and narrower_than_text(widget):
            problems.append(f"{_name(widget)} is narrower than its text")
    for table in window.findChildren(QTableView):
        if table.isVisible():
            problems.extend(state_column_problem(table))
    return problems


def narrower_than_text(widget: QAbstractButton | QLabel) -> bool:
    """A button, or a label on one line, too narrow for its text (Qt cuts it)."""
    if not widget.text() or (isinstance(widget, QLabel) and widget.wordWrap()):
        return False
    return widget.width() < widget.minimumSizeHint().width() - 1


def state_column_problem(table: QTableView) -> list[str]:
    """The 状态 column of ``table`` must show whole, without scrolling sideways."""
    model = table.model()
    header = table.horizontalHeader()
    for column in range(model.columnCount()):
        if model.headerData(column, Qt.Orientation.Horizontal) != STATE:
            continue
        if header.isSectionHidden(column):
            return [f"{table.objectName()}: 状态 is hidden"]
        left = header.sectionPosition(column)  # without scrolling
        right = left + header.sectionSize(column)
        if right > table.viewport().width():
            return [f"{table.objectName()}: 状态 ends at {right} > {table.viewport().width()}"]
    return []


def visible_state_columns(window: QWidget) -> int:
    return sum(
        1
        for table in window.findChildren(QTableView)
        if table.isVisible()
        and any(
            table.model().headerData(c, Qt.Orientation.Horizontal) == STATE
            for c in range(table.model().columnCount())
        )
    )


def check_every_area(
    window: MainWindow, size: QSize, folder: Path, tag: str
) -> dict[str, list[str]]:
    """Each area opened at ``size``: its problems (none: an empty list), screenshots saved."""
    window.resize(size)
    found: dict[str, list[str]] = {}
    for area in AREAS:
        window.show_area(area.key)
        for _ in range(3):
            QApplication.processEvents()
        window.grab().save(str(folder / f"{tag}-{area.key}.png"))
        found[area.label] = cut_off(window)
    return found


def demo_window(store: Store) -> MainWindow:
    from jianshi_desktop.services.demo import fill_demo

    fill_demo(today=DEMO_DAY)
    window = MainWindow(store)
    window.show()
    return window


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture
def standard_text(gui_app: object) -> Iterator[None]:
    """Every test starts and ends at 标准, whatever it chose in between."""
    apply_text_scale(1.0)
    yield
    apply_text_scale(1.0)


@pytest.fixture
def demo(standard_text: None, qtbot: QtBot, store: Store) -> MainWindow:
    window = demo_window(store)
    qtbot.addWidget(window)
    return window


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = tmp_path / "screenshots"
    folder.mkdir()
    return folder


# --- the sizes ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", list(CASES))
def test_nothing_is_cut_off_in_any_area(demo: MainWindow, shots: Path, case: str) -> None:
    found = check_every_area(demo, CASES[case], shots, case)
    assert demo.size() == CASES[case]  # the window can be that small
    assert {area: problems for area, problems in found.items() if problems} == {}
    demo.show_area("meetings")
    assert visible_state_columns(demo) == 1  # the check saw the list it is about
    demo.show_area("members")
    assert visible_state_columns(demo) == 1


@pytest.mark.parametrize(
    ("case", "size"),
    [
        ("1024x768", "large"),
        ("1024x768", "larger"),
        ("1366x768-125", "larger"),
        ("1920x1080-150", "larger"),
    ],
)
def test_nothing_is_cut_off_at_the_larger_text_sizes(
    demo: MainWindow, shots: Path, case: str, size: str
) -> None:
    apply_text_scale(text_size_of(size).scale)
    found = check_every_area(demo, CASES[case], shots, f"{case}-{size}")
    assert {area: problems for area, problems in found.items() if problems} == {}


def test_wrapped_rows_take_the_height_of_their_lines_and_no_more(demo: MainWindow) -> None:
    """The buttons and filters of a list wrap onto a second line at 1024×768 and 特大, and
    the row is exactly as tall as its lines (the table below gets the rest)."""
    apply_text_scale(text_size_of("larger").scale)
    demo.resize(CASES["1024x768"])
    demo.show_area("members")
    QApplication.processEvents()
    holders = [
        holder
        for holder in demo.current_page().findChildren(QWidget)
        if isinstance(holder.layout(), FlowLayout) and holder.isVisible()
    ]
    assert {holder.objectName() for holder in holders} == {"actionsRowHolder", "filterRowHolder"}
    for holder in holders:
        flow = holder.layout()
        assert isinstance(flow, FlowLayout)
        assert holder.height() == flow.heightForWidth(holder.width())
        line = max(
            widget.height()
            for widget in holder.findChildren(QWidget, options=DIRECT)
            if widget.isVisible()
        )
        assert line < holder.height() <= 2 * line + 12  # two lines


@pytest.mark.parametrize("size", ["standard", "larger"])
def test_a_new_branch_fits_too(
    standard_text: None, main_window: MainWindow, shots: Path, size: str
) -> None:
    """No members and no records yet: 开始使用 on 首页, the empty lists' notes and buttons."""
    apply_text_scale(text_size_of(size).scale)
    found = check_every_area(main_window, CASES["1024x768"], shots, f"new-1024x768-{size}")
    assert {area: problems for area, problems in found.items() if problems} == {}


def test_the_check_sees_a_cut_off_state_column_and_a_wide_page(demo: MainWindow) -> None:
    """The check itself: the lists as they were before (every column its fixed width, the
    buttons on one line) fail it at 1024×768."""
    demo.resize(CASES["1024x768"])
    demo.show_area("meetings")
    page = demo.current_page()
    table = page.findChild(QTableView, "recordTable")
    assert table is not None
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for column in range(header.count()):
        header.resizeSection(column, 170)
    QApplication.processEvents()
    assert any("状态" in problem for problem in cut_off(demo))
    wide = QWidget(page)
    wide.setMinimumWidth(2000)
    layout = page.layout()
    assert layout is not None
    layout.addWidget(wide)
    wide.show()
    QApplication.processEvents()
    assert any("scrolls sideways" in problem for problem in cut_off(demo))


def test_real_150_percent_scaling_gives_the_same_result(tmp_path: Path) -> None:
    """QT_SCALE_FACTOR=1.5 in a child process (it must be set before Qt starts): the
    1920×1080 screen at 150 %, every area, nothing cut off; screenshots at full resolution."""
    folder = tmp_path / "screenshots-150"
    folder.mkdir()
    from tests.support import program_env

    env = program_env(QT_SCALE_FACTOR="1.5")
    result = run_python(
        "-m", "tests.gui.test_layout", str(tmp_path / "data"), str(folder), env=env, timeout=180
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["ratio"] == 1.5
    assert report["problems"] == {area.label: [] for area in AREAS}
    shot = folder / "1920x1080-150-members.png"
    from PySide6.QtGui import QImage

    assert QImage(str(shot)).width() == 1920


# --- the text size -------------------------------------------------------------------------------


def settings_page(window: MainWindow) -> SettingsPage:
    return window.page_of("settings", SettingsPage)


def test_text_size_applies_at_once_everywhere_and_is_kept(demo: MainWindow, qtbot: QtBot) -> None:
    members = demo.page("members")  # a page built before the change
    search = members.findChild(QLabel, "searchLabel")
    assert search is not None
    demo.show_area("settings")
    section = settings_page(demo).appearance_section
    assert section.buttons["standard"].isChecked()
    before = QApplication.font().pointSizeF()
    label_before = search.font().pointSizeF()
    heading_before = demo.navigation.font().pointSizeF()
    navigation_before = demo.navigation.width()

    assert section.choose("larger")

    assert QApplication.font().pointSizeF() == pytest.approx(before * 1.3)
    assert search.font().pointSizeF() == pytest.approx(label_before * 1.3)  # built before
    assert demo.navigation.font().pointSizeF() == pytest.approx(heading_before * 1.3)
    assert demo.navigation.width() > navigation_before  # the area names still fit
    assert stored_text_size().label == "特大"
    demo.show_area("theme_days")  # a page built after the change
    built_after = demo.current_page().findChild(QLabel, "searchLabel")
    assert built_after is not None
    assert built_after.font().pointSizeF() == pytest.approx(label_before * 1.3)

    # the next start: the window opens at the kept size
    apply_text_scale(1.0)
    assert apply_stored_text_size().label == "特大"
    assert QApplication.font().pointSizeF() == pytest.approx(before * 1.3)

    assert section.choose("standard")
    assert QApplication.font().pointSizeF() == pytest.approx(before)
    assert search.font().pointSizeF() == pytest.approx(label_before)


def test_the_sizes_are_standard_large_and_larger() -> None:
    assert [(s.label, s.scale) for s in TEXT_SIZES] == [("标准", 1.0), ("大", 1.15), ("特大", 1.3)]
    assert text_size_of("no such size").label == "标准"


def test_run_gui_starts_at_the_kept_text_size(
    standard_text: None, data_root: Path, shown_messages: object
) -> None:
    from jianshi_desktop.gui.settings.appearance import TEXT_SIZE_KEY, store_text_size
    from tests.gui.conftest import run_app, when_shown
    from tests.support import make_branch_folder

    make_branch_folder(data_root)
    with opened(data_root):
        store_text_size(text_size_of("large"))
    base = QApplication.font().pointSizeF()
    seen: list[float] = []

    def close(window: MainWindow) -> None:
        seen.append(QApplication.font().pointSizeF())
        window.close()

    when_shown(MainWindow, close)
    assert run_app(data_root) == 0
    assert seen == [pytest.approx(base * 1.15)]
    assert TEXT_SIZE_KEY == "text_size"


# --- run as a program: the scaled case, in its own process ------------------------------------


def _main(data_root: Path, folder: Path) -> int:
    from jianshi_desktop.gui.app import create_application

    app = create_application()
    with opened(data_root) as store:
        window = demo_window(store)
        ratio = window.devicePixelRatioF()
        problems = check_every_area(window, CASES["1920x1080-150"], folder, "1920x1080-150")
        window.close()
        app.processEvents()
    print(json.dumps({"ratio": ratio, "problems": problems}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(_main(Path(sys.argv[1]), Path(sys.argv[2])))


# --- the windows opened from the pages ----------------------------------------------------------


def opened_windows(window: MainWindow) -> dict[str, QWidget]:
    """The record window and forms of the journey: 新建支委会 (each step), 登记换届, 添加党员."""
    from jianshi_desktop.domain.enums import MeetingKind
    from jianshi_desktop.gui.ideology_reviews.page import IdeologyReviewsPage
    from jianshi_desktop.gui.meetings.page import MeetingsPage
    from jianshi_desktop.gui.member_appraisals.page import MemberAppraisalsPage
    from jianshi_desktop.gui.members.page import MembersPage
    from jianshi_desktop.gui.org_life_meetings.page import OrgLifeMeetingsPage
    from jianshi_desktop.gui.organization.page import OrganizationPage
    from tests.gui import meeting_steps as steps

    found: dict[str, QWidget] = {}
    window.show_area("meetings")
    wizard = window.page_of("meetings", MeetingsPage).new_meeting(MeetingKind.COMMITTEE)
    assert wizard is not None
    steps.basics(wizard).agenda_edit.setText("研究期末工作")  # 下一步 takes it as the agenda
    found["新建支委会"] = wizard
    window.show_area("organization")
    found["登记换届"] = window.page_of("organization", OrganizationPage).new_term()
    window.show_area("members")
    found["添加党员"] = window.page_of("members", MembersPage).add_member()
    # the record windows of issue 17's kinds, each step
    window.show_area("ideology_reviews")
    found["意识形态研判"] = window.page_of(
        "ideology_reviews", IdeologyReviewsPage
    ).new_ideology_review()
    # last year's, finished, opened to change: every step filled, none stops 下一步
    window.show_area("org_life_meetings")
    org_life = window.page_of("org_life_meetings", OrgLifeMeetingsPage)
    found["组织生活会"] = org_life.open_record(org_life.list.all_rows()[0])
    window.show_area("member_appraisals")
    appraisals = window.page_of("member_appraisals", MemberAppraisalsPage)
    found["民主评议"] = appraisals.open_record(appraisals.list.all_rows()[0])
    # 党费收缴 (issue 18): this month's, every member as due
    from jianshi_desktop.gui.dues.page import DuesPage

    window.show_area("dues")
    dues_wizard = window.page_of("dues", DuesPage).new_dues_collection()
    assert dues_wizard is not None
    found["党费收缴"] = dues_wizard
    return found


@pytest.mark.parametrize("case", list(CASES))
def test_the_record_window_and_forms_fit_each_screen(
    demo: MainWindow, shots: Path, case: str
) -> None:
    # a window larger than the screen is cut by the screen's edge: each fits in the room of
    # the screen, and nothing in it is cut off at that size
    room = CASES[case]
    problems: dict[str, list[str]] = {}
    for title, dialog in opened_windows(demo).items():
        dialog.resize(dialog.size().boundedTo(room))
        if isinstance(dialog, QWizard):  # every step of the record window
            pages: list[QWidget] = []
            while True:
                pages.append(dialog.currentPage())
                QApplication.processEvents()
                shot = shots / f"{case}-{title}-{len(pages)}.png"
                dialog.grab().save(str(shot))
                problems[f"{title} 第{len(pages)}步"] = cut_off(dialog)
                if dialog.currentId() == dialog.pageIds()[-1] or not dialog.validateCurrentPage():
                    break
                dialog.next()
        else:
            QApplication.processEvents()
            dialog.grab().save(str(shots / f"{case}-{title}.png"))
            problems[title] = cut_off(dialog)
        too_big = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
        if too_big.width() > room.width() or too_big.height() > room.height():
            need = f"needs at least {too_big.toTuple()}, the screen has {room.toTuple()}"
            problems.setdefault(title, []).append(need)
        assert dialog.width() <= room.width() and dialog.height() <= room.height(), title
    assert {title: found for title, found in problems.items() if found} == {}
    assert "新建支委会 第4步" in problems, "every step of the record window was looked at"
    assert "组织生活会 第7步" in problems and "民主评议 第3步" in problems, " ".join(problems)
