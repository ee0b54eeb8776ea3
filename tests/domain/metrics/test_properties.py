"""Properties that hold on any event history: random moves, undos, blocks, deletes and restores
of a few cards over a few days across the five columns."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from kanban.domain.metrics.cfd import cumulative_flow
from kanban.domain.metrics.durations import (
    column_times,
    cycle_times,
    days_in_column,
    lead_times,
)
from kanban.domain.metrics.percentiles import PERCENTS, percentile, summarize
from kanban.domain.metrics.throughput import throughput_per_day, wip_per_day
from tests.domain.metrics.log import COLUMNS, Log, at

ZONES = [UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Kolkata")]
ACTIONS = ["move", "move", "move", "undo", "block", "unblock", "delete", "restore"]

step = st.tuples(
    st.integers(0, 5),  # card
    st.sampled_from(ACTIONS),
    st.integers(1, 5),  # target column
    st.integers(0, 30),  # hours since the previous event
)


@st.composite
def logs(draw):
    """A random log, the moment it is read at and the zone."""
    log, hours = Log(), 0.0
    moves: dict[int, list[tuple[int, int]]] = {}
    blocked: set[int] = set()
    deleted: set[int] = set()
    for card, action, target, gap in draw(st.lists(step, max_size=60)):
        hours += gap
        day, hour = divmod(hours, 24)
        if card not in log.where:
            log.create(card, int(day), hour, column=draw(st.sampled_from([1, 1, 1, 2, 3])))
            moves[card] = []
        elif card in deleted:
            if action == "restore":
                log.restore(card, int(day), hour)
                deleted.discard(card)
        elif action == "move" and target != log.where[card]:
            moves[card].append((log.where[card], target))
            log.move(card, target, int(day), hour)
        elif action == "undo" and moves[card] and moves[card][-1][1] == log.where[card]:
            source, _ = moves[card].pop()
            log.move(card, source, int(day), hour, undo=True)
        elif action == "block" and card not in blocked:
            log.block(card, draw(st.sampled_from(["vendor", "CAB"])), int(day), hour)
            blocked.add(card)
        elif action == "unblock" and card in blocked:
            log.unblock(card, int(day), hour)
            blocked.discard(card)
        elif action == "delete":
            log.delete(card, int(day), hour)
            deleted.add(card)
    now = at(0) + timedelta(hours=hours + draw(st.integers(0, 48)))
    return log, now, draw(st.sampled_from(ZONES))


@st.composite
def histories(draw):
    log, now, tz = draw(logs())
    return log.history(now, tz=tz)


def board(history):
    start, end = history.first_day, history.today
    return cumulative_flow(history, start, end), start, end


@settings(deadline=None)
@given(histories())
def test_cfd_lines_never_go_down_and_are_ordered(history):
    cfd, _, _ = board(history)
    for before, after in zip(cfd.days, cfd.days[1:], strict=False):
        assert all(a >= b for a, b in zip(after.counts, before.counts, strict=True))
    for day in cfd.days:
        assert all(k >= k1 for k, k1 in zip(day.counts, day.counts[1:], strict=False))


@settings(deadline=None)
@given(histories())
def test_wip_is_the_gap_between_the_started_line_and_the_done_line(history):
    cfd, start, end = board(history)
    wip = wip_per_day(history, start, end)
    started, done = cfd.line(history.start_rank), cfd.line(history.done_rank)
    assert [d.count for d in wip] == [s - f for s, f in zip(started, done, strict=True)]


@settings(deadline=None)
@given(histories())
def test_every_throughput_count_matches_the_cards_finished_that_day(history):
    cfd, start, end = board(history)
    daily = throughput_per_day(history, start, end)
    finished = Counter(history.day(c.finished) for c in history.cards if c.finished)
    assert {d.day: d.count for d in daily if d.count} == dict(finished)
    done = (0, *cfd.line(history.done_rank))
    assert [d.count for d in daily] == [b - a for a, b in zip(done, done[1:], strict=False)]
    assert sum(d.count for d in daily) == len(cycle_times(history, start, end))


@settings(deadline=None)
@given(histories())
def test_today_the_bands_are_the_cards_in_each_column(history):
    cfd, _, _ = board(history)
    here = Counter(card.column_id for card in history.cards)
    assert [cfd.band(i)[-1] for i in range(len(COLUMNS))] == [here[c.id] for c in COLUMNS]


@settings(deadline=None)
@given(histories())
def test_timelines_are_consistent(history):
    for card in history.cards:
        ranks = [s.rank for s in card.path]
        assert ranks == sorted(set(ranks))
        assert card.path[-1].rank == history.rank(card.column_id)
        if card.finished is not None:
            assert card.created <= card.started <= card.finished
        days = days_in_column(history, card)
        assert 1 <= days.current <= days.total
    for lead, cycle in zip(lead_times(history), cycle_times(history), strict=True):
        assert lead.days >= cycle.days >= 1


@settings(deadline=None)
@given(histories(), st.integers(-3, 12), st.integers(0, 12), st.booleans())
def test_column_times_average_every_stay_that_ended_in_the_window(history, first, length, weekdays):
    """Read against the definition: every stay of every card, none skipped (on business days
    too)."""
    history = replace(history, business_days=weekdays)
    start = history.first_day + timedelta(days=first)
    end = start + timedelta(days=length)
    sums = {column.id: [0, 0] for column in history.columns}
    for card in history.cards:
        for stay in card.stays:
            left = history.day(stay.left or history.now)
            if stay.column_id in sums and start <= left <= end:
                sums[stay.column_id][0] += history.elapsed(stay.entered, stay.left or history.now)
                sums[stay.column_id][1] += 1
    expected = [(c, n, total / n if n else None) for c, (total, n) in sums.items()]
    found = column_times(history, start, end)
    assert [(t.column_id, t.stays, t.mean_days) for t in found] == expected


@given(st.lists(st.integers(1, 200), max_size=60), st.lists(st.integers(1, 100), min_size=2))
def test_percentiles_are_monotone_in_p(values, percents):
    found = [percentile(values, p) for p in sorted(percents)]
    if len(values) < 5:
        assert set(found) == {None}
    else:
        assert found == sorted(found)
        assert all(v in values for v in found)
    summary = summarize(values)
    fixed = [getattr(summary, f"p{p}") for p in PERCENTS]
    assert None in fixed or fixed == sorted(fixed)
