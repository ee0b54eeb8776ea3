"""The database behind a service (:class:`Store`): its read and write transactions, and the
clock and author that stamp what the writes write. A read is a
:class:`~kanban.storage.reader.Reader` on a connection; a write, a
:class:`~kanban.storage.unit_of_work.UnitOfWork` on an ORM session.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from kanban.storage import notices
from kanban.storage.reader import Reader

if TYPE_CHECKING:
    from kanban.storage.unit_of_work import UnitOfWork


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
        sends a change notice in it, delivered to the listeners if it commits. The ORM (and
        SQLModel) is imported by the first write, never by a process that only reads."""
        from kanban.storage.unit_of_work import transaction

        with transaction(self._writer, self.now, self.author, self._sender) as uow:
            yield uow
        self.written.update(row.id for row in uow.events_written if row.id is not None)
        if self._listener is not None:
            self._listener.committed()

    def prepare_writes(self) -> None:
        """Import and configure what the first write needs (the ORM, SQLModel and the row
        classes: a quarter of a second) ahead of it."""
        from sqlalchemy.orm import configure_mappers

        import kanban.storage.unit_of_work  # noqa: F401

        configure_mappers()

    @contextmanager
    def read(self) -> Iterator[Reader]:
        """A read transaction."""
        with self.engine.connect() as connection, connection.begin():
            yield Reader(connection)

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        if self._listener is not None:
            self._listener.close()
        self.engine.dispose()
