"""What the tests read off the members, organization, documents and submission widgets, as
the user reads it, and the choices they make there — found through the widgets' own
attributes, so that the app carries no methods only tests call."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QComboBox, QPushButton, QTableWidget

from jianshi_desktop.documents import fonts
from jianshi_desktop.domain.compliance import Per
from jianshi_desktop.gui.common.widgets import shown_problem
from jianshi_desktop.gui.dashboard.obligation_settings import ObligationsSection
from jianshi_desktop.gui.dashboard.page import HomePage
from jianshi_desktop.gui.dashboard.widgets import ReminderList, StartPanel, StepCard
from jianshi_desktop.gui.documents.page import KIND_ROLE, DocumentsPage
from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.gui.documents.settings_section import DocumentFontsSection
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.members.base import FormDialog
from jianshi_desktop.gui.members.page import MembersPage
from jianshi_desktop.gui.members.roster_import import RosterImportDialog
from jianshi_desktop.gui.organization.page import (
    ElectionDialog,
    OrganizationPage,
    PickMemberDialog,
)
from jianshi_desktop.gui.settings.page import SettingsPage
from jianshi_desktop.gui.submission.export_panel import ExportPanel
from jianshi_desktop.gui.submission.page import SubmissionPage
from jianshi_desktop.gui.submission.verify_panel import VerifyPanel
from jianshi_desktop.services.members import MemberRow
from jianshi_desktop.services.roster import PreviewRow


def field_error(dialog: FormDialog, field: str) -> str:
    """What is shown beside ``field`` of a member or organization dialog now."""
    return shown_problem(dialog.errors[field])


# --- 党员 ------------------------------------------------------------------------------


def choose_state(page: MembersPage, label: str) -> None:
    """Set the 状态 filter by its text (在册, 已转出, 停止党籍, 已去世, 全部)."""
    index = page.state_combo.findText(label)
    if index < 0:
        raise LookupError(label)
    page.state_combo.setCurrentIndex(index)


def member_cell(page: MembersPage, row: int, column: int) -> str:
    """The text of a cell of the roster as sorted and filtered on the screen."""
    return str(page.proxy.index(row, column).data() or "")


# --- 组织 ------------------------------------------------------------------------------


def organization_warnings(page: OrganizationPage) -> list[str]:
    """The warnings as the user reads them (the all-is-well line when there are none)."""
    if not page.warning_labels:
        return [page.ok_label.text()]
    return [
        html.unescape(label.text().replace("<b>", "").replace("</b>", ""))
        for label in page.warning_labels
    ]


def select_row(table: QTableWidget, first_cell: str) -> None:
    """Click the row whose first cell says ``first_cell`` (a post's title, a group's name)."""
    for row in _rows(table):
        if _cell(table, row, 0) == first_cell:
            table.selectRow(row)
            return
    raise LookupError(first_cell)


# --- 文书 ------------------------------------------------------------------------------


def current_kind(page: DocumentsPage) -> str:
    item = page.kind_list.currentItem()
    return str(item.data(KIND_ROLE)) if item is not None else ""


def page_text(dialog: PreviewDialog) -> str:
    """第 1 页，共 3 页."""
    return dialog.page_label.text()


def preview_warning(dialog: PreviewDialog) -> str:
    return "" if dialog.warning_label.isHidden() else dialog.warning_label.text()


def shown_fonts(section: DocumentFontsSection) -> dict[str, str]:
    """Role label (标题, 正文 …) → what the section says of its font."""
    return {fonts.ROLE_LABELS[role]: label.text() for role, label in section.font_labels.items()}


# --- 报送 ------------------------------------------------------------------------------


def show_verify(page: SubmissionPage) -> VerifyPanel:
    """Open the 检查报送包 tab."""
    page.tabs.setCurrentIndex(1)
    return page.verify_panel


def password_error(panel: ExportPanel) -> str:
    return shown_problem(panel.password_error)


def shown_targets(panel: ExportPanel) -> list[str]:
    """The places offered to write the package to."""
    return [panel.target_combo.itemText(i) for i in range(panel.target_combo.count())]


def export_result(panel: ExportPanel) -> str:
    return panel.result_label.text() if not panel.result_label.isHidden() else ""


def verify_result(panel: VerifyPanel) -> str:
    """Everything the result area says, as the user reads it."""
    parts = [
        label.text()
        for label in (
            panel.result_heading,
            panel.facts_label,
            panel.signer_label,
            panel.list_caption,
        )
        if not label.isHidden()
    ]
    if not panel.result_list.isHidden():
        parts += [panel.result_list.item(i).text() for i in range(panel.result_list.count())]
    if not panel.advice_label.isHidden():
        parts.append(panel.advice_label.text())
    return "\n".join(parts)


# --- read by the tests of several areas -------------------------------------------------------


def settings_page(window: MainWindow) -> SettingsPage:
    """设置, built now if it was not yet."""
    return window.page_of("settings", SettingsPage)


def settings_facts(page: SettingsPage) -> dict[str, str]:
    """数据文件夹, 最近备份时间 … as 设置 shows them, by key."""
    return {key: label.text() for key, label in page.values.items()}


def home_facts(page: HomePage) -> dict[str, str]:
    """The branch's facts as the first line of 首页 shows them, by field."""
    return dict(page.facts)


