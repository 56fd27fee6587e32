"""The attachments of a record: photos, a scanned sign-in sheet, the notice, other files.

A file the secretary picks is copied into the data folder at once
(:func:`services.attachments.entry_for`, content-addressed by SHA-256) and is never
referenced at its original path, which may be a USB stick gone tomorrow. Each file has a
kind (会议通知 / 签到表 / 现场照片 / 决议 / 其他材料) and an optional caption. Attachments
are always optional: nothing here is ever required.

API (kept small and stable; the theme-day wizard uses it too)::

    editor = AttachmentsEditor(store.data.attachments, parent)
    editor.set_entries(form.attachments)
    editor.changed.connect(...)
    form.attachments = editor.entries()
    editor.add_files([path, ...], kind=AttachmentKind.PHOTO)   # what the buttons do
    editor.set_read_only(True)

The buttons ask for files with :func:`choose_files` (a ``QFileDialog``); tests replace it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.enums import AttachmentKind
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.services.attachments import AttachmentEntry, blob_path, entry_for

THUMBNAIL = QSize(56, 42)
IMAGE_FILTER = "图片 (*.jpg *.jpeg *.png *.bmp *.gif *.webp *.JPG *.JPEG *.PNG)"
SCAN_FILTER = "图片或PDF (*.jpg *.jpeg *.png *.bmp *.pdf *.JPG *.JPEG *.PNG *.PDF)"
ALL_FILTER = "所有文件 (*)"
EMPTY_TEXT = (
    "还没有附件。附件不是必需的：如有会议通知、签到表扫描件或现场照片，可以用上面的按钮"
    "添加。文件会复制一份保存在数据文件夹中，原来的文件（例如U盘上的）拔走也不影响。"
)
CAPTION_MAX_LENGTH = 60

# (button text, dialog title, file filter, kind given to the files; None = guessed)
ADD_BUTTONS: tuple[tuple[str, str, str, AttachmentKind | None], ...] = (
    ("添加现场照片…", "选择现场照片", f"{IMAGE_FILTER};;{ALL_FILTER}", AttachmentKind.PHOTO),
    (
        "添加签到表…",
        "选择签到表（扫描件或照片）",
        f"{SCAN_FILTER};;{ALL_FILTER}",
        AttachmentKind.SIGN_IN,
    ),
    ("添加其他材料…", "选择会议通知、决议等材料", f"{ALL_FILTER};;{SCAN_FILTER}", None),
)


def choose_files(parent: QWidget | None, title: str, filters: str) -> list[Path]:
    """Ask for files to attach (several at once); an empty list when cancelled."""
    names, _chosen = QFileDialog.getOpenFileNames(
        parent, title, "", filters, options=QFileDialog.Option.HideNameFilterDetails
    )
    return [Path(name) for name in names]


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


class AttachmentsEditor(QWidget):
    """The attachments list with buttons to add photos, a sign-in sheet or other files."""

    changed = Signal()

    def __init__(
        self,
        attachments_dir: Path,
        parent: QWidget | None = None,
        *,
        add_buttons: Sequence[tuple[str, str, str, AttachmentKind | None]] = ADD_BUTTONS,
        empty_text: str = EMPTY_TEXT,
    ) -> None:
        """``add_buttons`` and ``empty_text``: a record that is no meeting (a 党费收缴's
        上缴凭证) offers its own kinds of file and says what they are for."""
        super().__init__(parent)
        self.setObjectName("attachmentsEditor")
        self.attachments_dir = attachments_dir
        self._entries: list[AttachmentEntry] = []
        self._read_only = False
        self.kind_combos: list[QComboBox] = []
        self.caption_edits: list[QLineEdit] = []
        self.remove_buttons: list[QPushButton] = []

        self.add_buttons: dict[AttachmentKind | None, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for text, title, filters, kind in add_buttons:
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _c=False, t=title, f=filters, k=kind: self._pick(t, f, k))
            self.add_buttons[kind] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        set_role(self.feedback, "hint")
        self.feedback.setVisible(False)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setAccessibleName("附件列表")
        self.empty_text = empty_text
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setWordWrap(True)
        set_role(self.empty_label, "notice")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(buttons)
        layout.addWidget(self.feedback)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.scroll_area, 1)
        self._rebuild()

    # --- the API ------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[AttachmentEntry]) -> None:
        self._entries = list(entries)
        self.feedback.setVisible(False)
        self._rebuild()

    def entries(self) -> list[AttachmentEntry]:
        return list(self._entries)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for button in self.add_buttons.values():
            button.setVisible(not read_only)
        self._rebuild()

    def add_files(self, paths: Sequence[Path], *, kind: AttachmentKind | None = None) -> int:
        """Copy ``paths`` into the data folder and list them; the number added.

        ``kind`` is given to every file (None: guessed from the name and type). A file
        already listed is not added twice; a file that cannot be copied is reported.
        """
        added: list[str] = []
        repeated: list[str] = []
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for path in paths:
                try:
                    entry = entry_for(self.attachments_dir, path)
                except UserError as exc:
                    QGuiApplication.restoreOverrideCursor()
                    messages.show_error(self, exc, title="无法添加附件")
                    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                    continue
                if any(e.sha256 == entry.sha256 for e in self._entries):
                    repeated.append(path.name)
                    continue
                if kind is not None:
                    entry = replace(entry, kind=kind)
                self._entries.append(entry)
                added.append(path.name)
        finally:
            QGuiApplication.restoreOverrideCursor()
        notes = []
        if added:
            notes.append(f"已添加 {len(added)} 个文件，已复制到数据文件夹中保存。")
        if repeated:
            notes.append(f"“{'”“'.join(repeated)}”已经在列表中，没有重复添加。")
        self.feedback.setText("".join(notes))
        self.feedback.setVisible(bool(notes))
        if added:
            self._rebuild()
            self.changed.emit()
        return len(added)

    def remove(self, row: int) -> None:
        entry = self._entries.pop(row)
        self.feedback.setText(f"已从列表中移除“{entry.file_name}”。")
        self.feedback.setVisible(True)
        self._rebuild()
        self.changed.emit()

    # --- building -----------------------------------------------------------------------

    def _pick(self, title: str, filters: str, kind: AttachmentKind | None) -> None:
        paths = choose_files(self, title, filters)
        if paths:
            self.add_files(paths, kind=kind)

    def _rebuild(self) -> None:
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.kind_combos, self.caption_edits, self.remove_buttons = [], [], []
        container = QWidget()
        grid = QGridLayout(container)
        grid.setContentsMargins(10, 8, 10, 8)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(3, 1)
        if self._entries:
            for column, text in ((1, "文件"), (2, "类别"), (3, "说明（可不填）")):
                label = QLabel(text, container)
                set_role(label, "hint")
                grid.addWidget(label, 0, column)
        for row, entry in enumerate(self._entries, start=1):
            self._add_row(container, grid, row, entry)
        grid.setRowStretch(len(self._entries) + 1, 1)
        self.scroll_area.setWidget(container)
        empty = not self._entries
        self.empty_label.setVisible(empty)
        self.scroll_area.setVisible(not empty)
        if empty and self._read_only:
            self.empty_label.setText("这份记录没有附件。")
        elif empty:
            self.empty_label.setText(self.empty_text)

    def _add_row(
        self, parent: QWidget, grid: QGridLayout, row: int, entry: AttachmentEntry
    ) -> None:
        number = row - 1
        picture = QLabel(parent)
        picture.setFixedSize(THUMBNAIL)
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        picture.setPixmap(self._thumbnail(entry))
        grid.addWidget(picture, row, 0)
        name = QLabel(f"{entry.file_name}\n{size_text(entry.size)}", parent)
        name.setTextFormat(Qt.TextFormat.PlainText)
        name.setToolTip(entry.file_name)
        name.setMaximumWidth(260)
        name.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        grid.addWidget(name, row, 1)
        kind = QComboBox(parent)
        for item in AttachmentKind:
            kind.addItem(item.label, item.value)
        kind.setCurrentIndex(kind.findData(entry.kind.value))
        kind.setEnabled(not self._read_only)
        kind.setAccessibleName(f"{entry.file_name}的类别")
        kind.currentIndexChanged.connect(lambda _i, n=number: self._kind_chosen(n))
        grid.addWidget(kind, row, 2)
        self.kind_combos.append(kind)
        caption = QLineEdit(entry.caption, parent)
        caption.setMaxLength(CAPTION_MAX_LENGTH)
        caption.setPlaceholderText("如 会议现场、签到表第1页")
        caption.setReadOnly(self._read_only)
        caption.setAccessibleName(f"{entry.file_name}的说明")
        caption.textChanged.connect(lambda text, n=number: self._caption_typed(n, text))
        grid.addWidget(caption, row, 3)
        self.caption_edits.append(caption)
        if not self._read_only:
            remove = QPushButton("移除", parent)
            remove.setAutoDefault(False)
            remove.setAccessibleName(f"移除附件{entry.file_name}")
            remove.clicked.connect(lambda _c=False, n=number: self.remove(n))
            grid.addWidget(remove, row, 4)
            self.remove_buttons.append(remove)

    def _thumbnail(self, entry: AttachmentEntry) -> QPixmap:
        path = blob_path(self.attachments_dir, entry.sha256)
        if entry.media_type.startswith("image/") and path.is_file():
            reader = QImageReader(str(path))
            reader.setAutoTransform(True)
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                return QPixmap.fromImage(image)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        return icon.pixmap(32, 32)

    # --- edits --------------------------------------------------------------------------

    def _kind_chosen(self, number: int) -> None:
        value = self.kind_combos[number].currentData()
        self._entries[number] = replace(self._entries[number], kind=AttachmentKind(value))
        self.changed.emit()

    def _caption_typed(self, number: int, text: str) -> None:
        self._entries[number] = replace(self._entries[number], caption=text)
        self.changed.emit()
