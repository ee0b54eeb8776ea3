import pytest

from kanban.domain.models import ClassOfService, ColumnKind, WipStatus
from kanban.domain.wip import (
    breaches_on_entry,
    load_ratio,
    passed_by_expedite,
    split_lane,
    wip_status,
)
from tests.domain.factories import card, column


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, WipStatus.OK), (2, WipStatus.OK), (3, WipStatus.AT), (4, WipStatus.OVER)],
)
def test_status_against_the_limit(count: int, expected: WipStatus) -> None:
    assert wip_status(column(1, limit=3), count) is expected


def test_no_limit_is_always_ok() -> None:
    assert wip_status(column(1, limit=None), 1000) is WipStatus.OK


def test_zero_limit_is_at_when_empty_and_over_with_one() -> None:
    assert wip_status(column(1, limit=0), 0) is WipStatus.AT
    assert wip_status(column(1, limit=0), 1) is WipStatus.OVER
    assert load_ratio(column(1, limit=0), 1) == float("inf")


@pytest.mark.parametrize("kind", [ColumnKind.BACKLOG, ColumnKind.DONE])
def test_backlog_and_done_are_never_flagged(kind: ColumnKind) -> None:
    assert wip_status(column(1, kind, limit=1), 5) is WipStatus.OK
    assert not breaches_on_entry(column(1, kind, limit=1), 5)


def test_minimum_makes_a_starving_column_under() -> None:
    starving = column(1, limit=5)
    starving.wip_min = 2
    assert wip_status(starving, 1) is WipStatus.UNDER
    assert wip_status(starving, 2) is WipStatus.OK


def test_entry_breaches_only_past_the_limit() -> None:
    review = column(1, ColumnKind.QUEUE, limit=2)
    assert not breaches_on_entry(review, 1)  # 2/2: at the limit, not over
    assert breaches_on_entry(review, 2)  # 3/2


def test_the_lane_takes_the_expedite_cards_in_order_except_in_done() -> None:
    cards = [card(n, 1, position=n) for n in range(5)]
    for n in (1, 3):
        cards[n].class_of_service = ClassOfService.EXPEDITE
    lane, others = split_lane(column(1), cards)
    assert ([c.id for c in lane], [c.id for c in others]) == ([1, 3], [0, 2, 4])
    # finished expedite cards stay with the others in a done column
    assert split_lane(column(1, ColumnKind.DONE), cards) == ([], cards)


@pytest.mark.parametrize(
    ("count", "expedite", "passed"),
    [
        (4, 1, True),  # 4/3, 3 without the expedite card: it passed the limit
        (5, 2, True),  # two expedite cards, 3 others
        (4, 0, False),  # over by ordinary cards: a breach
        (5, 1, False),  # 4 others: over even without it
        (3, 1, False),  # at the limit: not over
        (2, 2, False),
    ],
)
def test_an_expedite_card_passing_the_limit(count: int, expedite: int, passed: bool) -> None:
    assert passed_by_expedite(column(1, limit=3), count, expedite) is passed


def test_no_limit_or_an_unlimited_column_is_never_passed() -> None:
    assert not passed_by_expedite(column(1, limit=None), 9, 9)
    assert not passed_by_expedite(column(1, ColumnKind.BACKLOG, limit=1), 2, 1)
    assert passed_by_expedite(column(1, limit=0), 1, 1)  # a zero limit, one expedite card


def test_is_breached_leaves_out_what_expedite_cards_added() -> None:
    from kanban.domain.wip import is_breached

    dev = column(1, ColumnKind.ACTIVE, limit=2)
    urgent = card(1, 1)
    urgent.class_of_service = ClassOfService.EXPEDITE
    assert not is_breached(dev, [urgent, card(2, 1), card(3, 1)])  # 3/2, one expedite
    assert is_breached(dev, [urgent, card(2, 1), card(3, 1), card(4, 1)])  # 4/2: 3 without it
    assert not is_breached(dev, [card(2, 1), card(3, 1)])  # at the limit
    done = column(2, ColumnKind.DONE, limit=1)
    assert not is_breached(done, [urgent, card(5, 2), card(6, 2)])  # done is never flagged
