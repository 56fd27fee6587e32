"""The background preload reads the other pages' code without widgets and never fails
the start."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from jianshi_desktop.gui.preload import PRELOADED_MODULES, preload


def test_a_module_that_cannot_load_is_named_and_logged_not_raised(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING):
        failed = preload(("jianshi_desktop.no_such_module", "jianshi_desktop.domain.dates"))
    assert failed == ["jianshi_desktop.no_such_module"]
    assert "no_such_module" in caplog.text


def test_the_preloaded_modules_load_and_bring_no_qt_with_them() -> None:
    """Widgets belong to the GUI thread: nothing the thread imports may load Qt."""
    code = (
        "import sys\n"
        "from jianshi_desktop.gui.preload import preload\n"
        "assert preload() == [], 'a module failed'\n"
        "qt = sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(','.join(qt))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == ""
    assert len(PRELOADED_MODULES) >= 5
