"""The line above the footer: the focused card in full (on the board its title is cut to the
column's width), with its assignee and why it is blocked; for an empty column, its name and
load in full. A long title wraps onto a second or third line.

User text goes through :func:`visible` into ``Content`` objects: never markup, never a
terminal control.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from kanban.domain.models import Card
from kanban.reports.safe_text import visible
from kanban.tui.widgets.card_list import TYPE_MARKS


def card_detail(card: Card) -> Content:
    """``#31 U Emergency change: fix the thing · Brent · ⛔ waiting for the vendor``."""
    parts: list[str | tuple[str, str]] = [
        (f"#{card.id}", "$text-muted"),
        (f" {TYPE_MARKS[card.type]} ", "bold"),
        (visible(card.title), "bold"),
    ]
    if card.assignee:
        parts += [(" · ", "$text-muted"), visible(card.assignee)]
    if card.blocked:
        parts += [(" · ", "$text-muted"), (f"⛔ {visible(card.blocked_reason or '')}", "$error")]
    return Content.assemble(*parts)


def column_detail(header: str, filtered: bool) -> Content:
    """``In Progress 5/3 ⚠ · no cards`` (``header`` made visible by the caller)."""
    return Content.assemble(
        header, (" · no cards shown" if filtered else " · no cards", "$text-muted")
    )


class DetailBar(Widget):
    """Shows the :func:`card_detail` or :func:`column_detail` the app gives it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content("")

    def show(self, content: Content) -> None:
        if content != self.content:
            before = self._height()
            self.content = content
            # A new layout (the board gives or takes a line) only when the height changes.
            self.refresh(layout=self._height() != before)

    def _height(self) -> int:
        width = self.content_region.width
        # Textual's own widgets pass their styles here; the stub asks for the RulesMap TypedDict.
        return self.content.get_height(self.styles, width) if width else 0  # type: ignore[arg-type]

    def render(self) -> Content:
        return self.content
