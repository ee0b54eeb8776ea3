"""All the SQL the services run: a :class:`Store` opens transactions, each a
:class:`UnitOfWork` that finds rows, keeps card positions dense, and appends events.

Rows come back as table rows (the services change their fields, and the change is written at
commit) or, through :mod:`kanban.storage.converters`, as domain objects.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    CursorResult,
    Engine,
    Executable,
    Row,
    func,
    select,
    update,
)
from sqlmodel import Session, col

from kanban.clock import to_utc
from kanban.domain.default_board import ColumnSpec
from kanban.domain.metrics.history import Stay
from kanban.domain.models import (
    Board,
    Card,
    ClassOfService,
    Column,
    ColumnKind,
    Event,
    EventKind,
    Person,
)
from kanban.errors import InvalidInput, NotFound
from kanban.storage import flows, notices
from kanban.storage.converters import (
    CARD_FIELDS,
    EVENT_FIELDS,
    card_from_fields,
    driver_rows,
    stored_utc,
    to_board,
    to_column,
    to_event,
)
from kanban.storage.database import hold_setup_lock
from kanban.storage.tables import BoardRow, CardRow, ColumnRow, EventRow, PersonRow, table_of

# The tables the reads select from: plain SQL (Core) statements over a table's own columns
# compile in a fraction of the time an ORM statement over the mapped classes takes, and a
# process that only reads never configures the ORM's mappers.
_BOARDS = table_of(BoardRow)
_COLUMNS = table_of(ColumnRow)
_CARDS = table_of(CardRow).c
_PEOPLE = table_of(PersonRow)
_EVENTS = table_of(EventRow).c
_LATEST_EVENT = f"SELECT max(at) FROM {EventRow.__tablename__} WHERE board_id = {{}}"


class Store:
    """The database behind a service: read and write transactions, and the clock and author
    that stamp what they write."""

    def __init__(
        self, engine: Engine, now: Callable[[], datetime], author: str | None = None
    ) -> None:
        self.engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self.now = now
        self.author = author
        self._watcher: Connection | None = None  # kept open for change_token (SQLite)
        self._sender = uuid.uuid4().hex[:12] if notices.notifies(engine) else None
        self._listener = notices.ChangeListener(engine, self._sender) if self._sender else None
        self.written: set[int] = set()  # the ids of the events written through this store

    def change_token(self, board_id: int) -> tuple[int, ...]:
        """A value that differs whenever the board may have changed, cheap enough to ask
        every second.

        SQLite: ``PRAGMA data_version`` on a connection kept for it alone, which changes with
        every commit made on any other connection (this process's other connections too), in
        a few microseconds. PostgreSQL: the notices counted by a connection listening for them
        (:mod:`kanban.storage.notices`), without a round trip. Other databases, and PostgreSQL
        while it cannot listen: the board's last event id and its columns."""
        if self.engine.dialect.name == "sqlite":
            if self._watcher is None:
                self._watcher = self.engine.connect()
            try:
                version = self._watcher.exec_driver_sql("PRAGMA data_version").scalar_one()
            finally:
                self._watcher.rollback()  # no read transaction left open between polls
            return (int(version),)
        if self._listener is not None:
            token = self._listener.token()
            if token is not None:
                return token
        with self.read() as uow:
            return uow.change_token(board_id)

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A write transaction. SQLite takes the write lock at BEGIN (IMMEDIATE), so a second
        process waits its turn (busy timeout) instead of failing half-way through. PostgreSQL
        sends a change notice in it, delivered to the listeners if it commits."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            uow = UnitOfWork(session, self.now, self.author, writing=True)
            yield uow
            if uow.events_written:
                session.flush()
                flows.keep(session.connection(), uow.events_written)
            if self._sender is not None:
                notices.announce(session.connection(), self._sender)
        self.written.update(row.id for row in uow.events_written if row.id is not None)
        if self._listener is not None:
            self._listener.committed()

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield UnitOfWork(session, self.now)

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._listener is not None:
            self._listener.close()
        self.engine.dispose()


class UnitOfWork:
    """One transaction's reads and writes.

    In a write transaction, reading a card locks its board first (:meth:`lock_board`), so
    what a command checks (the card's version, a column's count) is still true when it writes.
    """

    def __init__(
        self,
        session: Session,
        now: Callable[[], datetime],
        author: str | None = None,
        writing: bool = False,
    ) -> None:
        self.session = session
        self.now = now
        self.author = author
        self.events_written: list[EventRow] = []  # their ids known once committed
        self._writing = writing
        # SQLite takes its one write lock at BEGIN (IMMEDIATE): a writer needs no row locks
        self._locks = writing and session.get_bind().dialect.name != "sqlite"
        self._locked: set[int] = set()  # the boards locked so far
        self._moments: dict[int, datetime] = {}  # board -> the time this transaction stamps

    def _read(self, query: Executable) -> CursorResult[Any]:
        """Run a Core select in this transaction. A write transaction first flushes the rows it
        changed: the ORM does that itself before an ORM query, never before a Core one."""
        if self._writing:
            self.session.flush()
        return self.session.connection().execute(query)

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

    # ------------------------------------------------------------------ boards

    def boards(self) -> list[Board]:
        return [to_board(r) for r in self._read(select(_BOARDS).order_by(_BOARDS.c.id))]

    def board_names(self) -> list[str]:
        return list(self._read(select(_BOARDS.c.name)).scalars())

    def lock_board(self, board_id: int) -> None:
        """Make the other writers of the board wait until this transaction ends
        (``SELECT ... FOR UPDATE`` on its row; nothing on SQLite, whose writers already take
        turns). Every change to a card takes it before reading what it checks: two people taking
        the last slot of a column then take turns, and the second counts the first's card.

        The board, not the column: a move also renumbers the cards below it in its old column,
        so a column lock taken after a card lock could deadlock two moves out of one column."""
        if self._locks and board_id not in self._locked:
            self._read(select(_BOARDS.c.id).where(_BOARDS.c.id == board_id).with_for_update())
            self._locked.add(board_id)

    def board_row(self, board_id: int) -> BoardRow:
        """The board's row, to change it (for a read, :meth:`board_fields`)."""
        row = self.session.get(BoardRow, board_id)
        if row is None:
            raise NotFound(f"no board with id {board_id}")
        return row

    def board_fields(self, board_id: int) -> Row[Any]:
        """The board's row as read (its fields by name, as on :class:`BoardRow`)."""
        row = self._read(select(_BOARDS).where(_BOARDS.c.id == board_id)).one_or_none()
        if row is None:
            raise NotFound(f"no board with id {board_id}")
        return row

    def hold_setup_lock(self) -> None:
        """Wait for the lock under which a new database gets its first board (see
        :func:`kanban.storage.database.hold_setup_lock`), before looking for one."""
        hold_setup_lock(self.session.connection())

    def insert_board(self, name: str, columns: Iterable[ColumnSpec]) -> Board:
        row = BoardRow(name=name, created_at=self.now())
        self.session.add(row)
        self.session.flush()
        board = to_board(row)  # with the id the flush gave it
        for position, (col_name, kind, limit) in enumerate(columns):
            self.session.add(
                ColumnRow(
                    board_id=board.id,
                    name=col_name,
                    kind=kind.value,
                    position=position,
                    wip_limit=limit,
                )
            )
        return board

    # ------------------------------------------------------------------ columns

    def column_row(self, column_id: int) -> ColumnRow:
        row = self.session.get(ColumnRow, column_id)
        if row is None:
            raise NotFound(f"no column with id {column_id}")
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

    def target_column(self, board_id: int, column: str | int | None) -> Column:
        """A column of the board by name or id; None: the first."""
        if column is None:
            columns = self.columns(board_id)
            if not columns:
                raise InvalidInput("the board has no columns")
            return columns[0]
        if isinstance(column, int):
            found = to_column(self.column_row(column))
            if found.board_id != board_id:
                raise NotFound(f"no column with id {column} on this board")
            return found
        return self.column_named(board_id, column)

    def insert_column(
        self, board_id: int, name: str, kind: ColumnKind, position: int, limit: int | None
    ) -> Column:
        """A new column at ``position``; the columns from there on move one place right."""
        self._shift_columns(board_id, position, 1)
        row = ColumnRow(
            board_id=board_id, name=name, kind=kind.value, position=position, wip_limit=limit
        )
        self.session.add(row)
        self.session.flush()
        return to_column(row)

    def delete_column(self, column: Column) -> None:
        """Delete the column; those right of it move one place left."""
        self.session.delete(self.column_row(column.id))
        self._shift_columns(column.board_id, column.position + 1, -1)

    def _shift_columns(self, board_id: int, start: int, step: int) -> None:
        self.session.execute(
            update(ColumnRow)
            .where(col(ColumnRow.board_id) == board_id, col(ColumnRow.position) >= start)
            .values(position=col(ColumnRow.position) + step)
            .execution_options(synchronize_session=False)
        )

    def pinned(self, board_id: int) -> Column | None:
        return next((c for c in self.columns(board_id) if c.is_constraint), None)

    def pin(self, board_id: int, column_id: int | None) -> None:
        """Make ``column_id`` the board's one constraint (None: no column)."""
        self.session.execute(
            update(ColumnRow)
            .where(col(ColumnRow.board_id) == board_id)
            .values(is_constraint=col(ColumnRow.id) == (column_id or -1))
            .execution_options(synchronize_session=False)
        )

    # ------------------------------------------------------------------ cards

    def card_row(self, card_id: int) -> CardRow:
        """A live card's row."""
        row = self.deleted_card_row(card_id)
        if row.deleted_at is not None:
            raise NotFound(f"no card #{card_id}")
        return row

    def deleted_card_row(self, card_id: int) -> CardRow:
        """A card's row, deleted or not; in a write transaction, read with its board locked
        (and the row itself: ``FOR UPDATE``), so it is the row as it is now."""
        row = self.session.get(CardRow, card_id)
        if row is None:
            raise NotFound(f"no card #{card_id}")
        if self._locks and row.board_id not in self._locked:
            self.lock_board(row.board_id)
            self.session.refresh(row, with_for_update=True)  # what committed before the lock
        return row

    def live_cards(
        self, board_id: int, columns: Iterable[Column], read: Iterable[int] | None = None
    ) -> dict[int, list[Card]]:
        """Column id -> its live cards, top to bottom; with ``read``, only those columns'
        cards are read (the others' lists are left empty)."""
        where = () if read is None else (_CARDS.column_id.in_(list(read)),)
        return self._live_cards_where(board_id, [c.id for c in columns], *where)

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
        for row in driver_rows(self.session.connection(), query):
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
        counts.update(driver_rows(self.session.connection(), query))
        return counts

    def live_titles(self, board_id: int) -> dict[int, str]:
        """Live card id -> its title."""
        query = select(_CARDS.id, _CARDS.title).where(
            _CARDS.board_id == board_id, _CARDS.deleted_at.is_(None)
        )
        return dict(driver_rows(self.session.connection(), query))

    def insert_card(self, **fields: Any) -> CardRow:
        row = CardRow(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def count(self, column_id: int) -> int:
        """The column's live cards."""
        count: int = self._read(
            select(func.count()).where(_CARDS.column_id == column_id, _CARDS.deleted_at.is_(None))
        ).scalar_one()
        return count

    def place(self, row: CardRow, column_id: int, position: int | None) -> None:
        self.detach(row)
        self.attach(row, column_id, position)

    def detach(self, row: CardRow) -> None:
        """Close the gap ``row`` leaves in its column."""
        self.session.execute(
            update(CardRow)
            .where(
                col(CardRow.column_id) == row.column_id,
                col(CardRow.position) > row.position,
                col(CardRow.deleted_at).is_(None),
                col(CardRow.id) != row.id,
            )
            .values(position=col(CardRow.position) - 1)
            .execution_options(synchronize_session=False)
        )

    def attach(self, row: CardRow, column_id: int, position: int | None) -> None:
        """Insert ``row`` into ``column_id`` at ``position`` (default and at most: the end)."""
        count = self.session.execute(
            select(func.count()).where(
                col(CardRow.column_id) == column_id,
                col(CardRow.deleted_at).is_(None),
                col(CardRow.id) != row.id,
            )
        ).scalar_one()
        position = count if position is None else max(0, min(position, count))
        self.session.execute(
            update(CardRow)
            .where(
                col(CardRow.column_id) == column_id,
                col(CardRow.position) >= position,
                col(CardRow.deleted_at).is_(None),
                col(CardRow.id) != row.id,
            )
            .values(position=col(CardRow.position) + 1)
            .execution_options(synchronize_session=False)
        )
        row.column_id = column_id
        row.position = position

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

    # ------------------------------------------------------------------ people

    def people(self, board_id: int) -> list[Person]:
        rows = self._read(select(_PEOPLE).where(_PEOPLE.c.board_id == board_id))
        people = [Person(board_id, r.name, r.wip_limit) for r in rows]
        return sorted(people, key=lambda p: p.name.casefold())

    def person_row(self, board_id: int, name: str) -> PersonRow | None:
        rows = self.session.execute(select(PersonRow).where(col(PersonRow.board_id) == board_id))
        return next((r for r in rows.scalars() if r.name.casefold() == name.casefold()), None)

    def put_person_limit(
        self, board_id: int, name: str, limit: int | None
    ) -> tuple[int | None, Person]:
        """Set (None: remove) the personal limit; returns the old limit and the person."""
        row = self.person_row(board_id, name)
        old = row.wip_limit if row else None
        if limit is None:
            if row is not None:
                self.session.delete(row)
        elif row is None:
            row = PersonRow(board_id=board_id, name=name, wip_limit=limit)
            self.session.add(row)
        else:
            row.wip_limit = limit
        return old, Person(board_id, row.name if row else name, limit)

    # ------------------------------------------------------------------ events

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
        return [to_event(r) for r in self.session.connection().execute(query).all()]

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
        return [to_event(r) for r in self.session.connection().execute(query).all()]

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
        connection = self.session.connection()
        return flows.load(connection, board_id, columns, to_utc(now), settled, started_only)

    def settled_stays(self, board_id: int, cut: datetime) -> tuple[Stay, ...]:
        """The open stays of the cards :meth:`stored_logs` leaves out as settled before ``cut``
        (:func:`kanban.storage.flows.settled_stays`)."""
        return flows.settled_stays(self.session.connection(), board_id, cut)

    def stored_starts(
        self, board_id: int, columns: list[Column], now: datetime, since: datetime
    ) -> list[tuple[int, datetime, datetime | None]] | None:
        """(card, started, finished) of the live started cards not finished or finished from
        ``since`` on, as stored; None: read the events."""
        return flows.starts(self.session.connection(), board_id, columns, to_utc(now), since)

    def events_after(self, board_id: int, after_id: int, limit: int) -> list[Event]:
        """The board's events written after the event ``after_id``, in the order they were
        written (by id), at most ``limit``."""
        query = (
            select(*EVENT_FIELDS)
            .where(_EVENTS.board_id == board_id, _EVENTS.id > after_id)
            .order_by(_EVENTS.id)
            .limit(limit)
        )
        return [to_event(r) for r in self.session.connection().execute(query).all()]

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
        return [to_event(r) for r in self.session.connection().execute(query).all()]

    def moment(self, board_id: int) -> datetime:
        """The one time this transaction stamps on what it writes to the board (its events and
        the cards' times): the clock's now, or the board's latest event's time when the clock is
        behind it (clocks apart on a shared board, a clock set back). Time never runs backwards
        on a board, so its events in time order are in the order they were written, and a card's
        row says what its events say. Read once per transaction, with the board locked: one
        index lookup (``ix_events_board_at``), sent to the driver's own cursor (15 µs; a Core
        statement costs 100 to 200 µs more, on every write)."""
        found = self._moments.get(board_id)
        if found is None:
            self.lock_board(board_id)
            connection = self.session.connection()
            mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
            cursor = connection.connection.cursor()
            try:
                cursor.execute(_LATEST_EVENT.format(mark), (board_id,))
                (latest,) = cursor.fetchone() or (None,)
            finally:
                cursor.close()
            found = to_utc(self.now())
            if latest is not None and stored_utc(latest) > found:
                found = stored_utc(latest)
            self._moments[board_id] = found
        return found

    def event(
        self,
        board_id: int,
        card_id: int | None,
        kind: EventKind,
        from_column: ColumnRow | Column | None = None,
        to_column: ColumnRow | Column | None = None,
        **details: Any,
    ) -> None:
        """Append an event, stamped with the transaction's :meth:`moment` and the author;
        ``details`` become its JSON (with the columns' names). A card's event raises the
        card's version: every change to a card writes one, so this is the one place that
        counts them."""
        if card_id is not None:
            self.session.get_one(CardRow, card_id).version += 1
        if from_column is not None:
            details["from"] = from_column.name
        if to_column is not None:
            details["to"] = to_column.name
        row = EventRow(
            board_id=board_id,
            card_id=card_id,
            at=self.moment(board_id),
            kind=kind.value,
            from_column_id=from_column.id if from_column is not None else None,
            to_column_id=to_column.id if to_column is not None else None,
            details=json.dumps(details, default=str),
            author=self.author,
        )
        self.session.add(row)
        self.events_written.append(row)
