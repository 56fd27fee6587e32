"""The first-start wizard, driven like a secretary would: fill, click 下一步, click 完成."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDateEdit,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import DEFAULT_PARENT_ORGANIZATION
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import shown_problem as field_error
from jianshi_desktop.gui.first_start import (
    FOUNDED_UNSET,
    WINDOW_TITLE,
    BranchPage,
    FirstStartWizard,
    ReviewPage,
    SetupPage,
    WelcomePage,
)
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.services.branch import branch_info, has_branch
from jianshi_desktop.services.store import Store

from .conftest import BRANCH_NAME, MessageLog


def click(qtbot: QtBot, wizard: FirstStartWizard, which: QWizard.WizardButton) -> None:
    qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def click_next(qtbot: QtBot, wizard: FirstStartWizard) -> None:
    click(qtbot, wizard, QWizard.WizardButton.NextButton)


def current(wizard: FirstStartWizard) -> object:
    return wizard.currentPage()


def fill_branch_page(wizard: FirstStartWizard) -> None:
    page = wizard.branch_page
    page.name_edit.setText(BRANCH_NAME)  # keyClicks cannot type Chinese
    page.founded_edit.setDate(QDate(1998, 9, 10))


def test_the_pages_are_listed_once_in_order(wizard: FirstStartWizard) -> None:
    pages = FirstStartWizard.PAGES
    assert pages == (WelcomePage, BranchPage, SetupPage, ReviewPage)
    assert [type(wizard.page(i)) for i in wizard.pageIds()] == list(FirstStartWizard.PAGES)
    assert wizard.windowTitle() == WINDOW_TITLE == "建立支部 — 建始支部工作台账"


def test_finishing_saves_the_branch_and_the_main_window_shows_it(
    wizard: FirstStartWizard, qtbot: QtBot, store: Store, shown_messages: MessageLog
) -> None:
    assert isinstance(current(wizard), WelcomePage)
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), BranchPage)
    assert wizard.branch_page.parent_edit.text() == DEFAULT_PARENT_ORGANIZATION
    fill_branch_page(wizard)
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), SetupPage)
    wizard.setup_page.committee_radio.click()
    wizard.setup_page.theme_day_spin.setValue(15)
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), ReviewPage)
    assert wizard.review_page.summary() == {
        "name": BRANCH_NAME,
        "parent_name": DEFAULT_PARENT_ORGANIZATION,
        "founded_on": "1998年9月10日",
        "organization": "设支部委员会（正式党员7人及以上）",
        "theme_day": "每月15日",
        "records_from": f"{dt.date.today().year}年{dt.date.today().month}月1日",
    }
    assert not has_branch(), "nothing may be written before 完成"

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.result() == QWizard.DialogCode.Accepted
    info = branch_info()
    assert info is not None
    assert (info.name, info.parent_name, info.founded_on) == (
        BRANCH_NAME,
        DEFAULT_PARENT_ORGANIZATION,
        dt.date(1998, 9, 10),
    )
    assert info.has_committee is True
    assert info.theme_day_of_month == 15
    assert wizard.created == info
    assert shown_messages.shown == []

    window = MainWindow(store)
    qtbot.addWidget(window)
    assert window.windowTitle() == f"{BRANCH_NAME} — 建始支部工作台账"


def test_records_are_kept_here_from_the_start_of_this_month_unless_changed(
    wizard: FirstStartWizard, qtbot: QtBot, store: Store
) -> None:
    """Issue 11: a branch set up mid-year is not overdue for the months before it kept its
    records in the app; the wizard asks from when (default: this month's first day)."""
    today = dt.date.today()
    click_next(qtbot, wizard)
    fill_branch_page(wizard)
    click_next(qtbot, wizard)
    setup = wizard.setup_page
    group = setup.findChild(QGroupBox, "recordsFromGroup")
    assert group is not None and group.title() == "从哪一天开始在本程序记录"
    assert setup.records_from() == today.replace(day=1)
    hint = setup.findChild(QLabel, "recordsFromHint")
    assert hint is not None and "不算逾期" in hint.text()
    setup.secretary_radio.click()
    setup.records_from_edit.setDate(QDate(2020, 9, 1))
    setup.records_from_edit.setDate(QDate(1990, 1, 1))  # before the founding: not offered
    assert setup.records_from() == dt.date(1998, 9, 10)
    setup.records_from_edit.setDate(QDate(2020, 9, 1))
    click_next(qtbot, wizard)
    assert wizard.review_page.summary()["records_from"] == "2020年9月1日"

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    info = branch_info()
    assert info is not None and info.records_from == dt.date(2020, 9, 1)


def test_cancel_asks_before_dropping_what_was_typed_and_saves_nothing(
    wizard: FirstStartWizard,
    qtbot: QtBot,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    click_next(qtbot, wizard)
    fill_branch_page(wizard)
    click_next(qtbot, wizard)
    wizard.setup_page.secretary_radio.click()
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), ReviewPage)

    click(qtbot, wizard, QWizard.WizardButton.CancelButton)  # the default answer: 继续填写

    assert shown_messages.shown[-1].text == "放弃已填写的内容？"
    assert wizard.isVisible() and wizard.branch_page.name_edit.text() == BRANCH_NAME

    def discard(parent: object, message: messages.Message) -> bool:
        shown_messages.shown.append(message)
        return True  # 放弃

    monkeypatch.setattr(messages, "present", discard)
    click(qtbot, wizard, QWizard.WizardButton.CancelButton)

    assert wizard.result() == QWizard.DialogCode.Rejected
    assert not wizard.isVisible()
    assert not has_branch()
    assert wizard.created is None


