"""A card's timeline, made fast (records made without their classes' ``__new__``, a short way
for a card that never moved, the path's top rank kept), equals the plain definition of the
rules (``history``'s docstring) on random moves: backward moves, reopens, columns the ranks
do not know, blocks and types."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from kanban.domain.metrics.history import BlockSpan, CardLog, Stay, Step, Timeline, _timeline
from kanban.domain.models import WorkType

T0 = datetime(2026, 1, 5, 9, tzinfo=UTC)


def plain_timeline(
    card_id: int, card: CardLog, rank: Mapping[int, int], start: int, done: int
) -> Timeline:
    """The rules as written: each move a stay; the path drops the ranks above a backward
    move's and rises with each higher one; started on first reaching ``start``, finished where
    the path first reaches ``done``."""
    moves = card.moves
    stays = [
        Stay(column_id, at, moves[i + 1][0] if i + 1 < len(moves) else None)
        for i, (at, column_id) in enumerate(moves)
    ]
    path: list[Step] = []
    started = None
    for at, column_id in moves:
        r = rank.get(column_id, start)
        if started is None and r >= start:
            started = at
        while path and path[-1].rank > r:
            path.pop()
        if not path:
            path.append(Step(card.created, r))
        elif path[-1].rank < r:
            path.append(Step(at, r))
    finished = next((s.at for s in path if s.rank >= done), None)
    return Timeline(
        card_id,
        card.created,
        started,
        finished,
        tuple(stays),
        tuple(path),
        tuple(card.blocks),
        card.type,
    )


@st.composite
def cards(draw):
    columns = draw(st.integers(1, 7))
    ranks = {column: column - 1 for column in range(1, columns + 1)}
    start = draw(st.integers(0, columns))
    done = draw(st.integers(start, columns))
    unknown = columns + 1  # a column the ranks do not know: it counts as the start rank
    gaps = draw(st.lists(st.integers(0, 3000), min_size=0, max_size=8))
    targets = st.integers(1, unknown)
    at = T0
    card = CardLog(at, draw(targets))
    for gap in gaps:
        at += timedelta(minutes=gap)
        card.moves.append((at, draw(targets)))
    if draw(st.booleans()):
        card.blocks = [BlockSpan("vendor", T0 + timedelta(hours=1), None)]
    card.type = draw(st.sampled_from([None, *WorkType]))
    return card, ranks, start, done


@given(cards(), st.integers(1, 10**6))
def test_the_fast_timeline_is_the_plain_one(found, card_id) -> None:
    card, ranks, start, done = found
    fast = _timeline(card_id, card, ranks, start, done)
    plain = plain_timeline(card_id, card, ranks, start, done)
    assert fast == plain
    assert type(fast) is Timeline
    assert all(type(s) is Stay for s in fast.stays) and all(type(s) is Step for s in fast.path)
