"""The Excel 花名册: import (with a preview), the problem-row workbook, and export.

Import is two steps, so that nothing is saved before the user has seen it:

1. :func:`preview_import` reads the workbook (:func:`read_roster`), checks every row
   with the member rules and matches it to the members already registered: by ID
   number, else by exact name when exactly one member has that name. Each row becomes a
   :class:`PreviewRow` with its action (new / update / unchanged / problem), the field
   changes of an update and every problem (row number, column as headed in the file,
   Chinese message). Errors block a row; warnings do not.
2. :func:`apply_import` saves all valid rows in one transaction.

The workbooks secretaries really have are read: title rows and merged cells above the
header, the header anywhere in the first 15 rows, columns in any order under their usual
names, dates as Excel dates or typed by hand, stray spaces, blank lines, a 党小组 cell
merged over its members, and notes under the table (填表人 …).

A blank cell never erases what is stored: a roster without a 备注 column, or with an
empty 联系电话, leaves those fields of an existing member as they are.

Limits: a file over 20 MB is refused before it is opened; the workbook is read in
openpyxl's read-only (streaming) mode and refused as soon as more than 5,000 rows with
content are found below the header. Only rows with content are kept, so a sheet whose
formatting reaches row 1,048,576 but holds a few members reads as quickly as a small one.
ID numbers and phones are normalised (every digit ASCII, invisible characters removed)
before they are compared or stored, so one person is never registered twice.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import logging
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from peewee import chunked, fn

from jianshi_desktop.db.models import AuditLog, Branch, Member, MemberEvent, PartyGroup
from jianshi_desktop.documents.workbook import new_workbook, put, save_workbook, unguard_text
from jianshi_desktop.domain.dates import DateParseError, add_years, parse_date
from jianshi_desktop.domain.enums import Gender, MemberEventKind, MemberState, MemberStatus
from jianshi_desktop.domain.idcard import (
    mask_id_number,
    normalise_id_number,
)
from jianshi_desktop.domain.members import FIELD_LABELS, MemberFields, validate_member
from jianshi_desktop.domain.privacy import birth_month, mask_phone
from jianshi_desktop.domain.text import clean, invisible_note, squeeze, to_half_width
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import backups, history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import branch_name_on, current_branch, has_branch
from jianshi_desktop.services.members import (
    fields_of,
    normalise_fields,
    stored_fields,
    update_member,
)

log = logging.getLogger(__name__)

HEADER_SEARCH_ROWS = 15
MAX_FILE_MB = 20
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024  # checked before the file is opened
MAX_DATA_ROWS = 5000  # rows with content below the header, counted while streaming
_BATCH = 50  # rows per INSERT: 17 columns x 50 stays under SQLite's 999 variables
IMPORT_NOTE = "从花名册导入"
PROBLEM_COLUMN = "问题说明"

# Accepted column names, compared after removing spaces (also U+3000), full-width forms,
# a bracketed remark and a trailing * or colon: "姓　名", "出生年月（年.月）", "姓名*".
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("姓名",),
    "gender": ("性别",),
    "ethnicity": ("民族",),
    "birth_date": ("出生日期", "出生年月", "出生年月日"),
    "id_number": (
        "身份证号",
        "身份证号码",
        "公民身份号码",
        "身份证",
        "公民身份证号码",
        "身份证件号码",
    ),
    "education": ("学历", "文化程度", "最高学历"),
    "position": (
        "工作岗位",
        "职务",
        "岗位",
        "工作单位及职务",
        "工作岗位/职务",
        "工作岗位及职务",
        "现任职务",
    ),
    "phone": ("联系电话", "手机号码", "电话", "手机", "手机号", "联系方式"),
    "joined_on": ("入党时间", "入党日期"),
    "full_member_on": ("转正时间", "转正日期"),
    "status": ("人员类别", "党员类型", "党员类别"),
    "party_group": ("所在党小组", "党小组"),
    "notes": ("备注",),
}
REQUIRED_COLUMNS = ("name", "joined_on")
SILENTLY_IGNORED = frozenset({"序号", "编号", PROBLEM_COLUMN})
_ALIASES = {alias: name for name, aliases in COLUMN_NAMES.items() for alias in aliases}

# The first words of a note under the table (after spaces are removed).
_NOTE = re.compile(
    r"^(填表|填报|审核|审批|审签|制表|统计|报送|说明|注[:：\d、.(（]|注$|备注[:：]|负责人|"
    r"联系人|经办人|单位负责人|书记签|签字|盖章|\(盖章\)|（盖章）|合计|共计|小计|总计|以下)"
)
_STATUS = {
    "正式党员": MemberStatus.FULL,
    "正式": MemberStatus.FULL,
    "中共党员": MemberStatus.FULL,
    "党员": MemberStatus.FULL,
    "预备党员": MemberStatus.PROBATIONARY,
    "预备": MemberStatus.PROBATIONARY,
    "中共预备党员": MemberStatus.PROBATIONARY,
}
_GENDER = {"男": Gender.MALE, "男性": Gender.MALE, "女": Gender.FEMALE, "女性": Gender.FEMALE}
# Written without 族 by many secretaries; stored with it.
_ETHNIC_SHORT = frozenset(
    {"汉", "土家", "苗", "侗", "白", "回", "蒙古", "壮", "满", "彝", "瑶", "藏", "布依"}
)
_DATE_FIELDS = ("birth_date", "joined_on", "full_member_on")

EXPORT_COLUMNS = (
    ("序号", 6),
    ("姓名", 10),
    ("性别", 6),
    ("民族", 8),
    ("出生日期", 12),
    ("身份证号码", 21),
    ("学历", 10),
    ("工作岗位", 14),
    ("联系电话", 14),
    ("入党时间", 12),
    ("转正时间", 12),
    ("人员类别", 10),
    ("所在党小组", 12),
    ("备注", 16),
)
EXPORT_HEADERS = tuple(text for text, _ in EXPORT_COLUMNS)
MASKED_BIRTH_HEADER = "出生年月"  # the masked export's 出生日期 column: year and month only


class RowAction(StrEnum):
    """What importing a row will do."""

    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    PROBLEM = "problem"

    @property
    def label(self) -> str:
        return {"new": "新增", "update": "更新", "unchanged": "无变化", "problem": "有问题"}[
            self.value
        ]


@dataclass(frozen=True)
class RowProblem:
    """One problem in one row: the Excel row number, the column as headed in the file."""

    row: int
    column: str
    field: str
    message: str
    severity: str = "error"  # "error" keeps the row out; "warning" is shown and imported

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class FieldChange:
    """One field an update changes, old and new as the screen shows them."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class SkippedLine:
    """A line that is not a member: a note under the table, a repeated header."""

    row: int
    text: str
    reason: str


