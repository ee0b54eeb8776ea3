"""docs/flow.md's percentile rule: sort ascending, take element max(1, floor(n*p)), 1-based; under 5
values: not enough history. And the SLE."""

from __future__ import annotations

from kanban.domain.metrics.percentiles import percentile, service_level, summarize
from tests.domain.metrics.log import DEV, DONE, Log, at, on


def test_the_index_rule_on_ten_values():
    values = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]  # sorted: 1..10, element k is k
    # p50: floor(10 * .50) = 5 -> 5;  p70: floor(7.0) = 7 -> 7
    # p85: floor(8.5) = 8 -> 8;       p95: floor(9.5) = 9 -> 9
    assert [percentile(values, p) for p in (50, 70, 85, 95)] == [5, 7, 8, 9]


def test_the_index_rule_on_five_values():
    values = [3, 1, 4, 1, 5]  # sorted: 1, 1, 3, 4, 5
    # p50: floor(2.5) = 2 -> 1;  p70: floor(3.5) = 3 -> 3;  p85: floor(4.25) = 4 -> 4
    # p95: floor(4.75) = 4 -> 4
    assert summarize(values).p50 == 1
    assert [percentile(values, p) for p in (70, 85, 95)] == [3, 4, 4]


def test_the_index_is_exact_where_floating_point_is_not():
    # 20 * 0.85 = 17 exactly in percent arithmetic (element 17), and 100 * 0.95 -> 95
    assert percentile(list(range(1, 21)), 85) == 17
    assert percentile(list(range(1, 101)), 95) == 95
    assert percentile(list(range(1, 101)), 70) == 70


def test_under_five_values_is_not_enough_history():
    assert percentile([1, 2, 3, 4], 50) is None
    summary = summarize([1, 2, 3, 4])
    assert (summary.n, summary.p85, summary.enough, summary.mean) == (4, None, False, 2.5)
    assert summarize([]).mean is None


def test_the_sle_is_the_85th_percentile_of_the_cycle_times_in_the_window():
    log = Log()
    # six cards finished on d9, started d9, d8, ..., d4: cycle times 1..6 days
    for card in range(1, 7):
        log.create(card, 0).path(card, (DEV, 10 - card), (DONE, 9))
    history = log.history(at(10))
    sle = service_level(history, on(0), on(10))
    # floor(6 * .85) = 5 -> element 5 of 1..6 = 5 days
    assert (sle.days, sle.n, sle.percent, sle.set_by_team) == (5, 6, 85, False)
    assert service_level(history, on(0), on(8)).days is None  # nothing finished before d9
    assert service_level(history, days=8).set_by_team
