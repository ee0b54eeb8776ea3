"""Phrases shared by the text and Markdown reports, so both say the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TypeVar

from kanban.domain.board_view import ColumnView
from kanban.domain.models import WipStatus

T = TypeVar("T")

# Text and Markdown list at most this many cards per section (JSON lists all): a standup on a
# board of thousands of cards names the oldest and says how many more there are.
MAX_LISTED = 20

STATUS = {
    WipStatus.OK: "",
    WipStatus.AT: "at limit",
    WipStatus.OVER: "⚠ over limit",
    WipStatus.UNDER: "under minimum",
}


def count_limit(view: ColumnView) -> str:
    """``3/2`` against a limit, ``3`` without one."""
    limit = view.column.wip_limit
    return f"{view.count}/{limit}" if limit is not None else str(view.count)


def days(count: int | None) -> str:
    count = count or 0
    return f"{count} day" if count == 1 else f"{count} days"


def local_time(moment: datetime, tz: tzinfo, year: bool = False) -> str:
    """``Mon 23 Nov 00:00`` in the local zone (with the year and zone name if asked)."""
    local = moment.astimezone(tz)
    text = local.strftime("%a %d %b %Y %H:%M %Z" if year else "%a %d %b %H:%M")
    return text.strip()


def shown(items: Sequence[T], limit: int = MAX_LISTED) -> tuple[Sequence[T], str | None]:
    """The first ``limit`` items, and a line saying how many more there are (if any)."""
    if len(items) <= limit:
        return items, None
    return items[:limit], f"… and {len(items) - limit} more (--format json lists all)"
