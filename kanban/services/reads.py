"""The reads: boards, columns, the snapshot, a card, the event log, the history, the aging
rule, the board view, the summary and the people; each in one read transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from kanban.clock import to_utc
from kanban.collector import collector_paused as _bulk
from kanban.domain.aging import WINDOW_DAYS, AgingRule, aging_rule, plain_utc
from kanban.domain.board_view import BoardView, build_view
from kanban.domain.metrics.durations import cycle_times
from kanban.domain.metrics.history import (
    DEFAULT_DAYS,
    History,
    build_history,
    history_from_logs,
    starts_history,
)
from kanban.domain.models import (
    Board,
    BoardSnapshot,
    Card,
    Column,
    ColumnKind,
    Event,
    EventKind,
    Person,
)
from kanban.domain.wip import is_limited
from kanban.services.core import ServiceCore
from kanban.storage.converters import to_board

if TYPE_CHECKING:  # imported by summary() itself: ``kanban ls`` needs none of its modules
    from kanban.domain.summary import Summary


class Reads(ServiceCore):
    """What the CLI, the TUI and the reports read; nothing here writes."""

    def boards(self) -> list[Board]:
        with self.store.read() as uow:
            return uow.boards()

    def columns(self, board_id: int) -> list[Column]:
        with self.store.read() as uow:
            return uow.columns(board_id)

    def column(self, board_id: int, name: str) -> Column:
        with self.store.read() as uow:
            return uow.column_named(board_id, name)

    def snapshot(
        self, board_id: int, cards_of: Callable[[Column], bool] | None = None
    ) -> BoardSnapshot:
        """The board with its columns and live cards, in order (tens of thousands of cards
        made with the collector paused); with ``cards_of``, only the cards of the columns it
        accepts (the others' lists are empty: a report that needs no more reads less)."""
        with self.store.read() as uow, _bulk():
            board = to_board(uow.board_fields(board_id))
            columns = uow.columns(board_id)
            read = None if cards_of is None else [c.id for c in columns if cards_of(c)]
            cards = uow.live_cards(board_id, columns, read)
            people = uow.people(board_id)
        return BoardSnapshot(board, columns, cards, people)

    def _summary_snapshot(self, board_id: int, since: datetime | None) -> BoardSnapshot:
        """The snapshot a summary reads: the cards of the columns with limits, all of them; of
        the backlog and done columns, their counts and only the cards the summary can name
        (:func:`kanban.domain.summary.build_summary`): blocked, expedite or due (the done
        columns' are never listed as such, but their blocked ones are), and for a standup
        (``since``, its start) any that did something since (finished, moved back). At
        50,000 cards that leaves out tens of thousands it would only count."""
        with self.store.read() as uow, _bulk():
            board = to_board(uow.board_fields(board_id))
            columns = uow.columns(board_id)
            cards = uow.live_cards(board_id, columns, [c.id for c in columns if is_limited(c)])
            counted = [c.id for c in columns if not is_limited(c)]
            cards.update(uow.notable_cards(board_id, counted, since))
            counts = uow.live_counts(board_id, counted)
            people = uow.people(board_id)
        return BoardSnapshot(board, columns, cards, people, counts)

    def titles(self, board_id: int) -> dict[int, str]:
        """Each live card's title, by id."""
        with self.store.read() as uow, _bulk():
            return uow.live_titles(board_id)

    def change_token(self, board_id: int) -> tuple[int, ...]:
        """A cheap value that differs once anyone (another process, or this one) committed a
        change that may touch the board: an open view polls it to know when to read again."""
        return self.store.change_token(board_id)

    def card(self, card_id: int) -> Card:
        with self.store.read() as uow:
            return uow.card(card_id)

    def live_cards(self, board_id: int, card_ids: Iterable[int]) -> dict[int, Card]:
        """The board's live cards among ``card_ids``, by id (a deleted or unknown one is left
        out): what an open view reads again after changes made elsewhere."""
        with self.store.read() as uow:
            return {card.id: card for card in uow.live_cards_by_id(board_id, list(card_ids))}

    def people(self, board_id: int) -> list[Person]:
        """The people with a personal WIP limit on the board, by name."""
        with self.store.read() as uow:
            return uow.people(board_id)

    def events(
        self,
        board_id: int,
        since: datetime | None = None,
        kinds: Iterable[EventKind] | None = None,
    ) -> list[Event]:
        """The board's history, oldest first (optionally only from ``since``, only of
        ``kinds``)."""
        with self.store.read() as uow, _bulk():
            return uow.events(board_id, since, kinds)

    def log(
        self, board_id: int, card_id: int | None = None, limit: int | None = None
    ) -> list[Event]:
        """The history of a board, or of one card (any board; refused if unknown), newest
        first, at most ``limit`` events."""
        with self.store.read() as uow:
            if card_id is not None:
                uow.card(card_id)  # refused if unknown
            return uow.latest_events(board_id, card_id, limit)

    def events_since(self, board_id: int, after_id: int, limit: int = 100) -> list[Event]:
        """The board's events written after the event ``after_id``, oldest first, at most
        ``limit``: what an open view has not seen yet (it keeps the last id it read, starting
        from :meth:`last_event_id`)."""
        with self.store.read() as uow:
            return uow.events_after(board_id, after_id, limit)

    def last_event_id(self, board_id: int) -> int:
        """The id of the board's newest event (0: none yet)."""
        with self.store.read() as uow:
            return uow.last_event_id(board_id)

    def wrote(self, event: Event) -> bool:
        """Whether this service wrote ``event`` (a view does not announce its own changes)."""
        return event.id in self.store.written

    def history(
        self,
        board_id: int,
        now: datetime,
        tz: tzinfo,
        events: list[Event] | None = None,
        settled: datetime | None = None,
        started_only: bool = False,
        stays: bool = True,
    ) -> History:
        """Every live card's timeline as of ``now`` (the flow metrics read it), days in ``tz``:
        from each card's stored log when it is the board's history as of ``now``, else from
        ``events`` if given (the board's whole history), else from the event log. With
        ``settled``, the stored logs may leave out the cards settled before it (finished in a
        done column, left alone since) but for their open stays (``History.settled``): for a
        report whose windows all start after it. Without ``stays``, not even those: for a
        report that reads no done column's cards, time per stay or CFD line.
        With ``started_only``, they may leave out the cards never started: for a report that
        counts only started work.

        ``now`` becomes a plain UTC datetime: the metrics subtract times by the thousand, and a
        pendulum ``now`` would make pendulum durations (slower, and not divisible by a
        timedelta)."""
        now = plain_utc(now)
        with self.store.read() as uow, _bulk():
            columns = uow.columns(board_id)
            board = uow.board_fields(board_id)
            business, created = bool(board.business_days), to_utc(board.created_at)
            stored = (
                uow.stored_logs(board_id, columns, now, settled, started_only)
                if events is None
                else None
            )
            if stored is not None:
                kept = () if settled is None or not stays else uow.settled_stays(board_id, settled)
                return history_from_logs(
                    columns,
                    stored.logs,
                    stored.removed,
                    now,
                    tz,
                    stored.first,
                    business,
                    created,
                    settled=kept,
                    quiet=stored.quiet,
                )
        events = self.events(board_id) if events is None else events
        with _bulk():
            return build_history(columns, events, now, tz, business_days=business, created=created)

    def aging_rule(
        self, board: Board, now: datetime, tz: tzinfo, history: History | None = None
    ) -> AgingRule:
        """The aging rule that applies at ``now``: the cycle-time percentiles of the cards
        finished in the last ``WINDOW_DAYS`` days once there are enough of them, else the
        board's fixed thresholds (docs/flow.md, "Aging"). Reads each card's stored start and
        finish (or the history, unless given)."""
        history = history or self._aging_history(board.id, now, tz)
        cycles = cycle_times(history, *history.window(WINDOW_DAYS))
        started = {t.card_id: t.started for t in history.cards if t.started is not None}
        return aging_rule(board, [c.days for c in cycles], started)

    def _aging_history(self, board_id: int, now: datetime, tz: tzinfo) -> History:
        """The timelines the aging rule reads: the starts and finishes of the cards started and
        not finished or finished in its window (a margin of two days for the time zone), as
        stored; else from only the events that can change them: the cards that did something
        in the window and the live cards not done (their starts); a card finished before the
        window and left alone since counts nowhere, and its events are not read."""
        now = plain_utc(now)
        since = now - timedelta(days=WINDOW_DAYS + 2)
        with self.store.read() as uow, _bulk():
            columns = uow.columns(board_id)
            found = uow.stored_starts(board_id, columns, now, since)
            if found is not None:
                return starts_history(
                    columns, found, now, tz, uow.board_fields(board_id).business_days
                )
            keep = [c.id for c in columns if c.kind is not ColumnKind.DONE]
            events = uow.events_of_cards_touched(board_id, since, keep)
        return self.history(board_id, now, tz, events)

    def view(self, board_id: int, now: datetime, tz: tzinfo) -> BoardView:
        """The board at ``now``, aging judged by :meth:`aging_rule`."""
        snapshot = self.snapshot(board_id)
        return build_view(snapshot, now, tz, self.aging_rule(snapshot.board, now, tz))

    def summary(self, board_id: int, now: datetime, tz: tzinfo, standup: bool = False) -> Summary:
        """The board's summary at ``now``, aging judged by :meth:`aging_rule` (so the history
        is read). With ``standup``, what happened since the start of the previous working
        day, and the flow figures."""
        from kanban.domain.summary import STANDUP_KINDS, build_summary, standup_since

        since = to_utc(standup_since(now, tz))
        snapshot = self._summary_snapshot(board_id, since if standup else None)
        # Its windows (the aging rule's, the evidence's and the standup's) start after this: a
        # card settled before it counts in none of them (two days of margin for the time zone),
        # and it reads no done column's stays or CFD band (the evidence names WIP columns).
        # Its figures count started work only (cycle times, ages, WIP, the work-in-progress
        # columns' bands and stays): a card never started counts in none of them either.
        settled = min(plain_utc(now) - timedelta(days=max(WINDOW_DAYS, DEFAULT_DAYS)), since)
        settled -= timedelta(days=2)
        history = self.history(board_id, now, tz, settled=settled, started_only=True, stays=False)
        rule = self.aging_rule(snapshot.board, now, tz, history)
        view = build_view(snapshot, now, tz, rule)
        if not standup:
            return build_summary(view, tz, history=history)
        recent = self.events(board_id, since, STANDUP_KINDS)
        return build_summary(view, tz, recent, standup=True, history=history)
