"""The Excel 花名册: import on realistic messy workbooks, the preview, problem rows, export."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jianshi_desktop.db import models
from jianshi_desktop.documents import workbook as workbook_writer
from jianshi_desktop.domain.dates import add_years
from jianshi_desktop.domain.enums import Gender, MemberEventKind, MemberStatus
from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.domain.members import MemberFields, validate_member
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import members, roster
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.roster import RowAction
from jianshi_desktop.services.store import Store
from tests.unit import roster_workbooks as wb
from tests.unit.roster_workbooks import person

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "roster-sample.xlsx"
TODAY = dt.date(2026, 11, 26)
BRANCH = "中共建始县某某小学支部委员会"


@pytest.fixture
def branch(store: Store) -> Store:
    create_branch(BranchDraft(name=BRANCH, founded_on=dt.date(2010, 9, 1)))
    return store


def preview(path: Path) -> roster.ImportPreview:
    return roster.preview_import(path, today=TODAY)


def problems_of(result: roster.ImportPreview, row: int) -> list[tuple[str, str]]:
    return [(p.column, p.message) for p in result.problems if p.row == row and p.is_error]


def only_problem(result: roster.ImportPreview, row: int) -> tuple[str, str]:
    found = problems_of(result, row)
    assert len(found) == 1, found
    return found[0]


def member_count() -> int:
    return int(models.Member.select().count())


# ------------------------------------------------------------------ the sample roster


def test_the_sample_imports_cleanly(branch: Store) -> None:
    result = preview(SAMPLE)
    assert result.counts() == {"new": 23, "update": 0, "unchanged": 0, "problem": 0}
    assert result.problems == ()
    assert result.sheet.header_row == 2
    assert result.sheet.ignored_columns == ()
    assert [r.row for r in result.rows] == list(range(3, 26))
    first = result.rows[0].fields
    assert first.name == "丁雪艳"
    assert first.id_number == "42282219731125116X"
    assert first.birth_date == dt.date(1973, 11, 25)
    assert first.status is MemberStatus.FULL

    done = roster.apply_import(result)
    assert done == roster.ImportResult(added=23, updated=0, unchanged=0, skipped=0)
    assert member_count() == 23
    for row in result.rows:  # stored as add_member stores a member
        stored = models.Member.get(models.Member.id_number == row.fields.id_number)
        assert members.get_member_fields(stored.id) == members.stored_fields(row.fields)
    added = models.AuditLog.select().where(models.AuditLog.action == "add_member")
    assert added.count() == 23
    assert (
        models.MemberEvent.select().where(models.MemberEvent.note == "从花名册导入").count() == 23
    )
    audit = models.AuditLog.select().where(models.AuditLog.action == "import_roster").get()
    assert "新增23名" in audit.summary
    probationary = members.roster_counts().probationary
    assert probationary == 2


def test_importing_the_same_workbook_twice_changes_nothing(branch: Store) -> None:
    roster.apply_import(preview(SAMPLE))
    before = {m.id: (m.updated_at, m.phone) for m in models.Member.select()}
    audit_rows = models.AuditLog.select().count()

    again = preview(SAMPLE)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": 23, "problem": 0}
    assert roster.apply_import(again) == roster.ImportResult(0, 0, 23, 0)
    assert member_count() == 23
    assert {m.id: (m.updated_at, m.phone) for m in models.Member.select()} == before
    new_audit = models.AuditLog.select().order_by(models.AuditLog.id)[audit_rows:]
    assert [a.action for a in new_audit] == ["import_roster"]


def test_a_changed_phone_updates_the_member_instead_of_adding_one(
    branch: Store, tmp_path: Path
) -> None:
    roster.apply_import(preview(SAMPLE))
    book = openpyxl.load_workbook(SAMPLE)
    book.active["L5"] = "13900001111"  # 邱霞永's phone
    changed = tmp_path / "changed.xlsx"
    book.save(changed)

    result = preview(changed)
    assert result.counts() == {"new": 0, "update": 1, "unchanged": 22, "problem": 0}
    (row,) = result.with_action(RowAction.UPDATE)
    assert row.row == 5
    assert row.changes == (roster.FieldChange("phone", "联系电话", "15751139388", "13900001111"),)
    roster.apply_import(result)
    assert member_count() == 23
    assert models.Member.get(models.Member.name == "邱霞永").phone == "13900001111"


# ------------------------------------------------------------------ messy workbooks


def test_a_messy_but_valid_roster(branch: Store, tmp_path: Path) -> None:
    """Title rows and merged cells above, shuffled columns under other names, spaces
    (also U+3000), hand-typed dates, a blank line, notes under the table."""
    headers = (
        "姓　名",
        "公民身份号码",
        " 性 别 ",
        "出生年月",
        "文化程度",
        "职务",
        "手机号码",
        "入党日期",
        "转正日期",
        "党员类型",
        "党小组",
        "籍贯",
        "序号",
    )
    names = {
        "姓　名": "姓名",
        "公民身份号码": "身份证号码",
        " 性 别 ": "性别",
        "出生年月": "出生日期",
        "文化程度": "学历",
        "职务": "工作岗位",
        "手机号码": "联系电话",
        "入党日期": "入党时间",
        "转正日期": "转正时间",
        "党员类型": "人员类别",
        "党小组": "所在党小组",
    }
    people = [person(i) for i in range(1, 9)]
    typed = [  # (入党日期 as written, 转正日期 as written, expected joined, expected full)
        ("1995.07", "1996.07", dt.date(1995, 7, 1), dt.date(1996, 7, 1)),
        ("1996年7月", "1997年7月1日", dt.date(1996, 7, 1), dt.date(1997, 7, 1)),
        ("1997-7-1", "1998/07/01", dt.date(1997, 7, 1), dt.date(1998, 7, 1)),
        ("19980701", 19990701, dt.date(1998, 7, 1), dt.date(1999, 7, 1)),
        (36342, "2000．07．01", dt.date(1999, 7, 1), dt.date(2000, 7, 1)),  # serial; full width
        (dt.datetime(2000, 7, 1), " 2001-07-01　", dt.date(2000, 7, 1), dt.date(2001, 7, 1)),
        (2001.07, "200207", dt.date(2001, 7, 1), dt.date(2002, 7, 1)),
        ("2002 年 7 月 1 日", "2003年07月01日", dt.date(2002, 7, 1), dt.date(2003, 7, 1)),
    ]
    rows: list[list[object] | None] = [
        [wb.TITLE],
        ["填报单位：某某小学", None, None, None, None, None, None, "填报时间：2024年3月"],
        None,
    ]
    table = wb.table(people, [names.get(h, h) for h in headers], names={})
    rows.append(list(headers))
    for index, (values, dates) in enumerate(zip(table[1:], typed, strict=True)):
        values[headers.index("入党日期")] = dates[0]
        values[headers.index("转正日期")] = dates[1]
        values[headers.index("姓　名")] = " " + str(values[0])[:1] + "　" + str(values[0])[1:]
        values[headers.index("籍贯")] = "湖北建始"
        rows.append(values)
        if index == 3:
            rows.append(None)  # a blank line in the middle
            rows.append([None] * 12 + [99])  # a template row numbered in 序号 only
    rows += [
        [None, "以下空白"],
        None,
        ["填表人：王老师", None, None, None, "审核人：李书记", None, None, "制表日期：2024.03.01"],
        [None, None, None, None, None, None, None, None, None, "（盖章）"],
        ["说明：本表由党支部填报。"],
    ]
    path = wb.write(tmp_path / "messy.xlsx", rows, merges=("A1:M1", "A2:G2"))

    result = preview(path)
    assert result.problems == ()
    assert result.sheet.header_row == 4
    assert result.sheet.ignored_columns == ("籍贯",)
    assert result.sheet.columns["name"] == 0
    assert [r.row for r in result.rows] == [5, 6, 7, 8, 11, 12, 13, 14]
    assert [s.row for s in result.sheet.skipped] == [15, 17, 18, 19]
    assert all(s.reason == "表下说明" for s in result.sheet.skipped)
    for row, p, (_, _, joined, full) in zip(result.rows, people, typed, strict=True):
        assert row.action is RowAction.NEW
        assert row.fields.name == p["姓名"]
        assert row.fields.id_number == p["身份证号码"]
        assert row.fields.joined_on == joined
        assert row.fields.full_member_on == full
        assert row.fields.party_group == p["所在党小组"]
    roster.apply_import(result)
    assert member_count() == 8
    assert models.PartyGroup.select().count() == 2


def test_id_numbers_with_lower_case_x_and_full_width_digits(branch: Store, tmp_path: Path) -> None:
    number = next(
        wb.id_number(dt.date(1980, 5, 6), male=False, serial=s)
        for s in range(100)
        if wb.id_number(dt.date(1980, 5, 6), male=False, serial=s).endswith("X")
    )
    full_width = number[:17].translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}) + "x"
    people = [
        person(1, 身份证号码=number.lower(), 出生日期="1980.05"),
        person(2, 身份证号码=" " + full_width.replace("４", "４ ", 1)),
    ]
    people[1]["出生日期"] = dt.datetime(1980, 5, 6)
    for p in people:
        p.update(性别="女", 入党时间="2005.07.01", 转正时间="2006.07.01")
    path = wb.roster(tmp_path / "x.xlsx", people)
    result = preview(path)
    assert [r.fields.id_number for r in result.rows] == [number, number]
    assert result.rows[0].action is RowAction.NEW
    assert result.rows[0].fields.birth_date == dt.date(1980, 5, 1)  # 出生年月 only
    assert only_problem(result, 4) == (
        "身份证号码",
        "身份证号码与第3行重复，同一个人只能填一行，请核对。",
    )
    roster.apply_import(result)
    stored = models.Member.get()
    assert stored.id_number == number
    assert stored.birth_date == dt.date(1980, 5, 6)  # taken from the ID number


BAD_ROWS = [  # (changes to a valid person, column, the message or a part of it)
    (
        {"身份证号码": wb.wrong_check(wb.id_number(dt.date(1985, 3, 5), male=True, serial=21))},
        "身份证号码",
        "身份证号码最后一位校验码不正确（应为 {check}），请核对。",
    ),
    ({"出生日期": dt.datetime(1985, 3, 6)}, "出生日期", "出生日期与身份证号码不一致"),
    (
        {"出生日期": "1985-02-30"},
        "出生日期",
        "日期“1985-02-30”不存在（1985年2月没有30日），请核对。",
    ),
    ({"联系电话": "1381234567"}, "联系电话", "手机号码应为11位数字，“1381234567”是10位，请核对。"),
    (
        {"人员类别": "预备党员"},
        "转正时间",
        "预备党员不应有转正时间；如已转正，请把人员类别改为“正式党员”。",
    ),
    ({"性别": "女"}, "性别", "性别与身份证号码不一致（身份证号码第17位表示“男”），请核对。"),
    ({"入党时间": "2000.13"}, "入党时间", "日期“2000.13”的月份13不存在，请核对。"),
    ({"入党时间": None}, "入党时间", "请填写入党时间（支部大会接收为预备党员的日期）。"),
    ({"入党时间": dt.datetime(1995, 1, 1)}, "入党时间", "入党时未满18周岁（当时9岁）"),
    ({"人员类别": "群众"}, "人员类别", "人员类别“群众”看不懂，请填写“正式党员”或“预备党员”。"),
    ({"姓名": None}, "姓名", "请填写姓名。"),
    (
        {"转正时间": "2011-01-01"},
        "转正时间",
        "转正时间距入党不满一年（最早应为2011年7月1日），请核对。",
    ),
    # 党章 art. 7 (issue 11): 转正 never after today, and someone who joined less than a
    # year ago is a 预备党员 even when the sheet says 正式党员.
    ({"转正时间": "2031-07-01"}, "转正时间", "转正时间2031年7月1日晚于今天"),
    (
        {
            "入党时间": dt.datetime.now() - dt.timedelta(days=12),
            "转正时间": None,
            "人员类别": "正式党员",
        },
        "人员类别",
        "人员类别应为“预备党员”",
    ),
]


@pytest.mark.parametrize(("changes", "column", "message"), BAD_ROWS)
def test_each_bad_cell_is_reported_with_row_column_and_message(
    branch: Store, tmp_path: Path, changes: dict[str, object], column: str, message: str
) -> None:
    good = person(21, 出生日期=dt.datetime(1985, 3, 5), 性别="男")
    good["身份证号码"] = wb.id_number(dt.date(1985, 3, 5), male=True, serial=21)
    good["入党时间"] = dt.datetime(2010, 7, 1)
    good["转正时间"] = dt.datetime(2011, 7, 1)
    path = wb.roster(tmp_path / "bad.xlsx", [person(3), {**good, **changes}, person(5)])
    result = preview(path)
    assert result.counts() == {"new": 2, "update": 0, "unchanged": 0, "problem": 1}
    found_column, found = only_problem(result, 4)
    assert found_column == column
    expected = message.format(check=check_char(str(good["身份证号码"])[:17]))
    assert expected in found
    assert roster.apply_import(result) == roster.ImportResult(2, 0, 0, 1)
    assert member_count() == 2


def test_problems_name_the_column_as_headed_in_the_file(branch: Store, tmp_path: Path) -> None:
    names = {
        "姓名": "姓　名",
        "身份证号码": "公民身份号码",
        "联系电话": "手机号码",
        "入党时间": "入党日期",
    }
    header = wb.table([], names=names)[0]
    bad_id = wb.wrong_check(str(person(81)["身份证号码"]))
    rows: list[list[object] | None] = [
        header,
        wb.table([person(80)])[1],
        wb.table([person(81, 身份证号码=bad_id)])[1],
        header,  # the header repeated on the second printed page
        wb.table([person(82, 联系电话="1381234567", 入党时间="2003.13")])[1],
    ]
    result = preview(wb.write(tmp_path / "names.xlsx", rows))
    assert [r.row for r in result.rows] == [2, 3, 5]
    assert [(s.row, s.reason) for s in result.sheet.skipped] == [(4, "重复的表头")]
    assert only_problem(result, 3)[0] == "公民身份号码"
    assert problems_of(result, 5) == [
        ("手机号码", "手机号码应为11位数字，“1381234567”是10位，请核对。"),
        ("入党日期", "日期“2003.13”的月份13不存在，请核对。"),
    ]


def test_an_id_number_stored_as_a_number_is_explained(branch: Store, tmp_path: Path) -> None:
    serial = wb.digits_only_serial()
    number = float(str(person(serial)["身份证号码"]))
    short = person(serial + 1, 身份证号码=4228221971)
    path = wb.roster(tmp_path / "number.xlsx", [person(serial, 身份证号码=number), short])
    result = preview(path)
    column, message = only_problem(result, 3)
    assert column == "身份证号码"
    assert message.startswith("身份证号码被 Excel 存成了数字（显示为 4.22822E+17）")
    assert message.endswith("请把该列设为文本格式后重新填写。")
    assert only_problem(result, 4) == (
        "身份证号码",
        "身份证号码应为18位，现在是10位，请核对是否多输或漏输。",
    )


def test_a_missing_id_number_is_a_warning_and_the_name_matches_later(
    branch: Store, tmp_path: Path
) -> None:
    p = person(9)
    path = wb.roster(tmp_path / "noid.xlsx", [{**p, "身份证号码": None}])
    result = preview(path)
    (row,) = result.rows
    assert row.action is RowAction.NEW
    assert [(w.column, w.severity) for w in row.problems] == [("身份证号码", "warning")]
    roster.apply_import(result)

    path = wb.roster(tmp_path / "withid.xlsx", [{**p, "联系电话": None}])
    later = preview(path)
    (row,) = later.rows
    assert row.action is RowAction.UPDATE  # the same person: the ID number is filled in
    assert [c.field for c in row.changes] == ["id_number"]
    assert "*" in row.changes[0].new  # masked in the preview
    roster.apply_import(later)
    assert member_count() == 1
    stored = models.Member.get()
    assert stored.id_number == p["身份证号码"]
    assert stored.phone == p["联系电话"]  # a blank cell does not erase


def test_a_duplicate_id_number_is_a_problem_on_the_second_row(
    branch: Store, tmp_path: Path
) -> None:
    twin = person(11, 姓名="李双")
    path = wb.roster(tmp_path / "dup.xlsx", [twin, person(12), {**twin, "联系电话": "13900000000"}])
    result = preview(path)
    assert problems_of(result, 3) == []
    assert only_problem(result, 5) == (
        "身份证号码",
        "身份证号码与第3行重复，同一个人只能填一行，请核对。",
    )


def test_probation_ends_through_the_roster(branch: Store, tmp_path: Path) -> None:
    p = person(13, 人员类别="预备", 转正时间=None, 入党时间=dt.datetime(2025, 12, 1))
    roster.apply_import(preview(wb.roster(tmp_path / "a.xlsx", [p])))
    assert models.Member.get().status is MemberStatus.PROBATIONARY
    full = {**p, "人员类别": "正式", "转正时间": "2026.12.01"}
    result = roster.preview_import(
        wb.roster(tmp_path / "b.xlsx", [full]), today=dt.date(2026, 12, 2)
    )
    (row,) = result.rows
    assert row.action is RowAction.UPDATE
    assert {c.field for c in row.changes} == {"status", "full_member_on"}
    roster.apply_import(result)
    member = models.Member.get()
    assert member.status is MemberStatus.FULL
    kinds = [e.kind for e in models.MemberEvent.select().order_by(models.MemberEvent.id)]
    assert kinds == [MemberEventKind.ADDED, MemberEventKind.BECAME_FULL]


def test_a_blank_category_is_derived_with_a_warning(branch: Store, tmp_path: Path) -> None:
    recent = person(15, 人员类别=None, 转正时间=None, 入党时间=dt.datetime(2026, 6, 1))
    older = person(16, 人员类别=None, 转正时间=None)
    result = preview(wb.roster(tmp_path / "cat.xlsx", [recent, older]))
    assert [r.fields.status for r in result.rows] == [
        MemberStatus.PROBATIONARY,
        MemberStatus.FULL,
    ]
    assert all(r.action is RowAction.NEW for r in result.rows)
    assert [p.message for p in result.rows[0].warnings] == ["人员类别没有填写，按“预备党员”导入。"]


def test_a_member_who_left_is_not_brought_back_by_the_roster(branch: Store, tmp_path: Path) -> None:
    p = person(17)
    roster.apply_import(preview(wb.roster(tmp_path / "a.xlsx", [p])))
    members.record_leaving(
        models.Member.get().id,
        MemberEventKind.TRANSFER_OUT,
        on=dt.date(2024, 9, 1),
        letter_no="建教党转〔2024〕3号",
        counterpart="中共恩施市某中学支部委员会",
    )
    result = preview(wb.roster(tmp_path / "b.xlsx", [p]))
    column, message = only_problem(result, 3)
    assert column == "身份证号码"
    assert "已转出，不在册" in message
    assert "转入" in message


def test_a_group_merged_over_its_members_and_a_two_row_header(
    branch: Store, tmp_path: Path
) -> None:
    people = [person(i, 所在党小组=None) for i in (21, 22, 23, 24)]
    people[0]["所在党小组"] = "语文组"
    people[2]["所在党小组"] = "数学组"
    headers: list[object] = [
        "姓名",
        "身份证号码",
        "入党时间",
        "转正时间",
        "人员类别",
        "所在党小组",
        "联系方式",
        None,
    ]
    rows: list[list[object] | None] = [
        [wb.TITLE],
        headers,
        [None, None, None, None, None, None, "手机", "电话"],
    ]
    for p in people:
        rows.append(
            [
                p["姓名"],
                p["身份证号码"],
                p["入党时间"],
                p["转正时间"],
                "正式党员",
                p["所在党小组"],
                p["联系电话"],
                "0718-3322123",
            ]
        )
    path = wb.write(
        tmp_path / "merged.xlsx",
        rows,
        merges=(
            "A1:H1",
            "A2:A3",
            "B2:B3",
            "C2:C3",
            "D2:D3",
            "E2:E3",
            "F2:F3",
            "G2:H2",
            "F4:F5",
            "F6:F7",
        ),
    )
    result = preview(path)
    assert result.problems == ()
    assert result.sheet.header_row == 3
    assert [r.fields.party_group for r in result.rows] == ["语文组", "语文组", "数学组", "数学组"]
    assert [r.fields.phone for r in result.rows] == [str(p["联系电话"]) for p in people]
    assert result.sheet.ignored_columns == ("电话",)


def test_the_first_sheet_with_a_roster_is_used(branch: Store, tmp_path: Path) -> None:
    path = tmp_path / "sheets.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "本工作簿第二页是花名册。"
    sheet = book.create_sheet("花名册")
    for values in wb.table([person(31)]):
        sheet.append(values)
    book.save(path)
    result = preview(path)
    assert result.sheet.sheet == "花名册"
    assert result.counts()["new"] == 1


# ------------------------------------------------------------------ files that cannot be read


def refused(path: Path) -> str:
    with pytest.raises(UserError) as caught:
        roster.read_roster(path)
    text = str(caught.value)
    assert path.name in text
    return text


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    csv = tmp_path / "花名册.csv"
    csv.write_text("姓名,性别\n张三,男\n", encoding="utf-8")
    assert "不是 Excel 工作簿" in refused(csv)
    fake = tmp_path / "花名册.xlsx"
    fake.write_bytes(b"\x00\x01 definitely not a workbook")
    assert "不是 Excel 工作簿" in refused(fake)


def test_old_xls_and_encrypted_files_say_what_to_do(tmp_path: Path) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    old = tmp_path / "花名册.xls"
    old.write_bytes(ole)
    assert "另存为" in refused(old)
    locked = tmp_path / "加密花名册.xlsx"
    locked.write_bytes(ole)
    assert "密码" in refused(locked)


def test_a_damaged_workbook(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert "可能已损坏" in refused(damaged)
    truncated = tmp_path / "truncated.xlsx"
    whole = wb.roster(tmp_path / "whole.xlsx", [person(1)]).read_bytes()
    truncated.write_bytes(whole[: len(whole) // 2])
    assert "可能已损坏" in refused(truncated)


def _rezipped(whole: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """The workbook ``whole`` with one part's bytes changed, zipped again."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(whole)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, change(data) if info.filename == part else data)
    return out.getvalue()


