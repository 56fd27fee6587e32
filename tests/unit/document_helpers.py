"""Helpers shared by the document tests: the text of a PDF and of a Word file read back,
and the external tools some of them need (:func:`require`: a skip on a developer's PC, a
failure in CI, where ``.ci/run`` installs them so that no document test is skipped)."""

from __future__ import annotations

import os
import shutil
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
