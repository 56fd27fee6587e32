"""The list of one procedure's records (三会一课, 主题党日, 谈心谈话): one widget for all three.

:class:`RecordListPage` shows the rows a callable gives, in columns the caller declares,
with the state column added at the end (草稿 / 已完成 / 已归档, and 补录 / 已更正 written
out, never shown by colour alone). Above the table: the actions (新建, 复制上次, 打开,
归档, 更正, 删除草稿, and on the right 预览, 打印…), each wired to a callback of the caller;
the same actions in the context menu; double-click opens. 预览 and 打印 are for finished
and archived records; on a draft they are greyed with the reason in their tooltip.
Filters: year (drafts of every year stay listed, so that none is forgotten), kind
(optional), state, and a search box that filters as you type. With no records at all
an empty state explains what goes here and offers the first action.

Usage::

    page = RecordListPage(
        noun="主题党日",
        rows=lambda: list_theme_days(),
        columns=(date_column(), Column("主题", lambda r: r.theme, width=260)),
        title_of=lambda r: f"{r.held_on.year}年{r.held_on.month}月主题党日",
        actions=RecordActions(
            new=(("记录主题党日", start_new),),
            open=open_record, copy=copy_record, archive=archive, amend=amend, delete=delete,
        ),
        empty_text="还没有主题党日记录。……",
    )

Call :meth:`RecordListPage.refresh` once built (and whenever the data may have changed).
Rows are any objects with ``id``, ``held_on``, ``state``, ``late_entry`` and ``amended``
(the ``*Row`` dataclasses of the services). After 归档 and 删除草稿 the page confirms,
calls the callback and reloads itself; after the other actions the caller calls
:meth:`RecordListPage.refresh` when its wizard closes. A callback that raises a
:class:`UserError` has its message shown; :meth:`RecordListPage.show_notice` offers the
next natural step after a record is finished.

A procedure's page is a :class:`RecordsPage` (:class:`FormRecordsPage` when its records
open from the service's form): the heading, the list, one record window at a time, the
notice after 完成 and ``perform()`` for the reminder that opens a new record. Each page
declares only what differs: its columns, texts, services and wizard.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.flow import wrap_row
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import (
    heading,
    make_primary,
    prepare_table,
    select_row,
    set_role,
)
from jianshi_desktop.gui.records.wizard import STATE_MODES, DraftWizard, Mode

if TYPE_CHECKING:  # the preview (QtPdf) loads when a record is first printed
    from jianshi_desktop.gui.documents.preview import RecordStep
    from jianshi_desktop.services.documents import RecordType
    from jianshi_desktop.services.lifecycle import RecordKind


ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
SortKey = str | int | float | dt.date


class RecordRow(Protocol):
    """What the list needs of a row (the services' MeetingRow, ThemeDayRow, HeartTalkRow)."""

    @property
    def id(self) -> int: ...
    @property
    def held_on(self) -> dt.date: ...
    @property
    def state(self) -> RecordState: ...
    @property
    def late_entry(self) -> bool: ...
    @property
    def amended(self) -> bool: ...


@dataclass(frozen=True)
class Column:
    """One column: its header, the text of a row, and optionally how it sorts (default: by
    the text, in pinyin order), the most pixels it takes (0: as wide as its texts; a
    longer text is cut with "…") and a tooltip. The widest declared column is the title:
    it takes the room the others leave."""

    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], SortKey] | None = None
    width: int = 0
    tooltip: Callable[[Any], str] | None = None


def date_column(title: str = "日期", *, width: int = 0) -> Column:
    """The record's date (``held_on``), written 2026年3月10日, sorting by date."""
    return Column(
        title, lambda r: format_date(r.held_on), sort_key=lambda r: r.held_on, width=width
    )


def attendance_text(row: Any) -> str:
    """实到 10/应到 12 (``present`` and ``expected`` of the row); "" with nobody expected."""
    return f"实到 {row.present}/应到 {row.expected}" if row.expected else ""


def attendance_column(
    text: Callable[[Any], str] = attendance_text, *, tooltip: Callable[[Any], str]
) -> Column:
    """出席, sorting by the number present."""
    return Column("出席", text, sort_key=lambda r: r.present, tooltip=tooltip)


@dataclass(frozen=True)
class KindFilter:
    """The optional 类型 filter: ``choices`` are (label, value); ``of(row)`` is the row's value."""

    choices: Sequence[tuple[str, object]]
    of: Callable[[Any], object]
    all_text: str = "全部类型"


@dataclass(frozen=True)
class RecordActions:
    """The caller's callbacks. ``new`` is one (label, callback) — a button — or several — a
    button with a menu. ``copy`` (复制上次) receives the selected row or, with nothing
    selected, the newest finished record (:meth:`RecordListPage.latest_row`). An action
    left ``None`` has no button and no menu entry. 归档 and 删除草稿 are confirmed by the
    page (with the record's name) before their callback runs; 删除草稿 only for drafts;
    预览 and 打印 only for finished and archived records (a draft is not a record yet)."""

    new: Sequence[tuple[str, Callable[[], object]]]
    open: Callable[[Any], object]
    copy: Callable[[Any], object] | None = None
    archive: Callable[[Any], object] | None = None
    amend: Callable[[Any], object] | None = None
    delete: Callable[[Any], object] | None = None
    preview: Callable[[Any], object] | None = None  # 预览: the record as it prints
    print_out: Callable[[Any], object] | None = None  # 打印…: the print dialog at once


