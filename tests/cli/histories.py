"""Histories for the metrics, forecast and export tests, written through the real service with a
moving clock (TZ=UTC). "Now" is Tuesday 24 Nov 2026 09:00 UTC, as in conftest.py.

``flow_history`` (ids in order of creation):

=====  =====================================================================================
id     what happens
=====  =====================================================================================
1-10   card i (i = 1..10) is created in Backlog on 31 Oct + (i - 1) days at 09:00, moved to
       Ready the next day at 09:00 (it starts), to In Progress at 12:00 and to Done
       CYCLE[i - 1] - 1 days later at 18:00: cycle times 1 2 2 3 3 4 5 6 8 10 days, lead
       times one day more. Card 1 is unplanned.
11     "Patch servers", unplanned: Backlog Fri 20 Nov; In Progress Sat 21 Nov 09:00
12     "Vendor quote": Ready Sun 22 Nov 09:00 (it starts there); blocked Mon 23 Nov 09:00
13     "Mistake": created Mon 23 Nov 10:00 and deleted at 11:00 (in no metric)
=====  =====================================================================================

``steady_history``: two cards a day finish, every day from Sun 25 Oct to Mon 23 Nov (the 30
complete days before Tuesday 24 Nov): added to Ready at 09:00, moved to Done at 15:00.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kanban.domain.models import WorkType
from kanban.services import KanbanService
from tests.conftest import MutableClock, copy_database

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
CYCLE = [1, 2, 2, 3, 3, 4, 5, 6, 8, 10]
Action = Callable[[KanbanService, int], object]


def at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def _write(path: Path, steps: list[tuple[datetime, Action]]) -> None:
    """Apply the steps in time order (a stable sort keeps a card's same-instant steps), on a
    board created at the first step (the board's first day starts every window)."""
    clock = MutableClock(min(moment for moment, _action in steps))
    service = KanbanService.open(path, clock=clock)
    try:
        board = service.board().id
        for moment, action in sorted(steps, key=lambda step: step[0]):
            clock.set(moment)
            action(service, board)
    finally:
        service.close()


def _add(title: str, column: str, **fields: Any) -> Action:
    return lambda svc, board: svc.add_card(board, title, column=column, **fields)


def _move(card: int, column: str) -> Action:
    return lambda svc, _: svc.move_card(card, column)


def flow_history(path: Path) -> None:
    steps: list[tuple[datetime, Action]] = []
    for i, days in enumerate(CYCLE):
        card, created = i + 1, at(10, 31) + timedelta(days=i)
        start = created + timedelta(days=1)
        kind = WorkType.UNPLANNED if card == 1 else WorkType.BUSINESS
        # Same-instant steps would be re-sorted by card; offset each card by a second.
        tick = timedelta(seconds=card)
        steps += [
            (created + tick, _add(f"Card {card}", "Backlog", type=kind)),
            (start + tick, _move(card, "Ready")),
            (start + timedelta(hours=3) + tick, _move(card, "In Progress")),
            (start + timedelta(days=days - 1, hours=9) + tick, _move(card, "Done")),
        ]
    steps += [
        (at(11, 20), _add("Patch servers", "Backlog", type=WorkType.UNPLANNED, assignee="Brent")),
        (at(11, 21), _move(11, "In Progress")),
        (at(11, 22), _add("Vendor quote", "Ready", assignee="Wes")),
        (at(11, 23), lambda svc, _: svc.block_card(12, "waiting for vendor")),
        (at(11, 23, 10), _add("Mistake", "Backlog")),
        (at(11, 23, 11), lambda svc, _: svc.delete_card(13)),
    ]
    _write(path, steps)


def steady_history(path: Path) -> None:
    steps: list[tuple[datetime, Action]] = []
    first = at(10, 25)
    card = 0
    for offset in range(30):
        day = first + timedelta(days=offset)
        for n in range(2):
            card += 1
            tick = timedelta(seconds=n)
            steps += [
                (day + tick, _add(f"Card {card}", "Ready")),
                (day + timedelta(hours=6) + tick, _move(card, "Done")),
            ]
    _write(path, steps)


def built_once(build: Callable[[Path], None], name: str) -> Callable[..., Path]:
    """A module-scoped fixture that builds a history database once (tests copy it)."""

    @pytest.fixture(scope="module")
    def _built(tmp_path_factory: pytest.TempPathFactory) -> Path:
        path = tmp_path_factory.mktemp(name) / f"{name}.db"
        build(path)
        return path

    return _built


def copy_built(built: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A test's own copy of a built history, with the clock frozen at its ``NOW``."""
    copy_database(built, db)
    monkeypatch.setenv("KANBAN_NOW", NOW.isoformat())
    return db
