"""CORS lets only the configured browser origins read answers, echoing each one, never ``*`` with credentials.

Every API (and the admin API) is asked from a configured origin, from strangers, from a look-alike, from another
scheme and from the opaque ``null`` origin (sandboxed frames, ``file:`` pages), with a plain request and with a
preflight.
"""

from __future__ import annotations

import httpx
import pytest

from tests.security.actors import TRUST
from tests.support.server import RunningServer

CONFIGURED = ("http://localhost:*", "http://127.0.0.1:*")
"""The default of ``authkit-mock serve`` (``--cors-origin``)."""

PATHS = {
    "authlance": "/authlance/authlance/identity/me/logout",
    "polario": "/polario/auth/logout",
    "svix": "/svix/api/v1/auth/logout/",
    "bixarena": "/bixarena/.well-known/jwks.json",
    "pacerpro": "/pacerpro/session",
    "admin": "/__admin/health",
}
"""One path of each API (what it answers does not matter here, only the CORS headers)."""

ALLOWED = "http://localhost:5173"
STRANGERS = {
    "stranger": "https://evil.example",
    "lookalike": "http://localhost.evil.example:5173",
    "other_scheme": "https://localhost:5173",
    "null": "null",
}


@pytest.fixture
def cors_server(server: RunningServer, monkeypatch: pytest.MonkeyPatch) -> RunningServer:
    monkeypatch.setattr(server.settings, "cors_origins", CONFIGURED)
    return server


def ask(server: RunningServer, api: str, origin: str, preflight: bool) -> httpx.Response:
    url = f"{server.url}{PATHS[api]}"
    if preflight:
        headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
        return httpx.options(url, headers={**headers, "Access-Control-Request-Headers": "authorization"}, verify=TRUST)
    return httpx.get(url, headers={"Origin": origin}, verify=TRUST)


ALLOWED_ROWS = [
    pytest.param(api, preflight, id=f"{api}-{kind}")
    for api in PATHS
    for preflight, kind in ((False, "configured_origin_echoed"), (True, "configured_preflight_echoed"))
]
REFUSED_ROWS = [
    pytest.param(api, origin, preflight, id=f"{api}-{name}_{'preflight' if preflight else 'request'}_ignored")
    for api in PATHS
    for name, origin in STRANGERS.items()
    for preflight in (False, True)
]


@pytest.mark.parametrize(("api", "preflight"), ALLOWED_ROWS)
def test_a_configured_origin_is_echoed_with_credentials_never_a_wildcard(
    cors_server: RunningServer, api: str, preflight: bool
) -> None:
    response = ask(cors_server, api, ALLOWED, preflight)
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert response.headers["Access-Control-Allow-Credentials"] == "true"
    assert "Origin" in response.headers.get_list("Vary")


@pytest.mark.parametrize(("api", "origin", "preflight"), REFUSED_ROWS)
def test_an_origin_that_is_not_configured_gets_no_cors_headers(
    cors_server: RunningServer, api: str, origin: str, preflight: bool
) -> None:
    response = ask(cors_server, api, origin, preflight)
    assert "Access-Control-Allow-Origin" not in response.headers
    assert "Access-Control-Allow-Credentials" not in response.headers
    if preflight:
        assert response.status_code >= 400  # the preflight itself fails, so the browser never sends the request
