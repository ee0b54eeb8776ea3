from datetime import timedelta

from kanban.domain.bottleneck import OLDEST_WORK, OVER_LIMIT, find_bottleneck
from kanban.domain.models import ColumnKind
from tests.domain.factories import T0, card, column, snapshot

BACKLOG, DONE, QUEUE, ACTIVE = (
    ColumnKind.BACKLOG,
    ColumnKind.DONE,
    ColumnKind.QUEUE,
    ColumnKind.ACTIVE,
)


def test_highest_ratio_of_the_breached_columns_wins() -> None:
    ready = column(1, QUEUE, limit=4, name="Ready")  # 5/4 = 1.25
    review = column(2, QUEUE, limit=2, name="Review")  # 3/2 = 1.5
    cards = [card(i, 1) for i in range(5)] + [card(10 + i, 2) for i in range(3)]
    found = find_bottleneck(snapshot([ready, review], cards))
    assert found is not None
    assert (found.column.name, found.rule) == ("Review", OVER_LIMIT)
    assert "3/2" in found.reason


def test_equal_ratios_go_to_the_column_holding_the_oldest_card() -> None:
    dev = column(1, ACTIVE, limit=2, name="Dev")
    review = column(2, QUEUE, limit=2, name="Review")
    cards = [card(1, 1), card(2, 1), card(3, 1)]
    cards += [card(4, 2), card(5, 2, entered=T0 - timedelta(days=9)), card(6, 2)]
    found = find_bottleneck(snapshot([dev, review], cards))
    assert found is not None and found.column.name == "Review"


def test_at_the_limit_is_not_a_breach() -> None:
    dev = column(1, ACTIVE, limit=2, name="Dev")
    review = column(2, QUEUE, limit=3, name="Review")
    cards = [card(1, 1, entered=T0 - timedelta(days=1)), card(2, 1)]
    cards += [card(3, 2, entered=T0 - timedelta(days=5))]
    found = find_bottleneck(snapshot([dev, review], cards))
    assert found is not None
    assert (found.column.name, found.rule) == ("Review", OLDEST_WORK)


def test_without_breach_backlog_and_done_never_hold_the_oldest_work() -> None:
    backlog = column(1, BACKLOG, name="Backlog")
    dev = column(2, ACTIVE, limit=3, name="Dev")
    done = column(3, DONE, name="Done")
    cards = [card(1, 1, entered=T0 - timedelta(days=90)), card(2, 3, entered=T0 - timedelta(60))]
    cards += [card(3, 2, entered=T0 - timedelta(days=2))]
    found = find_bottleneck(snapshot([backlog, dev, done], cards))
    assert found is not None
    assert (found.column.name, found.rule) == ("Dev", OLDEST_WORK)


def test_backlog_over_its_limit_is_no_bottleneck() -> None:
    backlog = column(1, BACKLOG, limit=1, name="Backlog")
    assert find_bottleneck(snapshot([backlog], [card(1, 1), card(2, 1)])) is None


def test_no_work_in_progress_means_no_bottleneck() -> None:
    assert find_bottleneck(snapshot([column(1, ACTIVE, limit=3)], [])) is None


def test_a_pinned_column_wins_over_a_breach() -> None:
    from kanban.domain.bottleneck import PINNED

    dev = column(1, ACTIVE, limit=1, name="Dev")  # 3/1: breached
    test = column(2, QUEUE, limit=5, name="Test")
    test.is_constraint = True
    found = find_bottleneck(snapshot([dev, test], [card(1, 1), card(2, 1), card(3, 1)]))
    assert found is not None
    assert (found.column.name, found.rule) == ("Test", PINNED)
    assert found.reason == "Test is the constraint, pinned by the team"


def test_a_column_over_only_by_expedite_cards_is_not_breached() -> None:
    from kanban.domain.models import ClassOfService

    # Dev (limit 2) holds 3 cards, one expedite: over, but only by the expedite card, which
    # may pass the limit. Test (limit 1) holds 2 ordinary cards: the real breach.
    dev, test = column(1, ColumnKind.ACTIVE, limit=2), column(2, ColumnKind.QUEUE, limit=1)
    urgent = card(1, 1, T0 - timedelta(days=9))
    urgent.class_of_service = ClassOfService.EXPEDITE
    cards = [urgent, card(2, 1), card(3, 1), card(4, 2), card(5, 2)]
    found = find_bottleneck(snapshot([dev, test], cards))
    assert found is not None and (found.column.id, found.rule) == (2, OVER_LIMIT)
    # Without Test's breach, Dev is not "over limit": it holds the oldest work.
    found = find_bottleneck(snapshot([dev, test], cards[:4]))
    assert found is not None and (found.column.id, found.rule) == (1, OLDEST_WORK)
