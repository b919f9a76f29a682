"""The root middleware (the request journal, CORS, error rendering and injected faults, in one) and its parts."""

from __future__ import annotations

import asyncio
import gc
import logging
from fnmatch import fnmatchcase
from functools import partial

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware

from authkit_mock.core.clock import HttpDate
from authkit_mock.core.errors import ADMIN, ApiError, render_error
from authkit_mock.core.journal import (
    NOTHING_CUT,
    Headers,
    JournalEntry,
    entry_size,
    header_bytes,
    kept_body,
    kept_headers,
    monotonic_ms,
)
from authkit_mock.core.journal import Cut as JournalCut
from authkit_mock.core.public_urls import BadHostError, host_allowed, host_name, known_host_names
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.runtime import API_SLUG, RUNTIME, Runtime
from authkit_mock.core.settings import Settings

log = logging.getLogger("authkit_mock")

RAW_BODY = web.RequestKey("raw_body", bytes)
"""The request body as read by the handler (see ``bodies.py``), for the journal."""

EXPOSED_HEADERS = "Session, Retry-After, Location, Idempotent-Replayed, WWW-Authenticate"


def api_of(request: web.Request) -> str | None:
    """Which API a request belongs to: the innermost matched app's slug, or the path's first segment."""
    first = request.path.lstrip("/").split("/", 1)[0]
    # Checked first: in single-API mode the root app (which the admin app is mounted on) carries the API's slug.
    # The docs pages count as the server's own, like the admin API: not journaled (their assets would drown what
    # an app sent), never faulted.
    if first in ("__admin", "docs"):
        return ADMIN
    for app in reversed(request.match_info.apps):
        if API_SLUG in app:
            return app[API_SLUG]
    runtime = request.app[RUNTIME]
    if runtime.settings.single_api is not None:
        return runtime.settings.single_api
    return first if first in runtime.settings.apis else None


def origin_allowed(origin: str, patterns: tuple[str, ...]) -> bool:
    """Whether ``origin`` matches a configured pattern (``http://localhost:*`` matches any port)."""
    return any(fnmatchcase(origin, pattern) for pattern in patterns)


_HTTP_DETAILS = {
    404: "no such path",
    405: "method not allowed on this path",
    413: "request body too large",
}


FAULTS_IN_HANDLER = web.AppKey("faults_in_handler", bool)
"""True on an API's app whose handlers call :func:`apply_fault` themselves, at the point where an injected delay
means "the operation is slow" (svix: after authentication, inside the idempotency window)."""


async def apply_fault(request: web.Request) -> web.StreamResponse | None:
    """Apply a fault QA switched on for this API and operation: a delay, then (optionally) an error status.

    Returns the response to send instead of the handler's (bodiless statuses), raises :class:`ApiError` for the
    others, and returns None when the request goes on. Works from a root middleware and from a sub-app's handler.
    """
    runtime = runtime_of(request)
    if not runtime.faults:
        return None  # the usual case, on every request: skip the lookups below
    api = api_of(request)
    found = runtime.operations.get(request.match_info.route)
    operation = found[1] if found else None
    # Requests that match no documented operation are never faulted (not even by an ``*`` fault).
    if api is not None and api != ADMIN and operation is not None:
        fault = await runtime.faults.claim(api, operation)
        if fault is not None:
            if fault.delay_ms:
                await asyncio.sleep(fault.delay_ms / 1000)
            if fault.status is not None:
                if fault.status < 200 or fault.status in _BODILESS:
                    bodiless = web.Response(status=fault.status)
                    if fault.status < 200:
                        # An interim (1xx) answer leaves the client waiting for a final one: end the connection.
                        bodiless.force_close()
                    return bodiless
                # RFC 9110 section 10.2.3 / RFC 6585 section 4: tell the client when to come back.
                headers = {"Retry-After": "1"} if fault.status == 429 else None
                raise ApiError(
                    fault.status, f"fault injected through the admin API (fault {fault.id})", headers=headers
                )
    return None


_BODILESS = frozenset({204, 304})

CLIENT_CLOSED = 499
"""Journaled (never sent) for a request whose client went away before its answer: the status nginx logs for it.
Not a 5xx: nothing went wrong in the server."""


class BodyTimeoutError(Exception):
    """The request body did not arrive within ``Limits.body_timeout`` (set on the body stream, so every reader of
    it, ``request.read()`` and ``request.post()`` alike, stops waiting)."""


class GarbageBudget:
    """Collects cyclic garbage by bytes received, not only by object count (``Limits.collect_after_bytes``)."""

    def __init__(self) -> None:
        self.received = 0
        self.collections = 0

    def spend(self, received: int, limit: int) -> None:
        """Count ``received`` bytes (a request's header names and values and its body); collect when the budget is
        spent."""
        self.received += received
        if self.received >= limit > 0:
            self.received = 0
            self.collections += 1
            gc.collect()


