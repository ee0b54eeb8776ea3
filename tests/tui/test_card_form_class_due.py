"""The card form's class of service and due date: a bad date is refused in the form, a good
one is saved and shown on the card (amber when near, red when past)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.widgets import Input, Label, Select

from kanban.domain.models import ClassOfService
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.card_form import CardForm
from tests.tui.board import SIZE, card_list, fresh_snapshot, lines, style_of

# The form's fields in tab order: title, type, assignee, description, class, due date.
TO_DUE = ("tab",) * 5


async def test_a_bad_due_date_is_shown_in_the_form_and_nothing_is_saved(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"Fax", *TO_DUE, *"2026-13-01", "ctrl+s")
        form = app.screen
        assert isinstance(form, CardForm)
        error = "a due date is YYYY-MM-DD, not '2026-13-01'"
        assert str(form.query_one("#error", Label).render()) == error
        assert toasts == [("error", error)]
        assert app.focused is form.query_one("#due", Input)
        await pilot.press("enter")  # enter in the field submits: refused again
        assert isinstance(app.screen, CardForm)
        await pilot.press("escape")
        assert not isinstance(app.screen, CardForm)
    assert fresh_snapshot(board_db) == before


async def test_a_due_date_is_saved_and_shown_amber_when_near(
    app: KanbanApp, board_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "n", *"Fax", *TO_DUE, *"2026-11-26", "enter")  # today is 11-24
        assert not isinstance(app.screen, CardForm)
        ready = card_list(app, "Ready")
        assert lines(ready)[7] == "  1d · due 11-26"
        warning = ready.get_component_rich_style("card-list--due-soon", partial=True)
        assert style_of(ready, 7, "due 11-26").color == warning.color
    card = fresh_snapshot(board_db).cards_in(2)[-1]
    assert (card.title, card.due_date) == ("Fax", date(2026, 11, 26))
    assert card.class_of_service is ClassOfService.STANDARD


async def test_the_edit_form_shows_class_and_due_date_and_clears_the_date(
    svc: KanbanService, board_db: Path
) -> None:
    svc.edit_card(
        7, class_of_service=ClassOfService.FIXED_DATE, due_date=date(2026, 11, 20)
    )  # past
    svc.edit_card(8, due_date=date(2026, 12, 31))  # far
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        review = card_list(app, "Review")
        assert lines(review)[1] == "  Wes · 2d · due 11-20"
        past = review.get_component_rich_style("card-list--due-past", partial=True)
        assert style_of(review, 1, "due 11-20").color == past.color
        meta = review.get_component_rich_style("card-list--meta", partial=True)
        assert style_of(review, 4, "due 12-31").color == meta.color
        await pilot.press("l", "l", "l", "e")
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#class", Select).value is ClassOfService.FIXED_DATE
        assert form.query_one("#due", Input).value == "2026-11-20"
        await pilot.press(*TO_DUE, "ctrl+u", "ctrl+s")  # an empty date: none
        assert lines(review)[1] == "  Wes · 2d"
    card = fresh_snapshot(board_db).find_card(7)
    assert card is not None and card.due_date is None
    assert card.class_of_service is ClassOfService.FIXED_DATE
