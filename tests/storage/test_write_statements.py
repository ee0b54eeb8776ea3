"""What a move asks of the database, on SQLite and PostgreSQL: each thing it checks or keeps
is read once, so a board on a server pays as few round trips as the change needs (a move was
19 statements on PostgreSQL, among them the card read twice, the board locked twice and the
columns read three times; now 11)."""

from __future__ import annotations

import re

from kanban.domain.models import ColumnKind
from kanban.services import KanbanService
from tests.storage.statements import sent_statements


def _from(sent: list[tuple[str, tuple]], table: str, verb: str = "SELECT") -> list[str]:
    """The statements that start with ``verb`` on ``table``: the first table they name after
    FROM (or INTO, or UPDATE)."""
    found = []
    for statement, _parameters in sent:
        text = " ".join(statement.split())
        first = re.search(r"\b(?:FROM|INTO|UPDATE) (\w+)", text, re.IGNORECASE)
        if text.upper().startswith(verb) and first is not None and first[1] == table:
            found.append(text)
    return found


def _move(service: KanbanService, into: ColumnKind) -> tuple[list[tuple[str, tuple]], bool]:
    """A card moved from the first column into the first column of kind ``into``: the
    statements the move sent, and whether the database is PostgreSQL."""
    board = service.board(None)
    columns = service.columns(board.id)
    target = next(c for c in columns[1:] if c.kind is into)
    card = service.add_card(board.id, "Ship it", column=columns[0].id).card
    with sent_statements(service) as sent:
        moved = service.move_card(card.id, target.id, expected_version=card.version).card
    assert moved.column_id == target.id and moved.position == 0
    assert service.card(card.id).column_id == target.id
    return sent, service.store.engine.dialect.name == "postgresql"


def test_a_move_reads_the_card_the_columns_and_the_targets_fill_once(service) -> None:
    sent, postgresql = _move(service, ColumnKind.QUEUE)  # Ready: a limit to check
    assert len(_from(sent, "board_columns")) == 1  # the target, the source and the card logs'
    cards = _from(sent, "cards")
    assert len(cards) == 2, cards  # the card; the target's count and end, one index scan
    assert "count(" in cards[1] and "max(cards.position)" in cards[1]
    locks = [s for s in _from(sent, "boards") if "FOR UPDATE" in s]
    assert len(locks) == (1 if postgresql else 0)  # SQLite's writers take turns at BEGIN
    assert not _from(sent, "card_flows", "DELETE")  # the card's log written over its row
    assert len(_from(sent, "card_flows", "INSERT")) == 1
    statements = [s for s, _ in sent if not s.startswith("BEGIN")]
    assert len(statements) == (11 if postgresql else 9), statements


def test_a_card_entering_a_column_without_a_limit_counts_no_card(service) -> None:
    sent, _postgresql = _move(service, ColumnKind.DONE)
    assert not [s for s in _from(sent, "cards") if "count(" in s]
    board = service.board(None)
    backlog = service.columns(board.id)[0]
    service.add_card(board.id, "First", column=backlog.id)
    with sent_statements(service) as sent:
        added = service.add_card(board.id, "Next", column=backlog.id).card
    assert not [s for s in _from(sent, "cards") if "count(" in s]
    assert added.position == 1


def test_a_card_entering_a_column_with_a_limit_reads_its_count_and_end_at_once(service) -> None:
    board = service.board(None)
    ready = next(c for c in service.columns(board.id) if c.kind is ColumnKind.QUEUE)
    service.add_card(board.id, "First", column=ready.id)
    with sent_statements(service) as sent:
        added = service.add_card(board.id, "Second", column=ready.id).card
    cards = [s for s in _from(sent, "cards") if "cards.position" in s]
    assert len(cards) == 1 and "count(" in cards[0], cards
    assert added.position == 1


def test_a_transaction_reads_the_columns_once_until_it_changes_one(service) -> None:
    board = service.board(None)
    with sent_statements(service) as sent, service.store.write() as uow:
        first = uow.columns(board.id)
        assert uow.columns(board.id) == first
        assert uow.column_of(board.id, first[1].id) == first[1]
        assert uow.known_columns == {board.id: first}
        read = len(_from(sent, "board_columns"))
        uow.column_row(first[1].id).name = "Queued"  # a row handed out: read afresh from now on
        assert uow.known_columns == {}
        assert [c.name for c in uow.columns(board.id)][1] == "Queued"
        assert uow.column_of(board.id, first[1].id).name == "Queued"
    assert read == 1
    assert service.columns(board.id)[1].name == "Queued"
