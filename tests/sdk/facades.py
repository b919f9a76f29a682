"""Offline harness for the facade tests: respx routers that answer like each API, and the facade calls.

Every route is found from the spec (method and path of an operationId), so a test names operations, not URLs.
The polario answers replay the SCRAM exchange of RFC 7677 section 3, so a login through the facade is checked
against the RFC's own numbers.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from authkit_sdk import admin, authlance, bixarena, errors, pacerpro, polario, svix
from tests.support.specs import load_spec, operations, resolve

# RFC 7677 section 3: the SCRAM-SHA-256 exchange of user "user" with password "pencil".
RFC_USER = "user"
RFC_PASSWORD = "pencil"
RFC_CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO"
RFC_NONCE = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
RFC_SALT = "W22ZaJ0SNY7soEsUEjb6gQ=="
RFC_ITERATIONS = 4096
RFC_PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
RFC_SERVER_SIGNATURE = "6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="

SVIX_TOKEN = "testsk_facade"
PACERPRO_TOKEN = "jwt-initial"
AUTHORIZE_URL = "http://127.0.0.1:4010/synapse/authorize?state=st-1&nonce=n-1"

EXCEPTION_FOR_STATUS: dict[int, type[errors.AuthkitError[Any]]] = {
    400: errors.BadRequestError,
    401: errors.UnauthorizedError,
    403: errors.ForbiddenError,
    404: errors.NotFoundError,
    409: errors.ConflictError,
    416: errors.InvalidRefreshTokenError,
    422: errors.UnprocessableEntityError,
    429: errors.RateLimitedError,
    500: errors.ServerError,
}
"""The class of each documented error status (any 5xx: ServerError), as the README's table says."""

FACADES: dict[str, tuple[type[Any], type[Any]]] = {
    "authlance": (authlance.AuthlanceClient, authlance.AsyncAuthlanceClient),
    "polario": (polario.PolarioClient, polario.AsyncPolarioClient),
    "svix": (svix.SvixClient, svix.AsyncSvixClient),
    "bixarena": (bixarena.BixarenaClient, bixarena.AsyncBixarenaClient),
    "pacerpro": (pacerpro.PacerproClient, pacerpro.AsyncPacerproClient),
    "admin": (admin.AdminClient, admin.AsyncAdminClient),
}
BASE_URLS = {
    "authlance": authlance.DEFAULT_BASE_URL,
    "polario": polario.DEFAULT_BASE_URL,
    "svix": svix.DEFAULT_BASE_URL,
    "bixarena": bixarena.DEFAULT_BASE_URL,
    "pacerpro": pacerpro.DEFAULT_BASE_URL,
    "admin": admin.DEFAULT_BASE_URL,
}


def mocked(router: respx.Router) -> dict[str, Any]:
    """``httpx_args`` that send a facade's requests to ``router``."""
    return {"transport": httpx.MockTransport(router.handler)}


def make_facade(slug: str, router: respx.Router, *, is_async: bool = False, **kwargs: Any) -> Any:
    """The sync or async facade of ``slug``, talking to ``router``, set up for the harness' answers."""
    defaults: dict[str, dict[str, Any]] = {
        "svix": {"token": SVIX_TOKEN, "retries": None},
        "pacerpro": {"token": PACERPRO_TOKEN},
        "polario": {"nonce_factory": lambda: RFC_CLIENT_NONCE},
    }
    options = {**defaults.get(slug, {}), **kwargs}
    return FACADES[slug][int(is_async)](httpx_args=mocked(router), **options)


async def resolved(value: Any) -> Any:
    """``value``, awaited when it is awaitable: lets one lambda drive both twins."""
    return await value if inspect.isawaitable(value) else value