def _damaged_sheet(whole: bytes) -> bytes:
    """A byte of the sheet's compressed data changed after it was zipped."""
    with zipfile.ZipFile(io.BytesIO(whole)) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    at = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 5
    return whole[:at] + bytes([whole[at] ^ 0xFF]) + whole[at + 1 :]


def _flag_in_local_headers(whole: bytes, flag_at: int, value: bytes) -> bytes:
    """Every local header's field at ``flag_at`` (from its signature) and the central
    directory's copy of it (2 bytes further) set to ``value``."""
    data = bytearray(whole)
    for signature, offset in ((b"PK\x03\x04", flag_at), (b"PK\x01\x02", flag_at + 2)):
        start = data.find(signature)
        while start != -1:
            data[start + offset : start + offset + len(value)] = value
            start = data.find(signature, start + 4)
    return bytes(data)


# How a roster gets damaged, and what zipfile or openpyxl then raise (the cause kept)
DAMAGES: list[tuple[str, Callable[[bytes], bytes], type[Exception]]] = [
    ("damaged compressed data", _damaged_sheet, zlib.error),
    (
        "checksums that do not match",
        lambda w: _flag_in_local_headers(w, 14, bytes(4)),
        zipfile.BadZipFile,
    ),
    (
        "broken sheet XML",
        lambda w: _rezipped(w, "xl/worksheets/sheet1.xml", lambda d: d[: len(d) // 2]),
        SyntaxError,
    ),
    (
        "a number that is not one",
        lambda w: _rezipped(w, "xl/worksheets/sheet1.xml", lambda d: d.replace(b'="1"', b'="x"')),
        ValueError,
    ),
    (
        "a style of the wrong kind",
        lambda w: _rezipped(w, "xl/styles.xml", lambda d: d.replace(b'="1"', b'="x"')),
        TypeError,
    ),
    ("no workbook part", lambda w: _rezipped(w, "xl/workbook.xml", lambda d: b""), SyntaxError),
    ("entries marked encrypted", lambda w: _flag_in_local_headers(w, 6, b"\x01"), RuntimeError),
    (
        "an unknown compression",
        lambda w: _flag_in_local_headers(w, 8, b"\x63\x00"),
        NotImplementedError,
    ),
]


@pytest.mark.parametrize(("damage", "how", "raised"), DAMAGES, ids=[d[0] for d in DAMAGES])
def test_each_kind_of_damage_is_told_in_chinese(
    tmp_path: Path, damage: str, how: Callable[[bytes], bytes], raised: type[Exception]
) -> None:
    whole = wb.roster(tmp_path / "whole.xlsx", [person(1), person(2)]).read_bytes()
    damaged = tmp_path / "花名册.xlsx"
    damaged.write_bytes(how(whole))
    with pytest.raises(UserError, match="可能已损坏") as refused_with:
        roster.read_roster(damaged)
    assert isinstance(refused_with.value.__cause__, raised), repr(refused_with.value.__cause__)


def test_a_missing_file(tmp_path: Path) -> None:
    assert "找不到" in refused(tmp_path / "nowhere.xlsx")


def test_an_empty_workbook(tmp_path: Path) -> None:
    path = wb.write(tmp_path / "empty.xlsx", [], extra_sheets=("Sheet2",))
    assert "工作簿是空的" in refused(path)


def test_a_workbook_without_a_name_column(tmp_path: Path) -> None:
    rows = wb.table([person(1)], names={"姓名": "姓"})
    text = refused(wb.write(tmp_path / "noname.xlsx", rows))
    assert "没有“姓名”（找的列名：姓名）列" in text
    assert "第1行" in text


def test_a_workbook_without_any_header(tmp_path: Path) -> None:
    rows = [["张三", "男", "1985.03"], ["李四", "女", "1986.04"]]
    assert "没有找到花名册的表头" in refused(wb.write(tmp_path / "plain.xlsx", rows))


def test_a_header_without_rows(tmp_path: Path) -> None:
    assert "下面没有党员信息" in refused(wb.roster(tmp_path / "header.xlsx", []))


def test_without_a_branch_nothing_can_be_imported(store: Store) -> None:
    with pytest.raises(UserError, match="还没有建立支部"):
        roster.preview_import(SAMPLE)


# ------------------------------------------------------------------ problem rows


def test_the_problem_rows_can_be_fixed_and_imported_again(branch: Store, tmp_path: Path) -> None:
    bad_id = wb.wrong_check(str(person(42)["身份证号码"]))
    rows = [
        person(41),
        person(42, 身份证号码=bad_id, 备注="=需要核对"),
        person(43, 联系电话="1381234567", 入党时间="1985-02-30"),
        person(44),
    ]
    result = preview(wb.roster(tmp_path / "source.xlsx", rows))
    assert [r.row for r in result.problem_rows] == [4, 5]
    roster.apply_import(result)
    out = tmp_path / "问题行.xlsx"
    assert roster.write_problem_rows(result, out) == 2

    book = openpyxl.load_workbook(out)
    sheet = book.active
    headers = [c.value for c in sheet[1]]
    assert headers == [*wb.STANDARD_HEADERS, "问题说明"]
    assert sheet.max_row == 3
    assert sheet["F2"].value == bad_id
    assert sheet["N2"].value == "'=需要核对"  # text that cannot run (documents/workbook.py)
    assert sheet["N2"].data_type == "s"
    assert sheet["F2"].fill.fgColor.rgb.endswith("FFF2CC")
    notes = sheet["O3"].value
    assert "原第5行" in notes
    assert "联系电话：手机号码应为11位数字" in notes
    assert "入党时间：日期“1985-02-30”不存在" in notes

    sheet["F2"] = str(person(42)["身份证号码"])
    sheet["I3"] = "13812345678"
    sheet["J3"] = "2019.06.28"
    sheet["K3"] = "2020.06.28"
    book.save(out)
    fixed = preview(out)
    assert [p for p in fixed.problems if p.is_error] == []
    assert fixed.sheet.ignored_columns == ()  # 问题说明 is known
    assert fixed.counts() == {"new": 2, "update": 0, "unchanged": 0, "problem": 0}
    roster.apply_import(fixed)
    assert member_count() == 4


def test_an_id_number_lost_as_a_number_stays_visible_in_the_problem_rows(
    branch: Store, tmp_path: Path
) -> None:
    serial = wb.digits_only_serial(45)
    as_number = float(str(person(serial)["身份证号码"]))
    result = preview(wb.roster(tmp_path / "n.xlsx", [person(serial, 身份证号码=as_number)]))
    out = tmp_path / "problems.xlsx"
    roster.write_problem_rows(result, out)
    sheet = openpyxl.load_workbook(out).active
    assert sheet["F2"].value == pytest.approx(as_number)
    assert sheet["F2"].number_format == "@"
    assert "存成了数字" in sheet["O2"].value


# ------------------------------------------------------------------ export


def test_export_has_title_header_rows_and_text_id_numbers(branch: Store, tmp_path: Path) -> None:
    roster.apply_import(preview(SAMPLE))
    out = tmp_path / "导出.xlsx"
    assert roster.export_roster(out, today=TODAY) == 23
    book = openpyxl.load_workbook(out)
    sheet = book.active
    assert sheet["A1"].value == f"{BRANCH}党员花名册"
    assert "A1:N1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[2]] == list(roster.EXPORT_HEADERS)
    data = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[1]]
    assert len(data) == 23
    assert data[0][:6] == (
        1,
        "丁雪艳",
        "女",
        "土家族",
        dt.datetime(1973, 11, 25),
        "42282219731125116X",
    )
    for row in range(3, 26):
        cell = sheet.cell(row=row, column=6)
        assert cell.data_type == "s"
        assert cell.number_format == "@"
        assert sheet.cell(row=row, column=5).number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "C3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["F"].width >= 20
    assert sheet["A27"].value == "制表日期：2026-11-26"


def test_an_exported_roster_imports_back_unchanged(branch: Store, tmp_path: Path) -> None:
    people = [person(i) for i in range(50, 60)]
    people[3]["备注"] = "兼任少先队辅导员"
    people[4]["人员类别"] = "预备党员"
    people[4]["转正时间"] = None
    people[4]["入党时间"] = dt.datetime(2026, 3, 1)
    people[5]["身份证号码"] = None
    roster.apply_import(preview(wb.roster(tmp_path / "in.xlsx", people)))
    out = tmp_path / "out.xlsx"
    roster.export_roster(out)
    again = preview(out)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": 10, "problem": 0}
    assert [s.reason for s in again.sheet.skipped] == ["表下说明"]


def test_a_masked_export_imports_back_by_name(branch: Store, tmp_path: Path) -> None:
    roster.apply_import(preview(SAMPLE))
    out = tmp_path / "masked.xlsx"
    roster.export_roster(out, mask_ids=True)
    sheet = openpyxl.load_workbook(out).active
    assert sheet["F3"].value == "422822********116X"
    again = preview(out)
    assert again.counts() == {"new": 0, "update": 0, "unchanged": 23, "problem": 0}
    assert all("隐藏" in r.warnings[0].message for r in again.rows)


def test_members_who_left_are_not_exported(branch: Store, tmp_path: Path) -> None:
    roster.apply_import(preview(SAMPLE))
    leaving = models.Member.get(models.Member.name == "陈桂")
    members.record_leaving(leaving.id, MemberEventKind.DECEASED, on=dt.date(2025, 1, 3))
    assert roster.export_roster(tmp_path / "out.xlsx") == 22


def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster.apply_import(preview(SAMPLE))
    out = tmp_path / "roster.xlsx"
    out.write_bytes(b"the previous export")

    def broken_save(book: object, filename: Path) -> None:
        Path(filename).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    # Every workbook is written by documents/workbook.py (sheets built in memory).
    monkeypatch.setattr(workbook_writer, "_write_xlsx", broken_save)
    with pytest.raises(UserError, match="无法写入"):
        roster.export_roster(out)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "roster.xlsx"]