@dataclass(frozen=True)
class RosterRow:
    """A data row as read, before it is matched to the members already registered.

    ``fields`` holds what the row gives (blank fields at their defaults); ``given``
    names the fields that had a value in the file.
    """

    row: int
    fields: MemberFields
    given: frozenset[str]
    problems: tuple[RowProblem, ...]
    values: tuple[Any, ...]  # the cells as read, one per column of ``RosterSheet.headers``
    id_masked: bool = False
    month_only: frozenset[str] = frozenset()  # date fields given as a year and month only


@dataclass(frozen=True)
class RosterSheet:
    """A roster workbook as read: where the table is, its columns and its rows."""

    path: Path
    sheet: str
    header_row: int  # the last header row when the header takes two rows
    headers: tuple[str, ...]  # header text as in the file, one per column ("" if none)
    columns: dict[str, int]  # field → 0-based column index
    ignored_columns: tuple[str, ...]
    rows: tuple[RosterRow, ...]
    skipped: tuple[SkippedLine, ...]

    def header_of(self, field_name: str) -> str:
        index = self.columns.get(field_name)
        if index is None:
            return FIELD_LABELS.get(field_name, "")
        return self.headers[index]


@dataclass(frozen=True)
class PreviewRow:
    """One row of the import preview."""

    row: int
    fields: MemberFields  # what will be saved (for an update: the stored fields overlaid)
    action: RowAction
    member_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    problems: tuple[RowProblem, ...] = ()
    values: tuple[Any, ...] = ()

    @property
    def errors(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[RowProblem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


@dataclass(frozen=True)
class ImportPreview:
    """Everything the import will do, shown before anything is saved."""

    sheet: RosterSheet
    rows: tuple[PreviewRow, ...]
    today: dt.date

    @property
    def path(self) -> Path:
        return self.sheet.path

    def with_action(self, action: RowAction) -> tuple[PreviewRow, ...]:
        return tuple(r for r in self.rows if r.action is action)

    @property
    def problem_rows(self) -> tuple[PreviewRow, ...]:
        return self.with_action(RowAction.PROBLEM)

    @property
    def problems(self) -> tuple[RowProblem, ...]:
        """Every problem, errors and warnings, in row order."""
        return tuple(p for r in self.rows for p in r.problems)

    @property
    def has_errors(self) -> bool:
        return bool(self.problem_rows)

    def counts(self) -> dict[str, int]:
        return {action.value: len(self.with_action(action)) for action in RowAction}


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int  # problem rows, not imported


# ---------------------------------------------------------------------------- reading


def _header_key(value: object) -> str:
    text = to_half_width(squeeze(value))
    text = re.sub(r"\(.*?\)", "", text)
    return text.strip("*:")


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not squeeze(value))


def _text(value: object) -> str:
    """A cell as text; a whole number typed into a text column loses its ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, str):  # the apostrophe the app's writer puts before "=…" goes
        return clean(unguard_text(value))
    return clean(value)


def _refuse(path: Path, what: str, hint: str) -> UserError:
    return UserError(f"无法导入“{path.name}”：{what}", hint=hint)


_RESAVE = "请在 Excel 或 WPS 中打开它，“另存为”Excel 工作簿（.xlsx）后再导入。"
# What zipfile and openpyxl raise on a damaged workbook, found by damaging every part and
# thousands of bytes of a roster (tests/unit/test_roster.py): a broken zip (BadZipFile,
# zlib.error, EOFError; an unknown compression method: NotImplementedError; an entry
# marked encrypted: RuntimeError), a missing part (KeyError), broken XML (SyntaxError:
# lxml's and ElementTree's ParseError) and values of the wrong kind (ValueError, TypeError).
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    SyntaxError,
    ValueError,
    TypeError,
)


def _load_workbook(path: Path, what: str = "花名册") -> Any:
    """The workbook, or a :class:`UserError` that names the file and what to do (``what``:
    the kind of list, as the messages name it)."""
    import openpyxl

    if not path.is_file():
        raise _refuse(path, "找不到这个文件。", f"请确认文件“{path}”存在。")
    try:
        _check_size(path, what)
        with path.open("rb") as handle:
            magic = handle.read(8)
            if magic.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: .xls, or encrypted
                if path.suffix.lower() in {".xls", ".et"}:
                    raise _refuse(path, "这是旧版 Excel 格式（.xls）。", _RESAVE)
                raise _refuse(
                    path,
                    "文件设置了打开密码（或是旧版 .xls 格式），无法读取。",
                    "请在 Excel 中去掉打开密码（文件→信息→保护工作簿→用密码进行加密，清空"
                    "密码），保存为 .xlsx 后再导入。",
                )
            if not magic.startswith(b"PK"):
                raise _refuse(
                    path,
                    "这不是 Excel 工作簿（.xlsx）。",
                    f"请选择 .xlsx 格式的{what}；.csv 或 .xls 文件" + _RESAVE,
                )
            handle.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # openpyxl's notes on styles, not for users
                # Read-only: the sheets are streamed row by row, never held in memory
                # whole (the merge ranges are read by :func:`_stream_rows`).
                return openpyxl.load_workbook(
                    io.BytesIO(handle.read()), read_only=True, data_only=True, keep_links=False
                )
    except UserError:
        raise
    except OSError as exc:
        raise _refuse(
            path,
            f"无法读取文件（{exc.strerror or exc}）。",
            "请关闭正在使用它的程序，或把它复制到桌面后再导入。",
        ) from exc
    except _DAMAGED as exc:
        log.info("Cannot read %s as a workbook: %r", path, exc)
        raise _refuse(
            path, "文件无法作为 Excel 工作簿读取，可能已损坏或不是 Excel 文件。", _RESAVE
        ) from exc


def _check_size(path: Path, what: str = "花名册") -> None:
    """A file over :data:`MAX_FILE_BYTES` is refused before it is opened."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _refuse(
            path,
            f"文件有{size / 1024 / 1024:.1f} MB，超过了{what}导入的上限（{MAX_FILE_MB} MB）。",
            f"{what}一般只有几百 KB。请删去其中的图片、多余的工作表、表格下方的空行和格式"
            "（或把表格复制到一个新工作簿），另存后再导入；人数很多时请分成几个文件导入。",
        )


