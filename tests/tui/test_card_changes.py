"""New, edit, block, delete and WIP-limit keys: each through its modal, on screen and in the
database; cancelling or bad input changes nothing."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, Select

from kanban.domain.models import WorkType
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.card_form import CardForm
from kanban.tui.screens.confirm import ConfirmScreen
from kanban.tui.screens.prompt import PromptScreen
from tests.tui.board import (
    SIZE,
    card_list,
    column_view,
    fresh_snapshot,
    header,
    lines,
    titles,
)


async def test_n_adds_a_card_to_the_focused_column(app: KanbanApp, board_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "n")
        assert isinstance(app.screen, CardForm)
        await pilot.press(*"Fax", "tab")  # title, then the type of work
        await pilot.press("enter", "down", "down", "down", "enter")  # Unplanned
        await pilot.press("tab", *"Bo", "tab", *"Jam")  # assignee, description
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, CardForm)
        ready = card_list(app, "Ready")
        assert titles(ready)[-1] == "#10 U Fax"
        assert lines(ready)[7] == "  Bo · 1d"
        assert header(app, "Ready") == "Ready 3/5"
        assert app.focused is ready and ready.cursor == 2
    card = fresh_snapshot(board_db).cards_in(2)[-1]
    assert (card.id, card.title, card.type, card.assignee, card.description) == (
        10,
        "Fax",
        WorkType.UNPLANNED,
        "Bo",
        "Jam",
    )


async def test_the_form_refuses_an_empty_title_and_escape_cancels(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "space", "enter")  # a blank title, submitted
        assert isinstance(app.screen, CardForm)
        assert str(app.screen.query_one("#error", Label).render()) == "a card needs a title"
        assert toasts == [("error", "a card needs a title")]
        await pilot.press("escape")
        assert not isinstance(app.screen, CardForm)
        assert header(app, "Backlog") == "Backlog 1"
    assert fresh_snapshot(board_db) == before


async def test_e_edits_the_focused_card_in_a_prefilled_form(app: KanbanApp, board_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "e")  # In Progress #4
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#title", Input).value == "Fix payroll outage"
        assert form.query_one("#type", Select).value is WorkType.UNPLANNED
        assert form.query_one("#assignee", Input).value == "Brent"
        await pilot.press("end", "!", "ctrl+s")
        doing = card_list(app, "In Progress")
        assert titles(doing)[0] == "#4 U Fix payroll outage!"
        assert doing.cursor == 0 and app.focused is doing
    assert fresh_snapshot(board_db).cards_in(3)[0].title == "Fix payroll outage!"


async def test_enter_edits_the_focused_card_too(app: KanbanApp, board_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "down", "enter")  # Ready #3
        assert isinstance(app.screen, CardForm)
        assert app.screen.query_one("#title", Input).value == "Customer portal"
        await pilot.press("tab", "tab", *"Al", "enter")  # assignee; enter saves
        assert lines(card_list(app, "Ready"))[4] == "  Al · 1d"
    assert fresh_snapshot(board_db).cards_in(2)[1].assignee == "Al"


async def test_b_blocks_with_a_reason_and_unblocks(app: KanbanApp, board_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "j", "b")  # In Progress #5
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"law", "enter")
        doing = card_list(app, "In Progress")
        assert lines(doing)[4:6] == ["  Patty · 3d", "  ⛔ law"]
        assert fresh_snapshot(board_db).cards_in(3)[1].blocked_reason == "law"
        await pilot.press("b")  # blocked: b unblocks at once
        assert not isinstance(app.screen, PromptScreen)
        assert lines(doing)[4] == "  Patty · 3d"
    assert fresh_snapshot(board_db).cards_in(3)[1].blocked_reason is None


def refusal(prompt: PromptScreen) -> str:
    """The message under the prompt's field."""
    return str(prompt.query_one("#error", Label).render())


