"""Crash trials for saving: ``main.py roster import`` and the saving of meeting records,
killed at random moments, must leave a sound database in which each import and each
meeting is there completely or not at all.

Run from the project folder: ``python bench/bench_crash_import.py [--kills N] [--seed S]``.
Two data folders are made in a temporary folder: one with a branch for the roster imports,
one with the demo branch for the meetings. Every trial — alternately an import of a fresh
roster (new members, so that it changes the count) and a run of a small script that
finishes committee meetings through the services one after another (``--save-meetings``,
no command line in between) — is killed (SIGKILL / TerminateProcess) at a random moment of
its run. After each kill:

* ``PRAGMA integrity_check`` says ok;
* the import is all or nothing: the member count is the one before or the one after the
  whole roster, never between; every saved meeting has its resolution and audit row, and
  there are as many as the script reported saved (or one more: saved, not yet reported);
* the program starts on the folder (``main.py --quit-after 0`` prints JIANSHI-READY,
  offscreen) — a killed program leaves no lock behind that would stop it;
* no file in the system temp folder holds a name or ID number of the rosters (every
  process of the trials gets its own "system temp folder", ``TMPDIR``/``TEMP``/``TMP``, so
  that what it leaves there is found, and other programs' files are not in the way).

Prints a summary; exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

ROWS = 400  # members in one roster: enough that the import takes a while
HEADERS = ("序号", "姓名", "性别", "民族", "出生日期", "身份证号码", "学历", "工作岗位",
           "联系电话", "入党时间", "转正时间", "人员类别", "所在党小组", "备注")  # fmt: skip
SURNAMES = "覃谭向田冉龚彭舒邓蒲"
GIVEN = "漪翎淼瑄琦珂玥璇涵婕钰瑶岚婧蕾霏湘沅澧溆"
READY = "JIANSHI-READY"


@dataclass
class Tally:
    kills: int = 0
    finished_first: int = 0
    imports_applied: int = 0
    imports_absent: int = 0
    meetings_saved: int = 0
    starts: int = 0
    failures: list[str] = field(default_factory=list)


_TEMP: list[Path] = []  # the trials' system temp folder, once made


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("JIANSHI_DATA_DIR", None)
    if _TEMP:
        env.update(TMPDIR=str(_TEMP[0]), TEMP=str(_TEMP[0]), TMP=str(_TEMP[0]))
    return env


def _main(data: Path, *args: str) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--no-crash-dialog", "--data-dir", str(data),
            *args]  # fmt: skip


# ---------------------------------------------------------------------------- set-up


def _person(index: int, chance: random.Random) -> list[object]:
    from jianshi_desktop.domain.idcard import check_char

    birth = dt.date(1965, 1, 1) + dt.timedelta(days=index)
    male = index % 2 == 1
    first17 = f"422822{birth:%Y%m%d}{index % 100:02d}{(index % 5) * 2 + male}"
    joined = dt.datetime(birth.year + 25, 7, 1)
    name = chance.choice(SURNAMES) + chance.choice(GIVEN) + chance.choice(GIVEN)
    return [index, name, "男" if male else "女", "土家族", dt.datetime(birth.year, birth.month,
            birth.day), first17 + check_char(first17), "大学本科", "教师", f"139{index:08d}",
            joined, joined.replace(year=joined.year + 1), "正式党员", "第一党小组", ""]  # fmt: skip


def _roster(path: Path, first: int, chance: random.Random) -> list[str]:
    """A roster of :data:`ROWS` new members; their names and ID numbers (to look for)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "党员花名册"
    sheet.append(list(HEADERS))
    secrets: list[str] = []
    for index in range(first, first + ROWS):
        row = _person(index, chance)
        sheet.append(row)
        secrets += [str(row[1]), str(row[5])]
    workbook.save(path)
    return secrets


def _make_folders(base: Path) -> tuple[Path, Path]:
    from jianshi_desktop.services import demo
    from jianshi_desktop.services.branch import BranchDraft, create_branch
    from jianshi_desktop.services.store import open_store

    imports, meetings = base / "data-import", base / "data-meetings"
    store = open_store(imports, log_to_file=False)
    try:
        create_branch(
            BranchDraft(name="中共建始县某某小学支部委员会", founded_on=dt.date(2010, 9, 1))
        )
    finally:
        store.close()
    store = open_store(meetings, log_to_file=False)
    try:
        demo.fill_demo(today=dt.date.today(), with_records=False)
    finally:
        store.close()
    return imports, meetings


