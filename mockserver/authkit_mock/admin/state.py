"""The admin API's view of the shared store: list and add users, sessions, svix applications and tokens."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import TypeVar

from aiohttp import web

from authkit_mock.admin.io import admin_body, admin_json, admin_query, conflict, invalid, optional_utc, utc
from authkit_mock.apis import authlance, pacerpro, polario, svix
from authkit_mock.core.entropy import Entropy
from authkit_mock.core.routing import runtime_of
from authkit_mock.core.runtime import Runtime
from authkit_mock.core.store import Application, Session, Store, Token, User
from authkit_mock.models.admin import (
    AdminApplication,
    AdminApplicationIn,
    AdminApplicationList,
    AdminSession,
    AdminSessionIn,
    AdminSessionList,
    AdminToken,
    AdminTokenGrants,
    AdminTokenIn,
    AdminTokenList,
    AdminUser,
    AdminUserIn,
    AdminUserList,
    ListApplicationsParametersQuery,
    ListSessionsParametersQuery,
    ListTokensParametersQuery,
    ListUsersParametersQuery,
)

PASSWORD_APIS = ("polario", "pacerpro")
SUBJECT_APIS = ("authlance", "bixarena")


# -- users ---------------------------------------------------------------------------------------------------------


T = TypeVar("T")


def page(items: Iterable[T], offset: int | None, limit: int | None) -> Iterator[T]:
    """One page of a listing (``offset`` and ``limit`` as openapi/admin.yaml defaults them): the stores hold up to
    100,000 tokens and sessions, more than one answer should carry."""
    start = offset or 0
    return itertools.islice(items, start, start + (limit if limit is not None else 1000))


def _admin_user(user: User) -> AdminUser:
    # Never the password hash or the SCRAM keys.
    return AdminUser(api=user.api, id=user.id, email=user.email, name=user.name, subject=user.subject)


async def list_users(request: web.Request) -> web.Response:
    """GET /users: every user (of one API with ``api``), in creation order."""
    query = admin_query(request, ListUsersParametersQuery)
    users = await runtime_of(request).store.users_of(query.api.value if query.api else None)
    return admin_json(AdminUserList(items=[_admin_user(user) for user in page(users, query.offset, query.limit)]))


def _check_user_fields(body: AdminUserIn) -> None:
    """What each API needs of a new user (the contract's ``create_user`` rules); 422 otherwise."""
    api = body.api.value
    if body.password is not None and api not in PASSWORD_APIS:
        raise invalid(f"password: only accepted for polario and pacerpro, not for api {api}")
    if body.subject is not None and api not in SUBJECT_APIS:
        raise invalid(f"subject: only accepted for authlance and bixarena, not for api {api}")
    if api in PASSWORD_APIS:
        if body.email is None:
            raise invalid(f"email: required for api {api}")
        if body.password is None:
            raise invalid(f"password: required for api {api}")
    elif api == "authlance" and body.email is None and body.subject is None:
        raise invalid("subject: a subject or an email is required for api authlance")
    elif api == "bixarena":
        if body.name is None:
            raise invalid("name: required for api bixarena (the Synapse user name)")
        if body.subject is not None and not body.subject.isdecimal():
            raise invalid("subject: a Synapse user id is a numeric string")


async def _check_unique(store: Store, api: str, email: str | None, subject: str | None) -> None:
    for user in await store.users_of(api):
        if email is not None and user.email is not None and user.email.lower() == email.lower():
            raise conflict(f"A {api} user with email {email} already exists.")
        if subject is not None and subject in (user.subject, user.id):
            raise conflict(f"A {api} user with subject {subject} already exists.")


async def _synapse_user_id(store: Store, entropy: Entropy) -> str:
    """A fresh numeric Synapse user id (seven digits, like the real ones)."""
    while True:
        candidate = str(1_000_000 + int.from_bytes(entropy.token_bytes(4), "big") % 9_000_000)
        if await store.user("bixarena", candidate) is None:
            return candidate


async def _new_user(runtime: Runtime, body: AdminUserIn) -> User:
    settings = runtime.settings
    api, email, name, password = body.api.value, body.email, body.name, body.password
    if api == "authlance":
        return authlance.new_user(settings.entropy, body.subject, email, name)
    if api == "pacerpro" and email is not None and password is not None:
        return pacerpro.new_user(settings, email, password, name)
    if api == "polario" and email is not None and password is not None:
        return polario.new_user(settings, email, password, name)
    subject = body.subject or await _synapse_user_id(runtime.store, settings.entropy)
    return User(api="bixarena", id=subject, email=email, name=name, subject=subject)


async def create_user(request: web.Request) -> web.Response:
    """POST /users: add a user to one API (409 when its e-mail or subject is taken there)."""
    runtime = runtime_of(request)
    body = await admin_body(request, AdminUserIn, not_null=("email", "password", "name", "subject"))
    _check_user_fields(body)
    await _check_unique(runtime.store, body.api.value, body.email, body.subject)
    user = runtime.store.add_user(await _new_user(runtime, body))
    return admin_json(_admin_user(user), status=201)


# -- sessions ------------------------------------------------------------------------------------------------------


def _admin_session(session: Session, now: float) -> AdminSession:
    return AdminSession(
        api=session.api,
        # polario's sessions are named by the login's device id.
        id=session.device_id or session.id,
        user=session.user,
        created_at=utc(session.created_at),
        expires_at=optional_utc(session.expires_at),
        active=session.live(now),
    )


async def list_sessions(request: web.Request) -> web.Response:
    """GET /sessions: every server-side session (of one API with ``api``), ended and expired ones included."""
    runtime = runtime_of(request)
    query = admin_query(request, ListSessionsParametersQuery)
    now = runtime.clock_now
    sessions = page(await runtime.store.sessions_of(query.api.value if query.api else None), query.offset, query.limit)
    return admin_json(AdminSessionList(items=[_admin_session(session, now) for session in sessions]))


async def create_session(request: web.Request) -> web.Response:
    """POST /sessions: an authlance identity-provider session for an existing user."""
    runtime = runtime_of(request)
    body = await admin_body(request, AdminSessionIn, not_null=("id", "ttl_seconds"))
    api = body.api.value
    user = await authlance.find_user(runtime.store, body.user)
    if user is None:
        raise invalid(f"user: no {api} user with subject or email {body.user}")
    session_id = body.id or authlance.random_uuid(runtime.settings.entropy)
    if await runtime.store.session(api, session_id) is not None:
        raise conflict(f"A {api} session with id {session_id} already exists.")
    now = runtime.clock_now
    expires = now + body.ttl_seconds if body.ttl_seconds is not None else None
    session = Session(api=api, id=session_id, user=user.id, created_at=now, expires_at=expires)
    runtime.store.add_session(session)
    return admin_json(_admin_session(session, now), status=201)


# -- applications --------------------------------------------------------------------------------------------------


def _admin_application(app: Application) -> AdminApplication:
    return AdminApplication(id=app.id, uid=app.uid, name=app.name, created_at=utc(app.created_at))


async def list_applications(request: web.Request) -> web.Response:
    """GET /applications: the svix applications, in creation order."""
    query = admin_query(request, ListApplicationsParametersQuery)
    apps = page(await runtime_of(request).store.applications_of(), query.offset, query.limit)
    return admin_json(AdminApplicationList(items=[_admin_application(app) for app in apps]))


async def create_application(request: web.Request) -> web.Response:
    """POST /applications: a svix application; its id and uid must not be any application's id or uid yet."""
    runtime = runtime_of(request)
    body = await admin_body(request, AdminApplicationIn, not_null=("id",))
    store, entropy = runtime.store, runtime.settings.entropy
    for value in (body.id, body.uid):
        if value is not None and await store.application(value) is not None:
            raise conflict(f"An application with id or uid {value} already exists.")
    app_id = body.id
    while app_id is None or await store.application(app_id) is not None:
        app_id = svix.new_id("app_", entropy)
    app = Application(id=app_id, name=body.name, created_at=runtime.clock_now, uid=body.uid)
    store.add_application(app)
    return admin_json(_admin_application(app), status=201)


# -- tokens --------------------------------------------------------------------------------------------------------


def _grants(token: Token) -> AdminTokenGrants | None:
    if token.grants is None:
        return None
    grants = json.loads(token.grants)
    return AdminTokenGrants(
        feature_flags=grants.get("featureFlags", []),
        capabilities=grants.get("capabilities"),
        read_only=grants.get("readOnly"),
    )


def _admin_token(token: Token) -> AdminToken:
    return AdminToken(
        api=token.api,
        kind=token.kind,
        token=token.token,
        subject=token.subject,
        app_id=token.app_id,
        expires_at=optional_utc(token.expires_at),
        # A rotated (used) refresh token stopped working before its expiry just as a revoked one did.
        revoked=token.revoked or token.used,
        stream_id=token.stream_id,
        sink_id=token.sink_id,
        session_id=token.session_id,
        grants=_grants(token),
    )


async def list_tokens(request: web.Request) -> web.Response:
    """GET /tokens: every token the server knows since the last reset (of one API with ``api``), in issue order."""
    query = admin_query(request, ListTokensParametersQuery)
    tokens = page(
        await runtime_of(request).store.tokens_of(query.api.value if query.api else None), query.offset, query.limit
    )
    return admin_json(AdminTokenList(items=[_admin_token(token) for token in tokens]))


async def create_token(request: web.Request) -> web.Response:
    """POST /tokens: a svix organisation API key (generated unless given; 409 when it exists)."""
    runtime = runtime_of(request)
    body = await admin_body(request, AdminTokenIn, not_null=("token",))
    value = body.token or f"testsk_{runtime.settings.entropy.token_urlsafe(18)}"
    if await runtime.store.token(value) is not None:
        raise conflict("That token already exists.")
    token = Token(api=body.api.value, kind=body.kind.value, token=value, created_at=runtime.clock_now)
    runtime.store.add_token(token)
    return admin_json(_admin_token(token), status=201)
