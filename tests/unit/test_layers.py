"""The layer arrows of design/architecture.md hold.

The arrows themselves are import-linter contracts in pyproject.toml (``[tool.importlinter]``):
run here, so that they run with the tests, and shown to catch an import that breaks them
(relative, package-level, inside a function) in a copy of the package. What import-linter
cannot say — domain/ uses the standard library only — is checked here by reading imports.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jianshi_desktop"
# import-linter's own entry point, run with this interpreter (the .venv's under dev.py)
LINT_IMPORTS = (
    "import sys; from importlinter.cli import lint_imports; "
    "sys.exit(lint_imports(no_cache=True, no_logo=True))"
)


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` on the package and pyproject.toml in ``project``."""
    env = {**os.environ, "PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


# (module added to a copy of the package, its text, the contract it breaks, the import shown)
VIOLATIONS = [
    (
        "submission/throwaway.py",
        "from .. import db\n",
        "submission reaches the data through services, never the tables",
        "jianshi_desktop.submission.throwaway -> jianshi_desktop.db",
    ),
    (
        "submission/throwaway.py",
        "def f() -> None:\n    from ..db.models import Member\n",
        "submission reaches the data through services, never the tables",
        "jianshi_desktop.submission.throwaway -> jianshi_desktop.db.models",
    ),
    (
        "gui/throwaway.py",
        "from jianshi_desktop import db\n",
        "No SQL in the window: gui asks services",
        "jianshi_desktop.gui.throwaway -> jianshi_desktop.db",
    ),
    (
        "services/throwaway.py",
        "from jianshi_desktop import gui\n",
        "jianshi_desktop.services is not allowed to import jianshi_desktop.gui",
        "jianshi_desktop.services.throwaway -> jianshi_desktop.gui",
    ),
    (
        "db/throwaway.py",
        "from ..documents import model\n",
        "jianshi_desktop.db is not allowed to import jianshi_desktop.documents",
        "jianshi_desktop.db.throwaway -> jianshi_desktop.documents.model",
    ),
    (
        "cli_throwaway.py",
        "import PySide6.QtCore\n",
        "Qt only in gui/",
        "jianshi_desktop.cli_throwaway -> PySide6",
    ),
    (
        "services/throwaway.py",
        "def f() -> None:\n    from .. import cli\n",
        "Start-up and commands are the top",
        "jianshi_desktop.services.throwaway -> jianshi_desktop.cli",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "contract", "shown"), VIOLATIONS, ids=[v[0] + ":" + v[1] for v in VIOLATIONS]
)
def test_a_contract_catches_an_import_against_the_arrows(
    tmp_path: Path, name: str, text: str, contract: str, shown: str
) -> None:
    shutil.copytree(PACKAGE, tmp_path / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    assert lint_imports(tmp_path).returncode == 0  # the copy itself keeps every contract
    (tmp_path / PACKAGE.name / name).write_text(text, encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert contract in result.stdout
    assert shown in " ".join(result.stdout.split())


# --------------------------------------------------------------------------- domain/


def absolute_imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved against its package."""
    return absolute_imports_of(path.read_text(encoding="utf-8"), path)


def test_relative_imports_are_resolved() -> None:
    module = PACKAGE / "domain" / "probe.py"  # never written: only its path is used
    source = "from .. import db\nfrom ..errors import UserError\nfrom .text import x\n"
    found = absolute_imports_of(source, module)
    assert found == {"jianshi_desktop.db", "jianshi_desktop.errors", "jianshi_desktop.domain.text"}


def absolute_imports_of(source: str, path: Path) -> set[str]:
    """:func:`absolute_imports` of ``source`` as if it were the file at ``path``."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
                names = [] if node.module else [f"{module}.{a.name}" for a in node.names]
                found.update(names or [module])
            elif node.module:
                found.add(node.module)
    return found


def not_standard_library(imports: set[str]) -> set[str]:
    """The imports that are neither the standard library nor domain/ itself."""
    return {
        m
        for m in imports
        if m.split(".")[0] not in sys.stdlib_module_names
        and not m.startswith(("jianshi_desktop.domain", "__future__"))
    }


@pytest.mark.parametrize("path", sorted((PACKAGE / "domain").rglob("*.py")), ids=lambda p: p.name)
def test_domain_is_standard_library_only(path: Path) -> None:
    outside = not_standard_library(absolute_imports(path))
    assert not outside, f"{path.name} imports {outside}"


def test_the_domain_rule_catches_a_relative_import_of_ours() -> None:
    module = PACKAGE / "domain" / "probe.py"
    source = "from .. import paths\nfrom . import text\nimport peewee\n"
    found = not_standard_library(absolute_imports_of(source, module))
    assert found == {"jianshi_desktop.paths", "peewee"}
