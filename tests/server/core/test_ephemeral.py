"""The short-lived state maps (``core/ephemeral.py``), each test run over both backends: memory, and a real
redis-server reached through two connections (two pools, as two server processes would be).

Expiry is decided by the ``now`` every call passes (the server clock), never by sleeping. The concurrency tests
fire many takers at one key from both "processes" at once; a read-then-write copy of the one-use step, run through
the same check, lets several of them win (so the check can tell).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial

import pytest

from authkit_mock.core.bounded import text_bytes
from authkit_mock.core.ephemeral import EphemeralMap, JsonCodec, MapFactory
from authkit_mock.core.redis.connection import RedisConnection, StoreUnavailableError
from authkit_mock.core.redis.maps import RedisMaps
from tests.support.maps import Processes, connected, key_prefix
from tests.support.redis import RedisServer, free_port

NOW = 1_000.0
TTL = 60.0
TAKERS = 40


@dataclass(frozen=True)
class Item:
    """A value like the protocol state's: text, bytes (base64 in JSON), a number and its expiry."""

    name: str
    blob: bytes
    expires_at: float
    count: int = 0


def item(name: str, now: float = NOW, blob: bytes = b"\x00\xffraw") -> Item:
    return Item(name, blob, now + TTL)


def items_of(maps: MapFactory, max_entries: int = 100, max_bytes: int = 10**6) -> EphemeralMap[Item]:
    return maps.bounded(
        "items",
        max_entries,
        max_bytes,
        lambda key, value: text_bytes(key, value.name, value.blob),
        lambda value: value.expires_at,
        JsonCodec(Item),
    )


@pytest.mark.asyncio
async def test_an_entry_is_found_until_its_expiry_by_the_clock_passed_in(processes: Processes) -> None:
    async with processes(1) as [maps]:
        items = items_of(maps)
        await items.put("a", item("a"), NOW)
        assert await items.get("a", NOW + TTL - 0.5) == item("a")
        assert await items.get("a", NOW + TTL) is None
        assert await items.take("a", NOW + TTL) is None
        assert await items.get("missing", NOW) is None


@pytest.mark.asyncio
async def test_a_taken_entry_is_gone(processes: Processes) -> None:
    async with processes(2) as [one, other]:
        await items_of(one).put("a", item("a"), NOW)
        assert await items_of(other).take("a", NOW) == item("a")
        assert await items_of(one).take("a", NOW) is None
        assert await items_of(one).usage() == (0, 0)


@pytest.mark.asyncio
async def test_a_claim_tells_the_first_use_and_the_entry_stays(processes: Processes) -> None:
    async with processes(2) as [one, other]:
        await items_of(one).put("code", item("code"), NOW)
        assert await items_of(one).claim("code", NOW) == (item("code"), True)
        assert await items_of(other).claim("code", NOW) == (item("code"), False)
        assert await items_of(other).get("code", NOW) == item("code")
        assert await items_of(one).claim("code", NOW + TTL) == (None, False)
        assert await items_of(one).claim("missing", NOW) == (None, False)


@pytest.mark.asyncio
async def test_add_keeps_the_live_entry_and_replaces_an_expired_one(processes: Processes) -> None:
    async with processes(2) as [one, other]:
        assert await items_of(one).add("k", item("first"), NOW) is None
        assert await items_of(other).add("k", item("second"), NOW) == item("first")
        assert await items_of(other).add("k", item("third", NOW + TTL), NOW + TTL) is None
        assert await items_of(one).get("k", NOW + TTL) == item("third", NOW + TTL)


@pytest.mark.asyncio
async def test_swap_replaces_only_the_expected_entry(processes: Processes) -> None:
    async with processes(1) as [maps]:
        items = items_of(maps)
        await items.put("k", item("a"), NOW)
        assert not await items.swap("k", item("other"), item("b"), NOW)
        assert await items.swap("k", item("a"), item("b"), NOW)
        assert await items.get("k", NOW) == item("b")
        assert not await items.swap("k", item("a"), None, NOW)
        assert await items.swap("k", item("b"), None, NOW)
        assert await items.get("k", NOW) is None
        assert not await items.swap("k", item("b"), item("c"), NOW)


@pytest.mark.asyncio
async def test_remove_and_clear_forget_entries(processes: Processes) -> None:
    async with processes(1) as [maps]:
        items = items_of(maps)
        for name in "abc":
            await items.put(name, item(name), NOW)
        await items.remove("a")
        assert await items.get("a", NOW) is None
        assert (await items.usage())[0] == 2
        await maps.clear()
        assert await items.usage() == (0, 0)
        assert await items.get("b", NOW) is None


@pytest.mark.asyncio
async def test_past_the_count_bound_the_oldest_entries_go(processes: Processes) -> None:
    async with processes(2) as [one, other]:
        for i in range(12):
            await items_of(one if i % 2 else other, max_entries=5).put(f"k{i}", item(f"k{i}", NOW + i), NOW + i)
        items = items_of(one, max_entries=5)
        assert (await items.usage())[0] == 5
        found = [await items.get(f"k{i}", NOW + 11) for i in range(12)]
        assert [value is not None for value in found] == [False] * 7 + [True] * 5


