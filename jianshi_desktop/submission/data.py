"""The records of a period as data (``数据/records.json``), schema documented in
docs/package-format.md. ID numbers masked unless the full roster was asked for (first 6
and last 4 characters); birth dates and phone numbers are not carried at all (the county
needs neither, and a full birth date would give back the hidden ID digits); confidential
talks only when the secretary decided to include them."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from jianshi_desktop import __version__
from jianshi_desktop.domain.compliance import periods_in_year
from jianshi_desktop.domain.idcard import mask_id_number
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.services import compliance, package_records, records, student_pairings
from jianshi_desktop.services.awards import awards_in
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.history import full_member_on_as_of, members_on
from jianshi_desktop.services.leadership import leaders_in
from jianshi_desktop.services.package_records import DoneRecord
from jianshi_desktop.services.record_kinds import KINDS
from jianshi_desktop.submission.verify import RECORDS_VERSION


def _common(record: DoneRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "state": record.state.value,
        "late_entry": record.late_entry,
        "archived_at": record.archived_at.isoformat() if record.archived_at else None,
    }


def _form_data(form: Any) -> dict[str, Any]:
    """A record's form as records.json carries it: attachments named, without blobs."""
    data: dict[str, Any] = records.to_jsonable(asdict(form))
    data["attachments"] = [
        {k: a[k] for k in ("file_name", "sha256", "size", "kind", "caption")}
        for a in data.get("attachments", [])
    ]
    return data


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def roster_day(period: ReportPeriod, today: dt.date) -> dt.date:
    """The day a package's 花名册 shows: the period's last day, or today while it runs
    (rules.md §7: the members of the period, not of the day it is sent)."""
    return min(period.end, today)


# Kinds whose list is written by their own service in place of the dumped forms: 党费
# (payments, never the bases) and 结对帮扶 (codes and counts unless chosen otherwise)
_OWN_LISTS = frozenset({"dues_collections", "pairing_helps"})


def records_data(
    period: ReportPeriod,
    *,
    full_ids: bool,
    include_confidential: bool,
    today: dt.date,
    include_students: bool = False,
) -> dict[str, Any]:
    branch = current_branch()
    names = package_records.member_names()
    kept = {
        kind.package_key: [
            {**_common(r), **_form_data(kind.read(r.id))}
            for r in package_records.done_records(kind.record_type, period)
            if include_confidential or not r.confidential
        ]
        for kind in KINDS
        if kind.package_key not in _OWN_LISTS
    }
    groups = package_records.group_names()
    as_of = roster_day(period, today)
    members = [
        {
            "id": m.id,
            "name": m.name,
            "gender": m.gender.value if m.gender else None,
            "id_number": (m.id_number if full_ids else mask_id_number(m.id_number))
            if m.id_number
            else None,
            "joined_on": m.joined_on.isoformat() if m.joined_on else None,
            "full_member_on": _iso(full_member_on_as_of(m, as_of)),
            "status": on_day.status.value,
            "party_group": groups.get(on_day.group_id or 0),
        }
        for m, on_day in members_on(as_of)
    ]
    return {
        "schema_version": RECORDS_VERSION,
        "app_version": __version__,
        "branch": {"name": branch.name, "uid": branch.uid},
        "period": {
            "code": period.code,
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "member_names": {str(k): v for k, v in names.items()},
        "members_as_of": as_of.isoformat(),
        "members": members,
        **kept,  # "meetings", "theme_days", "heart_talks": each kind's records
        # 党费 (version 3): the collections with their payments, in place of the kind's
        # own list, and the arrears decisions; never the bases
        **package_records.dues_lists(period),
        # 结对帮扶 (version 5): codes and counts in place of the kind's own list
        **student_pairings.package_lists(period, include_students=include_students),
        # 发展党员 (version 4): the period's files, masked like the members
        "recruitments": package_records.recruitment_list(period, full_ids=full_ids),
        # 评先 and 班子成员 (version 5): the awards of the period's years, the leaders' spans
        "awards": awards_in(period.start, period.end),
        "leaders": leaders_in(period.start, period.end),
        "made_on": today.isoformat(),
    }


def compliance_rows(period: ReportPeriod, today: dt.date) -> list[dict[str, Any]]:
    """Each obligation of each sub-period inside the period: required, done, state."""
    engine = compliance.engine(today=today)
    rows = []
    for obligation in engine.obligations:
        for year in range(period.start.year, period.end.year + 1):
            for p in periods_in_year(year, obligation.per):
                if not (period.start <= p.start and p.end <= period.end):
                    continue
                for status in engine.status(obligation, p, today):
                    rows.append(
                        {
                            "obligation": obligation.label,
                            "key": obligation.key,
                            "period": p.label,
                            "subject": status.subject,
                            "required": status.required,
                            "done": status.done,
                            "late_entries": status.late_entries,
                            "state": status.state.value,
                            "state_label": status.state.label,
                            "source": obligation.source,
                        }
                    )
    return rows
