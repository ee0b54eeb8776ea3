"""The bar above the board: its name, the WIP, the breached columns, the people over their
personal WIP limit, the expedite lane's count and the bottleneck.

On a narrow terminal the bar keeps what matters most: the breaches and the bottleneck stay
to the last. It gives up, in this order (:data:`SHED`), until the line fits: the wide
separators, the bottleneck's reason, then its rule, the WIP figure, the word "Expedite"
(``Exp 1/1``), the board's full name (cut short, without "(strict)"), the names of the people
over their limit (``2 people ⚠``), then the board's name, the expedite count (the lane shows
its cards) and those people altogether; a line still too long is cut with ``…``.

User text (board, column and people names) goes in through :func:`visible`, as plain text
in ``Content`` objects: nothing here is parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from kanban.domain.bottleneck import OVER_LIMIT, find_bottleneck
from kanban.domain.models import BoardSnapshot
from kanban.domain.people import PersonLoad, over_limit, person_loads
from kanban.domain.wip import expedite_count, is_breached
from kanban.reports.safe_text import visible

# What the bar gives up as its width shrinks, least important first.
SHED = (
    "separators",
    "reason",
    "rule",
    "wip",
    "expedite label",
    "board name",
    "people names",
    "board",
    "expedite",
    "people",
)
BOARD_NAME_CELLS = 16  # the board's name once cut short


def lane_counts(snapshot: BoardSnapshot) -> dict[int, int]:
    """Column id -> its expedite cards not yet done (its part of the expedite lane)."""
    return {
        column.id: expedite_count(column, snapshot.cards_in(column.id))
        for column in snapshot.columns
    }


def breached_columns(snapshot: BoardSnapshot) -> int:
    """Columns over their limit, but for those only expedite cards put over (they may be)."""
    return sum(is_breached(column, snapshot.cards_in(column.id)) for column in snapshot.columns)


def over_limit_text(snapshot: BoardSnapshot, over: list[PersonLoad] | None = None) -> str:
    """``Brent 5/3 ⚠, Wes 4/2 ⚠`` for the people over their personal limit (``over``, if the
    caller knows them); "" for none."""
    over = over_limit(person_loads(snapshot)) if over is None else over
    return ", ".join(f"{visible(load.name)} {load.wip}/{load.limit} ⚠" for load in over)


@dataclass(frozen=True, slots=True)
class Figures:
    """What the bar shows, its user text already made visible."""

    board: str
    strict: bool
    wip: int
    breached: int
    people: str  # over_limit_text
    people_over: int
    expedite: tuple[int, int] | None  # (cards, limit) while the lane holds any
    bottleneck: tuple[str, str, str] | None  # (column, rule, reason)
    bottleneck_over: bool  # found by its over-limit rule: red, else amber


def figures(snapshot: BoardSnapshot, lanes: Mapping[int, int]) -> Figures:
    bottleneck = find_bottleneck(snapshot)
    expedite = sum(lanes.values())
    over = over_limit(person_loads(snapshot))
    return Figures(
        board=visible(snapshot.board.name),
        strict=snapshot.board.strict,
        wip=snapshot.wip,
        breached=breached_columns(snapshot),
        people=over_limit_text(snapshot, over),
        people_over=len(over),
        expedite=(expedite, snapshot.board.expedite_limit) if expedite else None,
        bottleneck=(
            None
            if bottleneck is None
            else (visible(bottleneck.column.name), bottleneck.rule, visible(bottleneck.reason))
        ),
        bottleneck_over=bottleneck is not None and bottleneck.rule == OVER_LIMIT,
    )


def bar_line(facts: Figures, shed: frozenset[str] = frozenset()) -> Content:
    """The bar's line, without the parts named in ``shed`` (see :data:`SHED`)."""
    parts: list[Content] = []
    if "board" not in shed:
        if "board name" in shed:
            short = Content(facts.board).truncate(BOARD_NAME_CELLS, ellipsis=True)
            parts.append(short.stylize("bold"))
        else:
            strict = " (strict)" if facts.strict else ""
            parts.append(Content.assemble((facts.board, "bold"), strict))
    if "wip" not in shed:
        parts.append(Content.assemble("WIP ", (str(facts.wip), "bold")))
    breached = f"{facts.breached} breached"
    parts.append(Content.styled(breached, "$error bold") if facts.breached else Content(breached))
    if facts.people and "people" not in shed:
        people = facts.people
        if "people names" in shed:
            counted = f"{facts.people_over} {'person' if facts.people_over == 1 else 'people'} ⚠"
            people = min(people, counted, key=len)
        parts.append(Content.styled(people, "$error bold"))
    if facts.expedite is not None and "expedite" not in shed:
        count, limit = facts.expedite
        label = "Exp " if "expedite label" in shed else "Expedite "
        style = "$error bold" if count > limit else "bold"
        parts.append(Content.assemble(label, (f"{count}/{limit}", style)))
    if facts.bottleneck is None:
        parts.append(Content("no bottleneck"))
    else:
        column, rule, reason = facts.bottleneck
        colour = "$error bold" if facts.bottleneck_over else "$warning bold"
        pieces: list[str | tuple[str, str]] = ["Bottleneck: ", (column, colour)]
        if "rule" not in shed:
            pieces.append(f" ({rule})")
        if "reason" not in shed:
            pieces.append(f" – {reason}")
        parts.append(Content.assemble(*pieces))
    separator = " │ " if "separators" in shed else "  │  "
    return Content(separator).join(parts)


def fit_bar(facts: Figures, width: int) -> Content:
    """The fullest :func:`bar_line` that fits ``width`` cells (0: no limit)."""
    for dropped in range(len(SHED) + 1):
        line = bar_line(facts, frozenset(SHED[:dropped]))
        if not width or line.cell_length <= width:
            return line
    return line.truncate(width, ellipsis=True)


class TopBar(Widget):
    """Shows a snapshot's headline figures; the app calls :meth:`show` after each change."""

    facts: Figures | None = None

    def show(self, snapshot: BoardSnapshot, lanes: Mapping[int, int] | None = None) -> None:
        """``lanes``: :func:`lane_counts`, if the caller knows them (else counted here)."""
        facts = figures(snapshot, lane_counts(snapshot) if lanes is None else lanes)
        if facts != self.facts:  # a move within the same figures repaints nothing here
            self.facts = facts
            self.refresh()

    def render(self) -> Content:
        if self.facts is None:
            return Content("")
        return fit_bar(self.facts, self.content_region.width)
