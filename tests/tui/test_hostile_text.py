"""User text in dialogs, toasts and screens is data: markup is shown as typed (never read, never
run as an action) and terminal controls are shown visibly (``␛``), never emitted.

The hostile names are written straight into the database, as another program (an import, an
older version, a shared server) could have written them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Label, Static
from textual.widgets._toast import Toast
from textual_plotext import PlotextPlot

from kanban.domain.models import Card
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.card_form import CardForm
from kanban.tui.screens.confirm import ConfirmScreen
from kanban.tui.screens.metrics import MetricsScreen
from kanban.tui.screens.prompt import PromptScreen
from kanban.tui.screens.standup import StandupScreen
from tests.tui.board import SIZE, card_list, fresh_snapshot, record_toasts

CLOSE = "[/]"
CLICK = "[@click=app.quit]x[/]"
OSC = "\x1b]0;pwned\x07"  # retitles the terminal window
SHOWN = "␛]0;pwned␇"


def write(db: Path, sql: str, *values: object) -> None:
    with sqlite3.connect(db) as connection:
        connection.execute(sql, values)
    connection.close()


def retitle(db: Path, card_id: int, title: str) -> None:
    write(db, "UPDATE cards SET title = ? WHERE id = ?", title, card_id)


def rename(db: Path, column: str, name: str) -> None:
    write(db, "UPDATE board_columns SET name = ? WHERE name = ?", name, column)


def fresh_card(db: Path) -> Card:
    card = fresh_snapshot(db).find_card(1)
    assert card is not None
    return card


def title_of(app: KanbanApp) -> str:
    """The text of the open dialog's title line, as drawn."""
    return str(app.screen.query_one(".dialog-title", Label).render())


def shown_toasts(app: KanbanApp) -> list[str]:
    """The text of every toast on screen, as drawn (run_test needs ``notifications=True``)."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]


def no_controls(text: str) -> bool:
    return not any(ord(ch) < 0x20 and ch != "\n" or 0x7F <= ord(ch) < 0xA0 for ch in text)


async def test_a_card_titled_markup_is_shown_in_the_delete_dialog(
    board_db: Path, svc: KanbanService
) -> None:
    retitle(board_db, 1, CLOSE)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")  # Backlog #1
        assert isinstance(app.screen, ConfirmScreen)
        assert title_of(app) == "Delete #1 [/]?"
        await pilot.press("n")
        assert app.is_running and not isinstance(app.screen, ConfirmScreen)


async def test_a_column_named_markup_in_the_wip_prompt_the_form_and_the_breach_toast(
    board_db: Path, svc: KanbanService, monkeypatch
) -> None:
    rename(board_db, "Review", CLOSE)
    app = KanbanApp(svc)
    toasts = record_toasts(app, monkeypatch)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("l", "l", "l", "w")  # the [/] column (Review)
        assert isinstance(app.screen, PromptScreen)
        assert title_of(app) == "WIP limit for [/]: a whole number, or empty for no limit"
        await pilot.press("escape", "n")
        assert isinstance(app.screen, CardForm)
        assert title_of(app) == "New card in [/]"
        await pilot.press("escape", "h", "shift+right")  # #4 into the full column: 3/2
        await pilot.pause()
        assert toasts == [("warning", "[/] is over its WIP limit: 3/2")]
        assert shown_toasts(app) == ["[/] is over its WIP limit: 3/2"]


async def test_a_click_action_in_a_title_is_shown_and_never_run(
    board_db: Path, svc: KanbanService
) -> None:
    retitle(board_db, 1, CLICK)
    rename(board_db, "Backlog", CLICK)
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("d")
        assert title_of(app) == f"Delete #1 {CLICK}?"
        await pilot.click(".dialog-title")
        await pilot.click(".dialog-title", offset=(12, 0))  # on the "x" itself
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape", "n")
        assert title_of(app) == f"New card in {CLICK}"
        await pilot.click(".dialog-title", offset=(13, 0))
        await pilot.press("escape", "w", "escape")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, PromptScreen)
        assert card_list(app, CLICK).current is not None


async def test_escape_sequences_are_shown_visibly_in_dialogs_and_toasts(
    board_db: Path, svc: KanbanService
) -> None:
    retitle(board_db, 1, f"{OSC} x")
    rename(board_db, "Review", f"R{OSC}")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("d")
        assert title_of(app) == f"Delete #1 {SHOWN} x?"
        await pilot.press("n", "l", "l", "l", "w")
        assert title_of(app) == f"WIP limit for R{SHOWN}: a whole number, or empty for no limit"
        await pilot.press("escape", "h", "shift+right")
        await pilot.pause()
        assert shown_toasts(app) == [f"R{SHOWN} is over its WIP limit: 3/2"]


async def test_the_standup_and_metrics_screens_show_hostile_names_inertly(
    board_db: Path, svc: KanbanService
) -> None:
    retitle(board_db, 4, f"{CLOSE} {OSC}")  # blocked: named in the standup
    rename(board_db, "In Progress", f"Doing{OSC}")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StandupScreen)
        text = app.screen.query_one("#standup-text", Static).render()
        assert "[/]" in str(text) and no_controls(str(text))
        await pilot.press("escape", "m")
        screen = app.screen
        assert isinstance(screen, MetricsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for tab in ("cfd", "aging"):
            screen.query_one("TabbedContent").active = f"tab-{tab}"
            await pilot.pause()
            drawn = screen.query_one(f"#{tab}-plot", PlotextPlot).render().plain  # type: ignore[union-attr]
            assert f"Doing{SHOWN}" in drawn and no_controls(drawn), tab


async def test_the_edit_form_shows_controls_visibly_and_keeps_the_text_it_did_not_edit(
    board_db: Path, svc: KanbanService
) -> None:
    title, description = f"{OSC} x", f"line one\nthen {OSC}"
    retitle(board_db, 1, title)
    write(
        board_db,
        "UPDATE cards SET description = ?, assignee = ? WHERE id = 1",
        description,
        f"W{OSC}",
    )
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form = app.screen
        assert isinstance(form, CardForm)
        fields = {name: form.query_one(f"#{name}") for name in ("title", "assignee")}
        assert fields["title"].value == f"{SHOWN} x"  # type: ignore[attr-defined]
        assert fields["assignee"].value == f"W{SHOWN}"  # type: ignore[attr-defined]
        assert form.query_one("#description").text == f"line one\nthen {SHOWN}"  # type: ignore[attr-defined]
        drawn = [
            form.query_one(f"#{name}").render_line(y).text
            for name in ("title", "assignee", "description")
            for y in range(3)
        ]
        assert all(no_controls(line) for line in drawn)
        await pilot.press("ctrl+s")  # nothing edited: the card keeps its own text
        assert not isinstance(app.screen, CardForm)
    card = fresh_card(board_db)
    assert (card.title, card.description, card.assignee) == (title, description, f"W{OSC}")
    app = KanbanApp(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end", "!", "ctrl+s")  # an edited title is saved as shown
    assert fresh_card(board_db).title == f"{SHOWN} x!"
