"""Shared fixtures: a fixed clock and zone, and a service on a database file in tmp_path."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kanban.services import KanbanService


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


@pytest.fixture
def service(db_path: Path, clock: MutableClock) -> Iterator[KanbanService]:
    svc = KanbanService.open(db_path, clock=clock)
    yield svc
    svc.close()


POSTGRES_VARIABLE = "KANBAN_TEST_POSTGRES"


@pytest.fixture
def new_postgres_url() -> Iterator[Callable[[], str]]:
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
def postgres_url(new_postgres_url: Callable[[], str]) -> str:
    """A kanban URL on an empty PostgreSQL schema of its own (see :func:`new_postgres_url`)."""
    return new_postgres_url()
