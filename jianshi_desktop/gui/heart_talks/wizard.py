"""The 谈心谈话 wizard: who talked with whom, when, where and of which kind; what each side
said, the problems raised and the follow-up; review, then 完成.

A 提醒谈话 is ticked 保密 as soon as it is chosen, with a line saying what that means
(kept out of packages and ledgers); the secretary may untick it. The talkee is picked
from the roster or typed, for someone from outside the branch. Saved through
:mod:`services.heart_talks`; drafts as in :mod:`jianshi_desktop.gui.records.wizard`; both
people are chosen with :mod:`jianshi_desktop.gui.records.pickers`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import HeartTalkKind
from jianshi_desktop.gui.common.forms import child
from jianshi_desktop.gui.common.widgets import set_role
from jianshi_desktop.gui.records.pickers import (
    combo_line,
    combo_member,
    combo_person,
    fill_member_combo,
    fill_person_combo,
    fill_place_combo,
    people_names,
    person_text,
)
from jianshi_desktop.gui.records.wizard import (
    DraftWizard,
    ReviewPage,
    StepPage,
    date_of,
    prepare_date_edit,
    review_table,
    set_combo_data,
    set_date,
)
from jianshi_desktop.services.heart_talks import HeartTalkForm
from jianshi_desktop.services.meetings import member_choices
from jianshi_desktop.services.record_kinds import HEART_TALK

CONFIDENTIAL_REMINDER = (
    "提醒谈话默认保密：不放入报送材料包和台账，只在本程序的谈心谈话列表中可以查看。"
    "确需放入的，可以取消勾选。"
)
CONFIDENTIAL_PLAIN = "勾选后，这次谈话不放入报送材料包和台账，只在本程序的谈心谈话列表中可以查看。"


class TalkBasicsPage(StepPage):
    form_name = "heart_talk_basics"
    step_title = "谈话双方和时间"
    subtitle = "谈话人默认为书记。谈话对象可以从名单中选，也可以直接输入支部以外人员的姓名。"
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {
        "held_on": ("dateError", "dateEdit"),
        "kind": ("kindError", "kindCombo"),
        "talker_id": ("talkerError", "talkerCombo"),
        "talkee": ("talkeeError", "talkeeCombo"),
    }

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.date_edit = child(self.ui, QDateEdit, "dateEdit")
        prepare_date_edit(self.date_edit)
        self.date_edit.setMaximumWidth(self.date_edit.fontMetrics().horizontalAdvance("0") * 24)
        self.kind_combo = child(self.ui, QComboBox, "kindCombo")
        for kind in HeartTalkKind:
            self.kind_combo.addItem(kind.label, kind.value)
        # both sides are the members of the talk's day; the talkee may also be typed
        self.names = people_names()
        self.members = member_choices(date_of(self.date_edit))
        self.talker_combo = child(self.ui, QComboBox, "talkerCombo")
        self.talkee_combo = child(self.ui, QComboBox, "talkeeCombo")
        self._fill_people(None, (None, ""))
        line = combo_line(self.talkee_combo)
        line.setPlaceholderText("选择或输入姓名")
        line.setMaxLength(30)
        self.place_combo = child(self.ui, QComboBox, "placeCombo")
        fill_place_combo(self.place_combo)
        self.confidential_check = child(self.ui, QCheckBox, "confidentialCheck")
        self.confidential_hint = self.label("confidentialHint")
        set_role(self.confidential_hint, "hint")
        set_role(self.label("talkeeHint"), "hint")
        for combo in (self.kind_combo, self.talker_combo, self.talkee_combo, self.place_combo):
            combo.setMaximumWidth(combo.fontMetrics().horizontalAdvance("中") * 20)
        self._auto_confidential = False
        self.kind_combo.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        self.confidential_check.toggled.connect(lambda _on: self._confidential_toggled())
        self.date_edit.dateChanged.connect(lambda _d: self._date_changed())
        self.watch("held_on", self.date_edit.dateChanged)
        self.watch("talker_id", self.talker_combo.currentIndexChanged)
        self.watch(
            "talkee",
            self.talkee_combo.activated,
            line.editingFinished,
            changed=self.talkee_combo.currentTextChanged,
        )
        for signal in (self.talker_combo.currentIndexChanged, self.talkee_combo.currentTextChanged):
            signal.connect(lambda *_a: self._recheck_kind())

    def kind(self) -> HeartTalkKind:
        return HeartTalkKind(self.kind_combo.currentData())

    def _fill_people(self, talker: int | None, talkee: tuple[int | None, str]) -> None:
        fill_member_combo(self.talker_combo, self.members, self.names, talker)
        fill_person_combo(self.talkee_combo, self.members, *talkee, self.names)

    def _date_changed(self) -> None:
        """Both pickers offer the members of the talk's day (rules.md §7): a person picked
        stays picked while a member that day; one who was not is taken out, to be chosen
        again. A name typed for someone outside the branch stays."""
        members = member_choices(date_of(self.date_edit))
        if members == self.members:
            return
        talker = self.talker_id()
        talkee_id, talkee_name = self.talkee()
        self.members = members
        valid = {member_id for member_id, _name in members}
        self._fill_people(
            talker if talker in valid else None,
            (talkee_id, "") if talkee_id in valid else (None, "" if talkee_id else talkee_name),
        )
        self._recheck_if_shown("talker_id")
        self._recheck_if_shown("talkee")

    def choose_kind(self, kind: HeartTalkKind) -> None:
        set_combo_data(self.kind_combo, kind.value)

    def talker_id(self) -> int | None:
        return combo_member(self.talker_combo)

    def talkee(self) -> tuple[int | None, str]:
        """(member id, "") for someone on the roster, (None, name) for someone typed."""
        return combo_person(self.talkee_combo)

    def _kind_chosen(self) -> None:
        if self.kind() is HeartTalkKind.REMINDER:
            if not self.confidential_check.isChecked():
                self.confidential_check.setChecked(True)
                self._auto_confidential = True
        elif self._auto_confidential:
            self.confidential_check.setChecked(False)
            self._auto_confidential = False
        self._show_confidential_hint()
        self.check({"kind"})

    def _confidential_toggled(self) -> None:
        if not self.confidential_check.isChecked():
            self._auto_confidential = False
        self._show_confidential_hint()

    def _show_confidential_hint(self) -> None:
        reminder = self.kind() is HeartTalkKind.REMINDER
        self.confidential_hint.setText(CONFIDENTIAL_REMINDER if reminder else CONFIDENTIAL_PLAIN)

    def _recheck_kind(self) -> None:
        if not self.errors["kind"].isHidden():
            self.check({"kind"})

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.label("talkeeHint").setVisible(not read_only)

    def load(self, form: HeartTalkForm) -> None:
        set_date(self.date_edit, form.held_on)
        self.kind_combo.blockSignals(True)
        self.choose_kind(form.kind)
        self.kind_combo.blockSignals(False)
        self.members = member_choices(form.held_on)
        self._fill_people(form.talker_id, (form.talkee_id, form.talkee_name))
        self.place_combo.setCurrentText(form.place)
        self.confidential_check.blockSignals(True)
        self.confidential_check.setChecked(form.confidential)
        self.confidential_check.blockSignals(False)
        self._auto_confidential = False
        self._show_confidential_hint()

    def fill(self, form: HeartTalkForm) -> None:
        form.held_on = date_of(self.date_edit)
        form.kind = self.kind()
        form.talker_id = self.talker_id()
        form.talkee_id, form.talkee_name = self.talkee()
        form.place = self.place_combo.currentText()
        form.confidential = self.confidential_check.isChecked()


class TalkContentPage(StepPage):
    form_name = "heart_talk_content"
    step_title = "谈话内容"
    subtitle = "简要记录双方谈了什么。反映的问题和后续措施没有可以不填。"
    FIELDS: ClassVar[dict[str, tuple[str, str]]] = {
        "topic": ("topicError", "topicEdit"),
        "talker_said": ("talkerSaidError", "talkerSaidEdit"),
    }

    def __init__(self, owner: DraftWizard) -> None:
        super().__init__(owner)
        self.topic_edit = child(self.ui, QLineEdit, "topicEdit")
        self.texts = {
            name: child(self.ui, QPlainTextEdit, f"{name}Edit")
            for name in ("talkerSaid", "talkeeSaid", "problems", "followUp")
        }
        for name in ("talkeeSaidError", "problemsError", "followUpError"):
            self.label(name).hide()
        line = self.texts["talkerSaid"].fontMetrics().lineSpacing()
        for edit in self.texts.values():  # four boxes alike, three to four lines each
            edit.setFixedHeight(line * 4 + 12)
        self.watch("topic", self.topic_edit.editingFinished, changed=self.topic_edit.textChanged)
        for name in ("talkerSaid", "talkeeSaid"):
            self.texts[name].textChanged.connect(lambda: self._recheck_said())

    def _recheck_said(self) -> None:
        if not self.errors["talker_said"].isHidden():
            self.check({"talker_said"})

    def load(self, form: HeartTalkForm) -> None:
        self.topic_edit.setText(form.topic)
        self.texts["talkerSaid"].setPlainText(form.talker_said)
        self.texts["talkeeSaid"].setPlainText(form.talkee_said)
        self.texts["problems"].setPlainText(form.problems)
        self.texts["followUp"].setPlainText(form.follow_up)

    def fill(self, form: HeartTalkForm) -> None:
        form.topic = self.topic_edit.text()
        form.talker_said = self.texts["talkerSaid"].toPlainText()
        form.talkee_said = self.texts["talkeeSaid"].toPlainText()
        form.problems = self.texts["problems"].toPlainText()
        form.follow_up = self.texts["followUp"].toPlainText()


class TalkReviewPage(ReviewPage):
    form_name = "heart_talk_review"


class HeartTalkWizard(DraftWizard):
    """Records one 谈心谈话. ``form`` from ``new_heart_talk_form``, ``load_heart_talk`` or
    ``HEART_TALK.copy_last``; ``record_id`` and ``mode`` for a saved record."""

    PAGES: ClassVar[tuple[type[StepPage], ...]] = (TalkBasicsPage, TalkContentPage, TalkReviewPage)
    KIND = HEART_TALK
    SIZE = (860, 640)

    @property
    def basics(self) -> TalkBasicsPage:
        page = self.pages[0]
        assert isinstance(page, TalkBasicsPage)
        return page

    def _name(self, member_id: int | None, name: str = "") -> str:
        return person_text(member_id, name, self.basics.names)

    def review_html(self, form: Any) -> str:
        assert isinstance(form, HeartTalkForm)
        talkee = self._name(form.talkee_id, form.talkee_name)
        if form.talkee_id is None and talkee:
            talkee += "（支部以外人员）"
        secret = "是：不放入报送材料包和台账" if form.confidential else "否"
        return review_table(
            [
                ("谈话日期", format_date(form.held_on)),
                ("谈话类型", form.kind.label),
                ("谈话人", self._name(form.talker_id)),
                ("谈话对象", talkee),
                ("谈话地点", form.place.strip()),
                ("谈话主题", form.topic.strip()),
                ("谈话人谈的", form.talker_said.strip()),
                ("谈话对象谈的", form.talkee_said.strip()),
                ("反映的问题", form.problems.strip() or "无"),
                ("后续措施", form.follow_up.strip() or "无"),
                ("保密", secret),
            ]
        )
