"""Properties over random sequences of changes, on a real database file."""

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kanban.domain.models import EventKind
from kanban.errors import UsageError
from kanban.services import KanbanService
from tests.conftest import MutableClock

operation = st.one_of(
    st.tuples(st.just("add"), st.integers(0, 4)),
    st.tuples(st.just("shift"), st.integers(0, 9), st.sampled_from([-1, 1])),
    st.tuples(st.just("reorder"), st.integers(0, 9), st.sampled_from([-1, 1])),
    st.tuples(st.just("block"), st.integers(0, 9)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
)


def _shift(service: KanbanService, card_id: int, step: int):
    """As the TUI's shift+←/→: to the neighbouring column (None past the first or last)."""
    card = service.card(card_id)
    columns = service.columns(card.board_id)
    index = next(i for i, c in enumerate(columns) if c.id == card.column_id) + step
    return service.move_card(card_id, columns[index].id) if 0 <= index < len(columns) else None


def _reorder(service: KanbanService, card_id: int, step: int):
    """As the TUI's shift+↑/↓: to the place of the card above or below (None past either end)."""
    card = service.card(card_id)
    cards = service.snapshot(card.board_id).cards_in(card.column_id)
    index = [c.id for c in cards].index(card_id) + step
    if not 0 <= index < len(cards):
        return None
    return service.move_card(card_id, card.column_id, cards[index].position)


def _apply(service: KanbanService, board_id: int, op: tuple, mirror) -> None:
    cards = mirror.all_cards()
    if op[0] == "add":
        change = service.add_card(board_id, "t", column=mirror.columns[op[1]].id)
        mirror.place(change.card)
        return
    if not cards:
        return
    card = cards[op[1] % len(cards)]
    try:
        if op[0] in ("shift", "reorder"):
            change = (_shift if op[0] == "shift" else _reorder)(service, card.id, op[2])
            if change is not None:
                mirror.place(change.card)
        elif op[0] == "block":
            blocked = service.card(card.id).blocked
            changed = service.unblock_card(card.id) if blocked else service.block_card(card.id, "x")
            mirror.place(changed)
        else:
            service.delete_card(card.id)
            mirror.remove(card.id)
    except UsageError:
        pass  # e.g. shifting past the last column: refused, nothing changed


def _columns_from_events(service: KanbanService, board_id: int) -> dict[int, int]:
    """Replay the log: where each live card is, by its create/move/delete/restore events."""
    where: dict[int, int | None] = {}
    for event in service.events(board_id):
        if event.kind in (EventKind.CREATE, EventKind.MOVE, EventKind.RESTORE):
            where[event.card_id] = event.to_column_id
        elif event.kind is EventKind.DELETE:
            where[event.card_id] = None
    return {card: column for card, column in where.items() if column is not None}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(operation, min_size=1, max_size=25))
def test_storage_mirror_history_and_undo_agree(tmp_path_factory, ops) -> None:
    clock = MutableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))
    path = tmp_path_factory.mktemp("prop") / "kanban.db"
    service = KanbanService.open(path, clock=clock)
    board = service.board()
    start = service.snapshot(board.id)
    mirror = service.snapshot(board.id)
    for op in ops:
        clock.set(clock.current + timedelta(hours=7))
        _apply(service, board.id, op, mirror)
        stored = service.snapshot(board.id)
        # The in-memory mirror a client keeps equals what is stored.
        assert stored == mirror
        for column in stored.columns:
            positions = [c.position for c in stored.cards_in(column.id)]
            assert all(0 <= a < b for a, b in pairwise(positions))
    # Replaying the event log puts every live card in its column.
    live = {c.id: c.column_id for c in service.snapshot(board.id).all_cards()}
    assert _columns_from_events(service, board.id) == live
    # Undoing everything gives back the empty board.
    while service.can_undo:
        service.undo()
    assert service.snapshot(board.id) == start
    service.close()
