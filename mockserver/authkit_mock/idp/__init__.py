"""An embedded OpenID provider standing in for Synapse, so the bixarena login runs without the real service.

Mounted at ``/synapse`` of the reference server: discovery (``/.well-known/openid-configuration``), JWKS
(``/.well-known/jwks.json``), an authorize endpoint with a real HTML login page, a token endpoint for the
authorization-code grant with PKCE S256, and userinfo. Its users are the bixarena users of the store (seeded,
added through the admin API, or typed in on the login page). ``Settings.idp_auto_login`` skips the page.
"""

from __future__ import annotations

from aiohttp import web

from authkit_mock.core.runtime import Runtime
from authkit_mock.idp.authorization import RegisteredClient
from authkit_mock.idp.handlers import (
    MOUNT_PATH,
    PAGES,
    PROVIDER,
    authorize,
    discovery,
    jwks,
    oauth_error_middleware,
    stylesheet,
    submit_login,
    token,
    userinfo,
)
from authkit_mock.idp.pages import Pages
from authkit_mock.idp.provider import Provider

__all__ = ["MOUNT_PATH", "create_idp_app"]

BIXARENA_CALLBACK = "/auth/oidc/callback"


def create_idp_app(runtime: Runtime) -> web.Application:
    """The provider's sub-app, with BixArena registered as its one client."""
    settings = runtime.settings
    bixarena_prefix = "" if settings.single_api == "bixarena" else "/bixarena"
    client = RegisteredClient(
        client_id=settings.bixarena_client_id,
        name="BixArena",
        redirect_paths=(f"{bixarena_prefix}{BIXARENA_CALLBACK}",),
    )
    provider = Provider(runtime, {client.client_id: client})
    runtime.reset_hooks.append(provider.clear)
    app = web.Application(middlewares=[oauth_error_middleware], client_max_size=settings.max_body_bytes)
    app[PROVIDER] = provider
    app[PAGES] = Pages()
    app.router.add_get("/.well-known/openid-configuration", discovery)
    app.router.add_get("/.well-known/jwks.json", jwks)
    app.router.add_get("/authorize", authorize)
    app.router.add_post("/authorize", submit_login)
    app.router.add_post("/token", token)
    app.router.add_get("/userinfo", userinfo)
    app.router.add_post("/userinfo", userinfo)
    app.router.add_get("/static/login.css", stylesheet)
    return app
