"""The svix API (version 1.4, and today's stream operations): app and stream portal access, expiring an
application's or a stream's tokens, logging out a token, and the poller tokens of stream sinks.

Every operation goes through the same steps, in this order (see :func:`operation`):

1. **authentication** — a live organisation API key or application token, else 401;
2. **rate limit** — counted per token, once per request that passed step 1, whatever happens next: a request that
   is replayed, refused with 409/422 or fails still counts, once. A replay therefore costs one request (the
   original's execution is not counted again), and a 429 is decided before the idempotency key is looked at, so it
   is never recorded under the key: after ``Retry-After`` the same key runs (or replays) as if nothing happened.
   Requests without a valid token are not counted (there is no token to count them against);
3. **idempotency** (when the ``idempotency-key`` header is sent) — per token: replay, 422 for a different request,
   409 while the first is in flight (see ``idempotency.py``);
4. **injected faults** (admin API) — applied here rather than before the handler (``FAULTS_IN_HANDLER``): inside
   the idempotency window, so a delay keeps the key in flight and an injected error is never replayed, and after
   authentication, so a request without a valid token gets its 401, not the fault;
5. **the operation** — 403 for a token that may not do it, 422 for an invalid path or body, 404 for an unknown
   application or stream (logout: for a token whose application or stream has been removed), then the work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web
from aiohttp.typedefs import Handler

from authkit_mock.apis.svix import streams
from authkit_mock.apis.svix.grants import app_grants, stream_grants
from authkit_mock.apis.svix.idempotency import HEADER, IdempotencyStore, fingerprint
from authkit_mock.apis.svix.ratelimit import RateLimiter
from authkit_mock.apis.svix.requests import path_and_body, path_errors
from authkit_mock.apis.svix.tokens import (
    API,
    ORG_KEY,
    STREAM_TOKEN,
    authenticate,
    expire_app_tokens,
    forbidden,
    issue_app_token,
    log_out,
    magic_link,
    new_id,
    not_found,
    require_org_key,
    seed_keys_and_applications,
)
from authkit_mock.core.bodies import read_body
from authkit_mock.core.credentials import CredentialRejectedError, Principal
from authkit_mock.core.errors import ApiError, FieldError, RequestValidationError
from authkit_mock.core.jsontext import compact_json
from authkit_mock.core.middlewares import FAULTS_IN_HANDLER, apply_fault
from authkit_mock.core.routing import add_operation, runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.store import Application, Sink, Stream, Token
from authkit_mock.models.svix import (
    ApplicationIn,
    ApplicationTokenExpireIn,
    AppPortalAccessIn,
    RotatePollerTokenIn,
    StreamPortalAccessIn,
    StreamTokenExpireIn,
)

Operation = Callable[[web.Request, Token], Awaitable[web.StreamResponse]]


@dataclass
class SvixState:
    """The svix API's short-lived state: rate-limit windows and idempotency records (in ``Runtime.maps``: a reset
    forgets them with the rest of the short-lived state)."""

    limiter: RateLimiter
    idempotency: IdempotencyStore


SVIX_STATE = web.AppKey("svix_state", SvixState)


def _never(_: object) -> float:
    return float("inf")


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the svix routes, state and seeder to ``app``."""
    settings = runtime.settings
    limits = settings.limits
    state = SvixState(
        RateLimiter(runtime.maps, "svix.rate", settings.rate_limit, settings.clock),
        IdempotencyStore(
            runtime.maps, settings.clock, max_records=limits.idempotency_records, max_bytes=limits.idempotency_bytes
        ),
    )
    app[SVIX_STATE] = state
    app[FAULTS_IN_HANDLER] = True
    runtime.seeders.append(lambda store, seed: seed_keys_and_applications(store, seed, runtime.clock_now))
    runtime.seeders.append(lambda store, seed: streams.seed_streams(store, seed, runtime.clock_now, settings))

    async def check(request: web.Request) -> Principal:
        # As every svix operation authenticates: a live org key or app token (not expired, not logged out).
        try:
            token = await authenticate(runtime.store, request.headers.get("Authorization"), runtime.clock_now)
        except ApiError as error:
            raise CredentialRejectedError(error.detail) from None
        return Principal(token.app_id or "organisation", token.kind, token.expires_at)

    runtime.credential_checks[API] = check
    stream = "/api/v1/auth/stream/{stream_id}"
    routes: list[tuple[str, str, Operation, str]] = [
        ("POST", "/api/v1/auth/app/{app_id}/expire-all/", expire_all, "expire_all"),
        ("POST", "/api/v1/auth/dashboard-access/{app_id}/", dashboard_access, "dashboard_access"),
        ("POST", "/api/v1/auth/app-portal-access/{app_id}/", app_portal_access, "app_portal_access"),
        ("POST", "/api/v1/auth/logout/", logout, "logout"),
        ("POST", "/api/v1/auth/stream-portal-access/{stream_id}", stream_portal_access, "stream_portal_access"),
        ("POST", "/api/v1/auth/stream-logout", stream_logout, "stream_logout"),
        ("POST", f"{stream}/expire-all", stream_expire_all, "stream_expire_all"),
        ("POST", f"{stream}/sink/{{sink_id}}/poller/token/rotate", rotate_poller_token, "rotate_stream_poller_token"),
        ("GET", f"{stream}/sink/{{sink_id}}/poller/token", get_poller_token, "get_stream_poller_token"),
    ]
    for method, path, handler, operation_id in routes:
        add_operation(app, runtime, API, method, path, operation(handler), operation_id, optional_trailing_slash=True)


