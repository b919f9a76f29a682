"""What the polario server tests share: a contract-validating client, the SCRAM client steps, the RFC 7677 vector."""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass, field
from typing import Any

import httpx

from authkit_mock.core.passwords import ScramCredentials
from authkit_mock.core.store import User
from authkit_sdk.scram import auth_message, b64, client_proof
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer

DEMO_EMAIL = "demo@example.com"
DEMO_PASSWORD = "pencil"
CLIENT_NONCE = "fyko+d2lbbFgONRv9qkxdawL"

# RFC 7677 section 3: the SCRAM-SHA-256 exchange for user "user" with password "pencil".
RFC_USER = "user"
RFC_PASSWORD = "pencil"
RFC_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO"
RFC_SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
RFC_SALT = "W22ZaJ0SNY7soEsUEjb6gQ=="
RFC_ITERATIONS = 4096
RFC_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
RFC_SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="


@functools.cache
def validator() -> ContractValidator:
    """The polario contract served under ``/polario`` (loaded once: loading a spec takes half a second)."""
    return ContractValidator("polario", "/polario")


@dataclass
class Login:
    """What a successful login handed out."""

    jwt: str
    refresh_token: str
    device_id: str
    signature: str


@dataclass
class PolarioClient:
    """An httpx client of one server's polario API that validates every response against the contract.

    Requests are not validated: the negative tests send bodies the contract forbids on purpose. Every
    ``(method, path, status)`` seen is recorded, for the test that every status occurs.
    """

    server: RunningServer
    seen: set[tuple[str, str, int]] = field(default_factory=set)
    http: httpx.Client = field(init=False)

    def __post_init__(self) -> None:
        self.http = httpx.Client(
            base_url=self.server.api_url("polario"), event_hooks={"response": [self._check]}, timeout=10
        )

    def _check(self, response: httpx.Response) -> None:
        validator().validate_response(response)
        prefix = "/polario"
        self.seen.add((response.request.method, response.request.url.path.removeprefix(prefix), response.status_code))

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def challenge(self, email: str, nonce: str = CLIENT_NONCE, platform: str | None = None) -> httpx.Response:
        """``POST /auth/auth``."""
        headers = {"Platform": platform} if platform is not None else {}
        return self.http.post("/auth/auth", json={"email": email, "nonce": nonce}, headers=headers)

    def final(self, email: str, nonce: str, proof: str, platform: str | None = None, **device: Any) -> httpx.Response:
        """``POST /auth/login`` with a device description (``os`` Mac unless given)."""
        headers = {"Platform": platform} if platform is not None else {}
        body = {"email": email, "nonce": nonce, "proof": proof, "os": "Mac", "osVersion": "14.5", **device}
        return self.http.post("/auth/login", json=body, headers=headers)

    def prepared_login(
        self, email: str, password: str, platform: str | None = None, nonce: str = CLIENT_NONCE
    ) -> tuple[dict[str, Any], str]:
        """A challenge for ``email`` and the proof ``password`` gives for it (not sent yet)."""
        response = self.challenge(email, nonce, platform)
        assert response.status_code == 200, response.text
        challenge: dict[str, Any] = response.json()
        return challenge, proof_for(email, password, nonce, challenge)

    def login(self, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD, platform: str | None = None) -> Login:
        """The whole SCRAM login, which must succeed."""
        challenge, proof = self.prepared_login(email, password, platform)
        response = self.final(email, challenge["nonce"], proof, platform)
        assert response.status_code == 200, response.text
        body = response.json()
        return Login(response.headers["Session"], body["refreshToken"], body["deviceId"], body["signature"])

    def refresh(self, refresh_token: str) -> httpx.Response:
        """``POST /auth/session``."""
        return self.http.post("/auth/session", json={"refreshToken": refresh_token})

    def logout(self, jwt: str | None) -> httpx.Response:
        """``GET /auth/logout`` with ``jwt`` in the ``Session`` header (none when None)."""
        return self.http.get("/auth/logout", headers={"Session": jwt} if jwt is not None else {})


def proof_for(email: str, password: str, client_nonce: str, challenge: dict[str, Any]) -> str:
    """The base64 ClientProof for a challenge (RFC 5802 section 3), computed with the shared primitives."""
    message = auth_message(email, client_nonce, challenge["nonce"], challenge["salt"], challenge["iterationCount"])
    salt = base64.b64decode(challenge["salt"])
    return b64(client_proof(password, salt, challenge["iterationCount"], message))


def add_user(server: RunningServer, email: str, password: str, salt: bytes, iterations: int = 4096) -> None:
    """Add a polario user to the running server's store (SCRAM credentials only, as the seeder does)."""
    credentials = ScramCredentials.derive(password, salt, iterations)
    server.sync(lambda: server.runtime.store.add_user(User(api="polario", id=email, email=email, scram=credentials)))
