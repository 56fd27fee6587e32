"""The 意识形态风险研判 wizard and page, driven like a secretary: tick, pick, type, 下一步,
完成 — and what was saved read back through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QWizard
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import RecordState, RiskLevel
from jianshi_desktop.gui.documents import preview
from jianshi_desktop.gui.ideology_reviews.page import IdeologyReviewsPage
from jianshi_desktop.gui.ideology_reviews.wizard import (
    AreasPage,
    FollowUpPage,
    IdeologyReviewReviewPage,
    IdeologyReviewWizard,
)
from jianshi_desktop.gui.records.wizard import Mode, set_date
from jianshi_desktop.services import ideology_reviews, meetings
from jianshi_desktop.services.demo import fill_demo
from jianshi_desktop.services.ideology_reviews import AreaEntry
from jianshi_desktop.services.record_kinds import IDEOLOGY_REVIEW
from jianshi_desktop.services.store import Store
from tests.gui import records_helpers as rh

from .records_helpers import notice_text, shown_text, step

TODAY = dt.date(2026, 11, 20)
DAY = dt.date(2026, 11, 18)
SEPT = dt.date(2026, 9, 16)
NET = "校园网络和新媒体"


@pytest.fixture
def roster(gui_app: object, store: Store) -> Store:
    """The demo branch and roster, without records."""
    fill_demo(today=TODAY, with_records=False)
    return store


def open_wizard(
    qtbot: QtBot, store: Store, on: dt.date = DAY, **kwargs: Any
) -> IdeologyReviewWizard:
    wizard = IdeologyReviewWizard(
        ideology_reviews.new_ideology_review_form(on=on),
        attachments_dir=store.data.attachments,
        today=lambda: TODAY,
        **kwargs,
    )
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def click(qtbot: QtBot, button: QAbstractButton | None) -> None:
    assert button is not None and button.isVisible() and button.isEnabled()
    if isinstance(button, QCheckBox):  # a check box answers a click on its box
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    else:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def next_step(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.NextButton))


def finish(qtbot: QtBot, wizard: QWizard) -> None:
    click(qtbot, wizard.button(QWizard.WizardButton.FinishButton))


def area_row(page: AreasPage, area: str) -> Any:
    (row,) = [r for r in page.rows if r.area == area]
    return row


def report_on(qtbot: QtBot, review: IdeologyReviewReviewPage, day: dt.date) -> None:
    if not review.reported_check.isChecked():
        click(qtbot, review.reported_check)
    set_date(review.reported_edit, day)


def risk_in_september() -> int:
    form = ideology_reviews.new_ideology_review_form(on=SEPT)
    form.place, form.reported_on = "党员活动室", SEPT
    form.areas[2] = AreaEntry(
        NET,
        RiskLevel.MEDIUM,
        facts="个别学生转发不实信息。",
        measures="开展网络素养班会。",
        responsible_id=meetings.committee_member_ids(SEPT)[1],
    )
    return IDEOLOGY_REVIEW.finish(form, today=SEPT)


def test_a_review_from_start_to_finish_with_its_problems_beside_the_fields(
    roster: Store, qtbot: QtBot
) -> None:
    wizard = open_wizard(qtbot, roster)
    assert wizard.currentPage().title() == "第1步（共3步）：基本情况", "no risk to follow up"
    assert wizard.basics.deadline_label.text() == "本月应于11月25日前上报"
    assert [e.member_id for e in wizard.basics.editor.entries()] == (
        meetings.committee_member_ids(DAY)
    )
    next_step(qtbot, wizard)
    assert wizard.currentId() == 0, "no place: the step refuses"
    assert rh.field_error(wizard.basics, "place") == "请填写研判地点。"
    wizard.basics.place_combo.setCurrentText("党员活动室")
    assert rh.field_error(wizard.basics, "place") == ""
    next_step(qtbot, wizard)

    areas = step(wizard, AreasPage)
    for row in areas.rows:
        click(qtbot, row.reviewed)  # nothing reviewed
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1, "no area: the step refuses"
    assert rh.field_error(areas, "areas").startswith("没有研判任何领域")

    for row in areas.rows:
        click(qtbot, row.reviewed)
    net = area_row(areas, NET)
    net.risk.setCurrentIndex(net.risk.findData(RiskLevel.MEDIUM.value))
    next_step(qtbot, wizard)
    assert wizard.currentId() == 1
    assert (
        rh.field_error(areas, "areas") == f"“{NET}”风险等级为中，请写明具体情况、防范措施、责任人。"
    )
    net.facts.setPlainText("个别学生在短视频平台转发不实信息。")
    net.measures.setPlainText("开展网络素养主题班会。")
    responsible = dict(meetings.member_choices(DAY))[meetings.committee_member_ids(DAY)[1]]
    net.responsible.setEditText(responsible)
    assert rh.field_error(areas, "areas") == "", "corrected: the problem goes"
    next_step(qtbot, wizard)

    review = step(wizard, IdeologyReviewReviewPage)
    assert wizard.currentPage() is review, "no earlier risk: the follow-up step is passed over"
    assert "还没有填写上报日期（本月应于11月25日前上报）" in rh.problems_text(review)
    report_on(qtbot, review, DAY - dt.timedelta(days=2))
    finish(qtbot, wizard)
    assert wizard.isVisible(), "a report before the review is refused"
    assert (
        rh.field_error(review, "reported_on") == "上报日期早于研判日期，请核对：应在研判之后上报。"
    )
    report_on(qtbot, review, TODAY)
    assert rh.field_error(review, "reported_on") == ""
    finish(qtbot, wizard)
    assert wizard.outcome == "finished"

    (listed,) = ideology_reviews.list_ideology_reviews()
    assert (listed.held_on, listed.risks, listed.reported_on) == (DAY, f"{NET}（中）", TODAY)
    saved = ideology_reviews.load_ideology_review(listed.id)
    (net_saved,) = [a for a in saved.areas if a.area == NET]
    assert net_saved.responsible_id == meetings.committee_member_ids(DAY)[1]
    assert len(saved.areas) == 6


def test_an_earlier_risk_is_followed_up_and_closed(roster: Store, qtbot: QtBot) -> None:
    september = risk_in_september()
    wizard = open_wizard(qtbot, roster)
    assert wizard.currentPage().title() == "第1步（共4步）：基本情况"
    assert wizard.basics.place_combo.currentText() == "党员活动室", "the place used before"
    next_step(qtbot, wizard)
    next_step(qtbot, wizard)
    follow = step(wizard, FollowUpPage)
    assert wizard.currentPage() is follow
    (row,) = follow.rows
    assert (row.review_id, row.area) == (september, NET)
    click(qtbot, row.closed)
    next_step(qtbot, wizard)
    assert wizard.currentPage() is follow, "closing without saying how is refused"
    assert rh.field_error(follow, "follow_ups") == f"“{NET}”的风险要销号，请写明落实情况。"
    row.progress.setPlainText("经复查，问题已解决。")
    next_step(qtbot, wizard)
    review = step(wizard, IdeologyReviewReviewPage)
    assert "进展：经复查，问题已解决（已整改，销号）" in review.review.toPlainText()
    report_on(qtbot, review, TODAY)
    finish(qtbot, wizard)
    assert wizard.outcome == "finished"
    latest = ideology_reviews.list_ideology_reviews()[0]
    (saved,) = ideology_reviews.load_ideology_review(latest.id).follow_ups
    assert (saved.review_id, saved.closed) == (september, True)
    assert ideology_reviews.new_ideology_review_form(on=TODAY).follow_ups == []


@pytest.fixture
def page(roster: Store, qtbot: QtBot) -> IdeologyReviewsPage:
    shown = IdeologyReviewsPage(roster.data.attachments, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1100, 650)
    shown.show()
    return shown


def test_closing_halfway_keeps_a_draft(page: IdeologyReviewsPage, qtbot: QtBot) -> None:
    click(qtbot, page.list.empty_button)
    wizard = page.wizard
    assert isinstance(wizard, IdeologyReviewWizard) and wizard.mode is Mode.NEW
    wizard.basics.place_combo.setCurrentText("校长室")
    next_step(qtbot, wizard)
    area_row(step(wizard, AreasPage), "宗教渗透").facts.setPlainText("排查了校园传教情况。")
    wizard.close()  # halfway, without asking

    assert page.wizard is None
    (row,) = page.list.all_rows()
    assert (row.place, row.state) == ("校长室", RecordState.DRAFT)
    draft = ideology_reviews.load_ideology_review(row.id)
    assert [a.facts for a in draft.areas if a.area == "宗教渗透"] == ["排查了校园传教情况。"]
    assert "还是草稿" in page.month_label.text()


def test_the_month_shows_its_deadline_until_the_review_is_reported(
    page: IdeologyReviewsPage, qtbot: QtBot
) -> None:
    assert page.month_label.text() == "本月意识形态风险研判请于11月25日前上报，现在还没有记录。"
    form = ideology_reviews.new_ideology_review_form(on=DAY)
    form.place = "党员活动室"
    IDEOLOGY_REVIEW.finish(form, today=DAY)  # held, not reported
    page.refresh()
    assert page.month_label.text() == (
        "本月意识形态风险研判已完成，请于11月25日前上报，上报后登记上报日期。"
    )
    assert shown_text(page.list, 0, "上报") == "未上报"

    # the reminder on 首页 opens the month's review at its last step, to write the day
    assert page.perform("new_ideology_review", {"date": TODAY.isoformat()})
    wizard = page.wizard
    assert isinstance(wizard, IdeologyReviewWizard) and wizard.mode is Mode.FINISHED
    review = step(wizard, IdeologyReviewReviewPage)
    assert wizard.currentPage() is review
    report_on(qtbot, review, TODAY)
    finish(qtbot, wizard)
    assert page.month_label.text() == "✓ 本月（11月）意识形态风险研判已完成，11月20日已上报。"
    assert shown_text(page.list, 0, "上报") == "11月20日"
    assert "已完成「2026年11月意识形态风险研判」" in notice_text(page.list)


def test_the_deadline_is_set_on_the_page(page: IdeologyReviewsPage) -> None:
    assert page.day_spin.value() == 25
    page.day_spin.setValue(19)
    page.day_spin.editingFinished.emit()
    assert ideology_reviews.report_day() == 19
    assert page.month_label.text() == "！本月意识形态风险研判还没有记录，上报截止日11月19日已过。"


def test_the_summaries_open_in_the_preview(
    page: IdeologyReviewsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[str, Any]] = []
    monkeypatch.setattr(
        preview,
        "open_preview",
        lambda _p, title, build, _stem, _root: opened.append((title, build)),
    )
    risk_in_september()
    page.quarter_menu.aboutToShow.emit()
    labels = [a.text() for a in page.quarter_menu.actions()]
    assert labels == ["2026年第四季度", "2026年第三季度", "2026年第二季度", "2026年第一季度",
                      "2025年第四季度"]  # fmt: skip
    page.quarter_menu.actions()[1].trigger()
    page.year_menu.aboutToShow.emit()
    assert [a.text() for a in page.year_menu.actions()] == ["2026年度", "2025年度"]
    page.year_menu.actions()[0].trigger()
    (quarter_title, quarter), (year_title, year) = opened
    assert quarter_title == "2026年第三季度意识形态风险研判情况汇总"
    assert quarter().subtitle == "（2026年第三季度）"
    assert year_title == "2026年度本单位意识形态工作情况通报"
    assert year().title == "关于2026年度本支部意识形态工作情况的通报"
