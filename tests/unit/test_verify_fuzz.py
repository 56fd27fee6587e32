"""Fuzzing the reader: a few thousand damaged copies of a real package (byte flips,
cut-offs, insertions; seeded, so every run is the same) — verify never raises, passes only
the untouched package, and says in Chinese what is wrong with every other one."""

from __future__ import annotations

import datetime as dt
import functools
import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.submission import crypto
from jianshi_desktop.submission.verify import verify_package

TODAY = dt.date(2026, 11, 26)
PASSWORD = "建始2026"
SEED = 20261126
PLAIN_CASES = 4000
SEALED_CASES = 2000


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes]:
    from jianshi_desktop.services import demo
    from jianshi_desktop.services.store import open_store
    from jianshi_desktop.submission.package import PackageOptions, build_package

    root = tmp_path_factory.mktemp("fuzz")
    store = open_store(root / "data", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        period = parse_period("2026-07")
        plain = build_package(store.data, period, root / "plain", PackageOptions(), today=TODAY)
        sealed = build_package(
            store.data, period, root / "sealed", PackageOptions(password=PASSWORD), today=TODAY
        )
        return plain.path.read_bytes(), sealed.path.read_bytes()
    finally:
        store.close()


@pytest.fixture
def fast_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same key for the same salt without running scrypt again (a test-only cache):
    thousands of cases would otherwise spend most of their time deriving one key."""
    monkeypatch.setattr(crypto, "_key", functools.lru_cache(maxsize=64)(crypto._key))


def _permission_bytes(package: bytes) -> set[int]:
    """Where the central directory keeps each entry's Unix permission bits: the one field
    a package may differ in and still be the same package (nothing is ever extracted)."""
    cd_size, cd_offset = struct.unpack_from("<2L", package, len(package) - 10)
    positions: set[int] = set()
    at = cd_offset
    while at < cd_offset + cd_size:
        name_len, extra_len, comment_len = struct.unpack_from("<3H", package, at + 28)
        positions.update((at + 40, at + 41))
        at += 46 + name_len + extra_len + comment_len
    return positions


def _same_files(original: bytes, damaged: bytes) -> bool:
    """Whether every file of ``damaged`` reads back byte for byte as in ``original``: a flip
    in the unused bits that end a compressed stream changes no file (nor its CRC), so the
    package is still the same package."""
    try:
        with (
            zipfile.ZipFile(io.BytesIO(original)) as before,
            zipfile.ZipFile(io.BytesIO(damaged)) as after,
        ):
            names = before.namelist()
            return names == after.namelist() and all(
                before.read(name) == after.read(name) for name in names
            )
    except (zipfile.BadZipFile, OSError, ValueError, zlib.error, EOFError):
        return False


Mutation = tuple[bytes, set[int]]  # the damaged copy, the positions flipped (flips only)


def _mutations(original: bytes, rng: random.Random, count: int) -> list[Mutation]:
    cases: list[Mutation] = []
    size = len(original)
    for index in range(count):
        kind = index % 4
        if kind in (0, 1):  # flips: anywhere, or in the last few KB (the directory)
            data = bytearray(original)
            low = 0 if kind == 0 else max(0, size - 6000)
            where = {rng.randrange(low, size) for _ in range(rng.randint(1, 3))}
            for at in where:
                data[at] ^= rng.randint(1, 255)
            cases.append((bytes(data), where))
        elif kind == 2:  # cut off
            cases.append((original[: rng.randrange(0, size)], set()))
        else:  # bytes inserted
            at = rng.randrange(0, size + 1)
            junk = rng.randbytes(rng.randint(1, 32))
            cases.append((original[:at] + junk + original[at:], set()))
    return cases


def _run(
    tmp_path: Path,
    original: bytes,
    count: int,
    password: str,
    may_pass: Callable[[set[int]], bool],
) -> dict[str, int]:
    rng = random.Random(SEED + len(password))
    path = tmp_path / ("fuzz.zip.enc" if password else "fuzz.zip")
    path.write_bytes(original)
    assert verify_package(path, password=password).ok
    seen: dict[str, int] = {}
    for data, flipped in _mutations(original, rng, count):
        if data == original:
            continue
        path.write_bytes(data)
        report = verify_package(path, password=password)  # never raises
        if report.ok:
            assert flipped and (may_pass(flipped) or _same_files(original, data)), (
                f"damaged copy passed: {sorted(flipped)}"
            )
            continue
        assert report.problems, "not ok without a reason"
        for problem in report.problems:
            assert any("\u4e00" <= c <= "\u9fff" for c in problem), problem
            assert "Traceback" not in problem and "Error" not in problem, problem
        first = report.problems[0]
        seen[first[:12]] = seen.get(first[:12], 0) + 1
    assert [p.name for p in tmp_path.iterdir()] == [path.name], "verify writes nothing"
    return seen


def test_damaged_plain_packages_are_refused(packages: tuple[bytes, bytes], tmp_path: Path) -> None:
    plain = packages[0]
    permissions = _permission_bytes(plain)
    seen = _run(tmp_path, plain, PLAIN_CASES, "", lambda flipped: flipped <= permissions)
    assert len(seen) > 3, seen  # many kinds of damage, each named


def test_damaged_encrypted_packages_are_refused(
    packages: tuple[bytes, bytes], tmp_path: Path, fast_scrypt: None
) -> None:
    seen = _run(tmp_path, packages[1], SEALED_CASES, PASSWORD, lambda flipped: False)
    assert any(key.startswith("报送包已损坏") for key in seen), seen