def _too_many_rows(path: Path, sheet_title: str, what: str = "花名册") -> UserError:
    return _refuse(
        path,
        f"工作表“{sheet_title}”的表头下面超过{MAX_DATA_ROWS}行有内容，"
        f"超过了一次导入的上限（{MAX_DATA_ROWS}行）。",
        f"请把{what}分成几个文件（每个不超过{MAX_DATA_ROWS}行）分别导入；如果实际没有这么多"
        "党员，请删去表格下方多余的行（包括只有格式或空格的行）后另存再导入。",
    )


def _header_fields(row: Sequence[object]) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, value in enumerate(row):
        name = _ALIASES.get(_header_key(value))
        if name and name not in found.values():
            found[index] = name
    return found


@dataclass
class _Header:
    sheet: Any
    row: int  # 1-based, the last header row
    fields: dict[int, str]
    headers: list[str]


def _top_rows(sheet: Any) -> list[list[Any]]:
    """The first 16 rows (a read-only sheet streams them and stops)."""
    if hasattr(sheet, "reset_dimensions"):
        # A read-only sheet trusts the file's "dimension", which some programs write
        # wrong (too small: cells cut off; a million rows: padding): read what is there.
        sheet.reset_dimensions()
    return [list(r) for r in sheet.iter_rows(max_row=HEADER_SEARCH_ROWS + 1, values_only=True)]


def _find_header(sheet: Any, top: list[list[Any]] | None = None) -> _Header | None:
    """The first row among the first 15 that names 姓名 and another known column."""
    top = _top_rows(sheet) if top is None else top
    best: _Header | None = None
    for index, values in enumerate(top[:HEADER_SEARCH_ROWS]):
        found = _header_fields(values)
        if len(found) < 2:
            continue
        header = _Header(sheet, index + 1, found, [_text(v) for v in values])
        if "name" in found.values():
            _merge_second_header_row(header, top[index + 1] if index + 1 < len(top) else [])
            return header
        if best is None or len(found) > len(best.fields):
            best = header
    return best


def _merge_second_header_row(header: _Header, below: Sequence[object]) -> None:
    """A two-row header (联系方式 over 手机 and 电话): the sub-headers name the columns."""
    name_col = next(c for c, f in header.fields.items() if f == "name")
    if name_col < len(below) and not _is_blank(below[name_col]):
        return  # the row below is data
    sub = _header_fields(below)
    if not sub:
        return
    for col, name in sub.items():
        for old in [c for c, f in header.fields.items() if f == name]:
            del header.fields[old]  # the group header gives way to its sub-header
        header.fields[col] = name
    header.headers.extend([""] * (len(below) - len(header.headers)))
    for col, value in enumerate(below):
        if not _is_blank(value):
            header.headers[col] = _text(value)
    header.row += 1


def _missing_columns(path: Path, header: _Header) -> UserError:
    missing = [f for f in REQUIRED_COLUMNS if f not in header.fields.values()]
    wanted = "；".join(
        f"“{FIELD_LABELS[f]}”（找的列名：{'、'.join(COLUMN_NAMES[f])}）" for f in missing
    )
    return _refuse(
        path,
        f"工作表“{header.sheet.title}”的表头（第{header.row}行）中没有{wanted}列。",
        "请把这一列的表头改成上面的某个名称后重新导入。",
    )


def _choose_sheet(path: Path, workbook: Any) -> _Header:
    sheets = list(workbook.worksheets)
    if workbook.active in sheets:  # the sheet the file opens on comes first
        sheets.remove(workbook.active)
        sheets.insert(0, workbook.active)
    partial: _Header | None = None
    empty = True
    for sheet in sheets:
        top = _top_rows(sheet)
        if any(not _is_blank(v) for row in top for v in row):
            empty = False
        header = _find_header(sheet, top)
        if header is None:
            continue
        if all(f in header.fields.values() for f in REQUIRED_COLUMNS):
            return header
        partial = partial or header
    if partial is not None:
        raise _missing_columns(path, partial)
    if empty:
        raise _refuse(path, "工作簿是空的，没有可导入的内容。", "请确认选对了文件。")
    raise _refuse(
        path,
        f"在前{HEADER_SEARCH_ROWS}行中没有找到花名册的表头"
        "（应有“姓名”“身份证号码”“入党时间”等列）。",
        f"请确认选对了文件，并且表头在前{HEADER_SEARCH_ROWS}行之内。",
    )


