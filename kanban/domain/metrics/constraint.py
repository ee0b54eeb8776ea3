"""The constraint (docs/flow.md, "The bottleneck"), with its evidence from the history.

The verdict is the board's current rule (``kanban.domain.bottleneck``: the breached column with
the highest count/limit, else the column holding the oldest work); the history adds evidence:

- the work-in-progress column (queue or active) whose CFD band widened most over the last
  ``BAND_DAYS`` days: cards in it at the end of the day ``BAND_DAYS`` days ago against the end
  of today (only a band that grew is named);
- the work-in-progress column with the longest average time per stay (``column_times`` over the
  metrics' window).

Each line names its column, so evidence pointing elsewhere than the verdict is visible.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.bottleneck import Bottleneck
from kanban.domain.calendar import previous_business_day
from kanban.domain.metrics.cfd import Cfd, column_ranks
from kanban.domain.metrics.durations import ColumnTime
from kanban.domain.metrics.history import History
from kanban.domain.metrics.local_days import day_starts

BAND_DAYS = 14


@dataclass(frozen=True, slots=True)
class BandGrowth:
    """Cards in ``column`` at the end of the day ``BAND_DAYS`` days ago (``before``) and now."""

    column: str
    before: int
    now: int

    @property
    def growth(self) -> int:
        return self.now - self.before


@dataclass(frozen=True, slots=True)
class SlowColumn:
    column: str
    mean_days: float
    stays: int


@dataclass(frozen=True, slots=True)
class Constraint:
    column: str | None  # None: no work in progress
    rule: str | None  # the current rule that named it (bottleneck.OVER_LIMIT / OLDEST_WORK)
    evidence: tuple[str, ...]
    growth: BandGrowth | None  # the fastest-growing queue (None: no band grew)
    slowest: SlowColumn | None  # the longest average time per stay


def band_growth(
    history: History, days: int = BAND_DAYS, cfd: Cfd | None = None
) -> tuple[BandGrowth, ...]:
    """Each work-in-progress column's band, ``days`` days ago and now, left to right (read from
    ``cfd`` when it covers those days: a day's counts do not depend on where the CFD starts)."""
    today = history.today
    start = today - timedelta(days=days)
    if history.business_days:  # the CFD has business dates only: read the last ones
        start, today = previous_business_day(start), previous_business_day(today)
    before: Sequence[int]
    now: Sequence[int]
    if cfd is None or not cfd.days or cfd.days[0].day > start or cfd.days[-1].day != today:
        before, now = lines_at_ends(history, start, today)
    else:
        before = next(d for d in cfd.days if d.day == start).counts
        now = cfd.days[-1].counts
    width = len(now)
    found = []
    for index, column in enumerate(history.columns):
        if column.kind.is_wip:
            nxt = index + 1
            band_before = before[index] - (before[nxt] if nxt < width else 0)
            band_now = now[index] - (now[nxt] if nxt < width else 0)
            found.append(BandGrowth(column.name, band_before, band_now))
    return tuple(found)


def lines_at_ends(history: History, first: date, last: date) -> tuple[Sequence[int], Sequence[int]]:
    """The CFD's counts (each live column's line) at the end of ``first`` and of ``last``, as
    :func:`cumulative_flow` has them on those two days, without the days between: a card
    counts up to the highest rank its path reached before the next day began (settled cards:
    their column's), one comparison per step instead of finding each step's day."""
    early, late = (day_starts(history.tz, day, day)[1] for day in (first, last))
    settled = [history.rank(stay.column_id) for stay in history.settled]
    before, after = settled.copy(), settled  # each card's highest rank by each day's end
    for card in history.cards:
        path = card.path
        at, rank = path[-1]
        if at < late:  # nearly always: the last day is today, and no step lies after now
            after.append(rank)
            if at < early:
                before.append(rank)
                continue
        else:
            for at, rank in reversed(path):
                if at < late:
                    after.append(rank)
                    break
        for at, rank in reversed(path):
            if at < early:
                before.append(rank)
                break
    counts = Counter(before), Counter(after)
    lines = column_ranks(history)
    return (
        [sum(n for rank, n in counts[0].items() if rank >= line) for line in lines],
        [sum(n for rank, n in counts[1].items() if rank >= line) for line in lines],
    )


def slowest_column(history: History, times: Sequence[ColumnTime]) -> SlowColumn | None:
    """The work-in-progress column with the longest mean days per stay (ties: leftmost)."""
    wip = {c.id: c.name for c in history.columns if c.kind.is_wip}
    found = [t for t in times if t.column_id in wip and t.mean_days is not None]
    if not found:
        return None
    best = max(found, key=lambda t: t.mean_days or 0.0)  # max keeps the first of equals
    return SlowColumn(wip[best.column_id], best.mean_days or 0.0, best.stays)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def find_constraint(
    current: Bottleneck | None,
    history: History,
    times: Sequence[ColumnTime],
    cfd: Cfd | None = None,
) -> Constraint:
    """The verdict of the current rule (``find_bottleneck`` on the board now) with the
    history's evidence; ``times`` are the metrics' ``column_times``, ``cfd`` their CFD (read
    again when it does not cover the last ``BAND_DAYS`` days)."""
    growths = band_growth(history, cfd=cfd)
    grown = max(growths, key=lambda g: g.growth, default=None)  # first of equals: leftmost
    if grown is not None and grown.growth <= 0:
        grown = None
    slowest = slowest_column(history, times)
    evidence = [current.reason] if current else ["no work in progress"]
    if grown is not None:
        evidence.append(
            f"{grown.column} grew the most in the last {BAND_DAYS} days "
            f"({grown.before} → {_plural(grown.now, 'card')}: its CFD band widened)"
        )
    elif growths:
        evidence.append(f"no column's CFD band widened in the last {BAND_DAYS} days")
    if slowest is not None:
        evidence.append(
            f"{slowest.column} has the longest average time in column "
            f"({slowest.mean_days:.1f} days per stay, {_plural(slowest.stays, 'stay')})"
        )
    return Constraint(
        current.column.name if current else None,
        current.rule if current else None,
        tuple(evidence),
        grown,
        slowest,
    )
