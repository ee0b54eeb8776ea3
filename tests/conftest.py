"""Shared fixtures: a fixed clock and zone, the database a test runs on, and a service on it.

``database`` is the database of the storage, service and CLI tests: a SQLite file in tmp_path,
and (each test twice) an empty PostgreSQL schema when ``$KANBAN_TEST_POSTGRES`` names a server
(else that case is skipped with the reason). A test about the SQLite file itself (its bytes,
mode, journal, damage) requests ``db_path``, or is marked ``sqlite_only``: it runs on SQLite
alone, with ``database`` the same file as ``db_path``.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, Table, make_url, select, text

from kanban.services import KanbanService
from kanban.storage.database import SCHEMA_VERSION, make_engine, open_database
from kanban.storage.schema import META, METADATA
from kanban.storage.transfer import continue_ids, export_database

BACKENDS = ("sqlite", "postgresql")


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """Workers for ``-n auto`` (the default, see pyproject.toml): two a core. A TUI test spends
    about a third of its time idle, Pilot waiting between key presses for the app to settle,
    time another worker can use. ``PYTEST_XDIST_AUTO_NUM_WORKERS`` still overrides it."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist reads it
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return 2 * (cores or 1)


class MutableClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def set(self, value: datetime) -> None:
        self.current = value


