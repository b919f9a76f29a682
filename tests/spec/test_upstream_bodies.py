"""The contracts accept the real answers upstream allows: bodies without the fields upstream leaves optional,
an empty body where upstream declares no media type, and typed JWKS keys."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.support.openapi import ContractValidator

BEARER = {"Authorization": "Bearer eyJhbGciOiJFUzI1NiJ9.e30.c2ln"}


def answer(method: str, url: str, status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    """A JSON answer to a request made with a bearer token."""
    return httpx.Response(status, json=body, headers=headers, request=httpx.Request(method, url, headers=BEARER))


@pytest.mark.parametrize(
    ("content", "headers"),
    [(b"", {}), (b"{}", {"Content-Type": "application/json"})],
    ids=["empty", "empty-object"],
)
def test_pacerpro_revoke_accepts_an_empty_200_and_an_empty_object(content: bytes, headers: dict[str, str]) -> None:
    request = httpx.Request("DELETE", "http://pacerpro.test/session", headers=BEARER)
    ContractValidator("pacerpro").validate_response(
        httpx.Response(200, content=content, headers=headers, request=request)
    )


@pytest.mark.parametrize(
    ("name", "method", "url", "status", "body"),
    [
        ("pacerpro", "POST", "http://t/session", 200, {}),
        ("pacerpro", "GET", "http://t/session", 401, {}),
        ("polario", "GET", "http://t/auth/logout", 200, {}),
        ("polario", "POST", "http://t/auth/auth", 200, {"nonce": "abc"}),
        ("polario", "POST", "http://t/auth/session", 416, {}),
        ("authlance", "POST", "http://t/authlance/identity/me", 200, {}),
        ("authlance", "GET", "http://t/authlance/identity/me/logout", 200, {}),
        ("bixarena", "GET", "http://t/.well-known/jwks.json", 200, {}),
    ],
)
def test_a_body_without_the_fields_upstream_leaves_optional_is_accepted(
    name: str, method: str, url: str, status: int, body: dict[str, Any]
) -> None:
    ContractValidator(name).validate_response(answer(method, url, status, body))


def test_svix_documents_400_with_its_error_body_on_every_operation() -> None:
    validator = ContractValidator("svix")
    error = {"code": "bad_request", "detail": "Bad request"}
    for url in (
        "http://t/api/v1/auth/app/app_1/expire-all/",
        "http://t/api/v1/auth/dashboard-access/app_1/",
        "http://t/api/v1/auth/app-portal-access/app_1/",
        "http://t/api/v1/auth/logout/",
    ):
        validator.validate_response(answer("POST", url, 400, error))


def test_a_jwks_key_with_a_mistyped_member_is_refused() -> None:
    validator = ContractValidator("bixarena")
    rsa = {"kty": "RSA", "kid": "4d1f0c0a", "alg": "RS256", "n": "0vx7", "e": "AQAB", "x5t": "extra members are kept"}
    validator.validate_response(answer("GET", "http://t/.well-known/jwks.json", 200, {"keys": [rsa]}))
    with pytest.raises(Exception, match="not valid"):
        validator.validate_response(answer("GET", "http://t/.well-known/jwks.json", 200, {"keys": [{**rsa, "kid": 7}]}))
