"""The card form's keys (save, cancel) are in its footer and in the help screen."""

from __future__ import annotations

from textual.widgets import Footer, Static

from kanban.tui.app import KanbanApp
from kanban.tui.screens.card_form import CardForm
from kanban.tui.screens.help import HelpScreen
from tests.tui.board import SIZE


async def test_the_card_form_shows_its_keys_in_its_footer(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        form = app.screen
        assert isinstance(form, CardForm)
        await pilot.pause()
        footer = form.query_one(Footer)
        shown = {key.description for key in footer.query("FooterKey")}  # type: ignore[attr-defined]
        assert {"Save", "Cancel"} <= shown
        assert {b.key: b.action for b in form.BINDINGS} == {  # type: ignore[union-attr]
            "ctrl+s": "save",
            "escape": "cancel",
        }


async def test_the_help_screen_lists_the_card_form_keys(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#keys", Static).render())
        form = text.split("In the card form\n", 1)[1].splitlines()
        assert [" ".join(line.split()) for line in form] == [
            "^s Save the card (enter in a one-line field too)",
            "esc Close the form without saving",
        ]
