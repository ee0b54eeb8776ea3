"""Little's Law as a stability check: average cycle time ~ average WIP / average throughput,
which holds only when the flow is stable. Not a forecast.

Over a window of local dates: arrivals are the cards that reached the first started column on
those days, departures the cards that finished; the WIP at the start is the WIP at the end of the
day before the window (so ``wip_end - wip_start == arrivals - departures``). The flow counts as
stable when arrivals and departures differ by at most ``tolerance`` (default 20%) of the larger,
or by one card, and something finished.

On a business-day board the averages are per business day: the days are Monday-Friday, a card
arriving or finishing on a weekend counts on the next business day, and the WIP at the start is
the WIP at the end of the business day before the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.calendar import next_business_day, previous_business_day
from kanban.domain.metrics.durations import CardDays, cycle_times
from kanban.domain.metrics.history import History
from kanban.domain.metrics.local_days import before_any
from kanban.domain.metrics.throughput import DayCount, throughput_per_day, wip_per_day


def _arrivals(history: History, start: date, end: date) -> int:
    """The cards whose path reached the first started column from ``start`` to ``end``."""
    low, last, early = history.start_rank, history.series_end(end), before_any(start)
    day, business = history.day, history.business_days
    arrivals = 0
    for card in history.cards:
        for step in card.path:
            if step.rank >= low:
                if step.at >= early:
                    found = day(step.at)
                    if business:
                        found = next_business_day(found)
                    arrivals += start <= found <= last
                break
    return arrivals


@dataclass(frozen=True, slots=True)
class LittlesLaw:
    start: date
    end: date
    average_wip: float
    average_throughput: float  # cards per day
    predicted_cycle_time: float | None  # average WIP / average throughput, days
    mean_cycle_time: float | None  # measured, cards finished in the window (counting rule)
    arrivals: int
    departures: int
    wip_start: int
    wip_end: int
    stable: bool
    reason: str  # one sentence: why it is or is not stable


def littles_law(
    history: History,
    start: date,
    end: date,
    tolerance: float = 0.2,
    *,
    wip: Sequence[DayCount] | None = None,
    done: Sequence[DayCount] | None = None,
    cycles: Sequence[CardDays] | None = None,
    arrivals: int | None = None,
) -> LittlesLaw:
    """Over ``start``..``end``; reads ``wip`` (WIP per day from the day before the window to
    its end), ``done`` (throughput per day over the window), ``cycles`` (cycle times of the
    cards finished in it) and ``arrivals`` when given, as ``board_metrics`` has them."""
    if end < start:
        raise ValueError("the window ends before it starts")
    before = start - timedelta(days=1)
    if history.business_days:
        before = previous_business_day(before)
    if wip is None:
        wip = wip_per_day(history, before, end)
    if done is None:
        done = throughput_per_day(history, start, end)
    if cycles is None:
        cycles = cycle_times(history, start, end)
    days = len(done) or 1  # business days: a window of one weekend has none
    departures = sum(d.count for d in done)
    if arrivals is None:
        arrivals = _arrivals(history, start, end)
    average_wip = sum(d.count for d in wip[1:]) / days
    average_throughput = departures / days
    predicted = average_wip / average_throughput if departures else None
    times = [c.days for c in cycles]
    mean = sum(times) / len(times) if times else None
    gap = abs(arrivals - departures)
    if not departures:
        stable, reason = False, "nothing finished in the window"
    elif gap <= max(1, tolerance * max(arrivals, departures)):
        stable, reason = True, f"arrivals ({arrivals}) ~ departures ({departures})"
    else:
        more = "WIP grows" if arrivals > departures else "WIP shrinks"
        stable, reason = False, f"{more}: {arrivals} arrived, {departures} finished"
    return LittlesLaw(
        start,
        end,
        average_wip,
        average_throughput,
        predicted,
        mean,
        arrivals,
        departures,
        wip[0].count,
        wip[-1].count,
        stable,
        reason,
    )
