"""The 报送 page: export a period of the demo onto a "USB stick" (a tmp folder reported as
a removable drive) with its options, warnings and password, then verify packages — whole,
tampered and password protected — as the secretary would, through the real widgets."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QFileDialog
from pytestqt.qtbot import QtBot

from jianshi_desktop.domain import periods
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.workers import Task
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.submission import texts
from jianshi_desktop.gui.submission.export_panel import ExportPanel, last_finished_quarter
from jianshi_desktop.gui.submission.page import SubmissionPage
from jianshi_desktop.gui.submission.verify_panel import VerifyPanel, signer_text
from jianshi_desktop.services import demo
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission import drives, package
from tests.gui.shown import (
    export_result,
    export_summary,
    password_error,
    show_verify,
    shown_targets,
    verify_result,
)

from .conftest import MessageLog

TODAY = dt.date(2026, 11, 26)
MONTH = periods.month(2026, 7)  # five records: quick to package
BRANCH = "中共建始县青山湾小学支部委员会"
FILE_NAME = "青山湾小学党支部_2026年7月_报送包.zip"
GB = 1 << 30


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data folder for the module (filling it takes a few seconds)."""
    root = tmp_path_factory.mktemp("demo") / "data"
    store = open_store(root, log_to_file=False)
    demo.fill_demo(today=TODAY)
    store.close()
    return root


@pytest.fixture
def demo_store(demo_folder: Path) -> Iterator[Store]:
    store = open_store(demo_folder, log_to_file=False)
    yield store
    store.close()


