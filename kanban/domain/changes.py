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
    EventKind.CREATE: "added",
    EventKind.REORDER: "moved within its column",
    EventKind.UNBLOCK: "unblocked",
    EventKind.DELETE: "deleted",
    EventKind.RESTORE: "restored",
}


def author(event: Event | None) -> str:
    """Who made the change: its author, else "someone"."""
    return (event.author if event is not None else None) or SOMEONE


def change_phrase(event: Event) -> str:
    """What the event did to its card, in a few words (plain text that may quote user text:
    column names, a blocked reason)."""
    details = event.details
    if event.kind is EventKind.MOVE:
        back = "back " if details.get("undo") else ""
        return f"moved {back}to {details.get('to') or 'another column'}"
    if event.kind is EventKind.EDIT:
        fields = [FIELD_NAMES.get(name, name) for name in details.get("changes") or {}]
        return "edited " + (", ".join(fields) or "it")
    if event.kind is EventKind.BLOCK:
        reason = details.get("reason")
        return f"blocked: {reason}" if reason else "blocked"
    return _DONE.get(event.kind, event.kind.value)
