"""Little's Law as a stability check."""

from __future__ import annotations

import pytest

from kanban.domain.metrics.littles_law import littles_law
from tests.domain.metrics.log import DEV, DONE, Log, at, on


def test_a_steady_flow_is_stable_and_the_law_roughly_holds():
    # one card starts each day d0..d9 and finishes two days later (cycle 3 days by the
    # counting rule); in the window d4..d9: WIP at each day's end is 2, throughput 1 a day
    log = Log()
    for card in range(10):
        log.create(card, 0).move(card, DEV, card).move(card, DONE, card + 2)
    check = littles_law(log.history(at(9, 12)), on(4), on(9))
    assert (check.arrivals, check.departures) == (6, 6)
    assert (check.wip_start, check.wip_end) == (2, 2)
    assert (check.average_wip, check.average_throughput) == (2, 1)
    assert check.predicted_cycle_time == 2  # 2 / 1
    assert check.mean_cycle_time == 3  # the counting rule adds a day
    assert check.stable


def test_wip_growing_is_not_stable():
    # 6 cards start in the window, 1 finishes: WIP grows by 5
    log = Log()
    for card in range(6):
        log.create(card, 0).move(card, DEV, 1)
    log.move(0, DONE, 2)
    check = littles_law(log.history(at(3)), on(1), on(3))
    assert (check.arrivals, check.departures, check.wip_start, check.wip_end) == (6, 1, 0, 5)
    assert not check.stable and "WIP grows" in check.reason


def test_nothing_finished_is_not_stable_and_predicts_nothing():
    check = littles_law(Log().create(1, 0).move(1, DEV, 0).history(at(2)), on(0), on(2))
    assert check.predicted_cycle_time is None and not check.stable


def test_an_empty_window_is_refused():
    with pytest.raises(ValueError):
        littles_law(Log().history(at(2)), on(2), on(1))