def shown_members(page: MembersPage) -> list[MemberRow]:
    """The roster's rows as the table shows them, in order."""
    return [page.proxy.member_at(row) for row in range(page.proxy.rowCount())]


def shown_posts(page: OrganizationPage) -> list[tuple[str, str]]:
    """(职务, 任职人员) as the table shows them."""
    table = page.post_table
    return [(_cell(table, r, 0), _cell(table, r, 1)) for r in _rows(table)]


def shown_groups(page: OrganizationPage) -> list[tuple[str, str, str]]:
    table = page.group_table
    return [(_cell(table, r, 0), _cell(table, r, 1), _cell(table, r, 2)) for r in _rows(table)]


def shown_records(page: DocumentsPage) -> list[str]:
    """The records listed on 文书, as the lines read."""
    return [page.record_list.item(row).text() for row in range(page.record_list.count())]


def export_summary(panel: ExportPanel) -> str:
    return panel.summary_label.text()


def _rows(table: QTableWidget) -> range:
    return range(table.rowCount())


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


# --- for the tests of 首页 and of the roster import (their widgets' own accessors go once
# those tests read through these) ----------------------------------------------------------


def tile_texts(page: HomePage) -> list[str]:
    return [tile.text() for tile in page.tile_widgets]


def reminder_titles(page: HomePage) -> list[str]:
    return [item.title.text() for item in page.reminder_list.items]


def reminder_button(reminders: ReminderList, text: str) -> QPushButton:
    """The button of the first reminder on 首页 whose title contains ``text``."""
    for item in reminders.items:
        if text in item.reminder.title:
            return item.button
    raise LookupError(text)


def shown_requirements(section: ObligationsSection) -> dict[str, str]:
    """What each item of 工作要求 asks, as the section shows it (a changed one says so)."""
    return {key: texts[1].text() for key, texts in section.rows.items()}


def import_rows(dialog: RosterImportDialog) -> list[PreviewRow]:
    """The rows the import preview shows now, in order."""
    proxy = dialog.proxy
    return [
        dialog.model.row_at(proxy.mapToSource(proxy.index(r, 0)).row())
        for r in range(proxy.rowCount())
    ]


def import_cell(dialog: RosterImportDialog, row: int, column: int) -> str:
    return str(dialog.proxy.index(row, column).data() or "")


# --- choices made as a user makes them -----------------------------------------------------


def _choose(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index < 0:
        raise LookupError(value)
    combo.setCurrentIndex(index)


def choose_member(dialog: PickMemberDialog, member_id: int | None) -> None:
    _choose(dialog.combo, member_id)


def choose_year(page: HomePage, year: int) -> None:
    """首页's year grid: pick ``year``."""
    _choose(page.year_combo, year)


def choose_requirement(section: ObligationsSection, key: str, per: Per, count: int) -> None:
    """工作要求: set an item's controls (how often, how many times) before 保存."""
    editor = section.editors[key]
    _choose(editor.per, per.value)
    editor.count.setValue(count)


def choose_document_kind(page: DocumentsPage, kind: str) -> None:
    """文书: show the options of ``kind`` (record, ledger, report, roster)."""
    for row in range(page.kind_list.count()):
        if page.kind_list.item(row).data(KIND_ROLE) == kind:
            page.kind_list.setCurrentRow(row)
            return
    raise KeyError(kind)


def card_for(panel: StartPanel, key: str) -> StepCard:
    """The 开始使用 panel's card of step ``key`` (members, committee, first_meeting)."""
    return next(card for card in panel.cards if card.step.key == key)


def election_problems(dialog: ElectionDialog) -> list[str]:
    """The problems the 换届 form shows in its fixed place, every one (the place shows the
    first few; its tooltip holds them all)."""
    tip = dialog.problems_label.toolTip()
    return tip.split("\n") if tip else []
