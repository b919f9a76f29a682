"""The admin API is closed to other sites (docs/operations/security.md, threat model: "the developer's browser").

A page on any origin can make the developer's browser send requests to the admin API on loopback: forms and
``no-cors`` fetches need no preflight, and a DNS-rebinding page can even read the answers. So the admin API
refuses (403, in its own shape) what the browser marks as cross-site, a foreign ``Origin``, a state-changing body
that is not JSON, and a ``Host`` that is not one of the server's own names; a loopback peer relaying for
someone else (forwarding headers) needs the admin token. The admin page, same-origin, keeps working
(tests/browser). Each guard is switched off in the running server to show its test fails without it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import authkit_mock.admin.api
from tests.conftest import make_settings
from tests.support.server import RunningServer, running_server

ADMIN_TOKEN = "qa-team-token"
STRANGER = "https://attacker.example"


@pytest.fixture(scope="module")
def open_server() -> Iterator[RunningServer]:
    """A server whose APIs answer any Host (``--allowed-host *``): the admin API must still refuse rebinding."""
    with running_server(make_settings(allowed_hosts=("*",), admin_token=ADMIN_TOKEN)) as started:
        yield started


def admin(server: RunningServer, method: str, path: str, **options: object) -> httpx.Response:
    with httpx.Client(base_url=f"{server.url}/__admin", timeout=10) as http:
        return http.request(method, path, **options)  # type: ignore[arg-type]


def faults(server: RunningServer) -> list[object]:
    items: list[object] = admin(server, "GET", "/faults").json()["items"]
    return items


A_FAULT = {"api": "svix", "operation": "*", "status": 503}

CROSS_SITE_WRITES: dict[str, dict[str, Any]] = {
    "fetch_metadata_cross_site": {"json": A_FAULT, "headers": {"Sec-Fetch-Site": "cross-site"}},
    "foreign_origin": {"json": A_FAULT, "headers": {"Origin": STRANGER}},
    "null_origin": {"json": A_FAULT, "headers": {"Origin": "null"}},
    "html_form": {
        "content": b"api=svix&operation=*&status=503",
        "headers": {"Content-Type": "application/x-www-form-urlencoded"},
    },
    "text_plain_fetch": {
        "content": b'{"api":"svix","operation":"*","status":503}',
        "headers": {"Content-Type": "text/plain"},
    },
    "multipart_form": {"content": b"--b--\r\n", "headers": {"Content-Type": "multipart/form-data; boundary=b"}},
}


@pytest.mark.parametrize("how", CROSS_SITE_WRITES)
def test_a_cross_site_write_is_refused_and_changes_nothing(server: RunningServer, how: str) -> None:
    response = admin(server, "POST", "/faults", **CROSS_SITE_WRITES[how])
    assert response.status_code == 403, response.text
    assert response.json()["error"] == "forbidden"
    assert faults(server) == []


@pytest.mark.parametrize("path", ["/reset", "/clock/advance"])
def test_other_state_changes_refuse_a_foreign_origin(server: RunningServer, path: str) -> None:
    response = admin(server, "POST", path, json={"seconds": 60}, headers={"Origin": STRANGER})
    assert response.status_code == 403, response.text


def test_the_same_origin_and_configured_origins_may_write(
    server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(server.settings, "cors_origins", ("http://localhost:*",))  # the CLI's default
    own = admin(
        server, "POST", "/faults", json=A_FAULT, headers={"Origin": server.url, "Sec-Fetch-Site": "same-origin"}
    )
    assert own.status_code == 201, own.text
    app = admin(server, "DELETE", "/faults", headers={"Origin": "http://localhost:5173", "Sec-Fetch-Site": "same-site"})
    assert app.status_code == 204, app.text  # a CORS origin: the developer's own app
    assert admin(server, "POST", "/reset").status_code == 200  # a bodiless POST from a script


@pytest.mark.parametrize("path", ["/journal", "/tokens", "/users", "/health"])
def test_a_rebinding_read_is_refused(open_server: RunningServer, path: str) -> None:
    # The attacker's name resolves to 127.0.0.1: the browser sends it as Host, from a loopback peer.
    response = admin(open_server, "GET", path, headers={"Host": f"rebind.attacker.example:{open_server.settings.port}"})
    assert response.status_code == 403, response.text
    assert "rebinding" in response.json()["detail"]


def test_the_apis_answer_any_host_there_while_the_admin_api_does_not(open_server: RunningServer) -> None:
    with httpx.Client(timeout=10) as http:
        api = http.get(f"{open_server.url}/bixarena/.well-known/jwks.json", headers={"Host": "anything.example"})
    assert api.status_code == 200


@pytest.mark.parametrize(
    "header", ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via"]
)
def test_a_loopback_peer_relaying_for_someone_else_needs_the_token(open_server: RunningServer, header: str) -> None:
    relayed = {header: "for=203.0.113.7" if header == "Forwarded" else "203.0.113.7"}
    assert admin(open_server, "GET", "/users", headers=relayed).status_code == 403
    with_token = admin(open_server, "GET", "/users", headers={**relayed, "X-Admin-Token": ADMIN_TOKEN})
    assert with_token.status_code == 200
    assert admin(open_server, "GET", "/users").status_code == 200  # the developer, directly


def test_without_a_configured_token_a_relayed_request_is_always_refused(server: RunningServer) -> None:
    response = admin(server, "GET", "/users", headers={"X-Forwarded-For": "203.0.113.7", "X-Admin-Token": "guess"})
    assert response.status_code == 403


# -- the guards matter ---------------------------------------------------------------------------------------------


def test_without_the_cross_site_guard_a_foreign_page_injects_a_fault(
    server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authkit_mock.admin.api, "cross_site_refusal", lambda request, settings: None)
    response = admin(server, "POST", "/faults", **CROSS_SITE_WRITES["foreign_origin"])
    assert response.status_code == 201
    assert faults(server) != []


def test_without_the_cross_site_guard_a_rebinding_page_reads_the_journal(
    open_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authkit_mock.admin.api, "cross_site_refusal", lambda request, settings: None)
    response = admin(open_server, "GET", "/journal", headers={"Host": "rebind.attacker.example"})
    assert response.status_code == 200


def test_without_the_forwarding_check_a_proxied_stranger_is_the_developer(
    open_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authkit_mock.admin.api, "forwarded", lambda request: False)
    assert admin(open_server, "GET", "/users", headers={"X-Forwarded-For": "203.0.113.7"}).status_code == 200
