"""The JSON text is the standard library's, byte for byte, whatever the data."""

from __future__ import annotations

import json
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kanban.reports.json_text import dumps


class Kind(StrEnum):
    DONE = "done"


class Level(IntEnum):
    HIGH = 3


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from([Kind.DONE, Level.HIGH, -0.0, 1e300, 2**70])
)
DATA = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=30,
)


@given(DATA)
def test_any_json_data_gives_the_standard_text(data: Any) -> None:
    assert dumps(data) == _standard(data)


def test_keys_that_are_not_strings_are_left_to_the_standard_library() -> None:
    data = {"a": {1: "x", None: [True], 2.5: {}}}
    assert dumps(data) == _standard(data)


def test_what_json_cannot_encode_fails_as_json_fails() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"when": object()})
