"""发展党员 as printed: a person's 入党积极分子培养教育考察登记, the 发展党员工作全程纪实表
and the year's 发展党员情况 (rules.md §4).

Plain content in, a :class:`Document` out; no database. Only what the file shows is
printed: a step not taken is a blank line of the 纪实表, never 「待办」; a 登记 with no
考察 yet says so in one sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jianshi_desktop.documents.model import Block, Cell, Document, Heading, Paragraph, Table
from jianshi_desktop.documents.records import ReportDraft, ReportSection, report_document
from jianshi_desktop.domain.dates import format_date

SIZE_PT = 9.0  # 小五: the 纪实表's five columns across a portrait page, a date on one line
LEADING_PT = 13.0
REPORT_TABLE_PT = 12.0  # 小四: the table of counts on the report's first page or two
REPORT_TABLE_LEADING_PT = 18.0
PARENT_COMMITTEE = "中共建始县教育局委员会"


def _label(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, label=True, keep_together=True)


def _centre(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="center")


def _left(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="left")


@dataclass(frozen=True)
class PersonContent:
    """The person at the top of both documents; "" or None where nothing is recorded."""

    branch: str
    name: str
    gender: str = ""
    ethnicity: str = ""
    birth: dt.date | None = None  # printed as year and month
    education: str = ""
    position: str = ""
    backbone: bool = False
    applied_on: dt.date | None = None  # 申请日期 (step 1)
    activist_on: dt.date | None = None  # 确定为积极分子 (step 3)
    candidate_on: dt.date | None = None  # 确定为发展对象 (step 7)
    contacts: str = ""  # 培养联系人, names
    stopped: str = ""  # 「2026年5月1日终止培养：……」


def _person_rows(p: PersonContent) -> list[list[Cell]]:
    """Pairs of label and value, two pairs a row; a pair with nothing recorded left out."""
    pairs = [
        ("姓名", p.name),
        ("性别", p.gender),
        ("民族", p.ethnicity),
        ("出生年月", f"{p.birth.year}年{p.birth.month}月" if p.birth else ""),
        ("文化程度", p.education),
        ("工作岗位", p.position),
        ("教学业务骨干", "是" if p.backbone else ""),
        ("申请入党日期", format_date(p.applied_on)),
        ("确定为积极分子日期", format_date(p.activist_on)),
        ("确定为发展对象日期", format_date(p.candidate_on)),
        ("培养联系人", p.contacts),
    ]
    shown = [(label, value) for label, value in pairs if value]
    rows: list[list[Cell]] = []
    for start in range(0, len(shown), 2):
        row: list[Cell] = []
        for label, value in shown[start : start + 2]:
            row += [_label(label), _centre(value)]
        if len(row) == 2:
            row[1] = _centre(row[1].text, colspan=3)
        rows.append(row)
    return rows


def _person_table(p: PersonContent) -> Table:
    return Table(
        rows=_person_rows(p),
        widths=[27.0, 23.0, 27.0, 23.0],
        text_size_pt=SIZE_PT,
        text_leading_pt=LEADING_PT,
    )


# --- 入党积极分子培养教育考察登记 -------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """One 培养教育考察 (step 6): its day, the text recorded and who took part."""

    done_on: dt.date
    text: str
    people: str = ""


@dataclass(frozen=True)
class LaterStep:
    """A step from 发展对象 on (7–11), as one line: 「第9步 确定入党介绍人」 and what was
    recorded."""

    title: str
    done_on: dt.date
    detail: str = ""


@dataclass(frozen=True)
class AssessmentContent:
    person: PersonContent
    assessments: tuple[Assessment, ...]
    later: tuple[LaterStep, ...] = ()

    @property
    def title(self) -> str:
        return "入党积极分子培养教育考察登记表"


def half_year(day: dt.date) -> str:
    """「2026年上半年」."""
    return f"{day.year}年{'上' if day.month <= 6 else '下'}半年"


def assessment_document(content: AssessmentContent) -> Document:
    """The person, then each 考察 under its half-year, then the steps from 发展对象 on."""
    c = content
    blocks: list[Block] = [_person_table(c.person)]
    if c.person.stopped:
        blocks.append(Paragraph(c.person.stopped, indent_chars=2))
    if not c.assessments:
        blocks.append(Paragraph(f"{c.person.name}还没有培养教育考察的记录。", indent_chars=2))
    halves: dict[str, list[Assessment]] = {}
    for one in sorted(c.assessments, key=lambda a: a.done_on):
        halves.setdefault(half_year(one.done_on), []).append(one)
    for heading, items in halves.items():
        blocks.append(Heading(f"{heading}考察情况"))
        for one in items:
            said = one.text.strip()
            line = f"考察日期：{format_date(one.done_on)}"
            if one.people:
                line += f"　{one.people}"
            blocks.append(Paragraph(line, indent_chars=0, align="left"))
            for paragraph in (p.strip() for p in said.split("\n")):
                if paragraph:
                    blocks.append(Paragraph(paragraph, indent_chars=2))
    if c.later:
        blocks.append(Heading("确定为发展对象后的考察"))
        for step in c.later:
            text = f"{step.title}：{format_date(step.done_on)}"
            if step.detail:
                text += f"，{step.detail}"
            blocks.append(Paragraph(text, indent_chars=2))
    return Document(
        title=f"{c.person.branch}\n{c.title}",
        subtitle=c.person.name,
        blocks=blocks,
        author=c.person.branch,
    )


# --- 发展党员工作全程纪实表 ---------------------------------------------------------------


@dataclass(frozen=True)
class RecordLine:
    """One of the 25 steps as the 纪实表 prints it; blank cells for a step not taken."""

    no: int
    name: str
    dates: tuple[dt.date, ...] = ()
    who: str = ""  # 「培养联系人：王芳」, 「支委会（2026年3月5日）」
    documents: str = ""  # 「入党申请书（附件1个）」
    note: str = ""


@dataclass(frozen=True)
class RecordStage:
    name: str  # 「入党积极分子的确定和培养教育」
    lines: tuple[RecordLine, ...]


@dataclass(frozen=True)
class FullRecordContent:
    person: PersonContent
    stages: tuple[RecordStage, ...]
    standing: str  # the closing line: where the file stands

    @property
    def title(self) -> str:
        return "发展党员工作全程纪实表"


RECORD_HEADER = ("步骤", "完成日期", "经办/人员", "形成材料", "备注")
RECORD_WIDTHS = [34.0, 26.0, 28.0, 32.0, 26.0]  # mm, 146 in all: a portrait page


def full_record_document(content: FullRecordContent) -> Document:
    """The person, the 25 steps under their five stages, and where the file stands."""
    c = content
    rows: list[list[Cell]] = [[_label(text) for text in RECORD_HEADER]]
    for number, stage in enumerate(c.stages, 1):
        rows.append([_label(f"第{_STAGE_NUMBERS[number - 1]}阶段　{stage.name}", colspan=5)])
        for line in stage.lines:
            rows.append(
                [
                    _left(f"{line.no}. {line.name}"),
                    _centre("\n".join(format_date(day) for day in line.dates)),
                    _left(line.who),
                    _left(line.documents if line.dates else ""),
                    _left(line.note),
                ]
            )
    blocks: list[Block] = [
        _person_table(c.person),
        Table(
            rows=rows,
            widths=RECORD_WIDTHS,
            width_unit="mm",
            header_rows=1,
            text_size_pt=SIZE_PT,
            text_leading_pt=LEADING_PT,
        ),
    ]
    if c.person.stopped:
        blocks.append(Paragraph(c.person.stopped, indent_chars=2))
    if c.standing:
        blocks.append(Paragraph(c.standing, indent_chars=2))
    return Document(
        title=f"{c.person.branch}\n{c.title}",
        subtitle=c.person.name,
        blocks=blocks,
        author=c.person.branch,
    )


_STAGE_NUMBERS = "一二三四五"


# --- 发展党员情况 (yearly) -----------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    """A count with how many of them are 教学业务骨干."""

    label: str
    count: int
    backbone: int

    @property
    def share(self) -> str:
        """「50%」 of 骨干, "" when there is no one."""
        if not self.count:
            return ""
        return f"{round(100 * self.backbone / self.count)}%"


@dataclass(frozen=True)
class YearReportContent:
    branch: str
    year: int
    as_of: dt.date  # 31 December, or today in a running year
    stages: tuple[Count, ...]  # 入党申请人 … 预备党员 on ``as_of``
    movements: tuple[Count, ...]  # 递交申请 … 终止培养 within the year
    issued_on: dt.date
    secretary: str = ""
    # the 预备党员 on the roster on ``as_of``: more than the files' when some came before
    # the branch kept their files here
    roster_probationary: int | None = None

    @property
    def title(self) -> str:
        return f"{self.year}年度发展党员情况"


def _short_branch(branch: str) -> str:
    return branch.removeprefix("中共").removesuffix("支部委员会").removesuffix("支部")


def _count_table(c: YearReportContent) -> Table:
    rows: list[list[Cell]] = [
        [_label("项目"), _label("人数"), _label("其中骨干"), _label("骨干占比")]
    ]
    rows.append([_label(f"截至{format_date(c.as_of)}", colspan=4)])
    for count in (*c.stages, None, *c.movements):
        if count is None:
            rows.append([_label(f"{c.year}年内", colspan=4)])
            continue
        rows.append(
            [
                _centre(count.label),
                _centre(str(count.count)),
                _centre(str(count.backbone)),
                _centre(count.share),
            ]
        )
    return Table(
        rows=rows,
        widths=[40.0, 20.0, 20.0, 20.0],
        header_rows=1,
        text_size_pt=REPORT_TABLE_PT,
        text_leading_pt=REPORT_TABLE_LEADING_PT,
    )


def _counts_text(counts: tuple[Count, ...]) -> str:
    parts = []
    for count in counts:
        part = f"{count.label}{count.count}名"
        if count.backbone:
            part += f"（其中教学业务骨干{count.backbone}名）"
        parts.append(part)
    return "，".join(parts)


def year_report_draft(c: YearReportContent) -> ReportDraft:
    """关于××党支部××年度发展党员情况的报告: the counts in words; the table follows."""
    running = c.as_of < dt.date(c.year, 12, 31)
    opening = (
        f"现将我支部{c.year}年度发展党员工作情况报告如下"
        + (f"（统计截至{format_date(c.as_of)}）" if running else "")
        + "："
    )
    standing = f"截至{format_date(c.as_of)}，支部有{_counts_text(c.stages)}。"
    in_files = next((s.count for s in c.stages if s.label == "预备党员"), 0)
    if c.roster_probationary is not None and c.roster_probationary > in_files:
        standing += (
            f"党员名册中当天共有预备党员{c.roster_probationary}名，其中"
            f"{c.roster_probationary - in_files}名的发展过程未在本程序中记录，不计入上述人数。"
        )
    done = [m for m in c.movements if m.count]
    if done:
        moved = f"{c.year}年内，{_counts_text(tuple(done))}。各项人数见下表。"
    else:
        moved = f"{c.year}年内，本程序中没有记录发展党员的步骤。"
    sections = [ReportSection("基本情况", standing), ReportSection("年度发展情况", moved)]
    return ReportDraft(
        title=f"关于{_short_branch(c.branch)}党支部{c.year}年度发展党员情况的报告",
        recipient=PARENT_COMMITTEE,
        opening=opening,
        sections=sections,
        closing="特此报告。",
        signer=c.branch,
        issue_date=c.issued_on,
        masthead_signer=c.secretary,
    )


def year_report_document(content: YearReportContent) -> Document:
    """The report (GB/T 9704 上行文, no masthead) with the table of counts before
    「特此报告。」."""
    document = report_document(year_report_draft(content))
    closing = next(
        index
        for index, block in enumerate(document.blocks)
        if isinstance(block, Paragraph) and block.text == "特此报告。"
    )
    document.blocks.insert(closing, _count_table(content))
    return document
