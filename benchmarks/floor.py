"""Each command beside its floor: whole processes at 1,000 / 5,000 / 20,000 / 50,000 cards.

    python benchmarks/floor.py [--sizes 1000 5000 20000 50000] [--repeat 3]
                               [--forecasts 100 1000 10000] [--keep DIR]
                               [--db-url postgresql://USER@HOST/DBNAME [--no-sqlite]]

The floor is what any command of ours pays before its own work: a Python process that imports
SQLModel and pendulum (``python -c "import sqlmodel, pendulum"``). For each size it builds the
board with ``benchmarks/board.py``, then, ``--repeat`` times, runs each command right after a
run of the floor (``kanban ls``, ``summary``, ``summary --standup``, ``metrics``), so a change
in the machine's load falls on both; the ratio is the median command over the median floor.
The TUI is set beside a bare Textual app (one ``Static``) under the same harness
(``App.run_test`` at 160x45, a paint encoded as for a terminal, see ``run.py``): the first
paint from the process's launch, the board's time until idle (its aging rule known and
painted: read before the first paint, so the same time unless that read failed), its peak
memory, and a move (shift+right) until it shows, beside the bare app's key-to-repaint (a key
whose handler updates the ``Static``) and beside a bare app's repaint of as much of the screen as
a move repaints (two full-height columns of text, changed from the top down:
``measure_bare_columns``). Last, ``kanban forecast N`` on the demo board
(``kanban demo --no-tui``, ``KANBAN_NOW`` fixed), each after a floor run. With ``--db-url``
each size is also measured on PostgreSQL, in a schema of its own (as ``run.py`` does), each
figure on both databases in turn, and a last table sets each PostgreSQL figure over SQLite's.

Every measured process starts in the boards' folder (not the repository: the current folder
goes first on ``sys.path`` for ``python -m``), with ``PYTHONDONTWRITEBYTECODE`` removed from
its environment so it imports from ``.pyc`` files as a user's would; one unmeasured run of
each command comes first and writes them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # run.py beside this file: the paint harness
import run  # noqa: E402

ROOT = HERE.parent
FLOOR = [sys.executable, "-c", "import sqlmodel, pendulum"]
COMMANDS = {
    "ls": ["ls"],
    "summary": ["summary"],
    "standup": ["summary", "--standup"],
    "metrics": ["metrics"],
}
DEMO_NOW = "2026-11-23T09:30:00+00:00"
BARE_TEXT = "Bare Textual app, key presses: {}"
PRESSES = run.MOVES * run.CARDS_MOVED  # a bare app's keys: as many as the board's moves


def environment(**extra: str) -> dict[str, str]:
    """The measured processes' environment: this repository's kanban first on the path, and
    ``.pyc`` files read (and written) as a user's Python does."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return {**env, **extra}


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Seconds ``command`` takes as a whole process (it must succeed)."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        shown = " ".join(map(run._masked, command))
        raise SystemExit(f"{shown} failed:\n{done.stderr[-2000:]}")
    return took


def paired(commands: dict[str, list[str]], cwd: Path, env: dict, repeat: int) -> dict:
    """Each command ``repeat`` times, each run right after a run of the floor: the median
    seconds of each, ``floor`` the median of every floor run, and ``floor:GROUP`` of the floor
    runs before the commands named ``GROUP`` or ``GROUP:...``."""
    times: dict[str, list[float]] = {"floor": []}
    for _ in range(repeat):
        for name, command in commands.items():
            floor = timed(FLOOR, cwd, env)
            times["floor"].append(floor)
            times.setdefault(f"floor:{name.split(':')[0]}", []).append(floor)
            times.setdefault(name, []).append(timed(command, cwd, env))
    return {name: statistics.median(found) for name, found in times.items()}


# ---------------------------------------------------------------------- children: the TUIs


async def _until(seen: dict, name: str, pilot, limit: float = 300) -> None:
    since = time.monotonic()
    while name not in seen and time.monotonic() - since < limit:
        await pilot.pause()
    if name not in seen:
        raise SystemExit(f"never saw: {name}")


def _since_launch(launched: float, at: float) -> float:
    """Seconds from the process's launch (wall clock, from the parent) to ``at`` (monotonic)."""
    return time.time() - launched - (time.monotonic() - at)


