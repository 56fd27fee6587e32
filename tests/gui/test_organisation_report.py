"""组织设置情况 on the 组织 page, driven like a secretary: 新建本半年报告…, the report built
for its day on the review, 完成, the list; a reminder on 首页 opens the wizard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.compliance import Per, period_of
from jianshi_desktop.domain.dates import add_months
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.organisation import half_label, reported_half
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.organization.page import OrganizationPage
from jianshi_desktop.gui.organization.report_wizard import (
    BasicsPage,
    OrganisationReportWizard,
    ReportReviewPage,
)
from jianshi_desktop.gui.records.wizard import set_date
from jianshi_desktop.services import organisation_reports as reports
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.record_kinds import ORGANISATION_REPORT
from jianshi_desktop.services.store import Store

from .records_helpers import (
    field_error,
    notice_text,
    problems_text,
    shown_rows,
    shown_text,
    step,
)

TODAY = dt.date.today()

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    """The demo branch and roster, without records."""
    fill_demo(today=TODAY, with_records=False)
    return store


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    if isinstance(button, QCheckBox):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def make_page(qtbot: QtBot, store: Store) -> OrganizationPage:
    page = OrganizationPage(store.data.root)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    return page


def test_a_new_report_is_built_reviewed_and_finished(
    roster: Store, qtbot: QtBot, shown_messages: object
) -> None:
    page = make_page(qtbot, roster)
    section = page.reports_section
    assert shown_rows(section.list) == []
    wizard = section.new_report()
    assert isinstance(wizard, OrganisationReportWizard)
    basics = step(wizard, BasicsPage)
    assert basics.half_combo.currentText() == half_label(reported_half(TODAY))

    # a day in the future is refused beside the date
    set_date(basics.date_edit, TODAY + dt.timedelta(days=2))
    assert "晚于今天" in field_error(basics, "held_on")
    set_date(basics.date_edit, TODAY)
    assert field_error(basics, "held_on") == ""
    basics.notes_edit.setPlainText("本半年组织设置无变化。")
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))

    review = step(wizard, ReportReviewPage)
    shown = review.review.toPlainText()
    snapshot = reports.build_snapshot(TODAY)
    assert snapshot.branch in shown and f"{snapshot.total}名" in shown
    assert snapshot.secretary and f"填报人：{snapshot.secretary}" in shown
    assert "本半年组织设置无变化。" in shown
    assert "自动生成" in problems_text(review)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    (row,) = shown_rows(section.list)
    assert row.state is RecordState.FINISHED
    title = f"{half_label(reported_half(TODAY))}组织设置情况"
    assert f"已完成「{title}」" in notice_text(section.list)
    offered = [b.text() for b in section.list.notice_buttons]
    assert "归档" in offered and any("打印" in text for text in offered)
    assert shown_text(section.list, 0, "报告期") == half_label(reported_half(TODAY))
    assert shown_text(section.list, 0, "上报日期") == "未上报"
    stored = ORGANISATION_REPORT.read(row.id)
    assert (
        stored.snapshot == reports.snapshot_of(TODAY) and stored.notes == "本半年组织设置无变化。"
    )


def test_a_second_report_of_the_half_is_refused_beside_the_half(
    roster: Store, qtbot: QtBot, shown_messages: object
) -> None:
    ORGANISATION_REPORT.finish(reports.new_organisation_report_form(on=TODAY), today=TODAY)
    page = make_page(qtbot, roster)
    wizard = page.reports_section.new_report()
    assert wizard is not None
    basics = step(wizard, BasicsPage)
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    assert wizard.currentPage() is basics  # 下一步 refused
    assert "要修改请用更正" in field_error(basics, "half_start")


def test_an_archived_report_opens_as_it_was_sent(
    roster: Store, qtbot: QtBot, shown_messages: object
) -> None:
    form = reports.new_organisation_report_form(on=TODAY)
    form.reported_on = TODAY
    record_id = ORGANISATION_REPORT.finish(form, today=TODAY)
    ORGANISATION_REPORT.archive(record_id)
    from jianshi_desktop.services import organization

    group = organization.list_groups()[0]
    organization.rename_group(group.id, "改名后的党小组")  # after the report was sent
    page = make_page(qtbot, roster)
    (row,) = shown_rows(page.reports_section.list)
    wizard = page.reports_section.open_record(row)
    assert isinstance(wizard, OrganisationReportWizard)
    assert wizard.form().snapshot == form.snapshot
    basics = step(wizard, BasicsPage)
    assert not basics.date_edit.isEnabled()

    # 更正… keeps what was sent, unless the 截至日期 is corrected: then it is built anew
    wizard.start_amending()
    assert wizard.form().snapshot == form.snapshot
    set_date(basics.date_edit, TODAY - dt.timedelta(days=1))
    rebuilt = wizard.form().snapshot
    assert rebuilt == reports.snapshot_of(TODAY - dt.timedelta(days=1))
    assert "改名后的党小组" in [g["name"] for g in rebuilt["groups"]]


def test_the_reminder_on_the_first_page_opens_a_report_of_its_half(
    roster: Store, qtbot: QtBot, shown_messages: object
) -> None:
    from jianshi_desktop.services.reminders import reminders

    found = [r for r in reminders(today=TODAY) if r.action.command == "new_organisation_report"]
    # this half's, and the last half's left undone (a half's report counts when made later)
    last, now = (period_of(day, Per.HALF).label for day in (add_months(TODAY, -6), TODAY))
    assert sorted(r.title for r in found) == sorted(
        [f"{last}组织设置情况上报未完成", f"{now}组织设置情况上报尚未完成"]
    )
    reminder = next(r for r in found if r.title.startswith(now))
    assert reminder.action.area == "organization"
    window = MainWindow(roster)
    qtbot.addWidget(window)
    window.show()
    window.act(reminder.action)
    page = window.page_of("organization", OrganizationPage)
    wizard = page.reports_section.wizard
    assert isinstance(wizard, OrganisationReportWizard) and wizard.isVisible()
    half = dt.date.fromisoformat(str(reminder.action.params["date"]))
    assert step(wizard, BasicsPage).half_combo.currentText() == half_label(
        dt.date(half.year, 1 if half.month <= 6 else 7, 1)
    )
    wizard.reject()


def test_a_finished_report_opens_and_saves_as_it_was_sent(
    roster: Store, qtbot: QtBot, shown_messages: object
) -> None:
    from jianshi_desktop.services import organization

    record_id = ORGANISATION_REPORT.finish(
        reports.new_organisation_report_form(on=TODAY), today=TODAY
    )
    sent = ORGANISATION_REPORT.read(record_id).snapshot
    group = organization.list_groups()[0]
    organization.rename_group(group.id, "改名后的党小组")  # after the report was sent

    page = make_page(qtbot, roster)
    (row,) = shown_rows(page.reports_section.list)
    wizard = page.reports_section.open_record(row)
    assert isinstance(wizard, OrganisationReportWizard)
    basics = step(wizard, BasicsPage)
    click(qtbot, basics.reported_check)  # 上报 after it was sent: fill in 上报日期
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))
    review = step(wizard, ReportReviewPage)
    shown = review.review.toPlainText()
    assert group.name in shown and "改名后的党小组" not in shown
    assert "完成时保存的报告表" in problems_text(review)
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))

    saved = ORGANISATION_REPORT.read(record_id)
    assert saved.reported_on == TODAY and saved.snapshot == sent
