"""The card form, for a new card and for editing one: title, type of work, assignee,
description, class of service and due date.

Saving hands a :class:`CardDraft` to ``save`` (which adds or edits the card) and returns its
result. A refusal (a bad field, a busy database) is shown under the form, which stays open with
what was typed, for another try. Escape closes the form without an answer: the ``push_screen``
callback is not called.

An edit refused because someone changed the card since the form opened (:class:`StaleCard`)
reads the card again (``reread``): the form says which fields changed, shows their new values
where the user had not edited them, keeps the user's edits, and the next save applies those.

The fields show the card's text through ``visible`` (an escape sequence in a title would
otherwise reach the terminal from the field); a field left as shown saves the card's own text
unchanged (:func:`kept`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Select, TextArea

from kanban.domain import parsing
from kanban.domain.changes import FIELD_NAMES, SOMEONE
from kanban.domain.models import Card, ClassOfService, WorkType
from kanban.domain.validation import clean_title
from kanban.errors import InvalidInput, KanbanError, StaleCard
from kanban.reports.safe_text import visible

T = TypeVar("T")

SERVICE_CLASSES = [
    ("Standard", ClassOfService.STANDARD),
    ("Expedite", ClassOfService.EXPEDITE),
    ("Fixed date", ClassOfService.FIXED_DATE),
    ("Intangible", ClassOfService.INTANGIBLE),
]


def kept(typed: str, original: str) -> str:
    """What a field holds for saving: the ``original`` text when the field still shows it
    (through ``visible``), else what was typed."""
    shown = (original, visible(original), visible(original, newlines=True))
    return original if typed in shown else typed


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


def _shown(value: object) -> str:
    """A field's value in the "what changed" line: quoted text (shortened), ``none``."""
    if value in (None, ""):
        return "none"
    if isinstance(value, str) and not isinstance(value, WorkType | ClassOfService):
        text = " ".join(value.split())
        return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"
    return str(value)


class CardForm(ModalScreen[T]):
    # The description is the footer's label; the tooltip is what the help screen says.
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the card (enter in a one-line field too)"),
        Binding("escape", "cancel", "Cancel", tooltip="Close the form without saving"),
    ]

    def __init__(
        self,
        heading: str,
        save: Callable[[CardDraft], T],
        draft: CardDraft | None = None,
        reread: Callable[[], CardDraft] | None = None,
    ) -> None:
        """``heading`` is plain text (it may hold a column's name): never read as markup.
        ``reread`` gives the card as it is now, after a save refused as stale."""
        super().__init__()
        self.heading = heading
        self.save = save
        self.draft = draft or CardDraft("")
        self.reread = reread

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(visible(self.heading), markup=False, classes="dialog-title")
            yield Label("Title")
            yield Input(visible(self.draft.title), placeholder="What is the work?", id="title")
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-field -left"):
                    yield Label("Type of work")
                    options = [(kind.value.capitalize(), kind) for kind in WorkType]
                    yield Select(options, value=self.draft.type, allow_blank=False, id="type")
                with Vertical(classes="form-field"):
                    yield Label("Assignee")
                    yield Input(visible(self.draft.assignee), placeholder="nobody", id="assignee")
            yield Label("Description")
            yield TextArea(visible(self.draft.description, newlines=True), id="description")
            with Horizontal(classes="form-row"):
                with Vertical(classes="form-field -left"):
                    yield Label("Class of service")
                    yield Select(
                        SERVICE_CLASSES,
                        value=self.draft.class_of_service,
                        allow_blank=False,
                        id="class",
                    )
                with Vertical(classes="form-field"):
                    yield Label("Due date")
                    due = "" if self.draft.due_date is None else self.draft.due_date.isoformat()
                    yield Input(due, placeholder="YYYY-MM-DD (optional)", id="due")
            yield Label("", id="error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        title = self.query_one("#title", Input)
        due = self.query_one("#due", Input)
        field = title
        try:
            clean_title(title.value)
            field = due
            when = parsing.due_date(due.value)
        except InvalidInput as error:
            self._refused(error)
            field.focus()
            return
        was = self.draft
        draft = CardDraft(
            title=kept(title.value, was.title),
            type=self.query_one("#type", Select).value,  # type: ignore[arg-type]
            assignee=kept(self.query_one("#assignee", Input).value, was.assignee),
            description=kept(self.query_one("#description", TextArea).text, was.description),
            class_of_service=self.query_one("#class", Select).value,  # type: ignore[arg-type]
            due_date=when,
        )
        try:
            result = self.save(draft)
        except StaleCard as error:
            self._rebase(error, draft)
            return
        except KanbanError as error:
            self._refused(error)  # the focus stays where it was: ctrl+s tries again
            return
        self.dismiss(result)

    def _refused(self, error: KanbanError) -> None:
        self.query_one("#error", Label).update(visible(str(error)))
        self.notify(visible(str(error)), severity="error", markup=False)

    def _rebase(self, error: StaleCard, typed: CardDraft) -> None:
        """Someone changed the card since the form opened: the card as it is now becomes the
        base, the fields the user left as they were show its values, the user's edits stay,
        and the form says what changed (the next save applies the user's edits to it)."""
        self._refused(error)
        if self.reread is None:
            return
        try:
            fresh = self.reread()
        except KanbanError as failure:  # deleted meanwhile, a busy database
            self._refused(failure)
            return
        was, self.draft = self.draft, fresh
        for field in CardDraft.__slots__:
            if getattr(typed, field) == getattr(was, field):  # not edited: the new value
                self._show(field, getattr(fresh, field))
        changes = ", ".join(
            f"{FIELD_NAMES[field]} {_shown(getattr(was, field))} → {_shown(getattr(fresh, field))}"
            for field in CardDraft.__slots__
            if getattr(was, field) != getattr(fresh, field)
        )
        said = f"Changed by {error.author or SOMEONE} since you opened it"
        said += f": {changes}." if changes else " (none of these fields)."
        self.query_one("#error", Label).update(visible(f"{said} Save again to apply your edits."))

    def _show(self, field: str, value: object) -> None:
        """Put a card's value in its field, as the form shows it when it opens."""
        if field in ("type", "class_of_service"):
            widget = "#type" if field == "type" else "#class"
            self.query_one(widget, Select).value = value
        elif field == "description":
            self.query_one("#description", TextArea).text = visible(str(value), newlines=True)
        elif field == "due_date":
            self.query_one("#due", Input).value = "" if value is None else str(value)
        else:
            self.query_one(f"#{field}", Input).value = visible(str(value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.app.pop_screen()
