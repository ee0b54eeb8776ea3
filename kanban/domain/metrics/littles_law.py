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

from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.calendar import previous_business_day
from kanban.domain.metrics.durations import cycle_times
from kanban.domain.metrics.history import History
from kanban.domain.metrics.throughput import throughput_per_day, wip_per_day


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


def littles_law(history: History, start: date, end: date, tolerance: float = 0.2) -> LittlesLaw:
    if end < start:
        raise ValueError("the window ends before it starts")
    before = start - timedelta(days=1)
    if history.business_days:
        before = previous_business_day(before)
    wip = wip_per_day(history, before, end)
    done = throughput_per_day(history, start, end)
    days = len(done) or 1  # business days: a window of one weekend has none
    departures = sum(d.count for d in done)
    arrivals = sum(
        1
        for card in history.cards
        if (at := card.reached(history.start_rank)) is not None
        and start <= history.series_day(at) <= history.series_end(end)
    )
    average_wip = sum(d.count for d in wip[1:]) / days
    average_throughput = departures / days
    predicted = average_wip / average_throughput if departures else None
    times = [c.days for c in cycle_times(history, start, end)]
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
