"""A map bounded by entry count, by bytes and by age, with O(1) eviction: the shape of every short-lived store.

Pending OIDC logins, authorization codes, SCRAM challenges and idempotency records all keep what an
unauthenticated (or cheaply authenticated) request sent. Each one lives in a :class:`BoundedMap`: entries are kept
in insertion order, and since every entry of one map lives equally long, insertion order is expiry order.
Expired entries are dropped from the front on every insert, and when the map is over its count or byte budget the
oldest entry goes first. No operation walks the whole map, so a request costs the same with the map full as empty
(docs/operations/security.md, the threat model; docs/operations/reliability.md, the bounds table).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def text_bytes(*values: object) -> int:
    """A cheap upper estimate of what ``values`` hold in memory: the length of each text or bytes value, plus a
    fixed overhead per value (object headers, dictionary slots)."""
    total = 0
    for value in values:
        total += 64
        if isinstance(value, str | bytes):
            total += len(value)
        elif isinstance(value, tuple | list):
            total += text_bytes(*value)
    return total


class BoundedMap(Generic[K, V]):
    """At most ``max_entries`` entries holding at most ``max_bytes`` (as ``size`` counts them), each for ``ttl``
    seconds at most; the oldest goes first when a new one does not fit.

    ``expires`` tells when an entry expires (its owner knows: a challenge's ``expires``, a code's ``expires_at``);
    a looked-up entry past its expiry counts as absent.
    """

    def __init__(
        self,
        max_entries: int,
        max_bytes: int,
        size: Callable[[K, V], int],
        expires: Callable[[V], float],
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._size = size
        self._expires = expires
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self.evicted = 0
        """How many live entries were pushed out by the bounds so far (expired ones are not counted)."""

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[K]:
        return iter(list(self._entries))

    @property
    def bytes(self) -> int:
        """What the entries hold, as ``size`` counts it."""
        return self._bytes

    def put(self, key: K, value: V, now: float) -> None:
        """Add (or replace) an entry, as the newest; expired and, past the bounds, oldest entries go."""
        self.pop(key)
        self.prune(now)
        cost = self._size(key, value)
        self._entries[key] = (value, cost)
        self._bytes += cost
        while len(self._entries) > self.max_entries or (self._bytes > self.max_bytes and len(self._entries) > 1):
            _, (_, dropped) = self._entries.popitem(last=False)
            self._bytes -= dropped
            self.evicted += 1

    def get(self, key: K, now: float | None = None) -> V | None:
        """The entry for ``key``; None when there is none (or, given ``now``, when it has expired)."""
        found = self._entries.get(key)
        if found is None:
            return None
        if now is not None and now >= self._expires(found[0]):
            return None
        return found[0]

    def pop(self, key: K) -> V | None:
        """Remove and return the entry for ``key`` (expired or not); None when there is none."""
        found = self._entries.pop(key, None)
        if found is None:
            return None
        self._bytes -= found[1]
        return found[0]

    def prune(self, now: float) -> None:
        """Drop expired entries from the front (oldest first), stopping at the first live one: O(expired)."""
        while self._entries:
            key = next(iter(self._entries))
            value, cost = self._entries[key]
            if now < self._expires(value):
                break
            del self._entries[key]
            self._bytes -= cost

    def clear(self) -> None:
        """Forget every entry."""
        self._entries.clear()
        self._bytes = 0
