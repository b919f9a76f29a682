"""Idempotency keys (IETF draft "The Idempotency-Key HTTP Header Field"): one per logical call.

A facade draws a key once per call and sends the same key on every retry of that call, so the server can
replay the first answer instead of doing the work twice.
"""

from __future__ import annotations

import uuid

__all__ = ["new_idempotency_key"]


def new_idempotency_key() -> str:
    """A fresh random key: a UUID4 in its canonical text form."""
    return str(uuid.uuid4())
