"""The largest values kanban accepts, in one place so the parser, the service's checks, the
import and the forecast agree (the README lists them)."""

from __future__ import annotations

MAX_TITLE = 200
MAX_NAME = 100  # boards, columns, people and assignees
MAX_REASON = 200  # a blocked reason
MAX_DESCRIPTION = 10_000
MAX_QUERY = 200  # a filter query
MAX_ID = 2**63 - 1  # SQLite's largest integer: card and row ids, seeds
MAX_LIMIT = 1000  # WIP limits and minimums, personal and expedite limits
MAX_DAYS = 3650  # ten years: windows, sampled history, SLE, aging thresholds
HORIZON_DAYS = 3650  # a forecast looks at most this many calendar days past today
MAX_ITEMS = 1_000_000  # items a forecast may be asked about


def shown(value: object, width: int = 40) -> str:
    """``value`` as an error message quotes it: its repr (controls escaped), cut to ``width``."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"
