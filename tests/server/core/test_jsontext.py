"""Compact JSON text is exactly what ``json.dumps`` with compact separators writes, for any JSON value."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from authkit_mock.core.jsontext import compact_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(JSON)
def test_compact_json_is_what_json_dumps_writes(value: object) -> None:
    assert compact_json(value) == json.dumps(value, separators=(",", ":"))


def test_a_value_json_cannot_hold_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        compact_json({"when": object()})
