"""The 发展党员 page and a person's file window, driven like a secretary drives them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.recruitment.dialogs import PersonDialog, StepDialog, StopDialog
from jianshi_desktop.gui.recruitment.file_window import COLUMNS, FileWindow, cell
from jianshi_desktop.gui.recruitment.page import RecruitmentPage
from jianshi_desktop.services import demo, history
from jianshi_desktop.services import recruitment as service
from jianshi_desktop.services.recruitment import RecruitmentFields
from jianshi_desktop.services.store import Store
from tests.gui.conftest import click

TODAY = dt.date(2026, 11, 20)


def id_number(birth: dt.date, serial: str = "123") -> str:
    first = f"422822{birth:%Y%m%d}{serial}"
    return first + check_char(first)


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, store: Store) -> Iterator[RecruitmentPage]:
    demo.fill_demo(today=TODAY, with_records=False)
    shown = RecruitmentPage(store.data.attachments, data_root=store.data.root, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    yield shown
    for window in list(shown.windows.values()):
        window.close()


def new_file(name: str, applied_on: dt.date, *, backbone: bool = False) -> int:
    serial = str(100 + sum(map(ord, name)) % 800)
    fields = RecruitmentFields(
        name=name, id_number=id_number(dt.date(1995, 5, 6), serial), backbone=backbone
    )
    return service.new_recruitment(fields, applied_on=applied_on, today=TODAY)


def ok(dialog: StepDialog | PersonDialog | StopDialog, qtbot: QtBot) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    click(qtbot, box.button(QDialogButtonBox.StandardButton.Ok))


def full_member() -> int:
    return next(m.id for m in history.roster_on(TODAY) if m.status.label == "正式党员")


def test_new_file_through_the_dialog(page: RecruitmentPage, qtbot: QtBot) -> None:
    assert "还没有发展党员档案" in page.empty_label.text() and page.empty_label.isVisible()
    dialog = page.new_recruitment()
    assert page.perform("new_recruitment", {})  # the reminder brings the same dialog back
    assert page.new_dialog is dialog
    dialog.name_edit.setText("向春梅")
    good = id_number(dt.date(1996, 3, 8), "224")
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    dialog.id_edit.setText(bad)
    ok(dialog, qtbot)
    assert dialog.isVisible()
    assert "校验" in shown_problem(dialog.errors["id_number"])

    dialog.id_edit.setText(id_number(dt.date(2009, 3, 1), "224"))  # 17 on TODAY
    ok(dialog, qtbot)
    assert dialog.isVisible()
    assert "十八" in shown_problem(dialog.errors["done_on"]) or "18" in shown_problem(
        dialog.errors["done_on"]
    )

    dialog.id_edit.setText(good)
    dialog.backbone_box.setChecked(True)
    dialog.position_edit.setText("数学教师")
    ok(dialog, qtbot)
    assert not dialog.isVisible()
    assert dialog.gender_combo.currentText() == "女"  # read from the number (serial 224)
    assert [cell(page.table, 0, c).text() for c in range(3)] == ["向春梅", "入党申请人", "★ 骨干"]
    assert "第2步 党组织派人谈话" in cell(page.table, 0, 5).text()
    assert "申请人 1 人（骨干 1 人）" in page.pipeline_label.text()
    assert not page.empty_label.isVisible()


def test_record_a_talk_and_refusals(page: RecruitmentPage, qtbot: QtBot) -> None:
    recruitment_id = new_file("田小军", TODAY - dt.timedelta(days=10))
    page.refresh()
    assert page.perform("open_file", {"recruitment_id": recruitment_id})
    window = page.windows[recruitment_id]
    assert isinstance(window, FileWindow)
    assert "田小军" in window.windowTitle()
    assert "身份证 422822********" in window.person_label.text()  # masked

    window.select_step(2)
    dialog = window.record_step()
    assert dialog is not None and dialog.people_list is not None
    talker = full_member()
    dialog.check_person(talker)
    dialog.date_input.set_date(TODAY - dt.timedelta(days=11))  # before the letter
    ok(dialog, qtbot)
    assert dialog.isVisible()
    assert "细则第八条" in shown_problem(dialog.date_error)

    dialog.date_input.set_date(TODAY - dt.timedelta(days=3))
    ok(dialog, qtbot)
    assert not dialog.isVisible()
    row = window.row_of(2, recorded=True)
    name = next(m.name for m in history.roster_on(TODAY) if m.id == talker)
    assert cell(window.table, row, COLUMNS.index("有关人员")).text() == f"谈话人：{name}"
    assert "第3步" in cell(page.table, 0, 5).text()  # the list follows

    # 确定入党积极分子 is a 支委会's decision: the dialog says so and refuses a typed day
    window.select_step(3)
    decided = window.record_step()
    assert decided is not None and decided.meeting_notice is not None
    assert "支委会" in decided.meeting_notice.text()
    assert decided.meetings_button is not None and decided.meetings_button.isVisible()
    ok(decided, qtbot)
    assert decided.isVisible()
    assert "支委会表决决定" in shown_problem(decided.date_error)
    decided.close()


def test_late_talk_warns_then_records(page: RecruitmentPage, qtbot: QtBot) -> None:
    recruitment_id = new_file("覃立", TODAY - dt.timedelta(days=60))
    window = page.open_file(recruitment_id)
    row = window.row_of(2)
    assert "已逾期" in cell(window.table, row, COLUMNS.index("时限或备注")).text()
    page.refresh()
    assert cell(page.table, 0, 5).text().startswith("已逾期")
    dialog = window.record_step(2)
    assert dialog is not None
    dialog.check_person(full_member())
    ok(dialog, qtbot)  # today: more than a month after the letter
    assert dialog.isVisible()
    assert "一个月内" in shown_problem(dialog.date_error)
    ok(dialog, qtbot)  # seen: recorded all the same
    assert not dialog.isVisible()
    assert window.file is not None and window.file.steps_of(2)


def test_closing_and_reopening_a_file(page: RecruitmentPage, qtbot: QtBot) -> None:
    recruitment_id = new_file("杨帆", TODAY - dt.timedelta(days=5))
    new_file("李静", TODAY - dt.timedelta(days=4), backbone=True)
    page.refresh()
    assert "申请人 2 人（骨干 1 人）" in page.pipeline_label.text()
    window = page.open_file(recruitment_id)
    dialog = window.stop_or_resume()
    assert isinstance(dialog, StopDialog)
    ok(dialog, qtbot)
    assert dialog.isVisible()
    assert "原因" in shown_problem(dialog.error)
    dialog.reason_edit.setText("本人撤回申请")
    ok(dialog, qtbot)
    assert "终止培养：本人撤回申请" in window.stage_label.text()
    assert window.stop_button.text() == "恢复培养"
    assert not window.record_button.isEnabled()
    assert [cell(page.table, r, 0).text() for r in range(page.table.rowCount())] == ["李静"]
    assert "申请人 1 人" in page.pipeline_label.text()
    page.closed_box.setChecked(True)
    names = {cell(page.table, r, 0).text(): r for r in range(page.table.rowCount())}
    assert "已终止" in cell(page.table, names["杨帆"], 1).text()


def test_a_step_taken_cannot_go_if_a_later_one_needs_it(
    page: RecruitmentPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    recruitment_id = new_file("刘洋", TODAY - dt.timedelta(days=5))
    window = page.open_file(recruitment_id)
    window.select_step(1, recorded=True)
    assert window.delete_button.isEnabled()
    from jianshi_desktop.gui.common import messages

    said: list[str] = []

    def answer(_parent: object, message: messages.Message) -> bool:
        said.append(message.text)
        return True

    monkeypatch.setattr(messages, "present", answer)
    window.delete_step()
    assert any("第一步，不能删除" in text for text in said)
    assert window.file is not None and window.file.steps_of(1)


def test_print_buttons_open_the_two_documents(
    page: RecruitmentPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.gui.documents import preview

    calls: list[tuple[str, Callable[[], object], str]] = []
    monkeypatch.setattr(
        preview,
        "open_preview",
        lambda _parent, title, build, stem, _root: calls.append((title, build, stem)),
    )
    recruitment_id = new_file("郑敏", TODAY - dt.timedelta(days=5))
    window = page.open_file(recruitment_id)
    click(qtbot, window.assessment_button)
    click(qtbot, window.record_print_button)
    titles = [title for title, _build, _stem in calls]
    assert titles == ["郑敏 入党积极分子培养教育考察登记表", "郑敏 发展党员工作全程纪实表"]
    for _title, build, stem in calls:
        assert "郑敏" in stem
        assert build() is not None


def test_home_page_shows_the_pipeline_and_opens_the_area(
    page: RecruitmentPage, qtbot: QtBot
) -> None:
    from jianshi_desktop.gui.dashboard.page import HomePage

    home = HomePage(today=lambda: TODAY)
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    assert home.pipeline_row.isHidden()  # no file yet: nothing said
    new_file("陈红", TODAY - dt.timedelta(days=3), backbone=True)
    home.refresh()
    assert home.pipeline_row.isVisible()
    assert "发展党员：申请人 1 人（骨干 1 人）、积极分子 0 人" in home.pipeline_label.text()
    with qtbot.waitSignal(home.action_requested) as asked:
        click(qtbot, home.pipeline_button)
    assert asked.args is not None and asked.args[0].area == "recruitment"


def test_a_reminder_opens_the_file_from_the_main_window(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    from jianshi_desktop.services.reminders import Action

    fields = RecruitmentFields(name="周丽", id_number=id_number(dt.date(1990, 1, 2), "246"))
    recruitment_id = service.new_recruitment(fields, applied_on=dt.date.today())
    main_window.act(Action("recruitment", "open_file", {"recruitment_id": recruitment_id}))
    page = main_window.page_of("recruitment", RecruitmentPage)
    window = page.windows[recruitment_id]
    assert window.isVisible() and "周丽" in window.windowTitle()
    main_window.act(Action("recruitment", "new_recruitment"))
    assert page.new_dialog is not None and page.new_dialog.isVisible()
    page.new_dialog.close()
    window.close()


def test_an_open_file_follows_what_was_recorded_elsewhere(
    page: RecruitmentPage, qtbot: QtBot
) -> None:
    """A meeting finished while the file is open takes a step: coming back to the page
    shows it in the open window too, not only in the list."""
    recruitment_id = new_file("田小军", TODAY - dt.timedelta(days=10))
    page.refresh()
    window = page.open_file(recruitment_id)
    assert "第2步" in window.stage_label.text()
    form = service.StepForm(no=2, done_on=TODAY - dt.timedelta(days=3), people=[full_member()])
    service.record_step(recruitment_id, form, today=TODAY)  # as another window would
    page.refresh()  # the main window refreshes the page it shows again
    assert "第3步" in window.stage_label.text()
    assert window.row_of(2, recorded=True) >= 0


def test_a_step_a_meeting_decides_opens_a_new_meeting_of_that_kind(
    main_window: MainWindow, qtbot: QtBot
) -> None:
    from jianshi_desktop.domain.enums import MeetingKind
    from jianshi_desktop.gui.meetings.page import MeetingsPage
    from jianshi_desktop.services.reminders import Action

    fields = RecruitmentFields(name="周丽", id_number=id_number(dt.date(1990, 1, 2), "246"))
    recruitment_id = service.new_recruitment(fields, applied_on=dt.date.today())
    main_window.act(Action("recruitment", "open_file", {"recruitment_id": recruitment_id}))
    window = main_window.page_of("recruitment", RecruitmentPage).windows[recruitment_id]
    window.select_step(3)
    dialog = window.record_step()
    assert dialog is not None and dialog.meetings_button is not None
    assert dialog.meetings_button.text() == "记录一次支委会…"
    click(qtbot, dialog.meetings_button)
    assert main_window.current_area() == "meetings"
    wizard = main_window.page_of("meetings", MeetingsPage).wizard
    assert wizard is not None and wizard.isVisible()
    assert wizard.form().kind is MeetingKind.COMMITTEE
    wizard.close()
    window.close()


def test_the_year_report_opens_from_the_page(
    page: RecruitmentPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jianshi_desktop.documents.model import Document
    from jianshi_desktop.gui.documents import preview

    calls: list[tuple[str, Callable[[], Document], str]] = []
    monkeypatch.setattr(
        preview,
        "open_preview",
        lambda _parent, title, build, stem, _root: calls.append((title, build, stem)),
    )
    new_file("郑敏", TODAY - dt.timedelta(days=5))
    page._fill_years()
    years = [action.text() for action in page.year_menu.actions()]
    assert years == [f"{TODAY.year}年度", f"{TODAY.year - 1}年度"]
    page.year_menu.actions()[0].trigger()
    ((title, build, stem),) = calls
    assert title == f"{TODAY.year}年度发展党员情况" and "发展党员情况" in stem
    document = build()
    assert "关于" in document.title and f"{TODAY.year}年度发展党员情况" in document.title
    assert "递交入党申请1名" in str(document.blocks)  # the year's one application counted


def test_a_decided_step_typed_by_hand_says_what_it_does_to_the_roster(
    page: RecruitmentPage, qtbot: QtBot
) -> None:
    window = page.open_file(new_file("郑敏", TODAY - dt.timedelta(days=5)))
    for no, effect in ((15, "列入党员名册，为预备党员"), (23, "为正式党员"), (3, None)):
        window.select_step(no)
        dialog = window.record_step()
        assert dialog is not None and dialog.meeting_notice is not None
        text = dialog.meeting_notice.text()
        assert (effect in text) if effect else ("党员名册" not in text and "正式党员" not in text)
        dialog.close()
