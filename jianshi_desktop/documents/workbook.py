"""The one way the app writes Excel workbooks (.xlsx): cells that cannot run, and files
that are never half written and leave nothing in a temporary folder.

Every workbook the app makes (the exported 花名册, the problem rows of an import, the
package's 工作要求完成情况) is built with :func:`new_workbook`, filled with :func:`put` or
:func:`append` and written with :func:`save_workbook`.

Cells:

- Text that a spreadsheet would run as a formula (CSV/formula injection) is written so that
  it cannot run: text beginning with ``=``, ``+``, ``-`` or ``@`` — also after leading
  spaces or control characters, as in ``" =cmd"`` or ``"\\x01=1+1"`` — or beginning with a
  tab or a carriage return gets a leading apostrophe ``'`` and is stored as a text cell.
  The apostrophe is part of the text and shows in Excel and WPS (``'=HYPERLINK(…)``): that
  is deliberate, a reader sees it is text; :func:`unguard_text` takes it off again when the
  app reads its own workbook back (roster import).
- Control characters that XML does not allow (``\\x00``–``\\x08``, ``\\x0b``, ``\\x0c``,
  ``\\x0e``–``\\x1f``) are removed; openpyxl would refuse them.
- Numbers and dates stay typed (dates as ``yyyy-mm-dd``).

Files: openpyxl's own ``save`` writes each sheet to a file in the system temp folder
first, where members' data would be left lying if the program stopped halfway.
:func:`save_workbook` builds the sheets in memory instead, writes the workbook under a
temporary name beside the target, renames it at the end and removes the temporary file
whatever happens.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jianshi_desktop.errors import UserError

if TYPE_CHECKING:  # openpyxl is loaded with the first workbook, not at start-up
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell

log = logging.getLogger(__name__)

TEXT_GUARD = "'"
DATE_FORMAT = "yyyy-mm-dd"
# What openpyxl refuses (the same set as openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE).
ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FORMULA_START = frozenset("=+-@＝＋－＠")  # full-width too: WPS may take them
_RUNS_AT_ONCE = ("\t", "\r")
# Leading characters skipped before looking for a formula sign: white space (also U+3000)
# and every control character.
_LEADING = re.compile(r"^[\s\x00-\x1f\x7f-\x9f]*")


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet run ``text`` (as a cell value) as a formula?"""
    if text.startswith(_RUNS_AT_ONCE):
        return True
    rest = text[_LEADING.match(text).end() :]  # type: ignore[union-attr]
    return bool(rest) and rest[0] in _FORMULA_START


def safe_text(text: str) -> str:
    """``text`` as a cell can hold it without running: illegal control characters
    removed, an apostrophe before anything that would be a formula."""
    cleaned = ILLEGAL_CHARACTERS.sub("", text)
    if is_formula_like(cleaned):
        return TEXT_GUARD + cleaned
    return cleaned


def unguard_text(text: str) -> str:
    """The text :func:`safe_text` was given: the apostrophe it added taken off again."""
    if text.startswith(TEXT_GUARD) and is_formula_like(text[1:]):
        return text[1:]
    return text


def cell_value(value: object) -> object:
    """A value as written: text made safe, everything else (numbers, dates) as it is."""
    if isinstance(value, str):
        return safe_text(value)
    return value


def new_workbook() -> Workbook:
    from openpyxl import Workbook

    return Workbook()


def put(sheet: Any, row: int, column: int, value: object, number_format: str = "") -> Cell:
    """Write one cell safely; dates get ``yyyy-mm-dd`` unless ``number_format`` says."""
    cell = sheet.cell(row=row, column=column)
    written = cell_value(value)
    cell.value = written
    if isinstance(written, str):
        cell.data_type = "s"  # never a formula, whatever openpyxl guesses
    if number_format:
        cell.number_format = number_format
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    return cell


def append(sheet: Any, values: Iterable[object]) -> int:
    """Write ``values`` as a new row under the last one; returns its row number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(1, 1).value is not None else 1
    for column, value in enumerate(values, start=1):
        put(sheet, row, column, value)
    return int(row)


def _write_xlsx(book: Workbook, target: Path) -> None:
    """The workbook as an .xlsx file at ``target``, every sheet built in memory."""
    try:
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
        from openpyxl.worksheet._writer import WorksheetWriter
        from openpyxl.writer.excel import ExcelWriter
    except ImportError:  # a future openpyxl moved them: its own save still works
        log.warning("openpyxl internals moved; saving %s with openpyxl's own save", target.name)
        book.save(target)
        return

    class _InMemoryWriter(ExcelWriter):
        def write_worksheet(self, ws: Any) -> None:
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts = ws._charts
            ws._drawing.images = ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    book.properties.modified = dt.datetime.now(tz=dt.UTC).replace(tzinfo=None)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        _InMemoryWriter(book, archive).write_data()


def save_workbook(book: Workbook, path: Path) -> None:
    """Write ``book`` to ``path`` (an .xlsx): under a temporary name in the same folder,
    renamed at the end (:func:`documents.files.atomic_output`), so there is never a
    half-written file and the temporary file is removed whatever happens. Problems are a
    :class:`UserError` in words for the user."""
    from jianshi_desktop.documents.files import atomic_output

    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise UserError(
            f"文件名“{path.name}”应以 .xlsx 结尾。", hint="请换一个以 .xlsx 结尾的文件名。"
        )
    try:
        with atomic_output(path) as temp:
            _write_xlsx(book, temp)
    except PermissionError as exc:
        raise UserError(
            f"无法写入“{path}”。",
            hint="这个文件可能正在 Excel 或 WPS 中打开，请关闭后重试；或换一个文件名。",
        ) from exc
    except OSError as exc:
        raise UserError(
            f"无法写入“{path}”（{exc.strerror or exc}）。", hint="请检查磁盘空间和权限。"
        ) from exc
