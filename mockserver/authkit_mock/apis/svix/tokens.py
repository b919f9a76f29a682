"""svix credentials: organisation API keys and application (app portal) tokens, both opaque and kept in the store.

- Organisation API keys (``testsk_…`` in the seed; Token kind ``org_key``) act for the whole organisation.
- Application tokens (``appsk_…``; Token kind ``app_token``) are issued by dashboard-access and app-portal-access,
  bound to one application, live ``expiry`` (default ``Settings.svix_app_token_ttl``) seconds, and end by logout or
  expire-all (all of them, or those of some sessions).

Stream tokens and poller tokens are in ``streams.py``.
"""

from __future__ import annotations

import base64
import string
from collections.abc import Collection, Iterable

from authkit_mock.core.entropy import Entropy
from authkit_mock.core.errors import ApiError
from authkit_mock.core.jsontext import compact_json
from authkit_mock.core.seed import Seed
from authkit_mock.core.store import Application, MemoryStore, Store, Token

API = "svix"
ORG_KEY = "org_key"
APP_TOKEN = "app_token"
STREAM_TOKEN = "stream_token"
POLLER_TOKEN = "poller_token"
KINDS = (ORG_KEY, APP_TOKEN, STREAM_TOKEN, POLLER_TOKEN)
APP_TOKEN_PREFIX = "appsk_"
PORTAL_LOGIN_URL = "https://app.svix.com/login"
"""Where the magic links point, as upstream's do (the reference server has no portal of its own)."""


def unauthorized() -> ApiError:
    """401: no usable bearer token (RFC 6750 section 3: the challenge names the scheme)."""
    return ApiError(
        401,
        "Incorrect authentication credentials.",
        code="authentication_failed",
        headers={"WWW-Authenticate": 'Bearer realm="svix"'},
    )


def forbidden(detail: str = "Insufficient access for the given operation.") -> ApiError:
    """403: the token is valid but may not do this."""
    return ApiError(403, detail, code="insufficient access")


def not_found() -> ApiError:
    """404: no such application."""
    return ApiError(404, "Entity not found", code="not_found")


def bearer_credentials(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (RFC 6750 section 2.1; the scheme is
    case-insensitive, RFC 9110 section 11.1), or None."""
    if not authorization:
        return None
    scheme, _, credentials = authorization.strip().partition(" ")
    credentials = credentials.strip()
    if scheme.lower() != "bearer" or not credentials or " " in credentials:
        return None
    return credentials


async def authenticate(store: Store, authorization: str | None, now: float) -> Token:
    """The live svix token the request carries; 401 when it is missing, unknown, expired or logged out."""
    credentials = bearer_credentials(authorization)
    token = await store.token(credentials) if credentials is not None else None
    if token is None or token.api != API or token.kind not in KINDS or not token.live(now):
        raise unauthorized()
    return token


def require_org_key(token: Token) -> None:
    """403 unless ``token`` is an organisation API key (application tokens may only log out)."""
    if token.kind != ORG_KEY:
        raise forbidden()


def seed_keys_and_applications(store: MemoryStore, seed: Seed, now: float) -> None:
    """Add the seeded organisation API keys and applications to ``store``."""
    for key in seed.svix.org_keys:
        store.add_token(Token(api=API, kind=ORG_KEY, token=key, created_at=now))
    for app in seed.svix.applications:
        store.add_application(Application(id=app.id, name=app.name, created_at=now, uid=app.uid))


_ID_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix: str, entropy: Entropy) -> str:
    """A new id like Svix's: ``prefix`` (``app_``, ``strm_``, ``sink_``) and 27 characters of [A-Za-z0-9]."""
    return prefix + "".join(_ID_ALPHABET[byte % len(_ID_ALPHABET)] for byte in entropy.token_bytes(27))


def issue_app_token(
    store: Store,
    app: Application,
    now: float,
    ttl_seconds: float,
    entropy: Entropy,
    session_id: str | None = None,
    grants: str | None = None,
) -> Token:
    """A new application token bound to ``app`` (and to a session, carrying ``grants``, when given)."""
    # 24 random bytes: 32 URL-safe characters, as long as upstream's tokens.
    value = APP_TOKEN_PREFIX + entropy.token_urlsafe(24)
    return store.add_token(
        Token(
            api=API,
            kind=APP_TOKEN,
            token=value,
            created_at=now,
            app_id=app.id,
            expires_at=now + ttl_seconds,
            session_id=session_id,
            grants=grants,
        ),
        issued=True,
    )


def magic_link(app_id: str, token: str, id_name: str = "appId") -> str:
    """The portal login URL whose fragment embeds the application id (as the caller named it) and the token.

    The fragment is ``key=`` and the base64 of ``{"appId": …, "token": …}``, as in upstream's magic links; being a
    fragment, it never reaches a server's logs. Stream portal links name the stream ``streamId`` instead (the
    shape of upstream's stream links is not public).
    """
    payload = compact_json({id_name: app_id, "token": token}).encode()
    return f"{PORTAL_LOGIN_URL}#key={base64.b64encode(payload).decode('ascii')}"


async def app_tokens(store: Store, app: Application) -> list[Token]:
    """Every application token ever issued for ``app`` (live or not)."""
    return [t for t in await store.tokens_owned(API, app=app.id) if t.kind == APP_TOKEN]


async def expire_app_tokens(
    store: Store, app: Application, now: float, expiry: int | None, session_ids: Collection[str] = ()
) -> int:
    """Make every live token of ``app`` expire ``expiry`` seconds from now (0 or None: now); returns how many.

    With ``session_ids``, only the tokens created with one of those session ids.
    """
    return expire_tokens(await app_tokens(store, app), now, expiry, session_ids)


def expire_tokens(tokens: Iterable[Token], now: float, expiry: int | None, session_ids: Collection[str] = ()) -> int:
    """Make the live ``tokens`` (of ``session_ids`` only, when any are given) expire ``expiry`` seconds from now.

    A token already due to expire sooner keeps its earlier expiry: expire-all never extends a token's life.
    """
    expires_at = now + (expiry or 0)
    wanted = frozenset(session_ids)
    count = 0
    for token in tokens:
        if token.live(now) and (not wanted or token.session_id in wanted):
            token.expires_at = expires_at if token.expires_at is None else min(token.expires_at, expires_at)
            count += 1
    return count


async def log_out(store: Store, token: Token) -> None:
    """End an application token at once; 403 for an organisation API key ("Trying to log out other tokens will
    fail"), 404 when the token's application no longer exists (there is nothing left to log out of)."""
    if token.kind != APP_TOKEN:
        raise forbidden("Only application tokens can be logged out.")
    if token.app_id is None or await store.application(token.app_id) is None:
        raise not_found()
    token.revoked = True