@pytest.fixture
def stick(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the system "reports" as the USB stick E:, with room to spare."""
    folder = tmp_path / "stick"
    folder.mkdir()
    report_drives(monkeypatch, [drives.Drive(folder, "U盘 E:", 7 * GB, 8 * GB)])
    return folder


def report_drives(monkeypatch: pytest.MonkeyPatch, found: list[drives.Drive]) -> None:
    monkeypatch.setattr(drives, "removable_drives", lambda **_kw: list(found))


@pytest.fixture
def page(gui_app: object, qtbot: QtBot, demo_store: Store, stick: Path) -> SubmissionPage:
    shown = SubmissionPage(demo_store.data, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1180, 700)
    shown.show()
    return shown


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def finish(qtbot: QtBot, task: Task[Any] | None) -> None:
    assert task is not None, "the work did not start"
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)


def export(qtbot: QtBot, panel: ExportPanel) -> None:
    click(qtbot, panel.export_button)
    finish(qtbot, panel.task)


def pick_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), "报送包 (*.zip *.enc)")
    )


def verify(qtbot: QtBot, panel: VerifyPanel, monkeypatch: pytest.MonkeyPatch, path: Path) -> str:
    pick_file(monkeypatch, path)
    click(qtbot, panel.choose_button)
    if panel.task is not None:
        finish(qtbot, panel.task)
    return verify_result(panel)


def tampered_copy(source: Path, target: Path, member: str) -> Path:
    with (
        zipfile.ZipFile(io.BytesIO(source.read_bytes())) as old,
        zipfile.ZipFile(target, "w") as new,
    ):
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == member:
                data = data.replace(b'"place"', b'"plac3"', 1)
            new.writestr(info, data)
    return target


# --- what goes in ---------------------------------------------------------------------------


def test_the_last_finished_quarter_is_chosen_and_its_contents_shown(page: SubmissionPage) -> None:
    panel = page.export_panel
    period = panel.period_picker.period()
    assert period is not None and period.code == "2026Q3"
    assert last_finished_quarter(dt.date(2027, 2, 1)).code == "2026Q4"
    plan = panel.plan
    assert plan is not None
    summary = export_summary(panel)
    assert f"记录：{len(plan.records)} 份（会议记录" in summary
    assert "附件：" in summary and "预计大小：约" in summary
    assert "文件名：青山湾小学党支部_2026年第三季度_报送包" in summary.splitlines()  # no ending
    assert panel.record_list.count() == len(plan.records) > 0
    assert shown_targets(panel) == ["U盘 E:（可用 7.0 GB）"]
    assert panel.export_button.isEnabled()
    assert not panel.full_id_check.isChecked() and not panel.confidential_check.isChecked()


def test_drafts_and_confidential_talks_left_out_are_named(page: SubmissionPage) -> None:
    panel = page.export_panel
    panel.period_picker.set_period(periods.month(2026, 11))
    assert "不放入：1 份保密的提醒谈话记录" in export_summary(panel)
    assert not panel.notes_label.isHidden() and "草稿不会放入报送包" in panel.notes_label.text()
    before = panel.record_list.count()
    panel.confidential_check.setChecked(True)
    assert panel.confidential_warning.isVisible()
    assert "保密" in panel.confidential_warning.text()
    assert "不放入" not in export_summary(panel)
    assert panel.record_list.count() == before + 1


def test_the_full_id_option_warns_and_suggests_a_password(page: SubmissionPage) -> None:
    panel = page.export_panel
    assert not panel.full_id_warning.isVisible()
    panel.full_id_check.setChecked(True)
    warning = panel.full_id_warning.text()
    assert panel.full_id_warning.isVisible()
    assert "完整身份证号码" in warning and "U盘" in warning and "密码" in warning
    panel.full_id_check.setChecked(False)
    assert not panel.full_id_warning.isVisible()


def test_full_id_numbers_need_a_password_and_are_confirmed_first(
    page: SubmissionPage, qtbot: QtBot, stick: Path, shown_messages: MessageLog
) -> None:
    panel = page.export_panel
    panel.full_id_check.setChecked(True)
    click(qtbot, panel.export_button)
    (refusal,) = shown_messages.shown
    assert refusal.text == "完整的身份证号码只能放进设了密码的报送包。"
    assert "设置密码" in refusal.hint
    assert panel.task is None and list(stick.iterdir()) == [], "nothing written"
    panel.password_check.setChecked(True)
    panel.password_edit.setText("建始2026")
    panel.confirm_edit.setText("建始2026")
    click(qtbot, panel.export_button)
    question = shown_messages.shown[-1]
    assert question.text == "这个报送包将包含全体党员的完整身份证号码。"
    assert (question.yes_text, question.no_text) == ("仍然导出", "先不导出")
    assert not question.default_answer
    assert panel.task is None and list(stick.iterdir()) == [], "nothing written"


# --- exporting -------------------------------------------------------------------------------


def test_a_month_is_exported_to_the_stick_and_then_verified(
    page: SubmissionPage,
    qtbot: QtBot,
    stick: Path,
    tmp_path: Path,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = page.export_panel
    panel.period_picker.set_period(MONTH)
    export(qtbot, panel)

    target = stick / FILE_NAME
    assert [p.name for p in stick.iterdir()] == [FILE_NAME], "the package and nothing else"
    result = export_result(panel)
    assert result.startswith("✓ 完成") and "已读回检查无误" in result
    assert f"文件：{FILE_NAME.removesuffix('.zip')}（" in result
    assert texts.size_text(target.stat().st_size) in result
    assert "安全弹出" in result
    (message,) = shown_messages.shown
    assert message.title == "导出完成" and FILE_NAME.removesuffix(".zip") in message.text
    assert "安全弹出" in message.hint
    assert panel.export_button.isEnabled(), "ready for the next one"

    # 校验: the package just written
    show_verify(page)
    shown = verify(qtbot, page.verify_panel, monkeypatch, target)
    assert shown.startswith("✓ 报送包完整，未被改动")
    assert f"支部：{BRANCH}" in shown
    assert "期间：2026年7月（2026年7月1日至2026年7月31日）" in shown
    assert "生成时间：" in shown
    assert "数据/records.json" in shown and "文书/2026年7月党建工作台账.pdf" in shown
    assert "文书/记录/2026年7月5日支委会会议记录.pdf" in shown

    # … and a copy with one file changed
    bad = tampered_copy(target, tmp_path / "改过的.zip", "数据/records.json")
    shown = verify(qtbot, page.verify_panel, monkeypatch, bad)
    assert shown.startswith("✗ 报送包检查没有通过")
    assert "✗ 文件“数据/records.json”与清单不符" in shown
    assert "请不要使用这个文件" in shown


def test_a_password_mismatch_is_refused_beside_the_field(
    page: SubmissionPage, qtbot: QtBot, stick: Path
) -> None:
    panel = page.export_panel
    panel.period_picker.set_period(MONTH)
    assert not panel.password_box.isVisible()
    panel.password_check.setChecked(True)
    assert panel.password_box.isVisible()
    assert "无法找回" in panel.password_hint.text() and "上级党组织" in panel.password_hint.text()
    assert panel.password_edit.echoMode() == panel.password_edit.EchoMode.Password
    assert panel.confirm_edit.echoMode() == panel.confirm_edit.EchoMode.Password
    assert "报送包（有密码）" in export_summary(panel)

    panel.password_edit.setText("建始2026")
    panel.confirm_edit.setText("建始2025")
    click(qtbot, panel.export_button)
    assert panel.task is None, "nothing started"
    assert "两次输入的密码不一样" in password_error(panel)
    assert panel.password_error.isVisible()
    assert list(stick.iterdir()) == []

    panel.confirm_edit.setText("建始2026")
    assert password_error(panel) == "", "the problem goes once fixed"
    panel.password_edit.setText("abc")
    panel.confirm_edit.setText("abc")
    click(qtbot, panel.export_button)
    assert password_error(panel) == "密码太短，请至少用6个字符。"
    assert panel.task is None


def test_a_package_that_does_not_fit_the_stick_is_warned_about_before_writing(
    page: SubmissionPage,
    qtbot: QtBot,
    stick: Path,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report_drives(monkeypatch, [drives.Drive(stick, "U盘 E:", 200_000, 8 * GB)])
    panel = page.export_panel
    click(qtbot, panel.refresh_button)
    assert shown_targets(panel) == ["U盘 E:（可用 195 KB）"]
    assert panel.space_warning.isVisible() and "可能放不下" in panel.space_warning.text()
    click(qtbot, panel.export_button)
    (question,) = shown_messages.shown
    assert question.title == "U盘空间可能不够"
    assert "“U盘 E:”只剩 195 KB" in question.text
    assert question.yes_text == "仍然导出" and not question.default_answer
    assert panel.task is None and list(stick.iterdir()) == [], "nothing written"


def test_without_a_stick_the_page_says_so_and_another_folder_can_be_chosen(
    page: SubmissionPage,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report_drives(monkeypatch, [])
    panel = page.export_panel
    click(qtbot, panel.refresh_button)
    assert panel.no_drive_label.isVisible()
    assert panel.no_drive_label.text() == "没有发现U盘，请插入U盘后点“刷新”，或选择其他文件夹。"
    assert not panel.target_combo.isVisible() and not panel.export_button.isEnabled()

    folder = tmp_path / "其他文件夹"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: str(folder))
    click(qtbot, panel.folder_button)
    assert shown_targets(panel)[-1].startswith(f"文件夹 {folder}（可用 ")
    target = panel.current_target()
    assert target is not None and target.path == folder and not target.removable
    assert panel.export_button.isEnabled()
    click(qtbot, panel.refresh_button)
    assert panel.current_target() == target, "a chosen folder stays chosen"


def test_cancelling_leaves_nothing_behind(
    page: SubmissionPage, qtbot: QtBot, stick: Path, demo_store: Store
) -> None:
    panel = page.export_panel
    panel.period_picker.set_period(MONTH)
    click(qtbot, panel.export_button)
    task = panel.task
    assert task is not None and not panel.export_button.isEnabled(), "one export at a time"
    task.cancel()
    finish(qtbot, task)
    assert task.cancelled
    assert "已取消导出" in export_result(panel)
    assert list(stick.iterdir()) == []
    assert not list(demo_store.data.temp.iterdir())


def test_a_failed_export_shows_its_message(
    page: SubmissionPage,
    qtbot: QtBot,
    shown_messages: MessageLog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise UserError(
            "写入“E:”时出错（设备上没有空间），报送包没有写完，已删除未完成的文件。",
            hint="请确认U盘没有拔出、还有空间、没有写保护，然后重新生成。",
        )

    monkeypatch.setattr(package, "build_package", fail)
    panel = page.export_panel
    export(qtbot, panel)
    (message,) = shown_messages.shown
    assert message.title == "报送包没有导出" and "已删除未完成的文件" in message.text
    assert "报送包没有导出" in export_result(panel)


# --- verifying -------------------------------------------------------------------------------


def test_a_password_protected_package_asks_for_its_password(
    page: SubmissionPage,
    qtbot: QtBot,
    stick: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    panel = page.export_panel
    panel.period_picker.set_period(MONTH)
    panel.password_check.setChecked(True)
    panel.password_edit.setText("建始2026")
    panel.confirm_edit.setText("建始2026")
    export(qtbot, panel)
    target = stick / f"{FILE_NAME}.enc"
    assert target.is_file() and "已设密码" in export_result(panel)

    checker = show_verify(page)
    assert verify(qtbot, checker, monkeypatch, target) == "", "nothing checked yet"
    assert checker.password_box.isVisible()
    checker.password_edit.setText("wrong-one")
    click(qtbot, checker.verify_button)
    finish(qtbot, checker.task)
    shown = verify_result(checker)
    assert shown.startswith("✗ 密码不对") and "密码不正确" in shown and "请核对密码" in shown
    assert checker.password_box.isVisible(), "ready to try again"

    checker.password_edit.setText("建始2026")
    click(qtbot, checker.verify_button)
    finish(qtbot, checker.task)
    shown = verify_result(checker)
    assert shown.startswith("✓ 报送包完整，未被改动") and "设有密码" in shown


def test_a_file_that_is_not_a_package_is_named(
    page: SubmissionPage, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    junk = tmp_path / "照片.zip"
    junk.write_bytes(b"not a zip at all")
    shown = verify(qtbot, show_verify(page), monkeypatch, junk)
    assert shown.startswith("✗") and "“照片.zip”不是完整的报送包" in shown


# --- in the window ---------------------------------------------------------------------------


def test_the_main_window_has_the_submission_page(
    main_window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    report_drives(monkeypatch, [])
    main_window.show_area("submission")
    page = main_window.current_page()
    assert isinstance(page, SubmissionPage)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == ["导出报送包", "检查报送包"]
    assert page.export_panel.no_drive_label.isVisible()


def test_sizes_are_said_as_a_file_manager_says_them() -> None:
    assert texts.size_text(500) == "1 KB"
    assert texts.size_text(600_000) == "586 KB"
    assert texts.size_text(2_280_000) == "2.2 MB"
    assert texts.size_text(7 * GB) == "7.0 GB"
    assert texts.progress_text("生成台账", 2, 8) == "生成台账……"
    assert texts.progress_text("整理数据", 7, 8).startswith("正在写入并读回检查")
    assert len(texts.progress_text("复制附件" + "长" * 40 + ".jpg", 3, 8)) <= texts.PROGRESS_WIDTH


# --- the signer ------------------------------------------------------------------------------


def test_the_signer_is_shown_and_a_new_key_is_accepted_only_by_the_button(
    page: SubmissionPage,
    qtbot: QtBot,
    stick: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from jianshi_desktop.db.models import Setting
    from jianshi_desktop.services import signing_keys
    from jianshi_desktop.submission import signers, signing

    panel = page.export_panel
    panel.period_picker.set_period(MONTH)
    export(qtbot, panel)
    target = stick / FILE_NAME
    fingerprint = signing_keys.fingerprint()
    assert fingerprint is not None
    checker = show_verify(page)
    try:
        shown = verify(qtbot, checker, monkeypatch, target)
        assert shown.startswith("✓") and f"签名指纹：{fingerprint}" in shown
        assert not checker.accept_button.isVisible()

        # the same package, signed by another key: refused, with the way to accept it
        with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as old:
            parts = {info.filename: old.read(info) for info in old.infolist()}
        other = signing.new_key()
        parts["signature.json"] = signing.signature_document(other, parts["manifest.json"], None)
        swapped = tmp_path / "swapped.zip"
        with zipfile.ZipFile(swapped, "w") as new:
            for name, data in parts.items():
                new.writestr(name, data)
        shown = verify(qtbot, checker, monkeypatch, swapped)
        assert shown.startswith("✗") and "电话向支部核实" in shown and other.fingerprint in shown
        assert checker.accept_button.isVisible()
        assert checker.accept_button.text() == "已电话核实，接受新密钥"
        # 接受 while a check still runs does nothing, and is not kept for a later 校验
        running = checker.verify()
        assert running is not None and checker.accept_key() is None
        finish(qtbot, running)
        finish(qtbot, checker.verify())
        assert verify_result(checker).startswith("✗")
        click(qtbot, checker.accept_button)
        finish(qtbot, checker.task)
        shown = verify_result(checker)
        assert shown.startswith("✓") and other.fingerprint in shown and "你已确认接受" in shown
        assert not checker.accept_button.isVisible()
    finally:  # the module's data folder forgets the keys it learnt here
        Setting.delete().where(Setting.key == signers.KNOWN_KEYS).execute()


def test_what_is_known_of_the_signer_is_said_from_the_reports_data() -> None:
    from jianshi_desktop.signatures import fingerprint
    from jianshi_desktop.submission.signing import Signed
    from jianshi_desktop.submission.verify import VerifyReport

    old, new = b"o" * 32, b"n" * 32

    def said(signer: Signed | None, known: bytes | None) -> tuple[str, bool]:
        branch = {"branch": {"name": "实验小学支部"}}
        report = VerifyReport(Path("包.zip"), ok=True, manifest=branch)
        report.signer = signer
        report.known_fingerprint = None if known is None else fingerprint(known)
        return signer_text(report)

    text, warning = said(None, None)
    assert text.startswith("签名：未签名") and "无法核对是谁发出的" in text and not warning
    text, warning = said(None, old)
    assert fingerprint(old) in text and "你已确认接受这个未签名的报送包" in text and warning
    text, warning = said(Signed(new), None)
    assert text.startswith(f"签名指纹：{fingerprint(new)}") and "第一次收到“实验小学支部”" in text
    assert not warning
    text, warning = said(Signed(new), new)
    assert "与以前收到的“实验小学支部”的报送包相同" in text and not warning
    text, warning = said(Signed(new, previous_public_key=old), old)
    assert f"原指纹 {fingerprint(old)}" in text and "更换声明" in text and not warning
    text, warning = said(Signed(new), old)
    assert f"以前的指纹 {fingerprint(old)}" in text and "你已确认接受新密钥" in text and warning


def test_a_package_ending_a_year_names_that_year_s_dues() -> None:
    plan = package.PackagePlan(
        period=periods.parse_period("2025Q4"),
        records=[],
        attachments=0,
        attachment_bytes=0,
        estimated_bytes=0,
        file_name="青山湾小学党支部_2025年第四季度_报送包.zip",
        dues_years=(2025,),
    )
    assert "另有：党建工作台账、2025年度党费收缴情况、工作要求完成情况" in texts.plan_summary(plan)
    quiet = package.PackagePlan(**{**plan.__dict__, "dues_years": ()})
    assert "另有：党建工作台账、工作要求完成情况" in texts.plan_summary(quiet)
