"""After the login: minting internal JWTs from the session, the JWKS that verifies them, logout, and the contract.

Minted tokens are verified with PyJWT's own JWKS client pointed at the published JWKS URL, nothing else, and with
``algorithms=["RS256"]`` as a backend verifying upstream's tokens does: upstream signs them RS256 with RSA-2048 keys
named by UUIDs and carries ``roles`` and ``nbf`` (Sage-Bionetworks/sage-monorepo at 86cae545,
``apps/bixarena/auth-service``: ``InternalJwtService``, ``JwkKeyStore``); its logout sends
``no-store, no-cache, must-revalidate, max-age=0`` and ``Pragma: no-cache`` (``AuthApiDelegateImpl.logout``).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import jwt
import pytest

from tests.conftest import clock_for, make_settings
from tests.server.bixarena.flow import GRACE, BixarenaClient, validator
from tests.support.server import RunningServer, running_server
from tests.support.specs import HTTP_METHODS, load_spec

CLEARED_SESSION_COOKIE = "JSESSIONID=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax"
LOGOUT_CACHE_CONTROL = "no-store, no-cache, must-revalidate, max-age=0"


@pytest.fixture
def auto_server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    """A server whose provider logs Grace Hopper in without showing its page."""
    with running_server(make_settings(idp_auto_login=GRACE, **clock_for(request))) as started:
        yield started


@pytest.fixture
def client(auto_server: RunningServer) -> Iterator[BixarenaClient]:
    started = BixarenaClient(auto_server)
    yield started
    started.close()


def verified_claims(server: RunningServer, token: str) -> dict[str, object]:
    """The claims of ``token``, verified with only the published JWKS (PyJWT's JWKS client, real time)."""
    jwks = jwt.PyJWKClient(f"{server.api_url('bixarena')}/.well-known/jwks.json", cache_keys=False)
    key = jwks.get_signing_key_from_jwt(token)
    claims: dict[str, object] = jwt.decode(
        token, key.key, algorithms=["RS256"], audience="urn:bixarena:api", issuer=server.api_url("bixarena")
    )
    return claims


# --- POST /token ----------------------------------------------------------------------------------------------


def test_a_live_session_mints_a_600_second_rs256_jwt_with_roles_verifiable_with_the_published_jwks(
    client: BixarenaClient, auto_server: RunningServer
) -> None:
    client.log_in()
    response = client.mint()
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 600
    header = jwt.get_unverified_header(body["access_token"])
    assert header["alg"] == "RS256"
    assert header["typ"] == "JWT"
    assert str(uuid.UUID(header["kid"])) == header["kid"]
    assert header["kid"] in {key["kid"] for key in client.http.get(client.url("/.well-known/jwks.json")).json()["keys"]}
    claims = verified_claims(auto_server, body["access_token"])
    assert claims["sub"] == GRACE
    assert claims["aud"] == "urn:bixarena:api"
    assert isinstance(claims["iat"], int)
    assert claims["nbf"] == claims["iat"]
    assert claims["exp"] == claims["iat"] + 600
    assert claims["roles"] == ["user"]
    assert claims["jti"]


def test_each_mint_is_a_new_token(client: BixarenaClient) -> None:
    client.log_in()
    first, second = client.mint().json()["access_token"], client.mint().json()["access_token"]
    assert first != second


def test_the_token_lifetime_is_a_setting() -> None:
    settings = make_settings(idp_auto_login=GRACE, bixarena_token_ttl=90)
    with running_server(settings) as server:
        client = BixarenaClient(server)
        client.log_in()
        body = client.mint().json()
        client.close()
    assert body["expires_in"] == 90
    claims = jwt.decode(body["access_token"], options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 90


def browser_login(server: RunningServer) -> tuple[httpx.Response, BixarenaClient]:
    """The login as a browser makes it (``Accept: text/html``): the callback's response, and the browser."""
    browser = BixarenaClient(server)
    browser.http.headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
    return browser.callback(browser.authorize(browser.start())), browser


def test_a_browser_is_sent_back_to_the_frontend_after_login_with_its_session(auto_server: RunningServer) -> None:
    """Upstream's callback answers a browser (Accept contains text/html) with 302 to ``app.ui-base-url``, whose
    default is http://127.0.0.1:8000 (AuthApiDelegateImpl.callback, application.yml)."""
    response, browser = browser_login(auto_server)
    try:
        assert response.status_code == 302
        assert response.headers["location"] == "http://127.0.0.1:8000"
        assert response.content == b""
        validator().validate(response)
        assert browser.mint().status_code == 200
    finally:
        browser.close()


def test_the_frontend_a_browser_returns_to_is_a_setting() -> None:
    settings = make_settings(idp_auto_login=GRACE, bixarena_frontend_url="http://localhost:4200/arena")
    with running_server(settings) as server:
        response, browser = browser_login(server)
        browser.close()
    assert (response.status_code, response.headers["location"]) == (302, "http://localhost:4200/arena")


def test_minting_without_a_session_cookie_is_unauthorized(client: BixarenaClient) -> None:
    response = client.mint()
    assert response.status_code == 401
    assert response.json() == {
        "type": "about:blank",
        "title": "Unauthorized",
        "status": 401,
        "detail": "No authenticated session.",
        "instance": "/bixarena/token",
    }


def test_minting_with_an_unknown_session_cookie_is_unauthorized(client: BixarenaClient) -> None:
    client.http.cookies.set("JSESSIONID", "DC147ADF40792115556BEF22A4A85562")
    assert client.mint().status_code == 401


@pytest.mark.frozen_clock
def test_a_session_ends_24_hours_after_login(client: BixarenaClient, auto_server: RunningServer) -> None:
    client.log_in()
    auto_server.advance_clock(24 * 3600 - 1)
    assert client.mint().status_code == 200
    auto_server.advance_clock(1)
    assert client.mint().status_code == 401


def test_an_admin_reset_ends_every_session(client: BixarenaClient, auto_server: RunningServer) -> None:
    client.log_in()
    auto_server.sync(auto_server.runtime.reset)
    assert client.mint().status_code == 401


# --- POST /auth/logout ---------------------------------------------------------------------------------------


def test_logout_ends_the_session_and_clears_the_cookie(client: BixarenaClient) -> None:
    client.log_in()
    session_id = client.http.cookies["JSESSIONID"]
    response = client.http.post(client.url("/auth/logout"))
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["cache-control"] == LOGOUT_CACHE_CONTROL
    assert response.headers["pragma"] == "no-cache"
    assert response.headers.get_list("set-cookie") == [CLEARED_SESSION_COOKIE]
    assert "JSESSIONID" not in client.http.cookies
    # The old cookie no longer works even if a client keeps sending it.
    client.http.cookies.set("JSESSIONID", session_id)
    assert client.mint().status_code == 401


def test_logout_is_idempotent_with_or_without_a_session(client: BixarenaClient) -> None:
    client.log_in()
    first = client.http.post(client.url("/auth/logout"))
    again = client.http.post(client.url("/auth/logout"))
    client.http.cookies.set("JSESSIONID", "unknown")
    unknown = client.http.post(client.url("/auth/logout"))
    for response in (first, again, unknown):
        assert response.status_code == 204
        assert response.headers["cache-control"] == LOGOUT_CACHE_CONTROL
        assert response.headers["pragma"] == "no-cache"
        assert response.headers.get_list("set-cookie") == [CLEARED_SESSION_COOKIE]


def test_cookies_are_secure_when_the_server_is_reached_over_https() -> None:
    with running_server(make_settings(public_url="https://bixarena.example")) as server:
        # The server is reached locally; its public URL (behind a TLS proxy, say) is https.
        response = httpx.post(f"http://127.0.0.1:{server.settings.port}/bixarena/auth/logout")
    assert response.headers["set-cookie"] == f"{CLEARED_SESSION_COOKIE}; Secure"


def test_minted_tokens_stay_valid_after_logout_until_they_expire(
    client: BixarenaClient, auto_server: RunningServer
) -> None:
    client.log_in()
    token = client.mint().json()["access_token"]
    client.http.post(client.url("/auth/logout"))
    assert verified_claims(auto_server, token)["sub"] == GRACE


# --- GET /.well-known/jwks.json ------------------------------------------------------------------------------


def test_the_jwks_publishes_public_rsa_2048_keys_only(client: BixarenaClient) -> None:
    response = client.http.get(client.url("/.well-known/jwks.json"))
    assert response.status_code == 200
    (key,) = response.json()["keys"]
    assert {name: key[name] for name in ("kty", "e", "alg", "use")} == {
        "kty": "RSA",
        "e": "AQAB",
        "alg": "RS256",
        "use": "sig",
    }
    assert jwt.PyJWK(key).key.key_size == 2048
    assert str(uuid.UUID(key["kid"])) == key["kid"]
    assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


def test_the_jwks_is_not_the_providers(client: BixarenaClient, auto_server: RunningServer) -> None:
    ours = client.http.get(client.url("/.well-known/jwks.json")).json()
    providers = httpx.get(f"{auto_server.url}/synapse/.well-known/jwks.json").json()
    assert {key["kid"] for key in ours["keys"]}.isdisjoint({key["kid"] for key in providers["keys"]})


# --- the contract ----------------------------------------------------------------------------------------------


def documented() -> set[tuple[str, str, int]]:
    """Every (method, path, status) openapi/bixarena.yaml documents."""
    spec = load_spec("bixarena")
    return {
        (method, path, int(status))
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in HTTP_METHODS
        for status in operation["responses"]
    }


def fault(server: RunningServer, operation: str, status: int) -> None:
    server.sync(lambda: server.runtime.faults.add("bixarena", operation, status, 0, 1))


def test_every_operation_answers_every_documented_status_in_the_documented_shape(
    client: BixarenaClient, auto_server: RunningServer
) -> None:
    client.mint()  # 401
    client.http.get(client.url("/auth/oidc/callback"))  # 400
    client.http.get(client.url("/auth/oidc/callback"), params={"code": "c", "state": "s"})  # 401
    client.log_in()  # 302, 200
    browser = BixarenaClient(auto_server)
    browser.http.headers["Accept"] = "text/html"
    browser.callback(browser.authorize(browser.start()))  # 302 to the frontend
    client.seen |= browser.seen
    browser.close()
    client.mint()  # 200
    client.http.post(client.url("/auth/logout"))  # 204
    client.http.get(client.url("/.well-known/jwks.json"))  # 200
    # The reference server answers these only as faults injected through the admin API.
    for operation, path, status in [
        ("start_oidc_login", "/auth/oidc/start", 400),
        ("start_oidc_login", "/auth/oidc/start", 204),
        ("get_jwks", "/.well-known/jwks.json", 400),
    ]:
        fault(auto_server, operation, status)
        assert client.http.get(client.url(path)).status_code == status
    assert client.seen == documented()


def test_the_successful_requests_match_the_contract_too(client: BixarenaClient) -> None:
    exchanges = [
        client.http.get(client.url("/auth/oidc/start")),
        client.log_in(),
        client.mint(),
        client.http.get(client.url("/.well-known/jwks.json")),
        client.http.post(client.url("/auth/logout")),
    ]
    for response in exchanges:
        validator().validate(response)


def test_an_undocumented_method_is_answered_as_a_problem_document(auto_server: RunningServer) -> None:
    response = httpx.delete(f"{auto_server.api_url('bixarena')}/token")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 405
