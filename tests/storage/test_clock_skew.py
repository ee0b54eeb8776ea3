"""Time never runs backwards on a board: a write is stamped no earlier than the board's latest
event, so a machine whose clock is behind (clocks apart on a shared board, a clock set back)
cannot put a move before the move it follows. The card's timeline (its events in time order)
and the board (its moves in the order they were made) then agree on where the card is, and the
summary's window and the whole history say the same."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from kanban.clock import to_utc
from kanban.domain.metrics.history import DEFAULT_DAYS
from kanban.domain.models import ColumnKind, EventKind
from kanban.services import KanbanService
from kanban.services.transfer import dumps, export_database, import_database
from kanban.storage.converters import stored_utc
from kanban.storage.schema import CARDS, EVENTS
from tests.storage.test_card_flows import _assert_agree, _assert_same_summary

_EVENTS = EVENTS


def _events(service: KanbanService, board_id: int):
    """The board's events in the order they were written."""
    with service.store.read() as uow:
        return uow.events_after(board_id, 0, 10_000)


def _assert_in_time_order(service: KanbanService, board_id: int) -> None:
    times = [event.at for event in _events(service, board_id)]
    assert times == sorted(times)


def test_a_move_stamped_before_the_previous_one_counts_where_the_card_is(service, clock):
    board_id = service.board().id
    card = service.add_card(board_id, "skewed", column="In Progress").card
    clock.set(clock.current + timedelta(days=1))
    service.move_card(card.id, "Review")
    reviewed = clock.current
    clock.set(clock.current - timedelta(minutes=3))  # another machine, three minutes behind
    done = service.move_card(card.id, "Done").card
    assert service.card(card.id).column_id == service.column(board_id, "Done").id
    move = _events(service, board_id)[-1]
    assert move.kind is EventKind.MOVE and move.to_column_id == done.column_id
    assert move.at == reviewed  # not before the move it follows
    assert to_utc(done.entered_at) == move.at == to_utc(service.card(card.id).entered_at)
    _assert_in_time_order(service, board_id)
    clock.set(clock.current + timedelta(days=DEFAULT_DAYS + 30))  # it settles
    service.add_card(board_id, "recent", column="Review")
    _assert_same_summary(service, board_id, clock.current, standup=False)
    _assert_agree(service, board_id, clock.current)


def test_a_clock_behind_stamps_every_field_of_its_write_at_the_boards_latest_event(service, clock):
    board_id = service.board().id
    other = service.add_card(board_id, "first").card
    clock.set(clock.current + timedelta(hours=1))
    service.move_card(other.id, "Ready")
    latest = clock.current
    clock.set(clock.current - timedelta(hours=2))  # behind even the board's first event
    added = service.add_card(board_id, "added behind").card
    assert to_utc(added.created_at) == to_utc(added.entered_at) == latest
    blocked = service.block_card(added.id, "vendor")
    assert to_utc(blocked.blocked_at) == latest
    service.delete_card(added.id)
    with service.store.read() as uow:  # the stored row, deleted
        query = select(CARDS.c.deleted_at).where(CARDS.c.id == added.id)
        assert stored_utc(uow.connection.execute(query).scalar_one()) == latest
    assert [e.at for e in _events(service, board_id)][-3:] == [latest] * 3
    clock.set(latest + timedelta(minutes=5))  # the clock ahead again: its own time
    service.move_card(other.id, "In Progress")
    assert _events(service, board_id)[-1].at == clock.current
    _assert_in_time_order(service, board_id)
    _assert_agree(service, board_id, clock.current)


