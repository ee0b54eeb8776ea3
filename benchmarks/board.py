"""Build a benchmark board: N cards spread over the columns, with weeks of history behind them.

    python benchmarks/board.py --cards 20000 --db /tmp/bench.db
    python benchmarks/board.py --cards 5000 --db postgresql://me@localhost/bench

``KanbanService.open`` creates the schema and the default board; the cards and their events
(create, then one move per column up to the card's own; a block for some) are then bulk-inserted
with SQLAlchemy core in one transaction, so 20,000 cards take seconds (on PostgreSQL the id
sequences then go on after the rows written), and each card's stored log (``card_flows``) is made
from them, as kanban keeps it with every event. Cards are titled
``Benchmark card <n>``, positions are contiguous per column (oldest entry on top), and every
card's events lead to its column. Deterministic for a given ``--seed`` and ``--now``. On
PostgreSQL the tables are then vacuumed and analyzed, as the server's autovacuum would do within
a minute: in the middle of the first measures, which it slowed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select

from kanban.clock import now as clock_now
from kanban.clock import parse_time
from kanban.domain.models import Column, ColumnKind, EventKind, WorkType
from kanban.errors import KanbanError, UsageError
from kanban.services import KanbanService
from kanban.storage import flows
from kanban.storage.schema import CARDS, EVENTS, METADATA
from kanban.storage.transfer import continue_ids

FLOW = timedelta(days=28)  # a card's moves all come within four weeks of its creation
# Share of cards per column, by kind: on the default board 30% backlog, 40% done, 10% in each
# of Ready, In Progress and Review (every column far over its limit, on purpose).
KIND_WEIGHT = {ColumnKind.BACKLOG: 3, ColumnKind.QUEUE: 1, ColumnKind.ACTIVE: 1, ColumnKind.DONE: 4}
TYPE_WEIGHT = {
    WorkType.BUSINESS: 4,
    WorkType.INTERNAL: 2.5,
    WorkType.CHANGE: 2,
    WorkType.UNPLANNED: 1.5,
}
PEOPLE = ["Brent", "Wes", "Patty", "John", "Chris", "Maggie", "Sarah", "Bill", None]
REASONS = [
    "Waiting on the vendor",
    "Waiting for CAB approval",
    "Needs Brent",
    "Auditors asked for evidence",
]
BLOCKED_SHARE = 0.05  # of the cards in queue and active columns
TABLES = METADATA.sorted_tables


def build(service: KanbanService, count: int, now: datetime, seed: int = 1, weeks: int = 4) -> int:
    """Write ``count`` cards with their events onto the first board, created over the last
    ``weeks`` weeks; returns the event count."""
    board = service.board()
    columns = service.columns(board.id)
    rng = random.Random(seed)
    history = timedelta(weeks=weeks)
    cards = sorted(
        (_card(rng, columns, now, history) for _ in range(count)), key=lambda c: c["created_at"]
    )
    with service.engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(CARDS)).scalar_one():
            raise UsageError(f"{service.where} has cards already: use a new database")
        for number, card in enumerate(cards, start=1):
            card.update(
                id=number,
                board_id=board.id,
                column_id=columns[card["column"]].id,
                title=f"Benchmark card {number}",
            )
        _set_positions(cards)
        events = sorted(
            (e for card in cards for e in _events(card, columns)), key=lambda e: e["at"]
        )
        conn.execute(insert(CARDS), [_card_row(card) for card in cards])
        conn.execute(insert(EVENTS), events)
        continue_ids(conn)
        flows.rebuild(conn, board.id)  # each card's log, as kanban keeps it with every event
    _settle(service)
    return len(events)


def _settle(service: KanbanService) -> None:
    """On PostgreSQL, vacuum and analyze the tables just written, as the server's autovacuum
    does within a minute or so: otherwise it does so in the middle of the first measures, on
    a machine of two cores."""
    if service.engine.dialect.name != "postgresql":
        return
    with service.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM (ANALYZE) " + ", ".join(t.name for t in TABLES))


def _card(rng: random.Random, columns: list[Column], now: datetime, history: timedelta) -> dict:
    """A card's path: created some time in the ``history``, moved column by column to its own
    within four weeks (``FLOW``) of its creation."""
    weights = [KIND_WEIGHT[c.kind] for c in columns]
    target = rng.choices(range(len(columns)), weights)[0]
    created = now - history * rng.random()
    moves = sorted(created + min(now - created, FLOW) * rng.random() for _ in range(target))
    entered = moves[-1] if moves else created
    blocked = columns[target].kind.is_wip and rng.random() < BLOCKED_SHARE
    return {
        "column": target,
        "moves": moves,
        "created_at": created,
        "entered_at": entered,
        "type": rng.choices(list(TYPE_WEIGHT), list(TYPE_WEIGHT.values()))[0].value,
        "assignee": rng.choice(PEOPLE),
        "blocked_reason": rng.choice(REASONS) if blocked else None,
        "blocked_at": entered + (now - entered) * rng.random() if blocked else None,
    }


def _set_positions(cards: list[dict]) -> None:
    """0, 1, 2, ... per column, the card that entered first on top (as the service appends)."""
    next_position: dict[int, int] = {}
    for card in sorted(cards, key=lambda c: (c["entered_at"], c["id"])):
        card["position"] = next_position.get(card["column"], 0)
        next_position[card["column"]] = card["position"] + 1


def _card_row(card: dict) -> dict:
    return {
        "id": card["id"],
        "board_id": card["board_id"],
        "column_id": card["column_id"],
        "position": card["position"],
        "title": card["title"],
        "type": card["type"],
        "assignee": card["assignee"],
        "description": "",
        "created_at": card["created_at"],
        "entered_at": card["entered_at"],
        "blocked_reason": card["blocked_reason"],
        "blocked_at": card["blocked_at"],
        "deleted_at": None,
    }


def _events(card: dict, columns: list[Column]) -> list[dict]:
    """The events the service would have written: create, moves, block (same details)."""
    first = columns[0]
    made = {"to": first.name, "title": card["title"], "type": card["type"]}
    events = [_event(card, EventKind.CREATE, card["created_at"], None, first, made)]
    for step, at in enumerate(card["moves"], start=1):
        source, target = columns[step - 1], columns[step]
        details = {"from": source.name, "to": target.name}
        events.append(_event(card, EventKind.MOVE, at, source, target, details))
    if card["blocked_reason"]:
        details = {"reason": card["blocked_reason"]}
        events.append(_event(card, EventKind.BLOCK, card["blocked_at"], None, None, details))
    return events


def _event(
    card: dict,
    kind: EventKind,
    at: datetime,
    source: Column | None,
    target: Column | None,
    details: dict,
) -> dict:
    return {
        "board_id": card["board_id"],
        "card_id": card["id"],
        "at": at,
        "kind": kind.value,
        "from_column_id": source.id if source else None,
        "to_column_id": target.id if target else None,
        "details": json.dumps(details),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, required=True, help="how many cards")
    parser.add_argument("--db", required=True, help="the database to write: a file or a URL")
    parser.add_argument("--now", help="ISO 8601 time the history ends at (default: the clock)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--weeks",
        type=int,
        default=4,
        help="weeks the cards were created over (default 4: every card in the reports' windows)",
    )
    args = parser.parse_args(argv)
    start = time.perf_counter()
    moment = parse_time(args.now) if args.now else clock_now()
    now = datetime.fromtimestamp(moment.timestamp(), UTC)  # plain datetime: fast arithmetic
    try:
        service = KanbanService.open(args.db)
        try:
            events = build(service, args.cards, now, args.seed, args.weeks)
            where = service.where  # a URL's password masked
        finally:
            service.close()
    except KanbanError as exc:
        print(f"board.py: {exc}", file=sys.stderr)
        return exc.exit_code
    elapsed = time.perf_counter() - start
    print(f"{args.cards} cards, {events} events in {elapsed:.2f} s -> {where}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
