"""县局汇总: the matrix of a period and the organisation facts across the county, from the
current packages a county data folder keeps (services.county) — the rules are
domain/county.py's; this module reads the packages (one query) and every branch ever
seen (a branch that sent nothing for the period is a missing row), and sorts schools by
the pinyin of their names, never by score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from jianshi_desktop.domain import county as aggregate
from jianshi_desktop.domain.county import LATE_DAYS, Matrix, OrgFact, PackageData
from jianshi_desktop.domain.periods import ReportPeriod
from jianshi_desktop.services import county
from jianshi_desktop.services.members import name_sort_key


def current_packages() -> list[PackageData]:
    """Every current package of the folder with its records and compliance rows."""
    return [
        PackageData(
            id=row.id,
            uid=row.branch_uid,
            school=row.branch_name,
            period_start=row.period_start,
            period_end=row.period_end,
            period_label=row.period_label,
            created_at=row.created_at,
            records=records,
            compliance=rows,
        )
        for row, records, rows in county.current_data()
    ]


def _known_schools() -> list[tuple[str, str]]:
    return [(b.uid, b.name) for b in county.branches()]


def matrix(
    period: ReportPeriod,
    *,
    today: dt.date,
    late_days: int = LATE_DAYS,
    packages: Sequence[PackageData] | None = None,
) -> Matrix:
    """The period's matrix: every branch seen, by name; ``packages``: already read ones
    (:func:`current_packages`), to read them once for the matrix and the facts."""
    return aggregate.build_matrix(
        period.start,
        period.end,
        period.label,
        current_packages() if packages is None else packages,
        today=today,
        late_days=late_days,
        schools=_known_schools(),
        name_key=name_sort_key,
    )


def organisation_facts(
    *, today: dt.date, packages: Sequence[PackageData] | None = None
) -> list[OrgFact]:
    """The organisation facts of every school with a current package, by school name."""
    return aggregate.organisation_facts(
        current_packages() if packages is None else packages, today=today, name_key=name_sort_key
    )


def export_matrix(
    period: ReportPeriod, path: Path, *, today: dt.date, late_days: int = LATE_DAYS
) -> tuple[Matrix, list[OrgFact]]:
    """The matrix workbook of the period (工作完成情况, 未报送, 组织设置) written to
    ``path``; returns what it shows."""
    from jianshi_desktop.documents.county_workbook import matrix_workbook

    packages = current_packages()
    shown = matrix(period, today=today, late_days=late_days, packages=packages)
    facts = organisation_facts(today=today, packages=packages)
    matrix_workbook(shown, facts, path, today=today, late_days=late_days)
    return shown, facts
