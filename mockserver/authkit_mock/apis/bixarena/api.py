"""The bixarena API: log in through (fake) Synapse with OpenID Connect, then mint internal JWTs from the session.

The handlers translate HTTP to :mod:`authkit_mock.apis.bixarena.relying_party` (pending logins, the code exchange
and the ID-token checks, all over real HTTP to the provider) and to the store's sessions. The provider is the embedded
fake Synapse (:mod:`authkit_mock.idp`), found on the same origin as the request.

Where a client can see it, the server does what upstream's auth service does (Sage-Bionetworks/sage-monorepo at
86cae545e859d394a33e16fd2d396d22955e4e26, ``apps/bixarena/auth-service``: ``AuthApiDelegateImpl``,
``InternalJwtService``, ``JwkKeyStore``, ``application.yml``): RS256 internal JWTs with ``roles`` and ``nbf``, a
302 to the frontend for a browser's callback, and logout's cache headers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from authkit_mock.apis.bixarena.relying_party import (
    LOGIN_TTL,
    LoginError,
    OidcClient,
    PendingLogins,
    authorization_url,
    state_matches,
)
from authkit_mock.core.credentials import CredentialRejectedError, Principal, bearer_token
from authkit_mock.core.ephemeral import MapFactory
from authkit_mock.core.errors import ApiError
from authkit_mock.core.public_urls import api_prefix, base_url_of, is_https
from authkit_mock.core.routing import add_operation, runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed import Seed
from authkit_mock.core.settings import IDP_PATH
from authkit_mock.core.store import MemoryStore, Session, User
from authkit_mock.core.tokens import InvalidTokenError
from authkit_mock.models.bixarena import InternalTokenResponse, JwksResponse, OidcCallbackResponse

API = "bixarena"
SESSION_COOKIE = "JSESSIONID"
STATE_COOKIE = "oidc_state"
CALLBACK_PATH = "/auth/oidc/callback"
ROLES = ["user"]
"""The ``roles`` claim: upstream mints ``[role]`` (``["admin", "user"]`` for admins); the seed has no admins."""
NO_CACHE = {"Cache-Control": "no-store, no-cache, must-revalidate, max-age=0", "Pragma": "no-cache"}
"""What upstream's logout sends (AuthApiDelegateImpl.logout), so no cache keeps a logged-in page."""


class BixarenaState:
    """bixarena's short-lived protocol state (pending logins) and its HTTP client to the provider."""

    def __init__(self, maps: MapFactory, client_id: str, max_logins: int) -> None:
        self.logins = PendingLogins(maps, max_logins)
        self.oidc = OidcClient(client_id)

    def clear(self) -> None:
        """Forget cached provider documents (an admin reset; the pending logins go with ``Runtime.maps``)."""
        self.oidc.clear()


