"""Measure the real TUI and CLI on benchmark boards of 1,000 / 5,000 / 20,000 cards.

    python benchmarks/run.py [--sizes 1000 5000 20000] [--repeat 3] [--keep DIR]

For each size: build the board with ``benchmarks/board.py``, then, each in a fresh process,
open ``KanbanApp`` under ``App.run_test(size=(160, 45))`` and time the first paint with cards
on screen and ``shift+right`` moves until the card shows in the next column (the median of
three moves, Backlog to Review; with the peak memory of that process), time
``kanban --db PATH summary`` and ``kanban --db PATH metrics`` as whole processes, and, in a
fresh process, the metrics computation alone (``svc.history`` + ``board_metrics``).
Prints a Markdown table (medians over ``--repeat`` runs).
"""

import time

STARTED = time.perf_counter()  # before any other import: the child's start, imports included

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import platform  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
SCREEN = (160, 45)
MOVES = 3  # Backlog -> Ready -> In Progress -> Review, the focus following the card
TARGETS_AT_5000 = {
    "paint_app": 1.0,
    "move": 0.1,
    "peak_mb": 150,
    "summary": 1.0,
    "metrics_inproc": 1.0,
}


# ---------------------------------------------------------------------- child: one TUI run


def _region_text(app, widget) -> str:
    """What the screen shows inside ``widget`` right now (a full render, cropped)."""
    region = widget.region
    strips = app.screen._compositor.render_strips()
    return "\n".join(s.crop(region.x, region.right).text for s in strips[region.y : region.bottom])


def _shows(app, widget, card_id: int) -> bool:
    return re.search(rf"#{card_id}\b", _region_text(app, widget)) is not None


def _holds(column, card_id: int) -> bool:
    return any(card.id == card_id for card in column.card_list.cards)


async def _move_right(app, pilot, seen: dict, wanted: dict) -> float:
    """Press shift+right on the focused card; seconds until a paint shows it one column right."""
    board = app.board_screen
    card, index = board.card, list(board.columns).index(board.column_id)
    target = list(board.columns.values())[index + 1]
    seen.pop("move", None)
    wanted["move"] = lambda: _holds(target, card.id) and _shows(app, target, card.id)
    pressed = time.perf_counter()
    await pilot.press("shift+right")
    while "move" not in seen and time.perf_counter() - pressed < 30:
        await pilot.pause()
    if "move" not in seen or app.service.card(card.id).column_id != target.card_list.column.id:
        raise SystemExit(f"#{card.id} did not show in {target.card_list.column.name}")
    return seen["move"] - pressed


