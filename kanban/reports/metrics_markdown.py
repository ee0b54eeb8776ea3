"""``kanban metrics --format markdown``: the text report's sections as Markdown (escaped)."""

from __future__ import annotations

from kanban.domain.metrics.report import MetricsReport
from kanban.reports.markdown import escape
from kanban.reports.metrics_tables import Table, sections, title


def _table(table: Table) -> list[str]:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(c) for c in cells) + " |"

    rule = ["---:" if i in table.numeric else "---" for i in range(len(table.headers))]
    return [row(table.headers), "|" + "|".join(rule) + "|", *(row(r) for r in table.rows)]


def metrics_markdown(report: MetricsReport) -> str:
    lines = [f"## {escape(title(report))}"]
    for section in sections(report):
        lines += ["", f"### {escape(section.title)}"]
        if section.lines:
            lines += ["", *(f"{escape(line)}  " for line in section.lines)]
            lines[-1] = lines[-1].rstrip()
        if section.bullets:
            lines += ["", *(f"- {escape(b)}" for b in section.bullets)]
        if section.table is not None:
            lines += ["", *_table(section.table)]
        if section.more:
            lines += ["", escape(section.more)]
    return "\n".join(lines) + "\n"
