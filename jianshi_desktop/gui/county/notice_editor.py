"""县局汇总's 文书 for a period: the 通报 editor and the county summary's preview.

The 通报 (GB/T 9704 下行文 to 各学校党支部) is drafted from the packages received
(services.county_documents): 总体情况, 好的做法 (only schools that did every item), 存在问题
per school, 下一步要求 for the open items there are. The operator edits every part, gives the
发文字号, and prints it or saves it as Word or PDF through the app's preview. What is typed is
kept for the period until it is replaced by 按数据重新起草 (asked first).

For the county window's 文书 area: :func:`open_notice_editor` and :func:`preview_summary`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.documents.county import COMMITTEE, SECTIONS, NoticeContent
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.widgets import (
    prepare_error_label,
    set_role,
    show_field_error,
)
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.documents.preview import (
    PreviewDialog,
    RecordStep,
    editor_buttons,
    open_document,
)
from jianshi_desktop.gui.documents.rendering import Rendering
from jianshi_desktop.gui.documents.report_editor import tidy_document_number
from jianshi_desktop.gui.members.leaders import date_row
from jianshi_desktop.services import county_documents

HINTS = {
    "overview": "报送和完成情况，按收到的报送包统计",
    "good": "各项工作全部完成的学校；没有就写明没有，或删去这一部分",
    "problems": "每个学校一段：未完成的项目、未报送或逾期报送、组织设置情况",
    "requirements": "针对存在的问题提出的要求，每条一段",
}


class NoticeEditor(QDialog):
    """编辑通报: 发文字号, 标题, 主送, the four parts, 署名, 成文日期, 抄送; 保存, 按数据重新起草,
    预览并打印…, 导出Word…, 导出PDF…, 关闭 (what is typed is saved on closing)."""

    def __init__(
        self,
        parent: QWidget | None,
        period: ReportPeriod,
        data_root: Path,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__(parent)
        self.period = period
        self.data_root = data_root
        self.today = today or dt.date.today()
        self.setWindowTitle(f"通报（{period.label}）")
        self.setObjectName("countyNoticeEditor")
        layout = QVBoxLayout(self)
        self.source_label = QLabel(self)
        self.source_label.setWordWrap(True)
        set_role(self.source_label, "hint")
        layout.addWidget(self.source_label)

        head = QFormLayout()
        self.number_edit = QLineEdit(self)
        self.number_edit.setMaxLength(county_documents.NUMBER_MAX)
        self.number_edit.setPlaceholderText("如 建教党〔2026〕9号；不填则红头下不印发文字号")
        self.number_edit.editingFinished.connect(self._tidy_number)
        head.addRow("发文字号", self.number_edit)
        self.title_edit = QLineEdit(self)
        self.title_edit.setMaxLength(county_documents.TITLE_MAX)
        head.addRow("标题", self.title_edit)
        self.recipient_edit = QLineEdit(self)
        head.addRow("主送", self.recipient_edit)
        self.opening_edit = QLineEdit(self)
        head.addRow("开头", self.opening_edit)
        layout.addLayout(head)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        self.section_edits: dict[str, QPlainTextEdit] = {}
        for name, heading in SECTIONS:
            group = QGroupBox(heading, body)
            group_layout = QVBoxLayout(group)
            edit = QPlainTextEdit(group)
            edit.setObjectName(f"{name}Edit")
            edit.setPlaceholderText(f"{HINTS[name]}。留空则不印这一部分。")
            edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * 5)
            edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            edit.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            group_layout.addWidget(edit)
            body_layout.addWidget(group)
            self.section_edits[name] = edit
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

        foot = QFormLayout()
        self.closing_edit = QLineEdit(self)
        foot.addRow("结尾", self.closing_edit)
        self.signer_edit = QLineEdit(self)
        foot.addRow("署名", self.signer_edit)
        box, self.issue_date = date_row(self)
        foot.addRow("成文日期", box)
        self.copy_to_edit = QLineEdit(self)
        self.copy_to_edit.setPlaceholderText("抄送机关，可不填")
        foot.addRow("抄送", self.copy_to_edit)
        layout.addLayout(foot)

        self.error = QLabel(self)
        prepare_error_label(self.error)
        layout.addWidget(self.error)
        buttons = editor_buttons(
            self,
            "按数据重新起草",
            save=self.save,
            redraft=self.redraft,
            open_document=self.open_document,
        )
        layout.addLayout(buttons.row)
        self.save_button, self.redraft_button = buttons.save, buttons.redraft
        self.preview_button, self.pdf_button = buttons.preview, buttons.pdf
        self.word_button = buttons.word
        self.loaded: NoticeContent | None = None
        self.preview_dialog: PreviewDialog | None = None
        self.resize(860, 760)
        self.load()

    # --- the text ---------------------------------------------------------------------

    def current_content(self) -> NoticeContent:
        base = self.loaded
        return NoticeContent(
            document_number=tidy_document_number(self.number_edit.text()),
            title=self.title_edit.text().strip(),
            opening=self.opening_edit.text().strip(),
            overview=self.section_edits["overview"].toPlainText(),
            good=self.section_edits["good"].toPlainText(),
            problems=self.section_edits["problems"].toPlainText(),
            requirements=self.section_edits["requirements"].toPlainText(),
            signer=self.signer_edit.text().strip(),
            issue_date=self.issue_date.value() or (base.issue_date if base else self.today),
            recipient=self.recipient_edit.text().strip().rstrip("：:"),
            closing=self.closing_edit.text().strip(),
            issuer=base.issuer if base else COMMITTEE,
            copy_to=self.copy_to_edit.text().strip(),
        )

    def changed(self) -> bool:
        return self.loaded is not None and self.current_content().cleaned() != self.loaded.cleaned()

    def load(self, *, fresh: bool = False) -> None:
        """Show the kept 通报 of the period, or a fresh draft from the packages."""
        show_field_error(self.error, "")
        try:
            if fresh:
                content = county_documents.notice_draft(self.period, today=self.today)
                kept = False
            else:
                content, kept = county_documents.notice_content(self.period, today=self.today)
        except UserError as exc:
            self._show(None, exc.message)
            return
        source = (
            "这是上次保存的通报。要按现在收到的报送包重写，请点“按数据重新起草”。"
            if kept
            else f"以下内容按收到的{self.period.label}报送包起草，只写数据中有的情况。"
            "请核对、修改，填写发文字号后保存。"
        )
        self._show(content, source)

    def _show(self, content: NoticeContent | None, source: str) -> None:
        self.source_label.setText(source)
        self.loaded = content
        enabled = content is not None
        for button in (self.save_button, self.preview_button, self.word_button, self.pdf_button):
            button.setEnabled(enabled)
        self.number_edit.setText(content.document_number if content else "")
        self.title_edit.setText(content.title if content else "")
        self.recipient_edit.setText(content.recipient if content else "")
        self.opening_edit.setText(content.opening if content else "")
        for name, edit in self.section_edits.items():
            edit.setPlainText(getattr(content, name) if content else "")
        self.closing_edit.setText(content.closing if content else "")
        self.signer_edit.setText(content.signer if content else "")
        self.issue_date.set_date(content.issue_date if content else None)
        self.copy_to_edit.setText(content.copy_to if content else "")

    def _tidy_number(self) -> None:
        tidy = tidy_document_number(self.number_edit.text())
        if tidy != self.number_edit.text():
            self.number_edit.setText(tidy)

    def save(self, *, quiet: bool = False) -> bool:
        """保存: keep the text for the period; a refusal is shown under the form."""
        if self.loaded is None:
            return False
        problem = self.issue_date.problem()
        if problem:
            show_field_error(self.error, f"成文日期：{problem}")
            return False
        try:
            kept = county_documents.save_notice(self.period, self.current_content())
        except UserError as exc:
            if not quiet:
                show_field_error(self.error, exc.message)
            return False
        show_field_error(self.error, "")
        self.loaded = kept
        if not quiet:
            self.source_label.setText("已保存。下次打开这一期的通报时接着修改。")
        return True

    def redraft(self) -> None:
        """按数据重新起草: replace what is written with a fresh draft (asked first)."""
        written = self.changed() or county_documents.saved_notice(self.period) is not None
        if written and not messages.ask(
            self,
            "按现在收到的报送包重新起草，替换已写的通报？",
            title="重新起草",
            yes_text="重新起草",
            no_text="保留",
        ):
            return
        self.load(fresh=True)

    def open_document(self, then: RecordStep) -> Task[Rendering] | None:
        """预览并打印… / 导出Word… / 导出PDF…: the text as it stands, saved first."""
        if not self.save():
            return None
        content = self.current_content()

        def opened(dialog: PreviewDialog) -> None:
            self.preview_dialog = dialog

        return open_document(
            self,
            "通报",
            lambda: county_documents.notice_document(content),
            county_documents.notice_stem(content),
            self.data_root,
            then=then,
            on_opened=opened,
        )

    def done(self, result: int) -> None:
        if self.changed():
            self.save(quiet=True)
        super().done(result)


def open_notice_editor(
    parent: QWidget | None, period: ReportPeriod, data_root: Path, *, today: dt.date | None = None
) -> NoticeEditor:
    """Open the period's 通报 editor (the kept text, else a fresh draft) in front of
    ``parent``; returns it (keep a reference while it is open)."""
    editor = NoticeEditor(parent, period, data_root, today=today)
    open_in_front(editor)
    return editor


def preview_summary(
    parent: QWidget,
    period: ReportPeriod,
    data_root: Path,
    *,
    today: dt.date | None = None,
    on_opened: Callable[[PreviewDialog], None] | None = None,
) -> Task[Rendering] | None:
    """The period's 全县教育系统党支部工作落实情况汇总表 in the app's preview (打印, Word,
    PDF from there; ``on_opened`` gets the dialog); None while another document is being
    laid out (said so)."""
    day = today or dt.date.today()
    return open_document(
        parent,
        "汇总表",
        lambda: county_documents.summary_document(period, today=day),
        county_documents.summary_stem(period),
        data_root,
        on_opened=on_opened,
    )
