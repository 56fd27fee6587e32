"""发展党员 documents (issue 19): a person's 入党积极分子培养教育考察登记 and 发展党员工作全程
纪实表, and the year's 发展党员情况 — what each prints for a person far along and for one
who has just applied, and the three as Word lays them out (LibreOffice) against our PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.model import Document, Heading, Paragraph, Table
from jianshi_desktop.domain.enums import Gender, MeetingKind, RecruitmentRole
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo, documents
from jianshi_desktop.services import recruitment_documents as svc
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.store import Store, open_store

from .document_helpers import (
    BRANCH,
    Written,
    check_word_prints_what_the_pdf_prints,
    lay_out_in_word,
    require,
)

TODAY = dt.date(2026, 12, 7)
D = dt.date
ASSESSED = "能认真学习党的理论，教学成绩突出"
# (step, day, note, roles of the people named: the roster's first members in turn)
FAR_ALONG = [
    (1, D(2023, 3, 1), "", ()),
    (2, D(2023, 3, 20), "谈话了解入党动机", ("talker",)),
    (3, D(2023, 9, 5), "", ()),
    (4, D(2023, 9, 20), "", ()),
    (5, D(2023, 9, 10), "", ("contact", "contact")),
    (6, D(2024, 3, 1), ASSESSED, ()),
    (6, D(2024, 9, 2), "担任班主任工作认真负责", ()),
    (7, D(2024, 10, 8), "", ()),
    (8, D(2024, 10, 20), "", ()),
    (9, D(2024, 10, 25), "", ("introducer", "introducer")),
    (10, D(2024, 11, 10), "政审合格", ()),
    (11, D(2024, 11, 20), "", ()),
    (12, D(2025, 3, 1), "", ()),
    (13, D(2025, 3, 15), "", ()),
    (14, D(2025, 3, 20), "", ()),
    (15, D(2025, 4, 10), "", ()),
    (16, D(2025, 4, 25), "", ()),
    (17, D(2025, 5, 20), "", ()),
    (18, D(2025, 6, 1), "", ()),
    (19, D(2025, 6, 5), "", ()),
    (20, D(2025, 7, 1), "", ()),
    (21, D(2025, 10, 10), "", ()),
    (21, D(2026, 3, 1), "", ()),
    (22, D(2026, 3, 20), "", ()),
]
JUST_APPLIED = FAR_ALONG[:2]
ROLES = {
    "talker": RecruitmentRole.TALKER,
    "contact": RecruitmentRole.CONTACT,
    "introducer": RecruitmentRole.INTRODUCER,
}
Step = tuple[int, dt.date, str, tuple[str, ...]]


def make_file(
    name: str,
    steps: list[Step],
    *,
    id_number: str | None = None,
    backbone: bool = False,
    stopped_on: dt.date | None = None,
    stop_reason: str = "",
    attach_to: tuple[int, ...] = (),
    meeting_for: dict[int, dt.date] | None = None,
) -> int:
    """A file written straight into the tables, as the 发展党员 page would have kept it."""
    branch = current_branch()
    row = models.Recruitment.create(
        branch=branch,
        name=name,
        gender=Gender.FEMALE,
        ethnicity="土家族",
        birth_date=D(1995, 6, 3),
        id_number=id_number,
        education="大学本科",
        position="语文教师",
        phone="13907181234",
        backbone=backbone,
        stopped_on=stopped_on,
        stop_reason=stop_reason,
    )
    members = [m.id for m in models.Member.select().order_by(models.Member.id)]
    for no, day, note, roles in steps:
        meeting = None
        if meeting_for and no in meeting_for:
            meeting = models.Meeting.create(
                branch=branch, held_on=meeting_for[no], kind=MeetingKind.COMMITTEE
            )
        step = models.RecruitmentStep.create(
            recruitment=row,
            step=no,
            done_on=day,
            note=note,
            meeting=meeting,
            training_days=3 if no == 11 else None,
        )
        for index, role in enumerate(roles):
            models.RecruitmentStepPerson.create(step=step, member=members[index], role=ROLES[role])
        if no in attach_to:
            models.Attachment.create(
                sha256="ab" * 32, size=10, file_name=f"第{no}步.pdf", recruitment_step=step
            )
    return int(row.id)


def printed(document: Document) -> str:
    """Everything a document prints, in order: title, paragraphs, headings, cells."""
    parts = [document.title, document.subtitle]
    for block in document.blocks:
        if isinstance(block, (Paragraph, Heading)):
            parts.append(block.text)
        elif isinstance(block, Table):
            parts += [cell.text for row in block.rows for cell in row]
    return "\n".join(parts)


def record_row(document: Document, no: int) -> list[str]:
    """The 纪实表's line of step ``no``."""
    table = [b for b in document.blocks if isinstance(b, Table)][1]
    return next(
        [cell.text for cell in row] for row in table.rows if row[0].text.startswith(f"{no}. ")
    )


