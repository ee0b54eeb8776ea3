"""Reads answered from an index alone (schema 7), checked on the statements kanban really
sends: counting a column's live cards (a move checks its target's limit) and the aging rule's
starts and finishes (read at every start of the board and by `kanban ls`). Without them SQLite
read each card's row, or each card's log with its moves (0.035 s at 20,000 cards)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kanban.clock import local_tz, now
from kanban.services import KanbanService
from tests.storage.statements import sent_statements as _statements


def _plan(db_path: Path, statement: str, parameters: tuple) -> str:
    with sqlite3.connect(db_path) as con:
        rows = con.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
    return " ".join(row[-1] for row in rows)


def test_a_moves_count_of_its_target_reads_the_index_alone(db_path: Path) -> None:
    service = KanbanService.open(db_path)
    board = service.board(None)
    first, second = service.columns(board.id)[:2]
    card = service.add_card(board.id, "Ship it", column=first.id).card
    with _statements(service) as sent:
        service.move_card(card.id, second.id)
    service.close()
    counts = [(s, p) for s, p in sent if s.lstrip().upper().startswith("SELECT COUNT")]
    assert counts
    for statement, parameters in counts:
        assert "COVERING INDEX ix_cards_column_live" in _plan(db_path, statement, parameters)


def test_the_aging_rules_starts_are_read_from_the_index_alone(db_path: Path) -> None:
    service = KanbanService.open(db_path)
    board = service.board(None)
    first, second = service.columns(board.id)[:2]
    card = service.add_card(board.id, "Ship it", column=first.id).card
    service.move_card(card.id, second.id)
    with _statements(service) as sent:
        service.aging_rule(board, now(), local_tz())
    service.close()
    starts = [(s, p) for s, p in sent if "card_flows.started_at" in s and "moves" not in s]
    assert starts
    for statement, parameters in starts:
        assert "COVERING INDEX ix_card_flows_starts" in _plan(db_path, statement, parameters)
