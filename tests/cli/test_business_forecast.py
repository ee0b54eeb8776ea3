"""``kanban forecast`` and ``kanban metrics`` on a business-day board, over the steady history of
tests/cli/test_forecast.py: two cards finished every day (weekends too) from Sun 25 Oct to
Mon 23 Nov 2026; today is Tue 24 Nov."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.cli.histories import built_once, copy_built, steady_history

_built = built_once(steady_history, "steady")


@pytest.fixture
def board(db: Path, _built: Path, monkeypatch: pytest.MonkeyPatch, kanban) -> Path:
    copy_built(_built, db, monkeypatch)
    assert kanban("board", "business-days", "Kanban", "on").code == 0
    return db


def test_the_forecast_samples_business_days_and_keeps_every_finish(board, kanban):
    data = json.loads(kanban("forecast", "9", "--seed", "1", "--format", "json").out)
    # The board's history starts on Sun 25 Oct: the complete business days are Mon 26 Oct to
    # Mon 23 Nov, 21 of them. Weekend finishes count on the Monday after (Sun 25 Oct's on
    # Mon 26), so all 60 finishes are sampled.
    assert (data["history_days"], data["finished_in_history"]) == (21, 60)
    assert all(date.fromisoformat(d).weekday() < 5 for d in data["when"].values())
    text = kanban("forecast", "9", "--seed", "1").out
    assert (
        "From the daily throughput of the last 21 complete business days "
        "(Mon 26 Oct – Mon 23 Nov: 60 finished)\n"
    ) in text


def test_metrics_per_day_series_hold_business_dates_only(board, kanban):
    data = json.loads(kanban("metrics", "--days", "14", "--format", "json").out)
    assert data["business_days"] is True
    # 14 days ending Tue 24 Nov: Wed 11 - Tue 24, of which 10 are business days.
    for series in (data["throughput"]["per_day"], data["wip"]["per_day"], data["cfd"]["days"]):
        days = [date.fromisoformat(d["date"]) for d in series]
        assert len(days) == 10 and all(d.weekday() < 5 for d in days)
    counts = {d["date"]: d["count"] for d in data["throughput"]["per_day"]}
    # Mondays carry the weekend: Sat + Sun + Mon = 6; other days 2; today (Tue) nothing yet.
    assert (counts["2026-11-16"], counts["2026-11-23"], counts["2026-11-20"]) == (6, 6, 2)
    assert counts["2026-11-24"] == 0