def operation(handler: Operation) -> Handler:
    """``handler`` behind authentication, the rate limit, idempotency and injected faults (module docstring)."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        runtime = runtime_of(request)
        state = request.app[SVIX_STATE]
        token = await authenticate(runtime.store, request.headers.get("Authorization"), runtime.clock_now)
        await state.limiter.check(token.token)
        key = request.headers.get(HEADER)
        if key is None:
            instead = await apply_fault(request)
            return instead if instead is not None else await handler(request, token)
        body = await read_body(request, malformed_status=422)
        # Both spellings of a path are the same request.
        request_fingerprint = fingerprint(request.method, request.path.rstrip("/"), body)
        return await state.idempotency.run(
            token.token, key, request_fingerprint, lambda: handler(request, token), lambda: apply_fault(request)
        )

    return guarded


# -- applications --------------------------------------------------------------------------------------------------


async def expire_all(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/app/{app_id}/expire-all/: the application's tokens (of some sessions) expire → 204."""
    require_org_key(token)
    body, errors = await path_and_body(request, ApplicationTokenExpireIn, ("app_id",))
    app = await application(request, errors)
    runtime = runtime_of(request)
    await expire_app_tokens(runtime.store, app, runtime.clock_now, body.expiry, session_ids(body.sessionIds))
    return web.Response(status=204)


