"""The svix API (version 1.4): app portal access, expiring an application's tokens, and logging out a token.

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
   application (logout: for an application token whose application has been removed), then the work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import BaseModel, StringConstraints, TypeAdapter, ValidationError

from authkit_mock.apis.svix.idempotency import HEADER, IdempotencyStore, fingerprint
from authkit_mock.apis.svix.ratelimit import RateLimiter
from authkit_mock.apis.svix.tokens import (
    API,
    authenticate,
    expire_app_tokens,
    issue_app_token,
    log_out,
    magic_link,
    not_found,
    require_org_key,
    seed_svix,
)
from authkit_mock.core.bodies import parse_body, read_body
from authkit_mock.core.bounded import BoundedMap, text_bytes
from authkit_mock.core.errors import FieldError, RequestValidationError
from authkit_mock.core.middlewares import FAULTS_IN_HANDLER, apply_fault
from authkit_mock.core.routing import add_operation, runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.store import Application, Token
from authkit_mock.models.svix import ApplicationTokenExpireIn, AppPortalAccessIn

ModelT = TypeVar("ModelT", bound=BaseModel)
Operation = Callable[[web.Request, Token], Awaitable[web.StreamResponse]]

APP_ID = TypeAdapter(Annotated[str, StringConstraints(min_length=1, max_length=256, pattern=r"^[a-zA-Z0-9\-_.]+$")])
"""The ``app_id`` path parameter's schema (components/parameters/AppId)."""
VALID_APP_ID = re.compile(r"[a-zA-Z0-9\-_.]{1,256}")
"""The same schema as one regular expression: a valid ``app_id`` (every request's) skips pydantic's validation,
which is only asked for an invalid one's error messages."""


@dataclass
class SvixState:
    """The svix API's short-lived state: rate-limit windows, idempotency records, the tokens' feature flags."""

    limiter: RateLimiter
    idempotency: IdempotencyStore
    feature_flags: BoundedMap[str, tuple[str, ...]]
    """The feature flags each app token was issued with: at most ``Limits.tokens`` entries holding at most
    ``Limits.feature_flag_bytes``, oldest out first (a request may carry 64 KB of flags)."""

    def clear(self) -> None:
        """Forget everything (on reset, with the store)."""
        self.limiter.clear()
        self.idempotency.clear()
        self.feature_flags.clear()


SVIX_STATE = web.AppKey("svix_state", SvixState)


def _never(_: object) -> float:
    return float("inf")


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the svix routes, state and seeder to ``app``."""
    clock = runtime.settings.clock
    limits = runtime.settings.limits
    state = SvixState(
        RateLimiter(runtime.settings.rate_limit, clock),
        IdempotencyStore(clock, max_records=limits.idempotency_records, max_bytes=limits.idempotency_bytes),
        BoundedMap(limits.tokens, limits.feature_flag_bytes, text_bytes, _never),
    )
    app[SVIX_STATE] = state
    app[FAULTS_IN_HANDLER] = True
    runtime.reset_hooks.append(state.clear)
    runtime.seeders.append(lambda store, seed: seed_svix(store, seed, runtime.clock_now))
    routes: list[tuple[str, Operation, str]] = [
        ("/api/v1/auth/app/{app_id}/expire-all/", expire_all, "expire_all"),
        ("/api/v1/auth/dashboard-access/{app_id}/", dashboard_access, "dashboard_access"),
        ("/api/v1/auth/app-portal-access/{app_id}/", app_portal_access, "app_portal_access"),
        ("/api/v1/auth/logout/", logout, "logout"),
    ]
    for path, handler, operation_id in routes:
        add_operation(app, runtime, API, "POST", path, operation(handler), operation_id, optional_trailing_slash=True)


def operation(handler: Operation) -> Handler:
    """``handler`` behind authentication, the rate limit, idempotency and injected faults (module docstring)."""

    async def guarded(request: web.Request) -> web.StreamResponse:
        runtime = runtime_of(request)
        state = request.app[SVIX_STATE]
        token = authenticate(runtime.store, request.headers.get("Authorization"), runtime.clock_now)
        state.limiter.check(token.token)
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


async def expire_all(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/app/{app_id}/expire-all/: the application's tokens expire in ``expiry`` seconds → 204."""
    require_org_key(token)
    app, body = await application_and_body(request, ApplicationTokenExpireIn)
    runtime = runtime_of(request)
    expire_app_tokens(runtime.store, app, runtime.clock_now, body.expiry)
    return web.Response(status=204)


