"""The help screen: every key, generated from the bindings themselves, and a legend of the
board's signs, one sign a row, wrapped to the dialog's width. The keys scroll; the legend
stays on screen (at 80×24 too)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from kanban.tui.widgets.card_list import TYPE_MARKS

# (sign, what it means): the legend's rows.
SIGNS = [
    ("⚠", "over its WIP limit"),
    ("⚡", "over it only by expedite cards, which may pass it"),
    ("▽ under 2", "fewer cards than its minimum"),
    ("◆", "the constraint, pinned by the team"),
    ("⛔", "blocked, the reason on the card's third line"),
    ("red band", "the expedite lane, shown while it holds a card"),
    ("4d", "days in the column"),
    ("age 9d ≥85th", "days since the card started, at or past that"),
    ("", "percentile of the finished cards' cycle times:"),
    ("", "watch ≥50th, warning ≥70th, critical ≥85th or SLE"),
]


# The aging levels' colours, as the card list draws them (card_list.py's DEFAULT_CSS).
LEVEL_STYLES = {"watch": "$text-primary", "warning": "$warning bold", "critical": "$error bold"}


def legend() -> Content:
    """The signs' rows, the signs in a column of their own."""
    width = max(cell_len(sign) for sign, _ in SIGNS)
    rows = [
        Content.assemble((sign, "bold"), " " * (width - cell_len(sign) + 2), text)
        for sign, text in SIGNS
    ]
    shown = Content("\n").join([Content.styled("Signs", "bold"), *rows])
    for word, style in LEVEL_STYLES.items():  # each level in the colour the cards use
        start = shown.plain.rindex(f"{word} ≥")
        shown = shown.stylize(style, start, start + len(word))
    return shown


def describe_bindings(app: App, bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """``(keys, text)`` rows, keys of one action joined (``"← / h"``); the text is the
    binding's tooltip, else its description."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        keys = rows.setdefault((binding.action, binding.tooltip or binding.description), [])
        keys.append(app.get_key_display(binding))
    return [(" / ".join(keys), description) for (_action, description), keys in rows.items()]


KEYS_ROWS = 30  # at most, on a tall terminal


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
            yield Static(legend(), classes="dialog-hint", id="legend")
            yield Label("escape to close", classes="dialog-hint")

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        """Give the keys the rows the rest of the dialog leaves (they scroll), so the legend
        below them stays on screen."""
        dialog = self.query_one(".help")
        keys = self.query_one(VerticalScroll)
        others = sum(
            child.outer_size.height + child.styles.margin.height
            for child in dialog.children
            if child is not keys
        )
        room = self.size.height - dialog.styles.gutter.height - others
        keys.styles.max_height = max(3, min(KEYS_ROWS, room))
