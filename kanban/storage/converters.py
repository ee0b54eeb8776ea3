"""Rows to domain objects, in one place. Stored times come back as aware UTC datetimes."""

from __future__ import annotations

import json
from typing import Any

from kanban.clock import to_utc
from kanban.domain.models import (
    Board,
    Card,
    Column,
    ColumnKind,
    Event,
    EventKind,
    WorkType,
)


def to_board(row: Any) -> Board:
    return Board(
        id=row.id,
        name=row.name,
        strict=bool(row.strict),
        warn_days=row.warn_days,
        critical_days=row.critical_days,
    )


def to_column(row: Any) -> Column:
    return Column(
        id=row.id,
        board_id=row.board_id,
        name=row.name,
        kind=ColumnKind(row.kind),
        position=row.position,
        wip_limit=row.wip_limit,
        wip_min=row.wip_min,
    )


def to_card(row: Any) -> Card:
    return Card(
        id=row.id,
        board_id=row.board_id,
        column_id=row.column_id,
        position=row.position,
        title=row.title,
        type=WorkType(row.type),
        created_at=to_utc(row.created_at),
        entered_at=to_utc(row.entered_at),
        assignee=row.assignee,
        description=row.description or "",
        blocked_reason=row.blocked_reason,
        blocked_at=to_utc(row.blocked_at) if row.blocked_at is not None else None,
    )


def to_event(row: Any) -> Event:
    return Event(
        id=row.id,
        board_id=row.board_id,
        card_id=row.card_id,
        at=to_utc(row.at),
        kind=EventKind(row.kind),
        from_column_id=row.from_column_id,
        to_column_id=row.to_column_id,
        details=json.loads(row.details or "{}"),
    )
