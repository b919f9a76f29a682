"""pacerpro: email and password for a JWT carrying the user's JTI; refresh it; spin the JTI to revoke every token."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from authkit_mock.core.passwords import PasswordHash
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer, checked_client
from tests.support.specs import load_spec, operations

EMAIL = "demo@example.com"
PASSWORD = "pacerpro-demo"
REVOKED = "The authentication token has been revoked."
INVALID = "Missing or invalid authentication token."


@pytest.fixture
def pacerpro(server: RunningServer) -> Iterator[httpx.Client]:
    """A client of the pacerpro API whose every response is checked against the contract."""
    with checked_client(server, "pacerpro") as client:
        yield client


def login(client: httpx.Client, email: str = EMAIL, password: str = PASSWORD) -> str:
    response = client.post("/session", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["jwtToken"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def error(status: int, phrase: str, message: str) -> dict[str, Any]:
    return {"error": phrase, "message": message, "status": status, "type": "error"}


def current_jti(server: RunningServer, email: str = EMAIL) -> str | None:
    user = server.sync(lambda: server.runtime.store.user("pacerpro", email))
    assert user is not None
    return user.jti


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# --- POST /session ----------------------------------------------------------------------------------------------


def test_right_credentials_give_a_jwt_carrying_the_users_current_jti(
    server: RunningServer, pacerpro: httpx.Client
) -> None:
    response = pacerpro.post("/session", json={"email": EMAIL, "password": PASSWORD})
    ContractValidator("pacerpro", "/pacerpro").validate_request(response.request)
    assert response.status_code == 200
    body = response.json()
    authority = server.runtime.authority("pacerpro")
    claims = jwt.decode(
        body["jwtToken"], jwt.PyJWK(authority.jwks()["keys"][0]), algorithms=["ES256"], audience=authority.audience
    )
    assert claims["jti"] == current_jti(server)
    assert claims["sub"] == EMAIL
    assert claims["iss"] == server.api_url("pacerpro")
    assert claims["exp"] - claims["iat"] == server.settings.pacerpro_token_ttl
    assert body["expiresAt"].endswith("Z")
    assert datetime.fromisoformat(body["expiresAt"]).timestamp() == claims["exp"]


def test_the_email_is_compared_case_insensitively(pacerpro: httpx.Client) -> None:
    assert login(pacerpro, email="Demo@Example.COM")


def test_passwords_are_stored_hashed(server: RunningServer) -> None:
    user = server.sync(lambda: server.runtime.store.user("pacerpro", EMAIL))
    assert user is not None
    assert isinstance(user.password, PasswordHash)
    assert user.password.iterations == server.settings.password_hash_iterations
    assert PASSWORD.encode() not in repr(user).encode()


def test_a_wrong_password_and_an_unknown_email_get_the_same_401(pacerpro: httpx.Client) -> None:
    wrong_password = pacerpro.post("/session", json={"email": EMAIL, "password": "guess"})
    unknown_email = pacerpro.post("/session", json={"email": "nobody@example.com", "password": PASSWORD})
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json() == error(401, "Unauthorized", "Invalid email or password.")
    assert wrong_password.headers.get("www-authenticate") == unknown_email.headers.get("www-authenticate")


def test_an_unknown_email_costs_a_password_hash_like_a_known_one(
    pacerpro: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks: list[int] = []
    original = PasswordHash.matches

    def counting(self: PasswordHash, password: str) -> bool:
        checks.append(self.iterations)
        return original(self, password)

    monkeypatch.setattr(PasswordHash, "matches", counting)
    pacerpro.post("/session", json={"email": EMAIL, "password": "guess"})
    pacerpro.post("/session", json={"email": "nobody@example.com", "password": "guess"})
    assert len(checks) == 2
    assert checks[0] == checks[1]


@pytest.mark.parametrize(
    "content",
    [
        b"{",
        b"",
        b"[]",
        b'"demo@example.com"',
        b'{"password": "pacerpro-demo"}',
        b'{"email": "demo@example.com"}',
        b'{"email": "not-an-email", "password": "pacerpro-demo"}',
        b'{"email": "demo@example.com", "password": ""}',
        b'{"email": "demo@example.com", "password": 12345}',
        b'{"email": null, "password": "pacerpro-demo"}',
    ],
    ids=[
        "malformed",
        "empty",
        "array",
        "string",
        "no-email",
        "no-password",
        "bad-email",
        "empty-password",
        "number",
        "null",
    ],
)
def test_a_malformed_body_is_answered_400(pacerpro: httpx.Client, content: bytes) -> None:
    response = pacerpro.post("/session", content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    body = response.json()
    assert (body["error"], body["status"], body["type"]) == ("Bad Request", 400, "error")
    assert body["message"].startswith("The request body must be a JSON object with an email and a non-empty password")


def test_a_body_not_sent_as_json_is_answered_400(pacerpro: httpx.Client) -> None:
    response = pacerpro.post("/session", data={"email": EMAIL, "password": PASSWORD})
    assert response.status_code == 400


def test_a_user_added_through_the_admin_api_can_log_in(pacerpro: httpx.Client, admin: httpx.Client) -> None:
    created = admin.post("/users", json={"api": "pacerpro", "email": "Grace@Example.com", "password": "s3cret"})
    assert created.status_code == 201
    assert login(pacerpro, "grace@example.com", "s3cret")
    assert pacerpro.post("/session", json={"email": "grace@example.com", "password": "S3cret"}).status_code == 401


# --- GET /session -----------------------------------------------------------------------------------------------


def test_a_refresh_gives_a_new_token_with_a_later_expiry_even_within_the_same_second(pacerpro: httpx.Client) -> None:
    first = pacerpro.post("/session", json={"email": EMAIL, "password": PASSWORD}).json()
    refreshed = pacerpro.get("/session", headers=bearer(first["jwtToken"]))
    ContractValidator("pacerpro", "/pacerpro").validate_request(refreshed.request)
    assert refreshed.status_code == 200
    second = refreshed.json()
    assert second["jwtToken"] != first["jwtToken"]
    assert datetime.fromisoformat(second["expiresAt"]) > datetime.fromisoformat(first["expiresAt"])
    # The old token stays valid until it expires or is revoked.
    assert pacerpro.get("/session", headers=bearer(first["jwtToken"])).status_code == 200


def test_a_refresh_after_some_time_expires_a_full_lifetime_later(
    server: RunningServer, pacerpro: httpx.Client, admin: httpx.Client
) -> None:
    token = login(pacerpro)
    admin.post("/clock/advance", json={"seconds": 600})
    refreshed = pacerpro.get("/session", headers=bearer(token)).json()
    claims = jwt.decode(refreshed["jwtToken"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == server.settings.pacerpro_token_ttl


def test_the_bearer_scheme_name_is_case_insensitive(pacerpro: httpx.Client) -> None:
    token = login(pacerpro)
    assert pacerpro.get("/session", headers={"Authorization": f"bearer {token}"}).status_code == 200


def test_a_request_without_a_token_gets_a_401_with_a_bare_bearer_challenge(pacerpro: httpx.Client) -> None:
    for headers in ({}, {"Authorization": f"Basic {_b64(b'demo@example.com:pacerpro-demo')}"}):
        response = pacerpro.get("/session", headers=headers)
        assert response.status_code == 401
        assert response.json() == error(401, "Unauthorized", INVALID)
        # RFC 6750 section 3: no error code when the request carried no bearer token.
        assert response.headers["www-authenticate"] == 'Bearer realm="pacerpro"'


@pytest.mark.parametrize(
    "authorization", ["Bearer", "Bearer not-a-jwt", "Bearer a.b.c", "Bearer eyJhbGciOiJFUzI1NiJ9.e30.AAAA"]
)
def test_a_malformed_token_gets_a_401_invalid_token(pacerpro: httpx.Client, authorization: str) -> None:
    response = pacerpro.get("/session", headers={"Authorization": authorization})
    assert response.status_code == 401
    assert response.json() == error(401, "Unauthorized", INVALID)
    assert response.headers["www-authenticate"].startswith('Bearer realm="pacerpro", error="invalid_token"')


@pytest.mark.frozen_clock
def test_a_token_expires_when_the_admin_api_moves_the_clock_past_its_lifetime(
    server: RunningServer, pacerpro: httpx.Client, admin: httpx.Client
) -> None:
    token = login(pacerpro)
    admin.post("/clock/advance", json={"seconds": server.settings.pacerpro_token_ttl - 1})
    assert pacerpro.get("/session", headers=bearer(token)).status_code == 200
    admin.post("/clock/advance", json={"seconds": 1})
    response = pacerpro.get("/session", headers=bearer(token))
    assert response.status_code == 401
    assert response.json() == error(401, "Unauthorized", "The authentication token has expired.")
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


# --- DELETE /session and the whole flow ---------------------------------------------------------------------------


def test_login_refresh_and_revoke_all_leave_every_earlier_token_rejected(
    server: RunningServer, pacerpro: httpx.Client, admin: httpx.Client
) -> None:
    first = login(pacerpro)
    second = login(pacerpro)
    refreshed = pacerpro.get("/session", headers=bearer(first)).json()["jwtToken"]
    jti_before = current_jti(server)

    revoked = pacerpro.delete("/session", headers=bearer(second))
    ContractValidator("pacerpro", "/pacerpro").validate_request(revoked.request)
    assert revoked.status_code == 200
    assert revoked.json() == {}
    assert current_jti(server) != jti_before

    for old in (first, second, refreshed):
        for method in ("GET", "DELETE"):
            response = pacerpro.request(method, "/session", headers=bearer(old))
            assert response.status_code == 401
            assert response.json() == error(401, "Unauthorized", REVOKED)
    tokens = admin.get("/tokens", params={"api": "pacerpro"}).json()["items"]
    assert [item["revoked"] for item in tokens] == [True, True, True]

    fresh = login(pacerpro)
    assert jwt.decode(fresh, options={"verify_signature": False})["jti"] == current_jti(server)
    assert pacerpro.get("/session", headers=bearer(fresh)).status_code == 200


def test_revoking_one_user_leaves_other_users_tokens_working(pacerpro: httpx.Client, admin: httpx.Client) -> None:
    admin.post("/users", json={"api": "pacerpro", "email": "grace@example.com", "password": "s3cret"})
    grace = login(pacerpro, "grace@example.com", "s3cret")
    demo = login(pacerpro)
    assert pacerpro.delete("/session", headers=bearer(demo)).status_code == 200
    assert pacerpro.get("/session", headers=bearer(grace)).status_code == 200


def test_a_reset_revokes_tokens_issued_before_it(pacerpro: httpx.Client, admin: httpx.Client) -> None:
    token = login(pacerpro)
    admin.post("/reset")
    assert pacerpro.get("/session", headers=bearer(token)).json()["message"] == REVOKED


# --- tokens that must not be accepted (RFC 8725) ------------------------------------------------------------------


def _claims_for(server: RunningServer) -> dict[str, Any]:
    now = int(server.sync(lambda: server.runtime.clock_now))
    authority = server.runtime.authority("pacerpro")
    return {
        "iss": authority.issuer,
        "aud": authority.audience,
        "sub": EMAIL,
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "jti": current_jti(server),
    }


def _assert_rejected(pacerpro: httpx.Client, token: str) -> None:
    for method in ("GET", "DELETE"):
        response = pacerpro.request(method, "/session", headers=bearer(token))
        assert response.status_code == 401, token
        assert response.json() == error(401, "Unauthorized", INVALID)


@pytest.mark.parametrize("other", ["authlance", "polario", "svix", "bixarena", "synapse"])
def test_a_token_of_another_api_is_rejected_even_with_the_users_jti(
    server: RunningServer, pacerpro: httpx.Client, other: str
) -> None:
    token, _ = server.runtime.authority(other).mint(EMAIL, 600, jti=current_jti(server))
    _assert_rejected(pacerpro, token)


def test_an_unsigned_alg_none_token_is_rejected(server: RunningServer, pacerpro: httpx.Client) -> None:
    kid = server.runtime.authority("pacerpro").key.kid
    token = jwt.encode(_claims_for(server), key="", algorithm="none", headers={"kid": kid})
    _assert_rejected(pacerpro, token)


def test_a_tampered_token_is_rejected(server: RunningServer, pacerpro: httpx.Client, admin: httpx.Client) -> None:
    admin.post("/users", json={"api": "pacerpro", "email": "grace@example.com", "password": "s3cret"})
    header, payload, signature = login(pacerpro).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "grace@example.com"
    forged = f"{header}.{_b64(json.dumps(claims).encode())}.{signature}"
    _assert_rejected(pacerpro, forged)
    longer = f"{header}.{payload}.{_b64(b'x' * 64)}"
    _assert_rejected(pacerpro, longer)


def test_a_token_signed_with_another_key_under_the_servers_kid_is_rejected(
    server: RunningServer, pacerpro: httpx.Client
) -> None:
    kid = server.runtime.authority("pacerpro").key.kid
    token = jwt.encode(
        _claims_for(server), ec.generate_private_key(ec.SECP256R1()), algorithm="ES256", headers={"kid": kid}
    )
    _assert_rejected(pacerpro, token)


def test_an_hs256_token_keyed_with_the_public_key_is_rejected(server: RunningServer, pacerpro: httpx.Client) -> None:
    # The classic algorithm confusion (RFC 8725 section 2.1): HMAC keyed with the published public key.
    authority = server.runtime.authority("pacerpro")
    public_pem = authority.key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = (
        f"{_b64(json.dumps({'alg': 'HS256', 'typ': 'JWT', 'kid': authority.key.kid}).encode())}."
        f"{_b64(json.dumps(_claims_for(server)).encode())}"
    )
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    _assert_rejected(pacerpro, f"{signing_input}.{_b64(signature)}")


def test_a_valid_token_of_a_user_who_no_longer_exists_is_rejected(
    server: RunningServer, pacerpro: httpx.Client
) -> None:
    token, _ = server.runtime.authority("pacerpro").mint("gone@example.com", 600, jti="whatever")
    response = pacerpro.get("/session", headers=bearer(token))
    assert response.status_code == 401


# --- the whole contract ---------------------------------------------------------------------------------------------


def test_every_documented_status_of_every_pacerpro_operation_is_produced(
    pacerpro: httpx.Client, admin: httpx.Client
) -> None:
    recipes: dict[tuple[str, str], Callable[[], httpx.Response]] = {
        ("create_session", "200"): lambda: pacerpro.post("/session", json={"email": EMAIL, "password": PASSWORD}),
        ("create_session", "400"): lambda: pacerpro.post("/session", json={"email": EMAIL}),
        ("create_session", "401"): lambda: pacerpro.post("/session", json={"email": EMAIL, "password": "no"}),
        ("refresh_session", "200"): lambda: pacerpro.get("/session", headers=bearer(login(pacerpro))),
        ("refresh_session", "401"): lambda: pacerpro.get("/session"),
        ("revoke_all_sessions", "200"): lambda: pacerpro.delete("/session", headers=bearer(login(pacerpro))),
        ("revoke_all_sessions", "401"): lambda: pacerpro.delete("/session", headers=bearer("x.y.z")),
    }
    documented = {(op.operation_id, status) for op in operations(load_spec("pacerpro")) for status in op.statuses}
    assert documented == set(recipes)
    for (operation, status), send in recipes.items():
        response = send()  # validated against the contract by the client's hook
        assert response.status_code == int(status), operation
    journal = admin.get("/journal", params={"api": "pacerpro"}).json()["items"]
    assert {(entry["operation"], str(entry["status"])) for entry in journal} == documented
