"""The 发展党员 pipeline in one line, for the page and for 首页 (light: no widgets)."""

from __future__ import annotations

from jianshi_desktop.services.recruitment import StageCount

SHORT_NAMES = {"入党申请人": "申请人", "入党积极分子": "积极分子"}


def pipeline_text(counts: list[StageCount]) -> str:
    """「申请人 2 人、积极分子 3 人（骨干 2 人）、发展对象 0 人、预备党员 1 人」."""
    parts = []
    for count in counts:
        name = SHORT_NAMES.get(count.stage.label, count.stage.label)
        text = f"{name} {count.count} 人"
        if count.backbone:
            text += f"（骨干 {count.backbone} 人）"
        parts.append(text)
    return "、".join(parts)
