"""Making a package: everything of a period in one zip with a manifest of SHA-256 hashes,
optionally password protected, written safely to its target (a USB stick).

Writing: the package is assembled in the data folder's ``tmp/`` (never the system temp:
it holds members' data), then written to the target as ``.NAME.part`` — already encrypted
when a password is set, so no plain zip ever lies on the stick — flushed and synced, read
back and verified (every hash), and only then renamed over the previous package of the
same name (``os.replace``: atomic; the previous one stays until then). If the stick is
pulled out, fills up, the export is cancelled or fails, the part is removed and the
message says so; a part left by a crash is listed in ``tmp/`` and removed when the data
folder is next opened and before the next export. Scratch files in ``tmp/`` are removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jianshi_desktop import __version__
from jianshi_desktop.documents.dues import year_document
from jianshi_desktop.documents.model import Document
from jianshi_desktop.documents.trainings import year_hours_document
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.errors import UserError
from jianshi_desktop.paths import DataDir
from jianshi_desktop.services import (
    backups,
    documents,
    package_records,
    reports,
    signing_keys,
    student_pairings,
    trainings,
)
from jianshi_desktop.services.attachments import blob_path
from jianshi_desktop.services.branch import branch_name_on, current_branch
from jianshi_desktop.services.dues_documents import year_content, years_ending_within
from jianshi_desktop.services.recruitment_documents import (
    package_document,
    package_files,
    report_years,
    year_report_document,
)
from jianshi_desktop.services.roster import export_roster
from jianshi_desktop.services.training_documents import year_hours_content
from jianshi_desktop.submission import crypto
from jianshi_desktop.submission.data import compliance_rows, records_data, roster_day
from jianshi_desktop.submission.names import (
    clean_pending_parts,
    forget_part,
    member_path,
    package_file_name,
    part_path,
    remember_part,
    target_path,
)
from jianshi_desktop.submission.verify import (
    FORMAT,
    MANIFEST_NAME,
    SCHEMA_VERSION,
    SIGNATURE_NAME,
    verify_package,
)
from jianshi_desktop.submission.workbooks import compliance_workbook as _compliance_workbook

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int], None]  # (what, done, total)


class Cancelled(Exception):
    """The user cancelled; nothing was left behind."""


FULL_IDS_NEED_PASSWORD = "完整的身份证号码只能放进设了密码的报送包。"
FULL_IDS_HINT = (
    "请设置密码后再导出；或者不要完整号码（不勾选“花名册显示完整身份证号码”，命令行不加"
    " --full-ids），花名册中的号码会隐去中间部分。"
)

REPORT_LEFT_OUT = (
    "报送包里不含党建工作情况报告：这个期间的报告还没有定稿。报告的“主要做法和成效”"
    "“存在的问题和下一步打算”要由书记填写，请到“文书”页点“编写报告…”写好并定稿，"
    "报送包里就会有报告。"
)
REPORT_CHANGED = (
    "定稿后记录有变动：按现在登记的记录，报告中的数字会不同。如需按今天的记录重写，"
    "请到“文书”页打开这份报告，点“按今天的记录另起草稿”，改好后再定稿。"
)


def report_included(report: reports.FinishedReport) -> str:
    """「报送包里有2026年10月8日定稿的党建工作情况报告。」"""
    return f"报送包里有{format_date(report.finished_on)}定稿的党建工作情况报告。"


@dataclass
class PackageOptions:
    full_ids: bool = False
    include_confidential: bool = False
    # 结对帮扶: the students' names, the helps' content and photos (codes and counts without)
    include_students: bool = False
    password: str = ""


@dataclass
class PackagePlan:
    """What goes in, shown to the user before anything is written."""

    period: ReportPeriod
    records: list[documents.RecordRef]
    attachments: int
    attachment_bytes: int
    estimated_bytes: int
    file_name: str
    notes: list[str] = field(default_factory=list)
    report: reports.FinishedReport | None = None  # the period's 定稿, which goes in
    dues_years: tuple[int, ...] = ()  # each year's 年度党费收缴情况 that goes in
    recruitment_years: tuple[int, ...] = ()  # each year's 发展党员情况 that goes in
    training_years: tuple[int, ...] = ()  # each year's 党员学习培训学时统计 that goes in
    # each 发展党员 file's 全程纪实表 (as of the period's end): id, file name
    recruitment_files: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class PackageResult:
    path: Path
    files: int
    size: int
    encrypted: bool


def plan_package(period: ReportPeriod, options: PackageOptions) -> PackagePlan:
    branch = current_branch()
    refs = documents.records_in(period, include_confidential=options.include_confidential)
    every = refs
    if not options.include_students:  # the 帮扶记录 name students: out, with their photos
        refs = [r for r in refs if r.record_type != student_pairings.RECORD_TYPE]
    attachments = package_records.attachments_of(refs)
    size = sum(a.size for _, a in attachments)
    # Only a finished report (定稿) goes in: its 主要做法 and 下一步打算 only the secretary
    # can write, and a package is made in one click on the 报送 page, where nobody would
    # write them. A report with those parts empty must never reach the county (rules.md
    # §7), so without a 定稿 the package says so and points to where it is written.
    report = reports.finished_report(period)
    if report is None:
        notes = [REPORT_LEFT_OUT]
    else:
        notes = [report_included(report)]
        if reports.figures_changed(period, report):
            notes.append(REPORT_CHANGED)
    if not refs:
        notes.append("这个期间没有已完成的记录；报送包里只有花名册和工作要求完成情况。")
    if options.full_ids:
        notes.append(
            "花名册将包含完整的身份证号码：报送包必须设置密码，密码请当面或打电话告诉对方。"
        )
    if options.include_confidential:
        notes.append("保密的提醒谈话记录也会放入报送包。")
    if options.include_students:
        notes.append("结对帮扶的学生姓名、帮扶内容和照片也会放入报送包。")
    elif len(refs) < len(every):
        notes.append("结对帮扶只放入编号和帮扶次数，不含学生姓名、帮扶内容和照片。")
    drafts = package_records.drafts_in(period)
    if drafts:
        notes.append(f"有{drafts}份草稿不会放入报送包；如需报送，请先完成这些记录。")
    years = years_ending_within(period.start, period.end)  # 年度党费收缴情况
    recruitment_years = report_years(period.start, period.end)  # 年度发展党员情况
    recruitment_files = package_files(period.start, period.end)  # 全程纪实表
    training_years = trainings.years_ending_within(period.start, period.end)  # 学时统计
    return PackagePlan(
        period=period,
        records=refs,
        attachments=len(attachments),
        attachment_bytes=size,
        estimated_bytes=size
        + 120_000
        * (
            len(refs)
            + 4
            + (report is not None)
            + len(years)
            + len(recruitment_years)
            + len(recruitment_files)
            + len(training_years)
        ),
        file_name=package_file_name(branch.name, period.label, encrypted=bool(options.password)),
        notes=notes,
        report=report,
        dues_years=tuple(years),
        recruitment_years=tuple(recruitment_years),
        recruitment_files=tuple(recruitment_files),
        training_years=tuple(training_years),
    )


# Already compressed: storing them is as small and many times faster than deflating.
STORED_SUFFIXES = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".heic",
    ".mp4",
    ".zip",
    ".docx",
    ".xlsx",
    ".pdf",
}


def _compression(name: str) -> int:
    return (
        zipfile.ZIP_STORED if Path(name).suffix.lower() in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
    )


class _Writer:
    """Adds files to the zip and remembers their hashes for the manifest. Each file is
    read once: hashed while it is written. A name is never used twice (nor twice in
    different case, which Windows takes as the same file)."""

    def __init__(self, archive: zipfile.ZipFile, cancelled: Callable[[], bool]) -> None:
        self.archive = archive
        self.entries: list[dict[str, Any]] = []
        self.cancelled = cancelled
        self.used: set[str] = {MANIFEST_NAME, SIGNATURE_NAME}

    def _claim(self, name: str) -> None:
        if name.casefold() in self.used:  # a bug: names are unique by construction
            raise ValueError(f"duplicate entry {name!r} in the package")
        self.used.add(name.casefold())

    def add_bytes(self, name: str, data: bytes) -> None:
        if self.cancelled():
            raise Cancelled()
        self._claim(name)
        self.archive.writestr(name, data, compress_type=_compression(name))
        self.entries.append(
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        )

    def add_file(self, name: str, source: Path) -> None:
        if self.cancelled():
            raise Cancelled()
        self._claim(name)
        digest = hashlib.sha256()
        size = 0
        info = zipfile.ZipInfo.from_file(source, name)
        info.compress_type = _compression(name)
        with source.open("rb") as reader, self.archive.open(info, "w", force_zip64=True) as writer:
            while chunk := reader.read(1 << 20):
                digest.update(chunk)
                size += len(chunk)
                writer.write(chunk)
        self.entries.append({"path": name, "sha256": digest.hexdigest(), "size": size})


def build_package(
    data: DataDir,
    period: ReportPeriod,
    target_dir: Path,
    options: PackageOptions,
    *,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    today: dt.date | None = None,
) -> PackageResult:
    """Assemble, write to ``target_dir`` safely, read back and verify; returns the file."""
    today = today or dt.date.today()
    if options.password and len(options.password) < crypto.MIN_PASSWORD:
        raise UserError(f"密码太短，请至少用{crypto.MIN_PASSWORD}个字符。")
    if options.full_ids and not options.password:
        raise UserError(FULL_IDS_NEED_PASSWORD, hint=FULL_IDS_HINT)
    clean_pending_parts(data.temp)  # what an export cut off by a crash left behind
    plan = plan_package(period, options)
    branch = current_branch()
    backups.backup_before(backups.EXPORT)  # the data as it was exported, kept
    signing_keys.own_key()  # made now if there is none yet (an older data folder)
    # derived now, while little is in memory: not on top of the documents' fonts
    sealing = crypto.sealing_key(options.password) if options.password else None
    work = data.temp / f"package-{os.getpid()}-{dt.datetime.now():%H%M%S%f}"
    work.mkdir(parents=True)
    try:
        archive_path = work / "package.zip"
        total = (
            len(plan.records)
            + plan.attachments
            + 4
            + (plan.report is not None)
            + len(plan.dues_years)
            + len(plan.recruitment_years)
            + len(plan.recruitment_files)
            + len(plan.training_years)
        )
        step = 0

        def tick(what: str) -> None:
            nonlocal step
            step += 1
            if progress:
                progress(what, step, total)

        with zipfile.ZipFile(archive_path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            writer = _Writer(archive, cancelled)
            scratch = work / "docs"
            scratch.mkdir()
            built: dict[tuple[documents.RecordType, int], Document] = {}
            for ref in plan.records:
                stem = ref.stem  # unique: 「…（2）」 on a clash, as in 文书 and the 台账
                record = documents.record_document(ref.record_type, ref.id)
                built[(ref.record_type, ref.id)] = record  # the 台账 holds it again
                for path in documents.write(record, scratch, stem):
                    writer.add_file(member_path("文书", "记录", path.name), path)
                    path.unlink()
                tick(f"生成{ref.line}")
            ledger = documents.ledger(
                period,
                include_confidential=options.include_confidential,
                today=today,
                built=built,
                include_students=options.include_students,
            )
            for path in documents.write(ledger, scratch, "台账"):
                writer.add_file(
                    member_path("文书", f"{period.label}党建工作台账{path.suffix}"), path
                )
            tick("生成台账")
            for year in plan.dues_years:
                dues_year = year_document(year_content(year, today=today))
                for path in documents.write(dues_year, scratch, "党费"):
                    writer.add_file(
                        member_path("文书", f"{year}年度党费收缴情况{path.suffix}"), path
                    )
                tick(f"生成{year}年度党费收缴情况")
            for year in plan.recruitment_years:
                recruited = year_report_document(year, today=today)
                for path in documents.write(recruited, scratch, "发展党员"):
                    writer.add_file(
                        member_path("文书", f"{year}年度发展党员情况{path.suffix}"), path
                    )
                tick(f"生成{year}年度发展党员情况")
            for year in plan.training_years:
                hours = year_hours_document(year_hours_content(year, today=today))
                for path in documents.write(hours, scratch, "学时"):
                    writer.add_file(
                        member_path("文书", f"{year}年度党员学习培训学时统计{path.suffix}"), path
                    )
                tick(f"生成{year}年度党员学习培训学时统计")
            for recruitment_id, stem in plan.recruitment_files:
                record = package_document(recruitment_id, plan.period.end, today=today)
                for path in documents.write(record, scratch, "纪实表"):
                    writer.add_file(member_path("文书", "发展党员", f"{stem}{path.suffix}"), path)
                tick(f"生成{stem}")
            if plan.report is not None:  # the 定稿, from its stored text
                report_stem = reports.finished_stem(plan.report)
                for path in documents.write(
                    reports.finished_document(plan.report), scratch, "报告"
                ):
                    writer.add_file(member_path("文书", f"{report_stem}{path.suffix}"), path)
                tick("生成报告")
            rows = compliance_rows(period, today)
            sheet = scratch / "完成情况.xlsx"
            _compliance_workbook(
                rows, sheet, f"{branch_name_on(period.end)}{period.label}工作要求完成情况"
            )
            writer.add_file(member_path("文书", f"{period.label}工作要求完成情况.xlsx"), sheet)
            as_of = roster_day(period, today)  # the period's members, not today's (§7)
            roster_pdf = documents.write(
                documents.roster(masked=not options.full_ids, today=today, as_of=as_of),
                scratch,
                "花名册",
                "pdf",
            )[0]
            writer.add_file(member_path("文书", "党员花名册.pdf"), roster_pdf)
            roster_xlsx = scratch / "花名册.xlsx"
            export_roster(roster_xlsx, mask_ids=not options.full_ids, today=today, as_of=as_of)
            writer.add_file(member_path("数据", "党员花名册.xlsx"), roster_xlsx)
            tick("生成花名册")
            records_json = records_data(
                period,
                full_ids=options.full_ids,
                include_confidential=options.include_confidential,
                today=today,
                include_students=options.include_students,
            )
            writer.add_bytes(member_path("数据", "records.json"), _json(records_json))
            writer.add_bytes(
                member_path("数据", "compliance.json"),
                _json({"schema_version": SCHEMA_VERSION, "rows": rows}),
            )
            tick("整理数据")
            used: set[str] = set()
            for ref, attachment in package_records.attachments_of(plan.records):
                source = blob_path(data.attachments, attachment.sha256)
                if not source.is_file():
                    raise UserError(
                        f"附件“{attachment.file_name}”的文件不在数据文件夹中了，无法放入报送包。",
                        hint="请从备份中恢复数据文件夹的 attachments 子文件夹，"
                        "或在记录中删去这个附件。",
                    )
                folder = ref.stem
                name = member_path("附件", folder, attachment.file_name)
                prefix = f"{attachment.id}"
                while name.casefold() in used:  # Windows: IMG.JPG is img.jpg
                    name = member_path("附件", folder, f"{prefix}-{attachment.file_name}")
                    prefix += "-1"  # "7-a.jpg" may be another attachment's own name
                used.add(name.casefold())
                writer.add_file(name, source)
                tick(f"复制附件{attachment.file_name}")
            manifest = {
                "format": FORMAT,
                "schema_version": SCHEMA_VERSION,
                "app_version": __version__,
                "created_at": dt.datetime.now().replace(microsecond=0).isoformat(),
                "branch": {"name": branch.name, "uid": branch.uid},
                "period": {
                    "code": period.code,
                    "label": period.label,
                    "start": period.start.isoformat(),
                    "end": period.end.isoformat(),
                },
                "options": {
                    "full_ids": options.full_ids,
                    "confidential_included": options.include_confidential,
                    "students_included": options.include_students,
                },
                "files": writer.entries,
            }
            manifest_bytes = _json(manifest)
            archive.writestr(MANIFEST_NAME, manifest_bytes)
            # signed over the exact manifest bytes; not listed in the manifest it signs
            archive.writestr(SIGNATURE_NAME, signing_keys.sign_manifest(manifest_bytes))
        result = _write_to_target(
            archive_path,
            target_path(target_dir, plan.file_name),
            options.password,
            sealing,
            cancelled,
            data.temp,
        )
        tick("检查完成")
        return result
    finally:
        _remove_tree(work)


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _remove_tree(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def _write_to_target(
    source: Path,
    target: Path,
    password: str,
    sealing: crypto.SealingKey | None,
    cancelled: Callable[[], bool],
    temp: Path,
) -> PackageResult:
    """``.NAME.part`` (encrypted while written when there is a password), flush and fsync,
    read back and verify every hash, then rename over ``target`` — never delete-then-rename:
    until the new package verifies, the previous one stays as it was."""
    partial = part_path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        free = _free_space(target.parent)
        size = source.stat().st_size
        if password:  # the header and 20 bytes a 1 MiB chunk
            size += 64 + 20 * (size // crypto.CHUNK + 1)
        if free is not None and free < size + (1 << 20):
            raise UserError(
                f"“{target.parent}”剩余空间只有{_mb(free)}，放不下报送包（{_mb(size)}）。",
                hint="请换一个U盘或清理出空间后再试。",
            )
    except OSError as exc:
        raise _write_error(target, exc) from exc
    remember_part(temp, partial)  # before it exists: a crash cannot leave it unknown
    try:
        try:
            _write_part(source, partial, sealing, cancelled)
        except OSError as exc:
            raise _write_error(target, exc) from exc
        report = verify_package(partial, password=password, known_key=sealing)
        if not report.ok:
            raise UserError(
                "写入U盘后读回检查，内容对不上，报送包可能已损坏，已删除未完成的文件。",
                hint="请换一个U盘重试；如果反复出现，U盘可能有故障。"
                + "；".join(report.problems[:2]),
            )
        try:
            os.replace(partial, target)  # atomic: the old package, or the new one
        except OSError as exc:
            raise UserError(
                f"报送包已写好并检查无误，但没能替换原来的同名报送包（{exc.strerror or exc}），"
                "原来的报送包保持不变，已删除未完成的文件。",
                hint="请关闭正在打开这个报送包的程序后重新导出，或换一个文件夹。",
            ) from exc
        _sync_folder(target.parent)
    except BaseException:  # also Cancelled and KeyboardInterrupt: the part goes
        _discard(partial)
        raise
    finally:
        if not partial.exists():
            _forget(temp, partial)
    return PackageResult(
        path=target, files=len(report.files), size=target.stat().st_size, encrypted=bool(password)
    )


def _write_part(
    source: Path, partial: Path, sealing: crypto.SealingKey | None, cancelled: Callable[[], bool]
) -> None:
    def check(_done: int = 0) -> None:
        if cancelled():
            raise Cancelled()

    with source.open("rb") as reader, partial.open("wb") as writer:
        if sealing is not None:
            crypto.encrypt_file(reader, writer, sealing, progress=check)
        else:
            while chunk := reader.read(1 << 20):
                check()
                writer.write(chunk)
        writer.flush()
        os.fsync(writer.fileno())


def _write_error(target: Path, exc: OSError) -> UserError:
    return UserError(
        f"写入“{target.parent}”时出错（{exc.strerror or exc}），"
        "报送包没有写完，已删除未完成的文件。",
        hint="请确认U盘没有拔出、还有空间、没有写保护，然后重新生成。",
    )


def _forget(temp: Path, partial: Path) -> None:
    try:
        forget_part(temp, partial)
    except OSError:
        log.warning("Could not update the list of unfinished packages in %s", temp)


def _discard(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("Could not remove %s", path)


def _free_space(folder: Path) -> int | None:
    import shutil

    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None


def _sync_folder(folder: Path) -> None:
    if os.name == "posix":
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def _mb(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB"
