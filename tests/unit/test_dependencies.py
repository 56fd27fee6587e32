"""Every third-party module the app imports is a declared runtime dependency (issue 10).

``cryptography`` once came into the test environment only through pdfplumber → pdfminer.six,
so the tests passed while ``dev.py run`` failed with ModuleNotFoundError. Every ``import`` and
``from … import`` of the package and main.py (inside functions too, relative ones resolved)
is mapped to the distribution that provides it, which pyproject.toml must list under
``dependencies``: a test or build extra is not installed for users.
"""

from __future__ import annotations

import copy
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tests.import_scan import app_files, imported_modules, module_name

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "jianshi_desktop"
# Where tests, benchmarks and the build may import from: the runtime and these extras.
DEV_EXTRAS = ("test", "build")


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them: PySide6_Essentials = pyside6-essentials."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    """The distribution named by a requirement: "PySide6-Pdf>=6.12,<7" → "pyside6-pdf"."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return normalise(match[1])


def read_pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared(pyproject: Mapping[str, Any]) -> tuple[set[str], dict[str, set[str]]]:
    """The runtime dependencies and each extra's, as normalised distribution names."""
    project = pyproject["project"]
    runtime = {requirement_name(r) for r in project.get("dependencies", [])}
    extras = {
        extra: {requirement_name(r) for r in requirements}
        for extra, requirements in project.get("optional-dependencies", {}).items()
    }
    return runtime, extras


def third_party_imports(files: Iterable[tuple[Path, str]], own: set[str]) -> dict[str, set[str]]:
    """Top-level third-party names → the files importing them (not stdlib, not ``own``)."""
    result: dict[str, set[str]] = {}
    for path, module in files:
        for name in imported_modules(path, module):
            top = name.partition(".")[0]
            if top in sys.stdlib_module_names or top in own:
                continue
            result.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return result


def dependency_problems(
    imports: Mapping[str, set[str]],
    allowed: set[str],
    extras: Mapping[str, set[str]],
    distributions: Mapping[str, list[str]],
) -> list[str]:
    """Each imported name whose distribution is not in ``allowed``, saying why."""
    problems = []
    for top, files in sorted(imports.items()):
        where = ", ".join(sorted(files))
        provided_by = {normalise(d) for d in distributions.get(top, [])}
        if not provided_by:
            problems.append(f"{top} (imported by {where}): no installed distribution provides it")
        elif not provided_by & allowed:
            only_in = sorted(extra for extra, names in extras.items() if provided_by & names)
            why = f"declared only in the extra {', '.join(only_in)}" if only_in else "undeclared"
            problems.append(
                f"{top} (imported by {where}) comes from {', '.join(sorted(provided_by))}: {why}"
            )
    return problems


def app_problems(pyproject: Mapping[str, Any]) -> list[str]:
    runtime, extras = declared(pyproject)
    imports = third_party_imports(app_files(), own={PACKAGE})
    return dependency_problems(
        imports, runtime, extras, importlib.metadata.packages_distributions()
    )


# --------------------------------------------------------------------------- the real project


def test_the_scan_sees_the_app_and_its_imports() -> None:
    files = {path.relative_to(ROOT).as_posix() for path, _ in app_files()}
    assert {
        "main.py",
        "jianshi_desktop/submission/crypto.py",
        "jianshi_desktop/gui/app.py",
    } <= files
    imports = third_party_imports(app_files(), own={PACKAGE})
    assert {"PySide6", "peewee", "cryptography", "docx", "openpyxl", "reportlab"} <= set(imports)
    assert "jianshi_desktop/submission/crypto.py" in imports["cryptography"]


def test_every_third_party_import_is_a_runtime_dependency() -> None:
    assert app_problems(read_pyproject()) == []


