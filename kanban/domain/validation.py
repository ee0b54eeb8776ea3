"""Checks on user input, made before anything is written (table models do not validate).

The CLI, the TUI and ``kanban import`` go through these, so they agree. Text: one-line fields
(titles, names, assignees, blocked reasons) have their runs of white space made one space; a
description keeps its lines and tabs. Any other control character (NUL, ESC, DEL, C1) is
refused, as is text over its maximum. Numbers have a maximum each; the services take them, and
the type of work, the class of service and the column kind, typed
(the CLI and the TUI read what was typed with :mod:`kanban.domain.parsing`).
"""

from __future__ import annotations

import unicodedata
from datetime import date

from kanban.domain.limits import (
    MAX_DAYS,
    MAX_DESCRIPTION,
    MAX_LIMIT,
    MAX_NAME,
    MAX_REASON,
    MAX_TITLE,
)
from kanban.errors import InvalidInput


def _refuse_controls(text: str, what: str, allowed: str = "") -> None:
    bad = next((c for c in text if c not in allowed and unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        raise InvalidInput(f"{what} cannot hold control characters ({bad!r})")


def one_line(value: str | None, what: str, limit: int) -> str:
    """``value`` with its white space made single spaces; refused when it is not text, holds a
    control character or is longer than ``limit`` characters. May be empty."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"{what} must be text")
    text = " ".join(value.split())
    if len(text) > limit:
        raise InvalidInput(f"{what} can have at most {limit} characters ({len(text):,} given)")
    _refuse_controls(text, what)
    return text


def clean_title(title: str | None) -> str:
    text = one_line(title, "a title", MAX_TITLE)
    if not text:
        raise InvalidInput("a card needs a title")
    return text


def clean_name(name: str | None, what: str) -> str:
    text = one_line(name, f"a {what} name", MAX_NAME)
    if not text:
        raise InvalidInput(f"a {what} needs a name")
    return text


def clean_assignee(name: str | None) -> str | None:
    return one_line(name, "an assignee", MAX_NAME) or None


def clean_author(name: str | None) -> str | None:
    """Who makes the changes (``--as``, ``KANBAN_USER`` or the login name); None if empty."""
    return one_line(name, "an author", MAX_NAME) or None


def clean_reason(reason: str | None) -> str:
    text = one_line(reason, "a blocked reason", MAX_REASON)
    if not text:
        raise InvalidInput("blocking a card needs a reason")
    return text


def clean_description(description: str | None) -> str:
    """A description: lines and tabs kept (CRLF becomes LF), ends stripped."""
    if description is None:
        return ""
    if not isinstance(description, str):
        raise InvalidInput("a description must be text")
    text = description.replace("\r\n", "\n").strip()
    if len(text) > MAX_DESCRIPTION:
        raise InvalidInput(
            f"a description can have at most {MAX_DESCRIPTION:,} characters ({len(text):,} given)"
        )
    _refuse_controls(text, "a description", allowed="\n\t")
    return text


def integer(value: object, what: str, maximum: int, hint: str = "") -> int:
    """A whole number (an ``int``, not a ``bool``: text is read by :mod:`kanban.domain.parsing`
    first), at most ``maximum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{what} must be a whole number{hint}: {value!r}")
    if value > maximum:
        raise InvalidInput(f"{what} can be at most {maximum:,}")
    return value


def due_date(value: date | None) -> date | None:
    """A due date, or None."""
    if value is None or isinstance(value, date):
        return value
    raise InvalidInput(f"a due date is a date, not {value!r}")


def wip_limit(value: int | None, what: str = "WIP limit") -> int | None:
    """A limit: a whole number >= 0, or None."""
    if value is None:
        return None
    value = integer(value, f"a {what}", MAX_LIMIT, hint=" or 'none'")
    if value < 0:
        raise InvalidInput(f"a {what} cannot be negative: {value}")
    return value


def whole_number(value: int, what: str, days: bool = False, hint: str = "") -> int:
    """A whole number of at least 1 (``days``: a number of days, at most :data:`MAX_DAYS`;
    else at most :data:`MAX_LIMIT`)."""
    kind = " of days" if days else ""
    number = integer(value, what, MAX_DAYS if days else MAX_LIMIT, hint=f"{kind}{hint}")
    if number < 1:
        raise InvalidInput(f"{what} must be at least 1{' day' if days else ''}: {number}")
    return number


def sle_days(value: int | None) -> int | None:
    """A service level expectation in days (at least 1), or None."""
    if value is None:
        return None
    return whole_number(value, "an SLE", days=True, hint=" or 'none'")
