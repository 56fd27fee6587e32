"""The 党费 page's documents: 年度情况… offers this year and last and opens the year's
党费收缴情况 in the preview; 交纳证明… offers the members of today and those who left
within the year, previews a member's 证明, and says why for a member who never paid."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from jianshi_desktop.db import models
from jianshi_desktop.domain.enums import MemberEventKind
from jianshi_desktop.gui.documents import preview
from jianshi_desktop.gui.dues.page import DuesPage
from jianshi_desktop.services import demo, members
from jianshi_desktop.services.store import Store
from tests.gui.conftest import MessageLog
from tests.unit.test_dues_documents import NOV, TODAY, collect, roster, set_bases

SHOTS = Path("/tmp/dues_documents_shots")
Opened = list[tuple[str, Any, str]]


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, store: Store) -> DuesPage:
    demo.fill_demo(today=TODAY, with_records=False)
    models.DuesPayment.delete().execute()
    models.DuesArrearsDecision.delete().execute()
    models.DuesCollection.delete().execute()
    models.DuesBase.delete().execute()
    shown = DuesPage(store.data.attachments, data_root=store.data.root, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1024, 768)
    return shown


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Opened:
    """Each preview asked for: its title, how it is built and its file name."""
    calls: Opened = []
    monkeypatch.setattr(
        preview,
        "open_preview",
        lambda _parent, title, build, stem, _root: calls.append((title, build, stem)),
    )
    return calls


def test_the_year_menu_opens_the_year_in_the_preview(page: DuesPage, opened: Opened) -> None:
    set_bases()
    ids = [m for m, _n in roster()]
    collect(NOV, dt.date(2026, 11, 8), ids[1:])
    page.refresh()
    page.show()
    assert page.dues_year_button.isVisible() and page.certificate_button.isVisible()
    page.dues_year_menu.aboutToShow.emit()
    assert [a.text() for a in page.dues_year_menu.actions()] == ["2026年度", "2025年度"]
    page.dues_year_menu.actions()[0].trigger()
    ((title, build, stem),) = opened
    assert title == "2026年度党费收缴情况"
    assert stem.endswith("2026年度党费收缴情况")
    document = build()
    assert document.title.endswith("2026年度党费收缴情况")
    SHOTS.mkdir(exist_ok=True)
    page.grab().save(str(SHOTS / "page.png"))


def test_the_certificate_offers_those_who_left_and_opens_the_preview(
    page: DuesPage, opened: Opened
) -> None:
    set_bases()
    people = roster()
    ids = [m for m, _n in people]
    collect(NOV, dt.date(2026, 11, 8), ids)
    leaving, name = people[4]
    members.record_leaving(
        leaving,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 11, 25),
        letter_no="建教党转〔2026〕3号",
        counterpart="中共建始县某中学支部委员会",
        today=TODAY,
    )
    dialog = page.certificate_dialog()
    combo = dialog.findChild(QComboBox)
    assert combo is not None
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert f"{name}（2026年11月25日离开本支部）" in offered
    assert len(offered) == len(people)  # everyone of today, and the one who left
    dialog.show()
    SHOTS.mkdir(exist_ok=True)
    dialog.grab().save(str(SHOTS / "certificate_dialog.png"))
    dialog.close()

    page.preview_certificate(leaving)
    ((title, build, stem),) = opened
    assert (title, stem) == ("党费交纳证明", f"{name}党费交纳证明")
    assert f"兹证明{name}同志" in build().blocks[1].text


def test_a_member_who_never_paid_gets_the_reason_and_no_preview(
    page: DuesPage, opened: Opened, shown_messages: MessageLog
) -> None:
    member, name = roster()[0]
    page.preview_certificate(member)
    assert opened == []
    (message,) = shown_messages.shown
    assert message.text == f"{name}还没有交纳党费的记录，无法开具党费交纳证明。"
