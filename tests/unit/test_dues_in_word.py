"""The 党费 documents (issue 18) as Word lays them out: each .docx opened by LibreOffice (as
a secretary's Word or WPS would) prints the title, the branch and what the data holds, and
takes no more pages than the PDF the app writes itself, give or take one (a table that
Word lays out wider, dates broken onto a second line in every row, would show as extra
pages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from jianshi_desktop.db import models
from jianshi_desktop.documents.dues import (
    certificate_document,
    collection_document,
    year_document,
)
from jianshi_desktop.documents.model import Document
from jianshi_desktop.services import demo, documents
from jianshi_desktop.services import dues_documents as svc
from jianshi_desktop.services.store import open_store

from .document_helpers import (
    BRANCH,
    Written,
    check_word_prints_what_the_pdf_prints,
    lay_out_in_word,
    pypdf,
    require,
)
from .test_dues_documents import NOV, TODAY, collect, roster, set_bases

BUILT: dict[str, int] = {}  # the records the cases print, made in the fixture


def _data() -> None:
    """Four months of dues from August: one member skips September and October, the
    November collection carries a 补交 and a 预交, and the money was handed up."""
    for model in (models.DuesPayment, models.DuesCollection, models.DuesBase):
        model.delete().execute()
    set_bases()
    ids = [m for m, _n in roster()]
    skipper = ids[2]
    for month in (8, 9, 10):
        payers = [m for m in ids if m != skipper or month == 8]
        collect(dt.date(2026, month, 1), dt.date(2026, month, 8), payers)
    BUILT["collection"] = collect(
        NOV,
        dt.date(2026, 11, 8),
        [m for m in ids if m != ids[0]],
        extra=[(ids[1], dt.date(2026, 12, 1)), (skipper, dt.date(2026, 10, 1))],
        handed=(dt.date(2026, 11, 20), 186_300),
        collector=ids[1],
    )
    BUILT["skipper"] = skipper


# (file stem, the document, what it must print)
CASES: list[tuple[str, Callable[[], Document], list[str]]] = [
    (
        "党费收缴明细表",
        lambda: collection_document(svc.collection_content(BUILT["collection"])),
        ["2026年11月党费收缴明细表", BRANCH, "5400.00", "未交", "预交", "1863.00元"],
    ),
    (
        "年度党费收缴情况",
        lambda: year_document(svc.year_content(2026, today=TODAY)),
        ["2026年度党费收缴情况", BRANCH, "全年应交", "未交", "欠交合计"],
    ),
    (
        "党费交纳证明",
        lambda: certificate_document(svc.certificate_content(BUILT["skipper"], today=TODAY)),
        ["党费交纳证明", "党费交纳至2026年11月", "2026年9月的党费未交", f"{BRANCH}（盖章）"],
    ),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """Each case's .docx and .pdf, and LibreOffice's PDF of the .docx (one conversion)."""
    require("soffice")  # CI: a failure, not a skip (before the data is made)
    folder = tmp_path_factory.mktemp("dues")
    store = open_store(folder / "data", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY, with_records=False)
        _data()
        files = {stem: documents.write(build(), folder, stem) for stem, build, _want in CASES}
    finally:
        store.close()
    return lay_out_in_word(files, folder)


@pytest.mark.parametrize(("stem", "wanted"), [(stem, want) for stem, _b, want in CASES])
def test_word_prints_what_the_pdf_prints(written: Written, stem: str, wanted: list[str]) -> None:
    check_word_prints_what_the_pdf_prints(written, stem, wanted)


def test_the_certificate_is_one_page_in_word_and_pdf(written: Written) -> None:
    _docx, ours, laid_out = written["党费交纳证明"]
    assert len(pypdf.PdfReader(str(ours)).pages) == 1
    assert len(pypdf.PdfReader(str(laid_out)).pages) == 1
