"""``kanban summary`` in text, Markdown and JSON, plain and as a standup, with a frozen clock
(the history in conftest.py: Tuesday 24 Nov 2026 09:00 UTC, and Monday 23 Nov 08:00)."""

from __future__ import annotations

import json
from datetime import timedelta

from kanban.services import KanbanService
from tests.cli.conftest import TUESDAY


def _column(name: str, kind: str, limit: int | None, count: int, status: str = "ok") -> dict:
    return {
        "name": name,
        "kind": kind,
        "wip_limit": limit,
        "wip_min": None,
        "count": count,
        "status": status,
    }


COLUMNS = [
    _column("Backlog", "backlog", None, 0),
    _column("Ready", "queue", 5, 1),
    _column("In Progress", "active", 3, 4, "over"),
    _column("Review", "queue", 2, 1),
    _column("Done", "done", None, 3),
]


def test_summary_json_on_tuesday(tuesday, kanban):
    result = kanban("summary", "--format", "json")
    assert result.code == 0 and result.err == ""
    assert json.loads(result.out) == {
        "board": "Kanban",
        "generated_at": "2026-11-24T09:00:00+00:00",
        "columns": COLUMNS,
        "breaches": [{"column": "In Progress", "count": 4, "limit": 3}],
        "aging": [
            {
                "id": 1,
                "title": "Rewrite billing",
                "column": "In Progress",
                "days_in_column": 9,
                "age_days": None,
                "aging": "critical",
                "threshold": 7,
            },
            {
                "id": 6,
                "title": "Vendor quote",
                "column": "Ready",
                "days_in_column": 6,
                "age_days": None,
                "aging": "warning",
                "threshold": 3,
            },
            {
                "id": 7,
                "title": "Load test",
                "column": "Review",
                "days_in_column": 5,
                "age_days": None,
                "aging": "warning",
                "threshold": 3,
            },
            {
                "id": 5,
                "title": "Patch servers",
                "column": "In Progress",
                "days_in_column": 3,
                "age_days": None,
                "aging": "warning",
                "threshold": 3,
            },
        ],
        "aging_rule": {  # three cards finished: too few for the percentiles
            "basis": "fixed",
            "measure": "days_in_column",
            "watch": None,
            "warning": 3,
            "critical": 7,
            "finished": 3,
            "window_days": 90,
            "sle_set": False,
        },
        "blocked": [
            {"id": 1, "title": "Rewrite billing", "reason": "needs a DBA", "days_blocked": 4},
            {"id": 6, "title": "Vendor quote", "reason": "waiting for vendor", "days_blocked": 2},
        ],
        "bottleneck": {
            "column": "In Progress",
            "reason": "In Progress is over its WIP limit (4/3)",
            "rule": "over limit",
            "evidence": [  # the verdict's reason, then what the history shows
                "In Progress is over its WIP limit (4/3)",
                "In Progress grew the most in the last 14 days (0 → 4 cards: its CFD band widened)",
                "Review has the longest average time in column (4.5 days per stay, 2 stays)",
            ],
        },
        "people": [{"name": "Brent", "wip": 1, "limit": None, "over": False}],
        "expedite": [],
    }


def test_standup_json_on_tuesday_covers_monday_from_midnight(tuesday, kanban):
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert data["since"] == "2026-11-23T00:00:00+00:00"
    # #2 started on creation in Ready (Mon 16) and finished Mon 23: 23 - 16 + 1 = 8 days; only
    # 3 cards have finished (#3, #4, #2), under 5: no SLE yet, so past_sle is null.
    assert data["finished"] == [
        {
            "id": 2,
            "title": "Ship release",
            "column": "Done",
            "at": "2026-11-23T15:00:00+00:00",
            "cycle_time": 8,
            "past_sle": None,
            "by": None,  # written by a service without an author
        }
    ]
    assert data["moved"] == [
        {
            "id": 8,
            "title": "Fix login",
            "from": "Ready",
            "to": "In Progress",
            "at": "2026-11-23T09:00:00+00:00",
            "by": None,
        }
    ]
    assert data["newly_blocked"] == [
        {
            "id": 6,
            "title": "Vendor quote",
            "column": "Ready",
            "reason": "waiting for vendor",
            "at": "2026-11-23T11:00:00+00:00",
            "by": None,
        }
    ]
    assert data["columns"] == COLUMNS[::-1]  # a standup walks the board right to left
    assert [card["id"] for card in data["aging"]] == [1, 6, 7, 5]


