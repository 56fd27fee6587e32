"""The shared record list: filters, search as you type, the empty state, the state in words,
and the actions calling the caller's callbacks (with confirmations where they belong)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.records.list_page import (
    Column,
    KindFilter,
    RecordActions,
    RecordListPage,
    date_column,
    state_text,
)

from .conftest import MessageLog
from .records_helpers import choose, column_of, notice_text, shown_rows, shown_text

THIS_YEAR = dt.date.today().year


@dataclass(frozen=True)
class Row:
    id: int
    held_on: dt.date
    theme: str
    kind: str
    state: RecordState
    late_entry: bool = False
    amended: bool = False


ROWS = [
    Row(1, dt.date(THIS_YEAR, 3, 10), "重温入党誓词", "学习", RecordState.ARCHIVED, amended=True),
    Row(2, dt.date(THIS_YEAR, 4, 10), "走进敬老院", "志愿", RecordState.FINISHED, late_entry=True),
    Row(3, dt.date(THIS_YEAR, 5, 10), "参观红色教育基地", "学习", RecordState.DRAFT),
    Row(4, dt.date(THIS_YEAR - 1, 12, 10), "学习党章", "学习", RecordState.ARCHIVED),
]


class Calls:
    def __init__(self) -> None:
        self.log: list[tuple[str, int | None]] = []

    def record(self, name: str):  # type: ignore[no-untyped-def]
        def call(row: Row | None = None) -> None:
            self.log.append((name, row.id if row is not None else None))

        return call


def make_page(
    qtbot: QtBot, rows: list[Row], calls: Calls, *, all_years: bool = False
) -> RecordListPage:
    page = RecordListPage(
        noun="主题党日",
        rows=lambda: list(rows),
        columns=(
            date_column(),
            Column("主题", lambda r: r.theme, width=240),
            Column("形式", lambda r: r.kind, width=80),
        ),
        title_of=lambda r: f"{r.held_on.year}年{r.held_on.month}月主题党日",
        actions=RecordActions(
            new=(("记录主题党日", calls.record("new")),),
            open=calls.record("open"),
            copy=calls.record("copy"),
            archive=calls.record("archive"),
            amend=calls.record("amend"),
            delete=calls.record("delete"),
        ),
        empty_text="还没有主题党日记录。每月固定日的主题党日在这里登记。",
        empty_action_text="记录本月主题党日",
        kinds=KindFilter((("学习", "学习"), ("志愿", "志愿")), of=lambda r: r.kind),
        all_years=all_years,
    )
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.refresh()
    return page


@pytest.fixture
def calls() -> Calls:
    return Calls()


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, calls: Calls) -> RecordListPage:
    return make_page(qtbot, ROWS, calls)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ids(page: RecordListPage) -> list[int]:
    return [row.id for row in shown_rows(page)]


def test_this_year_newest_first_with_the_state_in_words(page: RecordListPage) -> None:
    assert page.year_combo.currentText() == f"{THIS_YEAR}年"
    assert ids(page) == [3, 2, 1]
    state = column_of(page, "状态")
    assert [shown_text(page, r, state) for r in range(3)] == [
        "草稿",
        "已完成（补录）",
        "已归档（已更正）",
    ]
    assert shown_text(page, 0, 0) == f"{THIS_YEAR}年5月10日"
    assert page.shown_label.text() == "列表中 3 条"
    assert state_text(replace(ROWS[0], late_entry=True)) == "已归档（补录，已更正）"


def test_a_yearly_kind_lists_every_year_at_first_and_keeps_the_choice(
    gui_app: object, qtbot: QtBot, calls: Calls
) -> None:
    """组织生活会, 民主评议 (issue 17): this year's is often still to come, so the list starts
    at 全部年份; a year chosen then stays chosen when the list reloads."""
    page = make_page(qtbot, ROWS, calls, all_years=True)
    assert page.year_combo.currentText() == "全部年份"
    assert ids(page) == [3, 2, 1, 4]
    page.choose_year(THIS_YEAR - 1)
    page.refresh()
    assert page.year_combo.currentText() == f"{THIS_YEAR - 1}年"
    extra = QPushButton("打印测评表…")
    page.add_buttons(extra)
    assert extra.isVisibleTo(page) and extra.parentWidget() is not None
    assert page.buttons["print"].parentWidget() is extra.parentWidget(), "in the actions row"


def test_filters_by_year_kind_and_state(page: RecordListPage) -> None:
    page.choose_year(None)
    assert ids(page) == [3, 2, 1, 4]
    page.choose_year(THIS_YEAR - 1)
    assert ids(page) == [3, 4], "a draft (3) shows under every year: none hides"
    page.choose_year(None)
    choose(page, "kind", "志愿")
    assert ids(page) == [2]
    choose(page, "kind", "全部类型")
    choose(page, "state", "已归档")
    assert ids(page) == [1, 4]
    choose(page, "state", "补录")
    assert ids(page) == [2]
    choose(page, "state", "草稿")
    assert ids(page) == [3]


def test_search_filters_as_you_type_and_explains_no_match(page: RecordListPage) -> None:
    page.search_edit.setText("敬老")
    assert ids(page) == [2]
    page.search_edit.setText("归档")  # the state column is searched too
    assert ids(page) == [1]
    page.search_edit.setText("没有这个词")
    assert ids(page) == []
    assert page.no_match_label.isVisible()
    assert "没有符合条件的主题党日记录" in page.no_match_label.text()
    page.search_edit.clear()
    assert not page.no_match_label.isVisible()


def test_sorting_by_a_column(page: RecordListPage) -> None:
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert ids(page) == [1, 2, 3]
    page.table.sortByColumn(column_of(page, "状态"), Qt.SortOrder.AscendingOrder)
    assert ids(page) == [3, 2, 1]


def test_buttons_follow_the_selected_state(page: RecordListPage) -> None:
    b = page.buttons
    assert not b["open"].isEnabled() and not b["delete"].isEnabled()
    page.select_record(3)  # draft
    assert b["open"].isEnabled() and b["delete"].isEnabled()
    assert not b["archive"].isEnabled() and not b["amend"].isEnabled()
    page.select_record(2)  # finished
    assert b["archive"].isEnabled() and not b["delete"].isEnabled()
    page.select_record(1)  # archived
    assert b["amend"].isEnabled() and not b["archive"].isEnabled()
    assert [a.text() for a in page.context_actions()] == [
        "打开",
        "复制这条记录新建",
        "归档…",
        "更正…",
        "删除草稿…",
        "记录主题党日",
    ]
    assert [a.isEnabled() for a in page.context_actions()] == [1, 1, 0, 1, 0, 1]


def test_actions_call_the_callbacks(
    page: RecordListPage, qtbot: QtBot, calls: Calls, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "present", lambda parent, message: True)
    click(qtbot, page.buttons["new"])
    click(qtbot, page.buttons["copy"])  # nothing selected: the newest finished record
    page.select_record(1)
    click(qtbot, page.buttons["open"])
    click(qtbot, page.buttons["amend"])
    click(qtbot, page.buttons["copy"])  # the selected one
    page.select_record(2)
    click(qtbot, page.buttons["archive"])
    page.select_record(3)
    click(qtbot, page.buttons["delete"])
    assert calls.log == [
        ("new", None),
        ("copy", 2),
        ("open", 1),
        ("amend", 1),
        ("copy", 1),
        ("archive", 2),
        ("delete", 3),
    ]


def test_double_click_opens(page: RecordListPage, qtbot: QtBot, calls: Calls) -> None:
    rect = page.table.visualRect(page.proxy.index(1, 1))
    viewport = page.table.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert calls.log == [("open", 2)]


def test_delete_confirms_with_the_name_and_refuses_non_drafts(
    page: RecordListPage, calls: Calls, shown_messages: MessageLog
) -> None:
    page.select_record(3)
    page.delete_selected()  # the recorder answers the default: 保留
    assert shown_messages.shown[-1].text == f"删除草稿「{THIS_YEAR}年5月主题党日」？"
    assert shown_messages.shown[-1].yes_text == "删除"
    assert calls.log == []
    page.select_record(2)
    page.delete_selected()
    assert "只有草稿可以删除" in shown_messages.texts[-1]
    assert calls.log == []


def test_a_failing_callback_shows_its_message(
    gui_app: object, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    from jianshi_desktop.errors import ValidationError

    def refuse(row: Row) -> None:
        raise ValidationError("“2026年3月主题党日”已归档，不能直接修改。")

    page = RecordListPage(
        noun="主题党日",
        rows=lambda: ROWS,
        columns=(date_column(),),
        title_of=lambda r: "x",
        actions=RecordActions(new=(("新建", lambda: None),), open=refuse),
        empty_text="",
    )
    qtbot.addWidget(page)
    page.refresh()
    page.select_record(1)
    page.open_selected()
    assert shown_messages.texts == ["“2026年3月主题党日”已归档，不能直接修改。"]
    assert not page.buttons["archive"].isVisibleTo(page), "no callback, no button"
    assert not page.kind_combo.isVisibleTo(page), "no kinds, no kind filter"


def test_the_empty_state_explains_and_offers_the_first_action(
    gui_app: object, qtbot: QtBot, calls: Calls
) -> None:
    rows: list[Row] = []
    page = make_page(qtbot, rows, calls)
    assert page.stack.currentWidget() is page.empty_page
    assert "还没有主题党日记录" in page.empty_notice.text()
    assert page.empty_button.text() == "记录本月主题党日"
    assert not page.buttons["open"].isVisible()
    click(qtbot, page.empty_button)
    assert calls.log == [("new", None)]
    rows.append(ROWS[0])
    page.refresh()
    assert page.stack.currentWidget() is page.list_page
    assert page.buttons["new"].isVisible()


def test_a_notice_offers_the_next_step(page: RecordListPage, qtbot: QtBot, calls: Calls) -> None:
    page.show_notice("已完成「2026年4月主题党日」记录。", (("归档", calls.record("next")),))
    assert notice_text(page) == "已完成「2026年4月主题党日」记录。"
    click(qtbot, page.notice_buttons[0])
    assert calls.log == [("next", None)]
    assert notice_text(page) == ""


def test_select_record_widens_filters(page: RecordListPage) -> None:
    choose(page, "state", "草稿")
    assert page.select_record(4)
    selected = page.selected_row()
    assert selected is not None and selected.id == 4
    assert page.year_combo.currentText() == "全部年份"
