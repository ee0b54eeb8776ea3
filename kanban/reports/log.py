"""``kanban log``: the history of a board or a card, newest first, as text or JSON.

JSON (a stable contract, see :mod:`kanban.reports.json_report` for the conventions)::

    [{"at": time,            # ISO 8601, UTC
      "by": str|null,        # the author; null for changes made before authors were kept
      "kind": "create"|"move"|"reorder"|"edit"|"block"|"unblock"|"delete"|"restore"|
              "limit"|"setting",
      "card": int|null,      # null: a change to the board (a limit, a setting)
      "from": str|null, "to": str|null,   # column names (a removed column: its name then,
                                          # else "#id")
      "details": {...}}]     # what else the event recorded (reason, changes, ...)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import tzinfo
from typing import Any

from kanban.domain.models import Event
from kanban.reports.json_report import iso
from kanban.reports.safe_text import visible

NOBODY = "—"


def _column(event: Event, which: str, names: Mapping[int, str]) -> str | None:
    column_id = event.from_column_id if which == "from" else event.to_column_id
    if column_id is None:
        return None
    logged = event.details.get(which)
    return names.get(column_id) or (logged if isinstance(logged, str) else f"#{column_id}")


def _details(event: Event) -> dict[str, Any]:
    return {k: v for k, v in event.details.items() if k not in ("from", "to")}


def log_json(events: list[Event], names: Mapping[int, str]) -> list[dict[str, Any]]:
    """The events as the JSON contract above; ``names``: the board's columns by id."""
    return [
        {
            "at": iso(event.at),
            "by": event.author,
            "kind": event.kind.value,
            "card": event.card_id,
            "from": _column(event, "from", names),
            "to": _column(event, "to", names),
            "details": _details(event),
        }
        for event in events
    ]


def _details_text(details: Mapping[str, Any]) -> str:
    return ", ".join(
        f"{key}: {value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}"
        for key, value in details.items()
    )


def log_text(events: list[Event], names: Mapping[int, str], tz: tzinfo) -> str:
    """One line per event: when (local time), who, what, the card, from → to, details."""
    if not events:
        return "no changes yet\n"
    lines = []
    for event in events:
        source, target = _column(event, "from", names), _column(event, "to", names)
        parts = [
            event.at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            event.author or NOBODY,
            event.kind.value,
            f"#{event.card_id}" if event.card_id is not None else "board",
        ]
        if source is not None or target is not None:
            parts.append(f"{source or NOBODY} → {target or NOBODY}")
        details = _details_text(_details(event))
        if details:
            parts.append(details)
        lines.append(visible("  ".join(parts)))
    return "".join(f"{line}\n" for line in lines)
