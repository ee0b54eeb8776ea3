"""Every metric of a board over one window, in one object (what ``kanban metrics`` shows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.calendar import previous_business_day
from kanban.domain.metrics.blocked import BlockedTime, BlockerReason, blocked_times, blocker_reasons
from kanban.domain.metrics.cfd import Cfd, cfd_from, column_ranks, reach_per_day
from kanban.domain.metrics.durations import (
    CardAge,
    CardDays,
    ColumnTime,
    column_times,
    cycle_times,
    lead_times,
    work_item_ages,
)
from kanban.domain.metrics.efficiency import FlowEfficiency, flow_efficiency
from kanban.domain.metrics.history import DEFAULT_DAYS, History
from kanban.domain.metrics.littles_law import LittlesLaw, littles_law
from kanban.domain.metrics.percentiles import Percentiles, ServiceLevel, service_level, summarize
from kanban.domain.metrics.queueing import Wait, column_waits
from kanban.domain.metrics.throughput import (
    DayCount,
    WeekCount,
    per_week,
    throughput_per_day,
    wip_from,
)
from kanban.domain.metrics.work_mix import (
    UnplannedShare,
    WeekMix,
    finished_by_type_per_week,
    unplanned_share,
)


@dataclass(frozen=True, slots=True)
class BoardMetrics:
    start: date
    end: date
    cycle_times: tuple[CardDays, ...]
    lead_times: tuple[CardDays, ...]
    cycle_time: Percentiles
    lead_time: Percentiles
    ages: tuple[CardAge, ...]
    throughput: tuple[DayCount, ...]
    throughput_weeks: tuple[WeekCount, ...]
    wip: tuple[DayCount, ...]
    sle: ServiceLevel
    flow_efficiency: FlowEfficiency
    blocked: tuple[BlockedTime, ...]
    blocker_reasons: tuple[BlockerReason, ...]
    unplanned: UnplannedShare
    work_mix: tuple[WeekMix, ...]
    waits: tuple[Wait, ...]
    column_times: tuple[ColumnTime, ...]
    cfd: Cfd
    littles_law: LittlesLaw


def _cfd_and_wip(history: History, start: date, end: date) -> tuple[Cfd, tuple[DayCount, ...], int]:
    """The CFD from ``start``, the WIP from the day before (Little's Law reads the WIP at the
    window's start) and the arrivals, in one pass over the paths: the WIP is the cards that
    reached the first started column and not the first done one, the arrivals those that
    reached it after the day before the window (a weekend's count on its Monday)."""
    before = start - timedelta(days=1)
    if history.business_days:
        before = previous_business_day(before)
    lines = column_ranks(history)
    ranks = sorted({*lines, history.start_rank, history.done_rank})
    rows = reach_per_day(history, before, history.series_end(end), ranks)
    low, high = ranks.index(history.start_rank), ranks.index(history.done_rank)
    picks = [ranks.index(rank) for rank in lines]
    skip = (start - before).days
    cfd = cfd_from(history, start, [[row[i] for i in picks] for row in rows[skip:]])
    wip = wip_from(history, before, [row[low] - row[high] for row in rows])
    return cfd, wip, rows[-1][low] - rows[0][low] if rows else 0


def board_metrics(
    history: History,
    start: date | None = None,
    end: date | None = None,
    sle_days: float | None = None,
) -> BoardMetrics:
    """All metrics from ``start`` to ``end`` (default: the last ``DEFAULT_DAYS`` days)."""
    default_start, today = history.window(DEFAULT_DAYS)
    start = start or default_start
    end = end or today
    cycles = cycle_times(history, start, end)
    leads = lead_times(history, start, end)
    daily = throughput_per_day(history, start, end)
    cfd, wip, arrivals = _cfd_and_wip(history, start, end)
    return BoardMetrics(
        start=start,
        end=end,
        cycle_times=cycles,
        lead_times=leads,
        cycle_time=summarize([c.days for c in cycles]),
        lead_time=summarize([c.days for c in leads]),
        ages=work_item_ages(history),
        throughput=daily,
        throughput_weeks=per_week(daily),
        wip=wip[1:],
        sle=service_level(history, start, end, sle_days, cycles),
        flow_efficiency=flow_efficiency(history, start, end),
        blocked=blocked_times(history, start, end),
        blocker_reasons=blocker_reasons(history, start, end),
        unplanned=unplanned_share(history, start, end),
        work_mix=finished_by_type_per_week(history, start, end),
        waits=column_waits(history),
        column_times=column_times(history, start, end),
        cfd=cfd,
        littles_law=littles_law(
            history, start, end, wip=wip, done=daily, cycles=cycles, arrivals=arrivals
        ),
    )
