"""党员: the roster table (sortable, searchable by name or pinyin initials, filtered by
state and group), the counts, and the member actions above the table and in its context
menu: 添加党员, 编辑, 转正, 人员变动 (转出/停止党籍/去世), 转入, 显示完整身份证号码.

ID numbers are masked in the table; the full number is shown only on purpose (and that
is written to the audit log by the service). Dialogs are opened without blocking
(``open()``), so that tests drive them like a user; the roster reloads when one is saved.

导入花名册… and 导出花名册… follow 转入 (``gui/members/roster_import.py``): the workbook
is read and previewed off the GUI thread, and nothing is saved before the preview's 导入.
The empty page offers 导入花名册… too, since that is how most rosters begin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTableView,
    QWidget,
)

from jianshi_desktop.domain.enums import MemberEventKind, MemberState, MemberStatus
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.flow import wrap_row
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.table_models import (
    DISPLAY,
    NO_GROUP,
    MemberFilterProxy,
    MemberTableModel,
)
from jianshi_desktop.gui.common.widgets import (
    make_primary,
    prepare_table,
    select_row,
    set_role,
    style_heading,
)
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.members.member_dialog import MemberDialog, Mode
from jianshi_desktop.gui.members.status_dialogs import (
    FullMemberDialog,
    LeavingDialog,
    ProbationDialog,
    leaving_summary,
    probation_summary,
)
from jianshi_desktop.services.members import (
    MemberRow,
    RosterCounts,
    list_members,
    reveal_id_number,
    roster_counts,
)
from jianshi_desktop.services.organization import list_groups

if TYPE_CHECKING:  # the roster workbook's import and export load when first used
    from jianshi_desktop.gui.members.roster_import import RosterExportDialog
    from jianshi_desktop.services.roster import ImportPreview

ALL_GROUPS = "全部党小组"
SORT_MARK_WIDTH = 20  # room beside a heading for the sort arrow
NO_GROUP_TEXT = "未分组"
STATE_CHOICES: tuple[tuple[str, MemberState | None], ...] = (
    ("在册", MemberState.ACTIVE),
    ("已转出", MemberState.TRANSFERRED_OUT),
    ("停止党籍", MemberState.MEMBERSHIP_STOPPED),
    ("已去世", MemberState.DECEASED),
    ("已出党", MemberState.LEFT_PARTY),
    ("已取消预备党员资格", MemberState.PROBATION_CANCELLED),
    ("全部", None),
)
EMPTY_TEXT = (
    "还没有登记党员。\n\n"
    "党员名册是台账的基础：会议考勤、组织设置、谈心谈话都从这里取人，只需登记一次。"
    "已有 Excel 花名册的，请点“导入花名册…”一次导入，导入前会先预览；"
    "也可以点“添加党员”逐个登记；从其他党组织转来的党员，请点“转入党员”，并填写介绍信编号。"
)


def counts_text(counts: RosterCounts) -> str:
    left = (
        f"；已离开 {counts.left} 人（已转出、停止党籍或去世，不计入在册人数）"
        if counts.left
        else ""
    )
    return (
        f"在册 {counts.active} 人：正式党员 {counts.full} 人，"
        f"预备党员 {counts.probationary} 人{left}"
    )


def group_counts_text(counts: RosterCounts, order: list[str]) -> str:
    """Members a group, in the groups' own order (``order``), 未分组 last."""
    if not counts.by_group:
        return ""
    rank = {name: number for number, name in enumerate(order)}
    names = sorted(counts.by_group, key=lambda name: rank.get(name, len(rank)))
    parts = [f"{name} {counts.by_group[name]} 人" for name in names]
    return "各党小组：" + "，".join(parts)


class MembersPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("members", parent)
        self.ui = load_form("members_page", self)
        style_heading(child(self.ui, QLabel, "headingLabel"))
        self.counts_label = child(self.ui, QLabel, "countsLabel")
        self.group_counts_label = child(self.ui, QLabel, "groupCountsLabel")
        set_role(self.group_counts_label, "hint")
        self.stack = child(self.ui, QStackedWidget, "contentStack")
        self.roster_page = child(self.ui, QWidget, "rosterPage")
        self.empty_page = child(self.ui, QWidget, "emptyPage")
        self.empty_notice = child(self.ui, QLabel, "emptyNotice")
        self.empty_notice.setText(EMPTY_TEXT)
        set_role(self.empty_notice, "notice")
        self.no_match_label = child(self.ui, QLabel, "noMatchLabel")
        set_role(self.no_match_label, "hint")
        self.shown_label = child(self.ui, QLabel, "shownLabel")
        set_role(self.shown_label, "hint")
        self.search_edit = child(self.ui, QLineEdit, "searchEdit")
        self.state_combo = child(self.ui, QComboBox, "stateCombo")
        self.group_combo = child(self.ui, QComboBox, "groupCombo")
        self.table = child(self.ui, QTableView, "memberTable")
        self.buttons = {
            name: child(self.ui, QPushButton, f"{name}Button")
            for name in (
                "add",
                "edit",
                "full",
                "leaving",
                "transferIn",
                "importRoster",
                "exportRoster",
                "reveal",
            )
        }
        self.empty_add_button = child(self.ui, QPushButton, "emptyAddButton")
        self.empty_transfer_in_button = child(self.ui, QPushButton, "emptyTransferInButton")
        self.empty_import_button = child(self.ui, QPushButton, "emptyImportButton")
        make_primary(self.buttons["add"])
        make_primary(self.empty_add_button)
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)
        self.roster_task: Task[ImportPreview] | None = None  # reading a workbook to import

        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._set_up_table()
        self._set_up_filters()
        self._set_up_actions()
        self._add_leaders_button()
        for row in ("actionsRow", "filterRow"):  # wrap, not widen the page, when narrow
            wrap_row(child(self.ui, QHBoxLayout, row), self.ui)
        self.refresh()

    # --- building -----------------------------------------------------------------------

    def _set_up_table(self) -> None:
        table = self.table
        table.setModel(self.proxy)
        header = prepare_table(table, "党员名册")
        # Every column as wide as its content, 工作岗位 takes the rest: at the default
        # window size all eleven columns show without a horizontal scroll bar. The widths
        # are measured once a refresh (_fit_columns), not at every layout pass as
        # ResizeToContents would (that made the first visit several times slower).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(MemberTableModel.POSITION, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("性别") + 16)
        # 状态 right after 姓名: eleven columns do not fit a 1024×768 screen, and whether a
        # member is 在册 must not need the scroll bar (the model's order is unchanged).
        header.moveSection(MemberTableModel.STATE, MemberTableModel.NAME + 1)
        table.sortByColumn(MemberTableModel.JOINED, Qt.SortOrder.AscendingOrder)
        table.doubleClicked.connect(self._double_clicked)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())

    def _set_up_filters(self) -> None:
        for text, state in STATE_CHOICES:
            self.state_combo.addItem(text, state.value if state else None)
        self.state_combo.setCurrentIndex(0)
        self.search_edit.textChanged.connect(self._search_changed)
        self.state_combo.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.group_combo.currentIndexChanged.connect(lambda _i: self._filter_changed())

    def _set_up_actions(self) -> None:
        self.buttons["add"].clicked.connect(self.add_member)
        self.empty_add_button.clicked.connect(self.add_member)
        self.buttons["edit"].clicked.connect(self.edit_selected)
        self.buttons["full"].clicked.connect(self.make_full_selected)
        self.buttons["leaving"].clicked.connect(lambda: self.record_leaving_selected())
        self.buttons["transferIn"].clicked.connect(self.transfer_in)
        self.empty_transfer_in_button.clicked.connect(self.transfer_in)
        self.buttons["reveal"].clicked.connect(self.reveal_selected)
        self.buttons["importRoster"].clicked.connect(self.import_roster)
        self.empty_import_button.clicked.connect(self.import_roster)
        self.buttons["exportRoster"].clicked.connect(self.export_roster)
        self.buttons["importRoster"].setToolTip(
            "从 Excel 花名册（.xlsx）导入党员；导入前先预览，有问题的行不会导入"
        )
        self.empty_import_button.setToolTip(self.buttons["importRoster"].toolTip())
        self.buttons["exportRoster"].setToolTip("把在册党员导出为 Excel 花名册")
        self.buttons["leaving"].setToolTip("为选中的党员登记转出、停止党籍或去世")
        self.buttons["transferIn"].setToolTip("登记从其他党组织转来的党员")
        self.buttons["reveal"].setToolTip("查看选中党员的完整身份证号码（会记入操作日志）")

    def _add_leaders_button(self) -> None:
        """班子成员…: the school's leaders in the branch (each lectures once a year)."""
        self.leaders_button = QPushButton("班子成员…", self.ui)
        self.leaders_button.setObjectName("leadersButton")
        self.leaders_button.setToolTip("登记学校领导班子中的党员及其职务（每人每年至少讲一次党课）")
        row = child(self.ui, QHBoxLayout, "actionsRow")
        row.insertWidget(row.indexOf(self.buttons["importRoster"]), self.leaders_button)
        self.leaders_button.clicked.connect(self.open_leaders)

    def open_leaders(self) -> QDialog:
        from jianshi_desktop.gui.members.leaders import LeadersDialog

        return self._open(LeadersDialog(self), self.refresh)

    # --- loading ------------------------------------------------------------------------

    def refresh(self) -> None:
        selected = self.selected_member()
        rows = list_members(include_left=True)
        self.model.set_rows(rows)
        group_names = [group.name for group in list_groups()]
        self._fill_group_filter(rows, group_names)
        counts = roster_counts(rows)
        self.counts_label.setText(counts_text(counts))
        self.group_counts_label.setText(group_counts_text(counts, group_names))
        self.group_counts_label.setVisible(bool(counts.by_group))
        empty = not rows
        self.stack.setCurrentWidget(self.empty_page if empty else self.roster_page)
        self.counts_label.setVisible(not empty)
        for button in self.buttons.values():  # the empty page offers its own two buttons
            button.setVisible(not empty)
        if selected is not None:
            self.select_member(selected.id)
        self._filter_changed()
        self._fit_columns()

    def text_size_changed(self) -> None:
        """设置 → 文字大小 changed (gui/app.py apply_text_scale): measure the columns again."""
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column as wide as its widest text, the heading included (工作岗位
        stretches). Measured here from the rows' texts: one pass over the roster, with no
        call back into the model for every cell and role."""
        rows = self.model.rows()
        header = self.table.horizontalHeader()
        cells = self.table.fontMetrics()
        headings = header.fontMetrics()
        padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        for column, heading in enumerate(MemberTableModel.HEADERS):
            if column == MemberTableModel.POSITION:
                continue
            text = DISPLAY[column]
            widest = max((cells.horizontalAdvance(text(row)) for row in rows), default=0)
            width = max(widest, headings.horizontalAdvance(heading) + SORT_MARK_WIDTH)
            header.resizeSection(column, width + padding)

    def _fill_group_filter(self, rows: list[MemberRow], names: list[str]) -> None:
        current = self.group_combo.currentData()
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        self.group_combo.addItem(ALL_GROUPS, None)
        for name in names:
            self.group_combo.addItem(name, name)
        if any(not row.party_group for row in rows):
            self.group_combo.addItem(NO_GROUP_TEXT, NO_GROUP)
        index = self.group_combo.findData(current) if current is not None else 0
        self.group_combo.setCurrentIndex(max(index, 0))
        self.group_combo.blockSignals(False)

    def chosen_state(self) -> MemberState | None:
        """The 状态 filter: a state, or None for 全部."""
        value = self.state_combo.currentData()
        return MemberState(value) if value else None

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filter()

    def _filter_changed(self) -> None:
        self.proxy.set_state(self.chosen_state())
        self.proxy.set_group(self.group_combo.currentData())
        self.proxy.set_search(self.search_edit.text())
        self._after_filter()

    def _after_filter(self) -> None:
        shown = self.proxy.rowCount()
        self.shown_label.setText(f"列表中 {shown} 人")
        no_match = shown == 0 and self.model.rowCount() > 0
        if no_match:
            self.no_match_label.setText(
                "没有找到符合条件的党员。请换个搜索词，或把“状态”改为“全部”、"
                "“党小组”改为“全部党小组”。"
            )
        self.no_match_label.setVisible(no_match)
        self._update_actions()

    # --- selection ----------------------------------------------------------------------

    def selected_member(self) -> MemberRow | None:
        model = self.table.selectionModel()
        if model is None:
            return None
        rows = model.selectedRows()
        if not rows:
            return None
        return self.proxy.member_at(rows[0].row())

    def select_member(self, member_id: int) -> bool:
        row = self.proxy.proxy_row_of(member_id)
        if row < 0:
            self.table.clearSelection()
            return False
        select_row(self.table, row)
        return True

    def _update_actions(self) -> None:
        row = self.selected_member()
        active = row is not None and row.state is MemberState.ACTIVE
        probationary = row is not None and row.status is MemberStatus.PROBATIONARY
        self.buttons["edit"].setEnabled(row is not None)
        self.buttons["full"].setEnabled(active and probationary)
        self.buttons["leaving"].setEnabled(active)
        self.buttons["reveal"].setEnabled(row is not None and bool(row.id_number_masked))
        self.buttons["full"].setToolTip(
            "选中一名预备党员后办理转正" if not active else "为选中的预备党员办理转正"
        )

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_member(self.proxy.member_at(index.row()).id)

    def context_actions(self) -> list[QAction]:
        """The context menu of the selected member: the same actions as the buttons."""
        row = self.selected_member()
        actions: list[QAction] = []

        def action(text: str, slot: object, enabled: bool = True) -> None:
            item = QAction(text, self)
            item.triggered.connect(slot)
            item.setEnabled(enabled)
            actions.append(item)

        active = row is not None and row.state is MemberState.ACTIVE
        action("编辑…", self.edit_selected, row is not None)
        action(
            "转正…",
            self.make_full_selected,
            active and row is not None and row.status is MemberStatus.PROBATIONARY,
        )
        probationary = active and row is not None and row.status is MemberStatus.PROBATIONARY
        for kind, text, enabled in (
            (MemberEventKind.PROBATION_EXTENDED, "延长预备期…", probationary),
            (MemberEventKind.PROBATION_CANCELLED, "取消预备党员资格…", probationary),
            (MemberEventKind.PARTY_PROBATION, "留党察看…", active and not probationary),
        ):
            action(text, lambda _c=False, k=kind: self.record_probation_selected(k), enabled)
        for kind, text in (
            (MemberEventKind.TRANSFER_OUT, "转出…"),
            (MemberEventKind.MEMBERSHIP_STOPPED, "停止党籍…"),
            (MemberEventKind.DECEASED, "去世…"),
            (MemberEventKind.LEFT_PARTY, "出党…"),
        ):
            action(text, lambda _c=False, k=kind: self.record_leaving_selected(k), active)
        action("显示完整身份证号码", self.reveal_selected, row is not None)
        action("添加党员…", self.add_member)
        action("转入党员…", self.transfer_in)
        return actions

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.select_member(self.proxy.member_at(index.row()).id)
        menu = QMenu(self)
        actions = self.context_actions()
        for number, item in enumerate(actions):
            if number in (2, 5, 8, 9):
                menu.addSeparator()
            menu.addAction(item)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # --- actions ------------------------------------------------------------------------

    def _open(self, dialog: QDialog, on_saved: object) -> QDialog:
        """Show ``dialog`` (window-modal, not blocking); ``on_saved`` runs when accepted."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            if result == QDialog.DialogCode.Accepted and callable(on_saved):
                on_saved()

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog

    def _open_member_dialog(self, mode: Mode, member_id: int | None = None) -> MemberDialog:
        dialog = MemberDialog(self, mode=mode, member_id=member_id)

        def saved() -> None:
            self.refresh()
            if dialog.saved_id is not None:
                self._show_saved(dialog.saved_id)
            name = dialog.name_edit.text().strip()
            self.status.emit(
                {
                    "add": f"已添加党员{name}。",
                    "edit": f"已保存{name}的信息。",
                    "transfer_in": f"已登记{name}转入。",
                }[mode]
            )

        self._open(dialog, saved)
        return dialog

    def _show_saved(self, member_id: int) -> None:
        """Select the saved member, widening the filters if they hide him or her."""
        if self.select_member(member_id):
            return
        self.search_edit.clear()
        self.group_combo.setCurrentIndex(0)
        self.state_combo.setCurrentIndex(len(STATE_CHOICES) - 1)
        self.select_member(member_id)

    def add_member(self) -> MemberDialog:
        return self._open_member_dialog("add")

    def transfer_in(self) -> MemberDialog:
        return self._open_member_dialog("transfer_in")

    def edit_member(self, member_id: int) -> MemberDialog:
        return self._open_member_dialog("edit", member_id)

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """A step or reminder on 首页: ``import_roster`` (开始使用), or ``open_member``,
        ``make_full_member`` or ``record_leaving`` (with ``kind``, an event kind's value: the
        党费 reminder of a member the branch decided to treat as leaving) with
        ``member_id``."""
        if command == "import_roster":
            self.import_roster()  # the workbook is chosen at once
            return True
        member_id = params.get("member_id")
        known = ("open_member", "make_full_member", "record_leaving")
        if not isinstance(member_id, int) or command not in known:
            return False
        if command == "open_member":
            self.edit_member(member_id)
            return True
        if command == "record_leaving":
            try:
                kind = MemberEventKind(str(params.get("kind", MemberEventKind.TRANSFER_OUT)))
            except ValueError:
                return False
            self._show_saved(member_id)
            return self.record_leaving_selected(kind) is not None
        self._show_saved(member_id)  # selects the member, widening the filters if needed
        return self.make_full_selected() is not None

    def _need_selection(self) -> MemberRow | None:
        row = self.selected_member()
        if row is None:
            messages.information(self, "请先在列表中点选一名党员。", title="没有选中党员")
        return row

    def edit_selected(self) -> MemberDialog | None:
        row = self._need_selection()
        return self.edit_member(row.id) if row else None

    def make_full_selected(self) -> FullMemberDialog | None:
        row = self._need_selection()
        if row is None:
            return None
        if row.status is not MemberStatus.PROBATIONARY or row.state is not MemberState.ACTIVE:
            messages.information(
                self, f"{row.name}不是在册的预备党员，不需要办理转正。", title="转正"
            )
            return None
        dialog = FullMemberDialog(self, row.id)

        def saved() -> None:
            self.refresh()
            self.status.emit(f"{row.name}已转为正式党员。")

        self._open(dialog, saved)
        return dialog

    def record_leaving_selected(
        self, kind: MemberEventKind = MemberEventKind.TRANSFER_OUT
    ) -> LeavingDialog | None:
        row = self._need_selection()
        if row is None:
            return None
        if row.state is not MemberState.ACTIVE:
            messages.information(
                self, f"{row.name}已不在册（{row.state.label}），不能再登记变动。", title="人员变动"
            )
            return None
        dialog = LeavingDialog(self, row.id, kind=kind)

        def saved() -> None:
            self.refresh()
            self.status.emit(leaving_summary(row, dialog.kind()))

        self._open(dialog, saved)
        return dialog

    def record_probation_selected(self, kind: MemberEventKind) -> ProbationDialog | None:
        """延长预备期 or 取消预备党员资格 (预备党员), 留党察看 (正式党员) of the selection."""
        row = self._need_selection()
        if row is None:
            return None
        probationary = row.status is MemberStatus.PROBATIONARY
        wanted = kind is not MemberEventKind.PARTY_PROBATION
        if row.state is not MemberState.ACTIVE or probationary is not wanted:
            who = "在册的预备党员" if wanted else "在册的正式党员"
            messages.information(self, f"{kind.label}只适用于{who}。", title=kind.label)
            return None
        dialog = ProbationDialog(self, row.id, kind=kind)

        def saved() -> None:
            self.refresh()
            self.status.emit(probation_summary(row, kind))

        self._open(dialog, saved)
        return dialog

    def import_roster(self) -> Task[ImportPreview] | None:
        """导入花名册…: choose a workbook, read it off the GUI thread, show the preview."""
        if self.roster_task is not None and self.roster_task.running:
            return None
        from jianshi_desktop.gui.members.roster_import import (
            RosterImportDialog,
            choose_and_preview,
            result_text,
        )

        def preview_ready(preview: ImportPreview) -> None:
            dialog = RosterImportDialog(self, preview)

            def imported() -> None:
                self.refresh()
                if dialog.import_result is not None:
                    self.status.emit(result_text(dialog.import_result))

            self._open(dialog, imported)

        self.roster_task = choose_and_preview(self, on_preview=preview_ready)
        return self.roster_task

    def export_roster(self) -> RosterExportDialog:
        """导出花名册…: where to save it and whether to hide the ID numbers' middle."""
        from jianshi_desktop.gui.members.roster_import import RosterExportDialog

        dialog = RosterExportDialog(self)

        def exported() -> None:
            if dialog.saved_path is not None:
                self.status.emit(f"花名册已导出到 {dialog.saved_path}。")

        self._open(dialog, exported)
        return dialog

    def reveal_selected(self) -> str:
        """Show the selected member's full ID number (the service audits it)."""
        row = self._need_selection()
        if row is None:
            return ""
        if not row.id_number_masked:
            messages.information(self, f"{row.name}没有登记身份证号码。", title="身份证号码")
            return ""
        from jianshi_desktop.gui.lock import confirm_password  # 启动密码, when one is set

        if not confirm_password(self, "显示完整身份证号码"):
            return ""
        number = reveal_id_number(row.id)
        messages.information(
            self,
            f"{row.name}的身份证号码：{number}",
            title="完整身份证号码",
            hint="这次查看已记入操作日志。列表中仍只显示前6位和后4位。",
        )
        return number
