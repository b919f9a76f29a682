"""svix rate limits on the reference server: per token, a fixed window on the server clock, 429 with Retry-After,
and how the limit meets idempotency keys (see mockserver/authkit_mock/apis/svix/)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from authkit_mock.apis.svix.ratelimit import RateLimiter
from authkit_mock.core.clock import Clock
from authkit_mock.core.ephemeral import MemoryMaps, MemoryWindows
from authkit_mock.core.errors import ApiError
from authkit_mock.core.settings import RateLimit
from tests.server.svix.client import SvixClient, svix_server
from tests.support.maps import Processes
from tests.support.server import RunningServer

RATE_LIMITED = {
    "code": "rate_limit_exceeded",
    "detail": "Too many requests, retry after the number of seconds in Retry-After.",
}


@pytest.fixture
def limited() -> Iterator[RunningServer]:
    """A svix server that allows 3 requests per token per 60 seconds."""
    with svix_server(rate_limit=RateLimit(3, 60)) as server:
        yield server


@pytest.fixture
def client(limited: RunningServer) -> Iterator[SvixClient]:
    with SvixClient(limited) as started:
        yield started


def test_over_the_limit_is_429_with_retry_after_in_seconds(client: SvixClient) -> None:
    for _ in range(3):
        assert client.dashboard_access().status_code == 200
    response = client.dashboard_access()
    assert response.status_code == 429
    assert response.json() == RATE_LIMITED
    assert response.headers["Retry-After"] == "60"


def test_retry_after_counts_down_with_the_server_clock_and_the_window_then_resets(
    limited: RunningServer, client: SvixClient
) -> None:
    for _ in range(3):
        client.expire_all(body={"expiry": 0})
    limited.advance_clock(30)
    assert client.expire_all(body={"expiry": 0}).headers["Retry-After"] == "30"
    limited.advance_clock(29.5)
    assert client.expire_all(body={"expiry": 0}).headers["Retry-After"] == "1"  # rounded up, never 0
    limited.advance_clock(0.5)
    assert [client.expire_all(body={"expiry": 0}).status_code for _ in range(4)] == [204, 204, 204, 429]


def test_the_limit_is_per_token(client: SvixClient) -> None:
    token = client.new_app_token()
    client.dashboard_access()
    client.dashboard_access()
    assert client.dashboard_access().status_code == 429
    assert client.logout(token).status_code == 204  # the app token has a window of its own


def test_every_operation_counts_against_the_same_token(client: SvixClient) -> None:
    client.dashboard_access()
    client.app_portal_access()
    client.expire_all(body={"expiry": 60})
    assert client.app_portal_access().status_code == 429


def test_refused_and_failed_requests_of_a_token_count_too(client: SvixClient) -> None:
    assert client.dashboard_access("app_nope").status_code == 404
    assert client.expire_all(body={"expiry": -1}).status_code == 422
    assert client.logout("testsk_demo_org_key").status_code == 403
    assert client.dashboard_access().status_code == 429


def test_requests_without_a_valid_token_are_not_counted(client: SvixClient) -> None:
    for _ in range(10):
        assert client.dashboard_access(token="testsk_wrong").status_code == 401
        assert client.dashboard_access(token=None).status_code == 401
    assert [client.dashboard_access().status_code for _ in range(4)] == [200, 200, 200, 429]


def test_a_rate_limited_request_is_never_replayed_and_never_recorded_under_its_key(
    limited: RunningServer, client: SvixClient
) -> None:
    # A replay is a request: it counts once, and the limit is checked before the key is looked at.
    first = client.dashboard_access(key="k")
    assert client.dashboard_access(key="k").headers["Idempotent-Replayed"] == "true"
    assert client.dashboard_access(key="k").headers["Idempotent-Replayed"] == "true"
    assert client.dashboard_access(key="k").status_code == 429
    assert client.dashboard_access(key="k-new").status_code == 429
    limited.advance_clock(60)
    replay = client.dashboard_access(key="k")
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == first.json()
    fresh = client.dashboard_access(key="k-new")
    assert fresh.status_code == 200
    assert "Idempotent-Replayed" not in fresh.headers


def test_the_default_limit_comes_from_the_settings() -> None:
    with svix_server() as server, SvixClient(server) as client:
        assert server.settings.rate_limit == RateLimit(600, 60.0)
        assert all(client.dashboard_access().status_code == 200 for _ in range(20))


# The limiter itself, over both backends (memory, and a real redis-server through two connections)


@pytest.mark.asyncio
async def test_a_window_opens_with_a_key_s_first_request(processes: Processes) -> None:
    clock = Clock(source=lambda: 1_000_000.25)
    async with processes(1) as [maps]:
        limiter = RateLimiter(maps, "svix", RateLimit(2, 10), clock)
        assert await limiter.hit("a") is None
        clock.advance(9)
        assert await limiter.hit("a") is None
        assert await limiter.hit("a") == 1
        assert await limiter.remaining("a") == 0
        assert await limiter.remaining("b") == 2
        clock.advance(1)
        assert await limiter.remaining("a") == 2
        assert await limiter.hit("a") is None


@pytest.mark.asyncio
async def test_check_raises_429_with_retry_after(processes: Processes) -> None:
    clock = Clock(source=lambda: 50.0)
    async with processes(1) as [maps]:
        limiter = RateLimiter(maps, "svix", RateLimit(1, 2.5), clock)
        await limiter.check("a")
        with pytest.raises(ApiError) as raised:
            await limiter.check("a")
        assert raised.value.status == 429
        assert raised.value.code == "rate_limit_exceeded"
        assert raised.value.headers == {"Retry-After": "3"}


@pytest.mark.asyncio
async def test_requests_through_two_processes_count_against_one_window(processes: Processes) -> None:
    clock = Clock(source=lambda: 50.0)
    async with processes(2) as [one, other]:
        limiters = [RateLimiter(maps, "svix", RateLimit(5, 60), clock) for maps in (one, other)]
        allowed = await asyncio.gather(*(limiters[i % 2].hit("token") for i in range(20)))
        assert allowed.count(None) == 5
        assert await limiters[0].remaining("token") == await limiters[1].remaining("token") == 0
        clock.advance(60)
        assert await limiters[1].hit("token") is None


@pytest.mark.asyncio
async def test_clear_forgets_every_window(processes: Processes) -> None:
    clock = Clock(source=lambda: 0.0)
    async with processes(1) as [maps]:
        limiter = RateLimiter(maps, "svix", RateLimit(1, 1), clock)
        await limiter.hit("a")
        assert await limiter.remaining("a") == 0
        await maps.clear()
        assert await limiter.remaining("a") == 1


@pytest.mark.asyncio
async def test_finished_windows_are_dropped_in_memory() -> None:
    clock = Clock(source=lambda: 0.0)
    limiter = RateLimiter(MemoryMaps(), "svix", RateLimit(1, 1), clock)
    await limiter.hit("old")
    clock.advance(120)
    await limiter.hit("new")
    assert await limiter.remaining("new") == 0
    assert isinstance(limiter.windows, MemoryWindows)
    assert len(limiter.windows) == 1  # the old window was dropped (Redis lets each window's key expire)
