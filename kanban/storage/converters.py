"""Rows to domain objects, in one place. Stored times come back as aware UTC datetimes."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Executable
from sqlalchemy.engine.processors import str_to_date, str_to_datetime

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
from kanban.storage.schema import CARDS, EVENTS


def to_board(row: Any) -> Board:
    return Board(
        id=row.id,
        name=row.name,
        strict=bool(row.strict),
        warn_days=row.warn_days,
        critical_days=row.critical_days,
        expedite_limit=row.expedite_limit,
        sle_days=row.sle_days,
        business_days=bool(row.business_days),
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
        version=row.version,
    )


# A card's fields as ``live_cards`` reads them (its board is the one asked for). The table's
# own columns, not the mapped class's attributes: a select of those is plain SQL (Core), which
# SQLAlchemy compiles in a fraction of the time it takes for an ORM statement.
_CARDS = CARDS.c
CARD_FIELDS = (
    _CARDS.id,
    _CARDS.column_id,
    _CARDS.position,
    _CARDS.title,
    _CARDS.type,
    _CARDS.created_at,
    _CARDS.entered_at,
    _CARDS.assignee,
    _CARDS.description,
    _CARDS.blocked_reason,
    _CARDS.blocked_at,
    _CARDS.class_of_service,
    _CARDS.due_date,
    _CARDS.version,
)


WORK_TYPES = {kind.value: kind for kind in WorkType}  # WorkType(text) is 4x slower
_CLASSES = {kind.value: kind for kind in ClassOfService}
_STORED_TIME = len("2026-01-31 12:00:00.000000")  # how SQLite's DATETIME stores every time


def driver_rows(connection: Connection, query: Executable) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as the driver returns them (plain tuples, values unconverted:
    SQLite's times are text): SQLAlchemy's rows and result processing cost as much as the
    driver's own fetch on 50,000 cards. The caller converts the values (as below)."""
    result = connection.execute(query)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


def stored_utc(value: str | datetime) -> datetime:
    """An aware UTC datetime from a time as the driver returns it: a datetime (PostgreSQL),
    or SQLite's text, which SQLAlchemy writes in UTC as ``YYYY-MM-DD HH:MM:SS.ffffff``.
    That text is parsed straight to an aware datetime (0.2 µs; SQLAlchemy's parse and then
    ``replace(tzinfo=...)`` cost 1.1 µs, a tenth of a second on 50,000 cards); any other
    text is left to SQLAlchemy's SQLite parser, as before."""
    if not isinstance(value, str):
        return to_utc(value)
    if len(value) == _STORED_TIME and value[10] == " ":
        try:
            return datetime.fromisoformat(value + "+00:00")
        except ValueError:
            pass
    parsed: datetime = str_to_datetime(value)
    return to_utc(parsed)


def stored_date(value: str | date) -> date:
    """A date as the driver returns it: a date (PostgreSQL) or SQLite's ``YYYY-MM-DD``."""
    if not isinstance(value, str):
        return value
    day: date = str_to_date(value)
    return day


def card_from_fields(board_id: int, row: tuple[Any, ...]) -> Card:
    """A card of ``board_id`` from the driver's row of ``select(*CARD_FIELDS)``, unpacked by
    position (a board may hold 50,000 cards: attribute access by name costs as much as the
    query)."""
    (
        id_,
        column_id,
        position,
        title,
        type_,
        created_at,
        entered_at,
        assignee,
        description,
        blocked_reason,
        blocked_at,
        class_of_service,
        due_date,
        version,
    ) = row
    return Card(
        id_,
        board_id,
        column_id,
        position,
        title,
        WORK_TYPES.get(type_) or WorkType(type_),
        stored_utc(created_at),
        stored_utc(entered_at),
        assignee,
        description or "",
        blocked_reason,
        stored_utc(blocked_at) if blocked_at is not None else None,
        _CLASSES.get(class_of_service) or ClassOfService(class_of_service),
        stored_date(due_date) if due_date is not None else None,
        version,
    )


_EVENTS = EVENTS.c
EVENT_FIELDS = (
    _EVENTS.id,
    _EVENTS.board_id,
    _EVENTS.card_id,
    _EVENTS.at,
    _EVENTS.kind,
    _EVENTS.from_column_id,
    _EVENTS.to_column_id,
    _EVENTS.details,
    _EVENTS.author,
)


_EVENT_KINDS = {kind.value: kind for kind in EventKind}  # EventKind(text) is 4x slower


def to_event(row: Any) -> Event:
    """An event from a row of ``select(*EVENT_FIELDS)``, as SQLAlchemy or the driver returns
    it (:func:`driver_rows`; unpacked by position: attribute access on 16,000 rows costs as
    much as the query); its details are parsed when read."""
    id_, board_id, card_id, at, kind, from_column_id, to_column_id, details, author = row
    return Event(
        id_,
        board_id,
        card_id,
        stored_utc(at),
        _EVENT_KINDS.get(kind) or EventKind(kind),
        from_column_id,
        to_column_id,
        LazyDetails(details) if details and details != "{}" else {},
        author,
    )


class LazyDetails(Mapping[str, Any]):
    """An event's details (a JSON object), read-only, parsed on first use.

    The metrics read tens of thousands of events and ask most of them for a key they do not
    have (``"undo"``); parsing every one cost half the time of reading the log. A JSON object's
    keys are written in quotes, so a key whose quoted form is nowhere in the text is absent:
    :meth:`get` answers that without parsing (when the text has no escapes, so the key cannot be
    spelled another way). Compares equal to a dict with the same items, like a dict does.
    """

    __slots__ = ("_raw", "_data")

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self._data: dict[str, Any] | None = None

    def _parsed(self) -> dict[str, Any]:
        if self._data is None:
            self._data = json.loads(self._raw)
        return self._data

    def get(self, key: str, default: Any = None) -> Any:
        if f'"{key}"' not in self._raw and "\\" not in self._raw:
            return default
        return self._parsed().get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._parsed()

    def __getitem__(self, key: str) -> Any:
        return self._parsed()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed())

    def __len__(self) -> int:
        return len(self._parsed())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyDetails) and other._raw == self._raw:
            return True
        if isinstance(other, Mapping):
            return self._parsed() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a dict

    def __repr__(self) -> str:
        return repr(self._parsed())
