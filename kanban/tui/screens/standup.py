"""The standup: the text of ``kanban summary --standup``, drawn by the same renderer.

The renderer writes ANSI text, read back here into a rich ``Text`` (never markup): any control
character left in it is shown visibly, so the screen never emits one."""

from __future__ import annotations

import io
from datetime import tzinfo

from rich.console import Console
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from kanban.domain.summary import Summary
from kanban.reports.safe_text import visible_text
from kanban.reports.text import print_summary


def summary_text(summary: Summary, tz: tzinfo, width: int = 100) -> Text:
    """What ``print_summary`` prints, captured with its colours as rich Text."""
    buffer = io.StringIO()
    out = Console(
        file=buffer,
        width=width,
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )
    print_summary(summary, tz, out)
    return visible_text(Text.from_ansi(buffer.getvalue().rstrip("\n")), newlines=True)


class StandupScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,s", "dismiss(None)", "Close", id="standup.close")]

    DEFAULT_CSS = """
    StandupScreen > VerticalScroll { padding: 1 2; }
    """

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="standup"):
            yield Static(self.text, id="standup-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()
