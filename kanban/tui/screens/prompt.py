"""A one-line question (a block reason, a WIP limit, a filter).

``answer`` turns the text into the result (makes the change, or parses the filter). When it
refuses (raises :class:`KanbanError`: an empty reason, ``abc`` for a limit, a busy database),
the message is shown under the field and the prompt stays open, focus in the field, for another
try. Escape closes the prompt without an answer: the ``push_screen`` callback is not called.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from kanban.errors import KanbanError
from kanban.reports.safe_text import visible

T = TypeVar("T")


class PromptScreen(ModalScreen[T]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, answer: Callable[[str], T], value: str = "", placeholder: str = ""
    ) -> None:
        """``question`` is plain text (it may hold a column's name): never read as markup."""
        super().__init__()
        self.question = question
        self.answer = answer
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible(self.question), markup=False, classes="dialog-title")
            yield Input(visible(self.value), placeholder=self.placeholder)
            yield Label("", id="error", classes="dialog-error", markup=False)
            yield Label("enter to confirm · escape to cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def submit(self, event: Input.Submitted) -> None:
        try:
            result = self.answer(event.value)
        except KanbanError as error:
            self.query_one("#error", Label).update(visible(str(error)))
            event.input.focus()
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.app.pop_screen()
