"""党费基数 (issue 18): typed or imported from the school's wage list, judged on the year,
carried from last year, and the 首页 reminder; the 党费交至 month of a transfer.

Wage lists are built with openpyxl in ``tmp_path`` (:func:`wage_list`), cell by cell, as
``tests/unit/roster_workbooks.py`` builds rosters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl
import pytest
from openpyxl import Workbook

from jianshi_desktop.db.models import AuditLog, DuesBase, Transfer
from jianshi_desktop.domain.enums import DuesCategory, MemberEventKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields
from jianshi_desktop.errors import UserError, ValidationError
from jianshi_desktop.services import dues_bases, dues_ledger, members, roster
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.dues_bases import WageAction
from jianshi_desktop.services.store import Store

TODAY = dt.date(2026, 11, 26)
TEACHER_HEADERS = ("序号", "姓名", "身份证号", "岗位工资", "薪级工资", "绩效工资", "津贴补贴")


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name="某小学支部", founded_on=dt.date(2000, 1, 1)))
    return store


def id_of(n: int) -> str:
    first17 = f"42282219800101{n:03d}"
    return first17 + check_char(first17)


def add(n: int, name: str = "", joined: dt.date = dt.date(2010, 1, 1)) -> int:
    return members.add_member(
        MemberFields(
            name=name or f"党员{n:02d}",
            id_number=id_of(n),
            joined_on=joined,
            full_member_on=dt.date(joined.year + 1, joined.month, joined.day),
            status=MemberStatus.FULL,
        ),
        today=TODAY,
    )


def wage_list(
    path: Path, rows: Sequence[Sequence[object]], headers: Sequence[str] = TEACHER_HEADERS
) -> Path:
    """A title row, the header, one row per person (a value None leaves the cell empty)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "2027年1月工资"
    sheet.cell(row=1, column=1, value="建始县某某小学2027年1月工资发放表")
    for c, text in enumerate(headers, start=1):
        sheet.cell(row=2, column=c, value=text)
    for r, values in enumerate(rows, start=3):
        for c, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    book.save(path)
    return path


def base_of(member_id: int, year: int) -> int | None:
    row = DuesBase.get_or_none((DuesBase.member == member_id) & (DuesBase.year == year))
    return None if row is None else row.base_fen


def row_of(year: int, member_id: int) -> dues_bases.BaseRow:
    return next(r for r in dues_bases.bases_of_year(year) if r.member_id == member_id)


# --- set_base ---------------------------------------------------------------------------------


def test_a_typed_base_gives_the_months_due_on_the_whole_base(branch: Store) -> None:
    """rules.md §3: 5400 元 在职 → 1.5 % of the whole base → 81.00 元."""
    member = add(1)
    dues_bases.set_base(member, 2026, category=DuesCategory.EMPLOYED, base_fen=540000)
    row = row_of(2026, member)
    assert (row.due_fen, row.rate_text, row.source, row.own) == (8100, "1.5%", "手工填写", True)
    last = AuditLog.select().order_by(AuditLog.id.desc()).get()
    assert last.action == "set_dues_base" and "5400.00元" in last.summary


@pytest.mark.parametrize(
    ("category", "base_fen", "fixed_fen", "field", "words"),
    [
        (DuesCategory.EMPLOYED, -100, None, "base_fen", "不能是负数"),
        (DuesCategory.EMPLOYED, None, None, "base_fen", "请填写月基数"),
        (DuesCategory.RETIRED, None, None, "base_fen", "离退休费"),
        (DuesCategory.STUDENT, None, 500, "fixed_fen", "学生党员每月交纳"),
    ],
)
def test_a_wrong_base_is_refused_with_what_to_fix(
    branch: Store,
    category: DuesCategory,
    base_fen: int | None,
    fixed_fen: int | None,
    field: str,
    words: str,
) -> None:
    member = add(1)
    with pytest.raises(ValidationError) as refused:
        dues_bases.set_base(member, 2026, category=category, base_fen=base_fen, fixed_fen=fixed_fen)
    assert refused.value.field == field
    assert words in refused.value.message
    assert base_of(member, 2026) is None and not DuesBase.select().exists()


def test_a_fixed_amount_within_the_range_is_kept_and_no_base(branch: Store) -> None:
    member = add(1)
    dues_bases.set_base(member, 2026, category=DuesCategory.FARMER, base_fen=300000, fixed_fen=50)
    row = row_of(2026, member)
    assert (row.category, row.base_fen, row.fixed_fen, row.due_fen) == (
        DuesCategory.FARMER,
        None,
        50,
        50,
    )