def test_export_refuses_a_name_without_xlsx(branch: Store, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"\.xlsx"):
        roster.export_roster(tmp_path / "roster.xls")


# ------------------------------------------------------------------ one transaction


def test_a_failure_during_import_leaves_the_database_as_before(
    branch: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    roster.apply_import(preview(wb.roster(tmp_path / "a.xlsx", [person(61), person(62)])))
    before = [(m.name, m.phone) for m in models.Member.select().order_by(models.Member.id)]
    audit_before = models.AuditLog.select().count()
    changed = [person(61, 联系电话="13911112222"), person(62)] + [person(i) for i in range(63, 70)]
    result = preview(wb.roster(tmp_path / "b.xlsx", changed))
    assert result.counts() == {"new": 7, "update": 1, "unchanged": 1, "problem": 0}

    def fail(member_id: int, fields: MemberFields, **kwargs: object) -> None:
        assert models.Member.select().count() == 9  # the new members are in by now
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(roster, "update_member", fail)
    with pytest.raises(RuntimeError):
        roster.apply_import(result)
    assert [(m.name, m.phone) for m in models.Member.select().order_by(models.Member.id)] == before
    assert models.AuditLog.select().count() == audit_before
    assert models.MemberEvent.select().count() == 2


def test_a_member_added_after_the_preview_stops_the_whole_import(
    branch: Store, tmp_path: Path
) -> None:
    p = person(71)
    result = preview(wb.roster(tmp_path / "a.xlsx", [person(70), p]))
    members.add_member(
        MemberFields(
            name=str(p["姓名"]),
            id_number=str(p["身份证号码"]),
            joined_on=p["入党时间"].date(),  # type: ignore[attr-defined]
            full_member_on=p["转正时间"].date(),  # type: ignore[attr-defined]
        )
    )
    with pytest.raises(UserError, match="第4行") as caught:
        roster.apply_import(result)
    assert "重新预览" in str(caught.value)
    assert member_count() == 1


# ------------------------------------------------------------------ any valid row round trips


@st.composite
def valid_members(draw: st.DrawFn) -> tuple[MemberFields, str]:
    birth = draw(st.dates(dt.date(1950, 1, 1), dt.date(2000, 12, 31)))
    male = draw(st.booleans())
    serial = draw(st.integers(0, 99))
    number = wb.id_number(birth, male=male, serial=serial)
    joined = add_years(birth, 18) + dt.timedelta(  # at least 18 on the day
        days=draw(st.integers(1, 365 * 20))
    )
    joined = min(joined, TODAY - dt.timedelta(days=1))
    probationary = draw(st.booleans()) and joined > TODAY - dt.timedelta(days=360)
    full = None
    if not probationary:
        earliest = add_years(joined, 1)  # the day a year's probation ends
        if earliest > TODAY:
            probationary = True
        else:
            full = earliest + dt.timedelta(days=draw(st.integers(0, (TODAY - earliest).days)))
    text = st.text(alphabet="教师班主任后勤语文数学英语组长副校", min_size=0, max_size=6)
    fields = MemberFields(
        name=draw(
            st.text(
                alphabet="张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕", min_size=2, max_size=4
            )
        ),
        id_number=number,
        gender=Gender.MALE if male else Gender.FEMALE,
        ethnicity=draw(st.sampled_from(["汉族", "土家族", "苗族", "侗族", ""])),
        birth_date=birth,
        education=draw(st.sampled_from(["大学本科", "大学专科", "中专", "研究生", ""])),
        position=draw(text),
        phone=draw(st.sampled_from(["13", "15", "18", "19"]))
        + f"{draw(st.integers(0, 10**9 - 1)):09d}",
        joined_on=joined,
        full_member_on=full,
        status=MemberStatus.PROBATIONARY if probationary else MemberStatus.FULL,
        party_group=draw(st.sampled_from(["", "第一党小组", "语文组"])),
        notes=draw(text),
    )
    style = draw(st.sampled_from(["excel", "dots", "chinese", "dashes", "compact", "serial"]))
    return fields, style


def written(day: dt.date | None, style: str) -> object:
    if day is None:
        return None
    return {
        "excel": dt.datetime(day.year, day.month, day.day),
        "dots": f"{day.year}.{day.month:02d}.{day.day:02d}",
        "chinese": f"{day.year}年{day.month}月{day.day}日",
        "dashes": f"{day.year}-{day.month}-{day.day}",
        "compact": f"{day:%Y%m%d}",
        "serial": (day - dt.date(1899, 12, 30)).days,
    }[style]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_members())