def test_an_empty_name_refuses_to_advance_and_says_why_beside_the_field(
    wizard: FirstStartWizard, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    click_next(qtbot, wizard)
    page = wizard.branch_page
    page.founded_edit.setDate(QDate(2005, 3, 1))
    page.name_edit.setText("   ")

    click_next(qtbot, wizard)

    assert current(wizard) is page
    error = page.errors["name"]
    assert error.isVisibleTo(page)
    assert "请填写支部名称" in error.text()
    assert error.text().startswith("！"), "colour must not be the only sign"
    assert not page.errors["founded_on"].isVisibleTo(page)
    assert shown_messages.shown == [], "problems are shown beside the field, not in a pop-up"

    page.name_edit.setText(BRANCH_NAME)
    assert field_error(error) == "", "a fixed field clears its message while typing"
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), SetupPage)


def test_a_field_is_checked_as_soon_as_it_is_left(wizard: FirstStartWizard, qtbot: QtBot) -> None:
    click_next(qtbot, wizard)
    page = wizard.branch_page
    page.parent_edit.clear()
    page.parent_edit.editingFinished.emit()  # what leaving the field sends
    assert "请填写上级党组织" in field_error(page.errors["parent_name"])
    assert field_error(page.errors["name"]) == "", "untouched fields stay quiet"


def test_the_founding_date_starts_unchosen_and_is_required(
    wizard: FirstStartWizard, qtbot: QtBot
) -> None:
    click_next(qtbot, wizard)
    page = wizard.branch_page
    assert page.founded_edit.date() == FOUNDED_UNSET
    assert page.founded_edit.text() == "请选择日期"
    assert page.founded_edit.calendarPopup()
    assert page.founded_edit.displayFormat() == "yyyy年M月d日"
    assert page.founded_edit.maximumDate() == QDate.currentDate()
    page.name_edit.setText(BRANCH_NAME)

    click_next(qtbot, wizard)

    assert current(wizard) is page
    assert "请填写支部成立日期" in field_error(page.errors["founded_on"])
    page.founded_edit.setDate(QDate(1998, 9, 10))
    assert field_error(page.errors["founded_on"]) == ""


