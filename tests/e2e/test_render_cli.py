"""``main.py render`` on the demo branch: every kind of document, for scripting."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from jianshi_desktop.services.record_kinds import MEETING
from tests.support import ROOT, opened, program_env, run_main, run_python


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_main(*args, timeout=180)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert run("--data-dir", str(folder), "--demo", "selftest").returncode == 0
    return folder


def test_list_then_render_each_kind(demo_dir: Path, tmp_path: Path) -> None:
    from datetime import date

    year = date.today().year
    listed = run("--data-dir", str(demo_dir), "render", "list", "--period", str(year), "--json")
    assert listed.returncode == 0, listed.stderr
    records = json.loads(listed.stdout)["records"]
    assert {r["record"] for r in records} == {
        "meeting",
        "theme_day",
        "heart_talk",
        "ideology_review",
        "dues_collection",
        "training",
        "pairing_help",
        "organisation_report",
    }
    # the yearly kinds of the demo are of the years before (this year's are still to come)
    last = run("--data-dir", str(demo_dir), "render", "list", "--period", str(year - 1), "--json")
    last_year = json.loads(last.stdout)["records"]
    assert {"org_life_meeting", "member_appraisal"} <= {r["record"] for r in last_year}
    meeting = next(r for r in records if r["record"] == "meeting")
    practices, plans = tmp_path / "做法.txt", tmp_path / "打算.txt"
    practices.write_text("坚持每月固定主题党日。\n", encoding="utf-8")
    plans.write_text("继续抓好“三会一课”。\n", encoding="utf-8")
    talk = next(r for r in records if r["record"] == "heart_talk")
    commands = [
        ("minutes", str(meeting["id"])),
        ("minutes", str(talk["id"]), "--record", "heart_talk"),
        *(
            ("minutes", str(r["id"]), "--record", kind)
            for kind, pool in (
                ("ideology_review", records),
                ("dues_collection", records),
                ("training", records),
                ("pairing_help", records),
                ("organisation_report", records),
                ("org_life_meeting", last_year),
                ("member_appraisal", last_year),
            )
            for r in (next(r for r in pool if r["record"] == kind),)
        ),
        ("ledger", "--period", str(year)),
        (
            "report",
            "--period",
            str(year),
            "--issuer",
            "中共建始县青山湾小学支部委员会",
            "--practices-file",
            str(practices),
            "--plans-file",
            str(plans),
        ),
        ("roster",),
        ("roster", "--as-of", f"{year - 1}-12-31"),
    ]
    for command in commands:
        done = run(
            "--data-dir", str(demo_dir), "render", *command, "--out", str(tmp_path), "--json"
        )
        assert done.returncode == 0, (command, done.stderr)
        said = json.loads(done.stdout)
        # every character printed; the notice names the faces standing in ("" if none)
        assert said["ok"] is True and said["missing_characters"] == [], command
        assert isinstance(said["font_notice"], str)
        files = [Path(f) for f in said["files"]]
        assert {f.suffix for f in files} == {".docx", ".pdf"}
        assert all(f.is_file() and f.stat().st_size > 1000 for f in files)


def test_wrong_period_and_missing_record_explain_themselves(demo_dir: Path) -> None:
    bad = run("--data-dir", str(demo_dir), "render", "ledger", "--period", "2020Q5")
    assert bad.returncode == 1 and "看不懂期间“2020Q5”" in bad.stderr
    missing = run("--data-dir", str(demo_dir), "render", "minutes", "99999")
    assert missing.returncode == 1 and "render list" in missing.stderr
    assert "没有编号为 99999 的三会一课记录" in missing.stderr
    unknown = run("--data-dir", str(demo_dir), "render", "minutes", "1", "--record", "dues")
    assert unknown.returncode == 1 and "没有“dues”这一类记录" in unknown.stderr
    assert "theme_day（主题党日）" in unknown.stderr
    usage = run("--data-dir", str(demo_dir), "render")
    assert usage.returncode == 2
    future = run("--data-dir", str(demo_dir), "render", "roster", "--as-of", "2099-01-01")
    assert future.returncode == 1 and "晚于今天" in future.stderr
    month = run("--data-dir", str(demo_dir), "render", "roster", "--as-of", "2025-12")
    assert month.returncode == 1 and "哪一天" in month.stderr


def test_a_report_without_the_secretarys_parts_is_not_made(demo_dir: Path, tmp_path: Path) -> None:
    # rules.md §7: no report goes out with 主要做法 or 下一步打算 left empty; the command
    # names the part and the option that supplies it, and writes nothing.
    done = run("--data-dir", str(demo_dir), "render", "report", "--period", "2026Q3",
               "--out", str(tmp_path))  # fmt: skip
    assert done.returncode == 1
    assert "二、主要做法和成效" in done.stderr and "--practices-file" in done.stderr
    assert "四、存在的问题和下一步打算" in done.stderr and "--plans-file" in done.stderr
    assert not list(tmp_path.iterdir())


def test_the_finished_report_is_rendered_as_it_was_finished(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    """A 定稿 is what ``render report`` makes, said to be one; a meeting recorded since
    changes neither its text nor its figures; ``--draft`` uses today's figures."""
    from datetime import date

    from jianshi_desktop.domain.enums import MeetingKind
    from jianshi_desktop.domain.periods import parse_period
    from jianshi_desktop.services import documents, meetings, reports
    from jianshi_desktop.services.meetings import AgendaEntry

    folder = tmp_path_factory.mktemp("finished")
    assert run("--data-dir", str(folder), "--demo", "selftest").returncode == 0
    period = parse_period("2026Q3")
    with opened(folder):
        draft = documents.report_draft(period)
        draft.sections[1].text = "坚持每月固定主题党日。"
        draft.sections[3].text = "继续抓好“三会一课”。"
        basics = draft.sections[0].text
        reports.finish_report(period, draft)
        form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=date(2026, 9, 29))
        form.place, form.starts_at, form.ends_at = "学校会议室", "15:30", "16:40"
        form.recorder_id = form.chair_id
        form.agenda = [AgendaEntry("研究党建工作")]
        MEETING.finish(form)

    done = run("--data-dir", str(folder), "render", "report", "--period", "2026Q3",
               "--out", str(tmp_path / "final"), "--format", "docx", "--json")  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["finished"] and result["finished_on"] == date.today().isoformat()
    assert result["figures_changed"] is True
    (docx,) = [Path(f) for f in result["files"]]
    from docx import Document as open_docx

    text = "".join(p.text for p in open_docx(str(docx)).paragraphs)
    assert basics in text and "坚持每月固定主题党日" in text

    said = run("--data-dir", str(folder), "render", "report", "--period", "2026Q3",
               "--out", str(tmp_path / "final"), "--format", "pdf")  # fmt: skip
    assert said.returncode == 0 and "定稿" in said.stdout and "定稿后记录有变动" in said.stdout

    today = run("--data-dir", str(folder), "render", "report", "--period", "2026Q3", "--draft",
                "--out", str(tmp_path / "today"), "--format", "docx", "--json")  # fmt: skip
    assert today.returncode == 0, today.stderr
    (fresh,) = [Path(f) for f in json.loads(today.stdout)["files"]]
    fresh_text = "".join(p.text for p in open_docx(str(fresh)).paragraphs)
    assert basics not in fresh_text, "today's figures count the meeting recorded since"
    assert "坚持每月固定主题党日" in fresh_text, "with her own words"


