"""Benchmark: a county's year of packages — imported, verified and shown as a matrix.

Targets (issue 21): 200 packages (a county's schools for a year: 50 schools × 4 quarters)
imported and verified in at most 2× the time plain ``zipfile`` takes to read every member
of them; the matrix of the year opens in at most 1 s.

How the packages are made: the demo branch's four quarterly packages of this year are
exported through the app (a few seconds each). The other schools' packages are derived
from them — a new uid and name in ``manifest.json`` and ``数据/records.json``, the
manifest's hash of records.json made right, and **signed again with the school's own
Ed25519 key** (one new key per school), so every package is a version-3 signed package
that verifies exactly as a real one (the verifier only checks the signature against the
manifest; the county remembers each school's key at first sight). Every other member is
copied as it was (photos stored, the rest deflated, as the app writes them). The PDFs
inside still name the demo school: nothing the bench measures reads them.

Then, in this process:
1. plain ``zipfile``: open each package and read every member to the end;
2. ``submission.county.import_packages`` into a fresh county data folder (SHA-256, the
   full verify_package, the copy into ``packages/``, the database row);
3. the year's matrix (``services.county_aggregate.matrix``) and organisation facts right
   after opening the folder again, as the county window does.

1 and 2 are measured twice: with the packages in the page cache (a CPU-bound worst case:
the read costs almost nothing, so the checks are all that is measured) and, on Linux,
with them dropped from the cache first (``posix_fadvise``), read from the disk as from a
stick. A third figure is the least any import of this format must do — plain ``zipfile``
and a SHA-256 of every member, which the manifest lists — to show where the time goes.

Run from the project folder: ``python bench/bench_county.py [--packages 200]``. Needs
about 1.5 GB of free disk space for 200 packages. Prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RATIO_TARGET = 2.0
MATRIX_TARGET_S = 1.0
QUARTERS = 4
RECORDS = "数据/records.json"
MANIFEST = "manifest.json"
SIGNATURE = "signature.json"


def _real_packages(scratch: Path, year: int) -> list[Path]:
    """The demo branch's four quarterly packages of ``year``."""
    from jianshi_desktop.domain.periods import quarter
    from jianshi_desktop.services import demo
    from jianshi_desktop.services.store import open_store
    from jianshi_desktop.submission.package import PackageOptions, build_package

    store = open_store(scratch / "branch", log_to_file=False)
    try:
        demo.fill_demo(today=dt.date.today())
        return [
            build_package(
                store.data, quarter(year, n), scratch / "made" / f"Q{n}", PackageOptions()
            ).path
            for n in range(1, QUARTERS + 1)
        ]
    finally:
        store.close()


