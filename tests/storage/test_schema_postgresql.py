"""Each schema step on PostgreSQL (``$KANBAN_TEST_POSTGRES``, else skipped): a database of each
earlier version, made from the frozen version 1 (``fixtures/schema_v1.postgresql.sql``) and the
frozen steps up to it, holding a board, a card and its event, is upgraded on open with its data
kept, and ends with exactly the columns, defaults, indexes and constraints a new database gets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from kanban.services import KanbanService
from kanban.storage import database
from kanban.storage.database import SCHEMA_VERSION, make_engine

V1 = (Path(__file__).parent / "fixtures" / "schema_v1.postgresql.sql").read_text()

# Rows as a version 1 kanban wrote them (ids from the sequences).
V1_ROWS = """
insert into boards (name, strict, warn_days, critical_days, created_at)
    values ('Ops', true, 2, 5, '2026-11-20 09:00:00+00');
insert into board_columns (board_id, name, kind, position, wip_limit, wip_min)
    values (1, 'Todo', 'queue', 0, 2, 1), (1, 'Done', 'done', 1, null, null);
insert into cards (board_id, column_id, position, title, type, assignee, description,
    created_at, entered_at) values (1, 1, 0, 'Patch the server', 'change', 'Brent', '',
    '2026-11-20 09:00:00+00', '2026-11-20 09:00:00+00');
insert into events (board_id, card_id, at, kind, to_column_id, details)
    values (1, 1, '2026-11-20 09:00:00+00', 'create', 1, '{"to": "Todo"}');
"""

STRUCTURE = {
    "columns": """
        select table_name, column_name, data_type, is_nullable, column_default
        from information_schema.columns where table_schema = current_schema()""",
    "indexes": """
        select tablename, indexname, replace(indexdef, current_schema() || '.', '')
        from pg_indexes
        where schemaname = current_schema()""",
    "constraints": """
        select rel.relname, con.conname, pg_get_constraintdef(con.oid)
        from pg_constraint con join pg_class rel on rel.oid = con.conrelid
        where rel.relnamespace = current_schema()::regnamespace""",
    "sequences": """
        select sequence_name, data_type from information_schema.sequences
        where sequence_schema = current_schema()""",
}


def _structure(url: str) -> dict[str, set[tuple]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return {
                what: {tuple(row) for row in connection.execute(text(query))}
                for what, query in STRUCTURE.items()
            }
    finally:
        engine.dispose()


def _database_of_version(url: str, version: int) -> None:
    """A database as kanban left it at ``version``: schema 1 and its rows, then each frozen
    step up to ``version`` (the rows living through them)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(V1)
            connection.exec_driver_sql(V1_ROWS)
            for step in range(2, version + 1):
                database.MIGRATIONS[step](connection)
            connection.execute(
                text("insert into kanban_meta values ('schema_version', :v)"), {"v": str(version)}
            )
    finally:
        engine.dispose()


def _version(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("select value from kanban_meta where key = 'schema_version'")
            ).scalar_one()
    finally:
        engine.dispose()
    return int(found)


def test_the_frozen_version_1_holds_what_version_1_did(postgres_url: str) -> None:
    _database_of_version(postgres_url, 1)
    columns = {(t, c) for t, c, *_ in _structure(postgres_url)["columns"]}
    assert ("cards", "class_of_service") not in columns and ("events", "author") not in columns
    assert {t for t, _ in columns} == {"kanban_meta", "boards", "board_columns", "cards", "events"}


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_each_older_postgresql_database_is_upgraded_with_its_data_kept(
    version: int, new_postgres_url: Callable[[], str]
) -> None:
    old, new = new_postgres_url(), new_postgres_url()
    _database_of_version(old, version)
    clock = lambda: datetime(2026, 11, 24, 9, 0, tzinfo=UTC)  # noqa: E731
    service = KanbanService.open(old, clock=clock, ensure_default=False, author="brent")
    try:
        assert _version(old) == SCHEMA_VERSION
        board = service.board("Ops")
        assert (board.strict, board.warn_days, board.critical_days) == (True, 2, 5)
        assert (board.expedite_limit, board.sle_days, board.business_days) == (1, None, False)
        todo = service.columns(board.id)[0]
        assert (todo.name, todo.wip_limit, todo.wip_min, todo.is_constraint) == (
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
        assert card.created_at == datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        # Every table takes new rows, numbered after the old ones.
        assert service.add_card(board.id, "After the upgrade").card.id == 2
        service.move_card(1, "Done")
        service.set_person_limit(board.id, "Brent", 2)
        assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [("Brent", 2)]
        assert service.set_business_days(board.id, True).business_days is True
        events = service.events(board.id)
        assert [(e.id, e.kind.value, e.author) for e in events[:3]] == [
            (1, "create", None),
            (2, "create", "brent"),
            (3, "move", "brent"),
        ]
    finally:
        service.close()
    KanbanService.open(new).close()
    assert _structure(old) == _structure(new)
