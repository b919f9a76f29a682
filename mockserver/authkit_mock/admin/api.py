"""The admin API (``/__admin``, openapi/admin.yaml): health, reset, state, the request journal, faults and the clock.

It is the reference server's own API, for tests, QA sessions and frontend development. Its requests are not
journaled and cannot be faulted (the root middlewares skip them).

Access (docs/operations/security.md, the threat model; every refusal is a 403 in the admin shape):

- **cross-site use** is refused: ``Sec-Fetch-Site: cross-site``, or an ``Origin`` that is neither this server's
  own nor a configured CORS origin; a request with a body must be ``application/json`` (an HTML form or a
  ``no-cors`` fetch cannot send that without a preflight, which other origins never pass);
- **DNS rebinding** is refused: the ``Host`` must name this server (a known name or an IP address), even when
  ``--allowed-host *`` lets the APIs answer any name;
- **the developer** (a loopback peer, with no forwarding header: behind a reverse proxy on the same host every
  peer looks like loopback) needs nothing more; **anyone else** needs the configured ``X-Admin-Token`` (and is
  always refused when none is configured).
"""

from __future__ import annotations

import hmac
import ipaddress
import logging

from aiohttp import web
from aiohttp.typedefs import Handler

from authkit_mock.admin.io import admin_body, admin_json, admin_query, invalid, not_found, utc
from authkit_mock.admin.state import add_state_routes
from authkit_mock.admin.streams import add_stream_routes
from authkit_mock.admin.ui import add_admin_ui
from authkit_mock.core.errors import ApiError
from authkit_mock.core.faults import Fault
from authkit_mock.core.journal import JournalEntry
from authkit_mock.core.middlewares import origin_allowed
from authkit_mock.core.public_urls import BadHostError, host_name, is_ip_address, known_host_names
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed import SeedFileError
from authkit_mock.core.settings import SLUGS, Settings
from authkit_mock.models import admin as models

log = logging.getLogger("authkit_mock.admin")

FORBIDDEN = "The admin API answers loopback peers, or requests with a valid X-Admin-Token."
FORWARDING_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP", "Via")
"""Headers a proxy adds (RFC 7239, the de-facto X-Forwarded-*, RFC 9110 section 7.6.3): with any of them, a loopback
peer is a proxy relaying someone else."""
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(peer: str | None) -> bool:
    """Whether ``peer`` (an IP address as text) is a loopback address, IPv4-mapped ones included."""
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def admin_allowed(peer: str | None, sent_token: str | None, admin_token: str | None, forwarded: bool = False) -> bool:
    """Loopback peers that are not relaying (``forwarded``) always; others only with the configured admin token
    (compared in constant time)."""
    if is_loopback(peer) and not forwarded:
        return True
    if not admin_token or sent_token is None:
        return False
    return hmac.compare_digest(sent_token.encode(), admin_token.encode())


def cross_site_refusal(request: web.Request, settings: Settings) -> str | None:
    """Why a request looks like another site's use of the admin API (see the module docstring), or None."""
    headers = request.headers
    if headers.get("Sec-Fetch-Site") == "cross-site":
        return "The admin API refuses requests from other sites (Sec-Fetch-Site: cross-site)."
    host = headers.get("Host")
    try:
        name = host_name(host) if host is not None else None
    except BadHostError:
        name = ""
    if name is not None and name not in known_host_names(settings) and not is_ip_address(name):
        return "The admin API answers only to this server's own names (the Host names another: DNS rebinding?)."
    origin = headers.get("Origin")
    if origin is not None and not _own_origin(origin, request, settings):
        return f"The admin API refuses requests from the origin {origin} (not this server, not a CORS origin)."
    if request.method in STATE_CHANGING:
        content_type = headers.get("Content-Type")
        if (request.body_exists or content_type is not None) and request.content_type != "application/json":
            return "A request that changes the admin API's state must send its body as application/json."
    return None


def _own_origin(origin: str, request: web.Request, settings: Settings) -> bool:
    host = request.headers.get("Host")
    if host is not None and origin == f"{request.scheme}://{host}":
        return True
    if settings.public_url and origin == "/".join(settings.base_url().split("/", 3)[:3]):
        return True
    return origin_allowed(origin, settings.cors_origins)


def forwarded(request: web.Request) -> bool:
    """Whether a proxy relayed the request (a forwarding header is present)."""
    return any(name in request.headers for name in FORWARDING_HEADERS)


@web.middleware
async def access_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Refuse (403) cross-site use and rebinding, then peers that may not be the developer without the right
    ``X-Admin-Token``, before anything else."""
    settings = runtime_of(request).settings
    refusal = cross_site_refusal(request, settings)
    if refusal is not None:
        raise ApiError(403, refusal, code="forbidden")
    token = request.headers.get("X-Admin-Token")
    if not admin_allowed(request.remote, token, settings.admin_token, forwarded(request)):
        raise ApiError(403, FORBIDDEN, code="forbidden")
    return await handler(request)


# -- health and reset ----------------------------------------------------------------------------------------------


async def get_health(request: web.Request) -> web.Response:
    """GET /health: up, the APIs served (in the canonical order) and the server clock's time."""
    runtime = runtime_of(request)
    served = [slug for slug in SLUGS if slug in runtime.settings.apis]
    return admin_json(models.Health(status="ok", apis=served, now=utc(runtime.clock_now)))


