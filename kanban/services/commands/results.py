"""What a card command returns: the card as it is after the change, and the breach it caused."""

from __future__ import annotations

from dataclasses import dataclass

from kanban.domain.models import Card, Column


@dataclass(frozen=True, slots=True)
class Breach:
    """A column pushed over its WIP limit by a change: ``count`` cards against ``limit``.

    ``expedite``: an expedite card passed the limit, as it may (even on a strict board)."""

    column: Column
    count: int
    limit: int
    expedite: bool = False

    def __str__(self) -> str:
        text = f"{self.column.name} {self.count}/{self.limit}"
        return f"{text} (expedite)" if self.expedite else text


@dataclass(frozen=True, slots=True)
class CardChange:
    """A card as it is after a change, and the breach the change caused, if any."""

    card: Card
    breach: Breach | None = None