def operation(slug: str, operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """Method, path template and resolved operation object of ``operation_id`` in the spec of ``slug``."""
    spec = load_spec(slug)
    for found in operations(spec, slug):
        if found.operation_id == operation_id:
            return found.method.upper(), found.path, resolve(spec, found.body)
    raise LookupError(f"{slug} has no operation {operation_id}")


def path_regex(template: str) -> str:
    """A path template (``/faults/{fault_id}``) as an anchored regex for respx."""
    return re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"


def documented_errors(slug: str, operation_id: str) -> Iterator[tuple[int, str, Any]]:
    """``(status, example name, example body)`` for every example of every documented error of an operation."""
    spec = load_spec(slug)
    _, _, body = operation(slug, operation_id)
    for status, response in body["responses"].items():
        if int(status) < 400:
            continue
        for media in (resolve(spec, response).get("content") or {}).values():
            for name, example in (media.get("examples") or {}).items():
                yield int(status), name, resolve(spec, example)["value"]


def success_status(slug: str, operation_id: str) -> tuple[int, bool, bool]:
    """The documented success status of an operation, whether it has a body, and whether that has required fields."""
    spec = load_spec(slug)
    _, _, body = operation(slug, operation_id)
    for status, response in body["responses"].items():
        if 200 <= int(status) < 400:
            content = resolve(spec, response).get("content") or {}
            schemas = [resolve(spec, media.get("schema", {})) for media in content.values()]
            return int(status), bool(content), any(schema.get("required") for schema in schemas)
    raise LookupError(operation_id)


def copy_response(response: httpx.Response) -> httpx.Response:
    """A fresh copy of a canned response (an httpx.Response must not be sent twice)."""
    return httpx.Response(response.status_code, headers=response.headers, content=response.content)


def _happy(slug: str) -> dict[str, httpx.Response]:
    """What each operation answers when a test does not say otherwise: its documented success."""
    now = "2026-01-01T00:00:00Z"
    admin_user = {"api": "polario", "id": "u1", "email": "a@example.com", "name": None, "subject": None}
    fault = {"id": 1, "api": "svix", "operation": "*", "status": 503, "delay_ms": 0, "count": 1, "remaining": 1}
    clock = {"now": now, "epoch": 1767225600.0, "offset_seconds": 0.0}
    answers: dict[str, dict[str, httpx.Response]] = {
        "authlance": {
            "exchange_session_for_token": httpx.Response(
                200, json={"token": "jwt-authlance"}, headers={"Set-Cookie": "loopToken=jwt-authlance; Path=/"}
            ),
            "logout": httpx.Response(
                200, json={"message": "logged out"}, headers={"Set-Cookie": "loopToken=; Max-Age=0; Path=/"}
            ),
        },
        "polario": {
            "scram_first_message": httpx.Response(
                200, json={"nonce": RFC_NONCE, "salt": RFC_SALT, "iterationCount": RFC_ITERATIONS, "expires": 1}
            ),
            "scram_final_message": httpx.Response(
                200,
                json={
                    "signature": RFC_SERVER_SIGNATURE,
                    "refreshToken": "refresh-1",
                    "deviceId": "device-1",
                    "sendbirdSessionToken": None,
                    "redirectProjectId": None,
                },
                headers={"Session": "jwt-session-1"},
            ),
            "refresh_session": httpx.Response(
                200,
                json={"deviceId": "device-1", "sendbirdSessionToken": None, "refreshToken": "refresh-2"},
                headers={"Session": "jwt-session-2"},
            ),
            "logout": httpx.Response(200, json={"status": "ok"}),
        },
        "svix": {
            "dashboard_access": httpx.Response(
                200, json={"url": "https://app.svix.com/login#key=x", "token": "appsk_1"}
            ),
            "app_portal_access": httpx.Response(
                200, json={"url": "https://app.svix.com/login#key=y", "token": "appsk_2"}
            ),
            "expire_all": httpx.Response(204),
            "logout": httpx.Response(204),
            "stream_portal_access": httpx.Response(
                200, json={"url": "https://app.svix.com/login#key=z", "token": "strmsk_1"}
            ),
            "stream_logout": httpx.Response(204),
            "stream_expire_all": httpx.Response(204),
            "rotate_stream_poller_token": httpx.Response(
                201, json={"id": "tok_2", "token": "pollsk_2", "createdAt": "2026-01-01T00:00:00Z"}
            ),
            "get_stream_poller_token": httpx.Response(
                200, json={"id": "tok_1", "token": "pollsk_1", "createdAt": "2026-01-01T00:00:00Z"}
            ),
        },
        "bixarena": {
            "start_oidc_login": httpx.Response(
                302, headers={"Location": AUTHORIZE_URL, "Set-Cookie": "oidc_state=bind-1; Path=/; HttpOnly"}
            ),
            "complete_oidc_login": httpx.Response(
                200, json={"status": "ok"}, headers={"Set-Cookie": "JSESSIONID=sess-1; Path=/; HttpOnly"}
            ),
            "logout": httpx.Response(204, headers={"Set-Cookie": "JSESSIONID=; Max-Age=0; Path=/"}),
            "mint_internal_token": httpx.Response(
                200, json={"access_token": "jwt-bix", "token_type": "Bearer", "expires_in": 600}
            ),
            "get_jwks": httpx.Response(200, json={"keys": [{"kty": "EC", "crv": "P-256", "x": "x", "y": "y"}]}),
        },
        "pacerpro": {
            "create_session": httpx.Response(200, json={"jwtToken": "jwt-login", "expiresAt": now}),
            "refresh_session": httpx.Response(
                200, json={"jwtToken": "jwt-refreshed", "expiresAt": "2026-01-01T01:00:00Z"}
            ),
            "revoke_all_sessions": httpx.Response(200, json={}),
        },
        "admin": {
            "get_health": httpx.Response(200, json={"status": "ok", "apis": ["svix"], "now": now}),
            "reset_state": httpx.Response(200, json={"status": "ok"}),
            "list_users": httpx.Response(200, json={"items": [admin_user]}),
            "create_user": httpx.Response(201, json=admin_user),
            "list_sessions": httpx.Response(200, json={"items": []}),
            "create_session": httpx.Response(
                201,
                json={
                    "api": "authlance",
                    "id": "s1",
                    "user": "u1",
                    "created_at": now,
                    "expires_at": None,
                    "active": True,
                },
            ),
            "list_applications": httpx.Response(200, json={"items": []}),
            "create_application": httpx.Response(
                201, json={"id": "app_1", "uid": None, "name": "A", "created_at": now}
            ),
            "list_streams": httpx.Response(200, json={"items": []}),
            "create_stream": httpx.Response(
                201,
                json={"id": "strm_1", "uid": None, "name": "S", "created_at": now, "expires_at": None, "sinks": []},
            ),
            "create_sink": httpx.Response(
                201, json={"id": "sink_1", "uid": None, "name": "K", "created_at": now, "poller_token": "pollsk_1"}
            ),
            "list_poller_tokens": httpx.Response(200, json={"items": []}),
            "list_tokens": httpx.Response(200, json={"items": []}),
            "create_token": httpx.Response(
                201,
                json={
                    "api": "svix",
                    "kind": "org_key",
                    "token": "testsk_new",
                    "subject": None,
                    "app_id": None,
                    "expires_at": None,
                    "revoked": False,
                },
            ),
            "list_journal": httpx.Response(200, json={"items": []}),
            "clear_journal": httpx.Response(204),
            "list_faults": httpx.Response(200, json={"items": [fault]}),
            "create_fault": httpx.Response(201, json=fault),
            "delete_fault": httpx.Response(204),
            "clear_faults": httpx.Response(204),
            "get_clock": httpx.Response(200, json=clock),
            "advance_clock": httpx.Response(200, json={**clock, "offset_seconds": 60.0}),
        },
    }
    return answers[slug]


@functools.cache
def _happy_routes(slug: str) -> tuple[tuple[str, str, str, httpx.Response], ...]:
    """``(operationId, method, path template, answer)`` of every operation (read from the spec once)."""
    return tuple(
        (operation_id, *operation(slug, operation_id)[:2], answer) for operation_id, answer in _happy(slug).items()
    )


def happy_answer(slug: str, operation_id: str) -> httpx.Response:
    """A fresh copy of what ``operation_id`` answers when a test does not say otherwise."""
    return copy_response(_happy(slug)[operation_id])


def api_router(slug: str, only: Collection[str] | None = None) -> respx.Router:
    """A router for ``slug`` with one route per operation (named by operationId), each answering its success.

    ``only``: just the routes of these operations (a router is built per test; fewer routes, less time).
    """
    router = respx.Router(base_url=BASE_URLS[slug], assert_all_called=False)
    for operation_id, method, path, answer in _happy_routes(slug):
        if only is not None and operation_id not in only:
            continue
        route = router.route(name=operation_id, method=method, path__regex=path_regex(path))
        route.mock(side_effect=lambda _request, answer=answer: copy_response(answer))
    return router


def _login(client: Any) -> Any:
    return client.login(RFC_USER, RFC_PASSWORD)


LOGIN_OPERATIONS = {"polario": ("scram_first_message", "scram_final_message")}
"""The operations a login runs (a Call's ``prepare``, or the call itself), per API that has one in two steps."""


def _bixarena_session(client: Any) -> None:
    # mint_token needs a session cookie (LoginRequiredError otherwise, before any request).
    client.cookies.set("JSESSIONID", "sess-1")


@dataclass(frozen=True)
class Call:
    """One facade method, the operation it performs, and what must happen first (e.g. a login)."""

    slug: str
    operation_id: str
    run: Callable[[Any], Any]
    prepare: Callable[[Any], Any] | None = field(default=None, compare=False)

    def __str__(self) -> str:
        return f"{self.slug}.{self.operation_id}"


CALLS = (
    Call("authlance", "exchange_session_for_token", lambda c: c.exchange_session("kratos-session-1")),
    Call("authlance", "logout", lambda c: c.logout()),
    Call("polario", "scram_first_message", _login),
    Call("polario", "scram_final_message", _login),
    Call("polario", "refresh_session", lambda c: c.refresh(), prepare=_login),
    Call("polario", "logout", lambda c: c.logout(), prepare=_login),
    Call("svix", "dashboard_access", lambda c: c.dashboard_access("app_1")),
    Call("svix", "app_portal_access", lambda c: c.app_portal_access("app_1", ["feature-a"])),
    Call("svix", "expire_all", lambda c: c.expire_all("app_1", 60)),
    Call("svix", "logout", lambda c: c.logout()),
    Call("svix", "stream_portal_access", lambda c: c.stream_portal_access("strm_1", ["feature-a"], expiry=3600)),
    Call("svix", "stream_logout", lambda c: c.stream_logout()),
    Call("svix", "stream_expire_all", lambda c: c.stream_expire_all("strm_1", 0, session_ids=["s1"])),
    Call("svix", "rotate_stream_poller_token", lambda c: c.rotate_stream_poller_token("strm_1", "sink_1")),
    Call("svix", "get_stream_poller_token", lambda c: c.get_stream_poller_token("strm_1", "sink_1")),
    Call("bixarena", "start_oidc_login", lambda c: c.start_login()),
    Call("bixarena", "complete_oidc_login", lambda c: c.complete_login("code-1", "st-1")),
    Call("bixarena", "logout", lambda c: c.logout()),
    Call("bixarena", "mint_internal_token", lambda c: c.mint_token(), prepare=_bixarena_session),
    Call("bixarena", "get_jwks", lambda c: c.jwks()),
    Call("pacerpro", "create_session", lambda c: c.login("ada@example.com", "secret")),
    Call("pacerpro", "refresh_session", lambda c: c.refresh()),
    Call("pacerpro", "revoke_all_sessions", lambda c: c.logout_everywhere()),
    Call("admin", "get_health", lambda c: c.health()),
    Call("admin", "reset_state", lambda c: c.reset()),
    Call("admin", "list_users", lambda c: c.users(api="polario")),
    Call("admin", "create_user", lambda c: c.add_user("polario", email="a@example.com", password="pw")),
    Call("admin", "list_sessions", lambda c: c.sessions()),
    Call("admin", "create_session", lambda c: c.add_session("a@example.com", ttl_seconds=60)),
    Call("admin", "list_applications", lambda c: c.applications()),
    Call("admin", "create_application", lambda c: c.add_application("A", app_id="app_1")),
    Call("admin", "list_streams", lambda c: c.streams()),
    Call("admin", "create_stream", lambda c: c.add_stream("S", stream_id="strm_1")),
    Call("admin", "create_sink", lambda c: c.add_sink("strm_1", "K", sink_id="sink_1")),
    Call("admin", "list_poller_tokens", lambda c: c.poller_tokens(stream_id="strm_1")),
    Call("admin", "list_tokens", lambda c: c.tokens()),
    Call("admin", "create_token", lambda c: c.add_token()),
    Call("admin", "list_journal", lambda c: c.journal(api="svix", status=429, limit=5)),
    Call("admin", "clear_journal", lambda c: c.clear_journal()),
    Call("admin", "list_faults", lambda c: c.faults()),
    Call("admin", "create_fault", lambda c: c.add_fault("svix", "*", status=503, count=1)),
    Call("admin", "delete_fault", lambda c: c.delete_fault(1)),
    Call("admin", "clear_faults", lambda c: c.clear_faults()),
    Call("admin", "get_clock", lambda c: c.clock()),
    Call("admin", "advance_clock", lambda c: c.advance_clock(60)),
)
