"""The summary reads a backlog's or done column's cards only where it can name them (blocked,
expedite, due, or for a standup changed since its start), and their counts; yet it says what
the summary of every card says. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from kanban.domain.models import ClassOfService
from tests.summaries import said, whole_summary


@pytest.fixture
def board(service, clock):
    """A backlog and a done column with a card of each kind, the standup on a Thursday."""
    board_id = service.board().id
    added = {}

    def add(name: str, column: str = "Backlog", **fields) -> int:
        added[name] = service.add_card(board_id, name, column=column, **fields).card.id
        return added[name]

    for n in range(3):
        add(f"plain {n}")
    service.block_card(add("blocked"), "waiting on a vendor")
    add("expedite", class_of_service=ClassOfService.EXPEDITE)
    add("due", due_date=date(2026, 11, 27))  # due the day after the standup
    service.move_card(add("finished long ago", "In Progress"), "Done")
    service.move_card(add("moved back", "Ready"), "In Progress")
    service.block_card(add("blocked when done", "Review"), "sign-off")
    service.move_card(added["blocked when done"], "Done")
    add("working", "In Progress")
    clock.set(clock.current + timedelta(days=2))  # Thursday: the standup starts Wednesday 00:00
    service.move_card(added["moved back"], "Backlog")
    service.move_card(add("finished yesterday", "Review"), "Done")
    return board_id, added


@pytest.mark.parametrize("standup", [False, True])
def test_the_summary_reads_only_the_cards_it_can_name(service, clock, board, standup) -> None:
    board_id, added = board
    now = clock.current
    summary = service.summary(board_id, now, UTC, standup=standup)
    read = {v.column.name: {c.card.id for c in v.cards} for v in summary.view.columns}
    counts = {v.column.name: v.count for v in summary.view.columns}
    named = {"blocked", "expedite", "due"} | ({"moved back"} if standup else set())
    assert read["Backlog"] == {added[n] for n in named}
    changed = {"finished yesterday"} if standup else set()
    assert read["Done"] == {added[n] for n in {"blocked when done"} | changed}
    assert read["In Progress"] == {added["working"]}
    assert (counts["Backlog"], counts["Done"]) == (7, 3)
    whole = whole_summary(service, board_id, now, standup, service.history(board_id, now, UTC))
    assert said(summary, UTC) == said(whole, UTC)
    if standup:
        assert [c.id for c in summary.standup.finished] == [added["finished yesterday"]]
        assert [c.id for c in summary.standup.moved] == [added["moved back"]]
