"""The help screen's legend of the board's signs is readable on every terminal: each sign and
what it means on one line of the screen, at 80, 120 and 160 columns (it was cut to "⛔ bl" at
160 and to "⛔" at 120)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from kanban.tui.app import KanbanApp
from kanban.tui.screens.help import SIGNS, HelpScreen
from tests.tui.board import card_list, screen_lines


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (160, 45)])
async def test_every_sign_of_the_legend_is_on_screen(app: KanbanApp, size: tuple[int, int]) -> None:
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


async def test_the_legend_shows_each_aging_level_in_its_colour(app: KanbanApp) -> None:
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        legend = app.screen.query_one("#legend", Static)
        cards = card_list(app, "Ready")
        line = next(
            strip
            for y in range(legend.size.height)
            if "watch" in (strip := legend.render_line(y)).text
        )
        for level in ("watch", "warning", "critical"):
            colour = cards.get_component_rich_style(f"card-list--aging-{level}", partial=True)
            segment = next(s for s in line if s.text == level)
            assert segment.style.color == colour.color, level
