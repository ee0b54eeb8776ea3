"""Lead time, cycle time, work item age and days in column, by the counting rule (docs/flow.md):
``date(end) - date(start) + 1`` in local dates (a card started and finished the same day: 1);
on a business-day board, the Monday-Friday dates in between (``History.count``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from kanban.domain.calendar import business_dates
from kanban.domain.metrics.history import History, Timeline


@dataclass(frozen=True, slots=True)
class CardDays:
    """A finished card's lead or cycle time: ``days`` from ``start`` to ``end`` (local dates)."""

    card_id: int
    start: date
    end: date
    days: int


@dataclass(frozen=True, slots=True)
class CardAge:
    """An unfinished, started card's age (started -> now) and where it is."""

    card_id: int
    column_id: int
    days: int


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


def _in(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or day >= start) and (end is None or day <= end)


def _span(history: History, card: Timeline, begin: datetime, finish: datetime) -> CardDays:
    return CardDays(
        card.card_id,
        history.day(begin),
        history.day(finish),
        history.elapsed(begin, finish),
    )


def lead_times(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[CardDays, ...]:
    """Created -> finished, for the cards finished between ``start`` and ``end`` (inclusive)."""
    return tuple(
        _span(history, card, card.created, card.finished)
        for card in history.cards
        if card.finished is not None and _in(history.day(card.finished), start, end)
    )


def cycle_times(
    history: History, start: date | None = None, end: date | None = None
) -> tuple[CardDays, ...]:
    """Started -> finished, for the cards finished between ``start`` and ``end`` (inclusive)."""
    return tuple(
        _span(history, card, card.started, card.finished)
        for card in history.cards
        if card.finished is not None
        and card.started is not None
        and _in(history.day(card.finished), start, end)
    )


def work_item_ages(history: History) -> tuple[CardAge, ...]:
    """Started -> now for the cards in progress now (a card moved back to the backlog is not),
    the oldest first."""
    ages = [
        CardAge(card.card_id, card.column_id, history.elapsed(card.started, history.now))
        for card in history.cards
        if card.started is not None and history.is_wip(card)
    ]
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
    time in column")."""
    sums = {column.id: [0, 0] for column in history.columns}
    day, now, count = history.day, history.now, history.count
    today = day(now)
    for card in history.cards:
        # Latest first: a card's stays follow each other, so once one left before ``start``
        # every earlier one did too, and the rest of the card's stays are not looked at; a
        # stay left when the next one was entered, whose date is known by then.
        later, later_day = now, today
        for stay in reversed(card.stays):
            moment = stay.left or now
            left = later_day if moment == later else day(moment)
            if start is not None and left < start:
                break
            later, later_day = stay.entered, day(stay.entered)
            entry = sums.get(stay.column_id)
            if entry is not None and (end is None or left <= end):
                entry[0] += count(later_day, left)
                entry[1] += 1
    return tuple(
        ColumnTime(column_id, n, total / n if n else None) for column_id, (total, n) in sums.items()
    )
