"""Checks on user input, made before anything is written (table models do not validate)."""

from __future__ import annotations

from datetime import date

from kanban.domain.models import ClassOfService, ColumnKind, WorkType
from kanban.errors import InvalidInput

MAX_TITLE = 200


def clean_title(title: str | None) -> str:
    text = " ".join((title or "").split())
    if not text:
        raise InvalidInput("a card needs a title")
    if len(text) > MAX_TITLE:
        raise InvalidInput(f"a title can have at most {MAX_TITLE} characters")
    return text


def clean_name(name: str | None, what: str) -> str:
    text = " ".join((name or "").split())
    if not text:
        raise InvalidInput(f"a {what} needs a name")
    return text


def clean_assignee(name: str | None) -> str | None:
    text = " ".join((name or "").split())
    return text or None


def clean_reason(reason: str | None) -> str:
    text = " ".join((reason or "").split())
    if not text:
        raise InvalidInput("blocking a card needs a reason")
    return text


def work_type(value: str | WorkType) -> WorkType:
    try:
        return WorkType(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(t.value for t in WorkType)
        raise InvalidInput(f"unknown type of work {value!r} (choose from {choices})") from None


def column_kind(value: str | ColumnKind) -> ColumnKind:
    try:
        return ColumnKind(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(k.value for k in ColumnKind)
        raise InvalidInput(f"unknown column kind {value!r} (choose from {choices})") from None


def class_of_service(value: str | ClassOfService) -> ClassOfService:
    try:
        return ClassOfService(str(value).strip().lower())
    except ValueError:
        choices = ", ".join(c.value for c in ClassOfService)
        raise InvalidInput(
            f"unknown class of service {value!r} (choose from {choices})"
        ) from None


def due_date(value: date | str | None) -> date | None:
    """A due date: a date, "YYYY-MM-DD", or None (also from "" and "none")."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip().lower()
    if text in ("", "none", "-"):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"a due date is YYYY-MM-DD, not {value!r}") from None


def wip_limit(value: int | str | None, what: str = "WIP limit") -> int | None:
    """A limit: a whole number >= 0, or None (also from "", "none", "-")."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("", "none", "-", "off"):
            return None
        try:
            value = int(text)
        except ValueError:
            raise InvalidInput(f"a {what} must be a whole number or 'none': {text!r}") from None
    if value < 0:
        raise InvalidInput(f"a {what} cannot be negative: {value}")
    return value


def whole_number(value: int | str, what: str, days: bool = False, hint: str = "") -> int:
    """A whole number of at least 1, from an int or its text (``days``: a number of days)."""
    text = str(value).strip()
    try:
        number = int(text)
    except ValueError:
        kind = "a whole number of days" if days else "a whole number"
        raise InvalidInput(f"{what} must be {kind}{hint}: {text!r}") from None
    if number < 1:
        raise InvalidInput(f"{what} must be at least 1{' day' if days else ''}: {number}")
    return number


def sle_days(value: int | str | None) -> int | None:
    """A service level expectation in days (at least 1), or None (also from "none")."""
    if value is None or str(value).strip().lower() in ("", "none", "-", "off"):
        return None
    return whole_number(value, "an SLE", days=True, hint=" or 'none'")
