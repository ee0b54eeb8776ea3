"""Regenerate screenshots/ from the real app on the demo board, with the clock frozen.

    python scripts/screenshots.py [--out screenshots] [--now 2026-11-23T09:30:00+00:00]

Makes: board.svg (a breach, aging and blocked cards in view), board-80x24.svg (the same board
in the classic 80x24 terminal), card-form.svg (editing a card),
help.svg (every key), metrics.svg and metrics-aging.svg (the metrics screen: the CFD and the
aging-WIP chart), standup-screen.svg (the TUI's standup screen, key ``s``), standup.svg
(``kanban summary --standup`` as the terminal shows it).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import tempfile
from pathlib import Path

from shots import NOW, SHOTS, reach, write_demo  # the states the snapshot tests check too


async def _tui_shots(db: Path, out: Path) -> None:
    from kanban.services import KanbanService
    from kanban.tui.app import KanbanApp

    for shot in SHOTS:
        if not shot.screenshot:
            continue
        service = KanbanService.open(db)
        app = KanbanApp(service)
        async with app.run_test(size=shot.size) as pilot:
            await reach(pilot, shot)
            app.save_screenshot(filename=f"{shot.name}.svg", path=str(out))
        service.close()
        print(out / f"{shot.name}.svg")


def _standup_shot(db: Path, out: Path) -> None:
    from rich.console import Console

    from kanban.clock import local_tz, now
    from kanban.reports.text import print_summary
    from kanban.services import KanbanService

    service = KanbanService.open(db)
    report = service.summary(service.board().id, now(), local_tz(), standup=True)
    service.close()
    console = Console(
        file=io.StringIO(), record=True, width=110, force_terminal=True, color_system="truecolor"
    )
    print_summary(report, local_tz(), out=console)
    console.save_svg(str(out / "standup.svg"), title="kanban summary --standup")
    print(out / "standup.svg")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).parent.parent / "screenshots")
    parser.add_argument("--now", default=NOW)
    args = parser.parse_args()
    os.environ["KANBAN_NOW"] = args.now
    os.environ.setdefault("TZ", "UTC")
    args.out.mkdir(parents=True, exist_ok=True)

    db = Path(tempfile.mkdtemp(prefix="kanban-shots-")) / "demo.db"
    write_demo(db)
    asyncio.run(_tui_shots(db, args.out))
    _standup_shot(db, args.out)


if __name__ == "__main__":
    main()
