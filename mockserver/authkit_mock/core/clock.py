"""The one clock of the reference server: wall time plus an offset that QA can move forward.

Nothing in the server calls ``time.time()`` directly, so tests move the clock instead of sleeping.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from datetime import UTC, datetime


class Clock:
    """Seconds since the epoch, from ``source`` (wall time by default) plus an advanceable offset."""

    def __init__(self, source: Callable[[], float] = time.time) -> None:
        self._source = source
        self._offset = 0.0
        self._unshared = 0.0

    def now(self) -> float:
        """The current time in seconds since the epoch."""
        return self._source() + self._offset

    def now_datetime(self) -> datetime:
        """The current time as an aware UTC datetime."""
        return datetime.fromtimestamp(self.now(), UTC)

    @property
    def offset(self) -> float:
        """How far the clock has been moved forward, in seconds."""
        return self._offset

    def advance(self, seconds: float) -> None:
        """Move the clock forward (never backward: tokens already issued must not become "not yet valid")."""
        if seconds < 0:
            raise ValueError("the clock only moves forward")
        self._offset += seconds
        self._unshared += seconds

    def reset(self) -> None:
        """Forget every advance."""
        self._offset = 0.0
        self._unshared = 0.0

    def follow(self, offset: float) -> None:
        """Take the deployment's offset (a shared store's): every process of one deployment reads one clock. An
        advance made here and not yet shared stays on top of it."""
        self._offset = offset + self._unshared

    def take_advance(self) -> float:
        """The seconds advanced here since last taken, for a shared store to add to the deployment's offset.

        The advance, not the resulting offset, is what is shared: two processes advancing at once both count, and
        an offset read before an advance and applied after it (requests overlap) cannot undo the advance.
        """
        advance, self._unshared = self._unshared, 0.0
        return advance


def isoformat(epoch: float) -> str:
    """RFC 3339 text for an epoch time, with a ``Z`` suffix and no sub-second noise."""
    return datetime.fromtimestamp(int(epoch), UTC).isoformat().replace("+00:00", "Z")


class HttpDate:
    """The ``Date`` header of the server's answers, by the server's clock (RFC 9110 section 6.6.1).

    aiohttp dates responses by the wall clock; clients that judge token expiry on the server's clock (the SDK's
    refreshing auth) learn the moved clock from this header. The root middleware sets it on every answer (cheaper
    than an ``on_response_prepare`` signal, which aiohttp awaits for each app of the request's chain); the text is
    made once per second.
    """

    __slots__ = ("_second", "_text")

    def __init__(self) -> None:
        self._second = -1
        self._text = ""

    def text(self, clock: Clock) -> str:
        """The header's value now, by ``clock``."""
        second = int(clock.now())
        if second != self._second:
            self._second, self._text = second, email.utils.formatdate(second, usegmt=True)
        return self._text
