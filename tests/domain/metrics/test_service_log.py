"""The metrics read the log the real service writes (event shapes, undo marks), not only the
hand-built one."""

from __future__ import annotations

from datetime import UTC, timedelta

from kanban.domain.metrics.durations import cycle_times, days_in_column
from kanban.domain.metrics.history import build_history
from kanban.domain.models import WorkType


def test_history_from_the_service(service, clock):
    board = service.board()
    start = clock.current

    def day(n: int, hour: int = 9) -> None:
        clock.set(start + timedelta(days=n, hours=hour - 9))

    kept = service.add_card(board.id, "kept", type=WorkType.CHANGE).card
    mistake = service.add_card(board.id, "mistake").card
    service.undo()  # the add undone: deleted
    day(1)
    service.move_card(kept.id, "Ready")
    service.move_card(kept.id, "In Progress")
    service.undo()  # back in Ready, as if it never went
    service.block_card(kept.id, "vendor")
    day(2)
    service.unblock_card(kept.id)
    service.undo()  # still blocked since d1
    service.edit_card(kept.id, type=WorkType.UNPLANNED)
    gone = service.add_card(board.id, "gone", column="Review").card
    service.delete_card(gone.id)
    service.undo()  # restored
    day(3)
    service.move_card(kept.id, "Done")
    service.move_card(gone.id, "In Progress")  # back from Review: entry into Review forgotten

    history = build_history(service.columns(board.id), service.events(board.id), clock.current, UTC)
    cards = {card.card_id: card for card in history.cards}
    assert set(cards) == {kept.id, gone.id} and mistake.id not in cards
    card = cards[kept.id]
    assert [s.column_id for s in card.stays] == [c.id for c in history.columns[:2]] + [
        history.columns[4].id
    ]
    assert card.started == start + timedelta(days=1)
    assert [(b.reason, b.end) for b in card.blocks] == [("vendor", None)]
    assert card.type is WorkType.UNPLANNED
    assert [c.days for c in cycle_times(history)] == [3]  # d1 -> d3
    moved_back = cards[gone.id]
    assert [s.rank for s in moved_back.path] == [2]  # In Progress since its creation in Review
    assert days_in_column(history, moved_back).current == 1
