"""Percentiles of cycle (or lead) times by the rule of docs/flow.md, and the SLE."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from kanban.domain.metrics.durations import CardDays, cycle_times
from kanban.domain.metrics.history import History

PERCENTS = (50, 70, 85, 95)
MIN_HISTORY = 5  # fewer values than this: "not enough history"
NOT_ENOUGH = "not enough history"
SLE_PERCENT = 85


def percentile(values: Sequence[float], percent: float) -> float | None:
    """Sort ascending and take element ``max(1, floor(n * percent / 100))`` (1-based).

    ``percent`` is in percent (85, not 0.85), so the index is exact integer arithmetic.
    None with fewer than ``MIN_HISTORY`` values: not enough history to say.
    """
    if len(values) < MIN_HISTORY:
        return None
    return sorted(values)[rank_index(len(values), percent)]


def rank_index(n: int, percent: float) -> int:
    """The 0-based index of the element ``max(1, floor(n * percent / 100))`` of ``n``."""
    return max(1, int(n * percent // 100)) - 1


@dataclass(frozen=True, slots=True)
class Percentiles:
    """The 50/70/85/95th percentiles and the mean of ``n`` values (days); None where the
    history is too short (percentiles under ``MIN_HISTORY`` values, the mean with none)."""

    n: int
    p50: float | None
    p70: float | None
    p85: float | None
    p95: float | None
    mean: float | None

    @property
    def enough(self) -> bool:
        return self.n >= MIN_HISTORY


def summarize(values: Sequence[float]) -> Percentiles:
    ordered = sorted(values)
    p50, p70, p85, p95 = (percentile(ordered, p) for p in PERCENTS)
    mean = sum(ordered) / len(ordered) if ordered else None
    return Percentiles(len(ordered), p50, p70, p85, p95, mean)


@dataclass(frozen=True, slots=True)
class ServiceLevel:
    """ "``percent``% of cards finish within ``days`` days" (None: not enough history)."""

    days: float | None
    n: int  # cycle times it was read from (0 when set by the team)
    percent: int = SLE_PERCENT
    set_by_team: bool = False


def service_level(
    history: History,
    start: date | None = None,
    end: date | None = None,
    days: float | None = None,
    cycles: Sequence[CardDays] | None = None,
) -> ServiceLevel:
    """The SLE: the 85th percentile of the cycle times of the cards finished between ``start``
    and ``end`` (``cycles``, if already read), unless the team set it (``days``)."""
    if days is not None:
        return ServiceLevel(days, 0, set_by_team=True)
    if cycles is None:
        cycles = cycle_times(history, start, end)
    times = [c.days for c in cycles]
    return ServiceLevel(percentile(times, SLE_PERCENT), len(times))
