"""One column of the board: a header with ``Name count/limit``, its band of the expedite lane
and its other cards.

The lane band is a second :class:`CardList` (class ``lane``), so its cards draw and take every
key like the others. The app gives every column's band the same height, so the bands read as
one lane across the board, and hides them all while no column shows an expedite card (a band
is mounted the first time it is shown). Done columns keep their finished expedite cards with
the others; their band stays empty, for the lane's line.

A narrow header shortens the column's name, never its load or its sign (``In Pro… 5/3 ⚠``);
a column whose cards do not all fit says how many are below them on its bottom border
(``+3 more``).
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from rich.cells import cell_len
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget

from kanban.domain.filter import CardFilter
from kanban.domain.models import Board, Card, Column, ColumnKind, WipStatus
from kanban.domain.wip import passed_by_expedite, split_lane, wip_status
from kanban.reports.safe_text import visible
from kanban.tui.widgets.card_list import CARD_HEIGHT, CardList


def load_text(column: Column, count: int, expedite: int = 0) -> str:
    """The header after the name (``Review 3/2 ⚠``): the count against the limit, marked when
    over it; ``⚡`` when only its ``expedite`` cards put it over (they may pass a limit);
    ``▽ under 2`` below its minimum (starving); ``◆`` when the team pinned it as the
    constraint."""
    status = wip_status(column, count)
    load = f"{count}/{column.wip_limit}" if column.wip_limit is not None else str(count)
    mark = ""
    if passed_by_expedite(column, count, expedite):
        mark = " ⚡"
    elif status is WipStatus.OVER:
        mark = " ⚠"
    elif status is WipStatus.UNDER:
        mark = f" ▽ under {column.wip_min}"  # starving: fewer than its minimum
    if column.is_constraint:
        mark += " ◆"  # pinned by the team as the constraint
    return f"{load}{mark}"


def fit_header(name: str, load: str, shown: str, width: int) -> str:
    """``name load shown`` in ``width`` cells: the name is cut short first (with ``…``, down
    to one character), then the filter's ``shown`` goes; the load and its sign stay."""
    for extra in (shown, ""):
        room = width - cell_len(f" {load}{extra}")
        if cell_len(name) <= room:
            return f"{name} {load}{extra}"
        if room >= (2 if not extra else 4):  # a cut name: at least 1 (3 with the filter) + …
            short = Content(name).truncate(room - 1).plain.rstrip()
            return f"{short}… {load}{extra}"
    return load


class ColumnHeader(Widget):
    """The column's name and load; classes ``-at`` / ``-over`` / ``-expedite`` colour it (see
    app.tcss). With a filter, ``shown`` cards are listed of ``count``: the load stays real."""

    def __init__(self) -> None:
        super().__init__()
        self.name_text, self.load, self.shown = "", "", ""

    @property
    def full(self) -> str:
        """The header uncut: ``In Progress 5/3 ⚠ (2 shown)``."""
        return f"{self.name_text} {self.load}{self.shown}"

    def render(self) -> Content:
        width = self.content_region.width or cell_len(self.full)
        return Content(fit_header(self.name_text, self.load, self.shown, width))

    def show(self, column: Column, count: int, expedite: int = 0, shown: int | None = None) -> None:
        status = wip_status(column, count)
        passed = passed_by_expedite(column, count, expedite)
        self.name_text = visible(column.name)
        self.load = load_text(column, count, expedite)
        self.shown = "" if shown is None else f" ({shown} shown)"
        self.refresh()
        self.set_class(status is WipStatus.AT, "-at")
        self.set_class(status is WipStatus.OVER and not passed, "-over")
        self.set_class(passed, "-expedite")
        self.set_class(status is WipStatus.UNDER, "-under")


