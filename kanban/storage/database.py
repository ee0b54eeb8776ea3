"""The engine (from a database URL), the schema version check and the numbered migrations.

A database records its schema version in ``kanban_meta``. Opening one:
- an empty database gets the current schema;
- an older version is upgraded by running each numbered step in :data:`MIGRATIONS`, in order,
  in one transaction;
- a newer version, or a database without ``kanban_meta``, is refused with a one-line error.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlmodel import SQLModel

from kanban.errors import DatabaseError
from kanban.storage.tables import MetaRow

SCHEMA_VERSION = 3

# Each step is frozen DDL (not derived from the table models, which move on): it must turn the
# previous version into exactly what create_all makes for this one.
_V2 = [
    "ALTER TABLE cards ADD COLUMN class_of_service VARCHAR DEFAULT 'standard' NOT NULL",
    "ALTER TABLE cards ADD COLUMN due_date DATE",
    "ALTER TABLE boards ADD COLUMN expedite_limit INTEGER DEFAULT 1 NOT NULL",
    "ALTER TABLE boards ADD COLUMN sle_days INTEGER",
    "ALTER TABLE board_columns ADD COLUMN is_constraint BOOLEAN DEFAULT 0 NOT NULL",
    """CREATE TABLE people (
        id INTEGER NOT NULL,
        board_id INTEGER NOT NULL,
        name VARCHAR NOT NULL,
        wip_limit INTEGER,
        PRIMARY KEY (id),
        UNIQUE (board_id, name),
        FOREIGN KEY(board_id) REFERENCES boards (id) ON DELETE CASCADE
    )""",
]


def _to_v2(connection: Connection) -> None:
    """Classes of service and due dates on cards, the expedite limit and SLE on boards, the
    pinned constraint on columns, and personal WIP limits (``people``)."""
    for statement in _V2:
        connection.exec_driver_sql(statement)


_V3 = ["ALTER TABLE boards ADD COLUMN business_days BOOLEAN DEFAULT 0 NOT NULL"]


def _to_v3(connection: Connection) -> None:
    """The business-days setting on boards (off: calendar days, as before)."""
    for statement in _V3:
        connection.exec_driver_sql(statement)


# MIGRATIONS[n] upgrades a database from version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {2: _to_v2, 3: _to_v3}


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a file path."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the driver, open transactions (see _sqlite_begin), so that DDL in a
    # migration is rolled back with the rest of a failed step.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
        # WAL is written into the file: switch only an empty or kanban database, so opening a
        # foreign SQLite file (refused right after) leaves it byte for byte unchanged.
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name for (name,) in cursor.fetchall()}
        if not tables or MetaRow.__tablename__ in tables:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Writers ask for BEGIN IMMEDIATE (execution option ``sqlite_begin``); readers BEGIN.
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str) -> Engine:
    """One engine per process and database: SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 5})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _describe(url: str) -> str:
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url


def read_schema_version(connection: Connection) -> int | None:
    """The stored schema version; None for an empty database. Refuses a foreign one."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if MetaRow.__tablename__ not in tables:
        raise DatabaseError(f"{_describe(str(connection.engine.url))} is not a kanban database")
    row = connection.execute(
        select(MetaRow.value).where(MetaRow.key == "schema_version")
    ).scalar_one_or_none()
    if row is None or not row.isdigit():
        raise DatabaseError(f"{_describe(str(connection.engine.url))} is not a kanban database")
    return int(row)


def _write_version(connection: Connection, version: int) -> None:
    table = MetaRow.__table__
    connection.execute(table.delete().where(table.c.key == "schema_version"))
    connection.execute(table.insert().values(key="schema_version", value=str(version)))


def prepare_schema(connection: Connection) -> int:
    """Create or upgrade the schema inside the caller's transaction; returns the version."""
    version = read_schema_version(connection)
    if version is None:
        SQLModel.metadata.create_all(connection)
        _write_version(connection, SCHEMA_VERSION)
        return SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{_describe(str(connection.engine.url))} was written by a newer kanban "
            f"(schema {version}; this version reads up to {SCHEMA_VERSION}): upgrade kanban"
        )
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](connection)
        _write_version(connection, step)
    return SCHEMA_VERSION


def open_database(target: str | Path) -> Engine:
    """An engine on a ready kanban database (created or upgraded as needed)."""
    url = database_url(target)
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            prepare_schema(connection)
    except (SADatabaseError, sqlite3.DatabaseError) as exc:
        engine.dispose()
        if isinstance(exc, OperationalError) and "unable to open" in str(exc):
            raise DatabaseError(f"cannot open database {_describe(url)}") from None
        raise DatabaseError(f"{_describe(url)} is not a kanban database") from None
    except DatabaseError:
        engine.dispose()
        raise
    return engine
