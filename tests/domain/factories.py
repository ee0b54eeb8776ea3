"""Small builders for domain objects in tests."""

from __future__ import annotations

from datetime import UTC, datetime

from kanban.domain.models import Board, BoardSnapshot, Card, Column, ColumnKind, WorkType

T0 = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def column(
    id: int, kind: ColumnKind = ColumnKind.ACTIVE, limit: int | None = None, name: str = ""
) -> Column:
    return Column(id, 1, name or f"C{id}", kind, id, wip_limit=limit)


def card(id: int, column_id: int, entered: datetime = T0, position: int = 0) -> Card:
    return Card(id, 1, column_id, position, f"card {id}", WorkType.BUSINESS, entered, entered)


def snapshot(columns: list[Column], cards: list[Card], board: Board | None = None) -> BoardSnapshot:
    by_column: dict[int, list[Card]] = {c.id: [] for c in columns}
    for c in cards:
        c.position = len(by_column[c.column_id])
        by_column[c.column_id].append(c)
    return BoardSnapshot(board or Board(1, "Test"), columns, by_column)
