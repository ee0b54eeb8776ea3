"""An event's details are parsed when first read, and behave as a read-only dict."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from kanban.domain.models import Event, EventKind
from kanban.storage.converters import LazyDetails, to_event

CHANGES = {"changes": {"type": ["business", "unplanned"], "assignee": [None, "Brent"]}}


def _lazy(data: dict) -> LazyDetails:
    return LazyDetails(json.dumps(data))


def test_it_equals_the_dict_it_holds_either_way_round():
    details = _lazy({"from": "Ready", "to": "Done", "undo": True})
    assert details == {"to": "Done", "from": "Ready", "undo": True}
    assert {"to": "Done", "from": "Ready", "undo": True} == details
    assert details != {"to": "Done", "from": "Ready"}
    assert details != {"to": "Done", "from": "Ready", "undo": False}
    assert details != ["to", "from", "undo"] and details != "to"
    assert details == _lazy({"undo": True, "to": "Done", "from": "Ready"})  # other key order
    assert details != _lazy({"to": "Done"})


def test_nested_objects_are_plain_dicts_and_compare_too():
    details = _lazy(CHANGES)
    assert details == CHANGES
    assert details["changes"]["type"] == ["business", "unplanned"]
    assert details.get("changes", {}).get("assignee") == [None, "Brent"]
    assert details != {"changes": {"type": ["business", "change"], "assignee": [None, "Brent"]}}


def test_it_reads_like_a_dict():
    details = _lazy({"to": "Backlog", "title": "t", "type": "change"})
    assert list(details) == ["to", "title", "type"]
    assert len(details) == 3
    assert dict(details) == {"to": "Backlog", "title": "t", "type": "change"}
    assert list(details.items())[0] == ("to", "Backlog")
    assert "title" in details and "undo" not in details
    assert details["title"] == "t"
    with pytest.raises(KeyError):
        details["undo"]
    assert repr(details) == repr({"to": "Backlog", "title": "t", "type": "change"})
    assert json.loads(json.dumps(dict(details))) == details


def test_it_is_read_only_and_unhashable_like_a_dict():
    details = _lazy({"to": "Done"})
    with pytest.raises(TypeError):
        details["to"] = "Ready"  # type: ignore[index]
    with pytest.raises(TypeError):
        hash(details)


def test_get_answers_an_absent_key_without_parsing():
    broken = LazyDetails('{"to": "Done", ')  # not even JSON: any parse would raise
    assert broken.get("undo") is None
    assert broken.get("undo", "no") == "no"
    with pytest.raises(json.JSONDecodeError):
        broken.get("to")


def test_get_of_a_key_that_appears_only_as_a_value_is_the_default():
    details = _lazy({"reason": "undo", "to": "type"})
    assert details.get("undo") is None
    assert details.get("undo", 0) == 0
    assert details.get("type", "none") == "none"
    assert details.get("reason") == "undo"
    quoted = _lazy({"reason": 'say "undo"'})  # the key, quoted, inside an escaped value
    assert quoted.get("undo", "absent") == "absent"


def test_get_of_a_nested_key_is_not_a_top_level_key():
    details = _lazy(CHANGES)
    assert details.get("type") is None  # only inside "changes"
    assert details.get("changes") == CHANGES["changes"]


def test_get_finds_keys_written_with_escapes():
    details = _lazy({"durée": 3, 'say "hi"': 1, "back\\slash": 2})  # ensure_ascii escapes
    assert details.get("durée") == 3
    assert details.get('say "hi"') == 1
    assert details.get("back\\slash") == 2
    unescaped = LazyDetails(json.dumps({"durée": 3}, ensure_ascii=False))
    assert unescaped.get("durée") == 3 and unescaped.get("dur") is None


def test_get_returns_stored_falsy_values_not_the_default():
    details = _lazy({"undo": False, "new": None, "old": 0})
    assert details.get("undo", "default") is False
    assert details.get("new", "default") is None
    assert details.get("old", "default") == 0


STORED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC).replace(tzinfo=None)  # as read back


def _row(details: str | None) -> tuple:
    return (7, 1, 3, STORED, "move", 10, 11, details, "brent")


def test_events_read_from_rows_have_lazy_details_equal_to_dicts():
    event = to_event(_row('{"from": "Ready", "to": "Done"}'))
    assert isinstance(event.details, LazyDetails)
    expected = Event(
        7,
        1,
        3,
        datetime(2026, 11, 24, 9, 0, tzinfo=UTC),
        EventKind.MOVE,
        10,
        11,
        {"from": "Ready", "to": "Done"},
        "brent",
    )
    assert event == expected and expected == event
    assert event == to_event(_row('{"from": "Ready", "to": "Done"}'))
    assert event != to_event(_row('{"from": "Ready", "to": "Review"}'))
    for empty in ("{}", "", None):
        assert to_event(_row(empty)).details == {}


def test_every_event_kind_is_read_including_settings():
    for kind in EventKind:
        row = (1, 1, None, STORED, kind.value, None, None, "{}", None)
        assert to_event(row).kind is kind
