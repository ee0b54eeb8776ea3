"""``KanbanService.history``: the board's columns and events, read as the flow metrics need them."""

from __future__ import annotations

from datetime import UTC, timedelta

from kanban.domain.metrics.durations import cycle_times
from kanban.domain.models import ColumnKind, EventKind, WorkType


def test_history_reads_the_columns_and_the_whole_log(service, clock):
    board = service.board()
    start = clock.current
    first = service.add_card(board.id, "first", column="Ready").card
    second = service.add_card(board.id, "second").card
    gone = service.add_card(board.id, "gone").card
    service.delete_card(gone.id)
    clock.set(start + timedelta(days=2))
    service.move_card(first.id, "Done")  # Tue -> Thu: 3 days
    service.block_card(second.id, "vendor")
    clock.set(start + timedelta(days=4))

    history = service.history(board.id, clock.current, UTC)

    assert [c.name for c in history.columns] == [c.name for c in service.columns(board.id)]
    assert [card.card_id for card in history.cards] == [first.id, second.id]  # deleted: out
    assert [(c.card_id, c.days) for c in cycle_times(history)] == [(first.id, 3)]
    assert history.cards[1].blocks[0].reason == "vendor"
    assert history.today == (start + timedelta(days=4)).date()


def test_events_come_back_whole_and_in_order(service, clock):
    board = service.board()
    card = service.add_card(board.id, "t", type=WorkType.CHANGE).card
    clock.set(clock.current + timedelta(minutes=5))
    service.move_card(card.id, "Ready")
    service.set_column_limit(service.column(board.id, "Ready").id, 4)  # no card: card_id None
    events = service.events(board.id)
    assert [e.kind for e in events] == [EventKind.CREATE, EventKind.MOVE, EventKind.LIMIT]
    create, move, limit = events
    assert create.details == {"to": "Backlog", "title": "t", "type": "change"}
    assert (move.at, move.at.tzinfo) == (clock.current, UTC)
    assert (move.from_column_id, move.to_column_id) == (
        service.column(board.id, "Backlog").id,
        service.column(board.id, "Ready").id,
    )
    assert limit.card_id is None and limit.details["new"] == 4
    assert service.events(board.id, since=clock.current) == [move, limit]


def test_column_added_and_renamed_events_leave_the_history_as_it_was(service, clock):
    board = service.board()
    start = clock.current
    card = service.add_card(board.id, "first", column="Ready").card
    clock.set(start + timedelta(days=2))
    service.move_card(card.id, "Done")
    clock.set(start + timedelta(days=3))
    before = service.history(board.id, clock.current, UTC)
    service.add_column(board.id, "Archive", ColumnKind.DONE, after="Done")
    service.rename_column(board.id, "Archive", "Shelved")
    service.remove_column(board.id, "Shelved")
    after = service.history(board.id, clock.current, UTC)
    assert [e.kind for e in service.events(board.id)][-3:] == [EventKind.SETTING] * 3
    assert after.cards == before.cards
    assert (after.first_day, after.start_rank, after.done_rank) == (
        before.first_day,
        before.start_rank,
        before.done_rank,
    )
