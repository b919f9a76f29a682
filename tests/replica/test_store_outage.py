"""When the shared Redis server goes away, every API answers 503 in its own error shape (no traceback in the body or
the server's log) and applies nothing of the refused request; when Redis comes back on the same port, the server
serves again by itself, without a restart."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator

import httpx
import pytest

from authkit_mock.core.errors import error_body
from authkit_mock.core.redis.connection import StoreUnavailableError
from tests.e2e.flows import GRACE, PACERPRO_EMAIL, PACERPRO_PASSWORD
from tests.replica.flows import (
    DASHBOARD_ACCESS,
    ORG_KEY,
    TIMEOUT,
    polario_login,
    protected,
    svix_login,
)
from tests.replica.replicas import Replica, start_replicas
from tests.support.redis import RedisServer

STORE_REQUESTS: dict[str, tuple[str, str, dict[str, object]]] = {
    "pacerpro": ("POST", "/pacerpro/session", {"json": {"email": PACERPRO_EMAIL, "password": PACERPRO_PASSWORD}}),
    "polario": ("POST", "/polario/auth/auth", {"json": {"email": "demo@example.com", "nonce": "outage-nonce"}}),
    "authlance": ("POST", "/authlance/authlance/identity/me", {"json": {"session": "demo-session-ada"}}),
    "svix": ("POST", DASHBOARD_ACCESS, {"headers": ORG_KEY}),
    "bixarena": ("POST", "/bixarena/token", {"headers": {"Cookie": "JSESSIONID=0123456789ABCDEF"}}),
}
"""One request per API that needs the store to be answered."""


@pytest.fixture
def outage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RedisServer, Replica]]:
    """A redis-server of this test's own (it is stopped and started again) and one replica on it."""
    folder = tmp_path_factory.mktemp("outage")
    redis = RedisServer(folder)
    redis.start()
    try:
        (replica,) = start_replicas(folder, redis.url(0), "outage:", 1, "--idp-auto-login", GRACE)
        try:
            yield redis, replica
        finally:
            replica.stop()
    finally:
        redis.stop()


def send(replica: Replica, api: str) -> httpx.Response:
    """``api``'s store request (``STORE_REQUESTS``) to ``replica``."""
    method, path, options = STORE_REQUESTS[api]
    return httpx.request(method, f"{replica.url}{path}", timeout=TIMEOUT, **options)  # type: ignore[arg-type]


def shutdown_keeping_the_data(redis: RedisServer) -> None:
    """``SHUTDOWN SAVE``: Redis writes its data to disk and exits; started again, it loads it (a Redis with
    persistence, restarted)."""
    assert redis.process is not None
    with socket.create_connection(("127.0.0.1", redis.port), timeout=10) as connection:
        connection.sendall(b"SHUTDOWN SAVE\r\n")
        connection.recv(64)
    redis.process.wait(timeout=10)
    redis.process = None


def answered_by_then(check: Callable[[], bool], timeout: float = 20.0) -> bool:
    """Whether ``check`` becomes true within ``timeout`` seconds (polling a server that reconnects by itself)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)  # waiting for the server to reconnect, not testing time
    return False


def test_without_redis_every_api_answers_503_in_its_shape_and_serves_again_when_it_is_back(
    outage: tuple[RedisServer, Replica],
) -> None:
    redis, replica = outage
    polario = polario_login(replica.url)
    svix = svix_login(replica.url)

    shutdown_keeping_the_data(redis)

    for api, (_, path, _) in STORE_REQUESTS.items():
        answer = send(replica, api)
        assert answer.status_code == 503, (api, answer.text)
        expected, content_type = error_body(api, StoreUnavailableError(), path)
        assert answer.headers["content-type"].startswith(content_type)
        assert answer.json() == expected
        assert "Traceback" not in answer.text
    # Refused whole: neither logout is applied, so both credentials still work once Redis is back.
    assert (
        httpx.get(f"{replica.url}/polario/auth/logout", headers=polario.credential, timeout=TIMEOUT).status_code == 503
    )
    assert httpx.post(f"{replica.url}/svix/api/v1/auth/logout/", headers=svix, timeout=TIMEOUT).status_code == 503
    refresh = {"refreshToken": polario.refresh_token}
    assert httpx.post(f"{replica.url}/polario/auth/session", json=refresh, timeout=TIMEOUT).status_code == 503

    redis.start()

    assert answered_by_then(lambda: send(replica, "pacerpro").status_code == 200)
    assert protected(replica.url, "polario", polario.credential) == 200
    assert protected(replica.url, "svix", svix) == 200
    assert httpx.post(f"{replica.url}/polario/auth/session", json=refresh, timeout=TIMEOUT).status_code == 200
    for api in ("polario", "authlance", "svix"):
        assert send(replica, api).status_code == 200, api
    assert "Traceback" not in replica.log_text()


def test_a_redis_restarted_empty_is_served_again_and_a_reset_brings_the_seed_back(
    outage: tuple[RedisServer, Replica],
) -> None:
    redis, replica = outage
    redis.stop()  # no persistence: everything Redis held is gone
    assert send(replica, "pacerpro").status_code == 503

    redis.start()

    assert answered_by_then(lambda: send(replica, "pacerpro").status_code != 503)
    assert httpx.post(f"{replica.url}/__admin/reset", timeout=TIMEOUT).status_code == 200
    assert send(replica, "pacerpro").status_code == 200
    assert "Traceback" not in replica.log_text()