# -------------------------------------------------------- the meeting-saving script


def save_meetings(data: Path, start: int, count: int) -> int:
    """Finish committee meetings through the services, one after another, printing
    ``saved N`` after each (what a secretary does, without the window)."""
    from jianshi_desktop.domain.enums import MeetingKind
    from jianshi_desktop.services import meetings
    from jianshi_desktop.services.meetings import AgendaEntry, ResolutionEntry, SpeechEntry
    from jianshi_desktop.services.record_kinds import MEETING
    from jianshi_desktop.services.store import open_store

    store = open_store(data, log_to_file=False)
    try:
        for number in range(start, start + count):
            on = dt.date.today() - dt.timedelta(days=number + 1)
            form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=on)
            form.place = "学校会议室"
            form.starts_at, form.ends_at = "15:30", "16:40"
            form.agenda = [AgendaEntry("研究本月党建工作", speeches=[
                SpeechEntry(form.chair_id, "", "通报上月工作，安排本月主题党日。")])]  # fmt: skip
            form.resolutions = [ResolutionEntry(f"第{number}次：到敬老院开展志愿服务", 0, 4, 0, 0)]
            form.recorder_id = form.chair_id
            MEETING.finish(form)
            print(f"saved {number}", flush=True)
    finally:
        store.close()
    return 0


# ---------------------------------------------------------------------------- checks


def _query(data: Path, sql: str) -> list[tuple[object, ...]]:
    uri = f"{(data / 'jianshi.sqlite3').resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _integrity(data: Path, tally: Tally, trial: str) -> None:
    result = _query(data, "PRAGMA integrity_check")
    if result != [("ok",)]:
        tally.failures.append(f"{trial}: integrity_check: {result[:3]}")


def _members(data: Path) -> int:
    return int(_query(data, "SELECT count(*) FROM member")[0][0])  # type: ignore[call-overload]


def _meetings_sound(data: Path, tally: Tally, trial: str) -> int:
    count = int(_query(data, "SELECT count(*) FROM meeting")[0][0])  # type: ignore[call-overload]
    audited = _query(data, "SELECT count(*) FROM audit_log WHERE action = 'finish_meeting'")
    bare = _query(data, "SELECT count(*) FROM meeting m WHERE NOT EXISTS "
                  "(SELECT 1 FROM resolution r WHERE r.meeting_id = m.id)")  # fmt: skip
    if audited[0][0] != count:
        tally.failures.append(f"{trial}: {count} meetings but {audited[0][0]} audit rows")
    if bare[0][0]:
        tally.failures.append(f"{trial}: {bare[0][0]} meetings without their resolution")
    return count


def _starts(data: Path, tally: Tally, trial: str) -> None:
    done = subprocess.run(_main(data, "--quit-after", "0"), capture_output=True, text=True,
                          encoding="utf-8", env=_env(), timeout=120, check=False)  # fmt: skip
    if done.returncode != 0 or READY not in done.stdout:
        tally.failures.append(
            f"{trial}: the program did not start ({done.returncode}): {done.stderr[-300:]}"
        )
    else:
        tally.starts += 1


def _leaks(temp: Path, secrets: list[str]) -> list[str]:
    """Files in the trials' system temp folder that hold a roster name or ID number."""
    wanted = [s.encode("utf-8") for s in secrets] + [s.encode("utf-16-le") for s in secrets]
    leaked: list[str] = []
    for path in temp.rglob("*"):
        try:
            if not path.is_file():
                continue
            content = path.read_bytes()
        except OSError:
            continue
        if any(w in content for w in wanted):
            leaked.append(str(path.relative_to(temp)))
    return leaked


# ---------------------------------------------------------------------------- trials


def _timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8",
                          env=_env(), check=False)  # fmt: skip
    return time.perf_counter() - started, done


