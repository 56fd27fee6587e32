"""县局汇总's outputs (issue 21): the 通报 drafted from the matrix names good practice only
for a school with every item done, lists each school's open items (未报送, 逾期, items not
done, organisation facts) and only the requirements they call for, never a placeholder; the
county summary's rows and totals; both render to Word and PDF."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from jianshi_desktop.db.models import CountyBranch
from jianshi_desktop.documents import county as documents_county
from jianshi_desktop.documents.county import NoticeContent, draft_notice, notice_document
from jianshi_desktop.documents.model import Heading, Paragraph, Table
from jianshi_desktop.domain.county import Cell, Matrix, OrgFact, SchoolRow
from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services import county as county_desk
from jianshi_desktop.services import county_documents, demo
from jianshi_desktop.services.documents import write
from jianshi_desktop.services.store import Store, open_store
from jianshi_desktop.submission.county import import_packages
from jianshi_desktop.submission.package import PackageOptions, build_package

TODAY = dt.date(2026, 10, 20)
REAL_TODAY = dt.date(2026, 11, 26)
OBLIGATIONS = (("branch_meeting", "党员大会"), ("committee", "支委会"), ("lecture", "党课"))
PLACEHOLDERS = ("XXX", "xxx", "某某", "…", "××", "（请填写")


def cells(*states: str) -> dict[str, Cell]:
    return {
        key: Cell(1, 1 if state == "done" else 0, 0, state, ("2026年第三季度",), ())
        for (key, _label), state in zip(OBLIGATIONS, states, strict=True)
    }


def county() -> tuple[Matrix, list[OrgFact]]:
    def school(
        uid: str, name: str, states: tuple[str, ...], made_on: str | None, **flags: bool
    ) -> SchoolRow:
        ids = (ord(uid),) if made_on else ()
        return SchoolRow(
            uid,
            name,
            ids,
            made_on,
            flags.get("missing", False),
            flags.get("late", False),
            cells(*states),
        )

    schools = (
        school("a", "中共建始县青山湾小学支部委员会", ("done", "done", "done"), "2026-10-03"),
        school(
            "b",
            "中共建始县花坪中学支部委员会",
            ("done", "overdue", "not_yet_due"),
            "2026-10-18",
            late=True,
        ),
        school(
            "c", "中共建始县业州镇中心小学支部委员会", ("done", "done", "overdue"), "2026-10-05"
        ),
        school("d", "中共建始县高坪小学支部委员会", ("missing",) * 3, None, missing=True),
    )
    facts = [
        OrgFact(
            "c",
            "中共建始县业州镇中心小学支部委员会",
            "term_ending",
            "支部委员会任期将于2027年3月届满",
            dt.date(2027, 3, 31),
        ),
        OrgFact("b", "中共建始县花坪中学支部委员会", "vacancy", "组织委员职务空缺", None),
        OrgFact(
            "d",
            "中共建始县高坪小学支部委员会",
            "no_report",
            "收到的报送包中没有组织设置情况报告。",
            None,
        ),
    ]
    return Matrix("2026年第三季度", OBLIGATIONS, schools), facts


def texts(content: NoticeContent) -> str:
    return "\n".join(str(v) for v in content.as_value().values())


def test_good_practice_names_only_a_school_with_every_item_done() -> None:
    matrix, facts = county()
    content = draft_notice(matrix, facts, today=TODAY)
    assert "青山湾小学党支部" in content.good
    for other in ("花坪中学", "业州镇中心小学", "高坪小学"):
        assert other not in content.good
    assert content.title == "关于2026年第三季度全县教育系统党支部工作落实情况的通报"
    assert content.recipient == "各学校党支部"
    assert content.signer == "中共建始县教育局委员会"


def test_no_school_named_when_none_did_everything() -> None:
    matrix, facts = county()
    without = Matrix(matrix.period_label, matrix.obligations, matrix.schools[1:])
    content = draft_notice(without, facts, today=TODAY)
    assert content.good == "2026年第三季度没有各项工作全部完成的学校党支部。"
    assert "党支部按要求完成" not in texts(content)


def test_open_items_per_school_and_the_missing_one() -> None:
    matrix, facts = county()
    content = draft_notice(matrix, facts, today=TODAY)
    lines = content.problems.splitlines()
    assert lines == [
        "花坪中学党支部：逾期报送（报送包2026年10月18日生成）；未完成：支委会、党课（未到期）；"
        "组织委员职务空缺。",
        "业州镇中心小学党支部：未完成：党课；支部委员会任期将于2027年3月届满。",
        "高坪小学党支部：未报送2026年第三季度工作台账报送包；收到的报送包中没有组织设置情况报告。",
    ]
    assert "青山湾小学" not in content.problems
    assert (
        "4个学校党支部中，3个报送了2026年第三季度工作台账报送包（其中1个逾期报送），1个未报送"
        in (content.overview)
    )
    assert "1个本期各项工作全部完成，2个还有未完成的项目" in content.overview
    wanted = content.requirements.splitlines()
    assert documents_county.REQUIREMENTS["missing"] in wanted
    assert documents_county.REQUIREMENTS["late"] in wanted
    assert documents_county.REQUIREMENTS["vacancy"] in wanted
    assert documents_county.REQUIREMENTS["term_ending"] in wanted
    # nothing about dues or sizes: no such fact
    assert documents_county.REQUIREMENTS["arrears"] not in wanted
    assert documents_county.REQUIREMENTS["size"] not in wanted


def test_no_placeholder_anywhere() -> None:
    matrix, facts = county()
    for content in (
        draft_notice(matrix, facts, today=TODAY),
        draft_notice(Matrix(matrix.period_label, OBLIGATIONS, ()), [], today=TODAY),
    ):
        every = texts(content)
        for mark in PLACEHOLDERS:
            assert mark not in every, mark
        assert content.document_number == ""  # the operator gives it; never invented


def test_empty_section_is_left_out_and_the_others_renumbered() -> None:
    matrix, facts = county()
    content = draft_notice(matrix, facts, today=TODAY)
    document = notice_document(replace(content, good="  "))
    headings = [b.text for b in document.blocks if isinstance(b, Heading)]
    assert headings == ["总体情况", "存在问题", "下一步要求"]
    assert document.masthead is not None
    assert document.masthead.issuer == "中共建始县教育局委员会文件"
    assert not document.masthead.upward


def test_the_notice_in_word_and_pdf(tmp_path: Path) -> None:
    matrix, facts = county()
    content = draft_notice(matrix, facts, today=TODAY)
    content = replace(content, document_number="建教党〔2026〕12号")
    document = notice_document(content)
    docx, pdf = write(document, tmp_path, "通报")
    assert docx.stat().st_size > 0 and pdf.stat().st_size > 0
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    squeezed = re.sub(r"\s+", "", text)
    for wanted in (
        "中共建始县教育局委员会文件",
        "建教党〔2026〕12号",
        "各学校党支部：",
        "好的做法",
        "高坪小学党支部：未报送",
        "2026年10月20日",
    ):
        assert wanted in squeezed, wanted
    from docx import Document as Docx

    words = "".join(p.text for p in Docx(str(docx)).paragraphs)
    assert "青山湾小学党支部按要求完成了2026年第三季度的各项工作，并按时报送。" in words


def test_summary_rows_and_totals(tmp_path: Path) -> None:
    matrix, facts = county()
    document = documents_county.summary_document(matrix, facts, today=TODAY)
    assert document.page_layout.landscape
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    rows = [[cell.text for cell in row] for row in table.rows]
    assert rows[0][0] == "学校党支部"
    assert rows[1] == ["青山湾小学党支部", "已报\n2026年10月3日生成", "3/3", "无", ""]
    assert rows[2][:4] == [
        "花坪中学党支部",
        "逾期\n2026年10月18日生成",
        "1/3",
        "支委会、党课（未到期）",
    ]
    assert rows[2][4] == "组织委员职务空缺。"
    assert rows[4][:4] == ["高坪小学党支部", "未报", "—", "—"]
    assert rows[-1] == [
        "合计：4个学校党支部，已报3个（其中逾期1个），未报1个；已报送的完成项目6项，应完成9项；"
        "各项工作全部完成的1个。"
    ]
    assert any(isinstance(b, Paragraph) and "制表" in b.text for b in document.blocks)
    docx, pdf = write(document, tmp_path, "汇总表")
    assert docx.stat().st_size > 0 and pdf.stat().st_size > 0
    every = "".join(cell for row in rows for cell in row)
    for mark in PLACEHOLDERS:
        assert mark not in every


def test_kept_text_round_trips_and_bad_value_is_none() -> None:
    matrix, facts = county()
    content = draft_notice(matrix, facts, today=TODAY)
    assert NoticeContent.from_value(content.as_value()) == content
    assert NoticeContent.from_value({"title": 3}) is None
    assert NoticeContent.from_value("junk") is None


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("中共建始县青山湾小学支部委员会", "青山湾小学党支部"),
        ("中共建始县实验中学党总支", "实验中学党总支"),
        ("青山湾小学党支部", "青山湾小学党支部"),
    ],
)
def test_school_names_as_the_notice_says_them(name: str, short: str) -> None:
    assert documents_county.short_name(name) == short


# --- through the services: a county folder that received the demo branch's quarter ------


@pytest.fixture(scope="module")
def quarter_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("county-docs-sent")
    store = open_store(root / "branch", log_to_file=False)
    try:
        demo.fill_demo(today=REAL_TODAY)
        return build_package(
            store.data, parse_period("2026Q3"), root / "out", PackageOptions(), today=REAL_TODAY
        ).path
    finally:
        store.close()


@pytest.fixture
def desk(tmp_path: Path, quarter_package: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "county", log_to_file=False)
    try:
        county_desk.make_county_folder()
        (result,) = import_packages([quarter_package], opened.data)
        assert result.outcome == "imported", result.text
        CountyBranch.create(uid="f" * 32, name="中共建始县高坪小学支部委员会")  # sent nothing
        yield opened
    finally:
        opened.close()


def test_the_services_draft_keep_and_print_the_notice(desk: Store, tmp_path: Path) -> None:
    period = parse_period("2026Q3")
    content, kept = county_documents.notice_content(period, today=REAL_TODAY)
    assert not kept
    assert "高坪小学党支部：未报送2026年第三季度工作台账报送包" in content.problems
    assert "全县2个学校党支部中，1个报送了2026年第三季度工作台账报送包" in content.overview
    for mark in PLACEHOLDERS:
        assert mark not in texts(content), mark
    edited = replace(content, document_number="建教党〔2026〕3号")
    county_documents.save_notice(period, edited)
    again, kept = county_documents.notice_content(period, today=REAL_TODAY)
    assert kept and again.document_number == "建教党〔2026〕3号"
    assert county_documents.notice_draft(period, today=REAL_TODAY).document_number == ""
    with pytest.raises(ValidationError, match="标题"):
        county_documents.save_notice(period, replace(again, title=" "))
    _docx, pdf = write(
        county_documents.notice_document(again), tmp_path, county_documents.notice_stem(again)
    )
    assert pdf.name == "关于2026年第三季度全县教育系统党支部工作落实情况的通报.pdf"
    summary = county_documents.summary_document(period, today=REAL_TODAY)
    (table,) = [b for b in summary.blocks if isinstance(b, Table)]
    assert [row[0].text for row in table.rows[1:-1]] == ["高坪小学党支部", "青山湾小学党支部"]
    assert table.rows[-1][0].text.startswith("合计：2个学校党支部，")
    write(summary, tmp_path, county_documents.summary_stem(period))


def test_a_school_whose_packages_do_not_cover_the_period_is_never_praised() -> None:
    """Two months of a quarter sent: the items it did are not all of the period's."""
    partial = SchoolRow(
        "e",
        "中共建始县三里小学支部委员会",
        (7,),
        "2026-09-02",
        True,
        False,
        {key: Cell(1, 1, 0, "done", ("2026年7月",), ()) for key, _label in OBLIGATIONS[:2]}
        | {"lecture": Cell(1, 0, 0, "missing", (), ())},
    )
    matrix = Matrix("2026年第三季度", OBLIGATIONS, (partial,))
    content = draft_notice(matrix, [], today=TODAY)
    assert "三里小学" not in content.good
    assert content.problems == (
        "三里小学党支部：2026年第三季度的工作台账只收到部分期间的报送包，没有覆盖整个期间；"
        "未报送相关情况：党课。"
    )
    assert "（其中1个部分报送）" in content.overview
    document = documents_county.summary_document(matrix, [], today=TODAY)
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert [c.text for c in table.rows[1][:3]] == [
        "三里小学党支部",
        "已报（部分报送）\n2026年9月2日生成",
        "2/3",
    ]


