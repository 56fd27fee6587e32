"""党费基数: each member's category and monthly base for a year (rules.md §3), typed or
imported from the school's wage list, and the reminder to set them.

A year's members are those in the branch on any day of it (services.history), judged on
the record's own year: a member transferred out in March is listed for that year, not the
next. A year without its own base is reckoned on the latest earlier one
(:func:`dues_ledger.reckon`); :func:`carry_bases` copies it (沿用上年基数).

The wage list import is two steps like the roster's (services/roster.py, whose workbook
reading it shares): :func:`preview_wage_list` reads the ``.xlsx`` and says what each row
would do (新增/修改/不变, or the row's problem); :func:`apply_wage_list` saves it in one
audited action, refusing a preview overtaken by later changes. Applying the same list again
changes nothing and says 已是最新.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jianshi_desktop.db.models import DuesBase, Member
from jianshi_desktop.documents.workbook import new_workbook, put, save_workbook
from jianshi_desktop.domain import dues
from jianshi_desktop.domain.dues import DuesInputError, format_yuan
from jianshi_desktop.domain.enums import DuesCategory
from jianshi_desktop.domain.history import MemberFacts
from jianshi_desktop.domain.idcard import normalise_id_number
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import backups, dues_ledger, history
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.roster import (
    _DAMAGED,
    _NOTE,
    _RESAVE,
    HEADER_SEARCH_ROWS,
    PROBLEM_COLUMN,
    RowProblem,
    _data_rows,
    _Header,
    _header_key,
    _is_blank,
    _load_workbook,
    _refuse,
    _text,
    _top_rows,
)

if TYPE_CHECKING:
    from jianshi_desktop.services.reminders import Reminder

log = logging.getLogger(__name__)

TYPED = "手工填写"
WAGE_LIST = "工资表"  # how the import's messages name the workbook

# --- the bases of a year ----------------------------------------------------------------------


@dataclass(frozen=True)
class BaseRow:
    """One member of the year with the base their dues are reckoned on."""

    member_id: int
    name: str
    year: int
    category: DuesCategory | None  # None: no base for this year or any before
    base_fen: int | None
    fixed_fen: int | None
    due_fen: int | None  # the month's dues (the first month of the year in the branch)
    rate_text: str  # 「1.5%」, 「定额」 or ""
    source: str  # 手工填写, the wage list's file name, 沿用2026年
    base_year: int | None  # the year whose base is used
    note: str  # 「2027年基数未核定，按2026年计」 …

    @property
    def own(self) -> bool:
        """The year's own base (not carried from an earlier year)."""
        return self.base_year == self.year


def _year_months(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 1)


def _months_in(facts: MemberFacts, year: int) -> list[dt.date]:
    first, last = _year_months(year)
    return dues.due_months(facts.in_branch, start=first, through=last)


def members_of_year(year: int) -> list[MemberFacts]:
    """The members in the branch on any day of ``year``."""
    return [facts for facts in history.member_facts() if _months_in(facts, year)]


def bases_of_year(year: int) -> list[BaseRow]:
    """Every member of ``year`` with the base used that year (their own or carried)."""
    bases = dues_ledger.bases_by_member()
    rows = []
    for facts in members_of_year(year):
        member_bases = bases.get(facts.id)
        month = _months_in(facts, year)[0]
        due = dues_ledger.reckon(facts.id, facts.name, month, member_bases)
        chosen = next((b for b in member_bases or () if b.year <= year), None)
        rows.append(
            BaseRow(
                member_id=facts.id,
                name=facts.name,
                year=year,
                category=due.category,
                base_fen=None if chosen is None else chosen.base_fen,
                fixed_fen=None if chosen is None else chosen.fixed_fen,
                due_fen=due.due_fen,
                rate_text=due.rate_text,
                source="" if chosen is None else str(chosen.source),
                base_year=None if chosen is None else int(chosen.year),
                note=due.note,
            )
        )
    return rows


def _check_year(facts: MemberFacts, year: int) -> None:
    if not _months_in(facts, year):
        raise ValidationError(
            f"{facts.name}{year}年不在本支部，不能核定这一年的党费基数。", field="year"
        )


def _facts_of(member_id: int) -> MemberFacts:
    found = history.facts_of(member_id)
    if found is None:
        raise ValidationError("找不到这名党员，可能已被删除。")
    return found