BIXARENA = web.AppKey("bixarena", BixarenaState)


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the bixarena routes, seeder and state to ``app``."""
    state = BixarenaState(runtime.maps, runtime.settings.bixarena_client_id, runtime.settings.limits.pending_logins)
    app[BIXARENA] = state
    runtime.reset_hooks.append(state.clear)
    runtime.seeders.append(seed_users)

    async def check(request: web.Request) -> Principal:
        # As BixArena's resource servers do: the internal JWT verifies against the JWKS key, by the server clock.
        token = bearer_token(request)
        if token is None:
            raise CredentialRejectedError("no bearer token")
        try:
            claims = runtime.authority(API).verify(token)
        except InvalidTokenError as error:
            raise CredentialRejectedError(f"invalid token: {error.reason}") from None
        return Principal(str(claims["sub"]), "jwt", claims["exp"])

    runtime.credential_checks[API] = check

    async def http_client(_: web.Application) -> AsyncIterator[None]:
        async with state.oidc.running():
            yield

    app.cleanup_ctx.append(http_client)
    add_operation(app, runtime, API, "GET", "/auth/oidc/start", start_oidc_login, "start_oidc_login")
    add_operation(app, runtime, API, "GET", CALLBACK_PATH, complete_oidc_login, "complete_oidc_login")
    add_operation(app, runtime, API, "POST", "/auth/logout", logout, "logout")
    add_operation(app, runtime, API, "POST", "/token", mint_internal_token, "mint_internal_token")
    add_operation(app, runtime, API, "GET", "/.well-known/jwks.json", get_jwks, "get_jwks")


def seed_users(store: MemoryStore, seed: Seed) -> None:
    """The fake Synapse's seeded people (their id is the Synapse user id, the ID token's ``sub``)."""
    for person in seed.bixarena.users:
        store.add_user(User(api=API, id=person.subject, subject=person.subject, name=person.name, email=person.email))


async def start_oidc_login(request: web.Request) -> web.Response:
    """``GET /auth/oidc/start``: a fresh pending login, its cookie, and a 302 to the provider's authorize page."""
    runtime = runtime_of(request)
    state = request.app[BIXARENA]
    # The server calls this URL itself: from configuration only, never from the request (docs/operations/security.md,
    # threat model: a Host-derived provider let any request make the server connect to any host and port).
    provider_url = provider_url_of(runtime)
    try:
        metadata = await state.oidc.metadata(provider_url)
    except LoginError as error:
        raise ApiError(400, f"The OIDC login could not be started. {error.detail}") from None
    redirect_uri = f"{base_url_of(request)}{api_prefix(request, API)}{CALLBACK_PATH}"
    login = await state.logins.start(runtime.settings.entropy, runtime.clock_now, redirect_uri, provider_url)
    location = browser_facing(authorization_url(metadata, state.oidc.client_id, login), request, provider_url)
    response = web.Response(status=302, headers={"Location": location})
    response.headers.add("Set-Cookie", _cookie(request, STATE_COOKIE, login.handle, max_age=LOGIN_TTL))
    response.headers["Cache-Control"] = "no-store"
    return response


def provider_url_of(runtime: Runtime) -> str:
    """The provider the relying party talks to, server-side (``Settings.oidc_provider_url``)."""
    return runtime.settings.oidc_provider_url()


def browser_facing(url: str, request: web.Request, provider_url: str) -> str:
    """``url`` for the browser: the embedded provider's pages on the host the browser used (it may be another
    machine, for which the listen address means nothing), any other provider's as its discovery says."""
    settings = runtime_of(request).settings
    if settings.provider_url is None and url.startswith(f"{provider_url}/"):
        return f"{base_url_of(request)}{IDP_PATH}{url[len(provider_url) :]}"
    return url


