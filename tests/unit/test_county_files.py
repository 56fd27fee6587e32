"""县局汇总: the documents inside a stored package, read only by this program (issue 21):
listed and read through the strict zip reader, a password asked for again and never kept,
nothing but a PDF under 文书/ read, a damaged copy named as such."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from jianshi_desktop.domain.periods import parse_period
from jianshi_desktop.errors import UserError
from jianshi_desktop.services import demo
from jianshi_desktop.services.store import open_store
from jianshi_desktop.submission.county_files import (
    PasswordNeeded,
    package_documents,
    read_document,
)
from jianshi_desktop.submission.package import PackageOptions, build_package

TODAY = dt.date(2026, 11, 26)
PASSWORD = "qingshan2026"


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("county-files")
    store = open_store(root / "branch", log_to_file=False)
    try:
        demo.fill_demo(today=TODAY)
        july = parse_period("2026-07")
        plain = build_package(store.data, july, root / "plain", PackageOptions(), today=TODAY)
        sealed = build_package(
            store.data, july, root / "sealed", PackageOptions(password=PASSWORD), today=TODAY
        )
    finally:
        store.close()
    return plain.path, sealed.path


def test_the_documents_of_a_package_are_listed_and_read_as_pdf(
    packages: tuple[Path, Path],
) -> None:
    plain, _sealed = packages
    names = package_documents(plain)
    assert names and all(n.startswith("文书/") and n.endswith(".pdf") for n in names)
    assert any("台账" in n for n in names)
    assert read_document(plain, names[0]).startswith(b"%PDF")


def test_only_a_pdf_under_the_documents_is_read(packages: tuple[Path, Path]) -> None:
    plain, _sealed = packages
    with pytest.raises(UserError, match="只能在程序里查看"):
        read_document(plain, "数据/records.json")
    with pytest.raises(UserError, match="没有"):
        read_document(plain, "文书/不存在.pdf")


def test_an_encrypted_package_asks_for_its_password_again(packages: tuple[Path, Path]) -> None:
    _plain, sealed = packages
    with pytest.raises(PasswordNeeded, match="设置了密码"):
        package_documents(sealed)
    with pytest.raises(PasswordNeeded, match="密码不正确"):
        package_documents(sealed, password="wrong-password")
    names = package_documents(sealed, password=PASSWORD)
    assert read_document(sealed, names[0], password=PASSWORD).startswith(b"%PDF")


def test_a_damaged_copy_is_named_not_a_traceback(
    packages: tuple[Path, Path], tmp_path: Path
) -> None:
    plain, _sealed = packages
    data = bytearray(plain.read_bytes())
    damaged = tmp_path / plain.name
    damaged.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(UserError, match="读不出来"):
        package_documents(damaged)
