"""dumps_indented writes what json.dumps(..., ensure_ascii=False, indent=2) writes."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from enum import IntEnum, StrEnum
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glossalign.pipeline.json_text import dumps_indented


class Colour(StrEnum):
    RED = "red"


class Level(IntEnum):
    HIGH = 3


class Lazy(list[int]):
    """Empty underneath, items made on iteration (as check_stream's location lists are)."""

    def __len__(self) -> int:
        return 3

    def __iter__(self) -> Iterator[int]:
        return iter((1, 2, 3))


def standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


CASES: list[Any] = [
    None, True, False, 0, -7, 10**30, 1.5, -0.0, 1e16, 1e-7, math.inf, -math.inf, "", "a\"b\\c",
    "\n\t\x00\x1f\u2028\u2029 网络 é 😀", [], {}, [[]], [{}], {"a": []}, {"a": {}},
    {"a": [1, {"b": None, "c": [True, 2.25]}], "d": "e"}, (1, (2, 3)), [Colour.RED, Level.HIGH],
    {7: "int key", 2.5: "float key", True: "bool", False: "no", None: "none", "s": Colour.RED},
    {"nested": [[[["deep"]]]], "empty": [[], {}]},
]


@pytest.mark.parametrize("value", CASES)
def test_the_same_text_as_json_dumps(value: Any) -> None:
    assert dumps_indented(value) == standard(value)


def test_nan_is_written_as_json_dumps_writes_it() -> None:
    assert dumps_indented([math.nan]) == standard([math.nan])


def test_a_list_read_through_its_length_and_iteration() -> None:
    assert dumps_indented({"locations": Lazy()}) == standard({"locations": [1, 2, 3]})


def test_a_deeper_level_indents_every_line_after_the_first() -> None:
    value = {"a": [1, {"b": 2}]}
    assert dumps_indented(value, level=2) == standard(value).replace("\n", "\n    ")


@pytest.mark.parametrize("value", [object(), {"a": {1, 2}}, {(1, 2): "tuple key"}, b"bytes"])
def test_what_json_dumps_refuses_is_refused(value: Any) -> None:
    with pytest.raises(TypeError):
        standard(value)
    with pytest.raises(TypeError):
        dumps_indented(value)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.text() | st.integers() | st.floats(allow_nan=False) | st.booleans() | st.none(),
        inner, max_size=4),
    max_leaves=25)


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES)
def test_any_json_value_gives_the_same_text(value: Any) -> None:
    assert dumps_indented(value) == standard(value)
