"""authlance: a known, unexpired identity-provider session exchanges for a JWT and the ``loopToken`` cookie."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.conftest import make_settings
from tests.support.openapi import ContractValidator
from tests.support.server import RunningServer, checked_client
from tests.support.specs import load_spec, operations

EXCHANGE = "/authlance/identity/me"
LOGOUT = "/authlance/identity/me/logout"
SEEDED_SESSION = "demo-session-ada"
SEEDED_SUBJECT = "user-ada"


@pytest.fixture
def authlance(server: RunningServer) -> Iterator[httpx.Client]:
    """A client of the authlance API whose every response is checked against the contract."""
    with checked_client(server, "authlance") as client:
        yield client


def _claims(server: RunningServer, token: str) -> dict[str, Any]:
    """The token's claims, verified with an independent reader against the authlance JWKS."""
    authority = server.runtime.authority("authlance")
    key = jwt.PyJWK(authority.jwks()["keys"][0])
    claims: dict[str, Any] = jwt.decode(
        token,
        key,
        algorithms=["ES256"],
        audience=authority.audience,
        issuer=authority.issuer,
        options={"verify_iat": False},
    )
    return claims


def _set_cookie(response: httpx.Response) -> str:
    values = response.headers.get_list("set-cookie")
    assert len(values) == 1
    return values[0]


def _attributes(cookie: str) -> tuple[str, set[str]]:
    first, *rest = (part.strip() for part in cookie.split(";"))
    return first, {attribute.lower() for attribute in rest}


# --- the exchange -----------------------------------------------------------------------------------------------


def test_a_seeded_session_exchanges_for_a_jwt_of_its_user(server: RunningServer, authlance: httpx.Client) -> None:
    response = authlance.post(EXCHANGE, json={"session": SEEDED_SESSION})
    ContractValidator("authlance", "/authlance").validate_request(response.request)
    assert response.status_code == 200
    claims = _claims(server, response.json()["token"])
    assert claims["sub"] == SEEDED_SUBJECT
    assert claims["iss"] == server.api_url("authlance")
    assert claims["exp"] - claims["iat"] == server.settings.authlance_token_ttl


def test_the_jwt_is_also_set_as_a_script_readable_lax_session_cookie_on_the_root_path(authlance: httpx.Client) -> None:
    """Not HttpOnly: Authlance's browser code reads ``loopToken`` from ``document.cookie`` (authlance/loop,
    ``packages/core/src/browser/common/auth.ts``), so an HttpOnly cookie would break code written against the mock."""
    response = authlance.post(EXCHANGE, json={"session": SEEDED_SESSION})
    first, attributes = _attributes(_set_cookie(response))
    assert first == f"loopToken={response.json()['token']}"
    assert attributes == {"samesite=lax", "path=/"}  # no Max-Age or Expires, no HttpOnly, and no Secure over http


