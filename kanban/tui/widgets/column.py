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
    """The column's name and load; classes ``-at`` / ``-over`` colour it (see app.tcss)."""

    def show(self, column: Column, count: int) -> None:
        status = wip_status(column, count)
        self.update(header_text(column, count), layout=False)
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

    def show(self, board: Board, column: Column, cards: list[Card], now: datetime) -> None:
        self.header.show(column, len(cards))
        self.card_list.show(board, column, cards, now)