class ColumnPanel(Vertical):
    """A column: given its board, column and cards by the app, it draws them. ``expedite`` is
    how many of its cards are in the lane; ``lane_shown`` how many of them the filter shows."""

    def __init__(self, board: Board, column: Column, now: datetime, tz: tzinfo) -> None:
        super().__init__(id=f"column-{column.id}", classes=f"-{column.kind.value}")
        self.header = ColumnHeader()
        done = column.kind is ColumnKind.DONE
        empty = "" if done else "expedite lane"
        self.lane = CardList(board, column, [], now, tz, classes="lane", empty=empty)
        self.lane.can_focus = not done
        self.lane.display = False  # until some column shows an expedite card (then mounted)
        self.card_list = CardList(board, column, [], now, tz)
        self.expedite = 0
        self.lane_shown = 0

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.card_list  # the lane band joins above it once the lane holds a card

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _mark_focus(self) -> None:
        """Mark the column while it holds its screen's focus (``-focused``: its border and
        header), as the focus is now: its lists' focus and blur arrive in either order. Not by
        ``:focus-within``, for which Textual styles again every node under both columns each
        time the focus moves, the card lists' fourteen component classes each (a quarter of a
        move's time): this styles the column and its header."""
        focused = self.screen.focused
        held = focused is not None and self in focused.ancestors
        if held != self.has_class("-focused"):
            self.set_class(held, "-focused", update=False)
            self.app.stylesheet.update_nodes((self, self.header), animate=True)

    def show(
        self,
        board: Board,
        column: Column,
        cards: list[Card],
        now: datetime,
        card_filter: CardFilter | None = None,
    ) -> None:
        """Draw the column's ``cards``: the expedite ones in the lane band, the others below;
        with a filter, only those it lets through (the header keeps the real count)."""
        lane, others = split_lane(column, cards)
        self.expedite = len(lane)
        shown = None
        if card_filter is not None:
            tz = self.card_list.tz
            lane = card_filter.select(lane, column, self.card_list.rule, now, tz)
            others = card_filter.select(others, column, self.card_list.rule, now, tz)
            shown = len(lane) + len(others)
        self.lane_shown = len(lane)
        self.header.show(column, len(cards), self.expedite, shown)
        self.lane.show(board, column, lane, now)
        self.card_list.show(board, column, others, now)

    def size_lane(self, cards: int) -> None:
        """Make the lane band ``cards`` cards high (the same in every column); no band at all
        for none. The band is mounted the first time it is shown: a board without expedite
        cards never styles its lists (Textual styles each list's fourteen component classes
        on mount, a fifth of the time before the first paint)."""
        if cards > 0 and self.lane.parent is None:
            self.mount(self.lane, before=self.card_list)
        self.lane.display = cards > 0
        self.lane.styles.height = cards * CARD_HEIGHT

    @on(CardList.Below)
    def _more(self, event: CardList.Below) -> None:
        """``+3 more`` on the bottom border while cards are below the visible ones (``+1 in
        lane`` for a lane band too short for its cards)."""
        event.stop()
        parts = []
        if self.lane.display and (lane := self.lane.below):
            parts.append(f"+{lane} in lane")
        if below := self.card_list.below:
            parts.append(f"+{below} more")
        self.border_subtitle = Content(" · ".join(parts)) if parts else None

    def holding(self, card: Card) -> CardList:
        """The list that shows (or would show) ``card``: the lane or the others."""
        return self.lane if card.expedite and self.lane.can_focus else self.card_list

    def focus_level(self, lane: bool) -> CardList:
        """Focus the lane (``lane``) or the other cards, whichever has cards, preferring the
        one asked for; returns the list focused."""
        first, second = (self.lane, self.card_list) if lane else (self.card_list, self.lane)
        target = next((cl for cl in (first, second) if cl.cards), self.card_list)
        target.focus(scroll_visible=False)  # the board scrolls itself (BoardPanel)
        return target

    @on(CardList.Edge)
    def _cross(self, event: CardList.Edge) -> None:
        """``up`` on the first card goes up into the lane; ``down`` on its last card, down out
        of it."""
        event.stop()
        if event.card_list is self.card_list and event.step < 0 and self.lane.cards:
            target, cursor = self.lane, len(self.lane.cards) - 1
        elif event.card_list is self.lane and event.step > 0 and self.card_list.cards:
            target, cursor = self.card_list, 0
        else:
            return
        target.cursor = cursor
        target.focus(scroll_visible=False)  # the board scrolls itself (BoardPanel)
