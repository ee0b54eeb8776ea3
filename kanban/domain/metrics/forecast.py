"""Monte Carlo forecast (docs/flow.md), from the daily throughput of the last complete days.

Each trial samples days at random, with replacement, from the daily throughput of the last
``days`` complete days (today excluded, days with nothing finished included; days before the
board's first event are left out, the board did not exist then). The forecast counts today as
its first day.

- "When will N items be done": draw days until the sum reaches N; the 85% date is the one on or
  before which 85% of the trials finished (the percentile element of the sorted dates).
- "How many by date D": sum the draws of the days from today to D; read from the top, the 85%
  figure is "at least K items" in 85% of the trials.

The forecast looks at most ``HORIZON_DAYS`` (3,650) calendar days past today: ten years (on a
business-day board, the business days among them). A "when" trial that has not
reached N by then counts as "not within ten years": a percentile that falls on such trials has no
date (``None``; ``horizon`` says until when the forecast looked). "How many by D" needs D within
the horizon.

Long forecasts draw many days at once: while even the busiest sampled day repeated for a whole
block could not reach N, a block of ``BLOCK`` days is drawn as one sum from the exact
distribution of the sum of ``BLOCK`` draws (a convolution), the same result in distribution at a
fraction of the cost; the last stretch is drawn day by day. Short forecasts never take a block.

With fewer than ``MIN_FINISHED`` cards finished in the sampled days the answer says "not enough
history" (``reason``) instead of inventing a number. ``seed`` makes it repeatable.

On a business-day board the samples are the last complete business days (a weekend finish counts
on the next business day) and the forecast steps over business days only: its first day is
today, or the next Monday when today is a weekend day, and every date it gives is a business day.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from kanban.domain.calendar import (
    add_business_days,
    business_dates,
    business_days_before,
    previous_business_day,
)
from kanban.domain.limits import HORIZON_DAYS
from kanban.domain.metrics.history import History
from kanban.domain.metrics.percentiles import MIN_HISTORY, NOT_ENOUGH, PERCENTS, rank_index
from kanban.domain.metrics.throughput import throughput_per_day

TRIALS = 10_000
HISTORY_DAYS = 30
MIN_FINISHED = MIN_HISTORY
BLOCK = 32  # days drawn as one sum in long forecasts


def horizon(today: date) -> date:
    """The last date a forecast from ``today`` looks at: ``HORIZON_DAYS`` days later."""
    return today + timedelta(days=HORIZON_DAYS)


@dataclass(frozen=True, slots=True)
class WhenForecast:
    """``items`` done on or before ``p50``... with 50/70/85/95% probability."""

    items: int
    trials: int
    history_days: int  # sampled days
    p50: date | None
    p70: date | None
    p85: date | None
    p95: date | None
    reason: str | None = None  # set (and the dates None) when there is too little history
    horizon: date | None = None  # a percentile not reached by then is None


@dataclass(frozen=True, slots=True)
class HowManyForecast:
    """At least ``p50``... items done by ``by`` (inclusive) with 50/70/85/95% probability."""

    by: date
    trials: int
    history_days: int
    p50: int | None
    p70: int | None
    p85: int | None
    p95: int | None
    reason: str | None = None


def throughput_samples(history: History, days: int = HISTORY_DAYS) -> tuple[int, ...]:
    """Cards finished on each of the last ``days`` complete local days, oldest first (on a
    business-day board: the last ``days`` complete business days)."""
    end = history.today - timedelta(days=1)
    start = max(history.today - timedelta(days=days), history.first_day)
    if history.business_days:
        end = previous_business_day(end)
        start = max(business_days_before(end, days - 1), history.first_day)
    if start > end:
        return ()
    return tuple(d.count for d in throughput_per_day(history, start, end))


def _shortage(samples: Sequence[int]) -> str | None:
    finished = sum(samples)
    if finished >= MIN_FINISHED:
        return None
    return (
        f"{NOT_ENOUGH}: {finished} finished in the last {len(samples)} complete days "
        f"(need {MIN_FINISHED})"
    )


def _read(outcomes: list[int], descending: bool = False) -> tuple[int, int, int, int]:
    """The outcomes at the 50th, 70th, 85th and 95th percentile."""
    outcomes.sort(reverse=descending)
    p50, p70, p85, p95 = (outcomes[rank_index(len(outcomes), p)] for p in PERCENTS)
    return p50, p70, p85, p95


def forecast_when(
    samples: Sequence[int],
    items: int,
    today: date,
    trials: int = TRIALS,
    seed: int | None = None,
    business_days: bool = False,
) -> WhenForecast:
    """When will ``items`` more cards be done? With ``business_days`` the forecast steps over
    Monday-Friday only: its first day is today, or the next Monday on a weekend. A trial
    that needs more than the horizon's days counts as never (its percentiles are None)."""
    if items < 1 or trials < 1:
        raise ValueError("items and trials must be at least 1")
    last = horizon(today)
    reason = _shortage(samples)
    if reason:
        return WhenForecast(items, trials, len(samples), None, None, None, None, reason, last)
    steps = business_dates(today, last) if business_days else HORIZON_DAYS + 1
    population = list(samples)
    if items > max(population) * steps:  # not even the busiest day every day gets there
        return WhenForecast(items, trials, len(samples), None, None, None, None, None, last)
    rng = random.Random(seed)
    draw = _Draw(population, steps, rng)
    never = steps + 1
    days_needed = [draw.days_to(items) or never for _ in range(trials)]
    found = [None if d == never else d for d in _read(days_needed)]
    if business_days:
        dates = [None if d is None else add_business_days(today, d - 1) for d in found]
    else:
        dates = [None if d is None else today + timedelta(days=d - 1) for d in found]
    p50, p70, p85, p95 = dates
    return WhenForecast(items, trials, len(samples), p50, p70, p85, p95, None, last)


