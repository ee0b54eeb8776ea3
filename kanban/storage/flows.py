"""Each card's log kept in the database (table ``card_flows``, schema 6), so that the history
is read from one row per card instead of rebuilt from the whole event log.

The rows are derived from the events, never the truth:

- a write transaction that wrote events brings them up to date before it commits
  (:func:`keep`): the rows of the cards it touched are made again from each card's own events,
  which give the card's log exactly as the whole log does (``card_logs``);
- the board's *mark* (in ``kanban_meta``) says which history the rows are: the board's last
  event id and its workflow (columns, kinds, removed columns). A write that finds the mark
  behind the events it did not write (another kanban, an import, a bulk insert) or the workflow
  changed (a column added or removed) rebuilds the board's rows from the whole log;
- a read uses the rows only when the mark is the board's last event and its workflow now
  (:func:`load`); else it reads the events, as before: the rows can be late, never wrong.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)

from kanban.clock import to_utc
from kanban.domain.metrics.history import (
    BlockSpan,
    CardLog,
    Quiet,
    Removal,
    Stay,
    Workflow,
    card_logs,
    removals,
)
from kanban.domain.models import Column, ColumnKind, Event
from kanban.storage.converters import (
    EVENT_FIELDS,
    WORK_TYPES,
    driver_rows,
    stored_utc,
    to_column,
    to_event,
)
from kanban.storage.schema import BOARDS, CARD_FLOWS, CARDS, COLUMNS, EVENTS, META

if TYPE_CHECKING:
    from kanban.storage.tables import EventRow

_FLOWS, _META, _EVENTS, _CARDS, _COLUMNS = CARD_FLOWS, META, EVENTS, CARDS, COLUMNS


def _iso(moment: datetime) -> str:
    return to_utc(moment).isoformat()


_at = datetime.fromisoformat  # ISO 8601 text is read 6x faster than an epoch made a datetime
_json = json.JSONDecoder().raw_decode  # json.loads less its checks: (value, end)


def encode(card_id: int, board_id: int, log: CardLog, workflow: Workflow) -> dict[str, Any]:
    """A ``card_flows`` row for a card's log, its start and finish by the ``workflow``."""
    timeline = workflow.timeline(card_id, log)
    blocks = [[b.reason, _iso(b.start), None if b.end is None else _iso(b.end)] for b in log.blocks]
    return {
        "card_id": card_id,
        "board_id": board_id,
        "started_at": timeline.started,
        "finished_at": timeline.finished,
        "deleted": log.deleted,
        "type": None if log.type is None else log.type.value,
        "moves": json.dumps([[_iso(at), column] for at, column in log.moves]),
        "blocks": json.dumps(blocks) if blocks else "[]",
        "last_at": log.last,
    }


def decode(type_: str | None, moves: str, blocks: str) -> CardLog:
    """A card's log from its row's fields."""
    return CardLog.of(
        [(_at(at), column) for at, column in _json(moves)[0]],
        []
        if blocks == "[]"
        else [
            BlockSpan(reason, _at(start), None if end is None else _at(end))
            for reason, start, end in _json(blocks)[0]
        ],
        None if type_ is None else WORK_TYPES.get(type_),
    )


@dataclass(frozen=True, slots=True)
class Stored:
    """A board's logs as stored, with what the history needs beside them."""

    logs: dict[int, CardLog]  # live cards only
    removed: list[Removal]
    first: datetime | None  # the board's first event
    quiet: list[Quiet] = field(default_factory=list)  # left alone since the cut: not in logs


@dataclass(frozen=True, slots=True)
class _Events:
    last_id: int
    first: datetime | None
    latest: datetime | None


def _key(board_id: int) -> str:
    return f"flows:{board_id}"


