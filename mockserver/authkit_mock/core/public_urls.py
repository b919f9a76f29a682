"""The URLs a client reached this server at, for URLs the server hands out (redirects, discovery, cookies).

The OIDC login bounces a browser between BixArena and the embedded identity provider, and the server calls its
own provider over HTTP. Those URLs must name the server the way the client did (``localhost`` or
``127.0.0.1``, an ephemeral test port), so they come from the request, unless a public URL is configured
(a proxy in front of the server), which then wins.
"""

from __future__ import annotations

from aiohttp import web

from authkit_mock.core.routing import runtime_of


def base_url_of(request: web.Request) -> str:
    """The server's root URL as the client sees it, without a trailing slash."""
    settings = runtime_of(request).settings
    if settings.public_url:
        return settings.base_url()
    return str(request.url.origin())


def api_prefix(request: web.Request, slug: str) -> str:
    """Where ``slug`` is mounted: ``/<slug>``, or nothing in single-API mode."""
    return "" if runtime_of(request).settings.single_api == slug else f"/{slug}"


def is_https(request: web.Request) -> bool:
    """Whether the client reached the server over https (cookies then get ``Secure``)."""
    return base_url_of(request).startswith("https://")
