"""The writes: a :class:`UnitOfWork` is one write transaction (an ORM session), which changes
rows, keeps card positions dense and appends events, and reads through the same queries as a
read transaction (:class:`kanban.storage.reader.Reader`). Only a write imports this module,
and with it the ORM and SQLModel.

Rows come back as table rows (the services change their fields, and the change is written at
commit) or, through :mod:`kanban.storage.converters`, as domain objects.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, Executable, func, select, update
from sqlmodel import Session, col

from kanban.clock import to_utc
from kanban.domain.default_board import ColumnSpec
from kanban.domain.models import Board, Column, ColumnKind, EventKind, Person
from kanban.errors import InvalidInput, NotFound
from kanban.storage import flows, notices
from kanban.storage.converters import stored_utc, to_board, to_column
from kanban.storage.database import hold_setup_lock
from kanban.storage.reader import Reader
from kanban.storage.schema import BOARDS, CARDS, EVENTS
from kanban.storage.tables import BoardRow, CardRow, ColumnRow, EventRow, PersonRow

_LATEST_EVENT = f"SELECT max(at) FROM {EVENTS.name} WHERE board_id = {{}}"


@contextmanager
def transaction(
    engine: Engine, now: Callable[[], datetime], author: str | None, sender: str | None
) -> Iterator[UnitOfWork]:
    """A write transaction on ``engine``: the card logs of the cards whose events it wrote are
    brought up to date before it commits, and with ``sender`` a change notice goes with it."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        uow = UnitOfWork(session, now, author)
        yield uow
        if uow.events_written:
            session.flush()
            flows.keep(session.connection(), uow.events_written, uow.locked, uow.known_columns)
        if sender is not None:
            notices.announce(session.connection(), sender)


