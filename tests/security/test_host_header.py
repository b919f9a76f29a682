"""The Host header is never trusted for anything the server acts on (docs/operations/security.md, threat model: "Host").

A request naming a host the server is not configured to be is refused (421, in the API's own error shape) before
any handler builds a URL from it; a malformed Host is a 400, never a 500. With every Host let through
(``--allowed-host *``), the bixarena relying party still calls only its configured provider (a local listener
counts the connections a Host-chosen address would get) and the provider still refuses redirect URIs under a
foreign Host. Each guard is switched off in the running server to show its test fails without it.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

import authkit_mock.apis.bixarena.api
import authkit_mock.core.middlewares
import authkit_mock.idp.handlers
from tests.conftest import make_settings
from tests.security.actors import GRACE
from tests.support.server import RunningServer, running_server

FOREIGN = "attacker.example"
PATHS = {
    "authlance": ("POST", "/authlance/authlance/identity/me"),
    "polario": ("POST", "/polario/auth/auth"),
    "svix": ("POST", "/svix/api/v1/auth/logout/"),
    "bixarena": ("GET", "/bixarena/auth/oidc/start"),
    "pacerpro": ("POST", "/pacerpro/session"),
    "synapse": ("GET", "/synapse/.well-known/openid-configuration"),
    "admin": ("GET", "/__admin/health"),
}
SHAPES: dict[str, Callable[[dict[str, Any]], bool]] = {
    "authlance": lambda body: "error" in body,
    "polario": lambda body: "error" in body,
    "svix": lambda body: body.get("code") == "misdirected_request",
    "bixarena": lambda body: body.get("status") == 421,
    "pacerpro": lambda body: body.get("status") == 421,
    "synapse": lambda body: "error" in body,
    "admin": lambda body: body.get("error") == "misdirected_request",
}


def send(server: RunningServer, method: str, path: str, host: str, **options: object) -> httpx.Response:
    """One request to ``server`` (by its loopback address) with ``host`` in the Host header."""
    with httpx.Client(timeout=10) as http:
        return http.request(method, f"{server.url}{path}", headers={"Host": host}, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def open_server() -> Iterator[RunningServer]:
    """A server that answers any Host (``--allowed-host *``), as behind a proxy that rewrites it: what the server
    acts on must still not come from the Host."""
    with running_server(make_settings(idp_auto_login=GRACE, allowed_hosts=("*",))) as started:
        yield started


@pytest.mark.parametrize("api", PATHS)
def test_a_foreign_host_is_refused_421_in_the_apis_shape(server: RunningServer, api: str) -> None:
    method, path = PATHS[api]
    response = send(server, method, path, f"{FOREIGN}:{server.settings.port}")
    assert response.status_code == 421, response.text
    assert SHAPES[api](response.json()), response.text


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])
def test_the_loopback_names_are_answered_on_any_port(server: RunningServer, host: str) -> None:
    assert send(server, "GET", "/__admin/health", f"{host}:{server.settings.port}").status_code == 200
    assert send(server, "GET", "/synapse/.well-known/jwks.json", host).status_code == 200


def raw_request(server: RunningServer, method: str, path: str, host: bytes) -> bytes:
    """A request written byte by byte (clients refuse to send some of these Hosts); the whole answer."""
    with socket.create_connection(("127.0.0.1", server.settings.port), timeout=10) as connection:
        body = b"{}" if method == "POST" else b""
        head = f"{method} {path} HTTP/1.1\r\n".encode() + b"Host: " + host + b"\r\n"
        head += b"Content-Type: application/json\r\nConnection: close\r\n"
        connection.sendall(head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


@pytest.mark.parametrize(
    "host",
    [b"", b" ", b"a b", b"[::1", b"[nonsense]", b"host:port", b"host:123456", b"exa\xc3\xa9mple", b"a:1:2", b"x" * 300],
)
def test_a_malformed_host_is_a_clean_400(server: RunningServer, host: bytes) -> None:
    for method, path in PATHS.values():
        answer = raw_request(server, method, path, host)
        status = int(answer.split(b" ", 2)[1])
        assert status in (400, 421), (host, path, answer[:300])
        assert b"Traceback" not in answer


def test_a_configured_host_is_answered() -> None:
    with running_server(make_settings(allowed_hosts=("mock.qa.internal",))) as server:
        assert send(server, "GET", "/__admin/health", "mock.qa.internal:80").status_code == 200
        assert send(server, "GET", "/__admin/health", "other.qa.internal").status_code == 421


@contextmanager
def counting_listener() -> Iterator[tuple[int, list[int]]]:
    """A loopback listener that accepts and counts connections (answering nothing): where a Host-chosen provider
    URL would send the server."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    accepted: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(1)
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def start_login_naming(server: RunningServer, port: int) -> httpx.Response:
    """``GET /bixarena/auth/oidc/start`` with the Host pointing at ``127.0.0.1:port`` (the counting listener)."""
    server.sync(server.runtime.reset)  # no cached discovery document
    return send(server, "GET", "/bixarena/auth/oidc/start", f"127.0.0.1:{port}")


