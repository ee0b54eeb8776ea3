"""The board in memory: a snapshot plus a card id -> card lookup.

Changes made through the service are mirrored here (``place`` / ``remove``) so the TUI never
reloads the board after a single change. Cards are shared with the snapshot, so a card's
``column_id`` and ``position`` always say where it is.
"""

from __future__ import annotations

from kanban.domain.models import BoardSnapshot, Card, Column


class BoardState:
    def __init__(self, snapshot: BoardSnapshot) -> None:
        self.snapshot = snapshot
        self._cards = {card.id: card for card in snapshot.all_cards()}

    @property
    def board_id(self) -> int:
        return self.snapshot.board.id

    def locate(self, card_id: int) -> Card | None:
        """The card with this id (its ``column_id`` and ``position`` are current)."""
        return self._cards.get(card_id)

    def cards_in(self, column_id: int) -> list[Card]:
        return self.snapshot.cards_in(column_id)

    def column(self, column_id: int) -> Column:
        return self.snapshot.column(column_id)

    def column_index(self, column_id: int) -> int:
        return next(i for i, c in enumerate(self.snapshot.columns) if c.id == column_id)

    def place(self, card: Card) -> None:
        self.snapshot.place(card, self._cards.get(card.id))
        self._cards[card.id] = card

    def remove(self, card_id: int) -> None:
        self.snapshot.remove(card_id, self._cards.pop(card_id, None))

    def set_column(self, column: Column) -> None:
        """Replace a column (e.g. after its WIP limit changed)."""
        self.snapshot.columns[self.column_index(column.id)] = column
