"""The card form, for a new card and for editing one: title, type of work, assignee,
description. Returns a :class:`CardDraft`, or None when cancelled."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from kanban.domain.models import Card, WorkType
from kanban.errors import InvalidInput
from kanban.services.validation import clean_title


@dataclass(frozen=True, slots=True)
class CardDraft:
    title: str
    type: WorkType = WorkType.BUSINESS
    assignee: str = ""
    description: str = ""

    @classmethod
    def of(cls, card: Card) -> CardDraft:
        return cls(card.title, card.type, card.assignee or "", card.description)


class CardForm(ModalScreen[CardDraft | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, heading: str, draft: CardDraft | None = None) -> None:
        super().__init__()
        self.heading = heading
        self.draft = draft or CardDraft("")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.heading, classes="dialog-title")
            yield Label("Title")
            yield Input(self.draft.title, placeholder="What is the work?", id="title")
            yield Label("Type of work")
            options = [(kind.value.capitalize(), kind) for kind in WorkType]
            yield Select(options, value=self.draft.type, allow_blank=False, id="type")
            yield Label("Assignee")
            yield Input(self.draft.assignee, placeholder="nobody", id="assignee")
            yield Label("Description")
            yield TextArea(self.draft.description, id="description")
            yield Label("", id="error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        title = self.query_one("#title", Input)
        try:
            clean_title(title.value)
        except InvalidInput as error:
            self.query_one("#error", Label).update(str(error))
            self.notify(str(error), severity="error")
            title.focus()
            return
        self.dismiss(
            CardDraft(
                title=title.value,
                type=self.query_one("#type", Select).value,  # type: ignore[arg-type]
                assignee=self.query_one("#assignee", Input).value,
                description=self.query_one("#description", TextArea).text,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
