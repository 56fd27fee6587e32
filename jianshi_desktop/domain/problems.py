"""A problem found by a validator: which field, and what to tell the user (Chinese)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    severity: str = "error"  # "error" blocks saving; "warning" is shown and allowed

    @property
    def is_error(self) -> bool:
        return self.severity == "error"
