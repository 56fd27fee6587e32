"""The printed 会议记录 (issue 16): who was there — 出席, 缺席 with reasons, 列席 — as the
attendance of the meeting's day recorded it, and a 决议 never cut in two by a page break,
in the PDF (read back with pdfplumber) and in Word (the row may not split)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from jianshi_desktop.documents.fonts import FontSet, bundled_fonts_dir, find_fonts
from jianshi_desktop.documents.records import AgendaContent, MinutesContent, minutes_document
from jianshi_desktop.documents.render_docx import render_docx
from jianshi_desktop.documents.render_pdf import render_pdf
from jianshi_desktop.domain.enums import AttendanceRole, MeetingKind, Presence
from jianshi_desktop.services import demo, documents, meetings
from jianshi_desktop.services.record_kinds import MEETING
from jianshi_desktop.services.store import Store

from .document_helpers import BRANCH, docx_text, pdf_text

pdfplumber = pytest.importorskip("pdfplumber", reason="pdfplumber (test extra) reads the PDFs")

TODAY = dt.date(2026, 11, 26)
HELD_ON = dt.date(2026, 11, 20)

RESOLUTIONS = tuple(
    f"同意第{n}项工作安排，由支部委员会在本学期内分步落实，责任到人，"
    f"并在下次支委会上报告第{n}项的进展情况"
    for n in range(1, 4)
)


def _agenda(filler: int) -> tuple[AgendaContent, ...]:
    """Three long agenda items and a fourth that grows by less than a line per step."""
    said = "与会委员逐一发表意见，认为本学期的党建工作要与学校教育教学工作紧密结合。" * 2
    items = tuple(
        AgendaContent(f"研究议题{n}：关于做好本学期党建工作的安排", said) for n in range(1, 4)
    )
    return (*items, AgendaContent("其他事项", "补充说明。" * (filler * 3)))


def _minutes(filler: int, resolutions: tuple[str, ...] = RESOLUTIONS) -> MinutesContent:
    return MinutesContent(
        branch=BRANCH,
        kind="committee",
        kind_label="支委会",
        held_on=HELD_ON,
        starts_at="16:00",
        ends_at="17:10",
        place="学校会议室",
        chair="曾丽佳",
        recorder="邵超",
        expected=5,
        present=5,
        attendees=("曾丽佳", "邵超", "周婷国", "陈桂", "戴林春"),
        agenda=_agenda(filler),
        resolutions=resolutions,
    )


@pytest.fixture(scope="module")
def bundled() -> FontSet:
    """Only the bundled fonts: the same pages on every machine."""
    return find_fonts(bundled_dir=bundled_fonts_dir())


def _page_texts(path: Path) -> list[str]:
    """Each page's characters in the order printed (a cell's lines joined)."""
    with pdfplumber.open(str(path)) as pdf:
        return [
            "".join(c["text"] for c in page.chars if not c["text"].isspace()) for page in pdf.pages
        ]


def _page_holding(pages: list[str], text: str) -> int:
    """The one page that holds ``text`` whole; a text cut by a page break is on none."""
    holding = [number for number, page in enumerate(pages) if text in page]
    assert len(holding) == 1, f"{text!r} is not whole on one page: {holding}"
    return holding[0]


def test_the_resolutions_never_split_across_a_page_break(tmp_path: Path, bundled: FontSet) -> None:
    """However long the meeting's content, the 决议 (five lines here) stands on one page
    with its label; the content above it still runs across the break."""
    resolution_pages = set()
    for filler in range(0, 30):
        path = tmp_path / f"minutes-{filler}.pdf"
        render_pdf(minutes_document(_minutes(filler)), path, fonts=bundled)
        texts = _page_texts(path)
        pages = {_page_holding(texts, text) for text in RESOLUTIONS}
        label = {n for n, page in enumerate(texts) if "决议1." in page}
        assert len(pages) == 1 and label == pages, (filler, pages, label)
        resolution_pages |= pages
    # the sweep did bring the 决议 to a page's foot: it stood on more than one page
    assert len(resolution_pages) >= 2


def test_resolutions_longer_than_a_page_still_break_and_all_print(
    tmp_path: Path, bundled: FontSet
) -> None:
    many = tuple(f"第{n:02d}项决议：同意本项工作安排，由支部委员会分步落实" for n in range(1, 61))
    path = tmp_path / "long.pdf"
    render_pdf(minutes_document(_minutes(0, many)), path, fonts=bundled)
    texts = _page_texts(path)
    assert _page_holding(texts, many[0]) < _page_holding(texts, many[-1])
    for n in range(1, 61):
        _page_holding(texts, f"第{n:02d}项决议")  # every one printed


def _rows(path: Path) -> dict[str, Any]:
    """Each row of the Word file's table by its first cell's text."""
    table = open_docx(str(path)).tables[0]
    return {row.cells[0].text: row._tr for row in table.rows}


def test_the_word_file_keeps_short_rows_whole_and_lets_the_content_split(
    tmp_path: Path,
) -> None:
    path = tmp_path / "minutes.docx"
    render_docx(minutes_document(_minutes(5)), path)
    rows = _rows(path)

    def cant_split(label: str) -> bool:
        return rows[label].find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None

    assert cant_split("决议") and cant_split("出席人员") and cant_split("议题")
    assert cant_split("主持人") and cant_split("缺席人员及原因")
    assert not cant_split("会议内容")  # long prose still runs onto the next page


@pytest.fixture
def branch(store: Store) -> Store:
    demo.fill_demo(today=TODAY)
    return store


def test_the_minutes_name_everyone_present_absent_and_observing(
    branch: Store, tmp_path: Path
) -> None:
    """A 支委会 recorded as the issue's secretary did: the committee of that day present but
    one, who sent word; a teacher sat in. Both files list them all, the absent one with
    the reason, as the attendance recorded them."""
    form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=HELD_ON)
    form.starts_at, form.ends_at = "16:00", "17:10"
    form.recorder_id = form.chair_id
    form.agenda = [
        meetings.AgendaEntry(f"研究议题{n}", "与会委员逐一发表意见。" * 20) for n in range(1, 6)
    ]
    away = next(a for a in form.attendance if a.member_id not in (form.chair_id,))
    away.presence, away.reason = Presence.ON_LEAVE, "外出培训"
    form.attendance.append(
        meetings.AttendanceEntry(None, "李列席", role=AttendanceRole.OBSERVER, has_vote=False)
    )
    form.resolutions = [meetings.ResolutionEntry(text) for text in RESOLUTIONS]
    present = [
        a.name
        for a in form.attendance
        if a.role is AttendanceRole.EXPECTED and a.presence is Presence.PRESENT
    ]
    assert len(present) >= 2
    meeting_id = MEETING.finish(form, today=TODAY)
    docx, pdf = documents.write(
        documents.record_document("meeting", meeting_id), tmp_path, "minutes"
    )
    for text in (pdf_text(pdf), docx_text(docx)):
        assert "出席人员" + "、".join(present) in text
        assert f"缺席人员及原因{away.name}（请假：外出培训）" in text
        assert "列席人员李列席" in text
    texts = _page_texts(pdf)
    assert len({_page_holding(texts, text) for text in RESOLUTIONS}) == 1
