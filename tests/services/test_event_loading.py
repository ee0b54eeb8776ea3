"""Reading the log pauses the cycle collector (tens of thousands of events, no cycles) and
always restores it."""

from __future__ import annotations

import gc
from datetime import UTC

import pytest

from kanban.storage import reader


@pytest.fixture
def collector():
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_the_collector_is_back_on_after_reading(service, clock, monkeypatch, collector):
    board = service.board()
    service.add_card(board.id, "Work")
    gc.enable()
    paused = []
    real = reader.to_event
    monkeypatch.setattr(reader, "to_event", lambda row: paused.append(gc.isenabled()) or real(row))
    events = service.events(board.id)
    assert paused == [False] and gc.isenabled()
    service.history(board.id, clock.current, UTC, events)
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(service, clock, collector):
    gc.disable()
    service.history(service.board().id, clock.current, UTC)
    assert not gc.isenabled()


def test_the_collector_is_back_on_after_a_failure(service, monkeypatch, collector):
    board = service.board()
    service.add_card(board.id, "Work")
    gc.enable()

    def broken(row):
        raise RuntimeError("bad row")

    monkeypatch.setattr(reader, "to_event", broken)
    with pytest.raises(RuntimeError):
        service.events(board.id)
    assert gc.isenabled()
