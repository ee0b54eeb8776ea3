"""Flow efficiency: time in ``active`` columns, not blocked, over the cycle time.

Unit: **seconds** (exact durations), not the counting rule's days: an hour of work on a card
that started and finished the same day would otherwise count as a whole day, and every
same-day card would be 100% efficient. Time is counted between the card's start and finish
over its real stays (after undo), so days spent in done before a reopen count as not active.
A card with zero cycle time (started and finished in the same instant) has no efficiency.
On a business-day board weekend time is left out of both the active time and the cycle time
(a card whose whole cycle fell on a weekend has no efficiency).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kanban.domain.metrics.history import History, Timeline
from kanban.domain.models import ColumnKind

ZERO = timedelta(0)


@dataclass(frozen=True, slots=True)
class CardEfficiency:
    card_id: int
    active: timedelta  # in active columns and not blocked, between start and finish
    cycle: timedelta  # start -> finish
    ratio: float | None  # active / cycle, 0..1; None when the cycle time is zero


@dataclass(frozen=True, slots=True)
class FlowEfficiency:
    """Over ``n`` finished cards (zero-length cycles left out): total active time / total cycle
    time (time-weighted, so long cards weigh more than a mean of ratios would let them)."""

    n: int
    active: timedelta
    cycle: timedelta
    ratio: float | None  # None with no finished card (or only zero-length ones)


def _overlap(history: History, a: datetime, b: datetime, c: datetime, d: datetime) -> timedelta:
    start, end = max(a, c), min(b, d)
    return history.duration(start, end) if start < end else ZERO


def _active_ids(history: History) -> frozenset[int]:
    return frozenset(key for key, kind in history.kinds.items() if kind is ColumnKind.ACTIVE)


def _active(
    history: History, card: Timeline, begin: datetime, finish: datetime, active_ids: frozenset[int]
) -> timedelta:
    """The card's time in active columns, not blocked, between ``begin`` and ``finish``."""
    now, business = history.now, history.business_days
    active = ZERO
    for column_id, entered, left in card.stays:
        if column_id not in active_ids:
            continue
        start = entered if entered > begin else begin
        stop = now if left is None else left
        end = stop if stop < finish else finish
        if start < end:
            active += history.duration(start, end) if business else end - start
            for block in card.blocks:
                active -= _overlap(history, block.start, block.end or now, start, end)
    return active


def card_efficiency(
    history: History, card: Timeline, active_ids: frozenset[int] | None = None
) -> CardEfficiency | None:
    """None for a card not finished (or never started); ``active_ids``: the active columns'
    keys, removed ones too (read from the history unless given)."""
    if card.started is None or card.finished is None:
        return None
    begin, finish = card.started, card.finished
    if active_ids is None:
        active_ids = _active_ids(history)
    active = _active(history, card, begin, finish, active_ids)
    cycle = history.duration(begin, finish)
    ratio = active / cycle if cycle > ZERO else None
    return CardEfficiency(card.card_id, active, cycle, ratio)


def flow_efficiency(
    history: History, start: date | None = None, end: date | None = None
) -> FlowEfficiency:
    """For the cards finished between ``start`` and ``end`` (local dates, inclusive)."""
    active = cycle = ZERO
    n = 0
    duration, active_ids = history.duration, _active_ids(history)
    for card, _created, _started, finished in history.finishes():
        begin, finish = card.started, card.finished
        if begin is None or finish is None:
            continue
        if (start is not None and finished < start) or (end is not None and finished > end):
            continue
        length = duration(begin, finish)
        if length > ZERO:  # a zero-length cycle has no efficiency
            n += 1
            active += _active(history, card, begin, finish, active_ids)
            cycle += length
    return FlowEfficiency(n, active, cycle, active / cycle if cycle > ZERO else None)