def _width(header: _Header) -> int:
    """Columns up to the last one with a header that means something."""
    return max(
        [max(header.fields) + 1]
        + [i + 1 for i, h in enumerate(header.headers) if h and _header_key(h)]
    )


def _stream_rows(
    path: Path, header: _Header, width: int, what: str = "花名册"
) -> tuple[dict[int, list[Any]], list[tuple[int, int, int, int]]]:
    """The sheet's rows with content (Excel row number → the first ``width`` values) and
    its merged ranges (min_col, min_row, max_col, max_row), in one streaming pass.

    Rows without content (also those with formatting only) are not kept; more than
    :data:`MAX_DATA_ROWS` rows with content below the header stops the reading.
    """
    from openpyxl.worksheet._reader import WorkSheetParser
    from openpyxl.worksheet.cell_range import CellRange

    sheet = header.sheet
    book = sheet.parent
    rows: dict[int, list[Any]] = {}
    below = 0
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=book.data_only,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            values: list[Any] = [None] * width
            for cell in cells:
                if cell["column"] <= width:
                    values[cell["column"] - 1] = cell["value"]
            if all(_is_blank(v) for v in values):
                continue
            rows[number] = values
            if number > header.row:
                below += 1
                if below > MAX_DATA_ROWS:
                    raise _too_many_rows(path, str(sheet.title), what)
        merged = parser.merged_cells.mergeCell if parser.merged_cells else []
    return rows, [CellRange(m.ref).bounds for m in merged]


def _data_rows(
    path: Path, header: _Header, width: int, what: str = "花名册"
) -> list[tuple[int, list[Any]]]:
    """The rows with content below the header (Excel row number, values), with vertically
    merged cells filled down."""
    rows, merges = _stream_rows(path, header, width, what)
    numbers = sorted(n for n in rows if n > header.row)
    for min_col, min_row, _max_col, max_row in merges:
        col = min_col - 1
        if max_row == min_row or max_row <= header.row or col >= width:
            continue
        value = rows[min_row][col] if min_row in rows else None
        first = bisect.bisect_left(numbers, max(min_row, header.row + 1))
        last = bisect.bisect_right(numbers, max_row)
        for number in numbers[first:last]:
            if rows[number][col] is None:
                rows[number][col] = value
    return [(n, rows[n]) for n in numbers]


def read_roster(path: Path) -> RosterSheet:
    """Read a roster workbook (no database needed); raises :class:`UserError`."""
    path = Path(path)
    workbook = _load_workbook(path)
    try:
        header = _choose_sheet(path, workbook)
        width = _width(header)
        rows = _data_rows(path, header, width)
    except UserError:
        raise
    except _DAMAGED as exc:  # a damaged sheet shows only when it is streamed
        log.info("Cannot read the sheets of %s: %r", path, exc)
        raise _refuse(
            path, "文件无法作为 Excel 工作簿读取，可能已损坏或不是 Excel 文件。", _RESAVE
        ) from exc
    finally:
        workbook.close()
    headers = tuple((header.headers + [""] * width)[:width])
    ignored = tuple(
        h
        for i, h in enumerate(headers)
        if h and i not in header.fields and _header_key(h) not in SILENTLY_IGNORED
    )
    reader = _RowReader(
        columns={f: c for c, f in header.fields.items()},
        headers=headers,
        header_keys={_header_key(h) for h in headers if h},
        seq_col=next(
            (i for i, h in enumerate(headers) if _header_key(h) in {"序号", "编号"}), None
        ),
    )
    parsed: list[RosterRow] = []
    skipped: list[SkippedLine] = []
    seen_blank_after_data = False
    previous = header.row
    for excel_row, values in rows:
        if excel_row > previous + 1:  # blank lines in between
            seen_blank_after_data = seen_blank_after_data or bool(parsed)
        previous = excel_row
        kind = reader.classify(values, after_gap=seen_blank_after_data)
        if kind == "blank":
            seen_blank_after_data = seen_blank_after_data or bool(parsed)
            continue
        if kind != "member":
            skipped.append(SkippedLine(excel_row, reader.line_text(values), kind))
            continue
        parsed.append(reader.read(excel_row, values))
    if not parsed:
        raise _refuse(
            path,
            f"工作表“{header.sheet.title}”的表头（第{header.row}行）下面没有党员信息。",
            "请确认党员信息填在表头下面。",
        )
    return RosterSheet(
        path=path,
        sheet=str(header.sheet.title),
        header_row=header.row,
        headers=headers,
        columns=reader.columns,
        ignored_columns=ignored,
        rows=tuple(parsed),
        skipped=tuple(skipped),
    )


