"""Three replicas on one Redis act as one server: a credential issued by one works on every other, a logout on one
is seen by all at once, a one-use thing is used once across all of them, and idempotency, rate limits and the admin
API hold for the whole deployment."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest

from tests.replica.conftest import RATE_LIMIT, Deployment
from tests.replica.flows import (
    APP_PORTAL_ACCESS,
    DASHBOARD_ACCESS,
    ORG_KEY,
    TIMEOUT,
    authlance_login,
    bixarena_login,
    bixarena_logout,
    bixarena_session,
    bixarena_start,
    bixarena_token,
    pacerpro_login,
    pacerpro_logout,
    polario_challenge,
    polario_login,
    polario_logout,
    protected,
    svix_login,
    svix_logout,
)

LOGINS: dict[str, Callable[[str], dict[str, str]]] = {
    "pacerpro": pacerpro_login,
    "polario": lambda base: polario_login(base).credential,
    "authlance": authlance_login,
    "svix": svix_login,
    "bixarena": bixarena_login,
}


@pytest.mark.parametrize("api", LOGINS)
def test_a_credential_issued_by_a_is_accepted_by_b_and_c(replicas: Deployment, api: str) -> None:
    credential = LOGINS[api](replicas.a.url)

    assert [protected(replica.url, api, credential) for replica in replicas.replicas] == [200, 200, 200]


LOGOUTS: dict[str, tuple[Callable[[str], dict[str, str]], Callable[[str, dict[str, str]], None]]] = {
    "pacerpro": (pacerpro_login, pacerpro_logout),
    "polario": (lambda base: polario_login(base).credential, polario_logout),
    "svix": (svix_login, svix_logout),
}


@pytest.mark.parametrize("api", LOGOUTS)
def test_a_logout_at_b_is_refused_at_a_and_c_at_once(replicas: Deployment, api: str) -> None:
    login, logout = LOGOUTS[api]
    credential = login(replicas.a.url)
    assert protected(replicas.a.url, api, credential) == 200

    logout(replicas.b.url, credential)

    assert protected(replicas.a.url, api, credential) == 401
    assert protected(replicas.c.url, api, credential) == 401


def test_a_bixarena_logout_at_b_ends_the_session_at_a_and_c(replicas: Deployment) -> None:
    session = bixarena_session(replicas.a.url)
    assert bixarena_token(replicas.c.url, session).status_code == 200

    bixarena_logout(replicas.b.url, session)

    assert bixarena_token(replicas.a.url, session).status_code == 401
    assert bixarena_token(replicas.c.url, session).status_code == 401


def at_b_and_c_at_once(replicas: Deployment, send: Callable[[str], httpx.Response]) -> list[httpx.Response]:
    """``send`` to B and to C from two threads released together (so both requests reach the replicas together)."""
    barrier = threading.Barrier(2)

    def released(base: str) -> httpx.Response:
        barrier.wait(timeout=10)
        return send(base)

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(released, [replicas.b.url, replicas.c.url]))


def statuses(answers: list[httpx.Response]) -> list[int]:
    """The answers' statuses, lowest first."""
    return sorted(answer.status_code for answer in answers)


ROUNDS = 5
"""Races per one-use thing: each round a fresh one, redeemed at B and C together."""


def test_an_authorization_code_redeemed_at_two_replicas_at_once_logs_in_once(replicas: Deployment) -> None:
    for _ in range(ROUNDS):
        pending = bixarena_start(replicas.a.url)

        answers = at_b_and_c_at_once(replicas, pending.callback)

        assert statuses(answers) == [200, 401], [answer.text for answer in answers]


def scram_final(base: str, final: dict[str, Any]) -> httpx.Response:
    """``POST /auth/login``: the final SCRAM message."""
    return httpx.post(f"{base}/polario/auth/login", json=final, timeout=TIMEOUT)


def test_a_scram_challenge_answered_at_two_replicas_at_once_logs_in_once(replicas: Deployment) -> None:
    for _ in range(ROUNDS):
        _, final = polario_challenge(replicas.a.url)

        answers = at_b_and_c_at_once(replicas, functools.partial(scram_final, final=final))

        assert statuses(answers)[0] == 200 and statuses(answers)[1] != 200, [answer.text for answer in answers]


