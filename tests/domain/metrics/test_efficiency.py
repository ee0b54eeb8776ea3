"""Flow efficiency in seconds: time in active columns, not blocked, over the cycle time."""

from __future__ import annotations

from datetime import timedelta

from kanban.domain.metrics.efficiency import card_efficiency, flow_efficiency
from tests.domain.metrics.log import DEV, DONE, READY, REVIEW, Log, at, on

HOUR = timedelta(hours=1)


def test_active_time_not_blocked_over_cycle_time():
    # Ready d1 09:00 (start) -> In Progress d2 09:00 -> Review d4 09:00 -> Done d5 09:00
    # cycle: 4 days = 96 h; In Progress 48 h, of which blocked 12 h (d3 09:00-21:00): 36 h
    # efficiency 36 / 96 = 0.375
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (REVIEW, 4), (DONE, 5))
    log.block(1, "vendor", 3, hour=9).unblock(1, 3, hour=21)
    history = log.history(at(6))
    found = card_efficiency(history, history.cards[0])
    assert (found.active, found.cycle, found.ratio) == (36 * HOUR, 96 * HOUR, 0.375)


def test_blocked_time_outside_active_columns_changes_nothing():
    # blocked while in Ready: In Progress 24 h of a 48 h cycle = 0.5
    log = Log().create(1, 0).path(1, (READY, 1), (DEV, 2), (DONE, 3))
    log.block(1, "vendor", 1, hour=10).unblock(1, 1, hour=20)
    history = log.history(at(4))
    assert card_efficiency(history, history.cards[0]).ratio == 0.5


def test_the_board_figure_is_time_weighted_and_skips_unfinished_and_instant_cards():
    # card 1: 24 h active of a 48 h cycle; card 2: 24 h active of 24 h;
    # -> (24 + 24) / (48 + 24) = 2/3.  Card 3 is unfinished; card 4 went Backlog -> Done at once
    # (zero cycle time: no efficiency), card 5 finished before the window.
    log = Log()
    log.create(1, 0).path(1, (READY, 1), (DEV, 2), (DONE, 3))
    log.create(2, 0).path(2, (DEV, 2), (DONE, 3))
    log.create(3, 0).move(3, DEV, 1)
    log.create(4, 0).move(4, DONE, 3)
    log.create(5, 0).path(5, (DEV, 0), (DONE, 0))
    history = log.history(at(4))
    found = flow_efficiency(history, on(1), on(4))
    assert (found.n, found.active, found.cycle) == (2, 48 * HOUR, 72 * HOUR)
    assert abs(found.ratio - 2 / 3) < 1e-12
    assert card_efficiency(history, history.cards[2]) is None
    assert card_efficiency(history, history.cards[3]).ratio is None
    assert flow_efficiency(history, on(5), on(6)).ratio is None