FILES: dict[str, int] = {}


def _fill() -> None:
    demo.fill_demo(today=TODAY, with_records=False)
    FILES["far"] = make_file(
        "王晓燕",
        FAR_ALONG,
        backbone=True,
        attach_to=(1, 6),
        meeting_for={3: D(2023, 9, 5), 7: D(2024, 10, 8)},
    )
    FILES["new"] = make_file("刘明", JUST_APPLIED)
    FILES["stopped"] = make_file(
        "陈刚", FAR_ALONG[:5], stopped_on=D(2026, 5, 1), stop_reason="调离本校"
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recruitment") / "data"
    store = open_store(root, log_to_file=False)
    try:
        _fill()
    finally:
        store.close()
    return root


@pytest.fixture
def branch(folder: Path) -> Iterator[Store]:
    store = open_store(folder, log_to_file=False)
    yield store
    store.close()


# --- 发展党员工作全程纪实表 ---------------------------------------------------------------


def test_the_full_record_prints_each_step_done_with_its_people_meeting_and_papers(
    branch: Store,
) -> None:
    doc = svc.full_record_document(FILES["far"])
    text = printed(doc)
    assert "发展党员工作全程纪实表" in doc.title and "王晓燕" in text
    assert "1995年6月" in text and "1995年6月3日" not in text  # year and month only
    assert "13907181234" not in text  # no phone on the page
    step_1 = record_row(doc, 1)
    assert step_1[1] == "2023年3月1日" and "入党申请书（附件1个）" in step_1[3]
    assert "支委会（2024年10月8日）" in record_row(doc, 7)[2]
    assert "入党介绍人：" in record_row(doc, 9)[2]
    assert record_row(doc, 11)[4] == "培训3天"
    assert record_row(doc, 21)[1] == "2025年10月10日\n2026年3月1日"  # a step done twice
    assert "共2次" in record_row(doc, 6)[4]
    # the 转正 not taken yet: a blank line, not 「待办」
    assert record_row(doc, 23)[1:] == ["", "", "", ""]
    assert "待办" not in text
    assert "目前为预备党员（2025年4月10日起），下一步是第23步 支部大会讨论转正" in text
    assert [h for h in text.split("\n") if h.startswith("第") and "阶段" in h] == [
        "第一阶段　申请入党",
        "第二阶段　入党积极分子的确定和培养教育",
        "第三阶段　发展对象的确定和考察",
        "第四阶段　预备党员的接收",
        "第五阶段　预备党员的教育考察和转正",
    ]


def test_a_file_just_opened_leaves_every_later_step_blank(branch: Store) -> None:
    doc = svc.full_record_document(FILES["new"])
    assert record_row(doc, 2)[1] == "2023年3月20日"
    assert "谈话人：" in record_row(doc, 2)[2]
    for no in range(3, 26):
        assert record_row(doc, no)[1:4] == ["", "", ""], no
    assert "确定为积极分子日期" not in printed(doc)  # nothing recorded: no empty box


def test_a_stopped_file_says_so_and_names_no_next_step(branch: Store) -> None:
    text = printed(svc.full_record_document(FILES["stopped"]))
    assert "2026年5月1日终止培养：调离本校。" in text
    assert "下一步" not in text


# --- 入党积极分子培养教育考察登记 -------------------------------------------------------------


def test_the_assessment_register_has_a_section_per_half_year_and_the_later_steps(
    branch: Store,
) -> None:
    doc = svc.assessment_document(FILES["far"])
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == [
        "2024年上半年考察情况",
        "2024年下半年考察情况",
        "确定为发展对象后的考察",
    ]
    text = printed(doc)
    assert ASSESSED in text and "考察日期：2024年3月1日" in text
    assert "培养联系人" in text and "2023年9月5日" in text  # 确定为积极分子日期
    assert "第7步 确定发展对象：2024年10月8日，支委会（2024年10月8日）" in text
    assert "第11步 开展集中培训：2024年11月20日，培训3天" in text
    assert "第12步" not in text  # from 发展对象 on: 7–11 only


def test_an_assessment_register_with_nothing_yet_says_so_in_one_sentence(branch: Store) -> None:
    doc = svc.assessment_document(FILES["new"])
    assert "刘明还没有培养教育考察的记录。" in printed(doc)
    assert not [b for b in doc.blocks if isinstance(b, Heading)]


# --- 发展党员情况 (yearly) -----------------------------------------------------------------


def _counts(year: int) -> dict[str, tuple[int, int, str]]:
    content = svc.year_content(year, today=TODAY)
    return {c.label: (c.count, c.backbone, c.share) for c in content.stages + content.movements}


def test_the_year_report_counts_each_stage_on_31_december_and_the_years_movements(
    branch: Store,
) -> None:
    y2025 = _counts(2025)
    # on 31 December 2025: 王晓燕 a 预备党员 (骨干), 刘明 an applicant, 陈刚 an activist
    assert y2025["预备党员"] == (1, 1, "100%")
    assert y2025["入党申请人"] == (1, 0, "0%")
    assert y2025["入党积极分子"] == (1, 0, "0%")
    assert y2025["接收为预备党员"] == (1, 1, "100%")
    assert y2025["终止培养"] == (0, 0, "")
    y2026 = _counts(2026)  # a running year: as of today
    assert y2026["入党积极分子"] == (0, 0, "")  # 陈刚 stopped in May
    assert y2026["终止培养"] == (1, 0, "0%")
    assert y2026["接收为预备党员"] == (0, 0, "")
    text = printed(svc.year_report_document(2025, today=TODAY))
    assert "关于建始县青山湾小学党支部2025年度发展党员情况的报告" in text
    assert "截至2025年12月31日" in text
    assert "接收为预备党员1名（其中教学业务骨干1名）" in text
    assert svc.year_stem(2025, TODAY) == f"{BRANCH}2025年度发展党员情况"


def test_no_year_report_before_any_application(branch: Store) -> None:
    with pytest.raises(UserError, match="还没有发展党员的记录"):
        svc.year_content(2022, today=TODAY)
    assert svc.report_years(D(2022, 1, 1), D(2022, 12, 31)) == []
    assert svc.report_years(D(2025, 1, 1), D(2025, 12, 31)) == [2025]
    assert svc.report_years(D(2026, 7, 1), D(2026, 9, 30)) == []  # not a year's end


def test_file_names(branch: Store) -> None:
    assert svc.file_stem(FILES["far"], "full_record") == "王晓燕发展党员工作全程纪实表"
    assert svc.file_stem(FILES["new"], "assessment") == "刘明入党积极分子培养教育考察登记表"


# --- in Word ---------------------------------------------------------------------------------

CASES: list[tuple[str, Callable[[], Document], list[str]]] = [
    (
        "纪实表",
        lambda: svc.full_record_document(FILES["far"]),
        ["发展党员工作全程纪实表", BRANCH, "王晓燕", "2025年10月10日", "支部大会讨论转正"],
    ),
    (
        "考察登记",
        lambda: svc.assessment_document(FILES["far"]),
        ["入党积极分子培养教育考察登记表", "2024年下半年考察情况", ASSESSED],
    ),
    (
        "年度情况",
        lambda: svc.year_report_document(2025, today=TODAY),
        ["2025年度发展党员情况的报告", "接收为预备党员", "骨干占比", "特此报告。"],
    ),
]


@pytest.fixture(scope="module")
def written(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Written:
    require("soffice")
    out = tmp_path_factory.mktemp("recruitment-word")
    store = open_store(folder, log_to_file=False)
    try:
        files = {stem: documents.write(build(), out, stem) for stem, build, _want in CASES}
    finally:
        store.close()
    return lay_out_in_word(files, out)  # type: ignore[arg-type]


@pytest.mark.parametrize(("stem", "wanted"), [(stem, want) for stem, _b, want in CASES])
def test_word_prints_what_the_pdf_prints(written: Written, stem: str, wanted: list[str]) -> None:
    check_word_prints_what_the_pdf_prints(written, stem, wanted)
