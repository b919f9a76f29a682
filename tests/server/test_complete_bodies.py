"""The reference server answers complete bodies: every field, even those the contracts leave optional.

The specs promise no more than upstream does (most response fields are optional there), so a schema check would
not notice a field the server stopped sending. These tests pin the exact set of members of each body, written
down here rather than read from the specs, so the mock stays as informative as a real answer; fields that
upstream declares nullable may be ``null``, every other one must have a value.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import authkit_mock.apis.pacerpro.api as pacerpro_api
import authkit_mock.models.pacerpro as pacerpro_models
from tests.conftest import make_settings
from tests.server.bixarena.flow import GRACE, BixarenaClient
from tests.server.polario.flow import CLIENT_NONCE, DEMO_EMAIL, DEMO_PASSWORD, PolarioClient
from tests.server.svix.client import APP_ID, ORG_KEY
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer, running_server

AUTHLANCE_SESSION = "demo-session-ada"
PACERPRO_EMAIL = "demo@example.com"
PACERPRO_PASSWORD = "pacerpro-demo"
PACERPRO_ERROR = {"error", "message", "status", "type"}
PROBLEM = {"type", "title", "status", "detail", "instance"}
JWK_MEMBERS = {"kty", "kid", "alg", "use"}
JWK_TYPE_MEMBERS = {"EC": {"crv", "x", "y"}, "RSA": {"n", "e"}}


def assert_complete(response: httpx.Response, members: set[str], nullable: frozenset[str] = frozenset()) -> None:
    """``response`` is a JSON object with exactly ``members``, each with a value unless it may be null."""
    assert response.headers["content-type"].startswith(("application/json", "application/problem+json"))
    body: dict[str, Any] = response.json()
    assert set(body) == members, response.text
    assert [name for name, value in body.items() if value is None and name not in nullable] == [], response.text


@pytest.fixture(scope="module")
def server() -> Iterator[RunningServer]:
    """One server for the module, its provider logging Grace Hopper in at once (bixarena)."""
    with running_server(make_settings(idp_auto_login=GRACE)) as started:
        yield started


@pytest.fixture
def http(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


def test_authlance_sends_the_token_the_message_and_the_error(http: httpx.Client) -> None:
    base = "/authlance/authlance/identity/me"
    assert_complete(http.post(base, json={"session": AUTHLANCE_SESSION}), {"token"})
    assert_complete(http.post(base, json={"session": "unknown"}), {"error"})
    assert_complete(http.post(base, json={}), {"error"})
    assert_complete(http.get(f"{base}/logout"), {"message"})


def test_polario_sends_every_field_of_the_challenge_login_refresh_logout_and_errors(server: RunningServer) -> None:
    client = PolarioClient(server)
    try:
        challenge = client.challenge(DEMO_EMAIL)
        assert_complete(challenge, {"nonce", "salt", "iterationCount", "expires"})
        challenge_body, proof = client.prepared_login(DEMO_EMAIL, DEMO_PASSWORD, nonce=CLIENT_NONCE + "x")
        login = client.final(DEMO_EMAIL, challenge_body["nonce"], proof)
        nullable = frozenset({"sendbirdSessionToken", "redirectProjectId"})
        assert_complete(login, {"signature", "refreshToken", "deviceId", *nullable}, nullable)
        refreshed = client.refresh(login.json()["refreshToken"])
        assert_complete(
            refreshed, {"deviceId", "sendbirdSessionToken", "refreshToken"}, frozenset({"sendbirdSessionToken"})
        )
        assert_complete(client.logout(refreshed.headers["Session"]), {"status"})
        assert_complete(client.logout(None), {"error"})
        assert_complete(client.refresh("no-such-token"), {"error"})
    finally:
        client.close()


def test_pacerpro_sends_the_whole_session_an_empty_object_on_revoke_and_whole_errors(http: httpx.Client) -> None:
    created = http.post("/pacerpro/session", json={"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD})
    assert_complete(created, {"jwtToken", "expiresAt"})
    bearer = {"Authorization": f"Bearer {created.json()['jwtToken']}"}
    assert_complete(http.get("/pacerpro/session", headers=bearer), {"jwtToken", "expiresAt"})
    assert_complete(http.delete("/pacerpro/session", headers=bearer), set())
    assert_complete(http.get("/pacerpro/session", headers=bearer), PACERPRO_ERROR)
    assert_complete(http.post("/pacerpro/session", json={"email": PACERPRO_EMAIL, "password": "wrong"}), PACERPRO_ERROR)
    assert_complete(http.post("/pacerpro/session", json={"email": "not an email"}), PACERPRO_ERROR)


def test_bixarena_sends_the_callback_status_the_token_whole_jwks_keys_and_whole_problems(
    server: RunningServer,
) -> None:
    client = BixarenaClient(server)
    try:
        assert_complete(client.mint(), PROBLEM)
        assert_complete(client.log_in(), {"status"})
        assert_complete(client.mint(), {"access_token", "token_type", "expires_in"})
        assert_complete(client.http.get(client.url("/auth/oidc/callback")), PROBLEM)
        jwks = client.http.get(client.url("/.well-known/jwks.json"))
        assert_complete(jwks, {"keys"})
        keys = jwks.json()["keys"]
        assert keys
        for key in keys:
            assert set(key) == JWK_MEMBERS | JWK_TYPE_MEMBERS[key["kty"]], key
            assert None not in key.values(), key
    finally:
        client.close()


def test_svix_sends_the_magic_link_and_whole_errors(http: httpx.Client) -> None:
    bearer = {"Authorization": f"Bearer {ORG_KEY}"}
    assert_complete(http.post(f"/svix/api/v1/auth/dashboard-access/{APP_ID}/", headers=bearer), {"url", "token"})
    assert_complete(http.post("/svix/api/v1/auth/logout/", headers=bearer), {"code", "detail"})
    assert_complete(
        http.post(f"/svix/api/v1/auth/app/{APP_ID}/expire-all/", json={"expiry": -1}, headers=bearer), {"detail"}
    )


class SessionWithoutExpiry(pacerpro_models.Session):
    """A broken server's ``Session``: it leaves ``expiresAt`` out, which the contract (like upstream) allows."""

    def model_dump_json(self, **kwargs: Any) -> str:
        return super().model_dump_json(exclude={"expiresAt"}, **kwargs)


def test_a_field_the_server_stops_sending_is_caught_though_the_contract_allows_it(
    http: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pacerpro_api, "Session", SessionWithoutExpiry)
    created = http.post("/pacerpro/session", json={"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD})
    ContractValidator("pacerpro", "/pacerpro").validate_response(created)  # the liberal contract accepts it
    with pytest.raises(AssertionError):
        assert_complete(created, {"jwtToken", "expiresAt"})
