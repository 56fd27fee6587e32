"""The submission package: export → verify round trips, and every damaged or hostile
package the county might receive."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import zipfile
from pathlib import Path

import pytest

from jianshi_desktop.domain.enums import MeetingKind
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, meetings
from jianshi_desktop.services.attachments import entry_for
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store
from jianshi_desktop.submission import crypto
from jianshi_desktop.submission import package as pkg
from jianshi_desktop.submission.names import member_path, package_file_name, short_branch_name
from jianshi_desktop.submission.package import (
    REPORT_LEFT_OUT,
    PackageOptions,
    build_package,
    plan_package,
)
from jianshi_desktop.submission.verify import verify_package
from tests.support import move_to_group

TODAY = dt.date(2026, 11, 26)
PERIOD = parse_period("2026-07")  # a month: five records, quick to package
FULL_ID = "42282219731125116X"  # 丁雪艳 in the demo roster


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo data folder for the module (filling it takes a second)."""
    from jianshi_desktop.services.store import open_store

    root = tmp_path_factory.mktemp("demo") / "data"
    store = open_store(root, log_to_file=False)
    demo.fill_demo(today=TODAY)
    store.close()
    return root


@pytest.fixture
def branch(demo_folder: Path) -> Store:
    from jianshi_desktop.services.store import open_store

    store = open_store(demo_folder, log_to_file=False)
    yield store  # type: ignore[misc]
    store.close()


def export(store: Store, target: Path, **options: object) -> Path:
    return build_package(store.data, PERIOD, target, PackageOptions(**options), today=TODAY).path  # type: ignore[arg-type]


def read_zip(path: Path) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(path.read_bytes()))


def test_names_are_safe_on_fat32_and_windows() -> None:
    assert short_branch_name("中共建始县青山湾小学支部委员会") == "青山湾小学党支部"
    name = package_file_name("中共建始县青山湾小学支部委员会", "2026年第三季度", encrypted=False)
    assert name == "青山湾小学党支部_2026年第三季度_报送包.zip"
    assert member_path("附件", "a:b", "c?.jpg") == "附件/a：b/c？.jpg"
    assert len(member_path("附件", "长" * 300 + ".jpg").split("/")[1]) <= 100


def test_export_then_verify_round_trip(branch: Store, tmp_path: Path) -> None:
    path = export(branch, tmp_path)
    assert path.name == "青山湾小学党支部_2026年7月_报送包.zip"
    report = verify_package(path)
    assert report.ok, report.problems
    manifest = report.manifest
    assert manifest is not None
    assert manifest["branch"]["name"] == "中共建始县青山湾小学支部委员会"
    assert len(manifest["branch"]["uid"]) == 32
    assert manifest["period"]["code"] == "2026-07"
    names = {f["path"] for f in report.files}
    assert "数据/records.json" in names and "数据/compliance.json" in names
    assert "文书/2026年7月党建工作台账.pdf" in names
    assert "文书/2026年7月党建工作台账.docx" in names
    assert "文书/记录/2026年7月5日支委会会议记录.pdf" in names
    assert "文书/党员花名册.pdf" in names and "数据/党员花名册.xlsx" in names
    assert not any("年度党费收缴情况" in n for n in names), "July ends no year"
    assert not list(branch.data.temp.iterdir()), "nothing left in the data folder's tmp"
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "no partial file beside it"


def test_a_package_ending_a_year_carries_that_year_s_dues(branch: Store, tmp_path: Path) -> None:
    december = parse_period("2025-12")
    plan = plan_package(december, PackageOptions())
    assert plan.dues_years == (2025,)
    assert plan_package(PERIOD, PackageOptions()).dues_years == ()
    path = build_package(branch.data, december, tmp_path, PackageOptions(), today=TODAY).path
    report = verify_package(path)
    assert report.ok, report.problems
    names = {f["path"] for f in report.files}
    assert {"文书/2025年度党费收缴情况.pdf", "文书/2025年度党费收缴情况.docx"} <= names
    assert "文书/记录/2025年12月党费收缴明细表.pdf" in names