def test_an_undo_made_behind_the_change_it_undoes_is_stamped_after_it(service, clock):
    board_id = service.board().id
    card = service.add_card(board_id, "undone", column="In Progress").card
    entered = to_utc(card.entered_at)
    clock.set(clock.current + timedelta(days=2))
    service.move_card(card.id, "Review")
    moved = clock.current
    clock.set(clock.current - timedelta(minutes=10))
    service.undo()
    undo = _events(service, board_id)[-1]
    assert undo.details.get("undo") and undo.at == moved
    restored = service.card(card.id)
    assert restored.column_id == card.column_id
    assert to_utc(restored.entered_at) == entered  # the undo restores its stay, as before
    _assert_in_time_order(service, board_id)
    _assert_agree(service, board_id, moved)
    _assert_same_summary(service, board_id, moved + timedelta(hours=1), standup=True)


def test_a_move_behind_a_column_removal_is_not_read_as_into_the_removed_column(service, clock):
    """A card event before a removal names the removed column (SQLite gives its id again):
    a move written after the removal is stamped after it, so it names the new column."""
    board_id = service.board().id
    card = service.add_card(board_id, "c", column="Review").card
    clock.set(clock.current + timedelta(hours=1))
    service.add_column(board_id, "Test", ColumnKind.QUEUE, after="Review")
    service.move_card(card.id, "Test")
    clock.set(clock.current + timedelta(hours=1))
    service.move_card(card.id, "Review")
    service.remove_column(board_id, "Test")
    removed = clock.current
    service.add_column(board_id, "Verify", ColumnKind.ACTIVE, after="Review")
    clock.set(clock.current - timedelta(minutes=30))  # behind the removal
    service.move_card(card.id, "Verify")
    assert _events(service, board_id)[-1].at == removed
    _assert_in_time_order(service, board_id)
    _assert_agree(service, board_id, removed)
    history = service.history(board_id, removed, UTC)
    timeline = next(t for t in history.cards if t.card_id == card.id)
    assert timeline.stays[-1].column_id == service.column(board_id, "Verify").id


def test_an_import_of_moves_stamped_backwards_stamps_them_in_order(database, clock, tmp_path):
    """An export of a database written before writes were stamped in order: the import stamps
    each event no earlier than the one before it on its board, so the history puts the card
    where the board shows it."""
    service = KanbanService.open(database, clock=clock)
    try:
        board_id = service.board().id
        card = service.add_card(board_id, "skewed", column="In Progress").card
        clock.set(clock.current + timedelta(days=1))
        service.move_card(card.id, "Review")
        reviewed = clock.current
        service.move_card(card.id, "Done")
        done = service.column(board_id, "Done").id
        last = _events(service, board_id)[-1].id
        behind = reviewed - timedelta(minutes=3)  # as an older kanban stamped it
        typed_in = service.add_card(board_id, "typed in afterwards").card  # written last ...
        created = _events(service, board_id)[-1].id
        days_ago = reviewed - timedelta(days=3)  # ... at a time before the others: kept
        with service.store.engine.begin() as connection:
            connection.execute(update(_EVENTS).where(_EVENTS.c.id == last).values(at=behind))
            connection.execute(update(_EVENTS).where(_EVENTS.c.id == created).values(at=days_ago))
        data = json.loads(dumps(export_database(service)))
    finally:
        service.close()
    assert [e for e in data["events"] if e["id"] == last][0]["at"] == behind.isoformat()
    copy = KanbanService.open(tmp_path / "copy.db", clock=clock, ensure_default=False)
    try:
        import_database(copy, data)
        events = {e.id: e.at for e in _events(copy, board_id)}
        assert events[last] == reviewed and events[created] == days_ago
        assert all(  # the others as they were
            events[e["id"]] == datetime.fromisoformat(e["at"])
            for e in data["events"]
            if e["id"] != last
        )
        assert typed_in.id in {c.id for c in copy.snapshot(board_id).cards[typed_in.column_id]}
        later = reviewed + timedelta(days=DEFAULT_DAYS + 30)
        timeline = next(t for t in copy.history(board_id, later, UTC).cards if t.card_id == card.id)
        assert timeline.stays[-1].column_id == done == copy.card(card.id).column_id
        _assert_agree(copy, board_id, later)
        _assert_same_summary(copy, board_id, later, standup=False)
    finally:
        copy.close()
