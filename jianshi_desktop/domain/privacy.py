"""Personal data as shown in what leaves the office (packages, printed rosters, the masked
roster workbook): ID numbers first 6 and last 4 characters only (see
:func:`jianshi_desktop.domain.idcard.mask_id_number`), birth dates as year and month,
phone numbers with the middle digits hidden.

The secretary's own working roster (``export_roster(mask_ids=False)``) keeps everything:
it must import again.
"""

from __future__ import annotations

import datetime as dt
import re

from jianshi_desktop.domain.text import squeeze, to_half_width

MASK = "*"
_MOBILE = re.compile(r"^(?:\+?86)?(1\d{10})$")
# Area code, local number (7 or 8 digits), an optional extension: 0718-3322123-8021.
_LANDLINE = re.compile(r"^(0\d{2,3})[-\s]?(\d{7,8})((?:[-\s]\d{1,6})?)$")


def birth_month(day: dt.date | None) -> str:
    """``1973-11`` for 25 November 1973: the year and month only; ``""`` without a date."""
    return f"{day.year:04d}-{day.month:02d}" if day else ""


def _mask_digits(text: str, keep_first: int, keep_last: int) -> str:
    """Every digit of ``text`` a ``*`` but the first ``keep_first`` and last ``keep_last``
    digits; other characters (dashes, spaces) stay."""
    positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    shown = set(positions[:keep_first]) | set(positions[len(positions) - keep_last :])
    return "".join(MASK if ch.isdigit() and i not in shown else ch for i, ch in enumerate(text))


def mask_phone(phone: str | None) -> str:
    """A phone number with the middle digits hidden.

    - mobile: the first 3 and last 4 digits, ``13812345678`` → ``138****5678``
      (``+86``, spaces and dashes dropped);
    - landline: the area code and the last 2 digits of the local number,
      ``0718-3322123`` → ``0718-*****23`` (an extension is hidden too);
    - anything else: with 11 or more digits the first 3 and last 4, with 6 to 10 digits
      the last 2, with fewer none of the digits.
    """
    text = to_half_width(squeeze(phone))
    if not text:
        return ""
    compact = re.sub(r"[\s-]", "", text)
    mobile = _MOBILE.match(compact)
    if mobile:
        number = mobile.group(1)
        return number[:3] + MASK * 4 + number[-4:]
    landline = _LANDLINE.match(text)
    if landline:
        area, local, extension = landline.groups()
        hidden_extension = re.sub(r"\d", MASK, extension)
        return f"{area}-{MASK * (len(local) - 2)}{local[-2:]}{hidden_extension}"
    digits = sum(ch.isdigit() for ch in text)
    if digits >= 11:
        return _mask_digits(text, 3, 4)
    if digits >= 6:
        return _mask_digits(text, 0, 2)
    return _mask_digits(text, 0, 0)
