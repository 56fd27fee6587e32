"""The layer arrows of design/architecture.md hold: checked by reading every import."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "jianshi_desktop"
# Start-up modules may reach the GUI (lazily); nothing else may import Qt.
STARTUP = {"app.py", "selftest.py"}
QT_PREFIXES = ("PySide6", "shiboken6", "PyQt")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.name


def test_the_scan_sees_the_package() -> None:
    layers = {_layer(p) for p in _modules()}
    assert {"db", "domain", "services", "gui"} <= layers


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_qt_outside_gui(path: Path) -> None:
    if _layer(path) == "gui" or (path.name in STARTUP and path.parent == PACKAGE):
        return
    qt = {m for m in _imports(path) if m.startswith(QT_PREFIXES)}
    assert not qt, f"{path.name} imports Qt: {qt}"


FORBIDDEN = {
    "domain": (
        "jianshi_desktop.db",
        "jianshi_desktop.services",
        "jianshi_desktop.gui",
        "jianshi_desktop.documents",
        "jianshi_desktop.submission",
        "peewee",
    ),
    "db": (
        "jianshi_desktop.services",
        "jianshi_desktop.gui",
        "jianshi_desktop.documents",
        "jianshi_desktop.submission",
    ),
    "services": ("jianshi_desktop.gui", "jianshi_desktop.submission"),
    "gui": ("jianshi_desktop.db", "peewee", "sqlite3"),
    "documents": ("jianshi_desktop.gui", "jianshi_desktop.db", "jianshi_desktop.submission"),
    "submission": ("jianshi_desktop.gui",),
}


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_follow_the_arrows(path: Path) -> None:
    banned = FORBIDDEN.get(_layer(path), ())
    wrong = {m for m in _imports(path) if m.startswith(banned)}
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {wrong}"


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_is_standard_library_only(path: Path) -> None:
    outside = {
        m
        for m in _imports(path)
        if m.split(".")[0] not in sys.stdlib_module_names
        and not m.startswith(("jianshi_desktop.domain", "__future__"))
    }
    assert not outside, f"{path.name} imports {outside}"
