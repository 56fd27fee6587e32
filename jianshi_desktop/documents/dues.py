"""党费 as printed: the month's 党费收缴明细表 (the 党费收缴 record's own document), the
year's 党费收缴情况 (each member's twelve months) and a member's 党费交纳证明.

Plain content in, a :class:`Document` out; no database (the layer rules keep documents/
on plain data). Money comes in 分 and prints as 元 with two decimals. Only what the data
holds is printed: no 上缴 line before the money was handed up, no standard where none
could be reckoned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from jianshi_desktop.documents.layout import as_landscape, default_layout
from jianshi_desktop.documents.model import (
    Block,
    Cell,
    Document,
    Paragraph,
    SignatureBlock,
    SignatureLines,
    Table,
)
from jianshi_desktop.documents.records import RecordNotes
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.dues import format_yuan, month_label

SIZE_PT = 9.0  # 小五: eleven columns across a portrait page (the 台账 is portrait)
LEADING_PT = 13.0  # set close: a branch of about twenty-five on one page
YEAR_SIZE_PT = 9.0  # 小五: seventeen columns across a landscape page
UNPAID = "未交"
NOT_DUE = "—"  # not owed that month: before the branch's dues began, before joining, after leaving


def _yuan(fen: int | None) -> str:
    return "" if fen is None else format_yuan(fen)


def _label(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, label=True, keep_together=True)


def _centre(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="center")


def _right(text: str) -> Cell:
    return Cell(text, align="right")


def _notes_lines(notes: RecordNotes) -> list[str]:
    lines = []
    if notes.late_entry:
        when = f"于{format_date(notes.recorded_on)}" if notes.recorded_on else "事后"
        lines.append(f"本记录{when}补录。")
    lines.extend(notes.amendments)
    return lines


# --- 党费收缴明细表 -----------------------------------------------------------------------


def short_day(day: dt.date | None, year: int) -> str:
    """「11月8日」 in ``year`` (printed above the table), else the full date."""
    if day is None:
        return ""
    return f"{day.month}月{day.day}日" if day.year == year else format_date(day)


def short_month(month: dt.date, year: int) -> str:
    """「11月」 in ``year`` (printed in the title), else 「2025年12月」."""
    return f"{month.month}月" if month.year == year else month_label(month)


@dataclass(frozen=True)
class PaymentLine:
    """One line of the 明细表: a payment of the collection, or a member who owed the
    month and did not pay it (``paid_fen`` None)."""

    name: str
    category: str = ""  # 在职 …; "" when no base was recorded
    base_fen: int | None = None  # the monthly base (在职, 离退休); None for a fixed amount
    rate: str = ""  # 「1.5%」, 「定额」
    due_fen: int | None = None
    paid_fen: int | None = None  # None: not paid in this collection
    month: dt.date | None = None  # the month paid for
    kind: str = ""  # 「补交」 of an earlier month, 「预交」 of a later one; "" the month's own
    paid_on: dt.date | None = None
    method: str = ""
    note: str = ""  # 「未交」, 「已于2026年10月8日预交」, the payment's own note


@dataclass(frozen=True)
class CollectionContent:
    """A 党费收缴 record as its 明细表 prints it."""

    branch: str  # the branch's name on the collection day
    month: dt.date  # the month collected for (its first day)
    held_on: dt.date  # 收缴日期
    lines: tuple[PaymentLine, ...]
    owing: int = 0  # members who owed the month
    paid_month: int = 0  # of them, how many have paid it (here or before)
    collector: str = ""  # 收缴人
    handed_on: dt.date | None = None  # 上缴: when
    handed_fen: int | None = None  # 上缴: how much
    summary: str = ""
    notes: RecordNotes = field(default_factory=RecordNotes)

    @property
    def due_total(self) -> int:
        """The 应交 column's sum: the payments' and the unpaid members' dues."""
        return sum(line.due_fen or 0 for line in self.lines)

    @property
    def paid_total(self) -> int:
        return sum(line.paid_fen or 0 for line in self.lines)

    @property
    def payers(self) -> int:
        """Members who paid anything in this collection."""
        return len({line.name for line in self.lines if line.paid_fen is not None})

    @property
    def unpaid(self) -> tuple[PaymentLine, ...]:
        return tuple(line for line in self.lines if line.note == UNPAID)

    @property
    def title(self) -> str:
        return f"{month_label(self.month)}党费收缴明细表"


COLLECTION_HEADER = (
    "序号",
    "姓名",
    "类别",
    "月基数\n（元）",
    "比例",
    "应交\n（元）",
    "实交\n（元）",
    "所属\n月份",
    "交纳\n日期",
    "方式",
    "备注",
)
# portrait (146.6 mm), so that the 明细表 reads the same alone and in the 台账: 「5400.00」,
# 「11月18日」 and 「支付宝」 each on one line at 小五 in 仿宋 (half-width digits, as Word
# and the PDF print them)
COLLECTION_WIDTHS = [9.4, 12.6, 12.6, 15.0, 10.0, 14.2, 14.2, 10.0, 19.0, 12.6, 17.0]


