"""The refreshing auth on its own (respx, no server): when it refreshes, what it replays, and one refresh per burst.

The single-flight tests run the same burst against a copy of the credentials with the guard switched off (each
request refreshes on its own when it finds the token stale): that copy refreshes many times, so the tests can fail.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from email.utils import formatdate

import httpx
import pytest
import respx

from authkit_sdk._core import refreshing
from authkit_sdk.auth import Credentials, RefreshingAuth, unverified_claims
from authkit_sdk.errors import LoginRequiredError, UnauthorizedError
from authkit_sdk.svix import SvixClient

URL = "https://api.example.test/resource"
NOW = 1_800_000_000.0


def jwt(iat: float, exp: float, name: str = "t") -> str:
    """An unsigned JWT-shaped token with ``iat`` and ``exp`` (the auth reads them without verifying)."""

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'none'})}.{part({'iat': int(iat), 'exp': int(exp), 'n': name})}.sig"


class Clock:
    """This machine's clock, moved by hand."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> float:
        return self.now


class NaiveCredentials(Credentials):
    """The guard switched off: every request that finds the token stale refreshes by itself."""

    def refresh_sync(self, refresh: Callable[[], object], after: str | None = None) -> None:
        if self._needs(after):
            refresh()

    async def refresh_async(self, refresh: Callable[[], Awaitable[object]], after: str | None = None) -> None:
        if self._needs(after):
            await refresh()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def router() -> Iterator[respx.MockRouter]:
    with respx.mock(assert_all_called=False) as mocked:
        yield mocked


def credentials(clock: Clock, lifetime: float = 900, cls: type[Credentials] = Credentials) -> Credentials:
    held = cls(margin=60, clock=clock)
    held.keep(jwt(clock.now, clock.now + lifetime, "first"))
    return held


def refresher(
    held: Credentials, clock: Clock, gate: threading.Event | None = None
) -> tuple[list[str], Callable[[], None]]:
    calls: list[str] = []

    def refresh() -> None:
        if gate is not None:
            gate.wait(5)
        calls.append("refresh")
        held.keep(jwt(clock.now, clock.now + 900, f"fresh-{len(calls)}"))

    return calls, refresh


def test_unverified_claims_reads_a_jwt_payload_and_nothing_else() -> None:
    assert unverified_claims(jwt(1, 2))["exp"] == 2
    assert unverified_claims("opaque-token") == {}
    assert unverified_claims("a.!!!.c") == {}


def test_a_fresh_token_is_attached_without_a_refresh(clock: Clock, router: respx.MockRouter) -> None:
    held = credentials(clock)
    calls, refresh = refresher(held, clock)
    route = router.get(URL).respond(200)
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http:
        http.get(URL)
    assert calls == []
    assert route.calls.last.request.headers["Authorization"] == f"Bearer {held.token}"


def test_a_token_within_the_margin_is_refreshed_before_the_request(clock: Clock, router: respx.MockRouter) -> None:
    held = credentials(clock)
    calls, refresh = refresher(held, clock)
    route = router.get(URL).respond(200)
    clock.now += 900 - 30
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http:
        http.get(URL)
    assert calls == ["refresh"]
    assert unverified_claims(route.calls.last.request.headers["Authorization"].split()[1])["n"] == "fresh-1"


def test_expiry_is_judged_on_the_servers_clock_learned_from_the_date_header(
    clock: Clock, router: respx.MockRouter
) -> None:
    held = credentials(clock)
    calls, refresh = refresher(held, clock)
    # The server's clock was moved 870 s forward (QA): its Date says so, this machine's clock does not.
    router.get(URL).respond(200, headers={"Date": formatdate(NOW + 870, usegmt=True)})
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http:
        http.get(URL)  # sent with the old token; the answer tells the server's time
        assert calls == []
        http.get(URL)
    assert calls == ["refresh"]


def test_a_401_refreshes_once_and_replays_the_request_once(clock: Clock, router: respx.MockRouter) -> None:
    held = credentials(clock)
    calls, refresh = refresher(held, clock)
    route = router.post(URL).mock(side_effect=[httpx.Response(401), httpx.Response(200)])
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http:
        assert http.post(URL, content=b"body").status_code == 200
    assert calls == ["refresh"]
    assert [call.request.content for call in route.calls] == [b"body", b"body"]
    assert route.calls[0].request.headers["Authorization"] != route.calls[1].request.headers["Authorization"]


def test_a_second_401_is_returned_not_retried_again(clock: Clock, router: respx.MockRouter) -> None:
    held = credentials(clock)
    calls, refresh = refresher(held, clock)
    route = router.get(URL).respond(401)
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http:
        assert http.get(URL).status_code == 401
    assert calls == ["refresh"]
    assert route.call_count == 2


def test_a_streamed_body_is_not_replayed_after_a_401(clock: Clock, router: respx.MockRouter) -> None:
    held = credentials(clock)
    calls, refresh = refresher(held, clock)
    route = router.post(URL).respond(401)
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http:
        assert http.post(URL, content=iter([b"once"])).status_code == 401
    assert calls == []
    assert route.call_count == 1


def test_no_credential_raises_login_required_before_any_request(router: respx.MockRouter) -> None:
    route = router.get(URL).respond(200)
    with httpx.Client(auth=RefreshingAuth(Credentials())) as http, pytest.raises(LoginRequiredError):
        http.get(URL)
    assert route.call_count == 0


