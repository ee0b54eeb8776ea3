"""JSON of ``kanban metrics`` and ``kanban forecast``, for scripts: a stable contract (keys are
only ever added). Conventions as in ``json_report``; dates are local dates ``"2026-11-24"``;
days are counted inclusively (started and finished the same day: 1); mean days are rounded to
2 decimals, ratios (0-1) to 4; ``null`` where there is no history.

``kanban metrics --format json``::

    {"board": str, "generated_at": time,
     "business_days": bool,   # days count Monday-Friday only (per-day series: business dates)
     "window": {"start": date, "end": date, "days": int},
     "cycle_time": {"n": int, "p50": int|null, "p70", "p85", "p95", "mean": float|null},
     "lead_time":  {...same...},                      # percentiles null while n < 5
     "throughput": {"per_day": [{"date", "count"}],   # every day of the window, zeros too
                    "last_7_days": int,               # the 7 days ending today, today included
                    "per_week": [{"week": date (Monday), "count", "days": int}]},
     "wip": {"current": int, "per_day": [{"date", "count"}]},   # at the end of each day
     "sle": {"days": int|float|null, "percentile": 85, "n": int, "set_by_team": bool},
     "flow_efficiency": float|null,                   # active, not blocked / cycle time
     "flow_efficiency_cards": int,
     "unplanned_share": {"wip": float|null, "throughput": float|null,
                         "wip_cards": {"unplanned", "all"}, "finished_cards": {"unplanned", "all"}},
     "work_item_age": [{"id", "title", "column", "days",
                        "aging": "ok"|"watch"|"warning"|"critical"|null}],  # oldest first;
                                      # aging by the board's rule (null: the fixed rule, which
                                      # judges days in column, not age)
     "aging_rule": rule,                              # as in ``kanban ls --format json``
     "blocked": [{"id", "title", "blocks", "days": float, "blocked_now": bool}],
     "blocker_reasons": [{"reason", "count", "days": float}],
     "work_mix": [{"week": date, "business", "internal", "change", "unplanned": int}],
     "columns": [{"name", "kind", "cards", "wip_limit", "utilisation": float|null,
                  "wait": float|null, "stays": int, "mean_days": float|null}],
     "wait_rule": str,                                # the rule of thumb's label
     "people": [{"name", "cards"}],                   # in progress per assignee
     "cfd": {"columns": [str], "days": [{"date", "counts": [int]}]},   # left to right
     "littles_law": {"average_wip", "average_throughput", "predicted_cycle_time",
                     "mean_cycle_time", "arrivals", "departures", "wip_start", "wip_end",
                     "stable": bool, "reason": str},
     "bottleneck": {"column": str|null, "rule": "over limit"|"oldest work"|null,
                    "evidence": [str]}}

``kanban forecast N [--by DATE] --format json``::

    {"board": str, "today": date, "items": int, "trials": int,
     "history_days": int,                             # complete days sampled
     "finished_in_history": int, "seed": int|null,
     "when": {"50": date|null, "70", "85", "95"},     # N items done on or before
     "horizon": date,                                 # null "when": not by this date
     "how_many": {"50": int|null, "70", "85", "95"},  # with --by: at least, by DATE
     "by": date,                                      # with --by
     "reason": str}                                   # only when there is too little history
"""

from __future__ import annotations

from datetime import date
from typing import Any

from kanban.domain.metrics.percentiles import PERCENTS, Percentiles
from kanban.domain.metrics.queueing import RULE_OF_THUMB
from kanban.domain.metrics.report import Forecast, MetricsReport
from kanban.domain.metrics.throughput import DayCount
from kanban.domain.metrics.work_mix import Share
from kanban.reports.json_report import iso, rule_json

