"""The 民主评议党员 wizard: the day, place, the 测评表 handed in and the meetings it goes
with; a table with one row per member of that day (个人自评, the four tallies, 综合评定);
the reasons and decision for each 不合格 (a step passed over when there is none); review,
then 完成.

Fast to fill: the 综合评定 follows the rating with the most votes as the tallies are
typed — never before a vote is entered — until the secretary picks one herself. Saved
through :mod:`services.member_appraisals`; drafts as in
:mod:`jianshi_desktop.gui.records.wizard`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.appraisal import (
    RATINGS,
    SEE_ATTACHMENT,
    MemberRating,
    leading_rating,
)
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import Rating, UnqualifiedDecision
from jianshi_desktop.domain.text import squeeze
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common.widgets import error_label, esc, set_role
from jianshi_desktop.gui.records.attachments import AttachmentsEditor
from jianshi_desktop.gui.records.pickers import fill_place_combo
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    Mode,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_combo_data,
    set_date,
)
from jianshi_desktop.services.member_appraisals import (
    MemberAppraisalForm,
    appraisal_rules,
    deciding_meeting_choices,
    org_life_choices,
    ratings_for_day,
)
from jianshi_desktop.services.record_kinds import MEMBER_APPRAISAL

NOT_WITH_ORG_LIFE = "不是，单独进行"
NO_DECIDING_MEETING = "不选（没有党员评为不合格时不用选）"
NOT_RATED = "未评定"
PICK_DECISION = "请选择"
GONE = "（所选的记录已不存在）"

# table columns of the 评议结果 step
NAME_COL, SELF_COL, TALLY_COL, TOTAL_COL, RATING_COL = 0, 1, 2, 6, 7


def fill_link_combo(
    combo: QComboBox, none_text: str, choices: list[tuple[int, str]], keep: int | None
) -> None:
    """``none_text`` (no link) and the ``choices``; ``keep`` stays chosen, marked as gone
    when it is no longer among them (the check says why beside the field)."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(none_text, None)
    for record_id, label in choices:
        combo.addItem(label, record_id)
    if keep is not None and combo.findData(keep) < 0:
        combo.addItem(GONE, keep)
    set_combo_data(combo, keep)
    combo.blockSignals(False)


