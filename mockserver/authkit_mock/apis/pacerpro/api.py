"""The pacerpro API: log in with email and password for a JWT, refresh it, and revoke every JWT by spinning the JTI.

Every JWT of a user carries the user's current JTI (``User.jti``); ``DELETE /session`` replaces it, so each token
issued before is rejected from then on. Users are keyed by their lower-cased e-mail address (logins are
case-insensitive), and the JWT's ``sub`` is that key.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from aiohttp import web

from authkit_mock.core.bodies import parse_body
from authkit_mock.core.credentials import CredentialCheck, CredentialRejectedError, Principal
from authkit_mock.core.errors import ApiError, RequestValidationError
from authkit_mock.core.passwords import PasswordHash
from authkit_mock.core.routing import add_operation, runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed import Seed
from authkit_mock.core.settings import Settings
from authkit_mock.core.store import MemoryStore, Token
from authkit_mock.core.store import User as StoredUser
from authkit_mock.core.tokens import InvalidTokenError
from authkit_mock.models.pacerpro import Empty, Session, User

API = "pacerpro"
REALM = 'Bearer realm="pacerpro"'

WRONG_CREDENTIALS = "Invalid email or password."
MALFORMED_BODY = "The request body must be a JSON object with an email and a non-empty password"
INVALID_TOKEN = "Missing or invalid authentication token."
EXPIRED_TOKEN = "The authentication token has expired."
REVOKED_TOKEN = "The authentication token has been revoked."

DECOY_HASH = web.AppKey("pacerpro_decoy_hash", PasswordHash)
"""A hash of no one's password, checked for unknown e-mail addresses so that they cost as much as known ones."""


def user_key(email: str) -> str:
    """How pacerpro users are keyed in the store (and named in a JWT's ``sub``)."""
    return email.lower()


def new_user(settings: Settings, email: str, password: str, name: str | None = None) -> StoredUser:
    """A pacerpro user with a salted password hash and a fresh JTI."""
    entropy = settings.entropy
    return StoredUser(
        api=API,
        id=user_key(email),
        email=email,
        name=name,
        password=PasswordHash.create(password, entropy.token_bytes(16), settings.password_hash_iterations),
        jti=entropy.token_urlsafe(16),
    )


def _seeder(settings: Settings) -> Callable[[MemoryStore, Seed], None]:
    def seed_pacerpro(store: MemoryStore, seed: Seed) -> None:
        for user in seed.pacerpro.users:
            store.add_user(new_user(settings, user.email, user.password, user.name))

    return seed_pacerpro


def _unauthorized(message: str, error_code: str | None = "invalid_token") -> ApiError:
    """A 401 with the RFC 6750 section 3 challenge; no error code when the request carried no bearer token at all."""
    challenge = REALM if error_code is None else f'{REALM}, error="{error_code}", error_description="{message}"'
    return ApiError(401, message, headers={"WWW-Authenticate": challenge})


async def _authenticate(request: web.Request, runtime: Runtime) -> tuple[StoredUser, dict[str, object]]:
    """The user of the live bearer token of ``request`` and its claims; a 401 for anything else."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    # RFC 6750 section 2.1: the "Bearer" scheme (case-insensitive) and a b64token. Another scheme, or none, counts
    # as no authentication information at all (section 3: no error code then).
    if scheme.lower() != "bearer":
        raise _unauthorized(INVALID_TOKEN, error_code=None)
    try:
        claims = runtime.authority(API).verify(token.strip())
    except InvalidTokenError as error:
        raise _unauthorized(EXPIRED_TOKEN if error.reason == "expired" else INVALID_TOKEN) from None
    user = await runtime.store.user(API, str(claims["sub"]))
    if user is None or not carries_current_jti(user, claims):
        raise _unauthorized(REVOKED_TOKEN)
    return user, claims


def carries_current_jti(user: StoredUser, claims: dict[str, object]) -> bool:
    """Whether a verified token is still the user's: it carries the JTI that ``DELETE /session`` has not spun yet."""
    return claims["jti"] == user.jti