def test_any_valid_member_written_to_a_workbook_reads_back_the_same(
    case: tuple[MemberFields, str],
) -> None:
    fields, style = case
    assert [p for p in validate_member(fields, today=TODAY) if p.is_error] == []
    values = {
        "序号": 1,
        "姓名": fields.name,
        "性别": fields.gender.label if fields.gender else None,
        "民族": fields.ethnicity or None,
        "出生日期": written(fields.birth_date, style),
        "身份证号码": fields.id_number,
        "学历": fields.education or None,
        "工作岗位": fields.position or None,
        "联系电话": fields.phone,
        "入党时间": written(fields.joined_on, style),
        "转正时间": written(fields.full_member_on, style),
        "人员类别": fields.status.label,
        "所在党小组": fields.party_group or None,
        "备注": fields.notes or None,
    }
    with tempfile.TemporaryDirectory() as folder:
        sheet = roster.read_roster(wb.roster(Path(folder) / "one.xlsx", [values]))
    (row,) = sheet.rows
    assert row.problems == ()
    assert row.fields == fields


# ------------------------------------------------------------------ issue 13: digits typed
# another way, invisible characters, and workbooks too big to import

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
MATH_BOLD = "".join(chr(0x1D7CE + d) for d in range(10))  # 𝟎 … 𝟗
FULL_WIDTH = "０１２３４５６７８９"


