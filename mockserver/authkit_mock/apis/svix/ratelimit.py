"""Per-key rate limits in fixed windows, on the server clock (so tests move the clock instead of waiting).

Any API can use one: key it by whatever the API limits (svix: the bearer token), call :meth:`RateLimiter.check`
before doing the work, and the 429 it raises is rendered in that API's own error shape.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from authkit_mock.core.clock import Clock
from authkit_mock.core.errors import ApiError
from authkit_mock.core.settings import RateLimit

RATE_LIMITED_CODE = "rate_limit_exceeded"
PRUNE_EVERY_SECONDS = 60.0


@dataclass
class _Window:
    started_at: float
    count: int


class RateLimiter:
    """At most ``limit.requests`` requests per key in a window of ``limit.per_seconds``.

    A key's window opens with its first request and lasts ``per_seconds`` of server time; the first request after
    it opens the next one. Windows start per key rather than on the epoch's minute marks, so a test never sees a
    window roll over because wall time crossed a boundary. Refused requests do not count.
    """

    def __init__(self, limit: RateLimit, clock: Clock) -> None:
        self.limit = limit
        self._clock = clock
        self._windows: dict[str, _Window] = {}
        self._pruned_at = clock.now()

    def hit(self, key: str) -> int | None:
        """Count one request of ``key``: None when it is allowed, else the whole seconds until the window ends."""
        now = self._clock.now()
        self._prune(now)
        window = self._windows.get(key)
        if window is None or now >= window.started_at + self.limit.per_seconds:
            window = self._windows[key] = _Window(started_at=now, count=0)
        if window.count >= self.limit.requests:
            # RFC 9110 section 10.2.3: Retry-After as delay-seconds, a non-negative integer; rounded up so a client
            # that waits exactly that long finds the new window open.
            return max(1, math.ceil(window.started_at + self.limit.per_seconds - now))
        window.count += 1
        return None

    def check(self, key: str) -> None:
        """Count one request of ``key``, or raise 429 with ``Retry-After`` (RFC 6585 section 4) when over the limit."""
        retry_after = self.hit(key)
        if retry_after is not None:
            raise ApiError(
                429,
                "Too many requests, retry after the number of seconds in Retry-After.",
                code=RATE_LIMITED_CODE,
                headers={"Retry-After": str(retry_after)},
            )

    def remaining(self, key: str) -> int:
        """How many more requests ``key`` may make in its current window."""
        window = self._windows.get(key)
        if window is None or self._clock.now() >= window.started_at + self.limit.per_seconds:
            return self.limit.requests
        return max(0, self.limit.requests - window.count)

    def __len__(self) -> int:
        """How many keys have a window (finished ones are dropped now and then)."""
        return len(self._windows)

    def clear(self) -> None:
        """Forget every window (on reset)."""
        self._windows.clear()

    def _prune(self, now: float) -> None:
        # Drop finished windows now and then, so a server that saw many tokens does not keep them all.
        if now - self._pruned_at < PRUNE_EVERY_SECONDS:
            return
        self._pruned_at = now
        ended = [key for key, w in self._windows.items() if now >= w.started_at + self.limit.per_seconds]
        for key in ended:
            del self._windows[key]
