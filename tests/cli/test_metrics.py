"""``kanban metrics`` on a history written through the service (tests/cli/histories.py:
``flow_history``), every number worked out by hand below. Now: Tue 24 Nov 2026 09:00 UTC.

Card i (1..10) starts on Nov i and finishes CYCLE[i-1] - 1 days later:
cycle times sorted 1 2 2 3 3 4 5 6 8 10 (n = 10, sum 44); docs/flow.md's element floor(n * p):
p50 -> 5th = 3, p70 -> 7th = 5, p85 -> 8th = 6, p95 -> 9th = 8; mean 4.4. Lead times are one
day more: 4 / 6 / 7 / 9, mean 5.4. The window is 90 days, cut to the first event (31 Oct):
31 Oct - 24 Nov, 25 days.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import files_of
from tests.cli.histories import NOW, built_once, copy_built, flow_history

_built = built_once(flow_history, "flow")


@pytest.fixture
def board(db: Path, _built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return copy_built(_built, db, monkeypatch)


def test_json_has_the_contract_with_the_numbers_worked_out(board, kanban):
    result = kanban("metrics", "--format", "json")
    assert (result.code, result.err) == (0, "")
    data = json.loads(result.out)
    assert data["window"] == {"start": "2026-10-31", "end": "2026-11-24", "days": 25}
    assert data["cycle_time"] == {"n": 10, "p50": 3, "p70": 5, "p85": 6, "p95": 8, "mean": 4.4}
    assert data["lead_time"] == {"n": 10, "p50": 4, "p70": 6, "p85": 7, "p95": 9, "mean": 5.4}
    assert data["sle"] == {"days": 6, "percentile": 85, "n": 10, "set_by_team": False}
    # Finished per day: Nov 1, 3, 4, 6, 7, 9, 11, 13, 16, 19; none in Oct; zero days listed.
    per_day = data["throughput"]["per_day"]
    assert len(per_day) == 25 and per_day[0] == {"date": "2026-10-31", "count": 0}
    finished = {d["date"][-2:] for d in per_day if d["count"]}
    assert finished == {"01", "03", "04", "06", "07", "09", "11", "13", "16", "19"}
    assert data["throughput"]["last_7_days"] == 1  # 18-24 Nov: card 10 on the 19th
    # WIP now: Patch servers (In Progress) and Vendor quote (Ready).
    assert data["wip"]["current"] == 2 and data["wip"]["per_day"][-1]["count"] == 2
    # Every card: Ready at 09:00, In Progress at 12:00, Done at 18:00 (c - 1) days later:
    # cycle = 24h(c-1) + 9h, active = 24h(c-1) + 6h; summed: 906 h and 876 h.
    assert data["flow_efficiency"] == round(876 / 906, 4) == 0.9669
    assert data["unplanned_share"] == {
        "wip": 0.5,
        "throughput": 0.1,
        "wip_cards": {"unplanned": 1, "all": 2},
        "finished_cards": {"unplanned": 1, "all": 10},
    }
    # CFD on the last day: 12 live cards reached Backlog and Ready (11 skipped Ready), 11 In
    # Progress, 10 Review (skipped: zero time in it) and Done. The deleted card is nowhere.
    assert data["cfd"]["columns"] == ["Backlog", "Ready", "In Progress", "Review", "Done"]
    assert data["cfd"]["days"][-1] == {"date": "2026-11-24", "counts": [12, 12, 11, 10, 10]}
    assert data["bottleneck"] == {
        "column": "In Progress",
        "rule": "oldest work",
        "evidence": [
            "In Progress holds the oldest work",
            # end of 10 Nov: Ready 0, In Progress 4 (cards 7-10), Review 0; now 1, 1, 0
            "Ready grew the most in the last 14 days (0 → 1 card: its CFD band widened)",
            # In Progress: cards 1-10 stay c days (44) + card 11 since 21 Nov (4): 48 / 11
            "In Progress has the longest average time in column (4.4 days per stay, 11 stays)",
        ],
    }


def test_json_extra_keys(board, kanban):
    data = json.loads(kanban("metrics", "--format", "json").out)
    assert data["work_item_age"] == [
        # 21-24 Nov and 22-24 Nov; percentiles 50th 3, 70th 5: both at "watch"
        {"id": 11, "title": "Patch servers", "column": "In Progress", "days": 4, "aging": "watch"},
        {"id": 12, "title": "Vendor quote", "column": "Ready", "days": 3, "aging": "watch"},
    ]
    assert data["aging_rule"]["basis"] == "percentiles"
    assert (data["aging_rule"]["watch"], data["aging_rule"]["warning"]) == (3, 5)
    assert data["blocked"] == [
        {"id": 12, "title": "Vendor quote", "blocks": 1, "days": 1.0, "blocked_now": True}
    ]
    assert data["blocker_reasons"] == [{"reason": "waiting for vendor", "count": 1, "days": 1.0}]
    assert data["people"] == [{"name": "Brent", "cards": 1}, {"name": "Wes", "cards": 1}]
    law = data["littles_law"]
    # arrivals: cards 1-10, 11 and 12 started in the window; 10 finished: within 20% -> stable
    assert (law["arrivals"], law["departures"], law["stable"]) == (12, 10, True)
    assert (law["wip_start"], law["wip_end"]) == (0, 2)
    progress = data["columns"][2]
    assert progress == {
        "name": "In Progress",
        "kind": "active",
        "cards": 1,
        "wip_limit": 3,
        "utilisation": 0.3333,
        "wait": 0.5,
        "stays": 11,
        "mean_days": 4.36,
    }  # u = 1/3, u / (1 - u) = 0.5
    assert data["wait_rule"].startswith("rule of thumb")


def test_a_short_window_has_not_enough_history(board, kanban):
    data = json.loads(kanban("metrics", "--days", "7", "--format", "json").out)
    assert data["window"] == {"start": "2026-11-18", "end": "2026-11-24", "days": 7}
    # only card 10 finished (19 Nov): n = 1, no percentiles, the mean of one value
    assert data["cycle_time"] == {
        "n": 1,
        "p50": None,
        "p70": None,
        "p85": None,
        "p95": None,
        "mean": 10.0,
    }
    assert data["sle"]["days"] is None
    text = kanban("metrics", "--days", "7").out
    rows = [line.split() for line in text.splitlines()]
    assert ["cycle", "time", "1", "not", "enough", "history", "10.0"] in rows
    assert "not enough history: 1 cycle time (need 5)" in text


def test_text_shows_every_section(board, kanban):
    result = kanban("metrics")
    assert (result.code, result.err) == (0, "")
    out = result.out
    assert out.startswith(
        "Kanban metrics, Sat 31 Oct – Tue 24 Nov 2026 (25 days), Tue 24 Nov 2026 09:00 UTC\n"
    )
    rows = [line.split() for line in out.splitlines()]
    assert ["cycle", "time", "10", "3", "5", "8", "8", "4.4"] not in rows  # not the old rule
    assert ["cycle", "time", "10", "3", "5", "6", "8", "4.4"] in rows
    assert ["lead", "time", "10", "4", "6", "7", "9", "5.4"] in rows
    assert "85% of cards finish within 6 days (the 85th percentile of 10 cycle times)" in out
    # ages 4 and 3 against p50 = 3, p70 = 5: both "watch"
    assert ["#11", "Patch", "servers", "In", "Progress", "4", "watch", "(≥", "50th", "3d)"] in rows
    assert "Aging rule: percentiles: age against the cycle times of 10 cards finished" in out
    for title in (
        "Throughput and WIP per week",
        "Columns",
        "Work in progress per person",
        "Flow efficiency",
        "Blocker reasons",
        "Blocked time per card",
        "Unplanned work",
        "Cumulative flow",
        "Little's Law",
        "Bottleneck: In Progress (oldest work)",
    ):
        assert f"\n{title}\n" in out, title
    assert "97% of the cycle time was spent in active columns" in out
    assert "share of work in progress now: 1 of 2 (50%)" in out
    assert ["Tue", "24", "Nov", "12", "12", "11", "10", "10"] in rows  # the CFD's last row
    assert "  • Ready grew the most in the last 14 days" in out


def test_markdown_tables(board, kanban):
    result = kanban("metrics", "--format", "markdown")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("## Kanban metrics, Sat 31 Oct")
    assert "| cycle time | 10 | 3 | 5 | 6 | 8 | 4.4 |" in lines
    assert "|---|---:|---:|---:|---:|---:|---:|" in lines
    assert "| #12 | Vendor quote | Ready | 3 | watch (≥ 50th 3d) |" in lines
    assert "- In Progress holds the oldest work" in lines


def test_an_empty_board_says_so(kanban, monkeypatch):
    monkeypatch.setenv("KANBAN_NOW", NOW.isoformat())
    data = json.loads(kanban("metrics", "--format", "json").out)
    assert data["cycle_time"]["n"] == 0 and data["cycle_time"]["mean"] is None
    assert data["flow_efficiency"] is None and data["wip"]["current"] == 0
    assert data["bottleneck"]["column"] is None
    assert data["window"]["days"] == 1  # the board's first day is today
    assert "no card in progress" in kanban("metrics").out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["metrics", "--days", "0"], "argument --days: a whole number of at least 1, not '0'"),
        (["metrics", "--days", "ten"], "argument --days: a whole number of at least 1"),
        (["metrics", "--format", "csv"], "argument --format: invalid choice"),
        (["metrics", "--board", "Nope"], "no board named 'Nope'"),
    ],
)
def test_bad_input_exits_2(board, kanban, argv, message):
    before = files_of(board)
    result = kanban(*argv)
    assert (result.code, result.out) == (2, "")
    assert len(result.err_lines) == 1 and message in result.err
    assert files_of(board) == before


def test_a_narrow_terminal_cuts_titles_short_not_columns(board, kanban, monkeypatch):
    title = "A very long title " * 5
    assert kanban("add", title, "--column", "In Progress").code == 0
    monkeypatch.setenv("COLUMNS", "60")
    lines = kanban("metrics").out.splitlines()
    head = lines.index("Work item age") + 3
    assert lines[head].split()[:3] == ["id", "card", "column"]
    row = lines[head + 1]
    assert row.startswith("#11  Patch servers")
    assert row.split()[-4:] == ["watch", "(≥", "50th", "3d)"]
    long = next(line for line in lines if line.startswith("#14 "))
    assert "…" in long and long.split()[-3:] == ["In", "Progress", "1"] and len(long) <= 60


def test_a_finished_card_keeps_its_title_in_the_report(board, kanban):
    """The report reads whole only the cards in progress (the bottleneck, the people's load);
    the cards it names elsewhere keep their titles."""
    assert kanban("move", "12", "Done").code == 0  # blocked in the window, finished now
    data = json.loads(kanban("metrics", "--format", "json").out)
    assert [(b["id"], b["title"]) for b in data["blocked"]] == [(12, "Vendor quote")]
    assert "#12  Vendor quote" in kanban("metrics").out