def typed_with(number: str, digits: str, at: int) -> str:
    """``number`` with its character at ``at`` (a digit) written with ``digits``."""
    return number[:at] + digits[int(number[at])] + number[at + 1 :]


@pytest.mark.parametrize("digits", [FULL_WIDTH, ARABIC_INDIC, MATH_BOLD])
def test_an_id_number_with_one_other_digit_matches_the_registered_member(
    branch: Store, tmp_path: Path, digits: str
) -> None:
    registered = person(41)
    roster.apply_import(preview(wb.roster(tmp_path / "first.xlsx", [registered])))
    number = str(registered["身份证号码"])
    again = {**registered, "身份证号码": typed_with(number, digits, 7), "联系电话": "13900000041"}
    result = preview(wb.roster(tmp_path / "again.xlsx", [again]))
    (row,) = result.rows
    assert row.action is RowAction.UPDATE, row.problems
    assert row.fields.id_number == number
    assert [c.field for c in row.changes] == ["phone"]
    roster.apply_import(result)
    assert member_count() == 1
    assert models.Member.get().id_number == number


def test_two_rows_of_one_person_typed_with_other_digits_are_a_duplicate(
    branch: Store, tmp_path: Path
) -> None:
    first = person(42)
    number = str(first["身份证号码"])
    second = {**first, "身份证号码": typed_with(number, ARABIC_INDIC, 3), "姓名": "张晓明文"}
    result = preview(wb.roster(tmp_path / "twice.xlsx", [first, second]))
    assert result.rows[0].action is RowAction.NEW
    assert only_problem(result, 4) == (
        "身份证号码",
        "身份证号码与第3行重复，同一个人只能填一行，请核对。",
    )


