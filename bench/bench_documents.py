"""Bench: the document engine (targets: one meeting's minutes to Word + PDF under 150 ms; a
100-page ledger PDF under 1.5 s).

Run from the project folder: ``python bench/bench_documents.py [--pages 100] [--repeat 10]``.

Prints, in this order:

- finding the fonts and registering them with reportlab (once per process: the app does
  it at start-up or on the first render, so it is shown apart);
- one meeting's minutes (the sample 会议记录, two pages) to Word and to PDF, median of
  ``--repeat`` runs;
- a ledger of about ``--pages`` pages (cover, contents, records in table form), laid out
  twice because of the contents page numbers, then the same ledger to Word;
- plain reportlab (SimpleDocTemplate, Paragraph with ``wordWrap='CJK'``, no table, no
  contents pass) setting the same text, for comparison.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianshi_desktop.documents import samples
from jianshi_desktop.documents.fonts import ROLES, resolve_fonts
from jianshi_desktop.documents.model import Document, Table, Title
from jianshi_desktop.documents.render_docx import render_docx
from jianshi_desktop.documents.render_pdf import _register, render_pdf

MINUTES_TARGET = 0.150
LEDGER_TARGET = 1.5
PAGES_PER_RECORD = 2  # the sample record (table with a long 会议内容) fills two pages


def _time(action: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _plain_reportlab(document: Document, path: Path) -> int:
    """The same text set the simplest reportlab way: paragraphs only, CJK word wrap."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    fonts = resolve_fonts()
    body = _register(fonts["body"].face).fontName
    title = _register(fonts["title"].face).fontName
    title_style = ParagraphStyle("t", fontName=title, fontSize=22, leading=36, alignment=1)
    body_style = ParagraphStyle(
        "b", fontName=body, fontSize=14, leading=24, wordWrap="CJK", firstLineIndent=28
    )
    story: list[object] = []
    for block in document.blocks:
        if isinstance(block, Title):
            story += [PageBreak(), Paragraph(block.text, title_style)]
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    for line in cell.text.split("\n"):
                        story.append(Paragraph(line, body_style))
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=31.7 * mm,
        rightMargin=31.7 * mm,
        topMargin=25.4 * mm,
        bottomMargin=25.4 * mm,
    )
    doc.build(story)
    return int(doc.page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    start = time.perf_counter()
    fonts = resolve_fonts()
    for role in fonts.choices:
        _register(fonts[role].face)
    print(f"fonts found and registered once:      {time.perf_counter() - start:7.3f} s")
    for role in ROLES:
        print(f"    {fonts[role].describe()}  [{fonts[role].face.path.name}]")

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        minutes = samples.sample_minutes()
        render_pdf(minutes, out / "warm.pdf")  # warm caches (glyph widths, subsets)
        word = _time(lambda: render_docx(samples.sample_minutes(), out / "m.docx"), args.repeat)
        pdf = _time(lambda: render_pdf(samples.sample_minutes(), out / "m.pdf"), args.repeat)
        both = word + pdf
        verdict = "ok" if both < MINUTES_TARGET else "OVER TARGET"
        print(f"minutes to Word:                       {word * 1000:7.1f} ms")
        print(f"minutes to PDF (2 pages):              {pdf * 1000:7.1f} ms")
        print(
            f"minutes Word + PDF:                    {both * 1000:7.1f} ms"
            f"  (target {MINUTES_TARGET * 1000:.0f} ms: {verdict})"
        )

        records = max(1, (args.pages - 2) // PAGES_PER_RECORD)
        ledger = samples.sample_ledger(records)
        start = time.perf_counter()
        result = render_pdf(ledger, out / "ledger.pdf")
        seconds = time.perf_counter() - start
        verdict = "ok" if seconds < LEDGER_TARGET * result.pages / 100 else "OVER TARGET"
        print(
            f"ledger PDF, {result.pages} pages, 2 passes:      {seconds:7.3f} s"
            f"  (target {LEDGER_TARGET} s per 100 pages: {verdict})"
        )
        start = time.perf_counter()
        render_docx(ledger, out / "ledger.docx", page_numbers=result.anchors)
        print(f"ledger Word ({records} records):             {time.perf_counter() - start:7.3f} s")
        start = time.perf_counter()
        pages = _plain_reportlab(ledger, out / "plain.pdf")
        print(f"plain reportlab, same text, {pages} pages: {time.perf_counter() - start:7.3f} s")


if __name__ == "__main__":
    main()
