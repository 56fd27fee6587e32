"""One lifecycle for every kind of record: draft, finish (补录 judged then), archive,
amend with a reason, delete a draft, copy the last one — written once.

A kind of record (meeting, theme day, talk, and the kinds to come) declares only what
differs, as a :class:`RecordKind`: its model, how a form is checked, written and read back,
how it is named, and what 复制上次 keeps. ``services/record_kinds.py`` registers each kind
with its document builder and the facts the compliance engine counts;
``docs/adding-a-record-kind.md`` walks through adding one.

Every method is one user action: one transaction with its audit row
(:func:`~jianshi_desktop.services.audit.user_action`), named ``finish_<record_type>`` etc.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import peewee

from jianshi_desktop.db.models import Amendment
from jianshi_desktop.domain.compliance import RecordFact
from jianshi_desktop.domain.enums import RecordState
from jianshi_desktop.domain.problems import Problem
from jianshi_desktop.services import records
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch

FormT = TypeVar("FormT")

if TYPE_CHECKING:  # the documents load when a record is first printed
    from jianshi_desktop.documents.model import Document


def _nothing(_row: Any) -> None:
    return None


def _named(_form: Any) -> str:
    return ""


def _never(_row: Any) -> bool:
    return False


def _nothing_after(_row: Any, _form: Any) -> None:
    return None


def _held_on(form: Any) -> dt.date:
    held_on = form.held_on
    assert isinstance(held_on, dt.date)
    return held_on


def _no_subject(_row: Any, _names: Mapping[int, str]) -> str:
    return ""


@dataclass(frozen=True)
class RecordKind(Generic[FormT]):
    """What a kind of record declares; the lifecycle methods below serve every kind.

    ``FormT`` is the kind's form dataclass (what its wizard edits and its service checks).
    """

    record_type: str  # "meeting": amendments, audit entities, packages, file names
    name: str  # "主题党日": how the secretary calls the kind
    document_name: str  # "主题党日活动记录": one record as printed (preview, counts)
    area: str  # the window's area that lists them and makes new ones ("theme_days")
    package_key: str  # the list of its records in a package's records.json ("theme_days")
    model: Any  # a model class with id, branch, held_on, state, late_entry, archived_at
    check: Callable[..., list[Problem]]  # check(form, today=…): errors block finishing
    write: Callable[[Any, FormT], None]  # form → its row (and the row's children)
    read: Callable[[int], FormT]  # a saved record as its form
    title: Callable[[FormT], str]  # 「2020年9月15日支委会」: messages and audit lines
    # 复制上次: what a new record keeps, on a day (None: the kind's usual day for a new one)
    copy: Callable[[FormT, dt.date | None], FormT]
    document: Callable[[int], Document]  # the record as printed
    # its file name (before numbering) and its line in a ledger's contents, from a row of
    # id, held_on, state and ``columns``, with the party groups' names by id
    file_name: Callable[[Any, Mapping[int, str]], str]
    contents_line: Callable[[Any, Mapping[int, str]], str]
    facts: Callable[[], Iterable[RecordFact]]  # what the compliance engine counts
    order: int  # where its records stand among a day's records (ledger, package)
    columns: tuple[str, ...] = ()  # what file_name, contents_line, confidential, subject read
    draft_check: Callable[[FormT], None] = _nothing  # what even a draft needs
    before_delete: Callable[[Any], None] = _nothing  # loose ends of a deleted draft
    # the words an audit line uses instead of naming a record that must name nobody
    # (a 提醒谈话 is confidential: "一次提醒谈话"); "" names it by its title
    anonymous: Callable[[FormT], str] = _named
    # a record kept out of ledgers and packages unless the secretary decides otherwise
    confidential: Callable[[Any], bool] = _never
    # what tells two records of a day apart on screen (never printed): for a talk, the
    # member talked with; from a row of ``columns`` and the members' names by id
    subject: Callable[[Any, Mapping[int, str]], str] = _no_subject
    # what a finished record changes elsewhere, in the same transaction (a meeting's
    # per-person decisions take 发展党员 steps and change members); run again on every
    # finish and 更正, so it must take each change once
    after_finish: Callable[[Any, FormT], None] = _nothing_after
    # the day 补录 is judged from: the record's day, or its last day for a record that
    # lasts (a month-long training finished the day after it ends is not 补录)
    judged_on: Callable[[FormT], dt.date] = _held_on

    # --- reading ------------------------------------------------------------------------

    def state(self, record_id: int) -> tuple[RecordState, bool]:
        """(state, 补录) of a saved record."""
        row = self.model.get_by_id(record_id)
        return row.state, bool(row.late_entry)

    def amendments(self, record_id: int) -> list[Amendment]:
        return records.amendments(self.record_type, record_id)

    def copy_last(self, record_id: int, *, on: dt.date | None = None) -> FormT:
        """复制上次: a new form from a saved record, for ``on`` or the day a new record of
        the kind gets (today; the branch's fixed day for a theme day)."""
        return self.copy(self.read(record_id), on)

    # --- the lifecycle ------------------------------------------------------------------

    def _label(self, form: FormT) -> str:
        return self.anonymous(form) or f"“{self.title(form)}”"

    def _row(self, record_id: int | None) -> Any:
        if record_id is None:
            return self.model(branch=current_branch(), state=RecordState.DRAFT)
        return self.model.get_by_id(record_id)

    def save_draft(self, form: FormT, *, record_id: int | None = None) -> int:
        """Keep what is typed so far; no rule is enforced on a draft (beyond
        ``draft_check``)."""
        self.draft_check(form)
        with user_action(f"save_{self.record_type}_draft", entity=self.record_type) as audit:
            row = self._row(record_id)
            records.ensure_draft(row, self._label(form))
            self.write(row, form)
            audit.entity_id = row.id
            audit.summary = f"保存草稿{self._label(form)}"
        return int(row.id)

    def finish(
        self, form: FormT, *, record_id: int | None = None, today: dt.date | None = None
    ) -> int:
        """Check every rule and keep the record as finished (补录 if entered late)."""
        today = today or dt.date.today()
        records.raise_first_error(self.check(form, today=today))
        with user_action(f"finish_{self.record_type}", entity=self.record_type) as audit:
            row = self._row(record_id)
            records.ensure_editable(row, self._label(form))
            records.mark_finished(row, held_on=self.judged_on(form), today=today)
            self.write(row, form)
            self.after_finish(row, form)
            audit.entity_id = row.id
            late = "（补录）" if row.late_entry and not self.anonymous(form) else ""
            audit.summary = f"完成{self._label(form)}记录{late}"
        return int(row.id)

    def archive(self, record_id: int) -> None:
        form = self.read(record_id)
        with user_action(f"archive_{self.record_type}", entity=self.record_type) as audit:
            records.mark_archived(self.model.get_by_id(record_id), self._label(form))
            audit.entity_id = record_id
            audit.summary = f"归档{self._label(form)}"

    def amend(
        self, record_id: int, form: FormT, *, reason: str, today: dt.date | None = None
    ) -> None:
        """更正 an archived record: it stays archived; the record as it was is kept with the
        reason (``Amendment``)."""
        row = self.model.get_by_id(record_id)
        records.ensure_amendable(row)
        records.raise_first_error(self.check(form, today=today or dt.date.today()))
        before = self.read(record_id)
        with user_action(f"amend_{self.record_type}", entity=self.record_type) as audit:
            records.record_amendment(
                self.record_type, record_id, reason=reason, before=before, after=form
            )
            self.write(row, form)
            self.after_finish(row, form)
            audit.entity_id = record_id
            why = "" if self.anonymous(form) else f"：{reason.strip()}"
            audit.summary = f"更正{self._label(form)}{why}"

    def delete_draft(self, record_id: int) -> None:
        row = self.model.get_by_id(record_id)
        form = self.read(record_id)
        records.ensure_deletable(row, self._label(form))
        with user_action(f"delete_{self.record_type}_draft", entity=self.record_type) as audit:
            audit.entity_id = record_id
            audit.summary = f"删除草稿{self._label(form)}"
            self.before_delete(row)
            row.delete_instance(recursive=False)

    def naming_rows(self) -> peewee.ModelSelect[Any]:
        """Only the columns a file name and a contents line are made of (the first page
        of 文书 names a quarter's records four times: whole rows would be read for
        nothing)."""
        model = self.model
        extra = [getattr(model, name) for name in self.columns]
        return model.select(model.id, model.held_on, model.state, *extra)
