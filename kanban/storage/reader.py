"""The reads: one read transaction's queries, SQLAlchemy Core over the schema's tables
(:mod:`kanban.storage.schema`), their rows turned into domain objects by
:mod:`kanban.storage.converters`. A command that only reads imports nothing of the ORM,
SQLModel or pydantic; a write transaction (:class:`kanban.storage.unit_of_work.UnitOfWork`)
reads through the same methods.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, CursorResult, Executable, Row, func, select

from kanban.clock import to_utc
from kanban.domain.metrics.history import Stay
from kanban.domain.models import Board, Card, ClassOfService, Column, Event, EventKind, Person
from kanban.errors import NotFound
from kanban.storage import flows
from kanban.storage.converters import (
    CARD_FIELDS,
    EVENT_FIELDS,
    card_from_fields,
    driver_rows,
    to_board,
    to_card,
    to_column,
    to_event,
)
from kanban.storage.schema import BOARDS, CARDS, COLUMNS, EVENTS, PEOPLE

_BOARDS, _COLUMNS, _CARDS, _PEOPLE, _EVENTS = BOARDS, COLUMNS, CARDS.c, PEOPLE, EVENTS.c


class Reader:
    """One transaction's reads, on ``connection``."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    @property
    def connection(self) -> Connection:
        """The transaction's connection."""
        return self._connection

    def _read(self, query: Executable) -> CursorResult[Any]:
        """Run a Core select in this transaction."""
        return self.connection.execute(query)

    def card(self, card_id: int) -> Card:
        """A live card."""
        row = self._read(
            select(CARDS).where(_CARDS.id == card_id, _CARDS.deleted_at.is_(None))
        ).one_or_none()
        if row is None:
            raise NotFound(f"no card #{card_id}")
        return to_card(row)

    def change_token(self, board_id: int) -> tuple[int, ...]:
        """The board's last event id, its column count and their ids and positions summed:
        what :meth:`Store.change_token` reads where there is no cheaper counter."""
        last = self.last_event_id(board_id)
        columns = _COLUMNS.c
        totals: Any = self._read(
            select(
                func.count(),
                func.coalesce(func.sum(columns.id), 0),
                func.coalesce(func.sum(columns.position * columns.id), 0),
            ).where(columns.board_id == board_id)
        ).one()
        return (last, *totals)

    def boards(self) -> list[Board]:
        return [to_board(r) for r in self._read(select(_BOARDS).order_by(_BOARDS.c.id))]

    def board_names(self) -> list[str]:
        return list(self._read(select(_BOARDS.c.name)).scalars())

    def board_fields(self, board_id: int) -> Row[Any]:
        """The board's row as read (its fields by name, as on :class:`BoardRow`)."""
        row = self._read(select(_BOARDS).where(_BOARDS.c.id == board_id)).one_or_none()
        if row is None:
            raise NotFound(f"no board with id {board_id}")
        return row

    def columns(self, board_id: int) -> list[Column]:
        query = select(_COLUMNS).where(_COLUMNS.c.board_id == board_id)
        return [to_column(r) for r in self._read(query.order_by(_COLUMNS.c.position))]

    def find_column(self, board_id: int, name: str) -> Column | None:
        wanted = " ".join(name.split()).casefold()
        return next((c for c in self.columns(board_id) if c.name.casefold() == wanted), None)

    def column_named(self, board_id: int, name: str) -> Column:
        column = self.find_column(board_id, name)
        if column is None:
            names = ", ".join(c.name for c in self.columns(board_id))
            raise NotFound(f"no column named {name!r} (columns: {names})")
        return column

    def pinned(self, board_id: int) -> Column | None:
        return next((c for c in self.columns(board_id) if c.is_constraint), None)

    def live_cards(
        self, board_id: int, columns: Iterable[Column], read: Iterable[int] | None = None
    ) -> dict[int, list[Card]]:
        """Column id -> its live cards, top to bottom; with ``read``, only those columns'
        cards are read (the others' lists are left empty)."""
        where = () if read is None else (_CARDS.column_id.in_(list(read)),)
        return self._live_cards_where(board_id, [c.id for c in columns], *where)

    def live_cards_by_id(self, board_id: int, card_ids: list[int]) -> list[Card]:
        """The board's live cards among ``card_ids`` (a deleted or unknown id is left out)."""
        query = select(*CARD_FIELDS).where(
            _CARDS.board_id == board_id, _CARDS.deleted_at.is_(None), _CARDS.id.in_(card_ids)
        )
        return [card_from_fields(board_id, row) for row in driver_rows(self.connection, query)]

    def notable_cards(
        self, board_id: int, columns: Iterable[int], since: datetime | None
    ) -> dict[int, list[Card]]:
        """Column id -> the live cards of ``columns`` that a summary may name though it shows
        only the column's count: the blocked, the expedite, those with a due date and (with
        ``since``) those with an event from ``since`` on; top to bottom."""
        columns = list(columns)
        notable = (
            _CARDS.blocked_at.is_not(None)
            | (_CARDS.class_of_service == ClassOfService.EXPEDITE.value)
            | _CARDS.due_date.is_not(None)
        )
        if since is not None:
            touched = select(_EVENTS.card_id).where(
                _EVENTS.board_id == board_id, _EVENTS.at >= to_utc(since)
            )
            notable = notable | _CARDS.id.in_(touched)
        return self._live_cards_where(board_id, columns, _CARDS.column_id.in_(columns), notable)

    def _live_cards_where(
        self, board_id: int, columns: list[int], *where: ColumnElement[bool]
    ) -> dict[int, list[Card]]:
        """Column id (each of ``columns``) -> its live cards that meet ``where``, top to
        bottom."""
        found: dict[int, list[Card]] = {c: [] for c in columns}
        query = (
            select(*CARD_FIELDS)
            .where(_CARDS.board_id == board_id, _CARDS.deleted_at.is_(None), *where)
            .order_by(_CARDS.column_id, _CARDS.position)
        )
        for row in driver_rows(self.connection, query):
            card = card_from_fields(board_id, row)
            found[card.column_id].append(card)
        return found

    def live_counts(self, board_id: int, columns: Iterable[int]) -> dict[int, int]:
        """Column id -> its live cards, for ``columns``."""
        columns = list(columns)
        query = (
            select(_CARDS.column_id, func.count())
            .where(
                _CARDS.board_id == board_id,
                _CARDS.deleted_at.is_(None),
                _CARDS.column_id.in_(columns),
            )
            .group_by(_CARDS.column_id)
        )
        counts = dict.fromkeys(columns, 0)
        counts.update(driver_rows(self.connection, query))
        return counts

    def live_titles(self, board_id: int) -> dict[int, str]:
        """Live card id -> its title."""
        query = select(_CARDS.id, _CARDS.title).where(
            _CARDS.board_id == board_id, _CARDS.deleted_at.is_(None)
        )
        return dict(driver_rows(self.connection, query))

    def count(self, column_id: int) -> int:
        """The column's live cards."""
        count: int = self._read(
            select(func.count()).where(_CARDS.column_id == column_id, _CARDS.deleted_at.is_(None))
        ).scalar_one()
        return count

    def assignees(self, board_id: int) -> list[str]:
        """The assignees of the board's live cards, oldest card first (repeats kept)."""
        return list(
            self._read(
                select(_CARDS.assignee)
                .where(
                    _CARDS.board_id == board_id,
                    _CARDS.deleted_at.is_(None),
                    _CARDS.assignee.is_not(None),
                )
                .order_by(_CARDS.id)
            ).scalars()
        )

    def people(self, board_id: int) -> list[Person]:
        rows = self._read(select(_PEOPLE).where(_PEOPLE.c.board_id == board_id))
        people = [Person(board_id, r.name, r.wip_limit) for r in rows]
        return sorted(people, key=lambda p: p.name.casefold())

    def events(
        self,
        board_id: int,
        since: datetime | None = None,
        kinds: Iterable[EventKind] | None = None,
    ) -> list[Event]:
        """The board's history, oldest first (optionally only from ``since``, only of
        ``kinds``)."""
        query = select(*EVENT_FIELDS).where(_EVENTS.board_id == board_id)
        if since is not None:
            query = query.where(_EVENTS.at >= to_utc(since))
        if kinds is not None:
            query = query.where(_EVENTS.kind.in_([kind.value for kind in kinds]))
        query = query.order_by(_EVENTS.at, _EVENTS.id)
        return [to_event(r) for r in driver_rows(self.connection, query)]

    def events_of_cards_touched(
        self, board_id: int, since: datetime, keep: Iterable[int]
    ) -> list[Event]:
        """The board's history, oldest first, left to the events without a card and every
        event of the cards that have one from ``since`` on or are live in a column of
        ``keep``: whatever the other cards did is over before ``since``."""
        touched = select(_EVENTS.card_id).where(
            _EVENTS.board_id == board_id, _EVENTS.at >= to_utc(since)
        )
        kept = select(_CARDS.id).where(
            _CARDS.board_id == board_id,
            _CARDS.deleted_at.is_(None),
            _CARDS.column_id.in_(list(keep)),
        )
        query = (
            select(*EVENT_FIELDS)
            .where(
                _EVENTS.board_id == board_id,
                _EVENTS.card_id.is_(None)
                | _EVENTS.card_id.in_(touched)
                | _EVENTS.card_id.in_(kept),
            )
            .order_by(_EVENTS.at, _EVENTS.id)
        )
        return [to_event(r) for r in driver_rows(self.connection, query)]

    def stored_logs(
        self,
        board_id: int,
        columns: list[Column],
        now: datetime,
        settled: datetime | None = None,
        started_only: bool = False,
    ) -> flows.Stored | None:
        """Each live card's log as stored (``card_flows``), if it is the board's history as of
        ``now`` (None: read the events); with ``settled``, without the cards settled before
        it, with ``started_only`` without the cards never started
        (:func:`kanban.storage.flows.load`)."""
        connection = self.connection
        return flows.load(connection, board_id, columns, to_utc(now), settled, started_only)

    def settled_stays(self, board_id: int, cut: datetime) -> tuple[Stay, ...]:
        """The open stays of the cards :meth:`stored_logs` leaves out as settled before ``cut``
        (:func:`kanban.storage.flows.settled_stays`)."""
        return flows.settled_stays(self.connection, board_id, cut)

    def stored_starts(
        self, board_id: int, columns: list[Column], now: datetime, since: datetime
    ) -> list[tuple[int, datetime, datetime | None]] | None:
        """(card, started, finished) of the live started cards not finished or finished from
        ``since`` on, as stored; None: read the events."""
        return flows.starts(self.connection, board_id, columns, to_utc(now), since)

    def events_after(self, board_id: int, after_id: int, limit: int) -> list[Event]:
        """The board's events written after the event ``after_id``, in the order they were
        written (by id), at most ``limit``."""
        query = (
            select(*EVENT_FIELDS)
            .where(_EVENTS.board_id == board_id, _EVENTS.id > after_id)
            .order_by(_EVENTS.id)
            .limit(limit)
        )
        return [to_event(r) for r in driver_rows(self.connection, query)]

    def last_event_id(self, board_id: int) -> int:
        """The id of the board's newest event (0: none yet)."""
        last = self._read(
            select(func.max(_EVENTS.id)).where(_EVENTS.board_id == board_id)
        ).scalar_one()
        return int(last or 0)

    def latest_events(
        self, board_id: int, card_id: int | None = None, limit: int | None = None
    ) -> list[Event]:
        """The board's (or one card's) history, newest first, at most ``limit`` events."""
        if card_id is not None:
            query = select(*EVENT_FIELDS).where(_EVENTS.card_id == card_id)
        else:
            query = select(*EVENT_FIELDS).where(_EVENTS.board_id == board_id)
        query = query.order_by(_EVENTS.at.desc(), _EVENTS.id.desc()).limit(limit)
        return [to_event(r) for r in driver_rows(self.connection, query)]
