"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no screen in tests and CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("JIANSHI_DATA_DIR", None)

from jianshi_desktop.services.store import Store
from tests.support import make_branch_folder, opened


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing a test does may touch the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "AppData" / "Local"))
    monkeypatch.setenv("APPDATA", str(home / "AppData" / "Roaming"))
    monkeypatch.delenv("JIANSHI_DATA_DIR", raising=False)


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_root: Path) -> Iterator[Store]:
    """An opened, migrated, empty data folder."""
    with opened(data_root) as opened_store:
        yield opened_store


@pytest.fixture
def branch_folder(data_root: Path) -> Path:
    """A data folder as the first start leaves it (the branch set up), closed again: for a
    program started on it, in this process (``run_gui``) or in its own (``main.py``)."""
    return make_branch_folder(data_root)