def test_a_year_before_the_member_was_in_the_branch_is_refused(branch: Store) -> None:
    member = add(1, joined=dt.date(2025, 9, 1))
    with pytest.raises(ValidationError) as refused:
        dues_bases.set_base(member, 2024, category=DuesCategory.EMPLOYED, base_fen=400000)
    assert "2024年不在本支部" in refused.value.message
    dues_bases.set_base(member, 2025, category=DuesCategory.EMPLOYED, base_fen=400000)
    assert base_of(member, 2025) == 400000


# --- the year's members --------------------------------------------------------------------


def test_a_member_transferred_out_in_march_is_listed_that_year_not_the_next(
    branch: Store,
) -> None:
    stays, leaves = add(1), add(2)
    members.record_leaving(
        leaves,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 3, 15),
        letter_no="建组转字〔2026〕3号",
        counterpart="县实验中学支部",
        today=TODAY,
    )
    assert {r.member_id for r in dues_bases.bases_of_year(2026)} == {stays, leaves}
    assert {r.member_id for r in dues_bases.bases_of_year(2027)} == {stays}
    with pytest.raises(ValidationError, match="2027年不在本支部"):
        dues_bases.set_base(leaves, 2027, category=DuesCategory.EMPLOYED, base_fen=1)


def test_a_year_without_its_own_base_shows_the_carried_one(branch: Store) -> None:
    member = add(1)
    dues_bases.set_base(member, 2026, category=DuesCategory.EMPLOYED, base_fen=450000)
    row = row_of(2027, member)
    assert (row.base_fen, row.due_fen, row.own, row.base_year) == (450000, 4500, False, 2026)
    assert "按2026年计" in row.note


def test_carry_bases_fills_only_the_members_without_a_base(branch: Store) -> None:
    carried, own, none = add(1), add(2), add(3)
    dues_bases.set_base(carried, 2026, category=DuesCategory.EMPLOYED, base_fen=450000)
    dues_bases.set_base(own, 2026, category=DuesCategory.EMPLOYED, base_fen=450000)
    dues_bases.set_base(own, 2027, category=DuesCategory.EMPLOYED, base_fen=620000)
    assert dues_bases.carry_bases(2026, 2027) == 1
    assert (base_of(carried, 2027), base_of(own, 2027), base_of(none, 2027)) == (
        450000,
        620000,
        None,
    )
    assert row_of(2027, carried).source == "沿用2026年"
    assert dues_bases.carry_bases(2026, 2027) == 0  # nothing left to carry


# --- the reminder ----------------------------------------------------------------------------


def test_no_reminder_before_the_branch_keeps_dues_here(branch: Store) -> None:
    add(1)
    assert dues_ledger.dues_start() is None
    assert dues_bases.base_reminders(dt.date(2027, 1, 2)) == []


def test_one_reminder_in_january_for_the_members_without_the_new_years_base(
    branch: Store,
) -> None:
    first, second, third = add(1), add(2), add(3)
    for member in (first, second, third):
        dues_bases.set_base(member, 2026, category=DuesCategory.EMPLOYED, base_fen=450000)
    dues_bases.set_base(third, 2027, category=DuesCategory.EMPLOYED, base_fen=450000)
    assert dues_bases.base_reminders(dt.date(2026, 12, 31)) == []  # every 2026 base is set
    found = dues_bases.base_reminders(dt.date(2027, 1, 2))
    assert len(found) == 1
    reminder = found[0]
    assert reminder.title == "2名党员2027年党费基数尚未核定"
    assert "党员01、党员02" in reminder.detail and "上年基数" in reminder.detail
    assert (reminder.action.area, reminder.action.command, reminder.action.params) == (
        "dues",
        "set_dues_bases",
        {"year": 2027},
    )
    dues_bases.carry_bases(2026, 2027)
    assert dues_bases.base_reminders(dt.date(2027, 1, 2)) == []


# --- the wage list -----------------------------------------------------------------------------


def test_the_teachers_base_is_the_sum_of_the_four_parts(branch: Store, tmp_path: Path) -> None:
    a, b = add(1, "张文"), add(2, "李华")
    path = wage_list(
        tmp_path / "工资表.xlsx",
        [
            (1, "张文", id_of(1), 2500, 1400, 1000, 500),
            (2, "李华", None, "1,234.5元", "800", None, " 565.5 "),  # text money, a blank part
            (None, "合计", None, 3734.5, 2200, 1000, 1065.5),
        ],
    )
    preview = dues_bases.preview_wage_list(path, 2027)
    assert [(r.name, r.action, r.base_fen) for r in preview.rows] == [
        ("张文", WageAction.NEW, 540000),
        ("李华", WageAction.NEW, 260000),
    ]
    assert preview.skipped == (5,)  # the 合计 line
    result = dues_bases.apply_wage_list(preview)
    assert (result.added, result.updated) == (2, 0)
    assert (base_of(a, 2027), base_of(b, 2027)) == (540000, 260000)
    assert row_of(2027, a).due_fen == 8100
    assert row_of(2027, a).source == "工资表.xlsx"


