"""The shared attachments list: files copied into the data folder at once, kind and caption
editable, removable, never required."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.gui.records import attachments as attachments_module
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.services.attachments import blob_path
from jianshi_desktop.services.store import Store

from .conftest import MessageLog


@pytest.fixture
def editor(gui_app: object, qtbot: QtBot, store: Store) -> AttachmentsEditor:
    shown = AttachmentsEditor(store.data.attachments)
    qtbot.addWidget(shown)
    shown.resize(900, 400)
    shown.show()
    return shown


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    """Files on a "USB stick" that will be gone tomorrow."""
    folder = tmp_path / "U盘"
    folder.mkdir()
    (folder / "签到表.pdf").write_bytes(b"%PDF-1.4 sign-in sheet")
    (folder / "会场.jpg").write_bytes(b"not really a jpeg")
    return folder


def test_empty_says_attachments_are_optional(editor: AttachmentsEditor) -> None:
    assert editor.entries() == []
    assert editor.empty_label.isVisible()
    assert "不是必需的" in editor.empty_label.text()


def test_a_picked_file_is_copied_at_once_and_listed(
    editor: AttachmentsEditor,
    qtbot: QtBot,
    usb: Path,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(attachments_module, "choose_files", lambda *_a: [usb / "签到表.pdf"])
    with qtbot.waitSignal(editor.changed):
        qtbot.mouseClick(editor.add_buttons[AttachmentKind.SIGN_IN], Qt.MouseButton.LeftButton)
    (entry,) = editor.entries()
    assert entry.file_name == "签到表.pdf"
    assert entry.kind is AttachmentKind.SIGN_IN
    stored = blob_path(store.data.attachments, entry.sha256)
    assert stored.read_bytes() == b"%PDF-1.4 sign-in sheet"
    (usb / "签到表.pdf").unlink()  # the stick is gone: the copy stays
    assert stored.is_file()
    assert not editor.empty_label.isVisible()


def test_kind_and_caption_are_editable_and_a_file_is_removed(
    editor: AttachmentsEditor, usb: Path
) -> None:
    assert editor.add_files([usb / "会场.jpg", usb / "签到表.pdf"]) == 2
    assert [e.kind for e in editor.entries()] == [AttachmentKind.PHOTO, AttachmentKind.SIGN_IN]
    combo = editor.kind_combos[0]
    combo.setCurrentIndex(combo.findText("会议通知"))
    editor.caption_edits[0].setText("通知的照片")
    first = editor.entries()[0]
    assert (first.kind, first.caption) == (AttachmentKind.NOTICE, "通知的照片")
    editor.remove_buttons[1].click()
    assert [e.file_name for e in editor.entries()] == ["会场.jpg"]
    assert "已从列表中移除" in editor.feedback.text()


def test_the_same_file_is_not_added_twice(editor: AttachmentsEditor, usb: Path) -> None:
    editor.add_files([usb / "会场.jpg"])
    assert editor.add_files([usb / "会场.jpg"]) == 0
    assert len(editor.entries()) == 1
    assert "已经在列表中" in editor.feedback.text()


def test_a_file_that_cannot_be_copied_is_reported_in_plain_words(
    editor: AttachmentsEditor, usb: Path, shown_messages: MessageLog
) -> None:
    assert editor.add_files([usb / "不存在.jpg"]) == 0
    assert editor.entries() == []
    assert "不是文件或已不存在" in shown_messages.texts[0]


def test_read_only_hides_the_buttons(editor: AttachmentsEditor, usb: Path) -> None:
    editor.add_files([usb / "会场.jpg"])
    editor.set_read_only(True)
    assert all(button.isHidden() for button in editor.add_buttons.values())
    assert editor.remove_buttons == []
    assert editor.caption_edits[0].isReadOnly()
