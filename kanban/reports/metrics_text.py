"""``kanban metrics`` and ``kanban forecast`` for the terminal, drawn with rich (not Textual);
in a pipe, ``kanban metrics`` is written as the plain text rich would write, without rich
(:mod:`kanban.reports.plain`), unless a table holds characters only rich measures."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from kanban.domain.metrics.percentiles import PERCENTS
from kanban.domain.metrics.report import Forecast, MetricsReport
from kanban.reports.metrics_tables import Table, day, sections, title
from kanban.reports.plain import pipe_width, plain_table
from kanban.reports.safe_text import visible

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text


def _layout(model: Table, width: int) -> tuple[list[int], int | None, int]:
    """Each column's least width (its longest cell, in characters), the flexible column (the
    widest text column: the one cut short) and the width left for it."""
    widths = [
        max(len(cell) for cell in column) for column in zip(model.headers, *model.rows, strict=True)
    ]
    text = [i for i in range(len(widths)) if i not in model.numeric]
    flexible = max(text, key=lambda i: widths[i], default=None)
    others = sum(w for i, w in enumerate(widths) if i != flexible) + 2 * (len(widths) - 1)
    return widths, flexible, max(8, width - others)


def _table(model: Table, width: int) -> RichTable:
    """Every cell on one line: the widest text column (a title, a reason) is the one cut short
    to fit ``width``; JSON has the text whole."""
    from rich.table import Table as RichTable
    from rich.text import Text

    model = _shown(model)
    table = RichTable(box=None, pad_edge=False, show_edge=False, header_style="bold")
    widths, flexible, room = _layout(model, width)
    for index, header in enumerate(model.headers):
        if index == flexible:
            table.add_column(Text(header), no_wrap=True, overflow="ellipsis", max_width=room)
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


def _plain_table(model: Table, width: int) -> list[str] | None:
    """The lines rich draws for :func:`_table` without colour (:func:`plain_table`): the
    flexible column cut with ``…`` to the room left; None where rich lays it out otherwise."""
    model = _shown(model)
    _widths, flexible, room = _layout(model, width)
    cut = None if flexible is None else (flexible, room)
    return plain_table([model.headers, *model.rows], model.numeric, width, cut)


def _plain_metrics(report: MetricsReport, width: int) -> str | None:
    """The report as rich writes it without colour, or None if a table is rich's to draw."""
    lines = [visible(title(report))]
    for section in sections(report):
        lines += ["", visible(section.title)]
        lines += [visible(line) for line in section.lines]
        lines += [visible(f"  • {bullet}") for bullet in section.bullets]
        if section.table is not None:
            table = _plain_table(section.table, width)
            if table is None:
                return None
            lines += table
        if section.more:
            lines.append(visible(section.more))
    return "".join(f"{line}\n" for line in lines)


def _line(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(visible(text), style)


def print_metrics(report: MetricsReport, out: Console | None = None) -> None:
    """``kanban metrics`` as text: in a pipe written here (:func:`_plain_metrics`), else by rich."""
    width = pipe_width() if out is None else None
    plain = None if width is None else _plain_metrics(report, width)
    if plain is not None:
        sys.stdout.write(plain)
        return
    from kanban.reports.text import console

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
    from kanban.reports.text import console

    out = out or console()
    for line in forecast_lines(found):
        out.print(_line(line))