async def dashboard_access(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/dashboard-access/{app_id}/: a new application token and its magic link (no body)."""
    require_org_key(token)
    # For the journal; the operation takes no body, so whatever came is ignored.
    await read_body(request, malformed_status=422)
    app = application(request, [])
    issued = issue_token(request, app)
    return access_answer(request.match_info["app_id"], issued)


async def app_portal_access(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/app-portal-access/{app_id}/: a new application token with feature flags, and its link."""
    require_org_key(token)
    app, body = await application_and_body(request, AppPortalAccessIn)
    issued = issue_token(request, app)
    flags = tuple(flag.root for flag in body.featureFlags or ())
    request.app[SVIX_STATE].feature_flags.put(issued, flags, runtime_of(request).clock_now)
    return access_answer(request.match_info["app_id"], issued)


async def logout(request: web.Request, token: Token) -> web.StreamResponse:
    """POST /api/v1/auth/logout/: the application token stops working → 204 (an org key → 403)."""
    await read_body(request, malformed_status=422)  # for the journal; the operation takes no body
    log_out(runtime_of(request).store, token)
    return web.Response(status=204)


_COMPACT_JSON = json.JSONEncoder(separators=(",", ":"))


def access_answer(app_id: str, token: str) -> web.Response:
    """The ``DashboardAccessOut`` / ``AppPortalAccessOut`` body: the magic link and the token.

    Built as plain JSON (the bytes pydantic's models would dump, without their validation on every request); the
    contract tests validate these answers against the spec.
    """
    body = _COMPACT_JSON.encode({"url": magic_link(app_id, token), "token": token})
    return web.Response(body=body.encode(), content_type="application/json", charset="utf-8")


def issue_token(request: web.Request, app: Application) -> str:
    """A new application token for ``app``, as its text."""
    runtime = runtime_of(request)
    settings = runtime.settings
    return issue_app_token(runtime.store, app, runtime.clock_now, settings.svix_app_token_ttl, settings.entropy).token


def path_errors(request: web.Request) -> list[FieldError]:
    """What is wrong with the ``app_id`` path parameter (nothing: an empty list)."""
    if VALID_APP_ID.fullmatch(request.match_info["app_id"]):
        return []
    try:
        APP_ID.validate_python(request.match_info["app_id"])
    except ValidationError as error:
        return [FieldError(["path", "app_id"], e["msg"], e["type"]) for e in error.errors(include_url=False)]
    return []


def application(request: web.Request, errors: list[FieldError]) -> Application:
    """The application named by ``app_id`` (its id or uid): 422 for ``errors`` or a bad ``app_id``, else 404."""
    errors = path_errors(request) + errors
    if errors:
        raise RequestValidationError(422, errors)
    found = runtime_of(request).store.application(request.match_info["app_id"])
    if found is None:
        raise not_found()
    return found


async def application_and_body(request: web.Request, model: type[ModelT]) -> tuple[Application, ModelT]:
    """The application and the body parsed into ``model``; every path and body problem in one 422."""
    try:
        body = await parse_body(request, model, malformed_status=422, invalid_status=422)
    except RequestValidationError as error:
        raise RequestValidationError(422, path_errors(request) + error.errors) from None
    errors = unique_flag_errors(body) if isinstance(body, AppPortalAccessIn) else []
    return application(request, errors), body


def unique_flag_errors(body: AppPortalAccessIn) -> list[FieldError]:
    """``featureFlags`` is a set (``uniqueItems``), which the generated model does not check."""
    flags = [flag.root for flag in body.featureFlags or ()]
    if len(set(flags)) == len(flags):
        return []
    return [FieldError(["body", "featureFlags"], "the feature flags must be unique", "value_error.list.unique_items")]
