"""Reading a source tree's imports with ast, for the tests that check them (dependencies
declared, the selftest's library list complete): every ``import`` and ``from … import``
anywhere in a file, inside functions too, with relative imports made absolute."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "jianshi_desktop"


def module_name(path: Path, root: Path = ROOT) -> str:
    """The dotted name of a source file below ``root``: pkg/a/__init__.py → "pkg.a"."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, module: str) -> set[str]:
    """Every module ``path`` imports, anywhere in it, with relative imports made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                assert node.module
                found.add(node.module)
            else:
                relative = "." * node.level + (node.module or "")
                found.add(importlib.util.resolve_name(relative, package))
    return found


def app_files() -> list[tuple[Path, str]]:
    """The app's sources as users run them: the package and main.py, with module names."""
    files = [(p, module_name(p)) for p in sorted((ROOT / PACKAGE).rglob("*.py"))]
    return [*files, (ROOT / "main.py", "main")]
