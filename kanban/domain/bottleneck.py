"""The current constraint: where work piles up.

Rule: a column the team pinned as the constraint wins ("pinned"); otherwise the breached
column with the highest count/limit ratio (ties: the one holding the oldest card); with no
breach, the queue or active column holding the oldest card ("oldest work"). A column over its
limit only because of expedite cards (which may pass it) is not breached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from kanban.domain.models import BoardSnapshot, Column
from kanban.domain.wip import is_breached, load_ratio

OVER_LIMIT = "over limit"
OLDEST_WORK = "oldest work"
PINNED = "pinned"


@dataclass(frozen=True, slots=True)
class Bottleneck:
    column: Column
    rule: str  # PINNED, OVER_LIMIT or OLDEST_WORK
    reason: str  # one human sentence with the evidence


def _oldest_entry(snapshot: BoardSnapshot, column: Column) -> datetime | None:
    cards = snapshot.cards_in(column.id)
    return min((card.entered_at for card in cards), default=None)


def find_bottleneck(snapshot: BoardSnapshot) -> Bottleneck | None:
    pinned = next((c for c in snapshot.columns if c.is_constraint), None)
    if pinned is not None:
        return Bottleneck(pinned, PINNED, f"{pinned.name} is the constraint, pinned by the team")
    # Each oldest entry is looked for only where it decides (a breached column's tie, else the
    # work-in-progress columns): a move redraws the bar, and a backlog may hold thousands.
    breached: list[tuple[float, float, Column]] = []
    for column in snapshot.columns:
        if is_breached(column, snapshot.cards_in(column.id)):
            count = len(snapshot.cards_in(column.id))
            entry = _oldest_entry(snapshot, column)
            # Sort key: highest ratio first, then the oldest card (earliest entry) first.
            stamp = entry.timestamp() if entry else float("inf")
            breached.append((-load_ratio(column, count), stamp, column))
    oldest: list[tuple[datetime, int, Column]] = []
    for column in snapshot.columns if not breached else ():
        if column.kind.is_wip and (entry := _oldest_entry(snapshot, column)) is not None:
            oldest.append((entry, column.position, column))
    if breached:
        breached.sort(key=lambda item: (item[0], item[1], item[2].position))
        column = breached[0][2]
        count = len(snapshot.cards_in(column.id))
        reason = f"{column.name} is over its WIP limit ({count}/{column.wip_limit})"
        return Bottleneck(column, OVER_LIMIT, reason)
    if oldest:
        oldest.sort(key=lambda item: (item[0], item[1]))
        column = oldest[0][2]
        return Bottleneck(column, OLDEST_WORK, f"{column.name} holds the oldest work")
    return None
