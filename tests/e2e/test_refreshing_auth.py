"""Credentials that refresh themselves, against the real reference server: an app calls "the rest of the service"
(the protected stand-in resource) through ``httpx.Client(auth=client.auth())`` while QA moves the server clock.

The clock moves in the middle of each run, into the refresh margin (the credential still works, but the auth learns
the server's time from the ``Date`` header and refreshes before it expires) and, for polario and bixarena, which can
renew an expired credential, past the expiry (requests already sent get a 401 and are replayed). Every request
succeeds, and the server's journal shows exactly one refresh: sequentially, with 200 concurrent asyncio requests,
and with 20 threads. These tests use the project's own pytest plugin (``authkit``, ``authkit_admin``).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, cast

import httpx
import pytest

from authkit_mock.pytest_plugin import PACERPRO_DEMO, POLARIO_DEMO, provider_login
from authkit_mock.testing import RunningServer
from authkit_sdk.admin import AdminClient, ApiSlug
from authkit_sdk.auth import DEFAULT_MARGIN
from authkit_sdk.bixarena import AsyncBixarenaClient, BixarenaClient
from authkit_sdk.pacerpro import AsyncPacerproClient, PacerproClient
from authkit_sdk.polario import AsyncPolarioClient, PolarioClient


@dataclass(frozen=True)
class Case:
    """One API and how far the clock moves past the moment its fresh credential was issued."""

    api: str
    refresh_operation: str
    lifetime: int
    past_expiry: bool

    @property
    def shift(self) -> float:
        # Into the margin: half of it is left. Past expiry: 30 s after.
        return self.lifetime + 30 if self.past_expiry else self.lifetime - DEFAULT_MARGIN / 2

    def __str__(self) -> str:
        return f"{self.api}-{'past-expiry' if self.past_expiry else 'into-margin'}"


CASES = [
    Case("pacerpro", "refresh_session", 3600, past_expiry=False),
    Case("polario", "refresh_session", 900, past_expiry=False),
    Case("polario", "refresh_session", 900, past_expiry=True),
    Case("bixarena", "mint_internal_token", 600, past_expiry=False),
    Case("bixarena", "mint_internal_token", 600, past_expiry=True),
]


def clear_journal(server: RunningServer) -> None:
    """Clear the server's journal through its admin API (with a shared store, the journal is the deployment's)."""
    assert httpx.delete(f"{server.admin_url}/journal", timeout=10).status_code == 204


def sync_client(case: Case, server: RunningServer) -> Any:
    """A sync client of ``case.api``, logged in as the demo user, holding a fresh credential (the journal is
    cleared afterwards, so that it counts the refreshes of the run only)."""
    client = _sync_client(case, server)
    clear_journal(server)
    return client


def _sync_client(case: Case, server: RunningServer) -> Any:
    url = server.api_url(case.api)
    if case.api == "pacerpro":
        pacer = PacerproClient(base_url=url)
        pacer.login(*PACERPRO_DEMO)
        return pacer
    if case.api == "polario":
        polario = PolarioClient(base_url=url)
        polario.login(*POLARIO_DEMO)
        return polario
    bixarena = BixarenaClient(base_url=url)
    bixarena.login_with(provider_login)
    bixarena.mint_token()
    return bixarena


async def async_client(case: Case, server: RunningServer) -> Any:
    """The async twin of :func:`sync_client`."""
    client = await _async_client(case, server)
    clear_journal(server)
    return client


async def _async_client(case: Case, server: RunningServer) -> Any:
    url = server.api_url(case.api)
    if case.api == "pacerpro":
        pacer = AsyncPacerproClient(base_url=url)
        await pacer.login(*PACERPRO_DEMO)
        return pacer
    if case.api == "polario":
        polario = AsyncPolarioClient(base_url=url)
        await polario.login(*POLARIO_DEMO)
        return polario
    bixarena = AsyncBixarenaClient(base_url=url)
    code, state = provider_login(await bixarena.start_login())
    await bixarena.complete_login(code, state)
    await bixarena.mint_token()
    return bixarena


def refreshes(admin: AdminClient, case: Case) -> int:
    """How many refreshes the server received (its journal; 2xx or not)."""
    api = cast("ApiSlug", case.api)
    return len(admin.journal(api=api, operation=case.refresh_operation, limit=1000).items)


def statuses_of_the_resource(server: RunningServer, case: Case) -> list[int]:
    """The statuses the protected resource answered (from the server's journal)."""
    prefix = f"/__protected/{case.api}"
    return [entry.status for entry in server.runtime.journal.query(limit=10_000) if entry.path.startswith(prefix)]


class OnceAfter:
    """Calls ``action`` once, when :meth:`tick` has been called ``count`` times (thread-safe)."""

    def __init__(self, count: int, action: Callable[[], object]) -> None:
        self._left = count
        self._action = action
        self._lock = threading.Lock()

    def tick(self) -> None:
        with self._lock:
            self._left -= 1
            fire = self._left == 0
        if fire:
            self._action()


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_run_of_requests_survives_the_clock_move_with_one_refresh(
    case: Case, authkit: RunningServer, authkit_admin: AdminClient
) -> None:
    client = sync_client(case, authkit)
    mover = OnceAfter(10, lambda: authkit_admin.advance_clock(case.shift))
    with client, httpx.Client(auth=client.auth()) as http:
        for _ in range(30):
            assert http.get(authkit.protected_url(case.api)).status_code == 200
            mover.tick()
    assert refreshes(authkit_admin, case) == 1
    assert statuses_of_the_resource(authkit, case).count(200) == 30


# The hardest case of each API (past expiry where it can renew an expired credential): hundreds of async requests
# cost seconds on a loaded machine.
ASYNC_CASES = [case for case in CASES if case.past_expiry or case.api == "pacerpro"]


@pytest.mark.parametrize("case", ASYNC_CASES, ids=str)
def test_200_concurrent_asyncio_requests_share_one_refresh(
    case: Case, authkit: RunningServer, authkit_admin: AdminClient
) -> None:
    async def run() -> list[int]:
        client = await async_client(case, authkit)
        answered = 0

        async def requests(http: httpx.AsyncClient) -> list[int]:
            nonlocal answered
            statuses = []
            # Past expiry, the requests still queued when the clock moves get a 401 and are replayed: one request
            # each is a run. Into the margin, a second round asks again once the answers carried the new Date.
            for _ in range(1 if case.past_expiry else 2):
                statuses.append((await http.get(authkit.protected_url(case.api))).status_code)
                answered += 1
                if answered == 100:
                    # Half of the first 200 requests are answered, the rest are queued or in flight. The sync call
                    # holds this event loop still until the server's clock has moved.
                    authkit_admin.advance_clock(case.shift)
            return statuses

        # Five clients of five connections share the one auth (one pool with 200 queued requests spends its time
        # scanning the queue: httpcore's pool is quadratic in it).
        auth = client.auth()
        https = [httpx.AsyncClient(auth=auth, limits=httpx.Limits(max_connections=5)) for _ in range(5)]
        async with client:
            runs = await asyncio.gather(*(requests(https[i % 5]) for i in range(200)))
        for http in https:
            await http.aclose()
        return [status for statuses in runs for status in statuses]

    statuses = asyncio.run(run())
    assert statuses == [200] * (200 if case.past_expiry else 400)
    assert refreshes(authkit_admin, case) == 1
    if case.past_expiry:  # the queued requests were refused, then replayed with the new credential
        assert 401 in statuses_of_the_resource(authkit, case)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_20_threads_share_one_refresh(case: Case, authkit: RunningServer, authkit_admin: AdminClient) -> None:
    client = sync_client(case, authkit)
    mover = OnceAfter(60, lambda: authkit_admin.advance_clock(case.shift))

    def requests(http: httpx.Client) -> list[int]:
        statuses = []
        for _ in range(10):
            statuses.append(http.get(authkit.protected_url(case.api)).status_code)
            mover.tick()
        return statuses

    with client, httpx.Client(auth=client.auth()) as http, ThreadPoolExecutor(20) as pool:
        runs = list(pool.map(lambda _: requests(http), range(20)))
    assert [status for statuses in runs for status in statuses] == [200] * 200
    assert refreshes(authkit_admin, case) == 1
