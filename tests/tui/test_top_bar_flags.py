"""The top bar flags people over their personal WIP limit and counts the expedite lane."""

from __future__ import annotations

from pathlib import Path

from kanban.domain.models import ClassOfService
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.tui.board import SIZE, db_titles, fresh_snapshot


def top(app: KanbanApp) -> str:
    return str(app.board_screen.top_bar.render())


def error_colour(app: KanbanApp, text: str) -> bool:
    """Whether ``text`` is drawn in the theme's $error colour on the top bar."""
    error = app.theme_variables["error"].lower()
    line = app.board_screen.top_bar.render_line(0)
    return any(
        text in segment.text
        and segment.style.color is not None
        and segment.style.color.triplet is not None
        and segment.style.color.triplet.hex == error
        for segment in line
    )


async def test_people_over_their_limit_are_flagged_after_each_move_and_edit(
    svc: KanbanService, board_db: Path
) -> None:
    board = svc.board()
    # Brent holds #2 (Ready) and #4 (In Progress): 2 against a limit of 1. Wes holds #7
    # (Review; his Backlog card is not WIP): 1 against 0. Patty holds #5 and #8: 2 against 3.
    svc.set_person_limit(board.id, "Brent", 1)
    svc.set_person_limit(board.id, "Wes", 0)
    svc.set_person_limit(board.id, "patty", 3)  # names match in any case
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        assert top(app).startswith(
            "Kanban  │  WIP 7  │  0 breached  │  Brent 2/1 ⚠, Wes 1/0 ⚠  │  Bottleneck"
        )
        assert error_colour(app, "Brent 2/1 ⚠, Wes 1/0 ⚠")

        await pilot.press("l", "H")  # Ready #2 (Brent) -> Backlog: Brent 1/1
        assert top(app).startswith("Kanban  │  WIP 6  │  0 breached  │  Wes 1/0 ⚠  │  Bottleneck")

        await pilot.press("l", "l", "l", "L")  # Review #7 (Wes) -> Done: nobody over
        assert top(app).startswith("Kanban  │  WIP 5  │  0 breached  │  Bottleneck")
        assert "⚠" not in top(app)

        await pilot.press("h", "h", "h", "enter")  # edit Ready #3 (nobody's): give it to Brent
        await pilot.press("tab", "tab", *"Brent", "enter")
        assert top(app).startswith("Kanban  │  WIP 5  │  0 breached  │  Brent 2/1 ⚠  │  Bottleneck")
        assert error_colour(app, "Brent 2/1 ⚠")
    assert db_titles(board_db, "Backlog") == ["Write the runbook", "Upgrade the database"]
    assert db_titles(board_db, "Done") == ["Ship the old release", "Patch the servers"]
    assert fresh_snapshot(board_db).cards_in(2)[0].assignee == "Brent"


async def test_the_expedite_lane_count_shows_while_there_are_expedite_cards(
    svc: KanbanService, board_db: Path
) -> None:
    svc.edit_card(6, class_of_service=ClassOfService.EXPEDITE)  # In Progress #6
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        assert "  │  Expedite 1/1  │  " in top(app)
        assert not error_colour(app, "1/1")
        await pilot.press("l", "l", "up", "L")  # up into the lane: #6 -> Review, still 1/1
        assert "  │  Expedite 1/1  │  " in top(app)
        await pilot.press("L")  # Review -> Done: the lane is empty, nothing shown
        assert "Expedite" not in top(app)
    done = fresh_snapshot(board_db).cards_in(5)
    assert [(c.id, c.class_of_service) for c in done][-1] == (6, ClassOfService.EXPEDITE)


async def test_an_expedite_lane_over_its_limit_is_shown_as_an_error(svc: KanbanService) -> None:
    svc.edit_card(6, class_of_service=ClassOfService.EXPEDITE)
    svc.edit_card(3, class_of_service=ClassOfService.EXPEDITE)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE):
        assert "  │  Expedite 2/1  │  " in top(app)
        assert error_colour(app, "2/1")
