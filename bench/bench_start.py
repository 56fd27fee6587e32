"""Benchmark: start-up of the main window beside a bare PySide6 window, on ten years of an
invented 60-member branch.

Targets (issue 10): the whole process, from start until the main window shows its first
page and the event loop runs, within 1.5× a bare PySide6 window (a QMainWindow with one
label) started the same way; peak memory (the process's own maximum resident set size)
within 2× the bare window's; the first visit to each other page within 100 ms.

How it measures:

- The data folder is made in a temporary folder through the services, as the secretary
  would: the branch (founded ten years ago, with a committee), three party groups,
  60 members, a committee term every three years, and ten years of records up to today —
  monthly committee and group meetings and theme days, quarterly general assemblies and
  lectures, talks every month. Made once per run (about a minute), or kept with
  ``--data DIR`` and reused by the next run with the same ``--data``.
- Start-up: the app (``main.py --data-dir DIR --no-crash-dialog --quit-after 0``) and the
  bare window are started alternately, one pair after another, each a fresh process;
  the time is from starting the process until it prints its ready line (both print it
  at the first turn of the event loop after the window is shown). Peak memory is the
  child's own ``ru_maxrss`` from ``os.wait4`` (that process only, not the bench).
  One warm-up pair is not counted. Like an installed program, the children may keep
  compiled bytecode (in a temporary folder, not in the source tree).
- First visit: for each page, a fresh process builds the window on the same data, shows
  it, then times opening the page (building it, reading its data, painting it). The target
  is judged as a secretary meets it: the page clicked a second after the window shows,
  while the app has read the other pages' code in the background as it does
  (``gui/preload.py``). The time when clicked at once, before that, is printed beside it.

For context it also starts, in the same rotation, the *floor*: the bare window plus what
any window of this stack needs before it can show one fact from the database (Qt's ``Qt``
namespace, peewee with our models, one query). The main window cannot beat the floor
unless its first page is read without the ORM.

Run from the project folder (Linux or macOS; offscreen when there is no display):
``python bench/bench_start.py [--pairs 9] [--data DIR]``. Exits 0 whatever the figures:
a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TIME_RATIO_TARGET = 1.5
TIME_RATIO_AIM = 1.3
MEMORY_RATIO_TARGET = 2.0
FIRST_VISIT_TARGET_MS = 100.0
APP_READY = "JIANSHI-READY"
BARE_READY = "BARE-READY"
YEARS = 10
USER_WAIT_S = 1.0  # the first click on another page, a second after the window shows
MEMBERS = 60

BARE_WINDOW = f"""
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

app = QApplication([])
window = QMainWindow()
window.setCentralWidget(QLabel("建始支部工作台账"))
window.resize(1200, 700)
window.show()

def ready():
    print({BARE_READY!r}, flush=True)
    QTimer.singleShot(0, window.close)

QTimer.singleShot(0, ready)
app.exec()
"""

# The floor for any window of this stack that shows one fact from the branch's database:
# the bare window, plus Qt's ``Qt`` namespace (its ~100 enums are made on first use; every
# real window uses them), the ORM with our models, and one query. Printed for context: the
# main window cannot start faster than this without leaving peewee off its first page.
FLOOR_WINDOW = f"""
import sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from jianshi_desktop.db.database import open_database
from jianshi_desktop.db.models import Branch

app = QApplication([])
window = QMainWindow()
Qt.AlignmentFlag
database = open_database(__import__("pathlib").Path(sys.argv[1]))
branch = Branch.select().first()
window.setCentralWidget(QLabel(branch.name if branch else "建始支部工作台账"))
window.resize(1200, 700)
window.show()

def ready():
    print({BARE_READY!r}, flush=True)
    QTimer.singleShot(0, window.close)

QTimer.singleShot(0, ready)
app.exec()
"""

# One page's first visit, in a fresh process: the window as the user gets it, then the page.
FIRST_VISIT = """
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from jianshi_desktop.gui.app import PRELOAD_AFTER_MS, create_application
from jianshi_desktop.gui.common.workers import finish_running
from jianshi_desktop.gui.main_window import MainWindow
from jianshi_desktop.gui.preload import preload_in_background
from jianshi_desktop.services.store import open_store

