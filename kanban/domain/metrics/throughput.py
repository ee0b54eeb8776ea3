"""Throughput (cards finished) and WIP (cards started, not finished) per local day and week.

Both read each card's path (see ``history``): a reopened card's earlier finish does not count,
and a card is WIP at the end of a day if its path is then between the first started column and
the first done column.

On a business-day board the series hold Monday-Friday dates only: a card finished on a Saturday
or Sunday counts on the next business day (so totals are kept), WIP is read at the end of each
business day, and a week's ``days`` counts its business days. A series asked to end on a
weekend day (today, on a Saturday) runs to the Monday after, which holds that weekend's
finishes so far: no finish is left out of the series.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.calendar import is_business_day
from kanban.domain.metrics.history import History


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True, slots=True)
class WeekCount:
    week: date  # the Monday of the week
    count: int
    days: int  # how many of its days lie in the range asked for (edges may be partial)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def throughput_per_day(history: History, start: date, end: date) -> tuple[DayCount, ...]:
    """Cards finished on each local date from ``start`` to ``end``; days with none count 0."""
    counts = dict.fromkeys(history.dates(start, end), 0)
    for card in history.cards:
        if card.finished is not None:
            day = history.series_day(card.finished)
            if day in counts:
                counts[day] += 1
    return tuple(DayCount(day, count) for day, count in counts.items())


def per_week(days: tuple[DayCount, ...]) -> tuple[WeekCount, ...]:
    """Daily counts summed per ISO week (Monday to Sunday)."""
    weeks: dict[date, list[int]] = {}
    for item in days:
        week = weeks.setdefault(item.day - timedelta(days=item.day.weekday()), [0, 0])
        week[0] += item.count
        week[1] += 1
    return tuple(WeekCount(week, count, n) for week, (count, n) in weeks.items())


def throughput_per_week(history: History, start: date, end: date) -> tuple[WeekCount, ...]:
    return per_week(throughput_per_day(history, start, end))


def wip_per_day(history: History, start: date, end: date) -> tuple[DayCount, ...]:
    """Cards in progress at the end of each local date from ``start`` to ``end``."""
    end = history.series_end(end)
    size = (end - start).days + 1
    delta = [0] * (size + 1)
    for card in history.cards:
        entered = card.reached(history.start_rank)
        if entered is None:
            continue
        first = max(0, (history.day(entered) - start).days)
        left = card.reached(history.done_rank)
        last = size if left is None else min(size, (history.day(left) - start).days)
        if first < last:
            delta[first] += 1
            delta[last] -= 1
    counts, running = [], 0
    for i, day in enumerate(_days(start, end)):
        running += delta[i]
        counts.append(DayCount(day, running))
    if history.business_days:
        return tuple(c for c in counts if is_business_day(c.day))
    return tuple(counts)
