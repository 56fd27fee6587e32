"""Bench: import a 1,000-row roster workbook (target: under 1 s).

Run from the project folder: ``python bench/bench_roster_import.py [--rows N]``.

Builds a realistic 花名册 (merged title row, header, valid ID numbers with their check
digits, dates as Excel dates and typed by hand, party groups, notes under the table) in a
temporary folder, then times, in a fresh data folder:

- reading and previewing (``preview_import``: parse, validate, match),
- applying (``apply_import``: one transaction),
- importing the same workbook again (all rows unchanged),
- exporting the roster.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import Workbook

from jianshi_desktop.domain.idcard import check_char
from jianshi_desktop.services import roster
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import open_store

TARGET_SECONDS = 1.0
SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "晓明丽华建国秀英志强军平红梅玉兰文静海燕春雪芳娟敏勇俊杰涛斌"
HEADERS = (
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


def _id_number(birth: dt.date, serial: int, male: bool) -> str:
    first17 = f"422822{birth:%Y%m%d}{serial % 100:02d}{(serial % 5) * 2 + int(male)}"
    return first17 + check_char(first17)


def _typed(day: dt.date, style: int) -> object:
    """Dates the way secretaries write them: Excel dates mostly, some typed."""
    if style == 0:
        return f"{day.year}.{day.month:02d}.{day.day:02d}"
    if style == 1:
        return f"{day.year}年{day.month}月{day.day}日"
    if style == 2:
        return f"{day:%Y%m%d}"
    return dt.datetime(day.year, day.month, day.day)


def build_workbook(path: Path, rows: int, *, seed: int = 20) -> None:
    rng = random.Random(seed)
    book = Workbook()
    sheet = book.active
    sheet.title = "党员花名册"
    sheet.append(["中共建始县某某中学支部委员会党员花名册"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.append(list(HEADERS))
    seen: set[str] = set()
    serial = 0
    while len(seen) < rows:
        serial += 1
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 40))
        male = rng.random() < 0.5
        number = _id_number(birth, serial, male)
        if number in seen:
            continue
        seen.add(number)
        joined = birth.replace(day=min(birth.day, 28), year=birth.year + 19) + dt.timedelta(
            days=rng.randrange(0, 365 * 15)
        )
        joined = min(joined, dt.date.today() - dt.timedelta(days=400))
        probationary = rng.random() < 0.05
        if probationary:
            joined = dt.date.today() - dt.timedelta(days=rng.randrange(30, 300))
        full = None if probationary else joined.replace(year=joined.year + 1)
        style = rng.randrange(0, 8)
        sheet.append(
            [
                len(seen),
                rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
                "男" if male else "女",
                rng.choice(["汉族", "土家族", "苗族", "侗族"]),
                _typed(birth, style),
                number if rng.random() > 0.1 else number.lower(),
                rng.choice(["大学本科", "大学专科", "中专", "研究生"]),
                rng.choice(["教师", "班主任", "教务主任", "后勤", "副校长"]),
                f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                _typed(joined, style),
                _typed(full, style) if full else None,
                "预备党员" if probationary else "正式党员",
                f"第{'一二三四五六'[len(seen) % 6]}党小组",
                "",
            ]
        )
    sheet.append([])
    sheet.append(["填表人：王老师", None, None, None, "审核人：李书记"])
    sheet.append(["制表日期：2026年11月26日"])
    book.save(path)


T = TypeVar("T")


def timed(label: str, action: Callable[[], T]) -> tuple[float, T]:
    start = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - start
    print(f"  {label:<32}{elapsed * 1000:8.0f} ms")
    return elapsed, result


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-roster-") as folder:
        workbook = Path(folder) / "花名册.xlsx"
        start = time.perf_counter()
        build_workbook(workbook, args.rows)
        print(f"{args.rows} 行的花名册 / rows: built in {time.perf_counter() - start:.2f} s")
        store = open_store(Path(folder) / "data", log_to_file=False)
        try:
            create_branch(
                BranchDraft(name="中共建始县某某中学支部委员会", founded_on=dt.date(2000, 9, 1))
            )
            read, preview = timed("read + preview", lambda: roster.preview_import(workbook))
            counts = preview.counts()
            assert counts["new"] == args.rows and counts["problem"] == 0, counts
            applied, _ = timed("apply (one transaction)", lambda: roster.apply_import(preview))
            total = read + applied
            _, second = timed(
                "same workbook again (preview)", lambda: roster.preview_import(workbook)
            )
            assert second.counts()["unchanged"] == args.rows
            timed("export", lambda: roster.export_roster(Path(folder) / "导出.xlsx"))
        finally:
            store.close()
    verdict = "OK" if total < TARGET_SECONDS else "TOO SLOW"
    print(
        f"导入合计 / import total (read + preview + apply): {total:.2f} s "
        f"— 目标 / target < {TARGET_SECONDS:.0f} s: {verdict}"
    )
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
