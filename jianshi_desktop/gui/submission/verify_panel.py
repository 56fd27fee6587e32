"""检查报送包: pick a package, give its password if it has one, and read plainly whether
it is whole — ✓ with branch, period, time made and the files, or ✗ with every problem.

The check (:func:`verify_package`) reads the package as a stream off the GUI thread, with
a progress bar for a large one, and extracts nothing; an encrypted package is decrypted
in memory, a chunk at a time, never to a file. A password is asked for on the page,
beside the file, so that a wrong one can be typed again at once.

The signer: a package that verified is judged against the signing key this data folder
remembers for its branch (``submission.signers.check_signer``, on the GUI thread: a
read and a write of the settings). Its fingerprint is shown with the facts; a package of a
known branch signed by another key without an announcement is refused, with a button
“已核实，接受新密钥” that checks it again accepting the new key.
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
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.widgets import make_primary, scaled_font, set_role
from jianshi_desktop.gui.common.workers import Progress, Task, run_in_background
from jianshi_desktop.gui.submission import texts
from jianshi_desktop.submission import crypto, drives, signers
from jianshi_desktop.submission.verify import UNSIGNED, VerifyReport, verify_package

log = logging.getLogger(__name__)

PACKAGE_FILTER = "报送包 (*.zip *.enc);;所有文件 (*)"  # Qt needs the endings; no label says them
QWIDGETSIZE_MAX = (1 << 24) - 1
NOTHING_CHOSEN = "还没有选择报送包。"
ACCEPT_KEY = "已电话核实，接受新密钥"
ACCEPT_UNSIGNED = "已电话核实，接受"


def signer_text(report: VerifyReport) -> tuple[str, bool]:
    """签名指纹 and what is known of the signer, for a package that verified (its signer
    judged by ``check_signer``), from the report's data: the signer's key, the key this
    data folder remembered for the branch before. True with it when the secretary accepted
    a key or an unsigned package that the branch's earlier packages contradict."""
    name = str((report.manifest or {}).get("branch", {}).get("name", ""))
    known = report.known_fingerprint
    signer = report.signer
    if signer is None:
        if known is None:
            return f"签名：{UNSIGNED}\n无法核对是谁发出的。", False
        return (
            f"签名：{UNSIGNED}\n！注意：以前收到的“{name}”的报送包都有签名（指纹 {known}），"
            "你已确认接受这个未签名的报送包。",
            True,
        )
    head = f"签名指纹：{signer.fingerprint}"
    if known is None:
        return (
            f"{head}\n第一次收到“{name}”的报送包，已记下这个密钥；"
            "请和支部报告末尾印的指纹核对一次，以后的报送包会自动核对。",
            False,
        )
    if known == signer.fingerprint:
        return f"{head}\n与以前收到的“{name}”的报送包相同。", False
    if known == signer.previous_fingerprint:
        return (
            f"{head}\n“{name}”更换了签名密钥（原指纹 {known}），"
            "新密钥有原密钥签名的更换声明，已记下新密钥。",
            False,
        )
    return (
        f"{head}\n！注意：签名密钥与以前收到的“{name}”的报送包不同（以前的指纹 {known}），"
        "也没有原密钥签名的更换声明。你已确认接受新密钥，已记下，以后按新密钥核对。",
        True,
    )


