"""Custom peewee fields: enums stored by value, JSON stored as text."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import peewee


class EnumField(peewee.CharField):
    """Stores a :class:`StrEnum` member by its value; reads it back as the member."""

    def __init__(self, enum: type[StrEnum], **kwargs: Any) -> None:
        self.enum = enum
        kwargs.setdefault("max_length", 32)
        super().__init__(**kwargs)

    def db_value(self, value: Any) -> Any:
        if value is None:
            return None
        return self.enum(value).value

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        return self.enum(value)


class RawJSON(str):
    """A JSON document's text, already checked, stored in a :class:`JSONField` as it is
    (a package's records.json: encoding it again would only cost time)."""


class JSONField(peewee.TextField):
    """A JSON document in a TEXT column (lists of required items, tags, audit details)."""

    def db_value(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, RawJSON):
            return str(value)
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: Any) -> Any:
        if value is None:
            return None
        return json.loads(value)
