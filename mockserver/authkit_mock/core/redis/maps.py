"""Short-lived protocol state in Valkey/Redis (:class:`RedisMaps`): the shared backend of ``core/ephemeral.py``.

Layout of one map ``NAME`` (every key under the connection's prefix; ``{NAME}`` is a hash tag, so one map's keys
share a cluster slot, as the scripts that touch several of them need):

- ``eph:{NAME}:e:KEY``: a hash per entry: ``v`` the encoded value, ``x`` its expiry (server clock), ``c`` how many
  times it was claimed. It expires in Redis (``PEXPIRE``) after the entry's remaining lifetime, so a store nobody
  writes to empties itself; reads still compare ``x`` with the server clock (QA moves that clock forward, and a
  test clock may stand anywhere in time, so Redis's own clock cannot decide).
- ``eph:{NAME}:i``: a sorted set of the keys by expiry (the oldest goes first, the expired are dropped from its
  front), ``eph:{NAME}:s`` a hash of each key's size and ``eph:{NAME}:b`` their total: the count and byte bounds.

Every operation is one Lua script, run atomically by the server (house rule 11): two processes taking one entry
get it once; a claim marks and answers in one step; bounds are enforced on every write.
Rate-limit windows are one hash per key (``rate:{NAME}:KEY``: window start and count), counted in one script.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from authkit_mock.core.ephemeral import Codec
from authkit_mock.core.redis.connection import UNREACHABLE, RedisConnection, StoreUnavailableError, answered

V = TypeVar("V")

_DROP = """
local function drop(m)
  local held = redis.call('HGET', KEYS[2], m)
  if held then
    redis.call('DECRBY', KEYS[3], held)
    redis.call('HDEL', KEYS[2], m)
  end
  redis.call('ZREM', KEYS[1], m)
  redis.call('DEL', ARGV[1] .. m)
end
"""

WRITE = (
    _DROP
    + """
-- KEYS: index, sizes, total. ARGV: entry prefix, key, mode (put|add|swap), value ('' removes, for swap), expires,
-- size, now, ttl ms, max entries, max bytes, expected (swap).
local entry, member, mode, value = ARGV[1] .. ARGV[2], ARGV[2], ARGV[3], ARGV[4]
local now = tonumber(ARGV[7])
local found = redis.call('HMGET', entry, 'v', 'x')
local live = found[1] and tonumber(found[2]) > now
if mode == 'add' and live then return found[1] end
if mode == 'swap' then
  if not live or found[1] ~= ARGV[11] then return 0 end
  if value == '' then drop(member) return 1 end
end
drop(member)
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do drop(m) end
redis.call('HSET', entry, 'v', value, 'x', ARGV[5], 'c', 0)
redis.call('PEXPIRE', entry, ARGV[8])
redis.call('ZADD', KEYS[1], ARGV[5], member)
redis.call('HSET', KEYS[2], member, ARGV[6])
local bytes = redis.call('INCRBY', KEYS[3], ARGV[6])
local count = redis.call('ZCARD', KEYS[1])
local max_entries, max_bytes = tonumber(ARGV[9]), tonumber(ARGV[10])
while count > max_entries or (bytes > max_bytes and count > 1) do
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 1)
  local victim = oldest[1]
  if victim == member and oldest[2] then victim = oldest[2] end
  drop(victim)
  count = count - 1
  bytes = tonumber(redis.call('GET', KEYS[3]))
end
if mode == 'swap' then return 1 end
return false
"""
)

READ = (
    _DROP
    + """
-- KEYS: index, sizes, total. ARGV: entry prefix, key, mode (take|claim|remove), now.
local entry, member, mode = ARGV[1] .. ARGV[2], ARGV[2], ARGV[3]
local found = redis.call('HMGET', entry, 'v', 'x')
local live = found[1] and tonumber(found[2]) > tonumber(ARGV[4])
if mode ~= 'claim' then
  drop(member)
  if live then return found[1] end
  return false
