"""What a person types, read into values: whole numbers, limits ("none", "off" and "-" clear
one), days, due dates, and the names of a type of work, a class of service and a column kind.
The CLI and the TUI call these; the services take the typed values (and check their ranges).
Numbers are ASCII digits (``١٢`` is not a number here)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import TypeVar

from kanban.domain.limits import MAX_DAYS, MAX_LIMIT, shown
from kanban.domain.models import ClassOfService, ColumnKind, WorkType
from kanban.errors import InvalidInput

_Choice = TypeVar("_Choice", bound=StrEnum)

_NUMBER = re.compile(r"-?[0-9]+")  # ASCII digits only
NONE_WORDS = ("", "none", "-", "off")  # what clears a limit, the SLE or a due date


def whole(text: str, what: str, maximum: int, hint: str = "") -> int:
    """A whole number in ASCII digits (an optional ``-``); past ``maximum`` it reads as
    ``maximum + 1`` (``int()`` of 5,000 digits fails), for the caller's range check."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        raise InvalidInput(f"{what} must be a whole number{hint}: {shown(text)}")
    return int(text) if len(text) <= 30 else maximum + 1


def limit(text: str, what: str = "WIP limit") -> int | None:
    """A WIP limit (column, minimum, person): a number, or None from "none", "off", "-", ""."""
    if text.strip().lower() in NONE_WORDS:
        return None
    return whole(text, f"a {what}", MAX_LIMIT, hint=" or 'none'")


def count(text: str, what: str) -> int:
    """A number of things (an expedite limit)."""
    return whole(text, what, MAX_LIMIT)


def days(text: str, what: str, hint: str = "") -> int:
    """A number of days (an aging threshold)."""
    return whole(text, what, MAX_DAYS, hint=f" of days{hint}")


def sle(text: str) -> int | None:
    """A service level expectation in days, or None from "none", "off", "-", ""."""
    if text.strip().lower() in NONE_WORDS:
        return None
    return days(text, "an SLE", hint=" or 'none'")


def due_date(text: str) -> date | None:
    """A due date, "YYYY-MM-DD", or None from "", "none", "-"."""
    cleaned = text.strip().lower()
    if cleaned in ("", "none", "-"):
        return None
    try:
        if not cleaned.isascii():
            raise ValueError(cleaned)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInput(f"a due date is YYYY-MM-DD, not {shown(text)}") from None


def _choice(text: str, enum: type[_Choice], what: str) -> _Choice:
    try:
        return enum(text.strip().lower())
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise InvalidInput(f"unknown {what} {text!r} (choose from {choices})") from None


def work_type(text: str) -> WorkType:
    """A type of work from its name ("business", "unplanned", ...)."""
    return _choice(text, WorkType, "type of work")


def column_kind(text: str) -> ColumnKind:
    """A column kind from its name ("backlog", "queue", "active", "done")."""
    return _choice(text, ColumnKind, "column kind")


def class_of_service(text: str) -> ClassOfService:
    """A class of service from its name ("standard", "expedite", "fixed-date", ...)."""
    return _choice(text, ClassOfService, "class of service")
