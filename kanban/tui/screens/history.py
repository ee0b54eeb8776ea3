"""A card's history: every change made to it, newest first, each as ``kanban log ID`` prints
it (when in local time, who, what, from → to, the reason or what changed)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kanban.domain.models import Card, Event
from kanban.reports.log import log_line
from kanban.reports.safe_text import visible


class HistoryScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,i", "dismiss(None)", "Close", id="history.close")]

    def __init__(
        self, card: Card, events: list[Event], names: Mapping[int, str], tz: tzinfo
    ) -> None:
        """``events``: the card's, newest first; ``names``: the board's columns by id."""
        super().__init__()
        self.card = card
        self.lines = [log_line(event, names, tz) for event in events] or ["no changes yet"]

    def compose(self) -> ComposeResult:
        title = visible(f"History of #{self.card.id} {self.card.title}")
        with Vertical(classes="dialog history"):
            yield Label(title, markup=False, classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n").join(map(Content, self.lines)), id="history-lines")
            yield Label("newest first · escape to close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
