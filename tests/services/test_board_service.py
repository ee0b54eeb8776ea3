"""The service: every change is one transaction with its event; undo restores the exact state."""

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from kanban.domain import parsing
from kanban.domain.models import ColumnKind, EventKind, WorkType
from kanban.errors import InvalidInput, NotFound, WipLimitRefused
from kanban.services import KanbanService, Undone
from tests.conftest import MutableClock


def _dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as con:
        return list(con.iterdump())


def test_each_change_writes_its_event(service: KanbanService, clock: MutableClock) -> None:
    board = service.board()
    card = service.add_card(board.id, "Patch the kumquat servers", type=WorkType.CHANGE).card
    clock.set(clock.current + timedelta(hours=1))
    service.move_card(card.id, "Ready")
    service.block_card(card.id, "waiting on vendor")
    service.unblock_card(card.id)
    service.edit_card(card.id, assignee="Brent")
    service.move_card(card.id, "Ready", 0)  # where it is already: no change, no event
    service.delete_card(card.id)
    events = service.events(board.id)
    assert [e.kind for e in events] == [
        EventKind.CREATE,
        EventKind.MOVE,
        EventKind.BLOCK,
        EventKind.UNBLOCK,
        EventKind.EDIT,
        EventKind.DELETE,
    ]
    move = events[1]
    assert (move.details["from"], move.details["to"]) == ("Backlog", "Ready")
    assert move.at == clock.current
    assert events[4].details["changes"] == {"assignee": [None, "Brent"]}


def test_moving_sets_days_in_column_from_the_move(service: KanbanService, clock) -> None:
    card = service.add_card(service.board().id, "t").card
    clock.set(clock.current + timedelta(days=3))
    moved = service.move_card(card.id, "In Progress").card
    assert moved.entered_at == clock.current
    assert moved.created_at == card.created_at


def test_a_soft_limit_lets_the_move_through_and_reports_the_breach(service) -> None:
    board = service.board()
    ids = [service.add_card(board.id, f"c{i}", column="Review").card.id for i in range(2)]
    extra = service.add_card(board.id, "one too many").card
    change = service.move_card(extra.id, "Review")
    assert str(change.breach) == "Review 3/2"
    assert change.card.column_id == service.column(board.id, "Review").id
    assert len(ids) == 2


def test_a_strict_board_refuses_and_changes_nothing(service, db_path: Path) -> None:
    board = service.board()
    for i in range(2):
        service.add_card(board.id, f"c{i}", column="Review")
    extra = service.add_card(board.id, "one too many").card
    service.set_strict(board.id, True)
    before = _dump(db_path)
    with pytest.raises(WipLimitRefused, match=r"Review is full \(2/2\)"):
        service.move_card(extra.id, "Review")
    with pytest.raises(WipLimitRefused):
        service.add_card(board.id, "new", column="Review")
    assert _dump(db_path) == before


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda s, b, c: s.add_card(b, "   "), InvalidInput),
        (lambda s, b, c: s.add_card(b, "t", type=parsing.work_type("urgent")), InvalidInput),
        (lambda s, b, c: s.add_card(b, "t", column="Nowhere"), NotFound),
        (lambda s, b, c: s.move_card(999, "Ready"), NotFound),
        (lambda s, b, c: s.move_card(c, "Nowhere"), NotFound),
        (lambda s, b, c: s.edit_card(c, title=""), InvalidInput),
        (lambda s, b, c: s.block_card(c, " "), InvalidInput),
        (lambda s, b, c: s.unblock_card(c), InvalidInput),
        (lambda s, b, c: s.set_column_limit(s.column(b, "Ready").id, -1), InvalidInput),
        (
            lambda s, b, c: s.set_column_limit(s.column(b, "Ready").id, parsing.limit("three")),
            InvalidInput,
        ),
        (lambda s, b, c: s.remove_column(b, "Backlog"), InvalidInput),
        (lambda s, b, c: s.add_column(b, "ready"), InvalidInput),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(service, db_path, call, error) -> None:
    board = service.board()
    card = service.add_card(board.id, "existing").card
    before = _dump(db_path)
    with pytest.raises(error):
        call(service, board.id, card.id)
    assert _dump(db_path) == before


def test_undo_restores_the_exact_earlier_state(service: KanbanService, clock) -> None:
    board = service.board()
    a = service.add_card(board.id, "a", column="Ready").card
    b = service.add_card(board.id, "b", column="Ready").card
    c = service.add_card(board.id, "c", column="Ready", assignee="Wes").card
    service.block_card(b.id, "needs approval")
    clock.set(clock.current + timedelta(days=2))
    start = service.snapshot(board.id)
    service._undo.clear()

    service.move_card(a.id, "In Progress")
    service.move_card(c.id, "Ready", 0)  # up one place: b's
    service.edit_card(c.id, title="c!", type=WorkType.UNPLANNED, assignee=None)
    service.unblock_card(b.id)
    service.block_card(c.id, "vendor")
    service.set_column_limit(service.column(board.id, "Ready").id, None)
    service.delete_card(b.id)
    service.add_card(board.id, "d", column="Ready")

    labels = []
    while service.can_undo:
        labels.append(service.undo())
    assert labels == [  # each with the card it touched, for the board to focus
        Undone("add #4", 4),
        Undone("delete #2", 2),
        Undone("limit of Ready"),
        Undone("block #3", 3),
        Undone("unblock #2", 2),
        Undone("edit #3", 3),
        Undone("move #3", 3),
        Undone("move #1", 1),
    ]
    assert service.snapshot(board.id) == start
    assert service.undo() is None


def test_adding_a_column_puts_it_before_done_unless_told(service: KanbanService) -> None:
    board = service.board()
    service.add_column(board.id, "Deploy", limit=2)
    service.add_column(board.id, "Triage", kind=ColumnKind.QUEUE, after="Backlog")
    names = [c.name for c in service.columns(board.id)]
    assert names == ["Backlog", "Triage", "Ready", "In Progress", "Review", "Deploy", "Done"]
    assert [c.position for c in service.columns(board.id)] == list(range(7))
