"""The board filter: parsing the query and matching cards (pure)."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from kanban.domain.aging import AgingRule, aging_rule
from kanban.domain.filter import parse_filter
from kanban.domain.models import Aging, Board, Card, ColumnKind, WorkType
from kanban.errors import InvalidInput
from tests.domain.factories import T0, card, column


def make(id: int, title: str, kind: str = "business", assignee: str | None = None) -> Card:
    made = card(id, 1)
    made.title, made.type, made.assignee = title, WorkType(kind), assignee
    return made


CARDS = [
    make(1, "Fix payroll outage", "unplanned", "Brent"),
    make(2, "Upgrade the database", "change", "Brent"),
    make(3, "Phoenix release", "business", "Patty"),
    make(12, "Audit the firewall", "internal"),
]
CARDS[0].blocked_reason, CARDS[0].blocked_at = "no vendor", T0


def ids(query: str, aging: dict[int, Aging] | None = None) -> list[int]:
    found = parse_filter(query)
    assert found is not None
    return [c.id for c in CARDS if found.matches(c, (aging or {}).get(c.id, Aging.OK))]


def test_an_empty_query_is_no_filter() -> None:
    assert parse_filter("") is None
    assert parse_filter("   ") is None


def test_words_match_title_and_assignee_ignoring_case_and_all_must_match() -> None:
    assert ids("PAYROLL") == [1]
    assert ids("brent") == [1, 2]  # the assignee
    assert ids("brent database") == [2]  # both words
    assert ids("the") == [2, 12]
    assert ids("nothing-like-this") == []


def test_hash_id_matches_that_card_only() -> None:
    assert ids("#1") == [1]  # not #12
    assert ids("#12") == [12]
    assert ids("#1 #12") == [1, 12]


def test_at_name_is_the_whole_assignee() -> None:
    assert ids("@brent") == [1, 2]
    assert ids("@Patty") == [3]
    assert ids("@bre") == []


def test_type_and_blocked_tokens() -> None:
    assert ids("type:unplanned") == [1]
    assert ids("type:change type:unplanned") == [1, 2]  # either type
    assert ids("is:blocked") == [1]
    assert ids("@brent type:change") == [2]  # keys are ANDed


def test_aging_tokens_use_the_given_levels() -> None:
    levels = {2: Aging.WARNING, 3: Aging.CRITICAL}
    found = parse_filter("aging:warning")
    assert found is not None and found.needs_aging
    assert ids("aging:warning", levels) == [2]
    assert ids("aging:critical", levels) == [3]
    assert ids("aging:warning aging:critical", levels) == [2, 3]
    plain = parse_filter("brent")
    assert plain is not None and not plain.needs_aging


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("type:bug", "unknown type:bug"),
        ("aging:ok", "unknown aging:ok"),
        ("aging:old", "unknown aging:old"),
        ("is:open", "unknown is:open"),
    ],
)
def test_unknown_values_are_refused(query: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        parse_filter(query)


def test_select_computes_aging_from_the_column_and_keeps_order() -> None:
    board = AgingRule.fixed(Board(1, "Test"))  # warning from 3 days, critical from 7
    active = column(1, ColumnKind.ACTIVE)
    now = T0
    cards = [make(i, f"card {i}") for i in (1, 2, 3)]
    for c, days in zip(cards, (1, 4, 8), strict=True):
        c.entered_at = (now - timedelta(days=days - 1)).astimezone(UTC)  # inclusive days
    warning = parse_filter("aging:warning")
    critical = parse_filter("aging:critical")
    assert warning is not None and critical is not None
    assert [c.id for c in warning.select(cards, active, board, now, UTC)] == [2]
    assert [c.id for c in critical.select(cards, active, board, now, UTC)] == [3]
    # Backlog cards do not age.
    backlog = column(2, ColumnKind.BACKLOG)
    assert critical.select(cards, backlog, board, now, UTC) == []
    # The percentile rule judges age: started 10 days ago, percentiles 2/3/5 -> critical;
    # "aging:watch" finds the one at the 50th (2 days in column, no known start).
    ten = {1: now - timedelta(days=9)}
    rule = aging_rule(Board(1, "Test"), [1, 2, 3, 5, 9], ten)
    assert (rule.watch, rule.warning, rule.critical) == (2, 3, 5)
    assert [c.id for c in critical.select(cards, active, rule, now, UTC)] == [1, 3]
    watch = parse_filter("aging:watch")
    assert watch is not None
    assert [c.id for c in watch.select(cards, active, rule, now, UTC)] == []
