"""The wait-time rule of thumb (*The Phoenix Project*, ch. 23): wait is proportional to
%busy / %idle, u / (1 - u), with utilisation u = WIP / limit. A rule of thumb, labelled so
wherever it is shown; not a measured wait."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kanban.domain.metrics.history import History

RULE_OF_THUMB = "rule of thumb: wait ~ busy/idle = u/(1-u), u = WIP/limit"


def wait_factor(wip: int, limit: int | None) -> float | None:
    """u / (1 - u); None without a (positive) limit or when u >= 1 (no idle time left: the
    rule says the wait grows without bound)."""
    if not limit or limit <= 0:
        return None
    u = wip / limit
    return None if u >= 1 else u / (1 - u)


@dataclass(frozen=True, slots=True)
class Wait:
    """A column's or a person's utilisation and its rule-of-thumb wait (in units of work)."""

    name: str
    wip: int
    limit: int | None
    utilisation: float | None  # None without a limit
    wait: float | None
    label: str = RULE_OF_THUMB


def _wait(name: str, wip: int, limit: int | None) -> Wait:
    utilisation = wip / limit if limit and limit > 0 else None
    return Wait(name, wip, limit, utilisation, wait_factor(wip, limit))


def column_waits(history: History) -> tuple[Wait, ...]:
    """Per column, left to right, from the cards in it now (settled ones too)."""
    counts = Counter(card.stays[-1].column_id for card in history.cards)
    counts.update(stay.column_id for stay in history.settled)
    return tuple(_wait(c.name, counts[c.id], c.wip_limit) for c in history.columns)


def person_waits(wip: Mapping[str, int], limits: Mapping[str, int | None]) -> tuple[Wait, ...]:
    """Per person (cards in progress assigned to them, their personal limit), by name."""
    return tuple(_wait(name, wip[name], limits.get(name)) for name in sorted(wip))
