"""The help screen's legend of the board's signs is readable on every terminal: each sign and
what it means on one line of the screen, at 80, 120 and 160 columns (it was cut to "⛔ bl" at
160 and to "⛔" at 120)."""

from __future__ import annotations

import pytest

from kanban.tui.app import KanbanApp
from kanban.tui.screens.help import SIGNS, HelpScreen
from tests.tui.board import screen_lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_every_sign_of_the_legend_is_on_screen(
    app: KanbanApp, size: tuple[int, int]
) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_lines(app)
        assert any("█  Signs  " in line for line in shown)
        for sign, meaning in SIGNS:
            assert any(sign in line and meaning in line for line in shown), (sign, meaning)
        assert any("escape to close" in line for line in shown)
        assert any("Focus the previous column" in line for line in shown)  # the keys too
