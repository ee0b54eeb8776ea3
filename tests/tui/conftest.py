"""TUI fixtures: tmp_path -> database file -> seeded board -> service -> app (see board.py)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.tui.board import NOW, record_toasts, seed


@pytest.fixture(autouse=True)
def _gc_scans_only_this_test() -> Iterator[None]:
    """Collect the previous test's app, then freeze what survives (imported modules, Textual's
    caches), so that full GC passes scan only this test's objects: without it the suite spends
    a fifth of its time rescanning them."""
    gc.collect()
    gc.freeze()
    yield


@pytest.fixture
def frozen_time(monkeypatch: pytest.MonkeyPatch) -> datetime:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("KANBAN_NOW", NOW.isoformat())
    return NOW


@pytest.fixture
def board_db(tmp_path: Path, frozen_time: datetime) -> Path:
    path = tmp_path / "board.db"
    seed(path)
    return path


@pytest.fixture
def svc(board_db: Path) -> Iterator[KanbanService]:
    service = KanbanService.open(board_db)
    yield service
    service.close()


@pytest.fixture
def app(svc: KanbanService) -> KanbanApp:
    return KanbanApp(svc)


@pytest.fixture
def toasts(app: KanbanApp, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    return record_toasts(app, monkeypatch)
