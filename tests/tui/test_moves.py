"""Move keys (shift+arrows and H L K J): the card moves on screen and in the database, focus
follows it, breaches warn, a strict board refuses."""

from __future__ import annotations

from pathlib import Path

import pytest

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.tui.board import (
    SIZE,
    card_list,
    column_view,
    db_titles,
    fresh_snapshot,
    has_cursor,
    header,
    lines,
    record_toasts,
    titles,
)


async def test_move_right_keys_take_the_card_to_the_next_column(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("shift+right")  # Backlog #1 -> Ready
        ready = card_list(app, "Ready")
        assert titles(ready)[-1] == "#1 I Write the runbook"
        assert lines(ready)[7] == "  Wes · 1d"  # days in column start again
        assert (header(app, "Backlog"), header(app, "Ready")) == ("Backlog 0", "Ready 3/5")
        assert app.focused is ready and ready.cursor == 2 and has_cursor(ready, 6)
        assert lines(card_list(app, "Backlog"))[0] == "no cards"
        assert db_titles(board_db, "Ready")[-1] == "Write the runbook"
        assert db_titles(board_db, "Backlog") == []

        await pilot.press("l", "l", "L")  # Review #7 -> Done
        done = card_list(app, "Done")
        assert titles(done) == ["#9 B Ship the old release", "#7 C Patch the servers"]
        assert (header(app, "Review"), header(app, "Done")) == ("Review 1/2", "Done 2")
        assert app.focused is done and done.cursor == 1
        assert db_titles(board_db, "Done") == ["Ship the old release", "Patch the servers"]
        assert toasts == []


async def test_move_left_keys_take_the_card_to_the_previous_column(
    app: KanbanApp, board_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "shift+left")  # Ready #2 -> Backlog
        backlog = card_list(app, "Backlog")
        assert titles(backlog) == ["#1 I Write the runbook", "#2 C Upgrade the database"]
        assert titles(card_list(app, "Ready")) == ["#3 B Customer portal"]
        assert (header(app, "Backlog"), header(app, "Ready")) == ("Backlog 2", "Ready 1/5")
        assert app.focused is backlog and backlog.cursor == 1
        assert db_titles(board_db, "Backlog") == ["Write the runbook", "Upgrade the database"]

        await pilot.press("l", "l", "H")  # In Progress #4 -> Ready
        ready = card_list(app, "Ready")
        assert titles(ready) == ["#3 B Customer portal", "#4 U Fix payroll outage"]
        assert header(app, "In Progress") == "In Progress 2/3"
        assert app.focused is ready and ready.cursor == 1
        assert db_titles(board_db, "Ready") == ["Customer portal", "Fix payroll outage"]


async def test_move_down_and_up_keys_reorder_the_column(app: KanbanApp, board_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l")  # In Progress: #4 #5 #6, cursor on #4
        doing = card_list(app, "In Progress")
        for key, order in [
            ("shift+down", [5, 4, 6]),
            ("J", [5, 6, 4]),
            ("J", [5, 6, 4]),  # already last: disabled
            ("shift+up", [5, 4, 6]),
            ("K", [4, 5, 6]),
        ]:
            await pilot.press(key)
            assert [int(t.split()[0][1:]) for t in titles(doing)] == order
            assert doing.current is not None and doing.current.id == 4  # focus follows #4
            assert [c.id for c in fresh_snapshot(board_db).cards_in(3)] == order
        assert header(app, "In Progress") == "In Progress 3/3"


async def test_moves_past_the_edges_do_nothing(
    app: KanbanApp, svc: KanbanService, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    before = fresh_snapshot(board_db)
    events = len(svc.events(svc.board().id))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("H", "K", "J")  # first column; its only card
        await pilot.press("l", "l", "l", "l", "L")  # last column
        assert app.focused is card_list(app, "Done")
    assert fresh_snapshot(board_db) == before
    assert len(svc.events(svc.board().id)) == events
    assert toasts == []


async def test_a_move_into_a_full_column_warns_of_the_breach(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "L")  # In Progress #4 -> Review, already 2/2
        assert toasts == [("warning", "Review is over its WIP limit: 3/2")]
        assert header(app, "Review") == "Review 3/2 ⚠"
        assert column_view(app, "Review").header.has_class("-over")
        assert header(app, "In Progress") == "In Progress 2/3"
        assert not column_view(app, "In Progress").header.classes & {"-at", "-over"}
        top = str(app.board_screen.top_bar.render())
        assert "1 breached" in top
        assert "Bottleneck: Review (over limit) – Review is over its WIP limit (3/2)" in top
        assert app.focused is card_list(app, "Review")
    assert db_titles(board_db, "Review")[-1] == "Fix payroll outage"


async def test_a_strict_board_refuses_the_move(
    svc: KanbanService, board_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc.set_strict(svc.board("Kanban").id, True)
    app = KanbanApp(svc)
    toasts = record_toasts(app, monkeypatch)
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        assert str(app.board_screen.top_bar.render()).startswith("Kanban (strict)")
        await pilot.press("l", "l", "L")
        assert toasts == [("error", "Review is full (2/2) and the board is strict")]
        assert header(app, "Review") == "Review 2/2"
        assert titles(card_list(app, "In Progress"))[0] == "#4 U Fix payroll outage"
        assert app.focused is card_list(app, "In Progress")
    assert fresh_snapshot(board_db) == before
