"""Rules about the code itself, checked by reading every module.

No catch-all outside the crash hook: ``except Exception``, ``except BaseException``, a bare
``except:`` or ``contextlib.suppress(Exception)`` would turn a bug into silence or into a
message that hides it. Code whose job is to report every failure (the self-test's ✗
lines, the message box for a damaged install) uses ``crash.reported()``, the one
catch-all, in jianshi_desktop/crash.py. A handler that cleans up and then re-raises
(``raise`` alone, its last statement) catches nothing and is fine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jianshi_desktop"
CRASH_HOOK = PACKAGE / "crash.py"
CATCH_ALL = {"Exception", "BaseException"}


def _names(node: ast.expr | None) -> list[str]:
    """The class names an ``except`` clause or ``suppress(...)`` names."""
    if node is None:
        return []
    items = node.elts if isinstance(node, ast.Tuple) else [node]
    found = []
    for item in items:
        if isinstance(item, ast.Name):
            found.append(item.id)
        elif isinstance(item, ast.Attribute):  # builtins.Exception
            found.append(item.attr)
    return found


def _reraises(handler: ast.ExceptHandler) -> bool:
    last = handler.body[-1]
    return isinstance(last, ast.Raise) and last.exc is None


def catch_alls(source: str) -> list[tuple[int, str]]:
    """(line, what) of every catch-all in ``source``."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ExceptHandler):
            if _reraises(node):
                continue
            if node.type is None:
                found.append((node.lineno, "except:"))
            elif caught := CATCH_ALL.intersection(_names(node.type)):
                found.append((node.lineno, f"except {'/'.join(sorted(caught))}"))
        elif isinstance(node, ast.Call) and _names(node.func) == ["suppress"]:
            for arg in node.args:
                if caught := CATCH_ALL.intersection(_names(arg)):
                    found.append((node.lineno, f"suppress({'/'.join(sorted(caught))})"))
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p != CRASH_HOOK)


def test_the_scan_sees_the_package() -> None:
    names = {p.relative_to(PACKAGE).parts[0] for p in _modules()}
    assert {"gui", "services", "submission", "selftest.py", "app.py"} <= names
    assert CRASH_HOOK.is_file() and catch_alls(CRASH_HOOK.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_catch_all_outside_the_crash_hook(path: Path) -> None:
    found = catch_alls(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: " + ", ".join(
        f"line {line}: {what}" for line, what in found
    )


CAUGHT = [
    "try:\n    f()\nexcept Exception:\n    pass\n",
    "try:\n    f()\nexcept BaseException as exc:\n    log(exc)\n",
    "try:\n    f()\nexcept:\n    pass\n",
    "try:\n    f()\nexcept (OSError, Exception):\n    pass\n",
    "try:\n    f()\nexcept builtins.BaseException:\n    pass\n",
    "try:\n    f()\nexcept Exception:\n    raise ValueError('x')\n",  # replaced, not re-raised
    "try:\n    f()\nexcept Exception:\n    if g():\n        raise\n    return 1\n",
    "with contextlib.suppress(Exception):\n    f()\n",
    "with suppress(OSError, BaseException):\n    f()\n",
]
ALLOWED = [
    "try:\n    f()\nexcept BaseException:\n    clean()\n    raise\n",
    "try:\n    f()\nexcept (OSError, ValueError):\n    pass\n",
    "try:\n    f()\nexcept ExceptionGroup:\n    pass\n",
    "with contextlib.suppress(OSError):\n    f()\n",
]


@pytest.mark.parametrize("source", CAUGHT)
def test_the_rule_catches_each_form(source: str) -> None:
    assert len(catch_alls(source)) == 1


@pytest.mark.parametrize("source", ALLOWED)
def test_the_rule_leaves_cleanup_and_named_errors_alone(source: str) -> None:
    assert catch_alls(source) == []


def test_the_one_catch_all_keeps_the_error_for_its_report() -> None:
    from jianshi_desktop import crash

    with crash.reported() as failure:
        {}["missing"]
    assert isinstance(failure.error, KeyError)
    with crash.reported() as failure:
        pass
    assert failure.error is None
    with pytest.raises(KeyboardInterrupt), crash.reported():
        raise KeyboardInterrupt  # stopping the program is never a failure to report


def test_vulture_counts_code_only_the_tests_use_as_dead(tmp_path: Path) -> None:
    """The dead-code step of dev.py ([tool.vulture]) reads the program, not the tests: a
    function only a test calls is reported; a Qt override in the whitelist is not."""
    import shutil
    import subprocess
    import sys

    shutil.copytree(PACKAGE, tmp_path / PACKAGE.name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "vulture_whitelist.py", tmp_path / "tests")
    (tmp_path / PACKAGE.name / "services" / "throwaway.py").write_text(
        "def used_only_by_tests() -> int:\n    return 1\n\n\n"
        "class Model:\n    def headerData(self) -> None:\n        pass\n",
        encoding="utf-8",
    )
    (tmp_path / "tests" / "test_throwaway.py").write_text(
        "from jianshi_desktop.services.throwaway import used_only_by_tests\n\n\n"
        "def test_it() -> None:\n    assert used_only_by_tests() == 1\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "vulture"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    found = [line for line in result.stdout.splitlines() if "throwaway.py" in line]
    assert result.returncode != 0
    where = Path(PACKAGE.name, "services", "throwaway.py")
    assert found == [f"{where}:1: unused function 'used_only_by_tests' (60% confidence)"]