def test_other_properties_of_the_body_are_ignored(authlance: httpx.Client) -> None:
    response = authlance.post(EXCHANGE, json={"session": SEEDED_SESSION, "remember": True})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "content",
    [b"{}", b'{"session": ""}', b'{"session": 42}', b'{"session": null}', b'["demo-session-ada"]', b'"x"', b"{", b""],
    ids=["missing", "empty", "number", "null", "array", "string", "malformed", "no-body"],
)
def test_a_missing_empty_or_non_string_session_is_answered_400(authlance: httpx.Client, content: bytes) -> None:
    response = authlance.post(EXCHANGE, content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert list(response.json()) == ["error"]
    assert response.json()["error"].startswith("invalid request payload")
    assert "set-cookie" not in response.headers


def test_a_body_not_sent_as_json_is_answered_400(authlance: httpx.Client) -> None:
    response = authlance.post(EXCHANGE, data={"session": SEEDED_SESSION})
    assert response.status_code == 400
    assert response.json()["error"].startswith("invalid request payload")


def test_an_unknown_session_is_answered_401(authlance: httpx.Client) -> None:
    response = authlance.post(EXCHANGE, json={"session": "00000000-0000-4000-8000-000000000000"})
    assert response.status_code == 401
    assert response.json() == {"error": "invalid session"}
    assert "set-cookie" not in response.headers


def test_a_session_added_through_the_admin_api_exchanges_for_a_jwt_of_its_user(
    server: RunningServer, authlance: httpx.Client, admin: httpx.Client
) -> None:
    user = admin.post("/users", json={"api": "authlance", "email": "grace@example.com", "name": "Grace"}).json()
    session = admin.post("/sessions", json={"api": "authlance", "user": "GRACE@example.com"}).json()
    response = authlance.post(EXCHANGE, json={"session": session["id"]})
    assert response.status_code == 200
    assert _claims(server, response.json()["token"])["sub"] == user["subject"]


def test_a_session_expires_when_the_admin_api_moves_the_clock_past_its_lifetime(
    authlance: httpx.Client, admin: httpx.Client
) -> None:
    admin.post("/sessions", json={"api": "authlance", "user": SEEDED_SUBJECT, "id": "short", "ttl_seconds": 60})
    assert authlance.post(EXCHANGE, json={"session": "short"}).status_code == 200
    assert admin.post("/clock/advance", json={"seconds": 60}).status_code == 200
    response = authlance.post(EXCHANGE, json={"session": "short"})
    assert response.status_code == 401
    assert response.json() == {"error": "session expired"}
    # The seeded session never expires.
    assert authlance.post(EXCHANGE, json={"session": SEEDED_SESSION}).status_code == 200


def test_an_ended_session_is_answered_401(server: RunningServer, authlance: httpx.Client) -> None:
    async def end() -> None:
        session = await server.runtime.store.session("authlance", SEEDED_SESSION)
        assert session is not None
        session.active = False

    server.sync(end)
    assert authlance.post(EXCHANGE, json={"session": SEEDED_SESSION}).json() == {"error": "invalid session"}


def test_issued_jwts_are_listed_by_the_admin_api(authlance: httpx.Client, admin: httpx.Client) -> None:
    token = authlance.post(EXCHANGE, json={"session": SEEDED_SESSION}).json()["token"]
    listed = admin.get("/tokens", params={"api": "authlance"}).json()["items"]
    assert [(item["kind"], item["token"], item["subject"], item["revoked"]) for item in listed] == [
        ("jwt", token, SEEDED_SUBJECT, False)
    ]


# --- logout -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("with_cookie", [True, False])
def test_logout_clears_the_loop_token_cookie_whether_or_not_it_was_sent(
    authlance: httpx.Client, with_cookie: bool
) -> None:
    if with_cookie:
        authlance.post(EXCHANGE, json={"session": SEEDED_SESSION})
        assert authlance.cookies.get("loopToken")
    response = authlance.get(LOGOUT)
    assert response.status_code == 200
    assert response.json() == {"message": "logged out"}
    first, attributes = _attributes(_set_cookie(response))
    assert first == "loopToken="
    assert attributes == {"max-age=0", "samesite=lax", "path=/"}
    assert authlance.cookies.get("loopToken") is None


def test_logout_does_not_end_the_identity_provider_session(authlance: httpx.Client) -> None:
    authlance.get(LOGOUT)
    assert authlance.post(EXCHANGE, json={"session": SEEDED_SESSION}).status_code == 200


# --- https ----------------------------------------------------------------------------------------------------------


def _self_signed(directory: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


class HttpsServer(RunningServer):
    """The reference server behind TLS on its loopback port."""

    def __init__(self, cert: Path, key: Path) -> None:
        super().__init__(make_settings())
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.url = self.url.replace("http://", "https://")

    async def _start(self) -> None:
        await self._runner.setup()
        await web.SockSite(self._runner, self._sock, ssl_context=self.context).start()


def test_the_cookie_is_secure_when_the_request_came_over_https(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    server = HttpsServer(cert, key)
    server.start()
    try:
        trust = ssl.create_default_context(cafile=str(cert))
        with httpx.Client(base_url=f"{server.url}/authlance", verify=trust) as client:
            exchanged = client.post(EXCHANGE, json={"session": SEEDED_SESSION})
            logged_out = client.get(LOGOUT)
    finally:
        server.stop()
    assert exchanged.status_code == 200
    assert "secure" in _attributes(_set_cookie(exchanged))[1]
    assert "secure" in _attributes(_set_cookie(logged_out))[1]


# --- the whole contract ---------------------------------------------------------------------------------------------


def test_every_documented_status_of_every_authlance_operation_is_produced(
    authlance: httpx.Client, admin: httpx.Client
) -> None:
    recipes: dict[tuple[str, str], Callable[[], httpx.Response]] = {
        ("exchange_session_for_token", "200"): lambda: authlance.post(EXCHANGE, json={"session": SEEDED_SESSION}),
        ("exchange_session_for_token", "400"): lambda: authlance.post(EXCHANGE, json={}),
        ("exchange_session_for_token", "401"): lambda: authlance.post(EXCHANGE, json={"session": "nope"}),
        ("logout", "200"): lambda: authlance.get(LOGOUT),
    }
    documented = {(op.operation_id, status) for op in operations(load_spec("authlance")) for status in op.statuses}
    assert documented == set(recipes)
    for (operation, status), send in recipes.items():
        response = send()  # validated against the contract by the client's hook
        assert response.status_code == int(status), operation
    journal = admin.get("/journal", params={"api": "authlance"}).json()["items"]
    assert {(entry["operation"], str(entry["status"])) for entry in journal} == documented
