"""User text on the board (card titles, assignees, blocked reasons, column, board and person
names) is shown visibly, never acted on: no escape sequence reaches the terminal, no markup is
parsed, the column borders stay where they are, at 160×45 and at 80×24.

The hostile text is written straight into the database (as an old version, an import or a
shared server could leave it), so these tests hold whatever the service lets in."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.widgets.column import ColumnPanel
from tests.tui.board import SIZE, card_list, column_view, lines, screen_strips

ESCAPES = "\x1b[2J\x1b[Hx"
MARKUP = "[/] [@click=app.quit]x[/]"
SGR = re.compile(r"\x1b\[[0-9;]*m")  # the styles Textual itself writes


def poison(db: Path) -> None:
    """Card 1's title clears the screen, card 2's is markup with an action; Eve (card 2's
    assignee, over her limit) retitles the terminal; card 4's reason is red markup with an
    escape; Review is named "[/]" and the board writes the clipboard."""
    with sqlite3.connect(db) as connection:
        for sql, args in [
            ("UPDATE cards SET title = ? WHERE id = 1", (ESCAPES,)),
            ("UPDATE cards SET title = ?, assignee = ? WHERE id = 2", (MARKUP, "\x1b]0;Eve\x07")),
            ("UPDATE people SET name = ? WHERE name = 'Eve'", ("\x1b]0;Eve\x07",)),
            ("UPDATE cards SET blocked_reason = ? WHERE id = 4", ("\x1b[31m[red]no[/red]",)),
            ("UPDATE board_columns SET name = '[/]' WHERE name = 'Review'", ()),
            ("UPDATE boards SET name = ? WHERE id = 1", ("[b]\x1b]52;c;aGk=\x07",)),
        ]:
            connection.execute(sql, args)


@pytest.fixture
def hostile(svc: KanbanService, board_db: Path) -> KanbanService:
    svc.edit_card(2, assignee="Eve")
    svc.set_person_limit(svc.board().id, "Eve", 0)
    poison(board_db)
    return KanbanService.open(board_db)


def assert_screen_is_safe(app: KanbanApp, width: int) -> None:
    """Every line is exactly the screen's width, holds no control character, and writes
    nothing to the terminal but text and Textual's own styles."""
    for y, strip in enumerate(screen_strips(app)):
        assert strip.cell_length == width, y
        assert not any(ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 for char in strip.text), y
        written = SGR.sub("", strip.render(app.console))
        assert "\x1b" not in written and "\x07" not in written, (y, written)


def assert_borders_intact(app: KanbanApp, view: ColumnPanel) -> None:
    """The column's left and right borders are on every one of its lines."""
    strips = screen_strips(app)
    region = view.region
    for y in range(region.y + 1, region.bottom - 1):
        strip = strips[y]
        assert strip.crop(region.x, region.x + 1).text == "│", y
        assert strip.crop(region.right - 1, region.right).text == "│", y


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_hostile_text_is_shown_visibly_and_never_acted_on(
    hostile: KanbanService, size: tuple[int, int]
) -> None:
    app = KanbanApp(hostile)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert lines(card_list(app, "Backlog"))[0].startswith("#1 I ␛[2J␛[Hx")
        assert_screen_is_safe(app, size[0])
        for view in app.board_screen.columns.values():
            if app.screen.region.contains_region(view.region):
                assert_borders_intact(app, view)
        top = str(app.board_screen.top_bar.render())
        assert top.startswith("[b]␛]52;c;aGk=␇ ") and " ␛]0;Eve␇ 1/0 ⚠ " in top
        assert str(app.board_screen.detail_bar.render()).startswith("#1 I ␛[2J␛[Hx")

        await pilot.press("l")  # Ready: card 2, the markup
        shown = lines(card_list(app, "Ready"))[0]
        assert f"#2 C {MARKUP}".startswith(shown.removesuffix("…"))  # as typed, maybe cut
        assert str(app.board_screen.detail_bar.render()) == f"#2 C {MARKUP} · ␛]0;Eve␇"
        await pilot.click(card_list(app, "Ready"), offset=(12, 0))  # on "[@click=app.quit]"
        await pilot.pause()
        assert app.is_running and app.return_code is None  # the action was not run

        await pilot.press("l")  # In Progress: card 4's reason
        assert lines(card_list(app, "In Progress"))[2].startswith("  ⛔ ␛[31m[red]no[/red]")
        assert str(app.board_screen.detail_bar.render()).endswith("⛔ ␛[31m[red]no[/red]")
        await pilot.press("l")  # the column named "[/]"
        await pilot.pause()
        review = column_view(app, "[/]")
        assert str(review.header.render()) == "[/] 2/2"
        assert_screen_is_safe(app, size[0])
        assert_borders_intact(app, review)
