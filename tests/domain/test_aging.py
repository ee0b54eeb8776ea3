from datetime import UTC, datetime

import pendulum
import pytest

from kanban.domain.aging import aging_level, card_aging, days_in_column, elapsed_days
from kanban.domain.models import Aging, Board, ColumnKind
from tests.domain.factories import card, column

UTC_ZONE = pendulum.timezone("UTC")


def test_entered_today_is_one_day() -> None:
    start = datetime(2026, 11, 24, 0, 0, tzinfo=UTC)
    assert elapsed_days(start, datetime(2026, 11, 24, 23, 59, tzinfo=UTC), UTC_ZONE) == 1


def test_days_are_counted_in_local_dates() -> None:
    # 23:30 UTC on the 23rd is already the 24th in Berlin; 09:00 UTC on the 24th is the 24th:
    # the same local day, so 1 day, although the UTC dates differ.
    berlin = pendulum.timezone("Europe/Berlin")
    start = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    end = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    assert elapsed_days(start, end, berlin) == 1
    assert elapsed_days(start, end, UTC_ZONE) == 2


@pytest.mark.parametrize(
    ("days", "expected"),
    [(1, Aging.OK), (2, Aging.OK), (3, Aging.WARNING), (6, Aging.WARNING), (7, Aging.CRITICAL)],
)
def test_default_thresholds(days: int, expected: Aging) -> None:
    assert aging_level(days, Board(1, "b")) is expected


def test_board_thresholds_apply() -> None:
    assert aging_level(2, Board(1, "b", warn_days=2, critical_days=4)) is Aging.WARNING
    assert aging_level(4, Board(1, "b", warn_days=2, critical_days=4)) is Aging.CRITICAL


@pytest.mark.parametrize("kind", [ColumnKind.BACKLOG, ColumnKind.DONE])
def test_backlog_and_done_cards_do_not_age(kind: ColumnKind) -> None:
    old = card(1, 1, entered=datetime(2026, 1, 1, tzinfo=UTC))
    now = datetime(2026, 11, 24, tzinfo=UTC)
    assert days_in_column(old, now, UTC_ZONE) == 328
    assert card_aging(old, column(1, kind), Board(1, "b"), now, UTC_ZONE) is Aging.OK
    assert card_aging(old, column(1, ColumnKind.QUEUE), Board(1, "b"), now, UTC_ZONE) is (
        Aging.CRITICAL
    )
