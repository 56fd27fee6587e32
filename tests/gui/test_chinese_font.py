"""With no Chinese font on the system, the window uses the bundled one: no boxes anywhere.

Runs the application start in a subprocess whose fontconfig sees one Latin font only
(``FONTCONFIG_FILE``), after checking with ``fc-list`` that it really sees no Chinese font.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHINESE = "党支部确定取消"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="fontconfig decides the fonts on Linux only"
)

SCRIPT = f"""
import json
from PySide6.QtGui import QFontDatabase, QFontInfo, QFontMetrics, QRawFont
from jianshi_desktop.gui.app import bundled_font_family, create_application
from jianshi_desktop.gui.qtcheck import inspect_qt

app = create_application()
font = app.font()
metrics = QFontMetrics(font)
raw = QRawFont.fromFont(font)
facts = inspect_qt()
print(json.dumps({{
    "bundled": bundled_font_family(),
    "resolved": QFontInfo(font).family(),
    "families": font.families(),
    "chinese_families": QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese),
    "in_font": [metrics.inFontUcs4(ord(ch)) for ch in {CHINESE!r}],
    "raw_supports": [raw.supportsCharacter(ord(ch)) for ch in {CHINESE!r}],
    "facts_bundled": facts.bundled_font,
}}))
"""


def _latin_font() -> Path | None:
    for folder in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        if folder.is_dir():
            for path in sorted(folder.rglob("DejaVuSans.ttf")):
                return path
    return None


@pytest.fixture
def fontconfig_without_chinese(tmp_path: Path) -> Path:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    latin = _latin_font()
    if latin is not None:
        shutil.copy(latin, fonts)
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fc-list is not installed: cannot prove the font set has no Chinese font")
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    every = subprocess.run(
        [fc_list], capture_output=True, text=True, env=env, check=True, timeout=60
    ).stdout
    chinese = subprocess.run(
        [fc_list, ":lang=zh-cn"], capture_output=True, text=True, env=env, check=True, timeout=60
    ).stdout
    assert chinese.strip() == "", f"the test's font set has a Chinese font: {chinese}"
    assert str(tmp_path) in every or latin is None, every  # only our folder is seen
    return config


def test_the_bundled_font_stands_in_when_no_chinese_font_is_installed(
    fontconfig_without_chinese: Path,
) -> None:
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(fontconfig_without_chinese),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["bundled"] == "WenQuanYi Zen Hei"  # Qt saw no Chinese family: loaded ours
    assert facts["facts_bundled"] == "WenQuanYi Zen Hei"  # selftest says so
    assert facts["families"][0] == facts["bundled"]
    assert facts["resolved"] == facts["bundled"]
    assert "WenQuanYi Zen Hei" in facts["chinese_families"]
    assert all(facts["in_font"]), facts
    assert all(facts["raw_supports"]), facts


def test_an_installed_chinese_font_loads_nothing(gui_app: object) -> None:
    from PySide6.QtGui import QFontDatabase

    from jianshi_desktop.gui import app as app_module

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("this machine has no Chinese font")
    assert app_module.ensure_chinese_font() is None
    assert app_module.bundled_font_family() is None