async def dashboard_access(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/dashboard-access/{app_id}/: a new application token and its magic link (no body)."""
    require_org_key(token)
    # For the journal; the operation takes no body, so whatever came is ignored.
    await read_body(request, malformed_status=422)
    app = await application(request, path_errors(request, ("app_id",)))
    runtime = runtime_of(request)
    ttl, entropy = runtime.settings.svix_app_token_ttl, runtime.settings.entropy
    issued = issue_app_token(runtime.store, app, runtime.clock_now, ttl, entropy)
    return access_answer(request.match_info["app_id"], issued.token)


async def app_portal_access(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/app-portal-access/{app_id}/: a new application token with its grants, and its link."""
    require_org_key(token)
    body, errors = await path_and_body(request, AppPortalAccessIn, ("app_id",))
    runtime = runtime_of(request)
    app = await application(request, errors, create=body.application)
    # readOnly: deprecated upstream, but carried into the token; read past the attribute, which warns on every access.
    grants = app_grants(body.featureFlags, body.capabilities, body.__dict__["readOnly"])
    issued = issue_app_token(
        runtime.store,
        app,
        runtime.clock_now,
        portal_ttl(request, body),
        runtime.settings.entropy,
        session_id=body.sessionId.root if body.sessionId else None,
        grants=grants,
    )
    return access_answer(request.match_info["app_id"], issued.token)


async def logout(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/logout/: the application token stops working → 204 (any other token → 403)."""
    await read_body(request, malformed_status=422)  # for the journal; the operation takes no body
    await log_out(runtime_of(request).store, token)
    return web.Response(status=204)


# -- streams -------------------------------------------------------------------------------------------------------


async def stream_portal_access(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/stream-portal-access/{stream_id}: a new stream token and its magic link."""
    require_org_key(token)
    body, errors = await path_and_body(request, StreamPortalAccessIn, ("stream_id",))
    runtime = runtime_of(request)
    found = await stream(request, errors)
    issued = streams.issue_stream_token(
        runtime.store,
        found,
        runtime.clock_now,
        portal_ttl(request, body),
        runtime.settings.entropy,
        session_id=body.sessionId.root if body.sessionId else None,
        grants=stream_grants(body.featureFlags),
    )
    url = magic_link(request.match_info["stream_id"], issued.token, id_name="streamId")
    return json_answer({"url": url, "token": issued.token})


async def stream_logout(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/stream-logout: the stream token stops working → 204 (any other token → 403)."""
    await read_body(request, malformed_status=422)  # for the journal; the operation takes no body
    runtime = runtime_of(request)
    await streams.stream_log_out(runtime.store, token, runtime.clock_now)
    return web.Response(status=204)


async def stream_expire_all(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/stream/{stream_id}/expire-all: the stream's tokens (of some sessions) expire → 204."""
    require_org_key(token)
    body, errors = await path_and_body(request, StreamTokenExpireIn, ("stream_id",))
    runtime = runtime_of(request)
    found = await stream(request, errors)
    expiry, sessions = body.expiry, session_ids(body.sessionIds)
    await streams.expire_stream_tokens(runtime.store, found, runtime.clock_now, expiry, sessions)
    return web.Response(status=204)


async def rotate_poller_token(request: web.Request, token: Token) -> web.StreamResponse:
    """POST .../sink/{sink_id}/poller/token/rotate: the sink's next poller token → 201."""
    require_org_key_or_stream_token(token)
    body, errors = await path_and_body(request, RotatePollerTokenIn, ("stream_id", "sink_id"))
    runtime = runtime_of(request)
    found = await sink(request, token, errors)
    issued = await streams.rotate_poller_token(
        runtime.store,
        found,
        runtime.clock_now,
        runtime.settings,
        runtime.settings.entropy,
        expiry=body.expiry,
        old_token_expiry=body.oldTokenExpiry if body.oldTokenExpiry is not None else 300,
    )
    return json_answer(streams.api_token_out(issued), status=201)


async def get_poller_token(request: web.Request, token: Token) -> web.StreamResponse:
    """GET .../sink/{sink_id}/poller/token: the sink's current poller token → 200 (404 when it has expired)."""
    require_org_key_or_stream_token(token)
    runtime = runtime_of(request)
    found = await sink(request, token, path_errors(request, ("stream_id", "sink_id")))
    current = await streams.current_poller_token(runtime.store, found, runtime.clock_now)
    if current is None:
        raise not_found()
    return json_answer(streams.api_token_out(current))


# -- requests and answers ------------------------------------------------------------------------------------------


def json_answer(body: dict[str, object], status: int = 200) -> web.Response:
    """A JSON answer built as plain JSON (the bytes pydantic's models would dump, without their validation on every
    request); the contract tests validate these answers against the spec."""
    return web.Response(
        body=compact_json(body).encode(), status=status, content_type="application/json", charset="utf-8"
    )


def access_answer(app_id: str, token: str) -> web.Response:
    """The ``DashboardAccessOut`` / ``AppPortalAccessOut`` body: the magic link and the token."""
    return json_answer({"url": magic_link(app_id, token), "token": token})


def require_org_key_or_stream_token(token: Token) -> None:
    """403 unless ``token`` is an organisation API key or a stream token (which of its streams: see ``sink``)."""
    if token.kind not in (ORG_KEY, STREAM_TOKEN):
        raise forbidden()


def portal_ttl(request: web.Request, body: AppPortalAccessIn | StreamPortalAccessIn) -> int:
    """How long a portal token lives: ``expiry`` when given, else the server's default (upstream's 7 days)."""
    if body.expiry is not None and "expiry" in body.model_fields_set:
        return body.expiry
    return runtime_of(request).settings.svix_app_token_ttl


def session_ids(value: object) -> list[str]:
    """The session ids of a ``SessionIds`` value (or none)."""
    return [item.root for item in getattr(value, "root", None) or ()]


async def application(
    request: web.Request, errors: list[FieldError], create: ApplicationIn | None = None
) -> Application:
    """The application named by ``app_id`` (its id or uid): 422 for ``errors`` or a bad ``app_id``, else 404 (or,
    with ``create``, an ``ApplicationIn``, a new application whose uid is the path's ``app_id``)."""
    if errors:
        raise RequestValidationError(422, errors)
    runtime = runtime_of(request)
    app_id = request.match_info["app_id"]
    found = await runtime.store.application(app_id)
    if found is not None:
        return found
    if create is None:
        raise not_found()
    if create.uid is not None and create.uid != app_id:
        raise RequestValidationError(
            422, [FieldError(["body", "application", "uid"], "must be the app_id of the path", "value_error.uid")]
        )
    new = Application(
        id=new_id("app_", runtime.settings.entropy), name=create.name, created_at=runtime.clock_now, uid=app_id
    )
    return runtime.store.add_application(new, issued=True)


async def stream(request: web.Request, errors: list[FieldError]) -> Stream:
    """The live stream named by ``stream_id`` (its id or uid): 422 for ``errors``, else 404."""
    if errors:
        raise RequestValidationError(422, errors)
    runtime = runtime_of(request)
    found = await runtime.store.stream(request.match_info["stream_id"], runtime.clock_now)
    if found is None:
        raise not_found()
    return found


async def sink(request: web.Request, token: Token, errors: list[FieldError]) -> Sink:
    """The sink named by the path, when ``token`` may manage its poller tokens: 422, 403 or 404 otherwise."""
    if errors:
        raise RequestValidationError(422, errors)
    runtime = runtime_of(request)
    found = await runtime.store.stream(request.match_info["stream_id"], runtime.clock_now)
    allowed = streams.require_stream_access(token, found)
    result = await runtime.store.sink(allowed.id, request.match_info["sink_id"])
    if result is None:
        raise not_found()
    return result