def test_a_svix_token_cannot_be_refreshed_so_a_401_raises_at_once(router: respx.MockRouter) -> None:
    route = router.get(URL).respond(401, json={"code": "authentication_failed", "detail": "no"})
    with (
        SvixClient("appsk_x") as svix,
        httpx.Client(auth=svix.auth()) as http,
        pytest.raises(UnauthorizedError) as raised,
    ):
        http.get(URL)
    assert raised.value.status_code == 401
    assert route.call_count == 1
    assert route.calls.last.request.headers["Authorization"] == "Bearer appsk_x"


def burst_of_threads(cls: type[Credentials], clock: Clock, router: respx.MockRouter) -> list[str]:
    """20 threads find the token stale at once; the refresh is slow until all of them have asked."""
    held = credentials(clock, cls=cls)
    gate = threading.Event()
    calls, refresh = refresher(held, clock, gate)
    router.get(URL).respond(200)
    clock.now += 890
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http, ThreadPoolExecutor(20) as pool:
        futures = [pool.submit(http.get, URL) for _ in range(20)]
        threading.Timer(0.2, gate.set).start()  # lets every thread reach the refresh (the rule, not timing, decides)
        assert all(future.result().status_code == 200 for future in futures)
    return calls


def test_twenty_threads_that_find_the_token_stale_share_one_refresh(clock: Clock, router: respx.MockRouter) -> None:
    assert burst_of_threads(Credentials, clock, router) == ["refresh"]


def test_without_the_single_flight_guard_the_same_threads_refresh_many_times(
    clock: Clock, router: respx.MockRouter
) -> None:
    assert len(burst_of_threads(NaiveCredentials, clock, router)) > 1


def burst_of_tasks(cls: type[Credentials], clock: Clock, router: respx.MockRouter) -> list[str]:
    held = credentials(clock, cls=cls)
    calls: list[str] = []

    async def refresh() -> None:
        await asyncio.sleep(0)  # a real refresh awaits the network: others run meanwhile
        calls.append("refresh")
        held.keep(jwt(clock.now, clock.now + 900, f"fresh-{len(calls)}"))

    router.get(URL).respond(200)
    clock.now += 890

    async def run() -> None:
        async with httpx.AsyncClient(auth=RefreshingAuth(held, arefresh=refresh)) as http:
            answers = await asyncio.gather(*(http.get(URL) for _ in range(50)))
        assert all(answer.status_code == 200 for answer in answers)

    asyncio.run(run())
    return calls


def test_fifty_tasks_that_find_the_token_stale_share_one_refresh_task(clock: Clock, router: respx.MockRouter) -> None:
    assert burst_of_tasks(Credentials, clock, router) == ["refresh"]


def test_without_the_single_flight_guard_the_same_tasks_refresh_many_times(
    clock: Clock, router: respx.MockRouter
) -> None:
    assert len(burst_of_tasks(NaiveCredentials, clock, router)) > 1


def test_a_failed_refresh_fails_every_waiter_with_the_same_error_and_the_next_request_tries_again(
    clock: Clock, router: respx.MockRouter
) -> None:
    held = credentials(clock)
    failure: UnauthorizedError[object] = UnauthorizedError("refresh refused", status_code=401)
    attempts: list[int] = []

    async def refresh() -> None:
        attempts.append(1)
        await asyncio.sleep(0)
        if len(attempts) == 1:
            raise failure
        held.keep(jwt(clock.now, clock.now + 900, "fresh"))

    router.get(URL).respond(200)
    clock.now += 890

    async def run() -> tuple[list[BaseException | httpx.Response], httpx.Response]:
        async with httpx.AsyncClient(auth=RefreshingAuth(held, arefresh=refresh)) as http:
            first = await asyncio.gather(*(http.get(URL) for _ in range(10)), return_exceptions=True)
            return first, await http.get(URL)

    first, later = asyncio.run(run())
    assert all(outcome is failure for outcome in first)
    assert later.status_code == 200
    assert len(attempts) == 2


def test_an_auth_of_a_sync_client_refuses_an_async_httpx_client(clock: Clock) -> None:
    held = credentials(clock)
    _, refresh = refresher(held, clock)

    async def run() -> None:
        async with httpx.AsyncClient(auth=RefreshingAuth(held, refresh=refresh)) as http:
            await http.get(URL)

    with pytest.raises(TypeError, match="sync client"):
        asyncio.run(run())


class CountedEvent(threading.Event):
    """An event that counts the threads waiting on it."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = 0
        self.changed = threading.Condition()

    def wait(self, timeout: float | None = None) -> bool:
        with self.changed:
            self.waiting += 1
            self.changed.notify_all()
        return super().wait(timeout)


def test_a_failed_refresh_fails_every_waiting_thread_with_the_same_error(
    clock: Clock, router: respx.MockRouter, monkeypatch: pytest.MonkeyPatch
) -> None:
    flights: list[refreshing._Flight] = []

    class CountedFlight(refreshing._Flight):
        def __init__(self) -> None:
            super().__init__()
            self.done = CountedEvent()
            flights.append(self)

    monkeypatch.setattr(refreshing, "_Flight", CountedFlight)
    held = credentials(clock)
    failure: UnauthorizedError[object] = UnauthorizedError("refresh refused", status_code=401)

    def refresh() -> None:
        done = flights[-1].done
        assert isinstance(done, CountedEvent)
        with done.changed:  # fail only once the nine other threads wait for this refresh
            assert done.changed.wait_for(lambda: done.waiting == 9, timeout=10)
        raise failure

    router.get(URL).respond(200)
    clock.now += 890
    with httpx.Client(auth=RefreshingAuth(held, refresh=refresh)) as http, ThreadPoolExecutor(10) as pool:
        outcomes = [future.exception() for future in [pool.submit(http.get, URL) for _ in range(10)]]
    assert all(outcome is failure for outcome in outcomes)
    assert len(flights) == 1