class HostGuard:
    """Which ``Host`` headers the server answers (``core/public_urls.py``), with the answers of the few headers a
    server sees remembered, so the check costs one dictionary lookup per request."""

    def __init__(self) -> None:
        self._seen: dict[str, bool] = {}
        self._key: tuple[object, ...] = ()
        self._known: frozenset[str] = frozenset()

    def refusal(self, header: str | None, settings: Settings) -> ApiError | None:
        """The error to answer for this ``Host`` header, or None when it names this server."""
        if header is None:
            return None  # HTTP/1.0 without Host: aiohttp uses the listening address
        key = (id(settings), settings.host, settings.public_url, settings.allowed_hosts)
        if key != self._key:
            self._key, self._known, self._seen = key, known_host_names(settings), {}
        allowed = self._seen.get(header)
        if allowed is None:
            try:
                allowed = host_allowed(host_name(header), settings, self._known)
            except BadHostError:
                return ApiError(400, "The Host header is not a host name with an optional port.", code="bad_host")
            if len(self._seen) >= 64:
                self._seen.clear()  # many different hosts: someone is probing; keep the memory bounded
            self._seen[header] = allowed
        if allowed:
            return None
        return ApiError(
            421,
            "This server does not answer to that host name (see --allowed-host and --public-url).",
            code="misdirected_request",
        )


"""Statuses whose responses never have a body (RFC 9110 section 6.4.1), besides the 1xx ones."""


def root_middleware(between: Middleware | None = None, runtime: Runtime | None = None) -> Middleware:
    """The root middleware: these steps, outermost first, in one function (as four aiohttp middlewares, the chain
    cost about as much as aiohttp's own handling of a request):

    1. **the journal** — every request with its status and duration (admin requests excepted: they would drown
       the rest); a request that ends in an exception (a redirect, a cancelled request) is not journaled;
    2. **CORS** for browser apps — configured origins are echoed with credentials allowed, never ``*``; a
       preflight (Fetch standard, "CORS-preflight request") from an allowed origin is answered here;
    3. ``between``, when given (the state file's commit, see ``persistence.py``);
    4. **error rendering** — every error once, in the failing API's own shape; never a stack trace, never a bare
       500 page;
    5. **injected faults**, before the handler, unless the request's API applies them itself
       (``FAULTS_IN_HANDLER``).

    Every answer (redirects too) is dated by the server's clock (:class:`~authkit_mock.core.clock.HttpDate`).
    ``runtime``: the server's, when known at start (else looked up on each request's app).
    """

    hosts = HostGuard()
    garbage = GarbageBudget()
    dates = HttpDate()
    fixed = runtime

    @web.middleware
    async def root(request: web.Request, handler: Handler) -> web.StreamResponse:
        started = monotonic_ms()
        runtime = fixed if fixed is not None else request.app[RUNTIME]
        settings = runtime.settings
        headers = request.headers
        origin = headers.get("Origin")
        allowed = origin is not None and origin_allowed(origin, settings.cors_origins)
        misdirected = hosts.refusal(headers.get("Host"), settings)
        body_timer = _body_deadline(request, settings.limits.body_timeout)
        # Counted once, for the garbage budget and the journal's header budget: in C, over the bytes as received.
        received = header_bytes(request.raw_headers)
        try:
            if misdirected is not None:
                # Before anything uses the Host (redirects, cookies, CORS): docs/operations/security.md, threat model.
                allowed = False
                response: web.StreamResponse = render_error(api_of(request), misdirected, request.path)
            elif allowed and request.method == "OPTIONS" and "Access-Control-Request-Method" in headers:
                response = preflight(request)
            elif between is None:
                response = await errors_and_faults(request, handler, runtime)
            else:
                response = await between(request, partial(errors_and_faults, handler=handler, runtime=runtime))
        except web.HTTPException as redirect:  # the 3xx that errors_and_faults lets through (the rest is rendered)
            redirect.headers["Date"] = dates.text(settings.clock)
            raise
        finally:
            if body_timer is not None:
                body_timer.cancel()
            body = request.get(RAW_BODY)
            garbage.spend(received + (len(body) if body is not None else 0), settings.limits.collect_after_bytes)
        response_headers = response.headers
        response_headers["Date"] = dates.text(settings.clock)
        if allowed and origin is not None:
            response_headers["Access-Control-Allow-Origin"] = origin
            response_headers["Access-Control-Allow-Credentials"] = "true"
            response_headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            response_headers.add("Vary", "Origin")
        record(request, response, runtime, started, received)
        return response

    return root


def preflight(request: web.Request) -> web.StreamResponse:
    """The answer to a CORS preflight from an allowed origin (the origin headers are added by the caller)."""
    response = web.Response(status=204)
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
    requested = request.headers.get("Access-Control-Request-Headers")
    if requested:
        response.headers["Access-Control-Allow-Headers"] = requested
    response.headers["Access-Control-Max-Age"] = "600"
    return response


