"""Randomness, injected: the server asks this object for every nonce, id and token it makes.

The default draws from the operating system's CSPRNG (``os.urandom``, as :mod:`secrets` does); tests pass a
seeded one so runs are reproducible.
"""

from __future__ import annotations

import base64
import os
import random


class Entropy:
    """A source of random bytes and tokens."""

    def __init__(self, seed: int | None = None) -> None:
        # A seeded ``random.Random`` is for tests only: it is predictable by design.
        self._rng = random.Random(seed) if seed is not None else None  # noqa: S311

    def token_bytes(self, size: int) -> bytes:
        """``size`` random bytes."""
        if self._rng is None:
            return os.urandom(size)  # what ``secrets.token_bytes`` returns, without its two calls in between
        return self._rng.randbytes(size)

    def token_urlsafe(self, size: int = 32) -> str:
        """A URL-safe text token carrying ``size`` random bytes."""
        return base64.urlsafe_b64encode(self.token_bytes(size)).rstrip(b"=").decode("ascii")

    def token_hex(self, size: int = 16) -> str:
        """A hex token carrying ``size`` random bytes."""
        return self.token_bytes(size).hex()
