"""The focused card's history (``i``): who changed what and when, newest first, as ``kanban log
ID`` says it; escape closes it; the help screen lists the key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.help import HelpScreen
from kanban.tui.screens.history import HistoryScreen
from tests.tui.board import SIZE, screen_lines


async def test_the_history_key_lists_the_cards_changes_with_their_authors(
    app: KanbanApp, board_db: Path
) -> None:
    brent = KanbanService.open(board_db, author="brent")
    ann = KanbanService.open(board_db, author="ann")
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, BoardScreen) and screen.card is not None
            assert screen.card.id == 1
            brent.move_card(1, "Ready")
            ann.block_card(1, "[b]waiting[/b] for the vendor")
            screen.poll()
            await pilot.pause()
            await pilot.press("i")
            await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            text = str(app.screen.query_one("#history-lines", Static).render())
            assert text.splitlines() == [
                "2026-11-24 10:00  ann  block  #1  reason: [b]waiting[/b] for the vendor",
                "2026-11-24 10:00  brent  move  #1  Backlog → Ready",
                "2026-11-14 09:00  —  create  #1  — → Backlog  "
                "title: Write the runbook, type: internal",
            ]
            assert any("History of #1 Write the runbook" in line for line in screen_lines(app))
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, BoardScreen)
    finally:
        brent.close()
        ann.close()


async def test_the_help_screen_lists_the_history_key(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#keys", Static).render())
        assert any(
            line.startswith("i ") and "The card's history" in line for line in keys.splitlines()
        )
