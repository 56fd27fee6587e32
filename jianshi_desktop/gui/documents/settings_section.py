"""设置 → 文书字体与版式: which font serves each role in PDFs and printing (and plainly
when a substitute stands in for the official one), 重新查找字体 after installing fonts,
and the table-form layout as the documents use it (read-only).

The font search runs once per process and may read many font files on an old PC, so it
runs on a worker thread the first time the section is shown, not when the window opens.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.documents import fonts
from jianshi_desktop.documents.fonts import FontSet
from jianshi_desktop.documents.layout import OFFICIAL, TABLE_FORM, PageLayout
from jianshi_desktop.documents.model import FontRole
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.common.workers import Progress, Task, run_in_background

log = logging.getLogger(__name__)

# Chinese type sizes (字号) by points, as printed on the settings page
SIZE_NAMES = {
    42.0: "初号",
    36.0: "小初",
    26.0: "一号",
    24.0: "小一",
    22.0: "二号",
    18.0: "小二",
    16.0: "三号",
    15.0: "小三",
    14.0: "四号",
    12.0: "小四",
    10.5: "五号",
    9.0: "小五",
}
NUMBERING = {"none": "不加页码", "center": "页面底部居中", "odd_even": "单页在右、双页在左"}
FONTS_HINT = (
    "这里是 PDF 文件和打印时用的字体。Word 文件里写的始终是公文规定的字体名称，"
    "在装有这些字体的电脑上打开就按规定显示。"
)
SUBSTITUTE_HINT = (
    "代用字体的字形和规定的字体相近，版面、字号和行距不变。要完全符合公文格式，"
    "可请技术人员安装方正小标宋简体、仿宋_GB2312、楷体_GB2312 等字体，然后点“重新查找字体”。"
)


def size_text(points: float) -> str:
    name = SIZE_NAMES.get(round(points * 2) / 2)
    return f"{points:g} 磅（{name}）" if name else f"{points:g} 磅"


def cm(mm: float) -> str:
    return f"{mm / 10:.2f}".rstrip("0").rstrip(".") + " 厘米"


def layout_rows(layout: PageLayout) -> list[tuple[str, str]]:
    """The table-form layout as a secretary reads it."""
    return [
        ("纸张：", f"A4（{layout.page_width_mm:g}×{layout.page_height_mm:g} 毫米）"),
        (
            "页边距：",
            f"上 {cm(layout.margin_top_mm)}，下 {cm(layout.margin_bottom_mm)}，"
            f"左 {cm(layout.margin_left_mm)}，右 {cm(layout.margin_right_mm)}",
        ),
        ("标题：", f"{size_text(layout.title_size_pt)}，行距固定值 {layout.title_leading_pt:g} 磅"),
        (
            "正文：",
            f"{size_text(layout.body_size_pt)}，行距固定值 {layout.body_leading_pt:g} 磅，"
            f"首行缩进 {layout.first_line_indent_chars:g} 个字",
        ),
        (
            "表格文字：",
            f"{size_text(layout.table_size_pt)}，行距固定值 {layout.table_leading_pt:g} 磅",
        ),
        ("页码：", NUMBERING.get(layout.page_numbering, "")),
    ]


def official_text(layout: PageLayout = OFFICIAL) -> str:
    return (
        "报告等公文按国家标准 GB/T 9704—2012 排版：版心 "
        f"{layout.text_width_mm:g}×{layout.text_height_mm:g} 毫米，"
        f"每页 {layout.lines_per_page} 行、"
        f"每行 {layout.chars_per_line} 字，正文用 {size_text(layout.body_size_pt)}仿宋，"
        "页码单页在右、双页在左。"
    )


class DocumentFontsSection(QGroupBox):
    """The 文书字体与版式 group of the settings page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("文书字体与版式", parent)
        self.setObjectName("documentFontsGroup")
        self.task: Task[FontSet] | None = None
        self.fonts: FontSet | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        hint = QLabel(FONTS_HINT, self)
        hint.setWordWrap(True)
        set_role(hint, "hint")
        layout.addWidget(hint)
        self.font_form = QFormLayout()
        self.font_form.setHorizontalSpacing(18)
        self.font_form.setVerticalSpacing(8)
        self.font_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.font_form)
        self.font_labels: dict[FontRole, QLabel] = {}
        for role in fonts.ROLES:
            value = QLabel("正在查找……", self)
            value.setWordWrap(True)
            self.font_form.addRow(f"{fonts.ROLE_LABELS[role]}：", value)
            self.font_labels[role] = value
        self.substitute_hint = QLabel(SUBSTITUTE_HINT, self)
        self.substitute_hint.setWordWrap(True)
        set_role(self.substitute_hint, "hint")
        self.substitute_hint.hide()
        layout.addWidget(self.substitute_hint)
        buttons = QHBoxLayout()
        self.rescan_button = QPushButton("重新查找字体", self)
        self.rescan_button.setToolTip("新安装了字体以后点这里，程序重新查找这台电脑上的字体")
        self.rescan_button.clicked.connect(self.rescan)
        buttons.addWidget(self.rescan_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        layout_heading = QLabel("会议记录、台账、花名册的版式（按统一格式设定）：", self)
        layout.addWidget(layout_heading)
        self.layout_form = QFormLayout()
        self.layout_form.setHorizontalSpacing(18)
        self.layout_form.setVerticalSpacing(8)
        self.layout_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.layout_values: dict[str, QLabel] = {}
        for label, text in layout_rows(TABLE_FORM):
            value = QLabel(text, self)
            value.setWordWrap(True)
            self.layout_form.addRow(label, value)
            self.layout_values[label.rstrip("：")] = value
        layout.addLayout(self.layout_form)
        official = QLabel(official_text(), self)
        official.setWordWrap(True)
        set_role(official, "hint")
        layout.addWidget(official)

    # --- fonts ---------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.fonts is None and (self.task is None or not self.task.running):
            self.find_fonts()

    def find_fonts(self, *, again: bool = False) -> Task[FontSet] | None:
        """Look the fonts up off the GUI thread (``again``: forget the last search first)."""
        if self.task is not None and self.task.running:
            return None
        self.rescan_button.setEnabled(False)

        def work(progress: Progress) -> FontSet:
            if again:
                fonts.clear_cache()
            return fonts.resolve_fonts()

        def failed(exc: BaseException) -> None:
            self.rescan_button.setEnabled(True)
            for label in self.font_labels.values():
                label.setText("没有找到可用的字体")
                set_role(label, "warning")
            messages.show_error(self, exc, title="没有找到字体")

        self.task = run_in_background(
            self,
            work,
            on_success=self.show_fonts,
            on_failure=failed,
            title="查找字体",
            text="正在查找这台电脑上的字体，请稍候……",
            failure_title="没有找到字体",
        )
        return self.task

    def rescan(self) -> Task[FontSet] | None:
        """重新查找字体."""
        return self.find_fonts(again=True)

    def show_fonts(self, found: FontSet) -> None:
        self.fonts = found
        self.rescan_button.setEnabled(True)
        for role, line in zip(fonts.ROLES, found.describe(), strict=True):
            label = self.font_labels[role]
            _role_label, _colon, text = line.partition("：")
            if found[role].substitute:
                label.setText(f"代用：{text}")
                set_role(label, "warning")
            else:
                label.setText(f"✓ {text}（已安装）")
                set_role(label, "ok")
        self.substitute_hint.setVisible(bool(found.substitutes))
