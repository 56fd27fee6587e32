"""发展党员 in the submission package (issue 19, records.json version 4): the files of the
period masked like the members, their steps as of the period's end, the yearly 发展党员情况
among the documents of a package that ends a year, and whom a meeting's decision is about
checked by the county's verifier."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.services import demo
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission.package import PackageOptions, build_package, plan_package
from jianshi_desktop.submission.verify import verify_package

from .test_recruitment_documents import FAR_ALONG, JUST_APPLIED, make_file
from .test_signing import MANIFEST, RECORDS, members, rebuild, rehash, unsigned_v2, write

TODAY = dt.date(2026, 12, 7)
YEAR = parse_period("2025")
FULL_ID = "422822199506030021"
FILES: dict[str, int] = {}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recruitment-package") / "data"
    store = open_store(root, log_to_file=False)
    try:
        demo.fill_demo(today=TODAY, with_records=False)
        FILES["far"] = make_file(
            "王晓燕", FAR_ALONG, id_number=FULL_ID, backbone=True, attach_to=(1,)
        )
        FILES["new"] = make_file("刘明", JUST_APPLIED)
        # stopped before 2025: not a file of the period
        FILES["gone"] = make_file(
            "陈刚", FAR_ALONG[:5], stopped_on=dt.date(2024, 5, 1), stop_reason="调离本校"
        )
    finally:
        store.close()
    return root


@pytest.fixture
def branch(folder: Path) -> Iterator[Store]:
    store = open_store(folder, log_to_file=False)
    yield store
    store.close()


@pytest.fixture(scope="module")
def package(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    store = open_store(folder, log_to_file=False)
    try:
        out = tmp_path_factory.mktemp("out")
        path = build_package(store.data, YEAR, out, PackageOptions(), today=TODAY).path
    finally:
        store.close()
    return path.read_bytes()


def _records(package: bytes) -> dict[str, Any]:
    return json.loads(members(package)[RECORDS])


def test_the_files_of_the_period_go_in_masked_like_the_members(package: bytes) -> None:
    records = _records(package)
    assert records["schema_version"] == 5
    listed = {f["name"]: f for f in records["recruitments"]}
    assert set(listed) == {"王晓燕", "刘明"}  # 陈刚 stopped before the year
    far = listed["王晓燕"]
    assert far["id_number"] == "422822********0021"
    text = json.dumps(records, ensure_ascii=False)
    assert FULL_ID not in text and "13907181234" not in text and "1995-06-03" not in text
    assert "birth_date" not in far and "phone" not in far
    assert far["backbone"] is True and far["education"] == "大学本科"
    # as of the period's end, 31 December 2025: a 预备党员, the 2026 steps not yet taken
    assert far["stage"] == "admitted"
    days = [s["done_on"] for s in far["steps"]]
    assert days[-1] == "2025-10-10" and all(day <= "2025-12-31" for day in days)
    first = far["steps"][0]
    assert first["no"] == 1 and first["attachments"][0]["file_name"] == "第1步.pdf"
    contacts = next(s for s in far["steps"] if s["no"] == 5)["people"]
    assert [p["role"] for p in contacts] == ["contact", "contact"]
    assert listed["刘明"]["stage"] == "applicant"


def test_a_package_ending_a_year_carries_its_recruitment_report(
    package: bytes, tmp_path: Path
) -> None:
    names = set(members(package))
    assert "文书/2025年度发展党员情况.pdf" in names
    assert "文书/2025年度发展党员情况.docx" in names
    assert not any(name.startswith("附件/") and "第1步" in name for name in names)
    report = verify_package(write(tmp_path, package))
    assert report.ok, report.problems


def test_a_quarter_has_no_year_report(branch: Store) -> None:
    plan = plan_package(parse_period("2025Q3"), PackageOptions())
    assert plan.recruitment_years == ()
    assert plan_package(YEAR, PackageOptions()).recruitment_years == (2025,)


def _with_resolution(package: bytes, resolution: dict[str, Any], version: int = 4) -> bytes:
    parts = members(unsigned_v2(package))
    records = json.loads(parts[RECORDS])
    records["schema_version"] = version
    records["meetings"] = [{"id": 1, "resolutions": [resolution]}]
    parts[RECORDS] = json.dumps(records, ensure_ascii=False).encode()
    parts[MANIFEST] = rehash(parts, json.loads(parts[MANIFEST]))
    return rebuild(parts)


def test_a_decision_about_a_person_verifies_and_a_forged_one_is_refused(
    package: bytes, tmp_path: Path
) -> None:
    about = {"text": "同意接收", "recruitment_id": 1, "member_id": None, "extended_to": None}
    report = verify_package(write(tmp_path, _with_resolution(package, about)))
    assert report.ok, report.problems
    forged = {**about, "extended_to": "明年"}
    report = verify_package(write(tmp_path, _with_resolution(package, forged), "forged.zip"))
    assert not report.ok
    assert any("extended_to" in p for p in report.problems), report.problems


def test_a_version_4_package_missing_the_files_is_refused(package: bytes, tmp_path: Path) -> None:
    parts = members(unsigned_v2(package))
    records = json.loads(parts[RECORDS])
    del records["recruitments"]
    parts[RECORDS] = json.dumps(records, ensure_ascii=False).encode()
    parts[MANIFEST] = rehash(parts, json.loads(parts[MANIFEST]))
    report = verify_package(write(tmp_path, rebuild(parts)))
    assert not report.ok
    assert any("缺少 recruitments" in p for p in report.problems), report.problems


def test_each_file_of_the_period_goes_in_as_its_record_at_the_period_end(
    package: bytes, branch: Store
) -> None:
    from jianshi_desktop.services.recruitment_documents import full_record_content

    names = set(members(package))
    folder = "文书/发展党员/"
    assert {n.removeprefix(folder) for n in names if n.startswith(folder)} == {
        f"{who}发展党员工作全程纪实表.{suffix}"
        for who in ("王晓燕", "刘明")  # 陈刚 stopped before the year: not a file of it
        for suffix in ("pdf", "docx")
    }
    as_packed = full_record_content(FILES["far"], today=TODAY, as_of=YEAR.end)
    days = [day for stage in as_packed.stages for line in stage.lines for day in line.dates]
    assert max(days) == dt.date(2025, 10, 10)  # the 2026 steps are not printed
    assert as_packed.standing.startswith("截至2025年12月31日为预备党员")
    today = full_record_content(FILES["far"], today=TODAY)
    assert max(d for s in today.stages for line in s.lines for d in line.dates) > YEAR.end
