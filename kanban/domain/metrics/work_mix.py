"""The four types of work: the unplanned share of WIP and of throughput, and the mix of
finished work per week. A card's type is its latest one (from the CREATE and EDIT events, or
the mapping given to ``build_history``); a card of unknown type counts as planned. On a
business-day board a card finished on a weekend counts on the next business day (its week), as
in the throughput."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.calendar import next_business_day
from kanban.domain.metrics.history import History, Timeline
from kanban.domain.models import WorkType


@dataclass(frozen=True, slots=True)
class Share:
    part: int
    whole: int

    @property
    def ratio(self) -> float | None:
        """0..1; None when there is nothing to share."""
        return self.part / self.whole if self.whole else None


@dataclass(frozen=True, slots=True)
class UnplannedShare:
    wip: Share  # unplanned cards in progress now / WIP now
    throughput: Share  # unplanned cards finished in the window / all finished in it


@dataclass(frozen=True, slots=True)
class TypeCount:
    type: WorkType
    count: int


@dataclass(frozen=True, slots=True)
class WeekMix:
    week: date  # Monday
    counts: tuple[TypeCount, ...]  # every type, in WorkType order


def _finished_in(history: History, start: date, end: date) -> Iterator[tuple[Timeline, date]]:
    """The cards finished from ``start`` to ``end``, each with the day its finish counts on."""
    end = history.series_end(end)  # a weekend end: its finishes count on the Monday after
    business = history.business_days
    for finish in history.finishes():
        found = finish.finished
        if business:
            found = next_business_day(found)
        if start <= found <= end:
            yield finish.card, found


def unplanned_wip(history: History) -> Share:
    """Unplanned cards in progress now / all cards in progress now."""
    unplanned, low, high = WorkType.UNPLANNED, history.start_rank, history.done_rank
    wip = [card.type is unplanned for card in history.cards if low <= card.path[-1].rank < high]
    return Share(sum(wip), len(wip))


def unplanned_share(history: History, start: date, end: date) -> UnplannedShare:
    done = [card.type is WorkType.UNPLANNED for card, _ in _finished_in(history, start, end)]
    return UnplannedShare(unplanned_wip(history), Share(sum(done), len(done)))


def finished_by_type_per_week(history: History, start: date, end: date) -> tuple[WeekMix, ...]:
    """Finished cards per ISO week and type, every week of the range (empty weeks too)."""
    weeks: dict[date, dict[WorkType, int]] = {}
    monday = start - timedelta(days=start.weekday())
    while monday <= history.series_end(end):
        weeks[monday] = dict.fromkeys(WorkType, 0)
        monday += timedelta(days=7)
    for card, day in _finished_in(history, start, end):
        if card.type is not None:
            weeks[day - timedelta(days=day.weekday())][card.type] += 1
    return tuple(
        WeekMix(week, tuple(TypeCount(t, n) for t, n in counts.items()))
        for week, counts in weeks.items()
    )