async def measure_board(db: str, launched: float) -> dict:
    """The board: first paint and idle (the aging rule painted) from the launch, peak memory,
    the median move until it shows."""
    import resource

    gc.disable()  # as kanban's main does; the app collects again once it has painted

    from kanban.services import KanbanService
    from kanban.tui.app import KanbanApp

    service = KanbanService.open(db)
    app = KanbanApp(service)
    seen, wanted = run._watch_paints(app)
    wanted["paint"] = lambda: run._board_visible(app)
    wanted["idle"] = lambda: getattr(app.board_screen, "aging_rule", None) is not None
    async with app.run_test(size=run.SCREEN) as pilot:
        await _until(seen, "paint", pilot)
        await _until(seen, "idle", pilot)
        await app.workers.wait_for_complete()  # a move on an idle board: writes loaded
        moves = await run._moves(app, pilot, seen, wanted)
    service.close()
    return {
        "paint": _since_launch(launched, seen["paint"]),
        "idle": _since_launch(launched, seen["idle"]),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "move": statistics.median(moves),
        "moves": len(moves),
    }


async def measure_bare(launched: float) -> dict:
    """A bare Textual app, one ``Static``: its first paint from the launch, and the median
    key-to-repaint of a key whose handler updates the ``Static``."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        BINDINGS = [("x", "press", "")]
        presses = 0

        def compose(self) -> ComposeResult:
            yield Static(BARE_TEXT.format(0))

        def action_press(self) -> None:
            self.presses += 1
            self.query_one(Static).update(BARE_TEXT.format(self.presses))

    app = Bare()
    seen, wanted = run._watch_paints(app)

    def shows(text: str) -> Callable[[], bool]:
        return lambda: text in run._region_text(app, app.query_one(Static))

    wanted["paint"] = shows(BARE_TEXT.format(0))
    keys = []
    async with app.run_test(size=run.SCREEN) as pilot:
        await _until(seen, "paint", pilot)
        for press in range(1, PRESSES + 1):
            seen.pop("key", None)
            wanted["key"] = shows(BARE_TEXT.format(press))
            pressed = time.monotonic()
            await pilot.press("x")
            await _until(seen, "key", pilot, limit=30)
            keys.append(seen["key"] - pressed)
    return {
        "paint": _since_launch(launched, seen["paint"]),
        "key": statistics.median(keys),
        "columns": await measure_bare_columns(),
    }


async def measure_bare_columns() -> float:
    """A bare Textual app that repaints what a move repaints: five full-height ``Static``
    columns of card-like lines, side by side; its key takes the first line of a column to the
    top of the next, so both columns change from the top down. The median key-to-repaint."""
    from textual.app import App, ComposeResult
    from textual.containers import Horizontal
    from textual.widgets import Static

    rows = run.SCREEN[1]
    lines = [[f"#{n:<5} card {n} title" for n in range(c * rows, (c + 1) * rows)] for c in range(5)]

    class Columns(App[None]):
        BINDINGS = [("x", "press", "")]
        CSS = "Static { width: 1fr; height: 1fr; }"

        def compose(self) -> ComposeResult:
            with Horizontal():
                for column in lines:
                    yield Static("\n".join(column))

        def action_press(self) -> None:
            source = next(c for c in range(4) if lines[c])
            lines[source + 1].insert(0, lines[source].pop(0))
            for c in (source, source + 1):
                self.query(Static)[c].update("\n".join(lines[c]))

    app = Columns()
    seen, wanted = run._watch_paints(app)
    keys = []
    async with app.run_test(size=run.SCREEN) as pilot:
        await pilot.pause()
        for press in range(PRESSES):
            seen.pop("key", None)
            target = app.query(Static)[1]
            wanted["key"] = lambda n=press, t=target: f"#{n:<5} card" in run._region_text(app, t)
            pressed = time.monotonic()
            await pilot.press("x")
            await _until(seen, "key", pilot, limit=30)
            keys.append(seen["key"] - pressed)
    return statistics.median(keys)


# ---------------------------------------------------------------------- parent


def _child(cwd: Path, env: dict, *args: str) -> dict:
    command = [sys.executable, __file__, *args, "--launched", repr(time.time())]
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        shown = " ".join(map(run._masked, args))
        raise SystemExit(f"{shown} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_tui(targets: dict[str, str], cwd: Path, env: dict, repeat: int) -> dict[str, dict]:
    """On each database of ``targets`` (name: file or URL) in turn, the board and then the bare
    app, ``repeat`` times: each database's medians."""
    runs: dict[str, tuple[list[dict], list[dict]]] = {name: ([], []) for name in targets}
    for _ in range(repeat):
        for name, db in targets.items():
            board, bare = runs[name]
            board.append(_child(cwd, env, "--board-child", db))
            bare.append(_child(cwd, env, "--bare-child"))
    rows = {}
    for name, (board, bare) in runs.items():
        rows[name] = {k: statistics.median(r[k] for r in board) for k in board[0]}
        rows[name].update({f"bare_{k}": statistics.median(r[k] for r in bare) for k in bare[0]})
    return rows