def test_the_relying_party_never_calls_a_host_header_address(open_server: RunningServer) -> None:
    with counting_listener() as (port, accepted):
        response = start_login_naming(open_server, port)
    assert response.status_code == 302, response.text
    assert accepted == []
    # The browser is sent to the provider on the host it used; the server itself called its configured provider.
    assert response.headers["Location"].startswith(f"http://127.0.0.1:{port}/synapse/authorize?")


def test_without_the_configured_provider_url_the_server_calls_the_host_header_address(
    open_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with counting_listener() as (port, accepted):
        # The broken copy: the provider URL from the request's Host, as the server built it before.
        monkeypatch.setattr(authkit_mock.apis.bixarena.api, "provider_url_of", lambda _: f"http://127.0.0.1:{port}/x")
        start_login_naming(open_server, port)
    assert accepted, "the Host-derived provider URL was not called: the SSRF test could not fail"


def authorize_under(server: RunningServer, base: str) -> httpx.Response:
    """The provider's authorize endpoint, asked (with Host ``base``'s host) to redirect to ``base``'s callback."""
    parameters = {
        "response_type": "code",
        "client_id": "bixarena",
        "redirect_uri": f"{base}/bixarena/auth/oidc/callback",
        "scope": "openid",
        "state": "s",
        "nonce": "n",
        "code_challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        "code_challenge_method": "S256",
    }
    host = base.split("://", 1)[1]
    return send(server, "GET", f"/synapse/authorize?{urlencode(parameters)}", host, follow_redirects=False)


def test_the_provider_refuses_a_redirect_uri_under_a_foreign_host(open_server: RunningServer) -> None:
    foreign = authorize_under(open_server, f"http://{FOREIGN}:{open_server.settings.port}")
    assert foreign.status_code == 400, foreign.text
    assert "not registered" in foreign.text
    own = authorize_under(open_server, f"http://localhost:{open_server.settings.port}")
    assert own.status_code == 302
    assert own.headers["Location"].startswith(f"http://localhost:{open_server.settings.port}/bixarena/")


def test_without_configured_redirect_uris_the_provider_redirects_to_a_foreign_host(
    open_server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authkit_mock.idp.handlers, "is_known_base_url", lambda base, settings: True)
    foreign = authorize_under(open_server, f"http://{FOREIGN}:{open_server.settings.port}")
    assert foreign.status_code == 302
    assert foreign.headers["Location"].startswith(f"http://{FOREIGN}:")


def test_without_the_host_check_a_foreign_host_is_answered(
    server: RunningServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(authkit_mock.core.middlewares, "host_allowed", lambda name, settings, known: True)
    response = send(server, "GET", "/synapse/.well-known/openid-configuration", f"{FOREIGN}:1")
    assert response.status_code == 200
    assert response.json()["authorization_endpoint"].startswith(f"http://{FOREIGN}:1/")
