"""The TUI's standup (``s``) names who moved and blocked the cards it reports, as the CLI's."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.standup import StandupScreen
from tests.tui.board import SIZE


async def test_the_standup_screen_names_who(app: KanbanApp, board_db: Path) -> None:
    brent = KanbanService.open(board_db, author="brent")
    try:
        brent.move_card(2, "Review")
        brent.block_card(5, "waiting for the vendor")
    finally:
        brent.close()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, StandupScreen)
        text = str(app.screen.query_one("#standup-text", Static).render())
    assert "#2 Upgrade the database  Ready → Review (by brent)" in text
    assert "#5 Phoenix release  ⛔ waiting for the vendor (by brent)" in text
