"""A small test client for the svix API of a running reference server.

Every exchange is checked against openapi/svix.yaml (paths without the trailing slash are checked as their
slashed spelling, which is the one the contract documents), and each (operationId, status) seen is recorded, so a
test can show that every documented status of every operation is produced.
"""

from __future__ import annotations

import base64
import functools
import json
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import httpx

from authkit_mock.core.entropy import Entropy
from authkit_mock.core.settings import Settings
from authkit_mock.core.store import Application, Token
from tests.support.openapi import ContractValidator
from tests.support.redis import shared_store_settings
from tests.support.server import RunningServer, running_server

ORG_KEY = "testsk_demo_org_key"
APP_ID = "app_demo"
APP_UID = "demo-app"
STREAM_ID = "strm_demo"
STREAM_UID = "demo-stream"
SINK_ID = "sink_demo"
SINK_UID = "demo-sink"
POLLER_TOKEN = "pollsk_demo_poller_token"
STREAM = "/api/v1/auth/stream/{stream_id}"
OPERATIONS = {
    "expire_all": "/api/v1/auth/app/{app_id}/expire-all/",
    "dashboard_access": "/api/v1/auth/dashboard-access/{app_id}/",
    "app_portal_access": "/api/v1/auth/app-portal-access/{app_id}/",
    "logout": "/api/v1/auth/logout/",
    "stream_portal_access": "/api/v1/auth/stream-portal-access/{stream_id}",
    "stream_logout": "/api/v1/auth/stream-logout",
    "stream_expire_all": f"{STREAM}/expire-all",
    "rotate_stream_poller_token": f"{STREAM}/sink/{{sink_id}}/poller/token/rotate",
    "get_stream_poller_token": f"{STREAM}/sink/{{sink_id}}/poller/token",
}


def svix_settings(**overrides: Any) -> Settings:
    """Settings for a server of the svix API alone, under ``/svix`` (seeded randomness, as in conftest)."""
    values: dict[str, Any] = {"apis": ("svix",), "entropy": Entropy(seed=1234), **shared_store_settings()}
    values.update(overrides)
    return Settings(**values)


@contextmanager
def svix_server(**overrides: Any) -> Iterator[RunningServer]:
    """A running server of the svix API alone."""
    with running_server(svix_settings(**overrides)) as server:
        yield server


@functools.cache
def validator(prefix: str) -> ContractValidator:
    """The svix contract served under ``prefix`` (loaded once: it takes about half a second)."""
    return ContractValidator("svix", prefix)


def operation_of(path: str) -> str:
    """The operationId a request path (either spelling, any prefix) belongs to."""
    trimmed = path.rstrip("/")
    for suffix, operation_id in (
        ("/poller/token/rotate", "rotate_stream_poller_token"),
        ("/poller/token", "get_stream_poller_token"),
    ):
        if trimmed.endswith(suffix):
            return operation_id
    if trimmed.endswith("/expire-all"):
        return "stream_expire_all" if "/auth/stream/" in trimmed else "expire_all"
    for operation_id in ("stream_portal_access", "stream_logout", "dashboard_access", "app_portal_access", "logout"):
        if f"/{operation_id.replace('_', '-')}" in trimmed:
            return operation_id
    raise AssertionError(f"not a svix operation: {path}")


