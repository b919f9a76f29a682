"""The backends of ``core/ephemeral.py`` for tests that run one body over both: the memory one, and the shared one
on the session's real redis-server, where each "process" is its own ``RedisConnection`` (its own pool), as two
server processes or replicas would have."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import pytest

from authkit_mock.core.ephemeral import MapFactory, MemoryMaps
from authkit_mock.core.redis.connection import RedisConnection
from authkit_mock.core.redis.maps import RedisMaps
from tests.support.redis import RedisServer

BACKENDS = ["memory", "redis"]

Processes = Callable[[int], AbstractAsyncContextManager[list[MapFactory]]]
"""``processes(n)``: ``n`` map factories acting as one server's processes (memory: one process, the same one)."""


def key_prefix(request: pytest.FixtureRequest) -> str:
    """A key prefix of the test's own, so tests sharing one redis-server never see each other's keys."""
    return "test:" + re.sub(r"\W", "_", request.node.name) + ":"


def processes_for(request: pytest.FixtureRequest, backend: str) -> Processes:
    """The ``processes`` of ``backend`` for the test ``request`` belongs to."""
    redis = request.getfixturevalue("redis_server") if backend == "redis" else None

    @asynccontextmanager
    async def processes(count: int) -> AsyncIterator[list[MapFactory]]:
        if redis is None:
            shared = MemoryMaps()
            yield [shared] * count
            return
        async with connected(redis, key_prefix(request), count) as connections:
            yield [RedisMaps(connection) for connection in connections]

    return processes


@asynccontextmanager
async def connected(redis: RedisServer, prefix: str, count: int) -> AsyncIterator[list[RedisConnection]]:
    """``count`` connections (pools) to ``redis`` under ``prefix``; the prefix's keys are deleted afterwards."""
    connections = [RedisConnection(redis.url(), prefix) for _ in range(count)]
    try:
        yield connections
    finally:
        client = connections[0].client
        async for key in client.scan_iter(match=prefix + "*"):
            await client.unlink(key)
        for connection in connections:
            await connection.close()