def refresh(base: str, refresh_token: str) -> httpx.Response:
    """``POST /auth/session``: a polario refresh."""
    return httpx.post(f"{base}/polario/auth/session", json={"refreshToken": refresh_token}, timeout=TIMEOUT)


def test_a_refresh_token_used_at_two_replicas_at_once_refreshes_once(replicas: Deployment) -> None:
    for _ in range(ROUNDS):
        login = polario_login(replicas.a.url)

        answers = at_b_and_c_at_once(replicas, functools.partial(refresh, refresh_token=login.refresh_token))

        assert statuses(answers)[0] == 200 and statuses(answers)[1] != 200, [answer.text for answer in answers]


def test_an_idempotency_key_replays_the_same_answer_from_every_replica(replicas: Deployment) -> None:
    headers = {**ORG_KEY, "idempotency-key": "replica-test-key-1"}
    body = {"featureFlags": ["replicas"]}

    answers = [
        httpx.post(f"{replica.url}{APP_PORTAL_ACCESS}", json=body, headers=headers, timeout=TIMEOUT)
        for replica in replicas.replicas
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert answers[1].json() == answers[0].json() == answers[2].json()
    # A replay is the recorded answer, not a new token: the one token works.
    assert protected(replicas.b.url, "svix", {"Authorization": f"Bearer {answers[0].json()['token']}"}) == 200


def test_the_rate_limit_counts_the_requests_of_every_replica(replicas: Deployment) -> None:
    allowed, _ = RATE_LIMIT
    order = [replicas.a, replicas.b, replicas.c] * allowed

    statuses = [
        httpx.post(f"{replica.url}{DASHBOARD_ACCESS}", headers=ORG_KEY, timeout=TIMEOUT).status_code
        for replica in order[: allowed + 1]
    ]

    assert statuses == [200] * allowed + [429]
    refused = httpx.post(f"{replicas.c.url}{DASHBOARD_ACCESS}", headers=ORG_KEY, timeout=TIMEOUT)
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limit_exceeded"


def test_a_reset_at_one_replica_resets_them_all(replicas: Deployment) -> None:
    added = httpx.post(
        f"{replicas.a.url}/__admin/users",
        json={"api": "pacerpro", "email": "grace@example.com", "password": "cobol-1959"},
        timeout=TIMEOUT,
    )
    assert added.status_code == 201, added.text
    grace = {"email": "grace@example.com", "password": "cobol-1959"}
    assert httpx.post(f"{replicas.b.url}/pacerpro/session", json=grace, timeout=TIMEOUT).status_code == 200
    token = svix_login(replicas.b.url)

    assert httpx.post(f"{replicas.c.url}/__admin/reset", timeout=TIMEOUT).status_code == 200

    assert httpx.post(f"{replicas.a.url}/pacerpro/session", json=grace, timeout=TIMEOUT).status_code == 401
    assert protected(replicas.a.url, "svix", token) == 401


def test_a_fault_added_at_one_replica_is_served_by_every_replica(replicas: Deployment) -> None:
    fault = {"api": "pacerpro", "operation": "create_session", "status": 503}
    assert httpx.post(f"{replicas.a.url}/__admin/faults", json=fault, timeout=TIMEOUT).status_code == 201

    for replica in (replicas.b, replicas.c):
        answer = httpx.post(
            f"{replica.url}/pacerpro/session",
            json={"email": "demo@example.com", "password": "pacerpro-demo"},
            timeout=TIMEOUT,
        )
        assert answer.status_code == 503
    listed = httpx.get(f"{replicas.c.url}/__admin/faults", timeout=TIMEOUT).json()
    assert [(f["api"], f["operation"], f["status"]) for f in listed["items"]] == [("pacerpro", "create_session", 503)]


def test_the_clock_moved_at_one_replica_moves_for_every_replica(replicas: Deployment) -> None:
    credential = pacerpro_login(replicas.c.url)
    assert protected(replicas.b.url, "pacerpro", credential) == 200

    moved = httpx.post(f"{replicas.a.url}/__admin/clock/advance", json={"seconds": 3601}, timeout=TIMEOUT)
    assert moved.status_code == 200

    offsets = [httpx.get(f"{r.url}/__admin/clock", timeout=TIMEOUT).json()["offset_seconds"] for r in replicas.replicas]
    assert offsets == [3601, 3601, 3601]
    assert protected(replicas.b.url, "pacerpro", credential) == 401
    assert protected(replicas.c.url, "pacerpro", credential) == 401
