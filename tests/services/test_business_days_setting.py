"""The business-days setting: stored, one SETTING event, undoable, nothing when unchanged."""

from __future__ import annotations

from datetime import UTC, timedelta

from kanban.domain.models import EventKind
from kanban.services import Undone


def test_business_days_are_set_logged_and_undone(service, clock):
    board = service.board()
    assert board.business_days is False  # calendar days by default
    assert service.set_business_days(board.id, True).business_days is True
    assert service.board().business_days is True
    event = service.events(board.id)[-1]
    assert (event.kind, event.card_id) == (EventKind.SETTING, None)
    assert event.details == {"board": "Kanban", "changes": {"business_days": [False, True]}}
    clock.set(clock.current + timedelta(minutes=1))
    assert service.undo() == Undone("business days of Kanban")
    assert service.board().business_days is False
    assert service.events(board.id)[-1].details["undo"] is True


def test_setting_the_same_value_writes_nothing(service):
    board = service.board()
    before = len(service.events(board.id))
    service.set_business_days(board.id, False)
    assert len(service.events(board.id)) == before
    assert not service.can_undo


def test_the_history_and_the_aging_rule_carry_the_setting(service, clock):
    board = service.board()
    service.set_business_days(board.id, True)
    assert service.history(board.id, clock.current, UTC).business_days is True
    assert service.aging_rule(service.board(), clock.current, UTC).business_days is True
