"""Measure the real TUI and CLI on benchmark boards of 1,000 / 5,000 / 20,000 cards.

    python benchmarks/run.py [--sizes 1000 5000 20000] [--repeat 3] [--keep DIR]
                             [--db-url postgresql://USER@HOST/DBNAME [--no-sqlite]]

For each size, on SQLite (a file) and, given ``--db-url``, on that PostgreSQL database (a new
schema in it for each size, dropped afterwards): build the board with ``benchmarks/board.py``,
then, each in a fresh process,
open ``KanbanApp`` under ``App.run_test(size=(160, 45))`` and time the first paint with cards
on screen and ``shift+right`` moves until the card shows in the next column (the median of
nine: three cards in turn, each moved from Backlog to Review; with the peak memory of that
process), time
``kanban --db PATH summary`` and ``kanban --db PATH metrics`` as whole processes, in a
fresh process the metrics computation alone (``svc.history`` + ``board_metrics``), and the live
view: a writer process moves cards while a TUI process shows the board, each change timed from
the writer's commit to the paint showing the card in its new column.
Prints a Markdown table (medians over ``--repeat`` runs).
"""

import time

STARTED = time.monotonic()  # before any other import: the child's start, imports included

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
CARDS_MOVED = 3  # so: each TUI process times 9 moves (a move's median of 3 moved by 20-50%)
LIVE_CHANGES = 5  # cards the writer process moves while the TUI process shows the board
TARGETS_AT_5000 = {
    "paint_app": 1.0,
    "move": 0.1,
    "peak_mb": 150,
    "summary": 1.0,
    "metrics_inproc": 1.0,
}
# The figures compared between the databases (the goal: PostgreSQL within 1.5x of SQLite).
COMPARED = ("paint_app", "paint_process", "move", "summary", "metrics", "metrics_inproc")


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
    pressed = time.monotonic()
    await pilot.press("shift+right")
    while "move" not in seen and time.monotonic() - pressed < 30:
        await pilot.pause()
    if "move" not in seen or app.service.card(card.id).column_id != target.card_list.column.id:
        raise SystemExit(f"#{card.id} did not show in {target.card_list.column.name}")
    return seen["move"] - pressed


async def _moves(app, pilot, seen: dict, wanted: dict) -> list[float]:
    """:data:`CARDS_MOVED` cards in turn, each moved :data:`MOVES` times to the right (the focus
    following it), then the focus taken back as far left: the seconds until each move showed."""
    times: list[float] = []
    for card in range(CARDS_MOVED):
        if card:
            for _ in range(MOVES):
                await pilot.press("left")
            await pilot.pause()
        times += [await _move_right(app, pilot, seen, wanted) for _ in range(MOVES)]
    return times


def _watch_paints(app) -> tuple[dict[str, float], dict[str, object]]:
    """From now on each paint is encoded as for a terminal, then every check in ``wanted``
    that the screen now passes is moved to ``seen`` with the paint's time (``time.monotonic``,
    the system-wide clock, so another process's times compare)."""
    seen: dict[str, float] = {}
    wanted: dict[str, object] = {}
    display = app._display

    def painted(screen, update) -> None:
        display(screen, update)
        if update is None:
            return
        update.render_segments(app.console)
        at = time.monotonic()
        for name, check in list(wanted.items()):
            if check():
                seen[name] = at
                del wanted[name]

    app._display = painted
    return seen, wanted


def _board_visible(app) -> bool:
    shown = [(v.card_list, v.card_list.cards) for v in app.board_screen.columns.values()]
    return all(_shows(app, lst, cards[0].id) for lst, cards in shown if cards)


async def _first_paint(app, pilot, seen: dict, since: float) -> None:
    while "paint" not in seen and time.monotonic() - since < 60:
        await pilot.pause()
    if "paint" not in seen:
        raise SystemExit("the board never showed its cards")


