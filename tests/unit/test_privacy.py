"""What leaves the office shows personal data masked: ID numbers (first 6 and last 4
characters), birth dates (year and month), phone numbers (middle digits hidden) — in the
masked roster workbook, in records.json and in the printed roster."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest

from jianshi_desktop.db import models
from jianshi_desktop.domain.idcard import mask_id_number
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.domain.privacy import birth_month, mask_phone
from jianshi_desktop.services import demo, documents, roster
from jianshi_desktop.services.store import Store
from jianshi_desktop.submission.data import records_data

TODAY = dt.date(2026, 11, 26)
FULL_ID = "42282219731125116X"  # 丁雪艳 in the demo roster, born 1973-11-25


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("42282219731125116X", "422822********116X"),
        ("42282219731125116x", "422822********116X"),
        ("422822197311251163", "422822********1163"),
        ("422822731125116", "422822*****5116"),  # 15 digits
        ("4228 2219 7311 2511 6X", "422822********116X"),  # spaces tidied first
        ("４２２８２２１９７３１１２５１１６Ｘ", "422822********116X"),  # full width
        ("42282219731125", "422822****1125"),  # malformed: 14 characters
        ("42282219731125116X12", "422822**********6X12"),  # malformed: 20 characters
        ("4228221973", "**********"),  # 10 or fewer: nothing shown
        ("422", "***"),
        ("", ""),
    ],
)
def test_id_numbers_show_only_the_first_6_and_last_4(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


def test_a_masked_18_digit_number_hides_the_whole_birth_date() -> None:
    masked = mask_id_number(FULL_ID)
    assert masked[6:14] == "*" * 8 and "19731125" not in masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("+8613812345678", "138****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        ("0718-3322123", "0718-*****23"),
        ("07183322123", "0718-*****23"),
        ("010-12345678", "010-******78"),
        ("0718-3322123-8021", "0718-*****23-****"),
        ("123456", "****56"),  # short: the last 2 digits at most
        ("8021", "****"),
        ("110", "***"),
        ("0086 138 1234 5678 转", "008********5678转"),  # anything else, 11+ digits
        ("", ""),
        (None, ""),
    ],
)
def test_phone_numbers_are_masked(phone: str | None, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_birth_month() -> None:
    assert birth_month(dt.date(1973, 11, 25)) == "1973-11"
    assert birth_month(dt.date(1905, 1, 2)) == "1905-01"
    assert birth_month(None) == ""


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    member = models.Member.get(models.Member.id_number == FULL_ID)
    member.phone = "13812345678"
    member.save()
    return store


def _row_of(sheet: object, name: str) -> tuple[object, ...]:
    rows = sheet.iter_rows(min_row=3, values_only=True)  # type: ignore[attr-defined]
    return next(r for r in rows if r[1] == name)


def test_a_masked_roster_workbook_shows_year_month_and_masked_phone(
    branch: Store, tmp_path: Path
) -> None:
    out = tmp_path / "masked.xlsx"
    roster.export_roster(out, mask_ids=True, today=TODAY)
    sheet = openpyxl.load_workbook(out).active
    assert sheet.cell(row=2, column=5).value == "出生年月"
    row = _row_of(sheet, "丁雪艳")
    assert row[4] == "1973-11"
    assert row[5] == "422822********116X"
    assert row[8] == "138****5678"
    for values in sheet.iter_rows(min_row=3, values_only=True):
        birth = values[4]
        if values[1] and birth is not None and not str(values[0]).startswith("制表"):
            assert re.fullmatch(r"\d{4}-\d{2}", str(birth)), values
        assert "13812345678" not in [str(v) for v in values]
    text = " ".join(str(v) for r in sheet.iter_rows(values_only=True) for v in r if v is not None)
    assert "1973-11-25" not in text and "19731125" not in text and FULL_ID not in text


def test_a_masked_export_imports_back_without_changing_anything(
    branch: Store, tmp_path: Path
) -> None:
    out = tmp_path / "masked.xlsx"
    count = roster.export_roster(out, mask_ids=True, today=TODAY)
    again = roster.preview_import(out, today=TODAY)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": count, "problem": 0}
    phone_row = next(r for r in again.rows if r.fields.name == "丁雪艳")
    assert any("联系电话" in w.message for w in phone_row.warnings)
    member = models.Member.get(models.Member.id_number == FULL_ID)
    assert member.phone == "13812345678"


def test_the_secretarys_own_export_stays_complete(branch: Store, tmp_path: Path) -> None:
    out = tmp_path / "full.xlsx"
    roster.export_roster(out, today=TODAY)
    sheet = openpyxl.load_workbook(out).active
    assert sheet.cell(row=2, column=5).value == "出生日期"
    row = _row_of(sheet, "丁雪艳")
    assert row[4] == dt.datetime(1973, 11, 25)
    assert row[5] == FULL_ID
    assert row[8] == "13812345678"


def test_records_json_carries_no_birth_date_or_phone(branch: Store) -> None:
    data = records_data(
        parse_period("2026-07"), full_ids=False, include_confidential=False, today=TODAY
    )
    text = json.dumps(data, ensure_ascii=False)
    assert FULL_ID not in text and "1973-11-25" not in text and "13812345678" not in text
    member = next(m for m in data["members"] if m["name"] == "丁雪艳")
    assert member["id_number"] == "422822********116X"
    assert not {"birth_date", "phone"} & set(member)


def test_the_printed_roster_shows_year_and_month_only(branch: Store, tmp_path: Path) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    (pdf,) = documents.write(documents.roster(masked=True, today=TODAY), tmp_path, "r", "pdf")
    with pdfplumber.open(pdf) as opened:
        text = "\n".join(page.extract_text() or "" for page in opened.pages)
    assert "1973.11" in text
    assert "1973.11.25" not in text and "1973-11-25" not in text
    assert "422822********116X" in text and FULL_ID not in text
    assert "13812345678" not in text