def test_a_single_base_column_updates_and_keeps_the_unchanged(
    branch: Store, tmp_path: Path
) -> None:
    a, b = add(1, "张文"), add(2, "李华")
    dues_bases.set_base(a, 2027, category=DuesCategory.EMPLOYED, base_fen=500000)
    dues_bases.set_base(b, 2027, category=DuesCategory.RETIRED, base_fen=300000)
    path = wage_list(
        tmp_path / "基数.xlsx", [("张文", 5400), ("李华", "3000.00")], ("姓名", "计缴基数")
    )
    preview = dues_bases.preview_wage_list(path, 2027)
    first, second = preview.rows
    assert (first.action, first.old_base_fen, first.base_fen) == (WageAction.UPDATE, 500000, 540000)
    assert (second.action, second.category) == (WageAction.UNCHANGED, DuesCategory.RETIRED)
    assert dues_bases.apply_wage_list(preview).updated == 1
    assert base_of(a, 2027) == 540000


def test_problem_rows_say_what_is_wrong(branch: Store, tmp_path: Path) -> None:
    add(1, "张文")
    add(2, "王芳")
    add(3, "王芳")
    add(4, "李华")
    path = wage_list(
        tmp_path / "工资表.xlsx",
        [
            (1, "赵强", None, 2500, 1400, 1000, 500),
            (2, "王芳", None, 2500, 1400, 1000, 500),
            (3, "张文", None, "两千", 1400, 1000, 500),
            (4, "李华", None, -2500, 1400, 1000, 500),
            (5, None, None, 2500, 1400, 1000, 500),
            (6, "王芳", id_of(3), 2000, 1000, 1000, 500),
        ],
    )
    preview = dues_bases.preview_wage_list(path, 2027)
    messages = {r.row: r.message for r in preview.problem_rows}
    assert 3 not in messages, "the school's other staff are no problem of the import"
    assert "有2名党员叫“王芳”" in messages[4] and "身份证号" in messages[4]
    assert "岗位工资「两千」不是金额" in messages[5]
    assert "不能是负数" in messages[6]
    assert messages[7] == "这一行没有姓名。"
    assert [(r.row, r.action) for r in preview.rows if r.action is not WageAction.PROBLEM] == [
        (3, WageAction.NOT_MEMBER),  # 赵强 is on the school's payroll, not in the branch
        (8, WageAction.NEW),  # the namesake told apart by the ID number
    ]
    assert preview.rows[0].values == (), "a non-member's salary is not kept"
    problems = tmp_path / "问题行.xlsx"
    assert dues_bases.write_problem_rows(preview, problems) == 4
    sheet = openpyxl.load_workbook(problems).active
    assert sheet.cell(row=1, column=8).value == "问题说明"
    assert "原第4行" in str(sheet.cell(row=2, column=8).value)
    names = [sheet.cell(row=r, column=2).value for r in range(2, sheet.max_row + 1)]
    assert "赵强" not in names and names[0] == "王芳"


def test_the_same_list_twice_changes_nothing_and_says_so(branch: Store, tmp_path: Path) -> None:
    a = add(1, "张文")
    path = wage_list(tmp_path / "工资表.xlsx", [(1, "张文", None, 2500, 1400, 1000, 500)])
    first = dues_bases.preview_wage_list(path, 2027)
    assert dues_bases.apply_wage_list(first).added == 1
    audits = AuditLog.select().count()
    again = dues_bases.preview_wage_list(path, 2027)
    assert again.rows[0].action is WageAction.UNCHANGED
    result = dues_bases.apply_wage_list(again)
    assert "已是最新" in result.text
    assert dues_bases.apply_wage_list(first).text == result.text  # the old preview, re-applied
    assert AuditLog.select().count() == audits
    assert base_of(a, 2027) == 540000


