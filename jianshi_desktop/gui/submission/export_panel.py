"""导出报送包: choose the period, see what goes in, choose the options and the USB stick,
then write the package off the GUI thread with progress and 取消.

The plan (:func:`plan_package`) is re-read whenever the period or an option changes, so
what the secretary sees is what will be written. Full ID numbers and confidential
提醒谈话 are off by default and warned about when ticked; full ID numbers go only into a
password-protected package, and are confirmed before writing. A password is typed twice
and checked beside the fields. Before writing, a package that will not fit the chosen
drive is warned about. The backend writes an (encrypted) ``.NAME.part``, reads it back and
verifies it, and only then replaces the previous package; on any failure or 取消 it leaves
nothing that looks like a finished package, and the previous one stays.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from jianshi_desktop.domain import periods
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.widgets import (
    make_primary,
    prepare_error_label,
    set_role,
    show_field_error,
    shown_problem,
    style_heading,
)
from jianshi_desktop.gui.common.workers import Cancelled, Progress, Task, run_in_background
from jianshi_desktop.gui.documents.period_picker import PeriodPicker
from jianshi_desktop.gui.submission import texts
from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import documents
from jianshi_desktop.submission import drives, package
from jianshi_desktop.submission.crypto import MIN_PASSWORD
from jianshi_desktop.submission.package import PackageOptions, PackagePlan, PackageResult

log = logging.getLogger(__name__)

PASSWORD_HINT = (
    f"至少{MIN_PASSWORD}个字符。上级党组织打开这个报送包时要输入同一个密码，请当面或打电话告诉对方，"
    "不要写在U盘上。密码忘了无法找回，只能重新导出。"
)


@dataclass(frozen=True)
class Target:
    """Where the package goes: a USB stick the system reported, or a folder chosen."""

    path: Path
    label: str
    free: int | None
    removable: bool

    def describe(self) -> str:
        free = f"（可用 {texts.size_text(self.free)}）" if self.free is not None else ""
        return f"{self.label}{free}"


def drive_target(drive: drives.Drive) -> Target:
    return Target(drive.path, drive.label, drive.free, removable=True)


def folder_target(folder: Path) -> Target:
    try:
        free: int | None = shutil.disk_usage(folder).free
    except OSError:
        free = None
    return Target(folder, f"文件夹 {folder}", free, removable=False)


def last_finished_quarter(today: dt.date) -> ReportPeriod:
    """The quarter before today's: what is usually reported next."""
    number = (today.month - 1) // 3 + 1
    if number == 1:
        return periods.quarter(today.year - 1, 4)
    return periods.quarter(today.year, number - 1)


