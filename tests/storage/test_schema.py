"""The schema version is checked on open: new databases are created, older ones upgraded by
the numbered steps, newer and foreign ones refused."""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from kanban.errors import DatabaseError
from kanban.services import KanbanService
from kanban.storage import database
from kanban.storage.database import SCHEMA_VERSION, open_database


def _version(path: Path) -> int:
    with sqlite3.connect(path) as con:
        row = con.execute("select value from kanban_meta where key='schema_version'").fetchone()
    return int(row[0])


def test_a_new_database_gets_the_current_schema_and_the_default_board(db_path: Path) -> None:
    service = KanbanService.open(db_path)
    assert _version(db_path) == SCHEMA_VERSION
    snap = service.snapshot(service.board().id)
    assert [(c.name, c.kind.value, c.wip_limit) for c in snap.columns] == [
        ("Backlog", "backlog", None),
        ("Ready", "queue", 5),
        ("In Progress", "active", 3),
        ("Review", "queue", 2),
        ("Done", "done", None),
    ]
    service.close()


def test_sqlite_runs_with_foreign_keys_wal_and_a_busy_timeout(db_path: Path) -> None:
    engine = open_database(db_path)
    with engine.connect() as con:
        assert con.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert con.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert con.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    engine.dispose()


def test_a_newer_database_is_refused_and_left_alone(db_path: Path) -> None:
    KanbanService.open(db_path).close()
    with sqlite3.connect(db_path) as con:
        con.execute("update kanban_meta set value='999' where key='schema_version'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="newer kanban"):
        open_database(db_path)
    assert db_path.read_bytes() == before


def test_a_text_file_is_not_a_kanban_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("shopping list\n" * 200)
    with pytest.raises(DatabaseError, match="is not a kanban database"):
        open_database(path)
    assert path.read_text() == "shopping list\n" * 200


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as con:
        con.execute("create table recipes (id integer primary key, name text)")
    with pytest.raises(DatabaseError, match="is not a kanban database"):
        open_database(path)
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
    assert tables == ["recipes"]


def test_an_older_database_is_upgraded_by_the_numbered_steps(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = KanbanService.open(db_path)
    board = service.board()
    card = service.add_card(board.id, "Survives the upgrade").card
    service.close()
    assert _version(db_path) == SCHEMA_VERSION

    def add_estimates(connection) -> None:
        connection.execute(text("ALTER TABLE cards ADD COLUMN estimate INTEGER DEFAULT 1"))

    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(database.MIGRATIONS, SCHEMA_VERSION + 1, add_estimates)
    upgraded = KanbanService.open(db_path)
    assert _version(db_path) == SCHEMA_VERSION + 1
    assert upgraded.card(card.id).title == "Survives the upgrade"
    with sqlite3.connect(db_path) as con:
        assert con.execute("select estimate from cards").fetchall() == [(1,)]
    upgraded.close()


def test_a_failing_step_leaves_the_database_at_its_old_version(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    KanbanService.open(db_path).close()

    def broken(connection) -> None:
        connection.execute(text("ALTER TABLE cards ADD COLUMN half INTEGER"))
        raise RuntimeError("step failed")

    monkeypatch.setattr(database, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(database.MIGRATIONS, SCHEMA_VERSION + 1, broken)
    with pytest.raises(RuntimeError):
        open_database(db_path)
    assert _version(db_path) == SCHEMA_VERSION
    with sqlite3.connect(db_path) as con:
        columns = [r[1] for r in con.execute("pragma table_info(cards)")]
    assert "half" not in columns


def test_times_round_trip_as_aware_utc(service: KanbanService) -> None:
    moment = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    card = service.add_card(service.board().id, "t").card
    stored = service.card(card.id)
    assert stored.created_at == moment
    assert stored.created_at.tzinfo is not None
    assert stored.created_at.utcoffset().total_seconds() == 0