@pytest.fixture(autouse=True)
def _fixed_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("KANBAN_NOW", raising=False)
    monkeypatch.delenv("KANBAN_DB", raising=False)


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))  # a Tuesday


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kanban.db"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(why): the test is about the SQLite file; not run on PostgreSQL"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test on ``database`` runs on both backends, unless it is about the SQLite file."""
    if "database" not in metafunc.fixturenames:
        return
    if "db_path" in metafunc.fixturenames or metafunc.definition.get_closest_marker("sqlite_only"):
        return  # the fixture's default: SQLite
    metafunc.parametrize("database", BACKENDS, indirect=True)


@pytest.fixture
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """The test's new database: a SQLite file (``tmp_path / "kanban.db"``, as ``db_path``) not
    made yet, or a PostgreSQL URL on this worker's schema, emptied for the test (every row
    deleted, ids from 1 again: what a new database holds once kanban opened it)."""
    if getattr(request, "param", "sqlite") == "sqlite":
        return tmp_path / "kanban.db"
    url, engine = request.getfixturevalue("_worker_postgres")
    with engine.begin() as connection:
        connection.exec_driver_sql("SET LOCAL synchronous_commit = off")  # tests only: faster
        for table in reversed(METADATA.sorted_tables):
            connection.execute(table.delete())
        connection.execute(META.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
        continue_ids(connection)
    return url


@pytest.fixture(scope="session")
def _worker_postgres(
    _postgres_schemas: Callable[[], str],
) -> Iterator[tuple[str, Engine]]:
    """One kanban schema for all of this worker's PostgreSQL cases (making a schema for each
    test costs ten times what emptying one does)."""
    url = _postgres_schemas()
    engine = open_database(url)
    yield url, engine
    engine.dispose()


@pytest.fixture
def service(database: Path | str, clock: MutableClock) -> Iterator[KanbanService]:
    svc = KanbanService.open(database, clock=clock)
    yield svc
    svc.close()


POSTGRES_VARIABLE = "KANBAN_TEST_POSTGRES"


def _schemas() -> Iterator[Callable[[], str]]:
    """Makes kanban URLs, each on a new empty schema in the PostgreSQL database that
    ``$KANBAN_TEST_POSTGRES`` names (all dropped afterwards); without the variable, skips."""
    base = os.environ.get(POSTGRES_VARIABLE, "").strip()
    if not base:
        pytest.skip(f"no PostgreSQL server: set {POSTGRES_VARIABLE} to a database URL to run it")
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (the postgres extra)")
    schemas: list[str] = []

    def new() -> str:
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(base, autocommit=True) as connection:
            connection.execute(f"CREATE SCHEMA {schema}")
        schemas.append(schema)
        separator = "&" if "?" in base else "?"
        return f"{base}{separator}options=-csearch_path%3D{schema}"

    yield new
    with psycopg.connect(base, autocommit=True) as connection:
        for schema in schemas:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def new_postgres_url() -> Iterator[Callable[[], str]]:
    """Makes kanban URLs on new empty PostgreSQL schemas, dropped after the test (or skips)."""
    yield from _schemas()


@pytest.fixture(scope="session")
def _postgres_schemas() -> Iterator[Callable[[], str]]:
    """The same, dropped when the worker ends."""
    yield from _schemas()


@pytest.fixture
def postgres_url(new_postgres_url: Callable[[], str]) -> str:
    """A kanban URL on an empty PostgreSQL schema of its own (see :func:`new_postgres_url`)."""
    return new_postgres_url()


READ_ONLY_VARIABLE = "KANBAN_TEST_POSTGRES_READONLY"


@pytest.fixture
def read_only_url(postgres_url: str) -> Iterator[str]:
    """The URL of a role that may only read (SELECT) ``postgres_url``'s kanban schema, made
    there first. The role is made for the test when ``$KANBAN_TEST_POSTGRES``'s role may create
    roles (CREATEROLE, as CI's), else it is the one ``$KANBAN_TEST_POSTGRES_READONLY`` names
    (a role without rights of its own); else the test is skipped."""
    psycopg = pytest.importorskip("psycopg")
    open_database(postgres_url).dispose()  # the tables the role is given to read
    owner = make_url(postgres_url)
    schema = owner.query["options"].partition("search_path=")[2]
    given = os.environ.get(READ_ONLY_VARIABLE, "").strip()
    with psycopg.connect(os.environ[POSTGRES_VARIABLE], autocommit=True) as connection:
        may_create = connection.execute(
            "SELECT rolcreaterole FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]
        if may_create:
            role, password = f"reader_{uuid.uuid4().hex[:12]}", uuid.uuid4().hex
            connection.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        elif given:
            reader = make_url(given)
            role, password = reader.username, reader.password
        else:
            pytest.skip(
                f"the role in {POSTGRES_VARIABLE} may not create roles (CREATEROLE): name a "
                f"read-only role in {READ_ONLY_VARIABLE}"
            )
        connection.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
        connection.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {role}")
    url = owner.set(username=role, password=password).render_as_string(hide_password=False)
    yield url
    with psycopg.connect(os.environ[POSTGRES_VARIABLE], autocommit=True) as connection:
        connection.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {role}")
        connection.execute(f"REVOKE ALL ON SCHEMA {schema} FROM {role}")
        if may_create:
            connection.execute(f"DROP ROLE {role}")


@functools.cache
def _rows_of(source: Path, _modified: float) -> list[tuple[Table, list[dict[str, Any]]]]:
    """Every row of every kanban table of a SQLite file, by table (foreign keys first)."""
    engine = make_engine(source)
    try:
        with engine.connect() as connection:
            return [
                (table, [_aware(dict(row._mapping)) for row in connection.execute(select(table))])
                for table in METADATA.sorted_tables
                if table.name != "kanban_meta"
            ]
    finally:
        engine.dispose()


def _aware(row: dict[str, Any]) -> dict[str, Any]:
    """SQLite gives stored times back without their zone: they are UTC."""
    return {
        name: value.replace(tzinfo=UTC)
        if isinstance(value, datetime) and value.tzinfo is None
        else value
        for name, value in row.items()
    }


def stored(database: Path | str) -> dict[str, Any]:
    """Every row of every table of the database (its export), to compare before and after."""
    engine = make_engine(database)
    try:
        return export_database(engine)
    finally:
        engine.dispose()


def run_sql(database: Path | str, statement: str, **values: Any) -> None:
    """Run one SQL statement (``:name`` for each value) on the database, committed: a test's
    way past the commands' checks, on either backend."""
    engine = make_engine(database)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), values)
    finally:
        engine.dispose()


def copy_database(source: Path, target: Path | str) -> Path | str:
    """Copy a built SQLite database into the empty ``target``: the file, or (PostgreSQL) its
    rows as they are (ids, times, and any hostile text a test planted in them)."""
    if isinstance(target, Path):
        shutil.copyfile(source, target)
        return target
    engine = open_database(target)
    try:
        with engine.begin() as connection:
            for table, rows in _rows_of(source, source.stat().st_mtime):
                if rows:
                    connection.execute(table.insert(), rows)
            continue_ids(connection)
    finally:
        engine.dispose()
    return target