async def test_block_refuses_an_empty_reason_and_stays_open_for_one(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "enter")  # empty reason
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert refusal(prompt) == "blocking a card needs a reason"
        assert app.focused is prompt.query_one(Input)
        assert fresh_snapshot(board_db) == before
        await pilot.press(*"Waiting")  # into the field, not the board (n would open a form)
        assert app.screen is prompt and prompt.query_one(Input).value == "Waiting"
        await pilot.press("enter")
        assert not isinstance(app.screen, PromptScreen)
        assert lines(card_list(app, "Backlog"))[2] == "  ⛔ Waiting"
        assert toasts == []
    assert fresh_snapshot(board_db).find_card(1).blocked_reason == "Waiting"  # type: ignore[union-attr]


async def test_escape_cancels_the_block_prompt(app: KanbanApp, board_db: Path) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("b", "enter", "x", "escape")  # refused once, then cancelled
        assert not isinstance(app.screen, PromptScreen)
        assert lines(card_list(app, "Backlog"))[1] == "  Wes · 11d"
        await pilot.press("b")  # the board's keys work again
        assert isinstance(app.screen, PromptScreen)
    assert fresh_snapshot(board_db) == before


async def test_d_deletes_after_confirmation(app: KanbanApp, board_db: Path) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: nothing changes
        assert fresh_snapshot(board_db) == before
        await pilot.press("d", "escape")
        assert fresh_snapshot(board_db) == before
        await pilot.press("d", "y")
        doing = card_list(app, "In Progress")
        assert titles(doing) == ["#5 B Phoenix release", "#6 I Audit the firewall"]
        assert header(app, "In Progress") == "In Progress 2/3"
        assert doing.cursor == 0 and doing.current is not None and doing.current.id == 5
    assert [c.id for c in fresh_snapshot(board_db).cards_in(3)] == [5, 6]


async def test_w_sets_and_clears_the_wip_limit(app: KanbanApp, svc: KanbanService) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "w")  # Review 2/2
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        assert prompt.query_one(Input).value == "2"
        await pilot.press("backspace", "5", "enter")
        assert header(app, "Review") == "Review 2/5"
        assert not column_view(app, "Review").header.has_class("-at")
        assert svc.column(1, "Review").wip_limit == 5
        await pilot.press("w", "backspace", "enter")  # empty: no limit
        assert header(app, "Review") == "Review 2"
        assert svc.column(1, "Review").wip_limit is None


async def test_an_invalid_wip_limit_is_refused_in_the_prompt(
    app: KanbanApp, board_db: Path, toasts: list[tuple[str, str]]
) -> None:
    before = fresh_snapshot(board_db)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "l", "w")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        question = str(prompt.query_one(".dialog-title", Label).render())
        assert question == "WIP limit for Review: a whole number, or empty for no limit"
        await pilot.press("backspace", *"abc", "enter")
        assert app.screen is prompt
        assert refusal(prompt) == "a WIP limit must be a whole number or 'none': 'abc'"
        assert app.focused is prompt.query_one(Input)
        await pilot.press("ctrl+u", *"-1", "enter")
        assert app.screen is prompt
        assert refusal(prompt) == "a WIP limit cannot be negative: -1"
        assert fresh_snapshot(board_db) == before
        await pilot.press("escape")
        assert not isinstance(app.screen, PromptScreen)
        assert header(app, "Review") == "Review 2/2"
        assert column_view(app, "Review").header.has_class("-at")
        assert toasts == []
        await pilot.press("w", "backspace", *"abc", "enter", "ctrl+u", "4", "enter")
        assert not isinstance(app.screen, PromptScreen)
        assert header(app, "Review") == "Review 2/4"
    assert fresh_snapshot(board_db).column_named("Review").wip_limit == 4  # type: ignore[union-attr]


async def test_a_long_question_wraps_inside_the_dialog(app: KanbanApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l", "l", "w")  # "WIP limit for In Progress: a whole number, ..."
        question = app.screen.query_one(".dialog-title", Label)
        dialog = app.screen.query_one(".dialog")
        assert question.size.height == 2
        assert question.region.right <= dialog.content_region.right