def test_a_number_stored_with_an_arabic_indic_digit_is_matched(
    branch: Store, tmp_path: Path
) -> None:
    """A member saved before numbers were normalised is found, not registered again."""
    registered = person(43)
    roster.apply_import(preview(wb.roster(tmp_path / "first.xlsx", [registered])))
    number = str(registered["身份证号码"])
    models.Member.update(id_number=typed_with(number, ARABIC_INDIC, 10)).execute()
    result = preview(wb.roster(tmp_path / "again.xlsx", [registered]))
    (row,) = result.rows
    assert row.action is RowAction.UPDATE  # the stored number is made ASCII
    assert [c.field for c in row.changes] == ["id_number"]
    roster.apply_import(result)
    assert member_count() == 1
    assert models.Member.get().id_number == number


def test_invisible_characters_are_removed_and_named(branch: Store, tmp_path: Path) -> None:
    p = person(44)
    number = str(p["身份证号码"])
    p.update(
        姓名="\u200b" + str(p["姓名"]) + "\u200d",
        身份证号码=number[:6] + "\u200b" + number[6:] + "\u202c",
        联系电话="\u200e" + str(p["联系电话"]),
    )
    result = preview(wb.roster(tmp_path / "invisible.xlsx", [p]))
    (row,) = result.rows
    assert row.action is RowAction.NEW
    assert row.errors == ()
    assert [(w.column, w.message) for w in row.warnings] == [
        ("姓名", "姓名中有看不见的字符（零宽空格、零宽连接符），已去掉，请核对。"),
        ("身份证号码", "身份证号码中有看不见的字符（零宽空格、文字方向控制符），已去掉，请核对。"),
        ("联系电话", "联系电话中有看不见的字符（文字方向标记），已去掉，请核对。"),
    ]
    roster.apply_import(result)
    stored = models.Member.get()
    assert stored.name == str(person(44)["姓名"])
    assert stored.id_number == number
    assert stored.phone == str(person(44)["联系电话"])


