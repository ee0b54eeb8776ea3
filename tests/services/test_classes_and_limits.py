"""Classes of service, due dates, expedite passes, personal WIP limits, min limits and the
pinned constraint, through the service (and so the database)."""

from datetime import date

import pytest

from kanban.domain import parsing
from kanban.domain.bottleneck import PINNED
from kanban.domain.models import ClassOfService, WipStatus
from kanban.domain.wip import wip_status
from kanban.errors import InvalidInput, WipLimitRefused
from kanban.services import KanbanService, Undone


def _fill(service: KanbanService, board_id: int, column: str, n: int) -> None:
    for i in range(n):
        service.add_card(board_id, f"filler {i}", column=column)


def test_a_card_keeps_its_class_and_due_date(service: KanbanService) -> None:
    board = service.board()
    card = service.add_card(
        board.id,
        "Audit report",
        class_of_service=parsing.class_of_service("Fixed-Date"),
        due_date=date(2026, 12, 15),
    ).card
    stored = service.card(card.id)
    assert (stored.class_of_service, stored.due_date) == (
        ClassOfService.FIXED_DATE,
        date(2026, 12, 15),
    )
    plain = service.add_card(board.id, "Plain").card
    assert (plain.class_of_service, plain.due_date) == (ClassOfService.STANDARD, None)
    # A fixed-date card without a due date is allowed (the date may not be known yet).
    undated = service.add_card(board.id, "Undated", class_of_service=ClassOfService.FIXED_DATE).card
    assert service.card(undated.id).due_date is None


def test_edit_changes_class_and_due_date_and_undo_restores_them(service: KanbanService) -> None:
    board = service.board()
    card = service.add_card(
        board.id, "Audit", class_of_service=ClassOfService.FIXED_DATE, due_date=date(2026, 12, 15)
    ).card
    edited = service.edit_card(card.id, class_of_service=ClassOfService.INTANGIBLE, due_date=None)
    assert (edited.class_of_service, edited.due_date) == (ClassOfService.INTANGIBLE, None)
    assert service.snapshot(board.id).find_card(card.id).class_of_service.value == "intangible"
    service.undo()
    again = service.card(card.id)
    assert (again.class_of_service, again.due_date) == (
        ClassOfService.FIXED_DATE,
        date(2026, 12, 15),
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"class_of_service": "urgent"}, "unknown class of service 'urgent'"),
        ({"due_date": "15/12/2026"}, "a due date is YYYY-MM-DD, not '15/12/2026'"),
        ({"due_date": "2026-02-30"}, "a due date is YYYY-MM-DD"),
    ],
)
def test_bad_class_or_due_date_is_refused_and_nothing_written(
    service: KanbanService, fields: dict, message: str
) -> None:
    board = service.board()

    def typed(fields: dict) -> dict:  # text is read as the CLI reads it
        read = {"due_date": parsing.due_date, "class_of_service": parsing.class_of_service}
        return {k: read[k](v) for k, v in fields.items()}

    with pytest.raises(InvalidInput, match=message):
        service.add_card(board.id, "Nope", **typed(fields))
    assert service.snapshot(board.id).all_cards() == []
    card = service.add_card(board.id, "Kept").card
    with pytest.raises(InvalidInput, match=message):
        service.edit_card(card.id, **typed(fields))
    assert service.card(card.id) == card


def test_a_strict_board_lets_an_expedite_card_pass_and_reports_it(
    service: KanbanService,
) -> None:
    board = service.board()
    service.set_strict(board.id, True)
    _fill(service, board.id, "In Progress", 3)  # In Progress is at its limit, 3/3
    with pytest.raises(WipLimitRefused):
        service.add_card(board.id, "Standard work", column="In Progress")
    change = service.add_card(
        board.id, "Payroll is down", column="In Progress", class_of_service=ClassOfService.EXPEDITE
    )
    breach = change.breach
    assert breach is not None
    assert (breach.column.name, breach.count, breach.limit, breach.expedite) == (
        "In Progress",
        4,
        3,
        True,
    )
    assert str(breach) == "In Progress 4/3 (expedite)"
    # The board shows the pass: the column is over its limit.
    snap = service.snapshot(board.id)
    column = snap.column_named("In Progress")
    assert wip_status(column, len(snap.cards_in(column.id))) is WipStatus.OVER


def test_an_expedite_card_moves_into_a_full_column_on_a_strict_board(
    service: KanbanService,
) -> None:
    board = service.board()
    service.set_strict(board.id, True)
    _fill(service, board.id, "Review", 2)  # Review 2/2
    urgent = service.add_card(
        board.id, "Hotfix", column="Ready", class_of_service=ClassOfService.EXPEDITE
    ).card
    normal = service.add_card(board.id, "Feature", column="Ready").card
    with pytest.raises(WipLimitRefused):
        service.move_card(normal.id, "Review")
    change = service.move_card(urgent.id, "Review")
    assert change.breach is not None and change.breach.expedite
    assert (change.breach.count, change.breach.limit) == (3, 2)
    # On a soft board a standard card's breach is not an expedite pass.
    service.set_strict(board.id, False)
    soft = service.move_card(normal.id, "Review").breach
    assert soft is not None and (soft.count, soft.expedite) == (4, False)


