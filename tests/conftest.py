"""Shared fixtures: a fixed clock and zone, and a service on a database file in tmp_path."""

from __future__ import annotations

import os
from collections.abc import Iterator
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
