"""Documents: the format-neutral model, page layouts, fonts, and the Word and PDF renderers.

No Qt and no database here (``tests/unit/test_layers.py``): builders turn records into a
:class:`Document`, and ``render_docx`` / ``render_pdf`` write the same pages. See
``docs/documents.md``.

The renderers are imported lazily (python-docx and reportlab take a moment to load)::

    from jianshi_desktop.documents.render_pdf import render_pdf
    from jianshi_desktop.documents.render_docx import render_docx
"""

from jianshi_desktop.documents.files import atomic_output, safe_file_name
from jianshi_desktop.documents.layout import (
    OFFICIAL,
    TABLE_FORM,
    LayoutKind,
    PageLayout,
    PageNumbering,
    customised,
    default_layout,
)
from jianshi_desktop.documents.model import (
    Block,
    Cell,
    Contents,
    ContentsEntry,
    Cover,
    Document,
    Heading,
    Masthead,
    PageBreak,
    Paragraph,
    SignatureBlock,
    SignatureLines,
    Table,
    Title,
)
from jianshi_desktop.documents.numbering import chinese_numeral, heading_number

__all__ = [
    "OFFICIAL",
    "TABLE_FORM",
    "Block",
    "Cell",
    "Contents",
    "ContentsEntry",
    "Cover",
    "Document",
    "Heading",
    "LayoutKind",
    "Masthead",
    "PageBreak",
    "PageLayout",
    "PageNumbering",
    "Paragraph",
    "SignatureBlock",
    "SignatureLines",
    "Table",
    "Title",
    "atomic_output",
    "chinese_numeral",
    "customised",
    "default_layout",
    "heading_number",
    "safe_file_name",
]
