"""KanbanService: every read and write of boards, columns and cards, each in one transaction.

Each change to a card writes its event in the same transaction, so the history is complete.
Changes made through one service can be undone, several steps back; an undo is itself a change
with its own events (the history is append-only). The board's policies (settings, the pinned
constraint, personal limits) are in :mod:`kanban.services.policies`.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update
from sqlmodel import Session

from kanban.clock import now as clock_now
from kanban.clock import to_utc
from kanban.domain.aging import WINDOW_DAYS, AgingRule, aging_rule
from kanban.domain.board_view import BoardView, build_view
from kanban.domain.metrics.durations import cycle_times
from kanban.domain.metrics.history import History, build_history
from kanban.domain.models import (
    Board,
    BoardSnapshot,
    Card,
    ClassOfService,
    Column,
    ColumnKind,
    Event,
    EventKind,
    WorkType,
)
from kanban.domain.summary import Summary, build_summary, standup_since
from kanban.domain.wip import breaches_on_entry, is_limited
from kanban.errors import InvalidInput, NotFound, WipLimitRefused
from kanban.services import validation as check
from kanban.services.policies import Policies
from kanban.storage.converters import (
    CARD_FIELDS,
    EVENT_FIELDS,
    card_from_fields,
    to_board,
    to_card,
    to_column,
    to_event,
)
from kanban.storage.database import open_database
from kanban.storage.tables import BoardRow, CardRow, ColumnRow, EventRow

DEFAULT_BOARD = "Kanban"
DEFAULT_COLUMNS: list[tuple[str, ColumnKind, int | None]] = [
    ("Backlog", ColumnKind.BACKLOG, None),
    ("Ready", ColumnKind.QUEUE, 5),
    ("In Progress", ColumnKind.ACTIVE, 3),
    ("Review", ColumnKind.QUEUE, 2),
    ("Done", ColumnKind.DONE, None),
]

_UNSET: Any = object()


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cycle collector while tens of thousands of objects are made (events,
    timelines): they hold no cycles, and each collection would walk them all again, which
    cost half the time of reading a 57,000-event log and building its history."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass(frozen=True, slots=True)
class Breach:
    """A column pushed over its WIP limit by a change: ``count`` cards against ``limit``.

    ``expedite``: an expedite card passed the limit, as it may (even on a strict board)."""

    column: Column
    count: int
    limit: int
    expedite: bool = False

    def __str__(self) -> str:
        text = f"{self.column.name} {self.count}/{self.limit}"
        return f"{text} (expedite)" if self.expedite else text


@dataclass(frozen=True, slots=True)
class CardChange:
    """A card as it is after a change, and the breach the change caused, if any."""

    card: Card
    breach: Breach | None = None


@dataclass(frozen=True, slots=True)
class Undone:
    """What an undo reverted: its label (``"move #4"``) and the card it touched, if any."""

    label: str
    card_id: int | None = None


@dataclass(frozen=True, slots=True)
class _UndoStep:
    label: str
    revert: Callable[[], None]
    card_id: int | None = None


class KanbanService(Policies):
    def __init__(self, engine: Engine, clock: Callable[[], datetime] = clock_now) -> None:
        self.engine = engine
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self.clock = clock
        self._undo: list[_UndoStep] = []

    @classmethod
    def open(
        cls,
        target: str | Path,
        clock: Callable[[], datetime] = clock_now,
        ensure_default: bool = True,
    ) -> KanbanService:
        """Open (creating or upgrading) the database at a path or URL.

        A database without boards gets the default board unless ``ensure_default`` is False.
        """
        service = cls(open_database(target), clock)
        if ensure_default:
            service.ensure_board()
        return service

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self) -> Iterator[Session]:
        """A write transaction. SQLite takes the write lock at BEGIN (IMMEDIATE), so a second
        process waits its turn (busy timeout) instead of failing half-way through."""
        with Session(self._writer, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def _now(self) -> datetime:
        return to_utc(self.clock())

    # ------------------------------------------------------------------ boards

    def ensure_board(self) -> Board:
        """The first board; a new database gets the default one.

        Made under the write lock after looking again, so that several processes running their
        first command at once make one default board between them."""
        boards = self.boards()
        if boards:
            return boards[0]
        with self._tx() as s:
            first = s.exec(select(BoardRow).order_by(BoardRow.id).limit(1)).scalars().first()
            return to_board(first) if first is not None else self._insert_board(s, DEFAULT_BOARD)

    def boards(self) -> list[Board]:
        with self._read() as s:
            return [to_board(r) for r in s.exec(select(BoardRow).order_by(BoardRow.id)).scalars()]

    def board(self, name: str | None = None) -> Board:
        """The board named ``name`` (any case), or the first board."""
        if name is None:
            return self.ensure_board()
        wanted = name.strip().casefold()
        for board in self.boards():
            if board.name.casefold() == wanted:
                return board
        raise NotFound(f"no board named {name!r}")

    def create_board(
        self, name: str, columns: list[tuple[str, ColumnKind, int | None]] | None = None
    ) -> Board:
        name = check.clean_name(name, "board")
        with self._tx() as s:
            names = s.exec(select(BoardRow.name)).scalars()
            if any(known.casefold() == name.casefold() for known in names):
                raise InvalidInput(f"a board named {name!r} exists already")
            return self._insert_board(s, name, columns)

    def _insert_board(
        self, s: Session, name: str, columns: list[tuple[str, ColumnKind, int | None]] | None = None
    ) -> Board:
        row = BoardRow(name=name, created_at=self._now())
        s.add(row)
        s.flush()
        for position, (col_name, kind, limit) in enumerate(columns or DEFAULT_COLUMNS):
            s.add(
                ColumnRow(
                    board_id=row.id, name=col_name, kind=kind.value,
                    position=position, wip_limit=limit,
                )
            )
        return to_board(row)

    # ------------------------------------------------------------------ reading

    def columns(self, board_id: int) -> list[Column]:
        with self._read() as s:
            return self._columns(s, board_id)

    def column(self, board_id: int, name: str) -> Column:
        with self._read() as s:
            return self._column_named(s, board_id, name)

    def snapshot(self, board_id: int) -> BoardSnapshot:
        """The board with its columns and live cards, in order."""
        with self._read() as s:
            board = to_board(self._board_row(s, board_id))
            columns = self._columns(s, board_id)
            cards: dict[int, list[Card]] = {c.id: [] for c in columns}
            rows = s.execute(
                select(*CARD_FIELDS)
                .where(CardRow.board_id == board_id, CardRow.deleted_at.is_(None))
                .order_by(CardRow.column_id, CardRow.position)
            )
            for row in rows:
                card = card_from_fields(row)
                cards[card.column_id].append(card)
            people = self._people(s, board_id)
        return BoardSnapshot(board, columns, cards, people)

    def card(self, card_id: int) -> Card:
        with self._read() as s:
            return to_card(self._card_row(s, card_id))

    def events(self, board_id: int, since: datetime | None = None) -> list[Event]:
        """The board's history, oldest first (optionally only from ``since``)."""
        with self._read() as s, _bulk():
            query = select(*EVENT_FIELDS).where(EventRow.board_id == board_id)
            if since is not None:
                query = query.where(EventRow.at >= to_utc(since))
            query = query.order_by(EventRow.at, EventRow.id)
            return [to_event(r) for r in s.connection().execute(query).all()]

    def history(
        self, board_id: int, now: datetime, tz: tzinfo, events: list[Event] | None = None
    ) -> History:
        """Every live card's timeline as of ``now`` (the flow metrics read it), days in ``tz``;
        from ``events`` if already read (the board's whole history).

        ``now`` becomes a plain UTC datetime: the metrics subtract times by the thousand, and a
        pendulum ``now`` would make pendulum durations (slower, and not divisible by a
        timedelta)."""
        now = to_utc(now)
        now = datetime(*now.timetuple()[:6], now.microsecond, tzinfo=UTC)
        with self._read() as s:
            columns = self._columns(s, board_id)
            board = self._board_row(s, board_id)
            business, created = bool(board.business_days), to_utc(board.created_at)
        events = self.events(board_id) if events is None else events
        with _bulk():
            return build_history(
                columns, events, now, tz, business_days=business, created=created
            )

    def aging_rule(
        self, board: Board, now: datetime, tz: tzinfo, history: History | None = None
    ) -> AgingRule:
        """The aging rule that applies at ``now``: the cycle-time percentiles of the cards
        finished in the last ``WINDOW_DAYS`` days once there are enough of them, else the
        board's fixed thresholds (docs/flow.md, "Aging"). Reads the history unless given."""
        history = history or self.history(board.id, now, tz)
        cycles = cycle_times(history, *history.window(WINDOW_DAYS))
        started = {t.card_id: t.started for t in history.cards if t.started is not None}
        return aging_rule(board, [c.days for c in cycles], started)

    def view(self, board_id: int, now: datetime, tz: tzinfo) -> BoardView:
        """The board at ``now``, aging judged by :meth:`aging_rule`."""
        snapshot = self.snapshot(board_id)
        return build_view(snapshot, now, tz, self.aging_rule(snapshot.board, now, tz))

    def summary(self, board_id: int, now: datetime, tz: tzinfo, standup: bool = False) -> Summary:
        """The board's summary at ``now``, aging judged by :meth:`aging_rule` (so the history
        is read). With ``standup``, what happened since the start of the previous working
        day, and the flow figures."""
        snapshot = self.snapshot(board_id)
        events = self.events(board_id)
        history = self.history(board_id, now, tz, events)
        rule = self.aging_rule(snapshot.board, now, tz, history)
        view = build_view(snapshot, now, tz, rule)
        if not standup:
            return build_summary(view, tz, history=history)
        since = to_utc(standup_since(now, tz))
        recent = [e for e in events if e.at >= since]
        return build_summary(view, tz, recent, standup=True, history=history)

    # ------------------------------------------------------------------ columns

    def add_column(
        self,
        board_id: int,
        name: str,
        kind: str | ColumnKind = ColumnKind.ACTIVE,
        limit: int | str | None = None,
        after: str | None = None,
    ) -> Column:
        """Add a column after ``after``, or else before the first done column (else last)."""
        name = check.clean_name(name, "column")
        kind = check.column_kind(kind)
        limit = check.wip_limit(limit)
        with self._tx() as s:
            columns = self._columns(s, board_id)
            if any(c.name.casefold() == name.casefold() for c in columns):
                raise InvalidInput(f"a column named {name!r} exists already")
            if after is not None:
                position = self._column_named(s, board_id, after).position + 1
            else:
                done = [c.position for c in columns if c.kind is ColumnKind.DONE]
                position = done[0] if done else len(columns)
            s.execute(
                update(ColumnRow)
                .where(ColumnRow.board_id == board_id, ColumnRow.position >= position)
                .values(position=ColumnRow.position + 1)
                .execution_options(synchronize_session=False)
            )
            row = ColumnRow(
                board_id=board_id, name=name, kind=kind.value, position=position, wip_limit=limit
            )
            s.add(row)
            s.flush()
            return to_column(row)

    def set_column_limit(
        self, column_id: int, limit: int | str | None, minimum: int | str | None = _UNSET
    ) -> Column:
        """Set the WIP limit (max) and, when given, the minimum (None clears it); the
        minimum may not exceed the limit."""
        limit = check.wip_limit(limit)
        with self._tx() as s:
            row = self._column_row(s, column_id)
            old = (row.wip_limit, row.wip_min)
            new_min = row.wip_min if minimum is _UNSET else check.wip_limit(minimum, "minimum")
            if new_min is not None and limit is not None and new_min > limit:
                raise InvalidInput(
                    f"the minimum ({new_min}) cannot be above the WIP limit ({limit})"
                )
            column = self._set_limit(s, row, limit, new_min)
        self._remember(
            f"limit of {column.name}", lambda: self._revert_limit(column_id, *old)
        )
        return column

    def _set_limit(
        self, s: Session, row: ColumnRow, limit: int | None, minimum: int | None, **details: Any
    ) -> Column:
        old, old_min = row.wip_limit, row.wip_min
        row.wip_limit, row.wip_min = limit, minimum
        if old_min != minimum:
            details.update(old_min=old_min, new_min=minimum)
        self._event(
            s, row.board_id, None, EventKind.LIMIT,
            column=row.name, column_id=row.id, old=old, new=limit, **details,
        )
        return to_column(row)

    def _revert_limit(self, column_id: int, limit: int | None, minimum: int | None) -> None:
        with self._tx() as s:
            self._set_limit(s, self._column_row(s, column_id), limit, minimum, undo=True)

    def rename_column(self, board_id: int, old: str, new: str) -> Column:
        new = check.clean_name(new, "column")
        with self._tx() as s:
            row = self._column_row(s, self._column_named(s, board_id, old).id)
            clash = self._find_column(s, board_id, new)
            if clash is not None and clash.id != row.id:
                raise InvalidInput(f"a column named {new!r} exists already")
            row.name = new
            return to_column(row)

    def remove_column(self, board_id: int, name: str) -> Column:
        """Remove an empty column. A SETTING event keeps its kind and place (``removed_column``)
        so that the history, and every past metric, stays what it was."""
        with self._tx() as s:
            column = self._column_named(s, board_id, name)
            count = self._count(s, column.id)
            if count:
                raise InvalidInput(
                    f"column {column.name!r} holds {count} card{'s' * (count != 1)}; "
                    "move them first"
                )
            left = [c.id for c in self._columns(s, board_id) if c.position < column.position]
            s.delete(self._column_row(s, column.id))
            self._event(
                s, board_id, None, EventKind.SETTING, from_column=column,
                removed_column={
                    "kind": column.kind.value, "after": left[-1] if left else None,
                    "position": column.position,
                },
            )
            s.execute(
                update(ColumnRow)
                .where(ColumnRow.board_id == board_id, ColumnRow.position > column.position)
                .values(position=ColumnRow.position - 1)
                .execution_options(synchronize_session=False)
            )
            return column

    # ------------------------------------------------------------------ cards

    def add_card(
        self,
        board_id: int,
        title: str,
        column: str | int | None = None,
        type: str | WorkType = WorkType.BUSINESS,
        assignee: str | None = None,
        description: str = "",
        class_of_service: str | ClassOfService = ClassOfService.STANDARD,
        due_date: date | str | None = None,
    ) -> CardChange:
        """A new card at the bottom of ``column`` (a name or id; default: the first column).

        An expedite card may pass the column's limit, even on a strict board (the breach says
        so). A due date is allowed on any class; a fixed-date card without one is allowed."""
        title = check.clean_title(title)
        kind = check.work_type(type)
        service_class = check.class_of_service(class_of_service)
        due = check.due_date(due_date)
        with self._tx() as s:
            target = self._target_column(s, board_id, column)
            count = self._count(s, target.id)
            expedite = service_class is ClassOfService.EXPEDITE
            breach = self._check_entry(s, target, count, expedite)
            moment = self._now()
            row = CardRow(
                board_id=board_id, column_id=target.id, position=count, title=title,
                type=kind.value, assignee=check.clean_assignee(assignee),
                description=check.clean_description(description), created_at=moment,
                entered_at=moment,
                class_of_service=service_class.value, due_date=due,
            )
            s.add(row)
            s.flush()
            self._event(
                s, board_id, row.id, EventKind.CREATE, to_column=target, title=title,
                type=kind.value,
            )
            card = to_card(row)
        self._remember(f"add #{card.id}", lambda: self._revert_add(card.id), card.id)
        return CardChange(card, breach)

    def _revert_add(self, card_id: int) -> None:
        with self._tx() as s:
            self._delete(s, self._card_row(s, card_id), undo=True)

    def move_card(
        self, card_id: int, column: str | int, position: int | None = None
    ) -> CardChange:
        """Move a card to another column (a name or id), at the bottom or at ``position``."""
        with self._tx() as s:
            row = self._card_row(s, card_id)
            before = (row.column_id, row.position, to_utc(row.entered_at))
            target = self._target_column(s, row.board_id, column)
            if target.id == row.column_id:
                if position is None or position == row.position:
                    return CardChange(to_card(row))
                self._place(s, row, target.id, position)
                self._event(s, row.board_id, row.id, EventKind.REORDER, position=row.position)
                card, breach = to_card(row), None
            else:
                expedite = row.class_of_service == ClassOfService.EXPEDITE.value
                breach = self._check_entry(s, target, self._count(s, target.id), expedite)
                source = self._column_row(s, row.column_id)
                self._place(s, row, target.id, position)
                row.entered_at = self._now()
                self._event(
                    s, row.board_id, row.id, EventKind.MOVE, from_column=source,
                    to_column=target,
                )
                card = to_card(row)
        self._remember(f"move #{card_id}", lambda: self._revert_move(card_id, *before), card_id)
        return CardChange(card, breach)

    def shift_card(self, card_id: int, step: int) -> CardChange:
        """Move a card ``step`` columns right (positive) or left (negative)."""
        card = self.card(card_id)
        columns = self.columns(card.board_id)
        index = next(i for i, c in enumerate(columns) if c.id == card.column_id) + step
        if not 0 <= index < len(columns):
            edge = "last" if step > 0 else "first"
            raise InvalidInput(f"#{card_id} is already in the {edge} column")
        return self.move_card(card_id, columns[index].id)

    def reorder_card(self, card_id: int, step: int) -> CardChange:
        """Move a card ``step`` places down (positive) or up (negative) in its column."""
        with self._read() as s:
            card = to_card(self._card_row(s, card_id))
            count = self._count(s, card.column_id)
        position = card.position + step
        if not 0 <= position < count:
            return CardChange(card)
        return self.move_card(card_id, card.column_id, position)

    def _revert_move(
        self, card_id: int, column_id: int, position: int, entered_at: datetime
    ) -> None:
        with self._tx() as s:
            row = self._card_row(s, card_id)
            source = self._column_row(s, row.column_id)
            moved = row.column_id != column_id
            self._place(s, row, column_id, position)
            row.entered_at = entered_at
            if moved:
                target = self._column_row(s, column_id)
                self._event(
                    s, row.board_id, row.id, EventKind.MOVE, from_column=source,
                    to_column=target, undo=True,
                )
            else:
                self._event(
                    s, row.board_id, row.id, EventKind.REORDER, position=position, undo=True
                )

    def edit_card(
        self,
        card_id: int,
        title: str | None = None,
        type: str | WorkType | None = None,
        assignee: str | None = _UNSET,
        description: str | None = None,
        class_of_service: str | ClassOfService | None = None,
        due_date: date | str | None = _UNSET,
    ) -> Card:
        """Change the given fields (``assignee=None`` or "" clears the assignee,
        ``due_date=None`` or "none" the due date)."""
        changes: dict[str, Any] = {}
        if title is not None:
            changes["title"] = check.clean_title(title)
        if type is not None:
            changes["type"] = check.work_type(type).value
        if assignee is not _UNSET:
            changes["assignee"] = check.clean_assignee(assignee)
        if description is not None:
            changes["description"] = check.clean_description(description)
        if class_of_service is not None:
            changes["class_of_service"] = check.class_of_service(class_of_service).value
        if due_date is not _UNSET:
            changes["due_date"] = check.due_date(due_date)
        with self._tx() as s:
            row = self._card_row(s, card_id)
            old = {field: getattr(row, field) for field in changes}
            card = self._edit(s, row, changes)
        if any(old[f] != changes[f] for f in changes):
            self._remember(f"edit #{card_id}", lambda: self._revert_edit(card_id, old), card_id)
        return card

    def _edit(self, s: Session, row: CardRow, changes: dict[str, Any], **details: Any) -> Card:
        diff = {f: [getattr(row, f), v] for f, v in changes.items() if getattr(row, f) != v}
        for field, (_old, new) in diff.items():
            setattr(row, field, new)
        if diff:
            self._event(s, row.board_id, row.id, EventKind.EDIT, changes=diff, **details)
        return to_card(row)

    def _revert_edit(self, card_id: int, old: dict[str, Any]) -> None:
        with self._tx() as s:
            self._edit(s, self._card_row(s, card_id), old, undo=True)

    def block_card(self, card_id: int, reason: str) -> Card:
        reason = check.clean_reason(reason)
        with self._tx() as s:
            row = self._card_row(s, card_id)
            if row.blocked_reason is not None:
                raise InvalidInput(f"#{card_id} is blocked already ({row.blocked_reason})")
            card = self._set_block(s, row, reason, self._now())
        self._remember(
            f"block #{card_id}", lambda: self._revert_block(card_id, None, None), card_id
        )
        return card

    def unblock_card(self, card_id: int) -> Card:
        with self._tx() as s:
            row = self._card_row(s, card_id)
            if row.blocked_reason is None:
                raise InvalidInput(f"#{card_id} is not blocked")
            old = (row.blocked_reason, to_utc(row.blocked_at) if row.blocked_at else None)
            card = self._set_block(s, row, None, None)
        self._remember(f"unblock #{card_id}", lambda: self._revert_block(card_id, *old), card_id)
        return card

    def _set_block(
        self, s: Session, row: CardRow, reason: str | None, since: datetime | None, **details: Any
    ) -> Card:
        if reason is None:
            self._event(
                s, row.board_id, row.id, EventKind.UNBLOCK, reason=row.blocked_reason, **details
            )
        else:
            self._event(s, row.board_id, row.id, EventKind.BLOCK, reason=reason, **details)
        row.blocked_reason, row.blocked_at = reason, since
        return to_card(row)

    def _revert_block(self, card_id: int, reason: str | None, since: datetime | None) -> None:
        with self._tx() as s:
            self._set_block(s, self._card_row(s, card_id), reason, since, undo=True)

    def delete_card(self, card_id: int) -> Card:
        with self._tx() as s:
            row = self._card_row(s, card_id)
            place = (row.column_id, row.position)
            card = self._delete(s, row)
        self._remember(f"delete #{card_id}", lambda: self._revert_delete(card_id, *place), card_id)
        return card

    def _delete(self, s: Session, row: CardRow, **details: Any) -> Card:
        card = to_card(row)
        self._detach(s, row)
        row.deleted_at = self._now()
        row.position = -1
        self._event(
            s, row.board_id, row.id, EventKind.DELETE,
            from_column=self._column_row(s, row.column_id), **details,
        )
        return card

    def _revert_delete(self, card_id: int, column_id: int, position: int) -> None:
        with self._tx() as s:
            row = s.get(CardRow, card_id)
            row.deleted_at = None
            self._attach(s, row, column_id, position)
            self._event(
                s, row.board_id, row.id, EventKind.RESTORE,
                to_column=self._column_row(s, column_id), undo=True,
            )

    # ------------------------------------------------------------------ undo

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> Undone | None:
        """Revert the last change made through this service; returns what it was."""
        if not self._undo:
            return None
        step = self._undo.pop()
        step.revert()
        return Undone(step.label, step.card_id)

    def _remember(
        self, label: str, revert: Callable[[], None], card_id: int | None = None
    ) -> None:
        self._undo.append(_UndoStep(label, revert, card_id))

    # ------------------------------------------------------------------ helpers

    def _event(
        self,
        s: Session,
        board_id: int,
        card_id: int | None,
        kind: EventKind,
        from_column: ColumnRow | Column | None = None,
        to_column: ColumnRow | Column | None = None,
        **details: Any,
    ) -> None:
        if from_column is not None:
            details["from"] = from_column.name
        if to_column is not None:
            details["to"] = to_column.name
        s.add(
            EventRow(
                board_id=board_id, card_id=card_id, at=self._now(), kind=kind.value,
                from_column_id=from_column.id if from_column is not None else None,
                to_column_id=to_column.id if to_column is not None else None,
                details=json.dumps(details, default=str),
            )
        )

    def _check_entry(
        self, s: Session, column: Column, count: int, expedite: bool = False
    ) -> Breach | None:
        """Refuse (strict board) or report (soft) one more card in a full column; an expedite
        card passes on any board, reported as an expedite breach."""
        if not is_limited(column) or column.wip_limit is None:
            return None
        if count < column.wip_limit:
            return None
        if expedite:
            return Breach(column, count + 1, column.wip_limit, expedite=True)
        if self._board_row(s, column.board_id).strict:
            raise WipLimitRefused(
                f"{column.name} is full ({count}/{column.wip_limit}) and the board is strict"
            )
        if breaches_on_entry(column, count):
            return Breach(column, count + 1, column.wip_limit)
        return None

    def _place(self, s: Session, row: CardRow, column_id: int, position: int | None) -> None:
        self._detach(s, row)
        self._attach(s, row, column_id, position)

    def _detach(self, s: Session, row: CardRow) -> None:
        """Close the gap ``row`` leaves in its column."""
        s.execute(
            update(CardRow)
            .where(
                CardRow.column_id == row.column_id, CardRow.position > row.position,
                CardRow.deleted_at.is_(None), CardRow.id != row.id,
            )
            .values(position=CardRow.position - 1)
            .execution_options(synchronize_session=False)
        )

    def _attach(self, s: Session, row: CardRow, column_id: int, position: int | None) -> None:
        """Insert ``row`` into ``column_id`` at ``position`` (default and at most: the end)."""
        count = s.execute(
            select(func.count()).where(
                CardRow.column_id == column_id, CardRow.deleted_at.is_(None),
                CardRow.id != row.id,
            )
        ).scalar_one()
        position = count if position is None else max(0, min(position, count))
        s.execute(
            update(CardRow)
            .where(
                CardRow.column_id == column_id, CardRow.position >= position,
                CardRow.deleted_at.is_(None), CardRow.id != row.id,
            )
            .values(position=CardRow.position + 1)
            .execution_options(synchronize_session=False)
        )
        row.column_id = column_id
        row.position = position

    def _board_row(self, s: Session, board_id: int) -> BoardRow:
        row = s.get(BoardRow, board_id)
        if row is None:
            raise NotFound(f"no board with id {board_id}")
        return row

    def _card_row(self, s: Session, card_id: int) -> CardRow:
        row = s.get(CardRow, card_id)
        if row is None or row.deleted_at is not None:
            raise NotFound(f"no card #{card_id}")
        return row

    def _column_row(self, s: Session, column_id: int) -> ColumnRow:
        row = s.get(ColumnRow, column_id)
        if row is None:
            raise NotFound(f"no column with id {column_id}")
        return row

    def _columns(self, s: Session, board_id: int) -> list[Column]:
        rows = s.exec(
            select(ColumnRow).where(ColumnRow.board_id == board_id).order_by(ColumnRow.position)
        ).scalars()
        return [to_column(r) for r in rows]

    def _find_column(self, s: Session, board_id: int, name: str) -> Column | None:
        wanted = " ".join(name.split()).casefold()
        return next((c for c in self._columns(s, board_id) if c.name.casefold() == wanted), None)

    def _column_named(self, s: Session, board_id: int, name: str) -> Column:
        column = self._find_column(s, board_id, name)
        if column is None:
            names = ", ".join(c.name for c in self._columns(s, board_id))
            raise NotFound(f"no column named {name!r} (columns: {names})")
        return column

    def _target_column(self, s: Session, board_id: int, column: str | int | None) -> Column:
        if column is None:
            columns = self._columns(s, board_id)
            if not columns:
                raise InvalidInput("the board has no columns")
            return columns[0]
        if isinstance(column, int):
            found = to_column(self._column_row(s, column))
            if found.board_id != board_id:
                raise NotFound(f"no column with id {column} on this board")
            return found
        return self._column_named(s, board_id, column)

    def _count(self, s: Session, column_id: int) -> int:
        return s.execute(
            select(func.count()).where(
                CardRow.column_id == column_id, CardRow.deleted_at.is_(None)
            )
        ).scalar_one()