def test_standup_json_on_monday_covers_friday_and_the_weekend(monday, kanban):
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert data["generated_at"] == "2026-11-23T08:00:00+00:00"
    assert data["since"] == "2026-11-20T00:00:00+00:00"
    # #3 finished Thursday 23:30, before the window; #4 on Friday 16:00, inside it.
    assert [(c["id"], c["at"]) for c in data["finished"]] == [(4, "2026-11-20T16:00:00+00:00")]
    # #7 moved at Friday 00:30 (just inside), #5 on Sunday; both in their new columns still.
    assert [(c["id"], c["from"], c["to"]) for c in data["moved"]] == [
        (7, "In Progress", "Review"),
        (5, "Ready", "In Progress"),
    ]
    assert [(c["id"], c["reason"]) for c in data["newly_blocked"]] == [(1, "needs a DBA")]
    assert data["breaches"] == []
    assert [(c["name"], c["count"], c["status"]) for c in data["columns"]] == [
        ("Done", 2, "ok"),
        ("Review", 1, "ok"),
        ("In Progress", 3, "at"),
        ("Ready", 2, "ok"),
        ("Backlog", 0, "ok"),
    ]
    assert [(c["id"], c["days_in_column"], c["aging"]) for c in data["aging"]] == [
        (1, 8, "critical"),
        (2, 7, "critical"),
        (6, 5, "warning"),
        (7, 4, "warning"),
        (8, 4, "warning"),
    ]
    assert data["blocked"] == [
        {"id": 1, "title": "Rewrite billing", "reason": "needs a DBA", "days_blocked": 3}
    ]
    assert (data["bottleneck"]["column"], data["bottleneck"]["reason"]) == (
        "In Progress",
        "In Progress holds the oldest work",
    )


