"""Icons from ``resources/icons/`` (plain SVG line drawings made for this app).

Navigation icons come in two colours: dark grey normally, white on the red of the
current item, so the icon stays visible when the item is marked.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QIcon, QPixmap

from jianshi_desktop.paths import resources_dir

ICON_COLOUR = "#4A4A4A"
SELECTED_COLOUR = "#FFFFFF"


def icon_path(name: str) -> str:
    return str(resources_dir() / "icons" / f"{name}.svg")


def _pixmap(svg: str, size: int) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(svg.encode("utf-8")), "SVG")
    if pixmap.isNull():
        return pixmap
    return pixmap.scaled(QSize(size, size))


@cache
def nav_icon(name: str, size: int = 48) -> QIcon:
    """A navigation icon with a white variant for the selected item (empty if missing)."""
    try:
        with open(icon_path(name), encoding="utf-8") as handle:
            svg = handle.read()
    except OSError:
        return QIcon()
    icon = QIcon()
    icon.addPixmap(_pixmap(svg, size), QIcon.Mode.Normal)
    icon.addPixmap(_pixmap(svg.replace(ICON_COLOUR, SELECTED_COLOUR), size), QIcon.Mode.Selected)
    return icon


@cache
def app_icon() -> QIcon:
    return QIcon(icon_path("app"))
