"""Undo restores the exact earlier state; ? lists every key from the bindings; q quits."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.help import SIGNS, HelpScreen
from kanban.tui.widgets.card_list import CardList
from tests.tui.board import SIZE, card_list, fresh_snapshot, header, lines, titles


def screen_state(app: KanbanApp) -> list[tuple[str, list[str]]]:
    views = app.board_screen.columns.values()
    return [(header(app, v.card_list.column.name), lines(v.card_list)) for v in views]


async def test_u_undoes_a_move_and_focus_follows_the_card_back(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        shown = screen_state(app)
        await pilot.press("L", "u")
        assert toasts[-1] == ("information", "Undone: move #1")
        assert screen_state(app) == shown
        backlog = card_list(app, "Backlog")
        assert app.focused is backlog and backlog.current is not None and backlog.current.id == 1
    assert fresh_snapshot(board_db) == before  # entered_at included: 11 days, not 1


async def test_u_steps_back_through_every_kind_of_change(app: KanbanApp, board_db: Path) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        shown = screen_state(app)
        await pilot.press("l", "l", "J")  # reorder
        await pilot.press("L")  # move (a breach)
        await pilot.press("e", "end", "!", "ctrl+s")  # edit
        await pilot.press("b")  # unblock (#4 was blocked)
        await pilot.press("w", "backspace", "9", "enter")  # limit
        await pilot.press("h", "d", "y")  # delete
        assert fresh_snapshot(board_db) != before
        assert header(app, "Review") == "Review 3/9"
        for _ in range(6):
            await pilot.press("u")
        assert fresh_snapshot(board_db) == before
        assert screen_state(app) == shown
        await pilot.press("u")  # nothing left to undo: disabled
        assert fresh_snapshot(board_db) == before


async def test_help_lists_every_binding(app: KanbanApp, board_db: Path) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#keys", Static).render())
        for binding in [*BoardScreen.BINDINGS, *CardList.BINDINGS, *KanbanApp.BINDINGS]:
            assert (binding.tooltip or binding.description) in text  # type: ignore[union-attr]
        for keys in ["← / h", "→ / l", "↑ / k", "↓ / j", "shift+→ / L", "shift+← / H", "e / ⏎"]:
            assert keys in text
        legend = str(app.screen.query_one("#legend", Static).render()).splitlines()
        for sign, meaning in SIGNS:  # one row each: the sign, then what it means
            assert any(row.startswith(sign) and row.endswith(meaning) for row in legend)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        assert titles(card_list(app, "Backlog")) == ["#1 I Write the runbook"]
    assert fresh_snapshot(board_db) == before


async def test_q_quits(app: KanbanApp, board_db: Path) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running
    assert fresh_snapshot(board_db) == before
