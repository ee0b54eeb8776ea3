"""The board judges aging by the rule the history gives (docs/flow.md): on the demo board, with
twelve finished cards, the cycle-time percentiles (50th 6, 70th 7, 85th 9 days) on each card's
age, read before the first paint (and again by a worker when it may have changed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.color import Color

from kanban.domain.aging import AgingRule
from kanban.services import KanbanService
from kanban.services.demo import seed_demo
from kanban.tui.app import KanbanApp
from tests.tui.board import SIZE, card_list, lines, style_of

MONDAY = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KanbanService]:
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("KANBAN_NOW", MONDAY.isoformat())
    service = KanbanService.open(tmp_path / "demo.db", ensure_default=False)
    seed_demo(service, MONDAY)
    yield service
    service.close()


def _detail(app: KanbanApp, column: str, card_id: int) -> tuple[int, str]:
    """The line under the card's title, and its y in the list."""
    widget = card_list(app, column)
    shown = lines(widget)
    index = next(i for i, line in enumerate(shown) if line.startswith(f"#{card_id} "))
    return index + 1, shown[index + 1]


async def test_cards_show_their_age_and_the_percentile_they_passed(
    demo: KanbanService,
) -> None:
    app = KanbanApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rule = card_list(app, "Ready").aging_rule
        assert rule is not None and rule.percentiles
        assert (rule.watch, rule.warning, rule.critical) == (6, 7, 9)
        ready = card_list(app, "Ready")
        # #2 started 18 days ago (critical, past the 85th = the SLE); #22 6 days (watch);
        # #23 7 days (warning); #26 4 days: below the 50th, not flagged.
        y, line = _detail(app, "Ready", 2)
        assert line.endswith("18d · age 18d ≥85th")
        assert (
            style_of(ready, y, "age 18d").color
            == ready.get_component_rich_style("card-list--aging-critical", partial=True).color
        )
        y, line = _detail(app, "Ready", 22)
        assert line.endswith("6d · age 6d ≥50th")
        assert (
            style_of(ready, y, "age 6d").color
            == ready.get_component_rich_style("card-list--aging-watch", partial=True).color
        )
        assert _detail(app, "Ready", 23)[1].endswith("age 7d ≥70th")
        assert _detail(app, "Ready", 26)[1].endswith("4d · age 4d")
        # In Progress: #13 has been there 6 days, but started 15 days ago: critical by age.
        assert _detail(app, "In Progress", 13)[1].endswith("6d · age 15d ≥85th")


async def test_the_first_paint_shows_the_flags(
    demo: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = KanbanApp(demo)
    first: list[str] = []
    display = app._display

    def painted(screen: object, update: object) -> None:
        display(screen, update)  # type: ignore[arg-type]
        if update is not None and not first:
            first.append(_detail(app, "Ready", 2)[1])

    monkeypatch.setattr(app, "_display", painted)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert len(first) == 1 and first[0].endswith("age 18d ≥85th")


async def test_a_card_reaching_done_reads_the_rule_again(
    demo: KanbanService, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    read = demo.aging_rule

    def counted(*args: object, **kwargs: object) -> AgingRule:
        calls.append(1)
        return read(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(demo, "aging_rule", counted)
    app = KanbanApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        assert len(calls) == 1
        await pilot.press("right", "right", "right")  # Review's first card
        await pilot.press("shift+left")  # into In Progress: no card finished, the rule stays
        await app.workers.wait_for_complete()
        assert len(calls) == 1
        await pilot.press("shift+right", "shift+right")  # back to Review, then into Done
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(calls) == 2
        assert card_list(app, "Ready").aging_rule.finished == 13  # type: ignore[union-attr]


async def test_watch_warning_and_critical_are_three_colours_in_every_theme(
    demo: KanbanService,
) -> None:
    """Watch (the 50th percentile) has its own colour, the theme's primary text colour: it was
    the warning colour without bold (the accent and warning colours are the same orange in
    the default theme)."""
    app = KanbanApp(demo)
    async with app.run_test(size=SIZE) as pilot:
        ready = card_list(app, "Ready")
        for theme in app.available_themes:
            app.theme = theme
            await pilot.pause()
            colours = [
                ready.get_component_rich_style(f"card-list--aging-{level}", partial=True).color
                for level in ("watch", "warning", "critical")
            ]
            assert len(set(colours)) == 3, theme
            assert colours[0] == Color.parse(app.theme_variables["text-primary"]).rich_color
