"""Shared fixtures: a fixed clock and zone, and a service on a database file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kanban.services import KanbanService


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
