"""Lead time, cycle time, work item age and days in column, by the counting rule (docs/flow.md):
``date(end) - date(start) + 1`` in local dates (a card started and finished the same day: 1);
on a business-day board, the Monday-Friday dates in between (``History.count``)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain
from typing import NamedTuple

from kanban.domain.calendar import business_dates, business_days
from kanban.domain.metrics.history import History, Timeline
from kanban.domain.metrics.local_days import day_starts, window_dates


class CardDays(NamedTuple):
    """A finished card's lead or cycle time: ``days`` from ``start`` to ``end`` (local dates).
    (A named tuple, made with ``_made``: a board has tens of thousands, and a frozen
    dataclass is made three times slower.)"""

    card_id: int
    start: date
    end: date
    days: int


class CardAge(NamedTuple):
    """An unfinished, started card's age (started -> now) and where it is (a named tuple, as
    :class:`CardDays`)."""

    card_id: int
    column_id: int
    days: int


_made = tuple.__new__  # a named tuple made without its class's __new__ (as the history's)


@dataclass(frozen=True, slots=True)
class ColumnDays:
    """Days in the card's current column: this stay, and all stays (distinct local dates)."""

    column_id: int
    current: int
    total: int


@dataclass(frozen=True, slots=True)
class ColumnTime:
    """Average days per stay in a column, over the stays that ended in the window."""

    column_id: int
    stays: int
    mean_days: float | None


def _finished(
    history: History, start: date | None, end: date | None, begin: str
) -> tuple[CardDays, ...]:
    """``begin`` (``created`` or ``started``) -> finished, for the cards finished between
    ``start`` and ``end``: their dates read from :meth:`History.finishes`, the counting rule
    inlined."""
    business, started = history.business_days, begin == "started"
    found = []
    for card, created, started_day, last in history.finishes():
        if (start is not None and last < start) or (end is not None and last > end):
            continue
        first_day = started_day if started else created
        if first_day is None:
            continue
        days = business_days(first_day, last) if business else max(1, (last - first_day).days + 1)
        found.append(_made(CardDays, (card.card_id, first_day, last, days)))
    return tuple(found)


def lead_times(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[CardDays, ...]:
    """Created -> finished, for the cards finished between ``start`` and ``end`` (inclusive)."""
    return _finished(history, start, end, "created")


def cycle_times(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[CardDays, ...]:
    """Started -> finished, for the cards finished between ``start`` and ``end`` (inclusive)."""
    return _finished(history, start, end, "started")


def work_item_ages(history: History) -> tuple[CardAge, ...]:
    """Started -> now for the cards in progress now (a card moved back to the backlog is not),
    the oldest first."""
    low, high, today, business = (
        history.start_rank,
        history.done_rank,
        history.today,
        history.business_days,
    )
    first = min(history.first_day, today)
    starts, dates = window_dates(history.tz, first, today)
    size, day = len(dates), history.day
    ages = []
    for card in history.cards:
        started = card.started
        if started is None or not low <= card.path[-1].rank < high:
            continue
        index = bisect_right(starts, started) - 1
        begin = dates[index] if 0 <= index < size else day(started)
        days = business_days(begin, today) if business else max(1, (today - begin).days + 1)
        ages.append(_made(CardAge, (card.card_id, card.stays[-1].column_id, days)))
    return tuple(sorted(ages, key=lambda a: (-a.days, a.card_id)))


def days_in_column(history: History, card: Timeline) -> ColumnDays:
    """The current stay (counting rule), and the total: the distinct local dates the card spent
    in this column over all its stays (two stays on one day count that day once)."""
    column_id = card.column_id
    current = history.elapsed(card.stays[-1].entered, history.now)
    spans = sorted(
        (history.day(s.entered).toordinal(), history.day(s.left or history.now).toordinal())
        for s in card.stays
        if s.column_id == column_id
    )
    total, reach = 0, -1  # reach: the last ordinal counted so far
    for first, last in spans:
        begin = max(first, reach + 1)
        if history.business_days:
            total += business_dates(date.fromordinal(begin), date.fromordinal(last))
        else:
            total += max(0, last - begin + 1)
        reach = max(reach, last)
    # At least 1, as the current stay: on business days a weekend-only stay has no date.
    return ColumnDays(column_id, current, max(1, total))


def column_times(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[ColumnTime, ...]:
    """Mean days per stay (counting rule) for each column, left to right, over the stays that
    ended between ``start`` and ``end``; stays still open count up to now (for "longest average
    time in column"), the settled cards' too (``History.settled``)."""
    sums = {column.id: [0, 0] for column in history.columns}
    now, business, today = history.now, history.business_days, history.today
    low = start.toordinal() if start is not None else -1
    high = end.toordinal() if end is not None else today.toordinal()
    # The dates from the window's start (else the board's first day) to today, by bisection
    # (an earlier moment, whose stay may still have ended in the window, is converted)
    first = min(start if start is not None else history.first_day, today)
    starts, base, day = day_starts(history.tz, first, today), first.toordinal(), history.day
    size = len(starts) - 1

    def ordinal(moment: datetime) -> int:
        index = bisect_right(starts, moment) - 1
        return base + index if 0 <= index < size else day(moment).toordinal()

    # A settled card's stays before its open one all left before ``start``: it has that one.
    settled = ((stay,) for stay in history.settled)
    for stays in chain((card.stays for card in history.cards), settled):
        # Latest first: a card's stays follow each other, so once one left before ``start``
        # every earlier one did too, and the rest of the card's stays are not looked at; a
        # stay left when the next one was entered, whose date is known by then.
        later, later_day = now, today.toordinal()
        for column_id, entered, moment in reversed(stays):
            if moment is None:
                moment = now
            left = later_day if moment == later else ordinal(moment)
            if left < low:
                break
            later = entered
            index = bisect_right(starts, entered) - 1
            later_day = base + index if 0 <= index < size else day(entered).toordinal()
            entry = sums.get(column_id)
            if entry is not None and left <= high:
                if business:
                    entry[0] += business_days(date.fromordinal(later_day), date.fromordinal(left))
                else:
                    entry[0] += max(1, left - later_day + 1)
                entry[1] += 1
    return tuple(
        ColumnTime(column_id, n, total / n if n else None) for column_id, (total, n) in sums.items()
    )
