"""``kanban metrics`` as sections of sentences and tables, before any format: the text report
draws them with rich, the Markdown report as pipe tables, so both say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kanban.domain.aging import AgingRule
from kanban.domain.metrics.percentiles import MIN_HISTORY, NOT_ENOUGH, Percentiles
from kanban.domain.metrics.queueing import RULE_OF_THUMB, Wait
from kanban.domain.metrics.report import MetricsReport
from kanban.domain.metrics.work_mix import Share
from kanban.domain.models import Aging, WorkType
from kanban.reports.words import days, local_time, rule_line, shown


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int] = frozenset()  # right-aligned columns


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    lines: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    table: Table | None = None
    more: str | None = None  # "… and N more" under a table cut to the first rows


def day(value: date) -> str:
    return value.strftime("%a %d %b")


def count_cards(count: int) -> str:
    return "1 card" if count == 1 else f"{count} cards"


def number(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def percent(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio:.0%}"


def share(value: Share) -> str:
    return f"{value.part} of {value.whole} ({percent(value.ratio)})" if value.whole else "none"


def title(report: MetricsReport) -> str:
    m = report.metrics
    return (
        f"{report.board.name} metrics, {day(m.start)} – {day(m.end)} {m.end.year} "
        f"({days(report.days)}), {local_time(report.now, report.tz, year=True)}"
    )


def _percentile_row(name: str, p: Percentiles) -> tuple[str, ...]:
    mean = number(p.mean)
    if not p.enough:
        return (name, str(p.n), NOT_ENOUGH, "", "", "", mean)
    cells = (p.p50, p.p70, p.p85, p.p95)
    return (name, str(p.n), *(f"{v:g}" for v in cells if v is not None), mean)


def _times(report: MetricsReport) -> Section:
    m = report.metrics
    lines = [
        "cycle time: started → finished; lead time: created → finished; in days, "
        "counted inclusively (finished the day it started: 1)"
    ]
    if not (m.cycle_time.enough and m.lead_time.enough):
        lines.append(f"percentiles need at least {MIN_HISTORY} finished cards")
    table = Table(
        ("", "n", "50%", "70%", "85%", "95%", "mean"),
        (_percentile_row("cycle time", m.cycle_time), _percentile_row("lead time", m.lead_time)),
        frozenset({1, 2, 3, 4, 5, 6}),
    )
    return Section("Cycle and lead time", tuple(lines), table=table)


def _sle(report: MetricsReport) -> Section:
    sle = report.metrics.sle
    if sle.days is None:
        times = "cycle time" if sle.n == 1 else "cycle times"
        line = f"{NOT_ENOUGH}: {sle.n} {times} (need {MIN_HISTORY})"
    elif sle.set_by_team:
        line = f"{sle.percent}% of cards finish within {sle.days:g} days (set by the team)"
    else:
        line = (
            f"{sle.percent}% of cards finish within {sle.days:g} days "
            f"(the {sle.percent}th percentile of {sle.n} cycle times)"
        )
    return Section("Service level expectation", (line,))


def _flag(age: int, rule: AgingRule) -> str:
    """The board's flag for a card of this age (only the percentile rule judges age)."""
    if not rule.percentiles:
        return ""
    level = rule.level(age)
    return "" if level is Aging.OK else f"{level.value} ({rule.why(level)})"


def _ages(report: MetricsReport) -> Section:
    m = report.metrics
    names = {c.id: c.name for c in report.history.columns}
    ages = m.ages
    if not ages:
        return Section("Work item age", ("no card in progress",))
    mean = sum(a.days for a in ages) / len(ages)
    lines = [f"{count_cards(len(ages))} in progress, average age {mean:.1f} days (started → now)"]
    lines.append(rule_line(report.aging_rule))
    listed, more = shown(ages)
    rows = tuple(
        (
            f"#{a.card_id}",
            report.titles.get(a.card_id, ""),
            names.get(a.column_id, "?"),
            str(a.days),
            _flag(a.days, report.aging_rule),
        )
        for a in listed
    )
    table = Table(("id", "card", "column", "age", "flag"), rows, frozenset({3}))
    return Section("Work item age", tuple(lines), table=table, more=more)


def _weeks(report: MetricsReport) -> Section:
    m = report.metrics
    wip_at = {d.day: d.count for d in m.wip}
    mix = {w.week: {t.type: t.count for t in w.counts} for w in m.work_mix}
    rows = []
    for week in m.throughput_weeks:
        last = min(week.week + timedelta(days=6), m.end)
        types = mix.get(week.week, {})
        rows.append(
            (
                day(week.week),
                str(week.days),
                str(week.count),
                *(str(types.get(t, 0)) for t in WorkType),
                str(wip_at.get(last, 0)),
            )
        )
    lines = (
        f"finished in the last 7 days: {report.last_7_days}; work in progress now: {report.wip}",
        "weeks start on Monday; days: how many of the week's days fall in the window",
    )
    headers = ("week of", "days", "finished", *(t.value for t in WorkType), "WIP at end")
    table = Table(headers, tuple(rows), frozenset(range(1, len(headers))))
    return Section("Throughput and WIP per week", lines, table=table)