def _issue(runtime: Runtime, user: StoredUser, previous_exp: int | None = None) -> web.Response:
    """A new JWT for ``user`` carrying the user's current JTI, as a ``Session`` answer.

    A refresh always moves the expiry later, even within the second the previous token was issued in.
    """
    now = int(runtime.clock_now)
    lifetime = runtime.settings.pacerpro_token_ttl
    if previous_exp is not None and now + lifetime <= previous_exp:
        lifetime = previous_exp + 1 - now
    if user.jti is None:
        user.jti = runtime.settings.entropy.token_urlsafe(16)
    token, claims = runtime.authority(API).mint(user.id, lifetime, jti=user.jti)
    expires = int(claims["exp"])
    runtime.store.add_token(
        Token(api=API, kind="jwt", token=token, created_at=now, subject=user.id, expires_at=expires), issued=True
    )
    session = Session(jwtToken=token, expiresAt=datetime.fromtimestamp(expires, UTC))
    return web.Response(text=session.model_dump_json(), content_type="application/json")


async def create_session(request: web.Request) -> web.Response:
    """POST /session: right credentials → a JWT; wrong e-mail or password alike → 401; malformed body → 400."""
    runtime = runtime_of(request)
    try:
        credentials = await parse_body(request, User)
    except RequestValidationError as error:
        raise ApiError(400, f"{MALFORMED_BODY} ({error.detail}).") from None
    password = credentials.password.get_secret_value()
    user = await runtime.store.user(API, user_key(credentials.email))
    if user is None or user.password is None:
        # Do the same hashing work as for a known user, so the answer time does not tell which e-mails exist.
        request.config_dict[DECOY_HASH].matches(password)
        raise ApiError(401, WRONG_CREDENTIALS)
    if not user.password.matches(password):
        raise ApiError(401, WRONG_CREDENTIALS)
    return _issue(runtime, user)


async def refresh_session(request: web.Request) -> web.Response:
    """GET /session: a live token → a new JWT with a later expiry (the old one stays valid until it expires)."""
    runtime = runtime_of(request)
    user, claims = await _authenticate(request, runtime)
    exp = claims["exp"]
    return _issue(runtime, user, exp if isinstance(exp, int) else None)


async def revoke_all_sessions(request: web.Request) -> web.Response:
    """DELETE /session: spin a new JTI, so every token of the user issued so far (this one included) stops working."""
    runtime = runtime_of(request)
    user, _ = await _authenticate(request, runtime)
    user.jti = runtime.settings.entropy.token_urlsafe(16)
    now = runtime.clock_now
    for token in await runtime.store.tokens_owned(API, subject=user.id):
        if token.kind == "jwt" and token.live(now):
            token.revoked = True
    return web.Response(text=Empty().model_dump_json(), content_type="application/json")


def credential_check(runtime: Runtime) -> CredentialCheck:
    """How PacerPro's protected API checks a request: exactly as ``GET /session`` does (signature, expiry, JTI)."""

    async def check(request: web.Request) -> Principal:
        try:
            user, claims = await _authenticate(request, runtime)
        except ApiError as error:
            raise CredentialRejectedError(error.detail) from None
        exp = claims["exp"]
        return Principal(user.id, "jwt", exp if isinstance(exp, int) else None)

    return check


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the pacerpro routes, seed and decoy hash to ``app``."""
    runtime.credential_checks[API] = credential_check(runtime)
    settings = runtime.settings
    app[DECOY_HASH] = PasswordHash.create(
        settings.entropy.token_urlsafe(16), settings.entropy.token_bytes(16), settings.password_hash_iterations
    )
    add_operation(app, runtime, API, "POST", "/session", create_session, "create_session")
    add_operation(app, runtime, API, "GET", "/session", refresh_session, "refresh_session")
    add_operation(app, runtime, API, "DELETE", "/session", revoke_all_sessions, "revoke_all_sessions")
    runtime.seeders.append(_seeder(settings))