DAY_SECONDS = 86400


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _date(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _percentiles(p: Percentiles) -> dict[str, Any]:
    return {"n": p.n, "p50": p.p50, "p70": p.p70, "p85": p.p85, "p95": p.p95, "mean": _days(p.mean)}


def _per_day(days: tuple[DayCount, ...]) -> list[dict[str, Any]]:
    return [{"date": d.day.isoformat(), "count": d.count} for d in days]


def _share(value: Share) -> dict[str, int]:
    return {"unplanned": value.part, "all": value.whole}


def metrics_json(report: MetricsReport) -> dict[str, Any]:
    m = report.metrics
    names = {c.id: c.name for c in report.history.columns}
    times = {t.column_id: t for t in m.column_times}
    law = m.littles_law
    c = report.constraint
    rule = report.aging_rule
    return {
        "board": report.board.name,
        "generated_at": iso(report.now),
        "business_days": report.history.business_days,
        "window": {"start": _date(m.start), "end": _date(m.end), "days": report.days},
        "cycle_time": _percentiles(m.cycle_time),
        "lead_time": _percentiles(m.lead_time),
        "throughput": {
            "per_day": _per_day(m.throughput),
            "last_7_days": report.last_7_days,
            "per_week": [
                {"week": _date(w.week), "count": w.count, "days": w.days}
                for w in m.throughput_weeks
            ],
        },
        "wip": {"current": report.wip, "per_day": _per_day(m.wip)},
        "sle": {
            "days": m.sle.days,
            "percentile": m.sle.percent,
            "n": m.sle.n,
            "set_by_team": m.sle.set_by_team,
        },
        "flow_efficiency": _ratio(m.flow_efficiency.ratio),
        "flow_efficiency_cards": m.flow_efficiency.n,
        "unplanned_share": {
            "wip": _ratio(m.unplanned.wip.ratio),
            "throughput": _ratio(m.unplanned.throughput.ratio),
            "wip_cards": _share(m.unplanned.wip),
            "finished_cards": _share(m.unplanned.throughput),
        },
        "work_item_age": [
            {
                "id": a.card_id,
                "title": report.titles.get(a.card_id),
                "column": names.get(a.column_id),
                "days": a.days,
                "aging": rule.level(a.days).value if rule.percentiles else None,
            }
            for a in m.ages
        ],
        "aging_rule": rule_json(rule),
        "blocked": [
            {
                "id": b.card_id,
                "title": report.titles.get(b.card_id),
                "blocks": b.spans,
                "days": _days(b.days),
                "blocked_now": b.blocked_now,
            }
            for b in m.blocked
        ],
        "blocker_reasons": [
            {
                "reason": r.reason,
                "count": r.count,
                "days": _days(r.total.total_seconds() / DAY_SECONDS),
            }
            for r in m.blocker_reasons
        ],
        "work_mix": [
            {"week": _date(w.week), **{t.type.value: t.count for t in w.counts}} for w in m.work_mix
        ],
        "columns": [
            {
                "name": column.name,
                "kind": column.kind.value,
                "cards": wait.wip,
                "wip_limit": column.wip_limit,
                "utilisation": _ratio(wait.utilisation),
                "wait": _ratio(wait.wait),
                "stays": times[column.id].stays if column.id in times else 0,
                "mean_days": _days(times[column.id].mean_days) if column.id in times else None,
            }
            for column, wait in zip(report.history.columns, m.waits, strict=True)
        ],
        "wait_rule": RULE_OF_THUMB,
        "people": [{"name": w.name, "cards": w.wip} for w in report.people],
        "cfd": {
            "columns": list(m.cfd.columns),
            "days": [{"date": d.day.isoformat(), "counts": list(d.counts)} for d in m.cfd.days],
        },
        "littles_law": {
            "average_wip": _days(law.average_wip),
            "average_throughput": _days(law.average_throughput),
            "predicted_cycle_time": _days(law.predicted_cycle_time),
            "mean_cycle_time": _days(law.mean_cycle_time),
            "arrivals": law.arrivals,
            "departures": law.departures,
            "wip_start": law.wip_start,
            "wip_end": law.wip_end,
            "stable": law.stable,
            "reason": law.reason,
        },
        "bottleneck": {"column": c.column, "rule": c.rule, "evidence": list(c.evidence)},
    }


def forecast_json(found: Forecast) -> dict[str, Any]:
    when = found.when
    data: dict[str, Any] = {
        "board": found.board.name,
        "today": _date(found.today),
        "items": when.items,
        "trials": when.trials,
        "history_days": when.history_days,
        "finished_in_history": sum(found.samples),
        "seed": found.seed,
        "when": dict(
            zip(
                map(str, PERCENTS),
                map(_date, (when.p50, when.p70, when.p85, when.p95)),
                strict=True,
            )
        ),
        "horizon": _date(when.horizon),
    }
    many = found.how_many
    if many is not None:
        data["how_many"] = dict(
            zip(map(str, PERCENTS), (many.p50, many.p70, many.p85, many.p95), strict=True)
        )
        data["by"] = _date(many.by)
    if when.reason:
        data["reason"] = when.reason
    return data
