"""The metrics screen: the flow over time as terminal charts, one per tab.

Charts are drawn by plotext through textual-plotext's ``PlotextPlot`` widget, which reads
plotext's ANSI output back as text: column names go to plotext through ``visible``, so an escape
in a name is shown, never read as one. The metrics are
computed in a thread worker so the screen opens at once; the numbers each chart receives are
kept in ``MetricsScreen.charts`` (a :class:`Charts`), built by the pure :func:`build_charts`.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Label, TabbedContent, TabPane
from textual_plotext import Plot, PlotextPlot

from kanban.domain.metrics.board_metrics import BoardMetrics, board_metrics
from kanban.domain.metrics.history import DEFAULT_DAYS, History
from kanban.domain.metrics.percentiles import MIN_HISTORY
from kanban.domain.models import WorkType
from kanban.errors import KanbanError
from kanban.reports.safe_text import visible
from kanban.services import KanbanService

# (tab id, tab title)
TABS = (
    ("cfd", "Cumulative flow"),
    ("aging", "Aging WIP"),
    ("cycle", "Cycle time"),
    ("throughput", "Throughput"),
    ("mix", "Work mix"),
)
CFD_COLORS = ("blue+", "orange", "red", "cyan", "magenta", "yellow")  # the last column: green
PERCENT_COLORS = {50: "green", 70: "orange", 85: "red"}  # plotext colour names


@dataclass(frozen=True, slots=True)
class Charts:
    """What each chart is given: plain numbers, so tests can compare them with the metrics."""

    days: tuple[date, ...]  # the CFD's x axis
    cfd: dict[str, tuple[int, ...]]  # column name -> cumulative line, left to right
    wip_columns: tuple[str, ...]  # the in-progress columns, the aging chart's x axis
    ages: tuple[tuple[int, int], ...]  # (column index in wip_columns, age in days) per card
    cycle: tuple[tuple[date, int], ...]  # (finished on, cycle time days) per finished card
    percentiles: dict[int, float]  # 50/70/85 -> cycle-time days; empty without enough history
    weeks: tuple[date, ...]  # Mondays of throughput and work mix
    throughput: tuple[int, ...]  # finished cards per week
    mix: dict[str, tuple[int, ...]]  # work type -> finished cards per week
    finished: int  # cards finished in the window (n)


def build_charts(history: History, metrics: BoardMetrics) -> Charts:
    cfd = metrics.cfd
    wip = [
        c for c in history.columns if history.start_rank <= history.rank(c.id) < history.done_rank
    ]
    index = {column.id: i for i, column in enumerate(wip)}
    stats = metrics.cycle_time
    shown = {50: stats.p50, 70: stats.p70, 85: stats.p85}
    mix: dict[str, list[int]] = {kind.value: [] for kind in WorkType}
    for week in metrics.work_mix:
        for counted in week.counts:
            mix[counted.type.value].append(counted.count)
    return Charts(
        days=tuple(day.day for day in cfd.days),
        cfd={name: cfd.line(i) for i, name in enumerate(cfd.columns)},
        wip_columns=tuple(column.name for column in wip),
        ages=tuple((index[a.column_id], a.days) for a in metrics.ages if a.column_id in index),
        cycle=tuple((c.end, c.days) for c in metrics.cycle_times),
        percentiles={p: v for p, v in shown.items() if v is not None} if stats.enough else {},
        weeks=tuple(week.week for week in metrics.throughput_weeks),
        throughput=tuple(week.count for week in metrics.throughput_weeks),
        mix={kind: tuple(counts) for kind, counts in mix.items()},
        finished=stats.n,
    )


def chart_start(history: History) -> date:
    """The default window, but not before the first event: no empty months on the x axis."""
    start, _ = history.window(DEFAULT_DAYS)
    return max(start, history.first_day)


def _too_few(charts: Charts) -> str:
    plural = "" if charts.finished == 1 else "s"
    return f"Not enough history: {charts.finished} finished card{plural} ({MIN_HISTORY} needed)."


def _short(day: date) -> str:
    return day.strftime("%d %b")


class MetricsScreen(Screen[None]):
    DEFAULT_CSS = """
    MetricsScreen { layout: vertical; }
    MetricsScreen #metrics-tabs { height: 1fr; }
    MetricsScreen TabPane { height: 1fr; padding: 0 1; }
    MetricsScreen PlotextPlot { height: 1fr; }
    MetricsScreen .metrics-note { width: 1fr; color: $text-muted; }
    MetricsScreen #metrics-title { text-style: bold; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,m", "dismiss(None)", "Close", tooltip="Back to the board")]

    def __init__(self, service: KanbanService, board_id: int, now: datetime, tz: tzinfo) -> None:
        super().__init__()
        self.service, self.board_id, self.now, self.tz = service, board_id, now, tz
        self.charts: Charts | None = None

    def compose(self) -> ComposeResult:
        yield Label("Flow metrics: computing…", id="metrics-title", markup=False)
        with TabbedContent(id="metrics-tabs"):
            for tab_id, title in TABS:
                with TabPane(title, id=f"tab-{tab_id}"):
                    yield Label("", id=f"{tab_id}-note", classes="metrics-note", markup=False)
                    yield PlotextPlot(id=f"{tab_id}-plot")
        yield Label("escape / q / m: back to the board    ←/→: switch chart", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(TabbedContent).loading = True
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        from kanban.services.metrics import metrics_history  # not on the board's first paint

        try:
            history = metrics_history(self.service, self.board_id, self.now, self.tz)
        except KanbanError as error:  # a busy database: say so; m opens the screen again
            self.app.call_from_thread(self._failed, error)
            return
        charts = build_charts(history, board_metrics(history, start=chart_start(history)))
        self.app.call_from_thread(self._show, charts)

    def _failed(self, error: KanbanError) -> None:
        message = f"The metrics could not be read: {error}"
        self.query_one("#metrics-title", Label).update(visible(message))
        self.query_one(TabbedContent).loading = False
        self.notify(visible(message), severity="error", markup=False)

    def _show(self, charts: Charts) -> None:
        self.charts = charts
        first, last = charts.days[0], charts.days[-1]
        self.query_one("#metrics-title", Label).update(
            f"Flow metrics, {_short(first)} – {_short(last)}: {charts.finished} cards finished"
        )
        self._draw_cfd(charts)
        self._draw_aging(charts)
        self._draw_cycle(charts)
        self._draw_throughput(charts)
        self._draw_mix(charts)
        self.query_one(TabbedContent).loading = False

    # ------------------------------------------------------------------ one chart each

    def _plot(self, tab_id: str, note: str) -> Plot:
        self.query_one(f"#{tab_id}-note", Label).update(note)
        plot = self.query_one(f"#{tab_id}-plot", PlotextPlot)
        plot.plt.clear_figure()
        plot.refresh()
        return plot.plt

    def _day_ticks(self, plt: Plot, days: tuple[date, ...]) -> None:
        step = max(1, len(days) // 8)
        positions = range(0, len(days), step)
        ticks: list[float] = list(positions)
        plt.xticks(ticks, [_short(days[i]) for i in positions])

    def _draw_cfd(self, charts: Charts) -> None:
        enough = len(charts.days) >= MIN_HISTORY
        plt = self._plot(
            "cfd",
            "Cards that reached each column (or a later one) by the end of each day. Band "
            "width = cards in the column; a widening band is a growing queue."
            if enough
            else f"Not enough history: {len(charts.days)} days (5 needed).",
        )
        if not enough:
            return
        x = list(range(len(charts.days)))
        # The leftmost column's line is the highest: draw it first, each filled down to the
        # axis, so each next line paints over the lower part and the bands appear stacked.
        for i, (name, line) in enumerate(charts.cfd.items()):
            color = "green" if i == len(charts.cfd) - 1 else CFD_COLORS[i % len(CFD_COLORS)]
            plt.plot(x, list(line), label=visible(name), fillx=True, marker="braille", color=color)
        self._day_ticks(plt, charts.days)

    def _percentile_lines(self, plt: Plot, charts: Charts) -> None:
        for percent, days in charts.percentiles.items():
            plt.hline(days, PERCENT_COLORS[percent])

    def _legend(self, charts: Charts) -> str:
        return "   ".join(
            f"{p}th percentile {d:g} d ({PERCENT_COLORS[p]})" for p, d in charts.percentiles.items()
        )

    def _draw_aging(self, charts: Charts) -> None:
        if charts.percentiles:
            note = (
                "Age (days since started) of each card in progress, by column; lines: the "
                "50/70/85th percentile of cycle time. A card above the 85th line is at risk.\n"
                + self._legend(charts)
            )
        else:
            note = "Percentile lines: " + _too_few(charts)
        plt = self._plot("aging", note)
        if not charts.ages:
            self.query_one("#aging-note", Label).update("No card in progress.")
            return
        plt.scatter([c + 0.5 for c, _ in charts.ages], [a for _, a in charts.ages], marker="●")
        self._percentile_lines(plt, charts)
        names = [visible(name) for name in charts.wip_columns]
        plt.xticks([i + 0.5 for i in range(len(names))], names)
        plt.xlim(0, len(charts.wip_columns))
        plt.ylim(0, max([a for _, a in charts.ages] + list(charts.percentiles.values())) + 1)

    def _draw_cycle(self, charts: Charts) -> None:
        enough = charts.finished >= MIN_HISTORY
        plt = self._plot(
            "cycle",
            "Cycle time of each finished card by the day it finished; lines: the 50/70/85th "
            "percentiles (85th = the SLE).\n" + self._legend(charts)
            if enough
            else _too_few(charts),
        )
        if not enough:
            return
        # x: the day's place on the axis (on a business-day board a weekend finish sits on the
        # next business day, as in the throughput)
        x = [bisect_left(charts.days, d) for d, _ in charts.cycle]
        plt.scatter(x, [n for _, n in charts.cycle])
        self._percentile_lines(plt, charts)
        self._day_ticks(plt, charts.days)
        plt.xlim(0, len(charts.days) - 1)
        plt.ylim(0, max(n for _, n in charts.cycle) + 1)

    def _draw_throughput(self, charts: Charts) -> None:
        enough = charts.finished >= MIN_HISTORY
        plt = self._plot(
            "throughput",
            "Cards finished per week (the first and last weeks may be partial)."
            if enough
            else _too_few(charts),
        )
        if enough:
            plt.bar([_short(w) for w in charts.weeks], list(charts.throughput))

    def _draw_mix(self, charts: Charts) -> None:
        enough = charts.finished >= MIN_HISTORY
        plt = self._plot(
            "mix",
            "Finished cards per week by type of work; a growing unplanned share crowds out "
            "planned work."
            if enough
            else _too_few(charts),
        )
        if enough:
            labels = [_short(w) for w in charts.weeks]
            # plotext takes labels= (its stub says label=, which it does not accept)
            plt.stacked_bar(  # type: ignore[call-arg]
                labels, [list(v) for v in charts.mix.values()], labels=list(charts.mix)
            )