def check_base(
    year: int, category: DuesCategory, base_fen: int | None, fixed_fen: int | None
) -> tuple[str, str] | None:
    """(field, message) of the first problem with a base, or None. ``field`` is
    ``base_fen`` or ``fixed_fen``."""
    table = dues_ledger.table_on(dt.date(year, 1, 1))
    if table.uses_base(category):
        if base_fen is None:
            what = "离退休费" if category is DuesCategory.RETIRED else "税后月工资"
            return "base_fen", f"请填写月基数（{category.label}党员按{what}计算）。"
        if base_fen < 0:
            return "base_fen", "月基数不能是负数。"
        if base_fen == 0:
            return "base_fen", (
                f"{category.label}党员的月基数不能是0；没有工资收入的，请把类别改为“下岗失业”"
                "或“享受低保”（按固定金额交纳）。"
            )
        if base_fen > dues.MAX_BASE_FEN:
            return "base_fen", f"月基数{format_yuan(base_fen)}元过大，请核对。"
        return None
    if fixed_fen is not None:
        message = dues.check_fixed(table, category, fixed_fen)
        if message:
            return "fixed_fen", message + "，请核对。"
    return None


def set_base(
    member_id: int,
    year: int,
    *,
    category: DuesCategory,
    base_fen: int | None,
    fixed_fen: int | None = None,
    source: str = TYPED,
) -> None:
    """Set one member's base for ``year`` (one audited action). A category paying a share
    keeps no fixed amount; a fixed-amount category keeps no base."""
    facts = _facts_of(member_id)
    _check_year(facts, year)
    problem = check_base(year, category, base_fen, fixed_fen)
    if problem is not None:
        field, message = problem
        raise ValidationError(message, field=field)
    share = dues_ledger.table_on(dt.date(year, 1, 1)).uses_base(category)
    with user_action("set_dues_base", entity="dues_base") as audit:
        row = _store(
            member_id,
            year,
            category,
            base_fen if share else None,
            None if share else fixed_fen,
            source,
        )
        audit.entity_id = row.id
        audit.summary = f"核定{facts.name}{year}年党费基数：{_base_text(row)}"


def _base_text(row: DuesBase) -> str:
    category = DuesCategory(row.category)
    if row.base_fen is not None:
        return f"{category.label}，月基数{format_yuan(row.base_fen)}元"
    if row.fixed_fen is not None:
        return f"{category.label}，每月{format_yuan(row.fixed_fen)}元"
    return category.label


def _store(
    member_id: int,
    year: int,
    category: DuesCategory,
    base_fen: int | None,
    fixed_fen: int | None,
    source: str,
) -> DuesBase:
    row = DuesBase.get_or_none((DuesBase.member == member_id) & (DuesBase.year == year))
    if row is None:
        row = DuesBase(member=member_id, year=year)
    row.category = category
    row.base_fen = base_fen
    row.fixed_fen = fixed_fen
    row.source = source[:100]
    row.recorded_at = dt.datetime.now().replace(microsecond=0)
    row.save()
    return row


def carry_bases(from_year: int, to_year: int) -> int:
    """沿用上年基数: each member of ``to_year`` without a base of that year gets the latest
    base of ``from_year`` or before; how many (one audited action)."""
    if to_year <= from_year:
        raise ValidationError("只能把前一年的基数沿用到以后的年份。")
    bases = dues_ledger.bases_by_member()
    copied: list[tuple[int, str]] = []
    with user_action("carry_dues_bases", entity="dues_base") as audit:
        for facts in members_of_year(to_year):
            own = bases.get(facts.id, [])
            if any(b.year == to_year for b in own):
                continue
            earlier = next((b for b in own if b.year <= from_year), None)
            if earlier is None:
                continue
            _store(
                facts.id,
                to_year,
                DuesCategory(earlier.category),
                earlier.base_fen,
                earlier.fixed_fen,
                f"沿用{earlier.year}年",
            )
            copied.append((facts.id, facts.name))
        audit.summary = f"{to_year}年党费基数沿用{from_year}年：{len(copied)}名"
        audit.detail = {"members": [member_id for member_id, _name in copied]}
    return len(copied)


# --- the reminder -------------------------------------------------------------------------


