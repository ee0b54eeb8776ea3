"""The engine (from a database URL), the schema version check and the numbered migrations.

A database records its schema version in ``kanban_meta``. Opening one:
- an empty database gets the current schema;
- an older version is upgraded by running each numbered step in :data:`MIGRATIONS`, in order,
  in one transaction;
- a newer version, or a database without ``kanban_meta``, is refused with a one-line error;
- a damaged one (SQLite's quick check) is refused before any command reads or writes it.

A new file is made private (0600) and in WAL mode before SQLite opens it; the schema is
written under the write lock, so several processes may open a new database at once. Every
driver error about the file is turned into a kanban error by :mod:`kanban.storage.failures`.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, insert, inspect, select
from sqlalchemy.engine import URL, Connection, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.exc import DatabaseError as SADatabaseError

from kanban.errors import DatabaseError, DatabaseReadOnly, StorageFailure, UsageError
from kanban.storage.failures import damaged, not_kanban, storage_error
from kanban.storage.schema import CARD_FLOWS, META, METADATA

SCHEMA_VERSION = 7

# Each step is frozen DDL (not derived from the table models, which move on): it must turn the
# previous version into exactly what create_all makes for this one.
_V2 = [
    "ALTER TABLE cards ADD COLUMN class_of_service VARCHAR DEFAULT 'standard' NOT NULL",
    "ALTER TABLE cards ADD COLUMN due_date DATE",
    "ALTER TABLE boards ADD COLUMN expedite_limit INTEGER DEFAULT 1 NOT NULL",
    "ALTER TABLE boards ADD COLUMN sle_days INTEGER",
    "ALTER TABLE board_columns ADD COLUMN is_constraint BOOLEAN DEFAULT FALSE NOT NULL",
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


# PostgreSQL: the same, but the new table's ids are numbered by a sequence, as create_all makes
# them (SERIAL); SQLite numbers an INTEGER PRIMARY KEY by itself.
_V2_POSTGRESQL = [s.replace("id INTEGER NOT NULL", "id SERIAL NOT NULL", 1) for s in _V2]


def _to_v2(connection: Connection) -> None:
    """Classes of service and due dates on cards, the expedite limit and SLE on boards, the
    pinned constraint on columns, and personal WIP limits (``people``)."""
    postgresql = connection.dialect.name == "postgresql"
    for statement in _V2_POSTGRESQL if postgresql else _V2:
        connection.exec_driver_sql(statement)


_V3 = ["ALTER TABLE boards ADD COLUMN business_days BOOLEAN DEFAULT FALSE NOT NULL"]


def _to_v3(connection: Connection) -> None:
    """The business-days setting on boards (off: calendar days, as before)."""
    for statement in _V3:
        connection.exec_driver_sql(statement)


_V4 = ["ALTER TABLE events ADD COLUMN author VARCHAR"]


def _to_v4(connection: Connection) -> None:
    """Who made each change (earlier events have no author)."""
    for statement in _V4:
        connection.exec_driver_sql(statement)


_V5 = [
    "ALTER TABLE cards ADD COLUMN version INTEGER DEFAULT 0 NOT NULL",
    "CREATE INDEX ix_events_board_id ON events (board_id, id)",
]


def _to_v5(connection: Connection) -> None:
    """A version on each card, raised by every change to it, so that a write made from a stale
    view can be refused; and an index for reading a board's newest events."""
    for statement in _V5:
        connection.exec_driver_sql(statement)


# card_flows is made from its definition (it holds nothing to upgrade); the index finds a
# board's events without a card (its column changes) without reading all of its events.
_V6 = ["CREATE INDEX ix_events_board_card ON events (board_id, card_id)"]


def _to_v6(connection: Connection) -> None:
    """Each card's log kept beside the events (``card_flows``), made from the events, so
    that reading the history no longer goes through the whole event log."""
    from kanban.storage import flows

    for statement in _V6:
        connection.exec_driver_sql(statement)
    CARD_FLOWS.create(connection)
    flows.rebuild_all(connection)


# (card_flows' index: "if" because step 6 makes the table from its definition, this index in.)
_V7 = [
    "DROP INDEX ix_cards_column_position",
    "CREATE INDEX ix_cards_column_live ON cards (column_id, deleted_at, position)",
    "DROP INDEX IF EXISTS ix_card_flows_board",
    "CREATE INDEX IF NOT EXISTS ix_card_flows_starts"
    " ON card_flows (board_id, finished_at, started_at, deleted, card_id)",
]


