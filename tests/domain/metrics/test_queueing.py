"""The wait-time rule of thumb u/(1-u), u = WIP/limit (The Phoenix Project, ch. 23)."""

from __future__ import annotations

import pytest

from kanban.domain.metrics.queueing import RULE_OF_THUMB, column_waits, person_waits, wait_factor
from tests.domain.metrics.log import DEV, READY, Log, at


@pytest.mark.parametrize(
    ("wip", "limit", "wait"),
    [
        (1, 2, 1.0),  # 50% busy: 0.5 / 0.5 = 1 unit
        (9, 10, 9.0),  # 90% busy: 0.9 / 0.1 = 9 units
        (0, 3, 0.0),  # idle: no wait
        (3, 3, None),  # 100% busy: no idle time, unbounded
        (4, 3, None),  # over the limit
        (2, None, None),  # no limit: no utilisation
        (2, 0, None),
    ],
)
def test_wait_factor(wip, limit, wait):
    found = wait_factor(wip, limit)
    assert found == pytest.approx(wait) if wait is not None else found is None


def test_per_column_from_the_cards_there_now_labelled_a_rule_of_thumb():
    log = Log().create(1, 0, column=DEV).create(2, 0, column=DEV).create(3, 0, column=READY)
    waits = column_waits(log.history(at(1)))
    assert [w.name for w in waits] == ["Backlog", "Ready", "In Progress", "Review", "Done"]
    ready, dev = waits[1], waits[2]
    assert (ready.wip, ready.limit, ready.utilisation, ready.wait) == (1, 5, 0.2, 0.25)
    # In Progress: 2 of 3 -> u = 2/3, wait = (2/3) / (1/3) = 2
    assert dev.wait == pytest.approx(2.0)
    assert waits[0].utilisation is None and waits[0].wait is None
    assert all(w.label == RULE_OF_THUMB for w in waits) and "rule of thumb" in RULE_OF_THUMB


def test_per_person():
    waits = person_waits({"Brent": 4, "Wes": 1}, {"Brent": 4, "Wes": 2})
    assert [(w.name, w.utilisation, w.wait) for w in waits] == [
        ("Brent", 1.0, None),
        ("Wes", 0.5, 1.0),
    ]
