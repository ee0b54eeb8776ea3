"""The cards of one column, drawn with the Line API: only the visible lines are rendered.

Each card takes :data:`CARD_HEIGHT` lines (id, type and title; assignee, days in column, age
and due date; a blank separator, or a blocked card's reason), so the list's virtual height is
``cards * 3`` and a column of 20,000 cards costs no more to paint than one of 20. Days and
aging are computed only for the cards being drawn. User text (titles, assignees, reasons)
goes through :func:`~kanban.reports.safe_text.visible` into ``Text`` objects: never markup,
never a terminal control.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta, tzinfo

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kanban.domain.aging import PERCENT_OF, AgingRule
from kanban.domain.board_view import CardView, view_card
from kanban.domain.models import Aging, Board, Card, Column, WorkType
from kanban.reports.safe_text import visible

CARD_HEIGHT = 3

TYPE_MARKS = {
    WorkType.BUSINESS: "B",
    WorkType.INTERNAL: "I",
    WorkType.CHANGE: "C",
    WorkType.UNPLANNED: "U",
}


MAX_LINES = 2048  # drawn lines kept per list (a few screens' worth)


def shown_fields(card: Card) -> tuple[object, ...]:
    """What a card's lines are drawn from (not its place in the column: a card moved up or
    down looks the same)."""
    return (
        card.id,
        card.title,
        card.type,
        card.created_at,
        card.entered_at,
        card.assignee,
        card.blocked_reason,
        card.blocked_at,
        card.class_of_service,
        card.due_date,
    )


class CardList(ScrollView, can_focus=True, inherit_bindings=False):
    """A column's cards with a cursor. Posts :class:`Highlighted` when the cursor moves."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Previous card", show=False, id="card.previous"),
        Binding("down,j", "cursor(1)", "Next card", show=False, id="card.next"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="card.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="card.page_down"),
        Binding("home", "first", "First card", show=False, id="card.first"),
        Binding("end", "last", "Last card", show=False, id="card.last"),
    ]

    COMPONENT_CLASSES = {
        "card-list--cursor",
        "card-list--id",
        "card-list--meta",
        "card-list--blocked",
        "card-list--aging-watch",
        "card-list--aging-warning",
        "card-list--aging-critical",
        "card-list--empty",
        "card-list--due-soon",
        "card-list--due-past",
        *(f"card-list--type-{kind.value}" for kind in WorkType),
    }

    DEFAULT_CSS = """
    CardList {
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-visibility: hidden;
        /* no width: Textual then leaves the hidden bar unstyled (restyling it for the list's
           focus laid the whole screen out again) */
        scrollbar-size-vertical: 0;
        height: 1fr;
        & > .card-list--cursor { background: $block-cursor-blurred-background; }
        & > .card-list--id { color: $text-muted; }
        & > .card-list--meta { color: $text-muted; }
        & > .card-list--blocked { color: $error; text-style: bold; }
        & > .card-list--aging-watch { color: $text-primary; }
        & > .card-list--aging-warning { color: $warning; text-style: bold; }
        & > .card-list--aging-critical { color: $error; text-style: bold; }
        & > .card-list--empty { color: $text-disabled; text-style: italic dim; }
        & > .card-list--due-soon { color: $warning; text-style: bold; }
        & > .card-list--due-past { color: $error; text-style: bold; }
        & > .card-list--type-business { color: $primary; text-style: bold; }
        & > .card-list--type-internal { color: $secondary; text-style: bold; }
        & > .card-list--type-change { color: $accent; text-style: bold; }
        & > .card-list--type-unplanned { color: $error; text-style: bold reverse; }
    }
    """

    class Highlighted(Message):
        """The cursor moved, or the list was focused."""

        def __init__(self, card_list: CardList, card: Card | None) -> None:
            super().__init__()
            self.card_list = card_list
            self.card = card

        @property
        def control(self) -> CardList:
            return self.card_list

    class Edge(Message):
        """The cursor was asked past the first card (``step`` -1) or the last (+1)."""

        def __init__(self, card_list: CardList, step: int) -> None:
            super().__init__()
            self.card_list = card_list
            self.step = step

        @property
        def control(self) -> CardList:
            return self.card_list

    class Below(Message):
        """How many cards are below the visible ones changed (scrolled, resized, redrawn)."""

        def __init__(self, card_list: CardList, count: int) -> None:
            super().__init__()
            self.card_list = card_list
            self.count = count

        @property
        def control(self) -> CardList:
            return self.card_list

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    def __init__(
        self,
        board: Board,
        column: Column,
        cards: list[Card],
        now: datetime,
        tz: tzinfo,
        *,
        id: str | None = None,
        classes: str | None = None,
        empty: str = "no cards",
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.empty = empty  # what an empty list says
        self.board = board
        # Set by the app once the history is read; until then no card is flagged (rather
        # than flagged by a rule that may not be the board's).
        self.aging_rule: AgingRule | None = None
        self.column = column
        self.cards = cards
        self.now = now
        self.tz = tz
        self._base_style: Style | None = None
        # Drawn lines by what they show (see shown_fields), while _context holds: a redraw
        # after a move draws anew only the lines of cards it has not drawn yet.
        self._drawn: dict[tuple[object, ...], Strip] = {}
        self._drawn_for: tuple[object, ...] = ()
        self._drawn_rule: AgingRule | None = None
        self._below = 0  # as last posted
        self._sync_size()

    # ------------------------------------------------------------------ data in

    def show(self, board: Board, column: Column, cards: list[Card], now: datetime) -> None:
        """Take the column's (possibly changed) cards and redraw."""
        self.board, self.column, self.cards, self.now = board, column, cards, now
        self._sync_size()
        # Set without the watcher: only the user's own moves post Highlighted.
        self.set_reactive(CardList.cursor, self.validate_cursor(self.cursor))
        self.refresh()
        self._post_below()

    def _sync_size(self) -> None:
        """The scrollable height: the cards'. Setting ``virtual_size`` lays the whole screen
        out again (a fifth of a move's time): needed only when the list starts or stops
        scrolling. Otherwise its height is its column's, and what changes is its range: the
        offset kept within it (the last cards still shown after one below them left). A list
        with no height (a hidden lane, one not laid out yet) gets its size from the layout
        that shows it. Its scroll bar is hidden: the bar's range is not drawn."""
        size, height = Size(0, len(self.cards) * CARD_HEIGHT), self.size.height
        if height and (self.virtual_size.height > height) != (size.height > height):
            self.virtual_size = size
            return
        self.set_reactive(CardList.virtual_size, size)
        if self.scroll_y > self.max_scroll_y:
            self.scroll_target_y = self.scroll_y = self.max_scroll_y

    @property
    def below(self) -> int:
        """How many cards start below the visible lines (0 until the list is laid out)."""
        if not self.size.height:
            return 0
        shown = -(-(self.scroll_offset.y + self.size.height) // CARD_HEIGHT)  # rounded up
        return max(0, len(self.cards) - shown)

    def _post_below(self) -> None:
        if (below := self.below) != self._below:
            self._below = below
            self.post_message(self.Below(self, below))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._post_below()

    def _on_resize(self, event: events.Resize) -> None:
        self._post_below()

    @property
    def rule(self) -> AgingRule:
        """The aging rule the cards are judged by (the board's fixed one until the app sets
        the one read from the history)."""
        return self.aging_rule or AgingRule.fixed(self.board)

    @property
    def current(self) -> Card | None:
        """The card under the cursor, if any."""
        if 0 <= self.cursor < len(self.cards):
            return self.cards[self.cursor]
        return None

    def index_of(self, card: Card) -> int | None:
        """Where ``card`` is in the list (None if not shown): the cards are in column order,
        so a binary search on the position finds it."""
        index = bisect_left(self.cards, card.position, key=lambda c: c.position)
        if index < len(self.cards) and self.cards[index].id == card.id:
            return index
        return None

    # ------------------------------------------------------------------ cursor

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.cards) - 1))

    def watch_cursor(self, old: int, cursor: int) -> None:
        self.refresh_lines(old * CARD_HEIGHT, CARD_HEIGHT)
        self.refresh_lines(cursor * CARD_HEIGHT, CARD_HEIGHT)
        self.scroll_to_region(
            Region(0, cursor * CARD_HEIGHT, 1, CARD_HEIGHT), animate=False, immediate=True
        )
        self.post_message(self.Highlighted(self, self.current))

    def action_cursor(self, step: int) -> None:
        if 0 <= self.cursor + step < len(self.cards):
            self.cursor += step
        else:
            self.post_message(self.Edge(self, step))

    def action_page(self, step: int) -> None:
        self.cursor += step * max(1, self.size.height // CARD_HEIGHT)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.cards) - 1

    def watch_has_focus(self, _has_focus: bool) -> None:
        """Not styled again as it gains or loses the focus, as Textual does each widget: no
        rule of a card list's depends on its focus (its cursor is drawn while it has it), and
        styling its fourteen component classes again took a sixth of a move's time."""

    def _on_focus(self, event: events.Focus) -> None:
        self.refresh()
        self.post_message(self.Highlighted(self, self.current))

    def _on_blur(self, event: events.Blur) -> None:
        self.refresh()

    async def _on_click(self, event: events.Click) -> None:
        index = (event.y + self.scroll_offset.y) // CARD_HEIGHT
        if index < len(self.cards):
            self.cursor = index
        self.focus()

    # ------------------------------------------------------------------ drawing

    def render_lines(self, crop: Region) -> list[Strip]:
        # The base style costs more than a line to compute: once per batch of lines.
        self._base_style = self.rich_style
        # The drawn lines stay good while nothing they are drawn from changes but the cards.
        context = (
            self.size.width,
            self.now,
            self.tz,
            self.board,
            self.column,
            self._base_style,
            *(
                self.get_component_rich_style(name, default=Style.null())  # null: not styled yet
                for name in sorted(self.COMPONENT_CLASSES)
            ),
        )
        if context != self._drawn_for or self.aging_rule is not self._drawn_rule:
            self._drawn_for, self._drawn_rule = context, self.aging_rule
            self._drawn.clear()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index, row = divmod(y + self.scroll_offset.y, CARD_HEIGHT)
        style = self._base_style or self.rich_style
        if not self.cards and y == 0 and self.empty:
            # a span, not the Text's own style, which Text.render drops from unspanned text
            text = Text.assemble((self.empty, self._style("empty")), end="")
            return self._strip(text, width, style)
        if index >= len(self.cards):
            return Strip.blank(width, style)
        card = self.cards[index]
        if row == 2 and not card.blocked:  # the separator
            return Strip.blank(width, style)
        cursor = index == self.cursor and self.has_focus
        key = (row, cursor, *shown_fields(card))
        if (strip := self._drawn.get(key)) is not None:
            return strip
        if cursor:
            style = self.get_component_rich_style("card-list--cursor")
        if row == 0:
            text = self._title_line(card)
        elif row == 1:
            text = self._detail_line(card)
        else:  # a blocked card's reason takes the separator line: it is never cut short
            reason = visible(card.blocked_reason or "")
            text = Text.assemble("  ", (f"⛔ {reason}", self._style("blocked")))
        if len(self._drawn) >= MAX_LINES:
            self._drawn.clear()
        strip = self._drawn[key] = self._strip(text, width, style)
        return strip

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.style = style
        text.truncate(width, overflow="ellipsis", pad=True)
        return Strip(text.render(self.app.console), width)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"card-list--{name}", partial=True)

    def _title_line(self, card: Card) -> Text:
        return Text.assemble(
            (f"#{card.id}", self._style("id")),
            (f" {TYPE_MARKS[card.type]} ", self._style(f"type-{card.type.value}")),
            visible(card.title),
            no_wrap=True,
            end="",
        )

    def _detail_line(self, card: Card) -> Text:
        view = view_card(card, self.column, self.rule, self.now, self.tz)
        text = Text(no_wrap=True, end="")
        text.append("  ")
        if card.assignee:
            text.append(visible(card.assignee))
            text.append(" · ", self._style("meta"))
        self._aging(text, view)
        if card.due_date is not None:
            text.append(" · ", self._style("meta"))
            text.append(*self._due(card.due_date))
        return text

    def _aging(self, text: Text, view: CardView) -> None:
        """``4d`` in its column, coloured by the fixed rule; by the percentile rule the age is
        what is judged, with the percentile it passed: ``4d · age 18d ≥85th``."""
        meta = self._style("meta")
        if self.aging_rule is None:  # the rule is still being read
            text.append(f"{view.days_in_column}d", meta)
            return
        rule, level = self.aging_rule, view.aging
        style = self._style(f"aging-{level.value}") if level is not Aging.OK else meta
        if view.age is None:
            text.append(f"{view.days_in_column}d", style)
        else:
            text.append(f"{view.days_in_column}d", meta)
            text.append(" · ", meta)
            text.append(f"age {view.age}d", style)
        if level is Aging.OK or not rule.percentiles:  # fixed: the colour says it, as ever
            return
        if level is Aging.CRITICAL and rule.sle_set:
            text.append(" ≥SLE", style)
        else:
            text.append(f" ≥{PERCENT_OF[level]}th", style)

    def _due(self, due: date) -> tuple[str, Style]:
        """``due 12-04``: red once past, amber within two days."""
        today = self.now.astimezone(self.tz).date()
        level = "past" if due < today else "soon" if due <= today + timedelta(days=2) else None
        style = self._style(f"due-{level}") if level else self._style("meta")
        return f"due {due:%m-%d}", style
