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
from importlib import import_module

from aiohttp import web
from aiohttp.typedefs import Handler

from authkit_mock.admin.ui import add_admin_ui
from authkit_mock.core.errors import ApiError
from authkit_mock.core.middlewares import origin_allowed
from authkit_mock.core.public_urls import BadHostError, host_name, is_ip_address, known_host_names
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.settings import Settings

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


ROUTES: tuple[tuple[str, str, str], ...] = (
    ("GET", "/health", "operations:get_health"),
    ("POST", "/reset", "operations:reset_state"),
    ("GET", "/users", "state:list_users"),
    ("POST", "/users", "state:create_user"),
    ("GET", "/sessions", "state:list_sessions"),
    ("POST", "/sessions", "state:create_session"),
    ("GET", "/applications", "state:list_applications"),
    ("POST", "/applications", "state:create_application"),
    ("GET", "/tokens", "state:list_tokens"),
    ("POST", "/tokens", "state:create_token"),
    ("GET", "/streams", "streams:list_streams"),
    ("POST", "/streams", "streams:create_stream"),
    ("POST", "/streams/{stream_id}/sinks", "streams:create_sink"),
    ("GET", "/poller-tokens", "streams:list_poller_tokens"),
    ("GET", "/journal", "operations:list_journal"),
    ("DELETE", "/journal", "operations:clear_journal"),
    ("GET", "/faults", "operations:list_faults"),
    ("POST", "/faults", "operations:create_fault"),
    ("DELETE", "/faults", "operations:clear_faults"),
    ("DELETE", "/faults/{fault_id}", "operations:delete_fault"),
    ("GET", "/clock", "operations:get_clock"),
    ("POST", "/clock/advance", "operations:advance_clock"),
)
"""The admin operations (method, path, ``module:handler`` in this package), in the order they are routed. A
handler's module (with the admin models and the API builders it uses) is imported on its first call: about 15 ms
and 0.6 MiB that a start the admin API is never asked of does not spend."""


def on_first_call(target: str) -> Handler:
    """A handler that imports ``target`` (``module:function`` of this package) when first called, then calls it."""
    module, name = target.split(":")
    resolved: list[Handler] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        if not resolved:
            resolved.append(getattr(import_module(f"{__package__}.{module}"), name))
        return await resolved[0](request)

    handler.__name__ = handler.__qualname__ = name
    return handler


def create_admin_app(runtime: Runtime) -> web.Application:
    """The admin sub-app, mounted at ``/__admin`` (its routes are not operations of any API: never faulted)."""
    app = web.Application(middlewares=[access_middleware], client_max_size=runtime.settings.max_body_bytes)
    for method, path, target in ROUTES:
        # add_route("GET", ...) routes no HEAD (add_get's allow_head=False), as the contract has none.
        app.router.add_route(method, path, on_first_call(target))
    add_admin_ui(app)
    return app