@dataclass
class _RowReader:
    columns: dict[str, int]
    headers: tuple[str, ...]
    header_keys: set[str]
    seq_col: int | None = None

    def header_of(self, field_name: str) -> str:
        return self.headers[self.columns[field_name]]

    def line_text(self, values: Sequence[object]) -> str:
        return " ".join(_text(v) for v in values if not _is_blank(v))

    def classify(self, values: Sequence[object], *, after_gap: bool) -> str:
        """``blank``, ``member``, or why the line is skipped."""
        seq = self.seq_col
        filled = [(i, v) for i, v in enumerate(values) if not _is_blank(v)]
        data = [(i, v) for i, v in filled if not (i == seq and isinstance(v, int | float))]
        if not data:
            return "blank"  # also a template row numbered in 序号 only
        if _NOTE.match(to_half_width(squeeze(_text(filled[0][1])))):
            return "表下说明"
        keys = {_header_key(v) for _, v in data}
        if len(keys & self.header_keys) >= max(2, len(data) // 2):
            return "重复的表头"
        if len(data) == 1 and (data[0][0] != self.columns["name"] or after_gap):
            return "表下说明"
        return "member"

    def read(self, excel_row: int, values: Sequence[Any]) -> RosterRow:
        problems: list[RowProblem] = []
        given: dict[str, Any] = {}

        def cell(name: str) -> Any:
            index = self.columns.get(name)
            return None if index is None else values[index]

        def problem(name: str, message: str, severity: str = "error") -> None:
            problems.append(RowProblem(excel_row, self.header_of(name), name, message, severity))

        for name in ("name", "id_number", "phone"):  # removed below; said so here
            note = invisible_note(self.header_of(name), cell(name)) if name in self.columns else ""
            if note:
                problem(name, note, "warning")

        for name in ("name", "ethnicity", "education", "position", "party_group", "notes"):
            text = _text(cell(name))
            if text:
                if name == "ethnicity" and squeeze(text) in _ETHNIC_SHORT:
                    text = squeeze(text) + "族"
                given[name] = text
        gender = squeeze(cell("gender"))
        if gender:
            if gender in _GENDER:
                given["gender"] = _GENDER[gender]
            else:
                problem("gender", f"性别“{gender}”看不懂，请填写“男”或“女”。")
        status = to_half_width(squeeze(cell("status")))
        if status:
            if status in _STATUS:
                given["status"] = _STATUS[status]
            else:
                problem("status", f"人员类别“{status}”看不懂，请填写“正式党员”或“预备党员”。")
        month_only: set[str] = set()
        for name in _DATE_FIELDS:
            value = cell(name)
            if _is_blank(value):
                continue
            try:
                parsed = parse_date(value)
            except DateParseError as exc:
                problem(name, exc.message)
                continue
            given[name] = parsed.value
            if parsed.precision == "month":
                month_only.add(name)
        phone = cell("phone")
        if not _is_blank(phone):
            if "*" in _text(phone):  # a masked copy (138****5678): the number is not there
                problem(
                    "phone",
                    "联系电话中间几位被隐藏，没有导入；已登记的号码保持不变。",
                    "warning",
                )
            else:
                given["phone"] = _text(phone)
        id_masked = False
        raw_id = cell("id_number")
        if isinstance(raw_id, int | float) and not isinstance(raw_id, bool) and raw_id >= 1e15:
            # Excel keeps 15 digits of a number: the last three and an X are gone.
            problem(
                "id_number",
                f"身份证号码被 Excel 存成了数字（显示为 {raw_id:.5E}），末尾几位和 X 已经丢失。"
                "请把该列设为文本格式后重新填写。",
            )
        elif not _is_blank(raw_id):
            number = normalise_id_number(_text(raw_id))  # a short number: the rules say why
            if "*" in number:
                id_masked = True
            else:
                given["id_number"] = number
        fields_ = normalise_fields(replace(MemberFields(name=""), **given))
        return RosterRow(
            row=excel_row,
            fields=fields_,
            given=frozenset(given),
            problems=tuple(problems),
            values=tuple(values),
            id_masked=id_masked,
            month_only=frozenset(month_only),
        )


# ---------------------------------------------------------------------------- preview


@dataclass
class _Registered:
    """The members already registered, loaded once (no query per row)."""

    fields: dict[int, MemberFields] = field(default_factory=dict)
    state: dict[int, MemberState] = field(default_factory=dict)
    by_id_number: dict[str, int] = field(default_factory=dict)
    by_name: dict[str, list[int]] = field(default_factory=dict)  # active members only

    @classmethod
    def load(cls) -> _Registered:
        found = cls()
        groups = {g.id: str(g.name) for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
        for m in Member.select():
            found.fields[m.id] = fields_of(m, groups.get(m.party_group_id or 0, ""))
            found.state[m.id] = m.state
            if m.id_number:  # one stored before numbers were normalised is matched too
                found.by_id_number[normalise_id_number(m.id_number)] = m.id
            if m.state is MemberState.ACTIVE:
                found.by_name.setdefault(m.name, []).append(m.id)
        return found

    def match(self, fields_: MemberFields) -> int | None:
        if fields_.id_number:
            found = self.by_id_number.get(fields_.id_number)
            if found is not None:
                return found
        same_name = self.by_name.get(fields_.name, [])
        if len(same_name) != 1:
            return None
        stored_id = normalise_id_number(self.fields[same_name[0]].id_number)
        if fields_.id_number and stored_id and stored_id != fields_.id_number:
            return None  # a different person of the same name
        return same_name[0]


def display_value(field_name: str, value: object) -> str:
    """A field value as the preview shows it (ID numbers masked)."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Gender | MemberStatus):
        return value.label
    if field_name == "id_number":
        return mask_id_number(str(value))
    return str(value)


def _changes(old: MemberFields, new: MemberFields) -> tuple[FieldChange, ...]:
    old, new = stored_fields(old), stored_fields(new)
    return tuple(
        FieldChange(
            f.name,
            FIELD_LABELS[f.name],
            display_value(f.name, getattr(old, f.name)),
            display_value(f.name, getattr(new, f.name)),
        )
        for f in fields(MemberFields)
        if getattr(old, f.name) != getattr(new, f.name)
    )


def _new_member_status(row: RosterRow, merged: MemberFields, today: dt.date) -> MemberFields:
    """人员类别 left blank: a 转正时间, or a year since joining, means a full member."""
    if "status" in row.given or merged.full_member_on:
        return merged
    joined = merged.joined_on
    if joined and add_years(joined, 1) > today:
        return replace(merged, status=MemberStatus.PROBATIONARY)
    return replace(merged, status=MemberStatus.FULL)


@dataclass
class _Previewer:
    sheet: RosterSheet
    registered: _Registered
    today: dt.date
    id_rows: dict[str, int] = field(default_factory=dict)  # ID number → first row
    matched_rows: dict[int, int] = field(default_factory=dict)  # member id → first row
    new_names: dict[str, int] = field(default_factory=dict)  # name → first row (no ID)

    def problem(
        self, row: RosterRow, name: str, message: str, severity: str = "error"
    ) -> RowProblem:
        return RowProblem(row.row, self.sheet.header_of(name), name, message, severity)

    def preview(self, row: RosterRow) -> PreviewRow:
        problems = list(row.problems)
        member_id = self.registered.match(row.fields)
        base = self.registered.fields[member_id] if member_id else MemberFields(name="")
        overlay = {name: getattr(row.fields, name) for name in row.given}
        for name in row.month_only:  # 1973-11 does not erase a stored 1973-11-25
            stored = getattr(base, name)
            given_day = overlay[name]
            if stored and (stored.year, stored.month) == (given_day.year, given_day.month):
                del overlay[name]
        if overlay.get("status") is MemberStatus.PROBATIONARY and "full_member_on" not in overlay:
            overlay["full_member_on"] = None
        merged = normalise_fields(replace(base, **overlay))
        if member_id is None:
            merged = _new_member_status(row, merged, self.today)
            if "status" in self.sheet.columns and "status" not in row.given:
                problems.append(
                    self.problem(
                        row,
                        "status",
                        f"人员类别没有填写，按“{merged.status.label}”导入。",
                        "warning",
                    )
                )
        problems.extend(self._matching_problems(row, member_id, merged))
        already = {p.field for p in problems if p.is_error}
        problems.extend(
            self.problem(row, p.field, p.message, p.severity)
            for p in validate_member(merged, today=self.today)
            if p.field not in already
        )
        problems.sort(key=lambda p: (not p.is_error, _field_order(p.field)))
        changes: tuple[FieldChange, ...] = ()
        if any(p.is_error for p in problems):
            action = RowAction.PROBLEM
        elif member_id is None:
            action = RowAction.NEW
        else:
            changes = _changes(base, merged)
            action = RowAction.UPDATE if changes else RowAction.UNCHANGED
        self._remember(row, member_id, merged)
        return PreviewRow(
            row=row.row,
            fields=merged,
            action=action,
            member_id=member_id,
            changes=changes,
            problems=tuple(problems),
            values=row.values,
        )

    def _matching_problems(
        self, row: RosterRow, member_id: int | None, merged: MemberFields
    ) -> list[RowProblem]:
        found: list[RowProblem] = []
        number = row.fields.id_number
        if number and number in self.id_rows:
            found.append(
                self.problem(
                    row,
                    "id_number",
                    f"身份证号码与第{self.id_rows[number]}行重复，同一个人只能填一行，请核对。",
                )
            )
        elif member_id is not None and member_id in self.matched_rows:
            found.append(
                self.problem(
                    row,
                    "name",
                    f"与第{self.matched_rows[member_id]}行对应的是同一名已登记的党员"
                    f"“{merged.name}”，同一个人只能填一行，请核对。",
                )
            )
        if member_id is not None and self.registered.state[member_id] is not MemberState.ACTIVE:
            state = self.registered.state[member_id]
            found.append(
                self.problem(
                    row,
                    "id_number" if number else "name",
                    f"“{merged.name}”已{state.label.removeprefix('已')}，不在册；"
                    "如已回到本支部，请用“转入”登记，不能从花名册导入。",
                )
            )
        if row.id_masked:
            if member_id is not None and merged.id_number:
                found.append(
                    self.problem(
                        row,
                        "id_number",
                        "身份证号码中间几位被隐藏，已按姓名对应到已登记的党员，身份证号码保持不变。",
                        "warning",
                    )
                )
            else:
                found.append(
                    self.problem(
                        row,
                        "id_number",
                        "身份证号码不完整（中间几位被隐藏），请填写完整的18位号码。",
                    )
                )
        if (
            member_id is None
            and not merged.id_number
            and merged.name
            and merged.name in self.new_names
        ):
            found.append(
                self.problem(
                    row,
                    "name",
                    f"与第{self.new_names[merged.name]}行姓名相同，且都没有身份证号码，"
                    "将登记为两个人；如是同一人，请删去一行。",
                    "warning",
                )
            )
        return found

    def _remember(self, row: RosterRow, member_id: int | None, merged: MemberFields) -> None:
        if merged.id_number:
            self.id_rows.setdefault(merged.id_number, row.row)
        if member_id is not None:
            self.matched_rows.setdefault(member_id, row.row)
        elif not merged.id_number and merged.name:
            self.new_names.setdefault(merged.name, row.row)


_FIELD_ORDER = {f.name: i for i, f in enumerate(fields(MemberFields))}


def _field_order(name: str) -> int:
    return _FIELD_ORDER.get(name, len(_FIELD_ORDER))


def _require_branch() -> None:
    if not has_branch():
        raise UserError(
            "还没有建立支部，不能导入或导出花名册。",
            hint="请先打开程序窗口完成首次设置（或在命令行加 --demo 使用演示数据）。",
        )


def preview_import(path: Path, *, today: dt.date | None = None) -> ImportPreview:
    """Read the workbook and say what importing it would do; nothing is saved."""
    _require_branch()
    sheet = read_roster(Path(path))
    today = today or dt.date.today()
    previewer = _Previewer(sheet, _Registered.load(), today)
    rows = tuple(previewer.preview(row) for row in sheet.rows)
    return ImportPreview(sheet=sheet, rows=rows, today=today)


# ---------------------------------------------------------------------------- applying


def _stale(row: PreviewRow, message: str) -> UserError:
    return UserError(
        f"导入第{row.row}行“{row.fields.name}”时出错：{message}",
        hint="没有导入任何数据。花名册或已登记的党员可能在预览后有了变化，请重新预览后再导入。",
    )


def _check_still_current(new_rows: Sequence[PreviewRow]) -> None:
    """A member registered since the preview would be registered twice: refuse."""
    query = Member.select(Member.id_number, Member.name).where(Member.id_number.is_null(False))
    taken = {normalise_id_number(m.id_number): str(m.name) for m in query}
    for row in new_rows:
        owner = taken.get(row.fields.id_number) if row.fields.id_number else None
        if owner is not None:
            raise _stale(row, f"身份证号码已登记在“{owner}”名下。")


@dataclass
class _Groups:
    """The branch's party groups by name; a new name creates the group."""

    branch: Branch
    ids: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        query = PartyGroup.select(PartyGroup.id, PartyGroup.name)
        self.ids = {str(g.name): g.id for g in query.where(PartyGroup.branch == self.branch)}

    def id_for(self, name: str) -> int | None:
        if not name:
            return None
        if name not in self.ids:
            group = PartyGroup.create(branch=self.branch, name=name, position=len(self.ids))
            self.ids[name] = group.id
        return self.ids[name]


def _insert_new_members(branch: Branch, rows: Sequence[PreviewRow], today: dt.date) -> list[int]:
    """Register the new members with a few multi-row INSERTs (not three statements a row).

    The columns are set as :func:`services.members.add_member` sets them, with the same
    "added" event and an audit row per member.
    """
    if not rows:
        return []
    groups = _Groups(branch)
    now = dt.datetime.now().replace(microsecond=0)
    values = []
    for row in rows:
        f = stored_fields(normalise_fields(row.fields))
        values.append(
            {
                "branch": branch.id,
                "name": f.name,
                "id_number": f.id_number or None,
                "gender": f.gender,
                "ethnicity": f.ethnicity,
                "birth_date": f.birth_date,
                "education": f.education,
                "position": f.position,
                "phone": f.phone,
                "joined_on": f.joined_on,
                "full_member_on": f.full_member_on,
                "status": f.status,
                "state": MemberState.ACTIVE,
                "party_group": groups.id_for(f.party_group),
                "notes": f.notes,
                "created_at": now,
                "updated_at": now,
            }
        )
    last = Member.select(fn.MAX(Member.id)).scalar() or 0
    for batch in chunked(values, _BATCH):
        Member.insert_many(batch).execute()
    # In this transaction SQLite numbers new rows one after the other, in insert order.
    ids = [m.id for m in Member.select(Member.id).where(Member.id > last).order_by(Member.id)]
    if len(ids) != len(rows):
        raise RuntimeError(f"expected {len(rows)} new member rows, found {len(ids)}")
    events = [
        {
            "member": member_id,
            "kind": MemberEventKind.ADDED,
            "occurred_on": today,
            "note": IMPORT_NOTE,
            "recorded_at": now,
        }
        for member_id in ids
    ]
    audits = [
        {
            "at": now,
            "action": "add_member",
            "entity": "member",
            "entity_id": member_id,
            "summary": f"登记党员“{row.fields.name}”（{IMPORT_NOTE}）",
        }
        for member_id, row in zip(ids, rows, strict=True)
    ]
    for batch in chunked(events, _BATCH):
        MemberEvent.insert_many(batch).execute()
    for batch in chunked(audits, _BATCH):
        AuditLog.insert_many(batch).execute()
    return ids


def apply_import(preview: ImportPreview) -> ImportResult:
    """Save every valid row of the preview in one transaction (nothing if one fails).

    New members are inserted in bulk; updates go through
    :func:`services.members.update_member` (its checks, 转正 event and audit row), each
    a savepoint inside this transaction.
    """
    _require_branch()
    backups.backup_before(backups.IMPORT)  # the data before the import, kept
    branch = current_branch()
    new_rows = preview.with_action(RowAction.NEW)
    update_rows = preview.with_action(RowAction.UPDATE)
    with user_action("import_roster", entity="member") as audit:
        _check_still_current(new_rows)
        added_ids = _insert_new_members(branch, new_rows, preview.today)
        history.sync_group_spans(on=preview.today)  # the new members' 党小组 history
        for row in update_rows:
            assert row.member_id is not None
            try:
                update_member(row.member_id, row.fields, today=preview.today)
            except ValidationError as exc:
                raise _stale(row, exc.message) from exc
        result = ImportResult(
            added=len(new_rows),
            updated=len(update_rows),
            unchanged=len(preview.with_action(RowAction.UNCHANGED)),
            skipped=len(preview.problem_rows),
        )
        audit.summary = (
            f"从花名册“{preview.path.name}”导入：新增{result.added}名，更新{result.updated}名，"
            f"无变化{result.unchanged}名，有问题未导入{result.skipped}行"
        )
        audit.detail = {
            "file": preview.path.name,
            "sheet": preview.sheet.sheet,
            "added": added_ids,
            "updated": [row.member_id for row in update_rows],
            "unchanged": result.unchanged,
            "skipped_rows": [row.row for row in preview.problem_rows],
        }
    log.info("Roster %s imported: %s", preview.path.name, result)
    return result


# ---------------------------------------------------------------------------- writing


def _put(sheet: Any, row: int, col: int, value: object, number_format: str = "") -> Any:
    """One cell through the app's workbook writer: text that looks like a formula stays
    text, control characters go, dates stay dates."""
    return put(sheet, row, col, value, number_format)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def write_problem_rows(preview: ImportPreview, path: Path) -> int:
    """The problem rows as a workbook to fix and import again; returns how many."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet_info = preview.sheet
    headers = list(sheet_info.headers)
    id_col = sheet_info.columns.get("id_number")
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "问题行"
    bold = Font(bold=True)
    for col, text in enumerate([*headers, PROBLEM_COLUMN], start=1):
        _put(sheet, 1, col, text).font = bold
    fill = PatternFill("solid", fgColor="FFF2CC")
    rows = preview.problem_rows
    for index, row in enumerate(rows, start=2):
        values = (list(row.values) + [None] * len(headers))[: len(headers)]
        for col, value in enumerate(values, start=1):
            text_format = "@" if id_col is not None and col == id_col + 1 else ""
            _put(sheet, index, col, value, text_format)
        marked: set[int] = set()
        for problem in row.errors:
            col_index = sheet_info.columns.get(problem.field)
            if col_index is not None and col_index not in marked:
                marked.add(col_index)
                cell = sheet.cell(row=index, column=col_index + 1)
                cell.fill = fill
                cell.comment = Comment(problem.message, "建始支部工作台账")
        notes = [f"原第{row.row}行"] + [
            f"{p.column or '整行'}：{p.message}" for p in row.problems if p.is_error
        ]
        _put(sheet, index, len(headers) + 1, "\n".join(notes)).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
    for col, text in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=col).column_letter
        sheet.column_dimensions[letter].width = (
            21 if col - 1 == id_col else max(8, min(30, _display_width(text) + 4))
        )
        if col - 1 == id_col:
            sheet.column_dimensions[letter].number_format = "@"
    problem_letter = sheet.cell(row=1, column=len(headers) + 1).column_letter
    sheet.column_dimensions[problem_letter].width = 60
    sheet.freeze_panes = "A2"
    save_workbook(workbook, Path(path))
    return len(rows)


def _export_rows(*, mask_ids: bool, as_of: dt.date) -> list[list[object]]:
    groups = {g.id: str(g.name) for g in PartyGroup.select(PartyGroup.id, PartyGroup.name)}
    rows: list[list[object]] = []
    for number, (m, on_day) in enumerate(history.members_on(as_of), start=1):
        id_number = m.id_number or ""
        rows.append(
            [
                number,
                m.name,
                m.gender.label if m.gender else "",
                m.ethnicity,
                birth_month(m.birth_date) if mask_ids else m.birth_date,
                mask_id_number(id_number) if mask_ids else id_number,
                m.education,
                m.position,
                mask_phone(m.phone) if mask_ids else m.phone,
                m.joined_on,
                history.full_member_on_as_of(m, as_of),
                on_day.status.label,
                groups.get(on_day.group_id or 0, ""),
                m.notes,
            ]
        )
    return rows


def export_roster(
    path: Path,
    *,
    mask_ids: bool = False,
    today: dt.date | None = None,
    as_of: dt.date | None = None,
) -> int:
    """The members of ``as_of`` (default today) as a 花名册 workbook (title, header, one
    row a member), with their status and group that day (rules.md §7).

    Everything is written in full by default: this is the secretary's own working roster
    and must import again. ``mask_ids`` is for a copy that leaves the office (a package):
    ID numbers show only their first 6 and last 4 characters, birth dates only the year
    and month (text ``1973-11``, under the header 出生年月: the hidden ID digits are the
    birth date, so a full birth date would give them back), phone numbers their first 3
    and last 4 digits. Returns the number of members written.

    Written through :mod:`jianshi_desktop.documents.workbook`: text that looks like a
    formula (a 党小组 named ``=HYPERLINK(…)``) is plain text; nothing goes to a temp folder.
    """
    _require_branch()
    from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    as_of = as_of or today or dt.date.today()
    branch_name = branch_name_on(as_of)  # rules.md §7: the name on the roster's day
    rows = _export_rows(mask_ids=mask_ids, as_of=as_of)
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "党员花名册"
    last_col = len(EXPORT_COLUMNS)
    title = _put(sheet, 1, 1, f"{branch_name}党员花名册")
    title.font = Font(name="宋体", size=16, bold=True)
    title.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    sheet.row_dimensions[1].height = 32
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(vertical="center", wrap_text=True)
    # Named styles: one style index per cell instead of four style objects hashed per cell.
    styles = {
        "header": NamedStyle(
            "花名册表头",
            font=Font(name="宋体", bold=True),
            fill=PatternFill("solid", fgColor="F2F2F2"),
            border=border,
            alignment=centre,
        ),
        "": NamedStyle("花名册居中", font=Font(name="宋体"), border=border, alignment=centre),
        "left": NamedStyle("花名册左对齐", font=Font(name="宋体"), border=border, alignment=left),
        "date": NamedStyle(
            "花名册日期",
            font=Font(name="宋体"),
            border=border,
            alignment=centre,
            number_format="yyyy-mm-dd",
        ),
        "text": NamedStyle(
            "花名册文本", font=Font(name="宋体"), border=border, alignment=centre, number_format="@"
        ),
    }
    for style in styles.values():
        workbook.add_named_style(style)
    headers = list(EXPORT_HEADERS)
    if mask_ids:
        headers[4] = MASKED_BIRTH_HEADER
    for col, text in enumerate(headers, start=1):
        _put(sheet, 2, col, text).style = styles["header"].name
    column_style = ["date" if c in (4, 9, 10) else "" for c in range(len(EXPORT_COLUMNS))]
    column_style[5] = column_style[8] = "text"  # 身份证号码 and 联系电话 stay text
    if mask_ids:
        column_style[4] = "text"  # 出生年月 as text: 1973-11
    column_style[7] = column_style[13] = "left"  # 工作岗位 and 备注 may be long
    names = [styles[key].name for key in column_style]
    widths = [width for _, width in EXPORT_COLUMNS]
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values):
            cell = _put(sheet, r, c + 1, value)
            cell.style = names[c]
            if isinstance(cell.value, str):
                widths[c] = max(widths[c], min(40, _display_width(cell.value) + 2))
    footer = len(rows) + 4
    made_on = today or dt.date.today()
    footer_text = f"制表日期：{made_on.isoformat()}"
    if as_of != made_on:  # a roster of an earlier day says which day it shows
        footer_text += f"　名册截至：{as_of.isoformat()}"
    _put(sheet, footer, 1, footer_text)
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=2, column=c).column_letter].width = width
    sheet.freeze_panes = "C3"
    sheet.print_title_rows = "1:2"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    sheet.print_options.horizontalCentered = True
    save_workbook(workbook, Path(path))
    return len(rows)