def _wait(wait: Wait) -> str:
    if wait.utilisation is None:
        return "–"
    if wait.wait is None:
        return "no idle time"
    return f"{wait.wait:.1f}"


def _columns(report: MetricsReport) -> Section:
    m = report.metrics
    times = {t.column_id: t for t in m.column_times}
    rows = []
    for column, wait in zip(report.history.columns, m.waits, strict=True):
        time = times.get(column.id)
        rows.append(
            (
                column.name,
                column.kind.value,
                str(wait.wip),
                "–" if column.wip_limit is None else str(column.wip_limit),
                percent(wait.utilisation),
                _wait(wait),
                str(time.stays if time else 0),
                number(time.mean_days if time else None),
            )
        )
    lines = (
        "days per stay: stays that ended in the window, and stays still open, counted to now",
        f"wait: {RULE_OF_THUMB} (not a measured wait)",
    )
    table = Table(
        ("column", "kind", "cards", "limit", "busy", "wait", "stays", "days per stay"),
        tuple(rows),
        frozenset({2, 3, 4, 5, 6, 7}),
    )
    return Section("Columns", lines, table=table)


def _people(report: MetricsReport) -> Section | None:
    if not report.people:
        return None
    rows = tuple((w.name, str(w.wip)) for w in report.people)
    return Section(
        "Work in progress per person", table=Table(("person", "cards"), rows, frozenset({1}))
    )


def _efficiency(report: MetricsReport) -> Section:
    fe = report.metrics.flow_efficiency
    if fe.ratio is None:
        line = "no finished card in the window"
    else:
        line = (
            f"{percent(fe.ratio)} of the cycle time was spent in active columns, not "
            f"blocked ({count_cards(fe.n)} finished, time-weighted)"
        )
    return Section("Flow efficiency", (line,))


def _blocked(report: MetricsReport) -> list[Section]:
    m = report.metrics
    if not m.blocked:
        return [Section("Blocked", ("no card was blocked in the window",))]
    total = sum(b.days for b in m.blocked)
    lines = (
        f"{count_cards(len(m.blocked))} blocked in the window, {total:.1f} days in all "
        "(blocks that started in the window, counted whole)",
    )
    listed, more = shown(m.blocker_reasons)
    reasons = Table(
        ("reason", "blocks", "days"),
        tuple((r.reason, str(r.count), f"{r.total.total_seconds() / 86400:.1f}") for r in listed),
        frozenset({1, 2}),
    )
    cards, more_cards = shown(m.blocked)
    per_card = Table(
        ("id", "card", "blocks", "days", "now"),
        tuple(
            (
                f"#{b.card_id}",
                report.titles.get(b.card_id, ""),
                str(b.spans),
                f"{b.days:.1f}",
                "blocked" if b.blocked_now else "",
            )
            for b in cards
        ),
        frozenset({2, 3}),
    )
    return [
        Section("Blocker reasons", lines, table=reasons, more=more),
        Section("Blocked time per card", table=per_card, more=more_cards),
    ]


def _unplanned(report: MetricsReport) -> Section:
    u = report.metrics.unplanned
    return Section(
        "Unplanned work",
        (
            f"share of work in progress now: {share(u.wip)}",
            f"share of the cards finished in the window: {share(u.throughput)}",
        ),
    )


def _cfd(report: MetricsReport) -> Section:
    cfd = report.metrics.cfd
    picked = [d for d in cfd.days if d.day.weekday() == 6 or d.day == report.metrics.end]
    rows = tuple((day(d.day), *(str(c) for c in d.counts)) for d in picked)
    lines = (
        "cards that reached each column or a later one, at the end of each week and "
        "today (JSON: every day); a band that widens is where work piles up",
    )
    table = Table(("end of", *cfd.columns), rows, frozenset(range(1, len(cfd.columns) + 1)))
    return Section("Cumulative flow", lines, table=table)


def _littles_law(report: MetricsReport) -> Section:
    law = report.metrics.littles_law
    lines = [
        f"average WIP {law.average_wip:.1f} / average throughput "
        f"{law.average_throughput:.2f} a day = {number(law.predicted_cycle_time)} days; "
        f"measured mean cycle time: {number(law.mean_cycle_time)} days",
        f"{'stable' if law.stable else 'not stable'}: {law.reason} "
        f"(WIP {law.wip_start} → {law.wip_end})",
        "Little's Law holds only for a stable flow: a check, not a forecast",
    ]
    return Section("Little's Law", tuple(lines))


def _bottleneck(report: MetricsReport) -> Section:
    c = report.constraint
    verdict = f"{c.column} ({c.rule})" if c.column else "none"
    return Section(f"Bottleneck: {verdict}", bullets=c.evidence)


def sections(report: MetricsReport) -> list[Section]:
    found = [
        _times(report),
        _sle(report),
        _ages(report),
        _weeks(report),
        _columns(report),
        _people(report),
        _efficiency(report),
        *_blocked(report),
        _unplanned(report),
        _cfd(report),
        _littles_law(report),
        _bottleneck(report),
    ]
    return [s for s in found if s is not None]
