"""Three replicas of one deployment on one real redis-server, started once for the folder, reset to the seed before
each test through one replica's admin API; after each test, no replica has written a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from tests.e2e.flows import GRACE
from tests.replica.replicas import Replica, start_replicas
from tests.support.redis import RedisServer

RATE_LIMIT = (6, 600)
"""svix's per-token limit on the replicas: 6 requests in 600 s of server time (the test counts across replicas)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test here runs several server processes on a Redis server: marked ``redis`` (``scripts/test --redis``)."""
    for item in items:
        if item.path.parent.name == "replica":
            item.add_marker(pytest.mark.redis)


@dataclass
class Deployment:
    """Three replicas (A, B, C) of one deployment and the Redis server they share."""

    redis: RedisServer
    a: Replica
    b: Replica
    c: Replica

    @property
    def replicas(self) -> tuple[Replica, Replica, Replica]:
        """A, B and C."""
        return (self.a, self.b, self.c)


@pytest.fixture(scope="session")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    """Three ``authkit-mock serve --store redis://...`` processes on a redis-server of their own."""
    folder = tmp_path_factory.mktemp("replicas")
    redis = RedisServer(folder)
    redis.start()
    try:
        options = ("--idp-auto-login", GRACE, "--svix-rate-limit", f"{RATE_LIMIT[0]}/{RATE_LIMIT[1]}")
        a, b, c = start_replicas(folder, redis.url(0), "replicas:", 3, *options)
        try:
            yield Deployment(redis, a, b, c)
        finally:
            for replica in (a, b, c):
                replica.stop()
    finally:
        redis.stop()


@pytest.fixture
def replicas(deployment: Deployment) -> Iterator[Deployment]:
    """The deployment reset to its seed (at replica C); checked afterwards for tracebacks in every replica's log."""
    assert httpx.post(f"{deployment.c.url}/__admin/reset", timeout=10).status_code == 200
    before = [len(replica.log_text()) for replica in deployment.replicas]
    yield deployment
    for replica, start in zip(deployment.replicas, before, strict=True):
        assert "Traceback" not in replica.log_text()[start:], f"replica {replica.name} wrote a traceback"