async def _measure_tui(db: str, launched: float) -> dict:
    import resource

    gc.disable()  # as kanban's main does; the app collects again once it has painted

    from kanban.services import KanbanService
    from kanban.tui.app import KanbanApp

    imported = time.monotonic()
    service = KanbanService.open(db)
    constructed = time.monotonic()
    app = KanbanApp(service)
    seen, wanted = _watch_paints(app)
    wanted["paint"] = lambda: _board_visible(app)
    move, spent = service.move_card, []

    def timed_move(*args, **kwargs):  # how much of the move is the database's
        start = time.monotonic()
        try:
            return move(*args, **kwargs)
        finally:
            spent.append(time.monotonic() - start)

    service.move_card = timed_move
    async with app.run_test(size=SCREEN) as pilot:
        await _first_paint(app, pilot, seen, constructed)
        await app.workers.wait_for_complete()  # a move on an idle board: writes loaded
        moves = await _moves(app, pilot, seen, wanted)
    service.close()
    return {
        "imports": imported - STARTED,
        "paint_app": seen["paint"] - constructed,
        "paint_process": time.time() - launched - (time.monotonic() - seen["paint"]),
        "move": statistics.median(moves),
        "move_db": statistics.median(spent),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


# ---------------------------------------------------------------------- child: the live view


async def _measure_live(db: str) -> dict:
    """A TUI shows the board while a writer process moves cards to the next column, each at
    another phase of the board's poll (every :attr:`BoardScreen.POLL_SECONDS`, spread evenly
    over it): for each move, the time from the writer's commit to the paint showing the card
    there, and the part of it from the poll that noticed the change (the rest is the wait for
    that poll, half the period on average, whatever the database). Two kinds of move: to the
    top of the column (a card put at a place: the board reads the whole board again), then to
    its bottom, as ``kanban move`` and shift+→ do (the board reads that card again; the paint
    shows it in the column's list and count, not necessarily on screen)."""
    import asyncio

    from kanban.services import KanbanService
    from kanban.tui.app import KanbanApp
    from kanban.tui.screens.board import BoardScreen

    polls: list[tuple[float, bool]] = []  # when each poll started, and whether it read again
    poll = BoardScreen.poll

    def timed_poll(self) -> bool:
        start = time.monotonic()
        read = poll(self)
        polls.append((start, read))
        return read

    BoardScreen.poll = timed_poll  # before the screen starts its timer with it
    gc.disable()  # as kanban's main does; the app collects again once it has painted
    service = KanbanService.open(db)
    app = KanbanApp(service)
    seen, wanted = _watch_paints(app)
    wanted["paint"] = lambda: _board_visible(app)
    command = [sys.executable, __file__, "--writer-child", db]
    writer = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    changes = []
    try:
        async with app.run_test(size=SCREEN) as pilot:
            await _first_paint(app, pilot, seen, time.monotonic())
            if await asyncio.to_thread(writer.stdout.readline) != "ready\n":
                raise SystemExit("the writer process did not start")
            board = app.board_screen
            source, target = board.state.snapshot.columns[:2]
            panel = board.columns[target.id]
            for change in range(2 * LIVE_CHANGES):
                top = change < LIVE_CHANGES
                count = len(polls)
                while len(polls) == count:  # the next poll
                    await pilot.pause(0.005)
                phase = (change % LIVE_CHANGES + 0.5) / LIVE_CHANGES * BoardScreen.POLL_SECONDS
                await pilot.pause(max(0.0, polls[-1][0] + phase - time.monotonic()))
                card = board.state.snapshot.cards_in(source.id)[-1]
                seen.pop("live", None)
                wanted["live"] = lambda c=card, top=top: (
                    _holds(panel, c.id) and (not top or _shows(app, panel, c.id))
                )
                writer.stdin.write(f"{card.id} {target.id} {0 if top else -1}\n")
                writer.stdin.flush()
                committed = float(await asyncio.to_thread(writer.stdout.readline))
                while "live" not in seen and time.monotonic() - committed < 10:
                    await pilot.pause(0.01)
                if "live" not in seen:
                    raise SystemExit(f"#{card.id} moved elsewhere never showed")
                noticed = min(at for at, read in polls if read and at >= committed)
                changes.append((top, seen["live"] - committed, seen["live"] - noticed))
    finally:
        writer.stdin.close()
        writer.wait(timeout=30)
        service.close()
        BoardScreen.poll = poll
    return {
        "live": statistics.median(c[1] for c in changes if c[0]),
        "live_reload": statistics.median(c[2] for c in changes if c[0]),
        "live_card": statistics.median(c[1] for c in changes if not c[0]),
        "live_card_read": statistics.median(c[2] for c in changes if not c[0]),
    }


def _write_moves(db: str) -> None:
    """The writer process: reads ``CARD COLUMN PLACE`` lines, moves each card to that column
    (``PLACE`` 0: its top; -1: its bottom, no place asked for), and prints the time right after
    each commit."""
    from kanban.services import KanbanService

    service = KanbanService.open(db)
    print("ready", flush=True)
    for line in sys.stdin:
        card, column, place = map(int, line.split())
        service.move_card(card, column, position=None if place < 0 else place)
        print(repr(time.monotonic()), flush=True)
    service.close()


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
    service.aging_rule(board, at, tz)  # what the board reads before its first paint
    aged = time.perf_counter()
    poll, query = _poll_cost(service, board.id)
    service.close()
    return {
        "metrics_inproc": done - start,
        "metrics_history": read - start,
        "aging_rule": aged - done,
        "poll_us": poll * 1e6,
        "query_us": query * 1e6,
    }


def _poll_cost(service, board_id: int, polls: int = 2000) -> tuple[float, float]:
    """Seconds an open board's poll takes while nothing changes (``change_token``: SQLite's
    data_version, PostgreSQL's notices), and the query other databases use instead."""
    service.change_token(board_id)  # opens the connection it keeps
    start = time.perf_counter()
    for _ in range(polls):
        service.change_token(board_id)
    poll = (time.perf_counter() - start) / polls
    start = time.perf_counter()
    for _ in range(polls // 10):
        with service.store.read() as uow:
            uow.change_token(board_id)
    return poll, (time.perf_counter() - start) / (polls // 10)


# ---------------------------------------------------------------------- parent


def _kanban_command() -> list[str]:
    script = Path(sys.executable).parent / "kanban"
    return [str(script)] if script.exists() else [sys.executable, "-m", "kanban"]


def _run(command: list[str]) -> str:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        shown = " ".join(map(_masked, command))
        raise SystemExit(f"{shown} failed:\n{done.stderr[-2000:]}")
    return done.stdout


def _masked(argument: str) -> str:
    """A database URL with its password masked; any other argument as it is."""
    if "://" not in argument:
        return argument
    from sqlalchemy.engine import make_url

    return make_url(argument).render_as_string(hide_password=True)


def _child(flag: str, db: str, *extra: str) -> dict:
    out = _run([sys.executable, __file__, flag, db, *extra])
    return json.loads(out.strip().splitlines()[-1])


def _tui_run(db: str) -> dict:
    return _child("--child", db, "--launched", repr(time.time()))


def _command_run(db: str, command: str) -> float:
    """``kanban --db PATH COMMAND`` as a whole process, in seconds."""
    start = time.perf_counter()
    _run([*_kanban_command(), "--db", db, command])
    return time.perf_counter() - start


def _card_count(db: str) -> int:
    from sqlalchemy import text

    from kanban.storage.database import make_engine

    engine = make_engine(db)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM cards WHERE deleted_at IS NULL")
            return int(connection.execute(query).scalar_one())
    finally:
        engine.dispose()


class Postgres:
    """Schemas of their own in the PostgreSQL database a URL names, one a board, dropped at the
    end (unless kept)."""

    def __init__(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        from kanban.storage.database import make_engine

        self.url = make_url(url)
        self.engine = make_engine(url)
        self.schemas: list[str] = []
        with self.engine.connect() as connection:
            self.version = connection.exec_driver_sql("SHOW server_version").scalar()

    def new(self, size: int) -> str:
        schema = f"kanban_bench_{size}_{os.getpid()}_{len(self.schemas)}"
        with self.engine.begin() as connection:
            connection.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            connection.exec_driver_sql(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        url = self.url.update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def close(self, keep: bool) -> None:
        with self.engine.begin() as connection:
            for schema in self.schemas:
                if keep:
                    print(f"kept schema {schema}", file=sys.stderr)
                else:
                    connection.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        self.engine.dispose()


def _measure_size(size: int, targets: dict[str, str], repeat: int) -> list[dict]:
    """One row per database in ``targets`` (name -> file or URL). Each measure runs on every
    database in turn, ``repeat`` times over: a change in the machine's load falls on all."""
    rows = {}
    for name, db in targets.items():
        start = time.perf_counter()
        _run([sys.executable, str(HERE / "board.py"), "--cards", str(size), "--db", db])
        built = time.perf_counter() - start
        rows[name] = {"size": size, "db": name, "cards": _card_count(db), "build": built}
    measures = {
        "tui": _tui_run,
        "metrics_child": lambda db: _child("--metrics-child", db),
        "live": lambda db: _child("--live-child", db),
        "summary": lambda db: {"summary": _command_run(db, "summary")},
        "metrics": lambda db: {"metrics": _command_run(db, "metrics")},
    }
    for measure in measures.values():
        runs: dict[str, list[dict]] = {name: [] for name in targets}
        for _ in range(repeat):
            for name, db in targets.items():
                runs[name].append(measure(db))
        for name, found in runs.items():
            rows[name].update({key: statistics.median(r[key] for r in found) for key in found[0]})
    return list(rows.values())


def machine(postgres: Postgres | None = None) -> str:
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
        + (f", PostgreSQL {postgres.version} (psycopg {version('psycopg')})" if postgres else "")
    )


def table(rows: list[dict]) -> str:
    lines = [
        "| size | db | cards | build s | first paint (app) s | first paint (process) s "
        "| move visible s (db part) | peak MB | summary s | metrics s "
        "| metrics in-process s (history part) | aging rule s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['db']} | {r['cards']:,} | {r['build']:.2f} "
            f"| {r['paint_app']:.3f} "
            f"| {r['paint_process']:.3f} | {r['move']:.3f} ({r['move_db']:.3f}) "
            f"| {r['peak_mb']:.0f} "
            f"| {r['summary']:.3f} | {r['metrics']:.3f} "
            f"| {r['metrics_inproc']:.3f} ({r['metrics_history']:.3f}) "
            f"| {r['aging_rule']:.3f} |"
        )
    return "\n".join(lines)


def live_table(rows: list[dict]) -> str:
    lines = [
        "| size | db | idle poll µs | change query µs | change shown s (from the poll) "
        "| a move to the bottom shown s (from the poll) |",
        "|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['db']} | {r['poll_us']:.0f} | {r['query_us']:.0f} "
            f"| {r['live']:.3f} ({r['live_reload']:.3f}) "
            f"| {r['live_card']:.3f} ({r['live_card_read']:.3f}) |"
        )
    return "\n".join(lines)


def verdict(rows: list[dict]) -> str:
    at_5000 = [r for r in rows if r["size"] == 5000]
    lines = []
    for row in at_5000:
        checks = [
            f"{key} {row[key]:.3g} {'<' if row[key] < limit else 'NOT <'} {limit}"
            for key, limit in TARGETS_AT_5000.items()
        ]
        lines.append(f"Targets at 5,000 cards ({row['db']}): " + "; ".join(checks))
    if len(at_5000) == 2:
        base, other = at_5000
        ratios = [f"{key} {other[key] / base[key]:.2f}x" for key in COMPARED]
        lines.append(f"{other['db']} / {base['db']} at 5,000 cards: " + "; ".join(ratios))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (median)")
    parser.add_argument("--keep", type=Path, help="build the boards in DIR and keep them")
    parser.add_argument(
        "--db-url", help="also measure on this PostgreSQL database (a schema each board)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="only the --db-url database")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--metrics-child", help=argparse.SUPPRESS)
    parser.add_argument("--live-child", help=argparse.SUPPRESS)
    parser.add_argument("--writer-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.metrics_child:
        print(json.dumps(_measure_metrics(args.metrics_child)))
        return 0
    if args.writer_child:
        _write_moves(args.writer_child)
        return 0
    if args.child or args.live_child:
        import asyncio

        measured = (
            _measure_tui(args.child, args.launched)
            if args.child
            else _measure_live(args.live_child)
        )
        print(json.dumps(asyncio.run(measured)))
        return 0
    if args.no_sqlite and not args.db_url:
        parser.error("--no-sqlite needs --db-url")
    load = os.getloadavg()[0]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kanban-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    postgres = Postgres(args.db_url) if args.db_url else None
    try:
        rows = []
        for size in args.sizes:
            targets = {}
            if not args.no_sqlite:
                db = folder / f"bench-{size}.db"
                for stale in folder.glob(f"bench-{size}.db*"):
                    stale.unlink()
                targets["sqlite"] = str(db)
            if postgres is not None:
                targets["postgresql"] = postgres.new(size)
            rows.extend(_measure_size(size, targets, args.repeat))
            print(f"measured {size:,} cards", file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
        if postgres is not None:
            postgres.close(keep=args.keep is not None)
    print(table(rows))
    print()
    print(live_table(rows))
    print()
    print(verdict(rows))
    print(
        f"Machine: {machine(postgres)}; load average {load:.2f} -> {os.getloadavg()[0]:.2f}; "
        f"screen {SCREEN[0]}x{SCREEN[1]}; median of {args.repeat} run(s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
