"""The flow metrics and the forecast of a board, read through the service (``kanban metrics``,
``kanban forecast``; the reports package renders them)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from kanban.domain.aging import WINDOW_DAYS, local_date
from kanban.domain.bottleneck import find_bottleneck
from kanban.domain.limits import HORIZON_DAYS
from kanban.domain.metrics.board_metrics import board_metrics
from kanban.domain.metrics.constraint import BAND_DAYS, find_constraint
from kanban.domain.metrics.forecast import (
    HISTORY_DAYS,
    TRIALS,
    forecast_how_many,
    forecast_when,
    horizon,
    throughput_samples,
)
from kanban.domain.metrics.history import DEFAULT_DAYS, History
from kanban.domain.metrics.queueing import person_waits
from kanban.domain.metrics.report import Forecast, MetricsReport
from kanban.domain.metrics.throughput import throughput_per_day
from kanban.domain.models import Board
from kanban.domain.wip import is_limited
from kanban.errors import InvalidInput
from kanban.services.board_service import KanbanService


def metrics_history(
    service: KanbanService, board_id: int, now: datetime, tz: tzinfo, days: int = DEFAULT_DAYS
) -> History:
    """The history the metrics over the last ``days`` days read: without the cards settled
    before every day they read (finished in a done column, left alone since), but for their
    open stays (``History.settled``)."""
    return service.history(board_id, now, tz, settled=settled_before(now, tz, days))


def settled_before(now: datetime, tz: tzinfo, days: int) -> datetime | None:
    """A moment before every day the metrics over the last ``days`` days read, two days early
    for the zone's offset: their window and the day before it (Little's Law's WIP at its start;
    a Friday before a Monday on business days), the constraint's band growth (``BAND_DAYS``
    back, or the business day before), the aging rule's window and the last 7 days. None: such
    a window reaches back beyond the calendar."""
    back = max(days, BAND_DAYS + 1, WINDOW_DAYS, 7) + 3
    try:
        first = local_date(now, tz) - timedelta(days=back)
        return datetime.combine(first, time(), UTC) - timedelta(days=2)
    except OverflowError:
        return None


def metrics_report(
    service: KanbanService, board_id: int, now: datetime, tz: tzinfo, days: int = DEFAULT_DAYS
) -> MetricsReport:
    """Every metric over the last ``days`` local days (today included), or since the board's
    first day (its creation or first event) if it is younger (days before it would count as
    empty days), and the constraint."""
    if days < 1:
        raise InvalidInput(f"the window must be at least 1 day, not {days}")
    # The bottleneck and the people's load read the cards in progress only (limits apply to
    # no other column); the rest of the board is read as its history and its titles.
    snapshot = service.snapshot(board_id, cards_of=is_limited)
    history = metrics_history(service, board_id, now, tz, days)
    start, end = history.window(days)
    metrics = board_metrics(
        history, max(start, history.first_day), end, sle_days=snapshot.board.sle_days
    )
    constraint = find_constraint(
        find_bottleneck(snapshot), history, metrics.column_times, metrics.cfd
    )
    week = throughput_per_day(history, *history.window(7))
    wip_columns = {c.id for c in snapshot.columns if c.kind.is_wip}
    load = Counter(
        card.assignee
        for card in snapshot.all_cards()
        if card.assignee and card.column_id in wip_columns
    )
    return MetricsReport(
        board=snapshot.board,
        now=now,
        tz=tz,
        history=history,
        metrics=metrics,
        constraint=constraint,
        last_7_days=sum(d.count for d in week),
        titles=service.titles(board_id),
        people=person_waits(load, {}),
        aging_rule=service.aging_rule(snapshot.board, now, tz, history),
    )


def forecast(
    service: KanbanService,
    board: Board,
    items: int,
    now: datetime,
    tz: tzinfo,
    by: date | None = None,
    history_days: int = HISTORY_DAYS,
    seed: int | None = None,
    trials: int = TRIALS,
) -> Forecast:
    """Monte Carlo: when will ``items`` more cards be done, and how many by ``by``?"""
    if items < 1:
        raise InvalidInput(f"the number of items must be at least 1, not {items}")
    if history_days < 1:
        raise InvalidInput(f"the history must be at least 1 day, not {history_days}")
    history = service.history(board.id, now, tz)
    today = history.today
    if by is not None and by < today:
        raise InvalidInput(f"--by {by.isoformat()} is in the past (today is {today.isoformat()})")
    if by is not None and by > horizon(today):
        raise InvalidInput(
            f"--by {by.isoformat()} is beyond the forecast's horizon of {HORIZON_DAYS:,} days "
            f"(ten years, to {horizon(today).isoformat()})"
        )
    samples = throughput_samples(history, history_days)
    business = history.business_days
    when = forecast_when(samples, items, today, trials=trials, seed=seed, business_days=business)
    how_many = (
        forecast_how_many(samples, today, by, trials=trials, seed=seed, business_days=business)
        if by is not None
        else None
    )
    return Forecast(board, today, samples, when, how_many, seed, business)
