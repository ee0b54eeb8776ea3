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
        """As :meth:`BoardSnapshot.place`, but the old copy is taken from the column the lookup
        says it is in, instead of searched for among every card of the board."""
        self.remove(card.id)
        cards = self.snapshot.cards_in(card.column_id)
        position = max(0, min(card.position, len(cards)))
        cards.insert(position, card)
        for index in range(position, len(cards)):
            cards[index].position = index
        self._cards[card.id] = card

    def remove(self, card_id: int) -> None:
        card = self._cards.pop(card_id, None)
        if card is None:
            return
        cards = self.snapshot.cards_in(card.column_id)
        index = card.position
        if not (0 <= index < len(cards) and cards[index] is card):  # never expected
            self.snapshot.remove(card_id)
            return
        del cards[index]
        for later in cards[index:]:
            later.position -= 1

    def set_column(self, column: Column) -> None:
        """Replace a column (e.g. after its WIP limit changed)."""
        self.snapshot.columns[self.column_index(column.id)] = column
