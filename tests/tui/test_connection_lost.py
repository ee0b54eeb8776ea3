"""The database server going away (a PostgreSQL server stopped or out of reach): the storage
layer raises :class:`ConnectionLost` (one line, the password masked). The board says once that
the connection is lost and it is retrying, polls on, refuses a change with a toast, and when
the server answers again says so and shows what changed meanwhile: never a traceback, the app
stays up. The service's calls are made to fail here as a stopped server makes them fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kanban.errors import ConnectionLost
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import BoardScreen
from tests.tui.board import SIZE, card_list, titles

GONE = (
    "cannot connect to postgresql://me:***@db/kanban: connection refused "
    "(is the server running and listening there?)"
)


class Server:
    """Makes the service's calls fail while ``down``, as they do with the server stopped."""

    def __init__(self, service: KanbanService, monkeypatch: pytest.MonkeyPatch) -> None:
        self.down = False
        for name in ("change_token", "snapshot", "move_card", "aging_rule"):
            monkeypatch.setattr(service, name, self._failing(getattr(service, name)))

    def _failing(self, call: Any) -> Any:
        def maybe(*args: Any, **kwargs: Any) -> Any:
            if self.down:
                raise ConnectionLost(GONE)
            return call(*args, **kwargs)

        return maybe


@pytest.fixture
def other(board_db: Path) -> Iterator[KanbanService]:
    """Another process writing to the database while this board cannot reach it."""
    service = KanbanService.open(board_db)
    yield service
    service.close()


async def test_a_lost_connection_is_said_once_retried_and_the_return_reloads(
    app: KanbanApp,
    svc: KanbanService,
    other: KanbanService,
    toasts: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = Server(svc, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        server.down = True
        for _ in range(5):  # five seconds of polls
            assert screen.poll() is False
        assert toasts == [("error", f"{GONE}. The connection is lost: retrying every second.")]
        await pilot.press("shift+right")  # a change while it is lost: refused, said
        assert toasts[-1] == ("error", f"Not saved: {GONE}")
        assert titles(card_list(app, "Backlog")) == ["#1 I Write the runbook"]
        other.add_card(other.board().id, "Made meanwhile")
        server.down = False
        assert screen.poll() is True  # back: read again
        await pilot.pause()
        assert toasts[1:] == [  # and what changed meanwhile, as a poll says it
            ("error", f"Not saved: {GONE}"),
            ("information", "Reconnected to the database."),
            ("information", "#10 added to Backlog"),
        ]
        assert titles(card_list(app, "Backlog")) == [
            "#1 I Write the runbook",
            "#10 B Made meanwhile",
        ]
        assert screen.poll() is False  # and quiet again
        assert len(toasts) == 4
        await pilot.press("shift+right")  # changes work again
        assert titles(card_list(app, "Ready"))[-1] == "#1 I Write the runbook"
        assert app.is_running


async def test_a_change_that_finds_the_server_gone_says_it_once_and_polls_on(
    app: KanbanApp,
    svc: KanbanService,
    toasts: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = Server(svc, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        server.down = True
        await pilot.press("shift+right")
        assert toasts == [("error", f"{GONE}. The connection is lost: retrying every second.")]
        for _ in range(3):
            screen.poll()
        assert len(toasts) == 1
        server.down = False
        assert screen.poll() is True
        assert toasts[-1] == ("information", "Reconnected to the database.")
        assert app.is_running