end
if not live then return false end
return {found[1], redis.call('HINCRBY', entry, 'c', 1)}
"""
)

CLEAR = (
    _DROP
    + """
-- KEYS: index, sizes, total. ARGV: entry prefix.
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do redis.call('DEL', ARGV[1] .. m) end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
return 0
"""
)

HIT = """
-- KEYS: the key's window. ARGV: now, window seconds, requests, ttl ms. Returns false (counted) or the window's start.
local window = redis.call('HMGET', KEYS[1], 's', 'n')
local now, per = tonumber(ARGV[1]), tonumber(ARGV[2])
local start, count = tonumber(window[1]), tonumber(window[2])
if not start or now >= start + per then
  redis.call('HSET', KEYS[1], 's', ARGV[1], 'n', 0)
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
  start, count, window[1] = now, 0, ARGV[1]
end
if count >= tonumber(ARGV[3]) then return window[1] end
redis.call('HINCRBY', KEYS[1], 'n', 1)
return false
"""


def lifetime_ms(expires: float, now: float) -> int:
    """How long Redis keeps an entry: its remaining lifetime on the server clock, at least a millisecond."""
    return max(1, math.ceil((expires - now) * 1000))


class RedisMap(Generic[V]):
    """An :class:`~authkit_mock.core.ephemeral.EphemeralMap` in Valkey/Redis (layout in the module docstring)."""

    def __init__(
        self,
        connection: RedisConnection,
        name: str,
        max_entries: int,
        max_bytes: int,
        size: Callable[[str, V], int],
        expires: Callable[[V], float],
        codec: Codec[V],
    ) -> None:
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._size = size
        self._expires = expires
        self._codec = codec
        tag = "{" + name + "}"
        self._keys = [connection.key("eph", tag, "i"), connection.key("eph", tag, "s"), connection.key("eph", tag, "b")]
        self._entry_prefix = connection.key("eph", tag, "e", "")
        client = connection.client
        self._client = client
        self._write = client.register_script(WRITE)
        self._read = client.register_script(READ)
        self._clear = client.register_script(CLEAR)

    async def _written(self, mode: str, key: str, value: V | None, now: float, expected: str = "") -> Any:
        if value is None:
            encoded, expires, size = "", now, 0
        else:
            encoded, expires, size = self._codec.encode(value), self._expires(value), self._size(key, value)
        arguments: list[str | int] = [self._entry_prefix, key, mode, encoded, repr(expires), size, repr(now)]
        arguments += [lifetime_ms(expires, now), self.max_entries, self.max_bytes, expected]
        return await answered(self._write(keys=self._keys, args=arguments))

    async def put(self, key: str, value: V, now: float) -> None:
        """Add (or replace) an entry; expired entries and, past the bounds, the oldest go."""
        await self._written("put", key, value, now)

    async def add(self, key: str, value: V, now: float) -> V | None:
        """Add an entry only if ``key`` has no live one: None when added, else the entry already there."""
        found = await self._written("add", key, value, now)
        return None if found is None else self._codec.decode(found)

    async def get(self, key: str, now: float) -> V | None:
        """The live entry for ``key``, or None."""
        encoded, expires = await answered(self._client.hmget(self._entry_prefix + key, ["v", "x"]))
        if encoded is None or now >= float(str(expires)):
            return None
        return self._codec.decode(str(encoded))

    async def take(self, key: str, now: float) -> V | None:
        """Remove the entry for ``key`` and return it if it was live (one script: one taker gets it)."""
        found = await answered(self._read(keys=self._keys, args=[self._entry_prefix, key, "take", repr(now)]))
        return None if found is None else self._codec.decode(found)

    async def claim(self, key: str, now: float) -> tuple[V | None, bool]:
        """The live entry for ``key`` and whether this call is the first to claim it (one script)."""
        found = await answered(self._read(keys=self._keys, args=[self._entry_prefix, key, "claim", repr(now)]))
        if found is None:
            return None, False
        encoded, claims = found
        return self._codec.decode(encoded), int(claims) == 1

    async def swap(self, key: str, expected: V, value: V | None, now: float) -> bool:
        """Replace the entry with ``value`` (remove it for None) only if it is ``expected`` (one script)."""
        swapped = await self._written("swap", key, value, now, self._codec.encode(expected))
        return bool(swapped)

    async def remove(self, key: str) -> None:
        """Forget the entry for ``key`` (if any)."""
        await answered(self._read(keys=self._keys, args=[self._entry_prefix, key, "remove", "0"]))

    async def clear(self) -> None:
        """Forget every entry."""
        await answered(self._clear(keys=self._keys, args=[self._entry_prefix]))

    async def usage(self) -> tuple[int, int]:
        """(entries, bytes) held now, as the bounds count them."""
        index, _, total = self._keys
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.zcard(index)
            pipe.get(total)
            count, held = await answered(pipe.execute())
        return int(count), int(held or 0)


class RedisWindows:
    """:class:`~authkit_mock.core.ephemeral.RateWindows` in Valkey/Redis: counted across every process."""

    def __init__(self, connection: RedisConnection, name: str, requests: int, per_seconds: float) -> None:
        self.requests = requests
        self.per_seconds = per_seconds
        self._client = connection.client
        self._prefix = connection.key("rate", "{" + name + "}", "")
        self._hit = self._client.register_script(HIT)

    async def hit(self, key: str, now: float) -> float | None:
        """Count one request (one script: check, count and expiry together): None when allowed, else the seconds
        until the key's window ends."""
        ttl = lifetime_ms(now + self.per_seconds, now)
        args: list[str | int] = [repr(now), repr(self.per_seconds), self.requests, ttl]
        started = await answered(self._hit(keys=[self._prefix + key], args=args))
        return None if started is None else float(started) + self.per_seconds - now

    async def remaining(self, key: str, now: float) -> int:
        """How many more requests ``key`` may make in its current window."""
        started, count = await answered(self._client.hmget(self._prefix + key, ["s", "n"]))
        if started is None or now >= float(str(started)) + self.per_seconds:
            return self.requests
        return max(0, self.requests - int(str(count)))

    async def clear(self) -> None:
        """Forget every window (a scan of this limiter's keys: an admin reset, not a request)."""
        try:
            async for found in self._client.scan_iter(match=self._prefix + "*", count=1000):
                await self._client.unlink(found)
        except UNREACHABLE:
            raise StoreUnavailableError from None


class RedisMaps:
    """The shared :class:`~authkit_mock.core.ephemeral.MapFactory`: every process on one Valkey/Redis sees the
    same challenges, codes, logins, idempotency records and rate-limit windows."""

    def __init__(self, connection: RedisConnection) -> None:
        self.connection = connection
        self._made: list[RedisMap[Any] | RedisWindows] = []

    def bounded(
        self,
        name: str,
        max_entries: int,
        max_bytes: int,
        size: Callable[[str, V], int],
        expires: Callable[[V], float],
        codec: Codec[V],
    ) -> RedisMap[V]:
        """A :class:`RedisMap` named ``name`` (its keys are ``eph:{name}:...``)."""
        made = RedisMap(self.connection, name, max_entries, max_bytes, size, expires, codec)
        self._made.append(made)
        return made

    def windows(self, name: str, requests: int, per_seconds: float) -> RedisWindows:
        """:class:`RedisWindows` named ``name`` (its keys are ``rate:{name}:...``)."""
        made = RedisWindows(self.connection, name, requests, per_seconds)
        self._made.append(made)
        return made

    async def clear(self) -> None:
        """Forget what every map and window made here holds."""
        for made in self._made:
            await made.clear()
