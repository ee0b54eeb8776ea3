"""Change notices on PostgreSQL: every write transaction sends ``NOTIFY kanban`` (delivered only
if it commits), and a :class:`ChangeListener` keeps one connection listening, so an open view
learns of a change without a query per poll.

A notice's payload is the writer's schema and the id of the store that wrote it: a listener
counts the notices for its own schema (several kanban databases may share one PostgreSQL
database, a schema each) and skips its own store's, which the store counts itself at commit.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import SQLAlchemyError

from kanban.errors import KanbanError

CHANNEL = "kanban"
_SCHEMA = "coalesce(current_schema(), '')"
_ANNOUNCE = text(f"SELECT pg_notify('{CHANNEL}', {_SCHEMA} || ' ' || :sender)")


def notifies(engine: Engine) -> bool:
    """Whether writes on this engine send change notices (PostgreSQL)."""
    return engine.dialect.name == "postgresql"


def announce(connection: Connection, sender: str) -> None:
    """In a write transaction: tell every listener, once it commits, that the data changed."""
    connection.execute(_ANNOUNCE, {"sender": sender})


class ChangeListener:
    """``LISTEN kanban`` on a connection of its own (psycopg 3, autocommit), opened on the first
    :meth:`token`. A broken or refused connection is dropped quietly (the caller falls back to
    a query) and opened again :data:`RETRY_SECONDS` later."""

    RETRY_SECONDS = 10.0

    def __init__(
        self, engine: Engine, sender: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.engine = engine
        self.sender = sender
        self.clock = clock
        self._connection: Any = None  # a psycopg.Connection while listening
        self._errors: tuple[type[BaseException], ...] = (OSError,)
        self._schema = ""
        self._retry_at = 0.0
        self._opened = 0  # connections opened: a new one starts a new run of tokens
        self._seen = 0  # notices counted (this store's own commits included)

    @property
    def listening(self) -> bool:
        return self._connection is not None

    def token(self) -> tuple[int, int] | None:
        """A value that changes with every commit on this schema seen so far, read without a
        round trip to the server; None while not listening (the caller asks the database)."""
        if self._connection is None and not self._open():
            return None
        try:
            for notice in self._connection.notifies(timeout=0):
                schema, _, sender = notice.payload.partition(" ")
                if schema == self._schema and sender != self.sender:
                    self._seen += 1
        except self._errors:
            self.close()
            self._retry_at = self.clock() + self.RETRY_SECONDS
            return None
        return (self._opened, self._seen)

    def committed(self) -> None:
        """This store committed a write (its own notice is skipped): count it now."""
        self._seen += 1

    def _open(self) -> bool:
        if self.engine.dialect.driver != "psycopg" or self.clock() < self._retry_at:
            return False
        import psycopg  # the engine's driver: installed

        self._errors = (psycopg.Error, OSError)
        failures: tuple[type[BaseException], ...] = (KanbanError, SQLAlchemyError, *self._errors)
        try:
            proxy = self.engine.raw_connection()  # the engine's own connect: URL, PGPASSWORD...
            proxy.detach()  # kept out of the pool: it only listens
            connection = cast(Any, proxy.dbapi_connection)
            try:
                connection.rollback()
                connection.autocommit = True
                row = connection.execute(f"SELECT {_SCHEMA}").fetchone()
                connection.execute(f"LISTEN {CHANNEL}")
            except BaseException:
                proxy.close()
                raise
        except failures:
            self._retry_at = self.clock() + self.RETRY_SECONDS
            return False
        self._connection, self._schema = connection, row[0] if row else ""
        self._opened += 1
        return True

    def close(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            try:
                connection.close()
            except self._errors:
                pass
