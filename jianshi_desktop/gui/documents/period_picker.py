"""A period as secretaries name it: a month, a quarter, a half year, a year, or from–to.

One row: what kind of period, the year, which month/quarter/half — or, for 自定义起止,
two dates typed the way people write them (:class:`DateInput`). :meth:`PeriodPicker.period`
gives the :class:`ReportPeriod` of ``domain.periods`` (its label names titles and files).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from jianshi_desktop.domain import periods
from jianshi_desktop.domain.periods import PeriodError, ReportPeriod
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.widgets import ERROR_MARK, set_role

KINDS = (("month", "按月"), ("quarter", "按季度"), ("half_year", "按半年"), ("year", "全年"))
CUSTOM = ("custom", "自定义起止")
QUARTER_NAMES = ("第一季度", "第二季度", "第三季度", "第四季度")
HALF_NAMES = ("上半年", "下半年")
YEARS_BACK = 10


class PeriodPicker(QWidget):
    """``changed`` is emitted whenever the chosen period (or its problem) changes."""

    changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        kind: str = "quarter",
        custom: bool = True,
    ) -> None:
        """``custom``: 自定义 (any two days) offered among the kinds."""
        super().__init__(parent)
        self.today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("时间段的种类")
        for key, label in (*KINDS, CUSTOM) if custom else KINDS:
            self.kind_box.addItem(label, key)
        self.year_box = QComboBox(self)
        self.year_box.setAccessibleName("年份")
        this_year = today().year
        for year in range(this_year, this_year - YEARS_BACK - 1, -1):
            self.year_box.addItem(f"{year}年", year)
        self.part_box = QComboBox(self)
        self.part_box.setAccessibleName("月份、季度或半年")
        self.part_box.setMinimumContentsLength(5)

        self.from_label = QLabel("从", self)
        self.from_edit = QLineEdit(self)
        self.from_edit.setAccessibleName("开始日期")
        self.from_button = QToolButton(self)
        self.to_label = QLabel("到", self)
        self.to_edit = QLineEdit(self)
        self.to_edit.setAccessibleName("结束日期")
        self.to_button = QToolButton(self)
        self.start = DateInput(self.from_edit, self.from_button)
        self.end = DateInput(self.to_edit, self.to_button)
        self.start.placeholder = self.end.placeholder = "如 2020.07.01"
        self.from_edit.setPlaceholderText("如 2020.07.01")
        self.to_edit.setPlaceholderText("如 2020.09.30")
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        set_role(self.error_label, "error")
        self.error_label.hide()

        for widget in (
            self.kind_box,
            self.year_box,
            self.part_box,
            self.from_label,
            self.from_edit,
            self.from_button,
            self.to_label,
            self.to_edit,
            self.to_button,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.error_label, 1)
        layout.addStretch(0)

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.year_box.currentIndexChanged.connect(lambda _i: self._changed())
        self.part_box.currentIndexChanged.connect(lambda _i: self._changed())
        self.start.finished.connect(self._changed)
        self.end.finished.connect(self._changed)
        self.choose_kind(kind)

    # --- choosing ----------------------------------------------------------------------

    def kind(self) -> str:
        return str(self.kind_box.currentData())

    def choose_kind(self, kind: str) -> None:
        """Switch to ``kind`` (month, quarter, half_year, year, custom), on today's part."""
        index = self.kind_box.findData(kind)
        if index < 0:
            raise KeyError(kind)
        blocked = self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(index)
        self.kind_box.blockSignals(blocked)
        self._kind_changed()

    def set_period(self, period: ReportPeriod) -> None:
        """Show ``period``: as a month, quarter, half or year if it is one, else from–to."""
        kind, number = _shape(period)
        year_index = self.year_box.findData(period.start.year)
        if kind == "custom" or year_index < 0:
            self.choose_kind("custom")
            self.start.set_date(period.start)
            self.end.set_date(period.end)
            self._changed()
            return
        self.choose_kind(kind)
        self.year_box.setCurrentIndex(year_index)
        if number:
            self.part_box.setCurrentIndex(number - 1)
        self._changed()

    def _kind_changed(self) -> None:
        kind = self.kind()
        today = self.today()
        custom = kind == "custom"
        for widget in (self.from_label, self.from_edit, self.from_button, self.to_label):
            widget.setVisible(custom)
        self.to_edit.setVisible(custom)
        self.to_button.setVisible(custom)
        self.year_box.setVisible(not custom)
        blocked = self.part_box.blockSignals(True)
        self.part_box.clear()
        if kind == "month":
            for month in range(1, 13):
                self.part_box.addItem(f"{month}月", month)
            self.part_box.setCurrentIndex(today.month - 1)
        elif kind == "quarter":
            for number, name in enumerate(QUARTER_NAMES, 1):
                self.part_box.addItem(name, number)
            self.part_box.setCurrentIndex((today.month - 1) // 3)
        elif kind == "half_year":
            for number, name in enumerate(HALF_NAMES, 1):
                self.part_box.addItem(name, number)
            self.part_box.setCurrentIndex(0 if today.month <= 6 else 1)
        self.part_box.blockSignals(blocked)
        self.part_box.setVisible(kind in ("month", "quarter", "half_year"))
        if custom and not self.from_edit.text() and not self.to_edit.text():
            current = periods.quarter(today.year, (today.month - 1) // 3 + 1)
            self.start.set_date(current.start)
            self.end.set_date(min(current.end, today))
        self._changed()

    def _changed(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(f"{ERROR_MARK}{problem}")
            self.error_label.show()
        else:
            self.error_label.clear()
            self.error_label.hide()
        self.changed.emit()

    # --- reading -----------------------------------------------------------------------

    def period(self) -> ReportPeriod | None:
        """The chosen period, or None while the dates of 自定义起止 are wrong."""
        kind = self.kind()
        if kind == "custom":
            start, end = self.start.value(), self.end.value()
            if start is None or end is None:
                return None
            try:
                return periods.between(start, end)
            except PeriodError:
                return None
        year = int(self.year_box.currentData())
        number = int(self.part_box.currentData() or 1)
        if kind == "month":
            return periods.month(year, number)
        if kind == "quarter":
            return periods.quarter(year, number)
        if kind == "half_year":
            return periods.half_year(year, number)
        return periods.year(year)

    def problem(self) -> str:
        """Why there is no period now (自定义起止 only), or ``""``."""
        if self.kind() != "custom":
            return ""
        for what, field in (("开始日期", self.start), ("结束日期", self.end)):
            if not field.text().strip():
                return f"请填写{what}。"
            if field.problem():
                return field.problem()
        start, end = self.start.value(), self.end.value()
        if start is not None and end is not None and end < start:
            return "结束日期早于开始日期，请核对。"
        return ""


def _shape(period: ReportPeriod) -> tuple[str, int]:
    """What ``period`` is: (kind, number) — month 1–12, quarter 1–4, half 1–2, year 0."""
    code = period.code
    if ".." in code:
        return ("custom", 0)
    if "Q" in code:
        return ("quarter", int(code[-1]))
    if "H" in code:
        return ("half_year", int(code[-1]))
    if "-" in code:
        return ("month", int(code.split("-")[1]))
    return ("year", 0)
