"""A change to a card in a few words ("moved to Review", "edited title"), and who made it:
what a message says about someone else's change."""

from __future__ import annotations

from kanban.domain.models import Event, EventKind

SOMEONE = "someone"  # the author of a change made before authors were kept

FIELD_NAMES = {  # a card's fields as messages name them
    "title": "title",
    "type": "type",
    "assignee": "assignee",
    "description": "description",
    "class_of_service": "class of service",
    "due_date": "due date",
}

_DONE = {
    EventKind.REORDER: "reordered",
    EventKind.UNBLOCK: "unblocked",
    EventKind.DELETE: "deleted",
}


def author(event: Event | None) -> str:
    """Who made the change: its author, else "someone"."""
    return (event.author if event is not None else None) or SOMEONE


def change_phrase(event: Event) -> str:
    """What the event did to its card, in a few words, worded as the board's toasts word it
    (:func:`kanban.reports.log.sentence`, which the services cannot import): plain text that
    may quote user text (column names as they were then, a blocked reason)."""
    details = event.details
    target = details.get("to") or "another column"
    if event.kind is EventKind.MOVE:
        back = "back " if details.get("undo") else ""
        return f"moved {back}to {target}"
    if event.kind is EventKind.CREATE:
        return f"added to {target}"
    if event.kind is EventKind.RESTORE:
        return f"restored to {target}"
    if event.kind is EventKind.EDIT:
        fields = [FIELD_NAMES.get(name, name) for name in details.get("changes") or {}]
        return "edited " + (", ".join(fields) or "it")
    if event.kind is EventKind.BLOCK:
        reason = details.get("reason")
        return f"blocked: {reason}" if reason else "blocked"
    return _DONE.get(event.kind, event.kind.value)
