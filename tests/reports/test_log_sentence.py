"""``sentence``: one change in words, as the TUI's toasts say it (the log's column names)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from kanban.domain.models import Event, EventKind
from kanban.reports.log import sentence

AT = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
NAMES = {1: "Ready", 2: "Review"}


def _event(kind: EventKind, card: int | None = 12, author: str | None = "ann", **kw: Any) -> Event:
    return Event(1, 1, card, AT, kind, author=author, **kw)


@pytest.mark.parametrize(
    ("event", "said"),
    [
        (_event(EventKind.MOVE, to_column_id=2), "#12 moved to Review by ann"),
        (
            _event(EventKind.MOVE, to_column_id=1, details={"undo": True}),
            "#12 moved back to Ready by ann",
        ),
        (_event(EventKind.MOVE, to_column_id=9, details={"to": "QA"}), "#12 moved to QA by ann"),
        (_event(EventKind.REORDER), "#12 reordered by ann"),
        (
            _event(EventKind.RESTORE, to_column_id=1, details={"undo": True}),
            "#12 restored to Ready by ann (undo)",
        ),
        (_event(EventKind.BLOCK, author=None, details={"reason": "x"}), "#12 blocked: x"),
        (
            _event(EventKind.LIMIT, None, details={"person": "Brent", "old": None, "new": 2}),
            "WIP limit of Brent set to 2 by ann",
        ),
        (
            _event(EventKind.LIMIT, None, details={"column": "Ready", "old": 3, "new": None}),
            "WIP limit of Ready set to none by ann",
        ),
        (
            _event(
                EventKind.LIMIT,
                None,
                details={"column": "Ready", "old": 3, "new": 3, "old_min": None, "new_min": 1},
            ),
            "minimum of Ready set to 1 by ann",
        ),
        (
            _event(EventKind.SETTING, None, details={"changes": {"constraint": [None, "Review"]}}),
            "constraint pinned to Review by ann",
        ),
        (
            _event(EventKind.SETTING, None, details={"changes": {"constraint": ["Review", None]}}),
            "constraint unpinned by ann",
        ),
        (
            _event(
                EventKind.SETTING,
                None,
                details={"board": "K", "changes": {"strict": [False, True], "sle_days": [1, 2]}},
            ),
            "board settings changed by ann (strict, sle_days)",
        ),
        (
            _event(
                EventKind.SETTING,
                None,
                from_column_id=7,
                details={"from": "QA", "removed_column": {}},
            ),
            "column QA removed by ann",
        ),
    ],
)
def test_each_change_in_words(event: Event, said: str) -> None:
    assert sentence(event, NAMES) == said


def test_user_text_is_shown_visibly() -> None:
    event = _event(EventKind.BLOCK, author="ann", details={"reason": "a\u202eb"})
    assert sentence(event, NAMES) == "#12 blocked by ann: a\ufffdb"