def base_reminders(today: dt.date, snap: dues_ledger.Snapshot | None = None) -> list[Reminder]:
    """首页: from 1 January, one line for the members of the branch without the year's own
    base — once the branch keeps its dues here (a finished collection, or a base)."""
    from jianshi_desktop.services.reminders import Action, Reminder  # built on the kinds

    snap = snap or dues_ledger.snapshot()
    if snap.start is None and not snap.bases:
        return []
    year = today.year
    bases = snap.bases
    missing = [
        facts
        for facts in snap.members
        if facts.member_on(today) and not any(b.year == year for b in bases.get(facts.id, ()))
    ]
    if not missing:
        return []
    names = "、".join(f.name for f in missing[:5]) + (
        f"等{len(missing)}名" if len(missing) > 5 else ""
    )
    carried = sum(1 for f in missing if bases.get(f.id))
    detail = f"{names}。党费基数每年核定一次"
    detail += (
        f"；其中{carried}名暂按上年基数计算，可在“缴费基数”中导入工资表或点“沿用上年”。"
        if carried
        else "，可在“缴费基数”中逐人填写或导入工资表。"
    )
    return [
        Reminder(
            "dues_bases",
            f"{len(missing)}名党员{year}年党费基数尚未核定",
            detail,
            dt.date(year, 1, 1),
            False,
            Action("dues", "set_dues_bases", {"year": year}, "核定基数"),
        )
    ]


# --- the wage list ------------------------------------------------------------------------

NAME_HEADERS = ("姓名",)
ID_HEADERS = ("身份证号", "身份证号码", "公民身份号码", "身份证", "公民身份证号码", "身份证件号码")
BASE_HEADERS = ("计缴基数", "党费基数", "党费计缴基数", "缴费基数", "月工资", "基数")
PART_HEADERS = (
    "岗位工资",
    "薪级工资",
    "绩效工资",
    "基础性绩效工资",
    "奖励性绩效工资",
    "津贴补贴",
    "津补贴",
)
_TOTAL = re.compile(r"^(合计|共计|小计|总计)")