def test_items_with_no_data_are_never_done_and_partly_sent_work_is_not_undone() -> None:
    """官店 sent three monthly packages: nothing on the quarter's 党员大会 and 党课, so it is
    not praised and the 通报 says it sent nothing on them; 三里 sent only July, every July
    item done: the months missing are said, July's work is not called 未完成."""
    months = ("2026年7月", "2026年8月", "2026年9月")
    covered = SchoolRow(
        "f",
        "中共建始县官店小学支部委员会",
        (8, 9, 10),
        "2026-10-03",
        False,
        False,
        {
            "branch_meeting": Cell(0, 0, 0, "missing", (), (), ("2026年第三季度",)),
            "committee": Cell(3, 3, 0, "done", months, ()),
            "lecture": Cell(0, 0, 0, "missing", (), (), ("2026年第三季度",)),
        },
    )
    partial = SchoolRow(
        "g",
        "中共建始县三里小学支部委员会",
        (11,),
        "2026-08-03",
        True,
        False,
        {
            "branch_meeting": Cell(0, 0, 0, "missing", (), (), ("2026年第三季度",)),
            "committee": Cell(1, 1, 0, "partial", months[:1], (), months[1:]),
            "lecture": Cell(0, 0, 0, "missing", (), (), ("2026年第三季度",)),
        },
        partial=True,
        gaps=months[1:],
    )
    assert not documents_county.all_done(covered) and not documents_county.all_done(partial)
    matrix = Matrix("2026年第三季度", OBLIGATIONS, (covered, partial))
    content = draft_notice(matrix, [], today=TODAY)
    assert content.good == "2026年第三季度没有各项工作全部完成的学校党支部。"
    assert "各项工作全部完成。" not in content.overview
    assert content.problems.splitlines() == [
        "官店小学党支部：未报送相关情况：党员大会、党课。",
        "三里小学党支部：2026年第三季度的工作台账只收到部分期间的报送包，缺8、9月的报送包；"
        "未报送相关情况：党员大会、党课。",
    ]
    assert "未完成" not in content.problems  # July's 支委会 was done
    assert documents_county.REQUIREMENTS["unreported"] in content.requirements
    document = documents_county.summary_document(matrix, [], today=TODAY)
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert [c.text for c in table.rows[1][1:4]] == [
        "已报\n2026年10月3日生成",
        "1/3",
        "党员大会（未报送相关情况）、党课（未报送相关情况）",
    ]
    assert table.rows[2][3].text.endswith("缺8、9月的报送包")


def test_nothing_received_says_so_and_claims_nothing() -> None:
    content = draft_notice(Matrix("2026年第三季度", (), ()), [], today=TODAY)
    assert (
        content.overview
        == "截至2026年10月20日，还没有收到任何学校党支部2026年第三季度的工作台账报送包。"
    )
    assert content.good == content.problems == content.requirements == ""
    headings = [b.text for b in notice_document(content).blocks if isinstance(b, Heading)]
    assert headings == ["总体情况"]


def test_schools_of_whom_the_same_is_said_share_one_line() -> None:
    """Ten schools that sent nothing are one line of the 通报, not ten: the schools named
    together, in the matrix's order; what differs stays apart."""
    matrix, facts = county()
    missing = matrix.schools[3]
    others = [replace(missing, uid=f"m{n}", name=f"中共建始县第{n}小学支部委员会") for n in (1, 2)]
    more = Matrix(matrix.period_label, matrix.obligations, (*matrix.schools, *others))
    lines = draft_notice(more, facts, today=TODAY).problems.splitlines()
    assert "第1小学党支部、第2小学党支部：未报送2026年第三季度工作台账报送包。" in lines
    assert lines[-2].startswith("高坪小学党支部：未报送")  # it has a fact of its own
    assert len(lines) == 4
