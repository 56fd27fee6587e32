"""导入花名册 and 导出花名册 on the 党员 page, driven like a secretary would: the file
dialogs answer with a path (monkeypatched), the preview is read, 导入 is clicked.

Workbooks are built with ``tests/unit/roster_workbooks.py``; the sample is the copy in
``tests/data``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.gui.members import roster_import
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.gui.members.roster_import import (
    PreviewModel,
    RosterExportDialog,
    RosterImportDialog,
)
from jianshi_desktop.services import members as svc
from jianshi_desktop.services import roster
from jianshi_desktop.services.branch import BranchInfo
from jianshi_desktop.services.roster import PROBLEM_COLUMN, RowAction
from tests.gui import shown
from tests.support import ROSTER_SAMPLE
from tests.unit import roster_workbooks as wb
from tests.unit.roster_workbooks import person

from .conftest import BRANCH_NAME, MessageLog, click

SAMPLE = ROSTER_SAMPLE
COL = PreviewModel


WAIT_MS = 10_000  # reading or writing a workbook on a loaded CI machine


@pytest.fixture(autouse=True)
def _fresh() -> None:
    roster_import._last_folder = None  # each test starts in the file dialog's default


def answer_open(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[tuple[object, ...]]:
    """The open-file dialog answers ``path`` (None: the user closed it)."""
    asked: list[tuple[object, ...]] = []

    def fake(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(args)
        return (str(path) if path else "", roster_import.XLSX_FILTER if path else "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    return asked


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[tuple[object, ...]]:
    asked: list[tuple[object, ...]] = []

    def fake(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(args)
        return (str(path) if path else "", roster_import.XLSX_FILTER if path else "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return asked


def import_button(members_page: MembersPage) -> QAbstractButton:
    """导入花名册…: on the empty page while the roster is empty, else in the actions row."""
    if members_page.stack.currentWidget() is members_page.empty_page:
        return members_page.empty_import_button
    return members_page.buttons["importRoster"]


def open_preview(
    qtbot: QtBot, members_page: MembersPage, monkeypatch: pytest.MonkeyPatch, path: Path
) -> RosterImportDialog:
    answer_open(monkeypatch, path)
    click(qtbot, import_button(members_page))
    task = members_page.roster_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    dialog = members_page.dialog
    assert isinstance(dialog, RosterImportDialog), "the preview opened"
    assert dialog.isVisible()
    return dialog


def wait_closed(qtbot: QtBot, members_page: MembersPage) -> None:
    qtbot.waitUntil(lambda: members_page.dialog is None, timeout=WAIT_MS)


def wait_task(qtbot: QtBot, dialog: RosterImportDialog | RosterExportDialog) -> None:
    task = dialog.task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)


def column(dialog: RosterImportDialog, col: int) -> list[str]:
    return [shown.import_cell(dialog, r, col) for r in range(dialog.proxy.rowCount())]


def member_names() -> list[str]:
    return [m.name for m in svc.list_members()]


def messy_workbook(path: Path) -> Path:
    """Title rows, an extra column, a bad ID, a missing 入党时间, a row without an ID
    (a warning), a blank line and notes under the table."""
    headers = (*wb.STANDARD_HEADERS, "籍贯")
    good = [person(1), person(2), person(5)]
    bad_id = person(3, 身份证号码=wb.wrong_check(str(person(3)["身份证号码"])))
    no_joined = person(4, 入党时间=None)
    no_id = person(6, 身份证号码=None)
    people = [good[0], bad_id, good[1], no_joined, good[2], no_id]
    rows: list[list[object] | None] = [[wb.TITLE], ["填报单位：某某小学"]]
    table = wb.table(people, headers)
    for values in table[1:]:
        values[-1] = "湖北建始"
    rows += [list(r) for r in table]
    rows += [None, ["填表人：王老师", None, None, None, "审核人：李书记"]]
    return wb.write(path, rows, merges=("A1:O1",), text_columns=(6, 9))


# --- the sample ---------------------------------------------------------------------------


def test_the_sample_previews_as_23_new_members_and_imports_them(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
) -> None:
    assert members_page.stack.currentWidget() is members_page.empty_page
    assert not members_page.buttons["importRoster"].isVisible(), "the empty page has its own button"
    asked = answer_open(monkeypatch, SAMPLE)
    click(qtbot, members_page.empty_import_button)
    assert asked and asked[0][3] == "Excel 工作簿 (*.xlsx)"
    task = members_page.roster_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    dialog = members_page.dialog
    assert isinstance(dialog, RosterImportDialog)

    assert dialog.summary_label.text() == "将新增 23 名，更新 0 名，无变化 0 名，有问题 0 行。"
    assert dialog.preview.counts()["problem"] == 0
    assert column(dialog, COL.ACTION) == ["新增"] * 23
    assert column(dialog, COL.ROW) == [str(r) for r in range(3, 26)]
    assert column(dialog, COL.NAME)[0] == "丁雪艳"
    assert column(dialog, COL.ID_NUMBER)[0] == "422822********116X", "ID numbers masked"
    assert "19731125" not in "".join(column(dialog, COL.ID_NUMBER))
    assert dialog.filter_buttons[None].text() == "全部 23"
    assert dialog.filter_buttons[RowAction.NEW].text() == "新增 23"
    assert not dialog.filter_buttons[RowAction.PROBLEM].isEnabled()
    assert not dialog.save_problems_button.isEnabled()
    assert dialog.nothing_label.isHidden()
    assert svc.list_members() == [], "nothing saved by the preview"

    click(qtbot, dialog.import_button)
    wait_closed(qtbot, members_page)

    assert len(shown.shown_members(members_page)) == 23
    assert members_page.stack.currentWidget() is members_page.roster_page
    assert (
        members_page.buttons["importRoster"].isVisible()
        and members_page.buttons["exportRoster"].isVisible()
    )
    assert members_page.counts_label.text().startswith("在册 23 人")
    (done,) = shown_messages.shown
    assert done.title == "导入完成"
    assert done.text == "花名册已导入：新增 23 名，更新 0 名，无变化 0 名。"


def test_importing_the_same_file_twice_shows_all_unchanged_and_imports_nothing(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
) -> None:
    roster.apply_import(roster.preview_import(SAMPLE))
    members_page.refresh()
    dialog = open_preview(qtbot, members_page, monkeypatch, SAMPLE)
    assert dialog.summary_label.text() == "将新增 0 名，更新 0 名，无变化 23 名，有问题 0 行。"
    assert set(column(dialog, COL.ACTION)) == {"无变化"}
    assert set(column(dialog, COL.NOTE)) == {"与已登记的信息相同"}
    assert not dialog.import_button.isEnabled()
    assert dialog.nothing_label.isVisible()
    assert "不需要导入" in dialog.nothing_label.text()
    assert dialog.cancel_button.text() == "关闭"
    dialog.save()  # even if asked: nothing happens
    assert dialog.task is None
    click(qtbot, dialog.cancel_button)
    wait_closed(qtbot, members_page)
    assert len(shown.shown_members(members_page)) == 23
    assert shown_messages.shown == []


def test_a_changed_phone_shows_old_and_new_and_updates_the_member(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    roster.apply_import(roster.preview_import(SAMPLE))
    members_page.refresh()
    book = openpyxl.load_workbook(SAMPLE)
    book.active["L5"] = "13900001111"  # 邱霞永's phone
    changed = tmp_path / "花名册.xlsx"
    book.save(changed)

    dialog = open_preview(qtbot, members_page, monkeypatch, changed)
    dialog.show_only(RowAction.UPDATE)
    assert column(dialog, COL.NAME) == ["邱霞永"]
    assert column(dialog, COL.NOTE) == ["联系电话：15751139388 → 13900001111"]
    click(qtbot, dialog.import_button)
    wait_closed(qtbot, members_page)
    assert len(shown.shown_members(members_page)) == 23
    assert svc.list_members()[[m.name for m in svc.list_members()].index("邱霞永")].phone == (
        "13900001111"
    )
    assert shown_messages.shown[-1].text == "花名册已导入：新增 0 名，更新 1 名，无变化 22 名。"


# --- a messy workbook -----------------------------------------------------------------------


def test_a_messy_workbook_shows_each_problem_and_imports_only_the_valid_rows(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    path = messy_workbook(tmp_path / "花名册.xlsx")
    dialog = open_preview(qtbot, members_page, monkeypatch, path)

    assert dialog.summary_label.text() == (
        "将新增 4 名，更新 0 名，无变化 0 名，有问题 2 行（不会导入）。"
    )
    details = dialog.details_label.text()
    assert "另存问题行" in details
    assert "第11行是表下说明，不是党员信息，已跳过。" in details
    assert "“籍贯”列不是花名册的内容，不导入。" in details
    assert "1 条提示" in details
    assert column(dialog, COL.ROW) == ["4", "5", "6", "7", "8", "9"]
    actions = column(dialog, COL.ACTION)
    assert actions == ["新增", "有问题", "新增", "有问题", "新增", "新增"]

    dialog.show_only(RowAction.PROBLEM)
    assert [r.row for r in shown.import_rows(dialog)] == [5, 7]
    notes = column(dialog, COL.NOTE)
    check = wb.id_number(dt.date(1973, 4, 4), male=True, serial=3)[-1]
    assert notes[0].startswith(
        f"！身份证号码：身份证号码最后一位校验码不正确（应为 {check}），请核对。"
    )
    assert notes[1].startswith("！入党时间：请填写入党时间")
    icon = dialog.proxy.index(0, COL.ACTION).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull(), "a sign, not colour only"

    dialog.show_only(None)
    warning = column(dialog, COL.NOTE)[5]
    assert warning.startswith("提示："), warning

    click(qtbot, dialog.import_button)
    wait_closed(qtbot, members_page)
    assert sorted(member_names()) == sorted(
        str(p["姓名"]) for p in (person(1), person(2), person(5), person(6))
    )
    (done,) = shown_messages.shown
    assert "新增 4 名" in done.text and "有问题的 2 行没有导入" in done.hint


def test_problem_rows_are_saved_beside_the_source_with_their_problems(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    path = messy_workbook(tmp_path / "花名册.xlsx")
    dialog = open_preview(qtbot, members_page, monkeypatch, path)
    target = tmp_path / "改好再导入"  # without .xlsx: added
    asked = answer_save(monkeypatch, target)

    click(qtbot, dialog.save_problems_button)
    wait_task(qtbot, dialog)

    assert Path(str(asked[0][2])) == tmp_path / "花名册-问题行.xlsx", "suggested beside it"
    saved = tmp_path / "改好再导入.xlsx"
    sheet = openpyxl.load_workbook(saved).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == PROBLEM_COLUMN
    assert len(rows) == 3
    assert "原第5行" in str(rows[1][-1]) and "校验码" in str(rows[1][-1])
    assert "原第7行" in str(rows[2][-1]) and "入党时间" in str(rows[2][-1])
    (message,) = shown_messages.shown
    assert message.title == "问题行已保存" and str(saved) in message.text
    assert dialog.isVisible(), "the preview stays open: 导入 is still to do"
    assert svc.list_members() == []


def test_problem_rows_never_overwrite_the_source(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    path = messy_workbook(tmp_path / "花名册.xlsx")
    before = path.read_bytes()
    dialog = open_preview(qtbot, members_page, monkeypatch, path)
    answer_save(monkeypatch, path)
    click(qtbot, dialog.save_problems_button)
    assert dialog.task is None
    assert path.read_bytes() == before
    assert "不能把问题行存到原来的花名册上" in shown_messages.texts[0]


def test_cancel_saves_nothing(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    path = messy_workbook(tmp_path / "花名册.xlsx")
    files = set(tmp_path.iterdir())
    dialog = open_preview(qtbot, members_page, monkeypatch, path)
    assert dialog.cancel_button.text() == "取消"
    click(qtbot, dialog.cancel_button)
    wait_closed(qtbot, members_page)
    assert svc.list_members() == []
    assert members_page.stack.currentWidget() is members_page.empty_page
    assert set(tmp_path.iterdir()) == files
    assert shown_messages.shown == []


# --- files that cannot be read ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("坏了.xlsx", b"PK\x03\x04 not really a zip", "可能已损坏"),
        ("旧花名册.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "旧版 Excel 格式"),
        ("名单.xlsx", b"name,phone\n", "这不是 Excel 工作簿"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_plain_message_and_nothing_else(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
    name: str,
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    answer_open(monkeypatch, path)
    click(qtbot, members_page.empty_import_button)
    task = members_page.roster_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    assert members_page.dialog is None, "no preview"
    (message,) = shown_messages.shown
    assert message.title == "无法导入花名册"
    assert message.text.startswith(f"无法导入“{name}”：") and expected in message.text
    assert message.hint, "says what to do"
    assert svc.list_members() == []


def test_a_workbook_without_a_name_column_says_which_column_is_missing(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    path = wb.write(tmp_path / "名单.xlsx", [["序号", "性别", "入党时间"], [1, "男", "2001.07"]])
    answer_open(monkeypatch, path)
    click(qtbot, members_page.empty_import_button)
    task = members_page.roster_task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=WAIT_MS)
    assert members_page.dialog is None
    assert "“姓名”" in shown_messages.shown[0].text


def test_closing_the_file_dialog_does_nothing(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    shown_messages: MessageLog,
) -> None:
    answer_open(monkeypatch, None)
    click(qtbot, members_page.empty_import_button)
    assert members_page.roster_task is None and members_page.dialog is None
    assert shown_messages.shown == []


# --- export ----------------------------------------------------------------------------------


def open_export(qtbot: QtBot, members_page: MembersPage) -> RosterExportDialog:
    click(qtbot, members_page.buttons["exportRoster"])
    dialog = members_page.dialog
    assert isinstance(dialog, RosterExportDialog) and dialog.isVisible()
    return dialog


def test_export_writes_the_roster_where_the_user_chose(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    roster.apply_import(roster.preview_import(SAMPLE))
    members_page.refresh()
    dialog = open_export(qtbot, members_page)
    assert dialog.path().name == f"{BRANCH_NAME}党员花名册.xlsx"
    assert not dialog.mask_ids(), "full numbers by default: the secretary's own roster"
    target = tmp_path / "导出.xlsx"
    asked = answer_save(monkeypatch, target)
    click(qtbot, dialog.change_button)
    assert Path(str(asked[0][2])).name == f"{BRANCH_NAME}党员花名册.xlsx"
    assert dialog.path() == target
    dialog.mask_check.setChecked(True)

    click(qtbot, dialog.export_button)
    wait_closed(qtbot, members_page)

    sheet = openpyxl.load_workbook(target).active
    assert sheet["A1"].value == f"{BRANCH_NAME}党员花名册"
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True) if isinstance(r[0], int)]
    assert len(rows) == 23
    assert all("*" in str(r[5]) for r in rows), "ID numbers masked as asked"
    (message,) = shown_messages.shown
    assert message.title == "导出完成"
    assert message.text == "已导出 23 名党员的花名册（身份证号码已隐去中间部分）。"
    assert str(target) in message.hint


def test_export_asks_before_replacing_a_file(
    members_page: MembersPage,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    shown_messages: MessageLog,
) -> None:
    svc.add_member(MemberFields(name="王芳", joined_on=dt.date(2010, 7, 1)))
    members_page.refresh()
    existing = tmp_path / "花名册.xlsx"
    existing.write_bytes(b"old")
    roster_import._last_folder = tmp_path
    monkeypatch.setattr(roster_import, "default_export_name", lambda **_: "花名册.xlsx")
    dialog = open_export(qtbot, members_page)
    assert dialog.path() == existing

    click(qtbot, dialog.export_button)  # the recorded question answers its default: 不替换
    assert shown_messages.shown[0].yes_text == "替换"
    assert existing.read_bytes() == b"old"
    assert dialog.isVisible() and dialog.task is None

    def replace(parent: object, message: object) -> bool:
        shown_messages.shown.append(message)  # type: ignore[arg-type]
        return True

    monkeypatch.setattr(roster_import.messages, "present", replace)
    click(qtbot, dialog.export_button)
    wait_closed(qtbot, members_page)
    assert openpyxl.load_workbook(existing).active["A1"].value.endswith("党员花名册")


def test_the_default_export_name_is_safe_for_windows(
    branch: BranchInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = roster_import.branch_info()
    assert info is not None
    monkeypatch.setattr(
        roster_import, "branch_info", lambda: dataclasses.replace(info, name="一/二:支部?")
    )
    assert roster_import.default_export_name() == "一-二：支部？党员花名册.xlsx"


def test_a_masked_copy_is_named_apart_from_the_full_roster(
    members_page: MembersPage, qtbot: QtBot, tmp_path: Path, shown_messages: MessageLog
) -> None:
    svc.add_member(MemberFields(name="王芳", joined_on=dt.date(2010, 7, 1)))
    members_page.refresh()
    roster_import._last_folder = tmp_path
    dialog = open_export(qtbot, members_page)
    assert dialog.folder_label.text() == str(tmp_path)
    assert dialog.name_edit.text() == f"{BRANCH_NAME}党员花名册.xlsx"
    dialog.mask_check.setChecked(True)
    assert dialog.path() == tmp_path / f"{BRANCH_NAME}党员花名册（隐去个人信息）.xlsx"
    dialog.mask_check.setChecked(False)
    assert dialog.path().name == f"{BRANCH_NAME}党员花名册.xlsx"

    dialog.name_edit.setText("2024/春季 花名册")
    dialog.name_edit.textEdited.emit(dialog.name_edit.text())
    dialog.mask_check.setChecked(True)  # a name the user typed stays
    assert dialog.path() == tmp_path / "2024-春季 花名册.xlsx"
    click(qtbot, dialog.export_button)
    wait_closed(qtbot, members_page)
    assert (tmp_path / "2024-春季 花名册.xlsx").is_file()