def _derive(source: Path, target: Path, uid: str, name: str, key: object) -> None:
    """``source`` as school ``name``'s package, signed by its own ``key``."""
    from jianshi_desktop import signatures

    with zipfile.ZipFile(source) as archive:
        infos = archive.infolist()
        parts = {info.filename: archive.read(info) for info in infos}
        methods = {info.filename: info.compress_type for info in infos}
    records = json.loads(parts[RECORDS])
    records["branch"] = {"name": name, "uid": uid}
    parts[RECORDS] = json.dumps(records, ensure_ascii=False, sort_keys=True).encode()
    manifest = json.loads(parts[MANIFEST])
    manifest["branch"] = {"name": name, "uid": uid}
    for entry in manifest["files"]:
        if entry["path"] == RECORDS:
            data = parts[RECORDS]
            entry.update(sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    parts[MANIFEST] = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    parts[SIGNATURE] = signatures.signature_document(key, parts[MANIFEST], None)  # type: ignore[arg-type]
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w") as out:
        for info in infos:
            out.writestr(info.filename, parts[info.filename], compress_type=methods[info.filename])


def _make(scratch: Path, count: int) -> list[Path]:
    from jianshi_desktop import signatures

    year = dt.date.today().year
    real = _real_packages(scratch, year)
    stick = scratch / "stick"
    made: list[Path] = []
    schools = math.ceil(count / QUARTERS)
    for school in range(schools):
        name = f"中共建始县第{school + 1:02d}小学支部委员会"
        key = signatures.new_key()
        uid = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
        for number, source in enumerate(real, start=1):
            if len(made) == count:
                break
            target = (
                stick
                / f"第{school + 1:02d}小学"
                / f"第{school + 1:02d}小学党支部_{year}Q{number}_报送包.zip"
            )
            _derive(source, target, uid, name, key)
            made.append(target)
    return made


def _read_plain(paths: list[Path]) -> tuple[float, int]:
    began = time.perf_counter()
    total = 0
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
    return time.perf_counter() - began, total


def _read_hashed(paths: list[Path]) -> float:
    """Plain zipfile plus the SHA-256 of every member: the least a verifier must do."""
    began = time.perf_counter()
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                digest = hashlib.sha256()
                with archive.open(info) as member:
                    while chunk := member.read(1 << 20):
                        digest.update(chunk)
    return time.perf_counter() - began


def _drop_from_cache(paths: list[Path]) -> bool:
    """Drop the files from the page cache (Linux), so that they are read from the disk."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for path in paths:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)  # written pages are only dropped once on the disk
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(descriptor)
    return True


def _import(paths: list[Path], desk: Path) -> tuple[float, set[str], list[str]]:
    from jianshi_desktop.services import county
    from jianshi_desktop.services.store import open_store
    from jianshi_desktop.submission.county import import_packages

    shutil.rmtree(desk, ignore_errors=True)
    store = open_store(desk, log_to_file=False)
    try:
        county.make_county_folder()
        began = time.perf_counter()
        results = import_packages(paths, store.data)
        imported = time.perf_counter() - began
    finally:
        store.close()
    refused = [r.text for r in results if r.outcome != "imported"]
    return imported, {r.outcome for r in results}, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packages", type=int, default=200, help="how many packages (200)")
    args = parser.parse_args()
    from jianshi_desktop.domain.periods import year as year_period
    from jianshi_desktop.services import county_aggregate
    from jianshi_desktop.services.store import open_store
    from jianshi_desktop.submission.county import find_packages, workers

    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        began = time.perf_counter()
        paths = _make(scratch, max(1, args.packages))
        size_mb = sum(p.stat().st_size for p in paths) / (1 << 20)
        print(
            f"{len(paths)} packages ({size_mb:.0f} MB, {math.ceil(len(paths) / QUARTERS)} "
            f"schools) made in {time.perf_counter() - began:.0f} s"
        )
        paths = find_packages(scratch / "stick")
        for path in paths:  # on the disk before anything is timed (no write-back meanwhile)
            with path.open("rb+") as handle:
                os.fsync(handle.fileno())
        desk = scratch / "county"
        print(f"  import: {workers()} worker threads beside the one that keeps")
        _read_plain(paths)  # into the page cache
        plain, total = _read_plain(paths)
        print(f"  plain zipfile, every member read: {plain:6.2f} s ({total / (1 << 20):.0f} MB)")
        hashed = _read_hashed(paths)
        print(
            f"  plain zipfile + SHA-256 of every member (the least a check must do): "
            f"{hashed:6.2f} s = {hashed / plain:.2f}× plain"
        )
        imported, outcomes, refused = _import(paths, desk)
        ratio = imported / plain if plain else float("inf")
        ok = "OK" if ratio <= RATIO_TARGET and outcomes == {"imported"} else "NOT OK"
        print(
            f"  import_packages (verify + keep):  {imported:6.2f} s = {ratio:.2f}× plain — "
            f"目标 / target ≤ {RATIO_TARGET:.0f}×: {ok}"
        )
        if refused:
            print(f"  NOT all imported: {refused[:3]}")
        if _drop_from_cache(paths):
            cold_plain, _total = _read_plain(paths)
            _drop_from_cache(paths)
            cold, _outcomes, _refused = _import(paths, desk)
            print(
                f"  read from the disk (dropped from the cache first): plain "
                f"{cold_plain:5.2f} s, import {cold:5.2f} s = {cold / cold_plain:.2f}× plain"
            )

        store = open_store(desk, log_to_file=False)
        try:
            began = time.perf_counter()
            period = year_period(dt.date.today().year)
            packages = county_aggregate.current_packages()
            matrix = county_aggregate.matrix(period, today=dt.date.today(), packages=packages)
            opened = time.perf_counter() - began
            facts = county_aggregate.organisation_facts(today=dt.date.today(), packages=packages)
            with_facts = time.perf_counter() - began
        finally:
            store.close()
        ok = "OK" if opened <= MATRIX_TARGET_S else "NOT OK"
        print(
            f"  matrix of {period.label} ({len(matrix.schools)} schools × "
            f"{len(matrix.obligations)} obligations): {opened:5.2f} s — 目标 / target ≤ "
            f"{MATRIX_TARGET_S:.0f} s: {ok}"
        )
        print(f"  with the organisation facts ({len(facts)}): {with_facts:5.2f} s")


if __name__ == "__main__":
    main()
