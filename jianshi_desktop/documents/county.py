"""县局汇总's documents: the 通报 (GB/T 9704 下行文 to every school's branch) and the county
summary of a period (a table).

The 通报 is drafted from the matrix and the organisation facts (:func:`draft_notice`) as
editable parts (:class:`NoticeContent`); the operator edits them and :func:`notice_document`
prints what they say. The draft says only what the data shows: a school is named for good
practice only when every item of the period is done; the open items are listed per school
(items not done, 未报送 / 逾期报送, the organisation facts); the requirements are the
standard sentences for the kinds of open items there are. No placeholder anywhere, and no
ranking: schools are listed in the matrix's order (by name), never by score.

No database here (``services.county_documents`` fills these).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from jianshi_desktop.documents.layout import as_landscape, default_layout
from jianshi_desktop.documents.model import Cell, Document, Paragraph, Table
from jianshi_desktop.documents.records import ReportDraft, ReportSection, report_document
from jianshi_desktop.domain.county import Matrix, OrgFact, SchoolRow, periods_text
from jianshi_desktop.domain.dates import format_date

COMMITTEE = "中共建始县教育局委员会"
RECIPIENT = "各学校党支部"
DONE = "done"
MISSING = "missing"
PARTIAL = "partial"
NO_DATA_NOTE = "未报送相关情况"
STATE_NOTES = {  # what an item not done is, after its label
    "overdue": "",
    "missing": "（缺报）",
    "due_soon": "（即将到期）",
    "not_yet_due": "（未到期）",
    "not_recorded": "（未在本程序记录）",
}
SUMMARY_SIZE_PT = 12.0  # 小四
SUMMARY_WIDTHS = [44.0, 40.0, 32.0, 52.0, 65.0]  # mm, landscape (about 233 mm)

# 下一步要求: one standard sentence for each kind of open item the data shows
REQUIREMENTS = {
    "missing": "尚未报送本期工作台账报送包的学校党支部，要尽快导出并报送。",
    "unreported": "报送包中没有部分工作项目情况的学校党支部，要核实后按相应期间（季度、半年、"
    "全年）导出并补报报送包。",
    "late": "各学校党支部要按规定时限报送工作台账报送包，不得拖延。",
    "open": "有未完成工作项目的学校党支部，要对照《中国共产党支部工作条例（试行）》和县局党委的"
    "工作要求查漏补缺，按要求开展并如实记录，确保下一期按时完成。",
    "not_recorded": "有工作未在本程序记录的学校党支部，要及时在工作台账中如实登记。",
    "term_ending": "任期即将届满的党支部，要提前做好换届准备，按期换届。",
    "vacancy": "支部委员会委员出现空缺的，要及时进行补选。",
    "size": "党员人数不符合组织设置规定的，要及时调整组织设置，报县局党委审批。",
    "arrears": "有党员未按时交纳党费的，要督促按月足额交纳。",
    "no_report": "各学校党支部要每半年报告一次组织设置情况。",
}


def short_name(name: str) -> str:
    """「青山湾小学党支部」 for 「中共建始县青山湾小学支部委员会」 (how the 通报 names a school;
    a 总支 stays a 党总支)."""
    short = name.strip().removeprefix("中共").removeprefix("建始县")
    for suffix, kind in (
        ("总支部委员会", "党总支"),
        ("党总支", "党总支"),
        ("支部委员会", "党支部"),
        ("党支部", "党支部"),
        ("支部", "党支部"),
    ):
        if short.endswith(suffix) and len(short) > len(suffix):
            return f"{short[: -len(suffix)]}{kind}"
    return name.strip()


def day_text(value: Any) -> str:
    """「2026年10月8日」 for a date, a datetime or an ISO text; "" otherwise."""
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str) and value.strip():
        try:
            return format_date(dt.date.fromisoformat(value.strip()[:10]))
        except ValueError:
            return ""
    return ""


def _state(value: Any) -> str:
    return str(getattr(value, "value", value))


def all_done(school: SchoolRow) -> bool:
    """Every item of the period done, as the data shows it (the packages sent for all of
    the period, every obligation column with rows, none missing a sub-period): the only
    schools named for good practice. An item the county has no data on is never done."""
    cells = list(school.cells.values())
    return (
        not school.missing
        and bool(cells)
        and all(
            _state(c.state) == DONE and bool(c.periods) and not c.missing_periods for c in cells
        )
    )


def sent_nothing(school: SchoolRow) -> bool:
    """No package of the school counts for the period."""
    return not school.package_ids


def open_items(school: SchoolRow, labels: dict[str, str]) -> list[str]:
    """The items the data shows not done, as 「党员大会」 (overdue) or 「党课（未到期）」, in
    the matrix's order; none for a school that sent nothing. Items with no data (or part
    of the period missing and all the rest done) are :func:`unreported_items`, not these."""
    if sent_nothing(school):
        return []
    items = []
    for key, cell in school.cells.items():
        state = _state(cell.state)
        if state not in (DONE, MISSING, PARTIAL):
            items.append(f"{labels.get(key, key)}{STATE_NOTES.get(state, '')}")
    return items


def unreported_items(school: SchoolRow, labels: dict[str, str]) -> list[str]:
    """The items the county has no data on for (part of) the period although the school
    sent packages: 「支部党员大会」 (nothing of it) or 「支委会（缺8月）」 — the latter only
    when the school's packages cover the period (a partly-sent school's gaps are said
    once, for the school)."""
    if sent_nothing(school):
        return []
    items = []
    for key, cell in school.cells.items():
        label = labels.get(key, key)
        if not cell.periods:
            items.append(label)
        elif cell.missing_periods and not school.partial:
            items.append(f"{label}（缺{periods_text(cell.missing_periods)}）")
    return items


def partial_text(school: SchoolRow, period: str) -> str:
    """What a partly-sent school's packages lack: 「只收到部分期间的报送包，缺8、9月的」."""
    if school.gaps:
        return f"{period}的工作台账只收到部分期间的报送包，缺{periods_text(school.gaps)}的报送包"
    return f"{period}的工作台账只收到部分期间的报送包，没有覆盖整个期间"


