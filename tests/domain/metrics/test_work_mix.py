"""The unplanned share of WIP and of throughput, and finished work by type per week."""

from __future__ import annotations

from kanban.domain.metrics.work_mix import finished_by_type_per_week, unplanned_share
from kanban.domain.models import WorkType
from tests.domain.metrics.log import DEV, DONE, Log, at, on


def log():
    log = Log()
    log.create(1, 0, type="unplanned").move(1, DEV, 1)  # WIP, unplanned
    log.create(2, 0, type="business").move(2, DEV, 1)  # WIP
    log.create(3, 0, type="change").move(3, DEV, 1)  # WIP; retyped unplanned below
    log.retype(3, "change", "unplanned", 2)
    log.create(4, 0, type="unplanned")  # backlog: not WIP
    log.create(5, 0, type="unplanned").path(5, (DEV, 1), (DONE, 2))  # finished d2
    log.create(6, 0, type="internal").path(6, (DEV, 1), (DONE, 3))  # finished d3
    log.create(7, 0, type="business").path(7, (DEV, 1), (DONE, 8))  # finished d8 (next week)
    return log


def test_unplanned_share_of_wip_and_of_throughput():
    share = unplanned_share(log().history(at(9)), on(0), on(6))
    assert (share.wip.part, share.wip.whole) == (2, 3)  # cards 1 and 3 of 1, 2, 3
    assert (share.throughput.part, share.throughput.whole) == (1, 2)  # card 5 of 5, 6
    assert share.throughput.ratio == 0.5


def test_a_mapping_of_types_overrides_the_events():
    history = log().history(at(9), types={1: WorkType.BUSINESS})
    assert unplanned_share(history, on(0), on(6)).wip.part == 1


def test_no_work_means_no_share():
    share = unplanned_share(Log().history(at(1)), on(0), on(1))
    assert (share.wip.ratio, share.throughput.ratio) == (None, None)


def test_finished_work_by_type_per_week():
    weeks = finished_by_type_per_week(log().history(at(16)), on(0), on(15))
    assert [w.week for w in weeks] == [on(0), on(7), on(14)]
    as_dicts = [{c.type: c.count for c in w.counts if c.count} for w in weeks]
    assert as_dicts == [
        {WorkType.UNPLANNED: 1, WorkType.INTERNAL: 1},
        {WorkType.BUSINESS: 1},
        {},
    ]
