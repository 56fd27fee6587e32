"""Normalising what people type or paste: full-width characters, stray spaces."""

from __future__ import annotations

import re

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space
_SPACES = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def to_half_width(text: str) -> str:
    """Full-width ASCII (０-９, Ａ-Ｚ, －, ／ …) to ordinary ASCII."""
    return text.translate(_FULL_WIDTH)


def clean(text: object) -> str:
    """A cell or field as text: spaces (also 　 and no-break) trimmed, inner runs folded."""
    if text is None:
        return ""
    return _SPACES.sub(" ", str(text)).strip()


def squeeze(text: object) -> str:
    """All white space removed: for names ("张 三" → "张三"), numbers and headers."""
    if text is None:
        return ""
    return _SPACES.sub("", str(text))