def run_from_a_stick(
    exe: Path, env: dict[str, str], *args: str
) -> subprocess.CompletedProcess[str]:
    """The program as PyInstaller bundles it, run from ``exe``'s folder (a USB stick)."""
    script = (
        f"import sys; sys.frozen = True; sys.executable = {str(exe)!r}; "
        f"sys.path.insert(0, {str(ROOT)!r}); "
        "from jianshi_desktop.app import main; sys.exit(main(sys.argv[1:]))"
    )
    return run_python("-c", script, "--no-crash-dialog", *args, env=env, timeout=180)


def test_a_portable_program_leaves_no_font_cache_on_the_host(tmp_path: Path) -> None:
    """The font search's cache goes with the data beside the program — with portable.txt,
    and with ``--portable`` alone — never into the host PC's user cache folder."""
    stick = tmp_path / "E" / "JianshiBranchDesk-portable"
    stick.mkdir(parents=True)
    exe = stick / "JianshiBranchDesk.exe"
    exe.write_bytes(b"MZ")
    (stick / "portable.txt").write_text("便携模式", encoding="utf-8")
    home = tmp_path / "host"
    env = program_env(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"))
    assert run_from_a_stick(exe, env, "--demo", "selftest").returncode == 0
    data = stick / "data"
    assert list(data.rglob("fonts.json")) == [data / "demo" / "cache" / "fonts.json"]
    (data / "demo" / "cache" / "fonts.json").unlink()

    (stick / "portable.txt").unlink()  # --portable alone: as the program chose its folder
    out = tmp_path / "out"
    done = run_from_a_stick(
        exe, env, "--portable", "--demo", "render", "roster", "--format", "pdf",
        "--out", str(out), "--json",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ok"] is True
    assert (data / "demo" / "cache" / "fonts.json").is_file()
    assert not home.exists() or not list(home.rglob("fonts.json"))
