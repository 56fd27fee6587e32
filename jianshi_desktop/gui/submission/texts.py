"""What the 报送 page says, as plain functions of the backend's results (no widgets), so
that the wording is tested and shared by both panels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.gui.common.widgets import chinese_datetime
from jianshi_desktop.services.documents import RecordRef
from jianshi_desktop.services.record_kinds import counted
from jianshi_desktop.submission.package import PackagePlan, PackageResult
from jianshi_desktop.submission.verify import VerifyReport

OK_MARK = "✓"
FAIL_MARK = "✗"
EJECT_REMINDER = "拔下U盘前，请先在电脑上“安全弹出”U盘，否则文件可能没有写完整。"
FOLDER_EJECT_REMINDER = "如果这个文件夹在U盘上，拔下U盘前请先在电脑上“安全弹出”。"
NO_DRIVE = "没有发现U盘，请插入U盘后点“刷新”，或选择其他文件夹。"


def size_text(size: int) -> str:
    """1.5 MB, 3.2 GB, 120 KB: the way a file manager says it."""
    kb, mb, gb = 1 << 10, 1 << 20, 1 << 30
    if size >= gb:
        return f"{size / gb:.1f} GB"
    if size >= mb:
        return f"{size / mb:.1f} MB"
    return f"{max(1, round(size / kb))} KB"


# what a package's file name ends in: never shown (a secretary knows it as 报送包)
PACKAGE_ENDINGS = (".zip.enc", ".zip")


def package_name(file_name: str) -> str:
    """A package's file name as the page shows it: 青山湾小学党支部_2026年7月_报送包, and
    「（有密码）」 when it has one — without the ending the computer adds."""
    for ending in PACKAGE_ENDINGS:
        if file_name.lower().endswith(ending):
            stem = file_name[: -len(ending)]
            return f"{stem}（有密码）" if ending == ".zip.enc" else stem
    return file_name


def record_counts(records: list[RecordRef]) -> str:
    """会议记录 9 份、主题党日活动记录 3 份."""
    return counted(r.record_type for r in records)


def plan_summary(plan: PackagePlan, *, confidential_left_out: int = 0) -> str:
    """What goes in, one fact a line: records by kind, attachments, size, file name."""
    if plan.records:
        records = f"记录：{len(plan.records)} 份（{record_counts(plan.records)}）"
    else:
        records = "记录：这段时间没有已完成的记录"
    lines = [records]
    if confidential_left_out:
        lines.append(f"不放入：{confidential_left_out} 份保密的提醒谈话记录")
    if plan.attachments:
        lines.append(f"附件：{plan.attachments} 个（共 {size_text(plan.attachment_bytes)}）")
    else:
        lines.append("附件：没有")
    dues = "".join(f"{year}年度党费收缴情况、" for year in plan.dues_years)
    dues += "".join(f"{year}年度发展党员情况、" for year in plan.recruitment_years)
    dues += "".join(f"{year}年度党员学习培训学时统计、" for year in plan.training_years)
    if plan.recruitment_files:
        dues += f"{len(plan.recruitment_files)}人的发展党员工作全程纪实表、"
    lines.append(f"另有：党建工作台账、{dues}工作要求完成情况、党员花名册和记录数据")
    lines.append(f"预计大小：约 {size_text(plan.estimated_bytes)}")
    lines.append(f"文件名：{package_name(plan.file_name)}")
    return "\n".join(lines)


def record_line(ref: RecordRef) -> str:
    """2026年7月5日  支委会会议记录."""
    _day, _space, what = ref.line.partition(" ")
    return f"{ref.held_on.year}年{ref.held_on.month}月{ref.held_on.day}日  {what or ref.line}"


PROGRESS_WIDTH = 24  # characters: the progress window's line (longer ones are cut)


def progress_text(what: str, done: int, total: int) -> str:
    """The progress window's line for one step of ``build_package`` (the bar shows how far).

    The backend reports a step when it is done; after the last step before the check the
    package is sealed, written to the stick and read back: the slow part on a stick.
    """
    if total and done >= total:
        return "已读回检查，文件完整无误。"
    if total and done == total - 1:
        return "正在写入并读回检查，请不要拔U盘……"
    text = f"{what}……"
    if len(text) > PROGRESS_WIDTH:
        text = f"{what[: PROGRESS_WIDTH - 3]}……"
    return text


def success_text(result: PackageResult, *, removable: bool) -> str:
    """完成：… with the file name, its size, 已读回检查无误, and the reminder to eject."""
    locked = "，已设密码" if result.encrypted else ""
    name = package_name(result.path.name).removesuffix("（有密码）")
    return "\n".join(
        (
            f"{OK_MARK} 完成：报送包已保存，已读回检查无误。",
            f"文件：{name}（{size_text(result.size)}，共 {result.files} 个文件{locked}）",
            f"位置：{result.path.parent}",
            EJECT_REMINDER if removable else FOLDER_EJECT_REMINDER,
        )
    )


def made_at(manifest: dict[str, Any]) -> str:
    raw = str(manifest.get("created_at") or "")
    try:
        return chinese_datetime(dt.datetime.fromisoformat(raw))
    except ValueError:
        return raw or "不详"


def period_text(manifest: dict[str, Any]) -> str:
    period = manifest.get("period") or {}
    label = str(period.get("label") or "不详")
    try:
        start = dt.date.fromisoformat(str(period.get("start")))
        end = dt.date.fromisoformat(str(period.get("end")))
    except ValueError:
        return label
    return f"{label}（{format_date(start)}至{format_date(end)}）"


def wrong_password(report: VerifyReport) -> bool:
    """The package could not be opened with the password given (it may well be whole)."""
    return (
        report.encrypted and report.manifest is None and any("密码" in p for p in report.problems)
    )


def report_heading(report: VerifyReport) -> str:
    if report.ok:
        return f"{OK_MARK} 报送包完整，未被改动"
    if wrong_password(report):
        return f"{FAIL_MARK} 密码不对，打不开这个报送包"
    return f"{FAIL_MARK} 报送包检查没有通过，不能使用"


def report_facts(report: VerifyReport) -> str:
    """For a package that passed: branch, period, time made, files, options."""
    manifest = report.manifest or {}
    branch = manifest.get("branch") or {}
    options = manifest.get("options") or {}
    lines = [
        f"支部：{branch.get('name') or '不详'}",
        f"期间：{period_text(manifest)}",
        f"生成时间：{made_at(manifest)}",
        f"共 {len(report.files)} 个文件{'，设有密码' if report.encrypted else ''}。",
    ]
    if options.get("full_ids"):
        lines.append("花名册含完整的身份证号码，请妥善保管。")
    if options.get("confidential_included"):
        lines.append("含保密的提醒谈话记录，只能交给有权查看的人。")
    if options.get("students_included"):
        lines.append("含结对帮扶学生的姓名、帮扶内容和照片，请妥善保管，用后删除。")
    return "\n".join(lines)


def report_advice(report: VerifyReport) -> str:
    """What to do about a package that failed."""
    if wrong_password(report):
        return "请核对密码后重新输入，再点“检查”。"
    return "请不要使用这个文件：请对方重新导出报送包，或从原来的电脑上重新导出一份。"


def file_line(entry: dict[str, Any]) -> str:
    return f"{entry['path']}（{size_text(int(entry['size']))}）"