def test_typing_a_year_over_the_unchosen_date_starts_from_today(
    wizard: FirstStartWizard, qtbot: QtBot
) -> None:
    click_next(qtbot, wizard)
    edit = wizard.branch_page.founded_edit
    edit.setFocus()
    qtbot.keyClicks(edit, "1998")  # digits only: keyClicks cannot type Chinese
    chosen = wizard.branch_page.founded_on()
    assert chosen is not None and chosen.year == 1998
    assert chosen.month == dt.date.today().month
    assert edit.text().startswith("1998年")


def test_the_wizard_survives_being_closed_with_a_field_focused(
    gui_app: object, qtbot: QtBot, store: Store
) -> None:
    # Not registered with qtbot: this test deletes the wizard itself.
    wizard = FirstStartWizard(data_root=store.data.root)
    wizard.show()
    click_next(qtbot, wizard)
    wizard.branch_page.founded_edit.setFocus()
    wizard.close()
    wizard.deleteLater()
    qtbot.wait(10)  # editingFinished during teardown must not raise


def test_theme_day_must_be_at_most_the_28th(wizard: FirstStartWizard, qtbot: QtBot) -> None:
    click_next(qtbot, wizard)
    fill_branch_page(wizard)
    click_next(qtbot, wizard)
    page = wizard.setup_page
    page.secretary_radio.click()

    page.theme_day_spin.setValue(30)
    message = field_error(page.theme_day_error)
    assert "28" in message and "每个月都有这一天" in message, "explained as soon as it is chosen"
    click_next(qtbot, wizard)
    assert current(wizard) is page

    page.theme_day_spin.setValue(28)
    assert field_error(page.theme_day_error) == ""
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), ReviewPage)
    assert wizard.review_page.summary()["theme_day"] == "每月28日"


def test_the_organization_form_must_be_chosen(wizard: FirstStartWizard, qtbot: QtBot) -> None:
    click_next(qtbot, wizard)
    fill_branch_page(wizard)
    click_next(qtbot, wizard)
    page = wizard.setup_page
    assert page.has_committee() is None

    click_next(qtbot, wizard)

    assert current(wizard) is page
    assert "请选择本支部的组织形式" in field_error(page.organization_error)
    page.secretary_radio.click()
    assert field_error(page.organization_error) == ""
    assert page.has_committee() is False


def test_required_fields_are_marked(wizard: FirstStartWizard) -> None:
    page = wizard.branch_page
    for name in ("nameLabel", "parentLabel", "foundedLabel"):
        label = page.ui.findChild(QLabel, name)
        assert label is not None and "*" in label.text()
    note = page.ui.findChild(QLabel, "requiredNote")
    assert note is not None and "必须填写" in note.text()
    for group in wizard.setup_page.ui.findChildren(QGroupBox):
        # 从哪一天开始在本程序记录 has a default: not one more field to fill (county notice:
        # cut the busywork)
        required = group.objectName() != "recordsFromGroup"
        assert group.title().endswith("*") == required


def test_the_wizard_speaks_chinese(wizard: FirstStartWizard, qtbot: QtBot) -> None:
    english = re.compile(r"[A-Za-z]{2,}")
    seen: list[str] = []
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        texts = [page.title(), page.subTitle()]
        for label in page.findChildren(QLabel):
            if label.objectName() != "dataFolderLabel":  # a path may hold Latin letters
                texts.append(label.text())
        texts += [b.text() for b in page.findChildren(QAbstractButton)]
        for text in texts:
            visible = re.sub(r"<[^>]+>|\(&\w\)|&", "", text)
            seen.append(visible)
            assert not english.search(visible), f"English on the screen: {text!r}"
    for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CancelButton):
        assert not english.search(re.sub(r"\(&\w\)", "", wizard.buttonText(which)))
    assert any("支部名称" in text for text in seen)