def test_personal_limits_are_set_listed_and_removed(service: KanbanService) -> None:
    board = service.board()
    assert service.people(board.id) == []
    service.set_person_limit(board.id, "Brent", 2)
    service.set_person_limit(board.id, "alice", 1)
    # The same person in another case updates the limit, keeping the first spelling.
    assert service.set_person_limit(board.id, "BRENT", 3).name == "Brent"
    assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [
        ("alice", 1),
        ("Brent", 3),
    ]
    service.set_person_limit(board.id, "brent", None)
    assert [p.name for p in service.people(board.id)] == ["alice"]


@pytest.mark.parametrize(
    ("limit", "message"),
    [
        (-1, "a personal WIP limit cannot be negative: -1"),
        ("lots", "a personal WIP limit must be a whole number or 'none'"),
    ],
)
def test_a_bad_personal_limit_is_refused(service: KanbanService, limit, message) -> None:
    board = service.board()
    service.set_person_limit(board.id, "Brent", 2)
    with pytest.raises(InvalidInput, match=message):
        service.set_person_limit(board.id, "Brent", limit)
    assert [(p.name, p.wip_limit) for p in service.people(board.id)] == [("Brent", 2)]


def test_the_view_flags_a_person_over_their_limit(service: KanbanService, clock) -> None:
    from kanban.domain.board_view import build_view

    board = service.board()
    service.set_person_limit(board.id, "Brent", 2)
    for column in ("Ready", "In Progress", "Review"):
        service.add_card(board.id, f"{column} job", column=column, assignee="brent")
    service.add_card(board.id, "Someday", column="Backlog", assignee="Brent")  # not WIP
    service.add_card(board.id, "Shipped", column="Done", assignee="Brent")  # not WIP
    service.add_card(board.id, "Hers", column="Ready", assignee="Alice")
    view = build_view(service.snapshot(board.id), clock(), clock().tzinfo)
    assert [(p.name, p.wip, p.limit, p.over) for p in view.people] == [
        ("Alice", 1, None, False),
        ("Brent", 3, 2, True),
    ]


def test_a_min_limit_is_kept_and_shows_under(service: KanbanService) -> None:
    board = service.board()
    ready = service.column(board.id, "Ready")
    column = service.set_column_limit(ready.id, 5, minimum=2)
    assert (column.wip_limit, column.wip_min) == (5, 2)
    service.add_card(board.id, "Only one", column="Ready")
    snap = service.snapshot(board.id)
    stored = snap.column_named("Ready")
    assert wip_status(stored, len(snap.cards_in(stored.id))) is WipStatus.UNDER
    # Changing only the max keeps the min; undo restores both.
    assert service.set_column_limit(ready.id, 4).wip_min == 2
    assert service.undo() == Undone("limit of Ready")
    restored = service.column(board.id, "Ready")
    assert (restored.wip_limit, restored.wip_min) == (5, 2)
    assert service.undo() == Undone("add #1", 1)
    assert service.undo() == Undone("limit of Ready")
    restored = service.column(board.id, "Ready")
    assert (restored.wip_limit, restored.wip_min) == (5, None)


@pytest.mark.parametrize(
    ("limit", "minimum", "message"),
    [
        (2, 3, r"the minimum \(3\) cannot be above the WIP limit \(2\)"),
        (5, -1, "a minimum cannot be negative: -1"),
    ],
)
def test_a_bad_min_limit_is_refused(service: KanbanService, limit, minimum, message) -> None:
    board = service.board()
    ready = service.column(board.id, "Ready")
    events = len(service.events(board.id))
    with pytest.raises(InvalidInput, match=message):
        service.set_column_limit(ready.id, limit, minimum=minimum)
    assert service.column(board.id, "Ready") == ready
    assert len(service.events(board.id)) == events


def test_a_min_above_a_lowered_max_is_refused(service: KanbanService) -> None:
    board = service.board()
    ready = service.column(board.id, "Ready")
    service.set_column_limit(ready.id, 5, minimum=3)
    with pytest.raises(InvalidInput, match="cannot be above"):
        service.set_column_limit(ready.id, 2)


def test_one_pinned_constraint_per_board_wins_the_bottleneck(service: KanbanService) -> None:
    from kanban.domain.bottleneck import find_bottleneck

    board = service.board()
    _fill(service, board.id, "Review", 3)  # Review over its limit: 3/2
    assert find_bottleneck(service.snapshot(board.id)).column.name == "Review"
    service.pin_constraint(board.id, "Ready")
    service.pin_constraint(board.id, "in progress")
    pinned = [c.name for c in service.columns(board.id) if c.is_constraint]
    assert pinned == ["In Progress"]
    found = find_bottleneck(service.snapshot(board.id))
    assert (found.column.name, found.rule) == ("In Progress", PINNED)
    assert found.reason == "In Progress is the constraint, pinned by the team"
    service.pin_constraint(board.id, None)
    assert not any(c.is_constraint for c in service.columns(board.id))
    assert find_bottleneck(service.snapshot(board.id)).column.name == "Review"