def _events(connection: Connection, board_id: int) -> _Events:
    """The board's last event id and its first and latest event times (three index lookups)."""
    on_board = _EVENTS.c.board_id == board_id
    last, first, latest = connection.execute(
        select(
            select(func.max(_EVENTS.c.id)).where(on_board).scalar_subquery(),
            select(func.min(_EVENTS.c.at)).where(on_board).scalar_subquery(),
            select(func.max(_EVENTS.c.at)).where(on_board).scalar_subquery(),
        )
    ).one()
    return _Events(
        int(last or 0),
        None if first is None else to_utc(first),
        None if latest is None else to_utc(latest),
    )


def _mark(connection: Connection, board_id: int) -> str | None:
    found: str | None = connection.execute(
        select(_META.c.value).where(_META.c.key == _key(board_id))
    ).scalar_one_or_none()
    return found


def _set_mark(connection: Connection, board_id: int, last_id: int, workflow: Workflow) -> None:
    key, value = _key(board_id), f"{last_id} {workflow.signature}"
    changed = connection.execute(update(_META).where(_META.c.key == key).values(value=value))
    if not changed.rowcount:
        connection.execute(insert(_META).values(key=key, value=value))


def _columns(connection: Connection, board_id: int) -> list[Column]:
    rows = connection.execute(
        select(_COLUMNS).where(_COLUMNS.c.board_id == board_id).order_by(_COLUMNS.c.position)
    )
    return [to_column(row) for row in rows]


def _board_removals(connection: Connection, board_id: int) -> list[Removal]:
    """The board's column removals, from its events without a card (few; sorted here: an
    ORDER BY makes SQLite walk every event of the board by time instead of using the index)."""
    rows = connection.execute(
        select(*EVENT_FIELDS).where(_EVENTS.c.board_id == board_id, _EVENTS.c.card_id.is_(None))
    )
    return removals(sorted((to_event(row) for row in rows), key=lambda e: (e.at, e.id)))


def _removals_and_events(
    connection: Connection, board_id: int, card_ids: Sequence[int]
) -> tuple[list[Removal], list[Event]]:
    """The board's column removals (as :func:`_board_removals`) and the events of the cards
    ``card_ids``, read by one statement."""
    rows = connection.execute(
        select(*EVENT_FIELDS).where(
            (_EVENTS.c.board_id == board_id) & _EVENTS.c.card_id.is_(None)
            | _EVENTS.c.card_id.in_(card_ids)
        )
    )
    events = sorted((to_event(row) for row in rows), key=lambda e: (e.at, e.id))
    return removals(events), [e for e in events if e.card_id is not None]


def _write(
    connection: Connection, board_id: int, logs: dict[int, CardLog], workflow: Workflow
) -> None:
    rows = [encode(card_id, board_id, log, workflow) for card_id, log in logs.items()]
    if rows:
        connection.execute(insert(_FLOWS), rows)


def rebuild(connection: Connection, board_id: int) -> None:
    """Make the board's rows again from its whole event log."""
    columns = _columns(connection, board_id)
    rows = connection.execute(
        select(*EVENT_FIELDS)
        .where(_EVENTS.c.board_id == board_id)
        .order_by(_EVENTS.c.at, _EVENTS.c.id)
    )
    events = [to_event(row) for row in rows]
    removed = removals(events)
    connection.execute(delete(_FLOWS).where(_FLOWS.c.board_id == board_id))
    workflow = Workflow.of(columns, removed)
    _write(connection, board_id, card_logs(events, removed), workflow)
    _set_mark(connection, board_id, max((e.id for e in events), default=0), workflow)


def rebuild_all(connection: Connection) -> None:
    """Every board's rows (after an import or a schema upgrade)."""
    boards: list[int] = list(connection.execute(select(BOARDS.c.id)).scalars())
    for board_id in boards:
        rebuild(connection, board_id)


