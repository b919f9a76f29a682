"""What the security rows share: contract-checked clients of each API, the seeded logins, and the row type.

Every client validates every response against its API's contract (openapi-core), so a rejection must also be a
documented status with a documented body. A row (:class:`Attack`) is one attack: what is sent, the status that
rejects it, and the status the same request gets when the guard is missing (which ``test_guards_matter`` shows).
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from _pytest.mark import ParameterSet

from tests.server.bixarena.flow import GRACE, BixarenaClient
from tests.server.polario.flow import CLIENT_NONCE, proof_for
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer

__all__ = [
    "AUTHLANCE_SESSION",
    "GRACE",
    "PACERPRO_EMAIL",
    "PACERPRO_PASSWORD",
    "POLARIO_EMAIL",
    "POLARIO_PASSWORD",
    "SVIX_APP",
    "SVIX_ORG_KEY",
    "TRUST",
    "Attack",
    "Browser",
    "PolarioLogin",
    "client",
    "pacerpro_token",
    "polario_login",
    "svix_app_token",
    "table",
    "validator",
]

# The seeded demo credentials (authkit_mock.core.seed.DEFAULT_SEED).
AUTHLANCE_SESSION = "demo-session-ada"
POLARIO_EMAIL, POLARIO_PASSWORD = "demo@example.com", "pencil"
PACERPRO_EMAIL, PACERPRO_PASSWORD = "demo@example.com", "pacerpro-demo"
SVIX_ORG_KEY, SVIX_APP = "testsk_demo_org_key", "app_demo"


TRUST = ssl.create_default_context()
"""One certificate store for every client: httpx loads a fresh one per client otherwise (about 55 ms each)."""


@functools.cache
def validator(name: str) -> ContractValidator:
    """The contract of ``name`` (an API slug or ``admin``) as served by the all-API server (loaded once)."""
    return ContractValidator(name, "/__admin" if name == "admin" else f"/{name}")


def client(server: RunningServer, name: str, **options: Any) -> httpx.Client:
    """A client of one API (or ``admin``) that checks every response against that API's contract."""
    base_url = f"{server.url}/__admin" if name == "admin" else server.api_url(name)
    hooks = {"response": [validator(name).validate_response]}
    return httpx.Client(base_url=base_url, event_hooks=hooks, timeout=10, verify=TRUST, **options)


class Browser(BixarenaClient):
    """A bixarena browser (cookie jar, no redirect following, contract-checked) sharing the one certificate store."""

    def __post_init__(self) -> None:
        self.http = httpx.Client(base_url=self.server.url, event_hooks={"response": [self._check]}, verify=TRUST)


# --- logins -----------------------------------------------------------------------------------------------------


def pacerpro_token(server: RunningServer) -> str:
    """A genuine pacerpro JWT of the demo user."""
    with client(server, "pacerpro") as pacerpro:
        response = pacerpro.post("/session", json={"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD})
    assert response.status_code == 200, response.text
    token: str = response.json()["jwtToken"]
    return token


@dataclass(frozen=True)
class PolarioLogin:
    """What a polario login hands out."""

    jwt: str
    refresh_token: str


def polario_login(server: RunningServer) -> PolarioLogin:
    """A genuine SCRAM login of the demo user."""
    with client(server, "polario") as polario:
        challenge = polario.post("/auth/auth", json={"email": POLARIO_EMAIL, "nonce": CLIENT_NONCE}).json()
        proof = proof_for(POLARIO_EMAIL, POLARIO_PASSWORD, CLIENT_NONCE, challenge)
        final = {"email": POLARIO_EMAIL, "nonce": challenge["nonce"], "proof": proof, "os": "Mac", "osVersion": "14"}
        response = polario.post("/auth/login", json=final)
    assert response.status_code == 200, response.text
    return PolarioLogin(response.headers["Session"], response.json()["refreshToken"])


def svix_app_token(server: RunningServer) -> str:
    """A genuine svix application token for the demo application."""
    with client(server, "svix", headers={"Authorization": f"Bearer {SVIX_ORG_KEY}"}) as svix:
        response = svix.post(f"/api/v1/auth/dashboard-access/{SVIX_APP}/")
    assert response.status_code == 200, response.text
    token: str = response.json()["token"]
    return token


# --- rows -------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    """One row of the matrix: ``run`` sends the attack and returns the server's answer to it.

    ``rejected`` is the status that refuses it; ``accepted`` the status of the same request without the attack's
    trick (a genuine token, the right proof), which is what it gets when the guard is missing.
    """

    api: str
    name: str
    run: Callable[[RunningServer], httpx.Response]
    rejected: int
    accepted: int

    @property
    def id(self) -> str:
        """The row's test id, e.g. ``pacerpro-alg_none``."""
        return f"{self.api}-{self.name}"


def table(attacks: Iterable[Attack]) -> list[ParameterSet]:
    """Parameters for ``pytest.mark.parametrize``, one per row, each named by its id."""
    return [pytest.param(attack, id=attack.id) for attack in attacks]
