"""The BixArena client: the OIDC dance with its cookies, the minted JWT, and its verification against the JWKS."""

from __future__ import annotations

import base64
import json
import sys
import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from jwt.algorithms import ECAlgorithm

from authkit_sdk import errors
from authkit_sdk.bixarena import BIXARENA_AUDIENCE, AsyncBixarenaClient, BixarenaClient
from tests.sdk.facades import AUTHORIZE_URL, api_router, mocked

KID = "bixarena-test-1"


class Keys:
    """An ES256 signing key, its JWKS, and tokens signed with it."""

    def __init__(self) -> None:
        self.private = ec.generate_private_key(ec.SECP256R1())
        jwk = json.loads(ECAlgorithm.to_jwk(self.private.public_key()))
        self.jwks = {"keys": [{**jwk, "kid": KID, "alg": "ES256", "use": "sig"}]}

    def token(self, *, kid: str = KID, **claims: Any) -> str:
        now = int(time.time())
        payload = {"iss": "authkit:bixarena", "aud": BIXARENA_AUDIENCE, "sub": "3350396", "iat": now, "exp": now + 600}
        payload.update(claims)
        return jwt.encode(payload, self.private, algorithm="ES256", headers={"kid": kid})


@pytest.fixture
def keys() -> Keys:
    return Keys()


def _router(keys: Keys | None = None, token: str = "jwt-bix") -> Any:
    router = api_router("bixarena")
    router["mint_internal_token"].mock(
        return_value=httpx.Response(200, json={"access_token": token, "token_type": "Bearer", "expires_in": 600})
    )
    if keys is not None:
        router["get_jwks"].mock(side_effect=lambda _request: httpx.Response(200, json=keys.jwks))
    return router


def test_the_oidc_dance_keeps_the_state_cookie_then_the_session_cookie() -> None:
    router = _router()
    with BixarenaClient(httpx_args=mocked(router)) as client:
        assert client.start_login() == AUTHORIZE_URL
        assert client.complete_login("code-1", "st-1").status == "ok"
        callback = router["complete_oidc_login"].calls.last.request
        assert callback.url.params["code"] == "code-1"
        assert callback.url.params["state"] == "st-1"
        assert "oidc_state=bind-1" in callback.headers["Cookie"]
        assert client.session_id == "sess-1"
        client.mint_token()
        assert "JSESSIONID=sess-1" in router["mint_internal_token"].calls.last.request.headers["Cookie"]


def test_the_bearer_is_sent_only_once_a_token_is_minted() -> None:
    router = _router()
    with BixarenaClient(httpx_args=mocked(router)) as client:
        client.jwks()
        assert "Authorization" not in router["get_jwks"].calls.last.request.headers
        assert client.access_token is None
        client.complete_login("code-1", "st-1")
        client.mint_token()
        assert "Authorization" not in router["mint_internal_token"].calls.last.request.headers
        assert client.access_token == "jwt-bix"
        client.jwks()
        assert router["get_jwks"].calls.last.request.headers["Authorization"] == "Bearer jwt-bix"


def test_a_relative_location_is_resolved_against_the_api_url() -> None:
    router = _router()
    router["start_oidc_login"].mock(return_value=httpx.Response(302, headers={"Location": "/synapse/authorize?x=1"}))
    with BixarenaClient(httpx_args=mocked(router)) as client:
        assert client.start_login() == "http://127.0.0.1:4010/synapse/authorize?x=1"


def test_a_start_without_an_authorize_url_raises_malformed_response_error() -> None:
    router = _router()
    router["start_oidc_login"].mock(return_value=httpx.Response(204))
    with BixarenaClient(httpx_args=mocked(router)) as client, pytest.raises(errors.MalformedResponseError) as raised:
        client.start_login()
    assert raised.value.status_code == 204


def test_login_with_runs_the_whole_dance() -> None:
    router = _router()
    seen: list[str] = []

    def authorize(url: str) -> tuple[str, str]:
        seen.append(url)
        return "code-9", "st-9"

    with BixarenaClient(httpx_args=mocked(router)) as client:
        assert client.login_with(authorize).status == "ok"
    assert seen == [AUTHORIZE_URL]
    assert router["complete_oidc_login"].calls.last.request.url.params["code"] == "code-9"