app = create_application()
store = open_store(Path(sys.argv[1]), log_to_file=False)
window = MainWindow(store)
window.show()
for _ in range(3):
    app.processEvents()
wait = float(sys.argv[3])
if wait:  # as run_gui does: the other pages' code is read while the first page shows
    QTimer.singleShot(PRELOAD_AFTER_MS, preload_in_background)
    until = time.perf_counter() + wait
    while time.perf_counter() < until:
        app.processEvents()
        time.sleep(0.01)
began = time.perf_counter()
window.show_area(sys.argv[2])
window.repaint()
app.processEvents()
took = (time.perf_counter() - began) * 1000
print(json.dumps({"ms": took}), flush=True)
window.close()
finish_running()  # as run_gui does: no page's background read outlives the database
store.close()
"""

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "晓明丽华建国秀英志强军平红梅玉兰文静海燕春雪芳娟敏勇俊杰涛斌"


# --- the data: ten years of a 60-member branch, made through the services ---------------


def make_branch(root: Path, *, today: dt.date, years: int = YEARS, members: int = MEMBERS) -> None:
    from jianshi_desktop.domain.dates import add_months
    from jianshi_desktop.domain.enums import Gender, HeartTalkKind, MeetingKind, MemberStatus
    from jianshi_desktop.domain.idcard import check_char
    from jianshi_desktop.domain.members import MemberFields
    from jianshi_desktop.domain.procedures import TAG_IDEOLOGY, TAG_PARTY_BUILDING
    from jianshi_desktop.services import heart_talks, meetings, organization, theme_days
    from jianshi_desktop.services import members as member_service
    from jianshi_desktop.services.branch import BranchDraft, create_branch
    from jianshi_desktop.services.meetings import AgendaEntry, ResolutionEntry
    from jianshi_desktop.services.record_kinds import HEART_TALK, MEETING, THEME_DAY
    from jianshi_desktop.services.store import open_store

    rng = random.Random(10)
    store = open_store(root, log_to_file=False)
    start = dt.date(today.year - years, today.month, 1)
    create_branch(
        BranchDraft(
            name="中共建始县某某中学支部委员会",
            founded_on=start - dt.timedelta(days=30),
            has_committee=True,
            theme_day_of_month=15,
        )
    )
    group_names = ("第一党小组", "第二党小组", "第三党小组")
    for name in group_names:
        organization.create_group(name)
    ids: list[int] = []
    for n in range(members):
        birth = dt.date(1962, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 18))
        male = rng.random() < 0.5
        first17 = f"422822{birth:%Y%m%d}{n % 100:02d}{(n % 5) * 2 + int(male)}"
        joined = start - dt.timedelta(days=rng.randrange(400, 365 * 15))
        ids.append(
            member_service.add_member(
                MemberFields(
                    name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(["", *GIVEN]),
                    id_number=first17 + check_char(first17),
                    gender=Gender.MALE if male else Gender.FEMALE,
                    ethnicity=rng.choice(["汉族", "土家族", "苗族"]),
                    birth_date=birth,
                    education=rng.choice(["大学本科", "大学专科", "研究生"]),
                    position=rng.choice(["教师", "班主任", "教务主任", "后勤"]),
                    phone=f"1{rng.choice('3589')}{rng.randrange(10**9):09d}",
                    joined_on=joined,
                    full_member_on=joined.replace(year=joined.year + 1),
                    status=MemberStatus.FULL,
                    party_group=group_names[n % len(group_names)],
                ),
                today=start,
            )
        )
    groups = organization.list_groups()
    for n, group in enumerate(groups):
        organization.set_group_leader(group.id, ids[10 + n])
    for elected in range(0, years + 1, 3):
        elected_on = add_months(start, 12 * elected)
        if elected_on > today:
            break
        organization.elect_committee(
            elected_on=elected_on,
            posts={
                kind: ids[(elected + n) % 10] for n, kind in enumerate(organization.STANDARD_POSTS)
            },
            today=today,
        )

    def finish(form: meetings.MeetingForm) -> int:
        form.place = "学校会议室"
        form.starts_at, form.ends_at = "16:00", "17:10"
        form.recorder_id = form.attendance[-1].member_id if form.attendance else form.chair_id
        return MEETING.finish(form, today=form.held_on + dt.timedelta(days=1))

    month = start
    while month <= today:
        day = month.replace(day=5)
        if day < today:
            form = meetings.new_meeting_form(MeetingKind.COMMITTEE, on=day)
            form.agenda = [AgendaEntry("研究本月党建工作安排"), AgendaEntry("研究发展党员工作")]
            form.tags = [TAG_PARTY_BUILDING] if month.month in (3, 9) else []
            if month.month in (6, 12):
                form.tags = [TAG_IDEOLOGY]
            voters = form.headcount().voters_present
            form.resolutions = [ResolutionEntry("同意本月主题党日活动方案", 1, voters, 0, 0)]
            finish(form)
        for group in groups:
            day = month.replace(day=10)
            if day < today:
                form = meetings.new_meeting_form(MeetingKind.GROUP, on=day, party_group_id=group.id)
                form.agenda = [AgendaEntry("学习上级文件精神，交流学习体会")]
                finish(form)
        day = month.replace(day=15)
        if day < today:
            assembly_id = None
            if month.month % 3 == 0:
                form = meetings.new_meeting_form(MeetingKind.GENERAL_ASSEMBLY, on=day)
                form.agenda = [AgendaEntry("传达学习上级会议精神"), AgendaEntry("通报党建工作")]
                form.tags = [TAG_PARTY_BUILDING]
                assembly_id = finish(form)
                lecture = meetings.new_meeting_form(MeetingKind.LECTURE, on=day)
                lecture.title, lecture.duration_minutes = "学习党章，做合格党员", 60
                finish(lecture)
            theme = theme_days.new_theme_day_form(on=day)
            theme.theme, theme.place = "重温入党誓词，牢记初心使命", "学校会议室"
            theme.required_items = ["重温入党誓词", "交纳党费"]
            if assembly_id is not None:
                theme.meeting_id, theme.attendance = assembly_id, []
            THEME_DAY.finish(theme, today=day + dt.timedelta(days=1))
        committee = meetings.committee_member_ids(month)
        for n in range(6):  # 70-odd talks a year: every member talked with once or more
            day = month.replace(day=20 + n)
            if day >= today or not committee:
                continue
            talker = committee[n % len(committee)]
            talkee = rng.choice([i for i in ids if i != talker])
            kind = (
                HeartTalkKind.COMMITTEE_PEERS
                if talkee in committee
                else HeartTalkKind.COMMITTEE_MEMBER
            )
            talk = heart_talks.new_heart_talk_form(on=day, kind=kind)
            talk.talker_id, talk.talkee_id, talk.place = talker, talkee, "校长室"
            talk.topic, talk.talker_said = "思想和工作情况交流", "肯定了近期工作。"
            talk.talkee_said = "表示认同，会加强学习。"
            HEART_TALK.finish(talk, today=day)
        month = add_months(month, 1)
    store.close()


def describe(root: Path) -> str:
    import sqlite3

    with sqlite3.connect(root / "jianshi.sqlite3") as db:
        count = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("member", "meeting", "theme_day", "heart_talk")
        }
    return (
        f"{count['member']} members, {count['meeting']} meetings, "
        f"{count['theme_day']} theme days, {count['heart_talk']} talks"
    )


# --- measuring -------------------------------------------------------------------------


def child_env(pycache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its bytecode
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env["PYTHONPATH"] = str(ROOT)
    return env


def run_once(command: list[str], ready: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds until ``ready`` is printed, and the process's peak memory in MB."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    took: float | None = None
    for line in process.stdout:
        if line.strip() == ready:
            took = time.perf_counter() - began
            break
    process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, nobody else's
    process.returncode = os.waitstatus_to_exitcode(status)
    if took is None or process.returncode != 0:
        raise RuntimeError(f"{command[1:3]} ended with {process.returncode} before ready")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KB
    return took, usage.ru_maxrss * scale / (1 << 20)


def first_visit_ms(data: Path, key: str, env: dict[str, str], *, wait_s: float) -> float:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_VISIT, str(data), key, str(wait_s)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(result.stdout.strip().splitlines()[-1])["ms"])


def verdict(ok: bool) -> str:
    return "OK" if ok else "NOT OK"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=9, help="alternating starts (at least 7)")
    parser.add_argument("--data", type=Path, help="keep the data folder here and reuse it")
    parser.add_argument("--visits", type=int, default=3, help="fresh processes per page")
    args = parser.parse_args()
    pairs = max(args.pairs, 7)
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch) / "data"
        if not (data / "jianshi.sqlite3").exists():
            began = time.perf_counter()
            make_branch(data, today=dt.date.today())
            print(f"data made through the services in {time.perf_counter() - began:.0f} s")
        print(f"data: {YEARS} years, {describe(data)}")
        env = child_env(Path(scratch) / "pycache")
        app = [sys.executable, "main.py", "--data-dir", str(data), "--no-crash-dialog"]
        app += ["--quit-after", "0"]
        bare = [sys.executable, "-c", BARE_WINDOW]
        floor = [sys.executable, "-c", FLOOR_WINDOW, str(data / "jianshi.sqlite3")]
        run_once(app, APP_READY, env)  # warm-up: bytecode, the disk cache
        run_once(bare, BARE_READY, env)
        run_once(floor, BARE_READY, env)
        app_runs, bare_runs, floor_runs = [], [], []
        for _ in range(pairs):
            app_runs.append(run_once(app, APP_READY, env))
            bare_runs.append(run_once(bare, BARE_READY, env))
            floor_runs.append(run_once(floor, BARE_READY, env))

        from jianshi_desktop.gui.main_window import AREAS

        visits = {
            area.key: statistics.median(
                first_visit_ms(data, area.key, env, wait_s=USER_WAIT_S) for _ in range(args.visits)
            )
            for area in AREAS[1:]
        }
        at_once = {
            area.key: statistics.median(
                first_visit_ms(data, area.key, env, wait_s=0) for _ in range(args.visits)
            )
            for area in AREAS[1:]
        }

    app_s = statistics.median(t for t, _ in app_runs)
    bare_s = statistics.median(t for t, _ in bare_runs)
    floor_s = statistics.median(t for t, _ in floor_runs)
    app_mb = statistics.median(m for _, m in app_runs)
    bare_mb = statistics.median(m for _, m in bare_runs)
    ratio, memory_ratio = app_s / bare_s, app_mb / bare_mb
    print(f"start-up, median of {pairs} alternating pairs (fresh processes):")
    print(f"  bare PySide6 window  {bare_s * 1000:6.0f} ms  {bare_mb:5.0f} MB peak")
    print(f"  main window          {app_s * 1000:6.0f} ms  {app_mb:5.0f} MB peak")
    print(
        f"  floor: bare + Qt enums + peewee, our models, one query  {floor_s * 1000:6.0f} ms "
        f"= {floor_s / bare_s:.2f}× the bare window (no page of ours can beat it)"
    )
    ok = ratio <= TIME_RATIO_TARGET
    print(
        f"time = {ratio:.2f}× the bare window — 目标 / target ≤ {TIME_RATIO_TARGET}× "
        f"(aim {TIME_RATIO_AIM}×): {verdict(ok)}"
    )
    ok = memory_ratio <= MEMORY_RATIO_TARGET
    print(
        f"peak memory = {memory_ratio:.2f}× the bare window — 目标 / target ≤ "
        f"{MEMORY_RATIO_TARGET:.0f}×: {verdict(ok)}"
    )
    print(
        f"first visit of each page, median of {args.visits} fresh processes, clicked "
        f"{USER_WAIT_S:.0f} s after the window shows (and, for comparison, at once):"
    )
    for key, ms in visits.items():
        target = f"目标 / target ≤ {FIRST_VISIT_TARGET_MS:.0f} ms"
        print(
            f"  {key:<13} {ms:6.1f} ms — {target}: {verdict(ms <= FIRST_VISIT_TARGET_MS)}"
            f"   (at once: {at_once[key]:.1f} ms)"
        )


if __name__ == "__main__":
    main()
