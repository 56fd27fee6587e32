"""The 党员 page and the member dialogs, driven like a secretary would: click, type, 保存.

Data is seeded through the services; Chinese is entered with ``setText`` (``keyClicks``
types ASCII only).
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.dates import add_years
from jianshi_desktop.domain.enums import Gender, MemberEventKind, MemberState, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.gui.common.table_models import MemberTableModel
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.members.member_dialog import MemberDialog
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.gui.members.status_dialogs import (
    FullMemberDialog,
    LeavingDialog,
    ProbationDialog,
)
from jianshi_desktop.services import members as svc
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.store import Store
from tests.gui.shown import choose_state, field_error, member_cell, shown_members

from .conftest import MessageLog

COL = MemberTableModel


def valid_id(first17: str) -> str:
    return first17 + check_char(first17)


ZHANG_ID = valid_id("42282219880315123")  # born 1988-03-15, 17th digit odd: 男
WANG_ID = valid_id("42282219900720224")  # born 1990-07-20, 女
LI_ID = valid_id("42282219750101301")


def seed(
    name: str,
    id_number: str,
    *,
    joined: dt.date = dt.date(2010, 6, 1),
    status: MemberStatus = MemberStatus.FULL,
    group: str = "第一党小组",
) -> int:
    full = None if status is MemberStatus.PROBATIONARY else add_years(joined, 1)
    return svc.add_member(
        MemberFields(
            name=name,
            id_number=id_number,
            joined_on=joined,
            full_member_on=full,
            status=status,
            party_group=group,
        )
    )


@pytest.fixture
def page(members_page: MembersPage) -> MembersPage:
    return members_page


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """A click on an enabled button."""
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_add_dialog(qtbot: QtBot, page: MembersPage) -> MemberDialog:
    click(qtbot, page.buttons["add"])
    dialog = page.dialog
    assert isinstance(dialog, MemberDialog) and dialog.isVisible()
    return dialog


def leave(dialog: MemberDialog, field: str) -> None:
    """The user leaves a date field (editingFinished)."""
    dialog.dates[field].edit.editingFinished.emit()


def names(page: MembersPage) -> list[str]:
    return [row.name for row in shown_members(page)]


# --- adding through the form ------------------------------------------------------------


def test_a_member_added_through_the_form_appears_with_a_masked_id(
    page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    dialog = open_add_dialog(qtbot, page)
    assert dialog.windowTitle() == "添加党员"
    dialog.name_edit.setText("张晓明")
    qtbot.keyClicks(dialog.id_edit, ZHANG_ID)
    dialog.phone_edit.setText("138 1234 5678")
    dialog.dates["joined_on"].edit.setText("2010.06.01")
    leave(dialog, "joined_on")
    assert dialog.dates["joined_on"].text() == "2010年6月1日", "tidied when left"
    dialog.dates["full_member_on"].edit.setText("20110601")
    dialog.group_combo.setCurrentText("第一党小组")

    click(qtbot, dialog.primary_button())

    assert page.dialog is None, "the dialog closed after saving"
    assert names(page) == ["张晓明"]
    shown_id = member_cell(page, 0, COL.ID_NUMBER)
    assert shown_id == "422822********" + ZHANG_ID[-4:]
    assert "19880315" not in shown_id
    assert member_cell(page, 0, COL.BIRTH) == "1988.03.15"
    assert member_cell(page, 0, COL.GENDER) == "男"
    assert member_cell(page, 0, COL.PHONE) == "13812345678"
    selected = page.selected_member()
    assert selected is not None and selected.name == "张晓明"
    assert page.counts_label.text().startswith("在册 1 人：正式党员 1 人，预备党员 0 人")
    assert shown_messages.shown == []


def test_a_wrong_check_digit_is_shown_beside_the_id_and_nothing_is_saved(
    page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    dialog = open_add_dialog(qtbot, page)
    dialog.name_edit.setText("张晓明")
    wrong = ZHANG_ID[:-1] + ("0" if ZHANG_ID[-1] != "0" else "1")
    qtbot.keyClicks(dialog.id_edit, wrong)
    expected = f"身份证号码最后一位校验码不正确（应为 {ZHANG_ID[-1]}），请核对。"
    assert field_error(dialog, "id_number") == expected, "checked as soon as 18 are typed"
    dialog.dates["joined_on"].edit.setText("2010-6-1")

    click(qtbot, dialog.primary_button())

    assert dialog.isVisible(), "the form stays open"
    assert field_error(dialog, "id_number") == expected
    assert dialog.errors["id_number"].text().startswith("！")
    assert svc.list_members(include_left=True) == []
    assert shown_messages.shown == [], "shown beside the field, not in a pop-up"

    dialog.id_edit.setText(ZHANG_ID)  # corrected: the message goes away as typed
    assert field_error(dialog, "id_number") == ""


def test_required_fields_and_dates_are_explained_beside_them(
    page: MembersPage, qtbot: QtBot
) -> None:
    dialog = open_add_dialog(qtbot, page)
    dialog.dates["birth_date"].edit.setText("1985.13.01")
    leave(dialog, "birth_date")
    assert field_error(dialog, "birth_date") == "日期“1985.13.01”的月份13不存在，请核对。"
    assert field_error(dialog, "name") == "", "a field not yet visited is not judged"

    click(qtbot, dialog.primary_button())

    assert field_error(dialog, "name") == "请填写姓名。"
    assert field_error(dialog, "joined_on").startswith("请填写入党时间")
    assert field_error(dialog, "id_number").startswith("没有填写身份证号码")  # a warning
    assert dialog.errors["id_number"].text().startswith("提示：")
    assert dialog.name_edit.hasFocus() or not dialog.isActiveWindow()
    assert svc.list_members(include_left=True) == []


def test_a_missing_id_number_warns_but_does_not_block(page: MembersPage, qtbot: QtBot) -> None:
    dialog = open_add_dialog(qtbot, page)
    dialog.name_edit.setText("李四")
    dialog.dates["joined_on"].edit.setText("2015年7月1日")
    dialog.status_combo.setCurrentText("预备党员")
    click(qtbot, dialog.primary_button())
    assert names(page) == ["李四"]


def test_the_form_keeps_a_member_who_joined_this_year_probationary(
    page: MembersPage, qtbot: QtBot
) -> None:
    # 党章 art. 7: one year of probation from the 支部大会; the form used to accept 正式党员
    # with no 转正时间 twelve days after joining.
    dialog = open_add_dialog(qtbot, page)
    dialog.name_edit.setText("李四")
    dialog.dates["joined_on"].set_date(dt.date.today() - dt.timedelta(days=12))
    dialog.status_combo.setCurrentText("正式党员")
    click(qtbot, dialog.primary_button())
    assert "人员类别应为“预备党员”" in field_error(dialog, "status")
    assert names(page) == []
    dialog.reject()


def test_typing_a_valid_id_fills_birth_date_and_gender(page: MembersPage, qtbot: QtBot) -> None:
    dialog = open_add_dialog(qtbot, page)
    assert dialog.dates["birth_date"].text() == ""
    assert dialog.gender() is None

    qtbot.keyClicks(dialog.id_edit, WANG_ID)

    assert dialog.dates["birth_date"].text() == "1990年7月20日"
    assert dialog.gender() is Gender.FEMALE
    assert dialog.gender_combo.currentText() == "女"
    assert field_error(dialog, "id_number") == ""


def test_typing_an_id_keeps_what_was_already_filled(page: MembersPage, qtbot: QtBot) -> None:
    dialog = open_add_dialog(qtbot, page)
    dialog.gender_combo.setCurrentText("男")
    dialog.dates["birth_date"].edit.setText("1990.07.21")
    qtbot.keyClicks(dialog.id_edit, WANG_ID)
    assert dialog.dates["birth_date"].text() == "1990.07.21"
    assert dialog.gender_combo.currentText() == "男"
    leave(dialog, "birth_date")
    dialog.gender_combo.setCurrentText("女")
    dialog.gender_combo.setCurrentText("男")
    assert "性别与身份证号码不一致" in field_error(dialog, "gender")
    assert "出生日期与身份证号码不一致" in field_error(dialog, "birth_date")


def test_a_probationary_member_shows_the_expected_full_member_date(
    page: MembersPage, qtbot: QtBot
) -> None:
    dialog = open_add_dialog(qtbot, page)
    dialog.status_combo.setCurrentText("预备党员")
    assert not dialog.dates["full_member_on"].edit.isEnabled()
    dialog.dates["joined_on"].edit.setText("2099.06.01")
    assert "预计转正时间：2100年6月1日" in dialog.full_hint.text()
    assert dialog.full_hint.isVisibleTo(dialog)
    dialog.status_combo.setCurrentText("正式党员")
    assert dialog.dates["full_member_on"].edit.isEnabled()
    assert not dialog.full_hint.isVisibleTo(dialog)


def test_the_table_marks_an_expected_date_and_a_new_group_is_announced(
    page: MembersPage, qtbot: QtBot
) -> None:
    seed(
        "王芳",
        WANG_ID,
        joined=dt.date.today() - dt.timedelta(days=100),
        status=MemberStatus.PROBATIONARY,
    )
    page.refresh()
    assert member_cell(page, 0, COL.FULL).startswith("预计 ")
    font = page.proxy.index(0, COL.FULL).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.italic(), "visibly different, not only by colour"

    dialog = open_add_dialog(qtbot, page)
    assert dialog.known_groups == ["第一党小组"]
    dialog.group_combo.setCurrentText("第三党小组")
    assert dialog.group_hint.text() == "保存时将新建党小组“第三党小组”。"
    dialog.group_combo.setCurrentText("第一党小组")
    assert not dialog.group_hint.isVisibleTo(dialog)


def test_a_taken_id_number_is_refused_beside_the_field(page: MembersPage, qtbot: QtBot) -> None:
    seed("张晓明", ZHANG_ID)
    page.refresh()
    dialog = open_add_dialog(qtbot, page)
    dialog.name_edit.setText("张小明")
    qtbot.keyClicks(dialog.id_edit, ZHANG_ID)
    assert "已登记在“张晓明”名下" in field_error(dialog, "id_number")


# --- finding members ----------------------------------------------------------------------


def test_search_by_pinyin_initials_filters_as_you_type(page: MembersPage, qtbot: QtBot) -> None:
    seed("张晓明", ZHANG_ID)
    seed("王芳", WANG_ID)
    seed("李国庆", LI_ID)
    page.refresh()
    assert sorted(names(page)) == ["张晓明", "李国庆", "王芳"]

    qtbot.keyClicks(page.search_edit, "zxm")
    assert names(page) == ["张晓明"]
    assert page.shown_label.text() == "列表中 1 人"

    page.search_edit.setText("王")
    assert names(page) == ["王芳"]
    page.search_edit.setText("qqq")
    assert names(page) == []
    assert page.no_match_label.isVisibleTo(page)
    page.search_edit.clear()
    assert len(names(page)) == 3


def test_a_transferred_member_shows_only_under_its_state_or_all(
    page: MembersPage, qtbot: QtBot
) -> None:
    seed("张晓明", ZHANG_ID)
    gone = seed("王芳", WANG_ID)
    svc.record_leaving(
        gone,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2024, 3, 1),
        letter_no="12",
        counterpart="某支部",
    )
    page.refresh()
    assert names(page) == ["张晓明"], "在册 by default"
    assert "已离开 1 人" in page.counts_label.text()
    assert page.counts_label.text().startswith("在册 1 人")

    choose_state(page, "已转出")
    assert names(page) == ["王芳"]
    assert member_cell(page, 0, COL.STATE) == "已转出"
    choose_state(page, "停止党籍")
    assert names(page) == []
    choose_state(page, "全部")
    assert sorted(names(page)) == ["张晓明", "王芳"]
    choose_state(page, "在册")
    assert names(page) == ["张晓明"]


def test_the_group_filter_and_group_counts(page: MembersPage) -> None:
    seed("张晓明", ZHANG_ID, group="第一党小组")
    seed("王芳", WANG_ID, group="第二党小组")
    seed("李国庆", LI_ID, group="")
    page.refresh()
    assert (
        page.group_counts_label.text() == "各党小组：第一党小组 1 人，第二党小组 1 人，未分组 1 人"
    )
    combo = page.group_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "全部党小组",
        "第一党小组",
        "第二党小组",
        "未分组",
    ]
    combo.setCurrentText("第二党小组")
    assert names(page) == ["王芳"]
    combo.setCurrentText("未分组")
    assert names(page) == ["李国庆"]


def test_dates_sort_as_dates(page: MembersPage) -> None:
    seed("张晓明", ZHANG_ID, joined=dt.date(2010, 6, 1))  # born 1988
    seed("王芳", WANG_ID, joined=dt.date(2012, 6, 1))  # born 1990
    seed("李国庆", LI_ID, joined=dt.date(1999, 10, 1))  # born 1975
    page.refresh()
    page.table.sortByColumn(COL.BIRTH, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["李国庆", "张晓明", "王芳"]
    page.table.sortByColumn(COL.JOINED, Qt.SortOrder.DescendingOrder)
    assert names(page) == ["王芳", "张晓明", "李国庆"]
    page.table.sortByColumn(COL.NAME, Qt.SortOrder.AscendingOrder)
    assert names(page) == ["李国庆", "王芳", "张晓明"], "names in pinyin order"


def test_the_demo_roster_fills_the_table(gui_app: object, qtbot: QtBot, store: Store) -> None:
    fill_demo()
    shown = MembersPage()
    qtbot.addWidget(shown)
    counts = svc.roster_counts()
    assert len(shown_members(shown)) == counts.active > 20
    assert shown.counts_label.text().startswith(f"在册 {counts.active} 人")
    qtbot.keyClicks(shown.search_edit, "zlj")
    assert names(shown) == ["曾丽佳"]


def test_an_empty_roster_explains_and_offers_to_add(page: MembersPage, qtbot: QtBot) -> None:
    assert page.stack.currentWidget() is page.empty_page
    assert page.empty_notice.text().startswith("还没有登记党员。")
    click(qtbot, page.empty_add_button)
    assert isinstance(page.dialog, MemberDialog)


# --- one member ---------------------------------------------------------------------------


def test_reveal_shows_the_full_id_and_the_table_stays_masked(
    page: MembersPage, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    assert not page.buttons["reveal"].isEnabled(), "nothing selected yet"
    page.select_member(member)

    click(qtbot, page.buttons["reveal"])

    assert len(shown_messages.shown) == 1
    assert ZHANG_ID in shown_messages.shown[0].text
    assert "张晓明" in shown_messages.shown[0].text
    assert member_cell(page, 0, COL.ID_NUMBER) == "422822********" + ZHANG_ID[-4:]
    tooltip = page.proxy.index(0, COL.ID_NUMBER).data(Qt.ItemDataRole.ToolTipRole)
    assert ZHANG_ID not in str(tooltip)


def test_double_click_opens_the_member_with_full_id_and_history(
    page: MembersPage, qtbot: QtBot
) -> None:
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    rect = page.table.visualRect(page.proxy.index(0, COL.NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    dialog = page.dialog
    assert isinstance(dialog, MemberDialog) and dialog.mode == "edit"
    assert dialog.member_id == member
    assert dialog.id_edit.text() == ZHANG_ID, "the full number, since it is being edited"
    assert dialog.windowTitle() == "编辑党员信息 — 张晓明"
    history = [dialog.history_list.item(i).text() for i in range(dialog.history_list.count())]
    assert len(history) == 1 and history[0].endswith("登记")

    dialog.position_edit.setText("教导主任")
    click(qtbot, dialog.primary_button())
    assert member_cell(page, 0, COL.POSITION) == "教导主任"


def test_leaving_requires_the_letter_number_and_keeps_the_member(
    page: MembersPage, qtbot: QtBot
) -> None:
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    page.select_member(member)
    click(qtbot, page.buttons["leaving"])
    dialog = page.dialog
    assert isinstance(dialog, LeavingDialog)
    assert dialog.kind() is MemberEventKind.TRANSFER_OUT
    assert dialog.confirm.text() == "确认转出"
    dialog.counterpart_edit.setText("中共恩施市第一中学支部委员会")

    click(qtbot, dialog.confirm)

    assert dialog.isVisible()
    assert field_error(dialog, "letter_no") == "请填写组织关系介绍信编号。"
    assert svc.get_member(member).state is MemberState.ACTIVE

    dialog.letter_edit.setText("建教党转字〔2025〕12号")
    assert field_error(dialog, "letter_no") == "", "the message goes as it is corrected"
    click(qtbot, dialog.confirm)

    assert svc.get_member(member).state is MemberState.TRANSFERRED_OUT
    assert names(page) == []
    choose_state(page, "已转出")
    assert names(page) == ["张晓明"]
    history = svc.member_history(member)
    assert [e.kind for e in history][-1] is MemberEventKind.TRANSFER_OUT

    edit = page.edit_member(member)
    lines = [edit.history_list.item(i).text() for i in range(edit.history_list.count())]
    assert any("转出" in line for line in lines)
    assert "已转出" in edit.state_label.text()


def test_leaving_the_party_is_recorded_and_kept(page: MembersPage, qtbot: QtBot) -> None:
    """出党 (开除党籍, 除名, 退党; rules.md §7) is a way of leaving: date and note, then the
    member is off the roster and found under 已出党."""
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    page.select_member(member)
    dialog = page.record_leaving_selected(MemberEventKind.LEFT_PARTY)
    assert isinstance(dialog, LeavingDialog)
    assert dialog.confirm.text() == "确认登记出党"
    assert not dialog.letter_edit.isVisibleTo(dialog), "only a transfer has a letter"
    dialog.date.set_date(dt.date.today() - dt.timedelta(days=1))
    dialog.note_edit.setText("经支部大会讨论决定予以除名，报上级党委批准")
    click(qtbot, dialog.confirm)
    assert svc.get_member(member).state is MemberState.LEFT_PARTY
    assert names(page) == []
    choose_state(page, "已出党")
    assert names(page) == ["张晓明"]
    assert MemberEventKind.LEFT_PARTY in [e.kind for e in svc.member_history(member)]


def test_a_date_in_the_future_is_refused_beside_the_date(page: MembersPage, qtbot: QtBot) -> None:
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    page.select_member(member)
    dialog = page.record_leaving_selected(MemberEventKind.DECEASED)
    assert isinstance(dialog, LeavingDialog)
    assert not dialog.letter_edit.isVisibleTo(dialog), "only a transfer has a letter"
    dialog.date.set_date(dt.date.today() + dt.timedelta(days=3))
    click(qtbot, dialog.confirm)
    assert field_error(dialog, "occurred_on") == "日期晚于今天，请核对。"
    assert svc.get_member(member).state is MemberState.ACTIVE


def test_making_a_probationary_member_full(page: MembersPage, qtbot: QtBot) -> None:
    joined = dt.date.today() - dt.timedelta(days=400)
    member = seed("王芳", WANG_ID, joined=joined, status=MemberStatus.PROBATIONARY)
    page.refresh()
    page.select_member(member)
    click(qtbot, page.buttons["full"])
    dialog = page.dialog
    assert isinstance(dialog, FullMemberDialog)
    # Changed (issue 11): the dialog used to fill in the date the probation ends, which may
    # lie ahead; it now fills in today, a date the rules allow once the year is over.
    assert dialog.date.value() == dt.date.today()
    assert "预备期已于" in dialog.label("introLabel").text()

    click(qtbot, dialog.primary_button())

    row = svc.get_member(member)
    assert row.status is MemberStatus.FULL and row.full_member_on == dt.date.today()
    assert member_cell(page, 0, COL.STATUS) == "正式党员"
    assert not page.buttons["full"].isEnabled()


def test_full_membership_is_not_offered_before_the_probation_ends(
    page: MembersPage, qtbot: QtBot
) -> None:
    # 党章 art. 7, 发展党员工作细则（2014）art. 31: 转正 only after the one-year 预备期.
    # The dialog used to fill in the date the probation *will* end, and one click made the
    # member full at once.
    joined = dt.date.today() - dt.timedelta(days=12)
    member = seed("王芳", WANG_ID, joined=joined, status=MemberStatus.PROBATIONARY)
    page.refresh()
    page.select_member(member)
    click(qtbot, page.buttons["full"])
    dialog = page.dialog
    assert isinstance(dialog, FullMemberDialog)
    ends = add_years(joined, 1)
    intro = dialog.label("introLabel").text()
    assert f"预备期到{ends.year}年{ends.month}月{ends.day}日才满一年" in intro
    assert "现在还不能转正" in intro
    assert not dialog.primary_button().isEnabled()
    assert not dialog.date.edit.isEnabled() and dialog.date.text() == ""
    dialog.reject()
    assert svc.get_member(member).status is MemberStatus.PROBATIONARY


def test_a_full_member_date_before_the_year_is_refused_beside_the_date(
    page: MembersPage, qtbot: QtBot
) -> None:
    # 党章 art. 7: not before the 预备期 of one year has ended.
    joined = dt.date.today() - dt.timedelta(days=400)
    member = seed("王芳", WANG_ID, joined=joined, status=MemberStatus.PROBATIONARY)
    page.refresh()
    page.select_member(member)
    click(qtbot, page.buttons["full"])
    dialog = page.dialog
    assert isinstance(dialog, FullMemberDialog)
    dialog.date.set_date(joined + dt.timedelta(days=12))
    click(qtbot, dialog.primary_button())
    assert "不满一年" in field_error(dialog, "full_member_on")
    dialog.date.set_date(dt.date.today() + dt.timedelta(days=3))
    click(qtbot, dialog.primary_button())
    assert "晚于今天" in field_error(dialog, "full_member_on")
    assert svc.get_member(member).status is MemberStatus.PROBATIONARY
    dialog.reject()


def test_transfer_in_registers_a_member_with_the_letter(page: MembersPage, qtbot: QtBot) -> None:
    click(qtbot, page.buttons["transferIn"])
    dialog = page.dialog
    assert isinstance(dialog, MemberDialog) and dialog.mode == "transfer_in"
    assert dialog.transfer_group.isVisibleTo(dialog)
    assert dialog.dates["occurred_on"].value() == dt.date.today()
    dialog.name_edit.setText("王芳")
    qtbot.keyClicks(dialog.id_edit, WANG_ID)
    dialog.dates["joined_on"].edit.setText("2015.07.01")
    click(qtbot, dialog.primary_button())
    assert field_error(dialog, "letter_no") == "请填写组织关系介绍信编号。"

    dialog.letter_edit.setText("鄂组转〔2025〕3号")
    dialog.counterpart_edit.setText("中共巴东县某中学支部委员会")
    click(qtbot, dialog.primary_button())

    assert names(page) == ["王芳"]
    member = shown_members(page)[0]
    assert [e.kind for e in svc.member_history(member.id)] == [MemberEventKind.TRANSFER_IN]


def test_the_context_menu_offers_the_same_actions(page: MembersPage) -> None:
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    page.select_member(member)
    texts = [a.text() for a in page.context_actions()]
    assert texts == [
        "编辑…",
        "转正…",
        "延长预备期…",
        "取消预备党员资格…",
        "留党察看…",
        "转出…",
        "停止党籍…",
        "去世…",
        "出党…",
        "显示完整身份证号码",
        "添加党员…",
        "转入党员…",
    ]
    enabled = {a.text(): a.isEnabled() for a in page.context_actions()}
    assert enabled["转出…"] and not enabled["转正…"], "a full member needs no 转正"
    assert enabled["留党察看…"] and not enabled["延长预备期…"]
    page.context_actions()[6].trigger()
    assert isinstance(page.dialog, LeavingDialog)
    assert page.dialog.kind() is MemberEventKind.MEMBERSHIP_STOPPED


def test_the_members_area_of_the_main_window_is_the_roster(
    main_window: MainWindow,
) -> None:
    main_window.show_area("members")
    page = main_window.current_page()
    assert isinstance(page, MembersPage)
    assert page.minimumSizeHint().width() <= 1366 - main_window.navigation.width()


# ---- probation decisions (issue 11; 党章 art. 7 and 40, rules.md §7) ----------------------


def open_probation(page: MembersPage, member: int, kind: MemberEventKind) -> ProbationDialog:
    page.refresh()
    page.select_member(member)
    texts = {
        MemberEventKind.PROBATION_EXTENDED: "延长预备期…",
        MemberEventKind.PROBATION_CANCELLED: "取消预备党员资格…",
        MemberEventKind.PARTY_PROBATION: "留党察看…",
    }
    action = next(a for a in page.context_actions() if a.text() == texts[kind])
    assert action.isEnabled()
    action.trigger()
    dialog = page.dialog
    assert isinstance(dialog, ProbationDialog) and dialog.kind is kind
    return dialog


def test_extending_the_probation_checks_the_dates_and_moves_the_full_membership(
    page: MembersPage, qtbot: QtBot
) -> None:
    # 党章 art. 7: 延长预备期 at most one year, never dated ahead; 转正 follows the new end.
    joined = dt.date.today() - dt.timedelta(days=380)
    member = seed("王芳", WANG_ID, joined=joined, status=MemberStatus.PROBATIONARY)
    dialog = open_probation(page, member, MemberEventKind.PROBATION_EXTENDED)
    assert "预备期到" in dialog.label("introLabel").text()
    assert dialog.date.value() == dt.date.today()
    dialog.ends.set_date(add_years(joined, 2) + dt.timedelta(days=1))
    dialog.resolution_edit.setText("经支部党员大会讨论表决，延长预备期")
    click(qtbot, dialog.confirm)
    assert "最长一年" in field_error(dialog, "ends_on")
    new_end = dt.date.today() + dt.timedelta(days=90)
    dialog.ends.set_date(new_end)
    dialog.date.set_date(dt.date.today() + dt.timedelta(days=1))
    click(qtbot, dialog.confirm)
    assert "晚于今天" in field_error(dialog, "occurred_on")
    dialog.date.set_date(dt.date.today())
    dialog.resolution_edit.setText("")
    click(qtbot, dialog.confirm)
    assert "请填写作出决定的决议" in field_error(dialog, "resolution")
    dialog.resolution_edit.setText("经支部党员大会讨论表决，延长预备期")
    click(qtbot, dialog.confirm)
    assert page.dialog is None or not page.dialog.isVisible()
    row = svc.get_member(member)
    assert row.expected_full_member_on == new_end
    click(qtbot, page.buttons["full"])
    full = page.dialog
    assert isinstance(full, FullMemberDialog)
    assert "预备期已延长到" in full.label("introLabel").text()
    assert not full.primary_button().isEnabled()
    full.reject()


def test_cancelling_the_probation_takes_the_member_off_the_roster(
    page: MembersPage, qtbot: QtBot
) -> None:
    # 党章 art. 7, rules.md §7: 取消预备党员资格 by resolution; the member stays as history.
    joined = dt.date.today() - dt.timedelta(days=200)
    member = seed("王芳", WANG_ID, joined=joined, status=MemberStatus.PROBATIONARY)
    dialog = open_probation(page, member, MemberEventKind.PROBATION_CANCELLED)
    assert not dialog.ends.edit.isVisibleTo(dialog)
    dialog.resolution_edit.setText("经支部党员大会讨论表决，取消其预备党员资格")
    click(qtbot, dialog.confirm)
    row = svc.get_member(member)
    assert row.state is MemberState.PROBATION_CANCELLED and row.left_on == dt.date.today()
    assert member not in [m.id for m in shown_members(page)]


def test_party_probation_is_offered_for_full_members_with_its_limits(
    page: MembersPage, qtbot: QtBot
) -> None:
    # 党章 art. 40: 留党察看 at most two years; the vote returns the day it ends.
    member = seed("张晓明", ZHANG_ID)
    dialog = open_probation(page, member, MemberEventKind.PARTY_PROBATION)
    start = dt.date.today() - dt.timedelta(days=10)
    dialog.date.set_date(start)
    dialog.ends.set_date(add_years(start, 2) + dt.timedelta(days=1))
    dialog.resolution_edit.setText("经支部党员大会讨论，报上级党委批准")
    click(qtbot, dialog.confirm)
    assert "不超过两年" in field_error(dialog, "ends_on")
    dialog.ends.set_date(add_years(start, 1))
    click(qtbot, dialog.confirm)
    assert MemberEventKind.PARTY_PROBATION in [e.kind for e in svc.member_history(member)]


def test_the_dues_reminder_opens_the_leaving_form_at_出党(page: MembersPage) -> None:
    """党费: a member the branch decided to treat as leaving the party — the reminder's
    登记出党… opens 人员变动 on that member with 出党 chosen."""
    member = seed("张晓明", ZHANG_ID)
    page.refresh()
    assert page.perform("record_leaving", {"member_id": member, "kind": "left_party"})
    dialog = page.dialog
    assert isinstance(dialog, LeavingDialog)
    assert dialog.kind() is MemberEventKind.LEFT_PARTY
    selected = page.selected_member()
    assert selected is not None and selected.id == member
    assert not page.perform("record_leaving", {"member_id": member, "kind": "no_such_kind"})
