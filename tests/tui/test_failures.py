"""A database that fails (busy, read-only) is a toast or a message in the dialog, never a crash:
the board stays usable, and the same key (or ctrl+s, or enter) tries again. The service's
methods are made to raise as the storage layer does, a :class:`KanbanError` with one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from textual.widgets import Label

from kanban.errors import KanbanError
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.card_form import CardForm
from kanban.tui.screens.metrics import MetricsScreen
from kanban.tui.screens.prompt import PromptScreen
from tests.tui.board import (
    SIZE,
    card_list,
    fresh_snapshot,
    header,
    lines,
    record_toasts,
    titles,
)

BUSY = "the database is busy (another program is writing to it); try again"


def fail_once(
    monkeypatch: pytest.MonkeyPatch, svc: KanbanService, name: str, error: Exception
) -> list[int]:
    """Make ``svc.name`` raise ``error`` on its next call only; returns the calls counted."""
    real = getattr(svc, name)
    calls: list[int] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 1:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(svc, name, flaky)
    return calls


def error_under_field(app: KanbanApp) -> str:
    return str(app.screen.query_one("#error", Label).render())


async def test_a_busy_database_on_a_move_is_a_toast_and_the_key_retries(
    app: KanbanApp,
    svc: KanbanService,
    board_db: Path,
    toasts: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fail_once(monkeypatch, svc, "move_card", KanbanError(BUSY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+right")  # #1 Backlog -> Ready: busy
        assert toasts == [("error", BUSY)]
        assert titles(card_list(app, "Backlog")) == ["#1 I Write the runbook"]
        await pilot.press("shift+right")  # again: done
        assert titles(card_list(app, "Ready"))[-1] == "#1 I Write the runbook"
        assert app.is_running
    assert [c.id for c in fresh_snapshot(board_db).cards_in(2)] == [2, 3, 1]


async def test_a_busy_database_keeps_the_block_prompt_open_and_enter_retries(
    app: KanbanApp, svc: KanbanService, board_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fail_once(monkeypatch, svc, "block_card", KanbanError(BUSY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", *"vendor", "enter")
        assert isinstance(app.screen, PromptScreen) and error_under_field(app) == BUSY
        await pilot.press("enter")
        assert not isinstance(app.screen, PromptScreen)
        assert lines(card_list(app, "Backlog"))[2] == "  ⛔ vendor"
    assert fresh_snapshot(board_db).find_card(1).blocked_reason == "vendor"  # type: ignore[union-attr]


async def test_a_busy_database_keeps_the_card_form_open_with_what_was_typed(
    app: KanbanApp,
    svc: KanbanService,
    board_db: Path,
    toasts: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fail_once(monkeypatch, svc, "add_card", KanbanError(BUSY))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Fax", "ctrl+s")
        assert isinstance(app.screen, CardForm) and error_under_field(app) == BUSY
        assert toasts == [("error", BUSY)]
        await pilot.press("ctrl+s")  # the same draft, saved this time
        assert not isinstance(app.screen, CardForm)
        assert titles(card_list(app, "Backlog"))[-1] == "#10 B Fax"
    assert [c.title for c in fresh_snapshot(board_db).cards_in(1)] == ["Write the runbook", "Fax"]


async def test_undo_that_cannot_read_the_board_back_tries_again_on_the_tick(
    app: KanbanApp,
    svc: KanbanService,
    toasts: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The tick, not the poll (which would read the undone board back within a second too).
    monkeypatch.setattr(BoardScreen, "POLL_SECONDS", 3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "y")  # delete #1
        assert titles(card_list(app, "Backlog")) == []
        fail_once(monkeypatch, svc, "undo", KanbanError(BUSY))
        await pilot.press("u")
        assert toasts[-1] == ("error", BUSY) and app.is_running
        fail_once(monkeypatch, svc, "snapshot", KanbanError(BUSY))
        await pilot.press("u")  # undone in the database, not read back
        assert toasts[-2:] == [("information", "Undone: delete #1"), ("error", BUSY)]
        board = app.board_screen
        assert board.stale and titles(card_list(app, "Backlog")) == []
        board._tick()
        assert not board.stale and titles(card_list(app, "Backlog")) == ["#1 I Write the runbook"]


async def test_a_busy_database_on_the_standup_and_the_metrics_is_said(
    app: KanbanApp,
    svc: KanbanService,
    toasts: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the aging flags read the history too
        fail_once(monkeypatch, svc, "summary", KanbanError(BUSY))
        fail_once(monkeypatch, svc, "history", KanbanError(BUSY))
        await pilot.press("s")
        assert toasts == [("error", BUSY)] and len(app.screen_stack) == 1
        await pilot.press("m")
        screen = app.screen
        assert isinstance(screen, MetricsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        message = f"The metrics could not be read: {BUSY}"
        assert str(screen.query_one("#metrics-title", Label).render()) == message
        assert toasts[-1] == ("error", message) and screen.charts is None
        await pilot.press("escape", "m")  # again: the charts come
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MetricsScreen) and app.screen.charts is not None


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (KanbanError(BUSY), BUSY),
        (
            OperationalError("SELECT * FROM events", {}, sqlite3.OperationalError("locked")),
            "OperationalError",
        ),
    ],
    ids=["KanbanError", "OperationalError"],
)
async def test_the_board_survives_a_failed_aging_rule_read_and_retries_on_the_tick(
    svc: KanbanService, monkeypatch: pytest.MonkeyPatch, error: Exception, said: str
) -> None:
    calls = fail_once(monkeypatch, svc, "aging_rule", error)
    app = KanbanApp(svc)
    notices = record_toasts(app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        board = app.board_screen
        assert app.is_running and board.aging_rule is None and board.aging_failed
        told = f"The aging flags could not be updated ({said}); trying again every minute."
        assert notices == [("warning", told)]
        assert "SELECT" not in notices[0][1]
        app.board_screen._tick()  # a minute later
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(calls) == 2 and board.aging_rule is not None and not board.aging_failed
        assert header(app, "Review") == "Review 2/2"
