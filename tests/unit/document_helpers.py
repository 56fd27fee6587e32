"""Helpers shared by the document tests: the text of a PDF and of a Word file read back,
and the external tools some of them need (:func:`require`: a skip on a developer's PC, a
failure in CI, where ``.ci/run`` installs them so that no document test is skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as open_docx

pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) reads the PDFs back")

BRANCH = "中共建始县青山湾小学支部委员会"  # the demo branch's full name, as documents print it

# What to install when a tool is missing (the skip reason; dev.py test lists them at the end).
TOOLS = {
    "soffice": "需要 LibreOffice（apt install libreoffice-writer-nogui）",
    "pdffonts": "需要 poppler-utils（apt install poppler-utils）",
    "pdftotext": "需要 poppler-utils（apt install poppler-utils）",
}


def require(tool: str) -> str:
    """The path of ``tool``; a skip where it is not installed, a failure in CI (``.ci/run``
    installs it, so that no document test is skipped there)."""
    found = shutil.which(tool) or (shutil.which("libreoffice") if tool == "soffice" else None)
    if found is None:
        assert not os.environ.get("CI"), f"CI must have {tool}: {TOOLS[tool]} (see .ci/run)"
        pytest.skip(TOOLS[tool])
    return found


def pdf_text(path: Path) -> str:
    """Every page's text, without spaces and line breaks (a value may wrap in its cell)."""
    pages = pypdf.PdfReader(str(path)).pages
    return "".join(page.extract_text() for page in pages).replace(" ", "").replace("\n", "")


def docx_cells(path: Path) -> list[str]:
    """The text of every table cell of a Word file, row by row."""
    return [c.text for t in open_docx(str(path)).tables for row in t.rows for c in row.cells]


def docx_text(path: Path) -> str:
    """The paragraphs' and then the table cells' text of a Word file, without spaces."""
    paragraphs = [p.text for p in open_docx(str(path)).paragraphs]
    return "".join(paragraphs + docx_cells(path)).replace(" ", "")


# --- Word as LibreOffice lays it out ---------------------------------------------------------

Written = dict[str, tuple[Path, Path, Path]]  # stem → our .docx, our .pdf, LibreOffice's PDF


def lay_out_in_word(files: dict[str, tuple[Path, Path]], folder: Path) -> Written:
    """Each (docx, pdf) pair with LibreOffice's PDF of the .docx (one conversion for all)."""
    soffice = require("soffice")  # CI: a failure, not a skip
    docx_files = [str(docx) for docx, _pdf in files.values()]
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder / "lo"), *docx_files],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {stem: (docx, pdf, folder / "lo" / f"{stem}.pdf") for stem, (docx, pdf) in files.items()}


def printed_words(pdf: Path) -> str:
    """A PDF's text as pdftotext reads it, without spaces and line breaks."""
    pdftotext = require("pdftotext")
    out = subprocess.run(
        [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return out.replace(" ", "").replace("\n", "")


def check_word_prints_what_the_pdf_prints(written: Written, stem: str, wanted: list[str]) -> None:
    """Word's layout of ``stem`` prints each of ``wanted`` as the app's PDF does, in at most
    one page more."""
    _docx, ours, laid_out = written[stem]
    assert laid_out.is_file(), f"LibreOffice opened {stem}.docx"
    text = printed_words(laid_out)
    for words in wanted:
        assert words in text, (stem, words)
        assert words in printed_words(ours), (stem, words)
    ours_pages = len(pypdf.PdfReader(str(ours)).pages)
    word_pages = len(pypdf.PdfReader(str(laid_out)).pages)
    assert word_pages <= ours_pages + 1, (stem, ours_pages, word_pages)