def test_finish_fails_gracefully_when_a_branch_appeared_meanwhile(
    wizard: FirstStartWizard, qtbot: QtBot, shown_messages: MessageLog
) -> None:
    from jianshi_desktop.services.branch import BranchDraft, create_branch

    create_branch(BranchDraft(name="另一个支部", founded_on=dt.date(2000, 1, 1)))
    click_next(qtbot, wizard)
    fill_branch_page(wizard)
    click_next(qtbot, wizard)
    wizard.setup_page.secretary_radio.click()
    click_next(qtbot, wizard)

    click(qtbot, wizard, QWizard.WizardButton.FinishButton)

    assert wizard.isVisible(), "the wizard stays open so nothing typed is lost"
    assert wizard.created is None
    assert len(shown_messages.shown) == 1
    assert "已经建立了支部" in shown_messages.shown[0].text


def _positions(page: QWidget) -> dict[str, tuple[int, int, int, int]]:
    """Where each input and hint of ``page`` sits in the wizard (x, y, width, height)."""
    found: dict[str, tuple[int, int, int, int]] = {}
    for widget in page.findChildren(QWidget):
        if widget.objectName() and isinstance(widget, QLineEdit | QDateEdit | QSpinBox | QLabel):
            if widget.objectName().endswith("Error"):
                continue
            corner = widget.mapTo(page, QPoint(0, 0))
            found[widget.objectName()] = (corner.x(), corner.y(), widget.width(), widget.height())
    return found


def test_nothing_moves_when_a_problem_appears_or_goes(
    wizard: FirstStartWizard, qtbot: QtBot
) -> None:
    """Issue 16: the wizard "jumps": a problem shown beside a field must not push the
    fields below it down, nor pull them up when it goes."""
    click_next(qtbot, wizard)
    page = wizard.branch_page
    qtbot.waitExposed(wizard)
    quiet = _positions(page)
    assert {"nameEdit", "parentEdit", "foundedEdit", "foundedHint"} <= set(quiet)

    page.name_edit.setText("花坪小学")
    page.parent_edit.clear()
    click_next(qtbot, wizard)  # refused: three problems shown
    assert current(wizard) is page
    shown = [field for field, label in page.errors.items() if field_error(label)]
    assert shown == ["name", "parent_name", "founded_on"]
    for label in page.errors.values():  # each problem fits the room kept for it
        assert label.heightForWidth(label.width()) <= label.height(), label.text()
    hint = page.findChild(QLabel, "nameHint")
    assert hint is not None and not hint.isVisible(), "the problem shows in the hint's place"
    assert _positions(page) == quiet

    page.name_edit.setText(BRANCH_NAME)
    page.parent_edit.setText(DEFAULT_PARENT_ORGANIZATION)
    page.founded_edit.setDate(QDate(1998, 9, 10))
    assert [field for field, label in page.errors.items() if field_error(label)] == []
    assert hint.isVisible(), "the hint is back once the problem is gone"
    assert _positions(page) == quiet

    click_next(qtbot, wizard)
    setup = wizard.setup_page
    before = _positions(setup)
    click_next(qtbot, wizard)  # no organisation form chosen
    assert field_error(setup.organization_error)
    assert _positions(setup) == before


def test_a_school_name_alone_is_not_a_branch_name(wizard: FirstStartWizard, qtbot: QtBot) -> None:
    """Issue 16: "花坪小学" was accepted and went on every document."""
    click_next(qtbot, wizard)
    page = wizard.branch_page
    page.name_edit.setText("花坪小学")
    page.founded_edit.setDate(QDate(1998, 9, 10))
    click_next(qtbot, wizard)
    assert current(wizard) is page
    assert field_error(page.errors["name"]) == (
        "请写支部的全称，例如“中共建始县花坪小学支部委员会”或“花坪小学党支部”。"
    )
    page.name_edit.setText("花坪小学党支部")
    click_next(qtbot, wizard)
    assert isinstance(current(wizard), SetupPage)