class WageAction(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    PROBLEM = "problem"
    NOT_MEMBER = "not_member"  # a school's wage list names all its staff: passed over

    @property
    def label(self) -> str:
        return {
            "new": "新增",
            "update": "修改",
            "unchanged": "不变",
            "problem": "有问题",
            "not_member": "跳过",  # the 说明 says why: not a member that year
        }[self.value]


@dataclass(frozen=True)
class WageRow:
    """One row of the wage list and what importing it would do."""

    row: int  # the Excel row number
    name: str
    action: WageAction
    member_id: int | None = None
    category: DuesCategory = DuesCategory.EMPLOYED
    base_fen: int | None = None
    old_base_fen: int | None = None  # the year's own base before the import
    old_category: DuesCategory | None = None
    problems: tuple[RowProblem, ...] = ()
    values: tuple[Any, ...] = ()
    id_number: str = ""

    @property
    def message(self) -> str:
        return "；".join(p.message for p in self.problems)


@dataclass(frozen=True)
class WagePreview:
    path: Path
    year: int
    sheet: str
    header_row: int
    headers: tuple[str, ...]
    base_columns: tuple[str, ...]  # the headers summed (one: the base itself)
    rows: tuple[WageRow, ...]
    skipped: tuple[int, ...]  # total lines and notes under the table

    def with_action(self, action: WageAction) -> tuple[WageRow, ...]:
        return tuple(r for r in self.rows if r.action is action)

    @property
    def problem_rows(self) -> tuple[WageRow, ...]:
        return self.with_action(WageAction.PROBLEM)

    def counts(self) -> dict[WageAction, int]:
        return {action: len(self.with_action(action)) for action in WageAction}


@dataclass(frozen=True)
class WageResult:
    added: int
    updated: int
    unchanged: int
    skipped: int

    @property
    def text(self) -> str:
        if not self.added and not self.updated:
            return "党费基数已是最新，没有需要修改的。"
        return f"党费基数已导入：新增{self.added}名，修改{self.updated}名，不变{self.unchanged}名。"


def _lookup(*names: str) -> set[str]:
    return {_header_key(n) for n in names}


def _wage_header(sheet: Any) -> _Header | None:
    top = _top_rows(sheet)
    base_keys = _lookup(*BASE_HEADERS)
    part_keys = _lookup(*PART_HEADERS)
    for index, values in enumerate(top[:HEADER_SEARCH_ROWS]):
        keys = [_header_key(v) for v in values]
        fields: dict[int, str] = {}
        for col, key in enumerate(keys):
            if key in _lookup(*NAME_HEADERS) and "name" not in fields.values():
                fields[col] = "name"
            elif key in _lookup(*ID_HEADERS) and "id_number" not in fields.values():
                fields[col] = "id_number"
            elif key in base_keys and "base" not in fields.values():
                fields[col] = "base"
            elif key in part_keys:
                fields[col] = f"part:{key}"
        if "name" in fields.values() and any(
            f != "name" and f != "id_number" for f in fields.values()
        ):
            return _Header(sheet, index + 1, fields, [_text(v) for v in values])
    return None


def read_wage_list(path: Path) -> tuple[_Header, list[tuple[int, list[Any]]], str]:
    """The header, the rows with content below it and the sheet's title; UserError for a
    file that is not a readable wage list."""
    workbook = _load_workbook(path, WAGE_LIST)
    try:
        sheets = list(workbook.worksheets)
        if workbook.active in sheets:
            sheets.remove(workbook.active)
            sheets.insert(0, workbook.active)
        header = next((h for h in map(_wage_header, sheets) if h is not None), None)
        if header is None:
            raise _refuse(
                path,
                f"在前{HEADER_SEARCH_ROWS}行中没有找到工资表的表头。",
                "表头应有“姓名”列，以及“计缴基数”（或“党费基数”“月工资”）一列，或“岗位工资”"
                "“薪级工资”“绩效工资”“津贴补贴”几列；可以另有“身份证号”列区分同名的人。",
            )
        width = max(max(header.fields) + 1, len(header.headers))
        rows = _data_rows(path, header, width, WAGE_LIST)
        title = str(header.sheet.title)
    except UserError:
        raise
    except _DAMAGED as exc:  # a damaged sheet shows only when it is streamed
        log.info("Cannot read the sheets of %s: %r", path, exc)
        raise _refuse(
            path, "文件无法作为 Excel 工作簿读取，可能已损坏或不是 Excel 文件。", _RESAVE
        ) from exc
    finally:
        workbook.close()
    return header, rows, title


def _amount(value: object, header: str) -> int:
    return dues.parse_yuan("" if value is None else value, what=header)


class _Matcher:
    """The members of the year, by name and by ID number, with their bases."""

    def __init__(self, year: int) -> None:
        self.year = year
        self.facts = {f.id: f for f in members_of_year(year)}
        ids = Member.select(Member.id, Member.id_number).where(Member.id.in_(list(self.facts)))
        self.id_numbers = {
            normalise_id_number(str(m.id_number)): int(m.id) for m in ids if m.id_number
        }
        self.by_name: dict[str, list[int]] = {}
        for facts in self.facts.values():
            self.by_name.setdefault(squeeze(facts.name), []).append(facts.id)
        self.bases = dues_ledger.bases_by_member()

    def match(self, name: str, id_number: str) -> tuple[int | None, str]:
        if id_number:
            found = self.id_numbers.get(normalise_id_number(id_number))
            if found is None:
                return None, f"身份证号与本支部{self.year}年的党员都对不上，请核对。"
            if squeeze(self.facts[found].name) != name:
                return None, f"这个身份证号登记的是“{self.facts[found].name}”，姓名对不上，请核对。"
            return found, ""
        candidates = self.by_name.get(name, [])
        if not candidates:
            return None, f"“{name}”{self.year}年不在本支部的党员名单中。"
        if len(candidates) > 1:
            return None, (
                f"本支部有{len(candidates)}名党员叫“{name}”，请在“身份证号”列填写身份证号以便区分。"
            )
        return candidates[0], ""

    def knows(self, name: str, id_number: str) -> bool:
        """Whether the row can be one of the year's members: its ID number is one of theirs,
        or (without one) its name is. The school's other staff are simply passed over."""
        if id_number:
            return normalise_id_number(id_number) in self.id_numbers
        return name in self.by_name

    def own_base(self, member_id: int) -> DuesBase | None:
        return next((b for b in self.bases.get(member_id, ()) if b.year == self.year), None)

    def latest_category(self, member_id: int) -> DuesCategory | None:
        base = next((b for b in self.bases.get(member_id, ()) if b.year <= self.year), None)
        return None if base is None else DuesCategory(base.category)


@dataclass
class _ProblemList:
    header: _Header
    row: int
    found: list[RowProblem]

    def add(self, column: int, field: str, message: str) -> None:
        self.found.append(RowProblem(self.row, _header_name(self.header, column), field, message))


def preview_wage_list(path: Path, year: int) -> WagePreview:
    """Read the wage list and say what importing it for ``year`` would do; nothing saved."""
    path = Path(path)
    header, rows, title = read_wage_list(path)
    columns = {f: c for c, f in header.fields.items()}
    base_cols = (
        [columns["base"]]
        if "base" in columns
        else sorted(c for c, f in header.fields.items() if f.startswith("part:"))
    )
    matcher = _Matcher(year)
    seen: dict[int, int] = {}
    preview_rows: list[WageRow] = []
    skipped: list[int] = []
    name_col = columns["name"]
    id_col = columns.get("id_number")
    for number, values in rows:
        name = squeeze(_text(values[name_col]))
        line = "".join(_text(v) for v in values if not _is_blank(v))
        if (not name and _TOTAL.match(squeeze(line))) or (
            name and (_NOTE.match(name) or _TOTAL.match(name))
        ):
            skipped.append(number)
            continue
        if name and _header_key(name) in _lookup(*NAME_HEADERS):
            skipped.append(number)  # a repeated header
            continue
        id_number = "" if id_col is None else squeeze(_text(values[id_col]))
        if name and not matcher.knows(name, id_number):
            # not a member that year: nothing of the row (a salary) is kept or written out
            preview_rows.append(WageRow(number, name, WageAction.NOT_MEMBER))
            continue
        kept = tuple(values)
        problems: list[RowProblem] = []
        problem = _ProblemList(header, number, problems)
        if not name:
            problem.add(name_col, "name", "这一行没有姓名。")
        fen_total = 0
        for col in base_cols:
            head = _header_name(header, col)
            cell = values[col] if col < len(values) else None
            if len(base_cols) > 1 and _is_blank(cell):
                continue  # a part left blank counts as 0 (no 津贴 …)
            try:
                fen_total += _amount(cell, head)
            except DuesInputError as exc:
                problem.add(col, "base", str(exc))
        if len(base_cols) > 1 and all(
            _is_blank(values[c] if c < len(values) else None) for c in base_cols
        ):
            problem.add(base_cols[0], "base", "没有填写工资数额。")
        elif fen_total == 0 and not problems:
            problem.add(base_cols[0], "base", "工资数额合计为0，请核对。")
        member_id: int | None = None
        if name:
            member_id, message = matcher.match(name, id_number)
            if message:
                problem.add(
                    name_col if id_col is None or not id_number else id_col, "name", message
                )
        if member_id is not None and member_id in seen:
            problem.add(name_col, "name", f"与第{seen[member_id]}行是同一人。")
        if problems or member_id is None:
            preview_rows.append(
                WageRow(
                    number,
                    name,
                    WageAction.PROBLEM,
                    member_id,
                    problems=tuple(problems),
                    values=kept,
                    id_number=id_number,
                )
            )
            continue
        seen[member_id] = number
        own = matcher.own_base(member_id)
        latest = matcher.latest_category(member_id)
        category = latest if latest in dues.SHARE_CATEGORIES else DuesCategory.EMPLOYED
        assert category is not None
        old_category = None if own is None else DuesCategory(own.category)
        if own is None:
            action = WageAction.NEW
        elif own.base_fen == fen_total and old_category is category:
            action = WageAction.UNCHANGED
        else:
            action = WageAction.UPDATE
        preview_rows.append(
            WageRow(
                number,
                name,
                action,
                member_id,
                category,
                fen_total,
                None if own is None else own.base_fen,
                old_category,
                values=kept,
                id_number=id_number,
            )
        )
    if not preview_rows:
        raise _refuse(
            path,
            f"工作表“{title}”的表头（第{header.row}行）下面没有工资数据。",
            "请确认每人一行，填在表头下面。",
        )
    return WagePreview(
        path=path,
        year=year,
        sheet=title,
        header_row=header.row,
        headers=tuple(header.headers),
        base_columns=tuple(_header_name(header, c) for c in base_cols),
        rows=tuple(preview_rows),
        skipped=tuple(skipped),
    )


def _header_name(header: _Header, column: int) -> str:
    return header.headers[column] if column < len(header.headers) else ""


def _stale(row: WageRow) -> UserError:
    return UserError(
        f"第{row.row}行“{row.name}”的党费基数在预览之后已有改动。",
        hint="没有导入任何数据。请重新导入工资表，看过新的预览后再导入。",
    )


def apply_wage_list(preview: WagePreview) -> WageResult:
    """Save the preview's new and changed bases in one audited action. A row already as the
    list says (the same list imported again) changes nothing; a base changed otherwise
    since the preview refuses the whole import."""
    year = preview.year
    members = {f.id for f in members_of_year(year)}
    source = preview.path.name
    to_write: list[WageRow] = []
    for row in preview.rows:
        if row.action not in (WageAction.NEW, WageAction.UPDATE):
            continue
        assert row.member_id is not None and row.base_fen is not None
        if row.member_id not in members:
            raise _stale(row)
        stored = DuesBase.get_or_none((DuesBase.member == row.member_id) & (DuesBase.year == year))
        now = None if stored is None else (stored.base_fen, DuesCategory(stored.category))
        if now == (row.base_fen, row.category):
            continue  # already so: the same list again
        before = None if row.action is WageAction.NEW else (row.old_base_fen, row.old_category)
        if now != before:
            raise _stale(row)
        to_write.append(row)
    added = sum(1 for r in to_write if r.action is WageAction.NEW)
    updated = len(to_write) - added
    matched = [
        r for r in preview.rows if r.action not in (WageAction.PROBLEM, WageAction.NOT_MEMBER)
    ]
    unchanged = len(matched) - len(to_write)
    result = WageResult(added, updated, unchanged, len(preview.problem_rows))
    if not to_write:
        return result
    backups.backup_before(backups.IMPORT)
    with user_action("import_wage_list", entity="dues_base") as audit:
        for row in to_write:
            assert row.member_id is not None
            _store(row.member_id, year, row.category, row.base_fen, None, source)
        audit.summary = (
            f"从工资表“{source}”导入{year}年党费基数：新增{added}名，修改{updated}名，"
            f"有问题未导入{result.skipped}行"
        )
        audit.detail = {
            "file": source,
            "year": year,
            "members": [row.member_id for row in to_write],
            "skipped_rows": [row.row for row in preview.problem_rows],
        }
    return result


def write_problem_rows(preview: WagePreview, path: Path) -> int:
    """The problem rows as a workbook to fix and import again (each with its 问题说明)."""
    from openpyxl.styles import Alignment, Font

    headers = list(preview.headers)
    ids = _lookup(*ID_HEADERS)
    id_col = next((i for i, h in enumerate(headers) if _header_key(h) in ids), None)
    workbook = new_workbook()
    sheet = workbook.active
    sheet.title = "问题行"
    bold = Font(bold=True)
    for col, text in enumerate([*headers, PROBLEM_COLUMN], start=1):
        put(sheet, 1, col, text).font = bold
    rows = preview.problem_rows
    for index, row in enumerate(rows, start=2):
        values = (list(row.values) + [None] * len(headers))[: len(headers)]
        for col, value in enumerate(values, start=1):
            put(sheet, index, col, value, "@" if col - 1 == id_col else "")
        notes = [f"原第{row.row}行"] + [f"{p.column or '整行'}：{p.message}" for p in row.problems]
        put(sheet, index, len(headers) + 1, "\n".join(notes)).alignment = Alignment(
            wrap_text=True, vertical="top"
        )
    for col in range(1, len(headers) + 1):
        letter = sheet.cell(row=1, column=col).column_letter
        sheet.column_dimensions[letter].width = 21 if col - 1 == id_col else 12
    problem_letter = sheet.cell(row=1, column=len(headers) + 1).column_letter
    sheet.column_dimensions[problem_letter].width = 60
    sheet.freeze_panes = "A2"
    save_workbook(workbook, Path(path))
    return len(rows)
