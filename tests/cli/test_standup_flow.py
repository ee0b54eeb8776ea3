"""The standup's flow figures (docs/flow.md, "The standup") in JSON, text and Markdown, from a
history built through the service with a moving clock, read with the clock frozen on Tuesday
24 Nov 2026 09:00 UTC (TZ=UTC; the standup covers Monday 23 from 00:00).

====  ========  ===========================================================================
id    title     what happens
====  ========  ===========================================================================
1     Alpha     Mon 16 09:00 Ready; Tue 17 10:00 -> Done          cycle time 17-16+1 = 2
2     Epic      Mon 16 09:30 Ready; Mon 23 10:00 -> Done          cycle time 23-16+1 = 8
3     Bravo     Tue 17 09:00 Ready; Wed 18 10:00 -> Done          cycle time 2
4     Charlie   Wed 18 09:00 Ready; Thu 19 10:00 -> Done          cycle time 2
5     Delta     Thu 19 09:00 Ready; Fri 20 10:00 -> Done          cycle time 2
6     Outage    Fri 20 09:00 Ready, unplanned, @Ana               in progress, age 24-20+1 = 5
7     Fix       Sat 21 09:00 Ready; Mon 23 12:00 -> Done          cycle time 23-21+1 = 3
8     Someday   Sun 22 09:00 Backlog, unplanned                   not started: not WIP
9     Hire      Mon 23 09:00 In Progress, @Ana                    in progress, age 2
10    Incident  Mon 23 09:30 Review, unplanned                    in progress, age 2
====  ========  ===========================================================================

Worked out:
- SLE: cycle times sorted [2, 2, 2, 2, 3, 8], n = 6; the 85th percentile is element
  max(1, floor(6 * 0.85)) = 5 (1-based): 3 days.
- Finished since Monday 00:00: #2 (8 days > 3: past the SLE), #7 (3 days: within, since "85%
  finish within 3 days" includes 3).
- Throughput of the last 7 days (Wed 18 .. Tue 24): #3, #4, #5, #2, #7 = 5 (#1, Tue 17, is
  outside).
- WIP: #6, #9, #10 = 3; average age (5 + 2 + 2) / 3 = 3.0 days; unplanned share of WIP: #6 and
  #10 of 3 = 0.6667. Load by person: Ana holds #6 and #9 = 2.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kanban.clock import local_tz
from kanban.domain.models import WorkType
from kanban.services import KanbanService
from tests.cli.conftest import TUESDAY, Clock, day


def _build(path: Path) -> None:
    clock = Clock(day(16, 8))
    service = KanbanService.open(path, clock=clock)
    board = service.board().id
    steps = [
        (day(16, 9), lambda: service.add_card(board, "Alpha", column="Ready")),
        (day(16, 9, 30), lambda: service.add_card(board, "Epic", column="Ready")),
        (day(17, 9), lambda: service.add_card(board, "Bravo", column="Ready")),
        (day(17, 10), lambda: service.move_card(1, "Done")),
        (day(18, 9), lambda: service.add_card(board, "Charlie", column="Ready")),
        (day(18, 10), lambda: service.move_card(3, "Done")),
        (day(19, 9), lambda: service.add_card(board, "Delta", column="Ready")),
        (day(19, 10), lambda: service.move_card(4, "Done")),
        (
            day(20, 9),
            lambda: service.add_card(
                board, "Outage", column="Ready", type=WorkType.UNPLANNED, assignee="Ana"
            ),
        ),
        (day(20, 10), lambda: service.move_card(5, "Done")),
        (day(21, 9), lambda: service.add_card(board, "Fix", column="Ready")),
        (
            day(22, 9),
            lambda: service.add_card(board, "Someday", column="Backlog", type=WorkType.UNPLANNED),
        ),
        (day(23, 9), lambda: service.add_card(board, "Hire", column="In Progress", assignee="Ana")),
        (
            day(23, 9, 30),
            lambda: service.add_card(board, "Incident", column="Review", type=WorkType.UNPLANNED),
        ),
        (day(23, 10), lambda: service.move_card(2, "Done")),
        (day(23, 12), lambda: service.move_card(7, "Done")),
    ]
    try:
        for moment, step in steps:
            clock.current = moment
            step()
    finally:
        service.close()


@pytest.fixture
def flow_board(db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _build(db)
    monkeypatch.setenv("KANBAN_NOW", TUESDAY.isoformat())
    return db


def test_standup_json_has_the_flow_figures(flow_board, kanban):
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert [(c["id"], c["cycle_time"], c["past_sle"]) for c in data["finished"]] == [
        (2, 8, True),
        (7, 3, False),
    ]
    assert data["sle"] == {"days": 3, "percentile": 85, "n": 6, "set_by_team": False}
    assert data["unplanned_share"] == {"wip": 0.6667, "wip_cards": {"unplanned": 2, "all": 3}}
    assert data["throughput_last_7_days"] == 5
    assert data["wip"] == 3
    assert data["average_age"] == 3.0
    assert data["people"] == [{"name": "Ana", "wip": 2, "limit": None, "over": False}]


def test_standup_text_has_the_flow_figures(flow_board, kanban):
    out = kanban("summary", "--standup").out
    assert (
        "Finished (2)\n"
        "  #2 Epic  in Done, cycle time 8 days, past the SLE\n"
        "  #7 Fix  in Done, cycle time 3 days, within the SLE\n"
    ) in out
    # docs/flow.md's order: ... the bottleneck, per-person load, then the flow figures.
    assert out.index("Bottleneck:") < out.index("Load by person (1)\n  Ana 2\n")
    assert out.endswith(
        "Flow\n"
        "  SLE: 85% of cards finish within 3 days (n=6)\n"
        "  Unplanned share of WIP: 67% (2 of 3)\n"
        "  Throughput, last 7 days: 5\n"
        "  WIP: 3\n"
        "  Average age: 3.0 days\n"
    )


def test_standup_markdown_has_the_flow_figures(flow_board, kanban):
    out = kanban("summary", "--standup", "--format", "markdown").out
    assert (
        "### Finished (2)\n\n"
        "- #2 Epic (in Done, cycle time 8 days, past the SLE)\n"
        "- #7 Fix (in Done, cycle time 3 days, within the SLE)\n"
    ) in out
    assert "### Load by person (1)\n\n- Ana 2\n" in out
    assert out.endswith(
        "### Flow\n\n"
        "- SLE: 85% of cards finish within 3 days (n=6)\n"
        "- Unplanned share of WIP: 67% (2 of 3)\n"
        "- Throughput, last 7 days: 5\n"
        "- WIP: 3\n"
        "- Average age: 3.0 days\n"
    )


def test_plain_summary_has_no_flow_figures(flow_board, kanban):
    result = kanban("summary", "--format", "json")
    assert result.code == 0
    data = json.loads(result.out)
    flow_keys = {"sle", "unplanned_share", "throughput_last_7_days", "wip", "average_age"}
    assert not flow_keys & set(data)


def test_service_standup_summary_carries_the_figures(flow_board):
    service = KanbanService.open(flow_board)
    try:
        board = service.board().id
        summary = service.summary(board, TUESDAY, local_tz(), standup=True)
    finally:
        service.close()
    flow = summary.standup.flow
    assert flow is not None
    assert (flow.sle.days, flow.sle.n, flow.wip, flow.average_age) == (3, 6, 3, 3.0)
    assert flow.cycle_times == {2: 8, 7: 3}


def test_without_enough_history_there_is_no_sle(monday, kanban):
    # Monday 23 Nov 08:00 of tests/cli/conftest.py: only #3 and #4 have finished (2 < 5).
    # WIP: #1 (started Mon 16: 8 days), #2 (Mon 16: 8), #5, #6, #7 (Thu 19: 5), #8 (Fri 20: 4)
    # = 6, average 35 / 6 = 5.83; #5 is the only unplanned one: 1/6 = 0.1667. Finished in
    # Tue 17 .. Mon 23: #3 (Thu 19) and #4 (Fri 20) = 2.
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert data["sle"] is None
    assert [(c["id"], c["cycle_time"], c["past_sle"]) for c in data["finished"]] == [(4, 4, None)]
    assert data["unplanned_share"] == {"wip": 0.1667, "wip_cards": {"unplanned": 1, "all": 6}}
    assert (data["throughput_last_7_days"], data["wip"], data["average_age"]) == (2, 6, 5.83)
    out = kanban("summary", "--standup").out
    assert "  SLE: not enough history (2 cycle times, need 5)\n" in out
    markdown = kanban("summary", "--standup", "--format", "markdown").out
    assert "- SLE: not enough history (2 cycle times, need 5)\n" in markdown


def test_no_work_in_progress_gives_nulls(db, kanban, monkeypatch):
    monkeypatch.setenv("KANBAN_NOW", datetime(2026, 11, 24, 9, tzinfo=UTC).isoformat())
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert data["unplanned_share"] == {"wip": None, "wip_cards": {"unplanned": 0, "all": 0}}
    assert (data["sle"], data["wip"], data["average_age"]) == (None, 0, None)
    assert data["throughput_last_7_days"] == 0
    assert "Average age: none in progress" in kanban("summary", "--standup").out


def test_six_finished_cards_switch_aging_to_the_percentiles(flow_board, kanban):
    # Cycle times [2, 2, 2, 2, 3, 8]: 50th element floor(6*.5)=3 -> 2, 70th floor(4.2)=4 -> 2,
    # 85th floor(5.1)=5 -> 3. So watch from 2, warning from 2 (warning wins), critical from 3.
    # Ages: #6 5 days -> critical; #9 and #10 2 days -> warning. Days in column would have
    # said: #6 5 days in Ready -> warning by the fixed rule (3/7), #9 and #10 nothing.
    data = json.loads(kanban("summary", "--format", "json").out)
    assert data["aging_rule"] == {
        "basis": "percentiles",
        "measure": "age",
        "watch": 2,
        "warning": 2,
        "critical": 3,
        "finished": 6,
        "window_days": 90,
        "sle_set": False,
    }
    assert [(a["id"], a["age_days"], a["aging"], a["threshold"]) for a in data["aging"]] == [
        (6, 5, "critical", 3),
        (9, 2, "warning", 2),
        (10, 2, "warning", 2),
    ]
    text = kanban("summary").out
    assert "  #6 Outage  Ready, age 5 days (critical ≥ 85th 3d)\n" in text
    assert (
        "  Aging rule: percentiles: age against the cycle times of 6 cards finished in 90 days,"
        " watch ≥ 2 (50th), warning ≥ 2 (70th), critical ≥ 3 (85th)\n"
    ) in text
    listed = kanban("ls").out
    assert "#6 [unplanned] Outage  @Ana  5 days, age 5 days (critical ≥ 85th 3d)" in listed
    # #8 sits in the backlog: it does not age, whatever the rule.
    assert "#8 [unplanned] Someday  3 days\n" in listed


@pytest.fixture
def due_board(flow_board: Path, kanban) -> Path:
    """The flow board with due dates (today is Tue 24 Nov): #6 Outage (Ready) was due Sat 21,
    #10 Incident (Review) is due Thu 26, #9 Hire (In Progress) due Wed 25, #8 Someday
    (Backlog) due Fri 27 (not yet), #2 Epic (Done) was due Fri 20 (finished: not named)."""
    for card, due in (
        (6, "2026-11-21"),
        (10, "2026-11-26"),
        (9, "2026-11-25"),
        (8, "2026-11-27"),
        (2, "2026-11-20"),
    ):
        assert kanban("edit", str(card), "--due", due).code == 0
    return flow_board