def combo_id(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return int(value) if value is not None else None


# --- step 1 --------------------------------------------------------------------------------


class AppraisalBasicsPage(StepPage):
    step_title = "基本情况"
    subtitle = (
        "填写评议的日期、地点和收回的测评表份数。与组织生活会一起开的，可以关联那次组织生活会。"
    )
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        form = QFormLayout()
        form.setSpacing(6)
        self.body().addLayout(form)
        self.date_edit = QDateEdit(self.ui)
        prepare_date_edit(self.date_edit)
        self.date_edit.setMaximumWidth(self.date_edit.fontMetrics().horizontalAdvance("0") * 24)
        self.place_combo = QComboBox(self.ui)
        self.place_combo.setEditable(True)
        fill_place_combo(self.place_combo)
        self.voters_spin = QSpinBox(self.ui)
        self.voters_spin.setRange(0, 999)
        self.voters_spin.setSpecialValueText("未填写")
        self.voters_spin.setSuffix(" 份")
        self.org_life_combo = QComboBox(self.ui)
        self.meeting_combo = QComboBox(self.ui)
        self.meeting_hint = QLabel(self.ui)
        self.meeting_hint.setWordWrap(True)
        set_role(self.meeting_hint, "hint")
        self.summary_edit = QPlainTextEdit(self.ui)
        self.summary_edit.setPlaceholderText("如：先个人自评，再党员互评，最后民主测评")
        self.summary_edit.setMaximumHeight(90)
        for field, label, widget in (
            ("held_on", "评议日期", self.date_edit),
            ("place", "地点", self.place_combo),
            ("voters", "收回测评表", self.voters_spin),
            ("org_life_meeting_id", "与组织生活会一起开", self.org_life_combo),
            ("meeting_id", "作出处理决定的支部党员大会", self.meeting_combo),
        ):
            error = error_label(self.ui)
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(widget)
            if field == "meeting_id":
                column.addWidget(self.meeting_hint)
            column.addWidget(error)
            form.addRow(label, column)
            self.add_field(field, error, widget)
        form.addRow("评议情况（可不填）", self.summary_edit)
        self.attachments = AttachmentsEditor(owner.attachments_dir, self.ui)
        self.body().addWidget(QLabel("测评表、个人自评材料等（可不添加）", self.ui))
        self.body().addWidget(self.attachments, 1)
        self.meeting_hint.setText(
            "有党员评为不合格时，处理决定（限期改正、劝其退党、除名）要由支部党员大会作出："
            "请先在“三会一课”中记录这次大会，再在这里选中它。"
        )
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("place", self.place_combo.currentTextChanged)
        self.watch(
            "voters", self.voters_spin.editingFinished, changed=self.voters_spin.valueChanged
        )
        self.watch("org_life_meeting_id", self.org_life_combo.currentIndexChanged)
        self.watch("meeting_id", self.meeting_combo.currentIndexChanged)
        self.voters_spin.valueChanged.connect(lambda _v: self._voters_changed())

    def held_on(self) -> dt.date:
        return date_of(self.date_edit)

    def voters(self) -> int | None:
        return self.voters_spin.value() or None

    def _fill_links(self, org_life: int | None, meeting: int | None) -> None:
        day = self.held_on()
        fill_link_combo(
            self.org_life_combo, NOT_WITH_ORG_LIFE, org_life_choices(day.year), org_life
        )
        fill_link_combo(
            self.meeting_combo, NO_DECIDING_MEETING, deciding_meeting_choices(day), meeting
        )

    def _date_changed(self) -> None:
        self._fill_links(combo_id(self.org_life_combo), combo_id(self.meeting_combo))
        owner = self.owner
        if isinstance(owner, MemberAppraisalWizard):
            owner.ratings_page.follow_day(self.held_on())
        self.check({"held_on", "org_life_meeting_id", "meeting_id"})

    def _voters_changed(self) -> None:
        owner = self.owner
        if isinstance(owner, MemberAppraisalWizard):
            owner.ratings_page.show_totals()

    def load(self, form: MemberAppraisalForm) -> None:
        self.date_edit.blockSignals(True)
        set_date(self.date_edit, form.held_on)
        self.date_edit.blockSignals(False)
        self.place_combo.setCurrentText(form.place)
        self.voters_spin.blockSignals(True)
        self.voters_spin.setValue(form.voters or 0)
        self.voters_spin.blockSignals(False)
        self._fill_links(form.org_life_meeting_id, form.meeting_id)
        self.summary_edit.setPlainText(form.summary)
        self.attachments.set_entries(form.attachments)

    def fill(self, form: MemberAppraisalForm) -> None:
        form.held_on = self.held_on()
        form.place = self.place_combo.currentText()
        form.voters = self.voters()
        form.org_life_meeting_id = combo_id(self.org_life_combo)
        form.meeting_id = combo_id(self.meeting_combo)
        form.summary = self.summary_edit.toPlainText()
        form.attachments = self.attachments.entries()

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.attachments.set_read_only(read_only)
        self.meeting_hint.setVisible(not read_only)


# --- step 2 --------------------------------------------------------------------------------


class RatingRow:
    """The widgets of one member's row: 个人自评, the four tallies and the 综合评定."""

    def __init__(
        self, table: QTableWidget, row: int, entry: MemberRating, *, keep_ratings: bool
    ) -> None:
        self.entry = entry
        name = QTableWidgetItem(entry.name)
        name.setFlags(Qt.ItemFlag.ItemIsEnabled)
        table.setItem(row, NAME_COL, name)
        self.self_edit = QLineEdit(entry.self_assessment, table)
        self.self_edit.setPlaceholderText(f"简要写，或“{SEE_ATTACHMENT}”")
        self.self_edit.setMaxLength(500)
        self.self_edit.setFrame(False)
        table.setCellWidget(row, SELF_COL, self.self_edit)
        self.spins: list[QSpinBox] = []
        for offset, rating in enumerate(RATINGS):
            spin = QSpinBox(table)
            spin.setRange(0, 999)
            spin.setFrame(False)
            spin.setAlignment(Qt.AlignmentFlag.AlignCenter)
            spin.setValue(entry.tally(rating))
            spin.setToolTip(f"{entry.name}得到的“{rating.label}”票数")
            spin.setAccessibleName(f"{entry.name}{rating.label}票数")
            table.setCellWidget(row, TALLY_COL + offset, spin)
            self.spins.append(spin)
        self.total = QTableWidgetItem("")
        self.total.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.total.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        table.setItem(row, TOTAL_COL, self.total)
        self.combo = QComboBox(table)
        self.combo.addItem(NOT_RATED, None)
        for rating in RATINGS:
            self.combo.addItem(rating.label, rating.value)
        self.combo.setAccessibleName(f"{entry.name}综合评定")
        set_combo_data(self.combo, entry.rating.value if entry.rating else None)
        table.setCellWidget(row, RATING_COL, self.combo)
        # the 综合评定 follows the leading rating until picked by hand; a finished
        # record's is the branch's decision: kept (``keep_ratings``)
        self.picked = entry.rating is not None and (
            keep_ratings or entry.rating is not leading_rating(entry)
        )

    def current(self) -> MemberRating:
        value = self.combo.currentData()
        tallies = [spin.value() for spin in self.spins]
        return MemberRating(
            member_id=self.entry.member_id,
            name=self.entry.name,
            self_assessment=self.self_edit.text(),
            excellent=tallies[0],
            qualified=tallies[1],
            basically_qualified=tallies[2],
            unqualified=tallies[3],
            rating=Rating(value) if value else None,
            reasons=self.entry.reasons,
            decision=self.entry.decision,
        )

    def follow_tallies(self) -> None:
        """The 综合评定 takes the rating with the most votes — none before a vote, none on
        a tie — unless it was picked by hand."""
        if self.picked:
            return
        leading = leading_rating(self.current())
        self.combo.blockSignals(True)
        set_combo_data(self.combo, leading.value if leading else None)
        self.combo.blockSignals(False)


class RatingsPage(StepPage):
    step_title = "评议结果"
    subtitle = (
        "每位党员一行：个人自评、民主测评各项得票和支部的综合评定。"
        "填好票数后，综合评定自动选得票最多的一项，可以改。"
    )

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.hint = QLabel(self.ui)
        self.hint.setWordWrap(True)
        set_role(self.hint, "hint")
        self.body().addWidget(self.hint)
        tools = QHBoxLayout()
        self.fill_button = QPushButton(f"空着的自评都填“{SEE_ATTACHMENT}”", self.ui)
        self.fill_button.setToolTip("党员交的是书面自评材料时，一次填好")
        self.fill_button.clicked.connect(self.fill_see_attachment)
        tools.addWidget(self.fill_button)
        self.ballot_button = QPushButton("打印测评表…", self.ui)
        self.ballot_button.setToolTip("评议会上发给每位党员的空白测评表，列出这一天的党员")
        self.ballot_button.clicked.connect(self.print_ballot)
        tools.addWidget(self.ballot_button)
        tools.addStretch(1)
        self.body().addLayout(tools)
        self.table = QTableWidget(0, 8, self.ui)
        self.table.setHorizontalHeaderLabels(
            ["姓名", "个人自评", "优秀", "合格", "基本合格", "不合格", "合计", "综合评定"]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SELF_COL, QHeaderView.ResizeMode.Stretch)
        self.body().addWidget(self.table, 1)
        error = error_label(self.ui)
        self.body().addWidget(error)
        self.add_field("ratings", error, self.table)
        self.rows: list[RatingRow] = []

    def basics(self) -> AppraisalBasicsPage:
        page = self.owner.pages[0]
        assert isinstance(page, AppraisalBasicsPage)
        return page

    def set_entries(self, entries: list[MemberRating]) -> None:
        self.table.setRowCount(0)
        self.rows = []
        self.table.setRowCount(len(entries))
        read_only = self.owner.mode is Mode.READ_ONLY
        keep = self.owner.mode not in (Mode.NEW, Mode.DRAFT)
        for number, entry in enumerate(entries):
            row = RatingRow(self.table, number, entry, keep_ratings=keep)
            self.rows.append(row)
            for spin in row.spins:
                spin.valueChanged.connect(lambda _v, r=row: self._tally_changed(r))
            row.combo.activated.connect(lambda _i, r=row: self._picked(r))
            row.self_edit.editingFinished.connect(lambda: self._recheck_if_shown("ratings"))
            row.self_edit.setReadOnly(read_only)
            for widget in (*row.spins, row.combo):
                widget.setEnabled(not read_only)
        self.show_totals()

    def entries(self) -> list[MemberRating]:
        return [row.current() for row in self.rows]

    def follow_day(self, day: dt.date) -> None:
        """The members of ``day`` (rules.md §7): a member's row kept as typed while a
        member that day; others taken out, newcomers added."""
        entries = ratings_for_day(day, self.entries())
        if [e.member_id for e in entries] != [row.entry.member_id for row in self.rows]:
            self.set_entries(entries)

    def _tally_changed(self, row: RatingRow) -> None:
        row.follow_tallies()
        self.show_totals()
        self._recheck_if_shown("ratings")

    def _picked(self, row: RatingRow) -> None:
        row.picked = True
        self.check({"ratings"})

    def show_totals(self) -> None:
        """合计 of each row, out of the 测评表 handed in; a row over it in red."""
        voters = self.basics().voters()
        for row in self.rows:
            votes = sum(spin.value() for spin in row.spins)
            row.total.setText(f"{votes}/{voters}" if voters else str(votes))
            over = voters is not None and votes > voters
            row.total.setForeground(Qt.GlobalColor.red if over else Qt.GlobalColor.black)
            row.total.setToolTip(f"多于收回的测评表{voters}份" if over else "")
        if voters:
            self.hint.setText(
                f"收回测评表{voters}份：每人四项票数之和不能超过{voters}。"
                f"评为优秀的一般不超过参评党员的{appraisal_rules().excellent_share_percent}%。"
            )
        else:
            self.hint.setText("请先在第一步填写收回的测评表份数。")

    def print_ballot(self) -> object:
        """打印测评表…: the draft is kept first (the ballot lists the saved record's members
        and day), then the blank ballot in the preview — 打印, 另存为 PDF/Word from there."""
        from jianshi_desktop.gui.common import messages
        from jianshi_desktop.gui.documents.preview import open_preview
        from jianshi_desktop.services.member_appraisals import ballot_document, ballot_stem

        owner = self.owner
        assert isinstance(owner, MemberAppraisalWizard)
        try:
            record_id = owner.keep_draft()
        except UserError as exc:
            owner.show_service_error(exc, title="草稿没能保存")
            return None
        if record_id is None:  # a finished record changed and not saved yet
            messages.information(
                self,
                "修改还没有保存，测评表按保存的记录打印。",
                title="打印测评表",
                hint="请先点“完成”保存修改，再打印测评表。",
            )
            return None
        return open_preview(
            self,
            "民主评议党员测评表",
            lambda: ballot_document(record_id),
            ballot_stem(record_id),
            owner.attachments_dir.parent,
        )

    def fill_see_attachment(self) -> None:
        for row in self.rows:
            if not squeeze(row.self_edit.text()):
                row.self_edit.setText(SEE_ATTACHMENT)
        self._recheck_if_shown("ratings")

    def initializePage(self) -> None:
        if self.owner.mode is not Mode.READ_ONLY:
            self.follow_day(self.basics().held_on())
        self.show_totals()

    def load(self, form: MemberAppraisalForm) -> None:
        self.set_entries([MemberRating(**vars(e)) for e in form.ratings])

    def fill(self, form: MemberAppraisalForm) -> None:
        form.ratings = self.entries()

    def set_read_only(self, read_only: bool) -> None:
        self.fill_button.setVisible(not read_only)
        self.ballot_button.setVisible(not read_only)
        for row in self.rows:
            row.self_edit.setReadOnly(read_only)
            for widget in (*row.spins, row.combo):
                widget.setEnabled(not read_only)


# --- step 3 --------------------------------------------------------------------------------


class UnqualifiedPage(StepPage):
    step_title = "不合格的处理"
    subtitle = (
        "评为不合格的党员，要写明理由，并记下支部党员大会作出的处理决定"
        "（限期改正、劝其退党或除名）。"
    )
    SCROLLED = True

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.box = QWidget(self.ui)
        self.box_layout = QVBoxLayout(self.box)
        self.box_layout.setContentsMargins(0, 0, 0, 0)
        self.body().addWidget(self.box)
        error = error_label(self.ui)
        self.body().addWidget(error)
        self.body().addStretch(1)
        self.add_field("unqualified", error, self.box)
        self.editors: dict[int, tuple[QPlainTextEdit, QComboBox]] = {}

    def ratings(self) -> RatingsPage:
        page = self.owner.pages[1]
        assert isinstance(page, RatingsPage)
        return page

    def unqualified(self) -> list[MemberRating]:
        return [e for e in self.ratings().entries() if e.rating is Rating.UNQUALIFIED]

    def nothing_to_ask(self) -> bool:
        return not self.unqualified()

    def _build(self) -> None:
        kept = {
            member_id: (edit.toPlainText(), combo_decision(combo))
            for member_id, (edit, combo) in self.editors.items()
        }
        while self.box_layout.count():
            item = self.box_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.editors = {}
        read_only = self.owner.mode is Mode.READ_ONLY
        for entry in self.unqualified():
            reasons, decision = kept.get(entry.member_id, (entry.reasons, entry.decision))
            group = QGroupBox(entry.name, self.box)
            layout = QFormLayout(group)
            edit = QPlainTextEdit(reasons, group)
            edit.setMaximumHeight(80)
            edit.setPlaceholderText("写明评为不合格的理由")
            edit.setReadOnly(read_only)
            combo = QComboBox(group)
            combo.addItem(PICK_DECISION, None)
            for choice in UnqualifiedDecision:
                combo.addItem(choice.label, choice.value)
            set_combo_data(combo, decision.value if decision else None)
            combo.setEnabled(not read_only)
            layout.addRow("不合格的理由", edit)
            layout.addRow("支部党员大会的决定", combo)
            edit.textChanged.connect(lambda: self._recheck_if_shown("unqualified"))
            combo.currentIndexChanged.connect(lambda _i: self.check({"unqualified"}))
            self.box_layout.addWidget(group)
            self.editors[entry.member_id] = (edit, combo)

    def initializePage(self) -> None:
        self._build()

    def load(self, form: MemberAppraisalForm) -> None:
        self.editors = {}
        self._build()

    def fill(self, form: MemberAppraisalForm) -> None:
        for entry in form.ratings:
            editors = self.editors.get(entry.member_id)
            if entry.rating is Rating.UNQUALIFIED and editors is not None:
                entry.reasons = editors[0].toPlainText()
                entry.decision = combo_decision(editors[1])

    def set_read_only(self, read_only: bool) -> None:
        for edit, combo in self.editors.values():
            edit.setReadOnly(read_only)
            combo.setEnabled(not read_only)


def combo_decision(combo: QComboBox) -> UnqualifiedDecision | None:
    value = combo.currentData()
    return UnqualifiedDecision(value) if value else None


class AppraisalReviewPage(ReviewPage):
    form_name = "member_appraisal_review"


# --- the wizard ------------------------------------------------------------------------------


class MemberAppraisalWizard(DraftWizard):
    """Records one year's 民主评议党员. ``form`` from ``new_member_appraisal_form``,
    ``load_member_appraisal`` or ``MEMBER_APPRAISAL.copy_last``."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (
        AppraisalBasicsPage,
        RatingsPage,
        UnqualifiedPage,
        AppraisalReviewPage,
    )
    KIND = MEMBER_APPRAISAL
    # the 测评表 are counted at the meeting: a draft made before it (to print them) goes on
    LENIENT: ClassVar[frozenset[str]] = frozenset({"held_on", "voters"})
    CHANGE_LABELS: ClassVar[dict[str, str]] = {
        "held_on": "评议日期",
        "place": "地点",
        "voters": "收回测评表份数",
        "ratings": "评议结果",
        "summary": "评议情况",
    }
    SIZE: ClassVar[tuple[int, int]] = (1000, 700)

    @property
    def basics(self) -> AppraisalBasicsPage:
        page = self.pages[0]
        assert isinstance(page, AppraisalBasicsPage)
        return page

    @property
    def ratings_page(self) -> RatingsPage:
        page = self.pages[1]
        assert isinstance(page, RatingsPage)
        return page

    def data_root(self) -> Path | None:
        return self.attachments_dir.parent

    def review_html(self, form: Any) -> str:
        assert isinstance(form, MemberAppraisalForm)
        counts = "，".join(
            f"{rating.label}{sum(e.rating is rating for e in form.ratings)}人" for rating in RATINGS
        )
        unrated = [e.name for e in form.ratings if e.rating is None]
        if unrated:
            counts += f"；未评定：{'、'.join(unrated)}"
        unqualified = "；".join(
            f"{e.name}：{squeeze(e.reasons) or '（未写理由）'}，"
            f"{e.decision.label if e.decision else '（未选决定）'}"
            for e in form.ratings
            if e.rating is Rating.UNQUALIFIED
        )
        files = "、".join(a.file_name for a in form.attachments)
        basics = self.basics
        rows = [
            ("评议日期", format_date(form.held_on)),
            ("地点", form.place.strip()),
            ("收回测评表", f"{form.voters}份" if form.voters else ""),
            ("参评党员", f"{len(form.ratings)}人"),
            ("综合评定", counts),
        ]
        if form.org_life_meeting_id is not None:
            rows.append(("与组织生活会一起开", basics.org_life_combo.currentText()))
        if unqualified:
            rows.append(("不合格的处理", unqualified))
        if form.meeting_id is not None:
            rows.append(("作出决定的大会", basics.meeting_combo.currentText()))
        rows.append(("评议情况", form.summary.strip() or "无"))
        rows.append(("材料", f"{len(form.attachments)} 个：{files}" if files else "无"))
        return review_table(rows) + votes_table(form.ratings)


def votes_table(ratings: list[MemberRating]) -> str:
    """Each member's votes and 综合评定, one row each, for the review."""
    cell = "padding:2px 12px 2px 0"
    head = "".join(
        f"<th style='{cell}; color:#5A5A5A; font-weight:normal; text-align:left'>{esc(h)}</th>"
        for h in ("姓名", "优秀", "合格", "基本合格", "不合格", "综合评定")
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td style='{cell}'>{esc(str(value))}</td>"
            for value in (
                e.name,
                e.excellent,
                e.qualified,
                e.basically_qualified,
                e.unqualified,
                e.rating.label if e.rating else NOT_RATED,
            )
        )
        + "</tr>"
        for e in ratings
    )
    return (
        f"<p style='color:#5A5A5A'>各人得票</p><table cellspacing='0'><tr>{head}</tr>{body}</table>"
    )
