"""The polario API: SCRAM-SHA-256 login over JSON (RFC 5802, RFC 7677), JWT refresh with rotation, and logout.

The handlers translate HTTP to the concepts: :mod:`authkit_mock.apis.polario.scram` (challenges and proofs) and
:mod:`authkit_mock.apis.polario.sessions` (sessions, JWTs and refresh tokens).
"""

from __future__ import annotations

import base64
import binascii
from typing import TypeVar

from aiohttp import web
from pydantic import BaseModel

from authkit_mock.apis.polario.scram import (
    MAX_CLIENT_NONCE,
    MAX_PLATFORM,
    ChallengeRejectedError,
    Challenges,
    PlatformMismatchError,
    ProofRejectedError,
    b64,
)
from authkit_mock.apis.polario.sessions import API, InvalidRefreshTokenError, InvalidSessionError, PolarioSessions
from authkit_mock.core.bodies import parse_body
from authkit_mock.core.credentials import CredentialRejectedError, Principal
from authkit_mock.core.errors import ApiError, FieldError, RequestValidationError
from authkit_mock.core.passwords import ScramCredentials
from authkit_mock.core.routing import add_operation, runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.seed import Seed
from authkit_mock.core.settings import Settings
from authkit_mock.core.store import MemoryStore, User
from authkit_mock.models.polario import (
    AuthAuthenticationRequest,
    AuthAuthenticationResponse,
    AuthLoginRequest,
    AuthLoginResponse,
    AuthRefreshRequest,
    AuthRefreshResponse,
    ModelSwagStatusOk,
)

SESSION_HEADER = "Session"
PLATFORM_HEADER = "Platform"
SALT_BYTES = 16

ModelT = TypeVar("ModelT", bound=BaseModel)


class PolarioState:
    """polario's short-lived protocol state (the outstanding SCRAM challenges) and its session logic."""

    def __init__(self, runtime: Runtime) -> None:
        settings = runtime.settings
        self.challenges = Challenges(
            runtime.maps, settings.entropy, settings.scram_iterations, settings.limits.scram_challenges
        )
        self.sessions = PolarioSessions(runtime)


POLARIO = web.AppKey("polario", PolarioState)


def setup(app: web.Application, runtime: Runtime) -> None:
    """Add the polario routes, seeder and state to ``app``."""
    state = PolarioState(runtime)
    app[POLARIO] = state

    async def check(request: web.Request) -> Principal:
        # As logout checks its Session header: the JWT verifies and its session has not ended.
        try:
            session = await state.sessions.authenticate(request.headers.get(SESSION_HEADER))
        except InvalidSessionError as error:
            raise CredentialRejectedError(f"invalid session: {error}") from None
        return Principal(session.user, "session", None, session.id)

    runtime.credential_checks[API] = check
    runtime.seeders.append(lambda store, seed: seed_users(runtime, store, seed))
    add_operation(app, runtime, API, "POST", "/auth/auth", scram_first_message, "scram_first_message")
    add_operation(app, runtime, API, "POST", "/auth/login", scram_final_message, "scram_final_message")
    add_operation(app, runtime, API, "GET", "/auth/logout", logout, "logout")
    add_operation(app, runtime, API, "POST", "/auth/session", refresh_session, "refresh_session")


def user_id(email: str) -> str:
    """How polario users are keyed: by e-mail, case-insensitively (as openapi/admin.yaml documents)."""
    return email.lower()


def new_user(settings: Settings, email: str, password: str, name: str | None = None) -> User:
    """A polario user kept as SCRAM credentials only: salt, iterations, StoredKey, ServerKey (RFC 5802 section 3)."""
    salt = settings.entropy.token_bytes(SALT_BYTES)
    credentials = ScramCredentials.derive(password, salt, settings.scram_iterations)
    return User(api=API, id=user_id(email), email=email, name=name, scram=credentials)


def seed_users(runtime: Runtime, store: MemoryStore, seed: Seed) -> None:
    """The seeded polario users."""
    for person in seed.polario.users:
        store.add_user(new_user(runtime.settings, person.email, person.password, person.name))


