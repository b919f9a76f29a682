"""The authlance API: exchange an identity-provider session for a JWT (also set as the ``loopToken`` cookie), log out.

Known sessions come from the seed and the admin API; they live in the shared store under the ``authlance`` api,
keyed by their id, and belong to a user by subject (the identity id, as Kratos sessions do).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from aiohttp import web

from authkit_mock.core.bodies import parse_body
from authkit_mock.core.credentials import CredentialCheck, CredentialRejectedError, Principal, bearer_token
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.errors import ApiError, RequestValidationError
from authkit_mock.core.public_urls import is_https
from authkit_mock.core.routing import add_operation, runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed import Seed
from authkit_mock.core.store import MemoryStore, Session, Store, Token, User
from authkit_mock.core.tokens import InvalidTokenError
from authkit_mock.models.authlance import (
    ControllersAuthAuthRequest,
    ControllersAuthAuthResponse,
    ControllersAuthLogoutResponse,
)

API = "authlance"
COOKIE = "loopToken"
"""The browser's auth cookie, as upstream Authlance names it."""


def new_user(entropy: Entropy, subject: str | None, email: str | None, name: str | None) -> User:
    """An authlance identity; a missing ``subject`` becomes a random UUID (Kratos identity ids are UUIDs)."""
    subject = subject or random_uuid(entropy)
    return User(api=API, id=subject, email=email, name=name, subject=subject)


def random_uuid(entropy: Entropy) -> str:
    """A version-4 UUID drawn from the server's injected randomness."""
    return str(uuid.UUID(bytes=entropy.token_bytes(16), version=4))


async def find_user(store: Store, reference: str) -> User | None:
    """The authlance user named by subject, or else by e-mail address (compared case-insensitively)."""
    found = await store.user(API, reference)
    return found if found is not None else _by_email(await store.users_of(API), reference)


def _by_email(users: Iterable[User], reference: str) -> User | None:
    wanted = reference.lower()
    return next((user for user in users if user.api == API and user.email and user.email.lower() == wanted), None)


def _seeder(runtime: Runtime) -> Callable[[MemoryStore, Seed], None]:
    def seed_authlance(store: MemoryStore, seed: Seed) -> None:
        now = runtime.clock_now
        for person in seed.authlance.users:
            store.add_user(
                User(api=API, id=person.subject, email=person.email, name=person.name, subject=person.subject)
            )
        for session in seed.authlance.sessions:
            owner = store.users.get((API, session.user)) or _by_email(store.users.values(), session.user)
            store.add_session(
                Session(
                    api=API,
                    id=session.id,
                    user=owner.id if owner is not None else session.user,
                    created_at=now,
                    expires_at=now + session.ttl_seconds if session.ttl_seconds else None,
                )
            )

    return seed_authlance


def loop_token_cookie(value: str, *, secure: bool, max_age: int | None = None) -> str:
    """The ``Set-Cookie`` value for ``loopToken`` (RFC 6265 section 4.1): SameSite=Lax, Path=/, and not HttpOnly.

    Not HttpOnly because Authlance's own browser code reads it from ``document.cookie`` and sends it as the bearer
    token (authlance/loop at dcf1fce560d515ad81cb948d4490ad92e9041563, ``packages/core/src/browser/common/auth.ts``
    and ``hooks/useAuth.tsx``): an HttpOnly cookie would log such an app out of its own API.
    ``Secure`` only when the client reached the server over https (the request's scheme, or an https public URL
    in front of it), or a browser talking to the plain-http reference server would drop the cookie. An empty
    value with ``Max-Age=0`` clears it. (A JWT is all cookie-octets, so the value needs no quoting; http.cookies
    would write an empty value as ``""``.)
    """
    parts = [f"{COOKIE}={value}"]
    if max_age is not None:
        parts.append(f"Max-Age={max_age}")
    parts += ["SameSite=Lax", "Path=/"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def _json(model: ControllersAuthAuthResponse | ControllersAuthLogoutResponse) -> web.Response:
    return web.Response(text=model.model_dump_json(), content_type="application/json")


async def exchange_session_for_token(request: web.Request) -> web.Response:
    """POST /authlance/identity/me: a known, unexpired session id → a JWT, in the body and the ``loopToken`` cookie."""
    runtime = runtime_of(request)
    try:
        body = await parse_body(request, ControllersAuthAuthRequest)
    except RequestValidationError as error:
        raise ApiError(400, f"invalid request payload ({error.detail})") from None
    session = await runtime.store.session(API, body.session)
    if session is None or not session.active:
        raise ApiError(401, "invalid session")
    now = runtime.clock_now
    if not session.live(now):
        raise ApiError(401, "session expired")
    token, claims = runtime.authority(API).mint(session.user, runtime.settings.authlance_token_ttl, sid=session.id)
    runtime.store.add_token(
        Token(api=API, kind="jwt", token=token, created_at=now, subject=session.user, expires_at=claims["exp"]),
        issued=True,
    )
    response = _json(ControllersAuthAuthResponse(token=token))
    # A browser-session cookie (no Max-Age/Expires), as upstream sets it.
    response.headers.add("Set-Cookie", loop_token_cookie(token, secure=is_https(request)))
    return response


async def logout(request: web.Request) -> web.Response:
    """GET /authlance/identity/me/logout: clear ``loopToken`` (the IdP session and issued JWTs are untouched)."""
    response = _json(ControllersAuthLogoutResponse(message="logged out"))
    response.headers.add("Set-Cookie", loop_token_cookie("", secure=is_https(request), max_age=0))
    return response


def credential_check(runtime: Runtime) -> CredentialCheck:
    """How Authlance's protected API checks a request: its JWT, as a bearer token or the ``loopToken`` cookie."""

    async def check(request: web.Request) -> Principal:
        token = bearer_token(request) or request.cookies.get(COOKIE)
        if not token:
            raise CredentialRejectedError("no bearer token and no loopToken cookie")
        try:
            claims = runtime.authority(API).verify(token)
        except InvalidTokenError as error:
            raise CredentialRejectedError(f"invalid token: {error.reason}") from None
        return Principal(str(claims["sub"]), "jwt", claims["exp"], claims.get("sid"))

    return check


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the authlance routes and seed to ``app``."""
    runtime.credential_checks[API] = credential_check(runtime)
    add_operation(
        app, runtime, API, "POST", "/authlance/identity/me", exchange_session_for_token, "exchange_session_for_token"
    )
    add_operation(app, runtime, API, "GET", "/authlance/identity/me/logout", logout, "logout")
    runtime.seeders.append(_seeder(runtime))
