"""A known disagreement, kept as a strict xfail until it is fixed: when the clock goes back
between two moves of one card (two machines' clocks apart on a shared board), the card's
timeline (its events in time order) and the board (its moves in the order they were made)
disagree on where the card is. The whole history counts an open stay in Review for a card
the board shows in Done; the summary's window, reading the stored log, counts it as done."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kanban.domain.metrics.history import DEFAULT_DAYS
from tests.storage.test_card_flows import _assert_same_summary


@pytest.mark.xfail(strict=True, reason="event time order vs write order under clock skew")
def test_a_move_stamped_before_the_previous_one_counts_where_the_card_is(service, clock):
    board_id = service.board().id
    card = service.add_card(board_id, "skewed", column="In Progress").card
    clock.set(clock.current + timedelta(days=1))
    service.move_card(card.id, "Review")
    clock.set(clock.current - timedelta(minutes=3))  # another machine, three minutes behind
    service.move_card(card.id, "Done")
    assert service.card(card.id).column_id == service.column(board_id, "Done").id
    clock.set(clock.current + timedelta(days=DEFAULT_DAYS + 30))  # it settles
    service.add_card(board_id, "recent", column="Review")
    _assert_same_summary(service, board_id, clock.current, standup=False)
