"""设置 › 报送包签名: the fingerprint of the branch's signing key, read-only, what it is for,
and 更换签名密钥 (docs/package-format.md, “签名”)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.services import signing_keys
from tests.gui.shown import settings_page

from .conftest import MessageLog


def test_the_settings_page_shows_the_fingerprint_and_what_it_is_for(
    main_window: MainWindow,
) -> None:
    main_window.show_area("settings")
    section = settings_page(main_window).signing_section
    fingerprint = signing_keys.fingerprint()
    assert fingerprint is not None, "made at first start"
    assert section.isVisible()
    assert section.fingerprint_value.text() == fingerprint
    assert "上级收到报送包时用这个指纹核对是本支部发出的" in section.explanation.text()
    assert section.replace_button.text() == "更换签名密钥…"


def test_replacing_the_key_asks_first_and_announces_the_new_one(
    main_window: MainWindow,
    qtbot: QtBot,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    main_window.show_area("settings")
    section = settings_page(main_window).signing_section
    old = section.fingerprint_value.text()
    qtbot.mouseClick(section.replace_button, Qt.MouseButton.LeftButton)
    assert "更换报送包的签名密钥" in shown_messages.texts[0]
    assert section.fingerprint_value.text() == old, "不换: nothing changed"
    assert signing_keys.key_change() is None

    monkeypatch.setattr(messages, "present", lambda _parent, _message: True)
    qtbot.mouseClick(section.replace_button, Qt.MouseButton.LeftButton)
    new = section.fingerprint_value.text()
    assert new != old and new == signing_keys.fingerprint()
    change = signing_keys.key_change()
    assert change is not None
    assert signing_keys.signing.fingerprint(change.previous_public_key) == old
    assert new in main_window.statusBar().currentMessage()
