"""The board in memory: a snapshot plus a card id -> card lookup.

Changes made through the service are mirrored here (``place`` / ``remove``) so the TUI never
reloads the board after a single change; changes made elsewhere that touched only their own
cards (:func:`cards_changed`) are applied from those cards read again (``apply``). Cards are
shared with the snapshot, so a card's ``column_id`` and ``position`` always say where it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kanban.domain.models import BoardSnapshot, Card, Column, Event, EventKind


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

    def apply(self, card_ids: Iterable[int], cards: Mapping[int, Card]) -> set[int]:
        """Each of ``card_ids`` as read again (``cards``: the live ones; the others are gone);
        returns the ids of the columns they left or joined."""
        columns: set[int] = set()
        for card_id in card_ids:
            old = self.locate(card_id)
            if old is not None:
                columns.add(old.column_id)
            if (card := cards.get(card_id)) is not None:
                self.place(card)
                columns.add(card.column_id)
            else:
                self.remove(card_id)
        return columns


# The changes that move no card but their own (a moved or new card goes after the last one of
# its column, a deleted one leaves a gap): the cards they name, read again, are all that
# changed. Any other (a reorder, a move to a given place, an undo, a restored card, a limit or
# a setting) may move other cards or the columns: the board is read again.
_OWN_CARD_ONLY = frozenset(
    {
        EventKind.CREATE,
        EventKind.MOVE,
        EventKind.EDIT,
        EventKind.BLOCK,
        EventKind.UNBLOCK,
        EventKind.DELETE,
    }
)


def cards_changed(events: Iterable[Event]) -> list[int] | None:
    """The cards ``events`` changed, oldest change first, if each changed its own card only;
    else None (read the whole board again)."""
    found: dict[int, None] = {}
    for event in events:
        details = event.details
        if (
            event.card_id is None
            or event.kind not in _OWN_CARD_ONLY
            or details.get("undo")
            or "position" in details
        ):
            return None
        found[event.card_id] = None
    return list(found)
