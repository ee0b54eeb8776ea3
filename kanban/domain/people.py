"""Personal WIP: how many cards in progress each person holds, against their own limit.

A person's WIP is the cards assigned to them in queue and active columns (blocked ones count).
Names match in any case. Everyone holding WIP or having a limit is listed, by name.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kanban.domain.models import BoardSnapshot


@dataclass(frozen=True, slots=True)
class PersonLoad:
    name: str
    wip: int
    limit: int | None

    @property
    def over(self) -> bool:
        return self.limit is not None and self.wip > self.limit


def person_loads(snapshot: BoardSnapshot) -> list[PersonLoad]:
    names: dict[str, str] = {}
    wip: dict[str, int] = {}
    limits: dict[str, int | None] = {}
    for person in snapshot.people:
        key = person.name.casefold()
        names[key], limits[key] = person.name, person.wip_limit
        wip.setdefault(key, 0)
    # Counted by name as written first (thousands of cards, a few names), then by name in any
    # case, each in the order first met.
    held = Counter(
        card.assignee
        for column in snapshot.columns
        if column.kind.is_wip
        for card in snapshot.cards_in(column.id)
        if card.assignee
    )
    for assignee, count in held.items():
        key = assignee.casefold()
        names.setdefault(key, assignee)
        wip[key] = wip.get(key, 0) + count
    return sorted(
        (PersonLoad(names[k], wip[k], limits.get(k)) for k in names),
        key=lambda p: p.name.casefold(),
    )


def over_limit(loads: list[PersonLoad]) -> list[PersonLoad]:
    """The people over their personal limit (the "Brent" problem)."""
    return [load for load in loads if load.over]