def _to_v7(connection: Connection) -> None:
    """Two indexes that answer from themselves: the cards' by column holds whether each is
    deleted (counting a column's live cards, as a move checks its target's limit, reads no
    card's row), and the card logs' holds their starts (the aging rule reads no log)."""
    for statement in _V7:
        connection.exec_driver_sql(statement)


# MIGRATIONS[n] upgrades a database from version n - 1 to version n.
MIGRATIONS: dict[int, Callable[[Connection], None]] = {
    2: _to_v2,
    3: _to_v3,
    4: _to_v4,
    5: _to_v5,
    6: _to_v6,
    7: _to_v7,
}


BUSY_TIMEOUT_VARIABLE = "KANBAN_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000

_POSTGRESQL = "postgresql+psycopg"  # the driver of postgresql:// URLs

# The Python module each missing driver is, and what to install for it.
_DRIVER_PACKAGES = {
    "psycopg2": "psycopg2-binary",
    "MySQLdb": "mysqlclient",
    "pymysql": "pymysql",
}


def busy_timeout_ms() -> int:
    """How long a writer waits for another one's lock: ``$KANBAN_BUSY_TIMEOUT_MS``, else 5 s."""
    text = os.environ.get(BUSY_TIMEOUT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_BUSY_TIMEOUT_MS
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise UsageError(
            f"{BUSY_TIMEOUT_VARIABLE} must be a whole number of milliseconds: {text!r}"
        )
    return int(text)


@dataclass(frozen=True, slots=True)
class Target:
    """Where a database is: its URL, its file (SQLite on disk), and its name in messages."""

    url: URL
    path: Path | None
    shown: str


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a file path."""
    text = str(target)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser()}"


_SIDE_FILES = ("-journal", "-wal", "-shm")


def new_sqlite_file(target: str) -> Path | None:
    """The SQLite file ``target`` names if it does not exist yet (opening will create it)."""
    try:
        url = make_url(database_url(target))
    except ArgumentError:
        return None
    name = url.database
    if (
        url.get_backend_name() != "sqlite"
        or not name
        or name == ":memory:"
        or (name.startswith("file:"))
    ):
        return None
    path = Path(name)
    return None if path.exists() or path.is_symlink() else path


def remove_sqlite_file(path: Path) -> None:
    """Remove a SQLite file and the journal files beside it."""
    for each in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        each.unlink(missing_ok=True)


def database_target(target: str | Path) -> Target:
    """The target of ``--db``/``KANBAN_DB``: a file path or a URL; refuses what cannot be one."""
    text = str(target)
    if not text.strip():
        raise DatabaseError("the database path is empty: name a file or a database URL")
    try:
        url = make_url(database_url(text))
    except ArgumentError:
        raise DatabaseError(f"{text!r} is not a database URL or a file path") from None
    if not url.drivername.startswith("sqlite"):
        shown = url.render_as_string(hide_password=True)
        if url.drivername == "postgresql":  # psycopg 3 (the postgres extra), whatever
            url = url.set(drivername=_POSTGRESQL)  # SQLAlchemy's default for the name
        return Target(url, None, shown)
    name = url.database or ""
    if name in ("", ":memory:") or name.startswith("file:"):
        return Target(url, None, str(url))
    path = Path(name)
    return Target(url, path, name if "://" not in text else str(url))


def _prepare_file(target: Target) -> None:
    """Refuse a folder or a missing folder; make a new database file before SQLite opens it."""
    path = target.path
    if path is not None and path.is_dir():
        raise DatabaseError(
            f"{target.shown} is a folder, not a database file: name a file in it, "
            f"e.g. {path / 'kanban.db'}"
        )
    if path is None or path.exists():
        return
    if not path.parent.is_dir():
        raise DatabaseError(
            f"cannot create {target.shown}: the folder {path.parent} does not exist "
            "(create it first)"
        )
    try:
        _create_file(path)
    except OSError as exc:
        if not os.access(path.parent, os.W_OK):
            raise DatabaseReadOnly(
                f"cannot create {target.shown}: the folder {path.parent} is read-only"
            ) from None
        raise StorageFailure(f"cannot create {target.shown}: {exc.strerror or exc}") from None


def _create_file(path: Path) -> None:
    """An empty database, private (0600: SQLite gives its -wal and -shm files the same mode)
    and already in WAL mode, made under a temporary name and linked into place, never over an
    existing file: processes opening a new database at once all find a WAL database, never a
    file in the middle of switching journal modes (which SQLite answers "locked" at once)."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        try:
            os.fchmod(descriptor, 0o600)  # whatever the umask
        finally:
            os.close(descriptor)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        finally:
            connection.close()
        try:
            os.link(temporary, path)
        except FileExistsError:  # another process made it first
            pass
        except OSError:  # no hard links on this file system: create it in place
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    finally:
        os.unlink(temporary)


def _utc_session(dbapi_connection: Any, _record: object) -> None:
    """A PostgreSQL session in UTC, whatever the server's zone: its times then come back as
    they are stored and used, which psycopg reads straight into UTC (into the server's zone, a
    ``ZoneInfo``, it reads them slowly, and each was then converted to UTC again). By ``SET``,
    one round trip as the connection is made: a connection pooler (PgBouncer) keeps it for the
    client, where some refuse a time zone given in the login's ``options``."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute("SET TIME ZONE 'UTC'")
    finally:
        dbapi_connection.autocommit = autocommit


def _sqlite_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the driver, open transactions (see _sqlite_begin), so that DDL in a
    # migration is rolled back with the rest of a failed step.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms()}")
        # WAL is written into the file: switch only an empty or kanban database, so opening a
        # foreign SQLite file (refused right after) leaves it byte for byte unchanged.
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = {name for (name,) in cursor.fetchall()}
        if not tables or META.name in tables:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Writers ask for BEGIN IMMEDIATE (execution option ``sqlite_begin``); readers BEGIN.
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def _create_engine(target: Target) -> Engine:
    try:
        if target.url.drivername.startswith("sqlite"):
            return create_engine(
                target.url,
                connect_args={"check_same_thread": False, "timeout": busy_timeout_ms() / 1000},
            )
        # A server gone mid-session: each pooled connection is tested before use (and made
        # again), and connecting gives up after a few seconds (unless the URL says otherwise).
        timeout = {} if "connect_timeout" in target.url.query else {"connect_timeout": 5}
        return create_engine(target.url, pool_pre_ping=True, connect_args=timeout)
    except NoSuchModuleError:
        raise DatabaseError(
            f"unknown kind of database {target.url.drivername!r} in {target.shown}: "
            "give a file path or a URL such as sqlite:///path/to/kanban.db"
        ) from None
    except ImportError as exc:
        module = exc.name or "its driver"
        if module == "psycopg":  # kanban's own PostgreSQL driver: its extra installs it
            raise DatabaseError(
                "the PostgreSQL driver is not installed: pip install 'kanban[postgres]' "
                "(or pip install -e '.[postgres]' in a checkout)"
            ) from None
        package = _DRIVER_PACKAGES.get(module, module)
        raise DatabaseError(
            f"the driver for {target.url.get_backend_name()} is not installed "
            f"(Python module {module!r}): pip install {package}"
        ) from None
    except ArgumentError as exc:
        raise DatabaseError(f"{target.shown} is not a usable database URL: {exc}") from None


def make_engine(url: str | Target) -> Engine:
    """One engine per process and database: SQLite gets foreign keys, WAL and a busy timeout,
    and every driver error about the file becomes a kanban error (:mod:`.failures`)."""
    target = url if isinstance(url, Target) else database_target(url)
    engine = _create_engine(target)
    if target.url.drivername.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _first_write_checks_pages(target))
    elif target.url.drivername == _POSTGRESQL:
        event.listen(engine, "connect", _utc_session)

    def mapped(context: ExceptionContext) -> None:
        error = storage_error(context.original_exception, target.path, target.shown)
        if error is not None:
            raise error from None

    event.listen(engine, "handle_error", mapped)
    return engine


def _describe(url: URL) -> str:
    """A database in a message: a SQLite file by its path, any other by its URL with the
    password masked (never printed), as the user wrote it (``postgresql://``)."""
    if url.drivername.startswith("sqlite") and url.database:
        return url.database
    if url.drivername == _POSTGRESQL:
        url = url.set(drivername="postgresql")
    return url.render_as_string(hide_password=True)


def describe(engine: Engine) -> str:
    """The engine's database as messages show it: a file's path, or a URL without password."""
    return _describe(engine.url)


def read_schema_version(connection: Connection) -> int | None:
    """The stored schema version; None for an empty database. Refuses a foreign one."""
    tables = set(inspect(connection).get_table_names())
    if not tables:
        return None
    if META.name not in tables:
        raise DatabaseError(f"{_describe(connection.engine.url)} is not a kanban database")
    meta = META.c
    row = connection.execute(
        select(meta.value).where(meta.key == "schema_version")
    ).scalar_one_or_none()
    if row is None or not row.isdigit():
        raise DatabaseError(f"{_describe(connection.engine.url)} is not a kanban database")
    return int(row)


def _write_version(connection: Connection, version: int) -> None:
    connection.execute(delete(META).where(META.c.key == "schema_version"))
    connection.execute(insert(META).values(key="schema_version", value=str(version)))


def prepare_schema(connection: Connection) -> int:
    """Create or upgrade the schema inside the caller's transaction; returns the version."""
    version = read_schema_version(connection)
    if version is None:
        METADATA.create_all(connection)
        _write_version(connection, SCHEMA_VERSION)
        return SCHEMA_VERSION
    _check_newer(connection, version)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](connection)
        _write_version(connection, step)
    return SCHEMA_VERSION


def _check_newer(connection: Connection, version: int | None) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{_describe(connection.engine.url)} was written by a newer kanban "
            f"(schema {version}; this version reads up to {SCHEMA_VERSION}): upgrade kanban"
        )