class VerifyPanel(QWidget):
    """The 检查报送包 tab."""

    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = load_form("submission_verify", self)
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
        self.signer_label = QLabel(self.ui)
        self.signer_label.setObjectName("signerLabel")
        self.signer_label.setWordWrap(True)
        self.accept_button = QPushButton(ACCEPT_KEY, self.ui)
        self.accept_button.setObjectName("acceptKeyButton")
        layout = self.ui.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.facts_label) + 1, self.signer_label)
        layout.insertWidget(layout.indexOf(self.advice_label) + 1, self.accept_button)
        self.password_box.hide()
        self._clear_result()

        self.choose_button.clicked.connect(self.choose)
        self.verify_button.clicked.connect(lambda: self.verify())
        self.password_edit.returnPressed.connect(lambda: self.verify())
        self.accept_button.clicked.connect(self.accept_key)

    def _start_folder(self) -> str:
        if self.path is not None:
            return str(self.path.parent)
        found = drives.removable_drives()
        return str(found[0].path) if found else str(Path.home())

    def choose(self) -> Task[VerifyReport] | None:
        """选择报送包…: a file dialog, then the check (or the password first)."""
        name, _filter = QFileDialog.getOpenFileName(
            self,
            "选择要检查的报送包",
            self._start_folder(),
            PACKAGE_FILTER,
            options=QFileDialog.Option.HideNameFilterDetails,
        )
        if not name:
            return None
        return self.open_package(Path(name))

    def open_package(self, path: Path) -> Task[VerifyReport] | None:
        """Check ``path`` now, or ask for its password first when it has one."""
        self.path = path
        self.file_value.setText(f"报送包：{texts.package_name(path.name)}\n位置：{path.parent}")
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

    def verify(self, *, accept_new_key: bool = False) -> Task[VerifyReport] | None:
        """检查: read and check the package off the GUI thread. ``accept_new_key``: this
        check only (after 已电话核实) takes a new signing key as the branch's."""
        path = self.path
        if path is None or (self.task is not None and self.task.running):
            return None
        password = self.password_edit.text() if self.encrypted else ""
        if self.encrypted and not password:
            self._show_heading("！请先输入密码，再点“检查”。", "error")
            self.password_edit.setFocus()
            return None
        self._clear_result()
        log.info("Verifying package %s", path)
        text = f"正在检查“{texts.package_name(path.name)}”，请稍候……"

        def work(progress: Progress) -> VerifyReport:
            def tell(done: int, total: int) -> None:
                progress.update(text, done=done * 1000 // max(total, 1), total=1000)

            return verify_package(path, password=password, progress=tell)

        self.task = run_in_background(
            self,
            work,
            on_success=lambda report: self.show_report(report, accept_new_key=accept_new_key),
            title="检查报送包",
            text=text,
            failure_title="无法检查报送包",
        )
        return self.task

    def accept_key(self) -> Task[VerifyReport] | None:
        """已电话核实，接受新密钥: check the package again, taking its key as the branch's."""
        return self.verify(accept_new_key=True)

    # --- the result ------------------------------------------------------------------------

    def _clear_result(self) -> None:
        self.report = None
        for label in (self.result_heading, self.facts_label, self.list_caption, self.advice_label):
            label.clear()
            label.hide()
        self.result_list.clear()
        self.result_list.hide()
        self.signer_label.clear()
        self.signer_label.hide()
        self.accept_button.hide()

    def _show_heading(self, text: str, role: str) -> None:
        set_role(self.result_heading, role)
        self.result_heading.setText(text)
        self.result_heading.show()

    def show_report(self, report: VerifyReport, *, accept_new_key: bool = False) -> None:
        signers.check_signer(report, accept_new_key=accept_new_key)
        self.report = report
        self._show_heading(texts.report_heading(report), "ok" if report.ok else "error")
        self.result_list.clear()
        if report.ok:
            self.facts_label.setText(texts.report_facts(report))
            self.facts_label.show()
            text, warning = signer_text(report)
            self.signer_label.setText(text)
            set_role(self.signer_label, "warning" if warning else "")
            self.signer_label.show()
            self.list_caption.setText(f"报送包里的文件（{len(report.files)} 个）：")
            self.result_list.addItems([texts.file_line(entry) for entry in report.files])
            self.password_box.hide()
            self.status.emit(f"报送包“{texts.package_name(report.path.name)}”完整，未被改动。")
        else:
            self.list_caption.setText(f"发现的问题（{len(report.problems)} 个）：")
            self.result_list.addItems([f"{texts.FAIL_MARK} {p}" for p in report.problems])
            self.advice_label.setText(texts.report_advice(report))
            self.advice_label.show()
            if report.key_question:
                self.advice_label.setText(
                    "先打电话向支部核实：请支部在“设置”页念出签名指纹，和上面的新指纹对照。"
                    "一致时点下面的按钮接受；不一致时不要使用这个报送包。"
                )
                self.accept_button.setText(ACCEPT_KEY if report.fingerprint else ACCEPT_UNSIGNED)
                self.accept_button.show()
            self.status.emit(f"报送包“{texts.package_name(report.path.name)}”检查没有通过。")
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
