"""The fake Synapse as an OpenID provider: discovery, JWKS, the token endpoint (RFC 6749, RFC 7636) and userinfo.

The tests act as their own OAuth client (PKCE computed with hashlib in bixarena_flow), against a provider that
logs Grace Hopper in automatically. ID tokens are verified with PyJWT's JWKS client pointed at the provider's
published JWKS, using the issuer from its discovery document.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import jwt
import pytest

from tests.conftest import make_settings
from tests.server.bixarena.flow import (
    CLIENT_ID,
    GRACE,
    Pkce,
    authorize_params,
    callback_uri,
    provider_code,
    query_of,
    token_request,
)
from tests.support.server import RunningServer, running_server

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def server() -> Iterator[RunningServer]:
    """A server whose provider logs Grace Hopper in without showing its page."""
    with running_server(make_settings(idp_auto_login=GRACE)) as started:
        yield started


@pytest.fixture
def http(server: RunningServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{server.url}/synapse") as client:
        yield client


def exchange(http: httpx.Client, form: dict[str, str]) -> httpx.Response:
    return http.post("/token", data=form)


def assert_oauth_error(response: httpx.Response, error: str, status: int = 400) -> None:
    """An RFC 6749 section 5.2 error response."""
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["error"] == error
    assert isinstance(body["error_description"], str)
    assert response.headers["cache-control"] == "no-store"


def tokens_for(http: httpx.Client, server: RunningServer, **changes: str) -> dict[str, Any]:
    pkce = Pkce.generate()
    code = provider_code(http, server, pkce, **changes)
    response = exchange(http, token_request(server, code, pkce))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# --- discovery and keys ----------------------------------------------------------------------------------------


def test_the_discovery_document_names_every_endpoint(http: httpx.Client, server: RunningServer) -> None:
    document = http.get("/.well-known/openid-configuration").json()
    base = f"{server.url}/synapse"
    assert document["issuer"] == base
    assert document["authorization_endpoint"] == f"{base}/authorize"
    assert document["token_endpoint"] == f"{base}/token"
    assert document["userinfo_endpoint"] == f"{base}/userinfo"
    assert document["jwks_uri"] == f"{base}/.well-known/jwks.json"
    assert document["response_types_supported"] == ["code"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["id_token_signing_alg_values_supported"] == ["ES256"]
    assert document["token_endpoint_auth_methods_supported"] == ["none"]
    assert "openid" in document["scopes_supported"]


def test_the_id_token_verifies_with_only_the_published_jwks(http: httpx.Client, server: RunningServer) -> None:
    document = http.get("/.well-known/openid-configuration").json()
    id_token = tokens_for(http, server)["id_token"]
    key = jwt.PyJWKClient(document["jwks_uri"]).get_signing_key_from_jwt(id_token)
    claims = jwt.decode(id_token, key.key, algorithms=["ES256"], audience=CLIENT_ID, issuer=document["issuer"])
    assert claims["sub"] == GRACE
    assert claims["nonce"] == "test-nonce"
    assert claims["exp"] > claims["iat"]
    assert isinstance(claims["auth_time"], int)
    # scope=openid only: no profile or email claims.
    assert "name" not in claims
    assert "email" not in claims


def test_profile_and_email_scopes_add_those_claims(http: httpx.Client, server: RunningServer) -> None:
    tokens = tokens_for(http, server, scope="openid profile email")
    claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
    assert (claims["name"], claims["email"], claims["email_verified"]) == ("Grace Hopper", "grace@example.org", True)
    assert tokens["scope"] == "openid profile email"


def test_the_provider_keys_are_public_ec_keys(http: httpx.Client) -> None:
    (key,) = http.get("/.well-known/jwks.json").json()["keys"]
    assert (key["kty"], key["crv"], key["alg"], key["use"]) == ("EC", "P-256", "ES256", "sig")
    assert "d" not in key


# --- the token endpoint ----------------------------------------------------------------------------------------


def test_a_code_exchanges_for_tokens_that_must_not_be_cached(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    response = exchange(http, token_request(server, provider_code(http, server, pkce), pkce))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["pragma"] == "no-cache"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    assert set(body) == {"access_token", "token_type", "expires_in", "id_token", "scope"}


def test_a_wrong_pkce_verifier_is_an_invalid_grant(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    code = provider_code(http, server, pkce)
    response = exchange(http, token_request(server, code, pkce, code_verifier=Pkce.generate().verifier))
    assert_oauth_error(response, "invalid_grant")
    assert "code_verifier" in response.json()["error_description"]


def test_a_different_redirect_uri_is_an_invalid_grant(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    code = provider_code(http, server, pkce)
    other_uri = f"{server.url}/bixarena/auth/oidc/callback/elsewhere"
    assert_oauth_error(exchange(http, token_request(server, code, pkce, redirect_uri=other_uri)), "invalid_grant")


def test_a_code_is_single_use_and_a_replay_revokes_its_access_token(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    form = token_request(server, provider_code(http, server, pkce), pkce)
    access_token = exchange(http, form).json()["access_token"]
    assert http.get("/userinfo", headers={"Authorization": f"Bearer {access_token}"}).status_code == 200
    replay = exchange(http, form)
    assert_oauth_error(replay, "invalid_grant")
    assert replay.json()["error_description"] == "The authorization code was already used."
    assert http.get("/userinfo", headers={"Authorization": f"Bearer {access_token}"}).status_code == 401


def test_a_failed_exchange_uses_the_code_up(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    code = provider_code(http, server, pkce)
    exchange(http, token_request(server, code, pkce, code_verifier=Pkce.generate().verifier))
    assert_oauth_error(exchange(http, token_request(server, code, pkce)), "invalid_grant")


def test_a_code_expires_after_60_seconds(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    code = provider_code(http, server, pkce)
    server.sync(lambda: server.runtime.settings.clock.advance(60))
    assert_oauth_error(exchange(http, token_request(server, code, pkce)), "invalid_grant")


@pytest.mark.parametrize(
    ("changes", "error", "status"),
    [
        ({"code": "unknown"}, "invalid_grant", 400),
        ({"client_id": "someone-else"}, "invalid_client", 401),
        ({"client_id": ""}, "invalid_client", 401),
        ({"grant_type": "password"}, "unsupported_grant_type", 400),
        ({"grant_type": ""}, "invalid_request", 400),
        ({"code_verifier": ""}, "invalid_request", 400),
        ({"code_verifier": "too-short"}, "invalid_request", 400),
        ({"code_verifier": "x" * 129}, "invalid_request", 400),
        ({"redirect_uri": ""}, "invalid_request", 400),
        ({"code": ""}, "invalid_request", 400),
    ],
)
def test_a_bad_token_request_gets_the_rfc_6749_error(
    http: httpx.Client, server: RunningServer, changes: dict[str, str], error: str, status: int
) -> None:
    pkce = Pkce.generate()
    form = {**token_request(server, provider_code(http, server, pkce), pkce), **changes}
    assert_oauth_error(exchange(http, form), error, status)


def test_a_repeated_token_parameter_is_an_invalid_request(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    form = httpx.QueryParams(token_request(server, provider_code(http, server, pkce), pkce)).add("code", "again")
    response = http.post("/token", content=str(form), headers=FORM)
    assert_oauth_error(response, "invalid_request")


def test_a_json_token_request_is_an_invalid_request(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    response = http.post("/token", json=token_request(server, provider_code(http, server, pkce), pkce))
    assert_oauth_error(response, "invalid_request")


# --- userinfo --------------------------------------------------------------------------------------------------


def test_userinfo_answers_the_access_tokens_user(http: httpx.Client, server: RunningServer) -> None:
    access_token = tokens_for(http, server, scope="openid email")["access_token"]
    response = http.get("/userinfo", headers={"Authorization": f"Bearer {access_token}"})
    assert response.status_code == 200
    assert response.json() == {"sub": GRACE, "email": "grace@example.org", "email_verified": True}
    assert http.post("/userinfo", headers={"Authorization": f"Bearer {access_token}"}).json()["sub"] == GRACE


def test_userinfo_without_a_token_is_challenged(http: httpx.Client) -> None:
    response = http.get("/userinfo")
    assert_oauth_error(response, "invalid_token", 401)
    assert response.headers["www-authenticate"] == 'Bearer realm="synapse"'


def test_userinfo_with_an_unknown_or_expired_token_is_refused(http: httpx.Client, server: RunningServer) -> None:
    unknown = http.get("/userinfo", headers={"Authorization": "Bearer made-up"})
    assert_oauth_error(unknown, "invalid_token", 401)
    assert 'error="invalid_token"' in unknown.headers["www-authenticate"]
    access_token = tokens_for(http, server)["access_token"]
    server.sync(lambda: server.runtime.settings.clock.advance(3600))
    expired = http.get("/userinfo", headers={"Authorization": f"Bearer {access_token}"})
    assert_oauth_error(expired, "invalid_token", 401)


def test_an_admin_reset_forgets_codes(http: httpx.Client, server: RunningServer) -> None:
    pkce = Pkce.generate()
    code = provider_code(http, server, pkce)
    server.sync(server.runtime.reset)
    assert_oauth_error(exchange(http, token_request(server, code, pkce)), "invalid_grant")


# --- authorize with automatic login ---------------------------------------------------------------------------


def test_automatic_login_redirects_at_once_with_a_code_and_the_state(http: httpx.Client, server: RunningServer) -> None:
    response = http.get("/authorize", params=authorize_params(server, Pkce.generate(), state="xyz"))
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(f"{callback_uri(server)}?")
    params = query_of(location)
    assert params["state"] == "xyz"
    assert len(params["code"]) >= 32
    assert response.headers["cache-control"] == "no-store"
