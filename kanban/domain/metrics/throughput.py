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

from kanban.domain.calendar import is_business_day, next_business_day
from kanban.domain.metrics.cfd import reach_per_day
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
    business = history.business_days
    for finish in history.finishes():
        found = finish.finished
        if business:
            found = next_business_day(found)
        if found in counts:
            counts[found] += 1
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
    """Cards in progress at the end of each local date from ``start`` to ``end``: their path
    had reached the first started column and not yet the first done column."""
    end = history.series_end(end)
    rows = reach_per_day(history, start, end, (history.start_rank, history.done_rank))
    return wip_from(history, start, [row[0] - row[1] for row in rows])


def wip_from(history: History, start: date, counts: list[int]) -> tuple[DayCount, ...]:
    """The WIP series from ``start`` holding ``counts``, day by day (business days only on a
    business-day board)."""
    business = history.business_days
    return tuple(
        DayCount(day, count)
        for day, count in zip(
            _days(start, start + timedelta(days=len(counts) - 1)), counts, strict=True
        )
        if not business or is_business_day(day)
    )
