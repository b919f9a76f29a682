"""Faults QA injects through the admin API hit exactly the API and operation they name, exactly as often as asked.

While one API answers 300 ms late, the other four answer at once and correctly; an injected error status is
what the client sees, in that API's documented error shape, as many times as the fault's count, and then the
operation works again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import pytest

from tests.security.actors import (
    AUTHLANCE_SESSION,
    PACERPRO_EMAIL,
    PACERPRO_PASSWORD,
    POLARIO_EMAIL,
    SVIX_APP,
    SVIX_ORG_KEY,
    TRUST,
    client,
)
from tests.security.test_bad_input import error_validator
from tests.support.server import RunningServer

DELAY_MS = 300
SLOWED = 3
"""Requests of the slowed API in flight at once."""
FAST = 0.15
"""Seconds an unaffected request may take at most while another API is slowed (it takes a few ms)."""


@dataclass(frozen=True)
class Call:
    """A request of one API that succeeds on a fresh server, and the operation it is."""

    api: str
    operation: str
    send: Callable[[httpx.Client], httpx.Response]
    status: int


CALLS = {
    call.api: call
    for call in (
        Call(
            "authlance",
            "exchange_session_for_token",
            lambda c: c.post("/authlance/identity/me", json={"session": AUTHLANCE_SESSION}),
            200,
        ),
        Call(
            "polario",
            "scram_first_message",
            lambda c: c.post("/auth/auth", json={"email": POLARIO_EMAIL, "nonce": "n0nce"}),
            200,
        ),
        Call("svix", "dashboard_access", lambda c: c.post(f"/api/v1/auth/dashboard-access/{SVIX_APP}/"), 200),
        Call("bixarena", "get_jwks", lambda c: c.get("/.well-known/jwks.json"), 200),
        Call(
            "pacerpro",
            "create_session",
            lambda c: c.post("/session", json={"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD}),
            200,
        ),
    )
}


def call(server: RunningServer, api: str, validate: bool = True) -> tuple[httpx.Response, float]:
    """Make ``api``'s call on a fresh connection; the response and the seconds it took."""
    headers = {"Authorization": f"Bearer {SVIX_ORG_KEY}"} if api == "svix" else {}
    opened = (
        client(server, api, headers=headers)
        if validate
        else httpx.Client(base_url=server.api_url(api), headers=headers, verify=TRUST)
    )
    with opened as api_client:
        started = time.perf_counter()
        response = CALLS[api].send(api_client)
        return response, time.perf_counter() - started


def add_fault(server: RunningServer, api: str, **fault: object) -> dict[str, object]:
    with client(server, "admin") as admin:
        response = admin.post("/faults", json={"api": api, "operation": CALLS[api].operation, **fault})
    assert response.status_code == 201, response.text
    added: dict[str, object] = response.json()
    return added


def remaining(server: RunningServer) -> list[object]:
    with client(server, "admin") as admin:
        return [fault["remaining"] for fault in admin.get("/faults").json()["items"]]


def wait_until_every_fault_is_taken(server: RunningServer) -> None:
    """Until the faults are used up: each slowed request has then reached its delay (it is in flight)."""
    deadline = time.monotonic() + 10
    while remaining(server):
        assert time.monotonic() < deadline, "the slowed requests never reached the server"


@pytest.mark.parametrize("slowed", list(CALLS))
def test_while_one_api_is_slowed_the_others_answer_at_once_and_correctly(server: RunningServer, slowed: str) -> None:
    add_fault(server, slowed, delay_ms=DELAY_MS, count=SLOWED)
    others = [api for api in CALLS if api != slowed]
    with ThreadPoolExecutor(max_workers=SLOWED) as pool:
        slow = [pool.submit(call, server, slowed) for _ in range(SLOWED)]
        wait_until_every_fault_is_taken(server)
        quick = [call(server, api) for api in others]
        assert not any(future.done() for future in slow), "raise the delay: the slowed requests were done too soon"
        slow_results = [future.result(timeout=10) for future in slow]
    for api, (response, seconds) in zip(others, quick, strict=True):
        assert response.status_code == CALLS[api].status, (api, response.text)
        assert seconds < FAST, f"{api} took {seconds * 1000:.0f} ms while {slowed} was slowed"
    for response, seconds in slow_results:
        assert response.status_code == CALLS[slowed].status
        assert seconds >= DELAY_MS / 1000


@pytest.mark.parametrize("api", list(CALLS))
def test_an_injected_error_is_seen_exactly_count_times_in_the_apis_error_shape(server: RunningServer, api: str) -> None:
    add_fault(server, api, status=503, count=2)
    others = [other for other in CALLS if other != api]
    seen = []
    for expected_remaining in ([1], []):
        response, _ = call(server, api, validate=False)  # 503 is no operation's documented status
        assert response.status_code == 503
        error_validator(api).validate(response.json())
        assert "fault injected through the admin API" in response.text
        assert remaining(server) == expected_remaining
        seen.append(response.status_code)
        # Meanwhile every other API is untouched.
        assert [call(server, other)[0].status_code for other in others] == [CALLS[other].status for other in others]
    assert seen == [503, 503]
    assert call(server, api)[0].status_code == CALLS[api].status
