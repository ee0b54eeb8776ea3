"""The standup screen (s) and the board filter (/ and escape)."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.events import Paste
from textual.widgets import Input, Label, Static

from kanban.clock import local_tz, now
from kanban.reports.text import print_summary
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from kanban.tui.screens.prompt import PromptScreen
from kanban.tui.screens.standup import StandupScreen
from tests.tui.board import SIZE, card_list, db_titles, header, lines, titles

ALL = {
    "Backlog": ["#1 I Write the runbook"],
    "Ready": ["#2 C Upgrade the database", "#3 B Customer portal"],
    "In Progress": ["#4 U Fix payroll outage", "#5 B Phoenix release", "#6 I Audit the firewall"],
    "Review": ["#7 C Patch the servers", "#8 B Kumquat report"],
    "Done": ["#9 B Ship the old release"],
}


def board_titles(app: KanbanApp) -> dict[str, list[str]]:
    return {name: titles(card_list(app, name)) for name in ALL}


def cli_standup(svc: KanbanService) -> str:
    """What ``kanban summary --standup`` prints, without colour."""
    out = io.StringIO()
    console = Console(file=out, width=100, color_system=None, soft_wrap=True)
    print_summary(svc.summary(svc.board().id, now(), local_tz(), standup=True), local_tz(), console)
    return out.getvalue().rstrip("\n")


def section(text: str, head: str) -> list[str]:
    """The lines under a heading of the standup, up to the next blank line."""
    lines = text.splitlines()
    start = lines.index(head) + 1
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


async def type_filter(pilot, query: str) -> None:  # type: ignore[no-untyped-def]
    """Open the filter prompt, paste the query into it (as a terminal delivers a paste: one
    event, much faster than a key press per character) and press enter. Typing key by key into
    the prompt is seen by test_a_bad_filter_is_refused_in_the_prompt_and_the_board_stays."""
    await pilot.press("slash")
    pilot.app.focused.post_message(Paste(query))
    await pilot.pause()
    await pilot.press("enter")


# ---------------------------------------------------------------------- standup


async def test_s_shows_the_standup_of_the_cli_and_closes_back_to_the_board(
    app: KanbanApp, svc: KanbanService
) -> None:
    # Today's history (the clock is frozen): one card finished, one moved, one newly blocked.
    svc.move_card(7, "Done")
    svc.move_card(3, "In Progress")
    svc.block_card(5, "waiting on legal")
    async with app.run_test(size=SIZE) as pilot:
        board = app.screen
        await pilot.press("s")
        assert isinstance(app.screen, StandupScreen)
        shown = app.screen.text.plain
        assert section(shown, "Finished (1)")[0].startswith("  #7 Patch the servers")
        assert "#3 Customer portal  Ready → In Progress" in section(shown, "Moved (1)")[0]
        assert "#5 Phoenix release  ⛔ waiting on legal" in section(shown, "Newly blocked (1)")[0]
        assert "Walk the board (right to left)" in shown
        assert shown == cli_standup(svc)  # the same words as the CLI, not a second version
        text = app.screen.query_one("#standup-text", Static)
        assert "#7 Patch the servers" in str(text.render())
        assert text.region.height > 10  # drawn on the screen, not just held

        await pilot.press("escape")
        assert app.screen is board
        await pilot.press("s", "q")  # q closes the standup, it does not quit
        assert app.screen is board and app.is_running
        await pilot.press("s", "s")
        assert app.screen is board


async def test_standup_without_history_says_none(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        shown = app.screen.text.plain  # type: ignore[attr-defined]
        assert "Finished: none" in shown and "Newly blocked: none" in shown


# ---------------------------------------------------------------------- filter


async def test_slash_filters_the_cards_and_escape_restores_them(app: KanbanApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert board_titles(app) == ALL
        await type_filter(pilot, "@brent")
        assert board_titles(app) == {
            "Backlog": [],
            "Ready": ["#2 C Upgrade the database"],
            "In Progress": ["#4 U Fix payroll outage"],
            "Review": [],
            "Done": ["#9 B Ship the old release"],
        }
        assert [len(card_list(app, name).cards) for name in ALL] == [0, 1, 1, 0, 1]
        # The headers keep the real count and limit; the filter only says how many are shown.
        assert header(app, "Ready") == "Ready 2/5 (1 shown)"
        assert header(app, "In Progress") == "In Progress 3/3 (1 shown)"
        assert header(app, "Review") == "Review 2/2 (0 shown)"
        assert lines(card_list(app, "Review"))[0] == "no cards"
        board = app.board_screen
        assert board.check_action("clear_filter", ()) is True  # escape is offered in the footer

        await pilot.press("escape")
        assert board_titles(app) == ALL
        assert header(app, "Ready") == "Ready 2/5"
        assert board.filter is None and board.check_action("clear_filter", ()) is False


async def test_the_aging_tokens_use_the_boards_rule_and_the_clock(app: KanbanApp) -> None:
    # The tokens themselves (type:, is:, @name, #id, words) are parsed and matched in
    # tests/domain/test_filter.py; what only the board can get wrong is the aging it passes in.
    async with app.run_test(size=SIZE) as pilot:
        shown = {
            "aging:critical": ["#4"],  # 9 days in In Progress
            "aging:warning": ["#2", "#5"],  # 5 and 3 days; done and backlog cards never age
        }
        for query, ids in shown.items():
            await type_filter(pilot, query)
            found = [t.split()[0] for name in ALL for t in titles(card_list(app, name))]
            assert found == ids, query
            await pilot.press("escape")
            assert board_titles(app) == ALL


async def test_a_bad_filter_is_refused_in_the_prompt_and_the_board_stays(
    app: KanbanApp, toasts: list[tuple[str, str]]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "type:bug")
        prompt = app.screen
        assert isinstance(prompt, PromptScreen)
        error = str(prompt.query_one("#error", Label).render())
        assert error == "unknown type:bug (use business, internal, change, unplanned)"
        assert app.focused is prompt.query_one(Input) and toasts == []
        await pilot.press("escape")
        assert board_titles(app) == ALL and app.board_screen.filter is None
        await type_filter(pilot, "type:bug")
        await pilot.press(*["backspace"] * 3, *"change", "enter")  # corrected in place
        assert not isinstance(app.screen, PromptScreen)
        chosen = app.board_screen.filter
        assert chosen is not None and chosen.query == "type:change"


async def test_a_move_while_filtered_writes_to_the_database_and_keeps_the_filter(
    app: KanbanApp, board_db: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "@patty")
        await pilot.press("l", "l")  # In Progress: only #5 Phoenix release is shown
        assert card_list(app, "In Progress").current.id == 5  # type: ignore[union-attr]
        await pilot.press("shift+right")  # #5 -> Review
        review = card_list(app, "Review")
        assert titles(review) == ["#8 B Kumquat report", "#5 B Phoenix release"]
        assert app.focused is review and review.cursor == 1 and review.current.id == 5  # type: ignore[union-attr]
        assert header(app, "Review") == "Review 3/2 ⚠ (2 shown)"
        assert header(app, "In Progress") == "In Progress 2/3 (0 shown)"
        assert db_titles(board_db, "Review") == [
            "Patch the servers",
            "Kumquat report",
            "Phoenix release",
        ]
        await pilot.press("escape")
        assert titles(review) == [
            "#7 C Patch the servers",
            "#8 B Kumquat report",
            "#5 B Phoenix release",
        ]
        assert review.current.id == 5  # type: ignore[union-attr]


async def test_the_board_keys_rest_while_the_standup_is_up(app: KanbanApp, board_db: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l", "l", "s")  # In Progress focused, then the standup
        assert isinstance(app.screen, StandupScreen)
        before = db_titles(board_db, "In Progress")
        await pilot.press("shift+right", "n", "d", "u", "m")
        assert isinstance(app.screen, StandupScreen) and len(app.screen_stack) == 2
        assert db_titles(board_db, "In Progress") == before
        await pilot.press("escape")
        assert not isinstance(app.screen, StandupScreen)
        await pilot.press("shift+right")  # back on the board, the keys work again
        assert db_titles(board_db, "In Progress") != before
