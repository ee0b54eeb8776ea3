"""A change to a card in a few words, and who made it: what the stale-view messages say."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from kanban.domain.changes import author, change_phrase
from kanban.domain.models import Event, EventKind

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _event(kind: EventKind, by: str | None = "brent", **details: Any) -> Event:
    return Event(1, 1, 4, AT, kind, details=details, author=by)


@pytest.mark.parametrize(
    ("event", "said"),
    [
        (_event(EventKind.MOVE, **{"from": "Ready", "to": "Review"}), "moved to Review"),
        (_event(EventKind.MOVE, to="Ready", undo=True), "moved back to Ready"),
        (_event(EventKind.REORDER, position=0), "reordered"),
        (_event(EventKind.EDIT, changes={"title": ["a", "b"]}), "edited title"),
        (
            _event(EventKind.EDIT, changes={"class_of_service": [1, 2], "due_date": [None, 3]}),
            "edited class of service, due date",
        ),
        (_event(EventKind.BLOCK, reason="vendor [b]late[/b]"), "blocked: vendor [b]late[/b]"),
        (_event(EventKind.UNBLOCK, reason="vendor"), "unblocked"),
        (_event(EventKind.DELETE), "deleted"),
        (_event(EventKind.RESTORE, to="Ready", undo=True), "restored to Ready"),
        (_event(EventKind.CREATE, to="Backlog"), "added to Backlog"),
    ],
)
def test_each_kind_of_change_in_a_few_words(event: Event, said: str) -> None:
    assert change_phrase(event) == said


def test_the_author_or_someone() -> None:
    assert author(_event(EventKind.DELETE)) == "brent"
    assert author(_event(EventKind.DELETE, by=None)) == "someone"
    assert author(None) == "someone"
