"""The help screen: every key, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kanban.tui.widgets.card_list import TYPE_MARKS

SIGNS = "\n".join([
    "Signs: ⚠ over its WIP limit · ⚡ over it only by expedite cards",
    "▽ under its minimum · ◆ the constraint, pinned by the team · ⛔ blocked",
    "the red band at the top: the expedite lane · 4d: days in column",
    "age 9d ≥85th: days since the card started, past that percentile",
    "of the cycle times (watch 50th, warning 70th, critical 85th/SLE)",
])


def describe_bindings(app: App, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """``(keys, text)`` rows, keys of one action joined (``"← / h"``); the text is the
    binding's tooltip, else its description."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        keys = rows.setdefault((binding.action, binding.tooltip or binding.description), [])
        keys.append(app.get_key_display(binding))
    return [(" / ".join(keys), description) for (_action, description), keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "dismiss(None)", "Close")]

    def __init__(
        self, rows: list[tuple[str, str]], form_rows: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__()
        self.rows = rows
        self.form_rows = form_rows or []  # listed under "In the card form"

    def compose(self) -> ComposeResult:
        width = max(len(keys) for keys, _ in self.rows + self.form_rows)
        lines = [
            Content.assemble((keys.ljust(width), "bold"), "  ", description)
            for keys, description in self.rows
        ]
        if self.form_rows:
            lines += [Content(), Content.styled("In the card form", "bold")]
            lines += [
                Content.assemble((keys.ljust(width), "bold"), "  ", description)
                for keys, description in self.form_rows
            ]
        marks = "   ".join(f"{mark} {kind.value}" for kind, mark in TYPE_MARKS.items())
        with Vertical(classes="dialog help"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll():
                yield Static(Content("\n").join(lines), id="keys")
            yield Label(f"Types of work: {marks}", classes="dialog-hint")
            yield Label(SIGNS, classes="dialog-hint")
            yield Label("escape to close", classes="dialog-hint")
