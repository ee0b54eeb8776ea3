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


FIXTURES = Path(__file__).parent / "fixtures"


def _columns(path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(path) as con:
        tables = [r[0] for r in con.execute("select name from sqlite_master where type='table'")]
        return {t: sorted(r[1:] for r in con.execute(f"pragma table_info({t})")) for t in tables}


def test_a_v1_database_is_upgraded_to_v2_with_its_data_kept(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    with sqlite3.connect(old) as con:
        con.executescript((FIXTURES / "schema_v1.sql").read_text())
        con.executescript(
            """
            insert into kanban_meta values ('schema_version', '1');
            insert into boards values (1, 'Ops', 1, 3, 7, '2026-11-20 09:00:00');
            insert into board_columns values (1, 1, 'Todo', 'queue', 0, 2, 1);
            insert into cards values (1, 1, 1, 0, 'Patch the server', 'change', 'Brent', '',
                '2026-11-20 09:00:00', '2026-11-20 09:00:00', null, null, null);
            insert into events values (1, 1, 1, '2026-11-20 09:00:00', 'create', null, 1, '{}');
            """
        )
    service = KanbanService.open(old, ensure_default=False)
    assert _version(old) == SCHEMA_VERSION  # through v2 to the current version
    board = service.board("Ops")
    assert (board.strict, board.expedite_limit, board.sle_days) == (True, 1, None)
    [column] = service.columns(board.id)
    assert (column.name, column.wip_limit, column.wip_min, column.is_constraint) == (
        "Todo",
        2,
        1,
        False,
    )
    card = service.card(1)
    assert (card.title, card.assignee, card.class_of_service.value, card.due_date) == (
        "Patch the server",
        "Brent",
        "standard",
        None,
    )
    assert len(service.events(board.id)) == 1
    assert service.people(board.id) == []
    service.set_person_limit(board.id, "Brent", 2)
    assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [("Brent", 2)]
    service.close()
    # The upgraded database has exactly the columns a new one gets.
    new = tmp_path / "v2.db"
    KanbanService.open(new).close()
    assert _columns(old) == _columns(new)


def test_a_v2_database_is_upgraded_to_v3_with_its_data_kept(tmp_path: Path) -> None:
    old = tmp_path / "v2.db"
    with sqlite3.connect(old) as con:
        con.executescript((FIXTURES / "schema_v1.sql").read_text())
        for statement in database._V2:  # the frozen v1 -> v2 step: a genuine v2 schema
            con.execute(statement)
        con.executescript(
            """
            insert into kanban_meta values ('schema_version', '2');
            insert into boards values (1, 'Ops', 1, 2, 5, '2026-11-20 09:00:00', 2, 9);
            insert into board_columns values (1, 1, 'Todo', 'queue', 0, 2, 1, 1);
            insert into cards values (1, 1, 1, 0, 'Patch the server', 'change', 'Brent', '',
                '2026-11-20 09:00:00', '2026-11-20 09:00:00', null, null, null, 'expedite',
                null);
            insert into events values (1, 1, 1, '2026-11-20 09:00:00', 'create', null, 1, '{}');
            insert into people values (1, 1, 'Brent', 2);
            """
        )
    service = KanbanService.open(old, ensure_default=False)
    assert _version(old) == SCHEMA_VERSION  # through v3 to the current version
    board = service.board("Ops")
    assert (board.strict, board.warn_days, board.critical_days) == (True, 2, 5)
    assert (board.expedite_limit, board.sle_days, board.business_days) == (2, 9, False)
    [column] = service.columns(board.id)
    assert (column.name, column.wip_limit, column.wip_min, column.is_constraint) == (
        "Todo",
        2,
        1,
        True,
    )
    card = service.card(1)
    assert (card.title, card.class_of_service.value) == ("Patch the server", "expedite")
    assert len(service.events(board.id)) == 1
    assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [("Brent", 2)]
    assert service.set_business_days(board.id, True).business_days is True
    service.close()
    new = tmp_path / "v3.db"
    KanbanService.open(new).close()
    assert _columns(old) == _columns(new)


def test_a_v3_database_is_upgraded_to_v4_and_its_events_have_no_author(tmp_path: Path) -> None:
    old = tmp_path / "v3.db"
    with sqlite3.connect(old) as con:
        con.executescript((FIXTURES / "schema_v1.sql").read_text())
        for statement in [*database._V2, *database._V3]:  # the frozen steps: a genuine v3
            con.execute(statement)
        con.executescript(
            """
            insert into kanban_meta values ('schema_version', '3');
            insert into boards values (1, 'Ops', 1, 2, 5, '2026-11-20 09:00:00', 2, 9, 1);
            insert into board_columns values (1, 1, 'Todo', 'queue', 0, 2, 1, 0);
            insert into cards values (1, 1, 1, 0, 'Patch the server', 'change', 'Brent', '',
                '2026-11-20 09:00:00', '2026-11-20 09:00:00', null, null, null, 'standard',
                null);
            insert into events values (1, 1, 1, '2026-11-20 09:00:00', 'create', null, 1, '{}');
            """
        )
    service = KanbanService.open(old, ensure_default=False, author="brent")
    assert _version(old) == SCHEMA_VERSION  # through v4 to the current version
    board = service.board("Ops")
    assert board.business_days is True
    service.block_card(1, "waiting on the vendor")
    assert [(e.kind.value, e.author) for e in service.events(board.id)] == [
        ("create", None),
        ("block", "brent"),
    ]
    service.close()
    new = tmp_path / "v4.db"
    KanbanService.open(new).close()
    assert _columns(old) == _columns(new)


def _indexes(path: Path) -> set[tuple]:
    with sqlite3.connect(path) as con:
        rows = con.execute("select tbl_name, name from sqlite_master where type='index'")
        return {(t, n) for t, n in rows if not n.startswith("sqlite_autoindex")}


def test_a_v4_database_is_upgraded_to_v5_and_its_cards_start_at_version_0(
    tmp_path: Path,
) -> None:
    old = tmp_path / "v4.db"
    with sqlite3.connect(old) as con:
        con.executescript((FIXTURES / "schema_v1.sql").read_text())
        for statement in [*database._V2, *database._V3, *database._V4]:  # a genuine v4
            con.execute(statement)
        con.executescript(
            """
            insert into kanban_meta values ('schema_version', '4');
            insert into boards values (1, 'Ops', 0, 2, 5, '2026-11-20 09:00:00', 2, 9, 0);
            insert into board_columns values (1, 1, 'Todo', 'queue', 0, 2, 1, 0);
            insert into cards values (1, 1, 1, 0, 'Patch the server', 'change', 'Brent', '',
                '2026-11-20 09:00:00', '2026-11-20 09:00:00', null, null, null, 'standard',
                null);
            insert into events values
                (1, 1, 1, '2026-11-20 09:00:00', 'create', null, 1, '{}', 'brent');
            """
        )
    KanbanService.open(old, ensure_default=False).close()
    assert _version(old) == SCHEMA_VERSION
    with sqlite3.connect(old) as con:
        assert con.execute("select version from cards").fetchall() == [(0,)]
    new = tmp_path / "v5.db"
    KanbanService.open(new).close()
    assert _columns(old) == _columns(new)
    assert _indexes(old) == _indexes(new)
