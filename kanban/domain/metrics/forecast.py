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

Long forecasts draw many days at once, with the same result in distribution as drawing them
day by day: a block of 1, 2, 4, ... days is drawn as one sum from the exact distribution of the
sum of that many draws (a convolution of the sampled one with itself). "When" draws blocks until
the running total reaches N, then finds the day inside the block that reached it by halving it:
the first half's total is drawn from its chances given the block's total, and the half that
reaches N is kept, down to one day. "How many" adds up the blocks that make up its days. The
block size is the one that makes least work (``_Sums.best_block``): short forecasts draw single
days, long ones blocks of up to hundreds of days.

With fewer than ``MIN_FINISHED`` cards finished in the sampled days the answer says "not enough
history" (``reason``) instead of inventing a number. ``seed`` makes it repeatable.

On a business-day board the samples are the last complete business days (a weekend finish counts
on the next business day) and the forecast steps over business days only: its first day is
today, or the next Monday when today is a weekend day, and every date it gives is a business day.
"""

from __future__ import annotations

import math
import random
from bisect import bisect, bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate, repeat
from operator import add, mul

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
# What the work costs, roughly (seconds), to choose the block size: the square of the number of
# totals a half can have (the products to work out its block's distribution), one block drawn,
# one halving of a block.
PRODUCT, DRAW, HALVING = 3e-8, 3e-7, 1.2e-6


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
    if items > max(samples) * steps:  # not even the busiest day every day gets there
        return WhenForecast(items, trials, len(samples), None, None, None, None, None, last)
    never = steps + 1
    found = days_needed(samples, items, steps, trials, random.Random(seed))
    days = [None if d == never else d for d in _read([d or never for d in found])]
    if business_days:
        dates = [None if d is None else add_business_days(today, d - 1) for d in days]
    else:
        dates = [None if d is None else today + timedelta(days=d - 1) for d in days]
    p50, p70, p85, p95 = dates
    return WhenForecast(items, trials, len(samples), p50, p70, p85, p95, None, last)


def days_needed(
    samples: Sequence[int],
    items: int,
    steps: int,
    trials: int,
    rng: random.Random,
    block: int | None = None,
) -> list[int | None]:
    """For each trial, the day (1 = today) on which the running total of days drawn from
    ``samples`` reaches ``items``; None when ``steps`` days do not get there. Blocks of
    ``block`` days (a power of two; by default the size that makes least work)
    are drawn as one sum each, and only the block that reaches ``items`` is looked into."""
    sums = _Sums(samples, rng)
    if block is None:
        days = min(steps, items / sums.mean * 1.25)  # about what a trial draws
        block = sums.best_block(days, steps, trials, halving=True)
    segments = _segments(steps, sums.grow(min(block, steps)))
    level, count = segments[0]
    # Every trial's first blocks in one draw: about as many as it needs (1.25 times the blocks
    # the mean needs, at most 64); the rare trial not there yet goes on alone.
    run = min(count, math.ceil(items / (sums.mean * (1 << level)) * 1.25) + 1, 64)
    first = sums.draw(level, run * trials)
    found: list[int | None] = []
    for start in range(0, run * trials, run):
        totals = list(accumulate(first[start : start + run], initial=0))
        reached = bisect_left(totals, items)  # totals[i]: the total after i blocks
        if reached <= run:
            before = totals[reached - 1]
            day = sums.inside(level, totals[reached] - before, items - before)
            found.append((reached - 1 << level) + day)
        else:
            found.append(sums.days_to(items, segments, run, totals[-1]))
    return found


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
    days = business_dates(today, by) if business_days else (by - today).days + 1
    sums = _Sums(samples, random.Random(seed))
    totals = [0] * trials
    block = sums.best_block(days, days, trials, halving=False)
    for level, count in _segments(days, sums.grow(block)):
        if count == 1:  # one block per trial: all the trials' blocks in one draw
            totals = [t + d for t, d in zip(totals, sums.draw(level, trials), strict=True)]
        else:
            totals = [t + sum(sums.draw(level, count)) for t in totals]
    return HowManyForecast(by, trials, len(samples), *_read(totals, descending=True))


def _segments(days: int, size: int) -> list[tuple[int, int]]:
    """``days`` cut into blocks, in order: as many of ``size`` (a power of two) as fit, then one
    of each smaller power of two the rest needs; as (level, count), a block of level k holding
    2**k days."""
    top = size.bit_length() - 1
    full, rest = divmod(days, size)
    segments = [(top, full)] if full else []
    return segments + [(k, 1) for k in reversed(range(top)) if rest >> k & 1]


_Table = tuple[Sequence[int], list[float], float, int]  # values, cumulative weights, total, last


class _Sums:
    """The sampled throughput and the exact distribution of the sum of 1, 2, 4, ... days drawn
    from it (each the previous one convolved with itself), to draw days or blocks of days."""

    def __init__(self, samples: Sequence[int], rng: random.Random | None = None) -> None:
        self.population = list(samples)
        self.rng = rng or random.Random()
        self.mean = sum(self.population) / len(self.population)
        single = [0.0] * (max(self.population) + 1)
        for value, n in Counter(self.population).items():
            single[value] = n / len(self.population)
        self.levels = [single]  # levels[k][s]: the chance that 2**k days finish s items
        self._tables: dict[int, tuple[list[int], list[float]]] = {}
        # _halves[k][s]: the first half's totals when a block of 2**(k+1) days finishes s
        self._halves: list[list[_Table | None]] = []

    def best_block(self, days: float, most: int, trials: int, halving: bool) -> int:
        """The block size (a power of two, at most ``most``) that makes least work of drawing
        ``days`` days in each trial: working out its distribution, then per trial drawing
        ``days`` / size blocks (and, with ``halving``, halving one down to a day)."""
        best = size = 1
        least = trials * days * DRAW
        length, build = len(self.levels[0]), 0.0
        while size * 2 <= most and build < least:
            build += length * length * PRODUCT
            size, length = size * 2, 2 * length - 1
            steps = size.bit_length() - 1
            work = build + trials * (days / size * DRAW + steps * (HALVING if halving else DRAW))
            if work < least:
                best, least = size, work
        return best

    def grow(self, most: int) -> int:
        """Add levels (1, 2, 4, ... days) up to ``most`` days; the largest block size there."""
        while 2 << (len(self.levels) - 1) <= most:
            chances = self.levels[-1]
            size = len(chances)
            doubled = [0.0] * (2 * size - 1)
            for total, p in enumerate(chances):
                if p:  # p times itself, then twice p times each later chance (map runs in C)
                    doubled[2 * total] += p * p
                    row = slice(2 * total + 1, total + size)
                    later = map(mul, chances[total + 1 :], repeat(2 * p))
                    doubled[row] = map(add, doubled[row], later)
            self.levels.append(doubled)
            self._halves.append([None] * len(doubled))
        return 1 << (len(self.levels) - 1)

    def draw(self, level: int, k: int) -> list[int]:
        """The totals of ``k`` blocks of 2**level days."""
        if level == 0:
            return self.rng.choices(self.population, k=k)
        table = self._tables.get(level)
        if table is None:
            chances = self.levels[level]
            values = [s for s, p in enumerate(chances) if p]
            table = self._tables[level] = (values, list(accumulate(chances[s] for s in values)))
        values, cumulative = table
        return self.rng.choices(values, cum_weights=cumulative, k=k)

    def days_to(
        self, items: int, segments: list[tuple[int, int]], skip: int = 0, total: int = 0
    ) -> int | None:
        """The day the running total of the blocks of ``segments`` reaches ``items``, looked up
        inside the block that reaches it; None if none does. The first ``skip`` blocks are
        drawn already and made ``total``."""
        day = skip << segments[0][0]
        for level, count in segments:
            count -= skip
            skip = 0
            while count:
                # About as many blocks as the rest needs (accumulate and bisect run in C)
                run = min(count, math.ceil((items - total) / (self.mean * (1 << level)) * 1.25) + 1)
                sums = list(accumulate(self.draw(level, run), initial=total))
                reached = bisect_left(sums, items)  # sums[i]: the total after i more blocks
                if reached <= run:
                    before = sums[reached - 1]
                    inside = self.inside(level, sums[reached] - before, items - before)
                    return day + (reached - 1 << level) + inside
                total, day, count = sums[-1], day + (run << level), count - run
        return None

    def inside(self, level: int, total: int, items: int) -> int:
        """The day (1..2**level) a block of 2**level days finishing ``total`` (at least
        ``items``) reaches ``items``: halve the block, drawing its first half's total from its
        chances given the whole's (P(a) * P(total - a), over every a), and keep the half that
        reaches ``items``, until a single day is left."""
        day = 1
        random, halves = self.rng.random, self._halves
        while level:
            level -= 1
            values, cumulative, whole, last = halves[level][total] or self._half(level, total)
            first = values[bisect(cumulative, random() * whole, 0, last)]
            if first >= items:
                total = first
            else:
                items, total, day = items - first, total - first, day + (1 << level)
        return day

    def _half(self, level: int, total: int) -> _Table:
        """The totals the first half (2**level days) of a block finishing ``total`` can have,
        with their cumulative weights."""
        chances = self.levels[level]
        top = len(chances) - 1
        low, high = max(0, total - top), min(total, top)
        weights = list(
            map(mul, chances[low : high + 1], reversed(chances[total - high : total - low + 1]))
        )
        while len(weights) > 1 and not weights[-1]:  # totals past the last possible one
            weights.pop()
        values = range(low, low + len(weights))
        cumulative = list(accumulate(weights))
        found = self._halves[level][total] = (values, cumulative, cumulative[-1], len(values) - 1)
        return found
