"""Normalising what people type or paste: full-width characters, stray spaces, invisible
characters and digits from other scripts.

Numbers (ID numbers, phones) go through :func:`normalise_code`: invisible characters
removed, Unicode NFKC (full-width ５, mathematical 𝟓 → 5), then any Unicode decimal digit
(Arabic-Indic ٥, Devanagari ५ …) made ASCII, so one person's number is always the same
text. Names and other words go through :func:`squeeze` / :func:`clean`, which remove
spaces and invisible characters but never apply NFKC: NFKC leaves the ideographs of
ordinary names alone, but it would rewrite the CJK compatibility ideographs (U+F900 …)
and radicals a converted name may contain, so a name's characters stay as typed.
"""

from __future__ import annotations

import re
import unicodedata

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20  # ideographic space

# Characters that show nothing but make two equal-looking texts differ, by plain name.
_INVISIBLE_NAMES: dict[int, str] = {
    0x00AD: "软连字符",
    0x180E: "蒙古文元音分隔符",
    0x200B: "零宽空格",
    0x200C: "零宽非连接符",
    0x200D: "零宽连接符",
    0x200E: "文字方向标记",
    0x200F: "文字方向标记",
    0x2060: "零宽不换行符",
    0x2061: "不可见的数学符号",
    0x2062: "不可见的数学符号",
    0x2063: "不可见的数学符号",
    0x2064: "不可见的数学符号",
    0xFEFF: "零宽不换行空格",
}
_INVISIBLE_NAMES.update(dict.fromkeys(range(0x202A, 0x202F), "文字方向控制符"))
_INVISIBLE_NAMES.update(dict.fromkeys(range(0x2066, 0x206A), "文字方向控制符"))
_DROP_INVISIBLE = dict.fromkeys(_INVISIBLE_NAMES)
_INVISIBLE = re.compile("[" + "".join(map(chr, sorted(_INVISIBLE_NAMES))) + "]")
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


def to_half_width(text: str) -> str:
    """Full-width ASCII (０-９, Ａ-Ｚ, －, ／ …) to ordinary ASCII."""
    return text.translate(_FULL_WIDTH)


def invisible_characters(text: object) -> list[str]:
    """The plain names of the invisible characters in ``text``, each once, in order."""
    if text is None:
        return []
    found = (_INVISIBLE_NAMES[ord(ch)] for ch in _INVISIBLE.findall(str(text)))
    return list(dict.fromkeys(found))


def invisible_note(label: str, text: object) -> str:
    """“身份证号码中有看不见的字符（零宽空格），已去掉。”, or "" when there are none."""
    names = invisible_characters(text)
    if not names:
        return ""
    return f"{label}中有看不见的字符（{'、'.join(names)}），已去掉，请核对。"


def strip_invisible(text: str) -> str:
    """Zero-width spaces and joiners, direction marks, BOM, soft hyphens removed."""
    return text.translate(_DROP_INVISIBLE)


def ascii_digits(text: str) -> str:
    """Every Unicode decimal digit (٥, ۵, ५, ５, 𝟓 …) as its ASCII digit."""
    return "".join(
        str(unicodedata.decimal(ch)) if not ch.isascii() and ch.isdecimal() else ch for ch in text
    )


def normalise_code(raw: object) -> str:
    """A number as typed (ID number, phone): no spaces or invisible characters, NFKC,
    every decimal digit ASCII. Letters keep their case."""
    if raw is None:
        return ""
    text = unicodedata.normalize("NFKC", strip_invisible(str(raw)))
    return _SPACES.sub("", ascii_digits(text))


def clean(text: object) -> str:
    """A cell or field as text: spaces (also 　 and no-break) trimmed, inner runs folded;
    invisible characters (zero-width space, direction marks …) removed."""
    if text is None:
        return ""
    return _SPACES.sub(" ", strip_invisible(str(text))).strip()


def squeeze(text: object) -> str:
    """All white space and invisible characters removed: for names ("张 三" → "张三"),
    numbers and headers."""
    if text is None:
        return ""
    return _SPACES.sub("", strip_invisible(str(text)))
