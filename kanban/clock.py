"""The one clock of the program.

Every "now" comes from :func:`now`. Times are stored in UTC and shown in local time.
``KANBAN_NOW`` (ISO 8601) freezes the clock for every command and the TUI; a value without an
offset is read as local time. ``TZ`` picks the local time zone (default: the system's).
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, tzinfo

import pendulum

from kanban.errors import UsageError


def local_tz() -> tzinfo:
    """The time zone days are counted in (``TZ`` if set, else the system's)."""
    name = os.environ.get("TZ")
    if name:
        try:
            return pendulum.timezone(name.lstrip(":"))
        except Exception:  # an unknown zone name: fall back to the system's
            pass
    return pendulum.local_timezone()


def now() -> pendulum.DateTime:
    """The current time in UTC, or the frozen ``KANBAN_NOW``."""
    frozen = os.environ.get("KANBAN_NOW")
    if frozen:
        return parse_time(frozen, what="KANBAN_NOW").in_timezone("UTC")
    return pendulum.now("UTC")


def parse_time(text: str, what: str = "time") -> pendulum.DateTime:
    """Parse an ISO 8601 time; a value without an offset is local time."""
    try:
        parsed = pendulum.parse(text, tz=local_tz())
    except Exception as exc:
        raise UsageError(f"{what} is not an ISO 8601 time: {text!r}") from exc
    if not isinstance(parsed, pendulum.DateTime):
        if isinstance(parsed, pendulum.Date):
            return pendulum.datetime(parsed.year, parsed.month, parsed.day, tz=local_tz())
        raise UsageError(f"{what} is not an ISO 8601 time: {text!r}")
    return parsed


def to_utc(value: datetime) -> datetime:
    """An aware UTC datetime from a stored one (naive values are UTC)."""
    if value.tzinfo is UTC:  # as PostgreSQL's times come back (and SQLite's, parsed)
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
