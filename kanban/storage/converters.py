"""Rows to domain objects, in one place. Stored times come back as aware UTC datetimes."""

from __future__ import annotations

import json
from typing import Any

from kanban.clock import to_utc
from kanban.domain.models import (
    Board,
    Card,
    ClassOfService,
    Column,
    ColumnKind,
    Event,
    EventKind,
    WorkType,
)
from kanban.storage.tables import CardRow, EventRow


def to_board(row: Any) -> Board:
    return Board(
        id=row.id,
        name=row.name,
        strict=bool(row.strict),
        warn_days=row.warn_days,
        critical_days=row.critical_days,
        expedite_limit=row.expedite_limit,
        sle_days=row.sle_days,
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
        is_constraint=bool(row.is_constraint),
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
        class_of_service=ClassOfService(row.class_of_service),
        due_date=row.due_date,
    )


CARD_FIELDS = (
    CardRow.id, CardRow.board_id, CardRow.column_id, CardRow.position, CardRow.title,
    CardRow.type, CardRow.created_at, CardRow.entered_at, CardRow.assignee,
    CardRow.description, CardRow.blocked_reason, CardRow.blocked_at, CardRow.class_of_service,
    CardRow.due_date,
)


def card_from_fields(row: Any) -> Card:
    """A card from a row of ``select(*CARD_FIELDS)``, unpacked by position (a board may hold
    20,000 cards: attribute access by name costs as much as the query)."""
    (id_, board_id, column_id, position, title, type_, created_at, entered_at, assignee,
     description, blocked_reason, blocked_at, class_of_service, due_date) = row
    return Card(
        id_, board_id, column_id, position, title, WorkType(type_), to_utc(created_at),
        to_utc(entered_at), assignee, description or "", blocked_reason,
        to_utc(blocked_at) if blocked_at is not None else None,
        ClassOfService(class_of_service), due_date,
    )


EVENT_FIELDS = (
    EventRow.id, EventRow.board_id, EventRow.card_id, EventRow.at, EventRow.kind,
    EventRow.from_column_id, EventRow.to_column_id, EventRow.details,
)


def to_event(row: Any) -> Event:
    """An event from a row of ``select(*EVENT_FIELDS)`` (unpacked by position: attribute
    access on 16,000 rows costs as much as the query)."""
    id_, board_id, card_id, at, kind, from_column_id, to_column_id, details = row
    return Event(
        id=id_,
        board_id=board_id,
        card_id=card_id,
        at=to_utc(at),
        kind=EventKind(kind),
        from_column_id=from_column_id,
        to_column_id=to_column_id,
        details=json.loads(details) if details and details != "{}" else {},
    )
