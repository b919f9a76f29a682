"""Retrying a request that failed with 429 or a 5xx: how many times, and how long to wait in between.

The wait honours the server's ``Retry-After`` (RFC 9110 §10.2.3) exactly; without one it is a bounded
exponential backoff with jitter. The sleep itself is not done here: the facades call an injectable sleep
function, so tests never really sleep.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

import attrs
import httpx

from authkit_sdk._core.errors import parse_retry_after

__all__ = ["AsyncSleep", "RetryPolicy", "Sleep", "retry_delay"]

Sleep = Callable[[float], None]
"""A sync sleep, like :func:`time.sleep`."""

AsyncSleep = Callable[[float], Awaitable[None]]
"""An async sleep, like :func:`asyncio.sleep`."""


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """When to re-send a request that failed with a retryable status, and how long to wait first.

    Attributes:
        max_attempts: attempts in all, the first included (``1`` turns retries off).
        backoff: the first wait without ``Retry-After``, in seconds; it doubles with every attempt.
        max_delay: the longest wait, in seconds. A ``Retry-After`` longer than this is not waited for: the
            error is raised at once (its ``retry_after`` says how long the server asked for).
        jitter: the part of each backoff wait that is random (0: none; 0.5: between half and all of it), so
            that clients that failed together do not retry together. ``Retry-After`` waits are not jittered.
        statuses: the statuses worth retrying.
        rng: the source of jitter, a function returning a float in [0, 1).
    """

    max_attempts: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    backoff: float = attrs.field(default=0.5, validator=attrs.validators.ge(0.0))
    max_delay: float = attrs.field(default=30.0, validator=attrs.validators.ge(0.0))
    jitter: float = attrs.field(default=0.5, validator=[attrs.validators.ge(0.0), attrs.validators.le(1.0)])
    statuses: frozenset[int] = frozenset({429, 500, 502, 503, 504})
    rng: Callable[[], float] = attrs.field(default=random.random, eq=False, repr=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait after failed attempt number ``attempt`` (1-based), or ``None`` to stop retrying."""
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None:
            return retry_after if retry_after <= self.max_delay else None
        base = min(self.max_delay, self.backoff * 2.0 ** (attempt - 1))
        return base * (1.0 - self.jitter * self.rng())


def retry_delay(policy: RetryPolicy | None, response: httpx.Response, attempt: int) -> float | None:
    """How long to wait before re-sending after ``response`` (attempt ``attempt``), or ``None`` not to retry."""
    if policy is None or response.status_code not in policy.statuses:
        return None
    return policy.delay(attempt, parse_retry_after(response))