def _counted(school: SchoolRow) -> tuple[int, int]:
    """(done, to be done) of the school's items."""
    cells = list(school.cells.values())
    return sum(_state(c.state) == DONE for c in cells), len(cells)


def _summary_items(school: SchoolRow, labels: dict[str, str]) -> list[str]:
    """未完成项目 of the summary: those not done, then those with no data (said so)."""
    found = open_items(school, labels)
    found += [
        item if item.endswith("）") else f"{item}（{NO_DATA_NOTE}）"
        for item in unreported_items(school, labels)
    ]
    if school.partial:
        found.append(f"缺{periods_text(school.gaps)}的报送包" if school.gaps else "部分期间缺报")
    return found


def _facts_of(school: SchoolRow, facts: Sequence[OrgFact]) -> list[OrgFact]:
    return [f for f in facts if f.uid == school.uid]


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in "。！？；" else f"{text}。"


def _names(names: Iterable[str]) -> str:
    return "、".join(names)


# --- the 通报 ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeContent:
    """The 通报's parts as the operator edits them. A section left empty is not printed
    (its heading neither); the numbers of the others follow."""

    document_number: str  # 建教党〔2026〕9号; "" until the operator gives one
    title: str
    opening: str
    overview: str  # 总体情况
    good: str  # 好的做法
    problems: str  # 存在问题
    requirements: str  # 下一步要求
    signer: str
    issue_date: dt.date
    recipient: str = RECIPIENT
    closing: str = "特此通报。"
    issuer: str = COMMITTEE  # 发文机关标志 without 文件
    copy_to: str = ""

    def as_value(self) -> dict[str, Any]:
        value: dict[str, Any] = {name: getattr(self, name) for name in TEXT_FIELDS}
        value["issue_date"] = self.issue_date.isoformat()
        return value

    @classmethod
    def from_value(cls, value: Any) -> NoticeContent | None:
        """The content kept as :meth:`as_value` wrote it, or None when it is not that."""
        if not isinstance(value, dict):
            return None
        try:
            texts = [value[name] for name in TEXT_FIELDS]
            issued = dt.date.fromisoformat(str(value["issue_date"]))
        except (KeyError, TypeError, ValueError):
            return None
        if not all(isinstance(text, str) for text in texts):
            return None
        return cls._of(texts, issued)

    @classmethod
    def _of(cls, texts: Sequence[str], issue_date: dt.date) -> NoticeContent:
        (number, title, opening, overview, good, problems, requirements, signer) = texts[:8]
        recipient, closing, issuer, copy_to = texts[8:]
        return cls(
            number,
            title,
            opening,
            overview,
            good,
            problems,
            requirements,
            signer,
            issue_date,
            recipient,
            closing,
            issuer,
            copy_to,
        )

    def cleaned(self) -> NoticeContent:
        """Each text with its lines stripped and empty lines dropped."""

        def tidy(text: str) -> str:
            return "\n".join(line.strip() for line in text.splitlines() if line.strip())

        return self._of([tidy(getattr(self, name)) for name in TEXT_FIELDS], self.issue_date)


