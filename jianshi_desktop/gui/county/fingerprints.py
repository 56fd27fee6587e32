"""核对指纹 for many schools at once: after the first stick of a new county folder every
school's key is new, and fifty lines of 「签名指纹还没有核对」 would push the list of packages
off the page. The page then shows one line, and this dialog lists the schools, each with
its fingerprint and its own 核对… (the same question as for one school)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.gui.common.widgets import prepare_table, set_role
from jianshi_desktop.services import county

CHECK_ONE_TEXT = "核对…"
CHECKED_TEXT = "已核对"
HEADERS = ("学校", "签名指纹", "")
INTRO = (
    "下面这些学校的报送包是第一次收到，签名指纹已记下，但还没有核对。请逐所学校和它报送的"
    "党建工作情况报告末尾印的“报送包签名指纹”对照（也可以电话请学校在程序“设置”页念出），"
    "一致的点“核对…”。没核对的学校照样汇总；核对只是确认以后的报送包确实是这所学校发的。"
)


class FingerprintsDialog(QDialog):
    """``confirm(branch)``: the page's own question and confirmation; True when confirmed."""

    def __init__(
        self,
        branches: Sequence[county.BranchRow],
        confirm: Callable[[county.BranchRow], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("核对签名指纹")
        self.confirm = confirm
        self.branches = list(branches)
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)
        set_role(intro, "hint")
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.branches), len(HEADERS), self)
        self.table.setObjectName("fingerprintsTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = prepare_table(self.table, "签名指纹还没有核对的学校")
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.buttons: list[QPushButton] = []
        for row, branch in enumerate(self.branches):
            self.table.setItem(row, 0, QTableWidgetItem(branch.name))
            self.table.setItem(row, 1, QTableWidgetItem(branch.fingerprint or ""))
            button = QPushButton(CHECK_ONE_TEXT, self.table)
            button.setAccessibleName(f"核对“{branch.name}”的签名指纹")
            button.clicked.connect(lambda _=False, r=row: self.check(r))
            self.table.setCellWidget(row, 2, button)
            self.buttons.append(button)
        layout.addWidget(self.table, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(720, 480)

    def check(self, row: int) -> bool:
        """Ask about the school of ``row``; once confirmed its button says so."""
        if not self.confirm(self.branches[row]):
            return False
        button = self.buttons[row]
        button.setText(CHECKED_TEXT)
        button.setEnabled(False)
        return True
