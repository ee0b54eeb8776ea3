"""The Monte Carlo forecast, against throughput histories whose answer is known."""

from __future__ import annotations

import pytest

from kanban.domain.metrics.forecast import (
    forecast_how_many,
    forecast_when,
    throughput_samples,
)
from tests.domain.metrics.log import DEV, DONE, Log, at, on

TODAY = on(30)


def test_constant_throughput_of_two_a_day_gives_an_exact_date():
    # 2 a day, today counted as day 1: 9 items need 5 days (2+2+2+2+2 >= 9) -> today + 4,
    # in every trial, so at every probability.
    found = forecast_when([2] * 30, 9, TODAY, seed=1)
    assert (found.p50, found.p70, found.p85, found.p95) == (on(34),) * 4
    assert (found.items, found.trials, found.history_days, found.reason) == (9, 10_000, 30, None)
    assert forecast_when([2] * 30, 10, TODAY, seed=1).p85 == on(34)  # exactly 5 days
    assert forecast_when([2] * 30, 1, TODAY, seed=1).p95 == TODAY  # done today


def test_how_many_by_a_date_with_constant_throughput():
    # today to today + 6: 7 days * 2 = 14 items, at every probability
    found = forecast_how_many([2] * 30, TODAY, on(36), seed=1)
    assert (found.p50, found.p70, found.p85, found.p95) == (14,) * 4
    assert forecast_how_many([2] * 30, TODAY, TODAY, seed=1).p85 == 2


def test_idle_days_count():
    # Half the days finish 5, half nothing: 5 items need one busy day; the days needed are
    # geometric: P(done within d days) = 1 - 0.5^d -> .5, .75, .875, .9375, .96875.
    # 70% -> 2 days (today + 1), 85% -> 3 days, 95% -> 5 days.
    found = forecast_when([0, 5] * 15, 5, TODAY, seed=7)
    assert (found.p70, found.p85, found.p95) == (on(31), on(32), on(34))


def test_how_many_reads_from_the_top():
    # Days finish 0 or 4 with equal chance; over 2 days the sum is 0 (25%), 4 (50%), 8 (25%).
    # "At least K" with 70%: 4 (75% of trials have 4 or more); with 95%: 0; with 50%: 4.
    found = forecast_how_many([0, 4] * 10, TODAY, on(31), seed=3)
    assert (found.p50, found.p70, found.p95) == (4, 4, 0)


def test_a_seed_repeats_the_forecast():
    samples = [0, 1, 3, 0, 2, 5, 1, 0, 0, 2]
    assert forecast_when(samples, 20, TODAY, seed=5) == forecast_when(samples, 20, TODAY, seed=5)


def test_too_little_history_says_so_instead_of_a_number():
    found = forecast_when([0, 1, 0, 2, 0, 1], 5, TODAY, seed=1)  # 4 finished, 5 needed
    assert found.p85 is None and found.reason.startswith("not enough history")
    assert forecast_how_many([], TODAY, on(31)).reason.startswith("not enough history")


def test_bad_questions_are_refused():
    with pytest.raises(ValueError):
        forecast_when([2] * 10, 0, TODAY)
    with pytest.raises(ValueError):
        forecast_how_many([2] * 10, TODAY, on(29))


def test_samples_are_the_last_complete_days_today_excluded_zero_days_included():
    log = Log()
    for card, day in [(1, 1), (2, 3), (3, 3), (4, 5)]:  # d5 is today: excluded
        log.create(card, 0).path(card, (DEV, 0), (DONE, day))
    history = log.history(at(5, 12))
    assert throughput_samples(history, days=4) == (1, 0, 2, 0)  # d1..d4
    # days before the board's first event (d0) are left out: the board did not exist
    assert throughput_samples(history, days=30) == (0, 1, 0, 2, 0)
