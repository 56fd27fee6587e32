"""县局汇总's 通报 editor (issue 21) as the county operator uses it: the draft from the
packages received, the 发文字号 typed with ordinary brackets, an edit kept for the period,
按数据重新起草 after asking, 导出PDF…/导出Word… through the app's preview, and the county
summary in the preview."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from jianshi_desktop.db.models import CountyBranch
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.county.notice_editor import (
    NoticeEditor,
    open_notice_editor,
    preview_summary,
)
from jianshi_desktop.gui.documents import preview
from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.services import county as county_desk
from jianshi_desktop.services import county_documents, demo
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission.county import import_packages
from jianshi_desktop.submission.package import PackageOptions, build_package
from tests.gui.conftest import MessageLog, click

TODAY = dt.date(2026, 11, 26)
PERIOD = parse_period("2026Q3")


@pytest.fixture(scope="module")
def quarter_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("county-notice-sent")
    store = open_store(root / "branch", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        return build_package(store.data, PERIOD, root / "out", PackageOptions(), today=TODAY).path
    finally:
        store.close()


@pytest.fixture
def desk(gui_app: object, tmp_path: Path, quarter_package: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        county_desk.make_county_folder()
        (result,) = import_packages([quarter_package], opened.data)
        assert result.outcome == "imported", result.text
        CountyBranch.create(uid="f" * 32, name="中共建始县高坪小学支部委员会")  # sent nothing
        yield opened
    finally:
        opened.close()


@pytest.fixture
def save_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The save dialog answers with the suggested name in ``tmp_path/saved``."""
    folder = tmp_path / "saved"
    folder.mkdir()

    def get_save_file_name(
        parent: QWidget, caption: str, suggested: str, filters: str, **_options: object
    ) -> tuple[str, str]:
        return str(folder / Path(suggested).name), filters

    monkeypatch.setattr(preview.QFileDialog, "getSaveFileName", get_save_file_name)
    monkeypatch.setattr(preview, "start_folder", lambda: tmp_path / "documents")
    return folder


def editor_for(qtbot: QtBot, desk: Store) -> NoticeEditor:
    """As the 文书 area opens it."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    shown = open_notice_editor(parent, PERIOD, desk.data.root, today=TODAY)
    assert shown.isVisible()
    return shown


def test_the_draft_is_edited_kept_and_redrafted(
    qtbot: QtBot, desk: Store, shown_messages: MessageLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = editor_for(qtbot, desk)
    assert editor.title_edit.text() == "关于2026年第三季度全县教育系统党支部工作落实情况的通报"
    problems = editor.section_edits["problems"].toPlainText()
    assert "高坪小学党支部：未报送2026年第三季度工作台账报送包。" in problems
    assert "按收到的2026年第三季度报送包起草" in editor.source_label.text()
    assert editor.number_edit.text() == "", "the 发文字号 is the operator's to give"

    editor.number_edit.setText("建教党[2026]3号")
    editor.number_edit.editingFinished.emit()
    assert editor.number_edit.text() == "建教党〔2026〕3号"
    editor.section_edits["good"].setPlainText("各校认真落实“三会一课”制度。")
    click(qtbot, editor.save_button)
    assert editor.source_label.text().startswith("已保存")
    kept = county_documents.saved_notice(PERIOD)
    assert kept is not None and kept.good == "各校认真落实“三会一课”制度。"
    editor.accept()

    again = editor_for(qtbot, desk)
    assert again.number_edit.text() == "建教党〔2026〕3号", "kept until replaced"
    assert again.section_edits["good"].toPlainText() == "各校认真落实“三会一课”制度。"
    assert "上次保存的通报" in again.source_label.text()

    click(qtbot, again.redraft_button)  # asked; the default answer keeps what is written
    assert shown_messages.shown[-1].text == "按现在收到的报送包重新起草，替换已写的通报？"
    assert again.number_edit.text() == "建教党〔2026〕3号"
    monkeypatch.setattr(messages, "present", lambda _parent, _message: True)
    click(qtbot, again.redraft_button)
    assert again.number_edit.text() == ""
    assert "三会一课" not in again.section_edits["good"].toPlainText()

    again.title_edit.setText("  ")
    click(qtbot, again.save_button)
    assert again.error.text().endswith("请填写通报的标题。")
    assert county_documents.saved_notice(PERIOD) == kept, "nothing kept from a refusal"
    again.reject()


def test_export_pdf_and_word_through_the_preview(
    qtbot: QtBot, desk: Store, save_here: Path
) -> None:
    editor = editor_for(qtbot, desk)
    editor.number_edit.setText("建教党〔2026〕5号")
    stem = "关于2026年第三季度全县教育系统党支部工作落实情况的通报"
    task = editor.open_document("pdf")
    assert task is not None
    qtbot.waitUntil(lambda: (save_here / f"{stem}.pdf").exists(), timeout=30_000)
    dialog = editor.preview_dialog
    assert isinstance(dialog, PreviewDialog)
    text = "".join(page.extract_text() for page in PdfReader(save_here / f"{stem}.pdf").pages)
    squeezed = "".join(text.split())
    assert "建教党〔2026〕5号" in squeezed and "高坪小学党支部：未报送" in squeezed
    dialog.close()
    click(qtbot, editor.word_button)
    qtbot.waitUntil(
        lambda: editor.preview_dialog is not dialog and editor.preview_dialog is not None,
        timeout=30_000,
    )
    word = editor.preview_dialog
    assert word is not None
    qtbot.waitUntil(lambda: (save_here / f"{stem}.docx").exists(), timeout=30_000)
    assert county_documents.saved_notice(PERIOD) is not None, "saved before it was laid out"
    word.close()
    editor.reject()


def test_the_summary_opens_in_the_preview(qtbot: QtBot, desk: Store) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    opened: list[PreviewDialog] = []
    task = preview_summary(parent, PERIOD, desk.data.root, today=TODAY, on_opened=opened.append)
    assert task is not None
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    dialog = opened[0]
    assert dialog.stem == "2026年第三季度全县教育系统党支部工作落实情况汇总表"
    assert "共 1 页" in dialog.page_label.text()
    dialog.close()