TEXT_FIELDS = (  # in the order of the fields, issue_date left out
    "document_number",
    "title",
    "opening",
    "overview",
    "good",
    "problems",
    "requirements",
    "signer",
    "recipient",
    "closing",
    "issuer",
    "copy_to",
)
SECTIONS = (
    ("overview", "总体情况"),
    ("good", "好的做法"),
    ("problems", "存在问题"),
    ("requirements", "下一步要求"),
)


def notice_title(period_label: str) -> str:
    return f"关于{period_label}全县教育系统党支部工作落实情况的通报"


def draft_notice(matrix: Matrix, facts: Sequence[OrgFact], *, today: dt.date) -> NoticeContent:
    """The 通报 drafted from the matrix and the organisation facts, for the operator to
    edit: only what they show."""
    labels = dict(matrix.obligations)
    schools = list(matrix.schools)
    period = matrix.period_label
    sent = [s for s in schools if not sent_nothing(s)]
    missing = [s for s in schools if sent_nothing(s)]
    late = [s for s in sent if s.late]
    partial = [s for s in sent if s.missing]
    finished = [s for s in schools if all_done(s)]

    if not schools:
        overview = f"截至{format_date(today)}，还没有收到任何学校党支部{period}的工作台账报送包。"
    else:
        overview = (
            f"截至{format_date(today)}，全县{len(schools)}个学校党支部中，"
            f"{len(sent)}个报送了{period}工作台账报送包"
        )
        among = [f"{len(late)}个逾期报送"] if late else []
        among += [f"{len(partial)}个部分报送"] if partial else []
        overview += f"（其中{'，'.join(among)}）" if among else ""
        overview += f"，{len(missing)}个未报送。" if missing else "。"
        if sent:
            unknown = any(s.missing or unreported_items(s, labels) for s in sent)
            open_words = "未完成或未报送情况的项目" if unknown else "未完成的项目"
            if len(finished) == len(sent):
                overview += "已报送的学校党支部本期各项工作全部完成。"
            elif finished:
                overview += (
                    f"已报送的学校党支部中，{len(finished)}个本期各项工作全部完成，"
                    f"{len(sent) - len(finished)}个还有{open_words}。"
                )
            else:
                overview += "已报送的学校党支部中，还没有本期各项工作全部完成的。"

    if finished:
        names = _names(short_name(s.name) for s in finished)
        on_time = "，并按时报送" if not any(s.late for s in finished) else ""
        good = f"{names}按要求完成了{period}的各项工作{on_time}。"
    else:
        good = f"{period}没有各项工作全部完成的学校党支部。"

    said: dict[str, list[str]] = {}  # what is said → the schools it is said of, in order
    kinds: set[str] = set()
    listed_uids = set()
    for school in schools:
        listed_uids.add(school.uid)
        parts = []
        if sent_nothing(school):
            parts.append(f"未报送{period}工作台账报送包")
            kinds.add("missing")
        if not sent_nothing(school) and school.missing:
            parts.append(partial_text(school, period))
            kinds.add("missing")
        if not sent_nothing(school) and school.late:
            when = day_text(school.made_on)
            parts.append(f"逾期报送（报送包{when}生成）" if when else "逾期报送")
            kinds.add("late")
        items = open_items(school, labels)
        if items:
            parts.append(f"未完成：{_names(items)}")
            states = {_state(c.state) for c in school.cells.values()}
            if states & {"overdue", "due_soon", "not_yet_due"}:
                kinds.add("open")
            if "not_recorded" in states:
                kinds.add("not_recorded")
        unreported = unreported_items(school, labels)
        if unreported:
            parts.append(f"{NO_DATA_NOTE}：{_names(unreported)}")
            kinds.add("unreported")
        for fact in _facts_of(school, facts):
            parts.append(fact.text.strip().rstrip("。；"))
            kinds.add(_state(fact.kind))
        if parts:
            said.setdefault("；".join(parts), []).append(short_name(school.name))
    for fact in facts:  # a school the matrix does not list (facts come from other periods)
        if fact.uid not in listed_uids:
            said.setdefault(fact.text.strip().rstrip("。；"), []).append(short_name(fact.school))
            kinds.add(_state(fact.kind))
    # schools of whom the same is said share one line (ten schools that sent nothing: one)
    lines = [f"{'、'.join(names)}：{text}。" for text, names in said.items()]
    problems = "\n".join(lines) if lines else f"{period}各学校党支部没有未完成的工作项目。"

    wanted = [sentence for kind, sentence in REQUIREMENTS.items() if kind in kinds]
    requirements = (
        "\n".join(wanted) if wanted else "各学校党支部要保持好的做法，继续按要求做好各项工作。"
    )
    if not schools and not facts:  # nothing received: nothing to praise, list or require
        good = problems = requirements = ""
    return NoticeContent(
        document_number="",
        title=notice_title(period),
        opening=f"现将{period}全县教育系统党支部工作落实情况通报如下：",
        overview=overview,
        good=good,
        problems=problems,
        requirements=requirements,
        signer=COMMITTEE,
        issue_date=today,
    )


