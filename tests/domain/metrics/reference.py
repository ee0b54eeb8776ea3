"""The metrics written straight from their definitions, one card and one day at a time, with
the local dates converted each time (as the code read before the metrics were made fast): the
property tests hold the fast ones equal to these over random histories."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from kanban.domain.aging import local_date
from kanban.domain.calendar import is_business_day, previous_business_day
from kanban.domain.metrics.blocked import BlockedTime, BlockerReason
from kanban.domain.metrics.cfd import Cfd, CfdDay
from kanban.domain.metrics.durations import CardAge, CardDays, ColumnTime
from kanban.domain.metrics.efficiency import CardEfficiency, FlowEfficiency
from kanban.domain.metrics.history import History, Timeline
from kanban.domain.metrics.littles_law import LittlesLaw
from kanban.domain.metrics.littles_law import littles_law as fast_littles_law
from kanban.domain.metrics.percentiles import service_level
from kanban.domain.metrics.queueing import Wait, _wait
from kanban.domain.metrics.throughput import DayCount
from kanban.domain.metrics.work_mix import Share, TypeCount, UnplannedShare, WeekMix
from kanban.domain.models import ColumnKind, WorkType
from kanban.domain.standup_flow import DEFAULT_DAYS, StandupFlow

ZERO = timedelta(0)


def day(history: History, moment: datetime) -> date:
    return local_date(moment, history.tz)


def series_day(history: History, moment: datetime) -> date:
    found = day(history, moment)
    if history.business_days and found.weekday() >= 5:
        return found + timedelta(days=7 - found.weekday())
    return found


def elapsed(history: History, start: datetime, end: datetime) -> int:
    return history.count(day(history, start), day(history, end))


def _in(found: date, start: date | None, end: date | None) -> bool:
    return (start is None or found >= start) and (end is None or found <= end)


def _spans(history: History, card: Timeline, begin: str, start, end) -> tuple[CardDays, ...]:
    found = []
    for c in history.cards:
        moment = getattr(c, begin)
        if c.finished is None or moment is None or not _in(day(history, c.finished), start, end):
            continue
        found.append(
            CardDays(
                c.card_id,
                day(history, moment),
                day(history, c.finished),
                elapsed(history, moment, c.finished),
            )
        )
    return tuple(found)


def lead_times(history: History, start=None, end=None) -> tuple[CardDays, ...]:
    return _spans(history, None, "created", start, end)


def cycle_times(history: History, start=None, end=None) -> tuple[CardDays, ...]:
    return _spans(history, None, "started", start, end)


def work_item_ages(history: History) -> tuple[CardAge, ...]:
    ages = [
        CardAge(card.card_id, card.column_id, elapsed(history, card.started, history.now))
        for card in history.cards
        if card.started is not None and history.is_wip(card)
    ]
    return tuple(sorted(ages, key=lambda a: (-a.days, a.card_id)))


def column_times(history: History, start=None, end=None) -> tuple[ColumnTime, ...]:
    sums = {column.id: [0, 0] for column in history.columns}
    for card in history.cards:
        for stay in card.stays:
            left = stay.left or history.now
            if stay.column_id in sums and _in(day(history, left), start, end):
                sums[stay.column_id][0] += elapsed(history, stay.entered, left)
                sums[stay.column_id][1] += 1
    return tuple(ColumnTime(c, n, total / n if n else None) for c, (total, n) in sums.items())


def throughput_per_day(history: History, start: date, end: date) -> tuple[DayCount, ...]:
    counts = dict.fromkeys(history.dates(start, end), 0)
    for card in history.cards:
        if card.finished is not None and series_day(history, card.finished) in counts:
            counts[series_day(history, card.finished)] += 1
    return tuple(DayCount(d, n) for d, n in counts.items())


def _dates(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def wip_per_day(history: History, start: date, end: date) -> tuple[DayCount, ...]:
    """Each day, the cards whose path reached the first started column and not yet the first
    done column by its end."""
    counts = []
    for when in _dates(start, history.series_end(end)):
        n = 0
        for card in history.cards:
            entered, left = card.reached(history.start_rank), card.reached(history.done_rank)
            if (
                entered is not None
                and day(history, entered) <= when
                and (left is None or day(history, left) > when)
            ):
                n += 1
        if not history.business_days or is_business_day(when):
            counts.append(DayCount(when, n))
    return tuple(counts)


def cumulative_flow(history: History, start: date, end: date) -> Cfd:
    """Each day, each live column: the cards whose path reached it or beyond by the day's end
    (steps before ``start`` count on ``start``)."""
    days = []
    for when in _dates(start, history.series_end(end)):
        counts = []
        for column in history.columns:
            rank = history.rank(column.id)
            reached = [card.reached(rank) for card in history.cards]
            counts.append(sum(at is not None and day(history, at) <= when for at in reached))
        if not history.business_days or is_business_day(when):
            days.append(CfdDay(when, tuple(counts)))
    return Cfd(
        tuple(c.name for c in history.columns), tuple(c.id for c in history.columns), tuple(days)
    )


def card_efficiency(history: History, card: Timeline) -> CardEfficiency | None:
    if card.started is None or card.finished is None:
        return None
    begin, finish = card.started, card.finished
    active_ids = {key for key, kind in history.kinds.items() if kind is ColumnKind.ACTIVE}

    def overlap(a, b, c, d):
        lo, hi = max(a, c), min(b, d)
        return history.duration(lo, hi) if lo < hi else ZERO

    active = ZERO
    for stay in card.stays:
        if stay.column_id not in active_ids:
            continue
        left = stay.left or history.now
        active += overlap(stay.entered, left, begin, finish)
        for block in card.blocks:
            lo, hi = max(stay.entered, begin), min(left, finish)
            if lo < hi:
                active -= overlap(block.start, block.end or history.now, lo, hi)
    cycle = history.duration(begin, finish)
    return CardEfficiency(card.card_id, active, cycle, active / cycle if cycle > ZERO else None)


def flow_efficiency(history: History, start=None, end=None) -> FlowEfficiency:
    active = cycle = ZERO
    n = 0
    for card in history.cards:
        if card.finished is None or not _in(day(history, card.finished), start, end):
            continue
        found = card_efficiency(history, card)
        if found is None or found.ratio is None:
            continue
        n, active, cycle = n + 1, active + found.active, cycle + found.cycle
    return FlowEfficiency(n, active, cycle, active / cycle if cycle > ZERO else None)


def _blocks(history: History, card: Timeline, start, end):
    return [b for b in card.blocks if _in(day(history, b.start), start, end)]


def blocked_times(history: History, start=None, end=None) -> tuple[BlockedTime, ...]:
    found = []
    for card in history.cards:
        spans = _blocks(history, card, start, end)
        if spans:
            total = sum(
                (history.duration(b.start, b.end or history.now) for b in spans), timedelta(0)
            )
            found.append(BlockedTime(card.card_id, total, len(spans), spans[-1].end is None))
    return tuple(sorted(found, key=lambda b: (-b.total, b.card_id)))


def blocker_reasons(history: History, start=None, end=None) -> tuple[BlockerReason, ...]:
    groups: dict[str, BlockerReason] = {}
    for card in history.cards:
        for block in _blocks(history, card, start, end):
            text = " ".join(block.reason.split())
            seen = groups.get(text.casefold()) or BlockerReason(text, 0, timedelta(0))
            length = history.duration(block.start, block.end or history.now)
            groups[text.casefold()] = BlockerReason(
                seen.reason, seen.count + 1, seen.total + length
            )
    reasons = list(groups.values())
    return tuple(sorted(reasons, key=lambda r: (-r.count, -r.total, r.reason.casefold())))


def _finished_in(history: History, start: date, end: date) -> Iterator[tuple[Timeline, date]]:
    for card in history.cards:
        if card.finished is not None:
            found = series_day(history, card.finished)
            if start <= found <= history.series_end(end):
                yield card, found


def unplanned_share(history: History, start: date, end: date) -> UnplannedShare:
    wip = [card for card in history.cards if history.is_wip(card)]
    done = [card for card, _ in _finished_in(history, start, end)]
    unplanned = WorkType.UNPLANNED
    return UnplannedShare(
        Share(sum(c.type is unplanned for c in wip), len(wip)),
        Share(sum(c.type is unplanned for c in done), len(done)),
    )


def finished_by_type_per_week(history: History, start: date, end: date) -> tuple[WeekMix, ...]:
    """Each Monday from the one on or before ``start`` through the series' end, and for each
    type the finished cards whose day falls in that week, counted one week at a time."""
    finished = list(_finished_in(history, start, end))
    first = start - timedelta(days=start.weekday())
    mondays = [d for d in _dates(first, history.series_end(end)) if d.weekday() == 0]
    return tuple(
        WeekMix(
            monday,
            tuple(
                TypeCount(
                    kind,
                    sum(
                        card.type is kind and monday <= found <= monday + timedelta(days=6)
                        for card, found in finished
                    ),
                )
                for kind in WorkType
            ),
        )
        for monday in mondays
    )


def column_waits(history: History) -> tuple[Wait, ...]:
    return tuple(
        _wait(c.name, sum(card.column_id == c.id for card in history.cards), c.wip_limit)
        for c in history.columns
    )


def littles_law(history: History, start: date, end: date, tolerance: float = 0.2) -> LittlesLaw:
    """The law's inputs counted by definition; its arithmetic and verdict are the module's."""
    before = start - timedelta(days=1)
    if history.business_days:
        before = previous_business_day(before)
    arrivals = sum(
        1
        for card in history.cards
        if (at := card.reached(history.start_rank)) is not None
        and start <= series_day(history, at) <= history.series_end(end)
    )
    return fast_littles_law(
        history,
        start,
        end,
        tolerance,
        wip=wip_per_day(history, before, end),
        done=throughput_per_day(history, start, end),
        cycles=cycle_times(history, start, end),
        arrivals=arrivals,
    )


def standup_flow(history: History, since: date, sle_days: float | None = None) -> StandupFlow:
    start, today = history.window(DEFAULT_DAYS)
    ages = work_item_ages(history)
    cycles = cycle_times(history, start, today)
    return StandupFlow(
        sle=service_level(history, start, today, sle_days, cycles),
        unplanned=unplanned_share(history, today, today).wip,
        throughput_last_7_days=sum(
            d.count for d in throughput_per_day(history, *history.window(7))
        ),
        wip=len(ages),
        average_age=sum(a.days for a in ages) / len(ages) if ages else None,
        cycle_times={c.card_id: c.days for c in cycle_times(history, since)},
    )