def measure_size(
    size: int, targets: dict[str, str], folder: Path, repeat: int, weeks: int = 4
) -> list[dict]:
    """A board of ``size`` cards created over ``weeks`` weeks on each database of ``targets``
    (name: file or URL), a row each. Each figure is taken on the databases in turn (each
    command, then the same command on the next database; the board on one, then on the next),
    so a change in the machine's speed falls on all of them alike."""
    env = environment()
    rows, commands = {}, {}
    for name, db in targets.items():
        builder = [sys.executable, str(HERE / "board.py"), "--cards", str(size), "--db", db]
        build = timed([*builder, "--weeks", str(weeks)], folder, env)
        rows[name] = {"size": size, "db": name, "build": build, "weeks": weeks}
        kanban = [*run._kanban_command(), "--db", db]
        for key, args in COMMANDS.items():
            commands[f"{name}:{key}"] = [*kanban, *args]
    for command in [FLOOR, *commands.values()]:  # unmeasured: the .pyc files written
        timed(command, folder, env)
    in_turn = {f"{name}:{key}": commands[f"{name}:{key}"] for key in COMMANDS for name in targets}
    times = paired(in_turn, folder, env, repeat)
    tui = measure_tui(targets, folder, env, repeat)
    for name, row in rows.items():
        row["floor"] = times[f"floor:{name}"]
        row.update({key: times[f"{name}:{key}"] for key in COMMANDS})
        row.update(tui[name])
    return list(rows.values())


def demo_board(folder: Path) -> Path:
    """The demo board (``kanban demo --no-tui``) at :data:`DEMO_NOW`."""
    db = folder / "floor-demo.db"
    for stale in folder.glob("floor-demo.db*"):
        stale.unlink()
    env = environment(KANBAN_NOW=DEMO_NOW)
    timed([sys.executable, "-m", "kanban", "demo", "--no-tui", "--db", str(db)], folder, env)
    return db


def measure_forecasts(db: Path, folder: Path, counts: list[int], repeat: int) -> list[dict]:
    env = environment(KANBAN_NOW=DEMO_NOW)
    kanban = [*run._kanban_command(), "--db", str(db), "forecast", "--seed", "1"]
    commands = {n: [*kanban, str(n)] for n in counts}
    timed(commands[counts[0]], folder, env)  # unmeasured: the .pyc files written
    rows = []
    for n, command in commands.items():
        found = paired({"forecast": command}, folder, env, repeat)
        rows.append({"n": n, **found})
    return rows


def _ratio(row: dict, key: str, base: str = "floor") -> str:
    return f"{row[key]:.2f} ({row[key] / row[base]:.1f}×)"


def table(rows: list[dict]) -> str:
    lines = [
        "| size | weeks | db | build s | floor s | `ls` s (÷ floor) | `summary` s (÷ floor) "
        "| `summary --standup` s (÷ floor) | `metrics` s (÷ floor) "
        "| TUI first paint s (bare app s, ÷) | TUI idle s | peak MiB "
        "| move visible s (bare key s, ÷; bare columns s, ÷) |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r.get('weeks', 4)} | {r['db']} | {r['build']:.1f} "
            f"| {r['floor']:.2f} | "
            + " | ".join(_ratio(r, key) for key in COMMANDS)
            + f" | {r['paint']:.2f} ({r['bare_paint']:.2f}, {r['paint'] / r['bare_paint']:.1f}×)"
            f" | {r['idle']:.2f} | {r['peak_mb']:.0f}"
            f" | {r['move']:.3f} ({r['bare_key']:.3f}, {r['move'] / r['bare_key']:.1f}×"
            + (
                f"; {r['bare_columns']:.3f}, {r['move'] / r['bare_columns']:.1f}×"
                if "bare_columns" in r
                else ""
            )
            + ") |"
        )
    return "\n".join(lines)


