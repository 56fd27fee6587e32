"""The documents of 意识形态研判, 组织生活会 and 民主评议党员 (issue 17) as Word lays them
out: each .docx opened by LibreOffice (as a secretary's Word or WPS would) prints the
title, the branch and the people the record names, and takes no more pages than the PDF the
app writes itself (a table that Word lays out wider or a row that will not split would show
as extra pages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from jianshi_desktop.documents import appraisal, ideology, org_life
from jianshi_desktop.documents.model import Document
from jianshi_desktop.services import demo, documents
from jianshi_desktop.services import ideology_reviews as ir
from jianshi_desktop.services import member_appraisals as ma
from jianshi_desktop.services import org_life_meetings as olm
from jianshi_desktop.services.record_kinds import (
    IDEOLOGY_REVIEW,
    MEMBER_APPRAISAL,
    ORG_LIFE_MEETING,
)
from jianshi_desktop.services.store import open_store

from .document_helpers import (
    Written,
    check_word_prints_what_the_pdf_prints,
    lay_out_in_word,
    require,
)

TODAY = dt.date(2026, 12, 6)


def _risky_review() -> int:
    """The demo's month with a risk of 中 (March): the longest monthly report."""
    return next(r.id for r in ir.list_ideology_reviews() if "中" in r.risks)


def _org_life() -> int:
    return olm.list_org_life_meetings()[0].id


def _appraisal() -> int:
    return ma.list_member_appraisals()[0].id


# (file stem, the document, what it must print)
CASES: list[tuple[str, Callable[[], Document], list[str]]] = [
    (
        "研判报告",
        lambda: IDEOLOGY_REVIEW.document(_risky_review()),
        ["意识形态风险研判情况报告", "中共建始县教育局委员会", "青山湾小学支部委员会"],
    ),
    (
        "季度汇总",
        lambda: ideology.quarter_document(ir.quarter_content(2026, 1, today=TODAY)),
        ["意识形态风险研判情况季度汇总", "校园网络和新媒体"],
    ),
    (
        "年度通报",
        lambda: ideology.year_notice_document(ir.year_content(2026, today=TODAY)),
        ["意识形态工作情况的通报", "此件发至全体党员"],
    ),
    (
        "组织生活会记录",
        lambda: ORG_LIFE_MEETING.document(_org_life()),
        ["组织生活会记录", "整改清单"],
    ),
    (
        "召开情况报告",
        lambda: org_life.org_life_report_document(olm.org_life_report_content(_org_life())),
        ["组织生活会情况的报告", "中共建始县教育局委员会", "青山湾小学支部委员会"],
    ),
    ("结果汇总表", lambda: MEMBER_APPRAISAL.document(_appraisal()), ["民主评议党员结果汇总表"]),
    (
        "测评表",
        lambda: appraisal.ballot_document(ma.ballot_content(_appraisal())),
        ["民主评议党员测评表", "基本合格"],
    ),
    (
        "评议情况报告",
        lambda: ma.report_document(_appraisal(), today=TODAY),
        ["民主评议党员情况", "中共建始县教育局委员会"],
    ),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """Each case's .docx and .pdf, and LibreOffice's PDF of the .docx (one conversion)."""
    require("soffice")  # CI: a failure, not a skip (before the data is made)
    folder = tmp_path_factory.mktemp("new-kinds")
    store = open_store(folder / "data", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        files = {stem: documents.write(build(), folder, stem) for stem, build, _want in CASES}
    finally:
        store.close()
    return lay_out_in_word(files, folder)


@pytest.mark.parametrize(("stem", "wanted"), [(stem, want) for stem, _b, want in CASES])
def test_word_prints_what_the_pdf_prints(written: Written, stem: str, wanted: list[str]) -> None:
    check_word_prints_what_the_pdf_prints(written, stem, wanted)
