"""校验报送包: pick a package, give its password if it has one, and read plainly whether
it is whole — ✓ with branch, period, time made and the files, or ✗ with every problem.

The check (:func:`verify_package`) reads the package as a stream off the GUI thread, with
a progress bar for a large one, and extracts nothing; an encrypted package is decrypted to
a temporary file in ``scratch`` (the data folder's ``tmp/``), removed afterwards. A
password is asked for on the page, beside the file, so that a wrong one can be typed
again at once.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from jianshi_desktop.gui.forms import child, load_form
from jianshi_desktop.gui.submission import texts
from jianshi_desktop.gui.widgets import make_primary, scaled_font, set_role
from jianshi_desktop.gui.workers import Progress, Task, run_in_background
from jianshi_desktop.submission import crypto, drives
from jianshi_desktop.submission.verify import VerifyReport, verify_package

log = logging.getLogger(__name__)

PACKAGE_FILTER = "报送包 (*.zip *.enc);;所有文件 (*)"
QWIDGETSIZE_MAX = (1 << 24) - 1
NOTHING_CHOSEN = "还没有选择报送包（以 .zip 或 .zip.enc 结尾的文件）。"


class VerifyPanel(QWidget):
    """The 校验报送包 tab."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, scratch: Path | None = None) -> None:
        super().__init__(parent)
        self.ui = load_form("submission_verify", self)
        self.scratch = scratch  # where an encrypted package is decrypted for the check
        self.path: Path | None = None
        self.encrypted = False
        self.report: VerifyReport | None = None
        self.task: Task[VerifyReport] | None = None

        set_role(child(self.ui, QLabel, "verifyHint"), "hint")
        self.choose_button = child(self.ui, QPushButton, "chooseButton")
        make_primary(self.choose_button)
        self.file_value = child(self.ui, QLabel, "fileValue")
        self.file_value.setText(NOTHING_CHOSEN)
        self.password_box = child(self.ui, QWidget, "passwordBox")
        self.password_edit = child(self.ui, QLineEdit, "passwordEdit")
        self.verify_button = child(self.ui, QPushButton, "verifyButton")
        self.result_heading = child(self.ui, QLabel, "resultHeading")
        self.result_heading.setFont(scaled_font(1.2, bold=True))
        self.facts_label = child(self.ui, QLabel, "factsLabel")
        self.list_caption = child(self.ui, QLabel, "listCaption")
        self.result_list = child(self.ui, QListWidget, "resultList")
        self.advice_label = child(self.ui, QLabel, "adviceLabel")
        set_role(self.advice_label, "hint")
        self.password_box.hide()
        self._clear_result()

        self.choose_button.clicked.connect(self.choose)
        self.verify_button.clicked.connect(self.verify)
        self.password_edit.returnPressed.connect(self.verify)

    def _start_folder(self) -> str:
        if self.path is not None:
            return str(self.path.parent)
        found = drives.removable_drives()
        return str(found[0].path) if found else str(Path.home())

    def choose(self) -> Task[VerifyReport] | None:
        """选择报送包…: a file dialog, then the check (or the password first)."""
        name, _filter = QFileDialog.getOpenFileName(
            self, "选择要校验的报送包", self._start_folder(), PACKAGE_FILTER
        )
        if not name:
            return None
        return self.open_package(Path(name))

    def open_package(self, path: Path) -> Task[VerifyReport] | None:
        """Check ``path`` now, or ask for its password first when it has one."""
        self.path = path
        self.file_value.setText(f"报送包：{path}")
        self.password_edit.clear()
        self._clear_result()
        try:
            self.encrypted = crypto.is_encrypted(path)
        except OSError:
            self.encrypted = False  # the check itself names what is wrong with the file
        self.password_box.setVisible(self.encrypted)
        if self.encrypted:
            self.password_edit.setFocus()
            return None
        return self.verify()

    def verify(self) -> Task[VerifyReport] | None:
        """校验: read and check the package off the GUI thread."""
        path = self.path
        if path is None or (self.task is not None and self.task.running):
            return None
        password = self.password_edit.text() if self.encrypted else ""
        if self.encrypted and not password:
            self._show_heading("！请先输入密码，再点“校验”。", "error")
            self.password_edit.setFocus()
            return None
        self._clear_result()
        log.info("Verifying package %s", path)
        text = f"正在校验“{path.name}”，请稍候……"
        scratch = self.scratch

        def work(progress: Progress) -> VerifyReport:
            def tell(done: int, total: int) -> None:
                progress.update(text, done=done * 1000 // max(total, 1), total=1000)

            return verify_package(path, password=password, scratch=scratch, progress=tell)

        self.task = run_in_background(
            self,
            work,
            on_success=self.show_report,
            title="校验报送包",
            text=text,
            failure_title="无法校验报送包",
        )
        return self.task

    # --- the result ------------------------------------------------------------------------

    def _clear_result(self) -> None:
        self.report = None
        for label in (self.result_heading, self.facts_label, self.list_caption, self.advice_label):
            label.clear()
            label.hide()
        self.result_list.clear()
        self.result_list.hide()

    def _show_heading(self, text: str, role: str) -> None:
        set_role(self.result_heading, role)
        self.result_heading.setText(text)
        self.result_heading.show()

    def show_report(self, report: VerifyReport) -> None:
        self.report = report
        self._show_heading(texts.report_heading(report), "ok" if report.ok else "error")
        self.result_list.clear()
        if report.ok:
            self.facts_label.setText(texts.report_facts(report))
            self.facts_label.show()
            self.list_caption.setText(f"报送包里的文件（{len(report.files)} 个）：")
            self.result_list.addItems([texts.file_line(entry) for entry in report.files])
            self.password_box.hide()
            self.status.emit(f"报送包“{report.path.name}”完整，未被改动。")
        else:
            self.list_caption.setText(f"发现的问题（{len(report.problems)} 个）：")
            self.result_list.addItems([f"{texts.FAIL_MARK} {p}" for p in report.problems])
            self.advice_label.setText(texts.report_advice(report))
            self.advice_label.show()
            self.status.emit(f"报送包“{report.path.name}”校验没有通过。")
            if self.encrypted:
                self.password_edit.selectAll()
                self.password_edit.setFocus()
        self.list_caption.show()
        self.result_list.show()
        self._fit_list(to_rows=not report.ok)

    def _fit_list(self, *, to_rows: bool) -> None:
        """A few problems get a short list (the advice right below); files fill the page."""
        if not to_rows or self.result_list.count() == 0:
            self.result_list.setMaximumHeight(QWIDGETSIZE_MAX)
            return
        rows = sum(self.result_list.sizeHintForRow(i) for i in range(self.result_list.count()))
        frame = 2 * self.result_list.frameWidth() + 8
        self.result_list.setMaximumHeight(max(rows + frame, 3 * self.fontMetrics().height()))

    def shown_result(self) -> str:
        """Everything the result area says, as the user reads it (tests)."""
        parts = [
            label.text()
            for label in (self.result_heading, self.facts_label, self.list_caption)
            if not label.isHidden()
        ]
        if not self.result_list.isHidden():
            parts += [self.result_list.item(i).text() for i in range(self.result_list.count())]
        if not self.advice_label.isHidden():
            parts.append(self.advice_label.text())
        return "\n".join(parts)