class ExportPanel(QWidget):
    """The 导出报送包 tab. ``status`` asks the window to say something in passing."""

    status = Signal(str)

    def __init__(
        self,
        data: DataDir,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.data = data
        self.today = today
        self.ui = load_form("submission_export", self)
        self.plan: PackagePlan | None = None
        self.task: Task[PackageResult] | None = None
        self.result: PackageResult | None = None
        self.targets: list[Target] = []
        self.other_folder: Target | None = None

        self.period_picker = PeriodPicker(self, today=today, kind="quarter")
        self.period_picker.set_period(last_finished_quarter(today()))
        row = self.ui.findChild(QHBoxLayout, "periodRow")
        assert row is not None
        row.addWidget(self.period_picker, 1)

        for name in ("contentsHeading", "optionsHeading", "targetHeading"):
            style_heading(child(self.ui, QLabel, name), level=2)
        self.summary_label = child(self.ui, QLabel, "summaryLabel")
        self.notes_label = child(self.ui, QLabel, "notesLabel")
        set_role(self.notes_label, "warning-item")
        self.record_list = child(self.ui, QListWidget, "recordList")

        self.full_id_check = child(self.ui, QCheckBox, "fullIdCheck")
        self.full_id_warning = child(self.ui, QLabel, "fullIdWarning")
        self.confidential_check = child(self.ui, QCheckBox, "confidentialCheck")
        self.confidential_warning = child(self.ui, QLabel, "confidentialWarning")
        # 结对帮扶: the students' names, content and photos, only when chosen after a warning
        self.students_check = child(self.ui, QCheckBox, "studentsCheck")
        self.students_warning = child(self.ui, QLabel, "studentsWarning")
        for label in (self.full_id_warning, self.confidential_warning, self.students_warning):
            set_role(label, "warning-item")
            label.hide()
        self.password_check = child(self.ui, QCheckBox, "passwordCheck")
        self.password_box = child(self.ui, QWidget, "passwordBox")
        self.password_edit = child(self.ui, QLineEdit, "passwordEdit")
        self.confirm_edit = child(self.ui, QLineEdit, "confirmEdit")
        self.password_edit.setPlaceholderText(f"至少{MIN_PASSWORD}个字符")
        self.password_error = child(self.ui, QLabel, "passwordError")
        prepare_error_label(self.password_error)
        self.password_hint = child(self.ui, QLabel, "passwordHint")
        self.password_hint.setText(PASSWORD_HINT)
        set_role(self.password_hint, "hint")
        self.password_box.hide()

        self.target_combo = child(self.ui, QComboBox, "targetCombo")
        self.no_drive_label = child(self.ui, QLabel, "noDriveLabel")
        self.no_drive_label.setText(texts.NO_DRIVE)
        set_role(self.no_drive_label, "warning")
        self.refresh_button = child(self.ui, QPushButton, "refreshButton")
        self.folder_button = child(self.ui, QPushButton, "folderButton")
        self.space_warning = child(self.ui, QLabel, "spaceWarning")
        set_role(self.space_warning, "warning-item")
        self.space_warning.hide()
        self.export_button = child(self.ui, QPushButton, "exportButton")
        make_primary(self.export_button)
        self.result_label = child(self.ui, QLabel, "resultLabel")
        # A role set once, before the first showing: a box re-styled later loses its padding.
        set_role(self.result_label, "notice")
        self.result_label.hide()

        self.period_picker.changed.connect(self._period_changed)
        self.full_id_check.toggled.connect(self._full_ids_toggled)
        self.confidential_check.toggled.connect(self._confidential_toggled)
        self.students_check.toggled.connect(self._students_toggled)
        self.password_check.toggled.connect(self._password_toggled)
        self.password_edit.textChanged.connect(lambda _text: self._recheck_password())
        self.confirm_edit.textChanged.connect(lambda _text: self._recheck_password())
        self.confirm_edit.editingFinished.connect(self._confirm_left)
        self.target_combo.currentIndexChanged.connect(lambda _i: self._update_space())
        self.refresh_button.clicked.connect(self.refresh_drives)
        self.folder_button.clicked.connect(self.choose_folder)
        self.export_button.clicked.connect(self.start_export)

        self.refresh_drives()
        self.update_plan()

    # --- what goes in ----------------------------------------------------------------------

    def refresh(self) -> None:
        """The page was opened: records may have changed, a stick may have been plugged in."""
        self.refresh_drives()
        self.update_plan()

    def options(self) -> PackageOptions:
        return PackageOptions(
            full_ids=self.full_id_check.isChecked(),
            include_confidential=self.confidential_check.isChecked(),
            include_students=self.students_check.isChecked(),
            password=self.password_edit.text() if self.password_check.isChecked() else "",
        )

    def update_plan(self) -> None:
        period = self.period_picker.period()
        self.plan = None
        self.record_list.clear()
        notes: list[str] = []
        if period is None:
            self.summary_label.setText("请先把时间段填完整。")
        else:
            chosen = self.options()
            # The options' own warnings stand beside them; the plan names the contents, and
            # its file name says 有密码 as soon as 设置密码 is ticked.
            shown = PackageOptions(
                include_confidential=chosen.include_confidential,
                include_students=chosen.include_students,
                password="*" if self.password_check.isChecked() else "",
            )
            try:
                self.plan = package.plan_package(period, shown)
            except UserError as exc:
                self.summary_label.setText(f"{exc.message}{exc.hint}")
            else:
                left_out = 0
                if not chosen.include_confidential:
                    every = documents.records_in(period, include_confidential=True)
                    left_out = sum(ref.confidential for ref in every)
                self.summary_label.setText(
                    texts.plan_summary(self.plan, confidential_left_out=left_out)
                )
                notes = self.plan.notes
                for ref in self.plan.records:
                    self.record_list.addItem(texts.record_line(ref))
        self.notes_label.setText("\n".join(f"！{note}" for note in notes))
        self.notes_label.setVisible(bool(notes))
        self.record_list.setVisible(self.record_list.count() > 0)
        self._update_space()
        self._update_button()

    def _period_changed(self) -> None:
        if self.task is None or not self.task.running:
            self.result_label.hide()  # it spoke of another period's package
        self.update_plan()

    def _full_ids_toggled(self, checked: bool) -> None:
        self.full_id_warning.setVisible(checked)

    def _students_toggled(self, checked: bool) -> None:
        """Ticked only after the warning is confirmed; otherwise it stays unticked."""
        if checked and not messages.ask(
            self,
            "报送包将包含结对帮扶学生的姓名、班级、帮扶内容和照片。",
            title="包含学生信息",
            hint="这些是未成年学生的个人信息。只有上级明确要求时才这样报送，"
            "并建议同时设置密码。仍要包含吗？",
            yes_text="仍要包含",
            no_text="不包含",
        ):
            self.students_check.blockSignals(True)
            self.students_check.setChecked(False)
            self.students_check.blockSignals(False)
            checked = False
        self.students_warning.setVisible(checked)
        self.update_plan()

    def _confidential_toggled(self, checked: bool) -> None:
        self.confidential_warning.setVisible(checked)
        self.update_plan()

    # --- password --------------------------------------------------------------------------

    def _password_toggled(self, checked: bool) -> None:
        self.password_box.setVisible(checked)
        if checked:
            self.password_edit.setFocus()
        else:
            show_field_error(self.password_error, "")
        self.update_plan()  # the file name says 有密码

    def password_problem(self) -> str:
        """Why the password cannot be used, or ``""`` (also when none is wanted)."""
        if not self.password_check.isChecked():
            return ""
        password, again = self.password_edit.text(), self.confirm_edit.text()
        if not password:
            return "请输入密码；不想设密码，请取消勾选“设置密码”。"
        if len(password) < MIN_PASSWORD:
            return f"密码太短，请至少用{MIN_PASSWORD}个字符。"
        if not again:
            return "请在“再输一遍”里把密码再输一遍。"
        if again != password:
            return "两次输入的密码不一样，请重新输入“再输一遍”。"
        return ""

    def _confirm_left(self) -> None:
        if self.confirm_edit.text():
            show_field_error(self.password_error, self.password_problem())

    def _recheck_password(self) -> None:
        """A shown problem goes away as soon as it is fixed (never appears while typing)."""
        if shown_problem(self.password_error):
            show_field_error(self.password_error, self.password_problem())

    # --- where to write --------------------------------------------------------------------

    def refresh_drives(self) -> None:
        """刷新: the removable drives now, plus the folder chosen before (if any)."""
        current = self.current_target()
        found = [drive_target(d) for d in drives.removable_drives()]
        self.targets = found + ([self.other_folder] if self.other_folder else [])
        blocked = self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for target in self.targets:
            self.target_combo.addItem(target.describe())
        index = next(
            (i for i, t in enumerate(self.targets) if current and t.path == current.path), 0
        )
        self.target_combo.setCurrentIndex(index if self.targets else -1)
        self.target_combo.blockSignals(blocked)
        self.no_drive_label.setVisible(not found)
        self.target_combo.setVisible(bool(self.targets))
        self._update_space()
        self._update_button()

    def choose_folder(self) -> None:
        """选择其他文件夹…: any folder (a stick the system did not report, a network share)."""
        start = str(self.other_folder.path) if self.other_folder else str(Path.home())
        name = QFileDialog.getExistingDirectory(self, "选择保存报送包的文件夹", start)
        if not name:
            return
        self.other_folder = folder_target(Path(name))
        self.refresh_drives()
        self.target_combo.setCurrentIndex(len(self.targets) - 1)

    def current_target(self) -> Target | None:
        index = self.target_combo.currentIndex()
        return self.targets[index] if 0 <= index < len(self.targets) else None

    def _too_big(self) -> str:
        """The warning when the plan's estimate does not fit the target's free space."""
        target = self.current_target()
        if self.plan is None or target is None or target.free is None:
            return ""
        if self.plan.estimated_bytes <= target.free:
            return ""
        return (
            f"报送包预计约 {texts.size_text(self.plan.estimated_bytes)}，"
            f"“{target.label}”只剩 {texts.size_text(target.free)}，可能放不下。"
        )

    def _update_space(self) -> None:
        problem = self._too_big()
        self.space_warning.setText(f"！{problem}请换一个U盘，或清理出空间后点“刷新”。")
        self.space_warning.setVisible(bool(problem))

    def _update_button(self) -> None:
        running = self.task is not None and self.task.running
        ready = self.plan is not None and self.current_target() is not None
        self.export_button.setEnabled(ready and not running)

    # --- writing ---------------------------------------------------------------------------

    def start_export(self) -> Task[PackageResult] | None:
        """开始导出: check the password and the space, then write off the GUI thread."""
        if self.task is not None and self.task.running:
            return None
        period = self.period_picker.period()
        target = self.current_target()
        if period is None or target is None or self.plan is None:
            return None
        problem = self.password_problem()
        if problem:
            show_field_error(self.password_error, problem)
            (self.confirm_edit if self.password_edit.text() else self.password_edit).setFocus()
            return None
        if not self._unprotected_confirmed():
            return None
        too_big = self._too_big()
        if too_big and not messages.ask(
            self,
            too_big,
            title="U盘空间可能不够",
            hint="建议换一个U盘，或清理出空间后再导出。仍要试着导出吗？",
            yes_text="仍然导出",
            no_text="先不导出",
        ):
            return None
        options = self.options()
        today = self.today()
        data = self.data
        folder = target.path
        log.info("Exporting package %s to %s", period.code, folder)

        def work(progress: Progress) -> PackageResult:
            def report(what: str, done: int, total: int) -> None:
                progress.update(texts.progress_text(what, done, total), done=done, total=total)

            try:
                return package.build_package(
                    data,
                    period,
                    folder,
                    options,
                    progress=report,
                    cancelled=lambda: progress.cancelled,
                    today=today,
                )
            except package.Cancelled:
                raise Cancelled() from None

        self.result = None
        self.result_label.hide()
        self.task = run_in_background(
            self,
            work,
            on_success=lambda result: self._exported(result, removable=target.removable),
            on_failure=self._failed,
            on_cancelled=self._cancelled,
            title="导出报送包",
            text="正在准备报送包……",
            failure_title="报送包没有导出",
            can_cancel=True,
        )
        self.task.done.connect(self._task_done)
        self._update_button()
        return self.task

    def _unprotected_confirmed(self) -> bool:
        """Full ID numbers only with a password (the backend refuses them without); with
        one, asked plainly first. Confidential talks without a password: asked first."""
        options = self.options()
        if options.full_ids and not options.password:
            messages.warning(
                self,
                package.FULL_IDS_NEED_PASSWORD,
                title="请先设置密码",
                hint="请勾选“设置密码”并输入密码；或者取消勾选“花名册显示完整身份证号码”，"
                "花名册中的号码会隐去中间部分。",
            )
            self.password_check.setFocus()
            return False
        from jianshi_desktop.gui.lock import confirm_password  # 启动密码, when one is set

        if options.full_ids and not confirm_password(self, "导出完整身份证号码"):
            return False
        if options.full_ids and not messages.ask(
            self,
            "这个报送包将包含全体党员的完整身份证号码。",
            title="导出完整身份证号码",
            hint="请确认上级确实需要完整号码；U盘和密码要分开保管，"
            "密码请当面或打电话告诉对方。仍要导出吗？",
            yes_text="仍然导出",
            no_text="先不导出",
        ):
            return False
        if not options.include_confidential or options.password:
            return True
        return messages.ask(
            self,
            "这个报送包将包含保密的提醒谈话记录，但没有设置密码。",
            title="没有设置密码",
            hint="U盘一旦丢失，任何人都能打开它。建议先勾选“设置密码”。仍要不设密码导出吗？",
            yes_text="不设密码，仍然导出",
            no_text="先设密码",
        )

    def _task_done(self) -> None:
        self._update_button()

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.show()

    def _exported(self, result: PackageResult, *, removable: bool) -> None:
        self.result = result
        self._show_result(texts.success_text(result, removable=removable))
        name = texts.package_name(result.path.name)
        self.status.emit(f"报送包“{name}”已导出，检查无误。")
        self.refresh_drives()  # less free space now
        messages.information(
            self,
            f"报送包“{name}”（{texts.size_text(result.size)}）已保存，已读回检查无误。",
            title="导出完成",
            hint=texts.EJECT_REMINDER if removable else texts.FOLDER_EJECT_REMINDER,
        )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._show_result(f"！报送包没有导出：{exc.message}{exc.hint}")
        messages.show_error(self, exc, title="报送包没有导出")

    def _cancelled(self) -> None:
        text = "已取消导出，没有留下未完成的文件。"
        self._show_result(text)
        self.status.emit(text)