async def reset_state(request: web.Request) -> web.Response:
    """POST /reset: back to the seed (re-read from the seed file when there is one); signing keys are kept."""
    runtime = runtime_of(request)
    try:
        runtime.reload_seed()
    except SeedFileError as error:
        # Nothing was reset: a broken seed file must not silently leave the old data in place.
        log.error("reset refused: %s", error)
        raise ApiError(500, str(error), code="seed_file_invalid") from None
    await runtime.reset()
    return admin_json(models.StatusOk(status="ok"))


# -- journal -------------------------------------------------------------------------------------------------------


def _journal_entry(entry: JournalEntry) -> models.JournalEntry:
    return models.JournalEntry(
        id=entry.id,
        time=utc(entry.time),
        api=entry.api,
        operation=entry.operation,
        method=entry.method,
        path=entry.path,
        query=entry.query,
        status=entry.status,
        duration_ms=entry.duration_ms,
        request_headers=entry.request_headers,
        request_body=entry.request_body or None,
        response_body=entry.response_body or None,
        truncated=models.JournalTruncation(
            request_headers=entry.cut.request_headers,
            request_body=entry.cut.request_body,
            response_body=entry.cut.response_body,
        ),
    )


async def list_journal(request: web.Request) -> web.Response:
    """GET /journal: the entries, newest first, filtered by API, operation and status, at most ``limit``."""
    query = admin_query(request, models.ListJournalParametersQuery)
    entries = await runtime_of(request).journal.fetch(
        api=query.api.value if query.api else None,
        operation=query.operation,
        status=query.status,
        limit=query.limit if query.limit is not None else 100,
        before=query.before,
    )
    return admin_json(models.JournalEntryList(items=[_journal_entry(entry) for entry in entries]))


async def clear_journal(request: web.Request) -> web.Response:
    """DELETE /journal: forget every entry (entry ids keep increasing)."""
    await runtime_of(request).journal.forget()
    return web.Response(status=204)


# -- faults --------------------------------------------------------------------------------------------------------


def _fault(fault: Fault) -> models.Fault:
    return models.Fault.model_validate(fault, from_attributes=True)


async def list_faults(request: web.Request) -> web.Response:
    """GET /faults: the faults in force, oldest (tried first) first."""
    faults = runtime_of(request).faults.all()
    return admin_json(models.FaultList(items=[_fault(fault) for fault in faults]))


async def create_fault(request: web.Request) -> web.Response:
    """POST /faults: answer a status and/or wait before handling, for one operation (or ``*``) of one API."""
    runtime = runtime_of(request)
    body = await admin_body(request, models.FaultIn, not_null=("delay_ms",))
    api = body.api.value
    if api not in runtime.settings.apis:
        raise invalid(f"api: {api} is not served by this server")
    known = {operation for slug, operation in runtime.operations.values() if slug == api}
    if body.operation != "*" and body.operation not in known:
        raise invalid(
            f"operation: {body.operation} is not an operationId of {api} (one of {', '.join(sorted(known))}, or *)"
        )
    delay_ms = body.delay_ms or 0
    if body.status is None and delay_ms == 0:
        raise invalid("status: a fault needs a status, or a delay_ms above 0")
    fault = runtime.faults.add(api, body.operation, body.status, delay_ms, body.count)
    return admin_json(_fault(fault), status=201)


async def clear_faults(request: web.Request) -> web.Response:
    """DELETE /faults: remove every fault (fault ids keep increasing)."""
    runtime_of(request).faults.clear()
    return web.Response(status=204)


async def delete_fault(request: web.Request) -> web.Response:
    """DELETE /faults/{fault_id}: remove one fault; 404 when no active fault has that id."""
    raw = request.match_info["fault_id"]
    # At most 18 ASCII digits: int() refuses over 4300 digits (a 500), and no fault id gets that large anyway.
    fault_id = int(raw) if raw.isascii() and raw.isdecimal() and len(raw) <= 18 else 0
    if fault_id < 1 or not runtime_of(request).faults.remove(fault_id):
        raise not_found(f"No fault with id {raw}.")
    return web.Response(status=204)


# -- clock ---------------------------------------------------------------------------------------------------------


def _clock(runtime: Runtime) -> models.Clock:
    clock = runtime.settings.clock
    now = clock.now()
    return models.Clock(now=utc(now), epoch=now, offset_seconds=clock.offset)


async def get_clock(request: web.Request) -> web.Response:
    """GET /clock: the server clock (wall clock plus the offset)."""
    return admin_json(_clock(runtime_of(request)))


async def advance_clock(request: web.Request) -> web.Response:
    """POST /clock/advance: move the clock forward by ``seconds`` (0 < seconds <= ten years)."""
    runtime = runtime_of(request)
    body = await admin_body(request, models.ClockAdvanceIn)
    runtime.settings.clock.advance(body.seconds)
    return admin_json(_clock(runtime))


def create_admin_app(runtime: Runtime) -> web.Application:
    """The admin sub-app, mounted at ``/__admin`` (its routes are not operations of any API: never faulted)."""
    app = web.Application(middlewares=[access_middleware], client_max_size=runtime.settings.max_body_bytes)
    app.router.add_get("/health", get_health, allow_head=False)
    app.router.add_post("/reset", reset_state)
    add_state_routes(app)
    add_stream_routes(app)
    app.router.add_get("/journal", list_journal, allow_head=False)
    app.router.add_delete("/journal", clear_journal)
    app.router.add_get("/faults", list_faults, allow_head=False)
    app.router.add_post("/faults", create_fault)
    app.router.add_delete("/faults", clear_faults)
    app.router.add_delete("/faults/{fault_id}", delete_fault)
    app.router.add_get("/clock", get_clock, allow_head=False)
    app.router.add_post("/clock/advance", advance_clock)
    add_admin_ui(app)
    return app