def _first_write_checks_pages(target: Target) -> Callable[[Connection], None]:
    """SQLite's BEGIN (:func:`_sqlite_begin`), and in the engine's first write transaction the
    quick check of every page (:func:`_check_pages`), under the write lock: a damaged file is
    refused before anything is written to it. Reads skip it (it grows with the file: 0.1 s at
    50,000 cards): a read that meets a bad page fails with the same line (``failures``)."""
    checked = False

    def begin(connection: Connection) -> None:
        nonlocal checked
        _sqlite_begin(connection)
        if not checked and connection.get_execution_options().get("sqlite_begin"):
            _check_pages(connection, target)
            checked = True

    return begin


def _check_pages(connection: Connection, target: Target) -> None:
    """SQLite's quick check (every page's structure; about 6 ms for 5,000 cards): a damaged
    file is refused, not half-way through a command that touched a bad page."""
    found = connection.exec_driver_sql("PRAGMA quick_check(1)").scalar()
    if found != "ok":
        raise damaged(target.shown)


_SETUP_LOCK = 0x6B616E62  # PostgreSQL's advisory lock: the schema and first board ("kanb")


def hold_setup_lock(connection: Connection) -> None:
    """Wait for, then hold to the end of the transaction, the lock under which a new database
    gets its schema and its first board. SQLite's writer holds its write lock from BEGIN
    IMMEDIATE already; PostgreSQL takes an advisory lock (one setup at a time)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_SETUP_LOCK})")


def open_database(target: str | Path) -> Engine:
    """An engine on a ready kanban database (created or upgraded as needed).

    The version is read in a read transaction; only a database that needs its schema created
    or upgraded is then written, under the write lock (BEGIN IMMEDIATE on SQLite, an advisory
    lock on PostgreSQL), reading the version again: several processes opening a new database at
    once wait their turn (busy timeout), and every one after the first finds the schema made.
    """
    where = database_target(target)
    _prepare_file(where)
    engine = make_engine(where)
    try:
        with engine.begin() as connection:
            version = read_schema_version(connection)
            _check_newer(connection, version)
        if version != SCHEMA_VERSION:
            with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
                hold_setup_lock(connection)
                prepare_schema(connection)
    except SADatabaseError as exc:  # what the driver said is not about the file (see failures)
        engine.dispose()
        if where.path is not None:  # SQLite could not read kanban's own tables as they are
            raise not_kanban(where.shown) from None
        raise StorageFailure(f"cannot open {where.shown}: {_first_line(exc)}") from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _first_line(exc: SADatabaseError) -> str:
    """The driver's own message, first line only (never SQLAlchemy's [SQL: ...] text)."""
    lines = str(exc.orig if exc.orig is not None else type(exc).__name__).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