@pytest.mark.asyncio
async def test_past_the_byte_bound_the_oldest_entries_go(processes: Processes) -> None:
    blob = b"x" * 1000
    size = text_bytes("k0", "k0", blob)
    async with processes(2) as [one, other]:
        for i in range(10):
            value = Item(f"k{i}", blob, NOW + i + TTL)
            await items_of(one if i % 2 else other, max_bytes=3 * size).put(f"k{i}", value, NOW + i)
        count, held = await items_of(one, max_bytes=3 * size).usage()
        assert (count, held) == (3, 3 * size)
        assert await items_of(one).get("k9", NOW + 9) is not None
        assert await items_of(one).get("k6", NOW + 9) is None


@pytest.mark.asyncio
async def test_expired_entries_are_dropped_when_a_new_one_comes(processes: Processes) -> None:
    async with processes(1) as [maps]:
        items = items_of(maps)
        for name in "abc":
            await items.put(name, item(name), NOW)
        await items.put("d", item("d", NOW + TTL), NOW + TTL)
        assert (await items.usage())[0] == 1


# -- atomicity: many takers at once, through two connections -------------------------------------------------------


async def winners(takers: list[Callable[[], Awaitable[bool]]], *maps: EphemeralMap[Item]) -> int:
    """How many of ``takers``, started together, report that they won (after a warm-up that opens as many
    connections in each process as there are takers, so their commands reach the server together)."""
    await asyncio.gather(*(items.get("warm-up", NOW) for items in maps for _ in takers))
    return sum(await asyncio.gather(*(taker() for taker in takers)))


Attempt = Callable[[EphemeralMap[Item]], Awaitable[bool]]


def both(one: EphemeralMap[Item], other: EphemeralMap[Item], attempt: Attempt) -> list[Callable[[], Awaitable[bool]]]:
    """``TAKERS`` attempts, alternately through each process's map."""
    return [partial(attempt, one if i % 2 else other) for i in range(TAKERS)]


@pytest.mark.asyncio
async def test_of_many_concurrent_takers_in_two_processes_exactly_one_gets_the_entry(processes: Processes) -> None:
    async with processes(2) as [one, other]:
        await items_of(one).put("code", item("code"), NOW)

        async def take(items: EphemeralMap[Item]) -> bool:
            return await items.take("code", NOW) is not None

        assert await winners(both(items_of(one), items_of(other), take), items_of(one), items_of(other)) == 1


@pytest.mark.asyncio
async def test_of_many_concurrent_claims_in_two_processes_exactly_one_is_first(processes: Processes) -> None:
    async with processes(2) as [one, other]:
        await items_of(one).put("code", item("code"), NOW)

        async def claim(items: EphemeralMap[Item]) -> bool:
            value, first = await items.claim("code", NOW)
            assert value == item("code")
            return first

        assert await winners(both(items_of(one), items_of(other), claim), items_of(one), items_of(other)) == 1


@pytest.mark.asyncio
async def test_of_many_concurrent_adds_in_two_processes_exactly_one_adds(processes: Processes) -> None:
    async with processes(2) as [one, other]:

        async def add(items: EphemeralMap[Item]) -> bool:
            return await items.add("key", item("key"), NOW) is None

        assert await winners(both(items_of(one), items_of(other), add), items_of(one), items_of(other)) == 1


@pytest.mark.asyncio
async def test_a_read_then_write_take_lets_several_takers_win(processes: Processes) -> None:
    """The broken copy: the same check catches a one-use step that reads, then removes."""
    async with processes(2) as [one, other]:
        await items_of(one).put("code", item("code"), NOW)

        async def read_then_remove(items: EphemeralMap[Item]) -> bool:
            found = await items.get("code", NOW)
            # In memory, read and write with no await between cannot interleave; any await between them (another
            # round trip) lets the other takers in, as the network does between two Redis commands.
            await asyncio.sleep(0)
            await items.remove("code")
            return found is not None

        takers = both(items_of(one), items_of(other), read_then_remove)
        assert await winners(takers, items_of(one), items_of(other)) > 1


# -- the shared backend only ---------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_redis_keeps_values_as_json_with_bytes_in_base64(
    redis_server: RedisServer, request: pytest.FixtureRequest
) -> None:
    async with connected(redis_server, key_prefix(request), 1) as [connection]:
        await items_of(RedisMaps(connection)).put("a", item("a"), NOW)
        stored = await connection.client.hget(connection.key("eph", "{items}", "e", "a"), "v")
        assert json.loads(str(stored)) == [{"name": "a", "blob": "AP9yYXc=", "expires_at": NOW + TTL, "count": 0}]


@pytest.mark.asyncio
async def test_redis_lets_an_entry_go_after_its_lifetime(
    redis_server: RedisServer, request: pytest.FixtureRequest
) -> None:
    async with connected(redis_server, key_prefix(request), 1) as [connection]:
        await items_of(RedisMaps(connection)).put("a", item("a"), NOW)
        lifetime = await connection.client.pttl(connection.key("eph", "{items}", "e", "a"))
        assert TTL * 1000 - 5000 < lifetime <= TTL * 1000


@pytest.mark.asyncio
async def test_an_unreachable_store_is_a_503() -> None:
    connection = RedisConnection(f"redis://127.0.0.1:{free_port()}/0", "test:")
    try:
        items = items_of(RedisMaps(connection))
        with pytest.raises(StoreUnavailableError) as refused:
            await items.put("a", item("a"), NOW)
        assert refused.value.status == 503
        with pytest.raises(StoreUnavailableError):
            await items.get("a", NOW)
    finally:
        await connection.close()
