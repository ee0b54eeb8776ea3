"""Personal WIP: cards in queue and active columns per assignee, against personal limits."""

from kanban.domain.models import ColumnKind, Person
from kanban.domain.people import over_limit, person_loads
from tests.domain.factories import card, column, snapshot


def _assigned(id: int, column_id: int, who: str | None):
    made = card(id, column_id)
    made.assignee = who
    return made


def test_wip_counts_queue_and_active_cards_and_flags_who_is_over() -> None:
    columns = [
        column(1, ColumnKind.BACKLOG),
        column(2, ColumnKind.QUEUE),
        column(3, ColumnKind.ACTIVE),
        column(4, ColumnKind.DONE),
    ]
    cards = [
        _assigned(1, 1, "Brent"),
        _assigned(2, 2, "Brent"),
        _assigned(3, 3, "BRENT"),
        _assigned(4, 3, "Brent"),
        _assigned(5, 4, "Brent"),
        _assigned(6, 2, "Wes"),
        _assigned(7, 3, None),
    ]
    snap = snapshot(columns, cards)
    snap.people = [Person(1, "Brent", 2), Person(1, "Wes", 1), Person(1, "Patty", 0)]
    loads = person_loads(snap)
    # Brent: cards 2, 3, 4 (backlog card 1 and done card 5 are not WIP) = 3 > 2.
    assert [(p.name, p.wip, p.limit, p.over) for p in loads] == [
        ("Brent", 3, 2, True),
        ("Patty", 0, 0, False),
        ("Wes", 1, 1, False),
    ]
    assert [p.name for p in over_limit(loads)] == ["Brent"]


def test_without_limits_nobody_is_over() -> None:
    snap = snapshot([column(1, ColumnKind.ACTIVE)], [_assigned(i, 1, "Max") for i in range(9)])
    assert [(p.name, p.wip, p.over) for p in person_loads(snap)] == [("Max", 9, False)]
