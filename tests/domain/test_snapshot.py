"""BoardSnapshot.place/remove mirror storage moves in memory: positions stay contiguous."""

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
def test_every_card_in_exactly_one_column_with_contiguous_positions(ops) -> None:
    columns = [column(i, ColumnKind.ACTIVE) for i in range(1, COLUMNS + 1)]
    snap = snapshot(columns, [card(i, 1 + i % COLUMNS) for i in range(20)])
    alive = set(range(20))
    for card_id, column_id, position, delete in ops:
        if card_id not in alive:
            continue
        if delete:
            snap.remove(card_id)
            alive.discard(card_id)
            continue
        moved = snap.find_card(card_id)
        moved.column_id, moved.position = column_id, position
        snap.place(moved)
    ids = [c.id for c in snap.all_cards()]
    assert sorted(ids) == sorted(alive)
    for c in columns:
        cards = snap.cards_in(c.id)
        assert [x.position for x in cards] == list(range(len(cards)))
        assert all(x.column_id == c.id for x in cards)