def test_logout_forgets_the_session_cookie_and_the_minted_token() -> None:
    router = _router()
    with BixarenaClient(httpx_args=mocked(router)) as client:
        client.complete_login("code-1", "st-1")
        client.mint_token()
        client.logout()
        assert client.session_id is None
        assert client.access_token is None


def test_verify_token_checks_the_minted_token_against_the_fetched_jwks(keys: Keys) -> None:
    router = _router(keys, token=keys.token())
    with BixarenaClient(httpx_args=mocked(router)) as client:
        client.complete_login("code-1", "st-1")
        client.mint_token()
        claims = client.verify_token()
        assert claims["sub"] == "3350396"
        assert claims["aud"] == BIXARENA_AUDIENCE
        assert client.verify_token(keys.token(sub="other"), issuer="authkit:bixarena")["sub"] == "other"
    assert router["get_jwks"].call_count == 2


@pytest.mark.parametrize(
    "case",
    ["expired", "wrong-audience", "wrong-issuer", "unknown-kid", "other-key", "alg-none", "no-kid", "garbage", "hs256"],
)
def test_verify_token_rejects_what_must_not_be_accepted(keys: Keys, case: str) -> None:
    other = Keys()
    now = int(time.time())
    tokens = {
        "expired": keys.token(iat=now - 1200, exp=now - 600),
        "wrong-audience": keys.token(aud="urn:other"),
        "wrong-issuer": keys.token(iss="evil"),
        "unknown-kid": keys.token(kid="nope"),
        "other-key": other.token(),
        "alg-none": jwt.encode({"sub": "x", "exp": now + 60, "iat": now}, "", algorithm="none", headers={"kid": KID}),
        "no-kid": jwt.encode({"sub": "x"}, other.private, algorithm="ES256"),
        "garbage": "not.a.jwt",
        "hs256": jwt.encode(
            {"sub": "x", "aud": BIXARENA_AUDIENCE, "exp": now + 60, "iat": now},
            "k" * 32,
            algorithm="HS256",
            headers={"kid": KID},
        ),
    }
    router = _router(keys)
    with BixarenaClient(httpx_args=mocked(router)) as client, pytest.raises(errors.TokenVerificationError):
        client.verify_token(tokens[case], issuer="authkit:bixarena")


def test_a_jwks_with_only_a_symmetric_key_verifies_nothing(keys: Keys) -> None:
    router = _router()
    secret = "s" * 32
    oct_key = {"kty": "oct", "k": base64.urlsafe_b64encode(secret.encode()).decode().rstrip("="), "kid": KID}
    router["get_jwks"].mock(return_value=httpx.Response(200, json={"keys": [oct_key]}))
    now = int(time.time())
    claims = {"sub": "x", "aud": BIXARENA_AUDIENCE, "exp": now + 60, "iat": now}
    token = jwt.encode(claims, secret, algorithm="HS256", headers={"kid": KID})
    with BixarenaClient(httpx_args=mocked(router)) as client, pytest.raises(errors.TokenVerificationError):
        client.verify_token(token)


def test_verify_token_without_a_token_raises_login_required() -> None:
    with BixarenaClient(httpx_args=mocked(_router())) as client, pytest.raises(errors.LoginRequiredError):
        client.verify_token()


def test_verify_token_without_the_jwt_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jwt", None)
    monkeypatch.setitem(sys.modules, "jwt.algorithms", None)
    router = _router()
    with BixarenaClient(httpx_args=mocked(router)) as client:
        with pytest.raises(errors.MissingDependencyError, match=r"authkit-sdk\[jwt\]") as raised:
            client.verify_token("a.b.c")
        assert isinstance(raised.value, ImportError)
    assert not router.calls  # refused before any request


@pytest.mark.asyncio
async def test_the_async_twin_runs_the_dance_and_verifies(keys: Keys) -> None:
    router = _router(keys, token=keys.token())

    async def authorize(url: str) -> tuple[str, str]:
        assert url == AUTHORIZE_URL
        return "code-1", "st-1"

    async with AsyncBixarenaClient(httpx_args=mocked(router)) as client:
        await client.login_with(authorize)
        assert client.session_id == "sess-1"
        await client.mint_token()
        assert (await client.verify_token())["sub"] == "3350396"
        await client.logout()
        assert client.session_id is None