def test_no_report_goes_in_and_the_plan_says_where_to_write_it(
    branch: Store, tmp_path: Path
) -> None:
    # rules.md §7: a report states only what is true and its 主要做法 is the secretary's
    # own; a package made in one click holds no report with those parts empty, and says so.
    plan = plan_package(PERIOD, PackageOptions())
    assert REPORT_LEFT_OUT in plan.notes
    assert "编写报告" in REPORT_LEFT_OUT and "主要做法和成效" in REPORT_LEFT_OUT
    names = {f["path"] for f in verify_package(export(branch, tmp_path)).files}
    # (the half year's 组织设置情况报告表 is a record's table, built from the records)
    assert not any("报告" in name.replace("组织设置情况报告表", "") for name in names), names


def test_id_numbers_are_masked_and_confidential_talks_left_out_by_default(
    branch: Store, tmp_path: Path
) -> None:
    with read_zip(export(branch, tmp_path)) as archive:
        records = json.loads(archive.read("数据/records.json"))
    assert records["schema_version"] == 5
    numbers = [m["id_number"] for m in records["members"]]
    assert "422822********116X" in numbers and FULL_ID not in json.dumps(records)
    assert all(not t["confidential"] for t in records["heart_talks"])
    # full ID numbers only inside a password-protected package (test_export_safety.py)
    full = export(branch, tmp_path / "full", full_ids=True, password="建始2026")
    with (
        full.open("rb") as sealed,
        zipfile.ZipFile(crypto.open_decrypted(sealed, "建始2026")) as archive,
    ):
        assert FULL_ID in archive.read("数据/records.json").decode("utf-8")


