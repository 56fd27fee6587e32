"""The 学习培训 wizard and page, driven like a secretary: a slip shown beside its field, a
draft kept on closing, the attendees ticked from the day's roster, 完成 — the page lists
it — and the 学习培训 line on 首页."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.training import format_hours
from jianshi_desktop.gui.dashboard.page import HomePage
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.gui.trainings.page import TrainingsPage
from jianshi_desktop.gui.trainings.wizard import (
    AttendeesPage,
    ContentPage,
    TrainingBasicsPage,
    TrainingReviewPage,
    TrainingWizard,
)
from jianshi_desktop.services import trainings
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import TRAINING
from jianshi_desktop.services.store import Store
from tests.gui.records_helpers import field_error, problems_text, shown_rows, step

TODAY = dt.date(2026, 11, 26)
DAY = dt.date(2026, 11, 20)


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    fill_demo(today=TODAY, with_records=False)
    return store


def open_wizard(qtbot: QtBot, store: Store, on: dt.date = DAY) -> TrainingWizard:
    wizard = TrainingWizard(
        trainings.new_training_form(on=on),
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


def fill_basics(qtbot: QtBot, page: TrainingBasicsPage, hours: str = "8") -> None:
    page.title_edit.setText("党员集中轮训")
    page.organiser_combo.setCurrentText("中共建始县教育局委员会")
    page.hours_edit.clear()
    qtbot.keyClicks(page.hours_edit, hours)


def test_a_slip_is_shown_beside_its_field_and_stops_the_step(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    basics = step(wizard, TrainingBasicsPage)
    basics.title_edit.setText("党员集中轮训")
    qtbot.keyClicks(basics.hours_edit, "2.25")
    basics.hours_edit.editingFinished.emit()
    assert field_error(basics, "class_hours") == "学时最多保留一位小数，如 2.5。"
    next_step(qtbot, wizard)
    assert wizard.currentPage() is basics, "下一步 refused"
    basics.hours_edit.clear()
    qtbot.keyClicks(basics.hours_edit, "40")
    basics.hours_edit.editingFinished.emit()  # the field left
    assert "平均每天超过10学时" in field_error(basics, "class_hours")  # a warning only
    next_step(qtbot, wizard)
    attendees = step(wizard, AttendeesPage)
    assert wizard.currentPage() is attendees
    next_step(qtbot, wizard)
    assert wizard.currentPage() is attendees, "nobody ticked"
    assert field_error(attendees, "attendance") == "请勾选参加这次培训的党员（至少一人）。"


def test_closing_keeps_a_draft_and_it_opens_again(roster: Store, qtbot: QtBot) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(qtbot, step(wizard, TrainingBasicsPage))
    wizard.reject()  # closing keeps a draft without asking
    assert wizard.outcome == "draft" and wizard.record_id is not None
    assert TRAINING.state(wizard.record_id) == (RecordState.DRAFT, False)
    saved = trainings.load_training(wizard.record_id)
    assert (saved.title, saved.class_hours) == ("党员集中轮训", "8")


def test_the_day_s_members_are_ticked_and_the_training_is_finished(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    fill_basics(qtbot, step(wizard, TrainingBasicsPage))
    next_step(qtbot, wizard)
    attendees = step(wizard, AttendeesPage)
    members = trainings.attendee_choices(DAY)
    assert attendees.list.count() == len(members), "the roster of the training's day"
    click(qtbot, attendees.all_button)
    attendees.list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert attendees.count_label.text() == f"已勾选 {len(members) - 1} 人，名单共 {len(members)} 人"
    next_step(qtbot, wizard)
    content = step(wizard, ContentPage)
    assert wizard.currentPage() is content
    assert [b.text() for b in content.attachments.add_buttons.values()] == [
        "添加证书…",
        "添加其他材料…",
    ]
    content.content_edit.setPlainText("集中学习党章党规。")
    next_step(qtbot, wizard)
    review = step(wizard, TrainingReviewPage)
    assert wizard.currentPage() is review
    assert f"{len(members) - 1} 人" in review.review.toPlainText()
    assert "内容齐全" in problems_text(review)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))
    assert wizard.outcome == "finished" and wizard.record_id is not None
    saved = trainings.load_training(wizard.record_id)
    assert len(saved.attendance) == len(members) - 1 and saved.content == "集中学习党章党规。"


def test_the_page_lists_it_and_the_home_page_has_its_line(roster: Store, qtbot: QtBot) -> None:
    home = HomePage(today=lambda: TODAY)
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    assert home.training_line.isHidden(), "nothing recorded here: nothing said"
    form = trainings.new_training_form(on=DAY)
    form.title, form.class_hours = "党员集中轮训", "8"
    members = [m for m, _n in trainings.attendee_choices(DAY)]
    form.attendance = trainings.attendees(DAY, members[:4])
    TRAINING.finish(form, today=TODAY)
    page = TrainingsPage(roster.data.attachments, data_root=roster.data.root, today=lambda: TODAY)
    qtbot.addWidget(page)
    (row,) = shown_rows(page.list)
    assert (row.title, row.class_hours, row.attendees) == ("党员集中轮训", "8", 4)
    assert page.hours_button.text() == "本年学时统计…"
    home.refresh()
    assert not home.training_line.isHidden()
    everyone = len(trainings.attendee_choices(TODAY))
    average = format_hours(Decimal(32) / everyone)
    assert home.training_line.label.text() == (
        f"学习培训：本年1次，人均{average}学时；{everyone}人不足32学时"
    )
    opened: list[object] = []
    home.action_requested.connect(opened.append)
    click(qtbot, home.training_line.button)
    assert [getattr(a, "area", None) for a in opened] == ["trainings"]
    wizard = page.open_record(row)
    assert isinstance(wizard, TrainingWizard) and wizard.mode is Mode.FINISHED


def test_the_year_s_hours_open_in_the_preview_for_the_year_chosen(
    roster: Store, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.gui.documents import preview
    from jianshi_desktop.gui.documents.preview import PreviewDialog

    monkeypatch.setattr(preview, "_printer", None)
    for day in (dt.date(2025, 6, 3), DAY):
        form = trainings.new_training_form(on=day)
        form.title, form.class_hours = "党员集中轮训", "8"
        form.attendance = trainings.attendees(day, [m for m, _n in trainings.attendee_choices(day)])
        TRAINING.finish(form, today=TODAY)
    page = TrainingsPage(roster.data.attachments, data_root=roster.data.root, today=lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    page.list.choose_year(2025)
    assert page.hours_button.text() == "2025年学时统计…"
    click(qtbot, page.hours_button)
    qtbot.waitUntil(
        lambda: any(d.isVisible() for d in page.findChildren(PreviewDialog)), timeout=30_000
    )
    (dialog,) = [d for d in page.findChildren(PreviewDialog) if d.isVisible()]
    assert dialog.windowTitle().endswith("2025年度党员学习培训学时统计")
    dialog.close()


def test_an_archived_training_is_read_only_until_amended(roster: Store, qtbot: QtBot) -> None:
    form = trainings.new_training_form(on=DAY)
    form.title, form.class_hours = "党员集中轮训", "8"
    form.attendance = trainings.attendees(DAY, [m for m, _n in trainings.attendee_choices(DAY)][:2])
    record_id = TRAINING.finish(form, today=TODAY)
    TRAINING.archive(record_id)
    wizard = TrainingWizard(
        trainings.load_training(record_id),
        attachments_dir=roster.data.attachments,
        record_id=record_id,
        mode=Mode.READ_ONLY,
        today=lambda: TODAY,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    attendees = step(wizard, AttendeesPage)
    first = attendees.list.item(0)
    assert not first.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert attendees.all_button.isHidden()
    wizard.start_amending()
    assert attendees.list.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert len(attendees.ticked()) == 2, "the marks kept"


def test_the_text_fields_take_no_more_than_the_package_keeps(roster: Store, qtbot: QtBot) -> None:
    # review finding 2: a 地点 longer than 100 characters broke every package of its period
    basics = step(open_wizard(qtbot, roster), TrainingBasicsPage)
    place = basics.place_combo.lineEdit()
    organiser = basics.organiser_combo.lineEdit()
    assert place is not None and organiser is not None
    limits = [(basics.title_edit, 200), (organiser, 100), (place, 100)]
    assert [edit.maxLength() for edit, _limit in limits] == [limit for _edit, limit in limits]
    basics.place_combo.setCurrentText("党" * 120)
    assert len(basics.place_combo.currentText()) == 100
