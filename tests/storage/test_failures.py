"""The one mapping from SQLite's errors to kanban's, fed the driver's real exceptions (the CLI
tests make most of them happen for real; these also run where a read-only file cannot be made,
e.g. as root without the power to drop its file override)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from kanban.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DatabaseReadOnly,
    StorageFailure,
)
from kanban.storage.failures import storage_error


def _raised(connection: sqlite3.Connection, statement: str) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        connection.execute(statement)
    return caught.value


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "k.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (x)")
    connection.close()
    return path


def test_locked_is_busy(path):
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    waiter = sqlite3.connect(path, timeout=0, isolation_level=None)
    error = storage_error(_raised(waiter, "BEGIN IMMEDIATE"), path, "k.db")
    holder.close()
    waiter.close()
    assert isinstance(error, DatabaseBusy) and str(error).startswith("the database k.db is busy")


def test_a_refused_write_is_read_only(path):
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)  # SQLITE_READONLY, as for 0444
    error = storage_error(_raised(reader, "INSERT INTO t VALUES (1)"), path, "k.db")
    reader.close()
    assert isinstance(error, DatabaseReadOnly) and str(error).startswith("k.db is read-only")


def test_a_read_only_folder_names_the_folder(path):
    exc = sqlite3.OperationalError("attempt to write a readonly database")
    exc.sqlite_errorcode = 8 | (6 << 8)  # SQLITE_READONLY_DIRECTORY, as a 0555 folder gives
    error = storage_error(exc, path, "k.db")
    assert isinstance(error, DatabaseReadOnly)
    assert str(error).startswith(f"the folder {path.parent} is read-only: SQLite cannot create")


def test_not_a_database_is_damage_only_in_a_sqlite_file(path, tmp_path):
    path.write_bytes(path.read_bytes()[:16] + b"\xa5" * 4000)  # SQLite's header, then garbage
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\n" * 300)
    for file, kind in ((path, DatabaseDamaged), (text, DatabaseError)):
        connection = sqlite3.connect(file)
        error = storage_error(_raised(connection, "SELECT * FROM sqlite_master"), file, "f")
        connection.close()
        assert type(error) is kind


def test_anything_else_is_left_to_the_caller(path):
    connection = sqlite3.connect(path)
    assert storage_error(_raised(connection, "SELECT * FROM nowhere"), path, "k.db") is None
    connection.close()
    assert storage_error(ValueError("not sqlite"), path, "k.db") is None
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = 13
    assert isinstance(storage_error(full, path, "k.db"), StorageFailure)
