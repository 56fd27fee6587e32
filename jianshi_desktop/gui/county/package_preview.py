"""A PDF from a school's package in the app's own preview (QtPdf), from memory: 打印 and
另存为 PDF as for any document; no Word file (there is no document model behind it) and
nothing handed to another program."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from jianshi_desktop.documents.model import Document
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.documents.preview import PreviewDialog
from jianshi_desktop.gui.documents.rendering import Rendering, load_pdf

WORD_BUTTONS = ("saveWordButton", "openWordButton")


class PackagePreviewDialog(PreviewDialog):
    """The preview of a document read from a package: the Word buttons hidden."""

    def __init__(
        self, parent: QWidget | None, *, title: str, rendering: Rendering, data_root: Path
    ) -> None:
        super().__init__(parent, title=title, rendering=rendering, stem=title, data_root=data_root)
        for name in WORD_BUTTONS:
            self.buttons[name].hide()


def show_package_pdf(
    parent: QWidget, title: str, pdf: bytes, data_root: Path
) -> PackagePreviewDialog | None:
    """Show ``pdf`` (a package's document, read into memory) titled ``title``."""
    try:
        document, buffer = load_pdf(pdf)
    except UserError:
        messages.warning(
            parent,
            f"“{title}”无法显示：文件已损坏或不是 PDF。",
            title="无法查看文书",
            hint="请向这所学校要一份纸质件，或请学校重新生成报送包。",
        )
        return None
    pages = document.pageCount()
    document.close()
    buffer.close()
    document.deleteLater()
    safe = "".join(ch for ch in title if ch not in '\\/:*?"<>|')[:100] or "文书"
    rendering = Rendering(Document(title=safe), pdf, pages)
    dialog = PackagePreviewDialog(parent, title=safe, rendering=rendering, data_root=data_root)
    open_in_front(dialog)
    return dialog
