"""One column of the board: a header with ``Name count/limit`` and its card list."""

from __future__ import annotations

from datetime import datetime, tzinfo

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from kanban.domain.models import Board, Card, Column, WipStatus
from kanban.domain.wip import wip_status
from kanban.tui.widgets.card_list import CardList


def header_text(column: Column, count: int) -> str:
    """``Review 3/2 ⚠``: the count against the limit, marked when over it."""
    status = wip_status(column, count)
    load = f"{count}/{column.wip_limit}" if column.wip_limit is not None else str(count)
    mark = " ⚠" if status is WipStatus.OVER else ""
    return f"{column.name} {load}{mark}"


class ColumnHeader(Static):
    """The column's name and load; classes ``-at`` / ``-over`` colour it (see app.tcss).
    With a filter, ``shown`` cards are listed of ``count``: the load stays the real one."""

    def show(self, column: Column, count: int, shown: int | None = None) -> None:
        status = wip_status(column, count)
        text = header_text(column, count)
        if shown is not None:
            text += f" ({shown} shown)"
        self.update(text, layout=False)
        self.set_class(status is WipStatus.AT, "-at")
        self.set_class(status is WipStatus.OVER, "-over")


class ColumnView(Vertical):
    """A column: given its board, column and cards by the app, it draws them."""

    def __init__(
        self, board: Board, column: Column, cards: list[Card], now: datetime, tz: tzinfo
    ) -> None:
        super().__init__(id=f"column-{column.id}", classes=f"-{column.kind.value}")
        self.header = ColumnHeader(markup=False)
        self.card_list = CardList(board, column, cards, now, tz)

    def compose(self) -> ComposeResult:
        yield self.header
        yield self.card_list

    def on_mount(self) -> None:
        self.header.show(self.card_list.column, len(self.card_list.cards))

    def show(
        self,
        board: Board,
        column: Column,
        cards: list[Card],
        now: datetime,
        count: int | None = None,
    ) -> None:
        """Draw ``cards``; with a filter, ``cards`` are those it lets through and ``count`` is
        the column's real number of cards (the header then says how many are shown)."""
        if count is None:
            self.header.show(column, len(cards))
        else:
            self.header.show(column, count, shown=len(cards))
        self.card_list.show(board, column, cards, now)