def test_standup_window_opens_at_local_midnight(tuesday, kanban, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Berlin")  # Monday 00:00 in Berlin is Sunday 23:00 UTC
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert data["since"] == "2026-11-22T23:00:00+00:00"
    assert [c["id"] for c in data["finished"]] == [2]


def test_plain_summary_json_has_no_standup_keys(tuesday, kanban):
    data = json.loads(kanban("summary", "--format", "json").out)
    assert not {"since", "finished", "moved", "newly_blocked"} & set(data)


def test_summary_text_on_tuesday(tuesday, kanban):
    result = kanban("summary")
    assert result.code == 0
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[0] == "Kanban summary, Tue 24 Nov 2026 09:00 UTC"
    assert "\x1b[" not in result.out  # no colour codes in a pipe
    table = lines[lines.index("Columns") + 1 : lines.index("Columns") + 7]
    assert [line.split() for line in table] == [
        ["Column", "Cards", "Status"],
        ["Backlog", "0", "ok"],
        ["Ready", "1/5", "ok"],
        ["In", "Progress", "4/3", "⚠", "over", "limit"],
        ["Review", "1/2", "ok"],
        ["Done", "3", "ok"],
    ]
    assert "Breaches (1)\n  In Progress 4/3\n" in result.out
    assert (
        "Aging (4)\n"
        "  #1 Rewrite billing  In Progress, 9 days in column (critical ≥ 7d)\n"
        "  #6 Vendor quote  Ready, 6 days in column (warning ≥ 3d)\n"
        "  #7 Load test  Review, 5 days in column (warning ≥ 3d)\n"
        "  #5 Patch servers  In Progress, 3 days in column (warning ≥ 3d)\n"
    ) in result.out
    assert (
        "Blocked (2)\n"
        "  #1 Rewrite billing  ⛔ needs a DBA, 4 days\n"
        "  #6 Vendor quote  ⛔ waiting for vendor, 2 days\n"
    ) in result.out
    assert lines[-3:] == [
        "Bottleneck: In Progress is over its WIP limit (4/3)",
        "  evidence: In Progress grew the most in the last 14 days (0 → 4 cards: its CFD band"
        " widened)",
        "  evidence: Review has the longest average time in column (4.5 days per stay, 2 stays)",
    ]
    assert "Finished" not in result.out


def test_standup_text_on_monday(monday, kanban):
    out = kanban("summary", "--standup").out
    assert out.startswith("Kanban standup, Mon 23 Nov 2026 08:00 UTC\nsince Fri 20 Nov 00:00\n")
    # #4 started on creation in Review Tue 17, finished Fri 20: 20 - 17 + 1 = 4 days (no SLE
    # yet with 2 finished cards, so nothing about it).
    assert "Finished (1)\n  #4 Print labels  in Done, cycle time 4 days\n" in out
    assert (
        "Moved (2)\n  #7 Load test  In Progress → Review\n  #5 Patch servers  Ready → In Progress\n"
    ) in out
    assert "Newly blocked (1)\n  #1 Rewrite billing  ⛔ needs a DBA\n" in out
    # The walk, right to left: each column's load, then the cards to talk about (blocked, or
    # aging at warning or critical by the fixed rule: 3 and 7 days in column).
    assert (
        "Walk the board (right to left)\n"
        "  Done 2\n"
        "  Review 1/2\n"
        "    #7 Load test  4 days in column (warning ≥ 3d)\n"
        "  In Progress 3/3  at limit\n"
        "    #1 Rewrite billing  ⛔ needs a DBA, 3 days · 8 days in column (critical ≥ 7d)\n"
        "    #2 Ship release  7 days in column (critical ≥ 7d)\n"
        "  Ready 2/5\n"
        "    #6 Vendor quote  5 days in column (warning ≥ 3d)\n"
        "    #8 Fix login  4 days in column (warning ≥ 3d)\n"
        "  Backlog 0\n"
        "  Aging rule: fixed: days in column"
    ) in out
    assert "Columns" not in out and "Breaches" not in out  # the walk says it
    assert "\nBottleneck: In Progress holds the oldest work\n" in out


def test_summary_markdown_on_tuesday(tuesday, kanban):
    out = kanban("summary", "--format", "markdown").out
    assert out.startswith("## Kanban summary, Tue 24 Nov 2026 09:00 UTC\n")
    assert (
        "| Column | Cards | Status |\n"
        "|---|---:|---|\n"
        "| Backlog | 0 | ok |\n"
        "| Ready | 1/5 | ok |\n"
        "| In Progress | 4/3 | ⚠ over limit |\n"
        "| Review | 1/2 | ok |\n"
        "| Done | 3 | ok |\n"
    ) in out
    assert "### Breaches (1)\n\n- **In Progress** 4/3\n" in out
    assert "- #1 Rewrite billing: **In Progress, 9 days in column (critical ≥ 7d)**\n" in out
    assert "- #5 Patch servers: In Progress, 3 days in column (warning ≥ 3d)\n" in out
    assert (
        "### Blocked (2)\n\n"
        "- #1 Rewrite billing: ⛔ needs a DBA, 4 days\n"
        "- #6 Vendor quote: ⛔ waiting for vendor, 2 days\n"
    ) in out
    assert out.endswith(
        "### Bottleneck: In Progress is over its WIP limit (4/3)\n\n"
        "- evidence: In Progress grew the most in the last 14 days (0 → 4 cards: its CFD band"
        " widened)\n"
        "- evidence: Review has the longest average time in column (4.5 days per stay, 2 stays)\n"
    )
    assert "Since" not in out


def test_standup_markdown_on_tuesday(tuesday, kanban):
    out = kanban("summary", "--standup", "--format", "markdown").out
    assert out.startswith(
        "## Kanban standup, Tue 24 Nov 2026 09:00 UTC\n\nSince Mon 23 Nov 00:00.\n"
    )
    assert "### Finished (1)\n\n- #2 Ship release (in Done, cycle time 8 days)\n" in out
    assert "### Moved (1)\n\n- #8 Fix login: Ready → In Progress\n" in out
    assert "### Newly blocked (1)\n\n- #6 Vendor quote: ⛔ waiting for vendor\n" in out
    assert (
        "### Walk the board (right to left)\n\n"
        "- **Done** 3\n"
        "- **Review** 1/2\n"
        "  - #7 Load test: 5 days in column (warning ≥ 3d)\n"
        "- **In Progress** 4/3 (⚠ over limit)\n"
        "  - #1 Rewrite billing: ⛔ needs a DBA, 4 days · 9 days in column (critical ≥ 7d)\n"
        "  - #5 Patch servers: 3 days in column (warning ≥ 3d)\n"
        "- **Ready** 1/5\n"
        "  - #6 Vendor quote: ⛔ waiting for vendor, 2 days · 6 days in column (warning ≥ 3d)\n"
        "- **Backlog** 0\n"
    ) in out
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert [(w["column"], w["status"], [c["id"] for c in w["cards"]]) for w in data["walk"]] == [
        ("Done", "ok", []),
        ("Review", "ok", [7]),
        ("In Progress", "over", [1, 5]),
        ("Ready", "ok", [6]),
        ("Backlog", "ok", []),
    ]
    assert data["walk"][2]["cards"][0] == {
        "id": 1,
        "title": "Rewrite billing",
        "blocked_reason": "needs a DBA",
        "days_blocked": 4,
        "aging": "critical",
        "age_days": None,
        "days_in_column": 9,
    }


def test_summary_of_a_named_board(tuesday, kanban):
    kanban("board", "create", "Ops")
    kanban("--board", "Ops", "add", "Only card", "--column", "Ready")
    data = json.loads(kanban("summary", "--board", "ops", "--format", "json").out)
    assert data["board"] == "Ops"
    assert [c["count"] for c in data["columns"]] == [0, 1, 0, 0, 0]
    assert (data["bottleneck"]["column"], data["bottleneck"]["reason"]) == (
        "Ready",
        "Ready holds the oldest work",
    )


def test_markdown_escapes_what_would_break_the_layout(tuesday, kanban):
    kanban("block", "9", "vendor | *legal*")
    kanban("edit", "9", "--title", "Fix [it]_now_")
    out = kanban("summary", "--format", "markdown").out
    assert "- #9 Fix \\[it\\]\\_now\\_: ⛔ vendor \\| \\*legal\\*, 1 day\n" in out


def test_text_and_markdown_list_twenty_cards_and_count_the_rest(db, kanban, monkeypatch):
    service = KanbanService.open(db, clock=lambda: TUESDAY - timedelta(days=10))
    for n in range(25):
        service.add_card(service.board().id, f"Old {n + 1}", column="Ready")
    service.close()
    monkeypatch.setenv("KANBAN_NOW", TUESDAY.isoformat())
    text = kanban("summary").out
    assert "Aging (25)\n" in text
    more = "  … and 5 more (--format json lists all)\n"
    assert "  #20 Old 20  Ready, 11 days in column (critical ≥ 7d)\n" + more in text
    assert "#21 Old 21" not in text
    markdown = kanban("summary", "--format", "markdown").out
    assert "- #20 Old 20: **Ready, 11 days in column (critical ≥ 7d)**\n- … and 5 more" in markdown
    assert len(json.loads(kanban("summary", "--format", "json").out)["aging"]) == 25
