"""The snapshot reads every live card straight from the driver's rows: each card is the one
read row by row through the ORM (``service.card``), on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
from datetime import date, timedelta

import pytest

from kanban.domain.models import ClassOfService, WorkType
from kanban.storage import reader


def test_the_snapshot_holds_the_cards_as_read_one_by_one(service, clock):
    board = service.board()
    plain = service.add_card(board.id, "Plain").card
    clock.set(clock.current + timedelta(hours=5, microseconds=1))
    full = service.add_card(
        board.id,
        "Everything set",
        column="In Progress",
        type=WorkType.UNPLANNED,
        assignee="Brent",
        description="two\nlines",
        class_of_service=ClassOfService.FIXED_DATE,
        due_date=date(2026, 12, 24),
    ).card
    clock.set(clock.current + timedelta(days=2, seconds=7))
    service.block_card(full.id, "waiting on ops")
    service.move_card(plain.id, "Ready")
    gone = service.add_card(board.id, "Deleted").card
    service.delete_card(gone.id)
    snapshot = service.snapshot(board.id)
    cards = snapshot.all_cards()
    assert [c.id for c in cards] == [plain.id, full.id]
    for card in cards:
        one = service.card(card.id)
        assert card == one and card.version == one.version
        assert card.created_at.utcoffset() == timedelta(0)
    read = service.card(full.id)
    assert read.blocked_at is not None and read.due_date == date(2026, 12, 24)


@pytest.fixture
def collector():
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_the_snapshot_is_read_with_the_collector_paused(service, monkeypatch, collector):
    board = service.board()
    service.add_card(board.id, "Work")
    gc.enable()
    paused = []
    real = reader.card_from_fields
    monkeypatch.setattr(
        reader,
        "card_from_fields",
        lambda board_id, row: paused.append(gc.isenabled()) or real(board_id, row),
    )
    service.snapshot(board.id)
    assert paused == [False] and gc.isenabled()
