"""编写报告's 公文 fields: 上行文/下行文, 签发人 (the 书记 of the 成文日期 offered; asked
for, never printed blank, in an upward report), and the 版记 (抄送, 印发机关 following the
署名, 印发日期 following the 成文日期) — as a secretary fills them in, and as they print."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from jianshi_desktop.documents.records import report_document
from jianshi_desktop.gui.documents.page import DocumentsPage
from jianshi_desktop.services import history, reports

from . import test_documents_page
from .test_documents_page import click, open_editor

page = test_documents_page.page  # the 文书 page with the demo's records: the same fixture


def fill_parts(editor: object) -> None:
    sections = editor.sections  # type: ignore[attr-defined]
    sections[1].text_edit.setPlainText("开展“党员先行·关爱学生”结对帮扶活动。")
    sections[3].text_edit.setPlainText("继续抓好“三会一课”。")


def test_upward_by_default_with_the_secretary_as_signer(page: DocumentsPage, qtbot: QtBot) -> None:
    editor = open_editor(page, qtbot)
    secretary = history.secretary_name_on(editor.current_draft().issue_date)
    assert secretary  # the demo branch has a 书记
    assert editor.upward_radio.isChecked() and not editor.downward_radio.isChecked()
    assert editor.masthead_signer_edit.text() == secretary
    draft = editor.current_draft()
    assert draft.direction == "upward" and draft.masthead_signer == secretary


def test_an_empty_signer_is_asked_for_in_an_upward_report(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    editor = open_editor(page, qtbot)
    fill_parts(editor)
    editor.masthead_group.setChecked(True)
    editor.masthead_signer_edit.clear()
    click(qtbot, editor.preview_button)
    assert editor.preview_task is None
    error = editor.errors["masthead_signer"]
    assert error.isVisible() and "签发人" in error.text()

    # 下行文 prints no 签发人: nothing to ask, and the field is not offered
    click(qtbot, editor.downward_radio)
    assert not editor.masthead_signer_edit.isEnabled()
    assert editor.check()
    document = report_document(editor.current_draft())
    assert document.masthead is not None and not document.masthead.upward


def test_the_colophon_fields_follow_the_signature_until_changed(
    page: DocumentsPage, qtbot: QtBot
) -> None:
    editor = open_editor(page, qtbot)
    assert editor.printed_by_edit.text() == editor.signer_edit.text()
    assert editor.printed_on.value() == editor.date.value()
    editor.signer_edit.setText("中共建始县青山湾小学支部委员会")
    assert editor.printed_by_edit.text() == "中共建始县青山湾小学支部委员会"
    editor.date.edit.setText("2026年12月1日")
    assert editor.printed_on.text() == "2026年12月1日"
    draft = editor.current_draft()
    assert draft.printed_by == "" and draft.printed_on is None  # they follow
    assert draft.colophon is not None
    assert draft.colophon.printed_by == "中共建始县青山湾小学支部委员会"
    assert draft.colophon.copy_to_text == ""  # no 抄送 typed: none printed

    editor.copy_to_edit.insert("县教育局，青山湾学区党总支")  # typed: an edit, not setText
    editor.printed_by_edit.clear()
    editor.printed_by_edit.insert("青山湾小学党支部")
    editor.printed_on.edit.clear()
    editor.printed_on.edit.insert("2026年12月2日")
    editor.signer_edit.setText("中共建始县青山湾小学支部委员会（盖章）")
    assert editor.printed_by_edit.text() == "青山湾小学党支部"  # changed by hand: kept
    draft = editor.current_draft()
    assert draft.printed_by == "青山湾小学党支部"
    assert draft.printed_on is not None and draft.printed_on.day == 2
    assert draft.colophon is not None
    assert draft.colophon.copy_to_text == "抄送：县教育局，青山湾学区党总支。"
    # and kept with the draft
    assert reports.draft_from_json(reports.draft_to_json(draft)) == draft