def _reflow(
    connection: Connection,
    board_id: int,
    old: str,
    removed: list[Removal],
    workflow: Workflow,
) -> bool:
    """The rows after a column was added or removed, made from the rows themselves (a
    rebuild from the log reads every event of the board: seconds at 50,000 cards): each card's
    start and finish by the new ranks, and after a removal the moves into the removed column
    named by its key, as the log would name them. False (rebuild instead) unless the workflow
    before is ``old`` with at most one removal since, the latest, and no card event after it."""
    known = [int(part.split(":", 1)[0]) for part in old.split(",") if part]
    known = [key for key in known if key < 0]
    fresh = removed[len(known) :]
    if len(fresh) > 1 or [r.key for r in removed[: len(known)]] != known:
        return False
    gone = fresh[0] if fresh else None
    if gone is not None:
        latest = _events(connection, board_id).latest
        if latest is not None and latest > gone.at:
            return False
    rows = driver_rows(
        connection,
        select(
            _FLOWS.c.card_id,
            _FLOWS.c.type,
            _FLOWS.c.moves,
            _FLOWS.c.blocks,
            _FLOWS.c.started_at,
            _FLOWS.c.finished_at,
        ).where(_FLOWS.c.board_id == board_id),
    )
    changed = []
    for card_id, kind, moves, blocks, started, finished in rows:
        log = decode(kind, moves, blocks)
        if gone is not None:
            log.moves = [
                (at, gone.key if column == gone.column_id and at <= gone.at else column)
                for at, column in log.moves
            ]
        timeline = workflow.timeline(card_id, log)
        was = (
            None if started is None else stored_utc(started),
            None if finished is None else stored_utc(finished),
        )
        text = json.dumps([[_iso(at), column] for at, column in log.moves]) if gone else moves
        if text != moves or (timeline.started, timeline.finished) != was:
            changed.append(
                {
                    "card": card_id,
                    "new_moves": text,
                    "new_started": timeline.started,
                    "new_finished": timeline.finished,
                }
            )
    if changed:
        connection.execute(
            update(_FLOWS)
            .where(_FLOWS.c.card_id == bindparam("card"))
            .values(
                moves=bindparam("new_moves"),
                started_at=bindparam("new_started"),
                finished_at=bindparam("new_finished"),
            ),
            changed,
        )
    return True


def keep(
    connection: Connection,
    written: Iterable[EventRow],
    locked: Collection[int],
    columns: Mapping[int, Sequence[Column]],
) -> None:
    """Bring the rows of the boards whose events this transaction ``written`` up to date:
    the cards it touched from their own events when the mark was the board's last event before
    them and the workflow is unchanged, else the whole board from its log. On PostgreSQL the
    board is locked first (as every change to a card does; not again when it is ``locked``
    already), so two writers keep a board's rows in turn: a column added while a card moves
    rebuilds the rows after the move commits. ``columns``: boards' columns as they are, known
    to the caller (a board's not there is read here)."""
    boards: dict[int, list[tuple[int, int | None]]] = {}  # board -> (event id, card id)
    for row in written:
        if row.id is not None:  # flushed: every event written has its id
            boards.setdefault(row.board_id, []).append((row.id, row.card_id))
    for board_id, rows in boards.items():
        if connection.dialect.name == "postgresql" and board_id not in locked:
            connection.execute(select(BOARDS.c.id).where(BOARDS.c.id == board_id).with_for_update())
        ours = {event_id for event_id, _card in rows}
        on_board, first = _EVENTS.c.board_id == board_id, min(ours)
        before, since, mark = connection.execute(  # the last event before ours; ours and any
            select(  # after; the mark
                select(func.max(_EVENTS.c.id))
                .where(on_board, _EVENTS.c.id < first)
                .scalar_subquery(),
                select(func.count()).where(on_board, _EVENTS.c.id >= first).scalar_subquery(),
                select(_META.c.value).where(_META.c.key == _key(board_id)).scalar_subquery(),
            )
        ).one()
        cards = sorted({card for _event, card in rows if card is not None})
        removed, events = _removals_and_events(connection, board_id, cards)
        workflow = Workflow.of(columns.get(board_id) or _columns(connection, board_id), removed)
        mark, behind = mark or "", f"{before or 0} "
        if (
            since != len(ours)
            or not mark.startswith(behind)
            or (
                mark != behind + workflow.signature
                and not _reflow(connection, board_id, mark[len(behind) :], removed, workflow)
            )
        ):
            rebuild(connection, board_id)
            continue
        if cards:
            _rewrite(connection, board_id, cards, card_logs(events, removed), workflow)
        _set_mark(connection, board_id, max(ours), workflow)


