"""县局汇总 (the county desk): the tables of a county data folder — the branches whose
packages it received, with each branch's signing key, and every package kept read-only
with what it says. Reading a package is submission/county.py's job (it verifies first);
this module only keeps and answers.

A county data folder is an ordinary data folder (same database, backups, lock) marked
``data_folder_kind = "county"``; it holds no branch of its own.

Rules kept here:
- a package is known by its SHA-256: the same file imported twice is one package;
- of the packages of one branch and one period, the newest by the branch's own
  ``created_at`` is ``current``; the others are ``superseded`` and kept (history);
- a package signed by a key other than its branch's is ``held``: kept apart, never
  current, until the operator accepts it (after a phone call to the branch);
- the first key seen for a branch is remembered at once and marked unconfirmed until the
  operator compares its fingerprint with the one the branch printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from jianshi_desktop import signatures as signing
from jianshi_desktop.db.fields import RawJSON
from jianshi_desktop.db.models import CountyBranch, CountyPackage
from jianshi_desktop.errors import ValidationError
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.records import tuples
from jianshi_desktop.services.settings import read_value, write_value

FOLDER_KIND = "data_folder_kind"
COUNTY = "county"
CURRENT, SUPERSEDED, HELD = "current", "superseded", "held"
STATUS_LABELS = {CURRENT: "有效", SUPERSEDED: "已被新包取代", HELD: "签名不符，暂不采用"}


def is_county_folder() -> bool:
    """Whether the open data folder is a county desk's."""
    return read_value(FOLDER_KIND) == COUNTY


def make_county_folder() -> None:
    """Mark the open (new, branch-less) data folder as a county desk's; audited."""
    from jianshi_desktop.services.branch import current_branch_or_none

    if current_branch_or_none() is not None:
        raise ValidationError(
            "这个数据文件夹里已经有支部的数据，不能用作县局汇总。",
            hint="县局汇总请用一个新的数据文件夹（启动时加 --county 会使用单独的文件夹）。",
        )
    with user_action("make_county_folder", entity="setting") as audit:
        write_value(FOLDER_KIND, COUNTY)
        audit.summary = "这个数据文件夹用于县局汇总各校报送包"


@dataclass(frozen=True)
class BranchRow:
    id: int
    uid: str
    name: str
    fingerprint: str | None
    key_confirmed: bool
    packages: int


@dataclass(frozen=True)
class PackageRow:
    id: int
    branch_id: int
    branch_uid: str
    branch_name: str
    period_code: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    created_at: str
    sha256: str
    file_name: str
    stored_name: str
    status: str
    fingerprint: str | None
    imported_at: dt.datetime
    notes: tuple[str, ...]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


def _fingerprint(public_key: str | None) -> str | None:
    if not public_key:
        return None
    try:
        return signing.fingerprint(signing.decode(public_key))
    except ValueError:
        return None


def _branch_row(row: CountyBranch, packages: int) -> BranchRow:
    return BranchRow(
        row.id, row.uid, row.name, _fingerprint(row.public_key), bool(row.key_confirmed), packages
    )


def branches() -> list[BranchRow]:
    """Every branch seen, by name, with how many packages (any status) it sent."""
    counts: dict[int, int] = {}
    for (branch_id,) in tuples(CountyPackage.select(CountyPackage.branch)):
        counts[branch_id] = counts.get(branch_id, 0) + 1
    rows = CountyBranch.select().order_by(CountyBranch.name, CountyBranch.id)
    return [_branch_row(r, counts.get(r.id, 0)) for r in rows]


def known_key(uid: str) -> bytes | None:
    """The signing key remembered for the branch ``uid`` (None: never seen, or unsigned)."""
    row = CountyBranch.get_or_none(CountyBranch.uid == uid)
    if row is None or not row.public_key:
        return None
    try:
        return signing.decode(row.public_key)
    except ValueError:
        return None


