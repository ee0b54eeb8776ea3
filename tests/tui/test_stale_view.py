"""No change from a stale view: the board is open, someone else (another process: a second
service on the file) changes the focused card before the board noticed, then a key that writes
is pressed. The write is refused with a toast saying who changed what, the database keeps the
other change untouched, and the board shows the card as it is now, still focused. The card
form says what changed since it opened and a second save applies the user's own edits."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Label

from kanban.domain.models import Card
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.board import BoardScreen
from kanban.tui.screens.card_form import CardForm
from tests.tui.board import SIZE, card_list, titles


@pytest.fixture(autouse=True)
def _no_poll(monkeypatch: pytest.MonkeyPatch) -> None:
    """The board does not notice the other change by itself: the key press comes first."""
    monkeypatch.setattr(BoardScreen, "POLL_SECONDS", 3600)


@pytest.fixture
def brent(board_db: Path) -> Iterator[KanbanService]:
    """Another person's process on the same database."""
    service = KanbanService.open(board_db, author="brent")
    yield service
    service.close()


def _stored(service: KanbanService) -> tuple[list[tuple[Any, ...]], int]:
    """Every live card (with its version) and the number of events, as the database holds them."""
    board = service.board()
    cards = [
        (c.id, c.column_id, c.position, c.title, c.blocked_reason, c.version)
        for c in service.snapshot(board.id).all_cards()
    ]
    return cards, len(service.events(board.id))


def _screen(app: KanbanApp) -> BoardScreen:
    screen = app.board_screen
    assert isinstance(screen, BoardScreen)
    return screen


Other = Callable[[KanbanService], Any]

CASES: dict[str, tuple[list[str], int, Other, list[str], str]] = {
    # focus keys, the focused card, the other change, the keys that write, how it is told
    "L": ([], 1, lambda s: s.move_card(1, "Done"), ["L"], "moved to Done"),
    "H": (["l"], 2, lambda s: s.edit_card(2, title="Upgrade it"), ["H"], "edited title"),
    "K": (["l", "j"], 3, lambda s: s.edit_card(3, assignee="Wes"), ["K"], "edited assignee"),
    "b block": (
        [],
        1,
        lambda s: s.move_card(1, "Review"),
        ["b", *"why", "enter"],
        "moved to Review",
    ),
    "b unblock": (["l", "l"], 4, lambda s: s.edit_card(4, title="Payroll"), ["b"], "edited title"),
    "d": ([], 1, lambda s: s.block_card(1, "vendor"), ["d", "y"], "blocked: vendor"),
}


@pytest.mark.parametrize("case", CASES)
async def test_a_key_on_a_card_changed_elsewhere_is_refused_and_the_board_reloads(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]], case: str
) -> None:
    focus, card_id, change, keys, told = CASES[case]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*focus)
        screen = _screen(app)
        assert screen.card is not None and screen.card.id == card_id
        change(brent)
        stored = _stored(brent)
        await pilot.press(*keys)
        await pilot.pause()
        assert [severity for severity, _ in toasts] == ["error", "information"]  # and the news
        assert _errors(toasts) == [
            (
                "error",
                f"#{card_id} was changed by brent since you read it ({told}): nothing was saved",
            )
        ]
        assert _stored(brent) == stored  # their change kept, nothing of ours written
        assert app.screen is screen  # no dialog left open
        now = brent.card(card_id)
        shown = screen.state.locate(card_id)
        assert shown is not None and _same(shown, now)  # the board read it again
        assert screen.card is not None and screen.card.id == card_id  # still focused
        column = screen.state.column(now.column_id).name
        assert any(line.startswith(f"#{card_id} ") for line in titles(card_list(app, column)))


def _errors(toasts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [toast for toast in toasts if toast[0] == "error"]


def _same(shown: Card, stored: Card) -> bool:
    return (shown, shown.version) == (stored, stored.version)


async def test_the_board_writes_again_from_the_fresh_view(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        brent.edit_card(1, title="Runbook v2")
        await pilot.press("L")  # refused: the board reloads
        await pilot.press("L")  # from what it shows now
        await pilot.pause()
        assert len(_errors(toasts)) == 1
        moved = brent.card(1)
        assert (moved.title, moved.column_id) == ("Runbook v2", 2)


async def test_u_after_someone_changed_the_card_is_refused(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")  # my move: Backlog -> Ready
        brent.edit_card(1, title="Runbook v2")
        stored = _stored(brent)
        await pilot.press("u")
        await pilot.pause()
        assert _errors(toasts) == [
            ("error", "cannot undo move #1: brent changed #1 since (edited title)")
        ]
        assert _stored(brent) == stored
        screen = _screen(app)
        assert not app.service.can_undo  # the refused step is gone
        assert screen.card is not None and screen.card.id == 1
        assert titles(card_list(app, "Ready"))[-1] == "#1 I Runbook v2"


async def test_u_undoes_my_change_when_only_other_cards_changed(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        brent.edit_card(2, title="Another card")
        await pilot.press("u")
        await pilot.pause()
        assert toasts == [("information", "Undone: move #1")]
        assert brent.card(1).column_id == 1
        assert titles(card_list(app, "Ready"))[0] == "#2 C Another card"


async def test_the_card_form_shows_what_changed_and_a_second_save_applies_my_edits(
    app: KanbanApp, brent: KanbanService, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "e")  # #4 Fix payroll outage, Brent
        form = app.screen
        assert isinstance(form, CardForm)
        brent.edit_card(4, title="Payroll, take 2")
        await pilot.press("tab", "tab", "end", *"ie", "ctrl+s")  # my edit: the assignee
        assert app.screen is form  # refused: the form stays open
        assert _errors(toasts) == [
            (
                "error",
                "#4 was changed by brent since you read it (edited title): nothing was saved",
            )
        ]
        assert str(form.query_one("#error", Label).render()) == (
            "Changed by brent since you opened it: title 'Fix payroll outage' → "
            "'Payroll, take 2'. Save again to apply your edits."
        )
        assert form.query_one("#title", Input).value == "Payroll, take 2"  # theirs, shown
        assert form.query_one("#assignee", Input).value == "Brentie"  # mine, kept
        assert brent.card(4).assignee == "Brent"  # nothing saved yet
        assert _screen(app).state.locate(4).title == "Payroll, take 2"  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CardForm)
    card = brent.card(4)
    assert (card.title, card.assignee) == ("Payroll, take 2", "Brentie")
    assert [e.author for e in brent.log(card.board_id, 4, limit=2)] == [None, "brent"]


async def test_the_card_form_says_when_no_field_changed(
    app: KanbanApp, brent: KanbanService
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        brent.move_card(1, "Ready")
        await pilot.press("end", "!", "ctrl+s")
        assert app.screen is form
        assert str(form.query_one("#error", Label).render()) == (
            "Changed by brent since you opened it (none of these fields). "
            "Save again to apply your edits."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, CardForm)
    card = brent.card(1)
    assert (card.title, card.column_id) == ("Write the runbook!", 2)


async def test_the_card_form_keeps_my_edit_of_a_field_they_changed_too(
    app: KanbanApp, brent: KanbanService
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        brent.edit_card(1, title="Theirs", assignee="Brent")
        await pilot.press("end", "!", "ctrl+s")  # refused
        form = app.screen
        assert isinstance(form, CardForm)
        assert form.query_one("#title", Input).value == "Write the runbook!"
        assert form.query_one("#assignee", Input).value == "Brent"
        await pilot.press("ctrl+s")
        await pilot.pause()
    card = brent.card(1)
    assert (card.title, card.assignee) == ("Write the runbook!", "Brent")
