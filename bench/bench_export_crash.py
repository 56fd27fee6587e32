"""Crash trials: ``main.py package export`` killed at random moments must never leave a
package that looks finished but does not verify, never plain zip bytes on the stick when a
password is set, and never lose the previous good package.

Run from the project folder: ``python bench/bench_export_crash.py [--kills N] [--seed S]``.
A demo data folder (with some photos, so that writing takes a while) is made in a
temporary folder; a first export with and one without a password is the "previous good
package" in each of two target folders. Then each trial starts an export (alternately with
and without a password), kills it (SIGKILL / TerminateProcess) at a random moment of its
run, and checks the target folder:

* every file that looks finished (no leading dot) verifies;
* with a password: no file there starts with the zip signature ``PK\\x03\\x04``;
* the package is there and verifies — the previous one, or a new one that verified.

Finally one more export of each kind runs to its end: it must remove every ``.part`` the
kills left and leave the data folder's ``tmp/`` empty. Prints a summary; exits 1 on any
failure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "建始2026crash"
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Mode:
    name: str
    target: Path
    password: str
    good: Path | None = None  # the package now in the target folder
    digest: str = ""


@dataclass
class Tally:
    kills: int = 0
    finished_first: int = 0
    replaced: int = 0
    parts_left: int = 0
    failures: list[str] = field(default_factory=list)


def _command(data: Path, period: str, mode: Mode, password_file: Path) -> list[str]:
    command = [
        sys.executable,
        str(ROOT / "main.py"),
        "--no-crash-dialog",
        "--data-dir",
        str(data),
        "package",
        "export",
        "--period",
        period,
        "--out",
        str(mode.target),
        "--json",
    ]
    if mode.password:
        command += ["--password-file", str(password_file)]
    return command


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("JIANSHI_DATA_DIR", None)
    return env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _make_demo(data: Path, photos: int, mb: float, today: dt.date) -> None:
    from jianshi_desktop.db.models import Attachment, Meeting
    from jianshi_desktop.services import demo
    from jianshi_desktop.services.attachments import store_file
    from jianshi_desktop.services.store import open_store

    store = open_store(data, log_to_file=False)
    try:
        demo.fill_demo(today=today)
        done = list(Meeting.select().where(Meeting.state != "draft").order_by(Meeting.held_on))
        scratch = data.parent / "photos"
        scratch.mkdir(exist_ok=True)
        for n in range(photos):
            photo = scratch / f"现场照片{n:03d}.jpg"
            photo.write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(int(mb * (1 << 20))))
            stored = store_file(store.data.attachments, photo)
            Attachment.create(
                sha256=stored.sha256, size=stored.size, file_name=stored.file_name,
                media_type="image/jpeg", kind="photo", meeting=done[-1 - n % min(len(done), 6)],
            )  # fmt: skip
            photo.unlink()
    finally:
        store.close()


def _check(mode: Mode, tally: Tally, trial: str) -> None:
    """What must hold in ``mode.target`` after a kill (or a finished run)."""
    from jianshi_desktop.submission.verify import verify_package

    assert mode.good is not None
    for path in sorted(mode.target.iterdir()):
        if mode.password:
            with path.open("rb") as handle:
                if handle.read(4) == ZIP_MAGIC:
                    tally.failures.append(f"{trial}: plain zip bytes in {path.name}")
        if path.name.startswith("."):
            tally.parts_left += path.name.endswith(".part")
            continue
        report = verify_package(path, password=mode.password)
        if not report.ok:
            tally.failures.append(
                f"{trial}: {path.name} looks finished but does not verify: {report.problems[:1]}"
            )
    if not mode.good.is_file():
        tally.failures.append(f"{trial}: the previous package {mode.good.name} is gone")
        return
    digest = _sha256(mode.good)
    if digest != mode.digest:  # replaced: only ever by a new package that verified
        if verify_package(mode.good, password=mode.password).ok:
            tally.replaced += 1
            mode.digest = digest
        else:
            tally.failures.append(f"{trial}: the package was replaced by one that does not verify")


def _export(command: list[str], trial: str, tally: Tally) -> Path | None:
    import json

    done = subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=_env(), check=False
    )
    if done.returncode != 0:
        tally.failures.append(f"{trial}: export failed ({done.returncode}): {done.stderr[-300:]}")
        return None
    return Path(json.loads(done.stdout)["file"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="how many exports to kill")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--photos", type=int, default=30, help="photos in the demo branch")
    parser.add_argument("--mb", type=float, default=2.0, help="size of one photo")
    parser.add_argument("--period", default="", help="the period to export (default: 2 months)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    chance = random.Random(seed)
    today = dt.date.today()
    last = today.replace(day=1) - dt.timedelta(days=1)
    first = (last.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    period = args.period or f"{first.isoformat()}..{last.isoformat()}"
    tally = Tally()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="jianshi-crash-") as scratch:
        base = Path(scratch)
        data = base / "data"
        _make_demo(data, args.photos, args.mb, today)
        password_file = base / "password.txt"
        password_file.write_text(PASSWORD + "\n", encoding="utf-8")
        modes = [
            Mode("不设密码", base / "stick-plain", ""),
            Mode("设密码", base / "stick-encrypted", PASSWORD),
        ]
        durations: dict[str, float] = {}
        for mode in modes:  # the previous good packages
            mode.target.mkdir()
            started = time.perf_counter()
            mode.good = _export(_command(data, period, mode, password_file), "first", tally)
            durations[mode.name] = time.perf_counter() - started
            if mode.good is None:
                print("\n".join(tally.failures))
                return 1
            mode.digest = _sha256(mode.good)
        print(
            f"crash trials: {args.kills} kills, seed {seed}, period {period}, "
            f"{args.photos} photos of {args.mb:g} MB; a whole export takes "
            + "，".join(f"{name} {s:.1f} s" for name, s in durations.items())
        )
        for number in range(args.kills):
            mode = modes[number % 2]
            trial = f"kill {number + 1} ({mode.name})"
            # anywhere in the run (start-up, documents, attachments) — or, every other time,
            # near its end, where the part is written, verified and renamed
            share = chance.uniform(0.25, 1.05) if number % 4 < 2 else chance.uniform(0.7, 1.03)
            delay = share * durations[mode.name]
            process = subprocess.Popen(
                _command(data, period, mode, password_file),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=_env(),
            )
            try:
                process.wait(timeout=delay)
                tally.finished_first += 1
            except subprocess.TimeoutExpired:
                process.kill()  # only the process started here, by its handle
                process.wait()
                tally.kills += 1
            _check(mode, tally, f"{trial} at {delay:.2f} s")
        for mode in modes:  # the next export cleans up what the kills left
            _export(_command(data, period, mode, password_file), "last", tally)
            _check(mode, tally, f"last ({mode.name})")
            left = [p.name for p in mode.target.iterdir() if p.name.startswith(".")]
            if left:
                tally.failures.append(f"last ({mode.name}): not cleaned up: {left}")
        scratch_left = list((data / "tmp").iterdir())
        if scratch_left:
            tally.failures.append(f"tmp/ not empty: {[p.name for p in scratch_left]}")
    print(
        f"  killed {tally.kills}, finished before the kill {tally.finished_first}; "
        f"package replaced by a verified new one {tally.replaced}×; "
        f".part left by a kill {tally.parts_left}× (removed by the next export)"
    )
    print(f"  {time.perf_counter() - began:.1f} s in all")
    if tally.failures:
        print(f"NOT OK: {len(tally.failures)} problem(s):")
        for failure in tally.failures:
            print(f"  ✗ {failure}")
        return 1
    print("OK: no unverified package, no plain zip bytes, the previous package always kept")
    return 0


if __name__ == "__main__":
    sys.exit(main())
