"""``kanban board business-days NAME on|off``: one line, an event, shown by ``board list``;
a bad value exits 2 and changes nothing."""

from __future__ import annotations

from kanban.domain.models import EventKind
from kanban.services import KanbanService


def _board(db):
    service = KanbanService.open(db)
    try:
        board = service.board()
        return board, service.events(board.id)
    finally:
        service.close()


def test_business_days_are_switched_on_and_off(db, kanban):
    result = kanban("board", "business-days", "kanban", "on")
    assert (result.code, result.err) == (0, "")
    assert result.out == "Kanban: days count as business days (Monday-Friday) in every metric\n"
    board, events = _board(db)
    assert board.business_days is True
    assert (events[-1].kind, events[-1].details["changes"]) == (
        EventKind.SETTING, {"business_days": [False, True]},
    )
    assert kanban("board", "list").out == (
        "Kanban · business days · SLE 85th percentile · expedite limit 1 · aging 3/7 days\n"
    )
    assert kanban("board", "business-days", "Kanban", "off").out == (
        "Kanban: days count as calendar days in every metric\n"
    )
    assert _board(db)[0].business_days is False
    assert "business days" not in kanban("board", "list").out


def test_a_bad_value_exits_2_and_changes_nothing(db, kanban):
    kanban("board", "list")  # creates the database
    before = _board(db)
    result = kanban("board", "business-days", "Kanban", "weekdays")
    assert result.code == 2 and result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert _board(db) == before


def test_an_unknown_board_exits_2(db, kanban):
    result = kanban("board", "business-days", "Nope", "on")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1

