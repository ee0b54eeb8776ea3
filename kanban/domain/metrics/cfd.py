"""The cumulative flow diagram: for each local date, for each column, the number of cards that
have reached that column or a later one by the end of the day.

Backward moves (docs/flow.md: "the card's entry into the later columns is forgotten") are
retroactively: a card moved back from Review to In Progress counts as never having reached
Review, also on the days it was there; it is counted again when it reaches Review anew. So the
lines never go down, a column's line is never below the next one's, and on the last day each
band (a line minus the next) is the number of cards in that column. Deleted cards are not
counted on any day. A removed column has no line: a card that was there counts in the bands
of the live columns it had reached (its place is kept, see ``history``).
On a business-day board only Monday-Friday dates are shown (the counts at the end of each),
through the Monday after a weekend ``end`` (``History.series_end``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

from kanban.domain.calendar import is_business_day
from kanban.domain.metrics.history import History
from kanban.domain.metrics.local_days import day_starts


@dataclass(frozen=True, slots=True)
class CfdDay:
    day: date
    counts: tuple[int, ...]  # per column, left to right


@dataclass(frozen=True, slots=True)
class Cfd:
    columns: tuple[str, ...]  # names, left to right
    column_ids: tuple[int, ...]
    days: tuple[CfdDay, ...]

    def line(self, index: int) -> tuple[int, ...]:
        """Column ``index``'s cumulative line, day by day."""
        return tuple(day.counts[index] for day in self.days)

    def band(self, index: int) -> tuple[int, ...]:
        """Cards in column ``index`` at the end of each day (its band's width)."""
        nxt = index + 1
        return tuple(
            d.counts[index] - (d.counts[nxt] if nxt < len(d.counts) else 0) for d in self.days
        )


def reach_per_day(
    history: History, start: date, end: date, ranks: Sequence[int]
) -> list[list[int]]:
    """For each date from ``start`` to ``end`` (every one, inclusive), the cards whose path
    had reached each of ``ranks`` (rising) or beyond by the end of that day; earlier arrivals
    count on ``start``, so a day's counts do not depend on where the series starts (the
    settled cards, ``History.settled``, all arrived before it)."""
    width, size = len(ranks), (end - start).days + 1
    # Per day, a step that reaches ranks ``below``..``top - 1`` marks +1 at ``below`` and -1
    # at ``top`` (summed across the ranks at the end): a step costs the same whatever it spans.
    stride = width + 1
    delta = [0] * (max(0, size) * stride)
    tops: dict[int, int] = {}  # a step's rank -> how many of ``ranks`` it reaches
    # A step's day: a bisection of the days' first moments (-1: before ``start``, counted on it)
    starts = day_starts(history.tz, start, end) if size > 0 else ()
    first = starts[0] if starts else None
    if size > 0:  # a settled card: the whole path before ``start``, up to its column's rank
        for column_id, count in Counter(stay.column_id for stay in history.settled).items():
            delta[0] += count
            delta[bisect_right(ranks, history.rank(column_id))] -= count
    for card in history.cards:
        path = card.path
        last = path[-1]
        if first is not None and last.at < first:  # the whole path before ``start``
            top = tops.get(last.rank)
            if top is None:
                top = tops[last.rank] = bisect_right(ranks, last.rank)
            delta[0] += 1
            delta[top] -= 1
            continue
        below = 0  # ranks already counting this card
        for at, rank in path:
            top = tops.get(rank)
            if top is None:
                top = tops[rank] = bisect_right(ranks, rank)
            if top <= below:
                continue
            index = bisect_right(starts, at) - 1
            if index < size:
                if index < 0:
                    index = 0
                delta[index * stride + below] += 1
                delta[index * stride + top] -= 1
            below = top
    rows, running = [], [0] * width
    for i in range(max(0, size)):
        row = accumulate(delta[i * stride : i * stride + width])
        running = [a + b for a, b in zip(running, row, strict=True)]
        rows.append(running)
    return rows


def cfd_from(history: History, start: date, rows: Sequence[Sequence[int]]) -> Cfd:
    """The CFD whose days from ``start`` on hold ``rows`` (the live columns' counts); on
    business days the weekend's rows are left out."""
    business = history.business_days
    days = []
    for i, counts in enumerate(rows):
        day = start + timedelta(days=i)
        if not business or is_business_day(day):
            days.append(CfdDay(day, tuple(counts)))
    return Cfd(
        tuple(c.name for c in history.columns),
        tuple(c.id for c in history.columns),
        tuple(days),
    )


def column_ranks(history: History) -> list[int]:
    """The live columns' ranks, left to right (rising)."""
    return [history.rank(column.id) for column in history.columns]


def cumulative_flow(history: History, start: date, end: date) -> Cfd:
    """The CFD from ``start`` to ``end`` (local dates, inclusive); earlier arrivals count on
    ``start``."""
    rows = reach_per_day(history, start, history.series_end(end), column_ranks(history))
    return cfd_from(history, start, rows)
