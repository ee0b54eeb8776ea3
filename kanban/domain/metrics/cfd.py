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
from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.calendar import is_business_day
from kanban.domain.metrics.history import History


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


def cumulative_flow(history: History, start: date, end: date) -> Cfd:
    """The CFD from ``start`` to ``end`` (local dates, inclusive); earlier arrivals count on
    ``start``."""
    end = history.series_end(end)
    width = len(history.columns)
    lines = [history.rank(column.id) for column in history.columns]  # rising
    size = (end - start).days + 1
    delta = [[0] * width for _ in range(size)]
    for card in history.cards:
        below = 0  # lines already counting this card
        for step in card.path:
            top = bisect_right(lines, step.rank)  # the live columns reached
            index = max(0, (history.day(step.at) - start).days)
            if index < size:
                row = delta[index]
                for line in range(below, top):
                    row[line] += 1
            below = max(below, top)
    days, running = [], [0] * width
    for i in range(size):
        running = [a + b for a, b in zip(running, delta[i], strict=True)]
        day = start + timedelta(days=i)
        if not history.business_days or is_business_day(day):
            days.append(CfdDay(day, tuple(running)))
    return Cfd(
        tuple(c.name for c in history.columns),
        tuple(c.id for c in history.columns),
        tuple(days),
    )
