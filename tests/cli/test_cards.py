"""Card commands change the database as they say, and say it in one line."""

from __future__ import annotations

from kanban.domain.models import EventKind, WorkType
from kanban.services import KanbanService


def _open(db) -> KanbanService:
    return KanbanService.open(db)


def _where(db, card_id: int) -> str:
    service = _open(db)
    try:
        card = service.card(card_id)
        return next(c.name for c in service.columns(card.board_id) if c.id == card.column_id)
    finally:
        service.close()


def test_add_prints_only_the_new_id(db, kanban):
    first = kanban("add", "Fix", "the", "printer", "--type", "unplanned", "--assignee", "Brent")
    second = kanban("add", "Write docs", "--column", "ready", "--description", "the README")
    assert (first.code, first.out, first.err) == (0, "1\n", "")
    assert second.out == "2\n"
    service = _open(db)
    card = service.card(1)
    assert (card.title, card.type, card.assignee) == (
        "Fix the printer",
        WorkType.UNPLANNED,
        "Brent",
    )
    assert service.card(2).description == "the README"
    service.close()
    assert _where(db, 1) == "Backlog" and _where(db, 2) == "Ready"


def test_add_over_a_soft_limit_succeeds_with_a_warning(db, kanban):
    for title in ("a", "b"):
        kanban("add", title, "--column", "Review")
    result = kanban("add", "c", "--column", "Review")
    assert result.code == 0
    assert result.out == "3\n"
    assert result.err == "kanban: warning: Review is over its WIP limit (3/2)\n"
    assert _where(db, 3) == "Review"


def test_move_writes_the_card_and_its_event(db, kanban):
    kanban("add", "Card")
    result = kanban("move", "#1", "in progress")
    assert (result.code, result.out, result.err) == (0, "#1 is in In Progress\n", "")
    service = _open(db)
    events = service.events(service.board().id)
    service.close()
    assert [e.kind for e in events] == [EventKind.CREATE, EventKind.MOVE]
    assert (events[1].details["from"], events[1].details["to"]) == ("Backlog", "In Progress")


def test_move_into_a_full_column_warns_and_a_strict_board_refuses(db, kanban):
    for title in ("a", "b", "c"):
        kanban("add", title, "--column", "Review" if title != "c" else "Ready")
    soft = kanban("move", "3", "Review")
    assert soft.code == 0 and soft.err == "kanban: warning: Review is over its WIP limit (3/2)\n"
    kanban("move", "3", "Ready")
    assert kanban("board", "strict", "Kanban", "on").code == 0
    strict = kanban("move", "3", "Review")
    assert strict.code == 2
    assert strict.err == ("kanban: error: Review is full (2/2) and the board is strict\n")
    assert _where(db, 3) == "Ready"


def test_block_and_unblock(db, kanban):
    kanban("add", "Card")
    assert kanban("block", "1", "waiting", "on", "legal").out == "#1 is blocked: waiting on legal\n"
    service = _open(db)
    assert service.card(1).blocked_reason == "waiting on legal"
    service.close()
    assert kanban("unblock", "1").out == "#1 is unblocked\n"
    service = _open(db)
    assert service.card(1).blocked_reason is None
    service.close()
    again = kanban("unblock", "1")
    assert (again.code, again.err) == (2, "kanban: error: #1 is not blocked\n")


def test_edit_changes_only_the_given_fields(db, kanban):
    kanban("add", "Old title", "--assignee", "Wes", "--type", "change")
    assert kanban("edit", "1", "--title", "New title").out == "#1 New title\n"
    service = _open(db)
    card = service.card(1)
    assert (card.title, card.assignee, card.type) == ("New title", "Wes", WorkType.CHANGE)
    service.close()
    kanban("edit", "1", "--assignee", "", "--type", "internal")
    service = _open(db)
    card = service.card(1)
    assert (card.title, card.assignee, card.type) == ("New title", None, WorkType.INTERNAL)
    service.close()


def test_delete(db, kanban):
    kanban("add", "Doomed")
    kanban("add", "Kept")
    assert kanban("delete", "1").out == "deleted #1 Doomed\n"
    service = _open(db)
    cards = service.snapshot(service.board().id).all_cards()
    service.close()
    assert [c.id for c in cards] == [2]


def test_board_option_before_or_after_the_command(db, kanban):
    kanban("board", "create", "Ops")
    assert kanban("--board", "Ops", "add", "One").out == "1\n"
    assert kanban("add", "Two", "--board", "ops").out == "2\n"
    assert kanban("add", "Three").out == "3\n"
    service = _open(db)
    ops, main = service.board("Ops"), service.board("Kanban")
    assert [c.board_id for c in (service.card(1), service.card(2), service.card(3))] == [
        ops.id,
        ops.id,
        main.id,
    ]
    service.close()
    wrong = kanban("move", "1", "Done", "--board", "Kanban")
    assert (wrong.code, wrong.err) == (2, "kanban: error: no card #1 on board 'Kanban'\n")
