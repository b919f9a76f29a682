"""Short-lived protocol state behind one async interface, with a memory and a shared (Valkey/Redis) backend.

SCRAM challenges, pending OIDC logins, authorization codes, userinfo access tokens, idempotency records and
rate-limit windows live seconds to hours and are made by cheap requests. Each owner asks a :class:`MapFactory`
(``Runtime.maps``) for an :class:`EphemeralMap`, bounded by count and bytes, whose entries expire by the server
clock (``now``, passed in, so tests move the clock instead of sleeping).

One-use and compare-and-set operations (:meth:`EphemeralMap.take`, :meth:`~EphemeralMap.claim`,
:meth:`~EphemeralMap.add`, :meth:`~EphemeralMap.swap`) are single operations of the backend, never a read followed
by a write in Python: with several processes on one shared store, two of them taking one code get it once
(house rule 11). :class:`MemoryMaps` is the default: one process, the bounded maps of ``core/bounded.py`` (O(1)
eviction), values kept as they are. ``core/redis/maps.py`` keeps them in Valkey/Redis as JSON (:class:`JsonCodec`:
a shared store is no place to keep pickles, which would run code when read).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Generic, Protocol, TypeVar

from pydantic import ConfigDict, TypeAdapter

from authkit_mock.core.bounded import BoundedMap

V = TypeVar("V")

_BYTES_AS_BASE64 = ConfigDict(ser_json_bytes="base64", val_json_bytes="base64")


class Codec(Protocol[V]):
    """How a shared backend turns a value into text and back."""

    def encode(self, value: V) -> str:
        """The value as text."""
        ...

    def decode(self, text: str) -> V:
        """The value ``text`` holds (as :meth:`encode` wrote it)."""
        ...


class JsonCodec(Generic[V]):
    """JSON of a (frozen) dataclass or any type pydantic can validate; ``bytes`` as base64 text.

    Decoding builds only the declared type from plain JSON values: what a shared store holds is data, never code.
    """

    def __init__(self, kind: type[V]) -> None:
        self._kind = kind

    @cached_property
    def _adapter(self) -> TypeAdapter[tuple[V]]:
        # Built on first use: only a shared backend encodes, and the six maps' adapters cost about 9 ms of every start.
        # A one-element array: pydantic takes a config (bytes as base64) for a container, not for a dataclass.
        return TypeAdapter(tuple[self._kind], config=_BYTES_AS_BASE64)  # type: ignore[name-defined]

    def encode(self, value: V) -> str:
        """The value as JSON text (``[{...}]``)."""
        return self._adapter.dump_json((value,)).decode()

    def decode(self, text: str) -> V:
        """The value of JSON text written by :meth:`encode`."""
        return self._adapter.validate_json(text)[0]


class EphemeralMap(Protocol[V]):
    """Entries by string key, each expiring when its owner's ``expires`` says (by the server clock ``now``), at most
    ``max_entries`` holding at most ``max_bytes`` (as the owner's ``size`` counts them; the oldest goes first).

    An expired entry is absent to every operation. Every operation is atomic in the backend.
    """

    async def put(self, key: str, value: V, now: float) -> None:
        """Add (or replace) an entry; expired entries and, past the bounds, the oldest go."""
        ...

    async def add(self, key: str, value: V, now: float) -> V | None:
        """Add an entry only if ``key`` has no live one (SET NX): None when added, else the entry already there."""
        ...

    async def get(self, key: str, now: float) -> V | None:
        """The live entry for ``key``, or None."""
        ...

    async def take(self, key: str, now: float) -> V | None:
        """Remove the entry for ``key`` and return it if it was live: of concurrent takers, one gets it."""
        ...

    async def claim(self, key: str, now: float) -> tuple[V | None, bool]:
        """The live entry for ``key`` and whether this call is the first to claim it; the entry stays (marked)."""
        ...

    async def swap(self, key: str, expected: V, value: V | None, now: float) -> bool:
        """Compare and set: replace the entry with ``value`` (remove it for None) only if it is ``expected``."""
        ...

    async def remove(self, key: str) -> None:
        """Forget the entry for ``key`` (if any)."""
        ...

    async def clear(self) -> None:
        """Forget every entry."""
        ...

    async def usage(self) -> tuple[int, int]:
        """(entries, bytes) held now, as the bounds count them (expired entries not yet dropped included)."""
        ...


class RateWindows(Protocol):
    """Fixed request windows per key: at most ``requests`` in ``per_seconds`` of server time from a key's first
    request; refused requests do not count."""

    async def hit(self, key: str, now: float) -> float | None:
        """Count one request: None when allowed, else the seconds until the key's window ends."""
        ...

    async def remaining(self, key: str, now: float) -> int:
        """How many more requests ``key`` may make in its current window."""
        ...

    async def clear(self) -> None:
        """Forget every window."""
        ...


class MapFactory(Protocol):
    """Makes the maps and windows of one server. A ``name`` names one map (or set of windows) of one owner: asked
    again, by this process or another sharing the backend, the same name gives the same entries."""

    def bounded(
        self,
        name: str,
        max_entries: int,
        max_bytes: int,
        size: Callable[[str, V], int],
        expires: Callable[[V], float],
        codec: Codec[V],
    ) -> EphemeralMap[V]:
        """A map of at most ``max_entries`` entries and ``max_bytes`` bytes; ``expires`` tells an entry's expiry."""
        ...

    def windows(self, name: str, requests: int, per_seconds: float) -> RateWindows:
        """Rate-limit windows of ``requests`` per ``per_seconds``."""
        ...

    async def clear(self) -> None:
        """Forget what every map and window made here holds (an admin reset)."""
        ...


class _Slot(Generic[V]):
    """A value and whether it was claimed (memory only: a shared backend keeps the mark next to the value)."""

    __slots__ = ("claimed", "value")

    def __init__(self, value: V) -> None:
        self.value = value
        self.claimed = False


class MemoryMap(Generic[V]):
    """An :class:`EphemeralMap` in this process: a :class:`BoundedMap` of the values themselves (no encoding).

    Nothing here awaits between reading and writing, so every operation is atomic on the event loop.
    """

    def __init__(
        self, max_entries: int, max_bytes: int, size: Callable[[str, V], int], expires: Callable[[V], float]
    ) -> None:
        self.bounded: BoundedMap[str, _Slot[V]] = BoundedMap(
            max_entries, max_bytes, lambda key, slot: size(key, slot.value), lambda slot: expires(slot.value)
        )
        """The bounded map underneath (its bounds, ``len`` and ``bytes`` are what the reliability tests read)."""

    async def put(self, key: str, value: V, now: float) -> None:
        self.bounded.put(key, _Slot(value), now)

    async def add(self, key: str, value: V, now: float) -> V | None:
        found = self.bounded.get(key, now)
        if found is not None:
            return found.value
        self.bounded.put(key, _Slot(value), now)
        return None

    async def get(self, key: str, now: float) -> V | None:
        found = self.bounded.get(key, now)
        return None if found is None else found.value

    async def take(self, key: str, now: float) -> V | None:
        live = self.bounded.get(key, now)
        self.bounded.pop(key)
        return None if live is None else live.value

    async def claim(self, key: str, now: float) -> tuple[V | None, bool]:
        found = self.bounded.get(key, now)
        if found is None:
            return None, False
        first = not found.claimed
        found.claimed = True
        return found.value, first

    async def swap(self, key: str, expected: V, value: V | None, now: float) -> bool:
        found = self.bounded.get(key, now)
        if found is None or found.value != expected:
            return False
        if value is None:
            self.bounded.pop(key)
        else:
            self.bounded.put(key, _Slot(value), now)
        return True

    async def remove(self, key: str) -> None:
        self.bounded.pop(key)

    async def clear(self) -> None:
        self.clear_now()

    def clear_now(self) -> None:
        """Forget every entry (synchronously: this process's map)."""
        self.bounded.clear()

    async def usage(self) -> tuple[int, int]:
        return len(self.bounded), self.bounded.bytes


@dataclass
class _Window:
    started_at: float
    count: int


PRUNE_EVERY_SECONDS = 60.0


class MemoryWindows:
    """:class:`RateWindows` in this process: a dict of windows, finished ones dropped once a minute."""

    def __init__(self, requests: int, per_seconds: float) -> None:
        self.requests = requests
        self.per_seconds = per_seconds
        self._windows: dict[str, _Window] = {}
        self._pruned_at = -math.inf

    def __len__(self) -> int:
        """How many keys have a window (finished ones are dropped now and then)."""
        return len(self._windows)

    async def hit(self, key: str, now: float) -> float | None:
        self._prune(now)
        window = self._windows.get(key)
        if window is None or now >= window.started_at + self.per_seconds:
            window = self._windows[key] = _Window(started_at=now, count=0)
        if window.count >= self.requests:
            return window.started_at + self.per_seconds - now
        window.count += 1
        return None

    async def remaining(self, key: str, now: float) -> int:
        window = self._windows.get(key)
        if window is None or now >= window.started_at + self.per_seconds:
            return self.requests
        return max(0, self.requests - window.count)

    async def clear(self) -> None:
        self.clear_now()

    def clear_now(self) -> None:
        """Forget every window (synchronously: this process's windows)."""
        self._windows.clear()

    def _prune(self, now: float) -> None:
        # Drop finished windows now and then, so a server that saw many keys does not keep them all.
        if now - self._pruned_at < PRUNE_EVERY_SECONDS:
            return
        if self._pruned_at == -math.inf:
            self._pruned_at = now
            return
        self._pruned_at = now
        ended = [key for key, w in self._windows.items() if now >= w.started_at + self.per_seconds]
        for key in ended:
            del self._windows[key]


class MemoryMaps:
    """The default :class:`MapFactory`: everything in this process (one server process, today's speed)."""

    def __init__(self) -> None:
        self._maps: dict[str, MemoryMap[Any]] = {}
        self._windows: dict[str, MemoryWindows] = {}

    def bounded(
        self,
        name: str,
        max_entries: int,
        max_bytes: int,
        size: Callable[[str, V], int],
        expires: Callable[[V], float],
        codec: Codec[V],
    ) -> MemoryMap[V]:
        """The :class:`MemoryMap` named ``name`` (made by the first call; nothing is encoded here, ``codec`` is for
        shared backends)."""
        made: MemoryMap[V] | None = self._maps.get(name)
        if made is None:
            made = self._maps[name] = MemoryMap(max_entries, max_bytes, size, expires)
        return made

    def windows(self, name: str, requests: int, per_seconds: float) -> MemoryWindows:
        """The :class:`MemoryWindows` named ``name``, of ``requests`` per ``per_seconds`` (made by the first call)."""
        made = self._windows.get(name)
        if made is None:
            made = self._windows[name] = MemoryWindows(requests, per_seconds)
        return made

    async def clear(self) -> None:
        """Forget every entry and window made here."""
        self.clear_now()

    def clear_now(self) -> None:
        """:meth:`clear`, callable outside the event loop's coroutines (the synchronous ``Runtime.reset``)."""
        for bounded in self._maps.values():
            bounded.clear_now()
        for windows in self._windows.values():
            windows.clear_now()