def _rewrite(
    connection: Connection,
    board_id: int,
    cards: Sequence[int],
    logs: dict[int, CardLog],
    workflow: Workflow,
) -> None:
    """The rows of ``cards`` made again from their ``logs``, each written over its old row by
    one statement (an upsert; deleted and inserted on a database without one). A card without
    a log (none of its events names a column) never had a row: its events only grow."""
    name = connection.dialect.name
    if name not in ("sqlite", "postgresql"):
        connection.execute(delete(_FLOWS).where(_FLOWS.c.card_id.in_(cards)))
        _write(connection, board_id, logs, workflow)
        return
    rows = [encode(card_id, board_id, log, workflow) for card_id, log in logs.items()]
    if not rows:
        return
    statement: Any  # the dialect's INSERT, with ON CONFLICT
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        statement = postgresql_insert(_FLOWS)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(_FLOWS)
    fresh = {field: statement.excluded[field] for field in rows[0] if field != "card_id"}
    connection.execute(
        statement.on_conflict_do_update(index_elements=[_FLOWS.c.card_id], set_=fresh), rows
    )


def _fresh(
    connection: Connection, board_id: int, columns: Sequence[Column], now: datetime
) -> tuple[_Events, list[Removal]] | None:
    """The board's events and removals if its rows are its history as of ``now``: the mark is
    its last event and its workflow, and no event lies after ``now``; else None."""
    found = _events(connection, board_id)
    if found.latest is not None and found.latest > now:
        return None
    mark = _mark(connection, board_id)
    if mark is None and found.last_id == 0:
        return found, []  # no event yet: no card, nothing to read
    if mark is None or not mark.startswith(f"{found.last_id} "):
        return None
    removed = _board_removals(connection, board_id)
    if mark != f"{found.last_id} {Workflow.of(columns, removed).signature}":
        return None
    return found, removed


def load(
    connection: Connection,
    board_id: int,
    columns: Sequence[Column],
    now: datetime,
    settled: datetime | None = None,
    started_only: bool = False,
) -> Stored | None:
    """The board's live cards' logs, if the rows are its history as of ``now`` (None: read the
    events instead). With ``settled``, without the cards settled before it: finished before it,
    nothing done to them since, and in a done column (a report whose windows all start after
    ``settled`` counts them nowhere, or the same on every day: :func:`settled_stays`), and the
    cards left alone since before it as what such windows see of them (``Stored.quiet``). With
    ``started_only``, without the cards never started (a report that counts only work started:
    cycle times, ages, work in progress, the bands and stays of the columns from the first
    started one)."""
    fresh = _fresh(connection, board_id, columns, now)
    if fresh is None:
        return None
    found, removed = fresh
    query = select(
        _FLOWS.c.card_id,
        _FLOWS.c.type,
        _FLOWS.c.moves,
        _FLOWS.c.blocks,
    ).where(_FLOWS.c.board_id == board_id, _FLOWS.c.deleted.is_(False))
    if started_only:
        query = query.where(_FLOWS.c.started_at.is_not(None))
    quiet: list[Quiet] = []
    if settled is not None:  # the cards with an event since: the others are quiet or settled
        query = query.where(_FLOWS.c.last_at >= to_utc(settled))
        quiet = _quiet(connection, board_id, settled, started_only)
    rows = driver_rows(connection, query)
    logs = {card: decode(kind, moves, blocks) for card, kind, moves, blocks in rows}
    return Stored(logs, removed, found.first, quiet)


