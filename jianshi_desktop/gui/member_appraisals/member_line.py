"""A member's 民主评议 results over the years, as one line of the member's window."""

from __future__ import annotations

from jianshi_desktop.services.member_appraisals import ratings_of_member


def ratings_text(member_id: int) -> str:
    """「民主评议：2025年 合格；2024年 优秀」, newest first; "" before any finished appraisal."""
    years = ratings_of_member(member_id)
    if not years:
        return ""
    return "民主评议：" + "；".join(f"{r.year}年 {r.rating.label}" for r in years)
