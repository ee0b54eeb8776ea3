"""The standup's flow figures (docs/flow.md, "The standup"), read from the history with the pure
metrics: the SLE, each finished card's cycle time, the unplanned share of WIP, throughput of
the last 7 days, current WIP and the average age of work in progress."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from kanban.domain.metrics.durations import cycle_times, work_item_ages
from kanban.domain.metrics.history import DEFAULT_DAYS, History
from kanban.domain.metrics.percentiles import ServiceLevel, service_level
from kanban.domain.metrics.throughput import throughput_per_day
from kanban.domain.metrics.work_mix import Share, unplanned_wip


@dataclass(frozen=True, slots=True)
class StandupFlow:
    sle: ServiceLevel  # over the last DEFAULT_DAYS days, or set by the team
    unplanned: Share  # unplanned cards in progress / all cards in progress
    throughput_last_7_days: int  # finished in the 7 local days ending today, today included
    wip: int  # cards in progress now
    average_age: float | None  # mean work item age (days) of the cards in progress; None: none
    cycle_times: Mapping[int, int]  # card id -> cycle time (days), cards finished since ``since``

    def past_sle(self, days: int | None) -> bool | None:
        """Did a cycle time of ``days`` miss the SLE? "85% finish within X days": X itself is
        within. None without a cycle time or an SLE."""
        if days is None or self.sle.days is None:
            return None
        return days > self.sle.days


def standup_flow(history: History, since: date, sle_days: float | None = None) -> StandupFlow:
    """The figures as of ``history.now``; cycle times of the cards finished on or after the
    local date ``since``."""
    start, today = history.window(DEFAULT_DAYS)
    ages = work_item_ages(history)
    week = throughput_per_day(history, *history.window(7))
    cycles = cycle_times(history, min(start, since))  # once, for both uses below
    return StandupFlow(
        sle=service_level(
            history, start, today, sle_days, [c for c in cycles if start <= c.end <= today]
        ),
        unplanned=unplanned_wip(history),
        throughput_last_7_days=sum(d.count for d in week),
        wip=len(ages),
        average_age=sum(a.days for a in ages) / len(ages) if ages else None,
        cycle_times={c.card_id: c.days for c in cycles if c.end >= since},
    )
