"""What the board does before its first paint: only what the paint needs, its aging flags
included. The other screens, the JSON reports and the summary are imported when first used,
and what a change needs is loaded by a worker once the board is on screen."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.dom import DOMNode

from kanban.services import KanbanService
from kanban.tui.app import KanbanApp
from tests.tui.board import SIZE

# Imported when first asked for (a key, a toast): none is needed to paint the board.
LATER = (
    "kanban.domain.summary",
    "kanban.reports.json_report",
    "kanban.tui.screens.card_form",
    "kanban.tui.screens.confirm",
    "kanban.tui.screens.help",
    "kanban.tui.screens.history",
    "kanban.tui.screens.metrics",
    "kanban.tui.screens.prompt",
    "kanban.tui.screens.standup",
)

# What a change needs: loaded once the board is idle (``KanbanService.prepare_writes``).
WRITES = ("kanban.storage.unit_of_work", "sqlalchemy.orm", "sqlmodel", "pydantic")

# A board in a process of its own (argv: the database, "paused" or "running" for the cycle
# collector as the process starts): prints what it saw at the first paint (the modules loaded,
# whether the collector ran) and once the board is idle (whether it runs, whether anything was
# frozen out of it), as JSON.
FIRST_PAINT = """
import asyncio, gc, json, sys
if sys.argv[2] == "paused":
    gc.disable()  # as kanban's main does, before the imports
from kanban.services import KanbanService
from kanban.tui.app import KanbanApp

async def main():
    app = KanbanApp(KanbanService.open(sys.argv[1]))
    seen, display = {}, app._display

    def painted(screen, update):
        display(screen, update)
        if update is not None and not seen:
            seen.update(modules=sorted(sys.modules), collecting=gc.isenabled())

    app._display = painted
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        return {
            **seen,
            "idle": [gc.isenabled(), gc.get_freeze_count() > 0, gc.get_threshold()[0] > 700],
        }

print(json.dumps(asyncio.run(main())))
"""


def first_paint(db: Path, collector: str = "running") -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", FIRST_PAINT, str(db), collector], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_board_paints_without_the_other_screens_and_reports(board_db: Path) -> None:
    loaded = set(first_paint(board_db)["modules"])
    assert "kanban.tui.screens.board" in loaded  # the check saw the board's modules
    assert [name for name in LATER + WRITES if name in loaded] == []


@pytest.mark.parametrize(
    ("collector", "expected"),
    [
        # kanban's own process: collects once painted, frozen, less often
        ("paused", [False, True, True, True]),
        ("running", [True, True, False, False]),  # another program's (a test's): left as it was
    ],
)
def test_the_collector_paused_for_the_start_runs_once_the_board_has_painted(
    board_db: Path, collector: str, expected: list[bool]
) -> None:
    """The process pauses the cycle collector while it starts: it runs again from the board's
    first paint, with what the start made (the board's cards, its widgets) frozen out of it,
    and its young passes far apart (a move would otherwise run a full pass every few moves)."""
    seen = first_paint(board_db, collector)
    assert [seen["collecting"], *seen["idle"]] == expected


async def test_the_aging_rule_is_read_once_before_the_first_paint_and_writes_after_it(
    svc: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first paint shows the aging flags (the rule is read before it); what a change needs
    is loaded once, after it, off screen; a tick reads the rule again, and loads nothing."""
    app = KanbanApp(svc)
    order: list[str] = []
    display, read = app._display, svc.aging_rule

    def painted(screen: object, update: object) -> None:
        if update is not None and "paint" not in order:
            order.append("paint")
        display(screen, update)  # type: ignore[arg-type]

    def aging_rule(*args: object, **kwargs: object) -> object:
        order.append("aging rule")
        return read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(app, "_display", painted)
    monkeypatch.setattr(svc, "aging_rule", aging_rule)
    monkeypatch.setattr(svc, "prepare_writes", lambda: order.append("writes"))
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert app.board_screen.aging_rule is not None
        app.board_screen._tick()  # a minute later
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert order == ["aging rule", "paint", "writes", "aging rule"]


async def test_the_board_is_styled_once_before_the_first_paint(
    app: KanbanApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Styled as it mounts, and not again before it paints: Textual styles again, with all
    under it, any widget that a rule with an order pseudo-class (``:first-of-type``) may match
    by its type (a column is a ``Vertical``), and a screen as it is first shown."""
    restyled: list[str] = []
    update = DOMNode.update_node_styles

    def counting(node: DOMNode, animate: bool = True) -> None:
        if "paint" not in restyled:
            restyled.append(type(node).__name__)
        update(node, animate)

    display = app._display

    def painted(screen: object, update: object) -> None:
        if update is not None and "paint" not in restyled:
            restyled.append("paint")
        display(screen, update)  # type: ignore[arg-type]

    monkeypatch.setattr(DOMNode, "update_node_styles", counting)
    monkeypatch.setattr(app, "_display", painted)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert "paint" in restyled
    assert {"ColumnPanel", "BoardScreen"}.isdisjoint(restyled[: restyled.index("paint")])


async def test_each_screen_opens_from_the_board(app: KanbanApp) -> None:
    """Imported when first opened: each key still opens its screen."""
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        for key, screen in [
            ("question_mark", "HelpScreen"),
            ("n", "CardForm"),
            ("e", "CardForm"),
            ("b", "PromptScreen"),  # card #1 is not blocked: asks why
            ("d", "ConfirmScreen"),
            ("w", "PromptScreen"),
            ("slash", "PromptScreen"),
            ("s", "StandupScreen"),
            ("i", "HistoryScreen"),
            ("m", "MetricsScreen"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == screen, key
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.board_screen, key
