"""BoardSnapshot.place/remove mirror storage moves in memory: each card in exactly one column,
the positions in a column increasing (gaps allowed), a moved card where its position says and
the other cards in the order they had."""

from dataclasses import replace
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from kanban.domain.models import ColumnKind
from tests.domain.factories import card, column, snapshot

COLUMNS = 4
moves = st.lists(
    st.tuples(st.integers(0, 19), st.integers(1, COLUMNS), st.integers(0, 25), st.booleans()),
    max_size=40,
)


@given(moves)
def test_every_card_in_exactly_one_column_in_order(ops) -> None:
    columns = [column(i, ColumnKind.ACTIVE) for i in range(1, COLUMNS + 1)]
    snap = snapshot(columns, [card(i, 1 + i % COLUMNS) for i in range(20)])
    for c in columns:  # positions as a board that has had moves leaves them: with gaps
        for index, x in enumerate(snap.cards_in(c.id)):
            x.position = 3 * index
    alive = set(range(20))
    for card_id, column_id, position, delete in ops:
        if card_id not in alive:
            continue
        if delete:
            snap.remove(card_id)
            alive.discard(card_id)
            continue
        was = snap.find_card(card_id)
        others = {c.id: [x.id for x in snap.cards_in(c.id) if x.id != card_id] for c in columns}
        moved = replace(was, column_id=column_id, position=position)
        snap.place(moved, was)
        cards = snap.cards_in(column_id)
        assert moved in cards and moved.position == position
        for c in columns:
            assert [x.id for x in snap.cards_in(c.id) if x.id != card_id] == others[c.id]
    ids = [c.id for c in snap.all_cards()]
    assert sorted(ids) == sorted(alive)
    for c in columns:
        cards = snap.cards_in(c.id)
        positions = [x.position for x in cards]
        assert all(0 <= a < b for a, b in pairwise(positions))
        assert all(x.column_id == c.id for x in cards)
