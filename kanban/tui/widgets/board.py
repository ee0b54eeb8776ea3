"""The columns side by side: they share the board's width, but none is narrower than
:data:`MIN_COLUMN_WIDTH`. When they cannot all fit at that width (a narrow terminal, a wide
board), as many as fit share the width and the board scrolls sideways to the focused one.
"""

from __future__ import annotations

from textual import events
from textual.containers import Horizontal

MIN_COLUMN_WIDTH = 22  # cells, borders included: enough for "#12 B " and a few words


class BoardPanel(Horizontal):
    """Lays out its columns at equal widths, scrolling when they do not all fit (a plain
    container, not a ScrollableContainer: its arrow keys would shadow the board's)."""

    DEFAULT_CSS = """
    BoardPanel {
        height: 1fr;
        overflow-x: auto;
        overflow-y: hidden;
        scrollbar-size-horizontal: 0;
    }
    """

    def _on_resize(self, event: events.Resize) -> None:
        self.fit_columns()
        self.call_after_refresh(self.show_focused)

    def show_focused(self) -> None:
        """Scroll the column holding the focus into view."""
        focused = self.screen.focused
        if focused is None:
            return
        for column in self.children:
            if column in focused.ancestors_with_self:
                self.scroll_to_widget(column, animate=False)

    def fit_columns(self) -> None:
        columns = list(self.children)
        width = self.size.width
        if not columns or not width:
            return
        fit = max(1, min(len(columns), width // MIN_COLUMN_WIDTH))
        base, extra = divmod(width, fit)
        if fit < len(columns):
            extra = 0  # scrolling: every column the same width, so they line up
        for index, column in enumerate(columns):
            column.styles.width = base + (index < extra)
