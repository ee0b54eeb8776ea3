"""The app: opens the service's board on a :class:`BoardScreen` and holds what every screen
shares (the look, the toasts, the quit key). The board, its keys and its changes live on the
screen (kanban/tui/screens/board.py)."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.notifications import SeverityLevel

from kanban.reports.safe_text import visible
from kanban.services import KanbanService
from kanban.tui.screens.board import BoardScreen

# Objects made between two of the collector's young passes once the board has painted (Python's
# default: 700). A move makes some 15,000 (its lines, their strips and segments): at 700 it ran
# some 17 passes, and every few moves a full one, 15-40 ms in the middle of the move.
YOUNG_OBJECTS = 10_000


class KanbanApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "kanban"

    # Global: quits from the board and from any screen that does not use q itself.
    BINDINGS = [Binding("q", "quit", "Quit", id="quit", tooltip="Quit")]

    def __init__(self, service: KanbanService, board: str | None = None) -> None:
        """Open the board named ``board`` (the first board when None): read here, so a bad name
        is refused before the terminal is taken over."""
        super().__init__()
        self.service = service
        self.board_screen = BoardScreen(service, service.board(board))
        self.title = self.board_screen.state.snapshot.board.name

    def get_default_screen(self) -> BoardScreen:
        return self.board_screen

    def on_board_screen_painted(self) -> None:
        """The process paused the cycle collector while it started (kanban/cli/main.py). The
        board's cards and widgets live as long as the app: frozen out of the collector's full
        passes (which otherwise stall the screen for 100+ ms on a board of thousands), it
        collects again what the app makes from now on, after every :data:`YOUNG_OBJECTS`
        objects rather than 700."""
        if not gc.isenabled():
            gc.freeze()
            _young, *older = gc.get_threshold()
            gc.set_threshold(YOUNG_OBJECTS, *older)
            gc.enable()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast is plain text, whoever raises it and whatever it asks: markup is never
        read (a column named ``[/]`` is shown as typed) and controls are shown visibly."""
        super().notify(
            visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False
        )


def run_tui(service: KanbanService, board: str | None = None) -> int:
    """Open the board (the first one unless ``board`` names another) in the terminal; returns
    the app's exit status (non-zero after an unhandled exception, whose traceback Textual
    prints)."""
    app = KanbanApp(service, board)
    app.run()
    return app.return_code or 0
