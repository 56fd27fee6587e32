"""组织: what needs attention (the size rules of rules.md §1 as warnings, each with what
to do), the branch committee — the current term, its posts and holders, a vacant post
marked 空缺 with a ！ — and the party groups with their leaders.

登记换届 (and 设立支部委员会, 登记书记) is one form, :class:`ElectionDialog`: the election
date once, every post with its elected member, saved in one step; 更换任职人员 and 增设职务
stay for by-elections and changes within a term.

All changes go through ``services.organization``; a refusal is shown beside the field it
concerns or, when it concerns no field, in a message (the election form shows its problems
in one place of fixed height). Dialogs open without blocking.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import COMMITTEE_THRESHOLD_FULL_MEMBERS, CommitteePostKind
from jianshi_desktop.domain.enums import MemberStatus as Status
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.errors import UserError
from jianshi_desktop.gui.common import messages
from jianshi_desktop.gui.common.date_input import DateInput
from jianshi_desktop.gui.common.forms import child, load_form
from jianshi_desktop.gui.common.in_front import open_in_front
from jianshi_desktop.gui.common.page import Page
from jianshi_desktop.gui.common.widgets import (
    make_primary,
    prepare_table,
    scaled_font,
    set_role,
    show_problem,
    style_heading,
)
from jianshi_desktop.gui.members.base import FormDialog
from jianshi_desktop.gui.records.pickers import combo_member, fill_member_combo
from jianshi_desktop.services.branch import branch_info
from jianshi_desktop.services.members import MemberRow, list_members
from jianshi_desktop.services.organization import (
    STANDARD_POSTS,
    ElectedPost,
    GroupRow,
    OrgWarning,
    PostRow,
    TermRow,
    add_post,
    create_group,
    current_term,
    default_term_end,
    delete_group,
    elect_committee,
    election_problems,
    eligible_members,
    list_groups,
    organization_warnings,
    posts_to_elect,
    remove_post,
    rename_group,
    set_group_leader,
    set_has_committee,
    set_post_holder,
    unchosen_message,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
VACANT_TEXT = "！空缺（需补选）"
BY_ELECTION_TEXT = "（补选）"  # beside a holder who filled a vacant post
NO_LEADER_TEXT = "未设组长"
VACANT_COLOUR = QColor("#C8161D")
QUIET_COLOUR = QColor("#6A6A6A")
NO_COMMITTEE_TEXT = (
    "本支部不设支部委员会，只设书记（正式党员不足{n}人的支部按规定只设书记，"
    "必要时设副书记一名）。\n\n正式党员达到{n}人及以上时，应经支部党员大会选举产生支部委员会："
    "点“设立支部委员会”，再登记换届和各委员。"
)
PROBLEM_LINES = 3  # the election form's place for problems: this many lines, always
ADDABLE_POSTS = (
    CommitteePostKind.DEPUTY_SECRETARY,
    CommitteePostKind.ORGANIZATION,
    CommitteePostKind.PUBLICITY,
    CommitteePostKind.DISCIPLINE,
    CommitteePostKind.YOUTH,
    CommitteePostKind.OTHER,
)


def member_choice(row: MemberRow) -> str:
    group = f"（{row.party_group}）" if row.party_group else ""
    return f"{row.name}{group}"


def warning_html(warning: OrgWarning) -> str:
    return f"<b>！{html.escape(warning.message)}</b>　{html.escape(warning.action)}"


# --- dialogs ----------------------------------------------------------------------------


class GroupNameDialog(FormDialog):
    """新建 or 改名 of a party group; ``save_name`` calls the service."""

    form_name = "group_name_dialog"

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        prompt: str,
        name: str = "",
        save_name: Callable[[str], object],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.label("promptLabel").setText(prompt)
        self.name_edit = child(self.ui, QLineEdit, "nameEdit")
        self.name_edit.setText(name)
        self.error_labels({"name": "nameError"})
        self._save_name = save_name
        self._wire_primary()
        self.name_edit.textChanged.connect(lambda _t: show_problem(self.errors["name"], None))
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        self.setMinimumWidth(480)

    def save(self) -> None:
        try:
            self._save_name(self.name_edit.text())
        except UserError as exc:
            self.show_service_error(exc, title="没有保存")
            self.name_edit.setFocus()
            return
        self.accept()


class PickMemberDialog(FormDialog):
    """Choose a member (组长, or the holder of a post); ``None`` leaves the place empty."""

    form_name = "pick_member_dialog"

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        prompt: str,
        choices: list[tuple[str, int | None]],
        current: int | None,
        with_since: bool,
        save_choice: Callable[[int | None, dt.date | None], object],
        hint: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.label("promptLabel").setText(prompt)
        self.combo = child(self.ui, QComboBox, "memberCombo")
        self.combo.setMinimumContentsLength(16)
        for text, member_id in choices:
            self.combo.addItem(text, member_id)
        index = self.combo.findData(current) if current is not None else -1
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        member_hint = self.label("memberHint")
        member_hint.setText(hint)
        member_hint.setVisible(bool(hint))
        set_role(member_hint, "hint")
        self.since = DateInput.in_form(self.ui, "since")
        self.since.set_date(dt.date.today())
        form = child(self.ui, QFormLayout, "pickMemberForm")
        form.setRowVisible(self.label("sinceLabel"), with_since)
        self.with_since = with_since
        self.error_labels({"member": "memberError", "since": "sinceError"})
        self._save_choice = save_choice
        self._wire_primary()
        self.combo.currentIndexChanged.connect(lambda _i: show_problem(self.errors["member"], None))
        self.combo.setFocus()
        self.setMinimumWidth(540)

    def chosen(self) -> int | None:
        data = self.combo.currentData()
        return int(data) if data is not None else None

    def save(self) -> None:
        since = None
        if self.with_since:
            message = self.since.problem()
            show_problem(self.errors["since"], Problem("since", message) if message else None)
            self.fit_height()
            if message:
                return
            since = self.since.value()
        try:
            self._save_choice(self.chosen(), since)
        except UserError as exc:
            # Every refusal here is about the person chosen: shown beside the choice.
            show_problem(self.errors["member"], Problem("member", exc.message))
            self.fit_height()
            return
        self.accept()


@dataclass
class PostLine:
    """One post of the election form: its name (typed for an ``other`` post), the member
    elected to it, and 不设 to take it off the form."""

    kind: CommitteePostKind
    name: QLabel | QLineEdit
    combo: QComboBox
    remove: QToolButton | None

    @property
    def optional(self) -> bool:
        """副书记 may be left empty: the post is then not set up."""
        return self.kind is CommitteePostKind.DEPUTY_SECRETARY

    def title(self) -> str:
        return self.name.text() if isinstance(self.name, QLineEdit) else ""

    def shown(self) -> str:
        title = self.title().strip()
        return title or ("增设职务" if self.kind is CommitteePostKind.OTHER else self.kind.label)


class ElectionDialog(FormDialog):
    """登记换届 (or 登记书记): the election result in one form — the election date once
    (the term follows it), every post with the member elected to it, picked from the
    full members of the election day. Problems and warnings are shown in one place of a
    fixed height, so that nothing moves while choosing; all is saved in one step."""

    form_name = "election_dialog"

    def __init__(
        self, parent: QWidget | None, *, previous: TermRow | None, secretary_only: bool = False
    ) -> None:
        super().__init__(parent)
        self.secretary_only = secretary_only
        self.setWindowTitle("登记书记" if secretary_only else "登记换届")
        self.label("promptLabel").setText(
            "不设支部委员会的支部只设书记，必要时设副书记：填写选举日期，选定当选的党员。"
            if secretary_only
            else "支部党员大会选举产生新一届支部委员会：填写选举日期，再为每个职务选定当选的党员。"
        )
        self.number_spin = child(self.ui, QSpinBox, "numberSpin")
        self.number_spin.setSpecialValueText("不填")
        self.number_spin.setPrefix("第 ")
        self.number_spin.setSuffix(" 届")
        self.number_spin.setMinimumWidth(110)
        if previous is not None and previous.number:
            self.number_spin.setValue(previous.number + 1)
        self.dates = {
            field: DateInput.in_form(self.ui, prefix)
            for field, prefix in (
                ("elected_on", "elected"),
                ("starts_on", "starts"),
                ("ends_on", "ends"),
            )
        }
        self.term_hint = self.label("termHint")
        set_role(self.term_hint, "hint")
        pick_hint = self.label("pickHint")
        pick_hint.setText("只列出选举日期在册的正式党员；任职日期都是选举日期。")
        pick_hint.setWordWrap(False)  # one short line: its height is known before it shows
        pick_hint.setToolTip("预备党员不能当选支委；一人一般不兼两个委员职务。")
        self.posts_scroll = child(self.ui, QScrollArea, "postsScroll")
        set_role(pick_hint, "hint")
        self.grid = child(self.ui, QGridLayout, "postsGrid")
        self.grid.setColumnStretch(1, 1)
        self.add_button = child(self.ui, QPushButton, "addPostButton")
        self.add_button.setToolTip("增设副书记、青年委员或其他职务（如统战委员）")
        self.add_menu = QMenu(self.add_button)
        self.add_button.setMenu(self.add_menu)
        self.add_menu.aboutToShow.connect(self._fill_add_menu)
        self.add_button.setVisible(not secretary_only)
        self.problems_label = self.label("problemsLabel")
        self.problems_label.setTextFormat(Qt.TextFormat.RichText)
        self.problems_label.setContentsMargins(8, 4, 8, 4)
        self._size_problem_place()
        self.problems_label.setStyleSheet(
            "QLabel#problemsLabel { background: #FAFAFA; border: 1px solid #E2E2E2;"
            " border-radius: 3px; }"
        )
        self.lines: list[PostLine] = []
        self.choices_day: dt.date | None = None
        self.choices: list[tuple[int, str]] = []
        self.names: dict[int, str] = {}
        self.dropped: list[str] = []  # who is no longer eligible after a change of date
        self.tried = False  # after a first 保存, empty posts are problems too
        self.saved_id: int | None = None
        self._ends_typed = False
        today = dt.date.today()
        self.dates["elected_on"].set_date(today)
        self.dates["starts_on"].set_date(today)
        self._fill_end()
        self._load_choices()
        for kind in posts_to_elect(has_committee=not secretary_only):
            self._add_line(kind)
        self.dates["elected_on"].finished.connect(self._elected_left)
        self.dates["starts_on"].finished.connect(self._starts_left)
        self.dates["ends_on"].finished.connect(self.check)
        self.dates["ends_on"].edit.textEdited.connect(lambda _t: self._mark_ends_typed())
        self.dates["ends_on"].calendar.clicked.connect(lambda _d: self._mark_ends_typed())
        self._wire_primary("保存")
        self.dates["elected_on"].edit.setFocus()
        self.dates["elected_on"].edit.selectAll()
        self.setMinimumWidth(660)
        self.check()

    def _size_problem_place(self) -> None:
        """A fixed place of fixed height: a problem shown or gone moves nothing."""
        lines = PROBLEM_LINES * self.problems_label.fontMetrics().lineSpacing()
        self.problems_label.setFixedHeight(lines + 12)

    def text_size_changed(self) -> None:
        """设置 → 文字大小 changed: the place for problems holds as many lines as before."""
        self._size_problem_place()
        self.fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        """Show every post when the screen has room; on a small screen (1024×768 at 150 %)
        the posts scroll, and the date, the problems and 保存 stay in view."""
        layout = self.layout()
        body = self.posts_scroll.widget()
        if layout is None or body is None:
            return
        full = body.sizeHint().height() + 2 * self.posts_scroll.frameWidth()
        self.posts_scroll.setMinimumHeight(full)  # the height that shows every post
        layout.activate()
        wanted = (
            layout.totalMinimumHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalMinimumSize().height()
        )
        rows = 3 * self.lines[0].combo.sizeHint().height() if self.lines else 0
        self.posts_scroll.setMinimumHeight(min(full, rows))
        # The wrapped labels would make the whole preferred height the least one: the
        # least is what the form needs with three posts in view.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.setMinimumHeight(self.ui.minimumSizeHint().height())
        screen = self.screen()
        room = screen.availableGeometry().height() - 48 if screen is not None else wanted
        self.resize(self.width(), max(min(wanted, room), self.minimumHeight()))

    # --- the posts ----------------------------------------------------------------------

    def _add_line(self, kind: CommitteePostKind) -> PostLine:
        row = self.grid.rowCount()
        name: QLabel | QLineEdit
        if kind is CommitteePostKind.OTHER:
            name = QLineEdit(self.ui)
            name.setPlaceholderText("职务名称，如统战委员")
            name.setMaxLength(20)
            name.setMaximumWidth(name.fontMetrics().horizontalAdvance("职务名称，如统战委员") + 24)
            name.textChanged.connect(lambda _t: self.check())
        else:
            required = kind is CommitteePostKind.SECRETARY or (
                not self.secretary_only and kind in STANDARD_POSTS
            )
            star = ' <span style="color:#C8161D;">*</span>' if required else ""
            name = QLabel(f"{kind.label}{star}", self.ui)
            name.setTextFormat(Qt.TextFormat.RichText)
        combo = QComboBox(self.ui)
        combo.setMinimumContentsLength(12)
        combo.setAccessibleName(kind.label)
        placeholder = (
            "不设副书记（可不选）" if kind is CommitteePostKind.DEPUTY_SECRETARY else "请选择"
        )
        fill_member_combo(combo, self.choices, self.names, None, placeholder)
        if isinstance(name, QLabel):
            name.setBuddy(combo)
        remove: QToolButton | None = None
        if kind is not CommitteePostKind.SECRETARY:
            remove = QToolButton(self.ui)
            remove.setText("不设")
            remove.setToolTip("本届不设这个职务")
        line = PostLine(kind, name, combo, remove)
        combo.currentIndexChanged.connect(lambda _i: self.check())
        self.grid.addWidget(name, row, 0)
        self.grid.addWidget(combo, row, 1)
        if remove is not None:
            self.grid.addWidget(remove, row, 2)
            remove.clicked.connect(lambda _c=False, line=line: self._remove_line(line))
        self.lines.append(line)
        return line

    def _remove_line(self, line: PostLine) -> None:
        self.lines.remove(line)
        for widget in (line.name, line.combo, line.remove):
            if widget is not None:
                self.grid.removeWidget(widget)
                widget.deleteLater()
        self.check()

    def _fill_add_menu(self) -> None:
        self.add_menu.clear()
        listed = {line.kind for line in self.lines}
        for kind in ADDABLE_POSTS:
            if kind is CommitteePostKind.OTHER or kind not in listed:
                text = "其他职务（自己填写名称）" if kind is CommitteePostKind.OTHER else kind.label
                action = self.add_menu.addAction(text)
                action.triggered.connect(lambda _c=False, k=kind: self.add_post_line(k))

    def add_post_line(self, kind: CommitteePostKind) -> PostLine:
        """增设职务: a further post on the form, its picker ready."""
        line = self._add_line(kind)
        (line.name if isinstance(line.name, QLineEdit) else line.combo).setFocus()
        self.fit_height()
        self.check()
        return line

    def line(self, kind: CommitteePostKind) -> PostLine:
        return next(line for line in self.lines if line.kind is kind)

    def _load_choices(self) -> None:
        """Who can be elected on the election date; a choice no longer among them is
        taken back and said so."""
        elected = self.dates["elected_on"].value()
        if elected == self.choices_day and self.lines:
            return  # the same day: the same choices, nothing to refill
        self.choices_day = elected
        self.choices = eligible_members(elected) if elected is not None else []
        self.names = dict(self.choices)
        self.dropped = []
        for line in self.lines:
            chosen = combo_member(line.combo)
            keep = chosen if chosen in self.names else None
            if chosen is not None and keep is None:
                who = line.combo.currentText()
                self.dropped.append(
                    f"“{who}”在{format_date(elected)}不是本支部的正式党员，"
                    f"已从{line.shown()}中去掉，请重新选择。"
                )
            line.combo.blockSignals(True)
            fill_member_combo(
                line.combo, self.choices, self.names, keep, line.combo.placeholderText()
            )
            line.combo.blockSignals(False)

    # --- the dates ----------------------------------------------------------------------

    def _mark_ends_typed(self) -> None:
        self._ends_typed = True

    def _elected_left(self) -> None:
        """The term starts on the election day (until changed); the choices are those
        of the election day."""
        if self.closing():
            return
        elected = self.dates["elected_on"].value()
        if elected is not None and not self.dates["starts_on"].edit.isModified():
            self.dates["starts_on"].set_date(elected)
            self._fill_end()
        self._load_choices()
        self.check()

    def _starts_left(self) -> None:
        if self.closing():
            return
        self._fill_end()
        self.check()

    def _fill_end(self) -> None:
        starts = self.dates["starts_on"].value()
        if starts is None:
            return
        end = default_term_end(starts)
        if not self._ends_typed:
            self.dates["ends_on"].set_date(end)
        years = end.year - starts.year
        self.term_hint.setText(f"按每届任期{years}年计算；延期或提前换届的，请改为实际日期。")

    # --- problems -------------------------------------------------------------------------

    def elected_posts(self) -> list[ElectedPost]:
        """The posts to record (an empty 副书记 is not set up)."""
        return [
            ElectedPost(line.kind, combo_member(line.combo), line.title())
            for line in self.lines
            if not (line.optional and combo_member(line.combo) is None)
        ]

    def _date_problems(self) -> list[str]:
        found = []
        names = {"elected_on": "选举日期", "starts_on": "任期开始日期", "ends_on": "任期届满日期"}
        for field, date_input in self.dates.items():
            message = date_input.problem()
            if not message and not date_input.text().strip():
                message = f"请填写{names[field]}。"
            if message:
                found.append(f"{names[field]}：{message}" if field != "elected_on" else message)
        if found:
            return found
        elected, starts, ends = (d.value() for d in self.dates.values())
        assert elected is not None and starts is not None and ends is not None
        if elected > dt.date.today():
            found.append("选举日期晚于今天，请核对。")
        if starts < elected:
            found.append("任期不能早于选举日期开始，请核对。")
        if ends <= starts:
            found.append("任期结束日期应晚于开始日期，请核对。")
        return found

    def problems(self) -> tuple[list[str], list[str]]:
        """(errors, warnings) as shown: before the first 保存, a post not yet chosen is
        not a problem."""
        errors = self._date_problems()
        warnings = list(self.dropped)
        posts = self.elected_posts()
        elected = self.dates["elected_on"].value()
        unchosen = [post.shown for post in posts if post.member_id is None]
        if self.tried and unchosen:  # one line for them all
            errors.append(unchosen_message(unchosen))
        if elected is not None:
            for problem in election_problems(
                posts, elected_on=elected, has_committee=not self.secretary_only
            ):
                index = int(problem.field.removeprefix("post:") or 0)
                post = posts[index] if index < len(posts) else None
                if post is None or post.member_id is not None:
                    errors.append(problem.message)
                elif problem.message != unchosen_message([post.shown]) and self.tried:
                    errors.append(problem.message)  # e.g. an "other" post without a name
        people = {p.member_id for p in posts if p.member_id is not None}
        if not self.secretary_only and len(people) > 5:
            warnings.append(
                f"本届登记了{len(people)}名委员：支部委员会一般由3至5人组成，最多不超过7人。"
            )
        return errors, warnings

    def check(self) -> list[str]:
        """Show the problems in their fixed place; returns the errors."""
        if self.closing():
            return []
        errors, warnings = self.problems()
        items = [(True, message) for message in errors] + [(False, m) for m in warnings]
        shown = self._fitting(items)
        html_lines = [
            f'<span style="color:{"#C8161D" if error else "#8A5A00"};">'
            f"{'！' if error else '提示：'}{html.escape(message)}</span>"
            for error, message in shown
        ]
        if len(items) > len(shown):
            html_lines.append(
                f'<span style="color:#5A5A5A;">……还有{len(items) - len(shown)}条，'
                "改正上面的问题后显示。</span>"
            )
        if not items:
            ready = all(
                combo_member(line.combo) is not None for line in self.lines if not line.optional
            )
            html_lines = [
                f'<span style="color:{"#1E6B35" if ready else "#5A5A5A"};">'
                + ("✓ 各职务都已选定，可以保存。" if ready else "选好各职务的当选人后，点“保存”。")
                + "</span>"
            ]
        self.problems_label.setText("<br>".join(html_lines))
        self.problems_label.setToolTip("\n".join(message for _e, message in items))
        return errors

    def _fitting(self, items: list[tuple[bool, str]]) -> list[tuple[bool, str]]:
        """The first problems that fit the fixed place with their wrapped lines, leaving a
        line for “……还有N条” when some do not."""
        label = self.problems_label
        metrics = label.fontMetrics()
        width = max(label.contentsRect().width() - 8, 200)
        shown: list[tuple[bool, str]] = []
        used = 0
        for n, (error, message) in enumerate(items):
            text = f"{'！' if error else '提示：'}{message}"
            flags = int(Qt.TextFlag.TextWordWrap)
            lines = max(1, metrics.boundingRect(0, 0, width, 10_000, flags, text).height())
            lines = -(-lines // metrics.lineSpacing())
            room = PROBLEM_LINES - (0 if n == len(items) - 1 else 1)  # “……还有” takes one
            if shown and used + lines > room:  # the first always shows, if need be cut
                break
            shown.append((error, message))
            used += lines
        return shown

    def save(self) -> None:
        self.tried = True
        if self.check():
            return
        elected = self.dates["elected_on"].value()
        assert elected is not None
        posts = self.elected_posts()
        try:
            self.saved_id = elect_committee(
                elected_on=elected,
                posts=posts,
                starts_on=self.dates["starts_on"].value(),
                ends_on=self.dates["ends_on"].value(),
                number=self.number_spin.value() or None,
            )
        except UserError as exc:
            self.problems_label.setText(
                f'<span style="color:#C8161D;">！{html.escape(exc.message)}</span>'
            )
            self.problems_label.setToolTip(exc.message)
            return
        self.accept()


class AddPostDialog(FormDialog):
    """增设职务: one of the usual posts, or another with its own name (统战委员 …)."""

    form_name = "add_post_dialog"

    def __init__(self, parent: QWidget | None, term: TermRow) -> None:
        super().__init__(parent)
        self.term = term
        self.setWindowTitle("增设职务")
        self.label("promptLabel").setText(f"为{term.label}增设一个职务，任职人员随后登记。")
        self.kind_combo = child(self.ui, QComboBox, "kindCombo")
        existing = {post.post for post in term.posts}
        for kind in ADDABLE_POSTS:
            if kind is CommitteePostKind.OTHER or kind not in existing:
                text = "其他职务（自己填写名称）" if kind is CommitteePostKind.OTHER else kind.label
                self.kind_combo.addItem(text, kind)
        self.title_edit = child(self.ui, QLineEdit, "titleEdit")
        self.form = child(self.ui, QFormLayout, "addPostForm")
        self.error_labels({"kind": "kindError", "title": "titleError"})
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self._kind_changed()
        self._wire_primary()
        self.saved_id: int | None = None
        self.setMinimumWidth(480)

    def kind(self) -> CommitteePostKind:
        data = self.kind_combo.currentData()
        return CommitteePostKind(data)

    def _kind_changed(self) -> None:
        other = self.kind() is CommitteePostKind.OTHER
        self.form.setRowVisible(self.label("titleLabel"), other)
        if other:
            self.title_edit.setFocus()

    def save(self) -> None:
        other = self.kind() is CommitteePostKind.OTHER
        try:
            self.saved_id = add_post(
                self.term.id, self.kind(), title=self.title_edit.text() if other else ""
            )
        except UserError as exc:
            self.show_service_error(exc, title="没有增设职务")
            return
        self.accept()


# --- the page ---------------------------------------------------------------------------


class OrganizationPage(Page):
    filled_when_built = True  # its __init__ ends with refresh()

    def __init__(self, data_root: Path, parent: QWidget | None = None) -> None:
        super().__init__("organization", parent)
        self.ui = load_form("organization_page", self)
        style_heading(child(self.ui, QLabel, "headingLabel"))
        self.ok_label = child(self.ui, QLabel, "okLabel")
        self.ok_label.setFont(scaled_font(1.0, bold=True))
        set_role(self.ok_label, "ok")
        self.warnings_box = child(self.ui, QWidget, "warningsBox")
        self.warning_labels: list[QLabel] = []
        self.committee_stack = child(self.ui, QStackedWidget, "committeeStack")
        self.committee_page = child(self.ui, QWidget, "committeePage")
        self.no_committee_page = child(self.ui, QWidget, "noCommitteePage")
        self.no_committee_label = child(self.ui, QLabel, "noCommitteeLabel")
        set_role(self.no_committee_label, "notice")
        self.term_label = child(self.ui, QLabel, "termLabel")
        self.term_label.setFont(scaled_font(1.1, bold=True))
        self.term_hint = child(self.ui, QLabel, "termHint")
        set_role(self.term_hint, "hint")
        self.groups_hint = child(self.ui, QLabel, "groupsHint")
        set_role(self.groups_hint, "hint")
        self.post_table = child(self.ui, QTableWidget, "postTable")
        self.group_table = child(self.ui, QTableWidget, "groupTable")
        self.buttons = {
            name: child(self.ui, QPushButton, f"{name}Button")
            for name in (
                "setUpCommittee",
                "secretary",
                "changeHolder",
                "addPost",
                "removePost",
                "newTerm",
                "newGroup",
                "renameGroup",
                "leader",
                "deleteGroup",
            )
        }
        make_primary(self.buttons["setUpCommittee"])
        self.dialog: QDialog | None = None
        self.term: TermRow | None = None
        self.groups: list[GroupRow] = []
        self._set_up_tables()
        self._connect()
        layout = child(self.ui, QVBoxLayout, "organizationLayout")
        # 组织设置情况 (issue 20): the half-yearly reports; previews in the data folder
        from jianshi_desktop.gui.organization.reports import ReportsSection

        self.reports_section = ReportsSection(self.ui, data_root=data_root)
        self.reports_section.status.connect(self.status.emit)
        layout.addWidget(self.reports_section)
        # 评先表彰 (issue 20): the awards and the 推荐材料
        from jianshi_desktop.gui.organization.awards import AwardsSection

        self.awards = AwardsSection(data_root, self.ui, status=self.status.emit)
        layout.addWidget(self.awards)
        self.refresh()

    def _set_up_tables(self) -> None:
        for table, name, headers in (
            (self.post_table, "支部委员会职务", ("职务", "任职人员")),
            (self.group_table, "党小组", ("党小组", "组长", "在册人数")),
        ):
            table.setColumnCount(len(headers))
            table.setHorizontalHeaderLabels(list(headers))
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            prepare_table(table, name).setStretchLastSection(True)
            table.setMinimumHeight(table.verticalHeader().defaultSectionSize() * 5)
        self.post_table.horizontalHeader().resizeSection(0, 130)
        groups_header = self.group_table.horizontalHeader()
        groups_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        groups_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        groups_header.setStretchLastSection(False)
        groups_header.resizeSection(1, 110)
        groups_header.resizeSection(2, 90)
        self.post_table.itemSelectionChanged.connect(self._update_buttons)
        self.group_table.itemSelectionChanged.connect(self._update_buttons)
        self.post_table.itemDoubleClicked.connect(lambda _i: self.change_holder())
        self.group_table.itemDoubleClicked.connect(lambda _i: self.set_leader())

    def _connect(self) -> None:
        self.buttons["setUpCommittee"].clicked.connect(self.set_up_committee)
        self.buttons["secretary"].clicked.connect(self.register_secretary)
        self.buttons["changeHolder"].clicked.connect(self.change_holder)
        self.buttons["addPost"].clicked.connect(self.add_post)
        self.buttons["removePost"].clicked.connect(self.remove_post)
        self.buttons["newTerm"].clicked.connect(self.new_term)
        self.buttons["newGroup"].clicked.connect(self.new_group)
        self.buttons["renameGroup"].clicked.connect(self.rename_group)
        self.buttons["leader"].clicked.connect(self.set_leader)
        self.buttons["deleteGroup"].clicked.connect(self.delete_group)

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        info = branch_info()
        if info is None:
            return
        self._show_warnings(organization_warnings())
        self.term = current_term()
        self._show_committee(info.has_committee)
        self._show_groups()
        self._update_buttons()
        self.awards.refresh()
        self.reports_section.refresh()

    def _show_warnings(self, warnings: list[OrgWarning]) -> None:
        layout = self.warnings_box.layout()
        assert isinstance(layout, QVBoxLayout)
        for label in self.warning_labels:
            layout.removeWidget(label)
            label.deleteLater()
        self.warning_labels = []
        for warning in warnings:
            label = QLabel(warning_html(warning), self.warnings_box)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            set_role(label, "warning-item")
            layout.addWidget(label)
            self.warning_labels.append(label)
        self.ok_label.setVisible(not warnings)
        self.warnings_box.setVisible(bool(warnings))

    def _show_committee(self, has_committee: bool) -> None:
        if not has_committee:
            self.committee_stack.setCurrentWidget(self.no_committee_page)
            self.no_committee_label.setText(
                self._secretary_text()
                + NO_COMMITTEE_TEXT.format(n=COMMITTEE_THRESHOLD_FULL_MEMBERS)
            )
            secretary = self._secretary_post()
            self.buttons["secretary"].setText(
                "登记书记" if secretary is None or secretary.vacant else "更换书记"
            )
            return
        self.committee_stack.setCurrentWidget(self.committee_page)
        term = self.term
        has_term = term is not None
        self.post_table.setVisible(has_term)
        for name in ("changeHolder", "addPost", "removePost"):
            self.buttons[name].setVisible(has_term)
        if term is None:
            self.term_label.setText("还没有登记支部委员会的任期和委员")
            self.term_hint.setText("请点“登记换届”，在一个窗口中填写选举日期和各职务的当选人。")
            make_primary(self.buttons["newTerm"])
            self.post_table.setRowCount(0)
            return
        set_role(self.buttons["newTerm"], "")
        self.term_label.setText(f"本届：{term.label}")
        by_election = "（补选）" if term.is_by_election else ""
        self.term_hint.setText(
            f"选举日期：{format_date(term.elected_on)}{by_election}。"
            "任期届满前6个月起，本页会提醒准备换届。双击职务可更换任职人员。"
        )
        self._fill_posts(term.posts)

    def _fill_posts(self, posts: tuple[PostRow, ...]) -> None:
        selected = self.selected_post()
        table = self.post_table
        table.setRowCount(len(posts))
        bold = QFont(table.font())
        bold.setBold(True)
        for row, post in enumerate(posts):
            title = QTableWidgetItem(post.title)
            title.setData(ID_ROLE, post.id)
            shown = f"{post.member_name}{BY_ELECTION_TEXT if post.by_election else ''}"
            holder = QTableWidgetItem(VACANT_TEXT if post.vacant else shown)
            holder.setData(ID_ROLE, post.id)
            if post.by_election and post.since is not None:
                holder.setToolTip(f"职务空缺后，于{format_date(post.since)}补选")
            if post.vacant:
                holder.setForeground(QBrush(VACANT_COLOUR))
                holder.setFont(bold)
                holder.setToolTip("这个职务现在没有人担任，请及时补选，并点“更换任职人员”登记。")
            table.setItem(row, 0, title)
            table.setItem(row, 1, holder)
        if selected is not None:
            self._select(table, selected.id)

    def _show_groups(self) -> None:
        selected = self.selected_group()
        self.groups = list_groups()
        table = self.group_table
        table.setRowCount(len(self.groups))
        for row, group in enumerate(self.groups):
            name = QTableWidgetItem(group.name)
            leader = QTableWidgetItem(group.leader_name or NO_LEADER_TEXT)
            if not group.leader_name:
                leader.setForeground(QBrush(QUIET_COLOUR))
            count = QTableWidgetItem(f"{group.member_count} 人")
            for column, item in enumerate((name, leader, count)):
                item.setData(ID_ROLE, group.id)
                table.setItem(row, column, item)
        table.setVisible(bool(self.groups))
        self.groups_hint.setText(
            "每个党小组设组长一名。党员所在的党小组在党员信息中填写。"
            if self.groups
            else "还没有党小组。党员较多的支部可按年级、学科或校区划分党小组，"
            "每个党小组设组长一名。点“新建”建立党小组。"
        )
        if selected is not None:
            self._select(table, selected.id)

    @staticmethod
    def _select(table: QTableWidget, item_id: int) -> None:
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            if item is not None and item.data(ID_ROLE) == item_id:
                table.selectRow(row)
                return

    # --- selection ----------------------------------------------------------------------

    def selected_post(self) -> PostRow | None:
        if self.term is None:
            return None
        rows = self.post_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.post_table.item(rows[0].row(), 0)
        post_id = item.data(ID_ROLE) if item is not None else None
        return next((p for p in self.term.posts if p.id == post_id), None)

    def selected_group(self) -> GroupRow | None:
        rows = self.group_table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.group_table.item(rows[0].row(), 0)
        group_id = item.data(ID_ROLE) if item is not None else None
        return next((g for g in self.groups if g.id == group_id), None)

    def _update_buttons(self) -> None:
        post = self.selected_post()
        self.buttons["changeHolder"].setEnabled(post is not None)
        self.buttons["removePost"].setEnabled(
            post is not None and post.post is not CommitteePostKind.SECRETARY
        )
        group = self.selected_group()
        for name in ("renameGroup", "leader", "deleteGroup"):
            self.buttons[name].setEnabled(group is not None)

    # --- actions ------------------------------------------------------------------------

    def _open(self, dialog: QDialog, done: str) -> QDialog:
        """Show ``dialog`` without blocking; refresh and say ``done`` when it is accepted."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if self.dialog is dialog:
                self.dialog = None
            if result == QDialog.DialogCode.Accepted:
                self.refresh()
                self.status.emit(done)

        dialog.finished.connect(finished)
        open_in_front(dialog)
        return dialog

    def set_up_committee(self) -> ElectionDialog | None:
        try:
            set_has_committee(True)
        except UserError as exc:
            messages.show_error(self, exc, title="没有设立支部委员会")
            return None
        self.refresh()
        self.status.emit("已设立支部委员会。请登记选举产生的各委员。")
        return self.new_term()

    def _secretary_post(self) -> PostRow | None:
        if self.term is None:
            return None
        return next((p for p in self.term.posts if p.post is CommitteePostKind.SECRETARY), None)

    def _secretary_text(self) -> str:
        post = self._secretary_post()
        if self.term is None or post is None:
            return "还没有登记支部书记：请点“登记书记”，填写任期后选定书记。\n\n"
        who = post.member_name or "空缺（需补选）"
        return f"支部书记：{who}，任期 {self.term.label}。\n\n"

    def register_secretary(self) -> QDialog | None:
        """A branch without a committee still has a secretary of record, with a term."""
        post = self._secretary_post()
        if post is None:
            return self.new_term()
        return self.change_holder(post)

    def new_term(self) -> ElectionDialog:
        """登记换届: the election result in one form — a committee's posts, or the 书记
        (and 副书记) of a branch without a committee."""
        info = branch_info()
        secretary_only = info is not None and not info.has_committee
        dialog = ElectionDialog(self, previous=self.term, secretary_only=secretary_only)
        done = "已登记书记及其任期。" if secretary_only else "已登记新一届支部委员会和各委员。"
        self._open(dialog, done)
        return dialog

    def change_holder(self, post: PostRow | None = None) -> PickMemberDialog | None:
        post = post or self.selected_post()
        if post is None:
            messages.information(self, "请先在职务列表中点选一个职务。", title="更换任职人员")
            return None
        members = [m for m in list_members() if m.status is Status.FULL]
        choices: list[tuple[str, int | None]] = [("（空缺，待补选）", None)]
        choices += [(member_choice(m), m.id) for m in members]

        def save(member_id: int | None, since: dt.date | None) -> None:
            set_post_holder(post.id, member_id, since=since)

        dialog = PickMemberDialog(
            self,
            title=f"更换任职人员 — {post.title}",
            prompt=f"选择担任{post.title}的党员（只列出在册的正式党员）。",
            choices=choices,
            current=post.member_id,
            with_since=True,
            save_choice=save,
            hint="预备党员不能担任支委职务；一人一般不兼两个委员职务。",
        )
        self._open(dialog, f"已更新{post.title}的任职人员。")
        return dialog

    def perform(self, command: str, params: dict[str, object]) -> bool:
        """A reminder on 首页: ``new_term`` (登记换届), ``change_holder`` with ``post_id``, or
        ``new_organisation_report`` (组织设置情况, with the ``date`` of its half)."""
        if command == "new_organisation_report":
            return self.reports_section.perform(command, params)
        if command == "new_term":
            self.new_term()
            return True
        if command != "change_holder" or self.term is None:
            return False
        post = next((p for p in self.term.posts if p.id == params.get("post_id")), None)
        if post is None:
            return False
        self._select(self.post_table, post.id)
        return self.change_holder(post) is not None

    def add_post(self) -> AddPostDialog | None:
        if self.term is None:
            return None
        dialog = AddPostDialog(self, self.term)
        self._open(dialog, "已增设职务。请登记任职人员。")
        return dialog

    def remove_post(self) -> bool:
        post = self.selected_post()
        if post is None:
            messages.information(self, "请先在职务列表中点选一个职务。", title="撤销职务")
            return False
        holder = f"撤销后，{post.member_name}不再担任这个职务。" if post.member_name else ""
        if not messages.ask(
            self,
            f"撤销职务「{post.title}」？",
            title="撤销职务",
            yes_text="撤销",
            no_text="保留",
            hint=holder,
        ):
            return False
        try:
            remove_post(post.id)
        except UserError as exc:
            messages.show_error(self, exc, title="没有撤销职务")
            return False
        self.refresh()
        self.status.emit(f"已撤销职务“{post.title}”。")
        return True

    def new_group(self) -> GroupNameDialog:
        dialog = GroupNameDialog(
            self,
            title="新建党小组",
            prompt="填写新党小组的名称。建好后可以设组长，党员的党小组在党员信息中调整。",
            save_name=create_group,
        )
        self._open(dialog, "已新建党小组。")
        return dialog

    def rename_group(self) -> GroupNameDialog | None:
        group = self._need_group("改名")
        if group is None:
            return None
        dialog = GroupNameDialog(
            self,
            title="党小组改名",
            prompt=f"把党小组“{group.name}”改为：",
            name=group.name,
            save_name=lambda name: rename_group(group.id, name),
        )
        self._open(dialog, "已修改党小组名称。")
        return dialog

    def set_leader(self) -> PickMemberDialog | None:
        group = self._need_group("设组长")
        if group is None:
            return None
        members = list_members()
        own = [m for m in members if m.party_group == group.name]
        others = [m for m in members if m.party_group != group.name]
        choices: list[tuple[str, int | None]] = [("（暂不设组长）", None)]
        choices += [(m.name, m.id) for m in own]
        choices += [(f"{member_choice(m)} — 将调入本组", m.id) for m in others]

        def save(member_id: int | None, _since: dt.date | None) -> None:
            set_group_leader(group.id, member_id)

        dialog = PickMemberDialog(
            self,
            title=f"设组长 — {group.name}",
            prompt=f"选择“{group.name}”的组长。先列本组党员，再列其他在册党员。",
            choices=choices,
            current=group.leader_id,
            with_since=False,
            save_choice=save,
            hint="选择其他党小组的党员时，他（她）将调入本党小组。",
        )
        self._open(dialog, f"已设置“{group.name}”的组长。")
        return dialog

    def delete_group(self) -> bool:
        group = self._need_group("删除")
        if group is None:
            return False
        if group.member_count:
            messages.warning(
                self,
                f"党小组“{group.name}”还有{group.member_count}名党员，不能删除。",
                title="不能删除党小组",
                hint="请先在“党员”页编辑这些党员，把他们调到其他党小组，再删除。",
            )
            return False
        if not messages.ask(
            self,
            f"删除党小组「{group.name}」？",
            title="删除党小组",
            yes_text="删除",
            no_text="保留",
        ):
            return False
        try:
            delete_group(group.id)
        except UserError as exc:
            messages.show_error(self, exc, title="没有删除党小组")
            return False
        self.refresh()
        self.status.emit(f"已删除党小组“{group.name}”。")
        return True

    def _need_group(self, action: str) -> GroupRow | None:
        group = self.selected_group()
        if group is None:
            messages.information(self, "请先在党小组列表中点选一个党小组。", title=action)
        return group