def _kill_after(command: list[str], delay: float) -> tuple[bool, str]:
    """Run ``command``, kill it after ``delay`` s; (killed, what it printed)."""
    with tempfile.TemporaryFile(dir=_TEMP[0] if _TEMP else None) as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=_env())
        try:
            process.wait(timeout=delay)
            killed = False
        except subprocess.TimeoutExpired:
            process.kill()  # only the process started here, by its handle
            process.wait()
            killed = True
        sink.seek(0)
        return killed, sink.read().decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="how many runs to kill")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--save-meetings", metavar="DATA", help=argparse.SUPPRESS)
    parser.add_argument("--start", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, default=100_000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.save_meetings:
        return save_meetings(Path(args.save_meetings), args.start, args.count)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    chance = random.Random(seed)
    tally = Tally()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jianshi-crash-import-") as scratch:
        base = Path(scratch).resolve()
        imports, meetings = _make_folders(base)
        _TEMP[:] = [base / "system-temp"]
        _TEMP[0].mkdir()
        secrets: list[str] = []
        rosters: list[Path] = []
        for number in range(args.kills // 2 + 2):
            rosters.append(base / f"花名册{number:02d}.xlsx")
            secrets += _roster(rosters[-1], 1 + number * ROWS, chance)
        # a whole import and a whole run of saving: how long they take, and "data before"
        import_time, done = _timed(_main(imports, "roster", "import", str(rosters[0])))
        if done.returncode != 0 or _members(imports) != ROWS:
            print(f"NOT OK: the first import failed: {done.stdout[-300:]}{done.stderr[-300:]}")
            return 1
        save = [sys.executable, str(Path(__file__).resolve()), "--save-meetings", str(meetings)]
        saved_before = _meetings_sound(meetings, tally, "before")
        started = time.perf_counter()
        _, printed = _kill_after([*save, "--start", "0", "--count", "30"], 60.0)
        save_time = time.perf_counter() - started
        next_meeting = printed.count("saved ")
        if next_meeting != 30:
            print(f"NOT OK: saving meetings failed: {printed[-300:]}")
            return 1
        print(f"crash trials: {args.kills} kills, seed {seed}; a roster import of {ROWS} takes "
              f"{import_time:.1f} s; saving meetings for {save_time:.1f} s saved "
              f"{next_meeting}")  # fmt: skip
        roster_index = 1
        for number in range(args.kills):
            if number % 2 == 0:  # ---------------------------------- a roster import
                trial = f"kill {number + 1} (import {rosters[roster_index].name})"
                before = _members(imports)
                # anywhere in the run, or — every other time — around its end, where the
                # rows are written and committed
                share = chance.uniform(0.3, 1.0) if number % 4 == 0 else chance.uniform(0.85, 1.2)
                delay = share * import_time
                killed, _ = _kill_after(
                    _main(imports, "roster", "import", str(rosters[roster_index])), delay
                )
                roster_index += 1
                _integrity(imports, tally, trial)
                after = _members(imports)
                if after == before + ROWS:
                    tally.imports_applied += 1
                elif after == before:
                    tally.imports_absent += 1
                else:
                    tally.failures.append(f"{trial}: {after - before} of {ROWS} members saved")
                data = imports
            else:  # ------------------------------------------- meetings being saved
                delay = chance.uniform(0.3, 1.0) * save_time
                trial = f"kill {number + 1} (saving meetings)"
                before_count = _meetings_sound(meetings, tally, trial + " before")
                killed, printed = _kill_after([*save, "--start", str(next_meeting)], delay)
                reported = printed.count("saved ")
                _integrity(meetings, tally, trial)
                count = _meetings_sound(meetings, tally, trial)
                if count - before_count not in (reported, reported + 1):
                    tally.failures.append(
                        f"{trial}: {count - before_count} meetings saved, {reported} reported"
                    )
                next_meeting += count - before_count
                tally.meetings_saved += count - before_count
                data = meetings
            trial += f" at {delay:.2f} s"
            tally.kills += killed
            tally.finished_first += not killed
            _starts(data, tally, trial)
            leaked = _leaks(_TEMP[0], secrets)
            if leaked:
                tally.failures.append(f"{trial}: member data in the system temp folder: {leaked}")
        saved_after = _meetings_sound(meetings, tally, "after")
    print(
        f"  killed {tally.kills}, finished before the kill {tally.finished_first}; imports "
        f"kept whole {tally.imports_applied}×, absent whole {tally.imports_absent}×; "
        f"{saved_after - saved_before} meetings saved, each complete; "
        f"the program started {tally.starts}×"
    )
    print(f"  {time.perf_counter() - began:.1f} s in all")
    if tally.failures:
        print(f"NOT OK: {len(tally.failures)} problem(s):")
        for failure in tally.failures:
            print(f"  ✗ {failure}")
        return 1
    print("OK: database sound after every kill, imports and meetings all or nothing, "
          "the program starts, no member data in the system temp folder")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
