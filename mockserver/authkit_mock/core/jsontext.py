"""Compact JSON text (no spaces, ASCII only), as tokens, magic links and svix's answers are written, and its
canonical form with sorted keys (svix's idempotency fingerprints).

``json.dumps(value, separators=(",", ":"))`` builds a new encoder object and, under it, a new C encoder on every
call; for the small objects of a request that is about half of the time. One C encoder is built here once per
process and called directly (the same one ``json.JSONEncoder.encode`` would build, with the same options, but
without the check for circular references: every value written here is built by the server and is never cyclic).
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from typing import Any

__all__ = ["canonical_json", "compact_json"]


def _unsupported(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _compact_encoder(sort_keys: bool = False) -> Callable[[Any], str]:
    make: Callable[..., Callable[[Any, int], list[str]]] | None = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # an interpreter without the C accelerator: the standard encoder does the same
        return json.JSONEncoder(separators=(",", ":"), sort_keys=sort_keys).encode
    chunks = make(None, _unsupported, json.encoder.encode_basestring_ascii, None, ":", ",", sort_keys, False, True)

    def encode(value: Any) -> str:
        return "".join(chunks(value, 0))

    return encode


compact_json: Callable[[Any], str] = _compact_encoder()
"""``value`` as compact JSON text: what ``json.dumps(value, separators=(",", ":"))`` returns."""

canonical_json: Callable[[Any], str] = _compact_encoder(sort_keys=True)
"""``value`` as compact JSON text with sorted keys: what ``json.dumps(value, sort_keys=True, separators=(",", ":"))``
returns (for values that are not cyclic, as every value parsed from JSON text is not)."""
