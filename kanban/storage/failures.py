"""The drivers' failures in words: each SQLite error that says something about the database file,
and each PostgreSQL error about reaching the server, becomes one of kanban's one-line errors
(never SQL text, never parameters, never a password: ``where`` is the URL with it masked).

:func:`storage_error` is the one mapping; :func:`kanban.storage.database.make_engine` applies it
to every statement of every connection (opening, reads, writes, commits), so the CLI, the TUI
and the services all see a :class:`~kanban.errors.KanbanError` they can show as it is.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path

from kanban.errors import (
    ConnectionLost,
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    KanbanError,
    StorageFailure,
)

SQLITE_HEADER = b"SQLite format 3\x00"

# Primary result codes (https://sqlite.org/rescode.html); extended codes carry them in the low byte.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN, _NOTADB = 5, 6, 8, 10, 11, 13, 14, 26
_READONLY_DIRECTORY = _READONLY | (6 << 8)


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code if isinstance(code, int) else None


def has_sqlite_header(path: Path) -> bool:
    """True when the file starts as every SQLite database does."""
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def read_only_folder(path: Path) -> DatabaseReadOnly:
    return DatabaseReadOnly(
        f"the folder {path.parent} is read-only: SQLite cannot create {path.name}-wal and "
        f"{path.name}-shm beside {path}; make the folder writable or copy the database elsewhere"
    )


def damaged(where: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"{where} is damaged (not a readable SQLite database): "
        "restore it from a backup or an export"
    )


def not_kanban(where: str) -> DatabaseError:
    return DatabaseError(f"{where} is not a kanban database")


def storage_error(exc: BaseException, path: Path | None, where: str) -> KanbanError | None:
    """The kanban error for a SQLite driver error on the database file ``path`` (shown as
    ``where``), or None when the error says nothing about the file (a bug: left to the caller)."""
    if not isinstance(exc, sqlite3.Error):
        return _server_error(exc, where)
    code = _code(exc)
    primary = None if code is None else code & 0xFF
    if primary in (_BUSY, _LOCKED):
        return DatabaseBusy(
            f"the database {where} is busy: another kanban is writing to it; try again"
        )
    if code == _READONLY_DIRECTORY and path is not None:
        return read_only_folder(path)
    if primary == _READONLY:
        return DatabaseReadOnly(
            f"{where} is read-only: kanban cannot save changes to it; make the file writable "
            "(chmod u+w) or work on a copy"
        )
    if primary == _CORRUPT:
        return damaged(where)
    if primary == _NOTADB:
        return damaged(where) if path is not None and has_sqlite_header(path) else not_kanban(where)
    if primary == _FULL:
        return StorageFailure(f"the disk holding {where} is full: free some space and try again")
    if primary == _CANTOPEN:
        if path is not None and not os.access(path.parent, os.W_OK):
            return read_only_folder(path)
        return StorageFailure(f"cannot open {where}: check that you may read and write it")
    if primary == _IOERR:
        return StorageFailure(f"cannot read or write {where}: the disk reported an error")
    return None


# What psycopg says (libpq's text) when the server cannot be reached or refuses the login; the
# first ones say it cannot be reached now (ConnectionLost: it may be back in a moment).
_UNREACHABLE = (
    ("connection refused", "connection refused (is the server running and listening there?)"),
    ("failed to resolve host", "unknown host"),
    ("could not translate host name", "unknown host"),
    ("timeout expired", "the server did not answer in time"),
    ("server closed the connection", "the server closed the connection"),
    ("terminating connection", "the server closed the connection"),
    ("the database system is", "the server is starting up or shutting down"),
)
_REFUSED = (
    ("password authentication failed", "wrong user name or password"),
    ("no password supplied", "no password given (put it in PGPASSWORD or ~/.pgpass)"),
    ("fatal:  database", "no such database (create it first: createdb)"),
    ("fatal:  role", "no such user (create the role first)"),
)


# A role without the right to write (SELECT only), or a server that only reads (a standby).
_READ_ONLY_STATES = ("42501", "25006")


def _server_error(exc: BaseException, where: str) -> KanbanError | None:
    """The kanban error for psycopg failing to reach or log in to the server ``where``."""
    psycopg = sys.modules.get("psycopg")  # loaded whenever one of its errors exists
    if psycopg is None or not isinstance(exc, psycopg.Error):
        return None
    if exc.sqlstate in _READ_ONLY_STATES:
        return DatabaseReadOnly(f"read-only access to {where}: kanban cannot save changes there")
    if not isinstance(exc, psycopg.OperationalError):
        return None
    text = str(exc).lower()
    for clue, meaning in _UNREACHABLE:
        if clue in text:
            return ConnectionLost(f"cannot connect to {where}: {meaning}")
    for clue, meaning in _REFUSED:
        if clue in text:
            return StorageFailure(f"cannot connect to {where}: {meaning}")
    return None