def collection_document(content: CollectionContent) -> Document:
    """The 明细表: when, who collected and what was handed up (each only when recorded);
    one line per payment — 补交 and 预交 say so — and one per member who owed the month
    and did not pay it; the totals; the record's 补录 and 更正 notes."""
    c = content
    facts = [f"收缴日期：{format_date(c.held_on)}"]
    handed_up: list[str] = []
    if c.collector:
        facts.append(f"收缴人：{c.collector}")
    if c.handed_on is not None or c.handed_fen is not None:
        handed = "，".join(
            part
            for part in (
                format_date(c.handed_on) if c.handed_on else "",
                f"{format_yuan(c.handed_fen)}元" if c.handed_fen is not None else "",
            )
            if part
        )
        handed_up = [f"上缴：{handed}"]
    rows: list[list[Cell]] = [[_label(text) for text in COLLECTION_HEADER]]
    for number, line in enumerate(c.lines, 1):
        rows.append(
            [
                _centre(str(number)),
                _centre(line.name),
                _centre(line.category),
                _right(_yuan(line.base_fen)),
                _centre(line.rate),
                _right(_yuan(line.due_fen)),
                _right(_yuan(line.paid_fen)),
                _centre(short_month(line.month, c.month.year) if line.month else ""),
                _centre(short_day(line.paid_on, c.held_on.year)),
                _centre(line.method),
                # the wizard notes a 补交/预交 row as such: the word once
                Cell(
                    "；".join(dict.fromkeys(p for p in (line.kind, line.note) if p)), align="left"
                ),
            ]
        )
    rows.append(
        [
            _label("合计", colspan=2),
            _centre(f"交纳{c.payers}人", colspan=3),
            _right(format_yuan(c.due_total)),
            _right(format_yuan(c.paid_total)),
            _centre(f"未交{len(c.unpaid)}人" if c.unpaid else "", colspan=4),
        ]
    )
    blocks: list[Block] = [
        # 收缴日期 and 收缴人 on one line, 上缴 on its own: a date is never split
        Paragraph("　　".join(facts), indent_chars=0, align="left"),
        *(Paragraph(fact, indent_chars=0, align="left") for fact in handed_up),
        Table(
            rows=rows,
            widths=COLLECTION_WIDTHS,
            width_unit="mm",
            header_rows=1,
            text_size_pt=SIZE_PT,
            text_leading_pt=LEADING_PT,
        ),
    ]
    # the counts are the table's own (交纳N人, 未交N人 and the sums in its 合计 row, each
    # member who did not pay on a line of their own): no sentence repeats them, so the
    # signatures stay on the page of a branch of about 25
    if c.summary:
        blocks.append(Paragraph(c.summary, indent_chars=2))
    for note in _notes_lines(c.notes):
        blocks.append(Paragraph(f"备注：{note}", indent_chars=2))
    blocks.append(SignatureLines(["收缴人（签字）", "支部书记（签字）"]))
    return Document(title=f"{c.branch}\n{c.title}", blocks=blocks, author=c.branch)


# --- 年度党费收缴情况 ---------------------------------------------------------------------


@dataclass(frozen=True)
class YearLine:
    """One member's year: each month's cell (「81.00」, 「未交」, 「—」 or "" for a month
    not yet over) and the totals in 分."""

    name: str
    months: tuple[str, ...]  # twelve cells
    due_fen: int
    paid_fen: int
    behind_fen: int


@dataclass(frozen=True)
class YearContent:
    branch: str
    year: int
    lines: tuple[YearLine, ...]
    month_paid_fen: tuple[int, ...]  # what was paid for each month, all members
    as_of: dt.date | None = None  # a running year: counted up to this day
    dues_start: dt.date | None = None  # the branch's first month kept here, within the year

    @property
    def due_total(self) -> int:
        return sum(line.due_fen for line in self.lines)

    @property
    def paid_total(self) -> int:
        return sum(line.paid_fen for line in self.lines)

    @property
    def behind_total(self) -> int:
        return sum(line.behind_fen for line in self.lines)

    @property
    def title(self) -> str:
        return f"{self.year}年度党费收缴情况"


# 「162.00」 in a month and 「22356.00」 in a total on one line, in Word as in the PDF: the
# cells' side padding is 1 mm instead of 1.5 mm
YEAR_WIDTHS = [9.0, 14.0, *([13.2] * 12), 17.5, 17.5, 17.5]
YEAR_CELL_PADDING_MM = 1.0


