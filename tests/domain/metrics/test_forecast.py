"""The Monte Carlo forecast, against throughput histories whose answer is known."""

from __future__ import annotations

from datetime import timedelta

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


# ---------------------------------------------------------------------- the ten-year horizon


def test_a_forecast_beyond_ten_years_says_so_instead_of_looping():
    # 2 a day at most: 3,651 days (today and the 3,650 after it) finish 7,302 at most.
    found = forecast_when([2] * 30, 7_303, TODAY, seed=1)
    assert (found.p50, found.p95, found.reason) == (None, None, None)
    assert found.horizon == TODAY + timedelta(days=3650)
    exact = forecast_when([2] * 30, 7_302, TODAY, seed=1)
    assert exact.p50 == exact.p95 == exact.horizon  # the last day of the horizon


def test_only_the_percentiles_past_the_horizon_are_missing():
    # 0 or 2 a day, 1 on average: 3,651 days finish 3,651 on average (sd ~60), so about 80% of
    # the trials get 3,600 items done in time: the 50% date is there, the 95% one is not.
    found = forecast_when([0, 2] * 15, 3_600, TODAY, seed=3)
    assert found.p50 is not None and found.p50 <= found.horizon
    assert found.p95 is None


def test_long_forecasts_taken_in_blocks_keep_the_distribution():
    # 1,000 items at 0.5 a day: ~2,000 days each trial, drawn mostly as blocks of 32 days.
    samples = [0, 1] * 15
    when = forecast_when(samples, 1_000, TODAY, seed=5)
    many = forecast_how_many(samples, TODAY, TODAY + timedelta(days=3650), seed=5)
    # the sum of 3,651 fair coins: mean 1,825.5, sd ~30; the 50% figure sits near the mean
    assert 1_800 <= many.p50 <= 1_850 and many.p95 < many.p50
    # 1,000 items need ~2,000 days (sd ~63): the median near today + 1,999
    assert abs((when.p50 - TODAY).days - 1_999) < 30


def test_how_many_beyond_the_horizon_is_refused():
    with pytest.raises(ValueError):
        forecast_how_many([2] * 30, TODAY, TODAY + timedelta(days=3651))