def test_a_file_over_20_mb_is_refused_without_being_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = wb.roster(tmp_path / "big.xlsx", [person(1)])
    with big.open("r+b") as handle:  # a valid workbook padded past the limit (sparse)
        handle.truncate(roster.MAX_FILE_BYTES + 1)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(UserError) as caught:
        roster.read_roster(big)
    assert "超过了花名册导入的上限（20 MB）" in caught.value.message
    assert "分成几个文件" in str(caught.value.hint)
    assert "空行和格式" in str(caught.value.hint)
    exactly = tmp_path / "exactly.xlsx"
    exactly.write_bytes(big.read_bytes()[: roster.MAX_FILE_BYTES])
    opened: list[object] = []

    def padded(*args: object, **kwargs: object) -> None:
        opened.append(args)
        raise zipfile.BadZipFile("the padding is not a workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", padded)
    with pytest.raises(UserError) as caught:
        roster.read_roster(exactly)  # at the limit it is opened (and found damaged)
    assert len(opened) == 1
    assert "上限" not in caught.value.message and "可能已损坏" in caught.value.message


def many_rows(path: Path, count: int, *, extra: int = 0) -> Path:
    """A header and ``count`` member rows (written streaming: quick to build)."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(["姓名", "入党时间"])
    for i in range(count + extra):
        sheet.append([f"党员{i}", "2000.07.01"])
    book.save(path)
    return path


def test_more_than_5000_rows_are_refused_while_reading(tmp_path: Path) -> None:
    import time

    path = many_rows(tmp_path / "5001.xlsx", roster.MAX_DATA_ROWS + 1)
    started = time.perf_counter()
    text = refused(path)
    assert time.perf_counter() - started < 5
    assert "超过5000行有内容" in text
    with pytest.raises(UserError) as caught:
        roster.read_roster(path)
    assert "分成几个文件（每个不超过5000行）" in str(caught.value.hint)
    # Far more rows: the reading stops at the limit, it does not read them all.
    huge = many_rows(tmp_path / "huge.xlsx", 60_000)
    started = time.perf_counter()
    assert "超过5000行有内容" in refused(huge)
    assert time.perf_counter() - started < 5


def test_exactly_5000_rows_are_read(tmp_path: Path) -> None:
    sheet = roster.read_roster(many_rows(tmp_path / "5000.xlsx", roster.MAX_DATA_ROWS))
    assert len(sheet.rows) == roster.MAX_DATA_ROWS
    assert sheet.rows[-1].row == roster.MAX_DATA_ROWS + 1


def test_ten_real_rows_under_formatting_to_the_last_row_import(
    branch: Store, tmp_path: Path
) -> None:
    """Formatting down to row 1,048,576 makes the "dimension" claim a million rows: only
    the rows with content count and are read."""
    from openpyxl.styles import Border, PatternFill, Side

    path = wb.roster(tmp_path / "formatted.xlsx", wb.many_people(10))
    book = openpyxl.load_workbook(path)
    sheet = book.active
    fill = PatternFill("solid", fgColor="FFF2CC")
    border = Border(bottom=Side(style="thin"))
    for r in range(13, 6_000):  # formatted, empty rows under the table
        for c in (1, 2, 6):
            sheet.cell(row=r, column=c).fill = fill
    sheet.cell(row=1_048_576, column=14).border = border
    sheet.cell(row=1_048_576, column=14).value = "   "  # spaces only: no content
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:N1048576"/>' in sheet_xml
    import time

    started = time.perf_counter()
    result = preview(path)
    assert time.perf_counter() - started < 10
    assert result.counts()["new"] == 10
    assert result.problems == ()
    roster.apply_import(result)
    assert member_count() == 10


def test_a_dimension_written_too_small_does_not_cut_the_table(
    branch: Store, tmp_path: Path
) -> None:
    """Some programs write ``<dimension ref="A1"/>``; every cell is still read."""
    source = wb.roster(tmp_path / "source.xlsx", wb.many_people(3))
    path = tmp_path / "small-dimension.xlsx"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:N5"/>', b'<dimension ref="A1"/>')
                assert b'<dimension ref="A1"/>' in data
            new.writestr(item, data)
    result = preview(path)
    assert result.counts()["new"] == 3
    assert result.problems == ()
