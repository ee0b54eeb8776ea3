"""Board settings (SLE, expedite limit, aging thresholds, strict), personal limits and the pinned
constraint: each change is one event without a card, and can be undone."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from kanban.domain import parsing
from kanban.domain.models import EventKind
from kanban.errors import InvalidInput, NotFound
from kanban.services import KanbanService, Undone


def _last(service: KanbanService, board_id: int):
    return service.events(board_id)[-1]


def _settings(service: KanbanService, board_id: int) -> tuple:
    board = next(b for b in service.boards() if b.id == board_id)
    return board.strict, board.sle_days, board.expedite_limit, board.warn_days, board.critical_days


READ = {  # how the CLI reads each argument it was given as text
    "set_sle": [parsing.sle],
    "set_expedite_limit": [lambda text: parsing.count(text, "an expedite limit")],
    "set_aging_thresholds": [
        lambda text: parsing.days(text, "the warning threshold"),
        lambda text: parsing.days(text, "the critical threshold"),
    ],
}


def _call(service: KanbanService, method: str, board_id: int, args: tuple):
    """``service.method(board_id, *args)``, text arguments read first as the CLI does."""
    readers = READ[method][: len(args)]
    typed = [read(a) if isinstance(a, str) else a for read, a in zip(readers, args, strict=True)]
    return getattr(service, method)(board_id, *typed)


SETTINGS = [  # (method, arguments, label, changes)
    ("set_sle", (9,), "SLE of Kanban", {"sle_days": [None, 9]}),
    ("set_sle", (" 12 ",), "SLE of Kanban", {"sle_days": [None, 12]}),
    ("set_expedite_limit", ("2",), "expedite limit of Kanban", {"expedite_limit": [1, 2]}),
    (
        "set_aging_thresholds",
        (2, "5"),
        "aging of Kanban",
        {"warn_days": [3, 2], "critical_days": [7, 5]},
    ),
    (
        "set_aging_thresholds",
        (4, 4),
        "aging of Kanban",  # warning may equal critical
        {"warn_days": [3, 4], "critical_days": [7, 4]},
    ),
    ("set_aging_thresholds", (3, 10), "aging of Kanban", {"critical_days": [7, 10]}),
]


@pytest.mark.parametrize(("method", "args", "label", "changes"), SETTINGS)
def test_a_setting_is_stored_logged_and_undone(service, clock, method, args, label, changes):
    board = service.board()
    before = _settings(service, board.id)
    returned = _call(service, method, board.id, args)
    for name, (_old, new) in changes.items():
        assert getattr(returned, name) == new
        assert getattr(service.board(), name) == new  # stored
    event = _last(service, board.id)
    assert (event.kind, event.card_id, event.at) == (EventKind.SETTING, None, clock.current)
    assert event.details == {"board": "Kanban", "changes": changes}

    clock.set(clock.current + timedelta(minutes=1))
    assert service.undo() == Undone(label)
    assert _settings(service, board.id) == before
    undo = _last(service, board.id)
    assert undo.kind is EventKind.SETTING and undo.at == clock.current
    assert undo.details == {
        "board": "Kanban",
        "undo": True,
        "changes": {name: [new, old] for name, (old, new) in changes.items()},
    }
    assert not service.can_undo


def test_the_sle_is_cleared_with_none(service):
    board = service.board()
    service.set_sle(board.id, 9)
    assert _call(service, "set_sle", board.id, ("none",)).sle_days is None
    assert service.board().sle_days is None
    assert _last(service, board.id).details["changes"] == {"sle_days": [9, None]}
    assert service.undo() == Undone("SLE of Kanban")
    assert service.board().sle_days == 9


def test_setting_the_same_value_writes_nothing_and_leaves_nothing_to_undo(service):
    board = service.board()
    events = len(service.events(board.id))
    service.set_sle(board.id, None)
    service.set_expedite_limit(board.id, 1)
    service.set_aging_thresholds(board.id, 3, 7)
    service.set_strict(board.id, False)
    assert len(service.events(board.id)) == events
    assert not service.can_undo


def test_strict_is_a_logged_setting_too(service):
    board = service.board()
    assert service.set_strict(service.board("kanban").id, True).strict
    assert _last(service, board.id).details == {
        "board": "Kanban",
        "changes": {"strict": [False, True]},
    }
    assert service.undo() == Undone("strict of Kanban")
    assert not service.board().strict


def test_several_settings_undo_in_reverse_order(service):
    board = service.board()
    service.set_sle(board.id, 9)
    service.set_sle(board.id, 5)
    service.set_expedite_limit(board.id, 3)
    assert [service.undo(), service.undo()] == [
        Undone("expedite limit of Kanban"),
        Undone("SLE of Kanban"),
    ]
    assert (service.board().sle_days, service.board().expedite_limit) == (9, 1)
    assert service.undo() == Undone("SLE of Kanban")
    assert service.board().sle_days is None


BAD = [
    ("set_sle", (0,), "an SLE must be at least 1 day: 0"),
    ("set_sle", ("-3",), "an SLE must be at least 1 day: -3"),
    ("set_sle", ("soon",), "an SLE must be a whole number of days or 'none': 'soon'"),
    ("set_sle", ("2.5",), "an SLE must be a whole number of days or 'none': '2.5'"),
    ("set_expedite_limit", (0,), "an expedite limit must be at least 1: 0"),
    ("set_expedite_limit", ("-1",), "an expedite limit must be at least 1: -1"),
    ("set_expedite_limit", ("one",), "an expedite limit must be a whole number: 'one'"),
    ("set_expedite_limit", ("none",), "an expedite limit must be a whole number: 'none'"),
    ("set_aging_thresholds", (0, 5), "the warning threshold must be at least 1 day: 0"),
    (
        "set_aging_thresholds",
        (2, "x"),
        "the critical threshold must be a whole number of days: 'x'",
    ),
    (
        "set_aging_thresholds",
        (6, 5),
        r"the warning threshold \(6 days\) cannot be above the critical one \(5 days\)",
    ),
]


@pytest.mark.parametrize(("method", "args", "message"), BAD)
def test_a_bad_setting_is_refused_and_changes_nothing(service, method, args, message):
    board = service.board()
    before, events = _settings(service, board.id), service.events(board.id)
    with pytest.raises(InvalidInput, match=f"^{message}$"):
        _call(service, method, board.id, args)
    assert _settings(service, board.id) == before
    assert service.events(board.id) == events
    assert not service.can_undo


def test_an_unknown_board_is_refused(service):
    with pytest.raises(NotFound, match="no board with id 99"):
        service.set_sle(99, 5)
    assert not service.can_undo


def test_the_history_ignores_settings(service, clock):
    board = service.board()
    service.set_sle(board.id, 4)  # the day before the first card
    clock.set(clock.current + timedelta(days=1))
    card = service.add_card(board.id, "Work", column="Ready").card
    clock.set(clock.current + timedelta(days=1))
    service.set_expedite_limit(board.id, 2)
    service.pin_constraint(board.id, "Review")
    service.set_person_limit(board.id, "Brent", 2)
    service.move_card(card.id, "Done")
    clock.set(clock.current + timedelta(days=1))
    events = service.events(board.id)
    assert {e.kind for e in events} >= {EventKind.SETTING, EventKind.LIMIT}
    cards = [e for e in events if e.card_id is not None]
    with_settings = service.history(board.id, clock.current, UTC, events)
    without = service.history(board.id, clock.current, UTC, cards)
    assert with_settings.cards == without.cards
    # The board's first day is its creation, with or without the settings' events.
    assert with_settings.first_day == without.first_day == date(2026, 11, 24)


# ---------------------------------------------------------------------- personal limits


def test_a_personal_limit_is_logged_and_undone(service, clock):
    board = service.board()
    service.set_person_limit(board.id, "Brent", 2)
    event = _last(service, board.id)
    assert (event.kind, event.card_id) == (EventKind.LIMIT, None)
    assert event.details == {"person": "Brent", "old": None, "new": 2}
    # Another spelling changes the same person; the event and the undo use the first one.
    service.set_person_limit(board.id, "BRENT", 3)
    assert _last(service, board.id).details == {"person": "Brent", "old": 2, "new": 3}
    service.set_person_limit(board.id, "brent", None)
    assert _last(service, board.id).details == {"person": "Brent", "old": 3, "new": None}
    assert service.people(board.id) == []

    assert service.undo() == Undone("limit of Brent")  # the removal
    assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [("Brent", 3)]
    assert _last(service, board.id).details == {
        "person": "Brent",
        "old": None,
        "new": 3,
        "undo": True,
    }
    assert service.undo() == Undone("limit of Brent")
    assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [("Brent", 2)]
    assert service.undo() == Undone("limit of Brent")  # Brent had no limit before
    assert service.people(board.id) == []
    assert _last(service, board.id).details == {
        "person": "Brent",
        "old": 2,
        "new": None,
        "undo": True,
    }
    assert not service.can_undo


def test_a_personal_limit_that_changes_nothing_writes_nothing(service):
    board = service.board()
    service.set_person_limit(board.id, "Brent", 2)
    events = len(service.events(board.id))
    service.undo()
    service.set_person_limit(board.id, "Wes", None)  # had none
    assert service.set_person_limit(board.id, "Wes", parsing.limit("none")).wip_limit is None
    service.set_person_limit(board.id, "Patty", 1)
    service.set_person_limit(board.id, "patty", 1)  # the same again
    assert len(service.events(board.id)) == events + 2  # the undo, Patty's limit
    assert service.undo() == Undone("limit of Patty")
    assert not service.can_undo


def test_a_bad_personal_limit_writes_no_event(service):
    board = service.board()
    events = service.events(board.id)
    with pytest.raises(InvalidInput):
        service.set_person_limit(board.id, "Brent", -1)
    with pytest.raises(InvalidInput, match="a person needs a name"):
        service.set_person_limit(board.id, "  ", 2)
    assert service.events(board.id) == events and not service.can_undo


# ---------------------------------------------------------------------- pinned constraint


def _pinned(service: KanbanService, board_id: int) -> list[str]:
    return [c.name for c in service.columns(board_id) if c.is_constraint]


def test_pinning_the_constraint_is_logged_and_undone(service):
    board = service.board()
    pinned = service.pin_constraint(board.id, "ready")
    assert (pinned.name, pinned.is_constraint) == ("Ready", True)
    event = _last(service, board.id)
    assert (event.kind, event.card_id) == (EventKind.SETTING, None)
    assert event.details == {"changes": {"constraint": [None, "Ready"]}}
    service.pin_constraint(board.id, "Review")
    assert _last(service, board.id).details == {"changes": {"constraint": ["Ready", "Review"]}}
    assert service.pin_constraint(board.id, None) is None
    assert _pinned(service, board.id) == []

    assert service.undo() == Undone("constraint pin")
    assert _pinned(service, board.id) == ["Review"]
    assert _last(service, board.id).details == {
        "changes": {"constraint": [None, "Review"]},
        "undo": True,
    }
    assert service.undo() == Undone("constraint pin")
    assert _pinned(service, board.id) == ["Ready"]
    assert service.undo() == Undone("constraint pin")
    assert _pinned(service, board.id) == []
    assert _last(service, board.id).details == {
        "changes": {"constraint": ["Ready", None]},
        "undo": True,
    }
    assert not service.can_undo


def test_pinning_the_same_column_again_writes_nothing(service):
    board = service.board()
    service.pin_constraint(board.id, "Ready")
    events = len(service.events(board.id))
    assert service.pin_constraint(board.id, "READY").is_constraint
    assert service.pin_constraint(board.id, "Ready").name == "Ready"
    assert len(service.events(board.id)) == events
    service.undo()
    assert service.pin_constraint(board.id, None) is None  # nothing pinned: nothing to log
    assert len(service.events(board.id)) == events + 1 and not service.can_undo


def test_an_unknown_constraint_column_writes_nothing(service):
    board = service.board()
    service.pin_constraint(board.id, "Ready")
    events = service.events(board.id)
    with pytest.raises(NotFound, match="no column named 'Nope'"):
        service.pin_constraint(board.id, "Nope")
    assert _pinned(service, board.id) == ["Ready"]
    assert service.events(board.id) == events
