"""组织设置情况报告表: the half-yearly report of the branch's organisation (the notice: "每
半年将组织设置情况上报一次"), as a table form (official-format.md, local templates).

Plain content in — the report's stored snapshot of its day — a :class:`Document` out; no
database. Only what the snapshot holds is printed: no committee section without a term
on record, no 党小组 section without groups, no 说明 when none was written; 存在问题
says 「无」 when the size rules found nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jianshi_desktop.documents.model import Block, Cell, Document, Paragraph, Table
from jianshi_desktop.documents.records import RecordNotes
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.organisation import OrgSnapshot

TITLE = "组织设置情况报告表"
WIDTHS = [30.0, 48.0, 30.0, 48.0]  # mm: label, value, label, value (the text block's 156)
SIZE_PT = 12.0  # 小四: the report on one page
VACANT = "空缺（需补选）"


@dataclass(frozen=True)
class OrganisationReportContent:
    half: str  # 报告期: 2026年下半年
    snapshot: OrgSnapshot  # the organisation on the report's day (截至日期)
    notes: str = ""  # 说明
    record_notes: RecordNotes = field(default_factory=RecordNotes)


def _label(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, label=True)


def _value(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="left")


def _centre(text: str, *, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="center")


def _section(text: str) -> list[Cell]:
    return [Cell(text, colspan=4, label=True, keep_together=True)]


def _date(day: dt.date | None) -> str:
    return format_date(day) if day is not None else ""


def _basics(s: OrgSnapshot) -> list[list[Cell]]:
    rows = [
        _section("基本情况"),
        [_label("支部名称"), _value(s.branch, colspan=3)],
        [_label("上级党组织"), _value(s.parent, colspan=3)],
        [
            _label("组织形式"),
            _value(s.form_text, colspan=3 if s.founded_on is None else 1),
            *([_label("成立时间"), _value(_date(s.founded_on))] if s.founded_on else []),
        ],
        [
            _label("党员总数"),
            _value(f"{s.total}名（正式党员{s.full}名，预备党员{s.probationary}名）", colspan=3),
        ],
        [_label("党小组数"), _value(f"{len(s.groups)}个", colspan=3)],
    ]
    return rows


def _committee(s: OrgSnapshot) -> list[list[Cell]]:
    term = s.term
    if term is None:
        return []
    rows = [_section("支部委员会" if s.has_committee else "支部书记")]
    if term.label:
        rows.append(
            [
                _label("届次"),
                _value(term.label),
                _label("选举日期"),
                _value(_date(term.elected_on)),
            ]
        )
    else:
        rows.append([_label("选举日期"), _value(_date(term.elected_on), colspan=3)])
    left = f"距届满{term.months_left}个月" if term.ends_on >= s.day else "已届满"
    if term.ending_soon:
        left += "，应做好换届准备"
    rows.append(
        [
            _label("任期"),
            _value(f"{_date(term.starts_on)}至{_date(term.ends_on)}（{left}）", colspan=3),
        ]
    )
    rows.append([_label("职务"), _label("姓名"), _label("任职时间", colspan=2)])
    for post in s.posts:
        if post.vacant:
            rows.append([_centre(post.title), _centre(VACANT), _centre("", colspan=2)])
            continue
        since = _date(post.since) + ("（补选）" if post.by_election and post.since else "")
        rows.append([_centre(post.title), _centre(post.member), _centre(since, colspan=2)])
    return rows


def _groups(s: OrgSnapshot) -> list[list[Cell]]:
    if not s.groups:
        return []
    rows = [_section("党小组"), [_label("名称"), _label("组长"), _label("人数", colspan=2)]]
    for group in s.groups:
        rows.append(
            [
                _centre(group.name),
                # blank, not 「未设组长」: a leader not in the group that day is not known
                # (leaders are kept without their history), so the data does not say
                _centre(group.leader),
                _centre(f"{len(group.members)}名", colspan=2),
            ]
        )
    return rows


def _problems(s: OrgSnapshot) -> list[list[Cell]]:
    rows = [_section("存在问题")]
    if not s.warnings:
        return [*rows, [_value("无", colspan=4)]]
    for number, warning in enumerate(s.warnings, 1):
        # the problem as found; what to do is the app's advice, not the report's
        rows.append([_value(f"{number}. {warning.message}", colspan=4)])
    return rows


def organisation_report_document(content: OrganisationReportContent) -> Document:
    """The 报告表: 填报单位, 报告期 and 截至日期 above; 基本情况, 支部委员会 (届次, 选举日期, 任期
    each post with its holder of the day or 空缺), 党小组, 存在问题 and 说明 in one table;
    填报人 (the 书记 of the day) and 填报日期 below, with the record's 补录 and 更正 notes."""
    s = content.snapshot
    rows = [*_basics(s), *_committee(s), *_groups(s), *_problems(s)]
    if content.notes.strip():
        rows += [_section("说明"), [_value(content.notes.strip(), colspan=4)]]
    blocks: list[Block] = [
        Paragraph(f"填报单位：{s.branch}", indent_chars=0, align="left"),
        Paragraph(
            f"报告期：{content.half}　　截至日期：{format_date(s.day)}",
            indent_chars=0,
            align="left",
        ),
        Table(rows=rows, widths=WIDTHS, width_unit="mm", text_size_pt=SIZE_PT),
    ]
    signed = [f"填报人：{s.secretary}"] if s.secretary else []
    signed.append(f"填报日期：{format_date(s.day)}")
    blocks.append(Paragraph("　　".join(signed), indent_chars=0, align="right"))
    notes = content.record_notes
    if notes.late_entry:
        when = f"于{format_date(notes.recorded_on)}" if notes.recorded_on else "事后"
        blocks.append(Paragraph(f"备注：本报告{when}补录。", indent_chars=2))
    for amendment in notes.amendments:
        blocks.append(Paragraph(f"备注：{amendment}", indent_chars=2))
    return Document(title=TITLE, blocks=blocks, author=s.branch)
