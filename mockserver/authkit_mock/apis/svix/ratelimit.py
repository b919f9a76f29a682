"""Per-key rate limits in fixed windows, on the server clock (so tests move the clock instead of waiting).

Any API can use one: key it by whatever the API limits (svix: the bearer token), call :meth:`RateLimiter.check`
before doing the work, and the 429 it raises is rendered in that API's own error shape. The windows live in
``Runtime.maps`` (``core/ephemeral.py``): in this process, or shared by every process on one Valkey/Redis, where
a request is checked and counted in one atomic step.
"""

from __future__ import annotations

import math

from authkit_mock.core.clock import Clock
from authkit_mock.core.ephemeral import MapFactory, RateWindows
from authkit_mock.core.errors import ApiError
from authkit_mock.core.settings import RateLimit

RATE_LIMITED_CODE = "rate_limit_exceeded"


class RateLimiter:
    """At most ``limit.requests`` requests per key in a window of ``limit.per_seconds``.

    A key's window opens with its first request and lasts ``per_seconds`` of server time; the first request after
    it opens the next one. Windows start per key rather than on the epoch's minute marks, so a test never sees a
    window roll over because wall time crossed a boundary. Refused requests do not count.
    """

    def __init__(self, maps: MapFactory, name: str, limit: RateLimit, clock: Clock) -> None:
        self.limit = limit
        self._clock = clock
        self.windows: RateWindows = maps.windows(name, limit.requests, limit.per_seconds)
        """The windows (in this process or shared)."""

    async def hit(self, key: str) -> int | None:
        """Count one request of ``key``: None when it is allowed, else the whole seconds until the window ends."""
        left = await self.windows.hit(key, self._clock.now())
        if left is None:
            return None
        # RFC 9110 section 10.2.3: Retry-After as delay-seconds, a non-negative integer; rounded up so a client
        # that waits exactly that long finds the new window open.
        return max(1, math.ceil(left))

    async def check(self, key: str) -> None:
        """Count one request of ``key``, or raise 429 with ``Retry-After`` (RFC 6585 section 4) when over the limit."""
        retry_after = await self.hit(key)
        if retry_after is not None:
            raise ApiError(
                429,
                "Too many requests, retry after the number of seconds in Retry-After.",
                code=RATE_LIMITED_CODE,
                headers={"Retry-After": str(retry_after)},
            )

    async def remaining(self, key: str) -> int:
        """How many more requests ``key`` may make in its current window."""
        return await self.windows.remaining(key, self._clock.now())
