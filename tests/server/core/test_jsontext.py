"""Compact JSON text (and its canonical form, keys sorted) is exactly what ``json.dumps`` with compact separators
(and ``sort_keys``) writes, for any JSON value."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from authkit_mock.core.jsontext import canonical_json, compact_json

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=20,
)


@given(JSON)
def test_compact_json_is_what_json_dumps_writes(value: object) -> None:
    assert compact_json(value) == json.dumps(value, separators=(",", ":"))


@given(JSON)
def test_canonical_json_is_what_json_dumps_writes_with_sorted_keys(value: object) -> None:
    # svix's idempotency fingerprints hash this text: a change would make a retry look like another request.
    assert canonical_json(value) == json.dumps(value, sort_keys=True, separators=(",", ":"))


def test_a_value_json_cannot_hold_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        compact_json({"when": object()})
