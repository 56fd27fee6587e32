"""Benchmark: verifying a 1 GB submission package, plain and password-protected.

Targets (issue 12): a 1 GB package verified within 30 s on this machine class, with the
verifying process's peak memory at most 150 MB whatever the package's size.

How it measures: a temporary data folder with the demo branch gets attachments of 100 MB
each (bytes that do not compress, like photos and videos) up to the size asked for; the
year's package is exported through the app (once plain, once with a password). Each
package is then verified in a fresh process (``main.py package verify``, as the county
runs it), timed from start to exit, with that process's own peak resident memory
(``ru_maxrss`` from ``os.wait4``): the figures include Python and the app's start.

Run from the project folder (Linux or macOS): ``python bench/bench_verify.py [--gb 1.0]``.
Needs about three times the size in free disk space. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TIME_TARGET_S = 30.0
MEMORY_TARGET_MB = 150.0
PIECE_MB = 100
PASSWORD = "bench-verify-2026"


def _fill(data_root: Path, total_mb: int, scratch: Path) -> None:
    from jianshi_desktop.db.models import Attachment, Meeting
    from jianshi_desktop.services import demo
    from jianshi_desktop.services.attachments import store_file
    from jianshi_desktop.services.store import open_store

    store = open_store(data_root, log_to_file=False)
    demo.fill_demo(today=dt.date.today())
    meetings = list(Meeting.select().where(Meeting.state != "draft"))
    for n in range(max(1, total_mb // PIECE_MB)):
        piece = scratch / f"活动视频{n:02d}.jpg"
        with piece.open("wb") as out:
            out.write(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
            for _ in range(PIECE_MB):
                out.write(os.urandom(1 << 20))
        stored = store_file(store.data.attachments, piece)
        piece.unlink()
        Attachment.create(
            sha256=stored.sha256, size=stored.size, file_name=stored.file_name,
            media_type="image/jpeg", kind="photo", meeting=meetings[n % len(meetings)],
        )  # fmt: skip
    store.close()


def _export(data_root: Path, stick: Path, password_file: Path | None) -> Path:
    """The year's package through ``main.py package export`` (another process: this one
    stays small, so that a child's peak memory is its own — a forked child starts with
    the parent's resident size)."""
    command = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_root)]
    command += ["--no-crash-dialog", "package", "export", "--period", str(dt.date.today().year)]
    command += ["--out", str(stick)]
    if password_file is not None:
        command += ["--password-file", str(password_file)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(command, env=env, check=True, capture_output=True)
    return next(stick.iterdir())


def _verify(data_root: Path, package: Path, password_file: Path | None) -> tuple[float, float]:
    """Seconds and peak MB of ``main.py package verify`` in a fresh process."""
    command = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_root)]
    command += ["--no-crash-dialog", "package", "verify", str(package)]
    if password_file is not None:
        command += ["--password-file", str(password_file)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryFile() as output:
        began = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak, nobody else's
        took = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            raise RuntimeError(f"verify failed: {output.read().decode('utf-8', 'replace')}")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, else KB
    return took, usage.ru_maxrss * scale / (1 << 20)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gb", type=float, default=1.0, help="size of the attachments")
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)  # the child's work
    parser.add_argument("--mb", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make is not None:
        _fill(args.make, args.mb, args.make.parent)
        return
    total_mb = int(args.gb * 1024)
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        data_root = scratch / "data"
        began = time.perf_counter()
        maker = [sys.executable, __file__, "--make", str(data_root), "--mb", str(total_mb)]
        subprocess.run(maker, check=True)  # another process, as _export
        made = time.perf_counter() - began
        print(f"demo branch with {total_mb} MB of attachments made in {made:.0f} s")
        password_file = scratch / "password.txt"
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
        for password in ("", PASSWORD):
            stick = scratch / ("stick-encrypted" if password else "stick-plain")
            began = time.perf_counter()
            package = _export(data_root, stick, password_file if password else None)
            exported = time.perf_counter() - began
            size_mb = package.stat().st_size / (1 << 20)
            seconds, peak_mb = _verify(data_root, package, password_file if password else None)
            kind = "password-protected" if password else "plain"
            print(f"{kind} package of {size_mb:.0f} MB (export took {exported:.0f} s):")
            time_ok = "OK" if seconds <= TIME_TARGET_S * args.gb else "NOT OK"
            memory_ok = "OK" if peak_mb <= MEMORY_TARGET_MB else "NOT OK"
            print(
                f"  verify {seconds:5.1f} s — 目标 / target ≤ {TIME_TARGET_S * args.gb:.0f} s: "
                f"{time_ok}"
            )
            print(
                f"  verify peak memory {peak_mb:5.0f} MB — 目标 / target ≤ "
                f"{MEMORY_TARGET_MB:.0f} MB: {memory_ok}"
            )
            package.unlink()


if __name__ == "__main__":
    main()
