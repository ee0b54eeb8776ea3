"""Live views: a change made by another process (a second service on the same file, as the
CLI or another TUI would be) shows on an open board at the next poll, the focus stays on the
same card, and columns added or removed elsewhere do not take the board down."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from kanban.domain.models import ColumnKind
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import BoardScreen
from tests.tui.board import record_toasts, seed

SIZE = (160, 40)


@pytest.fixture
def other(board_db: Path) -> Iterator[KanbanService]:
    """Another process's service on the same database."""
    service = KanbanService.open(board_db)
    yield service
    service.close()


def _screen(app: KanbanApp) -> BoardScreen:
    screen = app.screen
    assert isinstance(screen, BoardScreen)
    return screen


def _titles(screen: BoardScreen, column_id: int) -> list[str]:
    view = screen.columns[column_id]
    return [card.title for card in [*view.lane.cards, *view.card_list.cards]]


async def test_a_quiet_database_is_not_read_again(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _screen(app).poll() is False


async def test_a_move_elsewhere_shows_and_the_focus_stays(
    app: KanbanApp, other: KanbanService
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        focused = screen.card
        assert focused is not None
        columns = screen.state.snapshot.columns
        moved = next(c for c in screen.state.snapshot.all_cards() if c.id != focused.id)
        target = next(c for c in columns if c.id != moved.column_id)
        other.move_card(moved.id, target.id)
        assert screen.poll() is True
        await pilot.pause()
        assert moved.title in _titles(screen, target.id)
        assert screen.card is not None and screen.card.id == focused.id


async def test_cards_added_and_deleted_elsewhere_show(app: KanbanApp, other: KanbanService) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        first = screen.state.snapshot.columns[0]
        added = other.add_card(screen.state.board_id, "Written elsewhere", column=first.id)
        assert screen.poll() is True
        await pilot.pause()
        assert "Written elsewhere" in _titles(screen, first.id)
        other.delete_card(added.card.id)
        assert screen.poll() is True
        await pilot.pause()
        assert "Written elsewhere" not in _titles(screen, first.id)


async def test_the_focused_card_deleted_elsewhere_leaves_the_focus_in_its_column(
    app: KanbanApp, other: KanbanService
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        focused = screen.card
        assert focused is not None
        other.delete_card(focused.id)
        assert screen.poll() is True
        await pilot.pause()
        assert screen.state.locate(focused.id) is None
        assert screen.column_id == focused.column_id
        assert screen.card is None or screen.card.column_id == focused.column_id


async def test_columns_added_and_removed_elsewhere_are_rebuilt(
    app: KanbanApp, other: KanbanService
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        board_id = screen.state.board_id
        before = len(screen.columns)
        first = screen.state.snapshot.columns[0].name
        added = other.add_column(board_id, "Elsewhere", ColumnKind.ACTIVE, after=first)
        assert screen.poll() is True
        await pilot.pause()
        assert list(screen.columns)[1] == added.id
        assert len(screen.board_view.children) == before + 1
        await pilot.press("l", "l", "h")  # walking the columns finds no missing panel
        other.remove_column(board_id, "Elsewhere")
        assert screen.poll() is True
        await pilot.pause()
        assert added.id not in screen.columns
        assert len(screen.board_view.children) == before
        await pilot.press("l", "L", "u")  # a move and its undo on the rebuilt board
        await pilot.pause()


async def test_the_boards_own_move_is_not_read_again(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        await pilot.press("L")
        await pilot.pause()
        assert screen.poll() is False


def _count_board_reads(service: KanbanService, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each whole-board read the screen makes from now on adds to the list."""
    reads: list[int] = []
    whole = service.snapshot

    def counted(*args: object, **kwargs: object):
        reads.append(1)
        return whole(*args, **kwargs)

    monkeypatch.setattr(service, "snapshot", counted)
    return reads


async def test_changes_elsewhere_to_their_own_cards_are_read_card_by_card(
    app: KanbanApp, svc: KanbanService, other: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moves, new, edited, blocked and deleted cards: only those cards are read again (at
    50,000 cards the whole board is a third of a second), and the board then holds what the
    database holds, positions included."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        board_id = screen.state.board_id
        columns = screen.state.snapshot.columns
        cards = screen.state.snapshot.all_cards()
        reads = _count_board_reads(svc, monkeypatch)
        other.move_card(cards[0].id, columns[-1].id)
        other.move_card(cards[1].id, columns[0].id)
        added = other.add_card(board_id, "Written elsewhere", column=columns[1].id).card
        other.edit_card(cards[2].id, title="Renamed elsewhere")
        blocked = next(c for c in cards[3:] if not c.blocked)
        other.block_card(blocked.id, "waiting on the vendor")
        other.delete_card(next(c for c in cards[3:] if c.id != blocked.id).id)
        other.move_card(added.id, columns[2].id)
        assert screen.poll() is True
        await pilot.pause()
        assert reads == []
        assert screen.state.snapshot == other.snapshot(board_id)
        assert "Written elsewhere" in _titles(screen, columns[2].id)
        assert "Renamed elsewhere" in _titles(screen, cards[2].column_id)


async def test_a_reorder_a_limit_or_a_placed_card_elsewhere_reads_the_whole_board_again(
    app: KanbanApp, svc: KanbanService, other: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reorder moves the cards between the two places, a limit changes a column, a card put
    at a place moves those after it: the board is read again, and holds what the database
    holds."""
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        board_id = screen.state.board_id
        column = next(
            c for c in screen.state.snapshot.columns if len(screen.state.cards_in(c.id)) > 2
        )
        top, _, third = screen.state.cards_in(column.id)[:3]
        reads = _count_board_reads(svc, monkeypatch)
        other.move_card(top.id, column.id, third.position)
        assert screen.poll() is True
        await pilot.pause()
        assert reads == [1]
        assert screen.state.snapshot == other.snapshot(board_id)
        other.set_column_limit(column.id, 9)
        assert screen.poll() is True
        assert reads == [1, 1]
        assert screen.state.column(column.id).wip_limit == 9
        elsewhere = next(c for c in screen.state.snapshot.all_cards() if c.column_id != column.id)
        other.move_card(elsewhere.id, column.id, top.position)  # to a place: the rest move
        assert screen.poll() is True
        await pilot.pause()
        assert reads == [1, 1, 1]
        assert screen.state.snapshot == other.snapshot(board_id)


# ------------------------------------------------------------------ on PostgreSQL (opt-in)


@pytest.fixture
def pg_url(postgres_url: str, frozen_time: object) -> str:
    seed(postgres_url)
    return postgres_url


async def test_on_postgresql_a_move_elsewhere_shows_within_a_second_by_itself(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No key pressed and no poll() called: the screen's own timer, its listening connection
    and the other service's notice, sent at its commit; a toast names the change and its
    author. While nothing changes, its polls run no query."""
    service = KanbanService.open(pg_url)
    other = KanbanService.open(pg_url, author="brent")
    try:
        app = KanbanApp(service)
        toasts = record_toasts(app, monkeypatch)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = _screen(app)
            focused = screen.card
            assert focused is not None
            await pilot.pause(0.3)  # the aging rule's read, after the first paint
            statements: list[str] = []
            event.listen(
                service.engine, "before_cursor_execute", lambda *a: statements.append(a[2])
            )
            await pilot.pause(1.1)  # a poll or two
            assert statements == []
            moved = next(c for c in screen.state.snapshot.all_cards() if c.id != focused.id)
            target = next(c for c in screen.state.snapshot.columns if c.id != moved.column_id)
            other.move_card(moved.id, target.id)
            committed = time.monotonic()
            while moved.title not in _titles(screen, target.id):
                assert time.monotonic() - committed < 1.5, "the move did not show"
                await pilot.pause(0.02)
            assert screen.card is not None and screen.card.id == focused.id
            assert screen.poll() is False  # seen once, not read again
        assert (
            "information",
            f"#{moved.id} moved to {target.name} by brent",
        ) in toasts
    finally:
        other.close()
        service.close()


async def test_on_postgresql_the_boards_own_move_is_not_read_again(pg_url: str) -> None:
    service = KanbanService.open(pg_url)
    try:
        app = KanbanApp(service)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            screen = _screen(app)
            await pilot.press("L")
            await pilot.pause(0.2)  # its own notice is back by now, and skipped
            assert screen.poll() is False
    finally:
        service.close()


async def test_a_change_committed_right_after_our_own_is_still_shown(
    app: KanbanApp, other: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process commits between this board's own write and its reading of the change
    token (which then holds both): the next poll still reads the board again and tells it."""
    # Polled by hand below: a timed poll between the key and the first check (a loaded
    # machine) would read their card before the test looks.
    monkeypatch.setattr(BoardScreen, "POLL_SECONDS", 3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = _screen(app)
        first = screen.state.snapshot.columns[0]
        move_card = screen.service.move_card
        theirs = []

        def move_then_theirs(*args, **kwargs):
            moved = move_card(*args, **kwargs)
            theirs.append(
                other.add_card(screen.state.board_id, "Written in the same instant", first.id)
            )
            return moved

        monkeypatch.setattr(screen.service, "move_card", move_then_theirs)
        await pilot.press("L")
        await pilot.pause()
        assert "Written in the same instant" not in _titles(screen, first.id)
        toasts = record_toasts(app, monkeypatch)
        assert screen.poll() is True
        await pilot.pause()
        assert "Written in the same instant" in _titles(screen, first.id)
        assert toasts == [("information", f"#{theirs[0].card.id} added to {first.name}")]
        assert screen.poll() is False  # told once; our own move is not read again
