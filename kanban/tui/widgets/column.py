"""One column of the board: a header with ``Name count/limit``, its band of the expedite lane
and its other cards.

The lane band is a second :class:`CardList` (class ``lane``), so its cards draw and take every
key like the others. The app gives every column's band the same height, so the bands read as
one lane across the board. Done columns keep their finished expedite cards with the others;
their band stays empty, for the lane's line.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kanban.domain.filter import CardFilter
from kanban.domain.models import Board, Card, Column, ColumnKind, WipStatus
from kanban.domain.wip import passed_by_expedite, split_lane, wip_status
from kanban.tui.widgets.card_list import CARD_HEIGHT, CardList


def header_text(column: Column, count: int, expedite: int = 0) -> str:
    """``Review 3/2 ⚠``: the count against the limit, marked when over it; ``⚡`` when only
    its ``expedite`` cards put it over (they may pass a limit); ``▽ under 2`` below its
    minimum (starving); ``◆`` when the team pinned it as the constraint."""
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
    return f"{column.name} {load}{mark}"


class ColumnHeader(Static):
    """The column's name and load; classes ``-at`` / ``-over`` / ``-expedite`` colour it (see
    app.tcss). With a filter, ``shown`` cards are listed of ``count``: the load stays real."""

    def show(self, column: Column, count: int, expedite: int = 0, shown: int | None = None) -> None:
        status = wip_status(column, count)
        passed = passed_by_expedite(column, count, expedite)
        text = header_text(column, count, expedite)
        if shown is not None:
            text += f" ({shown} shown)"
        self.update(text, layout=False)
        self.set_class(status is WipStatus.AT, "-at")
        self.set_class(status is WipStatus.OVER and not passed, "-over")
        self.set_class(passed, "-expedite")
        self.set_class(status is WipStatus.UNDER, "-under")


class ColumnView(Vertical):
    """A column: given its board, column and cards by the app, it draws them. ``expedite`` is
    how many of its cards are in the lane; ``lane_shown`` how many of them the filter shows."""

    def __init__(self, board: Board, column: Column, now: datetime, tz: tzinfo) -> None:
        super().__init__(id=f"column-{column.id}", classes=f"-{column.kind.value}")
        self.header = ColumnHeader(markup=False)
        done = column.kind is ColumnKind.DONE
        empty = "" if done else "expedite lane"
        self.lane = CardList(board, column, [], now, tz, classes="lane", empty=empty)
        self.lane.can_focus = not done
        self.card_list = CardList(board, column, [], now, tz)
        self.expedite = 0
        self.lane_shown = 0

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.lane
        yield self.card_list

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
        """Make the lane band ``cards`` cards high (the same in every column)."""
        self.lane.styles.height = max(1, cards) * CARD_HEIGHT

    def holding(self, card: Card) -> CardList:
        """The list that shows (or would show) ``card``: the lane or the others."""
        return self.lane if card.expedite and self.lane.can_focus else self.card_list

    def focus_level(self, lane: bool) -> CardList:
        """Focus the lane (``lane``) or the other cards, whichever has cards, preferring the
        one asked for; returns the list focused."""
        first, second = (self.lane, self.card_list) if lane else (self.card_list, self.lane)
        target = next((cl for cl in (first, second) if cl.cards), self.card_list)
        target.focus()
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
        target.focus()