async def complete_oidc_login(request: web.Request) -> web.Response:
    """``GET /auth/oidc/callback``: check state, exchange the code, verify the ID token, start the session."""
    runtime = runtime_of(request)
    state = request.app[BIXARENA]
    provider_error = request.query.get("error")
    code, oauth_state = request.query.get("code", ""), request.query.get("state", "")
    if provider_error and not code:
        # RFC 6749 section 4.1.2.1: the provider sent the browser back with an error instead of a code.
        raise ApiError(400, f"The identity provider returned an error: {provider_error}")
    for name, value in (("code", code), ("state", oauth_state)):
        if not value:
            raise ApiError(400, f"Missing required query parameter: {name}")
    # From here on the pending login is used up, whatever the outcome, and its cookie is cleared.
    clear_state = {"Set-Cookie": _cookie(request, STATE_COOKIE, "", max_age=0)}
    now = runtime.clock_now
    login = await state.logins.take(request.cookies.get(STATE_COOKIE), now)
    if login is None:
        raise ApiError(401, "No pending login for this browser (start the login again).", headers=clear_state)
    if now >= login.expires_at:
        raise ApiError(401, "The pending login has expired (start the login again).", headers=clear_state)
    if not state_matches(login, oauth_state):
        raise ApiError(401, "The state does not match the pending login of this browser.", headers=clear_state)
    try:
        metadata = await state.oidc.metadata(login.provider_url)
        id_token = await state.oidc.exchange_code(metadata, code, login)
        claims = await state.oidc.verified_claims(metadata, id_token, login.nonce, runtime.clock_now)
    except LoginError as error:
        raise ApiError(401, error.detail, headers=clear_state) from None
    # The new session replaces the browser's previous one, if any (no session outlives its cookie).
    previous_id = request.cookies.get(SESSION_COOKIE)
    previous = await runtime.store.session(API, previous_id) if previous_id else None
    if previous is not None:
        previous.active = False
    session = runtime.store.add_session(
        Session(
            api=API,
            id=runtime.settings.entropy.token_hex(16).upper(),
            user=claims["sub"],
            created_at=now,
            expires_at=now + runtime.settings.bixarena_session_ttl,
        ),
        issued=True,
    )
    if "text/html" in request.headers.get("Accept", ""):
        # A browser navigating here goes back to the frontend instead of seeing JSON, as upstream's callback does
        # (AuthApiDelegateImpl.callback: a 302 to app.ui-base-url when Accept contains text/html).
        response = web.Response(status=302, headers={"Location": runtime.settings.bixarena_frontend_url})
    else:
        response = _json(OidcCallbackResponse(status="ok"))
    response.headers.add("Set-Cookie", _cookie(request, SESSION_COOKIE, session.id))
    response.headers.add("Set-Cookie", clear_state["Set-Cookie"])
    return response


async def logout(request: web.Request) -> web.Response:
    """``POST /auth/logout``: end the session if there is one; always 204 with the cookie cleared."""
    runtime = runtime_of(request)
    session_id = request.cookies.get(SESSION_COOKIE)
    session = await runtime.store.session(API, session_id) if session_id else None
    if session is not None:
        session.active = False
    return web.Response(status=204, headers={"Set-Cookie": _cookie(request, SESSION_COOKIE, "", max_age=0), **NO_CACHE})


async def mint_internal_token(request: web.Request) -> web.Response:
    """``POST /token``: a short-lived RS256 JWT for the session's user, with ``roles`` (as upstream's
    ``InternalJwtService.mint``)."""
    runtime = runtime_of(request)
    session_id = request.cookies.get(SESSION_COOKIE)
    session = await runtime.store.session(API, session_id) if session_id else None
    if session is None or not session.live(runtime.clock_now):
        raise ApiError(401, "No authenticated session.")
    lifetime = runtime.settings.bixarena_token_ttl
    token, _ = await runtime.authority(API).mint_async(session.user, lifetime, roles=ROLES)
    response = _json(InternalTokenResponse(access_token=token, token_type="Bearer", expires_in=lifetime))
    # RFC 6749 section 5.1 asks this of token responses; the spec adopts it.
    response.headers["Cache-Control"] = "no-store"
    return response


async def get_jwks(request: web.Request) -> web.Response:
    """``GET /.well-known/jwks.json``: the public keys of the internal JWTs."""
    return _json(JwksResponse(keys=runtime_of(request).authority(API).jwks()["keys"]))


def _json(model: InternalTokenResponse | JwksResponse | OidcCallbackResponse) -> web.Response:
    # exclude_unset: a JWK leaves out the members of other key types (an EC key has no n, e), never sends null.
    return web.Response(text=model.model_dump_json(exclude_unset=True), content_type="application/json")


def _cookie(request: web.Request, name: str, value: str, max_age: int | None = None) -> str:
    """A ``Set-Cookie`` value in the spec's attribute order (``Secure`` when the client came over https)."""
    parts = [f"{name}={value}"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    parts += ["Path=/", "HttpOnly", "SameSite=Lax"]
    if is_https(request):
        parts.append("Secure")
    return "; ".join(parts)
