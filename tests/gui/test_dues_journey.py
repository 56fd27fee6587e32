"""Issue 18's "a month's dues for the branch in under a minute": from 首页 to a finished
党费收缴 of the whole branch, with one member who did not pay, in a handful of clicks and
nothing typed — everyone is listed paid as due, the exception is one untick.

The real main window is driven with qtbot; each user action goes through ``act`` and is
counted (a click, or a tick in the table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import DuesCategory, RecordState
from jianshi_desktop.gui.dues.page import DuesPage
from jianshi_desktop.gui.dues.wizard import NAME_COL, DuesCollectionWizard, PaymentsPage
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.services import dues, dues_bases, history
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import DUES_COLLECTION
from jianshi_desktop.services.store import Store
from tests.gui.records_helpers import step

MAX_CLICKS = 7


def test_a_month_of_dues_for_the_whole_branch_takes_a_few_clicks(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    today = dt.date.today()
    fill_demo(today=today, with_records=False)
    for facts in history.roster_on(today):
        dues_bases.set_base(facts.id, today.year, category=DuesCategory.EMPLOYED, base_fen=540_000)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    clicks = 0

    def act(do: Callable[[], object]) -> None:
        nonlocal clicks
        clicks += 1
        do()

    def press(button: QAbstractButton | None) -> Callable[[], None]:
        assert button is not None and button.isVisible() and button.isEnabled()
        return lambda: qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    row = next(
        i for i in range(window.navigation.count()) if window.navigation.item(i).text() == "党费"
    )
    act(lambda: window.navigation.setCurrentRow(row))
    page = window.page_of("dues", DuesPage)
    new = next(b for b in page.findChildren(QPushButton) if b.text() == "记录本月党费")
    act(press(new))
    wizard = page.wizard
    assert isinstance(wizard, DuesCollectionWizard)
    act(press(wizard.button(QWizard.WizardButton.NextButton)))
    table = step(wizard, PaymentsPage).table
    owing = table.rowCount()
    assert owing == len(history.roster_on(today)) > 10
    unpaid_item = table.item(owing - 1, 0)
    assert unpaid_item is not None and unpaid_item.checkState() is Qt.CheckState.Checked
    act(lambda: unpaid_item.setCheckState(Qt.CheckState.Unchecked))
    act(press(wizard.button(QWizard.WizardButton.NextButton)))  # to 上缴
    act(press(wizard.button(QWizard.WizardButton.NextButton)))  # to the review
    act(press(wizard.button(QWizard.WizardButton.FinishButton)))
    print(f"\n党费收缴 of {owing} members: {clicks} clicks, nothing typed")

    assert wizard.outcome == "finished" and wizard.record_id is not None
    assert DUES_COLLECTION.state(wizard.record_id)[0] is RecordState.FINISHED
    saved = dues.load_dues_collection(wizard.record_id)
    name_item = table.item(owing - 1, NAME_COL)
    assert name_item is not None
    assert len(saved.payments) == owing - 1
    assert name_item.text() not in {p.name for p in saved.payments}
    assert all(p.paid_fen == 8100 for p in saved.payments), "5400 元 → 81 元 each"
    assert clicks <= MAX_CLICKS
