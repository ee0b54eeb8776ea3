"""A card's position orders its column, and may leave gaps: a move writes the card's row and
no other (the cards it leaves keep theirs), a card joins after the last one whatever the gaps.
At 50,000 cards, moving a backlog's top card had rewritten 15,000 rows. Schema 7 brings the
indexes that answer reads from themselves (tests/storage/test_index_reads.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from kanban.services import KanbanService
from kanban.storage.database import SCHEMA_VERSION


def _positions(service: KanbanService, column_id: int) -> list[tuple[str, int]]:
    board = service.board(None)
    return [(c.title, c.position) for c in service.snapshot(board.id).cards_in(column_id)]


def test_a_card_leaving_its_column_leaves_the_others_where_they_were(
    service: KanbanService,
) -> None:
    board = service.board(None)
    first, second = service.columns(board.id)[:2]
    top, *_ = (service.add_card(board.id, t, column=first.id).card for t in "abc")
    service.move_card(top.id, second.id)
    assert _positions(service, first.id) == [("b", 1), ("c", 2)]
    assert _positions(service, second.id) == [("a", 0)]


def test_a_card_joins_after_the_last_one_whatever_the_gaps(service: KanbanService) -> None:
    board = service.board(None)
    first, second = service.columns(board.id)[:2]
    a, b, c = (service.add_card(board.id, t, column=first.id).card for t in "abc")
    service.move_card(b.id, second.id)
    assert service.add_card(board.id, "d", column=first.id).card.position == 3
    service.move_card(b.id, first.id)
    assert _positions(service, first.id) == [("a", 0), ("c", 2), ("d", 3), ("b", 4)]


def test_a_card_put_at_a_taken_position_goes_before_its_holder(service: KanbanService) -> None:
    """Undoing a move puts the card back at its old position: free, it is taken as it is; held
    by another card since, that card and those after it step down by one."""
    board = service.board(None)
    first, second = service.columns(board.id)[:2]
    a, b = (service.add_card(board.id, t, column=first.id).card for t in "ab")
    service.move_card(a.id, second.id)
    service.undo()
    assert _positions(service, first.id) == [("a", 0), ("b", 1)]
    service.move_card(a.id, second.id)
    service.move_card(b.id, first.id, 0)  # b takes a's old place
    service.move_card(a.id, first.id, 0)
    assert _positions(service, first.id) == [("a", 0), ("b", 1)]


def test_a_v6_database_gets_the_new_indexes_with_its_cards_kept(db_path: Path) -> None:
    service = KanbanService.open(db_path)
    board = service.board(None)
    card = service.add_card(board.id, "Survives the upgrade").card
    service.close()
    with KanbanService.open(db_path).store.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_cards_column_live"))
        connection.execute(text("DROP INDEX ix_card_flows_starts"))
        connection.execute(
            text("CREATE INDEX ix_card_flows_board ON card_flows (board_id, finished_at)")
        )
        connection.execute(
            text("CREATE INDEX ix_cards_column_position ON cards (column_id, position)")
        )
        connection.execute(text("UPDATE kanban_meta SET value = '6' WHERE key = 'schema_version'"))
    service = KanbanService.open(db_path)
    try:
        assert service.card(card.id).title == "Survives the upgrade"
    finally:
        service.close()
    with sqlite3.connect(db_path) as con:
        version = con.execute("select value from kanban_meta where key='schema_version'")
        assert version.fetchone() == (str(SCHEMA_VERSION),)
        names = {n for (n,) in con.execute("select name from sqlite_master where type='index'")}
    assert "ix_cards_column_live" in names and "ix_cards_column_position" not in names
    assert "ix_card_flows_starts" in names and "ix_card_flows_board" not in names
