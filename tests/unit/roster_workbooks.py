"""Roster workbooks for tests, built with openpyxl at test time (no binary files kept).

Real rosters are messy: title rows, merged cells, columns in any order under other
names, dates typed by hand, blank lines, notes under the table. These helpers write such
workbooks cell by cell so that each test says exactly what its file looks like.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

from jianshi_desktop.domain.idcard import check_char

STANDARD_HEADERS = (
    "序号",
    "姓名",
    "性别",
    "民族",
    "出生日期",
    "身份证号码",
    "学历",
    "工作岗位",
    "联系电话",
    "入党时间",
    "转正时间",
    "人员类别",
    "所在党小组",
    "备注",
)
TITLE = "中共建始县某某小学支部委员会党员花名册"


def id_number(birth: dt.date, *, male: bool, serial: int = 12, region: str = "422822") -> str:
    """A valid 18-digit ID number: region, birth date, serial with gender, check char."""
    gender_digit = (serial % 5) * 2 + (1 if male else 0)
    first17 = f"{region}{birth:%Y%m%d}{serial % 100:02d}{gender_digit}"
    return first17 + check_char(first17)


def wrong_check(number: str) -> str:
    """The same number with a wrong last character."""
    return number[:17] + ("0" if number[17] != "0" else "1")


def person(serial: int, **changes: object) -> dict[str, object]:
    """A valid member as a dict of standard header → cell value (dates as datetimes)."""
    birth = dt.date(1970 + serial % 25, 1 + serial % 12, 1 + serial % 28)
    male = serial % 2 == 1
    joined = dt.date(birth.year + 25, 7, 1)
    values: dict[str, object] = {
        "序号": serial,
        "姓名": "张李王赵刘陈杨黄周吴"[serial % 10] + "晓明丽华建国秀英志强"[serial % 9] + "文",
        "性别": "男" if male else "女",
        "民族": "土家族" if serial % 3 else "汉族",
        "出生日期": dt.datetime(birth.year, birth.month, birth.day),
        "身份证号码": id_number(birth, male=male, serial=serial),
        "学历": "大学本科",
        "工作岗位": "教师",
        "联系电话": f"138{serial:08d}",
        "入党时间": dt.datetime(joined.year, joined.month, joined.day),
        "转正时间": dt.datetime(joined.year + 1, joined.month, joined.day),
        "人员类别": "正式党员",
        "所在党小组": "第一党小组" if serial % 2 else "第二党小组",
        "备注": "",
    }
    values.update(changes)
    return values


def table(
    people: Iterable[Mapping[str, object]],
    headers: Sequence[str] = STANDARD_HEADERS,
    *,
    names: Mapping[str, str] | None = None,
) -> list[list[object]]:
    """Header row plus one row per person; ``names`` renames standard headers."""
    names = names or {}
    rows: list[list[object]] = [[names.get(h, h) for h in headers]]
    rows += [[p.get(h) for h in headers] for p in people]
    return rows


def write(
    path: Path,
    rows: Sequence[Sequence[object] | None],
    *,
    merges: Sequence[str] = (),
    text_columns: Sequence[int] = (),
    title: str = "党员花名册",
    extra_sheets: Sequence[str] = (),
) -> Path:
    """Write ``rows`` from A1 down (``None`` for a blank line); returns ``path``.

    ``text_columns`` (1-based) get the text format ``@`` as a careful secretary sets it.
    """
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values or (), start=1):
            if value is None:
                continue
            cell = sheet.cell(row=r, column=c, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed text, not a formula
            if c in text_columns:
                cell.number_format = "@"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for merged in merges:
        sheet.merge_cells(merged)
    for name in extra_sheets:
        workbook.create_sheet(name)
    workbook.save(path)
    return path


def roster(path: Path, people: Iterable[Mapping[str, object]]) -> Path:
    """The usual layout: merged title row, standard header, one row per person."""
    rows: list[Sequence[object] | None] = [[TITLE], *table(people)]
    return write(path, rows, merges=("A1:N1",), text_columns=(6, 9))


def many_people(count: int, *, start: int = 1) -> list[dict[str, object]]:
    """``count`` distinct valid members with unique ID numbers."""
    found: list[dict[str, object]] = []
    seen: set[str] = set()
    serial = start
    while len(found) < count:
        candidate = person(serial)
        if candidate["身份证号码"] not in seen:
            seen.add(str(candidate["身份证号码"]))
            found.append(candidate)
        serial += 1
    return found


def digits_only_serial(start: int = 1) -> int:
    """The first serial from ``start`` whose ID number has no X (it fits in a number)."""
    return next(i for i in range(start, start + 100) if str(person(i)["身份证号码"]).isdigit())
