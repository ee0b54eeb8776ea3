"""The bar above the board: its name, the WIP, the breached columns, the people over their
personal WIP limit, the expedite lane's count and the bottleneck."""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.widgets import Static

from kanban.domain.bottleneck import OVER_LIMIT, find_bottleneck
from kanban.domain.models import BoardSnapshot, WipStatus
from kanban.domain.people import over_limit, person_loads
from kanban.domain.wip import passed_by_expedite, split_lane, wip_status


def lane_counts(snapshot: BoardSnapshot) -> dict[int, int]:
    """Column id -> its expedite cards not yet done (its part of the expedite lane)."""
    return {
        column.id: len(split_lane(column, snapshot.cards_in(column.id))[0])
        for column in snapshot.columns
    }


def breached_columns(snapshot: BoardSnapshot, lanes: Mapping[int, int]) -> int:
    """Columns over their limit, but for those only expedite cards put over (they may be)."""
    count = 0
    for column in snapshot.columns:
        cards = len(snapshot.cards_in(column.id))
        if wip_status(column, cards) is WipStatus.OVER:
            count += not passed_by_expedite(column, cards, lanes.get(column.id, 0))
    return count


def over_limit_text(snapshot: BoardSnapshot) -> str:
    """``Brent 5/3 ⚠, Wes 4/2 ⚠`` for the people over their personal limit; "" for none."""
    return ", ".join(
        f"{load.name} {load.wip}/{load.limit} ⚠" for load in over_limit(person_loads(snapshot))
    )


class TopBar(Static):
    """Shows a snapshot's headline figures; the app calls :meth:`show` after each change."""

    def show(self, snapshot: BoardSnapshot, lanes: Mapping[int, int] | None = None) -> None:
        """``lanes``: :func:`lane_counts`, if the caller knows them (else counted here)."""
        lanes = lane_counts(snapshot) if lanes is None else lanes
        breached = breached_columns(snapshot, lanes)
        parts = [
            Content.from_markup(
                "[b]$name[/b] (strict)" if snapshot.board.strict else "[b]$name[/b]",
                name=snapshot.board.name,
            ),
            Content.from_markup("WIP [b]$wip[/b]", wip=str(snapshot.wip)),
            Content.from_markup(
                "[$error b]$n breached[/]" if breached else "$n breached", n=str(breached)
            ),
        ]
        if people := over_limit_text(snapshot):
            parts.append(Content.from_markup("[$error b]$people[/]", people=people))
        if expedite := sum(lanes.values()):
            limit = snapshot.board.expedite_limit
            style = "$error b" if expedite > limit else "b"
            parts.append(
                Content.from_markup(
                    f"Expedite [{style}]$count[/]", count=f"{expedite}/{limit}"
                )
            )
        bottleneck = find_bottleneck(snapshot)
        if bottleneck is None:
            parts.append(Content("no bottleneck"))
        else:
            colour = "$error" if bottleneck.rule == OVER_LIMIT else "$warning"
            parts.append(
                Content.from_markup(
                    f"Bottleneck: [{colour} b]$column[/] ($rule) – $reason",
                    column=bottleneck.column.name,
                    rule=bottleneck.rule,
                    reason=bottleneck.reason,
                )
            )
        self.update(Content("  │  ").join(parts), layout=False)