def _package_row(row: CountyPackage, branch: CountyBranch) -> PackageRow:
    return PackageRow(
        id=row.id,
        branch_id=branch.id,
        branch_uid=branch.uid,
        branch_name=branch.name,
        period_code=row.period_code,
        period_label=row.period_label,
        period_start=row.period_start,
        period_end=row.period_end,
        created_at=row.created_at,
        sha256=row.sha256,
        file_name=row.file_name,
        stored_name=row.stored_name,
        status=row.status,
        fingerprint=row.fingerprint,
        imported_at=row.imported_at,
        notes=tuple(str(n) for n in row.notes or ()),
    )


def packages(*, branch_id: int | None = None, statuses: Sequence[str] = ()) -> list[PackageRow]:
    """Packages, newest period first (then newest made), without their data."""
    query = (
        CountyPackage.select(
            CountyPackage.id,
            CountyPackage.period_code,
            CountyPackage.period_label,
            CountyPackage.period_start,
            CountyPackage.period_end,
            CountyPackage.created_at,
            CountyPackage.sha256,
            CountyPackage.file_name,
            CountyPackage.stored_name,
            CountyPackage.status,
            CountyPackage.fingerprint,
            CountyPackage.imported_at,
            CountyPackage.notes,
            CountyBranch,
        )
        .join(CountyBranch)
        .order_by(
            CountyPackage.period_end.desc(), CountyPackage.created_at.desc(), CountyPackage.id
        )
    )
    if branch_id is not None:
        query = query.where(CountyPackage.branch == branch_id)
    if statuses:
        query = query.where(CountyPackage.status.in_(list(statuses)))
    return [_package_row(r, r.branch) for r in query]


