"""What ``kanban metrics`` and ``kanban forecast`` show: a board's flow metrics and constraint,
and its Monte Carlo forecast, as values the reports render (the service gathers them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from kanban.domain.aging import AgingRule
from kanban.domain.calendar import business_days_before, previous_business_day
from kanban.domain.metrics.board_metrics import BoardMetrics
from kanban.domain.metrics.constraint import Constraint
from kanban.domain.metrics.forecast import HowManyForecast, WhenForecast
from kanban.domain.metrics.history import History
from kanban.domain.metrics.queueing import Wait
from kanban.domain.models import Board


@dataclass(frozen=True, slots=True)
class MetricsReport:
    board: Board
    now: datetime
    tz: tzinfo
    history: History
    metrics: BoardMetrics
    constraint: Constraint
    last_7_days: int  # cards finished in the 7 days ending today, today included
    titles: Mapping[int, str]  # live card id -> title
    people: tuple[Wait, ...]  # cards in progress per assignee (rule of thumb without limits)
    aging_rule: AgingRule  # the board's aging rule (its own 90-day window, as on the board)

    @property
    def days(self) -> int:
        return (self.metrics.end - self.metrics.start).days + 1

    @property
    def wip(self) -> int:
        """Cards in progress now (at the end of today's count; on a business-day board on a
        weekend, now rather than at the end of Friday)."""
        if self.history.business_days:
            return sum(self.history.is_wip(card) for card in self.history.cards)
        return self.metrics.wip[-1].count if self.metrics.wip else 0


@dataclass(frozen=True, slots=True)
class Forecast:
    board: Board
    today: date
    samples: tuple[int, ...]  # daily throughput sampled, oldest first
    when: WhenForecast
    how_many: HowManyForecast | None  # with a date to forecast to
    seed: int | None

    business_days: bool = False  # samples and forecast over Monday-Friday only

    @property
    def last_sampled(self) -> date:
        yesterday = self.today - timedelta(days=1)
        return previous_business_day(yesterday) if self.business_days else yesterday

    @property
    def first_sampled(self) -> date | None:
        if not self.samples:
            return None
        if self.business_days:
            return business_days_before(self.last_sampled, len(self.samples) - 1)
        return self.today - timedelta(days=len(self.samples))
