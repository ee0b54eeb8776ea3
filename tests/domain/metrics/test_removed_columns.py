"""A removed column keeps its kind and place in the history: removing an empty column changes
no past metric (for the columns that remain)."""

from __future__ import annotations

from copy import deepcopy

from hypothesis import given, settings
from hypothesis import strategies as st

from kanban.domain.metrics.cfd import cumulative_flow
from kanban.domain.metrics.durations import cycle_times, lead_times
from kanban.domain.metrics.efficiency import flow_efficiency
from kanban.domain.metrics.throughput import throughput_per_day, wip_per_day
from kanban.domain.models import Column, ColumnKind
from tests.domain.metrics.log import BACKLOG, COLUMNS, DEV, DONE, READY, Log, at, on
from tests.domain.metrics.test_properties import logs

TRIAGE, ARCHIVE = 6, 7


def _figures(history, removed: int | None = None):
    start, end = history.first_day, history.today
    cfd = cumulative_flow(history, start, end)
    keep = [i for i, column_id in enumerate(cfd.column_ids) if column_id != removed]
    return {
        "lead": lead_times(history),
        "cycle": cycle_times(history),
        "throughput": throughput_per_day(history, start, end),
        "wip": wip_per_day(history, start, end),
        "efficiency": flow_efficiency(history),
        "cfd": [(d.day, [d.counts[i] for i in keep]) for d in cfd.days],
        "first_day": history.first_day,
    }


@settings(deadline=None)
@given(logs(), st.booleans(), st.data())
def test_removing_an_empty_column_changes_no_past_metric(drawn, business, data):
    log, now, tz = drawn
    before = log.history(now, tz, business_days=business)
    occupied = {card.column_id for card in before.cards}
    empty = [c.id for c in log.columns if c.id not in occupied]
    if not empty:
        return
    removed = data.draw(st.sampled_from(empty))
    after = deepcopy(log).remove_column(removed, now).history(now, tz, business_days=business)
    assert [c.id for c in after.columns] == [c.id for c in log.columns if c.id != removed]
    assert _figures(after) == _figures(before, removed)


TRIAGE_COLUMNS = [
    COLUMNS[0],
    Column(TRIAGE, 1, "Triage", ColumnKind.BACKLOG, 1),
    *(Column(c.id, 1, c.name, c.kind, c.position + 1) for c in COLUMNS[1:]),
]


def test_cards_that_passed_through_a_removed_backlog_column_keep_their_start():
    log = Log(TRIAGE_COLUMNS)
    for card in range(1, 7):
        log.create(card, 0, column=BACKLOG).path(card, (TRIAGE, 0), (READY, 10), (DONE, 13))
    log.remove_column(TRIAGE, at(14))
    history = log.history(at(15))
    assert [c.days for c in cycle_times(history)] == [4] * 6  # not 14
    assert [d.count for d in wip_per_day(history, on(0), on(9))] == [0] * 10  # not 6
    assert history.rank(-1) == 1 and history.start_rank == 2  # Triage: its place, its kind


def test_a_column_given_a_removed_columns_id_again_starts_a_history_of_its_own():
    # Archive (done, after Done) held finished cards, was emptied and removed; SQLite gave its
    # id to a new active column, Checks, added after Backlog. The old moves name Archive.
    columns = [*COLUMNS, Column(ARCHIVE, 1, "Archive", ColumnKind.DONE, 5)]
    log = Log(columns).create(1, 0, column=DEV).path(1, (DONE, 2), (ARCHIVE, 4), (DONE, 6))
    log.remove_column(ARCHIVE, at(7))
    log.columns = [COLUMNS[0], Column(ARCHIVE, 1, "Checks", ColumnKind.ACTIVE, 1), *COLUMNS[1:]]
    log.create(2, 8, column=ARCHIVE)
    history = log.history(at(9))
    first, second = history.cards
    assert first.finished == at(2)  # still finished on day 2, not moved back into progress
    assert [s.column_id for s in first.stays] == [DEV, DONE, -1, DONE]
    assert second.stays[0].column_id == ARCHIVE and history.is_wip(second)