def _settled(board_id: int, cut: datetime) -> ColumnElement[bool]:
    """Whether a row is a card's settled before ``cut``: finished before it, nothing done to
    it since, and now in a done column."""
    cut = to_utc(cut)
    done = (
        select(_CARDS.c.id)
        .join(_COLUMNS, _COLUMNS.c.id == _CARDS.c.column_id)
        .where(_CARDS.c.board_id == board_id, _COLUMNS.c.kind == ColumnKind.DONE.value)
    )
    return (_FLOWS.c.finished_at < cut) & (_FLOWS.c.last_at < cut) & _FLOWS.c.card_id.in_(done)


def settled_stays(connection: Connection, board_id: int, cut: datetime) -> tuple[Stay, ...]:
    """The open stays of the live cards settled before ``cut`` (what :func:`load` leaves
    out), all they count in a report whose windows start after it: each one's column and when
    it entered it, its last move, picked out of the stored moves by the database (under half
    the cost of decoding its log and making its timeline)."""
    at, column = _move(connection, "-1", 0), _move(connection, "-1", 1)
    query = select(at, column).where(
        _FLOWS.c.board_id == board_id,
        _FLOWS.c.deleted.is_(False),
        _settled(board_id, cut),
    )
    return tuple(Stay(int(column), _at(at)) for at, column in driver_rows(connection, query))


def _move(connection: Connection, index: str, field: int) -> ColumnElement[Any]:
    """A field (0: time, 1: column) of a stored move (``index`` ``"0"``: the first, ``"-1"``:
    the last), picked out of the moves' JSON by the database."""
    moves = _FLOWS.c.moves
    if connection.dialect.name == "postgresql":
        move = cast(moves, JSON).op("->")(literal_column(index))
        return move.op("->>")(literal_column(str(field)))
    position = "#-1" if index == "-1" else index
    return func.json_extract(moves, f"$[{position}][{field}]")


def _quiet(connection: Connection, board_id: int, cut: datetime, started_only: bool) -> list[Quiet]:
    """The live cards left alone since before ``cut`` and not settled (what :func:`load`
    leaves out of the logs): what a report whose windows start after it sees of them, picked
    out of the stored rows (:class:`~kanban.domain.metrics.history.Quiet`)."""
    query = select(
        _FLOWS.c.card_id,
        _FLOWS.c.type,
        _move(connection, "0", 0),
        _FLOWS.c.started_at,
        _FLOWS.c.finished_at,
        _move(connection, "-1", 0),
        _move(connection, "-1", 1),
    ).where(
        _FLOWS.c.board_id == board_id,
        _FLOWS.c.deleted.is_(False),
        _FLOWS.c.last_at < to_utc(cut),
        ~_settled(board_id, cut),
    )
    if started_only:
        query = query.where(_FLOWS.c.started_at.is_not(None))
    return [
        Quiet(
            card_id,
            WORK_TYPES.get(kind) if kind else None,
            _at(created),
            None if started is None else stored_utc(started),
            None if finished is None else stored_utc(finished),
            _at(entered),
            int(column),
        )
        for card_id, kind, created, started, finished, entered, column in driver_rows(
            connection, query
        )
    ]


def starts(
    connection: Connection, board_id: int, columns: Sequence[Column], now: datetime, since: datetime
) -> list[tuple[int, datetime, datetime | None]] | None:
    """(card, started, finished) of the live started cards not finished, or finished from
    ``since`` on: what the aging rule reads. None when the rows are not the board's history as
    of ``now`` (read the events instead)."""
    if _fresh(connection, board_id, columns, now) is None:
        return None
    finished = _FLOWS.c.finished_at
    rows = driver_rows(
        connection,
        select(_FLOWS.c.card_id, _FLOWS.c.started_at, finished).where(
            _FLOWS.c.board_id == board_id,
            _FLOWS.c.deleted.is_(False),
            _FLOWS.c.started_at.is_not(None),
            finished.is_(None) | (finished >= to_utc(since)),
        ),
    )
    return [
        (card_id, stored_utc(started), None if done is None else stored_utc(done))
        for card_id, started, done in rows
        if started is not None
    ]