def test_a_preview_overtaken_by_a_typed_base_is_refused(branch: Store, tmp_path: Path) -> None:
    a, b = add(1, "张文"), add(2, "李华")
    path = wage_list(
        tmp_path / "工资表.xlsx",
        [(1, "张文", None, 2500, 1400, 1000, 500), (2, "李华", None, 2000, 1000, 500, 500)],
    )
    preview = dues_bases.preview_wage_list(path, 2027)
    dues_bases.set_base(b, 2027, category=DuesCategory.EMPLOYED, base_fen=100000)
    with pytest.raises(UserError) as refused:
        dues_bases.apply_wage_list(preview)
    assert "“李华”的党费基数在预览之后已有改动" in refused.value.message
    assert base_of(a, 2027) is None  # nothing of the list saved


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04 not really a zip", "可能已损坏"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "旧版 Excel"),
        ("姓名,计缴基数\n张文,5400\n".encode(), "不是 Excel 工作簿"),
    ],
)
def test_a_broken_file_is_a_clear_message(
    branch: Store, tmp_path: Path, content: bytes, words: str
) -> None:
    name = "工资表.xls" if content.startswith(b"\xd0") else "工资表.xlsx"
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError) as refused:
        dues_bases.preview_wage_list(path, 2027)
    assert words in refused.value.message
    assert "工资表.xls" in refused.value.message


def test_a_workbook_without_the_columns_names_them(branch: Store, tmp_path: Path) -> None:
    path = wage_list(tmp_path / "名单.xlsx", [("张文", "教师")], ("姓名", "岗位"))
    with pytest.raises(UserError) as refused:
        dues_bases.preview_wage_list(path, 2027)
    assert "没有找到工资表的表头" in refused.value.message
    assert "计缴基数" in (refused.value.hint or "")


# --- 党费交至 on a transfer -----------------------------------------------------------------


def test_a_transfer_keeps_the_month_paid_through(branch: Store) -> None:
    arriving = MemberFields(
        name="新来",
        id_number=id_of(9),
        joined_on=dt.date(2015, 7, 1),
        full_member_on=dt.date(2016, 7, 1),
        status=MemberStatus.FULL,
    )
    member = members.record_transfer_in(
        arriving,
        on=dt.date(2026, 9, 10),
        letter_no="鄂建组转〔2026〕9号",
        counterpart="县二中支部",
        today=TODAY,
        dues_paid_through=dt.date(2026, 8, 20),
    )
    saved = Transfer.get(Transfer.member == member)
    assert saved.dues_paid_through == dt.date(2026, 8, 1)
    assert dues_ledger.paid_elsewhere_through()[member] == dt.date(2026, 8, 1)
    leaving = add(2)
    members.record_leaving(
        leaving,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2026, 11, 3),
        letter_no="建组转字〔2026〕11号",
        counterpart="县实验中学支部",
        today=TODAY,
        dues_paid_through=dt.date(2026, 10, 1),
    )
    out = Transfer.get(Transfer.member == leaving)
    assert out.dues_paid_through == dt.date(2026, 10, 1)


def test_a_month_paid_through_far_after_the_transfer_is_refused(branch: Store) -> None:
    leaving = add(2)
    with pytest.raises(ValidationError) as refused:
        members.record_leaving(
            leaving,
            MemberEventKind.TRANSFER_OUT,
            on=dt.date(2026, 3, 3),
            letter_no="建组转字〔2026〕3号",
            counterpart="县实验中学支部",
            today=TODAY,
            dues_paid_through=dt.date(2026, 10, 1),
        )
    assert refused.value.field == "dues_paid_through"
    assert "党费交至2026年10月" in refused.value.message
    assert not Transfer.select().exists()
    with pytest.raises(ValidationError, match="早于入党时间"):
        members.record_leaving(
            leaving,
            MemberEventKind.TRANSFER_OUT,
            on=dt.date(2026, 3, 3),
            letter_no="建组转字〔2026〕3号",
            counterpart="县实验中学支部",
            today=TODAY,
            dues_paid_through=dt.date(2009, 10, 1),
        )


def test_a_huge_wage_list_is_refused_before_it_is_opened(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = wage_list(tmp_path / "工资表.xlsx", [(1, "张文", None, 2500, 1400, 1000, 500)])
    monkeypatch.setattr(roster, "MAX_FILE_BYTES", 100)
    with pytest.raises(UserError) as refused:
        dues_bases.preview_wage_list(path, 2027)
    assert "超过了工资表导入的上限" in refused.value.message
    assert "工资表一般只有几百 KB" in (refused.value.hint or "")


def test_a_zero_base_is_refused_with_what_to_choose_instead(branch: Store, tmp_path: Path) -> None:
    member = add(1, "张文")
    with pytest.raises(ValidationError, match="月基数不能是0") as refused:
        dues_bases.set_base(member, 2027, category=DuesCategory.EMPLOYED, base_fen=0)
    assert "享受低保" in refused.value.message
    path = wage_list(tmp_path / "工资表.xlsx", [(1, "张文", None, 0, 0, 0, 0)])
    preview = dues_bases.preview_wage_list(path, 2027)
    assert [r.message for r in preview.problem_rows] == ["工资数额合计为0，请核对。"]