def test_standup_json_names_the_cards_due_soon_and_overdue(due_board, kanban):
    data = json.loads(kanban("summary", "--standup", "--format", "json").out)
    assert data["due"] == [
        {
            "id": 6,
            "title": "Outage",
            "column": "Ready",
            "due_date": "2026-11-21",
            "overdue_days": 3,
        },
        {
            "id": 9,
            "title": "Hire",
            "column": "In Progress",
            "due_date": "2026-11-25",
            "days_left": 1,
        },
        {
            "id": 10,
            "title": "Incident",
            "column": "Review",
            "due_date": "2026-11-26",
            "days_left": 2,
        },
    ]
    assert "due" not in json.loads(kanban("summary", "--format", "json").out)


def test_standup_text_and_markdown_name_the_cards_due_soon_and_overdue(due_board, kanban):
    out = kanban("summary", "--standup").out
    assert (
        "Due (3)\n"
        "  #6 Outage  Ready, 3 days overdue (due 2026-11-21)\n"
        "  #9 Hire  In Progress, due tomorrow (2026-11-25)\n"
        "  #10 Incident  Review, due in 2 days (2026-11-26)\n"
    ) in out
    assert out.index("Newly blocked") < out.index("Due (3)") < out.index("Walk the board")
    markdown = kanban("summary", "--standup", "--format", "markdown").out
    assert (
        "### Due (3)\n\n"
        "- #6 Outage: Ready, **3 days overdue (due 2026-11-21)**\n"
        "- #9 Hire: In Progress, due tomorrow (2026-11-25)\n"
        "- #10 Incident: Review, due in 2 days (2026-11-26)\n"
    ) in markdown


def test_standup_without_due_cards_says_none(flow_board, kanban):
    assert "\nDue: none\n" in kanban("summary", "--standup").out
    assert json.loads(kanban("summary", "--standup", "--format", "json").out)["due"] == []
