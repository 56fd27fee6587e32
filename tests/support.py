"""Helpers the test modules share (no Qt here: the command-line and unit tests use them too).

- Starting the program as a user starts it: ``main.py`` (or a Python snippet) in its own
  process, with Qt offscreen, output in UTF-8 and no data folder taken from the caller's
  environment.
- Data folders as the first start leaves them: the branch set up (or the demo filled),
  optionally with a 启动密码, and the database closed again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from jianshi_desktop import logs
from jianshi_desktop.services import members
from jianshi_desktop.services.branch import BranchDraft, create_branch
from jianshi_desktop.services.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
MAIN_PY = ROOT / "main.py"
TEST_DATA = ROOT / "tests" / "data"
ROSTER_SAMPLE = TEST_DATA / "roster-sample.xlsx"

BRANCH_NAME = "中共建始县业州镇民族实验小学支部委员会"
BRANCH_FOUNDED = dt.date(1998, 9, 10)

# --- the program in its own process -----------------------------------------------------------


def program_env(**extra: str) -> dict[str, str]:
    """The environment a started program gets: this one, Qt offscreen, UTF-8 output, no
    ``JIANSHI_DATA_DIR``; then ``extra``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("JIANSHI_DATA_DIR", None)
    env.update(extra)
    return env


def main_command(*args: str, as_typed: bool = False) -> list[str]:
    """``python main.py --no-crash-dialog ARGS``; with ``as_typed`` the arguments alone, as a
    user types them (a crash then tries to show its message box)."""
    flags = () if as_typed else ("--no-crash-dialog",)
    return [sys.executable, str(MAIN_PY), *flags, *args]


def run_python(
    *args: str,
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    cwd: Path = ROOT,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` run to its end (no terminal: stdin is empty), its output captured as
    text; ``env`` defaults to :func:`program_env`."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=program_env() if env is None else env,
        stdin=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def run_main(
    *args: str,
    as_typed: bool = False,
    env: dict[str, str] | None = None,
    stdin: int | None = subprocess.DEVNULL,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """``main.py ARGS`` run to its end as :func:`run_python` runs a script (see
    :func:`main_command` for ``as_typed``)."""
    command = main_command(*args, as_typed=as_typed)
    return run_python(*command[1:], env=env, stdin=stdin, timeout=timeout)


def start_python(*args: str, stderr: int | None = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """``python ARGS`` started and left running, its output readable line by line from
    ``stdout`` (the caller ends it and closes ``stdout``)."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env=program_env(),
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
        encoding="utf-8",
    )


def start_main(*args: str, stderr: int | None = subprocess.DEVNULL) -> subprocess.Popen[str]:
    """``main.py --no-crash-dialog ARGS`` started as :func:`start_python` starts a script."""
    return start_python(*main_command(*args)[1:], stderr=stderr)


# --- data folders -------------------------------------------------------------------------------


def branch_draft(name: str = BRANCH_NAME) -> BranchDraft:
    """The branch the tests set up, as a secretary enters it at the first start."""
    return BranchDraft(
        name=name, founded_on=BRANCH_FOUNDED, has_committee=True, theme_day_of_month=10
    )


@contextmanager
def opened(root: Path) -> Iterator[Store]:
    """The data folder ``root`` opened (created when new) and closed again afterwards."""
    store = open_store(root, log_to_file=False)
    try:
        yield store
    finally:
        store.close()


def make_branch_folder(root: Path, *, password: str | None = None) -> Path:
    """``root`` as the first start leaves it: the branch set up, with ``password`` as its
    启动密码 when given; closed again, as for a program started on it."""
    from jianshi_desktop.services import app_lock

    with opened(root):
        create_branch(branch_draft())
        if password is not None:
            app_lock.set_password(password)
    return root


def make_demo_folder(root: Path, *, today: dt.date) -> Path:
    """``root`` with the demo filled as on ``today``; closed again."""
    from jianshi_desktop.services import demo

    with opened(root):
        demo.fill_demo(today=today)
    return root


def detach_log_file() -> None:
    """Stop logging to the log file a test's data folder got (the program itself keeps
    its log file open until it exits), so that the next test starts without one."""
    handler = logs._file_handler
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
        logs._file_handler = None


def move_to_group(member_id: int, group_name: str) -> None:
    """Move a member to another 党小组 ("": none) today, as the member dialog does."""
    fields = members.get_member_fields(member_id)
    members.update_member(member_id, dataclasses.replace(fields, party_group=group_name))
