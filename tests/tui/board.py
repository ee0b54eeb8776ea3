"""The seeded board the TUI tests run on, and helpers to read the screen and the database.

The clock is frozen with ``KANBAN_NOW`` (a Tuesday, 10:00 UTC) and the cards are seeded at
known times before it, so days in column and aging are fixed:

| column      | cards (id, title, type, assignee, days in column)                     |
|-------------|-----------------------------------------------------------------------|
| Backlog     | #1 Write the runbook (internal, Wes, 11)                              |
| Ready 2/5   | #2 Upgrade the database (change, Brent, 5: warning), #3 Customer portal|
| In Progress | #4 Fix payroll outage (unplanned, Brent, 9: critical, blocked),       |
| 3/3 (at)    | #5 Phoenix release (business, Patty, 3: warning), #6 Audit the firewall|
| Review 2/2  | #7 Patch the servers (change, Wes, 2), #8 Kumquat report (business)   |
| Done        | #9 Ship the old release (business, Brent, 21: done cards do not age)  |
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from textual.strip import Strip

from kanban.clock import to_utc
from kanban.domain.models import BoardSnapshot, WorkType
from kanban.services import KanbanService
from kanban.storage.unit_of_work import UnitOfWork
from kanban.tui.app import KanbanApp
from kanban.tui.widgets.card_list import CardList
from kanban.tui.widgets.column import ColumnPanel

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
SIZE = (160, 45)

CARDS = [
    # title, column, type, assignee, days before NOW it entered its column
    ("Write the runbook", "Backlog", "internal", "Wes", 10),
    ("Upgrade the database", "Ready", "change", "Brent", 4),
    ("Customer portal", "Ready", "business", None, 0),
    ("Fix payroll outage", "In Progress", "unplanned", "Brent", 8),
    ("Phoenix release", "In Progress", "business", "Patty", 2),
    ("Audit the firewall", "In Progress", "internal", None, 0),
    ("Patch the servers", "Review", "change", "Wes", 1),
    ("Kumquat report", "Review", "business", "Patty", 0),
    ("Ship the old release", "Done", "business", "Brent", 20),
]


def _stamped_by_the_clock(uow: UnitOfWork, board_id: int) -> datetime:
    return to_utc(uow.now())


def seed(path: Path) -> None:
    """Write the board above, each card entering its column at its own time: the cards are
    written in the order of their ids, not of their times, so each is stamped by the clock
    alone, as kanban stamped writes before it stamped them no earlier than the board's last
    event (the history puts every card where the board shows it all the same: each card has
    one event, its creation, and the block)."""
    moment = {"now": NOW}
    svc = KanbanService.open(path, clock=lambda: moment["now"])
    board = svc.board()
    with patch.object(UnitOfWork, "moment", _stamped_by_the_clock):
        for title, column, kind, assignee, days in CARDS:
            moment["now"] = NOW - timedelta(days=days, hours=1)
            svc.add_card(board.id, title, column=column, type=WorkType(kind), assignee=assignee)
        moment["now"] = NOW - timedelta(days=2)
        svc.block_card(4, "no vendor")
    svc.close()


def fresh_snapshot(db: Path) -> BoardSnapshot:
    """The board as the database holds it, read by a new service."""
    service = KanbanService.open(db)
    try:
        return service.snapshot(service.board().id)
    finally:
        service.close()


def column_view(app: KanbanApp, name: str) -> ColumnPanel:
    views = app.board_screen.columns.values()
    return next(view for view in views if view.card_list.column.name == name)


def card_list(app: KanbanApp, name: str) -> CardList:
    return column_view(app, name).card_list


def header(app: KanbanApp, name: str) -> str:
    return str(column_view(app, name).header.render())


def lines(widget: CardList) -> list[str]:
    """The text of the list's visible lines, as drawn."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def titles(widget: CardList) -> list[str]:
    """The first line of each visible card (``#id T title``)."""
    return [line for line in lines(widget) if line.startswith("#")]


def db_titles(db: Path, column: str) -> list[str]:
    snapshot = fresh_snapshot(db)
    found = snapshot.column_named(column)
    assert found is not None
    return [card.title for card in snapshot.cards_in(found.id)]


def record_toasts(app: KanbanApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every notification the app raises, as (severity, message); still shown as usual."""
    seen: list[tuple[str, str]] = []
    show = app.notify

    def notify(message: str, *args: Any, severity: str = "information", **kwargs: Any) -> None:
        seen.append((severity, str(message)))
        show(message, *args, severity=severity, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "notify", notify)
    return seen


def has_cursor(widget: CardList, y: int) -> bool:
    """Whether line ``y`` is drawn with the cursor's background."""
    cursor = widget.get_component_rich_style("card-list--cursor").bgcolor
    return all(segment.style.bgcolor == cursor for segment in widget.render_line(y))


def style_of(widget: CardList, y: int, text: str) -> Any:
    """The style of the first segment of line ``y`` containing ``text``."""
    for segment in widget.render_line(y):
        if text in segment.text:
            return segment.style
    raise AssertionError(f"{text!r} not on line {y}: {widget.render_line(y).text!r}")


def screen_lines(app: KanbanApp) -> list[str]:
    """The text of every line of the screen, as drawn."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def screen_strips(app: KanbanApp) -> list[Strip]:
    """Every line of the screen, as drawn (cells, styles)."""
    return app.screen._compositor.render_strips()