class NoticeAction(NamedTuple):
    """A button of :meth:`RecordListPage.show_notice`: its label, what it does, and whether
    the notice stays once it is clicked (a plain (label, callback) pair closes it)."""

    label: str
    call: Callable[[], object]
    keep_open: bool = False


class RecordPrinting:
    """预览 and 打印… of one kind of record from its list page, and the steps offered once a
    record is finished; ``data_root`` is the data folder (the preview's scratch files)."""

    def __init__(self, page: QWidget, record_type: RecordType, data_root: Path) -> None:
        self.page = page
        self.record_type: RecordType = record_type
        self.data_root = data_root

    def open(self, record_id: int, *, then: RecordStep = "show") -> object:
        """预览 (``then`` "show") or 打印… ("print") the finished record ``record_id``."""
        from jianshi_desktop.gui.documents.preview import open_record

        return open_record(
            self.page, self.record_type, record_id, then=then, data_root=self.data_root
        )

    def offer(
        self,
        listing: RecordListPage,
        text: str,
        record_id: int,
        *more: NoticeAction | tuple[str, Callable[[], object]],
    ) -> None:
        """The notice after 完成: ``text``, 预览并打印, 保存为 PDF/Word, then ``more``."""
        from jianshi_desktop.gui.documents.preview import record_notice_actions

        steps = record_notice_actions(self.page, self.record_type, record_id, self.data_root)
        listing.show_notice(text, (*steps, *more))


# --- the state, in words ---------------------------------------------------------------

PREVIEW_TIP = "看选中的记录打印出来的样子，也可以从那里打印或另存为 PDF、Word 文件"
PRINT_TIP = "打印选中的记录"
DRAFT_PRINT_TIP = "先完成记录，才能预览和打印。"
CALLBACK_OF = {"print": "print_out"}  # a button whose RecordActions field is named otherwise

SORT_MARK_WIDTH = 20  # room beside a heading for the sort arrow
STATE_ORDER = {RecordState.DRAFT: 0, RecordState.FINISHED: 1, RecordState.ARCHIVED: 2}
LATE_TIP = "补录：活动之后隔了较长时间才完成记录，台账中如实注明“补录”。"
AMENDED_TIP = "已更正：归档后作过更正，原来的记录和更正原因都保留着，打开可以查看。"


def is_draft(row: RecordRow) -> bool:
    return row.state is RecordState.DRAFT


def state_text(row: RecordRow) -> str:
    """``草稿``, ``已完成``, ``已归档``, with ``（补录，已更正）`` when they apply."""
    marks = [mark for mark, on in (("补录", row.late_entry), ("已更正", row.amended)) if on]
    return row.state.label + (f"（{'，'.join(marks)}）" if marks else "")


def _state_tooltip(row: RecordRow) -> str:
    tips = {
        RecordState.DRAFT: "草稿：还没有完成，可以继续填写，也可以删除。",
        RecordState.FINISHED: "已完成：可以打开修改；核对无误后可以归档。",
        RecordState.ARCHIVED: "已归档：只能查看；如需修改，请用“更正”并写明原因。",
    }
    lines = [tips[row.state]]
    if row.late_entry:
        lines.append(LATE_TIP)
    if row.amended:
        lines.append(AMENDED_TIP)
    return "\n".join(lines)


STATE_COLUMN = Column(
    "状态",
    state_text,
    sort_key=lambda r: STATE_ORDER[r.state] * 4 + 2 * bool(r.late_entry) + bool(r.amended),
    width=150,
    tooltip=_state_tooltip,
)

ALL = object()  # "no filter" for the kind filter (None may be a real kind value)
STATE_CHOICES: tuple[tuple[str, str], ...] = (
    ("全部状态", "all"),
    ("草稿", RecordState.DRAFT.value),
    ("已完成", RecordState.FINISHED.value),
    ("已归档", RecordState.ARCHIVED.value),
    ("补录", "late"),
)
ALL_YEARS = "全部年份"


# --- model and proxy -------------------------------------------------------------------