def test_a_password_protects_and_the_wrong_one_is_named(branch: Store, tmp_path: Path) -> None:
    path = export(branch, tmp_path, password="建始2026")
    assert path.name.endswith("_报送包.zip.enc")
    assert not zipfile.is_zipfile(path)
    assert verify_package(path).problems == ["这个报送包设置了密码，请输入密码后再检查。"]
    assert "密码不正确" in verify_package(path, password="wrong-one").problems[0]
    assert verify_package(path, password="建始2026").ok
    with pytest.raises(UserError):
        export(branch, tmp_path / "short", password="123")


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of the package with members replaced (bytes), removed (None) or added."""
    with read_zip(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            if info.filename in change:
                continue
            new.writestr(info, old.read(info.filename))
        for name, data in change.items():
            if data is not None:
                new.writestr(name, data)
    return target


def test_a_tampered_file_is_named(branch: Store, tmp_path: Path) -> None:
    good = export(branch, tmp_path / "out")
    bad = _rewrite(good, tmp_path / "bad.zip", {"数据/records.json": b'{"schema_version": 1}'})
    report = verify_package(bad)
    assert not report.ok
    assert report.problems == ["文件“数据/records.json”与清单不符（内容被改动或损坏）。"]


def test_missing_and_extra_files_are_named(branch: Store, tmp_path: Path) -> None:
    good = export(branch, tmp_path / "out")
    bad = _rewrite(good, tmp_path / "bad.zip", {"文书/党员花名册.pdf": None, "多出来.txt": b"x"})
    problems = verify_package(bad).problems
    assert "清单上的文件“文书/党员花名册.pdf”不在报送包中。" in problems
    assert any("多出了清单上没有的文件“多出来.txt”" in p for p in problems)


def test_a_truncated_package_is_refused(branch: Store, tmp_path: Path) -> None:
    good = export(branch, tmp_path / "out")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    assert "不是完整的报送包" in verify_package(cut).problems[0]
    sealed = export(branch, tmp_path / "sealed", password="secret12")
    cut_sealed = tmp_path / "cut.zip.enc"
    cut_sealed.write_bytes(sealed.read_bytes()[:-5000])
    assert "不完整或已被改动" in verify_package(cut_sealed, password="secret12").problems[0]


@pytest.mark.parametrize(
    "evil", ["../../evil.txt", "/etc/evil.txt", "C:/Windows/evil.txt", "a\\..\\evil.txt"]
)
def test_names_that_leave_the_folder_are_refused_and_nothing_is_written(
    tmp_path: Path, evil: str
) -> None:
    path = tmp_path / "inside" / "hostile.zip"
    path.parent.mkdir()
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr(evil, "boom")
    report = verify_package(path)
    assert not report.ok and "不安全的文件名" in report.problems[0]
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["hostile.zip", "inside"]


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr("zeros.bin", b"\0" * (50 << 20))
    assert path.stat().st_size < 1 << 20
    assert "压缩炸弹" in verify_package(path).problems[0]


def test_an_unknown_schema_version_is_named(branch: Store, tmp_path: Path) -> None:
    good = export(branch, tmp_path / "out")
    with read_zip(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    manifest["schema_version"] = 99
    bad = _rewrite(good, tmp_path / "v99.zip", {"manifest.json": json.dumps(manifest).encode()})
    assert "格式是第 99 版" in verify_package(bad).problems[0]


def test_not_a_package_at_all(tmp_path: Path) -> None:
    text = tmp_path / "notes.zip"
    text.write_text("hello")
    assert "不是完整的报送包" in verify_package(text).problems[0]
    plain = tmp_path / "photos.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("a.jpg", b"x")
    assert "没有清单文件" in verify_package(plain).problems[0]


def test_a_stick_that_fails_midway_leaves_nothing_that_looks_finished(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "stick"

    def pulled_out(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(pkg.os, "fsync", pulled_out)
    with pytest.raises(UserError) as caught:
        export(branch, target)
    assert "报送包没有写完" in str(caught.value)
    assert list(target.iterdir()) == []
    assert not list(branch.data.temp.iterdir())


def test_a_full_stick_is_reported_before_writing(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pkg, "_free_space", lambda folder: 1000)
    with pytest.raises(UserError) as caught:
        export(branch, tmp_path / "stick")
    assert "放不下报送包" in str(caught.value)
    assert list((tmp_path / "stick").iterdir()) == []


def test_cancel_leaves_nothing(branch: Store, tmp_path: Path) -> None:
    calls = iter(range(1000))
    with pytest.raises(pkg.Cancelled):
        build_package(
            branch.data,
            PERIOD,
            tmp_path,
            PackageOptions(),
            cancelled=lambda: next(calls) > 5,
            today=TODAY,
        )
    assert list(tmp_path.iterdir()) == [] and not list(branch.data.temp.iterdir())


def test_attachments_go_in_under_their_record(store: Store, tmp_path: Path) -> None:
    demo.fill_demo(today=TODAY, with_records=False)
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8" + b"photo" * 1000)
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=dt.date(2026, 7, 5))
    form.place, form.recorder_id = "会议室", form.chair_id
    form.agenda = [meetings.AgendaEntry("研究工作")]
    form.attachments = [entry_for(store.data.attachments, photo)]
    MEETING.finish(form, today=dt.date(2026, 7, 6))
    plan = plan_package(PERIOD, PackageOptions())
    assert plan.attachments == 1
    path = build_package(store.data, PERIOD, tmp_path / "out", PackageOptions(), today=TODAY).path
    report = verify_package(path)
    assert report.ok
    assert "附件/2026年7月5日支委会会议记录/现场照片.jpg" in {f["path"] for f in report.files}


def test_the_finished_report_goes_in_when_there_is_one(branch: Store, tmp_path: Path) -> None:
    from jianshi_desktop.services import documents, reports

    august = parse_period("2026-08")  # not PERIOD: the module's other tests have no report
    draft = documents.report_draft(august, today=TODAY)
    draft.sections[1].text = "开展“红烛先锋”示范岗活动。"
    draft.sections[3].text = "继续抓好“三会一课”。"
    finished = reports.finish_report(august, draft, today=TODAY)
    plan = plan_package(august, PackageOptions())
    assert REPORT_LEFT_OUT not in plan.notes and plan.report == finished
    assert pkg.report_included(finished) in plan.notes
    assert pkg.REPORT_CHANGED not in plan.notes

    path = build_package(branch.data, august, tmp_path, PackageOptions(), today=TODAY).path
    verified = verify_package(path)
    assert verified.ok, verified.problems
    names = {f["path"] for f in verified.files}
    stem = reports.finished_stem(finished)
    assert {f"文书/{stem}.pdf", f"文书/{stem}.docx"} <= names, names
    with read_zip(path) as archive:
        pdf = archive.read(f"文书/{stem}.pdf")
    pypdf = pytest.importorskip("pypdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "红烛先锋" in text.replace(" ", "")

    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=dt.date(2026, 8, 28))
    form.place, form.starts_at, form.ends_at = "学校会议室", "15:30", "16:40"
    form.recorder_id = form.chair_id
    form.agenda = [meetings.AgendaEntry("研究党建工作")]
    MEETING.finish(form, today=TODAY)
    assert pkg.REPORT_CHANGED in plan_package(august, PackageOptions()).notes


def test_a_past_periods_package_lists_the_members_of_that_period(
    store: Store, tmp_path: Path
) -> None:
    """rules.md §7: a package for 2025 goes up with the roster of 31 December 2025 — a
    member who left in 2026 still on it, one who joined in 2026 not, status and group as
    they stood then — in records.json, the 花名册 workbook and the 花名册 PDF alike."""
    import openpyxl
    import pdfplumber

    from jianshi_desktop.domain.enums import MemberEventKind, MemberStatus
    from jianshi_desktop.domain.idcard import check_char
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.services import members, organization
    from jianshi_desktop.services.branch import BranchDraft, create_branch

    create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2000, 1, 1)))
    first, second = organization.create_group("第一党小组"), organization.create_group("第二党小组")

    def add(name: str, joined: dt.date, full_on: dt.date | None) -> int:
        first17 = f"42282219800101{joined.year % 1000:03d}"
        return members.add_member(
            MemberFields(
                name=name,
                id_number=first17 + check_char(first17),
                joined_on=joined,
                full_member_on=full_on,
                status=MemberStatus.FULL if full_on else MemberStatus.PROBATIONARY,
                party_group="第一党小组",
            ),
            today=TODAY,
        )

    stays = add("甲老师", dt.date(2010, 1, 1), dt.date(2011, 1, 1))
    probationer = add("乙老师", dt.date(2025, 3, 1), None)
    leaver = add("丙老师", dt.date(2012, 1, 1), dt.date(2013, 1, 1))
    add("丁老师", dt.date(2026, 9, 1), None)
    members.make_full_member(probationer, on=dt.date(2026, 3, 5), today=TODAY)
    members.record_leaving(
        leaver,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 8, 1),
        letter_no="建教党字〔2026〕12号",
        counterpart="某中学支部",
        today=TODAY,
    )
    move_to_group(stays, "第二党小组")  # moved today: in 2025 still in the first
    assert first != second

    year = parse_period("2025")
    path = build_package(store.data, year, tmp_path / "out", PackageOptions(), today=TODAY).path
    with read_zip(path) as archive:
        data = json.loads(archive.read(member_path("数据", "records.json")))
        workbook = openpyxl.load_workbook(
            io.BytesIO(archive.read(member_path("数据", "党员花名册.xlsx")))
        )
        pdf_bytes = archive.read(member_path("文书", "党员花名册.pdf"))
    assert data["members_as_of"] == "2025-12-31"
    listed = {m["name"]: m for m in data["members"]}
    assert set(listed) == {"甲老师", "乙老师", "丙老师"}
    assert listed["乙老师"]["status"] == "probationary"  # full only from March 2026
    assert listed["乙老师"]["full_member_on"] is None
    assert listed["甲老师"]["party_group"] == "第一党小组"
    sheet = workbook.active
    names = {row[1] for row in sheet.iter_rows(min_row=3, values_only=True) if row[1]}
    assert {"甲老师", "乙老师", "丙老师"} <= names and "丁老师" not in names
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "丙老师" in text and "丁老师" not in text
    assert "2025年12月31日" in text
