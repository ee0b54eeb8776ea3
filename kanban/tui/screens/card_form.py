"""The card form, for a new card and for editing one: title, type of work, assignee,
description, class of service and due date. Returns a :class:`CardDraft`, or None when
cancelled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, TextArea

from kanban.domain.models import Card, ClassOfService, WorkType
from kanban.errors import InvalidInput
from kanban.services.validation import clean_title, due_date

SERVICE_CLASSES = [
    ("Standard", ClassOfService.STANDARD),
    ("Expedite", ClassOfService.EXPEDITE),
    ("Fixed date", ClassOfService.FIXED_DATE),
    ("Intangible", ClassOfService.INTANGIBLE),
]


@dataclass(frozen=True, slots=True)
class CardDraft:
    title: str
    type: WorkType = WorkType.BUSINESS
    assignee: str = ""
    description: str = ""
    class_of_service: ClassOfService = ClassOfService.STANDARD
    due_date: date | None = None

    @classmethod
    def of(cls, card: Card) -> CardDraft:
        return cls(
            card.title,
            card.type,
            card.assignee or "",
            card.description,
            card.class_of_service,
            card.due_date,
        )


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
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Type of work")
                    options = [(kind.value.capitalize(), kind) for kind in WorkType]
                    yield Select(options, value=self.draft.type, allow_blank=False, id="type")
                with Vertical():
                    yield Label("Assignee")
                    yield Input(self.draft.assignee, placeholder="nobody", id="assignee")
            yield Label("Description")
            yield TextArea(self.draft.description, id="description")
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Class of service")
                    yield Select(
                        SERVICE_CLASSES,
                        value=self.draft.class_of_service,
                        allow_blank=False,
                        id="class",
                    )
                with Vertical():
                    yield Label("Due date")
                    due = "" if self.draft.due_date is None else self.draft.due_date.isoformat()
                    yield Input(due, placeholder="YYYY-MM-DD (optional)", id="due")
            yield Label("", id="error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        title = self.query_one("#title", Input)
        due = self.query_one("#due", Input)
        field = title
        try:
            clean_title(title.value)
            field = due
            when = due_date(due.value)
        except InvalidInput as error:
            self.query_one("#error", Label).update(str(error))
            self.notify(str(error), severity="error")
            field.focus()
            return
        self.dismiss(
            CardDraft(
                title=title.value,
                type=self.query_one("#type", Select).value,  # type: ignore[arg-type]
                assignee=self.query_one("#assignee", Input).value,
                description=self.query_one("#description", TextArea).text,
                class_of_service=self.query_one("#class", Select).value,  # type: ignore[arg-type]
                due_date=when,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
