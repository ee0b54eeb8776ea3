"""The forecast's blocks of days keep the answer of drawing day by day.

The oracle is the day-by-day reading of the forecast, worked out exactly: the chance that the
running total of ``d`` days drawn from the samples has reached N, day after day (``_done_by``),
and the chances of each total of ``d`` days (``_totals``). A straightforward day-by-day Monte
Carlo (``_day_by_day``) is checked against the same oracle, so both are held to one standard.
Each percentile a run reads must sit where the exact distribution puts it, give or take
``SLACK`` (over 4 standard deviations of a percentile read from the trials run here).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kanban.domain.metrics.forecast import (
    HORIZON_DAYS,
    days_needed,
    forecast_how_many,
    forecast_when,
)
from kanban.domain.metrics.percentiles import PERCENTS, rank_index
from tests.domain.metrics.log import on

TODAY = on(30)
TRIALS = 4_000
SLACK = 0.035

samples_ = st.lists(st.integers(0, 4), min_size=1, max_size=30).filter(sum)
blocks = st.sampled_from([None, 1, 2, 4, 8, 16, 32, 64])


def _chances(samples: Sequence[int]) -> dict[int, float]:
    return {v: n / len(samples) for v, n in Counter(samples).items()}


def _done_by(samples: Sequence[int], items: int, steps: int) -> list[float]:
    """done[d]: the chance that ``d`` days reach ``items`` (d = 0..steps; 1.0 past them)."""
    chances, running, done = _chances(samples), {0: 1.0}, [0.0]
    for _ in range(steps):
        after: dict[int, float] = {}
        reached = done[-1]
        for total, p in running.items():
            for value, q in chances.items():
                if total + value >= items:
                    reached += p * q
                else:
                    after[total + value] = after.get(total + value, 0.0) + p * q
        running = after
        done.append(reached)
    return [*done, 1.0]  # steps + 1 stands for "never"


def _totals(samples: Sequence[int], days: int) -> dict[int, float]:
    """The chance of each total of ``days`` days."""
    chances, running = _chances(samples), {0: 1.0}
    for _ in range(days):
        after: dict[int, float] = {}
        for total, p in running.items():
            for value, q in chances.items():
                after[total + value] = after.get(total + value, 0.0) + p * q
        running = after
    return running


def _day_by_day(
    samples: Sequence[int], items: int, steps: int, trials: int, rng: random.Random
) -> list[int | None]:
    """The reference: draw one day at a time until the total reaches ``items``."""
    found: list[int | None] = []
    for _ in range(trials):
        total, day = 0, None
        for step in range(1, steps + 1):
            total += rng.choice(samples)
            if total >= items:
                day = step
                break
        found.append(day)
    return found


def _assert_percentiles_fit(days: list[int | None], done: list[float]) -> None:
    never = len(done) - 1
    ordered = sorted(never if d is None else d for d in days)
    for percent in PERCENTS:
        day = ordered[rank_index(len(ordered), percent)]
        share = percent / 100
        # the p% trial's day: p% of the chances are done by it, and not yet the day before
        assert done[day] >= share - SLACK, (percent, day, done[day])
        assert done[day - 1] <= share + SLACK, (percent, day, done[day - 1])


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    samples=samples_,
    items=st.integers(1, 60),
    steps=st.integers(1, 150),
    block=blocks,
    seed=st.integers(0, 2**32),
)
def test_days_drawn_in_blocks_fall_as_days_drawn_one_by_one(samples, items, steps, block, seed):
    done = _done_by(samples, items, steps)
    _assert_percentiles_fit(
        days_needed(samples, items, steps, TRIALS, random.Random(seed), block), done
    )


@settings(max_examples=15, deadline=None, derandomize=True)
@given(samples=samples_, items=st.integers(1, 30), steps=st.integers(1, 60), seed=st.integers(0, 9))
def test_the_day_by_day_reference_meets_the_same_standard(samples, items, steps, seed):
    done = _done_by(samples, items, steps)
    _assert_percentiles_fit(_day_by_day(samples, items, steps, TRIALS, random.Random(seed)), done)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(samples=samples_, days=st.integers(1, 300), seed=st.integers(0, 2**32))
def test_how_many_sums_its_blocks_as_days_drawn_one_by_one(samples, days, seed):
    found = forecast_how_many(
        samples * 5, TODAY, TODAY + timedelta(days=days - 1), trials=TRIALS, seed=seed
    )
    chances = _totals(samples, days)
    for percent, at_least in zip(
        PERCENTS, (found.p50, found.p70, found.p85, found.p95), strict=True
    ):
        # "at least K" with p%: p% of the chances are K or more, not K + 1 or more
        share = percent / 100
        assert sum(p for t, p in chances.items() if t >= at_least) >= share - SLACK
        assert sum(p for t, p in chances.items() if t > at_least) <= share + SLACK


def test_the_same_seed_gives_the_same_days():
    samples = [0, 1, 0, 2, 3, 0, 1]
    first = days_needed(samples, 500, HORIZON_DAYS + 1, 1_000, random.Random(9))
    assert first == days_needed(samples, 500, HORIZON_DAYS + 1, 1_000, random.Random(9))


# ---------------------------------------------------------------------------------- edges


def test_no_throughput_at_all_says_not_enough_history():
    found = forecast_when([0] * 30, 10_000, TODAY, seed=1)
    assert (found.p50, found.p95) == (None, None)
    assert found.reason == ("not enough history: 0 finished in the last 30 complete days (need 5)")


def test_one_item():
    # Two days in three finish a card: done today with 2/3, by tomorrow 8/9, the day after 26/27
    found = forecast_when([0, 1, 1] * 10, 1, TODAY, seed=2)
    assert (found.p50, found.p70, found.p85, found.p95) == (TODAY, on(31), on(31), on(32))


def test_ten_thousand_items():
    # 0 to 6 a day, 3 on average (sd 2): 10,000 items take 3,333 days on average (sd ~38)
    found = forecast_when(list(range(7)) * 4, 10_000, TODAY, seed=4)
    assert abs((found.p50 - TODAY).days + 1 - 3_333) < 20
    assert found.p50 < found.p70 < found.p85 < found.p95 <= found.horizon
    # at most 2 a day, as on the demo board: not within ten years, said at once
    slow = forecast_when([0, 1, 2] * 10, 10_000, TODAY, seed=4)
    assert (slow.p50, slow.p95, slow.reason) == (None, None, None)
