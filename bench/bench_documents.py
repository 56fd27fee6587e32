"""Bench: the document engine (targets: one meeting's minutes to Word + PDF under 150 ms; a
100-page ledger PDF under 1.5 s; one record to Word + PDF in a fresh process within 2× a
plain reportlab + python-docx process writing the same text with the same fonts).

Run from the project folder:
``python bench/bench_documents.py [--pages 100] [--repeat 10] [--fresh 5]``.

Prints, in this order:

- finding the fonts and registering them with reportlab (once per process: the app does
  it at start-up or on the first render, so it is shown apart);
- one meeting's minutes (the sample 会议记录, two pages) to Word and to PDF, median of
  ``--repeat`` runs;
- a ledger of about ``--pages`` pages (cover, contents, records in table form), laid out
  twice because of the contents page numbers, then the same ledger to Word;
- plain reportlab (SimpleDocTemplate, Paragraph with ``wordWrap='CJK'``, no table, no
  contents pass) setting the same text, for comparison;
- a fresh process writing the minutes to Word and PDF the app's way (import, find the
  fonts — from the face cache after the first run —, register them, render), against a
  fresh process writing the same text with python-docx and plain reportlab with the same
  font files (no search), median of ``--fresh`` runs each.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jianshi_desktop.documents.fonts import ROLES, resolve_fonts
from jianshi_desktop.documents.model import Document, Table, Title
from jianshi_desktop.documents.render_docx import render_docx
from jianshi_desktop.documents.render_pdf import _register, render_pdf
from tests import document_samples as samples

MINUTES_TARGET = 0.150
LEDGER_TARGET = 1.5
LEDGER_RATIO_TARGET = 1.1  # the ledger PDF at most 1.1× plain reportlab, same run
FRESH_TARGET = 2.0  # a fresh process: the app's way at most 2× the plain way
ROOT = Path(__file__).resolve().parents[1]
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


# One record to Word + PDF in a fresh process, the app's way (as ``render minutes`` does).
_APP_PROCESS = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tests import document_samples as samples
from jianshi_desktop.documents.render_docx import render_docx
from jianshi_desktop.documents.render_pdf import render_pdf
out = Path(sys.argv[2])
render_docx(samples.sample_minutes(), out / "app.docx")
render_pdf(samples.sample_minutes(), out / "app.pdf")
"""

# The same text with python-docx and plain reportlab, the same font files, no search.
_PLAIN_PROCESS = """
import json, sys
from pathlib import Path
job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
out = Path(sys.argv[2])
import docx
from docx.oxml.ns import qn
from docx.shared import Pt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

word = docx.Document()
for name, text, size in job["lines"]:
    run = word.add_paragraph().add_run(text)
    run.font.size = Pt(size)
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
word.save(str(out / "plain.docx"))

fonts = {}
for number, (path, index) in enumerate(job["faces"]):
    fonts[number] = "F%d" % number
    pdfmetrics.registerFont(TTFont(fonts[number], path, subfontIndex=index))
story = []
for face, text, size in job["pdf_lines"]:
    style = ParagraphStyle(
        "s%d" % len(story), fontName=fonts[face], fontSize=size, leading=size * 1.6,
        wordWrap="CJK",
    )
    story.append(Paragraph(text, style))
doc = SimpleDocTemplate(
    str(out / "plain.pdf"), pagesize=A4, leftMargin=28 * mm, rightMargin=26 * mm,
    topMargin=37 * mm, bottomMargin=35 * mm,
)
doc.build(story)
"""


def _texts(document: Document) -> list[str]:
    """Every piece of text of ``document`` (titles, paragraphs, table cells)."""
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            texts += [cell.text for row in block.rows for cell in row if cell.text]
        else:
            text = getattr(block, "text", "")
            if isinstance(text, str) and text:
                texts.append(text)
    return texts


def _fresh_processes(folder: Path, runs: int) -> tuple[float, float]:
    """Median seconds of a fresh process the app's way and the plain way."""
    from jianshi_desktop.documents.fonts import OFFICIAL_FONTS

    fonts = resolve_fonts()
    minutes = samples.sample_minutes()
    title, body = fonts["title"].face, fonts["body"].face
    faces = [(str(title.path), title.index)]
    if body.key != title.key:
        faces.append((str(body.path), body.index))
    texts = _texts(minutes)
    lines = [(OFFICIAL_FONTS["title"], texts[0], 22)]
    lines += [(OFFICIAL_FONTS["body"], text, 14) for text in texts[1:]]
    pdf_lines = [(0, texts[0], 22)] + [(len(faces) - 1, text, 14) for text in texts[1:]]
    job = folder / "plain.json"
    job.write_text(
        json.dumps({"faces": faces, "lines": lines, "pdf_lines": pdf_lines}, ensure_ascii=False),
        encoding="utf-8",
    )

    def run(arguments: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, *arguments], check=True, cwd=ROOT)
        return time.perf_counter() - start

    app_runs, plain_runs = [], []
    run(["-c", _APP_PROCESS, str(ROOT), str(folder)])  # the first run fills the face cache
    for _ in range(runs):
        app_runs.append(run(["-c", _APP_PROCESS, str(ROOT), str(folder)]))
        plain_runs.append(run(["-c", _PLAIN_PROCESS, str(job), str(folder)]))
    return statistics.median(app_runs), statistics.median(plain_runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--fresh", type=int, default=5, help="fresh processes of each kind")
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
        plain = time.perf_counter() - start
        print(f"plain reportlab, same text, {pages} pages: {plain:7.3f} s")
        ratio = seconds / plain
        verdict = "ok" if ratio <= LEDGER_RATIO_TARGET else "OVER TARGET"
        print(
            f"ledger PDF / plain reportlab:          {ratio:7.2f}×"
            f"  (target {LEDGER_RATIO_TARGET}×: {verdict})"
        )

        if args.fresh > 0:
            app, plain = _fresh_processes(out, args.fresh)
            ratio = app / plain
            verdict = "ok" if ratio <= FRESH_TARGET else "OVER TARGET"
            print(f"fresh process, minutes to Word + PDF:  {app:7.3f} s")
            print(f"fresh process, plain docx + reportlab: {plain:7.3f} s")
            print(
                f"fresh process, app / plain:            {ratio:7.2f}×"
                f"  (target {FRESH_TARGET:.0f}×: {verdict})"
            )


if __name__ == "__main__":
    main()
