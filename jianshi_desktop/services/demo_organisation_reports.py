"""The demo's 组织设置情况: the previous half year's report, made a few days after that half
ended from the demo organisation of its day, finished and reported (the current half's is
left for the secretary to try)."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.domain.organisation import half_end, half_start, previous_half
from jianshi_desktop.services.organisation_reports import new_organisation_report_form
from jianshi_desktop.services.record_kinds import ORGANISATION_REPORT


def fill_demo_organisation_reports(*, today: dt.date) -> None:
    start = previous_half(half_start(today))
    held_on = min(half_end(start) + dt.timedelta(days=3), today)
    form = new_organisation_report_form(on=held_on, half=start)
    form.reported_on = min(held_on + dt.timedelta(days=2), today)
    ORGANISATION_REPORT.finish(form, today=form.reported_on)
