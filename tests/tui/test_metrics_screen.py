"""The metrics screen (key ``m``): opens at once, computes in a worker, charts the history.

The seeded board (tests/tui/board.py) has one finished card: the charts that need 5 say "not
enough history". The demo board has weeks of history: every chart gets data, and that data is
the metrics' own (compared with ``board_metrics`` on the same history)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from textual_plotext import PlotextPlot

from kanban.clock import local_tz
from kanban.domain.metrics.board_metrics import board_metrics
from kanban.services import KanbanService
from kanban.services.demo import seed_demo
from kanban.tui.app import KanbanApp
from kanban.tui.screens.metrics import TABS, MetricsScreen, chart_start
from tests.tui.board import SIZE


async def open_metrics(app: KanbanApp, pilot) -> MetricsScreen:
    await pilot.press("m")
    assert isinstance(app.screen, MetricsScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.screen.charts is not None
    return app.screen


def note(screen: MetricsScreen, tab_id: str) -> str:
    return str(screen.query_one(f"#{tab_id}-note").render())


@pytest.mark.parametrize("key", ["escape", "q", "m"])
async def test_m_opens_the_metrics_and_key_closes_them(app: KanbanApp, key: str) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_metrics(app, pilot)
        for tab_id, _title in TABS:
            assert screen.query_one(f"#{tab_id}-plot", PlotextPlot)
        await pilot.press(key)
        await pilot.pause()
        assert not isinstance(app.screen, MetricsScreen)
        assert app.is_running  # q closed the screen, not the app
        assert app.board_screen.card_list is not None and app.board_screen.card_list.has_focus


async def test_short_history_says_so(app: KanbanApp, svc: KanbanService) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_metrics(app, pilot)
        charts = screen.charts
        # One card finished (#9): no percentiles, and the charts that need 5 say why not.
        assert charts.finished == 1 and charts.percentiles == {}
        for tab_id in ("cycle", "throughput", "mix"):
            assert "Not enough history: 1 finished card (5 needed)." in note(screen, tab_id)
        assert "Percentile lines: Not enough history" in note(screen, "aging")
        # The in-progress cards are still plotted by age, in their columns.
        assert sorted(charts.wip_columns) == ["In Progress", "Ready", "Review"]
        assert len(charts.ages) == 7


@pytest.fixture
def demo_app(tmp_path: Path, frozen_time: datetime):
    service = KanbanService.open(tmp_path / "demo.db", ensure_default=False)
    seed_demo(service, frozen_time)
    yield KanbanApp(service, "Parts Unlimited"), service
    service.close()


async def test_the_charts_show_the_demo_history(demo_app, frozen_time: datetime) -> None:
    app, service = demo_app
    board_id = service.board("Parts Unlimited").id
    history = service.history(board_id, frozen_time, local_tz())
    metrics = board_metrics(history, start=chart_start(history))
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_metrics(app, pilot)
        charts = screen.charts
        cfd = metrics.cfd
        assert charts.cfd == {name: cfd.line(i) for i, name in enumerate(cfd.columns)}
        assert list(charts.cfd) == ["Backlog", "Ready", "In Progress", "Review", "Done"]
        assert charts.days[0] == history.first_day and charts.days[-1] == history.today
        assert charts.throughput == tuple(w.count for w in metrics.throughput_weeks)
        assert sum(charts.throughput) == metrics.cycle_time.n == charts.finished >= 5
        assert charts.cycle == tuple((c.end, c.days) for c in metrics.cycle_times)
        assert charts.percentiles == {
            50: metrics.cycle_time.p50,
            70: metrics.cycle_time.p70,
            85: metrics.cycle_time.p85,
        }
        assert sorted(a for _, a in charts.ages) == sorted(a.days for a in metrics.ages)
        # Each week's mix adds up to its throughput.
        assert [sum(week) for week in zip(*charts.mix.values(), strict=True)] == list(
            charts.throughput
        )
        for tab_id, _title in TABS:
            assert "Not enough" not in note(screen, tab_id)
        assert f"85th percentile {metrics.cycle_time.p85:g} d" in note(screen, "cycle")
