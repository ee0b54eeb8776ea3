"""The board's footer, and the Textual behaviour it is built on (one test each, so an upgrade
within ``textual>=8.0,<9`` that changes one of them fails here):

- ``Screen.active_bindings`` holds the focused chain's shown bindings with ``check_action``'s
  verdict: None dims a key, False leaves it out;
- ``Screen.bindings_updated_signal`` is published when the bindings may have changed (a change
  on the board, a focus change), so the footer redraws;
- ``App.simulate_key`` presses a key the way the keyboard does (a click on a key);
- a modal screen's binding chain leaves the board screen's bindings out, and pushing or
  popping a screen publishes the board screen's signal (its footer rests its keys).
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Footer

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import FOOTER_DROP
from kanban.tui.screens.card_form import CardForm
from kanban.tui.widgets.footer import PALETTE, FooterKey, QuietFooter, fit
from tests.tui.board import SIZE, db_titles, screen_lines


def key(action: str, description: str, display: str = "x") -> FooterKey:
    return FooterKey(display, display, description, action)


def test_fit_drops_whole_keys_listed_first_then_from_the_right() -> None:
    keys = [key("a", "Alpha"), key("b", "Beta"), key("c", "Gamma"), key(PALETTE, "palette")]
    assert [k.width for k in keys] == [9, 8, 9, 11]
    assert fit(keys, 37, drop=()) == keys
    assert fit(keys, 36, drop=(PALETTE, "a")) == keys[:3]
    assert fit(keys, 25, drop=(PALETTE, "a")) == keys[1:3]
    assert fit(keys, 20, drop=(PALETTE,)) == keys[:2]
    assert fit(keys, 0, drop=()) == []


def footer_of(app: KanbanApp) -> dict[str, bool]:
    """The footer's keys: description -> enabled."""
    return {k.description: k.enabled for k in app.board_screen.query_one(QuietFooter).keys}


async def test_check_action_dims_or_leaves_out_a_key(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = footer_of(app)
        assert keys["Undo"] is False  # None: nothing to undo yet, dimmed
        assert keys["Move right"] is True and keys["Move left"] is False  # Backlog: first column
        assert "Clear filter" not in keys  # False: no filter, not shown
        assert "Previous column" not in keys  # show=False
        strip = app.screen._compositor.render_strips()[-1]
        assert (
            next(s for s in strip if s.text == "Undo ").style.color
            != next(s for s in strip if s.text == "New ").style.color
        )  # drawn dimmed


async def test_the_footer_redraws_after_a_change_and_a_focus_change(svc: KanbanService) -> None:
    svc.move_card(1, "Ready")  # Backlog empty
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_of(app)["Edit"] is False  # no card under the cursor
        await pilot.press("right")  # the focus moves to Ready
        await pilot.pause()
        assert footer_of(app)["Edit"] is True
        await pilot.press("shift+right")  # a move: now something to undo
        await pilot.pause()
        assert footer_of(app)["Undo"] is True
        assert " u Undo " in screen_lines(app)[-1]


async def test_a_click_on_a_key_presses_it_and_a_dimmed_key_does_nothing(
    app: KanbanApp, board_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        footer = app.board_screen.query_one(QuietFooter)
        line = screen_lines(app)[-1]
        await pilot.click(QuietFooter, offset=(line.index(" u Undo"), 0))  # dimmed
        await pilot.pause()
        assert app.screen is app.board_screen
        await pilot.click(QuietFooter, offset=(line.index(" n New") + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        await pilot.press("escape")
        await pilot.click(QuietFooter, offset=(line.index("Move right"), 0))
        await pilot.pause()
        assert db_titles(board_db, "Ready")[-1] == "Write the runbook"
        await pilot.hover(QuietFooter, offset=(line.index(" n New") + 1, 0))
        assert footer.hover is not None and footer.hover.description == "New"


async def test_a_modal_footer_shows_the_modal_keys_not_the_board_keys(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CardForm)
        assert app.screen.query_one(Footer)
        shown = {active.binding.description for active in app.screen.active_bindings.values()}
        assert {"Save", "Cancel"} <= shown
        assert not shown & {"Move right", "New", "Undo", "Help"}
        assert "Move right" not in screen_lines(app)[-1] and "Save" in screen_lines(app)[-1]
        assert FOOTER_DROP[0] == PALETTE  # the narrow board's first key to go
        assert list(footer_of(app)) == ["Quit", "palette"]  # behind the form: the app's only
        await pilot.press("escape")
        await pilot.pause()
        assert {"Move right", "New", "Help", "Quit"} <= set(footer_of(app))
