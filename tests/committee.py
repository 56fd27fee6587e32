"""Committee terms with vacant posts, as tests need them: the app records a term with its
holders in one go (``services.organization.elect_committee``)."""

from __future__ import annotations

import datetime as dt

from jianshi_desktop.db.models import CommitteePost
from jianshi_desktop.domain.dates import format_date
from jianshi_desktop.domain.enums import CommitteePostKind
from jianshi_desktop.services.audit import user_action
from jianshi_desktop.services.branch import current_branch
from jianshi_desktop.services.organization import STANDARD_POSTS, _new_term, _term_dates


def create_term(
    *,
    elected_on: dt.date,
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
    number: int | None = None,
    posts: tuple[CommitteePostKind, ...] | None = None,
) -> int:
    """换届: a new term with its posts (vacant until holders are set).

    A branch with a committee gets the standard posts; one with only a secretary
    (fewer than 7 full members) gets the 书记 post, so that it too has a secretary
    of record with a term.
    """
    branch = current_branch()
    if posts is None:
        posts = STANDARD_POSTS if branch.has_committee else (CommitteePostKind.SECRETARY,)
    starts_on, ends_on = _term_dates(elected_on, starts_on, ends_on)
    with user_action("create_term", entity="committee_term") as audit:
        term = _new_term(elected_on=elected_on, starts_on=starts_on, ends_on=ends_on, number=number)
        for kind in posts:
            CommitteePost.create(term=term, post=kind)
        audit.entity_id = term.id
        audit.summary = f"登记支部委员会换届（{format_date(starts_on)}至{format_date(ends_on)}）"
    return int(term.id)