class UnitOfWork(Reader):
    """One write transaction's reads and writes.

    In a write transaction, reading a card locks its board first (:meth:`lock_board`), so
    what a command checks (the card's version, a column's count) is still true when it writes.
    """

    def __init__(
        self, session: Session, now: Callable[[], datetime], author: str | None = None
    ) -> None:
        super().__init__(session.connection())
        self.session = session
        self.now = now
        self.author = author
        self.events_written: list[EventRow] = []  # their ids known once committed
        # SQLite takes its one write lock at BEGIN (IMMEDIATE): a writer needs no row locks
        self._locks = session.get_bind().dialect.name != "sqlite"
        self._locked: set[int] = set()  # the boards locked so far
        self._moments: dict[int, datetime] = {}  # board -> the time this transaction stamps
        # board -> its columns as read, while this transaction has not changed a column (nor
        # handed out a column's row, which its caller may change)
        self._columns: dict[int, list[Column]] | None = {}

    @property
    def connection(self) -> Connection:
        return self.session.connection()

    @property
    def locked(self) -> frozenset[int]:
        """The boards this transaction locked (none on SQLite, whose writers take turns)."""
        return frozenset(self._locked)

    @property
    def known_columns(self) -> dict[int, list[Column]]:
        """The columns of the boards whose columns this transaction read and did not change."""
        return dict(self._columns or {})

    def _read(self, query: Executable) -> CursorResult[Any]:
        """Run a Core select in this transaction, after flushing the rows it changed: the ORM
        does that itself before an ORM query, never before a Core one."""
        self.session.flush()
        return self.session.connection().execute(query)

    # ------------------------------------------------------------------ boards

    def lock_board(self, board_id: int) -> None:
        """Make the other writers of the board wait until this transaction ends
        (``SELECT ... FOR UPDATE`` on its row; nothing on SQLite, whose writers already take
        turns). Every change to a card takes it before reading what it checks: two people taking
        the last slot of a column then take turns, and the second counts the first's card.

        The board, not the column: a move also renumbers the cards below it in its old column,
        so a column lock taken after a card lock could deadlock two moves out of one column."""
        if self._locks and board_id not in self._locked:
            self._read(select(BOARDS.c.id).where(BOARDS.c.id == board_id).with_for_update())
            self._locked.add(board_id)

    def _lock_board_of(self, card_id: int) -> None:
        """Lock the board of the card ``card_id`` (as :meth:`lock_board`), found by the same
        statement: NotFound when there is no such card."""
        of_card = select(CARDS.c.board_id).where(CARDS.c.id == card_id).scalar_subquery()
        found = self._read(select(BOARDS.c.id).where(BOARDS.c.id == of_card).with_for_update())
        board_id = found.scalar_one_or_none()
        if board_id is None:
            raise NotFound(f"no card #{card_id}")
        self._locked.add(board_id)

    def board_row(self, board_id: int) -> BoardRow:
        """The board's row, to change it (for a read, :meth:`board_fields`)."""
        row = self.session.get(BoardRow, board_id)
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
        self._columns = None
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

    def columns(self, board_id: int) -> list[Column]:
        """The board's columns, read once while this transaction changes none."""
        if self._columns is None:
            return super().columns(board_id)
        found = self._columns.get(board_id)
        if found is None:
            found = self._columns[board_id] = super().columns(board_id)
        return list(found)

    def column_of(self, board_id: int, column_id: int) -> Column:
        """The board's column ``column_id``."""
        found = next((c for c in self.columns(board_id) if c.id == column_id), None)
        if found is None:
            raise NotFound(f"no column with id {column_id} on this board")
        return found

    def column_row(self, column_id: int) -> ColumnRow:
        """A column's row, to change it (for a read, :meth:`column_of`)."""
        self._columns = None
        row = self.session.get(ColumnRow, column_id)
        if row is None:
            raise NotFound(f"no column with id {column_id}")
        return row

    def target_column(self, board_id: int, column: str | int | None) -> Column:
        """A column of the board by name or id; None: the first."""
        if column is None:
            columns = self.columns(board_id)
            if not columns:
                raise InvalidInput("the board has no columns")
            return columns[0]
        if isinstance(column, int):
            return self.column_of(board_id, column)
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
        self._columns = None
        self.session.execute(
            update(ColumnRow)
            .where(col(ColumnRow.board_id) == board_id, col(ColumnRow.position) >= start)
            .values(position=col(ColumnRow.position) + step)
            .execution_options(synchronize_session=False)
        )

    def pin(self, board_id: int, column_id: int | None) -> None:
        """Make ``column_id`` the board's one constraint (None: no column)."""
        self._columns = None
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
        row = None
        if not self._locks or self._locked:  # as a rule, the board locked is this card's
            row = self.session.get(CardRow, card_id)
        if self._locks and (row is None or row.board_id not in self._locked):
            self._lock_board_of(card_id)  # found and locked by one statement, then the card
            row = self.session.get(  # read as committed before the lock
                CardRow, card_id, with_for_update=True, populate_existing=True
            )
        if row is None:
            raise NotFound(f"no card #{card_id}")
        return row

    def insert_card(self, **fields: Any) -> CardRow:
        row = CardRow(**fields)
        self.session.add(row)
        self.session.flush()
        return row

    def place(
        self, row: CardRow, column_id: int, position: int | None, end: int | None = None
    ) -> None:
        """Put ``row`` in ``column_id`` at ``position`` (default: after its last card, ``end``
        when the caller knows it from :meth:`fill`).

        A position orders a column's cards, and positions may leave gaps: a card that leaves a
        column leaves its position unused, so a move writes only the rows that change place,
        never the whole column it left. Within the card's own column, the cards between its
        old position and the new one step one toward the old; in another column, a card at
        ``position`` and those after it step down one (a free position is taken as it is).
        :meth:`BoardSnapshot.place <kanban.domain.models.BoardSnapshot.place>` does the same in
        memory."""
        if position is None:
            position = self.next_position(column_id, row.id) if end is None else end
        else:
            position = max(0, position)
            if column_id == row.column_id and row.position >= 0:
                self._shift_between(row, position)
            else:
                self._make_room(row, column_id, position)
        row.column_id = column_id
        row.position = position

    def next_position(self, column_id: int, card_id: int | None = None) -> int:
        """The position after the column's last live card (0 in an empty column), ``card_id``
        left out: one index lookup."""
        last = self.session.execute(
            select(col(CardRow.position))
            .where(
                col(CardRow.column_id) == column_id,
                col(CardRow.deleted_at).is_(None),
                col(CardRow.id) != (card_id if card_id is not None else -1),
            )
            .order_by(col(CardRow.position).desc())
            .limit(1)
        ).scalar()
        return 0 if last is None else max(0, last + 1)

    def fill(self, column_id: int) -> tuple[int, int]:
        """The column's live cards and the position after its last (as :meth:`count` and
        :meth:`next_position`, for a card from another column), from one scan of the column's
        index entries."""
        count, last = tuple(
            self._read(
                select(func.count(), func.max(CARDS.c.position)).where(
                    CARDS.c.column_id == column_id, CARDS.c.deleted_at.is_(None)
                )
            ).one()
        )
        return int(count), 0 if last is None else max(0, last + 1)

    def _shift_between(self, row: CardRow, position: int) -> None:
        """Within its column: the cards between ``row``'s position and ``position`` step by
        one toward its old one."""
        old = row.position
        if position == old:
            return
        down = position > old
        between = (
            (col(CardRow.position) > old) & (col(CardRow.position) <= position)
            if down
            else (col(CardRow.position) >= position) & (col(CardRow.position) < old)
        )
        self._shift(row, row.column_id, between, -1 if down else 1)

    def _make_room(self, row: CardRow, column_id: int, position: int) -> None:
        """In another column: if a live card holds ``position``, it and those after it step
        down by one (a free position is taken as it is)."""
        taken = self.session.execute(
            select(col(CardRow.id)).where(
                col(CardRow.column_id) == column_id,
                col(CardRow.position) == position,
                col(CardRow.deleted_at).is_(None),
                col(CardRow.id) != row.id,
            )
        ).first()
        if taken is not None:
            self._shift(row, column_id, col(CardRow.position) >= position, 1)

    def _shift(self, row: CardRow, column_id: int, where: Any, step: int) -> None:
        self.session.execute(
            update(CardRow)
            .where(
                col(CardRow.column_id) == column_id,
                where,
                col(CardRow.deleted_at).is_(None),
                col(CardRow.id) != row.id,
            )
            .values(position=col(CardRow.position) + step)
            .execution_options(synchronize_session=False)
        )

    # ------------------------------------------------------------------ people

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
