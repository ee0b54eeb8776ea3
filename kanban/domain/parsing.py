"""What a person types, read into values: whole numbers, limits ("none", "off" and "-" clear
one), days, due dates. The CLI and the TUI call these; the services take the typed values
(and check their ranges). Numbers are ASCII digits (``١٢`` is not a number here)."""

from __future__ import annotations

import re
from datetime import date

from kanban.domain.limits import MAX_DAYS, MAX_LIMIT, shown
from kanban.errors import InvalidInput

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
