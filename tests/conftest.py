"""Fixtures shared by every test folder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from authkit_mock.core.clock import Clock
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.settings import Settings
from tests.support.maps import BACKENDS, Processes, processes_for
from tests.support.redis import RedisServer, shared_store_settings
from tests.support.server import RunningServer, checked_client, running_server
from tests.support.site import build


def make_settings(**overrides: object) -> Settings:
    """Settings for a test server: seeded randomness, fast password hashing, everything else default; in a
    ``scripts/test --redis`` run, its state in the session redis-server under a prefix of its own."""
    values: dict[str, object] = {"entropy": Entropy(seed=1234), "password_hash_iterations": 1000}
    if "state_file" not in overrides:
        values.update(shared_store_settings())
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def frozen_clock() -> Clock:
    """A clock that stands at the time it was made and moves only when advanced: a test of a boundary to the second
    (valid for ``ttl - 1`` seconds, expired at ``ttl``) must not depend on the wall clock not ticking meanwhile."""
    start = time.time()
    return Clock(source=lambda: start)


def clock_for(request: pytest.FixtureRequest) -> dict[str, object]:
    """Settings overrides for the test server of ``request``'s test: a :func:`frozen_clock` when the test is marked
    ``frozen_clock``."""
    return {"clock": frozen_clock()} if request.node.get_closest_marker("frozen_clock") else {}


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A fresh reference server (all five APIs) for one test (its clock frozen when the test is marked so)."""
    with running_server(make_settings(**clock_for(request))) as started:
        yield started


@pytest.fixture
def admin(server: RunningServer) -> Iterator[httpx.Client]:
    """A client of the server's admin API whose every response is checked against openapi/admin.yaml."""
    with checked_client(server, "admin") as client:
        yield client


@pytest.fixture(scope="session")
def authkit_settings() -> Settings:
    """The pytest plugin's server (``authkit`` fixture): its defaults; in a ``--redis`` run, with the shared store."""
    return Settings(**shared_store_settings())


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """A real redis-server for the whole session, on a free port, keeping nothing on disk."""
    started = RedisServer(tmp_path_factory.mktemp("redis"))
    started.start()
    yield started
    started.stop()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documentation site, built once per test session with ``mkdocs build --strict``."""
    folder = tmp_path_factory.mktemp("site") / "site"
    built = build(folder)
    assert built.returncode == 0, built.stderr
    return folder


@pytest.fixture(params=BACKENDS)
def processes(request: pytest.FixtureRequest) -> Processes:
    """Map factories acting as one server's processes, over both backends (memory; a real redis-server through
    separate connections): a test that asks for it runs once per backend."""
    return processes_for(request, request.param)