async def _measure_tui(db: str, launched: float) -> dict:
    import resource

    from kanban.services import KanbanService
    from kanban.tui.app import KanbanApp

    imported = time.perf_counter()
    service = KanbanService.open(db)
    constructed = time.perf_counter()
    app = KanbanApp(service)
    gc.freeze()  # as run_tui does: the board's objects stay out of full collections
    seen: dict[str, float] = {}
    wanted: dict[str, object] = {}
    display = app._display

    def painted(screen, update) -> None:
        """Each paint: encode it as for a terminal, then check what the screen now shows."""
        display(screen, update)
        if update is None:
            return
        update.render_segments(app.console)
        at = time.perf_counter()
        for name, check in list(wanted.items()):
            if check():
                seen[name] = at
                del wanted[name]

    def board_visible() -> bool:
        shown = [(v.card_list, v.card_list.cards) for v in app.board_screen.columns.values()]
        return all(_shows(app, lst, cards[0].id) for lst, cards in shown if cards)

    wanted["paint"] = board_visible
    app._display = painted
    move, spent = service.move_card, []

    def timed_move(*args, **kwargs):  # how much of the move is the database's
        start = time.perf_counter()
        try:
            return move(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    service.move_card = timed_move
    async with app.run_test(size=SCREEN) as pilot:
        while "paint" not in seen and time.perf_counter() - constructed < 60:
            await pilot.pause()
        if "paint" not in seen:
            raise SystemExit("the board never showed its cards")
        moves = [await _move_right(app, pilot, seen, wanted) for _ in range(MOVES)]
    service.close()
    return {
        "imports": imported - STARTED,
        "paint_app": seen["paint"] - constructed,
        "paint_process": time.time() - launched - (time.perf_counter() - seen["paint"]),
        "move": statistics.median(moves),
        "move_db": statistics.median(spent),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# ---------------------------------------------------------------------- child: the metrics


def _measure_metrics(db: str) -> dict:
    """The metrics computation alone, as ``kanban metrics`` does it (imports and the report's
    rendering left out): the history read from the event log, then every metric over it."""
    from kanban.clock import local_tz, now
    from kanban.domain.metrics.board_metrics import DEFAULT_DAYS, board_metrics
    from kanban.services import KanbanService

    service = KanbanService.open(db)
    board, at, tz = service.board(None), now(), local_tz()
    start = time.perf_counter()
    history = service.history(board.id, at, tz)
    read = time.perf_counter()
    first, end = history.window(DEFAULT_DAYS)
    board_metrics(history, max(first, history.first_day), end)
    done = time.perf_counter()
    service.aging_rule(board, at, tz)  # what the board's worker does after the first paint
    aged = time.perf_counter()
    service.close()
    return {
        "metrics_inproc": done - start,
        "metrics_history": read - start,
        "aging_rule": aged - done,
    }


# ---------------------------------------------------------------------- parent


def _kanban_command() -> list[str]:
    script = Path(sys.executable).parent / "kanban"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kanban"]


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _tui_run(db: Path) -> dict:
    launched = time.time()
    out = _run([sys.executable, __file__, "--child", str(db), "--launched", repr(launched)])
    return json.loads(out.strip().splitlines()[-1])


def _command_run(db: Path, command: str) -> float:
    """``kanban --db PATH COMMAND`` as a whole process, in seconds."""
    start = time.perf_counter()
    _run([*_kanban_command(), "--db", str(db), command])
    return time.perf_counter() - start


def _metrics_run(db: Path) -> dict:
    out = _run([sys.executable, __file__, "--metrics-child", str(db)])
    return json.loads(out.strip().splitlines()[-1])


def _card_count(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT count(*) FROM cards WHERE deleted_at IS NULL").fetchone()[0]


def _measure_size(size: int, folder: Path, repeat: int) -> dict:
    db = folder / f"bench-{size}.db"
    for stale in folder.glob(f"bench-{size}.db*"):
        stale.unlink()
    start = time.perf_counter()
    _run([sys.executable, str(HERE / "board.py"), "--cards", str(size), "--db", str(db)])
    built = time.perf_counter() - start
    runs = [_tui_run(db) for _ in range(repeat)]
    computed = [_metrics_run(db) for _ in range(repeat)]
    row = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    row.update({key: statistics.median(r[key] for r in computed) for key in computed[0]})
    row.update(
        size=size,
        cards=_card_count(db),
        build=built,
        summary=statistics.median(_command_run(db, "summary") for _ in range(repeat)),
        metrics=statistics.median(_command_run(db, "metrics") for _ in range(repeat)),
    )
    return row


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, Textual {version('textual')}, "
        f"SQLAlchemy {version('sqlalchemy')}, SQLite {sqlite3.sqlite_version}"
    )


def table(rows: list[dict]) -> str:
    lines = [
        "| size | cards | build s | first paint (app) s | first paint (process) s "
        "| move visible s (db part) | peak MB | summary s | metrics s "
        "| metrics in-process s (history part) | aging rule s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['cards']:,} | {r['build']:.2f} | {r['paint_app']:.3f} "
            f"| {r['paint_process']:.3f} | {r['move']:.3f} ({r['move_db']:.3f}) "
            f"| {r['peak_mb']:.0f} "
            f"| {r['summary']:.3f} | {r['metrics']:.3f} "
            f"| {r['metrics_inproc']:.3f} ({r['metrics_history']:.3f}) "
            f"| {r['aging_rule']:.3f} |"
        )
    return "\n".join(lines)


def verdict(rows: list[dict]) -> str:
    row = next((r for r in rows if r["size"] == 5000), None)
    if row is None:
        return ""
    checks = [
        f"{key} {row[key]:.3g} {'<' if row[key] < limit else 'NOT <'} {limit}"
        for key, limit in TARGETS_AT_5000.items()
    ]
    return "Targets at 5,000 cards: " + "; ".join(checks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median)")
    parser.add_argument("--keep", type=Path, help="build the boards in DIR and keep them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--metrics-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.metrics_child:
        print(json.dumps(_measure_metrics(args.metrics_child)))
        return 0
    if args.child:
        import asyncio

        print(json.dumps(asyncio.run(_measure_tui(args.child, args.launched))))
        return 0
    load = os.getloadavg()[0]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kanban-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        rows = []
        for size in args.sizes:
            rows.append(_measure_size(size, folder, args.repeat))
            print(f"measured {size:,} cards", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print(table(rows))
    print()
    print(verdict(rows))
    print(
        f"Machine: {machine()}; load average {load:.2f} -> {os.getloadavg()[0]:.2f}; "
        f"screen {SCREEN[0]}x{SCREEN[1]}; median of {args.repeat} run(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
