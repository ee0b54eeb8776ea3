"""Focus keys: columns (← → h l) and cards (↑ ↓ k j) move the focus and change nothing stored."""

from __future__ import annotations

from pathlib import Path

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.tui.board import SIZE, card_list, column_view, fresh_snapshot, has_cursor


def assert_column_focused(app: KanbanApp, name: str) -> None:
    target = card_list(app, name)
    assert app.focused is target, f"expected {name}, focus is on {app.focused}"
    views = app.board_screen.columns.values()
    assert [v.card_list.column.name for v in views if v.has_focus_within] == [name]
    assert has_cursor(target, 0) or not target.cards


async def test_column_keys_move_the_focus_and_change_nothing(
    app: KanbanApp, svc: KanbanService, board_db: Path
) -> None:
    before = fresh_snapshot(board_db)
    events = len(svc.events(svc.board().id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert_column_focused(app, "Backlog")
        for key, expected in [
            ("right", "Ready"),
            ("l", "In Progress"),
            ("left", "Ready"),
            ("h", "Backlog"),
            ("h", "Backlog"),  # already the first column
            ("l", "Ready"),
        ]:
            await pilot.press(key)
            assert_column_focused(app, expected)
        await pilot.press("l", "l", "l", "l")
        assert_column_focused(app, "Done")  # stops at the last column
    assert fresh_snapshot(board_db) == before
    assert len(svc.events(svc.board().id)) == events


async def test_card_keys_move_the_cursor_and_change_nothing(app: KanbanApp, board_db: Path) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l")  # In Progress: #4, #5, #6
        doing = card_list(app, "In Progress")
        for key, cursor in [
            ("down", 1),
            ("j", 2),
            ("j", 2),  # already the last card
            ("up", 1),
            ("k", 0),
            ("k", 0),  # already the first card
        ]:
            await pilot.press(key)
            assert doing.cursor == cursor
            assert doing.current is not None and doing.current.id == 4 + cursor
            highlighted = [cursor * 3, cursor * 3 + 1]
            if doing.current.blocked:  # #4: its reason, on the third line, is part of it
                highlighted.append(cursor * 3 + 2)
            assert [y for y in range(9) if has_cursor(doing, y)] == highlighted
        # each column keeps its own cursor
        await pilot.press("j", "h", "l")
        assert app.focused is doing and doing.cursor == 1
    assert fresh_snapshot(board_db) == before


async def test_a_click_focuses_the_card_under_the_pointer(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click(card_list(app, "Review"), offset=(2, 4))
        review = card_list(app, "Review")
        assert app.focused is review and review.cursor == 1
        assert column_view(app, "Review").has_focus_within
