"""``/__admin/ui``: a small page over the admin API, for people (frontend teams, QA) rather than scripts.

Plain HTML, one stylesheet and one script (no build step); the script calls the admin API itself, so the page
can do exactly what the API can. It lives on the admin sub-app, so the admin access rule applies to it too
(loopback peers, or the admin token). The Content-Security-Policy allows scripts, styles and requests to
this origin only, and no inline script or style.
"""

from __future__ import annotations

from importlib import resources

from aiohttp import web

from authkit_mock.core.routing import runtime_of
from authkit_mock.core.settings import SLUGS

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)

FILES = {"admin.js": "text/javascript", "admin.css": "text/css"}


async def page(request: web.Request) -> web.Response:
    """GET /__admin/ui: the page (everything on it is filled in by ``admin.js``)."""
    html = resources.files(__package__ or "authkit_mock.admin.ui").joinpath("index.html").read_text(encoding="utf-8")
    headers = {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cache-Control": "no-store",
    }
    return web.Response(text=html, content_type="text/html", charset="utf-8", headers=headers)


async def asset(request: web.Request) -> web.Response:
    """GET /__admin/ui/{file}: the page's script or stylesheet."""
    file = request.match_info["file"]
    if file not in FILES:
        raise web.HTTPNotFound()
    text = resources.files(__package__ or "authkit_mock.admin.ui").joinpath(file).read_text(encoding="utf-8")
    headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
    return web.Response(text=text, content_type=FILES[file], charset="utf-8", headers=headers)


async def operations(request: web.Request) -> web.Response:
    """GET /__admin/ui/operations: each served API's operationIds, in the order they were registered.

    The fault switches offer exactly the operations the server routes (what ``POST /faults`` accepts).
    """
    registered = runtime_of(request).operations.values()
    served = [slug for slug in SLUGS if slug in runtime_of(request).settings.apis]
    by_api = {slug: list(dict.fromkeys(op for api, op in registered if api == slug)) for slug in served}
    return web.json_response(by_api)


def add_admin_ui(admin: web.Application) -> None:
    """Serve the page on the admin sub-app, at ``/ui`` (``/__admin/ui`` once mounted)."""
    admin.router.add_get("/ui", page, allow_head=False)
    admin.router.add_get("/ui/operations", operations, allow_head=False)
    admin.router.add_get("/ui/{file}", asset, allow_head=False)
