import pytest

from kanban.domain.models import ColumnKind, WipStatus
from kanban.domain.wip import breaches_on_entry, load_ratio, wip_status
from tests.domain.factories import column


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, WipStatus.OK), (2, WipStatus.OK), (3, WipStatus.AT), (4, WipStatus.OVER)],
)
def test_status_against_the_limit(count: int, expected: WipStatus) -> None:
    assert wip_status(column(1, limit=3), count) is expected


def test_no_limit_is_always_ok() -> None:
    assert wip_status(column(1, limit=None), 1000) is WipStatus.OK


def test_zero_limit_is_at_when_empty_and_over_with_one() -> None:
    assert wip_status(column(1, limit=0), 0) is WipStatus.AT
    assert wip_status(column(1, limit=0), 1) is WipStatus.OVER
    assert load_ratio(column(1, limit=0), 1) == float("inf")


@pytest.mark.parametrize("kind", [ColumnKind.BACKLOG, ColumnKind.DONE])
def test_backlog_and_done_are_never_flagged(kind: ColumnKind) -> None:
    assert wip_status(column(1, kind, limit=1), 5) is WipStatus.OK
    assert not breaches_on_entry(column(1, kind, limit=1), 5)


def test_minimum_makes_a_starving_column_under() -> None:
    starving = column(1, limit=5)
    starving.wip_min = 2
    assert wip_status(starving, 1) is WipStatus.UNDER
    assert wip_status(starving, 2) is WipStatus.OK


def test_entry_breaches_only_past_the_limit() -> None:
    review = column(1, ColumnKind.QUEUE, limit=2)
    assert not breaches_on_entry(review, 1)  # 2/2: at the limit, not over
    assert breaches_on_entry(review, 2)  # 3/2
