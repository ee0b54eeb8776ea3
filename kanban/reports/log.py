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

from kanban.domain.models import Event, EventKind
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
    # Here, not at the top: the TUI's change toasts use this module's sentences, and its
    # first paint does not wait for the JSON reports (and the summary they import).
    from kanban.reports.json_report import iso

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


def log_line(event: Event, names: Mapping[int, str], tz: tzinfo) -> str:
    """An event as one line: when (local time), who, what, the card, from → to, details."""
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
    return visible("  ".join(parts))


def log_text(events: list[Event], names: Mapping[int, str], tz: tzinfo) -> str:
    """One :func:`log_line` per event."""
    if not events:
        return "no changes yet\n"
    return "".join(f"{log_line(event, names, tz)}\n" for event in events)


def _limit(value: object) -> str:
    return "none" if value is None else str(value)


def _limit_phrase(details: Mapping[str, Any]) -> str:
    """A LIMIT event: a column's (or a person's) WIP limit or minimum."""
    whose = details.get("column") or details.get("person") or "?"
    if "old_min" in details and details.get("old") == details.get("new"):
        return f"minimum of {whose} set to {_limit(details.get('new_min'))}"
    return f"WIP limit of {whose} set to {_limit(details.get('new'))}"


def _setting_phrase(event: Event, names: Mapping[int, str]) -> tuple[str, str]:
    """A SETTING event: a column added, renamed or removed, the constraint, board settings."""
    details = event.details
    renamed = details.get("renamed_column")
    if "added_column" in details:
        return f"column {_column(event, 'to', names)} added", ""
    if isinstance(renamed, Mapping):
        return f"column {renamed.get('old')} renamed to {renamed.get('new')}", ""
    if "removed_column" in details:
        return f"column {_column(event, 'from', names)} removed", ""
    changes = details.get("changes")
    changes = changes if isinstance(changes, Mapping) else {}
    pinned = changes.get("constraint")
    if isinstance(pinned, list) and len(pinned) == 2 and len(changes) == 1:
        return (
            "constraint unpinned" if pinned[1] is None else f"constraint pinned to {pinned[1]}"
        ), ""
    return "board settings changed", f" ({', '.join(map(str, changes))})" if changes else ""


def sentence(event: Event, names: Mapping[int, str]) -> str:
    """One change as a sentence naming its author (``#12 moved to Review by brent``, ``#4
    blocked by ann: waiting for the vendor``; no author, no "by"), as a toast says it. Column
    names as :func:`log_json` gives them; user text shown visibly."""
    card, kind, details = f"#{event.card_id}", event.kind, event.details
    target = _column(event, "to", names)
    back = " back" if details.get("undo") else ""
    tail = ""
    if kind is EventKind.CREATE:
        head = f"{card} added to {target}"
    elif kind is EventKind.MOVE:
        head = f"{card} moved{back} to {target}"
    elif kind is EventKind.REORDER:
        head = f"{card} reordered"
    elif kind is EventKind.EDIT:
        changes = details.get("changes")
        head = f"{card} edited"
        tail = f" ({', '.join(map(str, changes))})" if isinstance(changes, Mapping) else ""
    elif kind is EventKind.BLOCK:
        reason = details.get("reason")
        head, tail = f"{card} blocked", f": {reason}" if reason else ""
    elif kind is EventKind.UNBLOCK:
        head = f"{card} unblocked"
    elif kind is EventKind.DELETE:
        head = f"{card} deleted"
    elif kind is EventKind.RESTORE:
        head = f"{card} restored to {target}"
    elif kind is EventKind.LIMIT:
        head = _limit_phrase(details)
    else:
        head, tail = _setting_phrase(event, names)
    if details.get("undo") and kind is not EventKind.MOVE:
        tail += " (undo)"
    by = f" by {event.author}" if event.author else ""
    return visible(f"{head}{by}{tail}")