def package_data(package_id: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A package's records.json and compliance rows, as verified when it was imported."""
    row = CountyPackage.get_by_id(package_id)
    return dict(row.records or {}), list(row.compliance or [])


def current_data() -> list[tuple[PackageRow, dict[str, Any], list[dict[str, Any]]]]:
    """Every current package with its records and compliance rows (the matrix, the
    organisation facts): one query."""
    query = CountyPackage.select(CountyPackage, CountyBranch).join(CountyBranch)
    query = query.where(CountyPackage.status == CURRENT).order_by(CountyBranch.name)
    return [
        (_package_row(r, r.branch), dict(r.records or {}), list(r.compliance or [])) for r in query
    ]


def known_hashes() -> frozenset[str]:
    """The SHA-256 of every package kept (an import skips verifying these again)."""
    return frozenset(str(h) for (h,) in tuples(CountyPackage.select(CountyPackage.sha256)))


def has_package(sha256: str) -> PackageRow | None:
    row = CountyPackage.get_or_none(CountyPackage.sha256 == sha256)
    return None if row is None else _package_row(row, row.branch)


@dataclass(frozen=True)
class Received:
    """A verified package as submission/county.py hands it over to be kept."""

    uid: str
    branch_name: str
    period_code: str
    period_label: str
    period_start: dt.date
    period_end: dt.date
    created_at: str
    app_version: str
    sha256: str
    size: int
    file_name: str
    stored_name: str
    encrypted: bool
    public_key: bytes | None  # the signer's; None: unsigned (an older program's)
    remember_key: bool  # first sight, or an announced or accepted change
    held: bool  # signed by a key that is not the branch's
    notes: tuple[str, ...]
    records: str  # records.json as verified: kept as it is (read back as a dict)
    compliance: list[dict[str, Any]]


def keep(received: Received) -> PackageRow:
    """Keep a verified package (one transaction, audited): its branch known or added, the
    signer's key remembered when it should be, its status among the packages of its branch
    and period decided."""
    with user_action("county_import_package", entity="county_package") as audit:
        branch = CountyBranch.get_or_none(CountyBranch.uid == received.uid)
        if branch is None:
            branch = CountyBranch.create(uid=received.uid, name=received.branch_name)
        before = (branch.public_key, branch.key_confirmed, branch.name)
        if received.remember_key and received.public_key is not None:
            changed = branch.public_key is not None
            branch.public_key = signing.encode(received.public_key)
            branch.key_confirmed = False if not changed else branch.key_confirmed
        if not received.held:
            branch.name = received.branch_name  # as its latest accepted package names it
        if (branch.public_key, branch.key_confirmed, branch.name) != before:
            branch.save()
        row = CountyPackage.create(
            branch=branch,
            period_code=received.period_code,
            period_label=received.period_label,
            period_start=received.period_start,
            period_end=received.period_end,
            created_at=received.created_at,
            app_version=received.app_version,
            sha256=received.sha256,
            size=received.size,
            file_name=received.file_name,
            stored_name=received.stored_name,
            encrypted=received.encrypted,
            fingerprint=None
            if received.public_key is None
            else signing.fingerprint(received.public_key),
            signer_key=None if received.public_key is None else signing.encode(received.public_key),
            status=HELD if received.held else CURRENT,
            notes=list(received.notes),
            records=RawJSON(received.records),
            compliance=received.compliance,
        )
        if not received.held:
            newest = _settle(branch.id, received.period_code)
            row.status = CURRENT if newest == row.id else SUPERSEDED
        audit.entity_id = row.id
        audit.summary = (
            f"收到“{received.branch_name}”{received.period_label}的报送包"
            f"（{STATUS_LABELS[row.status]}）"
        )
        return _package_row(row, branch)


def _settle(branch_id: int, period_code: str) -> int | None:
    """Of the branch's accepted packages of the period, the newest made is current (only
    the status columns are read: a package's data is large); returns its id."""
    rows = list(
        tuples(
            CountyPackage.select(
                CountyPackage.id, CountyPackage.status, CountyPackage.superseded_by
            )
            .where(
                (CountyPackage.branch == branch_id)
                & (CountyPackage.period_code == period_code)
                & (CountyPackage.status != HELD)
            )
            .order_by(CountyPackage.created_at.desc(), CountyPackage.id.desc())
        )
    )
    if not rows:
        return None
    newest = int(rows[0][0])
    for package_id, status, superseded_by in rows:
        wanted = (CURRENT, None) if package_id == newest else (SUPERSEDED, newest)
        if (status, superseded_by) != wanted:
            CountyPackage.update(status=wanted[0], superseded_by=wanted[1]).where(
                CountyPackage.id == package_id
            ).execute()
    return newest


def accept_held(package_id: int) -> PackageRow:
    """采用 a held package after the operator phoned the branch: its key becomes the
    branch's (confirmed), and it takes its place among the branch's packages; audited."""
    row = CountyPackage.get_by_id(package_id)
    if row.status != HELD:
        raise ValidationError("这个报送包不是暂不采用的，不需要确认。")
    with user_action("county_accept_held", entity="county_package") as audit:
        branch = row.branch
        if row.signer_key:
            branch.public_key = row.signer_key
            branch.key_confirmed = True
        branch.save()
        row.status = SUPERSEDED  # settled just below
        row.save()
        periods = {row.period_code}
        if row.signer_key:  # the branch's other packages held for this same key come too
            others = CountyPackage.select().where(
                (CountyPackage.branch == branch.id)
                & (CountyPackage.status == HELD)
                & (CountyPackage.signer_key == row.signer_key)
            )
            for other in others:
                other.status = SUPERSEDED
                other.save()
                periods.add(other.period_code)
        for period_code in periods:
            _settle(branch.id, period_code)
        audit.entity_id = row.id
        audit.summary = f"电话核实后采用“{branch.name}”{row.period_label}的报送包（新密钥）"
    fresh = CountyPackage.get_by_id(package_id)
    return _package_row(fresh, fresh.branch)


def confirm_key(branch_id: int) -> None:
    """The operator compared the branch's fingerprint with the one it printed; audited."""
    branch = CountyBranch.get_by_id(branch_id)
    if not branch.public_key:
        raise ValidationError("这个支部的报送包没有签名，没有可以核对的密钥。")
    with user_action("county_confirm_key", entity="county_branch") as audit:
        branch.key_confirmed = True
        branch.save()
        audit.entity_id = branch.id
        audit.summary = f"已核对“{branch.name}”的签名指纹 {_fingerprint(branch.public_key)}"