RATIOS = {key: f"`{' '.join(args)}`" for key, args in COMMANDS.items()}
RATIOS.update(paint="TUI first paint", idle="TUI idle", peak_mb="peak MiB", move="move visible")


def database_table(rows: list[dict]) -> str:
    """Each figure on PostgreSQL over the same on SQLite, size by size (taken in turn)."""
    lines = [
        "| cards | " + " | ".join(f"{label} ÷ SQLite" for label in RATIOS.values()) + " |",
        "|---:|" + "---:|" * len(RATIOS),
    ]
    by = {(r["size"], r["db"]): r for r in rows}
    for size in dict.fromkeys(r["size"] for r in rows):
        sqlite, postgresql = by.get((size, "sqlite")), by.get((size, "postgresql"))
        if sqlite is None or postgresql is None:
            continue
        ratios = [f"{postgresql[key] / sqlite[key]:.2f}×" for key in RATIOS]
        lines.append(f"| {size:,} | " + " | ".join(ratios) + " |")
    return "\n".join(lines)


def forecast_table(rows: list[dict]) -> str:
    lines = ["| forecast N | floor s | `forecast N` s (÷ floor) |", "|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['n']:,} | {r['floor']:.2f} | {_ratio(r, 'forecast')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (median)")
    parser.add_argument("--forecasts", type=int, nargs="*", default=[100, 1000, 10000])
    parser.add_argument("--keep", type=Path, help="build the boards in DIR and keep them")
    parser.add_argument("--db-url", help="also measure on this PostgreSQL database (as run.py)")
    parser.add_argument(
        "--weeks",
        type=int,
        default=4,
        help="weeks the cards were created over (board.py; default 4: all in the windows)",
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only the --db-url database")
    parser.add_argument("--board-child", help=argparse.SUPPRESS)
    parser.add_argument("--bare-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.board_child or args.bare_child:
        import asyncio

        measured = (
            measure_board(args.board_child, args.launched)
            if args.board_child
            else measure_bare(args.launched)
        )
        print(json.dumps(asyncio.run(measured)))
        return 0
    if args.no_sqlite and not args.db_url:
        parser.error("--no-sqlite needs --db-url")
    load = os.getloadavg()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kanban-floor-"))
    folder.mkdir(parents=True, exist_ok=True)
    postgres = run.Postgres(args.db_url) if args.db_url else None
    try:
        rows = []
        for size in args.sizes:
            targets = {}
            if not args.no_sqlite:
                for stale in folder.glob(f"floor-{size}.db*"):
                    stale.unlink()
                targets["sqlite"] = str(folder / f"floor-{size}.db")
            if postgres is not None:
                targets["postgresql"] = postgres.new(size)
            rows.extend(measure_size(size, targets, folder, args.repeat, args.weeks))
            print(f"measured {size:,} cards", file=sys.stderr, flush=True)
        forecasts = []
        if args.forecasts:
            demo = demo_board(folder)
            forecasts = measure_forecasts(demo, folder, args.forecasts, args.repeat)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
        if postgres is not None:
            postgres.close(keep=args.keep is not None)
    if rows:
        print(table(rows), end="\n\n")
        if len({row["db"] for row in rows}) > 1:
            print(database_table(rows), end="\n\n")
    if forecasts:
        print(forecast_table(forecasts), end="\n\n")
    after = os.getloadavg()
    print(
        f"Machine: {run.machine(postgres)}; load average (1, 5, 15 min) "
        f"{' '.join(f'{x:.2f}' for x in load)} -> {' '.join(f'{x:.2f}' for x in after)}; "
        f"median of {args.repeat} run(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
