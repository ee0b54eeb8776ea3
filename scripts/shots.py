"""The screen states that the screenshots show and the snapshot tests check, and how to reach them.

``scripts/screenshots.py`` saves them into ``screenshots/``; ``tests/snapshots`` compares them
with the SVGs under ``tests/snapshots/__snapshots__``. Both open the demo board, written with the
clock frozen at :data:`NOW` in UTC, press each state's keys through :func:`reach` and take the
picture, so a screenshot and its snapshot show the same screen.

Only public entry points are used (the ``kanban demo --no-tui`` command, ``KanbanApp(service)``
and key presses), so the states survive changes inside the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

NOW = "2026-11-23T09:30:00+00:00"  # a Monday morning: the standup reaches back to Friday
WIDE = (160, 45)
CLASSIC = (80, 24)


@dataclass(frozen=True, slots=True)
class Shot:
    name: str  # the screenshot's file name without .svg, and the snapshot test's id
    keys: tuple[str, ...]  # pressed on the board, one at a time
    size: tuple[int, int] = WIDE
    screenshot: bool = True  # also saved into screenshots/ (the README shows it)


SHOTS = (
    Shot("board", ("right", "right")),  # the focus on the over-limit In Progress column
    Shot("board-80x24", ("right", "right"), CLASSIC),
    Shot("card-form", ("right", "right", "e")),
    Shot("card-history", ("right", "right", "i")),  # who changed the focused card, and when
    Shot("help", ("question_mark",)),
    Shot("standup-screen", ("s",)),
    Shot("metrics", ("m",)),  # the first tab, the cumulative flow diagram
    Shot("metrics-aging", ("m", "right")),  # tabs: left/right
    Shot("metrics-cycle", ("m", "right", "right"), screenshot=False),
    Shot("metrics-throughput", ("m", "left", "left"), screenshot=False),  # the tabs wrap round
    Shot("metrics-mix", ("m", "left"), screenshot=False),
)


def write_demo(db: Path) -> None:
    """Write the demo board into a new database at ``db``, as ``kanban demo --no-tui`` does
    (``KANBAN_NOW`` and ``TZ`` must be set first)."""
    from kanban.cli.main import main

    if main(["--db", str(db), "demo", "--no-tui"]) != 0:
        raise RuntimeError(f"kanban demo could not write {db}")


async def reach(pilot: Pilot, shot: Shot) -> None:
    """Press the shot's keys, let the metrics worker finish and every animation end, and stop
    the cursors blinking, so that two pictures of the same state are the same."""
    await pilot.pause()
    for key in shot.keys:
        await pilot.press(key)
        await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the metrics screen computes in a worker
    await pilot.pause()
    for editor in [*pilot.app.screen.query(Input), *pilot.app.screen.query(TextArea)]:
        editor.cursor_blink = False  # shown steadily, never caught mid-blink
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()