def test_tests_and_tools_import_only_what_the_runtime_or_dev_extras_declare() -> None:
    runtime, extras = declared(read_pyproject())
    allowed = runtime.union(*(extras[extra] for extra in DEV_EXTRAS))
    files = [
        (path, module_name(path, ROOT))
        for folder in ("tests", "bench")
        for path in sorted((ROOT / folder).rglob("*.py"))
    ]
    files += [(ROOT / "dev.py", "dev"), (ROOT / "build.spec", "build_spec")]
    imports = third_party_imports(files, own={PACKAGE, "tests", "bench", "dev"})
    problems = dependency_problems(
        imports, allowed, extras, importlib.metadata.packages_distributions()
    )
    # Tests may import a module that exists nowhere on purpose (to see ImportError handled).
    assert [p for p in problems if not p.endswith("no installed distribution provides it")] == []


# --------------------------------------------------------------------------- the check can fail


def test_it_catches_cryptography_missing_from_the_runtime_dependencies() -> None:
    """pyproject.toml as it was before issue 10: cryptography came only through pdfplumber."""
    pyproject = copy.deepcopy(read_pyproject())
    deps = pyproject["project"]["dependencies"]
    pyproject["project"]["dependencies"] = [
        d for d in deps if requirement_name(d) != "cryptography"
    ]
    assert len(pyproject["project"]["dependencies"]) == len(deps) - 1
    problems = app_problems(pyproject)
    assert len(problems) == 1, problems
    assert problems[0].startswith("cryptography (imported by ")
    assert "jianshi_desktop/submission/crypto.py" in problems[0]
    assert problems[0].endswith(": undeclared")


def test_a_dependency_declared_only_as_a_test_extra_is_not_enough() -> None:
    pyproject = copy.deepcopy(read_pyproject())
    project = pyproject["project"]
    project["dependencies"] = [
        d for d in project["dependencies"] if requirement_name(d) != "python-docx"
    ]
    project["optional-dependencies"]["test"].append("python_docx>=1.1")
    problems = app_problems(pyproject)
    assert len(problems) == 1, problems
    assert problems[0].startswith("docx (imported by ")
    assert problems[0].endswith("comes from python-docx: declared only in the extra test")


def test_a_module_no_distribution_provides_is_reported() -> None:
    problems = dependency_problems({"nowhere": {"main.py"}}, set(), {}, {})
    assert problems == ["nowhere (imported by main.py): no installed distribution provides it"]


def test_imports_in_functions_and_relative_imports_are_seen(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("from . import helpers\n", encoding="utf-8")
    (package / "sub" / "__init__.py").write_text("from .. import tools\n", encoding="utf-8")
    module = package / "sub" / "mod.py"
    module.write_text(
        "from __future__ import annotations\n"
        "import os.path\n"
        "from ..helpers import thing\n"
        "from .sibling import other\n"
        "\n"
        "def later() -> None:\n"
        "    import yaml\n"
        "    from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n",
        encoding="utf-8",
    )
    assert module_name(module, tmp_path) == "pkg.sub.mod"
    assert imported_modules(module, "pkg.sub.mod") == {
        "__future__",
        "os.path",
        "pkg.helpers",
        "pkg.sub.sibling",
        "yaml",
        "cryptography.hazmat.primitives.ciphers.aead",
    }
    assert imported_modules(package / "__init__.py", "pkg") == {"pkg"}
    assert imported_modules(package / "sub" / "__init__.py", "pkg.sub") == {"pkg"}


def test_distribution_names_are_compared_as_pep_503_says() -> None:
    assert normalise("PySide6_Essentials") == "pyside6-essentials"
    assert normalise("pdfminer.six") == "pdfminer-six"
    assert requirement_name("PySide6-Pdf>=6.12,<7  # comment") == "pyside6-pdf"
    assert requirement_name("python_docx[extra]>=1.1; python_version>'3'") == "python-docx"
    pyproject = {"project": {"dependencies": ["Foo.Bar>=1"], "optional-dependencies": {}}}
    problems = dependency_problems(
        {"foo": {"x.py"}}, declared(pyproject)[0], {}, {"foo": ["foo_bar"]}
    )
    assert problems == []