def notice_draft_report(content: NoticeContent) -> ReportDraft:
    c = content.cleaned()
    sections = [
        ReportSection(heading, getattr(c, name)) for name, heading in SECTIONS if getattr(c, name)
    ]
    return ReportDraft(
        title=c.title,
        recipient=c.recipient,
        opening=c.opening,
        sections=sections,
        closing=c.closing,
        signer=c.signer,
        issue_date=c.issue_date,
        issuer=c.issuer,
        document_number=c.document_number,
        direction="downward",
        copy_to=c.copy_to,
    )


def notice_document(content: NoticeContent) -> Document:
    """The 通报 as printed: 版头 (中共建始县教育局委员会文件, 发文字号 centred), title, 主送
    各学校党支部, the sections that have text, 署名 and 成文日期, 版记."""
    return report_document(notice_draft_report(content))


# --- the county summary --------------------------------------------------------------------


def _sent_text(school: SchoolRow) -> str:
    if sent_nothing(school):
        return "未报"
    state = "逾期" if school.late else "已报"
    state = f"{state}（部分报送）" if school.missing else state
    when = day_text(school.made_on)
    return f"{state}\n{when}生成" if when else state


def summary_document(
    matrix: Matrix, facts: Sequence[OrgFact], *, today: dt.date, author: str = COMMITTEE
) -> Document:
    """全县教育系统党支部工作落实情况汇总表: per school (by name, as the matrix lists
    them) whether and when its package came, items done of those to be done, the items
    not done, the organisation facts; a totals line."""
    labels = dict(matrix.obligations)
    header = [
        Cell("学校党支部", label=True),
        Cell("报送情况", label=True),
        Cell("完成项目数/\n应完成项目数", label=True),
        Cell("未完成项目", label=True),
        Cell("组织设置情况", label=True),
    ]
    rows = [header]
    total_done = total_due = 0
    listed = set()
    for school in matrix.schools:
        listed.add(school.uid)
        nothing = sent_nothing(school)
        done, due = _counted(school) if not nothing else (0, 0)
        total_done += done
        total_due += due
        school_facts = _facts_of(school, facts)
        rows.append(
            [
                Cell(short_name(school.name), align="left"),
                Cell(_sent_text(school), align="center"),
                Cell("—" if nothing else f"{done}/{due}", align="center"),
                Cell(
                    "—" if nothing else ("、".join(_summary_items(school, labels)) or "无"),
                    align="center" if nothing else "left",
                ),
                Cell("\n".join(_sentence(f.text) for f in school_facts), align="left"),
            ]
        )
    others = [f for f in facts if f.uid not in listed]
    for uid in dict.fromkeys(f.uid for f in others):
        mine = [f for f in others if f.uid == uid]
        rows.append(
            [
                Cell(short_name(mine[0].school), align="left"),
                Cell("本期无数据", align="center"),
                Cell("—", align="center"),
                Cell("—", align="center"),
                Cell("\n".join(_sentence(f.text) for f in mine), align="left"),
            ]
        )
    schools = list(matrix.schools)
    sent = [s for s in schools if not sent_nothing(s)]
    late = sum(s.late for s in sent)
    partial = sum(s.missing for s in sent)
    among = [f"逾期{late}个"] if late else []
    among += [f"部分报送{partial}个"] if partial else []
    some = f"（其中{'，'.join(among)}）" if among else ""
    totals = (
        f"合计：{len(schools)}个学校党支部，已报{len(sent)}个{some}，"
        f"未报{len(schools) - len(sent)}个；已报送的完成项目{total_done}项，"
        f"应完成{total_due}项；各项工作全部完成的{sum(all_done(s) for s in schools)}个。"
    )
    rows.append([Cell(totals, colspan=5, align="left")])
    blocks: list[Table | Paragraph] = [
        Table(
            rows=rows,
            widths=SUMMARY_WIDTHS,
            width_unit="mm",
            header_rows=1,
            text_size_pt=SUMMARY_SIZE_PT,
        ),
        Paragraph(
            f"{author}　{format_date(today)}制表",
            align="right",
            indent_chars=0,
            space_before_lines=1,
        ),
    ]
    return Document(
        title="全县教育系统党支部工作落实情况汇总表",
        subtitle=f"（{matrix.period_label}）",
        blocks=list(blocks),
        author=author,
        settings=as_landscape(default_layout("table_form")),
    )
