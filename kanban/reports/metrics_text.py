"""``kanban metrics`` and ``kanban forecast`` for the terminal, drawn with rich (not Textual)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from kanban.domain.metrics.percentiles import PERCENTS
from kanban.domain.metrics.report import Forecast, MetricsReport
from kanban.reports.metrics_tables import Table, day, sections, title
from kanban.reports.safe_text import visible
from kanban.reports.text import console


def _table(model: Table, width: int) -> RichTable:
    """Every cell on one line: the widest text column (a title, a reason) is the one cut short
    to fit ``width``; JSON has the text whole."""
    model = _shown(model)
    table = RichTable(box=None, pad_edge=False, show_edge=False, header_style="bold")
    widths = [
        max(len(cell) for cell in column) for column in zip(model.headers, *model.rows, strict=True)
    ]
    text = [i for i in range(len(widths)) if i not in model.numeric]
    flexible = max(text, key=lambda i: widths[i], default=None)
    others = sum(w for i, w in enumerate(widths) if i != flexible) + 2 * (len(widths) - 1)
    for index, header in enumerate(model.headers):
        if index == flexible:
            table.add_column(
                Text(header), no_wrap=True, overflow="ellipsis", max_width=max(8, width - others)
            )
        else:
            table.add_column(
                Text(header),
                justify="right" if index in model.numeric else "left",
                min_width=widths[index],
                no_wrap=True,
            )
    for row in model.rows:
        table.add_row(*(Text(cell) for cell in row))  # titles are never read as markup
    return table


def _shown(model: Table) -> Table:
    """The table with its cells' user text (titles, column names, reasons) shown visibly."""
    return Table(
        tuple(visible(h) for h in model.headers),
        tuple(tuple(visible(cell) for cell in row) for row in model.rows),
        model.numeric,
    )


def _line(text: str, style: str = "") -> Text:
    return Text(visible(text), style)


def print_metrics(report: MetricsReport, out: Console | None = None) -> None:
    out = out or console()
    out.print(_line(title(report), "bold"))
    for section in sections(report):
        out.print()
        out.print(_line(section.title, "bold"))
        for line in section.lines:
            out.print(_line(line, "dim"))
        for bullet in section.bullets:
            out.print(_line(f"  • {bullet}"))
        if section.table is not None:
            out.print(_table(section.table, out.width))
        if section.more:
            out.print(_line(section.more, "dim"))


def _items(count: int | None) -> str:
    return "1 item" if count == 1 else f"{count} items"


def forecast_lines(found: Forecast) -> list[str]:
    """What ``kanban forecast`` says, line by line (plain text)."""
    when = found.when
    lines = [f"{found.board.name} forecast, today {day(found.today)} {found.today.year}"]
    if found.first_sampled is not None:
        last = found.last_sampled
        kind = "business days" if found.business_days else "days"
        lines.append(
            f"From the daily throughput of the last {len(found.samples)} complete {kind} "
            f"({day(found.first_sampled)} – {day(last)}: {sum(found.samples)} finished)"
        )
    if when.reason:
        lines.append(when.reason[0].upper() + when.reason[1:] + ": no forecast")
        return lines
    lines.append(f"{_items(when.items)} done on or before ({when.trials:,} trials):")
    dates = (when.p50, when.p70, when.p85, when.p95)
    beyond = (
        f"not within ten years (later than {day(when.horizon)} {when.horizon.year})"
        if (when.horizon)
        else "not within ten years"
    )
    lines += [
        f"  {p}%: {beyond if d is None else f'{day(d)} {d.year}'}"
        for p, d in zip(PERCENTS, dates, strict=True)
    ]
    many = found.how_many
    if many is not None and many.p50 is not None:
        lines.append(f"By {day(many.by)} {many.by.year} (today included), at least:")
        counts = (many.p50, many.p70, many.p85, many.p95)
        lines += [f"  {p}%: {_items(n)}" for p, n in zip(PERCENTS, counts, strict=True)]
    return lines


def print_forecast(found: Forecast, out: Console | None = None) -> None:
    out = out or console()
    for line in forecast_lines(found):
        out.print(_line(line))
