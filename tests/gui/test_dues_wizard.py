"""The 党费收缴 wizard and its page, driven like a secretary: everyone ticked as paid as
due, one unticked, one amount typed as 「1,234.5元」, a 补交 added, 完成 — and what was saved
read back through the services."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.db import models
from jianshi_desktop.domain.enums import DuesCategory
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.dues.page import DuesPage
from jianshi_desktop.gui.dues.wizard import (
    AMOUNT_COL,
    MONTH_COL,
    NAME_COL,
    NOTE_COL,
    DuesBasicsPage,
    DuesCollectionWizard,
    DuesReviewPage,
    HandedPage,
    PaymentsPage,
)
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.services import dues, history
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import DUES_COLLECTION
from jianshi_desktop.services.store import Store
from tests.gui.records_helpers import step

TODAY = dt.date(2026, 12, 7)
DAY = dt.date(2026, 11, 20)


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    """The demo branch and roster, each member with a 5400 元 base (81 元 a month)."""
    fill_demo(today=TODAY, with_records=False)
    for facts in history.member_facts():
        models.DuesBase.insert(
            member=facts.id, year=2026, category=DuesCategory.EMPLOYED, base_fen=540_000
        ).on_conflict_replace().execute()
    return store


def open_wizard(qtbot: QtBot, store: Store, on: dt.date = DAY) -> DuesCollectionWizard:
    wizard = DuesCollectionWizard(
        dues.new_dues_collection_form(on=on),
        attachments_dir=store.data.attachments,
        today=lambda: TODAY,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def cell(page: PaymentsPage, row: int, column: int) -> str:
    item = page.table.item(row, column)
    assert item is not None
    return item.text()


def untick(page: PaymentsPage, row: int) -> None:
    item = page.table.item(row, 0)
    assert item is not None
    item.setCheckState(Qt.CheckState.Unchecked)


def type_amount(page: PaymentsPage, row: int, text: str) -> None:
    item = page.table.item(row, AMOUNT_COL)
    assert item is not None
    item.setText(text)


def test_a_month_with_one_unpaid_and_one_other_amount_is_recorded(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    assert wizard.currentPage() is page
    owing = page.table.rowCount()
    assert owing == len(history.roster_on(DAY)) and cell(page, 0, AMOUNT_COL) == "81.00"
    unpaid, other = cell(page, 0, NAME_COL), cell(page, 1, NAME_COL)
    untick(page, 0)
    type_amount(page, 1, "1,234.5元")
    assert cell(page, 1, AMOUNT_COL) == "1234.50", "the amount as read, two decimals"
    assert f"未交：{unpaid}" in page.total_label.text()
    next_step(qtbot, wizard)  # 上缴: not yet
    next_step(qtbot, wizard)
    review = step(wizard, DuesReviewPage)
    assert wizard.currentPage() is review
    text = review.review.toPlainText()
    assert f"\n未交\n{unpaid}\n" in text, "the review names who did not pay"
    assert f"应交 {owing} 人，已交 {owing - 1} 人" in text
    assert f"{other}2026年11月多交" in review.problems_label.text()  # a warning, not a stop
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = dues.load_dues_collection(wizard.record_id)
    assert unpaid not in {p.name for p in saved.payments}
    assert [p.paid_fen for p in saved.payments if p.name == other] == [123_450]
    assert len(saved.payments) == owing - 1


def test_an_amount_that_is_not_money_stops_the_step_with_what_to_fix(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    name = cell(page, 2, NAME_COL)
    type_amount(page, 2, "八十一")
    message = f"{name}的实交金额「八十一」不是金额，请写成数字，例如 5400 或 5400.50"
    assert shown_problem(page.amount_error) == message
    next_step(qtbot, wizard)
    assert wizard.currentPage() is page, "下一步 refused"
    type_amount(page, 2, "81")
    assert shown_problem(page.amount_error) == ""
    next_step(qtbot, wizard)
    assert wizard.currentPage() is not page


def test_back_payments_add_the_earlier_months_left_unpaid(roster: Store, qtbot: QtBot) -> None:
    october = dues.new_dues_collection_form(on=dt.date(2026, 10, 20))
    behind = october.payments.pop(0)
    DUES_COLLECTION.finish(october, today=TODAY)
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    rows = page.table.rowCount()
    click(qtbot, page.back_button)
    dialog = page.dialog
    assert dialog is not None and dialog.list.count() == 1
    offered = dialog.list.item(0)
    assert behind.name in offered.text() and "2026年10月" in offered.text()
    # nothing is ticked for the secretary: only the months actually paid now get ticked
    assert offered.checkState() == Qt.CheckState.Unchecked
    offered.setCheckState(Qt.CheckState.Checked)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert page.table.rowCount() == rows + 1
    assert (cell(page, rows, NAME_COL), cell(page, rows, MONTH_COL)) == (behind.name, "2026年10月")
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = dues.load_dues_collection(wizard.record_id)
    back = [p for p in saved.payments if p.for_month == dt.date(2026, 10, 1)]
    assert [(p.member_id, p.paid_fen, p.note) for p in back] == [(behind.member_id, 8_100, "补交")]


def test_the_page_shows_this_month_and_opens_a_new_collection(roster: Store, qtbot: QtBot) -> None:
    page = DuesPage(roster.data.attachments, data_root=roster.data.root, today=lambda: TODAY)
    qtbot.addWidget(page)
    owing = len(history.roster_on(TODAY))
    assert page.month_status_label.text() == (
        f"2026年12月党费：尚未收缴（{owing}人应交，共{owing * 81}.00元）"
    )
    wizard = page.new_dues_collection()
    assert isinstance(wizard, DuesCollectionWizard)
    assert wizard.form().month == dt.date(2026, 12, 1)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.outcome == "finished"
    page.refresh()
    assert page.month_status_label.text().startswith(f"2026年12月党费已收缴：{owing}人")


def test_a_member_without_a_base_stops_the_step_though_another_row_only_warns(
    roster: Store, qtbot: QtBot
) -> None:
    missing = history.roster_on(DAY)[3]
    models.DuesBase.delete().where(models.DuesBase.member == missing.id).execute()
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    assert (cell(page, 3, NAME_COL), cell(page, 3, AMOUNT_COL)) == (missing.name, "0.00")
    type_amount(page, 0, "100")  # 多交: a warning, in a row above
    next_step(qtbot, wizard)
    assert wizard.currentPage() is page, "下一步 refused"
    assert shown_problem(page.payments_error).startswith(f"{missing.name}未核定党费基数")


def test_the_month_s_reminder_opens_a_collection_for_that_month(
    roster: Store, qtbot: QtBot
) -> None:
    page = DuesPage(roster.data.attachments, data_root=roster.data.root, today=lambda: TODAY)
    qtbot.addWidget(page)
    assert page.perform("new_dues_collection", {"date": "2026-11-30"})
    wizard = page.wizard
    assert isinstance(wizard, DuesCollectionWizard)
    form = wizard.form()
    assert (form.month, form.held_on) == (dt.date(2026, 11, 1), TODAY)
    assert wizard.windowTitle().startswith("2026年11月党费收缴")


def test_a_draft_keeps_who_did_not_pay(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    unpaid = cell(page, 0, NAME_COL)
    untick(page, 0)
    wizard.reject()  # closing keeps a draft without asking
    assert wizard.outcome == "draft" and wizard.record_id is not None
    again = DuesCollectionWizard(
        dues.load_dues_collection(wizard.record_id),
        record_id=wizard.record_id,
        mode=Mode.DRAFT,
        attachments_dir=roster.data.attachments,
        today=lambda: TODAY,
    )
    qtbot.addWidget(again)
    again.show()
    reopened = step(again, PaymentsPage)
    assert reopened.table.rowCount() == page.table.rowCount()
    assert reopened.unpaid_names() == [unpaid]


def test_another_month_lists_that_month_s_members(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    basics = step(wizard, DuesBasicsPage)
    basics.month_edit.setDate(QDate(2026, 10, 1))
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    months = {cell(page, row, MONTH_COL) for row in range(page.table.rowCount())}
    assert months == {"2026年10月"}
    assert page.table.rowCount() == len(history.roster_on(dt.date(2026, 10, 31)))


def test_another_month_keeps_what_was_done_on_the_table(roster: Store, qtbot: QtBot) -> None:
    """所属月份 changed after the table was edited: nothing typed is lost."""
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    unpaid, other = cell(page, 0, NAME_COL), cell(page, 1, NAME_COL)
    untick(page, 0)
    type_amount(page, 1, "100")
    note = page.table.item(2, NOTE_COL)
    assert note is not None
    note.setText("本人委托代交")
    step(wizard, DuesBasicsPage).month_edit.setDate(QDate(2026, 10, 1))
    rows = {cell(page, row, NAME_COL): row for row in range(page.table.rowCount())}
    assert {cell(page, row, MONTH_COL) for row in rows.values()} == {"2026年10月"}
    assert not page.ticked(rows[unpaid]) and page.ticked(rows[other])
    assert cell(page, rows[other], AMOUNT_COL) == "100.00"
    kept_note = page.table.item(2, NOTE_COL)
    assert kept_note is not None and kept_note.text() == "本人委托代交"


def test_an_archived_collection_opens_to_look_at_and_is_corrected_with_a_reason(
    roster: Store, qtbot: QtBot
) -> None:
    record_id = DUES_COLLECTION.finish(dues.new_dues_collection_form(on=DAY), today=TODAY)
    DUES_COLLECTION.archive(record_id)
    wizard = DuesCollectionWizard(
        dues.load_dues_collection(record_id),
        record_id=record_id,
        mode=Mode.READ_ONLY,
        attachments_dir=roster.data.attachments,
        today=lambda: TODAY,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    page = step(wizard, PaymentsPage)
    amount = page.table.item(0, AMOUNT_COL)
    assert amount is not None and not amount.flags() & Qt.ItemFlag.ItemIsEditable
    assert not page.back_button.isEnabled()
    wizard.start_amending()
    assert amount.flags() & Qt.ItemFlag.ItemIsEditable and page.back_button.isEnabled()


def test_paying_ahead_adds_the_months_ticked_for_one_member(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    rows = page.table.rowCount()
    click(qtbot, page.ahead_button)
    dialog = page.dialog
    assert dialog is not None and dialog.member_combo.isVisible()
    dialog.member_combo.setCurrentIndex(1)
    name = dialog.member_combo.currentText()
    assert dialog.list.count() == 6, "预交 up to six months ahead"
    for row in (0, 1):
        dialog.list.item(row).setCheckState(Qt.CheckState.Checked)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    click(qtbot, buttons.button(QDialogButtonBox.StandardButton.Ok))
    added = [(cell(page, r, NAME_COL), cell(page, r, MONTH_COL)) for r in range(rows, rows + 2)]
    assert added == [(name, "2026年12月"), (name, "2027年1月")]
    assert page.table.rowCount() == rows + 2


def test_a_saved_draft_is_not_saved_again_until_something_changes(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    assert wizard.autosave(even_unchanged=True)
    assert not wizard.changed(), "the draft as saved is the draft on screen"
    assert not wizard.autosave(), "an idle window writes nothing more"
    untick(step(wizard, PaymentsPage), 0)
    assert wizard.changed() and wizard.autosave()


def test_an_unreadable_amount_on_an_unticked_row_does_not_stop_the_step(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    page = step(wizard, PaymentsPage)
    type_amount(page, 2, "八十一")
    untick(page, 2)  # did not pay after all: the amount no longer matters
    assert shown_problem(page.amount_error) == ""
    next_step(qtbot, wizard)
    assert wizard.currentPage() is not page


def test_corrections_are_told_in_yuan_names_and_months(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    member = history.roster_on(DAY)[0]
    assert wizard.describe_value("handed_fen", 194_045) == "1940.45元"
    assert wizard.describe_value("month", "2026-09-01") == "2026年9月"
    assert wizard.describe_value("handed_on", "2026-09-25") == "2026年9月25日"
    assert wizard.describe_value("collector_id", member.id) == member.name
    assert wizard.CHANGE_LABELS["handed_fen"] == "上缴金额"


def test_a_back_payment_from_the_arrears_list_holds_that_member_alone(
    roster: Store, qtbot: QtBot
) -> None:
    september = dues.new_dues_collection_form(on=dt.date(2026, 9, 20))
    behind = september.payments.pop(0)
    DUES_COLLECTION.finish(september, today=TODAY)
    october = dues.new_dues_collection_form(on=dt.date(2026, 10, 20))
    october.payments = [p for p in october.payments if p.member_id != behind.member_id]
    DUES_COLLECTION.finish(october, today=TODAY)
    page = DuesPage(roster.data.attachments, data_root=roster.data.root, today=lambda: TODAY)
    qtbot.addWidget(page)
    wizard = page.record_back_payment(behind.member_id)
    assert isinstance(wizard, DuesCollectionWizard)
    form = wizard.form()
    assert {p.member_id for p in form.payments} == {behind.member_id}
    assert sorted(p.for_month.month for p in form.payments) == [9, 10, 11]
    # the collection of the latest month behind (November, never collected here): it never
    # stands for December's
    assert form.month == dt.date(2026, 11, 1) and form.held_on == TODAY


def test_a_receipt_of_the_handing_up_may_be_attached(
    roster: Store, qtbot: QtBot, tmp_path: Path
) -> None:
    receipt = tmp_path / "上缴回执.pdf"
    receipt.write_bytes(b"%PDF-1.4 the receipt, scanned")
    wizard = open_wizard(qtbot, roster)
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    handed = step(wizard, HandedPage)
    assert wizard.currentPage() is handed and not handed.attachments.entries(), "never asked for"
    buttons = [b.text() for b in handed.attachments.add_buttons.values()]
    assert buttons == ["添加上缴凭证…"], "no 签到表 or 现场照片 for dues"
    handed.handed_check.setChecked(True)
    assert handed.attachments.add_files([receipt]) == 1
    next_step(qtbot, wizard)
    review = step(wizard, DuesReviewPage)
    assert "上缴凭证\n上缴回执.pdf" in review.review.toPlainText()
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.record_id is not None
    saved = dues.load_dues_collection(wizard.record_id)
    assert [a.file_name for a in saved.attachments] == ["上缴回执.pdf"]