class _Draw:
    """Days drawn from the sampled throughput, one at a time or ``BLOCK`` at once."""

    def __init__(self, population: list[int], steps: int, rng: random.Random) -> None:
        self.population, self.steps, self.rng = population, steps, rng
        self.mean = sum(population) / len(population)
        self.reach = BLOCK * max(population)  # the most a block of days can finish
        self._sums: tuple[list[int], list[float]] | None = None

    def blocks(self, n: int) -> int:
        """The total of ``n`` blocks of ``BLOCK`` days."""
        if self._sums is None:
            self._sums = _block_sums(self.population, BLOCK)
        values, cumulative = self._sums
        return sum(self.rng.choices(values, cum_weights=cumulative, k=n))

    def days(self, n: int) -> int:
        return sum(self.rng.choices(self.population, k=n))

    def days_to(self, items: int) -> int | None:
        """The day the running total reaches ``items``; None beyond the horizon."""
        total = day = 0
        while True:  # blocks that cannot reach ``items`` whatever they hold
            n = min((items - 1 - total) // self.reach, (self.steps - day) // BLOCK)
            if n < 1:
                break
            total, day = total + self.blocks(n), day + n * BLOCK
        # Then draw days in runs about as long as the rest needs (rng.choices and accumulate
        # loop in C-speed comprehensions) and find the day the running sum reaches ``items``.
        run = max(8, math.ceil((items - total) / self.mean * 1.25))
        while day < self.steps:
            run = min(run, self.steps - day)
            sums = list(accumulate(self.rng.choices(self.population, k=run), initial=total))
            reached = bisect_left(sums, items)  # sums[i]: the total after i more days
            if reached < len(sums):
                return day + reached
            total, day = sums[-1], day + run
        return None


def _block_sums(population: Sequence[int], size: int) -> tuple[list[int], list[float]]:
    """Every total ``size`` days drawn from ``population`` can have, with the cumulative
    probabilities (the exact distribution: the ``size``-fold convolution of the sampled one)."""
    single = {v: n / len(population) for v, n in Counter(population).items()}
    totals = {0: 1.0}
    for _ in range(size):
        after: dict[int, float] = {}
        for total, p in totals.items():
            for value, q in single.items():
                after[total + value] = after.get(total + value, 0.0) + p * q
        totals = after
    values = sorted(totals)
    return values, list(accumulate(totals[v] for v in values))


def forecast_how_many(
    samples: Sequence[int],
    today: date,
    by: date,
    trials: int = TRIALS,
    seed: int | None = None,
    business_days: bool = False,
) -> HowManyForecast:
    """How many cards will be done from today to ``by``, both included? (With
    ``business_days``, over the Monday-Friday dates from today to ``by``.)"""
    if not today <= by <= horizon(today) or trials < 1:
        raise ValueError("the date must be from today to the horizon, and trials at least 1")
    reason = _shortage(samples)
    if reason:
        return HowManyForecast(by, trials, len(samples), None, None, None, None, reason)
    rng = random.Random(seed)
    days = business_dates(today, by) if business_days else (by - today).days + 1
    draw = _Draw(list(samples), days, rng)
    blocks, rest = divmod(days, BLOCK) if days >= 4 * BLOCK else (0, days)
    totals = [(draw.blocks(blocks) if blocks else 0) + draw.days(rest) for _ in range(trials)]
    return HowManyForecast(by, trials, len(samples), *_read(totals, descending=True))
