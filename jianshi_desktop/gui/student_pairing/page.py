"""关爱学生 (党员先行·关爱学生 结对帮扶): the pairings with 新建结对…, 修改…, 结束结对… and
写学期小结…, how many of today's members are paired, and the help records below them
(:class:`FormRecordsPage`: 记录帮扶, 复制上次, 打开, 归档, 更正, 删除草稿, 预览, 打印).

打印… prints the year's 结对帮扶登记表 or the 帮扶记录 of the chosen pairing or member;
导出美篇素材… writes a folder per member for the county's 美篇 contest, after a warning.

The student's name is shown here: this is the secretary's own data. Elsewhere (window
titles, audit lines, 首页, packages) a pairing is named by its member and code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from jianshi_desktop.domain.student_pairing import term_of
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.flow import wrap_row
from jianshi_desktop.gui.common.widgets import heading, set_role, show_folder
from jianshi_desktop.gui.common.workers import Cancelled, Progress, Task, run_in_background
from jianshi_desktop.gui.records.list_page import Column, FormRecordsPage, date_column
from jianshi_desktop.gui.records.wizard import Mode
from jianshi_desktop.gui.student_pairing.dialogs import (
    EndPairingDialog,
    PairingDialog,
    SummaryDialog,
)
from jianshi_desktop.gui.student_pairing.wizard import PairingHelpWizard
from jianshi_desktop.services import pairing_export
from jianshi_desktop.services.record_kinds import PAIRING_HELP
from jianshi_desktop.services.student_pairings import (
    PairingRow,
    coverage_on,
    list_pairing_helps,
    list_pairings,
    new_pairing_help_form,
    pairings_without_summary,
)

TITLE = "关爱学生"
EMPTY_TEXT = (
    "还没有帮扶记录。\n\n"
    "“党员先行·关爱学生”：每名党员与学困生、德困生、留守儿童、心理异常学生、贫困生或残障生"
    "结对帮扶。先在上面新建结对，每次帮扶后记一笔：日期和做了什么；照片可以不添加。"
)
PAIRING_COLUMNS = ("党员", "学生", "班级", "类别", "起止", "本学期帮扶次数", "小结")


def first_line(text: str, limit: int = 40) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else f"{line[:limit]}…"


class StudentPairingPage(FormRecordsPage):
    KIND = PAIRING_HELP
    NOUN = "帮扶"
    wizard: PairingHelpWizard | None

    def __init__(
        self, attachments_dir: Path, parent: QWidget | None = None, *, data_root: Path | None = None
    ) -> None:
        super().__init__("student_pairing", parent, data_root=data_root or attachments_dir.parent)
        self.attachments_dir = attachments_dir
        self.export_task: Task[pairing_export.ExportResult] | None = None
        first = self.page_layout.itemAt(0)
        title = first.widget() if first is not None else None
        if isinstance(title, QLabel):
            title.setText(TITLE)
        self.coverage_label = QLabel(self)
        self.coverage_label.setTextFormat(Qt.TextFormat.PlainText)
        self.coverage_label.setWordWrap(True)
        self.page_layout.addWidget(self.coverage_label)
        self.page_layout.addWidget(heading("结对", self, level=2))
        self.pairing_table = QTableWidget(0, len(PAIRING_COLUMNS), self)
        self.pairing_table.setObjectName("pairingTable")
        self.pairing_table.setHorizontalHeaderLabels(list(PAIRING_COLUMNS))
        self.pairing_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pairing_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.pairing_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pairing_table.verticalHeader().hide()
        self.pairing_table.setAccessibleName("结对名单")
        header = self.pairing_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)  # the table fills the page
        self.pairing_table.setMinimumHeight(150)
        self.pairing_table.setMaximumHeight(230)
        self.pairing_table.itemSelectionChanged.connect(self._update_buttons)
        self.pairing_table.itemDoubleClicked.connect(lambda _item: self.edit_pairing())
        self.page_layout.addWidget(self.pairing_table)
        row = QHBoxLayout()
        row.setSpacing(8)
        self.new_pairing_button = QPushButton("新建结对…", self)
        self.edit_button = QPushButton("修改…", self)
        self.end_button = QPushButton("结束结对…", self)
        self.summary_button = QPushButton("写学期小结…", self)
        self.print_button = QPushButton("打印登记表…", self)
        self.print_menu = QMenu(self.print_button)
        self.print_menu.aboutToShow.connect(self._fill_print_menu)
        self.print_button.setMenu(self.print_menu)
        self.helps_button = QPushButton("打印帮扶记录…", self)
        self.helps_button.setToolTip("先在结对名单中选中一个结对")
        self.helps_menu = QMenu(self.helps_button)
        self.helps_menu.aboutToShow.connect(self._fill_helps_menu)
        self.helps_button.setMenu(self.helps_menu)
        self.export_button = QPushButton("导出美篇素材…", self)
        self.export_button.setToolTip(
            "为县里的美篇评比，每名党员一个文件夹：帮扶记录和学期小结的文字，以及照片。"
        )
        self.new_pairing_button.clicked.connect(lambda: self.new_pairing())
        self.edit_button.clicked.connect(lambda: self.edit_pairing())
        self.end_button.clicked.connect(lambda: self.end_pairing())
        self.summary_button.clicked.connect(lambda: self.write_summary())
        self.export_button.clicked.connect(lambda: self.export_materials())
        for button in (
            self.new_pairing_button,
            self.edit_button,
            self.end_button,
            self.summary_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        row.addWidget(self.helps_button)
        row.addWidget(self.export_button)
        self.page_layout.addLayout(row)
        wrap_row(row, self)  # onto a second line when narrow or with larger text
        self.page_layout.addWidget(heading("帮扶记录", self, level=2))
        self.add_list(
            rows=lambda: list_pairing_helps(),
            columns=(
                date_column(),
                Column("党员", lambda r: r.member, width=90),
                Column("学生", lambda r: r.student, width=90),
                Column("帮扶内容", lambda r: first_line(r.content), width=320),
                Column("照片", lambda r: f"{r.photos}张" if r.photos else "", width=60),
            ),
            title_of=lambda r: f"{r.held_on.year}年{r.held_on.month}月{r.held_on.day}日帮扶记录",
            actions=self.record_actions((("记录帮扶", self.new_help),)),
            empty_text=EMPTY_TEXT,
            empty_action_text="记录帮扶",
            search_hint="党员、学生、帮扶内容",
        )
        self.refresh()

    # --- the pairings -------------------------------------------------------------------

    def refresh(self) -> None:
        super().refresh()
        self._fill_pairings()

    def _fill_pairings(self) -> None:
        today = dt.date.today()
        selected = self.selected_pairing()
        self.pairings = list_pairings(today=today)
        table = self.pairing_table
        table.setRowCount(len(self.pairings))
        term = term_of(today)
        for number, p in enumerate(self.pairings):
            texts = (
                p.member,
                p.student,
                p.class_name,
                p.need.label,
                p.span,
                str(p.helps_this_term),
                "已写" if p.summary_written else ("—" if not p.active else "未写"),
            )
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                if not p.active:
                    item.setForeground(QColor("#767676"))
                table.setItem(number, column, item)
            summary = table.item(number, 6)
            if summary is not None:
                summary.setToolTip(f"{term.label}的小结")
        if selected is not None:
            for number, p in enumerate(self.pairings):
                if p.id == selected.id:
                    table.selectRow(number)
        coverage = coverage_on(today)
        self.coverage_label.setText(
            f"{coverage.text}，{term.label}已记录帮扶{coverage.helps_this_term}次。"
            if self.pairings
            else "还没有结对。点“新建结对…”，为党员登记结对帮扶的学生。"
        )
        set_role(self.coverage_label, "" if self.pairings else "notice")
        self._update_buttons()

    def selected_pairing(self) -> PairingRow | None:
        rows = self.pairing_table.selectionModel().selectedRows() if self.pairing_table else []
        if not rows or not hasattr(self, "pairings"):
            return None
        number = rows[0].row()
        return self.pairings[number] if 0 <= number < len(self.pairings) else None

    def select_pairing(self, pairing_id: int) -> None:
        for number, p in enumerate(self.pairings):
            if p.id == pairing_id:
                self.pairing_table.selectRow(number)

    def _update_buttons(self) -> None:
        chosen = self.selected_pairing()
        self.edit_button.setEnabled(chosen is not None)
        self.end_button.setEnabled(chosen is not None and chosen.ends_on is None)
        self.summary_button.setEnabled(chosen is not None)
        self.print_button.setEnabled(bool(getattr(self, "pairings", [])))
        self.helps_button.setEnabled(chosen is not None)

    def new_pairing(self) -> PairingDialog:
        dialog = PairingDialog(self)
        self._open(dialog, "新建结对")
        return dialog

    def edit_pairing(self) -> PairingDialog | None:
        chosen = self.selected_pairing()
        if chosen is None:
            return None
        dialog = PairingDialog(self, chosen)
        self._open(dialog, "已保存结对")
        return dialog

    def end_pairing(self) -> EndPairingDialog | None:
        chosen = self.selected_pairing()
        if chosen is None:
            return None
        dialog = EndPairingDialog(self, chosen)
        self._open(dialog, "已结束结对")
        return dialog

    def write_summary(self, term_start: dt.date | None = None) -> SummaryDialog | None:
        chosen = self.selected_pairing()
        if chosen is None:
            messages.information(
                self, "请先在结对名单中选中一个结对，再写它的学期小结。", title="写学期小结"
            )
            return None
        dialog = SummaryDialog(
            self, chosen, term=term_of(term_start) if term_start is not None else None
        )
        self._open(dialog, "已保存学期小结")
        return dialog

    def _open(self, dialog: QDialog, done_text: str) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def closed(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                saved = getattr(dialog, "saved_id", None)
                self.refresh()
                if isinstance(saved, int):
                    self.select_pairing(saved)
                self.status.emit(done_text)

        dialog.finished.connect(closed)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    # --- printing -------------------------------------------------------------------------

    def _fill_print_menu(self) -> None:
        self.print_menu.clear()
        today = dt.date.today()
        for year in (today.year, today.year - 1):
            action = self.print_menu.addAction(f"{year}年结对帮扶登记表")
            action.triggered.connect(lambda _c=False, y=year: self.print_register(y))

    def _fill_helps_menu(self) -> None:
        self.helps_menu.clear()
        chosen = self.selected_pairing()
        if chosen is None:
            return
        action = self.helps_menu.addAction(f"{chosen.member}帮扶{chosen.student}的帮扶记录")
        action.triggered.connect(lambda _c=False, i=chosen.id: self.print_helps(pairing_id=i))
        action = self.helps_menu.addAction(f"{chosen.member}的全部帮扶记录")
        action.triggered.connect(lambda _c=False, m=chosen.member_id: self.print_helps(member_id=m))

    def print_register(self, year: int) -> object:
        from jianshi_desktop.gui.documents.preview import open_preview
        from jianshi_desktop.services.pairing_documents import register

        return open_preview(
            self,
            f"{year}年结对帮扶登记表",
            lambda: register(year),
            f"{year}年结对帮扶登记表",
            self.printing.data_root,
        )

    def print_helps(self, *, pairing_id: int | None = None, member_id: int | None = None) -> object:
        from jianshi_desktop.documents.files import safe_file_name
        from jianshi_desktop.gui.documents.preview import open_preview
        from jianshi_desktop.services.pairing_documents import helps_record

        chosen = next((p for p in self.pairings if p.id == pairing_id), None)
        who = (
            f"{chosen.member}帮扶{chosen.student}"
            if chosen is not None
            else next((p.member for p in self.pairings if p.member_id == member_id), "")
        )
        return open_preview(
            self,
            f"{who}的帮扶记录",
            lambda: helps_record(pairing_id=pairing_id, member_id=member_id),
            safe_file_name(f"{who}的帮扶记录"),
            self.printing.data_root,
        )

    # --- 美篇素材 ---------------------------------------------------------------------------

    def export_materials(self) -> Task[pairing_export.ExportResult] | None:
        years = pairing_export.export_years()
        if not years:
            messages.information(
                self, "还没有完成的帮扶记录，没有美篇素材可以导出。", title="导出美篇素材"
            )
            return None
        year = years[0]
        if len(years) > 1:
            labels = [f"{y}年" for y in years]
            chosen, ok = QInputDialog.getItem(
                self, "导出美篇素材", "导出哪一年的帮扶记录？", labels, 0, False
            )
            if not ok:
                return None
            year = years[labels.index(chosen)]
        if not messages.ask(
            self,
            "导出的文件夹里有学生的信息。",
            title="导出美篇素材",
            hint=pairing_export.WARNING,
            yes_text="知道了，选择文件夹",
            no_text="取消",
        ):
            return None
        folder = QFileDialog.getExistingDirectory(self, "把美篇素材放在哪个文件夹？")
        if not folder:
            return None
        return self.start_export(Path(folder), year)

    def start_export(self, folder: Path, year: int) -> Task[pairing_export.ExportResult]:
        attachments = self.attachments_dir

        def work(progress: Progress) -> pairing_export.ExportResult:
            try:
                return pairing_export.export_materials(
                    folder,
                    year,
                    attachments,
                    progress=lambda text, done, total: progress.update(
                        text, done=done, total=total
                    ),
                    cancelled=lambda: progress.cancelled,
                )
            except pairing_export.ExportCancelled as exc:
                raise Cancelled from exc

        self.export_task = run_in_background(
            self,
            work,
            on_success=self._exported,
            title="导出美篇素材",
            text="正在整理帮扶记录和照片……",
            failure_title="无法导出美篇素材",
            can_cancel=True,
        )
        return self.export_task

    def _exported(self, result: pairing_export.ExportResult) -> None:
        self.export_task = None
        self.status.emit(
            f"已导出{result.members}名党员的美篇素材：{result.helps}次帮扶，{result.photos}张照片"
        )
        if messages.ask(
            self,
            f"已导出到“{result.folder}”：{result.members}名党员，{result.helps}次帮扶，"
            f"{result.photos}张照片。",
            title="导出美篇素材",
            hint="每名党员一个文件夹，文字在“…_结对帮扶.txt”里，可以直接复制到美篇。"
            "上传后请删除这个文件夹。",
            yes_text="打开文件夹",
            no_text="关闭",
        ):
            show_folder(self, result.folder, title="导出美篇素材")

    # --- the wizard -------------------------------------------------------------------------

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> PairingHelpWizard:
        return PairingHelpWizard(
            form, attachments_dir=self.attachments_dir, record_id=record_id, mode=mode, parent=self
        )

    def new_help(self, on: dt.date | None = None) -> PairingHelpWizard | None:
        """记录帮扶: today, for the pairing chosen above (or the only one of the day)."""
        chosen = self.selected_pairing()
        form = new_pairing_help_form(on=on, pairing_id=chosen.id if chosen else None)
        wizard = self.open_form(form)
        return wizard if isinstance(wizard, PairingHelpWizard) else None

    def new_for_reminder(
        self, on: dt.date | None, params: dict[str, object]
    ) -> PairingHelpWizard | None:
        return self.new_help(on)

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """``show_summaries`` (首页's reminder): the first pairing of the term without its
        小结 chosen, its 写学期小结 opened."""
        if command != "show_summaries":
            return super().perform(command, params)
        value = params.get("term_start")
        try:
            start = dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            start = None
        term = term_of(start or dt.date.today())
        lacking = pairings_without_summary(term, today=dt.date.today())
        if not lacking:
            return True
        self.select_pairing(lacking[0])
        return self.write_summary(term.start) is not None