class RecordTableModel(QAbstractTableModel):
    """Rows of any record type, in the declared columns."""

    def __init__(self, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: tuple[Column, ...] = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def row_of(self, record_id: int) -> int:
        for number, record in enumerate(self._rows):
            if record.id == record_id:
                return number
        return -1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        handler = self._ROLES.get(role)
        if handler is None:
            return None
        return handler(self, self._rows[index.row()], self.columns[index.column()])

    def text(self, row: Any, column: Column) -> str:
        return column.text(row)

    def sort_key(self, row: Any, column: Column) -> SortKey:
        return column.sort_key(row) if column.sort_key else column.text(row)

    def _sort(self, row: Any, column: Column) -> str:
        key = self.sort_key(row, column)
        return key.isoformat() if isinstance(key, dt.date) else str(key)

    def _row(self, row: Any, column: Column) -> Any:
        return row

    def _tooltip(self, row: Any, column: Column) -> str | None:
        if column.tooltip is not None:
            return column.tooltip(row) or None
        return None

    _ROLES: ClassVar[dict[int, Callable[[RecordTableModel, Any, Column], object]]] = {
        Qt.ItemDataRole.DisplayRole: text,
        SORT_ROLE: _sort,
        ROW_ROLE: _row,
        Qt.ItemDataRole.ToolTipRole: _tooltip,
    }


class RecordFilterProxy(QSortFilterProxyModel):
    """Sorting (dates as dates, numbers as numbers, text in pinyin order) and the filters."""

    def __init__(self, kind_of: Callable[[Any], object] | None, parent: QWidget | None = None):
        super().__init__(parent)
        self._kind_of = kind_of
        self.year: int | None = None
        self.kind: object = ALL
        self.state = "all"
        self.search = ""
        self.setSortRole(SORT_ROLE)
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

    def set_filters(self, **values: object) -> None:
        # Qt 6.10 replaced invalidateFilter() by begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.__dict__.update(values)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt before 6.10
            self.__dict__.update(values)
            self.invalidateFilter()

    def _model(self) -> RecordTableModel:
        model = self.sourceModel()
        assert isinstance(model, RecordTableModel)
        return model

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        model = self._model()
        column = model.columns[left.column()]
        a = model.sort_key(model.row_at(left.row()), column)
        b = model.sort_key(model.row_at(right.row()), column)
        if isinstance(a, str) and isinstance(b, str):
            return self._collator.compare(a, b) < 0
        if type(a) is type(b) or (isinstance(a, int | float) and isinstance(b, int | float)):
            return a < b  # type: ignore[operator]
        return str(a) < str(b)

    def accepts(self, row: Any) -> bool:
        # A draft shows under every year (its date names its own): none hides behind the filter.
        if self.year is not None and row.held_on.year != self.year and not is_draft(row):
            return False
        if self.kind is not ALL and self._kind_of is not None and self._kind_of(row) != self.kind:
            return False
        if self.state == "late":
            if not row.late_entry:
                return False
        elif self.state != "all" and row.state.value != self.state:
            return False
        words = self.search.split()
        if not words:
            return True
        model = self._model()
        haystack = " ".join(column.text(row) for column in model.columns).casefold()
        return all(word.casefold() in haystack for word in words)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        return self.accepts(self._model().row_at(source_row))

    def row_at(self, proxy_row: int) -> Any:
        return self._model().row_at(self.mapToSource(self.index(proxy_row, 0)).row())

    def proxy_row_of(self, record_id: int) -> int:
        model = self._model()
        source = model.row_of(record_id)
        if source < 0:
            return -1
        return self.mapFromSource(model.index(source, 0)).row()


# --- the widget --------------------------------------------------------------------------

NOTICE_STYLE = (
    "QFrame#noticeFrame { background: #EEF6EE; border: 1px solid #A9CFAF; border-radius: 4px; }"
)


class RecordListPage(QWidget):
    """A procedure's records: actions, filters, a sortable table, an empty state.

    ``noun`` names the records in messages (主题党日 → 没有符合条件的主题党日记录);
    ``title_of(row)`` names one record in confirmations (删除草稿「2026年3月主题党日」？).
    ``status`` carries a line for the status bar after an action.
    """

    status = Signal(str)
    BUTTONS: ClassVar[tuple[str, ...]] = (
        "new",
        "copy",
        "open",
        "archive",
        "amend",
        "delete",
        "preview",
        "print",
    )

    def __init__(
        self,
        *,
        noun: str,
        rows: Callable[[], Sequence[Any]],
        columns: Sequence[Column],
        title_of: Callable[[Any], str],
        actions: RecordActions,
        empty_text: str,
        empty_action_text: str = "",
        kinds: KindFilter | None = None,
        search_hint: str = "",
        sort_column: int = 0,
        all_years: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not actions.new:
            raise ValueError("RecordActions.new needs at least one action")
        self.noun = noun
        self._rows = rows
        self.title_of = title_of
        self.callbacks = actions
        self.kinds = kinds
        # a yearly kind (组织生活会, 民主评议) lists every year at first: this year's record
        # is often still to come, and last year's is the one to copy or look at
        self.all_years = all_years
        self.ui = load_form("record_list_page", self)
        self.buttons = {name: child(self.ui, QPushButton, f"{name}Button") for name in self.BUTTONS}
        self.stack = child(self.ui, QStackedWidget, "contentStack")
        self.list_page = child(self.ui, QWidget, "listPage")
        self.empty_page = child(self.ui, QWidget, "emptyPage")
        self.empty_notice = child(self.ui, QLabel, "emptyNotice")
        self.empty_button = child(self.ui, QPushButton, "emptyButton")
        self.search_edit = child(self.ui, QLineEdit, "searchEdit")
        self.year_combo = child(self.ui, QComboBox, "yearCombo")
        self.kind_combo = child(self.ui, QComboBox, "kindCombo")
        self.state_combo = child(self.ui, QComboBox, "stateCombo")
        self.shown_label = child(self.ui, QLabel, "shownLabel")
        self.no_match_label = child(self.ui, QLabel, "noMatchLabel")
        self.table = child(self.ui, QTableView, "recordTable")
        self.notice_frame = child(self.ui, QFrame, "noticeFrame")
        self.notice_label = child(self.ui, QLabel, "noticeLabel")
        self.notice_buttons: list[QPushButton] = []
        self._notice_row = self.notice_frame.findChild(QHBoxLayout, "noticeButtons")

        self.model = RecordTableModel((*columns, STATE_COLUMN), self)
        self.proxy = RecordFilterProxy(kinds.of if kinds else None, self)
        self.proxy.setSourceModel(self.model)
        self._set_up_actions(empty_action_text)
        self._set_up_filters(search_hint)
        self._set_up_table(sort_column)
        # wrap, not widen the page, when narrow
        self._actions_row = wrap_row(child(self.ui, QHBoxLayout, "actionsRow"), self.ui)
        wrap_row(child(self.ui, QHBoxLayout, "filterRow"), self.ui)
        self.empty_notice.setText(empty_text)
        set_role(self.empty_notice, "notice")
        set_role(self.no_match_label, "hint")
        set_role(self.shown_label, "hint")
        self.notice_frame.setStyleSheet(NOTICE_STYLE)
        self.notice_frame.hide()
        close = child(self.ui, QPushButton, "noticeCloseButton")
        close.clicked.connect(self.hide_notice)
        close.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        frame_layout = self.notice_frame.layout()
        if isinstance(frame_layout, QHBoxLayout):
            frame_layout.setStretchFactor(self.notice_label, 1)

    # --- building -----------------------------------------------------------------------

    def _set_up_actions(self, empty_action_text: str) -> None:
        new = self.buttons["new"]
        first_label, _first = self.callbacks.new[0]
        make_primary(new)
        make_primary(self.empty_button)
        if len(self.callbacks.new) == 1:
            new.setText(first_label)
            new.clicked.connect(lambda: self.new_record(0))
        else:
            new.setText("新建")
            menu = QMenu(new)
            for number, (label, _callback) in enumerate(self.callbacks.new):
                action = menu.addAction(label)
                action.triggered.connect(lambda _c=False, n=number: self.new_record(n))
            new.setMenu(menu)
        self.empty_button.setText(empty_action_text or first_label)
        self.empty_button.clicked.connect(lambda: self.new_record(0))
        wiring: dict[str, tuple[object, Callable[[], object], str]] = {
            "copy": (
                self.callbacks.copy,
                self.copy_last,
                "以选中的记录（没有选中时为最近一次）为底稿新建，日期和出席情况重新填写",
            ),
            "open": (self.callbacks.open, self.open_selected, "打开选中的记录（也可以双击）"),
            "archive": (
                self.callbacks.archive,
                self.archive_selected,
                "核对无误的记录归档；归档后只能查看，修改要写明原因作“更正”",
            ),
            "amend": (
                self.callbacks.amend,
                self.amend_selected,
                "更正已归档的记录：要写明原因，原记录保留",
            ),
            "delete": (
                self.callbacks.delete,
                self.delete_selected,
                "删除选中的草稿（已完成的记录不能删除）",
            ),
            "preview": (self.callbacks.preview, self.preview_selected, PREVIEW_TIP),
            "print": (self.callbacks.print_out, self.print_selected, PRINT_TIP),
        }
        for name, (callback, slot, tip) in wiring.items():
            button = self.buttons[name]
            button.setVisible(callback is not None)
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, s=slot: s())

    def add_buttons(self, *buttons: QPushButton) -> None:
        """The kind's own documents (测评表, 召开情况报告, 季度汇总 …) after 预览 and 打印,
        in the same row on every page."""
        for button in buttons:
            self._actions_row.addWidget(button)
            button.show()  # at once, also on a page already shown

    def _set_up_filters(self, search_hint: str) -> None:
        self.search_edit.setPlaceholderText(search_hint or "输入任意文字，如主题、地点、姓名")
        for text, value in STATE_CHOICES:
            self.state_combo.addItem(text, value)
        kind_label = child(self.ui, QLabel, "kindLabel")
        if self.kinds is None:
            kind_label.hide()
            self.kind_combo.hide()
        else:
            self.kind_combo.addItem(self.kinds.all_text, ALL)
            for kind_text, kind_value in self.kinds.choices:
                self.kind_combo.addItem(kind_text, kind_value)
        self.search_edit.textChanged.connect(lambda _t: self._filter_changed())
        for combo in (self.year_combo, self.kind_combo, self.state_combo):
            combo.currentIndexChanged.connect(lambda _i: self._filter_changed())

    def _set_up_table(self, sort_column: int) -> None:
        table = self.table
        table.setModel(self.proxy)
        header = prepare_table(table, f"{self.noun}记录")
        # The title column (the one declared widest) takes the room the others leave, a
        # long title cut with "…" (its tooltip shows it whole); every other column is as
        # wide as its widest text, at most its declared width, 状态 always whole
        # (_fit_columns, once a refresh): at 1024×768 the 状态 column shows in full.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        declared = self.model.columns[:-1]  # 状态 is never the one that gives way
        self.title_column = max(range(len(declared)), key=lambda n: declared[n].width)
        header.setSectionResizeMode(self.title_column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("党党") + 16)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        table.setWordWrap(False)
        self._fit_columns()
        table.viewport().installEventFilter(self)
        table.sortByColumn(sort_column, Qt.SortOrder.DescendingOrder)
        table.doubleClicked.connect(self._double_clicked)
        table.customContextMenuRequested.connect(self._context_menu)
        table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())

    def text_size_changed(self) -> None:
        """设置 → 文字大小 changed (gui/app.py apply_text_scale): measure the columns again."""
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column but the title as wide as its widest text (measured from the rows,
        one pass), the heading and its sort mark included; at most its declared width (so
        that at a larger text size a long 类别 or 地点 is cut with "…", not 状态)."""
        table = self.table
        header = table.horizontalHeader()
        cells = table.fontMetrics()
        headings = header.fontMetrics()
        padding = 2 * table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 16
        rows = self.model.rows()
        state = len(self.model.columns) - 1
        widths: list[int] = []
        least: list[int] = []
        for number, column in enumerate(self.model.columns):
            widest = max((cells.horizontalAdvance(column.text(row)) for row in rows), default=0)
            heading = headings.horizontalAdvance(column.title) + SORT_MARK_WIDTH + padding
            width = max(widest + padding, heading)
            if column.width and number != state:
                width = min(width, max(column.width, heading))
            widths.append(0 if number == self.title_column else width)
            # what may give way when the table is narrow: a capped column, to its heading
            least.append(heading if column.width and number != state else width)
        self._column_widths = (widths, least)
        self._share_width()

    def _share_width(self) -> None:
        """Set the widths of :meth:`_fit_columns`; when they and the title's least width do
        not fit the table, the capped columns (类别, 地点 …) give way, never 状态."""
        widths, least = (list(w) for w in self._column_widths)
        header = self.table.horizontalHeader()
        title_least = self.table.fontMetrics().horizontalAdvance("党" * 6)  # a title's start
        room = self.table.viewport().width() - title_least
        excess = sum(widths) - room
        spare = sum(w - low for w, low in zip(widths, least, strict=True) if w > low)
        if excess > 0 and spare > 0:
            for number, low in enumerate(least):
                if widths[number] > low:
                    cut = -(-(widths[number] - low) * min(excess, spare) // spare)  # rounded up
                    widths[number] -= cut
        for number, width in enumerate(widths):
            if number != self.title_column:
                header.resizeSection(number, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._share_width()  # a narrower table: the capped columns give way
        return super().eventFilter(watched, event)

    # --- loading and filtering ------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the rows, keeping the filters and the selection."""
        selected = self.selected_row()
        rows = list(self._rows())
        self.model.set_rows(rows)
        self._fit_columns()
        self._fill_years(rows)
        empty = not rows
        self.stack.setCurrentWidget(self.empty_page if empty else self.list_page)
        for name, button in self.buttons.items():  # the empty page offers its own button
            if name == "new":
                button.setVisible(not empty or len(self.callbacks.new) > 1)
            else:
                callback = getattr(self.callbacks, CALLBACK_OF.get(name, name))
                button.setVisible(callback is not None and not empty)
        self._filter_changed()
        if selected is not None:
            self.select_record(selected.id)

    def _fill_years(self, rows: list[Any]) -> None:
        if self.year_combo.count():
            current = self.year_combo.currentData()
        else:
            current = None if self.all_years else dt.date.today().year
        years = sorted({row.held_on.year for row in rows} | {dt.date.today().year}, reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(f"{year}年", year)
        self.year_combo.addItem(ALL_YEARS, None)
        index = self.year_combo.findData(current) if current is not None else len(years)
        self.year_combo.setCurrentIndex(max(index, 0))
        self.year_combo.blockSignals(False)

    def _filter_changed(self) -> None:
        self.proxy.set_filters(
            year=self.year_combo.currentData(),
            kind=self.kind_combo.currentData() if self.kinds is not None else ALL,
            state=self.state_combo.currentData() or "all",
            search=self.search_edit.text(),
        )
        shown = self.proxy.rowCount()
        self.shown_label.setText(f"列表中 {shown} 条")
        no_match = shown == 0 and self.model.rowCount() > 0
        if no_match:
            self.no_match_label.setText(
                f"没有符合条件的{self.noun}记录。请换个搜索词，或把“年份”改为“{ALL_YEARS}”、"
                "“状态”改为“全部状态”。"
            )
        self.no_match_label.setVisible(no_match)
        self._update_actions()

    def choose_year(self, year: int | None) -> None:
        """Set the 年份 filter (None: 全部年份)."""
        index = self.year_combo.findData(year) if year is not None else self.year_combo.count() - 1
        if index < 0:
            raise LookupError(year)
        self.year_combo.setCurrentIndex(index)

    # --- rows and selection ---------------------------------------------------------------

    def all_rows(self) -> list[Any]:
        return self.model.rows()

    def selected_row(self) -> Any | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.proxy.row_at(rows[0].row()) if rows else None

    def select_record(self, record_id: int) -> bool:
        """Select the record ``record_id``, widening the filters if they hide it."""
        row = self.proxy.proxy_row_of(record_id)
        if row < 0 and self.model.row_of(record_id) >= 0:
            self.search_edit.clear()
            self.state_combo.setCurrentIndex(0)
            self.kind_combo.setCurrentIndex(0)
            self.choose_year(None)
            row = self.proxy.proxy_row_of(record_id)
        if row < 0:
            self.table.clearSelection()
            return False
        select_row(self.table, row)
        return True

    def _update_actions(self) -> None:
        row = self.selected_row()
        state = row.state if row is not None else None
        self.buttons["open"].setEnabled(row is not None)
        self.buttons["archive"].setEnabled(state is RecordState.FINISHED)
        self.buttons["amend"].setEnabled(state is RecordState.ARCHIVED)
        self.buttons["delete"].setEnabled(state is RecordState.DRAFT)
        self.buttons["copy"].setEnabled(self.model.rowCount() > 0)
        printable = row is not None and state is not RecordState.DRAFT
        for name, tip in (("preview", PREVIEW_TIP), ("print", PRINT_TIP)):
            self.buttons[name].setEnabled(printable)
            self.buttons[name].setToolTip(DRAFT_PRINT_TIP if state is RecordState.DRAFT else tip)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._call(self.callbacks.open, self.proxy.row_at(index.row()))

    def context_actions(self) -> list[QAction]:
        """The context menu for the selected record: the same actions as the buttons."""
        row = self.selected_row()
        state = row.state if row is not None else None
        entries: list[tuple[str, Callable[[], object], bool]] = [
            ("打开", self.open_selected, row is not None)
        ]
        printable = row is not None and state is not RecordState.DRAFT
        if self.callbacks.preview is not None:
            entries.append(("预览", self.preview_selected, printable))
        if self.callbacks.print_out is not None:
            entries.append(("打印…", self.print_selected, printable))
        if self.callbacks.copy is not None:
            entries.append(("复制这条记录新建", self.copy_last, row is not None))
        if self.callbacks.archive is not None:
            entries.append(("归档…", self.archive_selected, state is RecordState.FINISHED))
        if self.callbacks.amend is not None:
            entries.append(("更正…", self.amend_selected, state is RecordState.ARCHIVED))
        if self.callbacks.delete is not None:
            entries.append(("删除草稿…", self.delete_selected, state is RecordState.DRAFT))
        for number, (label, _callback) in enumerate(self.callbacks.new):
            entries.append((label, partial(self.new_record, number), True))
        actions = []
        for text, slot, enabled in entries:
            action = QAction(text, self)
            action.triggered.connect(lambda _c=False, s=slot: s())
            action.setEnabled(enabled)
            if text in ("预览", "打印…") and state is RecordState.DRAFT:
                action.setToolTip(DRAFT_PRINT_TIP)
            actions.append(action)
        return actions

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid():
            self.select_record(self.proxy.row_at(index.row()).id)
        menu = QMenu(self)
        menu.setToolTipsVisible(True)  # a greyed 打印 says why
        actions = self.context_actions()
        new_count = len(self.callbacks.new)
        for number, action in enumerate(actions):
            if number == len(actions) - new_count:
                menu.addSeparator()
            menu.addAction(action)
        menu.exec(self.table.viewport().mapToGlobal(position))

    # --- actions --------------------------------------------------------------------------

    def _call(self, callback: Callable[..., object] | None, *args: object) -> bool:
        if callback is None:
            return False
        try:
            callback(*args)
        except UserError as exc:  # a refusal (归档 of what changed meanwhile …): said as it is
            messages.show_error(self, exc)
            return False
        return True

    def _need_selection(self) -> Any | None:
        row = self.selected_row()
        if row is None:
            messages.information(
                self, f"请先在列表中点选一条{self.noun}记录。", title="没有选中记录"
            )
        return row

    def new_record(self, number: int = 0) -> None:
        self._call(self.callbacks.new[number][1])

    def latest_row(self) -> Any | None:
        """The newest finished (or archived) record; the newest draft when there is none."""
        rows = sorted(self.model.rows(), key=lambda r: (r.held_on, r.id), reverse=True)
        done = [r for r in rows if r.state is not RecordState.DRAFT]
        return (done or rows or [None])[0]

    def copy_last(self) -> None:
        row = self.selected_row() or self.latest_row()
        if row is None:
            messages.information(self, f"还没有可以复制的{self.noun}记录。", title="复制上次")
            return
        self._call(self.callbacks.copy, row)

    def open_selected(self) -> None:
        row = self._need_selection()
        if row is not None:
            self._call(self.callbacks.open, row)

    def _printable_selection(self) -> Any | None:
        row = self._need_selection()
        if row is not None and row.state is RecordState.DRAFT:
            messages.information(
                self,
                f"「{self.title_of(row)}」还是草稿，{DRAFT_PRINT_TIP}",
                title="预览和打印",
            )
            return None
        return row

    def preview_selected(self) -> None:
        """预览: the selected record as it prints (打印 and 另存为 from there)."""
        row = self._printable_selection()
        if row is not None:
            self._call(self.callbacks.preview, row)

    def print_selected(self) -> None:
        """打印…: the selected record laid out, then the print dialog."""
        row = self._printable_selection()
        if row is not None:
            self._call(self.callbacks.print_out, row)

    def archive_selected(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        title = self.title_of(row)
        if row.state is not RecordState.FINISHED:
            why = "还是草稿，请先完成再归档" if row.state is RecordState.DRAFT else "已经归档"
            messages.information(self, f"「{title}」{why}。", title="归档")
            return
        if not messages.ask(
            self,
            f"归档「{title}」？",
            title="归档",
            hint="归档后只能查看，不能直接修改；如需修改，要写明原因作“更正”，原记录保留。",
            yes_text="归档",
            no_text="取消",
        ):
            return
        if self._call(self.callbacks.archive, row):
            self.refresh()
            self.select_record(row.id)
            self.status.emit(f"已归档「{title}」。")

    def amend_selected(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        if row.state is not RecordState.ARCHIVED:
            messages.information(
                self,
                f"「{self.title_of(row)}」还没有归档，不需要更正。",
                title="更正",
                hint="请点“打开”直接修改。",
            )
            return
        self._call(self.callbacks.amend, row)

    def delete_selected(self) -> None:
        row = self._need_selection()
        if row is None:
            return
        title = self.title_of(row)
        if row.state is not RecordState.DRAFT:
            messages.information(
                self,
                f"「{title}」{row.state.label}，不能删除；只有草稿可以删除。",
                title="删除草稿",
                hint="如内容有误，请打开修改；已归档的记录请用“更正”。",
            )
            return
        if not messages.ask(
            self,
            f"删除草稿「{title}」？",
            title="删除草稿",
            hint="删除后不能恢复。",
            yes_text="删除",
            no_text="保留",
        ):
            return
        if self._call(self.callbacks.delete, row):
            self.refresh()
            self.status.emit(f"已删除草稿「{title}」。")

    # --- the next step, offered -------------------------------------------------------------

    def show_notice(
        self,
        text: str,
        actions: Sequence[NoticeAction | tuple[str, Callable[[], object]]] = (),
    ) -> None:
        """A line above the list, e.g. after finishing a record, with buttons for the next
        natural step (归档, 再记录一次 …); it stays until 知道了 or the next notice. A button
        goes with the notice when clicked, unless its action says ``keep_open`` (预览并打印:
        归档 may still follow)."""
        self.hide_notice()
        self.notice_label.setText(text)
        for action in actions:
            label, callback, keep_open = NoticeAction(*action)
            button = QPushButton(label, self.notice_frame)
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)

            def clicked(
                _checked: bool = False,
                call: Callable[[], object] = callback,
                close: bool = not keep_open,
            ) -> None:
                if close:
                    self.hide_notice()
                self._call(call)

            button.clicked.connect(clicked)
            if self._notice_row is not None:
                self._notice_row.addWidget(button)
            self.notice_buttons.append(button)
        self.notice_frame.show()

    def hide_notice(self) -> None:
        for button in self.notice_buttons:
            button.hide()
            button.deleteLater()
        self.notice_buttons = []
        self.notice_frame.hide()


# --- a procedure's page --------------------------------------------------------------------

W = TypeVar("W", bound=DraftWizard)

BUSY_HINT = "请先在那个窗口中完成或关闭，再打开别的记录。"


def reminder_date(params: dict[str, object]) -> dt.date | None:
    """The ``date`` of a reminder's action (ISO text), None without one; ValueError if bad."""
    value = params.get("date")
    return dt.date.fromisoformat(value) if isinstance(value, str) else None


class RecordsPage(Page):
    """A procedure's page (三会一课, 主题党日, 谈心谈话): its heading, what the page shows
    under it, the list of its records and one record window (a :class:`DraftWizard`) at a
    time; after 完成 the list offers the next steps (预览并打印 …, 归档).

    A subclass sets ``KIND`` (the kind of record, ``services.record_kinds``: its name is the
    page's title; its lifecycle archives and deletes; a reminder's ``new_<record_type>``
    opens a new one, see :meth:`perform`), ``NOUN`` (会议 → 已经打开了一个会议记录窗口) and
    ``FINISHED_TEXT``; it builds its list with :meth:`add_list` and :meth:`record_actions`
    and opens records with :meth:`show_wizard`.
    """

    filled_when_built = True  # the subclass's __init__ ends with refresh()
    KIND: ClassVar[RecordKind[Any]]
    NOUN: ClassVar[str] = ""
    # the notice after 完成; {title}: the record (the list's title_of), {late}: （补录）
    FINISHED_TEXT: ClassVar[str] = (
        "已完成「{title}」的记录。可以预览并打印，或保存为 PDF、Word 文件；"
        "核对无误后可以归档，归档后只能查看。"
    )

    def __init__(self, key: str, parent: QWidget | None, *, data_root: Path) -> None:
        super().__init__(key, parent)
        self.printing = RecordPrinting(self, self.KIND.record_type, data_root)
        self.wizard: DraftWizard | None = None
        self.list: RecordListPage  # built by the subclass with add_list()
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(28, 20, 28, 16)
        self.page_layout.setSpacing(10)
        self.page_layout.addWidget(heading(self.KIND.name, self))

    def add_list(self, **options: Any) -> RecordListPage:
        """The list of records (:class:`RecordListPage` with ``options``), below the rest."""
        self.list = RecordListPage(noun=self.NOUN, parent=self, **options)
        self.list.status.connect(self.status.emit)
        self.page_layout.addWidget(self.list, 1)
        return self.list

    def record_actions(self, new: Sequence[tuple[str, Callable[[], object]]]) -> RecordActions:
        """The list's actions: ``new`` (label, callback), the page's 打开, 复制上次 and 更正,
        the kind's 归档 and 删除草稿, 预览 and 打印."""
        return RecordActions(
            new=new,
            open=self.open_record,
            copy=self.copy_record,
            archive=lambda r: self.KIND.archive(r.id),
            amend=self.amend_record,
            delete=lambda r: self.KIND.delete_draft(r.id),
            preview=lambda r: self.printing.open(r.id),
            print_out=lambda r: self.printing.open(r.id, then="print"),
        )

    def open_record(self, row: Any) -> DraftWizard | None:
        """打开: a draft to go on with, a finished record to change, an archived one to read."""
        raise NotImplementedError

    def copy_record(self, row: Any) -> DraftWizard | None:
        """复制上次: a new record with ``row``'s content, dated anew."""
        raise NotImplementedError

    def amend_record(self, row: Any) -> DraftWizard | None:
        """更正: the archived ``row`` opened for a correction with its reason."""
        raise NotImplementedError

    def refresh(self) -> None:
        self.list.refresh()

    # --- the record's window ------------------------------------------------------------------

    def show_wizard(self, make: Callable[[], W]) -> W | None:
        """Open the window ``make`` builds (window-modal, not blocking: tests drive it like a
        user), unless one is open already; the list reloads when it closes."""
        if self.wizard is not None:
            self.wizard.raise_()
            self.wizard.activateWindow()
            messages.information(
                self, f"已经打开了一个{self.NOUN}记录窗口。", title=self.KIND.name, hint=BUSY_HINT
            )
            return None
        wizard = make()
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.wizard = wizard
        wizard.status.connect(self.status.emit)
        wizard.finished.connect(lambda _result: self._wizard_closed(wizard))
        open_in_front(wizard)
        return wizard

    def _wizard_closed(self, wizard: DraftWizard) -> None:
        if self.wizard is wizard:
            self.wizard = None
        self.refresh()
        record_id = wizard.record_id
        if record_id is None or not self.list.select_record(record_id):
            return
        row = self.list.selected_row()
        if wizard.finished_record() and row is not None:
            late = "（补录）" if row.late_entry else ""
            text = self.FINISHED_TEXT.format(title=self.list.title_of(row), late=late)
            self.offer_next(text, record_id, *self.next_steps())

    def next_steps(self) -> tuple[tuple[str, Callable[[], object]], ...]:
        """Buttons of the notice after 完成 besides printing and 归档."""
        return ()

    def offer_next(
        self, text: str, record_id: int, *more: NoticeAction | tuple[str, Callable[[], object]]
    ) -> None:
        """The notice after 完成: ``text``, 预览并打印, 保存为 PDF/Word, ``more``, 归档."""
        archive = ("归档", lambda: self._archive(record_id))
        self.printing.offer(self.list, text, record_id, *more, archive)

    def _archive(self, record_id: int) -> None:
        if self.list.select_record(record_id):
            self.list.archive_selected()

    # --- a reminder on 首页 ---------------------------------------------------------------

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """``new_<record_type>`` with ``date`` (and what :meth:`new_for_reminder` reads) opens
        a new record with them filled in (services.reminders.new_record_action)."""
        if command != f"new_{self.KIND.record_type}":
            return False
        try:
            on = reminder_date(params)
        except ValueError:
            return False
        return self.new_for_reminder(on, params) is not None

    def new_for_reminder(self, on: dt.date | None, params: dict[str, object]) -> DraftWizard | None:
        raise NotImplementedError


class FormRecordsPage(RecordsPage):
    """A page whose records open from the service's form (主题党日, 谈心谈话): a new, saved
    or copied record's form goes into :meth:`make_wizard`."""

    def make_wizard(self, form: Any, record_id: int | None, mode: Mode) -> DraftWizard:
        raise NotImplementedError

    def open_form(
        self, form: Any, *, record_id: int | None = None, mode: Mode = Mode.NEW
    ) -> DraftWizard | None:
        return self.show_wizard(lambda: self.make_wizard(form, record_id, mode))

    def open_record(self, row: RecordRow) -> DraftWizard | None:
        return self.open_form(self.KIND.read(row.id), record_id=row.id, mode=STATE_MODES[row.state])

    def copy_record(self, row: RecordRow) -> DraftWizard | None:
        return self.open_form(self.KIND.copy_last(row.id))

    def amend_record(self, row: RecordRow) -> DraftWizard | None:
        return self.open_form(self.KIND.read(row.id), record_id=row.id, mode=Mode.AMEND)
