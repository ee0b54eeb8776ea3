"""Toasts naming the changes others made: another service on the same database (as the CLI or
another TUI would be) changes the board, the next poll says what and who; the board's own
changes say nothing; a burst of changes makes a few toasts and one "and N more"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kanban.domain.models import ColumnKind
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.change_news import SHOWN
from kanban.tui.screens.board import BoardScreen
from tests.tui.board import SIZE


@pytest.fixture
def brent(board_db: Path) -> Iterator[KanbanService]:
    """Brent's process on the same database."""
    service = KanbanService.open(board_db, author="brent")
    yield service
    service.close()


def _screen(app: KanbanApp) -> BoardScreen:
    assert isinstance(app.screen, BoardScreen)
    return app.screen


def _said(toasts: list[tuple[str, str]]) -> list[str]:
    return [message for _severity, message in toasts]


async def test_a_move_and_a_block_elsewhere_are_told_with_their_author(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        brent.move_card(2, "Review")
        brent.block_card(5, "waiting for the vendor")
        assert _screen(app).poll() is True
        await pilot.pause()
    assert _said(toasts) == [
        "#2 moved to Review by brent",
        "#5 blocked by brent: waiting for the vendor",
    ]


async def test_each_kind_of_change_is_told(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        board_id = screen.state.board_id
        changes = [
            (lambda: brent.add_card(board_id, "New work", column="Ready"), "#10 added to Ready"),
            (lambda: brent.unblock_card(4), "#4 unblocked"),
            (lambda: brent.edit_card(7, title="Patch it all"), "#7 edited by brent (title)"),
            (lambda: brent.delete_card(8), "#8 deleted"),
            (lambda: brent.add_column(board_id, "QA", ColumnKind.QUEUE), "column QA added"),
            (lambda: brent.rename_column(board_id, "QA", "Test"), "column QA renamed to Test"),
            (lambda: brent.remove_column(board_id, "Test"), "column Test removed"),
            (lambda: brent.set_column_limit(next(iter(screen.columns)), 4), "WIP limit"),
        ]
        for change, words in changes:
            toasts.clear()
            change()
            assert screen.poll() is True
            await pilot.pause()
            assert len(toasts) == 1 and words in toasts[0][1] and "by brent" in toasts[0][1]


async def test_the_boards_own_changes_are_not_told(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("L", "b")  # its own move, its own block (asks why)
        await pilot.pause()
        await pilot.press(*"mine", "enter")
        await pilot.pause()
        toasts.clear()
        brent.move_card(7, "Done")  # the next poll reads the board's own events too
        assert _screen(app).poll() is True
        await pilot.pause()
    assert _said(toasts) == ["#7 moved to Done by brent"]


async def test_a_burst_of_changes_is_told_briefly(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for card_id in (2, 3, 5, 6, 7):
            brent.move_card(card_id, "Done")
        assert _screen(app).poll() is True
        await pilot.pause()
    assert _said(toasts) == [
        "#2 moved to Done by brent",
        "#3 moved to Done by brent",
        "#5 moved to Done by brent",
        "and 2 more changes",
    ]
    assert SHOWN == 3


async def test_a_change_without_an_author_names_nobody(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    anonymous = KanbanService.open(board_db)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            anonymous.move_card(2, "Review")
            assert _screen(app).poll() is True
            await pilot.pause()
    finally:
        anonymous.close()
    assert _said(toasts) == ["#2 moved to Review"]


async def test_user_text_reaches_the_toast_as_typed(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        brent.block_card(5, "[b]vendor[/b] \u202eevil")
        assert _screen(app).poll() is True
        await pilot.pause()
        shown = app._notifications
        assert [n.message for n in shown] == [
            "#5 blocked by brent: [b]vendor[/b] \ufffdevil",
        ]
        assert all(n.markup is False for n in shown)
