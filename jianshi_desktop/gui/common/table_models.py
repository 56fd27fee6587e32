"""Table models of the GUI: the member roster, with a proxy for sorting and filtering.

Columns are constants; ``data()`` dispatches to small helpers; :data:`ROW_ROLE` gives the
row object and :data:`SORT_ROLE` a key that sorts right (dates as dates, names by pinyin
through the proxy's locale-aware comparison). ID numbers arrive masked from the service
and are never revealed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import ClassVar, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCollator,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import MemberState, MemberStatus
from jianshi_desktop.services.members import MemberRow, matches_search

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
R = TypeVar("R")

LEFT_COLOUR = QColor("#7A7A7A")  # members who left: grey, and the 状态 column says why
EXPECTED_COLOUR = QColor("#8A5A00")  # a probationary member's expected date: amber, italic


def short_date(day: dt.date | None) -> str:
    """Dates in tables: ``1985.03.05``, the way 花名册 write them, narrow and sortable."""
    return f"{day.year}.{day.month:02d}.{day.day:02d}" if day else ""


def _sort_date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""  # empty sorts first, then by date


class RowsModel(QAbstractTableModel, Generic[R]):
    """A table of ``rows``, one a line, under the column titles ``HEADERS``; a subclass
    says what each cell shows (``data``)."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, rows: Sequence[R] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = list(rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class MemberTableModel(RowsModel[MemberRow]):
    """The roster: one row a member, masked ID numbers, leavers included (greyed)."""

    NAME, GENDER, BIRTH, ID_NUMBER, STATUS, JOINED, FULL, GROUP, PHONE, POSITION, STATE = range(11)
    HEADERS: tuple[str, ...] = (
        "姓名",
        "性别",
        "出生日期",
        "身份证号码",
        "人员类别",
        "入党时间",
        "转正时间",
        "党小组",
        "联系电话",
        "工作岗位",
        "状态",
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__((), parent)

    # --- content --------------------------------------------------------------------

    def set_rows(self, rows: Sequence[MemberRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[MemberRow]:
        return list(self._rows)

    def row_of(self, member_id: int) -> int:
        """The source row of ``member_id``, or -1."""
        for number, member in enumerate(self._rows):
            if member.id == member_id:
                return number
        return -1

    # --- QAbstractTableModel ----------------------------------------------------------

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        handler = self._ROLES.get(role)
        return handler(self, row, column) if handler else None

    # --- one helper a role ------------------------------------------------------------

    def _display(self, row: MemberRow, column: int) -> str:
        return DISPLAY[column](row)

    def _sort(self, row: MemberRow, column: int) -> str:
        return SORT.get(column, DISPLAY[column])(row)

    def _row(self, row: MemberRow, column: int) -> MemberRow:
        return row

    def _foreground(self, row: MemberRow, column: int) -> QBrush | None:
        if row.state is not MemberState.ACTIVE:
            return QBrush(LEFT_COLOUR)
        if column == self.FULL and row.expected_full_member_on:
            return QBrush(EXPECTED_COLOUR)
        return None

    def _font(self, row: MemberRow, column: int) -> QFont | None:
        if column == self.FULL and row.expected_full_member_on:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _tooltip(self, row: MemberRow, column: int) -> str | None:
        if column == self.FULL and row.expected_full_member_on:
            return (
                f"{row.name}是预备党员，预计转正时间为{format_date(row.expected_full_member_on)}"
                "（入党满一年）。"
            )
        if column == self.STATE and row.state is not MemberState.ACTIVE:
            when = f"（{format_date(row.left_on)}）" if row.left_on else ""
            return f"{row.state.label}{when}，不计入在册人数。"
        if column == self.ID_NUMBER and row.id_number_masked:
            return "列表中只显示前6位和后4位。需要完整号码时，请用“显示完整身份证号码”。"
        text = self._display(row, column)
        return text if column in (self.POSITION, self.GROUP) and text else None

    _ROLES: ClassVar[dict[int, Callable[[MemberTableModel, MemberRow, int], object]]] = {
        Qt.ItemDataRole.DisplayRole: _display,
        SORT_ROLE: _sort,
        ROW_ROLE: _row,
        Qt.ItemDataRole.ForegroundRole: _foreground,
        Qt.ItemDataRole.FontRole: _font,
        Qt.ItemDataRole.ToolTipRole: _tooltip,
    }


def _full_member_text(row: MemberRow) -> str:
    if row.expected_full_member_on:
        return f"预计 {short_date(row.expected_full_member_on)}"
    return short_date(row.full_member_on)


def _state_text(row: MemberRow) -> str:
    return row.state.label


DISPLAY: dict[int, Callable[[MemberRow], str]] = {
    MemberTableModel.NAME: lambda r: r.name,
    MemberTableModel.GENDER: lambda r: r.gender.label if r.gender else "",
    MemberTableModel.BIRTH: lambda r: short_date(r.birth_date),
    MemberTableModel.ID_NUMBER: lambda r: r.id_number_masked,
    MemberTableModel.STATUS: lambda r: r.status.label,
    MemberTableModel.JOINED: lambda r: short_date(r.joined_on),
    MemberTableModel.FULL: _full_member_text,
    MemberTableModel.GROUP: lambda r: r.party_group,
    MemberTableModel.PHONE: lambda r: r.phone,
    MemberTableModel.POSITION: lambda r: r.position,
    MemberTableModel.STATE: _state_text,
}

SORT: dict[int, Callable[[MemberRow], str]] = {
    MemberTableModel.BIRTH: lambda r: _sort_date(r.birth_date),
    MemberTableModel.JOINED: lambda r: _sort_date(r.joined_on),
    MemberTableModel.FULL: lambda r: _sort_date(r.full_member_on or r.expected_full_member_on),
    # 在册 first, then the ways of leaving
    MemberTableModel.STATE: lambda r: str(list(MemberState).index(r.state)),
    MemberTableModel.STATUS: lambda r: str(list(MemberStatus).index(r.status)),
}

NO_GROUP = ""  # the group filter's value for members in no group


class MemberFilterProxy(QSortFilterProxyModel):
    """Sorting, and the page's filters: search text, state (None = all), group (None = all)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._search = ""
        self._state: MemberState | None = MemberState.ACTIVE
        self._group: str | None = None
        self.setSortRole(SORT_ROLE)
        # 姓名 in pinyin order (安, 曾, 陈, 丁 …) whatever the system's collation is
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))

    @property
    def search(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        self._change_filter(lambda: setattr(self, "_search", text))

    def set_state(self, state: MemberState | None) -> None:
        self._change_filter(lambda: setattr(self, "_state", state))

    def set_group(self, group: str | None) -> None:
        self._change_filter(lambda: setattr(self, "_group", group))

    def _change_filter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() by begin/endFilterChange(); older Qt has only
        # the former (the package allows PySide6 from 6.6).
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - Qt before 6.10
            change()
            self.invalidateFilter()

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        return self._collator.compare(str(left.data(SORT_ROLE)), str(right.data(SORT_ROLE))) < 0

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, MemberTableModel):
            return True
        row = model.row_at(source_row)
        if self._state is not None and row.state is not self._state:
            return False
        if self._group is not None and row.party_group != self._group:
            return False
        return matches_search(row, self._search)

    def member_at(self, proxy_row: int) -> MemberRow:
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        return model.row_at(self.mapToSource(self.index(proxy_row, 0)).row())

    def proxy_row_of(self, member_id: int) -> int:
        model = self.sourceModel()
        assert isinstance(model, MemberTableModel)
        source = model.row_of(member_id)
        if source < 0:
            return -1
        return self.mapFromSource(model.index(source, 0)).row()
