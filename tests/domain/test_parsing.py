"""Reading what a person typed (the CLI's arguments, the TUI's prompts) into typed values."""

from __future__ import annotations

from datetime import date

import pytest

from kanban.domain import parsing
from kanban.domain.models import ClassOfService, ColumnKind, WorkType
from kanban.errors import InvalidInput


@pytest.mark.parametrize("text", ["", " ", "none", "NONE", "off", "-"])
def test_words_that_clear_a_limit_or_the_sle(text):
    assert parsing.limit(text) is None and parsing.sle(text) is None


def test_numbers_are_read_and_left_to_the_service_to_range_check():
    assert parsing.limit(" 3 ") == 3 and parsing.limit("-1") == -1
    assert parsing.sle("12") == 12 and parsing.days("0", "x") == 0
    assert parsing.whole("9" * 40, "a number", 10) == 11  # past the maximum, without int()


@pytest.mark.parametrize(
    ("read", "message"),
    [
        (lambda: parsing.limit("three"), "a WIP limit must be a whole number or 'none': 'three'"),
        (lambda: parsing.limit("x", "minimum"), "a minimum must be a whole number or 'none': 'x'"),
        (
            lambda: parsing.count("none", "an expedite limit"),
            "an expedite limit must be a whole number: 'none'",
        ),
        (lambda: parsing.sle("soon"), "an SLE must be a whole number of days or 'none': 'soon'"),
        (lambda: parsing.due_date("15/12"), "a due date is YYYY-MM-DD, not '15/12'"),
        (lambda: parsing.due_date("off"), "a due date is YYYY-MM-DD, not 'off'"),
    ],
)
def test_what_is_not_a_value_is_refused_in_one_line(read, message):
    with pytest.raises(InvalidInput) as error:
        read()
    assert str(error.value) == message


def test_a_due_date():
    assert parsing.due_date(" 2026-12-15 ") == date(2026, 12, 15)
    assert parsing.due_date("none") is None and parsing.due_date("") is None


def test_names_of_a_type_a_class_and_a_kind_are_read_in_any_case():
    assert parsing.work_type(" Unplanned ") is WorkType.UNPLANNED
    assert parsing.class_of_service("Fixed-Date") is ClassOfService.FIXED_DATE
    assert parsing.column_kind("QUEUE") is ColumnKind.QUEUE


@pytest.mark.parametrize(
    ("read", "message"),
    [
        (
            lambda: parsing.work_type("urgent"),
            "unknown type of work 'urgent' (choose from business, internal, change, unplanned)",
        ),
        (
            lambda: parsing.class_of_service("vip"),
            "unknown class of service 'vip' (choose from ",
        ),
        (
            lambda: parsing.column_kind("limbo"),
            "unknown column kind 'limbo' (choose from backlog, queue, active, done)",
        ),
    ],
)
def test_an_unknown_name_is_refused_with_the_choices(read, message):
    with pytest.raises(InvalidInput) as raised:
        read()
    assert str(raised.value).startswith(message)