class SvixClient:
    """Talks to the svix API of ``server`` over HTTP; validates and records every exchange."""

    def __init__(self, server: RunningServer, seen: set[tuple[str, int]] | None = None) -> None:
        self.server = server
        self.base_url = server.api_url("svix")
        self.validator = validator(httpx.URL(self.base_url).path or "/")
        self.seen: set[tuple[str, int]] = set() if seen is None else seen
        self.http = httpx.Client(base_url=self.base_url, timeout=30)

    def clone(self) -> SvixClient:
        """Another client (for another thread) recording into the same set."""
        return SvixClient(self.server, self.seen)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> SvixClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def post(
        self,
        path: str,
        token: object = ORG_KEY,
        *,
        json_body: Any = None,
        content: bytes | None = None,
        key: str | None = None,
        headers: dict[str, str] | None = None,
        validate: bool = True,
    ) -> httpx.Response:
        """POST ``path`` (relative to the API) as ``token`` (None: no Authorization header)."""
        sent = dict(headers or {})
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        if key is not None:
            sent["idempotency-key"] = key
        if json_body is not None:
            response = self.http.post(path, json=json_body, headers=sent)
        else:
            response = self.http.post(path, content=content, headers=sent)
        if validate:
            self.check(response)
        return response

    def get(self, path: str, token: object = ORG_KEY, *, validate: bool = True) -> httpx.Response:
        """GET ``path`` (relative to the API) as ``token`` (None: no Authorization header)."""
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        response = self.http.get(path, headers=headers)
        if validate:
            self.check(response)
        return response

    def check(self, response: httpx.Response) -> None:
        """Validate the response against the contract and record its (operationId, status)."""
        response.read()
        request = response.request
        path = request.url.path
        # The contract spells the paths of API 1.4 with the slash and the stream paths without; the server also
        # serves the other spelling of each.
        documented = path.rstrip("/") + ("/" if OPERATIONS[operation_of(path)].endswith("/") else "")
        if path != documented:
            request = httpx.Request(
                request.method,
                request.url.copy_with(path=documented),
                headers=request.headers,
                content=request.content,
            )
            response = httpx.Response(
                response.status_code, headers=response.headers, content=response.content, request=request
            )
        self.validator.validate_response(response)
        self.seen.add((operation_of(request.url.path), response.status_code))

    # One method per operation; ``slash=False`` uses the spelling without the trailing slash.

    def expire_all(
        self, app_id: str = APP_ID, body: Any = None, token: object = ORG_KEY, slash: bool = True, **kw: Any
    ) -> httpx.Response:
        """POST expire-all (``body`` defaults to ``{}``)."""
        kw.setdefault("json_body", {} if body is None and "content" not in kw else body)
        return self.post(_path("expire_all", app_id, slash), token, **kw)

    def dashboard_access(
        self, app_id: str = APP_ID, token: object = ORG_KEY, slash: bool = True, **kw: Any
    ) -> httpx.Response:
        """POST dashboard-access (no body)."""
        return self.post(_path("dashboard_access", app_id, slash), token, **kw)

    def app_portal_access(
        self, app_id: str = APP_ID, body: Any = None, token: object = ORG_KEY, slash: bool = True, **kw: Any
    ) -> httpx.Response:
        """POST app-portal-access (``body`` defaults to ``{}``)."""
        kw.setdefault("json_body", {} if body is None and "content" not in kw else body)
        return self.post(_path("app_portal_access", app_id, slash), token, **kw)

    def logout(self, token: object, slash: bool = True, **kw: Any) -> httpx.Response:
        """POST logout (no body)."""
        return self.post(_path("logout", "", slash), token, **kw)

    def stream_portal_access(
        self, stream_id: str = STREAM_ID, body: Any = None, token: object = ORG_KEY, slash: bool = False, **kw: Any
    ) -> httpx.Response:
        """POST stream-portal-access (``body`` defaults to ``{}``)."""
        kw.setdefault("json_body", {} if body is None and "content" not in kw else body)
        return self.post(_path("stream_portal_access", stream_id, slash), token, **kw)

    def stream_logout(self, token: object, slash: bool = False, **kw: Any) -> httpx.Response:
        """POST stream-logout (no body)."""
        return self.post(_path("stream_logout", "", slash), token, **kw)

    def stream_expire_all(
        self, stream_id: str = STREAM_ID, body: Any = None, token: object = ORG_KEY, slash: bool = False, **kw: Any
    ) -> httpx.Response:
        """POST stream expire-all (``body`` defaults to ``{}``)."""
        kw.setdefault("json_body", {} if body is None and "content" not in kw else body)
        return self.post(_path("stream_expire_all", stream_id, slash), token, **kw)

    def rotate_poller_token(
        self,
        stream_id: str = STREAM_ID,
        sink_id: str = SINK_ID,
        body: Any = None,
        token: object = ORG_KEY,
        slash: bool = False,
        **kw: Any,
    ) -> httpx.Response:
        """POST rotate-stream-poller-token (``body`` defaults to ``{}``)."""
        kw.setdefault("json_body", {} if body is None and "content" not in kw else body)
        return self.post(_path("rotate_stream_poller_token", stream_id, slash, sink_id), token, **kw)

    def get_poller_token(
        self, stream_id: str = STREAM_ID, sink_id: str = SINK_ID, token: object = ORG_KEY, slash: bool = False
    ) -> httpx.Response:
        """GET get-stream-poller-token."""
        return self.get(_path("get_stream_poller_token", stream_id, slash, sink_id), token)

    def new_stream_token(self, stream_id: str = STREAM_ID, body: Any = None, token: str = ORG_KEY) -> str:
        """A fresh stream token for ``stream_id``, issued with the demo org key (or ``token``)."""
        response = self.stream_portal_access(stream_id, body, token)
        assert response.status_code == 200, response.text
        issued: str = response.json()["token"]
        return issued

    def new_app_token(self, app_id: str = APP_ID) -> str:
        """A fresh application token for ``app_id``, issued with the demo org key."""
        response = self.dashboard_access(app_id)
        assert response.status_code == 200, response.text
        token: str = response.json()["token"]
        return token

    def authenticates(self, token: str) -> bool:
        """Whether ``token`` is still accepted (without ending it): an app token gets 403 here, not 401."""
        status = self.dashboard_access(token=token).status_code
        assert status in (200, 401, 403), status
        return status != 401