def _body_deadline(request: web.Request, seconds: float) -> asyncio.TimerHandle | None:
    """Stop waiting for the request body after ``seconds`` (a client sending it a byte at a time holds a connection
    and a handler): the body stream then raises :class:`BodyTimeoutError` to whoever reads it.

    No timer for a body that has arrived in full (``is_eof``: the usual case, a body in the packets of its head),
    read or not: nothing is left to wait for.
    """
    content = request.content
    if not request.body_exists or content.is_eof() or seconds <= 0:
        return None

    def expire() -> None:
        if not content.is_eof():
            content.set_exception(BodyTimeoutError())

    return asyncio.get_running_loop().call_later(seconds, expire)


async def errors_and_faults(request: web.Request, handler: Handler, runtime: Runtime) -> web.StreamResponse:
    """Steps 4 and 5 of :func:`root_middleware`: injected faults, then the handler, with every error rendered."""
    try:
        # Most requests run with no fault switched on: one check instead of the lookups.
        if runtime.faults and not any(app.get(FAULTS_IN_HANDLER, False) for app in request.match_info.apps):
            faulted = await apply_fault(request)
            if faulted is not None:
                return faulted
        return await handler(request)
    except ApiError as error:
        return render_error(api_of(request), error, request.path)
    except web.HTTPException as http_error:
        if http_error.status < 400:
            raise
        headers = {"Allow": http_error.headers["Allow"]} if "Allow" in http_error.headers else {}
        detail = _HTTP_DETAILS.get(http_error.status, http_error.reason)
        return render_error(api_of(request), ApiError(http_error.status, detail, headers=headers), request.path)
    except asyncio.CancelledError:
        raise
    except (BodyTimeoutError, ConnectionError) as cut_short:
        return _cut_short(request, cut_short)
    except Exception:
        log.exception("unexpected error in %s %s", request.method, request.path)
        internal = ApiError(500, "internal error in the reference server (see its log)")
        return render_error(api_of(request), internal, request.path)


def _cut_short(request: web.Request, error: Exception) -> web.StreamResponse:
    """The answer to a request whose body never came in full: 408 when it was too slow (``BodyTimeoutError``);
    when the client went away (aiohttp ends the read with ``ConnectionResetError``), a 499 that only the journal
    sees (aiohttp drops the write to the closed socket). Neither is a server error, so nothing is logged."""
    if isinstance(error, BodyTimeoutError):
        slow = ApiError(408, "The request body did not arrive in time.", headers={"Connection": "close"})
        response: web.StreamResponse = render_error(api_of(request), slow, request.path)
    else:
        response = web.Response(status=CLIENT_CLOSED)
    response.force_close()
    return response


def record(
    request: web.Request,
    response: web.StreamResponse,
    runtime: Runtime,
    started: float,
    received: int | None = None,
) -> None:
    """Step 1 of :func:`root_middleware`: journal an answered request (``started``: :func:`monotonic_ms` when it
    came; ``received``: its headers' :func:`~authkit_mock.core.journal.header_bytes`, when the caller counted them).

    The entry keeps the request's headers as received and the raw bodies, not copies, while they fit the journal's
    budgets: it turns them into text only when the journal is read, which is rare next to the requests it records.
    """
    if request.body_exists and not request.content.at_eof():
        # A body the handler did not read (an operation without one, a 413): aiohttp would drain it after the
        # answer and drop the connection if it cannot be decoded (a reset for a client that reuses it). Close the
        # connection instead, and say so in the answer.
        response.force_close()
    found = runtime.operations.get(request.match_info.route)
    # A documented operation's route names its API; anything else (404s, the admin API, the docs) is worked out.
    api = found[0] if found is not None else api_of(request)
    if api == ADMIN:
        return
    limits = runtime.settings.limits
    raw_headers = request.raw_headers
    if received is None:
        received = header_bytes(raw_headers)
    headers: Headers
    if received <= limits.journal_header_bytes:
        # Under the budget (the usual case): the parser's own tuple of (name, value) bytes, decoded when read.
        headers, headers_cut = raw_headers, 0
    else:
        headers, headers_cut = kept_headers(request.headers.items(), limits.journal_header_bytes)
        received = None
    body = response.body if isinstance(response, web.Response) and isinstance(response.body, bytes) else None
    request_body, request_cut = kept_body(request.get(RAW_BODY), limits.journal_body_bytes)
    response_body, response_cut = kept_body(body, limits.journal_body_bytes)
    cut = (
        JournalCut(headers_cut, request_cut, response_cut)
        if headers_cut or request_cut or response_cut
        else NOTHING_CUT
    )
    path, query = request.path, request.query_string
    journal = runtime.journal
    journal.add(
        JournalEntry(
            journal.next_id(),
            runtime.clock_now,
            api,
            found[1] if found is not None else None,
            request.method,
            path,
            query,
            response.status,
            round(monotonic_ms() - started, 3),
            headers,
            request_body,
            response_body,
            cut,
        ),
        entry_size(path, query, headers, request_body, response_body, received),
    )