def year_document(content: YearContent) -> Document:
    """Each member's twelve months (the amount paid, 「未交」, or 「—」 where nothing was
    owed), the year's 应交, 实交 and 欠交, and the totals."""
    c = content
    header = [
        _label("序号"),
        _label("姓名"),
        *(_label(f"{month}月") for month in range(1, 13)),
        _label("全年应交"),
        _label("实交"),
        _label("欠交"),
    ]
    rows: list[list[Cell]] = [header]
    for number, line in enumerate(c.lines, 1):
        rows.append(
            [
                _centre(str(number)),
                _centre(line.name),
                *(_centre(text) for text in line.months),
                _right(format_yuan(line.due_fen)),
                _right(format_yuan(line.paid_fen)),
                _right(format_yuan(line.behind_fen) if line.behind_fen else ""),
            ]
        )
    rows.append(
        [
            _label("合计", colspan=2),
            Cell("", colspan=12),
            _right(format_yuan(c.due_total)),
            _right(format_yuan(c.paid_total)),
            _right(format_yuan(c.behind_total) if c.behind_total else ""),
        ]
    )
    explained = [
        f"表中各月为该月党费的实交金额（元）；“{UNPAID}”为应交未交；"
        f"“{NOT_DUE}”为该月不需在本支部交纳（尚未入党、已转出或支部尚未开始记录党费）。"
    ]
    if c.dues_start is not None:
        explained.append(f"本支部党费自{month_label(c.dues_start)}起在本程序中记录。")
    if c.as_of is not None:
        explained.append(
            f"统计截至{format_date(c.as_of)}：应交计至上月（已预交的月份也计入），"
            "本月及以后尚未交纳的不计。"
        )
    behind = [line.name for line in c.lines if line.behind_fen]
    summary = (
        f"本年度应交党费党员{len(c.lines)}人，应交合计{format_yuan(c.due_total)}元，"
        f"实交合计{format_yuan(c.paid_total)}元"
    )
    if behind:
        summary += (
            f"，欠交合计{format_yuan(c.behind_total)}元（{len(behind)}人：{'、'.join(behind)}）。"
        )
    else:
        summary += "，没有欠交。"
    by_month = [
        f"{month}月{format_yuan(fen)}元" for month, fen in enumerate(c.month_paid_fen, 1) if fen
    ]
    if by_month:
        summary += f"各月实交：{'，'.join(by_month)}。"
    blocks: list[Block] = [
        Table(
            rows=rows,
            widths=YEAR_WIDTHS,
            width_unit="mm",
            header_rows=1,
            text_size_pt=YEAR_SIZE_PT,
            text_leading_pt=LEADING_PT,
        ),
        Paragraph(summary, indent_chars=2),
        Paragraph("".join(explained), indent_chars=2),
        SignatureLines(["填表人（签字）", "支部书记（签字）"]),
    ]
    return Document(
        title=f"{c.branch}\n{c.title}",
        blocks=blocks,
        author=c.branch,
        settings=replace(
            as_landscape(default_layout("table_form")), cell_padding_mm=YEAR_CELL_PADDING_MM
        ),
    )


# --- 党费交纳证明 -------------------------------------------------------------------------


@dataclass(frozen=True)
class CertificateContent:
    """What a 党费交纳证明 says, from the member's payments."""

    branch: str  # the issuing branch, on the day of the letter
    name: str
    status: str  # 「正式党员」 or 「预备党员」
    paid_through: dt.date  # the latest month paid
    gaps: tuple[tuple[dt.date, ...], ...] = ()  # runs of owed months before it, unpaid
    monthly_fen: int | None = None  # the monthly standard; None when it cannot be reckoned
    recipient: str = ""  # the organisation the member transfers to, when recorded
    issued_on: dt.date = dt.date(2000, 1, 1)

    @property
    def gaps_text(self) -> str:
        """「2026年3月、2026年8月—9月」."""
        return "、".join(_run_text(run) for run in self.gaps)

    def body(self) -> str:
        paid = month_label(self.paid_through)
        text = f"兹证明{self.name}同志（{self.status}）"
        if self.gaps:
            text += f"党费交纳至{paid}，其中{self.gaps_text}的党费未交。"
        else:
            text += f"党费已交至{paid}。"
        if self.monthly_fen is not None:
            text += f"按月交纳标准{format_yuan(self.monthly_fen)}元。"
        return text


def _run_text(run: tuple[dt.date, ...]) -> str:
    first, last = run[0], run[-1]
    if first == last:
        return month_label(first)
    if first.year == last.year:
        return f"{month_label(first)}—{last.month}月"
    return f"{month_label(first)}—{month_label(last)}"


def certificate_document(content: CertificateContent) -> Document:
    """A short letter on one page: to the receiving organisation (when recorded), the
    sentence, 「特此证明。」, the branch and the date, and room for the seal."""
    c = content
    blocks: list[Block] = []
    if c.recipient:
        blocks.append(Paragraph(f"{c.recipient}：", indent_chars=0))
    blocks += [
        Paragraph(c.body()),
        Paragraph("特此证明。"),
        SignatureBlock(f"{c.branch}（盖章）", c.issued_on, space_before_lines=3),
    ]
    return Document(
        title="党费交纳证明",
        blocks=blocks,
        layout="official",
        author=c.branch,
    )