async def scram_first_message(request: web.Request) -> web.Response:
    """``POST /auth/auth``: the client-first message in, the challenge (server-first message) out."""
    body = await _parse(request, AuthAuthenticationRequest)
    platform = request.headers.get(PLATFORM_HEADER)
    if len(body.nonce) > MAX_CLIENT_NONCE:
        raise ApiError(400, f"invalid request body: nonce: at most {MAX_CLIENT_NONCE} characters")
    if platform is not None and len(platform) > MAX_PLATFORM:
        raise ApiError(400, f"the {PLATFORM_HEADER} header has at most {MAX_PLATFORM} characters")
    runtime = runtime_of(request)
    user = await runtime.store.user(API, user_id(body.email))
    challenge = await request.app[POLARIO].challenges.issue(
        email=body.email,
        client_nonce=body.nonce,
        platform=platform,
        credentials=user.scram if user is not None else None,
        now=runtime.clock_now,
        ttl=runtime.settings.polario_challenge_ttl,
    )
    answer = AuthAuthenticationResponse(
        nonce=challenge.nonce, salt=challenge.salt_b64, iterationCount=challenge.iterations, expires=challenge.expires
    )
    return _json(answer)


async def scram_final_message(request: web.Request) -> web.Response:
    """``POST /auth/login``: the client-final message in; the ServerSignature and a new session out."""
    body = await _parse(request, AuthLoginRequest)
    proof = _decode_proof(body.proof)
    runtime = runtime_of(request)
    state = request.app[POLARIO]
    try:
        verified = await state.challenges.answer(
            body.email, body.nonce, proof, request.headers.get(PLATFORM_HEADER), runtime.clock_now
        )
    except PlatformMismatchError:
        raise ApiError(403, "platform does not match the challenge") from None
    except ProofRejectedError:
        raise ApiError(401, "authentication failed") from None
    except ChallengeRejectedError:
        raise ApiError(401, "challenge expired or unknown") from None
    issued = await state.sessions.start(verified.email)
    answer = AuthLoginResponse(
        signature=b64(verified.signature),
        refreshToken=issued.refresh_token,
        deviceId=issued.device_id,
        sendbirdSessionToken=None,
        redirectProjectId=None,
    )
    return _json(answer, jwt=issued.jwt)


async def logout(request: web.Request) -> web.Response:
    """``GET /auth/logout``: end the session of the ``Session`` JWT (every JWT and refresh token of it)."""
    sessions = request.app[POLARIO].sessions
    try:
        session = await sessions.authenticate(request.headers.get(SESSION_HEADER))
    except InvalidSessionError:
        raise ApiError(401, "invalid session") from None
    await sessions.revoke(session)
    return _json(ModelSwagStatusOk(status="ok"))


async def refresh_session(request: web.Request) -> web.Response:
    """``POST /auth/session``: exchange a refresh token for a new JWT and the next refresh token (rotation)."""
    body = await _parse(request, AuthRefreshRequest)
    try:
        issued = await request.app[POLARIO].sessions.refresh(body.refreshToken)
    except InvalidRefreshTokenError as error:
        # 416 for an invalid refresh token is upstream's choice, kept as is.
        raise ApiError(416, str(error)) from None
    answer = AuthRefreshResponse(
        deviceId=issued.device_id, sendbirdSessionToken=None, refreshToken=issued.refresh_token
    )
    return _json(answer, jwt=issued.jwt)


async def _parse(request: web.Request, model: type[ModelT]) -> ModelT:
    """The body through the generated model; anything wrong with it → 400 in polario's words."""
    try:
        return await parse_body(request, model)
    except RequestValidationError as error:
        # Name fields as the client knows them ("nonce", not "body.nonce").
        what = "; ".join(f"{'.'.join(map(str, e.loc[1:])) or 'body'}: {e.msg}" for e in error.errors)
        raise RequestValidationError(400, error.errors, f"invalid request body: {what}") from None


def _decode_proof(proof: str) -> bytes:
    # The schema's pattern admits text such as "abc" that is not whole base64: that is a malformed body too,
    # and it is rejected before the challenge is touched.
    try:
        return base64.b64decode(proof, validate=True)
    except (binascii.Error, ValueError):
        error = FieldError(["body", "proof"], "not valid base64", "base64")
        raise RequestValidationError(400, [error], "invalid request body: proof is not valid base64") from None


def _json(model: BaseModel, jwt: str | None = None) -> web.Response:
    response = web.Response(text=model.model_dump_json(), content_type="application/json")
    if jwt is not None:
        response.headers[SESSION_HEADER] = jwt
    return response