def _path(operation_id: str, target: str, slash: bool, sink_id: str = "") -> str:
    path = OPERATIONS[operation_id].replace("{app_id}", target).replace("{stream_id}", target)
    path = path.replace("{sink_id}", sink_id).rstrip("/")
    return path + "/" if slash else path


def magic_link_payload(url: str) -> dict[str, Any]:
    """The JSON object a magic link's ``#key=`` fragment embeds."""
    fragment = httpx.URL(url).fragment
    assert fragment.startswith("key="), url
    payload: dict[str, Any] = json.loads(base64.b64decode(fragment.removeprefix("key=")))
    return payload


def add_application(server: RunningServer, app_id: str, uid: str | None = None) -> None:
    """Add an application to the running server's store."""
    server.sync(
        lambda: server.runtime.store.add_application(
            Application(id=app_id, name=app_id, created_at=server.runtime.clock_now, uid=uid)
        )
    )


def add_org_key(server: RunningServer, key: str) -> None:
    """Add an organisation API key to the running server's store."""
    server.sync(
        lambda: server.runtime.store.add_token(
            Token(api="svix", kind="org_key", token=key, created_at=server.runtime.clock_now)
        )
    )


def with_request_in_flight(
    server: RunningServer, operation_id: str, first: Callable[[], httpx.Response], then: Callable[[], httpx.Response]
) -> tuple[httpx.Response, httpx.Response]:
    """Send ``first`` held in flight by an injected delay, and ``then`` while it is; returns both responses.

    The delay (an admin fault, used once) is taken by ``first`` after it has claimed its idempotency key, so the
    fault disappearing from the list is the sign that ``first`` is being processed.
    """
    server.sync(lambda: server.runtime.faults.add("svix", operation_id, None, 1000, 1))
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(first)
        deadline = time.monotonic() + 10
        while server.sync(server.runtime.faults.all):
            assert time.monotonic() < deadline, "the first request never reached the operation"
            assert not pending.done(), pending.result()
        second = then()
        assert not pending.done(), "the first request finished before the second was sent: raise the delay"
        return pending.result(timeout=30), second
