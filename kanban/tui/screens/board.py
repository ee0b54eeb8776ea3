"""The board screen: the columns, their keys and every change made from them.

Every change goes through :class:`KanbanService` (committed at once, with its event); the
in-memory snapshot is then updated with the changed card rather than reloaded, so a move shows
at once even on a board of thousands of cards. Only undo reloads the whole board, and a change
made elsewhere (another TUI, the CLI): a cheap change check every second says when.

Each change to a card names the version of it the board shows: when someone changed the card
since (before the check noticed), it is refused, a toast says who and what, and the board is
read again. The card form shows what changed and keeps the user's edits for another save.

The keys are the screen's own bindings: while another screen is up (a form, the standup, the
metrics), they are not in its binding chain, so they rest by themselves.

The other screens (the forms, prompts, help, standup, history and metrics) are imported when
first opened: the first paint does not wait for them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import get_current_worker

from kanban.clock import local_tz
from kanban.clock import now as clock_now
from kanban.domain import parsing
from kanban.domain.aging import AgingRule
from kanban.domain.filter import CardFilter, parse_filter
from kanban.domain.models import Board, Card, Column, ColumnKind
from kanban.errors import ConnectionLost, KanbanError, StaleCard
from kanban.services import Breach, CardChange, KanbanService
from kanban.tui.board_state import BoardState, cards_changed
from kanban.tui.change_news import ChangeNews, News
from kanban.tui.widgets.board import BoardPanel
from kanban.tui.widgets.card_list import CardList
from kanban.tui.widgets.column import ColumnPanel
from kanban.tui.widgets.detail_bar import DetailBar, card_detail, column_detail
from kanban.tui.widgets.footer import QuietFooter
from kanban.tui.widgets.top_bar import TopBar

if TYPE_CHECKING:
    from kanban.tui.screens.card_form import CardDraft

T = TypeVar("T")

CARD_ACTIONS = {
    "shift_card",
    "reorder_card",
    "edit_card",
    "block_card",
    "delete_card",
    "card_history",
}

# The description is the footer's short label; the tooltip is what the help screen says.
COLUMN_KEYS: list[BindingType] = [
    Binding(
        "left,h",
        "focus_column(-1)",
        "Previous column",
        show=False,
        id="column.previous",
        tooltip="Focus the previous column",
    ),
    Binding(
        "right,l",
        "focus_column(1)",
        "Next column",
        show=False,
        id="column.next",
        tooltip="Focus the next column",
    ),
]

CHANGE_KEYS: list[BindingType] = [
    Binding(
        "shift+right,L",
        "shift_card(1)",
        "Move right",
        id="card.move_right",
        tooltip="Move the card to the next column",
    ),
    Binding(
        "shift+left,H",
        "shift_card(-1)",
        "Move left",
        id="card.move_left",
        tooltip="Move the card to the previous column",
    ),
    Binding(
        "shift+up,K",
        "reorder_card(-1)",
        "Move up",
        show=False,
        id="card.move_up",
        tooltip="Move the card up within its column",
    ),
    Binding(
        "shift+down,J",
        "reorder_card(1)",
        "Move down",
        show=False,
        id="card.move_down",
        tooltip="Move the card down within its column",
    ),
    Binding("n", "new_card", "New", id="card.new", tooltip="New card in the focused column"),
    Binding("e,enter", "edit_card", "Edit", id="card.edit", tooltip="Edit the card"),
    Binding(
        "b",
        "block_card",
        "Block",
        id="card.block",
        tooltip="Block the card (asks why), or unblock it",
    ),
    Binding("d", "delete_card", "Delete", id="card.delete", tooltip="Delete the card"),
    Binding(
        "i",
        "card_history",
        "History",
        show=False,  # the footer is full at 160 columns; the help screen lists it
        id="card.history",
        tooltip="The card's history: who changed what, and when",
    ),
    Binding(
        "w",
        "set_limit",
        "WIP limit",
        id="column.limit",
        tooltip="Set the focused column's WIP limit (empty for none)",
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        id="board.filter",
        tooltip="Filter the cards: words, #id, @assignee, type:KIND, is:blocked, aging:LEVEL",
    ),
    Binding(
        "escape",
        "clear_filter",
        "Clear filter",
        id="board.clear_filter",
        tooltip="Clear the filter",
    ),
    Binding("s", "standup", "Standup", id="standup", tooltip="The standup summary"),
    Binding("u", "undo", "Undo", id="undo", tooltip="Undo the last change"),
    Binding(
        "m",
        "metrics",
        "Metrics",
        id="metrics",
        tooltip="Flow metrics: charts of the board's history",
    ),
    Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
]

# The footer's keys a narrow terminal hides first (Help and Quit stay; Help lists them all).
FOOTER_DROP = (
    "palette",
    "metrics",
    "standup",
    "set_limit",
    "delete_card",
    "undo",
    "filter",
    "block_card",
    "shift_card(-1)",
    "clear_filter",  # shown only while a filter is on: then it matters
    "edit_card",
    "shift_card(1)",
    "new_card",
)


class BoardScreen(Screen[None]):
    BINDINGS = [*COLUMN_KEYS, *CHANGE_KEYS]
    POLL_SECONDS = 1.0  # how often the board asks whether the database changed elsewhere
    # Focus moving from one list to another repaints those lists and their columns (each
    # widget refreshes itself on focus and blur): not the whole screen, as Screen's does.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    class Painted(Message):
        """The board has painted for the first time (posted once)."""

    def __init__(self, service: KanbanService, board: Board) -> None:
        super().__init__()
        self.service = service
        self.tz = local_tz()
        self.now = clock_now()
        # Read before the snapshot: a change committed in between is then seen by the next poll.
        self.token = service.change_token(board.id)
        self.news = ChangeNews(service, board.id)  # others' changes, told in toasts
        self.state = BoardState(service.snapshot(board.id))
        self.board_view = BoardPanel(id="board")
        self.detail_bar = DetailBar(id="detail-bar")
        self.top_bar = TopBar(id="top-bar")
        board = self.state.snapshot.board
        self.columns = {
            column.id: ColumnPanel(board, column, self.now, self.tz)
            for column in self.state.snapshot.columns
        }
        self.column_id: int | None = next(iter(self.columns), None)
        self.card_list: CardList | None = None  # the focused list: a lane band or the others
        self.filter: CardFilter | None = None
        self.lane_height = 0  # in cards, the same in every column
        self.aging_rule: AgingRule | None = None  # read from the history by a worker
        self.resumed = False  # shown once: the first paint is done (or about to be)
        self.aging_failed = False  # the last read failed (said once; retried on each tick)
        self.stale = False  # the board changed (an undo) but could not be read back yet
        self.lost = False  # the database server is out of reach: each poll tries again

    def compose(self) -> ComposeResult:
        yield self.top_bar
        with self.board_view:
            yield from self.columns.values()
        yield self.detail_bar
        yield QuietFooter(drop=FOOTER_DROP)

    def on_mount(self) -> None:
        self._first_aging_rule()
        self._show_columns(*self.columns)
        if self.column_id is not None:
            self.card_list = self.columns[self.column_id].focus_level(lane=False)
        self.set_interval(60, self._tick)
        self.set_interval(self.POLL_SECONDS, self.poll)

    def _first_aging_rule(self) -> None:
        """The first paint shows the aging flags. The rule is one query of the cards' stored
        starts and finishes (0.04 s at 5,000 cards, 0.1 s at 20,000): read here, before the
        paint, rather than by a worker after it, whose thread shared the interpreter with the
        paint's follow-up work and brought the flags 0.3 s later. Should the read fail, the
        board paints without flags, a toast says why, and each tick tries again."""
        try:
            rule = self.service.aging_rule(self.state.snapshot.board, self.now, self.tz)
        except Exception as error:
            self._aging_rule_failed(error)
            return
        self._set_aging_rule(rule)

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first time only, right after the first paint (Textual paints the screen in its
        own handler of this event, which runs after this one): load what a change needs, off
        screen. Textual would also style the whole screen again first, though it was styled
        as it mounted a moment before (14-19 ms at 160×45): not this first time."""
        if not self.resumed:
            self.resumed = True
            event.refresh_styles = False
            self.call_next(self._prepare_writes)
            self.post_message(self.Painted())

    @work(thread=True, exclusive=True, group="aging-rule")
    def _read_aging_rule(self) -> None:
        """The aging rule again (a new day, a card finished, the board read again): off the
        main thread, the board staying usable meanwhile.

        Whatever stops the read (a busy database) must not take the board down: the flags
        stay as they were, a toast says why, and the next tick tries again."""
        try:
            rule = self.service.aging_rule(self.state.snapshot.board, clock_now(), self.tz)
        except Exception as error:
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._aging_rule_failed, error)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._set_aging_rule, rule)

    @work(thread=True, group="prepare-writes")
    def _prepare_writes(self) -> None:
        """Load what a change needs (reading the board loaded none of it), so that the first
        move is as quick as the next. Should it fail, the first change loads it instead."""
        with contextlib.suppress(Exception):
            self.service.prepare_writes()

    def _aging_rule_failed(self, error: Exception) -> None:
        if (
            not self.aging_failed and not self.lost
        ):  # one toast, not one a minute while the database is busy
            self.aging_failed = True
            # KanbanError messages are written for the user; anything else may hold SQL text
            why = str(error) if isinstance(error, KanbanError) else type(error).__name__
            self.notify(
                f"The aging flags could not be updated ({why}); trying again every minute.",
                severity="warning",
            )

    def _set_aging_rule(self, rule: AgingRule) -> None:
        self.aging_rule, self.aging_failed = rule, False
        for view in self.columns.values():
            view.lane.aging_rule = view.card_list.aging_rule = rule
        if self.filter is not None:  # aging:LEVEL picks its cards by the rule
            self._show_columns(*self.columns)
            return
        for view in self.columns.values():  # the same cards, flagged by the new rule
            view.lane.refresh()
            view.card_list.refresh()

    # ------------------------------------------------------------------ where we are

    @property
    def card(self) -> Card | None:
        """The card under the cursor in the focused list."""
        return self.card_list.current if self.card_list is not None else None

    @on(CardList.Highlighted)
    def _highlighted(self, event: CardList.Highlighted) -> None:
        self.column_id = event.card_list.column.id
        self.card_list = event.card_list
        self._show_detail()
        # After the refresh, to the column that then holds the focus: keys sent in a burst
        # move the focus faster than the messages about it arrive.
        self.board_view.call_after_refresh(self.board_view.show_focused)
        self.refresh_bindings()

    def _show_detail(self) -> None:
        """The focused card in full on the detail bar (its column's header for none)."""
        if (card := self.card) is not None:
            self.detail_bar.show(card_detail(card))
        elif self.column_id is not None:
            header = self.columns[self.column_id].header.full
            self.detail_bar.show(column_detail(header, self.filter is not None))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Whether a key applies now: None dims it (no card, nothing to undo), False hides it
        (clear filter without a filter)."""
        if action in CARD_ACTIONS:
            card = self.card
            if card is None:
                return None
            step = parameters[0] if parameters and isinstance(parameters[0], int) else 0
            if action == "shift_card":
                index = self.state.column_index(card.column_id) + step
                return 0 <= index < len(self.columns) or None
            if action == "reorder_card" and self.card_list is not None:
                return 0 <= self.card_list.cursor + step < len(self.card_list.cards) or None
        if action in ("new_card", "set_limit"):
            return self.column_id is not None or None
        if action == "undo":
            return self.service.can_undo or None
        if action == "clear_filter":
            return self.filter is not None
        return True

    # ------------------------------------------------------------------ applying changes

    def _attempt(self, change: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a service call; a refusal (a bad change, a busy database) becomes an error toast
        and changes nothing: the board stays usable, and the key can be pressed again."""
        try:
            return change(*args, **kwargs)
        except StaleCard as error:
            self._stale(error)
            return None
        except ConnectionLost as error:
            if not self.lost:
                self._connection_lost(error)
            else:
                self.notify(f"Not saved: {error}", severity="error")
            return None
        except KanbanError as error:
            self.notify(str(error), severity="error")
            return None

    def _stale(self, error: StaleCard) -> None:
        """A change made from what the board showed was refused: someone changed the card
        since. Say so, and show the board as it is now (the focus stays on the card)."""
        self.notify(str(error), severity="error")
        if self._reload():
            self._tell_news()  # what else changed, as a poll would have said it

    def _connection_lost(self, error: ConnectionLost) -> None:
        """Said once; each poll then tries again, and says when the server is back."""
        self.lost = True
        self.notify(f"{error}. The connection is lost: retrying every second.", severity="error")

    def _show_columns(self, *column_ids: int) -> None:
        """Redraw these columns (the cards that pass the filter), the lane's height, the top
        bar, the detail bar and the keys."""
        self._draw_columns(*column_ids)
        self._show_detail()
        self.refresh_bindings()

    def _draw_columns(self, *column_ids: int) -> None:
        """Redraw these columns, the lane's height and the top bar (each only if it changed)."""
        board = self.state.snapshot.board
        for column_id in dict.fromkeys(column_ids):
            column = self.state.column(column_id)
            cards = self.state.cards_in(column_id)
            self.columns[column_id].show(board, column, cards, self.now, self.filter)
        views = self.columns.values()
        height = max(view.lane_shown for view in views)
        if height != self.lane_height:
            self.lane_height = height
            for view in views:
                view.size_lane(height)
        lanes = {column_id: view.expedite for column_id, view in self.columns.items()}
        self.top_bar.show(self.state.snapshot, lanes)

    def _place(self, card: Card, breach: Breach | None = None) -> None:
        """Mirror a changed card in memory, redraw its columns and focus it."""
        before = self.state.locate(card.id)
        source = before.column_id if before is not None else card.column_id
        self.state.place(card)
        self._saw_own_change()
        self._draw_columns(source, card.column_id)
        # Focused before the detail bar is drawn: it then shows the moved card once, instead
        # of the card left under the cursor first (a needless repaint of the board's width).
        self._focus_card(card)
        self._show_detail()
        self.refresh_bindings()
        self._finished_changed({source, card.column_id})
        if breach is not None:
            passed = " (an expedite card may pass it)" if breach.expedite else ""
            self.notify(
                f"{breach.column.name} is over its WIP limit: {breach.count}/{breach.limit}"
                + passed,
                severity="warning",
            )

    def _finished_changed(self, columns: set[int]) -> None:
        """Cards left or joined ``columns``: if a done column is among them, the finished cards
        changed, and with them the aging rule."""
        if any(c.kind is ColumnKind.DONE for c in self.state.snapshot.columns if c.id in columns):
            self._read_aging_rule()

    def _focus_card(self, card: Card) -> None:
        """Focus the list (lane or not) that holds ``card``, with the cursor on it."""
        view = self.columns[card.column_id]
        card_list = view.holding(card)
        index = card_list.index_of(card)
        if index is None:  # a moved card may no longer pass the filter
            card_list = view.focus_level(lane=card_list is view.lane)
        else:
            card_list.cursor = index
            card_list.focus(scroll_visible=False)
        self.column_id, self.card_list = card.column_id, card_list

    def _tick(self) -> None:
        """Days in column change at midnight: redraw with the current time."""
        self.now = clock_now()
        if self.stale and self._reload():  # an undo not read back yet: redrawn with it
            return
        self._show_columns(*self.columns)
        self._read_aging_rule()

    def poll(self) -> bool:
        """Every second: when the database changed since the board was read (another
        process wrote to it), read it again. Returns whether it did."""
        try:
            token = self.service.change_token(self.state.board_id)
        except ConnectionLost as error:
            if not self.lost:
                self._connection_lost(error)
            return False
        except KanbanError:
            return False  # a busy or vanished database: the next poll tries again
        if self.lost:  # back: read what changed meanwhile
            self.lost = False
            self.notify("Reconnected to the database.")
        elif token == self.token and not self.stale:
            return False
        news = None if self.stale else self.news.peek()
        if news is None or not self._apply(news, token):
            if not self._reload():
                return False
            news = None  # read again: what changed up to the read, as it was told before
        self._tell_news(news)
        return True

    def _apply(self, news: News, token: tuple[int, ...]) -> bool:
        """Show the changes made elsewhere by reading again only the cards they changed, when
        each changed its own card only (a move, an edit, a new or deleted card: most of a
        team's changes); returns False for any other (the board is then read again). At 50,000
        cards reading the whole board again takes a third of a second."""
        changed = None if news.flood else cards_changed(news.events)
        if not changed:
            return False
        cards = self._attempt(self.service.live_cards, self.state.board_id, changed)
        if cards is None:
            return False
        focus = self._focus_place()
        self.token = token
        columns = self.state.apply(changed, cards)
        self._show_columns(*(c for c in self.columns if c in columns))
        self._finished_changed(columns)
        self._refocus(*focus)
        return True

    def _tell_news(self, news: News | None = None) -> None:
        """A toast for each change someone else made since the last poll (a few, then how
        many more): ``news`` if already read, else read now (nothing when the read fails: the
        next poll tells it)."""
        news = news or self.news.peek()
        if news is None:
            return
        names = {column.id: column.name for column in self.state.snapshot.columns}
        for text in self.news.tell(news, names):
            self.notify(text, markup=False)

    def _saw_own_change(self) -> None:
        """This screen's own change is already shown: move the change token past it, so the
        next poll does not read the board again for it; unless someone else wrote to the board
        since the last read (their commit may have come between ours and the token, which then
        holds both): the next poll reads the board again and tells their change."""
        try:
            token = self.service.change_token(self.state.board_id)
        except KanbanError:
            return  # the next poll reloads: needless, but harmless
        if not self.news.pending():  # read after the token: a later commit moves it on
            self.token = token

    def _reload(self, prefer: int | None = None) -> bool:
        """Read the whole board again and redraw it, keeping the filter and the focus on the
        same card (on its neighbour in its column if it went away). Columns added, removed or
        reordered elsewhere get their panels rebuilt. The card ``prefer`` takes the focus if it
        is there (an undo focuses the card it changed). When the read fails (a toast says why),
        the board is stale and each tick tries again."""
        try:
            token = self.service.change_token(self.state.board_id)
        except KanbanError:
            token = self.token
        snapshot = self._attempt(self.service.snapshot, self.state.board_id)
        self.stale = snapshot is None
        if snapshot is None:
            return False
        self.token = token
        wanted, column_id, cursor, in_lane = self._focus_place()
        self.state = BoardState(snapshot)
        if [c.id for c in snapshot.columns] != list(self.columns):
            self._rebuild_columns()
            if self.column_id not in self.columns:  # removed elsewhere: refocused below
                self.column_id, self.card_list = None, None
        self._show_columns(*self.columns)
        self._read_aging_rule()
        self._refocus(
            [prefer, *wanted] if prefer is not None else wanted, column_id, cursor, in_lane
        )
        return True

    def _focus_place(self) -> tuple[list[int], int | None, int, bool]:
        """Where the focus is, as :meth:`_refocus` takes it back after a read: the focused card
        (none or one), its column, the cursor, and whether in the lane."""
        focused = [self.card.id] if self.card is not None else []
        cursor = self.card_list.cursor if self.card_list is not None else 0
        in_lane = self.card_list is not None and self.card_list.has_class("lane")
        return focused, self.column_id, cursor, in_lane

    def _rebuild_columns(self) -> None:
        """New panels for the board's columns as they now are (kept where a column stays)."""
        board = self.state.snapshot.board
        old = self.columns
        self.columns = {
            column.id: old.get(column.id) or ColumnPanel(board, column, self.now, self.tz)
            for column in self.state.snapshot.columns
        }
        for column_id, panel in old.items():
            if column_id not in self.columns:
                panel.remove()
        panels = list(self.columns.values())
        for index, panel in enumerate(panels):
            if panel.parent is None:
                before = next((p for p in panels[index + 1 :] if p.parent is not None), None)
                self.board_view.mount(panel, before=before)
            elif index > 0:
                self.board_view.move_child(panel, after=panels[index - 1])
        self.lane_height = -1  # every lane band sized again
        for panel in panels:
            panel.lane.aging_rule = panel.card_list.aging_rule = self.aging_rule
        self.board_view.fit_columns()

    def _refocus(self, wanted: list[int], column_id: int | None, cursor: int, lane: bool) -> None:
        """The focus after a reload: the first of the ``wanted`` cards that exists, else the
        card now at the focused card's place in its column, else the first column."""
        card = next(filter(None, map(self.state.locate, wanted)), None)
        if card is not None:
            self._focus_card(card)
            return
        if column_id not in self.columns:
            column_id = next(iter(self.columns), None)
        self.column_id = column_id
        if column_id is None:
            self.card_list = None
            return
        self.card_list = self.columns[column_id].focus_level(lane=lane)
        self.card_list.cursor = cursor

    # ------------------------------------------------------------------ actions

    def action_focus_column(self, step: int) -> None:
        ids = list(self.columns)
        if self.column_id is None:
            return
        index = max(0, min(ids.index(self.column_id) + step, len(ids) - 1))
        view = self.columns[ids[index]]
        in_lane = self.card_list is not None and self.card_list.has_class("lane")
        self.column_id, self.card_list = ids[index], view.focus_level(lane=in_lane)

    def action_shift_card(self, step: int) -> None:
        columns = self.state.snapshot.columns
        if card := self.card:
            # The neighbour is known here: one move_card transaction instead of shift_card's three.
            index = self.state.column_index(card.column_id) + step
            if 0 <= index < len(columns):
                move = partial(self.service.move_card, expected_version=card.version)
                change = self._attempt(move, card.id, columns[index].id)
                if change is not None:
                    self._place(change.card, change.breach)

    def action_reorder_card(self, step: int) -> None:
        """Swap the card with its neighbour as shown (in the lane, or past the filter)."""
        card_list = self.card_list
        if card_list is None or (card := card_list.current) is None:
            return
        index = card_list.cursor + step
        if 0 <= index < len(card_list.cards):
            neighbour = card_list.cards[index].position
            move = partial(self.service.move_card, expected_version=card.version)
            change = self._attempt(move, card.id, card.column_id, neighbour)
            if change is not None:
                self._place(change.card, change.breach)

    def action_new_card(self) -> None:
        from kanban.tui.screens.card_form import CardForm

        if self.column_id is None:
            return
        column = self.state.column(self.column_id)

        def create(draft: CardDraft) -> CardChange:
            return self.service.add_card(
                self.state.board_id,
                draft.title,
                column=column.id,
                type=draft.type,
                assignee=draft.assignee,
                description=draft.description,
                class_of_service=draft.class_of_service,
                due_date=draft.due_date,
            )

        def created(change: CardChange | None) -> None:
            if change is not None:
                self._place(change.card, change.breach)

        self.app.push_screen(CardForm(f"New card in {column.name}", create), created)

    def action_edit_card(self) -> None:
        from kanban.tui.screens.card_form import CardDraft, CardForm

        if (card := self.card) is None:
            return

        base = card  # the card as the form's fields started (a newer one after a refusal)

        def save(draft: CardDraft) -> Card:
            # Only the fields the user changed: a field left as it was is not re-validated
            # (text stored before today's checks stays as it is) nor written again.
            was = CardDraft.of(base)
            changed = {
                field: getattr(draft, field)
                for field in CardDraft.__slots__
                if getattr(draft, field) != getattr(was, field)
            }
            return self.service.edit_card(card.id, expected_version=base.version, **changed)

        def reread() -> CardDraft:
            """Refused as stale: the card as it is now becomes the form's base."""
            nonlocal base
            base = self.service.card(card.id)
            self._reload()
            return CardDraft.of(base)

        form = CardForm(f"Edit #{card.id}", save, CardDraft.of(card), reread)
        self.app.push_screen(form, self._placed)

    def _placed(self, card: Card | None) -> None:
        """A dialog's result: the changed card (None when it changed nothing)."""
        if card is not None:
            self._place(card)

    def action_block_card(self) -> None:
        from kanban.tui.screens.prompt import PromptScreen

        if (card := self.card) is None:
            return
        if card.blocked:
            unblock = self.service.unblock_card
            if unblocked := self._attempt(unblock, card.id, expected_version=card.version):
                self._place(unblocked)
            return

        def block(reason: str) -> Card | None:  # refuses an empty reason: the prompt stays
            try:
                return self.service.block_card(card.id, reason, expected_version=card.version)
            except StaleCard as error:  # the prompt closes on the board as it is now
                self._stale(error)
                return None

        question = f"Why is #{card.id} blocked?"
        self.app.push_screen(PromptScreen(question, block, placeholder="reason"), self._placed)

    def action_delete_card(self) -> None:
        from kanban.tui.screens.confirm import ConfirmScreen

        if (card := self.card) is None:
            return

        def delete(yes: bool | None) -> None:
            delete_card = partial(self.service.delete_card, expected_version=card.version)
            if yes and self._attempt(delete_card, card.id):
                self.state.remove(card.id)
                self._saw_own_change()
                self._show_columns(card.column_id)
                self._read_aging_rule()
                if self.card_list is not None and not self.card_list.cards:
                    view = self.columns[card.column_id]  # emptied: the column's other list
                    self.card_list = view.focus_level(lane=self.card_list is view.lane)

        self.app.push_screen(ConfirmScreen(f"Delete #{card.id} {card.title}?"), delete)

    def action_set_limit(self) -> None:
        from kanban.tui.screens.prompt import PromptScreen

        if self.column_id is None:
            return
        column = self.state.column(self.column_id)

        def limited(changed: Column | None) -> None:
            if changed is not None:
                self.state.set_column(changed)
                self._saw_own_change()
                self._show_columns(changed.id)

        def set_limit(text: str) -> Column:  # refuses "abc", -1
            return self.service.set_column_limit(column.id, parsing.limit(text))

        current = "" if column.wip_limit is None else str(column.wip_limit)
        question = f"WIP limit for {column.name}: a whole number, or empty for no limit"
        prompt = PromptScreen(question, set_limit, current, placeholder="none")
        self.app.push_screen(prompt, limited)

    def action_undo(self) -> None:
        undone = self._attempt(self.service.undo)
        if undone is not None:
            self.notify(f"Undone: {undone.label}")
            self._reload(prefer=undone.card_id)

    def action_filter(self) -> None:
        from kanban.tui.screens.prompt import PromptScreen

        current = self.filter.query if self.filter else ""
        hint = "words, #id, @assignee, type:unplanned, is:blocked, aging:warning"
        prompt = PromptScreen("Filter the cards", parse_filter, current, placeholder=hint)
        self.app.push_screen(prompt, self._refilter)

    def action_clear_filter(self) -> None:
        self._refilter(None)

    def _refilter(self, chosen: CardFilter | None) -> None:
        """Show the cards ``chosen`` lets through, keeping the focused card if it is shown."""
        focused = self.card
        self.filter = chosen
        self._show_columns(*self.columns)
        if focused is not None:
            self._focus_card(focused)

    def action_standup(self) -> None:
        from kanban.tui.screens.standup import StandupScreen, summary_text

        read = self.service.summary
        summary = self._attempt(read, self.state.board_id, clock_now(), self.tz, standup=True)
        if summary is not None:
            self.app.push_screen(StandupScreen(summary_text(summary, self.tz)))

    def action_card_history(self) -> None:
        from kanban.tui.screens.history import HistoryScreen

        if (card := self.card) is None:
            return
        events = self._attempt(self.service.log, self.state.board_id, card.id)
        if events is not None:
            names = {column.id: column.name for column in self.state.snapshot.columns}
            self.app.push_screen(HistoryScreen(card, events, names, self.tz))

    def action_metrics(self) -> None:
        # Imported when first asked for: its charts' library is not needed for the first paint.
        from kanban.tui.screens.metrics import MetricsScreen

        metrics = MetricsScreen(self.service, self.state.board_id, clock_now(), self.tz)
        self.app.push_screen(metrics)

    def action_help(self) -> None:
        """Every key: the columns', the focused list's, the changes', then the app's."""
        from kanban.tui.screens.card_form import CardForm
        from kanban.tui.screens.help import HelpScreen, describe_bindings

        keys = [*COLUMN_KEYS, *CardList.BINDINGS, *CHANGE_KEYS, *self.app.BINDINGS]
        form = describe_bindings(self.app, CardForm.BINDINGS)
        self.app.push_screen(HelpScreen(describe_bindings(self.app, keys), form))
